/** What the spaces forms accept, checked at the boundary; messages are catalogue keys. */
import { z } from 'zod';
import { isClockTime, isIsoDate, WEEKDAYS } from '../../platform/dates.js';
import { formFields } from '../../web/fields.js';
import {
  ACCESSIBILITY,
  FACILITIES,
  LAYOUTS,
  MAX_OCCURRENCES,
  penceOf,
  REPEATS,
  TIERS,
  UNITS,
  type Rates,
  type Repeat,
} from './rules.js';
import type { Tier } from './schema.js';

const f = formFields('spaces');

const whole = (key: string, min: number, max: number) =>
  z
    .string({ error: key })
    .trim()
    .regex(/^\d{1,6}$/, key)
    .transform(Number)
    .pipe(z.number().int().min(min, key).max(max, key));

const clock = (key: string) => z.string({ error: key }).refine(isClockTime, key);

const money = (key: string) =>
  z
    .string()
    .optional()
    .default('')
    .transform((v, ctx) => {
      if (v.trim() === '') return null;
      const pence = penceOf(v);
      if (pence === undefined) {
        ctx.addIssue({ code: 'custom', message: key });
        return z.NEVER;
      }
      return pence;
    });

const rateFields = Object.fromEntries(
  TIERS.flatMap((tier) => UNITS.map((unit) => [`rate_${tier}_${unit}`, money('spaces.validation.rate')])),
) as Record<`rate_${Tier}_${(typeof UNITS)[number]}`, ReturnType<typeof money>>;

export const SpaceInput = z
  .object({
    name: f.required('name', 120),
    description: f.optional('description', 2000),
    locationId: z
      .string({ error: 'spaces.validation.locationId.required' })
      .min(1, 'spaces.validation.locationId.required'),
    organisationId: z.string().optional().default(''),
    capacity: whole('spaces.validation.capacity', 1, 5000),
    layouts: f.choices(LAYOUTS, 'layouts'),
    accessibility: f.choices(ACCESSIBILITY, 'accessibility'),
    facilities: f.choices(FACILITIES, 'facilities'),
    openDays: f.choices(WEEKDAYS, 'openDays', 1),
    opensAt: clock('spaces.validation.opensAt'),
    closesAt: clock('spaces.validation.closesAt'),
    ...rateFields,
    deposit: money('spaces.validation.deposit'),
    houseRules: f.optional('houseRules', 4000),
    minNoticeHours: whole('spaces.validation.minNoticeHours', 0, 24 * 90),
    cancelNoticeHours: z
      .string()
      .optional()
      .transform((v) => (v ?? '').trim() || '0')
      .pipe(whole('spaces.validation.cancelNoticeHours', 0, 24 * 90)),
    maxAheadDays: whole('spaces.validation.maxAheadDays', 1, 730),
    turnaroundMinutes: whole('spaces.validation.turnaroundMinutes', 0, 240),
    approval: z.enum(['automatic', 'owner'], { error: 'spaces.validation.approval' }),
    holdHours: whole('spaces.validation.holdHours', 1, 24 * 14),
    /** A ticked box: an empty unit offered for meanwhile use, between two dates. */
    meanwhile: z
      .string()
      .optional()
      .transform((v) => v === 'yes'),
    licenceFrom: z.string().trim().optional().default(''),
    licenceUntil: z.string().trim().optional().default(''),
  })
  .superRefine((v, ctx) => {
    if (v.meanwhile) {
      if (!isIsoDate(v.licenceFrom))
        ctx.addIssue({ code: 'custom', message: 'spaces.validation.licenceFrom', path: ['licenceFrom'] });
      if (!isIsoDate(v.licenceUntil) || (isIsoDate(v.licenceFrom) && v.licenceUntil < v.licenceFrom))
        ctx.addIssue({ code: 'custom', message: 'spaces.validation.licenceUntil', path: ['licenceUntil'] });
    }
    if (v.closesAt <= v.opensAt)
      ctx.addIssue({ code: 'custom', message: 'spaces.validation.closesAt', path: ['closesAt'] });
    const offered = TIERS.some((tier) => UNITS.some((unit) => v[`rate_${tier}_${unit}`] !== null));
    if (!offered) ctx.addIssue({ code: 'custom', message: 'spaces.validation.noRates', path: ['rate_community_hour'] });
  })
  .transform((v) => ({
    name: v.name,
    description: v.description,
    locationId: v.locationId,
    organisationId: v.organisationId || null,
    capacity: v.capacity,
    layouts: v.layouts,
    accessibility: v.accessibility,
    facilities: v.facilities,
    openDays: v.openDays,
    opensAt: v.opensAt,
    closesAt: v.closesAt,
    rates: Object.fromEntries(
      TIERS.map((tier) => [tier, Object.fromEntries(UNITS.map((unit) => [unit, v[`rate_${tier}_${unit}`]]))]),
    ) as Rates,
    depositPence: v.deposit ?? 0,
    houseRules: v.houseRules,
    minNoticeHours: v.minNoticeHours,
    cancelNoticeHours: v.cancelNoticeHours,
    maxAheadDays: v.maxAheadDays,
    turnaroundMinutes: v.turnaroundMinutes,
    approval: v.approval,
    holdHours: v.holdHours,
    licenceFrom: v.meanwhile ? v.licenceFrom : null,
    licenceUntil: v.meanwhile ? v.licenceUntil : null,
  }));
