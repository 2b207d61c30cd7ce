import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { listDevMail } from '../../platform/mail/store.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { Agent, newMember, startTestKith, type TestKith } from '../../testing.js';

let t: TestKith;
before(async () => {
  t = await startTestKith({ demo: true });
});
after(() => t.close());

/** Asks for a reset link by email and returns its path, as the person would find it in their inbox. */
async function resetLink(email: string): Promise<string> {
  const mine = async () => (await listDevMail(t.kith.db.kysely, 1000)).filter((m) => m.to_address === email);
  const seen = new Set((await mine()).map((m) => m.id));
  await new Agent(t).post('/password-reset', { email });
  await t.worker.runDue();
  const mail = (await mine()).find((m) => !seen.has(m.id));
  assert.ok(mail, 'the reset email was sent');
  return new URL(/https?:\/\/\S+\/password-reset\/\S+/.exec(mail.text_body)![0]).pathname;
}

async function emailOf(id: string) {
  const row = await t.kith.db.kysely
    .selectFrom('people')
    .select('email')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return row.email!;
}

describe('ending reset links and sessions', () => {
  test('a password reset ends every other reset link and every session', async () => {
    const member = await newMember(t, t.demo.places.calderbrook!.id, 'Reset Twice');
    const email = await emailOf(member.id);
    const first = await resetLink(email);
    const second = await resetLink(email);

    const used = await new Agent(t).post(second, { password: 'brand new words', confirm: 'brand new words' });
    assert.equal(used.statusCode, 303);
    // The older link, never used, no longer works.
    assert.equal((await new Agent(t).get(first)).statusCode, 410);
    const again = await new Agent(t).post(first, { password: 'someone else now', confirm: 'someone else now' });
    assert.equal(again.statusCode, 410);
    // The session that was signed in before the reset is over.
    assert.equal((await member.agent.get('/account')).statusCode, 303);
  });

  test('changing the password ends every reset link and every other session, and keeps this one', async () => {
    const member = await newMember(t, t.demo.places.calderbrook!.id, 'Change Mind');
    const email = await emailOf(member.id);
    const elsewhere = new Agent(t);
    await elsewhere.signIn(email, t.demo.password);
    const link = await resetLink(email);

    const page = await member.agent.get('/account/password');
    assert.equal(page.statusCode, 200);
    const wrong = await member.agent.post('/account/password', {
      currentPassword: 'not my password',
      password: 'a fresh set of words',
      confirm: 'a fresh set of words',
    });
    assert.equal(wrong.statusCode, 422);
    assert.equal((await elsewhere.get('/account')).statusCode, 200);

    const changed = await member.agent.post('/account/password', {
      currentPassword: t.demo.password,
      password: 'a fresh set of words',
      confirm: 'a fresh set of words',
    });
    assert.equal(changed.statusCode, 303);
    assert.equal((await member.agent.get('/account')).statusCode, 200);
    assert.equal((await elsewhere.get('/account')).statusCode, 303);
    assert.equal((await new Agent(t).get(link)).statusCode, 410);
    await new Agent(t).signIn(email, 'a fresh set of words');
  });
});

describe('how passwords are kept', () => {
  test('outside the test suites a password is hashed at full cost, and hashes made at either cost still verify', async () => {
    const fast = await hashPassword('walk on the moor');
    const testing = process.env.KITH_TEST_FAST_PASSWORDS;
    delete process.env.KITH_TEST_FAST_PASSWORDS;
    try {
      const full = await hashPassword('walk on the moor');
      // OWASP's scrypt minimum, as N=2^15, r=8, p=3.
      assert.match(full, /^scrypt\$32768\$8\$3\$/, 'a real Kith hashes at full cost');
      assert.ok(await verifyPassword('walk on the moor', full), 'the right password verifies');
      assert.ok(!(await verifyPassword('walk on the moon', full)), 'a wrong one does not');
      assert.ok(await verifyPassword('walk on the moor', fast), 'a hash made in the tests verifies too');
    } finally {
      if (testing !== undefined) process.env.KITH_TEST_FAST_PASSWORDS = testing;
    }
  });
});
