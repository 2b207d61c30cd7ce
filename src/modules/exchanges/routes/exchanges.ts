import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { NotFoundError } from '../../../errors.js';
import type { Kith } from '../../../kith.js';
import {
  echoValues,
  freshForm,
  submitForm,
  parseInput,
  ruleFieldErrors,
  submissionKey,
  submissionOf,
  type FieldErrors,
  type FormState,
} from '../../../web/forms.js';
import { creditFor, takesPart } from '../../timebank/index.js';
import {
  findConversation,
  findExchange,
  findSmallAct,
  messagesOf,
  type Conversation,
  type Exchange,
} from '../exchange-store.js';
import { actOnExchange, describeSmallAct, logSmallAct } from '../exchanges.js';
import { namesOf } from '../people.js';
import { contactHelper, saveHelperProfile, sendMessage } from '../posts.js';
import { allowedActions, EXCHANGE_ACTIONS, waitedLongEnough, type ExchangeAction } from '../exchange-steps.js';
import { HelperInput, MessageInput, RecordInput, SmallActInput } from '../inputs.js';
import { findHelper, findPost } from '../store.js';
import { daysOf } from '../text.js';
import {
  categoryItems,
  dayItems,
  isCoordinator,
  me,
  myName,
  placeFor,
  viewWith,
  type PlaceContext,
} from './context.js';

const NothingAsked = z.unknown().transform((): number | undefined => undefined);
const ActionParams = z.object({ action: z.enum(EXCHANGE_ACTIONS as [ExchangeAction, ...ExchangeAction[]]) });

function minutesText(t: FastifyRequest['t'], minutes: number | null): string {
  if (!minutes) return '';
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return [h ? t('exchanges.hours', { count: h }) : '', m ? t('exchanges.minutes', { count: m }) : '']
    .filter(Boolean)
    .join(' ');
}

