import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { listDevMail } from '../../platform/mail/store.js';
import { addDays, todayInPlace } from '../../platform/dates.js';
import { erasePerson, exportPersonalData, insertPerson, insertRole } from '../people/index.js';
import {
  Agent,
  errorSummaryProblems,
  fieldErrors,
  libraryDraftsFrom,
  newMember,
  pageText,
  signedInAs,
  startTestKith,
  type TestKith,
} from '../../testing.js';
import { participationCommands } from './cli.js';
import type { PhaseInput } from './inputs.js';
import {
  addPhase,
  castBallot,
  comment,
  createDecision,
  createProcess,
  propose,
  publishResult,
  support,
} from './participation.js';
import { findProcess, insertBallots, proposalsIn } from './store.js';

let t: TestKith;
let placeId: string;
const base = '/places/calderbrook/participation';
const today = todayInPlace();
const officerId = () => t.demo.people.officer!.id;

before(async () => {
  t = await startTestKith({ demo: true });
  placeId = t.demo.places.calderbrook!.id;
});
after(() => t.close());

function phase(over: Partial<PhaseInput> = {}): PhaseInput {
  return {
    title: 'Ideas',
    description: '',
    opensOn: addDays(today, -1),
    closesOn: addDays(today, 10),
    activities: ['propose', 'support', 'debate'],
    rung: 'consultation',
    ...over,
  };
}

async function newProcess(phases: PhaseInput[] = [phase()]) {
  const processId = await createProcess(t.kith, {
    placeId,
    personId: officerId(),
    process: { title: `Process ${randomUUID().slice(0, 6)}`, description: 'Tests', easyRead: 'We want your ideas.' },
  });
  const phaseIds: string[] = [];
  for (const p of phases)
    phaseIds.push(await addPhase(t.kith, { placeId, personId: officerId(), processId, phase: p }));
  return { processId, phaseIds };
}

async function proposal(processId: string, title: string, personId = t.demo.people.resident!.id, now?: Date) {
  return propose(t.kith, {
    placeId,
    personId,
    processId,
    proposal: { title, body: `${title}, please.`, area: '' },
    now,
  });
}

/** People who belong to Calderbrook, without passwords (they act through commands). */
async function residents(n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const person = await insertPerson(t.kith.db.kysely, {
      name: `Neighbour ${i}`,
      email: `neighbour.${randomUUID()}@test.example`,
      passwordHash: null,
      language: i % 2 ? 'cy' : 'en',
      emailConfirmed: true,
    });
    await insertRole(t.kith.db.kysely, { placeId, personId: person.id, role: 'resident', grantedBy: null });
    ids.push(person.id);
  }
  return ids;
}

