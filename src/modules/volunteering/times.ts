/**
 * Dates and times as volunteering uses them, as plain functions: dates are YYYY-MM-DD
 * in the place (Europe/London), shift times are stored in UTC and made from the clock
 * on the wall. Nothing here reads the clock unless given `now`.
 */

export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export const TIMES_OF_DAY = ['morning', 'afternoon', 'evening'] as const;
export type TimeOfDay = (typeof TIMES_OF_DAY)[number];

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1900 || y > 9999 || mo < 1 || mo > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

export function todayInLondon(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, last));
  return target.toISOString().slice(0, 10);
}

/** Whole years between a birth date and a day. */
export function ageOn(birthDate: string, on: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** The UTC instant of a wall-clock time in London (BST or GMT, whichever applies that day). */
export function londonToUtc(date: string, time: string): Date {
  const guess = Date.parse(`${date}T${time}:00Z`);
  const shown = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  })
    .formatToParts(new Date(guess))
    .reduce<Record<string, string>>((acc, p) => ({ ...acc, [p.type]: p.value }), {});
  const asShown = Date.parse(`${shown.year}-${shown.month}-${shown.day}T${shown.hour}:${shown.minute}:00Z`);
  return new Date(guess - (asShown - guess));
}

/** The date and wall-clock time in London of a stored UTC instant. */
export function londonParts(iso: string): { date: string; time: string; weekday: Weekday } {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    weekday: 'short',
  })
    .formatToParts(new Date(iso))
    .reduce<Record<string, string>>((acc, p) => ({ ...acc, [p.type]: p.value }), {});
  const weekday = (
    { Mon: 'MO', Tue: 'TU', Wed: 'WE', Thu: 'TH', Fri: 'FR', Sat: 'SA', Sun: 'SU' } as Record<string, Weekday>
  )[parts.weekday!]!;
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}`, weekday };
}

export function weekdayOf(date: string): Weekday {
  return WEEKDAYS[(new Date(`${date}T12:00:00Z`).getUTCDay() + 6) % 7]!;
}

export const dayBit = (day: Weekday) => 1 << WEEKDAYS.indexOf(day);
export const timeBit = (time: TimeOfDay) => 1 << TIMES_OF_DAY.indexOf(time);

export function daysMask(days: readonly Weekday[]): number {
  return days.reduce((mask, d) => mask | dayBit(d), 0);
}

export function timesMask(times: readonly TimeOfDay[]): number {
  return times.reduce((mask, t) => mask | timeBit(t), 0);
}

export function daysOf(mask: number): Weekday[] {
  return WEEKDAYS.filter((d) => mask & dayBit(d));
}

export function timesOf(mask: number): TimeOfDay[] {
  return TIMES_OF_DAY.filter((t) => mask & timeBit(t));
}

/** The parts of the day a stretch of wall-clock time touches: morning before 12, afternoon to 17, evening after. */
export function partsOfDay(starts: string, ends: string): number {
  let mask = 0;
  if (starts < '12:00') mask |= timeBit('morning');
  if (starts < '17:00' && ends > '12:00') mask |= timeBit('afternoon');
  if (ends > '17:00' || starts >= '17:00') mask |= timeBit('evening');
  return mask;
}

export interface ShiftPlan {
  date: string;
  starts: string;
  ends: string;
  repeat: 'none' | 'weekly' | 'fortnightly';
  occurrences: number;
}

/** The shifts a one-off or repeating plan makes, as UTC instants. */
export function shiftTimes(plan: ShiftPlan): Array<{ startsAt: string; endsAt: string }> {
  const count = plan.repeat === 'none' ? 1 : plan.occurrences;
  const step = plan.repeat === 'fortnightly' ? 14 : 7;
  return Array.from({ length: count }, (_, i) => {
    const date = addDays(plan.date, i * step);
    return {
      startsAt: londonToUtc(date, plan.starts).toISOString(),
      endsAt: londonToUtc(date, plan.ends).toISOString(),
    };
  });
}

/** "3 hours", "1 hour 30 minutes": minutes as people say them, with the catalogue's words. */
export function durationParts(minutes: number): { hours: number; minutes: number } {
  return { hours: Math.floor(minutes / 60), minutes: minutes % 60 };
}
