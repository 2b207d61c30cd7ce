/**
 * What the people who run a space see of its use (a table by month, and the same as CSV),
 * and a booker's private calendar feed (made, replaced or stopped on their bookings page).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError } from '../../../errors.js';
import type { Kith } from '../../../kith.js';
import { csvDocument } from '../../../platform/csv.js';
import { addDays, addMonths, shortMonth, todayInPlace, type IsoDate } from '../../../platform/dates.js';
import { parseInput } from '../../../web/forms.js';
import { actorId, placeContext, viewInPlace, type PlaceContext } from '../../../web/place.js';
import { bookerCalendar } from '../calendar.js';
import { feedReader, startFeed, stopFeed } from '../feeds.js';
import { UseQuery } from '../inputs.js';
import { minuteOf, pounds } from '../rules.js';
import { feedBookings, findSpace, lapseHolds, liveFeedOf, type Space } from '../store.js';
import { percent, useOfSpace, type MonthOfUse } from '../use.js';
import { subjectOf } from './context.js';

const hours = (minutes: number) => Math.round(minutes / 6) / 10;

export function ownerRoutes(app: FastifyInstance, kith: Kith) {
  const db = () => kith.db.kysely;

  async function managedSpace(request: FastifyRequest, ctx: PlaceContext): Promise<Space> {
    const space = await findSpace(db(), ctx.place.id, (request.params as { space: string }).space);
    if (!space) throw new NotFoundError();
    kith.policy.authorize(request.actor, 'spaces.manage', await subjectOf(kith, request, space));
    return space;
  }

  /** The period asked for, or the last three months to today; a bad one is a 400 with the page's error. */
  function periodOf(request: FastifyRequest) {
    const today = todayInPlace();
    const parsed = parseInput(UseQuery, request.query);
    const from = (parsed.ok && parsed.value.from) || addDays(addMonths(today, -3), 1);
    const to = (parsed.ok && parsed.value.to) || today;
    return { from: from as IsoDate, to: to as IsoDate, errors: parsed.ok ? undefined : parsed.errors };
  }

  const rowsOf = (request: FastifyRequest, months: MonthOfUse[]) =>
    months.map((m) => ({
      month: shortMonth(m.month, request.lang),
      open: hours(m.openMinutes),
      booked: hours(m.bookedMinutes),
      used: percent(m.bookedMinutes, m.openMinutes),
      community: percent(m.communityMinutes, m.bookedMinutes),
      bookings: m.bookings,
      income: m.paidPence,
      noShows: m.noShows,
    }));

  app.get('/places/:place/spaces/:space/use', async (request, reply) => {
    const ctx = await placeContext(kith, request, { section: 'spaces' });
    const space = await managedSpace(request, ctx);
    const period = periodOf(request);
    const months = period.errors ? [] : await useOfSpace(db(), space, period.from, period.to);
    const total = months.reduce(
      (sum, m) => ({
        openMinutes: sum.openMinutes + m.openMinutes,
        bookedMinutes: sum.bookedMinutes + m.bookedMinutes,
        communityMinutes: sum.communityMinutes + m.communityMinutes,
        bookings: sum.bookings + m.bookings,
        paidPence: sum.paidPence + m.paidPence,
        noShows: sum.noShows + m.noShows,
      }),
      { openMinutes: 0, bookedMinutes: 0, communityMinutes: 0, bookings: 0, paidPence: 0, noShows: 0 },
    );
    const none = request.t('spaces.use.none');
    const cells = (r: ReturnType<typeof rowsOf>[number]) => [
      String(r.open),
      String(r.booked),
      r.used === null ? none : `${r.used}%`,
      r.community === null ? none : `${r.community}%`,
      String(r.bookings),
      pounds(r.income),
      String(r.noShows),
    ];
    return viewInPlace(
      reply,
      ctx,
      'spaces/use.njk',
      {
        pageTitle: request.t('spaces.use.title', { space: space.name }),
        space,
        rows: rowsOf(request, months).map((r) => ({ month: r.month, cells: cells(r) })),
        total: months.length ? cells(rowsOf(request, [{ month: '', ...total }])[0]!) : [],
        values: { from: period.from, to: period.to },
        csvHref: `${ctx.base}/${space.id}/use.csv?from=${period.from}&to=${period.to}`,
        errors: period.errors,
      },
      period.errors ? 400 : 200,
    );
  });

  app.get('/places/:place/spaces/:space/use.csv', async (request, reply) => {
    const ctx = await placeContext(kith, request, { section: 'spaces' });
    const space = await managedSpace(request, ctx);
    const period = periodOf(request);
    if (period.errors)
      return reply.code(400).type('text/plain; charset=utf-8').send(request.t('spaces.validation.period'));
    const t = request.t;
    const months = await useOfSpace(db(), space, period.from, period.to);
    const csv = csvDocument(
      [
        t('spaces.use.month'),
        t('spaces.use.open'),
        t('spaces.use.booked'),
        t('spaces.use.used'),
        t('spaces.use.community'),
        t('spaces.use.bookings'),
        t('spaces.use.income'),
        t('spaces.use.noShows'),
      ],
      months.map((m) => [
        m.month,
        hours(m.openMinutes),
        hours(m.bookedMinutes),
        percent(m.bookedMinutes, m.openMinutes) ?? '',
        percent(m.communityMinutes, m.bookedMinutes) ?? '',
        m.bookings,
        (m.paidPence / 100).toFixed(2),
        m.noShows,
      ]),
    );
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="space-use.csv"')
      .send(csv);
  });

  // A booker's private calendar feed

  async function showFeed(request: FastifyRequest, reply: FastifyReply, ctx: PlaceContext, address = '') {
    const live = await liveFeedOf(db(), ctx.place.id, actorId(request));
    return viewInPlace(reply, ctx, 'spaces/feed.njk', {
      pageTitle: request.t('spaces.feed.title'),
      address,
      live: live && { createdText: shortMonth(live.createdAt.slice(0, 7), request.lang), createdAt: live.createdAt },
    });
  }

  app.get('/places/:place/spaces/bookings/calendar', async (request, reply) => {
    const ctx = await placeContext(kith, request, { section: 'spaces', action: 'spaces.book' });
    return showFeed(request, reply, ctx);
  });

  app.post('/places/:place/spaces/bookings/calendar', async (request, reply) => {
    const ctx = await placeContext(kith, request, { section: 'spaces', action: 'spaces.book' });
    const me = actorId(request);
    if ((request.body as { stop?: string } | undefined)?.stop === 'yes') {
      await stopFeed(kith, { placeId: ctx.place.id, personId: me });
      return reply.seeOther(`${ctx.base}/bookings/calendar`, 'spaces.flash.feedStopped');
    }
    const token = await startFeed(kith, { placeId: ctx.place.id, personId: me });
    // The address is shown this once: only its hash is kept.
    return showFeed(request, reply, ctx, `${kith.config.publicUrl}${ctx.base}/calendars/${token}/bookings.ics`);
  });

  app.get('/places/:place/spaces/calendars/:token/bookings.ics', async (request, reply) => {
    const ctx = await placeContext(kith, request, { section: 'spaces' });
    const personId = await feedReader(db(), ctx.place.id, (request.params as { token: string }).token);
    if (!personId) throw new NotFoundError();
    const now = new Date();
    await lapseHolds(db(), now);
    const bookings = await feedBookings(db(), ctx.place.id, personId, minuteOf(now) - 30 * 24 * 60);
    return reply
      .type('text/calendar; charset=utf-8')
      .header('content-disposition', 'inline; filename="my-bookings.ics"')
      .header('cache-control', 'private, no-store')
      .send(
        bookerCalendar(request.t('spaces.feed.calendarName', { place: ctx.name }), bookings, {
          held: request.t('spaces.status.provisional'),
        }),
      );
  });
}
