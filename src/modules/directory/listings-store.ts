/**
 * The directory's listings (activities): writing one with all its parts, and finding
 * them. Reading the parts for a page is in listings-read-store.ts; search and the
 * full-text index in search-store.ts; moderation and review in moderation-store.ts.
 * Every query is scoped by place.
 */
import { randomUUID } from 'node:crypto';
import { nowIso, type Queryable } from '../../db/index.js';
import { type ListingInput, isFree, scheduleWeekdays } from './inputs.js';
import { firstSession } from './schedules.js';
import type { ActivityTable, CostOptionTable, ModerationState, ScheduleTable, ServiceStatus } from './schema.js';
import { upsertLocation } from './locations-store.js';
import { notePublication } from './removals-store.js';
import { isPhysicalActivity, noteOpenActive } from './openactive-store.js';

/** A listing: an activity or service an organisation runs (ORUK's service). */
export interface Activity {
  id: string;
  placeId: string;
  organisationId: string;
  name: string;
  description: string;
  howToJoin: string;
  whoFor: string;
  url: string | null;
  email: string | null;
  phone: string | null;
  status: ServiceStatus;
  state: ModerationState;
  moderationReason: string | null;
  minimumAge: number | null;
  maximumAge: number | null;
  isFree: boolean;
  alert: string | null;
  lastCheckedAt: string | null;
  publishedAt: string | null;
  source: string | null;
  externalId: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

const toActivity = (r: ActivityTable): Activity => ({
  id: r.id,
  placeId: r.place_id,
  organisationId: r.organisation_id,
  name: r.name,
  description: r.description,
  howToJoin: r.how_to_join,
  whoFor: r.who_for,
  url: r.url,
  email: r.email,
  phone: r.phone,
  status: r.status,
  state: r.state,
  moderationReason: r.moderation_reason,
  minimumAge: r.minimum_age === null ? null : Number(r.minimum_age),
  maximumAge: r.maximum_age === null ? null : Number(r.maximum_age),
  isFree: Number(r.is_free) === 1,
  alert: r.alert,
  lastCheckedAt: r.last_checked_at,
  publishedAt: r.published_at,
  source: r.source,
  externalId: r.external_id,
  createdBy: r.created_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** A listing on an organiser's list: what it is called, where it stands, when it changed. */
export interface ActivityLine {
  id: string;
  name: string;
  state: ModerationState;
  organisationId: string;
  updatedAt: string;
  lastCheckedAt: string | null;
  moderationReason: string | null;
}

export async function findActivity(db: Queryable, placeId: string, id: string): Promise<Activity | undefined> {
  const row = await db
    .selectFrom('directory_activities')
    .selectAll()
    .where('place_id', '=', placeId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toActivity(row);
}

export async function findActivityBySource(
  db: Queryable,
  placeId: string,
  source: string,
  externalId: string,
): Promise<Activity | undefined> {
  const row = await db
    .selectFrom('directory_activities')
    .selectAll()
    .where('place_id', '=', placeId)
    .where('source', '=', source)
    .where('external_id', '=', externalId)
    .executeTakeFirst();
  return row && toActivity(row);
}

/**
 * Writes a listing and all its parts (replacing the old parts). Call inside the
 * transaction that also reindexes it (search-store.ts), so search never sees half.
 */
export async function writeListing(
  db: Queryable,
  w: {
    placeId: string;
    organisationId: string;
    id?: string;
    input: ListingInput;
    state: ModerationState;
    actorId: string | null;
    source?: string | null;
    externalId?: string | null;
    lastCheckedAt?: string | null;
    publishedAt?: string | null;
  },
): Promise<{ id: string; created: boolean }> {
  const now = nowIso();
  const { input } = w;
  const existing = w.id ? await findActivity(db, w.placeId, w.id) : undefined;
  const id = existing?.id ?? w.id ?? randomUUID();
  const fields = {
    organisation_id: w.organisationId,
    name: input.name,
    description: input.description,
    how_to_join: input.howToJoin,
    who_for: input.whoFor,
    url: input.url,
    email: input.email,
    phone: input.phone,
    status: input.status,
    state: w.state,
    minimum_age: input.minimumAge,
    maximum_age: input.maximumAge,
    is_free: isFree(input.costs) ? 1 : 0,
    alert: input.alert,
    updated_at: now,
  };
  if (existing) {
    await db
      .updateTable('directory_activities')
      .set({
        ...fields,
        ...(w.lastCheckedAt !== undefined ? { last_checked_at: w.lastCheckedAt } : {}),
        ...(w.publishedAt !== undefined ? { published_at: w.publishedAt } : {}),
      })
      .where('place_id', '=', w.placeId)
      .where('id', '=', id)
      .execute();
  } else {
    await db
      .insertInto('directory_activities')
      .values({
        id,
        place_id: w.placeId,
        ...fields,
        moderation_reason: null,
        last_checked_at: w.lastCheckedAt ?? null,
        published_at: w.publishedAt ?? null,
        source: w.source ?? null,
        external_id: w.externalId ?? null,
        created_by: w.actorId,
        created_at: now,
      })
      .execute();
  }
  const wasInFeed = existing?.state === 'published' && (await isPhysicalActivity(db, w.placeId, id));
  await replaceParts(db, w.placeId, w.organisationId, id, input, w.source ?? null, existing !== undefined);
  await notePublication(db, w.placeId, id, existing?.state, w.state);
  await noteOpenActive(
    db,
    w.placeId,
    id,
    wasInFeed,
    w.state === 'published' && (await isPhysicalActivity(db, w.placeId, id)),
  );
  return { id, created: !existing };
}

async function replaceParts(
  db: Queryable,
  placeId: string,
  organisationId: string,
  activityId: string,
  input: ListingInput,
  source: string | null,
  existed: boolean,
) {
  const previousLocations = existed
    ? (
        await db
          .selectFrom('directory_activity_locations')
          .select('location_id')
          .where('activity_id', '=', activityId)
          .execute()
      ).map((r) => r.location_id)
    : [];
  if (existed) {
    for (const table of [
      'directory_schedules',
      'directory_cost_options',
      'directory_contacts',
      'directory_activity_languages',
      'directory_activity_locations',
    ] as const) {
      await db.deleteFrom(table).where('place_id', '=', placeId).where('activity_id', '=', activityId).execute();
    }
    await db
      .deleteFrom('directory_attributes')
      .where('place_id', '=', placeId)
      .where('link_id', '=', activityId)
      .execute();
  }
  const schedules: ScheduleTable[] = input.schedules.map((s) => ({
    id: randomUUID(),
    place_id: placeId,
    activity_id: activityId,
    freq: s.freq,
    interval: s.interval,
    byday: s.byday,
    bymonthday: s.bymonthday,
    dtstart: firstSession(s),
    valid_from: s.validFrom,
    valid_to: s.validTo,
    opens_at: s.opensAt,
    closes_at: s.closesAt,
    weekdays: scheduleWeekdays(s),
    notes: s.notes,
  }));
  if (schedules.length) await db.insertInto('directory_schedules').values(schedules).execute();
  const costs: CostOptionTable[] = input.costs.map((c) => ({
    id: randomUUID(),
    place_id: placeId,
    activity_id: activityId,
    kind: c.kind,
    amount_pence: c.amountPence,
    option: c.option,
    amount_description: c.amountDescription,
  }));
  if (costs.length) await db.insertInto('directory_cost_options').values(costs).execute();
  if (input.contacts.length) {
    await db
      .insertInto('directory_contacts')
      .values(
        input.contacts.map((c) => ({
          id: randomUUID(),
          place_id: placeId,
          activity_id: activityId,
          name: c.name,
          title: c.title,
          email: c.email,
          phone: c.phone,
        })),
      )
      .execute();
  }
  const languages = [...new Set(input.languages)];
  if (languages.length) {
    await db
      .insertInto('directory_activity_languages')
      .values(languages.map((code) => ({ id: randomUUID(), place_id: placeId, activity_id: activityId, code })))
      .execute();
  }
  const termIds = [...new Set(input.termIds)];
  if (termIds.length) {
    await db
      .insertInto('directory_attributes')
      .values(
        termIds.map((t) => ({
          id: randomUUID(),
          place_id: placeId,
          link_entity: 'service',
          link_id: activityId,
          taxonomy_term_id: t,
          value: null,
        })),
      )
      .execute();
  }
  const locationIds: string[] = [];
  for (const [i, location] of input.locations.entries()) {
    // A form edit keeps its location row (and id); an import matches its own ids.
    const keep = source ? undefined : previousLocations[i];
    const { id, changed } = await upsertLocation(db, placeId, organisationId, location, { id: keep, source });
    if (changed) await touchPublishedListings(db, placeId, await listingIdsAt(db, placeId, id));
    if (!locationIds.includes(id)) locationIds.push(id);
  }
  if (locationIds.length) {
    await db
      .insertInto('directory_activity_locations')
      .values(
        locationIds.map((location_id) => ({
          id: randomUUID(),
          place_id: placeId,
          activity_id: activityId,
          location_id,
        })),
      )
      .execute();
  }
}

/** Listings of some organisations (an organiser's), every state, newest change first. */
export async function listingsOfOrganisations(
  db: Queryable,
  placeId: string,
  organisationIds: readonly string[],
): Promise<ActivityLine[]> {
  if (!organisationIds.length) return [];
  const rows = await db
    .selectFrom('directory_activities')
    .select(['id', 'name', 'state', 'organisation_id', 'updated_at', 'last_checked_at', 'moderation_reason'])
    .where('place_id', '=', placeId)
    .where('organisation_id', 'in', [...organisationIds])
    .orderBy('updated_at', 'desc')
    .limit(500)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    state: r.state,
    organisationId: r.organisation_id,
    updatedAt: r.updated_at,
    lastCheckedAt: r.last_checked_at,
    moderationReason: r.moderation_reason,
  }));
}

/**
 * Marks published listings as changed, so the feed's last_modified and modified_after see a
 * change to something their documents nest: their organisation, a location, a term. Listings
 * not yet published keep their place in the checking queue (publishing marks them anyway).
 */
export async function touchPublishedListings(db: Queryable, placeId: string, ids: readonly string[]): Promise<void> {
  if (!ids.length) return;
  await db
    .updateTable('directory_activities')
    .set({ updated_at: nowIso() })
    .where('place_id', '=', placeId)
    .where('id', 'in', [...new Set(ids)])
    .where('state', '=', 'published')
    .execute();
}

/** Every listing of an organisation, whatever its state. */
export async function listingIdsOf(db: Queryable, placeId: string, organisationId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('directory_activities')
    .select('id')
    .where('place_id', '=', placeId)
    .where('organisation_id', '=', organisationId)
    .execute();
  return rows.map((r) => r.id);
}

/** The listings held at a location. */
export async function listingIdsAt(db: Queryable, placeId: string, locationId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('directory_activity_locations')
    .select('activity_id')
    .where('place_id', '=', placeId)
    .where('location_id', '=', locationId)
    .execute();
  return rows.map((r) => r.activity_id);
}

export async function activitiesByIds(db: Queryable, placeId: string, ids: readonly string[]): Promise<Activity[]> {
  if (!ids.length) return [];
  const rows = await db
    .selectFrom('directory_activities')
    .selectAll()
    .where('place_id', '=', placeId)
    .where('id', 'in', [...ids])
    .execute();
  return rows.map(toActivity);
}
