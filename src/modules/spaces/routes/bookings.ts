import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError } from '../../../errors.js';
import type { Kith } from '../../../kith.js';
import { longDate, placeParts, todayInPlace } from '../../../platform/dates.js';
import { echoValues, freshForm, submitForm, type FormState } from '../../../web/forms.js';
import { withDates } from '../../../web/fields.js';
import { actorId, placeContext, viewInPlace, type PlaceContext } from '../../../web/place.js';
import { organisationIdsOrganisedBy, organisationSummariesByIds } from '../../directory/index.js';
import { namesOf } from '../../people/index.js';
import {
  approveSeries,
  changeBooking,
  checkDates,
  decideBooking,
  markNoShow,
  recordPayment,
  requestBooking,
} from '../bookings.js';
import {
  BookingInput,
  ChangeInput,
  NoShowInput,
  PAYMENT_METHODS,
  PaymentInput,
  ReasonInput,
  RefusalInput,
} from '../inputs.js';
import { cancelsLate, chargeOf, minuteOf, pounds, REPEATS, TIERS } from '../rules.js';
import {
  bookingsBy,
  bookingsOfSeries,
  bookingsOfSpaces,
  findBooking,
  findSpace,
  lapseHolds,
  paymentsFor,
  spacesManagedBy,
  type Booking,
  type Space,
} from '../store.js';
import { presentBooking, subjectOf } from './context.js';

