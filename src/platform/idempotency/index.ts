import type { Db, Trx } from '../../db/index.js';
import type { KithModule } from '../../modules/module.js';
import { migrations } from './schema.js';
import { claimKey, deleteKeysBefore, deleteKeysOf, storedResponse, storeResponse } from './store.js';

export interface Submission {
  /** Whose submission it is (a person's id, or 'anonymous'). Keys are only compared within an owner. */
  owner: string;
  /** The key the form or API client sent; without one, the work simply runs. */
  key: string | undefined;
}

/**
 * Runs a command's `work` once per submission, in one transaction with the key's record.
 * A repeat of the key (a double click, a retry after a lost response, two posts at
 * once) returns what the first run returned without running again. If the work fails,
 * nothing is kept and a retry runs it afresh. The command's name is part of the key
 * because a page renders one key for all its forms.
 *
 * The one idiom for every command that creates or changes something a person submits:
 *
 *   export async function saveGroup(kith: Kith, input: GroupInput & { submission?: Submission }) {
 *     const { result } = await once(kith.db, 'timebank.group.save', input.submission, async (trx) => { ... });
 *   }
 */
export async function once<R>(
  db: Db,
  command: string,
  submission: Submission | undefined,
  work: (trx: Trx) => Promise<R>,
): Promise<{ result: R; repeated: boolean }> {
  if (!submission?.key) return { result: await db.transaction(work), repeated: false };
  const owner = submission.owner;
  const key = `${command}:${submission.key}`;
  return db.transaction(async (trx) => {
    if (!(await claimKey(trx, owner, key))) {
      return { result: (await storedResponse(trx, owner, key)) as R, repeated: true };
    }
    const result = await work(trx);
    await storeResponse(trx, owner, key, result ?? null);
    return { result, repeated: false };
  });
}

/** Who submitted a form, and the key it sent (submissionKey); without one, the work simply runs. */
export interface Submitted {
  actorId: string;
  formKey?: string;
}

/**
 * A command run once per form submission: a double-click, or a retry after a lost
 * response, returns what the first one did. The command's name is part of the key
 * because a page renders one key for all its forms.
 */
export async function submitted<R>(
  kith: { db: Db },
  submission: Submitted,
  command: string,
  work: (trx: Trx) => Promise<R>,
): Promise<R> {
  return (await once(kith.db, command, { owner: submission.actorId, key: submission.formKey }, work)).result;
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
