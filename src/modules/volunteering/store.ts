/**
 * Volunteering's queries: the only file in the module that knows SQL. Rows come out
 * normalised (numbers as numbers, booleans as booleans) whichever database they came from.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { nowIso, type Queryable } from '../../db/index.js';
import type { CheckKind, Commitment, HoursStatus, OpportunityStatus, Participation, SignupStatus } from './schema.js';

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

type OpportunityRow = {
  id: string; place_id: string; organisation_id: string; title: string; description: string; skills: string; time_commitment: string; commitment: Commitment;
  accessibility: string; minimum_age: number | null; participation: Participation; remote: number; postcode: string; latitude: number | null; longitude: number | null;
  interests: number; requirements: string; days: number; times: number; status: OpportunityStatus; created_at: string; updated_at: string;
};

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
      id, place_id: o.placeId, organisation_id: o.organisationId, title: o.title, description: o.description, skills: o.skills, time_commitment: o.timeCommitment,
      commitment: o.commitment, accessibility: o.accessibility, minimum_age: o.minimumAge, participation: o.participation, remote: o.remote ? 1 : 0,
      postcode: o.postcode, latitude: o.latitude, longitude: o.longitude, interests: o.interests, requirements: o.requirements, days: o.days, times: o.times,
      status: o.status, search_text: words.join(' '), created_by: o.createdBy, created_at: now, updated_at: now,
    })
    .execute();
  await setWords(db, o.placeId, id, o.status === 'open' ? words : []);
  return id;
}

export type OpportunityChanges = Omit<NewOpportunity, 'placeId' | 'organisationId' | 'participation' | 'createdBy'>;

/** Rewrites a published role's text and settings and the words search finds it by (only while it is open). */
export async function updateOpportunity(db: Queryable, o: { id: string; placeId: string }, c: OpportunityChanges, words: readonly string[]): Promise<void> {
  await db
    .updateTable('volunteering_opportunities')
    .set({
      title: c.title, description: c.description, skills: c.skills, time_commitment: c.timeCommitment, commitment: c.commitment, accessibility: c.accessibility,
      minimum_age: c.minimumAge, remote: c.remote ? 1 : 0, postcode: c.postcode, latitude: c.latitude, longitude: c.longitude, interests: c.interests,
      requirements: c.requirements, days: c.days, times: c.times, status: c.status, search_text: words.join(' '), updated_at: nowIso(),
    })
    .where('id', '=', o.id)
    .execute();
  await setWords(db, o.placeId, o.id, c.status === 'open' ? words : []);
}

/** Search finds a role by its words only while it is open. */
async function setWords(db: Queryable, placeId: string, opportunityId: string, words: readonly string[]) {
  await db.deleteFrom('volunteering_opportunity_words').where('opportunity_id', '=', opportunityId).execute();
  if (words.length) await db.insertInto('volunteering_opportunity_words').values(words.map((word) => ({ place_id: placeId, word, opportunity_id: opportunityId }))).execute();
}

