/** The directory's organisations and the people who organise them. Every query is scoped by place. */
import { randomUUID } from 'node:crypto';
import { nowIso, type Queryable } from '../../db/index.js';
import type { OrganisationInput } from './inputs.js';
import type { OrganisationTable } from './schema.js';

export async function insertOrganisation(
  db: Queryable,
  placeId: string,
  input: OrganisationInput | Omit<OrganisationInput, 'charity_number' | 'company_number'>,
  origin: { source?: string | null; externalId?: string | null; id?: string } = {},
): Promise<OrganisationTable> {
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
    charity_number: 'charity_number' in input ? input.charity_number : null,
    company_number: 'company_number' in input ? input.company_number : null,
    source: origin.source ?? null,
    external_id: origin.externalId ?? null,
    created_at: now,
    updated_at: now,
  };
  await db.insertInto('directory_organisations').values(row).execute();
  return row;
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
      charity_number: input.charity_number,
      company_number: input.company_number,
      updated_at: nowIso(),
    })
    .where('place_id', '=', placeId)
    .where('id', '=', id)
    .execute();
}

export async function findOrganisation(
  db: Queryable,
  placeId: string,
  id: string,
): Promise<OrganisationTable | undefined> {
  return db
    .selectFrom('directory_organisations')
    .selectAll()
    .where('place_id', '=', placeId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function findOrganisationBySource(db: Queryable, placeId: string, source: string, externalId: string) {
  return db
    .selectFrom('directory_organisations')
    .selectAll()
    .where('place_id', '=', placeId)
    .where('source', '=', source)
    .where('external_id', '=', externalId)
    .executeTakeFirst();
}

export async function findOrganisationByName(db: Queryable, placeId: string, name: string) {
  return db
    .selectFrom('directory_organisations')
    .selectAll()
    .where('place_id', '=', placeId)
    .where('name', '=', name)
    .orderBy('created_at')
    .executeTakeFirst();
}

export async function listOrganisations(
  db: Queryable,
  placeId: string,
  options: { limit: number; offset: number; ids?: string[]; words?: string[] },
) {
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
  return { rows, total: Number(count.n) };
}

export async function organisationsByIds(
  db: Queryable,
  placeId: string,
  ids: readonly string[],
): Promise<Map<string, OrganisationTable>> {
  if (!ids.length) return new Map();
  const rows = await db
    .selectFrom('directory_organisations')
    .selectAll()
    .where('place_id', '=', placeId)
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}

/** How many published listings each organisation has, for the admin's list. */
export async function publishedCounts(
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

export async function organisersOf(db: Queryable, placeId: string, organisationId: string) {
  return db
    .selectFrom('directory_organisation_members as m')
    .innerJoin('people as p', 'p.id', 'm.person_id')
    .select(['p.id', 'p.name', 'p.email', 'p.language', 'm.added_at'])
    .where('m.place_id', '=', placeId)
    .where('m.organisation_id', '=', organisationId)
    .where('p.erased_at', 'is', null)
    .orderBy('p.name')
    .execute();
}

/** Erasure: the person no longer organises anything (their listings stay, unattributed). */
export async function deleteMembershipsOf(db: Queryable, personId: string): Promise<void> {
  await db.deleteFrom('directory_organisation_members').where('person_id', '=', personId).execute();
  await db.updateTable('directory_activities').set({ created_by: null }).where('created_by', '=', personId).execute();
}

export async function membershipsOf(db: Queryable, personId: string) {
  return db
    .selectFrom('directory_organisation_members as m')
    .innerJoin('directory_organisations as o', 'o.id', 'm.organisation_id')
    .select(['o.name', 'm.added_at'])
    .where('m.person_id', '=', personId)
    .execute();
}
