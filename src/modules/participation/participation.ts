/**
 * Participation's commands: each change in one transaction, once per submission where a
 * person submits it, audited where it matters. Windows are checked here, on the server,
 * against `now`; a person only ever changes their own support or ballot.
 */
import { RuleError } from '../../errors.js';
import type { Queryable, Trx } from '../../db/index.js';
import type { Kith } from '../../kith.js';
import { recordAudit } from '../../platform/audit/index.js';
import { once, type Submission } from '../../platform/idempotency/index.js';
import { emailReader } from '../../platform/mail/index.js';
import { draftCaseFromAnswer } from '../library/index.js';
import { findPersonById } from '../people/index.js';
import type { AssessmentInput, DecisionInput, PhaseInput, ProcessInput, ProposalInput } from './inputs.js';
import {
  allows,
  approvalResult,
  ballotProblem,
  closingInstant,
  consentResult,
  openingInstant,
  placeOnLadder,
  takesVotes,
  thresholdCounted,
  tooManyComments,
  type DecisionResult,
} from './rules.js';
import type { Activity, ConsentResponse, ResultStatus, Side } from './schema.js';
import {
  addSupport,
  ballotsIn,
  addConsentResponse,
  argumentTimesSince,
  findArgument,
  hideArgument,
  insertArgument,
  insertSummary,
  closeProcessRow,
  commentTimesSince,
  consentResponsesOf,
  findConsentResponse,
  setObjectionStatus,
  decideAmendment,
  findAmendment,
  findComment,
  findDecision,
  findProcess,
  findProposal,
  followersOf,
  hideComment,
  hideProposal,
  insertAmendment,
  insertAssessment,
  insertComment,
  insertDecision,
  insertPhase,
  insertProcess,
  insertProposal,
  insertUpdate,
  linkProposal,
  phasesOf,
  proposalsIn,
  publishDecision,
  replaceProposalBody,
  saveBallot,
  setEasyRead,
  setFollowing,
  setProposalOutcome,
  supportOf,
  supportCountsOf,
  type Decision,
  type Proposal,
} from './store.js';

interface Acting {
  placeId: string;
  personId: string;
  submission?: Submission;
}

async function audit(
  trx: Trx,
  input: Acting,
  { action }: { action: string },
  subjectId: string,
  detail?: Record<string, unknown>,
) {
  await recordAudit(trx, {
    placeId: input.placeId,
    actorId: input.personId,
    action,
    subjectType: action.split('.')[1],
    subjectId,
    detail,
  });
}

async function refuseUnlessAllowed(
  db: Queryable,
  processId: string,
  activity: Activity,
  now: Date,
  field: string,
): Promise<void> {
  if (!allows(await phasesOf(db, processId), activity, now))
    throw new RuleError(`participation.closed.${activity}`, {}, field);
}

async function openProposal(db: Queryable, placeId: string, id: string, field: string): Promise<Proposal> {
  const proposal = await findProposal(db, placeId, id);
  if (!proposal || proposal.hidden) throw new RuleError('participation.proposal.missing', {}, field);
  return proposal;
}

export async function createProcess(kith: Kith, input: Acting & { process: ProcessInput }): Promise<string> {
  const { result } = await once(kith.db, 'participation.process.create', input.submission, async (trx) => {
    const id = await insertProcess(trx, { placeId: input.placeId, createdBy: input.personId, ...input.process });
    await audit(trx, input, { action: 'participation.process.create' }, id);
    return id;
  });
  return result;
}

/** The facilitator writes or rewrites a process's easy-read summary. */
export async function writeEasyRead(
  kith: Kith,
  input: Acting & { processId: string; easyRead: string },
): Promise<void> {
  await once(kith.db, 'participation.easyRead.write', input.submission, async (trx) => {
    const process = await findProcess(trx, input.placeId, input.processId);
    if (!process) throw new RuleError('participation.process.missing', {}, 'easyRead');
    await setEasyRead(trx, input.placeId, process.id, input.easyRead);
    await audit(trx, input, { action: 'participation.easyRead.write' }, process.id, {
      first: process.easyRead === '',
    });
  });
}

