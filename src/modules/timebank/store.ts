/**
 * The ledger's queries: accounts, transfers, entries, statements, totals and the
 * verification sums. The only file of the ledger that knows SQL. Entries and
 * transfers are only ever inserted here (the database refuses anything else).
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { nowIso, type Queryable } from '../../db/index.js';
import type { AccountKind, TimeAccountTable, TimeTransferTable, TransferKind } from './schema.js';

export interface TimebankSettings {
  placeId: string;
  enabled: boolean;
  personFloor: number;
  updatedAt: string | null;
}

export async function settingsOf(db: Queryable, placeId: string): Promise<TimebankSettings> {
  const row = await db.selectFrom('timebank_settings').selectAll().where('place_id', '=', placeId).executeTakeFirst();
  return row
    ? { placeId, enabled: Number(row.enabled) === 1, personFloor: Number(row.person_floor), updatedAt: row.updated_at }
    : { placeId, enabled: false, personFloor: 0, updatedAt: null };
}

export async function saveSettings(
  db: Queryable,
  s: { placeId: string; enabled: boolean; personFloor: number; updatedBy: string | null },
): Promise<void> {
  const values = {
    enabled: s.enabled ? 1 : 0,
    person_floor: s.personFloor,
    updated_at: nowIso(),
    updated_by: s.updatedBy,
  };
  await db
    .insertInto('timebank_settings')
    .values({ place_id: s.placeId, ...values })
    .onConflict((oc) => oc.column('place_id').doUpdateSet(values))
    .execute();
}

// Accounts

export interface TimeAccount {
  id: string;
  placeId: string;
  kind: AccountKind;
  ownerId: string;
  number: string | null;
  balance: number;
  entryCount: number;
  optedOut: boolean;
  optedOutAt: string | null;
  createdAt: string;
}

export const toAccount = (row: TimeAccountTable): TimeAccount => ({
  id: row.id,
  placeId: row.place_id,
  kind: row.kind,
  ownerId: row.owner_id,
  number: row.number,
  balance: Number(row.balance),
  entryCount: Number(row.entry_count),
  optedOut: row.opted_out_at !== null,
  optedOutAt: row.opted_out_at,
  createdAt: row.created_at,
});

export async function findAccount(db: Queryable, id: string): Promise<TimeAccount | undefined> {
  const row = await db.selectFrom('time_accounts').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toAccount(row);
}

export async function findAccountOf(
  db: Queryable,
  placeId: string,
  kind: AccountKind,
  ownerId: string,
): Promise<TimeAccount | undefined> {
  const row = await db
    .selectFrom('time_accounts')
    .selectAll()
    .where('place_id', '=', placeId)
    .where('kind', '=', kind)
    .where('owner_id', '=', ownerId)
    .executeTakeFirst();
  return row && toAccount(row);
}

export async function findAccountByNumber(
  db: Queryable,
  placeId: string,
  number: string,
): Promise<TimeAccount | undefined> {
  const row = await db
    .selectFrom('time_accounts')
    .selectAll()
    .where('place_id', '=', placeId)
    .where('number', '=', number)
    .executeTakeFirst();
  return row && toAccount(row);
}

export async function accountsOfOwners(
  db: Queryable,
  placeId: string,
  ownerIds: readonly string[],
): Promise<TimeAccount[]> {
  if (!ownerIds.length) return [];
  const rows = await db
    .selectFrom('time_accounts')
    .selectAll()
    .where('place_id', '=', placeId)
    .where('owner_id', 'in', [...ownerIds])
    .execute();
  return rows.map(toAccount);
}

/** Every account a person holds, in any place (for their data download). */
export async function personAccountsOf(db: Queryable, personId: string): Promise<TimeAccount[]> {
  const rows = await db
    .selectFrom('time_accounts')
    .selectAll()
    .where('kind', '=', 'person')
    .where('owner_id', '=', personId)
    .execute();
  return rows.map(toAccount);
}