describe('processes and phases', () => {
  test('an officer opens a process and adds a phase through the forms; mistakes show beside their fields and nothing is stored', async () => {
    const officer = await signedInAs(t, 'officer');
    const created = await officer.post(`${base}/new`, {
      title: 'Ideas for the library',
      description: 'What should change?',
      easyRead: 'Tell us how to make the library better.',
    });
    assert.equal(created.statusCode, 303);
    const phaseForm = created.headers.location as string;
    assert.match(phaseForm, /\/processes\/[\w-]+\/phases\/new$/);

    const bad = await officer.post(phaseForm, {
      title: '',
      'opensOn-day': '31',
      'opensOn-month': '2',
      'opensOn-year': '2027',
      'closesOn-day': '1',
      'closesOn-month': '3',
      'closesOn-year': '2027',
      activities: ['propose', 'shout'],
    });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(fieldErrors(bad.body), {
      title: 'Enter the name of the phase',
      opensOn: 'Enter the first day as a real date, for example 27 3 2027',
      activities: 'Choose from the list',
      rung: 'Choose how much say residents have',
    });
    const processId = phaseForm.split('/')[5]!;
    const stored = await t.kith.db.kysely
      .selectFrom('participation_phases')
      .select('id')
      .where('process_id', '=', processId)
      .execute();
    assert.equal(stored.length, 0);

    const from = addDays(today, -2);
    const to = addDays(today, 12);
    const ok = await officer.post(phaseForm, {
      title: 'Gather ideas',
      'opensOn-day': from.slice(8),
      'opensOn-month': from.slice(5, 7),
      'opensOn-year': from.slice(0, 4),
      'closesOn-day': to.slice(8),
      'closesOn-month': to.slice(5, 7),
      'closesOn-year': to.slice(0, 4),
      activities: ['propose', 'support'],
      rung: 'codesign',
    });
    assert.equal(ok.statusCode, 303);
    // Anyone reads the timeline: what they can do and how much say they have, and the overclaim is plain.
    const page = pageText((await new Agent(t).get(`${base}/processes/${processId}`)).body);
    assert.match(page, /Gather ideas \(open now\)/);
    assert.match(page, /What you can do: propose ideas, support proposals/);
    assert.match(page, /How much say you have: Co-design \(doing with\)/);
    assert.doesNotMatch(page, /claims more than residents can do/);
  });

  test('a phase claiming co-production where residents can only support says so to residents', async () => {
    const { processId } = await newProcess([phase({ activities: ['support'], rung: 'coproduction' })]);
    const page = pageText((await new Agent(t).get(`${base}/processes/${processId}`)).body);
    assert.match(page, /This phase claims more than residents can do in it/);
  });
});

describe('proposals and supports', () => {
  test('only members of the place propose, and only while a phase takes proposals', async () => {
    const { processId } = await newProcess([phase({ opensOn: addDays(today, 3), closesOn: addDays(today, 5) })]);
    const anonymous = await new Agent(t).post(`${base}/processes/${processId}/propose`, { title: 'x', body: 'y' });
    assert.equal(anonymous.statusCode, 303);
    assert.match(anonymous.headers.location as string, /^\/sign-in/);
    const aberllyn = await signedInAs(t, 'welshOrganiser');
    const elsewhere = await aberllyn.post(`${base}/processes/${processId}/propose`, { title: 'x', body: 'y' });
    assert.equal(elsewhere.statusCode, 403);

    const resident = await signedInAs(t, 'resident');
    const early = await resident.post(`${base}/processes/${processId}/propose`, { title: 'Too soon', body: 'Now' });
    assert.equal(early.statusCode, 422);
    assert.match(pageText(early.body), /There is a problem Proposals are not being taken now\./);
    assert.equal((await proposalsIn(t.kith.db.kysely, processId)).length, 0);
    const inTime = new Date(Date.parse(`${addDays(today, 4)}T12:00:00Z`));
    await proposal(processId, 'On time', t.demo.people.resident!.id, inTime);
    assert.equal((await proposalsIn(t.kith.db.kysely, processId)).length, 1);
  });

  test('one person supporting twenty times at once counts once; thirty people at once count thirty; the list is sorted by supports', async () => {
    const { processId } = await newProcess();
    const a = await proposal(processId, 'Benches');
    const b = await proposal(processId, 'Bins');
    const resident = await newMember(t, placeId, 'Eager Supporter');
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => resident.agent.post(`${base}/proposals/${a}/support`, { follow: 'yes' })),
    );
    assert.ok(responses.every((r) => r.statusCode === 303));
    const people = await residents(30);
    await Promise.all(people.map((personId) => support(t.kith, { placeId, personId, proposalId: b, follow: false })));

    const count = async (id: string) =>
      Number(
        (
          await t.kith.db.kysely
            .selectFrom('participation_supports')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('proposal_id', '=', id)
            .executeTakeFirstOrThrow()
        ).n,
      );
    assert.equal(await count(a), 1);
    assert.equal(await count(b), 30);
    const listed = await proposalsIn(t.kith.db.kysely, processId);
    assert.deepEqual(
      listed.map((p) => [p.title, p.supports]),
      [
        ['Bins', 30],
        ['Benches', 1],
      ],
    );
    const page = pageText((await new Agent(t).get(`${base}/processes/${processId}`)).body);
    assert.match(page, /Bins 30 supports · Open Benches 1 support · Open/);
    const mine = pageText((await resident.agent.get(`${base}/proposals/${a}`)).body);
    assert.match(mine, /You support this proposal\. You will be emailed about what happens to it\./);
  });

  test('supports are refused in a phase that does not take them', async () => {
    const { processId } = await newProcess([phase({ activities: ['propose'] })]);
    const id = await proposal(processId, 'Planters');
    const resident = await signedInAs(t, 'resident');
    const refused = await resident.post(`${base}/proposals/${id}/support`, {});
    assert.equal(refused.statusCode, 422);
    assert.match(pageText(refused.body), /There is a problem Supports are not being taken now\./);
    assert.equal((await proposalsIn(t.kith.db.kysely, processId))[0]!.supports, 0);
  });

  test('a fourth comment in a minute from one account is refused beside the box', async () => {
    const { processId } = await newProcess();
    const id = await proposal(processId, 'Library hours');
    const talker = await newMember(t, placeId, 'Quick Talker');
    for (const n of [1, 2, 3])
      assert.equal(
        (await talker.agent.post(`${base}/proposals/${id}/comments`, { comment: `Point ${n}` })).statusCode,
        303,
      );
    const fourth = await talker.agent.post(`${base}/proposals/${id}/comments`, { comment: 'Point 4' });
    assert.equal(fourth.statusCode, 422);
    assert.equal(
      fieldErrors(fourth.body).comment,
      'You have commented a lot in a short time. Wait a few minutes and try again.',
    );
    assert.match(pageText((await new Agent(t).get(`${base}/proposals/${id}`)).body), /Point 3/);
  });
});

