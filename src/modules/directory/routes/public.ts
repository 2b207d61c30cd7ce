/**
 * What everyone can see without signing in: the search page (list and map), an
 * activity's page with its calendar file, and the open data exports.
 */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { NotFoundError } from '../../../errors.js';
import type { Kith } from '../../../kith.js';
import type { FieldErrors } from '../../../web/forms.js';
import { paginationFor } from '../../../web/pagination.js';
import { withWeakEtag } from '../../../web/etag.js';
import { jsonForScript } from '../../../web/script-json.js';
import { compressed } from '../../../web/compression.js';
import { listPlaces, placeName } from '../../places/index.js';
import { listingsCsv, locationsGeoJson } from '../exports.js';
import { findActivities, taxonomyAt } from '../finder.js';
import type { TaxonomyIndex } from '../listings-read-store.js';
import { directoryVersion } from '../search-store.js';
import { cacheOf } from '../search-cache.js';
import { FLASH_COOKIE } from '../../../web/app.js';
import { loadListings, ruleOf } from '../listings-read-store.js';
import { agesText, costText, languageName, nextDatesText, resultCard, schedulesText } from '../present.js';
import { activityCalendar, nextOccurrences } from '../schedules.js';
import { listingJsonLd } from '../json-ld.js';
import {
  DEFAULT_DISTANCE_MILES,
  DISTANCES_MILES,
  parseSearchQuery,
  PER_PAGE,
  searchQueryString,
  SORTS,
  TIMES_OF_DAY,
  type SearchParams,
} from '../search.js';
import { findPostcode, pointOfPlaceName } from '../locations-store.js';
import { localised } from '../taxonomy.js';
import { explainerFor } from '../../library/index.js';
import { canManage, pageBasics, directoryPlace } from './context.js';
import { WEEKDAYS, todayInPlace } from '../../../platform/dates.js';

