/**
 * The register of Assets of Community Value: nominations, decisions, removals and the
 * notices of intent to sell. Queries only; the dates are worked out in acv-dates.ts.
 */
import { randomUUID } from 'node:crypto';
import { nowIso, type Queryable } from '../../db/index.js';
import type { AcvNoticeTable, AcvStatus, AcvTable } from './schema.js';
import { assetLevels, type Viewing } from './store.js';

export interface AcvRecord {
  id: string;
  placeId: string;
  assetId: string;
  organisationId: string;
  organisationName: string;
  nominatedBy: string | null;
  nominatedOn: string;
  reasons: string;
  status: AcvStatus;
  decidedOn: string | null;
  decisionReason: string | null;
  decidedBy: string | null;
  removedOn: string | null;
  removalReason: string | null;
}

export interface AcvNotice {
  id: string;
  acvId: string;
  notifiedOn: string;
  bidderRequestedOn: string | null;
  bidderGroup: string | null;
}

const toRecord = (r: AcvTable): AcvRecord => ({
  id: r.id,
  placeId: r.place_id,
  assetId: r.asset_id,
  organisationId: r.organisation_id,
  organisationName: r.organisation_name,
  nominatedBy: r.nominated_by,
  nominatedOn: r.nominated_on,
  reasons: r.reasons,
  status: r.status,
  decidedOn: r.decided_on,
  decisionReason: r.decision_reason,
  decidedBy: r.decided_by,
  removedOn: r.removed_on,
  removalReason: r.removal_reason,
});

const toNotice = (r: AcvNoticeTable): AcvNotice => ({
  id: r.id,
  acvId: r.acv_id,
  notifiedOn: r.notified_on,
  bidderRequestedOn: r.bidder_requested_on,
  bidderGroup: r.bidder_group,
});

