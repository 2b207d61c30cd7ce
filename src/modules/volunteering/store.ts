/**
 * Volunteering's queries about roles, their search words, shifts, sign-ups and
 * suggestions. SQL lives only in the module's store files (this one, checks-store.ts,
 * hours-store.ts and personal-data-store.ts). Rows come out normalised (numbers as
 * numbers, booleans as booleans) whichever database they came from.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { nowIso, type Queryable } from '../../db/index.js';
import type { Commitment, OpportunityStatus, OpportunityTable, Participation, SignupStatus } from './schema.js';

export interface Opportunity {
  id: string;
  placeId: string;
  organisationId: string;
  title: string;
  description: string;
  skills: string;
  timeCommitment: string;
  commitment: Commitment;
  accessibility: string;
  minimumAge: number | null;
  participation: Participation;
  remote: boolean;
  postcode: string;
  latitude: number | null;
  longitude: number | null;
  interests: number;
  requirements: string;
  days: number;
  times: number;
  status: OpportunityStatus;
  createdAt: string;
  updatedAt: string;
}

/** A role's row as read: every column but its search words and who made it. */
type OpportunityRow = Omit<OpportunityTable, 'search_text' | 'created_by' | 'closing_differently'>;

const toOpportunity = (r: OpportunityRow): Opportunity => ({
  id: r.id,
  placeId: r.place_id,
  organisationId: r.organisation_id,
  title: r.title,
  description: r.description,
  skills: r.skills,
  timeCommitment: r.time_commitment,
  commitment: r.commitment,
  accessibility: r.accessibility,
  minimumAge: r.minimum_age === null ? null : Number(r.minimum_age),
  participation: r.participation,
  remote: Number(r.remote) === 1,
  postcode: r.postcode,
  latitude: r.latitude === null ? null : Number(r.latitude),
  longitude: r.longitude === null ? null : Number(r.longitude),
  interests: Number(r.interests),
  requirements: r.requirements,
  days: Number(r.days),
  times: Number(r.times),
  status: r.status,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export type NewOpportunity = Omit<Opportunity, 'id' | 'createdAt' | 'updatedAt'> & { createdBy: string | null };

export async function insertOpportunity(db: Queryable, o: NewOpportunity, words: readonly string[]): Promise<string> {
  const id = randomUUID();
  const now = nowIso();
  await db
    .insertInto('volunteering_opportunities')
    .values({
      id,
      place_id: o.placeId,
      organisation_id: o.organisationId,
      title: o.title,
      description: o.description,
      skills: o.skills,
      time_commitment: o.timeCommitment,
      commitment: o.commitment,
      accessibility: o.accessibility,
      minimum_age: o.minimumAge,
      participation: o.participation,
      remote: o.remote ? 1 : 0,
      postcode: o.postcode,
      latitude: o.latitude,
      longitude: o.longitude,
      interests: o.interests,
      requirements: o.requirements,
      days: o.days,
      times: o.times,
      status: o.status,
      search_text: words.join(' '),
      created_by: o.createdBy,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await setWords(db, o.placeId, id, o.status === 'open' ? words : []);
  return id;
}

export type OpportunityChanges = Omit<NewOpportunity, 'placeId' | 'organisationId' | 'participation' | 'createdBy'>;

/** Rewrites a published role's text and settings and the words search finds it by (only while it is open). */
export async function updateOpportunity(
  db: Queryable,
  opportunity: { id: string; placeId: string },
  changes: OpportunityChanges,
  words: readonly string[],
): Promise<void> {
  await db
    .updateTable('volunteering_opportunities')
    .set({
      title: changes.title,
      description: changes.description,
      skills: changes.skills,
      time_commitment: changes.timeCommitment,
      commitment: changes.commitment,
      accessibility: changes.accessibility,
      minimum_age: changes.minimumAge,
      remote: changes.remote ? 1 : 0,
      postcode: changes.postcode,
      latitude: changes.latitude,
      longitude: changes.longitude,
      interests: changes.interests,
      requirements: changes.requirements,
      days: changes.days,
      times: changes.times,
      status: changes.status,
      search_text: words.join(' '),
      updated_at: nowIso(),
    })
    .where('id', '=', opportunity.id)
    .execute();
  await setWords(db, opportunity.placeId, opportunity.id, changes.status === 'open' ? words : []);
}

/** Search finds a role by its words only while it is open. */
async function setWords(db: Queryable, placeId: string, opportunityId: string, words: readonly string[]) {
  await db.deleteFrom('volunteering_opportunity_words').where('opportunity_id', '=', opportunityId).execute();
  if (words.length)
    await db
      .insertInto('volunteering_opportunity_words')
      .values(words.map((word) => ({ place_id: placeId, word, opportunity_id: opportunityId })))
      .execute();
}

/** Opens, closes or drafts a role; search finds it by its words only while it is open. */
export async function setOpportunityStatus(
  db: Queryable,
  o: { id: string; placeId: string; status: OpportunityStatus; closingDifferently?: string },
): Promise<void> {
  await db
    .updateTable('volunteering_opportunities')
    .set({
      status: o.status,
      ...(o.closingDifferently ? { closing_differently: o.closingDifferently } : {}),
      updated_at: nowIso(),
    })
    .where('id', '=', o.id)
    .execute();
  const row = await db
    .selectFrom('volunteering_opportunities')
    .select('search_text')
    .where('id', '=', o.id)
    .executeTakeFirst();
  await setWords(db, o.placeId, o.id, o.status === 'open' && row ? row.search_text.split(' ').filter(Boolean) : []);
}

/** Adds the weekdays and parts of the day its shifts fall on, so search by day finds it. */
export async function widenWhen(db: Queryable, id: string, days: number, times: number): Promise<void> {
  await db
    .updateTable('volunteering_opportunities')
    .set({ days: sql`days | ${days}`, times: sql`times | ${times}`, updated_at: nowIso() })
    .where('id', '=', id)
    .execute();
}

export async function findOpportunity(db: Queryable, id: string): Promise<Opportunity | undefined> {
  const r = await db.selectFrom('volunteering_opportunities').selectAll().where('id', '=', id).executeTakeFirst();
  return r && toOpportunity(r);
}

export async function opportunitiesOfOrganisation(
  db: Queryable,
  placeId: string,
  organisationId: string,
): Promise<Opportunity[]> {
  const rows = await db
    .selectFrom('volunteering_opportunities')
    .selectAll()
    .where('place_id', '=', placeId)
    .where('organisation_id', '=', organisationId)
    .orderBy('title')
    .execute();
  return rows.map(toOpportunity);
}

export async function opportunitiesByIds(db: Queryable, ids: readonly string[]): Promise<Map<string, Opportunity>> {
  if (!ids.length) return new Map();
  const rows = await db
    .selectFrom('volunteering_opportunities')
    .selectAll()
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, toOpportunity(r)]));
}

export interface SearchFilters {
  words: readonly string[];
  interests: number;
  days: number;
  times: number;
  commitment: Commitment | null;
  remoteOnly: boolean;
  /** A box around the searcher's point (from directory's boundingBox); the caller trims to the circle. */
  box: { minLat: number; maxLat: number; minLng: number; maxLng: number } | null;
}

/**
 * Open roles in a place matching every filter given, newest first. The query starts
 * from whatever narrows it most: the first word's rows in the words index, else the
 * box around the searcher's point (remote roles are fetched apart, so the box's range
 * on latitude can use its index), else the newest open roles. Newest first, then by
 * id, both descending, so the (place, status, updated_at, id) index reads in order.
 */
export async function searchOpportunities(
  db: Queryable,
  placeId: string,
  f: SearchFilters,
  limit: number,
): Promise<Opportunity[]> {
  let rows;
  if (f.box && !f.remoteOnly) {
    const [near, remote] = await Promise.all([
      opportunitySearch(db, placeId, f, limit, false).execute(),
      opportunitySearch(db, placeId, { ...f, box: null }, limit, true).execute(),
    ]);
    rows = [...near, ...remote]
      .sort((a, b) => (a.updated_at === b.updated_at ? (a.id < b.id ? 1 : -1) : a.updated_at < b.updated_at ? 1 : -1))
      .slice(0, limit);
  } else {
    rows = await opportunitySearch(db, placeId, { ...f, box: null }, limit, f.remoteOnly ? true : null).execute();
  }
  return rows.map(toOpportunity);
}

/** One of the search's queries (exported for the plan test): roles done in one place, remote ones, or either. */
export function opportunitySearch(
  db: Queryable,
  placeId: string,
  f: SearchFilters,
  limit: number,
  remote: boolean | null,
) {
  const [first, ...rest] = f.words;
  // A cross join tells SQLite to loop over the word's rows first (its planner would
  // otherwise walk every open role in date order to skip a sort); PostgreSQL plans it
  // as the inner join it is.
  let q = first
    ? db
        .selectFrom('volunteering_opportunity_words as w')
        .crossJoin('volunteering_opportunities as o')
        .whereRef('o.id', '=', 'w.opportunity_id')
        .selectAll('o')
        .where('w.place_id', '=', placeId)
        .where('w.word', '=', first)
    : db.selectFrom('volunteering_opportunities as o').selectAll('o').where('o.place_id', '=', placeId);
  q = q.where('o.status', '=', 'open');
  for (const word of rest) {
    q = q.where(
      'o.id',
      'in',
      db
        .selectFrom('volunteering_opportunity_words')
        .select('opportunity_id')
        .where('place_id', '=', placeId)
        .where('word', '=', word),
    );
  }
  if (f.interests) q = q.where(sql<boolean>`(o.interests & ${f.interests}) <> 0`);
  if (f.days) q = q.where(sql<boolean>`(o.days & ${f.days}) <> 0`);
  if (f.times) q = q.where(sql<boolean>`(o.times & ${f.times}) <> 0`);
  if (f.commitment) q = q.where('o.commitment', '=', f.commitment);
  if (remote !== null) q = q.where('o.remote', '=', remote ? 1 : 0);
  if (f.box) {
    const box = f.box;
    q = q
      .where('o.latitude', '>=', box.minLat)
      .where('o.latitude', '<=', box.maxLat)
      .where('o.longitude', '>=', box.minLng)
      .where('o.longitude', '<=', box.maxLng);
  }
  return q.orderBy('o.updated_at', 'desc').orderBy('o.id', 'desc').limit(limit);
}

// Shifts

export interface Shift {
  id: string;
  placeId: string;
  opportunityId: string;
  seriesId: string | null;
  startsAt: string;
  endsAt: string;
  places: number;
  cancelledAt: string | null;
  cancelReason: string | null;
}

const toShift = (r: {
  id: string;
  place_id: string;
  opportunity_id: string;
  series_id: string | null;
  starts_at: string;
  ends_at: string;
  places: number;
  cancelled_at: string | null;
  cancel_reason: string | null;
}): Shift => ({
  id: r.id,
  placeId: r.place_id,
  opportunityId: r.opportunity_id,
  seriesId: r.series_id,
  startsAt: r.starts_at,
  endsAt: r.ends_at,
  places: Number(r.places),
  cancelledAt: r.cancelled_at,
  cancelReason: r.cancel_reason,
});

export async function insertShifts(
  db: Queryable,
  s: {
    placeId: string;
    opportunityId: string;
    places: number;
    times: ReadonlyArray<{ startsAt: string; endsAt: string }>;
  },
): Promise<string[]> {
  const seriesId = s.times.length > 1 ? randomUUID() : null;
  const now = nowIso();
  const rows = s.times.map((t) => ({
    id: randomUUID(),
    place_id: s.placeId,
    opportunity_id: s.opportunityId,
    series_id: seriesId,
    starts_at: t.startsAt,
    ends_at: t.endsAt,
    places: s.places,
    cancelled_at: null,
    cancel_reason: null,
    created_at: now,
  }));
  await db.insertInto('volunteering_shifts').values(rows).execute();
  return rows.map((r) => r.id);
}

/** With `lock` (PostgreSQL), the shift's row stays locked until the transaction ends: sign-ups to it queue here. */
export async function findShift(
  db: Queryable,
  id: string,
  options: { lock?: boolean } = {},
): Promise<Shift | undefined> {
  let q = db.selectFrom('volunteering_shifts').selectAll().where('id', '=', id);
  if (options.lock) q = q.forUpdate();
  const r = await q.executeTakeFirst();
  return r && toShift(r);
}

/** A role's shifts ending after `from`; cancelled ones only when asked for (the coordinator's view). */
export async function shiftsOf(
  db: Queryable,
  opportunityId: string,
  from: string,
  options: { cancelled?: boolean } = {},
): Promise<Shift[]> {
  let q = db
    .selectFrom('volunteering_shifts')
    .selectAll()
    .where('opportunity_id', '=', opportunityId)
    .where('ends_at', '>=', from);
  if (!options.cancelled) q = q.where('cancelled_at', 'is', null);
  const rows = await q.orderBy('starts_at').limit(200).execute();
  return rows.map(toShift);
}

/** Marks a shift cancelled; false when it already was (a second click changes nothing). */
export async function markShiftCancelled(db: Queryable, id: string, reason: string): Promise<boolean> {
  const result = await db
    .updateTable('volunteering_shifts')
    .set({ cancelled_at: nowIso(), cancel_reason: reason })
    .where('id', '=', id)
    .where('cancelled_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function shiftsByIds(db: Queryable, ids: readonly string[]): Promise<Map<string, Shift>> {
  if (!ids.length) return new Map();
  const rows = await db
    .selectFrom('volunteering_shifts')
    .selectAll()
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, toShift(r)]));
}

