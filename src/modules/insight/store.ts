/**
 * Insight's queries: how many different people took part in the place, across every
 * module that says who took part (the module contract's `participants`), and the
 * equality answers people chose to give, counted and never listed.
 */
import { nowIso, type Queryable } from '../../db/index.js';
import type { ParticipantsQuery } from '../module.js';
import { QUESTION_NAMES, type EqualityAnswers, type Question } from './equality.js';

const COLUMNS = {
  ageBand: 'age_band',
  sex: 'sex',
  genderSameAsSex: 'gender_same_as_sex',
  ethnicGroup: 'ethnic_group',
  disability: 'disability',
  carer: 'carer',
  firstLanguage: 'first_language',
  welshSpeaker: 'welsh_speaker',
} as const satisfies Record<Question, string>;

/** A person's own answers, for their form and their data download. */
export async function answersOf(db: Queryable, personId: string): Promise<EqualityAnswers | undefined> {
  const row = await db.selectFrom('equality_answers').selectAll().where('person_id', '=', personId).executeTakeFirst();
  if (!row) return undefined;
  return Object.fromEntries(QUESTION_NAMES.map((q) => [q, row[COLUMNS[q]]])) as EqualityAnswers;
}

/** Keeps a person's answers, replacing any before: saving the same answers twice changes nothing. */
export async function saveAnswers(db: Queryable, personId: string, answers: EqualityAnswers): Promise<void> {
  const values = Object.fromEntries(QUESTION_NAMES.map((q) => [COLUMNS[q], answers[q]]));
  const row = { person_id: personId, ...values, updated_at: nowIso() };
  await db
    .insertInto('equality_answers')
    .values(row)
    .onConflict((oc) => oc.column('person_id').doUpdateSet({ ...values, updated_at: row.updated_at }))
    .execute();
}

export async function deleteAnswers(db: Queryable, personId: string): Promise<void> {
  await db.deleteFrom('equality_answers').where('person_id', '=', personId).execute();
}

/**
 * How many of a set of people gave each answer to a question (null: did not answer),
 * never who. The set is a query of person ids: those taking part, or the place's members.
 */
export async function answerCounts(
  db: Queryable,
  question: Question,
  people: ParticipantsQuery,
): Promise<Map<string | null, number>> {
  const column = COLUMNS[question];
  const rows = await db
    .selectFrom('equality_answers')
    .select([`${column} as answer`, (eb) => eb.fn.countAll<number>().as('n')])
    .where('person_id', 'in', people)
    .groupBy(column)
    .execute();
  return new Map(rows.map((r) => [r.answer as string | null, Number(r.n)]));
}

/** The place's members (anyone holding a role there), as a query of person ids. */
export function membersOf(db: Queryable, placeId: string): ParticipantsQuery {
  return db
    .selectFrom('place_roles')
    .select('person_id')
    .where('place_id', '=', placeId) as unknown as ParticipantsQuery;
}
