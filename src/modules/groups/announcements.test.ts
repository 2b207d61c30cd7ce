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
import { exportPersonalData } from '../people/index.js';
import { DIGEST_MOST, deliverAnnouncement, sendWeeklyDigests } from './announcements.js';

let t: TestKith;
let placeId: string;
const base = '/places/calderbrook/groups';

before(async () => {
  t = await startTestKith({ demo: true });
  placeId = t.demo.places.calderbrook!.id;
});
after(() => t.close());

/** The emails queued for a person: each one's payload, subject and body alike. */
const mailsTo = (personId: string) => queuedEmailsTo(t, personId);

async function startGroup(agent: Agent, name: string, joining: 'open' | 'approval' = 'open') {
  const response = await agent.post(`${base}/new`, { name, purpose: 'Keeping in touch', joining });
  assert.ok(response.statusCode === 303, `the group starts: ${pageText(response.body)}`);
  return (response.headers.location as string).split('/').pop()!;
}

/** Posts an announcement as the organiser; returns its id. */
async function announce(agent: Agent, groupId: string, title: string, idempotencyKey?: string) {
  const response = await agent.post(
    `${base}/${groupId}/announcements/new`,
    { title, text: `${title}: details follow.` },
    { idempotencyKey },
  );
  assert.ok(response.statusCode === 303, `the announcement is posted: ${pageText(response.body)}`);
  const row = await t.kith.db.kysely
    .selectFrom('groups_announcements')
    .select('id')
    .where('group_id', '=', groupId)
    .where('title', '=', title)
    .executeTakeFirstOrThrow();
  return row.id;
}

async function joined(groupId: string, name: string, how?: 'instant' | 'weekly' | 'none') {
  const member = await newMember(t, placeId, name);
  const response = await member.agent.post(`${base}/${groupId}/join`, { visible: 'yes' });
  assert.ok(response.statusCode === 303, `${name} joins`);
  if (how) {
    const chosen = await member.agent.post(`${base}/${groupId}/announcements/preference`, { how });
    assert.ok(chosen.statusCode === 303, `${name} chooses ${how}: ${pageText(chosen.body)}`);
  }
  return member;
}

