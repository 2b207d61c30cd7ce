/**
 * The place's admin keeps the directory's organisations and vocabularies: adding and
 * changing an organisation, giving it organisers, and adding, renaming and removing a
 * taxonomy term. Through the pages, as the admin uses them, on both databases.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { fieldErrors, pageText, signedInAs, startTestKith, type Agent, type TestKith } from '../../testing.js';

let t: TestKith;
let admin: Agent;
const base = '/places/calderbrook/directory';

before(async () => {
  t = await startTestKith({ demo: true });
  admin = await signedInAs(t, 'admin');
});
after(() => t.close());

/** Follows a redirect and returns the page's text (with its success banner). */
async function landed(agent: Agent, response: { statusCode: number; headers: Record<string, unknown>; body: string }) {
  assert.equal(response.statusCode, 303, pageText(response.body));
  return pageText((await agent.get(response.headers.location as string)).body);
}

describe('organisations', () => {
  test('an admin adds an organisation; what is missing or wrong is shown beside its field and nothing is added', async () => {
    const listed = () => admin.get(`${base}/organisations`);
    const howMany = async () => Number(/(\d+) organisations/.exec(pageText((await listed()).body))?.[1]);
    const before = await howMany();
    assert.ok(before > 0, 'the page says how many organisations there are');
    const empty = await admin.post(`${base}/organisations`, {});
    assert.equal(empty.statusCode, 400);
    assert.deepEqual(fieldErrors(empty.body), {
      name: 'Enter the organisation’s name, up to 200 characters',
      description: 'Describe the organisation, up to 4,000 characters',
      kind: 'Select what kind of organisation it is',
    });
    const wrong = await admin.post(`${base}/organisations`, {
      name: 'Hebden Repair Café',
      description: 'Bring it broken, take it home mended.',
      kind: 'community_group',
      email: 'not an address',
      website: 'repair.example',
    });
    assert.equal(wrong.statusCode, 400);
    assert.deepEqual(Object.keys(fieldErrors(wrong.body)).sort(), ['email', 'website']);
    assert.match(wrong.body, /value="Hebden Repair Café"/, 'what was typed is kept');
    assert.equal(await howMany(), before);

    const created = await admin.post(`${base}/organisations`, {
      name: 'Hebden Repair Café',
      description: 'Bring it broken, take it home mended.',
      kind: 'community_group',
      email: 'hello@repair.example',
      website: 'https://repair.example',
    });
    assert.match(await landed(admin, created), /The organisation has been added\./);
    const page = created.headers.location as string;
    assert.match(pageText((await listed()).body), /Hebden Repair Café/);
    assert.equal(await howMany(), before + 1);

    // A mistake in an edit changes nothing; a good edit is saved.
    const bad = await admin.post(page, {
      name: '',
      description: 'Mended',
      kind: 'community_group',
    });
    assert.equal(bad.statusCode, 400);
    assert.equal(fieldErrors(bad.body).name, 'Enter the organisation’s name, up to 200 characters');
    assert.match((await admin.get(page)).body, /value="Hebden Repair Café"/);
    const saved = await admin.post(page, {
      name: 'Calder Valley Repair Café',
      description: 'Bring it broken, take it home mended. Every second Saturday.',
      kind: 'community_group',
      email: 'hello@repair.example',
      website: 'https://repair.example',
    });
    assert.match(await landed(admin, saved), /The organisation’s details are saved\./);
    const now = pageText((await listed()).body);
    assert.match(now, /Calder Valley Repair Café/);
    assert.doesNotMatch(now, /Hebden Repair Café/);

    // Nobody but an admin manages organisations.
    const resident = await signedInAs(t, 'resident');
    assert.equal((await resident.get(`${base}/organisations`)).statusCode, 403);
    assert.equal((await resident.post(page, { name: 'Mine', description: 'x', kind: 'charity' })).statusCode, 403);
    assert.match(pageText((await listed()).body), /Calder Valley Repair Café/);
  });

  test('an organiser added to an organisation can write its listings, until they are removed', async () => {
    const created = await admin.post(`${base}/organisations`, {
      name: 'Todmorden Tool Library',
      description: 'Borrow a drill, not buy one.',
      kind: 'charity',
    });
    const page = created.headers.location as string;
    const marcus = await signedInAs(t, 'organiser');
    const newListing = `${page}/activities/new`;
    assert.equal((await marcus.get(newListing)).statusCode, 403);

    const unknown = await admin.post(`${page}/organisers`, { organiserEmail: 'nobody@nowhere.example' });
    assert.equal(fieldErrors(unknown.body).organiserEmail, 'There is no Kith account with that email address');
    assert.match(pageText((await admin.get(page)).body), /No organisers or coordinators yet\./);

    const added = await admin.post(`${page}/organisers`, { organiserEmail: 'Organiser@Calderbrook.example' });
    assert.match(await landed(admin, added), /They have been added to this organisation\./);
    assert.match(pageText((await admin.get(page)).body), new RegExp(t.demo.people.organiser!.name));
    assert.equal((await marcus.get(newListing)).statusCode, 200);

    const removed = await admin.post(`${page}/organisers/${t.demo.people.organiser!.id}/remove`);
    assert.match(await landed(admin, removed), /They have been removed from this organisation\./);
    assert.equal((await marcus.get(newListing)).statusCode, 403);
  });
});

