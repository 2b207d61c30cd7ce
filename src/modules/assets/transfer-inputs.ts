/** What the community asset transfer's forms accept: one zod schema a form. */
import { z } from 'zod';
import { formFields } from '../../web/fields.js';
import { dateInput } from './inputs.js';
import { penceFromPounds, STANCES } from './transfer-rules.js';
import type { ViewStance } from './schema.js';

const f = formFields('assets');

export const OpenTransferInput = z.object({
  summary: f.required('transferSummary', 4000),
  interestClosesOn: dateInput('interestClosesOn', 'notPast'),
});
export type OpenTransferInput = z.output<typeof OpenTransferInput>;

export const InterestInput = z.object({
  organisation: f.required('interestGroup', 100),
  whoWeAre: f.required('whoWeAre', 4000),
  whatWeWouldDo: f.required('whatWeWouldDo', 4000),
  communityBenefit: f.required('communityBenefit', 4000),
});
export type InterestInput = z.output<typeof InterestInput>;

export const BusinessCaseInput = z.object({
  plan: f.required('casePlan', 8000),
  finance: f.required('caseFinance', 8000),
  governance: f.required('caseGovernance', 8000),
  beneficiaries: f.required('caseBeneficiaries', 8000),
});
export type BusinessCaseInput = z.output<typeof BusinessCaseInput>;

export const ChangesInput = z.object({ note: f.required('changesNote', 4000) });

export const ViewInput = z.object({
  stance: z.enum(STANCES as [ViewStance, ...ViewStance[]], { error: 'assets.validation.stance' }),
  comment: f.required('viewComment', 2000),
});
export type ViewInput = z.output<typeof ViewInput>;

export const ShortlistInput = z.object({
  interests: z
    .union([z.string(), z.array(z.string())], { error: 'assets.validation.shortlist' })
    .transform((v) => [...new Set(Array.isArray(v) ? v : [v])])
    .pipe(z.array(z.string().max(100)).min(1, 'assets.validation.shortlist').max(100)),
});

export const OpenViewsInput = z.object({});

export const TransferDecisionInput = z.object({
  choice: z
    .string({ error: 'assets.validation.transferChoice' })
    .trim()
    .min(1, 'assets.validation.transferChoice')
    .max(100),
  reasons: f.required('transferReasons', 4000),
});
export type TransferDecisionInput = z.output<typeof TransferDecisionInput>;

export const TermsInput = z
  .object({
    tenure: z.enum(['lease', 'freehold'], { error: 'assets.validation.tenure' }),
    termYears: z.string().trim().optional().default(''),
    rent: z.string().trim().optional().default(''),
    conditions: f.required('conditions', 4000),
  })
  .transform((v, ctx) => {
    let termYears: number | null = null;
    if (v.tenure === 'lease') {
      termYears = /^\d{1,3}$/.test(v.termYears) ? Number(v.termYears) : NaN;
      if (!(termYears >= 1 && termYears <= 999))
        ctx.addIssue({ code: 'custom', path: ['termYears'], message: 'assets.validation.termYears' });
    }
    const rentPence = v.rent === '' ? 0 : penceFromPounds(v.rent);
    if (rentPence === undefined) ctx.addIssue({ code: 'custom', path: ['rent'], message: 'assets.validation.rent' });
    return { tenure: v.tenure, termYears, rentPence: rentPence ?? 0, conditions: v.conditions };
  });
export type TermsInput = z.output<typeof TermsInput>;

export const HandoverInput = z.object({ handoverOn: dateInput('handoverOn', 'any') });

export const WithdrawTransferInput = z.object({ reason: f.required('withdrawReason', 4000) });
