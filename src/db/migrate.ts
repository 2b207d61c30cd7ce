import { Migrator, sql, type Kysely, type Migration, type MigrationResultSet } from 'kysely';
import type { Db, DialectName } from './index.js';

/**
 * A migration as a module writes it: told which database it runs on, for the few
 * places where the two differ (full-text indexes, say). Names sort in the order
 * they must run across every module: `YYYY-MM-DD-NN-module-what`.
 */
export interface KithMigration {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  up(db: Kysely<any>, dialect: DialectName): Promise<void>;
}

export async function migrateToLatest(db: Db, migrations: Record<string, KithMigration>): Promise<string[]> {
  const names = Object.keys(migrations).sort();
  const kyselyMigrations: Record<string, Migration> = {};
  for (const name of names) {
    const migration = migrations[name]!;
    kyselyMigrations[name] = {
      // Kysely runs SQLite migrations outside a transaction (it cannot know DDL is
      // transactional there); wrap each one so a failure leaves nothing half-made.
      up: (kdb) =>
        db.dialect === 'sqlite'
          ? kdb.transaction().execute((trx) => migration.up(trx, 'sqlite'))
          : migration.up(kdb, 'postgres'),
    };
  }
  // Name the schema: otherwise Kysely takes a kith_migrations table in any other schema
  // of the same database (another deployment's, a test's) for this one's.
  const schema =
    db.dialect === 'postgres'
      ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db.kysely)).rows[0]?.schema
      : undefined;
  const migrator = new Migrator({
    db: db.kysely,
    provider: { getMigrations: async () => kyselyMigrations },
    migrationTableName: 'kith_migrations',
    migrationLockTableName: 'kith_migrations_lock',
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const result: MigrationResultSet = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error');
    const reason = result.error instanceof Error ? result.error.message : String(result.error);
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${reason}`, { cause: result.error });
  }
  return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
