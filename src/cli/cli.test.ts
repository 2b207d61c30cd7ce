import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { freshDatabase, TEST_DIALECT } from '../testing.js';
import { main } from './main.js';

/**
 * The command line, run as an operator would, on the test database, with its output
 * captured.
 */
let dataDir: string;
let database: Awaited<ReturnType<typeof freshDatabase>>;

before(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kith-cli-'));
  database = await freshDatabase();
  process.env.NODE_ENV = 'test';
  process.env.DATA_DIR = dataDir;
  process.env.LOG_LEVEL = 'warn';
  if (database.target.kind === 'postgres') {
    process.env.DATABASE_URL = database.target.url;
    process.env.DATABASE_SCHEMA = database.target.schema;
  }
});
after(async () => {
  await database.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function kith(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { out: (text) => (out += `${text}\n`), err: (text) => (err += `${text}\n`) });
  return { code, out, err };
}

describe('the kith command', () => {
  test('migrate brings an empty database up to date, and can run again', async () => {
    assert.equal((await kith('migrate')).code, 0);
    const again = await kith('migrate');
    assert.equal(again.code, 0);
    assert.match(again.out, /up to date/);
  });

  test('create-place and create-admin set up a new place with a link to choose a password', async () => {
    const place = await kith('create-place', '--slug', 'riverside', '--name', 'Riverside');
    assert.equal(place.code, 0, place.err);
    assert.match(place.out, /Created Riverside at \/places\/riverside/);
    assert.equal((await kith('create-place', '--slug', 'riverside', '--name', 'Again')).code, 1);
    const bad = await kith('create-place', '--slug', 'Not A Slug!', '--name', 'X');
    assert.equal(bad.code, 2);
    assert.match(bad.err, /--slug/);

    const admin = await kith(
      'create-admin',
      '--place',
      'riverside',
      '--email',
      'Ffion@Riverside.example',
      '--name',
      'Ffion Davies',
    );
    assert.equal(admin.code, 0, admin.err);
    assert.match(admin.out, /Created an account for Ffion@Riverside.example, admin of Riverside/);
    assert.match(admin.out, /http:\/\/localhost:3000\/password-reset\/[A-Za-z0-9_-]{43}/);
    const again = await kith(
      'create-admin',
      '--place',
      'riverside',
      '--email',
      'ffion@riverside.example',
      '--name',
      'Ffion Davies',
    );
    assert.match(again.out, /already an admin of Riverside/);
    assert.equal((await kith('create-admin', '--place', 'nowhere', '--email', 'a@b.example', '--name', 'A')).code, 1);
  });

  test('backup copies a working database while nothing stops', async () => {
    const file = path.join(dataDir, 'backup.dump');
    const result = await kith('backup', file);
    assert.equal(result.code, 0, result.err);
    if (TEST_DIALECT === 'postgres') {
      // pg_dump's custom format: pg_restore can read back its table of contents.
      const listing = spawnSync('pg_restore', ['--list', file], { encoding: 'utf8' });
      assert.equal(listing.status, 0, listing.stderr);
      assert.match(listing.stdout, new RegExp(`TABLE DATA ${process.env.DATABASE_SCHEMA} places`));
      return;
    }
    const copy = new BetterSqlite3(file, { readonly: true });
    const places = copy.prepare('select slug from places').all() as Array<{ slug: string }>;
    copy.close();
    assert.deepEqual(
      places.map((p) => p.slug),
      ['riverside'],
    );
  });

  test('demo refuses to replace a production database without --force', async () => {
    const before = { ...process.env };
    Object.assign(process.env, {
      NODE_ENV: 'production',
      PUBLIC_URL: 'https://kith.example.org',
      SMTP_HOST: 'smtp.example.org',
      MAIL_FROM: 'k@example.org',
      OPERATOR_NAME: 'Example',
    });
    // The suite's cheap password hashing is refused in production before anything else.
    delete process.env.KITH_TEST_FAST_PASSWORDS;
    try {
      const refused = await kith('demo');
      assert.equal(refused.code, 1);
      assert.match(refused.err, /Refusing to replace a production database/);
    } finally {
      process.env = before;
    }
    const loaded = await kith('demo');
    assert.equal(loaded.code, 0, loaded.err);
    assert.match(loaded.out, /Loaded the demo places Calderbrook and Aberllyn/);
  });

  test('an unknown command gets one clear line and exits 2', async () => {
    const result = await kith('frobnicate');
    assert.equal(result.code, 2);
    assert.match(result.err, /unknown command 'frobnicate'/);
    assert.match(result.err, /kith --help/);
  });
});

/** Every command there is, as the help lists them: `start`, `import oruk`, `ledger verify`... */
async function everyCommand(): Promise<string[][]> {
  const commands: string[][] = [];
  const walk = async (words: string[]) => {
    const help = (await kith(...words, '--help')).out;
    const listed = [...(help.split(/\nCommands:\n/)[1] ?? '').matchAll(/^ {2}([a-z][\w-]*)/gm)].map((m) => m[1]!);
    const children = listed.filter((c) => c !== 'help');
    if (!children.length) commands.push(words);
    for (const child of children) await walk([...words, child]);
  };
  await walk([]);
  return commands;
}

describe('the command line is safe to explore', () => {
  test('every command answers --help and -h with its usage, and changes nothing', async () => {
    const commands = await everyCommand();
    assert.ok(
      commands.some((c) => c.join(' ') === 'import oruk'),
      commands.map((c) => c.join(' ')).join(', '),
    );
    assert.ok(commands.some((c) => c.join(' ') === 'backup'));
    for (const words of commands) {
      for (const flag of ['--help', '-h']) {
        const result = await kith(...words, flag);
        assert.equal(result.code, 0, `${words.join(' ')} ${flag}: ${result.err}`);
        assert.match(result.out, new RegExp(`Usage: kith ${words.join(' ')}`), `${words.join(' ')} ${flag}`);
      }
    }
    // `backup --help` once wrote a copy of the database to a file named --help.
    assert.equal(fs.existsSync('--help'), false);
    assert.equal(fs.existsSync(path.join(dataDir, '--help')), false);
  });

  test('an unknown option or a missing argument gets one clear line, exit code 2 and no stack trace', async () => {
    for (const words of await everyCommand()) {
      const bad = await kith(...words, '--no-such-option');
      assert.equal(bad.code, 2, `${words.join(' ')} --no-such-option`);
      assert.match(bad.err, /unknown option '--no-such-option'|required option|missing required argument/);
      assert.doesNotMatch(bad.err + bad.out, /^\s+at /m);
    }
    for (const words of [['backup'], ['import', 'oruk'], ['create-place'], ['create-admin']]) {
      const missing = await kith(...words);
      assert.equal(missing.code, 2, words.join(' '));
      assert.match(missing.err, /missing required argument|required option/);
      assert.doesNotMatch(missing.err, /^\s+at /m);
    }
  });

  test('a backup into a folder that does not exist says so plainly', async () => {
    const result = await kith('backup', path.join(dataDir, 'no-such-folder', 'kith.backup'));
    assert.equal(result.code, 2);
    assert.match(result.err, /The folder .*no-such-folder does not exist\. Create it first/);
    assert.doesNotMatch(result.err, /^\s+at /m);
  });

  test('kith --version prints the version', async () => {
    const result = await kith('--version');
    assert.equal(result.code, 0);
    assert.match(result.out, /^\d+\.\d+\.\d+/);
  });
});
