/** What the groups forms accept, checked at the boundary; messages are catalogue keys. */
import { z } from 'zod';
import { isClockTime, isIsoDate } from '../../platform/dates.js';
import { formFields } from '../../web/fields.js';
import { FOLLOW_UP_DAYS, LANGUAGES, MAX_WEEKS } from './rules.js';

const f = formFields('groups');

export const GroupInput = z.object({
  name: f.required('name', 120),
  purpose: f.required('purpose', 2000),
  area: f.optional('area', 200),
  languages: f.optional('languages', 200),
  joining: z.enum(['open', 'approval'], { error: 'groups.validation.joining' }),
  /** Started for a directory organisation its starter runs: its events are the organisation's. */
  organisationId: z
    .string()
    .trim()
    .regex(/^[\w-]{0,64}$/, 'groups.validation.organisation')
    .optional(),
});
export type GroupInput = z.output<typeof GroupInput>;

const dateInput = (key: string) =>
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

const clock = (key: string) => z.string({ error: key }).trim().refine(isClockTime, key);

const optionalWhole = (key: string, min: number, max: number) =>
  z
    .string()
    .optional()
    .transform((v) => (v ?? '').trim())
    .pipe(
      z.union([
        z.literal('').transform(() => null),
        z
          .string()
          .regex(/^\d{1,5}$/, key)
          .transform(Number)
          .pipe(z.number().int().min(min, key).max(max, key)),
      ]),
    );

export const EventInput = z
  .object({
    title: f.required('title', 160),
    description: f.optional('description', 4000),
    date: dateInput('groups.validation.date'),
    from: clock('groups.validation.from'),
    to: clock('groups.validation.to'),
    weeks: optionalWhole('groups.validation.weeks', 1, MAX_WEEKS),
    mode: z.enum(['in_person', 'online'], { error: 'groups.validation.mode' }),
    /** In person: "location:<id>", "booking:<id>", or empty with an address. */
    venue: z.string().optional().default(''),
    address: f.optional('address', 300),
    onlineLink: f.optional('onlineLink', 500),
    capacity: optionalWhole('groups.validation.capacity', 1, 10000),
    /** A ticked box: children may come. */
    forChildren: z
      .string()
      .optional()
      .transform((v) => v === 'yes'),
    safeguardingContact: f.optional('safeguardingContact', 300),
  })
  .superRefine((v, ctx) => {
    if (v.to <= v.from) ctx.addIssue({ code: 'custom', message: 'groups.validation.to', path: ['to'] });
    if (v.mode === 'online' && !/^https:\/\/[^\s<>"]+$/.test(v.onlineLink))
      ctx.addIssue({ code: 'custom', message: 'groups.validation.onlineLink.required', path: ['onlineLink'] });
    if (v.mode === 'in_person' && !v.venue && !v.address)
      ctx.addIssue({ code: 'custom', message: 'groups.validation.address.required', path: ['address'] });
    if (v.forChildren && !v.safeguardingContact)
      ctx.addIssue({
        code: 'custom',
        message: 'groups.validation.safeguardingContact.required',
        path: ['safeguardingContact'],
      });
    if (v.venue && !/^(location|booking):[\w-]{1,64}$/.test(v.venue))
      ctx.addIssue({ code: 'custom', message: 'groups.validation.venue', path: ['venue'] });
  });
export type EventInput = z.output<typeof EventInput>;

const language = z.enum(LANGUAGES, { error: 'groups.validation.language' });

export const RsvpInput = z.object({
  accessNeeds: f.optional('accessNeeds', 1000),
  language: language.optional().default('en'),
});
export type RsvpInput = z.output<typeof RsvpInput>;

export const QuestionInput = z.object({
  text: f.required('question', 1000),
  language: language.optional().default('en'),
});

export const AnswerInput = z.object({ answer: f.required('answer', 4000) });
/** When to ask a pledger whether they did it: never, or a number of days after pledging. */
const followUp = z
  .enum(['', ...FOLLOW_UP_DAYS.map(String)] as [string, ...string[]], { error: 'groups.validation.followUp' })
  .optional()
  .default('')
  .transform((v) => (v ? Number(v) : null));
export const ActionInput = z.object({ text: f.required('action', 300), followUp });
export const OwnPledgeInput = z.object({ ownPledge: f.required('ownPledge', 300), followUp });
export const PledgeOutcomeInput = z.object({
  outcome: z.enum(['done', 'not_yet', 'no'], { error: 'groups.validation.outcome' }),
});
/** What organisers tell the admins about the organisation their group would become. */
export const OrganisationRequestInput = z.object({
  kind: z.enum(['informal_group', 'community_group', 'charity'], { error: 'groups.validation.organisationKind' }),
  email: z
    .string()
    .trim()
    .max(254, 'groups.validation.organisationEmail')
    .optional()
    .transform((v) => (v ?? '').toLowerCase())
    .refine((v) => v === '' || z.email().safeParse(v).success, 'groups.validation.organisationEmail'),
  charityNumber: z
    .string()
    .trim()
    .max(20, 'groups.validation.charityNumber')
    .optional()
    .transform((v) => (v ?? '').replace(/[\s-]+/g, '').toUpperCase())
    .refine((v) => v === '' || /^[A-Z0-9]{1,12}$/.test(v), 'groups.validation.charityNumber'),
});
export type OrganisationRequestInput = z.output<typeof OrganisationRequestInput>;
/** The admins' answer: a decline says why, for the group's organisers. */
export const OrganisationDecisionInput = z
  .object({
    decision: z.enum(['approve', 'decline'], { error: 'groups.validation.decision' }),
    reason: f.optional('declineReason', 1000),
  })
  .superRefine((v, ctx) => {
    if (v.decision === 'decline' && !v.reason)
      ctx.addIssue({ code: 'custom', message: 'groups.validation.declineReason.required', path: ['reason'] });
  });
export const ReportInput = z.object({ reason: f.required('reason', 2000) });
/** Why an event is called off: it goes in the email to everyone going. */
export const CancelEventInput = z.object({ reason: f.required('cancelReason', 1000) });
export const DecisionInput = z.object({
  decision: z.enum(['approve', 'refuse'], { error: 'groups.validation.decision' }),
});
export const MoveInput = z.object({ move: z.enum(['up', 'down'], { error: 'groups.validation.move' }) });
export const VisibleInput = z.object({ visible: z.enum(['yes', 'no'], { error: 'groups.validation.visible' }) });
export const AttendanceInput = z.object({
  attended: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v])),
});
/** Leaving asks nothing; the form only carries its security fields. */
export const LeaveInput = z.object({});

