/**
 * Pledges on a group's campaign or an event: pledging to an action, pledging in one's own
 * words, and answering the follow-up ("did you do it?"). The group and event pages show
 * the section through pledgesSection; the forms that can fail have a page of their own,
 * so a mistake is shown beside the field whichever page it came from.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError } from '../../../errors.js';
import type { Kith } from '../../../kith.js';
import { suppressCount } from '../../../platform/suppression.js';
import { freshForm, submitForm, type FormState } from '../../../web/forms.js';
import { actorId, placeContext, viewInPlace, type PlaceContext } from '../../../web/place.js';
import { OwnPledgeInput, PledgeOutcomeInput } from '../inputs.js';
import { answerFollowUp, pledge, pledgeInOwnWords } from '../pledges.js';
import { FOLLOW_UP_DAYS } from '../rules.js';
import { actionsOf, findEvent, findPledge, ownWordsPledgers, pledgedBy, type Group } from '../store.js';
import { groupIn, type GroupInPlace } from './context.js';

/** When to ask, as a choice: never, or after a week, two weeks or a month. */
function followUpItems(request: FastifyRequest, chosen: unknown = '') {
  return [
    { value: '', text: request.t('groups.followUp.none'), selected: !chosen },
    ...FOLLOW_UP_DAYS.map((days) => ({
      value: String(days),
      text: request.t(`groups.followUp.${days}`),
      selected: String(chosen) === String(days),
    })),
  ];
}

/**
 * The pledges of a group's campaign (eventId null) or an event, as a page shows them:
 * counts held back when small, whether this reader pledged, and their own-words pledges.
 */
export async function pledgesSection(kith: Kith, request: FastifyRequest, group: Group, eventId: string | null) {
  const db = kith.db.kysely;
  const me = request.actor.personId;
  const actions = await actionsOf(db, group.placeId, { groupId: group.id, eventId });
  const mine = me
    ? await pledgedBy(
        db,
        actions.map((a) => a.id),
        me,
      )
    : new Set<string>();
  const ownWords = suppressCount(await ownWordsPledgers(db, group.placeId, group.id, eventId));
  return {
    actions: actions.map((a) => {
      const shown = suppressCount(a.pledges);
      const done = suppressCount(a.done);
      return {
        ...a,
        pledged: mine.has(a.id),
        countText:
          shown === null ? request.t('groups.pledge.fewPledged') : request.t('groups.pledge.pledged', { count: shown }),
        doneText: done ? request.t('groups.pledge.done', { count: done }) : '',
      };
    }),
    ownWordsText: ownWords ? request.t('groups.pledge.ownWords.count', { count: ownWords }) : '',
    mine: me
      ? (await actionsOf(db, group.placeId, { groupId: group.id, eventId, ownWordsOf: me })).filter(
          (a) => a.eventId === eventId,
        )
      : [],
    followUpItems: followUpItems(request),
  };
}

