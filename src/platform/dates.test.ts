import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import {
  addDays,
  addMonths,
  daysBetween,
  formatDate,
  isIsoDate,
  placeParts,
  placeTimeToUtc,
  todayInPlace,
  weekdayFromName,
} from './dates.js';

describe('dates in the place (Europe/London)', () => {
  test('a wall-clock time becomes the right instant in winter and in summer', () => {
    assert.equal(placeTimeToUtc('2026-01-15', '19:00').toISOString(), '2026-01-15T19:00:00.000Z');
    assert.equal(placeTimeToUtc('2026-07-15', '19:00').toISOString(), '2026-07-15T18:00:00.000Z');
  });

  test('a time in the spring gap moves forward: 01:30 on 29 March 2026 is 02:30 BST', () => {
    const instant = placeTimeToUtc('2026-03-29', '01:30');
    assert.equal(instant.toISOString(), '2026-03-29T01:30:00.000Z');
    assert.equal(placeParts(instant).time, '02:30');
    assert.equal(placeTimeToUtc('2026-03-29', '00:30').toISOString(), '2026-03-29T00:30:00.000Z');
    assert.equal(placeTimeToUtc('2026-03-29', '03:00').toISOString(), '2026-03-29T02:00:00.000Z');
  });

  test('a time that shows twice in autumn is the first of the two', () => {
    assert.equal(placeTimeToUtc('2026-10-25', '01:30').toISOString(), '2026-10-25T00:30:00.000Z');
    assert.equal(placeTimeToUtc('2026-10-25', '02:30').toISOString(), '2026-10-25T02:30:00.000Z');
  });

  test('every time on every day of a year comes back as itself, except in the spring gap', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 730 }),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        (d, h, m) => {
          const date = addDays('2026-01-01', d);
          const time = `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
          const back = placeParts(placeTimeToUtc(date, time));
          const inGap = (date === '2026-03-29' || date === '2027-03-28') && h === 1;
          if (inGap) assert.deepEqual([back.date, back.time], [date, `02:${time.slice(3)}`]);
          else assert.deepEqual([back.date, back.time], [date, time]);
        },
      ),
    );
  });

  test('calendar arithmetic', () => {
    assert.equal(addDays('2026-12-31', 1), '2027-01-01');
    assert.equal(addMonths('2026-01-31', 1), '2026-02-28');
    assert.equal(daysBetween('2026-03-01', '2026-04-11'), 41);
    assert.equal(isIsoDate('2026-02-30'), false);
    assert.equal(isIsoDate('2026-02-28'), true);
    assert.equal(todayInPlace(new Date('2026-06-30T23:30:00Z')), '2026-07-01');
    assert.equal(formatDate('2026-12-05', 'en', { dateStyle: 'long' }), '5 December 2026');
  });
});

test('a day of the week is read from its English or Welsh name, short or whole, or iCalendar’s MO–SU', () => {
  assert.equal(weekdayFromName('Monday'), 'MO');
  assert.equal(weekdayFromName(' tues '), 'TU');
  assert.equal(weekdayFromName('Thurs.'), 'TH');
  assert.equal(weekdayFromName('dydd Sadwrn'), 'SA');
  assert.equal(weekdayFromName('Sul'), 'SU');
  assert.equal(weekdayFromName('we'), 'WE');
  for (const notADay of ['', 'Moonday', 'toString', '__proto__', '1', 'weekend']) {
    assert.equal(weekdayFromName(notADay), undefined, notADay);
  }
});
