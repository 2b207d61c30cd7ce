import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { addDays, todayInPlace, weekdayOf } from '../../platform/dates.js';
import { Agent, fieldErrors, newMember, pageText, signedInAs, startTestKith, type TestKith } from '../../testing.js';
import { locationSummaries } from '../directory/index.js';
import { decideBooking, requestBooking } from './bookings.js';
import { chargeOf } from './rules.js';
import { findBooking } from './store.js';

let t: TestKith;
let placeId: string;
let locationId: string;
const base = '/places/calderbrook/spaces';

before(async () => {
  t = await startTestKith({ demo: true });
  placeId = t.demo.places.calderbrook!.id;
  locationId = (await locationSummaries(t.kith.db.kysely, placeId))[2]!.id;
});
after(() => t.close());

function nextDay(weekday: string, days = 7): string {
  let date = addDays(todayInPlace(), days);
  while (weekdayOf(date) !== weekday) date = addDays(date, 1);
  return date;
}

async function spaceListed(
  approval: 'owner' | 'automatic',
  name: string,
  over: Record<string, string> = {},
): Promise<string> {
  const officer = await signedInAs(t, 'officer');
  const response = await officer.post(`${base}/new`, {
    name,
    description: '',
    locationId,
    organisationId: '',
    capacity: '40',
    openDays: ['MO', 'TU', 'WE', 'TH', 'FR'],
    opensAt: '09:00',
    closesAt: '22:00',
    rate_community_hour: '10',
    rate_resident_hour: '15',
    rate_commercial_hour: '30',
    deposit: '25',
    houseRules: '',
    minNoticeHours: '24',
    maxAheadDays: '365',
    turnaroundMinutes: '30',
    approval,
    holdHours: '48',
    ...over,
  });
  assert.equal(response.statusCode, 303, `the space is listed: ${pageText(response.body).slice(0, 200)}`);
  return (response.headers.location as string).split('/').pop()!;
}

const dateFields = (prefix: string, date: string) => ({
  [`${prefix}-day`]: String(Number(date.slice(8))),
  [`${prefix}-month`]: String(Number(date.slice(5, 7))),
  [`${prefix}-year`]: date.slice(0, 4),
});

async function booked(spaceId: string, personId: string, date: string, from: string, to: string) {
  const made = await requestBooking(t.kith, {
    placeId,
    spaceId,
    personId,
    input: { date, from, to, attendees: 10, purpose: 'Choir practice', tier: 'resident', organisationId: '' },
  });
  return made.id;
}

describe('changing a booking', () => {
  test('the booker moves a booking; it is re-priced, and a clash or a stranger changes nothing', async () => {
    const spaceId = await spaceListed('automatic', 'Moving hall');
    const date = nextDay('WE', 14);
    const { id: bookerId, agent: booker } = await newMember(t, placeId, 'Bea Booker');
    const id = await booked(spaceId, bookerId, date, '10:00', '11:00');
    await booked(spaceId, t.demo.people.partner!.id, date, '14:00', '16:00');

    const form = pageText((await booker.get(`${base}/bookings/${id}/change`)).body);
    assert.match(form, /Change a booking of Moving hall/, 'the booker opens the change form');
    const clash = await booker.post(`${base}/bookings/${id}/change`, {
      ...dateFields('date', date),
      from: '15:00',
      to: '17:00',
      attendees: '10',
      purpose: 'Choir practice',
    });
    assert.equal(clash.statusCode, 422, 'a time that clashes is refused');
    assert.match(fieldErrors(clash.body).from ?? '', /already booked/i, 'beside the start time');
    assert.equal((await findBooking(t.kith.db.kysely, placeId, id))!.startsAt.slice(11, 16) <= '11:00', true);

    const stranger = await newMember(t, placeId, 'Sid Stranger');
    assert.equal((await stranger.agent.get(`${base}/bookings/${id}/change`)).statusCode, 403, 'a stranger may not');

    const moved = await booker.post(`${base}/bookings/${id}/change`, {
      ...dateFields('date', date),
      from: '18:00',
      to: '20:00',
      attendees: '12',
      purpose: 'Choir practice, with the band',
    });
    assert.equal(moved.statusCode, 303, 'a free time is saved');
    const after = (await findBooking(t.kith.db.kysely, placeId, id))!;
    assert.equal(after.status, 'confirmed', 'a space that confirms at once keeps it confirmed');
    assert.equal(after.pricePence, 3000, 'two hours at the resident rate');
    assert.equal(after.attendees, 12, 'the new size is kept');
    const page = pageText((await booker.get(`${base}/bookings/${id}`)).body);
    assert.match(page, /18:00|6:00pm/, 'the booking page shows the new time');
  });

  test('on a space the owner approves, the booker’s change goes back to the owner; the owner’s own does not', async () => {
    const spaceId = await spaceListed('owner', 'Approving hall');
    const date = nextDay('TH', 14);
    const { id: bookerId, agent: booker } = await newMember(t, placeId, 'Cai Changer');
    const id = await booked(spaceId, bookerId, date, '10:00', '11:00');
    const officer = await signedInAs(t, 'officer');
    assert.equal((await officer.post(`${base}/bookings/${id}/approve`)).statusCode, 303, 'the owner approves');
    const fields = { ...dateFields('date', date), from: '12:00', to: '13:00', attendees: '10', purpose: 'Choir' };
    const byBooker = await booker.post(`${base}/bookings/${id}/change`, fields);
    assert.equal(byBooker.statusCode, 303, 'the booker changes it');
    assert.equal((await findBooking(t.kith.db.kysely, placeId, id))!.status, 'provisional', 'it waits for the owner');
    await officer.post(`${base}/bookings/${id}/approve`);
    const byOwner = await officer.post(`${base}/bookings/${id}/change`, { ...fields, from: '13:00', to: '14:00' });
    assert.equal(byOwner.statusCode, 303, 'the owner changes it');
    assert.equal((await findBooking(t.kith.db.kysely, placeId, id))!.status, 'confirmed', 'and it stays confirmed');
  });
});

