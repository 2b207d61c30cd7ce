import type { Generated } from 'kysely';
import type { KithMigration } from '../../db/migrate.js';

/** What residents can do in a phase (none ticked: the phase is for reading only). */
export const ACTIVITIES = ['propose', 'support', 'debate', 'vote'] as const;
export type Activity = (typeof ACTIVITIES)[number];

/**
 * The ladder of co-production (NEF, after Arnstein; seeds C2), lowest rung first, in the
 * seeds' own words: doing to (coercion, educating), doing for (informing, consultation,
 * engagement), doing with (co-design, co-production).
 */
export const LADDER = [
  'coercion',
  'educating',
  'informing',
  'consultation',
  'engagement',
  'codesign',
  'coproduction',
] as const;
export type Rung = (typeof LADDER)[number];
/** The rungs a phase of a process may claim: a process at least tells people what is happening. */
export const CLAIMABLE_RUNGS = ['informing', 'consultation', 'engagement', 'codesign', 'coproduction'] as const;
export type ClaimableRung = (typeof CLAIMABLE_RUNGS)[number];

export type ProposalStatus = 'open' | 'forward' | 'adopted' | 'rejected';
export const RESULT_STATUSES = ['planned', 'underway', 'done', 'stopped'] as const;
export type ResultStatus = (typeof RESULT_STATUSES)[number];
export type DecisionKind = 'threshold' | 'approval' | 'consent';
export const CONSENT_RESPONSES = ['consent', 'standAside', 'object'] as const;
export type ConsentResponse = (typeof CONSENT_RESPONSES)[number];
/**
 * Where an objection stands: outstanding; addressed (the facilitator said how, the
 * objector has yet to agree); resolved (withdrawn, or the objector agreed it was
 * addressed); recorded (the facilitator closed with it standing, and said why).
 */
export type ObjectionStatus = 'outstanding' | 'addressed' | 'resolved' | 'recorded';

/** A participatory process: ideas for the park, a budget, a service redesigned. */
export interface ProcessTable {
  id: string;
  place_id: string;
  title: string;
  description: string;
  created_by: string;
  created_at: string;
  /** When its facilitator closed it (null while it runs): any phase still open ended then. */
  closed_at: string | null;
  /** What the facilitator would do differently, said on closing it ('' when not said). */
  closing_differently: Generated<string>;
  /**
   * The easy-read summary: short sentences, one idea a line, in English or Welsh. No
   * phase can be added (so residents are never invited in) while it is empty.
   */
  easy_read: Generated<string>;
}

/** One stage of a process, with its dates on the place's clock and what residents can do in it. */
export interface PhaseTable {
  id: string;
  place_id: string;
  process_id: string;
  title: string;
  description: string;
  /** UTC instants: from the start of the first day to the start of the day after the last. */
  opens_at: string;
  closes_at: string;
  /** Comma-separated Activities. */
  activities: string;
  rung: ClaimableRung;
  created_at: string;
}

export interface ProposalTable {
  id: string;
  place_id: string;
  process_id: string;
  author_id: string;
  title: string;
  body: string;
  area: string;
  status: ProposalStatus;
  /** Why it was rejected (a person's words), or `vote:<n>` / `threshold:<n>` when a decision set it. */
  reason: string;
  /** Kept in step with participation_supports in the same transaction, for the sorted list. */
  supports: number;
  result_status: ResultStatus | null;
  hidden_at: string | null;
  hidden_by: string | null;
  hidden_reason: string;
  created_at: string;
  updated_at: string;
}

/** A need a proposal answers: a term code from the place's directory "needs" vocabulary. */
export interface ProposalNeedTable {
  place_id: string;
  proposal_id: string;
  need_code: string;
}

/** An outcome a proposal works towards: one from a published outcomes framework of the place. */
export interface ProposalOutcomeTable {
  place_id: string;
  proposal_id: string;
  outcome_id: string;
}

/** A proposal's earlier text, kept when an amendment replaces it. */
export interface ProposalVersionTable {
  id: string;
  place_id: string;
  proposal_id: string;
  body: string;
  amendment_id: string | null;
  replaced_at: string;
}

export interface SupportTable {
  place_id: string;
  proposal_id: string;
  person_id: string;
  /** 1 when the supporter asked to be emailed about what happens to it. */
  follows: number;
  created_at: string;
}

export interface CommentTable {
  id: string;
  place_id: string;
  proposal_id: string;
  author_id: string;
  body: string;
  hidden_at: string | null;
  hidden_by: string | null;
  hidden_reason: string;
  created_at: string;
}

