/**
 * Booking a space: a request that becomes a confirmed booking at once or a provisional
 * hold until the owner decides; approval, refusal with a reason, cancellation. A space is
 * never double-booked: each space's bookings are decided one at a time (SQLite's write
 * lock; the space's row lock on PostgreSQL), the clash check runs inside that
 * transaction, and PostgreSQL's exclusion constraint refuses an overlap whatever the code.
 */
import { KithError, NotFoundError, RuleError } from '../../errors.js';
import type { Kith } from '../../kith.js';
import { recordAudit } from '../../platform/audit/index.js';
import { once, type Submission } from '../../platform/idempotency/index.js';
import { isOrganisationMember } from '../directory/index.js';
import type { BookingInput } from './inputs.js';
import { misfitOf, minuteOf, quotePence, spanOf } from './rules.js';
import type { BookingStatus } from './schema.js';
import { findBooking, insertBooking, lapseHolds, liveBookingsBetween, lockSpace, setBookingStatus } from './store.js';

const isOverlapRefusal = (error: unknown) => (error as { code?: string }).code === '23P01';

export interface BookingRequest {
  placeId: string;
  spaceId: string;
  personId: string;
  input: BookingInput;
  now?: Date;
  submission?: Submission;
}

/** Asks for a space; the booking's id and whether it is confirmed or held for approval. */
export async function requestBooking(kith: Kith, r: BookingRequest): Promise<{ id: string; status: BookingStatus }> {
  const now = r.now ?? new Date();
  // Holds past their time lapse first, in their own transaction: a refused request must not bring them back.
  await kith.db.transaction((trx) => lapseHolds(trx, now, r.spaceId));
  try {
    const { result } = await once(kith.db, 'spaces.book', r.submission, async (trx) => {
      const space = await lockSpace(trx, r.placeId, r.spaceId, kith.db.dialect);
      if (!space || space.status !== 'listed') throw new NotFoundError();
      await lapseHolds(trx, now, space.id);
      const misfit = misfitOf(space, r.input, now);
      if (misfit) throw new RuleError(misfit.key, misfit.params, misfit.field);
      const organisationId = r.input.tier === 'community' ? r.input.organisationId || null : null;
      if (r.input.tier === 'community') {
        // Community rates are for groups in the directory, booked by someone who belongs to one.
        if (!organisationId || !(await isOrganisationMember(trx, r.placeId, organisationId, r.personId)))
          throw new RuleError('spaces.book.error.notInGroup', {}, 'organisationId');
      }
      const { start, end } = spanOf(r.input.date, r.input.from, r.input.to);
      const price = quotePence(space.rates, r.input.tier, end - start);
      if (price === null) throw new RuleError('spaces.book.error.tierNotOffered', {}, 'tier');
      const blockEnd = end + space.turnaroundMinutes;
      if ((await liveBookingsBetween(trx, space.id, start, blockEnd)).length)
        throw new RuleError('spaces.book.error.clash', {}, 'from');
      const status: BookingStatus = space.approval === 'automatic' ? 'confirmed' : 'provisional';
      const id = await insertBooking(trx, {
        placeId: r.placeId,
        spaceId: space.id,
        spaceKey: space.spaceKey,
        bookerId: r.personId,
        organisationId,
        tier: r.input.tier,
        purpose: r.input.purpose,
        attendees: r.input.attendees,
        start,
        end,
        blockEnd,
        status,
        holdExpiresAt:
          status === 'provisional' ? new Date(now.getTime() + space.holdHours * 3600_000).toISOString() : null,
        pricePence: price,
        depositPence: space.depositPence,
        reason: '',
      });
      await recordAudit(trx, {
        placeId: r.placeId,
        actorId: r.personId,
        action: `spaces.booking.${status}`,
        subjectType: 'spaces_booking',
        subjectId: id,
        detail: { space: space.id },
      });
      return { id, status };
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
  c: { placeId: string; bookingId: string; actorId: string; decision: Decision; now?: Date },
): Promise<BookingStatus> {
  const now = c.now ?? new Date();
  const before = await findBooking(kith.db.kysely, c.placeId, c.bookingId);
  if (!before) throw new NotFoundError();
  await kith.db.transaction((trx) => lapseHolds(trx, now, before.spaceId));
  return kith.db.transaction(async (trx) => {
    await lockSpace(trx, c.placeId, before.spaceId, kith.db.dialect);
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
    await setBookingStatus(trx, booking.id, {
      status,
      reason: c.decision.kind === 'approve' ? undefined : c.decision.reason,
      decidedBy: c.actorId,
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
