import type { KithMigration } from '../../db/migrate.js';

export interface PlaceTable {
  id: string;
  /** Used in addresses: /places/<slug>. Lower-case letters, digits and hyphens. */
  slug: string;
  name: string;
  /** The place's name in Welsh, where it has one (Caerdydd for Cardiff). */
  name_cy: string | null;
  time_zone: string;
  created_at: string;
  /** 1 when an admin approves each new member before they can see what members see. */
  approves_members: number;
}

declare module '../../db/schema.js' {
  interface Database {
    places: PlaceTable;
  }
}

export const migrations: Record<string, KithMigration> = {
  '2026-11-23-04-places': {
    async up(db) {
      await db.schema
        .createTable('places')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('slug', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('name_cy', 'text')
        .addColumn('time_zone', 'text', (c) => c.notNull().defaultTo('Europe/London'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
    },
  },
  '2026-12-06-20-places-approve-members': {
    async up(db) {
      await db.schema
        .alterTable('places')
        .addColumn('approves_members', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
    },
  },
};
