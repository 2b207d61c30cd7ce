import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { loadConfig } from '../../config.js';
import { listDevMail } from '../../platform/mail/store.js';
import { Agent, newMember, pageText, startTestKith, type TestKith } from '../../testing.js';
import { signInDelaySeconds, SIGN_IN_FREE_FAILURES, SIGN_IN_MAX_DELAY_SECONDS } from './inputs.js';

let t: TestKith;
before(async () => {
  t = await startTestKith({ demo: true });
});
after(() => t.close());

async function emailOf(id: string) {
  const row = await t.kith.db.kysely
    .selectFrom('people')
    .select('email')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return row.email!;
}

/** As if the wait had passed: the throttle's clock is moved back rather than the test waiting. */
async function waitPasses() {
  await t.kith.db.kysely
    .updateTable('sign_in_throttle')
    .set({ blocked_until: new Date(0).toISOString() })
    .execute();
}

describe('sign-in is throttled per account', () => {
  test('the delay grows with each failure, is capped, and never locks anyone out for good', () => {
    for (let n = 0; n < SIGN_IN_FREE_FAILURES; n++) assert.equal(signInDelaySeconds(n), 0);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), (n) => {
        assert.ok(signInDelaySeconds(n + 1) >= signInDelaySeconds(n));
        assert.ok(signInDelaySeconds(n) <= SIGN_IN_MAX_DELAY_SECONDS);
      }),
    );
  });

  test('after a few wrong passwords the account waits, even with the right one, on the page and the API', async () => {
    const member = await newMember(t, t.demo.places.calderbrook!.id, 'Guessed At');
    const email = await emailOf(member.id);
    const agent = new Agent(t);
    for (let i = 0; i < SIGN_IN_FREE_FAILURES; i++) {
      assert.equal((await agent.post('/sign-in', { email, password: `wrong guess ${i}` })).statusCode, 401);
    }
    const page = await agent.post('/sign-in', { email, password: t.demo.password });
    assert.equal(page.statusCode, 429);
    assert.match(pageText(page.body), /Wait 1 minute/);
    const api = await new Agent(t).json('POST', '/api/v1/sessions', { email, password: t.demo.password });
    assert.equal(api.statusCode, 429);
    assert.ok(Number(api.headers['retry-after']) > 0);
    // Someone else signing in from the same computer is not held up.
    await new Agent(t).signIn(t.demo.people.resident!.email, t.demo.password);

    // Once the wait is over the right password works, and the count starts again.
    await waitPasses();
    await agent.signIn(email, t.demo.password);
    for (let i = 0; i < SIGN_IN_FREE_FAILURES; i++) {
      assert.equal((await new Agent(t).post('/sign-in', { email, password: `again ${i}` })).statusCode, 401);
    }
  });

  test('each further failure after a wait makes the next wait longer', async () => {
    const member = await newMember(t, t.demo.places.calderbrook!.id, 'Keeps Guessing');
    const email = await emailOf(member.id);
    const agent = new Agent(t);
    for (let i = 0; i <= SIGN_IN_FREE_FAILURES; i++) await agent.post('/sign-in', { email, password: 'wrong' });
    const waits: number[] = [];
    for (let round = 0; round < 3; round++) {
      await waitPasses();
      assert.equal((await agent.post('/sign-in', { email, password: 'wrong' })).statusCode, 401);
      const refused = await agent.json('POST', '/api/v1/sessions', { email, password: 'wrong' });
      assert.equal(refused.statusCode, 429);
      waits.push(Number(refused.headers['retry-after']));
    }
    assert.ok(waits[0]! < waits[1]! && waits[1]! < waits[2]!, `waits grow: ${waits.join(', ')}`);
  });

  test('an email with no account is throttled the same way, so the answer says nothing about it', async () => {
    const agent = new Agent(t);
    for (let i = 0; i < SIGN_IN_FREE_FAILURES; i++) {
      assert.equal((await agent.post('/sign-in', { email: 'no.one@test.example', password: 'x' })).statusCode, 401);
    }
    assert.equal((await agent.post('/sign-in', { email: 'no.one@test.example', password: 'x' })).statusCode, 429);
  });

  test('a password reset lifts the wait', async () => {
    const member = await newMember(t, t.demo.places.calderbrook!.id, 'Forgot It');
    const email = await emailOf(member.id);
    for (let i = 0; i <= SIGN_IN_FREE_FAILURES; i++) await new Agent(t).post('/sign-in', { email, password: 'wrong' });
    await new Agent(t).post('/password-reset', { email });
    await t.worker.runDue();
    const mail = (await listDevMail(t.kith.db.kysely, 1000)).find((m) => m.to_address === email)!;
    const link = new URL(/https?:\/\/\S+\/password-reset\/\S+/.exec(mail.text_body)![0]).pathname;
    assert.equal(
      (await new Agent(t).post(link, { password: 'new words here', confirm: 'new words here' })).statusCode,
      303,
    );
    await new Agent(t).signIn(email, 'new words here');
  });
});

describe('sign-in is limited per address, sized for a library’s shared computers', () => {
  test('the default allows a room of people to sign in at once', () => {
    assert.ok(loadConfig({ NODE_ENV: 'test' }).signInPerAddressPerMinute >= 60);
  });

  test('the page and the API share one count per address', async () => {
    const small = await startTestKith({ demo: true, config: { signInPerAddressPerMinute: 3 } });
    try {
      const resident = small.demo.people.resident!.email;
      assert.equal((await new Agent(small).post('/sign-in', { email: resident, password: 'x' })).statusCode, 401);
      assert.equal(
        (await new Agent(small).json('POST', '/api/v1/sessions', { email: 'a@b.example', password: 'x' })).statusCode,
        401,
      );
      assert.equal((await new Agent(small).post('/sign-in', { email: 'c@d.example', password: 'x' })).statusCode, 401);
      assert.equal(
        (await new Agent(small).json('POST', '/api/v1/sessions', { email: 'e@f.example', password: 'x' })).statusCode,
        429,
      );
    } finally {
      await small.close();
    }
  });
});
