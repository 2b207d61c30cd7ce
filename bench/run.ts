/**
 * npm run bench: builds a county-scale place into a fresh database, runs the named
 * benchmark steps against it, prints the figures and writes them to bench/results/.
 *
 * A benchmark is a measurement, not a test: nothing here fails because a figure is
 * slow. The run exits non-zero only when something is broken (bad flags, a database
 * that cannot be reached, a server that answers with errors).
 */
import { performance } from 'node:perf_hooks';
import pino from 'pino';
import { createKith, type Kith } from '../src/kith.js';
import { benchConfig, freshBenchDatabase, type BenchDatabase } from './database.js';
import { generateDataset, type GenerationResult } from './generate.js';
import { parseOptions, UsageError, USAGE, type BenchOptions } from './options.js';
import { figure, machineTable, renderTable, writeResults, type Table } from './report.js';
import type { BenchSection, BenchStep } from './step.js';
import { httpStep } from './steps/http.js';
import { ledgerStep } from './steps/ledger.js';
import { matchingStep } from './steps/matching.js';
import { statementStep } from './steps/statement.js';
import { searchStep } from './steps/search.js';
import { reportStep } from './steps/report.js';
import { assetsStep } from './steps/assets.js';
import { volunteeringStep } from './steps/volunteering.js';
import { befriendingStep } from './steps/befriending.js';
import { libraryStep } from './steps/library.js';
import { grantsStep } from './steps/grants.js';
import { grantsExportStep } from './steps/grants-export.js';
import { grantsPanelStep } from './steps/grants-panel.js';
import { eventsStep } from './steps/events.js';
import { spacesStep } from './steps/spaces.js';
import { suggestionsStep } from './steps/suggestions.js';
import { announcementsStep } from './steps/announcements.js';
import { participationStep } from './steps/participation.js';

/**
 * The benchmarks, in the order they run. Each is a file in bench/steps/; later ones
 * (search latency in process, ledger transfers against the raw insert ceiling...) add
 * a line here.
 */
const STEPS: readonly BenchStep[] = [
  httpStep,
  searchStep,
  ledgerStep,
  statementStep,
  matchingStep,
  assetsStep,
  volunteeringStep,
  befriendingStep,
  libraryStep,
  grantsStep,
  grantsExportStep,
  grantsPanelStep,
  spacesStep,
  eventsStep,
  suggestionsStep,
  announcementsStep,
  participationStep,
  reportStep,
];

const log = (line: string) => process.stdout.write(`${line}\n`);

async function main(argv: string[]): Promise<number> {
  let options: BenchOptions | 'help';
  try {
    options = parseOptions(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (options === 'help') {
    log(USAGE);
    return 0;
  }
  const steps = chooseSteps(options.only);
  if (!steps) return 2;

  const started = performance.now();
  const mode = options.quick ? 'quick check' : 'full run';
  log(`Kith benchmarks (${mode}) on ${options.dialect}, seed ${options.seed}`);

  const database = await freshBenchDatabase(options);
  let kith: Kith | undefined;
  const failures: Array<{ step: string; error: Error }> = [];
  const sections: BenchSection[] = [];
  try {
    const migrateStarted = performance.now();
    // Through createKith, so the schema is exactly what Kith's migrations make.
    kith = await createKith(benchConfig(database.target), { log: pino({ level: 'warn' }) });
    const migrateSeconds = (performance.now() - migrateStarted) / 1000;

    log(`Generating ${figure(options.sizes.people)} people into ${database.description}`);
    const generation = await generateDataset(kith, options, (line) => log(line));
    log(`  done in ${generation.seconds.toFixed(1)} s`);
    sections.push(datasetSection(options, database, generation, migrateSeconds));

    for (const step of steps) {
      log(`\n${step.name}: ${step.description}`);
      try {
        sections.push(...(await step.run({ options, database, generation, kith, log })));
      } catch (error) {
        // Report it and go on: the other steps' figures are still worth having.
        const failure = error instanceof Error ? error : new Error(String(error));
        failures.push({ step: step.name, error: failure });
        log(`  FAILED: ${failure.message}`);
      }
    }
  } finally {
    await kith?.close();
    await database.cleanUp();
  }

  const markdown = report(options, sections, failures, (performance.now() - started) / 1000);
  log(`\n${markdown}`);
  for (const file of writeResults(markdown, options)) log(`Written to ${file}`);
  return failures.length ? 1 : 0;
}

function chooseSteps(only: string[]): BenchStep[] | undefined {
  if (!only.length) return [...STEPS];
  const unknown = only.filter((name) => !STEPS.some((s) => s.name === name));
  if (unknown.length) {
    process.stderr.write(
      `Unknown step(s): ${unknown.join(', ')}. The steps are: ${STEPS.map((s) => s.name).join(', ')}\n`,
    );
    return undefined;
  }
  return STEPS.filter((s) => only.includes(s.name));
}

function datasetSection(
  options: BenchOptions,
  database: BenchDatabase,
  generation: GenerationResult,
  migrateSeconds: number,
): BenchSection {
  const tables = generation.capabilities.flatMap((c) => c.tables);
  // A rate over a few milliseconds (three places, say) is noise, not a figure.
  const rate = (rows: number, seconds: number) => (seconds >= 0.05 ? figure(rows / seconds) : '');
  const rows = tables.map((t) => [t.table, figure(t.rows), t.seconds.toFixed(2), rate(t.rows, t.seconds)]);
  const totalRows = tables.reduce((sum, t) => sum + t.rows, 0);
  rows.push([
    '**all, with statistics refreshed**',
    figure(totalRows),
    generation.seconds.toFixed(2),
    rate(totalRows, generation.seconds),
  ]);
  const table: Table = { columns: ['table', 'rows', 'seconds', 'rows/s'], numeric: [1, 2, 3], rows };
  const { sizes } = options;
  return {
    title: 'Dataset',
    table,
    notes: [
      `Database: ${database.description}; migrations took ${migrateSeconds.toFixed(2)} s.`,
      `Asked for ${figure(sizes.people)} people, ${figure(sizes.activities)} activities, ${figure(sizes.groups)} groups (seed ${options.seed}).`,
      ...generation.capabilities.flatMap((c) => c.notes.map((n) => `${c.capability}: ${n}.`)),
    ],
  };
}

function report(
  options: BenchOptions,
  sections: BenchSection[],
  failures: Array<{ step: string; error: Error }>,
  seconds: number,
): string {
  const lines = [
    `# Kith benchmarks: ${options.quick ? 'quick check' : 'full run'}`,
    '',
    `${new Date().toISOString().replace(/\.\d+Z$/, 'Z')}, on ${options.dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'}; the whole run took ${seconds.toFixed(0)} s.`,
    `Command: \`npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}\``,
    '',
    '## Machine',
    '',
    renderTable(machineTable()),
  ];
  for (const section of sections) {
    lines.push('', `## ${section.title}`, '');
    if (section.table) lines.push(renderTable(section.table), '');
    for (const note of section.notes ?? []) lines.push(`- ${note}`);
  }
  if (failures.length) {
    lines.push('', '## Failed', '');
    for (const f of failures) lines.push(`- ${f.step}: ${f.error.message}`);
  }
  return `${lines.join('\n').replace(/\n+$/, '')}\n`;
}

process.exitCode = await main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(
    `The benchmark could not run: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  return 1;
});
