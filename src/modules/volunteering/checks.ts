/** Checks and consent: a coordinator records a volunteer's check, or a guardian's consent for someone under 18. */
import type { Kith } from '../../kith.js';
import { recordAudit } from '../../platform/audit/index.js';
import { once } from '../../platform/idempotency/index.js';
import type { CheckKind } from './schema.js';
import { insertCheck, insertConsent } from './checks-store.js';
import type { Actor } from './actor.js';

export async function recordCheck(
  kith: Kith,
  input: Actor & {
    organisationId: string;
    personId: string;
    kind: CheckKind;
    checkedOn: string;
    expiresOn: string | null;
    note: string;
  },
): Promise<void> {
  await once(kith.db, 'volunteering.check', { owner: input.actorId, key: input.formKey }, async (trx) => {
    const id = await insertCheck(trx, { ...input, recordedBy: input.actorId });
    await recordAudit(trx, {
      placeId: input.placeId,
      actorId: input.actorId,
      action: 'volunteers.checkRecorded',
      subjectType: 'volunteering_check',
      subjectId: id,
      detail: { kind: input.kind },
    });
  });
}

export async function recordConsent(
  kith: Kith,
  input: Actor & {
    organisationId: string;
    personId: string;
    guardianName: string;
    relationship: string;
    givenOn: string;
  },
): Promise<void> {
  await once(kith.db, 'volunteering.consent', { owner: input.actorId, key: input.formKey }, async (trx) => {
    await insertConsent(trx, { ...input, recordedBy: input.actorId });
    await recordAudit(trx, {
      placeId: input.placeId,
      actorId: input.actorId,
      action: 'volunteers.consentRecorded',
      subjectType: 'person',
      subjectId: input.personId,
    });
  });
}
