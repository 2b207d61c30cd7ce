/**
 * The asset map's queries on the county, in process: the map page's query (counts per
 * kind and a page of assets and skills) with no area, the same near a point, and the
 * skills service other capabilities call. The step adds its own assets and skills to
 * the county first (the dataset generator has no asset map yet); nothing over HTTP.
 */
import { performance } from 'node:perf_hooks';
import type { Insertable } from 'kysely';
import { assetMap } from '../../src/modules/assets/inventory.js';
import { ASSET_KINDS } from '../../src/modules/assets/inputs.js';
import type { CommunityAssetTable, SkillTable } from '../../src/modules/assets/schema.js';
import { skillsVisibleTo } from '../../src/modules/assets/skills.js';
import { pointNear } from '../directory.js';
import { bulkInsert } from '../insert.js';
import { figure, measureLatency } from '../report.js';
import { Rng } from '../random.js';
import type { BenchSection, BenchStep } from '../step.js';

const KINDS = ['network', 'association', 'organisation', 'physical', 'economic'] as const;
const WORDS = [
  'bikes',
  'gardening',
  'cooking',
  'welsh',
  'first aid',
  'knitting',
  'maths',
  'computers',
  'walking',
  'singing',
];

export const assetsStep: BenchStep = {
  name: 'assets',
  description: 'asset map: counts and a page, the same within 2 miles, and skills by words, in process',
  async run(context) {
    const { kith, generation, options, log } = context;
    const county = generation.dataset.county!;
    const people = generation.dataset.personIds;
    const rng = Rng.forCapability(options.seed, 'bench.assets');
    const assetCount = options.quick ? 500 : 5_000;
    const skillCount = Math.min(people.length, options.quick ? 2_000 : 20_000);
    const at = '2026-01-01T00:00:00.000Z';

    const started = performance.now();
    function* assets(): Generator<Insertable<CommunityAssetTable>> {
      for (let i = 0; i < assetCount; i++) {
        const kind = rng.pick(KINDS);
        const placed = kind !== 'network' && kind !== 'association' && rng.chance(0.9);
        const point = placed ? pointNear(rng, 20) : undefined;
        yield {
          id: rng.uuid(),
          place_id: county.id,
          kind,
          name: `Asset ${i}`,
          description: 'A generated asset',
          organisation_id: null,
          postcode: null,
          latitude: point?.latitude ?? null,
          longitude: point?.longitude ?? null,
          visibility: rng.weighted([
            ['public', 80],
            ['members', 15],
            ['coordinators', 5],
          ] as const),
          added_by: null,
          created_at: at,
          updated_at: at,
        };
      }
    }
    function* skills(): Generator<Insertable<SkillTable>> {
      for (let i = 0; i < skillCount; i++) {
        yield {
          id: rng.uuid(),
          place_id: county.id,
          person_id: rng.pick(people),
          kind: rng.chance(0.7) ? 'skill' : 'passion',
          description: `${rng.pick(WORDS)} and ${rng.pick(WORDS)}`,
          category: null,
          visibility: rng.weighted([
            ['only_me', 40],
            ['coordinators', 20],
            ['members', 25],
            ['public', 15],
          ] as const),
          created_at: at,
          updated_at: at,
        };
      }
    }
    await bulkInsert(kith.db, 'community_assets', assets());
    await bulkInsert(kith.db, 'asset_skills', skills());
    log(
      `  added ${figure(assetCount)} assets and ${figure(skillCount)} skills in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );

    // A resident of the county: sees public and members' assets and skills.
    const viewing = { placeId: county.id, levels: ['public', 'members'] as const, viewerId: people[0] ?? null };
    const coordinator = { personId: people[1] ?? null, roles: [{ placeId: county.id, role: 'coordinator' as const }] };
    const runs = options.quick ? 200 : 1_000;
    const measure = async (label: string, work: (i: number) => Promise<number>) => [
      label,
      ...(await measureLatency(log, label, runs, work)),
    ];
    const points = Array.from({ length: runs }, () => pointNear(rng, 15));
    const rows = [
      await measure(
        'map list: every kind, counts and page 1',
        async (i) =>
          (
            await assetMap(
              kith.db.kysely,
              { ...viewing, levels: [...viewing.levels] },
              { kinds: [...ASSET_KINDS], page: 1 + (i % 3), perPage: 20 },
            )
          ).total,
      ),
      await measure(
        'map list: buildings and economy within 2 miles',
        async (i) =>
          (
            await assetMap(
              kith.db.kysely,
              { ...viewing, levels: [...viewing.levels] },
              { kinds: ['physical', 'economic'], near: { point: points[i]!, miles: 2 }, page: 1, perPage: 20 },
            )
          ).total,
      ),
      await measure(
        'map view: every kind with its markers',
        async (i) =>
          (
            await assetMap(
              kith.db.kysely,
              { ...viewing, levels: [...viewing.levels] },
              { kinds: [...ASSET_KINDS], page: 1 + (i % 3), perPage: 20, withPoints: true },
            )
          ).points.length,
      ),
      await measure(
        'skillsVisibleTo: one word, as a coordinator',
        async (i) =>
          (
            await skillsVisibleTo(kith.db.kysely, {
              placeId: county.id,
              viewer: coordinator,
              words: WORDS[i % WORDS.length]!,
              limit: 20,
            })
          ).total,
      ),
    ];
    const section: BenchSection = {
      title: 'Asset map queries in process',
      table: { columns: ['query', 'runs', 'mean found', 'p50 ms', 'p95 ms', 'p99 ms'], numeric: [1, 2, 3, 4, 5], rows },
      notes: [
        `${figure(assetCount)} assets (90% of the placed kinds with a point up to 20 km from the centre) and ${figure(skillCount)} skills of random visibility, in the county; after 30 warm-up runs.`,
        'The map query is what the asset map page runs before rendering: counts per kind for the viewer, then a page of 20 (assets by name, then skills); the map view also reads up to 1,000 markers. “mean found” is the total matched (for the map view, the markers).',
        'skillsVisibleTo with words reads every visible skill in the place (a LIKE per word) to count them: a full-text index is the next step if matching leans on it.',
        'No goal is set for these; they are here to show when a change makes them slower.',
      ],
    };
    return [section];
  },
};
