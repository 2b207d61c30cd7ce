import type BetterSqlite3 from 'better-sqlite3';
import {
  CompiledQuery,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type Driver,
  type SqliteDatabase,
} from 'kysely';

/**
 * Kysely's own SQLite dialect, with two changes and nothing else (decision 0002):
 *
 * - `begin immediate`: the write lock is taken when a transaction starts, so a
 *   read-check-write (a ledger balance, a shift's free places) cannot be raced by
 *   another process writing the same file between the read and the write;
 * - a bounded cache of prepared statements, because preparing is a large share of
 *   the cost of the small queries a web request makes.
 *
 * Everything else is Kysely's, savepoints included (`trx.savepoint()` works as on
 * PostgreSQL).
 */
export class KithSqliteDialect extends SqliteDialect {
  readonly #database: SqliteDatabase;

  constructor(database: BetterSqlite3.Database) {
    const cached = withStatementCache(database);
    super({ database: cached });
    this.#database = cached;
  }

  override createDriver(): Driver {
    return new KithSqliteDriver({ database: this.#database });
  }
}

class KithSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

const STATEMENT_CACHE_SIZE = 500;

/** The database as Kysely sees it, preparing each statement once (the oldest is dropped past 500). */
function withStatementCache(database: BetterSqlite3.Database): SqliteDatabase {
  const statements = new Map<string, BetterSqlite3.Statement>();
  return {
    prepare(sqlText: string) {
      let statement = statements.get(sqlText);
      if (statement) return statement;
      statement = database.prepare(sqlText);
      if (statements.size >= STATEMENT_CACHE_SIZE) {
        const oldest = statements.keys().next().value;
        if (oldest !== undefined) statements.delete(oldest);
      }
      statements.set(sqlText, statement);
      return statement;
    },
    close() {
      statements.clear();
      database.close();
    },
  };
}
