import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError } from '../../../errors.js';
import type { Kith } from '../../../kith.js';
import { ruleFieldErrors, submitForm, type FieldErrors } from '../../../web/forms.js';
import { organisationSummariesByIds } from '../../directory/index.js';
import { editProfile, joinScheme, logsTimeFor, logTimeWithMatch, schemeOf, setLooking } from '../befriending.js';
import { dayText, profileRows, profileValues } from '../present.js';
import { ProfileInput } from '../inputs.js';
import { withDates } from '../../../web/fields.js';
import { GivenTimeInput } from '../../volunteering/index.js';
import {
  findProfile,
  matchesOfProfiles,
  profilesByIds,
  profilesOfPerson,
  schemesOfPlace,
  type Profile,
  type Scheme,
} from '../store.js';
import {
  me,
  param,
  placeFor,
  presentScheme,
  profileForm,
  sideOf,
  sideText,
  SIDES,
  view,
  type PlaceContext,
} from './context.js';

/** What everyone sees of a place's schemes, and what a person does with their own profile. */
export function publicRoutes(app: FastifyInstance, kith: Kith) {
  const db = () => kith.db.kysely;

  app.get('/places/:place/befriending', async (request, reply) => {
    const ctx = await placeFor(kith, request, 'matching.browse');
    const schemes = await schemesOfPlace(db(), ctx.place.id, true);
    const names = await organisationSummariesByIds(
      db(),
      ctx.place.id,
      schemes.map((s) => s.organisationId),
    );
    return view(reply, ctx, 'befriending/index.njk', {
      pageTitle: request.t('befriending.title'),
      schemes: schemes.map((s) => presentScheme(request.t, s, names.get(s.organisationId)?.name ?? '')),
      canTakePart: kith.policy.can(request.actor, 'matching.takePart', ctx.place),
      canCoordinate: kith.policy.can(request.actor, 'matching.coordinateAny', ctx.place),
    });
  });

  async function openScheme(request: FastifyRequest, ctx: PlaceContext): Promise<Scheme> {
    const scheme = await schemeOf(db(), param(request, 'scheme'), ctx.place.id);
    if (scheme.status !== 'open') throw new NotFoundError();
    return scheme;
  }

  app.get('/places/:place/befriending/schemes/:scheme', async (request, reply) => {
    const ctx = await placeFor(kith, request, 'matching.browse');
    const scheme = await openScheme(request, ctx);
    const organisation = (await organisationSummariesByIds(db(), ctx.place.id, [scheme.organisationId])).get(
      scheme.organisationId,
    );
    const mine = request.actor.personId
      ? (await profilesOfPerson(db(), ctx.place.id, request.actor.personId)).filter((p) => p.schemeId === scheme.id)
      : [];
    return view(reply, ctx, 'befriending/scheme.njk', {
      pageTitle: scheme.name,
      scheme: presentScheme(request.t, scheme, organisation?.name ?? ''),
      sides: SIDES.map((side) => ({
        side,
        text: request.t(`befriending.join.${scheme.kind}.${side}`),
        joined: mine.some((p) => p.side === side),
      })),
      canTakePart: kith.policy.can(request.actor, 'matching.takePart', ctx.place),
    });
  });

  async function showJoin(
    request: FastifyRequest,
    reply: FastifyReply,
    values: Record<string, unknown>,
    errors?: FieldErrors,
    status = 200,
  ) {
    const ctx = await placeFor(kith, request, 'matching.takePart');
    const scheme = await openScheme(request, ctx);
    const side = sideOf(request);
    return view(
      reply,
      ctx,
      'befriending/profile-form.njk',
      {
        pageTitle: request.t(`befriending.join.${scheme.kind}.${side}`),
        action: `${ctx.base}/schemes/${scheme.id}/join/${side}`,
        side,
        ...profileForm(request, scheme, values),
        errors,
      },
      status,
    );
  }

  app.get('/places/:place/befriending/schemes/:scheme/join/:side', (request, reply) =>
    showJoin(request, reply, { languages: request.lang === 'cy' ? ['cy', 'en'] : ['en'] }),
  );

  app.post('/places/:place/befriending/schemes/:scheme/join/:side', async (request, reply) => {
    const ctx = await placeFor(kith, request, 'matching.takePart');
    const scheme = await openScheme(request, ctx);
    return submitForm(request, {
      schema: ProfileInput,
      show: (form) => showJoin(request, reply, form.values, form.errors, form.status),
      run: (profile, submission) =>
        joinScheme(kith, {
          placeId: ctx.place.id,
          actorId: me(request),
          formKey: submission.key,
          scheme,
          side: sideOf(request),
          personId: me(request),
          name: request.person!.name,
          contact: '',
          notes: '',
          profile,
        }),
      done: () => reply.seeOther(`${ctx.base}/mine`, 'befriending.join.done'),
    });
  });

  app.get('/places/:place/befriending/mine', (request, reply) => showMine(request, reply));

  async function showMine(
    request: FastifyRequest,
    reply: FastifyReply,
    values: Record<string, unknown> = {},
    errors?: FieldErrors,
    status = 200,
  ) {
    const ctx = await placeFor(kith, request, 'matching.takePart');
    const profiles = await profilesOfPerson(db(), ctx.place.id, me(request));
    const schemes = new Map((await schemesOfPlace(db(), ctx.place.id, false)).map((s) => [s.id, s]));
    const matches = await matchesOfProfiles(
      db(),
      profiles.map((p) => p.id),
    );
    const others = await profilesByIds(
      db(),
      matches.map((m) =>
        profiles.some((p) => p.id === m.volunteerProfileId) ? m.neighbourProfileId : m.volunteerProfileId,
      ),
    );
    const names = await organisationSummariesByIds(
      db(),
      ctx.place.id,
      profiles.map((p) => p.organisationId),
    );
    return view(
      reply,
      ctx,
      'befriending/mine.njk',
      {
        pageTitle: request.t('befriending.mine.title'),
        profiles: profiles.map((p) => {
          const scheme = schemes.get(p.schemeId)!;
          const live = matches.find(
            (m) => m.status !== 'ended' && (m.volunteerProfileId === p.id || m.neighbourProfileId === p.id),
          );
          const other =
            live && others.get(live.volunteerProfileId === p.id ? live.neighbourProfileId : live.volunteerProfileId);
          return {
            ...p,
            schemeName: scheme.name,
            organisationName: names.get(p.organisationId)?.name ?? '',
            sideText: sideText(request.t, scheme, p.side),
            statusText: request.t(`befriending.profileStatus.${p.status}`),
            rows: profileRows(request.t, p, false),
            match:
              live && other
                ? {
                    statusText: request.t(`befriending.matchStatus.${live.status}`),
                    name: other.name,
                    about: other.about,
                    since: dayText(live.startedAt ?? live.introducedAt, request.lang),
                  }
                : null,
            // A befriender logs the time they give their match; it joins their volunteering record.
            canLogTime: logsTimeFor(p, live),
          };
        }),
        values,
        errors,
        fieldIds: { workedOn: 'workedOn-day', hours: 'hours' },
      },
      status,
    );
  }

  app.post('/places/:place/befriending/profiles/:profile/hours', async (request, reply) => {
    const ctx = await placeFor(kith, request, 'matching.takePart');
    const { profile, scheme } = await ownProfile(request, ctx);
    const live = (await matchesOfProfiles(db(), [profile.id])).find((m) => m.status !== 'ended');
    if (!logsTimeFor(profile, live)) throw new NotFoundError();
    return submitForm(request, {
      schema: GivenTimeInput,
      input: withDates(request.body, 'workedOn'),
      echo: request.body,
      // The page has a form for each profile: the one this time was for opens again, with
      // what was typed, whether the input (400) or a rule (422) refused it.
      show: (form) => showMine(request, reply, { ...form.values, profile: profile.id }, form.errors, form.status),
      run: (v, submission) =>
        logTimeWithMatch(kith, {
          placeId: ctx.place.id,
          actorId: me(request),
          formKey: submission.key,
          scheme,
          workedOn: v.workedOn!,
          minutes: v.minutes,
          note: v.note,
        }),
      done: () => reply.seeOther(`${ctx.base}/mine`, 'befriending.hours.logged'),
    });
  });

  async function ownProfile(request: FastifyRequest, ctx: PlaceContext): Promise<{ profile: Profile; scheme: Scheme }> {
    const profile = await findProfile(db(), param(request, 'profile'));
    if (!profile || profile.placeId !== ctx.place.id || profile.status === 'withdrawn') throw new NotFoundError();
    kith.policy.authorize(request.actor, 'matching.ownProfile', profile);
    return { profile, scheme: await schemeOf(db(), profile.schemeId, ctx.place.id) };
  }

  async function showOwn(
    request: FastifyRequest,
    reply: FastifyReply,
    values?: Record<string, unknown>,
    errors?: FieldErrors,
    status = 200,
  ) {
    const ctx = await placeFor(kith, request, 'matching.takePart');
    const { profile, scheme } = await ownProfile(request, ctx);
    return view(
      reply,
      ctx,
      'befriending/profile-form.njk',
      {
        pageTitle: request.t('befriending.profile.edit'),
        action: `${ctx.base}/profiles/${profile.id}`,
        side: profile.side,
        profile,
        lookingItems:
          profile.status === 'matched'
            ? []
            : (['waiting', 'paused', 'withdrawn'] as const).map((s) => ({
                value: s,
                text: request.t(`befriending.looking.${s}`),
                checked: s === profile.status,
              })),
        ...profileForm(request, scheme, values ?? profileValues(profile)),
        errors,
      },
      status,
    );
  }

  app.get('/places/:place/befriending/profiles/:profile', (request, reply) => showOwn(request, reply));

  app.post('/places/:place/befriending/profiles/:profile', async (request, reply) => {
    const ctx = await placeFor(kith, request, 'matching.takePart');
    const { profile } = await ownProfile(request, ctx);
    return submitForm(request, {
      schema: ProfileInput,
      show: (form) => showOwn(request, reply, form.values, form.errors, form.status),
      run: (changes) => editProfile(kith, { placeId: ctx.place.id, actorId: me(request), profile, changes }),
      done: () => reply.seeOther(`${ctx.base}/mine`, 'befriending.profile.saved'),
    });
  });

  app.post('/places/:place/befriending/profiles/:profile/looking', async (request, reply) => {
    const ctx = await placeFor(kith, request, 'matching.takePart');
    const { profile } = await ownProfile(request, ctx);
    const to = (request.body as { looking?: string } | undefined)?.looking;
    if (to !== 'waiting' && to !== 'paused' && to !== 'withdrawn')
      return showOwn(
        request,
        reply,
        profileValues(profile),
        { looking: { key: 'befriending.validation.looking.required' } },
        400,
      );
    if (to !== profile.status) {
      try {
        await setLooking(kith, { placeId: ctx.place.id, actorId: me(request), profile, to });
      } catch (error) {
        const errors = ruleFieldErrors(error);
        if (errors) return showOwn(request, reply, profileValues(profile), { looking: errors.status! }, 422);
        throw error;
      }
    }
    return reply.seeOther(`${ctx.base}/mine`, `befriending.looking.saved.${to}`);
  });
}
