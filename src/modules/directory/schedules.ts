/**
 * Schedules as ORUK describes them (a subset of RFC 5545 RRULE: WEEKLY or MONTHLY with
 * INTERVAL, BYDAY, BYMONTHDAY; or a single date), the next dates they fall on, and
 * iCalendar files to add an activity to a calendar. Times are wall-clock times in the
 * place (Europe/London); dates are YYYY-MM-DD.
 */

import {
  addDays,
  daysBetween,
  daysInMonth,
  placeTimeToUtc,
  weekdayOf,
  WEEKDAYS,
  type Weekday,
} from '../../platform/dates.js';
import { escapeIcsText, icsFile, icsUtc } from '../../web/icalendar.js';

export interface ScheduleRule {
  freq: 'WEEKLY' | 'MONTHLY' | null;
  interval: number;
  byday: string | null;
  bymonthday: string | null;
  dtstart: string | null;
  validFrom: string | null;
  validTo: string | null;
  opensAt: string;
  closesAt: string;
}

export interface Occurrence {
  date: string;
  opensAt: string;
  closesAt: string;
}

const BYDAY_PART = /^([+-]?[1-5])?(MO|TU|WE|TH|FR|SA|SU)$/;

export function parseByday(byday: string | null): Array<{ nth: number | null; day: Weekday }> {
  if (!byday) return [];
  const parts: Array<{ nth: number | null; day: Weekday }> = [];
  for (const raw of byday.split(',')) {
    const match = BYDAY_PART.exec(raw.trim().toUpperCase());
    if (!match) throw new Error(`Not a BYDAY value: ${raw}`);
    parts.push({ nth: match[1] ? Number(match[1]) : null, day: match[2] as Weekday });
  }
  return parts;
}

export function isValidByday(byday: string): boolean {
  try {
    return parseByday(byday).length > 0;
  } catch {
    return false;
  }
}

/** Day of week of a date, 0 = Monday. */
function weekdayIndex(date: string): number {
  return WEEKDAYS.indexOf(weekdayOf(date));
}

/** The weekdays a schedule can fall on, for the day-of-week search ("TU,TH"). */
export function weekdaysOf(rule: Pick<ScheduleRule, 'freq' | 'byday' | 'bymonthday' | 'dtstart'>): string {
  if (rule.byday) return [...new Set(parseByday(rule.byday).map((p) => p.day))].join(',');
  if (rule.freq === null && rule.dtstart) return weekdayOf(rule.dtstart);
  if (rule.freq === 'WEEKLY' && rule.dtstart) return weekdayOf(rule.dtstart);
  // A day of the month falls on any weekday.
  return rule.bymonthday ? WEEKDAYS.join(',') : '';
}

/** Whether a rule falls on a date (ignoring its validity window). */
function fallsOn(rule: ScheduleRule, date: string): boolean {
  if (rule.freq === null) return rule.dtstart === date;
  const day = weekdayOf(date);
  const parts = parseByday(rule.byday);
  if (rule.freq === 'WEEKLY') {
    const days = parts.length ? parts.map((p) => p.day) : rule.dtstart ? [weekdayOf(rule.dtstart)] : [];
    if (!days.includes(day)) return false;
    if (rule.interval > 1 && rule.dtstart) {
      const mondayOfStart = addDays(rule.dtstart, -weekdayIndex(rule.dtstart));
      const weeks = Math.floor(daysBetween(mondayOfStart, date) / 7);
      return weeks >= 0 && weeks % rule.interval === 0;
    }
    return true;
  }
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  if (rule.interval > 1 && rule.dtstart) {
    const [sy, sm] = rule.dtstart.split('-').map(Number) as [number, number];
    const months = (y - sy) * 12 + (m - sm);
    if (months < 0 || months % rule.interval !== 0) return false;
  }
  const length = daysInMonth(y, m);
  if (rule.bymonthday) {
    return rule.bymonthday.split(',').some((v) => {
      const n = Number(v);
      return n > 0 ? n === d : length + n + 1 === d;
    });
  }
  return parts.some((p) => {
    if (p.day !== day) return false;
    if (p.nth === null) return true;
    const nth = p.nth > 0 ? Math.ceil(d / 7) : -Math.ceil((length - d + 1) / 7);
    return nth === p.nth;
  });
}

