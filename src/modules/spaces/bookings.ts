/**
 * Booking a space: a request that becomes a confirmed booking at once or a provisional
 * hold until the owner decides; approval, refusal with a reason, cancellation. A space is
 * never double-booked: each space's bookings are decided one at a time (SQLite's write
 * lock; the space's row lock on PostgreSQL), the clash check runs inside that
 * transaction, and PostgreSQL's exclusion constraint refuses an overlap whatever the code.
 */
import { randomUUID } from 'node:crypto';
import type { Queryable } from '../../db/index.js';
import { KithError, NotFoundError, RuleError } from '../../errors.js';
import type { Kith } from '../../kith.js';
import { recordAudit } from '../../platform/audit/index.js';
import { once, type Submission } from '../../platform/idempotency/index.js';
import { isOrganisationMember } from '../directory/index.js';
import type { BookingInput, ChangeInput, PaymentInput } from './inputs.js';
import {
  cancelsLate,
  chargeOf,
  clashes,
  instantOf,
  misfitOf,
  minuteOf,
  pounds,
  quotePence,
  seriesDates,
  spanOf,
} from './rules.js';
import type { BookingStatus } from './schema.js';
import {
  bookingsOfSeries,
  findBooking,
  insertBooking,
  insertPayment,
  lapseHolds,
  liveBookingsBetween,
  lockSpace,
  moveBooking,
  paymentsFor,
  setBookingStatus,
  setNoShow,
} from './store.js';

const isOverlapRefusal = (error: unknown) => (error as { code?: string }).code === '23P01';

export interface BookingRequest {
  placeId: string;
  spaceId: string;
  personId: string;
  input: BookingInput;
  now?: Date;
  submission?: Submission;
}

/** One date of a request: fits, or why not (a catalogue key and the field it belongs beside). */
export interface DateCheck {
  date: string;
  problem: { key: string; field: string; params?: Record<string, string> } | null;
}

type Locked = NonNullable<Awaited<ReturnType<typeof lockSpace>>>;

/**
 * Whether each date of a request fits the space: its hours, notice and size, the price
 * at the tier, and no clash with a live booking or an earlier date of the same request.
 * Read inside the booking's transaction, and for the preview before sending.
 */
export async function checkDates(
  db: Queryable,
  space: Locked,
  input: BookingInput,
  now: Date,
): Promise<Array<DateCheck & { start: number; end: number; price: number }>> {
  const checked: Array<DateCheck & { start: number; end: number; price: number }> = [];
  for (const date of seriesDates(input.date, input.repeat ?? 'none', input.count ?? 1)) {
    const { start, end } = spanOf(date, input.from, input.to);
    const misfit = misfitOf(space, { ...input, date }, now);
    const price = quotePence(space.rates, input.tier, end - start);
    const blockEnd = end + space.turnaroundMinutes;
    let problem: DateCheck['problem'] = misfit;
    if (!problem && price === null) problem = { key: 'spaces.book.error.tierNotOffered', field: 'tier' };
    if (!problem) {
      const earlier = checked.some(
        (c) =>
          !c.problem && clashes({ start, blockEnd }, { start: c.start, blockEnd: c.end + space.turnaroundMinutes }),
      );
      if (earlier || (await liveBookingsBetween(db, space.id, start, blockEnd)).length)
        problem = { key: 'spaces.book.error.clash', field: 'from' };
    }
    checked.push({ date, problem, start, end, price: price ?? 0 });
  }
  return checked;
}

/** What a request made: the bookings, whether they are confirmed or held, and the dates left out (clashes). */
export interface RequestOutcome {
  id: string;
  ids: string[];
  status: BookingStatus;
  skipped: DateCheck[];
}

/**
 * Asks for a space, on one date or a repeating series. Every date that fits is booked
 * (confirmed at once, or held for the owner's approval); dates that clash are left out
 * and reported. A request none of whose dates fit is refused with the first date's reason.
 */
