/**
 * The place's 360Giving download (issue 12: "Export 10,000 grants as 360Giving JSON
 * streamed, with memory flat"): 1,000 awarded grants, then 10,000, each written as the
 * route writes it, a page of grants read and let go at a time, timed, with the most the
 * heap and the process grew while writing it. Beside it, the same package built whole
 * in memory (as the route did before), whose growth is what streaming saves: flat means
 * the streamed growth at 10,000 is about what it is at 1,000.
 */
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Insertable } from 'kysely';
import { givingCsv, givingGrant, givingPackageJson } from '../../src/modules/grants/giving360.js';
import type { GrantApplicationTable, GrantDecisionTable } from '../../src/modules/grants/schema.js';
import { awardsIn, type Award } from '../../src/modules/grants/store.js';
import { applicationRow, benchRound } from '../grants.js';
import { bulkInsert } from '../insert.js';
import { figure } from '../report.js';
import { Rng } from '../random.js';
import type { BenchStep } from '../step.js';

/** A full collection before each measurement, so each starts from the same live heap. */
function garbageCollector(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

const MB = 1024 * 1024;

export const grantsExportStep: BenchStep = {
  name: 'grants-export',
  description: 'the 360Giving download of 1,000 and 10,000 awarded grants: time, and memory growth',
  async run(context) {
    const { kith, generation, options, log } = context;
    const county = generation.dataset.county!;
    const rng = Rng.forCapability(options.seed, 'bench.grants-export');
    const gc = garbageCollector();
    const roundId = await benchRound(kith, county.id, { title: 'County community fund 2026' });
    const db = kith.db.kysely;

    let made = 0;
    async function awardUpTo(count: number) {
      const applications: Array<Insertable<GrantApplicationTable>> = [];
      const decisions: Array<Insertable<GrantDecisionTable>> = [];
      for (let i = made; i < count; i++) {
        const a = applicationRow(rng, county.id, roundId, i);
        applications.push({ ...a, status: 'awarded' });
        decisions.push({
          id: rng.uuid(),
          place_id: county.id,
          round_id: roundId,
          application_id: a.id as string,
          outcome: i % 4 ? 'full' : 'part',
          amount_pence: i % 4 ? (a.amount_pence as number) : Math.floor((a.amount_pence as number) / 2),
          reasons: 'Meets the criteria',
          decided_by: 'bench',
          // A few decided in the same second, as a panel's decisions are: the pages must pass ties.
          decided_at: new Date(Date.parse('2026-03-01T00:00:00Z') + Math.floor(i / 3) * 1000).toISOString(),
          accepted_at: i % 3 ? new Date(Date.parse('2026-03-10T00:00:00Z') + i * 1000).toISOString() : null,
        });
      }
      await bulkInsert(kith.db, 'grant_applications', applications);
      await bulkInsert(kith.db, 'grant_decisions', decisions);
      made = count;
    }

    /**
     * Timed runs sample the memory without collecting; the memory run collects the
     * garbage before each sample (after each page written), so what it finds is what the
     * export keeps alive, not what the collector has yet to sweep.
     */
    async function measure(write: (sample: () => void) => Promise<number>, live: boolean) {
      gc();
      gc();
      const base = process.memoryUsage();
      let heap = base.heapUsed;
      let rss = base.rss;
      const sample = () => {
        if (live) gc();
        const now = process.memoryUsage();
        heap = Math.max(heap, now.heapUsed);
        rss = Math.max(rss, now.rss);
      };
      const started = performance.now();
      const bytes = await write(sample);
      const ms = performance.now() - started;
      sample();
      return { ms, bytes, heapMb: (heap - base.heapUsed) / MB, rssMb: (rss - base.rss) / MB };
    }
    const streamed = (text: (pages: AsyncIterable<Award[]>) => AsyncIterable<string>) => async (sample: () => void) => {
      let bytes = 0;
      for await (const chunk of text(awardsIn(db, county.id))) {
        bytes += Buffer.byteLength(chunk);
        sample();
      }
      return bytes;
    };
    const ways: Array<[string, (sample: () => void) => Promise<number>]> = [
      ['JSON package, streamed (the route)', streamed(givingPackageJson)],
      ['CSV, streamed (the route)', streamed(givingCsv)],
      [
        'JSON package built whole in memory (before)',
        async (sample) => {
          const all: Award[] = [];
          for await (const page of awardsIn(db, county.id, 1_000_000)) all.push(...page);
          sample();
          const text = JSON.stringify({ grants: all.map(givingGrant), version: '1.4' }, null, 2);
          sample();
          return Buffer.byteLength(text);
        },
      ],
    ];

    const runs = 3;
    const rows: string[][] = [];
    const growth = new Map<string, number[]>();
    for (const count of options.quick ? [100, 1_000] : [1_000, 10_000]) {
      const started = performance.now();
      await awardUpTo(count);
      log(`  grants-export: ${figure(count)} grants stored in ${figure((performance.now() - started) / 1000, 1)} s`);
      for (const [label, write] of ways) {
        const results = [];
        for (let r = 0; r < runs; r++) results.push(await measure(write, false));
        const kept = await measure(write, true);
        const best = Math.min(...results.map((x) => x.ms));
        const heapMb = kept.heapMb;
        const rssMb = Math.max(kept.rssMb, ...results.map((x) => x.rssMb));
        const swept = Math.max(...results.map((x) => x.heapMb));
        growth.set(label, [...(growth.get(label) ?? []), heapMb]);
        log(
          `  ${label}, ${figure(count)}: ${figure(best)} ms, live heap +${figure(heapMb, 1)} MB, with garbage +${figure(swept, 1)} MB, RSS +${figure(rssMb, 1)} MB`,
        );
        rows.push([
          label,
          figure(count),
          figure(results[0]!.bytes / MB, 1),
          figure(best),
          figure(heapMb, 1),
          figure(swept, 1),
          figure(rssMb, 1),
        ]);
      }
    }
    const ratio = (label: string) => {
      const [small, large] = growth.get(label)!;
      return figure(large! / Math.max(small!, 0.1), 1);
    };
    return [
      {
        title: 'The 360Giving download: time and memory',
        table: {
          columns: [
            'written',
            'grants',
            'MB written',
            'best ms',
            'live heap growth MB',
            'heap growth with garbage MB',
            'RSS growth MB',
          ],
          numeric: [1, 2, 3, 4, 5, 6],
          rows: [
            ...rows,
            ['live heap growth, 10× the grants ÷ 1×: streamed JSON', '', '', '', ratio(ways[0]![0]), '', ''],
            ['live heap growth, 10× the grants ÷ 1×: built whole', '', '', '', ratio(ways[2]![0]), '', ''],
          ],
        },
        notes: [
          `On ${options.dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'}. Awarded grants in one round (a quarter part-funded, a fifth to informal groups through a host, a tenth to individuals), three decided in each second; ${runs} timed runs of each (the best time), and one more for the memory.`,
          'Measured in process: the text the route sends (its generator: the grants read in pages of 500 in key order, each turned into 360Giving and written), counted and dropped as a socket would take it. Live heap growth: the most heapUsed stood above its level before the run, with a full collection before each sample (after each page): what the export holds. Heap growth with garbage: the same without collecting, from the timed runs, which is as high as the collector lets garbage pile up before sweeping. RSS: the most the process grew in any run; RSS seldom shrinks, so a later row shows only what it grew beyond the earlier ones.',
          '“Built whole in memory” is the package as the route made it before: every grant read in one query, turned into 360Giving and written as one string. Flat: the streamed growth does not follow the number of grants (the ratio near 1), where the whole package’s does (near 10).',
        ],
      },
    ];
  },
};