export function pledgeRoutes(app: FastifyInstance, kith: Kith) {
  const db = () => kith.db.kysely;

  /** The action in the address and its group, if this reader may see inside it. */
  async function actionIn(request: FastifyRequest, ctx: PlaceContext) {
    const [action] = await actionsOf(db(), ctx.place.id, { id: (request.params as { action: string }).action });
    if (!action) throw new NotFoundError();
    return { action, ...(await groupIn(kith, request, ctx, action.groupId)) };
  }
  const backTo = (ctx: PlaceContext, a: { groupId: string; eventId: string | null }) =>
    a.eventId ? `${ctx.base}/events/${a.eventId}` : `${ctx.base}/${a.groupId}`;

  app.post('/places/:place/groups/actions/:action/pledge', async (request, reply) => {
    const ctx = await placeContext(kith, request, { section: 'groups' });
    const { action, subject } = await actionIn(request, ctx);
    kith.policy.authorize(request.actor, 'groups.rsvp', subject);
    // Nobody pledges to someone else's own words.
    if (action.ownWords) throw new NotFoundError();
    await pledge(kith, { action, placeId: ctx.place.id, personId: actorId(request) });
    return reply.seeOther(backTo(ctx, action), 'groups.flash.pledged');
  });

  const showOwnPledge = (
    request: FastifyRequest,
    reply: FastifyReply,
    ctx: PlaceContext,
    { group }: GroupInPlace,
    eventId: string,
    form: FormState,
  ) =>
    viewInPlace(
      reply,
      ctx,
      'groups/own-pledge.njk',
      {
        pageTitle: request.t('groups.pledge.ownWords.title'),
        group,
        eventId,
        back: eventId ? `${ctx.base}/events/${eventId}` : `${ctx.base}/${group.id}`,
        followUpItems: followUpItems(request, form.values.followUp),
        values: form.values,
        errors: form.errors,
      },
      form.status,
    );

  /**
   * The event a campaign form names, if it is this group's; '' for the group's own campaign.
   * The form is on the group and event pages; its own page shows only a mistake, after a post.
   */
  async function eventOf(request: FastifyRequest, ctx: PlaceContext, group: Group): Promise<string> {
    const body = request.body as { eventId?: string } | undefined;
    const eventId = body?.eventId || '';
    if (eventId && (await findEvent(db(), ctx.place.id, eventId))?.groupId !== group.id) throw new NotFoundError();
    return eventId;
  }

  app.post('/places/:place/groups/:group/own-pledge', async (request, reply) => {
    const ctx = await placeContext(kith, request, { section: 'groups' });
    const inPlace = await groupIn(kith, request, ctx, (request.params as { group: string }).group);
    kith.policy.authorize(request.actor, 'groups.rsvp', inPlace.subject);
    const eventId = await eventOf(request, ctx, inPlace.group);
    return submitForm(request, {
      schema: OwnPledgeInput,
      show: (form) => showOwnPledge(request, reply, ctx, inPlace, eventId, form),
      run: (input, submission) =>
        pledgeInOwnWords(kith, {
          group: inPlace.group,
          eventId: eventId || null,
          personId: actorId(request),
          text: input.ownPledge,
          followUpDays: input.followUp,
          submission,
        }),
      done: () =>
        reply.seeOther(backTo(ctx, { groupId: inPlace.group.id, eventId: eventId || null }), 'groups.flash.pledged'),
    });
  });

  /** "Did you do it?": only the person who pledged sees it; anyone else finds nothing here. */
  async function showFollowUp(request: FastifyRequest, reply: FastifyReply, ctx: PlaceContext, form: FormState) {
    const { action, group, subject } = await actionIn(request, ctx);
    kith.policy.authorize(request.actor, 'groups.join', subject);
    const mine = await findPledge(db(), action.id, actorId(request));
    if (!mine) throw new NotFoundError();
    const chosen = form.values.outcome ?? mine.outcome ?? '';
    return viewInPlace(
      reply,
      ctx,
      'groups/follow-up.njk',
      {
        pageTitle: request.t('groups.followUp.title'),
        action,
        group,
        back: backTo(ctx, action),
        answeredText: mine.outcome ? request.t(`groups.followUp.answered.${mine.outcome}`) : '',
        outcomes: (['done', 'not_yet', 'no'] as const).map((o) => ({
          value: o,
          text: request.t(`groups.followUp.outcome.${o}`),
          checked: chosen === o,
        })),
        values: form.values,
        errors: form.errors,
      },
      form.status,
    );
  }

  app.get('/places/:place/groups/pledges/:action', async (request, reply) => {
    const ctx = await placeContext(kith, request, { section: 'groups' });
    return showFollowUp(request, reply, ctx, freshForm());
  });

  app.post('/places/:place/groups/pledges/:action', async (request, reply) => {
    const ctx = await placeContext(kith, request, { section: 'groups' });
    const { action, subject } = await actionIn(request, ctx);
    kith.policy.authorize(request.actor, 'groups.join', subject);
    return submitForm(request, {
      schema: PledgeOutcomeInput,
      show: (form) => showFollowUp(request, reply, ctx, form),
      run: (input) =>
        answerFollowUp(kith, {
          placeId: ctx.place.id,
          actionId: action.id,
          personId: actorId(request),
          outcome: input.outcome,
        }),
      done: () => reply.seeOther(backTo(ctx, action), 'groups.flash.followUpAnswered'),
    });
  });
}