/** Places held on each slot (confirmed and pending sign-ups). */
export async function heldBySlot(db: Queryable, slots: readonly string[]): Promise<Map<string, number>> {
  if (!slots.length) return new Map();
  const rows = await db
    .selectFrom('volunteering_signups')
    .select(['slot', (eb) => eb.fn.countAll<number>().as('n')])
    .where('slot', 'in', [...new Set(slots)])
    .where('status', 'in', ['confirmed', 'pending'])
    .groupBy('slot')
    .execute();
  return new Map(rows.map((r) => [r.slot, Number(r.n)]));
}

// Sign-ups

export interface Signup {
  id: string;
  placeId: string;
  organisationId: string;
  opportunityId: string;
  shiftId: string | null;
  slot: string;
  personId: string;
  status: SignupStatus;
  message: string;
  reply: string | null;
  respondedAt: string | null;
  attended: 'yes' | 'no' | null;
  createdAt: string;
}

type SignupRow = {
  id: string;
  place_id: string;
  organisation_id: string;
  opportunity_id: string;
  shift_id: string | null;
  slot: string;
  person_id: string;
  status: SignupStatus;
  message: string;
  reply: string | null;
  responded_at: string | null;
  attended: 'yes' | 'no' | null;
  created_at: string;
};

export const toSignup = (r: SignupRow): Signup => ({
  id: r.id,
  placeId: r.place_id,
  organisationId: r.organisation_id,
  opportunityId: r.opportunity_id,
  shiftId: r.shift_id,
  slot: r.slot,
  personId: r.person_id,
  status: r.status,
  message: r.message,
  reply: r.reply,
  respondedAt: r.responded_at,
  attended: r.attended,
  createdAt: r.created_at,
});

