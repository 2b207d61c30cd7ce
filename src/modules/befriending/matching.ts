/**
 * Who might suit whom: plain rules over two profiles. A coordinator makes the match
 * (Shared Lives' "careful matching process"); Kith narrows thousands of people to the
 * few worth a phone call and says why each is there.
 *
 * A pair is only suggested when they could actually meet: a language in common, a time
 * in common, a way of meeting both are happy with (in person within reach, or by phone
 * or video), and each side's preference about who they are matched with respected.
 * Among those, shared interests, shared times, nearness, a shared first language other
 * than English and, for peer support, shared lived experience count, and so does how
 * long someone has waited, so nobody waits for ever behind easier matches.
 */
// The directory's plain distance functions, not its module: matching stays free of the app around it.
import { haversineMetres, METRES_PER_MILE } from '../../platform/postcodes.js';
import type { Gender, GenderPreference, SchemeKind, Side } from './schema.js';

export const INTERESTS = [
  'gardening',
  'music',
  'reading',
  'cooking',
  'sport',
  'history',
  'crafts',
  'films_tv',
  'faith',
  'nature',
  'technology',
  'games',
  'travel',
  'animals',
  'art',
  'walking',
] as const;
export type Interest = (typeof INTERESTS)[number];

/** Languages people in a place are matched in; British Sign Language among them. */
export const LANGUAGES = [
  'en',
  'cy',
  'bsl',
  'pl',
  'ur',
  'pa',
  'bn',
  'ar',
  'so',
  'gu',
  'pt',
  'ro',
  'es',
  'fr',
  'tr',
  'zh',
] as const;
export type Language = (typeof LANGUAGES)[number];

/** Ways of meeting: visits at home, out and about, by phone, by video call. */
export const WAYS = ['home', 'out', 'phone', 'video'] as const;
export type Way = (typeof WAYS)[number];

/** Lived experience a peer supporter can share (St Giles' peer advisors, seed A2). */
export const EXPERIENCES = [
  'bereavement',
  'mental_health',
  'caring',
  'long_term_condition',
  'addiction',
  'prison',
  'homelessness',
  'domestic_abuse',
  'disability',
  'migration',
] as const;
export type Experience = (typeof EXPERIENCES)[number];

export const DAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export const PARTS = ['morning', 'afternoon', 'evening'] as const;
export type Slot = `${(typeof DAYS)[number]}_${(typeof PARTS)[number]}`;
/** Every day and part of the day, Monday morning first: a bit each in `availability`. */
export const SLOTS: readonly Slot[] = DAYS.flatMap((d) => PARTS.map((p) => `${d}_${p}` as Slot));
const ANY_TIME = (1 << SLOTS.length) - 1;

export const bitsOf = <T extends string>(list: readonly T[], chosen: readonly T[]) =>
  chosen.reduce((mask, c) => (list.indexOf(c) < 0 ? mask : mask | (1 << list.indexOf(c))), 0);
export const listOf = <T extends string>(list: readonly T[], mask: number) => list.filter((_, i) => mask & (1 << i));
const count = (mask: number) => listOf(SLOTS, mask).length;

/** How far someone may say they will travel to meet; nobody is suggested in person from farther away. */
export const TRAVEL_MILES = [0, 1, 2, 5, 10] as const;

const IN_PERSON = bitsOf(WAYS, ['home', 'out']);
const REMOTE = bitsOf(WAYS, ['phone', 'video']);
const ENGLISH = bitsOf(LANGUAGES, ['en']);

export interface MatchProfile {
  id: string;
  side: Side;
  interests: number;
  languages: number;
  /** 0 is "any time". */
  availability: number;
  ways: number;
  experiences: number;
  latitude: number | null;
  longitude: number | null;
  /** How far they will travel to meet, in miles. */
  travelMiles: number;
  gender: Gender;
  prefers: GenderPreference;
  /** When they began waiting for a match (ISO). */
  waitingSince: string;
}

export type Reason =
  | { kind: 'language'; languages: Language[] }
  | { kind: 'interests'; interests: Interest[] }
  | { kind: 'experiences'; experiences: Experience[] }
  | { kind: 'times'; slots: Slot[] }
  | { kind: 'distance'; miles: number }
  | { kind: 'remote'; ways: Way[] }
  | { kind: 'waited'; weeks: number };

export interface Suggestion {
  profileId: string;
  score: number;
  reasons: Reason[];
}

const welcomes = (prefers: GenderPreference, gender: Gender) => prefers === 'any' || prefers === gender;

/** Someone who will meet only in person (no phone or video) can only be suggested people within reach. */
export const meetsOnlyInPerson = (p: Pick<MatchProfile, 'ways'>) => (p.ways & REMOTE) === 0;

