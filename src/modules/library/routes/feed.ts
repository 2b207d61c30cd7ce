import type { FastifyInstance } from 'fastify';
import type { Kith } from '../../../kith.js';
import { placeContext, viewInPlace } from '../../../web/place.js';
import { FEED_FIELDS, feedCsv, feedJson } from '../feed.js';
import { ensureLibrary } from '../library.js';
import { publishedCases } from '../store.js';

export function feedRoutes(app: FastifyInstance, kith: Kith) {
  app.get('/places/:place/library/cases.json', async (request, reply) => {
    const ctx = await placeContext(kith, request, { section: 'library', action: 'library.read' });
    await ensureLibrary(kith, ctx.place.id);
    const base = `${request.protocol}://${request.host}`;
    reply.header('access-control-allow-origin', '*');
    return reply
      .type('application/json; charset=utf-8')
      .send(
        feedJson({ slug: ctx.place.slug, name: ctx.name }, base, await publishedCases(kith.db.kysely, ctx.place.id)),
      );
  });

  app.get('/places/:place/library/cases.csv', async (request, reply) => {
    const ctx = await placeContext(kith, request, { section: 'library', action: 'library.read' });
    await ensureLibrary(kith, ctx.place.id);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${ctx.place.slug}-library.csv"`)
      .send(feedCsv(await publishedCases(kith.db.kysely, ctx.place.id)));
  });

  app.get('/places/:place/library/schema', async (request, reply) => {
    const ctx = await placeContext(kith, request, { section: 'library', action: 'library.read' });
    return viewInPlace(reply, ctx, 'library/schema.njk', {
      pageTitle: request.t('library.schema.title'),
      fields: FEED_FIELDS.map((f) => ({ name: f.name, meaning: request.lang === 'cy' ? f.cy : f.en })),
    });
  });
}
