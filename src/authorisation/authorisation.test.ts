import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { after, before, describe, test } from 'node:test';
import { hashPassword, insertPerson, insertRole } from '../modules/people/index.js';
import { ROLES } from '../policy/index.js';
import { Agent, startTestKith, type TestKith } from '../testing.js';
import { allCases } from './all.js';
import type { ActorName, AuthorisationCase, Outcome } from './cases.js';

/**
 * Every route, tried as nobody, as someone holding exactly one role in Calderbrook, and
 * as an admin of another place. A route added without a row fails the last test.
 */
let t: TestKith;
const agents = {} as Record<ActorName, Agent>;
const rows: AuthorisationCase[] = [];
const last: string[] = [];
const resets: Array<() => Promise<void>> = [];
const ACTORS: ActorName[] = ['anonymous', ...ROLES, 'otherPlaceAdmin'];

before(async () => {
  t = await startTestKith({ demo: true });
  const placeIds = { calderbrook: t.demo.places.calderbrook!.id, aberllyn: t.demo.places.aberllyn!.id };
  const passwordHash = await hashPassword(t.demo.password);
  const personIds = {} as Record<Exclude<ActorName, 'anonymous'>, string>;
  for (const actor of ACTORS) {
    if (actor === 'anonymous') continue;
    const email = `only-${actor}@test.example`;
    const person = await insertPerson(t.kith.db.kysely, {
      name: `Only ${actor}`,
      email,
      passwordHash,
      language: 'en',
      emailConfirmed: true,
    });
    if (actor === 'otherPlaceAdmin')
      await insertRole(t.kith.db.kysely, {
        placeId: placeIds.aberllyn,
        personId: person.id,
        role: 'admin',
        grantedBy: null,
      });
    else
      await insertRole(t.kith.db.kysely, {
        placeId: placeIds.calderbrook,
        personId: person.id,
        role: actor,
        grantedBy: null,
      });
    personIds[actor] = person.id;
  }
  for (const module of allCases) {
    rows.push(...(await module.cases({ t, personIds, placeIds })));
    last.push(...(module.endsSession ?? []));
    const context = { t, personIds, placeIds };
    if (module.beforeSubmissions) resets.push(() => module.beforeSubmissions!(context));
  }
  // Sign in after the modules' set-up, so roles they granted are in each session.
  for (const actor of ACTORS) {
    agents[actor] = new Agent(t);
    if (actor !== 'anonymous') await agents[actor].signIn(`only-${actor}@test.example`, t.demo.password);
  }
});
after(() => t.close());

/** The form's own answer about what was sent: the page with its error summary, or the API's validation problem. */
const answersFields = (body: string) =>
  /data-module="govuk-error-summary"/.test(body) || /^\{"type":"\/api\/problems\/validation"/.test(body);

function outcomeOf(response: { statusCode: number; headers: Record<string, unknown>; body: string }): Outcome {
  const status = response.statusCode;
  const location = response.headers.location as string | undefined;
  if (status === 403) return 'forbidden';
  if (status === 401 || (status === 303 && location?.startsWith('/sign-in?return='))) return 'sign-in';
  if (status === 404) return 'not-found';
  if (status === 410) return 'gone';
  if (status === 400) return answersFields(response.body) ? 'invalid' : 'bad-request';
  if (status < 400 || status === 422) return 'ok';
  return 'bad-request';
}

describe('who may use each route', () => {
  for (const actor of ACTORS) {
    test(`as ${actor}`, async () => {
      const ordered = [
        ...rows.filter((r) => !last.includes(r.route)),
        ...last.flatMap((route) => rows.filter((r) => r.route === route)),
      ];
      const problems: string[] = [];
      for (const row of ordered) {
        const response = await row.request(agents[actor]);
        if (response.statusCode >= 500) problems.push(`${row.route}: server error ${response.statusCode}`);
        const got = outcomeOf(response);
        const wanted = row.expect(actor);
        if (got !== wanted) problems.push(`${row.route}: expected ${wanted}, got ${got} (${response.statusCode})`);
      }
      assert.deepEqual(problems, []);
    });
  }

  test('every route has a row in the table', () => {
    const covered = new Set(rows.map((r) => r.route));
    assert.deepEqual(
      t.app.kithRoutes.filter((r) => !covered.has(r)),
      [],
    );
  });
});

/**
 * A double click, a retry or two tabs must never store a thing twice: every POST either
 * creates exactly one row when sent twice at once with one submission key, or says why
 * a repeat cannot double anything. A POST route without either fails the last test.
 */
describe('every submission counts once', () => {
  const rowsIn = async (table: string) =>
    Number(
      (await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}`.execute(t.kith.db.kysely))
        .rows[0]!.n,
    );

  test('posting a create form twice at once with one key stores one record', async () => {
    // Sessions of their own: the table above ends with signing out.
    const signedIn = {} as Record<ActorName, Agent>;
    const agentFor = async (actor: ActorName) => {
      if (!signedIn[actor]) {
        signedIn[actor] = new Agent(t);
        await signedIn[actor].signIn(`only-${actor}@test.example`, t.demo.password);
      }
      return signedIn[actor];
    };
    const problems: string[] = [];
    for (const reset of resets) await reset();
    for (const row of rows) {
      const submission = row.submission;
      if (!submission || !('creates' in submission)) continue;
      const { as, table } = submission.creates;
      // The row already knows the address with real ids in it; its own request sends no fields.
      const agent = await agentFor(as);
      const url = (await row.request(agent)).raw.req.url!;
      const before = await rowsIn(table);
      const key = randomUUID();
      const send = () =>
        'json' in submission.creates
          ? agent.json('POST', url, submission.creates.json, { 'idempotency-key': key })
          : agent.post(url, submission.creates.fields, { idempotencyKey: key });
      const [first, second] = await Promise.all([send(), send()]);
      const added = (await rowsIn(table)) - before;
      const outcomes = [first, second].map((r) => outcomeOf(r));
      if (first.statusCode >= 400 || second.statusCode >= 400 || outcomes.some((o) => o !== 'ok')) {
        problems.push(`${row.route}: the submission was refused (${first.statusCode}, ${second.statusCode})`);
      } else if (added !== 1) problems.push(`${row.route}: ${added} rows added to ${table}, not 1`);
    }
    assert.deepEqual(problems, []);
  });

  test('every POST route says what posting it twice does', () => {
    const unsaid = rows.filter((r) => r.route.startsWith('POST ') && !r.submission).map((r) => r.route);
    assert.deepEqual(unsaid, []);
  });
});