/** How far apart two people are in miles, or null when either has given no postcode. */
export function milesApart(a: MatchProfile, b: MatchProfile): number | null {
  if (a.latitude === null || a.longitude === null || b.latitude === null || b.longitude === null) return null;
  return (
    haversineMetres(
      { latitude: a.latitude, longitude: a.longitude },
      { latitude: b.latitude, longitude: b.longitude },
    ) / METRES_PER_MILE
  );
}

/** Whether the two could meet at all, and how: the rules no score can outweigh. */
export function couldMeet(
  a: MatchProfile,
  b: MatchProfile,
): { inPerson: boolean; remote: boolean; miles: number | null; slots: number } | null {
  if (a.side === b.side) return null;
  if ((a.languages & b.languages) === 0) return null;
  if (!welcomes(a.prefers, b.gender) || !welcomes(b.prefers, a.gender)) return null;
  const slots = (a.availability || ANY_TIME) & (b.availability || ANY_TIME);
  if (slots === 0) return null;
  const ways = a.ways & b.ways;
  // Distance matters only to people who would meet in person.
  const miles = (ways & IN_PERSON) !== 0 ? milesApart(a, b) : null;
  const inPerson = miles !== null && miles <= Math.max(a.travelMiles, b.travelMiles);
  const remote = (ways & REMOTE) !== 0;
  if (!inPerson && !remote) return null;
  return { inPerson, remote, miles, slots };
}

/** The score and reasons for one pair that could meet; null when they could not. */
export function assess(seeker: MatchProfile, candidate: MatchProfile, kind: SchemeKind, now: Date): Suggestion | null {
  const meeting = couldMeet(seeker, candidate);
  if (!meeting) return null;
  const reasons: Reason[] = [];
  let score = 0;

  const firstLanguages = listOf(LANGUAGES, seeker.languages & candidate.languages & ~ENGLISH);
  if (firstLanguages.length) {
    score += 10;
    reasons.push({ kind: 'language', languages: firstLanguages });
  }
  if (kind === 'peer_support') {
    const experiences = listOf(EXPERIENCES, seeker.experiences & candidate.experiences);
    if (experiences.length) {
      score += Math.min(experiences.length, 2) * 15;
      reasons.push({ kind: 'experiences', experiences });
    }
  }
  const interests = listOf(INTERESTS, seeker.interests & candidate.interests);
  if (interests.length) {
    score += Math.min(interests.length, 4) * 10;
    reasons.push({ kind: 'interests', interests });
  }
  const shared = count(meeting.slots);
  score += Math.min(shared, 4) * 5;
  reasons.push({ kind: 'times', slots: listOf(SLOTS, meeting.slots) });
  if (meeting.inPerson && meeting.miles !== null) {
    const reach = Math.max(seeker.travelMiles, candidate.travelMiles, 0.1);
    score += Math.round(20 * Math.max(0, 1 - meeting.miles / reach));
    reasons.push({ kind: 'distance', miles: Math.round(meeting.miles * 10) / 10 });
  } else {
    score += 8;
    reasons.push({ kind: 'remote', ways: listOf(WAYS, seeker.ways & candidate.ways & REMOTE) });
  }
  const weeks = Math.floor((now.getTime() - Date.parse(candidate.waitingSince)) / (7 * 86_400_000));
  if (weeks >= 2) {
    score += Math.min(weeks, 10);
    reasons.push({ kind: 'waited', weeks });
  }
  return { profileId: candidate.id, score, reasons };
}

/**
 * The best `limit` candidates for a seeker, best first. Ties go to whoever has waited
 * longest, then by id, so the same lists always give the same order.
 */
export function suggest(
  seeker: MatchProfile,
  candidates: Iterable<MatchProfile>,
  kind: SchemeKind,
  now: Date,
  limit = 10,
): Suggestion[] {
  if (limit < 1) return [];
  const better = (a: Suggestion & { since: string }, b: Suggestion & { since: string }) =>
    b.score - a.score || a.since.localeCompare(b.since) || a.profileId.localeCompare(b.profileId);
  // The best so far, in order; ten thousand candidates are weighed but only `limit` are kept.
  const best: Array<Suggestion & { since: string }> = [];
  for (const candidate of candidates) {
    if (candidate.id === seeker.id) continue;
    const s = assess(seeker, candidate, kind, now);
    if (!s) continue;
    const found = { ...s, since: candidate.waitingSince };
    if (best.length === limit && better(found, best[limit - 1]!) >= 0) continue;
    let at = best.length;
    while (at > 0 && better(found, best[at - 1]!) < 0) at--;
    best.splice(at, 0, found);
    if (best.length > limit) best.pop();
  }
  return best.map(({ since: _since, ...s }) => s);
}
