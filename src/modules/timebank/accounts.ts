/**
 * Commands about taking part: a place turns credits on (and sets its overdraft), a
 * person joins or leaves, a member pays another for help. Each is one transaction
 * with its audit record.
 */
import { randomInt } from 'node:crypto';
import { isUniqueViolation, nowIso } from '../../db/index.js';
import { RuleError } from '../../errors.js';
import type { Kith } from '../../kith.js';
import { recordAudit } from '../../platform/audit/index.js';
import { once } from '../../platform/idempotency/index.js';
import { postTransfer, postTransferIn, type PostedTransfer } from './ledger.js';
import { memberNumberFrom } from './ledger-rules.js';
import {
  findAccountByNumber,
  findAccountOf,
  insertAccount,
  saveSettings,
  setOptedOut,
  settingsOf,
  type TimeAccount,
} from './store.js';

export async function saveTimebankSettings(
  kith: Kith,
  input: { placeId: string; actorId: string; enabled: boolean; overdraftMinutes: number },
): Promise<void> {
  await kith.db.transaction(async (trx) => {
    await saveSettings(trx, {
      placeId: input.placeId,
      enabled: input.enabled,
      personFloor: -input.overdraftMinutes,
      updatedBy: input.actorId,
    });
    // The community fund is where every credit starts; it exists from the day credits do.
    await insertAccount(trx, { placeId: input.placeId, kind: 'fund', ownerId: input.placeId, number: null });
    await recordAudit(trx, {
      placeId: input.placeId,
      actorId: input.actorId,
      action: 'timeCredits.settingsChanged',
      detail: { enabled: input.enabled ? 'on' : 'off', overdraftHours: String(input.overdraftMinutes / 60) },
    });
  });
}

/** The place's community fund, made if credits were turned on before it existed. */
export async function fundAccountOf(kith: Kith, placeId: string): Promise<TimeAccount> {
  let fund = await findAccountOf(kith.db.kysely, placeId, 'fund', placeId);
  if (!fund) {
    await insertAccount(kith.db.kysely, { placeId, kind: 'fund', ownerId: placeId, number: null });
    fund = (await findAccountOf(kith.db.kysely, placeId, 'fund', placeId))!;
  }
  return fund;
}

export async function requireEnabled(kith: Kith, placeId: string): Promise<void> {
  if (!(await settingsOf(kith.db.kysely, placeId)).enabled) throw new RuleError('timebank.notEnabled');
}

/**
 * A person chooses to use time credits: they get an account and a member number (or
 * their old one back, with its history, if they had left).
 */
export async function joinTimeCredits(
  kith: Kith,
  input: {
    placeId: string;
    personId: string;
    /** The demo's fixed numbers; otherwise drawn at random. */ number?: string;
  },
): Promise<TimeAccount> {
  await requireEnabled(kith, input.placeId);
  for (let attempt = 0; ; attempt++) {
    try {
      return await kith.db.transaction(async (trx) => {
        const existing = await findAccountOf(trx, input.placeId, 'person', input.personId);
        if (existing && !existing.optedOut) return existing;
        if (existing) await setOptedOut(trx, existing.id, null);
        else
          await insertAccount(trx, {
            placeId: input.placeId,
            kind: 'person',
            ownerId: input.personId,
            number: input.number ?? memberNumberFrom(randomInt(0, 900000)),
          });
        await recordAudit(trx, {
          placeId: input.placeId,
          actorId: input.personId,
          action: 'timeCredits.joined',
          subjectType: 'person',
          subjectId: input.personId,
        });
        return (await findAccountOf(trx, input.placeId, 'person', input.personId))!;
      });
    } catch (error) {
      // Two people drew the same member number: draw again.
      if (!isUniqueViolation(error) || attempt >= 5) throw error;
    }
  }
}

/**
 * A person stops using time credits. Their balance is hidden and no credits move in
 * or out; their history stays, and joining again brings it back.
 */