export async function requestBooking(kith: Kith, r: BookingRequest): Promise<RequestOutcome> {
  const now = r.now ?? new Date();
  // Holds past their time lapse first, in their own transaction: a refused request must not bring them back.
  await kith.db.transaction((trx) => lapseHolds(trx, now, r.spaceId));
  try {
    const { result } = await once(kith.db, 'spaces.book', r.submission, async (trx) => {
      const space = await lockSpace(trx, r.placeId, r.spaceId, kith.db.dialect);
      if (!space || space.status !== 'listed') throw new NotFoundError();
      const organisationId = r.input.tier === 'community' ? r.input.organisationId || null : null;
      if (r.input.tier === 'community') {
        // Community rates are for groups in the directory, booked by someone who belongs to one.
        if (!organisationId || !(await isOrganisationMember(trx, r.placeId, organisationId, r.personId)))
          throw new RuleError('spaces.book.error.notInGroup', {}, 'organisationId');
      }
      const dates = await checkDates(trx, space, r.input, now);
      const fitting = dates.filter((d) => !d.problem);
      if (!fitting.length) {
        const first = dates[0]!.problem!;
        throw new RuleError(first.key, first.params, first.field);
      }
      const status: BookingStatus = space.approval === 'automatic' ? 'confirmed' : 'provisional';
      const seriesId = dates.length > 1 ? randomUUID() : null;
      const ids: string[] = [];
      for (const d of fitting) {
        ids.push(
          await insertBooking(trx, {
            placeId: r.placeId,
            spaceId: space.id,
            spaceKey: space.spaceKey,
            seriesId,
            bookerId: r.personId,
            organisationId,
            tier: r.input.tier,
            purpose: r.input.purpose,
            attendees: r.input.attendees,
            start: d.start,
            end: d.end,
            blockEnd: d.end + space.turnaroundMinutes,
            status,
            holdExpiresAt:
              status === 'provisional' ? new Date(now.getTime() + space.holdHours * 3600_000).toISOString() : null,
            pricePence: d.price,
            depositPence: space.depositPence,
            reason: '',
          }),
        );
      }
      await recordAudit(trx, {
        placeId: r.placeId,
        actorId: r.personId,
        action: `spaces.booking.${status}`,
        subjectType: 'spaces_booking',
        subjectId: ids[0]!,
        detail: { space: space.id, bookings: ids.length, skipped: dates.length - fitting.length },
      });
      return {
        id: ids[0]!,
        ids,
        status,
        skipped: dates.filter((d) => d.problem).map((d) => ({ date: d.date, problem: d.problem })),
      };
    });
    return result;
  } catch (error) {
    if (isOverlapRefusal(error)) throw new RuleError('spaces.book.error.clash', {}, 'from');
    throw error;
  }
}

type Decision = { kind: 'approve' } | { kind: 'refuse'; reason: string } | { kind: 'cancel'; reason: string };

/**
 * The owner approves or refuses a provisional booking; either side cancels a live one
 * before it starts. A hold past its time has lapsed and cannot be approved.
 */
