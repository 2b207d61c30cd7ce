/**
 * Small grants' commands: each change in one transaction, once per submission, audited.
 * Deadlines are checked here, on the server, against `now`.
 */
import { RuleError } from '../../errors.js';
import type { Kith } from '../../kith.js';
import { recordAudit } from '../../platform/audit/index.js';
import { districtOfPostcode } from '../../platform/postcodes.js';
import { once, type Submission } from '../../platform/idempotency/index.js';
import { draftCaseFromAnswer } from '../library/index.js';
import { storyFromElsewhere } from '../outcomes/index.js';
import { findPersonByEmail, rolesOf } from '../people/index.js';
import type { FundInput, RoundInput } from './inputs.js';
import {
  ballotProblem,
  closingInstant,
  formatPence,
  isOpenAt,
  missingFrom,
  openingInstant,
  roundChangeProblem,
  tally,
  weightedScore,
} from './rules.js';
import type { DecisionOutcome } from './schema.js';
import {
  acceptDecision,
  activityIn,
  addPanelMember,
  applicationsIn,
  ballotsIn,
  committedIn,
  criteriaOf,
  declareConflict,
  decisionFor,
  decisionsIn,
  findApplication,
  findFund,
  findRound,
  insertApplication,
  insertCheckIn,
  insertDecision,
  insertFund,
  insertRound,
  panelOf,
  publishResults,
  questionsOf,
  saveBallot,
  saveScores,
  setApplicationStatus,
  updateApplication,
  updateRound,
  type RoundChange,
  conflictsIn,
  scoresIn,
  type Application,
  type ApplicationFields,
  type Round,
} from './store.js';
import type { Queryable, Trx } from '../../db/index.js';

interface Acting {
  placeId: string;
  personId: string;
  submission?: Submission;
}

export async function createFund(kith: Kith, input: Acting & { fund: FundInput }): Promise<string> {
  const { result } = await once(kith.db, 'smallGrants.fund.create', input.submission, async (trx) => {
    const id = await insertFund(trx, { placeId: input.placeId, createdBy: input.personId, ...input.fund });
    await recordAudit(trx, {
      placeId: input.placeId,
      actorId: input.personId,
      action: 'smallGrants.fund.create',
      subjectType: 'grant_fund',
      subjectId: id,
    });
    return id;
  });
  return result;
}

/** A round's terms as kept, from the form: instants on the place's clock, and vote settings only for a vote. */
function termsOf(r: RoundInput): RoundChange {
  const voted = r.decidedBy !== 'panel';
  return {
    title: r.title,
    purpose: r.purpose,
    budgetPence: r.budget,
    minAwardPence: r.minAward,
    maxAwardPence: r.maxAward,
    whoMayApply: r.whoMayApply,
    area: r.area,
    // Only a vote has voters to limit.
    districts: voted ? r.districts : [],
    opensAt: openingInstant(r.opensOn),
    closesAt: closingInstant(r.closesOn),
    decidedBy: r.decidedBy,
    voteOpensAt: voted && r.voteOpensOn ? openingInstant(r.voteOpensOn) : null,
    voteClosesAt: voted && r.voteClosesOn ? closingInstant(r.voteClosesOn) : null,
    ballotKind: r.ballotKind,
    voteMaxProjects: r.ballotKind === 'count' ? r.voteMaxProjects : 0,
    criteria: r.criteria.map((c) => ({ name: c.name, weight: c.n })),
    questions: r.questions.map((q) => ({ text: q.name, wordLimit: q.n })),
  };
}

export async function createRound(kith: Kith, input: Acting & { fundId: string; round: RoundInput }): Promise<string> {
  const r = input.round;
  const { result } = await once(kith.db, 'smallGrants.round.create', input.submission, async (trx) => {
    const fund = await findFund(trx, input.placeId, input.fundId);
    if (!fund) throw new RuleError('grants.fund.missing', {}, 'title');
    if (r.whoMayApply.includes('individual') && !fund.allowsIndividuals)
      throw new RuleError('grants.round.noIndividuals', {}, 'whoMayApply');
    const id = await insertRound(trx, {
      placeId: input.placeId,
      fundId: fund.id,
      ...termsOf(r),
      createdBy: input.personId,
    });
    await recordAudit(trx, {
      placeId: input.placeId,
      actorId: input.personId,
      action: 'smallGrants.round.create',
      subjectType: 'grant_round',
      subjectId: id,
      detail: { budgetPence: r.budget, decidedBy: r.decidedBy },
    });
    return id;
  });
  return result;
}

