/**
 * From a conversation to a referral: the directory search pre-filled from what the
 * person said, referring to one or more activities, following each referral up,
 * wellbeing answers, and the PRSB-shaped export and message back.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError } from '../../../errors.js';
import type { Kith } from '../../../kith.js';
import { echoValues, freshForm, submitForm, type FieldErrors, type FormState } from '../../../web/forms.js';
import { findActivities, parseSearchQuery, resultCard, SEARCH_PER_PAGE } from '../../directory/index.js';
import { findRolesByText } from '../../volunteering/index.js';
import { findSchemesByText } from '../../befriending/index.js';
import { findOffersByText, PostInput, requestFormChoices } from '../../exchanges/index.js';
import { suggestionsFor, SUGGESTIONS_SHOWN, type Suggestions } from '../suggestions.js';
import { consentAllowsReferral, searchSuggestions } from '../consent.js';
import { careTeamDocument, exportRecord } from '../prsb-export.js';
import { loadRecord, type LoadedRecord } from '../records.js';
import { changeReferralStatus, postRequestForPerson, sendReferrals } from '../referrals.js';
import { ReferInput, StatusInput, withDate, Ons4Input } from '../inputs.js';
import type { ReferralStatus } from '../referral-status.js';
import { consentsOf, conversationsOf, findInstrument, findReferral, wellbeingOf } from '../store.js';
import { instrumentItems, recordInstrument, recordOns4, wellbeingView } from '../wellbeing.js';
import { instrumentAnswers, ONS4_ITEMS, TimepointInput } from '../wellbeing-rules.js';
import { dateValues, me, placeFor, recordFor, viewedRecordFor, viewWith, type PlaceContext } from './context.js';
import { referralView } from './present.js';
import { pastDate } from '../inputs.js';

type SearchParams = ReturnType<typeof parseSearchQuery>['value'];

/** Roles shown beside the activities: a short list, the full search is a link away. */
const ROLES_SHOWN = 10;

