import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { addDays, todayInPlace } from '../../platform/dates.js';
import { Agent, fieldErrors, newMember, pageText, signedInAs, startTestKith, type TestKith } from '../../testing.js';
import { participationCommands } from './cli.js';
import { addPhase, createDecision, createProcess, propose, respondToConsent } from './participation.js';
import { consentResponsesOf, findProposal } from './store.js';

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

/**
 * A process with a proposal to decide by consent. `open`: responses are taken now;
 * otherwise the window ran from 10 days ago to 2 days ago (`during` falls inside it).
 */
async function consentDecision(open: boolean) {
  const processId = await createProcess(t.kith, {
    placeId,
    personId: officerId(),
    process: {
      title: `Garden group ${randomUUID().slice(0, 6)}`,
      description: 'A small group decides',
      easyRead: 'We want your ideas.',
    },
  });
  const phaseId = await addPhase(t.kith, {
    placeId,
    personId: officerId(),
    processId,
    phase: {
      title: 'Decide',
      description: '',
      opensOn: open ? addDays(today, -1) : addDays(today, -10),
      closesOn: open ? addDays(today, 5) : addDays(today, -2),
      activities: ['propose', 'vote'],
      rung: 'codesign',
    },
  });
  const during = new Date(Date.parse(`${open ? today : addDays(today, -5)}T12:00:00Z`));
  const proposalId = await propose(t.kith, {
    placeId,
    personId: t.demo.people.resident!.id,
    processId,
    proposal: { title: 'Open the garden on Sundays', body: 'Sunday afternoons, 2 till 5.', area: '' },
    now: during,
  });
  const decisionId = await createDecision(t.kith, {
    placeId,
    personId: officerId(),
    processId,
    decision: {
      kind: 'consent',
      title: 'Sunday opening',
      threshold: 0,
      phaseId,
      maxChoices: 0,
      winners: 0,
      proposalId,
    },
  });
  return { processId, phaseId, proposalId, decisionId, during };
}

const stored = async (decisionId: string) => consentResponsesOf(t.kith.db.kysely, decisionId);

async function tally(decisionId: string) {
  const out: string[] = [];
  const code = await participationCommands[0]!.run(
    t.kith,
    { args: [decisionId], options: {} },
    { out: (s) => out.push(s), err: (s) => out.push(s) },
  );
  return { code, text: out.join('\n') };
}

