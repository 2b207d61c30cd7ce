import type { KithMigration } from '../../db/migrate.js';

/**
 * Submissions already handled, by the key their form carried: a double-clicked or
 * retried form gets the first answer again instead of doing the work twice.
 */
export interface IdempotencyKeyTable {
  key: string;
  /** Whose submission: a person id, or the anonymous session's hashed token. */
  owner: string;
  /** Where the first submission sent the person (a redirect), as JSON. */
  response: string;
  created_at: string;
}

declare module '../../db/schema.js' {
  interface Database {
    idempotency_keys: IdempotencyKeyTable;
  }
}

export const migrations: Record<string, KithMigration> = {
  '2026-11-23-02-idempotency-keys': {
    async up(db) {
      await db.schema
        .createTable('idempotency_keys')
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('owner', 'text', (c) => c.notNull())
        .addColumn('response', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('idempotency_keys_pk', ['owner', 'key'])
        .execute();
      await db.schema.createIndex('idempotency_keys_created').on('idempotency_keys').column('created_at').execute();
    },
  },
};
