import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { Agent, fieldErrors, pageText, startTestKith, type TestKith } from '../../testing.js';

let t: TestKith;
before(async () => {
  t = await startTestKith({ demo: true });
});
after(() => t.close());

/**
 * The tables of this test's own database. Not Kysely's introspection: on PostgreSQL that
 * reads every schema on the server, and fails when another test drops its schema meanwhile.
 */
async function tablesOfThisDatabase(): Promise<Array<{ name: string }>> {
  const query =
    t.kith.db.dialect === 'postgres'
      ? sql<{
          name: string;
        }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`
      : sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`;
  return (await query.execute(t.kith.db.kysely)).rows;
}

/** Every text value anywhere in the database that mentions the person's id, name or email. */
async function tracesOf(person: { id: string; name: string; email: string }): Promise<string[]> {
  const found: string[] = [];
  for (const table of await tablesOfThisDatabase()) {
    if (table.name === 'kith_migrations' || table.name === 'kith_migrations_lock') continue;
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table.name)}`.execute(t.kith.db.kysely);
    for (const row of rows.rows) {
      for (const [column, value] of Object.entries(row)) {
        // The emptied row itself keeps its id, for history (a ledger entry, say) to point at "someone".
        if (typeof value !== 'string' || (table.name === 'people' && column === 'id')) continue;
        if ([person.id, person.name, person.email].some((trace) => value.includes(trace)))
          found.push(`${table.name}.${column}`);
      }
    }
  }
  return [...new Set(found)];
}

describe('downloading your data', () => {
  test('the download holds your account, roles, sessions and history, and is audited', async () => {
    const agent = new Agent(t);
    await agent.signIn('joanne@calderbrook.example', t.demo.password);
    const response = await agent.get('/account/data');
    assert.equal(response.statusCode, 200);
    assert.match(
      String(response.headers['content-disposition']),
      /attachment; filename="kith-my-data-\d{4}-\d{2}-\d{2}\.json"/,
    );
    const data = response.json();
    assert.equal(data.people.account.email, 'joanne@calderbrook.example');
    assert.deepEqual(
      data.people.roles.map((r: { place: string; role: string }) => `${r.place}:${r.role}`),
      ['Calderbrook:resident'],
    );
    assert.equal(data.people.sessions.length, 1);
    assert.ok(data.audit.auditEvents.some((e: { action: string }) => e.action === 'person.signedIn'));
    const again = (await agent.get('/api/v1/me/data')).json();
    assert.ok(again.audit.auditEvents.some((e: { action: string }) => e.action === 'person.dataExported'));
  });
});

describe('deleting your account', () => {
  test('removes every personal detail and keeps only an anonymous record', async () => {
    const maureen = { ...t.demo.people.gardener! };
    const admin = new Agent(t);
    await admin.signIn('admin@calderbrook.example', t.demo.password);
    await admin.post(`/places/calderbrook/admin/members/${maureen.id}`, { roles: ['resident', 'organiser'] });
    const agent = new Agent(t);
    await agent.signIn(maureen.email, t.demo.password);
    await agent.post('/password-reset', { email: maureen.email });
    await t.worker.runDue();
    await agent.get('/account/data');

    const wrong = await agent.post('/account/delete', { password: 'not it', confirm: 'yes' });
    assert.equal(fieldErrors(wrong.body).password, 'That password is not correct');
    const unconfirmed = await agent.post('/account/delete', { password: t.demo.password });
    assert.equal(fieldErrors(unconfirmed.body).confirm, 'Confirm that you understand your account will be deleted');
    assert.ok((await tracesOf(maureen)).length > 0, 'nothing was erased by the refused attempts');

    const done = await agent.post('/account/delete', { password: t.demo.password, confirm: 'yes' });
    assert.equal(done.statusCode, 303);
    assert.equal(done.headers.location, '/account/deleted');

    assert.deepEqual(await tracesOf(maureen), [], 'no table mentions her id, name or email');
    const erased = await t.kith.db.kysely
      .selectFrom('audit_events')
      .select(['action', 'place_id', 'actor_id'])
      .where('action', '=', 'person.erased')
      .execute();
    assert.deepEqual(
      erased.map((e) => e.place_id),
      [t.demo.places.calderbrook!.id],
    );
    const log = pageText((await admin.get('/places/calderbrook/admin/audit')).body);
    assert.match(log, /An account was deleted/);
    assert.match(log, /Priya Shah Gave the role: Organiser A deleted account/);
    assert.equal((await agent.get('/account')).statusCode, 303, 'signed out');
  });

  test('the only admin of a place must hand over first', async () => {
    const agent = new Agent(t);
    await agent.signIn('admin@calderbrook.example', t.demo.password);
    const page = pageText((await agent.get('/account/delete')).body);
    assert.match(page, /You are the only admin of Calderbrook/);
    const refused = await agent.post('/account/delete', { password: t.demo.password, confirm: 'yes' });
    assert.equal(refused.statusCode, 422);
    assert.equal((await agent.get('/account')).statusCode, 200, 'still there');
  });
});
