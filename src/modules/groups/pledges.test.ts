import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
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
import { addOrganisationMember, findOrganisationByName, organisationSummaries } from '../directory/index.js';
import { erasePerson } from '../people/index.js';
import { startGroup } from './groups.js';
import { sendPledgeFollowUps } from './pledges.js';
import { actionsOf, findGroup } from './store.js';

let t: TestKith;
let placeId: string;
const base = '/places/calderbrook/groups';
const DAY = 86_400_000;

before(async () => {
  t = await startTestKith({ demo: true });
  placeId = t.demo.places.calderbrook!.id;
});
after(() => t.close());

async function groupBy(agent: Agent, name: string, over: Record<string, string> = {}): Promise<string> {
  const response = await agent.post(`${base}/new`, {
    name,
    purpose: 'Keeping the streets clean and safe',
    area: 'Mill Street',
    languages: 'English',
    joining: 'open',
    ...over,
  });
  assert.equal(response.statusCode, 303, `the group is started: ${pageText(response.body).slice(0, 300)}`);
  return (response.headers.location as string).split('/').pop()!;
}

/** The follow-up emails queued for a person. */
async function followUpsTo(personId: string): Promise<string[]> {
  return (await queuedEmailsTo(t, personId)).filter((p) => p.includes('Did you do what you pledged?'));
}

