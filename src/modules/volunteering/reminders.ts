/** The reminders job. */
import type { Kith } from '../../kith.js';
import { nowIso } from '../../db/index.js';
import { findPersonById } from '../people/index.js';
import { findPlaceById } from '../places/index.js';
import { organisersOf } from '../directory/index.js';
import { findOpportunity, signupsToRemind, updateSignup } from './store.js';
import { checksToWarn, markCheckWarned } from './checks-store.js';
import { email, whenText } from './emails.js';
import { addDays, todayInPlace } from '../../platform/dates.js';

/**
 * The reminders job: an email a day ahead to each confirmed volunteer on a shift, and
 * one warning to the organisation's coordinators about each check expiring within 30
 * days. Each is marked sent in the same transaction as its email, so none goes twice.
 */
export async function sendReminders(kith: Kith, now = new Date()): Promise<{ shifts: number; checks: number }> {
  const db = kith.db.kysely;
  const due = await signupsToRemind(db, now.toISOString(), new Date(now.getTime() + 24 * 3600_000).toISOString());
  for (const s of due) {
    await kith.db.transaction(async (trx) => {
      const opportunity = await findOpportunity(trx, s.opportunityId);
      const place = await findPlaceById(trx, s.placeId);
      if (!opportunity || !place) return;
      const person = await findPersonById(trx, s.personId);
      await email(
        kith,
        trx,
        s.placeId,
        s.personId,
        'reminder',
        { title: opportunity.title, when: whenText(s.startsAt, person?.language === 'cy' ? 'cy' : 'en') },
        `/places/${place.slug}/volunteering/mine`,
      );
      await updateSignup(trx, s.id, { reminder_sent_at: nowIso() });
    });
  }
  const today = todayInPlace(now);
  const expiring = await checksToWarn(db, today, addDays(today, 30));
  for (const c of expiring) {
    await kith.db.transaction(async (trx) => {
      const place = await findPlaceById(trx, c.placeId);
      // The email names nobody: the dashboard it links to says whose check it is.
      for (const coordinator of await organisersOf(trx, c.placeId, c.organisationId)) {
        const t = kith.catalogue.translator(coordinator.language);
        await email(
          kith,
          trx,
          c.placeId,
          coordinator.id,
          'expiring',
          { kind: t(`volunteering.check.${c.kind}`), date: c.expiresOn ?? '' },
          `/places/${place?.slug}/volunteering/manage/${c.organisationId}`,
        );
      }
      await markCheckWarned(trx, c.id);
    });
  }
  return { shifts: due.length, checks: expiring.length };
}
