/**
 * Sign-ups: a person signs up to a shift or a flexible role, or cancels; a coordinator
 * responds. A shift's places are counted with the shift's row locked (PostgreSQL) or
 * under SQLite's write lock, so sign-ups racing for the last place never overfill it.
 */
import { NotFoundError, RuleError } from '../../errors.js';
import type { Kith } from '../../kith.js';
import { isUniqueViolation, nowIso, type Trx } from '../../db/index.js';
import { recordAudit } from '../../platform/audit/index.js';
import { once } from '../../platform/idempotency/index.js';
import { findPlaceById } from '../places/index.js';
import type { SignupStatus } from './schema.js';
import { parseRequirements, tooYoung, unmetRequirements, type HoldReason } from './requirements.js';
import {
  findOpportunity,
  findShift,
  findSignup,
  firstWaiting,
  heldBySlot,
  insertSignup,
  openSignupOf,
  updateSignup,
  type Opportunity,
  type Signup,
} from './store.js';
import { birthDateOf, checksOf, consentsOf, setBirthDate } from './checks-store.js';
import { eraseVolunteer } from './personal-data-store.js';
import type { Actor } from './actor.js';
import { email, whenText } from './emails.js';
import { placeParts, todayInPlace } from '../../platform/dates.js';

/** What stands between a person and being confirmed for a role on a day (checks, consent). */
export async function holdsFor(
  trx: Trx,
  placeId: string,
  opportunity: Opportunity,
  personId: string,
  on: string,
): Promise<HoldReason[]> {
  const requirements = parseRequirements(opportunity.requirements);
  const birthDate = await birthDateOf(trx, placeId, personId);
  const checks = requirements.length ? await checksOf(trx, opportunity.organisationId, personId) : [];
  const hasConsent = birthDate ? (await consentsOf(trx, opportunity.organisationId, personId)).length > 0 : false;
  return unmetRequirements({ requirements, checks, birthDate, hasConsent, on });
}

export const dayOf = (shift: { startsAt: string } | undefined) =>
  shift ? placeParts(shift.startsAt).date : todayInPlace();

/**
 * Signs a person up to a shift (confirmed, held pending checks, or on the waiting list
 * when every place is held) or records their interest in a flexible role.
 */
export async function signUp(
  kith: Kith,
  input: Actor & { opportunityId: string; shiftId: string | null; message: string; birthDate: string | null },
): Promise<{ signupId: string; status: SignupStatus }> {
  const postgres = kith.db.dialect === 'postgres';
  try {
    const { result } = await once(
      kith.db,
      'volunteering.join',
      { owner: input.actorId, key: input.formKey },
      async (trx) => {
        const opportunity = await findOpportunity(trx, input.opportunityId);
        if (!opportunity || opportunity.placeId !== input.placeId || opportunity.status !== 'open')
          throw new NotFoundError();
        let shift;
        if (opportunity.participation === 'shifts') {
          if (!input.shiftId) throw new RuleError('volunteering.validation.shift.required', {}, 'shift');
          shift = await findShift(trx, input.shiftId, { lock: postgres });
          if (!shift || shift.opportunityId !== opportunity.id || shift.cancelledAt || shift.startsAt <= nowIso())
            throw new RuleError('volunteering.validation.shift.required', {}, 'shift');
        }
        if (input.birthDate) await setBirthDate(trx, input.placeId, input.actorId, input.birthDate);
        const birthDate = input.birthDate ?? (await birthDateOf(trx, input.placeId, input.actorId));
        const on = dayOf(shift);
        if (opportunity.minimumAge !== null && !birthDate)
          throw new RuleError(
            'volunteering.join.birthDateNeeded',
            { age: String(opportunity.minimumAge) },
            'birthDate',
          );
        if (birthDate && tooYoung(opportunity.minimumAge, birthDate, on))
          throw new RuleError('volunteering.join.tooYoung', { age: String(opportunity.minimumAge) }, 'birthDate');
        const slot = shift ? shift.id : opportunity.id;
        if (await openSignupOf(trx, slot, input.actorId))
          throw new RuleError('volunteering.join.already', {}, shift ? 'shift' : 'message');
        let status: SignupStatus = 'interested';
        if (shift) {
          const held = (await heldBySlot(trx, [slot])).get(slot) ?? 0;
          if (held >= shift.places) status = 'waiting';
          else
            status = (await holdsFor(trx, input.placeId, opportunity, input.actorId, on)).length
              ? 'pending'
              : 'confirmed';
        }
        const signupId = await insertSignup(trx, {
          placeId: input.placeId,
          organisationId: opportunity.organisationId,
          opportunityId: opportunity.id,
          shiftId: shift?.id ?? null,
          slot,
          personId: input.actorId,
          status,
          message: input.message,
        });
        await recordAudit(trx, {
          placeId: input.placeId,
          actorId: input.actorId,
          action: 'volunteers.signedUp',
          subjectType: 'volunteering_signup',
          subjectId: signupId,
          detail: { status },
        });
        return { signupId, status };
      },
    );
    return result;
  } catch (error) {
    // Two submissions at once for the same slot: the database's unique index let one in.
    if (isUniqueViolation(error))
      throw new RuleError('volunteering.join.already', {}, input.shiftId ? 'shift' : 'message');
    throw error;
  }
}

/**
 * Gives a freed place to whoever has waited longest: confirmed, or held pending their
 * checks. Runs inside the transaction that freed it, with the shift still locked.
 */
