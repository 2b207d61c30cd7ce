import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { parseInput } from '../../web/forms.js';
import { distanceTravelled, ons4Band, Ons4Answers, ONS4_ITEMS } from './wellbeing-rules.js';

const valid = { life: '5', worthwhile: '6', happy: '7', anxious: '3' };

describe('ONS4 answers', () => {
  test('every whole number from 0 to 10 is accepted for every question', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ONS4_ITEMS),
        fc.integer({ min: 0, max: 10 }),
        fc.boolean(),
        (item, value, asNumber) => {
          const parsed = parseInput(Ons4Answers, { ...valid, [item]: asNumber ? value : ` ${value} ` });
          assert.ok(parsed.ok);
          assert.equal(parsed.value[item], value);
        },
      ),
    );
  });

  test('anything else is refused, with the message for that question and nothing else', () => {
    const bad = fc.oneof(
      fc.integer({ min: 11, max: 100000 }).map(String),
      fc.integer({ min: -100000, max: -1 }).map(String),
      fc.double({ min: 0, max: 10, noInteger: true, noNaN: true }).map(String),
      fc.constantFrom('', '  ', 'seven', '5a', '1e1', '0x5', '½', 'NaN', 'Infinity', '10.0', '+5'),
    );
    fc.assert(
      fc.property(fc.constantFrom(...ONS4_ITEMS), bad, (item, value) => {
        const parsed = parseInput(Ons4Answers, { ...valid, [item]: value });
        assert.equal(parsed.ok, false, `${item}=${JSON.stringify(value)}`);
        if (parsed.ok) return;
        assert.deepEqual(Object.keys(parsed.errors), [item]);
        assert.match(
          parsed.errors[item]!.key,
          new RegExp(`^prescribing\\.validation\\.ons4\\.${item}\\.(range|required)$`),
        );
      }),
    );
  });

  test('the ONS reporting bands, anxiety the other way round', () => {
    const bands = (item: (typeof ONS4_ITEMS)[number]) => Array.from({ length: 11 }, (_, v) => ons4Band(item, v));
    assert.deepEqual(bands('life'), [
      'low',
      'low',
      'low',
      'low',
      'low',
      'medium',
      'medium',
      'high',
      'high',
      'veryHigh',
      'veryHigh',
    ]);
    assert.deepEqual(bands('happy'), bands('worthwhile'));
    assert.deepEqual(bands('anxious'), [
      'veryLow',
      'veryLow',
      'low',
      'low',
      'medium',
      'medium',
      'high',
      'high',
      'high',
      'high',
      'high',
    ]);
  });

  test('distance travelled compares referral with the latest follow-up; less anxiety is an improvement', () => {
    const changes = distanceTravelled([
      { timepoint: '6m', answeredOn: '2026-07-01', values: { life: 7, anxious: 3 } },
      { timepoint: 'referral', answeredOn: '2026-01-01', values: { life: 3, anxious: 7 } },
      { timepoint: '3m', answeredOn: '2026-04-01', values: { life: 5, anxious: 5 } },
    ]);
    assert.deepEqual(changes, [
      { item: 'life', from: 3, to: 7, change: 4, improved: true },
      { item: 'anxious', from: 7, to: 3, change: -4, improved: true },
    ]);
    assert.deepEqual(distanceTravelled([{ timepoint: 'referral', answeredOn: '2026-01-01', values: { life: 3 } }]), []);
  });
});
