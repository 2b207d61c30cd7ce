/**
 * The plain rules of participation: when a phase is open and what it lets residents do,
 * how often a person may comment, a threshold's and an approval vote's results, and
 * the ladder self-assessment. No HTTP, no SQL.
 */
import { addDays, startOfPlaceDay, type IsoDate } from '../../platform/dates.js';
import { LADDER, type Activity, type Rung } from './schema.js';

/** A phase opens at the start of its first day and closes at the start of the day after its last, in London. */
export function openingInstant(date: IsoDate): string {
  return startOfPlaceDay(date).toISOString();
}
export function closingInstant(date: IsoDate): string {
  return startOfPlaceDay(addDays(date, 1)).toISOString();
}

export interface PhaseWindow {
  opensAt: string;
  closesAt: string;
  activities: readonly Activity[];
}

export function isOpenAt(window: { opensAt: string; closesAt: string }, now: Date): boolean {
  const t = now.getTime();
  return t >= Date.parse(window.opensAt) && t < Date.parse(window.closesAt);
}

/** The phases under way now (phases may overlap), earliest first. */
export function currentPhases<P extends PhaseWindow>(phases: readonly P[], now: Date): P[] {
  return phases.filter((p) => isOpenAt(p, now));
}

/** Whether residents may do this now: some phase under way allows it. */
export function allows(phases: readonly PhaseWindow[], activity: Activity, now: Date): boolean {
  return currentPhases(phases, now).some((p) => p.activities.includes(activity));
}

/** A decision takes votes (or consent responses) until its result is published, while its phase allows voting. */
export function takesVotes(
  decision: { publishedAt: string | null },
  phase: PhaseWindow | undefined,
  now: Date,
): boolean {
  return !decision.publishedAt && !!phase && allows([phase], 'vote', now);
}

export type PhaseState = 'upcoming' | 'current' | 'past';
export function phaseState(window: { opensAt: string; closesAt: string }, now: Date): PhaseState {
  if (now.getTime() < Date.parse(window.opensAt)) return 'upcoming';
  return isOpenAt(window, now) ? 'current' : 'past';
}

/**
 * The pitfall the seeds warn of (C5): calling consultation co-production. A phase that
 * claims co-design or co-production while residents can do no more than support or read
 * is flagged to the officer and shown plainly to residents.
 */
export function overclaims(phase: { rung: Rung; activities: readonly Activity[] }): boolean {
  const deep = phase.rung === 'codesign' || phase.rung === 'coproduction';
  return deep && !phase.activities.some((a) => a === 'propose' || a === 'debate' || a === 'vote');
}

/** Comments per account: at most 3 in a minute and 20 in an hour. */
export const COMMENT_LIMITS = [
  { withinMs: 60_000, most: 3 },
  { withinMs: 3_600_000, most: 20 },
] as const;

/** Whether one more comment now goes over a limit, given when the person's recent comments were written. */
export function tooManyComments(recent: readonly string[], now: Date): boolean {
  return COMMENT_LIMITS.some(
    ({ withinMs, most }) => recent.filter((at) => now.getTime() - Date.parse(at) < withinMs).length >= most,
  );
}

export interface Candidate {
  id: string;
  createdAt: string;
}

export interface ResultRow {
  id: string;
  count: number;
  chosen: boolean;
  /** Tied with another on the same count across the line: the earlier proposal went first. */
  tie: boolean;
}

export interface DecisionResult {
  rows: ResultRow[];
  /** Ballots counted (approval), supporters who took part (threshold), or responses (consent). */
  ballots: number;
  consent?: ConsentCounts;
}

function ordered(candidates: readonly Candidate[], counts: Map<string, number>): Candidate[] {
  return [...candidates].sort(
    (a, b) =>
      counts.get(b.id)! - counts.get(a.id)! || a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id),
  );
}

/** Proposals with at least `threshold` supports go forward; in order of supports. */
export function thresholdResult(
  candidates: readonly Candidate[],
  supports: Iterable<{ proposalId: string; personId: string }>,
  threshold: number,
): DecisionResult {
  const counts = new Map(candidates.map((c) => [c.id, 0]));
  const people = new Set<string>();
  const seen = new Set<string>();
  for (const s of supports) {
    const key = `${s.proposalId}\u0000${s.personId}`;
    if (seen.has(key) || !counts.has(s.proposalId)) continue;
    seen.add(key);
    people.add(s.personId);
    counts.set(s.proposalId, counts.get(s.proposalId)! + 1);
  }
  return thresholdCounted(candidates, counts, people.size, threshold);
}

/**
 * The same result from counts already made (by the database, from the stored supports):
 * each candidate's supports, and how many people supported any of them.
 */
