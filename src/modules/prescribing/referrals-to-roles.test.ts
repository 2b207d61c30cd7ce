import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { listDevMail } from '../../platform/mail/store.js';
import { Agent, fieldErrors, pageText, startTestKith, type TestKith } from '../../testing.js';
import { addOrganisationMember, findOrganisationByName } from '../directory/index.js';
import { hashPassword, insertPerson, insertRole } from '../people/index.js';
import { referralsByStatus } from './report-store.js';
import { referralsOfRecord } from './store.js';

let t: TestKith;
let worker: Agent;
let organiser: Agent;
const P = '/places/calderbrook';
const SP = `${P}/social-prescribing`;
let placeId: string;
let walkLeaderId: string;
let recordId: string;
let referralId: string;

async function agentFor(email: string) {
  const agent = new Agent(t);
  await agent.signIn(email, t.demo.password);
  return agent;
}

before(async () => {
  t = await startTestKith({ demo: true });
  placeId = t.demo.places.calderbrook!.id;
  worker = await agentFor('linkworker@calderbrook.example');
  // Tom Okafor organises the Calderbrook Walking Group, whose demo role is "Walk leader".
  organiser = await agentFor('organiser@calderbrook.example');
  walkLeaderId = (
    await t.kith.db.kysely
      .selectFrom('volunteering_opportunities')
      .select('id')
      .where('place_id', '=', placeId)
      .where('title', '=', 'Walk leader')
      .executeTakeFirstOrThrow()
  ).id;
});
after(() => t.close());

