/** The groups module's queries: the only file that knows its SQL. Returns camelCase objects. */
import { randomUUID } from 'node:crypto';
import { sql, type Selectable } from 'kysely';
import type { Queryable } from '../../db/index.js';
import type {
  AnnouncementDelivery,
  EventMode,
  GroupAnnouncementTable,
  GroupEventTable,
  GroupMemberTable,
  GroupOrganisationRequestTable,
  GroupTable,
  Joining,
  MemberRole,
  MemberStatus,
  PledgeOutcome,
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
  /** The directory organisation it became, or that runs it. */
  organisationId: string | null;
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
  organisationId: r.organisation_id,
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
    organisationId?: string | null;
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
      organisation_id: g.organisationId ?? null,
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

/** The group becomes (or is run by) a directory organisation; everything it did stays with it. */
export async function setGroupOrganisation(db: Queryable, id: string, organisationId: string): Promise<void> {
  await db
    .updateTable('groups_groups')
    .set({ organisation_id: organisationId, updated_at: now() })
    .where('id', '=', id)
    .execute();
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
  announcements: AnnouncementDelivery;
  createdAt: string;
}

const memberOf = (r: Selectable<GroupMemberTable>): Member => ({
  groupId: r.group_id,
  personId: r.person_id,
  role: r.role,
  status: r.status,
  visible: n(r.visible) === 1,
  announcements: r.announcements,
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
      announcements: 'instant',
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
  change: Partial<{ role: MemberRole; status: MemberStatus; visible: boolean; announcements: AnnouncementDelivery }>,
): Promise<void> {
  await db
    .updateTable('groups_members')
    .set({
      ...(change.role ? { role: change.role } : {}),
      ...(change.status ? { status: change.status } : {}),
      ...(change.visible !== undefined ? { visible: change.visible ? 1 : 0 } : {}),
      ...(change.announcements ? { announcements: change.announcements } : {}),
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
  updatedAt: string;
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
  updatedAt: r.updated_at,
});

export type NewEvent = Omit<GroupEvent, 'id' | 'status' | 'hiddenReason' | 'cancelledReason' | 'updatedAt'> & {
  createdBy: string;
};

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
  followUpDays: number | null;
  ownWords: boolean;
  pledges: number;
  /** Pledgers who said, when asked, that they did it. */
  done: number;
}

export async function insertAction(
  db: Queryable,
  a: {
    placeId: string;
    groupId: string;
    eventId: string | null;
    text: string;
    followUpDays: number | null;
    ownWords?: boolean;
    createdBy: string;
  },
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
      follow_up_days: a.followUpDays,
      own_words: a.ownWords ? 1 : 0,
      created_by: a.createdBy,
      created_at: now(),
    })
    .execute();
  return id;
}

export async function actionsOf(
  db: Queryable,
  placeId: string,
  by: { groupId?: string; eventId?: string | null; id?: string; ownWordsOf?: string },
): Promise<Action[]> {
  let query = db
    .selectFrom('groups_actions as a')
    .select(['a.id', 'a.group_id', 'a.event_id', 'a.text', 'a.follow_up_days', 'a.own_words'])
    .select((eb) =>
      eb
        .selectFrom('groups_pledges as p')
        .select(eb.fn.countAll().as('n'))
        .whereRef('p.action_id', '=', 'a.id')
        .as('pledges'),
    )
    .select((eb) =>
      eb
        .selectFrom('groups_pledges as p')
        .select(eb.fn.countAll().as('n'))
        .whereRef('p.action_id', '=', 'a.id')
        .where('p.outcome', '=', 'done')
        .as('done'),
    )
    .where('a.place_id', '=', placeId);
  // Offered actions are listed for everyone; a pledge in one's own words only for its author.
  if (by.id) query = query.where('a.id', '=', by.id);
  else if (by.ownWordsOf) query = query.where('a.own_words', '=', 1).where('a.created_by', '=', by.ownWordsOf);
  else query = query.where('a.own_words', '=', 0);
  if (by.groupId) query = query.where('a.group_id', '=', by.groupId);
  if (by.eventId !== undefined)
    query = by.eventId === null ? query.where('a.event_id', 'is', null) : query.where('a.event_id', '=', by.eventId);
  const rows = await query.orderBy('a.created_at').orderBy('a.id').execute();
  return rows.map((r) => ({
    id: r.id,
    groupId: r.group_id,
    eventId: r.event_id,
    text: r.text,
    followUpDays: r.follow_up_days,
    ownWords: r.own_words === 1,
    pledges: n(r.pledges),
    done: n(r.done),
  }));
}

