/** Social prescribing's queries. The only file here (with report-store.ts) that knows SQL. */
import { randomUUID } from 'node:crypto';
import { nowIso, type Queryable } from '../../db/index.js';
import { changesFrom, daySumsChange } from './wellbeing-rules.js';
import { WELLBEING_DAY_SUMS } from './schema.js';
import { toConsent, type Consent } from './consent.js';
import type { ReferralStatus } from './referral-status.js';
import type {
  ConsentTable,
  ConversationTable,
  HealthNoteTable,
  InstrumentTable,
  ReferralEventTable,
  RecordSource,
  ReferralTable,
  SupportRecordTable,
  TargetKind,
  Timepoint,
  WellbeingTable,
} from './schema.js';

/** A wellbeing instrument a place defined: `items` is its JSON list of questions. */
export interface Instrument {
  id: string;
  placeId: string;
  name: string;
  items: string;
  scaleMin: number;
  scaleMax: number;
  higherIsBetter: boolean;
  licenceNote: string;
  active: boolean;
  createdBy: string | null;
  createdAt: string;
}

const toInstrument = (r: InstrumentTable): Instrument => ({
  id: r.id,
  placeId: r.place_id,
  name: r.name,
  items: r.items,
  scaleMin: Number(r.scale_min),
  scaleMax: Number(r.scale_max),
  higherIsBetter: Number(r.higher_is_better) === 1,
  licenceNote: r.licence_note,
  active: Number(r.active) === 1,
  createdBy: r.created_by,
  createdAt: r.created_at,
});

