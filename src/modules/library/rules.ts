/**
 * The shape of a case study and the words the library searches: plain functions and
 * the zod schemas of what its forms and its import accept.
 */
import { z } from 'zod';

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

const text = (max: number, required?: string) =>
  required
    ? z
        .string({ message: required })
        .trim()
        .min(1, { message: required })
        .max(max, { message: 'library.validation.tooLong' })
    : z.string().trim().max(max, { message: 'library.validation.tooLong' }).default('');

const list = <T extends string>(values: readonly T[]) =>
  z.preprocess(
    (v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]),
    z.array(z.enum(values as unknown as [T, ...T[]], { message: 'library.validation.choice' })),
  );

const LINK = /^(https?:\/\/[^\s<>"]+)$/i;

export const CaseInput = z.object({
  title: text(160, 'library.validation.title'),
  location: text(160, 'library.validation.location'),
  area: z.enum(AREAS, { message: 'library.validation.area' }),
  typologies: list(TYPOLOGIES).refine((v) => v.length > 0, { message: 'library.validation.typologies' }),
  summary: text(600, 'library.validation.summary'),
  tried: text(8000, 'library.validation.tried'),
  whoTookPart: text(4000, 'library.validation.whoTookPart'),
  whatWorked: text(8000, 'library.validation.whatWorked'),
  whatDidNot: text(8000, 'library.validation.whatDidNot'),
  costBand: z.enum(COST_BANDS, { message: 'library.validation.costBand' }),
  cost: text(600),
  evidenceLevel: z.coerce
    .number({ message: 'library.validation.evidenceLevel' })
    .int({ message: 'library.validation.evidenceLevel' })
    .min(1, { message: 'library.validation.evidenceLevel' })
    .max(5, { message: 'library.validation.evidenceLevel' }),
  outcomes: text(4000),
  outcomeTags: list(OUTCOME_TAGS),
  contacts: text(1000),
  started: text(40),
  ended: text(40),
  links: text(2000).refine(
    (v) =>
      v
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter(Boolean)
        .every((l) => LINK.test(l) && l.length <= 500),
    { message: 'library.validation.links' },
  ),
  source: text(600),
});
export type CaseFields = z.output<typeof CaseInput>;

export const ModerationInput = z
  .object({
    decision: z.enum(['publish', 'reject'], { message: 'library.validation.decision' }),
    reason: text(1000),
  })
  .refine((v) => v.decision === 'publish' || v.reason.length > 0, {
    message: 'library.validation.reason',
    path: ['reason'],
  });

export const FollowUpInput = z.object({
  location: text(160, 'library.validation.followUpLocation'),
  whatHappened: text(4000, 'library.validation.whatHappened'),
  whatDifferently: text(4000, 'library.validation.whatDifferently'),
});

export const HideFollowUpInput = z.object({ reason: text(1000, 'library.validation.reason') });

export const TermInput = z.object({
  key: z
    .string({ message: 'library.validation.termKey' })
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'library.validation.termKey' })
    .max(60, { message: 'library.validation.termKey' }),
  term: text(120, 'library.validation.term'),
  termCy: text(120, 'library.validation.termCy'),
  definition: text(2000, 'library.validation.definition'),
  definitionCy: text(2000, 'library.validation.definitionCy'),
  example: text(1000),
  exampleCy: text(1000),
  related: text(400).refine((v) => v.split(',').every((k) => /^[a-z0-9-]*$/.test(k.trim())), {
    message: 'library.validation.related',
  }),
});
export type TermFields = z.output<typeof TermInput>;

/** A list stored as ",a,b," so "has a" is one LIKE. */
export const packList = (values: readonly string[]) => (values.length ? `,${values.join(',')},` : '');
export const unpackList = (stored: string) => stored.split(',').filter(Boolean);
