/** Participation's queries. Every query is filtered by place or by a record already found in the place. */
import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { Queryable } from '../../db/index.js';
import type { ConsentCounts, ResultRow } from './rules.js';
import {
  ACTIVITIES,
  type Activity,
  type AmendmentTable,
  type ArgumentTable,
  type AssessmentTable,
  type ClaimableRung,
  type CommentTable,
  type ConsentResponse,
  type ConsentResponseTable,
  type DecisionKind,
  type DecisionTable,
  type ObjectionStatus,
  type PhaseTable,
  type ProcessTable,
  type ProposalStatus,
  type ProposalTable,
  type ResultStatus,
  type Rung,
  type Side,
} from './schema.js';

const num = (v: unknown) => Number(v ?? 0);
const now = () => new Date().toISOString();

export interface Process {
  id: string;
  placeId: string;
  title: string;
  description: string;
  createdBy: string;
  createdAt: string;
  /** When its facilitator closed it; null while it runs. */
  closedAt: string | null;
  /** What the facilitator would do differently, said on closing it ('' when not said). */
  closingDifferently: string;
  /** The easy-read summary, one short sentence a line ('' for a process from before it was asked). */
  easyRead: string;
}

export async function insertProcess(
  db: Queryable,
  p: { placeId: string; title: string; description: string; easyRead: string; createdBy: string },
): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('participation_processes')
    .values({
      id,
      place_id: p.placeId,
      title: p.title,
      description: p.description,
      easy_read: p.easyRead,
      created_by: p.createdBy,
      created_at: now(),
    })
    .execute();
  return id;
}

const processOf = (r: Selectable<ProcessTable>): Process => ({
  id: r.id,
  placeId: r.place_id,
  title: r.title,
  description: r.description,
  createdBy: r.created_by,
  createdAt: r.created_at,
  closedAt: r.closed_at ?? null,
  closingDifferently: r.closing_differently,
  easyRead: r.easy_read,
});

export async function setEasyRead(db: Queryable, placeId: string, id: string, easyRead: string): Promise<void> {
  await db
    .updateTable('participation_processes')
    .set({ easy_read: easyRead })
    .where('place_id', '=', placeId)
    .where('id', '=', id)
    .execute();
}

export async function findProcess(db: Queryable, placeId: string, id: string): Promise<Process | undefined> {
  const row = await db
    .selectFrom('participation_processes')
    .selectAll()
    .where('place_id', '=', placeId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && processOf(row);
}

export async function processesOf(db: Queryable, placeId: string): Promise<Process[]> {
  const rows = await db
    .selectFrom('participation_processes')
    .selectAll()
    .where('place_id', '=', placeId)
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map(processOf);
}

/**
 * Closes a process at `at`, once: a phase still open ends then, and one yet to open
 * opens and ends then, so no window is left for proposing, supporting, debating or
 * voting. False when it was closed already.
 */
export async function closeProcessRow(
  db: Queryable,
  input: { placeId: string; id: string; at: string; differently: string },
): Promise<boolean> {
  const closed = await db
    .updateTable('participation_processes')
    .set({ closed_at: input.at, closing_differently: input.differently })
    .where('place_id', '=', input.placeId)
    .where('id', '=', input.id)
    .where('closed_at', 'is', null)
    .executeTakeFirst();
  if (Number(closed.numUpdatedRows) === 0) return false;
  await db
    .updateTable('participation_phases')
    .set({ opens_at: input.at })
    .where('process_id', '=', input.id)
    .where('opens_at', '>', input.at)
    .execute();
  await db
    .updateTable('participation_phases')
    .set({ closes_at: input.at })
    .where('process_id', '=', input.id)
    .where('closes_at', '>', input.at)
    .execute();
  return true;
}

// Phases

export interface Phase {
  id: string;
  processId: string;
  title: string;
  description: string;
  opensAt: string;
  closesAt: string;
  activities: Activity[];
  rung: ClaimableRung;
}

const phaseOf = (r: Selectable<PhaseTable>): Phase => ({
  id: r.id,
  processId: r.process_id,
  title: r.title,
  description: r.description,
  opensAt: r.opens_at,
  closesAt: r.closes_at,
  activities: r.activities.split(',').filter((a): a is Activity => (ACTIVITIES as readonly string[]).includes(a)),
  rung: r.rung,
});

export async function insertPhase(db: Queryable, p: Omit<Phase, 'id'> & { placeId: string }): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('participation_phases')
    .values({
      id,
      place_id: p.placeId,
      process_id: p.processId,
      title: p.title,
      description: p.description,
      opens_at: p.opensAt,
      closes_at: p.closesAt,
      activities: p.activities.join(','),
      rung: p.rung,
      created_at: now(),
    })
    .execute();
  return id;
}

