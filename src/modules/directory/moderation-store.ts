/** Listings' moderation states and the reminders to review them. Every query is scoped by place. */
import { sql } from 'kysely';
import { nowIso, type Queryable } from '../../db/index.js';
import type { ModerationState } from './schema.js';
import { notePublication } from './removals-store.js';
import { isPhysicalActivity, noteOpenActive } from './openactive-store.js';

export async function setActivityState(
  db: Queryable,
  placeId: string,
  id: string,
  change: { state: ModerationState; reason?: string | null; publishedAt?: string; lastCheckedAt?: string },
): Promise<void> {
  const before = await db
    .selectFrom('directory_activities')
    .select('state')
    .where('place_id', '=', placeId)
    .where('id', '=', id)
    .executeTakeFirst();
  await notePublication(db, placeId, id, before?.state, change.state);
  if (
    before &&
    (before.state === 'published') !== (change.state === 'published') &&
    (await isPhysicalActivity(db, placeId, id))
  )
    await noteOpenActive(db, placeId, id, before.state === 'published', change.state === 'published');
  await db
    .updateTable('directory_activities')
    .set({
      state: change.state,
      moderation_reason: change.reason ?? null,
      ...(change.publishedAt ? { published_at: change.publishedAt } : {}),
      ...(change.lastCheckedAt ? { last_checked_at: change.lastCheckedAt } : {}),
      updated_at: nowIso(),
    })
    .where('place_id', '=', placeId)
    .where('id', '=', id)
    .execute();
}

export async function confirmActivityChecked(db: Queryable, placeId: string, id: string, at: string): Promise<void> {
  await db
    .updateTable('directory_activities')
    .set({ last_checked_at: at })
    .where('place_id', '=', placeId)
    .where('id', '=', id)
    .execute();
}

/** The moderation queue: submitted listings, oldest first. */
export async function moderationQueue(
  db: Queryable,
  placeId: string,
  options: { limit: number; offset: number },
): Promise<{ rows: Array<{ id: string; name: string; organisationId: string; updatedAt: string }>; total: number }> {
  const base = db.selectFrom('directory_activities').where('place_id', '=', placeId).where('state', '=', 'submitted');
  const [rows, count] = await Promise.all([
    base
      .select(['id', 'name', 'organisation_id', 'updated_at'])
      .orderBy('updated_at')
      .orderBy('id')
      .limit(options.limit)
      .offset(options.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    rows: rows.map((r) => ({ id: r.id, name: r.name, organisationId: r.organisation_id, updatedAt: r.updated_at })),
    total: Number(count.n),
  };
}

/** Published listings nobody has confirmed since `before`, across every place (the reminder job). */
/** A published listing waiting to be confirmed, for the reminder job. */
export interface ListingDueReview {
  id: string;
  placeId: string;
  name: string;
  organisationId: string;
  lastCheckedAt: string | null;
  publishedAt: string | null;
}

export async function listingsDueReview(db: Queryable, before: string, limit: number): Promise<ListingDueReview[]> {
  const rows = await db
    .selectFrom('directory_activities')
    .select(['id', 'place_id', 'name', 'organisation_id', 'last_checked_at', 'published_at'])
    .where('state', '=', 'published')
    .where((eb) => eb.or([eb('last_checked_at', '<', before), eb('last_checked_at', 'is', null)]))
    // Not those already reminded about this "last checked" date, so the batch moves on.
    .where(({ not, exists, selectFrom, fn, ref }) =>
      not(
        exists(
          selectFrom('directory_review_reminders as r')
            .select('r.activity_id')
            .whereRef('r.activity_id', '=', 'directory_activities.id')
            .where(
              'r.checked_at',
              '=',
              fn.coalesce(
                ref('directory_activities.last_checked_at'),
                ref('directory_activities.published_at'),
                sql.lit('never'),
              ),
            ),
        ),
      ),
    )
    .orderBy('last_checked_at')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    placeId: r.place_id,
    name: r.name,
    organisationId: r.organisation_id,
    lastCheckedAt: r.last_checked_at,
    publishedAt: r.published_at,
  }));
}

/** Claims the reminder for one listing's "last checked" date; false if it was already sent. */
export async function claimReviewReminder(
  db: Queryable,
  r: { placeId: string; activityId: string; checkedAt: string },
): Promise<boolean> {
  const result = await db
    .insertInto('directory_review_reminders')
    .values({ place_id: r.placeId, activity_id: r.activityId, checked_at: r.checkedAt, sent_at: nowIso() })
    .onConflict((oc) => oc.columns(['activity_id', 'checked_at']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}