export function publicRoutes(app: FastifyInstance, kith: Kith) {
  // "Find activities" in the header: straight to your place's search, or a choice of places.
  app.get('/activities', async (request, reply) => {
    const places = await listPlaces(kith.db.kysely);
    const mine = places.filter((p) => request.actor.roles.some((r) => r.placeId === p.id));
    const only = mine.length === 1 ? mine[0] : places.length === 1 ? places[0] : undefined;
    if (only) return reply.redirect(`/places/${only.slug}/activities`, 303);
    return reply.view('directory/choose-place.njk', {
      pageTitle: request.t('directory.choose.title'),
      places: places.map((p) => ({ slug: p.slug, name: placeName(p, request.lang) })),
    });
  });

  app.get('/places/:place/activities', { onSend: keepPage }, async (request, reply) => {
    const place = await directoryPlace(kith, request);
    const parsed = parseSearchQuery(request.query);
    const params = parsed.value;
    const errors: FieldErrors = parsed.ok ? {} : { ...parsed.errors };
    let point = params.point;
    if (params.postcode && !errors.postcode) {
      const found = await findPostcode(kith.db.kysely, params.postcode);
      if (found) point = found;
      else errors.postcode = { key: 'directory.search.postcode.unknown', params: { postcode: params.postcode } };
    } else if (params.placeName && !errors.postcode) {
      const found = await pointOfPlaceName(kith.db.kysely, place.id, params.placeName);
      if (found) point = found;
      else errors.postcode = { key: 'directory.search.placeName.unknown', params: { name: params.placeName } };
    }
    const searchable = !errors.postcode && !errors.distance;
    // The version first, before anything it guards (search-cache.ts); the typology's words
    // are explained where they are offered, each once (the library's glossary).
    const [version, explainer] = await Promise.all([
      directoryVersion(kith.db.kysely, place.id),
      explainerFor(kith, request, place),
    ]);
    const index = await taxonomyAt(kith.db, place.id, version);
    const vocabularies = vocabulariesOf(request, index, params.termCodes, explainer);

    // Someone not signed in sees what everyone not signed in sees for this address, at
    // this version of the directory: the page made for the last of them, if it is still here.
    const shared = !request.person && !request.cookies[FLASH_COOKIE];
    const key = JSON.stringify([place, version, request.lang, request.url, vocabularies, point ?? null]);
    if (shared) {
      const kept = keptPages(kith).get(key);
      if (kept) return sendKept(request, reply, kept);
      pageKeys.set(request, key);
    }

    const found = await findActivities(
      kith.db,
      place.id,
      searchable ? params : { ...params, postcode: undefined, placeName: undefined, point: undefined },
      searchable ? point : undefined,
      PER_PAGE,
      version,
    );
    const view = (request.query as { view?: string }).view === 'map' ? 'map' : 'list';
    const base = `/places/${place.slug}/activities`;
    const cards = found.results.map((r) =>
      resultCard(request.t, request.lang, r.listing, r.distanceMetres, r.locationId),
    );
    const status = Object.keys(errors).length ? 400 : 200;
    return reply.view(
      'directory/search.njk',
      {
        pageTitle: request.t('directory.search.title', { place: placeName(place, request.lang) }),
        ...pageBasics(request, place),
        base,
        params,
        values: {
          q: params.text,
          postcode: params.postcode ?? params.placeName ?? (request.query as { postcode?: string }).postcode ?? '',
          age: params.age ?? '',
        },
        errors,
        fieldIds: { term: 'term' },
        view,
        total: found.total,
        cards,
        near: !!point && searchable,
        mapPoints:
          view === 'map'
            ? JSON.stringify(
                cards
                  .filter((c) => c.latitude !== undefined)
                  .map((c) => ({ id: c.id, name: c.name, lat: c.latitude, lng: c.longitude, href: `${base}/${c.id}` })),
              )
            : '',
        mapCentre: point ? JSON.stringify([point.latitude, point.longitude]) : '',
        tileUrl: kith.config.mapTileUrl ?? '',
        tileAttribution: kith.config.mapTileAttribution ?? '',
        listHref: `${base}?${searchQueryString(params, { page: params.page > 1 ? params.page : undefined })}`,
        mapHref: `${base}?${searchQueryString(params, { view: 'map', page: params.page > 1 ? params.page : undefined })}`,
        distances: DISTANCES_MILES.map((m) => ({
          value: String(m),
          text: request.t('directory.search.miles', { count: m }),
          selected: (params.distanceMiles ?? DEFAULT_DISTANCE_MILES) === m,
        })),
        days: WEEKDAYS.map((d) => ({
          value: d.toLowerCase(),
          text: request.t(`directory.day.${d}`),
          checked: params.days.includes(d),
        })),
        times: [
          { value: '', text: request.t('directory.search.anyTime'), checked: !params.time },
          ...TIMES_OF_DAY.map((time) => ({
            value: time,
            text: request.t(`directory.time.${time}`),
            checked: params.time === time,
          })),
        ],
        sorts: [
          { value: '', text: request.t('directory.sort.auto'), selected: !params.sortAsked },
          ...SORTS.map((s) => ({
            value: s,
            text: request.t(`directory.sort.${s}`),
            selected: params.sortAsked && params.sort === s,
          })),
        ],
        vocabularies,
        pagination: paginationFor(request.t, {
          page: params.page,
          perPage: PER_PAGE,
          total: found.total,
          href: (p) => `${base}?${searchQueryString(params, { page: p, view: view === 'map' ? 'map' : undefined })}`,
        }),
        exportCsv: `/places/${place.slug}/directory/listings.csv`,
        exportGeoJson: `/places/${place.slug}/directory/locations.geojson`,
      },
      status,
    );
  });

  app.get('/places/:place/activities/:id', async (request, reply) => {
    const place = await directoryPlace(kith, request);
    const [listing] = await loadListings(kith.db.kysely, place.id, [(request.params as { id: string }).id]);
    if (!listing) throw new NotFoundError();
    const editable = await canManage(kith, request, place.id, listing.organisation.id);
    // Only published listings are public; their organisers and admins may preview the rest.
    if (listing.activity.state !== 'published' && !editable) throw new NotFoundError();
    const t = request.t;
    const a = listing.activity;
    const published = a.state === 'published';
    const pageUrl = `${kith.config.publicUrl}/places/${place.slug}/activities/${a.id}`;
    const calendarHref = `/places/${place.slug}/activities/${a.id}/calendar.ics`;
    return reply.view('directory/activity.njk', {
      pageTitle: a.name,
      ...pageBasics(request, place),
      activity: a,
      organisation: listing.organisation,
      editable,
      published,
      stateText: t(`directory.state.${a.state}`),
      nextDates: nextDatesText(t, request.lang, listing),
      when: schedulesText(t, request.lang, listing.schedules),
      locations: listing.locations,
      cost: costText(t, listing.costs),
      ages: agesText(t, a.minimumAge, a.maximumAge),
      languages: listing.languages.map((code) => languageName(t, code)).join(', '),
      contacts: listing.contacts,
      // One row a vocabulary, its terms together ("Needs and interests: Loneliness, Carers").
      terms: termsByVocabulary(
        listing.attributes.map((x) => ({
          vocabulary: localised(request.lang, x.taxonomy.name, x.taxonomy.nameCy),
          term: localised(request.lang, x.term.term, x.term.termCy),
        })),
      ),
      calendarHref,
      hasSchedule: listing.schedules.length > 0,
      // What machines read in the head, for a published listing only (a preview is no one else's):
      // schema.org JSON-LD, and the same listing as Open Referral UK JSON and as a calendar file.
      jsonLd: published
        ? jsonForScript(listingJsonLd(listing, { pageUrl, payWhatYouCan: t('directory.cost.payWhatYouCan') }))
        : '',
      alternates: published
        ? [
            { type: 'application/json', href: `/api/oruk/${place.slug}/services/${a.id}` },
            ...(listing.schedules.length ? [{ type: 'text/calendar', href: calendarHref }] : []),
          ]
        : [],
      backHref: `/places/${place.slug}/activities`,
      editHref: `/places/${place.slug}/directory/activities/${a.id}/edit`,
    });
  });

  app.api.define(app, {
    method: 'GET',
    url: '/places/:place/activities/:id/calendar.ics',
    summary: 'A published activity’s sessions as an iCalendar file, to add to a calendar',
    params: z.object({ place: z.string().max(60), id: z.string().max(100) }),
    ...openFile('text/calendar', 'One repeating event (RRULE) a schedule, with the activity’s page as its URL'),
    handler: async (_input, request, reply) => {
      const place = await directoryPlace(kith, request);
      const [listing] = await loadListings(kith.db.kysely, place.id, [(request.params as { id: string }).id]);
      if (!listing || listing.activity.state !== 'published' || !listing.schedules.length) throw new NotFoundError();
      const today = todayInPlace();
      const pageUrl = `${kith.config.publicUrl}/places/${place.slug}/activities/${listing.activity.id}`;
      const location = listing.locations[0];
      const events = listing.schedules.flatMap((s) => {
        const rule = ruleOf(s);
        const first = nextOccurrences([rule], today, 1)[0];
        if (!first) return [];
        return [
          {
            uid: `${s.id}@kith`,
            summary: listing.activity.name,
            description: [listing.activity.description, listing.activity.howToJoin, pageUrl]
              .filter(Boolean)
              .join('\n\n'),
            location: location ? `${location.name}, ${location.address1}, ${location.city}, ${location.postcode}` : '',
            url: pageUrl,
            rule,
            first: first.date,
            changedAt: listing.activity.updatedAt,
          },
        ];
      });
      if (!events.length) throw new NotFoundError();
      const filename =
        listing.activity.name
          .replace(/[^A-Za-z0-9]+/g, '-')
          .replace(/^-|-$/g, '')
          .toLowerCase() || 'activity';
      return reply
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', `attachment; filename="${filename}.ics"`)
        .send(activityCalendar(events));
    },
  });

  app.api.define(app, {
    method: 'GET',
    url: '/places/:place/directory/listings.csv',
    summary: 'Every published activity of a place, one a row, as CSV (Kith’s import reads it back)',
    params: z.object({ place: z.string().max(60) }),
    ...openFile('text/csv', 'The activities, with a header row'),
    handler: async (_input, request, reply) => {
      const place = await directoryPlace(kith, request);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${place.slug}-activities.csv"`)
        .header('access-control-allow-origin', '*')
        .send(await listingsCsv(kith.db.kysely, place.id));
    },
  });

  app.api.define(app, {
    method: 'GET',
    url: '/places/:place/directory/locations.geojson',
    summary: 'Where a place’s published activities happen, as GeoJSON for a map',
    params: z.object({ place: z.string().max(60) }),
    ...openFile(
      'application/geo+json',
      'A FeatureCollection: one Point a location, with the activities held there',
      z.looseObject({ type: z.literal('FeatureCollection'), features: z.array(z.looseObject({})) }),
    ),
    handler: async (_input, request, reply) => {
      const place = await directoryPlace(kith, request);
      return reply
        .type('application/geo+json; charset=utf-8')
        .header('access-control-allow-origin', '*')
        .send(
          await locationsGeoJson(kith.db.kysely, place.id, `${kith.config.publicUrl}/places/${place.slug}/activities`),
        );
    },
  });

  // The open data files are tagged like the ORUK feed: sent back, a tag gets a 304 until
  // the data changes. Like the feed, they are compressed for a client that accepts it.
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.method !== 'GET' || reply.statusCode !== 200 || !TAGGED.has(request.routeOptions.url ?? ''))
      return payload;
    reply.header('vary', 'accept-encoding');
    if (withWeakEtag(request, reply, payload) === '') return '';
    return compressed(request, reply, payload);
  });
}

