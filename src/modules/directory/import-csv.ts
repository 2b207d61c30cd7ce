/**
 * The directory spreadsheet (docs/directory-import.md): one row a listing. Parsing and
 * checking each row is pure; writing is one transaction for the whole file, so a file
 * that breaks half-way changes nothing.
 */
import { z } from 'zod';
import { parseCsv, uncsvField, CsvFormatError } from '../../platform/csv.js';
import { normalisePostcode } from '../../platform/postcodes.js';
import { LANGUAGES, ORGANISATION_KINDS, parsePounds, type ListingInput } from './inputs.js';
import { isValidByday } from './schedules.js';
import type { OrganisationKind } from './schema.js';
import { weekdayFromName, type Weekday } from '../../platform/dates.js';

export const DIRECTORY_COLUMNS = [
  'id',
  'organisation',
  'organisation_description',
  'organisation_kind',
  'organisation_website',
  'organisation_email',
  'name',
  'description',
  'how_to_join',
  'who_for',
  'url',
  'email',
  'phone',
  'minimum_age',
  'maximum_age',
  'cost',
  'cost_amount',
  'cost_description',
  'location_name',
  'address',
  'town',
  'postcode',
  'latitude',
  'longitude',
  'accessibility',
  'frequency',
  'days',
  'week_of_month',
  'date',
  'opens_at',
  'closes_at',
  'languages',
  'taxonomy',
  'status',
] as const;
export type DirectoryColumn = (typeof DIRECTORY_COLUMNS)[number];
const REQUIRED: DirectoryColumn[] = ['id', 'organisation', 'name', 'description'];

export interface ImportedOrganisation {
  name: string;
  description: string;
  kind: OrganisationKind;
  website: string | null;
  email: string | null;
  /** From an ORUK feed: the organisation's phone and its registration numbers. */
  phone?: string | null;
  charityNumber?: string | null;
  companyNumber?: string | null;
}

export interface ImportRow {
  line: number;
  externalId: string;
  /** The organisation's id in the source (ORUK feeds); spreadsheets match organisations by name. */
  organisationExternalId?: string;
  organisation: ImportedOrganisation;
  listing: ListingInput;
  /** Term codes, turned into ids once the place's taxonomy is known. */
  termCodes: string[];
  /** Terms named in a feed (each by what it is called, and the codes and names it may match), matched to the place's own by code or name where they can be. */
  feedTerms?: Array<{ label: string; keys: string[] }>;
  /** What the source gave that the listing leaves off or holds differently, and why (ORUK feeds). */
  notes?: ImportNote[];
  published: boolean;
  /** When the source last checked it (ORUK assured_date). */
  assuredDate?: string | null;
}

/** One difference between a record in the source and the listing made from it. */
export interface ImportNote {
  kind: 'left off' | 'changed';
  text: string;
}

export interface RowRejection {
  line: number;
  reason: string;
}

export type CsvImportPlan =
  { ok: true; rows: ImportRow[]; rejected: RowRejection[] } | { ok: false; line: number; reason: string };

const optional = (max: number) =>
  z
    .string()
    .max(max, `is longer than ${max} characters`)
    .transform((v) => (v ? v : null));
const url = optional(500).refine(
  (v) => v === null || /^https?:\/\/\S+$/i.test(v),
  'is not a web address starting http:// or https://',
);
const email = optional(254).refine((v) => v === null || z.email().safeParse(v).success, 'is not an email address');
const age = z.string().transform((v, ctx) => {
  if (!v) return null;
  if (!/^\d{1,3}$/.test(v) || Number(v) > 120) {
    ctx.addIssue({ code: 'custom', message: 'is not an age from 0 to 120' });
    return z.NEVER;
  }
  return Number(v);
});
const time = z.string().refine((v) => v === '' || /^([01]\d|2[0-3]):[0-5]\d$/.test(v), 'is not a time like 09:30');
const coordinate = (limit: number) =>
  z.string().transform((v, ctx) => {
    if (!v) return null;
    const n = Number(v);
    if (!Number.isFinite(n) || Math.abs(n) > limit) {
      ctx.addIssue({ code: 'custom', message: `is not a number from -${limit} to ${limit}` });
      return z.NEVER;
    }
    return n;
  });

