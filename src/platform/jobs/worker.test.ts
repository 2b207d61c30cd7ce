/**
 * The worker's polling loop, as the server runs it (start, poll, kick, stop), on the
 * database the suite runs against: a job queued while it polls runs once, a failing job
 * is put back for later with its error and does not stop the loop, and after the last
 * attempt it is marked failed. jobs.test.ts calls runDue directly.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { pino } from 'pino';
import { allModules } from '../../modules/index.js';
import type { KithModule } from '../../modules/module.js';
import { startTestKith, type TestKith } from '../../testing.js';
import { enqueueJob } from './store.js';
import { JobWorker } from './worker.js';

const ran: string[] = [];
const logged: Array<{ event?: string; kind?: string; msg: string }> = [];
let release: (() => void) | undefined;
const poller: KithModule = {
  name: 'poller',
  jobs: {
    'poller/note': async (payload) => {
      ran.push((payload as { text: string }).text);
    },
    'poller/broken': async () => {
      throw new Error('the service is down');
    },
    'poller/held': async (payload) => {
      await new Promise<void>((resolve) => (release = resolve));
      ran.push((payload as { text: string }).text);
    },
  },
};

let t: TestKith;
let worker: JobWorker | undefined;
before(async () => {
  t = await startTestKith({
    modules: [...allModules, poller],
    config: { jobsPollMs: 20 },
    log: pino({ level: 'debug' }, { write: (line: string) => void logged.push(JSON.parse(line)) }),
  });
});
after(async () => {
  await worker?.stop();
  await t.close();
});
beforeEach(async () => {
  await worker?.stop();
  ran.length = 0;
  logged.length = 0;
  release = undefined;
});

const db = () => t.kith.db.kysely;
const jobsOf = (kind: string) =>
  db().selectFrom('jobs').select(['status', 'attempts', 'last_error', 'run_at']).where('kind', '=', kind).execute();
/** Waits until `done` holds, polling every 10ms, for at most `ms`. */
async function until(done: () => boolean | Promise<boolean>, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the job worker’s polling loop', () => {
  test('a job queued while the worker polls is run once', async () => {
    worker = new JobWorker(t.kith);
    worker.start();
    await pause(60);
    await enqueueJob(db(), { kind: 'poller/note', payload: { text: 'while polling' } });
    await until(() => ran.length > 0);
    // Many more polls: it is not run again.
    await pause(200);
    assert.deepEqual(ran, ['while polling']);
    assert.deepEqual(
      (await jobsOf('poller/note')).map((j) => [j.status, j.attempts]),
      [['done', 1]],
    );
  });

  test('a kick runs queued work at once, without waiting for the next poll', async () => {
    const slow = await startTestKith({ modules: [...allModules, poller], config: { jobsPollMs: 60_000 } });
    const sleepy = new JobWorker(slow.kith);
    try {
      sleepy.start();
      // The first look happens at start; the next would be a minute later.
      await pause(100);
      await enqueueJob(slow.kith.db.kysely, { kind: 'poller/note', payload: { text: 'kicked' } });
      await pause(100);
      assert.deepEqual(ran, [], 'nothing runs before the next poll or a kick');
      sleepy.kick();
      await until(() => ran.length > 0, 2000);
      assert.deepEqual(ran, ['kicked']);

      // A kick while a pass is running (here, held by a slow job) is not lost: that pass
      // only takes what was due when it began, so another follows at once.
      await enqueueJob(slow.kith.db.kysely, { kind: 'poller/held', payload: { text: 'slow' } });
      sleepy.kick();
      await until(() => release !== undefined, 2000);
      await enqueueJob(slow.kith.db.kysely, { kind: 'poller/note', payload: { text: 'kicked during a pass' } });
      sleepy.kick();
      release!();
      await until(() => ran.length === 3, 2000);
      assert.deepEqual(ran, ['kicked', 'slow', 'kicked during a pass']);
    } finally {
      await sleepy.stop();
      await slow.close();
    }
  });

  test('a failing job is put back for later with its error, and the loop goes on to the next job', async () => {
    worker = new JobWorker(t.kith);
    worker.start();
    await enqueueJob(db(), { kind: 'poller/broken', payload: null });
    await enqueueJob(db(), { kind: 'poller/note', payload: { text: 'after the failure' } });
    await until(() => ran.length > 0);
    await pause(200);
    const [broken] = await jobsOf('poller/broken');
    assert.equal(broken!.status, 'pending');
    assert.equal(broken!.attempts, 1, 'not tried again on every poll');
    assert.equal(broken!.last_error, 'the service is down');
    const wait = Date.parse(broken!.run_at) - Date.now();
    assert.ok(wait > 20_000 && wait <= 30_000, `tried again about 30 seconds later, not in ${wait}ms`);
    assert.deepEqual(ran, ['after the failure']);
    const retry = logged.find((l) => l.event === 'job.retry');
    assert.equal(retry?.kind, 'poller/broken');
    await worker.stop();

    // Each later attempt waits twice as long; after the eighth it is marked failed and left.
    let previousWait = wait;
    for (let attempt = 2; attempt <= 8; attempt++) {
      const { run_at } = (await jobsOf('poller/broken'))[0]!;
      await t.worker.runDue(new Date(Date.parse(run_at) + 1));
      const after = (await jobsOf('poller/broken'))[0]!;
      assert.equal(after.attempts, attempt);
      if (attempt < 8) {
        const nextWait = Date.parse(after.run_at) - Date.now();
        assert.ok(nextWait > previousWait * 1.5, `attempt ${attempt} waits longer (${nextWait}ms)`);
        previousWait = nextWait;
      }
    }
    assert.deepEqual(
      (await jobsOf('poller/broken')).map((j) => [j.status, j.attempts, j.last_error]),
      [['failed', 8, 'the service is down']],
    );
    assert.equal(logged.filter((l) => l.event === 'job.failed' && l.kind === 'poller/broken').length, 1);
    await t.worker.runDue(new Date(Date.now() + 365 * 86_400_000));
    assert.equal((await jobsOf('poller/broken'))[0]!.attempts, 8, 'a failed job is never taken again');
  });

  test('a job of a kind no module handles is recorded as failing, not lost', async () => {
    await enqueueJob(db(), { kind: 'poller/unknown', payload: null });
    await t.worker.runDue();
    assert.deepEqual(
      (await jobsOf('poller/unknown')).map((j) => [j.status, j.last_error]),
      [['pending', 'No handler for job kind "poller/unknown"']],
    );
  });

  test('stopping waits for the job in hand, and nothing runs after', async () => {
    worker = new JobWorker(t.kith);
    worker.start();
    await enqueueJob(db(), { kind: 'poller/held', payload: { text: 'in hand' } });
    await until(() => release !== undefined);
    let stopped = false;
    const stopping = worker.stop().then(() => (stopped = true));
    await pause(50);
    assert.equal(stopped, false, 'stop waits for the running job');
    release!();
    await stopping;
    assert.deepEqual(ran, ['in hand']);
    assert.deepEqual(
      (await jobsOf('poller/held')).map((j) => j.status),
      ['done'],
    );
    await enqueueJob(db(), { kind: 'poller/note', payload: { text: 'after stop' } });
    worker.kick();
    await pause(150);
    assert.deepEqual(ran, ['in hand']);
  });
});