describe('amendments', () => {
  test('a resident suggests a change; only the author answers; accepting replaces the text and keeps the old one', async () => {
    const { processId } = await newProcess();
    const id = await proposal(processId, 'Orchard');
    const organiser = await signedInAs(t, 'organiser');
    const author = await signedInAs(t, 'resident');
    const own = await author.post(`${base}/proposals/${id}/amend`, { body: 'Mine, changed' });
    assert.equal(own.statusCode, 422);
    const suggested = await organiser.post(`${base}/proposals/${id}/amend`, { body: 'Orchard, with a picking day.' });
    assert.equal(suggested.statusCode, 303);
    await organiser.post(`${base}/proposals/${id}/amend`, { body: 'Orchard, in concrete.' });
    const amendments = await t.kith.db.kysely
      .selectFrom('participation_amendments')
      .select(['id', 'body'])
      .where('proposal_id', '=', id)
      .orderBy('body')
      .execute();
    const [concrete, picking] = amendments;
    assert.equal((await organiser.post(`${base}/amendments/${picking!.id}/accept`)).statusCode, 403);
    assert.equal((await author.post(`${base}/amendments/${picking!.id}/accept`)).statusCode, 303);
    assert.equal((await author.post(`${base}/amendments/${concrete!.id}/decline`)).statusCode, 303);
    const page = pageText((await new Agent(t).get(`${base}/proposals/${id}`)).body);
    assert.match(page, /Orchard, with a picking day\./);
    assert.match(page, /Change suggested by .+: accepted/);
    assert.match(page, /Change suggested by .+: declined/);
    assert.match(page, /Earlier text \(1\) Until .+ Orchard, please\./);
  });
});