/** Adds the account unless the owner already has one; false when it was there. */
export async function insertAccount(
  db: Queryable,
  a: { placeId: string; kind: AccountKind; ownerId: string; number: string | null },
): Promise<boolean> {
  const now = nowIso();
  const result = await db
    .insertInto('time_accounts')
    .values({
      id: randomUUID(),
      place_id: a.placeId,
      kind: a.kind,
      owner_id: a.ownerId,
      number: a.number,
      balance: 0,
      entry_count: 0,
      opted_out_at: null,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.columns(['place_id', 'kind', 'owner_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/**
 * Cuts an erased person's account loose from them: it keeps its entries (the ledger
 * stays whole) under an owner id that points at nobody, and takes no new transfers.
 */
export async function anonymiseAccount(db: Queryable, accountId: string): Promise<void> {
  const now = nowIso();
  await db
    .updateTable('time_accounts')
    .set({ owner_id: `erased:${randomUUID()}`, opted_out_at: now, updated_at: now })
    .where('id', '=', accountId)
    .execute();
}

export async function forgetSettingsAuthor(db: Queryable, personId: string): Promise<void> {
  await db.updateTable('timebank_settings').set({ updated_by: null }).where('updated_by', '=', personId).execute();
}

export async function setOptedOut(db: Queryable, accountId: string, optedOutAt: string | null): Promise<void> {
  await db
    .updateTable('time_accounts')
    .set({ opted_out_at: optedOutAt, updated_at: nowIso() })
    .where('id', '=', accountId)
    .execute();
}

/**
 * The accounts a transfer touches, read for the floor check. On PostgreSQL their rows
 * are locked in id order (every transfer locks in the same order, so two transfers
 * cannot deadlock); on SQLite the transaction already holds the write lock.
 */
export async function lockAccounts(
  db: Queryable,
  ids: readonly string[],
  rowLocks: boolean,
): Promise<{ accounts: TimeAccount[]; personFloor: number }> {
  // The place's floor comes in the same read: one statement fewer in every transfer.
  let query = db
    .selectFrom('time_accounts as a')
    .leftJoin('timebank_settings as s', 's.place_id', 'a.place_id')
    .selectAll('a')
    .select('s.person_floor')
    .where('a.id', 'in', [...ids])
    .orderBy('a.id');
  if (rowLocks) query = query.forUpdate('a');
  const rows = await query.execute();
  return { accounts: rows.map(toAccount), personFloor: Number(rows[0]?.person_floor ?? 0) };
}

/** Every account a transfer touches gets its new balance and entry count in one statement. */
export async function updateBalances(
  db: Queryable,
  changes: ReadonlyArray<{ accountId: string; balanceAfter: number; seq: number }>,
): Promise<void> {
  const pick = (value: (c: (typeof changes)[number]) => number) =>
    sql<number>`case id ${sql.join(
      changes.map((c) => sql`when ${c.accountId} then cast(${value(c)} as integer)`),
      sql` `,
    )} end`;
  await db
    .updateTable('time_accounts')
    .set({ balance: pick((c) => c.balanceAfter), entry_count: pick((c) => c.seq) })
    .where(
      'id',
      'in',
      changes.map((c) => c.accountId),
    )
    .execute();
}

// Transfers and entries

export interface Transfer {
  id: string;
  placeId: string;
  kind: TransferKind;
  key: string;
  amount: number;
  description: string;
  referenceType: string | null;
  referenceId: string | null;
  reversesId: string | null;
  reason: string | null;
  createdAt: string;
}

const toTransfer = (row: TimeTransferTable): Transfer => ({
  id: row.id,
  placeId: row.place_id,
  kind: row.kind,
  key: row.idempotency_key,
  amount: Number(row.amount),
  description: row.description,
  referenceType: row.reference_type,
  referenceId: row.reference_id,
  reversesId: row.reverses_id,
  reason: row.reason,
  createdAt: row.created_at,
});

/**
 * Writes the transfer's row unless its key is already used in the place; false then.
 * On PostgreSQL a second transaction with the same key waits here for the first to
 * commit (and then writes nothing) or roll back (and then writes its own).
 */
export async function insertTransferIfNew(
  db: Queryable,
  t: Omit<Transfer, 'createdAt'> & { createdAt: string },
): Promise<boolean> {
  const result = await db
    .insertInto('time_transfers')
    .values({
      id: t.id,
      place_id: t.placeId,
      kind: t.kind,
      idempotency_key: t.key,
      amount: t.amount,
      description: t.description,
      reference_type: t.referenceType,
      reference_id: t.referenceId,
      reverses_id: t.reversesId,
      reason: t.reason,
      created_at: t.createdAt,
    })
    .onConflict((oc) => oc.columns(['place_id', 'idempotency_key']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function insertEntries(
  db: Queryable,
  entries: ReadonlyArray<{
    accountId: string;
    seq: number;
    placeId: string;
    transferId: string;
    amount: number;
    balanceAfter: number;
    createdAt: string;
  }>,
): Promise<void> {
  await db
    .insertInto('time_entries')
    .values(
      entries.map((e) => ({
        account_id: e.accountId,
        seq: e.seq,
        place_id: e.placeId,
        transfer_id: e.transferId,
        amount: e.amount,
        balance_after: e.balanceAfter,
        created_at: e.createdAt,
      })),
    )
    .execute();
}

export async function findTransfer(db: Queryable, id: string): Promise<Transfer | undefined> {
  const row = await db.selectFrom('time_transfers').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toTransfer(row);
}

export async function findTransferByKey(db: Queryable, placeId: string, key: string): Promise<Transfer | undefined> {
  const row = await db
    .selectFrom('time_transfers')
    .selectAll()
    .where('place_id', '=', placeId)
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
  return row && toTransfer(row);
}

export async function findReversalOf(db: Queryable, transferId: string): Promise<Transfer | undefined> {
  const row = await db
    .selectFrom('time_transfers')
    .selectAll()
    .where('reverses_id', '=', transferId)
    .executeTakeFirst();
  return row && toTransfer(row);
}

export async function transferReferencing(
  db: Queryable,
  referenceType: string,
  referenceId: string,
): Promise<Transfer | undefined> {
  const row = await db
    .selectFrom('time_transfers')
    .selectAll()
    .where('reference_type', '=', referenceType)
    .where('reference_id', '=', referenceId)
    .where('reverses_id', 'is', null)
    .executeTakeFirst();
  return row && toTransfer(row);
}

export async function entriesOfTransfers(db: Queryable, transferIds: readonly string[]) {
  if (!transferIds.length) return [];
  const rows = await db
    .selectFrom('time_entries as e')
    .innerJoin('time_accounts as a', 'a.id', 'e.account_id')
    .select(['e.transfer_id', 'e.account_id', 'e.amount', 'a.kind', 'a.owner_id', 'a.number'])
    .where('e.transfer_id', 'in', [...transferIds])
    .execute();
  return rows.map((r) => ({
    transferId: r.transfer_id,
    accountId: r.account_id,
    amount: Number(r.amount),
    kind: r.kind,
    ownerId: r.owner_id,
    number: r.number,
  }));
}

export interface StatementLine {
  seq: number;
  amount: number;
  balanceAfter: number;
  createdAt: string;
  transfer: Pick<Transfer, 'id' | 'kind' | 'description' | 'reversesId' | 'reason' | 'referenceType' | 'referenceId'>;
  /** The reversal of this line's transfer, if it has been reversed. */
  reversedBy: string | null;
}

/**
 * Entries `fromSeq`..`toSeq` of an account, newest first. Sequence numbers make any
 * page a range scan of the primary key, as fast for page 400 as for page 1.
 */
export async function statementLines(
  db: Queryable,
  accountId: string,
  fromSeq: number,
  toSeq: number,
): Promise<StatementLine[]> {
  const rows = await statementQuery(db, accountId, fromSeq, toSeq).execute();
  return rows.map((r) => ({
    seq: Number(r.seq),
    amount: Number(r.amount),
    balanceAfter: Number(r.balance_after),
    createdAt: r.created_at,
    transfer: {
      id: r.id,
      kind: r.kind,
      description: r.description,
      reversesId: r.reverses_id,
      reason: r.reason,
      referenceType: r.reference_type,
      referenceId: r.reference_id,
    },
    reversedBy: r.reversed_by,
  }));
}

function statementQuery(db: Queryable, accountId: string, fromSeq: number, toSeq: number) {
  return db
    .selectFrom('time_entries as e')
    .innerJoin('time_transfers as t', 't.id', 'e.transfer_id')
    .leftJoin('time_transfers as r', 'r.reverses_id', 't.id')
    .select([
      'e.seq',
      'e.amount',
      'e.balance_after',
      'e.created_at',
      't.id',
      't.kind',
      't.description',
      't.reverses_id',
      't.reason',
      't.reference_type',
      't.reference_id',
      'r.id as reversed_by',
    ])
    .where('e.account_id', '=', accountId)
    .where('e.seq', '>=', fromSeq)
    .where('e.seq', '<=', toSeq)
    .orderBy('e.seq', 'desc');
}

/** The statement query's plan, for the test that shows it uses the primary key. */
export async function explainStatement(
  db: Queryable,
  dialect: 'sqlite' | 'postgres',
  accountId: string,
): Promise<string> {
  const query = statementQuery(db, accountId, 1, 25).compile();
  if (dialect === 'sqlite') {
    const { rows } = await sql
      .raw<{ detail: string }>(`explain query plan ${interpolate(query.sql, query.parameters)}`)
      .execute(db);
    return rows.map((r) => r.detail).join('\n');
  }
  // Planner statistics on a small table would pick a sequential scan; ask for the plan
  // a large ledger gets.
  await sql`set local enable_seqscan = off`.execute(db);
  const { rows } = await sql
    .raw<{ 'QUERY PLAN': string }>(`explain ${interpolate(query.sql, query.parameters)}`)
    .execute(db);
  return rows.map((r) => r['QUERY PLAN']).join('\n');
}

function interpolate(text: string, parameters: readonly unknown[]): string {
  const literal = (v: unknown) => (typeof v === 'number' ? String(v) : `'${String(v).replace(/'/g, "''")}'`);
  const queue = [...parameters];
  return text
    .replace(/\$(\d+)/g, (_m, n: string) => literal(parameters[Number(n) - 1]))
    .replace(/\?/g, () => literal(queue.shift()));
}

// Verification

export async function verificationSums(db: Queryable) {
  const accounts = await db
    .selectFrom('time_accounts as a')
    .leftJoin('time_entries as e', (join) =>
      join.onRef('e.account_id', '=', 'a.id').onRef('e.seq', '=', 'a.entry_count'),
    )
    .select(['a.id', 'a.balance', 'a.entry_count', 'e.balance_after'])
    .execute();
  const sums = await db
    .selectFrom('time_entries')
    .select((eb) => ['account_id', eb.fn.sum<number>('amount').as('sum'), eb.fn.countAll<number>().as('count')])
    .groupBy('account_id')
    .execute();
  const unbalanced = await db
    .selectFrom('time_transfers as t')
    .leftJoin('time_entries as e', 'e.transfer_id', 't.id')
    .select((eb) => [
      't.id',
      eb.fn.coalesce(eb.fn.sum<number>('e.amount'), sql<number>`0`).as('sum'),
      eb.fn.count<number>('e.account_id').as('count'),
    ])
    .groupBy('t.id')
    .having((eb) =>
      eb.or([eb(eb.fn.coalesce(eb.fn.sum('e.amount'), sql`0`), '<>', 0), eb(eb.fn.count('e.account_id'), '<', 2)]),
    )
    .execute();
  const total = await db
    .selectFrom('time_entries')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount'), sql<number>`0`).as('total'))
    .executeTakeFirstOrThrow();
  const counts = await db
    .selectFrom('time_transfers')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return {
    accounts: accounts.map((a) => ({
      id: a.id,
      balance: Number(a.balance),
      entryCount: Number(a.entry_count),
      lastBalanceAfter:
        a.balance_after === null ? (Number(a.entry_count) === 0 ? null : Number.NaN) : Number(a.balance_after),
    })),
    sums: new Map(sums.map((s) => [s.account_id, { sum: Number(s.sum), count: Number(s.count) }])),
    unbalancedTransfers: unbalanced.map((u) => ({ id: u.id, sum: Number(u.sum), count: Number(u.count) })),
    total: Number(total.total),
    transfers: Number(counts.n),
  };
}

// Totals and lists for the place

export async function netByKind(db: Queryable, placeId: string): Promise<Map<TransferKind, number>> {
  const rows = await db
    .selectFrom('time_transfers')
    .select((eb) => ['kind', eb.fn.sum<number>('amount').as('total')])
    .where('place_id', '=', placeId)
    .groupBy('kind')
    .execute();
  return new Map(rows.map((r) => [r.kind, Number(r.total)]));
}

/** The net amount of transfers of these kinds made in [from, to) (ISO instants). */
export async function netOfKindsBetween(
  db: Queryable,
  placeId: string,
  kinds: readonly TransferKind[],
  from: string,
  to: string,
): Promise<number> {
  const row = await db
    .selectFrom('time_transfers')
    .select((eb) => eb.fn.sum<number>('amount').as('total'))
    .where('place_id', '=', placeId)
    .where('kind', 'in', [...kinds])
    .where('created_at', '>=', from)
    .where('created_at', '<', to)
    .executeTakeFirst();
  return Number(row?.total ?? 0);
}

export async function balancesByKind(db: Queryable, placeId: string) {
  const rows = await db
    .selectFrom('time_accounts')
    .select((eb) => [
      'kind',
      eb.fn.sum<number>('balance').as('total'),
      eb.fn.countAll<number>().as('accounts'),
      eb.fn.sum<number>(eb.case().when('opted_out_at', 'is', null).then(1).else(0).end()).as('active'),
    ])
    .where('place_id', '=', placeId)
    .groupBy('kind')
    .execute();
  return new Map(
    rows.map((r) => [r.kind, { total: Number(r.total), accounts: Number(r.accounts), active: Number(r.active) }]),
  );
}

/** A page of the place's accounts of one kind, for coordinators, by member number. */
export async function accountsInPlace(
  db: Queryable,
  placeId: string,
  options: { kind: AccountKind; number?: string; limit: number; offset: number },
) {
  let base = db.selectFrom('time_accounts').where('place_id', '=', placeId).where('kind', '=', options.kind);
  if (options.number) base = base.where('number', '=', options.number);
  const [rows, count] = await Promise.all([
    base.selectAll().orderBy('created_at').orderBy('id').limit(options.limit).offset(options.offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { accounts: rows.map(toAccount), total: Number(count.n) };
}
