/** The co-production rules of a framework, as plain functions over plain data. */
import type { FrameworkState } from './schema.js';

/** A check-in is 3 to 5 questions, answered on a phone in under a minute. */
export const MAX_CHECKIN_QUESTIONS = 5;

export type PublishRefusal =
  | 'outcomes.publish.noOutcomes'
  | 'outcomes.publish.noIndicators'
  | 'outcomes.publish.tooManyQuestions'
  | 'outcomes.publish.notDraft';

/** Outcomes and indicators change only while the framework is a draft residents can comment on. */
export function canChange(state: FrameworkState): boolean {
  return state === 'draft';
}

/**
 * A framework may be published when every outcome has at least one indicator, and
 * groups would be asked no more than five check-in questions.
 */
export function publishRefusal(
  framework: { state: FrameworkState },
  outcomes: ReadonlyArray<{ id: string }>,
  indicators: ReadonlyArray<{ outcomeId: string; measureKind: string }>,
): PublishRefusal | undefined {
  if (framework.state !== 'draft') return 'outcomes.publish.notDraft';
  if (!outcomes.length) return 'outcomes.publish.noOutcomes';
  if (outcomes.some((o) => !indicators.some((i) => i.outcomeId === o.id))) return 'outcomes.publish.noIndicators';
  if (indicators.filter((i) => i.measureKind === 'checkin').length > MAX_CHECKIN_QUESTIONS)
    return 'outcomes.publish.tooManyQuestions';
  return undefined;
}

/** Who took part in co-producing it: everyone who commented or endorsed, once each. */
export function participants(
  comments: ReadonlyArray<{ personId: string }>,
  endorsements: ReadonlyArray<{ personId: string }>,
): string[] {
  return [...new Set([...comments.map((c) => c.personId), ...endorsements.map((e) => e.personId)])];
}