export function thresholdCounted(
  candidates: readonly Candidate[],
  supportsOf: ReadonlyMap<string, number>,
  people: number,
  threshold: number,
): DecisionResult {
  const counts = new Map(candidates.map((c) => [c.id, supportsOf.get(c.id) ?? 0]));
  return {
    rows: ordered(candidates, counts).map((c) => ({
      id: c.id,
      count: counts.get(c.id)!,
      chosen: counts.get(c.id)! >= threshold,
      tie: false,
    })),
    ballots: people,
  };
}

/**
 * An approval vote: each ballot approves up to N proposals; the `winners` with most
 * approvals are chosen (a proposal nobody chose never is). Ties across the line go to
 * the earlier proposal, and the result says so.
 */
export function approvalResult(
  candidates: readonly Candidate[],
  ballots: Iterable<readonly string[]>,
  winners: number,
): DecisionResult {
  const counts = new Map(candidates.map((c) => [c.id, 0]));
  let n = 0;
  for (const choices of ballots) {
    n++;
    for (const id of new Set(choices)) {
      const v = counts.get(id);
      if (v !== undefined) counts.set(id, v + 1);
    }
  }
  const order = ordered(candidates, counts);
  const line = order[winners - 1] ? counts.get(order[winners - 1]!.id)! : -1;
  const lineAfter = order[winners] ? counts.get(order[winners]!.id)! : -2;
  const lineTied = line === lineAfter && line > 0;
  return {
    rows: order.map((c, i) => ({
      id: c.id,
      count: counts.get(c.id)!,
      chosen: i < winners && counts.get(c.id)! > 0,
      tie: lineTied && counts.get(c.id) === line,
    })),
    ballots: n,
  };
}

/** Where a recomputed result differs from the published one: proposal ids, with what differs. */
export function differences(
  published: readonly ResultRow[],
  recomputed: readonly ResultRow[],
): Array<{ id: string; published?: ResultRow; recomputed?: ResultRow }> {
  const byId = new Map(published.map((r) => [r.id, r]));
  const out: Array<{ id: string; published?: ResultRow; recomputed?: ResultRow }> = [];
  for (const r of recomputed) {
    const p = byId.get(r.id);
    byId.delete(r.id);
    if (!p || p.count !== r.count || p.chosen !== r.chosen) out.push({ id: r.id, published: p, recomputed: r });
  }
  for (const p of byId.values()) out.push({ id: p.id, published: p });
  return out;
}

/** Why a ballot cannot be cast: nothing chosen, too many, or something not on it; null when it can. */
export function ballotProblem(
  choices: readonly string[],
  candidates: ReadonlySet<string>,
  maxChoices: number,
): { key: string; params?: Record<string, string> } | null {
  if (choices.length === 0) return { key: 'participation.ballot.none' };
  if (choices.some((c) => !candidates.has(c))) return { key: 'participation.ballot.unknown' };
  if (choices.length > maxChoices)
    return { key: 'participation.ballot.tooMany', params: { maximum: String(maxChoices) } };
  return null;
}

// The ladder self-assessment

/**
 * The questions, each tied to one of the six principles of co-production (seeds C2) or
 * to a step of the ladder. Answers: 0 not at all, 1 a little, 2 mostly, 3 fully.
 */
export const QUESTIONS = [
  { id: 'assets', principle: 'assets' },
  { id: 'capabilities', principle: 'capabilities' },
  { id: 'mutuality', principle: 'mutuality' },
  { id: 'peers', principle: 'peers' },
  { id: 'roles', principle: 'roles' },
  { id: 'facilitating', principle: 'facilitating' },
  { id: 'informing', principle: null },
  { id: 'listening', principle: null },
  { id: 'sharing', principle: null },
  { id: 'delivering', principle: null },
] as const;
export type QuestionId = (typeof QUESTIONS)[number]['id'];
export type Answers = Record<QuestionId, number>;
export const PRINCIPLES = QUESTIONS.flatMap((q) => (q.principle ? [q.id] : []));

export interface Placement {
  rung: Rung;
  group: 'doingTo' | 'doingFor' | 'doingWith';
  /** Message keys: why this rung (what the answers showed). */
  why: string[];
  /** Message keys: what to try next to climb. */
  next: string[];
  /** The six principles' mean answer, 0–3, to one decimal place. */
  principles: number;
}

export const groupOf = (rung: Rung): Placement['group'] =>
  LADDER.indexOf(rung) <= 1 ? 'doingTo' : LADDER.indexOf(rung) <= 4 ? 'doingFor' : 'doingWith';

/**
 * Places a service on the ladder from its answers, climbing from the bottom: each rung
 * needs the one below and one thing more, so the rung is the highest whose conditions
 * all hold. Informing: people are told what is planned. Consultation: asked before
 * deciding. Engagement: they share in some decisions. Co-design: they share decisions
 * mostly and design with staff as equals. Co-production: they also help deliver it, and
 * the six principles are mostly lived. Without even informing, a service is educating
 * (doing to): people are told what is good for them; coercion is not a rung a service
 * would answer its way to, so the assessment never gives it.
 */
