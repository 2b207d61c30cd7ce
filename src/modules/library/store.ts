import { randomUUID } from 'node:crypto';
import { sql, type RawBuilder, type SqlBool, type Selectable } from 'kysely';
import { nowIso, type DialectName, type Queryable } from '../../db/index.js';
import type { CaseFields } from './inputs.js';
import { packList, unpackList } from './rules.js';
import type { CaseOrigin, CaseStatus, LibraryCaseTable, LibraryFollowUpTable, LibraryTermTable } from './schema.js';

// The glossary

export interface Term {
  id: string;
  placeId: string;
  key: string;
  term: string;
  termCy: string;
  definition: string;
  definitionCy: string;
  example: string;
  exampleCy: string;
  related: string[];
  source: string;
  shipped: boolean;
  updatedAt: string;
}

const termOf = (r: Selectable<LibraryTermTable>): Term => ({
  id: r.id,
  placeId: r.place_id,
  key: r.key,
  term: r.term,
  termCy: r.term_cy,
  definition: r.definition,
  definitionCy: r.definition_cy,
  example: r.example,
  exampleCy: r.example_cy,
  related: r.related
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean),
  source: r.source,
  shipped: Number(r.shipped) === 1,
  updatedAt: r.updated_at,
});

export async function termsOf(db: Queryable, placeId: string): Promise<Term[]> {
  const rows = await db.selectFrom('library_terms').selectAll().where('place_id', '=', placeId).execute();
  return rows.map(termOf);
}

export async function findTerm(db: Queryable, placeId: string, key: string): Promise<Term | undefined> {
  const row = await db
    .selectFrom('library_terms')
    .selectAll()
    .where('place_id', '=', placeId)
    .where('key', '=', key)
    .executeTakeFirst();
  return row && termOf(row);
}

export interface TermValues {
  key: string;
  term: string;
  termCy: string;
  definition: string;
  definitionCy: string;
  example: string;
  exampleCy: string;
  related: string;
  source: string;
}

