/**
 * The search's queries use indexes on both databases: the distance box through the
 * (place, latitude, longitude) index, words through FTS5 or the GIN index, the rest
 * through the listing and link indexes. Not a timing test: it reads the plans.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { queryPlan, startTestKith, type TestKith } from '../../testing.js';
import { explainableBox, explainableLinks, explainableSearch, locationsNear } from './search-store.js';

let t: TestKith;
before(async () => {
  t = await startTestKith({ demo: true });
  // Without statistics SQLite plans as for a big table; queryPlan tells PostgreSQL not to scan.
  if (t.kith.db.dialect === 'postgres') await sql`analyze`.execute(t.kith.db.kysely);
});
after(() => t.close());

const plan = (compiled: { sql: string; parameters: readonly unknown[] }) => queryPlan(t, compiled);

test('the distance box uses the place/latitude/longitude index', async () => {
  const text = await plan(
    explainableBox(t.kith.db.kysely, t.demo.places.calderbrook!.id, { latitude: 53.71, longitude: -1.9 }, 400),
  );
  assert.match(text, /directory_locations_place_lat_lng/, text);
});

test('words + distance + two filters use the full-text index and the link indexes, never a scan of every listing', async () => {
  const placeId = t.demo.places.calderbrook!.id;
  const near = await locationsNear(t.kith.db.kysely, placeId, { latitude: 53.7106, longitude: -1.9032 }, 3200);
  // In a place of any size the locations near a point are a small share of them all; on
  // the demo they are most of the place, where reading the whole index is the cheaper plan,
  // so PostgreSQL is asked about a few.
  const nearby = t.kith.db.dialect === 'sqlite' ? [...near.keys()] : [...near.keys()].slice(0, 3);
  const links = await plan(explainableLinks(t.kith.db.kysely, nearby));
  // Each location's listings are looked up by the location index (answered from it alone on SQLite).
  if (t.kith.db.dialect === 'sqlite')
    assert.match(links, /COVERING INDEX directory_activity_locations_location/, links);
  else {
    assert.match(links, /Index (Only )?Scan (using|on) directory_activity_locations_location /, links);
    assert.match(links, /Index Cond: \(location_id = ANY/, links);
  }
  const [main, words] = explainableSearch(
    t.kith.db.kysely,
    t.kith.db.dialect,
    { placeId, words: ['tea'], freeOnly: true, days: ['TU'], termGroups: [['x']] },
    ['id-1', 'id-2'],
  );
  const text = await plan(main!);
  if (t.kith.db.dialect === 'sqlite') {
    // The listings near the point are looked up by id (never every listing of the place);
    // the words through FTS5.
    assert.match(text, /SEARCH a USING (COVERING )?INDEX sqlite_autoindex_directory_activities_1 \(id=\?\)/, text);
    assert.doesNotMatch(text, /SCAN (a|al|s|t)\b/, text);
    // FTS5 names its plan by constraint: "M" is the MATCH, "=" the candidates' rowids.
    assert.match(await plan(words!), /VIRTUAL TABLE INDEX \d+:=?M/);
  } else {
    // The listings near the point are looked up by id, as on SQLite; PostgreSQL starts from
    // whichever of the words (the GIN index) and the chosen term (its link index) it expects
    // fewer rows from.
    assert.match(text, /Index Scan using directory_activities_pkey on directory_activities a/, text);
    assert.match(text, /Index Cond: \(\(id = .*\) AND \(id = ANY \('\{id-1,id-2\}'/, text);
    assert.match(text, /directory_activity_search_document|directory_attributes_term/, text);
    assert.doesNotMatch(text, /Seq Scan/, text);
  }
});
