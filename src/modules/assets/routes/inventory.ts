/**
 * An asset's page (with its Asset of Community Value timeline), and adding, changing
 * and removing assets.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError } from '../../../errors.js';
import type { Kith } from '../../../kith.js';
import { ruleFieldErrors, submitForm, type FieldErrors } from '../../../web/forms.js';
import { organisationSummaries, organisationSummariesByIds } from '../../directory/index.js';
import { acvHistory } from '../acv.js';
import { addAsset, changeAsset, removeAsset } from '../inventory.js';
import { dayText, keyDateText, standingTag, timelineRows } from '../present.js';
import { ASSET_VISIBILITIES, AssetInput, COMMUNITY_ASSET_KINDS, NOMINATABLE_KINDS } from '../inputs.js';
import { findVisibleAsset, type CommunityAsset } from '../store.js';
import { me, placeFor, readableErrors, viewWith, type PlaceContext } from './context.js';
import { assetTransferPanel } from './transfer-panel.js';

export function inventoryRoutes(app: FastifyInstance, kith: Kith) {
  const db = () => kith.db.kysely;

  async function showForm(
    request: FastifyRequest,
    reply: FastifyReply,
    ctx: PlaceContext,
    asset: CommunityAsset | null,
    values: Record<string, unknown>,
    errors?: FieldErrors,
    status = 200,
  ) {
    const { t } = request;
    const organisations = await organisationSummaries(db(), ctx.place.id);
    return viewWith(
      reply,
      ctx,
      'assets/asset-form.njk',
      {
        pageTitle: t(asset ? 'assets.asset.edit.title' : 'assets.asset.new.title'),
        item: asset,
        action: asset ? `${ctx.base}/${asset.id}/edit` : `${ctx.base}/new`,
        values,
        errors: readableErrors(request, errors),
        fieldIds: { kind: 'kind', visibility: 'visibility' },
        kinds: COMMUNITY_ASSET_KINDS.map((k) => ({
          value: k,
          text: t(`assets.kind.${k}`),
          hint: { text: t(`assets.kind.${k}.hint`) },
          checked: values.kind === k,
        })),
        organisations: [
          { value: '', text: t('assets.asset.organisation.none') },
          ...organisations.map((o) => ({ value: o.id, text: o.name, selected: values.organisation === o.id })),
        ],
        visibilities: ASSET_VISIBILITIES.map((v) => ({
          value: v,
          text: t(`assets.visibility.${v}`),
          hint: { text: t(`assets.assetVisibility.${v}.hint`) },
          checked: values.visibility === v,
        })),
      },
      status,
    );
  }

  app.get('/places/:place/assets/new', async (request, reply) => {
    const ctx = await placeFor(kith, request, 'assetMap.contribute');
    const kind = (request.query as { kind?: string }).kind;
    return showForm(request, reply, ctx, null, {
      visibility: 'members',
      kind: COMMUNITY_ASSET_KINDS.includes(kind as never) ? kind : undefined,
    });
  });

  app.post('/places/:place/assets/new', async (request, reply) => {
    const ctx = await placeFor(kith, request, 'assetMap.contribute');
    return submitForm(request, {
      schema: AssetInput,
      show: (form) => showForm(request, reply, ctx, null, form.values, form.errors, form.status),
      run: (input, submission) => addAsset(kith, { placeId: ctx.place.id, personId: me(request), input, submission }),
      done: (id) => reply.seeOther(`${ctx.base}/${id}`, 'assets.asset.added'),
    });
  });

  /** An asset this person may change, or why not. */
  async function changeable(request: FastifyRequest, ctx: PlaceContext): Promise<CommunityAsset> {
    const asset = await findVisibleAsset(db(), ctx.viewing, (request.params as { id: string }).id);
    if (!asset) {
      // Nobody learns whether an asset they cannot see exists.
      kith.policy.authorize(request.actor, 'assetMap.contribute', ctx.place);
      throw new NotFoundError();
    }
    kith.policy.authorize(request.actor, 'assetMap.change', asset);
    return asset;
  }

  app.get('/places/:place/assets/:id/edit', async (request, reply) => {
    const ctx = await placeFor(kith, request);
    const asset = await changeable(request, ctx);
    return showForm(request, reply, ctx, asset, {
      kind: asset.kind,
      name: asset.name,
      description: asset.description,
      organisation: asset.organisationId ?? '',
      postcode: asset.postcode ?? '',
      visibility: asset.visibility,
    });
  });

  app.post('/places/:place/assets/:id/edit', async (request, reply) => {
    const ctx = await placeFor(kith, request);
    const asset = await changeable(request, ctx);
    return submitForm(request, {
      schema: AssetInput,
      show: (form) => showForm(request, reply, ctx, asset, form.values, form.errors, form.status),
      run: (input) => changeAsset(kith, { placeId: ctx.place.id, personId: me(request), assetId: asset.id, input }),
      done: () => reply.seeOther(`${ctx.base}/${asset.id}`, 'assets.asset.changed'),
    });
  });

  app.post('/places/:place/assets/:id/remove', async (request, reply) => {
    const ctx = await placeFor(kith, request);
    const asset = await changeable(request, ctx);
    try {
      await removeAsset(kith, { placeId: ctx.place.id, personId: me(request), assetId: asset.id });
    } catch (error) {
      const errors = ruleFieldErrors(error);
      if (errors) return showAsset(request, reply, ctx, asset, errors, 422);
      throw error;
    }
    return reply.seeOther(ctx.base, 'assets.asset.removed');
  });

  async function showAsset(
    request: FastifyRequest,
    reply: FastifyReply,
    ctx: PlaceContext,
    asset: CommunityAsset,
    errors?: FieldErrors,
    status = 200,
  ) {
    const { t, lang } = request;
    const [organisation, history] = await Promise.all([
      asset.organisationId
        ? organisationSummariesByIds(db(), ctx.place.id, [asset.organisationId]).then((m) =>
            m.get(asset.organisationId!),
          )
        : undefined,
      acvHistory(db(), ctx.place.id, asset.id),
    ]);
    const canChange = kith.policy.can(request.actor, 'assetMap.change', asset);
    const transfer = await assetTransferPanel(kith, request, ctx, asset);
    const canDecide = kith.policy.can(request.actor, 'assetMap.decide', ctx.place);
    const open = history.some(
      (h) => h.record.status === 'nominated' || (h.record.status === 'listed' && h.timeline.standing !== 'expired'),
    );
    return viewWith(
      reply,
      ctx,
      'assets/asset.njk',
      {
        pageTitle: asset.name,
        item: asset,
        kindText: t(`assets.kind.${asset.kind}`),
        organisation: organisation?.name,
        added: dayText(asset.createdAt.slice(0, 10), lang),
        visibilityText: t(`assets.visibility.${asset.visibility}`),
        canChange,
        errors,
        fieldIds: { remove: 'remove' },
        canNominate:
          NOMINATABLE_KINDS.includes(asset.kind) &&
          !open &&
          kith.policy.can(request.actor, 'assetMap.nominate', ctx.place),
        nominateHref: `${ctx.base}/community-value/nominate?asset=${asset.id}`,
        transfer,
        nominations: history.map((h) => {
          const latest = h.timeline.notices.at(-1);
          return {
            id: h.record.id,
            tag: standingTag(t, h.timeline.standing),
            keyDate: keyDateText(t, lang, h),
            rows: timelineRows(t, lang, h),
            actions: canDecide
              ? {
                  decide: h.record.status === 'nominated',
                  notice: h.record.status === 'listed' && h.timeline.standing !== 'expired',
                  bidder:
                    h.record.status === 'listed' &&
                    h.timeline.standing !== 'expired' &&
                    !!latest?.startsMoratorium &&
                    !latest.bidderRequestedOn,
                  remove: h.record.status === 'listed',
                }
              : undefined,
          };
        }),
      },
      status,
    );
  }

  app.get('/places/:place/assets/:id', async (request, reply) => {
    const ctx = await placeFor(kith, request);
    const asset = await findVisibleAsset(db(), ctx.viewing, (request.params as { id: string }).id);
    if (!asset) throw new NotFoundError();
    return showAsset(request, reply, ctx, asset);
  });
}
