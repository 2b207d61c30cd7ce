/** Every input social prescribing accepts, as zod schemas whose messages are catalogue keys. */
import { z } from 'zod';
import { asArray } from '../../web/forms.js';
import { isShareItem } from './consent.js';
import { DECLINE_REASONS, NOT_ATTENDED_REASONS, isReferralStatus } from './referral-status.js';
import { Ons4Answers, TimepointInput } from './wellbeing-rules.js';

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

export const text = (max: number, tooLong: string) =>
  z
    .unknown()
    .default('')
    .transform((v) => (typeof v === 'string' ? v.trim().replace(/\r\n/g, '\n') : ''))
    .pipe(
      z
        .string()
        .max(max, tooLong)
        .refine((v) => !CONTROL.test(v), 'prescribing.validation.characters'),
    );

const required = (max: number, missing: string, tooLong: string) => text(max, tooLong).pipe(z.string().min(1, missing));

/** YYYY-MM-DD from GOV.UK's three date boxes (`name-day`, `name-month`, `name-year`), or a plain value. */
export function withDate(body: unknown, name: string): Record<string, unknown> {
  const fields = { ...((body as Record<string, unknown>) ?? {}) };
  if (typeof fields[name] === 'string') return fields;
  const part = (p: string) => String(fields[`${name}-${p}`] ?? '').trim();
  const [day, month, year] = [part('day'), part('month'), part('year')];
  fields[name] =
    day || month || year ? `${year.padStart(4, '0')}-${month.padStart(2, '0')}-${day.padStart(2, '0')}` : '';
  return fields;
}

/** A real date, not in the future (a conversation, a consent or answers are recorded after they happen). */
export const pastDate = (key: string) =>
  z
    .string({ error: key })
    .min(1, key)
    .regex(/^\d{4}-\d{2}-\d{2}$/, key)
    .refine((v) => {
      const d = new Date(`${v}T12:00:00Z`);
      return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v && v >= '1900-01-01';
    }, key)
    .refine(
      (v) => v <= new Date(Date.now() + 14 * 3600_000).toISOString().slice(0, 10),
      'prescribing.validation.date.future',
    );

const optionalEmail = z
  .unknown()
  .default('')
  .transform((v) => (typeof v === 'string' ? v.trim().toLowerCase() : ''))
  .pipe(z.union([z.literal(''), z.email('prescribing.validation.email').max(254, 'prescribing.validation.email')]))
  .transform((v) => v || null);

export const RecordInput = z.object({
  name: required(120, 'prescribing.validation.name.required', 'prescribing.validation.name.long'),
  preferredName: required(
    60,
    'prescribing.validation.preferredName.required',
    'prescribing.validation.preferredName.long',
  ),
  email: optionalEmail,
  phone: text(30, 'prescribing.validation.phone')
    .pipe(z.string().regex(/^[0-9 +()-]*$/, 'prescribing.validation.phone'))
    .transform((v) => v || null),
  howToContact: text(300, 'prescribing.validation.long'),
  accessNeeds: text(1000, 'prescribing.validation.long'),
  referredFrom: text(200, 'prescribing.validation.long'),
});
export type RecordInput = z.output<typeof RecordInput>;

const conversationField = text(2000, 'prescribing.validation.conversation.long');

export const ConversationInput = z
  .object({
    heldOn: pastDate('prescribing.validation.date'),
    strengths: conversationField,
    interests: conversationField,
    skills: conversationField,
    wouldLikeTo: conversationField,
    getsInTheWay: conversationField,
  })
  .refine((c) => !!(c.strengths || c.interests || c.skills || c.wouldLikeTo), {
    message: 'prescribing.validation.conversation.empty',
    path: ['strengths'],
  });
export type ConversationInput = z.output<typeof ConversationInput>;

