import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Agent, fieldErrors, pageText, startTestKith, type TestKith } from '../../testing.js';
import { listDevMail } from '../../platform/mail/store.js';

let t: TestKith;
before(async () => {
  t = await startTestKith({ demo: true });
});
after(() => t.close());

async function peopleCount() {
  const row = await t.kith.db.kysely
    .selectFrom('people')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function latestMailTo(email: string) {
  await t.worker.runDue();
  return (await listDevMail(t.kith.db.kysely)).find((m) => m.to_address === email);
}

describe('signing up', () => {
  test('a resident signs up in a place, then signs in and sees their account', async () => {
    const agent = new Agent(t);
    const form = await agent.get('/sign-up');
    assert.equal(form.statusCode, 200);
    assert.match(pageText(form.body), /Where do you live or work\?/);

    const created = await agent.post('/sign-up', {
      name: 'Nia Williams',
      email: 'Nia@Example.org',
      password: 'a long walk home',
      place: 'calderbrook',
    });
    assert.equal(created.statusCode, 303);
    // The address is not put in the URL, where history and logs would keep it.
    assert.equal(created.headers.location, '/sign-in');

    const signedIn = await agent.post('/sign-in', { email: 'nia@example.org', password: 'a long walk home' });
    assert.equal(signedIn.statusCode, 303);
    assert.equal(signedIn.headers.location, '/places/calderbrook');

    const account = pageText((await agent.get('/account')).body);
    assert.match(account, /Nia Williams/);
    assert.match(account, /nia@example\.org/);
    assert.match(account, /Calderbrook: Resident/);
  });

  test('every mistake is shown beside its field and nothing is stored', async () => {
    const before = await peopleCount();
    const response = await new Agent(t).post('/sign-up', {
      name: '',
      email: 'not-an-email',
      password: 'short',
      place: '',
    });
    assert.equal(response.statusCode, 400);
    assert.deepEqual(fieldErrors(response.body), {
      name: 'Enter your name',
      email: 'Enter an email address in the correct format, like name@example.com',
      password: 'Your password must be at least 8 characters',
      place: 'Select where you live or work',
    });
    assert.match(response.body, /govuk-error-summary/);
    assert.match(response.body, /<title>Error: Create an account/);
    assert.equal(await peopleCount(), before);
  });

  test('an email that already has an account gets the same answer, page and API, and its owner is told by email', async () => {
    const before = await peopleCount();
    const fresh = await new Agent(t).post('/sign-up', {
      name: 'Someone New',
      email: 'someone.new@example.org',
      password: 'another long one',
      place: 'calderbrook',
    });
    const taken = await new Agent(t).post('/sign-up', {
      name: 'Someone',
      email: 'RESIDENT@calderbrook.example',
      password: 'another long one',
      place: 'calderbrook',
    });
    assert.equal(taken.statusCode, fresh.statusCode);
    assert.equal(
      taken.headers.location,
      String(fresh.headers.location).replace('someone.new%40example.org', 'resident%40calderbrook.example'),
    );
    assert.equal(await peopleCount(), before + 1);

    const freshApi = await new Agent(t).json('POST', '/api/v1/accounts', {
      name: 'Someone Else',
      email: 'someone.else@example.org',
      password: 'another long one',
      place: 'calderbrook',
    });
    const takenApi = await new Agent(t).json('POST', '/api/v1/accounts', {
      name: 'Someone',
      email: 'resident@calderbrook.example',
      password: 'another long one',
      place: 'calderbrook',
    });
    assert.equal(takenApi.statusCode, freshApi.statusCode);
    assert.deepEqual(Object.keys(takenApi.json()).sort(), Object.keys(freshApi.json()).sort());
    assert.doesNotMatch(takenApi.body, /already/);
    assert.equal(await peopleCount(), before + 2);

    const mail = await latestMailTo('resident@calderbrook.example');
    assert.ok(mail, 'the owner was emailed');
    assert.match(mail.text_body, /tried to create a Kith account with this email address/);
    assert.match(mail.text_body, /\/password-reset/);
  });

  test('a place that does not exist is refused', async () => {
    const response = await new Agent(t).post('/sign-up', {
      name: 'Someone',
      email: 'nowhere@example.org',
      password: 'a fine password',
      place: 'atlantis',
    });
    assert.equal(response.statusCode, 422);
    assert.equal(fieldErrors(response.body).place, 'Select where you live or work');
  });

  test('a double-clicked sign-up makes one account and both clicks land in the same place', async () => {
    const agent = new Agent(t);
    await agent.get('/sign-up');
    const fields = {
      name: 'Double Click',
      email: 'double@example.org',
      password: 'click click click',
      place: 'calderbrook',
    };
    const [first, second] = await Promise.all([
      agent.post('/sign-up', fields, { idempotencyKey: 'same-key' }),
      agent.post('/sign-up', fields, { idempotencyKey: 'same-key' }),
    ]);
    assert.equal(first.statusCode, 303);
    assert.equal(second.statusCode, 303);
    assert.equal(first.headers.location, second.headers.location);
    const rows = await t.kith.db.kysely
      .selectFrom('people')
      .select('id')
      .where('email', '=', 'double@example.org')
      .execute();
    assert.equal(rows.length, 1);
  });
});

describe('signing in and out', () => {
  test('a wrong password is refused without saying whether the account exists', async () => {
    const wrong = await new Agent(t).post('/sign-in', {
      email: 'resident@calderbrook.example',
      password: 'not the password',
    });
    const unknown = await new Agent(t).post('/sign-in', {
      email: 'nobody@calderbrook.example',
      password: 'not the password',
    });
    assert.equal(wrong.statusCode, 401);
    assert.equal(unknown.statusCode, 401);
    assert.deepEqual(fieldErrors(wrong.body), fieldErrors(unknown.body));
    assert.equal(fieldErrors(wrong.body).email, 'Enter a correct email address and password');
  });

  test('signing in gives a new session token, and signing out ends it', async () => {
    const agent = new Agent(t);
    await agent.get('/sign-in');
    const anonymousToken = agent.sessionToken;
    await agent.signIn('resident@calderbrook.example', t.demo.password);
    assert.notEqual(agent.sessionToken, anonymousToken);
    const signedInToken = agent.sessionToken;
    assert.equal((await agent.get('/account')).statusCode, 200);

    const out = await agent.post('/sign-out');
    assert.equal(out.statusCode, 303);
    // The old token no longer signs anyone in, even if someone kept a copy.
    const replay = new Agent(t);
    replay.cookies.set('kith_session', signedInToken!);
    const account = await replay.get('/account');
    assert.equal(account.statusCode, 303);
    assert.match(account.headers.location as string, /^\/sign-in\?return=%2Faccount/);
  });

  test('after sign-in a person goes back to the page that asked them to sign in, never to another site', async () => {
    const agent = new Agent(t);
    const back = await agent.post('/sign-in', {
      email: 'admin@calderbrook.example',
      password: t.demo.password,
      return: '/places/calderbrook/admin/members',
    });
    assert.equal(back.headers.location, '/places/calderbrook/admin/members');
    const evil = await new Agent(t).post('/sign-in', {
      email: 'admin@calderbrook.example',
      password: t.demo.password,
      return: '//evil.example/',
    });
    assert.equal(evil.headers.location, '/places/calderbrook');
  });

  test('the session cookie is HttpOnly and SameSite=Lax', async () => {
    const response = await new Agent(t).post('/sign-in', {
      email: 'resident@calderbrook.example',
      password: t.demo.password,
    });
    const cookie = String(response.headers['set-cookie']);
    assert.match(cookie, /kith_session=/);
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Lax/);
  });
});