describe('payments and the finance CSV', () => {
  test('the owner records what was paid, never more than is owed, and finance sees it', async () => {
    const spaceId = await spaceListed('automatic', 'Paying hall');
    const { id: bookerId, agent: booker } = await newMember(t, placeId, 'Pat Payer');
    const id = await booked(spaceId, bookerId, nextDay('TU', 14), '10:00', '12:00');
    const officer = await signedInAs(t, 'officer');
    const today = todayInPlace();
    const payment = (amount: string) => ({
      amount,
      ...dateFields('paidOn', today),
      method: 'bank_transfer',
      reference: 'CHOIR-1',
    });
    assert.equal(
      (await booker.post(`${base}/bookings/${id}/payments`, payment('10'))).statusCode,
      403,
      'not the booker',
    );
    const bad = await officer.post(`${base}/bookings/${id}/payments`, { amount: 'ten pounds', method: 'barter' });
    assert.equal(bad.statusCode, 400, 'a bad amount, date and method are refused');
    const errors = fieldErrors(bad.body);
    assert.match(errors.amount ?? '', /amount paid in pounds/, 'beside the amount');
    assert.match(errors.paidOn ?? '', /date it was paid/, 'beside the date');
    const tooMuch = await officer.post(`${base}/bookings/${id}/payments`, payment('100'));
    assert.equal(tooMuch.statusCode, 422, 'more than is owed is refused');
    assert.match(fieldErrors(tooMuch.body).amount ?? '', /£55 is still to pay/, 'saying what is owed');
    assert.equal((await officer.post(`${base}/bookings/${id}/payments`, payment('30.50'))).statusCode, 303);
    const page = pageText((await booker.get(`${base}/bookings/${id}`)).body);
    assert.match(page, /Paid £30.50/, 'the booker sees what was paid');
    assert.match(page, /Still to pay £24.50/, 'and what is still owed');
    assert.match(page, /£30.50 on .* by bank transfer \(CHOIR-1\)/, 'with the payment');
    const csv = (await officer.get(`${base}/${spaceId}/bookings.csv`)).body;
    const header = csv.split('\r\n')[0]!;
    assert.match(header, /Paid \(£\),Still to pay \(£\)/, 'the CSV has the paid and owed columns');
    assert.match(csv, /30\.00,25\.00,30\.50,24\.50/, 'with the figures');
  });
});

