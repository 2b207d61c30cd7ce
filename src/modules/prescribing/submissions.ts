/**
 * A form's submission runs once: a double-click, or a retry after a lost response,
 * returns what the first one did (platform/idempotency). The command's name is part of
 * the key because a page renders one key for all its forms.
 */
import type { Trx } from '../../db/index.js';
import type { Kith } from '../../kith.js';
import { once } from '../../platform/idempotency/index.js';

export interface Submitted {
  actorId: string;
  /** The key the form sent (submissionKey); without one, the work simply runs. */
  formKey?: string;
}

export async function submitted<R>(
  kith: Kith,
  c: Submitted,
  command: string,
  work: (trx: Trx) => Promise<R>,
): Promise<R> {
  return (await once(kith.db, command, { owner: c.actorId, key: c.formKey }, work)).result;
}