describe('decisions', () => {
  async function votingProcess() {
    const { processId, phaseIds } = await newProcess([
      phase({ opensOn: addDays(today, -20), closesOn: addDays(today, -11) }),
      phase({ title: 'Vote', opensOn: addDays(today, -10), closesOn: addDays(today, 3), activities: ['vote'] }),
    ]);
    const during = new Date(Date.parse(`${addDays(today, -15)}T12:00:00Z`));
    const ids: string[] = [];
    for (const title of ['Swings', 'Slide', 'Sandpit', 'Shelter'])
      ids.push(await proposal(processId, title, t.demo.people.resident!.id, during));
    const decisionId = await createDecision(t.kith, {
      placeId,
      personId: officerId(),
      processId,
      decision: {
        kind: 'approval',
        title: 'Choose two',
        threshold: 0,
        phaseId: phaseIds[1]!,
        maxChoices: 2,
        winners: 2,
      },
    });
    return { processId, ids, decisionId, closed: new Date(Date.parse(`${addDays(today, 5)}T12:00:00Z`)) };
  }

  test('a voter picks up to N, changes their own ballot within the window, and an officer cannot change it', async () => {
    const { ids, decisionId, closed } = await votingProcess();
    const voter = await newMember(t, placeId, 'Careful Voter');
    const tooMany = await voter.agent.post(`${base}/decisions/${decisionId}/ballot`, { choices: ids.slice(0, 3) });
    assert.equal(tooMany.statusCode, 422);
    assert.equal(fieldErrors(tooMany.body).choices, 'Choose no more than 2.');
    await Promise.all(
      Array.from({ length: 20 }, () =>
        voter.agent.post(`${base}/decisions/${decisionId}/ballot`, { choices: [ids[0]!] }),
      ),
    );
    assert.equal(
      (await voter.agent.post(`${base}/decisions/${decisionId}/ballot`, { choices: [ids[1]!, ids[2]!] })).statusCode,
      303,
    );
    // An officer posting a ballot casts their own, whatever the form says about anyone else.
    const officer = await signedInAs(t, 'officer');
    await officer.post(`${base}/decisions/${decisionId}/ballot`, { choices: [ids[3]!], personId: voter.id });
    const ballots = await t.kith.db.kysely
      .selectFrom('participation_ballots')
      .select(['person_id', 'choices'])
      .where('decision_id', '=', decisionId)
      .execute();
    assert.equal(ballots.length, 2);
    assert.equal(ballots.find((b) => b.person_id === voter.id)!.choices, `${ids[1]},${ids[2]}`);
    assert.equal(ballots.find((b) => b.person_id === officerId())!.choices, ids[3]);
    await assert.rejects(
      castBallot(t.kith, { placeId, personId: voter.id, decisionId, choices: [ids[0]!], now: closed }),
      { key: 'participation.closed.vote' },
    );
  });

  test('a vote is published with its counts after it closes; the tally recomputes it and finds a changed ballot', async () => {
    const { processId, ids, decisionId, closed } = await votingProcess();
    await assert.rejects(publishResult(t.kith, { placeId, personId: officerId(), decisionId }), {
      key: 'participation.results.voteOpen',
    });
    // 10,000 ballots, stored in bulk: Swings on every one, Slide on two in three, Sandpit on one in three.
    const ballots = Array.from({ length: 10_000 }, (_, i) => ({
      placeId,
      decisionId,
      personId: `voter-${String(i).padStart(5, '0')}`,
      choices: i % 3 === 0 ? [ids[0]!, ids[2]!] : [ids[0]!, ids[1]!],
    }));
    await insertBallots(t.kith.db.kysely, ballots);
    await publishResult(t.kith, { placeId, personId: officerId(), decisionId, now: closed });

    const page = pageText((await new Agent(t).get(`${base}/decisions/${decisionId}`)).body);
    assert.match(page, /10,?000 people voted\./);
    assert.match(
      page,
      /Swings 10,?000 Adopted Slide 6,?666 Adopted Sandpit 3,?334 Not taken forward Shelter 0 Not taken forward/,
    );
    const statuses = await proposalsIn(t.kith.db.kysely, processId);
    assert.deepEqual(statuses.map((p) => [p.title, p.status, p.reason]).sort(), [
      ['Sandpit', 'rejected', 'vote:3334'],
      ['Shelter', 'rejected', 'vote:0'],
      ['Slide', 'adopted', ''],
      ['Swings', 'adopted', ''],
    ]);
    const process = pageText((await new Agent(t).get(`${base}/processes/${processId}`)).body);
    assert.match(process, /Sandpit: Not taken forward\. It had 3334 votes and was not among those chosen\./);

    const tally = async () => {
      const out: string[] = [];
      const code = await participationCommands[0]!.run(
        t.kith,
        { args: [decisionId], options: {} },
        { out: (s) => out.push(s), err: (s) => out.push(s) },
      );
      return { code, text: out.join('\n') };
    };
    const agreed = await tally();
    assert.equal(agreed.code, 0, agreed.text);
    assert.match(agreed.text, /10000 ballots/);
    assert.match(agreed.text, /The published result matches what is stored\./);

    await t.kith.db.kysely
      .updateTable('participation_ballots')
      .set({ choices: ids[2]! })
      .where('decision_id', '=', decisionId)
      .where('person_id', '=', 'voter-00001')
      .execute();
    const changed = await tally();
    assert.equal(changed.code, 1);
    // Voter 1 chose Swings and Slide; their stored ballot now says Sandpit: three counts differ.
    assert.match(changed.text, /does NOT match: 3 difference\(s\)/);
  });

  test('a support threshold, published once supports close, sends forward those that reached it', async () => {
    const { processId } = await newProcess([phase({ opensOn: addDays(today, -5), closesOn: addDays(today, 1) })]);
    const during = new Date();
    const [popular, quiet] = [await proposal(processId, 'Popular'), await proposal(processId, 'Quiet')];
    const people = await residents(3);
    for (const personId of people)
      await support(t.kith, { placeId, personId, proposalId: popular, follow: false, now: during });
    await support(t.kith, { placeId, personId: people[0]!, proposalId: quiet, follow: false, now: during });
    const decisionId = await createDecision(t.kith, {
      placeId,
      personId: officerId(),
      processId,
      decision: { kind: 'threshold', title: 'Three supports', threshold: 3, phaseId: null, maxChoices: 0, winners: 0 },
    });
    const early = await (await signedInAs(t, 'officer')).post(`${base}/decisions/${decisionId}/publish`);
    assert.equal(early.statusCode, 422);
    assert.equal(
      fieldErrors(early.body).publish,
      'Supports are still being taken: publish when that phase has finished.',
    );
    assert.match(
      pageText((await new Agent(t).get(`${base}/decisions/${decisionId}`)).body),
      /The result has not been published yet\./,
    );
    await publishResult(t.kith, {
      placeId,
      personId: officerId(),
      decisionId,
      now: new Date(Date.now() + 3 * 86_400_000),
    });
    const page = pageText((await new Agent(t).get(`${base}/decisions/${decisionId}`)).body);
    assert.match(page, /3 people gave support\./);
    assert.match(page, /Popular 3 Goes forward Quiet 1 Not taken forward/);
    const out: string[] = [];
    const code = await participationCommands[0]!.run(
      t.kith,
      { args: [decisionId], options: {} },
      { out: (s) => out.push(s), err: (s) => out.push(s) },
    );
    assert.equal(code, 0, out.join('\n'));
  });
});

