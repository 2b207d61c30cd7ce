import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { activityCalendar, firstSession, nextOccurrences, type ScheduleRule } from './schedules.js';
import { escapeIcsText } from '../../web/icalendar.js';
import { normalisePostcode, haversineMetres } from '../../platform/postcodes.js';
import { nextState } from './inputs.js';

const rule = (r: Partial<ScheduleRule>): ScheduleRule => ({
  freq: 'WEEKLY',
  interval: 1,
  byday: 'TU',
  bymonthday: null,
  dtstart: '2026-01-06',
  validFrom: null,
  validTo: null,
  opensAt: '10:00',
  closesAt: '12:00',
  ...r,
});

describe('schedules', () => {
  test('weekly, fortnightly, monthly by weekday and one-off dates fall on the right days', () => {
    assert.deepEqual(
      nextOccurrences([rule({})], '2026-11-23', 3).map((o) => o.date),
      ['2026-11-24', '2026-12-01', '2026-12-08'],
    );
    assert.deepEqual(
      nextOccurrences([rule({ interval: 2, dtstart: '2026-11-24' })], '2026-11-23', 3).map((o) => o.date),
      ['2026-11-24', '2026-12-08', '2026-12-22'],
    );
    assert.deepEqual(
      nextOccurrences([rule({ freq: 'MONTHLY', byday: '1MO' })], '2026-11-23', 2).map((o) => o.date),
      ['2026-12-07', '2027-01-04'],
    );
    assert.deepEqual(
      nextOccurrences([rule({ freq: 'MONTHLY', byday: '-1FR' })], '2026-11-23', 2).map((o) => o.date),
      ['2026-11-27', '2026-12-25'],
    );
    assert.deepEqual(
      nextOccurrences([rule({ freq: null, byday: null, dtstart: '2027-03-14' })], '2026-11-23', 5).map((o) => o.date),
      ['2027-03-14'],
    );
    assert.deepEqual(
      nextOccurrences([rule({ validTo: '2026-12-01' })], '2026-11-23', 5).map((o) => o.date),
      ['2026-11-24', '2026-12-01'],
    );
  });

  test('a repeating schedule starts on its first real session, not the day it was written', () => {
    // "Every Tuesday", written on Monday 23 November: the first session is Tuesday the 24th.
    assert.equal(firstSession(rule({ dtstart: '2026-11-23' })), '2026-11-24');
    assert.equal(firstSession(rule({ freq: 'MONTHLY', byday: '1MO', dtstart: '2026-11-23' })), '2026-12-07');
    assert.equal(firstSession(rule({ freq: null, byday: null, dtstart: '2027-03-14' })), '2027-03-14');
  });

  test('moving the start to the first session never moves a session (fortnightly and monthly keep their weeks)', () => {
    const day = fc
      .integer({ min: 0, max: 400 })
      .map((n) => new Date(Date.UTC(2026, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
    fc.assert(
      fc.property(
        fc.constantFrom('WEEKLY', 'MONTHLY') as fc.Arbitrary<'WEEKLY' | 'MONTHLY'>,
        fc.integer({ min: 1, max: 3 }),
        fc.constantFrom('TU', 'MO,TH', 'SA', '2WE', '-1FR'),
        day,
        (freq, interval, byday, dtstart) => {
          const weekly = freq === 'WEEKLY';
          const original = rule({ freq, interval, byday: weekly ? byday.replace(/^-?\d/, '') : byday, dtstart });
          const moved = { ...original, dtstart: firstSession(original) };
          const sessions = (r: ScheduleRule) => nextOccurrences([r], dtstart, 12).map((o) => o.date);
          assert.deepEqual(sessions(moved), sessions(original));
          assert.equal(sessions(original)[0], moved.dtstart, 'the start is itself a session');
        },
      ),
      { numRuns: 300 },
    );
  });

  test('iCalendar: CRLF lines, escaped text, folded at 75 octets, the London time zone', () => {
    assert.equal(escapeIcsText('Tea; cake, and\nchat \\ more'), 'Tea\\; cake\\, and\\nchat \\\\ more');
    const ics = activityCalendar([
      {
        uid: 'x@kith',
        summary: 'Tea, chat; cake',
        description: 'A'.repeat(200),
        location: 'Hall',
        url: 'https://kith.example/a',
        rule: rule({}),
        first: '2026-11-24',
        changedAt: '2026-11-20T09:30:00.000Z',
      },
    ]);
    assert.ok(ics.endsWith('\r\n'));
    assert.ok(!/[^\r]\n/.test(ics));
    assert.match(ics, /BEGIN:VTIMEZONE\r\nTZID:Europe\/London/);
    assert.match(ics, /SUMMARY:Tea\\, chat\\; cake/);
    // Stamped with the listing's last change, not the request's time, so the file and its ETag hold still.
    assert.match(ics, /DTSTAMP:20261120T093000Z\r\n/, 'DTSTAMP is when the listing last changed');
    assert.ok(ics.split('\r\n').every((l) => Buffer.byteLength(l) <= 75));
    assert.match(ics, /DTSTART;TZID=Europe\/London:20261124T100000\r\nDTEND;TZID=Europe\/London:20261124T120000/);
  });

  test('a session running past midnight ends the next day in the calendar file, after it starts', () => {
    const event = {
      uid: 'late@kith',
      summary: 'Night shelter',
      description: '',
      location: '',
      url: 'https://k/a',
      changedAt: '2026-11-20T09:30:00.000Z',
    };
    const ics = activityCalendar([
      { ...event, rule: rule({ opensAt: '22:00', closesAt: '02:00', byday: 'SA' }), first: '2026-12-31' },
    ]);
    assert.match(ics, /DTSTART;TZID=Europe\/London:20261231T220000\r\nDTEND;TZID=Europe\/London:20270101T020000/);
  });
});

describe('postcodes and distance', () => {
  test('normalises what people type, and refuses what cannot be a postcode', () => {
    assert.equal(normalisePostcode('sw1a1aa'), 'SW1A 1AA');
    assert.equal(normalisePostcode(' m1 1ae '), 'M1 1AE');
    assert.equal(normalisePostcode('B338TH'), 'B33 8TH');
    assert.equal(normalisePostcode('hello'), undefined);
    assert.equal(normalisePostcode('SW1A 1A'), undefined);
  });
  test('haversine distance is about right', () => {
    const d = haversineMetres({ latitude: 51.5007, longitude: -0.1246 }, { latitude: 51.5033, longitude: -0.1196 });
    assert.ok(d > 400 && d < 500, String(d));
  });
});

describe('moderation rules', () => {
  test('organisers submit, moderators publish or ask for changes, and organisers’ edits to published listings are checked again', () => {
    assert.deepEqual(nextState('draft', 'submit', false), { state: 'submitted' });
    assert.deepEqual(nextState('submitted', 'publish', false), { refusal: 'directory.moderation.moderatorsOnly' });
    assert.deepEqual(nextState('submitted', 'publish', true), { state: 'published' });
    assert.deepEqual(nextState('submitted', 'requestChanges', true), { state: 'changes_requested' });
    assert.deepEqual(nextState('changes_requested', 'submit', false), { state: 'submitted' });
    assert.deepEqual(nextState('published', 'edit', false), { state: 'submitted' });
    assert.deepEqual(nextState('published', 'edit', true), { state: 'published' });
    assert.deepEqual(nextState('draft', 'confirm', false), { refusal: 'directory.moderation.notPublished' });
  });
});
