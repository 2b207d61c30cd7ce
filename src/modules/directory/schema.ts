import { sql } from 'kysely';
import type { KithMigration } from '../../db/migrate.js';

/**
 * The directory's tables, after the Open Referral UK data model (HSDS 3.0): an
 * organisation runs activities (HSDS "services") at locations, on schedules, at a cost,
 * for people of some ages, described by taxonomy terms. Every table but the postcode
 * reference table carries place_id, and every query is scoped by it.
 */

export type OrganisationKind = 'charity' | 'community_group' | 'informal_group' | 'council' | 'business' | 'other';
export type ModerationState = 'draft' | 'submitted' | 'published' | 'changes_requested';
export type ServiceStatus = 'active' | 'inactive' | 'defunct' | 'temporarily closed';

export interface OrganisationTable {
  id: string;
  place_id: string;
  name: string;
  description: string;
  kind: OrganisationKind;
  email: string | null;
  website: string | null;
  phone: string | null;
  /** Registered charity number (England and Wales; SC… in Scotland, NI… in Northern Ireland). */
  charity_number: string | null;
  /** Companies House number. */
  company_number: string | null;
  /** Where an imported organisation came from ("csv:<file>", "oruk:<url>"), and its id there. */
  source: string | null;
  external_id: string | null;
  created_at: string;
  updated_at: string;
}

/** Organisers who may edit an organisation's listings. Admins manage this list. */
export interface OrganisationMemberTable {
  place_id: string;
  organisation_id: string;
  person_id: string;
  added_by: string | null;
  added_at: string;
}

