/**
 * Community asset transfer: a council building or land on the asset map passes to a
 * community group through published stages (expressions of interest, business cases,
 * residents' views, the decision, terms, handover). Each step is one transaction with
 * its audit record, moves only forward, and counts once however often it is sent.
 */
import { NotFoundError, RuleError } from '../../errors.js';
import type { Queryable, Trx } from '../../db/index.js';
import type { Kith } from '../../kith.js';
import { recordAudit } from '../../platform/audit/index.js';
import { todayInPlace } from '../../platform/dates.js';
import { once, type Submission } from '../../platform/idempotency/index.js';
import { emailReader } from '../../platform/mail/index.js';
import { organisationSummariesByIds, organisersOf } from '../directory/index.js';
import { NOMINATABLE_KINDS, NON_NOMINATING_ORGANISATIONS } from './inputs.js';
import type { TransferStage } from './schema.js';
import { findAsset, lockAsset } from './store.js';
import type {
  BusinessCaseInput,
  InterestInput,
  OpenTransferInput,
  TermsInput,
  TransferDecisionInput,
  ViewInput,
} from './transfer-inputs.js';
import { interestRefusal, isOpen, moveRefusal, STEP_STAGE, type TransferStep } from './transfer-rules.js';
import {
  askForChanges,
  insertInterest,
  insertTransfer,
  interestsOf,
  lockTransfer,
  resendInterest,
  saveBusinessCase,
  setAssetOrganisation,
  setInterestStatus,
  transfersOfAsset,
  updateTransfer,
  upsertView,
  type Interest,
  type Transfer,
  type TransferChange,
} from './transfer-store.js';

/** Whether an asset is the council's to transfer: a building or land run by a council organisation. */
export async function isCouncilAsset(
  db: Queryable,
  placeId: string,
  asset: { kind: string; organisationId: string | null; visibility: string },
): Promise<boolean> {
  if (!NOMINATABLE_KINDS.includes(asset.kind as never) || !asset.organisationId || asset.visibility !== 'public')
    return false;
  const owner = (await organisationSummariesByIds(db, placeId, [asset.organisationId])).get(asset.organisationId);
  return owner?.kind === 'council';
}

export async function openTransfer(
  kith: Kith,
  c: { placeId: string; personId: string; assetId: string; input: OpenTransferInput; submission?: Submission },
): Promise<string> {
  const { result } = await once(kith.db, 'assets.transfer.open', c.submission, async (trx) => {
    const asset = await lockAsset(trx, kith.db.dialect, c.placeId, c.assetId);
    if (!asset) throw new NotFoundError();
    if (!(await isCouncilAsset(trx, c.placeId, asset)))
      throw new RuleError('assets.transfer.open.notCouncil', { asset: asset.name }, 'summary');
    if ((await transfersOfAsset(trx, c.placeId, asset.id)).some((tr) => isOpen(tr.stage)))
      throw new RuleError('assets.transfer.open.already', { asset: asset.name }, 'summary');
    const id = await insertTransfer(trx, {
      placeId: c.placeId,
      assetId: asset.id,
      summary: c.input.summary,
      interestClosesOn: c.input.interestClosesOn,
      openedOn: todayInPlace(),
      openedBy: c.personId,
    });
    await recordAudit(trx, {
      placeId: c.placeId,
      actorId: c.personId,
      action: 'assetMap.transferOpened',
      subjectType: 'asset_transfer',
      subjectId: id,
      detail: { asset: asset.name, closesOn: c.input.interestClosesOn },
    });
    return id;
  });
  return result;
}

async function locked(kith: Kith, trx: Trx, placeId: string, id: string): Promise<Transfer> {
  const transfer = await lockTransfer(trx, kith.db.dialect, placeId, id);
  if (!transfer) throw new NotFoundError();
  return transfer;
}

async function interestOf(trx: Trx, transfer: Transfer, interestId: string): Promise<Interest> {
  const interest = (await interestsOf(trx, transfer.placeId, transfer.id)).find((i) => i.id === interestId);
  if (!interest) throw new NotFoundError();
  return interest;
}

