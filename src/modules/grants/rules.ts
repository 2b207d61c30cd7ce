/**
 * The plain rules of small grants: money in whole pence, deadlines on the place's clock,
 * word limits, what an application still lacks, weighted scores, and a vote's tally.
 * No HTTP, no SQL.
 */
import { addDays, startOfPlaceDay, type IsoDate } from '../../platform/dates.js';

/** "£1,250.50", "1250.5", "1250" → 125050 pence; undefined when it is not an amount of money. */
export function parsePounds(text: string): number | undefined {
  const cleaned = text.trim().replace(/^£/, '').replace(/,/g, '').trim();
  const m = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(cleaned);
  if (!m) return undefined;
  return Number(m[1]) * 100 + Number((m[2] ?? '0').padEnd(2, '0'));
}

/** 125050 → "£1,250.50"; whole pounds drop the pence ("£500"). */
export function formatPence(pence: number): string {
  const pounds = Math.trunc(pence / 100);
  const rest = pence % 100;
  const whole = pounds.toLocaleString('en-GB');
  return rest === 0 ? `£${whole}` : `£${whole}.${String(rest).padStart(2, '0')}`;
}

/** 125050 → "1250.50", for a form field. */
export function penceAsPounds(pence: number): string {
  return `${Math.trunc(pence / 100)}.${String(pence % 100).padStart(2, '0')}`;
}

/**
 * A round opens at the start of its opening day and closes at the end of its closing
 * day, on the place's clock: 23:59:59 on the closing day is in time, 00:00:00 the next
 * day is not, whether or not the clocks change between.
 */
export function openingInstant(date: IsoDate): string {
  return startOfPlaceDay(date).toISOString();
}
export function closingInstant(date: IsoDate): string {
  return startOfPlaceDay(addDays(date, 1)).toISOString();
}

export function isOpenAt(window: { opensAt: string; closesAt: string }, now: Date): boolean {
  const t = now.getTime();
  return t >= Date.parse(window.opensAt) && t < Date.parse(window.closesAt);
}

/** Words as a person counts them: runs of letters, digits and joining marks. */
export function wordCount(text: string): number {
  return text.trim() === '' ? 0 : text.trim().split(/\s+/u).length;
}

export interface BudgetLine {
  item: string;
  pence: number;
}

export const totalOf = (lines: readonly BudgetLine[]) => lines.reduce((sum, l) => sum + l.pence, 0);

export interface ApplicationForChecks {
  applicantKind: string;
  groupName: string;
  hostName: string;
  projectTitle: string;
  summary: string;
  budgetLines: BudgetLine[];
  amountPence: number;
  answers: Record<string, string>;
}

export interface RoundForChecks {
  minAwardPence: number;
  maxAwardPence: number;
  whoMayApply: string[];
}

/** What an application still needs before it can be submitted: [field, message key, params]. */
export function missingFrom(
  application: ApplicationForChecks,
  round: RoundForChecks,
  questions: ReadonlyArray<{ id: string; wordLimit: number }>,
): Array<{ field: string; key: string; params?: Record<string, string> }> {
  const missing: Array<{ field: string; key: string; params?: Record<string, string> }> = [];
  if (!round.whoMayApply.includes(application.applicantKind))
    missing.push({ field: 'applicantKind', key: 'grants.missing.kind' });
  if (application.applicantKind !== 'individual' && !application.groupName)
    missing.push({ field: 'groupName', key: 'grants.missing.groupName' });
  if (application.applicantKind === 'informal' && !application.hostName)
    missing.push({ field: 'hostName', key: 'grants.missing.hostName' });
  if (!application.projectTitle) missing.push({ field: 'projectTitle', key: 'grants.missing.projectTitle' });
  if (!application.summary) missing.push({ field: 'summary', key: 'grants.missing.summary' });
  if (application.budgetLines.length === 0) missing.push({ field: 'budget', key: 'grants.missing.budget' });
  else if (application.amountPence < round.minAwardPence || application.amountPence > round.maxAwardPence)
    missing.push({
      field: 'budget',
      key: 'grants.missing.amount',
      params: { minimum: formatPence(round.minAwardPence), maximum: formatPence(round.maxAwardPence) },
    });
  for (const q of questions) {
    const answer = application.answers[q.id] ?? '';
    if (!answer.trim()) missing.push({ field: `answer-${q.id}`, key: 'grants.missing.answer' });
    else if (wordCount(answer) > q.wordLimit)
      missing.push({
        field: `answer-${q.id}`,
        key: 'grants.missing.tooManyWords',
        params: { limit: String(q.wordLimit) },
      });
  }
  return missing;
}

