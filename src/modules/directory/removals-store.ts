/**
 * Listings that left the published feed, so an aggregator mirroring it with modified_after
 * learns to drop them (the feed's deleted_services). Written in the transaction that changes
 * a listing's state; every query is scoped by place.
 */
import { nowIso, type Queryable } from '../../db/index.js';
import type { ModerationState } from './schema.js';

/**
 * Notes a listing's move in or out of the feed: leaving it records the time; coming back
 * (republished) forgets it, since the listing is in the feed again with a newer last_modified.
 */
export async function notePublication(
  db: Queryable,
  placeId: string,
  activityId: string,
  from: ModerationState | undefined,
  to: ModerationState,
): Promise<void> {
  if (to === 'published' || from === 'published')
    await db.deleteFrom('directory_removals').where('activity_id', '=', activityId).execute();
  if (from === 'published' && to !== 'published')
    await db
      .insertInto('directory_removals')
      .values({ activity_id: activityId, place_id: placeId, removed_at: nowIso() })
      .execute();
}

/** Listings that left a place's feed after a time (every one without), oldest first. */
export async function removalsAfter(
  db: Queryable,
  placeId: string,
  after: string | undefined,
  page: { limit: number; offset: number },
): Promise<{ rows: Array<{ activityId: string; removedAt: string }>; total: number }> {
  let query = db.selectFrom('directory_removals').where('place_id', '=', placeId);
  if (after) query = query.where('removed_at', '>', after);
  const { total } = await query.select((eb) => eb.fn.countAll<string | number>().as('total')).executeTakeFirstOrThrow();
  const rows = await query
    .select(['activity_id', 'removed_at'])
    .orderBy('removed_at')
    .orderBy('activity_id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return { rows: rows.map((r) => ({ activityId: r.activity_id, removedAt: r.removed_at })), total: Number(total) };
}
