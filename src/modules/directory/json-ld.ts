/**
 * A listing as schema.org JSON-LD, for the head of its public page: search engines,
 * link previews and aggregators read what it is, who runs it, where and when it meets
 * and what it costs without scraping the page. Plain data, no HTTP.
 *
 * Which type: a listing with a schedule is an `Event` with an `eventSchedule` (schema.org's
 * way of saying "every Tuesday 10:00 to 12:00", and what search engines show as events),
 * its `startDate` the next session; a listing without one (a food bank by referral, an
 * advice line) is a `Service`, which has no dates and says where through its channels.
 * `Course` is not used: it means a curriculum with instances, which few listings are.
 */
import { addDays, placeTimeToUtc, PLACE_TIME_ZONE, todayInPlace, type Weekday } from '../../platform/dates.js';
import type { CostOption, Listing, ListingLocation, Schedule } from './listings-read-store.js';
import { ruleOf } from './listings-read-store.js';
import { nextOccurrences, parseByday } from './schedules.js';

const SCHEMA = 'https://schema.org';

const DAY_NAMES: Record<Weekday, string> = {
  MO: 'Monday',
  TU: 'Tuesday',
  WE: 'Wednesday',
  TH: 'Thursday',
  FR: 'Friday',
  SA: 'Saturday',
  SU: 'Sunday',
};

export interface JsonLdContext {
  /** The listing's public page, absolute. */
  pageUrl: string;
  /** "Pay what you can" in the page's language. */
  payWhatYouCan: string;
  today?: string;
}

/** A listing's schema.org description: an Event if it has a schedule, a Service if not. */
export function listingJsonLd(listing: Listing, context: JsonLdContext): Record<string, unknown> {
  const a = listing.activity;
  const common = {
    '@context': SCHEMA,
    name: a.name,
    description: a.description,
    url: context.pageUrl,
    audience: audienceOf(listing),
    offers: listing.costs.length ? listing.costs.map((c) => offerOf(c, context)) : undefined,
    isAccessibleForFree: a.isFree || undefined,
  };
  const organisation = {
    '@type': 'Organization',
    name: listing.organisation.name,
    url: listing.organisation.website || undefined,
  };
  const places = listing.locations.map(placeOf);
  if (!listing.schedules.length)
    return {
      ...common,
      '@type': 'Service',
      provider: organisation,
      availableChannel: places.length
        ? places.map((place) => ({ '@type': 'ServiceChannel', serviceLocation: place }))
        : undefined,
    };
  const rules = listing.schedules.map(ruleOf);
  const next = nextOccurrences(rules, context.today ?? todayInPlace(), 1)[0];
  return {
    ...common,
    '@type': 'Event',
    startDate: next ? placeTimeToUtc(next.date, next.opensAt).toISOString() : undefined,
    endDate: next
      ? placeTimeToUtc(next.closesAt <= next.opensAt ? addDays(next.date, 1) : next.date, next.closesAt).toISOString()
      : undefined,
    eventSchedule: listing.schedules.map(scheduleOf),
    eventStatus: `${SCHEMA}/${
      a.status === 'active' ? 'EventScheduled' : a.status === 'temporarily closed' ? 'EventPostponed' : 'EventCancelled'
    }`,
    eventAttendanceMode: `${SCHEMA}/${places.length ? 'Offline' : 'Online'}EventAttendanceMode`,
    location: places.length
      ? places.length === 1
        ? places[0]
        : places
      : { '@type': 'VirtualLocation', url: a.url || context.pageUrl },
    organizer: organisation,
    inLanguage: listing.languages.length ? listing.languages : undefined,
  };
}

function placeOf(l: ListingLocation) {
  return {
    '@type': 'Place',
    name: l.name,
    address: {
      '@type': 'PostalAddress',
      streetAddress: l.address1 || undefined,
      addressLocality: l.city || undefined,
      addressRegion: l.region || undefined,
      postalCode: l.postcode || undefined,
      addressCountry: 'GB',
    },
    geo:
      l.latitude === null || l.longitude === null
        ? undefined
        : { '@type': 'GeoCoordinates', latitude: l.latitude, longitude: l.longitude },
  };
}

/** A schedule as schema.org's Schedule: how often, which days, from when to when, in the place's time zone. */
function scheduleOf(s: Schedule) {
  const days = parseByday(s.byday);
  const weeksOfMonth = [...new Set(days.map((d) => d.nth).filter((n): n is number => n !== null && n > 0))];
  const once = s.freq === null;
  return {
    '@type': 'Schedule',
    repeatFrequency: once ? undefined : `P${s.interval}${s.freq === 'WEEKLY' ? 'W' : 'M'}`,
    byDay: days.length ? [...new Set(days.map((d) => `${SCHEMA}/${DAY_NAMES[d.day]}`))] : undefined,
    byMonthWeek: weeksOfMonth.length ? weeksOfMonth : undefined,
    byMonthDay: s.bymonthday ? s.bymonthday.split(',').map(Number) : undefined,
    startDate: (once ? s.dtstart : (s.validFrom ?? s.dtstart)) ?? undefined,
    endDate:
      once && s.dtstart ? (s.closesAt <= s.opensAt ? addDays(s.dtstart, 1) : s.dtstart) : (s.validTo ?? undefined),
    startTime: `${s.opensAt.slice(0, 5)}:00`,
    endTime: `${s.closesAt.slice(0, 5)}:00`,
    scheduleTimezone: PLACE_TIME_ZONE,
  };
}

/** What going costs: a price in pounds, nothing, or pay what you can (at least nothing). */
function offerOf(c: CostOption, context: JsonLdContext) {
  const extra = [c.option, c.amountDescription].filter(Boolean).join(', ') || undefined;
  const common = { '@type': 'Offer', priceCurrency: 'GBP', url: context.pageUrl };
  if (c.kind === 'pay_what_you_can')
    return {
      ...common,
      name: context.payWhatYouCan,
      description: extra,
      priceSpecification: { '@type': 'PriceSpecification', minPrice: 0, priceCurrency: 'GBP' },
    };
  return {
    ...common,
    price: c.kind === 'free' ? '0' : ((c.amountPence ?? 0) / 100).toFixed(2),
    description: extra,
  };
}

function audienceOf(listing: Listing) {
  const a = listing.activity;
  if (a.minimumAge === null && a.maximumAge === null && !a.whoFor) return undefined;
  return {
    '@type': 'PeopleAudience',
    suggestedMinAge: a.minimumAge ?? undefined,
    suggestedMaxAge: a.maximumAge ?? undefined,
    audienceType: a.whoFor || undefined,
  };
}
