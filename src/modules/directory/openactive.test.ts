/**
 * The OpenActive feed: physical activity as an RPDE 1.0 feed of SessionSeries that an activity
 * finder can walk from the start and then keep in step, on SQLite and PostgreSQL alike.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Agent, startTestKith, type TestKith } from '../../testing.js';

let t: TestKith;
let agent: Agent;
const FEED = '/api/openactive/calderbrook/session-series';

before(async () => {
  t = await startTestKith({ demo: true });
  agent = new Agent(t);
});
after(() => t.close());

interface Item {
  state: 'updated' | 'deleted';
  kind: string;
  id: string;
  modified: number;
  data?: SessionSeries;
}
interface SessionSeries {
  '@context': string;
  '@type': string;
  name: string;
  url: string;
  organizer: { '@type': string };
  isAccessibleForFree?: boolean;
  offers?: unknown[];
  activity: Array<{ prefLabel: string }>;
  eventSchedule: Array<{ '@type': string; byDay: string[]; startTime: string; endTime: string }>;
  location: { '@type': string; address: { '@type': string } };
}
interface Page {
  next: string;
  items: Item[];
  license: string;
}

async function getPage(url: string): Promise<Page> {
  const response = await agent.get(url);
  assert.equal(response.statusCode, 200, `${url} answered ${response.statusCode}: ${response.body}`);
  assert.equal(response.headers['access-control-allow-origin'], '*', `${url} is open to any web page`);
  return JSON.parse(response.body) as Page;
}

/** Follows next from a URL until a page has no items; every item read, in order, and the last next. */
async function walk(from: string): Promise<{ items: Item[]; last: string; pages: number }> {
  const items: Item[] = [];
  let url = from;
  for (let pages = 1; pages < 500; pages++) {
    const page = await getPage(url);
    if (!page.items.length) {
      assert.equal(
        new URL(page.next).pathname + new URL(page.next).search,
        url.startsWith('http') ? new URL(url).pathname + new URL(url).search : url,
        'the last page points to itself',
      );
      return { items, last: page.next, pages };
    }
    items.push(...page.items);
    url = new URL(page.next).pathname + new URL(page.next).search;
  }
  throw new Error('the feed never ended');
}

const pathOf = (next: string) => new URL(next).pathname + new URL(next).search;

