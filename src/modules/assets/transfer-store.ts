/**
 * Community asset transfers: the transfer with its stages, the groups' expressions of
 * interest and business cases, and residents' views. Queries only; the rules are in
 * transfer-rules.ts and the commands in transfer.ts.
 */
import { randomUUID } from 'node:crypto';
import { nowIso, type Queryable } from '../../db/index.js';
import type {
  AssetTransferInterestTable,
  AssetTransferTable,
  CaseStatus,
  InterestStatus,
  Tenure,
  TransferStage,
  ViewStance,
} from './schema.js';

export interface Transfer {
  id: string;
  placeId: string;
  assetId: string;
  summary: string;
  interestClosesOn: string;
  stage: TransferStage;
  openedOn: string;
  shortlistedOn: string | null;
  viewsOpenedOn: string | null;
  decidedOn: string | null;
  decidedInterestId: string | null;
  decisionReasons: string | null;
  termsOn: string | null;
  tenure: Tenure | null;
  termYears: number | null;
  rentPence: number | null;
  conditions: string | null;
  handoverOn: string | null;
  stewardOrganisationId: string | null;
  stewardOrganisationName: string | null;
  withdrawnOn: string | null;
  withdrawnReason: string | null;
}

export interface Interest {
  id: string;
  transferId: string;
  organisationId: string;
  organisationName: string;
  sentBy: string | null;
  sentOn: string;
  whoWeAre: string;
  whatWeWouldDo: string;
  communityBenefit: string;
  status: InterestStatus;
  withdrawnOn: string | null;
  caseStatus: CaseStatus | null;
  casePlan: string | null;
  caseFinance: string | null;
  caseGovernance: string | null;
  caseBeneficiaries: string | null;
  caseSubmittedOn: string | null;
  changesAsked: string | null;
}

const toTransfer = (r: AssetTransferTable): Transfer => ({
  id: r.id,
  placeId: r.place_id,
  assetId: r.asset_id,
  summary: r.summary,
  interestClosesOn: r.interest_closes_on,
  stage: r.stage,
  openedOn: r.opened_on,
  shortlistedOn: r.shortlisted_on,
  viewsOpenedOn: r.views_opened_on,
  decidedOn: r.decided_on,
  decidedInterestId: r.decided_interest_id,
  decisionReasons: r.decision_reasons,
  termsOn: r.terms_on,
  tenure: r.tenure,
  termYears: r.term_years === null ? null : Number(r.term_years),
  rentPence: r.rent_pence === null ? null : Number(r.rent_pence),
  conditions: r.conditions,
  handoverOn: r.handover_on,
  stewardOrganisationId: r.steward_organisation_id,
  stewardOrganisationName: r.steward_organisation_name,
  withdrawnOn: r.withdrawn_on,
  withdrawnReason: r.withdrawn_reason,
});

const toInterest = (r: AssetTransferInterestTable): Interest => ({
  id: r.id,
  transferId: r.transfer_id,
  organisationId: r.organisation_id,
  organisationName: r.organisation_name,
  sentBy: r.sent_by,
  sentOn: r.sent_on,
  whoWeAre: r.who_we_are,
  whatWeWouldDo: r.what_we_would_do,
  communityBenefit: r.community_benefit,
  status: r.status,
  withdrawnOn: r.withdrawn_on,
  caseStatus: r.case_status,
  casePlan: r.case_plan,
  caseFinance: r.case_finance,
  caseGovernance: r.case_governance,
  caseBeneficiaries: r.case_beneficiaries,
  caseSubmittedOn: r.case_submitted_on,
  changesAsked: r.changes_asked,
});

