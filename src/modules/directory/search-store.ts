/**
 * Search over published listings, and the full-text index behind it. The SQL differs
 * by database only where it must: SQLite's FTS5 (porter stemming, bm25) against
 * PostgreSQL's tsvector with a GIN index (english stemming, ts_rank_cd).
 */
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { DialectName, Queryable } from '../../db/index.js';
import type { Database } from '../../db/schema.js';
import { boundingBox, haversineMetres, type Point } from '../../platform/postcodes.js';

/**
 * Refreshes one listing's entry in the full-text index: there while it is published,
 * gone otherwise. Call in the transaction that changed the listing.
 */
export async function reindexActivity(
  db: Queryable,
  dialect: DialectName,
  placeId: string,
  activityId: string,
): Promise<void> {
  const activity = await db
    .selectFrom('directory_activities as a')
    .innerJoin('directory_organisations as o', 'o.id', 'a.organisation_id')
    .select(['a.id', 'a.state', 'a.name', 'a.description', 'a.how_to_join', 'a.who_for', 'o.name as organisation'])
    .where('a.place_id', '=', placeId)
    .where('a.id', '=', activityId)
    .executeTakeFirst();
  const termRows = activity
    ? await db
        .selectFrom('directory_attributes as t')
        .innerJoin('directory_taxonomy_terms as term', 'term.id', 't.taxonomy_term_id')
        .select(['term.term', 'term.term_cy'])
        .where('t.place_id', '=', placeId)
        .where('t.link_id', '=', activityId)
        .execute()
    : [];
  const places = activity
    ? await db
        .selectFrom('directory_activity_locations as al')
        .innerJoin('directory_locations as l', 'l.id', 'al.location_id')
        .select(['l.name', 'l.city'])
        .where('al.activity_id', '=', activityId)
        .execute()
    : [];
  const terms = termRows.map((t) => [t.term, t.term_cy ?? ''].join(' ')).join(' ');
  const description = activity
    ? [activity.description, activity.how_to_join, activity.who_for, ...places.map((p) => `${p.name} ${p.city}`)].join(
        ' ',
      )
    : '';
  if (dialect === 'sqlite') {
    await sql`delete from directory_activity_fts where rowid = (select rowid from directory_activities where id = ${activityId})`.execute(
      db,
    );
    if (activity?.state === 'published') {
      await sql`insert into directory_activity_fts (rowid, activity_id, place_id, name, organisation, terms, description)
        select rowid, id, place_id, ${activity.name}, ${activity.organisation}, ${terms}, ${description} from directory_activities where id = ${activityId}`.execute(
        db,
      );
    }
    return;
  }
  if (activity?.state !== 'published') {
    await db.deleteFrom('directory_activity_search').where('activity_id', '=', activityId).execute();
    return;
  }
  const document = sql`setweight(to_tsvector('english', ${activity.name}), 'A') || setweight(to_tsvector('english', ${activity.organisation}), 'B') || setweight(to_tsvector('english', ${terms}), 'B') || setweight(to_tsvector('english', ${description}), 'C')`;
  await db
    .insertInto('directory_activity_search')
    .values({ activity_id: activityId, place_id: placeId, name: activity.name, document })
    .onConflict((oc) => oc.column('activity_id').doUpdateSet({ document, place_id: placeId, name: activity.name }))
    .execute();
}

/** Everything a search can narrow by; absent means "any". */
export interface ActivityFilter {
  placeId: string;
  words?: string[];
  freeOnly?: boolean;
  /** A person of this age may go. */
  age?: number;
  /** Meets on any of these days (two-letter codes). */
  days?: string[];
  /** Overlaps these wall-clock hours on a matching day. */
  window?: { from: string; to: string };
  /** ORUK start_time / end_time: opens at or after, closes at or before (HH:MM). */
  opensFrom?: string;
  closesBy?: string;
  /** Each group is "any of these terms"; every group must match. */
  termGroups?: string[][];
  taxonomyId?: string;
  organisationId?: string;
  modifiedAfter?: string;
  /** ORUK: minimum_age of at least / maximum_age of at most. */
  minimumAgeAtLeast?: number;
  maximumAgeAtMost?: number;
  near?: { point: Point; metres: number };
}

export interface Hit {
  id: string;
  name: string;
  rank: number;
  distanceMetres?: number;
  locationId?: string;
}

type Eb = ExpressionBuilder<Database & { a: Database['directory_activities'] }, 'a'>;

