/**
 * Groups: started by any member of a place at once (a few a day per account), joined at
 * once or on an organiser's approval, run by co-organisers; members choose whether
 * others see them. Reports go to the place's admins, who hide with a reason.
 */
import { NotFoundError, RuleError } from '../../errors.js';
import type { Kith } from '../../kith.js';
import { recordAudit } from '../../platform/audit/index.js';
import { once, type Submission } from '../../platform/idempotency/index.js';
import type { GroupInput } from './inputs.js';
import type { GroupSubject } from './policy.js';
import { GROUPS_PER_DAY } from './rules.js';
import {
  closeReports,
  deleteMember,
  findMember,
  findGroup,
  groupsStartedSince,
  insertGroup,
  insertMember,
  insertReport,
  organiserCount,
  setEventHidden,
  setGroupHidden,
  updateMember,
  type Group,
} from './store.js';
import type { Queryable } from '../../db/index.js';
import { organisationIdsOrganisedBy } from '../directory/index.js';

/**
 * Where this person stands in a group, for the policy. A group that is (or is run by) a
 * directory organisation is run by that organisation's organisers too: that is how an
 * organisation holds events.
 */
export async function subjectOf(db: Queryable, group: Group, personId: string | null): Promise<GroupSubject> {
  const member = personId ? await findMember(db, group.id, personId) : undefined;
  const approved = member?.status === 'member';
  const runsOrganisation =
    personId !== null &&
    group.organisationId !== null &&
    (await organisationIdsOrganisedBy(db, group.placeId, personId)).includes(group.organisationId);
  return {
    placeId: group.placeId,
    joining: group.joining,
    hidden: group.status === 'hidden',
    isMember: approved || runsOrganisation,
    isOrganiser: (approved && member?.role === 'organiser') || runsOrganisation,
  };
}

export async function startGroup(
  kith: Kith,
  r: { placeId: string; personId: string; input: GroupInput; now?: Date; submission?: Submission },
): Promise<string> {
  const now = r.now ?? new Date();
  const { result } = await once(kith.db, 'groups.start', r.submission, async (trx) => {
    const since = new Date(now.getTime() - 24 * 3600_000).toISOString();
    if ((await groupsStartedSince(trx, r.personId, since)) >= GROUPS_PER_DAY)
      throw new RuleError('groups.start.error.tooMany', { count: String(GROUPS_PER_DAY) }, 'name');
    // An organisation's own organisers may start its group for its events; nobody else may speak for it.
    const organisationId = r.input.organisationId || null;
    if (organisationId && !(await organisationIdsOrganisedBy(trx, r.placeId, r.personId)).includes(organisationId))
      throw new RuleError('groups.validation.organisation', {}, 'organisationId');
    const id = await insertGroup(trx, { placeId: r.placeId, createdBy: r.personId, ...r.input, organisationId });
    await insertMember(trx, {
      placeId: r.placeId,
      groupId: id,
      personId: r.personId,
      role: 'organiser',
      status: 'member',
      visible: true,
    });
    await recordAudit(trx, { placeId: r.placeId, actorId: r.personId, action: 'groups.start', subjectId: id });
    return id;
  });
  return result;
}

/** Joins an open group at once, or asks to join an approval group. Joining again changes nothing. */
export async function joinGroup(
  kith: Kith,
  r: { group: Group; personId: string; visible: boolean },
): Promise<'member' | 'requested'> {
  return kith.db.transaction(async (trx) => {
    const existing = await findMember(trx, r.group.id, r.personId);
    if (existing) return existing.status;
    const status = r.group.joining === 'open' ? 'member' : 'requested';
    await insertMember(trx, {
      placeId: r.group.placeId,
      groupId: r.group.id,
      personId: r.personId,
      role: 'member',
      status,
      visible: r.visible,
    });
    await recordAudit(trx, {
      placeId: r.group.placeId,
      actorId: r.personId,
      action: status === 'member' ? 'groups.join' : 'groups.askToJoin',
      subjectId: r.group.id,
    });
    return status;
  });
}

