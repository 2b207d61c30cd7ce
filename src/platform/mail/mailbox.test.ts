import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { Agent, signedInAs, startTestKith, testConfig, type TestKith } from '../../testing.js';

describe('the development mailbox', () => {
  const started: TestKith[] = [];
  after(() => Promise.all(started.map((t) => t.close())));
  async function start(config: Parameters<typeof startTestKith>[0] = {}) {
    const t = await startTestKith({ demo: true, ...config });
    started.push(t);
    return t;
  }

  test('shows password reset links to an admin only', async () => {
    const t = await start();
    await new Agent(t).post('/password-reset', { email: t.demo.people.resident!.email });
    await t.worker.runDue();

    const anonymous = await new Agent(t).get('/dev/mail');
    assert.equal(anonymous.statusCode, 303);
    assert.match(String(anonymous.headers.location), /^\/sign-in/);
    const resident = await signedInAs(t, 'resident');
    assert.equal((await resident.get('/dev/mail')).statusCode, 403);
    const mail = await t.kith.db.kysely.selectFrom('dev_mail').select('id').executeTakeFirstOrThrow();
    assert.equal((await resident.get(`/dev/mail/${mail.id}`)).statusCode, 403);
    assert.equal((await new Agent(t).get(`/dev/mail/${mail.id}`)).statusCode, 303);

    const admin = await signedInAs(t, 'admin');
    const list = await admin.get('/dev/mail');
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /Reset your Kith password/);
    assert.equal((await admin.get(`/dev/mail/${mail.id}`)).statusCode, 200);
  });

  test('does not exist while mail is really sent', async () => {
    const t = await start({
      config: { mail: { ...testConfig().mail, transport: 'smtp', smtp: { host: '127.0.0.1', port: 1 } } as never },
    });
    const admin = await signedInAs(t, 'admin');
    assert.equal((await admin.get('/dev/mail')).statusCode, 404);
  });
});
