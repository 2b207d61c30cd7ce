/**
 * Finding a space: the listed spaces that fit a size, access and facilities, are open and
 * free at a time (and within a meanwhile licence), cost at most a price at a tier, and
 * lie within some miles of a point, nearest first when a point is given.
 */
import type { Queryable } from '../../db/index.js';
import { haversineMetres, type Point } from '../../platform/postcodes.js';
import { weekdayOf } from '../../platform/dates.js';
import { locationSummaries } from '../directory/index.js';
import type { FindQuery } from './inputs.js';
import { quotePence, spanOf } from './rules.js';
import type { Tier } from './schema.js';
import { busySpaceIds, listedSpaces, type Space } from './store.js';

export interface FoundSpace {
  space: Space;
  /** The price at the tier for the time asked (or for an hour when no time was given). */
  pricePence: number;
  /** How far it is from the point asked about, in miles; null when no point was given. */
  miles: number | null;
}

const METRES_PER_MILE = 1609.344;

/** Whether the query names a whole time (a date, and a start before its end). */
export const hasTime = (q: FindQuery): q is FindQuery & { date: string; from: string; to: string } =>
  !!(q.date && q.from && q.to && q.to > q.from);

export async function findSpaces(
  db: Queryable,
  placeId: string,
  query: FindQuery,
  tier: Tier,
  near?: { point: Point; miles: number },
): Promise<FoundSpace[]> {
  let spaces = (await listedSpaces(db, placeId, query.size ?? 0)).filter(
    (s) =>
      query.accessibility.every((a) => s.accessibility.includes(a)) &&
      query.facilities.every((f) => s.facilities.includes(f)) &&
      (!query.meanwhile || s.licenceFrom !== null),
  );
  let minutes = 60;
  if (hasTime(query)) {
    const { start, end } = spanOf(query.date, query.from, query.to);
    minutes = end - start;
    const weekday = weekdayOf(query.date);
    spaces = spaces.filter(
      (s) =>
        s.openDays.includes(weekday) &&
        s.opensAt <= query.from &&
        s.closesAt >= query.to &&
        (s.licenceFrom === null || (s.licenceFrom <= query.date && query.date <= (s.licenceUntil ?? query.date))),
    );
    const busy = await busySpaceIds(
      db,
      placeId,
      spaces.map((s) => s.id),
      start,
      end,
    );
    spaces = spaces.filter((s) => !busy.has(s.id));
  }
  const distances = new Map<string, number>();
  if (near) {
    const locations = await locationSummaries(db, placeId, [...new Set(spaces.map((s) => s.locationId))]);
    for (const l of locations)
      if (l.latitude !== null && l.longitude !== null)
        distances.set(
          l.id,
          haversineMetres(near.point, { latitude: l.latitude, longitude: l.longitude }) / METRES_PER_MILE,
        );
    // A space whose building has no point cannot be said to be near anywhere.
    spaces = spaces.filter((s) => (distances.get(s.locationId) ?? Infinity) <= near.miles);
  }
  const found: FoundSpace[] = [];
  for (const space of spaces) {
    const price = quotePence(space.rates, tier, minutes);
    if (price !== null && (query.maxPrice === undefined || price <= query.maxPrice))
      found.push({ space, pricePence: price, miles: near ? distances.get(space.locationId)! : null });
  }
  if (near) found.sort((a, b) => a.miles! - b.miles!);
  return found;
}