describe('a booker’s private calendar feed', () => {
  test('it lists their bookings; a new address or stopping it ends the old one', async () => {
    const spaceId = await spaceListed('automatic', 'Feed hall');
    const { id: bookerId, agent: booker } = await newMember(t, placeId, 'Fay Feeder');
    await booked(spaceId, bookerId, nextDay('MO', 14), '10:00', '11:00');
    const made = await booker.post(`${base}/bookings/calendar`);
    assert.equal(made.statusCode, 200, 'the address is shown once');
    const address = /https?:\/\/[^\s<"]+\/calendars\/[\w-]+\/bookings\.ics/.exec(made.body)?.[0];
    assert.ok(address, 'the page shows the private address');
    const path = new URL(address).pathname;
    const feed = await new Agent(t).get(path);
    assert.equal(feed.statusCode, 200, 'the calendar app fetches it without signing in');
    assert.match(feed.body, /SUMMARY:Feed hall/, 'it names the space');
    assert.match(feed.body, /DESCRIPTION:Choir practice/, 'and what it is for');
    assert.match(
      pageText((await booker.get(`${base}/bookings/calendar`)).body),
      /feed is on/,
      'the page says it is on',
    );

    const again = await booker.post(`${base}/bookings/calendar`);
    const newPath = new URL(/https?:\/\/[^\s<"]+\/bookings\.ics/.exec(again.body)![0]).pathname;
    assert.equal((await new Agent(t).get(path)).statusCode, 404, 'the old address stops working');
    assert.equal((await new Agent(t).get(newPath)).statusCode, 200, 'the new one works');
    assert.equal((await booker.post(`${base}/bookings/calendar`, { stop: 'yes' })).statusCode, 303, 'stopped');
    assert.equal((await new Agent(t).get(newPath)).statusCode, 404, 'and then no address works');
    const madeUp = `${base}/calendars/${'a'.repeat(32)}/bookings.ics`;
    assert.equal((await new Agent(t).get(madeUp)).statusCode, 404, 'a made-up address finds nothing');
  });
});

describe('how a space is used', () => {
  test('the owner sees hours booked against hours open, the community share, income and no-shows', async () => {
    const spaceId = await spaceListed('automatic', 'Use hall');
    const date = nextDay('TU', 2);
    const organiser = t.demo.people.organiser!.id;
    const group = await t.kith.db.kysely
      .selectFrom('directory_organisation_members')
      .select('organisation_id')
      .where('person_id', '=', organiser)
      .executeTakeFirstOrThrow();
    await requestBooking(t.kith, {
      placeId,
      spaceId,
      personId: organiser,
      input: {
        date,
        from: '10:00',
        to: '13:00',
        attendees: 10,
        purpose: 'Group meeting',
        tier: 'community',
        organisationId: group.organisation_id,
      },
    });
    await booked(spaceId, t.demo.people.resident!.id, date, '18:00', '19:00');
    const officer = await signedInAs(t, 'officer');
    const month = date.slice(0, 7);
    const page = await officer.get(`${base}/${spaceId}/use?from=${month}-01&to=${addDays(date, 1)}`);
    assert.equal(page.statusCode, 200, 'the owner sees the use page');
    assert.match(pageText(page.body), /\b4\b \d+% 75% 2 £0 0/, 'four hours booked, three by a community group');
    const csv = (await officer.get(`${base}/${spaceId}/use.csv?from=${month}-01&to=${addDays(date, 1)}`)).body;
    assert.match(csv, new RegExp(`${month},[\\d.]+,4,\\d+,75,2,0\\.00,0`), 'the CSV has the same figures');
    const resident = await signedInAs(t, 'resident');
    assert.equal((await resident.get(`${base}/${spaceId}/use`)).statusCode, 403, 'a resident does not see it');
    assert.equal((await officer.get(`${base}/${spaceId}/use?from=2026-13-01`)).statusCode, 400, 'a bad date is a 400');
  });
});

describe('meanwhile use and distance', () => {
  test('an empty unit is offered for a licence period: bookable only within it, and found as meanwhile use', async () => {
    const officer = await signedInAs(t, 'officer');
    const from = addDays(todayInPlace(), 10);
    const until = addDays(from, 30);
    const form = {
      name: 'Former shoe shop, 4 Market Street',
      description: '',
      locationId,
      organisationId: '',
      capacity: '25',
      openDays: ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'],
      opensAt: '09:00',
      closesAt: '21:00',
      rate_community_hour: '0',
      rate_resident_hour: '5',
      houseRules: '',
      minNoticeHours: '24',
      maxAheadDays: '365',
      turnaroundMinutes: '0',
      approval: 'automatic',
      holdHours: '48',
      meanwhile: 'yes',
    };
    const missing = await officer.post(`${base}/new`, form);
    assert.equal(missing.statusCode, 400, 'a meanwhile unit needs its licence dates');
    assert.match(fieldErrors(missing.body).licenceFrom ?? '', /first day of the licence/, 'beside the first date');
    const listed = await officer.post(`${base}/new`, { ...form, licenceFrom: from, licenceUntil: until });
    assert.equal(listed.statusCode, 303, 'it is listed with its licence');
    const spaceId = (listed.headers.location as string).split('/').pop()!;
    assert.match(pageText((await new Agent(t).get(`${base}/${spaceId}`)).body), /Meanwhile use An empty unit lent/);

    const { id: bookerId } = await newMember(t, placeId, 'Mia Meanwhile');
    await assert.rejects(
      booked(spaceId, bookerId, addDays(until, 1), '10:00', '11:00'),
      /spaces\.book\.error\.outsideLicence/,
      'a date after the licence is refused',
    );
    assert.ok(await booked(spaceId, bookerId, addDays(from, 1), '10:00', '11:00'), 'a date within it is booked');

    const found = pageText((await new Agent(t).get(`${base}?meanwhile=yes`)).body);
    assert.match(found, /Former shoe shop/, 'asking for meanwhile units finds it');
    assert.doesNotMatch(found, /Church hall|Moving hall/, 'and no standing hall');
    const after = pageText(
      (await new Agent(t).get(`${base}?date=${addDays(until, 7)}&from=10:00&to=11:00&meanwhile=yes`)).body,
    );
    assert.doesNotMatch(after, /Former shoe shop/, 'nor on a date after its licence');
  });

  test('spaces near a postcode are listed nearest first with their distance; an unknown postcode is an error', async () => {
    const [location] = (await locationSummaries(t.kith.db.kysely, placeId, [locationId])).filter(
      (l) => l.latitude !== null,
    );
    assert.ok(location?.postcode, 'the demo location has a postcode and a point');
    const near = await new Agent(t).get(`${base}?postcode=${encodeURIComponent(location.postcode)}&distance=1`);
    assert.equal(near.statusCode, 200, 'a known postcode is searched');
    assert.match(pageText(near.body), /0\.\d miles away/, 'each space says how far it is');
    const unknown = await new Agent(t).get(`${base}?postcode=ZZ99+9ZZ`);
    assert.equal(unknown.statusCode, 400, 'an unknown postcode is a 400');
    assert.match(fieldErrors(unknown.body).postcode ?? '', /full postcode/, 'with the error beside the field');
  });
});

describe('cancelling under the space’s notice', () => {
  test('a booker cancelling a confirmed booking late still owes the hire, not the deposit; in time, or by the owner, nothing', async () => {
    const spaceId = await spaceListed('automatic', 'Notice hall', { cancelNoticeHours: '48' });
    assert.match(pageText((await new Agent(t).get(`${base}/${spaceId}`)).body), /Free until 48 hours before/);
    const { id: bookerId, agent: booker } = await newMember(t, placeId, 'Lara Late');
    const date = nextDay('WE', 14);
    const late = await booked(spaceId, bookerId, date, '10:00', '12:00');
    const early = await booked(spaceId, bookerId, date, '14:00', '16:00');
    const byOwner = await booked(spaceId, bookerId, date, '18:00', '20:00');
    const start = Date.parse((await findBooking(t.kith.db.kysely, placeId, late))!.startsAt);
    const dayBefore = new Date(start - 24 * 3600_000);
    const cancel = (bookingId: string, actorId: string, owner: boolean, now: Date) =>
      decideBooking(t.kith, {
        placeId,
        bookingId,
        actorId,
        byOwner: owner,
        decision: { kind: 'cancel', reason: '' },
        now,
      });
    await cancel(late, bookerId, false, dayBefore);
    await cancel(early, bookerId, false, new Date(start - 72 * 3600_000));
    await cancel(byOwner, t.demo.people.officer!.id, true, dayBefore);
    const found = async (id: string) => (await findBooking(t.kith.db.kysely, placeId, id))!;
    const l = await found(late);
    const e = await found(early);
    const o = await found(byOwner);
    assert.ok(l.lateCancel && chargeOf(l) === 3000, 'cancelled a day ahead: the £30 hire stands, not the deposit');
    assert.ok(!e.lateCancel && chargeOf(e) === 0, 'cancelled three days ahead: nothing owed');
    assert.ok(!o.lateCancel && chargeOf(o) === 0, 'called off by the owner: nothing owed');
    const page = pageText((await booker.get(`${base}/bookings/${late}`)).body);
    assert.match(page, /Cancelled late/, 'the booking says it was cancelled late');
    assert.match(page, /Still to pay £30/, 'and what is still owed');
  });
});