/** People who pledged in their own words to a group's campaign or an event: each counted once. */
export async function ownWordsPledgers(db: Queryable, placeId: string, groupId: string, eventId: string | null) {
  let query = db
    .selectFrom('groups_actions as a')
    .innerJoin('groups_pledges as p', 'p.action_id', 'a.id')
    .select((eb) => eb.fn.count('p.person_id').distinct().as('n'))
    .where('a.place_id', '=', placeId)
    .where('a.group_id', '=', groupId)
    .where('a.own_words', '=', 1);
  query = eventId === null ? query.where('a.event_id', 'is', null) : query.where('a.event_id', '=', eventId);
  return n((await query.executeTakeFirst())?.n);
}

/** Records a pledge; false when this person had already pledged to the action. */
export async function addPledge(
  db: Queryable,
  placeId: string,
  actionId: string,
  personId: string,
  followUpAt: string | null = null,
) {
  const result = await db
    .insertInto('groups_pledges')
    .values({
      place_id: placeId,
      action_id: actionId,
      person_id: personId,
      created_at: now(),
      follow_up_at: followUpAt,
      followed_up_at: null,
      outcome: null,
      answered_at: null,
    })
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

export interface Pledge {
  actionId: string;
  personId: string;
  createdAt: string;
  followUpAt: string | null;
  followedUpAt: string | null;
  outcome: PledgeOutcome | null;
}

export async function findPledge(db: Queryable, actionId: string, personId: string): Promise<Pledge | undefined> {
  const r = await db
    .selectFrom('groups_pledges')
    .selectAll()
    .where('action_id', '=', actionId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
  return (
    r && {
      actionId: r.action_id,
      personId: r.person_id,
      createdAt: r.created_at,
      followUpAt: r.follow_up_at,
      followedUpAt: r.followed_up_at,
      outcome: r.outcome,
    }
  );
}

/** Pledges whose follow-up is due, in groups that are still up, oldest first. */
export async function pledgesToFollowUp(db: Queryable, nowIso: string, limit = 500) {
  const rows = await db
    .selectFrom('groups_pledges as p')
    .innerJoin('groups_actions as a', 'a.id', 'p.action_id')
    .innerJoin('groups_groups as g', 'g.id', 'a.group_id')
    .select(['p.place_id', 'p.action_id', 'p.person_id', 'a.text', 'a.group_id', 'a.event_id'])
    .where('p.followed_up_at', 'is', null)
    .where('p.follow_up_at', '<=', nowIso)
    .where('g.status', '=', 'active')
    .orderBy('p.follow_up_at')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    placeId: r.place_id,
    actionId: r.action_id,
    personId: r.person_id,
    text: r.text,
    groupId: r.group_id,
    eventId: r.event_id,
  }));
}

/** Marks a pledge's follow-up sent; false when another worker already had. */
export async function markFollowedUp(db: Queryable, actionId: string, personId: string): Promise<boolean> {
  const result = await db
    .updateTable('groups_pledges')
    .set({ followed_up_at: now() })
    .where('action_id', '=', actionId)
    .where('person_id', '=', personId)
    .where('followed_up_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function setPledgeOutcome(db: Queryable, actionId: string, personId: string, outcome: PledgeOutcome) {
  await db
    .updateTable('groups_pledges')
    .set({ outcome, answered_at: now() })
    .where('action_id', '=', actionId)
    .where('person_id', '=', personId)
    .execute();
}

// Becoming a directory organisation

export interface OrganisationRequest {
  id: string;
  groupId: string;
  requestedBy: string | null;
  kind: 'informal_group' | 'community_group' | 'charity';
  email: string;
  charityNumber: string;
  status: 'open' | 'approved' | 'declined';
  reason: string;
  createdAt: string;
}

const requestOf = (r: Selectable<GroupOrganisationRequestTable>): OrganisationRequest => ({
  id: r.id,
  groupId: r.group_id,
  requestedBy: r.requested_by,
  kind: r.kind,
  email: r.email,
  charityNumber: r.charity_number,
  status: r.status,
  reason: r.reason,
  createdAt: r.created_at,
});

export async function insertOrganisationRequest(
  db: Queryable,
  r: Omit<OrganisationRequest, 'id' | 'status' | 'reason' | 'createdAt'> & { placeId: string },
): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('groups_organisation_requests')
    .values({
      id,
      place_id: r.placeId,
      group_id: r.groupId,
      requested_by: r.requestedBy,
      kind: r.kind,
      email: r.email,
      charity_number: r.charityNumber,
      status: 'open',
      reason: '',
      decided_by: null,
      created_at: now(),
      decided_at: null,
    })
    .execute();
  return id;
}

