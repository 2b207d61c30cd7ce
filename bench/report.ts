import { performance } from 'node:perf_hooks';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BENCH_DIR } from './database.js';

export interface Table {
  columns: string[];
  /** Columns whose figures line up on the right. */
  numeric?: number[];
  rows: string[][];
}

/** A Markdown table padded to line up, so the same text reads well in a terminal and on GitHub. */
export function renderTable(table: Table): string {
  const widths = table.columns.map((c, i) => Math.max(c.length, ...table.rows.map((r) => (r[i] ?? '').length)));
  const right = new Set(table.numeric ?? []);
  const cell = (text: string, i: number) => (right.has(i) ? text.padStart(widths[i]!) : text.padEnd(widths[i]!));
  const line = (cells: string[]) => `| ${cells.map((c, i) => cell(c, i)).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (right.has(i) ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`;
  return [line(table.columns), rule, ...table.rows.map(line)].join('\n');
}

/** Figures in the report: grouped thousands, a fixed number of decimals. */
/** The p-th percentile of an ascending list of timings (the nearest rank). */
export const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

export function figure(value: number, decimals = 0): string {
  return value.toLocaleString('en-GB', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

/** What the figures depend on besides Kith: they mean little without it. */
export function machineTable(): Table {
  const cpus = os.cpus();
  return {
    columns: ['machine', ''],
    rows: [
      ['CPUs', `${os.availableParallelism()} × ${cpus[0]?.model.trim() ?? 'unknown'}`],
      ['memory', `${figure(os.totalmem() / 2 ** 30, 1)} GiB`],
      ['system', `${os.type()} ${os.release()} (${os.arch()})`],
      ['Node.js', process.version],
    ],
  };
}

/**
 * Writes the report to bench/results/latest.md and a dated copy. A --quick run
 * writes quick.md instead: its figures are for checking the benchmarks still run,
 * and should not replace the last full run's.
 */
/**
 * A full run is the latest and the day's results; a run of some steps only (--only)
 * goes to its own file for the day, so it never replaces a full run's figures.
 */
export function writeResults(
  markdown: string,
  run: { quick: boolean; only: readonly string[]; dialect: string },
  now = new Date(),
): string[] {
  const dir = path.join(BENCH_DIR, 'results');
  fs.mkdirSync(dir, { recursive: true });
  const day = now.toISOString().slice(0, 10);
  const some = `${day}-${[...run.only].sort().join('-')}-${run.dialect}.md`;
  const files = run.quick ? ['quick.md'] : run.only.length ? [some] : ['latest.md', `${day}.md`];
  const written = files.map((f) => path.join(dir, f));
  for (const file of written) fs.writeFileSync(file, markdown);
  return written.map((f) => path.relative(process.cwd(), f));
}

/**
 * In-process latency: `work` run 30 times to warm up, then `runs` times, each timed on
 * its own (`before`, if given, runs untimed before each). `work` returns how many
 * things it found. The row: runs, mean found, p50, p95 and p99 in ms; its p95 also as a
 * number, for a step that compares it with a goal.
 */
export async function measureLatency(
  log: (line: string) => void,
  label: string,
  runs: number,
  work: (i: number) => Promise<number>,
  before?: () => Promise<void>,
): Promise<string[] & { p95: number }> {
  for (let i = 0; i < 30; i++) await work(i);
  const times: number[] = [];
  let found = 0;
  for (let i = 0; i < runs; i++) {
    if (before) await before();
    const t0 = performance.now();
    found += await work(i);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const ms = (v: number) => figure(v, v < 10 ? 2 : 1);
  log(`  ${label}: p50 ${ms(percentile(times, 50))} ms, p95 ${ms(percentile(times, 95))} ms`);
  const row = [
    figure(runs),
    figure(found / runs, 1),
    ms(percentile(times, 50)),
    ms(percentile(times, 95)),
    ms(percentile(times, 99)),
  ];
  return Object.assign(row, { p95: percentile(times, 95) });
}
