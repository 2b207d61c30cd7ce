/**
 * A group's events and the answers to them. Capacity is never exceeded: each event's
 * answers are decided one at a time (SQLite's transaction holds the write lock; on
 * PostgreSQL the event's row is locked first), places are counted inside that
 * transaction, and a cancellation promotes exactly one person from the waiting list.
 */
import { randomUUID } from 'node:crypto';
import type { Queryable } from '../../db/index.js';
import { NotFoundError, RuleError } from '../../errors.js';
import type { Kith } from '../../kith.js';
import { recordAudit } from '../../platform/audit/index.js';
import { dateAndTime, placeTimeToUtc, type IsoDate } from '../../platform/dates.js';
import { once, type Submission } from '../../platform/idempotency/index.js';
import { emailReader } from '../../platform/mail/index.js';
import { locationSummaries, organisationIdsOrganisedBy } from '../directory/index.js';
import { findPersonById } from '../people/index.js';
import { confirmedBookingsOf } from '../spaces/index.js';
import type { EventInput, RsvpInput } from './inputs.js';
import { pointOfEvent } from './places.js';
import type { Point } from '../../platform/postcodes.js';
import { placeFor, weeklyDates } from './rules.js';
import type { RsvpStatus } from './schema.js';
import {
  addSupport,
  countByStatus,
  findQuestion,
  findRsvp,
  firstWaiting,
  forgetReminders,
  insertEvent,
  insertQuestion,
  insertRsvp,
  lockEvent,
  questionsOf,
  rsvpsOf,
  setAnswer,
  setAttendance,
  setEventCancelled,
  setPositions,
  updateEvent,
  updateRsvp,
  type EventChanges,
  type Group,
  type GroupEvent,
} from './store.js';

/**
 * Where an event in person is held, from the form's choice: a directory location of the
 * place, or one of the organiser's own confirmed space bookings; neither for an address.
 */
async function venueOf(
  trx: Queryable,
  group: Group,
  personId: string,
  input: EventInput,
): Promise<{ locationId: string | null; bookingId: string | null }> {
  if (input.mode !== 'in_person' || !input.venue) return { locationId: null, bookingId: null };
  const [kind, id] = input.venue.split(':') as [string, string];
  if (kind === 'location') {
    if (!(await locationSummaries(trx, group.placeId, [id])).length)
      throw new RuleError('groups.validation.venue', {}, 'venue');
    return { locationId: id, bookingId: null };
  }
  const bookings = await confirmedBookingsOf(trx, group.placeId, {
    personId,
    organisationIds: await organisationIdsOrganisedBy(trx, group.placeId, personId),
  });
  if (!bookings.some((b) => b.id === id)) throw new RuleError('groups.validation.venue', {}, 'venue');
  return { locationId: null, bookingId: id };
}

/** One date's details from the form: times on the place's clock, and only what its way of meeting uses. */
function detailsOf(
  input: EventInput,
  date: IsoDate,
  venue: { locationId: string | null; bookingId: string | null },
  point: Point | undefined,
): EventChanges {
  return {
    title: input.title,
    description: input.description,
    startsAt: placeTimeToUtc(date, input.from).toISOString(),
    endsAt: placeTimeToUtc(date, input.to).toISOString(),
    mode: input.mode,
    address: input.mode === 'in_person' ? input.address : '',
    ...venue,
    onlineLink: input.mode === 'online' ? input.onlineLink : '',
    capacity: input.capacity,
    forChildren: input.forChildren,
    safeguardingContact: input.forChildren ? input.safeguardingContact : '',
    latitude: point?.latitude ?? null,
    longitude: point?.longitude ?? null,
  };
}

/** Where the form's choice of venue puts the event on the map. */
async function pointOfInput(
  trx: Queryable,
  group: Group,
  input: EventInput,
  venue: { locationId: string | null; bookingId: string | null },
) {
  return pointOfEvent(trx, group.placeId, { mode: input.mode, address: input.address, ...venue });
}

