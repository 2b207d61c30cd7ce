/**
 * Quarterly monitoring returns: the organiser's list of returns due and the short form
 * (prefilled with what Kith knows), and the officer's page of who has returned, with a
 * reminder for those who have not.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ForbiddenError, NotFoundError } from '../../../errors.js';
import type { Kith } from '../../../kith.js';
import {
  isQuarter,
  longDate,
  quarterDays,
  quarterLabel,
  quarterOf,
  shiftQuarter,
  todayInPlace,
} from '../../../platform/dates.js';
import { echoValues, submitForm, type FieldErrors } from '../../../web/forms.js';
import { isOrganisationMember, organisationIdsOrganisedBy } from '../../directory/index.js';
import { ReminderInput, ReturnInput } from '../inputs.js';
import {
  canChange,
  deadlineOf,
  DIFFERENTLY_MAX,
  hasEnded,
  hoursText,
  knownFigures,
  minutesToTenths,
  quartersAsked,
  remindToReturn,
  returnSubject,
  returningOrganisations,
  saveReturn,
  STORY_MAX,
} from '../returns.js';
import { findReturn, remindersOf, returnsOf, type MonitoringReturn } from '../returns-store.js';
import { findProgramme, programmesOf } from '../store.js';
import { me, placeFor, viewWith, type PlaceContext } from './context.js';

type Translate = FastifyRequest['t'];

function statusText(t: Translate, lang: string, ret: MonitoringReturn | undefined): string {
  if (ret?.state === 'submitted')
    return t('outcomes.returns.status.returned', { date: longDate(ret.submittedAt!, lang) });
  if (ret) return t('outcomes.returns.status.draft', { date: longDate(ret.savedAt, lang) });
  return t('outcomes.returns.status.none');
}

export function returnRoutes(app: FastifyInstance, kith: Kith) {
  const db = () => kith.db.kysely;

  app.get('/places/:place/returns', async (request, reply) => {
    const ctx = await placeFor(kith, request, 'impact.returnsDue');
    const today = todayInPlace();
    const mine = new Set(await organisationIdsOrganisedBy(db(), ctx.place.id, me(request)));
    const quarters = quartersAsked(today);
    const rows: Array<{ programme: string; organisation: string; quarter: string; status: string; href: string }> = [];
    const programmes = await programmesOf(db(), ctx.place.id);
    const returns = await returnsOf(db(), ctx.place.id, { organisationIds: [...mine], quarters });
    for (const programme of programmes)
      for (const org of await returningOrganisations(db(), ctx.place.id, programme.id)) {
        if (!mine.has(org.id)) continue;
        for (const quarter of quarters) {
          const ret = returns.find(
            (r) => r.programmeId === programme.id && r.organisationId === org.id && r.quarter === quarter,
          );
          rows.push({
            programme: programme.name,
            organisation: org.name,
            quarter: quarterLabel(quarter, request.lang),
            status: statusText(request.t, request.lang, ret),
            href: `/places/${ctx.place.slug}/returns/${programme.id}/${org.id}/${quarter}`,
          });
        }
      }
    return viewWith(reply, ctx, 'outcomes/returns-due.njk', {
      pageTitle: request.t('outcomes.returns.due.title'),
      rows,
      deadlineDays: 30,
    });
  });

  /** The return's programme, organisation and quarter, and what this person may do with it. */
  async function load(request: FastifyRequest, ctx: PlaceContext) {
    const params = request.params as { programme: string; organisation: string; quarter: string };
    if (!isQuarter(params.quarter)) throw new NotFoundError();
    const today = todayInPlace();
    const subject = await returnSubject(db(), {
      placeId: ctx.place.id,
      programmeId: params.programme,
      organisationId: params.organisation,
      quarter: params.quarter,
      today,
    });
    const who = {
      placeId: ctx.place.id,
      isMember: await isOrganisationMember(db(), ctx.place.id, subject.organisation.id, me(request)),
    };
    kith.policy.authorize(request.actor, 'impact.readReturn', who);
    const key = {
      placeId: ctx.place.id,
      programmeId: subject.programme.id,
      organisationId: subject.organisation.id,
      quarter: params.quarter,
    };
    const ret = await findReturn(db(), key);
    return {
      ...subject,
      quarter: params.quarter,
      today,
      ret,
      mayFile: kith.policy.can(request.actor, 'impact.fileReturn', who),
      open: canChange(ret, today),
    };
  }

  async function showReturn(
    request: FastifyRequest,
    reply: FastifyReply,
    ctx: PlaceContext,
    loaded: Awaited<ReturnType<typeof load>>,
    errors?: FieldErrors,
    status = 200,
  ) {
    const { t, lang } = request;
    const { from, to } = quarterDays(loaded.quarter);
    const ret = loaded.ret;
    // A sent return shows what Kith knew when it was sent, beside what the group said then.
    const sent = ret?.state === 'submitted';
    const known = sent ? ret.known : await knownFigures(db(), ctx.place.id, loaded.organisation, loaded.quarter);
    const activities = loaded.organisation.activities.map((a) => a.name).join(', ');
    const period = { from: longDate(from, lang), to: longDate(to, lang) };
    const values = errors
      ? echoValues(request.body)
      : {
          // What Kith knows, until the group says otherwise: people from check-ins, hours from volunteering.
          peopleReached: ret?.peopleReached ?? known.checkins,
          hoursGiven: ret ? hoursText(ret.hoursTenths) : hoursText(minutesToTenths(known.minutes)),
          story: ret?.story ?? '',
          differently: ret?.differently ?? '',
        };
    return viewWith(
      reply,
      ctx,
      'outcomes/return-form.njk',
      {
        pageTitle: t('outcomes.returns.form.title', { quarter: quarterLabel(loaded.quarter, lang) }),
        programme: loaded.programme,
        organisation: loaded.organisation,
        action: `/places/${ctx.place.slug}/returns/${loaded.programme.id}/${loaded.organisation.id}/${loaded.quarter}`,
        editable: loaded.mayFile && loaded.open,
        submitted: sent,
        knownLead: t(sent ? 'outcomes.returns.known.leadSent' : 'outcomes.returns.known.lead'),
        status: statusText(t, lang, ret),
        deadline: longDate(deadlineOf(loaded.quarter), lang),
        late: !ret && loaded.today > deadlineOf(loaded.quarter),
        known: [
          {
            label: t('outcomes.returns.known.checkins'),
            value: String(known.checkins),
            source: t('outcomes.returns.known.checkinsSource', { activities, ...period }),
          },
          {
            label: t('outcomes.returns.known.attended'),
            value: String(known.attended),
            source: t('outcomes.returns.known.attendedSource', { activities, ...period }),
          },
          {
            label: t('outcomes.returns.known.hours'),
            value: hoursText(minutesToTenths(known.minutes)),
            source: t('outcomes.returns.known.hoursSource', { organisation: loaded.organisation.name, ...period }),
          },
        ],
        // A draft is the group's own until it is sent.
        answers: ret &&
          (sent || loaded.mayFile) && {
            peopleReached: ret.peopleReached === null ? '' : String(ret.peopleReached),
            hoursGiven: hoursText(ret.hoursTenths),
            story: ret.story,
            differently: ret.differently,
          },
        values,
        storyMax: STORY_MAX,
        differentlyMax: DIFFERENTLY_MAX,
        errors,
        officerBack: kith.policy.can(request.actor, 'impact.manage', ctx.place)
          ? `/places/${ctx.place.slug}/outcomes/programmes/${loaded.programme.id}/returns?quarter=${loaded.quarter}`
          : undefined,
      },
      status,
    );
  }

  const returnPath = '/places/:place/returns/:programme/:organisation/:quarter';

  app.get(returnPath, async (request, reply) => {
    const ctx = await placeFor(kith, request, 'impact.returnsAny');
    return showReturn(request, reply, ctx, await load(request, ctx));
  });

  app.post(returnPath, async (request, reply) => {
    const ctx = await placeFor(kith, request, 'impact.returnsAny');
    const loaded = await load(request, ctx);
    // Officers read returns; only those who may manage the organisation's activities file them.
    if (!loaded.mayFile) throw new ForbiddenError();
    return submitForm(request, {
      schema: ReturnInput,
      show: (form) => showReturn(request, reply, ctx, loaded, form.errors, form.status),
      run: (input, submission) =>
        saveReturn(kith, {
          placeId: ctx.place.id,
          programmeId: loaded.programme.id,
          organisationId: loaded.organisation.id,
          quarter: loaded.quarter,
          submit: input.action === 'submit',
          answers: {
            peopleReached: input.peopleReached,
            hoursTenths: input.hoursGiven === null ? null : Math.round(input.hoursGiven * 10),
            story: input.story,
            differently: input.differently,
          },
          today: loaded.today,
          actorId: me(request),
          formKey: submission.key,
        }),
      done: () =>
        reply.seeOther(
          `/places/${ctx.place.slug}/returns/${loaded.programme.id}/${loaded.organisation.id}/${loaded.quarter}`,
          (request.body as { action?: string }).action === 'submit'
            ? 'outcomes.returns.submitted'
            : 'outcomes.returns.saved',
        ),
    });
  });

  async function showProgrammeReturns(
    request: FastifyRequest,
    reply: FastifyReply,
    ctx: PlaceContext,
    errors?: FieldErrors,
    status = 200,
  ) {
    const { t, lang } = request;
    const programme = await findProgramme(db(), ctx.place.id, (request.params as { programme: string }).programme);
    if (!programme) throw new NotFoundError();
    const today = todayInPlace();
    const current = quarterOf(today);
    const asked = (request.query as { quarter?: unknown }).quarter;
    const quarter = isQuarter(asked) && hasEnded(asked, today) ? asked : shiftQuarter(current, -1);
    const organisations = await returningOrganisations(db(), ctx.place.id, programme.id);
    const returns = await returnsOf(db(), ctx.place.id, { programmeIds: [programme.id], quarters: [quarter] });
    const reminders = await remindersOf(db(), ctx.place.id, programme.id, quarter);
    const rows = organisations.map((org) => {
      const ret = returns.find((r) => r.organisationId === org.id);
      const reminder = reminders.find((r) => r.organisationId === org.id);
      return {
        id: org.id,
        name: org.name,
        returned: ret?.state === 'submitted',
        status: statusText(t, lang, ret),
        reminded: reminder && t('outcomes.returns.remindedOn', { date: longDate(reminder.sentAt, lang) }),
        href: `/places/${ctx.place.slug}/returns/${programme.id}/${org.id}/${quarter}`,
      };
    });
    const later = shiftQuarter(quarter, 1);
    return viewWith(
      reply,
      ctx,
      'outcomes/returns.njk',
      {
        pageTitle: t('outcomes.returns.officer.title', { programme: programme.name }),
        programme,
        quarter,
        quarterText: quarterLabel(quarter, lang),
        deadline: longDate(deadlineOf(quarter), lang),
        earlier: { quarter: shiftQuarter(quarter, -1), text: quarterLabel(shiftQuarter(quarter, -1), lang) },
        later: hasEnded(later, today) ? { quarter: later, text: quarterLabel(later, lang) } : undefined,
        rows,
        returnedCount: rows.filter((r) => r.returned).length,
        errors,
        // The reminder's hidden fields have one message, above the table.
        fieldIds: { quarter: 'organisation', form: 'organisation' },
      },
      status,
    );
  }

  app.get('/places/:place/outcomes/programmes/:programme/returns', async (request, reply) =>
    showProgrammeReturns(request, reply, await placeFor(kith, request, 'impact.manage')),
  );

  app.post('/places/:place/outcomes/programmes/:programme/returns/remind', async (request, reply) => {
    const ctx = await placeFor(kith, request, 'impact.manage');
    const programmeId = (request.params as { programme: string }).programme;
    if (!(await findProgramme(db(), ctx.place.id, programmeId))) throw new NotFoundError();
    return submitForm(request, {
      schema: ReminderInput,
      show: (form) => showProgrammeReturns(request, reply, ctx, form.errors, form.status),
      run: (input) =>
        remindToReturn(kith, {
          placeId: ctx.place.id,
          placeSlug: ctx.place.slug,
          programmeId,
          organisationId: input.organisation,
          quarter: input.quarter,
          actorId: me(request),
          today: todayInPlace(),
        }),
      done: ({ sent, reminder }) =>
        reply.seeOther(
          `${ctx.base}/programmes/${programmeId}/returns?quarter=${reminder.quarter}`,
          sent ? 'outcomes.returns.reminderSent' : 'outcomes.returns.reminderAlready',
          { date: longDate(reminder.sentAt, request.lang) },
        ),
    });
  });
}