describe('you said, we did', () => {
  test('an adopted proposal’s update is emailed to its author and the supporters who follow it; a rejection’s reason is public', async () => {
    const { processId } = await newProcess();
    const id = await proposal(processId, 'Water fountain');
    const other = await proposal(processId, 'Fireworks');
    const [quiet, follower] = await residents(2);
    await support(t.kith, { placeId, personId: follower!, proposalId: id, follow: true });
    await support(t.kith, { placeId, personId: quiet!, proposalId: id, follow: false });
    const officer = await signedInAs(t, 'officer');
    assert.equal((await officer.post(`${base}/proposals/${id}/adopt`)).statusCode, 303);
    const empty = await officer.post(`${base}/proposals/${id}/updates`, { status: 'underway' });
    assert.equal(empty.statusCode, 400);
    assert.equal(fieldErrors(empty.body).update, 'Say what has happened');
    const posted = await officer.post(`${base}/proposals/${id}/updates`, {
      status: 'underway',
      update: 'The fountain is ordered; it goes in by the play area in May.',
    });
    assert.equal(posted.statusCode, 303);
    await t.worker.runDue();
    const mails = (await listDevMail(t.kith.db.kysely, 1000)).filter((m) =>
      /^(News of|Newyddion am) “Water fountain”/.test(m.subject),
    );
    const people = await t.kith.db.kysely.selectFrom('people').select(['id', 'email']).execute();
    const emailOf = (pid: string) => people.find((p) => p.id === pid)!.email;
    assert.deepEqual(
      mails.map((m) => m.to_address).sort(),
      [emailOf(follower!), emailOf(t.demo.people.resident!.id)].sort(),
    );
    // Each in their own language: the follower reads Welsh.
    const welsh = mails.find((m) => m.to_address === emailOf(follower!))!;
    assert.match(welsh.subject, /^Newyddion am “Water fountain”/);
    assert.match(welsh.text_body, /Mae gwaith ar y cynnig “Water fountain” ar waith\.[\s\S]*The fountain is ordered/);

    const page = pageText((await new Agent(t).get(`${base}/proposals/${id}`)).body);
    assert.match(page, /What has happened Under way .* The fountain is ordered/);

    const refused = await officer.post(`${base}/proposals/${other}/reject`, {
      reason: 'Fireworks frighten dogs and horses nearby.',
    });
    assert.equal(refused.statusCode, 303);
    const process = pageText((await new Agent(t).get(`${base}/processes/${processId}`)).body);
    assert.match(process, /Fireworks: Not taken forward\. Fireworks frighten dogs and horses nearby\./);
    assert.match(process, /Water fountain: Under way/);
  });
});

