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
  /** Accepted from another organisation's record: that record's id. */
  sourceCheckId: string | null;
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
  source_check_id: string | null;
}): Check => ({
  id: r.id,
  organisationId: r.organisation_id,
  personId: r.person_id,
  kind: r.kind,
  checkedOn: r.checked_on,
  expiresOn: r.expires_on,
  note: r.note,
  recordedAt: r.recorded_at,
  sourceCheckId: r.source_check_id,
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
    sourceCheckId?: string | null;
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
      source_check_id: c.sourceCheckId ?? null,
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

/** A parent's or guardian's consents for a volunteer under 18, newest first. */
export async function consentsOf(db: Queryable, organisationId: string, personId: string) {
  return db
    .selectFrom('volunteering_consents')
    .select(['guardian_name as guardianName', 'relationship', 'given_on as givenOn'])
    .where('organisation_id', '=', organisationId)
    .where('person_id', '=', personId)
    .orderBy('given_on', 'desc')
    .execute();
}

/**
 * A check another organisation recorded, as an organisation the volunteer shares their
 * checks with sees it: its kind, dates and who recorded it. Never its note.
 */
export type SharedCheck = Pick<Check, 'id' | 'organisationId' | 'personId' | 'kind' | 'checkedOn' | 'expiresOn'>;

/** The organisations a person lets see their checks, with when they said so. */
export async function sharesOf(
  db: Queryable,
  placeId: string,
  personId: string,
): Promise<Array<{ organisationId: string; grantedAt: string }>> {
  const rows = await db
    .selectFrom('volunteering_check_shares')
    .select(['organisation_id', 'granted_at'])
    .where('place_id', '=', placeId)
    .where('person_id', '=', personId)
    .orderBy('granted_at')
    .execute();
  return rows.map((r) => ({ organisationId: r.organisation_id, grantedAt: r.granted_at }));
}

/** Lets an organisation see a person's checks; false when it already could. */
export async function insertShare(
  db: Queryable,
  s: { placeId: string; personId: string; organisationId: string },
): Promise<boolean> {
  const result = await db
    .insertInto('volunteering_check_shares')
    .values({
      place_id: s.placeId,
      person_id: s.personId,
      organisation_id: s.organisationId,
      granted_at: nowIso(),
    })
    .onConflict((oc) => oc.columns(['person_id', 'organisation_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Stops an organisation seeing a person's checks; false when it could not anyway. */
export async function deleteShare(
  db: Queryable,
  s: { placeId: string; personId: string; organisationId: string },
): Promise<boolean> {
  const result = await db
    .deleteFrom('volunteering_check_shares')
    .where('place_id', '=', s.placeId)
    .where('person_id', '=', s.personId)
    .where('organisation_id', '=', s.organisationId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/**
 * The checks other organisations recorded about a person, as `organisationId` may see
 * them: nothing unless the person's leave for it stands (the join decides). Only
 * original records: one an organisation accepted from another is not passed on again.
 * With `lock` (PostgreSQL), the leave's row stays locked until the transaction ends, so
 * a withdrawal waits for an acceptance under way, and an acceptance after it finds nothing.
 */
export async function sharedChecksFor(
  db: Queryable,
  placeId: string,
  organisationId: string,
  personId: string,
  options: { checkId?: string; lock?: boolean } = {},
): Promise<SharedCheck[]> {
  if (options.lock) {
    const leave = await db
      .selectFrom('volunteering_check_shares')
      .select('person_id')
      .where('place_id', '=', placeId)
      .where('person_id', '=', personId)
      .where('organisation_id', '=', organisationId)
      .forUpdate()
      .executeTakeFirst();
    if (!leave) return [];
  }
  let q = db
    .selectFrom('volunteering_checks as c')
    .innerJoin('volunteering_check_shares as s', (join) =>
      join
        .onRef('s.person_id', '=', 'c.person_id')
        .onRef('s.place_id', '=', 'c.place_id')
        .on('s.organisation_id', '=', organisationId),
    )
    .select(['c.id', 'c.organisation_id', 'c.person_id', 'c.kind', 'c.checked_on', 'c.expires_on'])
    .where('c.place_id', '=', placeId)
    .where('c.person_id', '=', personId)
    .where('c.organisation_id', '!=', organisationId)
    .where('c.source_check_id', 'is', null);
  if (options.checkId) q = q.where('c.id', '=', options.checkId);
  const rows = await q.orderBy('c.checked_on', 'desc').orderBy('c.id').execute();
  return rows.map((r) => ({
    id: r.id,
    organisationId: r.organisation_id,
    personId: r.person_id,
    kind: r.kind,
    checkedOn: r.checked_on,
    expiresOn: r.expires_on,
  }));
}

/** Where an organisation's accepted checks came from: source record id → the organisation that recorded it. */
export async function sourcesOf(db: Queryable, checkIds: readonly string[]): Promise<Map<string, string>> {
  if (!checkIds.length) return new Map();
  const rows = await db
    .selectFrom('volunteering_checks')
    .select(['id', 'organisation_id'])
    .where('id', 'in', [...new Set(checkIds)])
    .execute();
  return new Map(rows.map((r) => [r.id, r.organisation_id]));
}

/** The organisation's own record accepted from a shared check, if it has one. */
export async function acceptedFrom(
  db: Queryable,
  organisationId: string,
  sourceCheckId: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('volunteering_checks')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .where('source_check_id', '=', sourceCheckId)
    .executeTakeFirst();
  return row?.id;
}
