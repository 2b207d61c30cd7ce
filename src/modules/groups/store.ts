/** The groups module's queries: the only file that knows its SQL. Returns camelCase objects. */
import { randomUUID } from 'node:crypto';
import { sql, type Selectable } from 'kysely';
import type { Queryable } from '../../db/index.js';
import type {
  EventMode,
  GroupEventTable,
  GroupMemberTable,
  GroupTable,
  Joining,
  MemberRole,
  MemberStatus,
  RsvpStatus,
} from './schema.js';

const now = () => new Date().toISOString();
const n = (v: unknown) => Number(v ?? 0);

export interface Group {
  id: string;
  placeId: string;
  name: string;
  purpose: string;
  area: string;
  languages: string;
  joining: Joining;
  createdBy: string | null;
  status: 'active' | 'hidden';
  hiddenReason: string;
  createdAt: string;
}

const groupOf = (r: Selectable<GroupTable>): Group => ({
  id: r.id,
  placeId: r.place_id,
  name: r.name,
  purpose: r.purpose,
  area: r.area,
  languages: r.languages,
  joining: r.joining,
  createdBy: r.created_by,
  status: r.status,
  hiddenReason: r.hidden_reason,
  createdAt: r.created_at,
});

export async function insertGroup(
  db: Queryable,
  g: {
    placeId: string;
    name: string;
    purpose: string;
    area: string;
    languages: string;
    joining: Joining;
    createdBy: string;
  },
): Promise<string> {
  const id = randomUUID();
  const at = now();
  await db
    .insertInto('groups_groups')
    .values({
      id,
      place_id: g.placeId,
      name: g.name,
      purpose: g.purpose,
      area: g.area,
      languages: g.languages,
      joining: g.joining,
      created_by: g.createdBy,
      status: 'active',
      hidden_reason: '',
      created_at: at,
      updated_at: at,
    })
    .execute();
  return id;
}