export const AnnouncementInput = z.object({
  title: f.required('announcementTitle', 160),
  text: f.required('announcementText', 4000),
});
export type AnnouncementInput = z.output<typeof AnnouncementInput>;
export const AnnouncementDeliveryInput = z.object({
  how: z.enum(['instant', 'weekly', 'none'], { error: 'groups.validation.announcementDelivery' }),
});
/** The spans of time "what's on" looks over, from now. */
export const WHATS_ON_SPANS = ['today', 'week', 'month'] as const;
export type WhatsOnSpan = (typeof WHATS_ON_SPANS)[number];
export const WHATS_ON_MILES = [1, 2, 5, 10, 25] as const;

/** What's on: a span of time, and optionally a postcode and how far from it. Every field has a default. */
export const WhatsOnQuery = z.object({
  when: z.enum(WHATS_ON_SPANS, { error: 'groups.validation.whatsOn.when' }).optional().default('week'),
  postcode: z
    .string()
    .trim()
    .max(12, 'groups.validation.whatsOn.postcode.format')
    .optional()
    .transform((v) => v || undefined),
  distance: z.coerce
    .number({ error: 'groups.validation.whatsOn.distance' })
    .refine((n) => (WHATS_ON_MILES as readonly number[]).includes(n), 'groups.validation.whatsOn.distance')
    .optional()
    .default(2),
  order: z.enum(['time', 'distance'], { error: 'groups.validation.whatsOn.order' }).optional().default('time'),
});
export type WhatsOnQuery = z.output<typeof WhatsOnQuery>;
