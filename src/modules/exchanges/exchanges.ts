/**
 * Exchanges and small acts. An exchange is proposed by one side and accepted by the
 * other; the giver records the time; the receiver confirms (or a coordinator, once it
 * has waited 14 days), and confirming credits the hours through time credits in the
 * same transaction, keyed by the exchange's id: one exchange, one transfer, ever.
 */
import { NotFoundError, RuleError } from '../../errors.js';
import type { Kith } from '../../kith.js';
import { nowIso, type Trx } from '../../db/index.js';
import { recordAudit } from '../../platform/audit/index.js';
import { once } from '../../platform/idempotency/index.js';
import { creditHelp } from '../timebank/index.js';
import {
  findExchange,
  findSmallAct,
  insertExchange,
  insertSmallAct,
  updateExchange,
  updateSmallAct,
  type Exchange,
} from './exchange-store.js';
import { notify } from './notify.js';
import { allowedActions, NEXT_STATUS, type ExchangeAction } from './exchange-steps.js';
import { findPost } from './store.js';

interface Where {
  placeId: string;
  placeSlug: string;
}

/**
 * Someone who is not the poster proposes an exchange on a post: on a request they
 * offer to help; on an offer they ask for it.
 */
export async function proposeExchange(
  kith: Kith,
  input: Where & { personId: string; personName: string; postId: string; note: string; formKey?: string },
): Promise<string> {
  const { result } = await once(
    kith.db,
    'exchanges.propose',
    { owner: input.personId, key: input.formKey },
    async (trx) => {
      const post = await findPost(trx, input.postId);
      if (!post || post.placeId !== input.placeId) throw new NotFoundError();
      if (post.status !== 'open') throw new RuleError('exchanges.propose.notOpen', {}, 'note');
      if (post.personId === input.personId) throw new RuleError('exchanges.contact.self', {}, 'note');
      const [giverId, receiverId] =
        post.kind === 'request' ? [input.personId, post.personId] : [post.personId, input.personId];
      const id = await insertExchange(trx, {
        placeId: input.placeId,
        postId: post.id,
        giverId,
        receiverId,
        proposedBy: input.personId,
        description: post.title,
        note: input.note,
      });
      await notify(kith, trx, {
        placeId: input.placeId,
        to: post.personId,
        path: `/places/${input.placeSlug}/help/exchanges/${id}`,
        subjectKey: 'exchanges.email.proposed.subject',
        bodyKey:
          post.kind === 'request' ? 'exchanges.email.proposed.body.request' : 'exchanges.email.proposed.body.offer',
        actionKey: 'exchanges.email.proposed.action',
        params: { name: input.personName, title: post.title },
      });
      await recordAudit(trx, {
        placeId: input.placeId,
        actorId: input.personId,
        action: 'offersRequests.exchangeProposed',
        subjectType: 'exchange',
        subjectId: id,
      });
      return id;
    },
  );
  kith.kickJobs();
  return result;
}

export type ExchangeOutcome = { exchange: Exchange; credit?: string };

/**
 * Takes an exchange to its next step, if this person may (allowedActions): accept, decline,
 * cancel, record the time given, or confirm. The exchange's row is locked first, so two
 * confirmations at once are one confirmation.
 */
export async function actOnExchange(
  kith: Kith,
  input: Where & {
    personId: string;
    personName: string;
    isCoordinator: boolean;
    exchangeId: string;
    action: ExchangeAction;
    minutes?: number;
  },
): Promise<ExchangeOutcome> {
  const outcome = await kith.db.transaction(async (trx) => {
    const exchange = await findExchange(trx, input.exchangeId, { lock: kith.db.dialect === 'postgres' });
    if (!exchange || exchange.placeId !== input.placeId) throw new NotFoundError();
    if (!allowedActions(exchange, input.personId, input.isCoordinator, new Date()).includes(input.action)) {
      throw new RuleError(
        `exchanges.exchange.cannot.${input.action}`,
        {},
        input.action === 'record' ? 'hours' : undefined,
      );
    }
    const now = nowIso();
    const changes: Parameters<typeof updateExchange>[2] = { status: NEXT_STATUS[input.action] };
    let credit: string | undefined;
    if (input.action === 'record') Object.assign(changes, { minutes: input.minutes, recorded_at: now });
    if (input.action === 'confirm') {
      credit = await creditExchange(kith, trx, exchange, input.personId);
      Object.assign(changes, { confirmed_at: now, confirmed_by: input.personId, credit_status: credit });
    }
    await updateExchange(trx, exchange.id, changes);
    await recordAudit(trx, {
      placeId: input.placeId,
      actorId: input.personId,
      action: `offersRequests.exchange.${input.action}`,
      subjectType: 'exchange',
      subjectId: exchange.id,
      detail:
        input.action === 'record'
          ? { minutes: input.minutes }
          : input.action === 'confirm' && input.personId !== exchange.receiverId
            ? { by: 'coordinator' }
            : {},
    });
    await tellTheOtherSide(kith, trx, input, exchange);
    return { exchange: (await findExchange(trx, exchange.id))!, credit };
  });
  kith.kickJobs();
  return outcome;
}

