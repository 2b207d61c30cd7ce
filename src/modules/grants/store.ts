/** Small grants' queries. Every query is filtered by place; money comes back as whole pence (numbers). */
import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { DialectName, Queryable } from '../../db/index.js';
import type { ParticipantsQuery } from '../module.js';
import type { BudgetLine } from './rules.js';
import type {
  ApplicantKind,
  ApplicationStatus,
  DecidedBy,
  DecisionOutcome,
  GrantApplicationTable,
  GrantDecisionTable,
  GrantFundTable,
  GrantRoundTable,
} from './schema.js';

const num = (v: unknown) => Number(v ?? 0);

export interface Fund {
  id: string;
  placeId: string;
  name: string;
  purpose: string;
  funderId: string;
  funderName: string;
  prefix: string;
  allowsIndividuals: boolean;
  createdBy: string;
  createdAt: string;
}

const fundOf = (r: Selectable<GrantFundTable>): Fund => ({
  id: r.id,
  placeId: r.place_id,
  name: r.name,
  purpose: r.purpose,
  funderId: r.funder_id,
  funderName: r.funder_name,
  prefix: r.prefix,
  allowsIndividuals: Boolean(num(r.allows_individuals)),
  createdBy: r.created_by,
  createdAt: r.created_at,
});

export interface Round {
  id: string;
  placeId: string;
  fundId: string;
  title: string;
  purpose: string;
  budgetPence: number;
  minAwardPence: number;
  maxAwardPence: number;
  whoMayApply: ApplicantKind[];
  area: string;
  /** Postcode districts whose residents may vote ("HX1"); empty for any member of the place. */
  districts: string[];
  opensAt: string;
  closesAt: string;
  decidedBy: DecidedBy;
  voteOpensAt: string | null;
  voteClosesAt: string | null;
  ballotKind: 'budget' | 'count';
  voteMaxProjects: number;
  resultsPublishedAt: string | null;
  createdAt: string;
}

const roundOf = (r: Selectable<GrantRoundTable>): Round => ({
  id: r.id,
  placeId: r.place_id,
  fundId: r.fund_id,
  title: r.title,
  purpose: r.purpose,
  budgetPence: num(r.budget_pence),
  minAwardPence: num(r.min_award_pence),
  maxAwardPence: num(r.max_award_pence),
  whoMayApply: r.who_may_apply.split(',').filter(Boolean) as ApplicantKind[],
  area: r.area,
  districts: r.districts.split(',').filter(Boolean),
  opensAt: r.opens_at,
  closesAt: r.closes_at,
  decidedBy: r.decided_by,
  voteOpensAt: r.vote_opens_at,
  voteClosesAt: r.vote_closes_at,
  ballotKind: r.ballot_kind,
  voteMaxProjects: num(r.vote_max_projects),
  resultsPublishedAt: r.results_published_at,
  createdAt: r.created_at,
});

export interface Criterion {
  id: string;
  name: string;
  weight: number;
}
export interface Question {
  id: string;
  text: string;
  wordLimit: number;
}