/** Adds a term; false when the place already has one with that key. */
export async function insertTerm(
  db: Queryable,
  placeId: string,
  v: TermValues,
  shipped: boolean,
  by: string | null,
): Promise<boolean> {
  const result = await db
    .insertInto('library_terms')
    .values({
      id: randomUUID(),
      place_id: placeId,
      key: v.key,
      term: v.term,
      term_cy: v.termCy,
      definition: v.definition,
      definition_cy: v.definitionCy,
      example: v.example,
      example_cy: v.exampleCy,
      related: v.related,
      source: v.source,
      shipped: shipped ? 1 : 0,
      updated_at: nowIso(),
      updated_by: by,
    })
    .onConflict((oc) => oc.columns(['place_id', 'key']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function updateTerm(
  db: Queryable,
  placeId: string,
  key: string,
  v: Omit<TermValues, 'key' | 'source'>,
  by: string,
) {
  await db
    .updateTable('library_terms')
    .set({
      term: v.term,
      term_cy: v.termCy,
      definition: v.definition,
      definition_cy: v.definitionCy,
      example: v.example,
      example_cy: v.exampleCy,
      related: v.related,
      updated_at: nowIso(),
      updated_by: by,
    })
    .where('place_id', '=', placeId)
    .where('key', '=', key)
    .execute();
}

/** True for the first caller only: the place is given the shipped library once. */
export async function markSeeded(db: Queryable, placeId: string): Promise<boolean> {
  const result = await db
    .insertInto('library_seeded')
    .values({ place_id: placeId, seeded_at: nowIso() })
    .onConflict((oc) => oc.column('place_id').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function isSeeded(db: Queryable, placeId: string): Promise<boolean> {
  return !!(await db
    .selectFrom('library_seeded')
    .select('place_id')
    .where('place_id', '=', placeId)
    .executeTakeFirst());
}

// Case studies

export interface CaseStudy extends CaseFields {
  id: string;
  placeId: string;
  status: CaseStatus;
  origin: CaseOrigin;
  originKey: string | null;
  submittedBy: string | null;
  version: number;
  moderatedBy: string | null;
  moderationReason: string;
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
}

type CaseRow = Selectable<LibraryCaseTable>;

export const caseOf = (r: CaseRow): CaseStudy => ({
  id: r.id,
  placeId: r.place_id,
  status: r.status,
  origin: r.origin,
  originKey: r.origin_key,
  title: r.title,
  location: r.location,
  area: r.area as CaseFields['area'],
  typologies: unpackList(r.typologies) as CaseFields['typologies'],
  summary: r.summary,
  tried: r.tried,
  whoTookPart: r.who_took_part,
  whatWorked: r.what_worked,
  whatDidNot: r.what_did_not,
  costBand: r.cost_band as CaseFields['costBand'],
  cost: r.cost,
  evidenceLevel: Number(r.evidence_level),
  outcomes: r.outcomes,
  outcomeTags: unpackList(r.outcome_tags) as CaseFields['outcomeTags'],
  contacts: r.contacts,
  started: r.started,
  ended: r.ended,
  links: r.links,
  source: r.source,
  submittedBy: r.submitted_by,
  version: Number(r.version),
  moderatedBy: r.moderated_by,
  moderationReason: r.moderation_reason,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  publishedAt: r.published_at,
});

/** The fields of a case as one row's columns. */
export function caseColumns(f: CaseFields) {
  return {
    title: f.title,
    location: f.location,
    area: f.area,
    typologies: packList(f.typologies),
    summary: f.summary,
    tried: f.tried,
    who_took_part: f.whoTookPart,
    what_worked: f.whatWorked,
    what_did_not: f.whatDidNot,
    cost_band: f.costBand,
    cost: f.cost,
    evidence_level: f.evidenceLevel,
    outcomes: f.outcomes,
    outcome_tags: packList(f.outcomeTags),
    contacts: f.contacts,
    started: f.started,
    ended: f.ended,
    links: f.links,
    source: f.source,
  };
}

export async function insertCase(
  db: Queryable,
  dialect: DialectName,
  input: {
    placeId: string;
    fields: CaseFields;
    status: CaseStatus;
    origin: CaseOrigin;
    originKey: string | null;
    submittedBy: string | null;
    id?: string;
  },
): Promise<string | undefined> {
  const id = input.id ?? randomUUID();
  const now = nowIso();
  const result = await db
    .insertInto('library_cases')
    .values({
      id,
      place_id: input.placeId,
      status: input.status,
      origin: input.origin,
      origin_key: input.originKey,
      ...caseColumns(input.fields),
      submitted_by: input.submittedBy,
      version: 1,
      moderated_by: null,
      moderation_reason: '',
      created_at: now,
      updated_at: now,
      published_at: input.status === 'published' ? now : null,
    })
    .onConflict((oc) => oc.columns(['place_id', 'origin_key']).doNothing())
    .executeTakeFirst();
  if (Number(result.numInsertedOrUpdatedRows ?? 0) === 0) return undefined;
  await indexCases(db, dialect, input.placeId, id);
  return id;
}

export async function findCase(db: Queryable, placeId: string, id: string): Promise<CaseStudy | undefined> {
  const row = await db
    .selectFrom('library_cases')
    .selectAll()
    .where('place_id', '=', placeId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && caseOf(row);
}

/** Locks the case for a change (PostgreSQL; SQLite's transaction already holds the write lock). */
export async function lockCase(
  db: Queryable,
  dialect: DialectName,
  placeId: string,
  id: string,
): Promise<CaseStudy | undefined> {
  let query = db.selectFrom('library_cases').selectAll().where('place_id', '=', placeId).where('id', '=', id);
  if (dialect === 'postgres') query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row && caseOf(row);
}

/** Keeps the case as it is now as version N, then writes the new fields as version N+1. */
export async function reviseCase(
  db: Queryable,
  dialect: DialectName,
  current: CaseStudy,
  fields: CaseFields,
  by: string,
  note: string,
  status: CaseStatus,
): Promise<void> {
  await keepVersion(db, current, by, note);
  await db
    .updateTable('library_cases')
    .set({
      ...caseColumns(fields),
      status,
      version: current.version + 1,
      updated_at: nowIso(),
      published_at: status === 'published' ? (current.publishedAt ?? nowIso()) : current.publishedAt,
    })
    .where('id', '=', current.id)
    .execute();
  await indexCases(db, dialect, current.placeId, current.id);
}

export async function keepVersion(db: Queryable, current: CaseStudy, by: string | null, note: string) {
  const snapshot: Record<string, unknown> = {};
  for (const key of Object.keys(caseColumnsKeys)) snapshot[key] = (current as unknown as Record<string, unknown>)[key];
  snapshot.status = current.status;
  await db
    .insertInto('library_case_versions')
    .values({
      id: randomUUID(),
      place_id: current.placeId,
      case_id: current.id,
      version: current.version,
      snapshot: JSON.stringify(snapshot),
      changed_by: by,
      note,
      created_at: nowIso(),
    })
    .execute();
}

const caseColumnsKeys: Record<keyof CaseFields, true> = {
  title: true,
  location: true,
  area: true,
  typologies: true,
  summary: true,
  tried: true,
  whoTookPart: true,
  whatWorked: true,
  whatDidNot: true,
  costBand: true,
  cost: true,
  evidenceLevel: true,
  outcomes: true,
  outcomeTags: true,
  contacts: true,
  started: true,
  ended: true,
  links: true,
  source: true,
};

export async function setModeration(
  db: Queryable,
  dialect: DialectName,
  current: CaseStudy,
  status: CaseStatus,
  by: string,
  reason: string,
): Promise<void> {
  const now = nowIso();
  await db
    .updateTable('library_cases')
    .set({
      status,
      moderated_by: by,
      moderation_reason: reason,
      updated_at: now,
      published_at: status === 'published' ? now : null,
    })
    .where('id', '=', current.id)
    .execute();
  await indexCases(db, dialect, current.placeId, current.id);
}

export interface CaseVersion {
  version: number;
  snapshot: Partial<CaseFields> & { status?: CaseStatus };
  changedBy: string | null;
  note: string;
  createdAt: string;
}

export async function versionsOf(db: Queryable, placeId: string, caseId: string): Promise<CaseVersion[]> {
  const rows = await db
    .selectFrom('library_case_versions')
    .selectAll()
    .where('place_id', '=', placeId)
    .where('case_id', '=', caseId)
    .orderBy('version', 'desc')
    .execute();
  return rows.map((r) => ({
    version: Number(r.version),
    snapshot: JSON.parse(r.snapshot) as CaseVersion['snapshot'],
    changedBy: r.changed_by,
    note: r.note,
    createdAt: r.created_at,
  }));
}

// The full-text index: SQLite's FTS5 table (porter stemming) or PostgreSQL's tsvector
// with a GIN index (english stemming), as the directory's search.

/** What a case is found by, in three parts: its title, what sums it up, and the rest. */
const indexedTitle = sql<string>`c.title`;
const indexedSummary = sql<string>`c.summary || ' ' || c.location || ' ' || replace(replace(c.typologies, ',', ' '), '-', ' ')`;
const indexedBody = sql<string>`c.tried || ' ' || c.who_took_part || ' ' || c.what_worked || ' ' || c.what_did_not || ' ' || c.outcomes || ' ' || c.source`;

// PostgreSQL's english configuration keeps accents (unaccent is an extension a host may
// not allow), but a search's words have none (wordsOf): "cafe" must find a "café", as
// SQLite's remove_diacritics does.
const ACCENTED = 'àáâãäåèéêëìíîïòóôõöùúûüýÿŷŵçñÀÁÂÃÄÅÈÉÊËÌÍÎÏÒÓÔÕÖÙÚÛÜÝŸŶŴÇÑ';
const PLAIN = 'aaaaaaeeeeiiiiooooouuuuyyywcnAAAAAAEEEEIIIIOOOOOUUUUYYYWCN';

/**
 * Writes the index entries of a place's cases (one case's, with caseId) from the cases
 * as they are now: there while published, gone otherwise. Call in the transaction that
 * changed the case. Without a place, every place's (the migration that made the index).
 */
async function indexCases(db: Queryable, dialect: DialectName, placeId?: string, caseId?: string): Promise<void> {
  const which = sql.join(
    [sql`true`, ...(placeId ? [sql`c.place_id = ${placeId}`] : []), ...(caseId ? [sql`c.id = ${caseId}`] : [])],
    sql` and `,
  );
  if (dialect === 'sqlite') {
    await sql`delete from library_case_fts where rowid in (select c.rowid from library_cases c where ${which})`.execute(
      db,
    );
    await sql`insert into library_case_fts (rowid, place, title, summary, body)
      select c.rowid, 'p' || replace(c.place_id, '-', ''), ${indexedTitle}, ${indexedSummary}, ${indexedBody} from library_cases c
      where ${which} and c.status = 'published'`.execute(db);
    return;
  }
  // Weights say which part holds a word (A the title, B the summary), for the order.
  const vector = (text: RawBuilder<string>, weight: 'A' | 'B' | 'D') =>
    sql`setweight(to_tsvector('english', translate(${text}, ${ACCENTED}, ${PLAIN})), ${sql.lit(weight)})`;
  await sql`delete from library_case_search where case_id in (select c.id from library_cases c where ${which})`.execute(
    db,
  );
  await sql`insert into library_case_search (case_id, place_id, document, evidence_level, published_at, area, cost_band, typologies, outcome_tags)
    select c.id, c.place_id, ${vector(indexedTitle, 'A')} || ${vector(indexedSummary, 'B')} || ${vector(indexedBody, 'D')},
      c.evidence_level, c.published_at, c.area, c.cost_band, c.typologies, c.outcome_tags
    from library_cases c where ${which} and c.status = 'published'`.execute(db);
}

/**
 * Rebuilds the index of a place's cases (every place's without one) in two statements:
 * for the migration that made it and for bulk loads, where case by case would crawl.
 */
export async function rebuildCaseIndex(db: Queryable, dialect: DialectName, placeId?: string): Promise<void> {
  await indexCases(db, dialect, placeId);
}

export interface CaseQuery {
  words: string[];
  typology?: string;
  evidenceAtLeast?: number;
  area?: string;
  costBand?: string;
  outcome?: string;
}

/** The filters, on the table that holds the case's columns under this name. */
function filtersOn(table: 'c' | 's', q: CaseQuery): RawBuilder<SqlBool> {
  const column = (name: string) => sql.ref(`${table}.${name}`);
  const and: Array<RawBuilder<unknown>> = [sql`true`];
  if (q.typology) and.push(sql`${column('typologies')} like ${`%,${q.typology},%`}`);
  if (q.outcome) and.push(sql`${column('outcome_tags')} like ${`%,${q.outcome},%`}`);
  if (q.evidenceAtLeast) and.push(sql`${column('evidence_level')} >= ${q.evidenceAtLeast}`);
  if (q.area) and.push(sql`${column('area')} = ${q.area}`);
  if (q.costBand) and.push(sql`${column('cost_band')} = ${q.costBand}`);
  return sql<SqlBool>`${sql.join(and, sql` and `)}`;
}

/**
 * The words as each index's query takes them: every one must be there, in the title
 * alone when asked. wordsOf leaves only letters and digits, so no word can be read as an
 * operator. SQLite's also names the place, whose id is a word of its own in the index,
 * so a place's matches are counted in the index alone.
 */
function matchOf(dialect: DialectName, placeId: string, words: readonly string[], titleOnly = false): string {
  if (dialect === 'sqlite') {
    const all = words.map((w) => `"${w}"`).join(' ');
    return `place : "p${placeId.replace(/-/g, '')}" AND ${titleOnly ? 'title' : '{title summary body}'} : (${all})`;
  }
  return words.map((w) => (titleOnly ? `${w}:A` : w)).join(' & ');
}

/**
 * Published cases that have every word and match every filter. With words, those whose
 * title holds them all come first; then, as without words, strongest evidence and newest
 * first. Two plain tiers rather than bm25 or ts_rank_cd: a commissioner reads the
 * evidence order within them, both databases order alike, and neither has to score every
 * match of a common word (most of a search's time at 10,000 cases).
 */
export async function searchCases(
  db: Queryable,
  dialect: DialectName,
  placeId: string,
  q: CaseQuery,
  page: { limit: number; offset: number },
): Promise<{ total: number; cases: CaseStudy[] }> {
  // As wordsOf gives them: what is put in a full-text query is never an operator.
  const words = q.words.filter((w) => /^[a-z0-9]+$/.test(w));
  const found = !words.length
    ? await casesPage(db, placeId, q, page)
    : dialect === 'sqlite'
      ? await ftsPage(db, placeId, words, q, page)
      : await indexPage(db, placeId, words, q, page);
  const full = found.ids.length
    ? await db.selectFrom('library_cases').selectAll().where('id', 'in', found.ids).execute()
    : [];
  const byId = new Map(full.map((r) => [r.id, r]));
  const rows = found.ids.map((id) => byId.get(id)!).filter(Boolean);
  return { total: found.total, cases: rows.map(caseOf) };
}

/**
 * The place's published cases that pass the filters, in the order of the cases' narrow
 * index (strongest evidence, newest; the id last, descending too, so the index is read
 * backwards and never sorted), never the cases' long text.
 */
function filteredCases(db: Queryable, placeId: string, q: CaseQuery) {
  return db
    .selectFrom('library_cases as c')
    .where('c.place_id', '=', placeId)
    .where('c.status', '=', 'published')
    .where(filtersOn('c', q));
}

type Paged = { ids: string[]; total: number };

/** Without words: a page of the filtered cases, in the index's order, and how many there are. */
async function casesPage(
  db: Queryable,
  placeId: string,
  q: CaseQuery,
  page: { limit: number; offset: number },
): Promise<Paged> {
  const base = filteredCases(db, placeId, q);
  const [count, rows] = await Promise.all([
    base.select(sql<number>`count(*)`.as('n')).executeTakeFirst(),
    inIndexOrder(base.select('c.id')).limit(page.limit).offset(page.offset).execute(),
  ]);
  return { ids: rows.map((r) => r.id), total: Number(count?.n ?? 0) };
}

function inIndexOrder<Q extends ReturnType<typeof filteredCases>>(query: Q): Q {
  return query.orderBy('c.evidence_level', 'desc').orderBy('c.published_at', 'desc').orderBy('c.id', 'desc') as Q;
}

/**
 * SQLite, with words. The full-text index counts a place's matches itself (it holds
 * published cases only, and its rowid is the case's). Most searches then fetch each
 * match's case by that rowid and order them (joinedPage). A common word alone, matching
 * thousands, is read the other way: each tier is the place's cases read from their narrow
 * index in order, keeping the rows the full-text index names (written +c.rowid, so SQLite
 * tests each row rather than fetching every match's case), and a page stops after twenty.
 */
async function ftsPage(
  db: Queryable,
  placeId: string,
  words: string[],
  q: CaseQuery,
  page: { limit: number; offset: number },
): Promise<Paged> {
  const matching = (titleOnly: boolean) =>
    sql`(select rowid from library_case_fts where library_case_fts match ${matchOf('sqlite', placeId, words, titleOnly)})`;
  const indexCount = async (titleOnly: boolean) =>
    Number((await sql<{ n: number }>`select count(*) as n from ${matching(titleOnly)}`.execute(db)).rows[0]?.n ?? 0);
  const total = await indexCount(false);
  if (filtered(q) || total <= MANY_MATCHES) return joinedPage(db, placeId, words, q, page, total);
  const inTitles = await indexCount(true);
  // Few titles hold a word, however common: those are fetched by rowid, as in joinedPage.
  const titled =
    inTitles > MANY_MATCHES
      ? filteredCases(db, placeId, q).where(sql<SqlBool>`+c.rowid in ${matching(true)}`)
      : filteredCases(db, placeId, q).where(sql<SqlBool>`c.rowid in ${matching(true)}`);
  const mentioning = filteredCases(db, placeId, q)
    .where(sql<SqlBool>`+c.rowid in ${matching(false)}`)
    .where(sql<SqlBool>`+c.rowid not in ${matching(true)}`);
  const ids: string[] = [];
  if (page.offset < inTitles)
    ids.push(
      ...(await inIndexOrder(titled.select('c.id')).limit(page.limit).offset(page.offset).execute()).map((r) => r.id),
    );
  if (ids.length < page.limit && page.offset + ids.length < total)
    ids.push(
      ...(
        await inIndexOrder(mentioning.select('c.id'))
          .limit(page.limit - ids.length)
          .offset(Math.max(0, page.offset - inTitles))
          .execute()
      ).map((r) => r.id),
    );
  return { ids, total };
}

/** Above this many matches of words alone, reading the narrow index in order costs less than fetching each match (measured at 10,000 cases). */
const MANY_MATCHES = 2_000;

/** SQLite: the matches' cases fetched by rowid, filtered, those whose title holds the words first. */
async function joinedPage(
  db: Queryable,
  placeId: string,
  words: string[],
  q: CaseQuery,
  page: { limit: number; offset: number },
  matches: number,
): Promise<Paged> {
  const base = filteredCases(db, placeId, q)
    .innerJoin(sql<{ rowid: number }>`library_case_fts`.as('f'), (join) => join.on(sql`f.rowid`, '=', sql`c.rowid`))
    .where(sql<SqlBool>`library_case_fts match ${matchOf('sqlite', placeId, words)}`);
  const paged = base
    .select('c.id')
    .orderBy(
      sql`c.rowid in (select rowid from library_case_fts where library_case_fts match ${matchOf('sqlite', placeId, words, true)})`,
      'desc',
    )
    .orderBy('c.evidence_level', 'desc')
    .orderBy('c.published_at', 'desc')
    .orderBy('c.id', 'desc')
    .limit(page.limit)
    .offset(page.offset);
  if (!filtered(q)) return { ids: (await paged.execute()).map((r) => r.id), total: matches };
  // With a filter, counted in the same pass: the filters leave few matches to keep for the
  // count, where a second pass would find and fetch every match again.
  const rows = await paged.select(sql<number>`count(*) over ()`.as('total')).execute();
  const total = rows.length
    ? Number(rows[0]!.total)
    : page.offset
      ? Number((await base.select(sql<number>`count(*)`.as('n')).executeTakeFirst())?.n ?? 0)
      : 0;
  return { ids: rows.map((r) => r.id), total };
}

const filtered = (q: CaseQuery) => !!(q.typology || q.outcome || q.evidenceAtLeast || q.area || q.costBand);

/**
 * PostgreSQL, with words: the index's table holds each published case's words and the
 * columns it is filtered and ordered by, so the matches are ordered and counted there, in
 * one pass, without joining every one of them to its case (as the directory's index keeps
 * each listing's name).
 */
async function indexPage(
  db: Queryable,
  placeId: string,
  words: string[],
  q: CaseQuery,
  page: { limit: number; offset: number },
): Promise<Paged> {
  const matching = (titleOnly = false) =>
    sql<SqlBool>`s.document @@ to_tsquery('english', ${matchOf('postgres', placeId, words, titleOnly)})`;
  const base = db
    .selectFrom('library_case_search as s')
    .where('s.place_id', '=', placeId)
    // Before the words: PostgreSQL tests conditions of equal cost in the order written, and
    // a filter costs less to test than a case's words.
    .where(filtersOn('s', q))
    .where(matching());
  // Whether the title holds the words is worked out beside each match, fenced off by
  // OFFSET 0: otherwise the planner tests it above the count, and carries every match's
  // words through the count (to disk, for a common word) to test them there.
  const matches = base
    .select(['s.case_id', matching(true).as('titled'), 's.evidence_level', 's.published_at'])
    .offset(0)
    .as('m');
  const rows = await db
    .selectFrom(matches)
    .select(['m.case_id', sql<number>`count(*) over ()`.as('total')])
    .orderBy('m.titled', 'desc')
    .orderBy('m.evidence_level', 'desc')
    .orderBy('m.published_at', 'desc')
    .orderBy('m.case_id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  const total = rows.length
    ? Number(rows[0]!.total)
    : page.offset
      ? Number((await base.select(sql<number>`count(*)`.as('n')).executeTakeFirst())?.n ?? 0)
      : 0;
  return { ids: rows.map((r) => r.case_id), total };
}

export async function casesWithStatus(db: Queryable, placeId: string, status: CaseStatus): Promise<CaseStudy[]> {
  const rows = await db
    .selectFrom('library_cases')
    .selectAll()
    .where('place_id', '=', placeId)
    .where('status', '=', status)
    .orderBy('updated_at')
    .limit(200)
    .execute();
  return rows.map(caseOf);
}

export async function casesSubmittedBy(db: Queryable, placeId: string | null, personId: string): Promise<CaseStudy[]> {
  let query = db.selectFrom('library_cases').selectAll().where('submitted_by', '=', personId);
  if (placeId) query = query.where('place_id', '=', placeId);
  return (await query.orderBy('updated_at', 'desc').execute()).map(caseOf);
}

/** Every published case of a place, for its public feed. */
export async function publishedCases(db: Queryable, placeId: string): Promise<CaseStudy[]> {
  const rows = await db
    .selectFrom('library_cases')
    .selectAll()
    .where('place_id', '=', placeId)
    .where('status', '=', 'published')
    .orderBy('published_at')
    .orderBy('id')
    .execute();
  return rows.map(caseOf);
}

/** Published cases sharing a typology with this one, most shared first. */
export async function relatedCases(db: Queryable, current: CaseStudy, limit = 4): Promise<CaseStudy[]> {
  if (!current.typologies.length) return [];
  const rows = await db
    .selectFrom('library_cases')
    .selectAll()
    .where('place_id', '=', current.placeId)
    .where('status', '=', 'published')
    .where('id', '!=', current.id)
    .where((eb) => eb.or(current.typologies.map((t) => eb('typologies', 'like', `%,${t},%`))))
    .orderBy('evidence_level', 'desc')
    .orderBy('published_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map(caseOf);
}

/** The areas that have published cases, for the filter. */
export async function areasInUse(db: Queryable, placeId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('library_cases')
    .select('area')
    .distinct()
    .where('place_id', '=', placeId)
    .where('status', '=', 'published')
    .execute();
  return rows.map((r) => r.area);
}

export async function eraseCasesOf(db: Queryable, personId: string) {
  await db.updateTable('library_cases').set({ submitted_by: null }).where('submitted_by', '=', personId).execute();
  await db.updateTable('library_cases').set({ moderated_by: null }).where('moderated_by', '=', personId).execute();
  await db.updateTable('library_case_versions').set({ changed_by: null }).where('changed_by', '=', personId).execute();
  await db.updateTable('library_terms').set({ updated_by: null }).where('updated_by', '=', personId).execute();
}

// "We tried this too"

export interface FollowUp {
  id: string;
  caseId: string;
  personId: string | null;
  location: string;
  whatHappened: string;
  whatDifferently: string;
  status: 'published' | 'hidden';
  hiddenReason: string;
  createdAt: string;
}

const followUpOf = (r: Selectable<LibraryFollowUpTable>): FollowUp => ({
  id: r.id,
  caseId: r.case_id,
  personId: r.person_id,
  location: r.location,
  whatHappened: r.what_happened,
  whatDifferently: r.what_differently,
  status: r.status,
  hiddenReason: r.hidden_reason,
  createdAt: r.created_at,
});

export async function insertFollowUp(
  db: Queryable,
  v: {
    placeId: string;
    caseId: string;
    personId: string;
    location: string;
    whatHappened: string;
    whatDifferently: string;
  },
): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('library_follow_ups')
    .values({
      id,
      place_id: v.placeId,
      case_id: v.caseId,
      person_id: v.personId,
      location: v.location,
      what_happened: v.whatHappened,
      what_differently: v.whatDifferently,
      status: 'published',
      hidden_reason: '',
      created_at: nowIso(),
    })
    .execute();
  return id;
}

export async function followUpsOf(db: Queryable, placeId: string, caseId: string): Promise<FollowUp[]> {
  const rows = await db
    .selectFrom('library_follow_ups')
    .selectAll()
    .where('place_id', '=', placeId)
    .where('case_id', '=', caseId)
    .orderBy('created_at')
    .execute();
  return rows.map(followUpOf);
}

export async function findFollowUp(db: Queryable, placeId: string, id: string): Promise<FollowUp | undefined> {
  const row = await db
    .selectFrom('library_follow_ups')
    .selectAll()
    .where('place_id', '=', placeId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && followUpOf(row);
}

export async function hideFollowUp(db: Queryable, id: string, reason: string) {
  await db
    .updateTable('library_follow_ups')
    .set({ status: 'hidden', hidden_reason: reason })
    .where('id', '=', id)
    .execute();
}

export async function followUpsBy(db: Queryable, personId: string): Promise<FollowUp[]> {
  const rows = await db.selectFrom('library_follow_ups').selectAll().where('person_id', '=', personId).execute();
  return rows.map(followUpOf);
}

export async function eraseFollowUpsOf(db: Queryable, personId: string, erased: string) {
  await db
    .updateTable('library_follow_ups')
    .set({ person_id: null, location: erased })
    .where('person_id', '=', personId)
    .execute();
}
