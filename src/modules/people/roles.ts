import { NotFoundError, RuleError } from '../../errors.js';
import type { Trx } from '../../db/index.js';
import type { Kith } from '../../kith.js';
import { recordAudit } from '../../platform/audit/index.js';
import type { Role } from '../../policy/index.js';
import { planRoleChange } from './inputs.js';
import { countHolders, deleteRole, findPersonByEmail, findPersonById, insertRole, rolesOf } from './store.js';

/**
 * An admin sets which roles a member holds in a place. Every grant and removal is
 * audited; removing the place's last admin is refused.
 */
export async function setRoles(
  kith: Kith,
  input: { actorId: string; placeId: string; personId: string; roles: Role[] },
): Promise<{ granted: Role[]; revoked: Role[] }> {
  return kith.db.transaction(async (trx) => {
    const person = await findPersonById(trx, input.personId);
    if (!person) throw new RuleError('people.members.notFound');
    const current = (await rolesOf(trx, input.personId)).filter((g) => g.placeId === input.placeId).map((g) => g.role);
    // Only members' roles are set here; people join through "add someone" first.
    if (!current.length) throw new NotFoundError();
    const admins = await countHolders(trx, input.placeId, 'admin');
    const plan = planRoleChange(current, input.roles, admins);
    if (plan.refusal) throw new RuleError(plan.refusal, {}, 'roles');
    for (const role of plan.grant) {
      await insertRole(trx, { placeId: input.placeId, personId: input.personId, role, grantedBy: input.actorId });
      await recordAudit(trx, {
        placeId: input.placeId,
        actorId: input.actorId,
        action: 'role.granted',
        subjectType: 'person',
        subjectId: input.personId,
        detail: { role },
      });
    }
    for (const role of plan.revoke) {
      await deleteRole(trx, { placeId: input.placeId, personId: input.personId, role });
      await recordAudit(trx, {
        placeId: input.placeId,
        actorId: input.actorId,
        action: 'role.revoked',
        subjectType: 'person',
        subjectId: input.personId,
        detail: { role },
      });
    }
    return { granted: plan.grant, revoked: plan.revoke };
  });
}

/** An admin adds someone who already has a Kith account to the place, as a resident. */
export async function addMember(
  kith: Kith,
  input: { actorId: string; placeId: string; email: string },
): Promise<string> {
  return kith.db.transaction(async (trx) => {
    const person = await findPersonByEmail(trx, input.email);
    if (!person) throw new RuleError('people.members.noAccount', {}, 'email');
    const already = (await rolesOf(trx, person.id)).some((g) => g.placeId === input.placeId);
    if (!already) {
      await insertRole(trx, {
        placeId: input.placeId,
        personId: person.id,
        role: 'resident',
        grantedBy: input.actorId,
      });
      await recordAudit(trx, {
        placeId: input.placeId,
        actorId: input.actorId,
        action: 'role.granted',
        subjectType: 'person',
        subjectId: person.id,
        detail: { role: 'resident' },
      });
    }
    return person.id;
  });
}

/** A person joins another place as a resident (a person can belong to several places). */
export async function joinPlace(kith: Kith, input: { personId: string; placeId: string }): Promise<void> {
  await kith.db.transaction((trx) => joinPlaceWithin(trx, input));
}

/**
 * The same, inside another capability's transaction (someone taking over their social
 * prescribing record joins its place): the role once, and its audit record.
 */
export async function joinPlaceWithin(trx: Trx, input: { personId: string; placeId: string }): Promise<void> {
  const joined = await insertRole(trx, {
    placeId: input.placeId,
    personId: input.personId,
    role: 'resident',
    grantedBy: input.personId,
  });
  if (joined) {
    await recordAudit(trx, {
      placeId: input.placeId,
      actorId: input.personId,
      action: 'role.granted',
      subjectType: 'person',
      subjectId: input.personId,
      detail: { role: 'resident' },
    });
  }
}