export interface LocationTable {
  id: string;
  place_id: string;
  organisation_id: string | null;
  name: string;
  address_1: string;
  city: string;
  region: string;
  /** Normalised ("SW1A 1AA"). */
  postcode: string;
  latitude: number | null;
  longitude: number | null;
  accessibility: string;
  source: string | null;
  external_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface ActivityTable {
  id: string;
  place_id: string;
  organisation_id: string;
  name: string;
  description: string;
  how_to_join: string;
  who_for: string;
  url: string | null;
  email: string | null;
  phone: string | null;
  status: ServiceStatus;
  state: ModerationState;
  /** Why a moderator asked for changes, shown to the organiser. */
  moderation_reason: string | null;
  minimum_age: number | null;
  maximum_age: number | null;
  /** 1 when any cost option is free: kept with the cost options, for search. */
  is_free: number;
  alert: string | null;
  /** When someone last confirmed the listing is right (ORUK assured_date). */
  last_checked_at: string | null;
  published_at: string | null;
  source: string | null;
  external_id: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface ActivityLocationTable {
  id: string;
  place_id: string;
  activity_id: string;
  location_id: string;
}

export interface ScheduleTable {
  id: string;
  place_id: string;
  activity_id: string;
  /** WEEKLY or MONTHLY; null for a one-off date (dtstart). */
  freq: 'WEEKLY' | 'MONTHLY' | null;
  interval: number;
  /** RFC 5545 BYDAY: "TU", "MO,TH", or for MONTHLY "1TU", "-1FR". */
  byday: string | null;
  bymonthday: string | null;
  /** YYYY-MM-DD: the first (or only) date. */
  dtstart: string | null;
  valid_from: string | null;
  valid_to: string | null;
  /** HH:MM, wall-clock time in the place (Europe/London). */
  opens_at: string;
  closes_at: string;
  /** The weekdays it can fall on ("TU,TH"), worked out from the rule, for search. */
  weekdays: string;
  notes: string | null;
}

export type CostKind = 'free' | 'pay_what_you_can' | 'amount';

export interface CostOptionTable {
  id: string;
  place_id: string;
  activity_id: string;
  kind: CostKind;
  amount_pence: number | null;
  /** Who the price applies to ("Under 18s"), ORUK's option. */
  option: string | null;
  amount_description: string | null;
}

export interface ContactTable {
  id: string;
  place_id: string;
  activity_id: string;
  name: string;
  title: string | null;
  email: string | null;
  phone: string | null;
}

export interface ActivityLanguageTable {
  id: string;
  place_id: string;
  activity_id: string;
  /** ISO 639-1 code: en, cy, pl, ur... */
  code: string;
}

export interface TaxonomyTable {
  id: string;
  place_id: string;
  /** Stable key the code knows the shipped vocabularies by ("social-action", "needs"). */
  key: string;
  name: string;
  name_cy: string | null;
  description: string;
  description_cy: string | null;
  uri: string | null;
  version: string | null;
}

export interface TaxonomyTermTable {
  id: string;
  place_id: string;
  taxonomy_id: string;
  parent_id: string | null;
  code: string;
  term: string;
  term_cy: string | null;
  description: string;
  description_cy: string | null;
  position: number;
}

/** Links a record (an activity) to a taxonomy term: ORUK's attribute. */
export interface AttributeTable {
  id: string;
  place_id: string;
  link_entity: string;
  link_id: string;
  taxonomy_term_id: string;
  value: string | null;
}

/** Reference data (ONS Postcode Directory), shared by every place. */
export interface PostcodeTable {
  postcode: string;
  latitude: number;
  longitude: number;
}

/** PostgreSQL's full-text index of published listings (SQLite uses an FTS5 table). */
export interface ActivitySearchTable {
  activity_id: string;
  place_id: string;
  /** The listing's name, kept beside its words so a search by words alone orders its page without reading the listings. */
  name: string;
  document: unknown;
}

/**
 * A listing that left the published feed (unpublished for changes or for review): kept so
 * an aggregator syncing with modified_after learns to drop it. Gone again when it is republished.
 */
export interface RemovalTable {
  activity_id: string;
  place_id: string;
  removed_at: string;
}

/**
 * A listing that was in the OpenActive feed (published, tagged physical activity) and left it,
 * by being unpublished or losing the tag: the feed says it is deleted. A listing never in the
 * feed has no row, so the feed never mentions it.
 */
export interface OpenActiveDepartureTable {
  activity_id: string;
  place_id: string;
  left_at: string;
}

/** One review reminder per listing per "last checked" date, however often the job runs. */
export interface ReviewReminderTable {
  place_id: string;
  activity_id: string;
  checked_at: string;
  sent_at: string;
}

declare module '../../db/schema.js' {
  interface Database {
    directory_organisations: OrganisationTable;
    directory_organisation_members: OrganisationMemberTable;
    directory_locations: LocationTable;
    directory_activities: ActivityTable;
    directory_activity_locations: ActivityLocationTable;
    directory_schedules: ScheduleTable;
    directory_cost_options: CostOptionTable;
    directory_contacts: ContactTable;
    directory_activity_languages: ActivityLanguageTable;
    directory_taxonomies: TaxonomyTable;
    directory_taxonomy_terms: TaxonomyTermTable;
    directory_attributes: AttributeTable;
    directory_postcodes: PostcodeTable;
    directory_activity_search: ActivitySearchTable;
    directory_review_reminders: ReviewReminderTable;
    directory_removals: RemovalTable;
    directory_openactive_departures: OpenActiveDepartureTable;
  }
}

export const migrations: Record<string, KithMigration> = {
  '2026-11-24-10-directory': {
    async up(db, dialect) {
      const real = dialect === 'postgres' ? 'double precision' : 'real';
      const tenant = (name: string) =>
        db.schema
          .createTable(name)
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('place_id', 'text', (c) => c.notNull().references('places.id').onDelete('cascade'));

      await tenant('directory_organisations')
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('email', 'text')
        .addColumn('website', 'text')
        .addColumn('phone', 'text')
        .addColumn('source', 'text')
        .addColumn('external_id', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('directory_organisations_place_name')
        .on('directory_organisations')
        .columns(['place_id', 'name'])
        .execute();
      await db.schema
        .createIndex('directory_organisations_source')
        .on('directory_organisations')
        .columns(['place_id', 'source', 'external_id'])
        .unique()
        .execute();

      await db.schema
        .createTable('directory_organisation_members')
        .addColumn('place_id', 'text', (c) => c.notNull().references('places.id').onDelete('cascade'))
        .addColumn('organisation_id', 'text', (c) =>
          c.notNull().references('directory_organisations.id').onDelete('cascade'),
        )
        .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
        .addColumn('added_by', 'text')
        .addColumn('added_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('directory_organisation_members_pk', ['organisation_id', 'person_id'])
        .execute();
      await db.schema
        .createIndex('directory_organisation_members_person')
        .on('directory_organisation_members')
        .columns(['person_id', 'place_id'])
        .execute();

      await tenant('directory_locations')
        .addColumn('organisation_id', 'text', (c) => c.references('directory_organisations.id').onDelete('set null'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('address_1', 'text', (c) => c.notNull())
        .addColumn('city', 'text', (c) => c.notNull())
        .addColumn('region', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('postcode', 'text', (c) => c.notNull())
        .addColumn('latitude', sql.raw(real))
        .addColumn('longitude', sql.raw(real))
        .addColumn('accessibility', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('source', 'text')
        .addColumn('external_id', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      // The distance search's bounding box: a range on latitude, then longitude, in one place.
      await db.schema
        .createIndex('directory_locations_place_lat_lng')
        .on('directory_locations')
        .columns(['place_id', 'latitude', 'longitude'])
        .execute();
      await db.schema
        .createIndex('directory_locations_organisation')
        .on('directory_locations')
        .column('organisation_id')
        .execute();
      await db.schema
        .createIndex('directory_locations_source')
        .on('directory_locations')
        .columns(['place_id', 'source', 'external_id'])
        .unique()
        .execute();

      await tenant('directory_activities')
        .addColumn('organisation_id', 'text', (c) =>
          c.notNull().references('directory_organisations.id').onDelete('cascade'),
        )
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('how_to_join', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('who_for', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('url', 'text')
        .addColumn('email', 'text')
        .addColumn('phone', 'text')
        .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('moderation_reason', 'text')
        .addColumn('minimum_age', 'integer')
        .addColumn('maximum_age', 'integer')
        .addColumn('is_free', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('alert', 'text')
        .addColumn('last_checked_at', 'text')
        .addColumn('published_at', 'text')
        .addColumn('source', 'text')
        .addColumn('external_id', 'text')
        .addColumn('created_by', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('directory_activities_place_state')
        .on('directory_activities')
        .columns(['place_id', 'state', 'name'])
        .execute();
      await db.schema
        .createIndex('directory_activities_organisation')
        .on('directory_activities')
        .columns(['organisation_id', 'state'])
        .execute();
      await db.schema
        .createIndex('directory_activities_checked')
        .on('directory_activities')
        .columns(['state', 'last_checked_at'])
        .execute();
      await db.schema
        .createIndex('directory_activities_modified')
        .on('directory_activities')
        .columns(['place_id', 'updated_at'])
        .execute();
      await db.schema
        .createIndex('directory_activities_source')
        .on('directory_activities')
        .columns(['place_id', 'source', 'external_id'])
        .unique()
        .execute();

      await tenant('directory_activity_locations')
        .addColumn('activity_id', 'text', (c) => c.notNull().references('directory_activities.id').onDelete('cascade'))
        .addColumn('location_id', 'text', (c) => c.notNull().references('directory_locations.id').onDelete('cascade'))
        .execute();
      await db.schema
        .createIndex('directory_activity_locations_activity')
        .on('directory_activity_locations')
        .columns(['activity_id', 'location_id'])
        .unique()
        .execute();
      await db.schema
        .createIndex('directory_activity_locations_location')
        .on('directory_activity_locations')
        .columns(['location_id', 'activity_id'])
        .execute();

      await tenant('directory_schedules')
        .addColumn('activity_id', 'text', (c) => c.notNull().references('directory_activities.id').onDelete('cascade'))
        .addColumn('freq', 'text')
        .addColumn('interval', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('byday', 'text')
        .addColumn('bymonthday', 'text')
        .addColumn('dtstart', 'text')
        .addColumn('valid_from', 'text')
        .addColumn('valid_to', 'text')
        .addColumn('opens_at', 'text', (c) => c.notNull())
        .addColumn('closes_at', 'text', (c) => c.notNull())
        .addColumn('weekdays', 'text', (c) => c.notNull())
        .addColumn('notes', 'text')
        .execute();
      await db.schema
        .createIndex('directory_schedules_activity')
        .on('directory_schedules')
        .column('activity_id')
        .execute();

      await tenant('directory_cost_options')
        .addColumn('activity_id', 'text', (c) => c.notNull().references('directory_activities.id').onDelete('cascade'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('amount_pence', 'integer')
        .addColumn('option', 'text')
        .addColumn('amount_description', 'text')
        .execute();
      await db.schema
        .createIndex('directory_cost_options_activity')
        .on('directory_cost_options')
        .column('activity_id')
        .execute();

      await tenant('directory_contacts')
        .addColumn('activity_id', 'text', (c) => c.notNull().references('directory_activities.id').onDelete('cascade'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('title', 'text')
        .addColumn('email', 'text')
        .addColumn('phone', 'text')
        .execute();
      await db.schema
        .createIndex('directory_contacts_activity')
        .on('directory_contacts')
        .column('activity_id')
        .execute();

      await tenant('directory_activity_languages')
        .addColumn('activity_id', 'text', (c) => c.notNull().references('directory_activities.id').onDelete('cascade'))
        .addColumn('code', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('directory_activity_languages_activity')
        .on('directory_activity_languages')
        .columns(['activity_id', 'code'])
        .unique()
        .execute();

      await tenant('directory_taxonomies')
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('name_cy', 'text')
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('description_cy', 'text')
        .addColumn('uri', 'text')
        .addColumn('version', 'text')
        .execute();
      await db.schema
        .createIndex('directory_taxonomies_key')
        .on('directory_taxonomies')
        .columns(['place_id', 'key'])
        .unique()
        .execute();

      await tenant('directory_taxonomy_terms')
        .addColumn('taxonomy_id', 'text', (c) => c.notNull().references('directory_taxonomies.id').onDelete('cascade'))
        .addColumn('parent_id', 'text')
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('term', 'text', (c) => c.notNull())
        .addColumn('term_cy', 'text')
        .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('description_cy', 'text')
        .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema
        .createIndex('directory_taxonomy_terms_code')
        .on('directory_taxonomy_terms')
        .columns(['place_id', 'code'])
        .unique()
        .execute();
      await db.schema
        .createIndex('directory_taxonomy_terms_taxonomy')
        .on('directory_taxonomy_terms')
        .columns(['taxonomy_id', 'position'])
        .execute();

      await tenant('directory_attributes')
        .addColumn('link_entity', 'text', (c) => c.notNull())
        .addColumn('link_id', 'text', (c) => c.notNull())
        .addColumn('taxonomy_term_id', 'text', (c) =>
          c.notNull().references('directory_taxonomy_terms.id').onDelete('cascade'),
        )
        .addColumn('value', 'text')
        .execute();
      await db.schema
        .createIndex('directory_attributes_link')
        .on('directory_attributes')
        .columns(['link_id', 'taxonomy_term_id'])
        .unique()
        .execute();
      await db.schema
        .createIndex('directory_attributes_term')
        .on('directory_attributes')
        .columns(['taxonomy_term_id', 'link_id'])
        .execute();

      await db.schema
        .createTable('directory_postcodes')
        .addColumn('postcode', 'text', (c) => c.primaryKey())
        .addColumn('latitude', sql.raw(real), (c) => c.notNull())
        .addColumn('longitude', sql.raw(real), (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('directory_review_reminders')
        .addColumn('place_id', 'text', (c) => c.notNull().references('places.id').onDelete('cascade'))
        .addColumn('activity_id', 'text', (c) => c.notNull().references('directory_activities.id').onDelete('cascade'))
        .addColumn('checked_at', 'text', (c) => c.notNull())
        .addColumn('sent_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('directory_review_reminders_pk', ['activity_id', 'checked_at'])
        .execute();

      // Full text: the listing's name, organisation, terms and description, stemmed.
      if (dialect === 'postgres') {
        await db.schema
          .createTable('directory_activity_search')
          .addColumn('activity_id', 'text', (c) =>
            c.primaryKey().references('directory_activities.id').onDelete('cascade'),
          )
          .addColumn('place_id', 'text', (c) => c.notNull())
          .addColumn('document', sql.raw('tsvector'), (c) => c.notNull())
          .execute();
        await sql`create index directory_activity_search_document on directory_activity_search using gin (document)`.execute(
          db,
        );
      } else {
        await sql`create virtual table directory_activity_fts using fts5(activity_id unindexed, place_id unindexed, name, organisation, terms, description, tokenize = 'porter unicode61 remove_diacritics 2')`.execute(
          db,
        );
      }
    },
  },
  // Organisations' charity and company numbers, published in the feed as organization_identifiers.
  '2026-12-07-24-directory-organisation-numbers': {
    async up(db) {
      await db.schema.alterTable('directory_organisations').addColumn('charity_number', 'text').execute();
      await db.schema.alterTable('directory_organisations').addColumn('company_number', 'text').execute();
    },
  },
  // Listings that left the published feed, for the feed's deleted_services.
  '2026-12-07-33-directory-removals': {
    async up(db) {
      await db.schema
        .createTable('directory_removals')
        .addColumn('activity_id', 'text', (c) => c.primaryKey())
        .addColumn('place_id', 'text', (c) => c.notNull().references('places.id').onDelete('cascade'))
        .addColumn('removed_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('directory_removals_place_removed')
        .on('directory_removals')
        .columns(['place_id', 'removed_at'])
        .execute();
    },
  },
  // PostgreSQL's word index written straight into its tree: with "fast update" a search
  // also read every entry added since the last vacuum (after a big import, thousands, so
  // a search scanned the whole table instead). SQLite's full-text index has no such list.
  '2026-12-07-70-directory-search-index-direct': {
    async up(db, dialect) {
      if (dialect !== 'postgres') return;
      await sql`alter index directory_activity_search_document set (fastupdate = off)`.execute(db);
      // What is waiting already goes into the tree now, not at the next vacuum.
      await sql`select gin_clean_pending_list('directory_activity_search_document'::regclass)`.execute(db);
    },
  },
  // PostgreSQL's word index keeps each listing's name, so a search by words alone is
  // ranked, ordered and counted in the index's table without joining every match to its
  // listing. SQLite's full-text table holds the name already.
  '2026-12-08-10-directory-search-names': {
    async up(db, dialect) {
      if (dialect !== 'postgres') return;
      await db.schema
        .alterTable('directory_activity_search')
        .addColumn('name', 'text', (c) => c.notNull().defaultTo(''))
        .execute();
      await sql`update directory_activity_search s set name = a.name from directory_activities a where a.id = s.activity_id`.execute(
        db,
      );
    },
  },
  // The OpenActive feed lists as deleted only what was once in it, not every published listing
  // without the physical-activity tag. Listings already unpublished while tagged start there.
  '2026-12-11-40-directory-openactive-departures': {
    async up(db) {
      await db.schema
        .createTable('directory_openactive_departures')
        .addColumn('activity_id', 'text', (c) => c.primaryKey())
        .addColumn('place_id', 'text', (c) => c.notNull().references('places.id').onDelete('cascade'))
        .addColumn('left_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('directory_openactive_departures_place_left')
        .on('directory_openactive_departures')
        .columns(['place_id', 'left_at', 'activity_id'])
        .execute();
      await sql`
        insert into directory_openactive_departures (activity_id, place_id, left_at)
        select r.activity_id, r.place_id, r.removed_at
        from directory_removals r
        where exists (
          select 1 from directory_attributes t
          join directory_taxonomy_terms tt on tt.id = t.taxonomy_term_id
          where t.link_id = r.activity_id and tt.code = 'physical-activity'
        )`.execute(db);
    },
  },
};