export async function decideBooking(
  kith: Kith,
  c: { placeId: string; bookingId: string; actorId: string; decision: Decision; byOwner?: boolean; now?: Date },
): Promise<BookingStatus> {
  const now = c.now ?? new Date();
  const before = await findBooking(kith.db.kysely, c.placeId, c.bookingId);
  if (!before) throw new NotFoundError();
  await kith.db.transaction((trx) => lapseHolds(trx, now, before.spaceId));
  return kith.db.transaction(async (trx) => {
    const space = (await lockSpace(trx, c.placeId, before.spaceId, kith.db.dialect))!;
    await lapseHolds(trx, now, before.spaceId);
    const booking = (await findBooking(trx, c.placeId, c.bookingId))!;
    // The same decision again (a second click, a retry) changes nothing.
    const wanted = { approve: 'confirmed', refuse: 'refused', cancel: 'cancelled' }[c.decision.kind];
    if (booking.status === wanted) return booking.status;
    let status: BookingStatus;
    if (c.decision.kind === 'cancel') {
      if (booking.status !== 'provisional' && booking.status !== 'confirmed')
        throw new KithError(409, 'spaces.booking.error.notLive');
      if (booking.start <= minuteOf(now)) throw new KithError(409, 'spaces.booking.error.started');
      status = 'cancelled';
    } else {
      if (booking.status === 'lapsed') throw new KithError(409, 'spaces.booking.error.lapsed');
      if (booking.status !== 'provisional') throw new KithError(409, 'spaces.booking.error.decided');
      status = c.decision.kind === 'approve' ? 'confirmed' : 'refused';
    }
    // A booker calling off a confirmed booking later than the space's notice still owes the hire.
    const lateCancel =
      status === 'cancelled' &&
      !c.byOwner &&
      booking.status === 'confirmed' &&
      cancelsLate(booking.start, now, space.cancelNoticeHours);
    await setBookingStatus(trx, booking.id, {
      status,
      reason: c.decision.kind === 'approve' ? undefined : c.decision.reason,
      decidedBy: c.actorId,
      lateCancel,
    });
    await recordAudit(trx, {
      placeId: c.placeId,
      actorId: c.actorId,
      action: `spaces.booking.${status}`,
      subjectType: 'spaces_booking',
      subjectId: booking.id,
    });
    return status;
  });
}

/** The owner approves every held booking of a series at once (those already lapsed stay lapsed). */
export async function approveSeries(
  kith: Kith,
  c: { placeId: string; bookingId: string; actorId: string; now?: Date },
): Promise<number> {
  const now = c.now ?? new Date();
  const first = await findBooking(kith.db.kysely, c.placeId, c.bookingId);
  if (!first) throw new NotFoundError();
  if (!first.seriesId)
    return (await decideBooking(kith, { ...c, decision: { kind: 'approve' } })) === 'confirmed' ? 1 : 0;
  await kith.db.transaction((trx) => lapseHolds(trx, now, first.spaceId));
  return kith.db.transaction(async (trx) => {
    await lockSpace(trx, c.placeId, first.spaceId, kith.db.dialect);
    let approved = 0;
    for (const b of await bookingsOfSeries(trx, c.placeId, first.seriesId!)) {
      if (b.status !== 'provisional') continue;
      await setBookingStatus(trx, b.id, { status: 'confirmed', decidedBy: c.actorId });
      approved++;
    }
    await recordAudit(trx, {
      placeId: c.placeId,
      actorId: c.actorId,
      action: 'spaces.booking.confirmed',
      subjectType: 'spaces_booking',
      subjectId: first.id,
      detail: { series: first.seriesId, approved },
    });
    return approved;
  });
}

/**
 * Either side moves one booking to another time, or changes its size or purpose, before
 * it starts and under the space's rules (hours, notice, horizon, capacity). It is checked
 * for clashes with every other live booking inside the space's lock, and re-priced at its
 * tier. A booker's change to a space whose owner approves bookings goes back to the owner
 * as a fresh hold; the owner's own change, or any change on a space that confirms at once,
 * keeps the booking's status.
 */
