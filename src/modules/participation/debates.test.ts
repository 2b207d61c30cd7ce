import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { addDays, todayInPlace } from '../../platform/dates.js';
import { Agent, fieldErrors, newMember, pageText, signedInAs, startTestKith, type TestKith } from '../../testing.js';
import { addPhase, createProcess, propose } from './participation.js';
import type { Activity } from './schema.js';
import { argumentsOf, summariesOf } from './store.js';

let t: TestKith;
let placeId: string;
const base = '/places/calderbrook/participation';
const today = todayInPlace();

before(async () => {
  t = await startTestKith({ demo: true });
  placeId = t.demo.places.calderbrook!.id;
});
after(() => t.close());

async function debatedProposal(activities: Activity[] = ['propose', 'debate']) {
  const officer = t.demo.people.officer!.id;
  const processId = await createProcess(t.kith, {
    placeId,
    personId: officer,
    process: {
      title: `Library hours ${randomUUID().slice(0, 6)}`,
      description: 'Tests',
      easyRead: 'We want your ideas.',
    },
  });
  await addPhase(t.kith, {
    placeId,
    personId: officer,
    processId,
    phase: {
      title: 'Talk',
      description: '',
      opensOn: addDays(today, -1),
      closesOn: addDays(today, 5),
      activities,
      rung: 'engagement',
    },
  });
  const during = new Date(Date.parse(`${today}T12:00:00Z`));
  return propose(t.kith, {
    placeId,
    personId: t.demo.people.resident!.id,
    processId,
    proposal: { title: 'Open the library late on Thursdays', body: 'Until 8pm.', area: '' },
    now: activities.includes('propose') ? undefined : during,
  });
}

