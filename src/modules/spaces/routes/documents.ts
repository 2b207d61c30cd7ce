/** A space's public busy calendar, a booking's invoice, and the owner's CSV of bookings for finance. */
import type { FastifyInstance } from 'fastify';
import { NotFoundError } from '../../../errors.js';
import type { Kith } from '../../../kith.js';
import { csvDocument } from '../../../platform/csv.js';
import { longDate, placeParts, todayInPlace } from '../../../platform/dates.js';
import { renderPdf } from '../../../web/pdf.js';
import { placeContext } from '../../../web/place.js';
import { organisationSummariesByIds } from '../../directory/index.js';
import { namesOf } from '../../people/index.js';
import { busyCalendar } from '../calendar.js';
import { chargeOf, minuteOf, pounds } from '../rules.js';
import { bookingsOfSpaces, findBooking, findSpace, lapseHolds, liveBookingsBetween, paymentsFor } from '../store.js';
import { presentBooking, subjectOf } from './context.js';

export function documentRoutes(app: FastifyInstance, kith: Kith) {
  const db = () => kith.db.kysely;

  app.get('/places/:place/spaces/:space/calendar.ics', async (request, reply) => {
    const ctx = await placeContext(kith, request, { section: 'spaces', action: 'spaces.find' });
    const space = await findSpace(db(), ctx.place.id, (request.params as { space: string }).space);
    if (!space || space.status !== 'listed') throw new NotFoundError();
    const now = new Date();
    await lapseHolds(db(), now);
    const from = minuteOf(now) - 30 * 24 * 60;
    const bookings = await liveBookingsBetween(db(), space.id, from, minuteOf(now) + 400 * 24 * 60);
    return reply
      .type('text/calendar; charset=utf-8')
      .header('content-disposition', 'inline; filename="space.ics"')
      .send(
        busyCalendar(space, bookings, {
          busy: request.t('spaces.week.busy'),
          held: request.t('spaces.status.provisional'),
        }),
      );
  });

  app.get('/places/:place/spaces/bookings/:booking/invoice.pdf', async (request, reply) => {
    const ctx = await placeContext(kith, request, { section: 'spaces' });
    const booking = await findBooking(db(), ctx.place.id, (request.params as { booking: string }).booking);
    if (!booking) throw new NotFoundError();
    const space = (await findSpace(db(), ctx.place.id, booking.spaceId))!;
    kith.policy.authorize(request.actor, 'spaces.booking', {
      bookerId: booking.bookerId,
      space: await subjectOf(kith, request, space),
    });
    const t = request.t;
    const shown = presentBooking(t, request.lang, booking, space.name);
    const names = await namesOf(db(), booking.bookerId ? [booking.bookerId] : []);
    const group = booking.organisationId
      ? (await organisationSummariesByIds(db(), ctx.place.id, [booking.organisationId])).get(booking.organisationId)
      : undefined;
    const owner = space.organisationId
      ? (await organisationSummariesByIds(db(), ctx.place.id, [space.organisationId])).get(space.organisationId)?.name
      : ctx.name;
    const number = booking.id.slice(0, 8).toUpperCase();
    const pdf = await renderPdf(
      { title: t('spaces.invoice.title', { number }), lang: request.lang, author: owner ?? ctx.name },
      (doc) => {
        doc.heading(t('spaces.invoice.title', { number }));
        doc.paragraph(t('spaces.invoice.from', { owner: owner ?? ctx.name }));
        doc.summary([
          [t('spaces.invoice.date'), longDate(todayInPlace(), request.lang)],
          [t('spaces.bookings.booker'), (booking.bookerId && names.get(booking.bookerId)) || t('spaces.someone')],
          ...(group ? ([[t('spaces.field.group'), group.name]] as Array<[string, string]>) : []),
          [t('spaces.bookings.space'), space.name],
          [t('spaces.bookings.when'), shown.whenText],
          [t('spaces.bookings.status'), shown.statusText],
        ]);
        doc.table(
          [t('spaces.invoice.item'), t('spaces.invoice.amount')],
          [
            [t('spaces.invoice.hire', { tier: shown.tierText }), shown.priceText],
            [t('spaces.field.deposit'), shown.depositText],
            [t('spaces.booking.total'), pounds(booking.pricePence + booking.depositPence)],
          ],
          [0.7, 0.3],
        );
        doc.paragraph(t('spaces.invoice.payment'), { secondary: true });
      },
    );
    return reply
      .type('application/pdf')
      .header('content-disposition', `inline; filename="invoice-${number}.pdf"`)
      .send(pdf);
  });

  app.get('/places/:place/spaces/:space/bookings.csv', async (request, reply) => {
    const ctx = await placeContext(kith, request, { section: 'spaces' });
    const space = await findSpace(db(), ctx.place.id, (request.params as { space: string }).space);
    if (!space) throw new NotFoundError();
    kith.policy.authorize(request.actor, 'spaces.manage', await subjectOf(kith, request, space));
    const bookings = await bookingsOfSpaces(db(), ctx.place.id, [space.id], 0);
    const names = await namesOf(
      db(),
      bookings.map((b) => b.bookerId).filter((id): id is string => !!id),
    );
    const groups = await organisationSummariesByIds(
      db(),
      ctx.place.id,
      bookings.map((b) => b.organisationId).filter((id): id is string => !!id),
    );
    const paidBy = new Map<string, number>();
    for (const p of await paymentsFor(
      db(),
      bookings.map((b) => b.id),
    ))
      paidBy.set(p.bookingId, (paidBy.get(p.bookingId) ?? 0) + p.amountPence);
    const t = request.t;
    const csv = csvDocument(
      [
        t('spaces.csv.reference'),
        t('spaces.csv.date'),
        t('spaces.csv.start'),
        t('spaces.csv.end'),
        t('spaces.csv.hours'),
        t('spaces.bookings.booker'),
        t('spaces.field.group'),
        t('spaces.field.tier'),
        t('spaces.bookings.status'),
        t('spaces.csv.price'),
        t('spaces.csv.deposit'),
        t('spaces.csv.paid'),
        t('spaces.csv.owed'),
        t('spaces.use.noShows'),
      ],
      bookings.map((b) => {
        const paid = paidBy.get(b.id) ?? 0;
        const start = placeParts(b.startsAt);
        return [
          b.id.slice(0, 8).toUpperCase(),
          start.date,
          start.time,
          placeParts(b.endsAt).time,
          (b.end - b.start) / 60,
          (b.bookerId && names.get(b.bookerId)) || '',
          (b.organisationId && groups.get(b.organisationId)?.name) || '',
          t(`spaces.tier.${b.tier}`),
          t(`spaces.status.${b.status}`),
          (b.pricePence / 100).toFixed(2),
          (b.depositPence / 100).toFixed(2),
          (paid / 100).toFixed(2),
          (Math.max(0, chargeOf(b) - paid) / 100).toFixed(2),
          b.noShow ? t('spaces.csv.yes') : '',
        ];
      }),
    );
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="space-bookings.csv"`)
      .send(csv);
  });
}
