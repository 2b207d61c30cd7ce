/**
 * The asset map for everyone: filters by kind and area, counts per kind, a list that
 * needs no JavaScript, the map as an enhancement (the directory's Leaflet bundle), and
 * the exports. What a viewer may see is decided in the store's queries.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Kith } from '../../../kith.js';
import { asArray, parseInput, type FieldErrors } from '../../../web/forms.js';
import type { Lang, Translate } from '../../../web/i18n.js';
import { PageQuery, paginationFor } from '../../../web/pagination.js';
import { listPlaces, placeName } from '../../places/index.js';
import { DISTANCES_MILES, organisationSummariesByIds, pointForPostcode } from '../../directory/index.js';
import { METRES_PER_MILE, normalisePostcode, type Point } from '../../../platform/postcodes.js';
import { acvTimeline } from '../acv-dates.js';
import { factsOf } from '../acv.js';
import { currentAcvsOf, noticesOf } from '../acv-store.js';
import { assetsCsv, assetsGeoJson } from '../exports.js';
import { assetMap, type MapEntry } from '../inventory.js';
import { namesOf } from '../people.js';
import { keyDateText, shortText, standingTag } from '../present.js';
import { ASSET_KINDS, type AssetKind } from '../inputs.js';
import { placeFor, viewWith, type PlaceContext } from './context.js';
import { todayInPlace } from '../../../platform/dates.js';

const MapQueryInput = PageQuery.extend({
  kind: z
    .union([z.string(), z.array(z.string())], { error: 'assets.validation.mapKind' })
    .optional()
    .transform((v) => asArray(v))
    .pipe(
      z
        .array(z.enum(ASSET_KINDS, { error: 'assets.validation.mapKind' }))
        .max(ASSET_KINDS.length, 'assets.validation.mapKind'),
    ),
  postcode: z
    .string()
    .trim()
    .max(12, 'assets.validation.postcode.format')
    .optional()
    .transform((v) => v || undefined),
  distance: z.coerce
    .number({ error: 'assets.validation.distance' })
    .refine((n) => (DISTANCES_MILES as readonly number[]).includes(n), 'assets.validation.distance')
    .optional()
    .default(2),
  view: z.enum(['list', 'map']).optional().catch('list'),
});
type MapQueryInput = z.output<typeof MapQueryInput>;

const PER_PAGE = 20;
const milesText = (metres: number) => (metres / METRES_PER_MILE).toFixed(1);

export function mapRoutes(app: FastifyInstance, kith: Kith) {
  const db = () => kith.db.kysely;

  // "Asset map" in the header: straight to your place's map, or a choice of places.
  app.get('/assets', async (request, reply) => {
    const places = await listPlaces(db());
    const mine = places.filter((p) => request.actor.roles.some((r) => r.placeId === p.id));
    const only = mine.length === 1 ? mine[0] : places.length === 1 ? places[0] : undefined;
    if (only) return reply.redirect(`/places/${only.slug}/assets`, 303);
    return reply.view('assets/choose-place.njk', {
      pageTitle: request.t('assets.choose.title'),
      places: places.map((p) => ({ slug: p.slug, name: placeName(p, request.lang) })),
    });
  });

  app.get('/places/:place/assets', async (request, reply) => {
    const ctx = await placeFor(kith, request);
    const { t, lang } = request;
    const parsed = parseInput(MapQueryInput, request.query);
    const errors: FieldErrors = parsed.ok ? {} : { ...parsed.errors };
    const query: MapQueryInput = parsed.ok
      ? parsed.value
      : { page: 1, kind: [], distance: 2, view: 'list', postcode: undefined, ...partial(request.query) };
    let point: Point | undefined;
    if (query.postcode && !errors.postcode && !errors.distance) {
      if (!normalisePostcode(query.postcode)) errors.postcode = { key: 'assets.validation.postcode.format' };
      else if (!(point = await pointForPostcode(db(), query.postcode)))
        errors.postcode = {
          key: 'assets.validation.postcode.unknown',
          params: { postcode: normalisePostcode(query.postcode)! },
        };
    }
    const kinds: AssetKind[] = query.kind.length && !errors.kind ? query.kind : [...ASSET_KINDS];
    const view = query.view === 'map' ? 'map' : 'list';
    const found = await assetMap(db(), ctx.viewing, {
      kinds,
      near: point ? { point, miles: query.distance } : undefined,
      page: errors.page ? 1 : query.page,
      perPage: PER_PAGE,
      withPoints: view === 'map',
    });
    const entries = await presentEntries(kith, t, lang, ctx, found.entries);
    const params = (extra: Record<string, string | number | undefined>) => {
      const search = new URLSearchParams();
      for (const k of query.kind) search.append('kind', k);
      if (query.postcode && point) search.set('postcode', query.postcode);
      if (point) search.set('distance', String(query.distance));
      for (const [k, v] of Object.entries(extra)) if (v !== undefined) search.set(k, String(v));
      return search.toString();
    };
    return viewWith(
      reply,
      ctx,
      'assets/map.njk',
      {
        pageTitle: t('assets.map.title', { place: ctx.name }),
        view,
        errors,
        fieldIds: { kind: 'kind' },
        values: { postcode: (request.query as { postcode?: string }).postcode ?? '' },
        near: !!point,
        entries,
        total: found.total,
        counts: ASSET_KINDS.map((k) => ({ kind: k, text: t(`assets.kind.${k}.plural`), count: found.counts[k] })),
        kindItems: ASSET_KINDS.map((k) => ({
          value: k,
          text: t(`assets.kind.${k}.plural`),
          checked: query.kind.includes(k),
        })),
        distances: DISTANCES_MILES.map((m) => ({
          value: String(m),
          text: t('assets.map.miles', { count: m }),
          selected: query.distance === m,
        })),
        mapPoints:
          view === 'map'
            ? JSON.stringify(
                found.points.map((a) => ({
                  id: a.id,
                  name: a.name,
                  lat: a.latitude,
                  lng: a.longitude,
                  href: `${ctx.base}/${a.id}`,
                })),
              )
            : '',
        mapCentre: point ? JSON.stringify([point.latitude, point.longitude]) : '',
        tileUrl: kith.config.mapTileUrl ?? '',
        tileAttribution: kith.config.mapTileAttribution ?? '',
        listHref: `${ctx.base}?${params({ page: query.page > 1 ? query.page : undefined })}`,
        mapHref: `${ctx.base}?${params({ view: 'map', page: query.page > 1 ? query.page : undefined })}`,
        pagination: paginationFor(t, {
          page: query.page,
          perPage: PER_PAGE,
          total: found.total,
          href: (p) => `${ctx.base}?${params({ page: p, view: view === 'map' ? 'map' : undefined })}`,
        }),
        canContribute: kith.policy.can(request.actor, 'assetMap.contribute', ctx.place),
        exportCsv: `${ctx.base}/export.csv`,
        exportGeoJson: `${ctx.base}/export.geojson`,
      },
      Object.keys(errors).length ? 400 : 200,
    );
  });

  const assetUrl = (slug: string) => (id: string) => `${kith.config.publicUrl}/places/${slug}/assets/${id}`;

  app.get('/places/:place/assets/export.csv', async (request, reply) => {
    const ctx = await placeFor(kith, request);
    return (
      reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${ctx.place.slug}-assets.csv"`)
        // What is in it depends on who asks: never cached where someone else could get it.
        .header('cache-control', 'private, no-store')
        .header('vary', 'cookie')
        .send(await assetsCsv(db(), ctx.viewing, assetUrl(ctx.place.slug)))
    );
  });

  app.get('/places/:place/assets/export.geojson', async (request, reply) => {
    const ctx = await placeFor(kith, request);
    return reply
      .type('application/geo+json; charset=utf-8')
      .header('cache-control', 'private, no-store')
      .header('vary', 'cookie')
      .send(await assetsGeoJson(db(), ctx.viewing, assetUrl(ctx.place.slug)));
  });
}

/** The parts of a query that were valid, when another part was not. */
function partial(query: unknown): Partial<MapQueryInput> {
  const q = (query ?? {}) as Record<string, unknown>;
  const kind = asArray(q.kind).filter((k): k is AssetKind => (ASSET_KINDS as readonly string[]).includes(k));
  const distance = Number(q.distance);
  return {
    kind,
    postcode: typeof q.postcode === 'string' && q.postcode.trim() ? q.postcode.trim().slice(0, 12) : undefined,
    distance: (DISTANCES_MILES as readonly number[]).includes(distance) ? distance : 2,
    view: q.view === 'map' ? 'map' : 'list',
  };
}

