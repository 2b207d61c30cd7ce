/**
 * The directory of a county: organisations (a tenth as many as activities), locations
 * (a quarter as many) spread over a county 25 km across, and activities with schedules,
 * costs and taxonomy terms, nearly all published. 20,000 activities give 2,000
 * organisations and 5,000 locations, as the county dataset asks.
 */
import type { Insertable } from 'kysely';
import type { Database } from '../src/db/schema.js';
import { rebuildSearchIndex } from '../src/modules/directory/search-store.js';
import { ensureShippedTaxonomies, termsOf } from '../src/modules/directory/taxonomy-store.js';
import { SHIPPED_TAXONOMIES } from '../src/modules/directory/taxonomy.js';
import type { CapabilityResult, GenerationContext, TableLoad } from './generate.js';
import { bulkInsert } from './insert.js';
import { Rng } from './random.js';
import { WEEKDAYS } from '../src/platform/dates.js';

/** Harrowdale's centre: benchmarks search around it. */
export const COUNTY_CENTRE = { latitude: 52.62, longitude: -1.21 };

/** A random point up to `km` from the county's centre, uniform over the disc. */
export function pointNear(rng: Rng, km: number) {
  const r = Math.sqrt(rng.next()) * km * 1000;
  const a = rng.next() * 2 * Math.PI;
  return {
    latitude: COUNTY_CENTRE.latitude + (Math.sin(a) * r) / 111_320,
    longitude:
      COUNTY_CENTRE.longitude + (Math.cos(a) * r) / (111_320 * Math.cos((COUNTY_CENTRE.latitude * Math.PI) / 180)),
  };
}
const COUNTY_RADIUS_M = 25_000;

export const ACTIVITY_WORDS = [
  'Walking group',
  'Lunch club',
  'Community choir',
  'Knit and natter',
  'Repair café',
  'Men’s shed',
  'Chair yoga',
  'Coffee morning',
  'Youth club',
  'Homework club',
  'Digital drop-in',
  'Food bank',
  'Community garden',
  'Book club',
  'Memory café',
  'Carers’ group',
  'Parent and toddler group',
  'Walking football',
  'Art class',
  'Conversation club',
  'Litter pick',
  'Dance class',
  'Cycling club',
  'Bereavement support',
  'Money advice',
  'Befriending',
  'Warm space',
  'Bingo afternoon',
  'Gardening club',
  'Table tennis',
];
const QUALIFIERS = [
  'Friendly',
  'Weekly',
  'Community',
  'Beginners’',
  'Neighbourhood',
  'Family',
  'Over-50s',
  'Village',
  'Saturday',
  'Evening',
];