export function referringRoutes(app: FastifyInstance, kith: Kith) {
  const db = () => kith.db.kysely;

  async function showFind(
    request: FastifyRequest,
    reply: FastifyReply,
    ctx: PlaceContext,
    record: LoadedRecord,
    errors?: FieldErrors,
    status = 200,
  ) {
    const [conversation] = await conversationsOf(db(), record.id);
    const suggestions = searchSuggestions(
      conversation && { interests: conversation.interests, wouldLikeTo: conversation.wouldLikeTo },
    );
    const body = (errors ? request.body : {}) as {
      activities?: unknown;
      roles?: unknown;
      schemes?: unknown;
      q?: unknown;
    };
    // The words the link worker typed, if they did (kept through a form sent back with errors);
    // otherwise everything the person said is searched at once.
    const typed = (request.query as { q?: unknown }).q ?? (typeof body.q === 'string' ? body.q : undefined);
    const everything = typed === undefined && suggestions.length > 0;
    const params = parseSearchQuery({ ...(request.query as Record<string, unknown>), q: typed }).value;
    const place = { id: ctx.place.id, slug: ctx.place.slug };
    const found: Suggestions & { total?: number } = everything
      ? await suggestionsFor(kith, place, suggestions)
      : await searchOnce(params);
    const latest = (await consentsOf(db(), record.id))[0];
    const base = `${ctx.base}/people/${record.id}`;
    const chosen = [body.activities ?? []].flat().map(String);
    const chosenRoles = [body.roles ?? []].flat().map(String);
    const chosenSchemes = [body.schemes ?? []].flat().map(String);
    const matches = (matched: string[]) =>
      everything ? request.t('prescribing.find.matches', { words: matched.join(', ') }) : '';
    const withMatches = (hint: string, matched: string[]) => [hint, matches(matched)].filter(Boolean);
    return viewWith(
      reply,
      ctx,
      'prescribing/find.njk',
      {
        pageTitle: request.t('prescribing.find.title', { name: record.preferredName }),
        record: record,
        recordBase: base,
        q: params.text,
        everything,
        everythingText: everything ? request.t('prescribing.find.everything', { words: suggestions.join(', ') }) : '',
        suggestions: suggestions.map((s) => ({ text: s, href: `${base}/find?q=${encodeURIComponent(s)}` })),
        directoryHref: `/places/${ctx.place.slug}/activities?q=${encodeURIComponent(params.text)}`,
        total: found.total ?? found.activities.length,
        results: found.activities.map(({ item, matched }) => {
          const card = resultCard(request.t, request.lang, item);
          const hint = [
            card.organisation,
            ...(card.when.length ? [card.when.join('; ')] : []),
            ...(card.where ? [card.where] : []),
            card.cost,
          ].join(' · ');
          return {
            value: card.id,
            text: card.name,
            hints: withMatches(hint, matched),
            checked: chosen.includes(card.id),
          };
        }),
        roles: found.roles.map(({ item: r, matched }) => ({
          value: r.id,
          text: r.name,
          hints: withMatches(r.organisationName, matched),
          checked: chosenRoles.includes(r.id),
        })),
        schemes: found.schemes.map(({ item: s, matched }) => ({
          value: s.id,
          text: s.name,
          hints: withMatches(`${request.t(`prescribing.scheme.kind.${s.kind}`)} · ${s.organisationName}`, matched),
          checked: chosenSchemes.includes(s.id),
        })),
        offers: found.offers.map(({ item: o, matched }) => ({
          href: o.path,
          title: o.title,
          area: o.area,
          matches: matches(matched),
        })),
        volunteeringHref: `/places/${ctx.place.slug}/volunteering?q=${encodeURIComponent(params.text)}`,
        canRefer: consentAllowsReferral(latest),
        values: errors ? echoValues(request.body) : {},
        errors,
      },
      status,
    );

    /** The link worker's own words, searched once, as the page always has. */
    async function searchOnce(params: SearchParams): Promise<Suggestions & { total: number }> {
      const activities = await findActivities(
        kith.db,
        ctx.place.id,
        { ...params, postcode: undefined, point: undefined },
        undefined,
        SEARCH_PER_PAGE,
      );
      const [roles, schemes, offers] = params.text
        ? await Promise.all([
            findRolesByText(kith, ctx.place.id, params.text, ROLES_SHOWN),
            findSchemesByText(db(), ctx.place.id, params.text, SUGGESTIONS_SHOWN.schemes),
            findOffersByText(db(), { id: ctx.place.id, slug: ctx.place.slug }, params.text, SUGGESTIONS_SHOWN.offers),
          ])
        : [[], [], []];
      const unranked = <T>(items: readonly T[]) => items.map((item) => ({ item, matched: [] }));
      return {
        total: activities.total,
        activities: unranked(activities.results.map((r) => r.listing)),
        roles: unranked(roles),
        schemes: unranked(schemes),
        offers: unranked(offers),
      };
    }
  }

  app.get('/places/:place/social-prescribing/people/:record/find', async (request, reply) => {
    const ctx = await placeFor(kith, request);
    return showFind(request, reply, ctx, await recordFor(kith, request, ctx));
  });

  app.post('/places/:place/social-prescribing/people/:record/referrals', async (request, reply) => {
    const ctx = await placeFor(kith, request);
    const record = await recordFor(kith, request, ctx);
    return submitForm(request, {
      schema: ReferInput,
      show: (form) => showFind(request, reply, ctx, record, form.errors, form.status),
      run: (refer, submission) =>
        sendReferrals(kith, {
          placeId: ctx.place.id,
          placeSlug: ctx.place.slug,
          actorId: me(request),
          formKey: submission.key,
          recordId: record.id,
          activityIds: refer.activities,
          roleIds: refer.roles,
          schemeIds: refer.schemes,
          note: refer.note,
        }),
      done: () => reply.seeOther(`${ctx.base}/people/${record.id}`, 'prescribing.refer.done'),
    });
  });

  async function showRequestForm(
    request: FastifyRequest,
    reply: FastifyReply,
    ctx: PlaceContext,
    record: LoadedRecord,
    form: FormState,
  ) {
    return viewWith(
      reply,
      ctx,
      'prescribing/request-form.njk',
      {
        pageTitle: request.t('prescribing.requestFor.title', { name: record.preferredName }),
        record,
        // The request is theirs: without an account nobody's offers could reach them; without consent nothing is posted.
        blocked: !record.personId
          ? request.t('prescribing.request.noAccount')
          : !consentAllowsReferral((await consentsOf(db(), record.id))[0])
            ? request.t('prescribing.referrals.needConsent')
            : null,
        values: form.values,
        ...requestFormChoices(request.t, form.values),
        errors: form.errors,
        fieldIds: { category: 'category', days: 'days', duration: 'duration', sensitive: 'sensitive' },
      },
      form.status,
    );
  }

  app.get('/places/:place/social-prescribing/people/:record/request', async (request, reply) => {
    const ctx = await placeFor(kith, request);
    const record = await recordFor(kith, request, ctx);
    return showRequestForm(request, reply, ctx, record, freshForm({ duration: '60' }));
  });

  app.post('/places/:place/social-prescribing/people/:record/request', async (request, reply) => {
    const ctx = await placeFor(kith, request);
    const record = await recordFor(kith, request, ctx);
    return submitForm(request, {
      schema: PostInput,
      show: (form) => showRequestForm(request, reply, ctx, record, form),
      run: (post, submission) =>
        postRequestForPerson(kith, {
          placeId: ctx.place.id,
          placeSlug: ctx.place.slug,
          actorId: me(request),
          formKey: submission.key,
          recordId: record.id,
          post,
        }),
      done: () => reply.seeOther(`${ctx.base}/people/${record.id}`, 'prescribing.requestFor.done'),
    });
  });

  async function referralFor(request: FastifyRequest, ctx: PlaceContext) {
    if (!request.actor.personId) kith.policy.authorize(request.actor, 'socialPrescribing.claim');
    const referral = await findReferral(db(), ctx.place.id, (request.params as { referral: string }).referral);
    if (!referral) throw new NotFoundError();
    const record = (await loadRecord(db(), ctx.place.id, referral.recordId))!;
    kith.policy.authorize(request.actor, 'socialPrescribing.careTeam', record.subject);
    return { referral, record };
  }

  async function showReferral(
    request: FastifyRequest,
    reply: FastifyReply,
    ctx: PlaceContext,
    found: Awaited<ReturnType<typeof referralFor>>,
    errors?: FieldErrors,
    status = 200,
  ) {
    const view = await referralView(kith, request, ctx, found.referral);
    return viewWith(
      reply,
      ctx,
      'prescribing/referral.njk',
      {
        ...view,
        pageTitle: request.t('prescribing.referral.title', { activity: view.activity.name }),
        person: found.record,
        forGroup: false,
        action: `${ctx.base}/referrals/${found.referral.id}`,
        values: errors ? echoValues(request.body) : {},
        errors,
        fieldIds: view.fieldIds,
      },
      status,
    );
  }

  app.get('/places/:place/social-prescribing/referrals/:referral', async (request, reply) => {
    const ctx = await placeFor(kith, request);
    return showReferral(request, reply, ctx, await referralFor(request, ctx));
  });

  app.post('/places/:place/social-prescribing/referrals/:referral', async (request, reply) => {
    const ctx = await placeFor(kith, request);
    const found = await referralFor(request, ctx);
    return submitForm(request, {
      schema: StatusInput,
      show: (form) => showReferral(request, reply, ctx, found, form.errors, form.status),
      run: (status) =>
        changeReferralStatus(kith, {
          placeId: ctx.place.id,
          placeSlug: ctx.place.slug,
          actorId: me(request),
          referralId: found.referral.id,
          to: status.to as ReferralStatus,
          reason: status.reason,
          detail: status.detail,
        }),
      done: () => reply.seeOther(`${ctx.base}/referrals/${found.referral.id}`, 'prescribing.status.saved'),
    });
  });

  async function showWellbeing(
    request: FastifyRequest,
    reply: FastifyReply,
    ctx: PlaceContext,
    record: LoadedRecord,
    errors?: FieldErrors,
    status = 200,
  ) {
    const instrumentId = String(
      (request.query as { instrument?: string }).instrument ??
        (request.body as { instrument?: string } | undefined)?.instrument ??
        'ons4',
    );
    const instrument = instrumentId === 'ons4' ? undefined : await findInstrument(db(), ctx.place.id, instrumentId);
    if (instrumentId !== 'ons4' && !instrument) throw new NotFoundError();
    const items = instrument
      ? instrumentItems(instrument).map((i) => ({ key: i.key, text: (request.lang === 'cy' && i.textCy) || i.text }))
      : ONS4_ITEMS.map((item) => ({ key: item, text: request.t(`prescribing.ons4.${item}`) }));
    return viewWith(
      reply,
      ctx,
      'prescribing/wellbeing-form.njk',
      {
        pageTitle: instrument ? instrument.name : request.t('prescribing.wellbeing.ons4Title'),
        record: record,
        instrument: instrument
          ? { id: instrument.id, name: instrument.name, min: instrument.scaleMin, max: instrument.scaleMax }
          : { id: 'ons4', min: 0, max: 10 },
        items,
        values: errors ? echoValues(request.body) : {},
        answeredOn: dateValues(errors ? request.body : undefined, 'answeredOn'),
        errors,
        fieldIds: { answeredOn: 'answeredOn-day', timepoint: 'timepoint' },
      },
      status,
    );
  }

  app.get('/places/:place/social-prescribing/people/:record/wellbeing', async (request, reply) => {
    const ctx = await placeFor(kith, request);
    return showWellbeing(request, reply, ctx, await viewedRecordFor(kith, request, ctx, 'wellbeing'));
  });

  app.post('/places/:place/social-prescribing/people/:record/wellbeing', async (request, reply) => {
    const ctx = await placeFor(kith, request);
    const record = await recordFor(kith, request, ctx);
    const body = withDate(request.body, 'answeredOn');
    const instrumentId = String(body.instrument ?? 'ons4');
    const show = (form: FormState) => showWellbeing(request, reply, ctx, record, form.errors, form.status);
    const done = () => reply.seeOther(`${ctx.base}/people/${record.id}#wellbeing`, 'prescribing.wellbeing.saved');
    if (instrumentId === 'ons4') {
      return submitForm(request, {
        schema: Ons4Input,
        input: body,
        show,
        run: ({ timepoint, answeredOn, ...answers }) =>
          recordOns4(kith, {
            placeId: ctx.place.id,
            actorId: me(request),
            recordId: record.id,
            timepoint,
            answeredOn,
            answers,
          }),
        done,
      });
    }
    const instrument = await findInstrument(db(), ctx.place.id, instrumentId);
    if (!instrument) throw new NotFoundError();
    const schema = instrumentAnswers(instrumentItems(instrument), instrument.scaleMin, instrument.scaleMax).extend({
      timepoint: TimepointInput,
      answeredOn: pastDate('prescribing.validation.date'),
    });
    return submitForm(request, {
      schema,
      input: body,
      show,
      run: (value) => {
        const { timepoint, answeredOn, ...answers } = value as Record<string, unknown> & {
          timepoint: 'referral' | '3m' | '6m';
          answeredOn: string;
        };
        return recordInstrument(kith, {
          placeId: ctx.place.id,
          actorId: me(request),
          recordId: record.id,
          instrument,
          timepoint,
          answeredOn,
          answers: answers as Record<string, number>,
        });
      },
      done,
    });
  });

  app.get('/places/:place/social-prescribing/people/:record/export.json', async (request, reply) => {
    const ctx = await placeFor(kith, request);
    const record = await recordFor(kith, request, ctx);
    const document = await exportRecord(kith, {
      place: { id: ctx.place.id, name: ctx.name },
      actorId: me(request),
      record,
    });
    return reply
      .header('content-disposition', `attachment; filename="social-prescribing-${record.id.slice(0, 8)}.json"`)
      .header('cache-control', 'no-store')
      .type('application/json; charset=utf-8')
      .send(JSON.stringify(document, null, 2));
  });

  app.get('/places/:place/social-prescribing/people/:record/message-back', async (request, reply) => {
    const ctx = await placeFor(kith, request);
    const record = await viewedRecordFor(kith, request, ctx, 'message-back');
    const document = await careTeamDocument(db(), { id: ctx.place.id, name: ctx.name }, record);
    const wellbeing = wellbeingView(request.t, await wellbeingOf(db(), record.id));
    return viewWith(reply, ctx, 'prescribing/message-back.njk', {
      pageTitle: request.t('prescribing.messageBack.title', { name: record.name }),
      record: record,
      document,
      allowed: document.consent?.messageBackToReferrer === true,
      wellbeing,
      statusText: (s: string) => request.t(`prescribing.status.${s}`),
    });
  });
}
