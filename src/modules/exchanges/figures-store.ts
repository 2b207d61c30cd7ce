/**
 * Exchanges' figures for the place (capability 13): exchanges and small acts count once
 * both sides agree they happened (confirmed), on the day they were confirmed.
 */
import type { Queryable } from '../../db/index.js';

/** Confirmed exchanges, or small acts, in [from, to) (UTC instants): how many, and the minutes given (where said). */
async function confirmedBetween(
  db: Queryable,
  table: 'exchanges' | 'small_acts',
  placeId: string,
  from: string,
  to: string,
) {
  const row = await db
    .selectFrom(table)
    .select((eb) => [
      eb.fn.countAll<number>().as('n'),
      eb.fn.coalesce(eb.fn.sum<number>('minutes'), eb.lit(0)).as('minutes'),
    ])
    .where('place_id', '=', placeId)
    .where('status', '=', 'confirmed')
    .where('confirmed_at', '>=', from)
    .where('confirmed_at', '<', to)
    .executeTakeFirst();
  return { count: Number(row?.n ?? 0), minutes: Number(row?.minutes ?? 0) };
}

export const confirmedExchangesBetween = (db: Queryable, placeId: string, from: string, to: string) =>
  confirmedBetween(db, 'exchanges', placeId, from, to);

export const confirmedSmallActsBetween = (db: Queryable, placeId: string, from: string, to: string) =>
  confirmedBetween(db, 'small_acts', placeId, from, to);

/** Everyone on either side of a confirmed exchange, or with a confirmed small act, in [from, to). */
export function exchangersBetween(db: Queryable, placeId: string, from: string, to: string) {
  const confirmed = (column: 'giver_id' | 'receiver_id') =>
    db
      .selectFrom('exchanges')
      .select(`${column} as person_id`)
      .where('place_id', '=', placeId)
      .where('status', '=', 'confirmed')
      .where('confirmed_at', '>=', from)
      .where('confirmed_at', '<', to);
  return confirmed('giver_id')
    .unionAll(confirmed('receiver_id'))
    .unionAll(
      db
        .selectFrom('small_acts')
        .select('person_id')
        .where('place_id', '=', placeId)
        .where('status', '=', 'confirmed')
        .where('confirmed_at', '>=', from)
        .where('confirmed_at', '<', to),
    );
}

/**
 * Who gave the time counted in [from, to): the helper in each confirmed exchange, and each
 * confirmed small act's doer, where it says how long it took (only that time is counted).
 */
export function giversBetween(db: Queryable, placeId: string, from: string, to: string) {
  return db
    .selectFrom('exchanges')
    .select('giver_id as person_id')
    .where('place_id', '=', placeId)
    .where('status', '=', 'confirmed')
    .where('confirmed_at', '>=', from)
    .where('confirmed_at', '<', to)
    .where('minutes', '>', 0)
    .unionAll(
      db
        .selectFrom('small_acts')
        .select('person_id')
        .where('place_id', '=', placeId)
        .where('status', '=', 'confirmed')
        .where('confirmed_at', '>=', from)
        .where('confirmed_at', '<', to)
        .where('minutes', '>', 0),
    );
}
