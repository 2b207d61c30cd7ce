import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { NotFoundError } from '../../../errors.js';
import type { Kith } from '../../../kith.js';
import { ruleFieldErrors, submitForm, type FieldErrors } from '../../../web/forms.js';
import { smallActsToConfirm, waitingForConfirmation } from '../exchange-store.js';
import { confirmSmallAct } from '../exchanges.js';
import { matchesFor, reasonText } from '../matches.js';
import { namesOf } from '../people.js';
import { saveSafeguarding } from '../posts.js';
import { COORDINATOR_CONFIRM_DAYS } from '../exchange-steps.js';
import { SettingsInput } from '../inputs.js';
import { findPost, openPosts, settingsOf } from '../store.js';
import { me, placeFor, viewWith, type PlaceContext } from './context.js';

export function manageRoutes(app: FastifyInstance, kith: Kith) {
  const db = () => kith.db.kysely;

  async function showManage(
    request: FastifyRequest,
    reply: FastifyReply,
    ctx: PlaceContext,
    errors?: FieldErrors,
    status = 200,
  ) {
    const before = new Date(Date.now() - COORDINATOR_CONFIRM_DAYS * 24 * 3600_000).toISOString();
    const [waiting, acts] = await Promise.all([
      waitingForConfirmation(db(), ctx.place.id, before),
      smallActsToConfirm(db(), ctx.place.id),
    ]);
    const names = await namesOf(db(), [
      ...waiting.flatMap((e) => [e.giverId, e.receiverId]),
      ...acts.map((a) => a.personId),
    ]);
    const name = (id: string) => names.get(id) ?? request.t('exchanges.someone');
    return viewWith(
      reply,
      ctx,
      'exchanges/manage.njk',
      {
        pageTitle: request.t('exchanges.manage.title'),
        waiting: waiting.map((e) => ({ ...e, giver: name(e.giverId), receiver: name(e.receiverId) })),
        acts: acts.map((a) => ({ ...a, who: name(a.personId) })),
        days: COORDINATOR_CONFIRM_DAYS,
        errors,
      },
      status,
    );
  }

  app.get('/places/:place/help/manage', async (request, reply) => {
    const ctx = await placeFor(kith, request, 'offersRequests.coordinate');
    return showManage(request, reply, ctx);
  });

  app.post('/places/:place/help/manage/small-acts/:act/confirm', async (request, reply) => {
    const ctx = await placeFor(kith, request, 'offersRequests.coordinate');
    try {
      await confirmSmallAct(kith, {
        placeId: ctx.place.id,
        actorId: me(request),
        actId: (request.params as { act: string }).act,
      });
    } catch (error) {
      const e = error as { status?: number; key?: string };
      if (e.status === 422 && e.key)
        return showManage(request, reply, ctx, ruleFieldErrors(error) ?? { form: { key: e.key } }, 422);
      throw error;
    }
    return reply.seeOther(`${ctx.base}/manage`, 'exchanges.smallAct.confirmed');
  });

  async function showSettings(
    request: FastifyRequest,
    reply: FastifyReply,
    ctx: PlaceContext,
    values: Record<string, unknown>,
    errors?: FieldErrors,
    status = 200,
  ) {
    return viewWith(
      reply,
      ctx,
      'exchanges/settings.njk',
      { pageTitle: request.t('exchanges.settings.title'), values, errors },
      status,
    );
  }

  app.get('/places/:place/help/settings', async (request, reply) => {
    const ctx = await placeFor(kith, request, 'offersRequests.settings');
    const settings = await settingsOf(db(), ctx.place.id);
    return showSettings(
      request,
      reply,
      ctx,
      settings
        ? { safeguardingEn: settings.en, safeguardingCy: settings.cy }
        : {
            safeguardingEn: kith.catalogue.t('en', 'exchanges.safeguarding.default'),
            safeguardingCy: kith.catalogue.t('cy', 'exchanges.safeguarding.default'),
          },
    );
  });

  app.post('/places/:place/help/settings', async (request, reply) => {
    const ctx = await placeFor(kith, request, 'offersRequests.settings');
    return submitForm(request, {
      schema: SettingsInput,
      show: (form) => showSettings(request, reply, ctx, form.values, form.errors, form.status),
      run: (settings) =>
        saveSafeguarding(kith, {
          placeId: ctx.place.id,
          actorId: me(request),
          en: settings.safeguardingEn,
          cy: settings.safeguardingCy,
        }),
      done: () => reply.seeOther(ctx.base, 'exchanges.settings.saved'),
    });
  });

  // The JSON API: open posts, and a post's matches for the person who posted it.

  const PostOut = z.object({
    id: z.string(),
    kind: z.enum(['offer', 'request']),
    title: z.string(),
    category: z.string(),
    area: z.string(),
    when: z.string(),
    days: z.number().int(),
    durationMinutes: z.number().int(),
    updatedAt: z.string(),
  });

  app.api.define(app, {
    method: 'GET',
    url: '/api/v1/places/:place/help/posts',
    tag: 'Offers and requests',
    summary: 'Open offers and requests in a place, newest first',
    auth: 'session',
    params: z.object({ place: z.string().max(60) }),
    query: z.object({
      kind: z.enum(['offer', 'request']).optional(),
      page: z.coerce.number().int().min(1).max(100000).default(1),
    }),
    errors: [403, 404],
    response: {
      status: 200,
      description: 'A page of 50 posts',
      schema: z.object({ total: z.number().int(), posts: z.array(PostOut) }),
    },
    handler: async ({ query }, request) => {
      const ctx = await placeFor(kith, request);
      const { posts, total } = await openPosts(db(), ctx.place.id, {
        kind: query.kind,
        limit: 50,
        offset: (query.page - 1) * 50,
      });
      return {
        total,
        posts: posts.map((p) => ({
          id: p.id,
          kind: p.kind,
          title: p.title,
          category: p.category,
          area: p.area,
          when: p.when,
          days: p.days,
          durationMinutes: p.duration,
          updatedAt: p.updatedAt,
        })),
      };
    },
  });

  app.api.define(app, {
    method: 'GET',
    url: '/api/v1/places/:place/help/posts/:post/matches',
    tag: 'Offers and requests',
    summary: 'Suggestions for your own post, ranked, with the reasons',
    auth: 'session',
    params: z.object({ place: z.string().max(60), post: z.string().max(64) }),
    errors: [403, 404],
    response: {
      status: 200,
      description: 'Up to 10 posts and 10 people',
      schema: z.object({
        matches: z.array(
          z.object({
            kind: z.string(),
            id: z.string(),
            title: z.string(),
            score: z.number(),
            miles: z.number().nullable(),
            reasons: z.array(z.string()),
          }),
        ),
      }),
    },
    handler: async ({ params }, request) => {
      const ctx = await placeFor(kith, request);
      const post = await findPost(db(), params.post);
      if (!post || post.placeId !== ctx.place.id) throw new NotFoundError();
      kith.policy.authorize(request.actor, 'offersRequests.ownPost', post);
      const found = await matchesFor(db(), post, {
        isCoordinator: kith.policy.can(request.actor, 'offersRequests.coordinate', ctx.place),
      });
      return {
        matches: [...found.posts, ...found.people].map((m) => ({
          kind: m.candidate.kind,
          id: m.candidate.kind === 'person' ? '' : m.candidate.id,
          title: m.candidate.title,
          score: m.score,
          miles: m.miles,
          reasons: m.reasons.map((r) => reasonText(request.t, [r])),
        })),
      };
    },
  });
}
