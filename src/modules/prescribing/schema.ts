import type { KithMigration } from '../../db/migrate.js';
import type { ReferralStatus } from './referral-status.js';

/**
 * Social prescribing (capability 6): the people a link worker supports, their "what
 * matters to you" conversations and consent, referrals to activities, wellbeing before
 * and after, and health notes (special-category data). Every table carries place_id.
 */

/** Who may refer in a place: link workers by default; the place may add roles. */
export interface PrescribingSettingsTable {
  place_id: string;
  /** Comma-separated roles, such as "link_worker,coordinator". */
  referrer_roles: string;
  updated_at: string;
  updated_by: string | null;
}

/**
 * A wellbeing instrument a place defines for itself: items and a scale, no wording
 * shipped by Kith (SWEMWBS and the like need the place's own licence).
 */
export interface InstrumentTable {
  id: string;
  place_id: string;
  name: string;
  /** JSON: [{ key, text, textCy }] */
  items: string;
  scale_min: number;
  scale_max: number;
  higher_is_better: number;
  /** Where the place's licence for the wording is recorded. */
  licence_note: string;
  active: number;
  created_by: string | null;
  created_at: string;
}

/**
 * The record a link worker holds about a person they support. The person may have a
 * Kith account (person_id) or not; they can be invited to take the record over.
 */
export interface SupportRecordTable {
  id: string;
  place_id: string;
  person_id: string | null;
  name: string;
  /** What the person likes to be called: the "first name" a group may be shown. */
  preferred_name: string;
  email: string | null;
  phone: string | null;
  how_to_contact: string;
  access_needs: string;
  /** Who referred the person to the link worker (a GP practice, say): the message back goes there. */
  referred_from: string;
  /**
   * How the record began: opened by a link worker, asked for by the person themselves,
   * or sent by a referrer from another service (probation, housing, a school).
   */
  source: RecordSource;
  /** The referrer from another service who sent it; they see its referrals' progress, never the record. */
  referred_by_id: string | null;
  holder_id: string;
  /** SNOMED CT code of the episode: accepted (871731000000106) or declined (871711000000103). */
  episode_code: string | null;
  episode_code_at: string | null;
  invite_hash: string | null;
  invite_expires_at: string | null;
  claimed_at: string | null;
  created_at: string;
  updated_at: string;
}

/** Named colleagues who share a record with its holder: its care team. */
export interface CareTeamTable {
  record_id: string;
  person_id: string;
  place_id: string;
  added_by: string | null;
  added_at: string;
}

/** A "what matters to you" conversation: strengths first, not only needs (seed C2). */
export interface ConversationTable {
  id: string;
  place_id: string;
  record_id: string;
  held_on: string;
  held_by: string;
  strengths: string;
  interests: string;
  skills: string;
  would_like_to: string;
  gets_in_the_way: string;
  created_at: string;
}

export type ShareItem = 'first_name' | 'contact' | 'access_needs' | 'interests';

/** What the person agreed to share, with whom, on which date, in the exact words shown. */
export interface ConsentTable {
  id: string;
  place_id: string;
  record_id: string;
  given_on: string;
  recorded_by: string;
  decision: 'agreed' | 'declined';
  /** Comma-separated ShareItems the receiving groups may see. */
  shares: string;
  /** 1 when the person agreed to a message back to whoever referred them (their GP, say). */
  message_back: number;
  wording: string;
  lang: 'en' | 'cy';
  created_at: string;
  withdrawn_at: string | null;
}

export type RecordSource = 'link_worker' | 'self' | 'service';

/**
 * What a referral is to: a directory activity, a volunteering role, a befriending or
 * peer-support scheme, or a request for help posted in the person's name (target_id is the post).
 */
export type TargetKind = 'activity' | 'role' | 'scheme' | 'request';

export interface ReferralTable {
  id: string;
  place_id: string;
  record_id: string;
  /** What the person is referred to (target_id is its id); the column is plain text, so a new kind needs no migration. */
  target_kind: TargetKind;
  target_id: string;
  /** The receiving organisation, kept for its inbox. */
  organisation_id: string;
  status: ReferralStatus;
  reason: string | null;
  reason_detail: string | null;
  /** Words from the link worker for the group (never health details: the form says so). */
  note: string;
  consent_id: string;
  referred_by: string;
  sent_at: string;
  accepted_at: string | null;
  first_contact_at: string | null;
  attended_at: string | null;
  still_going_at: string | null;
  ended_at: string | null;
  last_change_at: string;
  /** The last_change_at a stalled-referral reminder was sent for (one reminder a stall). */
  stall_reminded_for: string | null;
  snomed_code: string | null;
  snomed_at: string | null;
  updated_at: string;
}

