/**
 * A group becoming an organisation in the place's directory. The directory is the place's
 * curated list, so the group's organisers ask and an admin decides; on approval the
 * organisation is registered from the group's own name and purpose, and the group is
 * linked to it, keeping its members, events, pledges and history. A group already in the
 * directory cannot ask again; a declined group sees why and may ask again.
 */
import { NotFoundError, RuleError } from '../../errors.js';
import type { Kith } from '../../kith.js';
import { recordAudit } from '../../platform/audit/index.js';
import { once, type Submission } from '../../platform/idempotency/index.js';
import { OrganisationInput, registerOrganisation } from '../directory/index.js';
import type { OrganisationRequestInput } from './inputs.js';
import {
  decideOrganisationRequest,
  findGroup,
  findOrganisationRequest,
  insertOrganisationRequest,
  latestOrganisationRequest,
  membersOf,
  setGroupOrganisation,
  type Group,
} from './store.js';

export async function askToBecomeOrganisation(
  kith: Kith,
  r: { group: Group; personId: string; input: OrganisationRequestInput; submission?: Submission },
): Promise<string> {
  const { result } = await once(kith.db, 'groups.organisation.ask', r.submission, async (trx) => {
    const group = await findGroup(trx, r.group.placeId, r.group.id);
    if (!group) throw new NotFoundError();
    if (group.organisationId) throw new RuleError('groups.organisation.error.already', {}, 'kind');
    if ((await latestOrganisationRequest(trx, group.id))?.status === 'open')
      throw new RuleError('groups.organisation.error.waiting', {}, 'kind');
    const id = await insertOrganisationRequest(trx, {
      placeId: group.placeId,
      groupId: group.id,
      requestedBy: r.personId,
      ...r.input,
    });
    await recordAudit(trx, {
      placeId: group.placeId,
      actorId: r.personId,
      action: 'groups.organisation.ask',
      subjectId: group.id,
    });
    return id;
  });
  return result;
}

/** An admin approves (registering the organisation) or declines with a reason. A repeat changes nothing. */
export async function decideOrganisation(
  kith: Kith,
  r: { placeId: string; adminId: string; requestId: string; decision: 'approve' | 'decline'; reason: string },
): Promise<void> {
  await kith.db.transaction(async (trx) => {
    const request = await findOrganisationRequest(trx, r.placeId, r.requestId);
    if (!request) throw new NotFoundError();
    const group = await findGroup(trx, r.placeId, request.groupId);
    if (!group) throw new NotFoundError();
    const status = r.decision === 'approve' ? 'approved' : 'declined';
    if (!(await decideOrganisationRequest(trx, request.id, { status, reason: r.reason, decidedBy: r.adminId }))) return;
    if (status === 'approved') {
      // Validated exactly as the admins' own organisation form is, so the directory holds nothing it would refuse.
      const parsed = OrganisationInput.safeParse({
        name: group.name,
        description: group.purpose,
        kind: request.kind,
        email: request.email,
        charity_number: request.charityNumber,
      });
      if (!parsed.success) throw new RuleError(parsed.error.issues[0]?.message ?? 'groups.validation.decision');
      const organisers = (await membersOf(trx, group.id)).filter((m) => m.role === 'organiser').map((m) => m.personId);
      const organisationId = await registerOrganisation(trx, {
        placeId: r.placeId,
        actorId: r.adminId,
        input: parsed.data,
        organiserIds: organisers,
      });
      await setGroupOrganisation(trx, group.id, organisationId);
    }
    await recordAudit(trx, {
      placeId: r.placeId,
      actorId: r.adminId,
      action: `groups.organisation.${r.decision}`,
      subjectId: group.id,
      detail: r.reason ? { reason: r.reason } : undefined,
    });
  });
}
