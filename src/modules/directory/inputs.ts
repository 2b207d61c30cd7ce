/**
 * What a valid listing, organisation and decision look like (zod, one schema per
 * input, messages by catalogue key), and the rules of moderation. No SQL, no HTTP.
 */
import { z } from 'zod';
import type { CostKind, ModerationState, OrganisationKind, ServiceStatus } from './schema.js';
import { normalisePostcode } from '../../platform/postcodes.js';
import { weekdaysOf, type ScheduleRule } from './schedules.js';
import { WEEKDAYS } from '../../platform/dates.js';

export const ORGANISATION_KINDS: readonly OrganisationKind[] = [
  'charity',
  'community_group',
  'informal_group',
  'council',
  'business',
  'other',
];
export const SERVICE_STATUSES: readonly ServiceStatus[] = ['active', 'inactive', 'defunct', 'temporarily closed'];
export const COST_KINDS: readonly CostKind[] = ['free', 'pay_what_you_can', 'amount'];
/** Languages a listing can say it is run in (ISO 639-1), the ones most spoken in UK places first. */
export const LANGUAGES = [
  'en',
  'cy',
  'pl',
  'ur',
  'pa',
  'bn',
  'gu',
  'ar',
  'so',
  'ro',
  'pt',
  'es',
  'fr',
  'zh',
  'uk',
  'bsl',
] as const;

/** Six months: a listing nobody has confirmed for this long gets a reminder. */
export const REVIEW_AFTER_DAYS = 183;

const text = (key: string, max: number) =>
  z
    .string({ error: key })
    .trim()
    .min(1, key)
    .max(max, key)
    .refine((v) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(v), key);
const optionalText = (key: string, max: number) =>
  z
    .string({ error: key })
    .trim()
    .max(max, key)
    .refine((v) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(v), key)
    .optional()
    .transform((v) => (v ? v : null));
const optionalUrl = (key: string) =>
  z
    .string({ error: key })
    .trim()
    .max(500, key)
    .optional()
    .transform((v) => (v ? v : null))
    .refine((v) => v === null || /^https?:\/\/[^\s/$.?#].[^\s]*$/i.test(v), key);
const optionalEmail = (key: string) =>
  z
    .string({ error: key })
    .trim()
    .max(254, key)
    .optional()
    .transform((v) => (v ? v.toLowerCase() : null))
    .refine((v) => v === null || z.email().safeParse(v).success, key);
const optionalPhone = (key: string) =>
  z
    .string({ error: key })
    .trim()
    .max(40, key)
    .optional()
    .transform((v) => (v ? v : null))
    .refine((v) => v === null || /^[+()\d][\d\s()+-]{5,}$/.test(v), key);
/** A registration number: letters, digits and spaces, kept without the spaces, in capitals. */
const optionalRegistration = (key: string) =>
  z
    .string({ error: key })
    .trim()
    .max(20, key)
    .optional()
    .refine((v) => !v || /^[A-Za-z0-9 -]+$/.test(v), key)
    .transform((v) => (v ? v.replace(/[\s-]+/g, '').toUpperCase() : null));
const optionalAge = (key: string) =>
  z
    .string({ error: key })
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (!v) return null;
      if (!/^\d{1,3}$/.test(v) || Number(v) > 120) {
        ctx.addIssue({ code: 'custom', message: key });
        return z.NEVER;
      }
      return Number(v);
    });
const time = (key: string) =>
  z
    .string({ error: key })
    .trim()
    .transform((v) => (/^\d:\d\d$/.test(v) ? `0${v}` : v.replace('.', ':')))
    .refine((v) => /^([01]\d|2[0-3]):[0-5]\d$/.test(v), key);

/** "£3.50", "3.5", "3" → 350 pence; undefined when it is not an amount of money. */
export function parsePounds(input: string): number | undefined {
  const match = /^£?\s*(\d{1,5})(?:\.(\d{1,2}))?$/.exec(input.trim());
  if (!match) return undefined;
  return Number(match[1]) * 100 + Number((match[2] ?? '0').padEnd(2, '0'));
}

