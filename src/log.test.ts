import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import pino from 'pino';
import { queueEmail } from './platform/mail/index.js';
import { Agent, startTestKith, type TestKith } from './testing.js';

/**
 * What an operator reads when something is refused or runs in the background: one JSON
 * line an event, with the request's id, and no email address or password in it.
 */
const lines: Array<Record<string, unknown>> = [];
let t: TestKith;

before(async () => {
  t = await startTestKith({
    demo: true,
    log: pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) }),
  });
});
after(() => t.close());

const events = (name: string) => lines.filter((l) => l.event === name);

test('a form posted without its CSRF token is refused and logged with the request id', async () => {
  const agent = new Agent(t);
  await agent.signIn(t.demo.people.officer!.email, t.demo.password);
  const response = await agent.post('/account/edit', { name: 'Someone else' }, { csrf: false });
  assert.equal(response.statusCode, 403);
  const [refusal] = events('csrf.refused');
  assert.ok(refusal, 'the refusal is logged');
  assert.equal(refusal.route, '/account/edit');
  assert.ok(refusal.reqId, 'with the request id');
});

test('an email sent, a job run and a job that failed are logged, without the address', async () => {
  const logTo = () => pino({ level: 'debug' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  // A Kith of its own, without the demo's letters.
  const quiet = await startTestKith({ log: logTo() });
  try {
    await queueEmail(quiet.kith.db.kysely, { to: 'operator-test@test.example', subject: 'Hello', paragraphs: ['Hi'] });
    await quiet.worker.runDue();
  } finally {
    await quiet.close();
  }
  assert.equal(events('email.sent').length, 1);
  assert.ok(events('job.done').some((l) => l.kind === 'mail/send'));
  assert.ok(!JSON.stringify(lines).includes('operator-test@test.example'), 'no address in the log');

  // A mail server that is not there: the sending job fails and is put back for later.
  const unreachable = await startTestKith({
    log: logTo(),
    config: {
      mail: { ...t.config.mail, transport: 'smtp', smtp: { host: '127.0.0.1', port: 1, secure: false } },
    },
  });
  try {
    await queueEmail(unreachable.kith.db.kysely, { to: 'x@test.example', subject: 'Hello', paragraphs: ['Hi'] });
    await unreachable.worker.runDue();
  } finally {
    await unreachable.close();
  }
  assert.equal(events('email.failed').length, 1);
  assert.equal(events('job.retry').length, 1, 'a failed job says it will be tried again');
});

test('a refused sign-in is logged without the address tried', async () => {
  const agent = new Agent(t);
  await agent.get('/sign-in');
  const before = events('sign-in.refused').length;
  const response = await agent.post('/sign-in', { email: 'nobody-here@test.example', password: 'not the password' });
  assert.equal(response.statusCode, 401);
  assert.equal(events('sign-in.refused').length, before + 1);
  assert.ok(!JSON.stringify(lines).includes('nobody-here@test.example'));
});
