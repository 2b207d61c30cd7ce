/**
 * The whole of a conversation, searched: each interest and each thing the person would
 * like to do is searched on its own, across activities, volunteering roles, befriending
 * and peer-support schemes and neighbours' offers of help, and the results merged, so
 * that "baking" finding nothing no longer hides what "walking" finds. A result that
 * matches more of the person's words comes first, and carries the words it matched.
 */
import type { Kith } from '../../kith.js';
import { findActivitiesEach, matchShares, parseSearchQuery, SEARCH_PER_PAGE } from '../directory/index.js';
import { findRolesByText, type RoleSummary } from '../volunteering/index.js';
import { findSchemesByText, type SchemeSummary } from '../befriending/index.js';
import { findOffersByText, type OfferSummary } from '../exchanges/index.js';

export interface Ranked<T> {
  item: T;
  /** The person's words this result was found by, in the order they said them. */
  matched: string[];
}

/**
 * Merges the results of one search a word: each result once, with every word that
 * found it, and every other word its own text holds (`holds`), since each search reads
 * only its first few results. More words matched ranks higher; among equals, the
 * result found nearer the top of any one search comes first, then the one found by an
 * earlier word.
 */
export function rankByWords<T>(
  searches: ReadonlyArray<{ word: string; found: readonly T[] }>,
  keyOf: (item: T) => string,
  holds: (item: T, word: string) => boolean = () => false,
): Ranked<T>[] {
  const merged = new Map<string, { item: T; words: Set<number>; best: number; first: number }>();
  searches.forEach(({ found }, w) => {
    found.forEach((item, position) => {
      const key = keyOf(item);
      const seen = merged.get(key);
      if (seen) {
        seen.words.add(w);
        seen.best = Math.min(seen.best, position);
      } else merged.set(key, { item, words: new Set([w]), best: position, first: w });
    });
  });
  for (const m of merged.values())
    searches.forEach(({ word }, w) => {
      if (!m.words.has(w) && holds(m.item, word)) m.words.add(w);
    });
  return [...merged.values()]
    .sort((a, b) => b.words.size - a.words.size || a.best - b.best || a.first - b.first)
    .map((m) => ({
      item: m.item,
      matched: [...m.words].sort((a, b) => a - b).map((w) => searches[w]!.word),
    }));
}

/** Results kept of each kind, once merged: a page a link worker can read through with the person. */
export const SUGGESTIONS_SHOWN = { activities: 30, roles: 10, schemes: 10, offers: 10 } as const;

/** One search a word, at most this many results of each kind. */
const PER_WORD = { roles: 10, schemes: 10, offers: 10 } as const;

/**
 * Activities read a word: a page of the directory's search for one or two words, fewer
 * for more, so five words load about as many listings as the page can show (each one
 * read whole, with its places, times and costs, is most of a search's cost).
 */
export const activitiesPerWord = (words: number) =>
  Math.min(SEARCH_PER_PAGE, Math.max(8, Math.ceil(40 / Math.max(1, words))));

/** Whether a text holds every word of what the person said ("a cup of tea": cup, of, tea), ignoring case and accents. */
export function textHolds(text: string, said: string): boolean {
  const plain = (s: string) =>
    s
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '');
  const haystack = ` ${plain(text).replace(/[^a-z0-9]+/g, ' ')} `;
  const words = plain(said)
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  return words.length > 0 && words.every((w) => haystack.includes(` ${w}`));
}

type Listing = Awaited<ReturnType<typeof findActivitiesEach>>[number]['results'][number]['listing'];

export interface Suggestions {
  activities: Ranked<Listing>[];
  roles: Ranked<RoleSummary>[];
  schemes: Ranked<SchemeSummary>[];
  offers: Ranked<OfferSummary>[];
}

/**
 * A word matching more than this share of the place's listings ("meet people", where
 * every listing says "come along and meet people") picks none of them out: ranking the
 * whole directory by it would suggest an arbitrary few, at the cost of ranking every
 * listing. It is not searched on its own; it still counts for every listing the other
 * words find whose text holds it.
 */
export const COMMON_SHARE = 0.5;

/**
 * Each word's page of activities, searched as the directory's search page searches it;
 * the listings read once for all. A word too common to tell listings apart finds none
 * by itself, unless every word is as common.
 */
async function activitiesFor(kith: Kith, placeId: string, words: readonly string[]) {
  const searches = words.map((word) => ({
    ...parseSearchQuery({ q: word }).value,
    postcode: undefined,
    point: undefined,
  }));
  const shares = await matchShares(
    kith.db,
    placeId,
    searches.map((s) => s.words),
  );
  const telling = searches.filter((_, i) => shares[i]! <= COMMON_SHARE);
  const searched = telling.length ? telling : searches;
  const found = await findActivitiesEach(kith.db, placeId, searched, undefined, activitiesPerWord(searched.length));
  return searches.map((s) => {
    const i = searched.indexOf(s);
    return i < 0 ? [] : found[i]!.results.map((r) => r.listing);
  });
}

/** Everything each of the words finds in the place, merged and ranked by how many of the words it matched. */
export async function suggestionsFor(
  kith: Kith,
  place: { id: string; slug: string },
  words: readonly string[],
): Promise<Suggestions> {
  const db = kith.db.kysely;
  // Every search at once: the activities of all the words together, and each word's roles, schemes and offers.
  const [activities, others] = await Promise.all([
    activitiesFor(kith, place.id, words),
    Promise.all(
      words.map(async (word) => {
        const [roles, schemes, offers] = await Promise.all([
          findRolesByText(kith, place.id, word, PER_WORD.roles),
          findSchemesByText(db, place.id, word, PER_WORD.schemes),
          findOffersByText(db, place, word, PER_WORD.offers),
        ]);
        return { word, roles, schemes, offers };
      }),
    ),
  ]);
  const found = others.map((o, i) => ({ ...o, activities: activities[i]! }));
  const merge = <T>(
    of: (f: (typeof found)[number]) => readonly T[],
    keyOf: (item: T) => string,
    textOf: (item: T) => string,
    shown: number,
  ) =>
    rankByWords(
      found.map((f) => ({ word: f.word, found: of(f) })),
      keyOf,
      (item, word) => textHolds(textOf(item), word),
    ).slice(0, shown);
  return {
    activities: merge(
      (f) => f.activities,
      (a) => a.activity.id,
      (a) => `${a.activity.name} ${a.activity.description} ${a.organisation.name}`,
      SUGGESTIONS_SHOWN.activities,
    ),
    roles: merge(
      (f) => f.roles,
      (r) => r.id,
      (r) => `${r.name} ${r.organisationName}`,
      SUGGESTIONS_SHOWN.roles,
    ),
    schemes: merge(
      (f) => f.schemes,
      (s) => s.id,
      (s) => `${s.name} ${s.organisationName}`,
      SUGGESTIONS_SHOWN.schemes,
    ),
    offers: merge(
      (f) => f.offers,
      (o) => o.id,
      (o) => o.title,
      SUGGESTIONS_SHOWN.offers,
    ),
  };
}
