import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { addDays, todayInPlace, weekdayOf } from '../../platform/dates.js';
import { Agent, fieldErrors, pageText, pdfText, signedInAs, startTestKith, type TestKith } from '../../testing.js';
import { locationSummaries, organisationIdsOrganisedBy } from '../directory/index.js';
import { changeBooking, decideBooking, requestBooking } from './bookings.js';
import { confirmedBookingsOf } from './index.js';
import type { BookingInput } from './inputs.js';
import { clashes } from './rules.js';
import { LIVE } from './store.js';

let t: TestKith;
let placeId: string;
let locationId: string;
let group: string;
const base = '/places/calderbrook/spaces';

before(async () => {
  t = await startTestKith({ demo: true });
  placeId = t.demo.places.calderbrook!.id;
  locationId = (await locationSummaries(t.kith.db.kysely, placeId))[2]!.id;
  group = (await organisationIdsOrganisedBy(t.kith.db.kysely, placeId, t.demo.people.organiser!.id))[0]!;
});
after(() => t.close());

/** The next given weekday at least `days` ahead. */
function nextDay(weekday: string, days = 7): string {
  let date = addDays(todayInPlace(), days);
  while (weekdayOf(date) !== weekday) date = addDays(date, 1);
  return date;
}

const spaceForm = (over: Record<string, string | string[]> = {}) => ({
  name: 'Church hall',
  description: 'Behind St Mary’s',
  locationId,
  organisationId: '',
  capacity: '40',
  layouts: ['theatre', 'open'],
  accessibility: ['stepFree', 'hearingLoop'],
  facilities: 'kitchen',
  openDays: ['MO', 'TU', 'WE', 'TH', 'FR'],
  opensAt: '09:00',
  closesAt: '22:00',
  rate_community_hour: '10',
  rate_community_halfDay: '',
  rate_community_day: '60',
  rate_resident_hour: '15',
  rate_resident_halfDay: '',
  rate_resident_day: '',
  rate_commercial_hour: '30.50',
  rate_commercial_halfDay: '',
  rate_commercial_day: '',
  deposit: '25',
  houseRules: 'No glitter.',
  minNoticeHours: '24',
  maxAheadDays: '365',
  turnaroundMinutes: '30',
  approval: 'owner',
  holdHours: '48',
  ...over,
});

async function listedByOfficer(over: Record<string, string | string[]> = {}): Promise<string> {
  const officer = await signedInAs(t, 'officer');
  const response = await officer.post(`${base}/new`, spaceForm(over));
  assert.equal(response.statusCode, 303, pageText(response.body));
  return (response.headers.location as string).split('/').pop()!;
}

const booking = (date: string, from: string, to: string, over: Partial<BookingInput> = {}): BookingInput => ({
  date,
  from,
  to,
  attendees: 10,
  purpose: 'Choir practice',
  tier: 'resident',
  organisationId: '',
  ...over,
});

describe('listing a space', () => {
  test('an officer lists a space at a directory location, and anyone sees its rates and hours', async () => {
    const id = await listedByOfficer();
    const page = pageText((await new Agent(t).get(`${base}/${id}`)).body);
    assert.match(page, /Church hall/);
    assert.match(page, /Community group £10 Not offered £60/);
    assert.match(page, /Commercial £30.50/);
    assert.match(page, /Step-free access, Hearing loop/);
    assert.match(page, /30 minutes after each booking/);
    assert.match(page, /When it is free/);
  });

  test('every mistake is shown beside its field, and nothing is stored', async () => {
    const officer = await signedInAs(t, 'officer');
    const before = await t.kith.db.kysely.selectFrom('spaces_spaces').select('id').execute();
    const response = await officer.post(
      `${base}/new`,
      spaceForm({
        name: '',
        capacity: 'lots',
        opensAt: '22:00',
        closesAt: '09:00',
        rate_resident_hour: 'twelve',
        openDays: [],
        locationId: '',
      }),
    );
    assert.equal(response.statusCode, 400);
    const errors = fieldErrors(response.body);
    assert.equal(errors.name, 'Enter the name of the space');
    assert.ok(errors.capacity && errors.rate_resident_hour && errors['openDays'] && errors.locationId);
    assert.equal((await t.kith.db.kysely.selectFrom('spaces_spaces').select('id').execute()).length, before.length);
  });

  test('an organiser lists only for a group they organise; a resident may not list', async () => {
    const organiser = await signedInAs(t, 'organiser');
    const none = await organiser.post(`${base}/new`, spaceForm({ organisationId: '' }));
    assert.equal(none.statusCode, 422);
    assert.equal(fieldErrors(none.body).organisationId, 'Choose the group that runs this space');
    const ok = await organiser.post(`${base}/new`, spaceForm({ organisationId: group, name: 'Scout hut' }));
    assert.equal(ok.statusCode, 303);
    const resident = await signedInAs(t, 'resident');
    assert.equal((await resident.post(`${base}/new`, spaceForm())).statusCode, 403);
  });
});

