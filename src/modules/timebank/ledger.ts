/**
 * The ledger service: the only way credits move. Each transfer is one transaction that
 * claims its idempotency key, locks the accounts it touches, applies the floor rules
 * (ledger-rules.ts), appends the entries with running balances, updates the stored
 * balances and writes the audit record. A refusal throws and so writes nothing.
 */
import { randomUUID } from 'node:crypto';
import { isUniqueViolation, nowIso, type Db, type Trx } from '../../db/index.js';
import { RuleError } from '../../errors.js';
import { recordAudit } from '../../platform/audit/index.js';
import {
  checkLegs,
  fingerprint,
  ledgerDifferences,
  mergeLegs,
  movedBy,
  planTransfer,
  reversalLegs,
  reversalRefusal,
  type Leg,
  type LedgerDifference,
} from './ledger-rules.js';
import type { TransferKind } from './schema.js';
import {
  entriesOfTransfers,
  findReversalOf,
  findTransfer,
  findTransferByKey,
  insertEntries,
  insertTransferIfNew,
  lockAccounts,
  updateBalances,
  verificationSums,
  type Transfer,
} from './store.js';

export interface TransferRequest {
  placeId: string;
  kind: TransferKind;
  /** Unique in the place: the same key again returns the first transfer. */
  key: string;
  legs: Leg[];
  description: string;
  actorId: string | null;
  reference?: { type: string; id: string } | null;
  /** Which form field a refusal belongs beside. */
  field?: string;
}

export interface PostedTransfer {
  transfer: Transfer;
  /** True when the key had been used already: nothing new was written. */
  repeated: boolean;
}

/** A refusal by the ledger's rules: what to tell the person, and which account broke it. */
export class LedgerRefusal extends RuleError {
  constructor(
    key: string,
    params: Record<string, string>,
    field: string | undefined,
    readonly accountId?: string,
  ) {
    super(key, params, field);
  }
}

const AUDIT_ACTION: Record<TransferKind, string> = {
  exchange: 'timeCredits.transferred',
  payment: 'timeCredits.transferred',
  issue: 'timeCredits.issued',
  funding: 'timeCredits.funded',
  redemption: 'timeCredits.redeemed',
  small_act: 'timeCredits.transferred',
};

/**
 * Posts a transfer inside the caller's transaction (an exchange being confirmed, say),
 * so the two commit or vanish together. `rowLocks` is true on PostgreSQL.
 */
export async function postTransferIn(
  trx: Trx,
  rowLocks: boolean,
  request: TransferRequest,
  reversal?: { of: Transfer; reason: string },
): Promise<PostedTransfer> {
  // Malformed is malformed whatever the key has seen before.
  const shape = checkLegs(request.legs);
  if (shape) throw new LedgerRefusal(shape.key, shape.params, request.field);
  const legs = mergeLegs(request.legs);
  const transfer: Transfer = {
    id: randomUUID(),
    placeId: request.placeId,
    kind: request.kind,
    key: request.key,
    amount: reversal ? -reversal.of.amount : movedBy(legs),
    description: request.description,
    referenceType: request.reference?.type ?? null,
    referenceId: request.reference?.id ?? null,
    reversesId: reversal?.of.id ?? null,
    reason: reversal?.reason ?? null,
    createdAt: nowIso(),
  };
  if (!(await insertTransferIfNew(trx, transfer))) return repeatOf(trx, request);

  const { accounts, personFloor } = await lockAccounts(
    trx,
    legs.map((l) => l.accountId),
    rowLocks,
  );
  const plan = planTransfer(new Map(accounts.map((a) => [a.id, a])), legs, {
    placeId: request.placeId,
    personFloor,
    isReversal: !!reversal,
  });
  if ('refusal' in plan)
    throw new LedgerRefusal(plan.refusal.key, plan.refusal.params, request.field, plan.refusal.accountId);

  await insertEntries(
    trx,
    plan.entries.map((e) => ({
      ...e,
      placeId: request.placeId,
      transferId: transfer.id,
      createdAt: transfer.createdAt,
    })),
  );
  await updateBalances(trx, plan.entries);
  await recordAudit(trx, {
    placeId: request.placeId,
    actorId: request.actorId,
    action: reversal ? 'timeCredits.reversed' : AUDIT_ACTION[request.kind],
    subjectType: 'time_transfer',
    subjectId: transfer.id,
    detail: {
      minutes: Math.abs(transfer.amount),
      kind: request.kind,
      ...(reversal ? { reason: reversal.reason, original: reversal.of.id } : {}),
    },
  });
  return { transfer, repeated: false };
}

