/**
 * The ledger against a real server in its own process, over HTTP:
 *
 * - concurrency: workers paying each other at random between 50 accounts, with
 *   retries and duplicate submissions; afterwards `kith ledger verify` passes and there
 *   are exactly as many transfers as distinct idempotency keys the server accepted;
 * - a crash: kill -9 during that load, start again; every transfer the server
 *   acknowledged is there and the ledger verifies.
 *
 * The issue asks for 8 workers × 2,000 transfers. That is the default with CI=true
 * (or KITH_LOAD_TRANSFERS=2000); day to day the same test runs 8 × 150 so the suite
 * stays quick on a two-core machine. KITH_LOAD_WORKERS and KITH_LOAD_TRANSFERS set both.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { loadConfig } from '../../config.js';
import { createLogger } from '../../log.js';
import { createKith, type Kith } from '../../kith.js';
import { hashPassword } from '../people/index.js';
import { TEST_DATABASE_URL, TEST_DIALECT } from '../../testing.js';
import { postTransfer } from './ledger.js';
import { ledgerFixture, type LedgerFixture } from './test-support.js';

const CI = process.env.CI === 'true';
const WORKERS = Number(process.env.KITH_LOAD_WORKERS ?? 8);
const TRANSFERS = Number(process.env.KITH_LOAD_TRANSFERS ?? (CI ? 2000 : 150));
const ACCOUNTS = 50;
const PASSWORD = 'a ledger that never loses an hour';
const ROOT = path.resolve(import.meta.dirname, '../../..');

let env: NodeJS.ProcessEnv;
let dataDir: string;
let schema: string | undefined;
let fixture: LedgerFixture;
let server: { child: ChildProcess; url: string; stderr: () => string } | undefined;
/** Sessions live in the database, so they outlast a restart (and a crash). */
let sessions: Session[] = [];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

async function withKith<T>(work: (kith: Kith) => Promise<T>): Promise<T> {
  const kith = await createKith(loadConfig(env), { log: createLogger('warn') });
  try {
    return await work(kith);
  } finally {
    await kith.close();
  }
}

async function startServer(): Promise<{ child: ChildProcess; url: string; stderr: () => string }> {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/kith.js'), 'start'], {
    cwd: ROOT,
    env: { ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += String(d)));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`The server stopped: ${stderr}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) return { child, url, stderr: () => stderr };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`The server did not start: ${stderr}`);
}

function stopServer(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  const running = server;
  server = undefined;
  if (!running || running.child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    running.child.once('exit', () => resolve());
    running.child.kill(signal);
  });
}

interface Session {
  cookie: string;
  csrf: string;
  number: string;
}

async function signInAll(url: string): Promise<Session[]> {
  const sessions: Session[] = [];
  for (const person of fixture.people) {
    const response = await fetch(`${url}/api/v1/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: person.email, password: PASSWORD }),
    });
    assert.equal(response.status, 201, await response.clone().text());
    const cookie = response.headers
      .getSetCookie()
      .map((c) => c.split(';')[0]!)
      .join('; ');
    const { csrfToken } = (await response.json()) as { csrfToken: string };
    sessions.push({ cookie, csrf: csrfToken, number: person.number });
  }
  return sessions;
}

interface Outcome {
  accepted: Map<string, string>;
  refused: number;
  retried: number;
  duplicates: number;
}

/** One payment, retried on a network error or a 5xx with the same key, as a careful client would. */
async function pay(
  url: string,
  from: Session,
  to: Session,
  minutes: number,
  key: string,
  outcome: Outcome,
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      const response = await fetch(`${url}/api/v1/places/${fixture.slug}/time-credits/payments`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          cookie: from.cookie,
          'x-csrf-token': from.csrf,
          'idempotency-key': key,
        },
        body: JSON.stringify({ to: to.number, minutes }),
      });
      if (response.status === 201) {
        const body = (await response.json()) as { id: string };
        const earlier = outcome.accepted.get(key);
        assert.ok(!earlier || earlier === body.id, `key ${key} answered with two transfers`);
        outcome.accepted.set(key, body.id);
        return;
      }
      if (response.status === 422) {
        const body = (await response.json()) as { detail: string };
        assert.match(body.detail, /not enough credits/i);
        outcome.refused++;
        return;
      }
      if (response.status < 500 || attempt >= 5)
        throw new Error(`payment answered ${response.status}: ${await response.text()}`);
    } catch (error) {
      if ((error as Error).message.startsWith('payment answered') || error instanceof assert.AssertionError)
        throw error;
      // A server that has died is the finding: say so, with what it printed.
      if (server && server.url === url && server.child.exitCode !== null)
        throw new Error(`the server stopped (exit ${server.child.exitCode}): ${server.stderr()}`, { cause: error });
      if (attempt >= 8)
        throw new Error(
          `payment failed ${attempt} times: ${(error as Error).message} (${String((error as { cause?: unknown }).cause ?? '')})`,
          { cause: error },
        );
    }
    outcome.retried++;
    // Backing off, as a careful client does, so a busy two-core machine is not a failure.
    await new Promise((r) => setTimeout(r, 25 * 2 ** attempt));
  }
}