describe('the taxonomy', () => {
  test('an admin adds a term to a vocabulary, names it in Welsh, and removes it', async () => {
    const page = (await admin.get(`${base}/taxonomy`)).body;
    const vocabulary =
      /name="taxonomy"[^>]*value="([^"]+)"/.exec(page)?.[1] ?? /value="([^"]+)"[^>]*name="taxonomy"/.exec(page)?.[1];
    assert.ok(vocabulary, 'the page offers the place’s vocabularies');

    const empty = await admin.post(`${base}/taxonomy`, {});
    assert.equal(empty.statusCode, 400);
    assert.deepEqual(Object.keys(fieldErrors(empty.body)).sort(), ['taxonomy', 'term']);
    const badCode = await admin.post(`${base}/taxonomy`, {
      taxonomy: vocabulary,
      term: 'Sea swimming',
      code: 'Sea swimming!',
    });
    assert.equal(fieldErrors(badCode.body).code, 'Use lower-case letters, numbers and hyphens only');
    assert.doesNotMatch(pageText((await admin.get(`${base}/taxonomy`)).body), /Sea swimming/);

    const added = await admin.post(`${base}/taxonomy`, {
      taxonomy: vocabulary,
      term: 'Sea swimming',
      description: 'Swimming outdoors, in the sea or a lake',
      code: 'sea-swimming',
    });
    assert.match(await landed(admin, added), /The term has been added\./);
    const listed = (await admin.get(`${base}/taxonomy`)).body;
    const termId = new RegExp(`/directory/taxonomy/([0-9a-f-]{36})"[^>]*>Sea swimming<`).exec(listed)?.[1];
    assert.ok(termId, pageText(listed));

    // The same code twice is refused beside the code, and adds nothing.
    const twice = await admin.post(`${base}/taxonomy`, {
      taxonomy: vocabulary,
      term: 'Wild swimming',
      code: 'sea-swimming',
    });
    assert.equal(twice.statusCode, 422);
    assert.equal(fieldErrors(twice.body).code, 'The code sea-swimming is already used by another term');
    assert.doesNotMatch(pageText((await admin.get(`${base}/taxonomy`)).body), /Wild swimming/);

    const term = `${base}/taxonomy/${termId}`;
    assert.equal((await admin.post(term, { term: '' })).statusCode, 400);
    const renamed = await admin.post(term, { term: 'Sea swimming', termCy: 'Nofio yn y môr', description: '' });
    assert.match(await landed(admin, renamed), /The term is saved\./);
    assert.match(pageText((await admin.get(`${base}/taxonomy`)).body), /Sea swimming \(Nofio yn y môr\)/);

    assert.equal((await (await signedInAs(t, 'resident')).post(`${term}/remove`)).statusCode, 403);
    const removed = await admin.post(`${term}/remove`);
    assert.match(await landed(admin, removed), /The term has been removed\./);
    assert.doesNotMatch(pageText((await admin.get(`${base}/taxonomy`)).body), /Sea swimming/);
    assert.equal((await admin.get(term)).statusCode, 404);
  });
});
