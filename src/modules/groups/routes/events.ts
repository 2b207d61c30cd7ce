import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError } from '../../../errors.js';
import type { Kith } from '../../../kith.js';
import { dateAndTime, formatDate, placeParts } from '../../../platform/dates.js';
import { freshForm, submitForm, type FormState } from '../../../web/forms.js';
import { withDates } from '../../../web/fields.js';
import { actorId, placeContext, viewInPlace, type PlaceContext } from '../../../web/place.js';
import { locationSummaries, organisationIdsOrganisedBy, organisationSummariesByIds } from '../../directory/index.js';
import { namesOf } from '../../people/index.js';
import { confirmedBooking, confirmedBookingsOf } from '../../spaces/index.js';
import {
  answerQuestion,
  askQuestion,
  cancelEvent,
  cancelRsvp,
  changeEvent,
  createEvent,
  moveQuestion,
  rsvp,
  supportQuestion,
  takeAttendance,
} from '../events.js';
import { hide, reportConcern } from '../groups.js';
import {
  AnswerInput,
  AttendanceInput,
  CancelEventInput,
  EventInput,
  MoveInput,
  QuestionInput,
  ReportInput,
  RsvpInput,
} from '../inputs.js';
import {
  eventCalendar,
  eventJsonLd,
  LANGUAGES,
  publicEvent,
  publicGroup,
  stillChangeable,
  type CalendarEvent,
} from '../rules.js';
import { jsonForScript } from '../../../web/script-json.js';
import {
  countByStatus,
  eventsOfGroup,
  findQuestion,
  findRsvp,
  questionsOf,
  rsvpsOf,
  supportedBy,
  type GroupEvent,
} from '../store.js';
import { eventIn, groupIn, shareTags, type GroupInPlace } from './context.js';
import { pledgesSection } from './pledges.js';
import { eventWhen } from './share.js';

type EventInPlace = GroupInPlace & { event: GroupEvent };

