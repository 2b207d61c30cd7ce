import type { KithMigration } from '../../db/migrate.js';

export type PostKind = 'offer' | 'request';
export type PostStatus = 'open' | 'paused' | 'closed';

/** "I can help with gardening, Saturdays" or "I need a lift to the hospital on the 12th". */
export interface ExchangePostTable {
  id: string;
  place_id: string;
  person_id: string;
  kind: PostKind;
  title: string;
  details: string;
  /** One of CATEGORIES (categories.ts); the directory's taxonomy replaces it when it lands. */
  category: string;
  /** What the person typed: a postcode district ("KL5") or words ("near the park"). */
  area: string;
  /** The outward code found in `area`, for distance; null when there was none. */
  outward_code: string | null;
  when_text: string;
  /** Days of the week, Monday = 1, Tuesday = 2, … Sunday = 64; 0 for any day. */
  days: number;
  /** Roughly how long, in minutes; 0 when it varies. */
  duration_minutes: number;
  /** Personal care, or someone who may be vulnerable: the place's safeguarding guidance is shown. */
  sensitive: number;
  status: PostStatus;
  /** The words matching compares, normalised, space-separated. */
  words: string;
  created_at: string;
  updated_at: string;
}

/** The inverted index of posts' words, so matching finds "gardening" without a scan. */
export interface ExchangePostWordTable {
  place_id: string;
  word: string;
  post_id: string;
}

/**
 * A person's simple "what I can help with", for matching people to requests. Skills
 * and passions belong to the asset map (capability 2); until it exists this is all
 * matching knows about people, and only about those who chose to be suggested.
 */
export interface ExchangeHelperTable {
  place_id: string;
  person_id: string;
  can_help_with: string;
  categories: string;
  outward_code: string | null;
  days: number;
  /** 'members': any member asking for help can be shown them; 'coordinators': only coordinators and admins. */
  visibility: 'members' | 'coordinators';
  /** 1 while the person wants to be suggested. */
  active: number;
  words: string;
  updated_at: string;
}

export interface ExchangeHelperWordTable {
  place_id: string;
  word: string;
  person_id: string;
}

/** Two people talking through Kith, about a post; neither sees the other's email. */
export interface ExchangeConversationTable {
  id: string;
  place_id: string;
  post_id: string | null;
  started_by: string;
  other_person: string;
  created_at: string;
  last_message_at: string;
}

export interface ExchangeMessageTable {
  id: string;
  place_id: string;
  conversation_id: string;
  author_id: string;
  body: string;
  created_at: string;
}

export type ExchangeStatus = 'proposed' | 'accepted' | 'declined' | 'cancelled' | 'recorded' | 'confirmed';

/**
 * One side proposes, the other accepts; after it happens the giver records the time
 * and the receiver confirms (or a coordinator, 14 days on). Confirming credits the
 * hours, once, through time credits.
 */
export interface ExchangeTable {
  id: string;
  place_id: string;
  post_id: string | null;
  giver_id: string;
  receiver_id: string;
  proposed_by: string;
  description: string;
  note: string;
  status: ExchangeStatus;
  minutes: number | null;
  recorded_at: string | null;
  confirmed_at: string | null;
  confirmed_by: string | null;
  /** What happened to credits on confirming: credited, notUsedInPlace, helperNotTakingPart. */
  credit_status: string | null;
  transfer_id: string | null;
  created_at: string;
  updated_at: string;
}

/** "I helped a neighbour": one tap now, the detail and confirmation later. */
export interface SmallActTable {
  id: string;
  place_id: string;
  person_id: string;
  what: string;
  minutes: number | null;
  status: 'logged' | 'confirmed';
  confirmed_by: string | null;
  confirmed_at: string | null;
  credit_status: string | null;
  transfer_id: string | null;
  created_at: string;
  updated_at: string;
}

/** What a place says to anyone asking for or offering personal care. */
export interface ExchangeSettingsTable {
  place_id: string;
  safeguarding_en: string;
  safeguarding_cy: string;
  updated_at: string;
  updated_by: string | null;
}

/** The centre of each postcode district, for "0.8 miles" (see docs/decisions/0007). */
export interface OutwardCodeCentroidTable {
  outward_code: string;
  latitude: number;
  longitude: number;
}

declare module '../../db/schema.js' {
  interface Database {
    exchange_posts: ExchangePostTable;
    exchange_post_words: ExchangePostWordTable;
    exchange_helpers: ExchangeHelperTable;
    exchange_helper_words: ExchangeHelperWordTable;
    exchange_conversations: ExchangeConversationTable;
    exchange_messages: ExchangeMessageTable;
    exchanges: ExchangeTable;
    small_acts: SmallActTable;
    exchange_settings: ExchangeSettingsTable;
    outward_code_centroids: OutwardCodeCentroidTable;
  }
}

