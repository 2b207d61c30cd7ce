/**
 * Dates and times for all of Kith, as plain functions. A place's dates are YYYY-MM-DD on
 * the clock on its wall (Europe/London); instants are stored as UTC ISO strings and made
 * from, or shown as, that wall clock. Nothing here reads the clock unless given `now`.
 */

export const PLACE_TIME_ZONE = 'Europe/London';

/** A calendar date, YYYY-MM-DD. */
export type IsoDate = string;

export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/**
 * The names people and other systems give the days of the week, in English and Welsh,
 * whole or short, with "dydd" before a Welsh name or not, and iCalendar's MO–SU.
 */
const WEEKDAY_NAMES: Record<string, Weekday> = {};
for (const [day, ...names] of [
  ['MO', 'mon', 'monday', 'llun'],
  ['TU', 'tue', 'tues', 'tuesday', 'mawrth'],
  ['WE', 'wed', 'wednesday', 'mercher'],
  ['TH', 'thu', 'thur', 'thurs', 'thursday', 'iau'],
  ['FR', 'fri', 'friday', 'gwener'],
  ['SA', 'sat', 'saturday', 'sadwrn'],
  ['SU', 'sun', 'sunday', 'sul'],
] as Array<[Weekday, ...string[]]>) {
  for (const name of [day.toLowerCase(), ...names]) WEEKDAY_NAMES[name] = day;
}

