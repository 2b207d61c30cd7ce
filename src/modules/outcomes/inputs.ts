/** Every input outcomes accepts, as zod schemas whose messages are catalogue keys. */
import { z } from 'zod';
import { asArray } from '../../web/forms.js';
import { cleanPhoto } from './images.js';
import { isUploadedFile } from '../../web/multipart.js';
import { limitedText, ONS4_ITEMS, pastDate } from '../prescribing/index.js';
import { RESIDENT_SHARES, RESIDENTS_PER_OUTCOME, USUAL_RESIDENT_SHARE } from './framework-rules.js';

const required = (max: number, missing: string, tooLong: string) =>
  limitedText(max, tooLong).pipe(z.string().min(1, missing));
const ids = (max: number, key: string) =>
  z
    .unknown()
    .default([])
    .transform(asArray)
    .pipe(z.array(z.string().max(60)).max(max, key));

export const FrameworkInput = z.object({
  title: required(150, 'outcomes.validation.title.required', 'outcomes.validation.title.long'),
  purpose: limitedText(2000, 'outcomes.validation.long'),
  programme: z
    .string()
    .max(60)
    .optional()
    .transform((v) => v || null),
  // Left out, the usual thresholds apply; the place's officers may ask for more, never none.
  residentsPerOutcome: z
    .unknown()
    .default('')
    .transform((v) => (typeof v === 'string' ? v.trim() : '?'))
    .pipe(
      z
        .string()
        .refine(
          (v) =>
            v === '' ||
            (/^\d{1,2}$/.test(v) &&
              Number(v) >= RESIDENTS_PER_OUTCOME.least &&
              Number(v) <= RESIDENTS_PER_OUTCOME.most),
          'outcomes.validation.residentsPerOutcome',
        )
        .transform((v) => (v === '' ? RESIDENTS_PER_OUTCOME.usual : Number(v))),
    ),
  residentShare: z
    .unknown()
    .default('')
    .transform((v) => (v === '' ? String(USUAL_RESIDENT_SHARE) : v))
    .pipe(
      z
        .enum(RESIDENT_SHARES.map(String) as [string, ...string[]], { error: 'outcomes.validation.residentShare' })
        .transform(Number),
    ),
});

/** A resident's own outcome (no outcome given) or indicator for an outcome of a draft framework. */
export const SuggestionInput = z.object({
  outcome: z
    .string()
    .max(60)
    .optional()
    .transform((v) => v || null),
  title: required(200, 'outcomes.validation.suggestion.required', 'outcomes.validation.title.long'),
  description: limitedText(1000, 'outcomes.validation.long'),
});

export const DeclineInput = z.object({
  reason: required(1000, 'outcomes.validation.decline.required', 'outcomes.validation.long'),
});

export const OutcomeInput = z.object({
  title: required(200, 'outcomes.validation.outcome.required', 'outcomes.validation.title.long'),
  description: limitedText(1000, 'outcomes.validation.long'),
});

/** Counts the outcomes module makes itself for a programme or the place. */
export const COUNT_MEASURES = ['hours_given', 'referrals_attended'] as const;
/** Or any figure a module offers the place (see the module contract): "volunteering.hoursGiven". */
export const FIGURE_ID = /^[a-z]+\.[A-Za-z]+$/;

export const IndicatorInput = z
  .object({
    title: required(200, 'outcomes.validation.indicator.required', 'outcomes.validation.title.long'),
    measureKind: z.enum(['checkin', 'ons4', 'instrument', 'count'], { error: 'outcomes.validation.measure' }),
    ons4Item: z.string().optional(),
    instrumentId: z.string().max(60).optional(),
    count: z.string().optional(),
    question: limitedText(200, 'outcomes.validation.question.long'),
    questionCy: limitedText(200, 'outcomes.validation.question.long'),
    scaleMin: z.coerce
      .number({ error: 'outcomes.validation.scale' })
      .int('outcomes.validation.scale')
      .min(0, 'outcomes.validation.scale')
      .max(1, 'outcomes.validation.scale')
      .default(1),
    scaleMax: z.coerce
      .number({ error: 'outcomes.validation.scale' })
      .int('outcomes.validation.scale')
      .min(2, 'outcomes.validation.scale')
      .max(10, 'outcomes.validation.scale')
      .default(5),
  })
  .refine((i) => i.measureKind !== 'checkin' || i.question.length > 0, {
    message: 'outcomes.validation.question.required',
    path: ['question'],
  })
  .refine((i) => i.measureKind !== 'ons4' || (ONS4_ITEMS as readonly string[]).includes(i.ons4Item ?? ''), {
    message: 'outcomes.validation.ons4Item',
    path: ['ons4Item'],
  })
  .refine((i) => i.measureKind !== 'instrument' || !!i.instrumentId, {
    message: 'outcomes.validation.instrument',
    path: ['instrumentId'],
  })
  .refine(
    (i) =>
      i.measureKind !== 'count' ||
      (COUNT_MEASURES as readonly string[]).includes(i.count ?? '') ||
      FIGURE_ID.test(i.count ?? ''),
    { message: 'outcomes.validation.count', path: ['count'] },
  );
export type IndicatorInput = z.output<typeof IndicatorInput>;

export const CommentInput = z.object({
  body: required(1000, 'outcomes.validation.comment.required', 'outcomes.validation.comment.long'),
});