/** Each entry as the list shows it: kind, organisation, distance, any Asset of Community Value standing, and a sharer's name only for members. */
async function presentEntries(kith: Kith, t: Translate, lang: Lang, ctx: PlaceContext, entries: MapEntry[]) {
  const db = kith.db.kysely;
  const assets = entries.flatMap((e) => (e.type === 'asset' ? [e.asset] : []));
  const skills = entries.flatMap((e) => (e.type === 'skill' ? [e.skill] : []));
  const member = ctx.viewing.levels.includes('members');
  const [organisations, acvs, names] = await Promise.all([
    organisationSummariesByIds(
      db,
      ctx.place.id,
      assets.flatMap((a) => (a.organisationId ? [a.organisationId] : [])),
    ),
    currentAcvsOf(
      db,
      ctx.place.id,
      assets.map((a) => a.id),
    ),
    member
      ? namesOf(
          db,
          skills.map((s) => s.personId),
        )
      : Promise.resolve(new Map<string, string | null>()),
  ]);
  const notices = await noticesOf(
    db,
    ctx.place.id,
    acvs.map((r) => r.id),
  );
  const today = todayInPlace();
  return entries.map((e) => {
    if (e.type === 'skill') {
      const s = e.skill;
      return {
        type: 'skill',
        name: s.description,
        kindText: t(`assets.skillKind.${s.kind}`) + (s.category ? ` · ${t(`assets.category.${s.category}`)}` : ''),
        sharedBy: member ? (names.get(s.personId) ?? t('assets.someone')) : t('assets.aNeighbour'),
      };
    }
    const a = e.asset;
    const record = acvs.find((r) => r.assetId === a.id);
    const history = record
      ? {
          record,
          notices: notices.filter((n) => n.acvId === record.id),
          timeline: acvTimeline(factsOf(record, notices), today),
        }
      : undefined;
    return {
      type: 'asset',
      href: `${ctx.base}/${a.id}`,
      name: a.name,
      kindText: t(`assets.kind.${a.kind}`),
      description: shortText(a.description),
      organisation: a.organisationId ? organisations.get(a.organisationId)?.name : undefined,
      where: a.postcode
        ? e.distanceMetres !== undefined
          ? t('assets.map.distance', { postcode: a.postcode, miles: milesText(e.distanceMetres) })
          : a.postcode
        : undefined,
      acvTag: history ? standingTag(t, history.timeline.standing) : undefined,
      acvDate: history ? keyDateText(t, lang, history) : undefined,
    };
  });
}
