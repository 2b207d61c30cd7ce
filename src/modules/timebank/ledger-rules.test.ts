import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  checkLegs,
  creditParts,
  fingerprint,
  floorOf,
  ledgerDifferences,
  memberNumberFrom,
  mergeLegs,
  planTransfer,
  reversalLegs,
  reversalRefusal,
  type LedgerAccount,
} from './ledger-rules.js';

const account = (id: string, kind: LedgerAccount['kind'], balance: number, extra: Partial<LedgerAccount> = {}) =>
  [id, { id, placeId: 'p', kind, balance, optedOut: false, entryCount: 3, ...extra }] as const;

describe('the shape of a transfer', () => {
  test('legs on one account merge; a transfer needs two accounts and must sum to zero', () => {
    assert.deepEqual(
      mergeLegs([
        { accountId: 'b', amount: 30 },
        { accountId: 'a', amount: -60 },
        { accountId: 'b', amount: 30 },
      ]),
      [
        { accountId: 'a', amount: -60 },
        { accountId: 'b', amount: 60 },
      ],
    );
    assert.equal(
      checkLegs([
        { accountId: 'a', amount: -60 },
        { accountId: 'b', amount: 60 },
      ]),
      undefined,
    );
    assert.equal(
      checkLegs([
        { accountId: 'a', amount: -60 },
        { accountId: 'a', amount: 60 },
      ])?.key,
      'timebank.transfer.sameAccount',
    );
    assert.equal(
      checkLegs([
        { accountId: 'a', amount: -60 },
        { accountId: 'b', amount: 50 },
      ])?.key,
      'timebank.transfer.unbalanced',
    );
    assert.equal(
      checkLegs([
        { accountId: 'a', amount: -0.5 },
        { accountId: 'b', amount: 0.5 },
      ])?.key,
      'timebank.transfer.wholeMinutes',
    );
    assert.equal(
      checkLegs([
        { accountId: 'a', amount: -20000 },
        { accountId: 'b', amount: 20000 },
      ])?.key,
      'timebank.transfer.tooLarge',
    );
  });

  test('three-way transfers are allowed when they balance', () => {
    assert.equal(
      checkLegs([
        { accountId: 'a', amount: -90 },
        { accountId: 'b', amount: 60 },
        { accountId: 'c', amount: 30 },
      ]),
      undefined,
    );
  });
});

describe('floors', () => {
  test('people stop at the place’s floor, groups and partners at zero, the fund has none', () => {
    assert.equal(floorOf('person', 0), 0);
    assert.equal(floorOf('person', -600), -600);
    assert.equal(floorOf('person', 300), 0, 'a floor above zero is never used');
    assert.equal(floorOf('group', -600), 0);
    assert.equal(floorOf('partner', -600), 0);
    assert.equal(floorOf('fund', 0), Number.NEGATIVE_INFINITY);
  });

  test('a transfer that would take an account below its floor is refused, naming the figures', () => {
    const accounts = new Map([account('a', 'person', 60), account('b', 'person', 0)]);
    const refused = planTransfer(
      accounts,
      [
        { accountId: 'a', amount: -90 },
        { accountId: 'b', amount: 90 },
      ],
      { placeId: 'p', personFloor: 0, isReversal: false },
    );
    assert.ok('refusal' in refused);
    assert.equal(refused.refusal.key, 'timebank.transfer.belowFloor.person');
    assert.deepEqual(refused.refusal.params, { balance: '60', floor: '0', needed: '90' });
    assert.equal(refused.refusal.accountId, 'a');
  });

  test('an overdraft lets a person go below zero as far as the place allows, no further', () => {
    const accounts = new Map([account('a', 'person', 0), account('b', 'person', 0)]);
    const ok = planTransfer(
      accounts,
      [
        { accountId: 'a', amount: -600 },
        { accountId: 'b', amount: 600 },
      ],
      { placeId: 'p', personFloor: -600, isReversal: false },
    );
    assert.ok('entries' in ok);
    assert.deepEqual(ok.entries, [
      { accountId: 'a', amount: -600, seq: 4, balanceAfter: -600 },
      { accountId: 'b', amount: 600, seq: 4, balanceAfter: 600 },
    ]);
    const refused = planTransfer(
      accounts,
      [
        { accountId: 'a', amount: -601 },
        { accountId: 'b', amount: 601 },
      ],
      { placeId: 'p', personFloor: -600, isReversal: false },
    );
    assert.ok('refusal' in refused);
  });

  test('an account already below its floor can still receive', () => {
    const accounts = new Map([account('a', 'person', -300), account('f', 'fund', 0)]);
    const ok = planTransfer(
      accounts,
      [
        { accountId: 'f', amount: -60 },
        { accountId: 'a', amount: 60 },
      ],
      { placeId: 'p', personFloor: 0, isReversal: false },
    );
    assert.ok('entries' in ok);
  });

  test('accounts from another place, unknown accounts and people who opted out are refused', () => {
    const accounts = new Map([
      account('a', 'person', 600),
      account('x', 'person', 0, { placeId: 'elsewhere' }),
      account('o', 'person', 0, { optedOut: true }),
    ]);
    const legs = (to: string) => [
      { accountId: 'a', amount: -60 },
      { accountId: to, amount: 60 },
    ];
    const context = { placeId: 'p', personFloor: 0, isReversal: false };
    for (const [to, key] of [
      ['x', 'timebank.transfer.noAccount'],
      ['nobody', 'timebank.transfer.noAccount'],
      ['o', 'timebank.transfer.optedOut'],
    ] as const) {
      const result = planTransfer(accounts, legs(to), context);
      assert.ok('refusal' in result && result.refusal.key === key, `${to}: ${key}`);
    }
    assert.ok(
      'entries' in planTransfer(accounts, legs('o'), { ...context, isReversal: true }),
      'a reversal still reaches an account that opted out',
    );
  });
});