describe('pledges', () => {
  test('a pledge is followed up once, after the time the organiser chose, and the answer is counted', async () => {
    const { agent: organiser } = await newMember(t, placeId, 'Orla Organiser');
    const groupId = await groupBy(organiser, 'Lamp watchers');
    const added = await organiser.post(`${base}/${groupId}/actions`, {
      text: 'Report one broken street light this month',
      followUp: '7',
    });
    assert.equal(added.statusCode, 303, 'the organiser adds an action with a follow-up after a week');
    const [action] = await actionsOf(t.kith.db.kysely, placeId, { groupId });
    assert.ok(action, 'the action is stored');
    assert.equal(action.followUpDays, 7, 'it is followed up after seven days');

    const pledgers = await Promise.all(Array.from({ length: 6 }, (_, i) => newMember(t, placeId, `Pledger ${i}`)));
    for (const p of pledgers) {
      await p.agent.post(`${base}/${groupId}/join`, { visible: 'yes' });
      const pledged = await p.agent.post(`${base}/actions/${action.id}/pledge`);
      assert.equal(pledged.statusCode, 303, 'a member pledges');
    }
    const first = pledgers[0]!;
    assert.equal(await sendPledgeFollowUps(t.kith, new Date(Date.now() + 6 * DAY)), 0, 'nothing goes before a week');
    const sent = await sendPledgeFollowUps(t.kith, new Date(Date.now() + 8 * DAY));
    assert.ok(sent >= 6, `every pledger is asked after a week (${sent} sent)`);
    assert.equal(await sendPledgeFollowUps(t.kith, new Date(Date.now() + 9 * DAY)), 0, 'and nobody is asked twice');
    const mails = await followUpsTo(first.id);
    assert.equal(mails.length, 1, 'the pledger has one follow-up email');
    assert.match(mails[0]!, /Report one broken street light this month/, 'it names what they pledged');
    assert.match(mails[0]!, new RegExp(`/groups/pledges/${action.id}`), 'and links to where they answer');

    // Someone who did not pledge finds nothing there.
    const stranger = await newMember(t, placeId, 'Sam Stranger');
    assert.equal((await stranger.agent.get(`${base}/pledges/${action.id}`)).statusCode, 404, 'a stranger gets 404');
    assert.equal((await new Agent(t).get(`${base}/pledges/${action.id}`)).statusCode, 303, 'signed out: sign in first');

    const blank = await first.agent.post(`${base}/pledges/${action.id}`, {});
    assert.equal(blank.statusCode, 400, 'an answer must be chosen');
    assert.match(fieldErrors(blank.body).outcome ?? '', /Choose whether you did it/, 'the error is beside the choice');

    // Four say they did it: too few to show. A fifth makes the count appear.
    for (const p of pledgers.slice(0, 4)) await p.agent.post(`${base}/pledges/${action.id}`, { outcome: 'done' });
    assert.doesNotMatch(pageText((await organiser.get(`${base}/${groupId}`)).body), /say they did it/, 'held back');
    await pledgers[4]!.agent.post(`${base}/pledges/${action.id}`, { outcome: 'done' });
    await pledgers[5]!.agent.post(`${base}/pledges/${action.id}`, { outcome: 'not_yet' });
    const page = pageText((await organiser.get(`${base}/${groupId}`)).body);
    assert.match(page, /6 people have pledged/, 'the pledges are counted');
    assert.match(page, /5 people say they did it/, 'and so are those who did it');
    const again = pageText((await first.agent.get(`${base}/pledges/${action.id}`)).body);
    assert.match(again, /You told us you did it/, 'the pledger sees their answer');
  });

  test('a pledge in one’s own words is counted, shown only to its author, and erased with them', async () => {
    const { agent: organiser } = await newMember(t, placeId, 'Nia Organiser');
    const groupId = await groupBy(organiser, 'Kind neighbours');
    const writer = await newMember(t, placeId, 'Wyn Writer');
    const empty = await writer.agent.post(`${base}/${groupId}/own-pledge`, { ownPledge: '  ', followUp: '14' });
    assert.equal(empty.statusCode, 400, 'an empty pledge is refused');
    assert.match(fieldErrors(empty.body).ownPledge ?? '', /Write what you pledge to do/, 'beside the field');
    const odd = await writer.agent.post(`${base}/${groupId}/own-pledge`, {
      ownPledge: 'Visit Mrs Price',
      followUp: '3',
    });
    assert.equal(odd.statusCode, 400, 'a follow-up time not offered is refused');
    assert.equal(
      (await actionsOf(t.kith.db.kysely, placeId, { groupId, ownWordsOf: writer.id })).length,
      0,
      'nothing is stored for a refused pledge',
    );

    const made = await writer.agent.post(`${base}/${groupId}/own-pledge`, {
      ownPledge: 'Visit my neighbour every Sunday',
      followUp: '14',
    });
    assert.equal(made.statusCode, 303, 'the pledge is made');
    assert.match(pageText((await writer.agent.get(`${base}/${groupId}`)).body), /Visit my neighbour every Sunday/);
    const others = pageText((await organiser.get(`${base}/${groupId}`)).body);
    assert.doesNotMatch(others, /Visit my neighbour/, 'the organiser does not see the words');
    assert.equal((await sendPledgeFollowUps(t.kith, new Date(Date.now() + 15 * DAY))) >= 1, true, 'it is followed up');
    assert.equal((await followUpsTo(writer.id)).length, 1, 'once, after the two weeks the writer chose');

    await erasePerson(t.kith, writer.id, t.demo.password);
    assert.equal(
      (await actionsOf(t.kith.db.kysely, placeId, { groupId, ownWordsOf: writer.id })).length,
      0,
      'their own words go when they are erased',
    );
  });
});

