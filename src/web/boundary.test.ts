import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Agent, signedInAs, startTestKith, type TestKith } from '../testing.js';

let t: TestKith;
before(async () => {
  t = await startTestKith({ demo: true });
});
after(() => t.close());

async function count(table: 'people' | 'time_transfers') {
  const row = await t.kith.db.kysely
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('control characters are refused once, at the boundary, the same on both databases', () => {
  test('a NUL byte in an id or a place in the address is a page that does not exist', async () => {
    const agent = new Agent(t);
    for (const url of [
      '/places/calderbrook%00/time-credits',
      '/places/calderbrook%00',
      '/api/oruk/calderbrook/services/x%00',
      '/api/oruk/calderbrook%00/services',
      '/api/places/calderbrook/volunteering/opportunities/x%00',
      '/api/v1/places/calderbrook%00/time-credits/totals',
      '/password-reset/abc%00',
      '/places/calderbrook/volunteering/x%01',
    ]) {
      const response = await agent.get(url);
      assert.equal(response.statusCode, 404, url);
    }
  });

  test('a NUL byte in a query or a field is a bad request, and nothing is stored', async () => {
    const agent = new Agent(t);
    assert.equal((await agent.get('/places/calderbrook/volunteering?q=a%00b')).statusCode, 400);
    const people = await count('people');
    const api = await agent.json('POST', '/api/v1/accounts', {
      name: 'Nul Place',
      email: 'nul.place@test.example',
      password: 'a long walk home',
      place: 'calder\u0000brook',
    });
    assert.equal(api.statusCode, 400);
    assert.equal(api.headers['content-type'], 'application/problem+json; charset=utf-8');
    const form = await agent.post('/sign-up', {
      name: 'Nul Place',
      email: 'nul.place2@test.example',
      password: 'a long walk home',
      place: 'calderbrook\u0000',
    });
    assert.equal(form.statusCode, 400);
    assert.equal(await count('people'), people);
  });

  test('a NUL byte in a reward to redeem is refused, and no hours move', async () => {
    const partner = await signedInAs(t, 'partner');
    const row = await t.kith.db.kysely.selectFrom('time_credit_partners').select('id').executeTakeFirstOrThrow();
    const transfers = await count('time_transfers');
    const response = await partner.json(
      'POST',
      `/api/v1/places/calderbrook/time-credits/partners/${row.id}/redemptions`,
      { number: '1001', reward: 'x\u0000' },
    );
    assert.equal(response.statusCode, 400);
    assert.equal(await count('time_transfers'), transfers);
  });

  test('a line break in a text box is still accepted', async () => {
    const agent = new Agent(t);
    const response = await agent.get('/places/calderbrook/volunteering?q=garden%0D%0Awork');
    assert.equal(response.statusCode, 200);
  });
});

describe('other inputs that used to answer 500', () => {
  test('a long postcode or search on the volunteering search is told beside its field', async () => {
    const agent = new Agent(t);
    for (const url of [
      '/places/calderbrook/volunteering?postcode=ABCDEFGHIJKLMN',
      `/places/calderbrook/volunteering?q=${'word '.repeat(100)}`,
    ]) {
      const response = await agent.get(url);
      assert.ok(response.statusCode < 500, `${url}: ${response.statusCode}`);
      assert.equal(response.statusCode, 400, url);
    }
  });

  test('an asset address with a folder in it is not found, in production too', async () => {
    const agent = new Agent(t);
    const response = await agent.get('/assets/a/b');
    assert.equal(response.statusCode, 404);
    const json = await agent.get('/assets/a/b', { accept: 'application/json' });
    assert.equal(json.statusCode, 404);
  });

  test('a line break in the sign-in return address is ignored', async () => {
    const agent = new Agent(t);
    const page = await agent.get('/sign-in?return=%2Faccount%0AX-Evil%3A%201');
    assert.equal(page.statusCode, 200);
    const resident = t.demo.people.resident!;
    const response = await agent.post('/sign-in', {
      email: resident.email,
      password: t.demo.password,
      return: '/account\r\nX-Evil: 1',
    });
    assert.equal(response.statusCode, 303);
    assert.equal(response.headers['x-evil'], undefined);
    assert.ok(!String(response.headers.location).includes('\n'));
  });
});
