/**
 * Listings with all their parts, gathered in a few queries for a page of them: what the
 * pages, the ORUK presenters and the exports read.
 */
import type { Queryable } from '../../db/index.js';
import type {
  ActivityTable,
  ContactTable,
  CostOptionTable,
  OrganisationTable,
  ScheduleTable,
  TaxonomyTable,
  TaxonomyTermTable,
} from './schema.js';
import type { ScheduleRule } from './schedules.js';
import { activitiesByIds, partsOf } from './listings-store.js';
import { organisationsByIds } from './organisations-store.js';
import { taxonomiesOf, termsOf } from './taxonomy-store.js';

export interface ListingLocation {
  serviceAtLocationId: string;
  id: string;
  name: string;
  address1: string;
  city: string;
  region: string;
  postcode: string;
  latitude: number | null;
  longitude: number | null;
  accessibility: string;
}

export interface Listing {
  activity: ActivityTable;
  organisation: OrganisationTable;
  locations: ListingLocation[];
  schedules: ScheduleTable[];
  costs: CostOptionTable[];
  contacts: ContactTable[];
  languages: string[];
  attributes: Array<{ id: string; term: TaxonomyTermTable; taxonomy: TaxonomyTable }>;
}

export interface TaxonomyIndex {
  taxonomies: Map<string, TaxonomyTable>;
  terms: Map<string, TaxonomyTermTable>;
}

export async function taxonomyIndex(db: Queryable, placeId: string): Promise<TaxonomyIndex> {
  const [taxonomies, terms] = await Promise.all([taxonomiesOf(db, placeId), termsOf(db, placeId)]);
  return { taxonomies: new Map(taxonomies.map((t) => [t.id, t])), terms: new Map(terms.map((t) => [t.id, t])) };
}

/** The listings with these ids, in the order given (ids that do not exist are left out). */
export async function loadListings(
  db: Queryable,
  placeId: string,
  ids: readonly string[],
  index?: TaxonomyIndex,
): Promise<Listing[]> {
  if (!ids.length) return [];
  const [activities, parts, taxonomy] = await Promise.all([
    activitiesByIds(db, placeId, ids),
    partsOf(db, placeId, ids),
    index ?? taxonomyIndex(db, placeId),
  ]);
  const organisations = await organisationsByIds(
    db,
    placeId,
    activities.map((a) => a.organisation_id),
  );
  const byId = new Map(activities.map((a) => [a.id, a]));
  const group = <T extends { activity_id: string }>(rows: T[]) => {
    const map = new Map<string, T[]>();
    for (const row of rows) map.set(row.activity_id, [...(map.get(row.activity_id) ?? []), row]);
    return map;
  };
  const schedules = group(parts.schedules);
  const costs = group(parts.costs);
  const contacts = group(parts.contacts);
  const languages = group(parts.languages);
  const locations = group(parts.locations);
  const attributes = new Map<string, Listing['attributes']>();
  for (const a of parts.attributes) {
    const term = taxonomy.terms.get(a.taxonomy_term_id);
    const tax = term && taxonomy.taxonomies.get(term.taxonomy_id);
    if (term && tax)
      attributes.set(a.link_id, [...(attributes.get(a.link_id) ?? []), { id: a.id, term, taxonomy: tax }]);
  }
  const listings: Listing[] = [];
  for (const id of ids) {
    const activity = byId.get(id);
    const organisation = activity && organisations.get(activity.organisation_id);
    if (!activity || !organisation) continue;
    listings.push({
      activity,
      organisation,
      locations: (locations.get(id) ?? []).map((l) => ({
        serviceAtLocationId: l.service_at_location_id,
        id: l.id,
        name: l.name,
        address1: l.address_1,
        city: l.city,
        region: l.region,
        postcode: l.postcode,
        latitude: l.latitude === null ? null : Number(l.latitude),
        longitude: l.longitude === null ? null : Number(l.longitude),
        accessibility: l.accessibility,
      })),
      schedules: schedules.get(id) ?? [],
      costs: costs.get(id) ?? [],
      contacts: contacts.get(id) ?? [],
      languages: (languages.get(id) ?? []).map((l) => l.code).sort(),
      attributes: (attributes.get(id) ?? []).sort((a, b) => a.term.position - b.term.position),
    });
  }
  return listings;
}

export function ruleOf(s: ScheduleTable): ScheduleRule {
  return {
    freq: s.freq,
    interval: s.interval,
    byday: s.byday,
    bymonthday: s.bymonthday,
    dtstart: s.dtstart,
    validFrom: s.valid_from,
    validTo: s.valid_to,
    opensAt: s.opens_at,
    closesAt: s.closes_at,
  };
}
