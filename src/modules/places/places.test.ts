import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestKith, type TestKith } from '../../testing.js';
import { placeName } from './index.js';
import { PlaceInput } from './places.js';

let t: TestKith;
before(async () => {
  t = await startTestKith({ demo: true });
});
after(() => t.close());

describe('places', () => {
  test('a slug is a lower-case address part, never one the Open Referral UK feed uses', () => {
    assert.equal(PlaceInput.parse({ slug: ' Riverside-Town ', name: 'Riverside' }).slug, 'riverside-town');
    for (const slug of ['river side', 'river--side', '-river', 'services', 'taxonomies', 'x'.repeat(61)])
      assert.equal(PlaceInput.safeParse({ slug, name: 'Riverside' }).success, false, slug);
    assert.equal(PlaceInput.safeParse({ slug: 'riverside', name: '  ' }).success, false);
  });

  test('a place is named in Welsh to a Welsh reader where it has a Welsh name', () => {
    const place = { name: 'Cardiff', nameCy: 'Caerdydd' };
    assert.equal(placeName(place, 'cy'), 'Caerdydd');
    assert.equal(placeName(place, 'en'), 'Cardiff');
    assert.equal(placeName({ name: 'Calderbrook', nameCy: null }, 'cy'), 'Calderbrook');
  });

  test("a place's home page names it, and an unknown place is not found", async () => {
    const home = await t.app.inject({ method: 'GET', url: '/places/calderbrook' });
    assert.equal(home.statusCode, 200);
    assert.match(home.body, /Calderbrook/);
    assert.equal((await t.app.inject({ method: 'GET', url: '/places/nowhere-at-all' })).statusCode, 404);
  });
});
