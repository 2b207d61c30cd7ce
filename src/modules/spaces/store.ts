/** The spaces module's reads and writes: the only file that knows its tables. */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { nowIso, type Queryable } from '../../db/index.js';
import type { Weekday } from '../../platform/dates.js';
import { instantOf, weekdaysOf, type Rates } from './rules.js';
import type { Approval, BookingStatus, PaymentMethod, SpaceBookingTable, SpaceTable, Tier } from './schema.js';

export interface Space {
  id: string;
  placeId: string;
  spaceKey: number;
  locationId: string;
  organisationId: string | null;
  listedBy: string | null;
  name: string;
  description: string;
  capacity: number;
  layouts: string[];
  accessibility: string[];
  facilities: string[];
  openDays: Weekday[];
  opensAt: string;
  closesAt: string;
  rates: Rates;
  depositPence: number;
  houseRules: string;
  minNoticeHours: number;
  maxAheadDays: number;
  turnaroundMinutes: number;
  approval: Approval;
  holdHours: number;
  /** Meanwhile use: the licence period (inclusive dates) an empty unit is offered for; null for a standing space. */
  licenceFrom: string | null;
  licenceUntil: string | null;
  /** A booker cancelling with less notice than this still owes the hire charge. */
  cancelNoticeHours: number;
  status: 'listed' | 'withdrawn';
}

export type SpaceFields = Omit<Space, 'id' | 'placeId' | 'spaceKey' | 'listedBy' | 'status'>;

const list = (s: string) => s.split(',').filter(Boolean);

function spaceOf(r: SpaceTable): Space {
  return {
    id: r.id,
    placeId: r.place_id,
    spaceKey: Number(r.space_key),
    locationId: r.location_id,
    organisationId: r.organisation_id,
    listedBy: r.listed_by,
    name: r.name,
    description: r.description,
    capacity: Number(r.capacity),
    layouts: list(r.layouts),
    accessibility: list(r.accessibility),
    facilities: list(r.facilities),
    openDays: weekdaysOf(r.open_days),
    opensAt: r.opens_at,
    closesAt: r.closes_at,
    rates: JSON.parse(r.rates) as Rates,
    depositPence: Number(r.deposit_pence),
    houseRules: r.house_rules,
    minNoticeHours: Number(r.min_notice_hours),
    maxAheadDays: Number(r.max_ahead_days),
    turnaroundMinutes: Number(r.turnaround_minutes),
    approval: r.approval,
    holdHours: Number(r.hold_hours),
    licenceFrom: r.licence_from,
    licenceUntil: r.licence_until,
    cancelNoticeHours: Number(r.cancel_notice_hours),
    status: r.status,
  };
}

function rowOf(f: SpaceFields) {
  return {
    location_id: f.locationId,
    organisation_id: f.organisationId,
    name: f.name,
    description: f.description,
    capacity: f.capacity,
    layouts: f.layouts.join(','),
    accessibility: f.accessibility.join(','),
    facilities: f.facilities.join(','),
    open_days: f.openDays.join(','),
    opens_at: f.opensAt,
    closes_at: f.closesAt,
    rates: JSON.stringify(f.rates),
    deposit_pence: f.depositPence,
    house_rules: f.houseRules,
    min_notice_hours: f.minNoticeHours,
    max_ahead_days: f.maxAheadDays,
    turnaround_minutes: f.turnaroundMinutes,
    approval: f.approval,
    hold_hours: f.holdHours,
    licence_from: f.licenceFrom,
    licence_until: f.licenceUntil,
    cancel_notice_hours: f.cancelNoticeHours,
  };
}

export async function insertSpace(
  db: Queryable,
  placeId: string,
  listedBy: string | null,
  fields: SpaceFields,
): Promise<string> {
  const id = randomUUID();
  const top = await db
    .selectFrom('spaces_spaces')
    .select((eb) => eb.fn.max('space_key').as('k'))
    .executeTakeFirst();
  const now = nowIso();
  await db
    .insertInto('spaces_spaces')
    .values({
      id,
      place_id: placeId,
      space_key: Number(top?.k ?? 0) + 1,
      listed_by: listedBy,
      status: 'listed',
      created_at: now,
      updated_at: now,
      ...rowOf(fields),
    })
    .execute();
  return id;
}

