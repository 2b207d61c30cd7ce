/**
 * Transfers per second through the real ledger service (postTransfer: one transaction
 * each, idempotency key, row locks on PostgreSQL, floor check, entries with running
 * balances, balance updates, audit record), against the raw ceiling measured in the
 * same run on the same database: the same transfer written with the least SQL that
 * can write it (one transfer row, its two entries, two balance updates, one
 * transaction, no reads), through the same Kysely and driver. On SQLite the bare
 * driver (better-sqlite3 prepared statements, no Kysely) is shown too, for context.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { postTransfer, verifyLedger } from '../../src/modules/timebank/ledger.js';
import type { TimebankDataset } from '../timebank.js';
import { figure, percentile } from '../report.js';
import { Rng } from '../random.js';
import type { BenchStep } from '../step.js';

export const ledgerStep: BenchStep = {
  name: 'ledger',
  description: 'time credit transfers per second: the ledger service against the raw two-entry ceiling',
  async run({ kith, generation, options, log }) {
    const county = generation.dataset.county!;
    const tb = (generation.dataset as unknown as { timebank: TimebankDataset }).timebank;
    const rng = Rng.forCapability(options.seed, 'bench.ledger');
    const n = options.quick ? 1000 : 5000;
    const db = kith.db;

    // Fund 200 accounts so random payments between them rarely meet a floor.
    const accounts = tb.accountIds.slice(0, 200);
    for (const id of accounts) {
      await postTransfer(db, {
        placeId: county.id,
        kind: 'funding',
        key: `bench-fund-${id}`,
        legs: [
          { accountId: tb.fundId, amount: -100 * 60 },
          { accountId: id, amount: 100 * 60 },
        ],
        description: 'Bench',
        actorId: null,
      });
    }

    // Raw: two other accounts, whose sequence numbers and balances are kept in memory.
    const raw = await db.kysely
      .selectFrom('time_accounts')
      .select(['id', 'balance', 'entry_count'])
      .where('id', 'in', tb.accountIds.slice(200, 202))
      .execute();
    const state = raw.map((r) => ({ id: r.id, balance: Number(r.balance), seq: Number(r.entry_count) }));
    const rawTransfer = async (i: number) => {
      const [from, to] = i % 2 ? [state[0]!, state[1]!] : [state[1]!, state[0]!];
      const id = randomUUID();
      const at = new Date().toISOString();
      await db.transaction(async (trx) => {
        await trx
          .insertInto('time_transfers')
          .values({
            id,
            place_id: county.id,
            kind: 'payment',
            idempotency_key: `raw-${id}`,
            amount: 1,
            description: 'raw',
            reference_type: null,
            reference_id: null,
            reverses_id: null,
            reason: null,
            created_at: at,
          })
          .execute();
        await trx
          .insertInto('time_entries')
          .values([
            {
              account_id: from.id,
              seq: from.seq + 1,
              place_id: county.id,
              transfer_id: id,
              amount: -1,
              balance_after: from.balance - 1,
              created_at: at,
            },
            {
              account_id: to.id,
              seq: to.seq + 1,
              place_id: county.id,
              transfer_id: id,
              amount: 1,
              balance_after: to.balance + 1,
              created_at: at,
            },
          ])
          .execute();
        await trx
          .updateTable('time_accounts')
          .set({ balance: from.balance - 1, entry_count: from.seq + 1 })
          .where('id', '=', from.id)
          .execute();
        await trx
          .updateTable('time_accounts')
          .set({ balance: to.balance + 1, entry_count: to.seq + 1 })
          .where('id', '=', to.id)
          .execute();
      });
      from.balance -= 1;
      from.seq += 1;
      to.balance += 1;
      to.seq += 1;
    };
    let k = 0;
    const service = async () => {
      const from = rng.pick(accounts);
      let to = rng.pick(accounts);
      if (to === from) to = accounts[(accounts.indexOf(from) + 1) % accounts.length]!;
      const amount = rng.int(1, 30);
      await postTransfer(db, {
        placeId: county.id,
        kind: 'payment',
        key: `bench-ledger-${k++}`,
        legs: [
          { accountId: from, amount: -amount },
          { accountId: to, amount },
        ],
        description: 'Bench',
        actorId: null,
      });
    };

    const measure = async (work: (i: number) => Promise<void>) => {
      for (let i = 0; i < Math.min(200, n / 5); i++) await work(i);
      const times: number[] = [];
      const t0 = performance.now();
      for (let i = 0; i < n; i++) {
        const s = performance.now();
        await work(i);
        times.push(performance.now() - s);
      }
      const seconds = (performance.now() - t0) / 1000;
      times.sort((a, b) => a - b);
      return { perSecond: n / seconds, p50: percentile(times, 50), p95: percentile(times, 95) };
    };

    log(`  raw ceiling: ${n} transfers`);
    const rawResult = await measure(rawTransfer);
    log(`  ledger service: ${n} transfers`);
    const serviceResult = await measure(service);

    let bare: { perSecond: number; p50: number; p95: number } | undefined;
    if (db.sqlite) {
      const handle = db.sqlite;
      const insertTransfer = handle.prepare(
        "insert into time_transfers (id, place_id, kind, idempotency_key, amount, description, created_at) values (?, ?, 'payment', ?, 1, 'bare', ?)",
      );
      const insertEntry = handle.prepare(
        'insert into time_entries (account_id, seq, place_id, transfer_id, amount, balance_after, created_at) values (?, ?, ?, ?, ?, ?, ?)',
      );
      const update = handle.prepare('update time_accounts set balance = ?, entry_count = ? where id = ?');
      const write = handle.transaction((i: number) => {
        const [from, to] = i % 2 ? [state[0]!, state[1]!] : [state[1]!, state[0]!];
        const id = randomUUID();
        const at = new Date().toISOString();
        insertTransfer.run(id, county.id, `bare-${id}`, at);
        insertEntry.run(from.id, from.seq + 1, county.id, id, -1, from.balance - 1, at);
        insertEntry.run(to.id, to.seq + 1, county.id, id, 1, to.balance + 1, at);
        update.run(from.balance - 1, from.seq + 1, from.id);
        update.run(to.balance + 1, to.seq + 1, to.id);
        from.balance -= 1;
        from.seq += 1;
        to.balance += 1;
        to.seq += 1;
      });
      log(`  bare better-sqlite3: ${n} transfers`);
      bare = await measure(async (i) => {
        write.immediate(i);
      });
    }
    const verified = await verifyLedger(db);
    if (!verified.ok)
      throw new Error(`The ledger does not verify after the benchmark: ${verified.differences.length} differences`);

    const ms = (v: number) => figure(v, 2);
    const rows = [
      ['ledger service (postTransfer)', figure(serviceResult.perSecond), ms(serviceResult.p50), ms(serviceResult.p95)],
      [
        'raw ceiling: 1 transfer + 2 entries + 2 balance updates, same Kysely and driver',
        figure(rawResult.perSecond),
        ms(rawResult.p50),
        ms(rawResult.p95),
      ],
      [
        '**ratio service / raw (goal ≥ 0.5)**',
        `**${figure(serviceResult.perSecond / rawResult.perSecond, 2)}**`,
        '',
        '',
      ],
    ];
    if (bare) {
      rows.push([
        'bare better-sqlite3, same statements, no Kysely (context)',
        figure(bare.perSecond),
        ms(bare.p50),
        ms(bare.p95),
      ]);
      rows.push(['ratio service / bare driver', figure(serviceResult.perSecond / bare.perSecond, 2), '', '']);
    }
    return [
      {
        title: 'Time credit ledger: transfers per second',
        table: { columns: ['writer', 'transfers/s', 'p50 ms', 'p95 ms'], numeric: [1, 2, 3], rows },
        notes: [
          `${n} transfers each, one at a time, one transaction each, in this process, after ${Math.min(200, n / 5)} to warm up; payments of 1 to 30 minutes between 200 funded accounts.`,
          'The service does in each transaction: claim the idempotency key (insert … on conflict do nothing), read the accounts (locked on PostgreSQL), read the place’s floor, check the floors, insert the entries, update two balances, write the audit record.',
          `Afterwards \`verifyLedger\` re-derived all ${figure(verified.accounts)} balances and ${figure(verified.transfers)} transfers: no difference.`,
        ],
      },
    ];
  },
};
