import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { NotFoundError } from '../../../errors.js';
import type { Kith } from '../../../kith.js';
import { parseInput, ruleFieldErrors, submitForm, type FieldErrors } from '../../../web/forms.js';
import { renderPdf } from '../../../web/pdf.js';
import { organisationSummaries, organisationSummariesByIds, pointForPostcode } from '../../directory/index.js';
import { hoursText, milestonesReached, nextMilestone } from '../record.js';
import {
  bitsOf,
  COMMITMENTS,
  DISTANCES,
  INTERESTS,
  JoinInput,
  LogHoursInput,
  NothingInput,
  ShareInput,
  SuggestionInput,
} from '../inputs.js';
import { withDates } from '../../../web/fields.js';
import type { Commitment } from '../schema.js';
import {
  findOpportunity,
  heldBySlot,
  opportunitiesByIds,
  shiftsByIds,
  shiftsOf,
  signupsOfPerson,
  findSignup,
  OPEN_STATUSES,
  suggestionsBy,
} from '../store.js';
import { checksOfPerson, sharesOf } from '../checks-store.js';
import { organisationsToShareWith, shareChecks, withdrawShare } from '../sharing.js';
import { hoursOfPerson, thanksOf } from '../hours-store.js';
import { daysMask, timesMask, TIMES_OF_DAY } from '../times.js';
import { cancelSignup, signUp } from '../signups.js';
import { findOpportunities, searchWords } from '../search.js';
import { logHours } from '../hours.js';
import { suggestOpportunity } from '../roles.js';
import { items, me, placeFor, presentOpportunity, presentShift, viewWith } from './context.js';
import { WEEKDAYS, todayInPlace } from '../../../platform/dates.js';

const SearchQuery = z.object({
  q: z.string().max(200, 'volunteering.validation.words.long').optional().default(''),
  interest: z.enum(INTERESTS).optional().catch(undefined),
  days: z.union([z.string(), z.array(z.string())]).optional(),
  times: z.union([z.string(), z.array(z.string())]).optional(),
  commitment: z.string().optional(),
  remote: z.string().optional(),
  postcode: z.string().max(12, 'volunteering.validation.postcode.long').optional().default(''),
  miles: z.coerce.number().optional().catch(undefined),
});

const list = (v: unknown) => (Array.isArray(v) ? v.map(String) : typeof v === 'string' && v ? [v] : []);

