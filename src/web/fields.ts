/**
 * The form fields most modules ask for, as zod schemas whose messages are catalogue
 * keys named `<module>.validation.<field>.required` and `.long`: text that must be
 * there, text that may be left empty, and ticked boxes from a fixed list.
 */
import { z } from 'zod';
import { weekdayFromName } from '../platform/dates.js';

/** Control characters other than tab and new lines never belong in what people type. */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

export function formFields(module: string) {
  const key = (field: string, problem: 'required' | 'long') => `${module}.validation.${field}.${problem}`;
  return {
    required: (field: string, max: number) =>
      z
        .string({ error: key(field, 'required') })
        .trim()
        .min(1, key(field, 'required'))
        .max(max, key(field, 'long'))
        .refine((v) => !CONTROL.test(v), key(field, 'long')),

    optional: (field: string, max: number) =>
      z
        .string()
        .optional()
        .default('')
        .transform((v) => v.trim())
        .pipe(
          z
            .string()
            .max(max, key(field, 'long'))
            .refine((v) => !CONTROL.test(v), key(field, 'long')),
        ),

    /** Ticked boxes: one value arrives as a string, several as an array; each must be on the list. */
    choices: <T extends string>(list: readonly T[], field: string, min = 0) =>
      z
        .union([z.string(), z.array(z.string())])
        .optional()
        .transform((v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]))
        .pipe(
          z
            .array(z.enum(list as unknown as [T, ...T[]], { error: key(field, 'required') }))
            .max(list.length, key(field, 'required'))
            .min(min, key(field, 'required')),
        )
        .transform((v) => [...new Set(v)]),
  };
}

/**
 * "What would you do differently?", asked on closing a grant, a participatory process, a
 * befriending scheme or a volunteering role, and whether to share the answer as a draft
 * case study in the learning library. Messages: `<module>.validation.differently.long`,
 * and `.toShare` for a box ticked with nothing to share.
 */
export function lessonFields(module: string) {
  return {
    differently: formFields(module).optional('differently', 2000),
    shareDraft: z
      .enum(['yes'])
      .optional()
      .transform((v) => v === 'yes'),
  };
}

/** A refinement for lessonFields: sharing needs an answer to share. */
export const lessonToShare =
  (module: string) => (v: { differently: string; shareDraft: boolean }, ctx: z.RefinementCtx) => {
    if (v.shareDraft && !v.differently)
      ctx.addIssue({ code: 'custom', path: ['differently'], message: `${module}.validation.differently.toShare` });
  };

/** A day of the week in an API's query: MO–SU (iCalendar's BYDAY, as Open Referral UK uses) or its English name. */
export const weekdayParameter = (messageKey: string) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (!v) return undefined;
      const day = weekdayFromName(v);
      if (!day) {
        ctx.addIssue({ code: 'custom', message: messageKey });
        return z.NEVER;
      }
      return day;
    });

/** Gathers GOV.UK date inputs' boxes (`<name>-day`, `-month`, `-year`) from a form body into the objects a date schema reads. */
export function withDates(body: unknown, ...names: string[]): Record<string, unknown> {
  const input: Record<string, unknown> = { ...((body as Record<string, unknown>) ?? {}) };
  for (const name of names)
    input[name] = { day: input[`${name}-day`], month: input[`${name}-month`], year: input[`${name}-year`] };
  return input;
}
