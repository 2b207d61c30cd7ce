import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { allModules } from '../../modules/index.js';
import type { KithModule } from '../../modules/module.js';
import { startTestKith, type TestKith } from '../../testing.js';
import { JobWorker } from './worker.js';
import { enqueueJob } from './store.js';

const ran: string[] = [];
let failuresLeft = 0;
const recorder: KithModule = {
  name: 'recorder',
  jobs: {
    'recorder/note': async (payload) => {
      ran.push((payload as { text: string }).text);
    },
    'recorder/flaky': async (payload) => {
      if (failuresLeft-- > 0) throw new Error('temporarily unavailable');
      ran.push((payload as { text: string }).text);
    },
    'recorder/slow': async (payload) => {
      await new Promise((r) => setTimeout(r, 30));
      ran.push((payload as { text: string }).text);
    },
  },
};

let t: TestKith;
before(async () => {
  t = await startTestKith({ modules: [...allModules, recorder] });
});
after(() => t.close());

async function statusOf(kind: string) {
  return t.kith.db.kysely
    .selectFrom('jobs')
    .select(['status', 'attempts', 'last_error'])
    .where('kind', '=', kind)
    .execute();
}

describe('the jobs queue', () => {
  test('a queued job runs once, and a job queued for later waits', async () => {
    ran.length = 0;
    await enqueueJob(t.kith.db.kysely, { kind: 'recorder/note', payload: { text: 'now' } });
    await enqueueJob(t.kith.db.kysely, {
      kind: 'recorder/note',
      payload: { text: 'tomorrow' },
      runAt: new Date(Date.now() + 86400_000),
    });
    await t.worker.runDue();
    await t.worker.runDue();
    assert.deepEqual(ran, ['now']);
    await t.worker.runDue(new Date(Date.now() + 2 * 86400_000));
    assert.deepEqual(ran, ['now', 'tomorrow']);
  });

  test('a job queued inside a transaction that rolls back never runs', async () => {
    ran.length = 0;
    await assert.rejects(
      t.kith.db.transaction(async (trx) => {
        await enqueueJob(trx, { kind: 'recorder/note', payload: { text: 'ghost' } });
        throw new Error('the change failed');
      }),
    );
    await t.worker.runDue();
    assert.deepEqual(ran, []);
  });

  test('a failing job is retried later, and succeeds when it can', async () => {
    ran.length = 0;
    failuresLeft = 1;
    await enqueueJob(t.kith.db.kysely, { kind: 'recorder/flaky', payload: { text: 'eventually' } });
    await t.worker.runDue();
    assert.deepEqual(ran, []);
    assert.deepEqual(
      (await statusOf('recorder/flaky')).map((j) => [j.status, j.attempts, j.last_error]),
      [['pending', 1, 'temporarily unavailable']],
    );
    await t.worker.runDue(new Date(Date.now() + 3600_000));
    assert.deepEqual(ran, ['eventually']);
    assert.equal((await statusOf('recorder/flaky'))[0]!.status, 'done');
  });

  test('a job whose worker died is taken again once its lease runs out', async () => {
    ran.length = 0;
    await enqueueJob(t.kith.db.kysely, { kind: 'recorder/note', payload: { text: 'orphan' } });
    // A worker claimed it and then vanished.
    await t.kith.db.kysely
      .updateTable('jobs')
      .set({ status: 'running', locked_until: new Date(Date.now() + 60_000).toISOString(), attempts: 1 })
      .where('kind', '=', 'recorder/note')
      .where('status', '=', 'pending')
      .execute();
    await t.worker.runDue();
    assert.deepEqual(ran, [], 'not while the lease holds');
    await t.worker.runDue(new Date(Date.now() + 10 * 60_000));
    assert.deepEqual(ran, ['orphan']);
  });

  test('the same dedupe key queues one job', async () => {
    ran.length = 0;
    await enqueueJob(t.kith.db.kysely, { kind: 'recorder/note', payload: { text: 'once' }, dedupeKey: 'reminder-42' });
    await enqueueJob(t.kith.db.kysely, { kind: 'recorder/note', payload: { text: 'once' }, dedupeKey: 'reminder-42' });
    await t.worker.runDue();
    assert.deepEqual(ran, ['once']);
  });

  test('two workers running at once never run the same job twice', async () => {
    ran.length = 0;
    for (let i = 0; i < 20; i++)
      await enqueueJob(t.kith.db.kysely, { kind: 'recorder/slow', payload: { text: `job ${i}` } });
    const second = new JobWorker(t.kith);
    await Promise.all([t.worker.runDue(), second.runDue()]);
    assert.equal(ran.length, 20);
    assert.equal(new Set(ran).size, 20);
  });

  test('emails queued for a person are sent through the mailer', async () => {
    const { queueEmail } = await import('../mail/mailer.js');
    await queueEmail(t.kith.db.kysely, {
      to: 'someone@example.org',
      subject: 'Hello',
      paragraphs: ['A <b>bold</b> claim'],
      action: { text: 'Go', url: 'http://localhost/x' },
    });
    await t.worker.runDue();
    const mail = await t.kith.db.kysely
      .selectFrom('dev_mail')
      .selectAll()
      .where('subject', '=', 'Hello')
      .executeTakeFirstOrThrow();
    assert.match(mail.text_body, /A <b>bold<\/b> claim\n\nGo:\nhttp:\/\/localhost\/x/);
    assert.match(mail.html_body, /A &lt;b&gt;bold&lt;\/b&gt; claim/, 'the HTML version escapes what it is given');
  });
});
