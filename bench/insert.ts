import type { Insertable, Kysely } from 'kysely';
import type { Db } from '../src/db/index.js';
import type { Database } from '../src/db/schema.js';

/** Rows per SQLite transaction: large enough that commits cost nothing, small enough to bound the WAL. */
const SQLITE_ROWS_PER_TRANSACTION = 50_000;
/** Rows per PostgreSQL INSERT: ~1000 is where multi-row inserts stop getting faster. */
const POSTGRES_ROWS_PER_INSERT = 1_000;
/** PostgreSQL's wire protocol allows at most 65,535 parameters in one statement. */
const POSTGRES_MAX_PARAMETERS = 65_535;

/**
 * Inserts generated rows as fast as each database allows, because a county's worth
 * of rows inserted one by one through Kysely would take longer than the benchmarks.
 * Rows are drawn from the iterable as they are written, so a table of millions is
 * never all in memory at once. Returns how many rows were written.
 */
export async function bulkInsert<T extends keyof Database & string>(
  db: Db,
  table: T,
  rows: Iterable<Insertable<Database[T]>>,
): Promise<number> {
  return db.sqlite ? insertIntoSqlite(db.sqlite, table, rows) : insertIntoPostgres(db.kysely, table, rows);
}

type SqliteHandle = NonNullable<Db['sqlite']>;

/** One prepared statement, run for every row inside big transactions, on better-sqlite3's own handle. */
function insertIntoSqlite(handle: SqliteHandle, table: string, rows: Iterable<object>): number {
  const iterator = rows[Symbol.iterator]();
  let step = iterator.next();
  if (step.done) return 0;
  const columns = Object.keys(step.value);
  const insert = handle.prepare(
    `insert into ${quote(table)} (${columns.map(quote).join(', ')}) values (${columns.map((c) => `@${c}`).join(', ')})`,
  );
  let written = 0;
  const writeChunk = handle.transaction(() => {
    for (let n = 0; n < SQLITE_ROWS_PER_TRANSACTION && !step.done; n++, step = iterator.next()) {
      insert.run(step.value);
      written++;
    }
  });
  while (!step.done) writeChunk();
  return written;
}

/** Multi-row INSERTs through Kysely, in one transaction, so a failed load leaves nothing behind. */
async function insertIntoPostgres(kysely: Kysely<Database>, table: string, rows: Iterable<object>): Promise<number> {
  let written = 0;
  await kysely.transaction().execute(async (trx) => {
    // The table name is only known at run time here; the rows were typed by the caller.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const untyped = trx as unknown as Kysely<any>;
    let batch: object[] = [];
    let batchSize = POSTGRES_ROWS_PER_INSERT;
    const flush = async () => {
      if (!batch.length) return;
      await untyped.insertInto(table).values(batch).execute();
      written += batch.length;
      batch = [];
    };
    for (const row of rows) {
      if (written === 0 && batch.length === 0) {
        batchSize = Math.min(POSTGRES_ROWS_PER_INSERT, Math.floor(POSTGRES_MAX_PARAMETERS / Object.keys(row).length));
      }
      batch.push(row);
      if (batch.length >= batchSize) await flush();
    }
    await flush();
  });
  return written;
}

function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}
