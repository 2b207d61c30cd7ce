import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { loadConfig, type Config } from '../src/config.js';
import type { BenchOptions } from './options.js';

export const BENCH_DIR = import.meta.dirname;
/** Git-ignored: a county's worth of generated people is not something to commit. */
export const DATA_DIR = path.join(BENCH_DIR, '.data');
const SQLITE_FILE = path.join(DATA_DIR, 'kith-bench.sqlite');
/** One fixed schema name, so a run that was interrupted is cleaned up by the next one. */
const POSTGRES_SCHEMA = 'kith_bench';

export interface BenchDatabase {
  target: Config['database'];
  /** For the report: where the rows live. */
  description: string;
  /** Removes what the run made, where it would otherwise linger on a shared server. */
  cleanUp(): Promise<void>;
}

/**
 * An empty database for this run: a new SQLite file, or a new schema on the
 * PostgreSQL server (as the tests do), so a benchmark never measures leftovers from
 * an earlier run or touches anyone's real data.
 */
export async function freshBenchDatabase(options: BenchOptions): Promise<BenchDatabase> {
  if (options.dialect === 'sqlite') {
    fs.mkdirSync(DATA_DIR, { recursive: true });
    for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(SQLITE_FILE + suffix, { force: true });
    return {
      target: { kind: 'sqlite', file: SQLITE_FILE },
      description: `SQLite (WAL) at ${path.relative(process.cwd(), SQLITE_FILE)}`,
      // Kept: the file is git-ignored and handy to inspect; the next run replaces it.
      cleanUp: async () => {},
    };
  }
  await onPostgres(
    options.databaseUrl,
    `drop schema if exists ${POSTGRES_SCHEMA} cascade; create schema ${POSTGRES_SCHEMA}`,
  );
  const server = new URL(options.databaseUrl);
  return {
    target: { kind: 'postgres', url: options.databaseUrl, schema: POSTGRES_SCHEMA },
    description: `PostgreSQL ${await postgresVersion(options.databaseUrl)} at ${server.host}${server.pathname}, schema ${POSTGRES_SCHEMA}`,
    cleanUp: () => onPostgres(options.databaseUrl, `drop schema if exists ${POSTGRES_SCHEMA} cascade`),
  };
}

async function onPostgres(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

async function postgresVersion(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ server_version: string }>('show server_version');
    return rows[0]?.server_version.split(' ')[0] ?? '';
  } finally {
    await client.end();
  }
}

/**
 * Kith configured as a deployment would run it: NODE_ENV=production, because in
 * development templates are read from disk on every render and every figure would
 * measure that instead. Mail stays in the database (no SMTP server here), the demo is
 * off, and logs are quiet so writing them is not what gets measured.
 */
export function benchConfig(database: Config['database'], port = 0): Config {
  // Production's start-up checks refuse dev mail, which a benchmark needs (no SMTP server
  // here): load as a test run, then run as production.
  const config = loadConfig({
    NODE_ENV: 'test',
    PUBLIC_URL: `http://127.0.0.1:${port || 3000}`,
    HOST: '127.0.0.1',
    PORT: String(port),
    DATA_DIR,
    MAIL_TRANSPORT: 'dev',
    DEMO: 'false',
    LOG_LEVEL: 'warn',
  });
  return { ...config, env: 'production', database };
}
