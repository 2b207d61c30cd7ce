import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { addDays, todayInPlace, weekdayOf } from '../../platform/dates.js';
import { locationSummaries } from '../directory/index.js';
import { hashPassword, insertPerson, insertRole } from '../people/index.js';
import {
  Agent,
  fieldErrors,
  newMember,
  pageText,
  signedInAs,
  queuedEmailsTo,
  startTestKith,
  type TestKith,
} from '../../testing.js';
import { exportPersonalData } from '../people/index.js';
import { cancelRsvp, changeEvent, createEvent, rsvp, takeAttendance } from './events.js';
import { sendEventReminders } from './reminders.js';
import { groupsModule } from './index.js';
import { startGroup } from './groups.js';
import type { EventInput } from './inputs.js';
import { GROUPS_PER_DAY } from './rules.js';
import { jsonForScript } from '../../web/script-json.js';
import { countByStatus, findEvent, findGroup, findRsvp } from './store.js';

let t: TestKith;
let placeId: string;
const base = '/places/calderbrook/groups';

before(async () => {
  t = await startTestKith({ demo: true });
  placeId = t.demo.places.calderbrook!.id;
});
after(() => t.close());

const groupForm = (over: Record<string, string> = {}) => ({
  name: 'Mill Street Gardeners',
  purpose: 'Growing food on the verges',
  area: 'Mill Street',
  languages: 'English, Polish',
  joining: 'open',
  ...over,
});

const eventInput = (over: Partial<EventInput> = {}): EventInput => ({
  title: 'Planting day',
  description: 'Bring gloves',
  date: addDays(todayInPlace(), 10),
  from: '10:00',
  to: '12:00',
  weeks: null,
  mode: 'in_person',
  venue: '',
  address: '1 Mill Street',
  onlineLink: '',
  capacity: 20,
  forChildren: false,
  safeguardingContact: '',
  ...over,
});

async function startedBy(agent: Agent, over: Record<string, string> = {}): Promise<string> {
  const response = await agent.post(`${base}/new`, groupForm(over));
  assert.equal(response.statusCode, 303, pageText(response.body));
  return (response.headers.location as string).split('/').pop()!;
}

async function people(count: number, prefix: string): Promise<string[]> {
  const passwordHash = await hashPassword('x-unused-password');
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const person = await insertPerson(t.kith.db.kysely, {
      name: `${prefix} ${i}`,
      email: `${prefix.toLowerCase()}-${i}-${Date.now()}@test.example`,
      passwordHash,
      language: 'en',
      emailConfirmed: true,
    });
    await insertRole(t.kith.db.kysely, { placeId, personId: person.id, role: 'resident', grantedBy: null });
    ids.push(person.id);
  }
  return ids;
}

/** The emails queued for a person: each one's payload, subject and body alike. */
const mailsTo = (personId: string) => queuedEmailsTo(t, personId);

async function eventOf(organiserId: string, over: Partial<EventInput> = {}) {
  const groupId = await startGroup(t.kith, {
    placeId,
    personId: organiserId,
    input: { name: 'Race club', purpose: 'Running', area: '', languages: '', joining: 'open' },
  });
  const group = (await findGroup(t.kith.db.kysely, placeId, groupId))!;
  return { group, eventId: await createEvent(t.kith, { group, personId: organiserId, input: eventInput(over) }) };
}

