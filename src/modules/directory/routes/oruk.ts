/**
 * The Open Referral UK API: each place's directory is one feed, at /api/oruk/<place>.
 * Open (no key), read-only, Access-Control-Allow-Origin: * on every answer.
 */
import { Readable } from 'node:stream';
import { createBrotliCompress, createGzip } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { weekdayParameter } from '../../../web/fields.js';
import { withWeakEtag } from '../../../web/etag.js';
import { acceptedEncoding, compressed } from '../../../web/compression.js';
import { NotFoundError } from '../../../errors.js';
import type { Kith } from '../../../kith.js';
import { listPlaces, type Place } from '../../places/index.js';
import { loadListings, taxonomyIndex, type TaxonomyIndex } from '../listings-read-store.js';
import {
  orukOrganisation,
  orukOrganisationSummary,
  orukPage,
  orukService,
  orukServiceAtLocation,
  orukServiceSummary,
  orukTaxonomy,
  orukTerm,
  ORUK_PROFILE,
  ORUK_VERSION,
} from '../oruk.js';
import { normalisePostcode } from '../../../platform/postcodes.js';
import { wordsOf } from '../search.js';
import {
  findServiceAtLocation,
  locationsNear,
  publishedIdsAfter,
  publishedServiceAtLocations,
  searchNear,
  searchPage,
  type ActivityFilter,
  type ServiceAtLocation,
} from '../search-store.js';
import { findOrganisation, listOrganisations } from '../organisations-store.js';
import { findPostcode } from '../locations-store.js';
import { removalsAfter } from '../removals-store.js';
import { taxonomiesOf, termsOf } from '../taxonomy-store.js';
import { directoryPlace } from './context.js';

const Paging = z.object({
  page: z.coerce
    .number({ error: 'validation.page' })
    .int('validation.page')
    .min(1, 'validation.page')
    .max(100000, 'validation.page')
    .default(1),
  per_page: z.coerce
    .number({ error: 'directory.api.perPage' })
    .int('directory.api.perPage')
    .min(1, 'directory.api.perPage')
    .max(500, 'directory.api.perPage')
    .default(50),
});
const bool = z
  .enum(['true', 'false', '1', '0'])
  .optional()
  .transform((v) => v === 'true' || v === '1');
const time = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?([+-]\d\d:?\d\d|Z)?$/, 'directory.api.time')
  .transform((v) => v.slice(0, 5))
  .optional();

const ServicesQuery = Paging.extend({
  search: z
    .string()
    .max(200, 'directory.search.tooLong')
    .optional()
    .describe('Words to find, with stemming (walk finds walking)'),
  // Open Referral UK 1.0 names: consumers written for it still send these.
  text: z.string().max(200, 'directory.search.tooLong').optional().describe('ORUK 1.0 name for search'),
  vocabulary: z.string().max(100).optional().describe('ORUK 1.0 name for taxonomy_id'),
  taxonomy_term_id: z.string().max(100).optional(),
  taxonomy_id: z.string().max(100).optional(),
  organization_id: z.string().max(100).optional(),
  modified_after: z.iso.datetime({ offset: true, error: 'directory.api.datetime' }).optional(),
  minimum_age: z.coerce
    .number({ error: 'directory.search.age.invalid' })
    .int('directory.search.age.invalid')
    .min(0, 'directory.search.age.invalid')
    .max(120, 'directory.search.age.invalid')
    .optional(),
  maximum_age: z.coerce
    .number({ error: 'directory.search.age.invalid' })
    .int('directory.search.age.invalid')
    .min(0, 'directory.search.age.invalid')
    .max(120, 'directory.search.age.invalid')
    .optional(),
  day: weekdayParameter('directory.search.day.invalid'),
  start_time: time,
  end_time: time,
  postcode: z.string().max(12).optional(),
  proximity: z.coerce
    .number({ error: 'directory.api.proximity' })
    .positive('directory.api.proximity')
    .max(100_000, 'directory.api.proximity')
    .optional()
    .describe('Metres from the postcode’s centre'),
  minimal: bool,
  full: bool,
  format: z.enum(['json', 'ndjson'], { error: 'directory.api.format' }).optional().default('json'),
});

