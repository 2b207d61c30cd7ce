/** The place's settings for social prescribing: who may refer, and its own wellbeing instruments. */
import type { Kith } from '../../kith.js';
import { recordAudit } from '../../platform/audit/index.js';
import { submitted, type Submitted } from '../../platform/idempotency/index.js';
import type { InstrumentInput } from './inputs.js';
import { insertInstrument, saveReferrerRoles } from './store.js';

/** Which roles may refer people at the place. */
export async function saveReferrerSettings(
  kith: Kith,
  command: { placeId: string; actorId: string; roles: readonly string[] },
): Promise<void> {
  await kith.db.transaction(async (trx) => {
    await saveReferrerRoles(trx, command.placeId, command.roles, command.actorId);
    await recordAudit(trx, {
      placeId: command.placeId,
      actorId: command.actorId,
      action: 'prescribingSettings.changed',
      detail: { roles: command.roles.join(', ') },
    });
  });
}

/** A wellbeing instrument of the place's own; once per submission: a double click adds one instrument, not two. */
export async function addInstrument(
  kith: Kith,
  command: Submitted & { placeId: string; input: InstrumentInput },
): Promise<void> {
  const i = command.input;
  await submitted(kith, command, 'prescribing/instrument', async (trx) => {
    const id = await insertInstrument(trx, {
      place_id: command.placeId,
      name: i.name,
      items: JSON.stringify(i.items.map((text, n) => ({ key: `item${n + 1}`, text, textCy: i.itemsCy[n] ?? null }))),
      scale_min: i.scaleMin,
      scale_max: i.scaleMax,
      higher_is_better: i.higherIsBetter === 'yes' ? 1 : 0,
      licence_note: i.licenceNote,
      active: 1,
      created_by: command.actorId,
    });
    await recordAudit(trx, {
      placeId: command.placeId,
      actorId: command.actorId,
      action: 'instrument.added',
      subjectType: 'instrument',
      subjectId: id,
      detail: { name: i.name },
    });
  });
}