/** A community group says it would like to take the asset on. `mayActFor` says whether this person speaks for the group. */
export async function sendInterest(
  kith: Kith,
  c: {
    placeId: string;
    personId: string;
    transferId: string;
    input: InterestInput;
    mayActFor: (organisationId: string) => boolean;
    submission?: Submission;
    today?: string;
  },
): Promise<string> {
  const { result } = await once(kith.db, 'assets.transfer.interest', c.submission, async (trx) => {
    const transfer = await locked(kith, trx, c.placeId, c.transferId);
    const today = c.today ?? todayInPlace();
    const refusal = interestRefusal(transfer, today);
    if (refusal) throw new RuleError(refusal, { date: transfer.interestClosesOn }, 'organisation');
    const group = (await organisationSummariesByIds(trx, c.placeId, [c.input.organisation])).get(c.input.organisation);
    if (!group) throw new RuleError('assets.validation.interestGroup.required', {}, 'organisation');
    if (!c.mayActFor(group.id)) throw new RuleError('assets.acv.nominate.notYourGroup', {}, 'organisation');
    if (NON_NOMINATING_ORGANISATIONS.includes(group.kind))
      throw new RuleError('assets.acv.nominate.notCommunityGroup', { group: group.name }, 'organisation');
    const existing = (await interestsOf(trx, c.placeId, transfer.id)).find((i) => i.organisationId === group.id);
    if (existing && existing.status !== 'withdrawn')
      throw new RuleError('assets.transfer.interest.already', { group: group.name }, 'organisation');
    const sent = {
      sentBy: c.personId,
      sentOn: today,
      whoWeAre: c.input.whoWeAre,
      whatWeWouldDo: c.input.whatWeWouldDo,
      communityBenefit: c.input.communityBenefit,
    };
    let id: string;
    if (existing) {
      await resendInterest(trx, c.placeId, existing.id, sent);
      id = existing.id;
    } else {
      id = await insertInterest(trx, {
        placeId: c.placeId,
        transferId: transfer.id,
        organisationId: group.id,
        organisationName: group.name,
        ...sent,
      });
    }
    await recordAudit(trx, {
      placeId: c.placeId,
      actorId: c.personId,
      action: 'assetMap.transferInterestSent',
      subjectType: 'asset_transfer',
      subjectId: transfer.id,
      detail: { group: group.name },
    });
    return id;
  });
  return result;
}

/** A group takes back its expression of interest, while expressions of interest are still open. */
export async function withdrawInterest(
  kith: Kith,
  c: {
    placeId: string;
    personId: string;
    transferId: string;
    interestId: string;
    mayActFor: (organisationId: string) => boolean;
    today?: string;
  },
): Promise<void> {
  await kith.db.transaction(async (trx) => {
    const transfer = await locked(kith, trx, c.placeId, c.transferId);
    const interest = await interestOf(trx, transfer, c.interestId);
    if (!c.mayActFor(interest.organisationId)) throw new RuleError('assets.acv.nominate.notYourGroup', {}, 'withdraw');
    const refusal = interestRefusal(transfer, c.today ?? todayInPlace());
    if (refusal) throw new RuleError(refusal, { date: transfer.interestClosesOn }, 'withdraw');
    if (interest.status === 'withdrawn') return;
    await setInterestStatus(trx, c.placeId, [interest.id], 'withdrawn', c.today ?? todayInPlace());
    await recordAudit(trx, {
      placeId: c.placeId,
      actorId: c.personId,
      action: 'assetMap.transferInterestWithdrawn',
      subjectType: 'asset_transfer',
      subjectId: transfer.id,
      detail: { group: interest.organisationName },
    });
  });
}

/** A shortlisted group's business case, sent first or again after the council asked for changes. */
export async function submitBusinessCase(
  kith: Kith,
  c: {
    placeId: string;
    personId: string;
    transferId: string;
    interestId: string;
    input: BusinessCaseInput;
    mayActFor: (organisationId: string) => boolean;
    submission?: Submission;
  },
): Promise<void> {
  await once(kith.db, 'assets.transfer.case', c.submission, async (trx) => {
    const transfer = await locked(kith, trx, c.placeId, c.transferId);
    const interest = await interestOf(trx, transfer, c.interestId);
    if (!c.mayActFor(interest.organisationId)) throw new RuleError('assets.acv.nominate.notYourGroup', {}, 'plan');
    if (transfer.stage !== 'business_case' || interest.status !== 'shortlisted')
      throw new RuleError('assets.transfer.case.closed', {}, 'plan');
    if (interest.caseStatus === 'submitted') throw new RuleError('assets.transfer.case.already', {}, 'plan');
    await saveBusinessCase(trx, c.placeId, interest.id, { ...c.input, submittedOn: todayInPlace() });
    await recordAudit(trx, {
      placeId: c.placeId,
      actorId: c.personId,
      action: 'assetMap.transferCaseSubmitted',
      subjectType: 'asset_transfer',
      subjectId: transfer.id,
      detail: { group: interest.organisationName },
    });
    return null;
  });
}