/**
 * Changes a round's terms, within what roundChangeProblem allows given what has happened
 * in it. The round is read for update, so an award made at the same moment cannot slip
 * under a budget being lowered. Saving the same terms again changes nothing and records nothing.
 */
export async function changeRound(
  kith: Kith,
  input: Acting & { roundId: string; round: RoundInput; now?: Date },
): Promise<void> {
  const now = input.now ?? new Date();
  await kith.db.transaction(async (trx) => {
    const round = await findRound(trx, input.placeId, input.roundId, kith.db.dialect);
    if (!round) throw new RuleError('grants.round.missing', {}, 'title');
    const fund = await findFund(trx, input.placeId, round.fundId);
    if (input.round.whoMayApply.includes('individual') && !fund?.allowsIndividuals)
      throw new RuleError('grants.round.noIndividuals', {}, 'whoMayApply');
    const [criteria, questions, activity] = await Promise.all([
      criteriaOf(trx, round.id),
      questionsOf(trx, round.id),
      activityIn(trx, round.id),
    ]);
    const before = {
      ...round,
      criteria: criteria.map((c) => ({ name: c.name, weight: c.weight })),
      questions: questions.map((q) => ({ text: q.text, wordLimit: q.wordLimit })),
    };
    const after = termsOf(input.round);
    const problem = roundChangeProblem(
      before,
      after,
      { ...activity, resultsPublished: round.resultsPublishedAt !== null },
      now,
    );
    if (problem) throw new RuleError(problem.key, problem.params ?? {}, problem.field);
    const changed = (Object.keys(after) as Array<keyof RoundChange>).filter(
      (k) => JSON.stringify(after[k]) !== JSON.stringify(before[k]),
    );
    if (!changed.length) return;
    await updateRound(trx, round, after, {
      criteria: changed.includes('criteria'),
      questions: changed.includes('questions'),
    });
    await recordAudit(trx, {
      placeId: input.placeId,
      actorId: input.personId,
      action: 'smallGrants.round.change',
      subjectType: 'grant_round',
      subjectId: round.id,
      detail: {
        changed,
        ...(changed.includes('budgetPence') ? { budgetPence: { from: round.budgetPence, to: after.budgetPence } } : {}),
      },
    });
  });
}

function refuseUnlessOpen(round: Round, now: Date, field = 'form') {
  if (now.getTime() < Date.parse(round.opensAt)) throw new RuleError('grants.apply.notOpen', {}, field);
  if (!isOpenAt(round, now)) throw new RuleError('grants.apply.closed.rule', {}, field);
}

async function submitIfComplete(trx: Trx, round: Round, application: Application, fields: ApplicationFields) {
  const questions = await questionsOf(trx, round.id);
  const missing = missingFrom(fields, round, questions);
  if (missing.length) throw new RuleError(missing[0]!.key, missing[0]!.params ?? {}, missing[0]!.field);
  return application;
}

/** Starts an application to an open round: saved as a draft, or submitted at once if complete. */
export async function startApplication(
  kith: Kith,
  input: Acting & { roundId: string; fields: ApplicationFields; action: 'save' | 'submit'; now?: Date },
): Promise<string> {
  const now = input.now ?? new Date();
  const { result } = await once(kith.db, 'smallGrants.application.start', input.submission, async (trx) => {
    const round = await findRound(trx, input.placeId, input.roundId);
    if (!round) throw new RuleError('grants.round.missing', {}, 'form');
    refuseUnlessOpen(round, now);
    if (!round.whoMayApply.includes(input.fields.applicantKind))
      throw new RuleError('grants.missing.kind', {}, 'applicantKind');
    const id = await insertApplication(trx, {
      placeId: input.placeId,
      roundId: round.id,
      applicantId: input.personId,
      ...input.fields,
    });
    if (input.action === 'submit') {
      const application = (await findApplication(trx, input.placeId, id))!;
      await submitIfComplete(trx, round, application, input.fields);
      await setApplicationStatus(trx, id, 'submitted', now.toISOString());
    }
    await recordAudit(trx, {
      placeId: input.placeId,
      actorId: input.personId,
      action: `smallGrants.application.${input.action === 'submit' ? 'submit' : 'start'}`,
      subjectType: 'grant_application',
      subjectId: id,
    });
    return id;
  });
  return result;
}