export async function generateDirectory(context: GenerationContext): Promise<CapabilityResult> {
  const { kith, dataset, sizes } = context;
  const rng = Rng.forCapability(context.seed, 'directory');
  const county = dataset.county;
  if (!county) throw new Error('generateDirectory needs generatePlaces to run first');
  const started = Date.now();
  await ensureShippedTaxonomies(kith.db.kysely, county.id, SHIPPED_TAXONOMIES);
  const termIds = (await termsOf(kith.db.kysely, county.id)).map((t) => t.id);
  const organisers = (dataset.roleHolders.get('organiser') ?? []).filter((h) => h.placeId === county.id);
  const now = '2026-11-01T00:00:00.000Z';
  const counts = {
    organisations: Math.max(1, Math.round(sizes.activities / 10)),
    locations: Math.max(1, Math.round(sizes.activities / 4)),
  };
  const tables: TableLoad[] = [];
  const timed = async <T extends keyof Database & string>(table: T, rows: Iterable<Insertable<Database[T]>>) => {
    const t0 = performance.now();
    const n = await bulkInsert(kith.db, table, rows);
    tables.push({ table, rows: n, seconds: (performance.now() - t0) / 1000 });
  };

  const organisationIds = Array.from({ length: counts.organisations }, () => rng.uuid());
  await timed(
    'directory_organisations',
    organisationIds.map((id, i) => ({
      id,
      place_id: county.id,
      name: `${rng.pick(QUALIFIERS)} ${rng.pick(['Harrowdale', 'Millbrook', 'Eastfield', 'Oakley', 'Stanton'])} ${rng.pick(['Trust', 'Association', 'Group', 'Network', 'Club', 'Project'])} ${i + 1}`,
      description: 'A community organisation in Harrowdale.',
      kind: rng.pick(['charity', 'community_group', 'informal_group'] as const),
      email: null,
      website: null,
      phone: null,
      source: null,
      external_id: null,
      created_at: now,
      updated_at: now,
    })),
  );
  if (organisers.length) {
    await timed(
      'directory_organisation_members',
      organisationIds.slice(0, organisers.length * 2).map((organisationId, i) => ({
        place_id: county.id,
        organisation_id: organisationId,
        person_id: organisers[i % organisers.length]!.personId,
        added_by: null,
        added_at: now,
      })),
    );
  }
  const locations = Array.from({ length: counts.locations }, (_, i) => {
    // Uniform over a disc: the square root keeps the edge as busy as the middle.
    const r = Math.sqrt(rng.next()) * COUNTY_RADIUS_M;
    const a = rng.next() * 2 * Math.PI;
    return {
      id: rng.uuid(),
      place_id: county.id,
      organisation_id: organisationIds[i % organisationIds.length]!,
      name: `${rng.pick(['Community Hall', 'Library', 'Church Hall', 'Leisure Centre', 'Park', 'Café'])} ${i + 1}`,
      address_1: `${1 + (i % 200)} High Street`,
      city: 'Harrowdale',
      region: 'Harrowdale',
      postcode: `HW${1 + (i % 20)} ${1 + (i % 9)}AA`,
      latitude: COUNTY_CENTRE.latitude + (Math.sin(a) * r) / 111_320,
      longitude:
        COUNTY_CENTRE.longitude + (Math.cos(a) * r) / (111_320 * Math.cos((COUNTY_CENTRE.latitude * Math.PI) / 180)),
      accessibility: 'Step-free access',
      source: null,
      external_id: null,
      created_at: now,
      updated_at: now,
    };
  });
  await timed('directory_locations', locations);

  const activities = Array.from({ length: sizes.activities }, (_, i) => {
    const kind = rng.pick(ACTIVITY_WORDS);
    const free = rng.chance(0.55);
    const min = rng.chance(0.2) ? rng.pick([16, 18, 50, 60]) : null;
    return {
      row: {
        id: rng.uuid(),
        place_id: county.id,
        organisation_id: organisationIds[i % organisationIds.length]!,
        name: `${rng.pick(QUALIFIERS)} ${kind.toLowerCase()}`,
        description: `${kind} for people in Harrowdale: come along, meet people and have a go.`,
        how_to_join: 'Just turn up.',
        who_for: rng.pick(['Everyone', 'Older people', 'Families', 'Young people', 'Carers']),
        url: null,
        email: null,
        phone: null,
        status: 'active' as const,
        state: rng.chance(0.97) ? ('published' as const) : ('submitted' as const),
        moderation_reason: null,
        minimum_age: min,
        maximum_age: rng.chance(0.1) ? 18 : null,
        is_free: free ? 1 : 0,
        alert: null,
        last_checked_at: now,
        published_at: now,
        source: null,
        external_id: null,
        created_by: null,
        created_at: now,
        updated_at: now,
      },
      free,
      location: locations[rng.int(0, locations.length - 1)]!.id,
      day: rng.pick(WEEKDAYS),
      opens: rng.pick(['09:30', '10:00', '13:00', '14:00', '18:00', '19:00']),
      terms: [rng.pick(termIds), rng.pick(termIds)],
    };
  });
  await timed(
    'directory_activities',
    activities.map((a) => a.row),
  );
  await timed(
    'directory_activity_locations',
    activities.map((a) => ({ id: rng.uuid(), place_id: county.id, activity_id: a.row.id, location_id: a.location })),
  );
  await timed(
    'directory_schedules',
    activities.map((a) => ({
      id: rng.uuid(),
      place_id: county.id,
      activity_id: a.row.id,
      freq: 'WEEKLY' as const,
      interval: 1,
      byday: a.day,
      bymonthday: null,
      dtstart: '2026-01-05',
      valid_from: null,
      valid_to: null,
      opens_at: a.opens,
      closes_at: `${String(Number(a.opens.slice(0, 2)) + 2).padStart(2, '0')}${a.opens.slice(2)}`,
      weekdays: a.day,
      notes: null,
    })),
  );
  await timed(
    'directory_cost_options',
    activities.map((a) => ({
      id: rng.uuid(),
      place_id: county.id,
      activity_id: a.row.id,
      kind: a.free ? ('free' as const) : ('amount' as const),
      amount_pence: a.free ? null : rng.pick([150, 200, 300, 450]),
      option: null,
      amount_description: null,
    })),
  );
  await timed(
    'directory_attributes',
    activities.flatMap((a) =>
      [...new Set(a.terms)].map((t) => ({
        id: rng.uuid(),
        place_id: county.id,
        link_entity: 'service',
        link_id: a.row.id,
        taxonomy_term_id: t,
        value: null,
      })),
    ),
  );
  const t0 = performance.now();
  await rebuildSearchIndex(kith.db.kysely, kith.db.dialect, county.id);
  tables.push({
    table: 'full-text index',
    rows: activities.filter((a) => a.row.state === 'published').length,
    seconds: (performance.now() - t0) / 1000,
  });
  return {
    capability: 'directory',
    tables,
    notes: [
      `${counts.organisations.toLocaleString('en-GB')} organisations, ${counts.locations.toLocaleString('en-GB')} locations within 25 km of the county’s centre, built in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    ],
  };
}