/** The officer asks a group to change its business case; the group is told by email. */
export async function askForCaseChanges(
  kith: Kith,
  c: { placeId: string; personId: string; transferId: string; interestId: string; note: string; path: string },
): Promise<void> {
  await kith.db.transaction(async (trx) => {
    const transfer = await locked(kith, trx, c.placeId, c.transferId);
    const interest = await interestOf(trx, transfer, c.interestId);
    if (transfer.stage !== 'business_case' || interest.caseStatus !== 'submitted')
      throw new RuleError('assets.transfer.changes.notSubmitted', {}, 'note');
    await askForChanges(trx, c.placeId, interest.id, c.note);
    await recordAudit(trx, {
      placeId: c.placeId,
      actorId: c.personId,
      action: 'assetMap.transferChangesAsked',
      subjectType: 'asset_transfer',
      subjectId: transfer.id,
      detail: { group: interest.organisationName },
    });
    const asset = await findAsset(trx, c.placeId, transfer.assetId);
    await emailGroups(kith, trx, transfer, [interest], {
      subjectKey: 'assets.transfer.email.changes.subject',
      paragraphs: ['assets.transfer.email.changes.body', { text: c.note }],
      asset: asset?.name ?? '',
      path: c.path,
    });
  });
}

/** The proposals residents may give views on: shortlisted groups whose business case is in. */
export const proposalsOf = (interests: readonly Interest[]) =>
  interests.filter((i) => i.status === 'shortlisted' && i.caseStatus === 'submitted');

/** A resident's view of a proposal: once each, changed (not added to) when given again, until views close. */
export async function giveView(
  kith: Kith,
  c: { placeId: string; personId: string; transferId: string; interestId: string; input: ViewInput },
): Promise<'given' | 'changed'> {
  return kith.db.transaction(async (trx) => {
    const transfer = await locked(kith, trx, c.placeId, c.transferId);
    const interest = await interestOf(trx, transfer, c.interestId);
    if (transfer.stage !== 'views') throw new RuleError('assets.transfer.views.closed', {}, 'stance');
    if (!proposalsOf([interest]).length) throw new NotFoundError();
    return upsertView(trx, {
      placeId: c.placeId,
      transferId: transfer.id,
      interestId: interest.id,
      personId: c.personId,
      stance: c.input.stance,
      comment: c.input.comment,
    });
  });
}

export type StepInput =
  | { step: 'shortlist'; interests: string[] }
  | { step: 'views' }
  | { step: 'decision'; decision: TransferDecisionInput }
  | { step: 'terms'; terms: TermsInput }
  | { step: 'handover'; handoverOn: string }
  | { step: 'withdraw'; reason: string };

const AUDIT: Record<TransferStep, string> = {
  shortlist: 'assetMap.transferShortlisted',
  views: 'assetMap.transferViewsOpened',
  decision: 'assetMap.transferDecided',
  terms: 'assetMap.transferTermsPublished',
  handover: 'assetMap.transferHandedOver',
  withdraw: 'assetMap.transferWithdrawn',
};

/** Where a step's refusal is shown: beside the field that step's form asks for. */
const STEP_FIELD: Record<TransferStep, string> = {
  shortlist: 'interests',
  views: 'views',
  decision: 'choice',
  terms: 'tenure',
  handover: 'handoverOn',
  withdraw: 'reason',
};

/**
 * The officer moves the transfer to its next stage (or withdraws it), with what that
 * stage publishes. The groups that expressed interest are emailed.
 */