export interface ReferralEventTable {
  id: string;
  place_id: string;
  referral_id: string;
  status: ReferralStatus;
  reason: string | null;
  detail: string | null;
  actor_id: string | null;
  snomed_code: string | null;
  at: string;
}

export type Timepoint = 'referral' | '3m' | '6m';

/** One set of wellbeing answers at a timepoint: ONS4 in columns, other instruments as JSON. */
export interface WellbeingTable {
  id: string;
  place_id: string;
  record_id: string;
  /** "ons4", or an instrument's id. */
  instrument: string;
  timepoint: Timepoint;
  answered_on: string;
  life: number | null;
  worthwhile: number | null;
  happy: number | null;
  anxious: number | null;
  /** JSON { itemKey: value } for other instruments. */
  answers: string | null;
  total: number | null;
  /**
   * At 3 or 6 months, the change from the same person's answers at referral (null
   * without them): kept with the answers so reports sum them without a join.
   */
  d_life: number | null;
  d_worthwhile: number | null;
  d_happy: number | null;
  d_anxious: number | null;
  d_total: number | null;
  recorded_by: string;
  created_at: string;
  updated_at: string;
}

/**
 * Every set of answers of a day, added up: how many, the sum of each item, and at
 * follow-ups the count, sum and sum of squares of the changes from referral. Kept up to
 * date with every answer saved (store.ts), so a report on the whole place reads a row a
 * day rather than every answer.
 */
export interface WellbeingDayTable {
  place_id: string;
  instrument: string;
  answered_on: string;
  timepoint: Timepoint;
  n: number;
  s_life: number;
  s_worthwhile: number;
  s_happy: number;
  s_anxious: number;
  s_total: number;
  dn: number;
  ds_life: number;
  ds_worthwhile: number;
  ds_happy: number;
  ds_anxious: number;
  ds_total: number;
  dq_life: number;
  dq_worthwhile: number;
  dq_happy: number;
  dq_anxious: number;
  dq_total: number;
}

/** Health-related notes: special-category data, for the person and their care team only. */
export interface HealthNoteTable {
  id: string;
  place_id: string;
  record_id: string;
  body: string;
  written_by: string;
  created_at: string;
}

export const WELLBEING_DAY_SUMS = [
  'n',
  's_life',
  's_worthwhile',
  's_happy',
  's_anxious',
  's_total',
  'dn',
  'ds_life',
  'ds_worthwhile',
  'ds_happy',
  'ds_anxious',
  'ds_total',
  'dq_life',
  'dq_worthwhile',
  'dq_happy',
  'dq_anxious',
  'dq_total',
] as const;

declare module '../../db/schema.js' {
  interface Database {
    prescribing_settings: PrescribingSettingsTable;
    prescribing_instruments: InstrumentTable;
    prescribing_records: SupportRecordTable;
    prescribing_care_team: CareTeamTable;
    prescribing_conversations: ConversationTable;
    prescribing_consents: ConsentTable;
    prescribing_referrals: ReferralTable;
    prescribing_referral_events: ReferralEventTable;
    prescribing_wellbeing: WellbeingTable;
    prescribing_wellbeing_days: WellbeingDayTable;
    prescribing_health_notes: HealthNoteTable;
  }
}

