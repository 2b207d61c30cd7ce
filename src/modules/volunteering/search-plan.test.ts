/**
 * The opportunity search's queries use indexes on both databases: a word through the
 * words index, a distance through the (place, latitude, longitude) index, and newest
 * first through the (place, status, updated_at, id) index without a sort. Not a
 * timing test: it reads the plans.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { queryPlan, startTestKith, type TestKith } from '../../testing.js';
import { opportunitySearch, type SearchFilters } from './store.js';

let t: TestKith;
before(async () => {
  t = await startTestKith({ demo: true });
  if (t.kith.db.dialect === 'postgres') await sql`analyze`.execute(t.kith.db.kysely);
});
after(() => t.close());

const plan = (compiled: { sql: string; parameters: readonly unknown[] }) => queryPlan(t, compiled);

const none: SearchFilters = {
  words: [],
  interests: 0,
  days: 0,
  times: 0,
  commitment: null,
  remoteOnly: false,
  box: null,
};
const place = () => t.demo.places.calderbrook!.id;

test('a word is looked up in the words index, and each role by its id', async () => {
  const text = await plan(
    opportunitySearch(t.kith.db.kysely, place(), { ...none, words: ['garden'], interests: 4 }, 50, null).compile(),
  );
  if (t.kith.db.dialect === 'sqlite') {
    assert.match(
      text,
      /SEARCH w USING (COVERING )?INDEX \w*volunteering_opportunity_words\w* \(place_id=\? AND word=\?\)/,
      text,
    );
    assert.match(text, /SEARCH o USING INDEX \w+ \(id=\?\)/, text);
    assert.doesNotMatch(text, /SCAN (o|w)\b/, text);
  } else {
    assert.match(text, /volunteering_opportunity_words_pk/, text);
    assert.doesNotMatch(text, /Seq Scan/, text);
  }
});

test('a distance is answered through an index, never by reading every role', async () => {
  const box = { minLat: 53.7, maxLat: 53.72, minLng: -1.92, maxLng: -1.88 };
  const text = await plan(opportunitySearch(t.kith.db.kysely, place(), { ...none, box }, 50, false).compile());
  if (t.kith.db.dialect === 'sqlite') {
    assert.match(text, /volunteering_opportunities_point/, text);
    assert.doesNotMatch(text, /SCAN o\b/, text);
  } else {
    // PostgreSQL weighs the box's range against reading the newest roles in order by its
    // statistics (on the demo's handful it reads in order and stops at the limit); either
    // way it goes through an index of the place's roles.
    assert.match(text, /Index Scan.*(volunteering_opportunities_point|volunteering_opportunities_search)/, text);
    assert.doesNotMatch(text, /Seq Scan/, text);
  }
});

test('the newest open roles are read in index order, without sorting them all', async () => {
  const text = await plan(opportunitySearch(t.kith.db.kysely, place(), none, 50, null).compile());
  assert.match(text, /volunteering_opportunities_search/, text);
  if (t.kith.db.dialect === 'sqlite') assert.doesNotMatch(text, /TEMP B-TREE/, text);
  else assert.doesNotMatch(text, /Seq Scan|Sort/, text);
});
