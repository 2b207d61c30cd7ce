/**
 * Learning library search over 10,000 case studies, in process: words through the
 * database's full-text index (FTS5, or tsvector with GIN), with and without the filters a commissioner uses (type of social action,
 * strength of evidence, area, cost). The step adds the cases itself, with the words of
 * real case studies in a long-tailed mix, so common words ("community", "volunteer")
 * have long lists and rare ones short.
 */
import { performance } from 'node:perf_hooks';
import type { Insertable } from 'kysely';
import { ensureLibrary } from '../../src/modules/library/library.js';
import { AREAS, COST_BANDS, TYPOLOGIES, packList, wordsOf } from '../../src/modules/library/rules.js';
import type { LibraryCaseTable } from '../../src/modules/library/schema.js';
import { SEED_CASES } from '../../src/modules/library/seed-cases.js';
import { rebuildCaseIndex, searchCases, type CaseQuery } from '../../src/modules/library/store.js';
import { refreshStatistics } from '../generate.js';
import { bulkInsert } from '../insert.js';
import { figure, measureLatency } from '../report.js';
import { Rng } from '../random.js';
import type { BenchStep } from '../step.js';

export const libraryStep: BenchStep = {
  name: 'library',
  description: 'learning library search over 10,000 case studies, in process',
  async run(context) {
    const { kith, generation, options, log } = context;
    const county = generation.dataset.county!;
    const rng = Rng.forCapability(options.seed, 'bench.library');
    const total = options.quick ? 1_000 : 10_000;
    await ensureLibrary(kith, county.id);

    // The seeds' own words, most common first, as the vocabulary generated cases draw on.
    const counts = new Map<string, number>();
    for (const c of SEED_CASES)
      for (const w of wordsOf(
        ...Object.values(c.fields).map((v) => (Array.isArray(v) ? v.join(' ') : String(v ?? ''))),
      ))
        counts.set(w, (counts.get(w) ?? 0) + 1);
    const vocabulary = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([w]) => w);
    const zipf = () => vocabulary[Math.min(vocabulary.length - 1, Math.floor(vocabulary.length ** rng.next()) - 1)]!;

    const started = performance.now();
    const cases: Array<Insertable<LibraryCaseTable>> = [];
    let words = 0;
    for (let i = 0; i < total; i++) {
      const id = rng.uuid();
      const own = new Set<string>();
      const n = rng.int(60, 160);
      for (let k = 0; k < n; k++) own.add(zipf());
      if (rng.chance(0.05)) own.add('time').add('credit');
      const text = [...own].join(' ');
      const at = rng.isoBetween('2019-01-01T00:00:00Z', '2026-11-30T00:00:00Z');
      cases.push({
        id,
        place_id: county.id,
        status: 'published',
        origin: 'submitted',
        origin_key: null,
        title: `Case ${i}: ${[...own].slice(0, 4).join(' ')}`,
        location: 'Somewhere',
        area: rng.pick(AREAS),
        typologies: packList([rng.pick(TYPOLOGIES), ...(rng.chance(0.3) ? [rng.pick(TYPOLOGIES)] : [])]),
        summary: text.slice(0, 200),
        tried: text,
        who_took_part: '',
        what_worked: '',
        what_did_not: 'What did not work.',
        cost_band: rng.pick(COST_BANDS),
        cost: '',
        evidence_level: rng.int(1, 5),
        outcomes: '',
        outcome_tags: '',
        contacts: '',
        started: '',
        ended: '',
        links: '',
        source: '',
        submitted_by: null,
        version: 1,
        moderated_by: null,
        moderation_reason: '',
        created_at: at,
        updated_at: at,
        published_at: at,
      });
      words += own.size;
    }
    await bulkInsert(kith.db, 'library_cases', cases);
    const loaded = performance.now();
    await rebuildCaseIndex(kith.db.kysely, kith.db.dialect, county.id);
    const indexed = performance.now();
    // Statistics as a running place's would be, so the planner knows the index's size.
    await refreshStatistics(kith);
    const seconds = (from: number, to: number) => ((to - from) / 1000).toFixed(1);
    const loading = `added ${figure(total)} case studies (${figure(words)} words, each distinct within its case) in ${seconds(started, loaded)} s, indexed them in ${seconds(loaded, indexed)} s, refreshed statistics in ${seconds(indexed, performance.now())} s`;
    log(`  ${loading}`);

    const common = vocabulary.slice(0, 20);
    const middling = vocabulary.slice(50, 300);
    const queries: Array<[string, (i: number) => CaseQuery]> = [
      ['“time credits”', () => ({ words: ['time', 'credit'] })],
      ['one common word', (i) => ({ words: [common[i % common.length]!] })],
      [
        'two middling words',
        (i) => ({ words: [middling[i % middling.length]!, middling[(i * 7 + 3) % middling.length]!] }),
      ],
      [
        'a word, a type and evidence 3+',
        (i) => ({
          words: [common[i % common.length]!],
          typology: TYPOLOGIES[i % TYPOLOGIES.length],
          evidenceAtLeast: 3,
        }),
      ],
      [
        'filters only: area, cost, evidence 2+',
        (i) => ({
          words: [],
          area: AREAS[i % AREAS.length],
          costBand: COST_BANDS[i % COST_BANDS.length],
          evidenceAtLeast: 2,
        }),
      ],
      ['everything, newest first', () => ({ words: [] })],
    ];
    const rows = [];
    for (const [label, query] of queries) {
      const work = async (i: number) =>
        (await searchCases(kith.db.kysely, kith.db.dialect, county.id, query(i), { limit: 20, offset: 0 })).total;
      rows.push([
        label,
        figure(total),
        ...(await measureLatency(log, label, options.quick ? 100 : 500, work)),
        'p95 < 25 ms',
      ]);
    }
    return [
      {
        title: 'Learning library search in process',
        table: {
          columns: ['query', 'cases', 'runs', 'mean found', 'p50 ms', 'p95 ms', 'p99 ms', 'goal'],
          numeric: [1, 2, 3, 4, 5, 6],
          rows,
        },
        notes: [
          `${figure(total)} published case studies in the county (plus the toolkit's own), each of 60 to 160 distinct words drawn long-tailed from the seeds' case studies' vocabulary; 5% mention time credits.`,
          `Loading: ${loading}.`,
          'Measured: searchCases as the library page calls it: the count of matches and the first page of 20; with words those whose title holds them first, then (as without words) strongest evidence and newest first.',
        ],
      },
    ];
  },
};