export interface AmendmentTable {
  id: string;
  place_id: string;
  proposal_id: string;
  author_id: string;
  body: string;
  status: 'pending' | 'accepted' | 'declined';
  decided_at: string | null;
  created_at: string;
}

/** How a process decides: proposals reaching a support threshold go forward, or an approval vote (pick up to N). */
export interface DecisionTable {
  id: string;
  place_id: string;
  process_id: string;
  kind: DecisionKind;
  title: string;
  /** Threshold: supports needed. */
  threshold: number;
  /** Approval: the phase whose dates are the vote's; how many a ballot may pick; how many are adopted. */
  phase_id: string | null;
  max_choices: number;
  winners: number;
  /** JSON: the published rows [{ id, count, chosen }] and the number of ballots. */
  published_result: string | null;
  published_at: string | null;
  published_by: string | null;
  created_by: string;
  created_at: string;
  /** Consent: the proposal put to the place's members (null for the other kinds). */
  proposal_id: string | null;
  /** Consent: the facilitator's outcome statement on closing ('' before). */
  outcome_statement: Generated<string>;
}

/** One member's response to a consent decision: once each (the primary key holds it). */
export interface ConsentResponseTable {
  id: string;
  place_id: string;
  decision_id: string;
  person_id: string;
  response: ConsentResponse;
  /** Why they object (required for an objection), or a note standing aside. */
  reason: string;
  /** Null unless the response is an objection. */
  objection_status: ObjectionStatus | null;
  /** How the facilitator says the objection was addressed, or why it was recorded at the close. */
  addressed_note: string;
  responded_at: string;
  updated_at: string;
}

export const SIDES = ['for', 'against'] as const;
export type Side = (typeof SIDES)[number];

/** One argument for or against a proposal in its structured debate. */
export interface ArgumentTable {
  id: string;
  place_id: string;
  proposal_id: string;
  author_id: string;
  side: Side;
  body: string;
  hidden_at: string | null;
  hidden_by: string | null;
  hidden_reason: string;
  created_at: string;
}

/** A facilitator's summary of a proposal's debate: every version is kept, the latest shown. */
export interface DebateSummaryTable {
  id: string;
  place_id: string;
  proposal_id: string;
  body: string;
  written_by: string;
  written_at: string;
}

export interface BallotTable {
  place_id: string;
  decision_id: string;
  person_id: string;
  /** Comma-separated proposal ids. */
  choices: string;
  cast_at: string;
  updated_at: string;
}

/** "You said, we did": what happened next to an adopted proposal. */
export interface ResultUpdateTable {
  id: string;
  place_id: string;
  proposal_id: string;
  status: ResultStatus;
  body: string;
  created_by: string;
  created_at: string;
}

/** A service's or team's answers to the ladder self-assessment, and the rung they gave. */
export interface AssessmentTable {
  id: string;
  place_id: string;
  service: string;
  /** JSON: { [question]: 0..3 }. */
  answers: string;
  rung: Rung;
  answered_by: string;
  created_at: string;
}

declare module '../../db/schema.js' {
  interface Database {
    participation_processes: ProcessTable;
    participation_phases: PhaseTable;
    participation_proposals: ProposalTable;
    participation_proposal_versions: ProposalVersionTable;
    participation_proposal_needs: ProposalNeedTable;
    participation_proposal_outcomes: ProposalOutcomeTable;
    participation_supports: SupportTable;
    participation_comments: CommentTable;
    participation_amendments: AmendmentTable;
    participation_decisions: DecisionTable;
    participation_ballots: BallotTable;
    participation_consent_responses: ConsentResponseTable;
    participation_arguments: ArgumentTable;
    participation_debate_summaries: DebateSummaryTable;
    participation_result_updates: ResultUpdateTable;
    participation_assessments: AssessmentTable;
  }
}

