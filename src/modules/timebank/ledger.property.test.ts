/**
 * Random sequences of transfers, reversals, refused overdrafts, retries and
 * simultaneous duplicates, against a simple model of what the ledger should do. After
 * every sequence: the model and the database agree on every balance, nothing is below
 * its floor, every stored balance equals the sum of its entries, and the whole ledger
 * sums to zero.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { startTestKith, type TestKith } from '../../testing.js';
import { LedgerRefusal, postTransfer, reverseTransfer, verifyLedger, type PostedTransfer } from './ledger.js';
import { fingerprint } from './ledger-rules.js';
import { findAccount } from './store.js';
import { ledgerFixture, type LedgerFixture } from './test-support.js';

const OVERDRAFT = 120;

let t: TestKith;
let f: LedgerFixture;
let accounts: string[];
before(async () => {
  t = await startTestKith();
  f = await ledgerFixture(t.kith, { people: 5, overdraftMinutes: OVERDRAFT });
  accounts = [f.fundId, ...f.people.map((p) => p.accountId)];
});
after(() => t.close());

type Op =
  | { op: 'transfer'; from: number; to: number; minutes: number; key: number }
  | { op: 'reverse'; which: number }
  | { op: 'burst'; from: number; to: number; minutes: number; copies: number };

const account = fc.integer({ min: 0, max: 5 });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      op: fc.constant('transfer' as const),
      from: account,
      to: account,
      minutes: fc.integer({ min: 1, max: 400 }),
      key: fc.integer({ min: 0, max: 15 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('reverse' as const), which: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('burst' as const),
      from: account,
      to: account,
      minutes: fc.integer({ min: 1, max: 200 }),
      copies: fc.integer({ min: 2, max: 4 }),
    }),
  },
);

const floorOf = (index: number) => (index === 0 ? Number.NEGATIVE_INFINITY : -OVERDRAFT);

let run = 0;

describe('the ledger under random sequences', () => {
  test('keeps every balance, floor and sum right, whatever is sent', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 25 }), async (ops) => {
        run++;
        const model = await Promise.all(accounts.map(async (id) => (await findAccount(t.kith.db.kysely, id))!.balance));
        const usedKeys = new Map<string, { fingerprint: string; accepted: boolean }>();
        const accepted: Array<{ id: string; legs: Array<{ index: number; amount: number }>; reversed: boolean }> = [];

        const apply = (legs: Array<{ index: number; amount: number }>): boolean => {
          if (legs.some((l) => l.amount < 0 && model[l.index]! + l.amount < floorOf(l.index))) return false;
          for (const l of legs) model[l.index]! += l.amount;
          return true;
        };

        for (const op of ops) {
          if (op.op === 'transfer' || op.op === 'burst') {
            const legs = [
              { index: op.from, amount: -op.minutes },
              { index: op.to, amount: op.minutes },
            ];
            const key =
              op.op === 'transfer'
                ? `run${run}-k${op.key}`
                : `run${run}-burst${accepted.length}-${op.from}-${op.to}-${op.minutes}`;
            const request = () =>
              postTransfer(t.kith.db, {
                placeId: f.placeId,
                kind: 'payment',
                key,
                legs: legs.map((l) => ({ accountId: accounts[l.index]!, amount: l.amount })),
                description: 'property',
                actorId: null,
              });
            const print = fingerprint(
              'payment',
              legs.map((l) => ({ accountId: accounts[l.index]!, amount: l.amount })),
            );
            const copies = op.op === 'burst' ? op.copies : 1;
            const results = await Promise.allSettled(Array.from({ length: copies }, request));
            const earlier = usedKeys.get(key);
            if (op.from === op.to) {
              for (const r of results)
                assert.ok(
                  r.status === 'rejected' && (r.reason as LedgerRefusal).key === 'timebank.transfer.sameAccount',
                );
              continue;
            }
            if (earlier?.accepted) {
              // A retry: the first transfer comes back if it is the same, a reused key is refused.
              for (const r of results) {
                if (earlier.fingerprint === print) assert.ok(r.status === 'fulfilled' && r.value.repeated);
                else
                  assert.ok(
                    r.status === 'rejected' && (r.reason as LedgerRefusal).key === 'timebank.transfer.keyReused',
                  );
              }
              continue;
            }
            const ok = apply(legs);
            const fulfilled = results.filter(
              (r): r is PromiseFulfilledResult<PostedTransfer> => r.status === 'fulfilled',
            );
            if (ok) {
              assert.equal(fulfilled.length, copies, 'every copy is answered');
              assert.equal(new Set(fulfilled.map((r) => r.value.transfer.id)).size, 1, 'copies are one transfer');
              assert.equal(fulfilled.filter((r) => !r.value.repeated).length, 1, 'exactly one copy wrote it');
              accepted.push({ id: fulfilled[0]!.value.transfer.id, legs, reversed: false });
              usedKeys.set(key, { fingerprint: print, accepted: true });
            } else {
              assert.equal(fulfilled.length, 0, 'a transfer over a floor is refused');
              for (const r of results)
                assert.match((r as PromiseRejectedResult).reason.key, /^timebank\.transfer\.belowFloor\./);
              usedKeys.set(key, { fingerprint: print, accepted: false });
            }
          } else if (accepted.length) {
            const target = accepted[op.which % accepted.length]!;
            const attempt = reverseTransfer(t.kith.db, {
              placeId: f.placeId,
              transferId: target.id,
              reason: `property ${run}-${Math.random()}`,
              actorId: f.adminId,
            });
            if (target.reversed) {
              await assert.rejects(
                attempt,
                (e: unknown) => e instanceof LedgerRefusal && e.key === 'timebank.reverse.already',
              );
            } else if (apply(target.legs.map((l) => ({ index: l.index, amount: -l.amount })))) {
              await attempt;
              target.reversed = true;
            } else {
              await assert.rejects(
                attempt,
                (e: unknown) => e instanceof LedgerRefusal && e.key.startsWith('timebank.transfer.belowFloor.'),
              );
            }
          }
        }

        const stored = await Promise.all(
          accounts.map(async (id) => (await findAccount(t.kith.db.kysely, id))!.balance),
        );
        assert.deepEqual(stored, model, 'the database holds what the model expects');
        stored.forEach((b, i) => assert.ok(b >= floorOf(i), `account ${i} is at or above its floor`));
        const report = await verifyLedger(t.kith.db);
        assert.deepEqual(report.differences, [], 'every balance equals its entries and the ledger sums to zero');
      }),
      { numRuns: Number(process.env.KITH_PROPERTY_RUNS ?? 100) },
    );
  });
});
