import type { KithMigration } from '../../db/migrate.js';

export interface AuditEventTable {
  id: string;
  place_id: string | null;
  /** The person who acted; null for the system, or once that person is erased. */
  actor_id: string | null;
  action: string;
  subject_type: string | null;
  subject_id: string | null;
  /** JSON. Identifiers and facts only: never a name, email or free text about a person. */
  detail: string;
  created_at: string;
}

declare module '../../db/schema.js' {
  interface Database {
    audit_events: AuditEventTable;
  }
}

export const migrations: Record<string, KithMigration> = {
  '2026-11-23-01-audit-events': {
    async up(db) {
      await db.schema
        .createTable('audit_events')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('place_id', 'text')
        .addColumn('actor_id', 'text')
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('subject_type', 'text')
        .addColumn('subject_id', 'text')
        .addColumn('detail', 'text', (c) => c.notNull().defaultTo('{}'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('audit_events_place_created')
        .on('audit_events')
        .columns(['place_id', 'created_at'])
        .execute();
      await db.schema.createIndex('audit_events_actor').on('audit_events').column('actor_id').execute();
      await db.schema
        .createIndex('audit_events_subject')
        .on('audit_events')
        .columns(['subject_type', 'subject_id'])
        .execute();
    },
  },
};
