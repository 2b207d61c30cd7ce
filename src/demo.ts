import { sql } from 'kysely';
import type { Kith } from './kith.js';
import type { DemoState } from './modules/module.js';
import { listPlaces } from './modules/places/index.js';

/**
 * Fills an empty database with the demo places, their people and what they do; with
 * `residents`, also Calderbrook's thirty residents who give the place's figures people
 * to count (see Config.demoResidents).
 */
export async function loadDemo(kith: Kith, options: { residents?: boolean } = {}): Promise<DemoState> {
  const demo: DemoState = { places: {}, people: {}, password: '', residents: options.residents ? [] : undefined };
  for (const module of kith.modules) await module.demo?.(kith, demo);
  return demo;
}

export async function isEmpty(kith: Kith): Promise<boolean> {
  return (await listPlaces(kith.db.kysely)).length === 0;
}

/**
 * Drops every table in Kith's database (on PostgreSQL, in its schema only), so the
 * next migration starts from nothing. Kith's database is Kith's alone.
 */
export async function dropEverything(kith: Kith): Promise<void> {
  if (kith.db.dialect === 'postgres') {
    const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(kith.db.kysely);
    const schema = rows[0]!.schema;
    // Read from this schema only: Kysely's introspection reads every schema on the server,
    // and fails if another database user drops one meanwhile.
    const tables = await sql<{ name: string }>`
      select table_name as name from information_schema.tables
      where table_schema = ${schema} and table_type = 'BASE TABLE'`.execute(kith.db.kysely);
    for (const table of tables.rows) {
      await sql`drop table if exists ${sql.id(schema, table.name)} cascade`.execute(kith.db.kysely);
    }
    // Functions that migrations made (a ledger's append-only guard, say) go too.
    const functions = await sql<{ signature: string }>`
      select p.oid::regprocedure::text as signature from pg_proc p
      join pg_namespace n on n.oid = p.pronamespace where n.nspname = ${schema}`.execute(kith.db.kysely);
    for (const { signature } of functions.rows)
      await sql`drop function if exists ${sql.raw(signature)} cascade`.execute(kith.db.kysely);
    return;
  }
  const handle = kith.db.sqlite!;
  handle.pragma('foreign_keys = OFF');
  const tables = handle
    .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'")
    .all() as Array<{ name: string }>;
  for (const { name } of tables) handle.prepare(`drop table if exists "${name.replace(/"/g, '""')}"`).run();
  handle.pragma('foreign_keys = ON');
}