export async function changeBooking(
  kith: Kith,
  c: {
    placeId: string;
    bookingId: string;
    actorId: string;
    byOwner: boolean;
    input: ChangeInput;
    now?: Date;
    submission?: Submission;
  },
): Promise<BookingStatus> {
  const now = c.now ?? new Date();
  const before = await findBooking(kith.db.kysely, c.placeId, c.bookingId);
  if (!before) throw new NotFoundError();
  await kith.db.transaction((trx) => lapseHolds(trx, now, before.spaceId));
  try {
    const { result } = await once(kith.db, 'spaces.booking.change', c.submission, async (trx) => {
      const space = (await lockSpace(trx, c.placeId, before.spaceId, kith.db.dialect))!;
      const booking = (await findBooking(trx, c.placeId, c.bookingId))!;
      if (booking.status !== 'provisional' && booking.status !== 'confirmed')
        throw new KithError(409, 'spaces.booking.error.notLive');
      if (booking.start <= minuteOf(now)) throw new KithError(409, 'spaces.booking.error.started');
      const misfit = misfitOf(space, c.input, now);
      if (misfit) throw new RuleError(misfit.key, misfit.params, misfit.field);
      const { start, end } = spanOf(c.input.date, c.input.from, c.input.to);
      const price = quotePence(space.rates, booking.tier, end - start);
      if (price === null) throw new RuleError('spaces.book.error.tierNotOffered', {}, 'from');
      const blockEnd = end + space.turnaroundMinutes;
      const others = (await liveBookingsBetween(trx, space.id, start, blockEnd)).filter((b) => b.id !== booking.id);
      if (others.length) throw new RuleError('spaces.book.error.clash', {}, 'from');
      const backToOwner = !c.byOwner && space.approval === 'owner';
      const status: BookingStatus = backToOwner ? 'provisional' : booking.status;
      await moveBooking(trx, booking.id, {
        start,
        end,
        blockEnd,
        attendees: c.input.attendees,
        purpose: c.input.purpose,
        pricePence: price,
        status,
        holdExpiresAt:
          status === 'provisional'
            ? backToOwner
              ? new Date(now.getTime() + space.holdHours * 3600_000).toISOString()
              : booking.holdExpiresAt
            : null,
      });
      await recordAudit(trx, {
        placeId: c.placeId,
        actorId: c.actorId,
        action: 'spaces.booking.changed',
        subjectType: 'spaces_booking',
        subjectId: booking.id,
        detail: { from: booking.startsAt, to: instantOf(start), status },
      });
      return status;
    });
    return result;
  } catch (error) {
    if (isOverlapRefusal(error)) throw new RuleError('spaces.book.error.clash', {}, 'from');
    throw error;
  }
}

/**
 * The owner records a payment received for a booking (Kith never takes money). What is
 * recorded never exceeds what the booking costs, so the finance CSV always balances.
 */
export async function recordPayment(
  kith: Kith,
  c: { placeId: string; bookingId: string; actorId: string; input: PaymentInput; submission?: Submission },
): Promise<string> {
  const { result } = await once(kith.db, 'spaces.payment', c.submission, async (trx) => {
    const booking = await findBooking(trx, c.placeId, c.bookingId);
    if (!booking) throw new NotFoundError();
    const paid = (await paymentsFor(trx, [booking.id])).reduce((sum, p) => sum + p.amountPence, 0);
    const owed = chargeOf(booking) - paid;
    if (c.input.amount > owed) throw new RuleError('spaces.payment.error.tooMuch', { owed: pounds(owed) }, 'amount');
    const id = await insertPayment(trx, {
      placeId: c.placeId,
      bookingId: booking.id,
      amountPence: c.input.amount,
      paidOn: c.input.paidOn,
      method: c.input.method,
      reference: c.input.reference,
      recordedBy: c.actorId,
    });
    await recordAudit(trx, {
      placeId: c.placeId,
      actorId: c.actorId,
      action: 'spaces.payment.recorded',
      subjectType: 'spaces_booking',
      subjectId: booking.id,
      detail: { amountPence: c.input.amount },
    });
    return id;
  });
  return result;
}

/** The owner records that nobody came to a confirmed booking that has started (or takes it back). */
export async function markNoShow(
  kith: Kith,
  c: { placeId: string; bookingId: string; actorId: string; noShow: boolean; now?: Date },
): Promise<void> {
  await kith.db.transaction(async (trx) => {
    const booking = await findBooking(trx, c.placeId, c.bookingId);
    if (!booking) throw new NotFoundError();
    if (booking.status !== 'confirmed' || booking.start > minuteOf(c.now ?? new Date()))
      throw new KithError(409, 'spaces.booking.error.notStarted');
    if (booking.noShow === c.noShow) return;
    await setNoShow(trx, booking.id, c.noShow);
    await recordAudit(trx, {
      placeId: c.placeId,
      actorId: c.actorId,
      action: 'spaces.booking.noShow',
      detail: { noShow: c.noShow },
      subjectType: 'spaces_booking',
      subjectId: booking.id,
    });
  });
}