export interface Application {
  id: string;
  placeId: string;
  roundId: string;
  applicantId: string;
  applicantKind: ApplicantKind;
  groupName: string;
  charityNumber: string;
  companyNumber: string;
  hostName: string;
  hostCharityNumber: string;
  hostCompanyNumber: string;
  projectTitle: string;
  summary: string;
  budgetLines: BudgetLine[];
  amountPence: number;
  answers: Record<string, string>;
  status: ApplicationStatus;
  submittedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

const applicationOf = (r: Selectable<GrantApplicationTable>): Application => ({
  id: r.id,
  placeId: r.place_id,
  roundId: r.round_id,
  applicantId: r.applicant_id,
  applicantKind: r.applicant_kind,
  groupName: r.group_name,
  charityNumber: r.charity_number,
  companyNumber: r.company_number,
  hostName: r.host_name,
  hostCharityNumber: r.host_charity_number,
  hostCompanyNumber: r.host_company_number,
  projectTitle: r.project_title,
  summary: r.summary,
  budgetLines: JSON.parse(r.budget_lines) as BudgetLine[],
  amountPence: num(r.amount_pence),
  answers: JSON.parse(r.answers) as Record<string, string>,
  status: r.status,
  submittedAt: r.submitted_at,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export interface Decision {
  id: string;
  roundId: string;
  applicationId: string;
  outcome: DecisionOutcome;
  amountPence: number;
  reasons: string;
  decidedBy: string;
  decidedAt: string;
  acceptedAt: string | null;
}

const decisionOf = (r: Selectable<GrantDecisionTable>): Decision => ({
  id: r.id,
  roundId: r.round_id,
  applicationId: r.application_id,
  outcome: r.outcome,
  amountPence: num(r.amount_pence),
  reasons: r.reasons,
  decidedBy: r.decided_by,
  decidedAt: r.decided_at,
  acceptedAt: r.accepted_at,
});

// Funds

export async function insertFund(db: Queryable, fund: Omit<Fund, 'id' | 'createdAt'>): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('grant_funds')
    .values({
      id,
      place_id: fund.placeId,
      name: fund.name,
      purpose: fund.purpose,
      funder_id: fund.funderId,
      funder_name: fund.funderName,
      prefix: fund.prefix,
      allows_individuals: fund.allowsIndividuals ? 1 : 0,
      created_by: fund.createdBy,
      created_at: new Date().toISOString(),
    })
    .execute();
  return id;
}

export async function findFund(db: Queryable, placeId: string, id: string): Promise<Fund | undefined> {
  const row = await db
    .selectFrom('grant_funds')
    .selectAll()
    .where('place_id', '=', placeId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && fundOf(row);
}

export async function fundsOf(db: Queryable, placeId: string): Promise<Fund[]> {
  const rows = await db
    .selectFrom('grant_funds')
    .selectAll()
    .where('place_id', '=', placeId)
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map(fundOf);
}

// Rounds

/** A round as an officer sets it up: its settings, criteria and questions (the rest is Kith's). */
export type NewRound = Omit<Round, 'id' | 'resultsPublishedAt' | 'createdAt'> & {
  criteria: Array<{ name: string; weight: number }>;
  questions: Array<{ text: string; wordLimit: number }>;
  createdBy: string;
};

export async function insertRound(db: Queryable, round: NewRound): Promise<string> {
  const id = randomUUID();
  const now = new Date().toISOString();
  await db
    .insertInto('grant_rounds')
    .values({
      id,
      place_id: round.placeId,
      fund_id: round.fundId,
      title: round.title,
      purpose: round.purpose,
      budget_pence: round.budgetPence,
      min_award_pence: round.minAwardPence,
      max_award_pence: round.maxAwardPence,
      who_may_apply: round.whoMayApply.join(','),
      area: round.area,
      districts: round.districts.join(','),
      opens_at: round.opensAt,
      closes_at: round.closesAt,
      decided_by: round.decidedBy,
      vote_opens_at: round.voteOpensAt,
      vote_closes_at: round.voteClosesAt,
      ballot_kind: round.ballotKind,
      vote_max_projects: round.voteMaxProjects,
      results_published_at: null,
      created_by: round.createdBy,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await insertCriteria(db, round.placeId, id, round.criteria);
  await insertQuestions(db, round.placeId, id, round.questions);
  return id;
}

async function insertCriteria(
  db: Queryable,
  placeId: string,
  roundId: string,
  criteria: ReadonlyArray<{ name: string; weight: number }>,
) {
  if (criteria.length)
    await db
      .insertInto('grant_criteria')
      .values(
        criteria.map((c, i) => ({
          id: randomUUID(),
          place_id: placeId,
          round_id: roundId,
          position: i,
          name: c.name,
          weight: c.weight,
        })),
      )
      .execute();
}

async function insertQuestions(
  db: Queryable,
  placeId: string,
  roundId: string,
  questions: ReadonlyArray<{ text: string; wordLimit: number }>,
) {
  if (questions.length)
    await db
      .insertInto('grant_questions')
      .values(
        questions.map((q, i) => ({
          id: randomUUID(),
          place_id: placeId,
          round_id: roundId,
          position: i,
          text: q.text,
          word_limit: q.wordLimit,
        })),
      )
      .execute();
}

/** What an officer may change about a round: everything it was created with but its fund and author. */
export type RoundChange = Omit<NewRound, 'placeId' | 'fundId' | 'createdBy'>;

/**
 * Replaces a round's terms. Criteria and questions are replaced only when they changed
 * (the rules allow that only before anyone scored or applied), so their ids, which
 * scores and answers point at, stay put otherwise.
 */
export async function updateRound(
  db: Queryable,
  round: Round,
  change: RoundChange,
  replace: { criteria: boolean; questions: boolean },
): Promise<void> {
  await db
    .updateTable('grant_rounds')
    .set({
      title: change.title,
      purpose: change.purpose,
      budget_pence: change.budgetPence,
      min_award_pence: change.minAwardPence,
      max_award_pence: change.maxAwardPence,
      who_may_apply: change.whoMayApply.join(','),
      area: change.area,
      districts: change.districts.join(','),
      opens_at: change.opensAt,
      closes_at: change.closesAt,
      decided_by: change.decidedBy,
      vote_opens_at: change.voteOpensAt,
      vote_closes_at: change.voteClosesAt,
      ballot_kind: change.ballotKind,
      vote_max_projects: change.voteMaxProjects,
      updated_at: new Date().toISOString(),
    })
    .where('id', '=', round.id)
    .execute();
  if (replace.criteria) {
    await db.deleteFrom('grant_criteria').where('round_id', '=', round.id).execute();
    await insertCriteria(db, round.placeId, round.id, change.criteria);
  }
  if (replace.questions) {
    await db.deleteFrom('grant_questions').where('round_id', '=', round.id).execute();
    await insertQuestions(db, round.placeId, round.id, change.questions);
  }
}

/** What has happened in a round so far, which decides what about it may still change. */
export async function activityIn(db: Queryable, roundId: string) {
  const [applications, scores, committed] = await Promise.all([
    db
      .selectFrom('grant_applications')
      .select(['applicant_kind', 'amount_pence', 'submitted_at'])
      .where('round_id', '=', roundId)
      .execute(),
    db
      .selectFrom('grant_scores')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('round_id', '=', roundId)
      .executeTakeFirst(),
    committedIn(db, roundId),
  ]);
  return {
    applications: applications.length,
    kindsApplied: [...new Set(applications.map((a) => a.applicant_kind))],
    submittedAmounts: applications.filter((a) => a.submitted_at !== null).map((a) => num(a.amount_pence)),
    scores: num(scores?.n),
    committedPence: committed,
  };
}

/** The people who submitted an application to a round, as a query of person ids (for counts, never a list). */
export function applicantsOf(db: Queryable, roundId: string): ParticipantsQuery {
  return db
    .selectFrom('grant_applications')
    .select('applicant_id as person_id')
    .where('round_id', '=', roundId)
    .where('submitted_at', 'is not', null);
}

/** A round; `lock` reads it for update on PostgreSQL, so two awards in one round take turns (SQLite's write lock already does). */
export async function findRound(
  db: Queryable,
  placeId: string,
  id: string,
  lock?: DialectName,
): Promise<Round | undefined> {
  let q = db.selectFrom('grant_rounds').selectAll().where('place_id', '=', placeId).where('id', '=', id);
  if (lock === 'postgres') q = q.forUpdate();
  const row = await q.executeTakeFirst();
  return row && roundOf(row);
}

export async function roundsOf(db: Queryable, placeId: string, fundId?: string): Promise<Round[]> {
  let q = db.selectFrom('grant_rounds').selectAll().where('place_id', '=', placeId);
  if (fundId) q = q.where('fund_id', '=', fundId);
  return (await q.orderBy('closes_at', 'desc').execute()).map(roundOf);
}

export async function publishResults(db: Queryable, roundId: string, at: string): Promise<void> {
  await db
    .updateTable('grant_rounds')
    .set({ results_published_at: at, updated_at: at })
    .where('id', '=', roundId)
    .execute();
}

export async function criteriaOf(db: Queryable, roundId: string): Promise<Criterion[]> {
  const rows = await db
    .selectFrom('grant_criteria')
    .select(['id', 'name', 'weight'])
    .where('round_id', '=', roundId)
    .orderBy('position')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, weight: num(r.weight) }));
}

export async function questionsOf(db: Queryable, roundId: string): Promise<Question[]> {
  const rows = await db
    .selectFrom('grant_questions')
    .select(['id', 'text', 'word_limit'])
    .where('round_id', '=', roundId)
    .orderBy('position')
    .execute();
  return rows.map((r) => ({ id: r.id, text: r.text, wordLimit: num(r.word_limit) }));
}

// Applications

export type ApplicationFields = Pick<
  Application,
  | 'applicantKind'
  | 'groupName'
  | 'charityNumber'
  | 'companyNumber'
  | 'hostName'
  | 'hostCharityNumber'
  | 'hostCompanyNumber'
  | 'projectTitle'
  | 'summary'
  | 'budgetLines'
  | 'amountPence'
  | 'answers'
>;

const fieldsRow = (f: ApplicationFields) => ({
  applicant_kind: f.applicantKind,
  group_name: f.groupName,
  charity_number: f.charityNumber,
  company_number: f.companyNumber,
  host_name: f.hostName,
  host_charity_number: f.hostCharityNumber,
  host_company_number: f.hostCompanyNumber,
  project_title: f.projectTitle,
  summary: f.summary,
  budget_lines: JSON.stringify(f.budgetLines),
  amount_pence: f.amountPence,
  answers: JSON.stringify(f.answers),
});

export async function insertApplication(
  db: Queryable,
  a: { placeId: string; roundId: string; applicantId: string } & ApplicationFields,
): Promise<string> {
  const id = randomUUID();
  const now = new Date().toISOString();
  await db
    .insertInto('grant_applications')
    .values({
      id,
      place_id: a.placeId,
      round_id: a.roundId,
      applicant_id: a.applicantId,
      ...fieldsRow(a),
      status: 'draft',
      submitted_at: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

export async function updateApplication(db: Queryable, id: string, fields: ApplicationFields): Promise<void> {
  await db
    .updateTable('grant_applications')
    .set({ ...fieldsRow(fields), updated_at: new Date().toISOString() })
    .where('id', '=', id)
    .execute();
}

export async function setApplicationStatus(
  db: Queryable,
  id: string,
  status: ApplicationStatus,
  submittedAt?: string,
): Promise<void> {
  await db
    .updateTable('grant_applications')
    .set({ status, updated_at: new Date().toISOString(), ...(submittedAt ? { submitted_at: submittedAt } : {}) })
    .where('id', '=', id)
    .execute();
}

export async function findApplication(db: Queryable, placeId: string, id: string): Promise<Application | undefined> {
  const row = await db
    .selectFrom('grant_applications')
    .selectAll()
    .where('place_id', '=', placeId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && applicationOf(row);
}

/** A round's applications in given states (all but drafts and withdrawn ones, unless asked). */
export async function applicationsIn(
  db: Queryable,
  roundId: string,
  statuses: ApplicationStatus[] = ['submitted', 'shortlisted', 'awarded', 'declined'],
): Promise<Application[]> {
  const rows = await db
    .selectFrom('grant_applications')
    .selectAll()
    .where('round_id', '=', roundId)
    .where('status', 'in', statuses)
    .orderBy('submitted_at')
    .orderBy('id')
    .execute();
  return rows.map(applicationOf);
}

export async function applicationsBy(db: Queryable, placeId: string | null, personId: string): Promise<Application[]> {
  let q = db.selectFrom('grant_applications').selectAll().where('applicant_id', '=', personId);
  if (placeId) q = q.where('place_id', '=', placeId);
  return (await q.orderBy('updated_at', 'desc').execute()).map(applicationOf);
}

// Panel

export async function addPanelMember(
  db: Queryable,
  m: { placeId: string; roundId: string; personId: string; addedBy: string },
): Promise<void> {
  await db
    .insertInto('grant_panel_members')
    .values({
      place_id: m.placeId,
      round_id: m.roundId,
      person_id: m.personId,
      added_by: m.addedBy,
      added_at: new Date().toISOString(),
    })
    .onConflict((oc) => oc.columns(['round_id', 'person_id']).doNothing())
    .execute();
}

export async function panelOf(db: Queryable, roundId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('grant_panel_members')
    .select('person_id')
    .where('round_id', '=', roundId)
    .orderBy('added_at')
    .execute();
  return rows.map((r) => r.person_id);
}

export async function roundsOnPanel(db: Queryable, placeId: string, personId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('grant_panel_members')
    .select('round_id')
    .where('place_id', '=', placeId)
    .where('person_id', '=', personId)
    .execute();
  return rows.map((r) => r.round_id);
}

export async function declareConflict(
  db: Queryable,
  c: { placeId: string; roundId: string; applicationId: string; personId: string; conflicted: boolean; note: string },
): Promise<void> {
  const row = {
    place_id: c.placeId,
    round_id: c.roundId,
    application_id: c.applicationId,
    person_id: c.personId,
    conflicted: c.conflicted ? 1 : 0,
    note: c.note,
    declared_at: new Date().toISOString(),
  };
  await db
    .insertInto('grant_conflicts')
    .values(row)
    .onConflict((oc) =>
      oc
        .columns(['application_id', 'person_id'])
        .doUpdateSet({ conflicted: row.conflicted, note: row.note, declared_at: row.declared_at }),
    )
    .execute();
}

export async function conflictsIn(
  db: Queryable,
  roundId: string,
): Promise<Array<{ applicationId: string; personId: string; conflicted: boolean; note: string }>> {
  const rows = await db.selectFrom('grant_conflicts').selectAll().where('round_id', '=', roundId).execute();
  return rows.map((r) => ({
    applicationId: r.application_id,
    personId: r.person_id,
    conflicted: Boolean(num(r.conflicted)),
    note: r.note,
  }));
}

export async function saveScores(
  db: Queryable,
  s: {
    placeId: string;
    roundId: string;
    applicationId: string;
    personId: string;
    scores: Array<{ criterionId: string; score: number; comment: string }>;
  },
): Promise<void> {
  const at = new Date().toISOString();
  for (const one of s.scores) {
    await db
      .insertInto('grant_scores')
      .values({
        place_id: s.placeId,
        round_id: s.roundId,
        application_id: s.applicationId,
        person_id: s.personId,
        criterion_id: one.criterionId,
        score: one.score,
        comment: one.comment,
        scored_at: at,
      })
      .onConflict((oc) =>
        oc
          .columns(['application_id', 'person_id', 'criterion_id'])
          .doUpdateSet({ score: one.score, comment: one.comment, scored_at: at }),
      )
      .execute();
  }
}

export interface Score {
  applicationId: string;
  personId: string;
  criterionId: string;
  score: number;
  comment: string;
}

export async function scoresIn(db: Queryable, roundId: string): Promise<Score[]> {
  const rows = await db
    .selectFrom('grant_scores')
    .select(['application_id', 'person_id', 'criterion_id', 'score', 'comment'])
    .where('round_id', '=', roundId)
    .execute();
  return rows.map((r) => ({
    applicationId: r.application_id,
    personId: r.person_id,
    criterionId: r.criterion_id,
    score: num(r.score),
    comment: r.comment,
  }));
}

// Decisions

export async function insertDecision(
  db: Queryable,
  d: {
    placeId: string;
    roundId: string;
    applicationId: string;
    outcome: DecisionOutcome;
    amountPence: number;
    reasons: string;
    decidedBy: string;
  },
): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('grant_decisions')
    .values({
      id,
      place_id: d.placeId,
      round_id: d.roundId,
      application_id: d.applicationId,
      outcome: d.outcome,
      amount_pence: d.amountPence,
      reasons: d.reasons,
      decided_by: d.decidedBy,
      decided_at: new Date().toISOString(),
      accepted_at: null,
    })
    .execute();
  return id;
}

export async function decisionsIn(db: Queryable, roundId: string): Promise<Decision[]> {
  return (
    await db.selectFrom('grant_decisions').selectAll().where('round_id', '=', roundId).orderBy('decided_at').execute()
  ).map(decisionOf);
}

export async function decisionFor(db: Queryable, applicationId: string): Promise<Decision | undefined> {
  const row = await db
    .selectFrom('grant_decisions')
    .selectAll()
    .where('application_id', '=', applicationId)
    .executeTakeFirst();
  return row && decisionOf(row);
}

/** What a round has committed in awards, in pence. */
export async function committedIn(db: Queryable, roundId: string): Promise<number> {
  const row = await db
    .selectFrom('grant_decisions')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount_pence'), eb.lit(0)).as('total'))
    .where('round_id', '=', roundId)
    .executeTakeFirst();
  return num(row?.total);
}

export async function acceptDecision(db: Queryable, id: string, at: string): Promise<void> {
  await db
    .updateTable('grant_decisions')
    .set({ accepted_at: at })
    .where('id', '=', id)
    .where('accepted_at', 'is', null)
    .execute();
}

/** Awards of a place with their application, round and fund, for 360Giving. */
export interface Award {
  application: Application;
  decisionId: string;
  awardedPence: number;
  decidedAt: string;
  acceptedAt: string | null;
  round: { id: string; title: string; area: string; decidedBy: Round['decidedBy'] };
  fund: { id: string; name: string; funderId: string; funderName: string; prefix: string };
}

/**
 * The place's awarded grants, oldest decision first, read a page at a time in key order
 * (decided_at, then id), so a download of ten thousand grants never holds them all.
 */
export async function* awardsIn(db: Queryable, placeId: string, pageSize = 500): AsyncGenerator<Award[]> {
  let after: { decidedAt: string; id: string } | undefined;
  for (;;) {
    let q = db
      .selectFrom('grant_decisions as d')
      .innerJoin('grant_applications as a', 'a.id', 'd.application_id')
      .innerJoin('grant_rounds as r', 'r.id', 'd.round_id')
      .innerJoin('grant_funds as f', 'f.id', 'r.fund_id')
      .selectAll('a')
      .select([
        'd.id as decision_id',
        'd.amount_pence as awarded_pence',
        'd.decided_at',
        'd.accepted_at',
        'r.title as round_title',
        'r.id as round_id_',
        'r.area as round_area',
        'r.decided_by as round_decided_by',
        'f.id as fund_id',
        'f.name as fund_name',
        'f.funder_id',
        'f.funder_name',
        'f.prefix',
      ])
      .where('d.place_id', '=', placeId)
      .where('d.outcome', 'in', ['full', 'part']);
    if (after) {
      const { decidedAt, id } = after;
      // The plain >= lets the index on (place_id, decided_at) start at the page's first row;
      // without it each page would be found by reading every earlier one again.
      q = q
        .where('d.decided_at', '>=', decidedAt)
        .where((eb) =>
          eb.or([
            eb('d.decided_at', '>', decidedAt),
            eb.and([eb('d.decided_at', '=', decidedAt), eb('d.id', '>', id)]),
          ]),
        );
    }
    const rows = await q.orderBy('d.decided_at').orderBy('d.id').limit(pageSize).execute();
    if (rows.length)
      yield rows.map((r) => ({
        application: applicationOf(r),
        decisionId: r.decision_id,
        awardedPence: num(r.awarded_pence),
        decidedAt: r.decided_at,
        acceptedAt: r.accepted_at,
        round: { id: r.round_id_, title: r.round_title, area: r.round_area, decidedBy: r.round_decided_by },
        fund: { id: r.fund_id, name: r.fund_name, funderId: r.funder_id, funderName: r.funder_name, prefix: r.prefix },
      }));
    if (rows.length < pageSize) return;
    const last = rows[rows.length - 1]!;
    after = { decidedAt: last.decided_at, id: last.decision_id };
  }
}

// Ballots

export async function saveBallot(
  db: Queryable,
  b: { placeId: string; roundId: string; personId: string; choices: string[]; district: string },
): Promise<void> {
  const at = new Date().toISOString();
  await db
    .insertInto('grant_ballots')
    .values({
      place_id: b.placeId,
      round_id: b.roundId,
      person_id: b.personId,
      choices: b.choices.join(','),
      district: b.district,
      cast_at: at,
      updated_at: at,
    })
    .onConflict((oc) =>
      oc
        .columns(['round_id', 'person_id'])
        .doUpdateSet({ choices: b.choices.join(','), district: b.district, updated_at: at }),
    )
    .execute();
}

export async function ballotOf(db: Queryable, roundId: string, personId: string): Promise<string[] | undefined> {
  const row = await db
    .selectFrom('grant_ballots')
    .select('choices')
    .where('round_id', '=', roundId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
  return row ? row.choices.split(',').filter(Boolean) : undefined;
}

/** How many ballots came from each postcode district ('' for ballots cast without one), for the tally's audit. */
export async function ballotDistrictsIn(
  db: Queryable,
  roundId: string,
): Promise<Array<{ district: string; ballots: number }>> {
  const rows = await db
    .selectFrom('grant_ballots')
    .select((eb) => ['district', eb.fn.countAll<number>().as('n')])
    .where('round_id', '=', roundId)
    .groupBy('district')
    .orderBy('district')
    .execute();
  return rows.map((r) => ({ district: r.district, ballots: num(r.n) }));
}

/** Every ballot's choices in a round, streamed in pages so a large vote does not sit in memory twice. */
export async function* ballotsIn(db: Queryable, roundId: string, pageSize = 5000): AsyncGenerator<string[]> {
  let after = '';
  for (;;) {
    const rows = await db
      .selectFrom('grant_ballots')
      .select(['person_id', 'choices'])
      .where('round_id', '=', roundId)
      .where('person_id', '>', after)
      .orderBy('person_id')
      .limit(pageSize)
      .execute();
    for (const r of rows) yield r.choices.split(',').filter(Boolean);
    if (rows.length < pageSize) return;
    after = rows[rows.length - 1]!.person_id;
  }
}

// Monitoring

export async function insertCheckIn(
  db: Queryable,
  c: {
    placeId: string;
    applicationId: string;
    whatHappened: string;
    peopleReached: number;
    story: string;
    storyConsent: boolean;
    differently: string;
  },
): Promise<boolean> {
  const inserted = await db
    .insertInto('grant_check_ins')
    .values({
      place_id: c.placeId,
      application_id: c.applicationId,
      what_happened: c.whatHappened,
      people_reached: c.peopleReached,
      story: c.story,
      story_consent: c.storyConsent ? 1 : 0,
      differently: c.differently,
      submitted_at: new Date().toISOString(),
    })
    .onConflict((oc) => oc.column('application_id').doNothing())
    .executeTakeFirst();
  return Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function checkInFor(db: Queryable, applicationId: string) {
  const r = await db
    .selectFrom('grant_check_ins')
    .selectAll()
    .where('application_id', '=', applicationId)
    .executeTakeFirst();
  return (
    r && {
      whatHappened: r.what_happened,
      peopleReached: num(r.people_reached),
      story: r.story,
      storyConsent: Boolean(num(r.story_consent)),
      differently: r.differently,
      submittedAt: r.submitted_at,
    }
  );
}

// Personal data

export async function eraseApplicant(db: Queryable, personId: string, erased: string): Promise<void> {
  await db
    .updateTable('grant_applications')
    .set({ applicant_id: erased })
    .where('applicant_id', '=', personId)
    .where('status', 'in', ['awarded', 'declined', 'shortlisted', 'submitted'])
    .execute();
  const drafts = await db.selectFrom('grant_applications').select('id').where('applicant_id', '=', personId).execute();
  const ids = drafts.map((d) => d.id);
  if (ids.length) {
    await db.deleteFrom('grant_conflicts').where('application_id', 'in', ids).execute();
    await db.deleteFrom('grant_scores').where('application_id', 'in', ids).execute();
    await db.deleteFrom('grant_applications').where('id', 'in', ids).execute();
  }
  await db.deleteFrom('grant_ballots').where('person_id', '=', personId).execute();
  await db.updateTable('grant_scores').set({ person_id: erased }).where('person_id', '=', personId).execute();
  await db.updateTable('grant_conflicts').set({ person_id: erased }).where('person_id', '=', personId).execute();
  await db.deleteFrom('grant_panel_members').where('person_id', '=', personId).execute();
}

export async function ballotsBy(db: Queryable, personId: string) {
  const rows = await db.selectFrom('grant_ballots').selectAll().where('person_id', '=', personId).execute();
  return rows.map((r) => ({
    roundId: r.round_id,
    choices: r.choices.split(','),
    castAt: r.cast_at,
    updatedAt: r.updated_at,
  }));
}

export async function scoresBy(db: Queryable, personId: string) {
  const rows = await db.selectFrom('grant_scores').selectAll().where('person_id', '=', personId).execute();
  return rows.map((r) => ({
    applicationId: r.application_id,
    criterionId: r.criterion_id,
    score: num(r.score),
    comment: r.comment,
  }));
}

/** A round by its id alone, for the command line. */
export async function findRoundById(db: Queryable, id: string): Promise<Round | undefined> {
  const row = await db.selectFrom('grant_rounds').selectAll().where('id', '=', id).executeTakeFirst();
  return row && roundOf(row);
}

// Awards after the decision: payments, variations, end dates and monitoring

export interface Payment {
  id: string;
  applicationId: string;
  dueOn: string;
  amountPence: number;
  paidOn: string | null;
  paidRecordedBy: string | null;
  createdBy: string;
  createdAt: string;
}

export interface Variation {
  id: string;
  applicationId: string;
  fromAmountPence: number;
  toAmountPence: number;
  fromEndsOn: string | null;
  toEndsOn: string | null;
  reason: string;
  variedBy: string;
  variedAt: string;
}

export async function insertPayment(
  db: Queryable,
  p: { placeId: string; roundId: string; applicationId: string; dueOn: string; amountPence: number; createdBy: string },
): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('grant_payments')
    .values({
      id,
      place_id: p.placeId,
      round_id: p.roundId,
      application_id: p.applicationId,
      due_on: p.dueOn,
      amount_pence: p.amountPence,
      paid_on: null,
      paid_recorded_by: null,
      created_by: p.createdBy,
      created_at: new Date().toISOString(),
    })
    .execute();
  return id;
}

export async function paymentsOf(db: Queryable, applicationId: string): Promise<Payment[]> {
  const rows = await db
    .selectFrom('grant_payments')
    .selectAll()
    .where('application_id', '=', applicationId)
    .orderBy('due_on')
    .orderBy('created_at')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    applicationId: r.application_id,
    dueOn: r.due_on,
    amountPence: num(r.amount_pence),
    paidOn: r.paid_on,
    paidRecordedBy: r.paid_recorded_by,
    createdBy: r.created_by,
    createdAt: r.created_at,
  }));
}

/** Marks a payment paid once; false when it was already marked (so a repeat changes nothing). */
export async function markPaymentPaid(db: Queryable, id: string, paidOn: string, by: string): Promise<boolean> {
  const result = await db
    .updateTable('grant_payments')
    .set({ paid_on: paidOn, paid_recorded_by: by })
    .where('id', '=', id)
    .where('paid_on', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function setAwardAmount(db: Queryable, applicationId: string, amountPence: number): Promise<void> {
  await db
    .updateTable('grant_decisions')
    .set({ amount_pence: amountPence })
    .where('application_id', '=', applicationId)
    .execute();
}

export async function insertVariation(
  db: Queryable,
  v: Omit<Variation, 'id' | 'variedAt'> & { placeId: string; roundId: string },
): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('grant_variations')
    .values({
      id,
      place_id: v.placeId,
      round_id: v.roundId,
      application_id: v.applicationId,
      from_amount_pence: v.fromAmountPence,
      to_amount_pence: v.toAmountPence,
      from_ends_on: v.fromEndsOn,
      to_ends_on: v.toEndsOn,
      reason: v.reason,
      varied_by: v.variedBy,
      varied_at: new Date().toISOString(),
    })
    .execute();
  return id;
}

export async function variationsOf(db: Queryable, applicationId: string): Promise<Variation[]> {
  const rows = await db
    .selectFrom('grant_variations')
    .selectAll()
    .where('application_id', '=', applicationId)
    .orderBy('varied_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    applicationId: r.application_id,
    fromAmountPence: num(r.from_amount_pence),
    toAmountPence: num(r.to_amount_pence),
    fromEndsOn: r.from_ends_on,
    toEndsOn: r.to_ends_on,
    reason: r.reason,
    variedBy: r.varied_by,
    variedAt: r.varied_at,
  }));
}

export interface AwardTerm {
  applicationId: string;
  endsOn: string;
  askedAt: string | null;
  remindedAt: string | null;
}

const termOf = (r: {
  application_id: string;
  ends_on: string;
  asked_at: string | null;
  reminded_at: string | null;
}) => ({
  applicationId: r.application_id,
  endsOn: r.ends_on,
  askedAt: r.asked_at,
  remindedAt: r.reminded_at,
});

export async function termOfAward(db: Queryable, applicationId: string): Promise<AwardTerm | undefined> {
  const row = await db
    .selectFrom('grant_award_terms')
    .selectAll()
    .where('application_id', '=', applicationId)
    .executeTakeFirst();
  return row && termOf(row);
}

export async function termsIn(db: Queryable, roundId: string): Promise<AwardTerm[]> {
  return (await db.selectFrom('grant_award_terms').selectAll().where('round_id', '=', roundId).execute()).map(termOf);
}

/** Sets an award's end date; a new end date asks for monitoring afresh. */
export async function setEndDate(
  db: Queryable,
  t: { placeId: string; roundId: string; applicationId: string; endsOn: string },
): Promise<void> {
  await db
    .insertInto('grant_award_terms')
    .values({
      application_id: t.applicationId,
      place_id: t.placeId,
      round_id: t.roundId,
      ends_on: t.endsOn,
      asked_at: null,
      reminded_at: null,
    })
    .onConflict((oc) =>
      oc.column('application_id').doUpdateSet({ ends_on: t.endsOn, asked_at: null, reminded_at: null }),
    )
    .execute();
}

/** Accepted awards whose end date has come, with no check-in yet: those monitoring may need to chase. */
export async function awardsAwaitingMonitoring(db: Queryable, endedBy: string, remindIfEndedBy: string, limit: number) {
  const rows = await db
    .selectFrom('grant_award_terms as t')
    .innerJoin('grant_decisions as d', 'd.application_id', 't.application_id')
    .innerJoin('grant_applications as a', 'a.id', 't.application_id')
    .leftJoin('grant_check_ins as c', 'c.application_id', 't.application_id')
    .select([
      't.application_id',
      't.place_id',
      't.ends_on',
      't.asked_at',
      't.reminded_at',
      'a.applicant_id',
      'a.project_title',
    ])
    .where('t.ends_on', '<=', endedBy)
    .where('d.accepted_at', 'is not', null)
    .where('d.outcome', 'in', ['full', 'part'])
    .where('c.application_id', 'is', null)
    .where((eb) =>
      eb.or([
        eb('t.asked_at', 'is', null),
        eb.and([eb('t.reminded_at', 'is', null), eb('t.ends_on', '<=', remindIfEndedBy)]),
      ]),
    )
    .orderBy('t.ends_on')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    applicationId: r.application_id,
    placeId: r.place_id,
    endsOn: r.ends_on,
    askedAt: r.asked_at,
    remindedAt: r.reminded_at,
    applicantId: r.applicant_id,
    projectTitle: r.project_title,
  }));
}