describe('group announcements', () => {
  test('each member gets an announcement as they chose: at once (once, however often the job runs), weekly, or not at all; nobody who blocked the author', async () => {
    const organiser = await newMember(t, placeId, 'Orla Announcer');
    const groupId = await startGroup(organiser.agent, 'Canal Walkers');
    const instant = await joined(groupId, 'Ian Instant');
    const weekly = await joined(groupId, 'Wendy Weekly', 'weekly');
    const none = await joined(groupId, 'Nia None', 'none');
    const blocker = await joined(groupId, 'Bob Blocker');
    const blocked = await blocker.agent.post('/account/blocked', { person: organiser.id });
    assert.ok(blocked.statusCode === 303, `Bob blocks the organiser: ${pageText(blocked.body)}`);
    const list = pageText((await blocker.agent.get('/account/blocked')).body);
    assert.ok(list.includes('Orla Announcer'), 'Bob sees whom he blocked');

    const key = 'same-click';
    const id = await announce(organiser.agent, groupId, 'Walk moved to Sunday', key);
    await announce(organiser.agent, groupId, 'Walk moved to Sunday', key);
    const stored = await t.kith.db.kysely
      .selectFrom('groups_announcements')
      .select('id')
      .where('group_id', '=', groupId)
      .execute();
    assert.ok(stored.length === 1, 'a double click posts one announcement');
    const queued = await t.kith.db.kysely
      .selectFrom('jobs')
      .select('id')
      .where('kind', '=', 'groups/announce')
      .where('payload', 'like', `%${id}%`)
      .execute();
    assert.ok(queued.length === 1, 'posting queues one job and emails nobody itself');
    assert.ok((await mailsTo(instant.id)).length === 0, 'nothing is emailed before the worker runs');

    const sent = await deliverAnnouncement(t.kith, id);
    await deliverAnnouncement(t.kith, id);
    assert.ok(sent === 1, `one member wanted it at once and had not blocked the author (sent ${sent})`);
    const ians = await mailsTo(instant.id);
    assert.ok(ians.length === 1, `Ian gets exactly one email even though the job ran twice (got ${ians.length})`);
    assert.ok(ians[0]!.includes('Walk moved to Sunday'), 'the email carries the announcement');
    assert.ok((await mailsTo(weekly.id)).length === 0, 'Wendy waits for her weekly summary');
    assert.ok((await mailsTo(none.id)).length === 0, 'Nia asked for no emails');
    assert.ok((await mailsTo(blocker.id)).length === 0, 'Bob blocked the author and is not emailed');
    assert.ok((await mailsTo(organiser.id)).length === 0, 'the author is not emailed their own announcement');

    await sendWeeklyDigests(t.kith);
    await sendWeeklyDigests(t.kith, new Date(Date.now() + 24 * 3600_000));
    const wendys = await mailsTo(weekly.id);
    assert.ok(wendys.length === 1, `Wendy gets one weekly summary (got ${wendys.length})`);
    assert.ok(wendys[0]!.includes('Walk moved to Sunday'), 'the summary lists the week’s announcement');
    assert.ok((await mailsTo(none.id)).length === 0, 'Nia still gets nothing');
    assert.ok((await mailsTo(instant.id)).length === 1, 'Ian is not sent a summary as well');

    // A week later, a new announcement: one more summary, listing only what is new.
    const later = new Date(Date.now() + 8 * 24 * 3600_000);
    await announce(organiser.agent, groupId, 'Bring a torch');
    await sendWeeklyDigests(t.kith, later);
    const again = await mailsTo(weekly.id);
    assert.ok(again.length === 2, `a week on, Wendy gets a second summary (got ${again.length})`);
    assert.ok(!again[1]!.includes('Walk moved to Sunday'), 'an announcement already summarised is not listed again');
  });

  test('a week with more announcements than one summary lists says the rest are on the group pages', async () => {
    const organiser = await newMember(t, placeId, 'Busy Organiser');
    const groupId = await startGroup(organiser.agent, 'Very busy group');
    const weekly = await joined(groupId, 'Will Weekly', 'weekly');
    for (let i = 1; i <= DIGEST_MOST + 1; i++) await announce(organiser.agent, groupId, `Notice ${i}`);
    await sendWeeklyDigests(t.kith);
    const [summary] = await mailsTo(weekly.id);
    assert.ok(summary, 'Will gets a summary');
    assert.ok(summary.includes(`Notice ${DIGEST_MOST}:`), 'it lists the first fifty');
    assert.ok(!summary.includes(`Notice ${DIGEST_MOST + 1}:`), 'but not the fifty-first');
    assert.ok(summary.includes('the rest are on your groups’ pages'), 'and says where the rest are');
  });

  test('only organisers post, with clear messages beside the fields', async () => {
    const organiser = await newMember(t, placeId, 'Olu Organiser');
    const groupId = await startGroup(organiser.agent, 'Allotment Friends');
    const member = await joined(groupId, 'Mo Member');
    const refused = await member.agent.post(`${base}/${groupId}/announcements/new`, { title: 'Hi', text: 'Hello' });
    assert.ok(refused.statusCode === 403, `a member who is not an organiser cannot post (${refused.statusCode})`);
    const empty = await organiser.agent.post(`${base}/${groupId}/announcements/new`, { title: '', text: '' });
    assert.ok(empty.statusCode === 400, 'an empty announcement is refused');
    const errors = fieldErrors(empty.body);
    assert.ok(
      errors.title?.includes('Enter a title for the announcement'),
      `the title says what is missing: ${JSON.stringify(errors)}`,
    );
    assert.ok(errors.text?.includes('Enter the message'), 'the message says what is missing');
    const stored = await t.kith.db.kysely
      .selectFrom('groups_announcements')
      .select('id')
      .where('group_id', '=', groupId)
      .execute();
    assert.ok(stored.length === 0, 'nothing is stored');
  });

  test('a private group’s announcements are seen only by its members', async () => {
    const organiser = await newMember(t, placeId, 'Pat Private');
    const groupId = await startGroup(organiser.agent, 'Carers’ Circle', 'approval');
    const id = await announce(organiser.agent, groupId, 'Respite day on Friday');
    const outsider = await newMember(t, placeId, 'Olive Outsider');
    const page = pageText((await outsider.agent.get(`${base}/${groupId}`)).body);
    assert.ok(!page.includes('Respite day on Friday'), 'a non-member does not see it on the group page');
    assert.ok(page.includes('Only members see this group’s announcements.'), 'a non-member is told why');
    const direct = await outsider.agent.get(`${base}/announcements/${id}`);
    assert.ok(direct.statusCode === 403, `a non-member cannot open it (${direct.statusCode})`);
    assert.ok(!pageText(direct.body).includes('Respite day'), 'nor read it on the refusal');
    const anonymous = await new Agent(t).get(`${base}/${groupId}`);
    assert.ok(!pageText(anonymous.body).includes('Respite day on Friday'), 'nor does someone not signed in');
    const own = pageText((await organiser.agent.get(`${base}/${groupId}`)).body);
    assert.ok(own.includes('Respite day on Friday'), 'its organiser sees it');
  });

  test('an announcement can be reported; an admin hides it with a reason and it is neither shown nor sent', async () => {
    const organiser = await newMember(t, placeId, 'Rae Reported');
    const groupId = await startGroup(organiser.agent, 'Street Party');
    const reader = await joined(groupId, 'Rhys Reader');
    const id = await announce(organiser.agent, groupId, 'Something unkind');
    const reported = await reader.agent.post(`${base}/announcements/${id}/report`, { reason: 'It is unkind' });
    assert.ok(reported.statusCode === 303, `a member reports it: ${pageText(reported.body)}`);
    const admin = await signedInAs(t, 'admin');
    const reports = pageText((await admin.get(`${base}/reports`)).body);
    assert.ok(reports.includes('Something unkind') && reports.includes('It is unkind'), 'admins see the report');
    const hidden = await admin.post(`${base}/announcements/${id}/hide`, { reason: 'Unkind words' });
    assert.ok(hidden.statusCode === 303, `the admin hides it: ${pageText(hidden.body)}`);
    const audit = await t.kith.db.kysely
      .selectFrom('audit_events')
      .select('detail')
      .where('action', '=', 'groups.announcement.hide')
      .where('subject_id', '=', id)
      .execute();
    assert.ok(audit.length === 1 && audit[0]!.detail.includes('Unkind words'), 'the hiding and its reason are audited');
    const page = pageText((await reader.agent.get(`${base}/${groupId}`)).body);
    assert.ok(!page.includes('Something unkind'), 'members no longer see it');
    assert.ok((await reader.agent.get(`${base}/announcements/${id}`)).statusCode === 404, 'nor open it');
    assert.ok((await deliverAnnouncement(t.kith, id)) === 0, 'a hidden announcement is not emailed');
    assert.ok((await mailsTo(reader.id)).length === 0, 'nobody is emailed it');
    assert.ok(!pageText((await admin.get(`${base}/reports`)).body).includes('It is unkind'), 'the report is closed');
  });
});

