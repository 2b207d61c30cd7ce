import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { meanChange, signed, tCritical95 } from './stats.js';

describe('distance travelled with its uncertainty', () => {
  test('the mean change and a 95% interval from Student’s t', () => {
    // Changes 1, 2, 3, 4, 5: mean 3, sd 1.581, t(4) 2.776, half-width 1.963.
    const c = meanChange(5, 15, 55);
    assert.equal(c.confidence, 'small');
    assert.equal(c.mean, 3);
    assert.ok(Math.abs(c.low - 1.037) < 0.01 && Math.abs(c.high - 4.963) < 0.01, `${c.low} ${c.high}`);
  });

  test('fewer than 5 people gives no figure at all; 30 or more is no longer called small', () => {
    assert.equal(meanChange(4, 8, 20).confidence, 'suppressed');
    assert.ok(Number.isNaN(meanChange(4, 8, 20).mean));
    assert.equal(meanChange(30, 30, 60).confidence, 'ok');
  });

  test('the interval always contains the mean and narrows as more people answer', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -10, max: 10 }), { minLength: 5, maxLength: 200 }), (changes) => {
        const n = changes.length;
        const sum = changes.reduce((a, b) => a + b, 0);
        const squares = changes.reduce((a, b) => a + b * b, 0);
        const c = meanChange(n, sum, squares);
        assert.ok(c.low <= c.mean + 1e-9 && c.mean <= c.high + 1e-9);
        const doubled = meanChange(n * 2, sum * 2, squares * 2);
        assert.ok(doubled.high - doubled.low <= c.high - c.low + 1e-9);
      }),
    );
    assert.ok(tCritical95(1) > tCritical95(10) && tCritical95(10) > tCritical95(1000));
    assert.equal(signed(1.24), '+1.2');
    assert.equal(signed(-0.26), '−0.3');
  });
});