const Row = z
  .object({
    id: z.string().min(1, 'is empty').max(100, 'is longer than 100 characters'),
    organisation: z.string().min(1, 'is empty').max(200, 'is longer than 200 characters'),
    organisation_description: optional(4000),
    organisation_kind: z.string().transform((v, ctx) => {
      if (!v) return 'community_group' as OrganisationKind;
      if (!(ORGANISATION_KINDS as readonly string[]).includes(v)) {
        ctx.addIssue({ code: 'custom', message: `is not one of ${ORGANISATION_KINDS.join(', ')}` });
        return z.NEVER;
      }
      return v as OrganisationKind;
    }),
    organisation_website: url,
    organisation_email: email,
    name: z.string().min(1, 'is empty').max(200, 'is longer than 200 characters'),
    description: z.string().min(1, 'is empty').max(4000, 'is longer than 4000 characters'),
    how_to_join: z.string().max(2000, 'is longer than 2000 characters'),
    who_for: z.string().max(1000, 'is longer than 1000 characters'),
    url,
    email,
    phone: optional(40),
    minimum_age: age,
    maximum_age: age,
    cost: z.enum(['', 'free', 'pay_what_you_can', 'amount'], { error: 'is not free, pay_what_you_can or amount' }),
    cost_amount: z.string(),
    cost_description: optional(200),
    location_name: z.string().max(200, 'is longer than 200 characters'),
    address: z.string().max(200, 'is longer than 200 characters'),
    town: z.string().max(100, 'is longer than 100 characters'),
    postcode: z.string().max(12, 'is not a postcode'),
    latitude: coordinate(90),
    longitude: coordinate(180),
    accessibility: z.string().max(2000, 'is longer than 2000 characters'),
    frequency: z.enum(['', 'weekly', 'fortnightly', 'monthly', 'once'], {
      error: 'is not weekly, fortnightly, monthly or once',
    }),
    days: z.string().max(60),
    week_of_month: z.enum(['', '1', '2', '3', '4', '-1'], { error: 'is not 1, 2, 3, 4 or -1' }),
    date: z
      .string()
      .refine(
        (v) => v === '' || (/^\d{4}-\d\d-\d\d$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`))),
        'is not a date like 2027-03-14',
      ),
    opens_at: time,
    closes_at: time,
    languages: z.string().max(200),
    taxonomy: z.string().max(1000),
    status: z.enum(['', 'published', 'draft'], { error: 'is not published or draft' }),
  })
  .superRefine((r, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (r.minimum_age !== null && r.maximum_age !== null && r.minimum_age > r.maximum_age)
      issue('maximum_age', 'is lower than minimum_age');
    if (r.cost === 'amount' && parsePounds(r.cost_amount) === undefined)
      issue('cost_amount', 'is not an amount of money like 3.50');
    if (r.postcode && !normalisePostcode(r.postcode)) issue('postcode', 'is not a UK postcode');
    const hasLocation = !!(r.postcode || r.address || r.location_name || r.latitude !== null);
    if (hasLocation && !r.postcode) issue('postcode', 'is empty, but the row has a location');
    if ((r.latitude === null) !== (r.longitude === null)) issue('longitude', 'must be given with latitude');
    if (r.frequency) {
      if (!r.opens_at || !r.closes_at) issue('opens_at', 'and closes_at are needed when there is a frequency');
      else if (r.opens_at >= r.closes_at) issue('closes_at', 'is not after opens_at');
      if (r.frequency === 'once' && !r.date) issue('date', 'is empty, but frequency is once');
      if (r.frequency !== 'once' && !daysOf(r.days)) issue('days', 'is not a list of days like TU;TH');
      if (r.frequency === 'monthly' && !r.week_of_month) issue('week_of_month', 'is empty, but frequency is monthly');
    }
    for (const code of listOf(r.languages)) {
      if (!(LANGUAGES as readonly string[]).includes(code))
        issue('languages', `has "${code}", which is not a language code Kith knows`);
    }
  });

function listOf(value: string): string[] {
  return value
    .split(/[;|]/)
    .map((v) => v.trim())
    .filter(Boolean);
}

function daysOf(value: string): string[] | undefined {
  const days = listOf(value).map(weekdayFromName);
  return days.length && days.every(Boolean) ? [...new Set(days as Weekday[])] : undefined;
}

/**
 * Checks a whole file: broken structure or a header without the required columns
 * rejects it outright; otherwise each row is accepted or rejected with its line and why.
 */
export function planCsvImport(text: string, today: string): CsvImportPlan {
  let records;
  try {
    records = parseCsv(text);
  } catch (error) {
    if (error instanceof CsvFormatError) return { ok: false, line: error.line, reason: error.reason };
    throw error;
  }
  const header = records.shift();
  if (!header) return { ok: false, line: 1, reason: 'the file is empty' };
  const names = header.fields.map((f) => f.trim().toLowerCase());
  const duplicate = names.find((n, i) => n && names.indexOf(n) !== i);
  if (duplicate) return { ok: false, line: 1, reason: `the column "${duplicate}" appears twice` };
  const missing = REQUIRED.filter((c) => !names.includes(c));
  if (missing.length)
    return {
      ok: false,
      line: 1,
      reason: `the header has no ${missing.join(', ')} column${missing.length > 1 ? 's' : ''}`,
    };
  const unknown = names.filter((n) => n && !(DIRECTORY_COLUMNS as readonly string[]).includes(n));
  if (unknown.length)
    return { ok: false, line: 1, reason: `unknown column${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}` };

  const rows: ImportRow[] = [];
  const rejected: RowRejection[] = [];
  const seen = new Map<string, number>();
  for (const record of records) {
    if (record.fields.length !== names.length) {
      rejected.push({
        line: record.line,
        reason: `has ${record.fields.length} fields but the header has ${names.length}`,
      });
      continue;
    }
    const raw: Record<string, string> = Object.fromEntries(DIRECTORY_COLUMNS.map((c) => [c, '']));
    names.forEach((n, i) => {
      if (n) raw[n] = uncsvField(record.fields[i]!.trim());
    });
    const parsed = Row.safeParse(raw);
    if (!parsed.success) {
      rejected.push({
        line: record.line,
        reason: parsed.error.issues.map((i) => `${String(i.path[0] ?? 'row')} ${i.message}`).join('; '),
      });
      continue;
    }
    const r = parsed.data;
    const earlier = seen.get(r.id);
    if (earlier !== undefined) {
      rejected.push({ line: record.line, reason: `id "${r.id}" was already used on line ${earlier}` });
      continue;
    }
    seen.set(r.id, record.line);
    rows.push(rowToImport(record.line, r, today));
  }
  return { ok: true, rows, rejected };
}

function rowToImport(line: number, r: z.output<typeof Row>, today: string): ImportRow {
  const days = r.frequency && r.frequency !== 'once' ? daysOf(r.days)! : [];
  const byday = r.frequency === 'monthly' ? days.map((d) => `${r.week_of_month}${d}`).join(',') : days.join(',');
  const postcode = r.postcode ? normalisePostcode(r.postcode)! : null;
  const listing: ListingInput = {
    name: r.name,
    description: r.description,
    howToJoin: r.how_to_join,
    whoFor: r.who_for,
    url: r.url,
    email: r.email,
    phone: r.phone,
    status: 'active',
    alert: null,
    minimumAge: r.minimum_age,
    maximumAge: r.maximum_age,
    costs: r.cost
      ? [
          {
            kind: r.cost,
            amountPence: r.cost === 'amount' ? parsePounds(r.cost_amount)! : null,
            option: null,
            amountDescription: r.cost_description,
          },
        ]
      : [],
    schedules: r.frequency
      ? [
          {
            freq: r.frequency === 'once' ? null : r.frequency === 'monthly' ? 'MONTHLY' : 'WEEKLY',
            interval: r.frequency === 'fortnightly' ? 2 : 1,
            byday: r.frequency === 'once' ? null : byday && isValidByday(byday) ? byday : null,
            bymonthday: null,
            dtstart: r.frequency === 'once' ? r.date : today,
            validFrom: r.frequency === 'once' ? r.date : null,
            validTo: r.frequency === 'once' ? r.date : null,
            opensAt: r.opens_at,
            closesAt: r.closes_at,
            notes: null,
          },
        ]
      : [],
    locations: postcode
      ? [
          {
            name: r.location_name || r.organisation,
            address1: r.address,
            city: r.town,
            region: '',
            postcode,
            latitude: r.latitude,
            longitude: r.longitude,
            accessibility: r.accessibility,
            externalId: `${(r.location_name || r.organisation).toLowerCase()}|${postcode}`,
          },
        ]
      : [],
    languages: listOf(r.languages),
    termIds: [],
    contacts: [],
  };
  return {
    line,
    externalId: r.id,
    organisation: {
      name: r.organisation,
      description: r.organisation_description ?? r.organisation,
      kind: r.organisation_kind,
      website: r.organisation_website,
      email: r.organisation_email,
    },
    listing,
    termCodes: listOf(r.taxonomy),
    published: r.status !== 'draft',
  };
}
