/**
 * Befriending suggestions on the county, in process: one scheme with 10,000 befrienders
 * waiting and a few hundred neighbours, each neighbour's suggestions made as the
 * coordinator's page makes them (the candidates who share a language, read from the
 * database; every pair's rules and score; the top ten's profiles and their checks).
 * The step adds the profiles itself (the dataset generator has no befriending).
 */
import { performance } from 'node:perf_hooks';
import type { Insertable } from 'kysely';
import { suggestionsFor } from '../../src/modules/befriending/befriending.js';
import { bitsOf, EXPERIENCES, INTERESTS, LANGUAGES, SLOTS, WAYS } from '../../src/modules/befriending/matching.js';
import type { ProfileTable } from '../../src/modules/befriending/schema.js';
import { findProfile, findScheme, insertScheme, touchRoster } from '../../src/modules/befriending/store.js';
import { pointNear } from '../directory.js';
import { bulkInsert } from '../insert.js';
import { figure, measureLatency } from '../report.js';
import { Rng } from '../random.js';
import type { BenchStep } from '../step.js';

/** Most people speak English; one in five also speaks one of the place's other languages. */
function languagesOf(rng: Rng): number {
  const spoken: Array<(typeof LANGUAGES)[number]> = rng.chance(0.95) ? ['en'] : [];
  if (rng.chance(0.2) || !spoken.length) spoken.push(rng.pick(LANGUAGES.slice(1)));
  return bitsOf(LANGUAGES, spoken);
}

const someOf = <T extends string>(rng: Rng, list: readonly T[], min: number, max: number) =>
  Array.from({ length: rng.int(min, max) }, () => rng.pick(list));

export const befriendingStep: BenchStep = {
  name: 'befriending',
  description: 'befriending suggestions for a neighbour among 10,000 waiting befrienders, in process',
  async run(context) {
    const { kith, generation, options, log } = context;
    const county = generation.dataset.county!;
    const rng = Rng.forCapability(options.seed, 'bench.befriending');
    const candidates = options.quick ? 1_000 : 10_000;
    const seekers = 300;
    const organisation = await kith.db.kysely
      .selectFrom('directory_organisations')
      .select('id')
      .where('place_id', '=', county.id)
      .executeTakeFirst();
    if (!organisation) throw new Error('the befriending step needs the directory generator to have made organisations');
    const schemeId = await insertScheme(kith.db.kysely, {
      placeId: county.id,
      organisationId: organisation.id,
      name: 'County befriending',
      kind: 'befriending',
      description: 'A generated scheme',
      requirements: 'dbs_enhanced',
      checkinDays: 28,
      createdBy: 'bench',
    });
    const scheme = (await findScheme(kith.db.kysely, schemeId))!;

    const started = performance.now();
    const inserts: Array<Insertable<ProfileTable>> = [];
    const seekerIds: string[] = [];
    for (let i = 0; i < candidates + seekers; i++) {
      const side = i < candidates ? 'volunteer' : 'neighbour';
      const id = rng.uuid();
      if (side === 'neighbour') seekerIds.push(id);
      const ways = someOf(rng, WAYS, 1, 3);
      const inPerson = ways.includes('home') || ways.includes('out');
      const point = inPerson || rng.chance(0.5) ? pointNear(rng, 20) : undefined;
      const since = new Date(Date.parse('2026-11-01T00:00:00Z') - rng.int(0, 300) * 86_400_000).toISOString();
      inserts.push({
        id,
        place_id: county.id,
        scheme_id: schemeId,
        organisation_id: organisation.id,
        side,
        person_id: side === 'volunteer' ? rng.uuid() : null,
        name: `${side} ${i}`,
        contact: '',
        interests: bitsOf(INTERESTS, someOf(rng, INTERESTS, 0, 5)),
        languages: languagesOf(rng),
        availability: rng.chance(0.1) ? 0 : bitsOf(SLOTS, someOf(rng, SLOTS, 1, 8)),
        ways: bitsOf(WAYS, ways),
        experiences: bitsOf(EXPERIENCES, someOf(rng, EXPERIENCES, 0, 2)),
        postcode: point ? 'CB1 1AA' : '',
        latitude: point?.latitude ?? null,
        longitude: point?.longitude ?? null,
        travel_miles: side === 'volunteer' ? rng.pick([1, 2, 5, 10]) : rng.pick([0, 0, 1, 2]),
        gender: rng.pick(['woman', 'man', 'other', 'unsaid'] as const),
        prefers: rng.chance(0.8) ? 'any' : rng.pick(['woman', 'man'] as const),
        about: '',
        notes: '',
        status: 'waiting',
        waiting_since: since,
        created_by: null,
        created_at: since,
        updated_at: since,
      });
    }
    await bulkInsert(kith.db, 'befriending_profiles', inserts);
    log(
      `  added ${figure(candidates)} befrienders and ${figure(seekers)} neighbours in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );

    const profiles = await Promise.all(seekerIds.map((id) => findProfile(kith.db.kysely, id)));
    const now = new Date('2026-11-23T12:00:00Z');
    const suggestions = async (i: number) => (await suggestionsFor(kith, scheme, profiles[i % seekers]!, now)).length;
    const measure = async (label: string, runs: number, before?: () => Promise<void>) => [
      label,
      figure(candidates),
      ...(await measureLatency(log, label, runs, suggestions, before)),
    ];
    const rows = [
      [...(await measure('ten best befrienders for a neighbour', options.quick ? 200 : 1_000)), 'p95 < 50 ms'],
      // As the first look after someone joins, leaves or is matched: the waiting list is read again from the database.
      [
        ...(await measure('the same, just after the list changed', options.quick ? 50 : 200, () =>
          touchRoster(kith.db.kysely, schemeId),
        )),
        'none set',
      ],
    ];
    return [
      {
        title: 'Befriending suggestions in process',
        table: {
          columns: ['query', 'candidates', 'runs', 'mean suggested', 'p50 ms', 'p95 ms', 'p99 ms', 'goal'],
          numeric: [1, 2, 3, 4, 5, 6],
          rows,
        },
        notes: [
          `${figure(candidates)} befrienders waiting in one scheme (95% speak English, one in five another language too; 1 to 8 free times a week; points up to 20 km from the county's centre), and ${figure(seekers)} neighbours asked for in turn; after 30 warm-up runs.`,
          'Measured: suggestionsFor as the coordinator’s page calls it: the scheme’s roster version read from the database; the waiting list of befrienders (held in memory while that version is current, or read again from the covering index when it has changed); the rules and score for every pair; the ten best, with their profiles and the scheme’s enhanced check looked up for each.',
        ],
      },
    ];
  },
};
