import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { cellKey, hoursTable, monthsUpTo, retention, withheldHours, type VolunteerMonthRow } from './report.js';

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

test('beyond the organisation, one volunteer’s hours are neither shown nor left to be worked out', () => {
  const months = ['2026-01', '2026-02'];
  const gave = (organisationId: string, month: string, people: string[]) =>
    people.map((personId) => ({ organisationId, month, personId, minutes: 60 }));
  const five = ['p1', 'p2', 'p3', 'p4', 'p5'];
  const rows = [
    ...gave('choir', '2026-01', five),
    ...gave('choir', '2026-02', five),
    // Maureen alone at the garden in February.
    ...gave('garden', '2026-01', five),
    ...gave('garden', '2026-02', ['maureen']),
  ];
  const withheld = withheldHours(rows, months);
  assert.ok(withheld.cells.has(cellKey('garden', '2026-02')), 'her month is withheld');
  assert.ok(!withheld.cells.has(cellKey('garden', '2026-01')));
  assert.ok(withheld.organisations.has('garden'), 'the garden’s total less January would be her hours');
  assert.ok(!withheld.organisations.has('choir'));
  assert.ok(withheld.months.has('2026-02'), 'February’s total less the choir’s would be her hours');
  assert.ok(!withheld.months.has('2026-01'));
  assert.ok(withheld.total, 'the whole total less the months shown would be her hours');
  // Enough people at the garden that month: nothing is withheld.
  assert.deepEqual(withheldHours([...rows, ...gave('garden', '2026-02', ['p6', 'p7', 'p8', 'p9'])], months), {
    cells: new Set(),
    organisations: new Set(),
    months: new Set(),
    total: false,
  });
});

test('whatever the hours, no total shown less the cells shown stands for fewer than 5 volunteers', () => {
  const months = ['2026-01', '2026-02', '2026-03'];
  const row = fc.record({
    organisationId: fc.constantFrom('a', 'b', 'c'),
    month: fc.constantFrom(...months),
    personId: fc.constantFrom('p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7', 'p8'),
    minutes: fc.integer({ min: 1, max: 600 }),
  });
  fc.assert(
    fc.property(fc.array(row, { maxLength: 60 }), (rows: VolunteerMonthRow[]) => {
      const w = withheldHours(rows, months);
      const peopleIn = (cells: Array<[string, string]>) =>
        new Set(
          rows.filter((r) => cells.some(([o, m]) => r.organisationId === o && r.month === m)).map((r) => r.personId),
        ).size;
      const organisations = [...new Set(rows.map((r) => r.organisationId))];
      for (const o of organisations) {
        if (w.organisations.has(o)) continue;
        const hidden = months.filter((m) => w.cells.has(cellKey(o, m))).map((m): [string, string] => [o, m]);
        assert.ok(hidden.length === 0 || peopleIn(hidden) >= 5, `row ${o}`);
      }
      for (const m of months) {
        if (w.months.has(m)) continue;
        const hidden = organisations.filter((o) => w.cells.has(cellKey(o, m))).map((o): [string, string] => [o, m]);
        assert.ok(hidden.length === 0 || peopleIn(hidden) >= 5, `column ${m}`);
      }
      for (const k of w.cells) {
        const [o, m] = k.split('|') as [string, string];
        assert.ok(peopleIn([[o, m]]) < 5, 'only small cells are withheld');
      }
    }),
  );
});
