/**
 * How a space is used, month by month, for the people who run it: hours booked against
 * hours open, the share of booked hours that community groups had, what was paid for
 * those bookings, and the bookings nobody came to. Confirmed bookings count in the month
 * they start; the space's hours are on the place's clock.
 */
import type { Queryable } from '../../db/index.js';
import { placeTimeToUtc, type IsoDate } from '../../platform/dates.js';
import { minuteOf, monthsOf, openMinutesBetween } from './rules.js';
import { usedBookings, type Space } from './store.js';

export interface MonthOfUse {
  month: string;
  openMinutes: number;
  bookedMinutes: number;
  communityMinutes: number;
  bookings: number;
  paidPence: number;
  noShows: number;
}

export async function useOfSpace(db: Queryable, space: Space, from: IsoDate, to: IsoDate): Promise<MonthOfUse[]> {
  const bookings = await usedBookings(
    db,
    space.id,
    minuteOf(placeTimeToUtc(from, '00:00')),
    minuteOf(placeTimeToUtc(to, '23:59')) + 1,
  );
  return monthsOf(from, to).map((m) => {
    const start = minuteOf(placeTimeToUtc(m.from, '00:00'));
    const end = minuteOf(placeTimeToUtc(m.to, '23:59')) + 1;
    const inMonth = bookings.filter((b) => b.start >= start && b.start < end);
    const minutes = (list: typeof inMonth) => list.reduce((sum, b) => sum + (b.end - b.start), 0);
    return {
      month: m.month,
      openMinutes: openMinutesBetween(space, m.from, m.to),
      bookedMinutes: minutes(inMonth),
      communityMinutes: minutes(inMonth.filter((b) => b.tier === 'community')),
      bookings: inMonth.length,
      paidPence: inMonth.reduce((sum, b) => sum + b.paidPence, 0),
      noShows: inMonth.filter((b) => b.noShow).length,
    };
  });
}

/** A share as a whole percentage, or null when there is nothing to share out. */
export const percent = (part: number, whole: number): number | null =>
  whole > 0 ? Math.round((100 * part) / whole) : null;
