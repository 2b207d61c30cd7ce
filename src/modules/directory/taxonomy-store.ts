/** The directory's taxonomies and their terms. Every query is scoped by place. */
import { randomUUID } from 'node:crypto';
import type { Queryable } from '../../db/index.js';
import type { TaxonomyTable, TaxonomyTermTable } from './schema.js';
import type { ShippedTaxonomy } from './taxonomy.js';

/** A vocabulary listings are described with (needs and interests, the typology of social action). */
export interface Taxonomy {
  id: string;
  placeId: string;
  key: string;
  name: string;
  nameCy: string | null;
  description: string;
  descriptionCy: string | null;
  uri: string | null;
  version: string | null;
}

const toTaxonomy = (r: TaxonomyTable): Taxonomy => ({
  id: r.id,
  placeId: r.place_id,
  key: r.key,
  name: r.name,
  nameCy: r.name_cy,
  description: r.description,
  descriptionCy: r.description_cy,
  uri: r.uri,
  version: r.version,
});

/** One of a vocabulary's terms. */
export interface Term {
  id: string;
  placeId: string;
  taxonomyId: string;
  parentId: string | null;
  code: string;
  term: string;
  termCy: string | null;
  description: string;
  descriptionCy: string | null;
  position: number;
}

const toTerm = (r: TaxonomyTermTable): Term => ({
  id: r.id,
  placeId: r.place_id,
  taxonomyId: r.taxonomy_id,
  parentId: r.parent_id,
  code: r.code,
  term: r.term,
  termCy: r.term_cy,
  description: r.description,
  descriptionCy: r.description_cy,
  position: Number(r.position),
});

export async function ensureShippedTaxonomies(
  db: Queryable,
  placeId: string,
  taxonomies: readonly ShippedTaxonomy[],
): Promise<void> {
  for (const taxonomy of taxonomies) {
    let row = await db
      .selectFrom('directory_taxonomies')
      .select('id')
      .where('place_id', '=', placeId)
      .where('key', '=', taxonomy.key)
      .executeTakeFirst();
    if (!row) {
      row = { id: randomUUID() };
      await db
        .insertInto('directory_taxonomies')
        .values({
          id: row.id,
          place_id: placeId,
          key: taxonomy.key,
          name: taxonomy.name,
          name_cy: taxonomy.nameCy,
          description: taxonomy.description,
          description_cy: taxonomy.descriptionCy,
          uri: null,
          version: '1',
        })
        .execute();
    }
    for (const [position, term] of taxonomy.terms.entries()) {
      await db
        .insertInto('directory_taxonomy_terms')
        .values({
          id: randomUUID(),
          place_id: placeId,
          taxonomy_id: row.id,
          parent_id: null,
          code: term.code,
          term: term.term,
          term_cy: term.termCy,
          description: term.description,
          description_cy: term.descriptionCy,
          position,
        })
        .onConflict((oc) => oc.columns(['place_id', 'code']).doNothing())
        .execute();
    }
  }
}

export async function taxonomiesOf(db: Queryable, placeId: string): Promise<Taxonomy[]> {
  const rows = await db
    .selectFrom('directory_taxonomies')
    .selectAll()
    .where('place_id', '=', placeId)
    .orderBy('key', 'desc')
    .execute();
  return rows.map(toTaxonomy);
}

export async function findTaxonomy(db: Queryable, placeId: string, idOrKey: string): Promise<Taxonomy | undefined> {
  const row = await db
    .selectFrom('directory_taxonomies')
    .selectAll()
    .where('place_id', '=', placeId)
    .where((eb) => eb.or([eb('id', '=', idOrKey), eb('key', '=', idOrKey)]))
    .executeTakeFirst();
  return row && toTaxonomy(row);
}

export async function termsOf(db: Queryable, placeId: string): Promise<Term[]> {
  const rows = await db
    .selectFrom('directory_taxonomy_terms')
    .selectAll()
    .where('place_id', '=', placeId)
    .orderBy('taxonomy_id')
    .orderBy('position')
    .orderBy('term')
    .execute();
  return rows.map(toTerm);
}

export async function findTerm(db: Queryable, placeId: string, id: string): Promise<Term | undefined> {
  const row = await db
    .selectFrom('directory_taxonomy_terms')
    .selectAll()
    .where('place_id', '=', placeId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toTerm(row);
}

export async function insertTerm(db: Queryable, t: Omit<Term, 'id'>): Promise<Term> {
  const term: Term = { id: randomUUID(), ...t };
  await db
    .insertInto('directory_taxonomy_terms')
    .values({
      id: term.id,
      place_id: term.placeId,
      taxonomy_id: term.taxonomyId,
      parent_id: term.parentId,
      code: term.code,
      term: term.term,
      term_cy: term.termCy,
      description: term.description,
      description_cy: term.descriptionCy,
      position: term.position,
    })
    .execute();
  return term;
}

export async function updateTerm(
  db: Queryable,
  placeId: string,
  id: string,
  change: { term: string; termCy: string | null; description: string },
): Promise<void> {
  await db
    .updateTable('directory_taxonomy_terms')
    .set({ term: change.term, term_cy: change.termCy, description: change.description })
    .where('place_id', '=', placeId)
    .where('id', '=', id)
    .execute();
}

export async function deleteTerm(db: Queryable, placeId: string, id: string): Promise<void> {
  await db
    .deleteFrom('directory_attributes')
    .where('place_id', '=', placeId)
    .where('taxonomy_term_id', '=', id)
    .execute();
  await db.deleteFrom('directory_taxonomy_terms').where('place_id', '=', placeId).where('id', '=', id).execute();
}

/** The listings that carry a term (so their search text can be refreshed when it is renamed). */
export async function activityIdsWithTerm(db: Queryable, placeId: string, termId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('directory_attributes')
    .select('link_id')
    .where('place_id', '=', placeId)
    .where('taxonomy_term_id', '=', termId)
    .execute();
  return rows.map((r) => r.link_id);
}
