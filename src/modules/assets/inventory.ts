/**
 * The place's assets other than people's skills: adding, changing and removing them,
 * and the asset map's search by kind and area. Each change is one transaction with its
 * audit record.
 */
import { NotFoundError, RuleError } from '../../errors.js';
import type { Queryable } from '../../db/index.js';
import type { Kith } from '../../kith.js';
import { recordAudit } from '../../platform/audit/index.js';
import { once, type Submission } from '../../platform/idempotency/index.js';
import type { Actor } from '../../policy/index.js';
import { organisationSummariesByIds, pointForPostcode } from '../directory/index.js';
import {
  boundingBox,
  haversineMetres,
  METRES_PER_MILE,
  normalisePostcode,
  type Point,
} from '../../platform/postcodes.js';
import { acvsOfAsset } from './acv-store.js';
import { COMMUNITY_ASSET_KINDS, isPlaced, type AssetInput, type AssetKind } from './inputs.js';
import { visibleLevels } from './visibility.js';
import type { CommunityAssetKind } from './schema.js';
import {
  countVisible,
  deleteAsset,
  findAsset,
  insertAsset,
  updateAsset,
  visibleAssets,
  visibleAssetsInBox,
  visiblePoints,
  visibleSkills,
  type AssetFields,
  type CommunityAsset,
  type MapPoint,
  type Skill,
  type Viewing,
} from './store.js';

export function viewingFor(actor: Actor, placeId: string): Viewing {
  return { placeId, levels: visibleLevels(actor, placeId), viewerId: actor.personId };
}

/**
 * What a form says, checked against the place: the organisation must be one of the
 * place's, a postcode only for kinds that are somewhere, and a postcode must be known.
 */
async function fieldsOf(db: Queryable, placeId: string, input: AssetInput): Promise<AssetFields> {
  if (
    input.organisation &&
    !(await organisationSummariesByIds(db, placeId, [input.organisation])).has(input.organisation)
  ) {
    throw new RuleError('assets.validation.organisation', {}, 'organisation');
  }
  let point: Point | undefined;
  let postcode: string | null = null;
  if (input.postcode) {
    if (!isPlaced(input.kind)) throw new RuleError('assets.validation.postcode.notPlaced', {}, 'postcode');
    postcode = normalisePostcode(input.postcode) ?? null;
    if (!postcode) throw new RuleError('assets.validation.postcode.format', {}, 'postcode');
    point = await pointForPostcode(db, postcode);
    if (!point) throw new RuleError('assets.validation.postcode.unknown', { postcode }, 'postcode');
  }
  return {
    kind: input.kind,
    name: input.name,
    description: input.description,
    organisationId: input.organisation,
    postcode,
    latitude: point?.latitude ?? null,
    longitude: point?.longitude ?? null,
    visibility: input.visibility,
  };
}

export async function addAsset(
  kith: Kith,
  c: { placeId: string; personId: string; input: AssetInput; submission?: Submission },
): Promise<string> {
  const { result } = await once(kith.db, 'assets.addAsset', c.submission, async (trx) => {
    const id = await insertAsset(trx, {
      placeId: c.placeId,
      addedBy: c.personId,
      ...(await fieldsOf(trx, c.placeId, c.input)),
    });
    await recordAudit(trx, {
      placeId: c.placeId,
      actorId: c.personId,
      action: 'assetMap.assetAdded',
      subjectType: 'community_asset',
      subjectId: id,
      detail: { name: c.input.name },
    });
    return id;
  });
  return result;
}

export async function changeAsset(
  kith: Kith,
  c: { placeId: string; personId: string; assetId: string; input: AssetInput },
): Promise<void> {
  await kith.db.transaction(async (trx) => {
    const asset = await findAsset(trx, c.placeId, c.assetId);
    if (!asset) throw new NotFoundError();
    // A nominated or listed building stays a building: the register depends on it.
    if ((await acvsOfAsset(trx, c.placeId, asset.id)).length && c.input.kind !== asset.kind)
      throw new RuleError('assets.asset.kindOnRegister', {}, 'kind');
    await updateAsset(trx, c.placeId, asset.id, await fieldsOf(trx, c.placeId, c.input));
    await recordAudit(trx, {
      placeId: c.placeId,
      actorId: c.personId,
      action: 'assetMap.assetChanged',
      subjectType: 'community_asset',
      subjectId: asset.id,
      detail: { name: c.input.name },
    });
  });
}

