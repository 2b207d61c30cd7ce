/**
 * What a search asks for, parsed from a query string (the search page's form, or a link
 * someone shared), and the rules for ordering results. No SQL here: the store turns a
 * SearchParams into a query.
 */
import { z } from 'zod';
import type { FieldErrors } from '../../web/forms.js';
import { normalisePostcode, METRES_PER_MILE, type Point } from '../../platform/postcodes.js';
import { weekdayFromName, WEEKDAYS, type Weekday } from '../../platform/dates.js';

export const TIMES_OF_DAY = ['morning', 'afternoon', 'evening'] as const;
export type TimeOfDay = (typeof TIMES_OF_DAY)[number];

/** The hours each part of the day covers: an activity matches if it overlaps them. */
export const TIME_WINDOWS: Record<TimeOfDay, { from: string; to: string }> = {
  morning: { from: '06:00', to: '12:00' },
  afternoon: { from: '12:00', to: '17:00' },
  evening: { from: '17:00', to: '23:59' },
};

export const DISTANCES_MILES = [1, 2, 5, 10, 25] as const;
/** How far a search near a postcode looks when no distance is given: the form shows the same. */
export const DEFAULT_DISTANCE_MILES = 2;
export const SORTS = ['relevance', 'distance', 'name'] as const;
export type Sort = (typeof SORTS)[number];
export const PER_PAGE = 20;
const MAX_WORDS = 8;

/** Words that would make every search ask for them too, and that say nothing. */
const STOP_WORDS = new Set([
  'a',
  'an',
  'and',
  'the',
  'for',
  'of',
  'in',
  'on',
  'at',
  'to',
  'with',
  'near',
  'me',
  'my',
  'or',
  'by',
  'from',
  'is',
  'are',
  'y',
  'yr',
  "a'r",
  'ac',
  'i',
  'o',
  'yn',
  'ar',
  'gyda',
  'am',
]);

export interface SearchParams {
  words: string[];
  /** The text as typed, for showing back. */
  text: string;
  postcode?: string;
  /**
   * A town, village or venue typed where a postcode goes ("near Hebden Bridge"): the page
   * finds where it is among the place's own addresses.
   */
  placeName?: string;
  point?: Point;
  radiusMetres?: number;
  distanceMiles?: number;
  /** Any of these days: a parent free on Tuesdays and Thursdays asks once, as on Outpost. */
  days: Weekday[];
  time?: TimeOfDay;
  freeOnly: boolean;
  age?: number;
  termCodes: string[];
  sort: Sort;
  /**
   * Whether the person chose the order. If not, it follows the search (best match once
   * there are words, nearest first near a postcode), and the form says so rather than
   * showing an order that would stick when words are typed.
   */
  sortAsked: boolean;
  page: number;
}

export function wordsOf(text: string): string[] {
  const words = (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => !STOP_WORDS.has(w) && w.length <= 40);
  return [...new Set(words)].slice(0, MAX_WORDS);
}

const optionalText = (max: number, tooLong = 'directory.search.tooLong') =>
  z
    .unknown()
    .optional()
    .transform((v) => (Array.isArray(v) ? v[0] : v))
    .transform((v) => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : ''))
    .pipe(z.string().max(max, tooLong));

const flag = z
  .unknown()
  .optional()
  .transform((v) => (Array.isArray(v) ? v[v.length - 1] : v))
  // Only text or a number can say yes: an object (a crafted query string) has no string
  // form to trust, and turning one with its own toString into text would throw.
  .transform((v) => (typeof v === 'string' || typeof v === 'number' ? String(v).toLowerCase() : ''))
  .transform((v) => ['1', 'true', 'yes', 'on'].includes(v));

const list = z
  .unknown()
  .optional()
  .transform((v) => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v : [v]))
  .transform((v) =>
    v
      .filter((x): x is string => typeof x === 'string')
      .map((x) => x.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.string().max(60, 'directory.search.term')).max(30, 'directory.search.term'));

const RawQuery = z.object({
  q: optionalText(200),
  postcode: optionalText(20, 'directory.search.postcode.tooLong'),
  distance: optionalText(10),
  lat: optionalText(20),
  lng: optionalText(20),
  day: list,
  time: optionalText(20),
  free: flag,
  age: optionalText(10),
  term: list,
  sort: optionalText(20),
  page: optionalText(10),
});

/**
 * A query string as a search, or the messages to show beside the fields that are
 * wrong. Never throws, whatever it is given: a link can hold anything.
 */
