import { randomUUID } from 'node:crypto';
import { nowIso, type Queryable } from '../../db/index.js';
import type { PlaceTable } from './schema.js';

export interface Place {
  id: string;
  slug: string;
  name: string;
  nameCy: string | null;
  timeZone: string;
}

const toPlace = (row: PlaceTable): Place => ({
  id: row.id,
  slug: row.slug,
  name: row.name,
  nameCy: row.name_cy,
  timeZone: row.time_zone,
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
  };
  await db.insertInto('places').values(row).execute();
  return toPlace(row);
}
