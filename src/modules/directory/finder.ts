/**
 * Runs a search for the search page (and the benchmark): turns the parsed query into
 * filters, asks the store, orders and pages the results, and loads what the page shows.
 */
import type { Db } from '../../db/index.js';
import { loadListings, taxonomyIndex, type Listing, type TaxonomyIndex } from './listings-read-store.js';
import type { Point } from '../../platform/postcodes.js';
import { orderResults, TIME_WINDOWS, type SearchParams } from './search.js';
import {
  countMatches,
  directoryVersion,
  searchNear,
  searchPage,
  type ActivityFilter,
  type Hit,
} from './search-store.js';
import { cacheOf } from './search-cache.js';

export interface FoundActivities {
  total: number;
  results: Array<{ listing: Listing; distanceMetres?: number; locationId?: string }>;
  index: TaxonomyIndex;
}

/** Term codes chosen in the form, grouped by vocabulary: any term within one, every vocabulary. */
export function termGroups(index: TaxonomyIndex, codes: readonly string[]): string[][] {
  const groups = new Map<string, string[]>();
  for (const term of index.terms.values()) {
    if (codes.includes(term.code)) groups.set(term.taxonomyId, [...(groups.get(term.taxonomyId) ?? []), term.id]);
  }
  // A code nobody knows narrows to nothing rather than being ignored silently.
  const known = new Set([...index.terms.values()].map((t) => t.code));
  const unknown = codes.filter((c) => !known.has(c));
  return [...groups.values(), ...(unknown.length ? [[]] : [])];
}

export function filterFor(placeId: string, params: SearchParams, index: TaxonomyIndex, point?: Point): ActivityFilter {
  return {
    placeId,
    words: params.words,
    freeOnly: params.freeOnly,
    age: params.age,
    days: params.days,
    window: params.time ? TIME_WINDOWS[params.time] : undefined,
    termGroups: termGroups(index, params.termCodes),
    near: point && params.radiusMetres ? { point, metres: params.radiusMetres } : undefined,
  };
}

/** Everything in a search that can change its results, as a key for the cache. */
function searchKey(placeId: string, version: number, params: SearchParams, point: Point | undefined, perPage: number) {
  return JSON.stringify([
    placeId,
    version,
    params.words,
    params.freeOnly,
    params.age,
    params.days,
    params.time,
    params.termCodes,
    params.sort,
    params.page,
    perPage,
    point && params.radiusMetres ? [point.latitude, point.longitude, params.radiusMetres] : null,
  ]);
}

/**
 * A search's results, from this process's memory when the same search was made at the
 * directory's current version (pass the version when it has been read already), else
 * from the database. Treat what comes back as read-only: it may be shared.
 */
export async function findActivities(
  db: Db,
  placeId: string,
  params: SearchParams,
  point: Point | undefined,
  perPage: number,
  version?: number,
): Promise<FoundActivities> {
  const current = version ?? (await directoryVersion(db.kysely, placeId));
  const results = cacheOf<Promise<FoundActivities>>(db, 'directory:search', 1000);
  const key = searchKey(placeId, current, params, point, perPage);
  const kept = results.get(key);
  if (kept) return kept;
  // The promise is kept, not only its result, so the same search asked again while it
  // runs (a popular link, fifty people at once) waits for it rather than running again.
  const found = searchDatabase(db, placeId, params, point, perPage, current);
  results.set(key, found);
  found.catch(() => {
    if (results.get(key) === found) results.delete(key);
  });
  return found;
}

/**
 * Several searches at once (each word of a conversation, say), each answered as
 * findActivities answers it alone and kept in the same cache: the directory's version
 * is read once, and the listings of the searches not kept are read together.
 */
export async function findActivitiesEach(
  db: Db,
  placeId: string,
  searches: readonly SearchParams[],
  point: Point | undefined,
  perPage: number,
): Promise<FoundActivities[]> {
  const current = await directoryVersion(db.kysely, placeId);
  const results = cacheOf<Promise<FoundActivities>>(db, 'directory:search', 1000);
  const keys = searches.map((params) => searchKey(placeId, current, params, point, perPage));
  const answers = new Map<string, Promise<FoundActivities>>();
  const missing: Array<{ key: string; params: SearchParams }> = [];
  keys.forEach((key, i) => {
    if (answers.has(key)) return;
    const kept = results.get(key);
    if (kept) answers.set(key, kept);
    else missing.push({ key, params: searches[i]! });
  });
  if (missing.length) {
    const found = searchDatabaseEach(
      db,
      placeId,
      missing.map((m) => m.params),
      point,
      perPage,
      current,
    );
    missing.forEach(({ key }, i) => {
      const one = found.then((all) => all[i]!);
      answers.set(key, one);
      results.set(key, one);
      one.catch(() => {
        if (results.get(key) === one) results.delete(key);
      });
    });
  }
  return Promise.all(keys.map((key) => answers.get(key)!));
}

