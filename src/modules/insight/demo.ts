import type { Kith } from '../../kith.js';
import type { DemoState } from '../module.js';
import { PREFER_NOT, QUESTION_NAMES, QUESTIONS, type EqualityAnswers, type Question } from './equality.js';
import { saveAnswers } from './store.js';

/**
 * The demo residents' equality answers (when the demo has residents): most answer most
 * questions, some prefer not to say, a few leave a question blank, as people do. Answers
 * lean towards what a northern town has (most White British, a sizeable Asian
 * community), so the equality page shows what it would for a real place: some groups
 * shown, small ones held back.
 */
const LEANING: Partial<Record<Question, readonly string[]>> = {
  ageBand: ['35to44', '55to64', '25to34', '65to74', '35to44', '55to64'],
  ethnicGroup: [
    'whiteBritish',
    'whiteBritish',
    'asianPakistani',
    'whiteBritish',
    'asianBangladeshi',
    'blackAfrican',
    'whiteBritish',
    'asianIndian',
    'whiteOther',
    'mixedWhiteBlackCaribbean',
  ],
  firstLanguage: ['english', 'english', 'other', 'english', 'english', 'welsh'],
  welshSpeaker: ['no', 'no', 'no', 'yes'],
  disability: ['no', 'no', 'yes', 'no'],
  carer: ['no', 'no', 'no', 'yes'],
  genderSameAsSex: ['yes'],
};

export function demoAnswers(index: number): EqualityAnswers {
  const answers = {} as EqualityAnswers;
  for (const [q, question] of QUESTION_NAMES.entries()) {
    const choices = LEANING[question] ?? QUESTIONS[question];
    // A fixed spread rather than chance: the demo is the same on every machine.
    const seed = index * 7 + q * 3;
    answers[question] =
      seed % 17 === 0 ? null : seed % 13 === 0 ? PREFER_NOT : choices[(index + q * 5) % choices.length]!;
  }
  return answers;
}

export async function demoInsight(kith: Kith, demo: DemoState): Promise<void> {
  // Three in four residents answer; the others never open the questions.
  for (const [i, personId] of (demo.residents ?? []).entries())
    if (i % 4 !== 3) await saveAnswers(kith.db.kysely, personId, demoAnswers(i));
}
