import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { addDays, todayInPlace } from '../../platform/dates.js';
import { Agent, fieldErrors, newMember, pageText, signedInAs, startTestKith, type TestKith } from '../../testing.js';
import { cancelEvent, createEvent } from './events.js';
import { startGroup } from './groups.js';
import type { EventInput } from './inputs.js';
import { placeEventsAlreadyListed } from './places.js';
import { findEvent, findGroup } from './store.js';

let t: TestKith;
let placeId: string;
const base = '/places/calderbrook/groups';
const whatsOn = (query: string) => new Agent(t).get(`${base}/whats-on?${query}`);

before(async () => {
  t = await startTestKith({ demo: true });
  placeId = t.demo.places.calderbrook!.id;
});
after(() => t.close());

const input = (title: string, days: number, over: Partial<EventInput> = {}): EventInput => ({
  title,
  description: '',
  date: addDays(todayInPlace(), days),
  from: '18:00',
  to: '19:00',
  weeks: null,
  mode: 'in_person',
  venue: '',
  address: '',
  onlineLink: '',
  capacity: null,
  forChildren: false,
  safeguardingContact: '',
  ...over,
});

async function groupOf(name: string, joining: 'open' | 'approval' = 'open') {
  const { id: organiserId } = await newMember(t, placeId, `Organiser ${name}`);
  const id = await startGroup(t.kith, {
    placeId,
    personId: organiserId,
    input: { name, purpose: 'Events', area: '', languages: '', joining },
  });
  const group = (await findGroup(t.kith.db.kysely, placeId, id))!;
  const add = (title: string, days: number, over: Partial<EventInput> = {}) =>
    createEvent(t.kith, { group, personId: organiserId, input: input(title, days, over) });
  return { group, organiserId, add };
}

/** The titles of the events listed, in the order shown. */
const titles = (html: string) =>
  [...html.matchAll(/<h3 class="govuk-heading-s[^"]*"><a class="govuk-link" href="[^"]*">([^<]*)<\/a>/g)].map(
    (m) => m[1]!,
  );

