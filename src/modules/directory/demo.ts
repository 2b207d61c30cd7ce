/**
 * The demo directory: Calderbrook's and Aberllyn's organisations and what they run, the
 * postcodes around both towns, and a few listings at each stage of moderation. The same
 * every time it loads; dates are counted back from the day it loads.
 */
import type { Kith } from '../../kith.js';
import type { DemoState } from '../module.js';
import { ABERLLYN_ORGANISATIONS, CALDERBROOK_ORGANISATIONS } from './demo-organisations.js';
import { DISTRICTS, VENUES, type DemoActivity, type DemoOrganisation } from './demo-data.js';
import type { ListingInput } from './inputs.js';
import { reindexActivity } from './search-store.js';
import { SHIPPED_TAXONOMIES } from './taxonomy.js';
import { addOrganisationMember, insertOrganisation } from './organisations-store.js';
import { ensureShippedTaxonomies, termsOf } from './taxonomy-store.js';
import { setActivityState } from './moderation-store.js';
import { upsertPostcodes } from './locations-store.js';
import { writeListing } from './listings-store.js';
import { WEEKDAYS, todayInPlace } from '../../platform/dates.js';

const UNITS = ['AA', 'AB', 'BD', 'CD', 'EF', 'GH', 'HJ', 'JK', 'LM', 'NP', 'QR', 'ST', 'UV', 'WX', 'YZ'];

/** Every demo postcode and its point: four sectors a district, fifteen units a sector, a few hundred metres apart. */
export function demoPostcodes(): Array<{ postcode: string; latitude: number; longitude: number }> {
  const rows = [];
  for (const d of DISTRICTS) {
    for (let sector = 1; sector <= 4; sector++) {
      const angle = (sector * Math.PI) / 2;
      for (const [u, unit] of UNITS.entries()) {
        const metresNorth = Math.sin(angle) * 350 + Math.sin(u * 1.3) * (40 + u * 12);
        const metresEast = Math.cos(angle) * 350 + Math.cos(u * 1.3) * (40 + u * 12);
        rows.push({
          postcode: `${d.district} ${sector}${unit}`,
          latitude: Number((d.latitude + metresNorth / 111_320).toFixed(6)),
          longitude: Number((d.longitude + metresEast / (111_320 * Math.cos((d.latitude * Math.PI) / 180))).toFixed(6)),
        });
      }
    }
  }
  return rows;
}

const DAY_WORDS = /Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Saturday/;

function shiftDay(day: string, by: number): string {
  return WEEKDAYS[(WEEKDAYS.indexOf(day as (typeof WEEKDAYS)[number]) + by) % 7]!;
}

function listingOf(
  activity: DemoActivity,
  venueIndex: number,
  venueKey: string,
  points: Map<string, { latitude: number; longitude: number }>,
  termIds: Map<string, string>,
  today: string,
  town: string,
): ListingInput {
  const venue = VENUES.find((v) => v.key === venueKey)!;
  const point = points.get(venue.postcode)!;
  const shift = DAY_WORDS.test(activity.name) ? 0 : venueIndex;
  const days = activity.days.map((d) => shiftDay(d, shift));
  const monthly = activity.freq === 'monthly';
  return {
    name: activity.name,
    description: activity.description,
    howToJoin: activity.howToJoin,
    whoFor: activity.whoFor,
    url: null,
    email: null,
    phone: `01632 96${String(100 + ((venueIndex * 37 + activity.name.length * 11) % 900)).padStart(4, '0')}`,
    status: 'active',
    alert: null,
    minimumAge: activity.ages?.[0] ?? null,
    maximumAge: activity.ages?.[1] ?? null,
    costs: [
      {
        kind: activity.cost.kind,
        amountPence: activity.cost.kind === 'amount' ? (activity.cost.pence ?? 0) : null,
        option: null,
        amountDescription: activity.cost.description ?? null,
      },
    ],
    schedules: [
      {
        freq: monthly ? 'MONTHLY' : 'WEEKLY',
        interval: activity.freq === 'fortnightly' ? 2 : 1,
        byday: monthly ? days.map((d) => `${activity.nth ?? 1}${d}`).join(',') : days.join(','),
        bymonthday: null,
        dtstart: today,
        validFrom: null,
        validTo: null,
        opensAt: activity.times[0],
        closesAt: activity.times[1],
        notes: null,
      },
    ],
    locations: [
      {
        name: venue.name,
        address1: venue.address,
        city: town,
        region: town === 'Aberllyn' ? 'Gwynedd' : 'West Yorkshire',
        postcode: venue.postcode,
        latitude: point.latitude,
        longitude: point.longitude,
        accessibility: venue.accessibility,
        externalId: null,
      },
    ],
    languages: activity.languages ?? ['en'],
    termIds: activity.terms.map((code) => termIds.get(code)!).filter(Boolean),
    contacts: [],
  };
}

