/** Quarterly monitoring returns and the reminders officers send for them: SQL only. */
import { randomUUID } from 'node:crypto';
import { nowIso, type Queryable } from '../../db/index.js';
import type { ReturnReminderTable, ReturnState, ReturnTable } from './schema.js';

export interface MonitoringReturn {
  id: string;
  placeId: string;
  programmeId: string;
  organisationId: string;
  quarter: string;
  state: ReturnState;
  peopleReached: number | null;
  /** Tenths of an hour. */
  hoursTenths: number | null;
  story: string;
  differently: string;
  known: { checkins: number; attended: number; minutes: number };
  savedBy: string | null;
  savedAt: string;
  submittedBy: string | null;
  submittedAt: string | null;
}

export interface ReturnReminder {
  programmeId: string;
  organisationId: string;
  quarter: string;
  sentBy: string | null;
  sentAt: string;
}

function toReturn(r: ReturnTable): MonitoringReturn {
  return {
    id: r.id,
    placeId: r.place_id,
    programmeId: r.programme_id,
    organisationId: r.organisation_id,
    quarter: r.quarter,
    state: r.state,
    peopleReached: r.people_reached === null ? null : Number(r.people_reached),
    hoursTenths: r.hours_tenths === null ? null : Number(r.hours_tenths),
    story: r.story,
    differently: r.differently,
    known: {
      checkins: Number(r.known_checkins),
      attended: Number(r.known_attended),
      minutes: Number(r.known_minutes),
    },
    savedBy: r.saved_by,
    savedAt: r.saved_at,
    submittedBy: r.submitted_by,
    submittedAt: r.submitted_at,
  };
}

const toReminder = (r: ReturnReminderTable): ReturnReminder => ({
  programmeId: r.programme_id,
  organisationId: r.organisation_id,
  quarter: r.quarter,
  sentBy: r.sent_by,
  sentAt: r.sent_at,
});

export async function findReturn(
  db: Queryable,
  key: { placeId: string; programmeId: string; organisationId: string; quarter: string },
): Promise<MonitoringReturn | undefined> {
  const row = await db
    .selectFrom('outcomes_returns')
    .selectAll()
    .where('place_id', '=', key.placeId)
    .where('programme_id', '=', key.programmeId)
    .where('organisation_id', '=', key.organisationId)
    .where('quarter', '=', key.quarter)
    .executeTakeFirst();
  return row && toReturn(row);
}

/** A programme's returns for some quarters (drafts too), for the officer's page and the organiser's list. */
export async function returnsOf(
  db: Queryable,
  placeId: string,
  q: { programmeIds?: readonly string[]; organisationIds?: readonly string[]; quarters: readonly string[] },
): Promise<MonitoringReturn[]> {
  if (!q.quarters.length || q.programmeIds?.length === 0 || q.organisationIds?.length === 0) return [];
  let query = db
    .selectFrom('outcomes_returns')
    .selectAll()
    .where('place_id', '=', placeId)
    .where('quarter', 'in', [...q.quarters]);
  if (q.programmeIds) query = query.where('programme_id', 'in', [...q.programmeIds]);
  if (q.organisationIds) query = query.where('organisation_id', 'in', [...q.organisationIds]);
  return (await query.execute()).map(toReturn);
}

/** Submitted returns for quarters from one to another (both included), for the report, oldest first. */
export async function submittedReturnsBetween(
  db: Queryable,
  placeId: string,
  q: { programmeId?: string; fromQuarter: string; toQuarter: string },
): Promise<MonitoringReturn[]> {
  let query = db
    .selectFrom('outcomes_returns')
    .selectAll()
    .where('place_id', '=', placeId)
    .where('state', '=', 'submitted')
    .where('quarter', '>=', q.fromQuarter)
    .where('quarter', '<=', q.toQuarter);
  if (q.programmeId) query = query.where('programme_id', '=', q.programmeId);
  return (await query.orderBy('quarter').orderBy('submitted_at').execute()).map(toReturn);
}

export type ReturnValues = Pick<ReturnTable, 'people_reached' | 'hours_tenths' | 'story' | 'differently'> & {
  known_checkins: number;
  known_attended: number;
  known_minutes: number;
};

/** Writes a return's values as a draft or as submitted, creating it on its first save. */
export async function writeReturn(
  db: Queryable,
  key: { placeId: string; programmeId: string; organisationId: string; quarter: string },
  values: ReturnValues,
  by: { personId: string; submit: boolean; at?: string },
): Promise<string> {
  const now = by.at ?? nowIso();
  const existing = await findReturn(db, key);
  const submittedFields = by.submit
    ? { state: 'submitted' as const, submitted_by: by.personId, submitted_at: now }
    : existing
      ? {}
      : { state: 'draft' as const, submitted_by: null, submitted_at: null };
  if (existing) {
    await db
      .updateTable('outcomes_returns')
      .set({ ...values, ...submittedFields, saved_by: by.personId, saved_at: now })
      .where('id', '=', existing.id)
      .execute();
    return existing.id;
  }
  const id = randomUUID();
  await db
    .insertInto('outcomes_returns')
    .values({
      id,
      place_id: key.placeId,
      programme_id: key.programmeId,
      organisation_id: key.organisationId,
      quarter: key.quarter,
      state: 'draft',
      submitted_by: null,
      submitted_at: null,
      ...values,
      ...submittedFields,
      saved_by: by.personId,
      saved_at: now,
      created_at: now,
    })
    .execute();
  return id;
}

export async function remindersOf(
  db: Queryable,
  placeId: string,
  programmeId: string,
  quarter: string,
): Promise<ReturnReminder[]> {
  const rows = await db
    .selectFrom('outcomes_return_reminders')
    .selectAll()
    .where('place_id', '=', placeId)
    .where('programme_id', '=', programmeId)
    .where('quarter', '=', quarter)
    .execute();
  return rows.map(toReminder);
}

/** Records the quarter's one reminder to an organisation; false when one was already sent. */
export async function claimReminder(
  db: Queryable,
  row: { placeId: string; programmeId: string; organisationId: string; quarter: string; sentBy: string },
): Promise<boolean> {
  const result = await db
    .insertInto('outcomes_return_reminders')
    .values({
      place_id: row.placeId,
      programme_id: row.programmeId,
      organisation_id: row.organisationId,
      quarter: row.quarter,
      sent_by: row.sentBy,
      sent_at: nowIso(),
    })
    .onConflict((oc) => oc.columns(['programme_id', 'organisation_id', 'quarter']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function findReminder(
  db: Queryable,
  key: { placeId: string; programmeId: string; organisationId: string; quarter: string },
): Promise<ReturnReminder | undefined> {
  const row = await db
    .selectFrom('outcomes_return_reminders')
    .selectAll()
    .where('place_id', '=', key.placeId)
    .where('programme_id', '=', key.programmeId)
    .where('organisation_id', '=', key.organisationId)
    .where('quarter', '=', key.quarter)
    .executeTakeFirst();
  return row && toReminder(row);
}

/** Erasure: the returns stay (they are the organisation's), no longer saying who typed them. */
export async function eraseReturnPeople(db: Queryable, personId: string): Promise<void> {
  await db.updateTable('outcomes_returns').set({ saved_by: null }).where('saved_by', '=', personId).execute();
  await db.updateTable('outcomes_returns').set({ submitted_by: null }).where('submitted_by', '=', personId).execute();
  await db.updateTable('outcomes_return_reminders').set({ sent_by: null }).where('sent_by', '=', personId).execute();
}
