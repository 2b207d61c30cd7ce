/**
 * Matching as plain functions: how well an offer, or a person's "what I can help
 * with", fits a request (and the other way round), and the reasons to show for it
 * ("offers gardening, 0.8 miles, Saturdays"). The store finds the candidates; this
 * ranks them.
 */
import { daysOf, milesBetween, type Point } from './text.js';

export interface MatchSubject {
  category: string;
  words: readonly string[];
  outwardCode: string | null;
  days: number;
}

export interface Candidate extends MatchSubject {
  id: string;
  kind: 'offer' | 'request' | 'person';
  personId: string;
  title: string;
  updatedAt: string;
  /** A person's several categories (offers and requests have one). */
  categories?: readonly string[];
}

export interface Reason {
  key: string;
  params: Record<string, string>;
}

export interface Match {
  candidate: Candidate;
  score: number;
  reasons: Reason[];
  miles: number | null;
}

/** Weights: the kind of help matters most, then what the words say, then nearness, then days. */
const WEIGHT = { category: 3, word: 1, maxWords: 3, near: 2, nearish: 1.5, town: 1, days: 1, anyDay: 0.25 } as const;

export function scoreMatch(subject: MatchSubject, candidate: Candidate, centroids: ReadonlyMap<string, Point>): Match {
  const reasons: Reason[] = [];
  let score = 0;
  const categories = candidate.categories ?? [candidate.category];
  if (categories.includes(subject.category)) {
    score += WEIGHT.category;
    reasons.push({ key: `exchanges.match.category.${candidate.kind}`, params: { category: subject.category } });
  }
  const theirs = new Set(candidate.words);
  const shared = subject.words.filter((w) => theirs.has(w));
  if (shared.length) {
    score += Math.min(WEIGHT.maxWords, shared.length * WEIGHT.word);
    reasons.push({ key: 'exchanges.match.words', params: { words: shared.slice(0, 3).join(', ') } });
  }
  let miles: number | null = null;
  const here = subject.outwardCode ? centroids.get(subject.outwardCode) : undefined;
  const there = candidate.outwardCode ? centroids.get(candidate.outwardCode) : undefined;
  if (here && there && subject.outwardCode !== candidate.outwardCode) {
    miles = Math.round(milesBetween(here, there) * 10) / 10;
    score += miles < 1 ? WEIGHT.near : miles < 2 ? WEIGHT.nearish : miles < 5 ? WEIGHT.town : 0;
    reasons.push({ key: 'exchanges.match.miles', params: { miles: miles.toFixed(1) } });
  } else if (subject.outwardCode && subject.outwardCode === candidate.outwardCode) {
    // The same district: as near as district centres can say.
    miles = here && there ? 0 : null;
    score += WEIGHT.near;
    reasons.push({ key: 'exchanges.match.sameArea', params: { area: subject.outwardCode } });
  }
  const overlap = subject.days & candidate.days;
  if (overlap) {
    score += WEIGHT.days;
    reasons.push({ key: 'exchanges.match.days', params: { days: daysOf(overlap).join(',') } });
  } else if (candidate.days === 0 || subject.days === 0) {
    score += WEIGHT.anyDay;
  }
  return { candidate, score, reasons, miles };
}

/**
 * The best `limit` candidates, best first: those that share nothing with the subject
 * are left out; ties go to the most recently updated.
 */
export function rankMatches(
  subject: MatchSubject,
  candidates: Iterable<Candidate>,
  centroids: ReadonlyMap<string, Point>,
  limit = 10,
): Match[] {
  const best: Match[] = [];
  for (const candidate of candidates) {
    const match = scoreMatch(subject, candidate, centroids);
    // Nearness and days alone are not a match: it must be the right kind of help or say so.
    if (!match.reasons.some((r) => r.key.startsWith('exchanges.match.category.') || r.key === 'exchanges.match.words'))
      continue;
    if (best.length === limit && !better(match, best[best.length - 1]!)) continue;
    best.push(match);
    best.sort((a, b) => (better(a, b) ? -1 : better(b, a) ? 1 : 0));
    if (best.length > limit) best.pop();
  }
  return best;
}

function better(a: Match, b: Match): boolean {
  if (a.score !== b.score) return a.score > b.score;
  return a.candidate.updatedAt > b.candidate.updatedAt;
}
