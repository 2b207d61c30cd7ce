import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { NotFoundError } from '../../../errors.js';
import type { Kith } from '../../../kith.js';
import { echoValues, submitForm, parseInput, submissionOf, type FieldErrors } from '../../../web/forms.js';
import { PageQuery, paginationFor } from '../../../web/pagination.js';
import { conversationBetween, conversationsOf, exchangesForPost, exchangesOf, smallActsOf } from '../exchange-store.js';
import { proposeExchange } from '../exchanges.js';
import { matchesFor, reasonText } from '../matches.js';
import { namesOf } from '../people.js';
import { changePostStatus, contactPoster, createPost, editPost } from '../posts.js';
import { PostInput, ProposeInput, StatusInput } from '../inputs.js';
import { findPost, openPosts, postsOf, type Post } from '../store.js';
import { CATEGORIES, daysOf } from '../text.js';
import {
  categoryItems,
  dayItems,
  durationItems,
  isCoordinator,
  me,
  myName,
  placeFor,
  presentPost,
  safeguardingFor,
  viewWith,
  type PlaceContext,
} from './context.js';

const ListQuery = PageQuery.extend({
  kind: z.enum(['offer', 'request']).optional().catch(undefined),
  category: z.enum(CATEGORIES).optional().catch(undefined),
});
const KindParams = z.object({ kind: z.enum(['offer', 'request']) });
const PER_PAGE = 20;

