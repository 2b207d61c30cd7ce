import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { Agent, startTestKith, type TestKith } from '../../testing.js';
import { findActivities, searchDatabase } from './finder.js';
import { parseSearchQuery } from './search.js';
import { directoryVersion } from './search-store.js';

let t: TestKith;
let placeId: string;
const P = '/places/calderbrook';

before(async () => {
  t = await startTestKith({ demo: true });
  placeId = (await t.kith.db.kysely
    .selectFrom('places')
    .select('id')
    .where('slug', '=', 'calderbrook')
    .executeTakeFirstOrThrow())!.id;
});
after(() => t.close());

const firstResult = (html: string) =>
  /<h3 class="govuk-heading-s govuk-!-margin-bottom-1"><a class="govuk-link" href="[^"]+">([^<]+)<\/a>/.exec(html)?.[1];

/** A published listing of the place, renamed straight in the database, as another process or the command line might. */
async function renameSomeListing(name: string): Promise<void> {
  const listing = await t.kith.db.kysely
    .selectFrom('directory_activities')
    .select('id')
    .where('place_id', '=', placeId)
    .where('state', '=', 'published')
    .orderBy('name', 'desc')
    .executeTakeFirstOrThrow();
  await t.kith.db.kysely.updateTable('directory_activities').set({ name }).where('id', '=', listing.id).execute();
}

describe('the search page never shows what has changed since', () => {
  test('a listing renamed by any writer shows renamed on the very next search', async () => {
    const anyone = new Agent(t);
    const before = await anyone.get(`${P}/activities`);
    assert.equal(before.statusCode, 200);
    const again = await anyone.get(`${P}/activities`);
    assert.equal(again.body, before.body, 'the same page for the same search');
    assert.match(String(again.headers['content-security-policy']), /script-src 'self'/, 'with the same headers');
    assert.equal(again.headers['set-cookie'], undefined);

    const versionBefore = await directoryVersion(t.kith.db.kysely, placeId);
    await renameSomeListing('Aardvark appreciation afternoon');
    assert.ok((await directoryVersion(t.kith.db.kysely, placeId)) > versionBefore, 'the change raised the version');

    const after = await anyone.get(`${P}/activities`);
    assert.equal(firstResult(after.body), 'Aardvark appreciation afternoon');
  });

  test('a browser that has the page gets "not modified" until the directory changes', async () => {
    const anyone = new Agent(t);
    await anyone.get(`${P}/activities?sort=name`);
    const page = await anyone.get(`${P}/activities?sort=name`);
    const etag = page.headers.etag as string;
    assert.ok(etag, 'the page has an ETag');
    assert.equal(page.headers['cache-control'], 'private, no-cache');
    const unchanged = await t.app.inject({ url: `${P}/activities?sort=name`, headers: { 'if-none-match': etag } });
    assert.equal(unchanged.statusCode, 304);
    assert.equal(unchanged.body, '');

    await renameSomeListing('Abbey walks');
    const changed = await t.app.inject({ url: `${P}/activities?sort=name`, headers: { 'if-none-match': etag } });
    assert.equal(changed.statusCode, 200);
    assert.notEqual(changed.headers.etag, etag);
    assert.match(changed.body, />Abbey walks</);
  });

  test('a browser that takes gzip gets the same page, a sixth of the size', async () => {
    const url = `${P}/activities?q=club`;
    const plain = await t.app.inject({ url });
    const gzipped = await t.app.inject({ url, headers: { 'accept-encoding': 'gzip, deflate, br' } });
    assert.equal(gzipped.headers['content-encoding'], 'gzip');
    assert.equal(gunzipSync(gzipped.rawPayload).toString('utf8'), plain.body);
    assert.ok(gzipped.rawPayload.length < plain.rawPayload.length / 3);
    assert.notEqual(gzipped.headers.etag, plain.headers.etag);
  });

  test('someone signed in gets their own page, never one kept for others', async () => {
    const anyone = new Agent(t);
    await anyone.get(`${P}/activities`);
    const organiser = new Agent(t);
    await organiser.signIn('organiser@calderbrook.example', t.demo.password);
    const mine = await organiser.get(`${P}/activities`);
    assert.equal(mine.statusCode, 200);
    assert.equal(mine.headers['cache-control'], 'no-store');
    assert.equal(mine.headers.etag, undefined);
    assert.match(mine.body, /Sign out/);
  });
});

describe('kept results are the results the database gives', () => {
  test('for words, filters, a point and pages, before and after an edit', async () => {
    const point = await t.kith.db.kysely
      .selectFrom('directory_locations')
      .select(['latitude', 'longitude'])
      .where('place_id', '=', placeId)
      .where('latitude', 'is not', null)
      .executeTakeFirstOrThrow();
    const queries = [
      {},
      { q: 'walk' },
      { q: 'community group', free: '1' },
      { day: 'tuesday', time: 'morning' },
      { age: '70' },
      { page: '2' },
      { sort: 'name', q: 'lunch' },
      { lat: String(point.latitude), lng: String(point.longitude), distance: '5' },
      { lat: String(point.latitude), lng: String(point.longitude), distance: '2', q: 'club' },
    ];
    const check = async () => {
      for (const query of queries) {
        const params = parseSearchQuery(query).value;
        const at = params.point;
        const fresh = await searchDatabase(t.kith.db, placeId, params, at, 20);
        await findActivities(t.kith.db, placeId, params, at, 20);
        const kept = await findActivities(t.kith.db, placeId, params, at, 20);
        assert.deepEqual(
          kept.results.map((r) => [r.listing.activity.id, r.listing.activity.name, r.distanceMetres]),
          fresh.results.map((r) => [r.listing.activity.id, r.listing.activity.name, r.distanceMetres]),
          JSON.stringify(query),
        );
        assert.equal(kept.total, fresh.total, JSON.stringify(query));
      }
    };
    await check();
    await renameSomeListing('Abacus club for walkers');
    await check();
  });
});