/** The next `count` dates on or after `from` (today, in the place), up to a year ahead. */
export function nextOccurrences(rules: readonly ScheduleRule[], from: string, count: number): Occurrence[] {
  const found: Occurrence[] = [];
  for (let i = 0; i < 400 && found.length < count; i++) {
    const date = addDays(from, i);
    for (const rule of rules) {
      if (rule.validFrom && date < rule.validFrom) continue;
      if (rule.validTo && date > rule.validTo) continue;
      if (rule.dtstart && rule.freq !== null && date < rule.dtstart) continue;
      if (fallsOn(rule, date)) found.push({ date, opensAt: rule.opensAt, closesAt: rule.closesAt });
    }
  }
  return found.sort((a, b) => (a.date + a.opensAt).localeCompare(b.date + b.opensAt)).slice(0, count);
}

/**
 * A repeating schedule's start as its first real session on or after the date it starts from.
 * Listings start from the day they were written ("every Tuesday", written on a Monday), but
 * RFC 5545 and ORUK readers take DTSTART as the first session itself. Moving it forward keeps
 * a fortnightly or every-other-month rule in step: the first session is in one of its weeks.
 */
export function firstSession(rule: ScheduleRule): string | null {
  if (rule.freq === null || !rule.dtstart) return rule.dtstart;
  return nextOccurrences([rule], rule.dtstart, 1)[0]?.date ?? rule.dtstart;
}

// iCalendar (RFC 5545)

const LONDON_VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/London',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0000',
  'TZOFFSETTO:+0100',
  'TZNAME:BST',
  'DTSTART:19700329T010000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0000',
  'TZNAME:GMT',
  'DTSTART:19701025T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
];

const icsDate = (date: string, time: string) => `${date.replace(/-/g, '')}T${time.replace(':', '')}00`;

export interface CalendarEvent {
  uid: string;
  summary: string;
  description: string;
  location: string;
  url: string;
  rule: ScheduleRule;
  /** The first date it happens on from today (the rule's DTSTART in the file). */
  first: string;
  /** When the listing last changed: the entry's DTSTAMP, so the file reads the same until it does. */
  changedAt: string;
}

/**
 * A calendar file for an activity's schedules: one event each, repeating by its RRULE,
 * in the place's time zone (with its VTIMEZONE), so summer and winter times stay right.
 */
export function activityCalendar(events: readonly CalendarEvent[]): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Kith//Directory//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    ...LONDON_VTIMEZONE,
  ];
  for (const event of events) {
    const { rule } = event;
    lines.push(
      'BEGIN:VEVENT',
      `UID:${event.uid}`,
      `DTSTAMP:${icsUtc(event.changedAt)}`,
      `DTSTART;TZID=Europe/London:${icsDate(event.first, rule.opensAt)}`,
      // A session running past midnight (22:00 to 02:00) ends the next day, not before it starts.
      `DTEND;TZID=Europe/London:${icsDate(rule.closesAt <= rule.opensAt ? addDays(event.first, 1) : event.first, rule.closesAt)}`,
    );
    if (rule.freq) {
      const parts = [`FREQ=${rule.freq}`];
      if (rule.interval > 1) parts.push(`INTERVAL=${rule.interval}`);
      if (rule.byday) parts.push(`BYDAY=${rule.byday}`);
      if (rule.bymonthday) parts.push(`BYMONTHDAY=${rule.bymonthday}`);
      if (rule.validTo) parts.push(`UNTIL=${icsUtc(placeTimeToUtc(rule.validTo, '23:59').toISOString())}`);
      lines.push(`RRULE:${parts.join(';')}`);
    }
    lines.push(`SUMMARY:${escapeIcsText(event.summary)}`, `DESCRIPTION:${escapeIcsText(event.description)}`);
    if (event.location) lines.push(`LOCATION:${escapeIcsText(event.location)}`);
    lines.push(`URL:${event.url}`, 'END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return icsFile(lines);
}