describe('what’s on near a postcode', () => {
  test('near a postcode: the ones within the distance and online ones, nearest first or soonest first', async () => {
    const { add } = await groupOf('Walkers of Calderbrook');
    await add('Zeta walk in the town centre', 3, { address: 'Town Hall, KL1 1AA' });
    await add('Zeta walk across the valley', 2, { address: 'Chapel, KL6 1AB, Calderbrook' });
    await add('Zeta talk online', 4, { mode: 'online', onlineLink: 'https://meet.example/z' });
    await add('Zeta walk by the sea', 1, { address: 'Beach huts, YL1 1AA' });
    const byDistance = await whatsOn('postcode=kl1+1aa&distance=25&order=distance');
    assert.equal(byDistance.statusCode, 200, pageText(byDistance.body));
    const shown = titles(byDistance.body).filter((s) => s.startsWith('Zeta'));
    assert.deepEqual(
      shown,
      ['Zeta walk in the town centre', 'Zeta walk across the valley', 'Zeta talk online'],
      'nearest first, online last, the one in another part of the country not at all',
    );
    assert.match(pageText(byDistance.body), /Town Hall, KL1 1AA · 0\.0 miles away/, 'the distance is shown');
    assert.match(pageText(byDistance.body), /Online/, 'an online event says so, with no distance');
    const byTime = titles((await whatsOn('postcode=KL1 1AA&distance=25&order=time')).body).filter((s) =>
      s.startsWith('Zeta'),
    );
    assert.deepEqual(
      byTime,
      ['Zeta walk across the valley', 'Zeta walk in the town centre', 'Zeta talk online'],
      'soonest first',
    );
    const close = titles((await whatsOn('postcode=KL1 1AA&distance=1')).body);
    assert.ok(close.includes('Zeta walk in the town centre'), 'within a mile: the town centre');
    assert.ok(!close.includes('Zeta walk across the valley'), `a mile leaves out the valley: ${close.join(', ')}`);
    const everywhere = titles((await whatsOn('')).body);
    assert.ok(everywhere.includes('Zeta walk by the sea'), 'with no postcode, the whole place’s events');
  });

  test('today, the next 7 days or the next 4 weeks', async () => {
    const { add } = await groupOf('Singers of Calderbrook');
    await add('Yodel practice soon', 5, { address: 'KL2 1AB' });
    await add('Yodel concert later', 20, { address: 'KL2 1AB' });
    const week = titles((await whatsOn('when=week')).body);
    assert.ok(week.includes('Yodel practice soon'), 'this week’s is listed');
    assert.ok(!week.includes('Yodel concert later'), 'one in three weeks is not in this week');
    const month = titles((await whatsOn('when=month')).body);
    assert.ok(month.includes('Yodel concert later'), 'the next 4 weeks lists it');
    const today = titles((await whatsOn('when=today')).body);
    assert.ok(!today.includes('Yodel practice soon'), 'nor is one in five days on today’s list');
    const wrong = await whatsOn('when=yesterday');
    assert.equal(wrong.statusCode, 400, 'a span that is not offered is an error');
    assert.match(fieldErrors(wrong.body).when ?? '', /Choose today/, 'said beside the choice');
  });

  test('a postcode that is not one, or is not known, is said beside the field with an error summary', async () => {
    const unknown = await whatsOn('postcode=ZZ9+9ZZ');
    assert.equal(unknown.statusCode, 400, 'an unknown postcode is an error');
    assert.equal(
      fieldErrors(unknown.body).postcode,
      'We could not find the postcode ZZ9 9ZZ. Check it and try again',
      'said beside the field',
    );
    assert.match(unknown.body, /govuk-error-summary/, 'with an error summary at the top');
    assert.match(unknown.body, /href="#postcode"/, 'which links to the field');
    assert.match(unknown.body, /value="ZZ9 9ZZ"/, 'what was typed stays in the field');
    const nonsense = await whatsOn('postcode=hello');
    assert.equal(fieldErrors(nonsense.body).postcode, 'Enter a real postcode, like KL4 1JK', 'a malformed one too');
  });

  test('members-only groups’ events, hidden and cancelled ones are never listed', async () => {
    const closed = await groupOf('Quiet circle', 'approval');
    await closed.add('Xylophone members’ night', 2, { address: 'KL1 1AA' });
    const open = await groupOf('Loud circle');
    const cancelled = await open.add('Xylophone cancelled', 2, { address: 'KL1 1AA' });
    const hidden = await open.add('Xylophone hidden', 2, { address: 'KL1 1AA' });
    await open.add('Xylophone open night', 2, { address: 'KL1 1AA' });
    await cancelEvent(t.kith, {
      group: open.group,
      eventId: cancelled,
      personId: open.organiserId,
      reason: 'Rain',
      eventPath: `${base}/events/${cancelled}`,
    });
    const admin = await signedInAs(t, 'admin');
    await admin.post(`${base}/events/${hidden}/hide`, { reason: 'Spam' });
    for (const query of ['', 'postcode=KL1+1AA&distance=5']) {
      const shown = titles((await whatsOn(query)).body).filter((s) => s.startsWith('Xylophone'));
      assert.deepEqual(shown, ['Xylophone open night'], `only the open group’s scheduled event (${query || 'all'})`);
    }
    const asAdmin = titles((await admin.get(`${base}/whats-on`)).body);
    assert.ok(!asAdmin.includes('Xylophone members’ night'), 'not even to an admin: it is a public list');
  });

  test('an event is placed by its written postcode or its directory location; older events are placed once', async () => {
    const { add } = await groupOf('Placed group');
    const written = await add('Placed by postcode', 3, { address: '12 Mill Street, Calderbrook KL2 1AB' });
    const event = (await findEvent(t.kith.db.kysely, placeId, written))!;
    assert.ok(event.latitude !== null && event.longitude !== null, 'a written postcode gives it a point');
    const online = await add('Not placed', 3, { mode: 'online', onlineLink: 'https://meet.example/p' });
    assert.equal((await findEvent(t.kith.db.kysely, placeId, online))!.latitude, null, 'online has no point');
    await t.kith.db.kysely
      .updateTable('groups_events')
      .set({ latitude: null, longitude: null })
      .where('id', '=', written)
      .execute();
    assert.ok((await placeEventsAlreadyListed(t.kith.db.kysely)) >= 1, 'the backfill places it again');
    const again = (await findEvent(t.kith.db.kysely, placeId, written))!;
    assert.deepEqual([again.latitude, again.longitude], [event.latitude, event.longitude], 'at the same point');
  });

  test('the groups page links to what’s on', async () => {
    const html = (await new Agent(t).get(base)).body;
    assert.match(html, /href="\/places\/calderbrook\/groups\/whats-on"/, 'a link from the list of groups');
  });
});