export async function findGroup(db: Queryable, placeId: string, id: string): Promise<Group | undefined> {
  const row = await db
    .selectFrom('groups_groups')
    .selectAll()
    .where('place_id', '=', placeId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && groupOf(row);
}

export async function listGroups(db: Queryable, placeId: string): Promise<Array<Group & { members: number }>> {
  const rows = await db
    .selectFrom('groups_groups as g')
    .selectAll('g')
    .select((eb) =>
      eb
        .selectFrom('groups_members as m')
        .select(eb.fn.countAll().as('n'))
        .whereRef('m.group_id', '=', 'g.id')
        .where('m.status', '=', 'member')
        .as('members'),
    )
    .where('g.place_id', '=', placeId)
    .where('g.status', '=', 'active')
    .orderBy('g.name')
    .orderBy('g.id')
    .limit(500)
    .execute();
  return rows.map((r) => ({ ...groupOf(r), members: n(r.members) }));
}

/** Groups this person started since an instant: the rate limit on starting groups. */
export async function groupsStartedSince(db: Queryable, personId: string, since: string): Promise<number> {
  const row = await db
    .selectFrom('groups_groups')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('created_by', '=', personId)
    .where('created_at', '>=', since)
    .executeTakeFirst();
  return n(row?.n);
}

export async function setGroupHidden(db: Queryable, id: string, reason: string): Promise<void> {
  await db
    .updateTable('groups_groups')
    .set({ status: 'hidden', hidden_reason: reason, updated_at: now() })
    .where('id', '=', id)
    .execute();
}

// Members

export interface Member {
  groupId: string;
  personId: string;
  role: MemberRole;
  status: MemberStatus;
  visible: boolean;
  createdAt: string;
}

const memberOf = (r: Selectable<GroupMemberTable>): Member => ({
  groupId: r.group_id,
  personId: r.person_id,
  role: r.role,
  status: r.status,
  visible: n(r.visible) === 1,
  createdAt: r.created_at,
});

export async function findMember(db: Queryable, groupId: string, personId: string): Promise<Member | undefined> {
  const row = await db
    .selectFrom('groups_members')
    .selectAll()
    .where('group_id', '=', groupId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
  return row && memberOf(row);
}

export async function insertMember(
  db: Queryable,
  m: { placeId: string; groupId: string; personId: string; role: MemberRole; status: MemberStatus; visible: boolean },
): Promise<void> {
  const at = now();
  await db
    .insertInto('groups_members')
    .values({
      place_id: m.placeId,
      group_id: m.groupId,
      person_id: m.personId,
      role: m.role,
      status: m.status,
      visible: m.visible ? 1 : 0,
      created_at: at,
      updated_at: at,
    })
    .onConflict((oc) => oc.columns(['group_id', 'person_id']).doNothing())
    .execute();
}

export async function updateMember(
  db: Queryable,
  groupId: string,
  personId: string,
  change: Partial<{ role: MemberRole; status: MemberStatus; visible: boolean }>,
): Promise<void> {
  await db
    .updateTable('groups_members')
    .set({
      ...(change.role ? { role: change.role } : {}),
      ...(change.status ? { status: change.status } : {}),
      ...(change.visible !== undefined ? { visible: change.visible ? 1 : 0 } : {}),
      updated_at: now(),
    })
    .where('group_id', '=', groupId)
    .where('person_id', '=', personId)
    .execute();
}

export async function deleteMember(db: Queryable, groupId: string, personId: string): Promise<void> {
  await db.deleteFrom('groups_members').where('group_id', '=', groupId).where('person_id', '=', personId).execute();
}

export async function membersOf(db: Queryable, groupId: string): Promise<Member[]> {
  const rows = await db
    .selectFrom('groups_members')
    .selectAll()
    .where('group_id', '=', groupId)
    .orderBy('created_at')
    .orderBy('person_id')
    .execute();
  return rows.map(memberOf);
}

export async function organiserCount(db: Queryable, groupId: string): Promise<number> {
  const row = await db
    .selectFrom('groups_members')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('group_id', '=', groupId)
    .where('role', '=', 'organiser')
    .where('status', '=', 'member')
    .executeTakeFirst();
  return n(row?.n);
}

// Events

export interface GroupEvent {
  id: string;
  placeId: string;
  groupId: string;
  seriesId: string | null;
  title: string;
  description: string;
  startsAt: string;
  endsAt: string;
  mode: EventMode;
  address: string;
  locationId: string | null;
  bookingId: string | null;
  onlineLink: string;
  capacity: number | null;
  forChildren: boolean;
  safeguardingContact: string;
  /** Where it is on the map; null online or where no point is known. */
  latitude: number | null;
  longitude: number | null;
  status: 'scheduled' | 'cancelled' | 'hidden';
  hiddenReason: string;
  cancelledReason: string;
}

const eventOf = (r: Selectable<GroupEventTable>): GroupEvent => ({
  id: r.id,
  placeId: r.place_id,
  groupId: r.group_id,
  seriesId: r.series_id,
  title: r.title,
  description: r.description,
  startsAt: r.starts_at,
  endsAt: r.ends_at,
  mode: r.mode,
  address: r.address,
  locationId: r.location_id,
  bookingId: r.booking_id,
  onlineLink: r.online_link,
  capacity: r.capacity === null ? null : n(r.capacity),
  forChildren: n(r.for_children) === 1,
  safeguardingContact: r.safeguarding_contact,
  latitude: r.latitude === null ? null : Number(r.latitude),
  longitude: r.longitude === null ? null : Number(r.longitude),
  status: r.status,
  hiddenReason: r.hidden_reason,
  cancelledReason: r.cancelled_reason,
});

export type NewEvent = Omit<GroupEvent, 'id' | 'status' | 'hiddenReason' | 'cancelledReason'> & { createdBy: string };

/** What organisers may change about one date of an event. */
export type EventChanges = Pick<
  GroupEvent,
  | 'title'
  | 'description'
  | 'startsAt'
  | 'endsAt'
  | 'mode'
  | 'address'
  | 'locationId'
  | 'bookingId'
  | 'onlineLink'
  | 'capacity'
  | 'forChildren'
  | 'safeguardingContact'
  | 'latitude'
  | 'longitude'
>;

/** An event's details as its columns, the same for adding one and changing it. */
const detailColumns = (e: EventChanges) => ({
  title: e.title,
  description: e.description,
  starts_at: e.startsAt,
  ends_at: e.endsAt,
  mode: e.mode,
  address: e.address,
  location_id: e.locationId,
  booking_id: e.bookingId,
  online_link: e.onlineLink,
  capacity: e.capacity,
  for_children: e.forChildren ? 1 : 0,
  safeguarding_contact: e.safeguardingContact,
  latitude: e.latitude,
  longitude: e.longitude,
});

export async function insertEvent(db: Queryable, e: NewEvent): Promise<string> {
  const id = randomUUID();
  const at = now();
  await db
    .insertInto('groups_events')
    .values({
      id,
      place_id: e.placeId,
      group_id: e.groupId,
      series_id: e.seriesId,
      ...detailColumns(e),
      status: 'scheduled',
      hidden_reason: '',
      cancelled_reason: '',
      created_by: e.createdBy,
      created_at: at,
      updated_at: at,
    })
    .execute();
  return id;
}

export async function findEvent(db: Queryable, placeId: string, id: string): Promise<GroupEvent | undefined> {
  const row = await db
    .selectFrom('groups_events')
    .selectAll()
    .where('place_id', '=', placeId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && eventOf(row);
}

/** The event's row, locked for the rest of the transaction on PostgreSQL (SQLite's transaction already holds the write lock). */
export async function lockEvent(db: Queryable, placeId: string, id: string, dialect: 'sqlite' | 'postgres') {
  let query = db.selectFrom('groups_events').selectAll().where('place_id', '=', placeId).where('id', '=', id);
  if (dialect === 'postgres') query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row && eventOf(row);
}

export async function eventsOfGroup(db: Queryable, groupId: string, fromIso: string): Promise<GroupEvent[]> {
  const rows = await db
    .selectFrom('groups_events')
    .selectAll()
    .where('group_id', '=', groupId)
    .where('ends_at', '>=', fromIso)
    .orderBy('starts_at')
    .orderBy('id')
    .limit(200)
    .execute();
  return rows.map(eventOf);
}

export async function updateEvent(db: Queryable, id: string, e: EventChanges): Promise<void> {
  await db
    .updateTable('groups_events')
    .set({
      ...detailColumns(e),
      updated_at: now(),
    })
    .where('id', '=', id)
    .execute();
}

export async function setEventCancelled(db: Queryable, id: string, reason: string): Promise<void> {
  await db
    .updateTable('groups_events')
    .set({ status: 'cancelled', cancelled_reason: reason, updated_at: now() })
    .where('id', '=', id)
    .execute();
}

export async function setEventHidden(db: Queryable, id: string, reason: string): Promise<void> {
  await db
    .updateTable('groups_events')
    .set({ status: 'hidden', hidden_reason: reason, updated_at: now() })
    .where('id', '=', id)
    .execute();
}

// RSVPs

export interface Rsvp {
  id: string;
  eventId: string;
  personId: string;
  status: RsvpStatus;
  accessNeeds: string;
  language: string;
  askedAt: string;
  attended: boolean | null;
  promotedAt: string | null;
}

const rsvpOf = (r: {
  id: string;
  event_id: string;
  person_id: string;
  status: RsvpStatus;
  access_needs: string;
  language: string;
  asked_at: string;
  attended: number | null;
  promoted_at: string | null;
}): Rsvp => ({
  id: r.id,
  eventId: r.event_id,
  personId: r.person_id,
  status: r.status,
  accessNeeds: r.access_needs,
  language: r.language,
  askedAt: r.asked_at,
  attended: r.attended === null ? null : n(r.attended) === 1,
  promotedAt: r.promoted_at,
});

export async function findRsvp(db: Queryable, eventId: string, personId: string): Promise<Rsvp | undefined> {
  const row = await db
    .selectFrom('groups_rsvps')
    .selectAll()
    .where('event_id', '=', eventId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
  return row && rsvpOf(row);
}

export async function countByStatus(db: Queryable, eventId: string): Promise<Record<RsvpStatus, number>> {
  const rows = await db
    .selectFrom('groups_rsvps')
    .select(['status', (eb) => eb.fn.countAll().as('n')])
    .where('event_id', '=', eventId)
    .groupBy('status')
    .execute();
  const counts = { going: 0, waiting: 0, cancelled: 0 };
  for (const r of rows) counts[r.status] = n(r.n);
  return counts;
}

export async function insertRsvp(
  db: Queryable,
  r: { placeId: string; eventId: string; personId: string; status: RsvpStatus; accessNeeds: string; language: string },
): Promise<string> {
  const id = randomUUID();
  const at = now();
  await db
    .insertInto('groups_rsvps')
    .values({
      id,
      place_id: r.placeId,
      event_id: r.eventId,
      person_id: r.personId,
      status: r.status,
      access_needs: r.accessNeeds,
      language: r.language,
      asked_at: at,
      attended: null,
      promoted_at: null,
      reminded_at: null,
      updated_at: at,
    })
    .execute();
  return id;
}

/** People going to an event that starts between `from` and `to` and who have not yet been reminded of it. */
export async function rsvpsToRemind(db: Queryable, from: string, to: string) {
  const rows = await db
    .selectFrom('groups_rsvps as r')
    .innerJoin('groups_events as e', 'e.id', 'r.event_id')
    .select(['r.id', 'r.person_id', 'e.id as event_id', 'e.place_id', 'e.title', 'e.starts_at'])
    .where('r.status', '=', 'going')
    .where('r.reminded_at', 'is', null)
    .where('e.status', '=', 'scheduled')
    .where('e.starts_at', '>', from)
    .where('e.starts_at', '<=', to)
    .orderBy('e.starts_at')
    .limit(1000)
    .execute();
  return rows.map((r) => ({
    rsvpId: r.id,
    personId: r.person_id,
    eventId: r.event_id,
    placeId: r.place_id,
    title: r.title,
    startsAt: r.starts_at,
  }));
}

/** Marks a reminder sent, unless another worker sent it first; true when this one may send it. */
export async function markReminded(db: Queryable, rsvpId: string): Promise<boolean> {
  const result = await db
    .updateTable('groups_rsvps')
    .set({ reminded_at: now() })
    .where('id', '=', rsvpId)
    .where('reminded_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** An event moved: everyone going is reminded again, of the new time. */
export async function forgetReminders(db: Queryable, eventId: string): Promise<void> {
  await db.updateTable('groups_rsvps').set({ reminded_at: null }).where('event_id', '=', eventId).execute();
}

export async function updateRsvp(
  db: Queryable,
  id: string,
  change: Partial<{ status: RsvpStatus; accessNeeds: string; language: string; askedAt: string; promotedAt: string }>,
): Promise<void> {
  await db
    .updateTable('groups_rsvps')
    .set({
      ...(change.status ? { status: change.status } : {}),
      ...(change.accessNeeds !== undefined ? { access_needs: change.accessNeeds } : {}),
      ...(change.language !== undefined ? { language: change.language } : {}),
      ...(change.askedAt ? { asked_at: change.askedAt } : {}),
      ...(change.promotedAt ? { promoted_at: change.promotedAt } : {}),
      updated_at: now(),
    })
    .where('id', '=', id)
    .execute();
}

/** The first on the waiting list: who asked earliest. */
export async function firstWaiting(db: Queryable, eventId: string): Promise<Rsvp | undefined> {
  const row = await db
    .selectFrom('groups_rsvps')
    .selectAll()
    .where('event_id', '=', eventId)
    .where('status', '=', 'waiting')
    .orderBy('asked_at')
    .orderBy('id')
    .executeTakeFirst();
  return row && rsvpOf(row);
}

export async function rsvpsOf(db: Queryable, eventId: string): Promise<Rsvp[]> {
  const rows = await db
    .selectFrom('groups_rsvps')
    .selectAll()
    .where('event_id', '=', eventId)
    .where('status', '!=', 'cancelled')
    .orderBy('status')
    .orderBy('asked_at')
    .orderBy('id')
    .execute();
  return rows.map(rsvpOf);
}

export async function setAttendance(db: Queryable, eventId: string, attended: readonly string[]): Promise<void> {
  await db
    .updateTable('groups_rsvps')
    .set({ attended: 0, updated_at: now() })
    .where('event_id', '=', eventId)
    .where('status', '=', 'going')
    .execute();
  if (attended.length)
    await db
      .updateTable('groups_rsvps')
      .set({ attended: 1 })
      .where('event_id', '=', eventId)
      .where('status', '=', 'going')
      .where('person_id', 'in', [...attended])
      .execute();
}

/** People who came to a group's event in a period (attendance taken), for the place's figures. */
export function attendeesIn(db: Queryable, placeId: string, from: string, to: string) {
  return db
    .selectFrom('groups_rsvps as r')
    .innerJoin('groups_events as e', 'e.id', 'r.event_id')
    .select('r.person_id as person_id')
    .where('r.place_id', '=', placeId)
    .where('r.attended', '=', 1)
    .where('e.starts_at', '>=', from)
    .where('e.starts_at', '<', to);
}

export async function attendanceCount(db: Queryable, placeId: string, from: string, to: string): Promise<number> {
  const row = await db
    .selectFrom(attendeesIn(db, placeId, from, to).as('a'))
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirst();
  return n(row?.n);
}

// Questions

export interface Question {
  id: string;
  eventId: string;
  personId: string | null;
  text: string;
  language: string;
  supporters: number;
  position: number | null;
  answer: string;
  answeredAt: string | null;
  createdAt: string;
}

export async function insertQuestion(
  db: Queryable,
  q: { placeId: string; eventId: string; personId: string; text: string; language: string },
): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('groups_questions')
    .values({
      id,
      place_id: q.placeId,
      event_id: q.eventId,
      person_id: q.personId,
      text: q.text,
      language: q.language,
      supporters: 0,
      position: null,
      answer: '',
      answered_at: null,
      created_at: now(),
    })
    .execute();
  return id;
}

export async function findQuestion(db: Queryable, placeId: string, id: string): Promise<Question | undefined> {
  const [q] = await questionsWhere(db, placeId, { id });
  return q;
}

/** An event's questions in the organiser's order, then the most supported, then the oldest. */
export async function questionsOf(db: Queryable, placeId: string, eventId: string): Promise<Question[]> {
  return questionsWhere(db, placeId, { eventId });
}

async function questionsWhere(db: Queryable, placeId: string, by: { id?: string; eventId?: string }) {
  let query = db.selectFrom('groups_questions').selectAll().where('place_id', '=', placeId);
  if (by.id) query = query.where('id', '=', by.id);
  if (by.eventId) query = query.where('event_id', '=', by.eventId);
  const rows = await query
    .orderBy(sql`case when position is null then 1 else 0 end`)
    .orderBy('position')
    .orderBy('supporters', 'desc')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    eventId: r.event_id,
    personId: r.person_id,
    text: r.text,
    language: r.language,
    supporters: n(r.supporters),
    position: r.position === null ? null : n(r.position),
    answer: r.answer,
    answeredAt: r.answered_at,
    createdAt: r.created_at,
  }));
}

/** Records one person's support; false when they had already supported it. */
export async function addSupport(db: Queryable, placeId: string, questionId: string, personId: string) {
  const result = await db
    .insertInto('groups_question_supports')
    .values({ place_id: placeId, question_id: questionId, person_id: personId, created_at: now() })
    .onConflict((oc) => oc.columns(['question_id', 'person_id']).doNothing())
    .executeTakeFirst();
  if (Number(result.numInsertedOrUpdatedRows ?? 0) === 0) return false;
  await db
    .updateTable('groups_questions')
    .set((eb) => ({ supporters: eb('supporters', '+', 1) }))
    .where('id', '=', questionId)
    .execute();
  return true;
}

export async function supportedBy(db: Queryable, eventId: string, personId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('groups_question_supports as s')
    .innerJoin('groups_questions as q', 'q.id', 's.question_id')
    .select('s.question_id')
    .where('q.event_id', '=', eventId)
    .where('s.person_id', '=', personId)
    .execute();
  return new Set(rows.map((r) => r.question_id));
}

export async function setPositions(db: Queryable, ordered: readonly string[]): Promise<void> {
  for (const [i, id] of ordered.entries())
    await db
      .updateTable('groups_questions')
      .set({ position: i + 1 })
      .where('id', '=', id)
      .execute();
}

export async function setAnswer(db: Queryable, id: string, answer: string): Promise<void> {
  await db.updateTable('groups_questions').set({ answer, answered_at: now() }).where('id', '=', id).execute();
}

// Pledges

export interface Action {
  id: string;
  groupId: string;
  eventId: string | null;
  text: string;
  pledges: number;
}

export async function insertAction(
  db: Queryable,
  a: { placeId: string; groupId: string; eventId: string | null; text: string; createdBy: string },
): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('groups_actions')
    .values({
      id,
      place_id: a.placeId,
      group_id: a.groupId,
      event_id: a.eventId,
      text: a.text,
      created_by: a.createdBy,
      created_at: now(),
    })
    .execute();
  return id;
}

export async function actionsOf(
  db: Queryable,
  placeId: string,
  by: { groupId?: string; eventId?: string | null; id?: string },
): Promise<Action[]> {
  let query = db
    .selectFrom('groups_actions as a')
    .select(['a.id', 'a.group_id', 'a.event_id', 'a.text'])
    .select((eb) =>
      eb
        .selectFrom('groups_pledges as p')
        .select(eb.fn.countAll().as('n'))
        .whereRef('p.action_id', '=', 'a.id')
        .as('pledges'),
    )
    .where('a.place_id', '=', placeId);
  if (by.id) query = query.where('a.id', '=', by.id);
  if (by.groupId) query = query.where('a.group_id', '=', by.groupId);
  if (by.eventId !== undefined)
    query = by.eventId === null ? query.where('a.event_id', 'is', null) : query.where('a.event_id', '=', by.eventId);
  const rows = await query.orderBy('a.created_at').orderBy('a.id').execute();
  return rows.map((r) => ({
    id: r.id,
    groupId: r.group_id,
    eventId: r.event_id,
    text: r.text,
    pledges: n(r.pledges),
  }));
}

/** Records a pledge; false when this person had already pledged to the action. */
export async function addPledge(db: Queryable, placeId: string, actionId: string, personId: string) {
  const result = await db
    .insertInto('groups_pledges')
    .values({ place_id: placeId, action_id: actionId, person_id: personId, created_at: now() })
    .onConflict((oc) => oc.columns(['action_id', 'person_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function pledgedBy(db: Queryable, actionIds: readonly string[], personId: string): Promise<Set<string>> {
  if (!actionIds.length) return new Set();
  const rows = await db
    .selectFrom('groups_pledges')
    .select('action_id')
    .where('action_id', 'in', [...actionIds])
    .where('person_id', '=', personId)
    .execute();
  return new Set(rows.map((r) => r.action_id));
}

// Reports

export interface Report {
  id: string;
  groupId: string;
  eventId: string | null;
  reason: string;
  createdAt: string;
}

export async function insertReport(
  db: Queryable,
  r: { placeId: string; groupId: string; eventId: string | null; reporterId: string; reason: string },
): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('groups_reports')
    .values({
      id,
      place_id: r.placeId,
      group_id: r.groupId,
      event_id: r.eventId,
      reporter_id: r.reporterId,
      reason: r.reason,
      status: 'open',
      created_at: now(),
    })
    .execute();
  return id;
}

export async function openReports(db: Queryable, placeId: string): Promise<Report[]> {
  const rows = await db
    .selectFrom('groups_reports')
    .selectAll()
    .where('place_id', '=', placeId)
    .where('status', '=', 'open')
    .orderBy('created_at')
    .limit(500)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    groupId: r.group_id,
    eventId: r.event_id,
    reason: r.reason,
    createdAt: r.created_at,
  }));
}

