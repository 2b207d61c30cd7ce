import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { listDevMail } from '../../platform/mail/store.js';
import {
  Agent,
  duplicateIds,
  errorSummaryProblems,
  fieldErrors,
  pageText,
  startTestKith,
  type TestKith,
} from '../../testing.js';
import { sendReviewReminders } from './listings.js';
import { findActivity } from './listings-store.js';
import { listOrganisations, organisationIdsOf } from './organisations-store.js';
import { parseSearchQuery } from './search.js';

let t: TestKith;
let organiser: Agent;
let admin: Agent;
let resident: Agent;
const P = '/places/calderbrook';

before(async () => {
  t = await startTestKith({ demo: true });
  organiser = new Agent(t);
  await organiser.signIn('organiser@calderbrook.example', t.demo.password);
  admin = new Agent(t);
  await admin.signIn('admin@calderbrook.example', t.demo.password);
  resident = new Agent(t);
});
after(() => t.close());

/** The names of the activities a search page lists, in order. */
function resultNames(html: string): string[] {
  return [
    ...html.matchAll(
      /<h3 class="govuk-heading-s govuk-!-margin-bottom-1"><a class="govuk-link" href="[^"]+">([^<]+)<\/a>/g,
    ),
  ].map((m) => m[1]!.replace(/&#39;|&rsquo;/g, '’'));
}

async function search(query: string) {
  const response = await resident.get(`${P}/activities?${query}`);
  return {
    status: response.statusCode,
    names: resultNames(response.body),
    text: pageText(response.body),
    html: response.body,
  };
}

const LISTING = {
  name: 'Sunday Scrabble Society',
  description: 'Board games and word games for people who love words. Tea and biscuits provided.',
  howToJoin: 'Just come along',
  whoFor: 'Word lovers',
  cost: 'free',
  locationName: 'Calderbrook Library',
  address1: '2 Market Street',
  city: 'Calderbrook',
  postcode: 'kl11aa',
  accessibility: 'Level access',
  frequency: 'weekly',
  day: 'SU',
  opensAt: '14:00',
  closesAt: '16:00',
  languages: 'en',
};

describe('searching the directory', () => {
  test('a newcomer finds a free Tuesday-morning activity for older people within 2 miles of a postcode', async () => {
    const found = await search('postcode=kl1+1aa&distance=2&day=tuesday&time=morning&free=1&term=older-people');
    assert.equal(found.status, 200);
    assert.ok(found.names.includes('Tuesday tea and chat'), found.names.join(', '));
    assert.match(found.text, /Calderbrook Library, KL1 1AA \(0\.\d miles away\)/);
    // Everything listed really is free, on a Tuesday morning, for older people.
    assert.doesNotMatch(found.text, /£\d/);
  });

  test('words are stemmed: "walks" finds walking groups, "singing" finds the choir', async () => {
    assert.ok((await search('q=walks')).names.some((n) => /walk/i.test(n)));
    assert.ok((await search('q=singing')).names.includes('Singing for the brain'));
    assert.ok((await search('q=choirs')).names.includes('Community choir'));
  });

  test('best match first: listings named for the word come before those that only mention it', async () => {
    const found = await search('q=walking');
    const named = found.names.map((n) => /walk/i.test(n));
    assert.ok(named.includes(true) && named.includes(false), found.names.join(', '));
    assert.deepEqual(
      named,
      [...named].sort((a, b) => Number(b) - Number(a)),
      found.names.join(', '),
    );
  });

  test('distance narrows the results and sorts them nearest first', async () => {
    const near = await search('postcode=KL1+1AA&distance=1&sort=distance');
    const far = await search('postcode=KL1+1AA&distance=25&sort=distance');
    assert.ok(near.names.length > 0);
    const total = (text: string) => Number(/(\d+) activities found/.exec(text)?.[1] ?? 0);
    assert.ok(total(near.text) < total(far.text), `${total(near.text)} < ${total(far.text)}`);
    const distances = [...far.text.matchAll(/\((\d+(?:\.\d)?) miles away\)/g)].map((m) => Number(m[1]));
    assert.deepEqual(
      distances,
      [...distances].sort((a, b) => a - b),
    );
  });

  test('day and time of day: evening on a Wednesday finds the choir, not the morning walk', async () => {
    const found = await search('day=wednesday&time=evening');
    assert.ok(found.names.includes('Community choir'));
    assert.ok(!found.names.includes('Health walk'));
  });

  test('several days in one search: Wednesday or Sunday finds both days’ activities, and the boxes stay ticked', async () => {
    const total = (text: string) => Number(/(\d+) activit(?:y|ies) found/.exec(text)?.[1] ?? 0);
    const wednesday = await search('day=wednesday');
    const sunday = await search('day=sunday');
    const either = await search('day=wednesday&day=sunday');
    assert.equal(either.status, 200);
    assert.ok(total(wednesday.text) > 0 && total(sunday.text) > 0, 'the demo has activities on both days');
    assert.ok(
      total(either.text) > Math.max(total(wednesday.text), total(sunday.text)),
      `either day (${total(either.text)}) finds more than one day alone`,
    );
    assert.ok(total(either.text) <= total(wednesday.text) + total(sunday.text), 'and nothing from other days');
    assert.match(either.html, /name="day" type="checkbox" value="we" checked/, 'Wednesday stays ticked');
    assert.match(either.html, /name="day" type="checkbox" value="su" checked/, 'Sunday stays ticked');
    assert.doesNotMatch(either.html, /value="mo" checked/, 'Monday was not chosen');
  });

  test('a town or venue’s name works where a postcode goes; a name the place does not hold is explained beside the field', async () => {
    const town = await search('postcode=calderbrook&distance=25&sort=distance');
    assert.equal(town.status, 200);
    assert.ok(town.names.length > 0, 'activities near the town');
    assert.match(town.text, /miles? away\)/, 'each with how far it is');
    const venue = await search('postcode=Calderbrook+Library&distance=1&sort=distance');
    assert.equal(venue.status, 200);
    assert.match(
      venue.text,
      /Calderbrook Library, KL1 1AA \(0\.0 miles away\)/,
      'the venue itself comes first, no distance away',
    );
    assert.match(
      venue.html,
      /id="postcode" name="postcode"[^>]* value="Calderbrook Library"/,
      'the name is shown back',
    );
    for (const name of ['Atlantis', 'Aberllyn']) {
      // Aberllyn is a town in another place: its addresses are not this directory's.
      const unknown = await search(`postcode=${name}`);
      assert.equal(unknown.status, 400, name);
      assert.match(fieldErrors(unknown.html).postcode ?? '', new RegExp(`We could not find “${name}”`), name);
    }
  });

  test('age: a 10-year-old does not see adults-only activities, and sees the homework club', async () => {
    const found = await search('age=10&q=club');
    assert.ok(found.names.includes('Homework club'));
    assert.ok(!found.names.includes('Lunch club'));
  });

  test('taxonomy terms from both vocabularies narrow together', async () => {
    const found = await search('term=time-credits&term=food');
    assert.deepEqual([...new Set(found.names)], ['Volunteer with the food bank']);
  });

  test('an unknown postcode gets a clear message beside the field, never a crash', async () => {
    const response = await resident.get(`${P}/activities?postcode=ZZ1+1ZZ`);
    assert.equal(response.statusCode, 400);
    assert.match(fieldErrors(response.body).postcode ?? '', /We do not know where the postcode ZZ1 1ZZ is/);
    const malformed = await resident.get(`${P}/activities?postcode=not-a-postcode&age=old&day=someday`);
    assert.equal(malformed.statusCode, 400);
    assert.deepEqual(Object.keys(fieldErrors(malformed.body)).sort(), ['age', 'day', 'postcode']);
  });

  test('the list renders without the map script; the map view adds it with the results as data', async () => {
    const list = await search('postcode=KL1+1AA');
    assert.doesNotMatch(list.html, /map\.[0-9a-f]+\.js/);
    const map = await search('postcode=KL1+1AA&view=map');
    assert.match(map.html, /<script type="module" src="\/assets\/map\.[0-9a-f]+\.js">/);
    assert.match(map.html, /data-points="\[\{/);
    assert.match(map.text, /The map needs JavaScript/);
    // The map's zoom buttons are named in the page's language.
    assert.match(map.html, /data-zoom-in="Zoom in" data-zoom-out="Zoom out"/);
    const welsh = await resident.get(`${P}/activities?postcode=KL1+1AA&view=map&lang=cy`);
    const page = welsh.statusCode === 303 ? await resident.get(welsh.headers.location as string) : welsh;
    assert.match(page.body, /data-zoom-in="Chwyddo i mewn" data-zoom-out="Chwyddo allan"/);
    await resident.get(`${P}/activities?lang=en`);
  });

  test('an activity page shows next dates, how to join, access, cost and a calendar file', async () => {
    const found = await search('q=tea+chat&postcode=KL1+1AA');
    const href = /href="(\/places\/calderbrook\/activities\/[0-9a-f-]{36})"/.exec(found.html)![1]!;
    const page = pageText((await resident.get(href)).body);
    assert.match(page, /Next dates/);
    assert.match(page, /Tuesday,? \d+ \w+ \d{4}, 10:00 to 12:00/);
    assert.match(page, /How to join Just turn up/);
    assert.match(page, /Level access and automatic doors/);
    assert.match(page, /Last checked/);
    const ics = await resident.get(`${href}/calendar.ics`);
    assert.equal(ics.statusCode, 200);
    assert.match(ics.headers['content-type'] as string, /^text\/calendar/);
    assert.match(ics.body, /^BEGIN:VCALENDAR\r\n/);
    assert.match(ics.body, /DTSTART;TZID=Europe\/London:\d{8}T100000\r\n/);
    assert.match(ics.body, /RRULE:FREQ=WEEKLY;BYDAY=TU\r\n/);
    assert.ok(ics.body.split('\r\n').every((line) => Buffer.byteLength(line) <= 75));
  });
});

describe('the demo directory on a map', () => {
  test('its listings are spread over many places in Calderbrook, not stacked on a few points', async () => {
    const geojson = JSON.parse((await resident.get(`${P}/directory/locations.geojson`)).body) as {
      features: Array<{ geometry: { coordinates: [number, number] }; properties: { activities: unknown[] } }>;
    };
    const points = new Map<string, number>();
    for (const f of geojson.features) {
      const key = f.geometry.coordinates.join(',');
      points.set(key, (points.get(key) ?? 0) + 1);
      const [lng, lat] = f.geometry.coordinates;
      // Within the town and its villages: a few miles of its centre (53.71, -1.90).
      assert.ok(Math.abs(lat - 53.71) < 0.06 && Math.abs(lng + 1.9) < 0.08, `${lat},${lng}`);
    }
    assert.ok(geojson.features.length > 100, `${geojson.features.length} features`);
    assert.ok(points.size >= 40, `${geojson.features.length} features on ${points.size} points`);
    assert.ok(Math.max(...points.values()) <= 10, 'no one place holds more than ten listings');
  });
});

describe('the open data files', () => {
  test('the CSV and GeoJSON come compressed to a client that accepts it, and read back the same', async () => {
    for (const url of [`${P}/directory/listings.csv`, `${P}/directory/locations.geojson`]) {
      const plain = await t.app.inject({ method: 'GET', url });
      assert.equal(plain.statusCode, 200);
      assert.equal(plain.headers['content-encoding'], undefined);
      const gzipped = await t.app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip, deflate' } });
      assert.equal(gzipped.headers['content-encoding'], 'gzip', url);
      assert.match(String(gzipped.headers.vary), /accept-encoding/i);
      assert.ok(gzipped.rawPayload.length < plain.rawPayload.length / 2, url);
      assert.equal(gunzipSync(gzipped.rawPayload).toString('utf8'), plain.body);
      const brotli = await t.app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip;q=0.5, br' } });
      assert.equal(brotli.headers['content-encoding'], 'br');
      assert.equal(brotliDecompressSync(brotli.rawPayload).toString('utf8'), plain.body);
      // The tag still answers 304 to a compressed client's copy.
      const again = await t.app.inject({
        method: 'GET',
        url,
        headers: { 'accept-encoding': 'gzip', 'if-none-match': String(gzipped.headers.etag) },
      });
      assert.equal(again.statusCode, 304);
    }
  });
});

describe('small things a person would trip on', () => {
  test('a too-long postcode in the activity search is called a postcode too long, not too many words', async () => {
    const found = await search('postcode=KL1+1AA+KL1+1AA+KL1+1AA');
    assert.equal(found.status, 400);
    assert.equal(fieldErrors(found.html).postcode, 'The postcode is too long. Enter a full UK postcode, like LS1 4AP');
  });

  test('the back link is inside the main landmark, with the rest of the page', async () => {
    const found = await search('q=tea+chat&postcode=KL1+1AA');
    const href = /href="(\/places\/calderbrook\/activities\/[0-9a-f-]{36})"/.exec(found.html)![1]!;
    const html = (await resident.get(href)).body;
    const back = html.indexOf('govuk-back-link');
    assert.ok(back > 0);
    assert.ok(html.indexOf('<main') < back && back < html.indexOf('</main>'));
  });
});

describe('the taxonomy in Welsh', () => {
  test('an admin reading Welsh sees each term’s Welsh name, with the English one marked as English', async () => {
    const english = (await admin.get(`${P}/directory/taxonomy`)).body;
    const pair = /">([^<]+)<\/a> <span lang="cy">\(([^)]+)\)<\/span>/.exec(english);
    assert.ok(pair, 'a term with a Welsh name');
    const [, name, welshName] = pair;
    await admin.get(`${P}/directory/taxonomy?lang=cy`);
    const welsh = (await admin.get(`${P}/directory/taxonomy`)).body;
    await admin.get(`${P}/directory/taxonomy?lang=en`);
    assert.match(welsh, /<html lang="cy"/);
    assert.ok(welsh.includes(`">${welshName}</a> <span lang="en">(${name})</span>`));
  });
});

describe('the taxonomy forms', () => {
  test('an admin adds a term, is told beside the field what is wrong, and renames it', async () => {
    const page = `${P}/directory/taxonomy`;
    const noVocabulary = await admin.post(page, { term: 'Gardening' });
    assert.equal(fieldErrors(noVocabulary.body).taxonomy, 'Select a vocabulary');
    const empty = await admin.post(page, { taxonomy: 'needs', term: '', termCy: 'Garddio' });
    assert.equal(empty.statusCode, 400);
    assert.equal(fieldErrors(empty.body).term, 'Enter the term, up to 120 characters');
    assert.match(
      empty.body,
      /name="termCy"[^>]*value="Garddio"|value="Garddio"[^>]*name="termCy"/,
      'what was typed is kept',
    );

    const added = await admin.post(page, {
      taxonomy: 'needs',
      term: 'Community gardening',
      code: 'community-gardening',
    });
    assert.equal(added.statusCode, 303);
    const listed = (await admin.get(page)).body;
    const href = new RegExp(`href="(${page}/[^"]+)">Community gardening</a>`).exec(listed)?.[1];
    assert.ok(href, 'the new term is listed with a link to change it');

    const again = await admin.post(page, {
      taxonomy: 'needs',
      term: 'Gardening together',
      code: 'community-gardening',
    });
    assert.equal(again.statusCode, 422);
    assert.equal(fieldErrors(again.body).code, 'The code community-gardening is already used by another term');

    assert.match((await admin.get(href)).body, /value="Community gardening"/);
    const blank = await admin.post(href, { term: '' });
    assert.equal(blank.statusCode, 400);
    assert.equal(fieldErrors(blank.body).term, 'Enter the term, up to 120 characters');
    assert.equal((await admin.post(href, { term: 'Gardening together' })).statusCode, 303);
    assert.match((await admin.get(page)).body, />Gardening together<\/a>/);
    assert.equal((await admin.post(`${page}/no-such-term`, { term: 'Anything' })).statusCode, 404);
  });
});

describe('the listing forms', () => {
  test('every id on “Add a listing” and “Change a listing” is used once, so each label ticks its own box', async () => {
    const organisationId = (
      await organisationIdsOf(t.kith.db.kysely, t.demo.places.calderbrook!.id, t.demo.people.organiser!.id)
    )[0]!;
    const adding = await organiser.get(`${P}/directory/organisations/${organisationId}/activities/new`);
    assert.equal(adding.statusCode, 200);
    assert.deepEqual(duplicateIds(adding.body), []);
    // ?lang=cy keeps the choice in a cookie and shows the page again without it.
    const form = `${P}/directory/organisations/${organisationId}/activities/new`;
    assert.equal((await organiser.get(`${form}?lang=cy`)).statusCode, 303);
    const welsh = await organiser.get(form);
    await organiser.get(`${form}?lang=en`);
    assert.match(welsh.body, /<html lang="cy"/);
    assert.deepEqual(duplicateIds(welsh.body), []);
    const created = await organiser.post(`${P}/directory/organisations/${organisationId}/activities/new`, {
      ...LISTING,
      name: 'Knitting circle for the ids test',
    });
    const changing = await organiser.get(created.headers.location as string);
    assert.equal(changing.statusCode, 200);
    assert.deepEqual(duplicateIds(changing.body), []);
    // Every box of every group has a name, so ticking it is sent.
    const boxes = [...changing.body.matchAll(/<input class="govuk-checkboxes__input"[^>]*>/g)].map((m) => m[0]);
    assert.ok(boxes.length > 3);
    assert.ok(boxes.every((box) => / name="[^"]+"/.test(box)));
  });

  test('“Add a listing” explains each type of social action where it is ticked, once, in the reader’s language', async () => {
    const organisationId = (
      await organisationIdsOf(t.kith.db.kysely, t.demo.places.calderbrook!.id, t.demo.people.organiser!.id)
    )[0]!;
    const form = `${P}/directory/organisations/${organisationId}/activities/new`;
    const page = await organiser.get(form);
    assert.equal((page.body.match(/data-term="co-production"/g) ?? []).length, 1, 'co-production explained once');
    assert.match(pageText(page.body), /sharing power/, 'the glossary’s definition is on the form');
    await organiser.get(`${form}?lang=cy`);
    const welsh = await organiser.get(form);
    await organiser.get(`${form}?lang=en`);
    assert.equal((welsh.body.match(/data-term="co-production"/g) ?? []).length, 1, 'explained on the Welsh form too');
    assert.doesNotMatch(pageText(welsh.body), /sharing power/, 'the Welsh form explains in Welsh');
  });

  test('sent empty, the form’s error summary links land on fields that say the same', async () => {
    const organisationId = (
      await organisationIdsOf(t.kith.db.kysely, t.demo.places.calderbrook!.id, t.demo.people.organiser!.id)
    )[0]!;
    const empty = await organiser.post(`${P}/directory/organisations/${organisationId}/activities/new`, {});
    assert.equal(empty.statusCode, 400);
    assert.deepEqual(errorSummaryProblems(empty.body), []);
  });
});

describe('moderation', () => {
  test('organiser submits, admin asks for changes, organiser fixes, admin publishes, resident finds it', async () => {
    const organisationId = (
      await organisationIdsOf(t.kith.db.kysely, t.demo.places.calderbrook!.id, t.demo.people.organiser!.id)
    )[0]!;
    const created = await organiser.post(`${P}/directory/organisations/${organisationId}/activities/new`, LISTING);
    assert.equal(created.statusCode, 303);
    const editUrl = created.headers.location as string;
    const id = /activities\/([0-9a-f-]{36})\/edit/.exec(editUrl)![1]!;
    assert.equal((await findActivity(t.kith.db.kysely, t.demo.places.calderbrook!.id, id))!.state, 'draft');

    // Not yet published: nobody else sees it anywhere.
    assert.ok(!(await search('q=scrabble')).names.length);
    assert.equal((await resident.get(`${P}/activities/${id}`)).statusCode, 404);
    assert.equal((await resident.get(`/api/oruk/calderbrook/services/${id}`)).statusCode, 404);
    assert.doesNotMatch((await resident.get(`${P}/directory/listings.csv`)).body, /Scrabble/);

    assert.equal((await organiser.post(`${P}/directory/activities/${id}/submit`)).statusCode, 303);
    const queue = pageText((await admin.get(`${P}/directory/moderation`)).body);
    assert.match(queue, /Sunday Scrabble Society/);

    const noReason = await admin.post(`${P}/directory/moderation/${id}`, { decision: 'changes' });
    assert.equal(noReason.statusCode, 400);
    assert.match(fieldErrors(noReason.body).reason ?? '', /Say what needs to change/);
    assert.equal(
      (
        await admin.post(`${P}/directory/moderation/${id}`, {
          decision: 'changes',
          reason: 'Please say whether there is parking.',
        })
      ).statusCode,
      303,
    );

    const edit = pageText((await organiser.get(editUrl)).body);
    assert.match(edit, /Changes asked for Please say whether there is parking\./);
    const mail = (await (async () => (await t.worker.runDue(), listDevMail(t.kith.db.kysely)))()).find(
      (m) => m.to_address === 'organiser@calderbrook.example',
    );
    assert.match(mail?.subject ?? '', /Changes asked for: Sunday Scrabble Society/);

    assert.equal(
      (await organiser.post(editUrl, { ...LISTING, accessibility: 'Level access. Free parking behind the library.' }))
        .statusCode,
      303,
    );
    assert.equal((await organiser.post(`${P}/directory/activities/${id}/submit`)).statusCode, 303);
    assert.equal((await admin.post(`${P}/directory/moderation/${id}`, { decision: 'publish' })).statusCode, 303);

    const found = await search('q=scrabble');
    assert.deepEqual(found.names, ['Sunday Scrabble Society']);
    assert.match(pageText((await resident.get(`${P}/activities/${id}`)).body), /Free parking behind the library/);
    const audit = pageText((await admin.get(`${P}/admin/audit`)).body);
    assert.match(audit, /Published Sunday Scrabble Society/);
    assert.match(audit, /Asked for changes to Sunday Scrabble Society: Please say whether there is parking\./);

    // An organiser's change to a published listing goes back to be checked first.
    assert.equal(
      (await organiser.post(editUrl, { ...LISTING, name: 'Sunday Scrabble and Word Games' })).statusCode,
      303,
    );
    assert.deepEqual((await search('q=scrabble')).names, []);
  });

  test('an organiser cannot change another organisation’s listing, and gets the form errors beside fields', async () => {
    const place = t.demo.places.calderbrook!.id;
    const mine = new Set(await organisationIdsOf(t.kith.db.kysely, place, t.demo.people.organiser!.id));
    const other = (await listOrganisations(t.kith.db.kysely, place, { limit: 50, offset: 0 })).rows.find(
      (o) => !mine.has(o.id),
    )!;
    assert.equal((await organiser.get(`${P}/directory/organisations/${other.id}/activities/new`)).statusCode, 403);
    const first = [...mine][0]!;
    const bad = await organiser.post(`${P}/directory/organisations/${first}/activities/new`, {
      ...LISTING,
      name: '',
      postcode: 'ZZ1 1ZZ',
      opensAt: '25:00',
      cost: 'amount',
      costAmount: 'lots',
    });
    assert.equal(bad.statusCode, 400);
    const errors = fieldErrors(bad.body);
    assert.equal(errors.name, 'Enter the activity’s name, up to 200 characters');
    assert.equal(errors.opensAt, 'Enter the start time, like 10:00');
    assert.equal(errors.costAmount, 'Enter a price in pounds, like 3.50');
    const unknown = await organiser.post(`${P}/directory/organisations/${first}/activities/new`, {
      ...LISTING,
      postcode: 'ZZ1 1ZZ',
    });
    assert.equal(unknown.statusCode, 422);
    assert.match(fieldErrors(unknown.body).postcode ?? '', /We do not know where the postcode ZZ1 1ZZ is/);
  });

  test('listings nobody has checked for six months get one reminder each, however often the job runs', async () => {
    const place = t.demo.places.calderbrook!.id;
    const mine = await organisationIdsOf(t.kith.db.kysely, place, t.demo.people.organiser!.id);
    const stale = new Date(Date.now() - 200 * 86_400_000).toISOString();
    await t.kith.db.kysely
      .updateTable('directory_activities')
      .set({ last_checked_at: stale })
      .where('organisation_id', 'in', mine)
      .where('state', '=', 'published')
      .execute();
    await t.worker.runDue();
    const isReminder = (m: { subject: string }) => /still right\?/.test(m.subject);
    const before = (await listDevMail(t.kith.db.kysely)).filter(isReminder).length;
    const first = await sendReviewReminders(t.kith);
    assert.ok(first > 0);
    assert.equal(await sendReviewReminders(t.kith), 0);
    await t.worker.runDue();
    const reminders = (await listDevMail(t.kith.db.kysely)).filter(isReminder);
    assert.equal(reminders.length, before + first);
  });
});

describe('an organisation’s people', () => {
  test('an admin adds a coordinator to an organisation, who then runs its volunteering but not its listings; a resident cannot be added', async () => {
    const place = t.demo.places.calderbrook!.id;
    const organisation = (await listOrganisations(t.kith.db.kysely, place, { limit: 50, offset: 0 })).rows.find(
      (o) => o.name === 'Calderbrook Repair Café',
    )!;
    const page = `${P}/directory/organisations/${organisation.id}`;
    const coordinator = new Agent(t);
    await coordinator.signIn('coordinator@calderbrook.example', t.demo.password);
    assert.equal((await coordinator.get(`${P}/volunteering/manage/${organisation.id}`)).statusCode, 403);

    const form = pageText((await admin.get(page)).body);
    assert.match(form, /Organisers and coordinators/);
    assert.match(form, /Add an organiser or coordinator by email address/);
    const refused = await admin.post(`${page}/organisers`, { organiserEmail: 'resident@calderbrook.example' });
    assert.equal(refused.statusCode, 422);
    assert.equal(
      fieldErrors(refused.body).organiserEmail,
      'Edna Price does not have the organiser or coordinator role in this place. Give them one of those roles first, in Members and roles.',
    );

    const added = await admin.post(`${page}/organisers`, { organiserEmail: 'coordinator@calderbrook.example' });
    assert.equal(added.statusCode, 303);
    const after = pageText((await admin.get(added.headers.location as string)).body);
    assert.match(after, /They have been added to this organisation\./);
    assert.match(after, /Grace Mensah/);
    assert.equal((await coordinator.get(`${P}/volunteering/manage/${organisation.id}`)).statusCode, 200);
    assert.equal((await coordinator.get(`${page}/activities/new`)).statusCode, 403);
  });
});

describe('the header inside a place', () => {
  test('"Find activities" searches the place being looked at; outside any place it asks which', async () => {
    const anyone = new Agent(t);
    const findActivities = (html: string) => /<a[^>]+href="([^"]+)"[^>]*>\s*Find activities\s*<\/a>/.exec(html)?.[1];
    assert.equal(findActivities((await anyone.get(`${P}/assets`)).body), `${P}/activities`);
    assert.equal(findActivities((await anyone.get('/places/aberllyn')).body), '/places/aberllyn/activities');
    assert.equal(findActivities((await anyone.get('/')).body), '/activities');
  });
});

