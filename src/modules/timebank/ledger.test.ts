import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { startTestKith, TEST_DIALECT, type TestKith } from '../../testing.js';
import { leaveTimeCredits } from './accounts.js';
import { LedgerRefusal, postTransfer, reverseTransfer, verifyLedger } from './ledger.js';
import { explainStatement, findAccount, statementLines } from './store.js';
import { ledgerFixture, type LedgerFixture } from './test-support.js';

let t: TestKith;
let f: LedgerFixture;
before(async () => {
  t = await startTestKith();
  f = await ledgerFixture(t.kith, { people: 4 });
});
after(() => t.close());

const db = () => t.kith.db.kysely;
const balance = async (id: string) => (await findAccount(db(), id))!.balance;
const count = async (table: 'time_transfers' | 'time_entries' | 'audit_events') =>
  Number(
    (
      await db()
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
let keys = 0;
const give = (from: string, to: string, minutes: number, key = `k${++keys}`) =>
  postTransfer(t.kith.db, {
    placeId: f.placeId,
    kind: 'payment',
    key,
    legs: [
      { accountId: from, amount: -minutes },
      { accountId: to, amount: minutes },
    ],
    description: 'test',
    actorId: null,
  });

describe('the ledger', () => {
  test('a transfer moves credits both ways in one go, with running balances and an audit record', async () => {
    const [a, b] = f.people;
    const audits = await count('audit_events');
    await give(f.fundId, a!.accountId, 180);
    const { transfer, repeated } = await give(a!.accountId, b!.accountId, 120);
    assert.equal(repeated, false);
    assert.equal(transfer.amount, 120);
    assert.equal(await balance(a!.accountId), 60);
    assert.equal(await balance(b!.accountId), 120);
    const lines = await statementLines(db(), a!.accountId, 1, 10);
    assert.deepEqual(
      lines.map((l) => [l.seq, l.amount, l.balanceAfter]),
      [
        [2, -120, 60],
        [1, 180, 180],
      ],
    );
    assert.equal(await count('audit_events'), audits + 2);
    assert.equal((await verifyLedger(t.kith.db)).ok, true);
  });

  test('a transfer that would break a floor is refused with the figures and writes nothing', async () => {
    const [a, , c] = f.people;
    const before = {
      transfers: await count('time_transfers'),
      entries: await count('time_entries'),
      audits: await count('audit_events'),
      a: await balance(a!.accountId),
    };
    await assert.rejects(give(a!.accountId, c!.accountId, before.a + 1), (error: unknown) => {
      assert.ok(error instanceof LedgerRefusal);
      assert.equal(error.key, 'timebank.transfer.belowFloor.person');
      assert.deepEqual(error.params, { balance: String(before.a), floor: '0', needed: String(before.a + 1) });
      return true;
    });
    assert.deepEqual(
      {
        transfers: await count('time_transfers'),
        entries: await count('time_entries'),
        audits: await count('audit_events'),
        a: await balance(a!.accountId),
      },
      before,
    );
  });

  test('the same key is one transfer, however often and however fast it is sent', async () => {
    const [a, b] = f.people;
    await give(f.fundId, a!.accountId, 600);
    const before = await count('time_transfers');
    const results = await Promise.all(
      Array.from({ length: 8 }, () => give(a!.accountId, b!.accountId, 30, 'double-click')),
    );
    assert.equal(await count('time_transfers'), before + 1);
    assert.equal(new Set(results.map((r) => r.transfer.id)).size, 1);
    assert.equal(results.filter((r) => !r.repeated).length, 1);
    await assert.rejects(
      give(a!.accountId, b!.accountId, 45, 'double-click'),
      (e: unknown) => e instanceof LedgerRefusal && e.key === 'timebank.transfer.keyReused',
    );
    assert.equal(await count('time_transfers'), before + 1);
  });

  test('a reversal moves it back, points at the original with its reason, and happens once', async () => {
    const [a, b] = f.people;
    const beforeA = await balance(a!.accountId);
    const beforeB = await balance(b!.accountId);
    const { transfer } = await give(a!.accountId, b!.accountId, 60);
    const reversal = await reverseTransfer(t.kith.db, {
      placeId: f.placeId,
      transferId: transfer.id,
      reason: 'Entered twice by mistake',
      actorId: f.adminId,
    });
    assert.equal(reversal.transfer.reversesId, transfer.id);
    assert.equal(reversal.transfer.reason, 'Entered twice by mistake');
    assert.equal(reversal.transfer.amount, -60);
    assert.equal(await balance(a!.accountId), beforeA);
    assert.equal(await balance(b!.accountId), beforeB);
    await assert.rejects(
      reverseTransfer(t.kith.db, { placeId: f.placeId, transferId: transfer.id, reason: 'again', actorId: f.adminId }),
      (e: unknown) => e instanceof LedgerRefusal && e.key === 'timebank.reverse.already',
    );
    await assert.rejects(
      reverseTransfer(t.kith.db, {
        placeId: f.placeId,
        transferId: reversal.transfer.id,
        reason: 'undo',
        actorId: f.adminId,
      }),
      (e: unknown) => e instanceof LedgerRefusal && e.key === 'timebank.reverse.isReversal',
    );
    const lines = await statementLines(db(), b!.accountId, 1, 1000);
    assert.deepEqual(
      lines.slice(0, 2).map((l) => [l.amount, l.transfer.reversesId]),
      [
        [-60, transfer.id],
        [60, null],
      ],
    );
  });

  test('a reversal that would break a floor is refused like any transfer', async () => {
    const [, b, c] = f.people;
    const { transfer } = await give(b!.accountId, c!.accountId, 30);
    await give(c!.accountId, b!.accountId, await balance(c!.accountId));
    await assert.rejects(
      reverseTransfer(t.kith.db, {
        placeId: f.placeId,
        transferId: transfer.id,
        reason: 'mistake',
        actorId: f.adminId,
      }),
      (e: unknown) => e instanceof LedgerRefusal && e.key === 'timebank.transfer.belowFloor.person',
    );
  });

  test('someone who stopped using credits takes part in no new transfers; their history stays', async () => {
    const d = f.people[3]!;
    await give(f.fundId, d.accountId, 60);
    await leaveTimeCredits(t.kith, { placeId: f.placeId, personId: d.personId });
    await assert.rejects(
      give(f.fundId, d.accountId, 60),
      (e: unknown) => e instanceof LedgerRefusal && e.key === 'timebank.transfer.optedOut',
    );
    assert.equal((await statementLines(db(), d.accountId, 1, 10)).length, 1);
    assert.equal(await balance(d.accountId), 60);
  });

  test('entries and transfers can never be changed or deleted, even by hand', async () => {
    const attempts = [
      sql`update time_entries set amount = amount + 1`,
      sql`delete from time_entries`,
      sql`update time_transfers set amount = 0`,
      sql`delete from time_transfers`,
    ];
    for (const statement of attempts) await assert.rejects(statement.execute(db()), /append-only/);
    assert.equal((await verifyLedger(t.kith.db)).ok, true);
  });

  test('verification re-derives every balance and finds a stored one that drifted', async () => {
    const [a] = f.people;
    const good = await verifyLedger(t.kith.db);
    assert.equal(good.ok, true);
    assert.ok(good.transfers > 5);
    await db()
      .updateTable('time_accounts')
      .set({ balance: sql<number>`balance + 7` })
      .where('id', '=', a!.accountId)
      .execute();
    const bad = await verifyLedger(t.kith.db);
    assert.equal(bad.ok, false);
    assert.deepEqual(
      bad.differences.map((d) => [d.kind, d.id, d.found - d.expected]),
      [
        ['balance', a!.accountId, 7],
        ['runningBalance', a!.accountId, 7],
      ],
    );
    await db()
      .updateTable('time_accounts')
      .set({ balance: sql<number>`balance - 7` })
      .where('id', '=', a!.accountId)
      .execute();
    assert.equal((await verifyLedger(t.kith.db)).ok, true);
  });

  test(`the statement query reads the account's entries through the primary key (${TEST_DIALECT})`, async () => {
    // With statistics, as a ledger that has been running a while has them.
    await sql`analyze`.execute(db());
    const plan = await t.kith.db.transaction((trx) => explainStatement(trx, t.kith.db.dialect, f.people[0]!.accountId));
    if (TEST_DIALECT === 'sqlite') {
      assert.match(plan, /SEARCH e USING (INDEX|PRIMARY KEY).*account_id=\? AND seq>\? AND seq<\?/i, plan);
      assert.match(plan, /SEARCH r USING INDEX time_transfers_reversals/, plan);
      assert.doesNotMatch(plan, /SCAN (e|t|r)\b/, plan);
    } else {
      assert.match(plan, /Index (Only )?Scan( Backward)? using time_entries_pk on time_entries/, plan);
      assert.match(plan, /Index Cond: \(\(account_id = .*\) AND \(seq >= 1\) AND \(seq <= 25\)\)/, plan);
    }
  });
});
