/**
 * The module contract's figures as they may be shown outside the care team (the place's
 * figures, the commissioner report, open data): the one small-number rule applied to a
 * count of people, and to time people gave when too few of them gave it. Counting the
 * people behind a figure reads the modules' own queries of person ids, so it is here,
 * beside the contract, rather than in any one module.
 */
import type { Queryable } from '../db/index.js';
import { suppressCount, suppressFigure } from '../platform/suppression.js';
import type { FigureDefinition, ParticipantsQuery, Period } from './module.js';

/** Several queries of person ids as one. */
export function unionOf(queries: readonly ParticipantsQuery[]): ParticipantsQuery | undefined {
  return queries.length ? queries.slice(1).reduce((union, q) => union.union(q), queries[0]!) : undefined;
}

/** Distinct people across queries of person ids: someone who volunteered and checked in counts once. */
export async function distinctPeople(db: Queryable, queries: readonly ParticipantsQuery[]): Promise<number> {
  const all = unionOf(queries);
  if (!all) return 0;
  // Grouping, then counting the groups: one module's query lists a person once per record.
  const people = db.selectFrom(all.as('taking_part')).select('person_id').groupBy('person_id');
  const row = await db
    .selectFrom(people.as('people'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * A figure over a period as it may be shown: null for a count of fewer people than the
 * threshold, and for time that fewer people than the threshold gave (it would be theirs).
 */
export async function figureShown(
  db: Queryable,
  figure: FigureDefinition,
  placeId: string,
  period: Period,
): Promise<number | null> {
  const [value, givers] = await Promise.all([
    figure.value(db, placeId, period),
    figure.givenBy ? distinctPeople(db, [figure.givenBy(db, placeId, period)]) : undefined,
  ]);
  if (givers !== undefined && value !== 0 && suppressCount(givers) === null) return null;
  return suppressFigure(figure.unit, value);
}
