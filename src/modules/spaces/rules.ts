/**
 * The rules of community spaces as plain functions: what a booking costs at a tier,
 * whether a time fits the space's hours and notice, and whether two bookings clash.
 * No SQL, no HTTP; times are UTC instants made from the place's clock (dates.ts).
 */
import {
  addDays,
  addMonths,
  placeParts,
  placeTimeToUtc,
  WEEKDAYS,
  weekdayOf,
  type IsoDate,
  type Weekday,
} from '../../platform/dates.js';
import type { Tier } from './schema.js';

export const TIERS = ['community', 'resident', 'commercial'] as const satisfies readonly Tier[];
export const UNITS = ['hour', 'halfDay', 'day'] as const;
export type Unit = (typeof UNITS)[number];
export const LAYOUTS = ['theatre', 'cabaret', 'boardroom', 'classroom', 'open'] as const;
export const ACCESSIBILITY = ['stepFree', 'hearingLoop', 'accessibleToilet', 'changingPlaces'] as const;
export const FACILITIES = ['kitchen', 'projector', 'wifi', 'parking', 'babyChange', 'outdoorSpace'] as const;

/** Whole pence per unit, by tier; null when the space does not offer that rate. */
export type Rates = Record<Tier, Record<Unit, number | null>>;

/** A half day is up to four hours; a day is any booking within one opening day. */
export const HALF_DAY_MINUTES = 240;

/**
 * The price of a booking of `minutes` at a tier: the cheapest of the rates offered
 * (per hour, charged by the half hour; one or two half days; a day). Null when no rate
 * at that tier covers it (the space is not offered at that tier).
 */
export function quotePence(rates: Rates, tier: Tier, minutes: number): number | null {
  const r = rates[tier];
  const options: number[] = [];
  if (r.hour !== null) options.push(Math.round((r.hour * Math.ceil(minutes / 30)) / 2));
  if (r.halfDay !== null) {
    if (minutes <= HALF_DAY_MINUTES) options.push(r.halfDay);
    else if (minutes <= 2 * HALF_DAY_MINUTES) options.push(2 * r.halfDay);
  }
  if (r.day !== null) options.push(r.day);
  return options.length ? Math.min(...options) : null;
}

/** "12.50" or "£12" as whole pence; undefined when it is not an amount of money. */
export function penceOf(text: string): number | undefined {
  const m = /^£?\s*(\d{1,6})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!m) return undefined;
  return Number(m[1]) * 100 + (m[2] ? Number(m[2].padEnd(2, '0')) : 0);
}

/** Pence written as pounds for a page: 1250 → "£12.50", 1200 → "£12". */
export function pounds(pence: number): string {
  const whole = Math.floor(pence / 100);
  const rest = pence % 100;
  return `£${whole.toLocaleString('en-GB')}${rest ? `.${String(rest).padStart(2, '0')}` : ''}`;
}

export const minuteOf = (instant: Date | string): number =>
  Math.floor((typeof instant === 'string' ? Date.parse(instant) : instant.getTime()) / 60_000);
export const instantOf = (minute: number): string => new Date(minute * 60_000).toISOString();

/** A time on the place's clock as a span of UTC minutes. */
export function spanOf(date: IsoDate, from: string, to: string): { start: number; end: number } {
  return { start: minuteOf(placeTimeToUtc(date, from)), end: minuteOf(placeTimeToUtc(date, to)) };
}

/** Two bookings clash when one begins before the other's block (its end plus the gap) ends. */
export function clashes(a: { start: number; blockEnd: number }, b: { start: number; blockEnd: number }): boolean {
  return a.start < b.blockEnd && b.start < a.blockEnd;
}

export interface SpaceTerms {
  capacity: number;
  openDays: Weekday[];
  opensAt: string;
  closesAt: string;
  minNoticeHours: number;
  maxAheadDays: number;
  /** Meanwhile use: bookable only within the licence period. */
  licenceFrom?: string | null;
  licenceUntil?: string | null;
}

/** Why a requested time does not fit the space: the catalogue key and the field to show it beside. */
export type Misfit = { key: string; field: string; params?: Record<string, string> };