export async function insertTransfer(
  db: Queryable,
  n: {
    placeId: string;
    assetId: string;
    summary: string;
    interestClosesOn: string;
    openedOn: string;
    openedBy: string | null;
  },
): Promise<string> {
  const id = randomUUID();
  const now = nowIso();
  await db
    .insertInto('asset_transfers')
    .values({
      id,
      place_id: n.placeId,
      asset_id: n.assetId,
      summary: n.summary,
      interest_closes_on: n.interestClosesOn,
      stage: 'interest',
      opened_on: n.openedOn,
      opened_by: n.openedBy,
      shortlisted_on: null,
      views_opened_on: null,
      decided_on: null,
      decided_interest_id: null,
      decision_reasons: null,
      decided_by: null,
      terms_on: null,
      tenure: null,
      term_years: null,
      rent_pence: null,
      conditions: null,
      handover_on: null,
      steward_organisation_id: null,
      steward_organisation_name: null,
      withdrawn_on: null,
      withdrawn_reason: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

export async function findTransfer(db: Queryable, placeId: string, id: string): Promise<Transfer | undefined> {
  const row = await db
    .selectFrom('asset_transfers')
    .selectAll()
    .where('place_id', '=', placeId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toTransfer(row);
}

/** The same, read for update: two stage moves at once cannot both pass their checks. */
export async function lockTransfer(
  db: Queryable,
  dialect: 'sqlite' | 'postgres',
  placeId: string,
  id: string,
): Promise<Transfer | undefined> {
  let query = db.selectFrom('asset_transfers').selectAll().where('place_id', '=', placeId).where('id', '=', id);
  // SQLite transactions already hold the write lock from their start (decision 0002).
  if (dialect === 'postgres') query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row && toTransfer(row);
}

/** The fields a stage move sets, in the domain's words. */
export type TransferChange = Partial<
  Pick<
    Transfer,
    | 'stage'
    | 'shortlistedOn'
    | 'viewsOpenedOn'
    | 'decidedOn'
    | 'decidedInterestId'
    | 'decisionReasons'
    | 'termsOn'
    | 'tenure'
    | 'termYears'
    | 'rentPence'
    | 'conditions'
    | 'handoverOn'
    | 'stewardOrganisationId'
    | 'stewardOrganisationName'
    | 'withdrawnOn'
    | 'withdrawnReason'
  > & { decidedBy: string }
>;

const COLUMNS: Record<keyof TransferChange, keyof AssetTransferTable> = {
  stage: 'stage',
  shortlistedOn: 'shortlisted_on',
  viewsOpenedOn: 'views_opened_on',
  decidedOn: 'decided_on',
  decidedInterestId: 'decided_interest_id',
  decisionReasons: 'decision_reasons',
  decidedBy: 'decided_by',
  termsOn: 'terms_on',
  tenure: 'tenure',
  termYears: 'term_years',
  rentPence: 'rent_pence',
  conditions: 'conditions',
  handoverOn: 'handover_on',
  stewardOrganisationId: 'steward_organisation_id',
  stewardOrganisationName: 'steward_organisation_name',
  withdrawnOn: 'withdrawn_on',
  withdrawnReason: 'withdrawn_reason',
};

export async function updateTransfer(db: Queryable, placeId: string, id: string, change: TransferChange) {
  const set: Record<string, unknown> = { updated_at: nowIso() };
  for (const [k, v] of Object.entries(change)) set[COLUMNS[k as keyof TransferChange]] = v;
  await db
    .updateTable('asset_transfers')
    .set(set as Partial<AssetTransferTable>)
    .where('place_id', '=', placeId)
    .where('id', '=', id)
    .execute();
}

export async function transfersOfAsset(db: Queryable, placeId: string, assetId: string): Promise<Transfer[]> {
  const rows = await db
    .selectFrom('asset_transfers')
    .selectAll()
    .where('place_id', '=', placeId)
    .where('asset_id', '=', assetId)
    .orderBy('opened_on', 'desc')
    .orderBy('id')
    .execute();
  return rows.map(toTransfer);
}

/** A place's transfers, newest first, with the asset's name (transfers are public, as the council's record). */
export async function transfersOfPlace(db: Queryable, placeId: string, options: { limit: number; offset: number }) {
  const base = db.selectFrom('asset_transfers').where('place_id', '=', placeId);
  const [rows, count] = await Promise.all([
    db
      .selectFrom('asset_transfers')
      .innerJoin('community_assets', 'community_assets.id', 'asset_transfers.asset_id')
      .selectAll('asset_transfers')
      .select(['community_assets.name as asset_name', 'community_assets.postcode as asset_postcode'])
      .where('asset_transfers.place_id', '=', placeId)
      .orderBy('asset_transfers.opened_on', 'desc')
      .orderBy('asset_transfers.id')
      .limit(options.limit)
      .offset(options.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    transfers: rows.map((r) => ({ ...toTransfer(r), assetName: r.asset_name, assetPostcode: r.asset_postcode })),
    total: Number(count.n),
  };
}

/** The asset's steward after handover: its directory organisation changes to the group's. */
export async function setAssetOrganisation(db: Queryable, placeId: string, assetId: string, organisationId: string) {
  await db
    .updateTable('community_assets')
    .set({ organisation_id: organisationId, updated_at: nowIso() })
    .where('place_id', '=', placeId)
    .where('id', '=', assetId)
    .execute();
}

export async function interestsOf(db: Queryable, placeId: string, transferId: string): Promise<Interest[]> {
  const rows = await db
    .selectFrom('asset_transfer_interests')
    .selectAll()
    .where('place_id', '=', placeId)
    .where('transfer_id', '=', transferId)
    .orderBy('sent_on')
    .orderBy('organisation_name')
    .execute();
  return rows.map(toInterest);
}

export async function insertInterest(
  db: Queryable,
  n: {
    placeId: string;
    transferId: string;
    organisationId: string;
    organisationName: string;
    sentBy: string | null;
    sentOn: string;
    whoWeAre: string;
    whatWeWouldDo: string;
    communityBenefit: string;
  },
): Promise<string> {
  const id = randomUUID();
  const now = nowIso();
  await db
    .insertInto('asset_transfer_interests')
    .values({
      id,
      place_id: n.placeId,
      transfer_id: n.transferId,
      organisation_id: n.organisationId,
      organisation_name: n.organisationName,
      sent_by: n.sentBy,
      sent_on: n.sentOn,
      who_we_are: n.whoWeAre,
      what_we_would_do: n.whatWeWouldDo,
      community_benefit: n.communityBenefit,
      status: 'sent',
      withdrawn_on: null,
      case_status: null,
      case_plan: null,
      case_finance: null,
      case_governance: null,
      case_beneficiaries: null,
      case_submitted_on: null,
      changes_asked: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

/** A withdrawn expression of interest sent again, in the group's new words. */
export async function resendInterest(
  db: Queryable,
  placeId: string,
  id: string,
  n: { sentBy: string; sentOn: string; whoWeAre: string; whatWeWouldDo: string; communityBenefit: string },
) {
  await db
    .updateTable('asset_transfer_interests')
    .set({
      sent_by: n.sentBy,
      sent_on: n.sentOn,
      who_we_are: n.whoWeAre,
      what_we_would_do: n.whatWeWouldDo,
      community_benefit: n.communityBenefit,
      status: 'sent',
      withdrawn_on: null,
      updated_at: nowIso(),
    })
    .where('place_id', '=', placeId)
    .where('id', '=', id)
    .execute();
}

export async function setInterestStatus(
  db: Queryable,
  placeId: string,
  ids: readonly string[],
  status: InterestStatus,
  withdrawnOn: string | null = null,
) {
  if (!ids.length) return;
  await db
    .updateTable('asset_transfer_interests')
    .set({ status, withdrawn_on: withdrawnOn, updated_at: nowIso() })
    .where('place_id', '=', placeId)
    .where('id', 'in', [...ids])
    .execute();
}

export async function saveBusinessCase(
  db: Queryable,
  placeId: string,
  id: string,
  c: { plan: string; finance: string; governance: string; beneficiaries: string; submittedOn: string },
) {
  await db
    .updateTable('asset_transfer_interests')
    .set({
      case_status: 'submitted',
      case_plan: c.plan,
      case_finance: c.finance,
      case_governance: c.governance,
      case_beneficiaries: c.beneficiaries,
      case_submitted_on: c.submittedOn,
      updated_at: nowIso(),
    })
    .where('place_id', '=', placeId)
    .where('id', '=', id)
    .execute();
}

export async function askForChanges(db: Queryable, placeId: string, id: string, note: string) {
  await db
    .updateTable('asset_transfer_interests')
    .set({ case_status: 'changes_requested', changes_asked: note, updated_at: nowIso() })
    .where('place_id', '=', placeId)
    .where('id', '=', id)
    .execute();
}

/** A resident's view of a proposal, made or changed: one row a person a proposal. */
export async function upsertView(
  db: Queryable,
  v: { placeId: string; transferId: string; interestId: string; personId: string; stance: ViewStance; comment: string },
): Promise<'given' | 'changed'> {
  const now = nowIso();
  const existing = await db
    .selectFrom('asset_transfer_views')
    .select('id')
    .where('interest_id', '=', v.interestId)
    .where('person_id', '=', v.personId)
    .executeTakeFirst();
  if (existing) {
    await db
      .updateTable('asset_transfer_views')
      .set({ stance: v.stance, comment: v.comment, updated_at: now })
      .where('id', '=', existing.id)
      .execute();
    return 'changed';
  }
  await db
    .insertInto('asset_transfer_views')
    .values({
      id: randomUUID(),
      place_id: v.placeId,
      transfer_id: v.transferId,
      interest_id: v.interestId,
      person_id: v.personId,
      stance: v.stance,
      comment: v.comment,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return 'given';
}

export async function viewOf(db: Queryable, interestId: string, personId: string) {
  const row = await db
    .selectFrom('asset_transfer_views')
    .select(['stance', 'comment'])
    .where('interest_id', '=', interestId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
  return row && { stance: row.stance, comment: row.comment };
}

/** How many residents support, object to or comment on each proposal: counts only, never who. */
export async function viewCounts(db: Queryable, placeId: string, transferId: string) {
  const rows = await db
    .selectFrom('asset_transfer_views')
    .select(['interest_id', 'stance', (eb) => eb.fn.countAll<number>().as('n')])
    .where('place_id', '=', placeId)
    .where('transfer_id', '=', transferId)
    .groupBy(['interest_id', 'stance'])
    .execute();
  return rows.map((r) => ({ interestId: r.interest_id, stance: r.stance, count: Number(r.n) }));
}

export async function viewsBy(db: Queryable, personId: string) {
  return db
    .selectFrom('asset_transfer_views')
    .innerJoin('asset_transfer_interests', 'asset_transfer_interests.id', 'asset_transfer_views.interest_id')
    .select([
      'asset_transfer_interests.organisation_name as proposalFrom',
      'asset_transfer_views.stance',
      'asset_transfer_views.comment',
      'asset_transfer_views.updated_at as givenAt',
    ])
    .where('asset_transfer_views.person_id', '=', personId)
    .orderBy('asset_transfer_views.created_at')
    .execute();
}

export async function deleteViewsOf(db: Queryable, personId: string) {
  await db.deleteFrom('asset_transfer_views').where('person_id', '=', personId).execute();
}

/** The transfers' record stays (it is the council's); who opened, decided or sent is forgotten. */
export async function forgetTransferPerson(db: Queryable, personId: string) {
  await db.updateTable('asset_transfers').set({ opened_by: null }).where('opened_by', '=', personId).execute();
  await db.updateTable('asset_transfers').set({ decided_by: null }).where('decided_by', '=', personId).execute();
  await db.updateTable('asset_transfer_interests').set({ sent_by: null }).where('sent_by', '=', personId).execute();
}
