import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { KithModule } from '../modules/module.js';
import { allModules } from '../modules/index.js';
import { Agent, fieldErrors, pageText, startTestKith, type TestKith } from '../testing.js';

// A module whose only route fails, to see what a person gets when Kith itself breaks.
const breaking: KithModule = {
  name: 'breaking',
  routes(app) {
    app.get('/broken', async () => {
      throw new Error('database on fire: secret detail');
    });
  },
};

let t: TestKith;
before(async () => {
  t = await startTestKith({ demo: true, modules: [...allModules, breaking] });
});
after(() => t.close());

async function count(table: 'people' | 'audit_events') {
  const row = await t.kith.db.kysely
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('security headers', () => {
  test('every page forbids inline scripts and framing, and HSTS is not sent over plain HTTP', async () => {
    const response = await new Agent(t).get('/sign-in');
    const csp = String(response.headers['content-security-policy']);
    assert.match(csp, /script-src 'self'/);
    assert.doesNotMatch(csp, /unsafe-inline/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.equal(response.headers['x-content-type-options'], 'nosniff');
    assert.equal(response.headers['strict-transport-security'], undefined);
    assert.equal(response.headers['cache-control'], 'no-store');
    assert.doesNotMatch(response.body, /<script(?![^>]*\ssrc=)[^>]*>/, 'no inline script on the page');
  });

  test('behind HTTPS the session cookie is Secure and __Host- prefixed, and HSTS is sent', async () => {
    const https = await startTestKith({ config: { publicUrl: 'https://kith.example.org', https: true } });
    try {
      const response = await new Agent(https).get('/sign-up');
      assert.match(String(response.headers['strict-transport-security']), /max-age=31536000/);
      const cookie = String(response.headers['set-cookie']);
      assert.match(cookie, /^__Host-kith_session=/);
      assert.match(cookie, /Secure/);
    } finally {
      await https.close();
    }
  });
});

describe('cross-site request forgery', () => {
  test('a form posted without the token is refused and changes nothing', async () => {
    const before = await count('people');
    const response = await new Agent(t).post(
      '/sign-up',
      { name: 'Forged', email: 'forged@example.org', password: 'forged forged', place: 'calderbrook' },
      { csrf: false },
    );
    assert.equal(response.statusCode, 403);
    assert.match(pageText(response.body), /nothing was saved/);
    assert.equal(await count('people'), before);
  });

  test('a token from another visitor’s session does not work', async () => {
    const victim = new Agent(t);
    await victim.signIn('resident@calderbrook.example', t.demo.password);
    const attacker = new Agent(t);
    await attacker.get('/sign-in');
    const response = await t.app.inject({
      method: 'POST',
      url: '/account/edit',
      headers: { cookie: `kith_session=${victim.sessionToken}`, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: attacker.csrfToken()!, name: 'Hacked', language: 'en' }).toString(),
    });
    assert.equal(response.statusCode, 403);
    assert.match(pageText((await victim.get('/account')).body), /Edna Price/);
  });

  test('a signed-in JSON change needs the X-CSRF-Token header', async () => {
    const agent = new Agent(t);
    await agent.signIn('resident@calderbrook.example', t.demo.password);
    const without = await agent.json('DELETE', '/api/v1/sessions/current', undefined, { 'x-csrf-token': '' });
    assert.equal(without.statusCode, 403);
    assert.equal(without.headers['content-type'], 'application/problem+json; charset=utf-8');
    assert.equal((await agent.get('/api/v1/me')).statusCode, 200, 'still signed in');
  });

  test('text/plain bodies, which a cross-site form can send, are not accepted', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/sign-in',
      headers: { 'content-type': 'text/plain' },
      payload: 'email=a@b.c',
    });
    assert.equal(response.statusCode, 415);
  });
});

describe('errors people can see', () => {
  test('a missing page is a friendly 404 in the person’s language', async () => {
    const english = await new Agent(t).get('/no-such-page');
    assert.equal(english.statusCode, 404);
    assert.match(pageText(english.body), /Page not found If you typed the web address/);
    const welsh = await new Agent(t).get('/no-such-page', { 'accept-language': 'cy' });
    assert.match(pageText(welsh.body), /Heb ddod o hyd i’r dudalen/);
  });

  test('an API path that does not exist answers with problem details', async () => {
    const response = await new Agent(t).get('/api/v1/nothing');
    assert.equal(response.statusCode, 404);
    assert.equal(response.headers['content-type'], 'application/problem+json; charset=utf-8');
    assert.equal(response.json().status, 404);
  });

  test('when Kith breaks, the person sees an apology and a reference, never the detail', async () => {
    const response = await new Agent(t).get('/broken');
    assert.equal(response.statusCode, 500);
    const text = pageText(response.body);
    assert.match(text, /Sorry, there is a problem with Kith/);
    assert.match(text, /Reference: [0-9a-f]{8}/);
    assert.doesNotMatch(response.body, /on fire|secret detail|Error:/);
  });

  test('invalid JSON sent to the API gets a 400 problem, not a crash', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/accounts',
      headers: { 'content-type': 'application/json' },
      payload: '{"name": ',
    });
    assert.equal(response.statusCode, 400);
    assert.equal(response.headers['content-type'], 'application/problem+json; charset=utf-8');
  });

  test('the API explains every invalid field, with the messages a form would show', async () => {
    const before = await count('people');
    const response = await new Agent(t).json('POST', '/api/v1/accounts', {
      name: '',
      email: 'nope',
      password: 'short',
      place: 'calderbrook',
    });
    assert.equal(response.statusCode, 400);
    const problem = response.json();
    assert.equal(problem.type, '/api/problems/validation');
    assert.deepEqual(
      problem.errors.map((e: { field: string }) => e.field),
      ['name', 'email', 'password'],
    );
    assert.equal(problem.errors[1].detail, 'Enter an email address in the correct format, like name@example.com');
    assert.equal(await count('people'), before);
  });
});

