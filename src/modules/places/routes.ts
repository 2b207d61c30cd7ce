import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { NotFoundError } from '../../errors.js';
import type { Kith } from '../../kith.js';
import { isMember } from '../../policy/index.js';
import { placeName } from './places.js';
import { findPlaceBySlug, listPlaces } from './store.js';

export function placesRoutes(app: FastifyInstance, kith: Kith) {
  app.get('/', async (request, reply) => {
    const places = await listPlaces(kith.db.kysely);
    return reply.view('places/home.njk', {
      pageTitle: request.t('places.home.title'),
      places: places.map((p) => ({
        slug: p.slug,
        name: placeName(p, request.lang),
        member: isMember(request.actor, p.id),
      })),
    });
  });

  app.get('/places/:place', async (request, reply) => {
    const place = await findPlaceBySlug(kith.db.kysely, (request.params as { place: string }).place);
    if (!place) throw new NotFoundError();
    const name = placeName(place, request.lang);
    const links = kith.modules
      .flatMap((m) => m.placeLinks?.(request, place) ?? [])
      .sort((a, b) => a.order - b.order)
      .map((l) => ({ text: request.t(l.key), hint: request.t(l.hintKey), href: l.href }));
    return reply.view('places/place.njk', {
      pageTitle: name,
      headerPlace: name,
      place: { ...place, name },
      member: isMember(request.actor, place.id),
      asked: request.person?.askedToJoin.includes(place.id) ?? false,
      links,
    });
  });

  app.api.define(app, {
    method: 'GET',
    url: '/api/v1/places',
    tag: 'Places',
    summary: 'The places this Kith serves',
    response: {
      status: 200,
      description: 'Every place, by name',
      schema: z.object({
        places: z.array(
          z.object({ id: z.string(), slug: z.string(), name: z.string(), nameCy: z.string().nullable() }),
        ),
      }),
    },
    handler: async () => ({
      places: (await listPlaces(kith.db.kysely)).map(({ id, slug, name, nameCy }) => ({ id, slug, name, nameCy })),
    }),
  });
}