export function eventRoutes(app: FastifyInstance, kith: Kith) {
  const db = () => kith.db.kysely;
  const eventParam = (request: FastifyRequest) => (request.params as { event: string }).event;

  /** Where an event is, in words: the booked space, the directory location, or the address given. */
  async function whereOf(event: GroupEvent): Promise<string> {
    if (event.mode === 'online') return '';
    if (event.bookingId) {
      const booking = await confirmedBooking(db(), event.placeId, event.bookingId);
      if (booking) {
        const [location] = await locationSummaries(db(), event.placeId, [booking.locationId]);
        return [booking.spaceName, location?.name, location?.address, location?.postcode].filter(Boolean).join(', ');
      }
    }
    if (event.locationId) {
      const [location] = await locationSummaries(db(), event.placeId, [event.locationId]);
      if (location) return [location.name, location.address, location.postcode].filter(Boolean).join(', ');
    }
    return event.address;
  }

  /** An event as a calendar entry: never the online link, which only people going may see. */
  async function calendarEntry(event: GroupEvent, base: string): Promise<CalendarEvent> {
    return {
      id: event.id,
      title: event.title,
      description: event.description,
      startsAt: event.startsAt,
      endsAt: event.endsAt,
      location: await whereOf(event),
      url: `${kith.config.publicUrl}${base}/events/${event.id}`,
      cancelled: event.status === 'cancelled',
      changedAt: event.updatedAt,
    };
  }

  const languageItems = (request: FastifyRequest, chosen: unknown) =>
    LANGUAGES.map((l) => ({
      value: l,
      text: request.t(`groups.language.${l}`),
      selected: (chosen ?? request.lang) === l,
    }));

  async function showEventForm(
    request: FastifyRequest,
    reply: FastifyReply,
    ctx: PlaceContext,
    inPlace: GroupInPlace,
    form: FormState,
    /** The event being changed; none when adding one. */
    changing?: GroupEvent,
  ) {
    const me = actorId(request);
    const [locations, bookings] = await Promise.all([
      locationSummaries(db(), ctx.place.id),
      confirmedBookingsOf(db(), ctx.place.id, {
        personId: me,
        organisationIds: await organisationIdsOrganisedBy(db(), ctx.place.id, me),
      }),
    ]);
    const venue = form.values.venue;
    return viewInPlace(
      reply,
      ctx,
      'groups/event-form.njk',
      {
        pageTitle: changing
          ? request.t('groups.event.change.title', { event: changing.title })
          : request.t('groups.event.new.title'),
        action: changing ? `${ctx.base}/events/${changing.id}/edit` : `${ctx.base}/${inPlace.group.id}/events/new`,
        backHref: changing ? `${ctx.base}/events/${changing.id}` : `${ctx.base}/${inPlace.group.id}`,
        changing: Boolean(changing),
        group: inPlace.group,
        values: form.values,
        errors: form.errors,
        venues: [
          { value: '', text: request.t('groups.field.venue.address') },
          ...bookings.map((b) => ({
            value: `booking:${b.id}`,
            text: request.t('groups.field.venue.booking', {
              space: b.spaceName,
              when: dateAndTime(b.startsAt, request.lang),
            }),
            selected: venue === `booking:${b.id}`,
          })),
          ...locations.map((l) => ({
            value: `location:${l.id}`,
            text: `${l.name}${l.postcode ? ` (${l.postcode})` : ''}`,
            selected: venue === `location:${l.id}`,
          })),
        ],
        fieldIds: { date: 'date-day', mode: 'mode' },
      },
      form.status,
    );
  }

  app.get('/places/:place/groups/:group/events/new', async (request, reply) => {
    const ctx = await placeContext(kith, request, { section: 'groups' });
    const inPlace = await groupIn(kith, request, ctx, (request.params as { group: string }).group);
    kith.policy.authorize(request.actor, 'groups.organise', inPlace.subject);
    return showEventForm(request, reply, ctx, inPlace, freshForm({ mode: 'in_person' }));
  });

  app.post('/places/:place/groups/:group/events/new', async (request, reply) => {
    const ctx = await placeContext(kith, request, { section: 'groups' });
    const inPlace = await groupIn(kith, request, ctx, (request.params as { group: string }).group);
    kith.policy.authorize(request.actor, 'groups.organise', inPlace.subject);
    return submitForm(request, {
      schema: EventInput,
      input: withDates(request.body, 'date'),
      echo: request.body,
      show: (form) => showEventForm(request, reply, ctx, inPlace, form),
      run: (input, submission) =>
        createEvent(kith, { group: inPlace.group, personId: actorId(request), input, submission }),
      done: (id) => reply.seeOther(`${ctx.base}/events/${id}`, 'groups.flash.eventAdded'),
    });
  });

  async function showEvent(
    request: FastifyRequest,
    reply: FastifyReply,
    ctx: PlaceContext,
    { group, subject, event }: EventInPlace,
    form: FormState = freshForm(),
  ) {
    const me = request.actor.personId;
    const organise = kith.policy.can(request.actor, 'groups.organise', subject);
    const mine = me ? await findRsvp(db(), event.id, me) : undefined;
    const going = mine?.status === 'going';
    const counts = await countByStatus(db(), event.id);
    const where = await whereOf(event);
    const path = `${ctx.base}/events/${event.id}`;
    const url = `${kith.config.publicUrl}${path}`;
    const questions = await questionsOf(db(), ctx.place.id, event.id);
    const supported = me ? await supportedBy(db(), event.id, me) : new Set<string>();
    const shared = publicEvent(group, event);
    const imagePath = `${path}/share.png`;
    const full = event.capacity !== null && counts.going >= event.capacity;
    const whenText = `${dateAndTime(event.startsAt, request.lang)} – ${formatDate(event.endsAt, request.lang, { timeStyle: 'short' })}`;
    const pledges = await pledgesSection(kith, request, group, event.id);
    // An event of a group run for a directory organisation is the organisation's event.
    const organisation = group.organisationId
      ? (await organisationSummariesByIds(db(), ctx.place.id, [group.organisationId])).get(group.organisationId)
      : undefined;
    return viewInPlace(
      reply,
      ctx,
      'groups/event.njk',
      {
        pageTitle: event.title,
        event,
        group,
        groupHref: `${ctx.base}/${group.id}`,
        whenText,
        where,
        modeText: request.t(`groups.mode.${event.mode}`),
        /** The online link: only for people going and the organisers. */
        onlineLink: event.mode === 'online' && (going || organise) ? event.onlineLink : '',
        placesText:
          event.capacity === null
            ? request.t('groups.event.noLimit')
            : request.t('groups.event.placesLeft', { count: Math.max(0, event.capacity - counts.going) }),
        waitingText: counts.waiting ? request.t('groups.event.waiting', { count: counts.waiting }) : '',
        full,
        mine,
        mineText: mine && mine.status !== 'cancelled' ? request.t(`groups.rsvp.status.${mine.status}`) : '',
        canRsvp: kith.policy.can(request.actor, 'groups.rsvp', subject) && event.status === 'scheduled',
        canJoin: kith.policy.can(request.actor, 'groups.join', subject),
        organise,
        changeable: organise && stillChangeable(event, new Date()),
        canModerate: kith.policy.can(request.actor, 'groups.moderate', ctx.place),
        going,
        languages: languageItems(request, form.values.language ?? mine?.language),
        accessNeedsValue: form.values.accessNeeds ?? mine?.accessNeeds ?? '',
        questions: questions.map((q) => ({
          ...q,
          languageText: request.t(`groups.language.${q.language}`),
          supportersText: request.t('groups.question.supporters', { count: q.supporters }),
          supported: supported.has(q.id),
          mine: q.personId === me,
        })),
        pledges,
        organisationName: organisation?.name ?? '',
        share: shared
          ? shareTags(kith, {
              title: event.title,
              description: `${whenText}. ${event.description}`,
              path,
              type: 'website',
              lang: request.lang,
              image: {
                path: imagePath,
                alt: request.t('groups.share.imageAlt.event', {
                  place: ctx.name,
                  event: event.title,
                  when: eventWhen(event, request.lang),
                }),
              },
            })
          : null,
        jsonLd: shared
          ? jsonForScript(
              eventJsonLd({
                title: event.title,
                description: event.description,
                startsAt: event.startsAt,
                endsAt: event.endsAt,
                online: event.mode === 'online',
                url,
                locationName: where,
                address: where,
                organiser: {
                  name: organisation?.name ?? group.name,
                  url: `${kith.config.publicUrl}${ctx.base}/${group.id}`,
                },
                full,
                image: `${kith.config.publicUrl}${imagePath}?in=${request.lang}`,
              }),
            )
          : '',
        values: form.values,
        errors: form.errors,
      },
      form.status,
    );
  }

  /**
   * A group's events as a calendar feed to subscribe to. Only an open group's: a calendar
   * app fetches it without anyone signed in, so a members-only group's events stay inside.
   * The online link is never in it; the event's page gives it to people going.
   */
  app.get('/places/:place/groups/:group/calendar.ics', async (request, reply) => {
    const ctx = await placeContext(kith, request, { section: 'groups', action: 'groups.find' });
    const { group } = await groupIn(kith, request, ctx, (request.params as { group: string }).group);
    if (!publicGroup(group)) throw new NotFoundError();
    const events = (await eventsOfGroup(db(), group.id, new Date(Date.now() - 30 * 86_400_000).toISOString())).filter(
      (e) => e.status !== 'hidden',
    );
    const items = [];
    for (const e of events) items.push(await calendarEntry(e, ctx.base));
    return reply
      .type('text/calendar; charset=utf-8')
      .header('cache-control', 'public, max-age=900')
      .send(eventCalendar(items, group.name));
  });

  app.get('/places/:place/groups/events/:event', async (request, reply) => {
    const ctx = await placeContext(kith, request, { section: 'groups', action: 'groups.find' });
    return showEvent(request, reply, ctx, await eventIn(kith, request, ctx, eventParam(request)));
  });

  app.get('/places/:place/groups/events/:event/calendar.ics', async (request, reply) => {
    const ctx = await placeContext(kith, request, { section: 'groups', action: 'groups.find' });
    const { event } = await eventIn(kith, request, ctx, eventParam(request));
    return reply
      .type('text/calendar; charset=utf-8')
      .header('content-disposition', 'attachment; filename="event.ics"')
      .send(eventCalendar([await calendarEntry(event, ctx.base)]));
  });

  app.post('/places/:place/groups/events/:event/rsvp', async (request, reply) => {
    const ctx = await placeContext(kith, request, { section: 'groups' });
    const inPlace = await eventIn(kith, request, ctx, eventParam(request));
    kith.policy.authorize(request.actor, 'groups.rsvp', inPlace.subject);
    return submitForm(request, {
      schema: RsvpInput,
      show: (form) => showEvent(request, reply, ctx, inPlace, form),
      run: (input) =>
        rsvp(kith, { placeId: ctx.place.id, eventId: inPlace.event.id, personId: actorId(request), input }),
      done: (status) =>
        reply.seeOther(
          `${ctx.base}/events/${inPlace.event.id}`,
          status === 'going' ? 'groups.flash.going' : 'groups.flash.waiting',
        ),
    });
  });

  app.post('/places/:place/groups/events/:event/cancel', async (request, reply) => {
    const ctx = await placeContext(kith, request, { section: 'groups' });
    const inPlace = await eventIn(kith, request, ctx, eventParam(request));
    kith.policy.authorize(request.actor, 'groups.rsvp', inPlace.subject);
    const path = `${ctx.base}/events/${inPlace.event.id}`;
    await cancelRsvp(kith, {
      placeId: ctx.place.id,
      eventId: inPlace.event.id,
      personId: actorId(request),
      eventPath: path,
    });
    return reply.seeOther(path, 'groups.flash.cancelled');
  });

  async function organisedEvent(request: FastifyRequest, ctx: PlaceContext) {
    const inPlace = await eventIn(kith, request, ctx, eventParam(request));
    kith.policy.authorize(request.actor, 'groups.organise', inPlace.subject);
    return inPlace;
  }

  /** An event its organisers can still change or call off: neither hidden, cancelled nor over. */
  async function changeableEvent(request: FastifyRequest, ctx: PlaceContext) {
    const inPlace = await organisedEvent(request, ctx);
    if (!stillChangeable(inPlace.event, new Date())) throw new NotFoundError();
    return inPlace;
  }

  /** The event's own values, as the form shows them: dates and times on the place's clock. */
  function eventFormValues(event: GroupEvent): Record<string, unknown> {
    const starts = placeParts(event.startsAt);
    const [year, month, day] = starts.date.split('-');
    return {
      title: event.title,
      description: event.description,
      'date-day': String(Number(day)),
      'date-month': String(Number(month)),
      'date-year': year,
      from: starts.time,
      to: placeParts(event.endsAt).time,
      mode: event.mode,
      venue: event.bookingId ? `booking:${event.bookingId}` : event.locationId ? `location:${event.locationId}` : '',
      address: event.address,
      onlineLink: event.onlineLink,
      capacity: event.capacity === null ? '' : String(event.capacity),
      forChildren: event.forChildren ? 'yes' : '',
      safeguardingContact: event.safeguardingContact,
    };
  }

  app.get('/places/:place/groups/events/:event/edit', async (request, reply) => {
    const ctx = await placeContext(kith, request, { section: 'groups' });
    const inPlace = await changeableEvent(request, ctx);
    return showEventForm(request, reply, ctx, inPlace, freshForm(eventFormValues(inPlace.event)), inPlace.event);
  });

  app.post('/places/:place/groups/events/:event/edit', async (request, reply) => {
    const ctx = await placeContext(kith, request, { section: 'groups' });
    const inPlace = await changeableEvent(request, ctx);
    const path = `${ctx.base}/events/${inPlace.event.id}`;
    return submitForm(request, {
      schema: EventInput,
      input: withDates(request.body, 'date'),
      echo: request.body,
      show: (form) => showEventForm(request, reply, ctx, inPlace, form, inPlace.event),
      run: (input, submission) =>
        changeEvent(kith, {
          group: inPlace.group,
          eventId: inPlace.event.id,
          personId: actorId(request),
          input,
          eventPath: path,
          submission,
        }),
      done: () => reply.seeOther(path, 'groups.flash.eventChanged'),
    });
  });

  async function showCancelEvent(
    request: FastifyRequest,
    reply: FastifyReply,
    ctx: PlaceContext,
    inPlace: EventInPlace,
    form: FormState,
  ) {
    const counts = await countByStatus(db(), inPlace.event.id);
    return viewInPlace(
      reply,
      ctx,
      'groups/event-cancel.njk',
      {
        pageTitle: request.t('groups.event.cancel.title', { event: inPlace.event.title }),
        event: inPlace.event,
        group: inPlace.group,
        whenText: dateAndTime(inPlace.event.startsAt, request.lang),
        toldText: request.t('groups.event.cancel.told', { count: counts.going + counts.waiting }),
        values: form.values,
        errors: form.errors,
      },
      form.status,
    );
  }

  app.get('/places/:place/groups/events/:event/cancel-event', async (request, reply) => {
    const ctx = await placeContext(kith, request, { section: 'groups' });
    return showCancelEvent(request, reply, ctx, await changeableEvent(request, ctx), freshForm());
  });

  app.post('/places/:place/groups/events/:event/cancel-event', async (request, reply) => {
    const ctx = await placeContext(kith, request, { section: 'groups' });
    // Not changeableEvent: a second click on "Cancel the event" finds it cancelled and is answered as the first.
    const inPlace = await organisedEvent(request, ctx);
    const path = `${ctx.base}/events/${inPlace.event.id}`;
    return submitForm(request, {
      schema: CancelEventInput,
      show: (form) => showCancelEvent(request, reply, ctx, inPlace, form),
      run: (input, submission) =>
        cancelEvent(kith, {
          group: inPlace.group,
          eventId: inPlace.event.id,
          personId: actorId(request),
          reason: input.reason,
          eventPath: path,
          submission,
        }),
      done: () => reply.seeOther(path, 'groups.flash.eventCancelled'),
    });
  });

  async function showAttendance(
    request: FastifyRequest,
    reply: FastifyReply,
    ctx: PlaceContext,
    inPlace: EventInPlace,
  ) {
    const rsvps = await rsvpsOf(db(), inPlace.event.id);
    const names = await namesOf(
      db(),
      rsvps.map((r) => r.personId),
    );
    const row = (r: (typeof rsvps)[number]) => ({
      ...r,
      name: names.get(r.personId) ?? request.t('groups.members.someone'),
      languageText: request.t(`groups.language.${r.language}`),
    });
    return viewInPlace(reply, ctx, 'groups/attendance.njk', {
      pageTitle: request.t('groups.attendance.title', { event: inPlace.event.title }),
      event: inPlace.event,
      going: rsvps.filter((r) => r.status === 'going').map(row),
      waiting: rsvps.filter((r) => r.status === 'waiting').map(row),
    });
  }

  app.get('/places/:place/groups/events/:event/attendance', async (request, reply) => {
    const ctx = await placeContext(kith, request, { section: 'groups' });
    return showAttendance(request, reply, ctx, await organisedEvent(request, ctx));
  });

  app.post('/places/:place/groups/events/:event/attendance', async (request, reply) => {
    const ctx = await placeContext(kith, request, { section: 'groups' });
    const inPlace = await organisedEvent(request, ctx);
    return submitForm(request, {
      schema: AttendanceInput,
      show: () => showAttendance(request, reply, ctx, inPlace),
      run: (input) =>
        takeAttendance(kith, { event: inPlace.event, organiserId: actorId(request), attended: input.attended }),
      done: () => reply.seeOther(`${ctx.base}/events/${inPlace.event.id}/attendance`, 'groups.flash.attendance'),
    });
  });

  app.post('/places/:place/groups/events/:event/questions', async (request, reply) => {
    const ctx = await placeContext(kith, request, { section: 'groups' });
    const inPlace = await eventIn(kith, request, ctx, eventParam(request));
    kith.policy.authorize(request.actor, 'groups.rsvp', inPlace.subject);
    return submitForm(request, {
      schema: QuestionInput,
      show: (form) => showEvent(request, reply, ctx, inPlace, form),
      run: (input, submission) =>
        askQuestion(kith, { event: inPlace.event, personId: actorId(request), ...input, submission }),
      done: () => reply.seeOther(`${ctx.base}/events/${inPlace.event.id}#questions`, 'groups.flash.asked'),
    });
  });

  async function questionIn(request: FastifyRequest, ctx: PlaceContext) {
    const question = await findQuestion(db(), ctx.place.id, (request.params as { question: string }).question);
    if (!question) throw new NotFoundError();
    return { question, ...(await eventIn(kith, request, ctx, question.eventId)) };
  }

  app.post('/places/:place/groups/questions/:question/support', async (request, reply) => {
    const ctx = await placeContext(kith, request, { section: 'groups' });
    const { question, subject } = await questionIn(request, ctx);
    kith.policy.authorize(request.actor, 'groups.rsvp', subject);
    await supportQuestion(kith, { placeId: ctx.place.id, questionId: question.id, personId: actorId(request) });
    return reply.seeOther(`${ctx.base}/events/${question.eventId}#questions`, 'groups.flash.supported');
  });

  app.post('/places/:place/groups/questions/:question/move', async (request, reply) => {
    const ctx = await placeContext(kith, request, { section: 'groups' });
    const inPlace = await questionIn(request, ctx);
    kith.policy.authorize(request.actor, 'groups.organise', inPlace.subject);
    return submitForm(request, {
      schema: MoveInput,
      show: (form) => showEvent(request, reply, ctx, inPlace, form),
      run: (input) =>
        moveQuestion(kith, {
          placeId: ctx.place.id,
          eventId: inPlace.event.id,
          questionId: inPlace.question.id,
          move: input.move,
        }),
      done: () => reply.seeOther(`${ctx.base}/events/${inPlace.event.id}#questions`, 'groups.flash.saved'),
    });
  });

  app.post('/places/:place/groups/questions/:question/answer', async (request, reply) => {
    const ctx = await placeContext(kith, request, { section: 'groups' });
    const inPlace = await questionIn(request, ctx);
    kith.policy.authorize(request.actor, 'groups.organise', inPlace.subject);
    return submitForm(request, {
      schema: AnswerInput,
      show: (form) => showEvent(request, reply, ctx, inPlace, form),
      run: (input) =>
        answerQuestion(kith, {
          placeId: ctx.place.id,
          questionId: inPlace.question.id,
          organiserId: actorId(request),
          answer: input.answer,
        }),
      done: () => reply.seeOther(`${ctx.base}/events/${inPlace.event.id}#questions`, 'groups.flash.answered'),
    });
  });

  app.post('/places/:place/groups/events/:event/report', async (request, reply) => {
    const ctx = await placeContext(kith, request, { section: 'groups' });
    const inPlace = await eventIn(kith, request, ctx, eventParam(request));
    kith.policy.authorize(request.actor, 'groups.join', inPlace.subject);
    return submitForm(request, {
      schema: ReportInput,
      show: (form) => showEvent(request, reply, ctx, inPlace, form),
      run: (input, submission) =>
        reportConcern(kith, {
          group: inPlace.group,
          eventId: inPlace.event.id,
          personId: actorId(request),
          reason: input.reason,
          submission,
        }),
      done: () => reply.seeOther(`${ctx.base}/events/${inPlace.event.id}`, 'groups.flash.reported'),
    });
  });

  app.post('/places/:place/groups/events/:event/hide', async (request, reply) => {
    const ctx = await placeContext(kith, request, { section: 'groups', action: 'groups.moderate' });
    const inPlace = await eventIn(kith, request, ctx, eventParam(request));
    return submitForm(request, {
      schema: ReportInput,
      show: (form) => showEvent(request, reply, ctx, inPlace, form),
      run: (input) =>
        hide(kith, {
          placeId: ctx.place.id,
          adminId: actorId(request),
          groupId: inPlace.group.id,
          eventId: inPlace.event.id,
          reason: input.reason,
        }),
      done: () => reply.seeOther(`${ctx.base}/${inPlace.group.id}`, 'groups.flash.hidden'),
    });
  });
}
