import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError } from '../../../errors.js';
import type { Kith } from '../../../kith.js';
import { hasRole } from '../../../policy/index.js';
import { z } from 'zod';
import { freshForm, submitForm, type FieldErrors, type FormState } from '../../../web/forms.js';
import { draftHrefOf, withDraft } from '../../../web/library-draft.js';
import {
  organisationIdsOrganisedBy,
  organisationSummaries,
  organisationSummariesByIds,
} from '../../directory/index.js';
import { withDates } from '../../../web/fields.js';
import { CHECK_KINDS, CheckInput, checksOf, recordCheck } from '../../volunteering/index.js';
import {
  createScheme,
  editProfile,
  endMatch,
  holdsOf,
  introduce,
  joinScheme,
  recordCheckin,
  saveNotes,
  schemeOf,
  setSchemeStatus,
  startMatch,
  suggestionsFor,
} from '../befriending.js';
import { schemeFigures } from '../figures.js';
import type { Reason } from '../matching.js';
import { dayText, daysSince, holdText, profileRows, profileValues, reasonText } from '../present.js';
import {
  CheckinInput,
  END_REASONS,
  EndInput,
  GOING,
  IntroduceInput,
  NotesInput,
  OnBehalfInput,
  ProfileInput,
  SCHEME_KINDS,
  SchemeInput,
  SchemeStatusInput,
  WITH_WHOM,
} from '../inputs.js';
import type { Side } from '../schema.js';
import {
  checkinsOf,
  findMatch,
  findProfile,
  matchesForFigures,
  matchesOfProfiles,
  matchesOfScheme,
  profilesByIds,
  profilesOfScheme,
  schemesOfOrganisations,
} from '../store.js';
import {
  items,
  me,
  organisationFor,
  param,
  placeFor,
  presentMatchLine,
  presentScheme,
  profileForm,
  sideOf,
  sideText,
  SIDES,
  view,
  type OrganisationContext,
} from './context.js';
import { todayInPlace } from '../../../platform/dates.js';

/** An organisation's schemes, for its coordinators and the place's admins. */
/** Someone added or edited by a coordinator: who they are, and their profile, checked together. */
const OnBehalfProfile = z.intersection(OnBehalfInput, ProfileInput);

