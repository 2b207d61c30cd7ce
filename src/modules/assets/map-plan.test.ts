/**
 * The asset map's queries that grow with a place use indexes on both databases: a page
 * of skills newest first, the count of skills a viewer may see, and the area filter's
 * box. Not a timing test: it reads the plans (figures are in bench/steps/assets.ts).
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { queryPlan, startTestKith, type TestKith } from '../../testing.js';
import { explainable } from './store.js';

let t: TestKith;
let plans: Record<'skillPage' | 'skillCount' | 'box', string>;

before(async () => {
  t = await startTestKith({ demo: true });
  // Statistics and the visibility map, as autovacuum keeps them in a place that has been running a while.
  if (t.kith.db.dialect === 'postgres') await sql`vacuum analyze`.execute(t.kith.db.kysely);
  const viewing = {
    placeId: t.demo.places.calderbrook!.id,
    levels: ['public', 'members'] as const,
    viewerId: t.demo.people.resident!.id,
  };
  const compiled = explainable(
    t.kith.db.kysely,
    { ...viewing, levels: [...viewing.levels] },
    { minLat: 53.69, maxLat: 53.73, minLng: -1.94, maxLng: -1.87 },
  );
  plans = {
    skillPage: await plan(compiled.skillPage),
    skillCount: await plan(compiled.skillCount),
    box: await plan(compiled.box),
  };
});
after(() => t.close());

const plan = (compiled: { sql: string; parameters: readonly unknown[] }) => queryPlan(t, compiled);

test('a page of skills, newest first, walks the place/created index instead of sorting every skill', () => {
  if (t.kith.db.dialect === 'sqlite') {
    assert.match(plans.skillPage, /asset_skills_place_created/, plans.skillPage);
    assert.doesNotMatch(plans.skillPage, /TEMP B-TREE/, plans.skillPage);
  } else {
    assert.match(
      plans.skillPage,
      /Index Scan( Backward)? using asset_skills_place_created on asset_skills/,
      plans.skillPage,
    );
    assert.doesNotMatch(plans.skillPage, /Seq Scan|Sort/, plans.skillPage);
  }
});

test('the count of skills a viewer may see comes from an index alone', () => {
  if (t.kith.db.dialect === 'sqlite')
    assert.match(plans.skillCount, /COVERING INDEX asset_skills_place_visibility/, plans.skillCount);
  else {
    assert.match(
      plans.skillCount,
      /Index Only Scan using asset_skills_place_visibility on asset_skills/,
      plans.skillCount,
    );
    assert.doesNotMatch(plans.skillCount, /Seq Scan/, plans.skillCount);
  }
});

test('the area filter reads its box through an index', () => {
  if (t.kith.db.dialect === 'sqlite') assert.doesNotMatch(plans.box, /SCAN community_assets/, plans.box);
  else {
    assert.match(plans.box, /Scan (using|on) community_assets_place_lat_lng /, plans.box);
    assert.doesNotMatch(plans.box, /Seq Scan/, plans.box);
  }
});