export const ConsentInput = z
  .object({
    givenOn: pastDate('prescribing.validation.date'),
    decision: z.enum(['agreed', 'declined'], { error: 'prescribing.validation.consent.decision' }),
    shares: z
      .unknown()
      .default('')
      .transform(asArray)
      .pipe(
        z
          .array(z.string().refine(isShareItem, 'prescribing.validation.consent.shares'))
          .max(4, 'prescribing.validation.consent.shares'),
      ),
    messageBack: z.enum(['yes', 'no'], { error: 'prescribing.validation.consent.messageBack' }).optional(),
  })
  .refine((c) => c.decision === 'declined' || c.messageBack !== undefined, {
    message: 'prescribing.validation.consent.messageBack',
    path: ['messageBack'],
  });
export type ConsentInput = z.output<typeof ConsentInput>;

const chosenIds = z
  .unknown()
  .default('')
  .transform(asArray)
  .pipe(z.array(z.string().max(60)));

/** Activities and volunteering roles chosen together: at least one, at most 10 in all. */
export const ReferInput = z
  .object({
    activities: chosenIds,
    roles: chosenIds,
    schemes: chosenIds,
    note: text(500, 'prescribing.validation.note.long'),
  })
  .refine((r) => r.activities.length + r.roles.length + r.schemes.length >= 1, {
    message: 'prescribing.validation.refer.choose',
    path: ['activities'],
  })
  .refine((r) => r.activities.length + r.roles.length + r.schemes.length <= 10, {
    message: 'prescribing.validation.refer.tooMany',
    path: ['activities'],
  });

export const StatusInput = z
  .object({
    to: z.string({ error: 'prescribing.validation.status' }).refine(isReferralStatus, 'prescribing.validation.status'),
    reason: z
      .string()
      .max(40)
      .optional()
      .transform((v) => v || null),
    detail: text(500, 'prescribing.validation.note.long'),
  })
  .refine((s) => !(s.to === 'declined' && !(DECLINE_REASONS as readonly string[]).includes(s.reason ?? '')), {
    message: 'prescribing.validation.reason.declined',
    path: ['reason'],
  })
  .refine(
    (s) => !(s.to === 'did_not_attend' && !(NOT_ATTENDED_REASONS as readonly string[]).includes(s.reason ?? '')),
    { message: 'prescribing.validation.reason.notAttended', path: ['reason'] },
  );

export const Ons4Input = Ons4Answers.extend({
  timepoint: TimepointInput,
  answeredOn: pastDate('prescribing.validation.date'),
});
export type Ons4Input = z.output<typeof Ons4Input>;

export const HealthNoteInput = z.object({
  body: required(4000, 'prescribing.validation.note.required', 'prescribing.validation.note.healthLong'),
});

export const ColleagueInput = z.object({
  email: z
    .string({ error: 'prescribing.validation.email' })
    .trim()
    .toLowerCase()
    .pipe(z.email('prescribing.validation.email').max(254, 'prescribing.validation.email')),
});

export const REFERRER_ROLE_CHOICES = ['link_worker', 'coordinator', 'organiser', 'admin'] as const;

export const SettingsInput = z.object({
  roles: z
    .unknown()
    .default('')
    .transform(asArray)
    .pipe(
      z
        .array(z.enum(REFERRER_ROLE_CHOICES, { error: 'prescribing.validation.roles' }))
        .min(1, 'prescribing.validation.roles'),
    ),
});

const lines = (v: string) =>
  v
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

