import type { FastifyInstance } from 'fastify';
import { NotFoundError } from '../../../errors.js';
import type { Kith } from '../../../kith.js';
import { placeContext, viewInPlace } from '../../../web/place.js';
import { GUIDES } from '../guides.js';

export function guideRoutes(app: FastifyInstance, kith: Kith) {
  app.get('/places/:place/library/guides', async (request, reply) => {
    const ctx = await placeContext(kith, request, { section: 'library', action: 'library.read' });
    return viewInPlace(reply, ctx, 'library/guides.njk', {
      pageTitle: request.t('library.guides.title'),
      guides: GUIDES.map((g) => ({
        key: g.key,
        title: request.t(`library.guide.${g.key}.title`),
        summary: request.t(`library.guide.${g.key}.summary`),
      })),
    });
  });

  app.get('/places/:place/library/guides/:guide', async (request, reply) => {
    const ctx = await placeContext(kith, request, { section: 'library', action: 'library.read' });
    const guide = GUIDES.find((g) => g.key === (request.params as { guide: string }).guide);
    if (!guide) throw new NotFoundError();
    return viewInPlace(reply, ctx, 'library/guide.njk', {
      pageTitle: request.t(`library.guide.${guide.key}.title`),
      summary: request.t(`library.guide.${guide.key}.summary`),
      source: request.t(`library.guide.${guide.key}.source`),
      steps: guide.steps.map((s) => ({
        title: request.t(`library.guide.${guide.key}.${s.key}.title`),
        text: request.t(`library.guide.${guide.key}.${s.key}.text`),
        href: `/places/${ctx.place.slug}/${s.opens}`,
        opens: request.t(`library.guide.opens.${s.opens}`),
      })),
    });
  });
}