/**
 * A feed's query: what it lists, and a 400 naming any other parameter, so a consumer never
 * takes everything for an answer to a filter Kith does not know.
 */
export function onlyListed<T extends z.ZodRawShape>(schema: z.ZodObject<T>) {
  return schema.catchall(z.unknown()).superRefine((value, ctx) => {
    for (const key of Object.keys(value))
      if (!(key in schema.shape))
        ctx.addIssue({ code: 'custom', path: [key], message: 'directory.api.unknownParameter' });
  });
}
const NoQuery = onlyListed(z.object({}));
const searchText = z.string().max(200, 'directory.search.tooLong').optional();
/** /service_at_locations takes the services' filters; minimal and format are for /services only. */
const ServiceAtLocationsQuery = ServicesQuery.omit({ minimal: true, format: true });

const PlaceParams = z.object({ place: z.string().max(60) });
const IdParams = PlaceParams.extend({ id: z.string().max(100) });

const Any = z.record(z.string(), z.unknown());
const PageOf = (item: z.ZodType) =>
  z.object({
    total_items: z.number().int(),
    total_pages: z.number().int(),
    page_number: z.number().int(),
    size: z.number().int(),
    first_page: z.boolean(),
    last_page: z.boolean(),
    empty: z.boolean(),
    contents: z.array(item),
  });
const Service = z.looseObject({
  id: z.uuid(),
  name: z.string(),
  status: z.enum(['active', 'inactive', 'defunct', 'temporarily closed']),
  url: z.string(),
  organization_id: z.uuid(),
});

/** A /services entry with minimal=true: enough to tell what changed since a last visit. */
const MinimalService = z.strictObject({ id: z.uuid(), last_modified: z.iso.datetime({ offset: true }) });

const TAG = 'Open Referral UK';

/** Every word of the search in one of the texts (all of them when there is no search). */
function matchesWords(search: string | undefined, ...texts: string[]): boolean {
  const haystack = texts.join(' ').toLowerCase();
  return wordsOf(search ?? '').every((w) => haystack.includes(w));
}