/**
 * The share of the place's published listings each list of words matches, from 0 to 1
 * (0 when it has none): a word nearly every listing holds picks none of them out. Kept,
 * as searches are, until the directory changes.
 */
export async function matchShares(
  db: Db,
  placeId: string,
  wordLists: ReadonlyArray<readonly string[]>,
): Promise<number[]> {
  const current = await directoryVersion(db.kysely, placeId);
  const shares = cacheOf<number>(db, 'directory:shares', 1000);
  const keyOf = (words: readonly string[]) => JSON.stringify([placeId, current, words]);
  // Each list not yet counted at this version, once.
  const missing = new Map(
    wordLists.filter((words) => words.length && shares.get(keyOf(words)) === undefined).map((w) => [keyOf(w), w]),
  );
  if (missing.size) {
    const { listings, matches } = await countMatches(db.kysely, db.dialect, placeId, [...missing.values()]);
    [...missing.keys()].forEach((key, i) => shares.set(key, listings ? matches[i]! / listings : 0));
  }
  return wordLists.map((words) => (words.length ? (shares.get(keyOf(words)) ?? 0) : 0));
}

/** The place's vocabularies and terms at this version. */
export async function taxonomyAt(db: Db, placeId: string, version: number): Promise<TaxonomyIndex> {
  const indexes = cacheOf<TaxonomyIndex>(db, 'directory:taxonomy', 100);
  const key = `${placeId} ${version}`;
  const kept = indexes.get(key);
  if (kept) return kept;
  const index = await taxonomyIndex(db.kysely, placeId);
  indexes.set(key, index);
  return index;
}

/** The search itself, every time from the database: what the cache keeps. */
export async function searchDatabase(
  db: Db,
  placeId: string,
  params: SearchParams,
  point: Point | undefined,
  perPage: number,
  version?: number,
): Promise<FoundActivities> {
  return (await searchDatabaseEach(db, placeId, [params], point, perPage, version))[0]!;
}

/**
 * Several searches from the database, each found on its own, with the listings all of
 * them show read together: one set of queries for a conversation's words, not one a word.
 */
async function searchDatabaseEach(
  db: Db,
  placeId: string,
  searches: readonly SearchParams[],
  point: Point | undefined,
  perPage: number,
  version?: number,
): Promise<FoundActivities[]> {
  const index =
    version === undefined ? await taxonomyIndex(db.kysely, placeId) : await taxonomyAt(db, placeId, version);
  const pages = await Promise.all(searches.map((params) => hitsOf(db, placeId, params, point, perPage, index)));
  const ids = [...new Set(pages.flatMap((p) => p.hits.map((h) => h.id)))];
  const listings = new Map((await loadListings(db.kysely, placeId, ids, index)).map((l) => [l.activity.id, l]));
  return pages.map(({ hits, total }) => ({
    total,
    index,
    results: hits.flatMap((h) => {
      const listing = listings.get(h.id);
      return listing ? [{ listing, distanceMetres: h.distanceMetres, locationId: h.locationId }] : [];
    }),
  }));
}

/** One search's page of matches, in order, and how many match in all. */
async function hitsOf(
  db: Db,
  placeId: string,
  params: SearchParams,
  point: Point | undefined,
  perPage: number,
  index: TaxonomyIndex,
): Promise<{ hits: Hit[]; total: number }> {
  const filter = filterFor(placeId, params, index, point);
  const offset = (params.page - 1) * perPage;
  if (filter.near) {
    const all = orderResults(await searchNear(db.kysely, db.dialect, { ...filter, near: filter.near }), params.sort);
    return { hits: all.slice(offset, offset + perPage), total: all.length };
  }
  return searchPage(db.kysely, db.dialect, filter, {
    sort: params.sort === 'relevance' ? 'relevance' : 'name',
    limit: perPage,
    offset,
  });
}