export function parseSearchQuery(
  input: unknown,
): { ok: true; value: SearchParams } | { ok: false; errors: FieldErrors; value: SearchParams } {
  const raw = RawQuery.safeParse(input && typeof input === 'object' ? input : {});
  const errors: FieldErrors = {};
  const r = raw.success
    ? raw.data
    : {
        q: '',
        postcode: '',
        distance: '',
        lat: '',
        lng: '',
        day: [],
        time: '',
        free: false,
        age: '',
        term: [],
        sort: '',
        page: '',
      };
  if (!raw.success) {
    for (const issue of raw.error.issues) {
      const field = String(issue.path[0] ?? 'q');
      errors[field] ??= { key: issue.message.startsWith('directory.') ? issue.message : 'directory.search.invalid' };
    }
  }
  const value: SearchParams = {
    words: wordsOf(r.q),
    text: r.q,
    freeOnly: r.free,
    termCodes: [...new Set(r.term)],
    days: [],
    sort: 'relevance',
    sortAsked: false,
    page: 1,
  };

  if (r.postcode) {
    const postcode = normalisePostcode(r.postcode);
    if (postcode) value.postcode = postcode;
    // Not a postcode: a town or venue's name, if it has letters to look up.
    else if (/\p{L}{2}/u.test(r.postcode)) value.placeName = r.postcode.replace(/\s+/g, ' ');
    else errors.postcode = { key: 'directory.search.postcode.format' };
  }
  if (r.lat || r.lng) {
    const latitude = Number(r.lat);
    const longitude = Number(r.lng);
    if (
      r.lat &&
      r.lng &&
      Number.isFinite(latitude) &&
      Number.isFinite(longitude) &&
      Math.abs(latitude) <= 90 &&
      Math.abs(longitude) <= 180
    ) {
      value.point = { latitude, longitude };
    } else errors.postcode ??= { key: 'directory.search.point' };
  }
  if (r.distance) {
    const miles = Number(r.distance);
    if (Number.isFinite(miles) && miles > 0 && miles <= 50) value.distanceMiles = miles;
    else errors.distance = { key: 'directory.search.distance.invalid' };
  }
  if (value.postcode || value.placeName || value.point) {
    value.distanceMiles ??= DEFAULT_DISTANCE_MILES;
    value.radiusMetres = value.distanceMiles * METRES_PER_MILE;
  }
  for (const name of r.day) {
    const day = weekdayFromName(name);
    if (day) value.days.push(day);
    else errors.day = { key: 'directory.search.day.invalid' };
  }
  value.days = WEEKDAYS.filter((d) => value.days.includes(d));
  if (r.time) {
    if ((TIMES_OF_DAY as readonly string[]).includes(r.time)) value.time = r.time as TimeOfDay;
    else errors.time = { key: 'directory.search.time.invalid' };
  }
  if (r.age) {
    const age = Number(r.age);
    if (/^\d{1,3}$/.test(r.age) && age <= 120) value.age = age;
    else errors.age = { key: 'directory.search.age.invalid' };
  }
  if (r.page) {
    const page = Number(r.page);
    if (/^\d{1,5}$/.test(r.page) && page >= 1) value.page = page;
    else errors.page = { key: 'validation.page' };
  }
  const near = value.postcode !== undefined || value.placeName !== undefined || value.point !== undefined;
  if (r.sort && (SORTS as readonly string[]).includes(r.sort)) value.sort = r.sort as Sort;
  value.sortAsked = !!r.sort && (SORTS as readonly string[]).includes(r.sort);
  value.sort = chooseSort(value.sort, { hasWords: value.words.length > 0, near, asked: value.sortAsked });
  return Object.keys(errors).length ? { ok: false, errors, value } : { ok: true, value };
}

/**
 * Relevance needs words and distance needs a place: without them the order falls back
 * to the next one that makes sense, so a shared link never gives an odd order.
 */
export function chooseSort(wanted: Sort, context: { hasWords: boolean; near: boolean; asked: boolean }): Sort {
  if (!context.asked) return context.hasWords ? 'relevance' : context.near ? 'distance' : 'name';
  if (wanted === 'relevance' && !context.hasWords) return context.near ? 'distance' : 'name';
  if (wanted === 'distance' && !context.near) return context.hasWords ? 'relevance' : 'name';
  return wanted;
}

/** The query string for a search, for links to other pages of it and to the map. */
export function searchQueryString(
  params: SearchParams,
  overrides: Record<string, string | number | undefined> = {},
): string {
  const q = new URLSearchParams();
  if (params.text) q.set('q', params.text);
  if (params.postcode ?? params.placeName) q.set('postcode', (params.postcode ?? params.placeName)!);
  if (params.point && !params.postcode && !params.placeName) {
    q.set('lat', params.point.latitude.toFixed(5));
    q.set('lng', params.point.longitude.toFixed(5));
  }
  if (params.distanceMiles && (params.postcode || params.placeName || params.point))
    q.set('distance', String(params.distanceMiles));
  for (const day of params.days) q.append('day', day.toLowerCase());
  if (params.time) q.set('time', params.time);
  if (params.freeOnly) q.set('free', '1');
  if (params.age !== undefined) q.set('age', String(params.age));
  for (const code of params.termCodes) q.append('term', code);
  if (params.sortAsked) q.set('sort', params.sort);
  for (const [k, v] of Object.entries(overrides)) {
    if (v === undefined) q.delete(k);
    else q.set(k, String(v));
  }
  return q.toString();
}

export interface RankedActivity {
  id: string;
  name: string;
  rank: number;
  distanceMetres?: number;
}

/** Orders results: best match first, then nearest, then by name, so ties are stable. */
export function orderResults<T extends RankedActivity>(results: T[], sort: Sort): T[] {
  const byName = (a: T, b: T) => a.name.localeCompare(b.name, 'en-GB') || a.id.localeCompare(b.id);
  const byDistance = (a: T, b: T) => (a.distanceMetres ?? Infinity) - (b.distanceMetres ?? Infinity);
  const byRank = (a: T, b: T) => b.rank - a.rank;
  const order =
    sort === 'relevance' ? [byRank, byDistance, byName] : sort === 'distance' ? [byDistance, byRank, byName] : [byName];
  return [...results].sort((a, b) => {
    for (const compare of order) {
      const c = compare(a, b);
      if (c !== 0) return c;
    }
    return 0;
  });
}

/** Distance for people: "0.4 miles", "12 miles". */
export function milesText(metres: number): string {
  const miles = metres / METRES_PER_MILE;
  return miles < 10 ? miles.toFixed(1) : String(Math.round(miles));
}