/**
 * Adds a phase. A phase is what lets residents in, so a process without an easy-read
 * summary gets none (every process has one; only those from before it was asked for
 * can lack it).
 */
export async function addPhase(kith: Kith, input: Acting & { processId: string; phase: PhaseInput }): Promise<string> {
  const p = input.phase;
  const { result } = await once(kith.db, 'participation.phase.add', input.submission, async (trx) => {
    const process = await findProcess(trx, input.placeId, input.processId);
    if (!process) throw new RuleError('participation.process.missing', {}, 'title');
    if (process.closedAt) throw new RuleError('participation.close.already', {}, 'title');
    if (!process.easyRead.trim()) throw new RuleError('participation.easyRead.needed', {}, 'title');
    const id = await insertPhase(trx, {
      placeId: input.placeId,
      processId: process.id,
      title: p.title,
      description: p.description,
      opensAt: openingInstant(p.opensOn),
      closesAt: closingInstant(p.closesOn),
      activities: p.activities,
      rung: p.rung,
    });
    await audit(trx, input, { action: 'participation.phase.add' }, id, { rung: p.rung, activities: p.activities });
    return id;
  });
  return result;
}

/**
 * The facilitator closes a process: any phase still open ends now, so nobody can propose,
 * support, comment or vote after it. What they would do differently is kept with the
 * process; with `shareDraft` it also becomes a draft case study in the learning library,
 * made once per submission like the close itself (a repeat of the form gets the same
 * draft back). Returns the draft's address when one was made.
 */
export async function closeProcess(
  kith: Kith,
  input: Acting & {
    processId: string;
    differently: string;
    shareDraft: boolean;
    /** What the library needs: the place's address and the case's title and location, in the facilitator's words. */
    library: { placeSlug: string; title: string; location: string };
  },
): Promise<{ draftHref?: string }> {
  const { result: process } = await once(kith.db, 'participation.process.close', input.submission, async (trx) => {
    const process = await findProcess(trx, input.placeId, input.processId);
    if (!process) throw new RuleError('participation.process.missing', {}, 'differently');
    const closed = await closeProcessRow(trx, {
      placeId: input.placeId,
      id: process.id,
      at: new Date().toISOString(),
      differently: input.differently,
    });
    if (!closed) throw new RuleError('participation.close.already', {}, 'differently');
    await audit(trx, input, { action: 'participation.process.close' }, process.id, {
      ...(input.differently ? { saidWhatDifferently: true } : {}),
    });
    const rungs = (await phasesOf(trx, process.id)).map((p) => p.rung);
    return {
      description: process.description,
      coProduced: rungs.includes('codesign') || rungs.includes('coproduction'),
    };
  });
  if (!input.differently || !input.shareDraft) return {};
  const { href } = await draftCaseFromAnswer(kith, {
    placeId: input.placeId,
    placeSlug: input.library.placeSlug,
    personId: input.personId,
    title: input.library.title,
    location: input.library.location,
    whatDifferently: input.differently,
    tried: process.description,
    typologies: process.coProduced ? ['co-production'] : [],
    from: 'participation',
    submission: input.submission,
  });
  return { draftHref: href };
}

/**
 * A resident's proposal, while a phase of the process takes proposals, with the needs and
 * outcomes it answers (checked against the place's lists by the form's proposalInput).
 */
export async function propose(
  kith: Kith,
  input: Acting & {
    processId: string;
    proposal: Omit<ProposalInput, 'needs' | 'outcomes'> & Partial<Pick<ProposalInput, 'needs' | 'outcomes'>>;
    now?: Date;
  },
): Promise<string> {
  const { needs = [], outcomes = [], ...proposal } = input.proposal;
  const now = input.now ?? new Date();
  const { result } = await once(kith.db, 'participation.proposal.create', input.submission, async (trx) => {
    const process = await findProcess(trx, input.placeId, input.processId);
    if (!process) throw new RuleError('participation.process.missing', {}, 'title');
    await refuseUnlessAllowed(trx, process.id, 'propose', now, 'title');
    const id = await insertProposal(trx, {
      placeId: input.placeId,
      processId: process.id,
      authorId: input.personId,
      ...proposal,
    });
    await linkProposal(trx, { placeId: input.placeId, proposalId: id, needs, outcomes });
    await audit(trx, input, { action: 'participation.proposal.create' }, id);
    return id;
  });
  return result;
}