describe('closing a process', () => {
  test('the facilitator closes a process and says what they would do differently; a ticked box makes one draft case study they can open', async () => {
    const { processId } = await newProcess([
      phase(),
      phase({
        title: 'Deciding together',
        opensOn: addDays(today, 20),
        closesOn: addDays(today, 30),
        rung: 'coproduction',
      }),
    ]);
    const process = async () => (await findProcess(t.kith.db.kysely, placeId, processId))!;
    const drafts = () => libraryDraftsFrom(t, 'participation');
    const before = (await drafts()).length;
    const officer = await signedInAs(t, 'officer');
    const url = `${base}/processes/${processId}/close`;
    assert.match(pageText((await officer.get(`${base}/processes/${processId}`)).body), /Close this process/);
    assert.match(pageText((await officer.get(url)).body), /What would you do differently\?/);

    const long = await officer.post(url, { differently: 'x'.repeat(2001), shareDraft: 'yes' });
    assert.equal(long.statusCode, 400);
    assert.deepEqual(errorSummaryProblems(long.body), []);
    assert.equal(fieldErrors(long.body).differently, 'What you would do differently must be 2,000 characters or fewer');
    const nothingToShare = await officer.post(url, { shareDraft: 'yes' });
    assert.equal(nothingToShare.statusCode, 400);
    assert.equal(
      fieldErrors(nothingToShare.body).differently,
      'Enter what you would do differently to share it as a case study',
    );
    assert.equal((await process()).closedAt, null);
    assert.equal((await drafts()).length, before);

    const answer = 'Hold the first meeting in the evening, so people who work can come.';
    const key = randomUUID();
    const first = await officer.post(url, { differently: answer, shareDraft: 'yes' }, { idempotencyKey: key });
    const again = await officer.post(url, { differently: answer, shareDraft: 'yes' }, { idempotencyKey: key });
    assert.equal(first.statusCode, 303, pageText(first.body));
    assert.equal(again.headers.location, first.headers.location);
    const closed = await process();
    assert.ok(closed.closedAt, 'the process is closed');
    assert.equal(closed.closingDifferently, answer);
    await assert.rejects(proposal(processId, 'Too late'), /participation.closed.propose/);
    const made = (await drafts()).slice(before);
    assert.equal(made.length, 1);
    assert.equal(made[0]!.title, `Participatory process: ${closed.title}`);
    assert.equal(made[0]!.whatDidNot, answer);
    assert.equal(made[0]!.status, 'draft');
    assert.equal(made[0]!.submittedBy, officerId());
    const confirmation = await officer.get(first.headers.location as string);
    assert.match(pageText(confirmation.body), /This process closed on/);
    assert.doesNotMatch(pageText(confirmation.body), /Close this process/);
    const link = /<a class="govuk-link" href="([^"]+)">Finish your draft case study<\/a>/.exec(confirmation.body);
    assert.ok(link, 'the confirmation links to the draft');
    assert.equal(link[1], `/places/calderbrook/library/cases/${made[0]!.id}/edit`);
    assert.equal((await officer.get(link[1])).statusCode, 200);
    const { agent: someoneElse } = await newMember(t, placeId, 'Nosy Neighbour');
    assert.notEqual((await someoneElse.get(link[1])).statusCode, 200);

    // Closed once: closing again (a new submission) is refused beside the answer.
    const twice = await officer.post(url, { differently: 'Again' });
    assert.equal(twice.statusCode, 422);
    assert.equal(fieldErrors(twice.body).differently, 'This process has already closed.');
    assert.equal((await process()).closingDifferently, answer);
    // Nor can phases or decisions be added to it.
    await assert.rejects(
      addPhase(t.kith, { placeId, personId: officerId(), processId, phase: phase() }),
      /participation.close.already/,
    );
    await assert.rejects(
      createDecision(t.kith, {
        placeId,
        personId: officerId(),
        processId,
        decision: { kind: 'threshold', title: 'Late', threshold: 3, phaseId: null, maxChoices: 0, winners: 0 },
      }),
      /participation.close.already/,
    );
  });

  test('closing without the box ticked keeps the answer with the process and puts nothing in the library', async () => {
    const { processId } = await newProcess();
    const before = (await libraryDraftsFrom(t, 'participation')).length;
    const officer = await signedInAs(t, 'officer');
    const closed = await officer.post(`${base}/processes/${processId}/close`, { differently: 'Fewer phases.' });
    assert.equal(closed.statusCode, 303);
    assert.doesNotMatch(closed.headers.location as string, /draft=/);
    assert.equal((await findProcess(t.kith.db.kysely, placeId, processId))!.closingDifferently, 'Fewer phases.');
    assert.equal((await libraryDraftsFrom(t, 'participation')).length, before);
    const { processId: quiet } = await newProcess();
    assert.equal((await officer.post(`${base}/processes/${quiet}/close`, {})).statusCode, 303);
    assert.ok((await findProcess(t.kith.db.kysely, placeId, quiet))!.closedAt, 'closing needs no answer');
  });
});

