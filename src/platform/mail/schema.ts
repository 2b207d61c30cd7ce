import type { KithMigration } from '../../db/migrate.js';

/** The development mailbox: in development, email is kept here instead of sent. */
export interface DevMailTable {
  id: string;
  person_id: string | null;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string;
  created_at: string;
}

declare module '../../db/schema.js' {
  interface Database {
    dev_mail: DevMailTable;
  }
}

export const migrations: Record<string, KithMigration> = {
  '2026-11-23-03-dev-mail': {
    async up(db) {
      await db.schema
        .createTable('dev_mail')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('person_id', 'text')
        .addColumn('to_address', 'text', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('text_body', 'text', (c) => c.notNull())
        .addColumn('html_body', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('dev_mail_created').on('dev_mail').column('created_at').execute();
    },
  },
};
