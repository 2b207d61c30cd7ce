/**
 * `npm test`: type-check, lint, check that modules import one another only through their
 * index.ts with no import cycle, then every unit and integration test on SQLite, again on
 * PostgreSQL when one is reachable, then the browser journeys in Chromium. With
 * CI=true, PostgreSQL and Chromium are required: their absence fails the run.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';

const ROOT = path.resolve(import.meta.dirname, '..');
const CI = process.env.CI === 'true';
const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// --sqlite-only: just the unit and integration tests on SQLite (CI runs them again on
// the current Node.js LTS this way).
const sqliteOnly = process.argv.includes('--sqlite-only');
const only = process.argv.slice(2).filter((a) => a !== '--sqlite-only');

function findTests(dir: string, suffix: string): string[] {
  return fs
    .readdirSync(path.join(ROOT, dir), { recursive: true })
    .map(String)
    .filter((f) => f.endsWith(suffix))
    .map((f) => path.join(dir, f))
    .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
    .sort();
}

function run(title: string, command: string, args: string[], env: Record<string, string> = {}): boolean {
  process.stdout.write(`\n━━ ${title}\n`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } });
  const ok = result.status === 0;
  process.stdout.write(`━━ ${title}: ${ok ? 'passed' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  return ok;
}

async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

const results: Array<[string, boolean | 'not run']> = [];
const unit = findTests('src', '.test.ts');
const journeys = findTests('test/e2e', '.test.ts');
const nodeTest = (files: string[], concurrency = 2) => [
  '--import',
  'tsx',
  '--test',
  `--test-concurrency=${concurrency}`,
  '--test-reporter=spec',
  ...files,
];

if (only.length === 0 && !sqliteOnly) {
  results.push(['Type check', run('Type check (tsc)', 'npx', ['tsc', '--noEmit', '-p', '.'])]);
  results.push(['Lint and format', run('Lint (ESLint) and format (Prettier)', 'npm', ['run', '--silent', 'lint'])]);
  results.push([
    'Module boundaries and import cycles',
    run('Module boundaries and import cycles', process.execPath, ['--import', 'tsx', 'scripts/check-imports.ts']),
  ]);
}

if (unit.length) {
  results.push([
    'Tests on SQLite',
    run(`Tests on SQLite (${unit.length} files)`, process.execPath, nodeTest(unit), { KITH_TEST_DB: 'sqlite' }),
  ]);
  if (sqliteOnly) {
    // Nothing more.
  } else if (await postgresReachable()) {
    results.push([
      'Tests on PostgreSQL',
      run(`Tests on PostgreSQL (${unit.length} files)`, process.execPath, nodeTest(unit), {
        KITH_TEST_DB: 'postgres',
        TEST_DATABASE_URL,
      }),
    ]);
  } else {
    process.stdout.write(`\nPostgreSQL is not reachable at ${TEST_DATABASE_URL}.\n`);
    results.push(['Tests on PostgreSQL', CI ? false : 'not run']);
  }
}

if (journeys.length && !sqliteOnly) {
  if (fs.existsSync(CHROMIUM)) {
    results.push([
      'Browser journeys in Chromium',
      run(`Browser journeys in Chromium (${journeys.length} files)`, process.execPath, nodeTest(journeys, 1), {
        CHROMIUM_PATH: CHROMIUM,
      }),
    ]);
  } else {
    process.stdout.write(`\nChromium is not installed at ${CHROMIUM} (apt-get install -y chromium).\n`);
    results.push(['Browser journeys in Chromium', CI ? false : 'not run']);
  }
}

process.stdout.write('\nSummary\n');
for (const [name, ok] of results)
  process.stdout.write(`  ${ok === true ? 'passed ' : ok === false ? 'FAILED ' : 'not run'}  ${name}\n`);
process.exitCode = results.some(([, ok]) => ok === false) ? 1 : 0;
