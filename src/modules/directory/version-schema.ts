import { sql } from 'kysely';
import type { KithMigration } from '../../db/migrate.js';

/**
 * A place's directory version: a number the database itself raises whenever any of the
 * place's directory rows change, in the transaction that changes them. The search page
 * keeps what it has worked out (results, the rendered page) under the version it read
 * first, so whatever a process holds in memory is used only while the database still
 * says that version: an edit made through any process shows on the very next search.
 *
 * Triggers, not calls in the commands, so that no way of writing (a form, an import,
 * the command line, a bulk load) can forget it.
 */
export interface DirectoryVersionTable {
  /** No foreign key: a place being deleted takes its listings with it, and their triggers run after. */
  place_id: string;
  version: number;
}

declare module '../../db/schema.js' {
  interface Database {
    directory_versions: DirectoryVersionTable;
  }
}

/** Every table whose rows a search or its page shows, or filters by. */
/** Each change a trigger fires on, and which rows (the new or the old) name the place. */
const EVENTS = [
  ['insert', 'new'],
  ['update', 'new'],
  ['delete', 'old'],
] as const;

export const VERSIONED_TABLES = [
  'directory_organisations',
  'directory_locations',
  'directory_activities',
  'directory_activity_locations',
  'directory_schedules',
  'directory_cost_options',
  'directory_contacts',
  'directory_activity_languages',
  'directory_taxonomies',
  'directory_taxonomy_terms',
  'directory_attributes',
] as const;

export const versionMigrations: Record<string, KithMigration> = {
  '2026-12-07-24-directory-version': {
    async up(db, dialect) {
      await db.schema
        .createTable('directory_versions')
        .addColumn('place_id', 'text', (c) => c.primaryKey())
        .addColumn('version', 'bigint', (c) => c.notNull().defaultTo(0))
        .execute();
      if (dialect === 'sqlite') {
        // SQLite has only row triggers; raising one row in place costs little even in a bulk load.
        for (const table of VERSIONED_TABLES) {
          for (const [event, row] of EVENTS) {
            await sql
              .raw(
                `create trigger ${table}_${event}_version after ${event} on ${table} begin
                  insert into directory_versions (place_id, version) values (${row}.place_id, 1)
                  on conflict (place_id) do update set version = version + 1;
                end`,
              )
              .execute(db);
          }
        }
        return;
      }
      // PostgreSQL: once a statement, not once a row, so a multi-row insert raises the
      // version once rather than rewriting the same row thousands of times in one transaction.
      await sql`create function directory_raise_version() returns trigger language plpgsql as $$
        begin
          insert into directory_versions (place_id, version)
            select distinct place_id, 1 from changed_rows
          on conflict (place_id) do update set version = directory_versions.version + 1;
          return null;
        end $$`.execute(db);
      for (const table of VERSIONED_TABLES) {
        for (const [event, rows] of EVENTS) {
          await sql
            .raw(
              `create trigger ${table}_${event}_version after ${event} on ${table}
                referencing ${rows} table as changed_rows for each statement execute function directory_raise_version()`,
            )
            .execute(db);
        }
      }
    },
  },
};