async function creditExchange(kith: Kith, trx: Trx, exchange: Exchange, actorId: string): Promise<string> {
  try {
    const credit = await creditHelp(trx, kith.db, {
      placeId: exchange.placeId,
      key: exchange.id,
      helperId: exchange.giverId,
      receiverId: exchange.receiverId,
      minutes: exchange.minutes!,
      description: exchange.description,
      actorId,
      reference: { type: 'exchange', id: exchange.id },
    });
    if (credit.status === 'credited') await updateExchange(trx, exchange.id, { transfer_id: credit.transferId });
    return credit.status === 'credited' ? `credited.${credit.from}` : credit.status;
  } catch (error) {
    // The person helped has too few credits: say so in the exchange's own words.
    if (error instanceof RuleError && error.key.startsWith('timebank.transfer.belowFloor.'))
      throw new RuleError('exchanges.confirm.notEnough', error.params);
    throw error;
  }
}

async function tellTheOtherSide(
  kith: Kith,
  trx: Trx,
  input: Where & { personId: string; personName: string; action: ExchangeAction },
  exchange: Exchange,
) {
  const other =
    input.personId === exchange.giverId
      ? exchange.receiverId
      : input.personId === exchange.receiverId
        ? exchange.giverId
        : null;
  const recipients = other ? [other] : [exchange.giverId, exchange.receiverId];
  for (const to of recipients) {
    await notify(kith, trx, {
      placeId: input.placeId,
      to,
      path: `/places/${input.placeSlug}/help/exchanges/${exchange.id}`,
      subjectKey: `exchanges.email.${input.action}.subject`,
      bodyKey: `exchanges.email.${input.action}.body`,
      actionKey: 'exchanges.email.proposed.action',
      params: { name: input.personName, title: exchange.description },
    });
  }
}

/** "I helped a neighbour": one tap records that it happened; the detail can wait. */
export async function logSmallAct(
  kith: Kith,
  input: { placeId: string; personId: string; formKey?: string },
): Promise<string> {
  const { result } = await once(
    kith.db,
    'exchanges.smallAct',
    { owner: input.personId, key: input.formKey },
    async (trx) => {
      const id = await insertSmallAct(trx, { placeId: input.placeId, personId: input.personId });
      await recordAudit(trx, {
        placeId: input.placeId,
        actorId: input.personId,
        action: 'offersRequests.smallActLogged',
        subjectType: 'small_act',
        subjectId: id,
      });
      return id;
    },
  );
  return result;
}

export async function describeSmallAct(
  kith: Kith,
  input: { placeId: string; personId: string; actId: string; what: string; minutes: number | null },
): Promise<void> {
  await kith.db.transaction(async (trx) => {
    const act = await findSmallAct(trx, input.actId);
    if (!act || act.placeId !== input.placeId || act.personId !== input.personId) throw new NotFoundError();
    if (act.status !== 'logged') throw new RuleError('exchanges.smallAct.alreadyConfirmed', {}, 'what');
    await updateSmallAct(trx, act.id, { what: input.what, minutes: input.minutes });
    await recordAudit(trx, {
      placeId: input.placeId,
      actorId: input.personId,
      action: 'offersRequests.smallActDescribed',
      subjectType: 'small_act',
      subjectId: act.id,
    });
  });
}

/**
 * A coordinator confirms a small act. If the helper uses time credits and said how
 * long, the community fund credits them, once (the act's id is the key).
 */
export async function confirmSmallAct(
  kith: Kith,
  input: { placeId: string; actorId: string; actId: string },
): Promise<string> {
  return kith.db.transaction(async (trx) => {
    const act = await findSmallAct(trx, input.actId, { lock: kith.db.dialect === 'postgres' });
    if (!act || act.placeId !== input.placeId) throw new NotFoundError();
    if (act.status !== 'logged' || !act.what) throw new RuleError('exchanges.smallAct.cannotConfirm');
    if (act.personId === input.actorId) throw new RuleError('exchanges.smallAct.own');
    let creditStatus = 'noTime';
    let transferId: string | null = null;
    if (act.minutes) {
      const credit = await creditHelp(trx, kith.db, {
        placeId: act.placeId,
        key: `small-act:${act.id}`,
        helperId: act.personId,
        receiverId: null,
        minutes: act.minutes,
        description: act.what,
        actorId: input.actorId,
        reference: { type: 'small_act', id: act.id },
      });
      creditStatus = credit.status === 'credited' ? 'credited.fund' : credit.status;
      transferId = credit.status === 'credited' ? credit.transferId : null;
    }
    await updateSmallAct(trx, act.id, {
      status: 'confirmed',
      confirmed_by: input.actorId,
      confirmed_at: nowIso(),
      credit_status: creditStatus,
      transfer_id: transferId,
    });
    await recordAudit(trx, {
      placeId: input.placeId,
      actorId: input.actorId,
      action: 'offersRequests.smallActConfirmed',
      subjectType: 'small_act',
      subjectId: act.id,
    });
    return creditStatus;
  });
}
