import { sql } from 'kysely';
import type { KithMigration } from '../../db/migrate.js';

/**
 * Outcomes and impact (capability 7): programmes, co-produced outcomes frameworks
 * (outcomes, indicators, measures) with residents' comments and endorsements, links
 * from activities and programmes to outcomes, light-touch check-ins, and stories of
 * change. Every table carries place_id.
 */

/** A named set of activities a place funds or runs together (a commissioning programme). */
export interface ProgrammeTable {
  id: string;
  place_id: string;
  name: string;
  description: string;
  created_by: string | null;
  created_at: string;
}

export interface ProgrammeActivityTable {
  programme_id: string;
  activity_id: string;
  place_id: string;
}

export type FrameworkState = 'draft' | 'published';

/** An outcomes framework for the whole place (programme_id null) or for one programme. */
export interface FrameworkTable {
  id: string;
  place_id: string;
  programme_id: string | null;
  title: string;
  purpose: string;
  state: FrameworkState;
  created_by: string | null;
  created_at: string;
  published_by: string | null;
  published_at: string | null;
  updated_at: string;
  /** Publishing needs this many residents endorsing each outcome (set by the place's officers, at least 1). */
  residents_per_outcome: number;
  /** ...and residents making up at least this percentage of everyone who took part. */
  resident_share: number;
}

/** "People feel less lonely": what should change. */
export interface OutcomeTable {
  id: string;
  place_id: string;
  framework_id: string;
  title: string;
  description: string;
  position: number;
  created_at: string;
  /** Who wrote it: the officer drafting, or the resident whose suggestion was adopted. */
  added_by: string | null;
}

export type MeasureKind = 'checkin' | 'ons4' | 'instrument' | 'count';

/**
 * "Meets someone new each week": how we would know, and its measure: a check-in
 * question (asked by groups), an ONS4 item, a place's own wellbeing instrument, or a
 * count from Kith's own records.
 */
export interface IndicatorTable {
  id: string;
  place_id: string;
  framework_id: string;
  outcome_id: string;
  title: string;
  measure_kind: MeasureKind;
  /** The ONS4 item, the instrument's id, or the count ("hours_given", "referrals_attended"); null for a check-in question. */
  measure_ref: string | null;
  question: string | null;
  question_cy: string | null;
  scale_min: number;
  scale_max: number;
  position: number;
  added_by: string | null;
  created_at: string;
}

/** Residents' words on a draft outcome. */
export interface CommentTable {
  id: string;
  place_id: string;
  framework_id: string;
  outcome_id: string;
  person_id: string;
  body: string;
  created_at: string;
}

/** A resident's "yes, this matters" on a draft outcome: once per person. */
export interface EndorsementTable {
  outcome_id: string;
  person_id: string;
  place_id: string;
  framework_id: string;
  created_at: string;
}

export interface OutcomeLinkTable {
  outcome_id: string;
  target_kind: 'activity' | 'programme';
  target_id: string;
  place_id: string;
  framework_id: string;
  linked_by: string | null;
  linked_at: string;
}

/** One person's answers at one session of an activity, on a phone or from paper. */
export interface CheckinTable {
  id: string;
  place_id: string;
  activity_id: string;
  session_on: string;
  /** The participant, when they answered themselves; null when entered from paper. */
  person_id: string | null;
  /** Who typed it in; null once they have erased their account. */
  entered_by: string | null;
  from_paper: number;
  created_at: string;
}

export interface CheckinAnswerTable {
  checkin_id: string;
  indicator_id: string;
  place_id: string;
  activity_id: string;
  session_on: string;
  value: number;
}

export type StoryConsent = 'named' | 'anonymous' | 'private';
export type StoryState = 'submitted' | 'published' | 'rejected';

export interface StoryTable {
  id: string;
  place_id: string;
  author_id: string;
  title: string;
  body: string;
  consent: StoryConsent;
  consent_wording: string;
  state: StoryState;
  moderation_note: string | null;
  moderated_by: string | null;
  moderated_at: string | null;
  photo_alt: string | null;
  created_at: string;
}

/** A story's photo, its metadata (EXIF, text chunks) removed on upload. */
export interface StoryPhotoTable {
  story_id: string;
  place_id: string;
  content_type: 'image/jpeg' | 'image/png';
  bytes: Buffer;
  size: number;
  created_at: string;
}

export interface StoryOutcomeTable {
  story_id: string;
  outcome_id: string;
  place_id: string;
}

export type ReturnState = 'draft' | 'submitted';

