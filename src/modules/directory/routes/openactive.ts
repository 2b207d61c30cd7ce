/**
 * The OpenActive feed: each place's physical activity as a Realtime Paged Data Exchange 1.0
 * feed of SessionSeries, at /api/openactive/<place>/session-series. Open (no key), read-only.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Kith } from '../../../kith.js';
import { loadListings } from '../listings-read-store.js';
import { FEED_PAGE_SIZE, modifiedOf, OPENACTIVE_LICENSE, sessionSeries, type RpdeItem } from '../openactive.js';
import { openActivePage } from '../openactive-store.js';
import { directoryPlace } from './context.js';
import { onlyListed } from './oruk.js';

const TAG = 'OpenActive';

const FeedQuery = onlyListed(
  z.object({
    afterTimestamp: z
      .string()
      .regex(/^\d{1,15}$/, 'directory.openactive.afterTimestamp')
      .transform(Number)
      .optional()
      .describe('The modified of the last item already read (from the previous page’s next)'),
    afterId: z
      .string()
      .min(1, 'directory.openactive.afterId')
      .max(100, 'directory.openactive.afterId')
      .optional()
      .describe('The id of the last item already read (from the previous page’s next)'),
    limit: z.coerce
      .number({ error: 'directory.openactive.limit' })
      .int('directory.openactive.limit')
      .min(1, 'directory.openactive.limit')
      .max(500, 'directory.openactive.limit')
      .optional()
      .describe(`Items a page (Kith’s addition; ${FEED_PAGE_SIZE} unless asked)`),
  }),
).superRefine((value, ctx) => {
  // RPDE: the two go together, or neither (the first page).
  if ((value.afterTimestamp === undefined) !== (value.afterId === undefined))
    ctx.addIssue({
      code: 'custom',
      path: [value.afterTimestamp === undefined ? 'afterTimestamp' : 'afterId'],
      message: 'directory.openactive.together',
    });
});

const Item = z.object({
  state: z.enum(['updated', 'deleted']),
  kind: z.literal('SessionSeries'),
  id: z.string(),
  modified: z.number().int(),
  data: z.record(z.string(), z.unknown()).optional(),
});
const Page = z.object({ next: z.string(), items: z.array(Item), license: z.string() });

export function openActiveRoutes(app: FastifyInstance, kith: Kith) {
  const db = kith.db;

  // Answers are open to any web page, tagged and compressed by the ORUK feed's hook (routes/oruk.ts).
  app.api.define(app, {
    method: 'GET',
    url: '/api/openactive/:place/session-series',
    tag: TAG,
    summary: 'Physical activity as an OpenActive RPDE feed of SessionSeries',
    description:
      'Realtime Paged Data Exchange 1.0, ordered by modified then id. Published listings tagged “Physical activity” are items in state updated, with a SessionSeries (OpenActive Modelling Opportunity Data 2.0) as data; a listing that was in the feed and left it (unpublished, or the tag taken off) is in state deleted, without data; a listing never in the feed is never mentioned. Start with no parameters and follow next: it carries afterTimestamp and afterId, which go together. The last page has no items and a next that is its own address; read it again later for what changed since.',
    params: z.object({ place: z.string().max(60) }),
    query: FeedQuery,
    errors: [404],
    response: { status: 200, description: 'A page of the feed', schema: Page },
    handler: async ({ query: q }, request) => {
      const place = await directoryPlace(kith, request);
      const limit = q.limit ?? FEED_PAGE_SIZE;
      const after =
        q.afterTimestamp !== undefined && q.afterId !== undefined
          ? { timestamp: q.afterTimestamp, id: q.afterId }
          : undefined;
      const page = (await openActivePage(db.kysely, place.id, after, limit)).map((e) => ({
        ...e,
        modified: modifiedOf(e),
      }));
      const listings = new Map(
        (
          await loadListings(
            db.kysely,
            place.id,
            page.filter((e) => e.live).map((e) => e.activityId),
          )
        ).map((l) => [l.activity.id, l]),
      );
      const items: RpdeItem[] = page.map((e) => {
        const listing = e.live ? listings.get(e.activityId) : undefined;
        const base = { kind: 'SessionSeries' as const, id: e.activityId, modified: e.modified };
        if (!listing) return { state: 'deleted', ...base };
        const pageUrl = `${kith.config.publicUrl}/places/${place.slug}/activities/${e.activityId}`;
        return { state: 'updated', ...base, data: sessionSeries(listing, pageUrl, place.timeZone) };
      });
      const last = page.at(-1);
      const cursor = last ? { timestamp: last.modified, id: last.activityId } : after;
      const next = new URL(`${kith.config.publicUrl}/api/openactive/${place.slug}/session-series`);
      if (cursor) {
        next.searchParams.set('afterTimestamp', String(cursor.timestamp));
        next.searchParams.set('afterId', cursor.id);
      }
      if (q.limit !== undefined) next.searchParams.set('limit', String(q.limit));
      return { next: next.toString(), items, license: OPENACTIVE_LICENSE };
    },
  });
}
