import type { KithMigration } from '../../db/migrate.js';
import { sql } from 'kysely';

/** Who a round is open to (the fund says whether individuals may ever apply). */
export const APPLICANT_KINDS = ['constituted', 'informal', 'individual'] as const;
export type ApplicantKind = (typeof APPLICANT_KINDS)[number];

/** How a round is decided: a panel, a resident vote, or a panel's shortlist put to a vote. */
export const DECIDED_BY = ['panel', 'vote', 'panel_then_vote'] as const;
export type DecidedBy = (typeof DECIDED_BY)[number];

export type ApplicationStatus = 'draft' | 'submitted' | 'withdrawn' | 'shortlisted' | 'awarded' | 'declined';
export type DecisionOutcome = 'full' | 'part' | 'declined';

/** A pot of money a place gives out in rounds ("Calderbrook Community Chest"). */
export interface GrantFundTable {
  id: string;
  place_id: string;
  name: string;
  purpose: string;
  /** The funder as 360Giving names it: its org-id (GB-LAE-KIR) and name. */
  funder_id: string;
  funder_name: string;
  /** The funder's registered 360Giving prefix, e.g. 360G-kirklees: grant ids are `<prefix>-<id>`. */
  prefix: string;
  /** 1 when rounds of this fund may take applications from individuals. */
  allows_individuals: number;
  created_by: string;
  created_at: string;
}