/**
 * A small group's quarterly monitoring return to a programme: the few things Kith cannot
 * know (people reached, hours given, one story, what they would do differently), beside
 * what Kith knew when it was submitted. One per programme, organisation and quarter.
 */
export interface ReturnTable {
  id: string;
  place_id: string;
  programme_id: string;
  organisation_id: string;
  /** "2026-Q4". */
  quarter: string;
  state: ReturnState;
  people_reached: number | null;
  /** Hours given by volunteers, in tenths of an hour (12.5 hours is 125). */
  hours_tenths: number | null;
  story: string;
  differently: string;
  /** What Kith knew when it was last saved: check-ins, referrals attended, confirmed volunteering minutes. */
  known_checkins: number;
  known_attended: number;
  known_minutes: number;
  saved_by: string | null;
  saved_at: string;
  submitted_by: string | null;
  submitted_at: string | null;
  created_at: string;
}

/** The one reminder an officer sends an organisation for a programme's quarter. */
export interface ReturnReminderTable {
  place_id: string;
  programme_id: string;
  organisation_id: string;
  quarter: string;
  sent_by: string | null;
  sent_at: string;
}

export type SuggestionKind = 'outcome' | 'indicator';
export type SuggestionState = 'open' | 'adopted' | 'declined';

/**
 * A resident's own outcome for a draft framework, or their indicator for one of its
 * outcomes: the officer adopts it (it joins the framework in their name) or declines it
 * with a reason everyone can read.
 */
export interface SuggestionTable {
  id: string;
  place_id: string;
  framework_id: string;
  /** The outcome an indicator is suggested for; null when an outcome is suggested. */
  outcome_id: string | null;
  kind: SuggestionKind;
  title: string;
  description: string;
  proposed_by: string | null;
  state: SuggestionState;
  reason: string | null;
  decided_by: string | null;
  decided_at: string | null;
  created_at: string;
}

declare module '../../db/schema.js' {
  interface Database {
    outcomes_programmes: ProgrammeTable;
    outcomes_programme_activities: ProgrammeActivityTable;
    outcomes_frameworks: FrameworkTable;
    outcomes_outcomes: OutcomeTable;
    outcomes_indicators: IndicatorTable;
    outcomes_suggestions: SuggestionTable;
    outcomes_comments: CommentTable;
    outcomes_endorsements: EndorsementTable;
    outcomes_links: OutcomeLinkTable;
    outcomes_checkins: CheckinTable;
    outcomes_checkin_answers: CheckinAnswerTable;
    outcomes_stories: StoryTable;
    outcomes_story_photos: StoryPhotoTable;
    outcomes_story_outcomes: StoryOutcomeTable;
    outcomes_returns: ReturnTable;
    outcomes_return_reminders: ReturnReminderTable;
  }
}