/**
 * Supports a proposal once: a repeat, or twenty at once, leaves one support (the primary
 * key holds it). Supporting again only changes whether the person follows it.
 */
export async function support(
  kith: Kith,
  input: Acting & { proposalId: string; follow: boolean; now?: Date },
): Promise<{ added: boolean }> {
  const now = input.now ?? new Date();
  return kith.db.transaction(async (trx) => {
    const proposal = await openProposal(trx, input.placeId, input.proposalId, 'follow');
    if (proposal.status !== 'open' && proposal.status !== 'forward')
      throw new RuleError('participation.closed.support', {}, 'follow');
    await refuseUnlessAllowed(trx, proposal.processId, 'support', now, 'follow');
    const added = await addSupport(trx, { ...input, follows: input.follow });
    if (!added) {
      const existing = await supportOf(trx, proposal.id, input.personId);
      if (existing && existing.follows !== input.follow)
        await setFollowing(trx, proposal.id, input.personId, input.follow);
    }
    return { added };
  });
}

/** A comment in a proposal's thread, while a phase allows debate; at most a few a minute from one account. */
export async function comment(
  kith: Kith,
  input: Acting & { proposalId: string; body: string; now?: Date },
): Promise<string> {
  const now = input.now ?? new Date();
  const { result } = await once(kith.db, 'participation.comment.create', input.submission, async (trx) => {
    const proposal = await openProposal(trx, input.placeId, input.proposalId, 'comment');
    await refuseUnlessAllowed(trx, proposal.processId, 'debate', now, 'comment');
    const recent = await commentTimesSince(trx, input.personId, new Date(now.getTime() - 3_600_000).toISOString());
    if (tooManyComments(recent, now)) throw new RuleError('participation.comment.tooMany', {}, 'comment');
    const id = await insertComment(trx, { ...input, authorId: input.personId, at: now.toISOString() });
    await audit(trx, input, { action: 'participation.comment.create' }, id);
    return id;
  });
  return result;
}

/**
 * An argument for or against a proposal in its structured debate, while a phase allows
 * debate; limited per account as comments are.
 */
export async function argue(
  kith: Kith,
  input: Acting & { proposalId: string; side: Side; body: string; now?: Date },
): Promise<string> {
  const now = input.now ?? new Date();
  const { result } = await once(kith.db, 'participation.argument.create', input.submission, async (trx) => {
    const proposal = await openProposal(trx, input.placeId, input.proposalId, 'argument');
    await refuseUnlessAllowed(trx, proposal.processId, 'debate', now, 'argument');
    const recent = await argumentTimesSince(trx, input.personId, new Date(now.getTime() - 3_600_000).toISOString());
    if (tooManyComments(recent, now)) throw new RuleError('participation.argument.tooMany', {}, 'argument');
    const id = await insertArgument(trx, {
      placeId: input.placeId,
      proposalId: proposal.id,
      authorId: input.personId,
      side: input.side,
      body: input.body,
      at: now.toISOString(),
    });
    await audit(trx, input, { action: 'participation.argument.create' }, id, { side: input.side });
    return id;
  });
  return result;
}

/** The facilitator writes (or rewrites) the debate's summary; earlier versions are kept as its history. */
export async function summariseDebate(
  kith: Kith,
  input: Acting & { proposalId: string; body: string },
): Promise<string> {
  const { result } = await once(kith.db, 'participation.summary.create', input.submission, async (trx) => {
    const proposal = await openProposal(trx, input.placeId, input.proposalId, 'summary');
    const id = await insertSummary(trx, {
      placeId: input.placeId,
      proposalId: proposal.id,
      body: input.body,
      writtenBy: input.personId,
    });
    await audit(trx, input, { action: 'participation.summary.create' }, id, { proposalId: proposal.id });
    return id;
  });
  return result;
}