function conditions(eb: Eb, f: ActivityFilter): Expression<SqlBool>[] {
  const and: Expression<SqlBool>[] = [eb('a.place_id', '=', f.placeId), eb('a.state', '=', 'published')];
  if (f.freeOnly) and.push(eb('a.is_free', '=', 1));
  if (f.age !== undefined) {
    const age = f.age;
    and.push(eb.or([eb('a.minimum_age', 'is', null), eb('a.minimum_age', '<=', age)]));
    and.push(eb.or([eb('a.maximum_age', 'is', null), eb('a.maximum_age', '>=', age)]));
  }
  if (f.minimumAgeAtLeast !== undefined) and.push(eb('a.minimum_age', '>=', f.minimumAgeAtLeast));
  if (f.maximumAgeAtMost !== undefined) and.push(eb('a.maximum_age', '<=', f.maximumAgeAtMost));
  if (f.organisationId) and.push(eb('a.organisation_id', '=', f.organisationId));
  if (f.modifiedAfter) and.push(eb('a.updated_at', '>=', f.modifiedAfter));
  if (f.days?.length || f.window || f.opensFrom || f.closesBy) {
    const { days, window, opensFrom, closesBy } = f;
    and.push(
      eb.exists(
        eb
          .selectFrom('directory_schedules as s')
          .select('s.id')
          .whereRef('s.activity_id', '=', 'a.id')
          .$if(!!days?.length, (q) => q.where((w) => w.or(days!.map((day) => w('s.weekdays', 'like', `%${day}%`)))))
          .$if(!!window, (q) => q.where('s.opens_at', '<', window!.to).where('s.closes_at', '>', window!.from))
          .$if(!!opensFrom, (q) => q.where('s.opens_at', '>=', opensFrom!))
          .$if(!!closesBy, (q) => q.where('s.closes_at', '<=', closesBy!)),
      ),
    );
  }
  for (const group of f.termGroups ?? []) {
    and.push(
      eb.exists(
        eb
          .selectFrom('directory_attributes as t')
          .select('t.id')
          .whereRef('t.link_id', '=', 'a.id')
          .where('t.taxonomy_term_id', 'in', group.length ? group : ['']),
      ),
    );
  }
  if (f.taxonomyId) {
    const taxonomyId = f.taxonomyId;
    and.push(
      eb.exists(
        eb
          .selectFrom('directory_attributes as t')
          .innerJoin('directory_taxonomy_terms as tt', 'tt.id', 't.taxonomy_term_id')
          .select('t.id')
          .whereRef('t.link_id', '=', 'a.id')
          .where('tt.taxonomy_id', '=', taxonomyId),
      ),
    );
  }
  return and;
}

/** The place's locations inside the box around the point (the place/latitude/longitude index). */
function boxQuery(db: Queryable, placeId: string, point: Point, metres: number) {
  const box = boundingBox(point, metres);
  return db
    .selectFrom('directory_locations')
    .select(['id', 'latitude', 'longitude'])
    .where('place_id', '=', placeId)
    .where('latitude', '>=', box.minLat)
    .where('latitude', '<=', box.maxLat)
    .where('longitude', '>=', box.minLng)
    .where('longitude', '<=', box.maxLng);
}

/** Which listings are at these locations. */
function linksQuery(db: Queryable, locationIds: string[]) {
  return db
    .selectFrom('directory_activity_locations')
    .select(['activity_id', 'location_id'])
    .where('location_id', 'in', locationIds);
}

/** Locations within the distance: an indexed box first, then the exact great-circle distance. */
export async function locationsNear(
  db: Queryable,
  placeId: string,
  point: Point,
  metres: number,
): Promise<Map<string, number>> {
  const rows = await boxQuery(db, placeId, point, metres).execute();
  const near = new Map<string, number>();
  for (const r of rows) {
    const d = haversineMetres(point, { latitude: Number(r.latitude), longitude: Number(r.longitude) });
    if (d <= metres) near.set(r.id, d);
  }
  return near;
}

function matchExpression(dialect: DialectName, words: string[]) {
  return dialect === 'sqlite' ? words.map((w) => `"${w.replace(/"/g, '')}"`).join(' ') : words.join(' ');
}

