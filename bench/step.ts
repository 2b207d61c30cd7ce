import type { Kith } from '../src/kith.js';
import type { BenchDatabase } from './database.js';
import type { GenerationResult } from './generate.js';
import type { BenchOptions } from './options.js';
import type { Table } from './report.js';

/** What every benchmark step is given: the options, and the generated county to work on. */
export interface BenchContext {
  options: BenchOptions;
  database: BenchDatabase;
  generation: GenerationResult;
  /** A Kith on the generated database, for benchmarks that run in this process (search, ledger...). */
  kith: Kith;
  log(line: string): void;
}

/** A part of the report: a heading, a table of figures, and what a reader needs to read them. */
export interface BenchSection {
  title: string;
  table?: Table;
  notes?: string[];
}

/**
 * One named benchmark, one file in bench/steps/, one line in STEPS (bench/run.ts).
 * It throws only when something is broken (a server that fails to start, a page that
 * answers with errors); a slow figure is a result to report, never a failure.
 */
export interface BenchStep {
  name: string;
  description: string;
  run(context: BenchContext): Promise<BenchSection[]>;
}
