/**
 * The library's vocabularies (typologies, areas, cost bands, evidence levels, outcome
 * tags) and the words its search compares: plain functions. What its forms and its
 * import accept is in inputs.ts.
 */

/** The typology of social action (seeds A2), by the directory's codes. */
export const TYPOLOGIES = [
  'formal-volunteering',
  'time-credits',
  'peer-support',
  'advocacy-movements',
  'co-production',
  'community-asset-ownership',
  'co-operative-services',
  'community-organising',
  'befriending-helping',
] as const;

/** Areas to search by: the UK's nations and England's regions, and "across the UK". */
export const AREAS = [
  'uk-wide',
  'north-east',
  'north-west',
  'yorkshire',
  'east-midlands',
  'west-midlands',
  'east',
  'london',
  'south-east',
  'south-west',
  'wales',
  'scotland',
  'northern-ireland',
] as const;

/** What it cost, roughly, so a commissioner can compare like with like (as the EEF toolkit does). */
export const COST_BANDS = ['unknown', 'none', 'under-10k', '10k-100k', '100k-1m', 'over-1m'] as const;

/** Nesta's standards of evidence. */
export const EVIDENCE_LEVELS = [1, 2, 3, 4, 5] as const;

/** Outcome words a case speaks to, shared with outcome frameworks' language. */
export const OUTCOME_TAGS = [
  'loneliness',
  'wellbeing',
  'health',
  'independence',
  'employment',
  'skills',
  'confidence',
  'housing',
  'reoffending',
  'local-economy',
  'civic-voice',
  'care-costs',
] as const;

const STOP = new Set([
  'the',
  'and',
  'for',
  'with',
  'that',
  'this',
  'from',
  'are',
  'was',
  'were',
  'its',
  'our',
  'a',
  'an',
  'of',
  'to',
  'in',
  'on',
  'at',
  'by',
  'or',
  'is',
  'it',
  'be',
  'as',
]);

/** Lower case, letters and digits only, a plural's "s" dropped: "Credits," and "credit" are one word. */
export function normaliseWord(word: string): string {
  let w = word
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
  if (w.length > 3 && w.endsWith('ies')) w = w.slice(0, -3) + 'y';
  else if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) w = w.slice(0, -1);
  return w;
}

/** The distinct words of some text, as search compares them (at most 400). */
export function wordsOf(...texts: string[]): string[] {
  const out = new Set<string>();
  for (const text of texts) {
    for (const raw of (text ?? '').split(/[\s\-–—/.,;:!?()'"’‘“”[\]{}]+/)) {
      const w = normaliseWord(raw);
      if (w.length < 2 || STOP.has(w)) continue;
      out.add(w);
      if (out.size >= 400) return [...out];
    }
  }
  return [...out];
}

/** A list stored as ",a,b," so "has a" is one LIKE. */
export const packList = (values: readonly string[]) => (values.length ? `,${values.join(',')},` : '');
export const unpackList = (stored: string) => stored.split(',').filter(Boolean);