export async function insertNomination(
  db: Queryable,
  n: {
    placeId: string;
    assetId: string;
    organisationId: string;
    organisationName: string;
    nominatedBy: string | null;
    nominatedOn: string;
    reasons: string;
  },
): Promise<string> {
  const id = randomUUID();
  const now = nowIso();
  await db
    .insertInto('asset_acv')
    .values({
      id,
      place_id: n.placeId,
      asset_id: n.assetId,
      organisation_id: n.organisationId,
      organisation_name: n.organisationName,
      nominated_by: n.nominatedBy,
      nominated_on: n.nominatedOn,
      reasons: n.reasons,
      status: 'nominated',
      decided_on: null,
      decision_reason: null,
      decided_by: null,
      removed_on: null,
      removal_reason: null,
      removed_by: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

export async function findAcv(db: Queryable, placeId: string, id: string): Promise<AcvRecord | undefined> {
  const row = await db
    .selectFrom('asset_acv')
    .selectAll()
    .where('place_id', '=', placeId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toRecord(row);
}

/** The same, read for update: two decisions on one nomination at once cannot both pass their checks. */
export async function lockAcv(
  db: Queryable,
  dialect: 'sqlite' | 'postgres',
  placeId: string,
  id: string,
): Promise<AcvRecord | undefined> {
  let query = db.selectFrom('asset_acv').selectAll().where('place_id', '=', placeId).where('id', '=', id);
  // SQLite transactions already hold the write lock from their start (decision 0002).
  if (dialect === 'postgres') query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row && toRecord(row);
}

export async function acvsOfAsset(db: Queryable, placeId: string, assetId: string): Promise<AcvRecord[]> {
  const rows = await db
    .selectFrom('asset_acv')
    .selectAll()
    .where('place_id', '=', placeId)
    .where('asset_id', '=', assetId)
    .orderBy('nominated_on', 'desc')
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map(toRecord);
}

export async function recordDecision(
  db: Queryable,
  placeId: string,
  id: string,
  d: { status: 'listed' | 'not_listed'; decidedOn: string; reason: string; decidedBy: string | null },
): Promise<void> {
  await db
    .updateTable('asset_acv')
    .set({
      status: d.status,
      decided_on: d.decidedOn,
      decision_reason: d.reason,
      decided_by: d.decidedBy,
      updated_at: nowIso(),
    })
    .where('place_id', '=', placeId)
    .where('id', '=', id)
    .execute();
}

export async function recordRemoval(
  db: Queryable,
  placeId: string,
  id: string,
  r: { removedOn: string; reason: string; removedBy: string },
): Promise<void> {
  await db
    .updateTable('asset_acv')
    .set({
      status: 'removed',
      removed_on: r.removedOn,
      removal_reason: r.reason,
      removed_by: r.removedBy,
      updated_at: nowIso(),
    })
    .where('place_id', '=', placeId)
    .where('id', '=', id)
    .execute();
}

export async function insertNotice(
  db: Queryable,
  n: { placeId: string; acvId: string; notifiedOn: string; recordedBy: string | null },
): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('asset_acv_notices')
    .values({
      id,
      place_id: n.placeId,
      acv_id: n.acvId,
      notified_on: n.notifiedOn,
      recorded_by: n.recordedBy,
      bidder_requested_on: null,
      bidder_group: null,
      bidder_recorded_by: null,
      created_at: nowIso(),
    })
    .execute();
  return id;
}

export async function recordBidderRequest(
  db: Queryable,
  placeId: string,
  noticeId: string,
  b: { requestedOn: string; group: string; recordedBy: string | null },
): Promise<void> {
  await db
    .updateTable('asset_acv_notices')
    .set({ bidder_requested_on: b.requestedOn, bidder_group: b.group, bidder_recorded_by: b.recordedBy })
    .where('place_id', '=', placeId)
    .where('id', '=', noticeId)
    .execute();
}

export async function noticesOf(db: Queryable, placeId: string, acvIds: readonly string[]): Promise<AcvNotice[]> {
  if (!acvIds.length) return [];
  const rows = await db
    .selectFrom('asset_acv_notices')
    .selectAll()
    .where('place_id', '=', placeId)
    .where('acv_id', 'in', [...acvIds])
    .orderBy('notified_on')
    .orderBy('id')
    .execute();
  return rows.map(toNotice);
}

/**
 * The register as this viewer may see it: nominations of assets they may see, newest
 * first, with the asset's name, kind and postcode.
 */
export async function visibleRegister(db: Queryable, v: Viewing, options: { limit: number; offset: number }) {
  const base = db
    .selectFrom('asset_acv')
    .innerJoin('community_assets', 'community_assets.id', 'asset_acv.asset_id')
    .where('asset_acv.place_id', '=', v.placeId)
    .where('community_assets.place_id', '=', v.placeId)
    .where((eb) =>
      eb.or([
        eb('community_assets.visibility', 'in', assetLevels(v)),
        ...(v.viewerId ? [eb('community_assets.added_by', '=', v.viewerId)] : []),
      ]),
    );
  const [rows, count] = await Promise.all([
    base
      .selectAll('asset_acv')
      .select([
        'community_assets.name as asset_name',
        'community_assets.kind as asset_kind',
        'community_assets.postcode as asset_postcode',
      ])
      .orderBy('asset_acv.nominated_on', 'desc')
      .orderBy('asset_acv.id')
      .limit(options.limit)
      .offset(options.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    entries: rows.map((r) => ({
      ...toRecord(r),
      assetName: r.asset_name,
      assetKind: r.asset_kind,
      assetPostcode: r.asset_postcode,
    })),
    total: Number(count.n),
  };
}

/** The standing ACV records (nominated or listed) of the given assets: for the map's tags and exports. */
export async function currentAcvsOf(db: Queryable, placeId: string, assetIds: readonly string[]): Promise<AcvRecord[]> {
  if (!assetIds.length) return [];
  const rows = await db
    .selectFrom('asset_acv')
    .selectAll()
    .where('place_id', '=', placeId)
    .where('asset_id', 'in', [...assetIds])
    .where('status', 'in', ['nominated', 'listed'])
    .orderBy('nominated_on', 'desc')
    .execute();
  return rows.map(toRecord);
}

export async function nominationsBy(db: Queryable, personId: string) {
  return db
    .selectFrom('asset_acv')
    .innerJoin('community_assets', 'community_assets.id', 'asset_acv.asset_id')
    .select([
      'community_assets.name as asset',
      'asset_acv.organisation_name as group',
      'asset_acv.nominated_on as nominatedOn',
      'asset_acv.reasons',
      'asset_acv.status',
    ])
    .where('asset_acv.nominated_by', '=', personId)
    .orderBy('asset_acv.nominated_on')
    .execute();
}

/** The register keeps its entries (they are the council's public record); who made each one is forgotten. */
export async function forgetRegisterPerson(db: Queryable, personId: string): Promise<void> {
  await db.updateTable('asset_acv').set({ nominated_by: null }).where('nominated_by', '=', personId).execute();
  await db.updateTable('asset_acv').set({ decided_by: null }).where('decided_by', '=', personId).execute();
  await db.updateTable('asset_acv').set({ removed_by: null }).where('removed_by', '=', personId).execute();
  await db.updateTable('asset_acv_notices').set({ recorded_by: null }).where('recorded_by', '=', personId).execute();
  await db
    .updateTable('asset_acv_notices')
    .set({ bidder_recorded_by: null })
    .where('bidder_recorded_by', '=', personId)
    .execute();
}
