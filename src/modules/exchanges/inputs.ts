/** What the offers-and-requests forms and API accept. */
import { z } from 'zod';
import { CATEGORIES, DAYS } from './text.js';

const noControl = (v: string) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(v);
const text = (required: string | null, tooLong: string, max: number) => {
  const base = z.string().trim().max(max, tooLong).refine(noControl, tooLong);
  return required
    ? z.string({ error: required }).trim().min(1, required).max(max, tooLong).refine(noControl, tooLong)
    : z.string().optional().default('').pipe(base);
};
const manyOf = <T extends string>(values: readonly T[], key: string) =>
  z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]))
    .pipe(z.array(z.enum(values as unknown as [T, ...T[]], { error: key })).max(values.length, key));

/** Roughly how long help takes: the choices a form offers, in minutes (0: it varies). */
export const DURATIONS = [30, 60, 120, 240, 0] as const;

export const PostInput = z.object({
  title: text('exchanges.validation.title.required', 'exchanges.validation.title.long', 120),
  details: text(null, 'exchanges.validation.details.long', 2000),
  category: z.enum(CATEGORIES, { error: 'exchanges.validation.category' }),
  area: text('exchanges.validation.area.required', 'exchanges.validation.area.long', 80),
  when: text(null, 'exchanges.validation.when.long', 120),
  days: manyOf(DAYS, 'exchanges.validation.days'),
  duration: z
    .enum(DURATIONS.map(String) as [string, ...string[]], { error: 'exchanges.validation.duration' })
    .transform(Number),
  sensitive: z
    .enum(['yes'])
    .optional()
    .transform((v) => v === 'yes'),
});
export type PostInput = z.output<typeof PostInput>;

export const StatusInput = z.object({
  status: z.enum(['open', 'paused', 'closed'], { error: 'exchanges.validation.status' }),
});

export const MessageInput = z.object({
  body: text('exchanges.validation.message.required', 'exchanges.validation.message.long', 2000),
});

export const ProposeInput = z.object({ note: text(null, 'exchanges.validation.note.long', 500) });

export const RecordInput = z
  .object({
    hours: z
      .string()
      .optional()
      .default('')
      .transform((v) => v.trim()),
    minutes: z
      .string()
      .optional()
      .default('')
      .transform((v) => v.trim()),
  })
  .superRefine((v, ctx) => {
    if (v.hours && !/^\d{1,2}$/.test(v.hours))
      ctx.addIssue({ code: 'custom', path: ['hours'], message: 'exchanges.validation.hours' });
    if (v.minutes && (!/^\d{1,2}$/.test(v.minutes) || Number(v.minutes) > 59))
      ctx.addIssue({ code: 'custom', path: ['minutes'], message: 'exchanges.validation.minutes' });
  })
  .transform((v) => Number(v.hours || 0) * 60 + Number(v.minutes || 0))
  .refine((m) => m >= 1, { message: 'exchanges.validation.duration.required', path: ['hours'] })
  .refine((m) => m <= 24 * 60, { message: 'exchanges.validation.duration.tooLong', path: ['hours'] });

export const SmallActInput = z.object({
  what: text('exchanges.validation.what.required', 'exchanges.validation.what.long', 300),
  minutes: z
    .string()
    .optional()
    .default('')
    .transform((v) => v.trim())
    .pipe(z.string().regex(/^(\d{1,3})?$/, 'exchanges.validation.smallActMinutes'))
    .transform((v) => (v ? Number(v) : null))
    .refine((v) => v === null || (v >= 1 && v <= 600), 'exchanges.validation.smallActMinutes'),
});

export const HelperInput = z.object({
  canHelpWith: text('exchanges.validation.canHelpWith.required', 'exchanges.validation.canHelpWith.long', 500),
  categories: manyOf(CATEGORIES, 'exchanges.validation.category'),
  area: text(null, 'exchanges.validation.area.long', 80),
  days: manyOf(DAYS, 'exchanges.validation.days'),
  visibility: z.enum(['members', 'coordinators'], { error: 'exchanges.validation.visibility' }),
  active: z.enum(['yes', 'no'], { error: 'exchanges.validation.active' }).transform((v) => v === 'yes'),
});

export const SettingsInput = z.object({
  safeguardingEn: text('exchanges.validation.safeguarding.required', 'exchanges.validation.safeguarding.long', 3000),
  safeguardingCy: text(null, 'exchanges.validation.safeguarding.long', 3000),
});