export async function removeAsset(
  kith: Kith,
  c: { placeId: string; personId: string; assetId: string },
): Promise<void> {
  await kith.db.transaction(async (trx) => {
    const asset = await findAsset(trx, c.placeId, c.assetId);
    if (!asset) throw new NotFoundError();
    if ((await acvsOfAsset(trx, c.placeId, asset.id)).length)
      throw new RuleError('assets.asset.onRegister', {}, 'remove');
    await deleteAsset(trx, c.placeId, asset.id);
    await recordAudit(trx, {
      placeId: c.placeId,
      actorId: c.personId,
      action: 'assetMap.assetRemoved',
      subjectType: 'community_asset',
      subjectId: asset.id,
      detail: { name: asset.name },
    });
  });
}

export interface MapQuery {
  kinds: AssetKind[];
  near?: { point: Point; miles: number };
  page: number;
  perPage: number;
  /** The map view's markers too (the list view needs none). */
  withPoints?: boolean;
}

export type MapEntry =
  { type: 'asset'; asset: CommunityAsset; distanceMetres?: number } | { type: 'skill'; skill: Skill };

export interface MapResult {
  entries: MapEntry[];
  total: number;
  counts: Record<AssetKind, number>;
  /** With `withPoints`, every matching asset with a point (up to a limit), for the map: never skills. */
  points: MapPoint[];
}

/** Candidates the area filter reads from its box before measuring exact distances. */
const BOX_LIMIT = 5000;
const MAP_POINTS = 1000;

/**
 * The asset map: what this viewer may see, of the chosen kinds, optionally within a
 * distance of a point (then only assets with a point, nearest first). Assets come
 * first, by name, then skills, newest first; counts are for every kind.
 */
export async function assetMap(db: Queryable, viewing: Viewing, query: MapQuery): Promise<MapResult> {
  const assetKinds = query.kinds.filter((k): k is CommunityAssetKind => k !== 'skills');
  const withSkills = query.kinds.includes('skills');
  const offset = (query.page - 1) * query.perPage;
  const counts = Object.fromEntries(['skills', ...COMMUNITY_ASSET_KINDS].map((k) => [k, 0])) as Record<
    AssetKind,
    number
  >;

  if (query.near) {
    const metres = query.near.miles * METRES_PER_MILE;
    const box = boundingBox(query.near.point, metres);
    const everyKind = await visibleAssetsInBox(db, viewing, box, { kinds: COMMUNITY_ASSET_KINDS, limit: BOX_LIMIT });
    const within = everyKind
      .map((asset) => ({
        asset,
        distanceMetres: haversineMetres(query.near!.point, { latitude: asset.latitude!, longitude: asset.longitude! }),
      }))
      .filter((e) => e.distanceMetres <= metres)
      .sort((a, b) => a.distanceMetres - b.distanceMetres || a.asset.name.localeCompare(b.asset.name));
    for (const e of within) counts[e.asset.kind]++;
    const chosen = within.filter((e) => assetKinds.includes(e.asset.kind));
    return {
      entries: chosen.slice(offset, offset + query.perPage).map((e) => ({ type: 'asset', ...e })),
      total: chosen.length,
      counts,
      points: query.withPoints
        ? chosen
            .slice(0, MAP_POINTS)
            .map(({ asset: a }) => ({ id: a.id, name: a.name, latitude: a.latitude!, longitude: a.longitude! }))
        : [],
    };
  }

  const visible = await countVisible(db, viewing);
  counts.skills = visible.skills;
  for (const kind of COMMUNITY_ASSET_KINDS) counts[kind] = visible.assets[kind] ?? 0;
  const assetTotal = assetKinds.reduce((sum, k) => sum + counts[k], 0);
  const skillTotal = withSkills ? counts.skills : 0;
  const assets = await visibleAssets(db, viewing, {
    kinds: assetKinds,
    limit: Math.max(0, Math.min(query.perPage, assetTotal - offset)),
    offset: Math.min(offset, assetTotal),
  });
  const room = query.perPage - assets.length;
  const skills =
    withSkills && room > 0
      ? (await visibleSkills(db, viewing, { limit: room, offset: Math.max(0, offset - assetTotal) })).skills
      : [];
  return {
    entries: [
      ...assets.map((asset): MapEntry => ({ type: 'asset', asset })),
      ...skills.map((skill): MapEntry => ({ type: 'skill', skill })),
    ],
    total: assetTotal + skillTotal,
    counts,
    points: query.withPoints ? await visiblePoints(db, viewing, { kinds: assetKinds, limit: MAP_POINTS }) : [],
  };
}