/** The base query: published listings of the place that pass every filter, with a rank when words are given. */
function baseQuery(db: Queryable, dialect: DialectName, f: ActivityFilter, activityIds?: string[]) {
  const words = f.words?.length ? matchExpression(dialect, f.words) : undefined;
  let query = db.selectFrom('directory_activities as a');
  if (words && dialect === 'sqlite') {
    query = query.innerJoin(sql<{ rowid: number; rank: number }>`directory_activity_fts`.as('f'), (join) =>
      join.on(sql`f.rowid`, '=', sql`a.rowid`),
    );
  } else if (words) {
    query = query.innerJoin('directory_activity_search as ds', 'ds.activity_id', 'a.id');
  }
  return (
    query
      .where((eb) => eb.and(conditions(eb as unknown as Eb, f)))
      .$if(!!words && dialect === 'sqlite', (q) => q.where(sql<SqlBool>`directory_activity_fts match ${words}`))
      .$if(!!words && dialect === 'postgres', (q) =>
        q.where(sql<SqlBool>`ds.document @@ plainto_tsquery('english', ${words})`),
      )
      // Near a point, the few listings there are looked up by id rather than found among all.
      .$if(!!activityIds, (q) => q.where('a.id', 'in', activityIds!.length ? activityIds! : ['']))
  );
}

function rankExpression(dialect: DialectName, f: ActivityFilter) {
  if (!f.words?.length) return sql<number>`0`;
  return dialect === 'sqlite'
    ? sql<number>`-bm25(directory_activity_fts, 0, 0, 10.0, 4.0, 6.0, 1.0)`
    : sql<number>`ts_rank_cd(ds.document, plainto_tsquery('english', ${matchExpression(dialect, f.words)}))`;
}

/** The listings at these locations, each with the location of it nearest the point. */
async function nearestActivities(
  db: Queryable,
  near: Map<string, number>,
): Promise<Map<string, { locationId: string; metres: number }>> {
  // The locations are the place's already; leaving place_id out lets the
  // (location_id, activity_id) index answer alone, without visiting the table.
  const links = await linksQuery(db, [...near.keys()]).execute();
  const nearest = new Map<string, { locationId: string; metres: number }>();
  for (const link of links) {
    const metres = near.get(link.location_id)!;
    const seen = nearest.get(link.activity_id);
    if (!seen || metres < seen.metres) nearest.set(link.activity_id, { locationId: link.location_id, metres });
  }
  return nearest;
}

/**
 * Every match near a point, each with its nearest location: the caller orders and pages
 * them (the distance is only known after the exact check, so they cannot be paged in SQL).
 */
export async function searchNear(
  db: Queryable,
  dialect: DialectName,
  f: ActivityFilter & { near: { point: Point; metres: number } },
): Promise<Hit[]> {
  const near = await locationsNear(db, f.placeId, f.near.point, f.near.metres);
  if (!near.size) return [];
  const nearest = await nearestActivities(db, near);
  if (!nearest.size) return [];
  const ids = [...nearest.keys()];
  let rows: Array<{ id: string; name: string; rank: number }>;
  if (dialect === 'sqlite' && f.words?.length) {
    // Near a point the listings there are few: find them without the words, then keep those
    // the full-text index matches, and rank only those. Driving from a common word instead
    // ("club") would visit thousands of listings across the county.
    const match = matchExpression(dialect, f.words);
    const candidates = (await baseQuery(db, dialect, { ...f, words: undefined }, ids)
      .select(['a.id', 'a.name', sql<number>`a.rowid`.as('rowid')])
      .execute()) as unknown as Array<{ id: string; name: string; rowid: number }>;
    if (!candidates.length) return [];
    const rowids = sql.join(candidates.map((c) => Number(c.rowid)));
    const ranks = new Map(
      (
        await sql<{
          rowid: number;
          rank: number;
        }>`select rowid, -bm25(directory_activity_fts, 0, 0, 10.0, 4.0, 6.0, 1.0) as rank from directory_activity_fts
          where directory_activity_fts match ${match} and rowid in (${rowids})`.execute(db)
      ).rows.map((r) => [Number(r.rowid), Number(r.rank)]),
    );
    rows = candidates
      .filter((c) => ranks.has(Number(c.rowid)))
      .map((c) => ({ id: c.id, name: c.name, rank: ranks.get(Number(c.rowid))! }));
  } else {
    rows = (await baseQuery(db, dialect, f, ids)
      .select(['a.id', 'a.name', rankExpression(dialect, f).as('rank')])
      .execute()) as unknown as typeof rows;
  }
  return rows.map((row) => {
    const at = nearest.get(row.id)!;
    return { id: row.id, name: row.name, rank: Number(row.rank), distanceMetres: at.metres, locationId: at.locationId };
  });
}

