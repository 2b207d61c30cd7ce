/**
 * The demo asset map: assets of every kind for Calderbrook and a few for Aberllyn, demo
 * residents' skills with every visibility, and the register's nominations. The same
 * every time it loads; dates are counted back from the day it loads, so the Angler's
 * Rest is always in its full moratorium.
 */
import type { Kith } from '../../kith.js';
import type { DemoState } from '../module.js';
import { organisationSummaries, pointForPostcode } from '../directory/index.js';
import { insertNomination, insertNotice, recordBidderRequest, recordDecision } from './acv-store.js';
import {
  ABERLLYN_ASSETS,
  CALDERBROOK_ASSETS,
  DEMO_NOMINATIONS,
  DEMO_SKILLS,
  DEMO_TRANSFER,
  type DemoAsset,
} from './demo-data.js';
import {
  insertInterest,
  insertTransfer,
  saveBusinessCase,
  setInterestStatus,
  updateTransfer,
} from './transfer-store.js';
import { insertAsset, insertSkill } from './store.js';
import { addDays, todayInPlace } from '../../platform/dates.js';

export async function demoAssets(kith: Kith, demo: DemoState): Promise<void> {
  const today = todayInPlace();
  const person = (key: string) => demo.people[key]?.id ?? null;
  await kith.db.transaction(async (trx) => {
    const ids = new Map<string, string>();
    for (const [placeKey, assets] of [
      ['calderbrook', CALDERBROOK_ASSETS],
      ['aberllyn', ABERLLYN_ASSETS],
    ] as Array<[string, DemoAsset[]]>) {
      const place = demo.places[placeKey];
      if (!place) continue;
      const organisations = new Map((await organisationSummaries(trx, place.id)).map((o) => [o.name, o.id]));
      for (const a of assets) {
        const point = a.postcode ? await pointForPostcode(trx, a.postcode) : undefined;
        const id = await insertAsset(trx, {
          placeId: place.id,
          kind: a.kind,
          name: a.name,
          description: a.description,
          organisationId: (a.organisation && organisations.get(a.organisation)) || null,
          postcode: a.postcode ?? null,
          latitude: point?.latitude ?? null,
          longitude: point?.longitude ?? null,
          visibility: a.visibility ?? 'public',
          addedBy: person(placeKey === 'aberllyn' ? 'welshOrganiser' : 'coordinator'),
        });
        ids.set(`${placeKey}:${a.key}`, id);
      }
      if (placeKey !== 'calderbrook') continue;
      const d = DEMO_TRANSFER;
      const transferId = await insertTransfer(trx, {
        placeId: place.id,
        assetId: ids.get(`calderbrook:${d.asset}`)!,
        summary: d.summary,
        interestClosesOn: addDays(today, -d.closesDaysAgo),
        openedOn: addDays(today, -d.openedDaysAgo),
        openedBy: person('officer'),
      });
      for (const i of d.interests) {
        const organisationId = organisations.get(i.group);
        if (!organisationId) continue;
        const interestId = await insertInterest(trx, {
          placeId: place.id,
          transferId,
          organisationId,
          organisationName: i.group,
          sentBy: person(i.by),
          sentOn: addDays(today, -d.openedDaysAgo + 10),
          whoWeAre: i.whoWeAre,
          whatWeWouldDo: i.whatWeWouldDo,
          communityBenefit: i.communityBenefit,
        });
        await setInterestStatus(trx, place.id, [interestId], i.shortlisted ? 'shortlisted' : 'not_shortlisted');
        if ('businessCase' in i)
          await saveBusinessCase(trx, place.id, interestId, {
            ...i.businessCase,
            submittedOn: addDays(today, -d.viewsDaysAgo - 3),
          });
      }
      await updateTransfer(trx, place.id, transferId, {
        stage: 'views',
        shortlistedOn: addDays(today, -d.shortlistedDaysAgo),
        viewsOpenedOn: addDays(today, -d.viewsDaysAgo),
      });
      for (const n of DEMO_NOMINATIONS) {
        const acvId = await insertNomination(trx, {
          placeId: place.id,
          assetId: ids.get(`calderbrook:${n.asset}`)!,
          organisationId: organisations.get(n.group) ?? '',
          organisationName: n.group,
          nominatedBy: person(n.by),
          nominatedOn: addDays(today, -n.daysAgo),
          reasons: n.reasons,
        });
        if (!('decision' in n) || !n.decision) continue;
        await recordDecision(trx, place.id, acvId, {
          status: n.decision.outcome,
          decidedOn: addDays(today, -n.decision.daysAgo),
          reason: n.decision.reason,
          decidedBy: person('officer'),
        });
        if (!('notice' in n) || !n.notice) continue;
        const noticeId = await insertNotice(trx, {
          placeId: place.id,
          acvId,
          notifiedOn: addDays(today, -n.notice.daysAgo),
          recordedBy: person('officer'),
        });
        await recordBidderRequest(trx, place.id, noticeId, {
          requestedOn: addDays(today, -n.notice.bidderDaysAgo),
          group: n.notice.bidder,
          recordedBy: person('officer'),
        });
      }
    }
    for (const s of DEMO_SKILLS) {
      const place = demo.places[s.place];
      const personId = person(s.person);
      if (!place || !personId) continue;
      await insertSkill(trx, {
        placeId: place.id,
        personId,
        kind: s.kind,
        description: s.description,
        category: s.category,
        visibility: s.visibility,
      });
    }
  });
}
