import { sql } from 'kysely';
import type { KithMigration } from '../../db/migrate.js';

/**
 * The asset map's tables (capability 2, seeds C3): people's own skills and passions,
 * the place's other assets (networks, associations, organisations' resources, physical
 * and economic assets), and the register of Assets of Community Value with the notices
 * of intent to sell that start a moratorium. Every table carries place_id.
 *
 * Links to the directory's organisations are kept as plain ids, not foreign keys: the
 * asset map reads the directory only through its exported functions.
 */

/** Who may see a skill or an asset besides the person who added it. */
export type Visibility = 'only_me' | 'coordinators' | 'members' | 'public';
export type SkillKind = 'skill' | 'passion';
export type CommunityAssetKind = 'network' | 'association' | 'organisation' | 'physical' | 'economic';
export type AcvStatus = 'nominated' | 'listed' | 'not_listed' | 'removed';

/** A skill or passion a person shares: personal data, theirs to see, change, export and erase. */
export interface SkillTable {
  id: string;
  place_id: string;
  person_id: string;
  kind: SkillKind;
  description: string;
  category: string | null;
  visibility: Visibility;
  created_at: string;
  updated_at: string;
}

export interface CommunityAssetTable {
  id: string;
  place_id: string;
  kind: CommunityAssetKind;
  name: string;
  description: string;
  /** A directory organisation it belongs to or is run by. */
  organisation_id: string | null;
  /** Normalised ("KL1 1AA"), with its point from the directory's postcode table. */
  postcode: string | null;
  latitude: number | null;
  longitude: number | null;
  /** Never 'only_me': an asset is there to be found. */
  visibility: Exclude<Visibility, 'only_me'>;
  /** Null once the person who added it has erased their account. */
  added_by: string | null;
  created_at: string;
  updated_at: string;
}

/** One nomination of an asset as an Asset of Community Value, and what became of it. */
export interface AcvTable {
  id: string;
  place_id: string;
  asset_id: string;
  /** The nominating community group (a directory organisation). */
  organisation_id: string;
  organisation_name: string;
  nominated_by: string | null;
  /** YYYY-MM-DD, the day the council received it. */
  nominated_on: string;
  reasons: string;
  status: AcvStatus;
  decided_on: string | null;
  decision_reason: string | null;
  decided_by: string | null;
  removed_on: string | null;
  removal_reason: string | null;
  removed_by: string | null;
  created_at: string;
  updated_at: string;
}

/** An owner's notice of intent to sell a listed asset, and any community bidder request. */
export interface AcvNoticeTable {
  id: string;
  place_id: string;
  acv_id: string;
  notified_on: string;
  recorded_by: string | null;
  bidder_requested_on: string | null;
  bidder_group: string | null;
  bidder_recorded_by: string | null;
  created_at: string;
}

export type TransferStage = 'interest' | 'business_case' | 'views' | 'decision' | 'terms' | 'handover' | 'withdrawn';
export type InterestStatus = 'sent' | 'withdrawn' | 'shortlisted' | 'not_shortlisted';
export type CaseStatus = 'submitted' | 'changes_requested';
export type ViewStance = 'support' | 'object' | 'comment';
export type Tenure = 'lease' | 'freehold';

/**
 * A community asset transfer: a council asset passing to a community group through
 * published stages. Each stage's day is kept, so the public timeline needs no audit log.
 */
export interface AssetTransferTable {
  id: string;
  place_id: string;
  asset_id: string;
  summary: string;
  /** YYYY-MM-DD, the last day a group may send an expression of interest. */
  interest_closes_on: string;
  stage: TransferStage;
  opened_on: string;
  opened_by: string | null;
  shortlisted_on: string | null;
  views_opened_on: string | null;
  decided_on: string | null;
  /** The chosen expression of interest; null with a decision means no group was chosen. */
  decided_interest_id: string | null;
  decision_reasons: string | null;
  decided_by: string | null;
  terms_on: string | null;
  tenure: Tenure | null;
  term_years: number | null;
  rent_pence: number | null;
  conditions: string | null;
  handover_on: string | null;
  /** The directory organisation that looks after the asset since handover. */
  steward_organisation_id: string | null;
  steward_organisation_name: string | null;
  withdrawn_on: string | null;
  withdrawn_reason: string | null;
  created_at: string;
  updated_at: string;
}

/** A community group's expression of interest, and its business case once shortlisted. */
export interface AssetTransferInterestTable {
  id: string;
  place_id: string;
  transfer_id: string;
  organisation_id: string;
  organisation_name: string;
  sent_by: string | null;
  sent_on: string;
  who_we_are: string;
  what_we_would_do: string;
  community_benefit: string;
  status: InterestStatus;
  withdrawn_on: string | null;
  case_status: CaseStatus | null;
  case_plan: string | null;
  case_finance: string | null;
  case_governance: string | null;
  case_beneficiaries: string | null;
  case_submitted_on: string | null;
  changes_asked: string | null;
  created_at: string;
  updated_at: string;
}

