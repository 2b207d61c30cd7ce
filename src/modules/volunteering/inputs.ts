/**
 * What volunteering's forms and API accept: one zod schema per input, with catalogue
 * keys as messages, and the fixed lists they choose from.
 */
import { z } from 'zod';
import { formFields, lessonFields, lessonToShare } from '../../web/fields.js';
import type { CheckKind, Commitment, OpportunityStatus, Participation } from './schema.js';
import { TIMES_OF_DAY } from './times.js';
import { WEEKDAYS, addDays, isIsoDate, todayInPlace } from '../../platform/dates.js';

/** Areas of volunteering people search by (a bit each in `interests`). */
export const INTERESTS = [
  'befriending',
  'older_people',
  'children_young_people',
  'health_care',
  'mental_health',
  'environment',
  'food',
  'arts_culture',
  'sport',
  'digital',
  'advice',
  'practical',
  'driving',
  'events',
  'admin',
  'animals',
] as const;
export type Interest = (typeof INTERESTS)[number];

export const CHECK_KINDS: readonly CheckKind[] = ['dbs_basic', 'dbs_enhanced', 'training', 'references'];
export const COMMITMENTS: readonly Commitment[] = ['one_off', 'occasional', 'regular'];
export const PARTICIPATIONS: readonly Participation[] = ['shifts', 'flexible'];
export const STATUSES: readonly OpportunityStatus[] = ['open', 'draft', 'closed'];
export const DISTANCES = [1, 2, 5, 10, 25] as const;

export const bitsOf = <T extends string>(list: readonly T[], chosen: readonly T[]) =>
  chosen.reduce((mask, c) => mask | (1 << list.indexOf(c)), 0);
export const listOf = <T extends string>(list: readonly T[], mask: number) => list.filter((_, i) => mask & (1 << i));

const { required, optional, choices } = formFields('volunteering');

const id = (field: string) =>
  z
    .string({ error: `volunteering.validation.${field}.required` })
    .trim()
    .min(1, `volunteering.validation.${field}.required`)
    .max(64, `volunteering.validation.${field}.required`);

const ids = (field: string, min = 0, max = 50) =>
  z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]))
    .pipe(
      z
        .array(z.string().max(64, `volunteering.validation.${field}.required`))
        .min(min, `volunteering.validation.${field}.required`)
        .max(max, `volunteering.validation.${field}.required`),
    )
    .transform((v) => [...new Set(v)]);

const yesNo = (field: string) =>
  z.enum(['yes', 'no'], { error: `volunteering.validation.${field}.required` }).transform((v) => v === 'yes');

/** A whole number typed into a box, within bounds; blank is `blank`. */
const wholeNumber = (key: string, min: number, max: number, blank: number | null) =>
  z
    .union([z.string(), z.number()])
    .optional()
    .transform((v, ctx) => {
      const text = v === undefined ? '' : String(v).trim();
      if (text === '' && blank !== null) return blank;
      if (!/^\d{1,4}$/.test(text) || Number(text) < min || Number(text) > max) {
        ctx.addIssue({ code: 'custom', message: key });
        return z.NEVER;
      }
      return Number(text);
    });

/**
 * A GOV.UK date input's boxes as one date. `past` refuses dates after today, `future`
 * dates before it; `within` limits how far from today it may be (in days).
 */
export function dateInput(
  field: string,
  options: { required: boolean; past?: boolean; future?: boolean; withinDays?: number },
) {
  return z
    .object({
      day: z.string().trim().optional(),
      month: z.string().trim().optional(),
      year: z.string().trim().optional(),
    })
    .optional()
    .transform((v, ctx) => {
      if (!v || (!v.day && !v.month && !v.year)) {
        if (!options.required) return null;
        ctx.addIssue({ code: 'custom', message: `volunteering.validation.${field}.required` });
        return z.NEVER;
      }
      const [d, m, y] = [v.day, v.month, v.year].map((x) => (x && /^\d{1,4}$/.test(x) ? Number(x) : NaN)) as [
        number,
        number,
        number,
      ];
      const iso = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
      if (!Number.isInteger(d) || !Number.isInteger(m) || !Number.isInteger(y) || !isIsoDate(iso)) {
        ctx.addIssue({ code: 'custom', message: 'volunteering.validation.date.real' });
        return z.NEVER;
      }
      const today = todayInPlace();
      if (options.past && iso > today) {
        ctx.addIssue({ code: 'custom', message: 'volunteering.validation.date.past' });
        return z.NEVER;
      }
      if (options.future && iso < today) {
        ctx.addIssue({ code: 'custom', message: 'volunteering.validation.date.future' });
        return z.NEVER;
      }
      if (
        options.withinDays &&
        (iso < addDays(today, -options.withinDays) || iso > addDays(today, options.withinDays))
      ) {
        ctx.addIssue({
          code: 'custom',
          message: 'volunteering.validation.date.far',
          params: { days: options.withinDays },
        });
        return z.NEVER;
      }
      return iso;
    });
}