/** An open data file's description: public, in its own media type, 404 for a place or listing not found. */
const openFile = (contentType: string, description: string, schema: z.ZodType = z.string()) => ({
  tag: 'Open data',
  errors: [404],
  response: { status: 200, contentType, description, schema },
});
const TAGGED = new Set([
  '/places/:place/activities/:id/calendar.ics',
  '/places/:place/directory/listings.csv',
  '/places/:place/directory/locations.geojson',
]);

export type { SearchParams };

function termsByVocabulary(terms: ReadonlyArray<{ vocabulary: string; term: string }>) {
  const rows = new Map<string, string[]>();
  for (const { vocabulary, term } of terms) rows.set(vocabulary, [...(rows.get(vocabulary) ?? []), term]);
  return [...rows].map(([vocabulary, names]) => ({ vocabulary, text: names.join(', ') }));
}

/**
 * The vocabularies offered as filters. The toolkit's "typology of social action" is
 * jargon to a resident: the filter says what it means, and names the term for those who know it.
 */
function vocabulariesOf(
  request: FastifyRequest,
  index: TaxonomyIndex,
  termCodes: readonly string[],
  explainer: Awaited<ReturnType<typeof explainerFor>>,
) {
  return [...index.taxonomies.values()].map((tax) => ({
    key: tax.key,
    name:
      tax.key === 'social-action'
        ? request.t('directory.search.socialAction')
        : localised(request.lang, tax.name, tax.nameCy),
    hint: tax.key === 'social-action' ? request.t('directory.search.socialAction.hint') : undefined,
    items: [...index.terms.values()]
      .filter((term) => term.taxonomyId === tax.id)
      .map((term) => ({
        value: term.code,
        text: localised(request.lang, term.term, term.termCy),
        checked: termCodes.includes(term.code),
        hint:
          tax.key === 'social-action' && explainer.has(term.code) ? { html: explainer.first(term.code) } : undefined,
      })),
  }));
}

