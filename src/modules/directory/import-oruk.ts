/**
 * Reading another directory's Open Referral UK feed: the current profile (HSDS 3.0:
 * schedules, attributes, paging with `contents`) and the legacy one (HSDS-UK 1.0:
 * regular_schedules with `weekday`, service_taxonomys, eligibilitys, paging with
 * `content`). Each service becomes an import row with notes of everything it leaves off
 * or holds differently, and why; only a service with no id or name, or one whose id is
 * used twice, is rejected.
 */
import { z } from 'zod';
import { isIsoDate, placeParts, todayInPlace, weekdayFromName, WEEKDAYS } from '../../platform/dates.js';
import { normalisePostcode } from '../../platform/postcodes.js';
import type { ImportNote, ImportRow, RowRejection } from './import-csv.js';
import { LANGUAGES, type CostOptionInput, type ListingInput, type LocationInput } from './inputs.js';
import { isValidByday } from './schedules.js';
import type { ServiceStatus } from './schema.js';

const str = z.union([z.string(), z.number()]).transform(String).nullish().catch(null);
const num = z
  .union([
    z.number(),
    z
      .string()
      .regex(/^-?\d+(\.\d+)?$/)
      .transform(Number),
  ])
  .nullish()
  .catch(null);
const arr = <T extends z.ZodType>(item: T) =>
  z
    .array(z.unknown())
    .nullish()
    .catch(null)
    .transform((v) =>
      (v ?? []).flatMap((x) => {
        const parsed = item.safeParse(x);
        return parsed.success ? [parsed.data as z.output<T>] : [];
      }),
    );

const Phone = z.looseObject({ number: str, extension: str });
const Address = z.looseObject({
  address_1: str,
  address_2: str,
  city: str,
  state_province: str,
  region: str,
  postal_code: str,
  address_type: str,
  country: str,
});
const Location = z.looseObject({
  id: str,
  location_type: str,
  name: str,
  url: str,
  description: str,
  latitude: num,
  longitude: num,
  addresses: arr(Address),
  physical_addresses: arr(Address),
  accessibility: z.union([arr(z.looseObject({ description: str, details: str })), z.string()]).nullish(),
  accessibility_for_disabilities: arr(z.looseObject({ accessibility: str, details: str })),
});
const Schedule = z.looseObject({
  id: str,
  freq: str,
  interval: num,
  byday: str,
  bymonthday: str,
  weekday: str,
  dtstart: str,
  until: str,
  count: num,
  byweekno: str,
  byyearday: str,
  timezone: str,
  valid_from: str,
  valid_to: str,
  opens_at: str,
  closes_at: str,
  notes: str,
  description: str,
  attending_type: str,
});
const Term = z.looseObject({ id: str, term: str, name: str, code: str, vocabulary: str, taxonomy: str });
export const OrukService = z.looseObject({
  id: z.union([z.string().trim().min(1), z.number()]).transform(String),
  name: z.string().trim().min(1),
  description: str,
  url: str,
  email: str,
  status: str,
  minimum_age: num,
  maximum_age: num,
  assured_date: str,
  alert: str,
  application_process: str,
  eligibility_description: str,
  organization_id: str,
  organization: z
    .looseObject({
      id: str,
      name: str,
      description: str,
      website: str,
      url: str,
      email: str,
      phones: arr(Phone),
      organization_identifiers: arr(z.looseObject({ identifier_scheme: str, identifier: str })),
    })
    .nullish()
    .catch(null),
  phones: arr(Phone),
  schedules: arr(Schedule),
  regular_schedules: arr(Schedule),
  service_at_locations: arr(
    z.looseObject({ id: str, location: Location.nullish().catch(null), schedules: arr(Schedule) }),
  ),
  cost_options: arr(z.looseObject({ option: str, amount: num, amount_description: str, currency: str })),
  contacts: arr(z.looseObject({ name: str, title: str, email: str, phones: arr(Phone) })),
  languages: arr(z.union([z.looseObject({ code: str, name: str, language: str }), z.string()])),
  attributes: arr(z.looseObject({ taxonomy_term: Term.nullish().catch(null) })),
  service_taxonomys: arr(z.looseObject({ taxonomy: Term.nullish().catch(null) })),
  eligibilitys: arr(z.looseObject({ eligibility: str, minimum_age: num, maximum_age: num })),
});
export type OrukService = z.output<typeof OrukService>;