export async function closeReports(db: Queryable, groupId: string, eventId: string | null): Promise<void> {
  let query = db.updateTable('groups_reports').set({ status: 'closed' }).where('group_id', '=', groupId);
  query = eventId ? query.where('event_id', '=', eventId) : query;
  await query.execute();
}

// Personal data

export async function personalDataOf(db: Queryable, personId: string) {
  const [memberships, rsvps, questions, pledges] = await Promise.all([
    db
      .selectFrom('groups_members as m')
      .innerJoin('groups_groups as g', 'g.id', 'm.group_id')
      .select(['g.name', 'm.role', 'm.status', 'm.visible', 'm.created_at'])
      .where('m.person_id', '=', personId)
      .execute(),
    db
      .selectFrom('groups_rsvps as r')
      .innerJoin('groups_events as e', 'e.id', 'r.event_id')
      .select(['e.title', 'e.starts_at', 'r.status', 'r.access_needs', 'r.language', 'r.attended'])
      .where('r.person_id', '=', personId)
      .execute(),
    db
      .selectFrom('groups_questions')
      .select(['text', 'language', 'created_at'])
      .where('person_id', '=', personId)
      .execute(),
    db
      .selectFrom('groups_pledges as p')
      .innerJoin('groups_actions as a', 'a.id', 'p.action_id')
      .select(['a.text', 'p.created_at'])
      .where('p.person_id', '=', personId)
      .execute(),
  ]);
  return { memberships, rsvps, questions, pledges };
}

