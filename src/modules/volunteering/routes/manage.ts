import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError } from '../../../errors.js';
import type { Kith } from '../../../kith.js';
import { hasRole } from '../../../policy/index.js';
import type { z } from 'zod';
import type { Submission } from '../../../platform/idempotency/index.js';
import { parseInput, ruleFieldErrors, submitForm, type FieldErrors } from '../../../web/forms.js';
import {
  organisationIdsOrganisedBy,
  organisationSummaries,
  organisationSummariesByIds,
} from '../../directory/index.js';
import { namesOf } from '../../people/index.js';
import { hoursText } from '../record.js';
import {
  listOf,
  AttendanceInput,
  CancelShiftInput,
  CHECK_KINDS,
  CheckInput,
  COMMITMENTS,
  ConsentInput,
  HoursDecisionInput,
  INTERESTS,
  OpportunityInput,
  PARTICIPATIONS,
  RespondInput,
  SharedCheckInput,
  ShiftsInput,
  StatusInput,
  STATUSES,
  SuggestionResponseInput,
  TeamHoursInput,
  ThanksInput,
} from '../inputs.js';
import { withDates } from '../../../web/fields.js';
import { draftHrefOf, withDraft } from '../../../web/library-draft.js';
import {
  findOpportunity,
  findShift,
  heldBySlot,
  opportunitiesByIds,
  opportunitiesOfOrganisation,
  shiftsByIds,
  shiftsOf,
  signupsAwaiting,
  signupsOfPerson,
  signupsOfSlot,
  findSignup,
  findSuggestion,
  newSuggestions,
  type Opportunity,
} from '../store.js';
import { checksExpiring, checksOf, consentsOf, birthDateOf, sharedChecksFor, sourcesOf } from '../checks-store.js';
import {
  acceptSharedCheck,
  auditSharedChecksSeen,
  checksNeededBy,
  declineSharedCheck,
  usefulHere,
} from '../sharing.js';
import { hoursToConfirm } from '../hours-store.js';
import { daysOf, timesOf, TIMES_OF_DAY } from '../times.js';
import { parseRequirements } from '../requirements.js';
import { addShifts, cancelShift } from '../shifts.js';
import { changeOpportunityStatus, editOpportunity, declineSuggestion, publishOpportunity } from '../roles.js';
import { decideLoggedHours, logTeamHours, markAttendance, sendThanks } from '../hours.js';
import { recordCheck, recordConsent } from '../checks.js';
import { respondToSignup, UnmetRequirementsError } from '../signups.js';
import {
  daysSince,
  holdText,
  items,
  me,
  organisationFor,
  placeFor,
  presentOpportunity,
  presentShift,
  viewWith,
  type OrganisationContext,
} from './context.js';
import { WEEKDAYS, addDays, ageOn, longDate, todayInPlace } from '../../../platform/dates.js';

/** Interest unanswered this long is flagged on the dashboard (seed 003: recruiters who never reply lose volunteers). */
export const FLAG_AFTER_DAYS = 7;
/** Coordinators are warned this many days before a check expires. */
export const EXPIRY_WARNING_DAYS = 30;

const param = (request: FastifyRequest, name: string) => (request.params as Record<string, string>)[name]!;