/** What a service document holds that the importer reads (or that says nothing about the service itself). */
/** Ids and bookkeeping: what says nothing about the service itself. */
const ALWAYS_READ = new Set(['id', 'last_modified', 'metadata', 'service_id', 'location_id', 'organization_id']);
const ORGANISATION_READ = new Set([
  'name',
  'description',
  'website',
  'url',
  'email',
  'phones',
  'organization_identifiers',
]);
/** Registers of charities (England and Wales, Scotland, Northern Ireland) and of companies, by org-id.guide scheme. */
const CHARITY_SCHEMES = new Set(['GB-CHC', 'GB-SC', 'GB-NIC']);
const COMPANY_SCHEMES = new Set(['GB-COH']);
const LOCATION_READ = new Set([
  'location_type',
  'name',
  'latitude',
  'longitude',
  'addresses',
  'physical_addresses',
  'accessibility',
  'accessibility_for_disabilities',
]);
const ADDRESS_READ = new Set([...Object.keys(Address.shape), 'country']);
const SCHEDULE_READ = new Set(Object.keys(Schedule.shape));
const READ = new Set([
  ...Object.keys(OrukService.shape),
  'last_modified',
  'metadata',
  'service_areas_count',
  'total_items',
]);

/**
 * A page of a feed in either version, as a list of services and how many pages there
 * are. A service-at-location document (or a page of them) counts as its service at that
 * location.
 */
export function servicesOfPage(json: unknown): { services: unknown[]; totalPages: number } | undefined {
  if (Array.isArray(json)) return { services: json.map(serviceOf), totalPages: 1 };
  if (!json || typeof json !== 'object') return undefined;
  const page = json as Record<string, unknown>;
  if (Array.isArray(page.contents))
    return { services: page.contents.map(serviceOf), totalPages: Number(page.total_pages ?? 1) || 1 };
  if (Array.isArray(page.content))
    return { services: page.content.map(serviceOf), totalPages: Number(page.totalPages ?? 1) || 1 };
  if (page.service && typeof page.service === 'object') return { services: [serviceOf(page)], totalPages: 1 };
  if ((typeof page.id === 'string' || typeof page.id === 'number') && typeof page.name === 'string')
    return { services: [page], totalPages: 1 };
  return undefined;
}

/** A service-at-location (a service and a location side by side) as the service, holding the location. */
function serviceOf(item: unknown): unknown {
  if (!item || typeof item !== 'object') return item;
  const sal = item as Record<string, unknown>;
  if (!sal.service || typeof sal.service !== 'object' || 'name' in sal) return item;
  const service = sal.service as Record<string, unknown>;
  if (Array.isArray(service.service_at_locations) && service.service_at_locations.length) return service;
  return {
    ...service,
    service_at_locations: sal.location ? [{ id: sal.id, location: sal.location, schedules: sal.schedules }] : [],
  };
}

const date = (v: string | null | undefined) => {
  const d = v?.slice(0, 10);
  return d && isIsoDate(d) ? d : null;
};
const clean = (v: string | null | undefined) => (v ?? '').trim();
const quote = (v: unknown) => `“${String(v).length > 60 ? `${String(v).slice(0, 57)}…` : String(v)}”`;
const STATUSES: ServiceStatus[] = ['active', 'inactive', 'defunct', 'temporarily closed'];
/** Open Referral UK's weekday is free text: a day's name, or 1–7 from Monday. */
const weekdayOf = (text: string) => weekdayFromName(text) ?? WEEKDAYS[Number(text) - 1];
const FREQ_WORDS: Record<string, string> = { WEEK: 'WEEKLY', MONTH: 'MONTHLY', DAY: 'DAILY', YEAR: 'YEARLY' };
const PHONE = /^[+()\d][\d\s()+-]{5,}$/;

