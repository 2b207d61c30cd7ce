/**
 * What's on: the place's upcoming public events (open, active groups; scheduled, not
 * hidden) today, this week or in the next four weeks, optionally near a postcode within
 * a few miles, by time or nearest first. A plain GET form: it works without JavaScript,
 * and a postcode that can't be found is said beside the field.
 */
import type { FastifyInstance } from 'fastify';
import type { Kith } from '../../../kith.js';
import { dateAndTime } from '../../../platform/dates.js';
import { METRES_PER_MILE, normalisePostcode } from '../../../platform/postcodes.js';
import type { Point } from '../../../platform/postcodes.js';
import { parseInput, type FieldErrors } from '../../../web/forms.js';
import { placeContext, viewInPlace } from '../../../web/place.js';
import { pointForPostcode } from '../../directory/index.js';
import { WHATS_ON_MILES, WHATS_ON_SPANS, WhatsOnQuery } from '../inputs.js';
import { findWhatsOn } from '../whats-on.js';

export function whatsOnRoutes(app: FastifyInstance, kith: Kith) {
  app.get('/places/:place/groups/whats-on', async (request, reply) => {
    const ctx = await placeContext(kith, request, { section: 'groups', action: 'groups.find' });
    const { t, lang } = request;
    const raw = (request.query ?? {}) as Record<string, unknown>;
    const parsed = parseInput(WhatsOnQuery, raw);
    const errors: FieldErrors = parsed.ok ? {} : { ...parsed.errors };
    const query: WhatsOnQuery = parsed.ok
      ? parsed.value
      : { when: 'week', distance: 2, order: 'time', postcode: typeof raw.postcode === 'string' ? raw.postcode : '' };
    let point: Point | undefined;
    if (query.postcode && !errors.postcode && !errors.distance) {
      const postcode = normalisePostcode(query.postcode);
      if (!postcode) errors.postcode = { key: 'groups.validation.whatsOn.postcode.format' };
      else if (!(point = await pointForPostcode(kith.db.kysely, postcode)))
        errors.postcode = { key: 'groups.validation.whatsOn.postcode.unknown', params: { postcode } };
    }
    const span = errors.when ? 'week' : query.when;
    const found = await findWhatsOn(kith.db.kysely, ctx.place.id, {
      span,
      near: point ? { point, miles: query.distance } : undefined,
      order: query.order === 'distance' ? 'distance' : 'time',
      now: new Date(),
    });
    const events = found.events.map((e) => ({
      title: e.title,
      href: `${ctx.base}/events/${e.id}`,
      groupName: e.groupName,
      whenText: dateAndTime(e.startsAt, lang),
      whereText: e.mode === 'online' ? t('groups.whatsOn.online') : e.address,
      distanceText:
        e.metres === null ? '' : t('groups.whatsOn.away', { miles: (e.metres / METRES_PER_MILE).toFixed(1) }),
    }));
    return viewInPlace(
      reply,
      ctx,
      'groups/whats-on.njk',
      {
        pageTitle: t('groups.whatsOn.title'),
        errors,
        fieldIds: { when: 'when', distance: 'distance', order: 'order' },
        values: { postcode: typeof raw.postcode === 'string' ? raw.postcode : '' },
        near: Boolean(point),
        events,
        countText: t(point ? 'groups.whatsOn.countNear' : 'groups.whatsOn.count', {
          count: events.length,
          miles: query.distance,
        }),
        full: found.full,
        spans: WHATS_ON_SPANS.map((s) => ({ value: s, text: t(`groups.whatsOn.when.${s}`), checked: s === span })),
        distances: WHATS_ON_MILES.map((m) => ({
          value: String(m),
          text: t('groups.whatsOn.miles', { count: m }),
          selected: query.distance === m,
        })),
        orders: ['time', 'distance'].map((o) => ({
          value: o,
          text: t(`groups.whatsOn.order.${o}`),
          selected: o === (query.order ?? 'time'),
        })),
      },
      Object.keys(errors).length ? 400 : 200,
    );
  });
}
