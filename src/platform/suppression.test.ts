import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { suppressCount, suppressMean, suppressRow, suppressSums, SUPPRESSION_THRESHOLD } from './suppression.js';

describe('small-number suppression', () => {
  test('a count of fewer than 5 people is never shown', () => {
    assert.deepEqual(
      [0, 1, 4, 5, 6, 1000].map((n) => suppressCount(n)),
      [null, null, null, 5, 6, 1000],
    );
    assert.equal(suppressMean(4, 6.5), null);
    assert.equal(suppressMean(5, 6.5), 6.5);
  });

  test('a row hides every small count, and one more if only one was hidden, so none can be worked out from the total', () => {
    assert.deepEqual(suppressRow([10, 3, 20]), { cells: [null, null, 20], total: 33 });
    assert.deepEqual(suppressRow([10, 3, 2, 20]), { cells: [10, null, null, 20], total: 35 });
    assert.deepEqual(suppressRow([10, 12]), { cells: [10, 12], total: 22 });
    assert.deepEqual(suppressRow([1, 2]), { cells: [null, null], total: null });
  });

  test('for any row: shown counts are the true ones and at least 5, and a shown total never gives away a hidden cell', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 40 }), { minLength: 1, maxLength: 8 }), (cells) => {
        const row = suppressRow(cells);
        row.cells.forEach((shown, i) => {
          if (shown !== null) {
            assert.equal(shown, cells[i]);
            assert.ok(shown >= SUPPRESSION_THRESHOLD);
          }
        });
        if (row.total !== null) {
          assert.equal(
            row.total,
            cells.reduce((a, b) => a + b, 0),
          );
          const hidden = row.cells.filter((c) => c === null).length;
          // With the total shown, one hidden cell would be the total minus the rest.
          assert.notEqual(hidden, 1);
        } else assert.ok(row.cells.every((c) => c === null));
        // Every small count is hidden, whatever else is.
        cells.forEach((n, i) => {
          if (n < SUPPRESSION_THRESHOLD) assert.equal(row.cells[i], null);
        });
      }),
    );
  });

  test('for any hours given: a part too few people gave is hidden, and none can be worked out from the total shown', () => {
    const part = fc.record({ value: fc.nat({ max: 600 }), people: fc.nat({ max: 12 }) });
    fc.assert(
      fc.property(fc.array(part, { minLength: 1, maxLength: 5 }), fc.nat({ max: 12 }), (parts, extra) => {
        // Everyone who gave is at least as many as gave the largest part.
        const everyone = Math.max(0, ...parts.map((p) => p.people)) + extra;
        const shown = suppressSums(parts, everyone);
        parts.forEach((p, i) => {
          if (shown.parts[i] !== null) assert.equal(shown.parts[i], p.value);
          if (p.value !== 0 && p.people < SUPPRESSION_THRESHOLD) assert.equal(shown.parts[i], null);
        });
        if (shown.total === null) assert.ok(shown.parts.every((v, i) => v === null || parts[i]!.value === 0));
        else {
          assert.equal(
            shown.total,
            parts.reduce((sum, p) => sum + p.value, 0),
          );
          // A single hidden part with time in it would be the total minus the rest.
          assert.notEqual(shown.parts.filter((v, i) => v === null && parts[i]!.value !== 0).length, 1);
        }
      }),
    );
  });
});
