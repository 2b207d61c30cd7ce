/** Finding a space: the listed spaces that fit a size, access and facilities, are open and free at a time, and cost at most a price at a tier. */
import type { Queryable } from '../../db/index.js';
import { weekdayOf } from '../../platform/dates.js';
import type { FindQuery } from './inputs.js';
import { quotePence, spanOf } from './rules.js';
import type { Tier } from './schema.js';
import { busySpaceIds, listedSpaces, type Space } from './store.js';

export interface FoundSpace {
  space: Space;
  /** The price at the tier for the time asked (or for an hour when no time was given). */
  pricePence: number;
}

/** Whether the query names a whole time (a date, and a start before its end). */
export const hasTime = (q: FindQuery): q is FindQuery & { date: string; from: string; to: string } =>
  !!(q.date && q.from && q.to && q.to > q.from);

export async function findSpaces(db: Queryable, placeId: string, query: FindQuery, tier: Tier): Promise<FoundSpace[]> {
  let spaces = (await listedSpaces(db, placeId, query.size ?? 0)).filter(
    (s) =>
      query.accessibility.every((a) => s.accessibility.includes(a)) &&
      query.facilities.every((f) => s.facilities.includes(f)),
  );
  let minutes = 60;
  if (hasTime(query)) {
    const { start, end } = spanOf(query.date, query.from, query.to);
    minutes = end - start;
    const weekday = weekdayOf(query.date);
    spaces = spaces.filter((s) => s.openDays.includes(weekday) && s.opensAt <= query.from && s.closesAt >= query.to);
    const busy = await busySpaceIds(
      db,
      placeId,
      spaces.map((s) => s.id),
      start,
      end,
    );
    spaces = spaces.filter((s) => !busy.has(s.id));
  }
  const found: FoundSpace[] = [];
  for (const space of spaces) {
    const price = quotePence(space.rates, tier, minutes);
    if (price !== null && (query.maxPrice === undefined || price <= query.maxPrice))
      found.push({ space, pricePence: price });
  }
  return found;
}