/** Leaves a group (or withdraws a request). The last organiser cannot leave while others remain in charge of nothing. */
export async function leaveGroup(kith: Kith, r: { group: Group; personId: string }): Promise<void> {
  await kith.db.transaction(async (trx) => {
    const member = await findMember(trx, r.group.id, r.personId);
    if (!member) return;
    if (member.role === 'organiser' && (await organiserCount(trx, r.group.id)) <= 1)
      throw new RuleError('groups.leave.error.lastOrganiser', {}, 'leave');
    await deleteMember(trx, r.group.id, r.personId);
    await recordAudit(trx, {
      placeId: r.group.placeId,
      actorId: r.personId,
      action: 'groups.leave',
      subjectId: r.group.id,
    });
  });
}

/** An organiser approves or refuses a request to join. */
export async function decideRequest(
  kith: Kith,
  r: { group: Group; organiserId: string; personId: string; decision: 'approve' | 'refuse' },
): Promise<void> {
  await kith.db.transaction(async (trx) => {
    const member = await findMember(trx, r.group.id, r.personId);
    if (!member) throw new NotFoundError();
    if (member.status !== 'requested') return;
    if (r.decision === 'approve') await updateMember(trx, r.group.id, r.personId, { status: 'member' });
    else await deleteMember(trx, r.group.id, r.personId);
    await recordAudit(trx, {
      placeId: r.group.placeId,
      actorId: r.organiserId,
      action: `groups.request.${r.decision}`,
      subjectId: r.group.id,
      detail: { personId: r.personId },
    });
  });
}

/** An organiser shares the running of the group with a member. */
export async function makeOrganiser(kith: Kith, r: { group: Group; organiserId: string; personId: string }) {
  await kith.db.transaction(async (trx) => {
    const member = await findMember(trx, r.group.id, r.personId);
    if (!member || member.status !== 'member') throw new NotFoundError();
    if (member.role === 'organiser') return;
    await updateMember(trx, r.group.id, r.personId, { role: 'organiser' });
    await recordAudit(trx, {
      placeId: r.group.placeId,
      actorId: r.organiserId,
      action: 'groups.coOrganiser',
      subjectId: r.group.id,
      detail: { personId: r.personId },
    });
  });
}

export async function setVisible(kith: Kith, r: { group: Group; personId: string; visible: boolean }) {
  await kith.db.transaction(async (trx) => {
    if (!(await findMember(trx, r.group.id, r.personId))) throw new NotFoundError();
    await updateMember(trx, r.group.id, r.personId, { visible: r.visible });
  });
}

export async function reportConcern(
  kith: Kith,
  r: {
    group: Group;
    eventId: string | null;
    announcementId?: string | null;
    personId: string;
    reason: string;
    submission?: Submission;
  },
): Promise<string> {
  const { result } = await once(kith.db, 'groups.report', r.submission, async (trx) => {
    const id = await insertReport(trx, {
      placeId: r.group.placeId,
      groupId: r.group.id,
      eventId: r.eventId,
      announcementId: r.announcementId ?? null,
      reporterId: r.personId,
      reason: r.reason,
    });
    await recordAudit(trx, { placeId: r.group.placeId, actorId: r.personId, action: 'groups.report', subjectId: id });
    return id;
  });
  return result;
}

/** An admin hides a group or one event, with a reason (kept, and audited); its open reports close. */
export async function hide(
  kith: Kith,
  r: { placeId: string; adminId: string; groupId: string; eventId: string | null; reason: string },
): Promise<void> {
  await kith.db.transaction(async (trx) => {
    const group = await findGroup(trx, r.placeId, r.groupId);
    if (!group) throw new NotFoundError();
    if (r.eventId) await setEventHidden(trx, r.eventId, r.reason);
    else await setGroupHidden(trx, r.groupId, r.reason);
    await closeReports(trx, r.groupId, r.eventId);
    await recordAudit(trx, {
      placeId: r.placeId,
      actorId: r.adminId,
      action: 'groups.hide',
      subjectType: r.eventId ? 'event' : 'group',
      subjectId: r.eventId ?? r.groupId,
      detail: { reason: r.reason },
    });
  });
}