export function exchangeRoutes(app: FastifyInstance, kith: Kith) {
  const db = () => kith.db.kysely;

  async function conversationIn(request: FastifyRequest, ctx: PlaceContext): Promise<Conversation> {
    const conversation = await findConversation(db(), (request.params as { conversation: string }).conversation);
    if (!conversation || conversation.placeId !== ctx.place.id) throw new NotFoundError();
    kith.policy.authorize(request.actor, 'offersRequests.conversation', conversation);
    return conversation;
  }

  async function showConversation(
    request: FastifyRequest,
    reply: FastifyReply,
    ctx: PlaceContext,
    conversation: Conversation,
    errors?: FieldErrors,
    status = 200,
  ) {
    const other = conversation.startedBy === me(request) ? conversation.otherPerson : conversation.startedBy;
    const [messages, names, post] = await Promise.all([
      messagesOf(db(), conversation.id),
      namesOf(db(), [other, me(request)]),
      conversation.postId ? findPost(db(), conversation.postId) : undefined,
    ]);
    return viewWith(
      reply,
      ctx,
      'exchanges/conversation.njk',
      {
        pageTitle: request.t('exchanges.conversation.title', {
          name: names.get(other) ?? request.t('exchanges.someone'),
        }),
        conversation,
        post,
        // Blocking is offered once the other person has written: from a message received.
        otherId: messages.some((m) => m.authorId === other) ? other : '',
        otherName: names.get(other) ?? request.t('exchanges.someone'),
        messages: messages.map((m) => ({
          ...m,
          mine: m.authorId === me(request),
          author:
            m.authorId === me(request)
              ? request.t('exchanges.conversation.you')
              : (names.get(m.authorId) ?? request.t('exchanges.someone')),
        })),
        values: errors ? echoValues(request.body) : {},
        errors,
      },
      status,
    );
  }

  app.get('/places/:place/help/conversations/:conversation', async (request, reply) => {
    const ctx = await placeFor(kith, request);
    return showConversation(request, reply, ctx, await conversationIn(request, ctx));
  });

  app.post('/places/:place/help/conversations/:conversation', async (request, reply) => {
    const ctx = await placeFor(kith, request);
    const conversation = await conversationIn(request, ctx);
    return submitForm(request, {
      schema: MessageInput,
      show: (form) => showConversation(request, reply, ctx, conversation, form.errors, form.status),
      run: ({ body }, submission) =>
        sendMessage(kith, {
          placeId: ctx.place.id,
          placeSlug: ctx.place.slug,
          personId: me(request),
          senderName: myName(request),
          conversationId: conversation.id,
          body,
          submission,
        }),
      done: () => reply.seeOther(`${ctx.base}/conversations/${conversation.id}`, 'exchanges.conversation.sent'),
    });
  });

  app.post('/places/:place/help/posts/:post/ask/:person', async (request, reply) => {
    const ctx = await placeFor(kith, request);
    const { post, person } = request.params as { post: string; person: string };
    const found = await findPost(db(), post);
    if (!found || found.placeId !== ctx.place.id) throw new NotFoundError();
    kith.policy.authorize(request.actor, 'offersRequests.ownPost', found);
    const id = await contactHelper(kith, {
      placeId: ctx.place.id,
      personId: me(request),
      postId: post,
      helperId: person,
      asCoordinator: isCoordinator(request, ctx),
      submission: submissionOf(request),
    });
    return reply.seeOther(`${ctx.base}/conversations/${id}`);
  });

  async function exchangeIn(request: FastifyRequest, ctx: PlaceContext): Promise<Exchange> {
    const exchange = await findExchange(db(), (request.params as { exchange: string }).exchange);
    if (!exchange || exchange.placeId !== ctx.place.id) throw new NotFoundError();
    kith.policy.authorize(request.actor, 'offersRequests.exchange', exchange);
    return exchange;
  }

  async function showExchange(
    request: FastifyRequest,
    reply: FastifyReply,
    ctx: PlaceContext,
    exchange: Exchange,
    form: FormState = freshForm(),
  ) {
    const { values, errors, status } = form;
    const names = await namesOf(db(), [exchange.giverId, exchange.receiverId]);
    const name = (id: string) =>
      id === me(request) ? request.t('exchanges.conversation.you') : (names.get(id) ?? request.t('exchanges.someone'));
    const actions = allowedActions(exchange, me(request), isCoordinator(request, ctx), new Date());
    const credit =
      exchange.status === 'confirmed' ? await creditFor(db(), { type: 'exchange', id: exchange.id }) : undefined;
    const usesCredits = await takesPart(db(), ctx.place.id, me(request));
    return viewWith(
      reply,
      ctx,
      'exchanges/exchange.njk',
      {
        pageTitle: exchange.description,
        exchange: {
          ...exchange,
          giver: name(exchange.giverId),
          receiver: name(exchange.receiverId),
          statusText: request.t(`exchanges.exchange.status.${exchange.status}`),
          minutesText: minutesText(request.t, exchange.minutes),
          waitedLong: waitedLongEnough(exchange.recordedAt, new Date()),
        },
        actions,
        creditText: credit
          ? request.t('exchanges.exchange.credited', { amount: minutesText(request.t, credit.minutes) })
          : exchange.creditStatus
            ? request.t(`exchanges.exchange.credit.${exchange.creditStatus.split('.')[0]}`)
            : null,
        usesCredits,
        values,
        errors,
        fieldIds: { form: 'exchange-actions' },
      },
      status,
    );
  }

  app.get('/places/:place/help/exchanges/:exchange', async (request, reply) => {
    const ctx = await placeFor(kith, request);
    return showExchange(request, reply, ctx, await exchangeIn(request, ctx));
  });

  app.post('/places/:place/help/exchanges/:exchange/:action', async (request, reply) => {
    const ctx = await placeFor(kith, request);
    const exchange = await exchangeIn(request, ctx);
    const action = parseInput(ActionParams, request.params);
    if (!action.ok) throw new NotFoundError();
    // Only recording asks for anything (the hours); the other steps are a button each.
    const schema = action.value.action === 'record' ? RecordInput : NothingAsked;
    return submitForm(request, {
      schema,
      show: (form) => showExchange(request, reply, ctx, exchange, form),
      run: (minutes: number | undefined) =>
        actOnExchange(kith, {
          placeId: ctx.place.id,
          placeSlug: ctx.place.slug,
          personId: me(request),
          personName: myName(request),
          isCoordinator: isCoordinator(request, ctx),
          exchangeId: exchange.id,
          action: action.value.action,
          minutes,
        }),
      // A refusal about the ledger names amounts in minutes: say them in hours and minutes.
      refusals: (error) => {
        const e = error as { status?: number; key?: string; params?: Record<string, string> };
        if (e.status !== 422 || !e.key) return undefined;
        const params = Object.fromEntries(
          Object.entries(e.params ?? {}).map(([k, v]) => [
            k,
            /^-?\d+$/.test(String(v)) && ['balance', 'needed', 'floor'].includes(k)
              ? minutesText(request.t, Math.abs(Number(v))) || '0'
              : String(v),
          ]),
        );
        return ruleFieldErrors(error) ?? { form: { key: e.key, params } };
      },
      done: () =>
        reply.seeOther(`${ctx.base}/exchanges/${exchange.id}`, `exchanges.exchange.${action.value.action}.done`),
    });
  });

  // "I helped a neighbour"

  app.post('/places/:place/help/small-acts', async (request, reply) => {
    const ctx = await placeFor(kith, request);
    const id = await logSmallAct(kith, {
      placeId: ctx.place.id,
      personId: me(request),
      formKey: submissionKey(request),
    });
    return reply.seeOther(`${ctx.base}/small-acts/${id}`, 'exchanges.smallAct.logged');
  });

  async function showSmallAct(
    request: FastifyRequest,
    reply: FastifyReply,
    ctx: PlaceContext,
    values: Record<string, unknown>,
    errors?: FieldErrors,
    status = 200,
  ) {
    const act = await findSmallAct(db(), (request.params as { act: string }).act);
    if (!act || act.placeId !== ctx.place.id) throw new NotFoundError();
    kith.policy.authorize(request.actor, 'offersRequests.ownSmallAct', act);
    return viewWith(
      reply,
      ctx,
      'exchanges/small-act.njk',
      {
        pageTitle: request.t('exchanges.smallAct.title'),
        act,
        values: errors ? values : { what: act.what, minutes: act.minutes ?? '' },
        errors,
      },
      status,
    );
  }

  app.get('/places/:place/help/small-acts/:act', async (request, reply) => {
    const ctx = await placeFor(kith, request);
    return showSmallAct(request, reply, ctx, {});
  });

  app.post('/places/:place/help/small-acts/:act', async (request, reply) => {
    const ctx = await placeFor(kith, request);
    const act = await findSmallAct(db(), (request.params as { act: string }).act);
    if (!act || act.placeId !== ctx.place.id) throw new NotFoundError();
    kith.policy.authorize(request.actor, 'offersRequests.ownSmallAct', act);
    return submitForm(request, {
      schema: SmallActInput,
      show: (form) => showSmallAct(request, reply, ctx, form.values, form.errors, form.status),
      run: (described) =>
        describeSmallAct(kith, {
          placeId: ctx.place.id,
          personId: me(request),
          actId: (request.params as { act: string }).act,
          ...described,
        }),
      done: () => reply.seeOther(`${ctx.base}/mine`, 'exchanges.smallAct.saved'),
    });
  });

  // What I can help with

  async function showHelper(
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
      'exchanges/helper.njk',
      {
        pageTitle: request.t('exchanges.helper.title'),
        values,
        categories: categoryItems(request.t).map((c) => ({
          ...c,
          checked: ([] as unknown[]).concat(values.categories ?? []).includes(c.value),
        })),
        days: dayItems(request.t, values.days),
        errors,
        fieldIds: { categories: 'categories', days: 'days', visibility: 'visibility', active: 'active' },
      },
      status,
    );
  }

  app.get('/places/:place/help/helper', async (request, reply) => {
    const ctx = await placeFor(kith, request);
    const helper = await findHelper(db(), ctx.place.id, me(request));
    return showHelper(
      request,
      reply,
      ctx,
      helper
        ? {
            canHelpWith: helper.canHelpWith,
            categories: helper.categories,
            area: helper.area ?? '',
            days: daysOf(helper.days),
            visibility: helper.visibility,
            active: helper.active ? 'yes' : 'no',
          }
        : { visibility: 'members', active: 'yes' },
    );
  });

  app.post('/places/:place/help/helper', async (request, reply) => {
    const ctx = await placeFor(kith, request);
    return submitForm(request, {
      schema: HelperInput,
      show: (form) => showHelper(request, reply, ctx, form.values, form.errors, form.status),
      run: (helper) => saveHelperProfile(kith, { placeId: ctx.place.id, personId: me(request), ...helper }),
      done: () => reply.seeOther(`${ctx.base}/mine`, 'exchanges.helper.saved'),
    });
  });
}