/**
 * An application's weighted score from the panel: for each member who scored it, the
 * weighted mean of their 0–5 scores; then the mean over members; as a percentage of
 * the most it could be, to one decimal place. Null while nobody has scored it.
 */
export function weightedScore(
  criteria: ReadonlyArray<{ id: string; weight: number }>,
  scores: ReadonlyArray<{ personId: string; criterionId: string; score: number }>,
): number | null {
  const totalWeight = criteria.reduce((s, c) => s + c.weight, 0);
  if (totalWeight === 0) return null;
  const weight = new Map(criteria.map((c) => [c.id, c.weight]));
  const byPerson = new Map<string, number>();
  for (const s of scores) {
    const w = weight.get(s.criterionId);
    if (w === undefined) continue;
    byPerson.set(s.personId, (byPerson.get(s.personId) ?? 0) + w * s.score);
  }
  if (byPerson.size === 0) return null;
  const mean = [...byPerson.values()].reduce((a, b) => a + b, 0) / byPerson.size;
  return Math.round((mean / (totalWeight * 5)) * 1000) / 10;
}

export interface TallyProject {
  id: string;
  amountPence: number;
  /** When it was submitted: the earlier one wins a tie. */
  submittedAt: string;
}

export interface TallyResult {
  rows: Array<{
    id: string;
    votes: number;
    amountPence: number;
    funded: boolean;
    tieBrokenBy: 'none' | 'submittedFirst';
  }>;
  committedPence: number;
  ballots: number;
}

/**
 * A vote's result: projects in order of votes (ties: the earlier submission first, and
 * said so), funded in that order while the budget lasts; a project that does not fit
 * is passed over and the next that fits is funded, as CONSUL does.
 */
export function tally(
  projects: readonly TallyProject[],
  ballots: Iterable<readonly string[]>,
  budgetPence: number,
): TallyResult {
  const votes = new Map(projects.map((p) => [p.id, 0]));
  let count = 0;
  for (const choices of ballots) {
    count++;
    for (const id of new Set(choices)) {
      const v = votes.get(id);
      if (v !== undefined) votes.set(id, v + 1);
    }
  }
  const ordered = [...projects].sort(
    (a, b) =>
      votes.get(b.id)! - votes.get(a.id)! || a.submittedAt.localeCompare(b.submittedAt) || a.id.localeCompare(b.id),
  );
  let left = budgetPence;
  const rows = ordered.map((p, i) => {
    const v = votes.get(p.id)!;
    const tied = ordered.some((o, j) => j !== i && votes.get(o.id) === v);
    const funded = v > 0 && p.amountPence <= left;
    if (funded) left -= p.amountPence;
    return {
      id: p.id,
      votes: v,
      amountPence: p.amountPence,
      funded,
      tieBrokenBy: tied ? ('submittedFirst' as const) : ('none' as const),
    };
  });
  return { rows, committedPence: budgetPence - left, ballots: count };
}

/** Why a ballot cannot be cast: over the budget, or too many projects; null when it can. */
export function ballotProblem(
  round: { ballotKind: 'budget' | 'count'; budgetPence: number; voteMaxProjects: number },
  chosen: ReadonlyArray<{ amountPence: number }>,
): { key: string; params?: Record<string, string> } | null {
  if (chosen.length === 0) return { key: 'grants.ballot.none' };
  if (round.ballotKind === 'budget') {
    const total = totalOf(chosen.map((c) => ({ item: '', pence: c.amountPence })));
    if (total > round.budgetPence)
      return {
        key: 'grants.ballot.overBudget',
        params: { total: formatPence(total), budget: formatPence(round.budgetPence) },
      };
  } else if (chosen.length > round.voteMaxProjects) {
    return { key: 'grants.ballot.tooMany', params: { maximum: String(round.voteMaxProjects) } };
  }
  return null;
}

/** 360Giving organisation identifier for a recipient: charity, company, or the publisher's own. */
export function organisationIdentifier(
  prefix: string,
  org: { charityNumber: string; companyNumber: string; localId: string },
): string {
  const charity = org.charityNumber.replace(/\s+/g, '').toUpperCase();
  const company = org.companyNumber.replace(/\s+/g, '').toUpperCase();
  if (charity) return `GB-CHC-${charity}`;
  if (company) return `GB-COH-${company}`;
  return `${prefix}-${org.localId}`;
}

