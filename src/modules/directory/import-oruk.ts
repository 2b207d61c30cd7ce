/**
 * Reading another directory's Open Referral UK feed: the current profile (HSDS 3.0:
 * schedules, attributes, paging with `contents`) and the legacy one (HSDS-UK 1.0:
 * regular_schedules, service_taxonomys, eligibilitys, paging with `content`). Each
 * service becomes an import row, or a rejection saying why.
 */
import { z } from 'zod';
import { normalisePostcode } from '../../platform/postcodes.js';
import type { ImportRow, RowRejection } from './import-csv.js';
import { LANGUAGES, type CostOptionInput, type ListingInput, type LocationInput } from './inputs.js';
import { isValidByday } from './schedules.js';
import type { ServiceStatus } from './schema.js';

const str = z.union([z.string(), z.number()]).transform(String).nullish();
const num = z
  .union([
    z.number(),
    z
      .string()
      .regex(/^-?\d+(\.\d+)?$/)
      .transform(Number),
  ])
  .nullish();
const arr = <T extends z.ZodType>(item: T) =>
  z
    .array(item)
    .nullish()
    .transform((v) => v ?? []);

const Address = z.looseObject({ address_1: str, city: str, state_province: str, region: str, postal_code: str });
const Location = z.looseObject({
  id: str,
  name: str,
  description: str,
  latitude: num,
  longitude: num,
  addresses: arr(Address),
  physical_addresses: arr(Address),
  accessibility: z.union([arr(z.looseObject({ description: str, details: str })), z.string()]).nullish(),
  accessibility_for_disabilities: arr(z.looseObject({ accessibility: str, details: str })),
});
const Schedule = z.looseObject({
  freq: str,
  interval: num,
  byday: str,
  bymonthday: str,
  dtstart: str,
  valid_from: str,
  valid_to: str,
  opens_at: str,
  closes_at: str,
  notes: str,
  description: str,
});
const Term = z.looseObject({ id: str, term: str, name: str, code: str, vocabulary: str });
export const OrukService = z.looseObject({
  id: z.union([z.string().min(1), z.number()]).transform(String),
  name: z.string().trim().min(1),
  description: str,
  url: str,
  email: str,
  status: str,
  minimum_age: num,
  maximum_age: num,
  assured_date: str,
  alert: str,
  organization: z.looseObject({ id: str, name: str, description: str, website: str, url: str, email: str }).nullish(),
  schedules: arr(Schedule),
  regular_schedules: arr(Schedule),
  service_at_locations: arr(z.looseObject({ id: str, location: Location.nullish() })),
  cost_options: arr(z.looseObject({ option: str, amount: num, amount_description: str })),
  contacts: arr(z.looseObject({ name: str, title: str, email: str, phones: arr(z.looseObject({ number: str })) })),
  languages: arr(z.union([z.looseObject({ code: str, name: str, language: str }), z.string()])),
  attributes: arr(z.looseObject({ taxonomy_term: Term.nullish() })),
  service_taxonomys: arr(z.looseObject({ taxonomy: Term.nullish() })),
  eligibilitys: arr(z.looseObject({ minimum_age: num, maximum_age: num })),
});
export type OrukService = z.output<typeof OrukService>;

/** A page of a feed in either version, as a list of services and how many pages there are. */
export function servicesOfPage(json: unknown): { services: unknown[]; totalPages: number } | undefined {
  if (Array.isArray(json)) return { services: json, totalPages: 1 };
  if (!json || typeof json !== 'object') return undefined;
  const page = json as Record<string, unknown>;
  if (Array.isArray(page.contents)) return { services: page.contents, totalPages: Number(page.total_pages ?? 1) || 1 };
  if (Array.isArray(page.content)) return { services: page.content, totalPages: Number(page.totalPages ?? 1) || 1 };
  if (typeof page.id === 'string' && typeof page.name === 'string') return { services: [page], totalPages: 1 };
  return undefined;
}