/** Whether a request fits the space's hours, notice, horizon and size. */
export function misfitOf(
  terms: SpaceTerms,
  request: { date: IsoDate; from: string; to: string; attendees: number },
  now: Date,
): Misfit | null {
  if (request.to <= request.from) return { key: 'spaces.book.error.endBeforeStart', field: 'to' };
  if (request.attendees > terms.capacity)
    return { key: 'spaces.book.error.tooMany', field: 'attendees', params: { capacity: String(terms.capacity) } };
  const { start } = spanOf(request.date, request.from, request.to);
  const weekday = placeParts(instantOf(start)).weekday;
  if (!terms.openDays.includes(weekday)) return { key: 'spaces.book.error.closedDay', field: 'date' };
  if (request.from < terms.opensAt || request.to > terms.closesAt)
    return {
      key: 'spaces.book.error.outsideHours',
      field: 'from',
      params: { opens: terms.opensAt, closes: terms.closesAt },
    };
  if (
    (terms.licenceFrom && request.date < terms.licenceFrom) ||
    (terms.licenceUntil && request.date > terms.licenceUntil)
  )
    return {
      key: 'spaces.book.error.outsideLicence',
      field: 'date',
      params: { from: terms.licenceFrom ?? '', until: terms.licenceUntil ?? '' },
    };
  const nowMinute = minuteOf(now);
  if (start < nowMinute + terms.minNoticeHours * 60)
    return { key: 'spaces.book.error.notice', field: 'date', params: { hours: String(terms.minNoticeHours) } };
  if (start > nowMinute + terms.maxAheadDays * 24 * 60)
    return { key: 'spaces.book.error.tooFar', field: 'date', params: { days: String(terms.maxAheadDays) } };
  return null;
}

/** The weekdays codes of a comma list, in week order. */
export function weekdaysOf(list: string): Weekday[] {
  const set = new Set(list.split(',').filter(Boolean));
  return WEEKDAYS.filter((d) => set.has(d));
}

/** The Monday of the week a date falls in. */
export function mondayOf(date: IsoDate): IsoDate {
  const index = WEEKDAYS.indexOf(placeParts(placeTimeToUtc(date, '12:00')).weekday);
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - index);
  return d.toISOString().slice(0, 10);
}

/** The hours of a week's availability table: each whole hour the space is open. */
export function hoursOf(opensAt: string, closesAt: string): string[] {
  const hours: string[] = [];
  const first = Number(opensAt.slice(0, 2));
  const last = Number(closesAt.slice(0, 2)) - (closesAt.endsWith(':00') ? 1 : 0);
  for (let h = first; h <= last; h++) hours.push(`${String(h).padStart(2, '0')}:00`);
  return hours;
}

export const REPEATS = ['none', 'weekly', 'fortnightly', 'monthly'] as const;
export type Repeat = (typeof REPEATS)[number];
/** The most dates one request may ask for (a year of weeks). */
export const MAX_OCCURRENCES = 52;

/**
 * The dates of a repeating booking: every week, fortnight or month from the first date,
 * `count` times or until a date (whichever comes first). A monthly booking on the 31st
 * falls on the last day of shorter months. Times stay on the place's clock, so a 19:00
 * booking is at 19:00 on each date, either side of a clock change.
 */
export function seriesDates(first: IsoDate, repeat: Repeat, count: number, until?: IsoDate): IsoDate[] {
  if (repeat === 'none') return [first];
  const dates: IsoDate[] = [];
  for (let i = 0; i < Math.min(count, MAX_OCCURRENCES); i++) {
    const date = repeat === 'monthly' ? addMonths(first, i) : addDays(first, i * (repeat === 'fortnightly' ? 14 : 7));
    if (until && date > until) break;
    dates.push(date);
  }
  return dates;
}

const clockMinutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** Minutes a space is open over the days from one date to another (both included), on its open days. */
export function openMinutesBetween(
  terms: { openDays: readonly Weekday[]; opensAt: string; closesAt: string },
  from: IsoDate,
  to: IsoDate,
): number {
  const daily = Math.max(0, clockMinutes(terms.closesAt) - clockMinutes(terms.opensAt));
  let minutes = 0;
  for (let date = from; date <= to; date = addDays(date, 1))
    if (terms.openDays.includes(weekdayOf(date))) minutes += daily;
  return minutes;
}

/** The months (YYYY-MM) a period touches, each with the part of the period inside it. */
export function monthsOf(from: IsoDate, to: IsoDate): Array<{ month: string; from: IsoDate; to: IsoDate }> {
  const months: Array<{ month: string; from: IsoDate; to: IsoDate }> = [];
  let start = from;
  while (start <= to) {
    const month = start.slice(0, 7);
    const last = addDays(addMonths(`${month}-01` as IsoDate, 1), -1);
    const end = last < to ? last : to;
    months.push({ month, from: start, to: end });
    start = addDays(end, 1);
  }
  return months;
}

/**
 * What a booking costs its booker now: the hire and deposit while it is held or confirmed;
 * the hire alone when they cancelled it late (the space's notice), the deposit returned;
 * nothing once it is refused, lapsed, or cancelled in time.
 */
export function chargeOf(b: { status: string; pricePence: number; depositPence: number; lateCancel: boolean }): number {
  if (b.status === 'provisional' || b.status === 'confirmed') return b.pricePence + b.depositPence;
  return b.status === 'cancelled' && b.lateCancel ? b.pricePence : 0;
}

/** Whether a booker's cancellation now comes later than the space's notice for cancelling. */
export function cancelsLate(startMinute: number, now: Date, cancelNoticeHours: number): boolean {
  return cancelNoticeHours > 0 && startMinute - minuteOf(now) < cancelNoticeHours * 60;
}