describe('language', () => {
  test('choosing Cymraeg shows the same page in Welsh and remembers the choice', async () => {
    const agent = new Agent(t);
    const switched = await agent.get('/sign-in?lang=cy&email=a%40b.c');
    assert.equal(switched.statusCode, 303);
    assert.equal(switched.headers.location, '/sign-in?email=a%40b.c');
    const page = await agent.get('/sign-in');
    assert.match(page.body, /<html lang="cy"/);
    assert.match(pageText(page.body), /Mewngofnodi/);
    const errors = await agent.post('/sign-in', { email: '', password: '' });
    assert.deepEqual(fieldErrors(errors.body), {
      email: 'Rhowch eich cyfeiriad e-bost',
      password: 'Rhowch eich cyfrinair',
    });
  });

  test('a browser that asks for Welsh first gets Welsh', async () => {
    const page = await new Agent(t).get('/', { 'accept-language': 'cy-GB,cy;q=0.9,en;q=0.8' });
    assert.match(page.body, /<html lang="cy"/);
  });
});

describe('the JSON API description', () => {
  test('OpenAPI 3.1 describes every JSON endpoint with its responses', async () => {
    const doc = (await new Agent(t).get('/api/openapi.json')).json();
    assert.equal(doc.openapi, '3.1.0');
    for (const route of t.app.api.routes) {
      const path = route.url.replace(/:(\w+)/g, '{$1}');
      const operation = doc.paths[path]?.[route.method.toLowerCase()];
      assert.ok(operation, `${route.method} ${route.url} is described`);
      assert.ok(
        operation.responses[String(route.response.status)],
        `${route.method} ${route.url} has its success response`,
      );
    }
    assert.ok(doc.paths['/api/v1/accounts'].post.requestBody.content['application/json'].schema.properties.email);
    const operationIds = Object.values(doc.paths as Record<string, Record<string, { operationId: string }>>).flatMap(
      (methods) => Object.values(methods).map((o) => o.operationId),
    );
    assert.deepEqual(
      operationIds.filter((id, i) => operationIds.indexOf(id) !== i),
      [],
      'each operationId once',
    );
    assert.equal(doc.paths['/api/oruk/{place}/'].get.operationId, 'getApiOrukPlaceSlash');
  });

  test('/api/docs lists the endpoints for people to read', async () => {
    const text = pageText((await new Agent(t).get('/api/docs')).body);
    assert.match(text, /POST \/api\/v1\/accounts Create an account/);
  });

  test('in Welsh, /api/docs names its sections in Welsh and marks the English descriptions as English', async () => {
    const agent = new Agent(t);
    await agent.get('/?lang=cy');
    const html = (await agent.get('/api/docs')).body;
    assert.match(html, /<h2 class="govuk-heading-m" lang="cy">Cyfrifon<\/h2>/);
    assert.match(html, /<span lang="en">Create an account<\/span>/);
    assert.match(pageText(html), /yn Saesneg/);
    // Nothing English is left unmarked in the sections' names.
    assert.doesNotMatch(html, /<h2 class="govuk-heading-m" lang="cy">(Accounts|Time credits|Places)<\/h2>/);
  });

  test('/healthz reports the database', async () => {
    const response = await new Agent(t).get('/healthz');
    assert.equal(response.statusCode, 200);
    assert.deepEqual(response.json(), { status: 'ok', database: 'ok', dialect: t.kith.db.dialect });
  });
});

describe('assets', () => {
  test('built files are cached for a year and answer 304 when unchanged', async () => {
    const page = await new Agent(t).get('/');
    const css = page.body.match(/href="(\/assets\/kith\.[0-9a-f]+\.css)"/)![1]!;
    const first = await t.app.inject({ method: 'GET', url: css });
    assert.equal(first.statusCode, 200);
    assert.match(String(first.headers['cache-control']), /immutable/);
    const again = await t.app.inject({
      method: 'GET',
      url: css,
      headers: { 'if-none-match': String(first.headers.etag) },
    });
    assert.equal(again.statusCode, 304);
  });
});

describe('rate limits', () => {
  test('after too many sign-in attempts from one address a person is asked to wait', async () => {
    const limited = await startTestKith({ config: { signInPerAddressPerMinute: 3 } });
    try {
      const agent = new Agent(limited);
      const statuses = [];
      for (let i = 0; i < 4; i++)
        statuses.push(
          (await agent.post('/sign-in', { email: `x${i}@example.org`, password: 'wrong password' })).statusCode,
        );
      assert.deepEqual(statuses, [401, 401, 401, 429]);
      const last = await agent.post('/sign-in', { email: 'x@example.org', password: 'wrong password' });
      assert.match(pageText(last.body), /You have tried too many times. Wait \d+ seconds/);
    } finally {
      await limited.close();
    }
  });
});
