import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { startTestKith, type TestKith } from '../testing.js';

let t: TestKith;
before(async () => {
  t = await startTestKith();
});
after(() => t.close());

test("introspection sees Kith's own tables with their columns, and nothing in other schemas on the same server", async () => {
  const db = t.kith.db.kysely;
  const other = `kith_other_${randomBytes(5).toString('hex')}`;
  if (t.kith.db.dialect === 'postgres') {
    await sql`create schema ${sql.id(other)}`.execute(db);
    await sql`create table ${sql.id(other, 'elsewhere')} (id text primary key)`.execute(db);
  }
  try {
    const tables = await db.introspection.getTables();
    const people = tables.find((table) => table.name === 'people');
    assert.ok(people, 'the people table is listed');
    assert.ok(
      people.columns.some((c) => c.name === 'language' && !c.isNullable) &&
        people.columns.some((c) => c.name === 'email' && c.isNullable),
      'with its columns, as they are',
    );
    assert.ok(!tables.some((table) => table.name === 'elsewhere'), 'another schema’s table is not');
    if (t.kith.db.dialect === 'postgres') {
      const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
      assert.deepEqual([...new Set(tables.map((table) => table.schema))], [rows[0]!.schema]);
    }
  } finally {
    if (t.kith.db.dialect === 'postgres') await sql`drop schema ${sql.id(other)} cascade`.execute(db);
  }
});
