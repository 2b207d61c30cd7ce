import path from 'node:path';
import type { Queryable } from '../../db/index.js';
import type { KithModule, ParticipantsQuery } from '../module.js';
import { demoSpaces } from './demo.js';
import { messages } from './messages.js';
import { spacesPolicy } from './policy.js';
import { bookingRoutes } from './routes/bookings.js';
import { documentRoutes } from './routes/documents.js';
import { ownerRoutes } from './routes/owners.js';
import { spaceRoutes } from './routes/spaces.js';
import { migrations } from './schema.js';
import { allBookingsOf, bookedFigures, bookersIn, confirmedBookings, eraseBookingsOf, lapseHolds } from './store.js';
import { minuteOf } from './rules.js';

/** A confirmed booking as another capability (events) links to it: where and when, and whose. */
export interface ConfirmedBooking {
  id: string;
  spaceId: string;
  spaceName: string;
  /** The directory location the space is at. */
  locationId: string;
  organisationId: string | null;
  bookerId: string | null;
  startsAt: string;
  endsAt: string;
}

/**
 * Confirmed bookings a person may hang an event on: those they made, or their groups
 * made, that have not ended (from `now`). For events: "this event is in the hall we booked".
 */
export async function confirmedBookingsOf(
  db: Queryable,
  placeId: string,
  who: { personId?: string; organisationIds?: readonly string[] },
  now: Date = new Date(),
): Promise<ConfirmedBooking[]> {
  if (!who.personId && !who.organisationIds?.length) return [];
  const rows = await confirmedBookings(db, placeId, {
    bookerId: who.personId,
    organisationIds: who.organisationIds,
    fromMinute: minuteOf(now),
  });
  return rows.map(linkOf);
}

/** One confirmed booking by id (an event's link checked again when shown); undefined when it is not confirmed. */
export async function confirmedBooking(
  db: Queryable,
  placeId: string,
  bookingId: string,
): Promise<ConfirmedBooking | undefined> {
  const [b] = await confirmedBookings(db, placeId, { id: bookingId });
  return b && linkOf(b);
}

function linkOf(b: Awaited<ReturnType<typeof confirmedBookings>>[number]): ConfirmedBooking {
  return {
    id: b.id,
    spaceId: b.spaceId,
    spaceName: b.spaceName,
    locationId: b.locationId,
    organisationId: b.organisationId,
    bookerId: b.bookerId,
    startsAt: b.startsAt,
    endsAt: b.endsAt,
  };
}

/**
 * Community spaces (capability 9): rooms and halls at directory locations, listed by the
 * groups, partners and officers who run them; found by time, size, access and price;
 * booked without ever being double-booked.
 */
export const spacesModule: KithModule = {
  name: 'spaces',
  migrations,
  messages,
  policy: spacesPolicy,
  viewsDir: path.join(import.meta.dirname, 'views'),
  routes(app, kith) {
    spaceRoutes(app, kith);
    bookingRoutes(app, kith);
    documentRoutes(app, kith);
    ownerRoutes(app, kith);
  },
  placeLinks(_request, place) {
    return [
      {
        key: 'spaces.links.home',
        hintKey: 'spaces.links.home.hint',
        href: `/places/${place.slug}/spaces`,
        order: 45,
      },
    ];
  },
  jobs: {
    'spaces/lapse': async (_payload, { kith }) => {
      await lapseHolds(kith.db.kysely, new Date());
    },
  },
  schedules: [{ kind: 'spaces/lapse', everyMinutes: 15 }],
  personalData: {
    async export(db, personId) {
      return {
        spaceBookings: (await allBookingsOf(db, personId)).map((b) => ({
          startsAt: b.startsAt,
          endsAt: b.endsAt,
          purpose: b.purpose,
          attendees: b.attendees,
          tier: b.tier,
          status: b.status,
          pricePence: b.pricePence,
          depositPence: b.depositPence,
          reason: b.reason,
          createdAt: b.createdAt,
        })),
      };
    },
    /** Bookings keep their times (the space's diary and its figures) but lose who booked and why. */
    erase: (trx, personId) => eraseBookingsOf(trx, personId),
  },
  figures: [
    {
      id: 'spaces.hoursBooked',
      labelKey: 'spaces.figures.hoursBooked',
      definitionKey: 'spaces.figures.hoursBooked.definition',
      unit: 'minutes',
      value: async (db, placeId, period) => (await bookedFigures(db, placeId, period.from, period.to)).minutes,
    },
    {
      id: 'spaces.communityBookings',
      labelKey: 'spaces.figures.communityBookings',
      definitionKey: 'spaces.figures.communityBookings.definition',
      unit: 'count',
      value: async (db, placeId, period) => (await bookedFigures(db, placeId, period.from, period.to)).community,
    },
  ],
  participants: (db, placeId, period) => bookersIn(db, placeId, period.from, period.to) as unknown as ParticipantsQuery,
  demo: demoSpaces,
};