describe('moderation', () => {
  test('a hidden comment shows its reason, not its words, and is kept with the moderator’s reason for audit', async () => {
    const { processId } = await newProcess();
    const id = await proposal(processId, 'Dog bins');
    const commentId = await comment(t.kith, {
      placeId,
      personId: t.demo.people.organiser!.id,
      proposalId: id,
      body: 'Something unkind about a neighbour',
    });
    const resident = await signedInAs(t, 'resident');
    assert.equal((await resident.post(`${base}/comments/${commentId}/hide`, { hideReason: 'No' })).statusCode, 403);
    const coordinator = await signedInAs(t, 'coordinator');
    const noReason = await coordinator.post(`${base}/comments/${commentId}/hide`, {});
    assert.equal(noReason.statusCode, 400);
    assert.equal(
      (
        await coordinator.post(`${base}/comments/${commentId}/hide`, {
          hideReason: 'Personal remarks about a neighbour',
        })
      ).statusCode,
      303,
    );
    const page = pageText((await new Agent(t).get(`${base}/proposals/${id}`)).body);
    assert.match(page, /A moderator hid this comment\. Their reason: Personal remarks about a neighbour/);
    assert.doesNotMatch(page, /Something unkind/);
    const kept = await t.kith.db.kysely
      .selectFrom('participation_comments')
      .selectAll()
      .where('id', '=', commentId)
      .executeTakeFirstOrThrow();
    assert.equal(kept.body, 'Something unkind about a neighbour');
    assert.equal(kept.hidden_by, t.demo.people.coordinator!.id);
    const audit = await t.kith.db.kysely
      .selectFrom('audit_events')
      .selectAll()
      .where('subject_id', '=', commentId)
      .where('action', '=', 'participation.comment.hide')
      .executeTakeFirstOrThrow();
    assert.match(audit.detail, /Personal remarks/);
  });
});

