/** Shifts: a coordinator adds them to a role, or cancels one and everyone signed up to it is told. */
import { NotFoundError, RuleError } from '../../errors.js';
import type { Kith } from '../../kith.js';
import { nowIso } from '../../db/index.js';
import { recordAudit } from '../../platform/audit/index.js';
import { once } from '../../platform/idempotency/index.js';
import { findPersonById } from '../people/index.js';
import type { ShiftsInput } from './inputs.js';
import {
  findOpportunity,
  findShift,
  insertShifts,
  markShiftCancelled,
  signupsOfSlot,
  updateSignup,
  widenWhen,
  type Opportunity,
} from './store.js';
import { partsOfDay, shiftTimes, dayBit } from './times.js';
import type { Actor } from './actor.js';
import { email, whenText } from './emails.js';
import { placeParts } from '../../platform/dates.js';

export async function addShifts(
  kith: Kith,
  input: Actor & { opportunity: Opportunity; plan: ShiftsInput },
): Promise<number> {
  const times = shiftTimes({ ...input.plan, date: input.plan.date! });
  const { result } = await once(
    kith.db,
    'volunteering.shifts',
    { owner: input.actorId, key: input.formKey },
    async (trx) => {
      await insertShifts(trx, {
        placeId: input.placeId,
        opportunityId: input.opportunity.id,
        places: input.plan.places,
        times,
      });
      const days = times.reduce((mask, t) => mask | dayBit(placeParts(t.startsAt).weekday), 0);
      await widenWhen(trx, input.opportunity.id, days, partsOfDay(input.plan.starts, input.plan.ends));
      await recordAudit(trx, {
        placeId: input.placeId,
        actorId: input.actorId,
        action: 'volunteers.shiftsAdded',
        subjectType: 'volunteering_opportunity',
        subjectId: input.opportunity.id,
        detail: { count: times.length },
      });
      return times.length;
    },
  );
  return result;
}

/**
 * A coordinator cancels a shift that has not started, with a reason. Everyone with an
 * open sign-up to it (confirmed, held or waiting) has it cancelled and is emailed the
 * reason in their language; the shift is no longer offered and sends no reminder. A
 * shift already cancelled stays as it was: false, and nobody is emailed again.
 */
export async function cancelShift(
  kith: Kith,
  input: Actor & { organisationId: string; shiftId: string; reason: string; base: string },
): Promise<{ cancelled: boolean; people: number }> {
  const outcome = await kith.db.transaction(async (trx) => {
    const shift = await findShift(trx, input.shiftId, { lock: kith.db.dialect === 'postgres' });
    const opportunity = shift && (await findOpportunity(trx, shift.opportunityId));
    if (
      !shift ||
      !opportunity ||
      opportunity.placeId !== input.placeId ||
      opportunity.organisationId !== input.organisationId
    )
      throw new NotFoundError();
    if (shift.cancelledAt) return { cancelled: false, people: 0 };
    if (shift.startsAt <= nowIso()) throw new RuleError('volunteering.shiftCancel.started', {}, 'reason');
    if (!(await markShiftCancelled(trx, shift.id, input.reason))) return { cancelled: false, people: 0 };
    const signups = await signupsOfSlot(trx, shift.id);
    for (const s of signups) {
      await updateSignup(trx, s.id, { status: 'cancelled' });
      const person = await findPersonById(trx, s.personId);
      await email(
        kith,
        trx,
        input.placeId,
        s.personId,
        'shiftCancelled',
        {
          title: opportunity.title,
          when: whenText(shift.startsAt, person?.language === 'cy' ? 'cy' : 'en'),
          reason: input.reason,
        },
        `${input.base}/mine`,
      );
    }
    await recordAudit(trx, {
      placeId: input.placeId,
      actorId: input.actorId,
      action: 'volunteers.shiftCancelled',
      subjectType: 'volunteering_shift',
      subjectId: shift.id,
      detail: { signups: signups.length, reason: input.reason },
    });
    return { cancelled: true, people: signups.length };
  });
  kith.kickJobs();
  return outcome;
}