export type SpaceInput = z.output<typeof SpaceInput>;

/** A GOV.UK date input's three boxes as one YYYY-MM-DD date. */
export const dateInput = (key: string) =>
  z
    .object({ day: z.string().optional(), month: z.string().optional(), year: z.string().optional() })
    .transform((v, ctx) => {
      const date = `${(v.year ?? '').trim()}-${(v.month ?? '').trim().padStart(2, '0')}-${(v.day ?? '').trim().padStart(2, '0')}`;
      if (!isIsoDate(date)) {
        ctx.addIssue({ code: 'custom', message: key });
        return z.NEVER;
      }
      return date;
    });

export const BookingInput = z.object({
  date: dateInput('spaces.validation.date'),
  repeat: z.enum(REPEATS, { error: 'spaces.validation.repeat' }).optional().default('none'),
  count: z
    .string()
    .optional()
    .transform((v) => (v ?? '').trim())
    .pipe(
      z.union([
        z.literal('').transform(() => 1),
        z
          .string()
          .regex(/^\d{1,2}$/, 'spaces.validation.count')
          .transform(Number)
          .pipe(z.number().int().min(1, 'spaces.validation.count').max(MAX_OCCURRENCES, 'spaces.validation.count')),
      ]),
    ),
  from: clock('spaces.validation.from'),
  to: clock('spaces.validation.to'),
  attendees: whole('spaces.validation.attendees', 1, 5000),
  purpose: f.required('purpose', 500),
  tier: z.enum(TIERS, { error: 'spaces.validation.tier' }),
  organisationId: z.string().optional().default(''),
});
/** A request for a space; a repeating one gives `repeat` and `count` (one date otherwise). */
export type BookingInput = Omit<z.output<typeof BookingInput>, 'repeat' | 'count'> & {
  repeat?: Repeat;
  count?: number;
};

/** A booking moved to another time on another (or the same) day, or resized: one date, never a series. */
export const ChangeInput = z.object({
  date: dateInput('spaces.validation.date'),
  from: clock('spaces.validation.from'),
  to: clock('spaces.validation.to'),
  attendees: whole('spaces.validation.attendees', 1, 5000),
  purpose: f.required('purpose', 500),
});
export type ChangeInput = z.output<typeof ChangeInput>;

export const PAYMENT_METHODS = ['bank_transfer', 'card', 'cash', 'cheque'] as const;

/** A payment the owner received: how much, when, how, and the reference on it. */
export const PaymentInput = z.object({
  amount: z.string({ error: 'spaces.validation.amount' }).transform((v, ctx) => {
    const pence = penceOf(v);
    if (!pence) {
      ctx.addIssue({ code: 'custom', message: 'spaces.validation.amount' });
      return z.NEVER;
    }
    return pence;
  }),
  paidOn: dateInput('spaces.validation.paidOn'),
  method: z.enum(PAYMENT_METHODS, { error: 'spaces.validation.method' }),
  reference: f.optional('reference', 100),
});
export type PaymentInput = z.output<typeof PaymentInput>;

export const NoShowInput = z.object({ noShow: z.enum(['yes', 'no'], { error: 'spaces.validation.noShow' }) });

/** The period a space's use is read over: two dates, the first not after the second. */
export const UseQuery = z
  .object({
    from: z.string().optional().default(''),
    to: z.string().optional().default(''),
  })
  .refine((v) => (!v.from || isIsoDate(v.from)) && (!v.to || isIsoDate(v.to)) && (!v.from || !v.to || v.from <= v.to), {
    message: 'spaces.validation.period',
    path: ['from'],
  });

export const ReasonInput = z.object({ reason: f.optional('reason', 1000) });
export const RefusalInput = z.object({ reason: f.required('reason', 1000) });

/** The finder's query: everything optional; a bad value is dropped rather than refused. */
export const FindQuery = z.object({
  date: z
    .string()
    .optional()
    .catch(undefined)
    .refine((v) => v === undefined || isIsoDate(v))
    .catch(undefined),
  from: z
    .string()
    .optional()
    .refine((v) => v === undefined || isClockTime(v))
    .catch(undefined),
  to: z
    .string()
    .optional()
    .refine((v) => v === undefined || isClockTime(v))
    .catch(undefined),
  size: z.coerce.number().int().min(1).max(5000).optional().catch(undefined),
  tier: z.enum(TIERS).optional().catch(undefined),
  maxPrice: z
    .string()
    .optional()
    .transform((v) => (v ? penceOf(v) : undefined))
    .catch(undefined),
  accessibility: f.choices(ACCESSIBILITY, 'accessibility').catch([]),
  facilities: f.choices(FACILITIES, 'facilities').catch([]),
  /** Only empty units offered for meanwhile use. */
  meanwhile: z
    .string()
    .optional()
    .transform((v) => v === 'yes')
    .catch(false),
  /** Near a postcode (checked against the postcode table by the page), within some miles. */
  postcode: z.string().trim().max(12).optional().catch(undefined),
  distance: z.coerce.number().positive().max(100).optional().catch(undefined),
});
export type FindQuery = z.output<typeof FindQuery>;
