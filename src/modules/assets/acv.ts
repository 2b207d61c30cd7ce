/**
 * The register of Assets of Community Value: a community group nominates a building
 * or land on the asset map; the council lists it or not; the owner's notices of intent
 * to sell and community bidder requests are recorded; a listing is removed or expires.
 * Each step is one transaction with its audit record; the dates are acv-dates.ts's.
 */
import { NotFoundError, RuleError } from '../../errors.js';
import type { Queryable, Trx } from '../../db/index.js';
import type { Kith } from '../../kith.js';
import { recordAudit } from '../../platform/audit/index.js';
import { once, type Submission } from '../../platform/idempotency/index.js';
import { organisationSummariesByIds } from '../directory/index.js';
import {
  acvTimeline,
  bidderRequestRefusal,
  noticeOutcomes,
  noticeRefusal,
  type AcvFacts,
  type AcvTimeline,
} from './acv-dates.js';
import {
  acvsOfAsset,
  findAcv,
  insertNomination,
  insertNotice,
  lockAcv,
  noticesOf,
  recordBidderRequest,
  recordDecision,
  recordRemoval,
  type AcvNotice,
  type AcvRecord,
} from './acv-store.js';
import { NOMINATABLE_KINDS, NON_NOMINATING_ORGANISATIONS, type DecisionInput, type NominationInput } from './inputs.js';
import { lockAsset } from './store.js';
import { todayInPlace } from '../../platform/dates.js';

export function factsOf(record: AcvRecord, notices: readonly AcvNotice[]): AcvFacts {
  return {
    status: record.status,
    nominatedOn: record.nominatedOn,
    decidedOn: record.decidedOn,
    removedOn: record.removedOn,
    notices: notices
      .filter((n) => n.acvId === record.id)
      .map((n) => ({ id: n.id, notifiedOn: n.notifiedOn, bidderRequestedOn: n.bidderRequestedOn })),
  };
}

export interface AcvWithTimeline {
  record: AcvRecord;
  notices: AcvNotice[];
  timeline: AcvTimeline;
}

/** An asset's nominations, newest first, each with its dates worked out for today. */
export async function acvHistory(
  db: Queryable,
  placeId: string,
  assetId: string,
  today = todayInPlace(),
): Promise<AcvWithTimeline[]> {
  const records = await acvsOfAsset(db, placeId, assetId);
  const notices = await noticesOf(
    db,
    placeId,
    records.map((r) => r.id),
  );
  return records.map((record) => ({
    record,
    notices: notices.filter((n) => n.acvId === record.id),
    timeline: acvTimeline(factsOf(record, notices), today),
  }));
}

/**
 * A nomination from a community group. `organisesIt` says whether the nominator is one
 * of the group's organisers; the policy has already let them, or an admin, through.
 */
export async function nominate(
  kith: Kith,
  c: {
    placeId: string;
    personId: string;
    input: NominationInput;
    mayNominateFor: (organisationId: string) => boolean;
    submission?: Submission;
    nominatedOn?: string;
  },
): Promise<string> {
  const { result } = await once(kith.db, 'assets.nominate', c.submission, async (trx) => {
    const asset = await lockAsset(trx, kith.db.dialect, c.placeId, c.input.asset);
    if (!asset || !NOMINATABLE_KINDS.includes(asset.kind))
      throw new RuleError('assets.validation.nominatedAsset', {}, 'asset');
    const group = (await organisationSummariesByIds(trx, c.placeId, [c.input.organisation])).get(c.input.organisation);
    if (!group) throw new RuleError('assets.validation.nominatingGroup', {}, 'organisation');
    if (!c.mayNominateFor(group.id)) throw new RuleError('assets.acv.nominate.notYourGroup', {}, 'organisation');
    if (NON_NOMINATING_ORGANISATIONS.includes(group.kind))
      throw new RuleError('assets.acv.nominate.notCommunityGroup', { group: group.name }, 'organisation');
    const today = todayInPlace();
    const standing = await acvHistory(trx, c.placeId, asset.id, today);
    // One nomination at a time: a second while one is open or the asset is on the list would be a duplicate.
    if (
      standing.some(
        (h) => h.record.status === 'nominated' || (h.record.status === 'listed' && h.timeline.standing !== 'expired'),
      )
    ) {
      throw new RuleError('assets.acv.nominate.alreadyOpen', { asset: asset.name }, 'asset');
    }
    const id = await insertNomination(trx, {
      placeId: c.placeId,
      assetId: asset.id,
      organisationId: group.id,
      organisationName: group.name,
      nominatedBy: c.personId,
      nominatedOn: c.nominatedOn ?? today,
      reasons: c.input.reasons,
    });
    await recordAudit(trx, {
      placeId: c.placeId,
      actorId: c.personId,
      action: 'assetMap.acvNominated',
      subjectType: 'asset_acv',
      subjectId: id,
      detail: { asset: asset.name, group: group.name },
    });
    return id;
  });
  return result;
}

async function lockedRecord(
  kith: Kith,
  trx: Trx,
  placeId: string,
  id: string,
): Promise<{ record: AcvRecord; notices: AcvNotice[]; facts: AcvFacts }> {
  const record = await lockAcv(trx, kith.db.dialect, placeId, id);
  if (!record) throw new NotFoundError();
  const notices = await noticesOf(trx, placeId, [record.id]);
  return { record, notices, facts: factsOf(record, notices) };
}

