/**
 * The equality answers of a set of people another module names (a grant round's
 * applicants, say), as counts per answer with small numbers held back. The other module
 * never reads the answers and never learns one person's; it gets only these counts.
 */
import type { Queryable } from '../../db/index.js';
import { suppressRow } from '../../platform/suppression.js';
import type { ParticipantsQuery } from '../module.js';
import { ethnicGroupOf, figureGroups, PREFER_NOT, QUESTION_NAMES, type Question } from './equality.js';
import { answerCounts } from './store.js';

export interface EqualityFigureTable {
  question: Question;
  /** Catalogue key of the question as a figure's heading ("Age"). */
  titleKey: string;
  /** One row per answer group, then "did not answer"; count null when held back. */
  rows: Array<{ group: string; labelKey: string; count: number | null }>;
  /** Everyone in the set: each table's rows add up to it; null when too few to show. */
  total: number | null;
}

const labelKey = (question: Question, group: string) =>
  group === PREFER_NOT
    ? 'insight.equality.preferNot'
    : group === 'unanswered'
      ? 'insight.equality.unanswered'
      : question === 'ethnicGroup'
        ? `insight.equality.group.${group}`
        : `insight.equality.a.${question}.${group}`;

/**
 * Every question's counts for the people in the set. Someone who never answered, or left
 * this question, counts as "did not answer", so each table adds up to the whole set; small
 * counts (and any one that subtraction would give away) are hidden by suppressRow.
 */
export async function equalityFiguresOf(db: Queryable, people: ParticipantsQuery): Promise<EqualityFigureTable[]> {
  const everyone = await db
    .selectFrom(people.as('p'))
    .select((eb) => eb.fn.count<number>('p.person_id').distinct().as('n'))
    .executeTakeFirst();
  const size = Number(everyone?.n ?? 0);
  return Promise.all(
    QUESTION_NAMES.map(async (question) => {
      const groups = [...figureGroups(question), 'unanswered'];
      const byGroup = new Map<string, number>();
      let answered = 0;
      for (const [answer, n] of await answerCounts(db, question, people)) {
        if (answer === null) continue;
        const group = question === 'ethnicGroup' ? ethnicGroupOf(answer) : answer;
        byGroup.set(group, (byGroup.get(group) ?? 0) + n);
        answered += n;
      }
      byGroup.set('unanswered', size - answered);
      const shown = suppressRow(groups.map((g) => byGroup.get(g) ?? 0));
      return {
        question,
        titleKey: `insight.equality.figures.${question}`,
        rows: groups.map((group, i) => ({ group, labelKey: labelKey(question, group), count: shown.cells[i]! })),
        total: shown.total,
      };
    }),
  );
}
