/**
 * Volunteering's state changes, one function each, each in one transaction with its
 * audit record. A shift's places are counted with the shift's row locked (PostgreSQL)
 * or under SQLite's write lock, so sign-ups racing for the last place never overfill it.
 */
import { NotFoundError, RuleError } from '../../errors.js';
import type { Kith } from '../../kith.js';
import { isUniqueViolation, nowIso, type Queryable, type Trx } from '../../db/index.js';
import { recordAudit } from '../../platform/audit/index.js';
import { once } from '../../platform/idempotency/index.js';
import { emailReader } from '../../platform/mail/index.js';
import { findPersonById } from '../people/index.js';
import { findPlaceById } from '../places/index.js';
import { organisationSummariesByIds, pointForPostcode, organisersOf } from '../directory/index.js';
import { boundingBox, haversineMetres, METRES_PER_MILE } from '../../platform/postcodes.js';
import { creditVolunteering } from '../timebank/index.js';
import type { CheckKind, SignupStatus } from './schema.js';
import { parseRequirements, tooYoung, unmetRequirements, type HoldReason } from './requirements.js';
import { bitsOf, INTERESTS, type OpportunityInput, type ShiftsInput } from './inputs.js';
import {
  answerSuggestion,
  findSuggestion,
  insertSuggestion,
  findOpportunity,
  findShift,
  findSignup,
  firstWaiting,
  heldBySlot,
  insertOpportunity,
  insertShifts,
  insertSignup,
  isConfirmedFor,
  markShiftCancelled,
  opportunitiesByIds,
  openSignupOf,
  searchOpportunities,
  setOpportunityStatus,
  updateOpportunity,
  confirmedOnUpcomingShifts,
  signupsOfSlot,
  signupsToRemind,
  updateSignup,
  widenWhen,
  type Opportunity,
  type SearchFilters,
  type Signup,
} from './store.js';
import {
  birthDateOf,
  checksOf,
  checksToWarn,
  consentsOf,
  insertCheck,
  insertConsent,
  markCheckWarned,
  setBirthDate,
} from './checks-store.js';
import { decideHours, findHours, insertHours, insertThanks, peopleWithHoursFor } from './hours-store.js';
import { eraseVolunteer } from './personal-data-store.js';
import {
  addDays,
  daysMask,
  londonParts,
  partsOfDay,
  shiftTimes,
  timesMask,
  todayInLondon,
  weekdayOf,
  dayBit,
} from './times.js';

interface Actor {
  placeId: string;
  actorId: string;
  formKey?: string;
}

/** The words of a text search finds it by: lower case, unaccented, three letters or more, at most 60. */
export function searchWords(...texts: string[]): string[] {
  const words = new Set<string>();
  for (const text of texts) {
    for (const raw of text
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .split(/[^a-z0-9]+/)) {
      if (raw.length < 3) continue;
      words.add(raw.length > 4 && raw.endsWith('s') && !raw.endsWith('ss') ? raw.slice(0, -1) : raw);
      if (words.size >= 60) return [...words];
    }
  }
  return [...words];
}

/** Where a role is done: its postcode's point; a role not done from home must have a postcode Kith knows. */
async function pointOf(kith: Kith, o: OpportunityInput): Promise<{ latitude: number; longitude: number } | undefined> {
  if (o.postcode) {
    const point = await pointForPostcode(kith.db.kysely, o.postcode);
    if (!point) throw new RuleError('volunteering.validation.postcode.unknown', {}, 'postcode');
    return point;
  }
  if (!o.remote) throw new RuleError('volunteering.validation.postcode.required', {}, 'postcode');
  return undefined;
}

export async function publishOpportunity(
  kith: Kith,
  input: Actor & { organisationName: string; opportunity: OpportunityInput },
): Promise<string> {
  const o = input.opportunity;
  const point = await pointOf(kith, o);
  const { result } = await once(
    kith.db,
    'volunteering.publish',
    { owner: input.actorId, key: input.formKey },
    async (trx) => {
      const id = await insertOpportunity(
        trx,
        {
          placeId: input.placeId,
          organisationId: o.organisation,
          title: o.title,
          description: o.description,
          skills: o.skills,
          timeCommitment: o.timeCommitment,
          commitment: o.commitment,
          accessibility: o.accessibility,
          minimumAge: o.minimumAge,
          participation: o.participation,
          remote: o.remote,
          postcode: o.postcode.toUpperCase(),
          latitude: point?.latitude ?? null,
          longitude: point?.longitude ?? null,
          interests: bitsOf(INTERESTS, o.interests),
          requirements: o.requirements.join(','),
          days: daysMask(o.days),
          times: timesMask(o.times),
          status: o.status,
          createdBy: input.actorId,
        },
        searchWords(o.title, o.description, o.skills, input.organisationName),
      );
      if (o.suggestion) {
        const suggestion = await findSuggestion(trx, o.suggestion);
        if (
          !suggestion ||
          suggestion.organisationId !== o.organisation ||
          !(await answerSuggestion(trx, suggestion.id, { status: 'taken', opportunityId: id, response: null }))
        ) {
          throw new RuleError('volunteering.suggestion.answered', {}, 'title');
        }
      }
      await recordAudit(trx, {
        placeId: input.placeId,
        actorId: input.actorId,
        action: 'volunteers.opportunityPublished',
        subjectType: 'volunteering_opportunity',
        subjectId: id,
      });
      return id;
    },
  );
  return result;
}