export function postRoutes(app: FastifyInstance, kith: Kith) {
  const db = () => kith.db.kysely;

  app.get('/places/:place/help', async (request, reply) => {
    const ctx = await placeFor(kith, request);
    const parsed = parseInput(ListQuery, request.query);
    const query = parsed.ok ? parsed.value : { page: 1, kind: undefined, category: undefined };
    const { posts, total } = await openPosts(db(), ctx.place.id, {
      kind: query.kind,
      category: query.category,
      limit: PER_PAGE,
      offset: (query.page - 1) * PER_PAGE,
    });
    const names = await namesOf(
      db(),
      posts.map((p) => p.personId),
    );
    const params = (page: number) =>
      new URLSearchParams({
        ...(query.kind ? { kind: query.kind } : {}),
        ...(query.category ? { category: query.category } : {}),
        page: String(page),
      });
    return viewWith(reply, ctx, 'exchanges/home.njk', {
      pageTitle: request.t('exchanges.home.title'),
      posts: posts.map((p) => presentPost(request.t, p, names)),
      total,
      query,
      categories: [
        { value: '', text: request.t('exchanges.list.anyCategory') },
        ...categoryItems(request.t, query.category),
      ],
      pagination: paginationFor(request.t, {
        page: query.page,
        perPage: PER_PAGE,
        total,
        href: (p) => `${ctx.base}?${params(p)}`,
      }),
      canCoordinate: kith.policy.can(request.actor, 'offersRequests.coordinate', ctx.place),
      canSettings: kith.policy.can(request.actor, 'offersRequests.settings', ctx.place),
    });
  });

  app.get('/places/:place/help/mine', async (request, reply) => {
    const ctx = await placeFor(kith, request);
    const [posts, conversations, exchanges, acts] = await Promise.all([
      postsOf(db(), ctx.place.id, me(request)),
      conversationsOf(db(), ctx.place.id, me(request)),
      exchangesOf(db(), ctx.place.id, me(request)),
      smallActsOf(db(), ctx.place.id, me(request)),
    ]);
    const others = [
      ...conversations.map((c) => (c.startedBy === me(request) ? c.otherPerson : c.startedBy)),
      ...exchanges.flatMap((e) => [e.giverId, e.receiverId]),
    ];
    const names = await namesOf(db(), [...new Set(others)]);
    const nameOf = (id: string) => names.get(id) ?? request.t('exchanges.someone');
    return viewWith(reply, ctx, 'exchanges/mine.njk', {
      pageTitle: request.t('exchanges.mine.title'),
      posts: posts.map((p) => presentPost(request.t, p, names)),
      conversations: conversations.map((c) => ({
        ...c,
        with: nameOf(c.startedBy === me(request) ? c.otherPerson : c.startedBy),
      })),
      exchanges: exchanges.map((e) => ({
        ...e,
        with: nameOf(e.giverId === me(request) ? e.receiverId : e.giverId),
        statusText: request.t(`exchanges.exchange.status.${e.status}`),
        giving: e.giverId === me(request),
      })),
      acts,
    });
  });

  async function showForm(
    request: FastifyRequest,
    reply: FastifyReply,
    ctx: PlaceContext,
    kind: 'offer' | 'request',
    post: Post | null,
    values: Record<string, unknown>,
    errors?: FieldErrors,
    status = 200,
  ) {
    return viewWith(
      reply,
      ctx,
      'exchanges/post-form.njk',
      {
        pageTitle: request.t(post ? `exchanges.edit.${kind}.title` : `exchanges.new.${kind}.title`),
        kind,
        post,
        values,
        categories: [
          { value: '', text: request.t('exchanges.form.chooseCategory') },
          ...categoryItems(request.t, values.category),
        ],
        days: dayItems(request.t, values.days),
        durations: durationItems(request.t, values.duration),
        errors,
        fieldIds: { category: 'category', days: 'days', duration: 'duration', sensitive: 'sensitive' },
      },
      status,
    );
  }

  app.get('/places/:place/help/new/:kind', async (request, reply) => {
    const ctx = await placeFor(kith, request);
    const kind = parseInput(KindParams, request.params);
    if (!kind.ok) throw new NotFoundError();
    return showForm(request, reply, ctx, kind.value.kind, null, { duration: '60' });
  });

  app.post('/places/:place/help/new/:kind', async (request, reply) => {
    const ctx = await placeFor(kith, request);
    const kind = parseInput(KindParams, request.params);
    if (!kind.ok) throw new NotFoundError();
    const chosen = kind.value.kind;
    return submitForm(request, {
      schema: PostInput,
      show: (form) => showForm(request, reply, ctx, chosen, null, form.values, form.errors, form.status),
      run: (post, submission) =>
        createPost(kith, { placeId: ctx.place.id, personId: me(request), kind: chosen, post, submission }),
      done: (id) => reply.seeOther(`${ctx.base}/posts/${id}`, `exchanges.new.${chosen}.done`),
    });
  });

  async function postIn(request: FastifyRequest, ctx: PlaceContext): Promise<Post> {
    const post = await findPost(db(), (request.params as { post: string }).post);
    if (!post || post.placeId !== ctx.place.id) throw new NotFoundError();
    return post;
  }

  async function showPost(
    request: FastifyRequest,
    reply: FastifyReply,
    ctx: PlaceContext,
    post: Post,
    errors?: FieldErrors,
    status = 200,
  ) {
    const mine = post.personId === me(request);
    const names = await namesOf(db(), [post.personId]);
    let matches: Array<{ href: string; title: string; who: string; reasons: string; kind: string; personId: string }> =
      [];
    let people: typeof matches = [];
    if (mine && post.status === 'open') {
      const found = await matchesFor(db(), post, { isCoordinator: isCoordinator(request, ctx) });
      const who = await namesOf(
        db(),
        [...found.posts, ...found.people].map((m) => m.candidate.personId),
      );
      const present = (m: (typeof found.posts)[number]) => ({
        href: m.candidate.kind === 'person' ? '' : `${ctx.base}/posts/${m.candidate.id}`,
        title: m.candidate.title,
        who: who.get(m.candidate.personId) ?? request.t('exchanges.someone'),
        reasons: reasonText(request.t, m.reasons),
        kind: m.candidate.kind,
        personId: m.candidate.personId,
      });
      matches = found.posts.map(present);
      people = found.people.map(present);
    }
    const conversation = mine ? undefined : await conversationBetween(db(), post.id, me(request), post.personId);
    const exchanges = (await exchangesForPost(db(), post.id)).filter(
      (e) => e.giverId === me(request) || e.receiverId === me(request),
    );
    return viewWith(
      reply,
      ctx,
      'exchanges/post.njk',
      {
        pageTitle: post.title,
        post: presentPost(request.t, post, names),
        mine,
        matches,
        people,
        conversation,
        exchanges: exchanges.map((e) => ({ ...e, statusText: request.t(`exchanges.exchange.status.${e.status}`) })),
        safeguarding: post.sensitive ? await safeguardingFor(kith, request, ctx.place.id) : null,
        days: daysOf(post.days),
        values: errors ? echoValues(request.body) : {},
        errors,
      },
      status,
    );
  }

  app.get('/places/:place/help/posts/:post', async (request, reply) => {
    const ctx = await placeFor(kith, request);
    const post = await postIn(request, ctx);
    if (post.status === 'closed' && post.personId !== me(request) && !post.title) throw new NotFoundError();
    return showPost(request, reply, ctx, post);
  });

  app.get('/places/:place/help/posts/:post/edit', async (request, reply) => {
    const ctx = await placeFor(kith, request);
    const post = await postIn(request, ctx);
    kith.policy.authorize(request.actor, 'offersRequests.ownPost', post);
    return showForm(request, reply, ctx, post.kind, post, {
      title: post.title,
      details: post.details,
      category: post.category,
      area: post.area,
      when: post.when,
      days: daysOf(post.days),
      duration: String(post.duration),
      sensitive: post.sensitive ? 'yes' : undefined,
    });
  });

  app.post('/places/:place/help/posts/:post/edit', async (request, reply) => {
    const ctx = await placeFor(kith, request);
    const post = await postIn(request, ctx);
    kith.policy.authorize(request.actor, 'offersRequests.ownPost', post);
    return submitForm(request, {
      schema: PostInput,
      show: (form) => showForm(request, reply, ctx, post.kind, post, form.values, form.errors, form.status),
      run: (changes) =>
        editPost(kith, { placeId: ctx.place.id, personId: me(request), postId: post.id, post: changes }),
      done: () => reply.seeOther(`${ctx.base}/posts/${post.id}`, 'exchanges.edit.done'),
    });
  });

  app.post('/places/:place/help/posts/:post/status', async (request, reply) => {
    const ctx = await placeFor(kith, request);
    const post = await postIn(request, ctx);
    kith.policy.authorize(request.actor, 'offersRequests.ownPost', post);
    return submitForm(request, {
      schema: StatusInput,
      show: (form) => showPost(request, reply, ctx, post, form.errors, form.status),
      run: async ({ status }) => {
        await changePostStatus(kith, { placeId: ctx.place.id, personId: me(request), postId: post.id, status });
        return status;
      },
      done: (status) => reply.seeOther(`${ctx.base}/posts/${post.id}`, `exchanges.status.${status}.done`),
    });
  });

  app.post('/places/:place/help/posts/:post/contact', async (request, reply) => {
    const ctx = await placeFor(kith, request);
    const post = await postIn(request, ctx);
    if (post.personId === me(request)) throw new NotFoundError();
    const id = await contactPoster(kith, {
      placeId: ctx.place.id,
      personId: me(request),
      postId: post.id,
      submission: submissionOf(request),
    });
    return reply.seeOther(`${ctx.base}/conversations/${id}`);
  });

  app.post('/places/:place/help/posts/:post/propose', async (request, reply) => {
    const ctx = await placeFor(kith, request);
    const post = await postIn(request, ctx);
    return submitForm(request, {
      schema: ProposeInput,
      show: (form) => showPost(request, reply, ctx, post, form.errors, form.status),
      run: ({ note }, submission) =>
        proposeExchange(kith, {
          placeId: ctx.place.id,
          placeSlug: ctx.place.slug,
          personId: me(request),
          personName: myName(request),
          postId: post.id,
          note,
          formKey: submission.key,
        }),
      done: (id) => reply.seeOther(`${ctx.base}/exchanges/${id}`, 'exchanges.propose.done'),
    });
  });
}
