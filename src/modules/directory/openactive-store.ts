/**
 * What the OpenActive feed of a place is made of: every published listing (with whether it is
 * tagged physical activity) and every listing that left the published feed. Every query is
 * scoped by place.
 */
import type { Queryable } from '../../db/index.js';

/** The term that marks a listing as physical activity, in the "needs and interests" vocabulary. */
export const PHYSICAL_ACTIVITY_CODE = 'physical-activity';

export interface FeedEntry {
  activityId: string;
  /** When the listing last changed, or when it left the feed. */
  changedAt: string;
  /** Published and tagged physical activity: in the feed as itself, otherwise as deleted. */
  live: boolean;
}

export async function openActiveEntries(db: Queryable, placeId: string): Promise<FeedEntry[]> {
  const [published, physical, removals] = await Promise.all([
    db
      .selectFrom('directory_activities')
      .select(['id', 'updated_at'])
      .where('place_id', '=', placeId)
      .where('state', '=', 'published')
      .execute(),
    db
      .selectFrom('directory_attributes')
      .innerJoin('directory_taxonomy_terms', 'directory_taxonomy_terms.id', 'directory_attributes.taxonomy_term_id')
      .select('directory_attributes.link_id')
      .where('directory_attributes.place_id', '=', placeId)
      .where('directory_taxonomy_terms.place_id', '=', placeId)
      .where('directory_taxonomy_terms.code', '=', PHYSICAL_ACTIVITY_CODE)
      .execute(),
    db.selectFrom('directory_removals').select(['activity_id', 'removed_at']).where('place_id', '=', placeId).execute(),
  ]);
  const tagged = new Set(physical.map((r) => r.link_id));
  const entries: FeedEntry[] = published.map((r) => ({
    activityId: r.id,
    changedAt: r.updated_at,
    live: tagged.has(r.id),
  }));
  const seen = new Set(entries.map((e) => e.activityId));
  for (const r of removals)
    if (!seen.has(r.activity_id)) entries.push({ activityId: r.activity_id, changedAt: r.removed_at, live: false });
  return entries;
}
