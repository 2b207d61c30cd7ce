import { sql } from 'kysely';
import type { KithMigration } from '../../db/migrate.js';

export type Tier = 'community' | 'resident' | 'commercial';
export type Approval = 'automatic' | 'owner';
export type BookingStatus = 'provisional' | 'confirmed' | 'refused' | 'cancelled' | 'lapsed';

/** A room or hall people can book, at a directory location, listed by those who run it. */
export interface SpaceTable {
  id: string;
  place_id: string;
  /** A small number per space, for PostgreSQL's exclusion constraint over bookings (see the migration). */
  space_key: number;
  location_id: string;
  /** The directory organisation that runs it; null for a council space listed by an officer. */
  organisation_id: string | null;
  listed_by: string | null;
  name: string;
  description: string;
  capacity: number;
  /** Comma-separated keys of LAYOUTS, ACCESSIBILITY and FACILITIES (rules.ts). */
  layouts: string;
  accessibility: string;
  facilities: string;
  /** Days open, Monday first, as WEEKDAYS codes ("MO,TU,WE"); and the hours, HH:MM. */
  open_days: string;
  opens_at: string;
  closes_at: string;
  /** Rates as JSON: { community: { hour, halfDay, day }, resident: ..., commercial: ... } in whole pence; null when not offered. */
  rates: string;
  deposit_pence: number;
  house_rules: string;
  min_notice_hours: number;
  max_ahead_days: number;
  turnaround_minutes: number;
  approval: Approval;
  /** How long a provisional booking is held for the owner's decision before it lapses. */
  hold_hours: number;
  /** Meanwhile use: an empty unit offered for a licence period (dates, inclusive); null for a standing space. */
  licence_from: string | null;
  licence_until: string | null;
  /** A booker who cancels with less notice than this still owes the hire charge (0: free to cancel until it starts). */
  cancel_notice_hours: number;
  status: 'listed' | 'withdrawn';
  created_at: string;
  updated_at: string;
}

/** A booking of a space: held while it waits for approval, confirmed, or ended. */
export interface SpaceBookingTable {
  id: string;
  place_id: string;
  space_id: string;
  space_key: number;
  /** Bookings asked for together (every Tuesday for ten weeks) share a series. */
  series_id: string | null;
  booker_id: string | null;
  /** The community group it is for (a directory organisation the booker belongs to). */
  organisation_id: string | null;
  tier: Tier;
  purpose: string;
  attendees: number;
  starts_at: string;
  ends_at: string;
  /** Minutes since 1970 (UTC): the booking, and how long it keeps the space (its end plus the turnaround gap). */
  start_minute: number;
  end_minute: number;
  block_end_minute: number;
  status: BookingStatus;
  hold_expires_at: string | null;
  price_pence: number;
  deposit_pence: number;
  reason: string;
  decided_by: string | null;
  decided_at: string | null;
  /** 1 when the owner recorded that nobody came to a confirmed booking. */
  no_show: number;
  /** 1 when the booker cancelled with less notice than the space asks: the hire charge stands. */
  late_cancel: number;
  created_at: string;
  updated_at: string;
}

export type PaymentMethod = 'bank_transfer' | 'card' | 'cash' | 'cheque';

/** A payment the owner received for a booking: recorded, never taken, by Kith. */
export interface SpacePaymentTable {
  id: string;
  place_id: string;
  booking_id: string;
  amount_pence: number;
  /** The day it was paid, on the place's calendar (YYYY-MM-DD). */
  paid_on: string;
  method: PaymentMethod;
  reference: string;
  recorded_by: string | null;
  created_at: string;
}

/** A booker's private calendar feed: the address holds a secret whose hash is kept; revoked by replacing it. */
export interface SpaceFeedTable {
  id: string;
  place_id: string;
  person_id: string;
  token_hash: string;
  created_at: string;
  revoked_at: string | null;
}

declare module '../../db/schema.js' {
  interface Database {
    spaces_spaces: SpaceTable;
    spaces_bookings: SpaceBookingTable;
    spaces_payments: SpacePaymentTable;
    spaces_feeds: SpaceFeedTable;
  }
}

