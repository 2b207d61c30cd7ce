/**
 * Where credits are issued and spent: a group's page for its organisers, and a
 * partner's counter for its staff (redeem a reward by member number, keep the list
 * of rewards).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError } from '../../../errors.js';
import type { Kith } from '../../../kith.js';
import { submitForm, type FieldErrors } from '../../../web/forms.js';
import { chooseGroupIssues, issueCredits } from '../groups.js';
import { redeemReward, saveReward } from '../partners.js';
import { GroupChoiceInput, IssueInput, RedeemInput, RewardInput } from '../inputs.js';
import {
  findGroup,
  findPartner,
  findReward,
  organisersOf,
  rewardsOf,
  staffOf,
  type CreditGroup,
  type Partner,
} from '../setup-store.js';
import { formatCredits } from '../statements.js';
import { findAccountOf } from '../store.js';
import { personId, placeOnly, refusalErrors, viewWith, type PlaceContext } from './context.js';

export function counterRoutes(app: FastifyInstance, kith: Kith) {
  const db = () => kith.db.kysely;

  async function groupFor(request: FastifyRequest): Promise<{ ctx: PlaceContext; group: CreditGroup }> {
    const ctx = await placeOnly(kith, request);
    const group = await findGroup(db(), (request.params as { group: string }).group);
    if (!group || group.placeId !== ctx.place.id) throw new NotFoundError();
    kith.policy.authorize(request.actor, 'timeCredits.issue', {
      placeId: ctx.place.id,
      organisers: await organisersOf(db(), group.id),
    });
    return { ctx, group };
  }

  async function showGroup(
    request: FastifyRequest,
    reply: FastifyReply,
    ctx: PlaceContext,
    group: CreditGroup,
    values: Record<string, unknown>,
    errors?: FieldErrors,
    status = 200,
  ) {
    const account = await findAccountOf(db(), ctx.place.id, 'group', group.id);
    return viewWith(
      reply,
      ctx,
      'timebank/group.njk',
      {
        pageTitle: group.name,
        group,
        account: account && { ...account, balanceText: formatCredits(request.t, account.balance) },
        values,
        errors,
      },
      status,
    );
  }

  app.get('/places/:place/time-credits/groups/:group', async (request, reply) => {
    const { ctx, group } = await groupFor(request);
    return showGroup(request, reply, ctx, group, {});
  });

  app.post('/places/:place/time-credits/groups/:group/issue', async (request, reply) => {
    const { ctx, group } = await groupFor(request);
    return submitForm(request, {
      schema: IssueInput,
      show: (form) => showGroup(request, reply, ctx, group, form.values, form.errors, form.status),
      run: (issue, submission) =>
        issueCredits(kith, {
          placeId: ctx.place.id,
          actorId: personId(request),
          groupId: group.id,
          ...issue,
          formKey: submission.key,
        }),
      refusals: (error) => refusalErrors(request, error),
      done: () => reply.seeOther(`${ctx.base}/groups/${group.id}`, 'timebank.issue.done'),
    });
  });

  app.post('/places/:place/time-credits/groups/:group/choice', async (request, reply) => {
    const { ctx, group } = await groupFor(request);
    return submitForm(request, {
      schema: GroupChoiceInput,
      // A choice between two buttons: nothing typed to show again.
      show: (form) => showGroup(request, reply, ctx, group, {}, form.errors, form.status),
      run: async ({ issues }) => {
        await chooseGroupIssues(kith, { placeId: ctx.place.id, actorId: personId(request), groupId: group.id, issues });
        return issues;
      },
      refusals: (error) => refusalErrors(request, error),
      done: (issues) =>
        reply.seeOther(
          `${ctx.base}/groups/${group.id}`,
          issues ? 'timebank.group.choice.yes' : 'timebank.group.choice.no',
        ),
    });
  });

  async function partnerFor(request: FastifyRequest): Promise<{ ctx: PlaceContext; partner: Partner }> {
    const ctx = await placeOnly(kith, request);
    const partner = await findPartner(db(), (request.params as { partner: string }).partner);
    if (!partner || partner.placeId !== ctx.place.id) throw new NotFoundError();
    kith.policy.authorize(request.actor, 'timeCredits.partnerCounter', {
      placeId: ctx.place.id,
      staff: await staffOf(db(), partner.id),
    });
    return { ctx, partner };
  }

  async function showCounter(
    request: FastifyRequest,
    reply: FastifyReply,
    ctx: PlaceContext,
    partner: Partner,
    values: Record<string, unknown>,
    errors?: FieldErrors,
    status = 200,
  ) {
    const [rewards, account] = await Promise.all([
      rewardsOf(db(), partner.id, { activeOnly: false }),
      findAccountOf(db(), ctx.place.id, 'partner', partner.id),
    ]);
    const query = request.query as Record<string, unknown>;
    return viewWith(
      reply,
      ctx,
      'timebank/counter.njk',
      {
        pageTitle: partner.name,
        partner,
        account,
        rewards: rewards.map((r) => ({ ...r, costText: formatCredits(request.t, r.cost) })),
        rewardItems: rewards
          .filter((r) => r.active)
          .map((r) => ({ value: r.id, text: `${r.title} (${formatCredits(request.t, r.cost)})` })),
        redeemed: typeof query.redeemed === 'string' && /^\d{6}$/.test(query.redeemed) ? query.redeemed : null,
        values,
        errors,
        fieldIds: { reward: 'reward' },
      },
      status,
    );
  }

  app.get('/places/:place/time-credits/partners/:partner', async (request, reply) => {
    const { ctx, partner } = await partnerFor(request);
    return showCounter(request, reply, ctx, partner, {});
  });

  app.post(
    '/places/:place/time-credits/partners/:partner/redeem',
    { config: { rateLimit: { max: Math.max(60, kith.config.rateLimitPerMinute), timeWindow: '1 minute' } } },
    async (request, reply) => {
      const { ctx, partner } = await partnerFor(request);
      return submitForm(request, {
        schema: RedeemInput,
        show: (form) => showCounter(request, reply, ctx, partner, form.values, form.errors, form.status),
        run: (redeem, submission) =>
          redeemReward(kith, {
            placeId: ctx.place.id,
            actorId: personId(request),
            partnerId: partner.id,
            number: redeem.number,
            rewardId: redeem.reward,
            quantity: redeem.quantity,
            formKey: submission.key,
          }),
        refusals: (error) => refusalErrors(request, error),
        done: (done) =>
          reply.seeOther(`${ctx.base}/partners/${partner.id}?redeemed=${done.number}`, 'timebank.redeem.done'),
      });
    },
  );

  async function showReward(
    request: FastifyRequest,
    reply: FastifyReply,
    ctx: PlaceContext,
    partner: Partner,
    rewardId: string | null,
    values: Record<string, unknown>,
    errors?: FieldErrors,
    status = 200,
  ) {
    return viewWith(
      reply,
      ctx,
      'timebank/reward.njk',
      {
        pageTitle: request.t(rewardId ? 'timebank.reward.edit.title' : 'timebank.reward.new.title'),
        partner,
        rewardId,
        values,
        errors,
      },
      status,
    );
  }

  app.get('/places/:place/time-credits/partners/:partner/rewards/new', async (request, reply) => {
    const { ctx, partner } = await partnerFor(request);
    return showReward(request, reply, ctx, partner, null, { hours: '1', active: 'yes' });
  });

  app.get('/places/:place/time-credits/partners/:partner/rewards/:reward', async (request, reply) => {
    const { ctx, partner } = await partnerFor(request);
    const reward = await findReward(db(), (request.params as { reward: string }).reward);
    if (!reward || reward.partnerId !== partner.id) throw new NotFoundError();
    return showReward(request, reply, ctx, partner, reward.id, {
      title: reward.title,
      conditions: reward.conditions,
      hours: String(Math.floor(reward.cost / 60)),
      minutes: reward.cost % 60 ? String(reward.cost % 60) : '',
      active: reward.active ? 'yes' : 'no',
    });
  });

  for (const url of [
    '/places/:place/time-credits/partners/:partner/rewards',
    '/places/:place/time-credits/partners/:partner/rewards/:reward',
  ]) {
    app.post(url, async (request, reply) => {
      const { ctx, partner } = await partnerFor(request);
      const rewardId = (request.params as { reward?: string }).reward ?? null;
      if (rewardId) {
        const reward = await findReward(db(), rewardId);
        if (!reward || reward.partnerId !== partner.id) throw new NotFoundError();
      }
      return submitForm(request, {
        schema: RewardInput,
        show: (form) => showReward(request, reply, ctx, partner, rewardId, form.values, form.errors, form.status),
        run: (reward, submission) =>
          saveReward(kith, {
            placeId: ctx.place.id,
            actorId: personId(request),
            partnerId: partner.id,
            rewardId: rewardId ?? undefined,
            ...reward,
            cost: reward.minutes,
            submission,
          }),
        refusals: (error) => refusalErrors(request, error),
        done: () => reply.seeOther(`${ctx.base}/partners/${partner.id}`, 'timebank.reward.saved'),
      });
    });
  }
}
