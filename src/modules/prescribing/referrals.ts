/**
 * Referrals: sent with the person's consent, moved on by the receiving group (or the
 * care team), and chased when they stall. Each change is one transaction with its
 * event, its audit record and any email.
 */
import { randomUUID } from 'node:crypto';
import { NotFoundError, RuleError } from '../../errors.js';
import type { Trx } from '../../db/index.js';
import type { Kith } from '../../kith.js';
import { recordAudit } from '../../platform/audit/index.js';
import { emailReader } from '../../platform/mail/index.js';
import { findPlaceById } from '../places/index.js';
import { organisersOf } from '../directory/index.js';
import { postRequestFor, requestProgress, type PostInput } from '../exchanges/index.js';
import { consentAllowsReferral } from './consent.js';
import { findPersonById } from './people.js';
import { checkTransition, snomedFor, STALL_DAYS, timestampFor, type ReferralStatus } from './referral-status.js';
import type { ReferralTable, TargetKind } from './schema.js';
import { targetKey, targetSummaries } from './targets.js';
import { submitted, type Submitted } from '../../platform/idempotency/index.js';
import {
  claimStallReminder,
  consentsOf,
  findRecord,
  type Referral,
  findReferral,
  insertReferral,
  insertReferralEvent,
  openRequestReferrals,
  referralsOfRecord,
  stalledReferrals,
  touchRecord,
  updateReferral,
} from './store.js';

/**
 * Refers the person to each chosen activity, volunteering role and befriending or
 * peer-support scheme. Refused, with nothing written, unless the person has agreed to
 * be referred (and not taken it back), or if an activity is not a published one of this
 * place, or a role or scheme not an open one. A role's or scheme's organisation
 * receives it, as it does referrals to its activities; for a scheme it is a request
 * for a match, which the scheme's coordinators take from there.
 */
/** A referral as it is sent: the row, its first event and the audit record. */
async function insertSent(
  trx: Trx,
  r: {
    placeId: string;
    recordId: string;
    target: { kind: TargetKind; id: string; name: string; organisationId: string };
    note: string;
    consentId: string;
    actorId: string;
  },
): Promise<string> {
  const now = new Date().toISOString();
  const id = randomUUID();
  const row: ReferralTable = {
    id,
    place_id: r.placeId,
    record_id: r.recordId,
    target_kind: r.target.kind,
    target_id: r.target.id,
    organisation_id: r.target.organisationId,
    status: 'sent',
    reason: null,
    reason_detail: null,
    note: r.note,
    consent_id: r.consentId,
    referred_by: r.actorId,
    sent_at: now,
    accepted_at: null,
    first_contact_at: null,
    attended_at: null,
    still_going_at: null,
    ended_at: null,
    last_change_at: now,
    stall_reminded_for: null,
    snomed_code: null,
    snomed_at: null,
    updated_at: now,
  };
  await insertReferral(trx, row);
  await insertReferralEvent(trx, {
    place_id: r.placeId,
    referral_id: id,
    status: 'sent',
    reason: null,
    detail: null,
    actor_id: r.actorId,
    snomed_code: null,
    at: now,
  });
  await recordAudit(trx, {
    placeId: r.placeId,
    actorId: r.actorId,
    action: 'referral.sent',
    subjectType: 'referral',
    subjectId: id,
    detail: { [r.target.kind]: r.target.name },
  });
  return id;
}

export async function sendReferrals(kith: Kith, command: Submitted & ReferralsToSend): Promise<string[]> {
  return submitted(kith, command, 'prescribing/referrals', (trx) => referWithin(kith, trx, command));
}

export interface ReferralsToSend {
  placeId: string;
  placeSlug: string;
  actorId: string;
  recordId: string;
  activityIds: string[];
  roleIds?: string[];
  schemeIds?: string[];
  note: string;
}

