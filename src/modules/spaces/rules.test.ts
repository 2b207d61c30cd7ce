import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import {
  clashes,
  hoursOf,
  instantOf,
  misfitOf,
  mondayOf,
  penceOf,
  pounds,
  quotePence,
  spanOf,
  type Rates,
} from './rules.js';

const rates: Rates = {
  community: { hour: 1200, halfDay: 4000, day: 7000 },
  resident: { hour: 1800, halfDay: null, day: null },
  commercial: { hour: null, halfDay: null, day: null },
};

describe('the price of a booking', () => {
  test('is the cheapest of the rates offered at the tier, in whole pence', () => {
    assert.equal(quotePence(rates, 'community', 60), 1200);
    assert.equal(quotePence(rates, 'community', 90), 1800, 'an hour and a half at the hourly rate');
    assert.equal(quotePence(rates, 'community', 240), 4000, 'four hours: a half day is cheaper than 4 × £12');
    assert.equal(quotePence(rates, 'community', 300), 6000, 'five hours: 5 × £12 beats a day (£70)');
    assert.equal(quotePence(rates, 'community', 360), 7000, 'six hours: a day (£70) beats 6 × £12 and two half days');
    assert.equal(quotePence(rates, 'resident', 120), 3600);
    assert.equal(quotePence(rates, 'commercial', 60), null, 'not offered at that tier');
  });

  test('is whole pence, never more than the hourly charge, and never less for a longer booking', () => {
    const rate = fc.option(fc.integer({ min: 0, max: 100_000 }), { nil: null });
    fc.assert(
      fc.property(
        rate,
        rate,
        rate,
        fc.integer({ min: 1, max: 48 }),
        fc.integer({ min: 1, max: 48 }),
        (hour, halfDay, day, a, b) => {
          const r: Rates = {
            community: { hour, halfDay, day },
            resident: rates.resident,
            commercial: rates.commercial,
          };
          const [short, long] = [Math.min(a, b) * 30, Math.max(a, b) * 30];
          const qs = quotePence(r, 'community', short);
          const ql = quotePence(r, 'community', long);
          if (qs === null || ql === null) return;
          assert.ok(Number.isInteger(qs) && qs >= 0);
          if (hour !== null) assert.ok(qs <= Math.round((hour * Math.ceil(short / 30)) / 2));
          if (long <= 240 || (halfDay === null && day !== null && hour === null)) assert.ok(ql >= qs);
        },
      ),
    );
  });

  test('money is read as pounds and pence and written back the same way', () => {
    assert.equal(penceOf('12.50'), 1250);
    assert.equal(penceOf('£12'), 1200);
    assert.equal(penceOf('12.5'), 1250);
    assert.equal(penceOf('12.505'), undefined);
    assert.equal(penceOf('-3'), undefined);
    assert.equal(pounds(1250), '£12.50');
    assert.equal(pounds(120000), '£1,200');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999_999 }), (p) =>
        assert.equal(penceOf(pounds(p).replace(/,/g, '')), p),
      ),
    );
  });
});

describe('times on the place’s clock', () => {
  test('a 19:00 booking stays at 19:00 in London across the clock change in March', () => {
    const before = spanOf('2027-03-23', '19:00', '21:00');
    const after = spanOf('2027-03-30', '19:00', '21:00');
    assert.equal(instantOf(before.start), '2027-03-23T19:00:00.000Z', 'GMT');
    assert.equal(instantOf(after.start), '2027-03-30T18:00:00.000Z', 'BST is an hour ahead of UTC');
    assert.equal(after.start - before.start, 7 * 24 * 60 - 60, 'the week between them is an hour short');
  });

  test('and across the change back in October', () => {
    assert.equal(instantOf(spanOf('2027-10-26', '19:00', '21:00').start), '2027-10-26T18:00:00.000Z', 'BST');
    assert.equal(instantOf(spanOf('2027-11-02', '19:00', '21:00').start), '2027-11-02T19:00:00.000Z', 'GMT');
  });

  test('a week starts on Monday; the table shows each hour open', () => {
    assert.equal(mondayOf('2026-12-06'), '2026-11-30');
    assert.equal(mondayOf('2026-11-30'), '2026-11-30');
    assert.deepEqual(hoursOf('09:00', '12:00'), ['09:00', '10:00', '11:00']);
    assert.deepEqual(hoursOf('18:30', '20:15'), ['18:00', '19:00', '20:00']);
  });
});

describe('whether a request fits', () => {
  const terms = {
    capacity: 30,
    openDays: ['TU' as const, 'WE' as const],
    opensAt: '09:00',
    closesAt: '22:00',
    minNoticeHours: 48,
    maxAheadDays: 90,
  };
  const now = new Date('2027-01-04T12:00:00Z'); // a Monday
  const ask = (over: Partial<{ date: string; from: string; to: string; attendees: number }>) =>
    misfitOf(terms, { date: '2027-01-12', from: '19:00', to: '21:00', attendees: 20, ...over }, now)?.key ?? null;

  test('inside the hours, on an open day, with notice and room enough', () => {
    assert.equal(ask({}), null);
    assert.equal(ask({ to: '18:00' }), 'spaces.book.error.endBeforeStart');
    assert.equal(ask({ attendees: 31 }), 'spaces.book.error.tooMany');
    assert.equal(ask({ date: '2027-01-14' }), 'spaces.book.error.closedDay');
    assert.equal(ask({ to: '22:30' }), 'spaces.book.error.outsideHours');
    assert.equal(ask({ date: '2027-01-05' }), 'spaces.book.error.notice');
    assert.equal(ask({ date: '2027-05-04' }), 'spaces.book.error.tooFar');
  });

  test('two bookings clash when either starts before the other’s gap is over', () => {
    assert.ok(clashes({ start: 0, blockEnd: 150 }, { start: 140, blockEnd: 200 }));
    assert.ok(!clashes({ start: 0, blockEnd: 150 }, { start: 150, blockEnd: 200 }));
  });
});