/** 350 → "£3.50", 500 → "£5". */
export function formatPence(pence: number): string {
  return pence % 100 === 0 ? `£${pence / 100}` : `£${(pence / 100).toFixed(2)}`;
}

/** The organisation form; its registration fields keep their form names (charity_number), read as charityNumber. */
export const OrganisationInput = z
  .object({
    name: text('directory.validation.organisation.name', 200),
    description: text('directory.validation.organisation.description', 4000),
    kind: z.enum(ORGANISATION_KINDS as [OrganisationKind, ...OrganisationKind[]], {
      error: 'directory.validation.organisation.kind',
    }),
    email: optionalEmail('directory.validation.email'),
    website: optionalUrl('directory.validation.url'),
    phone: optionalPhone('directory.validation.phone'),
    charity_number: optionalRegistration('directory.validation.charityNumber'),
    company_number: optionalRegistration('directory.validation.companyNumber'),
  })
  .transform(({ charity_number, company_number, ...rest }) => ({
    ...rest,
    charityNumber: charity_number,
    companyNumber: company_number,
  }));
export type OrganisationInput = z.output<typeof OrganisationInput>;

export interface CostOptionInput {
  kind: CostKind;
  amountPence: number | null;
  option: string | null;
  amountDescription: string | null;
}

export interface LocationInput {
  name: string;
  address1: string;
  city: string;
  region: string;
  postcode: string;
  latitude: number | null;
  longitude: number | null;
  accessibility: string;
  externalId?: string | null;
}

export interface ContactInput {
  name: string;
  title: string | null;
  email: string | null;
  phone: string | null;
}

/** Everything a listing holds, as the commands and importers write it. */
export interface ListingInput {
  name: string;
  description: string;
  howToJoin: string;
  whoFor: string;
  url: string | null;
  email: string | null;
  phone: string | null;
  status: ServiceStatus;
  alert: string | null;
  minimumAge: number | null;
  maximumAge: number | null;
  costs: CostOptionInput[];
  schedules: Array<ScheduleRule & { notes: string | null }>;
  locations: LocationInput[];
  languages: string[];
  termIds: string[];
  contacts: ContactInput[];
}

const multi = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]));

/**
 * The listing form: one page with a fieldset for each part. The schedule and cost
 * questions depend on earlier answers, so those checks are in superRefine.
 */
