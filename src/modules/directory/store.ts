/**
 * The directory's reads and writes of its own records (organisations, listings and
 * their parts, taxonomy, postcodes). Search and the full-text index are in
 * search-store.ts. Every query is scoped by place.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { nowIso, type Queryable } from '../../db/index.js';
import type { ListingInput, LocationInput, OrganisationInput } from './inputs.js';
import { isFree, scheduleWeekdays } from './inputs.js';
import type {
  ActivityTable,
  CostOptionTable,
  LocationTable,
  ModerationState,
  OrganisationTable,
  ScheduleTable,
  TaxonomyTable,
  TaxonomyTermTable,
} from './schema.js';
import type { ShippedTaxonomy } from './taxonomy.js';

// Organisations

export async function insertOrganisation(
  db: Queryable,
  placeId: string,
  input: OrganisationInput,
  origin: { source?: string | null; externalId?: string | null; id?: string } = {},
): Promise<OrganisationTable> {
  const now = nowIso();
  const row: OrganisationTable = {
    id: origin.id ?? randomUUID(),
    place_id: placeId,
    name: input.name,
    description: input.description,
    kind: input.kind,
    email: input.email,
    website: input.website,
    phone: input.phone,
    source: origin.source ?? null,
    external_id: origin.externalId ?? null,
    created_at: now,
    updated_at: now,
  };
  await db.insertInto('directory_organisations').values(row).execute();
  return row;
}

export async function updateOrganisation(
  db: Queryable,
  placeId: string,
  id: string,
  input: OrganisationInput,
): Promise<void> {
  await db
    .updateTable('directory_organisations')
    .set({
      name: input.name,
      description: input.description,
      kind: input.kind,
      email: input.email,
      website: input.website,
      phone: input.phone,
      updated_at: nowIso(),
    })
    .where('place_id', '=', placeId)
    .where('id', '=', id)
    .execute();
}

export async function findOrganisation(
  db: Queryable,
  placeId: string,
  id: string,
): Promise<OrganisationTable | undefined> {
  return db
    .selectFrom('directory_organisations')
    .selectAll()
    .where('place_id', '=', placeId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function findOrganisationBySource(db: Queryable, placeId: string, source: string, externalId: string) {
  return db
    .selectFrom('directory_organisations')
    .selectAll()
    .where('place_id', '=', placeId)
    .where('source', '=', source)
    .where('external_id', '=', externalId)
    .executeTakeFirst();
}

export async function findOrganisationByName(db: Queryable, placeId: string, name: string) {
  return db
    .selectFrom('directory_organisations')
    .selectAll()
    .where('place_id', '=', placeId)
    .where('name', '=', name)
    .orderBy('created_at')
    .executeTakeFirst();
}

export async function listOrganisations(
  db: Queryable,
  placeId: string,
  options: { limit: number; offset: number; ids?: string[] },
) {
  let query = db.selectFrom('directory_organisations').selectAll().where('place_id', '=', placeId);
  if (options.ids) query = options.ids.length ? query.where('id', 'in', options.ids) : query.where('id', '=', '');
  const [rows, count] = await Promise.all([
    query.orderBy('name').orderBy('id').limit(options.limit).offset(options.offset).execute(),
    query
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export async function organisationsByIds(
  db: Queryable,
  placeId: string,
  ids: readonly string[],
): Promise<Map<string, OrganisationTable>> {
  if (!ids.length) return new Map();
  const rows = await db
    .selectFrom('directory_organisations')
    .selectAll()
    .where('place_id', '=', placeId)
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}

/** How many published listings each organisation has, for the admin's list. */
export async function publishedCounts(
  db: Queryable,
  placeId: string,
  organisationIds: readonly string[],
): Promise<Map<string, number>> {
  if (!organisationIds.length) return new Map();
  const rows = await db
    .selectFrom('directory_activities')
    .select(['organisation_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('place_id', '=', placeId)
    .where('organisation_id', 'in', [...organisationIds])
    .groupBy('organisation_id')
    .execute();
  return new Map(rows.map((r) => [r.organisation_id, Number(r.n)]));
}

// Organisers of an organisation

export async function addOrganisationMember(
  db: Queryable,
  m: { placeId: string; organisationId: string; personId: string; addedBy: string | null },
): Promise<boolean> {
  const result = await db
    .insertInto('directory_organisation_members')
    .values({
      place_id: m.placeId,
      organisation_id: m.organisationId,
      person_id: m.personId,
      added_by: m.addedBy,
      added_at: nowIso(),
    })
    .onConflict((oc) => oc.columns(['organisation_id', 'person_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function removeOrganisationMember(
  db: Queryable,
  placeId: string,
  organisationId: string,
  personId: string,
): Promise<boolean> {
  const result = await db
    .deleteFrom('directory_organisation_members')
    .where('place_id', '=', placeId)
    .where('organisation_id', '=', organisationId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function isOrganisationMember(
  db: Queryable,
  placeId: string,
  organisationId: string,
  personId: string | null,
): Promise<boolean> {
  if (!personId) return false;
  const row = await db
    .selectFrom('directory_organisation_members')
    .select('person_id')
    .where('place_id', '=', placeId)
    .where('organisation_id', '=', organisationId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
  return !!row;
}

export async function organisationIdsOf(db: Queryable, placeId: string, personId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('directory_organisation_members')
    .select('organisation_id')
    .where('person_id', '=', personId)
    .where('place_id', '=', placeId)
    .execute();
  return rows.map((r) => r.organisation_id);
}

export async function organisersOf(db: Queryable, placeId: string, organisationId: string) {
  return db
    .selectFrom('directory_organisation_members as m')
    .innerJoin('people as p', 'p.id', 'm.person_id')
    .select(['p.id', 'p.name', 'p.email', 'p.language', 'm.added_at'])
    .where('m.place_id', '=', placeId)
    .where('m.organisation_id', '=', organisationId)
    .where('p.erased_at', 'is', null)
    .orderBy('p.name')
    .execute();
}

/** Erasure: the person no longer organises anything (their listings stay, unattributed). */
export async function deleteMembershipsOf(db: Queryable, personId: string): Promise<void> {
  await db.deleteFrom('directory_organisation_members').where('person_id', '=', personId).execute();
  await db.updateTable('directory_activities').set({ created_by: null }).where('created_by', '=', personId).execute();
}

export async function membershipsOf(db: Queryable, personId: string) {
  return db
    .selectFrom('directory_organisation_members as m')
    .innerJoin('directory_organisations as o', 'o.id', 'm.organisation_id')
    .select(['o.name', 'm.added_at'])
    .where('m.person_id', '=', personId)
    .execute();
}

// Locations

export async function upsertLocation(
  db: Queryable,
  placeId: string,
  organisationId: string | null,
  location: LocationInput,
  match: { id?: string; source?: string | null },
): Promise<{ id: string; created: boolean }> {
  const now = nowIso();
  const values = {
    organisation_id: organisationId,
    name: location.name,
    address_1: location.address1,
    city: location.city,
    region: location.region,
    postcode: location.postcode,
    latitude: location.latitude,
    longitude: location.longitude,
    accessibility: location.accessibility,
    updated_at: now,
  };
  let existing: { id: string } | undefined;
  if (match.id)
    existing = await db
      .selectFrom('directory_locations')
      .select('id')
      .where('place_id', '=', placeId)
      .where('id', '=', match.id)
      .executeTakeFirst();
  else if (match.source && location.externalId) {
    existing = await db
      .selectFrom('directory_locations')
      .select('id')
      .where('place_id', '=', placeId)
      .where('source', '=', match.source)
      .where('external_id', '=', location.externalId)
      .executeTakeFirst();
  }
  if (existing) {
    await db
      .updateTable('directory_locations')
      .set(values)
      .where('place_id', '=', placeId)
      .where('id', '=', existing.id)
      .execute();
    return { id: existing.id, created: false };
  }
  const row: LocationTable = {
    id: randomUUID(),
    place_id: placeId,
    ...values,
    source: match.source ?? null,
    external_id: location.externalId ?? null,
    created_at: now,
  };
  await db.insertInto('directory_locations').values(row).execute();
  return { id: row.id, created: true };
}

// Listings (activities)

export async function findActivity(db: Queryable, placeId: string, id: string): Promise<ActivityTable | undefined> {
  return db
    .selectFrom('directory_activities')
    .selectAll()
    .where('place_id', '=', placeId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function findActivityBySource(db: Queryable, placeId: string, source: string, externalId: string) {
  return db
    .selectFrom('directory_activities')
    .selectAll()
    .where('place_id', '=', placeId)
    .where('source', '=', source)
    .where('external_id', '=', externalId)
    .executeTakeFirst();
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
  await replaceParts(db, w.placeId, w.organisationId, id, input, w.source ?? null, existing !== undefined);
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
    dtstart: s.dtstart,
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
    const { id } = await upsertLocation(db, placeId, organisationId, location, { id: keep, source });
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

export async function setActivityState(
  db: Queryable,
  placeId: string,
  id: string,
  change: { state: ModerationState; reason?: string | null; publishedAt?: string; lastCheckedAt?: string },
): Promise<void> {
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

/** Listings of some organisations (an organiser's), every state, newest change first. */
export async function listingsOfOrganisations(db: Queryable, placeId: string, organisationIds: readonly string[]) {
  if (!organisationIds.length) return [];
  return db
    .selectFrom('directory_activities')
    .select(['id', 'name', 'state', 'organisation_id', 'updated_at', 'last_checked_at', 'moderation_reason'])
    .where('place_id', '=', placeId)
    .where('organisation_id', 'in', [...organisationIds])
    .orderBy('updated_at', 'desc')
    .limit(500)
    .execute();
}

/** The moderation queue: submitted listings, oldest first. */
export async function moderationQueue(db: Queryable, placeId: string, options: { limit: number; offset: number }) {
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
  return { rows, total: Number(count.n) };
}

/** Published listings nobody has confirmed since `before`, across every place (the reminder job). */
export async function listingsDueReview(db: Queryable, before: string, limit: number) {
  return (
    db
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
      .execute()
  );
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

// The parts of listings, for pages, the API and exports

export async function partsOf(db: Queryable, placeId: string, ids: readonly string[]) {
  if (!ids.length) {
    return { schedules: [], costs: [], contacts: [], languages: [], attributes: [], locations: [] };
  }
  const list = [...ids];
  const [schedules, costs, contacts, languages, attributes, locations] = await Promise.all([
    db
      .selectFrom('directory_schedules')
      .selectAll()
      .where('place_id', '=', placeId)
      .where('activity_id', 'in', list)
      .orderBy('opens_at')
      .execute(),
    db
      .selectFrom('directory_cost_options')
      .selectAll()
      .where('place_id', '=', placeId)
      .where('activity_id', 'in', list)
      .execute(),
    db
      .selectFrom('directory_contacts')
      .selectAll()
      .where('place_id', '=', placeId)
      .where('activity_id', 'in', list)
      .execute(),
    db
      .selectFrom('directory_activity_languages')
      .selectAll()
      .where('place_id', '=', placeId)
      .where('activity_id', 'in', list)
      .execute(),
    db
      .selectFrom('directory_attributes')
      .selectAll()
      .where('place_id', '=', placeId)
      .where('link_id', 'in', list)
      .execute(),
    db
      .selectFrom('directory_activity_locations as al')
      .innerJoin('directory_locations as l', 'l.id', 'al.location_id')
      .select([
        'al.id as service_at_location_id',
        'al.activity_id',
        'l.id',
        'l.name',
        'l.address_1',
        'l.city',
        'l.region',
        'l.postcode',
        'l.latitude',
        'l.longitude',
        'l.accessibility',
        'l.organisation_id',
      ])
      .where('al.place_id', '=', placeId)
      .where('al.activity_id', 'in', list)
      .execute(),
  ]);
  return { schedules, costs, contacts, languages, attributes, locations };
}

export async function activitiesByIds(
  db: Queryable,
  placeId: string,
  ids: readonly string[],
): Promise<ActivityTable[]> {
  if (!ids.length) return [];
  return db
    .selectFrom('directory_activities')
    .selectAll()
    .where('place_id', '=', placeId)
    .where('id', 'in', [...ids])
    .execute();
}

// Taxonomy

export async function ensureShippedTaxonomies(
  db: Queryable,
  placeId: string,
  taxonomies: readonly ShippedTaxonomy[],
): Promise<void> {
  for (const taxonomy of taxonomies) {
    let row = await db
      .selectFrom('directory_taxonomies')
      .select('id')
      .where('place_id', '=', placeId)
      .where('key', '=', taxonomy.key)
      .executeTakeFirst();
    if (!row) {
      row = { id: randomUUID() };
      await db
        .insertInto('directory_taxonomies')
        .values({
          id: row.id,
          place_id: placeId,
          key: taxonomy.key,
          name: taxonomy.name,
          name_cy: taxonomy.nameCy,
          description: taxonomy.description,
          description_cy: taxonomy.descriptionCy,
          uri: null,
          version: '1',
        })
        .execute();
    }
    for (const [position, term] of taxonomy.terms.entries()) {
      await db
        .insertInto('directory_taxonomy_terms')
        .values({
          id: randomUUID(),
          place_id: placeId,
          taxonomy_id: row.id,
          parent_id: null,
          code: term.code,
          term: term.term,
          term_cy: term.termCy,
          description: term.description,
          description_cy: term.descriptionCy,
          position,
        })
        .onConflict((oc) => oc.columns(['place_id', 'code']).doNothing())
        .execute();
    }
  }
}

export async function taxonomiesOf(db: Queryable, placeId: string): Promise<TaxonomyTable[]> {
  return db
    .selectFrom('directory_taxonomies')
    .selectAll()
    .where('place_id', '=', placeId)
    .orderBy('key', 'desc')
    .execute();
}

export async function findTaxonomy(
  db: Queryable,
  placeId: string,
  idOrKey: string,
): Promise<TaxonomyTable | undefined> {
  return db
    .selectFrom('directory_taxonomies')
    .selectAll()
    .where('place_id', '=', placeId)
    .where((eb) => eb.or([eb('id', '=', idOrKey), eb('key', '=', idOrKey)]))
    .executeTakeFirst();
}

export async function termsOf(db: Queryable, placeId: string): Promise<TaxonomyTermTable[]> {
  return db
    .selectFrom('directory_taxonomy_terms')
    .selectAll()
    .where('place_id', '=', placeId)
    .orderBy('taxonomy_id')
    .orderBy('position')
    .orderBy('term')
    .execute();
}

export async function findTerm(db: Queryable, placeId: string, id: string): Promise<TaxonomyTermTable | undefined> {
  return db
    .selectFrom('directory_taxonomy_terms')
    .selectAll()
    .where('place_id', '=', placeId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function insertTerm(db: Queryable, t: Omit<TaxonomyTermTable, 'id'>): Promise<TaxonomyTermTable> {
  const row = { id: randomUUID(), ...t };
  await db.insertInto('directory_taxonomy_terms').values(row).execute();
  return row;
}

export async function updateTerm(
  db: Queryable,
  placeId: string,
  id: string,
  change: { term: string; term_cy: string | null; description: string },
): Promise<void> {
  await db
    .updateTable('directory_taxonomy_terms')
    .set(change)
    .where('place_id', '=', placeId)
    .where('id', '=', id)
    .execute();
}

export async function deleteTerm(db: Queryable, placeId: string, id: string): Promise<void> {
  await db
    .deleteFrom('directory_attributes')
    .where('place_id', '=', placeId)
    .where('taxonomy_term_id', '=', id)
    .execute();
  await db.deleteFrom('directory_taxonomy_terms').where('place_id', '=', placeId).where('id', '=', id).execute();
}

/** The listings that carry a term (so their search text can be refreshed when it is renamed). */
export async function activityIdsWithTerm(db: Queryable, placeId: string, termId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('directory_attributes')
    .select('link_id')
    .where('place_id', '=', placeId)
    .where('taxonomy_term_id', '=', termId)
    .execute();
  return rows.map((r) => r.link_id);
}

// Postcodes

export async function findPostcode(
  db: Queryable,
  postcode: string,
): Promise<{ latitude: number; longitude: number } | undefined> {
  const row = await db
    .selectFrom('directory_postcodes')
    .select(['latitude', 'longitude'])
    .where('postcode', '=', postcode)
    .executeTakeFirst();
  return row ? { latitude: Number(row.latitude), longitude: Number(row.longitude) } : undefined;
}

export async function upsertPostcodes(
  db: Queryable,
  rows: ReadonlyArray<{ postcode: string; latitude: number; longitude: number }>,
): Promise<number> {
  if (!rows.length) return 0;
  await db
    .insertInto('directory_postcodes')
    .values([...rows])
    .onConflict((oc) =>
      oc
        .column('postcode')
        .doUpdateSet((eb) => ({ latitude: eb.ref('excluded.latitude'), longitude: eb.ref('excluded.longitude') })),
    )
    .execute();
  return rows.length;
}

export async function knownPostcodes(db: Queryable, postcodes: readonly string[]): Promise<Set<string>> {
  if (!postcodes.length) return new Set();
  const rows = await db
    .selectFrom('directory_postcodes')
    .select('postcode')
    .where('postcode', 'in', [...postcodes])
    .execute();
  return new Set(rows.map((r) => r.postcode));
}

export interface LocationSummary {
  id: string;
  name: string;
  address: string;
  postcode: string;
  organisationId: string | null;
  latitude: number | null;
  longitude: number | null;
}

/** A place's locations (halls, libraries, centres), by name: where community spaces are listed. */
export async function locationSummaries(
  db: Queryable,
  placeId: string,
  ids?: readonly string[],
): Promise<LocationSummary[]> {
  if (ids && ids.length === 0) return [];
  let query = db
    .selectFrom('directory_locations')
    .select(['id', 'name', 'address_1', 'city', 'postcode', 'organisation_id', 'latitude', 'longitude'])
    .where('place_id', '=', placeId);
  if (ids) query = query.where('id', 'in', [...ids]);
  const rows = await query.orderBy('name').orderBy('id').limit(5000).execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    address: [r.address_1, r.city].filter(Boolean).join(', '),
    postcode: r.postcode,
    organisationId: r.organisation_id,
    latitude: r.latitude === null ? null : Number(r.latitude),
    longitude: r.longitude === null ? null : Number(r.longitude),
  }));
}
