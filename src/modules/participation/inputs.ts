/** What the participation forms accept. Messages are catalogue keys. */
import { z } from 'zod';
import { isIsoDate } from '../../platform/dates.js';
import { asArray } from '../../web/forms.js';
import { formFields, lessonFields, lessonToShare } from '../../web/fields.js';
import { QUESTIONS, type Answers } from './rules.js';
import { ACTIVITIES, CLAIMABLE_RUNGS, CONSENT_RESPONSES, RESULT_STATUSES, SIDES } from './schema.js';

const f = formFields('participation');

/** A GOV.UK date input's three boxes (gathered by withDates) as YYYY-MM-DD. */
const date = (field: string) =>
  z
    .object({ day: z.unknown(), month: z.unknown(), year: z.unknown() })
    .optional()
    .transform((v, ctx) => {
      const [d, m, y] = [v?.day, v?.month, v?.year].map((p) => (typeof p === 'string' ? p.trim() : '')) as [
        string,
        string,
        string,
      ];
      const iso = `${y.padStart(4, '0')}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
      if (!/^\d{1,2}$/.test(d) || !/^\d{1,2}$/.test(m) || !/^\d{4}$/.test(y) || !isIsoDate(iso)) {
        ctx.addIssue({ code: 'custom', message: `participation.validation.${field}.date` });
        return z.NEVER;
      }
      return iso;
    });

/** The easy-read summary every process has: short sentences, one a line, in English or Welsh. */
const easyRead = f.required('easyRead', 3000);

export const ProcessInput = z.object({
  title: f.required('title', 120),
  description: f.required('description', 4000),
  easyRead,
});
export type ProcessInput = z.output<typeof ProcessInput>;

export const EasyReadInput = z.object({ easyRead });

/** Closing a process: optionally, what the facilitator would do differently, and whether to share it. */
export const CloseInput = z.object(lessonFields('participation')).superRefine(lessonToShare('participation'));

export const PHASE_DATES = ['opensOn', 'closesOn'] as const;

export const PhaseInput = z
  .object({
    title: f.required('phaseTitle', 120),
    description: f.optional('phaseDescription', 2000),
    opensOn: date('opensOn'),
    closesOn: date('closesOn'),
    activities: f.choices(ACTIVITIES, 'activities'),
    rung: z.enum(CLAIMABLE_RUNGS, { error: 'participation.validation.rung.required' }),
  })
  .superRefine((v, ctx) => {
    if (v.closesOn < v.opensOn)
      ctx.addIssue({ code: 'custom', path: ['closesOn'], message: 'participation.validation.closesOn.beforeOpening' });
  });
export type PhaseInput = z.output<typeof PhaseInput>;

/** Ticked boxes whose values must be among `known` (which comes from the place's own lists). */
const knownChoices = (known: readonly string[], field: string) =>
  z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => [...new Set(asArray(v))])
    .refine((v) => v.every((x) => known.includes(x)), `participation.validation.${field}.unknown`);

/**
 * A resident's proposal. Its related needs are codes from the place's needs vocabulary
 * and its related outcomes ids of published outcomes: anything else is refused beside
 * the field, so the form is built with the lists the place has now.
 */
export function proposalInput(known: { needs: readonly string[]; outcomes: readonly string[] }) {
  return z.object({
    title: f.required('proposalTitle', 150),
    body: f.required('body', 6000),
    area: f.optional('area', 200),
    needs: knownChoices(known.needs, 'needs'),
    outcomes: knownChoices(known.outcomes, 'outcomes'),
  });
}
export type ProposalInput = z.output<ReturnType<typeof proposalInput>>;

export const SupportInput = z.object({
  follow: z
    .enum(['yes'])
    .optional()
    .transform((v) => v === 'yes'),
});

export const CommentInput = z.object({ comment: f.required('comment', 2000) });

/** An argument in a structured debate: which side, in a few words. */
export const ArgumentInput = z.object({
  side: z.enum(SIDES, { error: 'participation.validation.side.required' }),
  argument: f.required('argument', 500),
});

export const SummaryInput = z.object({ summary: f.required('summary', 4000) });

export const AmendmentInput = z.object({ body: f.required('amendment', 6000) });

export const ReasonInput = z.object({ reason: f.required('reason', 2000) });

export const HideInput = z.object({ hideReason: f.required('hideReason', 2000) });

export const DecisionInput = z
  .object({
    kind: z.enum(['threshold', 'approval', 'consent'], { error: 'participation.validation.kind.required' }),
    title: f.required('decisionTitle', 150),
    threshold: z
      .string()
      .optional()
      .default('')
      .transform((v) => v.trim()),
    phaseId: z
      .string()
      .optional()
      .default('')
      .transform((v) => v.trim()),
    maxChoices: z
      .string()
      .optional()
      .default('')
      .transform((v) => v.trim()),
    winners: z
      .string()
      .optional()
      .default('')
      .transform((v) => v.trim()),
    proposalId: z
      .string()
      .optional()
      .default('')
      .transform((v) => v.trim()),
  })
  .transform((v, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    const n = (text: string) => (/^\d{1,6}$/.test(text) ? Number(text) : NaN);
    if (v.kind === 'threshold') {
      const threshold = n(v.threshold);
      if (!(threshold >= 1)) issue('threshold', 'participation.validation.threshold.number');
      return { kind: v.kind, title: v.title, threshold, phaseId: null, maxChoices: 0, winners: 0, proposalId: null };
    }
    if (v.kind === 'consent') {
      if (!v.phaseId) issue('phaseId', 'participation.validation.phaseId.required');
      if (!v.proposalId) issue('proposalId', 'participation.validation.proposalId.required');
      return {
        kind: v.kind,
        title: v.title,
        threshold: 0,
        phaseId: v.phaseId,
        maxChoices: 0,
        winners: 0,
        proposalId: v.proposalId,
      };
    }
    const maxChoices = n(v.maxChoices);
    const winners = n(v.winners);
    if (!v.phaseId) issue('phaseId', 'participation.validation.phaseId.required');
    if (!(maxChoices >= 1 && maxChoices <= 50)) issue('maxChoices', 'participation.validation.maxChoices.number');
    if (!(winners >= 1 && winners <= 500)) issue('winners', 'participation.validation.winners.number');
    return { kind: v.kind, title: v.title, threshold: 0, phaseId: v.phaseId, maxChoices, winners, proposalId: null };
  });
export type DecisionInput = z.output<typeof DecisionInput>;

export const BallotInput = z.object({
  choices: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => [...new Set(asArray(v))])
    .pipe(z.array(z.string().max(64)).max(500, 'participation.ballot.unknown')),
});

/** A member's response to a consent decision: an objection needs its reason. */
export const ConsentInput = z
  .object({
    response: z.enum(CONSENT_RESPONSES, { error: 'participation.validation.response.required' }),
    reason: f.optional('objection', 2000),
  })
  .superRefine((v, ctx) => {
    if (v.response === 'object' && !v.reason)
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'participation.validation.objection.required' });
  });

/** How the facilitator says an objection was addressed. */
export const AddressInput = z.object({ note: f.required('note', 2000) });

/**
 * Closing a consent decision: the outcome statement, and whether objections still
 * standing are recorded (which needs a reason) rather than left to block it.
 */
export const ConsentCloseInput = z
  .object({
    statement: f.required('statement', 4000),
    record: z
      .enum(['yes'])
      .optional()
      .transform((v) => v === 'yes'),
    recordReason: f.optional('recordReason', 2000),
  })
  .superRefine((v, ctx) => {
    if (v.record && !v.recordReason)
      ctx.addIssue({
        code: 'custom',
        path: ['recordReason'],
        message: 'participation.validation.recordReason.required',
      });
  })
  .transform((v) => ({ statement: v.statement, recordReason: v.record ? v.recordReason : '' }));

export const UpdateInput = z.object({
  status: z.enum(RESULT_STATUSES, { error: 'participation.validation.status.required' }),
  update: f.required('update', 4000),
});

const answer = (id: string) =>
  z
    .string({ error: `participation.validation.answer.required` })
    .regex(/^[0-3]$/, 'participation.validation.answer.required')
    .transform(Number)
    .describe(id);

export const AssessmentInput = z
  .object({
    service: f.required('service', 150),
    ...Object.fromEntries(QUESTIONS.map((q) => [q.id, answer(q.id)])),
  })
  .transform((v) => {
    const r = v as Record<string, unknown>;
    return {
      service: v.service,
      answers: Object.fromEntries(QUESTIONS.map((q) => [q.id, r[q.id] as number])) as Answers,
    };
  });
export type AssessmentInput = z.output<typeof AssessmentInput>;