/** A resident's view of one shortlisted proposal: personal, theirs to change until views close. */
export interface AssetTransferViewTable {
  id: string;
  place_id: string;
  transfer_id: string;
  interest_id: string;
  person_id: string;
  stance: ViewStance;
  comment: string;
  created_at: string;
  updated_at: string;
}

declare module '../../db/schema.js' {
  interface Database {
    asset_skills: SkillTable;
    community_assets: CommunityAssetTable;
    asset_acv: AcvTable;
    asset_acv_notices: AcvNoticeTable;
    asset_transfers: AssetTransferTable;
    asset_transfer_interests: AssetTransferInterestTable;
    asset_transfer_views: AssetTransferViewTable;
  }
}

export const migrations: Record<string, KithMigration> = {
  '2026-11-24-30-assets': {
    async up(db, dialect) {
      const real = dialect === 'postgres' ? 'double precision' : 'real';
      await db.schema
        .createTable('asset_skills')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('place_id', 'text', (c) => c.notNull().references('places.id').onDelete('cascade'))
        .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('category', 'text')
        .addColumn('visibility', 'text', (c) => c.notNull().defaultTo('only_me'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('asset_skills_place_visibility')
        .on('asset_skills')
        .columns(['place_id', 'visibility', 'created_at'])
        .execute();
      // Newest first, a page at a time, without sorting every skill in the place.
      await db.schema
        .createIndex('asset_skills_place_created')
        .on('asset_skills')
        .columns(['place_id', 'created_at', 'id'])
        .execute();
      await db.schema
        .createIndex('asset_skills_person')
        .on('asset_skills')
        .columns(['person_id', 'place_id', 'visibility'])
        .execute();

      await db.schema
        .createTable('community_assets')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('place_id', 'text', (c) => c.notNull().references('places.id').onDelete('cascade'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('organisation_id', 'text')
        .addColumn('postcode', 'text')
        .addColumn('latitude', sql.raw(real))
        .addColumn('longitude', sql.raw(real))
        .addColumn('visibility', 'text', (c) => c.notNull())
        .addColumn('added_by', 'text', (c) => c.references('people.id').onDelete('set null'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('community_assets_place_kind')
        .on('community_assets')
        .columns(['place_id', 'kind', 'name'])
        .execute();
      await db.schema
        .createIndex('community_assets_place_name')
        .on('community_assets')
        .columns(['place_id', 'name'])
        .execute();
      // Counts per kind for a viewer, from the index alone.
      await db.schema
        .createIndex('community_assets_place_visibility')
        .on('community_assets')
        .columns(['place_id', 'visibility', 'kind'])
        .execute();
      // The area filter's bounding box, as the directory's locations have.
      await db.schema
        .createIndex('community_assets_place_lat_lng')
        .on('community_assets')
        .columns(['place_id', 'latitude', 'longitude'])
        .execute();
      await db.schema.createIndex('community_assets_added_by').on('community_assets').column('added_by').execute();

      await db.schema
        .createTable('asset_acv')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('place_id', 'text', (c) => c.notNull().references('places.id').onDelete('cascade'))
        .addColumn('asset_id', 'text', (c) => c.notNull().references('community_assets.id').onDelete('cascade'))
        .addColumn('organisation_id', 'text', (c) => c.notNull())
        .addColumn('organisation_name', 'text', (c) => c.notNull())
        .addColumn('nominated_by', 'text', (c) => c.references('people.id').onDelete('set null'))
        .addColumn('nominated_on', 'text', (c) => c.notNull())
        .addColumn('reasons', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('decided_on', 'text')
        .addColumn('decision_reason', 'text')
        .addColumn('decided_by', 'text', (c) => c.references('people.id').onDelete('set null'))
        .addColumn('removed_on', 'text')
        .addColumn('removal_reason', 'text')
        .addColumn('removed_by', 'text', (c) => c.references('people.id').onDelete('set null'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('asset_acv_place_status')
        .on('asset_acv')
        .columns(['place_id', 'status', 'nominated_on'])
        .execute();
      await db.schema.createIndex('asset_acv_asset').on('asset_acv').columns(['asset_id', 'nominated_on']).execute();

      await db.schema
        .createTable('asset_acv_notices')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('place_id', 'text', (c) => c.notNull().references('places.id').onDelete('cascade'))
        .addColumn('acv_id', 'text', (c) => c.notNull().references('asset_acv.id').onDelete('cascade'))
        .addColumn('notified_on', 'text', (c) => c.notNull())
        .addColumn('recorded_by', 'text', (c) => c.references('people.id').onDelete('set null'))
        .addColumn('bidder_requested_on', 'text')
        .addColumn('bidder_group', 'text')
        .addColumn('bidder_recorded_by', 'text', (c) => c.references('people.id').onDelete('set null'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('asset_acv_notices_acv')
        .on('asset_acv_notices')
        .columns(['acv_id', 'notified_on'])
        .execute();
    },
  },
  '2026-12-08-80-assets-transfers': {
    async up(db) {
      await db.schema
        .createTable('asset_transfers')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('place_id', 'text', (c) => c.notNull().references('places.id').onDelete('cascade'))
        .addColumn('asset_id', 'text', (c) => c.notNull().references('community_assets.id').onDelete('cascade'))
        .addColumn('summary', 'text', (c) => c.notNull())
        .addColumn('interest_closes_on', 'text', (c) => c.notNull())
        .addColumn('stage', 'text', (c) => c.notNull())
        .addColumn('opened_on', 'text', (c) => c.notNull())
        .addColumn('opened_by', 'text', (c) => c.references('people.id').onDelete('set null'))
        .addColumn('shortlisted_on', 'text')
        .addColumn('views_opened_on', 'text')
        .addColumn('decided_on', 'text')
        .addColumn('decided_interest_id', 'text')
        .addColumn('decision_reasons', 'text')
        .addColumn('decided_by', 'text', (c) => c.references('people.id').onDelete('set null'))
        .addColumn('terms_on', 'text')
        .addColumn('tenure', 'text')
        .addColumn('term_years', 'integer')
        .addColumn('rent_pence', 'integer')
        .addColumn('conditions', 'text')
        .addColumn('handover_on', 'text')
        .addColumn('steward_organisation_id', 'text')
        .addColumn('steward_organisation_name', 'text')
        .addColumn('withdrawn_on', 'text')
        .addColumn('withdrawn_reason', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('asset_transfers_place_opened')
        .on('asset_transfers')
        .columns(['place_id', 'opened_on', 'id'])
        .execute();
      await db.schema
        .createIndex('asset_transfers_asset')
        .on('asset_transfers')
        .columns(['asset_id', 'opened_on'])
        .execute();

      await db.schema
        .createTable('asset_transfer_interests')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('place_id', 'text', (c) => c.notNull().references('places.id').onDelete('cascade'))
        .addColumn('transfer_id', 'text', (c) => c.notNull().references('asset_transfers.id').onDelete('cascade'))
        .addColumn('organisation_id', 'text', (c) => c.notNull())
        .addColumn('organisation_name', 'text', (c) => c.notNull())
        .addColumn('sent_by', 'text', (c) => c.references('people.id').onDelete('set null'))
        .addColumn('sent_on', 'text', (c) => c.notNull())
        .addColumn('who_we_are', 'text', (c) => c.notNull())
        .addColumn('what_we_would_do', 'text', (c) => c.notNull())
        .addColumn('community_benefit', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('withdrawn_on', 'text')
        .addColumn('case_status', 'text')
        .addColumn('case_plan', 'text')
        .addColumn('case_finance', 'text')
        .addColumn('case_governance', 'text')
        .addColumn('case_beneficiaries', 'text')
        .addColumn('case_submitted_on', 'text')
        .addColumn('changes_asked', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      // One expression of interest a group for each transfer: a second send is the same one again.
      await db.schema
        .createIndex('asset_transfer_interests_group')
        .on('asset_transfer_interests')
        .columns(['transfer_id', 'organisation_id'])
        .unique()
        .execute();

      await db.schema
        .createTable('asset_transfer_views')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('place_id', 'text', (c) => c.notNull().references('places.id').onDelete('cascade'))
        .addColumn('transfer_id', 'text', (c) => c.notNull().references('asset_transfers.id').onDelete('cascade'))
        .addColumn('interest_id', 'text', (c) =>
          c.notNull().references('asset_transfer_interests.id').onDelete('cascade'),
        )
        .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
        .addColumn('stance', 'text', (c) => c.notNull())
        .addColumn('comment', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      // Once each: a resident's second view of a proposal replaces the first.
      await db.schema
        .createIndex('asset_transfer_views_once')
        .on('asset_transfer_views')
        .columns(['interest_id', 'person_id'])
        .unique()
        .execute();
      await db.schema
        .createIndex('asset_transfer_views_person')
        .on('asset_transfer_views')
        .column('person_id')
        .execute();
    },
  },
};
