/**
 * Equality monitoring: optional questions each person chooses to answer, in the words
 * the ONS 2021 Census used (ethnic group in its 19 categories, gathered into its 5 groups
 * for figures), so a place can compare who takes part with who lives there. Every
 * question can be left unanswered or answered "prefer not to say".
 */
import { z } from 'zod';

export const PREFER_NOT = 'preferNot';

export const QUESTIONS = {
  ageBand: ['under16', '16to24', '25to34', '35to44', '45to54', '55to64', '65to74', '75plus'],
  sex: ['female', 'male'],
  genderSameAsSex: ['yes', 'no'],
  ethnicGroup: [
    'asianBangladeshi',
    'asianChinese',
    'asianIndian',
    'asianPakistani',
    'asianOther',
    'blackAfrican',
    'blackCaribbean',
    'blackOther',
    'mixedWhiteAsian',
    'mixedWhiteBlackAfrican',
    'mixedWhiteBlackCaribbean',
    'mixedOther',
    'whiteBritish',
    'whiteIrish',
    'whiteGypsyTraveller',
    'whiteRoma',
    'whiteOther',
    'otherArab',
    'otherAny',
  ],
  disability: ['yes', 'no'],
  carer: ['yes', 'no'],
  firstLanguage: ['english', 'welsh', 'other'],
  welshSpeaker: ['yes', 'no'],
} as const;

export type Question = keyof typeof QUESTIONS;
export const QUESTION_NAMES = Object.keys(QUESTIONS) as Question[];

/** The ONS's five high-level ethnic groups, which the figures use so fewer cells are too small to show. */
export function ethnicGroupOf(answer: string): string {
  if (answer === PREFER_NOT) return answer;
  return answer.startsWith('asian')
    ? 'asian'
    : answer.startsWith('black')
      ? 'black'
      : answer.startsWith('mixed')
        ? 'mixed'
        : answer.startsWith('white')
          ? 'white'
          : 'other';
}

/** What the figures group answers into, per question: the answers themselves, except ethnic group. */
export function figureGroups(question: Question): string[] {
  if (question === 'ethnicGroup') return ['asian', 'black', 'mixed', 'white', 'other', PREFER_NOT];
  return [...QUESTIONS[question], PREFER_NOT];
}

const answer = (question: Question) =>
  z
    .union(
      [
        z.enum([...QUESTIONS[question], PREFER_NOT] as [string, ...string[]], { error: 'insight.equality.invalid' }),
        z.literal(''),
      ],
      { error: 'insight.equality.invalid' },
    )
    .optional()
    .transform((v) => (v ? v : null));

/** The form: every question optional; an answer must be one of the question's own. */
export const EqualityInput = z.object(
  Object.fromEntries(QUESTION_NAMES.map((q) => [q, answer(q)])) as Record<Question, ReturnType<typeof answer>>,
);
export type EqualityAnswers = Record<Question, string | null>;