async function promoteWaiting(kith: Kith, trx: Trx, signup: Signup, base: string): Promise<void> {
  if (!signup.shiftId) return;
  const shift = await findShift(trx, signup.shiftId);
  const opportunity = await findOpportunity(trx, signup.opportunityId);
  if (!shift || !opportunity) return;
  const held = (await heldBySlot(trx, [shift.id])).get(shift.id) ?? 0;
  if (held >= shift.places) return;
  const next = await firstWaiting(trx, shift.id);
  if (!next) return;
  const status: SignupStatus = (await holdsFor(trx, signup.placeId, opportunity, next.personId, dayOf(shift))).length
    ? 'pending'
    : 'confirmed';
  await updateSignup(trx, next.id, { status });
  await recordAudit(trx, {
    placeId: signup.placeId,
    actorId: null,
    action: 'volunteers.promotedFromWaitingList',
    subjectType: 'volunteering_signup',
    subjectId: next.id,
    detail: { status },
  });
  await email(
    kith,
    trx,
    signup.placeId,
    next.personId,
    'promoted',
    { title: opportunity.title, when: whenText(shift.startsAt) },
    `${base}/mine`,
  );
}

/**
 * Erases a person's volunteering (personal-data-store's eraseVolunteer) inside the erasure's
 * transaction, then offers each place they held on a shift still to come to that
 * shift's waiting list, exactly as when someone cancels.
 */
export async function eraseVolunteerFreeingPlaces(kith: Kith, trx: Trx, personId: string): Promise<void> {
  const freed = await eraseVolunteer(trx, personId, { lock: kith.db.dialect === 'postgres' });
  for (const signup of freed) {
    const place = await findPlaceById(trx, signup.placeId);
    if (place) await promoteWaiting(kith, trx, signup, `/places/${place.slug}/volunteering`);
  }
}

const holdsPlace = (status: SignupStatus) => status === 'confirmed' || status === 'pending';

export async function cancelSignup(kith: Kith, input: Actor & { signupId: string; base: string }): Promise<void> {
  await kith.db.transaction(async (trx) => {
    const signup = await lockedSignup(kith, trx, input.signupId, input.placeId);
    if (signup.personId !== input.actorId) throw new NotFoundError();
    if (!['interested', 'pending', 'confirmed', 'waiting'].includes(signup.status))
      throw new RuleError('volunteering.cancel.notOpen');
    await updateSignup(trx, signup.id, { status: 'cancelled' });
    await recordAudit(trx, {
      placeId: input.placeId,
      actorId: input.actorId,
      action: 'volunteers.cancelled',
      subjectType: 'volunteering_signup',
      subjectId: signup.id,
    });
    if (holdsPlace(signup.status)) await promoteWaiting(kith, trx, signup, input.base);
  });
  kith.kickJobs();
}

/** The sign-up, with its shift's row locked first (PostgreSQL) so places are counted by one writer at a time. */
async function lockedSignup(kith: Kith, trx: Trx, signupId: string, placeId: string): Promise<Signup> {
  const postgres = kith.db.dialect === 'postgres';
  const first = await findSignup(trx, signupId);
  if (!first || first.placeId !== placeId) throw new NotFoundError();
  if (first.shiftId) await findShift(trx, first.shiftId, { lock: postgres });
  return (await findSignup(trx, signupId, { lock: postgres }))!;
}

export class UnmetRequirementsError extends RuleError {
  constructor(readonly reasons: HoldReason[]) {
    super('volunteering.respond.unmet', {}, 'action');
  }
}

/** A coordinator confirms, declines or writes back to someone who signed up or showed interest. */
export async function respondToSignup(
  kith: Kith,
  input: Actor & {
    organisationId: string;
    signupId: string;
    action: 'confirm' | 'decline' | 'reply';
    message: string;
    base: string;
  },
): Promise<void> {
  // A reply is a message: sent twice by a double click, it would reach the person twice.
  await once(kith.db, 'volunteering.respond', { owner: input.actorId, key: input.formKey }, async (trx) => {
    const signup = await lockedSignup(kith, trx, input.signupId, input.placeId);
    if (signup.organisationId !== input.organisationId) throw new NotFoundError();
    const opportunity = (await findOpportunity(trx, signup.opportunityId))!;
    const shift = signup.shiftId ? await findShift(trx, signup.shiftId) : undefined;
    const now = nowIso();
    if (input.action === 'confirm') {
      if (signup.status !== 'interested' && signup.status !== 'pending')
        throw new RuleError('volunteering.respond.cannotConfirm', {}, 'action');
      const reasons = await holdsFor(trx, input.placeId, opportunity, signup.personId, dayOf(shift));
      if (reasons.length) throw new UnmetRequirementsError(reasons);
      await updateSignup(trx, signup.id, {
        status: 'confirmed',
        responded_at: signup.respondedAt ?? now,
        ...(input.message && { reply: input.message }),
      });
    } else if (input.action === 'decline') {
      if (!['interested', 'pending', 'confirmed', 'waiting'].includes(signup.status))
        throw new RuleError('volunteering.respond.cannotDecline', {}, 'action');
      await updateSignup(trx, signup.id, {
        status: 'declined',
        reply: input.message,
        responded_at: signup.respondedAt ?? now,
      });
      if (holdsPlace(signup.status)) await promoteWaiting(kith, trx, signup, input.base);
    } else {
      await updateSignup(trx, signup.id, { reply: input.message, responded_at: signup.respondedAt ?? now });
    }
    await recordAudit(trx, {
      placeId: input.placeId,
      actorId: input.actorId,
      action: `volunteers.signup.${input.action}`,
      subjectType: 'volunteering_signup',
      subjectId: signup.id,
    });
    const when = shift ? whenText(shift.startsAt) : '';
    await email(
      kith,
      trx,
      input.placeId,
      signup.personId,
      input.action,
      { title: opportunity.title, when, message: input.message },
      `${input.base}/mine`,
    );
  });
  kith.kickJobs();
}
