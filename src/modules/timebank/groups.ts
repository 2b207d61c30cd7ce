/**
 * Groups that run time credits: a coordinator or admin sets one up with its
 * organisers and funds it from the community fund; its organisers issue credits to
 * the people who volunteer with it. A group can stop issuing whenever it chooses.
 */
import { randomInt } from 'node:crypto';
import { RuleError } from '../../errors.js';
import { organisationSummariesByIds } from '../directory/index.js';
import type { Kith } from '../../kith.js';
import { recordAudit } from '../../platform/audit/index.js';
import { once, type Submission } from '../../platform/idempotency/index.js';
import { requireEnabled } from './accounts.js';
import { postTransferIn } from './ledger.js';
import { findPersonByEmail } from './people.js';
import { findGroup, insertGroup, setOrganisers, updateGroup } from './setup-store.js';
import { findAccountByNumber, findAccountOf, insertAccount } from './store.js';

/** People by email, for organisers and partner staff; an unknown address is refused beside its field. */
export async function peopleByEmail(kith: Kith, emails: readonly string[], field: string): Promise<string[]> {
  const ids: string[] = [];
  for (const email of emails) {
    const person = await findPersonByEmail(kith.db.kysely, email);
    if (!person) throw new RuleError('timebank.validation.emails.unknown', { email }, field);
    ids.push(person.id);
  }
  return ids;
}

export async function saveGroup(
  kith: Kith,
  input: {
    placeId: string;
    actorId: string;
    groupId?: string;
    name: string;
    issues: boolean;
    organisers: string[];
    organisation?: string | null;
    /** A new group is made once per submission (a double click makes one group, one account). */
    submission?: Submission;
  },
): Promise<string> {
  const organiserIds = await peopleByEmail(kith, input.organisers, 'organisers');
  // The organisation a group says it is must be one of this place's.
  const organisationId = input.organisation ? input.organisation : input.organisation === undefined ? undefined : null;
  if (
    organisationId &&
    !(await organisationSummariesByIds(kith.db.kysely, input.placeId, [organisationId])).has(organisationId)
  ) {
    throw new RuleError('timebank.validation.organisation', {}, 'organisation');
  }
  const { result } = await once(kith.db, 'timebank.group.save', input.submission, async (trx) => {
    let id = input.groupId;
    if (id) {
      const group = await findGroup(trx, id);
      if (!group || group.placeId !== input.placeId) throw new RuleError('timebank.group.notFound');
      await updateGroup(trx, id, { name: input.name, issuesCredits: input.issues, organisationId });
    } else {
      id = await insertGroup(trx, {
        placeId: input.placeId,
        name: input.name,
        issuesCredits: input.issues,
        organisationId,
      });
      await insertAccount(trx, { placeId: input.placeId, kind: 'group', ownerId: id, number: null });
    }
    await setOrganisers(trx, { id, placeId: input.placeId }, organiserIds);
    await recordAudit(trx, {
      placeId: input.placeId,
      actorId: input.actorId,
      action: input.groupId ? 'timeCredits.groupChanged' : 'timeCredits.groupAdded',
      subjectType: 'time_credit_group',
      subjectId: id,
      detail: { name: input.name, issues: input.issues ? 'yes' : 'no' },
    });
    return id;
  });
  return result;
}

/** The group's own choice, made by its organisers: give time credits to volunteers, or not. */
export async function chooseGroupIssues(
  kith: Kith,
  input: { placeId: string; actorId: string; groupId: string; issues: boolean },
): Promise<void> {
  await kith.db.transaction(async (trx) => {
    const group = await findGroup(trx, input.groupId);
    if (!group || group.placeId !== input.placeId) throw new RuleError('timebank.group.notFound');
    await updateGroup(trx, group.id, { name: group.name, issuesCredits: input.issues });
    await recordAudit(trx, {
      placeId: input.placeId,
      actorId: input.actorId,
      action: 'timeCredits.groupChoice',
      subjectType: 'time_credit_group',
      subjectId: group.id,
      detail: { name: group.name, issues: input.issues ? 'yes' : 'no' },
    });
  });
}

/** The community fund gives a group credits to issue to its volunteers. */
export async function fundGroup(
  kith: Kith,
  input: {
    placeId: string;
    actorId: string;
    groupId: string;
    minutes: number;
    note: string;
    formKey: string | undefined;
  },
): Promise<string> {
  await requireEnabled(kith, input.placeId);
  const key = input.formKey ?? `${Date.now()}-${randomInt(0, 1e9)}`;
  const { result } = await once(kith.db, 'timebank.fund', { owner: input.actorId, key: key }, async (trx) => {
    const group = await findGroup(trx, input.groupId);
    if (!group || group.placeId !== input.placeId) throw new RuleError('timebank.group.notFound');
    const account = await findAccountOf(trx, input.placeId, 'group', group.id);
    const fund = await findAccountOf(trx, input.placeId, 'fund', input.placeId);
    if (!account || !fund) throw new RuleError('timebank.group.notFound');
    const posted = await postTransferIn(trx, kith.db.dialect === 'postgres', {
      placeId: input.placeId,
      kind: 'funding',
      key: `fund:${group.id}:${key}`,
      legs: [
        { accountId: fund.id, amount: -input.minutes },
        { accountId: account.id, amount: input.minutes },
      ],
      description: input.note,
      actorId: input.actorId,
      field: 'hours',
    });
    return posted.transfer.id;
  });
  return result;
}

/**
 * A group's organiser gives a volunteer credits for the time they gave, from the
 * group's account: refused when the group does not issue credits, when the member's
 * number is unknown, or when the group's account would go below zero.
 */
export async function issueCredits(
  kith: Kith,
  input: {
    placeId: string;
    actorId: string;
    groupId: string;
    number: string;
    minutes: number;
    note: string;
    formKey: string | undefined;
  },
): Promise<string> {
  await requireEnabled(kith, input.placeId);
  const key = input.formKey ?? `${Date.now()}-${randomInt(0, 1e9)}`;
  const { result } = await once(kith.db, 'timebank.issue', { owner: input.actorId, key: key }, async (trx) => {
    const group = await findGroup(trx, input.groupId);
    if (!group || group.placeId !== input.placeId) throw new RuleError('timebank.group.notFound');
    if (!group.issuesCredits) throw new RuleError('timebank.issue.groupDoesNotIssue', {}, 'hours');
    const from = await findAccountOf(trx, input.placeId, 'group', group.id);
    const to = await findAccountByNumber(trx, input.placeId, input.number);
    if (!to || to.kind !== 'person' || to.optedOut) throw new RuleError('timebank.pay.unknownNumber', {}, 'number');
    if (!from) throw new RuleError('timebank.group.notFound');
    const posted = await postTransferIn(trx, kith.db.dialect === 'postgres', {
      placeId: input.placeId,
      kind: 'issue',
      key: `issue:${group.id}:${key}`,
      legs: [
        { accountId: from.id, amount: -input.minutes },
        { accountId: to.id, amount: input.minutes },
      ],
      description: input.note,
      actorId: input.actorId,
      reference: { type: 'time_credit_group', id: group.id },
      field: 'hours',
    });
    return posted.transfer.id;
  });
  return result;
}
