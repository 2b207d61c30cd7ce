/**
 * A day ahead, everyone going to an event is reminded of it by email, with its time on
 * their own language's clock and a link to the page (where the online link, the place
 * and any change are). Each reminder is marked sent in the same transaction as its
 * email, and only by the worker that marks it first, so none goes twice; an event that
 * moves is reminded of afresh (changeEvent forgets the earlier reminders).
 */
import type { Kith } from '../../kith.js';
import { dateAndTime } from '../../platform/dates.js';
import { emailReader } from '../../platform/mail/index.js';
import { findPersonById } from '../people/index.js';
import { findPlaceById } from '../places/index.js';
import { markReminded, rsvpsToRemind } from './store.js';

/** How far ahead a reminder goes: the day before, as people plan their day. */
export const REMIND_AHEAD_HOURS = 24;

export async function sendEventReminders(kith: Kith, now = new Date()): Promise<number> {
  const due = await rsvpsToRemind(
    kith.db.kysely,
    now.toISOString(),
    new Date(now.getTime() + REMIND_AHEAD_HOURS * 3600_000).toISOString(),
  );
  let sent = 0;
  for (const r of due) {
    await kith.db.transaction(async (trx) => {
      if (!(await markReminded(trx, r.rsvpId))) return;
      const [person, place] = await Promise.all([findPersonById(trx, r.personId), findPlaceById(trx, r.placeId)]);
      if (!person || !place) return;
      await emailReader(kith, trx, person, {
        placeId: r.placeId,
        subjectKey: 'groups.mail.reminder.subject',
        paragraphs: ['groups.mail.reminder.body'],
        params: { event: r.title, when: dateAndTime(r.startsAt, person.language) },
        action: { key: 'groups.mail.reminder.action', path: `/places/${place.slug}/groups/events/${r.eventId}` },
      });
      sent += 1;
    });
  }
  return sent;
}
