import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { hoursTable, monthsUpTo, retention } from './report.js';

test('the last twelve months end with the current one, oldest first, across a year end', () => {
  const months = monthsUpTo('2026-02-15', 12);
  assert.equal(months.length, 12);
  assert.equal(months[0], '2025-03');
  assert.equal(months[11], '2026-02');
});

test('hours by organisation and month add up the same whichever way they are read', () => {
  const months = ['2026-01', '2026-02', '2026-03'];
  const row = fc.record({
    organisationId: fc.constantFrom('a', 'b', 'c'),
    month: fc.constantFrom(...months, '2025-12'),
    minutes: fc.integer({ min: 1, max: 600 }),
  });
  fc.assert(
    fc.property(fc.array(row, { maxLength: 40 }), (rows) => {
      const table = hoursTable(rows, months);
      const inRange = rows.filter((r) => months.includes(r.month)).reduce((sum, r) => sum + r.minutes, 0);
      assert.equal(table.total, inRange);
      assert.equal(
        table.organisations.reduce((sum, o) => sum + o.total, 0),
        inRange,
      );
      for (const o of table.organisations)
        assert.equal(
          o.months.reduce((a, b) => a + b, 0),
          o.total,
        );
    }),
  );
});

test('retention counts only volunteers who started long enough ago, and those still giving time then', () => {
  const spans = [
    { first: '2026-01-10', last: '2026-05-01' }, // 3 months on: 2026-04-10, still going
    { first: '2026-01-20', last: '2026-02-01' }, // stopped
    { first: '2026-05-01', last: '2026-06-01' }, // too recent to count
  ];
  assert.deepEqual(retention(spans, '2026-06-15', 3), { cohort: 2, retained: 1, percent: 50 });
  assert.deepEqual(retention(spans, '2026-06-15', 6), { cohort: 0, retained: 0, percent: null });
});