describe('the ladder self-assessment', () => {
  test('a service answers, sees its rung with why and what next, answers again later, and an admin sees its movement', async () => {
    const organiser = await signedInAs(t, 'organiser');
    const incomplete = await organiser.post(`${base}/ladder`, { service: 'Hebble Youth Club', assets: '1' });
    assert.equal(incomplete.statusCode, 400);
    assert.equal(fieldErrors(incomplete.body).informing, 'Choose an answer');
    const answers = (n: Record<string, string>) => ({
      service: 'Hebble Youth Club',
      assets: '1',
      capabilities: '1',
      mutuality: '0',
      peers: '1',
      roles: '0',
      facilitating: '1',
      informing: '2',
      listening: '1',
      sharing: '0',
      delivering: '0',
      ...n,
    });
    const first = await organiser.post(`${base}/ladder`, answers({}));
    assert.equal(first.statusCode, 303);
    const result = pageText((await organiser.get(first.headers.location as string)).body);
    assert.match(result, /Hebble Youth Club on the ladder Consultation doing for/);
    assert.match(
      result,
      /Why this rung You tell people what is planned and why\. You ask people for their views before deciding\./,
    );
    assert.match(result, /What to try next Next rung: share at least some decisions/);
    assert.match(result, /Agree with the people who use the service what each side gives and expects/);

    const second = await organiser.post(
      `${base}/ladder`,
      answers({ sharing: '2', roles: '2', listening: '3', informing: '3' }),
    );
    const again = pageText((await organiser.get(second.headers.location as string)).body);
    assert.match(again, /Co-design doing with/);
    assert.match(again, /Over time .*Consultation .*Co-design/);

    assert.equal((await organiser.get(`${base}/ladder/services`)).statusCode, 403);
    const admin = await signedInAs(t, 'admin');
    const overview = pageText((await admin.get(`${base}/ladder/services`)).body);
    assert.match(overview, /Hebble Youth Club Co-design Up 2 rungs/);
  });
});

describe('personal data', () => {
  test('a resident’s download holds what they proposed and said; erasing them removes their words but keeps the counts', async () => {
    const { processId } = await newProcess();
    const someone = await newMember(t, placeId, 'Leaving Resident');
    const id = await proposal(processId, 'Crossing by the school', someone.id);
    const other = await proposal(processId, 'Bike racks');
    await support(t.kith, { placeId, personId: someone.id, proposalId: other, follow: true });
    await comment(t.kith, { placeId, personId: someone.id, proposalId: other, body: 'My children would cycle.' });
    const data = (await exportPersonalData(t.kith, someone.id)) as {
      participation: { proposals: Array<{ title: string }>; comments: Array<{ body: string }>; supports: unknown[] };
    };
    assert.deepEqual(
      data.participation.proposals.map((p) => p.title),
      ['Crossing by the school'],
    );
    assert.deepEqual(
      data.participation.comments.map((c) => c.body),
      ['My children would cycle.'],
    );
    assert.equal(data.participation.supports.length, 1);

    await erasePerson(t.kith, someone.id, t.demo.password);
    const after = await proposalsIn(t.kith.db.kysely, processId);
    assert.equal(after.find((p) => p.id === other)!.supports, 1);
    assert.notEqual(after.find((p) => p.id === id)!.authorId, someone.id);
    const page = pageText((await new Agent(t).get(`${base}/proposals/${other}`)).body);
    assert.doesNotMatch(page, /My children would cycle|Leaving Resident/);
  });
});