export async function moveTransfer(
  kith: Kith,
  c: { placeId: string; personId: string; transferId: string; input: StepInput; path: string; submission?: Submission },
): Promise<TransferStage> {
  const { step } = c.input;
  const { result } = await once(kith.db, `assets.transfer.${step}`, c.submission, async (trx) => {
    const transfer = await locked(kith, trx, c.placeId, c.transferId);
    const to = STEP_STAGE[step];
    const field = STEP_FIELD[step];
    const refusal = moveRefusal(transfer.stage, to);
    if (refusal) throw new RuleError(refusal, {}, field);
    const interests = await interestsOf(trx, c.placeId, transfer.id);
    const today = todayInPlace();
    const change: TransferChange = { stage: to };
    const input = c.input;
    let chosen: Interest | undefined;
    if (input.step === 'shortlist') {
      const sent = interests.filter((i) => i.status === 'sent');
      if (!input.interests.every((id) => sent.some((i) => i.id === id)))
        throw new RuleError('assets.validation.shortlist', {}, field);
      await setInterestStatus(trx, c.placeId, input.interests, 'shortlisted');
      await setInterestStatus(
        trx,
        c.placeId,
        sent.filter((i) => !input.interests.includes(i.id)).map((i) => i.id),
        'not_shortlisted',
      );
      change.shortlistedOn = today;
    } else if (input.step === 'views') {
      if (!proposalsOf(interests).length) throw new RuleError('assets.transfer.views.noCases', {}, field);
      change.viewsOpenedOn = today;
    } else if (input.step === 'decision') {
      const { choice, reasons } = input.decision;
      if (choice !== 'none') {
        chosen = proposalsOf(interests).find((i) => i.id === choice);
        if (!chosen) throw new RuleError('assets.validation.transferChoice', {}, field);
      }
      Object.assign(change, {
        decidedOn: today,
        decidedInterestId: chosen?.id ?? null,
        decisionReasons: reasons,
        decidedBy: c.personId,
      });
    } else if (input.step === 'terms') {
      if (!transfer.decidedInterestId) throw new RuleError('assets.transfer.terms.noGroup', {}, field);
      Object.assign(change, { termsOn: today, ...input.terms });
    } else if (input.step === 'handover') {
      chosen = interests.find((i) => i.id === transfer.decidedInterestId);
      if (!chosen) throw new RuleError('assets.transfer.terms.noGroup', {}, field);
      if (transfer.termsOn && input.handoverOn < transfer.termsOn)
        throw new RuleError('assets.transfer.handover.beforeTerms', { date: transfer.termsOn }, field);
      Object.assign(change, {
        handoverOn: input.handoverOn,
        stewardOrganisationId: chosen.organisationId,
        stewardOrganisationName: chosen.organisationName,
      });
      await setAssetOrganisation(trx, c.placeId, transfer.assetId, chosen.organisationId);
    } else {
      Object.assign(change, { withdrawnOn: today, withdrawnReason: input.reason });
    }
    await updateTransfer(trx, c.placeId, transfer.id, change);
    const asset = await findAsset(trx, c.placeId, transfer.assetId);
    await recordAudit(trx, {
      placeId: c.placeId,
      actorId: c.personId,
      action: AUDIT[step],
      subjectType: 'asset_transfer',
      subjectId: transfer.id,
      detail: { asset: asset?.name ?? '', ...(chosen ? { group: chosen.organisationName } : {}) },
    });
    const decided = input.step === 'decision';
    await emailGroups(
      kith,
      trx,
      transfer,
      interests.filter((i) => i.status !== 'withdrawn'),
      {
        subjectKey: decided ? 'assets.transfer.email.decision.subject' : 'assets.transfer.email.moved.subject',
        paragraphs: decided
          ? [
              chosen ? 'assets.transfer.email.decision.chosen' : 'assets.transfer.email.decision.none',
              'assets.transfer.email.decision.reasons',
              { text: input.decision.reasons },
            ]
          : [`assets.transfer.email.moved.${to}`],
        asset: asset?.name ?? '',
        group: chosen?.organisationName,
        path: c.path,
      },
    );
    return to;
  });
  return result;
}

/** Each group's organisers, in their own language, about what happened to the transfer. */
async function emailGroups(
  kith: Kith,
  trx: Trx,
  transfer: Transfer,
  interests: readonly Interest[],
  letter: {
    subjectKey: string;
    paragraphs: Array<string | { text: string }>;
    asset: string;
    group?: string;
    path: string;
  },
) {
  for (const interest of interests) {
    for (const organiser of await organisersOf(trx, transfer.placeId, interest.organisationId)) {
      if (!organiser.email) continue;
      await emailReader(
        kith,
        trx,
        { ...organiser, email: organiser.email, name: organiser.name ?? interest.organisationName },
        {
          placeId: transfer.placeId,
          subjectKey: letter.subjectKey,
          paragraphs: letter.paragraphs,
          params: { asset: letter.asset, group: letter.group ?? '', yours: interest.organisationName },
          action: { key: 'assets.transfer.email.action', path: letter.path },
        },
      );
    }
  }
}
