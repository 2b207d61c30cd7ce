/**
 * A statement page of an account with 10,000 entries, in process: the page's entries
 * (a range of the account's sequence numbers, through the primary key), the transfers
 * they belong to, the other side of each and whether it was reversed, presented as
 * the statement page shows them. First, last and random pages.
 */
import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import { pageRange, STATEMENT_PAGE_SIZE, statementRows } from '../../src/modules/timebank/statements.js';
import { findAccount } from '../../src/modules/timebank/store.js';
import { bulkInsert } from '../insert.js';
import { figure, percentile } from '../report.js';
import { Rng } from '../random.js';
import type { TimebankDataset } from '../timebank.js';
import type { BenchStep } from '../step.js';

const ENTRIES = 10_000;

export const statementStep: BenchStep = {
  name: 'statement',
  description: 'a statement page of an account with 10,000 entries, in process',
  async run({ kith, generation, options, log }) {
    const county = generation.dataset.county!;
    const tb = (generation.dataset as unknown as { timebank: TimebankDataset }).timebank;
    const rng = Rng.forCapability(options.seed, 'bench.statement');
    const db = kith.db;
    // An account that has been busy for years: 10,000 entries written as the ledger
    // writes them (alternately paid by the fund and paying a neighbour back).
    const [busyId, otherId] = [tb.accountIds[tb.accountIds.length - 1]!, tb.accountIds[tb.accountIds.length - 2]!];
    const busy = (await findAccount(db.kysely, busyId))!;
    const other = (await findAccount(db.kysely, otherId))!;
    const state = new Map([
      [busy.id, { balance: busy.balance, seq: busy.entryCount }],
      [other.id, { balance: other.balance, seq: other.entryCount }],
      [
        tb.fundId,
        {
          balance: (await findAccount(db.kysely, tb.fundId))!.balance,
          seq: (await findAccount(db.kysely, tb.fundId))!.entryCount,
        },
      ],
    ]);
    const transfers: Array<Record<string, unknown>> = [];
    const entries: Array<Record<string, unknown>> = [];
    // Every transfer here touches the busy account, so 10,000 transfers are 10,000 of its entries.
    for (let i = 0; i < ENTRIES; i++) {
      const id = randomUUID();
      const at = new Date(Date.parse('2025-06-01T00:00:00.000Z') + i * 60_000).toISOString();
      const [from, to, minutes] = i % 2 === 0 ? [tb.fundId, busy.id, 60] : [busy.id, other.id, 30];
      transfers.push({
        id,
        place_id: county.id,
        kind: i % 2 === 0 ? 'issue' : 'payment',
        idempotency_key: `statement-${id}`,
        amount: minutes,
        description: i % 2 === 0 ? 'Volunteering at the garden' : 'Thanks for the lift',
        reference_type: null,
        reference_id: null,
        reverses_id: null,
        reason: null,
        created_at: at,
      });
      for (const [account, amount] of [
        [from, -minutes],
        [to, minutes],
      ] as const) {
        const s = state.get(account)!;
        s.balance += amount;
        s.seq += 1;
        entries.push({
          account_id: account,
          seq: s.seq,
          place_id: county.id,
          transfer_id: id,
          amount,
          balance_after: s.balance,
          created_at: at,
        });
      }
    }
    await bulkInsert(db, 'time_transfers', transfers as never);
    await bulkInsert(db, 'time_entries', entries as never);
    for (const [id, s] of state)
      await db.kysely
        .updateTable('time_accounts')
        .set({ balance: s.balance, entry_count: s.seq })
        .where('id', '=', id)
        .execute();
    const account = (await findAccount(db.kysely, busy.id))!;
    log(`  account with ${figure(account.entryCount)} entries`);

    const t = kith.catalogue.translator('en');
    const pages = Math.ceil(account.entryCount / STATEMENT_PAGE_SIZE);
    const n = options.quick ? 300 : 1000;
    const run = async (page: number) => {
      const range = pageRange(account.entryCount, page, STATEMENT_PAGE_SIZE)!;
      return statementRows(db.kysely, t, account, range, { viewerIsPartner: false, showBalance: true });
    };
    for (let i = 0; i < 50; i++) await run(1 + (i % pages));
    const times: number[] = [];
    for (let i = 0; i < n; i++) {
      const page = i % 10 === 0 ? 1 : i % 10 === 1 ? pages : rng.int(1, pages);
      const t0 = performance.now();
      const rows = await run(page);
      times.push(performance.now() - t0);
      if (!rows.length) throw new Error(`page ${page} of the statement is empty`);
    }
    times.sort((a, b) => a - b);
    const ms = (v: number) => figure(v, 2);
    log(`  p50 ${ms(percentile(times, 50))} ms, p95 ${ms(percentile(times, 95))} ms`);
    return [
      {
        title: 'Time credit statement page (10,000 entries)',
        table: {
          columns: ['measure', 'value'],
          numeric: [1],
          rows: [
            ['entries in the account', figure(account.entryCount)],
            ['pages of 25', figure(pages)],
            ['page loads measured', figure(n)],
            ['p50 ms', ms(percentile(times, 50))],
            ['**p95 ms (goal < 10)**', `**${ms(percentile(times, 95))}**`],
            ['p99 ms', ms(percentile(times, 99))],
          ],
        },
        notes: [
          'In process, no HTTP: the statement rows as the page shows them (entries by sequence-number range, transfers, the other side with names, reversals). A tenth of the loads are the first page, a tenth the last, the rest random.',
        ],
      },
    ];
  },
};