export async function updateSpace(db: Queryable, placeId: string, id: string, fields: SpaceFields): Promise<void> {
  await db
    .updateTable('spaces_spaces')
    .set({ ...rowOf(fields), updated_at: nowIso() })
    .where('place_id', '=', placeId)
    .where('id', '=', id)
    .execute();
}

export async function findSpace(db: Queryable, placeId: string, id: string): Promise<Space | undefined> {
  const row = await db
    .selectFrom('spaces_spaces')
    .selectAll()
    .where('place_id', '=', placeId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && spaceOf(row);
}

/** Takes the space's row lock (PostgreSQL) so bookings of one space are decided one at a time. */
export async function lockSpace(db: Queryable, placeId: string, id: string, dialect: 'sqlite' | 'postgres') {
  let query = db.selectFrom('spaces_spaces').selectAll().where('place_id', '=', placeId).where('id', '=', id);
  if (dialect === 'postgres') query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row && spaceOf(row);
}

/** Listed spaces of a place that hold at least `capacity` people. */
export async function listedSpaces(db: Queryable, placeId: string, minCapacity = 0): Promise<Space[]> {
  const rows = await db
    .selectFrom('spaces_spaces')
    .selectAll()
    .where('place_id', '=', placeId)
    .where('status', '=', 'listed')
    .where('capacity', '>=', minCapacity)
    .orderBy('name')
    .orderBy('id')
    .execute();
  return rows.map(spaceOf);
}

/** Spaces this person listed or whose organisation they belong to (as an owner). */
export async function spacesManagedBy(
  db: Queryable,
  placeId: string,
  personId: string,
  organisationIds: readonly string[],
): Promise<Space[]> {
  const rows = await db
    .selectFrom('spaces_spaces')
    .selectAll()
    .where('place_id', '=', placeId)
    .where((eb) =>
      eb.or([
        eb('listed_by', '=', personId),
        ...(organisationIds.length ? [eb('organisation_id', 'in', [...organisationIds])] : []),
      ]),
    )
    .orderBy('name')
    .execute();
  return rows.map(spaceOf);
}

export interface Booking {
  id: string;
  placeId: string;
  spaceId: string;
  seriesId: string | null;
  bookerId: string | null;
  organisationId: string | null;
  tier: Tier;
  purpose: string;
  attendees: number;
  startsAt: string;
  endsAt: string;
  start: number;
  end: number;
  blockEnd: number;
  status: BookingStatus;
  holdExpiresAt: string | null;
  pricePence: number;
  depositPence: number;
  reason: string;
  decidedBy: string | null;
  decidedAt: string | null;
  noShow: boolean;
  /** Cancelled by the booker with less notice than the space asks: the hire charge stands. */
  lateCancel: boolean;
  createdAt: string;
}

function bookingOf(r: SpaceBookingTable): Booking {
  return {
    id: r.id,
    placeId: r.place_id,
    spaceId: r.space_id,
    seriesId: r.series_id,
    bookerId: r.booker_id,
    organisationId: r.organisation_id,
    tier: r.tier,
    purpose: r.purpose,
    attendees: Number(r.attendees),
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    start: Number(r.start_minute),
    end: Number(r.end_minute),
    blockEnd: Number(r.block_end_minute),
    status: r.status,
    holdExpiresAt: r.hold_expires_at,
    pricePence: Number(r.price_pence),
    depositPence: Number(r.deposit_pence),
    reason: r.reason,
    decidedBy: r.decided_by,
    decidedAt: r.decided_at,
    noShow: Number(r.no_show) === 1,
    lateCancel: Number(r.late_cancel) === 1,
    createdAt: r.created_at,
  };
}

export const LIVE: BookingStatus[] = ['provisional', 'confirmed'];

/** The longest turnaround gap a space may ask for (the listing form's limit). */
const MAX_TURNAROUND_MINUTES = 240;
/** The longest a booking keeps a space, in minutes: one day and the longest turnaround gap. */
const LONGEST_BLOCK = 24 * 60 + MAX_TURNAROUND_MINUTES;

/** Live bookings of a space whose blocks overlap [from, to) in minutes. */
export async function liveBookingsBetween(
  db: Queryable,
  spaceId: string,
  from: number,
  to: number,
): Promise<Booking[]> {
  const rows = await db
    .selectFrom('spaces_bookings')
    .selectAll()
    .where('space_id', '=', spaceId)
    .where('start_minute', '<', to)
    .where('start_minute', '>', from - LONGEST_BLOCK)
    .where('block_end_minute', '>', from)
    .where('status', 'in', LIVE)
    .orderBy('start_minute')
    .execute();
  return rows.map(bookingOf);
}

/** Spaces (of these) with a live booking overlapping [from, to) once each space's gap is added. */
export async function busySpaceIds(
  db: Queryable,
  placeId: string,
  spaceIds: readonly string[],
  from: number,
  to: number,
): Promise<Set<string>> {
  if (!spaceIds.length) return new Set();
  const rows = await db
    .selectFrom('spaces_bookings as b')
    .innerJoin('spaces_spaces as s', 's.id', 'b.space_id')
    .select('b.space_id')
    .distinct()
    // Scoped through the space, not the booking: SQLite would otherwise walk the place's
    // bookings by the booker index (every booking of the place) instead of each space's
    // bookings at that time (100 ms against 1 ms over 200,000 bookings).
    .where('s.place_id', '=', placeId)
    .where('b.space_id', 'in', [...spaceIds])
    .where('b.status', 'in', LIVE)
    // The request needs its own gap after it too: a booking starting within the gap clashes.
    .where(sql<boolean>`b.start_minute < ${to} + s.turnaround_minutes`)
    .where('b.block_end_minute', '>', from)
    // A booking lies within one day and its gap is at most 4 hours: a lower bound keeps the index range short,
    // and an upper bound that does not depend on the space lets PostgreSQL close the range in the index too.
    .where('b.start_minute', '>', from - LONGEST_BLOCK)
    .where('b.start_minute', '<', to + MAX_TURNAROUND_MINUTES)
    .execute();
  return new Set(rows.map((r) => r.space_id));
}

export async function insertBooking(
  db: Queryable,
  b: Omit<Booking, 'id' | 'createdAt' | 'decidedBy' | 'decidedAt' | 'startsAt' | 'endsAt' | 'noShow' | 'lateCancel'> & {
    spaceKey: number;
  },
): Promise<string> {
  const id = randomUUID();
  const now = nowIso();
  await db
    .insertInto('spaces_bookings')
    .values({
      id,
      place_id: b.placeId,
      space_id: b.spaceId,
      space_key: b.spaceKey,
      series_id: b.seriesId,
      booker_id: b.bookerId,
      organisation_id: b.organisationId,
      tier: b.tier,
      purpose: b.purpose,
      attendees: b.attendees,
      starts_at: instantOf(b.start),
      ends_at: instantOf(b.end),
      start_minute: b.start,
      end_minute: b.end,
      block_end_minute: b.blockEnd,
      status: b.status,
      hold_expires_at: b.holdExpiresAt,
      price_pence: b.pricePence,
      deposit_pence: b.depositPence,
      reason: b.reason,
      decided_by: null,
      decided_at: null,
      no_show: 0,
      late_cancel: 0,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

export async function findBooking(db: Queryable, placeId: string, id: string): Promise<Booking | undefined> {
  const row = await db
    .selectFrom('spaces_bookings')
    .selectAll()
    .where('place_id', '=', placeId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && bookingOf(row);
}

export async function setBookingStatus(
  db: Queryable,
  id: string,
  change: { status: BookingStatus; reason?: string; decidedBy?: string | null; lateCancel?: boolean },
): Promise<void> {
  const now = nowIso();
  await db
    .updateTable('spaces_bookings')
    .set({
      status: change.status,
      updated_at: now,
      ...(change.reason !== undefined ? { reason: change.reason } : {}),
      ...(change.lateCancel !== undefined ? { late_cancel: change.lateCancel ? 1 : 0 } : {}),
      ...(change.decidedBy !== undefined ? { decided_by: change.decidedBy, decided_at: now } : {}),
    })
    .where('id', '=', id)
    .execute();
}

/** Provisional holds past their time lapse (of one space, or all); returns how many. */
export async function lapseHolds(db: Queryable, now: Date, spaceId?: string): Promise<number> {
  let query = db
    .updateTable('spaces_bookings')
    .set({ status: 'lapsed', updated_at: nowIso() })
    .where('status', '=', 'provisional')
    .where('hold_expires_at', '<=', now.toISOString());
  if (spaceId) query = query.where('space_id', '=', spaceId);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows ?? 0);
}

export async function bookingsBy(db: Queryable, placeId: string, personId: string): Promise<Booking[]> {
  const rows = await db
    .selectFrom('spaces_bookings')
    .selectAll()
    .where('place_id', '=', placeId)
    .where('booker_id', '=', personId)
    .orderBy('start_minute', 'desc')
    .limit(500)
    .execute();
  return rows.map(bookingOf);
}

export async function bookingsOfSpaces(
  db: Queryable,
  placeId: string,
  spaceIds: readonly string[],
  fromMinute: number,
): Promise<Booking[]> {
  if (!spaceIds.length) return [];
  const rows = await db
    .selectFrom('spaces_bookings')
    .selectAll()
    .where('place_id', '=', placeId)
    .where('space_id', 'in', [...spaceIds])
    .where('end_minute', '>=', fromMinute)
    .orderBy('start_minute')
    .limit(1000)
    .execute();
  return rows.map(bookingOf);
}

/** Confirmed bookings of a place, by these people's groups or themselves, from a minute on (for events). */
export async function confirmedBookings(
  db: Queryable,
  placeId: string,
  filter: { id?: string; bookerId?: string; organisationIds?: readonly string[]; fromMinute?: number },
): Promise<Array<Booking & { spaceName: string; locationId: string }>> {
  let query = db
    .selectFrom('spaces_bookings as b')
    .innerJoin('spaces_spaces as s', 's.id', 'b.space_id')
    .selectAll('b')
    .select(['s.name as space_name', 's.location_id'])
    .where('b.place_id', '=', placeId)
    .where('b.status', '=', 'confirmed');
  if (filter.id) query = query.where('b.id', '=', filter.id);
  if (filter.fromMinute !== undefined) query = query.where('b.end_minute', '>=', filter.fromMinute);
  const orgs = filter.organisationIds ?? [];
  if (filter.bookerId || orgs.length)
    query = query.where((eb) =>
      eb.or([
        ...(filter.bookerId ? [eb('b.booker_id', '=', filter.bookerId)] : []),
        ...(orgs.length ? [eb('b.organisation_id', 'in', [...orgs])] : []),
      ]),
    );
  const rows = await query.orderBy('b.start_minute').limit(500).execute();
  return rows.map((r) => ({ ...bookingOf(r), spaceName: r.space_name, locationId: r.location_id }));
}

/** Everything booked by a person, for their download. */
export async function allBookingsOf(db: Queryable, personId: string): Promise<Booking[]> {
  const rows = await db.selectFrom('spaces_bookings').selectAll().where('booker_id', '=', personId).execute();
  return rows.map(bookingOf);
}

/** An erased person's bookings keep their times (the space's record) but lose who and why. */
export async function eraseBookingsOf(db: Queryable, personId: string): Promise<void> {
  await db
    .updateTable('spaces_bookings')
    .set({ booker_id: null, purpose: '', reason: '', updated_at: nowIso() })
    .where('booker_id', '=', personId)
    .execute();
  await db.updateTable('spaces_bookings').set({ decided_by: null }).where('decided_by', '=', personId).execute();
  await db.updateTable('spaces_payments').set({ recorded_by: null }).where('recorded_by', '=', personId).execute();
  await db.deleteFrom('spaces_feeds').where('person_id', '=', personId).execute();
  await db.updateTable('spaces_spaces').set({ listed_by: null }).where('listed_by', '=', personId).execute();
}

/** Minutes of confirmed bookings that started in [from, to), and how many were at the community rate. */
export async function bookedFigures(
  db: Queryable,
  placeId: string,
  from: string,
  to: string,
): Promise<{ minutes: number; community: number }> {
  const row = await db
    .selectFrom('spaces_bookings')
    .select((eb) => [
      eb.fn.coalesce(eb.fn.sum<number>(sql<number>`end_minute - start_minute`), sql<number>`0`).as('minutes'),
      eb.fn
        .coalesce(eb.fn.sum<number>(sql<number>`case when tier = 'community' then 1 else 0 end`), sql<number>`0`)
        .as('community'),
    ])
    .where('place_id', '=', placeId)
    .where('status', '=', 'confirmed')
    .where('starts_at', '>=', from)
    .where('starts_at', '<', to)
    .executeTakeFirst();
  return { minutes: Number(row?.minutes ?? 0), community: Number(row?.community ?? 0) };
}

/** Who booked a space (confirmed) that started in the period, for the place's insight. */
export function bookersIn(db: Queryable, placeId: string, from: string, to: string) {
  return db
    .selectFrom('spaces_bookings')
    .select(sql<string>`booker_id`.as('person_id'))
    .where('place_id', '=', placeId)
    .where('status', '=', 'confirmed')
    .where('booker_id', 'is not', null)
    .where('starts_at', '>=', from)
    .where('starts_at', '<', to);
}

/** The bookings of a series, in date order. */
export async function bookingsOfSeries(db: Queryable, placeId: string, seriesId: string): Promise<Booking[]> {
  const rows = await db
    .selectFrom('spaces_bookings')
    .selectAll()
    .where('place_id', '=', placeId)
    .where('series_id', '=', seriesId)
    .orderBy('start_minute')
    .execute();
  return rows.map(bookingOf);
}

/** A booking moved to a new time (and size or purpose), re-priced; its status and hold as the change decides. */
export async function moveBooking(
  db: Queryable,
  id: string,
  m: {
    start: number;
    end: number;
    blockEnd: number;
    attendees: number;
    purpose: string;
    pricePence: number;
    status: BookingStatus;
    holdExpiresAt: string | null;
  },
): Promise<void> {
  await db
    .updateTable('spaces_bookings')
    .set({
      starts_at: instantOf(m.start),
      ends_at: instantOf(m.end),
      start_minute: m.start,
      end_minute: m.end,
      block_end_minute: m.blockEnd,
      attendees: m.attendees,
      purpose: m.purpose,
      price_pence: m.pricePence,
      status: m.status,
      hold_expires_at: m.holdExpiresAt,
      updated_at: nowIso(),
    })
    .where('id', '=', id)
    .execute();
}

export async function setNoShow(db: Queryable, id: string, noShow: boolean): Promise<void> {
  await db
    .updateTable('spaces_bookings')
    .set({ no_show: noShow ? 1 : 0, updated_at: nowIso() })
    .where('id', '=', id)
    .execute();
}

// Payments

export interface Payment {
  id: string;
  bookingId: string;
  amountPence: number;
  paidOn: string;
  method: PaymentMethod;
  reference: string;
}

export async function insertPayment(
  db: Queryable,
  p: Omit<Payment, 'id'> & { placeId: string; recordedBy: string },
): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('spaces_payments')
    .values({
      id,
      place_id: p.placeId,
      booking_id: p.bookingId,
      amount_pence: p.amountPence,
      paid_on: p.paidOn,
      method: p.method,
      reference: p.reference,
      recorded_by: p.recordedBy,
      created_at: nowIso(),
    })
    .execute();
  return id;
}

/** Payments recorded for these bookings, oldest first. */
export async function paymentsFor(db: Queryable, bookingIds: readonly string[]): Promise<Payment[]> {
  if (!bookingIds.length) return [];
  const rows = await db
    .selectFrom('spaces_payments')
    .selectAll()
    .where('booking_id', 'in', [...bookingIds])
    .orderBy('paid_on')
    .orderBy('created_at')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    bookingId: r.booking_id,
    amountPence: Number(r.amount_pence),
    paidOn: r.paid_on,
    method: r.method,
    reference: r.reference,
  }));
}

