import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kith } from '../../../kith.js';
import { hasRole } from '../../../policy/index.js';
import { parseInput, submitForm, type FieldErrors } from '../../../web/forms.js';
import { PageQuery, paginationFor } from '../../../web/pagination.js';
import { joinTimeCredits, leaveTimeCredits, payMemberFromForm } from '../accounts.js';
import { PaymentInput } from '../inputs.js';
import {
  activeRewardsInPlace,
  groupsInPlace,
  groupsOrganisedBy,
  partnersInPlace,
  partnersStaffedBy,
} from '../setup-store.js';
import { formatCredits, pageRange, STATEMENT_PAGE_SIZE, statementCsv, statementRows } from '../statements.js';
import { findAccountOf, settingsOf, type TimeAccount } from '../store.js';
import { namesOf } from '../people.js';
import { personId, placeFor, refusalErrors, visibleAccount, viewWith, type PlaceContext } from './context.js';

export function memberRoutes(app: FastifyInstance, kith: Kith) {
  const db = () => kith.db.kysely;

  app.get('/places/:place/time-credits', async (request, reply) => {
    const ctx = await placeFor(kith, request, 'timeCredits.use');
    const me = personId(request);
    const [settings, account, groups, partners] = await Promise.all([
      settingsOf(db(), ctx.place.id),
      findAccountOf(db(), ctx.place.id, 'person', me),
      groupsOrganisedBy(db(), ctx.place.id, me),
      partnersStaffedBy(db(), ctx.place.id, me),
    ]);
    const can = (action: string) => kith.policy.can(request.actor, action, ctx.place);
    return viewWith(reply, ctx, 'timebank/home.njk', {
      pageTitle: request.t('timebank.home.title'),
      enabled: settings.enabled,
      account: account && { ...account, balanceText: formatCredits(request.t, account.balance) },
      overdraft: settings.personFloor < 0 ? formatCredits(request.t, -settings.personFloor) : null,
      groups,
      partners,
      canManage: can('timeCredits.manage'),
      canSettings: can('timeCredits.settings'),
      canTotals: can('timeCredits.totals'),
    });
  });

  app.post('/places/:place/time-credits/join', async (request, reply) => {
    const ctx = await placeFor(kith, request, 'timeCredits.use');
    await joinTimeCredits(kith, { placeId: ctx.place.id, personId: personId(request) });
    return reply.seeOther(ctx.base, 'timebank.join.done');
  });

  app.get('/places/:place/time-credits/leave', async (request, reply) => {
    const ctx = await placeFor(kith, request, 'timeCredits.use');
    return viewWith(reply, ctx, 'timebank/leave.njk', { pageTitle: request.t('timebank.leave.title') });
  });

  app.post('/places/:place/time-credits/leave', async (request, reply) => {
    const ctx = await placeFor(kith, request, 'timeCredits.use');
    await leaveTimeCredits(kith, { placeId: ctx.place.id, personId: personId(request) });
    return reply.seeOther(ctx.base, 'timebank.leave.done');
  });

  async function showPay(
    request: FastifyRequest,
    reply: FastifyReply,
    ctx: PlaceContext,
    values: Record<string, unknown>,
    errors?: FieldErrors,
    status = 200,
  ) {
    const account = await findAccountOf(db(), ctx.place.id, 'person', personId(request));
    return viewWith(
      reply,
      ctx,
      'timebank/pay.njk',
      {
        pageTitle: request.t('timebank.pay.title'),
        account: account && !account.optedOut ? { balanceText: formatCredits(request.t, account.balance) } : null,
        values,
        errors,
      },
      status,
    );
  }

  app.get('/places/:place/time-credits/pay', async (request, reply) => {
    const ctx = await placeFor(kith, request, 'timeCredits.use');
    return showPay(request, reply, ctx, {});
  });

  app.post('/places/:place/time-credits/pay', async (request, reply) => {
    const ctx = await placeFor(kith, request, 'timeCredits.use');
    return submitForm(request, {
      schema: PaymentInput,
      show: (form) => showPay(request, reply, ctx, form.values, form.errors, form.status),
      run: (payment, submission) =>
        payMemberFromForm(kith, {
          placeId: ctx.place.id,
          payerId: personId(request),
          ...payment,
          formKey: submission.key,
        }),
      refusals: (error) => refusalErrors(request, error),
      done: () => reply.seeOther(ctx.base, 'timebank.pay.done'),
    });
  });

  app.get('/places/:place/time-credits/rewards', async (request, reply) => {
    const ctx = await placeFor(kith, request, 'timeCredits.use');
    const rewards = await activeRewardsInPlace(db(), ctx.place.id);
    return viewWith(reply, ctx, 'timebank/rewards.njk', {
      pageTitle: request.t('timebank.rewards.title'),
      rewards: rewards.map((r) => ({ ...r, costText: formatCredits(request.t, r.cost) })),
    });
  });

  /** Who the account is, as a heading: "Your time credits", a group's name, a partner's. */
  async function accountTitle(request: FastifyRequest, ctx: PlaceContext, account: TimeAccount): Promise<string> {
    if (account.kind === 'fund') return request.t('timebank.fund.name');
    if (account.kind === 'person') {
      if (account.ownerId === request.actor.personId) return request.t('timebank.statement.yours');
      return (await namesOf(db(), [account.ownerId])).get(account.ownerId) ?? request.t('timebank.someone');
    }
    const list =
      account.kind === 'group' ? await groupsInPlace(db(), ctx.place.id) : await partnersInPlace(db(), ctx.place.id);
    return list.find((x) => x.id === account.ownerId)?.name ?? '';
  }

  /**
   * A person who stopped using credits does not see their balance, here or anywhere;
   * coordinators and admins still do, to keep the ledger right.
   */
  function statementOptions(request: FastifyRequest, ctx: PlaceContext, account: TimeAccount) {
    const staff = hasRole(request.actor, ctx.place.id, 'coordinator', 'admin');
    return { viewerIsPartner: account.kind === 'partner' && !staff, showBalance: staff || !account.optedOut };
  }

  app.get('/places/:place/time-credits/accounts/:account', async (request, reply) => {
    const ctx = await placeFor(kith, request, 'timeCredits.use');
    const account = await visibleAccount(kith, request, ctx);
    const parsed = parseInput(PageQuery, request.query);
    const page = parsed.ok ? parsed.value.page : 1;
    const options = statementOptions(request, ctx, account);
    const range = pageRange(account.entryCount, page, STATEMENT_PAGE_SIZE);
    const rows = range ? await statementRows(db(), request.t, account, range, options) : [];
    const href = `${ctx.base}/accounts/${account.id}`;
    return viewWith(reply, ctx, 'timebank/statement.njk', {
      pageTitle: await accountTitle(request, ctx, account),
      account: { ...account, balanceText: options.showBalance ? formatCredits(request.t, account.balance) : null },
      rows,
      isPartner: account.kind === 'partner',
      canReverse: kith.policy.can(request.actor, 'timeCredits.reverse', ctx.place),
      csvHref: `${href}/statement.csv`,
      pagination: paginationFor(request.t, {
        page,
        perPage: STATEMENT_PAGE_SIZE,
        total: account.entryCount,
        href: (p) => `${href}?page=${p}`,
      }),
    });
  });

  app.get('/places/:place/time-credits/accounts/:account/statement.csv', async (request, reply) => {
    const ctx = await placeFor(kith, request, 'timeCredits.use');
    const account = await visibleAccount(kith, request, ctx);
    const name = account.kind === 'partner' ? 'redemptions' : 'statement';
    return reply
      .header(
        'content-disposition',
        `attachment; filename="time-credits-${name}-${new Date().toISOString().slice(0, 10)}.csv"`,
      )
      .header('cache-control', 'no-store')
      .type('text/csv; charset=utf-8')
      .send(Readable.from(statementCsv(db(), request.t, account, statementOptions(request, ctx, account))));
  });
}
