/**
 * The ORUK API against the Open Referral UK profile (v3, HSDS 3.0). Every answer is validated
 * with ajv against the official schemas and API description, copied unchanged into
 * standards/oruk-3.0 (see its README). The zod shapes below restate what the profile requires
 * in a form that names the failing field, and check Kith's own promises: no nulls, CORS on
 * every answer, unpublished listings nowhere.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { z } from 'zod';
import { Agent, signedInAs, startTestKith, type TestKith } from '../../testing.js';

let t: TestKith;
let agent: Agent;
const API = '/api/oruk/calderbrook';

before(async () => {
  t = await startTestKith({ demo: true });
  agent = new Agent(t);
});
after(() => t.close());

const uuid = z.uuid();
const uri = z.string().regex(/^https?:\/\/\S+$/);
const email = z.email();
const date = z.string().regex(/^\d{4}-\d\d-\d\d$/);
const dateTime = z.iso.datetime({ offset: true });
const time = z.string().regex(/^\d\d:\d\d(:\d\d)?(Z|[+-]\d\d:\d\d)?$/);

// From the profile: what each object must have, and the types of what it may have.
const TaxonomyTerm = z.looseObject({
  id: uuid,
  taxonomy: z.string(),
  term: z.string().optional(),
  parent_id: uuid.optional(),
  taxonomy_id: uuid.optional(),
  term_uri: uri.optional(),
});
const Attribute = z.looseObject({
  id: uuid,
  link_id: uuid.optional(),
  taxonomy_term_id: uuid.optional(),
  link_type: z.string().optional(),
  taxonomy_term: TaxonomyTerm.optional(),
});
const Address = z.looseObject({
  id: uuid,
  address_1: z.string(),
  city: z.string(),
  state_province: z.string(),
  postal_code: z.string(),
  country: z.string(),
  address_type: z.enum(['physical', 'postal', 'virtual']),
});
const Accessibility = z.looseObject({
  id: uuid,
  location_id: uuid.optional(),
  description: z.string().optional(),
  url: uri.optional(),
});
const Location = z.looseObject({
  id: uuid,
  name: z.string().optional(),
  latitude: z.number().optional(),
  longitude: z.number().optional(),
  addresses: z.array(Address).optional(),
  accessibility: z.array(Accessibility).optional(),
});
const Schedule = z.looseObject({
  id: uuid,
  service_id: uuid.optional(),
  freq: z.enum(['WEEKLY', 'MONTHLY']).optional(),
  interval: z.number().optional(),
  byday: z.string().optional(),
  bymonthday: z.string().optional(),
  dtstart: date.optional(),
  valid_from: date.optional(),
  valid_to: date.optional(),
  opens_at: time.optional(),
  closes_at: time.optional(),
});
const Organization = z.looseObject({
  id: uuid,
  name: z.string(),
  description: z.string(),
  email: email.optional(),
  website: uri.optional(),
});
const ServiceCore = {
  id: uuid,
  organization_id: uuid.optional(),
  name: z.string(),
  description: z.string().optional(),
  url: uri.optional(),
  email: email.optional(),
  status: z.enum(['active', 'inactive', 'defunct', 'temporarily closed']),
  minimum_age: z.number().optional(),
  maximum_age: z.number().optional(),
  assured_date: date.optional(),
  last_modified: dateTime.optional(),
};
const ServiceListItem = z.looseObject({ ...ServiceCore, url: uri, organization: Organization.optional() });
const Service = z.looseObject({
  ...ServiceCore,
  organization: Organization.optional(),
  schedules: z.array(Schedule).optional(),
  service_at_locations: z.array(z.looseObject({ id: uuid, location: Location.optional() })).optional(),
  languages: z.array(z.looseObject({ id: uuid })).optional(),
  cost_options: z
    .array(
      z.looseObject({
        id: uuid,
        amount: z.number().optional(),
        option: z.string().optional(),
        amount_description: z.string().optional(),
      }),
    )
    .optional(),
  contacts: z.array(z.looseObject({ id: uuid, name: z.string().optional() })).optional(),
  funding: z.array(z.looseObject({ id: uuid })).optional(),
  attributes: z.array(Attribute).optional(),
});
const ServiceAtLocationListItem = z.looseObject({
  id: uuid,
  service_id: uuid.optional(),
  location_id: uuid.optional(),
  location: Location.optional(),
  service: z.looseObject({ id: uuid, name: z.string(), status: z.string() }).optional(),
});
const Taxonomy = z.looseObject({ id: uuid, name: z.string(), description: z.string() });
const Page = (item: z.ZodType) =>
  z.strictObject({
    total_items: z.number().int().min(0),
    total_pages: z.number().int().min(1),
    page_number: z.number().int().min(1),
    size: z.number().int().min(0),
    first_page: z.boolean(),
    last_page: z.boolean(),
    empty: z.boolean(),
    contents: z.array(item),
  });

// The official schemas (standards/oruk-3.0, unchanged) under the addresses the API description
// refers to them by: each answer is validated against what openapi.json says that endpoint returns.
const STANDARD = path.join(import.meta.dirname, 'standards/oruk-3.0');
const PROFILE = 'https://raw.githubusercontent.com/openreferral/uk-profile/main/schema/';
const officialSchema = (file: string) => JSON.parse(readFileSync(path.join(STANDARD, file), 'utf8')) as object;
const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
addFormats.default(ajv);
for (const file of [
  'taxonomy.json',
  'taxonomy_term.json',
  'compiled/service.json',
  'compiled/service_list.json',
  'compiled/service_at_location.json',
  'compiled/service_at_location_list.json',
  'compiled/organization.json',
  'compiled/organization_list.json',
])
  ajv.addSchema({ ...officialSchema(file), $id: PROFILE + file });
ajv.addSchema({ ...officialSchema('openapi.json'), $id: 'https://kith.test/oruk-openapi.json' });
const pointer = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');
/**
 * What the API description says GET {path} answers with. Organizations, which it leaves out,
 * against the profile's schemas; and /service_at_locations/{id} against service_at_location.json,
 * where the description's reference to service.json is a slip (its own summary says service_at_location).
 */