export const migrations: Record<string, KithMigration> = {
  '2026-11-24-20-exchanges': {
    async up(db) {
      await db.schema
        .createTable('exchange_posts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('place_id', 'text', (c) => c.notNull().references('places.id'))
        .addColumn('person_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('details', 'text', (c) => c.notNull())
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('area', 'text', (c) => c.notNull())
        .addColumn('outward_code', 'text')
        .addColumn('when_text', 'text', (c) => c.notNull())
        .addColumn('days', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('duration_minutes', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('sensitive', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('words', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      // Matching's first cut: open posts of one kind in one category, newest first.
      await db.schema
        .createIndex('exchange_posts_match')
        .on('exchange_posts')
        .columns(['place_id', 'kind', 'status', 'category', 'updated_at'])
        .execute();
      await db.schema
        .createIndex('exchange_posts_list')
        .on('exchange_posts')
        .columns(['place_id', 'status', 'updated_at'])
        .execute();
      await db.schema
        .createIndex('exchange_posts_person')
        .on('exchange_posts')
        .columns(['person_id', 'updated_at'])
        .execute();
      await db.schema
        .createTable('exchange_post_words')
        .addColumn('place_id', 'text', (c) => c.notNull())
        .addColumn('word', 'text', (c) => c.notNull())
        .addColumn('post_id', 'text', (c) => c.notNull().references('exchange_posts.id').onDelete('cascade'))
        .addPrimaryKeyConstraint('exchange_post_words_pk', ['place_id', 'word', 'post_id'])
        .execute();
      await db.schema.createIndex('exchange_post_words_post').on('exchange_post_words').column('post_id').execute();

      await db.schema
        .createTable('exchange_helpers')
        .addColumn('place_id', 'text', (c) => c.notNull().references('places.id'))
        .addColumn('person_id', 'text', (c) => c.notNull())
        .addColumn('can_help_with', 'text', (c) => c.notNull())
        .addColumn('categories', 'text', (c) => c.notNull())
        .addColumn('outward_code', 'text')
        .addColumn('days', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('visibility', 'text', (c) => c.notNull())
        .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('words', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('exchange_helpers_pk', ['place_id', 'person_id'])
        .execute();
      await db.schema.createIndex('exchange_helpers_person').on('exchange_helpers').column('person_id').execute();
      await db.schema
        .createTable('exchange_helper_words')
        .addColumn('place_id', 'text', (c) => c.notNull())
        .addColumn('word', 'text', (c) => c.notNull())
        .addColumn('person_id', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('exchange_helper_words_pk', ['place_id', 'word', 'person_id'])
        .execute();
      await db.schema
        .createIndex('exchange_helper_words_person')
        .on('exchange_helper_words')
        .columns(['person_id'])
        .execute();

      await db.schema
        .createTable('exchange_conversations')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('place_id', 'text', (c) => c.notNull().references('places.id'))
        .addColumn('post_id', 'text', (c) => c.references('exchange_posts.id'))
        .addColumn('started_by', 'text', (c) => c.notNull())
        .addColumn('other_person', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('last_message_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('exchange_conversations_pair', ['post_id', 'started_by', 'other_person'])
        .execute();
      await db.schema
        .createIndex('exchange_conversations_started')
        .on('exchange_conversations')
        .columns(['started_by', 'last_message_at'])
        .execute();
      await db.schema
        .createIndex('exchange_conversations_other')
        .on('exchange_conversations')
        .columns(['other_person', 'last_message_at'])
        .execute();
      await db.schema
        .createTable('exchange_messages')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('place_id', 'text', (c) => c.notNull())
        .addColumn('conversation_id', 'text', (c) => c.notNull().references('exchange_conversations.id'))
        .addColumn('author_id', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('exchange_messages_conversation')
        .on('exchange_messages')
        .columns(['conversation_id', 'created_at'])
        .execute();
      await db.schema.createIndex('exchange_messages_author').on('exchange_messages').column('author_id').execute();

      await db.schema
        .createTable('exchanges')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('place_id', 'text', (c) => c.notNull().references('places.id'))
        .addColumn('post_id', 'text', (c) => c.references('exchange_posts.id'))
        .addColumn('giver_id', 'text', (c) => c.notNull())
        .addColumn('receiver_id', 'text', (c) => c.notNull())
        .addColumn('proposed_by', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('note', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('minutes', 'integer')
        .addColumn('recorded_at', 'text')
        .addColumn('confirmed_at', 'text')
        .addColumn('confirmed_by', 'text')
        .addColumn('credit_status', 'text')
        .addColumn('transfer_id', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('exchanges_giver').on('exchanges').columns(['giver_id', 'updated_at']).execute();
      await db.schema
        .createIndex('exchanges_receiver')
        .on('exchanges')
        .columns(['receiver_id', 'updated_at'])
        .execute();
      await db.schema
        .createIndex('exchanges_waiting')
        .on('exchanges')
        .columns(['place_id', 'status', 'recorded_at'])
        .execute();

      await db.schema
        .createTable('small_acts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('place_id', 'text', (c) => c.notNull().references('places.id'))
        .addColumn('person_id', 'text', (c) => c.notNull())
        .addColumn('what', 'text', (c) => c.notNull())
        .addColumn('minutes', 'integer')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('confirmed_by', 'text')
        .addColumn('confirmed_at', 'text')
        .addColumn('credit_status', 'text')
        .addColumn('transfer_id', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('small_acts_person').on('small_acts').columns(['person_id', 'created_at']).execute();
      await db.schema
        .createIndex('small_acts_waiting')
        .on('small_acts')
        .columns(['place_id', 'status', 'created_at'])
        .execute();

      await db.schema
        .createTable('exchange_settings')
        .addColumn('place_id', 'text', (c) => c.primaryKey().references('places.id'))
        .addColumn('safeguarding_en', 'text', (c) => c.notNull())
        .addColumn('safeguarding_cy', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'text')
        .execute();

      await db.schema
        .createTable('outward_code_centroids')
        .addColumn('outward_code', 'text', (c) => c.primaryKey())
        .addColumn('latitude', 'real', (c) => c.notNull())
        .addColumn('longitude', 'real', (c) => c.notNull())
        .execute();
    },
  },
};
