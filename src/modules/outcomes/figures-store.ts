/** Outcomes' part of who took part in the place (capability 13): everyone who checked in at a session. */
import type { Queryable } from '../../db/index.js';

/** People who checked in themselves at a session on days from `from` to `to` (both included); paper check-ins name nobody. */
export function checkedInBetween(db: Queryable, placeId: string, from: string, to: string) {
  return db
    .selectFrom('outcomes_checkins')
    .select('person_id')
    .where('place_id', '=', placeId)
    .where('session_on', '>=', from)
    .where('session_on', '<=', to)
    .where('person_id', 'is not', null);
}