describe('an activity page', () => {
  test('each vocabulary is one row, holding all of its terms', async () => {
    // An activity of the demo's with two or more terms from one vocabulary.
    const row = await t.kith.db.kysely
      .selectFrom('directory_attributes as a')
      .innerJoin('directory_taxonomy_terms as tt', 'tt.id', 'a.taxonomy_term_id')
      .innerJoin('directory_activities as d', 'd.id', 'a.link_id')
      .select(['a.link_id', 'tt.taxonomy_id'])
      .where('a.link_entity', '=', 'service')
      .where('d.state', '=', 'published')
      .where('d.place_id', '=', t.demo.places.calderbrook!.id)
      .groupBy(['a.link_id', 'tt.taxonomy_id'])
      .having((eb) => eb.fn.countAll(), '>=', 2)
      .executeTakeFirstOrThrow();
    const html = (await resident.get(`${P}/activities/${row.link_id}`)).body;
    const keys = [...html.matchAll(/<dt class="govuk-summary-list__key">\s*([^<]+?)\s*<\/dt>/g)].map((m) => m[1]);
    assert.ok(keys.length > 3, 'the page lists its facts');
    assert.equal(new Set(keys).size, keys.length, `no fact's name appears twice: ${keys.join(' | ')}`);
  });
  test('a published listing tells machines what it is: schema.org JSON-LD and links to its ORUK JSON and calendar file', async () => {
    const organisationId = (
      await organisationIdsOf(t.kith.db.kysely, t.demo.places.calderbrook!.id, t.demo.people.organiser!.id)
    )[0]!;
    const hostile = 'Chess </script><script>alert(1)</script> & <!-- club';
    const created = await organiser.post(`${P}/directory/organisations/${organisationId}/activities/new`, {
      ...LISTING,
      name: hostile,
      description: 'Bring a board </SCRIPT> if you have one',
    });
    assert.equal(created.statusCode, 303);
    const id = /activities\/([0-9a-f-]{36})\/edit/.exec(created.headers.location as string)![1]!;
    const href = `${P}/activities/${id}`;
    const head = (html: string) => html.slice(0, html.indexOf('</head>'));
    const scripts = (html: string) =>
      [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => m[1]!);

    // An organiser's preview of a draft says nothing to machines: the feed and calendar would not answer.
    const preview = (await organiser.get(href)).body;
    assert.deepEqual(scripts(preview), []);
    assert.doesNotMatch(head(preview), /rel="alternate"/);

    assert.equal((await organiser.post(`${P}/directory/activities/${id}/submit`)).statusCode, 303);
    assert.equal((await admin.post(`${P}/directory/moderation/${id}`, { decision: 'publish' })).statusCode, 303);
    const html = (await resident.get(href)).body;
    // The hostile name cannot end the script element early: one JSON-LD element, which parses.
    const found = scripts(head(html));
    assert.equal(found.length, 1);
    assert.doesNotMatch(found[0]!, /<|>/);
    const ld = JSON.parse(found[0]!);
    assert.equal(ld['@context'], 'https://schema.org');
    assert.equal(ld['@type'], 'Event');
    assert.equal(ld.name, hostile);
    assert.equal(ld.description, 'Bring a board </SCRIPT> if you have one');
    assert.equal(ld.url, `${t.kith.config.publicUrl}${href}`);
    assert.equal(ld.organizer['@type'], 'Organization');
    assert.ok(ld.organizer.name);
    assert.equal(ld.location.name, 'Calderbrook Library');
    assert.deepEqual(
      { ...ld.location.address },
      {
        '@type': 'PostalAddress',
        streetAddress: '2 Market Street',
        addressLocality: 'Calderbrook',
        postalCode: 'KL1 1AA',
        addressCountry: 'GB',
      },
    );
    assert.equal(ld.location.geo['@type'], 'GeoCoordinates');
    assert.ok(Math.abs(ld.location.geo.latitude - 53.71) < 0.05 && Math.abs(ld.location.geo.longitude + 1.9) < 0.05);
    assert.deepEqual(ld.eventSchedule, [
      {
        '@type': 'Schedule',
        repeatFrequency: 'P1W',
        byDay: ['https://schema.org/Sunday'],
        startDate: ld.eventSchedule[0].startDate,
        startTime: '14:00:00',
        endTime: '16:00:00',
        scheduleTimezone: 'Europe/London',
      },
    ]);
    // The next session: a Sunday, 14:00 to 16:00 in London (13:00 or 14:00 UTC by the season).
    assert.equal(new Date(ld.startDate).getUTCDay(), 0);
    assert.equal(new Date(ld.endDate).getTime() - new Date(ld.startDate).getTime(), 2 * 3600_000);
    assert.deepEqual(ld.offers, [{ '@type': 'Offer', priceCurrency: 'GBP', url: ld.url, price: '0' }]);
    assert.equal(ld.isAccessibleForFree, true);
    assert.deepEqual(ld.audience, { '@type': 'PeopleAudience', audienceType: 'Word lovers' });
    assert.deepEqual(ld.inLanguage, ['en']);

    // The same listing in Open Referral UK JSON and as a calendar file, each answering.
    const alternates = Object.fromEntries(
      [...head(html).matchAll(/<link rel="alternate" type="([^"]+)" href="([^"]+)">/g)].map((m) => [m[1], m[2]]),
    );
    assert.deepEqual(Object.keys(alternates).sort(), ['application/json', 'text/calendar']);
    const oruk = await resident.get(alternates['application/json']!);
    assert.equal(oruk.statusCode, 200);
    assert.equal(JSON.parse(oruk.body).name, hostile);
    const ics = await resident.get(alternates['text/calendar']!);
    assert.equal(ics.statusCode, 200);
    assert.match(ics.headers['content-type'] as string, /^text\/calendar/);
  });

  test('a listing with no schedule is described as a schema.org Service, with where it is offered', async () => {
    const organisationId = (
      await organisationIdsOf(t.kith.db.kysely, t.demo.places.calderbrook!.id, t.demo.people.organiser!.id)
    )[0]!;
    const created = await organiser.post(`${P}/directory/organisations/${organisationId}/activities/new`, {
      ...LISTING,
      name: 'Board game lending',
    });
    const id = /activities\/([0-9a-f-]{36})\/edit/.exec(created.headers.location as string)![1]!;
    // The form always asks when; a listing without a schedule comes from an import (a service by referral).
    await t.kith.db.kysely.deleteFrom('directory_schedules').where('activity_id', '=', id).execute();
    assert.equal((await organiser.post(`${P}/directory/activities/${id}/submit`)).statusCode, 303);
    assert.equal((await admin.post(`${P}/directory/moderation/${id}`, { decision: 'publish' })).statusCode, 303);
    const html = (await resident.get(`${P}/activities/${id}`)).body;
    const ld = JSON.parse(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html)![1]!);
    assert.equal(ld['@type'], 'Service');
    assert.equal(ld.name, 'Board game lending');
    assert.ok(ld.provider.name);
    assert.equal(ld.availableChannel[0].serviceLocation.address.postalCode, 'KL1 1AA');
    assert.equal(ld.eventSchedule, undefined);
    // No schedule, no calendar file: only the ORUK JSON is offered.
    assert.deepEqual(
      [...html.matchAll(/<link rel="alternate" type="([^"]+)"/g)].map((m) => m[1]),
      ['application/json'],
    );
  });
});