/** Another resident's suggested new text for a proposal, while proposals or debate are open. */
export async function suggestAmendment(
  kith: Kith,
  input: Acting & { proposalId: string; body: string; now?: Date },
): Promise<string> {
  const now = input.now ?? new Date();
  const { result } = await once(kith.db, 'participation.amendment.create', input.submission, async (trx) => {
    const proposal = await openProposal(trx, input.placeId, input.proposalId, 'body');
    if (proposal.authorId === input.personId) throw new RuleError('participation.amendment.own', {}, 'body');
    if (proposal.status !== 'open') throw new RuleError('participation.amendment.closed', {}, 'body');
    const phases = await phasesOf(trx, proposal.processId);
    if (!allows(phases, 'propose', now) && !allows(phases, 'debate', now))
      throw new RuleError('participation.amendment.closed', {}, 'body');
    if (input.body.trim() === proposal.body.trim()) throw new RuleError('participation.amendment.same', {}, 'body');
    const id = await insertAmendment(trx, {
      placeId: input.placeId,
      proposalId: proposal.id,
      authorId: input.personId,
      body: input.body,
    });
    await audit(trx, input, { action: 'participation.amendment.create' }, id, { proposalId: proposal.id });
    return id;
  });
  return result;
}

/** The proposal's author accepts an amendment (the text is replaced; the old text is kept) or declines it. */
export async function answerAmendment(
  kith: Kith,
  input: Acting & { amendmentId: string; accept: boolean },
): Promise<void> {
  await kith.db.transaction(async (trx) => {
    const amendment = await findAmendment(trx, input.placeId, input.amendmentId);
    const proposal = amendment && (await findProposal(trx, input.placeId, amendment.proposalId));
    if (!amendment || !proposal || proposal.authorId !== input.personId)
      throw new RuleError('participation.amendment.missing', {}, 'form');
    if (input.accept && proposal.status !== 'open') throw new RuleError('participation.amendment.closed', {}, 'form');
    if (!(await decideAmendment(trx, amendment.id, input.accept ? 'accepted' : 'declined'))) return;
    if (input.accept) await replaceProposalBody(trx, proposal, amendment.body, amendment.id);
    await audit(
      trx,
      input,
      input.accept ? { action: 'participation.amendment.accept' } : { action: 'participation.amendment.decline' },
      amendment.id,
    );
  });
}

/** A decision to add: what the form gives, or a command's own (which may leave the proposal out). */
export type DecisionSpec = Omit<DecisionInput, 'proposalId'> & { proposalId?: string | null };

export async function createDecision(
  kith: Kith,
  input: Acting & { processId: string; decision: DecisionSpec },
): Promise<string> {
  const d = input.decision;
  const { result } = await once(kith.db, 'participation.decision.create', input.submission, async (trx) => {
    const process = await findProcess(trx, input.placeId, input.processId);
    if (!process) throw new RuleError('participation.process.missing', {}, 'title');
    if (process.closedAt) throw new RuleError('participation.close.already', {}, 'title');
    if (d.kind === 'approval' || d.kind === 'consent') {
      const phase = (await phasesOf(trx, process.id)).find((p) => p.id === d.phaseId);
      if (!phase || !phase.activities.includes('vote'))
        throw new RuleError('participation.decision.noVotePhase', {}, 'phaseId');
    }
    if (d.kind === 'consent') {
      const proposal = d.proposalId ? await findProposal(trx, input.placeId, d.proposalId) : undefined;
      if (!proposal || proposal.hidden || proposal.processId !== process.id || proposal.status !== 'open')
        throw new RuleError('participation.consent.noProposal', {}, 'proposalId');
    }
    const id = await insertDecision(trx, {
      placeId: input.placeId,
      processId: process.id,
      kind: d.kind,
      title: d.title,
      threshold: d.threshold,
      phaseId: d.phaseId,
      maxChoices: d.maxChoices,
      winners: d.winners,
      proposalId: d.kind === 'consent' ? (d.proposalId ?? null) : null,
      createdBy: input.personId,
    });
    await audit(trx, input, { action: 'participation.decision.create' }, id, { kind: d.kind });
    return id;
  });
  return result;
}