// A space's use over a period

/** A space's confirmed bookings that started in [from, to) (minutes), with what was paid for each. */
export async function usedBookings(db: Queryable, spaceId: string, from: number, to: number) {
  const rows = await db
    .selectFrom('spaces_bookings as b')
    .selectAll('b')
    .select((eb) =>
      eb
        .selectFrom('spaces_payments as p')
        .select((e) => e.fn.coalesce(e.fn.sum<number>('p.amount_pence'), sql<number>`0`).as('paid'))
        .whereRef('p.booking_id', '=', 'b.id')
        .as('paid_pence'),
    )
    .where('b.space_id', '=', spaceId)
    .where('b.status', '=', 'confirmed')
    .where('b.start_minute', '>=', from)
    .where('b.start_minute', '<', to)
    .orderBy('b.start_minute')
    .execute();
  return rows.map((r) => ({ ...bookingOf(r), paidPence: Number(r.paid_pence ?? 0) }));
}

// Private calendar feeds

/** Ends this person's feeds in a place (the old address stops working) and starts one with this secret's hash. */
export async function replaceFeed(db: Queryable, placeId: string, personId: string, tokenHash: string | null) {
  await db
    .updateTable('spaces_feeds')
    .set({ revoked_at: nowIso() })
    .where('place_id', '=', placeId)
    .where('person_id', '=', personId)
    .where('revoked_at', 'is', null)
    .execute();
  if (tokenHash)
    await db
      .insertInto('spaces_feeds')
      .values({
        id: randomUUID(),
        place_id: placeId,
        person_id: personId,
        token_hash: tokenHash,
        created_at: nowIso(),
        revoked_at: null,
      })
      .execute();
}