async function load(
  url: string,
  sessions: Session[],
  options: { workers: number; transfers: number; stopWhen?: () => boolean },
  outcome: Outcome,
): Promise<void> {
  const run = randomBytes(3).toString('hex');
  await Promise.all(
    Array.from({ length: options.workers }, async (_w, w) => {
      for (let i = 0; i < options.transfers && !options.stopWhen?.(); i++) {
        const from = Math.floor(Math.random() * sessions.length);
        const to = (from + 1 + Math.floor(Math.random() * (sessions.length - 1))) % sessions.length;
        const minutes = 1 + Math.floor(Math.random() * 90);
        const key = `${run}-w${w}-${i}`;
        // One in twenty is sent twice at once: a double click, or a retry racing the original.
        if (Math.random() < 0.05) {
          outcome.duplicates++;
          await Promise.all([
            pay(url, sessions[from]!, sessions[to]!, minutes, key, outcome),
            pay(url, sessions[from]!, sessions[to]!, minutes, key, outcome),
          ]);
        } else {
          await pay(url, sessions[from]!, sessions[to]!, minutes, key, outcome);
        }
      }
    }),
  );
}

function verifyWithCli(): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, [path.join(ROOT, 'bin/kith.js'), 'ledger', 'verify'], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

async function paymentsInDatabase(): Promise<Set<string>> {
  return withKith(async (kith) => {
    const rows = await kith.db.kysely
      .selectFrom('time_transfers')
      .select('id')
      .where('place_id', '=', fixture.placeId)
      .where('kind', '=', 'payment')
      .execute();
    return new Set(rows.map((r) => r.id));
  });
}

before(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kith-ledger-'));
  env = {
    ...process.env,
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    DEMO: 'false',
    LOG_LEVEL: 'warn',
    RATE_LIMIT_PER_MINUTE: '1000000',
    JOBS_POLL_MS: '1000',
  };
  delete env.DATABASE_URL;
  if (TEST_DIALECT === 'postgres') {
    schema = `kith_load_${randomBytes(5).toString('hex')}`;
    env.DATABASE_URL = TEST_DATABASE_URL;
    env.DATABASE_SCHEMA = schema;
    env.DATABASE_POOL_SIZE = '12';
  }
  const passwordHash = await hashPassword(PASSWORD);
  fixture = await withKith(async (kith) => {
    const f = await ledgerFixture(kith, { people: ACCOUNTS, passwordHash, slug: 'loadtown' });
    for (const p of f.people)
      await postTransfer(kith.db, {
        placeId: f.placeId,
        kind: 'funding',
        key: `start-${p.accountId}`,
        legs: [
          { accountId: f.fundId, amount: -600 },
          { accountId: p.accountId, amount: 600 },
        ],
        description: 'Starting credits',
        actorId: null,
      });
    return f;
  });
});

after(async () => {
  await stopServer('SIGKILL');
  fs.rmSync(dataDir, { recursive: true, force: true });
  if (schema) {
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    await client.query(`drop schema if exists ${schema} cascade`);
    await client.end();
  }
});

describe(`the ledger over HTTP (${TEST_DIALECT})`, () => {
  test(
    `${WORKERS} workers × ${TRANSFERS} random payments between ${ACCOUNTS} accounts, with retries and duplicates`,
    { timeout: 20 * 60_000 },
    async () => {
      server = await startServer();
      sessions = await signInAll(server.url);
      const before = await paymentsInDatabase();
      const outcome: Outcome = { accepted: new Map(), refused: 0, retried: 0, duplicates: 0 };
      const started = Date.now();
      await load(server.url, sessions, { workers: WORKERS, transfers: TRANSFERS }, outcome);
      const seconds = (Date.now() - started) / 1000;
      await stopServer();

      const after = await paymentsInDatabase();
      const made = [...after].filter((id) => !before.has(id));
      assert.equal(made.length, outcome.accepted.size, 'one transfer for each distinct key the server accepted');
      assert.deepEqual(new Set(outcome.accepted.values()), new Set(made), 'and they are the ones it acknowledged');
      assert.ok(outcome.refused > 0 || TRANSFERS < 100, 'some payments met a floor and were refused');
      const verify = verifyWithCli();
      assert.equal(verify.status, 0, verify.output);
      assert.match(verify.output, /The ledger verifies/);
      process.stdout.write(
        `# load: ${outcome.accepted.size} accepted, ${outcome.refused} refused at a floor, ${outcome.duplicates} sent twice, ${outcome.retried} retries, ${seconds.toFixed(1)} s (${((WORKERS * TRANSFERS) / seconds).toFixed(0)} requests/s)\n`,
      );
    },
  );

  test(
    'kill -9 during the load: every acknowledged transfer survives and the ledger verifies',
    { timeout: 10 * 60_000 },
    async () => {
      server = await startServer();
      if (!sessions.length) sessions = await signInAll(server.url);
      const outcome: Outcome = { accepted: new Map(), refused: 0, retried: 0, duplicates: 0 };
      const running = server;
      // Kill it once a good number have been acknowledged, mid-stream.
      const killAt = Math.min(300, Math.max(50, TRANSFERS));
      const loading = load(
        running.url,
        sessions,
        { workers: 4, transfers: 100_000, stopWhen: () => outcome.accepted.size >= killAt },
        outcome,
      ).catch(() => undefined);
      while (outcome.accepted.size < killAt) await new Promise((r) => setTimeout(r, 5));
      await stopServer('SIGKILL');
      await loading;
      const acknowledged = new Set(outcome.accepted.values());
      assert.ok(acknowledged.size >= killAt);

      server = await startServer();
      const present = await paymentsInDatabase();
      assert.deepEqual(
        [...acknowledged].filter((id) => !present.has(id)),
        [],
        'no acknowledged transfer is missing',
      );
      // And it carries on: a payment after the restart goes through.
      const again: Outcome = { accepted: new Map(), refused: 0, retried: 0, duplicates: 0 };
      await pay(server.url, sessions[0]!, sessions[1]!, 1, `after-restart-${Date.now()}`, again);
      await stopServer();
      const verify = verifyWithCli();
      assert.equal(verify.status, 0, verify.output);
    },
  );
});
