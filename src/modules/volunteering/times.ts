/**
 * Dates and times as volunteering uses them, as plain functions: dates are YYYY-MM-DD
 * in the place (Europe/London), shift times are stored in UTC and made from the clock
 * on the wall. Nothing here reads the clock unless given `now`. The calendar itself
 * (days, months, the place's clock) is src/platform/dates.ts.
 */
import { addDays, placeTimeToUtc, WEEKDAYS, type Weekday } from '../../platform/dates.js';

export const TIMES_OF_DAY = ['morning', 'afternoon', 'evening'] as const;
export type TimeOfDay = (typeof TIMES_OF_DAY)[number];

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
      startsAt: placeTimeToUtc(date, plan.starts).toISOString(),
      endsAt: placeTimeToUtc(date, plan.ends).toISOString(),
    };
  });
}

/** "3 hours", "1 hour 30 minutes": minutes as people say them, with the catalogue's words. */
export function durationParts(minutes: number): { hours: number; minutes: number } {
  return { hours: Math.floor(minutes / 60), minutes: minutes % 60 };
}