describe('resetting a forgotten password', () => {
  test('the emailed link lets the person choose a new password once, and signs them out elsewhere', async () => {
    const elsewhere = new Agent(t);
    await elsewhere.signIn('harold@calderbrook.example', t.demo.password);

    const agent = new Agent(t);
    const asked = await agent.post('/password-reset', { email: 'harold@calderbrook.example' });
    assert.equal(asked.headers.location, '/password-reset/sent');
    const mail = await latestMailTo('harold@calderbrook.example');
    assert.ok(mail, 'an email was kept in the development mailbox');
    assert.equal(mail.subject, 'Reset your Kith password');
    const link = mail.text_body.match(/http:\/\/\S+\/password-reset\/(\S+)/);
    assert.ok(link);
    const path = `/password-reset/${link[1]}`;

    assert.equal((await agent.get(path)).statusCode, 200);
    const mismatch = await agent.post(path, { password: 'new and long enough', confirm: 'something else' });
    assert.equal(fieldErrors(mismatch.body).confirm, 'The passwords do not match. Type the same password twice.');

    const done = await agent.post(path, { password: 'new and long enough', confirm: 'new and long enough' });
    assert.equal(done.statusCode, 303);
    assert.equal((await elsewhere.get('/account')).statusCode, 303, 'the other session has ended');
    await agent.signIn('harold@calderbrook.example', 'new and long enough');

    const again = await new Agent(t).get(path);
    assert.equal(again.statusCode, 410);
    assert.match(pageText(again.body), /already been used/);
  });

  test('asking for a link for an unknown address looks the same and sends nothing', async () => {
    const resets = async () =>
      (await listDevMail(t.kith.db.kysely)).filter((m) => m.subject === 'Reset your Kith password').length;
    await t.worker.runDue();
    const before = await resets();
    const response = await new Agent(t).post('/password-reset', { email: 'stranger@example.org' });
    assert.equal(response.headers.location, '/password-reset/sent');
    await t.worker.runDue();
    assert.equal(await resets(), before);
  });

  test('a made-up link is recognised as such', async () => {
    const response = await new Agent(t).get('/password-reset/not-a-real-token');
    assert.equal(response.statusCode, 410);
    assert.match(pageText(response.body), /do not recognise this link/);
  });
});

describe('changing your details', () => {
  test('a person changes their name and language, and pages follow the language', async () => {
    const agent = new Agent(t);
    await agent.signIn('kemi@calderbrook.example', t.demo.password);
    const saved = await agent.post('/account/edit', { name: 'Kemi A.', language: 'cy' });
    assert.equal(saved.statusCode, 303);
    const account = pageText((await agent.get('/account')).body);
    assert.match(account, /Eich cyfrif/);
    assert.match(account, /Kemi A\./);
    const bad = await agent.post('/account/edit', { name: '', language: 'fr' });
    assert.deepEqual(fieldErrors(bad.body), { name: 'Rhowch eich enw', language: 'Dewiswch iaith' });
  });
});