/** Saves changes to an application while its round is open; submitting checks nothing is missing. Submitted once: a second submit only saves. */
export async function saveApplication(
  kith: Kith,
  input: Acting & { applicationId: string; fields: ApplicationFields; action: 'save' | 'submit'; now?: Date },
): Promise<void> {
  const now = input.now ?? new Date();
  await once(kith.db, 'smallGrants.application.save', input.submission, async (trx) => {
    const application = await findApplication(trx, input.placeId, input.applicationId);
    if (!application || application.applicantId !== input.personId)
      throw new RuleError('grants.application.missing', {}, 'form');
    if (application.status !== 'draft' && application.status !== 'submitted')
      throw new RuleError('grants.application.notEditable', {}, 'form');
    const round = (await findRound(trx, input.placeId, application.roundId))!;
    refuseUnlessOpen(round, now);
    if (input.action === 'submit' || application.status === 'submitted')
      await submitIfComplete(trx, round, application, input.fields);
    await updateApplication(trx, application.id, input.fields);
    if (input.action === 'submit' && application.status === 'draft') {
      await setApplicationStatus(trx, application.id, 'submitted', now.toISOString());
      await recordAudit(trx, {
        placeId: input.placeId,
        actorId: input.personId,
        action: 'smallGrants.application.submit',
        subjectType: 'grant_application',
        subjectId: application.id,
      });
    }
  });
}

export async function withdrawApplication(kith: Kith, input: Acting & { applicationId: string }): Promise<void> {
  await kith.db.transaction(async (trx) => {
    const application = await findApplication(trx, input.placeId, input.applicationId);
    if (!application || application.applicantId !== input.personId)
      throw new RuleError('grants.application.missing', {}, 'form');
    if (application.status !== 'draft' && application.status !== 'submitted') return;
    await setApplicationStatus(trx, application.id, 'withdrawn');
    await recordAudit(trx, {
      placeId: input.placeId,
      actorId: input.personId,
      action: 'smallGrants.application.withdraw',
      subjectType: 'grant_application',
      subjectId: application.id,
    });
  });
}

/** Adds a member of the place (a young resident, an officer) to a round's panel, by their email. */
export async function addToPanel(kith: Kith, input: Acting & { roundId: string; email: string }): Promise<string> {
  return kith.db.transaction(async (trx) => {
    const person = await findPersonByEmail(trx, input.email);
    const roles = person ? await rolesOf(trx, person.id) : [];
    if (!person || !roles.some((r) => r.placeId === input.placeId))
      throw new RuleError('grants.panel.notMember', {}, 'email');
    await addPanelMember(trx, {
      placeId: input.placeId,
      roundId: input.roundId,
      personId: person.id,
      addedBy: input.personId,
    });
    await recordAudit(trx, {
      placeId: input.placeId,
      actorId: input.personId,
      action: 'smallGrants.panel.add',
      subjectType: 'grant_round',
      subjectId: input.roundId,
      detail: { personId: person.id },
    });
    return person.id;
  });
}

export async function declare(
  kith: Kith,
  input: Acting & { roundId: string; applicationId: string; conflicted: boolean; note: string },
): Promise<void> {
  await kith.db.transaction(async (trx) => {
    const scored =
      (await trx
        .selectFrom('grant_scores')
        .select('criterion_id')
        .where('application_id', '=', input.applicationId)
        .where('person_id', '=', input.personId)
        .executeTakeFirst()) !== undefined;
    if (scored && input.conflicted) {
      // A conflict found after scoring: the scores go, so they count for nothing.
      await trx
        .deleteFrom('grant_scores')
        .where('application_id', '=', input.applicationId)
        .where('person_id', '=', input.personId)
        .execute();
    }
    await declareConflict(trx, { ...input, conflicted: input.conflicted, note: input.note });
    await recordAudit(trx, {
      placeId: input.placeId,
      actorId: input.personId,
      action: 'smallGrants.panel.declare',
      subjectType: 'grant_application',
      subjectId: input.applicationId,
      detail: { conflicted: input.conflicted },
    });
  });
}

export async function score(
  kith: Kith,
  input: Acting & {
    roundId: string;
    applicationId: string;
    scores: Array<{ criterionId: string; score: number; comment: string }>;
  },
): Promise<void> {
  await kith.db.transaction(async (trx) => {
    const conflict = (await conflictsIn(trx, input.roundId)).find(
      (c) => c.applicationId === input.applicationId && c.personId === input.personId,
    );
    if (!conflict) throw new RuleError('grants.score.declareFirst', {}, 'conflicted');
    if (conflict.conflicted) throw new RuleError('grants.score.conflicted', {}, 'form');
    await saveScores(trx, input);
    await recordAudit(trx, {
      placeId: input.placeId,
      actorId: input.personId,
      action: 'smallGrants.panel.score',
      subjectType: 'grant_application',
      subjectId: input.applicationId,
    });
  });
}

