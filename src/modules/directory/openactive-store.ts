/**
 * What the OpenActive feed of a place is made of: published listings tagged physical activity,
 * and listings that were in the feed and left it (unpublished, or the tag taken off), read a
 * page at a time in (modified, id) order as RPDE asks. Every query is scoped by place.
 */
import { sql } from 'kysely';
import { nowIso, type Queryable } from '../../db/index.js';

/** The term that marks a listing as physical activity, in the "needs and interests" vocabulary. */
export const PHYSICAL_ACTIVITY_CODE = 'physical-activity';

export interface FeedEntry {
  activityId: string;
  /** When the listing last changed, or when it left the feed. */
  changedAt: string;
  /** Published and tagged physical activity: in the feed as itself, otherwise as deleted. */
  live: boolean;
}

/** Whether a listing carries the physical-activity tag. */
export async function isPhysicalActivity(db: Queryable, placeId: string, activityId: string): Promise<boolean> {
  const row = await db
    .selectFrom('directory_attributes as t')
    .innerJoin('directory_taxonomy_terms as tt', 'tt.id', 't.taxonomy_term_id')
    .select('t.id')
    .where('t.place_id', '=', placeId)
    .where('t.link_id', '=', activityId)
    .where('tt.code', '=', PHYSICAL_ACTIVITY_CODE)
    .executeTakeFirst();
  return !!row;
}

/**
 * Keeps the feed's record of what left it, in the transaction that changes a listing: one in
 * the feed before and not after is noted as departed (the feed then says it is deleted); one
 * in the feed now forgets any note. A listing never in the feed is never mentioned.
 */
export async function noteOpenActive(
  db: Queryable,
  placeId: string,
  activityId: string,
  wasInFeed: boolean,
  inFeed: boolean,
): Promise<void> {
  if (inFeed || wasInFeed)
    await db.deleteFrom('directory_openactive_departures').where('activity_id', '=', activityId).execute();
  if (wasInFeed && !inFeed)
    await db
      .insertInto('directory_openactive_departures')
      .values({ activity_id: activityId, place_id: placeId, left_at: nowIso() })
      .execute();
}

/**
 * One page of the feed: entries strictly after (afterTimestamp, afterId) in (modified, id)
 * order, so entries that share a modified time are neither skipped nor repeated. Read by
 * keyset in the database, never the whole feed into memory, so a county's feed pages as
 * quickly as a town's.
 */
export async function openActivePage(
  db: Queryable,
  placeId: string,
  after: { timestamp: number; id: string } | undefined,
  limit: number,
): Promise<FeedEntry[]> {
  // Stored times are ISO 8601 to the millisecond in UTC, so they order as text and the
  // cursor's milliseconds turn back into the same text.
  const at = after ? new Date(after.timestamp).toISOString() : undefined;
  const live = db
    .selectFrom('directory_activities as a')
    .select(['a.id as activity_id', 'a.updated_at as changed_at', sql<number>`1`.as('live')])
    .where('a.place_id', '=', placeId)
    .where('a.state', '=', 'published')
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('directory_attributes as t')
          .innerJoin('directory_taxonomy_terms as tt', 'tt.id', 't.taxonomy_term_id')
          .select('t.id')
          .whereRef('t.link_id', '=', 'a.id')
          .where('tt.place_id', '=', placeId)
          .where('tt.code', '=', PHYSICAL_ACTIVITY_CODE),
      ),
    );
  const departed = db
    .selectFrom('directory_openactive_departures as d')
    .select(['d.activity_id as activity_id', 'd.left_at as changed_at', sql<number>`0`.as('live')])
    .where('d.place_id', '=', placeId);
  const rows = await db
    .selectFrom(live.unionAll(departed).as('f'))
    .selectAll()
    .$if(!!at, (q) =>
      q.where((eb) =>
        eb.or([
          eb('f.changed_at', '>', at!),
          eb.and([eb('f.changed_at', '=', at!), eb('f.activity_id', '>', after!.id)]),
        ]),
      ),
    )
    .orderBy('f.changed_at')
    .orderBy('f.activity_id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ activityId: r.activity_id, changedAt: r.changed_at, live: Number(r.live) === 1 }));
}