/** One call for applications, with its own budget, dates and way of deciding. Money is whole pence. */
export interface GrantRoundTable {
  id: string;
  place_id: string;
  fund_id: string;
  title: string;
  purpose: string;
  budget_pence: number;
  min_award_pence: number;
  max_award_pence: number;
  /** Comma-separated ApplicantKinds. */
  who_may_apply: string;
  area: string;
  /** Comma-separated postcode districts (outward codes, "HX1,HX7") whose residents may vote; '' for the whole place. */
  districts: string;
  /** UTC instants: applications from opens_at, until (not at) closes_at. */
  opens_at: string;
  closes_at: string;
  decided_by: DecidedBy;
  vote_opens_at: string | null;
  vote_closes_at: string | null;
  /** 'budget': choose projects up to the budget; 'count': up to vote_max_projects. */
  ballot_kind: 'budget' | 'count';
  vote_max_projects: number;
  /** When the vote's result was published, or null. */
  results_published_at: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface GrantCriterionTable {
  id: string;
  place_id: string;
  round_id: string;
  position: number;
  name: string;
  /** A whole number, 1 to 10: how much this criterion counts towards the total. */
  weight: number;
}

export interface GrantQuestionTable {
  id: string;
  place_id: string;
  round_id: string;
  position: number;
  text: string;
  word_limit: number;
}

export interface GrantApplicationTable {
  id: string;
  place_id: string;
  round_id: string;
  applicant_id: string;
  applicant_kind: ApplicantKind;
  /** The group's name (or the person's project name for an individual). */
  group_name: string;
  charity_number: string;
  company_number: string;
  /** An informal group names the organisation that receives the money for it. */
  host_name: string;
  host_charity_number: string;
  host_company_number: string;
  project_title: string;
  summary: string;
  /** JSON: [{ item, pence }]; the amount asked for is their sum. */
  budget_lines: string;
  amount_pence: number;
  /** JSON: { [questionId]: answer }. */
  answers: string;
  status: ApplicationStatus;
  submitted_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface GrantPanelMemberTable {
  place_id: string;
  round_id: string;
  person_id: string;
  added_by: string;
  added_at: string;
}

/** A panel member's declaration about one application: conflicted or not, said before scoring. */
export interface GrantConflictTable {
  place_id: string;
  round_id: string;
  application_id: string;
  person_id: string;
  conflicted: number;
  note: string;
  declared_at: string;
}

export interface GrantScoreTable {
  place_id: string;
  round_id: string;
  application_id: string;
  person_id: string;
  criterion_id: string;
  /** 0 (does not meet it) to 5 (meets it fully). */
  score: number;
  comment: string;
  scored_at: string;
}

/** What was decided about one application, why, and how much was awarded. */
export interface GrantDecisionTable {
  id: string;
  place_id: string;
  round_id: string;
  application_id: string;
  outcome: DecisionOutcome;
  amount_pence: number;
  reasons: string;
  decided_by: string;
  decided_at: string;
  accepted_at: string | null;
}

/** One resident's ballot in a round's vote: the applications they chose; changeable until the close. */
export interface GrantBallotTable {
  place_id: string;
  round_id: string;
  person_id: string;
  /** Comma-separated application ids. */
  choices: string;
  /** The voter's postcode district ("HX1") when the round is limited to districts, else ''. Never the full postcode. */
  district: string;
  cast_at: string;
  updated_at: string;
}

/** The short form a grantee fills in after the project: what happened, and one story. */
export interface GrantCheckInTable {
  place_id: string;
  application_id: string;
  what_happened: string;
  people_reached: number;
  story: string;
  story_consent: number;
  differently: string;
  submitted_at: string;
}

/**
 * A supporting file on an application (a quote, a constitution, a photo of the site):
 * PDF, JPEG or PNG judged by its bytes, kept in the database like a story's photo.
 */
export interface GrantApplicationFileTable {
  id: string;
  place_id: string;
  application_id: string;
  /** The name the applicant's computer gave it, made safe to show and to download as. */
  file_name: string;
  content_type: 'application/pdf' | 'image/jpeg' | 'image/png';
  bytes: Buffer;
  size: number;
  uploaded_at: string;
}

declare module '../../db/schema.js' {
  interface Database {
    grant_application_files: GrantApplicationFileTable;
  }
}

// Awards after the decision: planned payments, variations and light monitoring.

/** A payment planned for an award, in whole pence, and the day it was recorded paid (Kith moves no money). */
export interface GrantPaymentTable {
  id: string;
  place_id: string;
  round_id: string;
  application_id: string;
  /** YYYY-MM-DD on the place's clock. */
  due_on: string;
  amount_pence: number;
  paid_on: string | null;
  paid_recorded_by: string | null;
  created_by: string;
  created_at: string;
}

/** One change an officer made to an award's amount or end date, and why. */
export interface GrantVariationTable {
  id: string;
  place_id: string;
  round_id: string;
  application_id: string;
  from_amount_pence: number;
  to_amount_pence: number;
  from_ends_on: string | null;
  to_ends_on: string | null;
  reason: string;
  varied_by: string;
  varied_at: string;
}

/** An award's end date, and when the monitoring form was asked for and reminded about (each once). */
export interface GrantAwardTermTable {
  application_id: string;
  place_id: string;
  round_id: string;
  ends_on: string;
  asked_at: string | null;
  reminded_at: string | null;
}

declare module '../../db/schema.js' {
  interface Database {
    grant_payments: GrantPaymentTable;
    grant_variations: GrantVariationTable;
    grant_award_terms: GrantAwardTermTable;
    grant_funds: GrantFundTable;
    grant_rounds: GrantRoundTable;
    grant_criteria: GrantCriterionTable;
    grant_questions: GrantQuestionTable;
    grant_applications: GrantApplicationTable;
    grant_panel_members: GrantPanelMemberTable;
    grant_conflicts: GrantConflictTable;
    grant_scores: GrantScoreTable;
    grant_decisions: GrantDecisionTable;
    grant_ballots: GrantBallotTable;
    grant_check_ins: GrantCheckInTable;
  }
}

export const migrations: Record<string, KithMigration> = {
  '2026-12-06-10-grants': {
    async up(db) {
      await db.schema
        .createTable('grant_funds')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('place_id', 'text', (c) => c.notNull().references('places.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('purpose', 'text', (c) => c.notNull())
        .addColumn('funder_id', 'text', (c) => c.notNull())
        .addColumn('funder_name', 'text', (c) => c.notNull())
        .addColumn('prefix', 'text', (c) => c.notNull())
        .addColumn('allows_individuals', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('grant_funds_place').on('grant_funds').columns(['place_id', 'created_at']).execute();

      await db.schema
        .createTable('grant_rounds')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('place_id', 'text', (c) => c.notNull().references('places.id'))
        .addColumn('fund_id', 'text', (c) => c.notNull().references('grant_funds.id'))
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('purpose', 'text', (c) => c.notNull())
        .addColumn('budget_pence', 'bigint', (c) => c.notNull())
        .addColumn('min_award_pence', 'bigint', (c) => c.notNull())
        .addColumn('max_award_pence', 'bigint', (c) => c.notNull())
        .addColumn('who_may_apply', 'text', (c) => c.notNull())
        .addColumn('area', 'text', (c) => c.notNull())
        .addColumn('opens_at', 'text', (c) => c.notNull())
        .addColumn('closes_at', 'text', (c) => c.notNull())
        .addColumn('decided_by', 'text', (c) => c.notNull())
        .addColumn('vote_opens_at', 'text')
        .addColumn('vote_closes_at', 'text')
        .addColumn('ballot_kind', 'text', (c) => c.notNull())
        .addColumn('vote_max_projects', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('results_published_at', 'text')
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addCheckConstraint(
          'grant_rounds_money',
          sql`budget_pence >= 0 and min_award_pence >= 0 and max_award_pence >= min_award_pence`,
        )
        .execute();
      await db.schema.createIndex('grant_rounds_place').on('grant_rounds').columns(['place_id', 'closes_at']).execute();
      await db.schema.createIndex('grant_rounds_fund').on('grant_rounds').columns(['fund_id']).execute();

      await db.schema
        .createTable('grant_criteria')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('place_id', 'text', (c) => c.notNull())
        .addColumn('round_id', 'text', (c) => c.notNull().references('grant_rounds.id'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('weight', 'integer', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('grant_criteria_round')
        .on('grant_criteria')
        .columns(['round_id', 'position'])
        .execute();
      await db.schema
        .createTable('grant_questions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('place_id', 'text', (c) => c.notNull())
        .addColumn('round_id', 'text', (c) => c.notNull().references('grant_rounds.id'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('word_limit', 'integer', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('grant_questions_round')
        .on('grant_questions')
        .columns(['round_id', 'position'])
        .execute();

      await db.schema
        .createTable('grant_applications')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('place_id', 'text', (c) => c.notNull())
        .addColumn('round_id', 'text', (c) => c.notNull().references('grant_rounds.id'))
        .addColumn('applicant_id', 'text', (c) => c.notNull())
        .addColumn('applicant_kind', 'text', (c) => c.notNull())
        .addColumn('group_name', 'text', (c) => c.notNull())
        .addColumn('charity_number', 'text', (c) => c.notNull())
        .addColumn('company_number', 'text', (c) => c.notNull())
        .addColumn('host_name', 'text', (c) => c.notNull())
        .addColumn('host_charity_number', 'text', (c) => c.notNull())
        .addColumn('host_company_number', 'text', (c) => c.notNull())
        .addColumn('project_title', 'text', (c) => c.notNull())
        .addColumn('summary', 'text', (c) => c.notNull())
        .addColumn('budget_lines', 'text', (c) => c.notNull())
        .addColumn('amount_pence', 'bigint', (c) => c.notNull())
        .addColumn('answers', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('submitted_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('grant_applications_round')
        .on('grant_applications')
        .columns(['round_id', 'status'])
        .execute();
      await db.schema
        .createIndex('grant_applications_applicant')
        .on('grant_applications')
        .columns(['applicant_id', 'updated_at'])
        .execute();

      await db.schema
        .createTable('grant_panel_members')
        .addColumn('place_id', 'text', (c) => c.notNull())
        .addColumn('round_id', 'text', (c) => c.notNull().references('grant_rounds.id'))
        .addColumn('person_id', 'text', (c) => c.notNull())
        .addColumn('added_by', 'text', (c) => c.notNull())
        .addColumn('added_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('grant_panel_members_pk', ['round_id', 'person_id'])
        .execute();
      await db.schema.createIndex('grant_panel_members_person').on('grant_panel_members').column('person_id').execute();
      await db.schema
        .createTable('grant_conflicts')
        .addColumn('place_id', 'text', (c) => c.notNull())
        .addColumn('round_id', 'text', (c) => c.notNull())
        .addColumn('application_id', 'text', (c) => c.notNull().references('grant_applications.id'))
        .addColumn('person_id', 'text', (c) => c.notNull())
        .addColumn('conflicted', 'integer', (c) => c.notNull())
        .addColumn('note', 'text', (c) => c.notNull())
        .addColumn('declared_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('grant_conflicts_pk', ['application_id', 'person_id'])
        .execute();
      await db.schema
        .createIndex('grant_conflicts_round')
        .on('grant_conflicts')
        .columns(['round_id', 'person_id'])
        .execute();
      await db.schema
        .createTable('grant_scores')
        .addColumn('place_id', 'text', (c) => c.notNull())
        .addColumn('round_id', 'text', (c) => c.notNull())
        .addColumn('application_id', 'text', (c) => c.notNull().references('grant_applications.id'))
        .addColumn('person_id', 'text', (c) => c.notNull())
        .addColumn('criterion_id', 'text', (c) => c.notNull().references('grant_criteria.id'))
        .addColumn('score', 'integer', (c) => c.notNull())
        .addColumn('comment', 'text', (c) => c.notNull())
        .addColumn('scored_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('grant_scores_pk', ['application_id', 'person_id', 'criterion_id'])
        .execute();
      await db.schema
        .createIndex('grant_scores_round')
        .on('grant_scores')
        .columns(['round_id', 'application_id'])
        .execute();
      await db.schema.createIndex('grant_scores_person').on('grant_scores').column('person_id').execute();

      await db.schema
        .createTable('grant_decisions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('place_id', 'text', (c) => c.notNull())
        .addColumn('round_id', 'text', (c) => c.notNull().references('grant_rounds.id'))
        .addColumn('application_id', 'text', (c) => c.notNull().unique().references('grant_applications.id'))
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('amount_pence', 'bigint', (c) => c.notNull())
        .addColumn('reasons', 'text', (c) => c.notNull())
        .addColumn('decided_by', 'text', (c) => c.notNull())
        .addColumn('decided_at', 'text', (c) => c.notNull())
        .addColumn('accepted_at', 'text')
        .execute();
      await db.schema.createIndex('grant_decisions_round').on('grant_decisions').columns(['round_id']).execute();
      await db.schema
        .createIndex('grant_decisions_place')
        .on('grant_decisions')
        .columns(['place_id', 'decided_at'])
        .execute();

      await db.schema
        .createTable('grant_ballots')
        .addColumn('place_id', 'text', (c) => c.notNull())
        .addColumn('round_id', 'text', (c) => c.notNull().references('grant_rounds.id'))
        .addColumn('person_id', 'text', (c) => c.notNull())
        .addColumn('choices', 'text', (c) => c.notNull())
        .addColumn('cast_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('grant_ballots_pk', ['round_id', 'person_id'])
        .execute();
      await db.schema.createIndex('grant_ballots_person').on('grant_ballots').column('person_id').execute();

      await db.schema
        .createTable('grant_check_ins')
        .addColumn('application_id', 'text', (c) => c.primaryKey().references('grant_applications.id'))
        .addColumn('place_id', 'text', (c) => c.notNull())
        .addColumn('what_happened', 'text', (c) => c.notNull())
        .addColumn('people_reached', 'integer', (c) => c.notNull())
        .addColumn('story', 'text', (c) => c.notNull())
        .addColumn('story_consent', 'integer', (c) => c.notNull())
        .addColumn('differently', 'text', (c) => c.notNull())
        .addColumn('submitted_at', 'text', (c) => c.notNull())
        .execute();
    },
  },
  // Supporting files on applications.
  '2026-12-09-10-grant-application-files': {
    async up(db, dialect) {
      await db.schema
        .createTable('grant_application_files')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('place_id', 'text', (c) => c.notNull())
        // A draft erased with its applicant takes its files with it.
        .addColumn('application_id', 'text', (c) => c.notNull().references('grant_applications.id').onDelete('cascade'))
        .addColumn('file_name', 'text', (c) => c.notNull())
        .addColumn('content_type', 'text', (c) => c.notNull())
        .addColumn('bytes', sql.raw(dialect === 'postgres' ? 'bytea' : 'blob'), (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('uploaded_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('grant_application_files_application')
        .on('grant_application_files')
        .columns(['application_id', 'uploaded_at'])
        .execute();
    },
  },
  '2026-12-09-20-grant-awards': {
    async up(db) {
      await db.schema
        .createTable('grant_payments')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('place_id', 'text', (c) => c.notNull())
        .addColumn('round_id', 'text', (c) => c.notNull().references('grant_rounds.id'))
        .addColumn('application_id', 'text', (c) => c.notNull().references('grant_applications.id'))
        .addColumn('due_on', 'text', (c) => c.notNull())
        .addColumn('amount_pence', 'bigint', (c) => c.notNull())
        .addColumn('paid_on', 'text')
        .addColumn('paid_recorded_by', 'text')
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addCheckConstraint('grant_payments_money', sql`amount_pence > 0`)
        .execute();
      await db.schema
        .createIndex('grant_payments_application')
        .on('grant_payments')
        .columns(['application_id', 'due_on'])
        .execute();
      await db.schema.createIndex('grant_payments_round').on('grant_payments').columns(['round_id']).execute();
      await db.schema
        .createTable('grant_variations')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('place_id', 'text', (c) => c.notNull())
        .addColumn('round_id', 'text', (c) => c.notNull().references('grant_rounds.id'))
        .addColumn('application_id', 'text', (c) => c.notNull().references('grant_applications.id'))
        .addColumn('from_amount_pence', 'bigint', (c) => c.notNull())
        .addColumn('to_amount_pence', 'bigint', (c) => c.notNull())
        .addColumn('from_ends_on', 'text')
        .addColumn('to_ends_on', 'text')
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('varied_by', 'text', (c) => c.notNull())
        .addColumn('varied_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('grant_variations_application')
        .on('grant_variations')
        .columns(['application_id', 'varied_at'])
        .execute();
      await db.schema.createIndex('grant_variations_round').on('grant_variations').columns(['round_id']).execute();
      await db.schema
        .createTable('grant_award_terms')
        .addColumn('application_id', 'text', (c) => c.primaryKey().references('grant_applications.id'))
        .addColumn('place_id', 'text', (c) => c.notNull())
        .addColumn('round_id', 'text', (c) => c.notNull().references('grant_rounds.id'))
        .addColumn('ends_on', 'text', (c) => c.notNull())
        .addColumn('asked_at', 'text')
        .addColumn('reminded_at', 'text')
        .execute();
      await db.schema.createIndex('grant_award_terms_ends').on('grant_award_terms').columns(['ends_on']).execute();
    },
  },
  // A round's vote may be limited to the residents of some postcode districts.
  '2026-12-10-20-grant-round-districts': {
    async up(db) {
      await db.schema
        .alterTable('grant_rounds')
        .addColumn('districts', 'text', (c) => c.notNull().defaultTo(''))
        .execute();
      await db.schema
        .alterTable('grant_ballots')
        .addColumn('district', 'text', (c) => c.notNull().defaultTo(''))
        .execute();
    },
  },
};