export async function phasesOf(db: Queryable, processId: string): Promise<Phase[]> {
  const rows = await db
    .selectFrom('participation_phases')
    .selectAll()
    .where('process_id', '=', processId)
    .orderBy('opens_at')
    .orderBy('created_at')
    .execute();
  return rows.map(phaseOf);
}

// Proposals

export interface Proposal {
  id: string;
  placeId: string;
  processId: string;
  authorId: string;
  title: string;
  body: string;
  area: string;
  status: ProposalStatus;
  reason: string;
  supports: number;
  resultStatus: ResultStatus | null;
  hidden: boolean;
  hiddenReason: string;
  createdAt: string;
  updatedAt: string;
}

const proposalOf = (r: Selectable<ProposalTable>): Proposal => ({
  id: r.id,
  placeId: r.place_id,
  processId: r.process_id,
  authorId: r.author_id,
  title: r.title,
  body: r.body,
  area: r.area,
  status: r.status,
  reason: r.reason,
  supports: num(r.supports),
  resultStatus: r.result_status,
  hidden: r.hidden_at !== null,
  hiddenReason: r.hidden_reason,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export async function insertProposal(
  db: Queryable,
  p: { placeId: string; processId: string; authorId: string; title: string; body: string; area: string },
): Promise<string> {
  const id = randomUUID();
  const at = now();
  await db
    .insertInto('participation_proposals')
    .values({
      id,
      place_id: p.placeId,
      process_id: p.processId,
      author_id: p.authorId,
      title: p.title,
      body: p.body,
      area: p.area,
      status: 'open',
      reason: '',
      supports: 0,
      result_status: null,
      hidden_at: null,
      hidden_by: null,
      hidden_reason: '',
      created_at: at,
      updated_at: at,
    })
    .execute();
  return id;
}

export async function findProposal(db: Queryable, placeId: string, id: string): Promise<Proposal | undefined> {
  const row = await db
    .selectFrom('participation_proposals')
    .selectAll()
    .where('place_id', '=', placeId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && proposalOf(row);
}

/**
 * A process's proposals, most supported first (then the earliest); hidden ones only when
 * asked; only those answering a need (a term code) or an outcome (its id) when given.
 */
export async function proposalsIn(
  db: Queryable,
  processId: string,
  options: { hidden?: boolean; limit?: number; need?: string; outcome?: string } = {},
): Promise<Proposal[]> {
  const { need, outcome } = options;
  let q = db
    .selectFrom('participation_proposals')
    .selectAll()
    .where('process_id', '=', processId)
    .orderBy('supports', 'desc')
    .orderBy('created_at')
    .orderBy('id');
  if (!options.hidden) q = q.where('hidden_at', 'is', null);
  if (need)
    q = q.where('id', 'in', (eb) =>
      eb.selectFrom('participation_proposal_needs').select('proposal_id').where('need_code', '=', need),
    );
  if (outcome)
    q = q.where('id', 'in', (eb) =>
      eb.selectFrom('participation_proposal_outcomes').select('proposal_id').where('outcome_id', '=', outcome),
    );
  if (options.limit) q = q.limit(options.limit);
  return (await q.execute()).map(proposalOf);
}

/** Records which needs (term codes) and outcomes (ids) a new proposal answers. */
export async function linkProposal(
  db: Queryable,
  p: { placeId: string; proposalId: string; needs: readonly string[]; outcomes: readonly string[] },
): Promise<void> {
  if (p.needs.length)
    await db
      .insertInto('participation_proposal_needs')
      .values(p.needs.map((code) => ({ place_id: p.placeId, proposal_id: p.proposalId, need_code: code })))
      .execute();
  if (p.outcomes.length)
    await db
      .insertInto('participation_proposal_outcomes')
      .values(p.outcomes.map((id) => ({ place_id: p.placeId, proposal_id: p.proposalId, outcome_id: id })))
      .execute();
}

/** The needs (term codes) and outcomes (ids) a proposal answers, in the order they were stored. */
export async function linksOfProposal(
  db: Queryable,
  proposalId: string,
): Promise<{ needs: string[]; outcomes: string[] }> {
  const [needs, outcomes] = await Promise.all([
    db
      .selectFrom('participation_proposal_needs')
      .select('need_code')
      .where('proposal_id', '=', proposalId)
      .orderBy('need_code')
      .execute(),
    db
      .selectFrom('participation_proposal_outcomes')
      .select('outcome_id')
      .where('proposal_id', '=', proposalId)
      .orderBy('outcome_id')
      .execute(),
  ]);
  return { needs: needs.map((r) => r.need_code), outcomes: outcomes.map((r) => r.outcome_id) };
}

export async function replaceProposalBody(
  db: Queryable,
  proposal: Proposal,
  body: string,
  amendmentId: string | null,
): Promise<void> {
  const at = now();
  await db
    .insertInto('participation_proposal_versions')
    .values({
      id: randomUUID(),
      place_id: proposal.placeId,
      proposal_id: proposal.id,
      body: proposal.body,
      amendment_id: amendmentId,
      replaced_at: at,
    })
    .execute();
  await db.updateTable('participation_proposals').set({ body, updated_at: at }).where('id', '=', proposal.id).execute();
}

export async function versionsOf(db: Queryable, proposalId: string) {
  const rows = await db
    .selectFrom('participation_proposal_versions')
    .selectAll()
    .where('proposal_id', '=', proposalId)
    .orderBy('replaced_at', 'desc')
    .execute();
  return rows.map((r) => ({ body: r.body, amendmentId: r.amendment_id, replacedAt: r.replaced_at }));
}

export async function setProposalOutcome(
  db: Queryable,
  id: string,
  change: { status: ProposalStatus; reason?: string; resultStatus?: ResultStatus | null },
): Promise<void> {
  await db
    .updateTable('participation_proposals')
    .set({
      status: change.status,
      ...(change.reason !== undefined ? { reason: change.reason } : {}),
      ...(change.resultStatus !== undefined ? { result_status: change.resultStatus } : {}),
      updated_at: now(),
    })
    .where('id', '=', id)
    .execute();
}

export async function hideProposal(db: Queryable, id: string, by: string, reason: string): Promise<void> {
  await db
    .updateTable('participation_proposals')
    .set({ hidden_at: now(), hidden_by: by, hidden_reason: reason })
    .where('id', '=', id)
    .execute();
}

// Supports

/**
 * Records one person's support for a proposal: true when it is new. The primary key
 * holds it to once a person, whatever arrives at once; the count moves only with a new row.
 */
export async function addSupport(
  db: Queryable,
  s: { placeId: string; proposalId: string; personId: string; follows: boolean },
): Promise<boolean> {
  const result = await db
    .insertInto('participation_supports')
    .values({
      place_id: s.placeId,
      proposal_id: s.proposalId,
      person_id: s.personId,
      follows: s.follows ? 1 : 0,
      created_at: now(),
    })
    .onConflict((oc) => oc.columns(['proposal_id', 'person_id']).doNothing())
    .executeTakeFirst();
  const added = num(result.numInsertedOrUpdatedRows) > 0;
  if (added)
    await db
      .updateTable('participation_proposals')
      .set((eb) => ({ supports: eb('supports', '+', 1) }))
      .where('id', '=', s.proposalId)
      .execute();
  return added;
}

export async function supportOf(
  db: Queryable,
  proposalId: string,
  personId: string,
): Promise<{ follows: boolean } | undefined> {
  const row = await db
    .selectFrom('participation_supports')
    .select('follows')
    .where('proposal_id', '=', proposalId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
  return row && { follows: num(row.follows) === 1 };
}

export async function setFollowing(db: Queryable, proposalId: string, personId: string, follows: boolean) {
  await db
    .updateTable('participation_supports')
    .set({ follows: follows ? 1 : 0 })
    .where('proposal_id', '=', proposalId)
    .where('person_id', '=', personId)
    .execute();
}

/**
 * Each of these proposals' supports, and how many people supported any of them, counted
 * by the database from the stored supports (the primary key makes each a different person).
 */
export async function supportCountsOf(
  db: Queryable,
  proposalIds: readonly string[],
): Promise<{ counts: Map<string, number>; people: number }> {
  if (!proposalIds.length) return { counts: new Map(), people: 0 };
  const [rows, everyone] = await Promise.all([
    db
      .selectFrom('participation_supports')
      .select((eb) => ['proposal_id', eb.fn.countAll<number>().as('n')])
      .where('proposal_id', 'in', proposalIds)
      .groupBy('proposal_id')
      .execute(),
    db
      .selectFrom('participation_supports')
      .select((eb) => eb.fn.count<number>('person_id').distinct().as('n'))
      .where('proposal_id', 'in', proposalIds)
      .executeTakeFirstOrThrow(),
  ]);
  return { counts: new Map(rows.map((r) => [r.proposal_id, num(r.n)])), people: num(everyone.n) };
}

/** Who hears what happens to a proposal: its author, and supporters who chose to follow it. */
export async function followersOf(db: Queryable, proposal: Proposal): Promise<string[]> {
  const rows = await db
    .selectFrom('participation_supports')
    .select('person_id')
    .where('proposal_id', '=', proposal.id)
    .where('follows', '=', 1)
    .execute();
  return [...new Set([proposal.authorId, ...rows.map((r) => r.person_id)])];
}

// Comments

export interface Comment {
  id: string;
  proposalId: string;
  authorId: string;
  body: string;
  hidden: boolean;
  hiddenReason: string;
  createdAt: string;
}

const commentOf = (r: Selectable<CommentTable>): Comment => ({
  id: r.id,
  proposalId: r.proposal_id,
  authorId: r.author_id,
  body: r.body,
  hidden: r.hidden_at !== null,
  hiddenReason: r.hidden_reason,
  createdAt: r.created_at,
});

export async function insertComment(
  db: Queryable,
  c: { placeId: string; proposalId: string; authorId: string; body: string; at: string },
): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('participation_comments')
    .values({
      id,
      place_id: c.placeId,
      proposal_id: c.proposalId,
      author_id: c.authorId,
      body: c.body,
      hidden_at: null,
      hidden_by: null,
      hidden_reason: '',
      created_at: c.at,
    })
    .execute();
  return id;
}

export async function commentsOf(db: Queryable, proposalId: string): Promise<Comment[]> {
  const rows = await db
    .selectFrom('participation_comments')
    .selectAll()
    .where('proposal_id', '=', proposalId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(commentOf);
}

export async function findComment(db: Queryable, placeId: string, id: string): Promise<Comment | undefined> {
  const row = await db
    .selectFrom('participation_comments')
    .selectAll()
    .where('place_id', '=', placeId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && commentOf(row);
}

/** When this person's comments since `since` were written, across every place (the limit is per account). */
export async function commentTimesSince(db: Queryable, personId: string, since: string): Promise<string[]> {
  const rows = await db
    .selectFrom('participation_comments')
    .select('created_at')
    .where('author_id', '=', personId)
    .where('created_at', '>=', since)
    .execute();
  return rows.map((r) => r.created_at);
}

export async function hideComment(db: Queryable, id: string, by: string, reason: string): Promise<void> {
  await db
    .updateTable('participation_comments')
    .set({ hidden_at: now(), hidden_by: by, hidden_reason: reason })
    .where('id', '=', id)
    .execute();
}

// Structured debates

export interface Argument {
  id: string;
  proposalId: string;
  authorId: string;
  side: Side;
  body: string;
  hidden: boolean;
  hiddenReason: string;
  createdAt: string;
}

const argumentOf = (r: Selectable<ArgumentTable>): Argument => ({
  id: r.id,
  proposalId: r.proposal_id,
  authorId: r.author_id,
  side: r.side,
  body: r.body,
  hidden: r.hidden_at !== null,
  hiddenReason: r.hidden_reason,
  createdAt: r.created_at,
});

export async function insertArgument(
  db: Queryable,
  a: { placeId: string; proposalId: string; authorId: string; side: Side; body: string; at: string },
): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('participation_arguments')
    .values({
      id,
      place_id: a.placeId,
      proposal_id: a.proposalId,
      author_id: a.authorId,
      side: a.side,
      body: a.body,
      hidden_at: null,
      hidden_by: null,
      hidden_reason: '',
      created_at: a.at,
    })
    .execute();
  return id;
}

export async function argumentsOf(db: Queryable, proposalId: string): Promise<Argument[]> {
  const rows = await db
    .selectFrom('participation_arguments')
    .selectAll()
    .where('proposal_id', '=', proposalId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(argumentOf);
}

export async function findArgument(db: Queryable, placeId: string, id: string): Promise<Argument | undefined> {
  const row = await db
    .selectFrom('participation_arguments')
    .selectAll()
    .where('place_id', '=', placeId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && argumentOf(row);
}

/** When this person's arguments since `since` were written, across every place (the limit is per account). */
export async function argumentTimesSince(db: Queryable, personId: string, since: string): Promise<string[]> {
  const rows = await db
    .selectFrom('participation_arguments')
    .select('created_at')
    .where('author_id', '=', personId)
    .where('created_at', '>=', since)
    .execute();
  return rows.map((r) => r.created_at);
}

export async function hideArgument(db: Queryable, id: string, by: string, reason: string): Promise<void> {
  await db
    .updateTable('participation_arguments')
    .set({ hidden_at: now(), hidden_by: by, hidden_reason: reason })
    .where('id', '=', id)
    .execute();
}

export async function insertSummary(
  db: Queryable,
  s: { placeId: string; proposalId: string; body: string; writtenBy: string },
): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('participation_debate_summaries')
    .values({
      id,
      place_id: s.placeId,
      proposal_id: s.proposalId,
      body: s.body,
      written_by: s.writtenBy,
      written_at: now(),
    })
    .execute();
  return id;
}

/** A debate's summaries, newest first: the first is shown, the rest are its edit history. */
export async function summariesOf(db: Queryable, proposalId: string) {
  const rows = await db
    .selectFrom('participation_debate_summaries')
    .selectAll()
    .where('proposal_id', '=', proposalId)
    .orderBy('written_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map((r) => ({ id: r.id, body: r.body, writtenBy: r.written_by, writtenAt: r.written_at }));
}

// Amendments

export interface Amendment {
  id: string;
  proposalId: string;
  authorId: string;
  body: string;
  status: AmendmentTable['status'];
  decidedAt: string | null;
  createdAt: string;
}

const amendmentOf = (r: Selectable<AmendmentTable>): Amendment => ({
  id: r.id,
  proposalId: r.proposal_id,
  authorId: r.author_id,
  body: r.body,
  status: r.status,
  decidedAt: r.decided_at,
  createdAt: r.created_at,
});

export async function insertAmendment(
  db: Queryable,
  a: { placeId: string; proposalId: string; authorId: string; body: string },
): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('participation_amendments')
    .values({
      id,
      place_id: a.placeId,
      proposal_id: a.proposalId,
      author_id: a.authorId,
      body: a.body,
      status: 'pending',
      decided_at: null,
      created_at: now(),
    })
    .execute();
  return id;
}

export async function findAmendment(db: Queryable, placeId: string, id: string): Promise<Amendment | undefined> {
  const row = await db
    .selectFrom('participation_amendments')
    .selectAll()
    .where('place_id', '=', placeId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && amendmentOf(row);
}

export async function amendmentsOf(db: Queryable, proposalId: string): Promise<Amendment[]> {
  const rows = await db
    .selectFrom('participation_amendments')
    .selectAll()
    .where('proposal_id', '=', proposalId)
    .orderBy('created_at')
    .execute();
  return rows.map(amendmentOf);
}

/** Decides a pending amendment: true when this call decided it (a repeat finds it decided). */
export async function decideAmendment(db: Queryable, id: string, status: 'accepted' | 'declined'): Promise<boolean> {
  const result = await db
    .updateTable('participation_amendments')
    .set({ status, decided_at: now() })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return num(result.numUpdatedRows) > 0;
}

// Decisions and ballots

export interface Decision {
  id: string;
  placeId: string;
  processId: string;
  kind: DecisionKind;
  title: string;
  threshold: number;
  phaseId: string | null;
  maxChoices: number;
  winners: number;
  /** Consent: the proposal put to the place's members. */
  proposalId: string | null;
  /** Consent: the facilitator's outcome statement, once closed. */
  outcomeStatement: string;
  published: PublishedResult | null;
  publishedAt: string | null;
  createdAt: string;
}

export interface PublishedResult {
  rows: ResultRow[];
  ballots: number;
  /** Consent decisions: the responses counted, and where the objections stood at the close. */
  consent?: ConsentCounts;
}

const decisionOf = (r: Selectable<DecisionTable>): Decision => ({
  id: r.id,
  placeId: r.place_id,
  processId: r.process_id,
  kind: r.kind,
  title: r.title,
  threshold: num(r.threshold),
  phaseId: r.phase_id,
  maxChoices: num(r.max_choices),
  winners: num(r.winners),
  proposalId: r.proposal_id ?? null,
  outcomeStatement: r.outcome_statement ?? '',
  published: r.published_result ? (JSON.parse(r.published_result) as Decision['published']) : null,
  publishedAt: r.published_at,
  createdAt: r.created_at,
});

export async function insertDecision(
  db: Queryable,
  d: Omit<Decision, 'id' | 'published' | 'publishedAt' | 'createdAt' | 'outcomeStatement' | 'proposalId'> & {
    createdBy: string;
    proposalId?: string | null;
  },
): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('participation_decisions')
    .values({
      id,
      place_id: d.placeId,
      process_id: d.processId,
      kind: d.kind,
      title: d.title,
      threshold: d.threshold,
      phase_id: d.phaseId,
      max_choices: d.maxChoices,
      winners: d.winners,
      proposal_id: d.proposalId ?? null,
      published_result: null,
      published_at: null,
      published_by: null,
      created_by: d.createdBy,
      created_at: now(),
    })
    .execute();
  return id;
}

export async function findDecision(db: Queryable, placeId: string, id: string): Promise<Decision | undefined> {
  const row = await db
    .selectFrom('participation_decisions')
    .selectAll()
    .where('place_id', '=', placeId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && decisionOf(row);
}

/** A decision by id alone, for the command line. */
export async function findDecisionById(db: Queryable, id: string): Promise<Decision | undefined> {
  const row = await db.selectFrom('participation_decisions').selectAll().where('id', '=', id).executeTakeFirst();
  return row && decisionOf(row);
}

export async function decisionsOf(db: Queryable, processId: string): Promise<Decision[]> {
  const rows = await db
    .selectFrom('participation_decisions')
    .selectAll()
    .where('process_id', '=', processId)
    .orderBy('created_at')
    .execute();
  return rows.map(decisionOf);
}

/** Publishes a result once: true when this call published it. */
export async function publishDecision(
  db: Queryable,
  id: string,
  result: PublishedResult,
  by: string,
  outcomeStatement = '',
): Promise<boolean> {
  const r = await db
    .updateTable('participation_decisions')
    .set({
      published_result: JSON.stringify(result),
      published_at: now(),
      published_by: by,
      outcome_statement: outcomeStatement,
    })
    .where('id', '=', id)
    .where('published_at', 'is', null)
    .executeTakeFirst();
  return num(r.numUpdatedRows) > 0;
}

export async function saveBallot(
  db: Queryable,
  b: { placeId: string; decisionId: string; personId: string; choices: readonly string[] },
): Promise<void> {
  const at = now();
  const choices = b.choices.join(',');
  await db
    .insertInto('participation_ballots')
    .values({
      place_id: b.placeId,
      decision_id: b.decisionId,
      person_id: b.personId,
      choices,
      cast_at: at,
      updated_at: at,
    })
    .onConflict((oc) => oc.columns(['decision_id', 'person_id']).doUpdateSet({ choices, updated_at: at }))
    .execute();
}

/** Many ballots at once (an import, a test of a large vote). */
export async function insertBallots(
  db: Queryable,
  rows: ReadonlyArray<{ placeId: string; decisionId: string; personId: string; choices: readonly string[] }>,
): Promise<void> {
  const at = now();
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('participation_ballots')
      .values(
        rows.slice(i, i + 500).map((b) => ({
          place_id: b.placeId,
          decision_id: b.decisionId,
          person_id: b.personId,
          choices: b.choices.join(','),
          cast_at: at,
          updated_at: at,
        })),
      )
      .execute();
}

export async function ballotOf(db: Queryable, decisionId: string, personId: string): Promise<string[] | undefined> {
  const row = await db
    .selectFrom('participation_ballots')
    .select('choices')
    .where('decision_id', '=', decisionId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
  return row ? row.choices.split(',').filter(Boolean) : undefined;
}

/** Every ballot's choices in a decision, streamed in pages so a large vote does not sit in memory twice. */
export async function* ballotsIn(db: Queryable, decisionId: string, pageSize = 5000): AsyncGenerator<string[]> {
  let after = '';
  for (;;) {
    const rows = await db
      .selectFrom('participation_ballots')
      .select(['person_id', 'choices'])
      .where('decision_id', '=', decisionId)
      .where('person_id', '>', after)
      .orderBy('person_id')
      .limit(pageSize)
      .execute();
    for (const r of rows) yield r.choices.split(',').filter(Boolean);
    if (rows.length < pageSize) return;
    after = rows[rows.length - 1]!.person_id;
  }
}

// Consent responses

export interface ConsentReply {
  id: string;
  decisionId: string;
  personId: string;
  response: ConsentResponse;
  reason: string;
  objectionStatus: ObjectionStatus | null;
  addressedNote: string;
  respondedAt: string;
}

const consentReplyOf = (r: Selectable<ConsentResponseTable>): ConsentReply => ({
  id: r.id,
  decisionId: r.decision_id,
  personId: r.person_id,
  response: r.response,
  reason: r.reason,
  objectionStatus: r.objection_status,
  addressedNote: r.addressed_note,
  respondedAt: r.responded_at,
});

/**
 * Records one member's response: true when it is new. The primary key holds it to one
 * a person, whatever arrives at once; a second is not stored.
 */
export async function addConsentResponse(
  db: Queryable,
  r: { placeId: string; decisionId: string; personId: string; response: ConsentResponse; reason: string },
): Promise<boolean> {
  const at = now();
  const result = await db
    .insertInto('participation_consent_responses')
    .values({
      id: randomUUID(),
      place_id: r.placeId,
      decision_id: r.decisionId,
      person_id: r.personId,
      response: r.response,
      reason: r.reason,
      objection_status: r.response === 'object' ? 'outstanding' : null,
      addressed_note: '',
      responded_at: at,
      updated_at: at,
    })
    .onConflict((oc) => oc.columns(['decision_id', 'person_id']).doNothing())
    .executeTakeFirst();
  return num(result.numInsertedOrUpdatedRows) > 0;
}

export async function consentResponseOf(
  db: Queryable,
  decisionId: string,
  personId: string,
): Promise<ConsentReply | undefined> {
  const row = await db
    .selectFrom('participation_consent_responses')
    .selectAll()
    .where('decision_id', '=', decisionId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
  return row && consentReplyOf(row);
}

export async function findConsentResponse(
  db: Queryable,
  placeId: string,
  id: string,
): Promise<ConsentReply | undefined> {
  const row = await db
    .selectFrom('participation_consent_responses')
    .selectAll()
    .where('place_id', '=', placeId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && consentReplyOf(row);
}

export async function consentResponsesOf(db: Queryable, decisionId: string): Promise<ConsentReply[]> {
  const rows = await db
    .selectFrom('participation_consent_responses')
    .selectAll()
    .where('decision_id', '=', decisionId)
    .orderBy('responded_at')
    .orderBy('id')
    .execute();
  return rows.map(consentReplyOf);
}

/** Moves an objection on from one of the given statuses: true when this call moved it. */
export async function setObjectionStatus(
  db: Queryable,
  id: string,
  from: readonly ObjectionStatus[],
  to: ObjectionStatus,
  note?: string,
): Promise<boolean> {
  const r = await db
    .updateTable('participation_consent_responses')
    .set({ objection_status: to, updated_at: now(), ...(note !== undefined ? { addressed_note: note } : {}) })
    .where('id', '=', id)
    .where('response', '=', 'object')
    .where('objection_status', 'in', [...from])
    .executeTakeFirst();
  return num(r.numUpdatedRows) > 0;
}

// "You said, we did"

export async function insertUpdate(
  db: Queryable,
  u: { placeId: string; proposalId: string; status: ResultStatus; body: string; createdBy: string },
): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('participation_result_updates')
    .values({
      id,
      place_id: u.placeId,
      proposal_id: u.proposalId,
      status: u.status,
      body: u.body,
      created_by: u.createdBy,
      created_at: now(),
    })
    .execute();
  await db
    .updateTable('participation_proposals')
    .set({ result_status: u.status, updated_at: now() })
    .where('id', '=', u.proposalId)
    .execute();
  return id;
}

export async function updatesOf(db: Queryable, proposalId: string) {
  const rows = await db
    .selectFrom('participation_result_updates')
    .selectAll()
    .where('proposal_id', '=', proposalId)
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map((r) => ({ id: r.id, status: r.status, body: r.body, createdAt: r.created_at }));
}

// The ladder self-assessment

export interface Assessment {
  id: string;
  placeId: string;
  service: string;
  answers: Record<string, number>;
  rung: Rung;
  answeredBy: string;
  createdAt: string;
}

export async function insertAssessment(db: Queryable, a: Omit<Assessment, 'id' | 'createdAt'>): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('participation_assessments')
    .values({
      id,
      place_id: a.placeId,
      service: a.service,
      answers: JSON.stringify(a.answers),
      rung: a.rung,
      answered_by: a.answeredBy,
      created_at: now(),
    })
    .execute();
  return id;
}

const assessmentOf = (r: Selectable<AssessmentTable>): Assessment => ({
  id: r.id,
  placeId: r.place_id,
  service: r.service,
  answers: JSON.parse(r.answers) as Record<string, number>,
  rung: r.rung,
  answeredBy: r.answered_by,
  createdAt: r.created_at,
});

export async function findAssessment(db: Queryable, placeId: string, id: string): Promise<Assessment | undefined> {
  const row = await db
    .selectFrom('participation_assessments')
    .selectAll()
    .where('place_id', '=', placeId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && assessmentOf(row);
}

/** A place's assessments, by service and then oldest first: each service's movement over time. */
export async function assessmentsIn(db: Queryable, placeId: string): Promise<Assessment[]> {
  const rows = await db
    .selectFrom('participation_assessments')
    .selectAll()
    .where('place_id', '=', placeId)
    .orderBy('service')
    .orderBy('created_at')
    .execute();
  return rows.map(assessmentOf);
}

/** The same service's earlier assessments (case and spacing aside), oldest first. */
export async function assessmentsOfService(db: Queryable, placeId: string, service: string): Promise<Assessment[]> {
  const all = await assessmentsIn(db, placeId);
  const key = service.trim().toLowerCase().replace(/\s+/g, ' ');
  return all.filter((a) => a.service.trim().toLowerCase().replace(/\s+/g, ' ') === key);
}

// Personal data

export async function everythingOf(db: Queryable, personId: string) {
  const [proposals, comments, amendments, supports, ballots, assessments, consentResponses, debateArguments] =
    await Promise.all([
      db
        .selectFrom('participation_proposals')
        .select(['title', 'body', 'area', 'status', 'created_at'])
        .where('author_id', '=', personId)
        .execute(),
      db
        .selectFrom('participation_comments')
        .select(['body', 'created_at'])
        .where('author_id', '=', personId)
        .execute(),
      db
        .selectFrom('participation_amendments')
        .select(['body', 'status', 'created_at'])
        .where('author_id', '=', personId)
        .execute(),
      db
        .selectFrom('participation_supports')
        .select(['proposal_id', 'follows', 'created_at'])
        .where('person_id', '=', personId)
        .execute(),
      db
        .selectFrom('participation_ballots')
        .select(['decision_id', 'choices', 'updated_at'])
        .where('person_id', '=', personId)
        .execute(),
      db
        .selectFrom('participation_assessments')
        .select(['service', 'rung', 'answers', 'created_at'])
        .where('answered_by', '=', personId)
        .execute(),
      db
        .selectFrom('participation_consent_responses')
        .select(['decision_id', 'response', 'reason', 'objection_status', 'responded_at'])
        .where('person_id', '=', personId)
        .execute(),
      db
        .selectFrom('participation_arguments')
        .select(['proposal_id', 'side', 'body', 'created_at'])
        .where('author_id', '=', personId)
        .execute(),
    ]);
  return { proposals, comments, amendments, supports, ballots, assessments, consentResponses, debateArguments };
}

/**
 * Erasure: comments and pending amendments go; proposals, supports and ballots stay as
 * the public record of what residents asked for and decided, with the person replaced
 * by a stand-in no one can trace back.
 */
export async function eraseParticipant(db: Queryable, personId: string, standIn: string): Promise<void> {
  await db.deleteFrom('participation_comments').where('author_id', '=', personId).execute();
  await db.deleteFrom('participation_arguments').where('author_id', '=', personId).execute();
  await db
    .updateTable('participation_arguments')
    .set({ hidden_by: standIn })
    .where('hidden_by', '=', personId)
    .execute();
  await db
    .updateTable('participation_debate_summaries')
    .set({ written_by: standIn })
    .where('written_by', '=', personId)
    .execute();
  await db
    .deleteFrom('participation_amendments')
    .where('author_id', '=', personId)
    .where('status', '=', 'pending')
    .execute();
  await db
    .updateTable('participation_amendments')
    .set({ author_id: standIn })
    .where('author_id', '=', personId)
    .execute();
  await db
    .updateTable('participation_proposals')
    .set({ author_id: standIn })
    .where('author_id', '=', personId)
    .execute();
  await db
    .updateTable('participation_supports')
    .set({ person_id: standIn, follows: 0 })
    .where('person_id', '=', personId)
    .execute();
  await db.updateTable('participation_ballots').set({ person_id: standIn }).where('person_id', '=', personId).execute();
  // A consent response stays counted; an objector's own words go with them.
  await db
    .updateTable('participation_consent_responses')
    .set({ person_id: standIn, reason: '' })
    .where('person_id', '=', personId)
    .execute();
  await db
    .updateTable('participation_assessments')
    .set({ answered_by: standIn })
    .where('answered_by', '=', personId)
    .execute();
  // What officers did keeps its record, by "someone".
  await db
    .updateTable('participation_processes')
    .set({ created_by: standIn })
    .where('created_by', '=', personId)
    .execute();
  await db
    .updateTable('participation_decisions')
    .set({ created_by: standIn })
    .where('created_by', '=', personId)
    .execute();
  await db
    .updateTable('participation_decisions')
    .set({ published_by: standIn })
    .where('published_by', '=', personId)
    .execute();
  await db
    .updateTable('participation_result_updates')
    .set({ created_by: standIn })
    .where('created_by', '=', personId)
    .execute();
  await db
    .updateTable('participation_proposals')
    .set({ hidden_by: standIn })
    .where('hidden_by', '=', personId)
    .execute();
  await db
    .updateTable('participation_comments')
    .set({ hidden_by: standIn })
    .where('hidden_by', '=', personId)
    .execute();
}
