/** What an asset's page shows of its community asset transfers, its steward after handover, and who may do what. */
import type { FastifyRequest } from 'fastify';
import type { Kith } from '../../../kith.js';
import { organisationIdsOrganisedBy, organisationSummariesByIds } from '../../directory/index.js';
import { dayText } from '../present.js';
import type { CommunityAsset } from '../store.js';
import { isCouncilAsset } from '../transfer.js';
import { stageTag } from '../transfer-present.js';
import { isOpen } from '../transfer-rules.js';
import { transfersOfAsset } from '../transfer-store.js';
import type { PlaceContext } from './context.js';

/** What the asset's page shows of its transfers, the steward after handover, and who may do what. */
export async function assetTransferPanel(
  kith: Kith,
  request: FastifyRequest,
  ctx: PlaceContext,
  asset: CommunityAsset,
) {
  const db = kith.db.kysely;
  const { t, lang } = request;
  const transfers = await transfersOfAsset(db, ctx.place.id, asset.id);
  const handedOver = transfers.find((tr) => tr.stage === 'handover');
  const canDecide = kith.policy.can(request.actor, 'assetMap.decide', ctx.place);
  const council = canDecide && (await isCouncilAsset(db, ctx.place.id, asset));
  let listSpaceHref: string | undefined;
  if (handedOver?.stewardOrganisationId && request.actor.personId) {
    const mine = await organisationIdsOrganisedBy(db, ctx.place.id, request.actor.personId);
    const group = (await organisationSummariesByIds(db, ctx.place.id, [handedOver.stewardOrganisationId])).get(
      handedOver.stewardOrganisationId,
    );
    if (group && mine.includes(group.id)) {
      const query = new URLSearchParams({ organisationId: group.id, name: asset.name });
      listSpaceHref = `/places/${ctx.place.slug}/spaces/new?${query.toString()}`;
    }
  }
  return {
    transfers: transfers.map((tr) => ({
      href: `${ctx.base}/transfers/${tr.id}`,
      tag: stageTag(t, tr.stage),
      opened: t('assets.transfer.openedOn', { date: dayText(tr.openedOn, lang) }),
    })),
    steward: handedOver
      ? t('assets.transfer.stewardSince', {
          group: handedOver.stewardOrganisationName ?? '',
          date: dayText(handedOver.handoverOn ?? handedOver.openedOn, lang),
        })
      : undefined,
    openTransferHref:
      council && !transfers.some((tr) => isOpen(tr.stage)) ? `${ctx.base}/${asset.id}/transfer` : undefined,
    listSpaceHref,
  };
}
