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

test('people’s own writing in the other language than the page is marked with its language, and the page’s own is not', async () => {
  // Aberllyn's pages are Welsh unless the reader chooses English.
  const englishReader = await signedInAs(t, 'resident');
  await englishReader.get('/places/aberllyn/activities?lang=en');
  const english = await englishReader.get('/places/aberllyn/activities');
  assert.equal(english.statusCode, 200);
  assert.match(english.body, /<html lang="en"/);
  // Aberllyn's listings are written in Welsh: on an English page a screen reader must read them as Welsh.
  assert.match(english.body, /<span lang="cy">Noson gymdeithasol<\/span>/, 'a Welsh listing is marked Welsh');
  const assets = await englishReader.get('/places/aberllyn/assets');
  assert.match(assets.body, /<span lang="cy">Neuadd y Dref Aberllyn<\/span>/, 'a Welsh asset is marked Welsh');

  const welshReader = await signedInAs(t, 'resident');
  await welshReader.get('/places/calderbrook/activities?lang=cy');
  const welsh = await welshReader.get('/places/calderbrook/activities');
  assert.match(welsh.body, /<html lang="cy"/);
  assert.match(welsh.body, /<span lang="en">[^<]+<\/span>/, 'an English listing on a Welsh page is marked English');
  assert.doesNotMatch(welsh.body, /<span lang="cy">/, 'nothing is marked with the page’s own language');
  const welshAberllyn = await welshReader.get('/places/aberllyn/activities');
  assert.match(welshAberllyn.body, />Noson gymdeithasol</, 'a Welsh listing on a Welsh page is left to the page');
});