export function publicRoutes(app: FastifyInstance, kith: Kith) {
  const db = () => kith.db.kysely;

  app.get('/places/:place/volunteering', async (request, reply) => {
    const ctx = await placeFor(kith, request, 'volunteers.browse');
    // Words or a postcode too long to be real are told beside their field; the rest of the search still runs.
    const asked = { ...((request.query ?? {}) as Record<string, unknown>) };
    const checked = parseInput(SearchQuery, asked);
    let errors: FieldErrors | undefined = checked.ok ? undefined : checked.errors;
    for (const field of Object.keys(errors ?? {})) delete asked[field];
    const query = checked.ok ? checked.value : SearchQuery.parse(asked);
    const days = list(query.days).filter((d): d is (typeof WEEKDAYS)[number] =>
      (WEEKDAYS as readonly string[]).includes(d),
    );
    const times = list(query.times).filter((d): d is (typeof TIMES_OF_DAY)[number] =>
      (TIMES_OF_DAY as readonly string[]).includes(d),
    );
    const commitment = (COMMITMENTS as readonly string[]).includes(query.commitment ?? '')
      ? (query.commitment as Commitment)
      : null;
    const miles = DISTANCES.includes(query.miles as (typeof DISTANCES)[number]) ? query.miles! : 5;
    let near = null;
    if (query.postcode.trim()) {
      near = (await pointForPostcode(db(), query.postcode)) ?? null;
      if (!near) errors = { postcode: { key: 'volunteering.validation.postcode.unknown' } };
    }
    const found = await findOpportunities(kith, ctx.place.id, {
      words: searchWords(query.q),
      interests: query.interest ? bitsOf(INTERESTS, [query.interest]) : 0,
      days: daysMask(days),
      times: timesMask(times),
      commitment,
      remoteOnly: query.remote === 'yes',
      near,
      miles,
    });
    const names = await organisationSummariesByIds(
      db(),
      ctx.place.id,
      found.map((o) => o.organisationId),
    );
    return viewWith(
      reply,
      ctx,
      'volunteering/search.njk',
      {
        pageTitle: request.t('volunteering.search.title'),
        query,
        results: found.map((o) => ({
          ...presentOpportunity(request.t, o, names.get(o.organisationId)?.name ?? ''),
          milesText: o.miles === null ? '' : request.t('volunteering.miles', { miles: o.miles.toFixed(1) }),
        })),
        interestItems: [
          { value: '', text: request.t('volunteering.search.anyInterest') },
          ...items(request.t, INTERESTS, 'volunteering.interest.', query.interest),
        ],
        dayItems: items(request.t, WEEKDAYS, 'volunteering.day.', days),
        timeItems: items(request.t, TIMES_OF_DAY, 'volunteering.time.', times),
        commitmentItems: [
          { value: '', text: request.t('volunteering.search.anyCommitment') },
          ...items(request.t, COMMITMENTS, 'volunteering.commitment.', commitment ?? ''),
        ],
        distanceItems: DISTANCES.map((d) => ({
          value: String(d),
          text: request.t('volunteering.miles', { miles: String(d) }),
          selected: d === miles,
        })),
        canCoordinate: kith.policy.can(request.actor, 'volunteers.coordinateAny', ctx.place),
        canTakePart: kith.policy.can(request.actor, 'volunteers.takePart', ctx.place),
        errors,
      },
      checked.ok ? 200 : 400,
    );
  });

  async function showOpportunity(
    request: FastifyRequest,
    reply: FastifyReply,
    values: Record<string, unknown> = {},
    errors?: FieldErrors,
    status = 200,
  ) {
    const ctx = await placeFor(kith, request, 'volunteers.browse');
    const opportunity = await findOpportunity(db(), (request.params as { opportunity: string }).opportunity);
    if (!opportunity || opportunity.placeId !== ctx.place.id || opportunity.status !== 'open')
      throw new NotFoundError();
    const organisation = (await organisationSummariesByIds(db(), ctx.place.id, [opportunity.organisationId])).get(
      opportunity.organisationId,
    );
    const shifts =
      opportunity.participation === 'shifts' ? await shiftsOf(db(), opportunity.id, new Date().toISOString()) : [];
    const held = await heldBySlot(
      db(),
      shifts.map((s) => s.id),
    );
    const mine = request.actor.personId
      ? (await signupsOfPerson(db(), ctx.place.id, request.actor.personId)).filter(
          (s) => s.opportunityId === opportunity.id && OPEN_STATUSES.includes(s.status),
        )
      : [];
    const presented = shifts
      .filter((s) => s.startsAt > new Date().toISOString())
      .map((s) => presentShift(request.t, request.lang, s, held.get(s.id) ?? 0));
    return viewWith(
      reply,
      ctx,
      'volunteering/opportunity.njk',
      {
        pageTitle: opportunity.title,
        opportunity: presentOpportunity(request.t, opportunity, organisation?.name ?? ''),
        shiftItems: presented.map((s) => {
          const already = mine.some((m) => m.shiftId === s.id);
          return {
            value: s.id,
            text: s.whenText,
            // A shift that cannot be chosen says why.
            hint: {
              text: already
                ? request.t('volunteering.shift.alreadyYours')
                : s.free
                  ? s.placesText
                  : request.t('volunteering.shift.full'),
            },
            checked: values.shift === s.id,
            disabled: already,
          };
        }),
        mine: mine.map((m) => ({
          ...m,
          statusText: request.t(`volunteering.signupStatus.${m.status}`),
          shift: presented.find((s) => s.id === m.shiftId)?.whenText ?? '',
        })),
        canTakePart: kith.policy.can(request.actor, 'volunteers.takePart', ctx.place),
        values,
        errors,
        fieldIds: { birthDate: 'birthDate-day', shift: presented[0] ? 'shift' : 'message' },
      },
      status,
    );
  }

  app.get('/places/:place/volunteering/opportunities/:opportunity', (request, reply) =>
    showOpportunity(request, reply),
  );

  app.post('/places/:place/volunteering/opportunities/:opportunity', async (request, reply) => {
    const ctx = await placeFor(kith, request);
    return submitForm(request, {
      schema: JoinInput,
      input: withDates(request.body, 'birthDate'),
      echo: request.body,
      show: (form) => showOpportunity(request, reply, form.values, form.errors, form.status),
      run: (join, submission) =>
        signUp(kith, {
          placeId: ctx.place.id,
          actorId: me(request),
          formKey: submission.key,
          opportunityId: (request.params as { opportunity: string }).opportunity,
          shiftId: join.shift || null,
          message: join.message,
          birthDate: join.birthDate,
        }),
      done: ({ status }) => reply.seeOther(`${ctx.base}/mine`, `volunteering.joined.${status}`),
    });
  });

  async function showMine(
    request: FastifyRequest,
    reply: FastifyReply,
    values: Record<string, unknown> = {},
    errors?: FieldErrors,
    status = 200,
  ) {
    const ctx = await placeFor(kith, request);
    const person = me(request);
    const [signups, hours, thanks, checks, shares] = await Promise.all([
      signupsOfPerson(db(), ctx.place.id, person),
      hoursOfPerson(db(), ctx.place.id, person),
      thanksOf(db(), ctx.place.id, person),
      checksOfPerson(db(), ctx.place.id, person),
      sharesOf(db(), ctx.place.id, person),
    ]);
    // Leave can be given to an organisation they signed up with, for checks some other organisation recorded.
    const sharing = new Set(shares.map((s) => s.organisationId));
    const originals = checks.filter((c) => !c.sourceCheckId);
    const shareable = [
      ...new Set(signups.filter((s) => OPEN_STATUSES.includes(s.status)).map((s) => s.organisationId)),
    ].filter((id) => !sharing.has(id) && originals.some((c) => c.organisationId !== id));
    const opportunities = await opportunitiesByIds(db(), [
      ...signups.map((s) => s.opportunityId),
      ...hours.flatMap((h) => (h.opportunityId ? [h.opportunityId] : [])),
    ]);
    const shifts = await shiftsByIds(
      db(),
      signups.flatMap((s) => (s.shiftId ? [s.shiftId] : [])),
    );
    const organisations = await organisationSummariesByIds(db(), ctx.place.id, [
      ...signups.map((s) => s.organisationId),
      ...hours.map((h) => h.organisationId),
      ...thanks.map((t) => t.organisationId),
      ...checks.map((c) => c.organisationId),
      ...shares.map((c) => c.organisationId),
    ]);
    const orgName = (id: string) => organisations.get(id)?.name ?? '';
    const now = new Date().toISOString();
    const calledOff = (shift: { cancelledAt: string | null; endsAt: string } | undefined) =>
      !!shift && shift.cancelledAt !== null && shift.endsAt > now;
    const confirmedMinutes = hours.filter((h) => h.status === 'confirmed').reduce((sum, h) => sum + h.minutes, 0);
    const byOrganisation = new Map<string, number>();
    for (const h of hours)
      if (h.status === 'confirmed')
        byOrganisation.set(h.organisationId, (byOrganisation.get(h.organisationId) ?? 0) + h.minutes);
    const confirmedRoles = [...new Set(signups.filter((s) => s.status === 'confirmed').map((s) => s.opportunityId))];
    return viewWith(
      reply,
      ctx,
      'volunteering/mine.njk',
      {
        pageTitle: request.t('volunteering.mine.title'),
        signups: signups
          // A shift the organisation called off stays on the list, with its reason, until its day has passed.
          .filter(
            (s) =>
              OPEN_STATUSES.includes(s.status) ||
              s.status === 'declined' ||
              calledOff(s.shiftId ? shifts.get(s.shiftId) : undefined),
          )
          .map((s) => {
            const shift = s.shiftId ? shifts.get(s.shiftId) : undefined;
            return {
              ...s,
              title: opportunities.get(s.opportunityId)?.title ?? '',
              organisation: orgName(s.organisationId),
              when: shift ? presentShift(request.t, request.lang, shift, 0).whenText : '',
              statusText: calledOff(shift)
                ? request.t('volunteering.signupStatus.shiftCancelled')
                : request.t(`volunteering.signupStatus.${s.status}`),
              reply: calledOff(shift) ? shift!.cancelReason : s.reply,
              canCancel: OPEN_STATUSES.includes(s.status),
            };
          }),
        hours: hours.map((h) => ({
          ...h,
          title: (h.opportunityId && opportunities.get(h.opportunityId)?.title) || h.note,
          organisation: orgName(h.organisationId),
          hoursText: hoursText(h.minutes),
          statusText: request.t(`volunteering.hoursStatus.${h.status}`),
        })),
        totalText: hoursText(confirmedMinutes),
        byOrganisation: [...byOrganisation].map(([id, minutes]) => ({
          organisation: orgName(id),
          hoursText: hoursText(minutes),
        })),
        milestones: milestonesReached(confirmedMinutes),
        next: nextMilestone(confirmedMinutes),
        thanks: thanks.map((t) => ({ ...t, organisation: orgName(t.organisationId) })),
        checks: checks.map((c) => ({
          ...c,
          organisation: orgName(c.organisationId),
          kindText: request.t(`volunteering.check.${c.kind}`),
        })),
        canShare: originals.length > 0,
        shares: shares.map((s) => ({ ...s, organisation: orgName(s.organisationId) })),
        shareItems: shareable.map((id) => ({
          value: id,
          text: orgName(id),
          checked: values.organisation === id,
        })),
        roleItems: confirmedRoles.map((id) => ({
          value: id,
          text: `${opportunities.get(id)?.title ?? ''} (${orgName(opportunities.get(id)?.organisationId ?? '')})`,
          checked: values.opportunity === id,
        })),
        values,
        errors,
        fieldIds: { workedOn: 'workedOn-day', opportunity: 'opportunity', organisation: 'organisation' },
      },
      status,
    );
  }

  app.get('/places/:place/volunteering/mine', (request, reply) => showMine(request, reply));

  app.post('/places/:place/volunteering/hours', async (request, reply) => {
    const ctx = await placeFor(kith, request);
    return submitForm(request, {
      schema: LogHoursInput,
      input: withDates(request.body, 'workedOn'),
      echo: request.body,
      show: (form) => showMine(request, reply, form.values, form.errors, form.status),
      run: (hours, submission) =>
        logHours(kith, {
          placeId: ctx.place.id,
          actorId: me(request),
          formKey: submission.key,
          opportunityId: hours.opportunity,
          workedOn: hours.workedOn!,
          minutes: hours.minutes,
          note: hours.note,
        }),
      done: () => reply.seeOther(`${ctx.base}/mine`, 'volunteering.hours.logged'),
    });
  });

  app.post('/places/:place/volunteering/shares', async (request, reply) => {
    const ctx = await placeFor(kith, request);
    return submitForm(request, {
      schema: ShareInput,
      show: (form) => showMine(request, reply, form.values, form.errors, form.status),
      check: async ({ organisation }) =>
        (await organisationsToShareWith(db(), ctx.place.id, me(request))).includes(organisation)
          ? undefined
          : { organisation: { key: 'volunteering.validation.shareWith.required' } },
      run: (share, submission) =>
        shareChecks(kith, {
          placeId: ctx.place.id,
          actorId: me(request),
          formKey: submission.key,
          organisationId: share.organisation,
        }),
      done: () => reply.seeOther(`${ctx.base}/mine`, 'volunteering.share.shared'),
    });
  });

  app.post('/places/:place/volunteering/shares/:organisation/withdraw', async (request, reply) => {
    const ctx = await placeFor(kith, request);
    return submitForm(request, {
      schema: NothingInput,
      show: (form) => showMine(request, reply, form.values, form.errors, form.status),
      // Only ever the person's own leave: the actor is part of what is deleted.
      run: () =>
        withdrawShare(kith, {
          placeId: ctx.place.id,
          actorId: me(request),
          organisationId: (request.params as { organisation: string }).organisation,
        }),
      done: () => reply.seeOther(`${ctx.base}/mine`, 'volunteering.share.withdrawn'),
    });
  });

  app.post('/places/:place/volunteering/signups/:signup/cancel', async (request, reply) => {
    const ctx = await placeFor(kith, request);
    const signup = await findSignup(db(), (request.params as { signup: string }).signup);
    if (!signup || signup.placeId !== ctx.place.id) throw new NotFoundError();
    kith.policy.authorize(request.actor, 'volunteers.ownSignup', signup);
    try {
      await cancelSignup(kith, { placeId: ctx.place.id, actorId: me(request), signupId: signup.id, base: ctx.base });
    } catch (error) {
      if (ruleFieldErrors(error) || (error as { status?: number }).status === 422)
        return reply.seeOther(`${ctx.base}/mine`);
      throw error;
    }
    return reply.seeOther(`${ctx.base}/mine`, 'volunteering.cancelled');
  });

  async function showSuggest(
    request: FastifyRequest,
    reply: FastifyReply,
    values: Record<string, unknown> = {},
    errors?: FieldErrors,
    status = 200,
  ) {
    const ctx = await placeFor(kith, request);
    const [organisations, mine] = await Promise.all([
      organisationSummaries(db(), ctx.place.id),
      suggestionsBy(db(), ctx.place.id, me(request)),
    ]);
    const names = new Map(organisations.map((o) => [o.id, o.name]));
    return viewWith(
      reply,
      ctx,
      'volunteering/suggest.njk',
      {
        pageTitle: request.t('volunteering.suggest.title'),
        organisationItems: [
          { value: '', text: request.t('volunteering.suggest.choose') },
          ...organisations.map((o) => ({ value: o.id, text: o.name, selected: values.organisation === o.id })),
        ],
        mine: mine.map((s) => ({
          ...s,
          organisation: names.get(s.organisationId) ?? '',
          statusText: request.t(`volunteering.suggestionStatus.${s.status}`),
        })),
        values,
        errors,
      },
      status,
    );
  }

  app.get('/places/:place/volunteering/suggest', (request, reply) => showSuggest(request, reply));

  app.post('/places/:place/volunteering/suggest', async (request, reply) => {
    const ctx = await placeFor(kith, request);
    return submitForm(request, {
      schema: SuggestionInput,
      show: (form) => showSuggest(request, reply, form.values, form.errors, form.status),
      check: async ({ organisation }) =>
        (await organisationSummariesByIds(db(), ctx.place.id, [organisation])).has(organisation)
          ? undefined
          : { organisation: { key: 'volunteering.validation.organisation.required' } },
      run: (suggestion, submission) =>
        suggestOpportunity(kith, {
          placeId: ctx.place.id,
          actorId: me(request),
          formKey: submission.key,
          organisationId: suggestion.organisation,
          title: suggestion.title,
          detail: suggestion.detail,
        }),
      done: () => reply.seeOther(`${ctx.base}/suggest`, 'volunteering.suggest.sent'),
    });
  });

  /** A certificate of the confirmed hours a volunteer has given, by organisation, in their language. */
  app.get('/places/:place/volunteering/certificate.pdf', async (request, reply) => {
    const ctx = await placeFor(kith, request);
    const hours = (await hoursOfPerson(db(), ctx.place.id, me(request))).filter((h) => h.status === 'confirmed');
    const organisations = await organisationSummariesByIds(
      db(),
      ctx.place.id,
      hours.map((h) => h.organisationId),
    );
    const byOrganisation = new Map<string, number>();
    for (const h of hours)
      byOrganisation.set(h.organisationId, (byOrganisation.get(h.organisationId) ?? 0) + h.minutes);
    const total = hours.reduce((sum, h) => sum + h.minutes, 0);
    const t = request.t;
    const name = request.person?.name ?? '';
    const pdf = await renderPdf(
      {
        title: t('volunteering.certificate.title'),
        lang: request.lang,
        author: ctx.name,
        subject: t('volunteering.certificate.subject', { name }),
      },
      (doc) => {
        doc.heading(t('volunteering.certificate.title'));
        doc.paragraph(t('volunteering.certificate.lead', { name, hours: hoursText(total), place: ctx.name }));
        if (byOrganisation.size) {
          doc.table(
            [t('volunteering.certificate.organisation'), t('volunteering.certificate.hours')],
            [...byOrganisation].map(([id, minutes]) => [organisations.get(id)?.name ?? '', hoursText(minutes)]),
            [0.7, 0.3],
          );
        }
        doc.paragraph(t('volunteering.certificate.date', { date: todayInPlace() }), { secondary: true });
      },
    );
    return reply
      .type('application/pdf')
      .header('content-disposition', 'attachment; filename="volunteering-certificate.pdf"')
      .header('cache-control', 'no-store')
      .send(pdf);
  });
}