export const InstrumentInput = z
  .object({
    name: required(120, 'prescribing.validation.instrument.name', 'prescribing.validation.instrument.name'),
    items: required(6000, 'prescribing.validation.instrument.items', 'prescribing.validation.instrument.items')
      .transform(lines)
      .pipe(
        z
          .array(z.string().max(300, 'prescribing.validation.instrument.items'))
          .min(2, 'prescribing.validation.instrument.items')
          .max(20, 'prescribing.validation.instrument.items'),
      ),
    itemsCy: text(6000, 'prescribing.validation.instrument.itemsCy').transform(lines),
    scaleMin: z.coerce
      .number({ error: 'prescribing.validation.instrument.scale' })
      .int('prescribing.validation.instrument.scale')
      .min(0, 'prescribing.validation.instrument.scale')
      .max(1, 'prescribing.validation.instrument.scale'),
    scaleMax: z.coerce
      .number({ error: 'prescribing.validation.instrument.scale' })
      .int('prescribing.validation.instrument.scale')
      .min(2, 'prescribing.validation.instrument.scale')
      .max(10, 'prescribing.validation.instrument.scale'),
    higherIsBetter: z.enum(['yes', 'no'], { error: 'prescribing.validation.instrument.direction' }),
    licenceNote: required(500, 'prescribing.validation.instrument.licence', 'prescribing.validation.long'),
  })
  .refine((i) => i.itemsCy.length === 0 || i.itemsCy.length === i.items.length, {
    message: 'prescribing.validation.instrument.itemsCy',
    path: ['itemsCy'],
  });
export type InstrumentInput = z.output<typeof InstrumentInput>;

/** The support asked for: a talk with a link worker, or a befriending or peer-support scheme by id. */
const supportChoice = z
  .string({ error: 'prescribing.validation.request.support' })
  .regex(/^(link_worker|scheme:[0-9a-f-]{1,60})$/, 'prescribing.validation.request.support');

const sharesChosen = z
  .unknown()
  .default('')
  .transform(asArray)
  .pipe(
    z
      .array(z.string().refine(isShareItem, 'prescribing.validation.consent.shares'))
      .max(4, 'prescribing.validation.consent.shares'),
  );

const whatMatters = {
  wouldLikeTo: text(2000, 'prescribing.validation.conversation.long'),
  interests: text(2000, 'prescribing.validation.conversation.long'),
  getsInTheWay: text(2000, 'prescribing.validation.conversation.long'),
};

/**
 * A resident asking for support themselves: what matters to them, how to reach them,
 * what they want, and their consent given by their own hand (with their own words, if they wish).
 */
export const SelfReferralInput = z
  .object({
    ...whatMatters,
    howToContact: text(300, 'prescribing.validation.long'),
    phone: text(30, 'prescribing.validation.phone')
      .pipe(z.string().regex(/^[0-9 +()-]*$/, 'prescribing.validation.phone'))
      .transform((v) => v || null),
    accessNeeds: text(1000, 'prescribing.validation.long'),
    support: supportChoice,
    shares: sharesChosen,
    ownWords: text(1000, 'prescribing.validation.long'),
    agree: z.literal('yes', { error: 'prescribing.validation.request.agree' }),
  })
  .refine((r) => !!(r.wouldLikeTo || r.interests), {
    message: 'prescribing.validation.request.whatMatters',
    path: ['wouldLikeTo'],
  });
export type SelfReferralInput = z.output<typeof SelfReferralInput>;

/**
 * A referrer from another service sending someone: who they are and how to reach them,
 * what matters to them, the support, and the person's agreement as the referrer heard it.
 */
export const ServiceReferralInput = z
  .object({
    name: RecordInput.shape.name,
    preferredName: RecordInput.shape.preferredName,
    email: RecordInput.shape.email,
    phone: RecordInput.shape.phone,
    howToContact: RecordInput.shape.howToContact,
    accessNeeds: RecordInput.shape.accessNeeds,
    service: required(200, 'prescribing.validation.request.service', 'prescribing.validation.long'),
    ...whatMatters,
    support: supportChoice,
    givenOn: pastDate('prescribing.validation.date'),
    shares: sharesChosen,
    ownWords: text(1000, 'prescribing.validation.long'),
    agree: z.literal('yes', { error: 'prescribing.validation.request.agreed' }),
  })
  .refine((r) => !!(r.wouldLikeTo || r.interests), {
    message: 'prescribing.validation.request.whatMatters',
    path: ['wouldLikeTo'],
  })
  .refine((r) => !!(r.email || r.phone || r.howToContact), {
    message: 'prescribing.validation.request.contact',
    path: ['howToContact'],
  });
export type ServiceReferralInput = z.output<typeof ServiceReferralInput>;