/** The same, inside a transaction already open (a request for support that refers as it arrives). */
export async function referWithin(kith: Kith, trx: Trx, command: ReferralsToSend): Promise<string[]> {
  const record = await findRecord(trx, command.placeId, command.recordId);
  if (!record) throw new NotFoundError();
  const consent = (await consentsOf(trx, command.recordId))[0];
  if (!consentAllowsReferral(consent)) throw new RuleError('prescribing.refer.noConsent', {}, 'activities');
  const chosen: Array<{ targetKind: TargetKind; targetId: string }> = [
    ...[...new Set(command.activityIds)].map((id) => ({ targetKind: 'activity' as const, targetId: id })),
    ...[...new Set(command.roleIds ?? [])].map((id) => ({ targetKind: 'role' as const, targetId: id })),
    ...[...new Set(command.schemeIds ?? [])].map((id) => ({ targetKind: 'scheme' as const, targetId: id })),
  ];
  const targets = await targetSummaries(trx, command.placeId, chosen);
  const open = new Set(
    (await referralsOfRecord(trx, command.recordId))
      .filter((r) => !['declined', 'did_not_attend'].includes(r.status))
      .map(targetKey),
  );
  const ids: string[] = [];
  for (const wanted of chosen) {
    const target = targets.get(targetKey(wanted));
    if (!target?.available) throw new RuleError(UNKNOWN[wanted.targetKind], {}, 'activities');
    if (open.has(targetKey(wanted)))
      throw new RuleError('prescribing.refer.already', { name: target.name }, 'activities');
    const id = await insertSent(trx, {
      placeId: command.placeId,
      recordId: command.recordId,
      target: { kind: target.kind, id: target.id, name: target.name, organisationId: target.organisationId },
      note: command.note,
      consentId: consent.id,
      actorId: command.actorId,
    });
    await tellOrganisers(kith, trx, {
      placeId: command.placeId,
      placeSlug: command.placeSlug,
      organisationId: target.organisationId,
      referralId: id,
      activity: target.name,
      kind: target.kind,
    });
    ids.push(id);
  }
  await touchRecord(trx, command.recordId);
  return ids;
}

/**
 * Posts a request for help on the offers and requests board in the person's own name
 * (offers and messages go to them, not the link worker), and follows it as a referral
 * through the same statuses. Refused, with nothing written, unless the person has a
 * Kith account and has agreed to be referred, checked inside the transaction.
 */
export async function postRequestForPerson(
  kith: Kith,
  command: Submitted & { placeId: string; placeSlug: string; recordId: string; post: PostInput },
): Promise<string> {
  return submitted(kith, command, 'prescribing/request', async (trx) => {
    const record = await findRecord(trx, command.placeId, command.recordId);
    if (!record) throw new NotFoundError();
    if (!record.personId) throw new RuleError('prescribing.request.noAccount', {}, 'title');
    const consent = (await consentsOf(trx, command.recordId))[0];
    if (!consentAllowsReferral(consent)) throw new RuleError('prescribing.refer.noConsent', {}, 'title');
    const postId = await postRequestFor(trx, {
      placeId: command.placeId,
      personId: record.personId,
      postedBy: command.actorId,
      post: command.post,
    });
    const id = await insertSent(trx, {
      placeId: command.placeId,
      recordId: command.recordId,
      target: { kind: 'request', id: postId, name: command.post.title, organisationId: '' },
      note: '',
      consentId: consent.id,
      actorId: command.actorId,
    });
    const person = await findPersonById(trx, record.personId);
    if (person?.email)
      await emailReader(
        kith,
        trx,
        { id: person.id, email: person.email, name: record.preferredName, language: person.language },
        {
          placeId: command.placeId,
          subjectKey: 'prescribing.email.requestPosted.subject',
          paragraphs: ['prescribing.email.requestPosted.body'],
          params: { title: command.post.title },
          action: { key: 'prescribing.email.requestPosted.action', path: `/places/${command.placeSlug}/help/mine` },
        },
      );
    await touchRecord(trx, command.recordId);
    return id;
  });
}

/** The steps a request's referral takes, in order, as neighbours answer it. */
const REQUEST_STEPS: readonly ReferralStatus[] = ['sent', 'accepted', 'first_contact', 'attended'];

