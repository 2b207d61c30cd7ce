/** Hours: who came to a shift, time logged and confirmed into time credits, and thanks. */
import { NotFoundError, RuleError } from '../../errors.js';
import type { Kith } from '../../kith.js';
import { nowIso, type Trx } from '../../db/index.js';
import { recordAudit } from '../../platform/audit/index.js';
import { once } from '../../platform/idempotency/index.js';
import { creditVolunteering } from '../timebank/index.js';
import { findOpportunity, findShift, isConfirmedFor, signupsOfSlot, updateSignup, type Signup } from './store.js';
import { decideHours, findHours, insertHours, insertThanks, peopleWithHoursFor } from './hours-store.js';
import type { Actor } from './actor.js';
import { email } from './emails.js';
import { placeParts } from '../../platform/dates.js';

/** Marks who came to a shift: the confirmed people ticked came, the rest did not. */
export async function markAttendance(
  kith: Kith,
  input: Actor & { shiftId: string; signups: Signup[]; attended: readonly string[] },
): Promise<void> {
  await kith.db.transaction(async (trx) => {
    for (const s of input.signups)
      if (s.status === 'confirmed')
        await updateSignup(trx, s.id, { attended: input.attended.includes(s.id) ? 'yes' : 'no' });
    await recordAudit(trx, {
      placeId: input.placeId,
      actorId: input.actorId,
      action: 'volunteers.attendanceMarked',
      subjectType: 'volunteering_shift',
      subjectId: input.shiftId,
    });
  });
}

/** A volunteer logs time given in a role they are confirmed for; a coordinator confirms it later. */
export async function logHours(
  kith: Kith,
  input: Actor & { opportunityId: string; workedOn: string; minutes: number; note: string },
): Promise<string> {
  const { result } = await once(
    kith.db,
    'volunteering.hours',
    { owner: input.actorId, key: input.formKey },
    async (trx) => {
      const opportunity = await findOpportunity(trx, input.opportunityId);
      if (
        !opportunity ||
        opportunity.placeId !== input.placeId ||
        !(await isConfirmedFor(trx, opportunity.id, input.actorId))
      )
        throw new RuleError('volunteering.validation.opportunity.required', {}, 'opportunity');
      const id = await insertHours(trx, {
        placeId: input.placeId,
        organisationId: opportunity.organisationId,
        opportunityId: opportunity.id,
        personId: input.actorId,
        workedOn: input.workedOn,
        minutes: input.minutes,
        note: input.note,
        loggedBy: input.actorId,
      });
      await recordAudit(trx, {
        placeId: input.placeId,
        actorId: input.actorId,
        action: 'volunteers.hoursLogged',
        subjectType: 'volunteering_hours',
        subjectId: id,
        detail: { minutes: input.minutes },
      });
      return id;
    },
  );
  return result;
}

/**
 * Time given to an organisation outside any one role, such as a befriending match. The
 * caller has checked that the person gives time there; the organisation's coordinators
 * confirm it like any hours, and it counts in the same record and certificate.
 */
export async function logGivenTime(
  kith: Kith,
  input: Actor & { organisationId: string; workedOn: string; minutes: number; note: string },
): Promise<string> {
  const { result } = await once(
    kith.db,
    'volunteering.hours',
    { owner: input.actorId, key: input.formKey },
    async (trx) => {
      const id = await insertHours(trx, {
        placeId: input.placeId,
        organisationId: input.organisationId,
        opportunityId: null,
        personId: input.actorId,
        workedOn: input.workedOn,
        minutes: input.minutes,
        note: input.note,
        loggedBy: input.actorId,
      });
      await recordAudit(trx, {
        placeId: input.placeId,
        actorId: input.actorId,
        action: 'volunteers.hoursLogged',
        subjectType: 'volunteering_hours',
        subjectId: id,
        detail: { minutes: input.minutes },
      });
      return id;
    },
  );
  return result;
}

/**
 * Confirms or rejects logged hours. Confirming pays time credits from the group linked
 * to the organisation (if it issues them), in the same transaction and keyed by the
 * hours' id: one record, one transfer, however many times it is clicked.
 */
export async function decideLoggedHours(
  kith: Kith,
  input: Actor & {
    organisationId: string;
    hoursId: string;
    action: 'confirm' | 'reject';
    reason: string;
    description: string;
  },
): Promise<{ credit: string | null }> {
  return kith.db.transaction(async (trx) => {
    const hours = await findHours(trx, input.hoursId, { lock: kith.db.dialect === 'postgres' });
    if (!hours || hours.placeId !== input.placeId || hours.organisationId !== input.organisationId)
      throw new NotFoundError();
    if (hours.status !== 'logged') throw new RuleError('volunteering.hours.decided', {}, 'action');
    return decideIn(kith, trx, { ...input, hours });
  });
}

