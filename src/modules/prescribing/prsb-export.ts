/** A support record for the care team, in the PRSB standard's groups: the export and the message back. */
import type { Kith } from '../../kith.js';
import type { Queryable } from '../../db/index.js';
import { recordAudit } from '../../platform/audit/index.js';
import { namesOf } from './people.js';
import { prsbDocument, type PrsbDocument } from './prsb.js';
import type { LoadedRecord } from './records.js';
import { consentsOf, conversationsOf, eventsOf, instrumentsOf, referralsOfRecord, wellbeingOf } from './store.js';
import { targetKey, targetSummaries } from './targets.js';

/** Everything but health notes, for the care team, in the PRSB standard's groups. */
export async function careTeamDocument(
  db: Queryable,
  place: { id: string; name: string },
  record: LoadedRecord,
): Promise<PrsbDocument> {
  const r = record;
  const [consents, conversations, referrals, wellbeing, instruments] = await Promise.all([
    consentsOf(db, r.id),
    conversationsOf(db, r.id),
    referralsOfRecord(db, r.id),
    wellbeingOf(db, r.id),
    instrumentsOf(db, place.id),
  ]);
  const targets = await targetSummaries(db, place.id, referrals);
  const names = await namesOf(db, [r.holderId]);
  return prsbDocument({
    record: r,
    linkWorker: names.get(r.holderId) ?? '',
    place: place.name,
    consent: consents[0],
    conversations,
    referrals: referrals.map((x) => ({
      ...x,
      activity: targets.get(targetKey(x))?.name ?? '',
      organisation: targets.get(targetKey(x))?.organisationName ?? '',
    })),
    events: await eventsOf(
      db,
      referrals.map((x) => x.id),
    ),
    wellbeing,
    instrumentNames: new Map(instruments.map((i) => [i.id, i.name])),
    generatedAt: new Date().toISOString(),
  });
}

/** The care team's document of a record, downloaded: each download is audited. */
export async function exportRecord(
  kith: Kith,
  command: { place: { id: string; name: string }; actorId: string; record: LoadedRecord },
): Promise<PrsbDocument> {
  const document = await careTeamDocument(kith.db.kysely, command.place, command.record);
  await kith.db.transaction(async (trx) => {
    await recordAudit(trx, {
      placeId: command.place.id,
      actorId: command.actorId,
      action: 'supportRecord.exported',
      subjectType: 'support_record',
      subjectId: command.record.id,
    });
  });
  return document;
}
