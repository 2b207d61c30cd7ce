import { randomUUID } from 'node:crypto';
import { RuleError } from '../../errors.js';
import type { Kith } from '../../kith.js';
import { recordAudit } from '../../platform/audit/index.js';
import { verifyPassword } from './passwords.js';
import { findPersonById, rolesOf } from './store.js';

export interface ErasureBlocker {
  key: string;
  params?: Record<string, string>;
}

/**
 * Everything Kith holds about a person, gathered from every module, as one JSON
 * document they can keep. The download itself is audited.
 */
export async function exportPersonalData(kith: Kith, personId: string): Promise<Record<string, unknown>> {
  const document: Record<string, unknown> = {
    about: 'Everything Kith holds about you, as of the time below. Ask your place’s admin if anything is wrong.',
    exportedAt: new Date().toISOString(),
  };
  for (const module of kith.modules) {
    const part = await module.personalData?.export?.(kith.db.kysely, personId);
    if (part && Object.keys(part).length) document[module.name] = part;
  }
  await recordAudit(kith.db.kysely, {
    actorId: personId,
    action: 'person.dataExported',
    subjectType: 'person',
    subjectId: personId,
  });
  return document;
}

export async function erasureBlockers(kith: Kith, personId: string): Promise<ErasureBlocker[]> {
  const blockers: ErasureBlocker[] = [];
  for (const module of kith.modules)
    blockers.push(...((await module.personalData?.blockers?.(kith.db.kysely, personId)) ?? []));
  return blockers;
}

/**
 * Deletes the account: every module removes or anonymises what it holds, in one
 * transaction, and one audit record says an account was erased (not whose).
 */
export async function erasePerson(kith: Kith, personId: string, password: string): Promise<void> {
  const person = await findPersonById(kith.db.kysely, personId);
  if (!person || !(await verifyPassword(password, person.passwordHash))) {
    throw new RuleError('people.erase.passwordWrong', {}, 'password');
  }
  const blockers = await erasureBlockers(kith, personId);
  if (blockers.length) throw new RuleError(blockers[0]!.key, blockers[0]!.params ?? {}, 'confirm');
  await kith.db.transaction(async (trx) => {
    const places = [...new Set((await rolesOf(trx, personId)).map((g) => g.placeId))];
    // The people module runs last so the others can still read the person's row.
    for (const module of [...kith.modules].reverse()) await module.personalData?.erase?.(trx, personId, kith);
    // Each place's admins see that a member's account was deleted, never whose.
    const erasureReference = randomUUID();
    for (const placeId of places)
      await recordAudit(trx, { placeId, action: 'person.erased', detail: { erasureReference } });
    if (!places.length) await recordAudit(trx, { action: 'person.erased', detail: { erasureReference } });
  });
  // Erasing can set off emails to others (a freed volunteering place offered to the next in line).
  kith.kickJobs();
}
