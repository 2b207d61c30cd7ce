/**
 * Finding a free space on the county, in process: 500 listed spaces holding a year of
 * bookings (200,000), and the finder's query as the page makes it (size, access, a
 * free time on a date, the price at a tier). The step adds the spaces and bookings itself.
 */
import { performance } from 'node:perf_hooks';
import type { Insertable } from 'kysely';
import { addDays, WEEKDAYS } from '../../src/platform/dates.js';
import { findSpaces } from '../../src/modules/spaces/finder.js';
import { spanOf } from '../../src/modules/spaces/rules.js';
import type { SpaceBookingTable, SpaceTable } from '../../src/modules/spaces/schema.js';
import { bulkInsert } from '../insert.js';
import { figure, measureLatency } from '../report.js';
import { Rng } from '../random.js';
import type { BenchStep } from '../step.js';

const FIRST_DAY = '2027-01-04';

export const spacesStep: BenchStep = {
  name: 'spaces',
  description: 'free-slot search across 500 spaces holding a year of bookings, in process',
  async run(context) {
    const { kith, generation, options, log } = context;
    const county = generation.dataset.county!;
    const rng = Rng.forCapability(options.seed, 'bench.spaces');
    const spaceCount = options.quick ? 50 : 500;
    const perSpace = 400;
    const started = performance.now();
    const now = '2026-12-01T00:00:00.000Z';
    const spaces: Array<Insertable<SpaceTable>> = [];
    const bookings: Array<Insertable<SpaceBookingTable>> = [];
    for (let i = 0; i < spaceCount; i++) {
      const id = rng.uuid();
      const rate = rng.int(5, 30) * 100;
      spaces.push({
        id,
        place_id: county.id,
        space_key: 100_000 + i,
        location_id: rng.uuid(),
        organisation_id: null,
        listed_by: null,
        name: `Space ${i}`,
        description: '',
        capacity: rng.pick([10, 20, 30, 50, 80, 120]),
        layouts: 'open',
        accessibility: rng.chance(0.6) ? 'stepFree,accessibleToilet' : rng.chance(0.5) ? 'hearingLoop' : '',
        facilities: rng.chance(0.5) ? 'kitchen,wifi' : 'wifi',
        open_days: WEEKDAYS.slice(0, rng.pick([5, 6, 7])).join(','),
        opens_at: '08:00',
        closes_at: '22:00',
        rates: JSON.stringify({
          community: { hour: rate, halfDay: rate * 3, day: rate * 5 },
          resident: { hour: rate * 2, halfDay: null, day: null },
          commercial: { hour: rate * 4, halfDay: null, day: null },
        }),
        deposit_pence: 0,
        house_rules: '',
        min_notice_hours: 0,
        max_ahead_days: 730,
        turnaround_minutes: 30,
        approval: 'automatic',
        hold_hours: 72,
        licence_from: null,
        licence_until: null,
        cancel_notice_hours: 0,
        status: 'listed',
        created_at: now,
        updated_at: now,
      });
      // About eight bookings a week for a year, two hours each, with their gaps.
      for (let b = 0; b < perSpace; b++) {
        const date = addDays(FIRST_DAY, Math.floor((b * 365) / perSpace));
        const hour = 8 + ((b * 5) % 12);
        const { start, end } = spanOf(
          date,
          `${String(hour).padStart(2, '0')}:00`,
          `${String(hour + 2).padStart(2, '0')}:00`,
        );
        bookings.push({
          id: rng.uuid(),
          place_id: county.id,
          space_id: id,
          space_key: 100_000 + i,
          series_id: null,
          booker_id: null,
          organisation_id: null,
          tier: 'resident',
          purpose: '',
          attendees: 10,
          starts_at: new Date(start * 60_000).toISOString(),
          ends_at: new Date(end * 60_000).toISOString(),
          start_minute: start,
          end_minute: end,
          block_end_minute: end + 30,
          status: 'confirmed',
          hold_expires_at: null,
          price_pence: 0,
          deposit_pence: 0,
          reason: '',
          decided_by: null,
          decided_at: null,
          no_show: 0,
          late_cancel: 0,
          created_at: now,
          updated_at: now,
        });
      }
    }
    await bulkInsert(kith.db, 'spaces_spaces', spaces);
    await bulkInsert(kith.db, 'spaces_bookings', bookings);
    log(
      `  added ${figure(spaceCount)} spaces and ${figure(bookings.length)} bookings in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    const query = (i: number) => ({
      date: addDays(FIRST_DAY, (i * 7) % 360),
      from: `${String(9 + (i % 11)).padStart(2, '0')}:00`,
      to: `${String(11 + (i % 11)).padStart(2, '0')}:00`,
      size: [10, 30, 50][i % 3],
      tier: 'community' as const,
      maxPrice: i % 2 ? 6000 : undefined,
      accessibility: i % 4 === 0 ? (['stepFree'] as const) : ([] as const),
      facilities: [] as const,
    });
    const find = async (i: number) =>
      (
        await findSpaces(
          kith.db.kysely,
          county.id,
          { ...query(i), accessibility: [...query(i).accessibility], facilities: [], meanwhile: false },
          'community',
        )
      ).length;
    const row = await measureLatency(log, 'free spaces for a time, size and access', options.quick ? 200 : 1_000, find);
    return [
      {
        title: 'Finding a free community space in process',
        table: {
          columns: ['query', 'spaces', 'bookings', 'runs', 'mean found', 'p50 ms', 'p95 ms', 'p99 ms', 'goal'],
          numeric: [1, 2, 3, 4, 5, 6, 7],
          rows: [
            [
              'free spaces for a time, size and access',
              figure(spaceCount),
              figure(bookings.length),
              ...row,
              'p95 < 50 ms',
            ],
          ],
        },
        notes: [
          `${figure(spaceCount)} listed spaces (capacities 10 to 120; six in ten step-free), each with ${perSpace} two-hour confirmed bookings over a year and a 30-minute gap; after 30 warm-up runs.`,
          'Measured: findSpaces as the finder page calls it: listed spaces of the size, filtered by access, facilities and opening; one query for those busy at the time (the booking index by space and time); the price at the community rate.',
        ],
      },
    ];
  },
};
