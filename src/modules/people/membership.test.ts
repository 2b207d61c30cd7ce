import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Agent, pageText, signedInAs, startTestKith, type TestKith } from '../../testing.js';
import { listDevMail } from '../../platform/mail/store.js';

/**
 * "Members only" means something: an account opens what a place keeps for its members
 * only once its owner shows the email address is theirs, and a place can have its
 * admins approve each new member as well.
 */
let t: TestKith;
before(async () => {
  t = await startTestKith({ demo: true });
});
after(() => t.close());

// A network the demo shows to Calderbrook's members only.
const MEMBERS_ONLY = /Weavers Row street chat/;
const ASSETS = '/places/calderbrook/assets?kind=network';

async function mailTo(email: string, subject: RegExp) {
  await t.worker.runDue();
  return (await listDevMail(t.kith.db.kysely)).find((m) => m.to_address === email && subject.test(m.subject));
}

async function confirmationLink(email: string): Promise<string> {
  const mail = await mailTo(email, /Confirm your email address/);
  assert.ok(mail, `a confirmation email went to ${email}`);
  const link = mail.text_body.match(/http:\/\/\S+(\/confirm-email\/\S+)/);
  assert.ok(link, 'the email holds a confirmation link');
  return link[1]!;
}

async function signUp(name: string, email: string, place = 'calderbrook'): Promise<Agent> {
  const agent = new Agent(t);
  const created = await agent.post('/sign-up', { name, email, password: 'a long walk home', place });
  assert.equal(created.statusCode, 303);
  await agent.signIn(email, 'a long walk home');
  return agent;
}