describe('finding a space', () => {
  test('by size, accessibility and a free time; a booked space drops out', async () => {
    const id = await listedByOfficer({
      name: 'Loop room',
      accessibility: ['hearingLoop', 'changingPlaces'],
      capacity: '35',
    });
    const date = nextDay('TH');
    const find = async (q: string) => pageText((await new Agent(t).get(`${base}?${q}`)).body);
    const query = `size=30&accessibility=changingPlaces&date=${date}&from=19:00&to=21:00&tier=community`;
    assert.match(await find(query), /Loop room .* £20 for that time \(Community group\)/);
    assert.doesNotMatch(await find('size=36&accessibility=changingPlaces'), /Loop room/);
    await requestBooking(t.kith, {
      placeId,
      spaceId: id,
      personId: t.demo.people.resident!.id,
      input: booking(date, '21:15', '22:00'),
    });
    assert.doesNotMatch(await find(query), /Loop room/, 'within the 30-minute gap after 21:00');
  });

  test('a week’s availability is a table of hours and days, busy times without names', async () => {
    const id = await listedByOfficer({ name: 'Week room' });
    const date = nextDay('TU');
    await requestBooking(t.kith, {
      placeId,
      spaceId: id,
      personId: t.demo.people.resident!.id,
      input: booking(date, '19:00', '20:00', { purpose: 'Secret party' }),
    });
    const html = (await new Agent(t).get(`${base}/${id}?week=${date}`)).body;
    assert.match(html, /<caption[^>]*>Week of/);
    assert.match(pageText(html), /19:00 Free Busy Free Free Free Closed Closed/);
    assert.match(pageText(html), /20:00 Free Busy Free/, 'the gap after the booking keeps the space');
    assert.doesNotMatch(html, /Secret party/);
  });
});

