/** The co-production rules of a framework, as plain functions over plain data. */
import type { Role } from '../../policy/index.js';
import type { FrameworkState } from './schema.js';

/** A check-in is 3 to 5 questions, answered on a phone in under a minute. */
export const MAX_CHECKIN_QUESTIONS = 5;

/** The place's officers may ask for more, never for none: a framework nobody endorsed is not co-produced. */
export const RESIDENTS_PER_OUTCOME = { least: 1, most: 50, usual: 3 } as const;
/** Residents' share of everyone taking part, as a whole percentage: a quarter, a third or a half. */
export const RESIDENT_SHARES = [25, 33, 50] as const;
export const USUAL_RESIDENT_SHARE = 33;

export type PublishRefusal =
  | 'outcomes.publish.noOutcomes'
  | 'outcomes.publish.noIndicators'
  | 'outcomes.publish.tooManyQuestions'
  | 'outcomes.publish.notDraft'
  | 'outcomes.publish.openSuggestions'
  | 'outcomes.publish.tooFewEndorsements'
  | 'outcomes.publish.tooFewResidents';

/** Outcomes and indicators change only while the framework is a draft residents can comment on. */
export function canChange(state: FrameworkState): boolean {
  return state === 'draft';
}

/**
 * The role a person took part as: the first they hold in this order, so a council officer
 * who also lives in the place counts as an officer, and only people who hold no other
 * role count as residents.
 */
const RANK: readonly Role[] = [
  'admin',
  'officer',
  'partner',
  'link_worker',
  'referrer',
  'coordinator',
  'organiser',
  'resident',
];

export function tookPartAs(roles: readonly Role[] | undefined): Role {
  // Someone who has since left the place took part as a member of it.
  return RANK.find((r) => roles?.includes(r)) ?? 'resident';
}

export interface TakingPart {
  createdBy: string | null;
  outcomes: ReadonlyArray<{ addedBy: string | null }>;
  indicators: ReadonlyArray<{ addedBy: string | null }>;
  suggestions: ReadonlyArray<{ proposedBy: string | null }>;
  comments: ReadonlyArray<{ personId: string }>;
  endorsements: ReadonlyArray<{ personId: string }>;
}

/** Everyone who took part in writing it, once each: drafting, suggesting, commenting or endorsing. */
export function contributors(f: TakingPart): string[] {
  const ids = [
    f.createdBy,
    ...f.outcomes.map((o) => o.addedBy),
    ...f.indicators.map((i) => i.addedBy),
    ...f.suggestions.map((s) => s.proposedBy),
    ...f.comments.map((c) => c.personId),
    ...f.endorsements.map((e) => e.personId),
  ];
  return [...new Set(ids.filter((id): id is string => !!id))];
}

/** Who took part, counted by role, in the order the roles are ranked. */
export function byRole(
  people: readonly string[],
  roleOf: (id: string) => Role,
): Array<{ role: Role; people: string[] }> {
  return RANK.map((role) => ({ role, people: people.filter((id) => roleOf(id) === role) })).filter(
    (g) => g.people.length,
  );
}

/** Whether residents are at least the framework's share of everyone taking part. */
export function residentsEnough(residents: number, everyone: number, share: number): boolean {
  return everyone > 0 && residents * 100 >= everyone * share;
}

/**
 * A framework may be published when every outcome has at least one indicator, groups
 * would be asked no more than five check-in questions, every resident's suggestion has
 * been answered, every outcome is endorsed by enough residents, and residents are a fair
 * share of everyone who wrote it (the thresholds are the framework's, set by officers).
 */
export function publishRefusal(
  framework: { state: FrameworkState; residentsPerOutcome: number; residentShare: number },
  outcomes: ReadonlyArray<{ id: string; title: string }>,
  indicators: ReadonlyArray<{ outcomeId: string; measureKind: string }>,
  takingPart: {
    openSuggestions: number;
    /** Residents' endorsements only. */
    residentEndorsements: ReadonlyArray<{ outcomeId: string }>;
    residents: number;
    everyone: number;
  },
): { key: PublishRefusal; params?: Record<string, string> } | undefined {
  if (framework.state !== 'draft') return { key: 'outcomes.publish.notDraft' };
  if (!outcomes.length) return { key: 'outcomes.publish.noOutcomes' };
  if (outcomes.some((o) => !indicators.some((i) => i.outcomeId === o.id)))
    return { key: 'outcomes.publish.noIndicators' };
  if (indicators.filter((i) => i.measureKind === 'checkin').length > MAX_CHECKIN_QUESTIONS)
    return { key: 'outcomes.publish.tooManyQuestions' };
  if (takingPart.openSuggestions > 0) return { key: 'outcomes.publish.openSuggestions' };
  const short = outcomes.find(
    (o) => takingPart.residentEndorsements.filter((e) => e.outcomeId === o.id).length < framework.residentsPerOutcome,
  );
  if (short)
    return {
      key: 'outcomes.publish.tooFewEndorsements',
      params: { outcome: short.title, least: String(framework.residentsPerOutcome) },
    };
  if (!residentsEnough(takingPart.residents, takingPart.everyone, framework.residentShare))
    return { key: 'outcomes.publish.tooFewResidents', params: { share: String(framework.residentShare) } };
  return undefined;
}