/** A group's latest request, whatever became of it. */
export async function latestOrganisationRequest(db: Queryable, groupId: string) {
  const row = await db
    .selectFrom('groups_organisation_requests')
    .selectAll()
    .where('group_id', '=', groupId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  return row && requestOf(row);
}

export async function openOrganisationRequests(db: Queryable, placeId: string): Promise<OrganisationRequest[]> {
  const rows = await db
    .selectFrom('groups_organisation_requests')
    .selectAll()
    .where('place_id', '=', placeId)
    .where('status', '=', 'open')
    .orderBy('created_at')
    .execute();
  return rows.map(requestOf);
}

export async function findOrganisationRequest(db: Queryable, placeId: string, id: string) {
  const row = await db
    .selectFrom('groups_organisation_requests')
    .selectAll()
    .where('place_id', '=', placeId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && requestOf(row);
}

/** Decides an open request; false when it was already decided (by another admin, or a repeat). */
export async function decideOrganisationRequest(
  db: Queryable,
  id: string,
  d: { status: 'approved' | 'declined'; reason: string; decidedBy: string },
): Promise<boolean> {
  const result = await db
    .updateTable('groups_organisation_requests')
    .set({ status: d.status, reason: d.reason, decided_by: d.decidedBy, decided_at: now() })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

// Reports

export interface Report {
  id: string;
  groupId: string;
  eventId: string | null;
  announcementId: string | null;
  reason: string;
  createdAt: string;
}

export async function insertReport(
  db: Queryable,
  r: {
    placeId: string;
    groupId: string;
    eventId: string | null;
    announcementId?: string | null;
    reporterId: string;
    reason: string;
  },
): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('groups_reports')
    .values({
      id,
      place_id: r.placeId,
      group_id: r.groupId,
      event_id: r.eventId,
      announcement_id: r.announcementId ?? null,
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
    announcementId: r.announcement_id,
    reason: r.reason,
    createdAt: r.created_at,
  }));
}

export async function closeReports(db: Queryable, groupId: string, eventId: string | null): Promise<void> {
  let query = db.updateTable('groups_reports').set({ status: 'closed' }).where('group_id', '=', groupId);
  query = eventId ? query.where('event_id', '=', eventId) : query;
  await query.execute();
}

export async function closeAnnouncementReports(db: Queryable, announcementId: string): Promise<void> {
  await db
    .updateTable('groups_reports')
    .set({ status: 'closed' })
    .where('announcement_id', '=', announcementId)
    .execute();
}

// Personal data

export async function personalDataOf(db: Queryable, personId: string) {
  const [memberships, rsvps, questions, pledges, announcements, announcementsSent] = await Promise.all([
    db
      .selectFrom('groups_members as m')
      .innerJoin('groups_groups as g', 'g.id', 'm.group_id')
      .select(['g.name', 'm.role', 'm.status', 'm.visible', 'm.announcements', 'm.created_at'])
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
      .select(['a.text', 'a.own_words', 'p.created_at', 'p.outcome'])
      .where('p.person_id', '=', personId)
      .execute(),
    db
      .selectFrom('groups_announcements')
      .select(['title', 'text', 'created_at'])
      .where('created_by', '=', personId)
      .execute(),
    db
      .selectFrom('groups_announcement_deliveries as d')
      .innerJoin('groups_announcements as a', 'a.id', 'd.announcement_id')
      .select(['a.title', 'd.how', 'd.sent_at'])
      .where('d.person_id', '=', personId)
      .execute(),
  ]);
  return { memberships, rsvps, questions, pledges, announcements, announcementsSent };
}

/** Erasure: memberships, answers to events, supports and pledges go; questions stay without who asked. */
export async function eraseGroupDataOf(db: Queryable, personId: string): Promise<void> {
  await db.deleteFrom('groups_members').where('person_id', '=', personId).execute();
  await db.deleteFrom('groups_rsvps').where('person_id', '=', personId).execute();
  await db.deleteFrom('groups_pledges').where('person_id', '=', personId).execute();
  // A pledge in one's own words is their own writing: it goes with them.
  await db.deleteFrom('groups_actions').where('created_by', '=', personId).where('own_words', '=', 1).execute();
  await db
    .updateTable('groups_organisation_requests')
    .set({ requested_by: null })
    .where('requested_by', '=', personId)
    .execute();
  await db.deleteFrom('groups_question_supports').where('person_id', '=', personId).execute();
  await db.updateTable('groups_questions').set({ person_id: null }).where('person_id', '=', personId).execute();
  await db.updateTable('groups_reports').set({ reporter_id: null }).where('reporter_id', '=', personId).execute();
  await db.updateTable('groups_groups').set({ created_by: null }).where('created_by', '=', personId).execute();
  await db.updateTable('groups_events').set({ created_by: null }).where('created_by', '=', personId).execute();
  await db.updateTable('groups_actions').set({ created_by: null }).where('created_by', '=', personId).execute();
  await db.deleteFrom('groups_announcement_deliveries').where('person_id', '=', personId).execute();
  await db.deleteFrom('groups_digests').where('person_id', '=', personId).execute();
  await db.updateTable('groups_announcements').set({ created_by: null }).where('created_by', '=', personId).execute();
}

// Announcements

export interface Announcement {
  id: string;
  placeId: string;
  groupId: string;
  title: string;
  text: string;
  createdBy: string | null;
  status: 'active' | 'hidden';
  hiddenReason: string;
  createdAt: string;
}

const announcementOf = (r: Selectable<GroupAnnouncementTable>): Announcement => ({
  id: r.id,
  placeId: r.place_id,
  groupId: r.group_id,
  title: r.title,
  text: r.text,
  createdBy: r.created_by,
  status: r.status,
  hiddenReason: r.hidden_reason,
  createdAt: r.created_at,
});

export async function insertAnnouncement(
  db: Queryable,
  a: { placeId: string; groupId: string; title: string; text: string; createdBy: string },
): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('groups_announcements')
    .values({
      id,
      place_id: a.placeId,
      group_id: a.groupId,
      title: a.title,
      text: a.text,
      created_by: a.createdBy,
      status: 'active',
      hidden_reason: '',
      created_at: now(),
    })
    .execute();
  return id;
}

