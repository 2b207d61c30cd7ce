import type { KithMigration } from '../../db/migrate.js';
import type { Role } from '../../policy/index.js';

export interface PersonTable {
  id: string;
  /** Null once the person is erased: the row stays so history can point at "someone". */
  name: string | null;
  /** Lower-cased; unique while set. */
  email: string | null;
  /** scrypt$N$r$p$salt$hash, or null for an account that has not set one yet. */
  password_hash: string | null;
  language: 'en' | 'cy';
  created_at: string;
  updated_at: string;
  last_signed_in_at: string | null;
  erased_at: string | null;
  /**
   * When the person showed they receive mail at `email` (a link from it, or a password
   * reset through it). Until then they hold no role anywhere: signing up with somebody
   * else's address must not open what a place keeps for its members.
   */
  email_confirmed_at: string | null;
}

/** A person's roles in a place. Any role makes them a member of that place. */
export interface PlaceRoleTable {
  place_id: string;
  person_id: string;
  role: Role;
  granted_by: string | null;
  granted_at: string;
}

export interface SessionTable {
  /** SHA-256 of the cookie's token: a copy of the table does not let anyone sign in. */
  id: string;
  person_id: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

export interface PasswordResetTable {
  /** SHA-256 of the token in the emailed link. */
  id: string;
  person_id: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

/** Failed sign-ins per email address (known or not), for the per-account delay. */
export interface SignInThrottleTable {
  /** SHA-256 of the lower-cased email: addresses with no account are not kept in the clear. */
  id: string;
  failures: number;
  last_failed_at: string;
  blocked_until: string;
}

/** A link, emailed at sign-up, that shows the person receives mail at the address. */
export interface EmailConfirmationTable {
  /** SHA-256 of the token in the emailed link. */
  id: string;
  person_id: string;
  /** The address the link was sent to: it confirms that address and no other. */
  email: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

/** Someone asking to join a place whose admins approve new members. */
export interface MembershipRequestTable {
  place_id: string;
  person_id: string;
  requested_at: string;
}

/** One person blocking another: the blocked person cannot message them, and their announcements are not emailed to them. */
export interface PersonBlockTable {
  person_id: string;
  blocked_id: string;
  created_at: string;
}

declare module '../../db/schema.js' {
  interface Database {
    people_blocks: PersonBlockTable;
    sign_in_throttle: SignInThrottleTable;
    people: PersonTable;
    place_roles: PlaceRoleTable;
    sessions: SessionTable;
    password_resets: PasswordResetTable;
    email_confirmations: EmailConfirmationTable;
    membership_requests: MembershipRequestTable;
  }
}

export const migrations: Record<string, KithMigration> = {
  '2026-11-23-05-people': {
    async up(db) {
      await db.schema
        .createTable('people')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text')
        .addColumn('email', 'text', (c) => c.unique())
        .addColumn('password_hash', 'text')
        .addColumn('language', 'text', (c) => c.notNull().defaultTo('en'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('last_signed_in_at', 'text')
        .addColumn('erased_at', 'text')
        .execute();
      await db.schema
        .createTable('place_roles')
        .addColumn('place_id', 'text', (c) => c.notNull().references('places.id').onDelete('cascade'))
        .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('granted_by', 'text')
        .addColumn('granted_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('place_roles_pk', ['place_id', 'person_id', 'role'])
        .execute();
      await db.schema.createIndex('place_roles_person').on('place_roles').column('person_id').execute();
      await db.schema
        .createTable('sessions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('last_seen_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('sessions_person').on('sessions').column('person_id').execute();
      await db.schema
        .createTable('password_resets')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('used_at', 'text')
        .execute();
      await db.schema.createIndex('password_resets_person').on('password_resets').column('person_id').execute();
    },
  },
  '2026-12-06-01-sign-in-throttle': {
    async up(db) {
      await db.schema
        .createTable('sign_in_throttle')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('failures', 'integer', (c) => c.notNull())
        .addColumn('last_failed_at', 'text', (c) => c.notNull())
        .addColumn('blocked_until', 'text', (c) => c.notNull())
        .execute();
    },
  },
  '2026-12-06-21-email-confirmation': {
    async up(db) {
      await db.schema.alterTable('people').addColumn('email_confirmed_at', 'text').execute();
      // Everyone who had an account before confirmation existed keeps what they had.
      await db
        .updateTable('people')
        .set((eb) => ({ email_confirmed_at: eb.ref('created_at') }))
        .where('email', 'is not', null)
        .execute();
      await db.schema
        .createTable('email_confirmations')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('used_at', 'text')
        .execute();
      await db.schema.createIndex('email_confirmations_person').on('email_confirmations').column('person_id').execute();
      await db.schema
        .createTable('membership_requests')
        .addColumn('place_id', 'text', (c) => c.notNull().references('places.id').onDelete('cascade'))
        .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
        .addColumn('requested_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('membership_requests_pk', ['place_id', 'person_id'])
        .execute();
      await db.schema.createIndex('membership_requests_person').on('membership_requests').column('person_id').execute();
    },
  },
  '2026-12-08-51-people-blocks': {
    async up(db) {
      await db.schema
        .createTable('people_blocks')
        .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
        .addColumn('blocked_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('people_blocks_pk', ['person_id', 'blocked_id'])
        .execute();
      // Who blocked this author: read for every announcement sent.
      await db.schema.createIndex('people_blocks_blocked').on('people_blocks').column('blocked_id').execute();
    },
  },
};