export const LinkInput = z.object({
  outcome: z.string({ error: 'outcomes.validation.link.outcome' }).min(1, 'outcomes.validation.link.outcome').max(60),
  activities: ids(50, 'outcomes.validation.link.activities').pipe(
    z.array(z.string()).min(1, 'outcomes.validation.link.activities'),
  ),
});

/** Linking a programme (every activity in it) to an outcome: the second form on the links page. */
export const ProgrammeLinkInput = z.object({
  programme: z.string().min(1),
  outcome: z.string({ error: 'outcomes.validation.link.outcome' }).min(1, 'outcomes.validation.link.outcome'),
});

export const ProgrammeInput = z.object({
  name: required(150, 'outcomes.validation.programme.required', 'outcomes.validation.title.long'),
  description: limitedText(1000, 'outcomes.validation.long'),
});

export const ProgrammeActivitiesInput = z.object({
  activities: ids(100, 'outcomes.validation.link.activities').pipe(
    z.array(z.string()).min(1, 'outcomes.validation.link.activities'),
  ),
});

export const STORY_CONSENTS = ['named', 'anonymous', 'private'] as const;

export { isUploadedFile };

/** A story's photo, if one was sent: cleaned of where and when it was taken, or refused beside its field. */
const storyPhoto = z
  .unknown()
  .optional()
  .transform((file, ctx) => {
    if (!isUploadedFile(file)) return undefined;
    const cleaned = cleanPhoto(file.data);
    if (cleaned.ok) return { type: cleaned.type, bytes: cleaned.bytes };
    ctx.addIssue({ code: 'custom', message: cleaned.problem });
    return z.NEVER;
  });

export const StoryInput = z
  .object({
    title: required(120, 'outcomes.validation.story.title', 'outcomes.validation.title.long'),
    body: required(5000, 'outcomes.validation.story.body', 'outcomes.validation.story.long'),
    consent: z.enum(STORY_CONSENTS, { error: 'outcomes.validation.story.consent' }),
    outcomes: ids(10, 'outcomes.validation.story.outcomes'),
    photoAlt: limitedText(200, 'outcomes.validation.photo.altLong'),
    hasPhoto: z.boolean(),
    photo: storyPhoto,
  })
  .refine((s) => !s.hasPhoto || s.photoAlt.length > 0, {
    message: 'outcomes.validation.photo.alt',
    path: ['photoAlt'],
    // A photo Kith cannot take is refused beside its field; the other fields are still checked as if it were fine.
    when: (payload) => payload.issues.every((issue) => issue.path?.[0] === 'photo'),
  });

export const ModerateInput = z
  .object({
    decision: z.enum(['publish', 'reject'], { error: 'outcomes.validation.moderate.decision' }),
    note: limitedText(500, 'outcomes.validation.long'),
  })
  .refine((m) => m.decision === 'publish' || m.note.length > 0, {
    message: 'outcomes.validation.moderate.note',
    path: ['note'],
  });

export const CheckinSessionInput = z.object({ sessionOn: pastDate('outcomes.validation.date') });

/** The report's question: which programme (or the whole place), and which period. */
export const ReportQuery = z
  .object({
    scope: z
      .string()
      .max(60)
      .optional()
      .transform((v) => v || 'place'),
    from: pastDate('outcomes.validation.report.from'),
    to: pastDate('outcomes.validation.report.to'),
  })
  .refine((q) => q.from <= q.to, { message: 'outcomes.validation.report.order', path: ['to'] });

/** A number typed into a return's box: empty is "not yet", anything else must be what the pattern allows. */
const typedNumber = (pattern: RegExp, max: number, key: string) =>
  z
    .unknown()
    .default('')
    .transform((v) => (typeof v === 'string' ? v.trim().replace(/,/g, '') : ''))
    .pipe(
      z
        .string()
        .refine((v) => v === '' || (pattern.test(v) && Number(v) <= max), key)
        .transform((v) => (v === '' ? null : Number(v))),
    );

/**
 * A quarterly monitoring return: saved as a draft with any of it, or submitted with all
 * of it. People reached is a whole number; hours a whole number or one decimal place.
 */
export const ReturnInput = z
  .object({
    action: z.enum(['draft', 'submit'], { error: 'outcomes.validation.return.action' }),
    peopleReached: typedNumber(/^\d{1,7}$/, 1_000_000, 'outcomes.validation.return.people'),
    hoursGiven: typedNumber(/^\d{1,6}(\.\d)?$/, 100_000, 'outcomes.validation.return.hours'),
    story: limitedText(1500, 'outcomes.validation.return.storyLong'),
    differently: limitedText(1000, 'outcomes.validation.return.differentlyLong'),
  })
  .superRefine((r, ctx) => {
    if (r.action !== 'submit') return;
    const missing: Array<[keyof typeof r, string]> = [
      ['peopleReached', 'outcomes.validation.return.peopleRequired'],
      ['hoursGiven', 'outcomes.validation.return.hoursRequired'],
      ['story', 'outcomes.validation.return.storyRequired'],
      ['differently', 'outcomes.validation.return.differentlyRequired'],
    ];
    for (const [field, message] of missing)
      if (r[field] === null || r[field] === '') ctx.addIssue({ code: 'custom', path: [field], message });
  });

/** An officer's reminder: which organisation, for which quarter. */
export const ReminderInput = z.object({
  organisation: z.string().min(1, 'outcomes.validation.reminder').max(60, 'outcomes.validation.reminder'),
  quarter: z.string().regex(/^\d{4}-Q[1-4]$/, 'outcomes.validation.reminder'),
});