export const ListingForm = z
  .object({
    name: text('directory.validation.name', 200),
    description: text('directory.validation.description', 4000),
    howToJoin: text('directory.validation.howToJoin', 2000),
    whoFor: optionalText('directory.validation.whoFor', 1000),
    url: optionalUrl('directory.validation.url'),
    email: optionalEmail('directory.validation.email'),
    phone: optionalPhone('directory.validation.phone'),
    minimumAge: optionalAge('directory.validation.age'),
    maximumAge: optionalAge('directory.validation.age'),
    cost: z.enum(COST_KINDS as [CostKind, ...CostKind[]], { error: 'directory.validation.cost' }),
    costAmount: z.string().trim().max(20).optional().default(''),
    costDescription: optionalText('directory.validation.costDescription', 200),
    locationName: text('directory.validation.locationName', 200),
    address1: text('directory.validation.address', 200),
    city: text('directory.validation.city', 100),
    postcode: z
      .string({ error: 'directory.validation.postcode.required' })
      .trim()
      .min(1, 'directory.validation.postcode.required')
      .max(12, 'directory.validation.postcode.format')
      .transform((v, ctx) => {
        const normal = normalisePostcode(v);
        if (!normal) {
          ctx.addIssue({ code: 'custom', message: 'directory.validation.postcode.format' });
          return z.NEVER;
        }
        return normal;
      }),
    accessibility: optionalText('directory.validation.accessibility', 2000),
    frequency: z.enum(['weekly', 'fortnightly', 'monthly', 'once'], { error: 'directory.validation.frequency' }),
    day: z.string().optional().default(''),
    week: z.string().optional().default(''),
    dateDay: z.string().trim().optional().default(''),
    dateMonth: z.string().trim().optional().default(''),
    dateYear: z.string().trim().optional().default(''),
    opensAt: time('directory.validation.opensAt'),
    closesAt: time('directory.validation.closesAt'),
    languages: multi.pipe(z.array(z.enum(LANGUAGES, { error: 'directory.validation.language' })).max(LANGUAGES.length)),
    terms: multi.pipe(z.array(z.string().max(60)).max(60)),
    contactName: optionalText('directory.validation.contactName', 120),
  })
  .superRefine((v, ctx) => {
    if (v.minimumAge !== null && v.maximumAge !== null && v.minimumAge > v.maximumAge) {
      ctx.addIssue({ code: 'custom', path: ['maximumAge'], message: 'directory.validation.ageOrder' });
    }
    if (v.cost === 'amount' && parsePounds(v.costAmount) === undefined) {
      ctx.addIssue({ code: 'custom', path: ['costAmount'], message: 'directory.validation.costAmount' });
    }
    if (v.frequency !== 'once' && !(WEEKDAYS as readonly string[]).includes(v.day)) {
      ctx.addIssue({ code: 'custom', path: ['day'], message: 'directory.validation.day' });
    }
    if (v.frequency === 'monthly' && !['1', '2', '3', '4', '-1'].includes(v.week)) {
      ctx.addIssue({ code: 'custom', path: ['week'], message: 'directory.validation.week' });
    }
    if (v.frequency === 'once' && !dateFromParts(v.dateDay, v.dateMonth, v.dateYear)) {
      ctx.addIssue({ code: 'custom', path: ['date'], message: 'directory.validation.date' });
    }
    if (v.opensAt >= v.closesAt && /^\d\d:\d\d$/.test(v.opensAt) && /^\d\d:\d\d$/.test(v.closesAt)) {
      ctx.addIssue({ code: 'custom', path: ['closesAt'], message: 'directory.validation.timeOrder' });
    }
  });
export type ListingForm = z.output<typeof ListingForm>;

export function dateFromParts(day: string, month: string, year: string): string | undefined {
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) return undefined;
  const iso = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso ? iso : undefined;
}

/** The form's answers as a listing (terms by id, already checked to be the place's own). */
export function listingFromForm(form: ListingForm, today: string): ListingInput {
  const once = form.frequency === 'once';
  const date = once ? dateFromParts(form.dateDay, form.dateMonth, form.dateYear)! : null;
  const rule = {
    freq: once ? null : form.frequency === 'monthly' ? ('MONTHLY' as const) : ('WEEKLY' as const),
    interval: form.frequency === 'fortnightly' ? 2 : 1,
    byday: once ? null : form.frequency === 'monthly' ? `${form.week}${form.day}` : form.day,
    bymonthday: null,
    dtstart: once ? date : today,
    validFrom: once ? date : null,
    validTo: once ? date : null,
    opensAt: form.opensAt,
    closesAt: form.closesAt,
    notes: null,
  };
  return {
    name: form.name,
    description: form.description,
    howToJoin: form.howToJoin,
    whoFor: form.whoFor ?? '',
    url: form.url,
    email: form.email,
    phone: form.phone,
    status: 'active',
    alert: null,
    minimumAge: form.minimumAge,
    maximumAge: form.maximumAge,
    costs: [
      {
        kind: form.cost,
        amountPence: form.cost === 'amount' ? parsePounds(form.costAmount)! : null,
        option: null,
        amountDescription: form.costDescription,
      },
    ],
    schedules: [rule],
    locations: [
      {
        name: form.locationName,
        address1: form.address1,
        city: form.city,
        region: '',
        postcode: form.postcode,
        latitude: null,
        longitude: null,
        accessibility: form.accessibility ?? '',
      },
    ],
    languages: form.languages,
    termIds: form.terms,
    contacts: form.contactName ? [{ name: form.contactName, title: null, email: form.email, phone: form.phone }] : [],
  };
}

