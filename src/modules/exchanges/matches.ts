/**
 * Suggestions for a post: for a request, the open offers and the people who said they
 * can help (only those the asker's role may see), ranked; for an offer, the open
 * requests. Each comes with the reasons to show.
 */
import type { Queryable } from '../../db/index.js';
import type { Translate } from '../../web/i18n.js';
import { rankMatches, type Candidate, type Match, type Reason } from './matching.js';
import { allCentroids, helperCandidates, postCandidates, type Post } from './store.js';
import type { Point } from './text.js';
import { DAYS } from './text.js';

/** How many candidates of each kind are ranked at most: bounds the work on a large place. */
export const CANDIDATE_CAP = 300;

/** District centres change when a place loads a new table, not between requests: kept a few minutes. */
const CENTROIDS_FOR_MS = 5 * 60_000;
const centroids = new WeakMap<Queryable, { at: number; map: Promise<Map<string, Point>> }>();
function centroidCache(db: Queryable): Promise<Map<string, Point>> {
  const cached = centroids.get(db);
  if (cached && Date.now() - cached.at <= CENTROIDS_FOR_MS) return cached.map;
  const fresh = { at: Date.now(), map: allCentroids(db) };
  centroids.set(db, fresh);
  return fresh.map;
}

/** Forget the cached centres (after loading new ones). */
export function forgetCentroids(db: Queryable): void {
  centroids.delete(db);
}

export async function matchesFor(
  db: Queryable,
  post: Pick<Post, 'id' | 'placeId' | 'personId' | 'kind' | 'category' | 'words' | 'outwardCode' | 'days'>,
  viewer: { isCoordinator: boolean },
  limit = 10,
): Promise<{ posts: Match[]; people: Match[] }> {
  const wanted = post.kind === 'request' ? 'offer' : 'request';
  const [posts, people] = await Promise.all([
    postCandidates(db, post.placeId, wanted, post.category, post.words, CANDIDATE_CAP),
    post.kind === 'request'
      ? helperCandidates(db, post.placeId, post.category, post.words, {
          includeCoordinatorOnly: viewer.isCoordinator,
          cap: CANDIDATE_CAP,
        })
      : Promise.resolve([] as Candidate[]),
  ]);
  const notMine = (c: Candidate) => c.personId !== post.personId;
  const centres = await centroidCache(db);
  return {
    posts: rankMatches(post, posts.filter(notMine), centres, limit),
    people: rankMatches(post, people.filter(notMine), centres, limit),
  };
}

/** "offers gardening, 0.8 miles, Saturdays" in the reader's language. */
export function reasonText(t: Translate, reasons: readonly Reason[]): string {
  return reasons
    .map((r) => {
      if (r.key.startsWith('exchanges.match.category.'))
        return t(r.key, { category: t(`exchanges.category.${r.params.category}`).toLowerCase() });
      if (r.key === 'exchanges.match.days')
        return t(r.key, {
          days: r.params
            .days!.split(',')
            .map((d) => t(`exchanges.days.${d}`))
            .join(', '),
        });
      return t(r.key, r.params);
    })
    .join(', ');
}

export { DAYS };
