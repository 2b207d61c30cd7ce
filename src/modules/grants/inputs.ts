/** What the small-grants forms accept. Messages are catalogue keys; money becomes whole pence here. */
import { z } from 'zod';
import { isIsoDate } from '../../platform/dates.js';
import { normaliseDistrict } from '../../platform/postcodes.js';
import { formFields, lessonFields, lessonToShare } from '../../web/fields.js';
import { parsePounds } from './rules.js';
import { APPLICANT_KINDS, DECIDED_BY } from './schema.js';

const f = formFields('grants');

export const money = (field: string, optional = false) =>
  z
    .string()
    .optional()
    .default('')
    .transform((v, ctx) => {
      if (optional && v.trim() === '') return 0;
      const pence = parsePounds(v);
      if (pence === undefined) {
        ctx.addIssue({ code: 'custom', message: `grants.validation.${field}.money` });
        return z.NEVER;
      }
      return pence;
    });

/** A GOV.UK date input's three boxes (gathered by withDates) as YYYY-MM-DD. */
export const date = (field: string, optional = false) =>
  z
    .object({ day: z.unknown(), month: z.unknown(), year: z.unknown() })
    .optional()
    .transform((v, ctx) => {
      const parts = [v?.day, v?.month, v?.year].map((p) => (typeof p === 'string' ? p.trim() : ''));
      if (optional && parts.every((p) => p === '')) return null;
      const [d, m, y] = parts as [string, string, string];
      const iso = `${y.padStart(4, '0')}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
      if (!/^\d{1,2}$/.test(d) || !/^\d{1,2}$/.test(m) || !/^\d{4}$/.test(y) || !isIsoDate(iso)) {
        ctx.addIssue({ code: 'custom', message: `grants.validation.${field}.date` });
        return z.NEVER;
      }
      return iso;
    });

/** Lines of "name | number": criteria with weights, questions with word limits. */
const lines = (field: string, maxNumber: number, min: number) =>
  z
    .string()
    .optional()
    .default('')
    .transform((text, ctx) => {
      const out: Array<{ name: string; n: number }> = [];
      for (const raw of text.split(/\r?\n/)) {
        if (!raw.trim()) continue;
        const m = /^(.{1,300}?)\s*\|\s*(\d{1,4})\s*$/.exec(raw.trim());
        const n = m ? Number(m[2]) : NaN;
        if (!m || n < 1 || n > maxNumber) {
          ctx.addIssue({ code: 'custom', message: `grants.validation.${field}.line` });
          return z.NEVER;
        }
        out.push({ name: m[1]!.trim(), n });
      }
      if (out.length < min || out.length > 12) {
        ctx.addIssue({ code: 'custom', message: `grants.validation.${field}.required` });
        return z.NEVER;
      }
      return out;
    });

/** "hx1, HX2 hx7" → ["HX1", "HX2", "HX7"]: postcode districts, upper-case, each once; empty for the whole place. */
const districts = f.optional('districts', 400).transform((text, ctx) => {
  const out = new Set<string>();
  for (const raw of text.split(/[\s,;]+/)) {
    if (!raw) continue;
    const district = normaliseDistrict(raw);
    if (!district) {
      ctx.addIssue({ code: 'custom', message: 'grants.validation.districts.format' });
      return z.NEVER;
    }
    out.add(district);
  }
  if (out.size > 60) {
    ctx.addIssue({ code: 'custom', message: 'grants.validation.districts.long' });
    return z.NEVER;
  }
  return [...out];
});

export const FundInput = z.object({
  name: f.required('name', 120),
  purpose: f.required('purpose', 2000),
  funderName: f.required('funderName', 200),
  funderId: f
    .required('funderId', 60)
    .refine((v) => /^[A-Za-z0-9]{2,}-[A-Za-z0-9]{2,}-[A-Za-z0-9-]+$/.test(v), 'grants.validation.funderId.format'),
  prefix: f
    .required('prefix', 60)
    .refine((v) => /^360G-[A-Za-z0-9-]+$/.test(v) && !v.endsWith('-'), 'grants.validation.prefix.format'),
  allowsIndividuals: z
    .enum(['yes'])
    .optional()
    .transform((v) => v === 'yes'),
});
export type FundInput = z.output<typeof FundInput>;

export const RoundInput = z
  .object({
    title: f.required('title', 120),
    purpose: f.required('purpose', 2000),
    budget: money('budget'),
    minAward: money('minAward'),
    maxAward: money('maxAward'),
    whoMayApply: f.choices(APPLICANT_KINDS, 'whoMayApply', 1),
    area: f.required('area', 200),
    districts,
    opensOn: date('opensOn').transform((v) => v as string),
    closesOn: date('closesOn').transform((v) => v as string),
    decidedBy: z.enum(DECIDED_BY, { error: 'grants.validation.decidedBy.required' }),
    voteOpensOn: date('voteOpensOn', true),
    voteClosesOn: date('voteClosesOn', true),
    ballotKind: z.enum(['budget', 'count']).optional().default('budget'),
    voteMaxProjects: z
      .string()
      .optional()
      .default('0')
      .transform((v) => v.trim() || '0')
      .pipe(z.string().regex(/^\d{1,3}$/, 'grants.validation.voteMaxProjects.number'))
      .transform(Number),
    criteria: lines('criteria', 10, 1),
    questions: lines('questions', 2000, 0),
  })
  .superRefine((v, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (v.budget <= 0) issue('budget', 'grants.validation.budget.positive');
    if (v.minAward > v.maxAward) issue('minAward', 'grants.validation.minAward.aboveMax');
    if (v.maxAward > v.budget) issue('maxAward', 'grants.validation.maxAward.aboveBudget');
    if (v.closesOn < v.opensOn) issue('closesOn', 'grants.validation.closesOn.beforeOpening');
    if (v.decidedBy !== 'panel') {
      if (!v.voteOpensOn) issue('voteOpensOn', 'grants.validation.voteOpensOn.required');
      if (!v.voteClosesOn) issue('voteClosesOn', 'grants.validation.voteClosesOn.required');
      if (v.voteOpensOn && v.voteOpensOn <= v.closesOn)
        issue('voteOpensOn', 'grants.validation.voteOpensOn.afterClose');
      if (v.voteOpensOn && v.voteClosesOn && v.voteClosesOn < v.voteOpensOn)
        issue('voteClosesOn', 'grants.validation.voteClosesOn.beforeOpening');
      if (v.ballotKind === 'count' && v.voteMaxProjects < 1)
        issue('voteMaxProjects', 'grants.validation.voteMaxProjects.number');
    }
  });
export type RoundInput = z.output<typeof RoundInput>;

/** Rows of the budget table a form sends: item-1, cost-1, … item-8, cost-8. */
export const BUDGET_ROWS = 8;

export function applicationInput(questionIds: readonly string[]) {
  const budget: Record<string, z.ZodType> = {};
  for (let i = 1; i <= BUDGET_ROWS; i++) {
    budget[`item-${i}`] = f.optional('item', 200);
    budget[`cost-${i}`] = money('cost', true);
  }
  const answers: Record<string, z.ZodType> = {};
  for (const id of questionIds) answers[`answer-${id}`] = f.optional('answer', 20000);
  return z
    .object({
      applicantKind: z.enum(APPLICANT_KINDS, { error: 'grants.validation.applicantKind.required' }),
      groupName: f.optional('groupName', 200),
      charityNumber: f
        .optional('charityNumber', 20)
        .refine((v) => /^[A-Za-z0-9 -]*$/.test(v), 'grants.validation.charityNumber.format'),
      companyNumber: f
        .optional('companyNumber', 20)
        .refine((v) => /^[A-Za-z0-9 ]*$/.test(v), 'grants.validation.companyNumber.format'),
      hostName: f.optional('hostName', 200),
      hostCharityNumber: f
        .optional('hostCharityNumber', 20)
        .refine((v) => /^[A-Za-z0-9 -]*$/.test(v), 'grants.validation.charityNumber.format'),
      hostCompanyNumber: f
        .optional('hostCompanyNumber', 20)
        .refine((v) => /^[A-Za-z0-9 ]*$/.test(v), 'grants.validation.companyNumber.format'),
      projectTitle: f.optional('projectTitle', 120),
      summary: f.optional('summary', 2000),
      action: z.enum(['save', 'submit']).optional().default('save'),
      ...budget,
      ...answers,
    })
    .superRefine((v, ctx) => {
      const row = v as Record<string, unknown>;
      for (let i = 1; i <= BUDGET_ROWS; i++) {
        const item = row[`item-${i}`] as string;
        const cost = row[`cost-${i}`] as number;
        if (cost > 0 && !item)
          ctx.addIssue({ code: 'custom', path: [`item-${i}`], message: 'grants.validation.item.required' });
        if (item && cost <= 0)
          ctx.addIssue({ code: 'custom', path: [`cost-${i}`], message: 'grants.validation.cost.required' });
      }
    })
    .transform((v) => {
      const row = v as Record<string, unknown>;
      const budgetLines = [];
      for (let i = 1; i <= BUDGET_ROWS; i++) {
        const item = row[`item-${i}`] as string;
        if (item) budgetLines.push({ item, pence: row[`cost-${i}`] as number });
      }
      const answerValues: Record<string, string> = {};
      for (const id of questionIds) answerValues[id] = (row[`answer-${id}`] as string) ?? '';
      return {
        action: v.action,
        fields: {
          applicantKind: v.applicantKind,
          groupName: v.groupName,
          charityNumber: v.charityNumber,
          companyNumber: v.companyNumber,
          hostName: v.applicantKind === 'informal' ? v.hostName : '',
          hostCharityNumber: v.applicantKind === 'informal' ? v.hostCharityNumber : '',
          hostCompanyNumber: v.applicantKind === 'informal' ? v.hostCompanyNumber : '',
          projectTitle: v.projectTitle,
          summary: v.summary,
          budgetLines,
          amountPence: budgetLines.reduce((s, l) => s + l.pence, 0),
          answers: answerValues,
        },
      };
    });
}

export const PanelMemberInput = z.object({
  email: f.required('email', 254).transform((v) => v.toLowerCase()),
});

export const ConflictInput = z.object({
  conflicted: z.enum(['yes', 'no'], { error: 'grants.validation.conflicted.required' }).transform((v) => v === 'yes'),
  note: f.optional('note', 500),
});

export function scoreInput(criterionIds: readonly string[]) {
  const shape: Record<string, z.ZodType> = {};
  for (const id of criterionIds) {
    shape[`score-${id}`] = z
      .enum(['0', '1', '2', '3', '4', '5'], { error: 'grants.validation.score.required' })
      .transform(Number);
    shape[`comment-${id}`] = f.optional('comment', 1000);
  }
  return z.object(shape).transform((v) =>
    criterionIds.map((id) => ({
      criterionId: id,
      score: v[`score-${id}`] as number,
      comment: v[`comment-${id}`] as string,
    })),
  );
}

export const DecisionInput = z
  .object({
    outcome: z.enum(['full', 'part', 'declined'], { error: 'grants.validation.outcome.required' }),
    amount: money('amount', true),
    reasons: f.required('reasons', 2000),
  })
  .superRefine((v, ctx) => {
    if (v.outcome === 'part' && v.amount <= 0)
      ctx.addIssue({ code: 'custom', path: ['amount'], message: 'grants.validation.amount.required' });
  });

export const BallotInput = z.object({ choices: f.choices([] as string[], 'choices') }).passthrough();

export const CheckInInput = z
  .object({
    whatHappened: f.required('whatHappened', 3000),
    peopleReached: z
      .string({ error: 'grants.validation.peopleReached.number' })
      .trim()
      .regex(/^\d{1,6}$/, 'grants.validation.peopleReached.number')
      .transform(Number),
    story: f.optional('story', 3000),
    storyConsent: z
      .enum(['yes'])
      .optional()
      .transform((v) => v === 'yes'),
    ...lessonFields('grants'),
  })
  .superRefine(lessonToShare('grants'));