export const migrations: Record<string, KithMigration> = {
  '2026-11-26-50-outcomes': {
    async up(db, dialect) {
      const tenant = (name: string) =>
        db.schema
          .createTable(name)
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('place_id', 'text', (c) => c.notNull().references('places.id').onDelete('cascade'));

      await tenant('outcomes_programmes')
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('outcomes_programmes_place')
        .on('outcomes_programmes')
        .columns(['place_id', 'name'])
        .execute();
      await db.schema
        .createTable('outcomes_programme_activities')
        .addColumn('programme_id', 'text', (c) => c.notNull().references('outcomes_programmes.id').onDelete('cascade'))
        .addColumn('activity_id', 'text', (c) => c.notNull())
        .addColumn('place_id', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('outcomes_programme_activities_pk', ['programme_id', 'activity_id'])
        .execute();

      await tenant('outcomes_frameworks')
        .addColumn('programme_id', 'text', (c) => c.references('outcomes_programmes.id').onDelete('cascade'))
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('purpose', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('published_by', 'text')
        .addColumn('published_at', 'text')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('outcomes_frameworks_place')
        .on('outcomes_frameworks')
        .columns(['place_id', 'state', 'programme_id'])
        .execute();

      const child = (name: string) =>
        tenant(name).addColumn('framework_id', 'text', (c) =>
          c.notNull().references('outcomes_frameworks.id').onDelete('cascade'),
        );
      await child('outcomes_outcomes')
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('outcomes_outcomes_framework')
        .on('outcomes_outcomes')
        .columns(['framework_id', 'position'])
        .execute();
      await child('outcomes_indicators')
        .addColumn('outcome_id', 'text', (c) => c.notNull().references('outcomes_outcomes.id').onDelete('cascade'))
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('measure_kind', 'text', (c) => c.notNull())
        .addColumn('measure_ref', 'text')
        .addColumn('question', 'text')
        .addColumn('question_cy', 'text')
        .addColumn('scale_min', 'integer', (c) => c.notNull())
        .addColumn('scale_max', 'integer', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('outcomes_indicators_outcome')
        .on('outcomes_indicators')
        .columns(['outcome_id', 'position'])
        .execute();
      await child('outcomes_comments')
        .addColumn('outcome_id', 'text', (c) => c.notNull().references('outcomes_outcomes.id').onDelete('cascade'))
        .addColumn('person_id', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('outcomes_comments_outcome')
        .on('outcomes_comments')
        .columns(['outcome_id', 'created_at'])
        .execute();
      await db.schema.createIndex('outcomes_comments_person').on('outcomes_comments').column('person_id').execute();
      await db.schema
        .createTable('outcomes_endorsements')
        .addColumn('outcome_id', 'text', (c) => c.notNull().references('outcomes_outcomes.id').onDelete('cascade'))
        .addColumn('person_id', 'text', (c) => c.notNull())
        .addColumn('place_id', 'text', (c) => c.notNull())
        .addColumn('framework_id', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('outcomes_endorsements_pk', ['outcome_id', 'person_id'])
        .execute();
      await db.schema
        .createIndex('outcomes_endorsements_person')
        .on('outcomes_endorsements')
        .column('person_id')
        .execute();
      await db.schema
        .createTable('outcomes_links')
        .addColumn('outcome_id', 'text', (c) => c.notNull().references('outcomes_outcomes.id').onDelete('cascade'))
        .addColumn('target_kind', 'text', (c) => c.notNull())
        .addColumn('target_id', 'text', (c) => c.notNull())
        .addColumn('place_id', 'text', (c) => c.notNull())
        .addColumn('framework_id', 'text', (c) => c.notNull())
        .addColumn('linked_by', 'text')
        .addColumn('linked_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('outcomes_links_pk', ['outcome_id', 'target_kind', 'target_id'])
        .execute();
      await db.schema
        .createIndex('outcomes_links_target')
        .on('outcomes_links')
        .columns(['place_id', 'target_kind', 'target_id'])
        .execute();

      await tenant('outcomes_checkins')
        .addColumn('activity_id', 'text', (c) => c.notNull())
        .addColumn('session_on', 'text', (c) => c.notNull())
        .addColumn('person_id', 'text')
        .addColumn('entered_by', 'text')
        .addColumn('from_paper', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('outcomes_checkins_activity')
        .on('outcomes_checkins')
        .columns(['place_id', 'activity_id', 'session_on'])
        .execute();
      await db.schema
        .createIndex('outcomes_checkins_person')
        .on('outcomes_checkins')
        .columns(['person_id', 'activity_id', 'session_on'])
        .execute();
      await db.schema
        .createTable('outcomes_checkin_answers')
        .addColumn('checkin_id', 'text', (c) => c.notNull().references('outcomes_checkins.id').onDelete('cascade'))
        .addColumn('indicator_id', 'text', (c) => c.notNull())
        .addColumn('place_id', 'text', (c) => c.notNull())
        .addColumn('activity_id', 'text', (c) => c.notNull())
        .addColumn('session_on', 'text', (c) => c.notNull())
        .addColumn('value', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('outcomes_checkin_answers_pk', ['checkin_id', 'indicator_id'])
        .execute();
      // Reports: an indicator's answers in a period, month by month.
      await db.schema
        .createIndex('outcomes_checkin_answers_report')
        .on('outcomes_checkin_answers')
        .columns(['place_id', 'indicator_id', 'session_on', 'activity_id', 'value'])
        .execute();

      await tenant('outcomes_stories')
        .addColumn('author_id', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('consent', 'text', (c) => c.notNull())
        .addColumn('consent_wording', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('moderation_note', 'text')
        .addColumn('moderated_by', 'text')
        .addColumn('moderated_at', 'text')
        .addColumn('photo_alt', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('outcomes_stories_place')
        .on('outcomes_stories')
        .columns(['place_id', 'state', 'created_at'])
        .execute();
      await db.schema.createIndex('outcomes_stories_author').on('outcomes_stories').column('author_id').execute();
      await db.schema
        .createTable('outcomes_story_photos')
        .addColumn('story_id', 'text', (c) => c.primaryKey().references('outcomes_stories.id').onDelete('cascade'))
        .addColumn('place_id', 'text', (c) => c.notNull())
        .addColumn('content_type', 'text', (c) => c.notNull())
        .addColumn('bytes', sql.raw(dialect === 'postgres' ? 'bytea' : 'blob'), (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('outcomes_story_outcomes')
        .addColumn('story_id', 'text', (c) => c.notNull().references('outcomes_stories.id').onDelete('cascade'))
        .addColumn('outcome_id', 'text', (c) => c.notNull().references('outcomes_outcomes.id').onDelete('cascade'))
        .addColumn('place_id', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('outcomes_story_outcomes_pk', ['story_id', 'outcome_id'])
        .execute();
      await db.schema
        .createIndex('outcomes_story_outcomes_outcome')
        .on('outcomes_story_outcomes')
        .column('outcome_id')
        .execute();
    },
  },
  '2026-12-07-60-outcomes-returns': {
    async up(db) {
      await db.schema
        .createTable('outcomes_returns')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('place_id', 'text', (c) => c.notNull().references('places.id').onDelete('cascade'))
        .addColumn('programme_id', 'text', (c) => c.notNull().references('outcomes_programmes.id').onDelete('cascade'))
        .addColumn('organisation_id', 'text', (c) => c.notNull())
        .addColumn('quarter', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('people_reached', 'integer')
        .addColumn('hours_tenths', 'integer')
        .addColumn('story', 'text', (c) => c.notNull())
        .addColumn('differently', 'text', (c) => c.notNull())
        .addColumn('known_checkins', 'integer', (c) => c.notNull())
        .addColumn('known_attended', 'integer', (c) => c.notNull())
        .addColumn('known_minutes', 'integer', (c) => c.notNull())
        .addColumn('saved_by', 'text')
        .addColumn('saved_at', 'text', (c) => c.notNull())
        .addColumn('submitted_by', 'text')
        .addColumn('submitted_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('outcomes_returns_one', ['programme_id', 'organisation_id', 'quarter'])
        .execute();
      // The report: a place's submitted returns quarter by quarter.
      await db.schema
        .createIndex('outcomes_returns_place')
        .on('outcomes_returns')
        .columns(['place_id', 'state', 'quarter'])
        .execute();
      await db.schema
        .createTable('outcomes_return_reminders')
        .addColumn('place_id', 'text', (c) => c.notNull().references('places.id').onDelete('cascade'))
        .addColumn('programme_id', 'text', (c) => c.notNull().references('outcomes_programmes.id').onDelete('cascade'))
        .addColumn('organisation_id', 'text', (c) => c.notNull())
        .addColumn('quarter', 'text', (c) => c.notNull())
        .addColumn('sent_by', 'text')
        .addColumn('sent_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('outcomes_return_reminders_pk', ['programme_id', 'organisation_id', 'quarter'])
        .execute();
    },
  },
  '2026-12-09-40-outcomes-co-writing': {
    async up(db) {
      await db.schema
        .alterTable('outcomes_frameworks')
        .addColumn('residents_per_outcome', 'integer', (c) => c.notNull().defaultTo(3))
        .execute();
      await db.schema
        .alterTable('outcomes_frameworks')
        .addColumn('resident_share', 'integer', (c) => c.notNull().defaultTo(33))
        .execute();
      await db.schema.alterTable('outcomes_outcomes').addColumn('added_by', 'text').execute();
      await db.schema.alterTable('outcomes_indicators').addColumn('added_by', 'text').execute();
      // What was drafted before residents could write was written by the framework's officer.
      for (const table of ['outcomes_outcomes', 'outcomes_indicators'] as const)
        await db
          .updateTable(table)
          .set((eb) => ({
            added_by: eb
              .selectFrom('outcomes_frameworks as f')
              .select('f.created_by')
              .whereRef('f.id', '=', `${table}.framework_id`),
          }))
          .execute();
      await db.schema
        .createTable('outcomes_suggestions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('place_id', 'text', (c) => c.notNull().references('places.id').onDelete('cascade'))
        .addColumn('framework_id', 'text', (c) => c.notNull().references('outcomes_frameworks.id').onDelete('cascade'))
        .addColumn('outcome_id', 'text', (c) => c.references('outcomes_outcomes.id').onDelete('cascade'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('proposed_by', 'text')
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('reason', 'text')
        .addColumn('decided_by', 'text')
        .addColumn('decided_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('outcomes_suggestions_framework')
        .on('outcomes_suggestions')
        .columns(['framework_id', 'created_at'])
        .execute();
      await db.schema
        .createIndex('outcomes_suggestions_person')
        .on('outcomes_suggestions')
        .column('proposed_by')
        .execute();
    },
  },
};
