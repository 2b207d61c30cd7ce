/**
 * Social prescribing's part of who took part in the place (capability 13): a person
 * counts once a referral of theirs is attended. Many people a link worker supports have
 * no account, so their support record stands for them, and they are still counted once.
 */
import { sql } from 'kysely';
import type { Queryable } from '../../db/index.js';

/** The people whose referral reached "attended" in [from, to) (UTC instants). */
export function attendeesBetween(db: Queryable, placeId: string, from: string, to: string) {
  return db
    .selectFrom('prescribing_referrals as r')
    .innerJoin('prescribing_records as s', 's.id', 'r.record_id')
    .select(sql<string>`coalesce(s.person_id, 'record:' || s.id)`.as('person_id'))
    .where('r.place_id', '=', placeId)
    .where('r.attended_at', '>=', from)
    .where('r.attended_at', '<', to);
}
