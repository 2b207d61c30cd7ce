/**
 * Commands on a person's support record: open it, record a conversation and consent,
 * share it with colleagues, write and read health notes, and hand it to the person.
 * Each is one transaction with its audit record.
 */
import { createHash, randomBytes } from 'node:crypto';
import { NotFoundError, RuleError } from '../../errors.js';
import type { Kith } from '../../kith.js';
import { recordAudit } from '../../platform/audit/index.js';
import { emailReader } from '../../platform/mail/index.js';
import { hasRole, type Role } from '../../policy/index.js';
import type { Lang } from '../../web/i18n.js';
import { consentWording } from './consent.js';
import { findPersonByEmail, findPersonById, joinPlaceWithin, rolesOf } from './people.js';
import type { RecordSubject } from './policy.js';
import { SNOMED } from './referral-status.js';
import type { ConsentInput, ConversationInput, RecordInput } from './inputs.js';
import { submitted, type Submitted } from '../../platform/idempotency/index.js';
import {
  type CareTeamMember,
  type SupportRecord,
  addToCareTeam,
  careTeamOf,
  findRecord,
  findRecordByInvite,
  healthNotesOf,
  insertConsent,
  insertConversation,
  insertHealthNote,
  insertRecord,
  referrerRolesOf,
  removeFromCareTeam,
  touchRecord,
  withdrawConsents,
} from './store.js';
import type { Queryable } from '../../db/index.js';

/** A record with its care team and what the policy needs to decide who may see it. */
export type LoadedRecord = SupportRecord & {
  careTeam: CareTeamMember[];
  subject: RecordSubject;
};

/** A record with what the policy needs to decide who may see it. */
export async function loadRecord(db: Queryable, placeId: string, recordId: string): Promise<LoadedRecord | undefined> {
  const record = await findRecord(db, placeId, recordId);
  if (!record) return undefined;
  const [careTeam, referrerRoles] = await Promise.all([careTeamOf(db, record.id), referrerRolesOf(db, placeId)]);
  return {
    ...record,
    careTeam,
    subject: {
      placeId,
      holderId: record.holderId,
      careTeam: careTeam.map((c) => c.personId),
      personId: record.personId,
      referrerRoles: referrerRoles as Role[],
    },
  };
}

export async function openRecord(
  kith: Kith,
  command: Submitted & { placeId: string; input: RecordInput },
): Promise<string> {
  return submitted(kith, command, 'prescribing/openRecord', async (trx) => {
    const i = command.input;
    const id = await insertRecord(trx, {
      place_id: command.placeId,
      person_id: null,
      name: i.name,
      preferred_name: i.preferredName,
      email: i.email,
      phone: i.phone,
      how_to_contact: i.howToContact,
      access_needs: i.accessNeeds,
      referred_from: i.referredFrom,
      holder_id: command.actorId,
    });
    await recordAudit(trx, {
      placeId: command.placeId,
      actorId: command.actorId,
      action: 'supportRecord.opened',
      subjectType: 'support_record',
      subjectId: id,
    });
    return id;
  });
}

export async function recordConversation(
  kith: Kith,
  command: Submitted & { placeId: string; recordId: string; input: ConversationInput },
): Promise<string> {
  return submitted(kith, command, 'prescribing/conversation', async (trx) => {
    const i = command.input;
    const id = await insertConversation(trx, {
      place_id: command.placeId,
      record_id: command.recordId,
      held_on: i.heldOn,
      held_by: command.actorId,
      strengths: i.strengths,
      interests: i.interests,
      skills: i.skills,
      would_like_to: i.wouldLikeTo,
      gets_in_the_way: i.getsInTheWay,
    });
    await touchRecord(trx, command.recordId);
    await recordAudit(trx, {
      placeId: command.placeId,
      actorId: command.actorId,
      action: 'conversation.recorded',
      subjectType: 'support_record',
      subjectId: command.recordId,
    });
    return id;
  });
}

/**
 * Records the person's decision in the exact words they were shown (in the language of
 * the page). A new decision replaces the last. The episode's SNOMED CT code is set the
 * first time: accepted social prescribing, or declined it.
 */