describe('blocking in messages', () => {
  test('someone blocked cannot send messages: a clear error and nothing stored; unblocking lets them write again', async () => {
    const kemi = await signedInAs(t, 'youngResident');
    const harold = await signedInAs(t, 'retiredTeacher');
    const offer = await t.kith.db.kysely
      .selectFrom('exchange_posts')
      .select('id')
      .where('title', '=', 'Reading and filling in forms and letters')
      .executeTakeFirstOrThrow();
    const opened = await kemi.post(`/places/calderbrook/help/posts/${offer.id}/contact`);
    const path = opened.headers.location as string;
    assert.ok(opened.statusCode === 303 && path, 'Kemi opens a conversation');
    const conversationId = path.split('/').pop()!;
    assert.ok((await kemi.post(path, { body: 'Can you help with a form?' })).statusCode === 303, 'Kemi writes');
    const seen = pageText((await harold.get(path)).body);
    assert.ok(seen.includes('Block Kemi Adeyemi from messaging you'), 'Harold can block her from the message');
    const kemiId = t.demo.people.youngResident!.id;
    assert.ok((await harold.post('/account/blocked', { person: kemiId })).statusCode === 303, 'Harold blocks Kemi');
    const count = async () =>
      (
        await t.kith.db.kysely
          .selectFrom('exchange_messages')
          .select('id')
          .where('conversation_id', '=', conversationId)
          .execute()
      ).length;
    const before = await count();
    const refused = await kemi.post(path, { body: 'Hello again?' });
    assert.ok(refused.statusCode === 422, `Kemi's message is refused (${refused.statusCode})`);
    assert.ok(
      fieldErrors(refused.body).body?.includes('You cannot send messages to this person'),
      'she is told plainly, beside the message',
    );
    assert.ok((await count()) === before, 'nothing is stored');
    const audit = await t.kith.db.kysely
      .selectFrom('audit_events')
      .select('id')
      .where('action', '=', 'person.block')
      .where('subject_id', '=', kemiId)
      .execute();
    assert.ok(audit.length === 1, 'the block is audited');
    const exported = JSON.stringify(await exportPersonalData(t.kith, t.demo.people.retiredTeacher!.id));
    assert.ok(exported.includes('Kemi Adeyemi'), 'the block is in Harold’s data export');
    assert.ok(
      (await harold.post(`/account/blocked/${kemiId}/unblock`)).statusCode === 303,
      'Harold unblocks Kemi from the list',
    );
    assert.ok((await kemi.post(path, { body: 'Thank you!' })).statusCode === 303, 'Kemi can write again');
  });
});
