/** The directory's organisations and the people who organise them. Every query is scoped by place. */
import { randomUUID } from 'node:crypto';
import { nowIso, type Queryable } from '../../db/index.js';
import type { OrganisationInput } from './inputs.js';
import type { OrganisationKind, OrganisationTable } from './schema.js';

/** An organisation that runs listings: a charity, a group, a council service. */
export interface Organisation {
  id: string;
  placeId: string;
  name: string;
  description: string;
  kind: OrganisationKind;
  email: string | null;
  website: string | null;
  phone: string | null;
  charityNumber: string | null;
  companyNumber: string | null;
  source: string | null;
  externalId: string | null;
  createdAt: string;
  updatedAt: string;
}

const toOrganisation = (r: OrganisationTable): Organisation => ({
  id: r.id,
  placeId: r.place_id,
  name: r.name,
  description: r.description,
  kind: r.kind,
  email: r.email,
  website: r.website,
  phone: r.phone,
  charityNumber: r.charity_number,
  companyNumber: r.company_number,
  source: r.source,
  externalId: r.external_id,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** Someone who organises an organisation's listings. */
export interface Organiser {
  id: string;
  name: string | null;
  email: string | null;
  language: 'en' | 'cy';
  addedAt: string;
}

export async function insertOrganisation(
  db: Queryable,
  placeId: string,
  input: OrganisationInput | Omit<OrganisationInput, 'charityNumber' | 'companyNumber'>,
  origin: { source?: string | null; externalId?: string | null; id?: string } = {},
): Promise<Organisation> {
  const now = nowIso();
  const row: OrganisationTable = {
    id: origin.id ?? randomUUID(),
    place_id: placeId,
    name: input.name,
    description: input.description,
    kind: input.kind,
    email: input.email,
    website: input.website,
    phone: input.phone,
    charity_number: 'charityNumber' in input ? input.charityNumber : null,
    company_number: 'companyNumber' in input ? input.companyNumber : null,
    source: origin.source ?? null,
    external_id: origin.externalId ?? null,
    created_at: now,
    updated_at: now,
  };
  await db.insertInto('directory_organisations').values(row).execute();
  return toOrganisation(row);
}

export async function updateOrganisation(
  db: Queryable,
  placeId: string,
  id: string,
  input: OrganisationInput,
): Promise<void> {
  await db
    .updateTable('directory_organisations')
    .set({
      name: input.name,
      description: input.description,
      kind: input.kind,
      email: input.email,
      website: input.website,
      phone: input.phone,
      charity_number: input.charityNumber,
      company_number: input.companyNumber,
      updated_at: nowIso(),
    })
    .where('place_id', '=', placeId)
    .where('id', '=', id)
    .execute();
}

export async function findOrganisation(db: Queryable, placeId: string, id: string): Promise<Organisation | undefined> {
  const row = await db
    .selectFrom('directory_organisations')
    .selectAll()
    .where('place_id', '=', placeId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toOrganisation(row);
}

export async function findOrganisationBySource(
  db: Queryable,
  placeId: string,
  source: string,
  externalId: string,
): Promise<Organisation | undefined> {
  const row = await db
    .selectFrom('directory_organisations')
    .selectAll()
    .where('place_id', '=', placeId)
    .where('source', '=', source)
    .where('external_id', '=', externalId)
    .executeTakeFirst();
  return row && toOrganisation(row);
}

export async function findOrganisationByName(
  db: Queryable,
  placeId: string,
  name: string,
): Promise<Organisation | undefined> {
  const row = await db
    .selectFrom('directory_organisations')
    .selectAll()
    .where('place_id', '=', placeId)
    .where('name', '=', name)
    .orderBy('created_at')
    .executeTakeFirst();
  return row && toOrganisation(row);
}

export async function listOrganisations(
  db: Queryable,
  placeId: string,
  options: { limit: number; offset: number; ids?: string[]; words?: string[] },
): Promise<{ rows: Organisation[]; total: number }> {
  let query = db.selectFrom('directory_organisations').selectAll().where('place_id', '=', placeId);
  if (options.ids) query = options.ids.length ? query.where('id', 'in', options.ids) : query.where('id', '=', '');
  // Every word (letters and digits only: wordsOf) in the name or the description: the feed's organisation search.
  for (const word of options.words ?? [])
    query = query.where((eb) =>
      eb.or([
        eb(eb.fn('lower', ['name']), 'like', `%${word}%`),
        eb(eb.fn('lower', ['description']), 'like', `%${word}%`),
      ]),
    );
  const [rows, count] = await Promise.all([
    query.orderBy('name').orderBy('id').limit(options.limit).offset(options.offset).execute(),
    query
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows: rows.map(toOrganisation), total: Number(count.n) };
}

export async function organisationsByIds(
  db: Queryable,
  placeId: string,
  ids: readonly string[],
): Promise<Map<string, Organisation>> {
  if (!ids.length) return new Map();
  const rows = await db
    .selectFrom('directory_organisations')
    .selectAll()
    .where('place_id', '=', placeId)
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, toOrganisation(r)]));
}

/** How many listings each organisation has, drafts included, for the admin's list. */
export async function listingCounts(
  db: Queryable,
  placeId: string,
  organisationIds: readonly string[],
): Promise<Map<string, number>> {
  if (!organisationIds.length) return new Map();
  const rows = await db
    .selectFrom('directory_activities')
    .select(['organisation_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('place_id', '=', placeId)
    .where('organisation_id', 'in', [...organisationIds])
    .groupBy('organisation_id')
    .execute();
  return new Map(rows.map((r) => [r.organisation_id, Number(r.n)]));
}

// Organisers of an organisation

export async function addOrganisationMember(
  db: Queryable,
  m: { placeId: string; organisationId: string; personId: string; addedBy: string | null },
): Promise<boolean> {
  const result = await db
    .insertInto('directory_organisation_members')
    .values({
      place_id: m.placeId,
      organisation_id: m.organisationId,
      person_id: m.personId,
      added_by: m.addedBy,
      added_at: nowIso(),
    })
    .onConflict((oc) => oc.columns(['organisation_id', 'person_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function removeOrganisationMember(
  db: Queryable,
  placeId: string,
  organisationId: string,
  personId: string,
): Promise<boolean> {
  const result = await db
    .deleteFrom('directory_organisation_members')
    .where('place_id', '=', placeId)
    .where('organisation_id', '=', organisationId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function isOrganisationMember(
  db: Queryable,
  placeId: string,
  organisationId: string,
  personId: string | null,
): Promise<boolean> {
  if (!personId) return false;
  const row = await db
    .selectFrom('directory_organisation_members')
    .select('person_id')
    .where('place_id', '=', placeId)
    .where('organisation_id', '=', organisationId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
  return !!row;
}

export async function organisationIdsOf(db: Queryable, placeId: string, personId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('directory_organisation_members')
    .select('organisation_id')
    .where('person_id', '=', personId)
    .where('place_id', '=', placeId)
    .execute();
  return rows.map((r) => r.organisation_id);
}

export async function organisersOf(db: Queryable, placeId: string, organisationId: string): Promise<Organiser[]> {
  const rows = await db
    .selectFrom('directory_organisation_members as m')
    .innerJoin('people as p', 'p.id', 'm.person_id')
    .select(['p.id', 'p.name', 'p.email', 'p.language', 'm.added_at'])
    .where('m.place_id', '=', placeId)
    .where('m.organisation_id', '=', organisationId)
    .where('p.erased_at', 'is', null)
    .orderBy('p.name')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, email: r.email, language: r.language, addedAt: r.added_at }));
}

/** Erasure: the person no longer organises anything (their listings stay, unattributed). */
export async function deleteMembershipsOf(db: Queryable, personId: string): Promise<void> {
  await db.deleteFrom('directory_organisation_members').where('person_id', '=', personId).execute();
  await db.updateTable('directory_activities').set({ created_by: null }).where('created_by', '=', personId).execute();
}

/** The organisations a person organises, by name, and since when: their data export. */
export async function membershipsOf(
  db: Queryable,
  personId: string,
): Promise<Array<{ name: string; addedAt: string }>> {
  const rows = await db
    .selectFrom('directory_organisation_members as m')
    .innerJoin('directory_organisations as o', 'o.id', 'm.organisation_id')
    .select(['o.name', 'm.added_at'])
    .where('m.person_id', '=', personId)
    .execute();
  return rows.map((r) => ({ name: r.name, addedAt: r.added_at }));
}
