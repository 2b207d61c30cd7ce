import type { KithMigration } from '../../db/migrate.js';

/** Settings of the deployment itself (not of a place), such as the CSRF signing secret. */
export interface InstanceSettingTable {
  key: string;
  value: string;
}

declare module '../../db/schema.js' {
  interface Database {
    instance_settings: InstanceSettingTable;
  }
}

export const migrations: Record<string, KithMigration> = {
  '2026-11-23-00-instance-settings': {
    async up(db) {
      await db.schema
        .createTable('instance_settings')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute();
    },
  },
};