describe('structured debates', () => {
  test('members argue for and against, shown in two columns; bad input and non-members store nothing', async () => {
    const proposalId = await debatedProposal();
    const url = `${base}/proposals/${proposalId}/arguments`;
    const resident = await signedInAs(t, 'resident');
    const gardener = (await newMember(t, placeId, 'Other Side')).agent;
    assert.equal((await resident.post(url, { side: 'for', argument: 'People work until six.' })).statusCode, 303);
    assert.equal((await gardener.post(url, { side: 'against', argument: 'Staff would need paying.' })).statusCode, 303);

    const noSide = await resident.post(url, { argument: 'Either way' });
    assert.equal(noSide.statusCode, 400);
    assert.deepEqual(fieldErrors(noSide.body), { side: 'Choose for or against' });
    const tooLong = await resident.post(url, { side: 'for', argument: 'x'.repeat(501) });
    assert.deepEqual(fieldErrors(tooLong.body), { argument: 'Argument must be 500 characters or fewer' });
    const anonymous = await new Agent(t).post(url, { side: 'for', argument: 'Anonymous' });
    assert.match(anonymous.headers.location as string, /^\/sign-in/);
    const aberllyn = await signedInAs(t, 'welshOrganiser');
    assert.equal((await aberllyn.post(url, { side: 'for', argument: 'From elsewhere' })).statusCode, 403);
    assert.equal((await argumentsOf(t.kith.db.kysely, proposalId)).length, 2, 'only the two good arguments stored');

    const page = (await new Agent(t).get(`${base}/proposals/${proposalId}`)).body;
    const forColumn = /id="debate-for"[\s\S]*?<\/div>/.exec(page)?.[0] ?? '';
    const againstColumn = /id="debate-against"[\s\S]*?<\/div>/.exec(page)?.[0] ?? '';
    assert.match(pageText(forColumn), /People work until six\./, 'the argument for is in the “For” column');
    assert.doesNotMatch(pageText(forColumn), /Staff would need paying/);
    assert.match(pageText(againstColumn), /Staff would need paying\./, 'the argument against is in its own column');
    assert.match(page, /govuk-grid-column-one-half/, 'columns that stack on a narrow screen');
  });

  test('a fourth argument in a minute from one account is refused beside the box', async () => {
    const proposalId = await debatedProposal();
    const member = await newMember(t, placeId, 'Keen Arguer');
    for (const n of [1, 2, 3])
      assert.equal(
        (await member.agent.post(`${base}/proposals/${proposalId}/arguments`, { side: 'for', argument: `Point ${n}` }))
          .statusCode,
        303,
      );
    const fourth = await member.agent.post(`${base}/proposals/${proposalId}/arguments`, {
      side: 'against',
      argument: 'Point 4',
    });
    assert.equal(fourth.statusCode, 422);
    assert.match(pageText(fourth.body), /You have added a lot of arguments and comments recently/);
    assert.equal((await argumentsOf(t.kith.db.kysely, proposalId)).length, 3);
  });

  test('arguments are refused in a phase that does not allow debate', async () => {
    const proposalId = await debatedProposal(['propose', 'support']);
    const resident = await signedInAs(t, 'resident');
    const refused = await resident.post(`${base}/proposals/${proposalId}/arguments`, { side: 'for', argument: 'Yes' });
    assert.equal(refused.statusCode, 422);
    assert.equal((await argumentsOf(t.kith.db.kysely, proposalId)).length, 0);
  });

  test('the facilitator’s summary is shown above the arguments, and earlier versions are kept; residents cannot write it', async () => {
    const proposalId = await debatedProposal();
    const url = `${base}/proposals/${proposalId}/summary`;
    const resident = await signedInAs(t, 'resident');
    await resident.post(`${base}/proposals/${proposalId}/arguments`, {
      side: 'for',
      argument: 'Evenings suit workers.',
    });
    assert.equal((await resident.post(url, { summary: 'My summary' })).statusCode, 403);
    const officer = await signedInAs(t, 'officer');
    const empty = await officer.post(url, { summary: '' });
    assert.equal(empty.statusCode, 400);
    assert.deepEqual(fieldErrors(empty.body), { summary: 'Enter the summary' });
    assert.equal((await officer.post(url, { summary: 'First take: most are for.' })).statusCode, 303);
    assert.equal((await officer.post(url, { summary: 'Most are for; cost is the worry.' })).statusCode, 303);
    assert.equal((await summariesOf(t.kith.db.kysely, proposalId)).length, 2, 'both versions kept');
    const page = pageText((await new Agent(t).get(`${base}/proposals/${proposalId}`)).body);
    const summaryAt = page.indexOf('Most are for; cost is the worry.');
    assert.ok(summaryAt > 0, 'the latest summary is shown');
    assert.ok(summaryAt < page.indexOf('Evenings suit workers.'), 'the summary comes before the arguments');
    assert.match(page, /1 earlier version of the summary[\s\S]*First take: most are for\./);
  });

  test('a moderator hides an argument with a reason; its words are kept for audit and shown only to moderators', async () => {
    const proposalId = await debatedProposal();
    // Someone new: the demo's resident has argued already, and arguments are limited per account.
    const resident = (await newMember(t, placeId, 'Rude Arguer')).agent;
    await resident.post(`${base}/proposals/${proposalId}/arguments`, { side: 'against', argument: 'Rude words here.' });
    const [argument] = await argumentsOf(t.kith.db.kysely, proposalId);
    assert.equal((await resident.post(`${base}/arguments/${argument!.id}/hide`, { hideReason: 'x' })).statusCode, 403);
    const officer = await signedInAs(t, 'officer');
    const noReason = await officer.post(`${base}/arguments/${argument!.id}/hide`, { hideReason: '' });
    assert.equal(noReason.statusCode, 400);
    assert.equal(
      (await officer.post(`${base}/arguments/${argument!.id}/hide`, { hideReason: 'Breaks the house rules' }))
        .statusCode,
      303,
    );
    const publicPage = pageText((await new Agent(t).get(`${base}/proposals/${proposalId}`)).body);
    assert.match(publicPage, /This argument was hidden by a moderator: Breaks the house rules/);
    assert.doesNotMatch(publicPage, /Rude words here/);
    const stored = (await argumentsOf(t.kith.db.kysely, proposalId))[0]!;
    assert.ok(stored.hidden && stored.body === 'Rude words here.', 'the words are kept with the moderator’s reason');
    const audit = await t.kith.db.kysely
      .selectFrom('audit_events')
      .select('action')
      .where('subject_id', '=', argument!.id)
      .where('action', '=', 'participation.argument.hide')
      .execute();
    assert.equal(audit.length, 1);
  });
});