/** Opens, closes or drafts a role; search finds it by its words only while it is open. */
export async function setOpportunityStatus(db: Queryable, o: { id: string; placeId: string; status: OpportunityStatus }): Promise<void> {
  await db.updateTable('volunteering_opportunities').set({ status: o.status, updated_at: nowIso() }).where('id', '=', o.id).execute();
  const row = await db.selectFrom('volunteering_opportunities').select('search_text').where('id', '=', o.id).executeTakeFirst();
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

export async function opportunitiesOfOrganisation(db: Queryable, placeId: string, organisationId: string): Promise<Opportunity[]> {
  const rows = await db.selectFrom('volunteering_opportunities').selectAll().where('place_id', '=', placeId).where('organisation_id', '=', organisationId).orderBy('title').execute();
  return rows.map(toOpportunity);
}

export async function opportunitiesByIds(db: Queryable, ids: readonly string[]): Promise<Map<string, Opportunity>> {
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('volunteering_opportunities').selectAll().where('id', 'in', [...new Set(ids)]).execute();
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
export async function searchOpportunities(db: Queryable, placeId: string, f: SearchFilters, limit: number): Promise<Opportunity[]> {
  let rows;
  if (f.box && !f.remoteOnly) {
    const [near, remote] = await Promise.all([opportunitySearch(db, placeId, f, limit, false).execute(), opportunitySearch(db, placeId, { ...f, box: null }, limit, true).execute()]);
    rows = [...near, ...remote].sort((a, b) => (a.updated_at === b.updated_at ? (a.id < b.id ? 1 : -1) : a.updated_at < b.updated_at ? 1 : -1)).slice(0, limit);
  } else {
    rows = await opportunitySearch(db, placeId, { ...f, box: null }, limit, f.remoteOnly ? true : null).execute();
  }
  return rows.map(toOpportunity);
}

/** One of the search's queries (exported for the plan test): roles done in one place, remote ones, or either. */
export function opportunitySearch(db: Queryable, placeId: string, f: SearchFilters, limit: number, remote: boolean | null) {
  const [first, ...rest] = f.words;
  // A cross join tells SQLite to loop over the word's rows first (its planner would
  // otherwise walk every open role in date order to skip a sort); PostgreSQL plans it
  // as the inner join it is.
  let q = first
    ? db.selectFrom('volunteering_opportunity_words as w').crossJoin('volunteering_opportunities as o').whereRef('o.id', '=', 'w.opportunity_id').selectAll('o').where('w.place_id', '=', placeId).where('w.word', '=', first)
    : db.selectFrom('volunteering_opportunities as o').selectAll('o').where('o.place_id', '=', placeId);
  q = q.where('o.status', '=', 'open');
  for (const word of rest) {
    q = q.where('o.id', 'in', db.selectFrom('volunteering_opportunity_words').select('opportunity_id').where('place_id', '=', placeId).where('word', '=', word));
  }
  if (f.interests) q = q.where(sql<boolean>`(o.interests & ${f.interests}) <> 0`);
  if (f.days) q = q.where(sql<boolean>`(o.days & ${f.days}) <> 0`);
  if (f.times) q = q.where(sql<boolean>`(o.times & ${f.times}) <> 0`);
  if (f.commitment) q = q.where('o.commitment', '=', f.commitment);
  if (remote !== null) q = q.where('o.remote', '=', remote ? 1 : 0);
  if (f.box) {
    const box = f.box;
    q = q.where('o.latitude', '>=', box.minLat).where('o.latitude', '<=', box.maxLat).where('o.longitude', '>=', box.minLng).where('o.longitude', '<=', box.maxLng);
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

const toShift = (r: { id: string; place_id: string; opportunity_id: string; series_id: string | null; starts_at: string; ends_at: string; places: number; cancelled_at: string | null; cancel_reason: string | null }): Shift => ({
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

export async function insertShifts(db: Queryable, s: { placeId: string; opportunityId: string; places: number; times: ReadonlyArray<{ startsAt: string; endsAt: string }> }): Promise<string[]> {
  const seriesId = s.times.length > 1 ? randomUUID() : null;
  const now = nowIso();
  const rows = s.times.map((t) => ({ id: randomUUID(), place_id: s.placeId, opportunity_id: s.opportunityId, series_id: seriesId, starts_at: t.startsAt, ends_at: t.endsAt, places: s.places, cancelled_at: null, cancel_reason: null, created_at: now }));
  await db.insertInto('volunteering_shifts').values(rows).execute();
  return rows.map((r) => r.id);
}

/** With `lock` (PostgreSQL), the shift's row stays locked until the transaction ends: sign-ups to it queue here. */
export async function findShift(db: Queryable, id: string, options: { lock?: boolean } = {}): Promise<Shift | undefined> {
  let q = db.selectFrom('volunteering_shifts').selectAll().where('id', '=', id);
  if (options.lock) q = q.forUpdate();
  const r = await q.executeTakeFirst();
  return r && toShift(r);
}

/** A role's shifts ending after `from`; cancelled ones only when asked for (the coordinator's view). */
export async function shiftsOf(db: Queryable, opportunityId: string, from: string, options: { cancelled?: boolean } = {}): Promise<Shift[]> {
  let q = db.selectFrom('volunteering_shifts').selectAll().where('opportunity_id', '=', opportunityId).where('ends_at', '>=', from);
  if (!options.cancelled) q = q.where('cancelled_at', 'is', null);
  const rows = await q.orderBy('starts_at').limit(200).execute();
  return rows.map(toShift);
}

/** Marks a shift cancelled; false when it already was (a second click changes nothing). */
export async function markShiftCancelled(db: Queryable, id: string, reason: string): Promise<boolean> {
  const result = await db.updateTable('volunteering_shifts').set({ cancelled_at: nowIso(), cancel_reason: reason }).where('id', '=', id).where('cancelled_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function shiftsByIds(db: Queryable, ids: readonly string[]): Promise<Map<string, Shift>> {
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('volunteering_shifts').selectAll().where('id', 'in', [...new Set(ids)]).execute();
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
  id: string; place_id: string; organisation_id: string; opportunity_id: string; shift_id: string | null; slot: string; person_id: string; status: SignupStatus;
  message: string; reply: string | null; responded_at: string | null; attended: 'yes' | 'no' | null; created_at: string;
};

const toSignup = (r: SignupRow): Signup => ({
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

export async function insertSignup(db: Queryable, s: Omit<Signup, 'id' | 'reply' | 'respondedAt' | 'attended' | 'createdAt'>): Promise<string> {
  const id = randomUUID();
  const now = nowIso();
  await db
    .insertInto('volunteering_signups')
    .values({
      id, place_id: s.placeId, organisation_id: s.organisationId, opportunity_id: s.opportunityId, shift_id: s.shiftId, slot: s.slot, person_id: s.personId,
      status: s.status, message: s.message, reply: null, responded_at: null, attended: null, reminder_sent_at: null, created_at: now, updated_at: now,
    })
    .execute();
  return id;
}

export async function findSignup(db: Queryable, id: string, options: { lock?: boolean } = {}): Promise<Signup | undefined> {
  let q = db.selectFrom('volunteering_signups').selectAll().where('id', '=', id);
  if (options.lock) q = q.forUpdate();
  const r = await q.executeTakeFirst();
  return r && toSignup(r);
}

export async function openSignupOf(db: Queryable, slot: string, personId: string): Promise<Signup | undefined> {
  const r = await db.selectFrom('volunteering_signups').selectAll().where('slot', '=', slot).where('person_id', '=', personId).where('status', 'in', OPEN_STATUSES).executeTakeFirst();
  return r && toSignup(r);
}

export async function updateSignup(db: Queryable, id: string, changes: { status?: SignupStatus; reply?: string | null; responded_at?: string | null; attended?: 'yes' | 'no' | null; reminder_sent_at?: string }): Promise<void> {
  await db.updateTable('volunteering_signups').set({ ...changes, updated_at: nowIso() }).where('id', '=', id).execute();
}

/** Confirmed sign-ups to a role's shifts that start after `from` and are not cancelled, with when each starts. */
export async function confirmedOnUpcomingShifts(db: Queryable, opportunityId: string, from: string): Promise<Array<Signup & { startsAt: string }>> {
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
  const r = await db.selectFrom('volunteering_signups').selectAll().where('slot', '=', slot).where('status', '=', 'waiting').orderBy('created_at').orderBy('id').executeTakeFirst();
  return r && toSignup(r);
}

export async function signupsOfPerson(db: Queryable, placeId: string, personId: string): Promise<Signup[]> {
  const rows = await db.selectFrom('volunteering_signups').selectAll().where('person_id', '=', personId).where('place_id', '=', placeId).orderBy('created_at', 'desc').limit(500).execute();
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
  const rows = await db.selectFrom('volunteering_signups').selectAll().where('slot', '=', slot).where('status', 'in', OPEN_STATUSES).orderBy('created_at').execute();
  return rows.map(toSignup);
}

/** Whether the person has a confirmed place on any of the role's shifts (or the flexible role). */
export async function isConfirmedFor(db: Queryable, opportunityId: string, personId: string): Promise<boolean> {
  const r = await db.selectFrom('volunteering_signups').select('id').where('opportunity_id', '=', opportunityId).where('person_id', '=', personId).where('status', '=', 'confirmed').executeTakeFirst();
  return r !== undefined;
}

/** Confirmed sign-ups to shifts starting between two instants that have not been reminded. */
export async function signupsToRemind(db: Queryable, from: string, until: string): Promise<Array<Signup & { startsAt: string }>> {
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

// Volunteers, checks and consent

export async function birthDateOf(db: Queryable, placeId: string, personId: string): Promise<string | null> {
  const r = await db.selectFrom('volunteering_volunteers').select('birth_date').where('place_id', '=', placeId).where('person_id', '=', personId).executeTakeFirst();
  return r?.birth_date ?? null;
}

export async function setBirthDate(db: Queryable, placeId: string, personId: string, birthDate: string): Promise<void> {
  const now = nowIso();
  await db
    .insertInto('volunteering_volunteers')
    .values({ place_id: placeId, person_id: personId, birth_date: birthDate, created_at: now, updated_at: now })
    .onConflict((oc) => oc.columns(['place_id', 'person_id']).doUpdateSet({ birth_date: birthDate, updated_at: now }))
    .execute();
}

export interface Check {
  id: string;
  organisationId: string;
  personId: string;
  kind: CheckKind;
  checkedOn: string;
  expiresOn: string | null;
  note: string;
  recordedAt: string;
}

const toCheck = (r: { id: string; organisation_id: string; person_id: string; kind: CheckKind; checked_on: string; expires_on: string | null; note: string; recorded_at: string }): Check => ({
  id: r.id,
  organisationId: r.organisation_id,
  personId: r.person_id,
  kind: r.kind,
  checkedOn: r.checked_on,
  expiresOn: r.expires_on,
  note: r.note,
  recordedAt: r.recorded_at,
});

export async function insertCheck(db: Queryable, c: { placeId: string; organisationId: string; personId: string; kind: CheckKind; checkedOn: string; expiresOn: string | null; note: string; recordedBy: string }): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('volunteering_checks')
    .values({ id, place_id: c.placeId, organisation_id: c.organisationId, person_id: c.personId, kind: c.kind, checked_on: c.checkedOn, expires_on: c.expiresOn, note: c.note, recorded_by: c.recordedBy, recorded_at: nowIso(), expiry_warned_at: null })
    .execute();
  return id;
}

export async function checksOf(db: Queryable, organisationId: string, personId: string): Promise<Check[]> {
  const rows = await db.selectFrom('volunteering_checks').selectAll().where('organisation_id', '=', organisationId).where('person_id', '=', personId).orderBy('checked_on', 'desc').execute();
  return rows.map(toCheck);
}

export async function checksOfPerson(db: Queryable, placeId: string, personId: string): Promise<Check[]> {
  const rows = await db.selectFrom('volunteering_checks').selectAll().where('place_id', '=', placeId).where('person_id', '=', personId).orderBy('checked_on', 'desc').execute();
  return rows.map(toCheck);
}

/** An organisation's checks that expire between two days (YYYY-MM-DD), soonest first. */
export async function checksExpiring(db: Queryable, placeId: string, organisationId: string, from: string, until: string): Promise<Check[]> {
  const rows = await db
    .selectFrom('volunteering_checks')
    .selectAll()
    .where('place_id', '=', placeId)
    .where('organisation_id', '=', organisationId)
    .where('expires_on', '>=', from)
    .where('expires_on', '<=', until)
    .orderBy('expires_on')
    .execute();
  return rows.map(toCheck);
}

/** Every place's checks expiring by `until` that nobody has been warned about yet. */
export async function checksToWarn(db: Queryable, from: string, until: string): Promise<Array<Check & { placeId: string }>> {
  const rows = await db.selectFrom('volunteering_checks').selectAll().where('expires_on', '>=', from).where('expires_on', '<=', until).where('expiry_warned_at', 'is', null).limit(1000).execute();
  return rows.map((r) => ({ ...toCheck(r), placeId: r.place_id }));
}

export async function markCheckWarned(db: Queryable, id: string): Promise<void> {
  await db.updateTable('volunteering_checks').set({ expiry_warned_at: nowIso() }).where('id', '=', id).execute();
}

export async function insertConsent(db: Queryable, c: { placeId: string; organisationId: string; personId: string; guardianName: string; relationship: string; givenOn: string; recordedBy: string }): Promise<void> {
  await db
    .insertInto('volunteering_consents')
    .values({ id: randomUUID(), place_id: c.placeId, organisation_id: c.organisationId, person_id: c.personId, guardian_name: c.guardianName, relationship: c.relationship, given_on: c.givenOn, recorded_by: c.recordedBy, recorded_at: nowIso() })
    .execute();
}

export async function consentsOf(db: Queryable, organisationId: string, personId: string) {
  return db.selectFrom('volunteering_consents').select(['guardian_name', 'relationship', 'given_on']).where('organisation_id', '=', organisationId).where('person_id', '=', personId).orderBy('given_on', 'desc').execute();
}

// Hours and thanks

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
  id: string; place_id: string; organisation_id: string; opportunity_id: string | null; person_id: string; worked_on: string; minutes: number; note: string;
  status: HoursStatus; reject_reason: string | null; credit: string | null; created_at: string;
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

export async function insertHours(db: Queryable, h: { placeId: string; organisationId: string; opportunityId: string; shiftId?: string; personId: string; workedOn: string; minutes: number; note: string; loggedBy: string }): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('volunteering_hours')
    .values({
      id, place_id: h.placeId, organisation_id: h.organisationId, opportunity_id: h.opportunityId, shift_id: h.shiftId ?? null, person_id: h.personId, worked_on: h.workedOn, minutes: h.minutes,
      note: h.note, status: 'logged', logged_by: h.loggedBy, decided_by: null, decided_at: null, reject_reason: null, credit: null, created_at: nowIso(),
    })
    .execute();
  return id;
}

/** The people who already have hours (any status but rejected) for a shift. */
export async function peopleWithHoursFor(db: Queryable, shiftId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('volunteering_hours').select('person_id').where('shift_id', '=', shiftId).where('status', '<>', 'rejected').execute();
  return new Set(rows.map((r) => r.person_id));
}

export async function findHours(db: Queryable, id: string, options: { lock?: boolean } = {}): Promise<Hours | undefined> {
  let q = db.selectFrom('volunteering_hours').selectAll().where('id', '=', id);
  if (options.lock) q = q.forUpdate();
  const r = await q.executeTakeFirst();
  return r && toHours(r);
}

/** Decides logged hours; false when they were already decided (a second click, or a race). */
export async function decideHours(db: Queryable, id: string, d: { status: 'confirmed' | 'rejected'; decidedBy: string; rejectReason: string | null; credit: string | null }): Promise<boolean> {
  const result = await db
    .updateTable('volunteering_hours')
    .set({ status: d.status, decided_by: d.decidedBy, decided_at: nowIso(), reject_reason: d.rejectReason, credit: d.credit })
    .where('id', '=', id)
    .where('status', '=', 'logged')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function hoursOfPerson(db: Queryable, placeId: string, personId: string): Promise<Hours[]> {
  const rows = await db.selectFrom('volunteering_hours').selectAll().where('person_id', '=', personId).where('place_id', '=', placeId).orderBy('worked_on', 'desc').limit(1000).execute();
  return rows.map(toHours);
}

export async function hoursToConfirm(db: Queryable, placeId: string, organisationId: string): Promise<Hours[]> {
  const rows = await db.selectFrom('volunteering_hours').selectAll().where('place_id', '=', placeId).where('organisation_id', '=', organisationId).where('status', '=', 'logged').orderBy('worked_on').limit(500).execute();
  return rows.map(toHours);
}

export async function insertThanks(db: Queryable, t: { placeId: string; organisationId: string; personId: string; message: string; sentBy: string }): Promise<void> {
  await db.insertInto('volunteering_thanks').values({ id: randomUUID(), place_id: t.placeId, organisation_id: t.organisationId, person_id: t.personId, message: t.message, sent_by: t.sentBy, created_at: nowIso() }).execute();
}

export async function thanksOf(db: Queryable, placeId: string, personId: string) {
  const rows = await db.selectFrom('volunteering_thanks').select(['organisation_id', 'message', 'created_at']).where('person_id', '=', personId).where('place_id', '=', placeId).orderBy('created_at', 'desc').execute();
  return rows.map((r) => ({ organisationId: r.organisation_id, message: r.message, createdAt: r.created_at }));
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

const toSuggestion = (r: { id: string; place_id: string; organisation_id: string; title: string; detail: string; suggested_by: string | null; status: 'new' | 'taken' | 'declined'; opportunity_id: string | null; response: string | null; created_at: string }): Suggestion => ({
  id: r.id, placeId: r.place_id, organisationId: r.organisation_id, title: r.title, detail: r.detail, suggestedBy: r.suggested_by, status: r.status, opportunityId: r.opportunity_id, response: r.response, createdAt: r.created_at,
});

export async function insertSuggestion(db: Queryable, s: { placeId: string; organisationId: string; title: string; detail: string; suggestedBy: string }): Promise<string> {
  const id = randomUUID();
  const now = nowIso();
  await db.insertInto('volunteering_suggestions').values({ id, place_id: s.placeId, organisation_id: s.organisationId, title: s.title, detail: s.detail, suggested_by: s.suggestedBy, status: 'new', opportunity_id: null, response: null, created_at: now, updated_at: now }).execute();
  return id;
}

export async function findSuggestion(db: Queryable, id: string): Promise<Suggestion | undefined> {
  const r = await db.selectFrom('volunteering_suggestions').selectAll().where('id', '=', id).executeTakeFirst();
  return r && toSuggestion(r);
}

export async function newSuggestions(db: Queryable, placeId: string, organisationId: string): Promise<Suggestion[]> {
  const rows = await db.selectFrom('volunteering_suggestions').selectAll().where('place_id', '=', placeId).where('organisation_id', '=', organisationId).where('status', '=', 'new').orderBy('created_at').limit(200).execute();
  return rows.map(toSuggestion);
}

export async function suggestionsBy(db: Queryable, placeId: string, personId: string): Promise<Suggestion[]> {
  const rows = await db.selectFrom('volunteering_suggestions').selectAll().where('place_id', '=', placeId).where('suggested_by', '=', personId).orderBy('created_at', 'desc').limit(200).execute();
  return rows.map(toSuggestion);
}

/** Answers a new suggestion; false when it was already answered. */
export async function answerSuggestion(db: Queryable, id: string, a: { status: 'taken' | 'declined'; opportunityId: string | null; response: string | null }): Promise<boolean> {
  const result = await db.updateTable('volunteering_suggestions').set({ status: a.status, opportunity_id: a.opportunityId, response: a.response, updated_at: nowIso() }).where('id', '=', id).where('status', '=', 'new').executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

// Personal data

export async function everythingAbout(db: Queryable, personId: string) {
  const [signups, volunteer, checks, consents, hours, thanks, suggestions] = await Promise.all([
    db.selectFrom('volunteering_signups').select(['opportunity_id', 'shift_id', 'status', 'message', 'reply', 'attended', 'created_at']).where('person_id', '=', personId).execute(),
    db.selectFrom('volunteering_volunteers').select(['place_id', 'birth_date']).where('person_id', '=', personId).execute(),
    db.selectFrom('volunteering_checks').select(['organisation_id', 'kind', 'checked_on', 'expires_on', 'note']).where('person_id', '=', personId).execute(),
    db.selectFrom('volunteering_consents').select(['organisation_id', 'guardian_name', 'relationship', 'given_on']).where('person_id', '=', personId).execute(),
    db.selectFrom('volunteering_hours').select(['organisation_id', 'opportunity_id', 'worked_on', 'minutes', 'note', 'status']).where('person_id', '=', personId).execute(),
    db.selectFrom('volunteering_thanks').select(['organisation_id', 'message', 'created_at']).where('person_id', '=', personId).execute(),
    db.selectFrom('volunteering_suggestions').select(['organisation_id', 'title', 'detail', 'status', 'response', 'created_at']).where('suggested_by', '=', personId).execute(),
  ]);
  return { signups, volunteer, checks, consents, hours, thanks, suggestions };
}

/**
 * Erasure: sign-ups, checks, consent and thanks go; suggestions stay, unattributed; hours stay as numbers under an id
 * of their own that points at nobody, so an organisation's totals do not change. The
 * roles the person created stay (they are the organisation's), without their name.
 * Returns the places they held on shifts still to come, for the caller to offer to
 * each shift's waiting list in the same transaction; with `lock` (PostgreSQL) those
 * shifts' rows are locked before the places are freed, as a cancellation does.
 */
export async function eraseVolunteer(db: Queryable, personId: string, options: { lock?: boolean } = {}): Promise<Signup[]> {
  const held = await db
    .selectFrom('volunteering_signups as s')
    .innerJoin('volunteering_shifts as sh', 'sh.id', 's.shift_id')
    .selectAll('s')
    .where('s.person_id', '=', personId)
    .where('s.status', 'in', ['confirmed', 'pending'])
    .where('sh.starts_at', '>', nowIso())
    .where('sh.cancelled_at', 'is', null)
    .orderBy('sh.starts_at')
    .execute();
  for (const s of held) await findShift(db, s.shift_id!, { lock: options.lock });
  await db.deleteFrom('volunteering_signups').where('person_id', '=', personId).execute();
  await db.deleteFrom('volunteering_volunteers').where('person_id', '=', personId).execute();
  await db.deleteFrom('volunteering_checks').where('person_id', '=', personId).execute();
  await db.deleteFrom('volunteering_consents').where('person_id', '=', personId).execute();
  await db.deleteFrom('volunteering_thanks').where('person_id', '=', personId).execute();
  await db.updateTable('volunteering_hours').set({ person_id: randomUUID(), note: '', logged_by: null }).where('person_id', '=', personId).execute();
  await db.updateTable('volunteering_hours').set({ logged_by: null }).where('logged_by', '=', personId).execute();
  await db.updateTable('volunteering_hours').set({ decided_by: null }).where('decided_by', '=', personId).execute();
  await db.updateTable('volunteering_checks').set({ recorded_by: null }).where('recorded_by', '=', personId).execute();
  await db.updateTable('volunteering_consents').set({ recorded_by: null }).where('recorded_by', '=', personId).execute();
  await db.updateTable('volunteering_thanks').set({ sent_by: null }).where('sent_by', '=', personId).execute();
  await db.updateTable('volunteering_opportunities').set({ created_by: null }).where('created_by', '=', personId).execute();
  // A suggestion is the organisation's to act on: it stays, no longer theirs.
  await db.updateTable('volunteering_suggestions').set({ suggested_by: null }).where('suggested_by', '=', personId).execute();
  return held.map(toSignup);
}

// Reports (confirmed hours only)

/** Confirmed minutes by organisation and month (YYYY-MM) since a month, for a place or one organisation. */
export async function confirmedByMonth(db: Queryable, placeId: string, organisationId: string | null, fromMonth: string) {
  let q = db
    .selectFrom('volunteering_hours')
    .select(['organisation_id', sql<string>`substr(worked_on, 1, 7)`.as('month'), (eb) => eb.fn.sum<number>('minutes').as('minutes')])
    .where('place_id', '=', placeId)
    .where('status', '=', 'confirmed')
    .where('worked_on', '>=', `${fromMonth}-01`);
  if (organisationId) q = q.where('organisation_id', '=', organisationId);
  const rows = await q.groupBy(['organisation_id', sql`substr(worked_on, 1, 7)`]).execute();
  return rows.map((r) => ({ organisationId: r.organisation_id, month: r.month, minutes: Number(r.minutes) }));
}

/** Each volunteer's first and last day of confirmed hours, for a place or one organisation. */
export async function volunteerSpans(db: Queryable, placeId: string, organisationId: string | null) {
  let q = db
    .selectFrom('volunteering_hours')
    .select(['person_id', (eb) => eb.fn.min<string>('worked_on').as('first'), (eb) => eb.fn.max<string>('worked_on').as('last')])
    .where('place_id', '=', placeId)
    .where('status', '=', 'confirmed');
  if (organisationId) q = q.where('organisation_id', '=', organisationId);
  const rows = await q.groupBy('person_id').execute();
  return rows.map((r) => ({ first: r.first, last: r.last }));
}
