/**
 * Listings with all their parts, read in a few queries for a page of them (through the
 * listings, organisations and taxonomy stores): what the pages, the ORUK presenters and
 * the exports read. It only reads; writes are in listings-store.ts.
 */
import type { Queryable } from '../../db/index.js';
import type { ScheduleRule } from './schedules.js';
import {
  activitiesByIds,
  partsOf,
  type Activity,
  type ActivityLocation,
  type Contact,
  type CostOption,
  type Schedule,
} from './listings-store.js';
import { organisationsByIds, type Organisation } from './organisations-store.js';
import { taxonomiesOf, termsOf, type Taxonomy, type Term } from './taxonomy-store.js';

export type ListingLocation = Omit<ActivityLocation, 'activityId' | 'organisationId'>;

export interface Listing {
  activity: Activity;
  organisation: Organisation;
  locations: ListingLocation[];
  schedules: Schedule[];
  costs: CostOption[];
  contacts: Contact[];
  languages: string[];
  attributes: Array<{ id: string; term: Term; taxonomy: Taxonomy }>;
}

export interface TaxonomyIndex {
  taxonomies: Map<string, Taxonomy>;
  terms: Map<string, Term>;
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
    activities.map((a) => a.organisationId),
  );
  const byId = new Map(activities.map((a) => [a.id, a]));
  const group = <T extends { activityId: string }>(rows: T[]) => {
    const map = new Map<string, T[]>();
    for (const row of rows) map.set(row.activityId, [...(map.get(row.activityId) ?? []), row]);
    return map;
  };
  const schedules = group(parts.schedules);
  const costs = group(parts.costs);
  const contacts = group(parts.contacts);
  const languages = group(parts.languages);
  const locations = group(parts.locations);
  const attributes = new Map<string, Listing['attributes']>();
  for (const a of parts.attributes) {
    const term = taxonomy.terms.get(a.termId);
    const tax = term && taxonomy.taxonomies.get(term.taxonomyId);
    if (term && tax)
      attributes.set(a.activityId, [...(attributes.get(a.activityId) ?? []), { id: a.id, term, taxonomy: tax }]);
  }
  const listings: Listing[] = [];
  for (const id of ids) {
    const activity = byId.get(id);
    const organisation = activity && organisations.get(activity.organisationId);
    if (!activity || !organisation) continue;
    listings.push({
      activity,
      organisation,
      locations: (locations.get(id) ?? []).map(({ activityId: _, organisationId: __, ...l }) => l),
      schedules: schedules.get(id) ?? [],
      costs: costs.get(id) ?? [],
      contacts: contacts.get(id) ?? [],
      languages: (languages.get(id) ?? []).map((l) => l.code).sort(),
      attributes: (attributes.get(id) ?? []).sort((a, b) => a.term.position - b.term.position),
    });
  }
  return listings;
}

export function ruleOf(s: Schedule): ScheduleRule {
  return {
    freq: s.freq,
    interval: s.interval,
    byday: s.byday,
    bymonthday: s.bymonthday,
    dtstart: s.dtstart,
    validFrom: s.validFrom,
    validTo: s.validTo,
    opensAt: s.opensAt,
    closesAt: s.closesAt,
  };
}
