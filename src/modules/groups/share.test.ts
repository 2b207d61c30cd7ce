import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { addDays, todayInPlace } from '../../platform/dates.js';
import { Agent, newMember, startTestKith, type TestKith } from '../../testing.js';
import { missingGlyphs, wrapText } from '../../web/share-image.js';
import { createEvent } from './events.js';
import { startGroup } from './groups.js';
import { findGroup } from './store.js';

let t: TestKith;
let placeId: string;
const base = '/places/calderbrook/groups';

before(async () => {
  t = await startTestKith({ demo: true });
  placeId = t.demo.places.calderbrook!.id;
});
after(() => t.close());

/** The width and height a PNG says it has, from its IHDR chunk; throws when it is not a PNG. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  assert.ok(bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])), 'a PNG');
  assert.equal(bytes.subarray(12, 16).toString('latin1'), 'IHDR', 'the PNG starts with its header');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

async function groupWithEvent(name: string, joining: 'open' | 'approval', title: string) {
  const { id: organiserId } = await newMember(t, placeId, `Organiser of ${name}`);
  const groupId = await startGroup(t.kith, {
    placeId,
    personId: organiserId,
    input: { name, purpose: 'Sharing', area: '', languages: '', joining },
  });
  const group = (await findGroup(t.kith.db.kysely, placeId, groupId))!;
  const eventId = await createEvent(t.kith, {
    group,
    personId: organiserId,
    input: {
      title,
      description: '',
      date: addDays(todayInPlace(), 9),
      from: '18:00',
      to: '19:00',
      weeks: null,
      mode: 'online',
      venue: '',
      address: '',
      onlineLink: 'https://meet.example/x',
      capacity: null,
      forChildren: false,
      safeguardingContact: '',
    },
  });
  return { groupId, eventId };
}

describe('share images', () => {
  test('a public group’s and event’s pages name a 1200×630 PNG that Kith draws, tagged by what it shows', async () => {
    const { groupId, eventId } = await groupWithEvent('Caffi Trwsio Ŵyl', 'open', 'Noson gymdeithasol ŷd â’r ŵyl');
    for (const path of [`${base}/${groupId}`, `${base}/events/${eventId}`]) {
      const html = (await new Agent(t).get(path)).body;
      const url = /<meta property="og:image" content="([^"]+)">/.exec(html)?.[1];
      assert.ok(url, `the page ${path} names its share image`);
      assert.match(html, /<meta property="og:image:width" content="1200">/, 'its width');
      assert.match(html, /<meta property="og:image:height" content="630">/, 'its height');
      assert.match(html, /<meta name="twitter:image" content="[^"]+share\.png\?in=en">/, 'X is given it too');
      const image = await new Agent(t).get(new URL(url.replace(/&amp;/g, '&')).pathname + '?in=en');
      assert.equal(image.statusCode, 200, 'the image is there for anyone');
      assert.match(String(image.headers['content-type']), /^image\/png/, 'it is a PNG');
      assert.deepEqual(pngSize(image.rawPayload), { width: 1200, height: 630 }, 'at the size social sites ask for');
      assert.match(String(image.headers['cache-control']), /public, max-age=\d+/, 'caches may keep it');
      const etag = String(image.headers.etag);
      assert.ok(etag.length > 10, 'it carries a tag of its content');
      const again = await new Agent(t).get(`${path}/share.png?in=en`, { 'if-none-match': etag });
      assert.equal(again.statusCode, 304, 'asked again with the tag, nothing is sent');
    }
  });

  test('different titles give different images; the Welsh page’s image is drawn in Welsh', async () => {
    const one = await groupWithEvent('Gardeners one', 'open', 'Seed swap');
    const two = await groupWithEvent('Gardeners two', 'open', 'Bulb planting');
    const first = await new Agent(t).get(`${base}/events/${one.eventId}/share.png?in=en`);
    const second = await new Agent(t).get(`${base}/events/${two.eventId}/share.png?in=en`);
    assert.notEqual(first.headers.etag, second.headers.etag, 'each title has its own tag');
    assert.ok(!first.rawPayload.equals(second.rawPayload), 'and its own picture');
    const welsh = await new Agent(t).get(`${base}/events/${one.eventId}/share.png?in=cy`);
    assert.notEqual(welsh.headers.etag, first.headers.etag, 'the date in Welsh is another image');
  });

  test('a members-only group’s and event’s images are not there, nor a hidden or unknown one', async () => {
    const { groupId, eventId } = await groupWithEvent('Private circle', 'approval', 'Members’ supper');
    for (const path of [`${base}/${groupId}/share.png`, `${base}/events/${eventId}/share.png`]) {
      assert.equal((await new Agent(t).get(path)).statusCode, 404, `${path} is not found by a stranger`);
    }
    const html = (await new Agent(t).get(`${base}/${groupId}`)).body;
    assert.doesNotMatch(html, /og:image/, 'the private group’s page names no share image');
    assert.equal((await new Agent(t).get(`${base}/no-such-group/share.png`)).statusCode, 404, 'unknown group');
  });

  test('the images’ fonts have every Welsh letter', () => {
    assert.deepEqual(
      missingGlyphs('ŵŷâêîôûëïöüÿáéíóúàèìòùŴŶÂÊÎÔÛ’‘“”–…£€ Dydd Iau 10 Rhagfyr'),
      [],
      'circumflexes, diaereses, accents and typographic punctuation are all drawn',
    );
  });

  test('a long title is cut to three lines ending in an ellipsis; a long word is broken', () => {
    const measure = (s: string) => s.length * 10;
    const lines = wrapText(measure, 'one two three four five six seven eight nine ten eleven twelve', 100, 3);
    assert.equal(lines.length, 3, 'three lines at most');
    assert.ok(
      lines.every((l) => measure(l) <= 100),
      'each fits',
    );
    assert.match(lines[2]!, /…$/, 'the last says there is more');
    const broken = wrapText(measure, 'Llanfairpwllgwyngyllgogerychwyrndrobwll', 100, 3);
    assert.ok(
      broken.every((l) => measure(l) <= 100),
      `an overlong word is broken to fit: ${broken.join('|')}`,
    );
    assert.deepEqual(wrapText(measure, 'Short', 100, 3), ['Short'], 'a short title is as it is');
  });
});