export function manageRoutes(app: FastifyInstance, kith: Kith) {
  const db = () => kith.db.kysely;

  app.get('/places/:place/befriending/manage', async (request, reply) => {
    const ctx = await placeFor(kith, request, 'matching.coordinateAny');
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
    const schemes = await schemesOfOrganisations(
      db(),
      ctx.place.id,
      organisations.map((o) => o.id),
    );
    return view(reply, ctx, 'befriending/manage.njk', {
      pageTitle: request.t('befriending.manage.title'),
      organisations: organisations.map((o) => ({
        ...o,
        schemes: schemes.filter((s) => s.organisationId === o.id).map((s) => presentScheme(request.t, s, o.name)),
      })),
    });
  });

  async function showNewScheme(
    request: FastifyRequest,
    reply: FastifyReply,
    ctx: OrganisationContext,
    values: Record<string, unknown>,
    errors?: FieldErrors,
    status = 200,
  ) {
    return view(
      reply,
      ctx,
      'befriending/scheme-form.njk',
      {
        pageTitle: request.t('befriending.scheme.new'),
        values,
        kindItems: items(request.t, SCHEME_KINDS, 'befriending.kind.', values.kind),
        requirementItems: items(request.t, CHECK_KINDS, 'volunteering.check.', values.requirements),
        errors,
        fieldIds: { kind: 'kind', requirements: 'requirements' },
      },
      status,
    );
  }

  app.get('/places/:place/befriending/manage/:organisation/schemes/new', async (request, reply) =>
    showNewScheme(request, reply, await organisationFor(kith, request), { kind: 'befriending', checkinDays: '28' }),
  );

  app.post('/places/:place/befriending/manage/:organisation/schemes/new', async (request, reply) => {
    const ctx = await organisationFor(kith, request);
    return submitForm(request, {
      schema: SchemeInput,
      show: (form) => showNewScheme(request, reply, ctx, form.values, form.errors, form.status),
      run: (scheme, submission) =>
        createScheme(kith, {
          placeId: ctx.place.id,
          actorId: me(request),
          formKey: submission.key,
          organisationId: ctx.organisation.id,
          scheme,
        }),
      done: (id) => reply.seeOther(`${ctx.manage}/schemes/${id}`, 'befriending.scheme.created'),
    });
  });

  app.get('/places/:place/befriending/manage/:organisation/schemes/:scheme', async (request, reply) =>
    showScheme(request, reply, await organisationFor(kith, request)),
  );

  async function showScheme(
    request: FastifyRequest,
    reply: FastifyReply,
    ctx: OrganisationContext,
    form: FormState = freshForm(),
  ) {
    const scheme = await schemeOf(db(), param(request, 'scheme'), ctx.place.id, ctx.organisation.id);
    const yearAgo = new Date(Date.now() - 365 * 86_400_000).toISOString();
    const [waiting, matches, counted] = await Promise.all([
      profilesOfScheme(db(), scheme.id, ['waiting', 'paused']),
      matchesOfScheme(db(), scheme.id, new Date(Date.now() - 90 * 86_400_000).toISOString()),
      matchesForFigures(db(), scheme.id, yearAgo),
    ]);
    const figures = schemeFigures(counted, yearAgo);
    const people = await profilesByIds(
      db(),
      matches.flatMap((m) => [m.volunteerProfileId, m.neighbourProfileId]),
    );
    const t = request.t;
    const listOfSide = (side: Side) =>
      waiting
        .filter((p) => p.side === side)
        .map((p) => {
          const days = daysSince(p.waitingSince);
          return {
            ...p,
            statusText: t(`befriending.profileStatus.${p.status}`),
            waitedText: t('befriending.waited', { count: days }),
            long: p.status === 'waiting' && days >= 28,
          };
        });
    return view(
      reply,
      ctx,
      'befriending/dashboard.njk',
      {
        pageTitle: scheme.name,
        // Not the same title as the scheme's public page (WCAG 2.4.2).
        documentTitle: request.t('common.managing', { name: scheme.name }),
        scheme: presentScheme(t, scheme, ctx.organisation.name),
        sides: SIDES.map((side) => ({
          side,
          title: t(`befriending.waiting.${scheme.kind}.${side}`),
          addText: t(`befriending.add.${scheme.kind}.${side}`),
          people: listOfSide(side),
        })),
        matches: matches.map((m) => presentMatchLine(t, request.lang, scheme, m, people)),
        statusItems: items(t, ['open', 'closed'], 'befriending.schemeStatus.', form.values.status ?? scheme.status),
        values: form.values,
        draftHref: draftHrefOf(request, ctx.place.slug),
        figureRows: [
          [t('befriending.figures.introduced'), String(figures.introduced)],
          [
            t('befriending.figures.wait'),
            figures.medianWaitDays === null
              ? t('befriending.figures.none')
              : t('befriending.figures.days', { count: Math.round(figures.medianWaitDays) }),
          ],
          [t('befriending.figures.awaitingFirstMeeting'), String(figures.awaitingFirstMeeting)],
          [t('befriending.figures.underWay'), String(figures.underWay)],
          [
            t('befriending.figures.ended'),
            figures.ended
              ? `${figures.ended}: ${figures.endedBy.map((e) => `${t(`befriending.endReason.${e.reason}`)} (${e.count})`).join(', ')}`
              : '0',
          ],
          [
            t('befriending.figures.lasted'),
            figures.medianWeeks === null
              ? t('befriending.figures.none')
              : t('befriending.figures.weeks', { count: Math.round(figures.medianWeeks) }),
          ],
        ].map(([key, value]) => ({ key: { text: key }, value: { text: value } })),
        errors: form.errors,
        fieldIds: { status: 'status', shareDraft: 'shareDraft' },
      },
      form.status,
    );
  }

  app.post('/places/:place/befriending/manage/:organisation/schemes/:scheme/status', async (request, reply) => {
    const ctx = await organisationFor(kith, request);
    const scheme = await schemeOf(db(), param(request, 'scheme'), ctx.place.id, ctx.organisation.id);
    return submitForm(request, {
      schema: SchemeStatusInput,
      // Nothing chosen changes nothing, and says so beside the choice.
      show: (form) => showScheme(request, reply, ctx, form),
      run: (input, submission) =>
        setSchemeStatus(kith, {
          placeId: ctx.place.id,
          actorId: me(request),
          formKey: submission.key,
          scheme,
          ...input,
          library: {
            placeSlug: ctx.place.slug,
            title: request.t('befriending.closing.caseTitle', { name: scheme.name }),
            location: ctx.name,
          },
        }),
      done: ({ draftHref }) =>
        reply.seeOther(withDraft(`${ctx.manage}/schemes/${scheme.id}`, draftHref), 'befriending.scheme.statusSaved'),
    });
  });

  async function showOnBehalf(
    request: FastifyRequest,
    reply: FastifyReply,
    ctx: OrganisationContext,
    values: Record<string, unknown>,
    errors?: FieldErrors,
    status = 200,
  ) {
    const scheme = await schemeOf(db(), param(request, 'scheme'), ctx.place.id, ctx.organisation.id);
    const side = sideOf(request);
    return view(
      reply,
      ctx,
      'befriending/profile-form.njk',
      {
        pageTitle: request.t(`befriending.add.${scheme.kind}.${side}`),
        action: `${ctx.manage}/schemes/${scheme.id}/people/new/${side}`,
        side,
        onBehalf: true,
        ...profileForm(request, scheme, values),
        errors,
      },
      status,
    );
  }

  app.get('/places/:place/befriending/manage/:organisation/schemes/:scheme/people/new/:side', async (request, reply) =>
    showOnBehalf(request, reply, await organisationFor(kith, request), { languages: ['en'] }),
  );

  app.post(
    '/places/:place/befriending/manage/:organisation/schemes/:scheme/people/new/:side',
    async (request, reply) => {
      const ctx = await organisationFor(kith, request);
      const scheme = await schemeOf(db(), param(request, 'scheme'), ctx.place.id, ctx.organisation.id);
      return submitForm(request, {
        schema: OnBehalfProfile,
        show: (form) => showOnBehalf(request, reply, ctx, form.values, form.errors, form.status),
        run: ({ name, contact, notes, ...profile }, submission) =>
          joinScheme(kith, {
            placeId: ctx.place.id,
            actorId: me(request),
            formKey: submission.key,
            scheme,
            side: sideOf(request),
            personId: null,
            name,
            contact,
            notes,
            profile,
          }),
        done: (id) => reply.seeOther(`${ctx.manage}/profiles/${id}`, 'befriending.add.done'),
      });
    },
  );

  async function schemeProfile(request: FastifyRequest, ctx: OrganisationContext) {
    const profile = await findProfile(db(), param(request, 'profile'));
    if (!profile || profile.placeId !== ctx.place.id || profile.organisationId !== ctx.organisation.id)
      throw new NotFoundError();
    return { profile, scheme: await schemeOf(db(), profile.schemeId, ctx.place.id, ctx.organisation.id) };
  }

  async function showProfile(
    request: FastifyRequest,
    reply: FastifyReply,
    ctx: OrganisationContext,
    values: Record<string, unknown>,
    errors?: FieldErrors,
    status = 200,
  ) {
    const { profile, scheme } = await schemeProfile(request, ctx);
    const t = request.t;
    const suggestions = profile.status === 'waiting' ? await suggestionsFor(kith, scheme, profile) : [];
    const matches = await matchesOfProfiles(db(), [profile.id]);
    const people = await profilesByIds(
      db(),
      matches.flatMap((m) => [m.volunteerProfileId, m.neighbourProfileId]),
    );
    const holds = profile.side === 'volunteer' ? await holdsOf(db(), scheme, profile) : [];
    // A befriender's checks are the organisation's volunteering checks: recorded here or there, they count in both.
    const canHoldChecks = profile.side === 'volunteer' && profile.personId !== null;
    const today = todayInPlace();
    const checks = canHoldChecks ? await checksOf(db(), ctx.organisation.id, profile.personId!) : [];
    return view(
      reply,
      ctx,
      'befriending/profile.njk',
      {
        pageTitle: profile.name,
        scheme: presentScheme(t, scheme, ctx.organisation.name),
        profile: {
          ...profile,
          sideText: sideText(t, scheme, profile.side),
          statusText: t(`befriending.profileStatus.${profile.status}`),
          rows: profileRows(t, profile, true),
          canEdit: profile.personId === null && profile.status !== 'withdrawn',
        },
        holdText: holdText(t, holds),
        canHoldChecks,
        checks: checks.map((c) => ({
          ...c,
          kindText: t(`volunteering.check.${c.kind}`),
          expired: c.expiresOn !== null && c.expiresOn < today,
        })),
        kindItems: items(t, CHECK_KINDS, 'volunteering.check.', values.kind),
        suggestions: suggestions.map((s, i) => ({
          rank: i + 1,
          id: s.profile.id,
          name: s.profile.name,
          sideText: sideText(t, scheme, s.profile.side),
          score: s.score,
          reasons: s.reasons.map((r) => reasonText(t, r)),
          about: s.profile.about,
          holdText: holdText(t, s.holds),
          canIntroduce: s.holds.length === 0,
        })),
        matches: matches.map((m) => presentMatchLine(t, request.lang, scheme, m, people)),
        values,
        errors,
        fieldIds: { candidate: 'suggestions', kind: 'kind', checkedOn: 'checkedOn-day', expiresOn: 'expiresOn-day' },
      },
      status,
    );
  }

  app.get('/places/:place/befriending/manage/:organisation/profiles/:profile', async (request, reply) =>
    showProfile(request, reply, await organisationFor(kith, request), {}),
  );

  app.post('/places/:place/befriending/manage/:organisation/profiles/:profile/notes', async (request, reply) => {
    const ctx = await organisationFor(kith, request);
    const { profile } = await schemeProfile(request, ctx);
    return submitForm(request, {
      schema: NotesInput,
      show: (form) => showProfile(request, reply, ctx, form.values, form.errors, form.status),
      run: ({ notes }) => saveNotes(kith, { placeId: ctx.place.id, actorId: me(request), profile, notes }),
      done: () => reply.seeOther(`${ctx.manage}/profiles/${profile.id}`, 'befriending.notes.saved'),
    });
  });

  /** A profile a coordinator filled in for someone without an account is theirs to keep up to date; someone with an account keeps their own. */
  async function onBehalfProfile(request: FastifyRequest, ctx: OrganisationContext) {
    const found = await schemeProfile(request, ctx);
    if (found.profile.personId !== null || found.profile.status === 'withdrawn') throw new NotFoundError();
    return found;
  }

  async function showEdit(
    request: FastifyRequest,
    reply: FastifyReply,
    ctx: OrganisationContext,
    values?: Record<string, unknown>,
    errors?: FieldErrors,
    status = 200,
  ) {
    const { profile, scheme } = await onBehalfProfile(request, ctx);
    return view(
      reply,
      ctx,
      'befriending/profile-form.njk',
      {
        pageTitle: request.t('befriending.profile.editFor', { name: profile.name }),
        action: `${ctx.manage}/profiles/${profile.id}/edit`,
        side: profile.side,
        onBehalf: true,
        editing: true,
        ...profileForm(request, scheme, values ?? profileValues(profile)),
        errors,
      },
      status,
    );
  }

  app.get('/places/:place/befriending/manage/:organisation/profiles/:profile/edit', async (request, reply) =>
    showEdit(request, reply, await organisationFor(kith, request)),
  );

  app.post('/places/:place/befriending/manage/:organisation/profiles/:profile/edit', async (request, reply) => {
    const ctx = await organisationFor(kith, request);
    const { profile } = await onBehalfProfile(request, ctx);
    return submitForm(request, {
      schema: OnBehalfProfile,
      show: (form) => showEdit(request, reply, ctx, form.values, form.errors, form.status),
      // Notes have their own form on the profile's page.
      run: ({ name, contact, notes: _notes, ...changes }) =>
        editProfile(kith, { placeId: ctx.place.id, actorId: me(request), profile, changes, name, contact }),
      done: () => reply.seeOther(`${ctx.manage}/profiles/${profile.id}`, 'befriending.profile.savedFor'),
    });
  });

  app.post('/places/:place/befriending/manage/:organisation/profiles/:profile/checks', async (request, reply) => {
    const ctx = await organisationFor(kith, request);
    const { profile } = await schemeProfile(request, ctx);
    if (profile.side !== 'volunteer' || !profile.personId) throw new NotFoundError();
    const personId = profile.personId;
    return submitForm(request, {
      schema: CheckInput,
      input: withDates(request.body, 'checkedOn', 'expiresOn'),
      echo: request.body,
      show: (form) => showProfile(request, reply, ctx, form.values, form.errors, form.status),
      run: (v, submission) =>
        recordCheck(kith, {
          placeId: ctx.place.id,
          actorId: me(request),
          formKey: submission.key,
          organisationId: ctx.organisation.id,
          personId,
          kind: v.kind,
          checkedOn: v.checkedOn!,
          expiresOn: v.expiresOn,
          note: v.note,
        }),
      done: () => reply.seeOther(`${ctx.manage}/profiles/${profile.id}`, 'volunteering.check.saved'),
    });
  });

  app.post('/places/:place/befriending/manage/:organisation/profiles/:profile/introduce', async (request, reply) => {
    const ctx = await organisationFor(kith, request);
    const { profile, scheme } = await schemeProfile(request, ctx);
    return submitForm(request, {
      schema: IntroduceInput,
      show: (form) => showProfile(request, reply, ctx, form.values, form.errors, form.status),
      run: ({ candidate, message }, submission) =>
        introduce(kith, {
          placeId: ctx.place.id,
          actorId: me(request),
          formKey: submission.key,
          scheme,
          seekerId: profile.id,
          candidateId: candidate,
          message,
          placeSlug: ctx.place.slug,
        }),
      done: (id) => reply.seeOther(`${ctx.manage}/matches/${id}`, 'befriending.introduce.done'),
    });
  });

  async function schemeMatch(request: FastifyRequest, ctx: OrganisationContext) {
    const match = await findMatch(db(), param(request, 'match'));
    if (!match || match.placeId !== ctx.place.id || match.organisationId !== ctx.organisation.id)
      throw new NotFoundError();
    return { match, scheme: await schemeOf(db(), match.schemeId, ctx.place.id, ctx.organisation.id) };
  }

  async function showMatch(
    request: FastifyRequest,
    reply: FastifyReply,
    ctx: OrganisationContext,
    values: Record<string, unknown>,
    errors?: FieldErrors,
    status = 200,
  ) {
    const { match, scheme } = await schemeMatch(request, ctx);
    const t = request.t;
    const people = await profilesByIds(db(), [match.volunteerProfileId, match.neighbourProfileId]);
    const checkins = await checkinsOf(db(), match.id);
    const reasons = (JSON.parse(match.reasons) as Reason[]).map((r) => reasonText(t, r));
    const person = (id: string) => {
      const p = people.get(id);
      return p
        ? { id: p.id, name: p.name, sideText: sideText(t, scheme, p.side), rows: profileRows(t, p, true) }
        : { id: '', name: t('befriending.someoneWhoLeft'), sideText: '', rows: [] };
    };
    return view(
      reply,
      ctx,
      'befriending/match.njk',
      {
        pageTitle: t('befriending.match.title'),
        scheme: presentScheme(t, scheme, ctx.organisation.name),
        match: presentMatchLine(t, request.lang, scheme, match, people),
        volunteer: person(match.volunteerProfileId),
        neighbour: person(match.neighbourProfileId),
        reasons,
        checkins: checkins.map((c) => ({
          ...c,
          checkedOnText: dayText(c.checkedOn, request.lang),
          goingText: t(`befriending.going.${c.going}`),
          withText: t(`befriending.with.${c.withWhom}`, {
            volunteer: sideText(t, scheme, 'volunteer'),
            neighbour: sideText(t, scheme, 'neighbour'),
          }),
        })),
        withItems: WITH_WHOM.map((w) => ({
          value: w,
          text: t(`befriending.with.${w}`, {
            volunteer: sideText(t, scheme, 'volunteer'),
            neighbour: sideText(t, scheme, 'neighbour'),
          }),
          checked: values.withWhom === w,
        })),
        goingItems: items(t, GOING, 'befriending.going.', values.going),
        reasonItems: items(t, END_REASONS, 'befriending.endReason.', values.reason),
        volunteerAgain: ['yes', 'no'].map((v) => ({
          value: v,
          text: t(`befriending.end.again.${v}`),
          checked: values.volunteerAgain === v,
        })),
        neighbourAgain: ['yes', 'no'].map((v) => ({
          value: v,
          text: t(`befriending.end.again.${v}`),
          checked: values.neighbourAgain === v,
        })),
        values,
        errors,
        fieldIds: {
          withWhom: 'withWhom',
          going: 'going',
          reason: 'reason',
          volunteerAgain: 'volunteerAgain',
          neighbourAgain: 'neighbourAgain',
        },
      },
      status,
    );
  }

  app.get('/places/:place/befriending/manage/:organisation/matches/:match', async (request, reply) =>
    showMatch(request, reply, await organisationFor(kith, request), {}),
  );

  app.post('/places/:place/befriending/manage/:organisation/matches/:match/start', async (request, reply) => {
    const ctx = await organisationFor(kith, request);
    const { match } = await schemeMatch(request, ctx);
    if (match.status === 'introduced') await startMatch(kith, { placeId: ctx.place.id, actorId: me(request), match });
    return reply.seeOther(`${ctx.manage}/matches/${match.id}`, 'befriending.match.started');
  });

  app.post('/places/:place/befriending/manage/:organisation/matches/:match/checkins', async (request, reply) => {
    const ctx = await organisationFor(kith, request);
    const { match } = await schemeMatch(request, ctx);
    return submitForm(request, {
      schema: CheckinInput,
      show: (form) => showMatch(request, reply, ctx, form.values, form.errors, form.status),
      run: (checkin, submission) =>
        recordCheckin(kith, {
          placeId: ctx.place.id,
          actorId: me(request),
          formKey: submission.key,
          match,
          ...checkin,
        }),
      done: () => reply.seeOther(`${ctx.manage}/matches/${match.id}`, 'befriending.checkin.saved'),
    });
  });

  app.post('/places/:place/befriending/manage/:organisation/matches/:match/end', async (request, reply) => {
    const ctx = await organisationFor(kith, request);
    const { match, scheme } = await schemeMatch(request, ctx);
    if (match.status === 'ended') return reply.seeOther(`${ctx.manage}/matches/${match.id}`, 'befriending.match.ended');
    return submitForm(request, {
      schema: EndInput,
      show: (form) => showMatch(request, reply, ctx, form.values, form.errors, form.status),
      run: (end, submission) =>
        endMatch(kith, {
          placeId: ctx.place.id,
          actorId: me(request),
          formKey: submission.key,
          scheme,
          organisationName: ctx.organisation.name,
          match,
          placeSlug: ctx.place.slug,
          ...end,
        }),
      done: () => reply.seeOther(`${ctx.manage}/schemes/${scheme.id}`, 'befriending.match.endedDone'),
    });
  });
}