async function repeatOf(trx: Trx, request: TransferRequest): Promise<PostedTransfer> {
  const existing = await findTransferByKey(trx, request.placeId, request.key);
  if (!existing) throw new Error('The idempotency key was taken but its transfer is not there');
  const legs = (await entriesOfTransfers(trx, [existing.id])).map((e) => ({
    accountId: e.accountId,
    amount: e.amount,
  }));
  if (fingerprint(existing.kind, legs) !== fingerprint(request.kind, request.legs)) {
    throw new LedgerRefusal('timebank.transfer.keyReused', {}, request.field);
  }
  return { transfer: existing, repeated: true };
}

/** Posts a transfer in a transaction of its own. */
export async function postTransfer(db: Db, request: TransferRequest): Promise<PostedTransfer> {
  try {
    return await db.transaction((trx) => postTransferIn(trx, db.dialect === 'postgres', request));
  } catch (error) {
    // Belt and braces: if two submissions of one key still collide on the unique index,
    // the one that lost returns what the winner wrote.
    if (!isUniqueViolation(error)) throw error;
    return db.transaction((trx) => repeatOf(trx, request));
  }
}

/**
 * Puts a mistake right: a new transfer moving exactly what the original moved, back,
 * pointing at it, with the reason. A transfer can be reversed once; a reversal cannot
 * itself be reversed (make a new transfer instead).
 */
export async function reverseTransferIn(
  trx: Trx,
  rowLocks: boolean,
  input: { placeId: string; transferId: string; reason: string; actorId: string; field?: string },
): Promise<PostedTransfer> {
  const original = await findTransfer(trx, input.transferId);
  if (!original || original.placeId !== input.placeId)
    throw new LedgerRefusal('timebank.reverse.notFound', {}, input.field);
  const key = `reverse:${original.id}`;
  const done = await findReversalOf(trx, original.id);
  if (done && done.key === key && done.reason === input.reason) return { transfer: done, repeated: true };
  const refusal = reversalRefusal(original, !!done);
  if (refusal) throw new LedgerRefusal(refusal.key, refusal.params, input.field);
  const legs = reversalLegs(
    (await entriesOfTransfers(trx, [original.id])).map((e) => ({ accountId: e.accountId, amount: e.amount })),
  );
  return postTransferIn(
    trx,
    rowLocks,
    {
      placeId: input.placeId,
      kind: original.kind,
      key,
      legs,
      description: original.description,
      actorId: input.actorId,
      reference: original.referenceType ? { type: original.referenceType, id: original.referenceId! } : null,
      field: input.field,
    },
    { of: original, reason: input.reason },
  );
}

export async function reverseTransfer(
  db: Db,
  input: { placeId: string; transferId: string; reason: string; actorId: string; field?: string },
): Promise<PostedTransfer> {
  try {
    return await db.transaction((trx) => reverseTransferIn(trx, db.dialect === 'postgres', input));
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    throw new LedgerRefusal('timebank.reverse.already', {}, input.field);
  }
}

export interface LedgerReport {
  ok: boolean;
  accounts: number;
  transfers: number;
  differences: LedgerDifference[];
}

/**
 * Re-derives every balance from the entries and compares: what `kith ledger verify`
 * runs. Read in one transaction so a running server's writes cannot make a false alarm.
 */
export async function verifyLedger(db: Db): Promise<LedgerReport> {
  const sums = await db.transaction((trx) => verificationSums(trx), { serializable: true });
  const differences = ledgerDifferences(sums);
  return { ok: differences.length === 0, accounts: sums.accounts.length, transfers: sums.transfers, differences };
}