/** True when any cost option is free: what "free only" searches for. */
export function isFree(costs: readonly CostOptionInput[]): boolean {
  return costs.some((c) => c.kind === 'free' || (c.kind === 'amount' && c.amountPence === 0));
}

export function scheduleWeekdays(rule: ScheduleRule): string {
  return weekdaysOf(rule);
}

// Moderation

export type ModerationAction = 'submit' | 'publish' | 'requestChanges' | 'edit' | 'confirm';

/**
 * Where a listing goes next. Organisers write drafts and submit them; a moderator (an
 * admin) publishes or asks for changes with a reason. An organiser's change to a
 * published listing is checked again before it shows; an admin's is not.
 */
export function nextState(
  current: ModerationState,
  action: ModerationAction,
  byModerator: boolean,
): { state: ModerationState } | { refusal: string } {
  switch (action) {
    case 'submit':
      return current === 'draft' || current === 'changes_requested'
        ? { state: 'submitted' }
        : { refusal: 'directory.moderation.cannotSubmit' };
    case 'publish':
      if (!byModerator) return { refusal: 'directory.moderation.moderatorsOnly' };
      return current === 'submitted' || current === 'changes_requested' || current === 'draft'
        ? { state: 'published' }
        : { refusal: 'directory.moderation.alreadyPublished' };
    case 'requestChanges':
      if (!byModerator) return { refusal: 'directory.moderation.moderatorsOnly' };
      return current === 'submitted' || current === 'published'
        ? { state: 'changes_requested' }
        : { refusal: 'directory.moderation.cannotRequest' };
    case 'edit':
      return { state: current === 'published' && !byModerator ? 'submitted' : current };
    case 'confirm':
      return current === 'published' ? { state: 'published' } : { refusal: 'directory.moderation.notPublished' };
  }
}

export const ModerationDecision = z
  .object({
    decision: z.enum(['publish', 'changes'], { error: 'directory.validation.decision' }),
    reason: z.string().trim().max(2000, 'directory.validation.reason').optional().default(''),
  })
  .superRefine((v, ctx) => {
    if (v.decision === 'changes' && !v.reason)
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'directory.validation.reason' });
  });

/** Whether a published listing is due a "is this still right?" reminder. */
export function needsReview(lastCheckedAt: string | null, now: Date): boolean {
  if (!lastCheckedAt) return true;
  return now.getTime() - Date.parse(lastCheckedAt) > REVIEW_AFTER_DAYS * 86_400_000;
}

export const AddOrganiserInput = z.object({
  organiserEmail: z
    .string({ error: 'directory.validation.organiserEmail' })
    .trim()
    .min(1, 'directory.validation.organiserEmail')
    .max(254, 'directory.validation.organiserEmail')
    .pipe(z.email('directory.validation.organiserEmail'))
    .transform((v) => v.toLowerCase()),
});

export const TermInput = z.object({
  taxonomy: z
    .string({ message: 'directory.validation.taxonomy' })
    .trim()
    .min(1, 'directory.validation.taxonomy')
    .max(60),
  term: text('directory.validation.term', 120),
  termCy: optionalText('directory.validation.term', 120),
  description: optionalText('directory.validation.termDescription', 500),
  code: z
    .string()
    .trim()
    .toLowerCase()
    .max(60, 'directory.validation.code')
    .optional()
    .transform((v) => v || undefined)
    .refine((v) => v === undefined || /^[a-z0-9]+(-[a-z0-9]+)*$/.test(v), 'directory.validation.code'),
});

export function codeFromTerm(term: string): string {
  return (
    term
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60) || 'term'
  );
}
