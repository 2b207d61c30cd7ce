/** What the forms on an award's page accept: planned payments, payments made, variations. */
import { z } from 'zod';
import { formFields } from '../../web/fields.js';
import { date, money } from './inputs.js';
import { parsePounds } from './rules.js';

const f = formFields('grants');

/** Money that must be more than nothing: a planned payment. */
const positive = (field: string) => money(field).refine((v) => v > 0, `grants.validation.${field}.money`);

export const PaymentInput = z.object({
  dueOn: date('dueOn'),
  paymentAmount: positive('paymentAmount'),
});
export type PaymentInput = z.infer<typeof PaymentInput>;

export const PaidInput = z.object({ paidOn: date('paidOn') });

/** A variation: a new amount, a new end date, or both, and always the reason. */
export const VariationInput = z
  .object({
    newAmount: z
      .string()
      .optional()
      .default('')
      .transform((v, ctx) => {
        if (v.trim() === '') return null;
        const pence = parsePounds(v);
        if (pence === undefined || pence <= 0) {
          ctx.addIssue({ code: 'custom', message: 'grants.validation.newAmount.money' });
          return z.NEVER;
        }
        return pence;
      }),
    endsOn: date('endsOn', true),
    reason: f.required('reason', 2000),
  })
  .superRefine((v, ctx) => {
    if (v.newAmount === null && v.endsOn === null)
      ctx.addIssue({ code: 'custom', path: ['newAmount'], message: 'grants.validation.newAmount.nothing' });
  });
export type VariationInput = z.infer<typeof VariationInput>;