describe('consent decisions', () => {
  test('an officer puts a proposal to the members by consent; without a proposal chosen the form says so beside it', async () => {
    const { processId, phaseId, proposalId } = await consentDecision(true);
    const officer = await signedInAs(t, 'officer');
    const form = await officer.get(`${base}/processes/${processId}/decisions/new`);
    assert.match(pageText(form.body), /Consent decision/, 'the form offers a consent decision');
    const bad = await officer.post(`${base}/processes/${processId}/decisions/new`, {
      kind: 'consent',
      title: 'By consent',
      phaseId,
    });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(fieldErrors(bad.body), { proposalId: 'Choose the proposal to decide by consent' });
    const ok = await officer.post(`${base}/processes/${processId}/decisions/new`, {
      kind: 'consent',
      title: 'By consent',
      phaseId,
      proposalId,
    });
    assert.equal(ok.statusCode, 303);
    const page = pageText((await officer.get(ok.headers.location as string)).body);
    assert.match(page, /Open the garden on Sundays/, 'the decision page shows the proposal put to the group');
    assert.match(page, /No one has objected\./);
  });

  test('one response a person: twenty at once from one member store one, and a second is refused', async () => {
    const { decisionId } = await consentDecision(true);
    const member = await newMember(t, placeId, 'Quick Clicker');
    const responses = await Promise.all(
      Array.from({ length: 20 }, () =>
        member.agent.post(`${base}/decisions/${decisionId}/consent`, { response: 'consent' }),
      ),
    );
    assert.ok(
      responses.some((r) => r.statusCode === 303),
      'one of the simultaneous responses is taken',
    );
    assert.ok(
      responses.every((r) => r.statusCode === 303 || r.statusCode === 422),
      `the rest are refused plainly, not errors: ${responses.map((r) => r.statusCode).join(',')}`,
    );
    assert.equal((await stored(decisionId)).filter((r) => r.personId === member.id).length, 1);
    const again = await member.agent.post(`${base}/decisions/${decisionId}/consent`, {
      response: 'object',
      reason: 'Changed my mind',
    });
    // No form to show a mistake beside: back to the decision, which says so.
    assert.equal(again.statusCode, 303);
    assert.match(
      pageText((await member.agent.get(again.headers.location as string)).body),
      /You have already responded to this decision/,
    );
    assert.equal((await stored(decisionId)).find((r) => r.personId === member.id)?.response, 'consent');
    const page = pageText((await member.agent.get(`${base}/decisions/${decisionId}`)).body);
    assert.match(page, /Your response: Consent\./);
  });

  test('an objection without a reason, a response after the close, and non-members are refused; nothing is stored', async () => {
    const open = await consentDecision(true);
    const resident = await signedInAs(t, 'resident');
    const noReason = await resident.post(`${base}/decisions/${open.decisionId}/consent`, {
      response: 'object',
      reason: ' ',
    });
    assert.equal(noReason.statusCode, 400);
    assert.deepEqual(fieldErrors(noReason.body), { reason: 'Say why you object' });
    const noChoice = await resident.post(`${base}/decisions/${open.decisionId}/consent`, {});
    assert.equal(noChoice.statusCode, 400);
    assert.deepEqual(fieldErrors(noChoice.body), { response: 'Choose consent, stand aside or object' });

    const anonymous = await new Agent(t).post(`${base}/decisions/${open.decisionId}/consent`, { response: 'consent' });
    assert.equal(anonymous.statusCode, 303);
    assert.match(anonymous.headers.location as string, /^\/sign-in/);
    const aberllyn = await signedInAs(t, 'welshOrganiser');
    const elsewhere = await aberllyn.post(`${base}/decisions/${open.decisionId}/consent`, { response: 'consent' });
    assert.equal(elsewhere.statusCode, 403);
    assert.equal((await stored(open.decisionId)).length, 0, 'nothing stored for any of them');

    const closed = await consentDecision(false);
    const late = await resident.post(`${base}/decisions/${closed.decisionId}/consent`, { response: 'consent' });
    assert.equal(late.statusCode, 303);
    assert.match(
      pageText((await resident.get(late.headers.location as string)).body),
      /This decision is not taking responses now\./,
    );
    await assert.rejects(
      respondToConsent(t.kith, {
        placeId,
        personId: t.demo.people.gardener!.id,
        decisionId: closed.decisionId,
        response: 'consent',
        reason: '',
        now: new Date(),
      }),
      { key: 'participation.consent.closed' },
    );
    assert.equal((await stored(closed.decisionId)).length, 0);
  });

  test('objections are resolved by withdrawing or by agreeing how they were addressed; only the objector can do either', async () => {
    const { decisionId } = await consentDecision(true);
    const first = await newMember(t, placeId, 'First Objector');
    const second = await newMember(t, placeId, 'Second Objector');
    for (const m of [first, second])
      assert.equal(
        (await m.agent.post(`${base}/decisions/${decisionId}/consent`, { response: 'object', reason: 'Too noisy' }))
          .statusCode,
        303,
      );
    const objections = await stored(decisionId);
    const firstObjection = objections.find((r) => r.personId === first.id)!.id;
    const secondObjection = objections.find((r) => r.personId === second.id)!.id;

    // Someone else cannot withdraw another's objection.
    const other = await signedInAs(t, 'resident');
    assert.equal((await other.post(`${base}/objections/${firstObjection}/withdraw`, {})).statusCode, 403);
    // A resident cannot say how an objection was addressed; the officer must give a note.
    assert.equal(
      (await first.agent.post(`${base}/objections/${firstObjection}/address`, { note: 'x' })).statusCode,
      403,
    );
    const officer = await signedInAs(t, 'officer');
    const noNote = await officer.post(`${base}/objections/${firstObjection}/address`, { note: '' });
    assert.equal(noNote.statusCode, 400);
    assert.match(pageText(noNote.body), /Say how the objection was addressed/);

    assert.equal(
      (await officer.post(`${base}/objections/${firstObjection}/address`, { note: 'Quiet hours until 3pm' }))
        .statusCode,
      303,
    );
    assert.equal((await first.agent.post(`${base}/objections/${firstObjection}/agree`, {})).statusCode, 303);
    assert.equal((await second.agent.post(`${base}/objections/${secondObjection}/withdraw`, {})).statusCode, 303);
    const statuses = (await stored(decisionId)).map((r) => r.objectionStatus);
    assert.deepEqual(statuses, ['resolved', 'resolved']);
    const page = pageText((await officer.get(`${base}/decisions/${decisionId}`)).body);
    assert.match(page, /How it was addressed: Quiet hours until 3pm/);
  });

  test('an objection still standing blocks the proposal unless the facilitator records it with a reason; the outcome shows the counts', async () => {
    const blocked = await consentDecision(false);
    const passing = await consentDecision(false);
    const people = [t.demo.people.resident!.id, t.demo.people.gardener!.id, t.demo.people.youngResident!.id];
    for (const d of [blocked, passing]) {
      await respondToConsent(t.kith, {
        placeId,
        personId: people[0]!,
        decisionId: d.decisionId,
        response: 'consent',
        reason: '',
        now: d.during,
      });
      await respondToConsent(t.kith, {
        placeId,
        personId: people[1]!,
        decisionId: d.decisionId,
        response: 'standAside',
        reason: '',
        now: d.during,
      });
      await respondToConsent(t.kith, {
        placeId,
        personId: people[2]!,
        decisionId: d.decisionId,
        response: 'object',
        reason: 'Sunday is quiet time',
        now: d.during,
      });
    }
    const officer = await signedInAs(t, 'officer');
    const noStatement = await officer.post(`${base}/decisions/${blocked.decisionId}/publish`, {});
    assert.equal(noStatement.statusCode, 400);
    assert.deepEqual(fieldErrors(noStatement.body), { statement: 'Enter the outcome statement' });
    const noReason = await officer.post(`${base}/decisions/${passing.decisionId}/publish`, {
      statement: 'Going ahead',
      record: 'yes',
    });
    assert.equal(noReason.statusCode, 400);
    assert.deepEqual(fieldErrors(noReason.body), { recordReason: 'Say why the objections are recorded' });
    assert.equal(
      (await findProposal(t.kith.db.kysely, placeId, passing.proposalId))?.status,
      'open',
      'nothing changed',
    );

    assert.equal(
      (await officer.post(`${base}/decisions/${blocked.decisionId}/publish`, { statement: 'Not this year.' }))
        .statusCode,
      303,
    );
    const blockedPage = pageText((await officer.get(`${base}/decisions/${blocked.decisionId}`)).body);
    assert.match(blockedPage, /The proposal did not pass: an objection was still standing at the close\./);
    assert.equal((await findProposal(t.kith.db.kysely, placeId, blocked.proposalId))?.status, 'rejected');

    assert.equal(
      (
        await officer.post(`${base}/decisions/${passing.decisionId}/publish`, {
          statement: 'Sunday opening starts in May.',
          record: 'yes',
          recordReason: 'The objector’s worry is noise; we will review after a month.',
        })
      ).statusCode,
      303,
    );
    const page = pageText((await new Agent(t).get(`${base}/decisions/${passing.decisionId}`)).body);
    assert.match(page, /The proposal passed by consent\./);
    assert.match(page, /Sunday opening starts in May\./);
    assert.match(page, /Recorded at the close because: The objector’s worry is noise/);
    assert.match(page, /Consented 1 Stood aside 1 Objected 1 Objections resolved 0 Objections recorded 1/);
    assert.equal((await findProposal(t.kith.db.kysely, placeId, passing.proposalId))?.status, 'adopted');

    // Closed: no more responses, and no objection can be moved on.
    await assert.rejects(
      respondToConsent(t.kith, {
        placeId,
        personId: officerId(),
        decisionId: passing.decisionId,
        response: 'consent',
        reason: '',
        now: passing.during,
      }),
      { key: 'participation.consent.closed' },
    );
  });

  test('the tally recomputes a consent result from the stored responses and finds one changed since', async () => {
    const d = await consentDecision(false);
    const members = [t.demo.people.resident!.id, t.demo.people.gardener!.id, t.demo.people.organiser!.id];
    for (const [i, personId] of members.entries())
      await respondToConsent(t.kith, {
        placeId,
        personId,
        decisionId: d.decisionId,
        response: i === 2 ? 'object' : 'consent',
        reason: i === 2 ? 'Needs a volunteer rota first' : '',
        now: d.during,
      });
    const before = await tally(d.decisionId);
    assert.equal(before.code, 0);
    assert.match(
      before.text,
      /3 responses: 2 consent, 0 stand aside, 1 objections \(0 resolved, 0 recorded, 1 outstanding\): blocked/,
    );
    assert.match(before.text, /not been published yet/);

    const officer = await signedInAs(t, 'officer');
    await officer.post(`${base}/decisions/${d.decisionId}/publish`, {
      statement: 'Going ahead with a rota.',
      record: 'yes',
      recordReason: 'The rota is being set up.',
    });
    const agreed = await tally(d.decisionId);
    assert.equal(agreed.code, 0, agreed.text);
    assert.match(agreed.text, /1 recorded, 0 outstanding\): passes/);
    assert.match(agreed.text, /The published result matches what is stored\./);

    await t.kith.db.kysely
      .updateTable('participation_consent_responses')
      .set({ response: 'standAside' })
      .where('decision_id', '=', d.decisionId)
      .where('person_id', '=', members[0]!)
      .execute();
    const changed = await tally(d.decisionId);
    assert.equal(changed.code, 1);
    assert.match(changed.text, /differs: consent/);
    assert.match(changed.text, /differs: standAside/);
    assert.match(changed.text, /does NOT match: 2 difference\(s\)/);
  });
});