describe('OpenActive feed of physical activity', () => {
  test('the first page lists the place’s walks and classes as SessionSeries, under an open licence', async () => {
    const page = await getPage(FEED);
    assert.equal(page.license, 'https://creativecommons.org/licenses/by/4.0/', 'CC BY 4.0');
    assert.ok(page.next.startsWith('http'), 'next is an absolute address');
    const live = page.items.filter((i) => i.state === 'updated');
    assert.ok(live.length > 0, 'the demo place has physical activity in the feed');
    for (const item of live) {
      assert.equal(item.kind, 'SessionSeries', 'each item is a SessionSeries');
      assert.ok(Number.isInteger(item.modified), 'modified is an integer');
      assert.equal(item.data!['@context'], 'https://openactive.io/', 'OpenActive context');
      assert.equal(item.data!['@type'], 'SessionSeries', 'typed SessionSeries');
      assert.ok(item.data!.name && item.data!.url, `${item.id} has a name and an address`);
      assert.equal(item.data!.organizer['@type'], 'Organization', 'with who runs it');
    }
    const walk = live.find((i) => i.data!.name === 'Health walk');
    assert.ok(walk, 'the health walk is in the feed');
    assert.equal(walk.data!.isAccessibleForFree, true, 'free, and says so');
    assert.ok(!walk.data!.offers, 'a free session has no offers');
    assert.equal(walk.data!.activity[0]!.prefLabel, 'Walking', 'from the OpenActive activity list');
    const schedule = walk.data!.eventSchedule[0]!;
    assert.equal(schedule['@type'], 'PartialSchedule', 'its times are a PartialSchedule');
    assert.deepEqual(schedule.byDay, ['https://schema.org/Wednesday'], 'on Wednesdays, as a schema.org day');
    assert.equal(schedule.startTime, '10:30', 'starting at half past ten');
    assert.equal(schedule.endTime, '11:30', 'ending at half past eleven');
    assert.equal(walk.data!.location['@type'], 'Place', 'at a place');
    assert.equal(walk.data!.location.address['@type'], 'PostalAddress', 'with an address');
    assert.ok(walk.data!.url.includes('/places/calderbrook/activities/'), 'the url is the walk’s page in Kith');

    const names = live.map((i) => i.data!.name);
    const allNames = JSON.parse((await agent.get('/api/oruk/calderbrook/services?per_page=500')).body).contents.map(
      (s: { name: string }) => s.name,
    ) as string[];
    assert.ok(allNames.length > names.length, 'listings that are not physical activity are left out');
  });

  test('paging walks every item once, without gaps or repeats, even when several share a modified time', async () => {
    const everything = (await walk(`${FEED}?limit=500`)).items;
    const physical = everything.filter((i) => i.state === 'updated').slice(0, 5);
    assert.ok(physical.length === 5, 'five listings to share a time');
    // Five listings changed in the same millisecond, as an import does.
    const shared = new Date(Date.now() - 60_000).toISOString();
    await t.kith.db.kysely
      .updateTable('directory_activities')
      .set({ updated_at: shared })
      .where(
        'id',
        'in',
        physical.map((i) => i.id),
      )
      .execute();

    const all = (await walk(`${FEED}?limit=500`)).items;
    const paged = await walk(`${FEED}?limit=2`);
    assert.ok(paged.pages > 3, 'it took several pages');
    assert.deepEqual(
      paged.items.map((i) => i.id),
      all.map((i) => i.id),
      'two at a time reads the same items in the same order as all at once',
    );
    assert.equal(new Set(paged.items.map((i) => i.id)).size, paged.items.length, 'no item twice');
    const sameTime = paged.items.filter((i) => i.modified === Date.parse(shared));
    assert.equal(sameTime.length, 5, 'all five that share a time are there');
    for (let i = 1; i < paged.items.length; i++) {
      const [a, b] = [paged.items[i - 1]!, paged.items[i]!];
      assert.ok(a.modified < b.modified || (a.modified === b.modified && a.id < b.id), 'ordered by modified, then id');
    }
  });

  test('an edit moves the listing to the end of the feed, where a finder that read it all picks it up', async () => {
    const { items, last } = await walk(FEED);
    assert.deepEqual(await getPage(pathOf(last)).then((p) => p.items), [], 'nothing new yet');
    const edited = items.find((i) => i.state === 'updated')!;
    await new Promise((resolve) => setTimeout(resolve, 5));
    const { touchPublishedListings } = await import('./listings-store.js');
    await touchPublishedListings(t.kith.db.kysely, t.demo.places.calderbrook!.id, [edited.id]);

    const since = await walk(pathOf(last));
    assert.deepEqual(
      since.items.map((i) => [i.id, i.state]),
      [[edited.id, 'updated']],
      'the edited listing, and only it, comes after the last page read',
    );
    assert.ok(since.items[0]!.modified > edited.modified, 'with a greater modified');
    const again = (await walk(FEED)).items;
    assert.equal(again.at(-1)!.id, edited.id, 'read from the start, it is now last');
    assert.equal(again.filter((i) => i.id === edited.id).length, 1, 'and only there');
  });

  test('a listing taken out of the directory appears as deleted, with no data', async () => {
    const { items, last } = await walk(FEED);
    const leaving = items.find((i) => i.state === 'updated')!;
    await new Promise((resolve) => setTimeout(resolve, 5));
    const { moderateListing } = await import('./listings.js');
    await moderateListing(t.kith, {
      placeId: t.demo.places.calderbrook!.id,
      activityId: leaving.id,
      actorId: t.demo.people.admin!.id,
      byModerator: true,
      action: 'requestChanges',
      reason: 'The walk has stopped for the winter',
    });
    const since = (await walk(pathOf(last))).items;
    assert.equal(since.length, 1, 'one change since');
    assert.equal(since[0]!.id, leaving.id, 'the listing that left');
    assert.equal(since[0]!.state, 'deleted', 'marked deleted');
    assert.equal(since[0]!.data, undefined, 'without data');
    const again = (await walk(FEED)).items;
    assert.equal(again.filter((i) => i.id === leaving.id).length, 1, 'it is in the feed once, as deleted');
  });

  test('only what was in the feed is ever said to be deleted: a listing that loses the tag is, one never tagged is not', async () => {
    const { writeListing } = await import('./listings-store.js');
    const placeId = t.demo.places.calderbrook!.id;
    const db = t.kith.db.kysely;
    const physical = await db
      .selectFrom('directory_taxonomy_terms')
      .select('id')
      .where('place_id', '=', placeId)
      .where('code', '=', 'physical-activity')
      .executeTakeFirstOrThrow();
    const organisation = await db
      .selectFrom('directory_organisations')
      .select('id')
      .where('place_id', '=', placeId)
      .executeTakeFirstOrThrow();
    const input = (termIds: string[]) => ({
      name: 'Canal-side yoga',
      description: 'Gentle yoga by the canal.',
      howToJoin: 'Just come',
      whoFor: 'Anyone',
      url: null,
      email: null,
      phone: null,
      status: 'active' as const,
      alert: null,
      minimumAge: null,
      maximumAge: null,
      costs: [{ kind: 'free' as const, amountPence: null, option: null, amountDescription: null }],
      schedules: [],
      locations: [],
      languages: ['en'],
      termIds,
      contacts: [],
    });
    const { last } = await walk(FEED);
    const write = (id: string | undefined, termIds: string[]) =>
      t.kith.db.transaction((trx) =>
        writeListing(trx, {
          placeId,
          organisationId: organisation.id,
          id,
          input: input(termIds),
          state: 'published',
          actorId: null,
        }),
      );
    const yoga = await write(undefined, [physical.id]);
    const quiz = await t.kith.db.transaction((trx) =>
      writeListing(trx, {
        placeId,
        organisationId: organisation.id,
        input: { ...input([]), name: 'Pub quiz' },
        state: 'published',
        actorId: null,
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 5));
    const added = (await walk(pathOf(last))).items;
    assert.deepEqual(
      added.map((i) => [i.id, i.state]),
      [[yoga.id, 'updated']],
      'the new yoga class is in the feed; the pub quiz, never physical activity, is not mentioned',
    );
    const { last: afterAdding } = await walk(pathOf(last));
    await write(yoga.id, []);
    const left = (await walk(pathOf(afterAdding))).items;
    assert.deepEqual(
      left.map((i) => [i.id, i.state]),
      [[yoga.id, 'deleted']],
      'untagged, it is deleted once',
    );
    await new Promise((resolve) => setTimeout(resolve, 5));
    await write(yoga.id, [physical.id]);
    const everything = (await walk(FEED)).items;
    assert.deepEqual(
      everything.filter((i) => i.id === yoga.id).map((i) => i.state),
      ['updated'],
      'tagged again, it is back as itself, once',
    );
    assert.ok(!everything.some((i) => i.id === quiz.id), 'the pub quiz is never in the feed, not even as deleted');
  });

  test('bad paging parameters are refused with a problem, not read as the first page', async () => {
    for (const query of [
      'afterTimestamp=yesterday&afterId=x',
      'afterTimestamp=1700000000000',
      'afterId=abc',
      'limit=0',
      'limit=lots',
      'colour=blue',
    ]) {
      const response = await agent.get(`${FEED}?${query}`);
      assert.equal(response.statusCode, 400, `${query} is refused`);
      assert.match(
        response.headers['content-type'] as string,
        /application\/problem\+json/,
        `${query} gets a problem body`,
      );
    }
    assert.equal((await agent.get('/api/openactive/nowhere/session-series')).statusCode, 404, 'no such place');
  });

  test('the feed is described in the OpenAPI document', async () => {
    const doc = JSON.parse((await agent.get('/api/openapi.json')).body);
    const op = doc.paths['/api/openactive/{place}/session-series']?.get;
    assert.ok(op, 'the feed is in the API description');
    const names = (op.parameters as Array<{ name: string }>).map((p) => p.name);
    assert.ok(names.includes('afterTimestamp') && names.includes('afterId'), 'with its paging parameters');
  });
});
