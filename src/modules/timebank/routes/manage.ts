/**
 * Coordinators' and admins' pages: the place's settings, its groups and partners,
 * funding groups, finding an account, reversing a mistake, and the totals officers see.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { NotFoundError } from '../../../errors.js';
import type { Kith } from '../../../kith.js';
import { parseInput, submitForm, type FieldErrors } from '../../../web/forms.js';
import { organisationSummaries } from '../../directory/index.js';
import { saveTimebankSettings, fundAccountOf } from '../accounts.js';
import { fundGroup, saveGroup } from '../groups.js';
import { reverseTransfer } from '../ledger.js';
import { savePartner } from '../partners.js';
import { findPersonById, namesOf } from '../people.js';
import { FundInput, GroupInput, PartnerInput, ReverseInput, SettingsInput } from '../inputs.js';
import { findGroup, findPartner, groupsInPlace, organisersOf, partnersInPlace, staffOf } from '../setup-store.js';
import { formatCredits, placeTotals } from '../statements.js';
import {
  accountsInPlace,
  accountsOfOwners,
  entriesOfTransfers,
  findReversalOf,
  findTransfer,
  settingsOf,
} from '../store.js';
import { personId, placeFor, refusalErrors, viewWith, type PlaceContext } from './context.js';

const FindQuery = z.object({ number: z.string().trim().max(20).optional().default('') });

export function manageRoutes(app: FastifyInstance, kith: Kith) {
  const db = () => kith.db.kysely;

  app.get('/places/:place/time-credits/manage', async (request, reply) => {
    const ctx = await placeFor(kith, request, 'timeCredits.manage');
    const query = parseInput(FindQuery, request.query);
    const number = query.ok ? query.value.number.replace(/\s/g, '') : '';
    const [settings, groups, partners] = await Promise.all([
      settingsOf(db(), ctx.place.id),
      groupsInPlace(db(), ctx.place.id),
      partnersInPlace(db(), ctx.place.id),
    ]);
    const fund = settings.enabled ? await fundAccountOf(kith, ctx.place.id) : undefined;
    const ownerAccounts = await accountsOfOwners(db(), ctx.place.id, [
      ...groups.map((g) => g.id),
      ...partners.map((p) => p.id),
    ]);
    const balanceOf = (ownerId: string) => {
      const a = ownerAccounts.find((x) => x.ownerId === ownerId);
      return a ? { id: a.id, text: formatCredits(request.t, a.balance) } : null;
    };
    let found:
      { id: string; number: string | null; name: string; balanceText: string; optedOut: boolean } | null | undefined;
    if (number) {
      const { accounts } = await accountsInPlace(db(), ctx.place.id, { kind: 'person', number, limit: 1, offset: 0 });
      const a = accounts[0];
      found = a
        ? {
            id: a.id,
            number: a.number,
            name: (await namesOf(db(), [a.ownerId])).get(a.ownerId) ?? request.t('timebank.someone'),
            balanceText: formatCredits(request.t, a.balance),
            optedOut: a.optedOut,
          }
        : null;
    }
    return viewWith(reply, ctx, 'timebank/manage.njk', {
      pageTitle: request.t('timebank.manage.title'),
      settings: { ...settings, overdraftText: formatCredits(request.t, -settings.personFloor) },
      fund: fund && { id: fund.id, balanceText: formatCredits(request.t, fund.balance) },
      groups: groups.map((g) => ({ ...g, balance: balanceOf(g.id) })),
      partners: partners.map((p) => ({ ...p, balance: balanceOf(p.id) })),
      number,
      found,
      canSettings: kith.policy.can(request.actor, 'timeCredits.settings', ctx.place),
    });
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
      'timebank/settings.njk',
      { pageTitle: request.t('timebank.settings.title'), values, errors },
      status,
    );
  }

  app.get('/places/:place/time-credits/manage/settings', async (request, reply) => {
    const ctx = await placeFor(kith, request, 'timeCredits.settings');
    const settings = await settingsOf(db(), ctx.place.id);
    return showSettings(request, reply, ctx, {
      enabled: settings.enabled ? 'yes' : 'no',
      overdraftHours: String(-settings.personFloor / 60),
    });
  });

  app.post('/places/:place/time-credits/manage/settings', async (request, reply) => {
    const ctx = await placeFor(kith, request, 'timeCredits.settings');
    return submitForm(request, {
      schema: SettingsInput,
      show: (form) => showSettings(request, reply, ctx, form.values, form.errors, form.status),
      run: (settings) =>
        saveTimebankSettings(kith, {
          placeId: ctx.place.id,
          actorId: personId(request),
          enabled: settings.enabled,
          overdraftMinutes: settings.overdraftHours * 60,
        }),
      refusals: (error) => refusalErrors(request, error),
      done: () => reply.seeOther(`${ctx.base}/manage`, 'timebank.settings.saved'),
    });
  });

  // Groups

  async function emailsOf(ids: readonly string[]): Promise<string> {
    const emails: string[] = [];
    for (const id of ids) {
      const person = await findPersonById(db(), id);
      if (person) emails.push(person.email);
    }
    return emails.join('\n');
  }

  async function showGroupForm(
    request: FastifyRequest,
    reply: FastifyReply,
    ctx: PlaceContext,
    groupId: string | null,
    values: Record<string, unknown>,
    errors?: FieldErrors,
    status = 200,
  ) {
    const group = groupId ? await findGroup(db(), groupId) : undefined;
    const account = group ? (await accountsOfOwners(db(), ctx.place.id, [group.id]))[0] : undefined;
    const chosen = String(values.organisation ?? '');
    const organisations = [
      { value: '', text: request.t('timebank.group.organisation.none') },
      ...(await organisationSummaries(db(), ctx.place.id)).map((o) => ({
        value: o.id,
        text: o.name,
        selected: o.id === chosen,
      })),
    ];
    return viewWith(
      reply,
      ctx,
      'timebank/group-form.njk',
      {
        pageTitle: group ? group.name : request.t('timebank.group.new.title'),
        group,
        account: account && { id: account.id, balanceText: formatCredits(request.t, account.balance) },
        organisations,
        values,
        errors,
      },
      status,
    );
  }

  app.get('/places/:place/time-credits/manage/groups/new', async (request, reply) => {
    const ctx = await placeFor(kith, request, 'timeCredits.manage');
    return showGroupForm(request, reply, ctx, null, { issues: 'yes' });
  });

  async function existingGroup(request: FastifyRequest, ctx: PlaceContext) {
    const group = await findGroup(db(), (request.params as { group: string }).group);
    if (!group || group.placeId !== ctx.place.id) throw new NotFoundError();
    return group;
  }

  app.get('/places/:place/time-credits/manage/groups/:group', async (request, reply) => {
    const ctx = await placeFor(kith, request, 'timeCredits.manage');
    const group = await existingGroup(request, ctx);
    return showGroupForm(request, reply, ctx, group.id, {
      name: group.name,
      issues: group.issuesCredits ? 'yes' : 'no',
      organisers: await emailsOf(await organisersOf(db(), group.id)),
      organisation: group.organisationId ?? '',
    });
  });

  for (const url of ['/places/:place/time-credits/manage/groups', '/places/:place/time-credits/manage/groups/:group']) {
    app.post(url, async (request, reply) => {
      const ctx = await placeFor(kith, request, 'timeCredits.manage');
      const groupId = (request.params as { group?: string }).group ? (await existingGroup(request, ctx)).id : null;
      return submitForm(request, {
        schema: GroupInput,
        show: (form) => showGroupForm(request, reply, ctx, groupId, form.values, form.errors, form.status),
        run: (group, submission) =>
          saveGroup(kith, {
            placeId: ctx.place.id,
            actorId: personId(request),
            groupId: groupId ?? undefined,
            ...group,
            submission,
          }),
        refusals: (error) => refusalErrors(request, error),
        done: () => reply.seeOther(`${ctx.base}/manage`, 'timebank.group.saved'),
      });
    });
  }

  app.post('/places/:place/time-credits/manage/groups/:group/fund', async (request, reply) => {
    const ctx = await placeFor(kith, request, 'timeCredits.manage');
    const group = await existingGroup(request, ctx);
    const values = {
      name: group.name,
      issues: group.issuesCredits ? 'yes' : 'no',
      organisers: await emailsOf(await organisersOf(db(), group.id)),
      organisation: group.organisationId ?? '',
    };
    return submitForm(request, {
      schema: FundInput,
      // The group's own form, with the funding typed beside it.
      show: (form) =>
        showGroupForm(request, reply, ctx, group.id, { ...values, fund: form.values }, form.errors, form.status),
      run: (fund, submission) =>
        fundGroup(kith, {
          placeId: ctx.place.id,
          actorId: personId(request),
          groupId: group.id,
          ...fund,
          formKey: submission.key,
        }),
      refusals: (error) => refusalErrors(request, error),
      done: () => reply.seeOther(`${ctx.base}/manage/groups/${group.id}`, 'timebank.fund.done'),
    });
  });

  // Partners

  async function showPartnerForm(
    request: FastifyRequest,
    reply: FastifyReply,
    ctx: PlaceContext,
    partnerId: string | null,
    values: Record<string, unknown>,
    errors?: FieldErrors,
    status = 200,
  ) {
    const partner = partnerId ? await findPartner(db(), partnerId) : undefined;
    return viewWith(
      reply,
      ctx,
      'timebank/partner-form.njk',
      { pageTitle: partner ? partner.name : request.t('timebank.partner.new.title'), partner, values, errors },
      status,
    );
  }

  async function existingPartner(request: FastifyRequest, ctx: PlaceContext) {
    const partner = await findPartner(db(), (request.params as { partner: string }).partner);
    if (!partner || partner.placeId !== ctx.place.id) throw new NotFoundError();
    return partner;
  }

  app.get('/places/:place/time-credits/manage/partners/new', async (request, reply) => {
    const ctx = await placeFor(kith, request, 'timeCredits.manage');
    return showPartnerForm(request, reply, ctx, null, {});
  });

  app.get('/places/:place/time-credits/manage/partners/:partner', async (request, reply) => {
    const ctx = await placeFor(kith, request, 'timeCredits.manage');
    const partner = await existingPartner(request, ctx);
    return showPartnerForm(request, reply, ctx, partner.id, {
      name: partner.name,
      staff: await emailsOf(await staffOf(db(), partner.id)),
    });
  });

  for (const url of [
    '/places/:place/time-credits/manage/partners',
    '/places/:place/time-credits/manage/partners/:partner',
  ]) {
    app.post(url, async (request, reply) => {
      const ctx = await placeFor(kith, request, 'timeCredits.manage');
      const partnerId = (request.params as { partner?: string }).partner
        ? (await existingPartner(request, ctx)).id
        : null;
      return submitForm(request, {
        schema: PartnerInput,
        show: (form) => showPartnerForm(request, reply, ctx, partnerId, form.values, form.errors, form.status),
        run: (partner, submission) =>
          savePartner(kith, {
            placeId: ctx.place.id,
            actorId: personId(request),
            partnerId: partnerId ?? undefined,
            ...partner,
            submission,
          }),
        refusals: (error) => refusalErrors(request, error),
        done: () => reply.seeOther(`${ctx.base}/manage`, 'timebank.partner.saved'),
      });
    });
  }

  // Reversals

  async function showReverse(
    request: FastifyRequest,
    reply: FastifyReply,
    ctx: PlaceContext,
    values: Record<string, unknown>,
    errors?: FieldErrors,
    status = 200,
  ) {
    const transfer = await findTransfer(db(), (request.params as { transfer: string }).transfer);
    if (!transfer || transfer.placeId !== ctx.place.id) throw new NotFoundError();
    const [entries, reversal] = await Promise.all([
      entriesOfTransfers(db(), [transfer.id]),
      findReversalOf(db(), transfer.id),
    ]);
    const names = await namesOf(
      db(),
      entries.filter((e) => e.kind === 'person').map((e) => e.ownerId),
    );
    const [groups, partners] = await Promise.all([
      groupsInPlace(db(), ctx.place.id),
      partnersInPlace(db(), ctx.place.id),
    ]);
    const who = (e: (typeof entries)[number]) =>
      e.kind === 'person'
        ? (names.get(e.ownerId) ?? request.t('timebank.someone'))
        : e.kind === 'fund'
          ? request.t('timebank.fund.name')
          : ((e.kind === 'group' ? groups : partners).find((x) => x.id === e.ownerId)?.name ?? '');
    return viewWith(
      reply,
      ctx,
      'timebank/reverse.njk',
      {
        pageTitle: request.t('timebank.reverse.title'),
        transfer: {
          ...transfer,
          kindText: request.t(`timebank.kind.${transfer.kind}${transfer.reversesId ? '.reversal' : ''}`),
          amountText: formatCredits(request.t, Math.abs(transfer.amount)),
        },
        entries: entries.map((e) => ({
          who: who(e),
          accountId: e.accountId,
          amountText: `${e.amount > 0 ? '+' : ''}${formatCredits(request.t, e.amount)}`,
        })),
        reversal,
        values,
        errors,
      },
      status,
    );
  }

  app.get('/places/:place/time-credits/transfers/:transfer/reverse', async (request, reply) => {
    const ctx = await placeFor(kith, request, 'timeCredits.reverse');
    return showReverse(request, reply, ctx, {});
  });

  app.post('/places/:place/time-credits/transfers/:transfer/reverse', async (request, reply) => {
    const ctx = await placeFor(kith, request, 'timeCredits.reverse');
    const transferId = (request.params as { transfer: string }).transfer;
    return submitForm(request, {
      schema: ReverseInput,
      show: (form) => showReverse(request, reply, ctx, form.values, form.errors, form.status),
      run: ({ reason }) =>
        reverseTransfer(kith.db, {
          placeId: ctx.place.id,
          transferId,
          reason,
          actorId: personId(request),
          field: 'reason',
        }),
      refusals: (error) => refusalErrors(request, error),
      done: () => reply.seeOther(`${ctx.base}/transfers/${transferId}/reverse`, 'timebank.reverse.done'),
    });
  });

  app.get('/places/:place/time-credits/totals', async (request, reply) => {
    const ctx = await placeFor(kith, request, 'timeCredits.totals');
    const totals = await placeTotals(db(), ctx.place.id);
    const f = (m: number) => formatCredits(request.t, m);
    return viewWith(reply, ctx, 'timebank/totals.njk', {
      pageTitle: request.t('timebank.totals.title'),
      totals,
      text: {
        hoursGiven: f(totals.hoursGiven),
        exchange: f(totals.byKind.exchange),
        smallAct: f(totals.byKind.small_act),
        issue: f(totals.byKind.issue),
        payment: f(totals.byKind.payment),
        inCirculation: f(totals.inCirculation),
        heldByPeople: f(totals.heldByPeople),
        heldByGroups: f(totals.heldByGroups),
        redeemed: f(totals.redeemed),
        issuedByFund: f(totals.issuedByFund),
      },
    });
  });
}