/** Claims the one ask (or the one reminder) for an award: true for the caller that sets it first. */
export async function claimMonitoring(
  db: Queryable,
  applicationId: string,
  which: 'asked' | 'reminded',
  at: string,
): Promise<boolean> {
  const column = which === 'asked' ? 'asked_at' : 'reminded_at';
  const result = await db
    .updateTable('grant_award_terms')
    .set({ [column]: at })
    .where('application_id', '=', applicationId)
    .where(column, 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Application ids in a round that have a check-in. */
export async function checkedInIn(db: Queryable, roundId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('grant_check_ins as c')
    .innerJoin('grant_applications as a', 'a.id', 'c.application_id')
    .select('c.application_id')
    .where('a.round_id', '=', roundId)
    .execute();
  return new Set(rows.map((r) => r.application_id));
}

/** Every payment in a round, for the finance download. */
export async function paymentsIn(db: Queryable, roundId: string): Promise<Payment[]> {
  const rows = await db
    .selectFrom('grant_payments')
    .selectAll()
    .where('round_id', '=', roundId)
    .orderBy('due_on')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    applicationId: r.application_id,
    dueOn: r.due_on,
    amountPence: num(r.amount_pence),
    paidOn: r.paid_on,
    paidRecordedBy: r.paid_recorded_by,
    createdBy: r.created_by,
    createdAt: r.created_at,
  }));
}

/** How many variations each award in a round has had. */
export async function variationCountsIn(db: Queryable, roundId: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('grant_variations')
    .select(['application_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('round_id', '=', roundId)
    .groupBy('application_id')
    .execute();
  return new Map(rows.map((r) => [r.application_id, num(r.n)]));
}