export async function findAnnouncement(db: Queryable, placeId: string, id: string): Promise<Announcement | undefined> {
  const row = await db
    .selectFrom('groups_announcements')
    .selectAll()
    .where('place_id', '=', placeId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && announcementOf(row);
}

/** An announcement the worker may still send: it and its group are not hidden. */
export async function sendableAnnouncement(db: Queryable, id: string): Promise<Announcement | undefined> {
  const row = await db
    .selectFrom('groups_announcements as a')
    .innerJoin('groups_groups as g', 'g.id', 'a.group_id')
    .selectAll('a')
    .where('a.id', '=', id)
    .where('a.status', '=', 'active')
    .where('g.status', '=', 'active')
    .executeTakeFirst();
  return row && announcementOf(row);
}

/** A group's latest announcements, newest first; hidden ones only when asked for (for admins). */
export async function announcementsOfGroup(
  db: Queryable,
  groupId: string,
  withHidden: boolean,
  limit = 20,
): Promise<Announcement[]> {
  let query = db.selectFrom('groups_announcements').selectAll().where('group_id', '=', groupId);
  if (!withHidden) query = query.where('status', '=', 'active');
  const rows = await query.orderBy('created_at', 'desc').orderBy('id').limit(limit).execute();
  return rows.map(announcementOf);
}

export async function setAnnouncementHidden(db: Queryable, id: string, reason: string): Promise<void> {
  await db
    .updateTable('groups_announcements')
    .set({ status: 'hidden', hidden_reason: reason })
    .where('id', '=', id)
    .execute();
}

/** The next members who asked for announcements at once and have not had this one: its author aside. */
export async function instantRecipients(db: Queryable, a: Announcement, limit: number): Promise<string[]> {
  let query = db
    .selectFrom('groups_members as m')
    .select('m.person_id')
    .where('m.group_id', '=', a.groupId)
    .where('m.status', '=', 'member')
    .where('m.announcements', '=', 'instant')
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('groups_announcement_deliveries as d')
            .select('d.person_id')
            .where('d.announcement_id', '=', a.id)
            .whereRef('d.person_id', '=', 'm.person_id'),
        ),
      ),
    );
  if (a.createdBy) query = query.where('m.person_id', '!=', a.createdBy);
  const rows = await query.orderBy('m.person_id').limit(limit).execute();
  return rows.map((r) => r.person_id);
}

/**
 * Marks an announcement sent to these people, unless it already was; returns those
 * newly marked, the only ones this worker may email.
 */
