import { createRequire } from 'node:module';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Kith } from '../../kith.js';
import { sessionCookieName } from '../../web/app.js';

const require = createRequire(import.meta.url);
const VERSION = (require('../../../package.json') as { version: string }).version;

export function siteRoutes(app: FastifyInstance, kith: Kith) {
  app.get('/accessibility', async (request, reply) =>
    reply.view('site/accessibility.njk', {
      pageTitle: request.t('site.accessibility.title'),
      operator: kith.config.operator,
      statement: kith.config.accessibility,
      publicUrl: kith.config.publicUrl,
      // What does not yet meet WCAG 2.2 AA, each with the criterion it fails.
      nonCompliant: ['userContent'],
    }),
  );
  app.get('/privacy', async (request, reply) =>
    reply.view('site/privacy.njk', { pageTitle: request.t('site.privacy.title') }),
  );

  app.api.define(app, {
    method: 'GET',
    url: '/healthz',
    tag: 'Operations',
    summary: 'Is Kith up, and can it reach its database?',
    errors: [503],
    response: {
      status: 200,
      description: 'Kith is running and its database answers',
      schema: z.object({
        status: z.enum(['ok', 'unavailable']),
        database: z.enum(['ok', 'unreachable']),
        dialect: z.enum(['sqlite', 'postgres']),
      }),
    },
    handler: async (_input, _request, reply) => {
      try {
        await kith.db.ping();
        reply.header('cache-control', 'no-store');
        return { status: 'ok', database: 'ok', dialect: kith.db.dialect };
      } catch {
        return reply
          .code(503)
          .header('cache-control', 'no-store')
          .send({ status: 'unavailable', database: 'unreachable', dialect: kith.db.dialect });
      }
    },
  });

  // A route that does no work at all: the benchmark's measure of the server's own ceiling.
  app.get('/api/ping', { logLevel: 'silent' }, async () => ({ ok: true }));

  let document: Record<string, unknown> | undefined;
  const openApi = () =>
    (document ??= app.api.document({
      title: 'Kith API',
      version: VERSION,
      description: 'The JSON endpoints of Kith. Errors are RFC 9457 problem details (application/problem+json).',
      serverUrl: kith.config.publicUrl,
      sessionCookie: sessionCookieName(kith),
    }));

  app.get('/api/openapi.json', async (_request, reply) =>
    reply.header('access-control-allow-origin', '*').send(openApi()),
  );

  app.get('/api/docs', async (request, reply) => {
    const doc = openApi() as {
      paths: Record<
        string,
        Record<
          string,
          {
            summary: string;
            description?: string;
            tags: string[];
            parameters?: Array<{ name: string; in: string; required: boolean }>;
          }
        >
      >;
    };
    const endpoints = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ method: method.toUpperCase(), path, ...op, tag: op.tags[0] })),
    );
    // Section names are the catalogue's; the endpoints' descriptions come from the code in
    // English only, and a Welsh page marks them as English so they are read as English.
    const tags = [...new Set(endpoints.map((e) => e.tag ?? ''))].map((tag) => {
      const key = API_TAGS[tag];
      return {
        tag: key ? request.t(key) : tag,
        tagLang: key ? request.lang : 'en',
        endpoints: endpoints.filter((e) => e.tag === tag),
      };
    });
    return reply.view('site/api-docs.njk', { pageTitle: request.t('site.api.title'), tags });
  });
}

/** The API's sections by their OpenAPI tag, named in the page's language. */
const API_TAGS: Record<string, string> = {
  Accounts: 'site.api.tag.accounts',
  'Time credits': 'site.api.tag.timeCredits',
  'Offers and requests': 'site.api.tag.offers',
  Operations: 'site.api.tag.operations',
  Places: 'site.api.tag.places',
  Volunteering: 'site.api.tag.volunteering',
  'Open Referral UK': 'site.api.tag.oruk',
  'Open data': 'site.api.tag.openData',
};
