import { sql, type Generated } from 'kysely';
import type { KithMigration } from '../../db/migrate.js';

/**
 * Befriending and peer support: one-to-one matches an organisation's coordinators make
 * between a volunteer and a neighbour (an older person living alone, or someone who
 * wants a peer with lived experience beside them). Every table carries place_id; a
 * scheme belongs to a directory organisation, whose coordinators run it.
 */

export type SchemeKind = 'befriending' | 'peer_support';
export type Side = 'volunteer' | 'neighbour';
export type ProfileStatus = 'waiting' | 'matched' | 'paused' | 'withdrawn';
export type MatchStatus = 'introduced' | 'active' | 'ended';
export type Gender = 'woman' | 'man' | 'other' | 'unsaid';
export type GenderPreference = 'woman' | 'man' | 'any';
export type Going = 'well' | 'concerns' | 'not_working';

export interface SchemeTable {
  id: string;
  place_id: string;
  organisation_id: string;
  name: string;
  kind: SchemeKind;
  description: string;
  /** Checks a volunteer needs before an introduction, comma-separated (volunteering's check kinds). */
  requirements: string;
  /** How often a coordinator should hear how each match is going. */
  checkin_days: number;
  status: 'open' | 'closed';
  /** What its coordinator would do differently, said on closing it ('' when not said). */
  closing_differently: Generated<string>;
  /** Goes up with every change to the scheme's profiles, in the same transaction: a cached waiting list is current while it matches. */
  roster_version: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

/**
 * One side of a possible match. A person with an account fills in their own; a
 * coordinator may fill one in with someone who has none (a neighbour referred by
 * phone), who is then known by name and how to reach them.
 */
export interface ProfileTable {
  id: string;
  place_id: string;
  scheme_id: string;
  organisation_id: string;
  side: Side;
  person_id: string | null;
  name: string;
  /** A phone number or address for someone without an account; '' otherwise. */
  contact: string;
  /** Bits of matching.ts's lists. */
  interests: number;
  languages: number;
  /** Day × part of the day, 21 bits (matching.ts slotBit); 0 means any time. */
  availability: number;
  ways: number;
  experiences: number;
  postcode: string;
  latitude: number | null;
  longitude: number | null;
  travel_miles: number;
  gender: Gender;
  prefers: GenderPreference;
  /** In their own words; shown to the person they are introduced to. */
  about: string;
  /** The coordinators' notes (safeguarding, needs): seen by them and the place's admins only. */
  notes: string;
  status: ProfileStatus;
  /** When they last began waiting for a match: suggestions favour whoever has waited longest. */
  waiting_since: string;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface MatchTable {
  id: string;
  place_id: string;
  scheme_id: string;
  organisation_id: string;
  volunteer_profile_id: string;
  neighbour_profile_id: string;
  status: MatchStatus;
  /** Why the coordinator was shown this pair, as it stood at the introduction (JSON of reasons). */
  reasons: string;
  /** How many days the neighbour had waited when they were introduced. */
  waited_days: number;
  introduced_by: string | null;
  introduced_at: string;
  started_at: string | null;
  ended_at: string | null;
  end_reason: string | null;
  ended_by: string | null;
  last_checkin_on: string | null;
  created_at: string;
}

export interface CheckinTable {
  id: string;
  place_id: string;
  match_id: string;
  checked_on: string;
  with_whom: Side | 'both';
  going: Going;
  /** Coordinators only. */
  note: string;
  recorded_by: string | null;
  recorded_at: string;
}

declare module '../../db/schema.js' {
  interface Database {
    befriending_schemes: SchemeTable;
    befriending_profiles: ProfileTable;
    befriending_matches: MatchTable;
    befriending_checkins: CheckinTable;
  }
}

export const migrations: Record<string, KithMigration> = {
  '2026-11-29-10-befriending': {
    async up(db) {
      await db.schema
        .createTable('befriending_schemes')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('place_id', 'text', (c) => c.notNull())
        .addColumn('organisation_id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('requirements', 'text', (c) => c.notNull())
        .addColumn('checkin_days', 'integer', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('roster_version', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_by', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('befriending_schemes_place')
        .on('befriending_schemes')
        .columns(['place_id', 'status', 'name'])
        .execute();
      await db.schema
        .createIndex('befriending_schemes_organisation')
        .on('befriending_schemes')
        .columns(['organisation_id'])
        .execute();

      let profiles = db.schema.createTable('befriending_profiles').addColumn('id', 'text', (c) => c.primaryKey());
      for (const column of ['place_id', 'scheme_id', 'organisation_id', 'side'])
        profiles = profiles.addColumn(column, 'text', (c) => c.notNull());
      profiles = profiles
        .addColumn('person_id', 'text')
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('contact', 'text', (c) => c.notNull());
      for (const column of ['interests', 'languages', 'availability', 'ways', 'experiences'])
        profiles = profiles.addColumn(column, 'integer', (c) => c.notNull().defaultTo(0));
      profiles = profiles
        .addColumn('postcode', 'text', (c) => c.notNull())
        .addColumn('latitude', 'real')
        .addColumn('longitude', 'real')
        .addColumn('travel_miles', 'integer', (c) => c.notNull().defaultTo(0));
      for (const column of ['gender', 'prefers', 'about', 'notes', 'status', 'waiting_since'])
        profiles = profiles.addColumn(column, 'text', (c) => c.notNull());
      await profiles
        .addColumn('created_by', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      // Suggestions read one side of one scheme's waiting list: the index holds every column matching
      // reads, so ten thousand candidates come from the index alone, never the table.
      await db.schema
        .createIndex('befriending_profiles_waiting')
        .on('befriending_profiles')
        .columns([
          'scheme_id',
          'side',
          'status',
          'languages',
          'prefers',
          'gender',
          'availability',
          'ways',
          'interests',
          'experiences',
          'travel_miles',
          'latitude',
          'longitude',
          'waiting_since',
          'id',
        ])
        .execute();
      await db.schema
        .createIndex('befriending_profiles_person')
        .on('befriending_profiles')
        .columns(['person_id'])
        .execute();
      // One live profile a person a side a scheme: a double click cannot make two.
      await sql`create unique index befriending_profiles_one on befriending_profiles (scheme_id, side, person_id) where person_id is not null and status <> 'withdrawn'`.execute(
        db,
      );

      await db.schema
        .createTable('befriending_matches')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('place_id', 'text', (c) => c.notNull())
        .addColumn('scheme_id', 'text', (c) => c.notNull())
        .addColumn('organisation_id', 'text', (c) => c.notNull())
        .addColumn('volunteer_profile_id', 'text', (c) => c.notNull())
        .addColumn('neighbour_profile_id', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('reasons', 'text', (c) => c.notNull())
        .addColumn('waited_days', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('introduced_by', 'text')
        .addColumn('introduced_at', 'text', (c) => c.notNull())
        .addColumn('started_at', 'text')
        .addColumn('ended_at', 'text')
        .addColumn('end_reason', 'text')
        .addColumn('ended_by', 'text')
        .addColumn('last_checkin_on', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      // Each profile is in at most one live match: two coordinators introducing the same person at once get one match.
      await sql`create unique index befriending_matches_volunteer on befriending_matches (volunteer_profile_id) where status <> 'ended'`.execute(
        db,
      );
      await sql`create unique index befriending_matches_neighbour on befriending_matches (neighbour_profile_id) where status <> 'ended'`.execute(
        db,
      );
      await db.schema
        .createIndex('befriending_matches_scheme')
        .on('befriending_matches')
        .columns(['scheme_id', 'status', 'introduced_at'])
        .execute();

      await db.schema
        .createTable('befriending_checkins')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('place_id', 'text', (c) => c.notNull())
        .addColumn('match_id', 'text', (c) => c.notNull())
        .addColumn('checked_on', 'text', (c) => c.notNull())
        .addColumn('with_whom', 'text', (c) => c.notNull())
        .addColumn('going', 'text', (c) => c.notNull())
        .addColumn('note', 'text', (c) => c.notNull())
        .addColumn('recorded_by', 'text')
        .addColumn('recorded_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('befriending_checkins_match')
        .on('befriending_checkins')
        .columns(['match_id', 'checked_on'])
        .execute();
    },
  },
  // Closing a scheme asks what its coordinator would do differently (issue 16).
  '2026-12-08-40-befriending-closing-lessons': {
    async up(db) {
      await db.schema
        .alterTable('befriending_schemes')
        .addColumn('closing_differently', 'text', (c) => c.notNull().defaultTo(''))
        .execute();
    },
  },
};
