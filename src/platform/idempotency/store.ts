import { nowIso, type Queryable } from '../../db/index.js';

/** Claims the key; false when an earlier submission already holds it. */
export async function claimKey(db: Queryable, owner: string, key: string): Promise<boolean> {
  const result = await db
    .insertInto('idempotency_keys')
    .values({ owner, key, response: 'null', created_at: nowIso() })
    .onConflict((oc) => oc.columns(['owner', 'key']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function storeResponse(db: Queryable, owner: string, key: string, response: unknown): Promise<void> {
  await db
    .updateTable('idempotency_keys')
    .set({ response: JSON.stringify(response) })
    .where('owner', '=', owner)
    .where('key', '=', key)
    .execute();
}

export async function storedResponse(db: Queryable, owner: string, key: string): Promise<unknown> {
  const row = await db
    .selectFrom('idempotency_keys')
    .select('response')
    .where('owner', '=', owner)
    .where('key', '=', key)
    .executeTakeFirst();
  return row ? JSON.parse(row.response) : undefined;
}

export async function deleteKeysBefore(db: Queryable, before: Date): Promise<void> {
  await db.deleteFrom('idempotency_keys').where('created_at', '<', before.toISOString()).execute();
}

export async function deleteKeysOf(db: Queryable, owner: string): Promise<void> {
  await db.deleteFrom('idempotency_keys').where('owner', '=', owner).execute();
}
