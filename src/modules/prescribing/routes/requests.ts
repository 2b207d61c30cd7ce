/**
 * Asking for support without a link worker first: a resident for themselves, and a
 * referrer from another service for someone they work with, who then follows only what
 * they sent and how it is going, never the record.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kith } from '../../../kith.js';
import { submitForm, type FormState, freshForm } from '../../../web/forms.js';
import { openSchemeSummaries } from '../../befriending/index.js';
import { SHARE_ITEMS } from '../consent.js';
import { SelfReferralInput, ServiceReferralInput, withDate } from '../inputs.js';
import { referFromService, referMyself, schemeChosen, statementKey } from '../requests.js';
import { recordsOfPerson, recordsReferredBy, referralsOfRecords } from '../store.js';
import { targetKey, targetSummaries } from '../targets.js';
import { dateValues, me, placeFor, viewWith, type PlaceContext } from './context.js';
import { kindText } from './present.js';

const FIELD_IDS = {
  support: 'support',
  shares: 'shares',
  agree: 'agree',
  givenOn: 'givenOn-day',
};

export function requestRoutes(app: FastifyInstance, kith: Kith) {
  const db = () => kith.db.kysely;

  /** The form's choices: a link worker, or one of the place's open schemes. */
  async function supportItems(request: FastifyRequest, ctx: PlaceContext, chosen: unknown) {
    const schemes = await openSchemeSummaries(db(), ctx.place.id);
    return [
      {
        value: 'link_worker',
        text: request.t('prescribing.request.support.linkWorker'),
        hint: { text: request.t('prescribing.request.support.linkWorker.hint') },
        checked: chosen === 'link_worker',
      },
      ...schemes.map((s) => ({
        value: `scheme:${s.id}`,
        text: s.name,
        hint: { text: `${request.t(`prescribing.request.kind.${s.kind}`)}, ${s.organisationName}` },
        checked: chosen === `scheme:${s.id}`,
      })),
    ];
  }

  /** What may be shared: in the person's own voice when they ask, as a link worker's form words it when someone refers them. */
  function shareItems(request: FastifyRequest, values: Record<string, unknown>, voice: 'self' | 'service') {
    const chosen = [values.shares ?? []].flat().map(String);
    return SHARE_ITEMS.map((s) => ({
      value: s,
      text: request.t(voice === 'self' ? `prescribing.request.share.${s}` : `prescribing.consent.share.${s}`),
      checked: chosen.includes(s),
    }));
  }

  /** The form for asking in one's own name ('self') or for someone else ('service'). */
  async function showForm(
    request: FastifyRequest,
    reply: FastifyReply,
    ctx: PlaceContext,
    form: FormState,
    voice: 'self' | 'service',
  ) {
    return viewWith(
      reply,
      ctx,
      voice === 'self' ? 'prescribing/refer-myself.njk' : 'prescribing/refer-someone.njk',
      {
        pageTitle: request.t(`prescribing.request.${voice}.title`),
        statement: request.t(statementKey(voice)),
        supportItems: await supportItems(request, ctx, form.values.support),
        shareItems: shareItems(request, form.values, voice),
        givenOn: dateValues(form.errors ? request.body : undefined, 'givenOn'),
        values: form.values,
        errors: form.errors,
        fieldIds: FIELD_IDS,
      },
      form.status,
    );
  }

  app.get('/places/:place/my-support/ask', async (request, reply) => {
    const ctx = await placeFor(kith, request, 'socialPrescribing.ownSupport');
    // Someone who already has a link worker here asks them, not a second one.
    if ((await recordsOfPerson(db(), me(request), ctx.place.id)).length)
      return reply.seeOther(`/places/${ctx.place.slug}/my-support`, 'prescribing.request.already');
    return showForm(request, reply, ctx, freshForm({ shares: ['first_name', 'contact', 'interests'] }), 'self');
  });

  app.post('/places/:place/my-support/ask', async (request, reply) => {
    const ctx = await placeFor(kith, request, 'socialPrescribing.ownSupport');
    return submitForm(request, {
      schema: SelfReferralInput,
      show: (form) => showForm(request, reply, ctx, form, 'self'),
      run: (input, submission) =>
        referMyself(kith, {
          placeId: ctx.place.id,
          placeSlug: ctx.place.slug,
          actorId: me(request),
          formKey: submission.key,
          lang: request.lang,
          input,
        }),
      done: () => reply.seeOther(`/places/${ctx.place.slug}/my-support`, 'prescribing.request.self.done'),
    });
  });

  app.get('/places/:place/referrals-sent', async (request, reply) => {
    const ctx = await placeFor(kith, request, 'socialPrescribing.referIn');
    const records = await recordsReferredBy(db(), ctx.place.id, me(request));
    // Only the referrals this referrer sent: what a link worker does next is the person's own business.
    const referrals = (
      await referralsOfRecords(
        db(),
        records.map((r) => r.id),
      )
    ).filter((r) => r.referredBy === me(request));
    const targets = await targetSummaries(db(), ctx.place.id, referrals);
    return viewWith(reply, ctx, 'prescribing/referrals-sent.njk', {
      pageTitle: request.t('prescribing.request.sent.title'),
      sent: records.map((r) => {
        const mine = referrals.filter((x) => x.recordId === r.id);
        return {
          name: r.name,
          service: r.referredFrom,
          sentAt: r.createdAt,
          referrals: mine.length
            ? mine.map((x) => ({
                name: targets.get(targetKey(x))?.name ?? request.t('prescribing.referral.schemeGone'),
                kindText: kindText(request.t, x.targetKind),
                statusText: request.t(`prescribing.status.${x.status}`),
                changedAt: x.lastChangeAt,
              }))
            : [],
        };
      }),
    });
  });

  app.get('/places/:place/referrals-sent/new', async (request, reply) => {
    const ctx = await placeFor(kith, request, 'socialPrescribing.referIn');
    // The service they named last time, so a probation officer types it once.
    const last = (await recordsReferredBy(db(), ctx.place.id, me(request)))[0];
    return showForm(
      request,
      reply,
      ctx,
      freshForm({ service: last?.referredFrom ?? '', shares: ['first_name', 'contact', 'interests'] }),
      'service',
    );
  });

  app.post('/places/:place/referrals-sent/new', async (request, reply) => {
    const ctx = await placeFor(kith, request, 'socialPrescribing.referIn');
    return submitForm(request, {
      schema: ServiceReferralInput,
      input: withDate(request.body, 'givenOn'),
      echo: request.body,
      show: (form) => showForm(request, reply, ctx, form, 'service'),
      run: (input, submission) =>
        referFromService(kith, {
          placeId: ctx.place.id,
          placeSlug: ctx.place.slug,
          actorId: me(request),
          formKey: submission.key,
          lang: request.lang,
          input,
        }).then(() => schemeChosen(input.support)),
      done: (scheme) =>
        reply.seeOther(
          `/places/${ctx.place.slug}/referrals-sent`,
          scheme ? 'prescribing.request.service.doneScheme' : 'prescribing.request.service.done',
        ),
    });
  });
}
