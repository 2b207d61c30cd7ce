import { randomUUID } from 'node:crypto';
import { nowIso, type Queryable } from '../../db/index.js';
import type { PlaceTable } from './schema.js';

export interface Place {
  id: string;
  slug: string;
  name: string;
  nameCy: string | null;
  timeZone: string;
  /** New members wait for an admin's approval before they see what members see. */
  approvesMembers: boolean;
}

const toPlace = (row: PlaceTable): Place => ({
  id: row.id,
  slug: row.slug,
  name: row.name,
  nameCy: row.name_cy,
  timeZone: row.time_zone,
  approvesMembers: row.approves_members === 1,
});

export async function listPlaces(db: Queryable): Promise<Place[]> {
  return (await db.selectFrom('places').selectAll().orderBy('name').execute()).map(toPlace);
}

export async function findPlaceBySlug(db: Queryable, slug: string): Promise<Place | undefined> {
  const row = await db.selectFrom('places').selectAll().where('slug', '=', slug).executeTakeFirst();
  return row && toPlace(row);
}

export async function findPlaceById(db: Queryable, id: string): Promise<Place | undefined> {
  const row = await db.selectFrom('places').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toPlace(row);
}

export async function insertPlace(
  db: Queryable,
  place: { slug: string; name: string; nameCy?: string | null },
): Promise<Place> {
  const row: PlaceTable = {
    id: randomUUID(),
    slug: place.slug,
    name: place.name,
    name_cy: place.nameCy ?? null,
    time_zone: 'Europe/London',
    created_at: nowIso(),
    approves_members: 0,
  };
  await db.insertInto('places').values(row).execute();
  return toPlace(row);
}

/** Whether new members of the place wait for an admin's approval. */
export async function setApprovesMembers(db: Queryable, placeId: string, approves: boolean): Promise<void> {
  await db
    .updateTable('places')
    .set({ approves_members: approves ? 1 : 0 })
    .where('id', '=', placeId)
    .execute();
}