export async function recordConsent(
  kith: Kith,
  command: Submitted & { placeId: string; recordId: string; input: ConsentInput; lang: Lang },
): Promise<string> {
  const t = kith.catalogue.translator(command.lang);
  const shares = command.input.decision === 'agreed' ? command.input.shares : [];
  const messageBack = command.input.decision === 'agreed' && command.input.messageBack === 'yes';
  const wording = consentWording(t, { decision: command.input.decision, shares, messageBack });
  return submitted(kith, command, 'prescribing/consent', async (trx) => {
    const record = await findRecord(trx, command.placeId, command.recordId);
    if (!record) throw new NotFoundError();
    const now = new Date().toISOString();
    await withdrawConsents(trx, command.recordId, now);
    const id = await insertConsent(trx, {
      place_id: command.placeId,
      record_id: command.recordId,
      given_on: command.input.givenOn,
      recorded_by: command.actorId,
      decision: command.input.decision,
      shares: shares.join(','),
      message_back: messageBack ? 1 : 0,
      wording,
      lang: command.lang,
    });
    const code = command.input.decision === 'agreed' ? SNOMED.referred.code : SNOMED.declined.code;
    await touchRecord(trx, command.recordId, record.episodeCode ? {} : { episode_code: code, episode_code_at: now });
    await recordAudit(trx, {
      placeId: command.placeId,
      actorId: command.actorId,
      action: 'consent.recorded',
      subjectType: 'support_record',
      subjectId: command.recordId,
      detail: { decision: command.input.decision },
    });
    return id;
  });
}

/** Shares the record with a colleague, who must be able to refer in the place too. */
export async function addColleague(
  kith: Kith,
  command: { placeId: string; actorId: string; recordId: string; email: string },
): Promise<void> {
  await kith.db.transaction(async (trx) => {
    const person = await findPersonByEmail(trx, command.email);
    if (!person) throw new RuleError('prescribing.careTeam.noAccount', {}, 'email');
    const allowed = (await referrerRolesOf(trx, command.placeId)) as Role[];
    if (!hasRole({ personId: person.id, roles: await rolesOf(trx, person.id) }, command.placeId, ...allowed)) {
      throw new RuleError('prescribing.careTeam.notReferrer', { name: person.name }, 'email');
    }
    const record = await findRecord(trx, command.placeId, command.recordId);
    if (!record) throw new NotFoundError();
    if (record.holderId === person.id) return;
    if (
      await addToCareTeam(trx, {
        record_id: command.recordId,
        person_id: person.id,
        place_id: command.placeId,
        added_by: command.actorId,
      })
    ) {
      await recordAudit(trx, {
        placeId: command.placeId,
        actorId: command.actorId,
        action: 'careTeam.added',
        subjectType: 'person',
        subjectId: person.id,
        detail: { record: command.recordId },
      });
    }
  });
}

export async function removeColleague(
  kith: Kith,
  command: { placeId: string; actorId: string; recordId: string; personId: string },
): Promise<void> {
  await kith.db.transaction(async (trx) => {
    if (await removeFromCareTeam(trx, command.recordId, command.personId)) {
      await recordAudit(trx, {
        placeId: command.placeId,
        actorId: command.actorId,
        action: 'careTeam.removed',
        subjectType: 'person',
        subjectId: command.personId,
        detail: { record: command.recordId },
      });
    }
  });
}

export async function addHealthNote(
  kith: Kith,
  command: Submitted & { placeId: string; recordId: string; body: string },
): Promise<void> {
  await submitted(kith, command, 'prescribing/healthNote', async (trx) => {
    await insertHealthNote(trx, {
      place_id: command.placeId,
      record_id: command.recordId,
      body: command.body,
      written_by: command.actorId,
    });
    await recordAudit(trx, {
      placeId: command.placeId,
      actorId: command.actorId,
      action: 'healthNote.added',
      subjectType: 'support_record',
      subjectId: command.recordId,
    });
  });
}

/**
 * Records that someone looked at a page of a support record: the record itself
 * (wellbeing, access needs), its conversation, consent, wellbeing and message-back pages
 * all show special-category data, and every view of it is audited.
 */