/** Shortlists an application for the vote (a round decided by a panel shortlist, then a vote). */
export async function shortlist(kith: Kith, input: Acting & { applicationId: string; on: boolean }): Promise<void> {
  await kith.db.transaction(async (trx) => {
    const application = await findApplication(trx, input.placeId, input.applicationId);
    if (!application || !['submitted', 'shortlisted'].includes(application.status)) return;
    await setApplicationStatus(trx, application.id, input.on ? 'shortlisted' : 'submitted');
    await recordAudit(trx, {
      placeId: input.placeId,
      actorId: input.personId,
      action: input.on ? 'smallGrants.shortlist.add' : 'smallGrants.shortlist.remove',
      subjectType: 'grant_application',
      subjectId: application.id,
    });
  });
}

/**
 * Records what was decided about one application. An award can never take the round past
 * its budget: the round is read for update (PostgreSQL) or under the write lock
 * (SQLite), so two officers awarding at once take turns and the second sees the first.
 */
async function decideIn(
  kith: Kith,
  trx: Trx,
  input: Acting & {
    roundId: string;
    applicationId: string;
    outcome: DecisionOutcome;
    amountPence: number;
    reasons: string;
  },
): Promise<string> {
  const round = await findRound(trx, input.placeId, input.roundId, kith.db.dialect);
  const application = await findApplication(trx, input.placeId, input.applicationId);
  if (!round || !application || application.roundId !== round.id)
    throw new RuleError('grants.application.missing', {}, 'outcome');
  if (!['submitted', 'shortlisted'].includes(application.status))
    throw new RuleError('grants.decision.already', {}, 'outcome');
  if (await decisionFor(trx, application.id)) throw new RuleError('grants.decision.already', {}, 'outcome');
  const amount = input.outcome === 'full' ? application.amountPence : input.outcome === 'part' ? input.amountPence : 0;
  if (input.outcome === 'part' && amount >= application.amountPence)
    throw new RuleError('grants.decision.partTooMuch', { asked: formatPence(application.amountPence) }, 'amount');
  if (amount > 0) {
    const committed = await committedIn(trx, round.id);
    if (committed + amount > round.budgetPence)
      throw new RuleError(
        'grants.decision.overBudget',
        { left: formatPence(round.budgetPence - committed) },
        input.outcome === 'part' ? 'amount' : 'outcome',
      );
  }
  const id = await insertDecision(trx, {
    placeId: input.placeId,
    roundId: round.id,
    applicationId: application.id,
    outcome: input.outcome,
    amountPence: amount,
    reasons: input.reasons,
    decidedBy: input.personId,
  });
  await setApplicationStatus(trx, application.id, input.outcome === 'declined' ? 'declined' : 'awarded');
  await recordAudit(trx, {
    placeId: input.placeId,
    actorId: input.personId,
    action: 'smallGrants.decision',
    subjectType: 'grant_application',
    subjectId: application.id,
    detail: { outcome: input.outcome, amountPence: amount, reasons: input.reasons },
  });
  return id;
}

export async function decide(
  kith: Kith,
  input: Acting & {
    roundId: string;
    applicationId: string;
    outcome: DecisionOutcome;
    amountPence: number;
    reasons: string;
  },
): Promise<string> {
  const { result } = await once(kith.db, 'smallGrants.decide', input.submission, (trx) => decideIn(kith, trx, input));
  return result;
}

/**
 * The applications a round's vote is between: all submitted ones, or the panel's
 * shortlist; once the result is published, exactly those it decided.
 */
export async function candidatesOf(kith: Kith, round: Round): Promise<Application[]> {
  if (round.resultsPublishedAt) {
    const decided = new Set((await decisionsIn(kith.db.kysely, round.id)).map((d) => d.applicationId));
    return (await applicationsIn(kith.db.kysely, round.id)).filter((a) => decided.has(a.id));
  }
  return applicationsIn(
    kith.db.kysely,
    round.id,
    round.decidedBy === 'vote' ? ['submitted', 'shortlisted'] : ['shortlisted'],
  );
}

/**
 * Which district a voter may vote from: '' when the round takes any member of the place;
 * otherwise their postcode's district, which must be one of the round's. Only the district
 * is kept; the full postcode is never stored.
 */