function officialResponse(apiPath: string) {
  const profileFiles: Record<string, string> = {
    '/organizations': 'compiled/organization_list.json',
    '/organizations/{id}': 'compiled/organization.json',
    '/service_at_locations/{id}': 'compiled/service_at_location.json',
  };
  const file = profileFiles[apiPath];
  if (file && apiPath.endsWith('}')) return ajv.getSchema(PROFILE + file)!;
  if (file)
    return ajv.compile({
      allOf: [{ $ref: 'https://kith.test/oruk-openapi.json#/components/schemas/Page' }],
      properties: { contents: { type: 'array', items: { $ref: PROFILE + file } } },
    });
  return ajv.compile({
    $ref: `https://kith.test/oruk-openapi.json#/paths/${pointer(apiPath)}/get/responses/200/content/${pointer('application/json')}/schema`,
  });
}
/** The query parameters the API description lists for GET {path}. */
function officialParameters(apiPath: string): string[] {
  const doc = officialSchema('openapi.json') as {
    paths: Record<string, { get: { parameters?: Array<{ $ref?: string; name?: string }> } }>;
  };
  return (doc.paths[apiPath]!.get.parameters ?? []).map((p) => p.name ?? p.$ref!.split('/').pop()!);
}
function valid(apiPath: string, body: unknown, what: string) {
  const validate = officialResponse(apiPath);
  assert.ok(validate(body), `${what}: ${JSON.stringify(validate.errors?.slice(0, 5), null, 1)}`);
}