async function auditCount(action: string, subjectId?: string): Promise<number> {
  let query = t.kith.db.kysely
    .selectFrom('audit_events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('action', '=', action);
  if (subjectId) query = query.where('subject_id', '=', subjectId);
  return Number((await query.executeTakeFirstOrThrow()).n);
}

async function personId(email: string): Promise<string> {
  const row = await t.kith.db.kysely
    .selectFrom('people')
    .select('id')
    .where('email', '=', email)
    .executeTakeFirstOrThrow();
  return row.id;
}

describe('confirming an email address', () => {
  test('a new account sees nothing members see until it follows the emailed link', async () => {
    const member = await signedInAs(t, 'resident');
    assert.match(pageText((await member.get(ASSETS)).body), MEMBERS_ONLY);

    const agent = await signUp('Gwen Parry', 'gwen@example.org');
    const before = pageText((await agent.get(ASSETS)).body);
    assert.doesNotMatch(before, MEMBERS_ONLY, 'an unconfirmed account sees only what everyone sees');
    assert.match(before, /Confirm your email address/);
    // Members-only actions are closed too: posting to the time bank needs membership.
    const home = pageText((await agent.get('/places/calderbrook')).body);
    assert.match(home, /Confirm your email address to take part in Calderbrook/);

    const path = await confirmationLink('gwen@example.org');
    // Opening the link changes nothing (a mail scanner may open every link).
    const opened = await agent.get(path);
    assert.equal(opened.statusCode, 200);
    assert.doesNotMatch(pageText((await agent.get(ASSETS)).body), MEMBERS_ONLY);

    const confirmed = await agent.post(path, {});
    assert.equal(confirmed.statusCode, 303);
    assert.equal(confirmed.headers.location, '/account');
    const after = pageText((await agent.get(ASSETS)).body);
    assert.match(after, MEMBERS_ONLY);
    assert.doesNotMatch(after, /Confirm your email address/);
    assert.equal(await auditCount('person.emailConfirmed', await personId('gwen@example.org')), 1);

    const again = await new Agent(t).get(path);
    assert.equal(again.statusCode, 410);
    assert.match(pageText(again.body), /already been used/);
  });

  test('the same link pressed twice at once confirms once', async () => {
    await signUp('Iwan Rees', 'iwan@example.org');
    const path = await confirmationLink('iwan@example.org');
    const presses = await Promise.all([new Agent(t), new Agent(t), new Agent(t)].map((a) => a.post(path, {})));
    assert.deepEqual(presses.map((p) => p.statusCode).sort(), [303, 410, 410]);
    assert.equal(await auditCount('person.emailConfirmed', await personId('iwan@example.org')), 1);
  });

  test('a made-up or overlong link is recognised as such and confirms nobody', async () => {
    const agent = new Agent(t);
    assert.equal((await agent.get('/confirm-email/made-up')).statusCode, 410);
    assert.equal((await agent.post('/confirm-email/made-up', {})).statusCode, 410);
    assert.ok([410, 414].includes((await agent.post(`/confirm-email/${'x'.repeat(500)}`, {})).statusCode));
  });

  test('choosing a new password through the emailed reset link confirms the address', async () => {
    const agent = await signUp('Alun Hughes', 'alun@example.org');
    assert.doesNotMatch(pageText((await agent.get(ASSETS)).body), MEMBERS_ONLY);
    await new Agent(t).post('/password-reset', { email: 'alun@example.org' });
    const mail = await mailTo('alun@example.org', /Reset your Kith password/);
    const link = mail!.text_body.match(/http:\/\/\S+(\/password-reset\/\S+)/);
    await new Agent(t).post(link![1]!, { password: 'a new long password', confirm: 'a new long password' });
    const again = new Agent(t);
    await again.signIn('alun@example.org', 'a new long password');
    assert.match(pageText((await again.get(ASSETS)).body), MEMBERS_ONLY);
  });

  test('"send the link again" sends a new link, a few times a day at most', async () => {
    const agent = await signUp('Morfudd Lloyd', 'morfudd@example.org');
    const sent = async () =>
      (await listDevMail(t.kith.db.kysely)).filter(
        (m) => m.to_address === 'morfudd@example.org' && /Confirm your email/.test(m.subject),
      ).length;
    await t.worker.runDue();
    assert.equal(await sent(), 1);
    for (let i = 0; i < 4; i++) assert.equal((await agent.post('/account/confirm-email', {})).statusCode, 303);
    await t.worker.runDue();
    assert.equal(await sent(), 5);
    const refused = await agent.post('/account/confirm-email', {});
    assert.equal(refused.statusCode, 429);
    assert.match(pageText(refused.body), /You have asked for 5 links today/);
    await t.worker.runDue();
    assert.equal(await sent(), 5, 'no sixth email');
  });
});

describe('a place whose admins approve new members', () => {
  test('an admin turns approval on; a newcomer waits, is approved, and only then sees what members see', async () => {
    const admin = await signedInAs(t, 'admin');
    const bad = await admin.post('/places/calderbrook/admin/members/approval', { approves: 'maybe' });
    assert.equal(bad.statusCode, 400);
    assert.match(pageText(bad.body), /Select whether new members need an admin’s approval/);
    const on = await admin.post('/places/calderbrook/admin/members/approval', { approves: 'yes' });
    assert.equal(on.statusCode, 303);

    const agent = await signUp('Owain Jenkins', 'owain@example.org');
    await agent.post(await confirmationLink('owain@example.org'), {});
    assert.doesNotMatch(pageText((await agent.get(ASSETS)).body), MEMBERS_ONLY);
    assert.match(pageText((await agent.get('/places/calderbrook')).body), /You have asked to join Calderbrook/);
    assert.match(pageText((await agent.get('/account')).body), /Waiting for an admin to approve you\s+Calderbrook/);

    const waiting = pageText((await admin.get('/places/calderbrook/admin/members')).body);
    assert.match(waiting, /Waiting to join\s+Owain Jenkins\s+owain@example\.org/);

    const owain = await personId('owain@example.org');
    // Two admins press Approve at the same moment: one membership, one record.
    const other = await signedInAs(t, 'admin');
    const presses = await Promise.all(
      [admin, other].map((a) => a.post(`/places/calderbrook/admin/members/requests/${owain}`, { decision: 'approve' })),
    );
    assert.deepEqual(
      presses.map((p) => p.statusCode),
      [303, 303],
    );
    assert.equal(await auditCount('membership.approved', owain), 1);
    assert.match(pageText((await agent.get(ASSETS)).body), MEMBERS_ONLY);
    assert.ok(await mailTo('owain@example.org', /Welcome to Calderbrook/));
    assert.match(pageText((await admin.get('/places/calderbrook/admin/members')).body), /Nobody is waiting to join/);

    await admin.post('/places/calderbrook/admin/members/approval', { approves: 'no' });
  });

  test('a refused newcomer stays outside and is told by email; a tampered decision changes nothing', async () => {
    const admin = await signedInAs(t, 'admin');
    await admin.post('/places/calderbrook/admin/members/approval', { approves: 'yes' });
    const agent = await signUp('Rhys Bowen', 'rhys@example.org');
    await agent.post(await confirmationLink('rhys@example.org'), {});
    const rhys = await personId('rhys@example.org');

    const tampered = await admin.post(`/places/calderbrook/admin/members/requests/${rhys}`, { decision: 'promote' });
    assert.equal(tampered.statusCode, 400);
    assert.match(pageText((await admin.get('/places/calderbrook/admin/members')).body), /Rhys Bowen/);

    const refused = await admin.post(`/places/calderbrook/admin/members/requests/${rhys}`, { decision: 'refuse' });
    assert.equal(refused.statusCode, 303);
    assert.equal(await auditCount('membership.refused', rhys), 1);
    assert.doesNotMatch(pageText((await agent.get(ASSETS)).body), MEMBERS_ONLY);
    assert.ok(await mailTo('rhys@example.org', /Your request to join Calderbrook/));
    assert.doesNotMatch(pageText((await admin.get('/places/calderbrook/admin/members')).body), /Rhys Bowen/);

    // An existing member of another place asks to join: they wait too.
    const welsh = await signedInAs(t, 'welshResident');
    const asked = await welsh.post('/places/calderbrook/join', {});
    assert.equal(asked.statusCode, 303);
    assert.match(
      pageText((await admin.get('/places/calderbrook/admin/members')).body),
      /Waiting to join[\s\S]*Aled Jones/,
    );
    await admin.post('/places/calderbrook/admin/members/approval', { approves: 'no' });
  });

  test('only an admin of the place sees or answers requests', async () => {
    const resident = await signedInAs(t, 'resident');
    const coordinator = await signedInAs(t, 'coordinator');
    for (const agent of [resident, coordinator]) {
      assert.equal(
        (await agent.post('/places/calderbrook/admin/members/approval', { approves: 'yes' })).statusCode,
        403,
      );
    }
    assert.equal(
      (await new Agent(t).post('/places/calderbrook/admin/members/approval', { approves: 'yes' })).statusCode,
      303,
      'nobody signed in is sent to sign in',
    );
    const place = await t.kith.db.kysely
      .selectFrom('places')
      .select('approves_members')
      .where('slug', '=', 'calderbrook')
      .executeTakeFirstOrThrow();
    assert.equal(place.approves_members, 0);
  });
});