/** Sets up an event, or a weekly series of them; returns the first one's id. */
export async function createEvent(
  kith: Kith,
  r: { group: Group; personId: string; input: EventInput; submission?: Submission },
): Promise<string> {
  const { input, group } = r;
  const { result } = await once(kith.db, 'groups.event', r.submission, async (trx) => {
    const venue = await venueOf(trx, group, r.personId, input);
    const point = await pointOfInput(trx, group, input, venue);
    const dates = weeklyDates(input.date, input.weeks ?? 1);
    if (placeTimeToUtc(dates[0]!, input.from).getTime() < Date.now())
      throw new RuleError('groups.validation.past', {}, 'date');
    const seriesId = dates.length > 1 ? randomUUID() : null;
    const ids: string[] = [];
    for (const date of dates)
      ids.push(
        await insertEvent(trx, {
          placeId: group.placeId,
          groupId: group.id,
          seriesId,
          ...detailsOf(input, date, venue, point),
          createdBy: r.personId,
        }),
      );
    await recordAudit(trx, {
      placeId: group.placeId,
      actorId: r.personId,
      action: 'groups.event.create',
      subjectId: ids[0],
      detail: { dates: dates.length },
    });
    return ids[0]!;
  });
  return result;
}

/**
 * Organisers change one date of an event. Capacity can't go below the people already
 * going; raising it gives the freed places to the waiting list in order. A new time or
 * place is sent to everyone going or waiting, since they planned around the old one;
 * a reworded title or description alone is not worth an email.
 */
export async function changeEvent(
  kith: Kith,
  r: {
    group: Group;
    eventId: string;
    personId: string;
    input: EventInput;
    eventPath: string;
    submission?: Submission;
    now?: Date;
  },
): Promise<{ notified: number; promoted: number }> {
  const { input, group } = r;
  const now = r.now ?? new Date();
  const { result } = await once(kith.db, 'groups.event.change', r.submission, async (trx) => {
    const event = await liveEvent(trx, kith, group.placeId, r.eventId);
    if (Date.parse(event.endsAt) < now.getTime()) throw new RuleError('groups.event.error.over', {}, 'title');
    const venue = await venueOf(trx, group, r.personId, input);
    const changed = detailsOf(input, input.date, venue, await pointOfInput(trx, group, input, venue));
    if (Date.parse(changed.startsAt) < now.getTime()) throw new RuleError('groups.validation.past', {}, 'date');
    const { going } = await countByStatus(trx, event.id);
    if (input.capacity !== null && input.capacity < going)
      throw new RuleError('groups.event.error.belowGoing', { going: String(going) }, 'capacity');
    await updateEvent(trx, event.id, changed);
    const moved = (['startsAt', 'endsAt', 'mode', 'address', 'locationId', 'bookingId', 'onlineLink'] as const).some(
      (k) => changed[k] !== event[k],
    );
    if (moved) await forgetReminders(trx, event.id);
    const promoted = await promoteWaiting(trx, kith, { ...event, ...changed }, r.eventPath, now);
    const told = moved
      ? (await rsvpsOf(trx, event.id)).filter((a) => a.status !== 'cancelled' && !promoted.includes(a.personId))
      : [];
    for (const answer of told) {
      const person = await findPersonById(trx, answer.personId);
      if (person)
        await emailReader(kith, trx, person, {
          placeId: group.placeId,
          subjectKey: 'groups.mail.changed.subject',
          paragraphs: ['groups.mail.changed.body'],
          params: { group: group.name, event: changed.title, when: dateAndTime(changed.startsAt, person.language) },
          action: { key: 'groups.mail.changed.action', path: r.eventPath },
        });
    }
    await recordAudit(trx, {
      placeId: group.placeId,
      actorId: r.personId,
      action: 'groups.event.change',
      subjectId: event.id,
      detail: { moved, notified: told.length, promoted: promoted.length },
    });
    return { notified: told.length, promoted: promoted.length };
  });
  return result;
}

/**
 * Organisers call a date off, saying why. Everyone going or waiting is told, with the
 * reason; the event stays on its page marked cancelled, so a link someone kept still
 * says what happened. Cancelling again changes nothing and tells nobody twice.
 */
