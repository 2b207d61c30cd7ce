import type BetterSqlite3 from 'better-sqlite3';
import {
  CompiledQuery,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
} from 'kysely';

/**
 * Kysely's own SQLite driver prepares every statement anew and opens transactions
 * with a plain `begin`. This one differs in exactly two ways:
 *
 * - `begin immediate`: the write lock is taken when the transaction starts, so a
 *   read-check-write (a ledger balance, a shift's free places) cannot be raced by
 *   another process writing the same file between the read and the write;
 * - a bounded cache of prepared statements, because preparing is a large share of
 *   the cost of the small queries a web request makes.
 */
export class KithSqliteDialect implements Dialect {
  constructor(private readonly database: BetterSqlite3.Database) {}
  createDriver(): Driver {
    return new KithSqliteDriver(this.database);
  }
  createQueryCompiler() {
    return new SqliteQueryCompiler();
  }
  createAdapter() {
    return new SqliteAdapter();
  }
  createIntrospector(db: Kysely<unknown>) {
    return new SqliteIntrospector(db);
  }
}

const STATEMENT_CACHE_SIZE = 500;

class KithSqliteDriver implements Driver {
  readonly #connection: KithSqliteConnection;
  #locked: Promise<void> | undefined;
  #unlock: (() => void) | undefined;

  constructor(database: BetterSqlite3.Database) {
    this.#connection = new KithSqliteConnection(database);
  }
  async init() {}
  async acquireConnection(): Promise<DatabaseConnection> {
    // One connection, shared in turn: wait until whoever holds it lets go.
    while (this.#locked) await this.#locked;
    this.#locked = new Promise((resolve) => (this.#unlock = resolve));
    return this.#connection;
  }
  async releaseConnection() {
    const unlock = this.#unlock;
    this.#locked = undefined;
    this.#unlock = undefined;
    unlock?.();
  }
  async beginTransaction(connection: DatabaseConnection) {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
  async commitTransaction(connection: DatabaseConnection) {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }
  async rollbackTransaction(connection: DatabaseConnection) {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }
  async destroy() {
    this.#connection.close();
  }
}

class KithSqliteConnection implements DatabaseConnection {
  readonly #statements = new Map<string, BetterSqlite3.Statement>();
  constructor(private readonly database: BetterSqlite3.Database) {}

  #prepare(sqlText: string): BetterSqlite3.Statement {
    let statement = this.#statements.get(sqlText);
    if (statement) return statement;
    statement = this.database.prepare(sqlText);
    if (this.#statements.size >= STATEMENT_CACHE_SIZE) {
      const oldest = this.#statements.keys().next().value;
      if (oldest !== undefined) this.#statements.delete(oldest);
    }
    this.#statements.set(sqlText, statement);
    return statement;
  }

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const statement = this.#prepare(compiled.sql);
    const parameters = compiled.parameters as unknown[];
    if (statement.reader) return { rows: statement.all(...parameters) as R[] };
    const { changes, lastInsertRowid } = statement.run(...parameters);
    return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
  }

  async *streamQuery<R>(compiled: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    const statement = this.#prepare(compiled.sql);
    for (const row of statement.iterate(...(compiled.parameters as unknown[]))) {
      yield { rows: [row as R] };
    }
  }

  close() {
    this.#statements.clear();
    this.database.close();
  }
}