/**
 * A coordinator edits a role after publishing it: its text, interests, checks, place,
 * minimum age and the words search finds it by, in one transaction. Whether it runs in
 * shifts or flexibly stays as it was. When the edit asks for a check the role did not
 * need before, everyone confirmed for a shift still to come who does not meet it goes
 * back to a held place until the coordinator records it, and is emailed; returns how many.
 */
export async function editOpportunity(
  kith: Kith,
  input: Actor & { opportunity: Opportunity; organisationName: string; changes: OpportunityInput; base: string },
): Promise<{ held: number }> {
  const o = input.changes;
  const point = await pointOf(kith, o);
  const postgres = kith.db.dialect === 'postgres';
  const { result } = await once(
    kith.db,
    'volunteering.edit',
    { owner: input.actorId, key: input.formKey },
    async (trx) => {
      const before = await findOpportunity(trx, input.opportunity.id);
      if (!before || before.placeId !== input.placeId || before.organisationId !== input.opportunity.organisationId)
        throw new NotFoundError();
      await updateOpportunity(
        trx,
        before,
        {
          title: o.title,
          description: o.description,
          skills: o.skills,
          timeCommitment: o.timeCommitment,
          commitment: o.commitment,
          accessibility: o.accessibility,
          minimumAge: o.minimumAge,
          remote: o.remote,
          postcode: o.postcode.toUpperCase(),
          latitude: point?.latitude ?? null,
          longitude: point?.longitude ?? null,
          interests: bitsOf(INTERESTS, o.interests),
          requirements: o.requirements.join(','),
          days: daysMask(o.days),
          times: timesMask(o.times),
          status: o.status,
        },
        searchWords(o.title, o.description, o.skills, input.organisationName),
      );
      const previously = parseRequirements(before.requirements);
      const added = o.requirements.filter((r) => !previously.includes(r));
      let held = 0;
      if (added.length) {
        const after = (await findOpportunity(trx, before.id))!;
        for (const s of await confirmedOnUpcomingShifts(trx, before.id, nowIso())) {
          // Lock the shift as a sign-up does, so the place changes hands with one writer at a time.
          await findShift(trx, s.shiftId!, { lock: postgres });
          if (!(await holdsFor(trx, input.placeId, after, s.personId, dayOf(s))).length) continue;
          await updateSignup(trx, s.id, { status: 'pending' });
          held++;
          const person = await findPersonById(trx, s.personId);
          const t = kith.catalogue.translator(person?.language ?? 'en');
          await email(
            kith,
            trx,
            input.placeId,
            s.personId,
            'held',
            {
              title: o.title,
              when: whenText(s.startsAt, person?.language === 'cy' ? 'cy' : 'en'),
              checks: added.map((k) => t(`volunteering.check.${k}`)).join(', '),
            },
            `${input.base}/mine`,
          );
        }
      }
      await recordAudit(trx, {
        placeId: input.placeId,
        actorId: input.actorId,
        action: 'volunteers.opportunityEdited',
        subjectType: 'volunteering_opportunity',
        subjectId: before.id,
        detail: { added, held },
      });
      return { held };
    },
  );
  kith.kickJobs();
  return result;
}

/** Someone who would like something done suggests it to an organisation; its coordinators decide. */
export async function suggestOpportunity(
  kith: Kith,
  input: Actor & { organisationId: string; title: string; detail: string },
): Promise<string> {
  const { result } = await once(
    kith.db,
    'volunteering.suggest',
    { owner: input.actorId, key: input.formKey },
    async (trx) => {
      const id = await insertSuggestion(trx, {
        placeId: input.placeId,
        organisationId: input.organisationId,
        title: input.title,
        detail: input.detail,
        suggestedBy: input.actorId,
      });
      await recordAudit(trx, {
        placeId: input.placeId,
        actorId: input.actorId,
        action: 'volunteers.suggested',
        subjectType: 'volunteering_suggestion',
        subjectId: id,
      });
      return id;
    },
  );
  return result;
}