export const OPEN_STATUSES: SignupStatus[] = ['interested', 'pending', 'confirmed', 'waiting'];

export async function insertSignup(
  db: Queryable,
  s: Omit<Signup, 'id' | 'reply' | 'respondedAt' | 'attended' | 'createdAt'>,
): Promise<string> {
  const id = randomUUID();
  const now = nowIso();
  await db
    .insertInto('volunteering_signups')
    .values({
      id,
      place_id: s.placeId,
      organisation_id: s.organisationId,
      opportunity_id: s.opportunityId,
      shift_id: s.shiftId,
      slot: s.slot,
      person_id: s.personId,
      status: s.status,
      message: s.message,
      reply: null,
      responded_at: null,
      attended: null,
      reminder_sent_at: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

export async function findSignup(
  db: Queryable,
  id: string,
  options: { lock?: boolean } = {},
): Promise<Signup | undefined> {
  let q = db.selectFrom('volunteering_signups').selectAll().where('id', '=', id);
  if (options.lock) q = q.forUpdate();
  const r = await q.executeTakeFirst();
  return r && toSignup(r);
}

export async function openSignupOf(db: Queryable, slot: string, personId: string): Promise<Signup | undefined> {
  const r = await db
    .selectFrom('volunteering_signups')
    .selectAll()
    .where('slot', '=', slot)
    .where('person_id', '=', personId)
    .where('status', 'in', OPEN_STATUSES)
    .executeTakeFirst();
  return r && toSignup(r);
}

export async function updateSignup(
  db: Queryable,
  id: string,
  changes: {
    status?: SignupStatus;
    reply?: string | null;
    responded_at?: string | null;
    attended?: 'yes' | 'no' | null;
    reminder_sent_at?: string;
  },
): Promise<void> {
  await db
    .updateTable('volunteering_signups')
    .set({ ...changes, updated_at: nowIso() })
    .where('id', '=', id)
    .execute();
}

/** Confirmed sign-ups to a role's shifts that start after `from` and are not cancelled, with when each starts. */
export async function confirmedOnUpcomingShifts(
  db: Queryable,
  opportunityId: string,
  from: string,
): Promise<Array<Signup & { startsAt: string }>> {
  const rows = await db
    .selectFrom('volunteering_signups as s')
    .innerJoin('volunteering_shifts as sh', 'sh.id', 's.shift_id')
    .selectAll('s')
    .select('sh.starts_at')
    .where('s.opportunity_id', '=', opportunityId)
    .where('s.status', '=', 'confirmed')
    .where('sh.starts_at', '>', from)
    .where('sh.cancelled_at', 'is', null)
    .orderBy('sh.starts_at')
    .orderBy('s.id')
    .execute();
  return rows.map((r) => ({ ...toSignup(r), startsAt: r.starts_at }));
}

/** The longest-waiting person on a slot's waiting list. */
export async function firstWaiting(db: Queryable, slot: string): Promise<Signup | undefined> {
  const r = await db
    .selectFrom('volunteering_signups')
    .selectAll()
    .where('slot', '=', slot)
    .where('status', '=', 'waiting')
    .orderBy('created_at')
    .orderBy('id')
    .executeTakeFirst();
  return r && toSignup(r);
}

export async function signupsOfPerson(db: Queryable, placeId: string, personId: string): Promise<Signup[]> {
  const rows = await db
    .selectFrom('volunteering_signups')
    .selectAll()
    .where('person_id', '=', personId)
    .where('place_id', '=', placeId)
    .orderBy('created_at', 'desc')
    .limit(500)
    .execute();
  return rows.map(toSignup);
}

/** New interest and sign-ups held for a check, oldest first: what a coordinator must answer. */
export async function signupsAwaiting(db: Queryable, placeId: string, organisationId: string): Promise<Signup[]> {
  const rows = await db
    .selectFrom('volunteering_signups')
    .selectAll()
    .where('place_id', '=', placeId)
    .where('organisation_id', '=', organisationId)
    .where('status', 'in', ['interested', 'pending'])
    .orderBy('created_at')
    .limit(500)
    .execute();
  return rows.map(toSignup);
}

export async function signupsOfSlot(db: Queryable, slot: string): Promise<Signup[]> {
  const rows = await db
    .selectFrom('volunteering_signups')
    .selectAll()
    .where('slot', '=', slot)
    .where('status', 'in', OPEN_STATUSES)
    .orderBy('created_at')
    .execute();
  return rows.map(toSignup);
}

/** Whether the person has a confirmed place on any of the role's shifts (or the flexible role). */
export async function isConfirmedFor(db: Queryable, opportunityId: string, personId: string): Promise<boolean> {
  const r = await db
    .selectFrom('volunteering_signups')
    .select('id')
    .where('opportunity_id', '=', opportunityId)
    .where('person_id', '=', personId)
    .where('status', '=', 'confirmed')
    .executeTakeFirst();
  return r !== undefined;
}

/** Confirmed sign-ups to shifts starting between two instants that have not been reminded. */
export async function signupsToRemind(
  db: Queryable,
  from: string,
  until: string,
): Promise<Array<Signup & { startsAt: string }>> {
  const rows = await db
    .selectFrom('volunteering_signups as s')
    .innerJoin('volunteering_shifts as sh', 'sh.id', 's.shift_id')
    .selectAll('s')
    .select('sh.starts_at')
    .where('sh.starts_at', '>', from)
    .where('sh.starts_at', '<=', until)
    .where('sh.cancelled_at', 'is', null)
    .where('s.status', '=', 'confirmed')
    .where('s.reminder_sent_at', 'is', null)
    .limit(1000)
    .execute();
  return rows.map((r) => ({ ...toSignup(r), startsAt: r.starts_at }));
}

// Suggestions

export interface Suggestion {
  id: string;
  placeId: string;
  organisationId: string;
  title: string;
  detail: string;
  suggestedBy: string | null;
  status: 'new' | 'taken' | 'declined';
  opportunityId: string | null;
  response: string | null;
  createdAt: string;
}

const toSuggestion = (r: {
  id: string;
  place_id: string;
  organisation_id: string;
  title: string;
  detail: string;
  suggested_by: string | null;
  status: 'new' | 'taken' | 'declined';
  opportunity_id: string | null;
  response: string | null;
  created_at: string;
}): Suggestion => ({
  id: r.id,
  placeId: r.place_id,
  organisationId: r.organisation_id,
  title: r.title,
  detail: r.detail,
  suggestedBy: r.suggested_by,
  status: r.status,
  opportunityId: r.opportunity_id,
  response: r.response,
  createdAt: r.created_at,
});

export async function insertSuggestion(
  db: Queryable,
  s: { placeId: string; organisationId: string; title: string; detail: string; suggestedBy: string },
): Promise<string> {
  const id = randomUUID();
  const now = nowIso();
  await db
    .insertInto('volunteering_suggestions')
    .values({
      id,
      place_id: s.placeId,
      organisation_id: s.organisationId,
      title: s.title,
      detail: s.detail,
      suggested_by: s.suggestedBy,
      status: 'new',
      opportunity_id: null,
      response: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

export async function findSuggestion(db: Queryable, id: string): Promise<Suggestion | undefined> {
  const r = await db.selectFrom('volunteering_suggestions').selectAll().where('id', '=', id).executeTakeFirst();
  return r && toSuggestion(r);
}

export async function newSuggestions(db: Queryable, placeId: string, organisationId: string): Promise<Suggestion[]> {
  const rows = await db
    .selectFrom('volunteering_suggestions')
    .selectAll()
    .where('place_id', '=', placeId)
    .where('organisation_id', '=', organisationId)
    .where('status', '=', 'new')
    .orderBy('created_at')
    .limit(200)
    .execute();
  return rows.map(toSuggestion);
}

export async function suggestionsBy(db: Queryable, placeId: string, personId: string): Promise<Suggestion[]> {
  const rows = await db
    .selectFrom('volunteering_suggestions')
    .selectAll()
    .where('place_id', '=', placeId)
    .where('suggested_by', '=', personId)
    .orderBy('created_at', 'desc')
    .limit(200)
    .execute();
  return rows.map(toSuggestion);
}

/** Answers a new suggestion; false when it was already answered. */
export async function answerSuggestion(
  db: Queryable,
  id: string,
  a: { status: 'taken' | 'declined'; opportunityId: string | null; response: string | null },
): Promise<boolean> {
  const result = await db
    .updateTable('volunteering_suggestions')
    .set({ status: a.status, opportunity_id: a.opportunityId, response: a.response, updated_at: nowIso() })
    .where('id', '=', id)
    .where('status', '=', 'new')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
