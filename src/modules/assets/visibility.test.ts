/**
 * Who sees which skills and assets, for every kind of viewer: the service other
 * capabilities use, the asset map's list and map points, and the exports. "Only me" is
 * seen by nobody else, ever.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { hashPassword, insertPerson, insertRole } from '../people/index.js';
import { ANONYMOUS, ROLES, type Actor, type Role } from '../../policy/index.js';
import { Agent, startTestKith, type TestKith } from '../../testing.js';
import { addAsset } from './inventory.js';
import { AssetInput } from './inputs.js';
import type { Visibility } from './schema.js';
import { addSkill, skillsVisibleTo } from './skills.js';

type Viewer = 'anonymous' | Role | 'otherPlaceAdmin' | 'owner';
const VIEWERS: Viewer[] = ['anonymous', ...ROLES, 'otherPlaceAdmin', 'owner'];
const LEVELS: Visibility[] = ['only_me', 'coordinators', 'members', 'public'];

/** Who may see a skill or asset of each visibility: the rule the whole file checks. */
function maySee(viewer: Viewer, level: Visibility): boolean {
  if (viewer === 'owner') return true;
  if (level === 'public') return true;
  if (level === 'members') return viewer !== 'anonymous' && viewer !== 'otherPlaceAdmin';
  if (level === 'coordinators') return viewer === 'coordinator' || viewer === 'admin';
  return false;
}

let t: TestKith;
let placeId: string;
const actors = {} as Record<Viewer, Actor>;
const agents = {} as Record<Viewer, Agent>;
const skillText = (level: Visibility) => `Zebra-skill-${level}`;
const assetName = (level: Visibility) => `Yak-hall-${level}`;

before(async () => {
  t = await startTestKith({ demo: true });
  placeId = t.demo.places.calderbrook!.id;
  const passwordHash = await hashPassword(t.demo.password);
  for (const viewer of VIEWERS) {
    agents[viewer] = new Agent(t);
    if (viewer === 'anonymous') {
      actors[viewer] = ANONYMOUS;
      continue;
    }
    const email = `viewer-${viewer}@test.example`;
    const person = await insertPerson(t.kith.db.kysely, {
      name: `Viewer ${viewer}`,
      email,
      passwordHash,
      language: 'en',
      emailConfirmed: true,
    });
    const [place, role]: [string, Role] =
      viewer === 'otherPlaceAdmin'
        ? [t.demo.places.aberllyn!.id, 'admin']
        : [placeId, viewer === 'owner' ? 'resident' : viewer];
    await insertRole(t.kith.db.kysely, { placeId: place, personId: person.id, role, grantedBy: null });
    actors[viewer] = { personId: person.id, roles: [{ placeId: place, role }] };
    await agents[viewer].signIn(email, t.demo.password);
  }
  const owner = actors.owner.personId!;
  for (const level of LEVELS) {
    await addSkill(t.kith, {
      placeId,
      personId: owner,
      input: { kind: 'skill', description: skillText(level), category: 'practical', visibility: level },
    });
    if (level === 'only_me') continue;
    const input = AssetInput.parse({
      kind: 'physical',
      name: assetName(level),
      description: 'A hall for the visibility test',
      postcode: 'KL1 2BD',
      visibility: level,
    });
    await addAsset(t.kith, { placeId, personId: owner, input });
  }
});
after(() => t.close());