describe('the search form speaks plainly', () => {
  test('the typology filter says what it means, and names the toolkit’s term for those who know it', async () => {
    const text = pageText((await new Agent(t).get(`${P}/activities`)).body);
    assert.match(text, /Ways of taking part/);
    assert.match(text, /what the toolkit calls the typology of social action/);
    assert.doesNotMatch(text, /Typology of social action/);
  });
});

describe('the search form and the search agree', () => {
  test('the distance the form shows before a search is the one a search without a distance uses', async () => {
    const html = (await new Agent(t).get(`${P}/activities`)).body;
    const selected = /<select[^>]+name="distance"[\s\S]*?<option value="(\d+)" selected/.exec(html)?.[1];
    assert.equal(selected, '2');
    const near = (await new Agent(t).get(`${P}/activities?postcode=KL1+1AA`)).body;
    assert.equal(/<select[^>]+name="distance"[\s\S]*?<option value="(\d+)" selected/.exec(near)?.[1], '2');
  });

  test('the order follows the search until someone chooses one: words typed after a first visit sort by best match', async () => {
    const sortShown = (html: string) => /<select[^>]+name="sort"[\s\S]*?<option value="(\w*)" selected/.exec(html)?.[1];
    const first = (await new Agent(t).get(`${P}/activities`)).body;
    assert.equal(sortShown(first), '', 'the form offers "To suit your search", not an order that would stick');
    // The form as submitted after typing words: sort is the empty "to suit" choice.
    assert.equal(parseSearchQuery({ q: 'walk', sort: '' }).value.sort, 'relevance');
    assert.equal(parseSearchQuery({ q: '', postcode: 'KL1 1AA', sort: '' }).value.sort, 'distance');
    assert.equal(parseSearchQuery({ q: 'walk', sort: 'name' }).value.sort, 'name', 'a chosen order is kept');
    const chosen = (await new Agent(t).get(`${P}/activities?q=walk&sort=name`)).body;
    assert.equal(sortShown(chosen), 'name');
  });
});