/** The live feed of this person in a place: when it was made. */
export async function liveFeedOf(db: Queryable, placeId: string, personId: string) {
  const row = await db
    .selectFrom('spaces_feeds')
    .select(['created_at'])
    .where('place_id', '=', placeId)
    .where('person_id', '=', personId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return row ? { createdAt: row.created_at } : undefined;
}

/** Whose feed a secret's hash opens, if it is still live. */
export async function feedOwner(db: Queryable, placeId: string, tokenHash: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('spaces_feeds')
    .select('person_id')
    .where('place_id', '=', placeId)
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return row?.person_id;
}

/** A booker's live and coming bookings, with their spaces' names, for their feed. */
export async function feedBookings(db: Queryable, placeId: string, personId: string, fromMinute: number) {
  const rows = await db
    .selectFrom('spaces_bookings as b')
    .innerJoin('spaces_spaces as s', 's.id', 'b.space_id')
    .selectAll('b')
    .select('s.name as space_name')
    .where('b.place_id', '=', placeId)
    .where('b.booker_id', '=', personId)
    .where('b.status', 'in', LIVE)
    .where('b.end_minute', '>=', fromMinute)
    .orderBy('b.start_minute')
    .limit(1000)
    .execute();
  return rows.map((r) => ({ ...bookingOf(r), spaceName: r.space_name }));
}
