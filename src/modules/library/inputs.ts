/** What the library's forms and its import accept: zod schemas naming their messages by catalogue key. */
import { z } from 'zod';
import { AREAS, COST_BANDS, OUTCOME_TAGS, TYPOLOGIES } from './rules.js';

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

/** The search page's filters, as its links and form send them (one value each). */
const opt = <T extends z.ZodTypeAny>(schema: T) =>
  z.preprocess((v) => (v === '' || v === undefined ? undefined : Array.isArray(v) ? v[0] : v), schema.optional());

export const SearchQuery = z.object({
  q: z.string().max(200, { message: 'library.validation.tooLong' }).default(''),
  typology: opt(z.enum(TYPOLOGIES, { message: 'library.validation.choice' })),
  evidence: opt(z.coerce.number().int().min(1).max(5)),
  area: opt(z.enum(AREAS, { message: 'library.validation.choice' })),
  cost: opt(z.enum(COST_BANDS, { message: 'library.validation.choice' })),
  outcome: opt(z.enum(OUTCOME_TAGS, { message: 'library.validation.choice' })),
  page: z.coerce.number().int().min(1).max(100000).default(1),
});