describe('a link worker refers someone to a volunteering role', () => {
  test('without consent the referral to a role is refused and nothing is written', async () => {
    const opened = await worker.post(`${SP}/people/new`, {
      name: 'Samir Haddad',
      preferredName: 'Sam',
      email: 'sam.haddad@example.org',
      howToContact: 'Email',
    });
    recordId = /people\/([0-9a-f-]+)\/conversation/.exec(opened.headers.location as string)![1]!;
    await worker.post(`${SP}/people/${recordId}/conversation`, {
      'heldOn-day': '2',
      'heldOn-month': '3',
      'heldOn-year': '2026',
      strengths: 'Patient, good listener',
      interests: 'walking',
      wouldLikeTo: 'Give something back',
    });
    const refused = await worker.post(`${SP}/people/${recordId}/referrals`, { roles: walkLeaderId });
    assert.equal(refused.statusCode, 422);
    assert.match(fieldErrors(refused.body).activities!, /not agreed to be referred/);
    assert.equal((await referralsOfRecord(t.kith.db.kysely, recordId)).length, 0);
  });

  test('with consent, the same words find the role beside the activities, and choosing it sends a referral to the role’s organisation', async () => {
    await worker.post(`${SP}/people/${recordId}/consent`, {
      decision: 'agreed',
      shares: ['first_name', 'contact'],
      messageBack: 'no',
      'givenOn-day': '3',
      'givenOn-month': '3',
      'givenOn-year': '2026',
    });
    const find = await worker.get(`${SP}/people/${recordId}/find`);
    // Everything Sam said is searched at once; the role says which of Sam's words found it.
    assert.match(pageText(find.body), /Searched with everything they said: walking, give something back\./);
    assert.ok(find.body.includes(`name="roles" type="checkbox" value="${walkLeaderId}"`), 'the role is offered');
    assert.match(pageText(find.body), /Walk leader Calderbrook Walking Group Matches: walking/);
    const typed = await worker.get(`${SP}/people/${recordId}/find?q=walking`);
    assert.match(typed.body, /name="q" type="search" value="walking"/);
    assert.ok(typed.body.includes(`name="roles" type="checkbox" value="${walkLeaderId}"`), 'typed words find it too');
    assert.doesNotMatch(pageText(typed.body), /Matches:/);

    const nothing = await worker.post(`${SP}/people/${recordId}/referrals`, {});
    assert.equal(nothing.statusCode, 400);
    assert.equal(
      fieldErrors(nothing.body).activities,
      'Select at least one activity, volunteering role or scheme to refer them to',
    );
    const unknown = await worker.post(`${SP}/people/${recordId}/referrals`, {
      roles: '00000000-0000-0000-0000-000000000000',
    });
    assert.match(fieldErrors(unknown.body).activities!, /no longer open/);

    const sent = await worker.post(`${SP}/people/${recordId}/referrals`, {
      roles: walkLeaderId,
      note: 'Sam would like to lead walks on weekdays.',
    });
    assert.equal(sent.statusCode, 303);
    const [referral] = await referralsOfRecord(t.kith.db.kysely, recordId);
    referralId = referral!.id;
    assert.equal(referral!.targetKind, 'role');
    assert.equal(referral!.targetId, walkLeaderId);
    const walking = await findOrganisationByName(t.kith.db.kysely, placeId, 'Calderbrook Walking Group');
    assert.equal(referral!.organisationId, walking!.id);
    const again = await worker.post(`${SP}/people/${recordId}/referrals`, { roles: walkLeaderId });
    assert.match(fieldErrors(again.body).activities!, /already have an open referral to Walk leader/);

    const record = pageText((await worker.get(`${SP}/people/${recordId}`)).body);
    assert.match(record, /Walk leader Volunteering role · Calderbrook Walking Group/);
    const exported = JSON.parse((await worker.get(`${SP}/people/${recordId}/export.json`)).body) as {
      supportOffered: Array<{ kind: string; activity: string; organisation: string }>;
    };
    assert.deepEqual(
      exported.supportOffered.map((s) => [s.kind, s.activity, s.organisation]),
      [['role', 'Walk leader', 'Calderbrook Walking Group']],
    );

    await t.worker.runDue();
    const mail = (await listDevMail(t.kith.db.kysely)).find(
      (m) => m.to_address === 'organiser@calderbrook.example' && m.subject === 'A new referral to Walk leader',
    );
    assert.ok(mail, 'the organisation’s organiser is told, with the role’s name');
    assert.doesNotMatch(mail.text_body, /Sam|Haddad/);
  });

  test('the role’s organiser sees it in their referrals in, with what consent allows, and accepts it', async () => {
    const inbox = pageText((await organiser.get(`${P}/referrals-in`)).body);
    assert.match(inbox, /Sam – Walk leader/);
    assert.match(inbox, /Walk leader \(Volunteering role\)/);
    const seen = pageText((await organiser.get(`${P}/referrals-in/${referralId}`)).body);
    assert.match(seen, /Walk leader/);
    assert.match(seen, /sam\.haddad@example\.org/);
    assert.match(seen, /lead walks on weekdays/);
    for (const hidden of ['Haddad', 'Patient, good listener', 'Give something back'])
      assert.ok(!seen.includes(hidden), hidden);

    const url = `${P}/referrals-in/${referralId}`;
    assert.equal((await organiser.post(url, { to: 'accepted' })).statusCode, 303);
    assert.equal((await organiser.post(url, { to: 'first_contact' })).statusCode, 303);
    const [referral] = await referralsOfRecord(t.kith.db.kysely, recordId);
    assert.equal(referral!.status, 'first_contact');
    assert.match(pageText((await worker.get(`${SP}/referrals/${referralId}`)).body), /Walk leader/);
  });

  test('a user of another organisation neither sees nor can open it', async () => {
    const db = t.kith.db.kysely;
    const other = await insertPerson(db, {
      name: 'Rita Repair',
      email: 'rita@repair.example',
      passwordHash: await hashPassword(t.demo.password),
      language: 'en',
      emailConfirmed: true,
    });
    await insertRole(db, { placeId, personId: other.id, role: 'organiser', grantedBy: null });
    const repair = await findOrganisationByName(db, placeId, 'Calderbrook Repair Café');
    await addOrganisationMember(db, { placeId, organisationId: repair!.id, personId: other.id, addedBy: null });
    const rita = await agentFor('rita@repair.example');
    assert.equal((await rita.get(`${P}/referrals-in/${referralId}`)).statusCode, 403);
    assert.equal((await rita.post(`${P}/referrals-in/${referralId}`, { to: 'attended' })).statusCode, 403);
    assert.doesNotMatch(pageText((await rita.get(`${P}/referrals-in`)).body), /Sam|Walk leader/);
  });

  test('reports count the role’s referral under referrals by status; a programme of activities leaves it out', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const all = await referralsByStatus(t.kith.db.kysely, { placeId, from: today, to: today });
    assert.equal(all.get('first_contact'), 1);
    const walkId = (t.demo.prescribing as { walkingActivityId: string }).walkingActivityId;
    for (const activityIds of [[walkId], []]) {
      const programme = await referralsByStatus(t.kith.db.kysely, { placeId, from: today, to: today, activityIds });
      assert.equal(programme.get('first_contact'), undefined, `programme of ${activityIds.length} activities`);
    }
  });
});