export const migrations: Record<string, KithMigration> = {
  '2026-12-06-01-spaces': {
    async up(db, dialect) {
      await db.schema
        .createTable('spaces_spaces')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('place_id', 'text', (c) => c.notNull().references('places.id'))
        .addColumn('space_key', 'integer', (c) => c.notNull().unique())
        .addColumn('location_id', 'text', (c) => c.notNull())
        .addColumn('organisation_id', 'text')
        .addColumn('listed_by', 'text')
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('capacity', 'integer', (c) => c.notNull())
        .addColumn('layouts', 'text', (c) => c.notNull())
        .addColumn('accessibility', 'text', (c) => c.notNull())
        .addColumn('facilities', 'text', (c) => c.notNull())
        .addColumn('open_days', 'text', (c) => c.notNull())
        .addColumn('opens_at', 'text', (c) => c.notNull())
        .addColumn('closes_at', 'text', (c) => c.notNull())
        .addColumn('rates', 'text', (c) => c.notNull())
        .addColumn('deposit_pence', 'integer', (c) => c.notNull())
        .addColumn('house_rules', 'text', (c) => c.notNull())
        .addColumn('min_notice_hours', 'integer', (c) => c.notNull())
        .addColumn('max_ahead_days', 'integer', (c) => c.notNull())
        .addColumn('turnaround_minutes', 'integer', (c) => c.notNull())
        .addColumn('approval', 'text', (c) => c.notNull())
        .addColumn('hold_hours', 'integer', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('spaces_spaces_place')
        .on('spaces_spaces')
        .columns(['place_id', 'status', 'capacity'])
        .execute();
      await db.schema
        .createTable('spaces_bookings')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('place_id', 'text', (c) => c.notNull().references('places.id'))
        .addColumn('space_id', 'text', (c) => c.notNull().references('spaces_spaces.id'))
        .addColumn('space_key', 'integer', (c) => c.notNull())
        .addColumn('series_id', 'text')
        .addColumn('booker_id', 'text')
        .addColumn('organisation_id', 'text')
        .addColumn('tier', 'text', (c) => c.notNull())
        .addColumn('purpose', 'text', (c) => c.notNull())
        .addColumn('attendees', 'integer', (c) => c.notNull())
        .addColumn('starts_at', 'text', (c) => c.notNull())
        .addColumn('ends_at', 'text', (c) => c.notNull())
        .addColumn('start_minute', 'integer', (c) => c.notNull())
        .addColumn('end_minute', 'integer', (c) => c.notNull())
        .addColumn('block_end_minute', 'integer', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('hold_expires_at', 'text')
        .addColumn('price_pence', 'integer', (c) => c.notNull())
        .addColumn('deposit_pence', 'integer', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('decided_by', 'text')
        .addColumn('decided_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('spaces_bookings_space_time')
        .on('spaces_bookings')
        .columns(['space_id', 'start_minute', 'block_end_minute'])
        .execute();
      await db.schema.createIndex('spaces_bookings_series').on('spaces_bookings').column('series_id').execute();
      await db.schema
        .createIndex('spaces_bookings_booker')
        .on('spaces_bookings')
        .columns(['place_id', 'booker_id', 'start_minute'])
        .execute();
      if (dialect === 'postgres') {
        // The database refuses two live bookings of one space whose times (with the
        // turnaround gap) overlap, whatever the code does. Each booking is a line at
        // x = space_key from its start to just before its block ends; GiST finds
        // overlapping boxes without an extension. Touching bookings (one ends as the
        // next begins) do not overlap because of the half minute taken off.
        await sql`
          alter table spaces_bookings add constraint spaces_bookings_no_overlap
          exclude using gist (
            box(point(space_key, start_minute), point(space_key, block_end_minute - 0.5)) with &&
          ) where (status in ('provisional', 'confirmed'))`.execute(db);
      }
    },
  },
  '2026-12-08-90-spaces-changes-payments-feeds': {
    async up(db) {
      await db.schema
        .alterTable('spaces_bookings')
        .addColumn('no_show', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema
        .createTable('spaces_payments')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('place_id', 'text', (c) => c.notNull().references('places.id'))
        .addColumn('booking_id', 'text', (c) => c.notNull().references('spaces_bookings.id'))
        .addColumn('amount_pence', 'integer', (c) => c.notNull())
        .addColumn('paid_on', 'text', (c) => c.notNull())
        .addColumn('method', 'text', (c) => c.notNull())
        .addColumn('reference', 'text', (c) => c.notNull())
        .addColumn('recorded_by', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('spaces_payments_booking').on('spaces_payments').column('booking_id').execute();
      await db.schema
        .createTable('spaces_feeds')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('place_id', 'text', (c) => c.notNull().references('places.id'))
        .addColumn('person_id', 'text', (c) => c.notNull())
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('revoked_at', 'text')
        .execute();
      await db.schema
        .createIndex('spaces_feeds_person')
        .on('spaces_feeds')
        .columns(['place_id', 'person_id'])
        .execute();
    },
  },
  '2026-12-08-91-spaces-meanwhile-use': {
    async up(db) {
      await db.schema.alterTable('spaces_spaces').addColumn('licence_from', 'text').execute();
      await db.schema.alterTable('spaces_spaces').addColumn('licence_until', 'text').execute();
    },
  },
  '2026-12-08-92-spaces-cancellation-notice': {
    async up(db) {
      await db.schema
        .alterTable('spaces_spaces')
        .addColumn('cancel_notice_hours', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema
        .alterTable('spaces_bookings')
        .addColumn('late_cancel', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
    },
  },
};