/** Whether a search narrows by its words alone: nothing the listing's own row must be read for. */
function wordsOnly(f: ActivityFilter): boolean {
  const narrowing = Object.entries(f).filter(
    ([key, value]) => !['placeId', 'words', 'termGroups'].includes(key) && value !== undefined && value !== false,
  );
  return !!f.words?.length && !f.termGroups?.length && narrowing.length === 0;
}

/** PostgreSQL: the place's listings in the word index that hold every one of the words. */
function indexMatching(db: Queryable, placeId: string, words: readonly string[]) {
  return db
    .selectFrom('directory_activity_search')
    .where('place_id', '=', placeId)
    .where(sql<SqlBool>`document @@ plainto_tsquery('english', ${matchExpression('postgres', [...words])})`);
}

/**
 * PostgreSQL, words alone: the word index holds each published listing of the place with
 * its name, so the matches are ranked and counted there without joining every one of them
 * to its listing (which the planner does by reading the whole listings table: most of the
 * time of a search for a word a few hundred listings hold).
 */
async function searchIndexPage(
  db: Queryable,
  f: ActivityFilter,
  page: { sort: 'relevance' | 'name' | 'modified'; limit: number; offset: number },
): Promise<{ hits: Hit[]; total: number }> {
  const rank = sql<number>`ts_rank_cd(document, plainto_tsquery('english', ${matchExpression('postgres', f.words!)}))`;
  let rows = indexMatching(db, f.placeId, f.words!).select([
    'activity_id as id',
    'name',
    rank.as('rank'),
    sql<number>`count(*) over ()`.as('total'),
  ]);
  if (page.sort === 'relevance') rows = rows.orderBy(rank, 'desc');
  const found = await rows.orderBy('name').orderBy('activity_id').limit(page.limit).offset(page.offset).execute();
  const total = found.length
    ? Number(found[0]!.total)
    : page.offset
      ? Number(
          (
            await indexMatching(db, f.placeId, f.words!)
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        )
      : 0;
  return { hits: found.map((r) => ({ id: r.id, name: r.name, rank: Number(r.rank) })), total };
}

/** A page of matches ordered in SQL (no distance), and how many match in all. */
export async function searchPage(
  db: Queryable,
  dialect: DialectName,
  f: ActivityFilter,
  page: { sort: 'relevance' | 'name' | 'modified'; limit: number; offset: number },
): Promise<{ hits: Hit[]; total: number }> {
  if (dialect === 'postgres' && wordsOnly(f) && page.sort !== 'modified') return searchIndexPage(db, f, page);
  const rank = rankExpression(dialect, f);
  let query = baseQuery(db, dialect, f).select(['a.id', 'a.name', rank.as('rank')]);
  if (page.sort === 'relevance' && f.words?.length) query = query.orderBy(rank, 'desc');
  if (page.sort === 'modified') query = query.orderBy('a.updated_at', 'desc');
  query = query.orderBy('a.name').orderBy('a.id');
  if (dialect === 'postgres' && f.words?.length) {
    // Counted in the same pass: a page of word matches has found and ordered every match
    // already, and a second query would find and join them all again (half a search's
    // time for a common word). SQLite cannot count beside bm25, and counts them cheaply.
    const rows = await query
      .select(sql<number>`count(*) over ()`.as('total'))
      .limit(page.limit)
      .offset(page.offset)
      .execute();
    const total = rows.length
      ? Number(rows[0]!.total)
      : page.offset
        ? Number(
            (
              await baseQuery(db, dialect, f)
                .select((eb) => eb.fn.countAll<number>().as('n'))
                .executeTakeFirstOrThrow()
            ).n,
          )
        : 0;
    return { hits: rows.map((r) => ({ id: r.id, name: r.name, rank: Number(r.rank) })), total };
  }
  const [rows, count] = await Promise.all([
    query.limit(page.limit).offset(page.offset).execute(),
    baseQuery(db, dialect, f)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { hits: rows.map((r) => ({ id: r.id, name: r.name, rank: Number(r.rank) })), total: Number(count.n) };
}

/**
 * How many of a place's published listings each list of words matches, and how many it
 * has: counted in the full-text index alone, without ranking or reading a listing.
 */
export async function countMatches(
  db: Queryable,
  dialect: DialectName,
  placeId: string,
  wordLists: ReadonlyArray<readonly string[]>,
): Promise<{ listings: number; matches: number[] }> {
  const count = async (query: Promise<Array<{ n: number | string | bigint }>>) => Number((await query)[0]?.n ?? 0);
  if (dialect === 'sqlite') {
    // The index's place column is not indexed: the listing's own row says which place it is in.
    const [listings, ...matches] = await Promise.all([
      count(
        db
          .selectFrom('directory_activities')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('place_id', '=', placeId)
          .where('state', '=', 'published')
          .execute(),
      ),
      ...wordLists.map((words) =>
        count(
          sql<{
            n: number;
          }>`select count(*) as n from directory_activity_fts f join directory_activities a on a.rowid = f.rowid
            where directory_activity_fts match ${matchExpression(dialect, [...words])} and a.place_id = ${placeId} and a.state = 'published'`
            .execute(db)
            .then((r) => r.rows),
        ),
      ),
    ]);
    return { listings, matches };
  }
  // PostgreSQL's index holds published listings only, each with its place.
  const [listings, ...matches] = await Promise.all([
    count(
      db
        .selectFrom('directory_activity_search')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('place_id', '=', placeId)
        .execute(),
    ),
    ...wordLists.map((words) =>
      count(
        indexMatching(db, placeId, words)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .execute(),
      ),
    ),
  ]);
  return { listings, matches };
}

/** The SQL of the near search's queries, as searchNear runs them, for the test that shows they use indexes. */
export function explainableSearch(db: Queryable, dialect: DialectName, f: ActivityFilter, activityIds: string[]) {
  if (dialect === 'sqlite' && f.words?.length) {
    return [
      baseQuery(db, dialect, { ...f, words: undefined }, activityIds)
        .select(['a.id', 'a.name', sql<number>`a.rowid`.as('rowid')])
        .compile(),
      sql`select rowid from directory_activity_fts where directory_activity_fts match ${matchExpression(dialect, f.words)} and rowid in (${sql.join([1, 2, 3])})`.compile(
        db,
      ),
    ];
  }
  return [
    baseQuery(db, dialect, f, activityIds)
      .select(['a.id', 'a.name', rankExpression(dialect, f).as('rank')])
      .compile(),
  ];
}

/** The query that finds which listings are at the locations near a point, for the plan test. */
export function explainableLinks(db: Queryable, locationIds: string[]) {
  return linksQuery(db, locationIds).compile();
}

export function explainableBox(db: Queryable, placeId: string, point: Point, metres: number) {
  return boxQuery(db, placeId, point, metres).compile();
}

/** Published listings in id order, a batch at a time: exports and the ndjson feed. */
export async function publishedIdsAfter(
  db: Queryable,
  placeId: string,
  after: string,
  limit: number,
): Promise<string[]> {
  const rows = await db
    .selectFrom('directory_activities')
    .select('id')
    .where('place_id', '=', placeId)
    .where('state', '=', 'published')
    .where('id', '>', after)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/** A listing held at a location (ORUK's service_at_location). */
export interface ServiceAtLocation {
  id: string;
  activityId: string;
  locationId: string;
}

const toServiceAtLocation = (r: { id: string; activity_id: string; location_id: string }): ServiceAtLocation => ({
  id: r.id,
  activityId: r.activity_id,
  locationId: r.location_id,
});

/** Published locations (those with at least one published listing), for the GeoJSON export and the ORUK feed. */
export async function publishedServiceAtLocations(
  db: Queryable,
  placeId: string,
  options: { limit: number; offset: number; locationIds?: string[] },
): Promise<{ rows: ServiceAtLocation[]; total: number }> {
  let base = db
    .selectFrom('directory_activity_locations as al')
    .innerJoin('directory_activities as a', 'a.id', 'al.activity_id')
    .where('al.place_id', '=', placeId)
    .where('a.state', '=', 'published');
  if (options.locationIds)
    base = base.where('al.location_id', 'in', options.locationIds.length ? options.locationIds : ['']);
  const [rows, count] = await Promise.all([
    base
      .select(['al.id', 'al.activity_id', 'al.location_id'])
      .orderBy('al.id')
      .limit(options.limit)
      .offset(options.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows.map(toServiceAtLocation), total: Number(count.n) };
}

export async function findServiceAtLocation(
  db: Queryable,
  placeId: string,
  id: string,
): Promise<ServiceAtLocation | undefined> {
  const row = await db
    .selectFrom('directory_activity_locations as al')
    .innerJoin('directory_activities as a', 'a.id', 'al.activity_id')
    .select(['al.id', 'al.activity_id', 'al.location_id'])
    .where('al.place_id', '=', placeId)
    .where('al.id', '=', id)
    .where('a.state', '=', 'published')
    .executeTakeFirst();
  return row && toServiceAtLocation(row);
}

/** A location and one published listing held there. */
export interface PublishedLocation {
  id: string;
  name: string;
  address1: string;
  city: string;
  postcode: string;
  latitude: number | null;
  longitude: number | null;
  accessibility: string;
  activityId: string;
  activityName: string;
}

/** Published locations with their listings' names, for the map and the GeoJSON export. */
export async function publishedLocations(db: Queryable, placeId: string): Promise<PublishedLocation[]> {
  const rows = await db
    .selectFrom('directory_locations as l')
    .innerJoin('directory_activity_locations as al', 'al.location_id', 'l.id')
    .innerJoin('directory_activities as a', 'a.id', 'al.activity_id')
    .select([
      'l.id',
      'l.name',
      'l.address_1',
      'l.city',
      'l.postcode',
      'l.latitude',
      'l.longitude',
      'l.accessibility',
      'a.id as activity_id',
      'a.name as activity_name',
    ])
    .where('l.place_id', '=', placeId)
    .where('a.state', '=', 'published')
    .orderBy('l.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    address1: r.address_1,
    city: r.city,
    postcode: r.postcode,
    latitude: r.latitude === null ? null : Number(r.latitude),
    longitude: r.longitude === null ? null : Number(r.longitude),
    accessibility: r.accessibility,
    activityId: r.activity_id,
    activityName: r.activity_name,
  }));
}

/**
 * The place's directory version (version-schema.ts): read it before reading what it
 * guards, so whatever is kept under it is at least as new as it says.
 */
export async function directoryVersion(db: Queryable, placeId: string): Promise<number> {
  const row = await db
    .selectFrom('directory_versions')
    .select('version')
    .where('place_id', '=', placeId)
    .executeTakeFirst();
  return Number(row?.version ?? 0);
}

/** Raises the version where the triggers cannot see a change (SQLite's full-text table is virtual). */
export async function raiseDirectoryVersion(db: Queryable, placeId: string): Promise<void> {
  await db
    .insertInto('directory_versions')
    .values({ place_id: placeId, version: 1 })
    .onConflict((oc) => oc.column('place_id').doUpdateSet({ version: sql`directory_versions.version + 1` }))
    .execute();
}

/**
 * Rebuilds a place's whole full-text index from its published listings in one statement:
 * for bulk loads (the benchmark's county, a big import) where listing-by-listing would crawl.
 */
export async function rebuildSearchIndex(db: Queryable, dialect: DialectName, placeId: string): Promise<void> {
  const terms = sql`coalesce((select string_agg(tt.term, ' ') from directory_attributes t join directory_taxonomy_terms tt on tt.id = t.taxonomy_term_id where t.link_id = a.id), '')`;
  if (dialect === 'sqlite') {
    await sql`delete from directory_activity_fts where place_id = ${placeId}`.execute(db);
    await sql`insert into directory_activity_fts (rowid, activity_id, place_id, name, organisation, terms, description)
      select a.rowid, a.id, a.place_id, a.name, o.name,
        coalesce((select group_concat(tt.term, ' ') from directory_attributes t join directory_taxonomy_terms tt on tt.id = t.taxonomy_term_id where t.link_id = a.id), ''),
        a.description || ' ' || a.how_to_join || ' ' || a.who_for
      from directory_activities a join directory_organisations o on o.id = a.organisation_id
      where a.place_id = ${placeId} and a.state = 'published'`.execute(db);
    // After the rebuild, so nothing half-built is ever kept under the new version.
    await raiseDirectoryVersion(db, placeId);
    return;
  }
  await sql`delete from directory_activity_search where place_id = ${placeId}`.execute(db);
  await sql`insert into directory_activity_search (activity_id, place_id, name, document)
    select a.id, a.place_id, a.name,
      setweight(to_tsvector('english', a.name), 'A') || setweight(to_tsvector('english', o.name), 'B') ||
      setweight(to_tsvector('english', ${terms}), 'B') ||
      setweight(to_tsvector('english', a.description || ' ' || a.how_to_join || ' ' || a.who_for), 'C')
    from directory_activities a join directory_organisations o on o.id = a.organisation_id
    where a.place_id = ${placeId} and a.state = 'published'`.execute(db);
  await raiseDirectoryVersion(db, placeId);
}
