/**
 * Insight's one query of its own: how many different people took part in the place,
 * across every module that says who took part (the module contract's `participants`).
 */
import type { Queryable } from '../../db/index.js';
import type { ParticipantsQuery } from '../module.js';

/** Distinct people across the modules' participant queries: someone who volunteered and checked in counts once. */
export async function distinctPeople(db: Queryable, queries: readonly ParticipantsQuery[]): Promise<number> {
  if (!queries.length) return 0;
  const all = queries.slice(1).reduce((union, q) => union.union(q), queries[0]!);
  // Grouping, then counting the groups: one module's query lists a person once per record.
  const people = db.selectFrom(all.as('taking_part')).select('person_id').groupBy('person_id');
  const row = await db
    .selectFrom(people.as('people'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
