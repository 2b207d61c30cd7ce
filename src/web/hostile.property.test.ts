/**
 * Every registered route, driven with hostile input: control characters, very long text,
 * odd Unicode, numbers no double can hold, impossible dates. Whatever arrives, Kith
 * answers without a server error, and a refused request stores nothing.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { sql } from 'kysely';
import { signedInAs, startTestKith, type Agent, type TestKith } from '../testing.js';

const HOSTILE = [
  '\u0000',
  'a\u0000b',
  '\u0001\u001f\u007f',
  '\r\n',
  '\t',
  '1e309',
  '-1e309',
  'NaN',
  'Infinity',
  '9'.repeat(400),
  '-0',
  '2026-02-30',
  '0000-00-00',
  '2026-13-45T25:61:61Z',
  '𝕏😀\u200d🔥',
  '\ud800',
  '\ufeff',
  '\u202eevil',
  'ﷺ',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '../../etc/passwd',
  '%00',
  '__proto__',
  'x'.repeat(10_000),
];
const BIG = 'y'.repeat(1024 * 1024);
const FIELDS = [
  'name',
  'title',
  'email',
  'password',
  'confirm',
  'place',
  'body',
  'description',
  'postcode',
  'q',
  'minutes',
  'hours',
  'amount',
  'number',
  'reward',
  'quantity',
  'status',
  'role',
  'roles',
  'date-day',
  'date-month',
  'date-year',
  'startsAt',
  'page',
];
/** Tables a refused request may still touch: the audit log, sessions, throttles, jobs and keys. */
const BOOKKEEPING = /audit|session|throttle|job|idempotency|dev_mail|kysely|migration/;

let t: TestKith;
let admin: Agent;
let countAll: ReturnType<typeof sql.raw<{ n: number | string }>>;
before(async () => {
  t = await startTestKith({ demo: true });
  admin = await signedInAs(t, 'admin');
  const database = t.config.database;
  const schema = database.kind === 'postgres' ? database.schema : undefined;
  const tables = (await t.kith.db.kysely.introspection.getTables())
    .filter((table) => !schema || table.schema === schema)
    .map((table) => table.name)
    .filter((name) => !BOOKKEEPING.test(name));
  // One query that adds up every table's rows, so each request costs one round trip.
  countAll = sql.raw(`select ${tables.map((name) => `(select count(*) from "${name}")`).join(' + ')} as n`);
});
after(() => t.close());

async function rowsStored(): Promise<number> {
  const result = await countAll.execute(t.kith.db.kysely);
  return Number(result.rows[0]!.n);
}

function encodePath(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return '%ED%A0%80'; // a lone surrogate: bytes that are not UTF-8
  }
}

const hostile = fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ unit: 'binary', maxLength: 40 }));

test('no route answers 5xx to hostile input, and a refused request stores nothing', async () => {
  const routes = [...new Set(t.app.kithRoutes)].filter((r) => !r.startsWith('OPTIONS')).sort();
  assert.ok(routes.length > 50);
  const failures: string[] = [];
  for (const route of routes) {
    const [method, pattern] = route.split(' ') as [string, string];
    await fc.assert(
      fc.asyncProperty(
        fc.boolean(),
        fc.array(hostile, { minLength: 4, maxLength: 4 }),
        fc.dictionary(fc.constantFrom(...FIELDS), hostile, { maxKeys: 6 }),
        fc.boolean(),
        async (realPlace, params, fields, big) => {
          let i = 0;
          const url = pattern.replace(/:(\w+)/g, (_m, name: string) =>
            name === 'place' && realPlace ? 'calderbrook' : encodePath(params[i++ % params.length]!),
          );
          if (big) fields.body = BIG;
          const before = await rowsStored();
          let response;
          if (method === 'GET') {
            const query = new URLSearchParams(Object.entries(fields).map(([k, v]) => [k, v.slice(0, 2000)]));
            response = await admin.get(`${url}?${query}`);
          } else if (url.startsWith('/api/')) {
            response = await admin.json(method as 'POST', url, { ...fields, amount: 1e308, minutes: -1e308 });
          } else {
            response = await admin.post(url, fields);
          }
          if (response.statusCode >= 500) failures.push(`${route} → ${response.statusCode} (${url.slice(0, 120)})`);
          if (response.statusCode >= 400 && (await rowsStored()) !== before)
            failures.push(`${route} stored rows on a refused request (${response.statusCode})`);
        },
      ),
      { numRuns: 2, seed: 20261206 },
    );
  }
  assert.deepEqual([...new Set(failures)], []);
});
