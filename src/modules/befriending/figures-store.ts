/**
 * Befriending's figures for the place (capability 13): a match counts from its first
 * meeting (started), not its introduction, since the seeds' worry is pairs that never meet.
 */
import type { Queryable } from '../../db/index.js';
import { addMonths } from '../../platform/dates.js';

/** An instant moved by whole calendar months, keeping its time of day. */
const shiftMonths = (instant: string, months: number) =>
  `${addMonths(instant.slice(0, 10), months)}${instant.slice(10)}`;

/** Matches whose first meeting was in [from, to) (UTC instants). */
export async function matchesStartedBetween(db: Queryable, placeId: string, from: string, to: string) {
  const row = await db
    .selectFrom('befriending_matches')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('place_id', '=', placeId)
    .where('started_at', '>=', from)
    .where('started_at', '<', to)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/**
 * Matches that reached three months from their first meeting in [from, to) and had not
 * ended before then: the seeds' measure of a friendship that lasts, not one that fizzles.
 */
export async function matchesKeptBetween(db: Queryable, placeId: string, from: string, to: string) {
  const rows = await db
    .selectFrom('befriending_matches')
    .select(['started_at', 'ended_at'])
    .where('place_id', '=', placeId)
    .where('started_at', '>=', shiftMonths(from, -3))
    .where('started_at', '<', shiftMonths(to, -3))
    .execute();
  return rows.filter((m) => {
    const threeMonths = shiftMonths(m.started_at!, 3);
    return threeMonths >= from && threeMonths < to && (!m.ended_at || m.ended_at >= threeMonths);
  }).length;
}

/** Everyone with an account on either side of a match that was meeting at some time in [from, to). */
export function befriendersBetween(db: Queryable, placeId: string, from: string, to: string) {
  const side = (column: 'volunteer_profile_id' | 'neighbour_profile_id') =>
    db
      .selectFrom('befriending_matches as m')
      .innerJoin('befriending_profiles as p', 'p.id', `m.${column}`)
      .select('p.person_id as person_id')
      .where('m.place_id', '=', placeId)
      .where('m.started_at', '<', to)
      .where((eb) => eb.or([eb('m.ended_at', 'is', null), eb('m.ended_at', '>=', from)]))
      .where('p.person_id', 'is not', null);
  return side('volunteer_profile_id').unionAll(side('neighbour_profile_id'));
}
