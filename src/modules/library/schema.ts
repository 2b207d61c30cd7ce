import { sql } from 'kysely';
import type { KithMigration } from '../../db/migrate.js';
import { rebuildCaseIndex } from './store.js';

/**
 * The learning library (capability 12): a place's glossary, its case studies with every
 * earlier version, and other places' "we tried this too". Every table carries place_id.
 */

/** One word of the place's shared language; the shipped ones can be changed, and admins add their own. */
export interface LibraryTermTable {
  id: string;
  place_id: string;
  /** Stable in links and in other modules' explanations: the directory's typology codes for its terms. */
  key: string;
  term: string;
  term_cy: string;
  definition: string;
  definition_cy: string;
  example: string;
  example_cy: string;
  /** Keys of related terms, comma-separated. */
  related: string;
  source: string;
  /** 1 for a term Kith ships, 0 for one the place added. */
  shipped: number;
  updated_at: string;
  updated_by: string | null;
}

/** A draft is the submitter's alone (another module's answer, turned into a case); submitted waits for an admin. */
export type CaseStatus = 'draft' | 'submitted' | 'published' | 'rejected';
export type CaseOrigin = 'seed' | 'submitted' | 'imported';

/** A case study, warts and all, in its current version. */
export interface LibraryCaseTable {
  id: string;
  place_id: string;
  status: CaseStatus;
  origin: CaseOrigin;
  /** For the seeds' cases and imported ones: what makes it the same case again (never stored twice). */
  origin_key: string | null;
  title: string;
  /** Where it happened, in words: "Bamford, Derbyshire". */
  location: string;
  /** A region for searching by area: one of AREAS (rules.ts). */
  area: string;
  /** Typology codes, comma-separated, with commas at both ends for a LIKE match. */
  typologies: string;
  summary: string;
  tried: string;
  who_took_part: string;
  what_worked: string;
  what_did_not: string;
  cost_band: string;
  cost: string;
  evidence_level: number;
  outcomes: string;
  /** Outcome framework words the case speaks to, comma-separated ("loneliness,employment"). */
  outcome_tags: string;
  contacts: string;
  started: string;
  ended: string;
  /** One address a line. */
  links: string;
  /** Where the facts come from (a seed, a report), shown with the case. */
  source: string;
  submitted_by: string | null;
  version: number;
  moderated_by: string | null;
  moderation_reason: string;
  created_at: string;
  updated_at: string;
  published_at: string | null;
}

/** Every earlier version of a case, as it was, with who changed it and why. */
export interface LibraryCaseVersionTable {
  id: string;
  place_id: string;
  case_id: string;
  version: number;
  /** The case's fields as JSON. */
  snapshot: string;
  changed_by: string | null;
  note: string;
  created_at: string;
}

/**
 * PostgreSQL's full-text index of published cases (SQLite uses an FTS5 table,
 * library_case_fts, whose rowid is the case's). It keeps the columns a search filters and
 * orders by, so a search by words is answered here without joining every match to its case.
 */
export interface LibraryCaseSearchTable {
  case_id: string;
  place_id: string;
  /** The title weighted A (a search puts those first), the summary, place and typologies B, the rest D. */
  document: unknown;
  evidence_level: number;
  published_at: string | null;
  area: string;
  cost_band: string;
  typologies: string;
  outcome_tags: string;
}

/** "We tried this too": another place's experience of the same idea, beside the case. */
export interface LibraryFollowUpTable {
  id: string;
  place_id: string;
  case_id: string;
  person_id: string | null;
  /** Where they tried it. */
  location: string;
  what_happened: string;
  what_differently: string;
  status: 'published' | 'hidden';
  hidden_reason: string;
  created_at: string;
}

/** That a place has been given the shipped glossary and cases (once, even when two pages ask at once). */
export interface LibrarySeededTable {
  place_id: string;
  seeded_at: string;
}

declare module '../../db/schema.js' {
  interface Database {
    library_terms: LibraryTermTable;
    library_cases: LibraryCaseTable;
    library_case_versions: LibraryCaseVersionTable;
    library_case_search: LibraryCaseSearchTable;
    library_follow_ups: LibraryFollowUpTable;
    library_seeded: LibrarySeededTable;
  }
}