/**
 * What a decision is between: the process's visible proposals still in play; once some
 * have gone forward (a threshold was published), only those.
 */
export async function candidatesOf(db: Queryable, decision: Decision): Promise<Proposal[]> {
  const proposals = await proposalsIn(db, decision.processId);
  if (decision.kind === 'consent') return proposals.filter((p) => p.id === decision.proposalId);
  if (decision.kind === 'threshold') return proposals.filter((p) => p.status === 'open' || p.status === 'forward');
  const forward = proposals.filter((p) => p.status === 'forward');
  return forward.length ? forward : proposals.filter((p) => p.status === 'open');
}

/**
 * Casts or changes the voter's own ballot: only ever the person casting it, only while
 * the vote's phase is open, up to the decision's number of choices. The primary key
 * holds it to one ballot a person whatever arrives at once.
 */
export async function castBallot(
  kith: Kith,
  input: Acting & { decisionId: string; choices: string[]; now?: Date },
): Promise<void> {
  const now = input.now ?? new Date();
  await kith.db.transaction(async (trx) => {
    const decision = await findDecision(trx, input.placeId, input.decisionId);
    if (!decision || decision.kind !== 'approval' || !decision.phaseId)
      throw new RuleError('participation.ballot.noVote', {}, 'choices');
    const phase = (await phasesOf(trx, decision.processId)).find((p) => p.id === decision.phaseId);
    if (!takesVotes(decision, phase, now)) throw new RuleError('participation.closed.vote', {}, 'choices');
    const candidates = new Set((await candidatesOf(trx, decision)).map((p) => p.id));
    const choices = [...new Set(input.choices)];
    const problem = ballotProblem(choices, candidates, decision.maxChoices);
    if (problem) throw new RuleError(problem.key, problem.params ?? {}, 'choices');
    await saveBallot(trx, { placeId: input.placeId, decisionId: decision.id, personId: input.personId, choices });
  });
}

/** A decision's result recomputed from what is stored: supports for a threshold, ballots for a vote. */
export async function computeResult(db: Queryable, decision: Decision): Promise<DecisionResult> {
  const candidates = decision.published
    ? (await proposalsIn(db, decision.processId, { hidden: true })).filter((p) =>
        decision.published!.rows.some((r) => r.id === p.id),
      )
    : await candidatesOf(db, decision);
  if (decision.kind === 'consent')
    return consentResult(decision.proposalId ?? '', await consentResponsesOf(db, decision.id));
  const list = candidates.map((c) => ({ id: c.id, createdAt: c.createdAt }));
  if (decision.kind === 'threshold') {
    const { counts, people } = await supportCountsOf(
      db,
      list.map((c) => c.id),
    );
    return thresholdCounted(list, counts, people, decision.threshold);
  }
  const ballots: string[][] = [];
  for await (const b of ballotsIn(db, decision.id)) ballots.push(b);
  return approvalResult(list, ballots, decision.winners);
}

/**
 * Publishes a decision's result with its counts, once the window it counts is over:
 * a threshold's proposals go forward (or not, with the count as the reason); a vote's
 * winners are adopted, the rest are not chosen (with their count).
 */