describe('reversals, repeats and verification', () => {
  test('a reversal moves exactly the original back; a reversal or a reversed transfer cannot be reversed', () => {
    assert.deepEqual(
      reversalLegs([
        { accountId: 'a', amount: -60 },
        { accountId: 'b', amount: 60 },
      ]),
      [
        { accountId: 'a', amount: 60 },
        { accountId: 'b', amount: -60 },
      ],
    );
    assert.equal(reversalRefusal({ reversesId: null }, false), undefined);
    assert.equal(reversalRefusal({ reversesId: null }, true)?.key, 'timebank.reverse.already');
    assert.equal(reversalRefusal({ reversesId: 't1' }, false)?.key, 'timebank.reverse.isReversal');
  });

  test('a repeated key is the same transfer only when kind and legs match, in any order', () => {
    const a = fingerprint('payment', [
      { accountId: 'a', amount: -60 },
      { accountId: 'b', amount: 60 },
    ]);
    assert.equal(
      a,
      fingerprint('payment', [
        { accountId: 'b', amount: 60 },
        { accountId: 'a', amount: -60 },
      ]),
    );
    assert.notEqual(
      a,
      fingerprint('payment', [
        { accountId: 'a', amount: -30 },
        { accountId: 'b', amount: 30 },
      ]),
    );
    assert.notEqual(
      a,
      fingerprint('exchange', [
        { accountId: 'a', amount: -60 },
        { accountId: 'b', amount: 60 },
      ]),
    );
  });

  test('verification names every stored figure that differs from the entries', () => {
    const differences = ledgerDifferences({
      accounts: [
        { id: 'ok', balance: 60, entryCount: 1, lastBalanceAfter: 60 },
        { id: 'drifted', balance: 120, entryCount: 1, lastBalanceAfter: -60 },
      ],
      sums: new Map([
        ['ok', { sum: 60, count: 1 }],
        ['drifted', { sum: -60, count: 1 }],
      ]),
      unbalancedTransfers: [{ id: 't9', sum: 5, count: 2 }],
      total: 5,
    });
    assert.deepEqual(
      differences.map((d) => `${d.kind}:${d.id}`),
      ['balance:drifted', 'runningBalance:drifted', 'transfer:t9', 'zeroSum:ledger'],
    );
  });

  test('credits read as hours and minutes; member numbers are six digits', () => {
    assert.deepEqual(creditParts(150), { negative: false, hours: 2, minutes: 30 });
    assert.deepEqual(creditParts(-45), { negative: true, hours: 0, minutes: 45 });
    for (const r of [0, 1, 899999, 900000, -5, 123456789]) assert.match(memberNumberFrom(r), /^[1-9]\d{5}$/);
  });
});
