/**
 * Checks that travel: a volunteer lets a second organisation see the checks a first one
 * recorded (kind, dates and who recorded them, never a note), and can withdraw that at
 * any time. The second organisation's coordinator may accept a shared check, which
 * records it as met for their organisation (a record of their own that names its
 * source, with the source's dates), or decline it, which changes nothing. Leave is
 * given per organisation: one choice for the volunteer, whose checks that organisation
 * then sees only where one of its roles they signed up for needs them.
 */
import { RuleError } from '../../errors.js';
import type { Kith } from '../../kith.js';
import type { Queryable } from '../../db/index.js';
import { recordAudit } from '../../platform/audit/index.js';
import { once } from '../../platform/idempotency/index.js';
import {
  acceptedFrom,
  deleteShare,
  insertCheck,
  insertShare,
  sharedChecksFor,
  type SharedCheck,
} from './checks-store.js';
import { OPEN_STATUSES, opportunitiesByIds, signupsOfPerson } from './store.js';
import { parseRequirements, satisfies } from './requirements.js';
import type { CheckKind } from './schema.js';
import { todayInPlace } from '../../platform/dates.js';
import type { Actor } from './actor.js';

/** The organisations a person may let see their checks: those they have an open sign-up with. */
export async function organisationsToShareWith(db: Queryable, placeId: string, personId: string): Promise<string[]> {
  const signups = await signupsOfPerson(db, placeId, personId);
  return [...new Set(signups.filter((s) => OPEN_STATUSES.includes(s.status)).map((s) => s.organisationId))];
}

/** The checks the roles a person has an open sign-up for with an organisation need. */
export async function checksNeededBy(
  db: Queryable,
  placeId: string,
  organisationId: string,
  personId: string,
): Promise<CheckKind[]> {
  const signups = (await signupsOfPerson(db, placeId, personId)).filter(
    (s) => s.organisationId === organisationId && OPEN_STATUSES.includes(s.status),
  );
  const roles = await opportunitiesByIds(
    db,
    signups.map((s) => s.opportunityId),
  );
  return [...new Set([...roles.values()].flatMap((o) => parseRequirements(o.requirements)))];
}

/**
 * Whether a shared check is of use to the organisation: still valid, and of a kind one
 * of the roles the person signed up for there needs. Only these are shown, and only
 * these may be accepted: an organisation learns nothing else about the person's checks.
 */
export const usefulHere = (check: SharedCheck, needed: readonly CheckKind[], today = todayInPlace()) =>
  (check.expiresOn === null || check.expiresOn >= today) && needed.some((need) => satisfies(check.kind, need));

/** The volunteer lets an organisation see their checks. */
export async function shareChecks(kith: Kith, input: Actor & { organisationId: string }): Promise<{ shared: boolean }> {
  const { result } = await once(
    kith.db,
    'volunteering.shareChecks',
    { owner: input.actorId, key: input.formKey },
    async (trx) => {
      if (!(await organisationsToShareWith(trx, input.placeId, input.actorId)).includes(input.organisationId))
        throw new RuleError('volunteering.validation.shareWith.required', {}, 'organisation');
      const shared = await insertShare(trx, {
        placeId: input.placeId,
        personId: input.actorId,
        organisationId: input.organisationId,
      });
      if (shared)
        await recordAudit(trx, {
          placeId: input.placeId,
          actorId: input.actorId,
          action: 'volunteers.checksShared',
          subjectType: 'organisation',
          subjectId: input.organisationId,
        });
      return { shared };
    },
  );
  return result;
}

/** The volunteer withdraws their leave: from the moment this commits the organisation sees none of their checks. */
export async function withdrawShare(
  kith: Kith,
  input: Actor & { organisationId: string },
): Promise<{ withdrawn: boolean }> {
  return kith.db.transaction(async (trx) => {
    const withdrawn = await deleteShare(trx, {
      placeId: input.placeId,
      personId: input.actorId,
      organisationId: input.organisationId,
    });
    if (withdrawn)
      await recordAudit(trx, {
        placeId: input.placeId,
        actorId: input.actorId,
        action: 'volunteers.checksShareWithdrawn',
        subjectType: 'organisation',
        subjectId: input.organisationId,
      });
    return { withdrawn };
  });
}