export async function auditRecordView(
  kith: Kith,
  command: { placeId: string; actorId: string | null; recordId: string; page: string },
): Promise<void> {
  await recordAudit(kith.db.kysely, {
    placeId: command.placeId,
    actorId: command.actorId,
    action: 'supportRecord.viewed',
    subjectType: 'support_record',
    subjectId: command.recordId,
    detail: { page: command.page },
  });
}

/** Reads the health notes and records, in the same transaction, who looked at them. */
export async function readHealthNotes(kith: Kith, command: { placeId: string; actorId: string; recordId: string }) {
  return kith.db.transaction(async (trx) => {
    const notes = await healthNotesOf(trx, command.recordId);
    await recordAudit(trx, {
      placeId: command.placeId,
      actorId: command.actorId,
      action: 'healthNotes.viewed',
      subjectType: 'support_record',
      subjectId: command.recordId,
      detail: { notes: notes.length },
    });
    return notes;
  });
}

const INVITE_DAYS = 14;
const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Emails the person a link to take their record over into their own Kith account. */
export async function inviteToTakeOver(
  kith: Kith,
  command: Submitted & { placeId: string; placeSlug: string; recordId: string; lang: Lang },
): Promise<void> {
  // Sent twice by a double click, the person would get two emails and the first link would not work.
  await submitted(kith, command, 'prescribing/invite', async (trx) => {
    const record = await findRecord(trx, command.placeId, command.recordId);
    if (!record) throw new NotFoundError();
    if (record.personId) throw new RuleError('prescribing.invite.alreadyTheirs');
    if (!record.email) throw new RuleError('prescribing.invite.noEmail');
    const token = randomBytes(24).toString('base64url');
    await touchRecord(trx, record.id, {
      invite_hash: hashToken(token),
      invite_expires_at: new Date(Date.now() + INVITE_DAYS * 86_400_000).toISOString(),
    });
    const worker = await findPersonById(trx, command.actorId);
    await emailReader(
      kith,
      trx,
      { email: record.email, name: record.preferredName, language: command.lang },
      {
        placeId: command.placeId,
        subjectKey: 'prescribing.email.invite.subject',
        paragraphs: ['prescribing.email.invite.body'],
        params: { worker: worker?.name ?? '', days: INVITE_DAYS },
        action: {
          key: 'prescribing.email.invite.action',
          path: `/places/${command.placeSlug}/social-prescribing/claim/${token}`,
        },
      },
    );
    await recordAudit(trx, {
      placeId: command.placeId,
      actorId: command.actorId,
      action: 'supportRecord.invited',
      subjectType: 'support_record',
      subjectId: record.id,
    });
  });
}

/** The record an invitation link points at, if the link is still good. */
export async function recordForInvite(db: Queryable, token: string): Promise<SupportRecord | undefined> {
  if (token.length > 100) return undefined;
  const record = await findRecordByInvite(db, hashToken(token));
  if (!record || !record.inviteExpiresAt || record.inviteExpiresAt < new Date().toISOString() || record.personId)
    return undefined;
  return record;
}

/** The invited person takes the record into their account; their care team keeps supporting them. */
export async function claimRecord(
  kith: Kith,
  command: { token: string; personId: string; placeId: string },
): Promise<string> {
  return kith.db.transaction(async (trx) => {
    const record = await recordForInvite(trx, command.token);
    if (!record || record.placeId !== command.placeId) throw new RuleError('prescribing.invite.invalid');
    await touchRecord(trx, record.id, {
      person_id: command.personId,
      claimed_at: new Date().toISOString(),
      invite_hash: null,
      invite_expires_at: null,
    });
    // Their record is in this place: they join it (as a resident) if they had not already.
    await joinPlaceWithin(trx, { placeId: record.placeId, personId: command.personId });
    await recordAudit(trx, {
      placeId: record.placeId,
      actorId: command.personId,
      action: 'supportRecord.claimed',
      subjectType: 'support_record',
      subjectId: record.id,
    });
    return record.id;
  });
}
