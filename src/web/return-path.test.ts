import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { safeReturnPath } from './app.js';
import { signedInAs, startTestKith, Agent, type TestKith } from '../testing.js';

const ORIGIN = 'https://kith.example';

describe('the address to go back to after signing in', () => {
  test('is only ever a path on this site, however it is written', () => {
    for (const hostile of [
      '/\t/evil.example',
      '/\n/evil.example',
      '/\r\n/evil.example',
      '//evil.example',
      '/\\evil.example',
      '/\\/evil.example',
      '\\\\evil.example',
      'https://evil.example/',
      '/ /evil.example',
      'javascript:alert(1)',
      '/%2F/evil.example',
    ]) {
      const path = safeReturnPath(hostile);
      if (path !== undefined) assert.equal(new URL(path, ORIGIN).origin, ORIGIN, JSON.stringify(hostile));
    }
    assert.equal(safeReturnPath('/places/calderbrook?tab=1#top'), '/places/calderbrook?tab=1#top');
  });

  test('any string at all gives a same-origin path or nothing (property)', () => {
    const pieces = fc.constantFrom(
      '/',
      '\\',
      '\t',
      '\n',
      '\r',
      ' ',
      '.',
      ':',
      '@',
      '%2F',
      '%5C',
      'evil.example',
      '?',
      '#',
      '%09',
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.array(pieces, { maxLength: 8 }).map((p) => p.join('')),
        ),
        (value) => {
          const path = safeReturnPath(value);
          if (path === undefined) return;
          assert.equal(new URL(path, ORIGIN).origin, ORIGIN);
          assert.ok(!/[\u0000-\u001f\u007f]/.test(path));
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('signing in with a return address', () => {
  let t: TestKith;
  before(async () => {
    t = await startTestKith({ demo: true });
  });
  after(() => t.close());

  test('a tab-hidden address to another site sends a signed-in person to their account instead', async () => {
    const agent = await signedInAs(t, 'resident');
    const response = await agent.get('/sign-in?return=%2F%09%2Fevil.example');
    assert.equal(response.statusCode, 303);
    assert.equal(new URL(String(response.headers.location), ORIGIN).origin, ORIGIN);
  });

  test('the form keeps only a same-origin return', async () => {
    const agent = new Agent(t);
    const resident = t.demo.people.resident!;
    const response = await agent.post('/sign-in', {
      email: resident.email,
      password: t.demo.password,
      return: '/\t/evil.example',
    });
    assert.equal(response.statusCode, 303);
    assert.equal(new URL(String(response.headers.location), ORIGIN).origin, ORIGIN);
  });
});
