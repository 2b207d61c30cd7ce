import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { signedInAs, startTestKith, type TestKith } from '../testing.js';

let t: TestKith;
before(async () => {
  t = await startTestKith({ demo: true });
});
after(() => t.close());

async function savedLanguage(id: string) {
  const row = await t.kith.db.kysely
    .selectFrom('people')
    .select('language')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return row.language;
}

test('choosing Welsh with a link shows Welsh pages but does not change the account (a GET changes nothing stored)', async () => {
  const resident = t.demo.people.resident!;
  const agent = await signedInAs(t, 'resident');
  assert.equal(await savedLanguage(resident.id), 'en');
  // As a link on another site could make the browser do.
  const response = await agent.get('/account?lang=cy', { referer: 'https://elsewhere.example/' });
  assert.equal(response.statusCode, 303);
  assert.equal(agent.cookies.get('kith_lang'), 'cy');
  assert.match((await agent.get('/account')).body, /<html lang="cy"/);
  assert.equal(await savedLanguage(resident.id), 'en');

  // Saving it for the account is an explicit form post.
  const saved = await agent.post('/account/edit', { name: resident.name, language: 'cy' });
  assert.equal(saved.statusCode, 303);
  assert.equal(await savedLanguage(resident.id), 'cy');
});