export function bookingRoutes(app: FastifyInstance, kith: Kith) {
  const db = () => kith.db.kysely;

  async function bookableSpace(request: FastifyRequest, ctx: PlaceContext): Promise<Space> {
    const space = await findSpace(db(), ctx.place.id, (request.params as { space: string }).space);
    if (!space || space.status !== 'listed') throw new NotFoundError();
    return space;
  }

  async function showBookingForm(
    request: FastifyRequest,
    reply: FastifyReply,
    ctx: PlaceContext,
    space: Space,
    form: FormState,
    preview?: Array<{ date: string; text: string; clash: boolean; price: string }>,
  ) {
    const groups = await organisationSummariesByIds(
      db(),
      ctx.place.id,
      await organisationIdsOrganisedBy(db(), ctx.place.id, actorId(request)),
    );
    return viewInPlace(
      reply,
      ctx,
      'spaces/book.njk',
      {
        pageTitle: request.t('spaces.book.title', { space: space.name }),
        space,
        values: form.values,
        errors: form.errors,
        tiers: TIERS.map((tier) => ({
          value: tier,
          text: request.t(`spaces.tier.${tier}`),
          hint: { text: request.t(`spaces.tier.${tier}.hint`) },
          checked: form.values.tier === tier,
        })),
        groups: [
          { value: '', text: request.t('spaces.book.noGroup') },
          ...[...groups.values()].map((g) => ({
            value: g.id,
            text: g.name,
            selected: g.id === form.values.organisationId,
          })),
        ],
        repeats: REPEATS.map((r) => ({
          value: r,
          text: request.t(`spaces.repeat.${r}`),
          checked: (form.values.repeat ?? 'none') === r,
        })),
        preview,
        clashes: preview?.filter((p) => p.clash).length ?? 0,
        fieldIds: { date: 'date-day', tier: 'tier', repeat: 'repeat' },
      },
      form.status,
    );
  }

  app.get('/places/:place/spaces/:space/book', async (request, reply) => {
    const ctx = await placeContext(kith, request, { section: 'spaces', action: 'spaces.book' });
    const space = await bookableSpace(request, ctx);
    return showBookingForm(request, reply, ctx, space, freshForm({ tier: 'resident', attendees: '' }));
  });

  app.post('/places/:place/spaces/:space/book', async (request, reply) => {
    const ctx = await placeContext(kith, request, { section: 'spaces', action: 'spaces.book' });
    const space = await bookableSpace(request, ctx);
    const show = (form: FormState) => showBookingForm(request, reply, ctx, space, form);
    if ((request.body as { check?: unknown } | undefined)?.check === 'yes') {
      // "Check dates": the same form again, with each date and whether it is free; nothing is booked.
      return submitForm(request, {
        schema: BookingInput,
        input: withDates(request.body, 'date'),
        echo: request.body,
        show,
        run: (input) => checkDates(db(), space, input, new Date()),
        done: (dates) =>
          showBookingForm(
            request,
            reply,
            ctx,
            space,
            freshForm(echoValues(request.body)),
            dates.map((d) => ({
              date: longDate(d.date, request.lang),
              text: d.problem ? request.t(d.problem.key, d.problem.params) : request.t('spaces.book.preview.free'),
              clash: !!d.problem,
              price: d.problem ? '' : pounds(d.price),
            })),
          ),
      });
    }
    return submitForm(request, {
      schema: BookingInput,
      input: withDates(request.body, 'date'),
      echo: request.body,
      show,
      run: (input, submission) =>
        requestBooking(kith, {
          placeId: ctx.place.id,
          spaceId: space.id,
          personId: actorId(request),
          input,
          submission,
        }),
      done: (booking) =>
        booking.ids.length > 1 || booking.skipped.length
          ? reply.seeOther(`${ctx.base}/bookings/${booking.id}`, 'spaces.flash.series', {
              made: String(booking.ids.length),
              skipped: String(booking.skipped.length),
            })
          : reply.seeOther(
              `${ctx.base}/bookings/${booking.id}`,
              booking.status === 'confirmed' ? 'spaces.flash.confirmed' : 'spaces.flash.provisional',
            ),
    });
  });

  app.get('/places/:place/spaces/bookings', async (request, reply) => {
    const ctx = await placeContext(kith, request, { section: 'spaces', action: 'spaces.book' });
    const me = actorId(request);
    await lapseHolds(db(), new Date());
    const mine = await bookingsBy(db(), ctx.place.id, me);
    const managed = await spacesManagedBy(
      db(),
      ctx.place.id,
      me,
      await organisationIdsOrganisedBy(db(), ctx.place.id, me),
    );
    const incoming = await bookingsOfSpaces(
      db(),
      ctx.place.id,
      managed.map((s) => s.id),
      minuteOf(new Date()) - 24 * 60,
    );
    const spaceNames = new Map(managed.map((s) => [s.id, s.name]));
    for (const b of mine)
      if (!spaceNames.has(b.spaceId))
        spaceNames.set(b.spaceId, (await findSpace(db(), ctx.place.id, b.spaceId))?.name ?? '');
    const names = await namesOf(
      db(),
      incoming.map((b) => b.bookerId).filter((id): id is string => !!id),
    );
    const present = (b: Booking) => ({
      ...presentBooking(request.t, request.lang, b, spaceNames.get(b.spaceId) ?? ''),
      href: `${ctx.base}/bookings/${b.id}`,
      bookerName: (b.bookerId && names.get(b.bookerId)) || request.t('spaces.someone'),
    });
    return viewInPlace(reply, ctx, 'spaces/bookings.njk', {
      pageTitle: request.t('spaces.bookings.title'),
      mine: mine.map(present),
      waiting: incoming.filter((b) => b.status === 'provisional').map(present),
      upcoming: incoming.filter((b) => b.status === 'confirmed').map(present),
      managed: managed.map((s) => ({ name: s.name, href: `${ctx.base}/${s.id}` })),
    });
  });

  async function bookingFor(request: FastifyRequest, ctx: PlaceContext) {
    const booking = await findBooking(db(), ctx.place.id, (request.params as { booking: string }).booking);
    if (!booking) throw new NotFoundError();
    const space = (await findSpace(db(), ctx.place.id, booking.spaceId))!;
    const subject = await subjectOf(kith, request, space);
    kith.policy.authorize(request.actor, 'spaces.booking', { bookerId: booking.bookerId, space: subject });
    return { booking, space, manages: kith.policy.can(request.actor, 'spaces.manage', subject) };
  }

  async function showBooking(request: FastifyRequest, reply: FastifyReply, ctx: PlaceContext, form?: FormState) {
    const { booking, space, manages } = await bookingFor(request, ctx);
    const names = await namesOf(db(), booking.bookerId ? [booking.bookerId] : []);
    const bookerName = (booking.bookerId && names.get(booking.bookerId)) || request.t('spaces.someone');
    const group = booking.organisationId
      ? (await organisationSummariesByIds(db(), ctx.place.id, [booking.organisationId])).get(booking.organisationId)
      : undefined;
    const live = booking.status === 'provisional' || booking.status === 'confirmed';
    const series = booking.seriesId ? await bookingsOfSeries(db(), ctx.place.id, booking.seriesId) : [];
    const shown = presentBooking(request.t, request.lang, booking, space.name);
    const t = request.t;
    const payments = await paymentsFor(db(), [booking.id]);
    const paid = payments.reduce((sum, p) => sum + p.amountPence, 0);
    const owed = chargeOf(booking) - paid;
    const started = booking.start <= minuteOf(new Date());
    const text = (key: string, value: string | number) => ({ key: { text: t(key) }, value: { text: String(value) } });
    const rows = [
      text(
        'spaces.bookings.status',
        shown.statusText +
          (booking.status === 'provisional' ? ` – ${t('spaces.booking.heldUntil', { time: shown.holdText })}` : ''),
      ),
      text('spaces.bookings.when', shown.whenText),
      text('spaces.bookings.space', space.name),
      text('spaces.bookings.booker', bookerName + (group ? ` (${group.name})` : '')),
      text('spaces.field.attendees', booking.attendees),
      text('spaces.field.purpose', booking.purpose),
      text('spaces.field.tier', shown.tierText),
      text('spaces.booking.price', shown.priceText),
      text('spaces.field.deposit', shown.depositText),
      text('spaces.booking.total', pounds(booking.pricePence + booking.depositPence)),
      text('spaces.payment.paid', pounds(paid)),
      text('spaces.payment.owed', pounds(Math.max(0, owed))),
      ...(booking.noShow ? [text('spaces.booking.noShow', t('spaces.booking.noShow.yes'))] : []),
      ...(booking.lateCancel ? [text('spaces.booking.lateCancel', t('spaces.booking.lateCancel.text'))] : []),
      ...(booking.reason ? [text('spaces.booking.reason', booking.reason)] : []),
    ];
    return viewInPlace(
      reply,
      ctx,
      'spaces/booking.njk',
      {
        pageTitle: request.t('spaces.booking.title', { space: space.name }),
        booking: shown,
        rows,
        space,
        spaceHref: `${ctx.base}/${space.id}`,
        canDecide: manages && booking.status === 'provisional',
        series: series.map((b) => ({
          ...presentBooking(request.t, request.lang, b, space.name),
          href: `${ctx.base}/bookings/${b.id}`,
          current: b.id === booking.id,
        })),
        seriesHeld: series.filter((b) => b.status === 'provisional').length,
        canCancel: live && !started,
        lateWarning:
          !manages && booking.status === 'confirmed' && cancelsLate(booking.start, new Date(), space.cancelNoticeHours)
            ? t('spaces.booking.lateWarning', { hours: space.cancelNoticeHours, price: pounds(booking.pricePence) })
            : '',
        canChange: live && !started,
        payments: payments.map((p) => ({
          ...p,
          amountText: pounds(p.amountPence),
          paidOnText: longDate(p.paidOn, request.lang),
          methodText: t(`spaces.payment.method.${p.method}`),
        })),
        canRecordPayment: manages && owed > 0,
        methods: PAYMENT_METHODS.map((m) => ({
          value: m,
          text: t(`spaces.payment.method.${m}`),
          checked: form?.values.method === m,
        })),
        canMarkNoShow: manages && booking.status === 'confirmed' && started,
        fieldIds: { paidOn: 'paidOn-day', method: 'method', noShow: 'noShow' },
        values: form?.values ?? {},
        errors: form?.errors,
        today: todayInPlace(),
      },
      form?.status ?? 200,
    );
  }

  app.get('/places/:place/spaces/bookings/:booking', async (request, reply) => {
    const ctx = await placeContext(kith, request, { section: 'spaces' });
    return showBooking(request, reply, ctx);
  });

  app.post('/places/:place/spaces/bookings/:booking/approve', async (request, reply) => {
    const ctx = await placeContext(kith, request, { section: 'spaces' });
    const { booking } = await managedBooking(request, ctx);
    if ((request.body as Record<string, unknown> | undefined)?.series === 'all') {
      const approved = await approveSeries(kith, {
        placeId: ctx.place.id,
        bookingId: booking.id,
        actorId: actorId(request),
      });
      return reply.seeOther(`${ctx.base}/bookings/${booking.id}`, 'spaces.flash.seriesApproved', {
        count: String(approved),
      });
    }
    await decideBooking(kith, {
      placeId: ctx.place.id,
      bookingId: booking.id,
      actorId: actorId(request),
      decision: { kind: 'approve' },
    });
    return reply.seeOther(`${ctx.base}/bookings/${booking.id}`, 'spaces.flash.approved');
  });

  app.post('/places/:place/spaces/bookings/:booking/refuse', async (request, reply) => {
    const ctx = await placeContext(kith, request, { section: 'spaces' });
    const { booking } = await managedBooking(request, ctx);
    return submitForm(request, {
      schema: RefusalInput,
      show: (form) => showBooking(request, reply, ctx, form),
      run: (input) =>
        decideBooking(kith, {
          placeId: ctx.place.id,
          bookingId: booking.id,
          actorId: actorId(request),
          decision: { kind: 'refuse', reason: input.reason },
        }),
      done: () => reply.seeOther(`${ctx.base}/bookings/${booking.id}`, 'spaces.flash.refused'),
    });
  });

  app.post('/places/:place/spaces/bookings/:booking/cancel', async (request, reply) => {
    const ctx = await placeContext(kith, request, { section: 'spaces' });
    const { booking, manages } = await bookingFor(request, ctx);
    return submitForm(request, {
      schema: ReasonInput,
      show: (form) => showBooking(request, reply, ctx, form),
      run: (input) =>
        decideBooking(kith, {
          placeId: ctx.place.id,
          bookingId: booking.id,
          actorId: actorId(request),
          decision: { kind: 'cancel', reason: input.reason },
          byOwner: manages,
        }),
      done: () => reply.seeOther(`${ctx.base}/bookings/${booking.id}`, 'spaces.flash.cancelled'),
    });
  });

  async function showChange(request: FastifyRequest, reply: FastifyReply, ctx: PlaceContext, form?: FormState) {
    const { booking, space } = await bookingFor(request, ctx);
    const start = placeParts(booking.startsAt);
    const [year, month, day] = start.date.split('-');
    return viewInPlace(
      reply,
      ctx,
      'spaces/change.njk',
      {
        pageTitle: request.t('spaces.change.title', { space: space.name }),
        booking: presentBooking(request.t, request.lang, booking, space.name),
        space,
        backHref: `${ctx.base}/bookings/${booking.id}`,
        values: form?.values ?? {
          'date-day': String(Number(day)),
          'date-month': String(Number(month)),
          'date-year': year,
          from: start.time,
          to: placeParts(booking.endsAt).time,
          attendees: String(booking.attendees),
          purpose: booking.purpose,
        },
        errors: form?.errors,
        fieldIds: { date: 'date-day' },
      },
      form?.status ?? 200,
    );
  }

  app.get('/places/:place/spaces/bookings/:booking/change', async (request, reply) => {
    const ctx = await placeContext(kith, request, { section: 'spaces' });
    return showChange(request, reply, ctx);
  });

  app.post('/places/:place/spaces/bookings/:booking/change', async (request, reply) => {
    const ctx = await placeContext(kith, request, { section: 'spaces' });
    const { booking, manages } = await bookingFor(request, ctx);
    return submitForm(request, {
      schema: ChangeInput,
      input: withDates(request.body, 'date'),
      echo: request.body,
      show: (form) => showChange(request, reply, ctx, form),
      run: (input, submission) =>
        changeBooking(kith, {
          placeId: ctx.place.id,
          bookingId: booking.id,
          actorId: actorId(request),
          // Someone who both booked and runs the space changes it as its owner.
          byOwner: manages,
          input,
          submission,
        }),
      done: (status) =>
        reply.seeOther(
          `${ctx.base}/bookings/${booking.id}`,
          status === 'provisional' && booking.status === 'confirmed' && !manages
            ? 'spaces.flash.changedForApproval'
            : 'spaces.flash.changed',
        ),
    });
  });

  /** The owner's actions on a booking: the route's check is that they run its space. */
  async function managedBooking(request: FastifyRequest, ctx: PlaceContext) {
    const found = await bookingFor(request, ctx);
    if (!found.manages)
      kith.policy.authorize(request.actor, 'spaces.manage', {
        placeId: ctx.place.id,
        listedBy: null,
        inOrganisation: false,
      });
    return found;
  }

  app.post('/places/:place/spaces/bookings/:booking/payments', async (request, reply) => {
    const ctx = await placeContext(kith, request, { section: 'spaces' });
    const { booking } = await managedBooking(request, ctx);
    return submitForm(request, {
      schema: PaymentInput,
      input: withDates(request.body, 'paidOn'),
      echo: request.body,
      show: (form) => showBooking(request, reply, ctx, form),
      run: (input, submission) =>
        recordPayment(kith, {
          placeId: ctx.place.id,
          bookingId: booking.id,
          actorId: actorId(request),
          input,
          submission,
        }),
      done: () => reply.seeOther(`${ctx.base}/bookings/${booking.id}`, 'spaces.flash.paymentRecorded'),
    });
  });

  app.post('/places/:place/spaces/bookings/:booking/no-show', async (request, reply) => {
    const ctx = await placeContext(kith, request, { section: 'spaces' });
    const { booking } = await managedBooking(request, ctx);
    return submitForm(request, {
      schema: NoShowInput,
      show: (form) => showBooking(request, reply, ctx, form),
      run: (input) =>
        markNoShow(kith, {
          placeId: ctx.place.id,
          bookingId: booking.id,
          actorId: actorId(request),
          noShow: input.noShow === 'yes',
        }),
      done: () => reply.seeOther(`${ctx.base}/bookings/${booking.id}`, 'spaces.flash.noShowSaved'),
    });
  });
}