/** Erasure: memberships, answers to events, supports and pledges go; questions stay without who asked. */
export async function eraseGroupDataOf(db: Queryable, personId: string): Promise<void> {
  await db.deleteFrom('groups_members').where('person_id', '=', personId).execute();
  await db.deleteFrom('groups_rsvps').where('person_id', '=', personId).execute();
  await db.deleteFrom('groups_pledges').where('person_id', '=', personId).execute();
  await db.deleteFrom('groups_question_supports').where('person_id', '=', personId).execute();
  await db.updateTable('groups_questions').set({ person_id: null }).where('person_id', '=', personId).execute();
  await db.updateTable('groups_reports').set({ reporter_id: null }).where('reporter_id', '=', personId).execute();
  await db.updateTable('groups_groups').set({ created_by: null }).where('created_by', '=', personId).execute();
  await db.updateTable('groups_events').set({ created_by: null }).where('created_by', '=', personId).execute();
  await db.updateTable('groups_actions').set({ created_by: null }).where('created_by', '=', personId).execute();
}

// Where events are, and what's on near a postcode

/** In-person events with no point yet, in id order from `afterId`: for placing the ones listed before points were kept. */
export async function eventsWithoutPoint(db: Queryable, afterId: string, limit: number) {
  const rows = await db
    .selectFrom('groups_events')
    .select(['id', 'place_id', 'mode', 'address', 'location_id', 'booking_id'])
    .where('mode', '=', 'in_person')
    .where('latitude', 'is', null)
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    placeId: r.place_id,
    mode: r.mode,
    address: r.address,
    locationId: r.location_id,
    bookingId: r.booking_id,
  }));
}