describe('a group becoming an organisation', () => {
  test('organisers ask, an admin decides with a reason, and the group keeps its history', async () => {
    const { agent: organiser } = await newMember(t, placeId, 'Gwen Grower', 'organiser');
    const groupId = await groupBy(organiser, 'Verge Growers of Calderbrook');
    const member = await newMember(t, placeId, 'Mo Member');
    await member.agent.post(`${base}/${groupId}/join`, { visible: 'yes' });

    const bad = await organiser.post(`${base}/${groupId}/organisation`, { kind: 'business', email: 'not-an-email' });
    assert.equal(bad.statusCode, 400, 'a kind not offered and a bad email are refused');
    assert.match(fieldErrors(bad.body).kind ?? '', /Choose what kind of organisation/, 'beside the kind');
    const notOrganiser = await member.agent.post(`${base}/${groupId}/organisation`, { kind: 'informal_group' });
    assert.equal(notOrganiser.statusCode, 403, 'only the group’s organisers may ask');

    const asked = await organiser.post(`${base}/${groupId}/organisation`, {
      kind: 'community_group',
      email: 'Growers@Example.org',
    });
    assert.equal(asked.statusCode, 303, 'the organiser asks');
    const twice = await organiser.post(`${base}/${groupId}/organisation`, { kind: 'community_group' });
    assert.equal(twice.statusCode, 422, 'asking again while waiting is refused');

    const admin = await signedInAs(t, 'admin');
    const reports = await admin.get(`${base}/reports`);
    assert.match(pageText(reports.body), /Verge Growers of Calderbrook/, 'the admins see the request');
    const requestId = /organisation-requests\/([\w-]+)/.exec(reports.body)![1]!;
    const noReason = await admin.post(`${base}/organisation-requests/${requestId}`, {
      decision: 'decline',
      requestId,
    });
    assert.equal(noReason.statusCode, 400, 'a decline needs a reason');
    assert.match(fieldErrors(noReason.body)[`reason-request-${requestId}`] ?? '', /Say why/, 'beside the reason');
    assert.equal(
      (await member.agent.post(`${base}/organisation-requests/${requestId}`, { decision: 'approve' })).statusCode,
      403,
      'a resident cannot decide',
    );

    const approved = await admin.post(`${base}/organisation-requests/${requestId}`, { decision: 'approve' });
    assert.equal(approved.statusCode, 303, 'the admin approves');
    const organisation = await findOrganisationByName(t.kith.db.kysely, placeId, 'Verge Growers of Calderbrook');
    assert.ok(organisation, 'the directory holds the organisation');
    assert.equal(organisation.email, 'growers@example.org', 'with the email the group gave');
    const group = await findGroup(t.kith.db.kysely, placeId, groupId);
    assert.equal(group?.organisationId, organisation.id, 'the group is linked to it');
    const page = pageText((await member.agent.get(`${base}/${groupId}`)).body);
    assert.match(page, /This group is Verge Growers of Calderbrook in the place’s directory/, 'its page says so');
    assert.match(page, /Mo Member/, 'and it keeps its members');
    const again = await admin.post(`${base}/organisation-requests/${requestId}`, { decision: 'approve' });
    assert.equal(again.statusCode, 303, 'a repeat is answered');
    const named = (await organisationSummaries(t.kith.db.kysely, placeId)).filter(
      (o) => o.name === 'Verge Growers of Calderbrook',
    );
    assert.equal(named.length, 1, 'and adds nothing twice');
  });

  test('an organisation’s organisers start its group and run its events; nobody else may speak for it', async () => {
    const organisation = (await organisationSummaries(t.kith.db.kysely, placeId))[0]!;
    const { id: runnerId, agent: runner } = await newMember(t, placeId, 'Rhys Runner', 'organiser');
    await addOrganisationMember(t.kith.db.kysely, {
      placeId,
      organisationId: organisation.id,
      personId: runnerId,
      addedBy: null,
    });
    const form = await runner.get(`${base}/new`);
    assert.match(pageText(form.body), new RegExp(organisation.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    const { id: outsiderId } = await newMember(t, placeId, 'Olly Outsider');
    await assert.rejects(
      startGroup(t.kith, {
        placeId,
        personId: outsiderId,
        input: {
          name: 'Fake',
          purpose: 'x',
          area: '',
          languages: '',
          joining: 'open',
          organisationId: organisation.id,
        },
      }),
      /groups\.validation\.organisation/,
      'someone who does not run the organisation cannot start its group',
    );
    const groupId = await groupBy(runner, 'Events for the organisation', { organisationId: organisation.id });
    // A colleague who organises the same organisation runs the group without joining it.
    const { id: colleagueId, agent: colleague } = await newMember(t, placeId, 'Cai Colleague', 'organiser');
    await addOrganisationMember(t.kith.db.kysely, {
      placeId,
      organisationId: organisation.id,
      personId: colleagueId,
      addedBy: null,
    });
    assert.equal((await colleague.get(`${base}/${groupId}/events/new`)).statusCode, 200, 'a colleague adds events');
    const resident = await newMember(t, placeId, 'Ria Resident');
    assert.equal((await resident.agent.get(`${base}/${groupId}/events/new`)).statusCode, 403, 'a resident does not');
  });
});