export function orukRoutes(app: FastifyInstance, kith: Kith) {
  const db = kith.db;

  // Open data (this feed and the OpenActive one): any web page may read it, so every answer
  // (errors too) says so. Each answer carries a weak ETag of its content: an aggregator that
  // sends it back in If-None-Match is told 304, with nothing to download, until something in
  // it changes. Large answers (and the ndjson stream) are compressed for a client that
  // accepts gzip or brotli.
  app.addHook('onSend', async (request, reply, payload) => {
    const openData =
      request.url.startsWith('/api/oruk/') || request.url === '/api/oruk' || request.url.startsWith('/api/openactive/');
    if (!openData) return payload;
    reply.header('access-control-allow-origin', '*');
    if (request.method !== 'GET' || reply.statusCode !== 200) return payload;
    reply.header('vary', 'accept-encoding');
    const encoding = acceptedEncoding(request.headers['accept-encoding']);
    if (payload instanceof Readable) {
      if (!encoding) return payload;
      reply.header('content-encoding', encoding);
      return payload.pipe(encoding === 'br' ? createBrotliCompress() : createGzip());
    }
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
    // A 304 (the client's tag still matches) has nothing to compress.
    if (withWeakEtag(request, reply, payload) === '') return '';
    return compressed(request, reply, payload);
  });

  const pageUrl = (place: Place, id: string) => `${kith.config.publicUrl}/places/${place.slug}/activities/${id}`;

  // Each place publishes its own feed (docs/decisions/0008). A deployment that serves one
  // place also answers at the bare /api/oruk addresses a validator or an aggregator tries
  // first, by sending them on to that place's feed.
  app.addHook('onRequest', async (request, reply) => {
    const match =
      /^\/api\/oruk\/(services|deleted_services|organizations|taxonomies|taxonomy_terms|service_at_locations)(\/.*|\?.*)?$/.exec(
        request.url,
      );
    if (!match || request.method !== 'GET') return;
    const places = await listPlaces(db.kysely);
    if (places.length === 1) return reply.redirect(`/api/oruk/${places[0]!.slug}/${match[1]}${match[2] ?? ''}`, 307);
  });

  app.api.define(app, {
    method: 'GET',
    url: '/api/oruk',
    tag: TAG,
    summary: 'The Open Referral UK feeds here: one per place',
    description:
      'Where Kith serves one place, this answers with that place’s feed (a 307 redirect to /api/oruk/{place}).',
    response: {
      status: 200,
      description: 'Each place’s feed',
      schema: z.object({ feeds: z.array(z.object({ place: z.string(), name: z.string(), url: z.string() })) }),
    },
    handler: async (_input, _request, reply) => {
      const places = await listPlaces(db.kysely);
      if (places.length === 1) return reply.redirect(`/api/oruk/${places[0]!.slug}`, 307);
      return {
        feeds: places.map((p) => ({ place: p.slug, name: p.name, url: `${kith.config.publicUrl}/api/oruk/${p.slug}` })),
      };
    },
  });

  for (const url of ['/api/oruk/:place', '/api/oruk/:place/']) {
    app.api.define(app, {
      method: 'GET',
      url,
      tag: TAG,
      summary: url.endsWith('/')
        ? 'About this feed (the same, with a trailing slash)'
        : 'About this feed: HSDS version, profile and OpenAPI description',
      params: PlaceParams,
      query: NoQuery,
      errors: [404],
      response: {
        status: 200,
        description: 'The feed’s version and profile',
        schema: z.object({ version: z.string(), profile: z.string(), openapi_url: z.string() }),
      },
      handler: async (_input, request) => {
        await directoryPlace(kith, request);
        return {
          version: ORUK_VERSION,
          profile: ORUK_PROFILE,
          openapi_url: `${kith.config.publicUrl}/api/openapi.json`,
        };
      },
    });
  }

  /** Filters from the query; a postcode Kith does not know matches nothing. */
  async function filterFrom(
    place: Place,
    q: z.output<typeof ServiceAtLocationsQuery>,
  ): Promise<ActivityFilter & { unknownPostcode?: boolean }> {
    const filter: ActivityFilter & { unknownPostcode?: boolean } = {
      placeId: place.id,
      words: (q.search ?? q.text) ? wordsOf((q.search ?? q.text)!) : undefined,
      termGroups: q.taxonomy_term_id ? [[q.taxonomy_term_id]] : undefined,
      taxonomyId: q.taxonomy_id ?? q.vocabulary,
      organisationId: q.organization_id,
      modifiedAfter: q.modified_after ? new Date(q.modified_after).toISOString() : undefined,
      minimumAgeAtLeast: q.minimum_age,
      maximumAgeAtMost: q.maximum_age,
      days: q.day ? [q.day] : undefined,
      opensFrom: q.start_time,
      closesBy: q.end_time,
    };
    if (q.postcode) {
      const postcode = normalisePostcode(q.postcode);
      const point = postcode ? await findPostcode(db.kysely, postcode) : undefined;
      if (!point) filter.unknownPostcode = true;
      else filter.near = { point, metres: q.proximity ?? 3219 };
    }
    return filter;
  }

  app.api.define(app, {
    method: 'GET',
    url: '/api/oruk/:place/services',
    tag: TAG,
    summary: 'Published services, a page at a time',
    description:
      'Filters: search (words, stemmed; text, its ORUK 1.0 name, too), taxonomy_term_id, taxonomy_id (or vocabulary), organization_id, modified_after, minimum_age (at least), maximum_age (at most), day (MO–SU or Monday–Sunday), start_time (opens at or after, HH:MM), end_time (closes at or before), postcode with proximity (metres, default 3219, nearest first). minimal=true gives ids and last_modified only; full=true nests everything; format=ndjson streams every match, one service a line, without paging.',
    params: PlaceParams,
    query: onlyListed(ServicesQuery),
    errors: [404],
    response: {
      status: 200,
      description:
        'A page of services (with minimal=true, each only its id and last_modified); with format=ndjson, every match, one service a line',
      schema: PageOf(z.union([Service, MinimalService])),
      alternatives: {
        'application/x-ndjson': z.string().describe('One service (as a page would list it) a line, in JSON'),
      },
    },
    handler: async ({ query: q }, request, reply) => {
      const place = await directoryPlace(kith, request);
      const filter = await filterFrom(place, q);
      const index = await taxonomyIndex(db.kysely, place.id);
      const present = async (ids: string[]) => {
        const listings = await loadListings(db.kysely, place.id, ids, index);
        return listings.map((l) =>
          q.minimal
            ? { id: l.activity.id, last_modified: l.activity.updatedAt }
            : q.full
              ? orukService(l, pageUrl(place, l.activity.id))
              : orukServiceSummary(l, pageUrl(place, l.activity.id)),
        );
      };
      if (q.format === 'ndjson') {
        const ids = filter.unknownPostcode
          ? []
          : filter.near
            ? (await searchNear(db.kysely, db.dialect, { ...filter, near: filter.near }))
                .sort((a, b) => a.distanceMetres! - b.distanceMetres!)
                .map((h) => h.id)
            : undefined;
        return reply.type('application/x-ndjson; charset=utf-8').send(Readable.from(ndjson(place.id, ids, present)));
      }
      const offset = (q.page - 1) * q.per_page;
      let ids: string[] = [];
      let total: number;
      if (filter.unknownPostcode) total = 0;
      else if (filter.near) {
        const hits = (await searchNear(db.kysely, db.dialect, { ...filter, near: filter.near })).sort(
          (a, b) => a.distanceMetres! - b.distanceMetres! || a.name.localeCompare(b.name),
        );
        total = hits.length;
        ids = hits.slice(offset, offset + q.per_page).map((h) => h.id);
      } else {
        const found = await searchPage(db.kysely, db.dialect, filter, {
          sort: filter.words?.length ? 'relevance' : 'name',
          limit: q.per_page,
          offset,
        });
        total = found.total;
        ids = found.hits.map((h) => h.id);
      }
      return orukPage(await present(ids), total, q.page, q.per_page);
    },
  });

  async function* ndjson(placeId: string, ids: string[] | undefined, present: (ids: string[]) => Promise<unknown[]>) {
    if (ids) {
      for (let i = 0; i < ids.length; i += 200)
        for (const s of await present(ids.slice(i, i + 200))) yield `${JSON.stringify(s)}\n`;
      return;
    }
    for (let after = ''; ;) {
      const batch = await publishedIdsAfter(db.kysely, placeId, after, 200);
      if (!batch.length) return;
      for (const s of await present(batch)) yield `${JSON.stringify(s)}\n`;
      after = batch[batch.length - 1]!;
    }
  }

  app.api.define(app, {
    method: 'GET',
    url: '/api/oruk/:place/deleted_services',
    tag: TAG,
    summary: 'Services that have left the feed, with when',
    description:
      'Kith’s addition to the ORUK API, which has no way to report deletions: a published service that is taken back for changes or for review leaves the feed, and is listed here with deleted_at, oldest first. modified_after gives those that left since then; a service published again drops off this list (and shows in /services with a new last_modified). Together with /services?modified_after and minimal=true, a copy can be kept exactly in step.',
    params: PlaceParams,
    query: onlyListed(Paging.extend({ modified_after: ServicesQuery.shape.modified_after })),
    errors: [404],
    response: {
      status: 200,
      description: 'A page of services no longer in the feed',
      schema: PageOf(z.strictObject({ id: z.uuid(), deleted_at: z.iso.datetime({ offset: true }) })),
    },
    handler: async ({ query: q }, request) => {
      const place = await directoryPlace(kith, request);
      const { rows, total } = await removalsAfter(
        db.kysely,
        place.id,
        q.modified_after ? new Date(q.modified_after).toISOString() : undefined,
        { limit: q.per_page, offset: (q.page - 1) * q.per_page },
      );
      return orukPage(
        rows.map((r) => ({ id: r.activityId, deleted_at: r.removedAt })),
        total,
        q.page,
        q.per_page,
      );
    },
  });

  app.api.define(app, {
    method: 'GET',
    url: '/api/oruk/:place/services/:id',
    tag: TAG,
    summary: 'One published service with everything about it',
    params: IdParams,
    query: NoQuery,
    errors: [404],
    response: { status: 200, description: 'The service, fully nested', schema: Service },
    handler: async ({ params }, request) => {
      const place = await directoryPlace(kith, request);
      const [listing] = await loadListings(db.kysely, place.id, [params.id]);
      if (!listing || listing.activity.state !== 'published') throw new NotFoundError();
      return orukService(listing, pageUrl(place, listing.activity.id));
    },
  });

  app.api.define(app, {
    method: 'GET',
    url: '/api/oruk/:place/organizations',
    tag: TAG,
    summary: 'Organisations, a page at a time',
    description:
      'search: words, each in the name or the description. full_service=true nests each organisation’s published services in full.',
    params: PlaceParams,
    query: onlyListed(
      Paging.extend({
        search: searchText.describe('Words, each found in the name or the description'),
        full_service: bool.describe('Nest each organisation’s published services in full'),
      }),
    ),
    errors: [404],
    response: { status: 200, description: 'A page of organisations', schema: PageOf(Any) },
    handler: async ({ query }, request) => {
      const place = await directoryPlace(kith, request);
      const { rows, total } = await listOrganisations(db.kysely, place.id, {
        limit: query.per_page,
        offset: (query.page - 1) * query.per_page,
        words: query.search ? wordsOf(query.search) : undefined,
      });
      if (!query.full_service) return orukPage(rows.map(orukOrganisationSummary), total, query.page, query.per_page);
      const index = await taxonomyIndex(db.kysely, place.id);
      const contents = [];
      for (const organisation of rows)
        contents.push({
          ...orukOrganisation(organisation),
          services: (await servicesOf(place, organisation.id, index)).map((l) =>
            orukService(l, pageUrl(place, l.activity.id)),
          ),
        });
      return orukPage(contents, total, query.page, query.per_page);
    },
  });

  /** An organisation's published listings, by name. */
  async function servicesOf(place: Place, organisationId: string, index?: TaxonomyIndex) {
    const { hits } = await searchPage(
      db.kysely,
      db.dialect,
      { placeId: place.id, organisationId },
      { sort: 'name', limit: 500, offset: 0 },
    );
    return loadListings(
      db.kysely,
      place.id,
      hits.map((h) => h.id),
      index,
    );
  }

  app.api.define(app, {
    method: 'GET',
    url: '/api/oruk/:place/organizations/:id',
    tag: TAG,
    summary: 'One organisation, with its published services',
    params: IdParams,
    query: NoQuery,
    errors: [404],
    response: { status: 200, description: 'The organisation', schema: Any },
    handler: async ({ params }, request) => {
      const place = await directoryPlace(kith, request);
      const organisation = await findOrganisation(db.kysely, place.id, params.id);
      if (!organisation) throw new NotFoundError();
      return {
        ...orukOrganisation(organisation),
        services: (await servicesOf(place, organisation.id)).map((l) =>
          orukServiceSummary(l, pageUrl(place, l.activity.id)),
        ),
      };
    },
  });

  app.api.define(app, {
    method: 'GET',
    url: '/api/oruk/:place/taxonomies',
    tag: TAG,
    summary: 'The vocabularies listings are described with',
    params: PlaceParams,
    query: onlyListed(
      Paging.extend({ search: searchText.describe('Words, each found in the name or the description') }),
    ),
    errors: [404],
    response: { status: 200, description: 'A page of taxonomies', schema: PageOf(Any) },
    handler: async ({ query }, request) => {
      const place = await directoryPlace(kith, request);
      const all = (await taxonomiesOf(db.kysely, place.id))
        .filter((t) => matchesWords(query.search, t.name, t.description))
        .map(orukTaxonomy);
      const offset = (query.page - 1) * query.per_page;
      return orukPage(all.slice(offset, offset + query.per_page), all.length, query.page, query.per_page);
    },
  });

  app.api.define(app, {
    method: 'GET',
    url: '/api/oruk/:place/taxonomies/:id',
    tag: TAG,
    summary: 'One vocabulary, with its terms',
    params: IdParams,
    query: NoQuery,
    errors: [404],
    response: { status: 200, description: 'The taxonomy', schema: Any },
    handler: async ({ params }, request) => {
      const place = await directoryPlace(kith, request);
      const taxonomy = (await taxonomiesOf(db.kysely, place.id)).find((t) => t.id === params.id);
      if (!taxonomy) throw new NotFoundError();
      const terms = (await termsOf(db.kysely, place.id)).filter((t) => t.taxonomyId === taxonomy.id);
      return { ...orukTaxonomy(taxonomy), taxonomy_terms: terms.map((t) => orukTerm(t, taxonomy)) };
    },
  });

  app.api.define(app, {
    method: 'GET',
    url: '/api/oruk/:place/taxonomy_terms',
    tag: TAG,
    summary: 'Taxonomy terms, a page at a time',
    description:
      'taxonomy_id: the terms of one vocabulary; parent_id: the terms directly under one term; top_only=true: terms under no other; search: words, each in the term or its description.',
    params: PlaceParams,
    query: onlyListed(
      Paging.extend({
        taxonomy_id: z.string().max(100).optional(),
        parent_id: z.string().max(100).optional().describe('Only the terms directly under this term'),
        top_only: bool.describe('Only the terms under no other term'),
        search: searchText.describe('Words, each found in the term or its description'),
      }),
    ),
    errors: [404],
    response: { status: 200, description: 'A page of terms', schema: PageOf(Any) },
    handler: async ({ query }, request) => {
      const place = await directoryPlace(kith, request);
      const taxonomies = new Map((await taxonomiesOf(db.kysely, place.id)).map((t) => [t.id, t]));
      const all = (await termsOf(db.kysely, place.id))
        .filter((t) => !query.taxonomy_id || t.taxonomyId === query.taxonomy_id)
        .filter((t) => !query.parent_id || t.parentId === query.parent_id)
        .filter((t) => !query.top_only || !t.parentId)
        .filter((t) => matchesWords(query.search, t.term, t.description))
        .map((t) => orukTerm(t, taxonomies.get(t.taxonomyId)));
      const offset = (query.page - 1) * query.per_page;
      return orukPage(all.slice(offset, offset + query.per_page), all.length, query.page, query.per_page);
    },
  });

  app.api.define(app, {
    method: 'GET',
    url: '/api/oruk/:place/taxonomy_terms/:id',
    tag: TAG,
    summary: 'One taxonomy term',
    params: IdParams,
    query: NoQuery,
    errors: [404],
    response: { status: 200, description: 'The term', schema: Any },
    handler: async ({ params }, request) => {
      const place = await directoryPlace(kith, request);
      const term = (await termsOf(db.kysely, place.id)).find((t) => t.id === params.id);
      if (!term) throw new NotFoundError();
      const taxonomy = (await taxonomiesOf(db.kysely, place.id)).find((t) => t.id === term.taxonomyId);
      return orukTerm(term, taxonomy);
    },
  });

  app.api.define(app, {
    method: 'GET',
    url: '/api/oruk/:place/service_at_locations',
    tag: TAG,
    summary: 'Where published services happen, a page at a time',
    description:
      'The filters of /services (search or text, taxonomy_term_id, taxonomy_id or vocabulary, organization_id, modified_after, minimum_age, maximum_age, day, start_time, end_time) choose the services; postcode with proximity (metres from the postcode’s centre, default 3219) gives the locations nearby, nearest first. full=true nests each service in full.',
    params: PlaceParams,
    query: onlyListed(ServiceAtLocationsQuery),
    errors: [404],
    response: { status: 200, description: 'A page of service_at_location records', schema: PageOf(Any) },
    handler: async ({ query: q }, request) => {
      const place = await directoryPlace(kith, request);
      const { placeId, near, unknownPostcode, ...chosen } = await filterFrom(place, q);
      const offset = (q.page - 1) * q.per_page;
      let rows: ServiceAtLocation[];
      let total: number;
      const narrowed = Object.values(chosen).some((v) => v !== undefined);
      if (unknownPostcode) [rows, total] = [[], 0];
      else if (!narrowed && !near)
        ({ rows, total } = await publishedServiceAtLocations(db.kysely, place.id, { limit: q.per_page, offset }));
      else {
        // The services that match, best first for words; then where they happen, nearest first.
        const order = narrowed
          ? new Map(
              (
                await searchPage(
                  db.kysely,
                  db.dialect,
                  { placeId, ...chosen },
                  {
                    sort: chosen.words?.length ? 'relevance' : 'name',
                    limit: 100_000,
                    offset: 0,
                  },
                )
              ).hits.map((h, i) => [h.id, i]),
            )
          : undefined;
        const distances = near ? await locationsNear(db.kysely, place.id, near.point, near.metres) : undefined;
        const all = (
          await publishedServiceAtLocations(db.kysely, place.id, {
            limit: 100_000,
            offset: 0,
            locationIds: distances && [...distances.keys()],
          })
        ).rows
          .filter((r) => !order || order.has(r.activityId))
          .sort(
            (a, b) =>
              (distances ? distances.get(a.locationId)! - distances.get(b.locationId)! : 0) ||
              (order ? order.get(a.activityId)! - order.get(b.activityId)! : 0) ||
              a.id.localeCompare(b.id),
          );
        total = all.length;
        rows = all.slice(offset, offset + q.per_page);
      }
      const listings = new Map(
        (await loadListings(db.kysely, place.id, [...new Set(rows.map((r) => r.activityId))])).map((l) => [
          l.activity.id,
          l,
        ]),
      );
      const contents = rows.flatMap((r) => {
        const listing = listings.get(r.activityId);
        const location = listing?.locations.find((l) => l.serviceAtLocationId === r.id);
        return listing && location
          ? [orukServiceAtLocation(listing, location, pageUrl(place, listing.activity.id), q.full)]
          : [];
      });
      return orukPage(contents, total, q.page, q.per_page);
    },
  });

  app.api.define(app, {
    method: 'GET',
    url: '/api/oruk/:place/service_at_locations/:id',
    tag: TAG,
    summary: 'One service at one location, fully nested',
    params: IdParams,
    query: NoQuery,
    errors: [404],
    response: { status: 200, description: 'The service_at_location', schema: Any },
    handler: async ({ params }, request) => {
      const place = await directoryPlace(kith, request);
      const row = await findServiceAtLocation(db.kysely, place.id, params.id);
      if (!row) throw new NotFoundError();
      const [listing] = await loadListings(db.kysely, place.id, [row.activityId]);
      const location = listing?.locations.find((l) => l.serviceAtLocationId === row.id);
      if (!listing || !location) throw new NotFoundError();
      return orukServiceAtLocation(listing, location, pageUrl(place, listing.activity.id), true);
    },
  });
}