interface KeptPage {
  html: string;
  status: number;
  etag: string;
  /** Made the first time a browser that takes gzip asks: about a sixth of the size. */
  gzipped?: Buffer;
}

/** Search pages as someone not signed in saw them, by everything that made them (see the route). */
function keptPages(kith: Kith) {
  return cacheOf<KeptPage>(kith.db, 'directory:searchPages', 500);
}

/** The cache key of a page being made for someone not signed in, for keepPage to store it under. */
const pageKeys = new WeakMap<FastifyRequest, string>();

/**
 * Shared pages may be kept by the browser and asked for again with their ETag: an
 * unchanged page costs a 304. A signed-in person's page stays no-store.
 */
function sharedHeaders(reply: FastifyReply, etag: string) {
  return reply.header('cache-control', 'private, no-cache').header('etag', etag);
}

function sendKept(request: FastifyRequest, reply: FastifyReply, page: KeptPage) {
  const gzip = /\bgzip\b/.test(request.headers['accept-encoding'] ?? '');
  // Each encoding is its own representation, with its own tag.
  const etag = gzip ? `${page.etag.slice(0, -1)}-gzip"` : page.etag;
  sharedHeaders(reply, etag).header('vary', 'accept-encoding');
  if (request.headers['if-none-match'] === etag) return reply.code(304).send();
  reply.code(page.status).type('text/html; charset=utf-8');
  if (!gzip) return reply.send(page.html);
  page.gzipped ??= gzipSync(page.html);
  return reply.header('content-encoding', 'gzip').send(page.gzipped);
}

/**
 * Keeps the page just made for someone not signed in, unless making it set a cookie (a
 * CSRF token would then be in it, and that is one browser's alone).
 */
async function keepPage(request: FastifyRequest, reply: FastifyReply, payload: unknown) {
  const key = pageKeys.get(request);
  if (
    key === undefined ||
    request.sessionToken ||
    typeof payload !== 'string' ||
    (reply.statusCode !== 200 && reply.statusCode !== 400) ||
    reply.getHeader('set-cookie') !== undefined
  )
    return payload;
  const etag = `"${createHash('sha256').update(payload).digest('base64url').slice(0, 27)}"`;
  keptPages(request.server.kith).set(key, { html: payload, status: reply.statusCode, etag });
  sharedHeaders(reply, etag).header('vary', 'accept-encoding');
  return payload;
}
