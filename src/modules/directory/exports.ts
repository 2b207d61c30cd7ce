/**
 * Open data out: published listings as CSV (in the same column layout the spreadsheet
 * import reads, so one directory's export is another's import) and their locations as
 * GeoJSON (RFC 7946: longitude first). Nothing unpublished is ever in either.
 */
import type { Queryable } from '../../db/index.js';
import { csvLine } from '../../platform/csv.js';
import { DIRECTORY_COLUMNS, type DirectoryColumn } from './import-csv.js';
import { loadListings, taxonomyIndex, type Listing } from './listings-read-store.js';
import { parseByday } from './schedules.js';
import { publishedIdsAfter, publishedLocations } from './search-store.js';

const BATCH = 500;

function rowOf(listing: Listing): Record<DirectoryColumn, unknown> {
  const a = listing.activity;
  const location = listing.locations[0];
  const schedule = listing.schedules[0];
  const cost = listing.costs[0];
  const days = schedule?.byday ? parseByday(schedule.byday) : [];
  const frequency = !schedule
    ? ''
    : schedule.freq === null
      ? 'once'
      : schedule.freq === 'MONTHLY'
        ? 'monthly'
        : schedule.interval === 2
          ? 'fortnightly'
          : 'weekly';
  return {
    id: a.id,
    organisation: listing.organisation.name,
    organisation_description: listing.organisation.description,
    organisation_kind: listing.organisation.kind,
    organisation_website: listing.organisation.website,
    organisation_email: listing.organisation.email,
    name: a.name,
    description: a.description,
    how_to_join: a.howToJoin,
    who_for: a.whoFor,
    url: a.url,
    email: a.email,
    phone: a.phone,
    minimum_age: a.minimumAge,
    maximum_age: a.maximumAge,
    cost: cost?.kind ?? '',
    cost_amount: cost?.amountPence != null ? (cost.amountPence / 100).toFixed(2) : '',
    cost_description: cost?.amountDescription,
    location_name: location?.name,
    address: location?.address1,
    town: location?.city,
    postcode: location?.postcode,
    latitude: location?.latitude,
    longitude: location?.longitude,
    accessibility: location?.accessibility,
    frequency,
    days: [...new Set(days.map((d) => d.day))].join(';'),
    week_of_month: schedule?.freq === 'MONTHLY' ? String(days[0]?.nth ?? '') : '',
    date: schedule?.freq === null ? schedule.dtstart : '',
    opens_at: schedule?.opensAt,
    closes_at: schedule?.closesAt,
    languages: listing.languages.join(';'),
    taxonomy: listing.attributes.map((x) => x.term.code).join(';'),
    status: 'published',
  };
}

export async function listingsCsv(db: Queryable, placeId: string): Promise<string> {
  const index = await taxonomyIndex(db, placeId);
  let out = csvLine(DIRECTORY_COLUMNS);
  for (let after = ''; ;) {
    const ids = await publishedIdsAfter(db, placeId, after, BATCH);
    if (!ids.length) break;
    for (const listing of await loadListings(db, placeId, ids, index)) {
      const row = rowOf(listing);
      out += csvLine(DIRECTORY_COLUMNS.map((c) => row[c]));
    }
    after = ids[ids.length - 1]!;
  }
  return out;
}

export async function locationsGeoJson(db: Queryable, placeId: string, activitiesUrl: string) {
  const rows = await publishedLocations(db, placeId);
  const features = new Map<
    string,
    {
      type: 'Feature';
      id: string;
      geometry: { type: 'Point'; coordinates: [number, number] };
      properties: Record<string, unknown>;
    }
  >();
  for (const r of rows) {
    if (r.latitude === null || r.longitude === null) continue;
    let feature = features.get(r.id);
    if (!feature) {
      feature = {
        type: 'Feature',
        id: r.id,
        // RFC 7946: a position is [longitude, latitude].
        geometry: {
          type: 'Point',
          coordinates: [Number(Number(r.longitude).toFixed(6)), Number(Number(r.latitude).toFixed(6))],
        },
        properties: {
          name: r.name,
          address: r.address1,
          town: r.city,
          postcode: r.postcode,
          accessibility: r.accessibility,
          activities: [] as Array<{ id: string; name: string; url: string }>,
        },
      };
      features.set(r.id, feature);
    }
    (feature.properties.activities as Array<{ id: string; name: string; url: string }>).push({
      id: r.activityId,
      name: r.activityName,
      url: `${activitiesUrl}/${r.activityId}`,
    });
  }
  return { type: 'FeatureCollection' as const, features: [...features.values()] };
}