/** A person's support record: who they are to their link worker, and who holds it. */
export interface SupportRecord {
  id: string;
  placeId: string;
  personId: string | null;
  name: string;
  preferredName: string;
  email: string | null;
  phone: string | null;
  howToContact: string;
  accessNeeds: string;
  referredFrom: string;
  source: RecordSource;
  referredById: string | null;
  holderId: string;
  episodeCode: string | null;
  episodeCodeAt: string | null;
  inviteHash: string | null;
  inviteExpiresAt: string | null;
  claimedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

const toRecord = (r: SupportRecordTable): SupportRecord => ({
  id: r.id,
  placeId: r.place_id,
  personId: r.person_id,
  name: r.name,
  preferredName: r.preferred_name,
  email: r.email,
  phone: r.phone,
  howToContact: r.how_to_contact,
  accessNeeds: r.access_needs,
  referredFrom: r.referred_from,
  source: r.source ?? 'link_worker',
  referredById: r.referred_by_id ?? null,
  holderId: r.holder_id,
  episodeCode: r.episode_code,
  episodeCodeAt: r.episode_code_at,
  inviteHash: r.invite_hash,
  inviteExpiresAt: r.invite_expires_at,
  claimedAt: r.claimed_at,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** A line of a worker's caseload. */
export type CaseloadEntry = Pick<
  SupportRecord,
  'id' | 'name' | 'preferredName' | 'holderId' | 'updatedAt' | 'personId' | 'source' | 'referredFrom'
>;

export interface CareTeamMember {
  personId: string;
  name: string | null;
  addedAt: string;
}

export interface Conversation {
  id: string;
  placeId: string;
  recordId: string;
  heldOn: string;
  heldBy: string;
  strengths: string;
  interests: string;
  skills: string;
  wouldLikeTo: string;
  getsInTheWay: string;
  createdAt: string;
}

const toConversation = (r: ConversationTable): Conversation => ({
  id: r.id,
  placeId: r.place_id,
  recordId: r.record_id,
  heldOn: r.held_on,
  heldBy: r.held_by,
  strengths: r.strengths,
  interests: r.interests,
  skills: r.skills,
  wouldLikeTo: r.would_like_to,
  getsInTheWay: r.gets_in_the_way,
  createdAt: r.created_at,
});

export interface Referral {
  id: string;
  placeId: string;
  recordId: string;
  targetKind: TargetKind;
  targetId: string;
  organisationId: string;
  status: ReferralStatus;
  reason: string | null;
  reasonDetail: string | null;
  note: string;
  consentId: string;
  referredBy: string;
  sentAt: string;
  acceptedAt: string | null;
  firstContactAt: string | null;
  attendedAt: string | null;
  stillGoingAt: string | null;
  endedAt: string | null;
  lastChangeAt: string;
  stallRemindedFor: string | null;
  snomedCode: string | null;
  snomedAt: string | null;
  updatedAt: string;
}

const toReferral = (r: ReferralTable): Referral => ({
  id: r.id,
  placeId: r.place_id,
  recordId: r.record_id,
  targetKind: r.target_kind,
  targetId: r.target_id,
  organisationId: r.organisation_id,
  status: r.status,
  reason: r.reason,
  reasonDetail: r.reason_detail,
  note: r.note,
  consentId: r.consent_id,
  referredBy: r.referred_by,
  sentAt: r.sent_at,
  acceptedAt: r.accepted_at,
  firstContactAt: r.first_contact_at,
  attendedAt: r.attended_at,
  stillGoingAt: r.still_going_at,
  endedAt: r.ended_at,
  lastChangeAt: r.last_change_at,
  stallRemindedFor: r.stall_reminded_for,
  snomedCode: r.snomed_code,
  snomedAt: r.snomed_at,
  updatedAt: r.updated_at,
});

export interface ReferralEvent {
  id: string;
  placeId: string;
  referralId: string;
  status: ReferralStatus;
  reason: string | null;
  detail: string | null;
  actorId: string | null;
  snomedCode: string | null;
  at: string;
}

const toReferralEvent = (r: ReferralEventTable): ReferralEvent => ({
  id: r.id,
  placeId: r.place_id,
  referralId: r.referral_id,
  status: r.status,
  reason: r.reason,
  detail: r.detail,
  actorId: r.actor_id,
  snomedCode: r.snomed_code,
  at: r.at,
});

/** One set of wellbeing answers at a timepoint (ONS4 item by item, another instrument's as JSON and a total). */
export interface Wellbeing {
  id: string;
  placeId: string;
  recordId: string;
  instrument: string;
  timepoint: Timepoint;
  answeredOn: string;
  life: number | null;
  worthwhile: number | null;
  happy: number | null;
  anxious: number | null;
  answers: string | null;
  total: number | null;
  recordedBy: string;
  createdAt: string;
  updatedAt: string;
}

const num = (v: number | null) => (v === null ? null : Number(v));

const toWellbeing = (r: WellbeingTable): Wellbeing => ({
  id: r.id,
  placeId: r.place_id,
  recordId: r.record_id,
  instrument: r.instrument,
  timepoint: r.timepoint,
  answeredOn: r.answered_on,
  life: num(r.life),
  worthwhile: num(r.worthwhile),
  happy: num(r.happy),
  anxious: num(r.anxious),
  answers: r.answers,
  total: num(r.total),
  recordedBy: r.recorded_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export interface HealthNote {
  id: string;
  placeId: string;
  recordId: string;
  body: string;
  writtenBy: string;
  createdAt: string;
}

const toHealthNote = (r: HealthNoteTable): HealthNote => ({
  id: r.id,
  placeId: r.place_id,
  recordId: r.record_id,
  body: r.body,
  writtenBy: r.written_by,
  createdAt: r.created_at,
});

// Settings and instruments

export async function referrerRolesOf(db: Queryable, placeId: string): Promise<string[]> {
  const row = await db
    .selectFrom('prescribing_settings')
    .select('referrer_roles')
    .where('place_id', '=', placeId)
    .executeTakeFirst();
  return row ? row.referrer_roles.split(',').filter(Boolean) : ['link_worker'];
}

export async function saveReferrerRoles(
  db: Queryable,
  placeId: string,
  roles: readonly string[],
  by: string | null,
): Promise<void> {
  const values = { referrer_roles: roles.join(','), updated_at: nowIso(), updated_by: by };
  await db
    .insertInto('prescribing_settings')
    .values({ place_id: placeId, ...values })
    .onConflict((oc) => oc.column('place_id').doUpdateSet(values))
    .execute();
}

export async function instrumentsOf(db: Queryable, placeId: string): Promise<Instrument[]> {
  const rows = await db
    .selectFrom('prescribing_instruments')
    .selectAll()
    .where('place_id', '=', placeId)
    .orderBy('name')
    .execute();
  return rows.map(toInstrument);
}

export async function findInstrument(db: Queryable, placeId: string, id: string): Promise<Instrument | undefined> {
  const row = await db
    .selectFrom('prescribing_instruments')
    .selectAll()
    .where('place_id', '=', placeId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toInstrument(row);
}

export async function insertInstrument(
  db: Queryable,
  row: Omit<InstrumentTable, 'id' | 'created_at'>,
): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('prescribing_instruments')
    .values({ ...row, id, created_at: nowIso() })
    .execute();
  return id;
}

// Records and care teams

export async function insertRecord(
  db: Queryable,
  row: Omit<
    SupportRecordTable,
    | 'id'
    | 'created_at'
    | 'updated_at'
    | 'episode_code'
    | 'episode_code_at'
    | 'invite_hash'
    | 'invite_expires_at'
    | 'claimed_at'
    | 'source'
    | 'referred_by_id'
  > &
    Partial<Pick<SupportRecordTable, 'source' | 'referred_by_id'>>,
): Promise<string> {
  const id = randomUUID();
  const now = nowIso();
  await db
    .insertInto('prescribing_records')
    .values({
      source: 'link_worker',
      referred_by_id: null,
      ...row,
      id,
      episode_code: null,
      episode_code_at: null,
      invite_hash: null,
      invite_expires_at: null,
      claimed_at: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

export async function findRecord(db: Queryable, placeId: string, id: string): Promise<SupportRecord | undefined> {
  const row = await db
    .selectFrom('prescribing_records')
    .selectAll()
    .where('place_id', '=', placeId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toRecord(row);
}

export async function touchRecord(
  db: Queryable,
  id: string,
  changes: Partial<
    Pick<
      SupportRecordTable,
      'episode_code' | 'episode_code_at' | 'invite_hash' | 'invite_expires_at' | 'person_id' | 'claimed_at'
    >
  > = {},
): Promise<void> {
  await db
    .updateTable('prescribing_records')
    .set({ ...changes, updated_at: nowIso() })
    .where('id', '=', id)
    .execute();
}

export async function findRecordByInvite(db: Queryable, hash: string): Promise<SupportRecord | undefined> {
  const row = await db.selectFrom('prescribing_records').selectAll().where('invite_hash', '=', hash).executeTakeFirst();
  return row && toRecord(row);
}

/** The records a worker holds or shares as part of a care team, most recently changed first. */
export async function recordsOfWorker(
  db: Queryable,
  placeId: string,
  personId: string,
  page: { limit: number; offset: number },
): Promise<{ rows: CaseloadEntry[]; total: number }> {
  const base = db
    .selectFrom('prescribing_records as r')
    .where('r.place_id', '=', placeId)
    .where((eb) =>
      eb.or([
        eb('r.holder_id', '=', personId),
        eb.exists(
          eb
            .selectFrom('prescribing_care_team as c')
            .select('c.person_id')
            .whereRef('c.record_id', '=', 'r.id')
            .where('c.person_id', '=', personId),
        ),
      ]),
    );
  const [rows, count] = await Promise.all([
    base
      .select([
        'r.id',
        'r.name',
        'r.preferred_name',
        'r.holder_id',
        'r.updated_at',
        'r.person_id',
        'r.source',
        'r.referred_from',
      ])
      .orderBy('r.updated_at', 'desc')
      .orderBy('r.id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    rows: rows.map((r) => ({
      id: r.id,
      name: r.name,
      preferredName: r.preferred_name,
      holderId: r.holder_id,
      updatedAt: r.updated_at,
      personId: r.person_id,
      source: r.source,
      referredFrom: r.referred_from,
    })),
    total: Number(count.n),
  };
}

export async function recordsOfPerson(db: Queryable, personId: string, placeId?: string): Promise<SupportRecord[]> {
  let query = db.selectFrom('prescribing_records').selectAll().where('person_id', '=', personId);
  if (placeId) query = query.where('place_id', '=', placeId);
  return (await query.orderBy('created_at').execute()).map(toRecord);
}

export async function careTeamOf(db: Queryable, recordId: string): Promise<CareTeamMember[]> {
  const rows = await db
    .selectFrom('prescribing_care_team as c')
    .innerJoin('people as p', 'p.id', 'c.person_id')
    .select(['c.person_id', 'p.name', 'c.added_at'])
    .where('c.record_id', '=', recordId)
    .orderBy('c.added_at')
    .execute();
  return rows.map((r) => ({ personId: r.person_id, name: r.name, addedAt: r.added_at }));
}

export async function addToCareTeam(
  db: Queryable,
  row: { record_id: string; person_id: string; place_id: string; added_by: string },
): Promise<boolean> {
  const result = await db
    .insertInto('prescribing_care_team')
    .values({ ...row, added_at: nowIso() })
    .onConflict((oc) => oc.columns(['record_id', 'person_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function removeFromCareTeam(db: Queryable, recordId: string, personId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('prescribing_care_team')
    .where('record_id', '=', recordId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

// Conversations and consent

export async function insertConversation(
  db: Queryable,
  row: Omit<ConversationTable, 'id' | 'created_at'>,
): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('prescribing_conversations')
    .values({ ...row, id, created_at: nowIso() })
    .execute();
  return id;
}

export async function conversationsOf(db: Queryable, recordId: string): Promise<Conversation[]> {
  const rows = await db
    .selectFrom('prescribing_conversations')
    .selectAll()
    .where('record_id', '=', recordId)
    .orderBy('held_on', 'desc')
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map(toConversation);
}

export async function insertConsent(
  db: Queryable,
  row: Omit<ConsentTable, 'id' | 'created_at' | 'withdrawn_at'>,
): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('prescribing_consents')
    .values({ ...row, id, created_at: nowIso(), withdrawn_at: null })
    .execute();
  return id;
}

/** A record's consents, newest first: the first is the one in force unless withdrawn. */
export async function consentsOf(db: Queryable, recordId: string): Promise<Consent[]> {
  const rows = await db
    .selectFrom('prescribing_consents')
    .selectAll()
    .where('record_id', '=', recordId)
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map(toConsent);
}

export async function findConsent(db: Queryable, id: string): Promise<Consent | undefined> {
  const row = await db.selectFrom('prescribing_consents').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toConsent(row);
}

/** A newer consent replaces the older ones: they are marked withdrawn as it is recorded. */
export async function withdrawConsents(db: Queryable, recordId: string, at: string): Promise<void> {
  await db
    .updateTable('prescribing_consents')
    .set({ withdrawn_at: at })
    .where('record_id', '=', recordId)
    .where('withdrawn_at', 'is', null)
    .execute();
}

// Referrals

export async function insertReferral(db: Queryable, row: ReferralTable): Promise<void> {
  await db.insertInto('prescribing_referrals').values(row).execute();
}

export async function findReferral(db: Queryable, placeId: string, id: string): Promise<Referral | undefined> {
  const row = await db
    .selectFrom('prescribing_referrals')
    .selectAll()
    .where('place_id', '=', placeId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toReferral(row);
}

export async function referralsOfRecord(db: Queryable, recordId: string): Promise<Referral[]> {
  const rows = await db
    .selectFrom('prescribing_referrals')
    .selectAll()
    .where('record_id', '=', recordId)
    .orderBy('sent_at', 'desc')
    .execute();
  return rows.map(toReferral);
}

/** How many records each of these people holds in the place (absent: none). */
export async function recordsHeld(
  db: Queryable,
  placeId: string,
  personIds: readonly string[],
): Promise<Map<string, number>> {
  if (!personIds.length) return new Map();
  const rows = await db
    .selectFrom('prescribing_records')
    .select(['holder_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('place_id', '=', placeId)
    .where('holder_id', 'in', [...personIds])
    .groupBy('holder_id')
    .execute();
  return new Map(rows.map((r) => [r.holder_id, Number(r.n)]));
}

/** What a referrer from another service sent in the place, newest first: the records, for their names and dates only. */
export async function recordsReferredBy(db: Queryable, placeId: string, personId: string): Promise<SupportRecord[]> {
  const rows = await db
    .selectFrom('prescribing_records')
    .selectAll()
    .where('place_id', '=', placeId)
    .where('referred_by_id', '=', personId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
  return rows.map(toRecord);
}

export async function referralsOfRecords(db: Queryable, recordIds: readonly string[]): Promise<Referral[]> {
  if (!recordIds.length) return [];
  const rows = await db
    .selectFrom('prescribing_referrals')
    .selectAll()
    .where('record_id', 'in', [...recordIds])
    .execute();
  return rows.map(toReferral);
}

/** A receiving organisation's referrals: open ones first, then the rest, newest first. */
export async function referralsToOrganisations(
  db: Queryable,
  placeId: string,
  organisationIds: readonly string[],
  page: { limit: number; offset: number },
): Promise<{ rows: Referral[]; total: number }> {
  if (!organisationIds.length) return { rows: [], total: 0 };
  const base = db
    .selectFrom('prescribing_referrals')
    .where('place_id', '=', placeId)
    .where('organisation_id', 'in', [...organisationIds]);
  const [rows, count] = await Promise.all([
    base.selectAll().orderBy('last_change_at', 'desc').orderBy('id').limit(page.limit).offset(page.offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows.map(toReferral), total: Number(count.n) };
}

export async function updateReferral(db: Queryable, id: string, changes: Partial<ReferralTable>): Promise<void> {
  await db.updateTable('prescribing_referrals').set(changes).where('id', '=', id).execute();
}

export async function insertReferralEvent(db: Queryable, row: Omit<ReferralEventTable, 'id'>): Promise<void> {
  await db
    .insertInto('prescribing_referral_events')
    .values({ ...row, id: randomUUID() })
    .execute();
}

export async function eventsOf(db: Queryable, referralIds: readonly string[]): Promise<ReferralEvent[]> {
  if (!referralIds.length) return [];
  const rows = await db
    .selectFrom('prescribing_referral_events')
    .selectAll()
    .where('referral_id', 'in', [...referralIds])
    .orderBy('at')
    .execute();
  return rows.map(toReferralEvent);
}

/** Open referrals with no change since `before` and no reminder yet for this stall, in every place. */
/** Referrals to requests for help still on their way, oldest first: those a request's progress may move on. */
export async function openRequestReferrals(
  db: Queryable,
  limit: number,
): Promise<Array<Pick<Referral, 'id' | 'placeId' | 'targetId' | 'status'>>> {
  const rows = await db
    .selectFrom('prescribing_referrals')
    .select(['id', 'place_id', 'target_id', 'status'])
    .where('target_kind', '=', 'request')
    .where('status', 'in', ['sent', 'accepted', 'first_contact'])
    .orderBy('sent_at')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, placeId: r.place_id, targetId: r.target_id, status: r.status }));
}

export async function stalledReferrals(
  db: Queryable,
  before: string,
  limit: number,
): Promise<
  Array<
    Pick<Referral, 'id' | 'placeId' | 'recordId' | 'targetKind' | 'targetId' | 'referredBy' | 'status' | 'lastChangeAt'>
  >
> {
  const rows = await db
    .selectFrom('prescribing_referrals')
    .select(['id', 'place_id', 'record_id', 'target_kind', 'target_id', 'referred_by', 'status', 'last_change_at'])
    .where('status', 'in', ['sent', 'accepted', 'first_contact'])
    .where('last_change_at', '<', before)
    .where((eb) =>
      eb.or([eb('stall_reminded_for', 'is', null), eb('stall_reminded_for', '<>', eb.ref('last_change_at'))]),
    )
    .orderBy('last_change_at')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    placeId: r.place_id,
    recordId: r.record_id,
    targetKind: r.target_kind,
    targetId: r.target_id,
    referredBy: r.referred_by,
    status: r.status,
    lastChangeAt: r.last_change_at,
  }));
}

/** Claims the reminder for this stall; false if another run already sent it. */
export async function claimStallReminder(db: Queryable, id: string, lastChangeAt: string): Promise<boolean> {
  const result = await db
    .updateTable('prescribing_referrals')
    .set({ stall_reminded_for: lastChangeAt })
    .where('id', '=', id)
    .where('last_change_at', '=', lastChangeAt)
    .where((eb) => eb.or([eb('stall_reminded_for', 'is', null), eb('stall_reminded_for', '<>', lastChangeAt)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

// Wellbeing

export type WellbeingAnswers = Omit<
  WellbeingTable,
  'id' | 'created_at' | 'updated_at' | 'd_life' | 'd_worthwhile' | 'd_happy' | 'd_anxious' | 'd_total'
>;

/**
 * Saves one set of answers (a timepoint already answered is corrected in place), brings
 * the record's changes from referral up to date (a follow-up's against the baseline, or
 * every follow-up's when it is the baseline that changed), and moves the day sums by the
 * difference, all in the caller's transaction.
 */
export async function saveWellbeing(db: Queryable, row: WellbeingAnswers): Promise<void> {
  const now = nowIso();
  const before = await answersOf(db, row.record_id, row.instrument);
  const answers = {
    answered_on: row.answered_on,
    life: row.life,
    worthwhile: row.worthwhile,
    happy: row.happy,
    anxious: row.anxious,
    answers: row.answers,
    total: row.total,
    recorded_by: row.recorded_by,
    updated_at: now,
  };
  const none = { d_life: null, d_worthwhile: null, d_happy: null, d_anxious: null, d_total: null };
  await db
    .insertInto('prescribing_wellbeing')
    .values({ ...row, ...none, id: randomUUID(), created_at: now, updated_at: now })
    .onConflict((oc) => oc.columns(['record_id', 'instrument', 'timepoint']).doUpdateSet(answers))
    .execute();
  const rows = await answersOf(db, row.record_id, row.instrument);
  const baseline = rows.find((r) => r.timepoint === 'referral');
  const after = rows.map((r) => (r.timepoint === 'referral' ? r : { ...r, ...changesFrom(baseline, r) }));
  for (const r of after)
    if (r.timepoint !== 'referral')
      await db.updateTable('prescribing_wellbeing').set(changesFrom(baseline, r)).where('id', '=', r.id).execute();
  await moveDaySums(db, row.place_id, row.instrument, daySumsChange(before, after));
}

async function answersOf(db: Queryable, recordId: string, instrument: string) {
  return db
    .selectFrom('prescribing_wellbeing')
    .selectAll()
    .where('record_id', '=', recordId)
    .where('instrument', '=', instrument)
    .execute();
}

async function moveDaySums(
  db: Queryable,
  placeId: string,
  instrument: string,
  changes: ReturnType<typeof daySumsChange>,
): Promise<void> {
  for (const change of changes.values()) {
    await db
      .insertInto('prescribing_wellbeing_days')
      .values({
        place_id: placeId,
        instrument,
        answered_on: change.answeredOn,
        timepoint: change.timepoint,
        ...change.sums,
      })
      .onConflict((oc) =>
        oc
          .columns(['place_id', 'instrument', 'answered_on', 'timepoint'])
          .doUpdateSet((eb) =>
            Object.fromEntries(
              WELLBEING_DAY_SUMS.map((k) => [
                k,
                eb(eb.ref(`prescribing_wellbeing_days.${k}`), '+', eb.ref(`excluded.${k}`)),
              ]),
            ),
          ),
      )
      .execute();
  }
}

export async function wellbeingOf(db: Queryable, recordId: string): Promise<Wellbeing[]> {
  const rows = await db
    .selectFrom('prescribing_wellbeing')
    .selectAll()
    .where('record_id', '=', recordId)
    .orderBy('answered_on')
    .execute();
  return rows.map(toWellbeing);
}

// Health notes

export async function insertHealthNote(db: Queryable, row: Omit<HealthNoteTable, 'id' | 'created_at'>): Promise<void> {
  await db
    .insertInto('prescribing_health_notes')
    .values({ ...row, id: randomUUID(), created_at: nowIso() })
    .execute();
}

export async function healthNotesOf(db: Queryable, recordId: string): Promise<HealthNote[]> {
  const rows = await db
    .selectFrom('prescribing_health_notes')
    .selectAll()
    .where('record_id', '=', recordId)
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map(toHealthNote);
}

// Erasure

/** The person's own records go when they erase their account; their care-team places too. */
export async function deleteRecordsOfPerson(db: Queryable, personId: string): Promise<void> {
  // Their answers leave the day sums as they leave the table.
  for (const record of await recordsOfPerson(db, personId)) {
    const rows = await db.selectFrom('prescribing_wellbeing').selectAll().where('record_id', '=', record.id).execute();
    for (const instrument of new Set(rows.map((r) => r.instrument))) {
      await moveDaySums(
        db,
        record.placeId,
        instrument,
        daySumsChange(
          rows.filter((r) => r.instrument === instrument),
          [],
        ),
      );
    }
  }
  await db.deleteFrom('prescribing_records').where('person_id', '=', personId).execute();
  await db.deleteFrom('prescribing_care_team').where('person_id', '=', personId).execute();
  await forgetWorker(db, personId);
}

/**
 * Whether someone holds a support record that no colleague shares: such a record would
 * be left held by nobody, so the person's account cannot be deleted until a colleague
 * joins its care team (the record itself belongs to the person it is about).
 */
export async function holdsUnsharedRecords(db: Queryable, personId: string): Promise<boolean> {
  const row = await db
    .selectFrom('prescribing_records as r')
    .select('r.id')
    .where('r.holder_id', '=', personId)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('prescribing_care_team as c')
            .select('c.record_id')
            .whereRef('c.record_id', '=', 'r.id')
            .where('c.person_id', '!=', personId),
        ),
      ),
    )
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * What a link worker or organiser did stays (a conversation held, consent recorded, a
 * referral's history), no longer saying who did it: their id becomes one that points at
 * nobody. A record they held passes to the longest-standing colleague in its care team;
 * there is always one, since holdsUnsharedRecords stops the erasure otherwise.
 */
async function forgetWorker(db: Queryable, personId: string): Promise<void> {
  // A referrer from another service who leaves: what they sent stays, without their name.
  await db
    .updateTable('prescribing_records')
    .set({ referred_by_id: null })
    .where('referred_by_id', '=', personId)
    .execute();
  const nobody = `erased:${randomUUID()}`;
  const held = await db.selectFrom('prescribing_records').select('id').where('holder_id', '=', personId).execute();
  for (const { id } of held) {
    const next = await db
      .selectFrom('prescribing_care_team')
      .select('person_id')
      .where('record_id', '=', id)
      .orderBy('added_at')
      .orderBy('person_id')
      .executeTakeFirst();
    await db
      .updateTable('prescribing_records')
      .set({ holder_id: next?.person_id ?? nobody })
      .where('id', '=', id)
      .execute();
    if (next)
      await db
        .deleteFrom('prescribing_care_team')
        .where('record_id', '=', id)
        .where('person_id', '=', next.person_id)
        .execute();
  }
  await db.updateTable('prescribing_care_team').set({ added_by: null }).where('added_by', '=', personId).execute();
  await db.updateTable('prescribing_settings').set({ updated_by: null }).where('updated_by', '=', personId).execute();
  await db
    .updateTable('prescribing_instruments')
    .set({ created_by: null })
    .where('created_by', '=', personId)
    .execute();
  await db.updateTable('prescribing_conversations').set({ held_by: nobody }).where('held_by', '=', personId).execute();
  await db
    .updateTable('prescribing_consents')
    .set({ recorded_by: nobody })
    .where('recorded_by', '=', personId)
    .execute();
  await db
    .updateTable('prescribing_referrals')
    .set({ referred_by: nobody })
    .where('referred_by', '=', personId)
    .execute();
  await db
    .updateTable('prescribing_referral_events')
    .set({ actor_id: nobody })
    .where('actor_id', '=', personId)
    .execute();
  await db
    .updateTable('prescribing_wellbeing')
    .set({ recorded_by: nobody })
    .where('recorded_by', '=', personId)
    .execute();
  await db
    .updateTable('prescribing_health_notes')
    .set({ written_by: nobody })
    .where('written_by', '=', personId)
    .execute();
}