/**
 * Where an organisation's j-th activity is held: `count` of its venues, the next activity
 * taking the next ones round, so an organisation's activities spread over its venues
 * and the map shows them apart rather than stacked on a few points.
 */
function venuesFor(org: DemoOrganisation, j: number, count: number): string[] {
  const take = Math.min(count, org.venues.length);
  const start = (j * take) % org.venues.length;
  return Array.from({ length: take }, (_, i) => org.venues[(start + i) % org.venues.length]!);
}

/** Which listings the demo leaves part-way through moderation (by their running number). */
function stateFor(n: number): 'published' | 'submitted' | 'draft' | 'changes_requested' {
  if (n % 29 === 7) return 'submitted';
  if (n % 41 === 13) return 'draft';
  if (n === 24) return 'changes_requested';
  return 'published';
}

export async function demoDirectory(kith: Kith, demo: DemoState): Promise<void> {
  const points = new Map(demoPostcodes().map((p) => [p.postcode, p]));
  const today = todayInPlace();
  const now = Date.now();
  await kith.db.transaction(async (trx) => {
    await upsertPostcodes(trx, [...points.values()]);
    const organisers: Record<string, string | undefined> = {
      walkers: demo.people.organiser?.id,
      friendsPark: demo.people.organiser?.id,
      repair: demo.people.organiser?.id,
      // Grace Mensah coordinates Age Friendly Calderbrook's volunteers and its befriending.
      ageConcern: demo.people.coordinator?.id,
      paned: demo.people.welshOrganiser?.id,
      cerdded: demo.people.welshOrganiser?.id,
    };
    let n = 0;
    for (const [placeKey, organisations, town] of [
      ['calderbrook', CALDERBROOK_ORGANISATIONS, 'Calderbrook'],
      ['aberllyn', ABERLLYN_ORGANISATIONS, 'Aberllyn'],
    ] as Array<[string, DemoOrganisation[], string]>) {
      const place = demo.places[placeKey];
      if (!place) continue;
      await ensureShippedTaxonomies(trx, place.id, SHIPPED_TAXONOMIES);
      const termIds = new Map((await termsOf(trx, place.id)).map((t) => [t.code, t.id]));
      for (const org of organisations) {
        const row = await insertOrganisation(trx, place.id, {
          name: org.name,
          description: org.description,
          kind: org.kind,
          email: null,
          website: org.website ?? null,
          phone: null,
        });
        const organiser = organisers[org.key];
        if (organiser)
          await addOrganisationMember(trx, {
            placeId: place.id,
            organisationId: row.id,
            personId: organiser,
            addedBy: demo.people.admin?.id ?? null,
          });
        for (const [j, activity] of org.activities.entries()) {
          const venues = venuesFor(org, j, activity.name.startsWith('Tuesday') ? 1 : 3);
          for (const [i, venueKey] of venues.entries()) {
            n++;
            // Each activity's first listing is published, so every kind of activity can be found.
            const state = i === 0 ? 'published' : stateFor(n);
            const checked = new Date(now - ((n * 37) % 260) * 86_400_000).toISOString();
            const { id } = await writeListing(trx, {
              placeId: place.id,
              organisationId: row.id,
              input: listingOf(activity, i, venueKey, points, termIds, today, town),
              state,
              actorId: organiser ?? null,
              lastCheckedAt: state === 'published' ? checked : null,
              publishedAt: state === 'published' ? checked : null,
            });
            if (state === 'changes_requested') {
              await setActivityState(trx, place.id, id, {
                state,
                reason: 'Please add how people can get there by bus, and whether there is parking.',
              });
            }
            await reindexActivity(trx, kith.db.dialect, place.id, id);
          }
        }
      }
    }
    demo.directoryListings = n;
  });
}
