/**
 * Listings as OpenActive describes physical activity: each listing tagged physical activity is
 * a SessionSeries (Modelling Opportunity Data 2.0), published in a Realtime Paged Data Exchange
 * 1.0 feed ordered by (modified, id), so an activity finder can keep a copy in step.
 */
import type { Listing, Schedule } from './listings-read-store.js';
import { parseByday } from './schedules.js';
import type { FeedEntry } from './openactive-store.js';
import { compact, payWhatYouCan } from './oruk.js';

export const OPENACTIVE_CONTEXT = 'https://openactive.io/';
/** The licence of the feed: no place stores one of its own, so Kith's open data licence. */
export const OPENACTIVE_LICENSE = 'https://creativecommons.org/licenses/by/4.0/';
export const FEED_PAGE_SIZE = 100;

export interface RpdeItem {
  state: 'updated' | 'deleted';
  kind: 'SessionSeries';
  id: string;
  modified: number;
  data?: Record<string, unknown>;
}

/** An entry's modified: the milliseconds of its change, which only ever grow. */
export function modifiedOf(entry: FeedEntry): number {
  const ms = Date.parse(entry.changedAt);
  return Number.isFinite(ms) ? ms : 0;
}

const DAY_URL: Record<string, string> = {
  MO: 'https://schema.org/Monday',
  TU: 'https://schema.org/Tuesday',
  WE: 'https://schema.org/Wednesday',
  TH: 'https://schema.org/Thursday',
  FR: 'https://schema.org/Friday',
  SA: 'https://schema.org/Saturday',
  SU: 'https://schema.org/Sunday',
};

/**
 * A schedule as a PartialSchedule. Weekly days are schema.org day URLs; a monthly "first
 * Monday" keeps its iCal BYDAY form ("1MO"), which OpenActive allows for byDay strings.
 */
export function partialSchedule(s: Schedule, timeZone: string) {
  const days = parseByday(s.byday);
  const byDay = days.map((d) => (d.nth === null ? DAY_URL[d.day]! : `${d.nth}${d.day}`));
  return compact({
    '@type': 'PartialSchedule',
    repeatFrequency: s.freq === 'WEEKLY' ? `P${s.interval}W` : s.freq === 'MONTHLY' ? `P${s.interval}M` : undefined,
    byDay: s.freq || byDay.length ? byDay : [],
    byMonthDay: s.bymonthday ? s.bymonthday.split(',').map(Number) : [],
    startDate: s.freq ? s.validFrom : s.dtstart,
    endDate: s.freq ? s.validTo : s.dtstart,
    startTime: s.opensAt.slice(0, 5),
    endTime: s.closesAt.slice(0, 5),
    scheduleTimezone: timeZone,
  });
}

/**
 * The OpenActive activity list concept for a listing, where its name makes one obvious
 * (only walking so far); none otherwise, rather than a guess.
 */
export function activityConcepts(name: string) {
  if (/\b(walk|walks|walking|ramble|rambling|hike|hiking)\b/i.test(name))
    return [
      {
        '@type': 'Concept',
        '@id': 'https://openactive.io/activity-list#95092977-5a20-4d6e-b312-8fddabe71544',
        prefLabel: 'Walking',
        inScheme: 'https://openactive.io/activity-list',
      },
    ];
  return [];
}

/** A listing as an OpenActive SessionSeries. */
export function sessionSeries(listing: Listing, pageUrl: string, timeZone: string) {
  const a = listing.activity;
  const o = listing.organisation;
  const l = listing.locations[0];
  const free = a.isFree || (listing.costs.length > 0 && listing.costs.every((c) => c.kind === 'free'));
  return compact({
    '@context': OPENACTIVE_CONTEXT,
    '@type': 'SessionSeries',
    '@id': pageUrl,
    identifier: a.id,
    name: a.name,
    description: a.description,
    url: a.url ?? pageUrl,
    organizer: { '@type': 'Organization', name: o.name, url: o.website, email: o.email, telephone: o.phone },
    activity: activityConcepts(`${a.name} ${a.description}`),
    location: l
      ? {
          '@type': 'Place',
          name: l.name,
          address: {
            '@type': 'PostalAddress',
            streetAddress: l.address1,
            addressLocality: l.city,
            addressRegion: l.region,
            postalCode: l.postcode,
            addressCountry: 'GB',
          },
          geo:
            l.latitude !== null && l.longitude !== null
              ? { '@type': 'GeoCoordinates', latitude: l.latitude, longitude: l.longitude }
              : undefined,
          accessibilityInformation: l.accessibility,
        }
      : undefined,
    eventSchedule: listing.schedules.map((s) => partialSchedule(s, timeZone)),
    ageRange:
      a.minimumAge !== null || a.maximumAge !== null
        ? { '@type': 'QuantitativeValue', minValue: a.minimumAge ?? undefined, maxValue: a.maximumAge ?? undefined }
        : undefined,
    isAccessibleForFree: free ? true : undefined,
    offers: free
      ? []
      : listing.costs
          .filter((c) => c.kind !== 'free')
          .map((c) => ({
            '@type': 'Offer',
            '@id': `${pageUrl}#offer-${c.id}`,
            name: c.option ?? undefined,
            price: c.kind === 'amount' && c.amountPence !== null ? c.amountPence / 100 : undefined,
            priceCurrency: c.kind === 'amount' && c.amountPence !== null ? 'GBP' : undefined,
            description: c.kind === 'pay_what_you_can' ? payWhatYouCan(c.amountDescription) : c.amountDescription,
          })),
  });
}
