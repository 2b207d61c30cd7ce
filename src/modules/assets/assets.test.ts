/**
 * The asset map's inventory and pages: adding skills and assets with clear messages
 * beside the fields, the map's filters and counts, the exports' shape, the place's home
 * page, Welsh, and a person's download and erasure of what they shared.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { exportPersonalData } from '../people/index.js';
import { Agent, fieldErrors, pageText, startTestKith, type TestKith } from '../../testing.js';
import { pointForPostcode } from '../directory/index.js';
import { CSV_COLUMNS } from './exports.js';
import { skillsVisibleTo } from './skills.js';

let t: TestKith;
const base = '/places/calderbrook/assets';

before(async () => {
  t = await startTestKith({ demo: true });
});
after(() => t.close());

async function signedIn(who: string): Promise<Agent> {
  const agent = new Agent(t);
  await agent.signIn(who, t.demo.password);
  return agent;
}

describe('sharing skills and passions', () => {
  test('a resident adds a skill for members, sees it, changes it and removes it; mistakes are shown beside the fields', async () => {
    const kemi = await signedIn('kemi@calderbrook.example');
    const empty = await kemi.post(`${base}/skills`, { visibility: 'public' });
    assert.equal(empty.statusCode, 400);
    assert.deepEqual(fieldErrors(empty.body), {
      kind: 'Select whether it is a skill or a passion',
      description: 'Describe your skill or passion',
    });
    const long = await kemi.post(`${base}/skills`, {
      kind: 'skill',
      description: 'x'.repeat(301),
      visibility: 'sideways',
    });
    assert.deepEqual(fieldErrors(long.body), {
      description: 'The description must be 300 characters or fewer',
      visibility: 'Select who can see it',
    });

    assert.equal(
      (
        await kemi.post(`${base}/skills`, {
          kind: 'passion',
          description: 'Birds and wildlife of the canal',
          category: 'outdoors',
          visibility: 'members',
        })
      ).statusCode,
      303,
    );
    let page = pageText((await kemi.get(`${base}/skills`)).body);
    assert.match(
      page,
      /Birds and wildlife of the canal Passion · Sport and the outdoors Who can see it: Members of the place/,
    );

    const resident = await signedIn('resident@calderbrook.example');
    assert.match((await resident.get(`${base}?kind=skills`)).body, /Birds and wildlife of the canal/);
    assert.doesNotMatch((await new Agent(t).get(`${base}?kind=skills`)).body, /Birds and wildlife of the canal/);

    const id = /\/skills\/([0-9a-f-]{36})\/edit/.exec((await kemi.get(`${base}/skills`)).body)![1]!;
    assert.equal(
      (
        await kemi.post(`${base}/skills/${id}/edit`, {
          kind: 'passion',
          description: 'Birds of the canal',
          category: '',
          visibility: 'only_me',
        })
      ).statusCode,
      303,
    );
    assert.doesNotMatch((await resident.get(`${base}?kind=skills`)).body, /Birds of the canal/);
    assert.equal((await kemi.post(`${base}/skills/${id}/remove`)).statusCode, 303);
    page = pageText((await kemi.get(`${base}/skills`)).body);
    assert.doesNotMatch(page, /Birds of the canal/);
  });

  test('skillsVisibleTo finds skills by words, for other capabilities', async () => {
    const coordinator = t.demo.people.coordinator!.id;
    const actor = {
      personId: coordinator,
      roles: [{ placeId: t.demo.places.calderbrook!.id, role: 'coordinator' as const }],
    };
    const { skills } = await skillsVisibleTo(t.kith.db.kysely, {
      placeId: t.demo.places.calderbrook!.id,
      viewer: actor,
      words: 'DARI interpret',
    });
    assert.deepEqual(
      skills.map((s) => s.description),
      ['Speaks Dari, Pashto and Farsi; happy to interpret'],
    );
    // Wildcards typed by a person are words, not patterns.
    assert.equal(
      (await skillsVisibleTo(t.kith.db.kysely, { placeId: t.demo.places.calderbrook!.id, viewer: actor, words: '%%' }))
        .total > 0,
      true,
    );
  });

  test('a person’s skills are in their download and go when they delete their account', async () => {
    const ben = t.demo.people.student!.id;
    const data = await exportPersonalData(t.kith, ben);
    assert.deepEqual(
      (data.assets as { skillsAndPassions: Array<{ description: string; whoCanSee: string }> }).skillsAndPassions.map(
        (s) => [s.description, s.whoCanSee],
      ),
      [['Fixing bikes and mending punctures', 'members']],
    );
    const agent = await signedIn('ben@calderbrook.example');
    assert.equal((await agent.post('/account/delete', { password: t.demo.password, confirm: 'yes' })).statusCode, 303);
    const coordinator = {
      personId: t.demo.people.coordinator!.id,
      roles: [{ placeId: t.demo.places.calderbrook!.id, role: 'coordinator' as const }],
    };
    const { skills } = await skillsVisibleTo(t.kith.db.kysely, {
      placeId: t.demo.places.calderbrook!.id,
      viewer: coordinator,
      words: 'bikes',
      limit: 100,
    });
    assert.deepEqual(skills, []);
  });
});

describe('adding assets', () => {
  test('every field is checked, with the message beside it', async () => {
    const resident = await signedIn('resident@calderbrook.example');
    const empty = await resident.post(`${base}/new`, {});
    assert.equal(empty.statusCode, 400);
    assert.deepEqual(fieldErrors(empty.body), {
      kind: 'Select what kind of asset it is',
      name: 'Enter the name of the asset',
      description: 'Enter a description of the asset',
      visibility: 'Select who can see it',
    });
    const network = await resident.post(`${base}/new`, {
      kind: 'network',
      name: 'Mill Lane chat',
      description: 'Neighbours',
      postcode: 'KL1 1AA',
      visibility: 'members',
    });
    assert.equal(
      fieldErrors(network.body).postcode,
      'Networks and associations are not shown on the map: leave the postcode empty',
    );
    const unknown = await resident.post(`${base}/new`, {
      kind: 'physical',
      name: 'Mill Lane green',
      description: 'A green',
      postcode: 'zz9 9zz',
      visibility: 'public',
    });
    assert.equal(
      fieldErrors(unknown.body).postcode,
      'We do not know where ZZ9 9ZZ is. Check it, or leave the postcode out.',
    );
    assert.match(unknown.body, /value="Mill Lane green"/, 'what was typed is kept');
    const badOrganisation = await resident.post(`${base}/new`, {
      kind: 'physical',
      name: 'Mill Lane green',
      description: 'A green',
      organisation: 'not-an-id',
      visibility: 'public',
    });
    assert.equal(fieldErrors(badOrganisation.body).organisation, 'Select an organisation from the list');
  });

  test('a resident adds a green with a postcode; it is on the map at the postcode’s point, and they can change and remove it', async () => {
    const resident = await signedIn('resident@calderbrook.example');
    const added = await resident.post(`${base}/new`, {
      kind: 'physical',
      name: 'Mill Lane green',
      description: 'A green with benches and a cherry tree.',
      postcode: 'kl4 1jk',
      visibility: 'public',
    });
    assert.equal(added.statusCode, 303);
    const id = /assets\/([0-9a-f-]{36})$/.exec(added.headers.location as string)![1]!;
    const page = pageText((await new Agent(t).get(`${base}/${id}`)).body);
    assert.match(
      page,
      /Space, building or land Mill Lane green A green with benches and a cherry tree\. Kind Space, building or land Postcode KL4 1JK/,
    );
    assert.doesNotMatch(page, /Who can see it/, 'only those who can change it see its visibility');

    const geojson = JSON.parse((await new Agent(t).get(`${base}/export.geojson`)).body) as {
      type: string;
      features: Array<{ id: string; geometry: { type: string; coordinates: [number, number] } }>;
    };
    assert.equal(geojson.type, 'FeatureCollection');
    const point = await pointForPostcode(t.kith.db.kysely, 'KL4 1JK');
    const feature = geojson.features.find((f) => f.id === id)!;
    // RFC 7946: longitude first.
    assert.deepEqual(feature.geometry, {
      type: 'Point',
      coordinates: [Number(point!.longitude.toFixed(6)), Number(point!.latitude.toFixed(6))],
    });

    const other = await signedIn('kemi@calderbrook.example');
    assert.equal((await other.get(`${base}/${id}/edit`)).statusCode, 403);
    assert.equal(
      (
        await resident.post(`${base}/${id}/edit`, {
          kind: 'physical',
          name: 'Mill Lane green',
          description: 'Now with a bench.',
          postcode: 'KL4 1JK',
          visibility: 'members',
        })
      ).statusCode,
      303,
    );
    assert.equal((await new Agent(t).get(`${base}/${id}`)).statusCode, 404, 'members only now');
    assert.equal((await resident.post(`${base}/${id}/remove`)).statusCode, 303);
    assert.equal((await resident.get(`${base}/${id}`)).statusCode, 404);
  });

  test('an asset on the register cannot be removed', async () => {
    const admin = await signedIn('admin@calderbrook.example');
    const register = await admin.get(`${base}/community-value`);
    const id = /href="\/places\/calderbrook\/assets\/([0-9a-f-]{36})#acv-[^"]*">The Angler’s Rest/.exec(
      register.body,
    )![1]!;
    const refused = await admin.post(`${base}/${id}/remove`);
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /This asset is on the register of Assets of Community Value, so it stays on the map/);
  });
});

describe('the asset map', () => {
  test('counts per kind, the kind filter and the area filter', async () => {
    const anonymous = new Agent(t);
    const all = pageText((await anonymous.get(base)).body);
    assert.match(
      all,
      /What Calderbrook has Kind Number People’s skills and passions \d+ Networks and groups \d+ Associations \d+ Organisations’ resources \d+ Spaces, buildings and land \d+ Economic assets \d+/,
    );
    const economic = pageText((await anonymous.get(`${base}?kind=economic`)).body);
    assert.match(economic, /5 assets/);
    assert.match(economic, /Calder Valley Credit Union/);
    assert.doesNotMatch(economic, /Calder Park Space/);
    const near = pageText(
      (await anonymous.get(`${base}?postcode=KL6+1QR&distance=1&kind=physical&kind=economic`)).body,
    );
    assert.match(near, /Near this postcode/);
    assert.match(near, /Old Miners’ Institute Space, building or land .* KL6 1QR \(0\.0 miles away\)/);
    assert.doesNotMatch(near, /Calder Park/, 'Calder Park is more than a mile away');
    assert.match(near, /People’s skills and passions, and assets without a postcode, are left out/);
  });

  test('bad filters are shown beside their fields and the page still works', async () => {
    const anonymous = new Agent(t);
    const response = await anonymous.get(`${base}?postcode=KL9+9ZZ&distance=3&kind=dragons`);
    assert.equal(response.statusCode, 400);
    assert.deepEqual(fieldErrors(response.body), {
      kind: 'Select kinds of asset from the list',
      distance: 'Select a distance from the list',
    });
    const unknown = await anonymous.get(`${base}?postcode=KL9+9ZZ&distance=2`);
    assert.equal(
      fieldErrors(unknown.body).postcode,
      'We do not know where KL9 9ZZ is. Check it, or leave the postcode out.',
    );
    assert.match(pageText(unknown.body), /What Calderbrook has/);
    const malformed = await anonymous.get(`${base}?postcode=not+a+postcode`);
    assert.equal(fieldErrors(malformed.body).postcode, 'Enter a real postcode, like KL1 1AA');
  });

  test('the map view carries the points and the directory’s map script; no tile is needed for the list', async () => {
    const html = (await new Agent(t).get(`${base}?view=map&kind=physical`)).body;
    const points = JSON.parse(
      /data-points="([^"]*)"/
        .exec(html)![1]!
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'"),
    ) as Array<{ name: string; lat: number; lng: number; href: string }>;
    assert.ok(points.some((p) => p.name === 'Calder Park' && p.lat > 53 && p.lng < 0 && p.href.startsWith(`${base}/`)));
    assert.match(html, /<script type="module" src="\/assets\/map\.[0-9a-f]+\.js">/);
    assert.match(html, /The map needs JavaScript\. Every asset on it is in the list below\./);
    assert.doesNotMatch((await new Agent(t).get(base)).body, /map\.[0-9a-f]+\.js/);
  });

  test('the CSV has the documented columns and defuses formulas', async () => {
    const resident = await signedIn('resident@calderbrook.example');
    await resident.post(`${base}/new`, {
      kind: 'economic',
      name: '=HYPERLINK("x")',
      description: 'Tricky',
      postcode: 'KL1 1AB',
      visibility: 'public',
    });
    const csv = (await new Agent(t).get(`${base}/export.csv`)).body;
    const [header] = csv.split('\r\n');
    assert.equal(header, CSV_COLUMNS.join(','));
    assert.match(csv, /"'=HYPERLINK\(""x""\)"/);
    assert.match(
      csv,
      /,skill,,Knitting and crochet, and teaching others to knit|,skill,,"Knitting and crochet, and teaching others to knit"/,
    );
  });

  test('the place’s home page links to the asset map; the header has it too; /assets goes to your place', async () => {
    const resident = await signedIn('resident@calderbrook.example');
    const home = pageText((await resident.get('/places/calderbrook')).body);
    assert.match(home, /Asset map What this place has/);
    assert.match(home, /Your skills and passions Share what you are good at/);
    assert.match(home, /Assets of Community Value Buildings and land listed/);
    const redirect = await resident.get('/assets');
    assert.equal(redirect.headers.location, base);
    assert.match((await new Agent(t).get('/')).body, /href="\/assets"/);
  });

  test('in Welsh', async () => {
    const agent = new Agent(t);
    await agent.get('/places/aberllyn/assets?lang=cy');
    const page = pageText((await agent.get('/places/aberllyn/assets')).body);
    assert.match(page, /Map asedau Aberllyn|Map asedau/);
    assert.match(page, /Neuadd y Dref Aberllyn Lle, adeilad neu dir/);
    assert.match(page, /Sgwrsio yn Gymraeg gyda dysgwyr Sgil · Ieithoedd Wedi’i rannu gan Cymydog/);
    const register = pageText((await agent.get('/places/calderbrook/assets/community-value')).body);
    assert.match(register, /Moratoriwm llawn Tan \d+ [A-Za-zâ]+ \d{4}/);
  });
});