export async function cancelEvent(
  kith: Kith,
  r: {
    group: Group;
    eventId: string;
    personId: string;
    reason: string;
    eventPath: string;
    submission?: Submission;
    now?: Date;
  },
): Promise<{ notified: number }> {
  const now = r.now ?? new Date();
  const { result } = await once(kith.db, 'groups.event.cancel', r.submission, async (trx) => {
    const event = await lockEvent(trx, r.group.placeId, r.eventId, kith.db.dialect);
    if (!event || event.status === 'hidden') throw new NotFoundError();
    if (event.status === 'cancelled') return { notified: 0 };
    if (Date.parse(event.endsAt) < now.getTime()) throw new RuleError('groups.event.error.over', {}, 'reason');
    await setEventCancelled(trx, event.id, r.reason);
    const told = (await rsvpsOf(trx, event.id)).filter((a) => a.status !== 'cancelled');
    for (const answer of told) {
      const person = await findPersonById(trx, answer.personId);
      if (person)
        await emailReader(kith, trx, person, {
          placeId: r.group.placeId,
          subjectKey: 'groups.mail.eventCancelled.subject',
          paragraphs: ['groups.mail.eventCancelled.body', 'groups.mail.eventCancelled.reason'],
          params: {
            group: r.group.name,
            event: event.title,
            when: dateAndTime(event.startsAt, person.language),
            reason: r.reason,
          },
          action: { key: 'groups.mail.eventCancelled.action', path: r.eventPath },
        });
    }
    await recordAudit(trx, {
      placeId: r.group.placeId,
      actorId: r.personId,
      action: 'groups.event.cancel',
      subjectId: event.id,
      detail: { notified: told.length },
    });
    return { notified: told.length };
  });
  return result;
}

/** Gives free places to the waiting list, first asked first, and emails each person promoted. */
async function promoteWaiting(
  trx: Queryable,
  kith: Kith,
  event: GroupEvent,
  eventPath: string,
  now: Date,
): Promise<string[]> {
  const promoted: string[] = [];
  for (;;) {
    const { going } = await countByStatus(trx, event.id);
    if (placeFor(event.capacity, going) !== 'going') break;
    const next = await firstWaiting(trx, event.id);
    if (!next) break;
    await updateRsvp(trx, next.id, { status: 'going', promotedAt: now.toISOString() });
    await recordAudit(trx, {
      placeId: event.placeId,
      actorId: null,
      action: 'groups.rsvp.promoted',
      subjectId: event.id,
      detail: { personId: next.personId },
    });
    const person = await findPersonById(trx, next.personId);
    if (person)
      await emailReader(kith, trx, person, {
        placeId: event.placeId,
        subjectKey: 'groups.mail.promoted.subject',
        paragraphs: ['groups.mail.promoted.body'],
        params: { event: event.title, when: dateAndTime(event.startsAt, person.language) },
        action: { key: 'groups.mail.promoted.action', path: eventPath },
      });
    promoted.push(next.personId);
  }
  return promoted;
}

async function liveEvent(trx: Queryable, kith: Kith, placeId: string, eventId: string) {
  const event = await lockEvent(trx, placeId, eventId, kith.db.dialect);
  if (!event || event.status !== 'scheduled') throw new NotFoundError();
  return event;
}

/**
 * Answers "going": a place if one is free, else the waiting list. Answering again keeps
 * one's place and updates the access needs and language; after cancelling, one asks afresh.
 */
export async function rsvp(
  kith: Kith,
  r: { placeId: string; eventId: string; personId: string; input: RsvpInput; now?: Date },
): Promise<RsvpStatus> {
  const now = r.now ?? new Date();
  return kith.db.transaction(async (trx) => {
    const event = await liveEvent(trx, kith, r.placeId, r.eventId);
    if (Date.parse(event.endsAt) < now.getTime()) throw new RuleError('groups.rsvp.error.past', {}, 'accessNeeds');
    const existing = await findRsvp(trx, event.id, r.personId);
    if (existing && existing.status !== 'cancelled') {
      await updateRsvp(trx, existing.id, { accessNeeds: r.input.accessNeeds, language: r.input.language });
      return existing.status;
    }
    const { going } = await countByStatus(trx, event.id);
    const status = placeFor(event.capacity, going);
    if (existing)
      await updateRsvp(trx, existing.id, {
        status,
        accessNeeds: r.input.accessNeeds,
        language: r.input.language,
        askedAt: now.toISOString(),
      });
    else
      await insertRsvp(trx, {
        placeId: r.placeId,
        eventId: event.id,
        personId: r.personId,
        status,
        accessNeeds: r.input.accessNeeds,
        language: r.input.language,
      });
    return status;
  });
}

