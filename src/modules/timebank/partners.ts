/**
 * Partners that accept time credits: a cinema, a leisure centre, a museum. A
 * coordinator adds a partner and the people who work its counter; the partner lists
 * rewards; its staff redeem a reward with the member's number, and learn nothing else
 * about the member.
 */
import { randomInt } from 'node:crypto';
import { RuleError } from '../../errors.js';
import type { Kith } from '../../kith.js';
import { recordAudit } from '../../platform/audit/index.js';
import { once, type Submission } from '../../platform/idempotency/index.js';
import { requireEnabled } from './accounts.js';
import { peopleByEmail } from './groups.js';
import { postTransferIn } from './ledger.js';
import {
  findPartner,
  findReward,
  insertPartner,
  insertReward,
  setStaff,
  updatePartner,
  updateReward,
} from './setup-store.js';
import { findAccountByNumber, findAccountOf, insertAccount } from './store.js';

export async function savePartner(
  kith: Kith,
  input: {
    placeId: string;
    actorId: string;
    partnerId?: string;
    name: string;
    staff: string[];
    submission?: Submission;
  },
): Promise<string> {
  const staffIds = await peopleByEmail(kith, input.staff, 'staff');
  const { result } = await once(kith.db, 'timebank.partner.save', input.submission, async (trx) => {
    let id = input.partnerId;
    if (id) {
      const partner = await findPartner(trx, id);
      if (!partner || partner.placeId !== input.placeId) throw new RuleError('timebank.partner.notFound');
      await updatePartner(trx, id, input.name);
    } else {
      id = await insertPartner(trx, { placeId: input.placeId, name: input.name });
      await insertAccount(trx, { placeId: input.placeId, kind: 'partner', ownerId: id, number: null });
    }
    await setStaff(trx, { id, placeId: input.placeId }, staffIds);
    await recordAudit(trx, {
      placeId: input.placeId,
      actorId: input.actorId,
      action: input.partnerId ? 'timeCredits.partnerChanged' : 'timeCredits.partnerAdded',
      subjectType: 'time_credit_partner',
      subjectId: id,
      detail: { name: input.name },
    });
    return id;
  });
  return result;
}

export async function saveReward(
  kith: Kith,
  input: {
    placeId: string;
    actorId: string;
    partnerId: string;
    rewardId?: string;
    title: string;
    cost: number;
    conditions: string;
    active: boolean;
    submission?: Submission;
  },
): Promise<string> {
  const { result } = await once(kith.db, 'timebank.reward.save', input.submission, async (trx) => {
    const partner = await findPartner(trx, input.partnerId);
    if (!partner || partner.placeId !== input.placeId) throw new RuleError('timebank.partner.notFound');
    let id = input.rewardId;
    if (id) {
      const reward = await findReward(trx, id);
      if (!reward || reward.partnerId !== partner.id) throw new RuleError('timebank.reward.notFound');
      await updateReward(trx, id, input);
    } else {
      id = await insertReward(trx, {
        placeId: input.placeId,
        partnerId: partner.id,
        title: input.title,
        cost: input.cost,
        conditions: input.conditions,
        active: input.active,
      });
    }
    await recordAudit(trx, {
      placeId: input.placeId,
      actorId: input.actorId,
      action: input.rewardId ? 'timeCredits.rewardChanged' : 'timeCredits.rewardAdded',
      subjectType: 'time_credit_reward',
      subjectId: id,
      detail: { title: input.title, minutes: input.cost },
    });
    return id;
  });
  return result;
}

export interface Redemption {
  transferId: string;
  number: string;
  rewardTitle: string;
  quantity: number;
  minutes: number;
}

/**
 * Partner staff redeem a reward for a member: the member's credits go to the partner's
 * account. The answer says only whether it worked, never the member's name or balance.
 */
export async function redeemReward(
  kith: Kith,
  input: {
    placeId: string;
    actorId: string;
    partnerId: string;
    number: string;
    rewardId: string;
    quantity: number;
    formKey: string | undefined;
  },
): Promise<Redemption> {
  await requireEnabled(kith, input.placeId);
  const key = input.formKey ?? `${Date.now()}-${randomInt(0, 1e9)}`;
  const { result } = await once(kith.db, 'timebank.redeem', { owner: input.actorId, key: key }, async (trx) => {
    const partner = await findPartner(trx, input.partnerId);
    if (!partner || partner.placeId !== input.placeId) throw new RuleError('timebank.partner.notFound');
    const reward = await findReward(trx, input.rewardId);
    if (!reward || reward.partnerId !== partner.id || !reward.active)
      throw new RuleError('timebank.validation.reward.required', {}, 'reward');
    const member = await findAccountByNumber(trx, input.placeId, input.number);
    // One message for "no such number" and "not using credits": a partner learns nothing more.
    if (!member || member.kind !== 'person' || member.optedOut)
      throw new RuleError('timebank.redeem.unknownNumber', {}, 'number');
    const partnerAccount = await findAccountOf(trx, input.placeId, 'partner', partner.id);
    if (!partnerAccount) throw new RuleError('timebank.partner.notFound');
    const minutes = reward.cost * input.quantity;
    try {
      const posted = await postTransferIn(trx, kith.db.dialect === 'postgres', {
        placeId: input.placeId,
        kind: 'redemption',
        key: `redeem:${partner.id}:${key}`,
        legs: [
          { accountId: member.id, amount: -minutes },
          { accountId: partnerAccount.id, amount: minutes },
        ],
        description: input.quantity > 1 ? `${input.quantity} × ${reward.title}` : reward.title,
        actorId: input.actorId,
        reference: { type: 'time_credit_reward', id: reward.id },
        field: 'number',
      });
      return {
        transferId: posted.transfer.id,
        number: member.number!,
        rewardTitle: reward.title,
        quantity: input.quantity,
        minutes,
      };
    } catch (error) {
      // The ledger's own refusal names the balance; the partner is told only "not enough".
      if (error instanceof RuleError && error.key.startsWith('timebank.transfer.belowFloor.'))
        throw new RuleError('timebank.redeem.notEnough', {}, 'number');
      throw error;
    }
  });
  return result;
}
