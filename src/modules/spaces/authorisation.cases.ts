import {
  invalidInput,
  everyone,
  roles,
  type ActorName,
  type AuthorisationCase,
  type ModuleCases,
  type Outcome,
} from '../../authorisation/cases.js';
import { addDays, todayInPlace, weekdayOf } from '../../platform/dates.js';
import { locationSummaries } from '../directory/index.js';
import { requestBooking } from './bookings.js';
import { startFeed } from './feeds.js';
import type { BookingInput } from './inputs.js';
import { listSpace } from './spaces.js';

/** Anyone holding a role in Calderbrook. */
const member = (actor: ActorName): Outcome =>
  actor === 'anonymous' ? 'sign-in' : actor === 'otherPlaceAdmin' ? 'forbidden' : 'ok';

/**
 * A council hall listed by the single-role officer (so they and the place's admins run
 * it), with three of the resident's provisional bookings: one to look at, one to
 * approve, one to cancel. Anyone finds spaces and sees a space's week; members book;
 * a booking is for its booker and those who run the space.
 */
export const spacesCases: ModuleCases = {
  module: 'spaces',
  async cases({ t, personIds, placeIds }) {
    const { kith } = t;
    const placeId = placeIds.calderbrook;
    const [location] = await locationSummaries(kith.db.kysely, placeId);
    const fields = {
      name: 'Authorisation hall',
      description: '',
      locationId: location!.id,
      organisationId: '',
      capacity: '50',
      openDays: ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'],
      opensAt: '08:00',
      closesAt: '23:00',
      rate_resident_hour: '10',
      minNoticeHours: '0',
      maxAheadDays: '365',
      turnaroundMinutes: '15',
      approval: 'owner',
      holdHours: '72',
    };
    const spaceId = await listSpace(kith, {
      placeId,
      lister: { personId: personIds.officer, organisationIds: [], mayListForNone: true },
      input: {
        name: fields.name,
        description: '',
        locationId: fields.locationId,
        organisationId: null,
        capacity: 50,
        layouts: [],
        accessibility: ['stepFree'],
        facilities: [],
        openDays: ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'],
        opensAt: '08:00',
        closesAt: '23:00',
        rates: {
          community: { hour: 500, halfDay: null, day: null },
          resident: { hour: 1000, halfDay: null, day: null },
          commercial: { hour: 2000, halfDay: null, day: null },
        },
        depositPence: 0,
        houseRules: '',
        minNoticeHours: 0,
        maxAheadDays: 365,
        turnaroundMinutes: 15,
        approval: 'owner',
        holdHours: 72,
        licenceFrom: null,
        licenceUntil: null,
        cancelNoticeHours: 0,
      },
    });
    let day = addDays(todayInPlace(), 10);
    while (weekdayOf(day) !== 'WE') day = addDays(day, 1);
    const ask = (from: string, to: string): BookingInput => ({
      date: day,
      from,
      to,
      attendees: 10,
      purpose: 'Residents’ meeting',
      tier: 'resident',
      organisationId: '',
    });
    const book = async (from: string, to: string) =>
      (await requestBooking(kith, { placeId, spaceId, personId: personIds.resident, input: ask(from, to) })).id;
    const seen = await book('09:00', '10:00');
    const toApprove = await book('11:00', '12:00');
    const toCancel = await book('13:00', '14:00');
    // A feed of someone who is none of the actors, so no actor's own "stop the feed" ends it.
    const feed = await startFeed(kith, { placeId, personId: t.demo.people.carer!.id });
    const base = '/places/calderbrook/spaces';
    const owners = roles('officer', 'admin');
    const bookerOrOwner = roles('resident', 'officer', 'admin');
    const lister = roles('organiser', 'partner', 'officer', 'admin');
    const bookingFields = {
      'date-day': day.slice(8),
      'date-month': day.slice(5, 7),
      'date-year': day.slice(0, 4),
      from: '19:00',
      to: '20:00',
      attendees: '20',
      purpose: 'Film night',
      tier: 'resident',
    };
    const notOther =
      (expect: (actor: ActorName) => Outcome) =>
      (actor: ActorName): Outcome =>
        actor === 'otherPlaceAdmin' ? 'forbidden' : expect(actor);
    const rows: AuthorisationCase[] = [
      {
        route: 'GET /places/:place/spaces',
        request: (a) => a.get(`${base}?size=10&accessibility=stepFree`),
        expect: everyone,
      },
      { route: 'GET /places/:place/spaces/new', request: (a) => a.get(`${base}/new`), expect: lister },
      {
        route: 'POST /places/:place/spaces/new',
        request: (a) => a.post(`${base}/new`, {}),
        expect: invalidInput(lister),
        submission: { creates: { as: 'officer', fields: { ...fields, name: 'Twice hall' }, table: 'spaces_spaces' } },
      },
      { route: 'GET /places/:place/spaces/:space', request: (a) => a.get(`${base}/${spaceId}`), expect: everyone },
      {
        route: 'GET /places/:place/spaces/:space/calendar.ics',
        request: (a) => a.get(`${base}/${spaceId}/calendar.ics`),
        expect: everyone,
      },
      {
        route: 'GET /places/:place/spaces/:space/bookings.csv',
        request: (a) => a.get(`${base}/${spaceId}/bookings.csv`),
        expect: owners,
      },
      {
        route: 'GET /places/:place/spaces/bookings/:booking/invoice.pdf',
        request: (a) => a.get(`${base}/bookings/${seen}/invoice.pdf`),
        expect: notOther(bookerOrOwner),
      },
      {
        route: 'GET /places/:place/spaces/:space/edit',
        request: (a) => a.get(`${base}/${spaceId}/edit`),
        expect: owners,
      },
      {
        route: 'POST /places/:place/spaces/:space/edit',
        request: (a) => a.post(`${base}/${spaceId}/edit`, {}),
        expect: invalidInput(owners),
        submission: { changesInPlace: 'it saves the space’s details over themselves' },
      },
      {
        route: 'GET /places/:place/spaces/:space/book',
        request: (a) => a.get(`${base}/${spaceId}/book`),
        expect: member,
      },
      {
        route: 'POST /places/:place/spaces/:space/book',
        request: (a) => a.post(`${base}/${spaceId}/book`, {}),
        expect: invalidInput(member),
        submission: { creates: { as: 'resident', fields: bookingFields, table: 'spaces_bookings' } },
      },
      { route: 'GET /places/:place/spaces/bookings', request: (a) => a.get(`${base}/bookings`), expect: member },
      {
        route: 'GET /places/:place/spaces/bookings/:booking',
        request: (a) => a.get(`${base}/bookings/${seen}`),
        expect: notOther(bookerOrOwner),
      },
      {
        route: 'POST /places/:place/spaces/bookings/:booking/approve',
        request: (a) => a.post(`${base}/bookings/${toApprove}/approve`, {}),
        expect: notOther(owners),
        submission: { changesInPlace: 'approving a confirmed booking again changes nothing' },
      },
      {
        route: 'POST /places/:place/spaces/bookings/:booking/refuse',
        request: (a) => a.post(`${base}/bookings/${seen}/refuse`, {}),
        expect: invalidInput(notOther(owners)),
        submission: { changesInPlace: 'it sets the booking’s status; a refusal needs a reason' },
      },
      {
        route: 'POST /places/:place/spaces/bookings/:booking/cancel',
        request: (a) => a.post(`${base}/bookings/${toCancel}/cancel`, {}),
        expect: notOther(bookerOrOwner),
        submission: { changesInPlace: 'cancelling a cancelled booking again changes nothing' },
      },
      {
        route: 'GET /places/:place/spaces/bookings/:booking/change',
        request: (a) => a.get(`${base}/bookings/${seen}/change`),
        expect: notOther(bookerOrOwner),
      },
      {
        route: 'POST /places/:place/spaces/bookings/:booking/change',
        request: (a) => a.post(`${base}/bookings/${seen}/change`, {}),
        expect: invalidInput(notOther(bookerOrOwner)),
        submission: { changesInPlace: 'it moves the booking to the time given; moving it there again changes nothing' },
      },
      {
        route: 'POST /places/:place/spaces/bookings/:booking/payments',
        request: (a) => a.post(`${base}/bookings/${seen}/payments`, {}),
        expect: invalidInput(notOther(owners)),
        submission: {
          creates: {
            as: 'officer',
            fields: {
              amount: '1',
              'paidOn-day': '1',
              'paidOn-month': '12',
              'paidOn-year': '2026',
              method: 'cash',
            },
            table: 'spaces_payments',
          },
        },
      },
      {
        route: 'POST /places/:place/spaces/bookings/:booking/no-show',
        request: (a) => a.post(`${base}/bookings/${seen}/no-show`, {}),
        expect: invalidInput(notOther(owners)),
        submission: { changesInPlace: 'it sets whether anyone came' },
      },
      {
        route: 'GET /places/:place/spaces/:space/use',
        request: (a) => a.get(`${base}/${spaceId}/use`),
        expect: owners,
      },
      {
        route: 'GET /places/:place/spaces/:space/use.csv',
        request: (a) => a.get(`${base}/${spaceId}/use.csv`),
        expect: owners,
      },
      {
        route: 'GET /places/:place/spaces/bookings/calendar',
        request: (a) => a.get(`${base}/bookings/calendar`),
        expect: member,
      },
      {
        route: 'POST /places/:place/spaces/bookings/calendar',
        request: (a) => a.post(`${base}/bookings/calendar`, { stop: 'yes' }),
        expect: member,
        submission: { changesInPlace: 'a person has one live address: making another replaces it, stopping ends it' },
      },
      {
        route: 'GET /places/:place/spaces/calendars/:token/bookings.ics',
        request: (a) => a.get(`${base}/calendars/${feed}/bookings.ics`),
        expect: everyone,
      },
    ];
    return rows;
  },
};
