/**
 * Time credits' part of the place's hours given (capability 13). Credits earned for a
 * volunteering shift, an exchange or a small act are counted by the module that holds
 * that record; the ledger adds only the time it alone knows about, such as credits a
 * group issues for an afternoon's litter pick.
 */
import type { Queryable } from '../../db/index.js';
import { GIVING_KINDS } from './schema.js';

/** Records another module counts the time of; a transfer pointing at one is not counted again here. */
const COUNTED_ELSEWHERE = ['volunteering_hours', 'exchange', 'small_act'];

/** Net minutes credited for time given in [from, to) that no other module's record holds. */
export async function creditedOnlyHereBetween(db: Queryable, placeId: string, from: string, to: string) {
  const row = await db
    .selectFrom('time_transfers as t')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('t.amount'), eb.lit(0)).as('minutes'))
    .where('t.place_id', '=', placeId)
    .where('t.kind', 'in', [...GIVING_KINDS])
    .where('t.created_at', '>=', from)
    .where('t.created_at', '<', to)
    .where((eb) => eb.or([eb('t.reference_type', 'is', null), eb('t.reference_type', 'not in', COUNTED_ELSEWHERE)]))
    // A reversal of a transfer counted elsewhere is that module's business too.
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('time_transfers as o')
            .select('o.id')
            .whereRef('o.id', '=', 't.reverses_id')
            .where('o.reference_type', 'in', COUNTED_ELSEWHERE),
        ),
      ),
    )
    .executeTakeFirst();
  return Number(row?.minutes ?? 0);
}

/**
 * Who gave the time credited in [from, to): each person whose own account a giving
 * transfer credited. With `onlyHere`, only for time no other module's record holds, as
 * creditedOnlyHereBetween counts it.
 */
export function creditedPeopleBetween(db: Queryable, placeId: string, from: string, to: string, onlyHere: boolean) {
  return db
    .selectFrom('time_transfers as t')
    .innerJoin('time_entries as e', 'e.transfer_id', 't.id')
    .innerJoin('time_accounts as a', 'a.id', 'e.account_id')
    .select('a.owner_id as person_id')
    .where('t.place_id', '=', placeId)
    .where('t.kind', 'in', [...GIVING_KINDS])
    .where('t.created_at', '>=', from)
    .where('t.created_at', '<', to)
    .where('e.amount', '>', 0)
    .where('a.kind', '=', 'person')
    .$if(onlyHere, (q) =>
      q.where((eb) => eb.or([eb('t.reference_type', 'is', null), eb('t.reference_type', 'not in', COUNTED_ELSEWHERE)])),
    );
}
