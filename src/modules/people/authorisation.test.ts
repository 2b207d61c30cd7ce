import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ROLES, type Role } from '../../policy/index.js';
import { Agent, startTestKith, type TestKith } from '../../testing.js';
import { insertPerson, insertRole } from './store.js';

/**
 * Every route of the foundation, tried as nobody, as each role in Calderbrook, and as
 * an admin of another place. A route added without a row here fails the last test.
 */
let t: TestKith;
const actors: Record<string, Agent> = {};
let targetId: string;

before(async () => {
  t = await startTestKith({ demo: true });
  const calderbrook = t.demo.places.calderbrook!;
  const aberllyn = t.demo.places.aberllyn!;
  const { hashPassword } = await import('./passwords.js');
  const passwordHash = await hashPassword(t.demo.password);
  // One person per role holding only that role, so no other role lets them through.
  for (const role of ROLES) {
    const person = await insertPerson(t.kith.db.kysely, { name: `Only ${role}`, email: `only-${role}@test.example`, passwordHash, language: 'en' });
    await insertRole(t.kith.db.kysely, { placeId: calderbrook.id, personId: person.id, role, grantedBy: null });
    actors[role] = new Agent(t);
    await actors[role].signIn(`only-${role}@test.example`, t.demo.password);
  }
  const otherAdmin = await insertPerson(t.kith.db.kysely, { name: 'Admin elsewhere', email: 'admin-elsewhere@test.example', passwordHash, language: 'en' });
  await insertRole(t.kith.db.kysely, { placeId: aberllyn.id, personId: otherAdmin.id, role: 'admin', grantedBy: null });
  actors.otherPlaceAdmin = new Agent(t);
  await actors.otherPlaceAdmin.signIn('admin-elsewhere@test.example', t.demo.password);
  actors.anonymous = new Agent(t);
  const target = await insertPerson(t.kith.db.kysely, { name: 'Target Person', email: 'target@test.example', passwordHash, language: 'en' });
  await insertRole(t.kith.db.kysely, { placeId: calderbrook.id, personId: target.id, role: 'resident', grantedBy: null });
  targetId = target.id;
});
after(() => t.close());

type Outcome = 'ok' | 'sign-in' | 'forbidden';
type Actor = 'anonymous' | Role | 'otherPlaceAdmin';
const ACTORS: Actor[] = ['anonymous', ...ROLES, 'otherPlaceAdmin'];

const everyone = (): Outcome => 'ok';
const signedIn = (actor: Actor): Outcome => (actor === 'anonymous' ? 'sign-in' : 'ok');
const placeAdmin = (actor: Actor): Outcome => (actor === 'anonymous' ? 'sign-in' : actor === 'admin' ? 'ok' : 'forbidden');

interface Case {
  route: string;
  request: (agent: Agent) => ReturnType<Agent['get']>;
  expect: (actor: Actor) => Outcome;
}

