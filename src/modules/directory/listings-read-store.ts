/**
 * Listings with all their parts (schedules, costs, contacts, languages, terms, locations),
 * read in a few queries for a page of them: what the pages, the ORUK presenters and the
 * exports read. It only reads; writing a listing is in listings-store.ts. Every query is
 * scoped by place.
 */
import type { Queryable } from '../../db/index.js';
import type { ContactInput, CostOptionInput, LocationInput } from './inputs.js';
import type { ScheduleRule } from './schedules.js';
import type { ContactTable, CostOptionTable, ScheduleTable } from './schema.js';
import { activitiesByIds, type Activity } from './listings-store.js';
import { organisationsByIds, type Organisation } from './organisations-store.js';
import { taxonomiesOf, termsOf, type Taxonomy, type Term } from './taxonomy-store.js';

/** When a listing meets: an iCalendar-style rule and its hours (ORUK's schedule). */
export interface Schedule extends ScheduleRule {
  id: string;
  activityId: string;
  /** The days it can fall on, for search ("MO,TH"). */
  weekdays: string;
  notes: string | null;
}

const toSchedule = (r: ScheduleTable): Schedule => ({
  id: r.id,
  activityId: r.activity_id,
  freq: r.freq,
  interval: Number(r.interval),
  byday: r.byday,
  bymonthday: r.bymonthday,
  dtstart: r.dtstart,
  validFrom: r.valid_from,
  validTo: r.valid_to,
  opensAt: r.opens_at,
  closesAt: r.closes_at,
  weekdays: r.weekdays,
  notes: r.notes,
});

/** What going costs: free, pay what you can, or an amount. */
export interface CostOption extends CostOptionInput {
  id: string;
  activityId: string;
}

const toCostOption = (r: CostOptionTable): CostOption => ({
  id: r.id,
  activityId: r.activity_id,
  kind: r.kind,
  amountPence: r.amount_pence === null ? null : Number(r.amount_pence),
  option: r.option,
  amountDescription: r.amount_description,
});

/** Someone to ask about a listing. */
export interface Contact extends ContactInput {
  id: string;
  activityId: string;
}

const toContact = (r: ContactTable): Contact => ({
  id: r.id,
  activityId: r.activity_id,
  name: r.name,
  title: r.title,
  email: r.email,
  phone: r.phone,
});

// The parts of listings, for pages, the API and exports

/** A place a listing is held, with the id of the listing-at-the-place link (ORUK's service_at_location). */
export interface ActivityLocation extends Omit<LocationInput, 'externalId'> {
  serviceAtLocationId: string;
  activityId: string;
  id: string;
  organisationId: string | null;
}

export interface ListingParts {
  schedules: Schedule[];
  costs: CostOption[];
  contacts: Contact[];
  languages: Array<{ activityId: string; code: string }>;
  attributes: Array<{ id: string; activityId: string; termId: string }>;
  locations: ActivityLocation[];
}

export async function partsOf(db: Queryable, placeId: string, ids: readonly string[]): Promise<ListingParts> {
  if (!ids.length) {
    return { schedules: [], costs: [], contacts: [], languages: [], attributes: [], locations: [] };
  }
  const list = [...ids];
  const [schedules, costs, contacts, languages, attributes, locations] = await Promise.all([
    db
      .selectFrom('directory_schedules')
      .selectAll()
      .where('place_id', '=', placeId)
      .where('activity_id', 'in', list)
      .orderBy('opens_at')
      .execute(),
    db
      .selectFrom('directory_cost_options')
      .selectAll()
      .where('place_id', '=', placeId)
      .where('activity_id', 'in', list)
      .execute(),
    db
      .selectFrom('directory_contacts')
      .selectAll()
      .where('place_id', '=', placeId)
      .where('activity_id', 'in', list)
      .execute(),
    db
      .selectFrom('directory_activity_languages')
      .selectAll()
      .where('place_id', '=', placeId)
      .where('activity_id', 'in', list)
      .execute(),
    db
      .selectFrom('directory_attributes')
      .selectAll()
      .where('place_id', '=', placeId)
      .where('link_id', 'in', list)
      .execute(),
    db
      .selectFrom('directory_activity_locations as al')
      .innerJoin('directory_locations as l', 'l.id', 'al.location_id')
      .select([
        'al.id as service_at_location_id',
        'al.activity_id',
        'l.id',
        'l.name',
        'l.address_1',
        'l.city',
        'l.region',
        'l.postcode',
        'l.latitude',
        'l.longitude',
        'l.accessibility',
        'l.organisation_id',
      ])
      .where('al.place_id', '=', placeId)
      .where('al.activity_id', 'in', list)
      .execute(),
  ]);
  return {
    schedules: schedules.map(toSchedule),
    costs: costs.map(toCostOption),
    contacts: contacts.map(toContact),
    languages: languages.map((l) => ({ activityId: l.activity_id, code: l.code })),
    attributes: attributes.map((a) => ({ id: a.id, activityId: a.link_id, termId: a.taxonomy_term_id })),
    locations: locations.map((l) => ({
      serviceAtLocationId: l.service_at_location_id,
      activityId: l.activity_id,
      id: l.id,
      name: l.name,
      address1: l.address_1,
      city: l.city,
      region: l.region,
      postcode: l.postcode,
      latitude: l.latitude === null ? null : Number(l.latitude),
      longitude: l.longitude === null ? null : Number(l.longitude),
      accessibility: l.accessibility,
      organisationId: l.organisation_id,
    })),
  };
}

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