export async function setEventPoint(
  db: Queryable,
  id: string,
  point: { latitude: number; longitude: number },
): Promise<void> {
  await db
    .updateTable('groups_events')
    .set({ latitude: point.latitude, longitude: point.longitude })
    .where('id', '=', id)
    .execute();
}

export interface ListedEvent extends GroupEvent {
  groupName: string;
}

/**
 * A place's scheduled events in open, active groups starting in [from, to), soonest
 * first; with a box, only those inside it and those online. The index on (place,
 * status, start, latitude, longitude) answers the time span and the box from the index.
 */
type EventsBetween = {
  from: string;
  to: string;
  box?: { minLat: number; maxLat: number; minLng: number; maxLng: number };
  limit: number;
};

function publicEventsQuery(db: Queryable, placeId: string, r: EventsBetween) {
  let query = db
    .selectFrom('groups_events as e')
    .innerJoin('groups_groups as g', 'g.id', 'e.group_id')
    .selectAll('e')
    .select('g.name as group_name')
    .where('e.place_id', '=', placeId)
    .where('e.status', '=', 'scheduled')
    .where('e.starts_at', '>=', r.from)
    .where('e.starts_at', '<', r.to)
    .where('g.place_id', '=', placeId)
    .where('g.joining', '=', 'open')
    .where('g.status', '=', 'active');
  const box = r.box;
  if (box)
    query = query.where((eb) =>
      eb.or([
        eb.and([
          eb('e.latitude', '>=', box.minLat),
          eb('e.latitude', '<=', box.maxLat),
          eb('e.longitude', '>=', box.minLng),
          eb('e.longitude', '<=', box.maxLng),
        ]),
        eb('e.mode', '=', 'online'),
      ]),
    );
  return query.orderBy('e.starts_at').orderBy('e.id').limit(r.limit);
}

export async function publicEventsBetween(db: Queryable, placeId: string, r: EventsBetween): Promise<ListedEvent[]> {
  const rows = await publicEventsQuery(db, placeId, r).execute();
  return rows.map((row) => ({ ...eventOf(row), groupName: row.group_name }));
}

/** The what's-on query, compiled, for a test to read its plan. */
export function explainablePublicEvents(db: Queryable, placeId: string, r: EventsBetween) {
  return publicEventsQuery(db, placeId, r).compile();
}