/** A coordinator says no to a suggestion, with a reason the person who made it can read. */
export async function declineSuggestion(
  kith: Kith,
  input: Actor & { organisationId: string; suggestionId: string; response: string },
): Promise<void> {
  await kith.db.transaction(async (trx) => {
    const suggestion = await findSuggestion(trx, input.suggestionId);
    if (!suggestion || suggestion.placeId !== input.placeId || suggestion.organisationId !== input.organisationId)
      throw new NotFoundError();
    if (
      !(await answerSuggestion(trx, suggestion.id, {
        status: 'declined',
        opportunityId: null,
        response: input.response,
      }))
    )
      throw new RuleError('volunteering.suggestion.answered', {}, 'response');
    await recordAudit(trx, {
      placeId: input.placeId,
      actorId: input.actorId,
      action: 'volunteers.suggestionDeclined',
      subjectType: 'volunteering_suggestion',
      subjectId: suggestion.id,
    });
  });
}

export async function changeOpportunityStatus(
  kith: Kith,
  input: Actor & { opportunity: Opportunity; status: Opportunity['status'] },
): Promise<void> {
  await kith.db.transaction(async (trx) => {
    await setOpportunityStatus(trx, { id: input.opportunity.id, placeId: input.placeId, status: input.status });
    await recordAudit(trx, {
      placeId: input.placeId,
      actorId: input.actorId,
      action: 'volunteers.opportunityStatus',
      subjectType: 'volunteering_opportunity',
      subjectId: input.opportunity.id,
      detail: { status: input.status },
    });
  });
}

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
      const days = times.reduce((mask, t) => mask | dayBit(londonParts(t.startsAt).weekday), 0);
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

