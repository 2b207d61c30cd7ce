/**
 * The asset map's queries: skills and the place's other assets. The only file (with
 * acv-store.ts, for the register) that knows SQL. Every query that returns skills or
 * assets to someone takes the visibilities they may see and their own id, so what a
 * viewer may not see never leaves the database.
 */
import { randomUUID } from 'node:crypto';
import type { ExpressionBuilder } from 'kysely';
import { nowIso, type Queryable } from '../../db/index.js';
import type { Database } from '../../db/schema.js';
import type { CommunityAssetKind, CommunityAssetTable, SkillKind, SkillTable, Visibility } from './schema.js';

/** Who is looking: the visibilities they may see, and their own id (their own things are always theirs to see). */
export interface Viewing {
  placeId: string;
  levels: readonly Visibility[];
  viewerId: string | null;
}

export interface Skill {
  id: string;
  placeId: string;
  personId: string;
  kind: SkillKind;
  description: string;
  category: string | null;
  visibility: Visibility;
  createdAt: string;
  updatedAt: string;
}

const toSkill = (r: SkillTable): Skill => ({
  id: r.id,
  placeId: r.place_id,
  personId: r.person_id,
  kind: r.kind,
  description: r.description,
  category: r.category,
  visibility: r.visibility,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export interface SkillFields {
  kind: SkillKind;
  description: string;
  category: string | null;
  visibility: Visibility;
}

export async function insertSkill(
  db: Queryable,
  s: SkillFields & { placeId: string; personId: string },
): Promise<string> {
  const id = randomUUID();
  const now = nowIso();
  await db
    .insertInto('asset_skills')
    .values({
      id,
      place_id: s.placeId,
      person_id: s.personId,
      kind: s.kind,
      description: s.description,
      category: s.category,
      visibility: s.visibility,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

export async function updateSkill(db: Queryable, placeId: string, id: string, s: SkillFields): Promise<void> {
  await db
    .updateTable('asset_skills')
    .set({
      kind: s.kind,
      description: s.description,
      category: s.category,
      visibility: s.visibility,
      updated_at: nowIso(),
    })
    .where('place_id', '=', placeId)
    .where('id', '=', id)
    .execute();
}

export async function deleteSkill(db: Queryable, placeId: string, id: string): Promise<void> {
  await db.deleteFrom('asset_skills').where('place_id', '=', placeId).where('id', '=', id).execute();
}

export async function findSkill(db: Queryable, placeId: string, id: string): Promise<Skill | undefined> {
  const row = await db
    .selectFrom('asset_skills')
    .selectAll()
    .where('place_id', '=', placeId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toSkill(row);
}

export async function skillsOf(db: Queryable, placeId: string, personId: string): Promise<Skill[]> {
  const rows = await db
    .selectFrom('asset_skills')
    .selectAll()
    .where('person_id', '=', personId)
    .where('place_id', '=', placeId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(toSkill);
}

/** Every skill of a person in every place: for their download. */
export async function allSkillsOf(db: Queryable, personId: string): Promise<Skill[]> {
  return (
    await db.selectFrom('asset_skills').selectAll().where('person_id', '=', personId).orderBy('created_at').execute()
  ).map(toSkill);
}

export async function deleteSkillsOf(db: Queryable, personId: string): Promise<void> {
  await db.deleteFrom('asset_skills').where('person_id', '=', personId).execute();
}

function seenSkill(v: Viewing) {
  return (eb: ExpressionBuilder<Database, 'asset_skills'>) =>
    eb.and([
      eb('place_id', '=', v.placeId),
      eb.or([eb('visibility', 'in', [...v.levels]), ...(v.viewerId ? [eb('person_id', '=', v.viewerId)] : [])]),
    ]);
}

/**
 * How many skills this viewer may see: those of the visibilities they may see (from the
 * index alone), and their own of any other visibility. Two indexed counts, not one
 * OR that makes the database read every skill in the place.
 */
async function countSeenSkills(db: Queryable, v: Viewing): Promise<number> {
  const [shared, own] = await Promise.all([
    sharedSkillCountQuery(db, v).executeTakeFirstOrThrow(),
    v.viewerId
      ? db
          .selectFrom('asset_skills')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('person_id', '=', v.viewerId)
          .where('place_id', '=', v.placeId)
          .where('visibility', 'not in', [...v.levels])
          .executeTakeFirstOrThrow()
      : { n: 0 },
  ]);
  return Number(shared.n) + Number(own.n);
}

function sharedSkillCountQuery(db: Queryable, v: Viewing) {
  return db
    .selectFrom('asset_skills')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('place_id', '=', v.placeId)
    .where('visibility', 'in', [...v.levels]);
}

function skillPageQuery(
  db: Queryable,
  v: Viewing,
  options: { words?: readonly string[]; limit: number; offset: number },
) {
  let query = db.selectFrom('asset_skills').where(seenSkill(v));
  for (const word of options.words ?? [])
    query = query.where((eb) => eb(eb.fn('lower', ['description']), 'like', `%${word}%`));
  return query;
}

/** Newest first. `words`: lower-cased words a description must all contain (already stripped of LIKE's wildcards). */
export async function visibleSkills(
  db: Queryable,
  v: Viewing,
  options: { words?: readonly string[]; limit: number; offset: number },
): Promise<{ skills: Skill[]; total: number }> {
  const query = skillPageQuery(db, v, options);
  const [rows, total] = await Promise.all([
    query
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(options.limit)
      .offset(options.offset)
      .execute(),
    options.words?.length
      ? query
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
          .then((r) => Number(r.n))
      : countSeenSkills(db, v),
  ]);
  return { skills: rows.map(toSkill), total };
}

export interface CommunityAsset {
  id: string;
  placeId: string;
  kind: CommunityAssetKind;
  name: string;
  description: string;
  organisationId: string | null;
  postcode: string | null;
  latitude: number | null;
  longitude: number | null;
  visibility: Exclude<Visibility, 'only_me'>;
  addedBy: string | null;
  createdAt: string;
  updatedAt: string;
}

const toAsset = (r: CommunityAssetTable): CommunityAsset => ({
  id: r.id,
  placeId: r.place_id,
  kind: r.kind,
  name: r.name,
  description: r.description,
  organisationId: r.organisation_id,
  postcode: r.postcode,
  latitude: r.latitude === null ? null : Number(r.latitude),
  longitude: r.longitude === null ? null : Number(r.longitude),
  visibility: r.visibility,
  addedBy: r.added_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export interface AssetFields {
  kind: CommunityAssetKind;
  name: string;
  description: string;
  organisationId: string | null;
  postcode: string | null;
  latitude: number | null;
  longitude: number | null;
  visibility: Exclude<Visibility, 'only_me'>;
}

const assetColumns = (a: AssetFields) => ({
  kind: a.kind,
  name: a.name,
  description: a.description,
  organisation_id: a.organisationId,
  postcode: a.postcode,
  latitude: a.latitude,
  longitude: a.longitude,
  visibility: a.visibility,
});

export async function insertAsset(
  db: Queryable,
  a: AssetFields & { placeId: string; addedBy: string | null },
): Promise<string> {
  const id = randomUUID();
  const now = nowIso();
  await db
    .insertInto('community_assets')
    .values({ id, place_id: a.placeId, ...assetColumns(a), added_by: a.addedBy, created_at: now, updated_at: now })
    .execute();
  return id;
}

export async function updateAsset(db: Queryable, placeId: string, id: string, a: AssetFields): Promise<void> {
  await db
    .updateTable('community_assets')
    .set({ ...assetColumns(a), updated_at: nowIso() })
    .where('place_id', '=', placeId)
    .where('id', '=', id)
    .execute();
}

export async function deleteAsset(db: Queryable, placeId: string, id: string): Promise<void> {
  await db.deleteFrom('community_assets').where('place_id', '=', placeId).where('id', '=', id).execute();
}

/** An asset, whoever is asking: for commands and for the rule that decides who may see it. */
export async function findAsset(db: Queryable, placeId: string, id: string): Promise<CommunityAsset | undefined> {
  const row = await db
    .selectFrom('community_assets')
    .selectAll()
    .where('place_id', '=', placeId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toAsset(row);
}

/** The visibilities an asset can have that this viewer may see ("only me" is for skills alone). */
export function assetLevels(v: Viewing): Array<Exclude<Visibility, 'only_me'>> {
  return v.levels.filter((l): l is Exclude<Visibility, 'only_me'> => l !== 'only_me');
}

/** The same, read for update on PostgreSQL: two nominations of one asset at once cannot both pass the "one at a time" check. */
export async function lockAsset(
  db: Queryable,
  dialect: 'sqlite' | 'postgres',
  placeId: string,
  id: string,
): Promise<CommunityAsset | undefined> {
  let query = db.selectFrom('community_assets').selectAll().where('place_id', '=', placeId).where('id', '=', id);
  // SQLite transactions hold the write lock from their start (decision 0002).
  if (dialect === 'postgres') query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row && toAsset(row);
}

function seenAsset(v: Viewing) {
  return (eb: ExpressionBuilder<Database, 'community_assets'>) =>
    eb.and([
      eb('community_assets.place_id', '=', v.placeId),
      eb.or([
        eb('community_assets.visibility', 'in', assetLevels(v)),
        ...(v.viewerId ? [eb('community_assets.added_by', '=', v.viewerId)] : []),
      ]),
    ]);
}

export async function findVisibleAsset(db: Queryable, v: Viewing, id: string): Promise<CommunityAsset | undefined> {
  const row = await db
    .selectFrom('community_assets')
    .selectAll()
    .where(seenAsset(v))
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toAsset(row);
}

export async function countVisible(
  db: Queryable,
  v: Viewing,
): Promise<{ skills: number; assets: Partial<Record<CommunityAssetKind, number>> }> {
  const [skills, kinds] = await Promise.all([
    countSeenSkills(db, v),
    db
      .selectFrom('community_assets')
      .where(seenAsset(v))
      .select(['kind', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('kind')
      .execute(),
  ]);
  return { skills, assets: Object.fromEntries(kinds.map((k) => [k.kind, Number(k.n)])) };
}

/** A page of assets by name, of the chosen kinds. */
export async function visibleAssets(
  db: Queryable,
  v: Viewing,
  options: { kinds: readonly CommunityAssetKind[]; limit: number; offset: number },
): Promise<CommunityAsset[]> {
  if (!options.kinds.length || options.limit <= 0) return [];
  const rows = await db
    .selectFrom('community_assets')
    .selectAll()
    .where(seenAsset(v))
    .where('kind', 'in', [...options.kinds])
    .orderBy('name')
    .orderBy('id')
    .limit(options.limit)
    .offset(options.offset)
    .execute();
  return rows.map(toAsset);
}

type Box = { minLat: number; maxLat: number; minLng: number; maxLng: number };

/** Every visible asset with a point inside the box (the area filter's first, indexable cut). */
export async function visibleAssetsInBox(
  db: Queryable,
  v: Viewing,
  box: Box,
  options: { kinds: readonly CommunityAssetKind[]; limit: number },
): Promise<CommunityAsset[]> {
  if (!options.kinds.length) return [];
  const rows = await boxQuery(db, v, box, options).execute();
  return rows.map(toAsset);
}

function boxQuery(
  db: Queryable,
  v: Viewing,
  box: Box,
  options: { kinds: readonly CommunityAssetKind[]; limit: number },
) {
  return db
    .selectFrom('community_assets')
    .selectAll()
    .where(seenAsset(v))
    .where('kind', 'in', [...options.kinds])
    .where('latitude', '>=', box.minLat)
    .where('latitude', '<=', box.maxLat)
    .where('longitude', '>=', box.minLng)
    .where('longitude', '<=', box.maxLng)
    .orderBy('name')
    .orderBy('id')
    .limit(options.limit);
}

/** The queries that matter, compiled, for the test that reads their plans. */
export function explainable(db: Queryable, v: Viewing, box: Box) {
  return {
    skillPage: skillPageQuery(db, v, { limit: 20, offset: 0 })
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(20)
      .compile(),
    skillCount: sharedSkillCountQuery(db, v).compile(),
    box: boxQuery(db, v, box, { kinds: ['physical', 'economic'], limit: 5000 }).compile(),
  };
}

export interface MapPoint {
  id: string;
  name: string;
  latitude: number;
  longitude: number;
}

/** Visible assets with a point, of the chosen kinds, for the map (at most `limit`): only what a marker needs. */
export async function visiblePoints(
  db: Queryable,
  v: Viewing,
  options: { kinds: readonly CommunityAssetKind[]; limit: number },
): Promise<MapPoint[]> {
  if (!options.kinds.length) return [];
  const rows = await db
    .selectFrom('community_assets')
    .select(['id', 'name', 'latitude', 'longitude'])
    .where(seenAsset(v))
    .where('kind', 'in', [...options.kinds])
    .where('latitude', 'is not', null)
    .where('longitude', 'is not', null)
    .orderBy('name')
    .orderBy('id')
    .limit(options.limit)
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, latitude: Number(r.latitude), longitude: Number(r.longitude) }));
}

/** Visible assets in id order after `after`: the exports read them in batches. */
export async function visibleAssetsAfter(
  db: Queryable,
  v: Viewing,
  after: string,
  limit: number,
): Promise<CommunityAsset[]> {
  const rows = await db
    .selectFrom('community_assets')
    .selectAll()
    .where(seenAsset(v))
    .where('id', '>', after)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map(toAsset);
}

/** Visible skills in id order after `after`, for the exports. */
export async function visibleSkillsAfter(db: Queryable, v: Viewing, after: string, limit: number): Promise<Skill[]> {
  const rows = await db
    .selectFrom('asset_skills')
    .selectAll()
    .where(seenSkill(v))
    .where('id', '>', after)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map(toSkill);
}

/** Assets of the given kinds this viewer may see: the choices for a nomination. */
export async function visibleAssetsOfKinds(
  db: Queryable,
  v: Viewing,
  kinds: readonly CommunityAssetKind[],
): Promise<CommunityAsset[]> {
  const rows = await db
    .selectFrom('community_assets')
    .selectAll()
    .where(seenAsset(v))
    .where('kind', 'in', [...kinds])
    .orderBy('name')
    .limit(1000)
    .execute();
  return rows.map(toAsset);
}

export async function assetsAddedBy(db: Queryable, personId: string): Promise<CommunityAsset[]> {
  return (
    await db.selectFrom('community_assets').selectAll().where('added_by', '=', personId).orderBy('created_at').execute()
  ).map(toAsset);
}

export async function forgetAssetsAddedBy(db: Queryable, personId: string): Promise<void> {
  await db.updateTable('community_assets').set({ added_by: null }).where('added_by', '=', personId).execute();
}