/** A record's notes, and text kept to a length with a note when cut. */
class Notes {
  readonly list: ImportNote[] = [];
  leftOff(text: string) {
    this.list.push({ kind: 'left off', text });
  }
  changed(text: string) {
    this.list.push({ kind: 'changed', text });
  }
  /** The fields of an object the importer did not read, named in one note. */
  unread(label: string, raw: unknown, read: ReadonlySet<string>) {
    if (!raw || typeof raw !== 'object') return;
    const unread = Object.entries(raw as Record<string, unknown>)
      .filter(
        ([k, v]) =>
          !read.has(k) &&
          !ALWAYS_READ.has(k) &&
          v !== null &&
          v !== undefined &&
          v !== '' &&
          !(Array.isArray(v) && !v.length),
      )
      .map(([k]) => k)
      .sort();
    if (unread.length)
      this.leftOff(
        `${label ? `${label}: ` : ''}${unread.join(', ')}: Kith has no place for ${unread.length === 1 ? 'it' : 'them'}`,
      );
  }
  text(field: string, value: string | null | undefined, max: number): string {
    const v = clean(value);
    if (v.length <= max) return v;
    this.changed(`${field} was cut to ${max} characters (it had ${v.length})`);
    return v.slice(0, max);
  }
}

/**
 * A time of day as the place's wall clock shows it. A time with a zone (`09:00Z`,
 * `09:00+01:00`) is the instant it names on the schedule's first date (or today),
 * shown on the place's clock: 09:00Z is 10:00 in a British summer, 09:00 in winter.
 */
export function wallClockTime(
  value: string | null | undefined,
  on: string,
): { time: string; date: string; zoned: boolean } | undefined {
  const m = /^\s*(\d{1,2}):(\d\d)(?::(\d\d)(?:\.\d+)?)?\s*(Z|[+-]\d\d(?::?\d\d)?)?\s*$/i.exec(value ?? '');
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) return undefined;
  const hh = m[1]!.padStart(2, '0');
  if (!m[4]) return { time: `${hh}:${m[2]}`, date: on, zoned: false };
  const zone = m[4].toUpperCase();
  let offsetMinutes = 0;
  if (zone !== 'Z') {
    const z2 = /^([+-])(\d\d):?(\d\d)?$/.exec(zone)!;
    offsetMinutes = (z2[1] === '-' ? -1 : 1) * (Number(z2[2]) * 60 + Number(z2[3] ?? 0));
  }
  const [y, mo, d] = on.split('-').map(Number) as [number, number, number];
  const instant = Date.UTC(y, mo - 1, d, Number(hh), Number(m[2])) - offsetMinutes * 60_000;
  const wall = placeParts(new Date(instant));
  return { time: wall.time, date: wall.date, zoned: true };
}

type Rule = ListingInput['schedules'][number];

