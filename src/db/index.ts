import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, sql, type Transaction } from 'kysely';
import { KithPostgresDialect } from './introspector.js';
import pg from 'pg';
import type { Config } from '../config.js';
import type { Database } from './schema.js';
import { KithSqliteDialect } from './sqlite-driver.js';

export type DialectName = 'sqlite' | 'postgres';
export type Queryable = Kysely<Database>;
export type Trx = Transaction<Database>;

export interface Db {
  readonly kysely: Kysely<Database>;
  readonly dialect: DialectName;
  /** The raw SQLite handle, for online backup; absent on PostgreSQL. */
  readonly sqlite?: BetterSqlite3.Database;
  /**
   * Runs `work` in one transaction. On SQLite it holds the write lock from the
   * start; on PostgreSQL a serialization failure or deadlock is retried, so the
   * work must be safe to run again (it is: nothing commits until it returns).
   */
  transaction<T>(work: (trx: Trx) => Promise<T>, options?: { serializable?: boolean }): Promise<T>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

// pg returns bigint (int8) as text to avoid losing precision. Every int8 Kith reads is
// a count or a sum of minutes, far below 2^53, so read them as numbers.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));

const RETRYABLE_PG_CODES = new Set(['40001', '40P01']);

export function openDatabase(target: Config['database'], options: { poolSize?: number } = {}): Db {
  return target.kind === 'sqlite'
    ? openSqlite(target.file)
    : openPostgres(target.url, target.schema, options.poolSize ?? 10);
}

function openSqlite(file: string): Db {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const handle = new BetterSqlite3(file);
  handle.pragma('journal_mode = WAL');
  // NORMAL is durable across a crash of the process (kill -9); only a power cut can
  // lose the last commits, and the WAL keeps the file consistent even then.
  handle.pragma('synchronous = NORMAL');
  handle.pragma('foreign_keys = ON');
  handle.pragma('busy_timeout = 5000');
  const kysely = new Kysely<Database>({ dialect: new KithSqliteDialect(handle) });
  return {
    kysely,
    dialect: 'sqlite',
    sqlite: handle,
    transaction: (work) => kysely.transaction().execute(work),
    async ping() {
      await sql`select 1`.execute(kysely);
    },
    close: () => kysely.destroy(),
  };
}

function openPostgres(url: string, schema: string | undefined, poolSize: number): Db {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    // A schema other than public keeps parallel test runs apart on one database.
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  const kysely = new Kysely<Database>({ dialect: new KithPostgresDialect({ pool }) });
  return {
    kysely,
    dialect: 'postgres',
    async transaction(work, options) {
      for (let attempt = 1; ; attempt++) {
        try {
          const builder = options?.serializable
            ? kysely.transaction().setIsolationLevel('serializable')
            : kysely.transaction();
          return await builder.execute(work);
        } catch (error) {
          const code = (error as { code?: string }).code;
          if (!code || !RETRYABLE_PG_CODES.has(code) || attempt >= 8) throw error;
          await new Promise((r) => setTimeout(r, Math.random() * 10 * attempt));
        }
      }
    },
    async ping() {
      await sql`select 1`.execute(kysely);
    },
    close: () => kysely.destroy(),
  };
}

/** Timestamps are stored as UTC ISO-8601 text on both databases, so they sort as text. */
export function nowIso(): string {
  return new Date().toISOString();
}

/** True when a write failed on a unique constraint (two submissions racing for one email, say). */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string } | undefined;
  return e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