export async function publishResult(
  kith: Kith,
  input: Acting & { decisionId: string; now?: Date; consent?: ConsentClosing },
): Promise<void> {
  const now = input.now ?? new Date();
  const decision = await findDecision(kith.db.kysely, input.placeId, input.decisionId);
  if (!decision) throw new RuleError('participation.decision.missing', {}, 'publish');
  if (decision.publishedAt) return;
  if (decision.kind === 'consent') return closeConsent(kith, { ...input, now, consent: input.consent }, decision);
  const phases = await phasesOf(kith.db.kysely, decision.processId);
  if (decision.kind === 'threshold' && allows(phases, 'support', now))
    throw new RuleError('participation.results.supportsOpen', {}, 'publish');
  const phase = phases.find((p) => p.id === decision.phaseId);
  if (decision.kind === 'approval' && phase && now.getTime() < Date.parse(phase.closesAt))
    throw new RuleError('participation.results.voteOpen', {}, 'publish');
  await kith.db.transaction(async (trx) => {
    const result = await computeResult(trx, decision);
    if (!(await publishDecision(trx, decision.id, result, input.personId))) return;
    for (const row of result.rows) {
      if (decision.kind === 'threshold')
        await setProposalOutcome(
          trx,
          row.id,
          row.chosen ? { status: 'forward' } : { status: 'rejected', reason: `threshold:${row.count}` },
        );
      else
        await setProposalOutcome(
          trx,
          row.id,
          row.chosen
            ? { status: 'adopted', resultStatus: 'planned' }
            : { status: 'rejected', reason: `vote:${row.count}` },
        );
    }
    await audit(trx, input, { action: 'participation.decision.publish' }, decision.id, {
      ballots: result.ballots,
      chosen: result.rows.filter((r) => r.chosen).map((r) => r.id),
    });
  });
}

/** What the facilitator says on closing a consent decision. */
export interface ConsentClosing {
  statement: string;
  /** Why objections still standing are recorded rather than resolved; '' to leave them blocking. */
  recordReason: string;
}

/**
 * Closes a consent decision once its window is over, with the facilitator's outcome
 * statement. Objections still standing are recorded when the facilitator gives a
 * reason (and the proposal passes), or block it when they do not. A proposal that
 * passes is adopted; one blocked is not taken forward, and the statement says why.
 */
async function closeConsent(
  kith: Kith,
  input: Acting & { decisionId: string; now: Date; consent?: ConsentClosing },
  decision: Decision,
): Promise<void> {
  const closing = input.consent;
  if (!closing?.statement.trim()) throw new RuleError('participation.validation.statement.required', {}, 'statement');
  const phase = (await phasesOf(kith.db.kysely, decision.processId)).find((p) => p.id === decision.phaseId);
  if (phase && input.now.getTime() < Date.parse(phase.closesAt))
    throw new RuleError('participation.consent.stillOpen', {}, 'publish');
  await kith.db.transaction(async (trx) => {
    const standing = (await consentResponsesOf(trx, decision.id)).filter(
      (r) => r.objectionStatus === 'outstanding' || r.objectionStatus === 'addressed',
    );
    if (closing.recordReason)
      for (const r of standing)
        await setObjectionStatus(trx, r.id, ['outstanding', 'addressed'], 'recorded', closing.recordReason);
    const result = await computeResult(trx, decision);
    if (!(await publishDecision(trx, decision.id, result, input.personId, closing.statement))) return;
    const passed = result.rows[0]?.chosen ?? false;
    if (decision.proposalId)
      await setProposalOutcome(
        trx,
        decision.proposalId,
        passed ? { status: 'adopted', resultStatus: 'planned' } : { status: 'rejected', reason: closing.statement },
      );
    await audit(trx, input, { action: 'participation.decision.publish' }, decision.id, {
      ballots: result.ballots,
      consent: result.consent,
      passed,
      ...(closing.recordReason && standing.length
        ? { recorded: standing.length, recordReason: closing.recordReason }
        : {}),
    });
  });
}

async function consentDecisionOpen(trx: Trx, placeId: string, decisionId: string, now: Date, field: string) {
  const decision = await findDecision(trx, placeId, decisionId);
  if (!decision || decision.kind !== 'consent') throw new RuleError('participation.consent.missing', {}, field);
  const phase = (await phasesOf(trx, decision.processId)).find((p) => p.id === decision.phaseId);
  if (!takesVotes(decision, phase, now)) throw new RuleError('participation.consent.closed', {}, field);
  return decision;
}