/** One ORUK schedule as Kith's rule, or undefined (with a note saying why) when Kith cannot hold it. */
function ruleOf(x: z.output<typeof Schedule>, label: string, today: string, notes: Notes): Rule | undefined {
  const dtstart = date(x.dtstart) ?? date(x.valid_from);
  // A one-off session's times are read on its date; a repeating one's on its first date, or today once that has passed.
  const once = !clean(x.freq) && !clean(x.weekday);
  const on = dtstart && (once || dtstart > today) ? dtstart : today;
  const opens = wallClockTime(x.opens_at, on);
  const closes = wallClockTime(x.closes_at, on);
  const about = clean(x.description ?? x.notes);
  const what = about ? ` (${quote(about)})` : '';
  notes.unread(label, x, SCHEDULE_READ);
  if (x.attending_type && !/^in[ -]?person$/i.test(x.attending_type.trim()))
    notes.leftOff(`${label}: attending_type ${quote(x.attending_type)}; Kith lists sessions people go to in person`);
  if (!opens || !closes) {
    const missing = [
      !opens && `opens_at ${x.opens_at ? quote(x.opens_at) : 'missing'}`,
      !closes && `closes_at ${x.closes_at ? quote(x.closes_at) : 'missing'}`,
    ]
      .filter(Boolean)
      .join(', ');
    notes.leftOff(`${label}${what}: ${missing}; Kith shows a session only with the times it opens and closes`);
    return undefined;
  }
  for (const [field, t, raw] of [
    ['opens_at', opens, x.opens_at],
    ['closes_at', closes, x.closes_at],
  ] as const) {
    if (!t.zoned) continue;
    if (t.date !== on) {
      notes.leftOff(
        `${label}: ${field} ${quote(raw)} falls on another day on the place's clock (${t.date} ${t.time}), which Kith cannot hold`,
      );
      return undefined;
    }
    if (t.time !== raw!.slice(0, 5))
      notes.changed(
        `${label}: ${field} ${quote(raw)} is ${t.time} on the place's clock (Europe/London, on ${on}); Kith keeps wall-clock times`,
      );
  }
  const rawFreq = clean(x.freq).toUpperCase();
  let freq: string | null = rawFreq ? (FREQ_WORDS[rawFreq] ?? rawFreq) : null;
  if (freq && freq !== clean(x.freq).toUpperCase()) notes.changed(`${label}: freq ${quote(x.freq)} read as ${freq}`);
  let byday = x.byday ? x.byday.replace(/\s+/g, '').toUpperCase() : null;
  if (x.weekday && !byday) {
    const day = weekdayOf(clean(x.weekday));
    if (!day) {
      notes.leftOff(`${label}: weekday ${quote(x.weekday)} is not a day of the week`);
      return undefined;
    }
    byday = day;
    freq ??= 'WEEKLY';
  }
  if (byday && !isValidByday(byday)) {
    notes.leftOff(`${label}: byday ${quote(x.byday)} is not a list of days like TU,TH`);
    return undefined;
  }
  let interval = Math.round(Number(x.interval ?? 1)) || 1;
  if (freq === 'DAILY') {
    if (interval > 1) {
      notes.leftOff(`${label}: every ${interval} days; Kith holds weekly, monthly and one-off sessions`);
      return undefined;
    }
    const days = byday ?? 'MO,TU,WE,TH,FR,SA,SU';
    notes.changed(`${label}: freq DAILY kept as weekly on ${days}`);
    freq = 'WEEKLY';
    byday = days.replace(/[+-]?\d/g, '');
  }
  if (freq !== null && freq !== 'WEEKLY' && freq !== 'MONTHLY') {
    notes.leftOff(`${label}${what}: freq ${quote(x.freq)}; Kith holds weekly, monthly and one-off sessions`);
    return undefined;
  }
  if (interval < 1 || interval > 52) {
    notes.changed(`${label}: interval ${interval} kept as ${Math.max(1, Math.min(52, interval))}`);
    interval = Math.max(1, Math.min(52, interval));
  }
  let bymonthday =
    x.bymonthday && /^-?\d{1,2}(,-?\d{1,2})*$/.test(x.bymonthday.replace(/\s+/g, ''))
      ? x.bymonthday.replace(/\s+/g, '')
      : null;
  if (x.bymonthday && !bymonthday)
    notes.leftOff(`${label}: bymonthday ${quote(x.bymonthday)} is not a list of days of the month`);
  if (bymonthday && freq !== 'MONTHLY') {
    notes.leftOff(`${label}: bymonthday ${bymonthday}, which only a monthly schedule uses`);
    bymonthday = null;
  }
  if (bymonthday && byday) {
    notes.leftOff(`${label}: byday ${byday} beside bymonthday ${bymonthday}; Kith keeps the days of the month`);
    byday = null;
  }
  if (freq === null && !dtstart) {
    notes.leftOff(`${label}${what}: neither a frequency nor a date`);
    return undefined;
  }
  if (freq !== null && !byday && !bymonthday && !dtstart) {
    notes.leftOff(`${label}${what}: ${freq} with no day (byday, bymonthday or dtstart)`);
    return undefined;
  }
  let validTo = date(x.valid_to);
  const until = date(x.until);
  if (until && !validTo) validTo = until;
  else if (x.until && !until) notes.leftOff(`${label}: until ${quote(x.until)} is not a date`);
  if (x.count) notes.leftOff(`${label}: count ${x.count}; Kith does not end a schedule after a number of sessions`);
  if (x.byweekno) notes.leftOff(`${label}: byweekno ${x.byweekno}; Kith does not hold weeks of the year`);
  if (x.byyearday) notes.leftOff(`${label}: byyearday ${x.byyearday}; Kith does not hold days of the year`);
  if (x.timezone)
    notes.leftOff(`${label}: timezone ${x.timezone}; times are read on the place's clock (Europe/London)`);
  const text = [clean(x.description), clean(x.notes)].filter(Boolean).join(' ');
  return {
    freq: freq as 'WEEKLY' | 'MONTHLY' | null,
    interval,
    byday,
    bymonthday,
    dtstart: freq === null ? dtstart : (dtstart ?? today),
    validFrom: date(x.valid_from),
    validTo,
    opensAt: opens.time,
    closesAt: closes.time,
    notes: notes.text(`${label} notes`, text, 500) || null,
  };
}