/** "Monday", "tue", "dydd Sadwrn", "SU" → MO–SU; undefined for anything that is not a day. */
export function weekdayFromName(name: string): Weekday | undefined {
  const key = name
    .trim()
    .toLowerCase()
    .replace(/^dydd\s+/, '')
    .replace(/\.$/, '');
  return Object.hasOwn(WEEKDAY_NAMES, key) ? WEEKDAY_NAMES[key] : undefined;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

function dateParts(date: IsoDate): [number, number, number] {
  const m = ISO_DATE.exec(date);
  if (!m) throw new RangeError(`Not a YYYY-MM-DD date: ${date}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

function formatYmd(y: number, m: number, d: number): IsoDate {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** A real calendar date written YYYY-MM-DD, between 1900 and 9999 (not 2026-02-30). */
export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string') return false;
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return y >= 1900 && y <= 9999 && mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

/** A wall-clock time written HH:MM, 00:00 to 23:59. */
export function isClockTime(value: unknown): value is string {
  return typeof value === 'string' && TIME.test(value);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const [y, m, d] = dateParts(date);
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return formatYmd(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** The same day N months on, or the month's last day when it has no such day (31 Jan + 1 month = 28 Feb). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const [y, m, d] = dateParts(date);
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const year = target.getUTCFullYear();
  const month = target.getUTCMonth() + 1;
  return formatYmd(year, month, Math.min(d, daysInMonth(year, month)));
}

/** Whole days from one date to another (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  const [fy, fm, fd] = dateParts(from);
  const [ty, tm, td] = dateParts(to);
  return Math.round((Date.UTC(ty, tm - 1, td) - Date.UTC(fy, fm - 1, fd)) / 86_400_000);
}

/** Whole years between a birth date and a day. */
export function ageOn(birthDate: IsoDate, on: IsoDate): number {
  const [by, bm, bd] = dateParts(birthDate);
  const [y, m, d] = dateParts(on);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

export function weekdayOf(date: IsoDate): Weekday {
  const [y, m, d] = dateParts(date);
  return WEEKDAYS[(new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7]!;
}

const wallClocks = new Map<string, Intl.DateTimeFormat>();

/** The wall clock in a time zone at an instant, as numbers. */
function wallClock(instant: number, timeZone: string) {
  let format = wallClocks.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    wallClocks.set(timeZone, format);
  }
  const parts: Record<string, number> = {};
  for (const p of format.formatToParts(new Date(instant))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return parts as { year: number; month: number; day: number; hour: number; minute: number; second: number };
}

/** How far the zone's clock is ahead of UTC at an instant, in milliseconds. */
function offsetAt(instant: number, timeZone: string): number {
  const w = wallClock(instant, timeZone);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(instant / 1000) * 1000;
}

/**
 * The last twelve months up to a day (365 days before it to the day itself): the period
 * every report and the place's figures show when none is asked for, so they agree.
 */
export function lastTwelveMonths(today: IsoDate): { from: IsoDate; to: IsoDate } {
  return { from: addDays(today, -365), to: today };
}

/** Today's date in the place. */
export function todayInPlace(now: Date = new Date(), timeZone = PLACE_TIME_ZONE): IsoDate {
  const w = wallClock(now.getTime(), timeZone);
  return formatYmd(w.year, w.month, w.day);
}

/**
 * The instant a wall-clock time happens in the place. Twice a year the clock jumps: a time
 * in the spring gap (01:30 on the last Sunday of March in London) never shows on the
 * clock, and is taken to mean the same moment as it would have been, an hour later by
 * the new clock (02:30 BST); a time that shows twice in autumn is the first of the two.
 */
export function placeTimeToUtc(date: IsoDate, time: string, timeZone = PLACE_TIME_ZONE): Date {
  const [y, m, d] = dateParts(date);
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  const asUtc = Date.UTC(y, m - 1, d, hh, mm);
  // The offset before the day's change (taken 12 hours earlier) is the one that applies
  // to a time in the spring gap or the first of autumn's repeated hour.
  const before = offsetAt(asUtc - 12 * 3600_000, timeZone);
  const after = offsetAt(asUtc + 12 * 3600_000, timeZone);
  const candidate = asUtc - before;
  if (before === after) return new Date(candidate);
  // On the day of a change: the earlier offset holds until the instant of the change.
  const withAfter = asUtc - after;
  if (offsetAt(candidate, timeZone) === before) return new Date(candidate);
  return new Date(offsetAt(withAfter, timeZone) === after ? withAfter : candidate);
}

/** The date, wall-clock time and weekday in the place of a stored UTC instant. */
export function placeParts(
  iso: string | Date,
  timeZone = PLACE_TIME_ZONE,
): { date: IsoDate; time: string; weekday: Weekday } {
  const instant = typeof iso === 'string' ? Date.parse(iso) : iso.getTime();
  const w = wallClock(instant, timeZone);
  const date = formatYmd(w.year, w.month, w.day);
  return {
    date,
    time: `${String(w.hour).padStart(2, '0')}:${String(w.minute).padStart(2, '0')}`,
    weekday: weekdayOf(date),
  };
}

/** The start of a day in the place, as a UTC instant (the first moment that date shows on the clock). */
export function startOfPlaceDay(date: IsoDate, timeZone = PLACE_TIME_ZONE): Date {
  return placeTimeToUtc(date, '00:00', timeZone);
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** An instant or a date written for a reader in English or Welsh, on the place's clock. */
export function formatDate(iso: string, lang: string, options: Intl.DateTimeFormatOptions): string {
  const locale = lang === 'cy' ? 'cy-GB' : 'en-GB';
  const id = `${locale}|${JSON.stringify(options)}`;
  let formatter = formatters.get(id);
  if (!formatter)
    formatters.set(id, (formatter = new Intl.DateTimeFormat(locale, { ...options, timeZone: PLACE_TIME_ZONE })));
  // A bare date is that day in the place: noon UTC is the same date in London all year.
  const date = new Date(isIsoDate(iso) ? `${iso}T12:00:00Z` : iso);
  return Number.isNaN(date.getTime()) ? '' : formatter.format(date);
}

/** "5 December 2026" (or "5 Rhagfyr 2026"): how Kith writes a date everywhere. */
export function longDate(iso: string, lang: string): string {
  return formatDate(iso, lang, { dateStyle: 'long' });
}

/** "Nov 2026" (or "Tach 2026") for a month, YYYY-MM: a table's column or a chart's axis. */
export function shortMonth(month: string, lang: string): string {
  return formatDate(`${month}-15`, lang, { month: 'short', year: 'numeric' });
}

/** "5 Dec 2026, 19:00": how Kith writes an instant everywhere. */
export function dateAndTime(iso: string, lang: string): string {
  return formatDate(iso, lang, { dateStyle: 'medium', timeStyle: 'short' });
}

/** A calendar quarter, "2026-Q4": monitoring returns are asked for one at a time. */
export type Quarter = string;

const QUARTER = /^(\d{4})-Q([1-4])$/;

export function isQuarter(value: unknown): value is Quarter {
  return typeof value === 'string' && QUARTER.test(value);
}

/** The quarter a day falls in: 2026-11-05 is in 2026-Q4. */
export function quarterOf(date: IsoDate): Quarter {
  const [y, m] = dateParts(date);
  return `${y}-Q${Math.floor((m - 1) / 3) + 1}`;
}

/** A quarter's first and last day (both included): 2026-Q4 is 2026-10-01 to 2026-12-31. */
export function quarterDays(quarter: Quarter): { from: IsoDate; to: IsoDate } {
  const [, y, q] = QUARTER.exec(quarter)!;
  const first = (Number(q) - 1) * 3 + 1;
  const from = formatYmd(Number(y), first, 1);
  return { from, to: addDays(addMonths(from, 3), -1) };
}

/** The quarter before (or, with a positive step, after) this one. */
export function shiftQuarter(quarter: Quarter, by: number): Quarter {
  return quarterOf(addMonths(quarterDays(quarter).from, 3 * by));
}

// After "i" (to) a Welsh month softens: i Fawrth, i Fehefin, i Fedi, i Ragfyr.
const WELSH_SOFT: Record<string, string> = { Mawrth: 'Fawrth', Mehefin: 'Fehefin', Medi: 'Fedi', Rhagfyr: 'Ragfyr' };

/** "October to December 2026" (or "Hydref i Ragfyr 2026"): how Kith names a quarter. */
export function quarterLabel(quarter: Quarter, lang: string): string {
  const { from, to } = quarterDays(quarter);
  const first = formatDate(from, lang, { month: 'long' });
  const last = formatDate(to, lang, { month: 'long' });
  const year = to.slice(0, 4);
  return lang === 'cy' ? `${first} i ${WELSH_SOFT[last] ?? last} ${year}` : `${first} to ${last} ${year}`;
}