function conforms(schema: z.ZodType, body: unknown, what: string) {
  const result = schema.safeParse(body);
  assert.ok(
    result.success,
    `${what} does not conform: ${result.success ? '' : JSON.stringify(result.error.issues.slice(0, 5))}`,
  );
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&#34;').replace(/'/g, '&#39;');

/** Kith's own rule: an empty optional field is left out, never sent as null. */
function noNulls(value: unknown, path = '$'): string[] {
  if (value === null) return [path];
  if (Array.isArray(value)) return value.flatMap((v, i) => noNulls(v, `${path}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => noNulls(v, `${path}.${k}`));
  return [];
}

async function getJson(url: string) {
  const response = await agent.get(url);
  assert.equal(response.headers['access-control-allow-origin'], '*', `${url} has no CORS header`);
  return {
    status: response.statusCode,
    body:
      response.statusCode < 300 && /json/.test(String(response.headers['content-type']))
        ? JSON.parse(response.body)
        : response.body,
    response,
  };
}

describe('the Open Referral UK API', () => {
  test('/ says which version and profile it follows and where its OpenAPI is', async () => {
    for (const url of [API, `${API}/`]) {
      const { status, body } = await getJson(url);
      assert.equal(status, 200);
      assert.equal(body.version, '3.0');
      assert.match(body.profile, /uk-profile/);
      assert.match(body.openapi_url, /\/api\/openapi\.json$/);
    }
  });

  test('every list endpoint pages in the profile’s shape, and every item conforms', async () => {
    const lists: Array<[string, z.ZodType]> = [
      [`${API}/services?per_page=30`, ServiceListItem],
      [`${API}/services?per_page=5&full=true`, Service],
      [`${API}/organizations`, Organization],
      [`${API}/taxonomies`, Taxonomy],
      [`${API}/taxonomy_terms?per_page=100`, TaxonomyTerm],
      [`${API}/service_at_locations?per_page=30`, ServiceAtLocationListItem],
    ];
    for (const [url, item] of lists) {
      const { status, body } = await getJson(url);
      assert.equal(status, 200, url);
      conforms(Page(item), body, url);
      assert.deepEqual(noNulls(body), [], url);
      assert.ok(body.total_items > 0, url);
    }
  });

  test('/services/{id}, /service_at_locations/{id}, /organizations/{id}, /taxonomies/{id}, /taxonomy_terms/{id} conform', async () => {
    const services = (await getJson(`${API}/services?per_page=200`)).body.contents as Array<{
      id: string;
      organization_id: string;
    }>;
    for (const s of services.slice(0, 40)) {
      const { status, body } = await getJson(`${API}/services/${s.id}`);
      assert.equal(status, 200);
      conforms(Service, body, `service ${s.id}`);
      assert.deepEqual(noNulls(body), []);
    }
    const full = (await getJson(`${API}/services/${services[0]!.id}`)).body;
    assert.ok(
      full.schedules.length && full.service_at_locations.length && full.cost_options.length && full.attributes.length,
    );
    const sal = (await getJson(`${API}/service_at_locations?per_page=1`)).body.contents[0];
    conforms(
      ServiceAtLocationListItem,
      (await getJson(`${API}/service_at_locations/${sal.id}`)).body,
      'service_at_location',
    );
    conforms(
      Organization,
      (await getJson(`${API}/organizations/${services[0]!.organization_id}`)).body,
      'organization',
    );
    const taxonomy = (await getJson(`${API}/taxonomies`)).body.contents[0];
    const withTerms = (await getJson(`${API}/taxonomies/${taxonomy.id}`)).body;
    conforms(Taxonomy, withTerms, 'taxonomy');
    assert.ok(withTerms.taxonomy_terms.length > 5);
    conforms(
      TaxonomyTerm,
      (await getJson(`${API}/taxonomy_terms/${withTerms.taxonomy_terms[0].id}`)).body,
      'taxonomy_term',
    );
  });

  test('every answer is valid against the official ORUK 3.0 schemas and API description', async () => {
    const services = (await getJson(`${API}/services?per_page=200&full=true`)).body;
    valid('/services', services, 'services, full');
    valid('/services', (await getJson(`${API}/services?per_page=200`)).body, 'services');
    const sals = (await getJson(`${API}/service_at_locations?per_page=200`)).body;
    valid('/service_at_locations', sals, 'service_at_locations');
    valid('/taxonomies', (await getJson(`${API}/taxonomies`)).body, 'taxonomies');
    const terms = (await getJson(`${API}/taxonomy_terms?per_page=500`)).body;
    valid('/taxonomy_terms', terms, 'taxonomy_terms');
    const organisations = (await getJson(`${API}/organizations?per_page=200`)).body;
    valid('/organizations', organisations, 'organizations');
    valid('/', (await getJson(API)).body, 'about');
    for (const s of services.contents.slice(0, 60))
      valid('/services/{id}', (await getJson(`${API}/services/${s.id}`)).body, `service ${s.id}`);
    for (const s of sals.contents.slice(0, 20))
      valid('/service_at_locations/{id}', (await getJson(`${API}/service_at_locations/${s.id}`)).body, `sal ${s.id}`);
    for (const o of organisations.contents.slice(0, 10))
      valid('/organizations/{id}', (await getJson(`${API}/organizations/${o.id}`)).body, `organization ${o.id}`);
    const taxonomy = (await getJson(`${API}/taxonomies`)).body.contents[0];
    valid('/taxonomies/{id}', (await getJson(`${API}/taxonomies/${taxonomy.id}`)).body, 'taxonomy');
    valid('/taxonomy_terms/{id}', (await getJson(`${API}/taxonomy_terms/${terms.contents[0].id}`)).body, 'term');
    // The validation bites: a service without its status is refused.
    assert.equal(officialResponse('/services/{id}')({ ...services.contents[0], status: undefined }), false);
  });

  test('a service carries its phone, how to join and who it is for, as the activity page shows them', async () => {
    const { body } = await getJson(`${API}/services?search=${encodeURIComponent('Tuesday tea and chat')}&full=true`);
    const service = body.contents.find((s: { name: string }) => s.name === 'Tuesday tea and chat');
    const page = (await agent.get(`/places/calderbrook/activities/${service.id}`)).body;
    assert.match(service.phones[0].number, /^01632 96\d{4}$/);
    assert.equal(service.phones[0].service_id, service.id);
    assert.ok(service.application_process.length > 10 && service.eligibility_description.length > 5);
    for (const text of [service.phones[0].number, service.application_process, service.eligibility_description])
      assert.ok(page.includes(escapeHtml(text)), `the page shows ${text}`);
    // In the one-to-one list too, but phones (one-to-many) only where the service is nested in full.
    const listed = (await getJson(`${API}/services/${service.id}`)).body;
    assert.equal(listed.application_process, service.application_process);
    const summary = (await getJson(`${API}/services?per_page=200`)).body.contents.find(
      (s: { id: string }) => s.id === service.id,
    );
    assert.equal(summary.eligibility_description, service.eligibility_description);
    assert.equal(summary.phones, undefined);
  });

  test('an organisation’s charity and company numbers, entered on its form, are published as organization_identifiers', async () => {
    const services = (await getJson(`${API}/services?per_page=500`)).body.contents as Array<{
      id: string;
      organization_id: string;
    }>;
    const organisationId = services.at(-1)!.organization_id;
    const admin = await signedInAs(t, 'admin');
    const page = `/places/calderbrook/directory/organisations/${organisationId}`;
    const form = await admin.get(page);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /name="charity_number"/);
    assert.match(form.body, /name="company_number"/);
    const { findOrganisation } = await import('./organisations-store.js');
    const o = (await findOrganisation(t.kith.db.kysely, t.demo.places.calderbrook!.id, organisationId))!;
    const values = { name: o.name, description: o.description, kind: o.kind, website: o.website ?? '' };
    const bad = await admin.post(page, { ...values, charity_number: 'no. 1100123!' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Enter the charity number in letters and digits/);
    const saved = await admin.post(page, {
      ...values,
      charity_number: 'sc 012345',
      company_number: '04567890',
    });
    assert.ok(saved.statusCode < 400, String(saved.statusCode));
    const organisation = (await getJson(`${API}/organizations/${organisationId}`)).body;
    valid('/organizations/{id}', organisation, 'organization with identifiers');
    assert.deepEqual(
      organisation.organization_identifiers.map((i: Record<string, string>) => [
        i.identifier_scheme,
        i.identifier_type,
        i.identifier,
      ]),
      [
        ['GB-SC', 'Scottish charity number', 'SC012345'],
        ['GB-COH', 'Company number', '04567890'],
      ],
    );
    const service = (await getJson(`${API}/services/${services.at(-1)!.id}`)).body;
    valid('/services/{id}', service, 'service with identifiers');
    assert.equal(service.organization.organization_identifiers[1].identifier, '04567890');
  });

  test('/services filters: search, taxonomy_term_id, organization_id, ages, day and times, postcode with proximity', async () => {
    const names = async (query: string) =>
      ((await getJson(`${API}/services?per_page=200&${query}`)).body.contents as Array<{ name: string }>).map(
        (s) => s.name,
      );
    const singing = await names('search=singing');
    assert.ok(singing.includes('Singing for the brain') && !singing.includes('Homework club'));
    assert.deepEqual(await names('text=singing'), singing, 'the ORUK 1.0 name finds the same');
    const terms = (await getJson(`${API}/taxonomy_terms?per_page=100`)).body.contents as Array<{
      id: string;
      code: string;
    }>;
    const olderPeople = terms.find((x) => x.code === 'older-people')!.id;
    const older = await names(`taxonomy_term_id=${olderPeople}`);
    assert.ok(older.includes('Tuesday tea and chat') && !older.includes('Homework club'));
    const tuesdayMornings = await names('day=TU&start_time=09:00&end_time=12:30');
    assert.ok(tuesdayMornings.includes('Tuesday tea and chat') && !tuesdayMornings.includes('Community choir'));
    assert.ok(
      (await names('minimum_age=60')).every((n) =>
        ['Lunch club', 'Over-60s swim', 'Telephone friends', 'Clwb cinio'].includes(n),
      ),
    );
    const near = (await getJson(`${API}/services?postcode=KL1%201AA&proximity=1000`)).body;
    const far = (await getJson(`${API}/services?postcode=KL1%201AA&proximity=20000`)).body;
    assert.ok(near.total_items > 0 && near.total_items < far.total_items);
    const nearSal = (await getJson(`${API}/service_at_locations?postcode=KL11AA&proximity=500`)).body;
    assert.ok(
      nearSal.contents.every((s: { location: { addresses: Array<{ postal_code: string }> } }) =>
        s.location.addresses[0]!.postal_code.startsWith('KL1'),
      ),
    );
  });

  test('/service_at_locations honours each parameter the API description lists for it', async () => {
    type Sal = {
      id: string;
      location: { addresses: Array<{ postal_code: string }> };
      service: {
        id: string;
        name: string;
        organization_id: string;
        minimum_age?: number;
        maximum_age?: number;
        schedules: Array<{ byday?: string; opens_at: string; closes_at: string }>;
        attributes: Array<{ taxonomy_term_id: string; taxonomy_term: { taxonomy_id: string } }>;
      };
    };
    const sal = async (query: string) => {
      const params = new URLSearchParams({ per_page: '500', full: 'true' });
      for (const [k, v] of new URLSearchParams(query)) params.set(k, v);
      const { status, body } = await getJson(`${API}/service_at_locations?${params}`);
      assert.equal(status, 200, query);
      valid('/service_at_locations', body, query);
      return body as Page;
    };
    const all = await sal('');
    assert.equal(all.contents.length, all.total_items);
    const some = all.contents.find((x) => x.service.attributes.length)!;
    const term = some.service.attributes[0]!;
    type Page = { total_items: number; page_number: number; contents: Sal[] };
    const names = (body: Page) => body.contents.map((x) => x.service.name);
    const cases: Record<string, [string, (x: Sal) => boolean, ((body: Page) => void)?]> = {
      search: [
        'search=singing',
        (x) => /sing/i.test(JSON.stringify(x.service)),
        (body) => assert.ok(names(body).includes('Singing for the brain') && !names(body).includes('Homework club')),
      ],
      taxonomy_term_id: [
        `taxonomy_term_id=${term.taxonomy_term_id}`,
        (x) => x.service.attributes.some((a) => a.taxonomy_term_id === term.taxonomy_term_id),
      ],
      taxonomy_id: [
        `taxonomy_id=${term.taxonomy_term.taxonomy_id}`,
        (x) => x.service.attributes.some((a) => a.taxonomy_term.taxonomy_id === term.taxonomy_term.taxonomy_id),
      ],
      organization_id: [
        `organization_id=${some.service.organization_id}`,
        (x) => x.service.organization_id === some.service.organization_id,
      ],
      minimum_age: ['minimum_age=60', (x) => x.service.minimum_age! >= 60],
      maximum_age: ['maximum_age=11', (x) => x.service.maximum_age! <= 11],
      day: ['day=SA', (x) => x.service.schedules.some((d) => d.byday?.includes('SA'))],
      start_time: ['start_time=18:00', (x) => x.service.schedules.some((d) => d.opens_at >= '18:00')],
      end_time: ['end_time=11:00', (x) => x.service.schedules.some((d) => d.closes_at <= '11:00')],
      postcode: ['postcode=KL1%201AA', () => true],
      proximity: [
        'postcode=KL11AA&proximity=500',
        (x) => x.location.addresses[0]!.postal_code.startsWith('KL1'),
        (body) => assert.ok(body.contents.length < 0.5 * all.total_items),
      ],
      page: [
        'page=2&per_page=5',
        (x) => !all.contents.slice(0, 5).some((y) => y.id === x.id),
        (body) => assert.equal(body.page_number, 2),
      ],
      per_page: ['per_page=7', () => true, (body) => assert.equal(body.contents.length, 7)],
    };
    const listed = officialParameters('/service_at_locations');
    assert.ok(listed.length >= 12);
    for (const name of listed) {
      assert.ok(cases[name], `a case for ${name}`);
      const [query, holds, more] = cases[name];
      const body = await sal(query);
      assert.ok(body.contents.length > 0 && body.contents.length < all.contents.length, `${name} narrows: ${query}`);
      assert.ok(body.contents.every(holds), `${name}: every result matches ${query}`);
      more?.(body);
    }
    // modified_after too: since the dawn of time everything, from the future nothing.
    assert.equal((await sal('modified_after=2000-01-01T00:00:00Z')).total_items, all.total_items);
    assert.equal((await sal('modified_after=2999-01-01T00:00:00Z')).total_items, 0);
    // Filters combine: singing in Calderbrook's centre.
    const both = await sal('search=singing&postcode=KL11AA&proximity=500');
    assert.ok(both.contents.every((x) => /sing/i.test(JSON.stringify(x.service))));
    assert.equal((await sal('postcode=ZZ99%209ZZ')).total_items, 0, 'a postcode Kith does not know matches nothing');
  });

  test('a parameter no endpoint lists is refused with a 400 naming it, never ignored', async () => {
    for (const url of [
      `${API}/services?colour=blue`,
      `${API}/service_at_locations?colour=blue`,
      `${API}/service_at_locations?minimal=true&colour=blue`,
      `${API}/organizations?colour=blue`,
      `${API}/taxonomies?colour=blue`,
      `${API}/taxonomy_terms?colour=blue`,
      `${API}?colour=blue`,
    ]) {
      const { status, response } = await getJson(url);
      assert.equal(status, 400, url);
      assert.match(response.headers['content-type'] as string, /application\/problem\+json/);
      const fields = (JSON.parse(response.body) as { errors: Array<{ field: string; detail: string }> }).errors;
      assert.ok(
        fields.some((e) => e.field === 'colour' && /no parameter/.test(e.detail)),
        url,
      );
    }
    const sal = (await getJson(`${API}/service_at_locations?per_page=1`)).body.contents[0];
    assert.equal((await getJson(`${API}/service_at_locations/${sal.id}?colour=blue`)).status, 400);
  });

  test('/organizations honours search and full_service', async () => {
    const all = (await getJson(`${API}/organizations?per_page=200`)).body;
    const target = all.contents[3] as { id: string; name: string };
    const word = target.name.split(/\s+/).find((w: string) => w.length > 4)!;
    const found = (await getJson(`${API}/organizations?per_page=200&search=${encodeURIComponent(word)}`)).body;
    assert.ok(found.total_items > 0 && found.total_items < all.total_items, word);
    assert.ok(found.contents.some((o: { id: string }) => o.id === target.id));
    for (const o of found.contents as Array<{ name: string; description: string }>)
      assert.match(`${o.name} ${o.description}`, new RegExp(word, 'i'));
    assert.equal((await getJson(`${API}/organizations?search=zzqxj`)).body.total_items, 0);
    assert.equal(all.contents[0].services, undefined, 'services only when asked for');
    const full = (await getJson(`${API}/organizations?per_page=200&full_service=true`)).body;
    valid('/organizations', full, 'organizations, full_service');
    const withServices = full.contents.find((o: { services: unknown[] }) => o.services.length);
    valid('/services/{id}', withServices.services[0], 'a service nested in an organisation');
    assert.ok(withServices.services[0].schedules.length && withServices.services[0].service_at_locations.length);
    const own = (await getJson(`${API}/services?per_page=200&organization_id=${withServices.id}`)).body;
    assert.equal(withServices.services.length, own.total_items);
  });

  test('/taxonomy_terms honours taxonomy_id, top_only, parent_id and search; /taxonomies search', async () => {
    const placeId = t.demo.places.calderbrook!.id;
    const terms = (await getJson(`${API}/taxonomy_terms?per_page=500`)).body;
    const parent = terms.contents[0] as { id: string; taxonomy_id: string };
    const { insertTerm } = await import('./taxonomy-store.js');
    const child = await insertTerm(t.kith.db.kysely, {
      placeId,
      taxonomyId: parent.taxonomy_id,
      parentId: parent.id,
      code: 'walking-football-for-veterans',
      term: 'Walking football for veterans',
      termCy: null,
      description: 'Under another term',
      descriptionCy: null,
      position: 999,
    });
    const list = async (query: string) => (await getJson(`${API}/taxonomy_terms?per_page=500&${query}`)).body;
    const under = await list(`parent_id=${parent.id}`);
    assert.deepEqual(
      under.contents.map((x: { id: string }) => x.id),
      [child.id],
    );
    valid('/taxonomy_terms', under, 'terms under one');
    const top = await list('top_only=true');
    assert.equal(top.total_items, terms.total_items, 'every term but the new one is at the top');
    assert.ok(!top.contents.some((x: { id: string }) => x.id === child.id));
    const found = await list('search=veterans');
    assert.deepEqual(
      found.contents.map((x: { id: string }) => x.id),
      [child.id],
    );
    const ofOne = await list(`taxonomy_id=${parent.taxonomy_id}`);
    assert.ok(ofOne.total_items < terms.total_items + 1);
    assert.ok(ofOne.contents.every((x: { taxonomy_id: string }) => x.taxonomy_id === parent.taxonomy_id));
    const taxonomies = (await getJson(`${API}/taxonomies`)).body;
    const one = taxonomies.contents[0] as { name: string };
    const word = one.name.split(/\s+/)[0]!;
    const searched = (await getJson(`${API}/taxonomies?search=${encodeURIComponent(word)}`)).body;
    assert.ok(searched.contents.some((x: { name: string }) => x.name === one.name));
    assert.equal((await getJson(`${API}/taxonomies?search=zzqxj`)).body.total_items, 0);
  });

  test('modified_after returns the services whose documents changed: their organisation renamed, a term renamed', async () => {
    const placeId = t.demo.places.calderbrook!.id;
    const actorId = t.demo.people.admin!.id;
    const { editOrganisation, renameTerm } = await import('./organisations.js');
    const { findOrganisation } = await import('./organisations-store.js');
    const changed = async (since: string, list = 'services') =>
      (
        (await getJson(`${API}/${list}?per_page=500&full=true&modified_after=${encodeURIComponent(since)}`)).body
          .contents as Array<{ id: string; service?: { id: string } }>
      ).map((s) => s.service?.id ?? s.id);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const before = new Date().toISOString();
    assert.deepEqual(await changed(before), [], 'nothing has changed yet');

    const services = (await getJson(`${API}/services?per_page=500`)).body.contents as Array<{
      id: string;
      organization_id: string;
    }>;
    const organisationId = services[0]!.organization_id;
    const theirs = services.filter((s) => s.organization_id === organisationId).map((s) => s.id);
    const organisation = (await findOrganisation(t.kith.db.kysely, placeId, organisationId))!;
    await editOrganisation(t.kith, {
      placeId,
      actorId,
      organisationId,
      input: { ...organisation, name: `${organisation.name} Trust` },
    });
    assert.deepEqual((await changed(before)).sort(), [...theirs].sort());
    assert.deepEqual(
      [...new Set(await changed(before, 'service_at_locations'))].sort(),
      [...theirs].sort(),
      'their service_at_locations too',
    );
    const renamed = (await getJson(`${API}/services/${theirs[0]}`)).body;
    assert.equal(renamed.organization.name, `${organisation.name} Trust`);
    assert.ok(renamed.last_modified >= before);
    const found = (await getJson(`${API}/services?search=${encodeURIComponent(`${organisation.name} Trust`)}`)).body;
    assert.ok(
      found.contents.some((s: { id: string }) => s.id === theirs[0]),
      'found by the new name',
    );

    const afterRename = new Date().toISOString();
    const term = renamed.attributes[0].taxonomy_term as { id: string; name: string };
    await renameTerm(t.kith, {
      placeId,
      actorId,
      termId: term.id,
      term: `${term.name} and more`,
      termCy: null,
      description: null,
    });
    const withTerm = (await getJson(`${API}/services?per_page=500&taxonomy_term_id=${term.id}`)).body.contents.map(
      (s: { id: string }) => s.id,
    );
    assert.ok(withTerm.length > 0);
    assert.deepEqual((await changed(afterRename)).sort(), withTerm.sort());
  });

  test('a client that accepts gzip or brotli gets the feed compressed, the same once unpacked', async () => {
    const { gunzipSync, brotliDecompressSync } = await import('node:zlib');
    const url = `${API}/services?per_page=50&full=true`;
    const plain = await t.app.inject({ method: 'GET', url });
    assert.equal(plain.headers['content-encoding'], undefined);
    const gzipped = await t.app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip, deflate' } });
    assert.equal(gzipped.headers['content-encoding'], 'gzip');
    assert.match(String(gzipped.headers.vary), /accept-encoding/i);
    assert.ok(gzipped.rawPayload.length < plain.rawPayload.length / 3);
    assert.deepEqual(JSON.parse(gunzipSync(gzipped.rawPayload).toString()), JSON.parse(plain.body));
    assert.equal(gzipped.headers.etag, plain.headers.etag, 'one tag for the content, however it is packed');
    const brotli = await t.app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip, br' } });
    assert.equal(brotli.headers['content-encoding'], 'br');
    assert.deepEqual(JSON.parse(brotliDecompressSync(brotli.rawPayload).toString()), JSON.parse(plain.body));
    const refused = await t.app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'br;q=0, gzip;q=0' } });
    assert.equal(refused.headers['content-encoding'], undefined);
    const stream = await t.app.inject({
      method: 'GET',
      url: `${API}/services?format=ndjson`,
      headers: { 'accept-encoding': 'gzip' },
    });
    assert.equal(stream.headers['content-encoding'], 'gzip');
    const lines = gunzipSync(stream.rawPayload).toString().trim().split('\n');
    assert.equal(lines.length, (await getJson(`${API}/services`)).body.total_items);
  });

  test('"Pay what you can" is said once, however many times a description goes round through an import', async () => {
    const { payWhatYouCan } = await import('./oruk.js');
    assert.equal(payWhatYouCan(null), 'Pay what you can');
    assert.equal(payWhatYouCan('£3 suggested'), 'Pay what you can: £3 suggested');
    let text = payWhatYouCan('£3 suggested');
    for (let i = 0; i < 3; i++) text = payWhatYouCan(text);
    assert.equal(text, 'Pay what you can: £3 suggested');
    assert.equal(payWhatYouCan(payWhatYouCan(null)), 'Pay what you can');
  });

  test('modified_after returns every service held at a location that changed, not only the one edited', async () => {
    const db = t.kith.db.kysely;
    const placeId = t.demo.places.calderbrook!.id;
    const { writeListing } = await import('./listings-store.js');
    const organisationId = (await getJson(`${API}/services?per_page=1`)).body.contents[0].organization_id as string;
    const hall = {
      name: 'Shared hall',
      address1: '1 Mill Lane',
      city: 'Calderbrook',
      region: 'West Yorkshire',
      postcode: 'KL1 1AA',
      latitude: null,
      longitude: null,
      accessibility: '',
      externalId: 'shared-hall',
    };
    const input = (name: string, location = hall) => ({
      name,
      description: 'Held at the shared hall',
      howToJoin: '',
      whoFor: '',
      url: null,
      email: null,
      phone: null,
      status: 'active' as const,
      alert: null,
      minimumAge: null,
      maximumAge: null,
      costs: [],
      schedules: [],
      locations: [location],
      languages: [],
      termIds: [],
      contacts: [],
    });
    // Two services an import placed at one hall.
    const imported = { placeId, organisationId, state: 'published' as const, actorId: null, source: 'test:hall' };
    const a = await writeListing(db, { ...imported, input: input('Hall service A'), externalId: 'a' });
    const b = await writeListing(db, { ...imported, input: input('Hall service B'), externalId: 'b' });
    const changedSince = async (since: string) =>
      (
        (await getJson(`${API}/services?per_page=500&modified_after=${encodeURIComponent(since)}`)).body
          .contents as Array<{ id: string }>
      )
        .map((x) => x.id)
        .sort();
    const edit = (location: typeof hall) =>
      writeListing(db, {
        placeId,
        organisationId,
        id: a.id,
        input: input('Hall service A', location),
        state: 'published',
        actorId: null,
      });

    await new Promise((resolve) => setTimeout(resolve, 5));
    const beforeSameSave = new Date().toISOString();
    await edit(hall);
    assert.deepEqual(await changedSince(beforeSameSave), [a.id], 'saving A unchanged leaves B alone');

    await new Promise((resolve) => setTimeout(resolve, 5));
    const beforeMove = new Date().toISOString();
    await edit({ ...hall, address1: '2 Mill Lane' });
    assert.deepEqual(await changedSince(beforeMove), [a.id, b.id].sort(), 'the hall moved under B too');
    const shown = (await getJson(`${API}/services/${b.id}`)).body;
    assert.equal(shown.service_at_locations[0].location.addresses[0].address_1, '2 Mill Lane');
  });

  test('deleted_services tells an aggregator which services left the feed since its last visit, and when', async () => {
    const placeId = t.demo.places.calderbrook!.id;
    const moderator = t.demo.people.admin!.id;
    const { moderateListing } = await import('./listings.js');
    const deletedSince = async (since: string) =>
      (
        (await getJson(`${API}/deleted_services?per_page=500&modified_after=${encodeURIComponent(since)}`)).body
          .contents as Array<{ id: string; deleted_at: string }>
      ).map((d) => d.id);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const before = new Date().toISOString();
    assert.deepEqual(await deletedSince(before), [], 'nothing has left yet');

    const [first, second] = (await getJson(`${API}/services?per_page=2`)).body.contents as Array<{ id: string }>;
    await moderateListing(t.kith, {
      placeId,
      activityId: first!.id,
      actorId: moderator,
      byModerator: true,
      action: 'requestChanges',
      reason: 'The hall has closed',
    });
    assert.equal((await getJson(`${API}/services/${first!.id}`)).status, 404, 'it has left the feed');
    const page = (await getJson(`${API}/deleted_services?modified_after=${encodeURIComponent(before)}`)).body;
    assert.equal(page.total_items, 1);
    assert.equal(page.contents[0].id, first!.id);
    assert.ok(page.contents[0].deleted_at > before, 'with when it left');
    const described = ajv.compile(
      JSON.parse((await agent.get('/api/openapi.json')).body).paths['/api/oruk/{place}/deleted_services'].get.responses[
        '200'
      ].content['application/json'].schema,
    );
    assert.ok(described(page), JSON.stringify(described.errors));

    // A service an import (or an organiser's change) sends back for review leaves the feed too.
    const afterFirst = new Date().toISOString();
    const { writeListing, findActivity } = await import('./listings-store.js');
    const current = (await findActivity(t.kith.db.kysely, placeId, second!.id))!;
    await writeListing(t.kith.db.kysely, {
      placeId,
      organisationId: current.organisationId,
      id: second!.id,
      input: {
        name: current.name,
        description: current.description,
        howToJoin: '',
        whoFor: '',
        url: null,
        email: null,
        phone: null,
        status: 'active',
        alert: null,
        minimumAge: null,
        maximumAge: null,
        costs: [],
        schedules: [],
        locations: [],
        languages: [],
        termIds: [],
        contacts: [],
      },
      state: 'submitted',
      actorId: null,
    });
    assert.deepEqual(await deletedSince(afterFirst), [second!.id], 'only what left since then');
    assert.deepEqual((await deletedSince(before)).sort(), [first!.id, second!.id].sort());

    // Published again, it is back in /services with a new last_modified and off this list.
    await moderateListing(t.kith, {
      placeId,
      activityId: first!.id,
      actorId: moderator,
      byModerator: true,
      action: 'publish',
    });
    assert.deepEqual(await deletedSince(before), [second!.id]);
    const changed = (
      await getJson(`${API}/services?per_page=500&minimal=true&modified_after=${encodeURIComponent(before)}`)
    ).body.contents.map((s: { id: string }) => s.id);
    assert.ok(changed.includes(first!.id));

    assert.equal((await getJson(`${API}/deleted_services?modified_after=yesterday`)).status, 400);
    assert.equal((await getJson(`${API}/deleted_services?colour=blue`)).status, 400);
  });

  test('each answer has a weak ETag; sent back, it gets a 304 until what the answer holds changes', async () => {
    const url = `${API}/services?per_page=5`;
    const first = await agent.get(url);
    const etag = first.headers.etag as string;
    assert.match(etag, /^W\/"[\w-]+"$/);
    assert.equal((await agent.get(url)).headers.etag, etag, 'the same answer, the same tag');
    const again = await t.app.inject({ method: 'GET', url, headers: { 'if-none-match': etag } });
    assert.equal(again.statusCode, 304);
    assert.equal(again.body, '');
    assert.equal(again.headers['access-control-allow-origin'], '*');
    const other = await t.app.inject({ method: 'GET', url, headers: { 'if-none-match': 'W/"something-else"' } });
    assert.equal(other.statusCode, 200);
    assert.deepEqual(JSON.parse(other.body), JSON.parse(first.body));
    const page2 = await agent.get(`${API}/services?per_page=5&page=2`);
    assert.notEqual(page2.headers.etag, etag);
    // A change to a service in the answer changes its tag.
    const { editOrganisation } = await import('./organisations.js');
    const { findOrganisation } = await import('./organisations-store.js');
    const service = JSON.parse(first.body).contents[0] as { organization_id: string };
    const placeId = t.demo.places.calderbrook!.id;
    const organisation = (await findOrganisation(t.kith.db.kysely, placeId, service.organization_id))!;
    await editOrganisation(t.kith, {
      placeId,
      actorId: t.demo.people.admin!.id,
      organisationId: organisation.id,
      input: { ...organisation, description: `${organisation.description} Now on Fridays too.` },
    });
    const changed = await t.app.inject({ method: 'GET', url, headers: { 'if-none-match': etag } });
    assert.equal(changed.statusCode, 200);
    assert.notEqual(changed.headers.etag, etag);
  });

  test('minimal, ndjson and bad parameters', async () => {
    const minimal = (await getJson(`${API}/services?minimal=true&per_page=3`)).body as {
      contents: Array<{ id: string }>;
    };
    assert.deepEqual(Object.keys(minimal.contents[0]!).sort(), ['id', 'last_modified']);
    // Kith's own OpenAPI document describes the answer as it is, minimal or not.
    const own = JSON.parse((await agent.get('/api/openapi.json')).body);
    const described = ajv.compile(
      own.paths['/api/oruk/{place}/services'].get.responses['200'].content['application/json'].schema,
    );
    assert.ok(described(minimal), JSON.stringify(described.errors));
    assert.ok(described((await getJson(`${API}/services?per_page=3`)).body), JSON.stringify(described.errors));
    assert.equal(described({ ...minimal, contents: [{ id: minimal.contents[0]!.id }] }), false);
    assert.ok(
      own.paths['/api/oruk/{place}/services'].get.responses['200'].content['application/x-ndjson'],
      'the ndjson stream is described too',
    );
    const ndjson = await agent.get(`${API}/services?format=ndjson`);
    assert.match(ndjson.headers['content-type'] as string, /ndjson/);
    const lines = ndjson.body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const total = (await getJson(`${API}/services`)).body.total_items;
    assert.equal(lines.length, total);
    const bad = await getJson(`${API}/services?per_page=0&day=someday&modified_after=yesterday`);
    assert.equal(bad.status, 400);
    assert.match(bad.response.headers['content-type'] as string, /application\/problem\+json/);
    const unknown = await getJson('/api/oruk/atlantis/services');
    assert.equal(unknown.status, 404);
  });

  test('the endpoints are in the OpenAPI document', async () => {
    const doc = JSON.parse((await agent.get('/api/openapi.json')).body) as { paths: Record<string, unknown> };
    for (const path of [
      '/api/oruk/{place}',
      '/api/oruk/{place}/services',
      '/api/oruk/{place}/services/{id}',
      '/api/oruk/{place}/deleted_services',
      '/api/oruk/{place}/organizations',
      '/api/oruk/{place}/taxonomies',
      '/api/oruk/{place}/taxonomy_terms/{id}',
      '/api/oruk/{place}/service_at_locations/{id}',
    ]) {
      assert.ok(doc.paths[path], path);
    }
  });
});

describe('the bare /api/oruk address', () => {
  test('with several places it lists each place’s feed', async () => {
    const { status, body } = await getJson('/api/oruk');
    assert.equal(status, 200);
    assert.deepEqual(
      body.feeds.map((f: { place: string }) => f.place),
      ['aberllyn', 'calderbrook'],
    );
  });

  test('a Kith that serves one place sends /api/oruk and its resources on to that place’s feed', async () => {
    const single = await startTestKith();
    try {
      const { insertPlace } = await import('../places/index.js');
      await insertPlace(single.kith.db.kysely, { slug: 'riverside', name: 'Riverside' });
      const root = await single.app.inject({ method: 'GET', url: '/api/oruk' });
      assert.equal(root.statusCode, 307);
      assert.equal(root.headers.location, '/api/oruk/riverside');
      const services = await single.app.inject({ method: 'GET', url: '/api/oruk/services?page=2&per_page=5' });
      assert.equal(services.statusCode, 307);
      assert.equal(services.headers.location, '/api/oruk/riverside/services?page=2&per_page=5');
      const followed = await single.app.inject({ method: 'GET', url: services.headers.location as string });
      assert.equal(followed.statusCode, 200);
      assert.equal(followed.json().page_number, 2);
    } finally {
      await single.close();
    }
  });
});