const clock = (field: string) =>
  z
    .string({ error: `volunteering.validation.${field}.required` })
    .trim()
    .min(1, `volunteering.validation.${field}.required`)
    .transform((v) => v.replace('.', ':'))
    .refine((v) => /^([01]?\d|2[0-3]):[0-5]\d$/.test(v), `volunteering.validation.time.format`)
    .transform((v) => v.padStart(5, '0'));

/** Hours and minutes as two boxes, out as minutes: more than none, at most a day. */
export function withDuration<T extends z.ZodRawShape>(shape: T) {
  return z
    .object({
      ...shape,
      hours: wholeNumber('volunteering.validation.hours', 0, 24, 0),
      minutes: wholeNumber('volunteering.validation.minutes', 0, 59, 0),
    })
    .refine((v) => (v as { hours: number }).hours * 60 + (v as { minutes: number }).minutes > 0, {
      message: 'volunteering.validation.duration.required',
      path: ['hours'],
      when: (p) => !p.issues.some((i) => i.path?.[0] === 'hours' || i.path?.[0] === 'minutes'),
    })
    .refine((v) => (v as { hours: number }).hours * 60 + (v as { minutes: number }).minutes <= 24 * 60, {
      message: 'volunteering.validation.duration.long',
      path: ['hours'],
      when: (p) => !p.issues.some((i) => i.path?.[0] === 'hours' || i.path?.[0] === 'minutes'),
    })
    .transform((v) => {
      const { hours, minutes, ...rest } = v as unknown as Record<string, unknown> & { hours: number; minutes: number };
      return { ...(rest as z.output<z.ZodObject<T>>), minutes: hours * 60 + minutes };
    });
}

export const OpportunityInput = z.object({
  organisation: id('organisation'),
  title: required('title', 120),
  description: required('description', 4000),
  skills: optional('skills', 1000),
  timeCommitment: required('timeCommitment', 200),
  commitment: z.enum(COMMITMENTS as [Commitment, ...Commitment[]], {
    error: 'volunteering.validation.commitment.required',
  }),
  accessibility: optional('accessibility', 1000),
  minimumAge: wholeNumber('volunteering.validation.minimumAge.format', 0, 99, -1).transform((v) => (v < 0 ? null : v)),
  participation: z.enum(PARTICIPATIONS as [Participation, ...Participation[]], {
    error: 'volunteering.validation.participation.required',
  }),
  remote: yesNo('remote'),
  interests: choices(INTERESTS, 'interests', 1),
  requirements: choices(CHECK_KINDS, 'requirements'),
  days: choices(WEEKDAYS, 'days'),
  times: choices(TIMES_OF_DAY, 'times'),
  postcode: optional('postcode', 12),
  status: z.enum(STATUSES as [OpportunityStatus, ...OpportunityStatus[]], {
    error: 'volunteering.validation.status.required',
  }),
  /** The staff suggestion this role answers, if it came from one. */
  suggestion: z.string().trim().max(64).optional().default(''),
});
export type OpportunityInput = z.output<typeof OpportunityInput>;

export const ShiftsInput = z
  .object({
    date: dateInput('shiftDate', { required: true, future: true, withinDays: 366 }),
    starts: clock('starts'),
    ends: clock('ends'),
    places: wholeNumber('volunteering.validation.places', 1, 500, null),
    repeat: z.enum(['none', 'weekly', 'fortnightly'], { error: 'volunteering.validation.repeat.required' }),
    occurrences: wholeNumber('volunteering.validation.occurrences', 1, 26, 1),
  })
  .refine((v) => v.ends > v.starts, {
    message: 'volunteering.validation.ends.before',
    path: ['ends'],
    when: (p) => !p.issues.some((i) => i.path?.[0] === 'starts' || i.path?.[0] === 'ends'),
  });