/**
 * Moves referrals to requests for help on as the requests go: help agreed with a
 * neighbour is first contact (through accepted), help given is attended. Nobody types
 * these; a schedule reads the requests' progress, so the link worker, the person and the
 * reports see them like any referral. Returns how many referrals moved.
 */
export async function followRequests(kith: Kith, now = new Date()): Promise<number> {
  const open = await openRequestReferrals(kith.db.kysely, 1000);
  const progress = await requestProgress(
    kith.db.kysely,
    open.map((r) => r.targetId),
  );
  let moved = 0;
  for (const r of open) {
    const stage = progress.get(r.targetId)?.stage;
    if (!stage || stage === 'looking') continue;
    const want = REQUEST_STEPS.indexOf(stage === 'helped' ? 'attended' : 'first_contact');
    await kith.db.transaction(async (trx) => {
      const referral = await findReferral(trx, r.placeId, r.id);
      if (!referral) return;
      const at = now.toISOString();
      for (const to of REQUEST_STEPS.slice(REQUEST_STEPS.indexOf(referral.status) + 1, want + 1)) {
        const stamp = timestampFor(to);
        await updateReferral(trx, referral.id, {
          status: to,
          ...(stamp ? { [stamp]: at } : {}),
          last_change_at: at,
          updated_at: at,
        });
        await insertReferralEvent(trx, {
          place_id: referral.placeId,
          referral_id: referral.id,
          status: to,
          reason: null,
          detail: null,
          actor_id: null,
          snomed_code: null,
          at,
        });
        await recordAudit(trx, {
          placeId: referral.placeId,
          actorId: null,
          action: 'referral.changed',
          subjectType: 'referral',
          subjectId: referral.id,
          detail: { status: to, from: 'request' },
        });
        moved += 1;
      }
      await touchRecord(trx, referral.recordId);
    });
  }
  return moved;
}

const UNKNOWN: Record<TargetKind, string> = {
  activity: 'prescribing.refer.unknownActivity',
  role: 'prescribing.refer.unknownRole',
  scheme: 'prescribing.refer.unknownScheme',
  request: 'prescribing.refer.unknownRequest',
};

/**
 * The receiving group's organisers and coordinators hear that a referral has come in,
 * to which activity, role or scheme (never who it is, by email): for a scheme, as a
 * request for a match.
 */
async function tellOrganisers(
  kith: Kith,
  trx: Trx,
  r: {
    placeId: string;
    placeSlug: string;
    organisationId: string;
    referralId: string;
    activity: string;
    kind: TargetKind;
  },
) {
  const email = r.kind === 'scheme' ? 'prescribing.email.scheme' : 'prescribing.email.referral';
  for (const organiser of await organisersOf(trx, r.placeId, r.organisationId)) {
    if (!organiser.email || !organiser.name) continue;
    await emailReader(
      kith,
      trx,
      { ...organiser, email: organiser.email, name: organiser.name },
      {
        placeId: r.placeId,
        subjectKey: `${email}.subject`,
        paragraphs: [`${email}.body`],
        params: { activity: r.activity },
        action: {
          key: 'prescribing.email.referral.action',
          path: `/places/${r.placeSlug}/referrals-in/${r.referralId}`,
        },
      },
    );
  }
}

/**
 * Moves a referral on: the rules in referral-status.ts decide whether it may, and
 * which SNOMED CT code the change records. The link worker hears of a decline or a
 * "did not attend" so they can follow up.
 */
