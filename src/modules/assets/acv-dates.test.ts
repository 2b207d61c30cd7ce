import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import {
  acvTimeline,
  bidderRequestRefusal,
  decisionDueBy,
  lastDayOfMonths,
  listingLastDay,
  moratoriumDates,
  noticeOutcomes,
  noticeRefusal,
  type AcvFacts,
} from './acv-dates.js';
import { addDays, isIsoDate, todayInPlace } from '../../platform/dates.js';

/** Any real date from 2000 to 2099, as YYYY-MM-DD. */
const isoDate = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const days = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);

describe('the Community Right to Bid dates', () => {
  test('the periods of the Angler’s Rest worked example', () => {
    const dates = moratoriumDates('2026-03-02');
    assert.deepEqual(dates, {
      noticeOn: '2026-03-02',
      // Six weeks beginning with 2 March: 2 March to 12 April.
      interimLastDay: '2026-04-12',
      // Six months beginning with 2 March: to 1 September.
      fullLastDay: '2026-09-01',
      // Eighteen months beginning with 2 March 2026: to 1 September 2027.
      protectedLastDay: '2027-09-01',
    });
    assert.equal(listingLastDay('2024-05-15'), '2029-05-14');
    assert.equal(decisionDueBy('2026-01-05'), '2026-03-01');
  });

  test('a month period from a date the end month lacks runs to that month’s end', () => {
    assert.equal(lastDayOfMonths('2026-08-31', 6), '2027-02-28');
    assert.equal(lastDayOfMonths('2027-08-31', 6), '2028-02-29');
    assert.equal(lastDayOfMonths('2026-08-30', 6), '2027-02-28');
    assert.equal(lastDayOfMonths('2026-08-28', 6), '2027-02-27');
    // A listing made on 29 February is on the list until the end of February five years on.
    assert.equal(listingLastDay('2028-02-29'), '2033-02-28');
    assert.equal(lastDayOfMonths('2026-01-01', 12), '2026-12-31');
  });

  test('dates cross years and leap days correctly', () => {
    assert.equal(addDays('2027-12-31', 1), '2028-01-01');
    assert.equal(addDays('2028-02-28', 1), '2028-02-29');
    assert.equal(addDays('2028-03-01', -1), '2028-02-29');
    assert.ok(isIsoDate('2028-02-29'));
    assert.ok(!isIsoDate('2027-02-29'));
    assert.ok(!isIsoDate('2026-13-01'));
    assert.ok(!isIsoDate('26-1-1'));
  });

  test('a bidder request counts only inside the interim moratorium', () => {
    assert.equal(bidderRequestRefusal('2026-03-02', '2026-03-01'), 'assets.acv.bidder.beforeNotice');
    assert.equal(bidderRequestRefusal('2026-03-02', '2026-03-02'), undefined);
    assert.equal(bidderRequestRefusal('2026-03-02', '2026-04-12'), undefined);
    assert.equal(bidderRequestRefusal('2026-03-02', '2026-04-13'), 'assets.acv.bidder.afterInterim');
  });

  test('a second notice within the protected period starts no new moratorium; one after it does', () => {
    const outcomes = noticeOutcomes([
      { id: 'b', notifiedOn: '2027-01-10', bidderRequestedOn: null },
      { id: 'a', notifiedOn: '2026-03-02', bidderRequestedOn: '2026-03-20' },
      { id: 'c', notifiedOn: '2027-09-02', bidderRequestedOn: null },
    ]);
    assert.deepEqual(
      outcomes.map((o) => [o.id, o.startsMoratorium, o.moratoriumLastDay]),
      [
        ['a', true, '2026-09-01'],
        ['b', false, null],
        ['c', true, '2027-10-13'],
      ],
    );
    assert.equal(outcomes[1]!.dates.protectedLastDay, '2027-09-01');
  });

  test('the standing of a listing on each day of its life', () => {
    const facts: AcvFacts = {
      status: 'listed',
      nominatedOn: '2025-11-01',
      decidedOn: '2025-12-01',
      removedOn: null,
      notices: [{ id: 'n', notifiedOn: '2026-03-02', bidderRequestedOn: '2026-03-20' }],
    };
    const on = (today: string) => acvTimeline(facts, today).standing;
    assert.equal(on('2026-03-01'), 'listed');
    assert.equal(on('2026-03-02'), 'interim_moratorium');
    assert.equal(on('2026-03-19'), 'interim_moratorium');
    // From the day a group asks to bid, the owner cannot sell until the full moratorium ends.
    assert.equal(on('2026-03-20'), 'full_moratorium');
    assert.equal(on('2026-04-13'), 'full_moratorium');
    assert.equal(on('2026-09-01'), 'full_moratorium');
    assert.equal(on('2026-09-02'), 'protected_period');
    assert.equal(on('2027-09-01'), 'protected_period');
    assert.equal(on('2027-09-02'), 'listed');
    assert.equal(on('2030-11-30'), 'listed');
    assert.equal(on('2030-12-01'), 'expired');
    const noBidder = { ...facts, notices: [{ id: 'n', notifiedOn: '2026-03-02', bidderRequestedOn: null }] };
    assert.equal(acvTimeline(noBidder, '2026-04-13').standing, 'protected_period');
    assert.equal(acvTimeline({ ...facts, status: 'nominated', decidedOn: null }, '2026-04-13').standing, 'nominated');
    assert.equal(
      acvTimeline({ ...facts, status: 'removed', removedOn: '2026-01-01' }, '2026-04-13').standing,
      'removed',
    );
  });

  test('notices are refused unless the asset is listed on the day, and in the order given', () => {
    const facts: AcvFacts = {
      status: 'listed',
      nominatedOn: '2025-11-01',
      decidedOn: '2025-12-01',
      removedOn: null,
      notices: [{ id: 'n', notifiedOn: '2026-03-02', bidderRequestedOn: null }],
    };
    assert.equal(noticeRefusal(facts, '2025-11-30'), 'assets.acv.notice.beforeListing');
    assert.equal(noticeRefusal(facts, '2026-03-01'), 'assets.acv.notice.beforeLatest');
    assert.equal(noticeRefusal(facts, '2026-03-03'), undefined);
    assert.equal(noticeRefusal(facts, '2030-12-01'), 'assets.acv.notice.afterListing');
    assert.equal(noticeRefusal({ ...facts, status: 'nominated' }, '2026-03-03'), 'assets.acv.notice.notListed');
  });

  test('today is the date on the wall in London, not in UTC', () => {
    // 23:30 UTC on 30 June is 00:30 on 1 July in British Summer Time.
    assert.equal(todayInPlace(new Date('2026-06-30T23:30:00Z')), '2026-07-01');
    assert.equal(todayInPlace(new Date('2026-12-31T23:30:00Z')), '2026-12-31');
  });
});