describe('booking a space', () => {
  test('a booking waits for the owner, who approves it; its price is at the tier; a clash is refused', async () => {
    const id = await listedByOfficer({ name: 'Approval hall' });
    const organiser = await signedInAs(t, 'organiser');
    const date = nextDay('TU');
    const fields = (over: Record<string, string> = {}) => ({
      'date-day': date.slice(8),
      'date-month': date.slice(5, 7),
      'date-year': date.slice(0, 4),
      from: '19:00',
      to: '21:00',
      attendees: '30',
      purpose: 'Walking group AGM',
      tier: 'community',
      organisationId: group,
      ...over,
    });
    const noGroup = await organiser.post(`${base}/${id}/book`, fields({ organisationId: '' }));
    assert.equal(noGroup.statusCode, 422);
    assert.match(fieldErrors(noGroup.body).organisationId!, /group in the directory/);
    const sent = await organiser.post(`${base}/${id}/book`, fields());
    assert.equal(sent.statusCode, 303);
    const href = sent.headers.location as string;
    const page = pageText((await organiser.get(href)).body);
    assert.match(page, /Held, waiting for approval/);
    assert.match(page, /Price £20/, 'two hours at the community rate of £10');
    assert.match(page, /Total with deposit £45/);

    const resident = await signedInAs(t, 'resident');
    const clash = await resident.post(
      `${base}/${id}/book`,
      fields({ from: '21:00', to: '22:00', tier: 'resident', organisationId: '' }),
    );
    assert.equal(clash.statusCode, 422, 'the 30-minute gap after 21:00 is kept');
    assert.match(fieldErrors(clash.body).from!, /already booked/);
    assert.equal((await resident.get(href)).statusCode, 403, 'a booking is seen by its booker and the owner only');

    const officer = await signedInAs(t, 'officer');
    assert.equal((await organiser.post(`${href}/approve`, {})).statusCode, 403);
    assert.equal((await officer.post(`${href}/approve`, {})).statusCode, 303);
    assert.match(pageText((await organiser.get(href)).body), /Status Confirmed/);
    const linked = await confirmedBookingsOf(t.kith.db.kysely, placeId, { organisationIds: [group] });
    assert.ok(linked.some((b) => b.spaceId === id && b.spaceName === 'Approval hall'));

    assert.equal((await organiser.post(`${href}/cancel`, { reason: 'Moved online' })).statusCode, 303);
    const late = await resident.post(
      `${base}/${id}/book`,
      fields({ from: '21:00', to: '22:00', tier: 'resident', organisationId: '' }),
    );
    assert.equal(late.statusCode, 303, 'a cancelled booking frees its time');
  });

  test('a refusal needs a reason, which the booker reads', async () => {
    const id = await listedByOfficer({ name: 'Refusal room' });
    const { id: bookingId } = await requestBooking(t.kith, {
      placeId,
      spaceId: id,
      personId: t.demo.people.resident!.id,
      input: booking(nextDay('WE'), '10:00', '12:00'),
    });
    const officer = await signedInAs(t, 'officer');
    const empty = await officer.post(`${base}/bookings/${bookingId}/refuse`, { reason: '' });
    assert.equal(empty.statusCode, 400);
    assert.equal(fieldErrors(empty.body).reason, 'Give the reason');
    await officer.post(`${base}/bookings/${bookingId}/refuse`, { reason: 'The hall is being painted that week' });
    const page = pageText((await (await signedInAs(t, 'resident')).get(`${base}/bookings/${bookingId}`)).body);
    assert.match(page, /Refused .*The hall is being painted that week/);
  });

  test('a hold lapses after its time and cannot then be approved; the time is free again', async () => {
    const id = await listedByOfficer({ name: 'Lapsing room', holdHours: '1' });
    const date = nextDay('MO');
    const first = await requestBooking(t.kith, {
      placeId,
      spaceId: id,
      personId: t.demo.people.resident!.id,
      input: booking(date, '10:00', '11:00'),
    });
    const later = new Date(Date.now() + 2 * 3600_000);
    await assert.rejects(
      decideBooking(t.kith, {
        placeId,
        bookingId: first.id,
        actorId: t.demo.people.officer!.id,
        decision: { kind: 'approve' },
        now: later,
      }),
      { key: 'spaces.booking.error.lapsed' },
    );
    const second = await requestBooking(t.kith, {
      placeId,
      spaceId: id,
      personId: t.demo.people.partner!.id,
      input: booking(date, '10:00', '11:00'),
      now: later,
    });
    assert.equal(second.status, 'provisional');
  });

  test('fifty requests for one slot at once give exactly one booking', async () => {
    const id = await listedByOfficer({ name: 'Race hall', approval: 'automatic' });
    const date = nextDay('FR');
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) =>
        requestBooking(t.kith, {
          placeId,
          spaceId: id,
          personId: t.demo.people.resident!.id,
          input: booking(date, i % 2 ? '18:00' : '18:30', i % 3 ? '20:00' : '19:30'),
        }),
      ),
    );
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
    for (const r of results)
      if (r.status === 'rejected') assert.equal((r.reason as { key?: string }).key, 'spaces.book.error.clash');
    const live = await t.kith.db.kysely
      .selectFrom('spaces_bookings')
      .select('id')
      .where('space_id', '=', id)
      .where('status', 'in', LIVE)
      .execute();
    assert.equal(live.length, 1);
  });

  test('a form posted twice with one key makes one booking', async () => {
    const id = await listedByOfficer({ name: 'Twice room', approval: 'automatic' });
    const date = nextDay('WE');
    const resident = await signedInAs(t, 'resident');
    const fields = {
      'date-day': date.slice(8),
      'date-month': date.slice(5, 7),
      'date-year': date.slice(0, 4),
      from: '09:00',
      to: '10:00',
      attendees: '5',
      purpose: 'Coffee morning',
      tier: 'resident',
    };
    const [a, b] = await Promise.all([
      resident.post(`${base}/${id}/book`, fields, { idempotencyKey: 'same' }),
      resident.post(`${base}/${id}/book`, fields, { idempotencyKey: 'same' }),
    ]);
    assert.equal(a.statusCode, 303);
    assert.equal(b.statusCode, 303);
    assert.equal(a.headers.location, b.headers.location);
  });

  test('random requests, approvals, changes, cancellations and lapses never leave two live bookings overlapping', async () => {
    const id = await listedByOfficer({ name: 'Property hall', holdHours: '2', turnaroundMinutes: '15' });
    const date = nextDay('TU', 30);
    const officerId = t.demo.people.officer!.id;
    const residentId = t.demo.people.resident!.id;
    const op = fc.oneof(
      fc.record({
        kind: fc.constant('request' as const),
        from: fc.integer({ min: 18, max: 41 }),
        length: fc.integer({ min: 1, max: 6 }),
      }),
      fc.record({ kind: fc.constantFrom('approve' as const, 'refuse' as const, 'cancel' as const), pick: fc.nat() }),
      fc.record({ kind: fc.constant('wait' as const), hours: fc.integer({ min: 1, max: 3 }) }),
      fc.record({
        kind: fc.constant('change' as const),
        pick: fc.nat(),
        from: fc.integer({ min: 18, max: 41 }),
        length: fc.integer({ min: 1, max: 6 }),
        byOwner: fc.boolean(),
      }),
    );
    const clock = (half: number) => `${String(Math.floor(half / 2)).padStart(2, '0')}:${half % 2 ? '30' : '00'}`;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 25 }), async (ops) => {
        await t.kith.db.kysely.deleteFrom('spaces_bookings').where('space_id', '=', id).execute();
        let now = new Date();
        const ids: string[] = [];
        for (const o of ops) {
          const acted = o.kind === 'request' || (o.kind !== 'wait' && ids.length > 0);
          try {
            if (o.kind === 'request') {
              const to = Math.min(o.from + o.length, 44);
              const made = await requestBooking(t.kith, {
                placeId,
                spaceId: id,
                personId: residentId,
                input: booking(date, clock(o.from), clock(to)),
                now,
              });
              ids.push(made.id);
            } else if (o.kind === 'wait') now = new Date(now.getTime() + o.hours * 3600_000);
            else if (o.kind === 'change') {
              if (ids.length) {
                const to = Math.min(o.from + o.length, 44);
                await changeBooking(t.kith, {
                  placeId,
                  bookingId: ids[o.pick % ids.length]!,
                  actorId: o.byOwner ? officerId : residentId,
                  byOwner: o.byOwner,
                  input: { date, from: clock(o.from), to: clock(to), attendees: 10, purpose: 'Choir practice' },
                  now,
                });
              }
            } else if (ids.length) {
              const bookingId = ids[o.pick % ids.length]!;
              const decision =
                o.kind === 'approve' ? { kind: o.kind } : { kind: o.kind, reason: o.kind === 'refuse' ? 'No' : '' };
              await decideBooking(t.kith, { placeId, bookingId, actorId: officerId, decision, now });
            }
          } catch (error) {
            const status = (error as { status?: number }).status;
            if (status !== 409 && status !== 422) throw error;
          }
          const rows = await t.kith.db.kysely
            .selectFrom('spaces_bookings')
            .selectAll()
            .where('space_id', '=', id)
            .where('status', 'in', LIVE)
            .execute();
          for (const [i, a] of rows.entries())
            for (const b of rows.slice(i + 1))
              assert.ok(
                !clashes(
                  { start: Number(a.start_minute), blockEnd: Number(a.block_end_minute) },
                  { start: Number(b.start_minute), blockEnd: Number(b.block_end_minute) },
                ),
                'two live bookings overlap',
              );
          if (acted)
            assert.ok(
              rows.every((r) => r.status !== 'provisional' || r.hold_expires_at! > now.toISOString()),
              'a lapsed hold was kept',
            );
        }
      }),
      { numRuns: 25 },
    );
  });

  test('ten Tuesdays: the clash is shown before sending, and the other nine are booked and approved together', async () => {
    const id = await listedByOfficer({ name: 'Series hall' });
    const first = nextDay('TU');
    await requestBooking(t.kith, {
      placeId,
      spaceId: id,
      personId: t.demo.people.partner!.id,
      input: booking(addDays(first, 21), '18:00', '19:30'),
    });
    const organiser = await signedInAs(t, 'organiser');
    const fields = {
      'date-day': first.slice(8),
      'date-month': first.slice(5, 7),
      'date-year': first.slice(0, 4),
      repeat: 'weekly',
      count: '10',
      from: '19:00',
      to: '21:00',
      attendees: '30',
      purpose: 'Walking group talks',
      tier: 'community',
      organisationId: group,
    };
    const preview = await organiser.post(`${base}/${id}/book`, { ...fields, check: 'yes' });
    assert.equal(preview.statusCode, 200);
    const text = pageText(preview.body);
    assert.match(text, /1 date cannot be booked/);
    assert.equal((text.match(/already booked/g) ?? []).length, 1);
    assert.equal((text.match(/ Free £20/g) ?? []).length, 9);
    const sent = await organiser.post(`${base}/${id}/book`, fields);
    assert.equal(sent.statusCode, 303);
    const officer = await signedInAs(t, 'officer');
    const href = sent.headers.location as string;
    const approved = await officer.post(`${href}/approve`, { series: 'all' });
    assert.equal(approved.statusCode, 303);
    const confirmed = await t.kith.db.kysely
      .selectFrom('spaces_bookings')
      .select(['starts_at', 'status'])
      .where('space_id', '=', id)
      .where('booker_id', '=', t.demo.people.organiser!.id)
      .execute();
    assert.equal(confirmed.length, 9);
    assert.ok(confirmed.every((b) => b.status === 'confirmed'));
    assert.match(pageText((await organiser.get(href)).body), /9 dates in this series/);
  });

  test('a weekly 19:00 booking stays at 19:00 in London across the clock change', async () => {
    const id = await listedByOfficer({ name: 'Clock hall', maxAheadDays: '730', approval: 'automatic' });
    // The last Tuesday before the clocks go forward, next spring.
    const year = Number(todayInPlace().slice(0, 4)) + 1;
    let first = `${year}-03-24`;
    while (weekdayOf(first) !== 'TU') first = addDays(first, -1);
    const made = await requestBooking(t.kith, {
      placeId,
      spaceId: id,
      personId: t.demo.people.resident!.id,
      input: { ...booking(first, '19:00', '21:00'), repeat: 'weekly', count: 3 },
    });
    assert.equal(made.ids.length, 3);
    const rows = await t.kith.db.kysely
      .selectFrom('spaces_bookings')
      .select('starts_at')
      .where('space_id', '=', id)
      .orderBy('start_minute')
      .execute();
    const london = (iso: string) =>
      new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit' }).format(
        new Date(iso),
      );
    assert.deepEqual(
      rows.map((r) => london(r.starts_at)),
      ['19:00', '19:00', '19:00'],
    );
    assert.ok(rows.some((r) => r.starts_at.includes('T19:00')) && rows.some((r) => r.starts_at.includes('T18:00')));
  });

  test('the public calendar shows busy times without names; the invoice and the finance CSV show the price', async () => {
    const id = await listedByOfficer({ name: 'Papers hall', approval: 'automatic' });
    const made = await requestBooking(t.kith, {
      placeId,
      spaceId: id,
      personId: t.demo.people.organiser!.id,
      input: {
        ...booking(nextDay('TH'), '19:00', '21:00', {
          tier: 'community',
          organisationId: group,
          purpose: 'Private AGM',
        }),
        repeat: 'weekly',
        count: 3,
      },
    });
    const ics = (await new Agent(t).get(`${base}/${id}/calendar.ics`)).body;
    assert.equal((ics.match(/BEGIN:VEVENT/g) ?? []).length, 3);
    assert.match(ics, /SUMMARY:Busy/);
    assert.doesNotMatch(ics, /AGM|Marcus|Walk/i);
    const organiser = await signedInAs(t, 'organiser');
    const pdf = await organiser.get(`${base}/bookings/${made.id}/invoice.pdf`);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    const text = await pdfText(pdf.rawPayload);
    assert.match(text, /Community group rate/);
    assert.match(text, /£20/);
    const officer = await signedInAs(t, 'officer');
    const csv = (await officer.get(`${base}/${id}/bookings.csv`)).body;
    assert.equal(csv.trim().split('\n').length, 4);
    assert.match(csv, /Community group,Confirmed,20.00,25.00/);
  });
});