export async function changeReferralStatus(
  kith: Kith,
  command: {
    placeId: string;
    placeSlug: string;
    actorId: string;
    referralId: string;
    to: ReferralStatus;
    reason: string | null;
    detail: string;
    now?: Date;
  },
): Promise<void> {
  await kith.db.transaction(async (trx) => {
    const referral = await findReferral(trx, command.placeId, command.referralId);
    if (!referral) throw new NotFoundError();
    const at = (command.now ?? new Date()).toISOString();
    const check = checkTransition(
      { status: referral.status, attendedAt: referral.attendedAt },
      { to: command.to, reason: command.reason, at },
    );
    if (!check.ok)
      throw new RuleError(
        check.refusal,
        {},
        check.refusal === 'prescribing.status.notAllowed' || check.refusal === 'prescribing.status.tooSoon'
          ? 'to'
          : 'reason',
      );
    const code = snomedFor({ to: command.to, reason: command.reason });
    const stamp = timestampFor(command.to);
    const ending = command.to === 'declined' || command.to === 'did_not_attend';
    await updateReferral(trx, referral.id, {
      status: command.to,
      ...(stamp ? { [stamp]: at } : {}),
      ...(ending ? { reason: command.reason, reason_detail: command.detail || null } : {}),
      ...(code ? { snomed_code: code, snomed_at: at } : {}),
      last_change_at: at,
      updated_at: at,
    });
    await insertReferralEvent(trx, {
      place_id: command.placeId,
      referral_id: referral.id,
      status: command.to,
      reason: command.reason,
      detail: command.detail || null,
      actor_id: command.actorId,
      snomed_code: code,
      at,
    });
    await recordAudit(trx, {
      placeId: command.placeId,
      actorId: command.actorId,
      action: 'referral.changed',
      subjectType: 'referral',
      subjectId: referral.id,
      detail: { status: command.to },
    });
    await touchRecord(trx, referral.recordId);
    if (ending && command.actorId !== referral.referredBy) {
      await tellReferrer(kith, trx, referral, {
        placeSlug: command.placeSlug,
        subjectKey: 'prescribing.email.ended.subject',
        bodyKey: 'prescribing.email.ended.body',
        status: command.to,
      });
    }
  });
}

async function tellReferrer(
  kith: Kith,
  trx: Trx,
  referral: Pick<Referral, 'placeId' | 'recordId' | 'targetKind' | 'targetId' | 'referredBy'>,
  m: { placeSlug: string; subjectKey: string; bodyKey: string; status?: ReferralStatus },
) {
  const record = await findRecord(trx, referral.placeId, referral.recordId);
  if (!record) return;
  // A referral the person or another service sent is followed up by the link worker holding
  // the record: the sender cannot open it, and the person needs no chasing about their own.
  const worker = await findPersonById(trx, record.source === 'link_worker' ? referral.referredBy : record.holderId);
  if (!worker) return;
  const activity = (await targetSummaries(trx, referral.placeId, [referral])).get(targetKey(referral))?.name ?? '';
  const status = m.status ? kith.catalogue.translator(worker.language)(`prescribing.status.${m.status}`) : '';
  await emailReader(kith, trx, worker, {
    placeId: referral.placeId,
    subjectKey: m.subjectKey,
    paragraphs: [m.bodyKey],
    params: { person: record.preferredName, activity, status },
    action: {
      key: 'prescribing.email.record.action',
      path: `/places/${m.placeSlug}/social-prescribing/people/${record.id}`,
    },
  });
}

/**
 * The daily job: each referral that has waited 14 days for its next step gets one
 * reminder to the link worker who sent it, however often the job runs; a later change
 * that stalls again gets another.
 */
export async function remindStalledReferrals(kith: Kith, now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - STALL_DAYS * 86_400_000).toISOString();
  let sent = 0;
  for (const referral of await stalledReferrals(kith.db.kysely, before, 500)) {
    await kith.db.transaction(async (trx) => {
      if (!(await claimStallReminder(trx, referral.id, referral.lastChangeAt))) return;
      const place = await findPlaceById(trx, referral.placeId);
      if (!place) return;
      await tellReferrer(kith, trx, referral, {
        placeSlug: place.slug,
        subjectKey: 'prescribing.email.stalled.subject',
        bodyKey: 'prescribing.email.stalled.body',
        status: referral.status,
      });
      await recordAudit(trx, {
        placeId: referral.placeId,
        action: 'referral.reminded',
        subjectType: 'referral',
        subjectId: referral.id,
        detail: { status: referral.status },
      });
      sent++;
    });
  }
  return sent;
}
