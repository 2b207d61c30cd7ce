/**
 * Volunteering's opportunity search on the county, in process: 5,000 open roles with
 * their words, spread over the county's organisations and up to 20 km from its centre,
 * searched by a word, an interest, a weekday and a distance from a point, as the search
 * page does. The step adds the roles itself (the dataset generator has no volunteering).
 */
import { performance } from 'node:perf_hooks';
import { bitsOf, INTERESTS } from '../../src/modules/volunteering/inputs.js';
import { daysMask } from '../../src/modules/volunteering/times.js';
import { findOpportunities } from '../../src/modules/volunteering/search.js';
import { pointNear } from '../directory.js';
import { addRoles } from '../roles.js';
import { figure, measureLatency } from '../report.js';
import { Rng } from '../random.js';
import type { BenchStep } from '../step.js';
import { WEEKDAYS } from '../../src/platform/dates.js';

const ROLES = [
  'Befriender',
  'Driver',
  'Gardener',
  'Café helper',
  'Shop volunteer',
  'Walk leader',
  'Digital buddy',
  'Food bank packer',
  'Event steward',
  'Reading helper',
  'Litter picker',
  'Coach',
];
const WORDS = [
  'garden',
  'driver',
  'befriender',
  'cafe',
  'walk',
  'digital',
  'food',
  'reading',
  'litter',
  'coach',
  'event',
  'shop',
];

export const volunteeringStep: BenchStep = {
  name: 'volunteering',
  description: 'opportunity search: word + interest + day + within 5 miles, in process',
  async run(context) {
    const { kith, generation, options, log } = context;
    const county = generation.dataset.county!;
    const rng = Rng.forCapability(options.seed, 'bench.volunteering');
    const count = options.quick ? 500 : 5_000;
    const organisations = (
      await kith.db.kysely
        .selectFrom('directory_organisations')
        .select('id')
        .where('place_id', '=', county.id)
        .limit(2_000)
        .execute()
    ).map((o) => o.id);
    if (!organisations.length)
      throw new Error('the volunteering step needs the directory generator to have made organisations');
    const started = performance.now();
    const added = await addRoles(kith, {
      rng,
      placeId: county.id,
      organisations,
      count,
      kinds: ROLES,
      describe: (r) => `Help ${r.pick(ROLES).toLowerCase()} and ${r.pick(ROLES).toLowerCase()} in the community`,
      spread: true,
    });
    log(
      `  added ${figure(count)} roles and ${figure(added.words)} words in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );

    const runs = options.quick ? 200 : 1_000;
    const queries = Array.from({ length: runs }, () => ({
      words: [rng.pick(WORDS)],
      interests: bitsOf(INTERESTS, [rng.pick(INTERESTS)]),
      days: daysMask([rng.pick(WEEKDAYS)]),
      near: pointNear(rng, 15),
    }));
    const measure = async (label: string, work: (i: number) => Promise<number>) => [
      label,
      ...(await measureLatency(log, label, runs, work)),
      'p95 < 25 ms',
    ];
    const none = {
      words: [],
      interests: 0,
      days: 0,
      times: 0,
      commitment: null,
      remoteOnly: false,
      near: null,
      miles: 5,
    };
    const rows = [
      await measure(
        'word + interest + day + within 5 miles',
        async (i) => (await findOpportunities(kith, county.id, { ...none, ...queries[i]!, miles: 5 })).length,
      ),
      await measure(
        'word only',
        async (i) => (await findOpportunities(kith, county.id, { ...none, words: queries[i]!.words })).length,
      ),
      await measure(
        'within 5 miles, nothing else',
        async (i) => (await findOpportunities(kith, county.id, { ...none, near: queries[i]!.near, miles: 5 })).length,
      ),
      await measure('no filters (newest 50)', async () => (await findOpportunities(kith, county.id, none)).length),
    ];
    return [
      {
        title: 'Opportunity search in process',
        table: {
          columns: ['query', 'runs', 'mean found', 'p50 ms', 'p95 ms', 'p99 ms', 'goal'],
          numeric: [1, 2, 3, 4, 5],
          rows,
        },
        notes: [
          `${figure(count)} roles (90% open, 10% remote, the rest at a point up to 20 km from the county's centre) over ${figure(organisations.length)} organisations, with their words indexed; points for searching up to 15 km from the centre; after 30 warm-up runs.`,
          'Measured: findOpportunities as the search page calls it (the query with a word sub-select per word, bit filters, a bounding box, then exact distances), up to 50 results; organisation names and rendering are not included.',
        ],
      },
    ];
  },
};
