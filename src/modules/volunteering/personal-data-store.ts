/**
 * Everything volunteering holds about a person, for their download, and its erasure.
 */
import { randomUUID } from 'node:crypto';
import { nowIso, type Queryable } from '../../db/index.js';
import { findShift, toSignup, type Signup } from './store.js';

export async function everythingAbout(db: Queryable, personId: string) {
  const [signups, volunteer, checks, consents, hours, thanks, suggestions, checkShares] = await Promise.all([
    db
      .selectFrom('volunteering_signups')
      .select(['opportunity_id', 'shift_id', 'status', 'message', 'reply', 'attended', 'created_at'])
      .where('person_id', '=', personId)
      .execute(),
    db
      .selectFrom('volunteering_volunteers')
      .select(['place_id', 'birth_date'])
      .where('person_id', '=', personId)
      .execute(),
    db
      .selectFrom('volunteering_checks')
      .select(['organisation_id', 'kind', 'checked_on', 'expires_on', 'note'])
      .where('person_id', '=', personId)
      .execute(),
    db
      .selectFrom('volunteering_consents')
      .select(['organisation_id', 'guardian_name', 'relationship', 'given_on'])
      .where('person_id', '=', personId)
      .execute(),
    db
      .selectFrom('volunteering_hours')
      .select(['organisation_id', 'opportunity_id', 'worked_on', 'minutes', 'note', 'status'])
      .where('person_id', '=', personId)
      .execute(),
    db
      .selectFrom('volunteering_thanks')
      .select(['organisation_id', 'message', 'created_at'])
      .where('person_id', '=', personId)
      .execute(),
    db
      .selectFrom('volunteering_suggestions')
      .select(['organisation_id', 'title', 'detail', 'status', 'response', 'created_at'])
      .where('suggested_by', '=', personId)
      .execute(),
    db
      .selectFrom('volunteering_check_shares')
      .select(['organisation_id', 'granted_at'])
      .where('person_id', '=', personId)
      .execute(),
  ]);
  return { signups, volunteer, checks, consents, hours, thanks, suggestions, checkShares };
}

/**
 * Erasure: sign-ups, checks (and leave to see them), consent and thanks go; suggestions stay, unattributed; hours stay as numbers under an id
 * of their own that points at nobody, so an organisation's totals do not change. The
 * roles the person created stay (they are the organisation's), without their name.
 * Returns the places they held on shifts still to come, for the caller to offer to
 * each shift's waiting list in the same transaction; with `lock` (PostgreSQL) those
 * shifts' rows are locked before the places are freed, as a cancellation does.
 */
export async function eraseVolunteer(
  db: Queryable,
  personId: string,
  options: { lock?: boolean } = {},
): Promise<Signup[]> {
  const held = await db
    .selectFrom('volunteering_signups as s')
    .innerJoin('volunteering_shifts as sh', 'sh.id', 's.shift_id')
    .selectAll('s')
    .where('s.person_id', '=', personId)
    .where('s.status', 'in', ['confirmed', 'pending'])
    .where('sh.starts_at', '>', nowIso())
    .where('sh.cancelled_at', 'is', null)
    .orderBy('sh.starts_at')
    .execute();
  for (const s of held) await findShift(db, s.shift_id!, { lock: options.lock });
  await db.deleteFrom('volunteering_signups').where('person_id', '=', personId).execute();
  await db.deleteFrom('volunteering_volunteers').where('person_id', '=', personId).execute();
  await db.deleteFrom('volunteering_checks').where('person_id', '=', personId).execute();
  await db.deleteFrom('volunteering_check_shares').where('person_id', '=', personId).execute();
  await db.deleteFrom('volunteering_consents').where('person_id', '=', personId).execute();
  await db.deleteFrom('volunteering_thanks').where('person_id', '=', personId).execute();
  await db
    .updateTable('volunteering_hours')
    .set({ person_id: randomUUID(), note: '', logged_by: null })
    .where('person_id', '=', personId)
    .execute();
  await db.updateTable('volunteering_hours').set({ logged_by: null }).where('logged_by', '=', personId).execute();
  await db.updateTable('volunteering_hours').set({ decided_by: null }).where('decided_by', '=', personId).execute();
  await db.updateTable('volunteering_checks').set({ recorded_by: null }).where('recorded_by', '=', personId).execute();
  await db
    .updateTable('volunteering_consents')
    .set({ recorded_by: null })
    .where('recorded_by', '=', personId)
    .execute();
  await db.updateTable('volunteering_thanks').set({ sent_by: null }).where('sent_by', '=', personId).execute();
  await db
    .updateTable('volunteering_opportunities')
    .set({ created_by: null })
    .where('created_by', '=', personId)
    .execute();
  // A suggestion is the organisation's to act on: it stays, no longer theirs.
  await db
    .updateTable('volunteering_suggestions')
    .set({ suggested_by: null })
    .where('suggested_by', '=', personId)
    .execute();
  return held.map(toSignup);
}