export const migrations: Record<string, KithMigration> = {
  '2026-11-26-40-prescribing': {
    async up(db) {
      const tenant = (name: string) =>
        db.schema
          .createTable(name)
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('place_id', 'text', (c) => c.notNull().references('places.id').onDelete('cascade'));

      await db.schema
        .createTable('prescribing_settings')
        .addColumn('place_id', 'text', (c) => c.primaryKey().references('places.id').onDelete('cascade'))
        .addColumn('referrer_roles', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'text')
        .execute();

      await tenant('prescribing_instruments')
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('items', 'text', (c) => c.notNull())
        .addColumn('scale_min', 'integer', (c) => c.notNull())
        .addColumn('scale_max', 'integer', (c) => c.notNull())
        .addColumn('higher_is_better', 'integer', (c) => c.notNull())
        .addColumn('licence_note', 'text', (c) => c.notNull())
        .addColumn('active', 'integer', (c) => c.notNull())
        .addColumn('created_by', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('prescribing_instruments_place')
        .on('prescribing_instruments')
        .columns(['place_id', 'name'])
        .execute();

      await tenant('prescribing_records')
        .addColumn('person_id', 'text', (c) => c.references('people.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('preferred_name', 'text', (c) => c.notNull())
        .addColumn('email', 'text')
        .addColumn('phone', 'text')
        .addColumn('how_to_contact', 'text', (c) => c.notNull())
        .addColumn('access_needs', 'text', (c) => c.notNull())
        .addColumn('referred_from', 'text', (c) => c.notNull())
        .addColumn('holder_id', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('episode_code', 'text')
        .addColumn('episode_code_at', 'text')
        .addColumn('invite_hash', 'text', (c) => c.unique())
        .addColumn('invite_expires_at', 'text')
        .addColumn('claimed_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('prescribing_records_holder')
        .on('prescribing_records')
        .columns(['place_id', 'holder_id', 'updated_at'])
        .execute();
      await db.schema.createIndex('prescribing_records_person').on('prescribing_records').column('person_id').execute();

      await db.schema
        .createTable('prescribing_care_team')
        .addColumn('record_id', 'text', (c) => c.notNull().references('prescribing_records.id').onDelete('cascade'))
        .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
        .addColumn('place_id', 'text', (c) => c.notNull())
        .addColumn('added_by', 'text')
        .addColumn('added_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('prescribing_care_team_pk', ['record_id', 'person_id'])
        .execute();
      await db.schema
        .createIndex('prescribing_care_team_person')
        .on('prescribing_care_team')
        .columns(['person_id', 'place_id'])
        .execute();

      await tenant('prescribing_conversations')
        .addColumn('record_id', 'text', (c) => c.notNull().references('prescribing_records.id').onDelete('cascade'))
        .addColumn('held_on', 'text', (c) => c.notNull())
        .addColumn('held_by', 'text', (c) => c.notNull())
        .addColumn('strengths', 'text', (c) => c.notNull())
        .addColumn('interests', 'text', (c) => c.notNull())
        .addColumn('skills', 'text', (c) => c.notNull())
        .addColumn('would_like_to', 'text', (c) => c.notNull())
        .addColumn('gets_in_the_way', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('prescribing_conversations_record')
        .on('prescribing_conversations')
        .columns(['record_id', 'held_on'])
        .execute();

      await tenant('prescribing_consents')
        .addColumn('record_id', 'text', (c) => c.notNull().references('prescribing_records.id').onDelete('cascade'))
        .addColumn('given_on', 'text', (c) => c.notNull())
        .addColumn('recorded_by', 'text', (c) => c.notNull())
        .addColumn('decision', 'text', (c) => c.notNull())
        .addColumn('shares', 'text', (c) => c.notNull())
        .addColumn('message_back', 'integer', (c) => c.notNull())
        .addColumn('wording', 'text', (c) => c.notNull())
        .addColumn('lang', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('withdrawn_at', 'text')
        .execute();
      await db.schema
        .createIndex('prescribing_consents_record')
        .on('prescribing_consents')
        .columns(['record_id', 'created_at'])
        .execute();

      await tenant('prescribing_referrals')
        .addColumn('record_id', 'text', (c) => c.notNull().references('prescribing_records.id').onDelete('cascade'))
        .addColumn('target_kind', 'text', (c) => c.notNull())
        .addColumn('target_id', 'text', (c) => c.notNull())
        .addColumn('organisation_id', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('reason', 'text')
        .addColumn('reason_detail', 'text')
        .addColumn('note', 'text', (c) => c.notNull())
        .addColumn('consent_id', 'text', (c) => c.notNull().references('prescribing_consents.id'))
        .addColumn('referred_by', 'text', (c) => c.notNull())
        .addColumn('sent_at', 'text', (c) => c.notNull())
        .addColumn('accepted_at', 'text')
        .addColumn('first_contact_at', 'text')
        .addColumn('attended_at', 'text')
        .addColumn('still_going_at', 'text')
        .addColumn('ended_at', 'text')
        .addColumn('last_change_at', 'text', (c) => c.notNull())
        .addColumn('stall_reminded_for', 'text')
        .addColumn('snomed_code', 'text')
        .addColumn('snomed_at', 'text')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      // Reports count a place's referrals sent in a period, by status and target.
      await db.schema
        .createIndex('prescribing_referrals_sent')
        .on('prescribing_referrals')
        .columns(['place_id', 'sent_at', 'status', 'target_id', 'record_id'])
        .execute();
      // People referred in a period: their records, counted once each, in index order.
      await db.schema
        .createIndex('prescribing_referrals_people')
        .on('prescribing_referrals')
        .columns(['place_id', 'record_id', 'sent_at', 'target_id'])
        .execute();
      await db.schema
        .createIndex('prescribing_referrals_attended')
        .on('prescribing_referrals')
        .columns(['place_id', 'attended_at', 'target_id'])
        .execute();
      await db.schema
        .createIndex('prescribing_referrals_inbox')
        .on('prescribing_referrals')
        .columns(['place_id', 'organisation_id', 'status'])
        .execute();
      await db.schema
        .createIndex('prescribing_referrals_record')
        .on('prescribing_referrals')
        .column('record_id')
        .execute();
      // The stalled-referral reminder looks across places for old open referrals.
      await db.schema
        .createIndex('prescribing_referrals_stalled')
        .on('prescribing_referrals')
        .columns(['status', 'last_change_at'])
        .execute();

      await tenant('prescribing_referral_events')
        .addColumn('referral_id', 'text', (c) => c.notNull().references('prescribing_referrals.id').onDelete('cascade'))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('reason', 'text')
        .addColumn('detail', 'text')
        .addColumn('actor_id', 'text')
        .addColumn('snomed_code', 'text')
        .addColumn('at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('prescribing_referral_events_referral')
        .on('prescribing_referral_events')
        .columns(['referral_id', 'at'])
        .execute();

      await tenant('prescribing_wellbeing')
        .addColumn('record_id', 'text', (c) => c.notNull().references('prescribing_records.id').onDelete('cascade'))
        .addColumn('instrument', 'text', (c) => c.notNull())
        .addColumn('timepoint', 'text', (c) => c.notNull())
        .addColumn('answered_on', 'text', (c) => c.notNull())
        .addColumn('life', 'integer')
        .addColumn('worthwhile', 'integer')
        .addColumn('happy', 'integer')
        .addColumn('anxious', 'integer')
        .addColumn('answers', 'text')
        .addColumn('total', 'integer')
        .addColumn('d_life', 'integer')
        .addColumn('d_worthwhile', 'integer')
        .addColumn('d_happy', 'integer')
        .addColumn('d_anxious', 'integer')
        .addColumn('d_total', 'integer')
        .addColumn('recorded_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('prescribing_wellbeing_record')
        .on('prescribing_wellbeing')
        .columns(['record_id', 'instrument', 'timepoint'])
        .unique()
        .execute();
      // Reports read a place's answers of one instrument in a period from this index alone:
      // the answers and changes are in it, so no table row is visited.
      await db.schema
        .createIndex('prescribing_wellbeing_report')
        .on('prescribing_wellbeing')
        .columns([
          'place_id',
          'instrument',
          'answered_on',
          'timepoint',
          'life',
          'worthwhile',
          'happy',
          'anxious',
          'total',
          'd_life',
          'd_worthwhile',
          'd_happy',
          'd_anxious',
          'd_total',
          'record_id',
        ])
        .execute();

      let days = db.schema
        .createTable('prescribing_wellbeing_days')
        .addColumn('place_id', 'text', (c) => c.notNull().references('places.id').onDelete('cascade'))
        .addColumn('instrument', 'text', (c) => c.notNull())
        .addColumn('answered_on', 'text', (c) => c.notNull())
        .addColumn('timepoint', 'text', (c) => c.notNull());
      for (const column of WELLBEING_DAY_SUMS)
        days = days.addColumn(column, 'integer', (c) => c.notNull().defaultTo(0));
      await days
        .addPrimaryKeyConstraint('prescribing_wellbeing_days_pk', [
          'place_id',
          'instrument',
          'answered_on',
          'timepoint',
        ])
        .execute();

      await tenant('prescribing_health_notes')
        .addColumn('record_id', 'text', (c) => c.notNull().references('prescribing_records.id').onDelete('cascade'))
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('written_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('prescribing_health_notes_record')
        .on('prescribing_health_notes')
        .columns(['record_id', 'created_at'])
        .execute();
    },
  },
  '2026-12-07-61-prescribing-referral-sources': {
    async up(db) {
      await db.schema
        .alterTable('prescribing_records')
        .addColumn('source', 'text', (c) => c.notNull().defaultTo('link_worker'))
        .execute();
      await db.schema.alterTable('prescribing_records').addColumn('referred_by_id', 'text').execute();
      await db.schema
        .createIndex('prescribing_records_referred_by')
        .on('prescribing_records')
        .columns(['place_id', 'referred_by_id'])
        .execute();
    },
  },
};