export async function decide(
  kith: Kith,
  c: { placeId: string; personId: string; acvId: string; input: DecisionInput },
): Promise<void> {
  await kith.db.transaction(async (trx) => {
    const { record } = await lockedRecord(kith, trx, c.placeId, c.acvId);
    if (record.status !== 'nominated') throw new RuleError('assets.acv.decision.already', {}, 'outcome');
    if (c.input.decidedOn < record.nominatedOn)
      throw new RuleError('assets.acv.decision.beforeNomination', { date: record.nominatedOn }, 'decidedOn');
    await recordDecision(trx, c.placeId, record.id, {
      status: c.input.outcome,
      decidedOn: c.input.decidedOn,
      reason: c.input.reason,
      decidedBy: c.personId,
    });
    await recordAudit(trx, {
      placeId: c.placeId,
      actorId: c.personId,
      action: c.input.outcome === 'listed' ? 'assetMap.acvListed' : 'assetMap.acvNotListed',
      subjectType: 'asset_acv',
      subjectId: record.id,
      detail: { decidedOn: c.input.decidedOn },
    });
  });
}

/** The owner has told the council they mean to sell. A notice within the protected period starts no new moratorium. */
export async function recordNoticeOfSale(
  kith: Kith,
  c: { placeId: string; personId: string; acvId: string; notifiedOn: string; submission?: Submission },
): Promise<{ startsMoratorium: boolean }> {
  const { result } = await once(kith.db, 'assets.noticeOfSale', c.submission, async (trx) => {
    const { record, facts } = await lockedRecord(kith, trx, c.placeId, c.acvId);
    const refusal = noticeRefusal(facts, c.notifiedOn);
    if (refusal) throw new RuleError(refusal, { date: record.decidedOn ?? '' }, 'notifiedOn');
    const id = await insertNotice(trx, {
      placeId: c.placeId,
      acvId: record.id,
      notifiedOn: c.notifiedOn,
      recordedBy: c.personId,
    });
    const outcome = noticeOutcomes([...facts.notices, { id, notifiedOn: c.notifiedOn, bidderRequestedOn: null }]).find(
      (o) => o.id === id,
    )!;
    await recordAudit(trx, {
      placeId: c.placeId,
      actorId: c.personId,
      action: outcome.startsMoratorium ? 'assetMap.acvNoticeRecorded' : 'assetMap.acvNoticeInProtectedPeriod',
      subjectType: 'asset_acv',
      subjectId: record.id,
      detail: { notifiedOn: c.notifiedOn },
    });
    return { startsMoratorium: outcome.startsMoratorium };
  });
  return result;
}

/** A community interest group asked, in the interim moratorium, to be treated as a bidder. */
export async function recordBidder(
  kith: Kith,
  c: { placeId: string; personId: string; acvId: string; requestedOn: string; group: string },
): Promise<void> {
  await kith.db.transaction(async (trx) => {
    const { record, facts } = await lockedRecord(kith, trx, c.placeId, c.acvId);
    if (record.status !== 'listed') throw new RuleError('assets.acv.notice.notListed', {}, 'requestedOn');
    const latest = noticeOutcomes(facts.notices).at(-1);
    if (!latest) throw new RuleError('assets.acv.bidder.noNotice', {}, 'requestedOn');
    if (!latest.startsMoratorium) throw new RuleError('assets.acv.bidder.noMoratorium', {}, 'requestedOn');
    if (latest.bidderRequestedOn) throw new RuleError('assets.acv.bidder.already', {}, 'requestedOn');
    const refusal = bidderRequestRefusal(latest.notifiedOn, c.requestedOn);
    if (refusal)
      throw new RuleError(refusal, { notice: latest.notifiedOn, last: latest.dates.interimLastDay }, 'requestedOn');
    await recordBidderRequest(trx, c.placeId, latest.id, {
      requestedOn: c.requestedOn,
      group: c.group,
      recordedBy: c.personId,
    });
    await recordAudit(trx, {
      placeId: c.placeId,
      actorId: c.personId,
      action: 'assetMap.acvBidderRecorded',
      subjectType: 'asset_acv',
      subjectId: record.id,
      detail: { requestedOn: c.requestedOn, group: c.group },
    });
  });
}

export async function removeListing(
  kith: Kith,
  c: { placeId: string; personId: string; acvId: string; removedOn: string; reason: string },
): Promise<void> {
  await kith.db.transaction(async (trx) => {
    const { record } = await lockedRecord(kith, trx, c.placeId, c.acvId);
    if (record.status !== 'listed' || !record.decidedOn)
      throw new RuleError('assets.acv.notice.notListed', {}, 'removedOn');
    if (c.removedOn < record.decidedOn)
      throw new RuleError('assets.acv.removal.beforeListing', { date: record.decidedOn }, 'removedOn');
    await recordRemoval(trx, c.placeId, record.id, { removedOn: c.removedOn, reason: c.reason, removedBy: c.personId });
    await recordAudit(trx, {
      placeId: c.placeId,
      actorId: c.personId,
      action: 'assetMap.acvRemoved',
      subjectType: 'asset_acv',
      subjectId: record.id,
      detail: { removedOn: c.removedOn },
    });
  });
}

export async function findAcvRecord(db: Queryable, placeId: string, id: string): Promise<AcvRecord | undefined> {
  return findAcv(db, placeId, id);
}