export function manageRoutes(app: FastifyInstance, kith: Kith) {
  const db = () => kith.db.kysely;
  const view = (
    reply: FastifyReply,
    ctx: OrganisationContext,
    template: string,
    data: Record<string, unknown>,
    status = 200,
  ) => viewWith(reply, ctx, template, { organisation: ctx.organisation, manage: ctx.manage, ...data }, status);

  app.get('/places/:place/volunteering/manage', async (request, reply) => {
    const ctx = await placeFor(kith, request, 'volunteers.coordinateAny');
    const organisations = hasRole(request.actor, ctx.place.id, 'admin')
      ? await organisationSummaries(db(), ctx.place.id)
      : [
          ...(
            await organisationSummariesByIds(
              db(),
              ctx.place.id,
              await organisationIdsOrganisedBy(db(), ctx.place.id, me(request)),
            )
          ).values(),
        ];
    return viewWith(reply, ctx, 'volunteering/manage.njk', {
      pageTitle: request.t('volunteering.manage.title'),
      organisations,
    });
  });

  app.get('/places/:place/volunteering/manage/:organisation', async (request, reply) => {
    const ctx = await organisationFor(kith, request);
    const today = todayInPlace();
    const [awaiting, hours, expiring, opportunities, suggestions] = await Promise.all([
      signupsAwaiting(db(), ctx.place.id, ctx.organisation.id),
      hoursToConfirm(db(), ctx.place.id, ctx.organisation.id),
      checksExpiring(db(), ctx.place.id, ctx.organisation.id, today, addDays(today, EXPIRY_WARNING_DAYS)),
      opportunitiesOfOrganisation(db(), ctx.place.id, ctx.organisation.id),
      newSuggestions(db(), ctx.place.id, ctx.organisation.id),
    ]);
    const names = await namesOf(db(), [
      ...awaiting.map((s) => s.personId),
      ...hours.map((h) => h.personId),
      ...expiring.map((c) => c.personId),
    ]);
    const titles = new Map(opportunities.map((o) => [o.id, o.title]));
    const shifts = await shiftsByIds(
      db(),
      awaiting.flatMap((s) => (s.shiftId ? [s.shiftId] : [])),
    );
    return view(reply, ctx, 'volunteering/dashboard.njk', {
      pageTitle: ctx.organisation.name,
      awaiting: awaiting.map((s) => {
        const days = daysSince(s.createdAt);
        return {
          ...s,
          name: names.get(s.personId) ?? '',
          title: titles.get(s.opportunityId) ?? '',
          when:
            s.shiftId && shifts.get(s.shiftId)
              ? presentShift(request.t, request.lang, shifts.get(s.shiftId)!, 0).whenText
              : '',
          statusText: request.t(`volunteering.signupStatus.${s.status}`),
          waitedText: request.t('volunteering.dashboard.waited', { count: days }),
          flagged: !s.respondedAt && days >= FLAG_AFTER_DAYS,
          answered: s.respondedAt !== null,
        };
      }),
      hours: hours.map((h) => ({
        ...h,
        name: names.get(h.personId) ?? '',
        title: (h.opportunityId && titles.get(h.opportunityId)) || '',
        hoursText: hoursText(h.minutes),
      })),
      expiring: expiring.map((c) => ({
        ...c,
        name: names.get(c.personId) ?? '',
        kindText: request.t(`volunteering.check.${c.kind}`),
      })),
      opportunities: opportunities.map((o) => presentOpportunity(request.t, o, ctx.organisation.name)),
      suggestions,
      flagDays: FLAG_AFTER_DAYS,
      warningDays: EXPIRY_WARNING_DAYS,
    });
  });

  /** The role form, empty for a new role or filled in with one being edited. */
  async function showNew(
    request: FastifyRequest,
    reply: FastifyReply,
    ctx: OrganisationContext,
    values: Record<string, unknown>,
    errors?: FieldErrors,
    status = 200,
    editing?: Opportunity,
  ) {
    return view(
      reply,
      ctx,
      'volunteering/opportunity-form.njk',
      {
        pageTitle: editing ? request.t('volunteering.opportunity.edit') : request.t('volunteering.opportunity.new'),
        formAction: editing ? `${ctx.manage}/opportunities/${editing.id}/edit` : `${ctx.manage}/opportunities/new`,
        editing: editing && presentOpportunity(request.t, editing, ctx.organisation.name),
        values,
        interestItems: items(request.t, INTERESTS, 'volunteering.interest.', values.interests),
        requirementItems: items(request.t, CHECK_KINDS, 'volunteering.check.', values.requirements),
        commitmentItems: items(request.t, COMMITMENTS, 'volunteering.commitment.', values.commitment),
        participationItems: items(request.t, PARTICIPATIONS, 'volunteering.participation.', values.participation),
        statusItems: items(request.t, STATUSES, 'volunteering.status.', values.status),
        dayItems: items(request.t, WEEKDAYS, 'volunteering.day.', values.days),
        timeItems: items(request.t, TIMES_OF_DAY, 'volunteering.time.', values.times),
        remoteItems: items(request.t, ['yes', 'no'], 'volunteering.', values.remote),
        errors,
        fieldIds: {
          interests: 'interests',
          requirements: 'requirements',
          commitment: 'commitment',
          participation: 'participation',
          status: 'status',
          remote: 'remote',
          days: 'days',
          times: 'times',
        },
      },
      status,
    );
  }

  app.get('/places/:place/volunteering/manage/:organisation/opportunities/new', async (request, reply) => {
    const ctx = await organisationFor(kith, request);
    const suggestionId = String((request.query as { suggestion?: string }).suggestion ?? '');
    const suggestion = suggestionId ? await findSuggestion(db(), suggestionId) : undefined;
    const from =
      suggestion && suggestion.organisationId === ctx.organisation.id && suggestion.status === 'new'
        ? { title: suggestion.title, description: suggestion.detail, suggestion: suggestion.id }
        : {};
    return showNew(request, reply, ctx, {
      status: 'open',
      participation: 'shifts',
      commitment: 'regular',
      remote: 'no',
      ...from,
    });
  });

  app.post('/places/:place/volunteering/manage/:organisation/opportunities/new', async (request, reply) => {
    const ctx = await organisationFor(kith, request);
    const body = { ...((request.body as Record<string, unknown>) ?? {}), organisation: ctx.organisation.id };
    return submitForm(request, {
      schema: OpportunityInput,
      input: body,
      echo: request.body,
      show: (form) => showNew(request, reply, ctx, form.values, form.errors, form.status),
      run: (opportunity, submission) =>
        publishOpportunity(kith, {
          placeId: ctx.place.id,
          actorId: me(request),
          formKey: submission.key,
          organisationName: ctx.organisation.name,
          opportunity,
        }),
      done: (id) => reply.seeOther(`${ctx.manage}/opportunities/${id}`, 'volunteering.opportunity.saved'),
    });
  });

  /** A role as the form's fields, to edit it. */
  const formValues = (o: Opportunity): Record<string, unknown> => ({
    title: o.title,
    description: o.description,
    skills: o.skills,
    timeCommitment: o.timeCommitment,
    commitment: o.commitment,
    accessibility: o.accessibility,
    minimumAge: o.minimumAge === null ? '' : String(o.minimumAge),
    participation: o.participation,
    remote: o.remote ? 'yes' : 'no',
    postcode: o.postcode,
    interests: listOf(INTERESTS, o.interests),
    requirements: parseRequirements(o.requirements),
    days: daysOf(o.days),
    times: timesOf(o.times),
    status: o.status,
  });

  app.get(
    '/places/:place/volunteering/manage/:organisation/opportunities/:opportunity/edit',
    async (request, reply) => {
      const ctx = await organisationFor(kith, request);
      const opportunity = await ownOpportunity(request, ctx);
      return showNew(request, reply, ctx, formValues(opportunity), undefined, 200, opportunity);
    },
  );

  app.post(
    '/places/:place/volunteering/manage/:organisation/opportunities/:opportunity/edit',
    async (request, reply) => {
      const ctx = await organisationFor(kith, request);
      const opportunity = await ownOpportunity(request, ctx);
      // Shifts or flexible stays as published: sign-ups already depend on it.
      const body = {
        ...((request.body as Record<string, unknown>) ?? {}),
        organisation: ctx.organisation.id,
        participation: opportunity.participation,
        suggestion: '',
      };
      return submitForm(request, {
        schema: OpportunityInput,
        input: body,
        echo: request.body,
        show: (form) => showNew(request, reply, ctx, form.values, form.errors, form.status, opportunity),
        run: (changes, submission) =>
          editOpportunity(kith, {
            placeId: ctx.place.id,
            actorId: me(request),
            formKey: submission.key,
            opportunity,
            organisationName: ctx.organisation.name,
            changes,
            base: ctx.base,
          }),
        done: ({ held }) =>
          reply.seeOther(
            `${ctx.manage}/opportunities/${opportunity.id}`,
            held === 0 ? 'volunteering.opportunity.edited' : 'volunteering.opportunity.editedHeld',
            { count: held },
          ),
      });
    },
  );

  app.post('/places/:place/volunteering/manage/:organisation/suggestions/:suggestion', async (request, reply) => {
    const ctx = await organisationFor(kith, request);
    const parsed = parseInput(SuggestionResponseInput, request.body);
    if (!parsed.ok) return reply.seeOther(ctx.manage, 'volunteering.suggestion.reasonNeeded');
    try {
      await declineSuggestion(kith, {
        placeId: ctx.place.id,
        actorId: me(request),
        organisationId: ctx.organisation.id,
        suggestionId: param(request, 'suggestion'),
        response: parsed.value.response,
      });
    } catch (error) {
      if ((error as { status?: number }).status === 422)
        return reply.seeOther(ctx.manage, 'volunteering.suggestion.answered');
      throw error;
    }
    return reply.seeOther(ctx.manage, 'volunteering.suggestion.declined');
  });

  async function ownOpportunity(request: FastifyRequest, ctx: OrganisationContext) {
    const opportunity = await findOpportunity(db(), param(request, 'opportunity'));
    if (!opportunity || opportunity.placeId !== ctx.place.id || opportunity.organisationId !== ctx.organisation.id)
      throw new NotFoundError();
    return opportunity;
  }

  async function showRole(
    request: FastifyRequest,
    reply: FastifyReply,
    ctx: OrganisationContext,
    values: Record<string, unknown>,
    errors?: FieldErrors,
    status = 200,
  ) {
    const opportunity = await ownOpportunity(request, ctx);
    const shifts = await shiftsOf(db(), opportunity.id, new Date(Date.now() - 30 * 86_400_000).toISOString(), {
      cancelled: true,
    });
    const held = await heldBySlot(
      db(),
      shifts.map((s) => s.id),
    );
    return view(
      reply,
      ctx,
      'volunteering/role.njk',
      {
        pageTitle: opportunity.title,
        // Not the same title as the role's public page (WCAG 2.4.2).
        documentTitle: request.t('common.managing', { name: opportunity.title }),
        opportunity: presentOpportunity(request.t, opportunity, ctx.organisation.name),
        shifts: shifts.map((s) => presentShift(request.t, request.lang, s, held.get(s.id) ?? 0)),
        repeatItems: items(
          request.t,
          ['none', 'weekly', 'fortnightly'],
          'volunteering.repeat.',
          values.repeat ?? 'none',
        ),
        statusItems: items(request.t, STATUSES, 'volunteering.status.', values.status ?? opportunity.status),
        values,
        errors,
        draftHref: draftHrefOf(request, ctx.place.slug),
        fieldIds: { date: 'date-day', repeat: 'repeat', status: 'status', shareDraft: 'shareDraft' },
      },
      status,
    );
  }

  app.get('/places/:place/volunteering/manage/:organisation/opportunities/:opportunity', async (request, reply) =>
    showRole(request, reply, await organisationFor(kith, request), {}),
  );

  app.post(
    '/places/:place/volunteering/manage/:organisation/opportunities/:opportunity/shifts',
    async (request, reply) => {
      const ctx = await organisationFor(kith, request);
      const opportunity = await ownOpportunity(request, ctx);
      return submitForm(request, {
        schema: ShiftsInput,
        input: withDates(request.body, 'date'),
        echo: request.body,
        show: (form) => showRole(request, reply, ctx, form.values, form.errors, form.status),
        run: (plan, submission) =>
          addShifts(kith, { placeId: ctx.place.id, actorId: me(request), formKey: submission.key, opportunity, plan }),
        done: (count) =>
          reply.seeOther(`${ctx.manage}/opportunities/${opportunity.id}`, 'volunteering.shifts.added', { count }),
      });
    },
  );

  app.post(
    '/places/:place/volunteering/manage/:organisation/opportunities/:opportunity/status',
    async (request, reply) => {
      const ctx = await organisationFor(kith, request);
      const opportunity = await ownOpportunity(request, ctx);
      return submitForm(request, {
        schema: StatusInput,
        show: (form) => showRole(request, reply, ctx, form.values, form.errors, form.status),
        run: (input, submission) =>
          changeOpportunityStatus(kith, {
            placeId: ctx.place.id,
            actorId: me(request),
            formKey: submission.key,
            opportunity,
            ...input,
            library: {
              placeSlug: ctx.place.slug,
              title: request.t('volunteering.closing.caseTitle', { title: opportunity.title }),
              location: ctx.name,
            },
          }),
        done: ({ draftHref }) =>
          reply.seeOther(
            withDraft(`${ctx.manage}/opportunities/${opportunity.id}`, draftHref),
            'volunteering.opportunity.statusSaved',
          ),
      });
    },
  );

  async function ownShift(request: FastifyRequest, ctx: OrganisationContext) {
    const shift = await findShift(db(), param(request, 'shift'));
    const opportunity = shift && (await findOpportunity(db(), shift.opportunityId));
    if (
      !shift ||
      !opportunity ||
      opportunity.placeId !== ctx.place.id ||
      opportunity.organisationId !== ctx.organisation.id
    )
      throw new NotFoundError();
    return { shift, opportunity };
  }

  app.get('/places/:place/volunteering/manage/:organisation/shifts/:shift', async (request, reply) =>
    showRoster(request, reply, await organisationFor(kith, request), {}),
  );

  async function showRoster(
    request: FastifyRequest,
    reply: FastifyReply,
    ctx: OrganisationContext,
    values: Record<string, unknown>,
    errors?: FieldErrors,
    status = 200,
  ) {
    const { shift, opportunity } = await ownShift(request, ctx);
    const signups = await signupsOfSlot(db(), shift.id);
    const names = await namesOf(
      db(),
      signups.map((s) => s.personId),
    );
    const held = (await heldBySlot(db(), [shift.id])).get(shift.id) ?? 0;
    return view(
      reply,
      ctx,
      'volunteering/roster.njk',
      {
        pageTitle: request.t('volunteering.roster.title'),
        opportunity,
        shift: presentShift(request.t, request.lang, shift, held),
        // Offered until the shift starts; a refusal (it started meanwhile) is shown beside the field.
        canCancel: !shift.cancelledAt && (shift.startsAt > new Date().toISOString() || Boolean(errors?.reason)),
        confirmed: signups
          .filter((s) => s.status === 'confirmed')
          .map((s) => ({ value: s.id, text: names.get(s.personId) ?? '', checked: s.attended === 'yes' })),
        others: signups
          .filter((s) => s.status !== 'confirmed')
          .map((s) => ({
            ...s,
            name: names.get(s.personId) ?? '',
            statusText: request.t(`volunteering.signupStatus.${s.status}`),
          })),
        values,
        errors,
      },
      status,
    );
  }

  app.post('/places/:place/volunteering/manage/:organisation/shifts/:shift', async (request, reply) => {
    const ctx = await organisationFor(kith, request);
    const { shift } = await ownShift(request, ctx);
    const parsed = parseInput(AttendanceInput, request.body);
    const attended = parsed.ok ? parsed.value.attended : [];
    await markAttendance(kith, {
      placeId: ctx.place.id,
      actorId: me(request),
      shiftId: shift.id,
      signups: await signupsOfSlot(db(), shift.id),
      attended,
    });
    return reply.seeOther(`${ctx.manage}/shifts/${shift.id}`, 'volunteering.roster.saved');
  });

  app.post('/places/:place/volunteering/manage/:organisation/shifts/:shift/cancel', async (request, reply) => {
    const ctx = await organisationFor(kith, request);
    const { shift } = await ownShift(request, ctx);
    return submitForm(request, {
      schema: CancelShiftInput,
      show: (form) => showRoster(request, reply, ctx, form.values, form.errors, form.status),
      run: ({ reason }) =>
        cancelShift(kith, {
          placeId: ctx.place.id,
          actorId: me(request),
          organisationId: ctx.organisation.id,
          shiftId: shift.id,
          reason,
          base: ctx.base,
        }),
      done: ({ cancelled }) =>
        reply.seeOther(
          `${ctx.manage}/shifts/${shift.id}`,
          cancelled ? 'volunteering.shiftCancel.done' : 'volunteering.shiftCancel.already',
        ),
    });
  });

  app.post('/places/:place/volunteering/manage/:organisation/shifts/:shift/hours', async (request, reply) => {
    const ctx = await organisationFor(kith, request);
    const { shift } = await ownShift(request, ctx);
    return submitForm(request, {
      schema: TeamHoursInput,
      show: (form) => showRoster(request, reply, ctx, form.values, form.errors, form.status),
      run: ({ minutes }) =>
        logTeamHours(kith, {
          placeId: ctx.place.id,
          actorId: me(request),
          organisationId: ctx.organisation.id,
          shiftId: shift.id,
          minutes,
          description: request.t('volunteering.hours.creditDescription', { organisation: ctx.organisation.name }),
        }),
      done: (count) => reply.seeOther(`${ctx.manage}/shifts/${shift.id}`, 'volunteering.team.logged', { count }),
    });
  });

  async function showPerson(
    request: FastifyRequest,
    reply: FastifyReply,
    ctx: OrganisationContext,
    values: Record<string, unknown>,
    errors?: FieldErrors,
    status = 200,
  ) {
    const personId = param(request, 'person');
    const signups = (await signupsOfPerson(db(), ctx.place.id, personId)).filter(
      (s) => s.organisationId === ctx.organisation.id,
    );
    // Only people who came to this organisation: a coordinator cannot look anyone up.
    if (!signups.length) throw new NotFoundError();
    const [checks, consents, birthDate, names, shared] = await Promise.all([
      checksOf(db(), ctx.organisation.id, personId),
      consentsOf(db(), ctx.organisation.id, personId),
      birthDateOf(db(), ctx.place.id, personId),
      namesOf(db(), [personId]),
      sharedChecksFor(db(), ctx.place.id, ctx.organisation.id, personId),
    ]);
    const opportunities = await opportunitiesByIds(
      db(),
      signups.map((s) => s.opportunityId),
    );
    const shifts = await shiftsByIds(
      db(),
      signups.flatMap((s) => (s.shiftId ? [s.shiftId] : [])),
    );
    const today = todayInPlace();
    // Shared checks show only where a role they are signed up for here needs them, still valid, not yet accepted.
    const needed = await checksNeededBy(db(), ctx.place.id, ctx.organisation.id, personId);
    const accepted = new Set(checks.flatMap((c) => (c.sourceCheckId ? [c.sourceCheckId] : [])));
    const shown = shared.filter((c) => usefulHere(c, needed, today) && !accepted.has(c.id));
    const sources = await sourcesOf(db(), [...accepted]);
    const recordedBy = await organisationSummariesByIds(db(), ctx.place.id, [
      ...shown.map((c) => c.organisationId),
      ...sources.values(),
    ]);
    const orgName = (id: string | undefined) => (id && recordedBy.get(id)?.name) || '';
    await auditSharedChecksSeen(db(), {
      placeId: ctx.place.id,
      actorId: me(request),
      organisationId: ctx.organisation.id,
      checks: shown,
    });
    return view(
      reply,
      ctx,
      'volunteering/person.njk',
      {
        pageTitle: names.get(personId) ?? '',
        personId,
        signups: signups.map((s) => ({
          ...s,
          title: opportunities.get(s.opportunityId)?.title ?? '',
          when:
            s.shiftId && shifts.get(s.shiftId)
              ? presentShift(request.t, request.lang, shifts.get(s.shiftId)!, 0).whenText
              : '',
          statusText: request.t(`volunteering.signupStatus.${s.status}`),
          canConfirm: s.status === 'interested' || s.status === 'pending',
          canDecline: ['interested', 'pending', 'confirmed', 'waiting'].includes(s.status),
        })),
        checks: checks.map((c) => ({
          ...c,
          kindText: request.t(`volunteering.check.${c.kind}`),
          expired: c.expiresOn !== null && c.expiresOn < today,
          expiringSoon:
            c.expiresOn !== null && c.expiresOn >= today && c.expiresOn <= addDays(today, EXPIRY_WARNING_DAYS),
          acceptedFrom: c.sourceCheckId ? orgName(sources.get(c.sourceCheckId)) : '',
        })),
        shared: shown.map((c) => ({
          id: c.id,
          kindText: request.t(`volunteering.check.${c.kind}`),
          checkedOn: c.checkedOn,
          expiresText: c.expiresOn ? longDate(c.expiresOn, request.lang) : request.t('volunteering.check.noExpiry'),
          recordedBy: orgName(c.organisationId),
        })),
        consents,
        ageText: birthDate ? request.t('volunteering.person.age', { age: String(ageOn(birthDate, today)) }) : '',
        under18: birthDate !== null && ageOn(birthDate, today) < 18,
        kindItems: items(request.t, CHECK_KINDS, 'volunteering.check.', values.kind),
        values,
        errors,
        fieldIds: {
          message: `message-${values.signup ?? ''}`,
          kind: 'kind',
          checkedOn: 'checkedOn-day',
          expiresOn: 'expiresOn-day',
          givenOn: 'givenOn-day',
          shared: 'shared',
          decision: 'shared',
        },
      },
      status,
    );
  }

  app.get('/places/:place/volunteering/manage/:organisation/people/:person', async (request, reply) =>
    showPerson(request, reply, await organisationFor(kith, request), {}),
  );

  /**
   * A refusal on the person's page beside its field; a confirmation the person's checks
   * do not allow yet says which are missing, beside the action, with nothing echoed.
   */
  function personRefusals(request: FastifyRequest, echoed: { values: boolean }) {
    return (error: unknown): FieldErrors | undefined => {
      if (!(error instanceof UnmetRequirementsError)) return ruleFieldErrors(error);
      echoed.values = false;
      return { action: { key: 'volunteering.respond.unmet', params: { reasons: holdText(request.t, error.reasons) } } };
    };
  }

  /** Forms on the person's page: each parses, acts, and shows the page again with errors beside its fields. */
  function personForm<S extends z.ZodType>(
    path: string,
    schema: S,
    dates: string[],
    act: (
      ctx: OrganisationContext,
      request: FastifyRequest,
      value: z.output<S>,
      submission: Submission,
    ) => Promise<unknown>,
    flash: string,
  ) {
    app.post(`/places/:place/volunteering/manage/:organisation/people/:person/${path}`, async (request, reply) => {
      const ctx = await organisationFor(kith, request);
      const signups = (await signupsOfPerson(db(), ctx.place.id, param(request, 'person'))).filter(
        (s) => s.organisationId === ctx.organisation.id,
      );
      if (!signups.length) throw new NotFoundError();
      const echoed = { values: true };
      return submitForm(request, {
        schema,
        input: dates.length ? withDates(request.body, ...dates) : request.body,
        echo: request.body,
        show: (form) => showPerson(request, reply, ctx, echoed.values ? form.values : {}, form.errors, form.status),
        run: (value, submission) => act(ctx, request, value, submission),
        refusals: personRefusals(request, echoed),
        done: () => reply.seeOther(`${ctx.manage}/people/${param(request, 'person')}`, flash),
      });
    });
  }

  personForm(
    'checks',
    CheckInput,
    ['checkedOn', 'expiresOn'],
    (ctx, request, v, submission) =>
      recordCheck(kith, {
        placeId: ctx.place.id,
        actorId: me(request),
        formKey: submission.key,
        organisationId: ctx.organisation.id,
        personId: param(request, 'person'),
        kind: v.kind,
        checkedOn: v.checkedOn!,
        expiresOn: v.expiresOn,
        note: v.note,
      }),
    'volunteering.check.saved',
  );

  personForm(
    'consent',
    ConsentInput,
    ['givenOn'],
    (ctx, request, v, submission) =>
      recordConsent(kith, {
        placeId: ctx.place.id,
        actorId: me(request),
        formKey: submission.key,
        organisationId: ctx.organisation.id,
        personId: param(request, 'person'),
        guardianName: v.guardianName,
        relationship: v.relationship,
        givenOn: v.givenOn!,
      }),
    'volunteering.consent.saved',
  );

  personForm(
    'thanks',
    ThanksInput,
    [],
    (ctx, request, v, submission) =>
      sendThanks(kith, {
        placeId: ctx.place.id,
        actorId: me(request),
        formKey: submission.key,
        organisationId: ctx.organisation.id,
        personId: param(request, 'person'),
        message: v.thanks,
        base: ctx.base,
        organisationName: ctx.organisation.name,
      }),
    'volunteering.thanks.sent',
  );

  /** Accept a check the volunteer shared (recorded here as met, naming its source) or decline it. */
  app.post('/places/:place/volunteering/manage/:organisation/people/:person/shared/:check', async (request, reply) => {
    const ctx = await organisationFor(kith, request);
    const personId = param(request, 'person');
    const signups = (await signupsOfPerson(db(), ctx.place.id, personId)).filter(
      (s) => s.organisationId === ctx.organisation.id,
    );
    if (!signups.length) throw new NotFoundError();
    const input = {
      placeId: ctx.place.id,
      actorId: me(request),
      organisationId: ctx.organisation.id,
      personId,
      checkId: param(request, 'check'),
    };
    return submitForm(request, {
      schema: SharedCheckInput,
      show: (form) => showPerson(request, reply, ctx, {}, form.errors, form.status),
      run: async ({ decision }, submission) => {
        if (decision === 'accept') await acceptSharedCheck(kith, { ...input, formKey: submission.key });
        else await declineSharedCheck(kith, { ...input, formKey: submission.key });
        return decision;
      },
      done: (decision) =>
        reply.seeOther(
          `${ctx.manage}/people/${personId}`,
          decision === 'accept' ? 'volunteering.shared.accepted' : 'volunteering.shared.declined',
        ),
    });
  });

  app.post('/places/:place/volunteering/manage/:organisation/signups/:signup', async (request, reply) => {
    const ctx = await organisationFor(kith, request);
    const signup = await findSignup(db(), param(request, 'signup'));
    if (!signup || signup.placeId !== ctx.place.id || signup.organisationId !== ctx.organisation.id)
      throw new NotFoundError();
    (request.params as Record<string, string>).person = signup.personId;
    const echoed = { values: true };
    return submitForm(request, {
      schema: RespondInput,
      // The page shows one sign-up's answer form open again, with what was typed: the one
      // answered, whether the input (400) or a rule (422) refused it.
      show: (form) =>
        showPerson(
          request,
          reply,
          ctx,
          echoed.values ? { ...form.values, signup: signup.id } : {},
          form.errors,
          form.status,
        ),
      run: async ({ action, message }, submission) => {
        await respondToSignup(kith, {
          placeId: ctx.place.id,
          actorId: me(request),
          organisationId: ctx.organisation.id,
          signupId: signup.id,
          action,
          message,
          base: ctx.base,
          formKey: submission.key,
        });
        return action;
      },
      refusals: personRefusals(request, echoed),
      done: (action) =>
        reply.seeOther(
          `${ctx.manage}/people/${signup.personId}`,
          (
            {
              confirm: 'volunteering.respond.confirmed',
              decline: 'volunteering.respond.declined',
              reply: 'volunteering.respond.replied',
            } as const
          )[action],
        ),
    });
  });

  app.post('/places/:place/volunteering/manage/:organisation/hours/:hours', async (request, reply) => {
    const ctx = await organisationFor(kith, request);
    const parsed = parseInput(HoursDecisionInput, request.body);
    if (!parsed.ok) return reply.seeOther(ctx.manage, 'volunteering.hours.reasonNeeded');
    try {
      const { credit } = await decideLoggedHours(kith, {
        placeId: ctx.place.id,
        actorId: me(request),
        organisationId: ctx.organisation.id,
        hoursId: param(request, 'hours'),
        action: parsed.value.action,
        reason: parsed.value.reason,
        description: request.t('volunteering.hours.creditDescription', { organisation: ctx.organisation.name }),
      });
      return reply.seeOther(
        ctx.manage,
        parsed.value.action === 'reject'
          ? 'volunteering.hours.rejected'
          : credit === 'credited'
            ? 'volunteering.hours.confirmedCredited'
            : 'volunteering.hours.confirmed',
      );
    } catch (error) {
      if ((error as { status?: number }).status === 422)
        return reply.seeOther(ctx.manage, 'volunteering.hours.decided');
      throw error;
    }
  });
}