/** What stands between a person and being confirmed for a role on a day (checks, consent). */
async function holdsFor(
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

const dayOf = (shift: { startsAt: string } | undefined) => (shift ? londonParts(shift.startsAt).date : todayInLondon());

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

export async function recordCheck(
  kith: Kith,
  input: Actor & {
    organisationId: string;
    personId: string;
    kind: CheckKind;
    checkedOn: string;
    expiresOn: string | null;
    note: string;
  },
): Promise<void> {
  await once(kith.db, 'volunteering.check', { owner: input.actorId, key: input.formKey }, async (trx) => {
    const id = await insertCheck(trx, { ...input, recordedBy: input.actorId });
    await recordAudit(trx, {
      placeId: input.placeId,
      actorId: input.actorId,
      action: 'volunteers.checkRecorded',
      subjectType: 'volunteering_check',
      subjectId: id,
      detail: { kind: input.kind },
    });
  });
}

export async function recordConsent(
  kith: Kith,
  input: Actor & {
    organisationId: string;
    personId: string;
    guardianName: string;
    relationship: string;
    givenOn: string;
  },
): Promise<void> {
  await once(kith.db, 'volunteering.consent', { owner: input.actorId, key: input.formKey }, async (trx) => {
    await insertConsent(trx, { ...input, recordedBy: input.actorId });
    await recordAudit(trx, {
      placeId: input.placeId,
      actorId: input.actorId,
      action: 'volunteers.consentRecorded',
      subjectType: 'person',
      subjectId: input.personId,
    });
  });
}

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
    const workedOn = londonParts(shift.startsAt).date;
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

export async function findOpportunities(
  kith: Kith,
  placeId: string,
  filters: Omit<SearchFilters, 'box'> & { near: { latitude: number; longitude: number } | null; miles: number },
  limit = 50,
) {
  const metres = filters.miles * METRES_PER_MILE;
  const found = await searchOpportunities(
    kith.db.kysely,
    placeId,
    { ...filters, box: filters.near ? boundingBox(filters.near, metres) : null },
    filters.near ? limit * 4 : limit,
  );
  if (!filters.near) return found.map((o) => ({ ...o, miles: null as number | null }));
  const near = filters.near;
  return found
    .map((o) => ({
      ...o,
      miles:
        o.latitude === null || o.longitude === null
          ? null
          : haversineMetres(near, { latitude: o.latitude, longitude: o.longitude }) / METRES_PER_MILE,
    }))
    .filter((o) => o.remote || (o.miles !== null && o.miles <= filters.miles))
    .slice(0, limit);
}

/** "Saturday 5 December 2026, 10:00" in London time (English; emails add the rest in the reader's language). */
export function whenText(iso: string, lang: 'en' | 'cy' = 'en'): string {
  const date = new Date(iso);
  const day = new Intl.DateTimeFormat(lang === 'cy' ? 'cy-GB' : 'en-GB', {
    timeZone: 'Europe/London',
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(date);
  return `${day}, ${londonParts(iso).time}`;
}

/** An email from the catalogue's volunteering.email.<kind>.subject and .body, in the recipient's language. */
async function email(
  kith: Kith,
  trx: Trx,
  placeId: string,
  personId: string,
  kind: string,
  params: Record<string, string>,
  path: string,
) {
  const person = await findPersonById(trx, personId);
  if (!person) return;
  await emailReader(kith, trx, person, {
    placeId,
    subjectKey: `volunteering.email.${kind}.subject`,
    paragraphs: [`volunteering.email.${kind}.body`],
    params,
    action: { key: 'volunteering.email.action', path },
  });
}

/**
 * The reminders job: an email a day ahead to each confirmed volunteer on a shift, and
 * one warning to the organisation's coordinators about each check expiring within 30
 * days. Each is marked sent in the same transaction as its email, so none goes twice.
 */
export async function sendReminders(kith: Kith, now = new Date()): Promise<{ shifts: number; checks: number }> {
  const db = kith.db.kysely;
  const due = await signupsToRemind(db, now.toISOString(), new Date(now.getTime() + 24 * 3600_000).toISOString());
  for (const s of due) {
    await kith.db.transaction(async (trx) => {
      const opportunity = await findOpportunity(trx, s.opportunityId);
      const place = await findPlaceById(trx, s.placeId);
      if (!opportunity || !place) return;
      const person = await findPersonById(trx, s.personId);
      await email(
        kith,
        trx,
        s.placeId,
        s.personId,
        'reminder',
        { title: opportunity.title, when: whenText(s.startsAt, person?.language === 'cy' ? 'cy' : 'en') },
        `/places/${place.slug}/volunteering/mine`,
      );
      await updateSignup(trx, s.id, { reminder_sent_at: nowIso() });
    });
  }
  const today = todayInLondon(now);
  const expiring = await checksToWarn(db, today, addDays(today, 30));
  for (const c of expiring) {
    await kith.db.transaction(async (trx) => {
      const place = await findPlaceById(trx, c.placeId);
      // The email names nobody: the dashboard it links to says whose check it is.
      for (const coordinator of await organisersOf(trx, c.placeId, c.organisationId)) {
        const t = kith.catalogue.translator(coordinator.language);
        await email(
          kith,
          trx,
          c.placeId,
          coordinator.id,
          'expiring',
          { kind: t(`volunteering.check.${c.kind}`), date: c.expiresOn ?? '' },
          `/places/${place?.slug}/volunteering/manage/${c.organisationId}`,
        );
      }
      await markCheckWarned(trx, c.id);
    });
  }
  return { shifts: due.length, checks: expiring.length };
}

export { weekdayOf };

export interface RoleSummary {
  id: string;
  name: string;
  /** Open for people to come to; a referral can only be sent to an open role. */
  open: boolean;
  organisationId: string;
  organisationName: string;
}

/** Names and organisations of some of a place's roles (for social prescribing); ids from elsewhere are left out. */
export async function roleSummaries(
  db: Queryable,
  placeId: string,
  ids: readonly string[],
): Promise<Map<string, RoleSummary>> {
  const roles = [...(await opportunitiesByIds(db, ids)).values()].filter((o) => o.placeId === placeId);
  const organisations = await organisationSummariesByIds(
    db,
    placeId,
    roles.map((o) => o.organisationId),
  );
  return new Map(
    roles.map((o) => [
      o.id,
      {
        id: o.id,
        name: o.title,
        open: o.status === 'open',
        organisationId: o.organisationId,
        organisationName: organisations.get(o.organisationId)?.name ?? '',
      },
    ]),
  );
}

/**
 * Open roles found by words, as the public search finds them with only its text box
 * filled (for a link worker searching with the words of a conversation).
 */
export async function findRolesByText(
  kith: Kith,
  placeId: string,
  text: string,
  limit: number,
): Promise<RoleSummary[]> {
  const found = await findOpportunities(
    kith,
    placeId,
    {
      words: searchWords(text),
      interests: 0,
      days: 0,
      times: 0,
      commitment: null,
      remoteOnly: false,
      near: null,
      miles: 0,
    },
    limit,
  );
  const summaries = await roleSummaries(
    kith.db.kysely,
    placeId,
    found.map((o) => o.id),
  );
  return found.flatMap((o) => summaries.get(o.id) ?? []);
}
