import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Agent, fieldErrors, pageText, startTestKith, type TestKith } from '../../testing.js';
import { planRoleChange } from './inputs.js';

let t: TestKith;
let admin: Agent;
before(async () => {
  t = await startTestKith({ demo: true });
  admin = new Agent(t);
  await admin.signIn('admin@calderbrook.example', t.demo.password);
});
after(() => t.close());

const members = '/places/calderbrook/admin/members';

async function rolesIn(personId: string, place = 'calderbrook') {
  const rows = await t.kith.db.kysely
    .selectFrom('place_roles')
    .select('role')
    .where('person_id', '=', personId)
    .where('place_id', '=', t.demo.places[place]!.id)
    .orderBy('role')
    .execute();
  return rows.map((r) => r.role);
}

describe('an admin gives and removes roles', () => {
  test('giving a resident the organiser role lets them in as an organiser, and is audited', async () => {
    const edna = t.demo.people.resident!;
    const saved = await admin.post(`${members}/${edna.id}`, { roles: ['resident', 'organiser'] });
    assert.equal(saved.statusCode, 303);
    assert.deepEqual(await rolesIn(edna.id), ['organiser', 'resident']);

    const her = new Agent(t);
    await her.signIn(edna.email, t.demo.password);
    assert.match(
      pageText((await her.get('/account')).body),
      /Calderbrook: Resident, Organiser|Calderbrook: Organiser, Resident/,
    );

    const audit = pageText((await admin.get('/places/calderbrook/admin/audit')).body);
    assert.match(audit, /Priya Shah Gave the role: Organiser Edna Price/);

    await admin.post(`${members}/${edna.id}`, { roles: ['resident'] });
    assert.deepEqual(await rolesIn(edna.id), ['resident']);
    assert.match(pageText((await admin.get('/places/calderbrook/admin/audit')).body), /Removed the role: Organiser/);
  });

  test('roles in one place do not leak into another', async () => {
    const aled = t.demo.people.welshResident!;
    const response = await admin.get(`${members}/${aled.id}`);
    assert.equal(response.statusCode, 404, 'Aled is not a member of Calderbrook');
    const other = await admin.post(`${members}/${aled.id}`, { roles: ['admin'] });
    assert.notEqual(other.statusCode, 303);
    assert.deepEqual(await rolesIn(aled.id), []);
  });

  test('a place always keeps an admin', async () => {
    const priya = t.demo.people.admin!;
    const refused = await admin.post(`${members}/${priya.id}`, { roles: ['resident'] });
    assert.equal(refused.statusCode, 422);
    assert.equal(
      fieldErrors(refused.body).roles,
      'A place must always have an admin. Give someone else the admin role first.',
    );
    assert.deepEqual(await rolesIn(priya.id), ['admin', 'resident']);
  });

  test('a made-up role is refused beside the checkboxes and changes nothing', async () => {
    const kemi = t.demo.people.youngResident!;
    const refused = await admin.post(`${members}/${kemi.id}`, { roles: ['resident', 'emperor'] });
    assert.equal(refused.statusCode, 400);
    assert.equal(fieldErrors(refused.body)['roles'], 'Select roles from the list');
    assert.deepEqual(await rolesIn(kemi.id), ['resident']);
  });

  test('adding someone by email makes them a resident; an unknown email is explained', async () => {
    const added = await admin.post(members, { email: 'ALED@aberllyn.example' });
    assert.equal(added.statusCode, 303);
    assert.deepEqual(await rolesIn(t.demo.people.welshResident!.id), ['resident']);
    const unknown = await admin.post(members, { email: 'nobody@example.org' });
    assert.match(fieldErrors(unknown.body).email ?? '', /Nobody has a Kith account with this email address/);
  });

  test('unticking every role removes the person from the place', async () => {
    const ben = t.demo.people.student!;
    const removed = await admin.post(`${members}/${ben.id}`, {});
    assert.equal(removed.statusCode, 303);
    assert.deepEqual(await rolesIn(ben.id), []);
    assert.doesNotMatch(pageText((await admin.get(`${members}?q=nowak`)).body), /Ben Nowak/);
  });

  test('members can be found by name and by role, a page at a time', async () => {
    const byName = pageText((await admin.get(`${members}?q=whitfield`)).body);
    assert.match(byName, /1 member/);
    assert.match(byName, /Harold Whitfield/);
    const partners = pageText((await admin.get(`${members}?role=partner`)).body);
    assert.match(partners, /Lisa Chen/);
    assert.doesNotMatch(partners, /Edna Price/);
    assert.equal(
      (await admin.get(`${members}?page=0`)).statusCode,
      200,
      'a bad page number falls back to the first page',
    );
  });
});

describe('the rule for changing roles', () => {
  test('it says what to grant and revoke, and refuses to take away the last admin', () => {
    assert.deepEqual(planRoleChange(['resident'], ['resident', 'organiser'], 2), { grant: ['organiser'], revoke: [] });
    assert.deepEqual(planRoleChange(['admin', 'resident'], ['resident'], 2), { grant: [], revoke: ['admin'] });
    assert.equal(planRoleChange(['admin'], [], 1).refusal, 'people.roles.lastAdmin');
    assert.equal(planRoleChange(['admin'], ['admin', 'officer'], 1).refusal, undefined);
  });
});
