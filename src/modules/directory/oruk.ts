/**
 * Listings as Open Referral UK (the v3 profile of HSDS 3.0) describes them. Empty
 * optional fields are left out rather than sent as null; every id is a UUID (parts Kith
 * keeps no row for, such as a location's address, get one derived from their owner's).
 */
import { createHash } from 'node:crypto';
import { ruleOf, type Listing, type ListingLocation, type Schedule } from './listings-read-store.js';
import { firstSession } from './schedules.js';
import type { Organisation } from './organisations-store.js';
import type { Taxonomy, Term } from './taxonomy-store.js';

export const ORUK_VERSION = '3.0';
export const ORUK_PROFILE = 'https://github.com/openreferral/uk-profile';

/** A stable UUID for a part of a record that has none of its own. */
export function derivedId(owner: string, part: string): string {
  const hex = createHash('sha1').update(`${owner}/${part}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Drops null, undefined, empty strings and empty arrays, all the way down. */
export function compact<T>(value: T): T {
  if (Array.isArray(value)) return value.map(compact) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) continue;
      out[k] = compact(v);
    }
    return out as T;
  }
  return value;
}

/** An organisation's one-to-one fields: what /organizations lists. */
export function orukOrganisationSummary(o: Organisation) {
  return compact({ id: o.id, name: o.name, description: o.description || o.name, email: o.email, website: o.website });
}

/** An organisation with its phone (HSDS 3.0 organization.phones) and registration numbers, as services nest it. */
export function orukOrganisation(o: Organisation) {
  return compact({
    ...orukOrganisationSummary(o),
    organization_identifiers: organisationIdentifiers(o),
    phones: o.phone ? [{ id: derivedId(o.id, 'phone'), organization_id: o.id, number: o.phone }] : [],
  });
}

/** Charity and company numbers in org-id.guide's schemes: GB-CHC, GB-SC, GB-NIC and GB-COH. */
function organisationIdentifiers(o: Organisation) {
  const identifiers = [];
  if (o.charityNumber) {
    const [scheme, type] = /^SC\d/.test(o.charityNumber)
      ? ['GB-SC', 'Scottish charity number']
      : /^NI/.test(o.charityNumber)
        ? ['GB-NIC', 'Northern Ireland charity number']
        : ['GB-CHC', 'Registered charity number'];
    identifiers.push({ scheme, type, identifier: o.charityNumber });
  }
  if (o.companyNumber) identifiers.push({ scheme: 'GB-COH', type: 'Company number', identifier: o.companyNumber });
  return identifiers.map((i) => ({
    id: derivedId(o.id, `identifier/${i.scheme}`),
    organization_id: o.id,
    identifier_scheme: i.scheme,
    identifier_type: i.type,
    identifier: i.identifier,
  }));
}

export function orukTaxonomy(t: Taxonomy) {
  return compact({ id: t.id, name: t.name, description: t.description || t.name, uri: t.uri, version: t.version });
}

export function orukTerm(term: Term, taxonomy: Taxonomy | undefined) {
  return compact({
    id: term.id,
    code: term.code,
    name: term.term,
    term: term.term,
    description: term.description,
    parent_id: term.parentId,
    taxonomy: taxonomy?.name ?? 'Kith',
    taxonomy_id: term.taxonomyId,
    taxonomy_detail: taxonomy ? orukTaxonomy(taxonomy) : undefined,
    language: 'en',
  });
}

export function orukLocation(l: ListingLocation) {
  return compact({
    id: l.id,
    location_type: 'physical',
    name: l.name,
    latitude: l.latitude,
    longitude: l.longitude,
    addresses: [
      {
        id: derivedId(l.id, 'address'),
        location_id: l.id,
        address_1: l.address1 || l.name,
        city: l.city || l.region || l.name,
        state_province: l.region || l.city || l.name,
        postal_code: l.postcode,
        country: 'GB',
        address_type: 'physical',
      },
    ],
    accessibility: l.accessibility
      ? [{ id: derivedId(l.id, 'accessibility'), location_id: l.id, description: l.accessibility }]
      : [],
  });
}

export function orukSchedule(s: Schedule) {
  return compact({
    id: s.id,
    service_id: s.activityId,
    freq: s.freq,
    interval: s.freq ? s.interval : undefined,
    byday: s.byday,
    bymonthday: s.bymonthday,
    // Rows written before sessions were stored by their first date still publish one.
    dtstart: firstSession(ruleOf(s)),
    valid_from: s.validFrom,
    valid_to: s.validTo,
    opens_at: s.opensAt,
    closes_at: s.closesAt,
    description: 'Times are local time in the UK (Europe/London).',
    notes: s.notes,
    attending_type: 'in person',
  });
}

function coreFields(listing: Listing, pageUrl: string) {
  const a = listing.activity;
  return {
    id: a.id,
    organization_id: a.organisationId,
    name: a.name,
    description: a.description,
    url: a.url ?? pageUrl,
    email: a.email,
    status: a.status,
    minimum_age: a.minimumAge,
    maximum_age: a.maximumAge,
    assured_date: a.lastCheckedAt?.slice(0, 10),
    alert: a.alert,
    // HSDS 3.0 service fields the UK profile allows: Kith's "how to join" and "who it is for".
    application_process: a.howToJoin,
    eligibility_description: a.whoFor,
    last_modified: a.updatedAt,
  };
}

/** A /services list entry: the one-to-one fields and the organisation. */
export function orukServiceSummary(listing: Listing, pageUrl: string) {
  return compact({ ...coreFields(listing, pageUrl), organization: orukOrganisationSummary(listing.organisation) });
}

export function orukServiceAtLocation(listing: Listing, location: ListingLocation, pageUrl: string, full: boolean) {
  return compact({
    id: location.serviceAtLocationId,
    service_id: listing.activity.id,
    location_id: location.id,
    location: orukLocation(location),
    service: full ? orukService(listing, pageUrl) : orukServiceSummary(listing, pageUrl),
  });
}

/** /services/{id}: the service with everything about it nested. */
export function orukService(listing: Listing, pageUrl: string) {
  const a = listing.activity;
  return compact({
    ...coreFields(listing, pageUrl),
    organization: orukOrganisation(listing.organisation),
    phones: a.phone ? [{ id: derivedId(a.id, 'phone'), service_id: a.id, number: a.phone }] : [],
    schedules: listing.schedules.map(orukSchedule),
    service_at_locations: listing.locations.map((l) =>
      compact({ id: l.serviceAtLocationId, service_id: a.id, location_id: l.id, location: orukLocation(l) }),
    ),
    languages: listing.languages.map((code) => ({
      id: derivedId(a.id, `language/${code}`),
      service_id: a.id,
      code,
      name: LANGUAGE_NAMES[code] ?? code,
    })),
    cost_options: listing.costs.map((c) =>
      compact({
        id: c.id,
        service_id: a.id,
        option: c.option,
        amount: c.kind === 'free' ? 0 : c.kind === 'amount' && c.amountPence !== null ? c.amountPence / 100 : undefined,
        currency: c.kind === 'pay_what_you_can' ? undefined : 'GBP',
        amount_description: c.kind === 'pay_what_you_can' ? payWhatYouCan(c.amountDescription) : c.amountDescription,
      }),
    ),
    contacts: listing.contacts.map((c) =>
      compact({
        id: c.id,
        service_id: a.id,
        name: c.name,
        title: c.title,
        email: c.email,
        phones: c.phone ? [{ id: derivedId(c.id, 'phone'), contact_id: c.id, number: c.phone }] : [],
      }),
    ),
    attributes: listing.attributes.map((x) => ({
      id: x.id,
      link_id: a.id,
      link_type: x.taxonomy.key === 'needs' ? 'need' : 'social_action',
      link_entity: 'service',
      taxonomy_term_id: x.term.id,
      taxonomy_term: orukTerm(x.term, x.taxonomy),
    })),
  });
}

/**
 * "Pay what you can", with what the listing says about it. A description that already says so
 * (one that came in through an import of this feed) is not said twice, so a round trip keeps it.
 */
export function payWhatYouCan(description: string | null): string {
  if (description && /^pay what you can\b/i.test(description.trim())) return description.trim();
  return ['Pay what you can', description].filter(Boolean).join(': ');
}

/** ORUK's page shape around a list. */
export function orukPage<T>(contents: T[], total: number, page: number, perPage: number) {
  const totalPages = Math.max(1, Math.ceil(total / perPage));
  return {
    total_items: total,
    total_pages: totalPages,
    page_number: page,
    size: contents.length,
    first_page: page === 1,
    last_page: page >= totalPages,
    empty: contents.length === 0,
    contents,
  };
}

const LANGUAGE_NAMES: Record<string, string> = {
  en: 'English',
  cy: 'Welsh',
  pl: 'Polish',
  ur: 'Urdu',
  pa: 'Punjabi',
  bn: 'Bengali',
  gu: 'Gujarati',
  ar: 'Arabic',
  so: 'Somali',
  ro: 'Romanian',
  pt: 'Portuguese',
  es: 'Spanish',
  fr: 'French',
  zh: 'Chinese',
  uk: 'Ukrainian',
  bsl: 'British Sign Language',
};