const members = '/places/calderbrook/admin/members';
const CASES: Case[] = [
  { route: 'GET /', request: (a) => a.get('/'), expect: everyone },
  { route: 'GET /places/:place', request: (a) => a.get('/places/calderbrook'), expect: everyone },
  { route: 'GET /sign-up', request: (a) => a.get('/sign-up'), expect: everyone },
  { route: 'POST /sign-up', request: (a) => a.post('/sign-up', {}), expect: () => 'ok' },
  { route: 'GET /sign-in', request: (a) => a.get('/sign-in'), expect: everyone },
  { route: 'POST /sign-in', request: (a) => a.post('/sign-in', {}), expect: () => 'ok' },
  { route: 'POST /sign-out', request: (a) => a.post('/sign-out', {}), expect: everyone },
  { route: 'GET /password-reset', request: (a) => a.get('/password-reset'), expect: everyone },
  { route: 'POST /password-reset', request: (a) => a.post('/password-reset', { email: 'nobody@test.example' }), expect: everyone },
  { route: 'GET /password-reset/sent', request: (a) => a.get('/password-reset/sent'), expect: everyone },
  { route: 'GET /password-reset/:token', request: (a) => a.get('/password-reset/unknown'), expect: everyone },
  { route: 'POST /password-reset/:token', request: (a) => a.post('/password-reset/unknown', { password: 'long enough now', confirm: 'long enough now' }), expect: everyone },
  { route: 'GET /account', request: (a) => a.get('/account'), expect: signedIn },
  { route: 'GET /account/edit', request: (a) => a.get('/account/edit'), expect: signedIn },
  { route: 'POST /account/edit', request: (a) => a.post('/account/edit', {}), expect: signedIn },
  { route: 'GET /account/data', request: (a) => a.get('/account/data'), expect: signedIn },
  { route: 'GET /account/delete', request: (a) => a.get('/account/delete'), expect: signedIn },
  { route: 'POST /account/delete', request: (a) => a.post('/account/delete', {}), expect: signedIn },
  { route: 'GET /account/deleted', request: (a) => a.get('/account/deleted'), expect: everyone },
  { route: 'POST /places/:place/join', request: (a) => a.post('/places/aberllyn/join'), expect: signedIn },
  { route: 'GET /places/:place/admin/members', request: (a) => a.get(members), expect: placeAdmin },
  { route: 'POST /places/:place/admin/members', request: (a) => a.post(members, { email: 'target@test.example' }), expect: placeAdmin },
  { route: 'GET /places/:place/admin/members/:person', request: (a) => a.get(`${members}/${targetId}`), expect: placeAdmin },
  { route: 'POST /places/:place/admin/members/:person', request: (a) => a.post(`${members}/${targetId}`, { roles: 'resident' }), expect: placeAdmin },
  { route: 'GET /places/:place/admin/audit', request: (a) => a.get('/places/calderbrook/admin/audit'), expect: placeAdmin },
  { route: 'GET /accessibility', request: (a) => a.get('/accessibility'), expect: everyone },
  { route: 'GET /privacy', request: (a) => a.get('/privacy'), expect: everyone },
  { route: 'GET /healthz', request: (a) => a.get('/healthz'), expect: everyone },
  { route: 'GET /api/ping', request: (a) => a.get('/api/ping'), expect: everyone },
  { route: 'GET /api/openapi.json', request: (a) => a.get('/api/openapi.json'), expect: everyone },
  { route: 'GET /api/docs', request: (a) => a.get('/api/docs'), expect: everyone },
  { route: 'GET /api/v1/places', request: (a) => a.get('/api/v1/places'), expect: everyone },
  { route: 'POST /api/v1/accounts', request: (a) => a.json('POST', '/api/v1/accounts', {}), expect: () => 'ok' },
  { route: 'POST /api/v1/sessions', request: (a) => a.json('POST', '/api/v1/sessions', {}), expect: () => 'ok' },
  { route: 'DELETE /api/v1/sessions/current', request: (a) => a.json('DELETE', '/api/v1/sessions/current'), expect: signedIn },
  { route: 'GET /api/v1/me', request: (a) => a.get('/api/v1/me'), expect: signedIn },
  { route: 'GET /api/v1/me/data', request: (a) => a.get('/api/v1/me/data'), expect: signedIn },
  { route: 'GET /dev/mail', request: (a) => a.get('/dev/mail'), expect: everyone },
  { route: 'GET /dev/mail/:id', request: (a) => a.get('/dev/mail/none'), expect: () => 'ok' },
  { route: 'GET /assets/:file', request: (a) => a.get('/assets/none.css'), expect: () => 'ok' },
];

function outcomeOf(status: number, location: string | undefined): Outcome {
  if (status === 403) return 'forbidden';
  if (status === 401 || (status === 303 && location?.startsWith('/sign-in?return='))) return 'sign-in';
  return 'ok';
}

describe('who may use each route', () => {
  // Sign-out and the sessions DELETE end the session, so they run last, per actor.
  const ending = new Set(['DELETE /api/v1/sessions/current', 'POST /sign-out']);
  const ordered = [...CASES.filter((c) => !ending.has(c.route)), ...[...ending].map((r) => CASES.find((c) => c.route === r)!)];
  for (const actor of ACTORS) {
    test(`as ${actor}`, async () => {
      const problems: string[] = [];
      for (const c of ordered) {
        const response = await c.request(actors[actor]!);
        if (response.statusCode >= 500) problems.push(`${c.route}: server error ${response.statusCode}`);
        const got = outcomeOf(response.statusCode, response.headers.location as string | undefined);
        const wanted = c.expect(actor);
        if (got !== wanted) problems.push(`${c.route}: expected ${wanted}, got ${got} (${response.statusCode})`);
      }
      assert.deepEqual(problems, []);
    });
  }

  test('every route has a row in this table', () => {
    const covered = new Set(CASES.map((c) => c.route));
    const missing = t.app.kithRoutes.filter((r) => !covered.has(r));
    assert.deepEqual(missing, []);
  });
});