describe('properties of the dates, for any notice', () => {
  test('interim ≤ full ≤ protected, each after the notice, with the lengths the Act gives', () => {
    fc.assert(
      fc.property(isoDate, (notice) => {
        const d = moratoriumDates(notice);
        assert.ok(notice < d.interimLastDay && d.interimLastDay < d.fullLastDay && d.fullLastDay < d.protectedLastDay);
        assert.equal(days(notice, d.interimLastDay), 41);
        assert.ok(days(notice, d.fullLastDay) >= 180 && days(notice, d.fullLastDay) <= 183);
        assert.ok(days(notice, d.protectedLastDay) >= 545 && days(notice, d.protectedLastDay) <= 549);
        for (const date of [d.interimLastDay, d.fullLastDay, d.protectedLastDay]) assert.ok(isIsoDate(date));
      }),
    );
  });

  test('a later notice never ends its periods earlier', () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: 1, max: 400 }), (notice, gap) => {
        const a = moratoriumDates(notice);
        const b = moratoriumDates(addDays(notice, gap));
        assert.ok(a.interimLastDay < b.interimLastDay);
        assert.ok(a.fullLastDay <= b.fullLastDay);
        assert.ok(a.protectedLastDay <= b.protectedLastDay);
      }),
    );
  });

  test('a month period covers at least the months it names and never reaches the same date again', () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: 1, max: 60 }), (start, months) => {
        const last = lastDayOfMonths(start, months);
        const next = addDays(last, 1);
        // The day after the period is the same day of the month (or the 1st after a short month).
        const [, , d] = start.split('-').map(Number) as [number, number, number];
        const nextDay = Number(next.slice(8));
        assert.ok(nextDay === d || nextDay === 1, `${start} + ${months} months ends ${last}`);
      }),
    );
  });

  test('a bidder request is accepted exactly inside the interim window', () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: -100, max: 100 }), (notice, offset) => {
        const refusal = bidderRequestRefusal(notice, addDays(notice, offset));
        if (offset < 0) assert.equal(refusal, 'assets.acv.bidder.beforeNotice');
        else if (offset <= 41) assert.equal(refusal, undefined);
        else assert.equal(refusal, 'assets.acv.bidder.afterInterim');
      }),
    );
  });

  test('moratoria never overlap: each starts after the last one’s protected period', () => {
    fc.assert(
      fc.property(
        isoDate,
        fc.array(fc.integer({ min: 0, max: 900 }), { minLength: 1, maxLength: 8 }),
        (first, gaps) => {
          let date = first;
          const notices = gaps.map((gap, i) => ({
            id: String(i),
            notifiedOn: (date = addDays(date, gap)),
            bidderRequestedOn: null,
          }));
          const started = noticeOutcomes(notices).filter((o) => o.startsMoratorium);
          assert.equal(started[0]!.notifiedOn, notices[0]!.notifiedOn);
          for (let i = 1; i < started.length; i++)
            assert.ok(started[i]!.notifiedOn > started[i - 1]!.dates.protectedLastDay);
        },
      ),
    );
  });

  test('a listed asset’s standing moves forward only: moratorium, protected, listed, expired', () => {
    const rank = { interim_moratorium: 0, full_moratorium: 1, protected_period: 2, listed: 3, expired: 4 } as Record<
      string,
      number
    >;
    fc.assert(
      fc.property(
        isoDate,
        fc.integer({ min: 0, max: 1500 }),
        fc.option(fc.integer({ min: 0, max: 41 })),
        (listed, gap, bid) => {
          const notice = addDays(listed, gap);
          const facts: AcvFacts = {
            status: 'listed',
            nominatedOn: listed,
            decidedOn: listed,
            removedOn: null,
            notices: [{ id: 'n', notifiedOn: notice, bidderRequestedOn: bid === null ? null : addDays(notice, bid) }],
          };
          let previous = -1;
          for (let offset = 0; offset < 2000; offset += 17) {
            const standing = acvTimeline(facts, addDays(notice, offset)).standing;
            assert.ok(rank[standing]! >= previous, `${standing} after rank ${previous}`);
            previous = rank[standing]!;
          }
        },
      ),
      { numRuns: 50 },
    );
  });
});
