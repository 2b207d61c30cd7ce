import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { Agent, startTestKith, type TestKith } from '../../testing.js';

/**
 * Random input thrown at sign-up and sign-in, as forms and as JSON: Kith never fails
 * with a server error, and a refused request stores nothing.
 */
let t: TestKith;
before(async () => {
  t = await startTestKith({ demo: true });
});
after(() => t.close());

async function counts() {
  const [people, roles, sessions] = await Promise.all(
    (['people', 'place_roles', 'sessions'] as const).map((table) =>
      t.kith.db.kysely
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
    ),
  );
  return { people: Number(people!.n), roles: Number(roles!.n), sessions: Number(sessions!.n) };
}

// Strings that look like what people and attackers type: empty, huge, unicode, markup, SQL.
const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    'a@b',
    'x@example.org',
    "'; drop table people; --",
    '<script>alert(1)</script>',
    '\u0000',
    'calderbrook',
    '𝕂𝕚𝕥𝕙',
    'a'.repeat(300),
  ),
);
const field = fc.option(fc.oneof(text, fc.array(text, { maxLength: 3 })), { nil: undefined });
const signUpBody = fc.record({ name: field, email: field, password: field, place: field }, { requiredKeys: [] });
const signInBody = fc.record({ email: field, password: field, return: field }, { requiredKeys: [] });

function formFields(body: Record<string, unknown>): Record<string, string | string[]> {
  const fields: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(body)) if (v !== undefined) fields[k] = v as string | string[];
  return fields;
}

describe('random input to sign-up and sign-in', () => {
  test('the sign-up form never fails and never stores a refused submission', async () => {
    const agent = new Agent(t);
    await fc.assert(
      fc.asyncProperty(signUpBody, async (body) => {
        const before = await counts();
        const response = await agent.post('/sign-up', formFields(body));
        assert.ok(response.statusCode < 500, `server error for ${JSON.stringify(body)}`);
        if (response.statusCode !== 303) assert.deepEqual(await counts(), before);
      }),
      { numRuns: 60 },
    );
  });

  test('the sign-up API never fails and never stores a refused request', async () => {
    const agent = new Agent(t);
    await fc.assert(
      fc.asyncProperty(fc.oneof(signUpBody, fc.jsonValue()), async (body) => {
        const before = await counts();
        const response = await agent.json('POST', '/api/v1/accounts', body);
        assert.ok(response.statusCode < 500, `server error for ${JSON.stringify(body)}`);
        if (response.statusCode !== 202) {
          assert.equal(response.headers['content-type'], 'application/problem+json; charset=utf-8');
          assert.deepEqual(await counts(), before);
        }
      }),
      { numRuns: 60 },
    );
  });

  test('the sign-in form and API never fail and never start a session on refused input', async () => {
    const agent = new Agent(t);
    await fc.assert(
      fc.asyncProperty(signInBody, fc.boolean(), async (body, asJson) => {
        const before = await counts();
        const response = asJson
          ? await agent.json('POST', '/api/v1/sessions', body)
          : await agent.post('/sign-in', formFields(body));
        assert.ok(response.statusCode < 500, `server error for ${JSON.stringify(body)}`);
        assert.notEqual(response.statusCode, asJson ? 201 : 303, 'random input signed someone in');
        assert.deepEqual(await counts(), before);
      }),
      { numRuns: 60 },
    );
  });

  test('a valid sign-up among random ones is stored exactly once', async () => {
    const agent = new Agent(t);
    await fc.assert(
      fc.asyncProperty(
        fc.uuid(),
        fc
          .string({ minLength: 1, maxLength: 30 })
          .filter((s) => s.trim().length > 0 && !/[\u0000-\u001f\u007f]/.test(s)),
        async (id, name) => {
          const email = `p-${id}@example.org`;
          const before = await counts();
          const response = await agent.post('/sign-up', {
            name,
            email,
            password: 'a sound password',
            place: 'aberllyn',
          });
          assert.equal(response.statusCode, 303);
          const after = await counts();
          assert.equal(after.people, before.people + 1);
          assert.equal(after.roles, before.roles + 1);
        },
      ),
      { numRuns: 15 },
    );
  });
});