export async function leaveTimeCredits(kith: Kith, input: { placeId: string; personId: string }): Promise<void> {
  await kith.db.transaction(async (trx) => {
    const account = await findAccountOf(trx, input.placeId, 'person', input.personId);
    if (!account || account.optedOut) return;
    await setOptedOut(trx, account.id, nowIso());
    await recordAudit(trx, {
      placeId: input.placeId,
      actorId: input.personId,
      action: 'timeCredits.left',
      subjectType: 'person',
      subjectId: input.personId,
    });
  });
}

/** The active account of a member who uses credits, found by their number. */
async function payeeByNumber(kith: Kith, placeId: string, number: string, field: string): Promise<TimeAccount> {
  const payee = await findAccountByNumber(kith.db.kysely, placeId, number);
  if (!payee || payee.kind !== 'person' || payee.optedOut) throw new RuleError('timebank.pay.unknownNumber', {}, field);
  return payee;
}

/**
 * A member gives some of their credits to another for help received outside an
 * exchange on Kith. `key` makes a retried submission count once.
 */
export async function payMember(
  kith: Kith,
  input: {
    placeId: string;
    payerId: string;
    number: string;
    minutes: number;
    note: string;
    key: string;
    numberField?: string;
    amountField?: string;
  },
): Promise<PostedTransfer> {
  await requireEnabled(kith, input.placeId);
  const payer = await findAccountOf(kith.db.kysely, input.placeId, 'person', input.payerId);
  if (!payer || payer.optedOut) throw new RuleError('timebank.pay.notMember', {}, input.amountField ?? 'hours');
  const payee = await payeeByNumber(kith, input.placeId, input.number, input.numberField ?? 'number');
  if (payee.id === payer.id) throw new RuleError('timebank.pay.self', {}, input.numberField ?? 'number');
  return postTransfer(kith.db, {
    placeId: input.placeId,
    kind: 'payment',
    key: `pay:${input.payerId}:${input.key}`,
    legs: [
      { accountId: payer.id, amount: -input.minutes },
      { accountId: payee.id, amount: input.minutes },
    ],
    description: input.note,
    actorId: input.payerId,
    field: input.amountField ?? 'hours',
  });
}

/**
 * The same payment from a form: the form's own idempotency key makes a double click
 * return the first answer, and the ledger's key makes it one transfer.
 */
export async function payMemberFromForm(
  kith: Kith,
  input: {
    placeId: string;
    payerId: string;
    number: string;
    minutes: number;
    note: string;
    formKey: string | undefined;
  },
): Promise<{ transferId: string }> {
  await requireEnabled(kith, input.placeId);
  const key = input.formKey ?? `${Date.now()}-${randomInt(0, 1e9)}`;
  const { result } = await once(kith.db, 'timebank.pay', { owner: input.payerId, key: key }, async (trx) => {
    // Inside once's transaction: the ledger's checks and writes join it.
    const payer = await findAccountOf(trx, input.placeId, 'person', input.payerId);
    if (!payer || payer.optedOut) throw new RuleError('timebank.pay.notMember', {}, 'hours');
    const payee = await findAccountByNumber(trx, input.placeId, input.number);
    if (!payee || payee.kind !== 'person' || payee.optedOut)
      throw new RuleError('timebank.pay.unknownNumber', {}, 'number');
    if (payee.id === payer.id) throw new RuleError('timebank.pay.self', {}, 'number');
    const posted = await postTransferIn(trx, kith.db.dialect === 'postgres', {
      placeId: input.placeId,
      kind: 'payment',
      key: `pay:${input.payerId}:${key}`,
      legs: [
        { accountId: payer.id, amount: -input.minutes },
        { accountId: payee.id, amount: input.minutes },
      ],
      description: input.note,
      actorId: input.payerId,
      field: 'hours',
    });
    return { transferId: posted.transfer.id };
  });
  return result;
}