/** A round's terms as kept (instants, pence): what a change compares before and after. */
export interface RoundTerms {
  budgetPence: number;
  minAwardPence: number;
  maxAwardPence: number;
  whoMayApply: readonly string[];
  districts: readonly string[];
  opensAt: string;
  closesAt: string;
  decidedBy: string;
  voteOpensAt: string | null;
  voteClosesAt: string | null;
  ballotKind: string;
  voteMaxProjects: number;
  criteria: ReadonlyArray<{ name: string; weight: number }>;
  questions: ReadonlyArray<{ text: string; wordLimit: number }>;
}

/** What has happened in the round so far. */
export interface RoundActivity {
  resultsPublished: boolean;
  /** Applications started, drafts included. */
  applications: number;
  kindsApplied: readonly string[];
  /** The amount each submitted application asks for. */
  submittedAmounts: readonly number[];
  scores: number;
  committedPence: number;
}

export interface RoundChangeProblem {
  key: string;
  field: string;
  params?: Record<string, string>;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Why a round's terms cannot change from `before` to `after` now; null when they can.
 * People have applied, scored and voted on the terms as they stood, so a change may not
 * pull the ground from under them: the money already awarded stays within the budget;
 * once the round opens its opening day stands, and once it closes so does its closing
 * day (no reopening); a closing day moves into the past only while nobody has applied;
 * the award limits keep every submitted application inside them; a kind of applicant
 * someone applied as stays allowed; how it is decided and its questions stand once
 * anyone has applied, its criteria once anyone has scored; and once voting starts, who
 * may vote, when voting opens and how the ballot works stand (the vote may still be
 * given longer). A published result ends all change.
 */
export function roundChangeProblem(
  before: RoundTerms,
  after: RoundTerms,
  activity: RoundActivity,
  now: Date,
): RoundChangeProblem | null {
  const t = now.getTime();
  const opened = t >= Date.parse(before.opensAt);
  const closed = t >= Date.parse(before.closesAt);
  const votingStarted = before.voteOpensAt !== null && t >= Date.parse(before.voteOpensAt);
  if (activity.resultsPublished) return { key: 'grants.round.change.decided', field: 'title' };
  if (after.budgetPence < activity.committedPence)
    return {
      key: 'grants.round.change.belowAwarded',
      field: 'budget',
      params: { awarded: formatPence(activity.committedPence) },
    };
  if (opened && after.opensAt !== before.opensAt) return { key: 'grants.round.change.opened', field: 'opensOn' };
  if (closed && after.closesAt !== before.closesAt) return { key: 'grants.round.change.closed', field: 'closesOn' };
  if (activity.applications > 0 && after.closesAt !== before.closesAt && Date.parse(after.closesAt) <= t)
    return { key: 'grants.round.change.closesInPast', field: 'closesOn' };
  const outside = activity.submittedAmounts.find((a) => a < after.minAwardPence || a > after.maxAwardPence);
  if (outside !== undefined)
    return {
      key: 'grants.round.change.outsideLimits',
      field: outside < after.minAwardPence ? 'minAward' : 'maxAward',
      params: { amount: formatPence(outside) },
    };
  if (activity.kindsApplied.some((k) => !after.whoMayApply.includes(k)))
    return { key: 'grants.round.change.kindApplied', field: 'whoMayApply' };
  if (activity.applications > 0 && after.decidedBy !== before.decidedBy)
    return { key: 'grants.round.change.decidedBy', field: 'decidedBy' };
  if (activity.applications > 0 && !same(after.questions, before.questions))
    return { key: 'grants.round.change.questions', field: 'questions' };
  if (activity.scores > 0 && !same(after.criteria, before.criteria))
    return { key: 'grants.round.change.criteria', field: 'criteria' };
  if (votingStarted) {
    if (!same([...after.districts].sort(), [...before.districts].sort()))
      return { key: 'grants.round.change.voting', field: 'districts' };
    if (after.voteOpensAt !== before.voteOpensAt) return { key: 'grants.round.change.voting', field: 'voteOpensOn' };
    if (after.ballotKind !== before.ballotKind || after.voteMaxProjects !== before.voteMaxProjects)
      return { key: 'grants.round.change.voting', field: 'ballotKind' };
    if (
      after.voteClosesAt !== before.voteClosesAt &&
      after.voteClosesAt !== null &&
      Date.parse(after.voteClosesAt) <= t
    )
      return { key: 'grants.round.change.voteClosesInPast', field: 'voteClosesOn' };
  }
  return null;
}
