import type { KithMigration } from '../../db/migrate.js';

export interface JobTable {
  id: string;
  place_id: string | null;
  /** Whose personal data the payload holds (an email to them), so erasure can remove it. */
  person_id: string | null;
  kind: string;
  payload: string;
  status: 'pending' | 'running' | 'done' | 'failed';
  run_at: string;
  attempts: number;
  locked_until: string | null;
  last_error: string | null;
  /** Stops a repeated enqueue (a schedule tick, a retried request) making a second job. */
  dedupe_key: string | null;
  created_at: string;
  finished_at: string | null;
}

declare module '../../db/schema.js' {
  interface Database {
    jobs: JobTable;
  }
}

export const migrations: Record<string, KithMigration> = {
  '2026-11-23-02-jobs': {
    async up(db) {
      await db.schema
        .createTable('jobs')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('place_id', 'text')
        .addColumn('person_id', 'text')
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('run_at', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('locked_until', 'text')
        .addColumn('last_error', 'text')
        .addColumn('dedupe_key', 'text', (c) => c.unique())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('finished_at', 'text')
        .execute();
      await db.schema.createIndex('jobs_due').on('jobs').columns(['status', 'run_at']).execute();
      await db.schema.createIndex('jobs_person').on('jobs').column('person_id').execute();
    },
  },
};