/**
 * A member's one response to a consent decision, while its window is open: consent,
 * stand aside, or object with a reason. Twenty at once from one person store one; a
 * second response is refused (an objector withdraws instead).
 */
export async function respondToConsent(
  kith: Kith,
  input: Acting & { decisionId: string; response: ConsentResponse; reason: string; now?: Date },
): Promise<void> {
  const now = input.now ?? new Date();
  if (input.response === 'object' && !input.reason.trim())
    throw new RuleError('participation.validation.objection.required', {}, 'reason');
  await kith.db.transaction(async (trx) => {
    const decision = await consentDecisionOpen(trx, input.placeId, input.decisionId, now, 'response');
    const added = await addConsentResponse(trx, {
      placeId: input.placeId,
      decisionId: decision.id,
      personId: input.personId,
      response: input.response,
      reason: input.reason.trim(),
    });
    if (!added) throw new RuleError('participation.consent.already', {}, 'response');
    await audit(trx, input, { action: 'participation.consent.respond' }, decision.id, { response: input.response });
  });
}

/**
 * Moves an objection on. The objector withdraws it (say, once the proposal changed) or
 * agrees the facilitator's note addressed it; the facilitator says how it was addressed.
 */
export async function answerObjection(
  kith: Kith,
  input: Acting & { responseId: string; step: 'withdraw' | 'agree' | 'address'; note?: string; now?: Date },
): Promise<string> {
  const now = input.now ?? new Date();
  return kith.db.transaction(async (trx) => {
    const reply = await findConsentResponse(trx, input.placeId, input.responseId);
    if (!reply || reply.response !== 'object') throw new RuleError('participation.consent.noObjection', {}, 'note');
    await consentDecisionOpen(trx, input.placeId, reply.decisionId, now, 'note');
    if (input.step !== 'address' && reply.personId !== input.personId)
      throw new RuleError('participation.consent.notYours', {}, 'note');
    const moved =
      input.step === 'withdraw'
        ? await setObjectionStatus(trx, reply.id, ['outstanding', 'addressed'], 'resolved')
        : input.step === 'agree'
          ? await setObjectionStatus(trx, reply.id, ['addressed'], 'resolved')
          : await setObjectionStatus(trx, reply.id, ['outstanding', 'addressed'], 'addressed', input.note ?? '');
    if (moved)
      await audit(trx, input, { action: `participation.objection.${input.step}` }, reply.id, {
        decisionId: reply.decisionId,
      });
    return reply.decisionId;
  });
}

async function tellFollowers(
  kith: Kith,
  trx: Trx,
  proposal: Proposal,
  placeSlug: string,
  letter: { subjectKey: string; paragraphs: Array<string | { text: string }>; params: Record<string, string> },
) {
  for (const personId of await followersOf(trx, proposal)) {
    const person = await findPersonById(trx, personId);
    if (!person) continue;
    await emailReader(kith, trx, person, {
      placeId: proposal.placeId,
      subjectKey: letter.subjectKey,
      paragraphs: letter.paragraphs,
      params: { title: proposal.title, ...letter.params },
      action: {
        key: 'participation.email.action',
        path: `/places/${placeSlug}/participation/proposals/${proposal.id}`,
      },
    });
  }
}

/** An officer adopts a proposal (one that went forward, say): it becomes a result to report on. */
export async function adoptProposal(
  kith: Kith,
  input: Acting & { proposalId: string; placeSlug: string },
): Promise<void> {
  await kith.db.transaction(async (trx) => {
    const proposal = await openProposal(trx, input.placeId, input.proposalId, 'form');
    if (proposal.status === 'adopted') return;
    await setProposalOutcome(trx, proposal.id, { status: 'adopted', reason: '', resultStatus: 'planned' });
    await audit(trx, input, { action: 'participation.proposal.adopt' }, proposal.id);
    await tellFollowers(kith, trx, proposal, input.placeSlug, {
      subjectKey: 'participation.email.adopted.subject',
      paragraphs: ['participation.email.adopted.body'],
      params: {},
    });
  });
}

