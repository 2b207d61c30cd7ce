/**
 * What's on reads a place's events through the (place, status, start, latitude,
 * longitude) index on both databases: never a scan of every event. Reads the plans.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { boundingBox } from '../../platform/postcodes.js';
import { queryPlan, startTestKith, type TestKith } from '../../testing.js';
import { explainablePublicEvents } from './store.js';

let t: TestKith;
before(async () => {
  t = await startTestKith({ demo: true });
});
after(() => t.close());

const weekNear = () =>
  explainablePublicEvents(t.kith.db.kysely, t.demo.places.calderbrook!.id, {
    from: '2027-01-04T00:00:00.000Z',
    to: '2027-01-11T00:00:00.000Z',
    box: boundingBox({ latitude: 53.71, longitude: -1.9 }, 3200),
    limit: 200,
  });

test('the week’s events near a postcode are read through the events’ what’s-on index', async () => {
  if (t.kith.db.dialect === 'sqlite') {
    // Before SQLite has statistics it may take the reminders' (status, start) index: still only the week's events.
    const fresh = await queryPlan(t, weekNear());
    assert.match(
      fresh,
      /SEARCH e USING INDEX \w+ \((place_id=\? AND )?status=\? AND starts_at>\? AND starts_at<\?/,
      fresh,
    );
  }
  await sql`analyze`.execute(t.kith.db.kysely);
  const plan = await queryPlan(t, weekNear());
  assert.match(plan, /groups_events_on/, `the what’s-on index is used: ${plan}`);
  assert.doesNotMatch(plan, /SCAN e\b|Seq Scan on groups_events/, `never every event: ${plan}`);
});