async function decideIn(
  kith: Kith,
  trx: Trx,
  input: {
    placeId: string;
    actorId: string;
    hours: { id: string; organisationId: string; personId: string; minutes: number };
    action: 'confirm' | 'reject';
    reason: string;
    description: string;
  },
) {
  const { hours } = input;
  let credit: string | null = null;
  if (input.action === 'confirm') {
    const outcome = await creditVolunteering(trx, kith.db, {
      placeId: input.placeId,
      organisationId: hours.organisationId,
      volunteerId: hours.personId,
      minutes: hours.minutes,
      key: `volunteering.hours:${hours.id}`,
      reference: { type: 'volunteering_hours', id: hours.id },
      description: input.description,
      actorId: input.actorId,
    });
    credit = outcome.status;
  }
  if (
    !(await decideHours(trx, hours.id, {
      status: input.action === 'confirm' ? 'confirmed' : 'rejected',
      decidedBy: input.actorId,
      rejectReason: input.action === 'reject' ? input.reason : null,
      credit,
    }))
  ) {
    throw new RuleError('volunteering.hours.decided', {}, 'action');
  }
  await recordAudit(trx, {
    placeId: input.placeId,
    actorId: input.actorId,
    action: `volunteers.hours.${input.action}`,
    subjectType: 'volunteering_hours',
    subjectId: hours.id,
    detail: { minutes: hours.minutes, credit },
  });
  return { credit };
}

/**
 * A coordinator logs the same time for everyone marked as having come to a shift that
 * has started; being the coordinator's own record, it is confirmed at once (with
 * credits, as any confirmed hours). Anyone who already has hours for the shift is
 * skipped, so sending the form twice adds nothing.
 */
export async function logTeamHours(
  kith: Kith,
  input: Actor & { organisationId: string; shiftId: string; minutes: number; description: string },
): Promise<number> {
  return kith.db.transaction(async (trx) => {
    const shift = await findShift(trx, input.shiftId, { lock: kith.db.dialect === 'postgres' });
    const opportunity = shift && (await findOpportunity(trx, shift.opportunityId));
    if (
      !shift ||
      !opportunity ||
      opportunity.placeId !== input.placeId ||
      opportunity.organisationId !== input.organisationId
    )
      throw new NotFoundError();
    if (shift.startsAt > nowIso()) throw new RuleError('volunteering.team.notYet', {}, 'hours');
    const already = await peopleWithHoursFor(trx, shift.id);
    const came = (await signupsOfSlot(trx, shift.id)).filter(
      (s) => s.status === 'confirmed' && s.attended === 'yes' && !already.has(s.personId),
    );
    if (!came.length) throw new RuleError('volunteering.team.nobody', {}, 'hours');
    const workedOn = placeParts(shift.startsAt).date;
    for (const s of came) {
      const id = await insertHours(trx, {
        placeId: input.placeId,
        organisationId: opportunity.organisationId,
        opportunityId: opportunity.id,
        shiftId: shift.id,
        personId: s.personId,
        workedOn,
        minutes: input.minutes,
        note: '',
        loggedBy: input.actorId,
      });
      await decideIn(kith, trx, {
        placeId: input.placeId,
        actorId: input.actorId,
        hours: { id, organisationId: opportunity.organisationId, personId: s.personId, minutes: input.minutes },
        action: 'confirm',
        reason: '',
        description: input.description,
      });
    }
    return came.length;
  });
}

export async function sendThanks(
  kith: Kith,
  input: Actor & { organisationId: string; personId: string; message: string; base: string; organisationName: string },
): Promise<void> {
  await once(kith.db, 'volunteering.thanks', { owner: input.actorId, key: input.formKey }, async (trx) => {
    await insertThanks(trx, {
      placeId: input.placeId,
      organisationId: input.organisationId,
      personId: input.personId,
      message: input.message,
      sentBy: input.actorId,
    });
    await recordAudit(trx, {
      placeId: input.placeId,
      actorId: input.actorId,
      action: 'volunteers.thanksSent',
      subjectType: 'person',
      subjectId: input.personId,
    });
    await email(
      kith,
      trx,
      input.placeId,
      input.personId,
      'thanks',
      { organisation: input.organisationName, message: input.message },
      `${input.base}/mine`,
    );
  });
  kith.kickJobs();
}
