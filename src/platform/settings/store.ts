import type { Queryable } from '../../db/index.js';

/**
 * Reads a setting, creating it first if it is missing. Several processes starting at
 * once agree on one value: the insert that loses the race changes nothing.
 */
export async function readOrCreateSecret(db: Queryable, key: string, make: () => string): Promise<string> {
  await db
    .insertInto('instance_settings')
    .values({ key, value: make() })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const row = await db.selectFrom('instance_settings').select('value').where('key', '=', key).executeTakeFirstOrThrow();
  return row.value;
}
