import { NotFoundError, RuleError } from '../../errors.js';
import type { Trx } from '../../db/index.js';
import type { Kith } from '../../kith.js';
import { recordAudit } from '../../platform/audit/index.js';
import type { Role } from '../../policy/index.js';
import { planRoleChange } from './inputs.js';
import { queueEmail } from '../../platform/mail/mailer.js';
import { findPlaceById, placeName, setApprovesMembers } from '../places/index.js';
import {
  countHolders,
  deleteMembershipRequest,
  deleteRole,
  findPersonByEmail,
  findPersonById,
  insertMembershipRequest,
  insertRole,
  rolesOf,
} from './store.js';

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
    // Adding someone who had asked to join answers their request too.
    await deleteMembershipRequest(trx, input.placeId, person.id);
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

/**
 * A person joins another place as a resident (a person can belong to several places),
 * or, where the place's admins approve new members, asks to.
 */
export async function joinPlace(kith: Kith, input: { personId: string; placeId: string }): Promise<'joined' | 'asked'> {
  const asked = await kith.db.transaction(async (trx) => {
    const place = await findPlaceById(trx, input.placeId);
    if (!place) throw new NotFoundError();
    const already = (await rolesOf(trx, input.personId)).some((g) => g.placeId === place.id);
    if (!place.approvesMembers || already) {
      await joinPlaceWithin(trx, input);
      return false;
    }
    if (await insertMembershipRequest(trx, place.id, input.personId)) {
      await recordAudit(trx, {
        placeId: place.id,
        actorId: input.personId,
        action: 'membership.requested',
        subjectType: 'person',
        subjectId: input.personId,
      });
    }
    return true;
  });
  return asked ? 'asked' : 'joined';
}

/**
 * An admin answers someone asking to join. Approving makes them a resident; either way
 * they are told by email. Two admins answering at once: the first answer stands and
 * the second changes nothing.
 */
export async function decideMembershipRequest(
  kith: Kith,
  input: { actorId: string; placeId: string; personId: string; decision: 'approve' | 'refuse' },
): Promise<void> {
  await kith.db.transaction(async (trx) => {
    const place = await findPlaceById(trx, input.placeId);
    const person = await findPersonById(trx, input.personId);
    if (!place || !person) throw new NotFoundError();
    if (!(await deleteMembershipRequest(trx, place.id, person.id))) {
      throw new RuleError('people.requests.alreadyDecided', { name: person.name });
    }
    if (input.decision === 'approve') {
      await insertRole(trx, { placeId: place.id, personId: person.id, role: 'resident', grantedBy: input.actorId });
    }
    await recordAudit(trx, {
      placeId: place.id,
      actorId: input.actorId,
      action: input.decision === 'approve' ? 'membership.approved' : 'membership.refused',
      subjectType: 'person',
      subjectId: person.id,
    });
    const t = kith.catalogue.translator(person.language);
    const name = placeName(place, person.language);
    await queueEmail(trx, {
      to: person.email,
      personId: person.id,
      lang: person.language,
      subject: t(`people.requests.email.${input.decision}.subject`, { place: name }),
      paragraphs: [
        t('people.reset.email.greeting', { name: person.name }),
        t(`people.requests.email.${input.decision}.body`, { place: name }),
      ],
      ...(input.decision === 'approve'
        ? {
            action: {
              text: t('people.requests.email.approve.action', { place: name }),
              url: `${kith.config.publicUrl}/places/${place.slug}`,
            },
          }
        : {}),
    });
  });
  kith.kickJobs();
}

/** An admin chooses whether new members of the place wait for approval. */
export async function setMemberApproval(
  kith: Kith,
  input: { actorId: string; placeId: string; approves: boolean },
): Promise<void> {
  await kith.db.transaction(async (trx) => {
    await setApprovesMembers(trx, input.placeId, input.approves);
    await recordAudit(trx, {
      placeId: input.placeId,
      actorId: input.actorId,
      action: 'place.memberApprovalChanged',
      subjectType: 'place',
      subjectId: input.placeId,
      detail: { approves: input.approves },
    });
  });
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