export const migrations: Record<string, KithMigration> = {
  '2026-12-06-10-library': {
    async up(db) {
      await db.schema
        .createTable('library_terms')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('place_id', 'text', (c) => c.notNull().references('places.id'))
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('term', 'text', (c) => c.notNull())
        .addColumn('term_cy', 'text', (c) => c.notNull())
        .addColumn('definition', 'text', (c) => c.notNull())
        .addColumn('definition_cy', 'text', (c) => c.notNull())
        .addColumn('example', 'text', (c) => c.notNull())
        .addColumn('example_cy', 'text', (c) => c.notNull())
        .addColumn('related', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('shipped', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'text')
        .addUniqueConstraint('library_terms_key', ['place_id', 'key'])
        .execute();

      await db.schema
        .createTable('library_cases')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('place_id', 'text', (c) => c.notNull().references('places.id'))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('origin', 'text', (c) => c.notNull())
        .addColumn('origin_key', 'text')
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('location', 'text', (c) => c.notNull())
        .addColumn('area', 'text', (c) => c.notNull())
        .addColumn('typologies', 'text', (c) => c.notNull())
        .addColumn('summary', 'text', (c) => c.notNull())
        .addColumn('tried', 'text', (c) => c.notNull())
        .addColumn('who_took_part', 'text', (c) => c.notNull())
        .addColumn('what_worked', 'text', (c) => c.notNull())
        .addColumn('what_did_not', 'text', (c) => c.notNull())
        .addColumn('cost_band', 'text', (c) => c.notNull())
        .addColumn('cost', 'text', (c) => c.notNull())
        .addColumn('evidence_level', 'integer', (c) => c.notNull())
        .addColumn('outcomes', 'text', (c) => c.notNull())
        .addColumn('outcome_tags', 'text', (c) => c.notNull())
        .addColumn('contacts', 'text', (c) => c.notNull())
        .addColumn('started', 'text', (c) => c.notNull())
        .addColumn('ended', 'text', (c) => c.notNull())
        .addColumn('links', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('submitted_by', 'text')
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('moderated_by', 'text')
        .addColumn('moderation_reason', 'text', (c) => c.notNull())
        .addColumn('words', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('published_at', 'text')
        .addUniqueConstraint('library_cases_origin', ['place_id', 'origin_key'])
        .execute();
      // Search reads only this index: its order is the results' order, and every filter and
      // the id are in it, so a search never touches the cases' long text until the page of 20.
      await db.schema
        .createIndex('library_cases_search')
        .on('library_cases')
        .columns([
          'place_id',
          'status',
          'evidence_level',
          'published_at',
          'id',
          'area',
          'cost_band',
          'typologies',
          'outcome_tags',
        ])
        .execute();
      await db.schema
        .createIndex('library_cases_submitter')
        .on('library_cases')
        .columns(['submitted_by', 'updated_at'])
        .execute();

      await db.schema
        .createTable('library_case_versions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('place_id', 'text', (c) => c.notNull())
        .addColumn('case_id', 'text', (c) => c.notNull().references('library_cases.id').onDelete('cascade'))
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('snapshot', 'text', (c) => c.notNull())
        .addColumn('changed_by', 'text')
        .addColumn('note', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('library_case_versions_number', ['case_id', 'version'])
        .execute();

      await db.schema
        .createTable('library_case_words')
        .addColumn('place_id', 'text', (c) => c.notNull())
        .addColumn('word', 'text', (c) => c.notNull())
        .addColumn('case_id', 'text', (c) => c.notNull().references('library_cases.id').onDelete('cascade'))
        .addPrimaryKeyConstraint('library_case_words_pk', ['place_id', 'word', 'case_id'])
        .execute();
      await db.schema.createIndex('library_case_words_case').on('library_case_words').column('case_id').execute();

      await db.schema
        .createTable('library_follow_ups')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('place_id', 'text', (c) => c.notNull())
        .addColumn('case_id', 'text', (c) => c.notNull().references('library_cases.id').onDelete('cascade'))
        .addColumn('person_id', 'text')
        .addColumn('location', 'text', (c) => c.notNull())
        .addColumn('what_happened', 'text', (c) => c.notNull())
        .addColumn('what_differently', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('hidden_reason', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('library_follow_ups_case')
        .on('library_follow_ups')
        .columns(['case_id', 'created_at'])
        .execute();
      await db.schema.createIndex('library_follow_ups_person').on('library_follow_ups').column('person_id').execute();

      await db.schema
        .createTable('library_seeded')
        .addColumn('place_id', 'text', (c) => c.primaryKey())
        .addColumn('seeded_at', 'text', (c) => c.notNull())
        .execute();
    },
  },
  // Words are found through each database's own full-text index, as the directory's are
  // (SQLite FTS5, PostgreSQL tsvector with GIN), which also says whether a case's title
  // holds them, so it comes before one that only mentions them. It replaces the table of one row a
  // word a case (slow to search for a common word, and to load on PostgreSQL) and the
  // words column that fed it. The index holds published cases only: all that search shows.
  '2026-12-08-20-library-search': {
    async up(db, dialect) {
      if (dialect === 'postgres') {
        await db.schema
          .createTable('library_case_search')
          .addColumn('case_id', 'text', (c) => c.primaryKey().references('library_cases.id').onDelete('cascade'))
          .addColumn('place_id', 'text', (c) => c.notNull())
          .addColumn('document', sql.raw('tsvector'), (c) => c.notNull())
          .addColumn('evidence_level', 'integer', (c) => c.notNull())
          .addColumn('published_at', 'text')
          .addColumn('area', 'text', (c) => c.notNull())
          .addColumn('cost_band', 'text', (c) => c.notNull())
          .addColumn('typologies', 'text', (c) => c.notNull())
          .addColumn('outcome_tags', 'text', (c) => c.notNull())
          .execute();
        // Written straight into the tree (no pending list), as the directory's index is since
        // 2026-12-07-70: a search after a big import would otherwise read every entry added.
        await sql`create index library_case_search_document on library_case_search using gin (document) with (fastupdate = off)`.execute(
          db,
        );
      } else {
        await sql`create virtual table library_case_fts using fts5(place, title, summary, body, tokenize = 'porter unicode61 remove_diacritics 2')`.execute(
          db,
        );
        // The place is a word of its own (its id without hyphens, after a "p"), so a
        // place's matches are counted in the index without reading their cases.
        // FTS5 takes no foreign key: a case deleted by any route leaves the index with it,
        // as PostgreSQL's cascade does.
        await sql`create trigger library_cases_leave_index after delete on library_cases
          begin delete from library_case_fts where rowid = old.rowid; end`.execute(db);
      }
      await rebuildCaseIndex(db, dialect);
      await db.schema.dropTable('library_case_words').execute();
      await db.schema.alterTable('library_cases').dropColumn('words').execute();
    },
  },
};