/** The first place a location is on the map: a point in the British Isles, else a UK postcode. */
const inTheUk = (lat: number | null | undefined, lng: number | null | undefined) =>
  typeof lat === 'number' && typeof lng === 'number' && lat >= 49 && lat <= 61.5 && lng >= -11 && lng <= 2.5;

function locationOf(
  sal: OrukService['service_at_locations'][number],
  index: number,
  serviceId: string,
  serviceName: string,
  notes: Notes,
): LocationInput | undefined {
  const l = sal.location;
  if (!l) return undefined;
  const label = `location ${quote(clean(l.name) || l.id || index + 1)}`;
  const addresses = [...l.addresses, ...l.physical_addresses];
  const address = addresses.find((a) => a.address_type === 'physical') ?? addresses[0];
  if (clean(l.location_type).toLowerCase() === 'virtual') {
    notes.leftOff(
      `${label} is online${l.url ? ` (${l.url})` : ''}; Kith lists places people go to, so say how to join online in the description`,
    );
    return undefined;
  }
  const postcode = normalisePostcode(address?.postal_code ?? '');
  const hasPoint = inTheUk(l.latitude, l.longitude);
  if (!postcode && !hasPoint) {
    const why = [
      address?.postal_code ? `${quote(address.postal_code)} is not a UK postcode` : 'it has no postcode',
      typeof l.latitude === 'number' && typeof l.longitude === 'number'
        ? `${l.latitude}, ${l.longitude} is not a point in the UK`
        : 'no latitude and longitude',
    ].join(' and ');
    notes.leftOff(`${label}: ${why}, so it cannot be put on the map`);
    return undefined;
  }
  if (address?.postal_code && !postcode)
    notes.leftOff(`${label}: postcode ${quote(address.postal_code)} is not a UK postcode`);
  else if (postcode && address?.postal_code?.trim() !== postcode)
    notes.changed(`${label}: postcode ${quote(address?.postal_code)} written ${postcode}`);
  if (!hasPoint && typeof l.latitude === 'number' && typeof l.longitude === 'number')
    notes.changed(`${label}: ${l.latitude}, ${l.longitude} is not a point in the UK; placed by its postcode instead`);
  notes.unread(label, l, LOCATION_READ);
  if (addresses.length > 1)
    notes.leftOff(
      `${label}: ${addresses.length - 1} more ${addresses.length === 2 ? 'address' : 'addresses'}; Kith keeps one`,
    );
  if (address) notes.unread(`${label} address`, address, ADDRESS_READ);
  if (address?.country && !/^(GB|UK|GBR|United Kingdom)$/i.test(address.country.trim()))
    notes.changed(`${label}: country ${quote(address.country)} read as the UK (its postcode or point is in the UK)`);
  const accessibility =
    typeof l.accessibility === 'string'
      ? l.accessibility
      : [
          ...(l.accessibility ?? []).map((a) => [a.description, a.details].filter(Boolean).join(' ')),
          ...l.accessibility_for_disabilities.map((a) => [a.accessibility, a.details].filter(Boolean).join(' ')),
        ]
          .filter(Boolean)
          .join('. ');
  return {
    name: notes.text(`${label} name`, clean(l.name) || clean(address?.address_1) || serviceName, 200),
    address1: notes.text(
      `${label} address`,
      [address?.address_1, address?.address_2].map(clean).filter(Boolean).join(', '),
      200,
    ),
    city: notes.text(`${label} city`, address?.city, 100),
    region: notes.text(`${label} region`, address?.state_province ?? address?.region, 100),
    postcode: postcode ?? '',
    latitude: hasPoint ? Number(l.latitude) : null,
    longitude: hasPoint ? Number(l.longitude) : null,
    accessibility: notes.text(`${label} accessibility`, accessibility, 2000),
    externalId: l.id ?? sal.id ?? `${serviceId}#${index}`,
  };
}