const hhmm = (v: string | null | undefined) => {
  const match = /^(\d{1,2}):(\d\d)/.exec(v ?? '');
  if (!match || Number(match[1]) > 23) return undefined;
  return `${match[1]!.padStart(2, '0')}:${match[2]}`;
};
const date = (v: string | null | undefined) => (v && /^\d{4}-\d\d-\d\d/.test(v) ? v.slice(0, 10) : null);
const clean = (v: string | null | undefined, max = 4000) => (v ?? '').trim().slice(0, max);
const STATUSES: ServiceStatus[] = ['active', 'inactive', 'defunct', 'temporarily closed'];

/** One service as an import row; throws a plain reason when it cannot be imported. */
export function rowFromService(raw: unknown, index: number, today: string): ImportRow {
  const parsed = OrukService.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(
      `${issue.path.join('.') || 'service'}: ${issue.code === 'invalid_type' ? 'missing or the wrong type' : issue.message}`,
    );
  }
  const s = parsed.data;
  const schedules: ListingInput['schedules'] = [];
  for (const [i, x] of [...s.schedules, ...s.regular_schedules].entries()) {
    const opensAt = hhmm(x.opens_at);
    const closesAt = hhmm(x.closes_at);
    if (!opensAt || !closesAt) continue;
    const freq = x.freq ? x.freq.toUpperCase() : null;
    if (freq !== null && freq !== 'WEEKLY' && freq !== 'MONTHLY')
      throw new Error(`schedule ${i + 1}: freq "${x.freq}" is not WEEKLY or MONTHLY`);
    const byday = x.byday ? x.byday.replace(/\s+/g, '').toUpperCase() : null;
    if (byday && !isValidByday(byday))
      throw new Error(`schedule ${i + 1}: byday "${x.byday}" is not a list of days like TU,TH`);
    const bymonthday =
      x.bymonthday && /^-?\d{1,2}(,-?\d{1,2})*$/.test(x.bymonthday.replace(/\s+/g, ''))
        ? x.bymonthday.replace(/\s+/g, '')
        : null;
    const dtstart = date(x.dtstart) ?? date(x.valid_from);
    if (freq === null && !dtstart) continue;
    if (freq !== null && !byday && !bymonthday && !dtstart) continue;
    schedules.push({
      freq: freq as 'WEEKLY' | 'MONTHLY' | null,
      interval: Math.max(1, Math.min(52, Math.round(Number(x.interval ?? 1)) || 1)),
      byday,
      bymonthday,
      dtstart: freq === null ? dtstart : (dtstart ?? today),
      validFrom: date(x.valid_from),
      validTo: date(x.valid_to),
      opensAt,
      closesAt,
      notes: clean(x.notes ?? x.description, 500) || null,
    });
  }
  const locations: LocationInput[] = [];
  for (const sal of s.service_at_locations) {
    const l = sal.location;
    if (!l) continue;
    const address = l.addresses[0] ?? l.physical_addresses[0];
    const postcode = normalisePostcode(address?.postal_code ?? '');
    const hasPoint =
      typeof l.latitude === 'number' &&
      typeof l.longitude === 'number' &&
      Math.abs(l.latitude) <= 90 &&
      Math.abs(l.longitude) <= 180;
    if (!postcode && !hasPoint) continue;
    const accessibility =
      typeof l.accessibility === 'string'
        ? l.accessibility
        : [
            ...(l.accessibility ?? []).map((a) => a.description ?? a.details ?? ''),
            ...l.accessibility_for_disabilities.map((a) => a.accessibility ?? ''),
          ]
            .filter(Boolean)
            .join('. ');
    locations.push({
      name: clean(l.name, 200) || clean(address?.address_1, 200) || s.name,
      address1: clean(address?.address_1, 200),
      city: clean(address?.city, 100),
      region: clean(address?.state_province ?? address?.region, 100),
      postcode: postcode ?? '',
      latitude: hasPoint ? Number(l.latitude) : null,
      longitude: hasPoint ? Number(l.longitude) : null,
      accessibility: clean(accessibility, 2000),
      externalId: l.id ?? sal.id ?? `${s.id}#${locations.length}`,
    });
  }
  const costs: CostOptionInput[] = s.cost_options.map((c, i) => {
    const pence =
      typeof c.amount === 'number' && Number.isFinite(c.amount) && c.amount >= 0 ? Math.round(c.amount * 100) : null;
    if (pence !== null && pence > 10_000_000)
      throw new Error(`cost option ${i + 1}: amount ${c.amount} is not a price from 0 to 100000`);
    return {
      kind: pence === 0 ? 'free' : pence === null ? 'pay_what_you_can' : 'amount',
      amountPence: pence,
      option: clean(c.option, 200) || null,
      amountDescription: clean(c.amount_description, 200) || null,
    };
  });
  const eligibility = s.eligibilitys[0];
  const minimumAge = s.minimum_age ?? eligibility?.minimum_age ?? null;
  const maximumAge = s.maximum_age ?? eligibility?.maximum_age ?? null;
  const ageOk = (a: number | null) => a === null || (Number.isInteger(a) && a >= 0 && a <= 120);
  if (!ageOk(minimumAge) || !ageOk(maximumAge))
    throw new Error('minimum_age or maximum_age is not an age from 0 to 120');
  const languages = s.languages
    .map((l) => (typeof l === 'string' ? l : (l.code ?? l.language ?? l.name ?? '')).trim().toLowerCase())
    .map((l) => ({ english: 'en', welsh: 'cy', cymraeg: 'cy', polish: 'pl', urdu: 'ur' })[l] ?? l.slice(0, 3))
    .filter((l) => (LANGUAGES as readonly string[]).includes(l));
  const terms = [...s.attributes.map((a) => a.taxonomy_term), ...s.service_taxonomys.map((t) => t.taxonomy)].filter(
    (t) => !!t,
  );
  const url = s.url && /^https?:\/\/\S+$/i.test(s.url) ? s.url : null;
  const email = s.email && z.email().safeParse(s.email).success ? s.email.toLowerCase() : null;
  const organisation = s.organization;
  return {
    line: index + 1,
    externalId: s.id,
    organisationExternalId: organisation?.id ?? `${s.id}#organisation`,
    organisation: {
      name: clean(organisation?.name, 200) || s.name,
      description: clean(organisation?.description) || clean(organisation?.name, 200) || s.name,
      kind: 'other',
      website:
        organisation?.website && /^https?:\/\//.test(organisation.website)
          ? organisation.website
          : organisation?.url && /^https?:\/\//.test(organisation.url)
            ? organisation.url
            : null,
      email:
        organisation?.email && z.email().safeParse(organisation.email).success
          ? organisation.email.toLowerCase()
          : null,
    },
    listing: {
      name: clean(s.name, 200),
      description: clean(s.description) || s.name,
      howToJoin: '',
      whoFor: '',
      url,
      email,
      phone: clean(s.contacts[0]?.phones[0]?.number, 40) || null,
      status: STATUSES.includes(s.status as ServiceStatus) ? (s.status as ServiceStatus) : 'active',
      alert: clean(s.alert, 1000) || null,
      minimumAge,
      maximumAge,
      costs,
      schedules,
      locations,
      languages: [...new Set(languages)],
      termIds: [],
      contacts: s.contacts
        .filter((c) => c.name)
        .map((c) => ({
          name: clean(c.name, 120),
          title: clean(c.title, 120) || null,
          email: c.email && z.email().safeParse(c.email).success ? c.email : null,
          phone: clean(c.phones[0]?.number, 40) || null,
        })),
    },
    termCodes: [],
    termNames: terms.flatMap((t) => [t.code, t.term, t.name].filter((v): v is string => !!v)),
    published: true,
    assuredDate: date(s.assured_date),
  };
}

/** Every service in a feed document (or a page of one), as rows and rejections. */
export function planOrukServices(
  services: unknown[],
  today: string,
  offset = 0,
): { rows: ImportRow[]; rejected: RowRejection[] } {
  const rows: ImportRow[] = [];
  const rejected: RowRejection[] = [];
  const seen = new Set<string>();
  services.forEach((service, i) => {
    try {
      const row = rowFromService(service, offset + i, today);
      if (seen.has(row.externalId)) throw new Error(`id "${row.externalId}" appears twice in the feed`);
      seen.add(row.externalId);
      rows.push(row);
    } catch (error) {
      rejected.push({ line: offset + i + 1, reason: (error as Error).message });
    }
  });
  return { rows, rejected };
}