export function placeOnLadder(answers: Answers): Placement {
  const a = (id: QuestionId) => Math.max(0, Math.min(3, answers[id] ?? 0));
  const principles = Math.round((PRINCIPLES.reduce((s, id) => s + a(id), 0) / PRINCIPLES.length) * 10) / 10;
  const steps: Array<{ rung: Rung; holds: boolean; why: string; next: string }> = [
    { rung: 'informing', holds: a('informing') >= 1, why: 'informing', next: 'informing' },
    { rung: 'consultation', holds: a('listening') >= 1, why: 'listening', next: 'listening' },
    { rung: 'engagement', holds: a('sharing') >= 1 && a('listening') >= 2, why: 'sharing', next: 'sharing' },
    { rung: 'codesign', holds: a('sharing') >= 2 && a('roles') >= 2, why: 'codesign', next: 'codesign' },
    {
      rung: 'coproduction',
      holds: a('delivering') >= 2 && principles >= 2,
      why: 'coproduction',
      next: 'coproduction',
    },
  ];
  let rung: Rung = 'educating';
  const why: string[] = [];
  let next: string[] = [];
  for (const step of steps) {
    if (!step.holds) {
      next = [`participation.ladder.next.${step.next}`];
      break;
    }
    rung = step.rung;
    why.push(`participation.ladder.why.${step.why}`);
  }
  if (rung === 'educating') why.push('participation.ladder.why.educating');
  // The weakest principle (the first of the weakest, in the seeds' order) is always worth trying next.
  const weakest = PRINCIPLES.reduce((w, id) => (a(id) < a(w) ? id : w), PRINCIPLES[0]!);
  if (a(weakest) < 3) next.push(`participation.ladder.principle.${weakest}.next`);
  if (next.length === 0) next.push('participation.ladder.next.keep');
  return { rung, group: groupOf(rung), why, next, principles };
}

// Consent decisions (after Loomio)

export interface ConsentCounts {
  consent: number;
  standAside: number;
  objections: number;
  /** Objections withdrawn, or addressed to the objector's satisfaction. */
  resolved: number;
  /** Objections the facilitator recorded at the close, with a stated reason. */
  recorded: number;
  /** Objections neither resolved nor recorded: any one blocks the proposal. */
  outstanding: number;
}

/**
 * A consent decision's result from its responses: the proposal passes only when no
 * objection is outstanding (each is resolved or, at the close, recorded with a reason).
 * The one row is the proposal, counted by those who consented.
 */
export function consentResult(
  proposalId: string,
  responses: Iterable<{ response: string; objectionStatus: string | null }>,
): DecisionResult & { consent: ConsentCounts } {
  const c: ConsentCounts = { consent: 0, standAside: 0, objections: 0, resolved: 0, recorded: 0, outstanding: 0 };
  let n = 0;
  for (const r of responses) {
    n++;
    if (r.response === 'consent') c.consent++;
    else if (r.response === 'standAside') c.standAside++;
    else if (r.response === 'object') {
      c.objections++;
      if (r.objectionStatus === 'resolved') c.resolved++;
      else if (r.objectionStatus === 'recorded') c.recorded++;
      else c.outstanding++;
    }
  }
  return {
    rows: [{ id: proposalId, count: c.consent, chosen: c.outstanding === 0, tie: false }],
    ballots: n,
    consent: c,
  };
}

/** Where two consent counts differ, by name: for the tally's report. */
export function consentDifferences(published: ConsentCounts, recomputed: ConsentCounts): string[] {
  return (Object.keys(recomputed) as Array<keyof ConsentCounts>).filter((k) => published[k] !== recomputed[k]);
}

/**
 * Easy read (as in the government's guidance on accessible communication formats) asks
 * for one idea a line in sentences of about fifteen words at most: past that, many
 * readers with a learning disability lose the thread.
 */
export const EASY_READ_MOST_WORDS = 15;

export interface LongLine {
  /** Which line, counting only lines with words in them, as the easy-read page shows them. */
  line: number;
  words: number;
  /** The line's first few words, so the writer can find it. */
  start: string;
}

/** An easy-read summary's lines, one idea each: blank lines dropped, spaces tidied. */
export function easyReadLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim().replace(/\s+/g, ' '))
    .filter((l) => l.length > 0);
}

/**
 * The lines of an easy-read summary with more words than a reader can take in at once.
 * A warning, never a refusal: the writer knows their readers. Words are what spaces
 * separate, so "£40,000" and "Hebble-side" are one each, as a reader meets them.
 */
export function longEasyReadLines(text: string, most = EASY_READ_MOST_WORDS): LongLine[] {
  return easyReadLines(text).flatMap((l, i) => {
    const words = l.split(' ').filter((w) => /[\p{L}\p{N}]/u.test(w));
    return words.length > most ? [{ line: i + 1, words: words.length, start: words.slice(0, 6).join(' ') }] : [];
  });
}
