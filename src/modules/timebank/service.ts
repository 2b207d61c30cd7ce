/**
 * What other capabilities may ask of time credits. Offers and requests credit the
 * hours of a confirmed exchange through creditHelp, inside their own transaction, with
 * the exchange's id as the key: an exchange is credited once, whatever happens.
 */
import type { Db, Queryable, Trx } from '../../db/index.js';
import { postTransferIn } from './ledger.js';
import { issuingGroupOf } from './setup-store.js';
import { findAccountOf, findTransferByKey, lockAccounts, settingsOf, transferReferencing } from './store.js';

export { creditParts, MINUTES_PER_CREDIT } from './ledger-rules.js';

export async function timeCreditsEnabled(db: Queryable, placeId: string): Promise<boolean> {
  return (await settingsOf(db, placeId)).enabled;
}

/** Whether the person uses time credits in the place (joined, and has not left). */
export async function takesPart(db: Queryable, placeId: string, personId: string): Promise<boolean> {
  const account = await findAccountOf(db, placeId, 'person', personId);
  return !!account && !account.optedOut;
}

export type HelpCredit =
  | { status: 'credited'; transferId: string; minutes: number; from: 'receiver' | 'fund' }
  | { status: 'notUsedInPlace' | 'helperNotTakingPart' };

/**
 * Credits the helper with the hours they gave, paid by the person they helped, or by
 * the community fund when that person does not use credits (an hour given earns an
 * hour, whoever received it). Nothing moves when the place does not use credits or the
 * helper does not take part: their hours are still recorded where they were given.
 * A floor the payer would break refuses the whole change, with the ledger's message.
 */
export async function creditHelp(
  trx: Trx,
  db: Pick<Db, 'dialect'>,
  input: {
    placeId: string;
    /** The exchange's id: one transfer per exchange, never two. */
    key: string;
    helperId: string;
    /** The person helped; null for help with no one to pay (a small act): the fund pays. */
    receiverId: string | null;
    minutes: number;
    description: string;
    actorId: string | null;
    reference: { type: string; id: string };
    field?: string;
  },
): Promise<HelpCredit> {
  if (!(await settingsOf(trx, input.placeId)).enabled) return { status: 'notUsedInPlace' };
  const helper = await findAccountOf(trx, input.placeId, 'person', input.helperId);
  if (!helper || helper.optedOut) return { status: 'helperNotTakingPart' };
  const receiver = input.receiverId ? await findAccountOf(trx, input.placeId, 'person', input.receiverId) : undefined;
  const payer =
    receiver && !receiver.optedOut ? receiver : await findAccountOf(trx, input.placeId, 'fund', input.placeId);
  if (!payer) return { status: 'notUsedInPlace' };
  const posted = await postTransferIn(trx, db.dialect === 'postgres', {
    placeId: input.placeId,
    kind: input.reference.type === 'small_act' ? 'small_act' : 'exchange',
    key: input.key,
    legs: [
      { accountId: payer.id, amount: -input.minutes },
      { accountId: helper.id, amount: input.minutes },
    ],
    description: input.description,
    actorId: input.actorId,
    reference: input.reference,
    field: input.field,
  });
  return {
    status: 'credited',
    transferId: posted.transfer.id,
    minutes: input.minutes,
    from: payer.kind === 'fund' ? 'fund' : 'receiver',
  };
}

export type VolunteeringCredit =
  | { status: 'credited'; transferId: string; minutes: number }
  | { status: 'notUsedInPlace' | 'organisationDoesNotIssue' | 'volunteerNotTakingPart' }
  | { status: 'groupBalanceTooLow'; groupId: string; balance: number };

/**
 * Credits a volunteer for hours an organisation's coordinator confirmed, paid from the
 * account of the time credit group linked to that organisation (the first-made one
 * that issues credits). Call it inside the transaction that confirms the hours, with
 * the hours record's id as `key`: the same key never moves credits twice, however
 * often it is called. When nothing can move (credits off in the place, no issuing
 * group, the volunteer does not take part, or the group's account has too little),
 * it says why and writes nothing; the hours stay recorded either way.
 */
export async function creditVolunteering(
  trx: Trx,
  db: Pick<Db, 'dialect'>,
  input: {
    placeId: string;
    organisationId: string;
    volunteerId: string;
    minutes: number;
    /** The hours record's id: one transfer per record, never two. */
    key: string;
    reference: { type: string; id: string };
    description: string;
    actorId: string | null;
  },
): Promise<VolunteeringCredit> {
  if (!(await settingsOf(trx, input.placeId)).enabled) return { status: 'notUsedInPlace' };
  const done = await findTransferByKey(trx, input.placeId, input.key);
  if (done) return { status: 'credited', transferId: done.id, minutes: done.amount };
  const group = await issuingGroupOf(trx, input.placeId, input.organisationId);
  if (!group) return { status: 'organisationDoesNotIssue' };
  const from = await findAccountOf(trx, input.placeId, 'group', group.id);
  if (!from) return { status: 'organisationDoesNotIssue' };
  const to = await findAccountOf(trx, input.placeId, 'person', input.volunteerId);
  if (!to || to.optedOut) return { status: 'volunteerNotTakingPart' };
  // Looked at under the same locks the transfer takes, so a group short of credits is
  // reported rather than refused: the hours are still confirmed.
  const { accounts } = await lockAccounts(trx, [from.id, to.id], db.dialect === 'postgres');
  const balance = accounts.find((a) => a.id === from.id)?.balance ?? 0;
  if (balance < input.minutes) return { status: 'groupBalanceTooLow', groupId: group.id, balance };
  const posted = await postTransferIn(trx, db.dialect === 'postgres', {
    placeId: input.placeId,
    kind: 'issue',
    key: input.key,
    legs: [
      { accountId: from.id, amount: -input.minutes },
      { accountId: to.id, amount: input.minutes },
    ],
    description: input.description,
    actorId: input.actorId,
    reference: input.reference,
  });
  return { status: 'credited', transferId: posted.transfer.id, minutes: input.minutes };
}

/** The credits that moved for something (an exchange, a small act), if any. */
export async function creditFor(
  db: Queryable,
  reference: { type: string; id: string },
): Promise<{ transferId: string; minutes: number } | undefined> {
  const transfer = await transferReferencing(db, reference.type, reference.id);
  return transfer && { transferId: transfer.id, minutes: transfer.amount };
}
