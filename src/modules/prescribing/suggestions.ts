/**
 * The whole of a conversation, searched: each interest and each thing the person would
 * like to do is searched on its own, across activities, volunteering roles, befriending
 * and peer-support schemes and neighbours' offers of help, and the results merged, so
 * that "baking" finding nothing no longer hides what "walking" finds. A result that
 * matches more of the person's words comes first, and carries the words it matched.
 */
import type { Kith } from '../../kith.js';
import { findActivities, parseSearchQuery, SEARCH_PER_PAGE } from '../directory/index.js';
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
 * found it. More words matched ranks higher; among equals, the result found nearer the
 * top of any one search comes first, then the one found by an earlier word.
 */
export function rankByWords<T>(
  searches: ReadonlyArray<{ word: string; found: readonly T[] }>,
  keyOf: (item: T) => string,
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
const PER_WORD = { activities: SEARCH_PER_PAGE, roles: 10, schemes: 10, offers: 10 } as const;

type Listing = Awaited<ReturnType<typeof findActivities>>['results'][number]['listing'];

export interface Suggestions {
  activities: Ranked<Listing>[];
  roles: Ranked<RoleSummary>[];
  schemes: Ranked<SchemeSummary>[];
  offers: Ranked<OfferSummary>[];
}

const activitiesFor = async (kith: Kith, placeId: string, text: string, perPage: number) =>
  (
    await findActivities(
      kith.db,
      placeId,
      { ...parseSearchQuery({ q: text }).value, postcode: undefined, point: undefined },
      undefined,
      perPage,
    )
  ).results.map((r) => r.listing);

/** Everything each of the words finds in the place, merged and ranked by how many of the words it matched. */
export async function suggestionsFor(
  kith: Kith,
  place: { id: string; slug: string },
  words: readonly string[],
): Promise<Suggestions> {
  const db = kith.db.kysely;
  const found = await Promise.all(
    words.map(async (word) => {
      const [activities, roles, schemes, offers] = await Promise.all([
        activitiesFor(kith, place.id, word, PER_WORD.activities),
        findRolesByText(kith, place.id, word, PER_WORD.roles),
        findSchemesByText(db, place.id, word, PER_WORD.schemes),
        findOffersByText(db, place, word, PER_WORD.offers),
      ]);
      return { word, activities, roles, schemes, offers };
    }),
  );
  const merge = <T>(of: (f: (typeof found)[number]) => readonly T[], keyOf: (item: T) => string, shown: number) =>
    rankByWords(
      found.map((f) => ({ word: f.word, found: of(f) })),
      keyOf,
    ).slice(0, shown);
  return {
    activities: merge(
      (f) => f.activities,
      (a) => a.activity.id,
      SUGGESTIONS_SHOWN.activities,
    ),
    roles: merge(
      (f) => f.roles,
      (r) => r.id,
      SUGGESTIONS_SHOWN.roles,
    ),
    schemes: merge(
      (f) => f.schemes,
      (s) => s.id,
      SUGGESTIONS_SHOWN.schemes,
    ),
    offers: merge(
      (f) => f.offers,
      (o) => o.id,
      SUGGESTIONS_SHOWN.offers,
    ),
  };
}