function voterDistrict(round: Round, postcode: string | undefined): string {
  if (!round.districts.length) return '';
  if (!postcode?.trim()) throw new RuleError('grants.ballot.postcode.required', {}, 'postcode');
  const district = districtOfPostcode(postcode);
  if (!district) throw new RuleError('grants.ballot.postcode.format', {}, 'postcode');
  if (!round.districts.includes(district))
    throw new RuleError('grants.ballot.postcode.outside', { districts: round.districts.join(', ') }, 'postcode');
  return district;
}

/**
 * Casts or changes a resident's ballot. One ballot a person a round, whatever arrives at
 * once (the primary key holds it); refused outside the vote's dates or over its cap, and,
 * when the round is limited to postcode districts, from a postcode outside them.
 */
export async function castBallot(
  kith: Kith,
  input: Acting & { roundId: string; choices: string[]; postcode?: string; now?: Date },
): Promise<void> {
  const now = input.now ?? new Date();
  await kith.db.transaction(async (trx) => {
    const round = await findRound(trx, input.placeId, input.roundId);
    if (!round || round.decidedBy === 'panel' || !round.voteOpensAt || !round.voteClosesAt)
      throw new RuleError('grants.ballot.noVote', {}, 'choices');
    if (!isOpenAt({ opensAt: round.voteOpensAt, closesAt: round.voteClosesAt }, now))
      throw new RuleError('grants.ballot.closed', {}, 'choices');
    const district = voterDistrict(round, input.postcode);
    const candidates = await applicationsIn(
      trx,
      round.id,
      round.decidedBy === 'vote' ? ['submitted', 'shortlisted'] : ['shortlisted'],
    );
    const byId = new Map(candidates.map((c) => [c.id, c]));
    const chosen = [...new Set(input.choices)].map((id) => byId.get(id));
    if (chosen.some((c) => !c)) throw new RuleError('grants.ballot.unknown', {}, 'choices');
    const problem = ballotProblem(round, chosen as Application[]);
    if (problem) throw new RuleError(problem.key, problem.params ?? {}, 'choices');
    await saveBallot(trx, {
      placeId: input.placeId,
      roundId: round.id,
      personId: input.personId,
      choices: [...new Set(input.choices)],
      district,
    });
  });
}

/**
 * A round's applications ranked as the panel and the officer see them: by weighted
 * score, highest first (unscored last, then by id), each with how many members scored
 * it; and the criteria, scores, decisions and declarations the list shows beside them.
 */
export async function rankingOf(db: Queryable, roundId: string) {
  const [applications, criteria, scores, decisions, conflicts] = await Promise.all([
    applicationsIn(db, roundId),
    criteriaOf(db, roundId),
    scoresIn(db, roundId),
    decisionsIn(db, roundId),
    conflictsIn(db, roundId),
  ]);
  const scoresOf = new Map<string, typeof scores>();
  for (const s of scores) {
    const list = scoresOf.get(s.applicationId);
    if (list) list.push(s);
    else scoresOf.set(s.applicationId, [s]);
  }
  const ranked = applications
    .map((a) => ({
      a,
      total: weightedScore(criteria, scoresOf.get(a.id) ?? []),
      scorers: new Set((scoresOf.get(a.id) ?? []).map((s) => s.personId)).size,
    }))
    .sort((x, y) => (y.total ?? -1) - (x.total ?? -1) || x.a.id.localeCompare(y.a.id));
  return { criteria, scores, decisions, conflicts, ranked };
}

/** A round's result from its stored ballots (for the page, the tally command and publishing). */
export async function resultOf(kith: Kith, round: Round) {
  const candidates = await candidatesOf(kith, round);
  const ballots: string[][] = [];
  for await (const b of ballotsIn(kith.db.kysely, round.id)) ballots.push(b);
  return {
    candidates,
    result: tally(
      candidates.map((c) => ({ id: c.id, amountPence: c.amountPence, submittedAt: c.submittedAt ?? c.createdAt })),
      ballots,
      round.budgetPence,
    ),
  };
}