export type ShiftsInput = z.output<typeof ShiftsInput>;

export const JoinInput = z.object({
  shift: z.string().trim().max(64).optional().default(''),
  message: optional('message', 1000),
  birthDate: dateInput('birthDate', { required: false, past: true }),
});

export const RespondInput = z
  .object({
    action: z.enum(['confirm', 'decline', 'reply'], { error: 'volunteering.validation.action.required' }),
    message: optional('reply', 1000),
  })
  .refine((v) => v.action === 'confirm' || v.message.length > 0, {
    message: 'volunteering.validation.reply.required',
    path: ['message'],
  });

export const AttendanceInput = z.object({ attended: ids('attended', 0, 500) });

export const TeamHoursInput = withDuration({});

export const LogHoursInput = withDuration({
  opportunity: id('opportunity'),
  workedOn: dateInput('workedOn', { required: true, past: true, withinDays: 366 }),
  note: optional('note', 500),
});

/** Time given outside any one role (a befriending match): when, how long, and a note. */
export const GivenTimeInput = withDuration({
  workedOn: dateInput('workedOn', { required: true, past: true, withinDays: 366 }),
  note: optional('note', 500),
});

export const HoursDecisionInput = z
  .object({
    action: z.enum(['confirm', 'reject'], { error: 'volunteering.validation.action.required' }),
    reason: optional('reason', 500),
  })
  .refine((v) => v.action !== 'reject' || v.reason.length > 0, {
    message: 'volunteering.validation.reason.required',
    path: ['reason'],
  });

/** A run of 12 or more digits looks like a DBS certificate number, which Kith must not keep. */
export const looksLikeCertificateNumber = (text: string) => /\d{12,}/.test(text.replace(/[\s-]/g, ''));

export const CheckInput = z
  .object({
    kind: z.enum(CHECK_KINDS as [CheckKind, ...CheckKind[]], { error: 'volunteering.validation.kind.required' }),
    checkedOn: dateInput('checkedOn', { required: true, past: true }),
    expiresOn: dateInput('expiresOn', { required: false }),
    note: optional('checkNote', 200).refine(
      (v) => !looksLikeCertificateNumber(v),
      'volunteering.validation.checkNote.number',
    ),
  })
  .refine((v) => !v.expiresOn || !v.checkedOn || v.expiresOn > v.checkedOn, {
    message: 'volunteering.validation.expiresOn.before',
    path: ['expiresOn'],
  });

export const ConsentInput = z.object({
  guardianName: required('guardianName', 120),
  relationship: required('relationship', 60),
  givenOn: dateInput('givenOn', { required: true, past: true }),
});

/** Opening, closing or drafting a role; closing asks, optionally, what they would do differently. */
export const StatusInput = z
  .object({
    status: z.enum(STATUSES as [OpportunityStatus, ...OpportunityStatus[]], {
      error: 'volunteering.validation.status.required',
    }),
    ...lessonFields('volunteering'),
  })
  .superRefine(lessonToShare('volunteering'));

export const SuggestionInput = z.object({
  organisation: id('organisation'),
  title: required('suggestionTitle', 120),
  detail: optional('detail', 2000),
});

export const SuggestionResponseInput = z.object({ response: required('response', 500) });

export const ThanksInput = z.object({ thanks: required('thanks', 1000) });

export const CancelShiftInput = z.object({ reason: required('cancelReason', 500) });

/** The organisation a volunteer lets see their checks. */
export const ShareInput = z.object({
  organisation: z
    .string({ error: 'volunteering.validation.shareWith.required' })
    .min(1, 'volunteering.validation.shareWith.required'),
});

/** A coordinator's answer to a check someone shared: accept it as met here, or not. */
export const SharedCheckInput = z.object({
  decision: z.enum(['accept', 'decline'], { error: 'volunteering.validation.decision.required' }),
});

/** A form that sends nothing but its button (stop sharing). */
export const NothingInput = z.object({});
