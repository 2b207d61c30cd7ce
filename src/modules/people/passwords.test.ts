import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { listDevMail } from '../../platform/mail/store.js';
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
