/**
 * The link-preview images of public group and event pages: drawn by Kith, served only
 * while the page itself is public (an open, active group; a scheduled event in one), and
 * tagged with what they show so a social site's crawler fetches each version once.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError } from '../../../errors.js';
import type { Kith } from '../../../kith.js';
import { formatDate } from '../../../platform/dates.js';
import { isLang, type Lang } from '../../../web/i18n.js';
import { placeContext } from '../../../web/place.js';
import { placeName } from '../../places/index.js';
import { shareImagePng, type ShareImage } from '../../../web/share-image.js';
import { publicEvent, publicGroup } from '../rules.js';
import { findEvent, type GroupEvent } from '../store.js';
import { groupIn } from './context.js';

/** The language an image is drawn in: the one its page was read in (given in its address), else the reader's. */
export function imageLang(request: FastifyRequest): Lang {
  const asked = (request.query as { in?: unknown } | undefined)?.in;
  return isLang(asked) ? asked : (request.lang as Lang);
}

/** When an event is, as its share image and the image's description say it: the day in full, on the place's clock. */
export function eventWhen(event: Pick<GroupEvent, 'startsAt'>, lang: string): string {
  return formatDate(event.startsAt, lang, { dateStyle: 'full', timeStyle: 'short' });
}

function sendImage(request: FastifyRequest, reply: FastifyReply, image: ShareImage) {
  const { tag, png } = shareImagePng(image);
  const etag = `"${tag}"`;
  reply
    .header('etag', etag)
    // A day in caches; the page's tags name the image afresh when it changes.
    .header('cache-control', 'public, max-age=86400')
    .header('vary', 'Accept-Language, Cookie');
  const sent = String(request.headers['if-none-match'] ?? '')
    .split(',')
    .map((t) => t.trim().replace(/^W\//, ''));
  if (sent.includes(etag)) return reply.code(304).send();
  return reply.type('image/png').send(png);
}

export function shareRoutes(app: FastifyInstance, kith: Kith) {
  app.get('/places/:place/groups/:group/share.png', async (request, reply) => {
    const ctx = await placeContext(kith, request, { section: 'groups', action: 'groups.find' });
    const { group } = await groupIn(kith, request, ctx, (request.params as { group: string }).group);
    if (!publicGroup(group)) throw new NotFoundError();
    return sendImage(request, reply, {
      place: placeName(ctx.place, imageLang(request)),
      title: group.name,
      when: '',
      site: 'Kith',
    });
  });

  app.get('/places/:place/groups/events/:event/share.png', async (request, reply) => {
    const ctx = await placeContext(kith, request, { section: 'groups', action: 'groups.find' });
    // Not there at all unless public: a members-only event's image is not a sign-in away.
    const event = await findEvent(kith.db.kysely, ctx.place.id, (request.params as { event: string }).event);
    if (!event) throw new NotFoundError();
    const { group } = await groupIn(kith, request, ctx, event.groupId);
    if (!publicEvent(group, event)) throw new NotFoundError();
    return sendImage(request, reply, {
      place: placeName(ctx.place, imageLang(request)),
      title: event.title,
      when: eventWhen(event, imageLang(request)),
      site: 'Kith',
    });
  });
}
