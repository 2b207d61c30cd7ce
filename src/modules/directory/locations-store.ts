/** The directory's locations, and the postcodes it knows the points of. */
import { randomUUID } from 'node:crypto';
import { nowIso, type Queryable } from '../../db/index.js';
import type { LocationInput } from './inputs.js';
import type { LocationTable } from './schema.js';

export async function upsertLocation(
  db: Queryable,
  placeId: string,
  organisationId: string | null,
  location: LocationInput,
  match: { id?: string; source?: string | null },
): Promise<{ id: string; created: boolean; changed: boolean }> {
  const now = nowIso();
  const values = {
    organisation_id: organisationId,
    name: location.name,
    address_1: location.address1,
    city: location.city,
    region: location.region,
    postcode: location.postcode,
    latitude: location.latitude,
    longitude: location.longitude,
    accessibility: location.accessibility,
    updated_at: now,
  };
  let existing: LocationTable | undefined;
  if (match.id)
    existing = await db
      .selectFrom('directory_locations')
      .selectAll()
      .where('place_id', '=', placeId)
      .where('id', '=', match.id)
      .executeTakeFirst();
  else if (match.source && location.externalId) {
    existing = await db
      .selectFrom('directory_locations')
      .selectAll()
      .where('place_id', '=', placeId)
      .where('source', '=', match.source)
      .where('external_id', '=', location.externalId)
      .executeTakeFirst();
  }
  if (existing) {
    const before = existing;
    // Whether what a listing shows of the location changed (the listings held there show it too).
    const changed = (Object.keys(values) as Array<keyof typeof values>).some(
      (k) => k !== 'updated_at' && String(before[k] ?? '') !== String(values[k] ?? ''),
    );
    await db
      .updateTable('directory_locations')
      .set(values)
      .where('place_id', '=', placeId)
      .where('id', '=', existing.id)
      .execute();
    return { id: existing.id, created: false, changed };
  }
  const row: LocationTable = {
    id: randomUUID(),
    place_id: placeId,
    ...values,
    source: match.source ?? null,
    external_id: location.externalId ?? null,
    created_at: now,
  };
  await db.insertInto('directory_locations').values(row).execute();
  return { id: row.id, created: true, changed: false };
}

// Postcodes

export async function findPostcode(
  db: Queryable,
  postcode: string,
): Promise<{ latitude: number; longitude: number } | undefined> {
  const row = await db
    .selectFrom('directory_postcodes')
    .select(['latitude', 'longitude'])
    .where('postcode', '=', postcode)
    .executeTakeFirst();
  return row ? { latitude: Number(row.latitude), longitude: Number(row.longitude) } : undefined;
}

/**
 * Where a name typed in place of a postcode lies, among the place's own addresses: a town,
 * village or district its locations are in (the middle of them), else a venue of that name.
 * Matched without regard to case or accents, so "Ystalyfera" finds "Ystalyfera" and
 * "hebden bridge" finds "Hebden Bridge".
 */
export async function pointOfPlaceName(
  db: Queryable,
  placeId: string,
  name: string,
): Promise<{ latitude: number; longitude: number } | undefined> {
  const same = (a: string) => a.trim().localeCompare(name.trim(), 'en-GB', { sensitivity: 'base' }) === 0;
  // A place has tens of towns, not thousands: their middles come back in one grouped read.
  const towns = await db
    .selectFrom('directory_locations')
    .select((eb) => [
      'city',
      eb.fn.avg<number>('latitude').as('latitude'),
      eb.fn.avg<number>('longitude').as('longitude'),
    ])
    .where('place_id', '=', placeId)
    .where('latitude', 'is not', null)
    .where('longitude', 'is not', null)
    .groupBy('city')
    .execute();
  const town = towns.find((t) => t.city && same(t.city));
  if (town) return { latitude: Number(town.latitude), longitude: Number(town.longitude) };
  const venue = await db
    .selectFrom('directory_locations')
    .select(['name', 'latitude', 'longitude'])
    .where('place_id', '=', placeId)
    .where('latitude', 'is not', null)
    .where('longitude', 'is not', null)
    .where((eb) => eb(eb.fn('lower', ['name']), '=', name.trim().toLowerCase()))
    .limit(5)
    .execute();
  const found = venue.find((v) => same(v.name));
  return found ? { latitude: Number(found.latitude), longitude: Number(found.longitude) } : undefined;
}

export async function upsertPostcodes(
  db: Queryable,
  rows: ReadonlyArray<{ postcode: string; latitude: number; longitude: number }>,
): Promise<number> {
  if (!rows.length) return 0;
  await db
    .insertInto('directory_postcodes')
    .values([...rows])
    .onConflict((oc) =>
      oc
        .column('postcode')
        .doUpdateSet((eb) => ({ latitude: eb.ref('excluded.latitude'), longitude: eb.ref('excluded.longitude') })),
    )
    .execute();
  return rows.length;
}

export async function knownPostcodes(db: Queryable, postcodes: readonly string[]): Promise<Set<string>> {
  if (!postcodes.length) return new Set();
  const rows = await db
    .selectFrom('directory_postcodes')
    .select('postcode')
    .where('postcode', 'in', [...postcodes])
    .execute();
  return new Set(rows.map((r) => r.postcode));
}

export interface LocationSummary {
  id: string;
  name: string;
  address: string;
  postcode: string;
  organisationId: string | null;
  latitude: number | null;
  longitude: number | null;
}

/** A place's locations (halls, libraries, centres), by name: where community spaces are listed. */
export async function locationSummaries(
  db: Queryable,
  placeId: string,
  ids?: readonly string[],
): Promise<LocationSummary[]> {
  if (ids && ids.length === 0) return [];
  let query = db
    .selectFrom('directory_locations')
    .select(['id', 'name', 'address_1', 'city', 'postcode', 'organisation_id', 'latitude', 'longitude'])
    .where('place_id', '=', placeId);
  if (ids) query = query.where('id', 'in', [...ids]);
  const rows = await query.orderBy('name').orderBy('id').limit(5000).execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    address: [r.address_1, r.city].filter(Boolean).join(', '),
    postcode: r.postcode,
    organisationId: r.organisation_id,
    latitude: r.latitude === null ? null : Number(r.latitude),
    longitude: r.longitude === null ? null : Number(r.longitude),
  }));
}