describe('groups', () => {
  test('a resident starts a group at once; anyone sees its page; joining is at once', async () => {
    const { agent } = await newMember(t, placeId, 'Asha Founder');
    const id = await startedBy(agent);
    const page = await new Agent(t).get(`${base}/${id}`);
    assert.equal(page.statusCode, 200);
    assert.match(pageText(page.body), /Mill Street Gardeners/);
    assert.match(pageText(page.body), /Asha Founder/);
    const joiner = await newMember(t, placeId, 'Bea Joiner');
    assert.equal((await joiner.agent.post(`${base}/${id}/join`, { visible: 'no' })).statusCode, 303);
    const asMember = pageText((await joiner.agent.get(`${base}/${id}`)).body);
    assert.match(asMember, /You are a member of this group\./);
    // Bea chose not to be shown: others see a count, not her name; the organiser sees her.
    const stranger = pageText((await new Agent(t).get(`${base}/${id}`)).body);
    assert.doesNotMatch(stranger, /Bea Joiner/);
    assert.match(stranger, /1 member who chose not to be shown/);
    assert.match(pageText((await agent.get(`${base}/${id}`)).body), /Bea Joiner/);
  });

  test('starting groups is limited per account per day, with a clear error and nothing stored', async () => {
    const { agent } = await newMember(t, placeId, 'Busy Starter');
    for (let i = 0; i < GROUPS_PER_DAY; i++) await startedBy(agent, { name: `Group ${i}` });
    const refused = await agent.post(`${base}/new`, groupForm({ name: 'One too many' }));
    assert.equal(refused.statusCode, 422);
    assert.match(fieldErrors(refused.body).name!, new RegExp(`start ${GROUPS_PER_DAY} groups a day`));
    assert.doesNotMatch(pageText((await agent.get(base)).body), /One too many/);
  });

  test('an approval group: joining is a request; only members see who belongs and its events', async () => {
    const { agent: organiser } = await newMember(t, placeId, 'Priya Private');
    const id = await startedBy(organiser, { name: 'Carers’ circle', joining: 'approval' });
    const asker = await newMember(t, placeId, 'Quinn Asker');
    await asker.agent.post(`${base}/${id}/join`, { visible: 'yes' });
    const outside = pageText((await asker.agent.get(`${base}/${id}`)).body);
    assert.match(outside, /asked to join/);
    assert.match(outside, /Only members see who belongs/);
    assert.doesNotMatch(outside, /Priya Private/);
    assert.match(pageText((await organiser.get(`${base}/${id}`)).body), /Asking to join.*Quinn Asker/s);
    const personId = asker.id;
    assert.equal(
      (await organiser.post(`${base}/${id}/members/${personId}/decide`, { decision: 'approve' })).statusCode,
      303,
    );
    assert.match(pageText((await asker.agent.get(`${base}/${id}`)).body), /Priya Private/);
    // Not the organiser: refused.
    const other = await newMember(t, placeId, 'Rita Other');
    assert.equal((await other.agent.post(`${base}/${id}/members/${personId}/organiser`)).statusCode, 403);
    // Its events are not in a calendar feed, which anyone could fetch.
    assert.equal((await organiser.get(`${base}/${id}/calendar.ics`)).statusCode, 404);
    assert.doesNotMatch((await organiser.get(`${base}/${id}`)).body, /calendar\.ics"/);
  });
});

describe('events', () => {
  test('fifty people answering at once for twenty places: exactly twenty going, thirty waiting', async () => {
    const [organiser] = await people(1, 'Organiser');
    const { eventId } = await eventOf(organiser!);
    const crowd = await people(50, 'Crowd');
    const answers = await Promise.all(
      crowd.map((personId) => rsvp(t.kith, { placeId, eventId, personId, input: { accessNeeds: '', language: 'en' } })),
    );
    assert.equal(answers.filter((a) => a === 'going').length, 20);
    assert.equal(answers.filter((a) => a === 'waiting').length, 30);
    assert.deepEqual(await countByStatus(t.kith.db.kysely, eventId), { going: 20, waiting: 30, cancelled: 0 });

    // Two going people give up their places at once, each twice: exactly two promoted, each once.
    const goingIds = crowd.filter((_, i) => answers[i] === 'going');
    const path = `${base}/events/${eventId}`;
    const cancels = await Promise.all(
      [goingIds[0]!, goingIds[1]!, goingIds[0]!, goingIds[1]!].map((personId) =>
        cancelRsvp(t.kith, { placeId, eventId, personId, eventPath: path }),
      ),
    );
    const promoted = cancels.filter((p): p is string => p !== null);
    assert.equal(promoted.length, 2);
    assert.equal(new Set(promoted).size, 2);
    assert.deepEqual(await countByStatus(t.kith.db.kysely, eventId), { going: 20, waiting: 28, cancelled: 2 });
    // The first two on the waiting list, in the order they asked, were promoted and emailed once each.
    for (const personId of promoted) {
      assert.equal((await findRsvp(t.kith.db.kysely, eventId, personId))!.status, 'going');
      const mails = await mailsTo(personId);
      assert.equal(mails.length, 1);
      assert.match(mails[0]!, /A place has come free/);
    }
  });

  test('a resident adds an event by the form; the online link shows only to people going', async () => {
    const { agent: organiser } = await newMember(t, placeId, 'Olu Online');
    const groupId = await startedBy(organiser, { name: 'Online readers' });
    const date = addDays(todayInPlace(), 9);
    const made = await organiser.post(`${base}/${groupId}/events/new`, {
      title: 'Book chat',
      description: '',
      'date-day': date.slice(8),
      'date-month': date.slice(5, 7),
      'date-year': date.slice(0, 4),
      from: '19:00',
      to: '20:00',
      weeks: '3',
      mode: 'online',
      onlineLink: 'https://meet.example/secret-room',
      capacity: '',
    });
    assert.equal(made.statusCode, 303, pageText(made.body));
    const eventPath = made.headers.location as string;
    const reader = await newMember(t, placeId, 'Rae Reader');
    assert.doesNotMatch((await reader.agent.get(eventPath)).body, /secret-room/);
    assert.doesNotMatch((await new Agent(t).get(eventPath)).body, /secret-room/);
    assert.equal(
      (await reader.agent.post(`${eventPath}/rsvp`, { accessNeeds: 'Captions', language: 'pl' })).statusCode,
      303,
    );
    assert.match((await reader.agent.get(eventPath)).body, /secret-room/);
    assert.match((await organiser.get(eventPath)).body, /secret-room/);
    // Weekly: three dated occurrences on the group's page.
    const groupPage = pageText((await organiser.get(`${base}/${groupId}`)).body);
    assert.equal(groupPage.match(/Book chat/g)?.length, 3);
    // Add to calendar.
    const ics = await reader.agent.get(`${eventPath}/calendar.ics`);
    assert.match(ics.headers['content-type'] as string, /text\/calendar/);
    assert.match(ics.body, /SUMMARY:Book chat/);
    // Attendance: the organiser ticks who came; a member cannot see the list.
    assert.equal((await reader.agent.get(`${eventPath}/attendance`)).statusCode, 403);
    assert.match(pageText((await organiser.get(`${eventPath}/attendance`)).body), /Rae Reader.*Captions/s);
    assert.equal((await organiser.post(`${eventPath}/attendance`, { attended: reader.id })).statusCode, 303);
    const row = await findRsvp(t.kith.db.kysely, eventPath.split('/').pop()!, reader.id);
    assert.equal(row!.attended, true);
  });

  test('the organiser changes an event: a new time reaches everyone going or waiting, once; more places go to the waiting list', async () => {
    const { agent: organiser, id: organiserId } = await newMember(t, placeId, 'Cai Changes');
    const { eventId } = await eventOf(organiserId, { capacity: 2 });
    const crowd = await people(4, 'Changer');
    for (const personId of crowd)
      await rsvp(t.kith, { placeId, eventId, personId, input: { accessNeeds: '', language: 'en' } });
    await cancelRsvp(t.kith, { placeId, eventId, personId: crowd[3]!, eventPath: 'x' }); // off the waiting list: not told
    const path = `${base}/events/${eventId}`;
    const mailsMatching = async (personId: string, pattern: RegExp) =>
      (await mailsTo(personId)).filter((m) => pattern.test(m)).length;

    const form = (await organiser.get(`${path}/edit`)).body;
    assert.match(form, /value="Planting day"/, 'the form starts from the event as it is');
    const date = addDays(todayInPlace(), 11);
    const fields = {
      title: 'Planting day',
      description: 'Bring gloves',
      'date-day': date.slice(8),
      'date-month': date.slice(5, 7),
      'date-year': date.slice(0, 4),
      from: '14:00',
      to: '16:00',
      mode: 'in_person',
      venue: '',
      address: '1 Mill Street',
      capacity: '1',
      _idem: 'change-once',
    };
    // Fewer places than people going is refused beside the field, and nothing changes.
    const tooFew = await organiser.post(`${path}/edit`, fields);
    assert.equal(tooFew.statusCode, 422);
    assert.match(fieldErrors(tooFew.body).capacity!, /already going: 2/);
    assert.equal((await findEvent(t.kith.db.kysely, placeId, eventId))!.capacity, 2);

    const changed = await organiser.post(`${path}/edit`, { ...fields, capacity: '3', _idem: 'change-once' });
    assert.equal(changed.statusCode, 303, pageText(changed.body));
    const again = await organiser.post(`${path}/edit`, { ...fields, capacity: '3', _idem: 'change-once' });
    assert.equal(again.statusCode, 303, 'a repeat of the same submission is answered as the first');
    const event = (await findEvent(t.kith.db.kysely, placeId, eventId))!;
    assert.equal(event.capacity, 3);
    assert.match(pageText((await organiser.get(path)).body), /2:00pm|14:00/, 'the page shows the new time');
    // The third person was waiting: the new place is theirs, and they are told that, not that it changed.
    assert.equal((await findRsvp(t.kith.db.kysely, eventId, crowd[2]!))!.status, 'going');
    assert.equal(await mailsMatching(crowd[2]!, /A place has come free/), 1);
    assert.equal(await mailsMatching(crowd[2]!, /Changed: Planting day/), 0);
    for (const personId of crowd.slice(0, 2))
      assert.equal(await mailsMatching(personId, /Changed: Planting day/), 1, 'each person going is told once');
    assert.equal(
      await mailsMatching(crowd[3]!, /Changed: Planting day/),
      0,
      'someone who gave up their place is not told',
    );

    // A reworded description alone is no news: nobody is emailed again.
    const reworded = await organiser.post(`${path}/edit`, {
      ...fields,
      capacity: '3',
      description: 'Bring gloves and a flask',
      _idem: 'change-twice',
    });
    assert.equal(reworded.statusCode, 303);
    for (const personId of crowd.slice(0, 2)) assert.equal(await mailsMatching(personId, /Changed: Planting day/), 1);

    // Only the group's organisers may change it.
    const member = await newMember(t, placeId, 'Nia Nosy');
    assert.equal((await member.agent.get(`${path}/edit`)).statusCode, 403);
  });

  test('the organiser cancels an event with a reason: everyone going or waiting is told once, and nobody can answer it after', async () => {
    const { agent: organiser, id: organiserId } = await newMember(t, placeId, 'Cerys Calls-off');
    const { eventId } = await eventOf(organiserId, { capacity: 1, title: 'Litter pick' });
    const [going, waiting] = await people(2, 'Picker');
    for (const personId of [going!, waiting!])
      await rsvp(t.kith, { placeId, eventId, personId, input: { accessNeeds: '', language: 'en' } });
    const path = `${base}/events/${eventId}`;
    const page = pageText((await organiser.get(`${path}/cancel-event`)).body);
    assert.match(page, /2 people going or waiting will be emailed/);

    const blank = await organiser.post(`${path}/cancel-event`, { reason: '' });
    assert.equal(blank.statusCode, 400);
    assert.equal(fieldErrors(blank.body).reason, 'Say why the event is cancelled');
    assert.equal((await findEvent(t.kith.db.kysely, placeId, eventId))!.status, 'scheduled');

    const reason = 'The council is resurfacing the car park that morning';
    const cancelled = await organiser.post(`${path}/cancel-event`, { reason, _idem: 'call-off' });
    assert.equal(cancelled.statusCode, 303, pageText(cancelled.body));
    const twice = await organiser.post(`${path}/cancel-event`, { reason, _idem: 'call-off' });
    assert.equal(twice.statusCode, 303, 'a double click is answered as the first click');
    assert.equal((await findEvent(t.kith.db.kysely, placeId, eventId))!.status, 'cancelled');
    for (const personId of [going!, waiting!]) {
      const told = (await mailsTo(personId)).filter((m) => /Cancelled: Litter pick/.test(m));
      assert.equal(told.length, 1, 'told once');
      assert.match(told[0]!, /resurfacing the car park/);
    }
    // The page still answers, says so and why, and takes no more answers.
    const shown = pageText((await new Agent(t).get(path)).body);
    assert.match(shown, /This event has been cancelled/);
    assert.match(shown, /resurfacing the car park/);
    const late = await newMember(t, placeId, 'Lowri Late');
    assert.equal((await late.agent.post(`${path}/rsvp`, { accessNeeds: '', language: 'en' })).statusCode, 404);
    assert.equal((await organiser.get(`${path}/edit`)).statusCode, 404, 'a cancelled event is not changed');
    const groupId = (await findEvent(t.kith.db.kysely, placeId, eventId))!.groupId;
    const feed = await new Agent(t).get(`${base}/${groupId}/calendar.ics`);
    assert.equal(feed.statusCode, 200);
    assert.match(feed.headers['content-type'] as string, /text\/calendar/);
    assert.match(feed.body, /X-WR-CALNAME:Race club/);
    assert.match(
      feed.body,
      /SUMMARY:Litter pick\r\n[\s\S]*?STATUS:CANCELLED/,
      'a subscriber’s calendar strikes it through',
    );
    const groupPage = pageText((await organiser.get(`${base}/${groupId}`)).body);
    assert.match(groupPage, /Litter pick – .*Cancelled/, 'the group’s list still shows the date, marked cancelled');
  });

  test('a day ahead, everyone going is reminded once; the waiting list is not; a moved event is reminded of again', async () => {
    const [organiser] = await people(1, 'Reminding organiser');
    const { group, eventId } = await eventOf(organiser!, { capacity: 1, title: 'Bulb planting' });
    const [going, waiting] = await people(2, 'Remembered');
    for (const personId of [going!, waiting!])
      await rsvp(t.kith, { placeId, eventId, personId, input: { accessNeeds: '', language: 'en' } });
    const reminders = async (personId: string) =>
      (await mailsTo(personId)).filter((m) => /Coming up: Bulb planting/.test(m)).length;
    const startsAt = Date.parse((await findEvent(t.kith.db.kysely, placeId, eventId))!.startsAt);
    // Two days ahead is too soon to remind; twelve hours ahead, twice (two workers, or two runs), reminds once.
    await sendEventReminders(t.kith, new Date(startsAt - 48 * 3600_000));
    assert.equal(await reminders(going!), 0);
    await Promise.all([
      sendEventReminders(t.kith, new Date(startsAt - 12 * 3600_000)),
      sendEventReminders(t.kith, new Date(startsAt - 12 * 3600_000)),
    ]);
    assert.equal(await reminders(going!), 1, 'the person going is reminded once');
    assert.equal(await reminders(waiting!), 0, 'the waiting list is not reminded');

    // Moved a day later: reminded again, of the new time.
    const moved = addDays(todayInPlace(), 11);
    await changeEvent(t.kith, {
      group,
      eventId,
      personId: organiser!,
      input: eventInput({ title: 'Bulb planting', date: moved, capacity: 1 }),
      eventPath: `${base}/events/${eventId}`,
    });
    const movedStart = Date.parse((await findEvent(t.kith.db.kysely, placeId, eventId))!.startsAt);
    await sendEventReminders(t.kith, new Date(movedStart - 12 * 3600_000));
    assert.equal(await reminders(going!), 2, 'reminded again for the new day');
  });

  test('an event children may come to names its safeguarding contact; without one it is refused beside the field', async () => {
    const { agent: organiser } = await newMember(t, placeId, 'Siân Safe');
    const groupId = await startedBy(organiser, { name: 'Park play' });
    const date = addDays(todayInPlace(), 12);
    const fields = {
      title: 'Den building',
      'date-day': date.slice(8),
      'date-month': date.slice(5, 7),
      'date-year': date.slice(0, 4),
      from: '10:00',
      to: '12:00',
      mode: 'in_person',
      address: 'The park gates',
      forChildren: 'yes',
    };
    const refused = await organiser.post(`${base}/${groupId}/events/new`, fields);
    assert.equal(refused.statusCode, 400);
    assert.equal(
      fieldErrors(refused.body).safeguardingContact,
      'Enter who to contact about a child’s safety, as children may come',
    );
    const made = await organiser.post(`${base}/${groupId}/events/new`, {
      ...fields,
      safeguardingContact: 'Siân Roberts, 07700 900123',
    });
    assert.equal(made.statusCode, 303, pageText(made.body));
    const page = pageText((await new Agent(t).get(made.headers.location as string)).body);
    assert.match(
      page,
      /Children may come\. To raise a worry about a child’s safety, contact Siân Roberts, 07700 900123\./,
    );
  });

  test('an in-person event can be in a space the organiser booked, or at a directory location', async () => {
    const [location] = await locationSummaries(t.kith.db.kysely, placeId);
    const officer = await signedInAs(t, 'officer');
    const listed = await officer.post('/places/calderbrook/spaces/new', {
      name: 'Hope Street Hall',
      description: '',
      locationId: location!.id,
      organisationId: '',
      capacity: '60',
      openDays: ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'],
      opensAt: '08:00',
      closesAt: '23:00',
      rate_resident_hour: '10',
      deposit: '',
      houseRules: '',
      minNoticeHours: '0',
      maxAheadDays: '365',
      turnaroundMinutes: '0',
      approval: 'automatic',
      holdHours: '72',
    });
    assert.equal(listed.statusCode, 303, pageText(listed.body));
    const spaceId = (listed.headers.location as string).split('/').pop()!;
    let date = addDays(todayInPlace(), 12);
    while (weekdayOf(date) !== 'WE') date = addDays(date, 1);
    const dateFields = { 'date-day': date.slice(8), 'date-month': date.slice(5, 7), 'date-year': date.slice(0, 4) };
    const booked = await officer.post(`/places/calderbrook/spaces/${spaceId}/book`, {
      ...dateFields,
      from: '18:00',
      to: '21:00',
      attendees: '40',
      purpose: 'Public meeting',
      tier: 'resident',
    });
    assert.equal(booked.statusCode, 303, pageText(booked.body));
    const bookingId = (booked.headers.location as string).split('/').pop()!;
    const groupId = await startedBy(officer, { name: 'Hall users' });
    const form = await officer.get(`${base}/${groupId}/events/new`);
    assert.match(pageText(form.body), /Your booking: Hope Street Hall/);
    const event = (venue: string) => ({
      title: 'Meeting in the hall',
      ...dateFields,
      from: '18:30',
      to: '20:30',
      mode: 'in_person',
      venue,
      address: '',
    });
    const inHall = await officer.post(`${base}/${groupId}/events/new`, event(`booking:${bookingId}`));
    assert.equal(inHall.statusCode, 303, pageText(inHall.body));
    assert.match(pageText((await officer.get(inHall.headers.location as string)).body), /Where Hope Street Hall/);
    // Someone else's booking is refused beside the field.
    const { agent: other } = await newMember(t, placeId, 'Not The Booker');
    const theirs = await startedBy(other, { name: 'Borrowers' });
    const refused = await other.post(`${base}/${theirs}/events/new`, event(`booking:${bookingId}`));
    assert.equal(refused.statusCode, 422);
    assert.match(fieldErrors(refused.body).venue!, /Choose a booking or place/);
    const atLocation = await other.post(`${base}/${theirs}/events/new`, event(`location:${location!.id}`));
    assert.equal(atLocation.statusCode, 303, pageText(atLocation.body));
    assert.match(pageText((await other.get(atLocation.headers.location as string)).body), new RegExp(location!.name));
  });

  test('questions in advance: only people going ask; others support once; the organiser orders and answers', async () => {
    const { agent: organiser, id: organiserId } = await newMember(t, placeId, 'Quentin Host');
    const { eventId } = await eventOf(organiserId);
    const path = `${base}/events/${eventId}`;
    const asker = await newMember(t, placeId, 'Ada Asker');
    const refused = await asker.agent.post(`${path}/questions`, { text: 'When?', language: 'en' });
    assert.equal(refused.statusCode, 422);
    await asker.agent.post(`${path}/rsvp`, { language: 'yue' });
    await asker.agent.post(`${path}/questions`, { text: '街燈幾時整好？', language: 'yue' });
    await asker.agent.post(`${path}/questions`, { text: 'Second question', language: 'en' });
    const supporter = await newMember(t, placeId, 'Sam Supporter');
    await supporter.agent.post(`${path}/rsvp`, {});
    const page = (await supporter.agent.get(path)).body;
    const questionId = /questions\/([\w-]+)\/support/.exec(page)![1]!;
    await supporter.agent.post(`${base}/questions/${questionId}/support`);
    await supporter.agent.post(`${base}/questions/${questionId}/support`);
    assert.match(pageText((await supporter.agent.get(path)).body), /1 supporter\b/);
    await organiser.post(`${base}/questions/${questionId}/move`, { move: 'down' });
    await organiser.post(`${base}/questions/${questionId}/answer`, { answer: 'Next month' });
    const text = pageText((await new Agent(t).get(path)).body);
    assert.ok(text.indexOf('Second question') < text.indexOf('街燈幾時整好？'));
    assert.match(text, /Answer: Next month/);
  });

  test('pledges: once each; the count is held back while small', async () => {
    const { agent: organiser } = await newMember(t, placeId, 'Paula Pledge');
    const groupId = await startedBy(organiser, { name: 'Clean streets' });
    await organiser.post(`${base}/${groupId}/actions`, { text: 'Pick up litter on Saturday' });
    const actionId = /actions\/([\w-]+)\/pledge/.exec((await organiser.get(`${base}/${groupId}`)).body)![1]!;
    const pledgers = [];
    for (let i = 0; i < 5; i++) pledgers.push(await newMember(t, placeId, `Pledger ${i}`));
    for (const p of pledgers.slice(0, 4)) await p.agent.post(`${base}/actions/${actionId}/pledge`);
    await pledgers[0]!.agent.post(`${base}/actions/${actionId}/pledge`);
    let text = pageText((await new Agent(t).get(`${base}/${groupId}`)).body);
    assert.match(text, /A few people have pledged/);
    await pledgers[4]!.agent.post(`${base}/actions/${actionId}/pledge`);
    text = pageText((await new Agent(t).get(`${base}/${groupId}`)).body);
    assert.match(text, /5 people have pledged/);
  });
});

describe('figures and personal data', () => {
  test('attendance feeds the place’s figures; a person’s answers are in their download and go with their account', async () => {
    const { id: organiserId } = await newMember(t, placeId, 'Fig Organiser');
    const { eventId } = await eventOf(organiserId);
    const goer = await newMember(t, placeId, 'Gus Goer');
    await rsvp(t.kith, { placeId, eventId, personId: goer.id, input: { accessNeeds: 'Quiet seat', language: 'en' } });
    const event = (await findEvent(t.kith.db.kysely, placeId, eventId))!;
    const period = { from: addDays(todayInPlace(), -1), to: addDays(todayInPlace(), 60) };
    const attendances = () => groupsModule.figures![0]!.value(t.kith.db.kysely, placeId, period);
    const before = await attendances();
    await takeAttendance(t.kith, { event, organiserId, attended: [goer.id] });
    assert.equal(await attendances(), before + 1);
    const ids = (await groupsModule.participants!(t.kith.db.kysely, placeId, period).execute()).map((r) => r.person_id);
    assert.ok(ids.includes(goer.id));
    const data = (await exportPersonalData(t.kith, goer.id)).groups as { rsvps: Array<{ access_needs: string }> };
    assert.equal(data.rsvps[0]!.access_needs, 'Quiet seat');
    const deleted = await goer.agent.post('/account/delete', { password: t.demo.password, confirm: 'yes' });
    assert.equal(deleted.statusCode, 303);
    assert.equal(await findRsvp(t.kith.db.kysely, eventId, goer.id), undefined);
  });
});

describe('sharing and safety', () => {
  const hostile = '</script><script>alert(1)</script> "quoted" & \'single\'';

  test('share tags and JSON-LD carry hostile text escaped for their context', async () => {
    const { agent: organiser, id: organiserId } = await newMember(t, placeId, 'Hal Hostile');
    const groupId = await startedBy(organiser, { name: hostile, purpose: hostile });
    const group = (await findGroup(t.kith.db.kysely, placeId, groupId))!;
    const eventId = await createEvent(t.kith, {
      group,
      personId: organiserId,
      input: eventInput({ title: hostile, description: hostile, address: hostile }),
    });
    for (const path of [`${base}/${groupId}`, `${base}/events/${eventId}`]) {
      const html = (await new Agent(t).get(path)).body;
      assert.doesNotMatch(html, /<script>alert\(1\)<\/script>/);
      assert.match(
        html,
        /<meta property="og:title" content="&lt;\/script&gt;&lt;script&gt;alert\(1\)&lt;\/script&gt; &quot;quoted&quot; &amp; &#39;single&#39;">/,
      );
      assert.match(html, /<meta name="twitter:card" content="summary_large_image">/);
      assert.match(
        html,
        /<meta property="og:image:alt" content="&lt;\/script&gt;&lt;script&gt;alert\(1\)&lt;\/script&gt; &quot;quoted&quot; &amp; &#39;single&#39;, /,
        "the image's description is escaped in its attribute",
      );
    }
    const html = (await new Agent(t).get(`${base}/events/${eventId}`)).body;
    const ld = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html)![1]!;
    assert.doesNotMatch(ld, /</);
    assert.match(ld, /\\u003c\/script\\u003e/);
    const data = JSON.parse(ld) as { '@type': string; name: string; location: { address: string } };
    assert.equal(data['@type'], 'Event');
    assert.equal(data.name, hostile);
    assert.equal(data.location.address, hostile);
    assert.match(
      String((data as unknown as { image: string[] }).image[0]),
      new RegExp(`/events/${eventId}/share\\.png\\?in=en$`),
      'the event’s structured data names its share image',
    );
    assert.equal(JSON.parse(jsonForScript({ a: '\u2028<>&' })).a, '\u2028<>&');
  });

  test('a report reaches the admins; an admin hides the group with a reason, recorded', async () => {
    const { agent: organiser } = await newMember(t, placeId, 'Rob Reported');
    const groupId = await startedBy(organiser, { name: 'Dubious group' });
    const reporter = await newMember(t, placeId, 'Val Reporter');
    assert.equal((await reporter.agent.post(`${base}/${groupId}/report`, { reason: '' })).statusCode, 400);
    assert.equal(
      (await reporter.agent.post(`${base}/${groupId}/report`, { reason: 'Selling things' })).statusCode,
      303,
    );
    const admin = await signedInAs(t, 'admin');
    assert.match(pageText((await admin.get(`${base}/reports`)).body), /Dubious group.*Selling things/s);
    assert.equal((await admin.post(`${base}/${groupId}/hide`, { reason: 'Commercial spam' })).statusCode, 303);
    assert.equal((await new Agent(t).get(`${base}/${groupId}`)).statusCode, 404);
    assert.doesNotMatch(pageText((await new Agent(t).get(base)).body), /Dubious group/);
    const audit = await t.kith.db.kysely
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'groups.hide')
      .where('subject_id', '=', groupId)
      .execute();
    assert.equal(audit.length, 1);
    assert.match(JSON.stringify(audit[0]), /Commercial spam/);
  });
});
