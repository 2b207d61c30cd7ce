/**
 * Volunteering's figures for the place (capability 13): confirmed hours only, by the
 * day they were given, the same as the volunteering report counts them.
 */
import type { Queryable } from '../../db/index.js';

/** Confirmed minutes given on days from `from` to `to` (both included). */
export async function confirmedMinutesBetween(db: Queryable, placeId: string, from: string, to: string) {
  const row = await db
    .selectFrom('volunteering_hours')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('minutes'), eb.lit(0)).as('minutes'))
    .where('place_id', '=', placeId)
    .where('status', '=', 'confirmed')
    .where('worked_on', '>=', from)
    .where('worked_on', '<=', to)
    .executeTakeFirst();
  return Number(row?.minutes ?? 0);
}

/** Everyone with confirmed hours on days from `from` to `to`: a person once per record. */
export function volunteersBetween(db: Queryable, placeId: string, from: string, to: string) {
  return db
    .selectFrom('volunteering_hours')
    .select('person_id')
    .where('place_id', '=', placeId)
    .where('status', '=', 'confirmed')
    .where('worked_on', '>=', from)
    .where('worked_on', '<=', to);
}

/** One organisation's confirmed minutes on days from `from` to `to` (both included): a small group's quarterly return. */
export async function organisationMinutesBetween(
  db: Queryable,
  placeId: string,
  organisationId: string,
  from: string,
  to: string,
) {
  const row = await db
    .selectFrom('volunteering_hours')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('minutes'), eb.lit(0)).as('minutes'))
    .where('place_id', '=', placeId)
    .where('organisation_id', '=', organisationId)
    .where('status', '=', 'confirmed')
    .where('worked_on', '>=', from)
    .where('worked_on', '<=', to)
    .executeTakeFirst();
  return Number(row?.minutes ?? 0);
}