/** An officer rejects a proposal with a reason, shown publicly beside it and sent to its followers. */
export async function rejectProposal(
  kith: Kith,
  input: Acting & { proposalId: string; reason: string; placeSlug: string },
): Promise<void> {
  await kith.db.transaction(async (trx) => {
    const proposal = await openProposal(trx, input.placeId, input.proposalId, 'reason');
    if (proposal.status === 'adopted') throw new RuleError('participation.reject.adopted', {}, 'reason');
    await setProposalOutcome(trx, proposal.id, { status: 'rejected', reason: input.reason });
    await audit(trx, input, { action: 'participation.proposal.reject' }, proposal.id, { reason: input.reason });
    await tellFollowers(kith, trx, proposal, input.placeSlug, {
      subjectKey: 'participation.email.rejected.subject',
      paragraphs: ['participation.email.rejected.body', { text: input.reason }],
      params: {},
    });
  });
}

/** "You said, we did": a progress update on an adopted proposal, emailed to each of its followers. */
export async function postUpdate(
  kith: Kith,
  input: Acting & { proposalId: string; status: ResultStatus; body: string; placeSlug: string },
): Promise<string> {
  const { result } = await once(kith.db, 'participation.update.create', input.submission, async (trx) => {
    const proposal = await openProposal(trx, input.placeId, input.proposalId, 'body');
    if (proposal.status !== 'adopted') throw new RuleError('participation.update.notAdopted', {}, 'body');
    const id = await insertUpdate(trx, {
      placeId: input.placeId,
      proposalId: proposal.id,
      status: input.status,
      body: input.body,
      createdBy: input.personId,
    });
    await audit(trx, input, { action: 'participation.update.create' }, id, { status: input.status });
    await tellFollowers(kith, trx, proposal, input.placeSlug, {
      subjectKey: 'participation.email.update.subject',
      paragraphs: [`participation.email.update.status.${input.status}`, { text: input.body }],
      params: {},
    });
    return id;
  });
  return result;
}

/** Hides a proposal or a comment from the public with the moderator's reason; nothing is deleted. */
export async function hide(
  kith: Kith,
  input: Acting & { what: 'proposal' | 'comment' | 'argument'; id: string; reason: string },
): Promise<void> {
  await kith.db.transaction(async (trx) => {
    if (input.what === 'argument') {
      const a = await findArgument(trx, input.placeId, input.id);
      if (!a) throw new RuleError('participation.proposal.missing', {}, 'reason');
      if (a.hidden) return;
      await hideArgument(trx, a.id, input.personId, input.reason);
    } else if (input.what === 'proposal') {
      const proposal = await findProposal(trx, input.placeId, input.id);
      if (!proposal) throw new RuleError('participation.proposal.missing', {}, 'reason');
      if (proposal.hidden) return;
      await hideProposal(trx, proposal.id, input.personId, input.reason);
    } else {
      const c = await findComment(trx, input.placeId, input.id);
      if (!c) throw new RuleError('participation.proposal.missing', {}, 'reason');
      if (c.hidden) return;
      await hideComment(trx, c.id, input.personId, input.reason);
    }
    await audit(trx, input, { action: `participation.${input.what}.hide` }, input.id, { reason: input.reason });
  });
}

/** A service's answers to the ladder self-assessment, kept with the rung they give. */
export async function assess(kith: Kith, input: Acting & { assessment: AssessmentInput }): Promise<string> {
  const { result } = await once(kith.db, 'participation.assessment.create', input.submission, async (trx) => {
    const placement = placeOnLadder(input.assessment.answers);
    const id = await insertAssessment(trx, {
      placeId: input.placeId,
      service: input.assessment.service,
      answers: input.assessment.answers,
      rung: placement.rung,
      answeredBy: input.personId,
    });
    await audit(trx, input, { action: 'participation.assessment.create' }, id, { rung: placement.rung });
    return id;
  });
  return result;
}