/**
 * Every time a coordinator is shown someone's shared checks, the audit says who saw
 * which check, for which organisation: the volunteer's leave is for the organisation,
 * and the record shows how it was used.
 */
export async function auditSharedChecksSeen(
  db: Queryable,
  input: { placeId: string; actorId: string; organisationId: string; checks: readonly SharedCheck[] },
): Promise<void> {
  for (const c of input.checks)
    await recordAudit(db, {
      placeId: input.placeId,
      actorId: input.actorId,
      action: 'volunteers.sharedCheckViewed',
      subjectType: 'volunteering_check',
      subjectId: c.id,
      detail: { personId: c.personId, organisationId: input.organisationId, source: c.organisationId },
    });
}

/** The shared check, found again in the transaction with the volunteer's leave locked; a refusal when it no longer stands. */
async function sharedCheckNow(
  kith: Kith,
  trx: Queryable,
  input: { placeId: string; organisationId: string; personId: string; checkId: string },
): Promise<SharedCheck> {
  const [check] = await sharedChecksFor(trx, input.placeId, input.organisationId, input.personId, {
    checkId: input.checkId,
    lock: kith.db.dialect === 'postgres',
  });
  if (!check) throw new RuleError('volunteering.shared.gone', {}, 'shared');
  if (!usefulHere(check, await checksNeededBy(trx, input.placeId, input.organisationId, input.personId)))
    throw new RuleError('volunteering.shared.notNeeded', {}, 'shared');
  return check;
}

/**
 * A coordinator accepts a shared check: their organisation records it as met, with the
 * source's kind and dates and a reference to it, recorded by them. Refused, with nothing
 * written, when the volunteer has withdrawn their leave. Accepting the same check twice
 * records it once.
 */
export async function acceptSharedCheck(
  kith: Kith,
  input: Actor & { organisationId: string; personId: string; checkId: string },
): Promise<{ checkId: string }> {
  const { result } = await once(
    kith.db,
    'volunteering.acceptSharedCheck',
    { owner: input.actorId, key: input.formKey },
    async (trx) => {
      const source = await sharedCheckNow(kith, trx, input);
      const already = await acceptedFrom(trx, input.organisationId, source.id);
      if (already) return { checkId: already };
      const checkId = await insertCheck(trx, {
        placeId: input.placeId,
        organisationId: input.organisationId,
        personId: source.personId,
        kind: source.kind,
        checkedOn: source.checkedOn,
        expiresOn: source.expiresOn,
        note: '',
        recordedBy: input.actorId,
        sourceCheckId: source.id,
      });
      await recordAudit(trx, {
        placeId: input.placeId,
        actorId: input.actorId,
        action: 'volunteers.sharedCheckAccepted',
        subjectType: 'volunteering_check',
        subjectId: checkId,
        detail: { kind: source.kind, sourceCheckId: source.id, source: source.organisationId },
      });
      return { checkId };
    },
  );
  return result;
}

/** A coordinator declines a shared check: nothing changes but the audit, which says they looked and said no. */
export async function declineSharedCheck(
  kith: Kith,
  input: Actor & { organisationId: string; personId: string; checkId: string },
): Promise<void> {
  await once(kith.db, 'volunteering.declineSharedCheck', { owner: input.actorId, key: input.formKey }, async (trx) => {
    const source = await sharedCheckNow(kith, trx, input);
    await recordAudit(trx, {
      placeId: input.placeId,
      actorId: input.actorId,
      action: 'volunteers.sharedCheckDeclined',
      subjectType: 'volunteering_check',
      subjectId: source.id,
      detail: { personId: source.personId, organisationId: input.organisationId },
    });
  });
}
