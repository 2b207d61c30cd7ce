import { sql, type ColumnDefinitionBuilder, type Generated, type Kysely } from 'kysely';
import type { KithMigration } from '../../db/migrate.js';

/**
 * Volunteering's tables. Every one carries place_id. An opportunity (a role) belongs to
 * a directory organisation by id; the organisation's coordinators are the people the
 * directory lists as its members who hold the organiser or coordinator role.
 */

export type OpportunityStatus = 'draft' | 'open' | 'closed';
export type Participation = 'flexible' | 'shifts';
export type Commitment = 'one_off' | 'occasional' | 'regular';
export type SignupStatus = 'interested' | 'pending' | 'confirmed' | 'waiting' | 'cancelled' | 'declined';
export type CheckKind = 'dbs_basic' | 'dbs_enhanced' | 'training' | 'references';
export type HoursStatus = 'logged' | 'confirmed' | 'rejected';

export interface OpportunityTable {
  id: string;
  place_id: string;
  organisation_id: string;
  title: string;
  /** What you do. */
  description: string;
  skills: string;
  time_commitment: string;
  commitment: Commitment;
  accessibility: string;
  minimum_age: number | null;
  participation: Participation;
  /** 1 when it can be done from home. */
  remote: number;
  /** Where it is done (a postcode and its point), when it is done somewhere. */
  postcode: string;
  latitude: number | null;
  longitude: number | null;
  /** Areas of interest, a bit each (INTERESTS in inputs.ts). */
  interests: number;
  /** The checks the role needs, comma-separated CheckKinds ('' for none). */
  requirements: string;
  /** Weekdays (Monday = 1 … Sunday = 64) and parts of the day (morning 1, afternoon 2, evening 4) it happens on. */
  days: number;
  times: number;
  status: OpportunityStatus;
  /** What its coordinator would do differently, said on closing it ('' when not said). */
  closing_differently: Generated<string>;
  /** Lower-cased words of the title, description, skills and organisation, for search. */
  search_text: string;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface ShiftTable {
  id: string;
  place_id: string;
  opportunity_id: string;
  /** Shifts made together by one "repeat weekly" share it. */
  series_id: string | null;
  starts_at: string;
  ends_at: string;
  /** How many people it needs; confirmed and pending sign-ups hold a place, counted with the shift's row locked. */
  places: number;
  cancelled_at: string | null;
  /** Why a coordinator cancelled it, as told to everyone who had signed up. */
  cancel_reason: string | null;
  created_at: string;
}

export interface SignupTable {
  id: string;
  place_id: string;
  organisation_id: string;
  opportunity_id: string;
  shift_id: string | null;
  /** The shift, or the opportunity for a flexible role: one open sign-up per person per slot. */
  slot: string;
  person_id: string;
  status: SignupStatus;
  message: string;
  /** The coordinator's last message to the volunteer. */
  reply: string | null;
  /** When a coordinator first answered (confirmed, declined or wrote back). */
  responded_at: string | null;
  attended: 'yes' | 'no' | null;
  reminder_sent_at: string | null;
  created_at: string;
  updated_at: string;
}

/** What volunteering keeps about a volunteer in a place: only what its rules need. */
export interface VolunteerTable {
  place_id: string;
  person_id: string;
  /** YYYY-MM-DD: for a role's minimum age, and whether a parent or guardian must agree. */
  birth_date: string | null;
  created_at: string;
  updated_at: string;
}

/**
 * A check an organisation's coordinator has seen: its kind, when and until when. Never
 * a certificate's number or image (seed 003: proportionate, and nothing more).
 */
export interface CheckTable {
  id: string;
  place_id: string;
  organisation_id: string;
  person_id: string;
  kind: CheckKind;
  checked_on: string;
  expires_on: string | null;
  note: string;
  recorded_by: string | null;
  recorded_at: string;
  expiry_warned_at: string | null;
  /** A check accepted from another organisation's record (shared by the volunteer): that record's id. */
  source_check_id: string | null;
}

/**
 * A volunteer's leave for one organisation to see the checks other organisations
 * recorded about them (kinds and dates only). Withdrawing deletes the row: from then
 * on the organisation sees nothing of them. The audit keeps the history.
 */
export interface CheckShareTable {
  place_id: string;
  person_id: string;
  /** The organisation that may see them. */
  organisation_id: string;
  granted_at: string;
}

/** A parent's or guardian's consent for someone under 18 to volunteer with an organisation. */
export interface ConsentTable {
  id: string;
  place_id: string;
  organisation_id: string;
  person_id: string;
  guardian_name: string;
  relationship: string;
  given_on: string;
  recorded_by: string | null;
  recorded_at: string;
}

export interface HoursTable {
  id: string;
  place_id: string;
  organisation_id: string;
  opportunity_id: string | null;
  shift_id: string | null;
  /** After erasure, an id of its own that points at nobody: totals still count one volunteer. */
  person_id: string;
  worked_on: string;
  minutes: number;
  note: string;
  status: HoursStatus;
  logged_by: string | null;
  decided_by: string | null;
  decided_at: string | null;
  reject_reason: string | null;
  /** What happened about time credits when confirmed (VolunteeringCredit's status). */
  credit: string | null;
  created_at: string;
}

export interface ThanksTable {
  id: string;
  place_id: string;
  organisation_id: string;
  person_id: string;
  message: string;
  sent_by: string | null;
  created_at: string;
}

/** "What would you like done that you have no time for?" (King's College Hospital, seed 001). */
export interface SuggestionTable {
  id: string;
  place_id: string;
  organisation_id: string;
  title: string;
  detail: string;
  suggested_by: string | null;
  status: 'new' | 'taken' | 'declined';
  opportunity_id: string | null;
  response: string | null;
  created_at: string;
  updated_at: string;
}

export interface OpportunityWordTable {
  place_id: string;
  word: string;
  opportunity_id: string;
}

declare module '../../db/schema.js' {
  interface Database {
    volunteering_opportunities: OpportunityTable;
    volunteering_shifts: ShiftTable;
    volunteering_signups: SignupTable;
    volunteering_volunteers: VolunteerTable;
    volunteering_checks: CheckTable;
    volunteering_check_shares: CheckShareTable;
    volunteering_consents: ConsentTable;
    volunteering_hours: HoursTable;
    volunteering_thanks: ThanksTable;
    volunteering_opportunity_words: OpportunityWordTable;
    volunteering_suggestions: SuggestionTable;
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run before the typed schema exists
type Builder = Kysely<any>;

const text = (name: string) => [name, 'text', (c: ColumnDefinitionBuilder) => c.notNull()] as const;

async function table(
  db: Builder,
  name: string,
  columns: ReadonlyArray<
    readonly [string, 'text' | 'integer' | 'real', ((c: ColumnDefinitionBuilder) => ColumnDefinitionBuilder)?]
  >,
  primaryKey: string[] = ['id'],
) {
  let builder = db.schema.createTable(name);
  for (const [column, type, modify] of columns) builder = builder.addColumn(column, type, modify ?? ((c) => c));
  builder = builder.addPrimaryKeyConstraint(`${name}_pk`, primaryKey as never[]);
  await builder.execute();
}

const nn = (c: ColumnDefinitionBuilder) => c.notNull();
const zero = (c: ColumnDefinitionBuilder) => c.notNull().defaultTo(0);

export const migrations: Record<string, KithMigration> = {
  '2026-11-28-10-volunteering': {
    async up(db) {
      await table(db, 'volunteering_opportunities', [
        text('id'),
        text('place_id'),
        text('organisation_id'),
        text('title'),
        text('description'),
        text('skills'),
        text('time_commitment'),
        text('commitment'),
        text('accessibility'),
        ['minimum_age', 'integer'],
        text('participation'),
        ['remote', 'integer', zero],
        text('postcode'),
        ['latitude', 'real'],
        ['longitude', 'real'],
        ['interests', 'integer', zero],
        text('requirements'),
        ['days', 'integer', zero],
        ['times', 'integer', zero],
        text('status'),
        text('search_text'),
        ['created_by', 'text'],
        text('created_at'),
        text('updated_at'),
      ]);
      await db.schema
        .createIndex('volunteering_opportunities_search')
        .on('volunteering_opportunities')
        .columns(['place_id', 'status', 'updated_at', 'id'])
        .execute();
      await db.schema
        .createIndex('volunteering_opportunities_remote')
        .on('volunteering_opportunities')
        .columns(['place_id', 'remote', 'status', 'updated_at'])
        .execute();
      await db.schema
        .createIndex('volunteering_opportunities_organisation')
        .on('volunteering_opportunities')
        .columns(['organisation_id', 'status'])
        .execute();

      await db.schema
        .createIndex('volunteering_opportunities_point')
        .on('volunteering_opportunities')
        .columns(['place_id', 'latitude', 'longitude'])
        .execute();

      await table(db, 'volunteering_shifts', [
        text('id'),
        text('place_id'),
        text('opportunity_id'),
        ['series_id', 'text'],
        text('starts_at'),
        text('ends_at'),
        ['places', 'integer', nn],
        ['cancelled_at', 'text'],
        text('created_at'),
      ]);
      await db.schema
        .createIndex('volunteering_shifts_opportunity')
        .on('volunteering_shifts')
        .columns(['opportunity_id', 'starts_at'])
        .execute();
      await db.schema
        .createIndex('volunteering_shifts_starts')
        .on('volunteering_shifts')
        .columns(['place_id', 'starts_at'])
        .execute();

      await table(db, 'volunteering_signups', [
        text('id'),
        text('place_id'),
        text('organisation_id'),
        text('opportunity_id'),
        ['shift_id', 'text'],
        text('slot'),
        text('person_id'),
        text('status'),
        text('message'),
        ['reply', 'text'],
        ['responded_at', 'text'],
        ['attended', 'text'],
        ['reminder_sent_at', 'text'],
        text('created_at'),
        text('updated_at'),
      ]);
      // One open sign-up per person per shift (or flexible role): the database decides a double click.
      await sql`create unique index volunteering_signups_open on volunteering_signups (slot, person_id) where status in ('interested', 'pending', 'confirmed', 'waiting')`.execute(
        db,
      );
      await db.schema
        .createIndex('volunteering_signups_slot')
        .on('volunteering_signups')
        .columns(['slot', 'status', 'created_at'])
        .execute();
      await db.schema
        .createIndex('volunteering_signups_organisation')
        .on('volunteering_signups')
        .columns(['organisation_id', 'status', 'created_at'])
        .execute();
      await db.schema
        .createIndex('volunteering_signups_person')
        .on('volunteering_signups')
        .columns(['person_id', 'place_id'])
        .execute();

      await table(
        db,
        'volunteering_volunteers',
        [text('place_id'), text('person_id'), ['birth_date', 'text'], text('created_at'), text('updated_at')],
        ['place_id', 'person_id'],
      );
      await db.schema
        .createIndex('volunteering_volunteers_person')
        .on('volunteering_volunteers')
        .column('person_id')
        .execute();

      await table(db, 'volunteering_checks', [
        text('id'),
        text('place_id'),
        text('organisation_id'),
        text('person_id'),
        text('kind'),
        text('checked_on'),
        ['expires_on', 'text'],
        text('note'),
        ['recorded_by', 'text'],
        text('recorded_at'),
        ['expiry_warned_at', 'text'],
      ]);
      await db.schema
        .createIndex('volunteering_checks_person')
        .on('volunteering_checks')
        .columns(['organisation_id', 'person_id'])
        .execute();
      await db.schema
        .createIndex('volunteering_checks_expiry')
        .on('volunteering_checks')
        .columns(['expires_on', 'place_id'])
        .execute();
      await db.schema.createIndex('volunteering_checks_of').on('volunteering_checks').column('person_id').execute();

      await table(db, 'volunteering_consents', [
        text('id'),
        text('place_id'),
        text('organisation_id'),
        text('person_id'),
        text('guardian_name'),
        text('relationship'),
        text('given_on'),
        ['recorded_by', 'text'],
        text('recorded_at'),
      ]);
      await db.schema
        .createIndex('volunteering_consents_person')
        .on('volunteering_consents')
        .columns(['person_id', 'organisation_id'])
        .execute();

      await table(db, 'volunteering_hours', [
        text('id'),
        text('place_id'),
        text('organisation_id'),
        ['opportunity_id', 'text'],
        ['shift_id', 'text'],
        text('person_id'),
        text('worked_on'),
        ['minutes', 'integer', nn],
        text('note'),
        text('status'),
        ['logged_by', 'text'],
        ['decided_by', 'text'],
        ['decided_at', 'text'],
        ['reject_reason', 'text'],
        ['credit', 'text'],
        text('created_at'),
      ]);
      await db.schema
        .createIndex('volunteering_hours_organisation')
        .on('volunteering_hours')
        .columns(['organisation_id', 'status', 'worked_on'])
        .execute();
      await db.schema
        .createIndex('volunteering_hours_person')
        .on('volunteering_hours')
        .columns(['person_id', 'place_id'])
        .execute();

      await table(db, 'volunteering_thanks', [
        text('id'),
        text('place_id'),
        text('organisation_id'),
        text('person_id'),
        text('message'),
        ['sent_by', 'text'],
        text('created_at'),
      ]);
      await db.schema
        .createIndex('volunteering_thanks_person')
        .on('volunteering_thanks')
        .columns(['person_id', 'place_id'])
        .execute();

      // The words of open roles, so search by words uses an index on both databases.
      await table(
        db,
        'volunteering_opportunity_words',
        [text('place_id'), text('word'), text('opportunity_id')],
        ['place_id', 'word', 'opportunity_id'],
      );
      await table(db, 'volunteering_suggestions', [
        text('id'),
        text('place_id'),
        text('organisation_id'),
        text('title'),
        text('detail'),
        ['suggested_by', 'text'],
        text('status'),
        ['opportunity_id', 'text'],
        ['response', 'text'],
        text('created_at'),
        text('updated_at'),
      ]);
      await db.schema
        .createIndex('volunteering_suggestions_organisation')
        .on('volunteering_suggestions')
        .columns(['organisation_id', 'status', 'created_at'])
        .execute();
      await db.schema
        .createIndex('volunteering_suggestions_by')
        .on('volunteering_suggestions')
        .column('suggested_by')
        .execute();

      await db.schema
        .createIndex('volunteering_opportunity_words_opportunity')
        .on('volunteering_opportunity_words')
        .column('opportunity_id')
        .execute();
    },
  },
  // A coordinator can cancel a shift with a reason the roster shows.
  '2026-11-29-10-volunteering-shift-cancel-reason': {
    async up(db) {
      await db.schema.alterTable('volunteering_shifts').addColumn('cancel_reason', 'text').execute();
    },
  },
  // A volunteer lets a second organisation see the checks a first one recorded; it may accept one as its own.
  '2026-12-07-50-volunteering-check-shares': {
    async up(db) {
      await db.schema.alterTable('volunteering_checks').addColumn('source_check_id', 'text').execute();
      await table(
        db,
        'volunteering_check_shares',
        [text('place_id'), text('person_id'), text('organisation_id'), text('granted_at')],
        ['person_id', 'organisation_id'],
      );
      await db.schema
        .createIndex('volunteering_check_shares_organisation')
        .on('volunteering_check_shares')
        .columns(['organisation_id', 'person_id'])
        .execute();
      await db.schema
        .createIndex('volunteering_checks_source')
        .on('volunteering_checks')
        .columns(['source_check_id', 'organisation_id'])
        .execute();
    },
  },
  // Closing a role asks what its coordinator would do differently (issue 16).
  '2026-12-08-40-volunteering-closing-lessons': {
    async up(db) {
      await db.schema
        .alterTable('volunteering_opportunities')
        .addColumn('closing_differently', 'text', (c) => c.notNull().defaultTo(''))
        .execute();
    },
  },
};
