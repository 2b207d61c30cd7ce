import type { Db, Trx } from '../../db/index.js';
import type { KithModule } from '../../modules/module.js';
import { migrations } from './schema.js';
import { claimKey, deleteKeysBefore, deleteKeysOf, storedResponse, storeResponse } from './store.js';

export interface Submission {
  /** Whose submission it is (a person's id). Keys are only compared within an owner. */
  owner: string;
  /** The key the form or API client sent; without one, the work simply runs. */
  key: string | undefined;
}

/**
 * Runs `work` once per submission key, in one transaction with the key's record. A
 * repeat of the key (a double click, a retry after a lost response) returns what the
 * first run returned without running again. If the work fails, nothing is kept and a
 * retry runs it afresh.
 */
export async function once<R>(
  db: Db,
  submission: Submission,
  work: (trx: Trx) => Promise<R>,
): Promise<{ result: R; repeated: boolean }> {
  const { owner, key } = submission;
  if (!key) return { result: await db.transaction(work), repeated: false };
  return db.transaction(async (trx) => {
    if (!(await claimKey(trx, owner, key))) {
      return { result: (await storedResponse(trx, owner, key)) as R, repeated: true };
    }
    const result = await work(trx);
    await storeResponse(trx, owner, key, result ?? null);
    return { result, repeated: false };
  });
}

export const idempotencyModule: KithModule = {
  name: 'idempotency',
  migrations,
  jobs: {
    // A retry comes within seconds or minutes; a day is plenty.
    'idempotency/clean': async (_payload, { kith }) =>
      deleteKeysBefore(kith.db.kysely, new Date(Date.now() - 24 * 3600_000)),
  },
  schedules: [{ kind: 'idempotency/clean', everyMinutes: 60 }],
  personalData: { erase: (trx, personId) => deleteKeysOf(trx, personId) },
};
