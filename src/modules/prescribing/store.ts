/** Social prescribing's queries. The only file here (with report-store.ts) that knows SQL. */
import { randomUUID } from 'node:crypto';
import { nowIso, type Queryable } from '../../db/index.js';
import { changesFrom, daySumsChange } from './wellbeing-rules.js';
import { WELLBEING_DAY_SUMS } from './schema.js';
import type {
  ConsentTable,
  ConversationTable,
  HealthNoteTable,
  InstrumentTable,
  ReferralEventTable,
  ReferralTable,
  SupportRecordTable,
  WellbeingTable,
} from './schema.js';

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

export async function instrumentsOf(db: Queryable, placeId: string): Promise<InstrumentTable[]> {
  return db.selectFrom('prescribing_instruments').selectAll().where('place_id', '=', placeId).orderBy('name').execute();
}

export async function findInstrument(db: Queryable, placeId: string, id: string): Promise<InstrumentTable | undefined> {
  return db
    .selectFrom('prescribing_instruments')
    .selectAll()
    .where('place_id', '=', placeId)
    .where('id', '=', id)
    .executeTakeFirst();
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
  >,
): Promise<string> {
  const id = randomUUID();
  const now = nowIso();
  await db
    .insertInto('prescribing_records')
    .values({
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

export async function findRecord(db: Queryable, placeId: string, id: string): Promise<SupportRecordTable | undefined> {
  return db
    .selectFrom('prescribing_records')
    .selectAll()
    .where('place_id', '=', placeId)
    .where('id', '=', id)
    .executeTakeFirst();
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

export async function findRecordByInvite(db: Queryable, hash: string): Promise<SupportRecordTable | undefined> {
  return db.selectFrom('prescribing_records').selectAll().where('invite_hash', '=', hash).executeTakeFirst();
}

/** The records a worker holds or shares as part of a care team, most recently changed first. */
export async function recordsOfWorker(
  db: Queryable,
  placeId: string,
  personId: string,
  page: { limit: number; offset: number },
) {
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
      .select(['r.id', 'r.name', 'r.preferred_name', 'r.holder_id', 'r.updated_at', 'r.person_id'])
      .orderBy('r.updated_at', 'desc')
      .orderBy('r.id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export async function recordsOfPerson(
  db: Queryable,
  personId: string,
  placeId?: string,
): Promise<SupportRecordTable[]> {
  let query = db.selectFrom('prescribing_records').selectAll().where('person_id', '=', personId);
  if (placeId) query = query.where('place_id', '=', placeId);
  return query.orderBy('created_at').execute();
}

export async function careTeamOf(db: Queryable, recordId: string) {
  return db
    .selectFrom('prescribing_care_team as c')
    .innerJoin('people as p', 'p.id', 'c.person_id')
    .select(['c.person_id', 'p.name', 'c.added_at'])
    .where('c.record_id', '=', recordId)
    .orderBy('c.added_at')
    .execute();
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

export async function conversationsOf(db: Queryable, recordId: string): Promise<ConversationTable[]> {
  return db
    .selectFrom('prescribing_conversations')
    .selectAll()
    .where('record_id', '=', recordId)
    .orderBy('held_on', 'desc')
    .orderBy('created_at', 'desc')
    .execute();
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

export async function consentsOf(db: Queryable, recordId: string): Promise<ConsentTable[]> {
  return db
    .selectFrom('prescribing_consents')
    .selectAll()
    .where('record_id', '=', recordId)
    .orderBy('created_at', 'desc')
    .execute();
}

export async function findConsent(db: Queryable, id: string): Promise<ConsentTable | undefined> {
  return db.selectFrom('prescribing_consents').selectAll().where('id', '=', id).executeTakeFirst();
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

export async function findReferral(db: Queryable, placeId: string, id: string): Promise<ReferralTable | undefined> {
  return db
    .selectFrom('prescribing_referrals')
    .selectAll()
    .where('place_id', '=', placeId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function referralsOfRecord(db: Queryable, recordId: string): Promise<ReferralTable[]> {
  return db
    .selectFrom('prescribing_referrals')
    .selectAll()
    .where('record_id', '=', recordId)
    .orderBy('sent_at', 'desc')
    .execute();
}

export async function referralsOfRecords(db: Queryable, recordIds: readonly string[]): Promise<ReferralTable[]> {
  if (!recordIds.length) return [];
  return db
    .selectFrom('prescribing_referrals')
    .selectAll()
    .where('record_id', 'in', [...recordIds])
    .execute();
}

/** A receiving organisation's referrals: open ones first, then the rest, newest first. */
export async function referralsToOrganisations(
  db: Queryable,
  placeId: string,
  organisationIds: readonly string[],
  page: { limit: number; offset: number },
) {
  if (!organisationIds.length) return { rows: [], total: 0 };
  const base = db
    .selectFrom('prescribing_referrals')
    .where('place_id', '=', placeId)
    .where('organisation_id', 'in', [...organisationIds]);
  const [rows, count] = await Promise.all([
    base.selectAll().orderBy('last_change_at', 'desc').orderBy('id').limit(page.limit).offset(page.offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
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

export async function eventsOf(db: Queryable, referralIds: readonly string[]): Promise<ReferralEventTable[]> {
  if (!referralIds.length) return [];
  return db
    .selectFrom('prescribing_referral_events')
    .selectAll()
    .where('referral_id', 'in', [...referralIds])
    .orderBy('at')
    .execute();
}

/** Open referrals with no change since `before` and no reminder yet for this stall, in every place. */
export async function stalledReferrals(db: Queryable, before: string, limit: number) {
  return db
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

export async function wellbeingOf(db: Queryable, recordId: string): Promise<WellbeingTable[]> {
  return db
    .selectFrom('prescribing_wellbeing')
    .selectAll()
    .where('record_id', '=', recordId)
    .orderBy('answered_on')
    .execute();
}

// Health notes

export async function insertHealthNote(db: Queryable, row: Omit<HealthNoteTable, 'id' | 'created_at'>): Promise<void> {
  await db
    .insertInto('prescribing_health_notes')
    .values({ ...row, id: randomUUID(), created_at: nowIso() })
    .execute();
}

export async function healthNotesOf(db: Queryable, recordId: string): Promise<HealthNoteTable[]> {
  return db
    .selectFrom('prescribing_health_notes')
    .selectAll()
    .where('record_id', '=', recordId)
    .orderBy('created_at', 'desc')
    .execute();
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
        record.place_id,
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
 * What a link worker or organiser did stays (a conversation held, consent recorded, a
 * referral's history), no longer saying who did it: their id becomes one that points at
 * nobody. A record they held passes to the longest-standing colleague in its care team;
 * with none, it stays with that nobody, for the person to see and the place to hand on.
 */
async function forgetWorker(db: Queryable, personId: string): Promise<void> {
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
