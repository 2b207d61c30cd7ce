/**
 * Pledges: a group's campaign or an event offers actions to pledge to, or a person pledges
 * in their own words. The count of people who pledged shows (small numbers held back);
 * after the time the organiser chose, one email asks each pledger whether they did it,
 * and what they answer is counted too. Each follow-up is marked sent in the same
 * transaction as its email, and only by the worker that marks it first, so none goes twice.
 */
import { NotFoundError } from '../../errors.js';
import type { Kith } from '../../kith.js';
import { recordAudit } from '../../platform/audit/index.js';
import { once, type Submission } from '../../platform/idempotency/index.js';
import { emailReader } from '../../platform/mail/index.js';
import { findPersonById } from '../people/index.js';
import { findPlaceById } from '../places/index.js';
import { followUpAt } from './rules.js';
import type { PledgeOutcome } from './schema.js';
import {
  actionsOf,
  addPledge,
  findPledge,
  insertAction,
  markFollowedUp,
  pledgesToFollowUp,
  setPledgeOutcome,
  type Action,
  type Group,
} from './store.js';

/** An organiser offers an action to pledge to, on the group's campaign or one event. */
export async function addAction(
  kith: Kith,
  r: {
    group: Group;
    eventId: string | null;
    personId: string;
    text: string;
    followUpDays?: number | null;
    submission?: Submission;
  },
): Promise<string> {
  const { result } = await once(kith.db, 'groups.action', r.submission, async (trx) => {
    const id = await insertAction(trx, {
      placeId: r.group.placeId,
      groupId: r.group.id,
      eventId: r.eventId,
      text: r.text,
      followUpDays: r.followUpDays ?? null,
      createdBy: r.personId,
    });
    await recordAudit(trx, { placeId: r.group.placeId, actorId: r.personId, action: 'groups.action', subjectId: id });
    return id;
  });
  return result;
}

/** A pledge to an action: once per person; pledging again changes nothing. */
export async function pledge(kith: Kith, r: { action: Action; placeId: string; personId: string; now?: Date }) {
  return kith.db.transaction((trx) =>
    addPledge(trx, r.placeId, r.action.id, r.personId, followUpAt(r.now ?? new Date(), r.action.followUpDays)),
  );
}

/** A pledge in the person's own words, to the group's campaign or an event; they choose when to be asked. */
export async function pledgeInOwnWords(
  kith: Kith,
  r: {
    group: Group;
    eventId: string | null;
    personId: string;
    text: string;
    followUpDays: number | null;
    now?: Date;
    submission?: Submission;
  },
): Promise<string> {
  const { result } = await once(kith.db, 'groups.ownPledge', r.submission, async (trx) => {
    const id = await insertAction(trx, {
      placeId: r.group.placeId,
      groupId: r.group.id,
      eventId: r.eventId,
      text: r.text,
      followUpDays: r.followUpDays,
      ownWords: true,
      createdBy: r.personId,
    });
    await addPledge(trx, r.group.placeId, id, r.personId, followUpAt(r.now ?? new Date(), r.followUpDays));
    return id;
  });
  return result;
}

/** The pledger's answer to "did you do it?"; they may change it later. */
export async function answerFollowUp(
  kith: Kith,
  r: { placeId: string; actionId: string; personId: string; outcome: PledgeOutcome },
): Promise<void> {
  await kith.db.transaction(async (trx) => {
    const [action] = await actionsOf(trx, r.placeId, { id: r.actionId });
    if (!action || !(await findPledge(trx, r.actionId, r.personId))) throw new NotFoundError();
    await setPledgeOutcome(trx, r.actionId, r.personId, r.outcome);
  });
}

/** Sends the follow-ups now due; returns how many went. */
export async function sendPledgeFollowUps(kith: Kith, now = new Date()): Promise<number> {
  const due = await pledgesToFollowUp(kith.db.kysely, now.toISOString());
  let sent = 0;
  for (const p of due) {
    await kith.db.transaction(async (trx) => {
      if (!(await markFollowedUp(trx, p.actionId, p.personId))) return;
      const [person, place] = await Promise.all([findPersonById(trx, p.personId), findPlaceById(trx, p.placeId)]);
      if (!person || !place) return;
      await emailReader(kith, trx, person, {
        placeId: p.placeId,
        subjectKey: 'groups.mail.followUp.subject',
        paragraphs: ['groups.mail.followUp.body'],
        params: { pledge: p.text },
        action: { key: 'groups.mail.followUp.action', path: `/places/${place.slug}/groups/pledges/${p.actionId}` },
      });
      sent += 1;
    });
  }
  return sent;
}
