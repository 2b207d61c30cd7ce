/**
 * A person blocks another from messaging them: the blocked person's messages are
 * refused, and announcements they write are not emailed to the person who blocked them.
 * Blocking and unblocking are audited; the blocked person is not told.
 */
import { NotFoundError, RuleError } from '../../errors.js';
import type { Kith } from '../../kith.js';
import { recordAudit } from '../../platform/audit/index.js';
import { deleteBlock, findPersonById, insertBlock } from './store.js';

export async function blockPerson(kith: Kith, r: { personId: string; blockedId: string }): Promise<void> {
  if (r.personId === r.blockedId) throw new RuleError('people.block.error.self', {}, 'person');
  await kith.db.transaction(async (trx) => {
    if (!(await findPersonById(trx, r.blockedId))) throw new NotFoundError();
    if (!(await insertBlock(trx, r.personId, r.blockedId))) return;
    await recordAudit(trx, {
      actorId: r.personId,
      action: 'person.block',
      subjectType: 'person',
      subjectId: r.blockedId,
    });
  });
}

export async function unblockPerson(kith: Kith, r: { personId: string; blockedId: string }): Promise<void> {
  await kith.db.transaction(async (trx) => {
    if (!(await deleteBlock(trx, r.personId, r.blockedId))) return;
    await recordAudit(trx, {
      actorId: r.personId,
      action: 'person.unblock',
      subjectType: 'person',
      subjectId: r.blockedId,
    });
  });
}