/** Counts the ballots after the vote closes, awards the projects that fill the budget in order of votes, declines the rest, and publishes. */
export async function publishVote(kith: Kith, input: Acting & { roundId: string; now?: Date }): Promise<void> {
  const now = input.now ?? new Date();
  const round = await findRound(kith.db.kysely, input.placeId, input.roundId);
  if (!round || !round.voteClosesAt) throw new RuleError('grants.ballot.noVote', {}, 'form');
  if (now.getTime() < Date.parse(round.voteClosesAt)) throw new RuleError('grants.results.notClosed', {}, 'form');
  if (round.resultsPublishedAt) return;
  const { result } = await resultOf(kith, round);
  await kith.db.transaction(async (trx) => {
    for (const row of result.rows) {
      await decideIn(kith, trx, {
        placeId: input.placeId,
        personId: input.personId,
        roundId: round.id,
        applicationId: row.id,
        outcome: row.funded ? 'full' : 'declined',
        amountPence: row.funded ? row.amountPence : 0,
        reasons: row.funded ? `vote:${row.votes}` : `vote:${row.votes}`,
      });
    }
    await publishResults(trx, round.id, now.toISOString());
    await recordAudit(trx, {
      placeId: input.placeId,
      actorId: input.personId,
      action: 'smallGrants.results.publish',
      subjectType: 'grant_round',
      subjectId: round.id,
      detail: { ballots: result.ballots, committedPence: result.committedPence },
    });
  });
}

export async function acceptAward(kith: Kith, input: Acting & { applicationId: string }): Promise<void> {
  await kith.db.transaction(async (trx) => {
    const application = await findApplication(trx, input.placeId, input.applicationId);
    const decision = application && (await decisionFor(trx, application.id));
    if (!application || application.applicantId !== input.personId || !decision || decision.outcome === 'declined')
      throw new RuleError('grants.award.missing', {}, 'form');
    if (decision.acceptedAt) return;
    await acceptDecision(trx, decision.id, new Date().toISOString());
    await recordAudit(trx, {
      placeId: input.placeId,
      actorId: input.personId,
      action: 'smallGrants.award.accept',
      subjectType: 'grant_application',
      subjectId: application.id,
    });
  });
}

/**
 * The award holder's check-in once the project is done: what happened, one story, and
 * what they would do differently. With `shareDraft` that answer also becomes a draft case
 * study in the learning library, made once per submission like the check-in itself (a
 * repeat of the form gets the same draft back); a grant has one check-in, so a second,
 * ignored, makes no draft. Returns the draft's address when one was made.
 */
export async function checkIn(
  kith: Kith,
  input: Acting & {
    applicationId: string;
    whatHappened: string;
    peopleReached: number;
    story: string;
    storyConsent: boolean;
    differently: string;
    shareDraft?: boolean;
    /** What a shared story is called among the place's stories, and the consent it was given with, in the teller's language. */
    storyFrom?: { title: string; consentWording: string };
    /** What the library needs: the place's address and the case's title and location, in the holder's words. */
    library?: { placeSlug: string; title: string; location: string };
  },
): Promise<{ draftHref?: string }> {
  const { result } = await once(kith.db, 'smallGrants.checkIn', input.submission, async (trx) => {
    const application = await findApplication(trx, input.placeId, input.applicationId);
    if (!application || application.applicantId !== input.personId || application.status !== 'awarded')
      throw new RuleError('grants.award.missing', {}, 'whatHappened');
    const fresh = await insertCheckIn(trx, {
      placeId: input.placeId,
      applicationId: application.id,
      whatHappened: input.whatHappened,
      peopleReached: input.peopleReached,
      story: input.storyConsent ? input.story : '',
      storyConsent: input.storyConsent,
      differently: input.differently,
    });
    if (fresh)
      await recordAudit(trx, {
        placeId: input.placeId,
        actorId: input.personId,
        action: 'smallGrants.checkIn',
        subjectType: 'grant_application',
        subjectId: application.id,
      });
    // A story the teller agreed may be shared joins the place's stories of change, to be moderated there.
    if (fresh && input.storyConsent && input.story.trim() && input.storyFrom)
      await storyFromElsewhere(trx, {
        placeId: input.placeId,
        authorId: input.personId,
        title: input.storyFrom.title,
        body: input.story,
        consentWording: input.storyFrom.consentWording,
      });
    return { fresh, summary: application.summary };
  });
  if (!result.fresh || !input.differently || !input.shareDraft || !input.library) return {};
  const { href } = await draftCaseFromAnswer(kith, {
    placeId: input.placeId,
    placeSlug: input.library.placeSlug,
    personId: input.personId,
    title: input.library.title,
    location: input.library.location,
    whatDifferently: input.differently,
    tried: result.summary,
    from: 'grants',
    submission: input.submission,
  });
  return { draftHref: href };
}

export { criteriaOf, panelOf };
