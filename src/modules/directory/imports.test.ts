import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Agent, startTestKith, type TestKith } from '../../testing.js';
import { main } from '../../cli/main.js';
import { insertPlace } from '../places/index.js';
import { parseCsv } from '../../platform/csv.js';
import { fileLines } from './import-postcodes.js';
import { findPostcode } from './locations-store.js';

let t: TestKith;
let dir: string;
const P = '/places/calderbrook';

before(async () => {
  t = await startTestKith({ demo: true });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kith-import-'));
});
after(async () => {
  await t.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function run(args: string[]): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const io = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(l) };
  const code = await main(['import', ...args], io, t.kith);
  return { code, out: lines.join('\n') };
}

function file(name: string, content: string): string {
  const full = path.join(dir, name);
  fs.writeFileSync(full, content);
  return full;
}

async function count(
  table: 'directory_activities' | 'directory_organisations' | 'directory_locations' | 'directory_postcodes',
) {
  const row = await t.kith.db.kysely
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

const HEADER =
  'id,organisation,name,description,how_to_join,cost,cost_amount,location_name,address,town,postcode,frequency,days,opens_at,closes_at,taxonomy,minimum_age';

describe('kith import directory <csv>', () => {
  test('imports rows, rejects bad ones with their line and why, and a re-import updates instead of duplicating', async () => {
    const csv = [
      HEADER,
      'r1,Calderbrook Chess Club,Chess for beginners,"Learn chess, with boards provided",Just come,free,,Calderbrook Library,2 Market Street,Calderbrook,KL1 1AA,weekly,MO,18:00,20:00,learning;loneliness,8',
      'r2,Calderbrook Chess Club,Chess tournament,Monthly rapid games,Book a place,amount,2.50,Calderbrook Library,2 Market Street,Calderbrook,KL1 1AA,weekly,SA,10:00,13:00,learning,',
      'r3,Calderbrook Chess Club,,No name here,,free,,,,,,,,,,,',
      'r4,Calderbrook Chess Club,Bad time,Starts after it ends,,free,,Hall,1 Road,Calderbrook,KL1 1AA,weekly,TU,14:00,13:00,,',
      'r5,Calderbrook Chess Club,Nowhere,Unknown postcode,,free,,Hall,1 Road,Calderbrook,ZZ9 9ZZ,weekly,TU,10:00,11:00,,',
      '"r6",Calderbrook Chess Club,"Chess ""blitz""",Fast games,,pay_what_you_can,,Hall,1 Road,Calderbrook,KL1 2BD,monthly,FR,19:00,21:00,unknown-term,',
    ].join('\n');
    const before = await count('directory_activities');
    const first = await run(['directory', file('chess.csv', csv), '--place', 'calderbrook']);
    assert.equal(first.code, 0, first.out);
    assert.match(first.out, /Created 2, updated 0, rejected 4/);
    assert.match(first.out, /line 4: name is empty/);
    assert.match(first.out, /line 5: closes_at is not after opens_at/);
    assert.match(first.out, /line 6: postcode ZZ9 9ZZ is not in the postcode table/);
    assert.match(first.out, /line 7: .*week_of_month is empty/);
    assert.equal(await count('directory_activities'), before + 2);

    const again = await run([
      'directory',
      file('chess.csv', csv.replace('Learn chess', 'Learn to play chess')),
      '--place',
      'calderbrook',
    ]);
    assert.match(again.out, /Created 0, updated 2, rejected 4/);
    assert.equal(await count('directory_activities'), before + 2);
    const page = await new Agent(t).get(`${P}/activities?q=chess`);
    assert.match(page.body, /Chess for beginners/);
    assert.match(page.body, /Chess tournament/);
  });

  test('a malformed file is rejected whole, with its line, and changes nothing', async () => {
    const before = await count('directory_activities');
    const broken = `${HEADER}\nr10,Club,Fine row,Fine,,free,,Hall,Road,Town,KL1 1AA,weekly,MO,10:00,11:00,,\nr11,Club,"Unclosed quote,Oops,,free,,Hall,Road,Town,KL1 1AA,weekly,MO,10:00,11:00,,\n`;
    const result = await run(['directory', file('broken.csv', broken), '--place', 'calderbrook']);
    assert.equal(result.code, 1);
    assert.match(result.out, /rejected whole and nothing was changed: line 3: a quoted field is never closed/);
    const noHeader = await run([
      'directory',
      file('noheader.csv', 'name,description\nA,B\n'),
      '--place',
      'calderbrook',
    ]);
    assert.match(noHeader.out, /line 1: the header has no id, organisation columns/);
    assert.equal(await count('directory_activities'), before);
  });
});

const V3 = {
  total_items: 2,
  total_pages: 1,
  page_number: 1,
  size: 2,
  first_page: true,
  last_page: true,
  empty: false,
  contents: [
    {
      id: 'ext-1',
      name: 'Riverside Men’s Shed',
      description: 'Woodwork and tea',
      url: 'https://shed.example.org',
      status: 'active',
      assured_date: '2026-01-10',
      organization: { id: 'org-1', name: 'Riverside Trust', description: 'A trust by the river' },
      schedules: [{ id: 's1', freq: 'WEEKLY', byday: 'WE', opens_at: '10:00:00', closes_at: '15:00:00' }],
      service_at_locations: [
        {
          id: 'sal1',
          location: {
            id: 'loc-1',
            name: 'Riverside Workshop',
            latitude: 53.71,
            longitude: -1.9,
            addresses: [{ address_1: '1 River Lane', city: 'Calderbrook', postal_code: 'KL1 3EF' }],
          },
        },
      ],
      cost_options: [{ id: 'c1', amount: 0 }],
      attributes: [{ id: 'a1', taxonomy_term: { id: 'tt', term: 'Loneliness and isolation' } }],
    },
    { id: 'ext-2', name: 'Daily drop-in', schedules: [{ freq: 'DAILY', opens_at: '10:00', closes_at: '11:00' }] },
    { id: 'ext-2', name: 'The same id again' },
  ],
};
const V1 = {
  totalElements: 1,
  totalPages: 1,
  number: 1,
  size: 1,
  first: true,
  last: true,
  empty: false,
  content: [
    {
      id: 'legacy-1',
      name: 'Legacy lunch club',
      description: 'A hot lunch',
      status: 'active',
      organization: { id: 'legacy-org', name: 'Legacy Lunches', description: 'Lunches' },
      regular_schedules: [{ id: 'r1', freq: 'WEEKLY', byday: 'TH', opens_at: '12:00', closes_at: '14:00' }],
      eligibilitys: [{ id: 'e1', minimum_age: 60 }],
      service_taxonomys: [{ id: 't1', taxonomy: { id: 'x', name: 'Older people', vocabulary: 'esd' } }],
      service_at_locations: [
        {
          id: 'sal',
          location: {
            id: 'legacy-loc',
            name: 'Hall',
            physical_addresses: [{ address_1: 'Church Lane', city: 'Calderbrook', postal_code: 'KL1 2BD' }],
            accessibility_for_disabilities: [{ accessibility: 'Ramp at the side door' }],
          },
        },
      ],
      cost_options: [{ id: 'c', amount: 4.5, amount_description: 'per lunch' }],
    },
  ],
};

describe('kith import oruk <url-or-file>', () => {
  test('imports v3 and v1 feeds, maps what it can, rejects what it cannot, and re-imports without duplicates', async () => {
    const v3 = await run(['oruk', file('v3.json', JSON.stringify(V3)), '--place', 'calderbrook']);
    assert.match(v3.out, /Created 2, updated 0, rejected 1/);
    assert.match(v3.out, /service 3: id "ext-2" is used again \(service 2 has it, and was imported\)/);
    assert.match(
      v3.out,
      /service 2 “Daily drop-in” \(id ext-2\):\n {4}changed: schedule 1: freq DAILY kept as weekly on MO,TU,WE,TH,FR,SA,SU/,
    );
    const v1 = await run(['oruk', file('v1.json', JSON.stringify(V1)), '--place', 'calderbrook']);
    assert.match(v1.out, /Created 1, updated 0, rejected 0/);
    const again = await run(['oruk', file('v3.json', JSON.stringify(V3)), '--place', 'calderbrook']);
    assert.match(again.out, /Created 0, updated 2, rejected 1/);

    const agent = new Agent(t);
    const found = JSON.parse((await agent.get('/api/oruk/calderbrook/services?search=legacy+lunch')).body);
    assert.equal(found.total_items, 1);
    const legacy = JSON.parse((await agent.get(`/api/oruk/calderbrook/services/${found.contents[0].id}`)).body);
    assert.equal(legacy.minimum_age, 60);
    assert.equal(legacy.cost_options[0].amount, 4.5);
    assert.equal(legacy.schedules[0].byday, 'TH');
    assert.equal(legacy.attributes[0].taxonomy_term.code, 'older-people');
    assert.equal(legacy.service_at_locations[0].location.accessibility[0].description, 'Ramp at the side door');
  });

  test('a feed imported again brings its organisations’ new details, and their services show as changed since', async () => {
    await run(['oruk', file('v3.json', JSON.stringify(V3)), '--place', 'calderbrook']);
    const since = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const renamed = {
      ...V3,
      contents: [
        {
          ...V3.contents[0],
          organization: {
            id: 'org-1',
            name: 'Riverside Community Trust',
            description: 'A trust by the river',
            email: 'hello@riverside.example.org',
          },
        },
      ],
    };
    const result = await run(['oruk', file('v3.json', JSON.stringify(renamed)), '--place', 'calderbrook']);
    assert.match(result.out, /Created 0, updated 1, rejected 0 \(and 1 organisation updated\)/, result.out);
    const agent = new Agent(t);
    const changed = JSON.parse(
      (await agent.get(`/api/oruk/calderbrook/services?modified_after=${encodeURIComponent(since)}&full=true`)).body,
    );
    const shed = changed.contents.find((c: { name: string }) => c.name === 'Riverside Men’s Shed');
    assert.ok(shed, 'an aggregator syncing since the first import sees the service again');
    assert.equal(shed.organization.name, 'Riverside Community Trust', 'with the new name');
    assert.equal(shed.organization.email, 'hello@riverside.example.org', 'and the new email');
    const same = await run(['oruk', file('v3.json', JSON.stringify(renamed)), '--place', 'calderbrook']);
    assert.doesNotMatch(same.out, /organisation updated/, 'the same feed again changes no organisation');
  });

  test('a file that is not a feed is rejected whole', async () => {
    const before = await count('directory_activities');
    assert.match(
      (await run(['oruk', file('nonsense.json', '{"hello": "world"}'), '--place', 'calderbrook'])).out,
      /rejected whole/,
    );
    assert.match(
      (await run(['oruk', file('broken.json', '{"contents": ['), '--place', 'calderbrook'])).out,
      /not valid JSON/,
    );
    assert.equal(await count('directory_activities'), before);
  });
});

async function listingOf(externalId: string) {
  const db = t.kith.db.kysely;
  const activity = await db
    .selectFrom('directory_activities')
    .selectAll()
    .where('external_id', '=', externalId)
    .executeTakeFirstOrThrow();
  const schedules = await db
    .selectFrom('directory_schedules')
    .select(['freq', 'byday', 'dtstart', 'opens_at', 'closes_at'])
    .where('activity_id', '=', activity.id)
    .orderBy('opens_at')
    .execute();
  const locations = await db
    .selectFrom('directory_activity_locations')
    .innerJoin('directory_locations', 'directory_locations.id', 'directory_activity_locations.location_id')
    .select(['directory_locations.name', 'directory_locations.postcode'])
    .where('directory_activity_locations.activity_id', '=', activity.id)
    .execute();
  return { activity, schedules, locations };
}

const place = (id: string, name: string, extra: Record<string, unknown>) => ({
  id,
  location: { id: `${id}-loc`, name, ...extra },
});

/** A council-style feed: legacy and current schedules, an online location, an unknown postcode, categories the place lacks. */
const MIXED = {
  contents: [
    {
      id: 'mixed-1',
      name: 'Carers’ drop-in',
      description: 'Advice and a cuppa',
      application_process: 'Ring first, then just come along',
      eligibility_description: 'Unpaid carers of any age',
      phones: [{ number: '"+44 1234 234567"' }, { number: '01234 999999' }],
      regular_schedules: [{ weekday: 'Monday', opens_at: '10:00', closes_at: '12:00' }],
      schedules: [
        { freq: 'week', byday: 'WE', opens_at: '13:00', closes_at: '14:00' },
        { freq: 'DAILY', byday: 'SA,SU', opens_at: '15:00', closes_at: '16:00' },
        {
          freq: 'YEARLY',
          dtstart: '2027-12-25',
          opens_at: '17:00',
          closes_at: '18:00',
          description: 'Christmas lunch',
        },
      ],
      service_at_locations: [
        place('online', 'Video calls', { location_type: 'virtual', url: 'https://meet.example.org' }),
        place('nowhere', 'Old hall', { addresses: [{ address_1: '1 Gone Road', postal_code: 'ZZ9 9ZZ' }] }),
        place('abroad', 'Civic Center', { latitude: 100, longitude: 101, addresses: [{ postal_code: 'ABC 1234' }] }),
        place('library', 'Calderbrook Library', {
          addresses: [{ address_1: '2 Market Street', postal_code: 'kl11aa' }],
        }),
      ],
      attributes: [
        { taxonomy_term: { id: 'x1', term: 'Loneliness and isolation' } },
        { taxonomy_term: { id: 'x2', term: 'Basket weaving', vocabulary: 'council-categories' } },
      ],
    },
    {
      id: 'mixed-2',
      name: 'Summer and winter walks',
      schedules: [
        { dtstart: '2027-07-01', opens_at: '09:00Z', closes_at: '10:30Z' },
        { dtstart: '2027-01-15', opens_at: '09:00Z', closes_at: '10:30:00Z' },
        { dtstart: '2027-07-08', opens_at: '09:00:00+01:00', closes_at: '11:00+01:00' },
      ],
    },
  ],
};

describe('kith import oruk: keeping what can be kept, and saying what was not', () => {
  test('legacy weekdays, lower-case and daily frequencies are kept; a yearly one is left off without losing the service', async () => {
    const result = await run(['oruk', file('mixed.json', JSON.stringify(MIXED)), '--place', 'calderbrook']);
    assert.equal(result.code, 0, result.out);
    assert.match(result.out, /Created 2, updated 0, rejected 0/);
    const { schedules } = await listingOf('mixed-1');
    assert.deepEqual(
      schedules.map((s) => [s.freq, s.byday, s.opens_at, s.closes_at]),
      [
        ['WEEKLY', 'MO', '10:00', '12:00'],
        ['WEEKLY', 'WE', '13:00', '14:00'],
        ['WEEKLY', 'SA,SU', '15:00', '16:00'],
      ],
    );
    assert.match(result.out, /changed: schedule 1: freq “week” read as WEEKLY/);
    assert.match(result.out, /changed: schedule 2: freq DAILY kept as weekly on SA,SU/);
    assert.match(
      result.out,
      /left off: schedule 3 \(“Christmas lunch”\): freq “YEARLY”; Kith holds weekly, monthly and one-off sessions/,
    );
  });

  test('an online location, one with no UK postcode and one with an unknown postcode are left off and named; the service keeps the rest', async () => {
    const result = await run(['oruk', file('mixed.json', JSON.stringify(MIXED)), '--place', 'calderbrook']);
    assert.match(result.out, /Created 0, updated 2, rejected 0/);
    const { locations } = await listingOf('mixed-1');
    assert.deepEqual(locations, [{ name: 'Calderbrook Library', postcode: 'KL1 1AA' }]);
    assert.match(result.out, /left off: location “Video calls” is online \(https:\/\/meet.example.org\)/);
    assert.match(
      result.out,
      /left off: location “Old hall”: postcode ZZ9 9ZZ is not in the postcode table and it has no latitude and longitude/,
    );
    assert.match(
      result.out,
      /left off: location “Civic Center”: “ABC 1234” is not a UK postcode and 100, 101 is not a point in the UK/,
    );
    assert.match(result.out, /changed: location “Calderbrook Library”: postcode “kl11aa” written KL1 1AA/);
  });

  test('how to join, who it is for and the phone come from the feed; extra phones and unknown categories are reported', async () => {
    const result = await run(['oruk', file('mixed.json', JSON.stringify(MIXED)), '--place', 'calderbrook']);
    const { activity } = await listingOf('mixed-1');
    assert.equal(activity.how_to_join, 'Ring first, then just come along');
    assert.equal(activity.who_for, 'Unpaid carers of any age');
    assert.equal(activity.phone, '+44 1234 234567');
    assert.match(result.out, /changed: phone “"\+44 1234 234567"” written \+44 1234 234567/);
    assert.match(result.out, /left off: another phone \(“01234 999999”\); Kith keeps one number a listing/);
    assert.match(
      result.out,
      /left off: category “Basket weaving” \(council-categories\): not in this place's taxonomy/,
    );
    assert.doesNotMatch(result.out, /Loneliness and isolation/);
    const page = await new Agent(t).get(`${P}/activities/${activity.id}`);
    assert.match(page.body, /Ring first, then just come along/);
  });

  test('into a new place with no taxonomy yet, every category is counted and named, not lost', async () => {
    await insertPlace(t.kith.db.kysely, { slug: 'newtown', name: 'Newtown' });
    const result = await run(['oruk', file('mixed.json', JSON.stringify(MIXED)), '--place', 'newtown', '--dry-run']);
    assert.equal(result.code, 0, result.out);
    assert.match(result.out, /left off: category “Loneliness and isolation”: not in this place's taxonomy/);
    assert.match(
      result.out,
      /left off: category “Basket weaving” \(council-categories\): not in this place's taxonomy/,
    );
  });

  test('times with a zone are read on the place’s clock, an hour apart in summer and winter', async () => {
    await run(['oruk', file('mixed.json', JSON.stringify(MIXED)), '--place', 'calderbrook']);
    const { schedules } = await listingOf('mixed-2');
    assert.deepEqual(schedules.map((s) => [s.dtstart, s.opens_at, s.closes_at]).sort(), [
      ['2027-01-15', '09:00', '10:30'],
      ['2027-07-01', '10:00', '11:30'],
      ['2027-07-08', '09:00', '11:00'],
    ]);
  });

  test('the summary counts every difference, and a dry run reports the same and writes nothing', async () => {
    const feed = file(
      'dry.json',
      JSON.stringify({ contents: MIXED.contents.map((s) => ({ ...s, id: `dry-${s.id}` })) }),
    );
    const before = await count('directory_activities');
    const locationsBefore = await count('directory_locations');
    const dry = await run(['oruk', feed, '--place', 'calderbrook', '--dry-run']);
    assert.equal(dry.code, 0, dry.out);
    assert.match(dry.out, /Dry run, nothing was written: would have created 2, updated 0, rejected 0/);
    const counted = /Left off (\d+) values? and changed (\d+), in 2 services/.exec(dry.out);
    assert.ok(counted, dry.out);
    const leftOff = dry.out.split('\n').filter((l) => /^ {4}left off: /.test(l)).length;
    const changed = dry.out.split('\n').filter((l) => /^ {4}changed: /.test(l)).length;
    assert.deepEqual([Number(counted[1]), Number(counted[2])], [leftOff, changed]);
    assert.equal(await count('directory_activities'), before);
    assert.equal(await count('directory_locations'), locationsBefore);
    const real = await run(['oruk', feed, '--place', 'calderbrook']);
    assert.match(real.out, /^Created 2, updated 0, rejected 0/m);
    assert.equal(
      real.out.split('\n').slice(2).join('\n'),
      dry.out.split('\n').slice(2).join('\n'),
      'the dry run reports what the import does',
    );
    assert.equal(await count('directory_activities'), before + 2);
  });

  test('every official ORUK 3.0 example and validator mock feed imports, with every difference reported', async () => {
    const examples = path.resolve('../../shared/standards/oruk-3.0/examples');
    const dirs = [examples, '/work/shared/standards/oruk-3.0/examples'].filter((d) => fs.existsSync(d));
    assert.ok(dirs.length, 'the examples are in ../shared/standards/oruk-3.0/examples');
    const names = fs.readdirSync(dirs[0]!).filter((n) => n.endsWith('.json'));
    assert.ok(names.length >= 10);
    for (const name of names) {
      const result = await run(['oruk', path.join(dirs[0]!, name), '--place', 'aberllyn', '--dry-run']);
      assert.equal(result.code, 0, `${name}: ${result.out}`);
      const m = /would have created (\d+), updated (\d+), rejected (\d+)/.exec(result.out);
      assert.ok(m, `${name}: ${result.out}`);
      assert.equal(Number(m[1]) + Number(m[2]), 1, `${name}: every example is one service`);
      for (const line of result.out.split('\n').filter((l) => /^ {2}service \d+: /.test(l)))
        assert.match(line, /is used again/, `${name}: only repeated ids are rejected`);
      if (/_full/.test(name)) {
        assert.match(result.out, /“MyCity Civic Center”: “ABC 1234” is not a UK postcode/, name);
        assert.match(result.out, /Kith has no place for/, name);
        assert.match(result.out, /category .*: not in this place/, name);
      }
    }
    const full = await run(['oruk', path.join(dirs[0]!, 'hsds3-service_full.json'), '--place', 'aberllyn']);
    assert.match(
      full.out,
      /left off: accreditations, alternate_name, assurer_email, fees, fees_description, funding, interpretation_services, licenses, program, required_documents, service_areas, wait_time: Kith has no place for them/,
    );
    assert.match(full.out, /left off: schedule 1: count 3/);
    const { activity, schedules } = await listingOf('ac148810-d857-441c-9679-408f346de14b');
    const organisation = await t.kith.db.kysely
      .selectFrom('directory_organisations')
      .select(['name', 'company_number', 'phone'])
      .where('id', '=', activity.organisation_id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(organisation, {
      name: 'Example Organization Inc.',
      company_number: '1234567',
      phone: '+44 1234 234567',
    });
    assert.match(activity.how_to_join, /ask your GP for a referral/);
    assert.match(activity.who_for, /aged 12 and over/);
    assert.equal(activity.phone, '+44 1234 234567');
    assert.deepEqual(
      schedules.map((s) => [s.byday, s.opens_at, s.closes_at]),
      [['TH,FR', '10:00', '18:00']],
    );
  });

  test('Kith’s own ndjson feed imports into another place', async () => {
    const ndjson = (await new Agent(t).get('/api/oruk/calderbrook/services?format=ndjson&full=true')).body;
    const lines = ndjson.split('\n').filter(Boolean).length;
    assert.ok(lines > 5);
    const result = await run([
      'oruk',
      file('kith.ndjson', ndjson),
      '--place',
      'aberllyn',
      '--source',
      'calderbrook-ndjson',
    ]);
    assert.equal(result.code, 0, result.out);
    assert.match(result.out, new RegExp(`Created ${lines}, updated 0, rejected 0`));
    assert.doesNotMatch(
      result.out,
      /changed:|left off: (schedule|location|category|phone|language|cost|url|email)/,
      'Kith’s own feed loses nothing Kith holds on the way',
    );
    const again = await run([
      'oruk',
      file('kith.ndjson', ndjson),
      '--place',
      'aberllyn',
      '--source',
      'calderbrook-ndjson',
    ]);
    assert.match(again.out, new RegExp(`Created 0, updated ${lines}, rejected 0`));
  });
});

describe('kith import postcodes <csv> (ONS Postcode Directory layout)', () => {
  test('loads postcodes, skips those without a location, rejects bad rows with their line', async () => {
    const ons = [
      'pcd,pcd2,pcds,dointr,doterm,oseast1m,osnrth1m,lat,long',
      '"KL9 1AA","KL9  1AA","KL9 1AA",199901,,0,0,53.8,-1.8',
      '"KL91AB","KL9  1AB","KL9 1AB",199901,,0,0,99.999999,0.000000',
      'X,X,not a postcode,1,,0,0,53,-1',
      '"KL9 1AD","KL9  1AD","KL9 1AD",199901,,0,0,123,-1.8',
    ].join('\n');
    const result = await run(['postcodes', file('onspd.csv', ons)]);
    assert.equal(result.code, 0, result.out);
    assert.match(result.out, /Wrote 1 postcodes; 1 had no location; rejected 2/);
    assert.match(result.out, /line 4: "not a postcode" is not a UK postcode/);
    assert.match(result.out, /line 5: KL9 1AD: lat and long are not a point/);
    assert.deepEqual(await findPostcode(t.kith.db.kysely, 'KL9 1AA'), { latitude: 53.8, longitude: -1.8 });
    const before = await count('directory_postcodes');
    const bad = await run(['postcodes', file('bad.csv', 'postcode_only\nKL9 1AA\n')]);
    assert.equal(bad.code, 1);
    assert.equal(await count('directory_postcodes'), before);
  });

  test(
    'a file read only after a wait (a busy database beginning its transaction) still gives every line',
    { timeout: 5000 },
    async () => {
      const lines = fileLines(file('late.csv', 'pcds,lat,long\n"KL9 2AA",53.81,-1.81\n'));
      await new Promise((resolve) => setTimeout(resolve, 200));
      const read: string[] = [];
      for await (const line of lines) read.push(line);
      assert.deepEqual(read, ['pcds,lat,long', '"KL9 2AA",53.81,-1.81']);
    },
  );
});

describe('exports', () => {
  test('the CSV export has only published listings, in the import layout, and imports back as updates', async () => {
    const agent = new Agent(t);
    const csv = (await agent.get(`${P}/directory/listings.csv`)).body;
    const records = parseCsv(csv);
    const header = records[0]!.fields;
    assert.deepEqual(header.slice(0, 3), ['id', 'organisation', 'organisation_description']);
    const published = await t.kith.db.kysely
      .selectFrom('directory_activities')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('place_id', '=', t.demo.places.calderbrook!.id)
      .where('state', '=', 'published')
      .executeTakeFirstOrThrow();
    assert.equal(records.length - 1, Number(published.n));
    const round = await run([
      'directory',
      file('export.csv', csv),
      '--place',
      'aberllyn',
      '--source',
      'calderbrook-export',
    ]);
    assert.match(round.out, new RegExp(`Created ${Number(published.n)}, updated 0, rejected 0`));
  });

  test('the GeoJSON export is a FeatureCollection of points in longitude, latitude order', async () => {
    const geo = JSON.parse((await new Agent(t).get(`${P}/directory/locations.geojson`)).body);
    assert.equal(geo.type, 'FeatureCollection');
    type Feature = {
      geometry: { coordinates: [number, number] };
      properties: { postcode: string; activities: Array<{ name: string }> };
    };
    const library = (geo.features as Feature[]).find((f) =>
      f.properties.activities.some((a) => a.name === 'Tuesday tea and chat'),
    )!;
    assert.equal(library.properties.postcode, 'KL1 1AA');
    const [lng, lat] = library.geometry.coordinates;
    assert.ok(lng < 0 && lat > 53, `${lng}, ${lat}`);
  });

  test('each export has a weak ETag, a 304 when sent back, and a new tag once the data changes', async () => {
    const agent = new Agent(t);
    const placeId = t.demo.places.calderbrook!.id;
    const scheduled = await t.kith.db.kysely
      .selectFrom('directory_activities')
      .innerJoin('directory_schedules', 'directory_schedules.activity_id', 'directory_activities.id')
      .select('directory_activities.id')
      .where('directory_activities.place_id', '=', placeId)
      .where('state', '=', 'published')
      .executeTakeFirstOrThrow();
    const files = [
      { url: `${P}/directory/listings.csv`, type: /^text\/csv; charset=utf-8/ },
      { url: `${P}/directory/locations.geojson`, type: /^application\/geo\+json; charset=utf-8/ },
      { url: `${P}/activities/${scheduled.id}/calendar.ics`, type: /^text\/calendar; charset=utf-8/ },
    ];
    const tags = new Map<string, string>();
    for (const { url, type } of files) {
      const first = await agent.get(url);
      assert.equal(first.statusCode, 200, url);
      assert.match(first.headers['content-type'] as string, type);
      const etag = first.headers.etag as string;
      assert.match(etag, /^W\/"[\w-]+"$/, url);
      tags.set(url, etag);
      const again = await t.app.inject({ method: 'GET', url, headers: { 'if-none-match': etag } });
      assert.equal(again.statusCode, 304, url);
      assert.equal(again.body, '');
      const other = await t.app.inject({ method: 'GET', url, headers: { 'if-none-match': 'W/"stale"' } });
      assert.equal(other.statusCode, 200);
      assert.equal(other.body, first.body);
    }
    // Taking a listing out of the directory changes the CSV, and so its tag.
    const { moderateListing } = await import('./listings.js');
    const moderate = (action: 'requestChanges' | 'publish') =>
      moderateListing(t.kith, {
        placeId,
        activityId: scheduled.id,
        actorId: t.demo.people.admin!.id,
        byModerator: true,
        action,
        reason: action === 'requestChanges' ? 'Check the times' : undefined,
      });
    await moderate('requestChanges');
    const csvUrl = files[0]!.url;
    const changed = await t.app.inject({ method: 'GET', url: csvUrl, headers: { 'if-none-match': tags.get(csvUrl)! } });
    assert.equal(changed.statusCode, 200);
    assert.notEqual(changed.headers.etag, tags.get(csvUrl));
    await moderate('publish');
  });

  test('Kith’s OpenAPI document describes each export with its media type', async () => {
    const doc = JSON.parse((await new Agent(t).get('/api/openapi.json')).body) as {
      paths: Record<string, { get: { responses: Record<string, { content: Record<string, unknown> }> } }>;
    };
    for (const [path, type] of [
      ['/places/{place}/directory/listings.csv', 'text/csv'],
      ['/places/{place}/directory/locations.geojson', 'application/geo+json'],
      ['/places/{place}/activities/{id}/calendar.ics', 'text/calendar'],
    ] as const) {
      assert.ok(doc.paths[path]?.get.responses['200']!.content[type], `${path} as ${type}`);
    }
  });
});