/** A phone number as Kith holds it (digits, spaces, brackets, + and -), or undefined. */
function phoneOf(raw: z.output<typeof Phone> | undefined, field: string, notes: Notes): string | null {
  if (!raw?.number) return null;
  const kept = raw.number
    .replace(/[^\d\s()+-]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (!PHONE.test(kept) || kept.length > 40) {
    notes.leftOff(`${field} ${quote(raw.number)} is not a phone number`);
    return null;
  }
  if (kept !== raw.number.trim()) notes.changed(`${field} ${quote(raw.number)} written ${kept}`);
  if (raw.extension) notes.leftOff(`${field} extension ${raw.extension}; Kith holds a number without one`);
  return kept;
}

/** One service as an import row with its notes; throws a plain reason when it cannot be imported at all. */
export function rowFromService(raw: unknown, index: number, today: string = todayInPlace()): ImportRow {
  const parsed = OrukService.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(
      `${issue.path.join('.') || 'service'}: ${issue.code === 'invalid_type' ? 'missing or the wrong type' : issue.message}`,
    );
  }
  const s = parsed.data;
  const notes = new Notes();

  const schedules: Rule[] = [];
  const seenSchedules = new Set<string>();
  const allSchedules = [
    ...s.schedules.map((x, i) => ({ x, label: `schedule ${i + 1}` })),
    ...s.regular_schedules.map((x, i) => ({ x, label: `regular_schedule ${i + 1}` })),
    ...s.service_at_locations.flatMap((sal, l) =>
      sal.schedules.map((x, i) => ({
        x,
        label: `schedule ${i + 1} at location ${quote(clean(sal.location?.name) || sal.id || l + 1)}`,
      })),
    ),
  ];
  allSchedules.forEach(({ x, label }) => {
    if (x.id && seenSchedules.has(x.id)) return;
    if (x.id) seenSchedules.add(x.id);
    const rule = ruleOf(x, label, today, notes);
    if (!rule) return;
    const key = JSON.stringify({ ...rule, notes: null });
    if (seenSchedules.has(key)) return;
    seenSchedules.add(key);
    schedules.push(rule);
  });

  const locations: LocationInput[] = [];
  s.service_at_locations.forEach((sal, i) => {
    const location = locationOf(sal, i, s.id, s.name, notes);
    if (location) locations.push(location);
  });

  const costs: CostOptionInput[] = [];
  s.cost_options.forEach((c, i) => {
    const label = `cost option ${i + 1}`;
    if (c.currency && c.currency.toUpperCase() !== 'GBP') {
      notes.leftOff(`${label}: ${c.amount ?? ''} ${c.currency} is not in pounds`);
      return;
    }
    let pence =
      typeof c.amount === 'number' && Number.isFinite(c.amount) && c.amount >= 0 ? Math.round(c.amount * 100) : null;
    if (pence !== null && pence > 10_000_000) {
      notes.leftOff(`${label}: amount ${c.amount} is not a price from 0 to 100000`);
      pence = null;
    }
    if (
      c.amount !== null &&
      c.amount !== undefined &&
      pence === null &&
      !(typeof c.amount === 'number' && c.amount > 100_000)
    )
      notes.leftOff(`${label}: amount ${quote(c.amount)} is not an amount of money`);
    costs.push({
      kind: pence === 0 ? 'free' : pence === null ? 'pay_what_you_can' : 'amount',
      amountPence: pence,
      option: notes.text(`${label} option`, c.option, 200) || null,
      amountDescription: notes.text(`${label} amount_description`, c.amount_description, 200) || null,
    });
  });

  const eligibility = s.eligibilitys[0];
  const age = (field: string, a: number | null | undefined) => {
    if (a === null || a === undefined) return null;
    if (Number.isInteger(a) && a >= 0 && a <= 120) return a;
    notes.leftOff(`${field} ${a} is not an age from 0 to 120`);
    return null;
  };
  let minimumAge = age('minimum_age', s.minimum_age ?? eligibility?.minimum_age);
  let maximumAge = age('maximum_age', s.maximum_age ?? eligibility?.maximum_age);
  if (minimumAge !== null && maximumAge !== null && minimumAge > maximumAge) {
    notes.leftOff(`ages ${minimumAge} to ${maximumAge}: the minimum is above the maximum`);
    minimumAge = maximumAge = null;
  }

  const languages: string[] = [];
  for (const l of s.languages) {
    const said = (typeof l === 'string' ? l : (l.code ?? l.language ?? l.name ?? '')).trim();
    const lower = said.toLowerCase();
    const code =
      (
        {
          english: 'en',
          welsh: 'cy',
          cymraeg: 'cy',
          polish: 'pl',
          urdu: 'ur',
          'british sign language': 'bsl',
        } as Record<string, string>
      )[lower] ?? lower;
    if ((LANGUAGES as readonly string[]).includes(code)) languages.push(code);
    else if ((LANGUAGES as readonly string[]).includes(code.slice(0, 2)) && /^[a-z]{2}[-_]/.test(code))
      languages.push(code.slice(0, 2));
    else notes.leftOff(said ? `language ${quote(said)}: not one Kith lists` : 'a language with no code or name');
  }

  const feedTerms = [
    ...s.attributes.map((a) => a.taxonomy_term),
    ...s.service_taxonomys.map((t) => t.taxonomy),
  ].flatMap((t) => {
    if (!t) return [];
    const keys = [t.code, t.term, t.name].filter((v): v is string => !!v);
    if (!keys.length) {
      notes.leftOff(`a taxonomy term with no code, term or name${t.id ? ` (id ${t.id})` : ''}`);
      return [];
    }
    const vocabulary = t.vocabulary ?? t.taxonomy;
    return [{ label: `${quote(t.term ?? t.name ?? t.code)}${vocabulary ? ` (${vocabulary})` : ''}`, keys }];
  });

  let url: string | null = null;
  if (s.url && /^https?:\/\/\S+$/i.test(s.url.trim()) && s.url.trim().length <= 500) url = s.url.trim();
  else if (s.url) notes.leftOff(`url ${quote(s.url)} is not a web address`);
  const emailOf = (field: string, v: string | null | undefined) => {
    if (!v) return null;
    if (z.email().safeParse(v.trim()).success && v.trim().length <= 254) return v.trim().toLowerCase();
    notes.leftOff(`${field} ${quote(v)} is not an email address`);
    return null;
  };
  const email = emailOf('email', s.email);

  const phoneSources = [...s.phones, ...s.contacts.flatMap((c) => c.phones)];
  const phone = phoneOf(phoneSources[0], 'phone', notes);
  const otherNumbers = new Set(
    s.phones
      .slice(1)
      .map((p) => p.number)
      .filter((n) => n && n !== phoneSources[0]?.number),
  );
  if (otherNumbers.size)
    notes.leftOff(
      `${otherNumbers.size === 1 ? 'another phone' : `${otherNumbers.size} more phones`} (${[...otherNumbers].map(quote).join(', ')}); Kith keeps one number a listing`,
    );

  const status = clean(s.status).toLowerCase();
  if (status && !STATUSES.includes(status as ServiceStatus)) notes.changed(`status ${quote(s.status)} read as active`);

  const howToJoin = notes.text('application_process', s.application_process, 2000);
  const whoForText = [clean(s.eligibility_description), ...s.eligibilitys.map((e) => clean(e.eligibility))]
    .filter(Boolean)
    .join('. ');
  const whoFor = notes.text('eligibility_description', whoForText, 1000);

  const contacts = s.contacts.flatMap((c, i) => {
    if (!c.name) {
      if (c.email || c.title) notes.leftOff(`contact ${i + 1}: no name`);
      return [];
    }
    return [
      {
        name: notes.text(`contact ${i + 1} name`, c.name, 120),
        title: notes.text(`contact ${i + 1} title`, c.title, 120) || null,
        email: emailOf(`contact ${i + 1} email`, c.email),
        // The listing's own number, when it came from here, is reported once, as the listing's.
        phone: c.phones[0]
          ? phoneOf(
              c.phones[0],
              `contact ${i + 1} phone`,
              c.phones[0].number === phoneSources[0]?.number ? new Notes() : notes,
            )
          : null,
      },
    ];
  });

  const organisation = s.organization;
  const website = [organisation?.website, organisation?.url].find((v) => v && /^https?:\/\/\S+$/.test(v.trim()));
  if (!website && (organisation?.website || organisation?.url))
    notes.leftOff(`organisation website ${quote(organisation.website ?? organisation.url)} is not a web address`);

  notes.unread('', raw, READ);
  if (organisation) notes.unread('organization', organisation, ORGANISATION_READ);
  const registration = (schemes: Set<string>) => {
    const found = organisation?.organization_identifiers.find((i) =>
      schemes.has(clean(i.identifier_scheme).toUpperCase()),
    );
    const number = clean(found?.identifier)
      .replace(/[\s-]+/g, '')
      .toUpperCase();
    return /^[A-Z0-9]{1,20}$/.test(number) ? number : null;
  };
  const charityNumber = registration(CHARITY_SCHEMES);
  const companyNumber = registration(COMPANY_SCHEMES);
  const otherIdentifiers = (organisation?.organization_identifiers ?? []).filter((i) => {
    const scheme = clean(i.identifier_scheme).toUpperCase();
    return !CHARITY_SCHEMES.has(scheme) && !COMPANY_SCHEMES.has(scheme);
  });
  if (otherIdentifiers.length)
    notes.leftOff(
      `organization identifiers ${otherIdentifiers.map((i) => `${i.identifier_scheme ?? '?'} ${i.identifier ?? ''}`.trim()).join(', ')}: Kith keeps charity (GB-CHC, GB-SC, GB-NIC) and company (GB-COH) numbers`,
    );
  const organisationPhone = phoneOf(
    organisation?.phones[0],
    'organization phone',
    organisation?.phones[0]?.number === phoneSources[0]?.number ? new Notes() : notes,
  );

  return {
    line: index + 1,
    externalId: s.id,
    organisationExternalId: organisation?.id ?? s.organization_id ?? `${s.id}#organisation`,
    organisation: {
      name: clean(organisation?.name).slice(0, 200) || s.name.slice(0, 200),
      description:
        clean(organisation?.description).slice(0, 4000) ||
        clean(organisation?.name).slice(0, 200) ||
        s.name.slice(0, 200),
      kind: 'other',
      website: website?.trim() ?? null,
      email:
        organisation?.email && z.email().safeParse(organisation.email.trim()).success
          ? organisation.email.trim().toLowerCase()
          : null,
      phone: organisationPhone,
      charityNumber,
      companyNumber,
    },
    listing: {
      name: notes.text('name', s.name, 200),
      description: notes.text('description', s.description, 4000) || s.name.slice(0, 4000),
      howToJoin,
      whoFor,
      url,
      email,
      phone,
      status: STATUSES.includes(status as ServiceStatus) ? (status as ServiceStatus) : 'active',
      alert: notes.text('alert', s.alert, 1000) || null,
      minimumAge,
      maximumAge,
      costs,
      schedules,
      locations,
      languages: [...new Set(languages)],
      termIds: [],
      contacts,
    },
    termCodes: [],
    feedTerms,
    notes: notes.list,
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
  const seen = new Map<string, number>();
  services.forEach((service, i) => {
    try {
      const row = rowFromService(service, offset + i, today);
      const first = seen.get(row.externalId);
      if (first !== undefined)
        throw new Error(`id "${row.externalId}" is used again (service ${first} has it, and was imported)`);
      seen.set(row.externalId, row.line);
      rows.push(row);
    } catch (error) {
      rejected.push({ line: offset + i + 1, reason: (error as Error).message });
    }
  });
  return { rows, rejected };
}
