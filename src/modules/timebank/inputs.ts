/**
 * What the time credit forms and API accept: one zod schema per input, shared by both.
 * Messages are catalogue keys (messages.ts).
 */
import { z } from 'zod';
import { MAX_OVERDRAFT_MINUTES, MAX_TRANSFER_MINUTES } from './ledger-rules.js';

const noControl = (v: string) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(v);

/** A whole number typed into a box: blank is 0 where `blankIsZero`, never "1e3" or "2.5". */
const wholeNumber = (key: string, max: number) =>
  z
    .union([z.string(), z.number()])
    .optional()
    .transform((v, ctx) => {
      const text = v === undefined ? '' : String(v).trim();
      if (text === '') return 0;
      if (!/^\d{1,6}$/.test(text) || Number(text) > max) {
        ctx.addIssue({ code: 'custom', message: key });
        return z.NEVER;
      }
      return Number(text);
    });

/**
 * A form with a duration as two boxes, hours and minutes, whose output carries it as
 * credit-minutes (at least one, at most MAX_TRANSFER_MINUTES).
 */
const total = (v: unknown) => (v as { hours: number }).hours * 60 + (v as { minutes: number }).minutes;
const durationParsed = (payload: z.core.ParsePayload) =>
  !payload.issues.some((i) => i.path?.[0] === 'hours' || i.path?.[0] === 'minutes') &&
  typeof (payload.value as { hours?: unknown })?.hours === 'number';

export function withDuration<T extends z.ZodRawShape>(shape: T) {
  return (
    z
      .object({
        ...shape,
        hours: wholeNumber('timebank.validation.hours', MAX_TRANSFER_MINUTES / 60),
        minutes: wholeNumber('timebank.validation.minutes', 59),
      })
      // Checked even when other fields are wrong, so every mistake is shown at once.
      .refine((v) => total(v) > 0, {
        message: 'timebank.validation.duration.required',
        path: ['hours'],
        when: durationParsed,
      })
      .refine((v) => total(v) <= MAX_TRANSFER_MINUTES, {
        message: 'timebank.validation.duration.tooLong',
        path: ['hours'],
        when: durationParsed,
      })
      .transform((v) => {
        const { hours, minutes, ...rest } = v as unknown as Record<string, unknown> & {
          hours: number;
          minutes: number;
        };
        return { ...(rest as z.output<z.ZodObject<T>>), minutes: hours * 60 + minutes };
      })
  );
}

const memberNumber = z
  .string({ error: 'timebank.validation.number.required' })
  .transform((v) => v.replace(/[\s-]/g, ''))
  .pipe(
    z
      .string()
      .min(1, 'timebank.validation.number.required')
      .regex(/^\d{6}$/, 'timebank.validation.number.format'),
  );

const note = (key: string, max = 200) =>
  z
    .string()
    .optional()
    .default('')
    .transform((v) => v.trim())
    .pipe(z.string().max(max, key).refine(noControl, key));

const requiredText = (required: string, tooLong: string, max: number) =>
  z.string({ error: required }).trim().min(1, required).max(max, tooLong).refine(noControl, tooLong);

export const SettingsInput = z.object({
  enabled: z.enum(['yes', 'no'], { error: 'timebank.validation.enabled' }).transform((v) => v === 'yes'),
  overdraftHours: wholeNumber('timebank.validation.overdraft', MAX_OVERDRAFT_MINUTES / 60),
});

/** Paying another member for help they gave: their member number and how long. */
export const PaymentInput = withDuration({ number: memberNumber, note: note('timebank.validation.note') });

/** The same payment through the API, in credit-minutes. */
export const PaymentApiInput = z.object({
  to: memberNumber,
  minutes: z
    .number({ error: 'timebank.validation.duration.required' })
    .int('timebank.validation.minutes')
    .min(1, 'timebank.validation.duration.required')
    .max(MAX_TRANSFER_MINUTES, 'timebank.validation.duration.tooLong'),
  note: note('timebank.validation.note'),
});

/** A group organiser gives credits for volunteering with the group. */
export const IssueInput = withDuration({
  number: memberNumber,
  note: requiredText('timebank.validation.what.required', 'timebank.validation.what.long', 200),
});

/** The community fund gives a group credits to issue. */
export const FundInput = withDuration({ note: note('timebank.validation.note') });

export const ReverseInput = z.object({
  reason: requiredText('timebank.validation.reason.required', 'timebank.validation.reason.long', 500),
});

export const RedeemInput = z.object({
  number: memberNumber,
  reward: z
    .string({ error: 'timebank.validation.reward.required' })
    .min(1, 'timebank.validation.reward.required')
    .max(64, 'timebank.validation.reward.required'),
  quantity: z
    .union([z.string(), z.number()])
    .optional()
    .transform((v, ctx) => {
      const text = v === undefined ? '1' : String(v).trim() || '1';
      if (!/^\d{1,2}$/.test(text) || Number(text) < 1 || Number(text) > 20) {
        ctx.addIssue({ code: 'custom', message: 'timebank.validation.quantity' });
        return z.NEVER;
      }
      return Number(text);
    }),
});

/** A partner's reward; its cost is a duration like any other (60 minutes = 1 credit). */
export const RewardInput = withDuration({
  title: requiredText('timebank.validation.rewardTitle.required', 'timebank.validation.rewardTitle.long', 120),
  conditions: note('timebank.validation.conditions.long', 300),
  active: z
    .enum(['yes', 'no'])
    .optional()
    .default('yes')
    .transform((v) => v === 'yes'),
});

/** Email addresses, one a line or separated by commas: the people who run a group or a partner's counter. */
const emailList = z
  .string()
  .optional()
  .default('')
  .transform((v) => [
    ...new Set(
      v
        .split(/[\s,;]+/)
        .map((e) => e.trim().toLowerCase())
        .filter(Boolean),
    ),
  ])
  .pipe(z.array(z.email('timebank.validation.emails')).max(20, 'timebank.validation.emails.many'));

export const GroupInput = z.object({
  name: requiredText('timebank.validation.groupName.required', 'timebank.validation.groupName.long', 120),
  issues: z.enum(['yes', 'no'], { error: 'timebank.validation.issues' }).transform((v) => v === 'yes'),
  organisers: emailList,
  /** The directory organisation the group is (its id), or blank for none. */
  organisation: z.string().trim().max(64, 'timebank.validation.organisation').optional().default(''),
});

export const GroupChoiceInput = z.object({
  issues: z.enum(['yes', 'no'], { error: 'timebank.validation.issues' }).transform((v) => v === 'yes'),
});

export const PartnerInput = z.object({
  name: requiredText('timebank.validation.partnerName.required', 'timebank.validation.partnerName.long', 120),
  staff: emailList,
});