export const migrations: Record<string, KithMigration> = {
  '2026-12-07-10-participation': {
    async up(db) {
      await db.schema
        .createTable('participation_processes')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('place_id', 'text', (c) => c.notNull().references('places.id'))
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('participation_processes_place')
        .on('participation_processes')
        .columns(['place_id', 'created_at'])
        .execute();

      await db.schema
        .createTable('participation_phases')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('place_id', 'text', (c) => c.notNull())
        .addColumn('process_id', 'text', (c) => c.notNull().references('participation_processes.id'))
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('opens_at', 'text', (c) => c.notNull())
        .addColumn('closes_at', 'text', (c) => c.notNull())
        .addColumn('activities', 'text', (c) => c.notNull())
        .addColumn('rung', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('participation_phases_process')
        .on('participation_phases')
        .columns(['process_id', 'opens_at'])
        .execute();

      await db.schema
        .createTable('participation_proposals')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('place_id', 'text', (c) => c.notNull())
        .addColumn('process_id', 'text', (c) => c.notNull().references('participation_processes.id'))
        .addColumn('author_id', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('area', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('supports', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('result_status', 'text')
        .addColumn('hidden_at', 'text')
        .addColumn('hidden_by', 'text')
        .addColumn('hidden_reason', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('participation_proposals_list')
        .on('participation_proposals')
        .columns(['process_id', 'supports', 'created_at'])
        .execute();
      await db.schema
        .createIndex('participation_proposals_author')
        .on('participation_proposals')
        .column('author_id')
        .execute();

      await db.schema
        .createTable('participation_proposal_versions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('place_id', 'text', (c) => c.notNull())
        .addColumn('proposal_id', 'text', (c) => c.notNull().references('participation_proposals.id'))
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('amendment_id', 'text')
        .addColumn('replaced_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('participation_versions_proposal')
        .on('participation_proposal_versions')
        .columns(['proposal_id', 'replaced_at'])
        .execute();

      await db.schema
        .createTable('participation_supports')
        .addColumn('place_id', 'text', (c) => c.notNull())
        .addColumn('proposal_id', 'text', (c) => c.notNull().references('participation_proposals.id'))
        .addColumn('person_id', 'text', (c) => c.notNull())
        .addColumn('follows', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('participation_supports_pk', ['proposal_id', 'person_id'])
        .execute();
      await db.schema
        .createIndex('participation_supports_person')
        .on('participation_supports')
        .column('person_id')
        .execute();

      await db.schema
        .createTable('participation_comments')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('place_id', 'text', (c) => c.notNull())
        .addColumn('proposal_id', 'text', (c) => c.notNull().references('participation_proposals.id'))
        .addColumn('author_id', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('hidden_at', 'text')
        .addColumn('hidden_by', 'text')
        .addColumn('hidden_reason', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('participation_comments_proposal')
        .on('participation_comments')
        .columns(['proposal_id', 'created_at'])
        .execute();
      await db.schema
        .createIndex('participation_comments_author')
        .on('participation_comments')
        .columns(['author_id', 'created_at'])
        .execute();

      await db.schema
        .createTable('participation_amendments')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('place_id', 'text', (c) => c.notNull())
        .addColumn('proposal_id', 'text', (c) => c.notNull().references('participation_proposals.id'))
        .addColumn('author_id', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('decided_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('participation_amendments_proposal')
        .on('participation_amendments')
        .columns(['proposal_id', 'created_at'])
        .execute();

      await db.schema
        .createTable('participation_decisions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('place_id', 'text', (c) => c.notNull())
        .addColumn('process_id', 'text', (c) => c.notNull().references('participation_processes.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('threshold', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('phase_id', 'text', (c) => c.references('participation_phases.id'))
        .addColumn('max_choices', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('winners', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('published_result', 'text')
        .addColumn('published_at', 'text')
        .addColumn('published_by', 'text')
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('participation_decisions_process')
        .on('participation_decisions')
        .column('process_id')
        .execute();

      await db.schema
        .createTable('participation_ballots')
        .addColumn('place_id', 'text', (c) => c.notNull())
        .addColumn('decision_id', 'text', (c) => c.notNull().references('participation_decisions.id'))
        .addColumn('person_id', 'text', (c) => c.notNull())
        .addColumn('choices', 'text', (c) => c.notNull())
        .addColumn('cast_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('participation_ballots_pk', ['decision_id', 'person_id'])
        .execute();
      await db.schema
        .createIndex('participation_ballots_person')
        .on('participation_ballots')
        .column('person_id')
        .execute();

      await db.schema
        .createTable('participation_result_updates')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('place_id', 'text', (c) => c.notNull())
        .addColumn('proposal_id', 'text', (c) => c.notNull().references('participation_proposals.id'))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('participation_updates_proposal')
        .on('participation_result_updates')
        .columns(['proposal_id', 'created_at'])
        .execute();

      await db.schema
        .createTable('participation_assessments')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('place_id', 'text', (c) => c.notNull().references('places.id'))
        .addColumn('service', 'text', (c) => c.notNull())
        .addColumn('answers', 'text', (c) => c.notNull())
        .addColumn('rung', 'text', (c) => c.notNull())
        .addColumn('answered_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('participation_assessments_place')
        .on('participation_assessments')
        .columns(['place_id', 'service', 'created_at'])
        .execute();
    },
  },
  // A facilitator closes a process, and is asked what they would do differently (issue 16).
  '2026-12-08-40-participation-closing': {
    async up(db) {
      await db.schema.alterTable('participation_processes').addColumn('closed_at', 'text').execute();
      await db.schema
        .alterTable('participation_processes')
        .addColumn('closing_differently', 'text', (c) => c.notNull().defaultTo(''))
        .execute();
    },
  },
  // Consent decisions for small groups, after Loomio (issue 15).
  '2026-12-09-30-participation-consent': {
    async up(db) {
      await db.schema.alterTable('participation_decisions').addColumn('proposal_id', 'text').execute();
      await db.schema
        .alterTable('participation_decisions')
        .addColumn('outcome_statement', 'text', (c) => c.notNull().defaultTo(''))
        .execute();
      await db.schema
        .createTable('participation_consent_responses')
        .addColumn('id', 'text', (c) => c.notNull().unique())
        .addColumn('place_id', 'text', (c) => c.notNull())
        .addColumn('decision_id', 'text', (c) => c.notNull().references('participation_decisions.id'))
        .addColumn('person_id', 'text', (c) => c.notNull())
        .addColumn('response', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('objection_status', 'text')
        .addColumn('addressed_note', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('responded_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('participation_consent_responses_pk', ['decision_id', 'person_id'])
        .execute();
      await db.schema
        .createIndex('participation_consent_person')
        .on('participation_consent_responses')
        .column('person_id')
        .execute();
    },
  },
  // Structured debates: arguments for and against, summarised by the facilitator (issue 15).
  '2026-12-09-30-participation-debates': {
    async up(db) {
      await db.schema
        .createTable('participation_arguments')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('place_id', 'text', (c) => c.notNull())
        .addColumn('proposal_id', 'text', (c) => c.notNull().references('participation_proposals.id'))
        .addColumn('author_id', 'text', (c) => c.notNull())
        .addColumn('side', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('hidden_at', 'text')
        .addColumn('hidden_by', 'text')
        .addColumn('hidden_reason', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('participation_arguments_proposal')
        .on('participation_arguments')
        .columns(['proposal_id', 'created_at'])
        .execute();
      await db.schema
        .createIndex('participation_arguments_author')
        .on('participation_arguments')
        .columns(['author_id', 'created_at'])
        .execute();
      await db.schema
        .createTable('participation_debate_summaries')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('place_id', 'text', (c) => c.notNull())
        .addColumn('proposal_id', 'text', (c) => c.notNull().references('participation_proposals.id'))
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('written_by', 'text', (c) => c.notNull())
        .addColumn('written_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('participation_summaries_proposal')
        .on('participation_debate_summaries')
        .columns(['proposal_id', 'written_at'])
        .execute();
    },
  },
  // Easy-read summaries for every process; proposals say which needs and outcomes they answer (issue 15).
  '2026-12-11-20-participation-easy-read': {
    async up(db) {
      await db.schema
        .alterTable('participation_processes')
        .addColumn('easy_read', 'text', (c) => c.notNull().defaultTo(''))
        .execute();
      await db.schema
        .createTable('participation_proposal_needs')
        .addColumn('place_id', 'text', (c) => c.notNull())
        .addColumn('proposal_id', 'text', (c) => c.notNull().references('participation_proposals.id'))
        .addColumn('need_code', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('participation_proposal_needs_pk', ['proposal_id', 'need_code'])
        .execute();
      await db.schema
        .createIndex('participation_proposal_needs_code')
        .on('participation_proposal_needs')
        .columns(['need_code', 'proposal_id'])
        .execute();
      await db.schema
        .createTable('participation_proposal_outcomes')
        .addColumn('place_id', 'text', (c) => c.notNull())
        .addColumn('proposal_id', 'text', (c) => c.notNull().references('participation_proposals.id'))
        .addColumn('outcome_id', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('participation_proposal_outcomes_pk', ['proposal_id', 'outcome_id'])
        .execute();
      await db.schema
        .createIndex('participation_proposal_outcomes_outcome')
        .on('participation_proposal_outcomes')
        .columns(['outcome_id', 'proposal_id'])
        .execute();
    },
  },
};
