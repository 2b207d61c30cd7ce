/**
 * Volunteering's queries about volunteers themselves: the birth date they gave, the
 * checks an organisation has seen (kinds and dates only) and a guardian's consent.
 */
import { randomUUID } from 'node:crypto';
import { nowIso, type Queryable } from '../../db/index.js';
import type { CheckKind } from './schema.js';

export async function birthDateOf(db: Queryable, placeId: string, personId: string): Promise<string | null> {
  const r = await db
    .selectFrom('volunteering_volunteers')
    .select('birth_date')
    .where('place_id', '=', placeId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
  return r?.birth_date ?? null;
}

export async function setBirthDate(db: Queryable, placeId: string, personId: string, birthDate: string): Promise<void> {
  const now = nowIso();
  await db
    .insertInto('volunteering_volunteers')
    .values({ place_id: placeId, person_id: personId, birth_date: birthDate, created_at: now, updated_at: now })
    .onConflict((oc) => oc.columns(['place_id', 'person_id']).doUpdateSet({ birth_date: birthDate, updated_at: now }))
    .execute();
}

export interface Check {
  id: string;
  organisationId: string;
  personId: string;
  kind: CheckKind;
  checkedOn: string;
  expiresOn: string | null;
  note: string;
  recordedAt: string;
}

const toCheck = (r: {
  id: string;
  organisation_id: string;
  person_id: string;
  kind: CheckKind;
  checked_on: string;
  expires_on: string | null;
  note: string;
  recorded_at: string;
}): Check => ({
  id: r.id,
  organisationId: r.organisation_id,
  personId: r.person_id,
  kind: r.kind,
  checkedOn: r.checked_on,
  expiresOn: r.expires_on,
  note: r.note,
  recordedAt: r.recorded_at,
});

export async function insertCheck(
  db: Queryable,
  c: {
    placeId: string;
    organisationId: string;
    personId: string;
    kind: CheckKind;
    checkedOn: string;
    expiresOn: string | null;
    note: string;
    recordedBy: string;
  },
): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('volunteering_checks')
    .values({
      id,
      place_id: c.placeId,
      organisation_id: c.organisationId,
      person_id: c.personId,
      kind: c.kind,
      checked_on: c.checkedOn,
      expires_on: c.expiresOn,
      note: c.note,
      recorded_by: c.recordedBy,
      recorded_at: nowIso(),
      expiry_warned_at: null,
    })
    .execute();
  return id;
}

export async function checksOf(db: Queryable, organisationId: string, personId: string): Promise<Check[]> {
  const rows = await db
    .selectFrom('volunteering_checks')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('person_id', '=', personId)
    .orderBy('checked_on', 'desc')
    .execute();
  return rows.map(toCheck);
}

/** The checks an organisation holds for several people at once (a page of befriending suggestions), by person. */
export async function checksOfPeople(
  db: Queryable,
  organisationId: string,
  personIds: readonly string[],
): Promise<Map<string, Check[]>> {
  const byPerson = new Map<string, Check[]>(personIds.map((id) => [id, []]));
  if (!personIds.length) return byPerson;
  const rows = await db
    .selectFrom('volunteering_checks')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('person_id', 'in', [...new Set(personIds)])
    .orderBy('checked_on', 'desc')
    .execute();
  for (const row of rows) byPerson.get(row.person_id)?.push(toCheck(row));
  return byPerson;
}

export async function checksOfPerson(db: Queryable, placeId: string, personId: string): Promise<Check[]> {
  const rows = await db
    .selectFrom('volunteering_checks')
    .selectAll()
    .where('place_id', '=', placeId)
    .where('person_id', '=', personId)
    .orderBy('checked_on', 'desc')
    .execute();
  return rows.map(toCheck);
}

/** An organisation's checks that expire between two days (YYYY-MM-DD), soonest first. */
export async function checksExpiring(
  db: Queryable,
  placeId: string,
  organisationId: string,
  from: string,
  until: string,
): Promise<Check[]> {
  const rows = await db
    .selectFrom('volunteering_checks')
    .selectAll()
    .where('place_id', '=', placeId)
    .where('organisation_id', '=', organisationId)
    .where('expires_on', '>=', from)
    .where('expires_on', '<=', until)
    .orderBy('expires_on')
    .execute();
  return rows.map(toCheck);
}

/** Every place's checks expiring by `until` that nobody has been warned about yet. */
export async function checksToWarn(
  db: Queryable,
  from: string,
  until: string,
): Promise<Array<Check & { placeId: string }>> {
  const rows = await db
    .selectFrom('volunteering_checks')
    .selectAll()
    .where('expires_on', '>=', from)
    .where('expires_on', '<=', until)
    .where('expiry_warned_at', 'is', null)
    .limit(1000)
    .execute();
  return rows.map((r) => ({ ...toCheck(r), placeId: r.place_id }));
}

export async function markCheckWarned(db: Queryable, id: string): Promise<void> {
  await db.updateTable('volunteering_checks').set({ expiry_warned_at: nowIso() }).where('id', '=', id).execute();
}

export async function insertConsent(
  db: Queryable,
  c: {
    placeId: string;
    organisationId: string;
    personId: string;
    guardianName: string;
    relationship: string;
    givenOn: string;
    recordedBy: string;
  },
): Promise<void> {
  await db
    .insertInto('volunteering_consents')
    .values({
      id: randomUUID(),
      place_id: c.placeId,
      organisation_id: c.organisationId,
      person_id: c.personId,
      guardian_name: c.guardianName,
      relationship: c.relationship,
      given_on: c.givenOn,
      recorded_by: c.recordedBy,
      recorded_at: nowIso(),
    })
    .execute();
}

export async function consentsOf(db: Queryable, organisationId: string, personId: string) {
  return db
    .selectFrom('volunteering_consents')
    .select(['guardian_name', 'relationship', 'given_on'])
    .where('organisation_id', '=', organisationId)
    .where('person_id', '=', personId)
    .orderBy('given_on', 'desc')
    .execute();
}
