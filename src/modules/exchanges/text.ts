/**
 * Plain functions for what people type into offers and requests: the categories, the
 * words matching compares, the postcode district in an area, the days of the week.
 */

/**
 * Kith's own short list of kinds of help. The directory's taxonomy (capability 1,
 * being built in src/modules/directory) is the shared one: when it exports its terms
 * as a service, offers and requests should take their categories from it, and this
 * list becomes the mapping from old values. Until then, nothing here depends on it.
 */
export const CATEGORIES = [
  'gardening',
  'lifts',
  'shopping',
  'company',
  'repairs',
  'cooking',
  'technology',
  'paperwork',
  'pets',
  'learning',
  'childcare',
  'personal_care',
  'other',
] as const;
export type Category = (typeof CATEGORIES)[number];

/** Categories that always bring up the place's safeguarding guidance. */
export const SENSITIVE_CATEGORIES: readonly Category[] = ['personal_care', 'childcare'];

export function isCategory(value: string): value is Category {
  return (CATEGORIES as readonly string[]).includes(value);
}

/** Monday first, as people in the UK read a week. Bit i is day i. */
export const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Day = (typeof DAYS)[number];

export function daysMask(days: readonly string[]): number {
  return DAYS.reduce((mask, day, i) => (days.includes(day) ? mask | (1 << i) : mask), 0);
}

export function daysOf(mask: number): Day[] {
  return DAYS.filter((_d, i) => mask & (1 << i));
}

const STOP_WORDS = new Set(
  "a an and any are can for from get have help her his how into its just like me my need needs of on or our please some the their them they this to too want with would you your yes can't cannot could do does i'm im i will am be is it at by in up out we us who what when where".split(
    ' ',
  ),
);

/**
 * The words of a text that say what it is about: lower case, without punctuation,
 * stop words or plural -s, at most 40. "Help with my gardening, Saturdays" → "gardening saturday".
 */
export function significantWords(...texts: string[]): string[] {
  const words = new Set<string>();
  for (const text of texts) {
    for (const raw of text
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .split(/[^a-z0-9]+/)) {
      if (raw.length < 3 || STOP_WORDS.has(raw) || /^\d+$/.test(raw)) continue;
      words.add(raw.length > 4 && raw.endsWith('s') && !raw.endsWith('ss') ? raw.slice(0, -1) : raw);
      if (words.size >= 40) return [...words];
    }
  }
  return [...words];
}

const OUTWARD = /^([A-Z]{1,2}[0-9][0-9A-Z]?)(?:\s*[0-9][A-Z]{2})?$/;

/** The postcode district in what someone typed as their area ("kl5 2ab" → "KL5"), if any. */
export function outwardCodeOf(area: string): string | null {
  const match = OUTWARD.exec(area.trim().toUpperCase().replace(/\s+/g, ' '));
  return match ? match[1]! : null;
}

export interface Point {
  latitude: number;
  longitude: number;
}

/** Great-circle distance in miles. */
export function milesBetween(a: Point, b: Point): number {
  const rad = Math.PI / 180;
  const h =
    Math.sin(((b.latitude - a.latitude) * rad) / 2) ** 2 +
    Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(((b.longitude - a.longitude) * rad) / 2) ** 2;
  return (2 * 6_371_008.8 * Math.asin(Math.min(1, Math.sqrt(h)))) / 1609.344;
}