/**
 * No longer going (or off the waiting list). A place given up goes to the first on the
 * waiting list, who is emailed. Cancelling twice changes nothing and promotes no one.
 */
export async function cancelRsvp(
  kith: Kith,
  r: { placeId: string; eventId: string; personId: string; eventPath: string; now?: Date },
): Promise<string | null> {
  const now = r.now ?? new Date();
  return kith.db.transaction(async (trx) => {
    const event = await liveEvent(trx, kith, r.placeId, r.eventId);
    const existing = await findRsvp(trx, event.id, r.personId);
    if (!existing || existing.status === 'cancelled') return null;
    await updateRsvp(trx, existing.id, { status: 'cancelled' });
    if (existing.status !== 'going') return null;
    const [promoted] = await promoteWaiting(trx, kith, event, r.eventPath, now);
    return promoted ?? null;
  });
}

/** Attendance on the day: those ticked came, the rest going did not. Taking it again replaces it. */
export async function takeAttendance(
  kith: Kith,
  r: { event: GroupEvent; organiserId: string; attended: readonly string[] },
): Promise<void> {
  await kith.db.transaction(async (trx) => {
    await setAttendance(trx, r.event.id, r.attended);
    await recordAudit(trx, {
      placeId: r.event.placeId,
      actorId: r.organiserId,
      action: 'groups.attendance',
      subjectId: r.event.id,
      detail: { attended: r.attended.length },
    });
  });
}

/** A question sent in advance by someone going. */
export async function askQuestion(
  kith: Kith,
  r: { event: GroupEvent; personId: string; text: string; language: string; submission?: Submission },
): Promise<string> {
  const { result } = await once(kith.db, 'groups.question', r.submission, async (trx) => {
    const mine = await findRsvp(trx, r.event.id, r.personId);
    if (mine?.status !== 'going') throw new RuleError('groups.question.error.notGoing', {}, 'text');
    return insertQuestion(trx, {
      placeId: r.event.placeId,
      eventId: r.event.id,
      personId: r.personId,
      text: r.text,
      language: r.language,
    });
  });
  return result;
}

/** Supports a question: once per person; supporting again changes nothing. */
export async function supportQuestion(
  kith: Kith,
  r: { placeId: string; questionId: string; personId: string },
): Promise<boolean> {
  return kith.db.transaction(async (trx) => {
    const question = await findQuestion(trx, r.placeId, r.questionId);
    if (!question) throw new NotFoundError();
    return addSupport(trx, r.placeId, question.id, r.personId);
  });
}

/** The organiser moves a question up or down the order; the order becomes explicit for all. */
export async function moveQuestion(
  kith: Kith,
  r: { placeId: string; eventId: string; questionId: string; move: 'up' | 'down' },
): Promise<void> {
  await kith.db.transaction(async (trx) => {
    const ids = (await questionsOf(trx, r.placeId, r.eventId)).map((q) => q.id);
    const i = ids.indexOf(r.questionId);
    if (i < 0) throw new NotFoundError();
    const j = r.move === 'up' ? i - 1 : i + 1;
    if (j >= 0 && j < ids.length) [ids[i], ids[j]] = [ids[j]!, ids[i]!];
    await setPositions(trx, ids);
  });
}

export async function answerQuestion(
  kith: Kith,
  r: { placeId: string; questionId: string; organiserId: string; answer: string },
): Promise<void> {
  await kith.db.transaction(async (trx) => {
    await setAnswer(trx, r.questionId, r.answer);
    await recordAudit(trx, {
      placeId: r.placeId,
      actorId: r.organiserId,
      action: 'groups.question.answer',
      subjectId: r.questionId,
    });
  });
}
