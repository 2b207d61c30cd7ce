/**
 * Volunteering's queries about time given: hours logged and their confirmation, thanks,
 * and the reports' totals (confirmed hours only, naming nobody).
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { nowIso, type Queryable } from '../../db/index.js';
import type { HoursStatus } from './schema.js';

export interface Hours {
  id: string;
  placeId: string;
  organisationId: string;
  opportunityId: string | null;
  personId: string;
  workedOn: string;
  minutes: number;
  note: string;
  status: HoursStatus;
  rejectReason: string | null;
  credit: string | null;
  createdAt: string;
}

type HoursRow = {
  id: string;
  place_id: string;
  organisation_id: string;
  opportunity_id: string | null;
  person_id: string;
  worked_on: string;
  minutes: number;
  note: string;
  status: HoursStatus;
  reject_reason: string | null;
  credit: string | null;
  created_at: string;
};

const toHours = (r: HoursRow): Hours => ({
  id: r.id,
  placeId: r.place_id,
  organisationId: r.organisation_id,
  opportunityId: r.opportunity_id,
  personId: r.person_id,
  workedOn: r.worked_on,
  minutes: Number(r.minutes),
  note: r.note,
  status: r.status,
  rejectReason: r.reject_reason,
  credit: r.credit,
  createdAt: r.created_at,
});

export async function insertHours(
  db: Queryable,
  h: {
    placeId: string;
    organisationId: string;
    opportunityId: string | null;
    shiftId?: string;
    personId: string;
    workedOn: string;
    minutes: number;
    note: string;
    loggedBy: string;
  },
): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('volunteering_hours')
    .values({
      id,
      place_id: h.placeId,
      organisation_id: h.organisationId,
      opportunity_id: h.opportunityId,
      shift_id: h.shiftId ?? null,
      person_id: h.personId,
      worked_on: h.workedOn,
      minutes: h.minutes,
      note: h.note,
      status: 'logged',
      logged_by: h.loggedBy,
      decided_by: null,
      decided_at: null,
      reject_reason: null,
      credit: null,
      created_at: nowIso(),
    })
    .execute();
  return id;
}

/** The people who already have hours (any status but rejected) for a shift. */
export async function peopleWithHoursFor(db: Queryable, shiftId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('volunteering_hours')
    .select('person_id')
    .where('shift_id', '=', shiftId)
    .where('status', '<>', 'rejected')
    .execute();
  return new Set(rows.map((r) => r.person_id));
}

export async function findHours(
  db: Queryable,
  id: string,
  options: { lock?: boolean } = {},
): Promise<Hours | undefined> {
  let q = db.selectFrom('volunteering_hours').selectAll().where('id', '=', id);
  if (options.lock) q = q.forUpdate();
  const r = await q.executeTakeFirst();
  return r && toHours(r);
}

/** Decides logged hours; false when they were already decided (a second click, or a race). */
export async function decideHours(
  db: Queryable,
  id: string,
  d: { status: 'confirmed' | 'rejected'; decidedBy: string; rejectReason: string | null; credit: string | null },
): Promise<boolean> {
  const result = await db
    .updateTable('volunteering_hours')
    .set({
      status: d.status,
      decided_by: d.decidedBy,
      decided_at: nowIso(),
      reject_reason: d.rejectReason,
      credit: d.credit,
    })
    .where('id', '=', id)
    .where('status', '=', 'logged')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function hoursOfPerson(db: Queryable, placeId: string, personId: string): Promise<Hours[]> {
  const rows = await db
    .selectFrom('volunteering_hours')
    .selectAll()
    .where('person_id', '=', personId)
    .where('place_id', '=', placeId)
    .orderBy('worked_on', 'desc')
    .limit(1000)
    .execute();
  return rows.map(toHours);
}

export async function hoursToConfirm(db: Queryable, placeId: string, organisationId: string): Promise<Hours[]> {
  const rows = await db
    .selectFrom('volunteering_hours')
    .selectAll()
    .where('place_id', '=', placeId)
    .where('organisation_id', '=', organisationId)
    .where('status', '=', 'logged')
    .orderBy('worked_on')
    .limit(500)
    .execute();
  return rows.map(toHours);
}

export async function insertThanks(
  db: Queryable,
  t: { placeId: string; organisationId: string; personId: string; message: string; sentBy: string },
): Promise<void> {
  await db
    .insertInto('volunteering_thanks')
    .values({
      id: randomUUID(),
      place_id: t.placeId,
      organisation_id: t.organisationId,
      person_id: t.personId,
      message: t.message,
      sent_by: t.sentBy,
      created_at: nowIso(),
    })
    .execute();
}

export async function thanksOf(db: Queryable, placeId: string, personId: string) {
  const rows = await db
    .selectFrom('volunteering_thanks')
    .select(['organisation_id', 'message', 'created_at'])
    .where('person_id', '=', personId)
    .where('place_id', '=', placeId)
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map((r) => ({ organisationId: r.organisation_id, message: r.message, createdAt: r.created_at }));
}

// Reports (confirmed hours only)

/** Confirmed minutes by organisation and month (YYYY-MM) since a month, for a place or one organisation. */
export async function confirmedByMonth(
  db: Queryable,
  placeId: string,
  organisationId: string | null,
  fromMonth: string,
) {
  let q = db
    .selectFrom('volunteering_hours')
    .select([
      'organisation_id',
      sql<string>`substr(worked_on, 1, 7)`.as('month'),
      'person_id',
      (eb) => eb.fn.sum<number>('minutes').as('minutes'),
    ])
    .where('place_id', '=', placeId)
    .where('status', '=', 'confirmed')
    .where('worked_on', '>=', `${fromMonth}-01`);
  if (organisationId) q = q.where('organisation_id', '=', organisationId);
  // By volunteer too, so a report can tell how many people stand behind each number.
  const rows = await q.groupBy(['organisation_id', sql`substr(worked_on, 1, 7)`, 'person_id']).execute();
  return rows.map((r) => ({
    organisationId: r.organisation_id,
    month: r.month,
    personId: r.person_id,
    minutes: Number(r.minutes),
  }));
}

/** Each volunteer's first and last day of confirmed hours, for a place or one organisation. */
export async function volunteerSpans(db: Queryable, placeId: string, organisationId: string | null) {
  let q = db
    .selectFrom('volunteering_hours')
    .select([
      'person_id',
      (eb) => eb.fn.min<string>('worked_on').as('first'),
      (eb) => eb.fn.max<string>('worked_on').as('last'),
    ])
    .where('place_id', '=', placeId)
    .where('status', '=', 'confirmed');
  if (organisationId) q = q.where('organisation_id', '=', organisationId);
  const rows = await q.groupBy('person_id').execute();
  return rows.map((r) => ({ first: r.first, last: r.last }));
}