describe('skills each viewer may see', () => {
  test('skillsVisibleTo returns exactly the skills each viewer may see', async () => {
    for (const viewer of VIEWERS) {
      const { skills } = await skillsVisibleTo(t.kith.db.kysely, {
        placeId,
        viewer: actors[viewer],
        words: 'zebra',
        limit: 100,
      });
      const seen = skills.map((s) => s.description).sort();
      const expected = LEVELS.filter((l) => maySee(viewer, l))
        .map(skillText)
        .sort();
      assert.deepEqual(seen, expected, `as ${viewer}`);
    }
  });

  test('the asset map list shows each viewer only what they may see, with the sharer’s name for members only', async () => {
    for (const viewer of VIEWERS) {
      const response = await agents[viewer].get('/places/calderbrook/assets?kind=skills&page=1');
      assert.equal(response.statusCode, 200);
      // Demo skills come first when newest-first is equal: look through every page.
      let html = response.body;
      for (let page = 2; html.includes(`page=${page}`) && page < 10; page++)
        html += (await agents[viewer].get(`/places/calderbrook/assets?kind=skills&page=${page}`)).body;
      for (const level of LEVELS)
        assert.equal(html.includes(skillText(level)), maySee(viewer, level), `${viewer} and a "${level}" skill`);
      const member = viewer !== 'anonymous' && viewer !== 'otherPlaceAdmin';
      assert.equal(html.includes('Shared by Viewer owner'), member, `${viewer} sees the owner’s name`);
    }
  });

  test('“only me” is never in the map’s points, the GeoJSON or the CSV, for anyone but its owner’s own page', async () => {
    for (const viewer of VIEWERS) {
      const map = await agents[viewer].get('/places/calderbrook/assets?view=map');
      const geojson = await agents[viewer].get('/places/calderbrook/assets/export.geojson');
      const csv = await agents[viewer].get('/places/calderbrook/assets/export.csv');
      const points = /data-points="([^"]*)"/.exec(map.body)![1]!.replace(/&quot;/g, '"');
      for (const level of LEVELS) {
        // Skills are never somewhere: never a point, never a feature.
        assert.ok(!points.includes(skillText(level)), `${viewer}: ${level} skill on the map`);
        assert.ok(!geojson.body.includes(skillText(level)), `${viewer}: ${level} skill in GeoJSON`);
        // The CSV has public skills only, whoever downloads it (an export is easily passed on).
        assert.equal(csv.body.includes(skillText(level)), level === 'public', `${viewer}: ${level} skill in CSV`);
      }
      assert.ok(!csv.body.includes('Viewer owner') && !geojson.body.includes('Viewer owner'), 'no names in exports');
      assert.ok(!csv.body.includes('viewer-owner@test.example'), 'no contact details in exports');
    }
  });

  test('the owner sees and manages their own skills; anyone else gets “not found”', async () => {
    const mine = await agents.owner.get('/places/calderbrook/assets/skills');
    for (const level of LEVELS) assert.ok(mine.body.includes(skillText(level)));
    assert.match(mine.body, /Who can see it: Only me/);
    const id = /\/skills\/([0-9a-f-]{36})\/edit/.exec(mine.body)![1]!;
    for (const viewer of ['resident', 'coordinator', 'admin'] as const) {
      assert.equal((await agents[viewer].get(`/places/calderbrook/assets/skills/${id}/edit`)).statusCode, 404);
      assert.equal((await agents[viewer].post(`/places/calderbrook/assets/skills/${id}/remove`)).statusCode, 404);
      const theirs = await agents[viewer].get('/places/calderbrook/assets/skills');
      assert.ok(!theirs.body.includes(skillText('only_me')));
    }
    assert.equal((await agents.owner.get(`/places/calderbrook/assets/skills/${id}/edit`)).statusCode, 200);
  });

  test('a new skill is “only me” until its owner chooses otherwise', async () => {
    const page = await agents.resident.get('/places/calderbrook/assets/skills');
    assert.match(
      page.body,
      /<input class="govuk-radios__input" id="visibility" name="visibility" type="radio" value="only_me" checked/,
    );
  });
});

describe('assets each viewer may see', () => {
  test('list, map points, page, register and exports follow the asset’s visibility', async () => {
    for (const viewer of VIEWERS) {
      const list = await agents[viewer].get('/places/calderbrook/assets?kind=physical&postcode=KL1+2BD&distance=1');
      const map = await agents[viewer].get('/places/calderbrook/assets?kind=physical&view=map');
      const csv = await agents[viewer].get('/places/calderbrook/assets/export.csv');
      const geojson = await agents[viewer].get('/places/calderbrook/assets/export.geojson');
      for (const level of LEVELS.filter((l) => l !== 'only_me')) {
        const want = maySee(viewer, level);
        assert.equal(list.body.includes(assetName(level)), want, `${viewer}: ${level} asset in the list`);
        assert.equal(map.body.includes(assetName(level)), want, `${viewer}: ${level} asset on the map`);
        assert.equal(csv.body.includes(assetName(level)), want, `${viewer}: ${level} asset in CSV`);
        assert.equal(geojson.body.includes(assetName(level)), want, `${viewer}: ${level} asset in GeoJSON`);
      }
      assert.equal(csv.headers['cache-control'], 'private, no-store');
    }
    const hidden = /href="\/places\/calderbrook\/assets\/([0-9a-f-]{36})">Yak-hall-coordinators/.exec(
      (await agents.coordinator.get('/places/calderbrook/assets?kind=physical&postcode=KL1+2BD&distance=1')).body,
    )![1]!;
    assert.equal((await agents.resident.get(`/places/calderbrook/assets/${hidden}`)).statusCode, 404);
    assert.equal((await agents.anonymous.get(`/places/calderbrook/assets/${hidden}`)).statusCode, 404);
    assert.equal((await agents.admin.get(`/places/calderbrook/assets/${hidden}`)).statusCode, 200);
  });

  test('counts per kind count only what the viewer may see', async () => {
    const count = async (viewer: Viewer) => {
      const html = (await agents[viewer].get('/places/calderbrook/assets?postcode=KL1+2BD&distance=1')).body;
      return Number(/Spaces, buildings and land<\/th>\s*<td[^>]*>(\d+)</.exec(html)![1]);
    };
    const anonymous = await count('anonymous');
    assert.equal(await count('resident'), anonymous + 1);
    assert.equal(await count('coordinator'), anonymous + 2);
    assert.equal(await count('otherPlaceAdmin'), anonymous);
  });
});