export async function markDelivered(
  db: Queryable,
  announcementId: string,
  personIds: readonly string[],
  how: 'instant' | 'digest' | 'skipped',
): Promise<Set<string>> {
  if (!personIds.length) return new Set();
  const at = now();
  const rows = await db
    .insertInto('groups_announcement_deliveries')
    .values(personIds.map((p) => ({ announcement_id: announcementId, person_id: p, how, sent_at: at })))
    .onConflict((oc) => oc.columns(['announcement_id', 'person_id']).doNothing())
    .returning('person_id')
    .execute();
  return new Set(rows.map((r) => r.person_id));
}

/** One announcement to many people, marked as one set: the digest marks each announcement it lists. */
export async function markDeliveredMany(
  db: Queryable,
  announcementIds: readonly string[],
  personId: string,
): Promise<Set<string>> {
  if (!announcementIds.length) return new Set();
  const at = now();
  const rows = await db
    .insertInto('groups_announcement_deliveries')
    .values(announcementIds.map((a) => ({ announcement_id: a, person_id: personId, how: 'digest', sent_at: at })))
    .onConflict((oc) => oc.columns(['announcement_id', 'person_id']).doNothing())
    .returning('announcement_id')
    .execute();
  return new Set(rows.map((r) => r.announcement_id));
}

/**
 * Members who chose a weekly digest and have not had one since `cutoff`, after a
 * (place, person) key, with when they last had one.
 */
export async function weeklyDue(
  db: Queryable,
  cutoff: string,
  after: { placeId: string; personId: string } | null,
  limit: number,
): Promise<Array<{ placeId: string; personId: string; lastSentAt: string | null }>> {
  let query = db
    .selectFrom('groups_members as m')
    .leftJoin('groups_digests as d', (j) =>
      j.onRef('d.place_id', '=', 'm.place_id').onRef('d.person_id', '=', 'm.person_id'),
    )
    .select(['m.place_id', 'm.person_id', 'd.sent_at'])
    .distinct()
    .where('m.announcements', '=', 'weekly')
    .where('m.status', '=', 'member')
    .where((eb) => eb.or([eb('d.sent_at', 'is', null), eb('d.sent_at', '<=', cutoff)]));
  if (after)
    query = query.where((eb) =>
      eb.or([
        eb('m.place_id', '>', after.placeId),
        eb.and([eb('m.place_id', '=', after.placeId), eb('m.person_id', '>', after.personId)]),
      ]),
    );
  const rows = await query.orderBy('m.place_id').orderBy('m.person_id').limit(limit).execute();
  return rows.map((r) => ({ placeId: r.place_id, personId: r.person_id, lastSentAt: r.sent_at }));
}

/** The announcements since `since` in a person's weekly-digest groups of a place that they have not had. */
export async function digestAnnouncementsFor(
  db: Queryable,
  placeId: string,
  personId: string,
  since: string,
  limit: number,
) {
  const rows = await db
    .selectFrom('groups_announcements as a')
    .innerJoin('groups_members as m', (j) => j.onRef('m.group_id', '=', 'a.group_id').on('m.person_id', '=', personId))
    .innerJoin('groups_groups as g', 'g.id', 'a.group_id')
    .select(['a.id', 'a.title', 'a.text', 'a.created_by', 'a.created_at', 'g.name as group_name'])
    .where('a.place_id', '=', placeId)
    .where('a.status', '=', 'active')
    .where('g.status', '=', 'active')
    .where('m.status', '=', 'member')
    .where('m.announcements', '=', 'weekly')
    .where('a.created_at', '>', since)
    .where((eb) => eb.or([eb('a.created_by', 'is', null), eb('a.created_by', '!=', personId)]))
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('groups_announcement_deliveries as d')
            .select('d.person_id')
            .whereRef('d.announcement_id', '=', 'a.id')
            .where('d.person_id', '=', personId),
        ),
      ),
    )
    .orderBy('a.created_at')
    .orderBy('a.id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    text: r.text,
    createdBy: r.created_by,
    groupName: r.group_name,
  }));
}

/** Takes this week's digest for a person: true unless one went to them since `cutoff` (another worker, say). */
export async function markDigestSent(db: Queryable, placeId: string, personId: string, cutoff: string, at: string) {
  const rows = await db
    .insertInto('groups_digests')
    .values({ place_id: placeId, person_id: personId, sent_at: at })
    .onConflict((oc) =>
      oc.columns(['place_id', 'person_id']).doUpdateSet({ sent_at: at }).where('groups_digests.sent_at', '<=', cutoff),
    )
    .returning('person_id')
    .execute();
  return rows.length === 1;
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
