/**
 * What's on near a postcode, in process: 50,000 events in the county over a year (most in
 * person across a 25 km disc, some online), in 200 groups (some members-only or hidden),
 * and the page's query: the next seven days within two miles of a postcode, nearest
 * first. Also the share image: how long drawing one takes when it is not yet kept.
 */
import { performance } from 'node:perf_hooks';
import type { Insertable } from 'kysely';
import { pointForPostcode } from '../../src/modules/directory/index.js';
import type { GroupEventTable, GroupTable } from '../../src/modules/groups/schema.js';
import { findWhatsOn } from '../../src/modules/groups/whats-on.js';
import { drawShareImage } from '../../src/web/share-image.js';
import { COUNTY_CENTRE } from '../directory.js';
import { refreshStatistics } from '../generate.js';
import { bulkInsert } from '../insert.js';
import { figure, measureLatency } from '../report.js';
import { Rng } from '../random.js';
import type { BenchStep } from '../step.js';

const FIRST_DAY = Date.parse('2027-01-04T00:00:00.000Z');
const RADIUS_M = 25_000;
const DAY = 86_400_000;

export const eventsStep: BenchStep = {
  name: 'events',
  description: 'what’s on near a postcode over 50,000 events in a year, and drawing share images, in process',
  async run(context) {
    const { kith, generation, options, log } = context;
    const county = generation.dataset.county!;
    const rng = Rng.forCapability(options.seed, 'bench.events');
    const eventCount = options.quick ? 5_000 : 50_000;
    const groupCount = 200;
    const started = performance.now();
    const now = '2026-12-01T00:00:00.000Z';
    const groups: Array<Insertable<GroupTable>> = Array.from({ length: groupCount }, (_, i) => ({
      id: rng.uuid(),
      place_id: county.id,
      name: `Bench group ${i}`,
      purpose: 'Meeting up',
      area: '',
      languages: '',
      // Eight in ten open to all; the rest members-only or hidden: their events are never listed.
      joining: i % 10 === 8 ? 'approval' : 'open',
      created_by: null,
      status: i % 10 === 9 ? 'hidden' : 'active',
      hidden_reason: '',
      created_at: now,
      updated_at: now,
    }));
    const cos = Math.cos((COUNTY_CENTRE.latitude * Math.PI) / 180);
    const events: Array<Insertable<GroupEventTable>> = [];
    for (let i = 0; i < eventCount; i++) {
      const online = rng.chance(0.1);
      const r = Math.sqrt(rng.next()) * RADIUS_M;
      const a = rng.next() * 2 * Math.PI;
      const starts = FIRST_DAY + Math.floor(rng.next() * 365) * DAY + (9 + rng.int(0, 11)) * 3_600_000;
      events.push({
        id: rng.uuid(),
        place_id: county.id,
        group_id: groups[i % groupCount]!.id!,
        series_id: null,
        title: `Event ${i}`,
        description: '',
        starts_at: new Date(starts).toISOString(),
        ends_at: new Date(starts + 2 * 3_600_000).toISOString(),
        mode: online ? 'online' : 'in_person',
        address: online ? '' : `${1 + (i % 200)} High Street`,
        location_id: null,
        booking_id: null,
        online_link: online ? 'https://meet.example/x' : '',
        capacity: null,
        for_children: 0,
        safeguarding_contact: '',
        latitude: online ? null : COUNTY_CENTRE.latitude + (Math.sin(a) * r) / 111_320,
        longitude: online ? null : COUNTY_CENTRE.longitude + (Math.cos(a) * r) / (111_320 * cos),
        status: rng.chance(0.05) ? 'cancelled' : 'scheduled',
        hidden_reason: '',
        cancelled_reason: '',
        created_by: null,
        created_at: now,
        updated_at: now,
      });
    }
    // Postcodes to ask about: one in the middle, others out towards the edge.
    const postcodes = Array.from({ length: 20 }, (_, i) => {
      const r = (i / 20) * RADIUS_M * 0.8;
      const a = i * 2.4;
      return {
        postcode: `HW${i + 1} 9ZZ`,
        latitude: COUNTY_CENTRE.latitude + (Math.sin(a) * r) / 111_320,
        longitude: COUNTY_CENTRE.longitude + (Math.cos(a) * r) / (111_320 * cos),
      };
    });
    await bulkInsert(kith.db, 'groups_groups', groups);
    await bulkInsert(kith.db, 'groups_events', events);
    await bulkInsert(kith.db, 'directory_postcodes', postcodes);
    // The planner's figures for the new rows, as after any large import.
    await refreshStatistics(kith);
    log(
      `  added ${figure(groupCount)} groups and ${figure(eventCount)} events in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    const find = async (i: number) => {
      const point = await pointForPostcode(kith.db.kysely, postcodes[i % postcodes.length]!.postcode);
      const found = await findWhatsOn(kith.db.kysely, county.id, {
        span: 'week',
        near: { point: point!, miles: 2 },
        order: 'distance',
        now: new Date(FIRST_DAY + ((i * 7) % 350) * DAY),
      });
      return found.events.length;
    };
    const runs = options.quick ? 200 : 1_000;
    const near = await measureLatency(log, 'this week within 2 miles of a postcode', runs, find);
    const all = await measureLatency(log, 'this week, the whole place', runs, async (i) => {
      const found = await findWhatsOn(kith.db.kysely, county.id, {
        span: 'week',
        order: 'time',
        now: new Date(FIRST_DAY + ((i * 7) % 350) * DAY),
      });
      return found.events.length;
    });

    const titles = [
      'Caffi Trwsio: dewch â’ch pethau wedi torri i’r neuadd',
      'Councillor Q&A on the future of the Chinatown community centre and the library',
      'Litter pick',
    ];
    const imageRuns = options.quick ? 20 : 100;
    const times: number[] = [];
    for (let i = 0; i < imageRuns + 5; i++) {
      const t0 = performance.now();
      drawShareImage({
        place: 'Harrowdale',
        title: `${titles[i % titles.length]} ${i}`,
        when: 'Thursday 14 January 2027 at 18:00',
        site: 'Kith',
      });
      if (i >= 5) times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    const pct = (p: number) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))]!;
    log(`  share image: p50 ${pct(50).toFixed(1)} ms, p95 ${pct(95).toFixed(1)} ms`);
    return [
      {
        title: 'What’s on near a postcode, in process',
        table: {
          columns: ['query', 'events', 'runs', 'mean found', 'p50 ms', 'p95 ms', 'p99 ms', 'goal'],
          numeric: [1, 2, 3, 4, 5, 6],
          rows: [
            ['this week within 2 miles of a postcode, nearest first', figure(eventCount), ...near, 'p95 < 25 ms'],
            ['this week, the whole place (first 200)', figure(eventCount), ...all, 'p95 < 25 ms'],
          ],
        },
        notes: [
          `${figure(eventCount)} events in ${groupCount} groups (one in ten members-only, one in ten hidden), spread over a year from 4 January 2027; nine in ten in person across a 25 km disc, one in twenty cancelled; after 30 warm-up runs.`,
          'Measured: findWhatsOn as the page calls it, after looking up the postcode: the index on (place, status, start, way of meeting, latitude, longitude) gives the week’s events inside the box around the postcode, the groups are joined to keep open, active ones, and the exact distance orders them.',
        ],
      },
      {
        title: 'Drawing a share image (not yet kept)',
        table: {
          columns: ['image', 'runs', 'p50 ms', 'p95 ms'],
          numeric: [1, 2, 3],
          rows: [
            [
              '1200×630 PNG, place, title (3 lines), date, Kith',
              figure(imageRuns),
              pct(50).toFixed(1),
              pct(95).toFixed(1),
            ],
          ],
        },
        notes: [
          'Pure JavaScript: fontkit outlines, a coverage rasteriser, node:zlib. An image already drawn is served from memory.',
        ],
      },
    ];
  },
};
