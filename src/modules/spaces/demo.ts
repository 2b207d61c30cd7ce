/** Calderbrook's community spaces: a council hall and meeting room, and a group's garden room, with a few bookings. */
import type { Kith } from '../../kith.js';
import { addDays, todayInPlace, weekdayOf } from '../../platform/dates.js';
import { locationSummaries, organisationIdsOrganisedBy } from '../directory/index.js';
import type { DemoState } from '../module.js';
import { decideBooking, requestBooking } from './bookings.js';
import type { SpaceInput } from './inputs.js';
import type { Rates } from './rules.js';
import { listSpace } from './spaces.js';

const rates = (community: number, resident: number, commercial: number): Rates => ({
  community: { hour: community, halfDay: community * 3, day: community * 5 },
  resident: { hour: resident, halfDay: resident * 3, day: resident * 5 },
  commercial: { hour: commercial, halfDay: commercial * 3, day: commercial * 5 },
});

export async function demoSpaces(kith: Kith, demo: DemoState): Promise<void> {
  const place = demo.places.calderbrook;
  const officer = demo.people.officer;
  const organiser = demo.people.organiser;
  if (!place || !officer || !organiser) return;
  const db = kith.db.kysely;
  const locations = await locationSummaries(db, place.id);
  if (locations.length < 2) return;
  const groups = await organisationIdsOrganisedBy(db, place.id, organiser.id);
  const common: Omit<
    SpaceInput,
    | 'name'
    | 'description'
    | 'locationId'
    | 'organisationId'
    | 'capacity'
    | 'accessibility'
    | 'rates'
    | 'depositPence'
    | 'approval'
  > = {
    layouts: ['theatre', 'cabaret', 'open'],
    facilities: ['kitchen', 'wifi'],
    licenceFrom: null,
    licenceUntil: null,
    // Cancelling less than two days ahead still costs the hire: the hall turned others away.
    cancelNoticeHours: 48,
    openDays: ['MO', 'TU', 'WE', 'TH', 'FR', 'SA'],
    opensAt: '09:00',
    closesAt: '22:00',
    houseRules: 'Leave the room as you found it. No alcohol without the warden’s agreement. Out by 22:00.',
    minNoticeHours: 48,
    maxAheadDays: 365,
    turnaroundMinutes: 30,
    holdHours: 72,
  };
  const officerLister = { personId: officer.id, organisationIds: [], mayListForNone: true };
  const hall = await listSpace(kith, {
    placeId: place.id,
    lister: officerLister,
    input: {
      ...common,
      name: 'Main hall',
      description: 'A large, light hall with a sprung floor and a serving hatch to the kitchen.',
      locationId: locations[0]!.id,
      organisationId: null,
      capacity: 80,
      accessibility: ['stepFree', 'hearingLoop', 'accessibleToilet'],
      facilities: ['kitchen', 'wifi', 'projector', 'parking'],
      rates: rates(1200, 1800, 3500),
      depositPence: 5000,
      approval: 'owner',
    },
  });
  await listSpace(kith, {
    placeId: place.id,
    lister: officerLister,
    input: {
      ...common,
      name: 'Meeting room',
      description: 'A quiet room upstairs with one large table.',
      locationId: locations[0]!.id,
      organisationId: null,
      capacity: 12,
      layouts: ['boardroom'],
      accessibility: ['hearingLoop'],
      rates: rates(600, 900, 2000),
      depositPence: 0,
      approval: 'automatic',
    },
  });
  if (groups[0])
    await listSpace(kith, {
      placeId: place.id,
      lister: { personId: organiser.id, organisationIds: groups, mayListForNone: false },
      input: {
        ...common,
        openDays: ['SA', 'SU'],
        name: 'Garden room',
        description: 'A timber room opening onto the community garden.',
        locationId: locations[1]!.id,
        organisationId: groups[0],
        capacity: 30,
        accessibility: ['stepFree', 'accessibleToilet'],
        facilities: ['outdoorSpace', 'kitchen'],
        rates: { ...rates(800, 1000, 2500), commercial: { hour: null, halfDay: null, day: null } },
        depositPence: 2500,
        approval: 'owner',
      },
    });
  // Tuesday evenings: the walking group's committee, confirmed for the next three weeks.
  let tuesday = addDays(todayInPlace(), 7);
  while (weekdayOf(tuesday) !== 'TU') tuesday = addDays(tuesday, 1);
  for (let week = 0; week < 3 && groups[0]; week++) {
    const booking = await requestBooking(kith, {
      placeId: place.id,
      spaceId: hall,
      personId: organiser.id,
      input: {
        date: addDays(tuesday, week * 7),
        from: '19:00',
        to: '21:00',
        attendees: 25,
        purpose: 'Walking group committee and talk',
        tier: 'community',
        organisationId: groups[0],
      },
    });
    await decideBooking(kith, {
      placeId: place.id,
      bookingId: booking.id,
      actorId: officer.id,
      decision: { kind: 'approve' },
    });
  }
  const resident = demo.people.resident;
  if (resident)
    await requestBooking(kith, {
      placeId: place.id,
      spaceId: hall,
      personId: resident.id,
      input: {
        date: addDays(tuesday, 4),
        from: '14:00',
        to: '17:00',
        attendees: 40,
        purpose: 'Ninetieth birthday tea',
        tier: 'resident',
        organisationId: '',
      },
    });
}
