/**
 * Community asset transfer: the place's list, a transfer's public timeline, and the
 * council's steps (opening a transfer, shortlisting, opening views, the decision, the
 * terms, handover, or withdrawing it), each a short form back to the timeline.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { NotFoundError } from '../../../errors.js';
import type { Kith } from '../../../kith.js';
import { withDates } from '../../../web/fields.js';
import { freshForm, parseInput, submitForm, type FormState } from '../../../web/forms.js';
import { PageQuery, paginationFor } from '../../../web/pagination.js';
import { organisationIdsOrganisedBy } from '../../directory/index.js';
import { acvHistory } from '../acv.js';
import { findAsset, type CommunityAsset } from '../store.js';
import { todayInPlace } from '../../../platform/dates.js';
import { dayText } from '../present.js';
import { isCouncilAsset, moveTransfer, openTransfer, proposalsOf, type StepInput } from '../transfer.js';
import {
  HandoverInput,
  OpenTransferInput,
  OpenViewsInput,
  ShortlistInput,
  TermsInput,
  TransferDecisionInput,
  WithdrawTransferInput,
} from '../transfer-inputs.js';
import { stageTag, transferTimeline } from '../transfer-present.js';
import { isOpen, nextStep, type TransferStep } from '../transfer-rules.js';
import { findTransfer, interestsOf, transfersOfPlace, viewCounts, viewOf } from '../transfer-store.js';
import type { Transfer } from '../transfer-store.js';
import { me, placeFor, viewWith, type PlaceContext } from './context.js';
import { dateField, showTransferForm, type Field } from './transfer-form.js';

const PER_PAGE = 25;

export function transferRoutes(app: FastifyInstance, kith: Kith) {
  const db = () => kith.db.kysely;

  app.get('/places/:place/assets/transfers', async (request, reply) => {
    const ctx = await placeFor(kith, request);
    const { t, lang } = request;
    const parsed = parseInput(PageQuery, request.query);
    const page = parsed.ok ? parsed.value.page : 1;
    const { transfers, total } = await transfersOfPlace(db(), ctx.place.id, {
      limit: PER_PAGE,
      offset: (page - 1) * PER_PAGE,
    });
    return viewWith(reply, ctx, 'assets/transfers.njk', {
      pageTitle: t('assets.transfers.title', { place: ctx.name }),
      total,
      transfers: transfers.map((tr) => ({
        href: `${ctx.base}/transfers/${tr.id}`,
        asset: tr.assetName,
        postcode: tr.assetPostcode,
        tag: stageTag(t, tr.stage),
        opened: dayText(tr.openedOn, lang),
        steward: tr.stewardOrganisationName,
      })),
      pagination: paginationFor(t, {
        page,
        perPage: PER_PAGE,
        total,
        href: (p) => `${ctx.base}/transfers?page=${p}`,
      }),
    });
  });

  /** The transfer in the URL and its asset; a transfer is public, as the council's record. */
  async function transferFor(request: FastifyRequest, ctx: PlaceContext) {
    const transfer = await findTransfer(db(), ctx.place.id, (request.params as { id: string }).id);
    if (!transfer) throw new NotFoundError();
    const asset = await findAsset(db(), ctx.place.id, transfer.assetId);
    if (!asset) throw new NotFoundError();
    return { transfer, asset };
  }

  app.get('/places/:place/assets/transfers/:id', async (request, reply) => {
    const ctx = await placeFor(kith, request);
    const { t, lang } = request;
    const { transfer, asset } = await transferFor(request, ctx);
    const [interests, counts, acvs] = await Promise.all([
      interestsOf(db(), ctx.place.id, transfer.id),
      viewCounts(db(), ctx.place.id, transfer.id),
      acvHistory(db(), ctx.place.id, asset.id),
    ]);
    const listed = acvs.find((h) => h.record.status === 'listed' && h.timeline.standing !== 'expired');
    const personId = request.actor.personId;
    const mine = new Set(personId ? await organisationIdsOrganisedBy(db(), ctx.place.id, personId) : []);
    const speaksFor = (organisationId: string) =>
      kith.policy.can(request.actor, 'assetMap.interestFor', {
        placeId: ctx.place.id,
        organisesIt: mine.has(organisationId),
      });
    const canInterest = kith.policy.can(request.actor, 'assetMap.expressInterest', ctx.place);
    const canView = kith.policy.can(request.actor, 'assetMap.contribute', ctx.place);
    const canDecide = kith.policy.can(request.actor, 'assetMap.decide', ctx.place);
    const today = todayInPlace();
    const interestOpen = transfer.stage === 'interest' && today <= transfer.interestClosesOn;
    const href = `${ctx.base}/transfers/${transfer.id}`;
    // A decision that chose no group ends with it: there are no terms to publish, only withdrawal.
    const step = transfer.stage === 'decision' && !transfer.decidedInterestId ? undefined : nextStep(transfer.stage);
    const proposals = proposalsOf(interests);
    const myViews =
      canView && transfer.stage === 'views' && personId
        ? await Promise.all(proposals.map((p) => viewOf(db(), p.id, personId)))
        : [];
    return viewWith(reply, ctx, 'assets/transfer.njk', {
      pageTitle: t('assets.transfer.title', { asset: asset.name }),
      item: asset,
      transfer,
      href,
      tag: stageTag(t, transfer.stage),
      withdrawn: transfer.stage === 'withdrawn',
      withdrawnOn: transfer.withdrawnOn ? dayText(transfer.withdrawnOn, lang) : '',
      acvHref: listed ? `${ctx.base}/${asset.id}#acv-${listed.record.id}` : undefined,
      stages: transferTimeline(t, lang, transfer, interests, counts),
      proposals: proposals.map((p) => ({
        id: p.id,
        group: p.organisationName,
        rows: [
          ['whatWeWouldDo', p.whatWeWouldDo],
          ['communityBenefit', p.communityBenefit],
          ['casePlan', p.casePlan],
          ['caseFinance', p.caseFinance],
          ['caseGovernance', p.caseGovernance],
          ['caseBeneficiaries', p.caseBeneficiaries],
        ].map(([k, v]) => ({ key: { text: t(`assets.transfer.public.${k}`) }, value: { text: v ?? '' } })),
      })),
      interestOpen,
      closes: dayText(transfer.interestClosesOn, lang),
      canInterest: canInterest && interestOpen,
      mine: interests
        .filter((i) => speaksFor(i.organisationId) && mine.has(i.organisationId))
        .map((i) => ({
          id: i.id,
          group: i.organisationName,
          status: t(`assets.transfer.interestStatus.${i.status}`),
          canWithdraw: interestOpen && i.status === 'sent',
          caseDue: transfer.stage === 'business_case' && i.status === 'shortlisted' && i.caseStatus !== 'submitted',
          changesAsked: i.caseStatus === 'changes_requested' ? i.changesAsked : null,
        })),
      viewing: myViews.length
        ? proposals.map((p, n) => ({
            id: p.id,
            group: p.organisationName,
            given: myViews[n] ? t(`assets.transfer.stance.${myViews[n]!.stance}`) : null,
          }))
        : [],
      council:
        canDecide && isOpen(transfer.stage)
          ? {
              next: step ? { href: `${href}/${step}`, text: t(`assets.transfer.step.${step}.link`) } : undefined,
              changes:
                transfer.stage === 'business_case'
                  ? interests
                      .filter((i) => i.caseStatus === 'submitted')
                      .map((i) => ({
                        href: `${href}/interests/${i.id}/changes`,
                        text: t('assets.transfer.changes.link', { group: i.organisationName }),
                      }))
                  : [],
              withdraw: `${href}/withdraw`,
            }
          : undefined,
    });
  });

  /** The council's own assets may be opened for transfer by its officers, one transfer at a time. */
  async function transferable(request: FastifyRequest, ctx: PlaceContext): Promise<CommunityAsset> {
    const asset = await findAsset(db(), ctx.place.id, (request.params as { id: string }).id);
    if (!asset || !(await isCouncilAsset(db(), ctx.place.id, asset))) throw new NotFoundError();
    return asset;
  }

  function showOpen(
    request: FastifyRequest,
    reply: FastifyReply,
    ctx: PlaceContext,
    asset: CommunityAsset,
    form: FormState,
  ) {
    const { t, lang } = request;
    return showTransferForm(
      request,
      reply,
      ctx,
      {
        title: t('assets.transfer.open.title'),
        caption: asset.name,
        lead: t('assets.transfer.open.lead'),
        action: `${ctx.base}/${asset.id}/transfer`,
        backHref: `${ctx.base}/${asset.id}`,
        backText: asset.name,
        fields: [
          {
            type: 'textarea',
            name: 'summary',
            label: t('assets.transfer.open.summary'),
            hint: t('assets.transfer.open.summary.hint'),
            rows: 6,
          },
          dateField(
            request,
            'interestClosesOn',
            t('assets.transfer.open.closes'),
            form,
            t('assets.transfer.open.closes.hint', { today: dayText(todayInPlace(), lang) }),
          ),
        ],
      },
      form,
    );
  }

  app.get('/places/:place/assets/:id/transfer', async (request, reply) => {
    const ctx = await placeFor(kith, request, 'assetMap.decide');
    return showOpen(request, reply, ctx, await transferable(request, ctx), freshForm());
  });

  app.post('/places/:place/assets/:id/transfer', async (request, reply) => {
    const ctx = await placeFor(kith, request, 'assetMap.decide');
    const asset = await transferable(request, ctx);
    return submitForm(request, {
      schema: OpenTransferInput,
      input: withDates(request.body, 'interestClosesOn'),
      echo: request.body,
      show: (form) => showOpen(request, reply, ctx, asset, form),
      run: (input, submission) =>
        openTransfer(kith, { placeId: ctx.place.id, personId: me(request), assetId: asset.id, input, submission }),
      done: (id) => reply.seeOther(`${ctx.base}/transfers/${id}`, 'assets.transfer.open.done'),
    });
  });

  const steps: Record<TransferStep, { schema: z.ZodType; dates?: string; field: string }> = {
    shortlist: { schema: ShortlistInput, field: 'interests' },
    views: { schema: OpenViewsInput, field: 'views' },
    decision: { schema: TransferDecisionInput, field: 'choice' },
    terms: { schema: TermsInput, field: 'tenure' },
    handover: { schema: HandoverInput, dates: 'handoverOn', field: 'handoverOn' },
    withdraw: { schema: WithdrawTransferInput, field: 'reason' },
  };

  async function showStep(
    request: FastifyRequest,
    reply: FastifyReply,
    ctx: PlaceContext,
    step: TransferStep,
    transfer: Transfer,
    asset: CommunityAsset,
    form: FormState,
  ) {
    const { t, lang } = request;
    const interests = await interestsOf(db(), ctx.place.id, transfer.id);
    const href = `${ctx.base}/transfers/${transfer.id}`;
    const v = form.values;
    const fields: Field[] = [];
    if (step === 'shortlist') {
      const chosen = ([] as unknown[]).concat(v.interests ?? []);
      fields.push({
        type: 'checkboxes',
        name: 'interests',
        label: t('assets.transfer.step.shortlist.which'),
        items: interests
          .filter((i) => i.status === 'sent')
          .map((i) => ({
            value: i.id,
            text: i.organisationName,
            hint: { text: i.whatWeWouldDo.slice(0, 200) },
            checked: chosen.includes(i.id),
          })),
      });
    } else if (step === 'decision') {
      fields.push(
        {
          type: 'radios',
          name: 'choice',
          label: t('assets.transfer.step.decision.which'),
          items: [
            ...proposalsOf(interests).map((i) => ({
              value: i.id,
              text: i.organisationName,
              checked: v.choice === i.id,
            })),
            { divider: t('assets.transfer.or') },
            { value: 'none', text: t('assets.transfer.decision.noneChoice'), checked: v.choice === 'none' },
          ],
        },
        {
          type: 'textarea',
          name: 'reasons',
          label: t('assets.transfer.step.decision.reasons'),
          hint: t('assets.transfer.step.decision.reasons.hint'),
          rows: 6,
        },
      );
    } else if (step === 'terms') {
      fields.push(
        {
          type: 'radios',
          name: 'tenure',
          label: t('assets.transfer.step.terms.tenure'),
          items: (['lease', 'freehold'] as const).map((k) => ({
            value: k,
            text: t(`assets.transfer.tenure.${k}`),
            checked: v.tenure === k,
          })),
        },
        {
          type: 'input',
          name: 'termYears',
          label: t('assets.transfer.step.terms.years'),
          hint: t('assets.transfer.step.terms.years.hint'),
          classes: 'govuk-input--width-3',
          inputmode: 'numeric',
        },
        {
          type: 'input',
          name: 'rent',
          label: t('assets.transfer.step.terms.rent'),
          hint: t('assets.transfer.step.terms.rent.hint'),
          classes: 'govuk-input--width-10',
          prefix: { text: '£' },
        },
        { type: 'textarea', name: 'conditions', label: t('assets.transfer.step.terms.conditions'), rows: 6 },
      );
    } else if (step === 'handover') {
      fields.push(
        dateField(
          request,
          'handoverOn',
          t('assets.transfer.step.handover.date'),
          form,
          t('assets.transfer.step.handover.hint'),
        ),
      );
    } else if (step === 'withdraw') {
      fields.push({ type: 'textarea', name: 'reason', label: t('assets.transfer.step.withdraw.reason'), rows: 4 });
    }
    return showTransferForm(
      request,
      reply,
      ctx,
      {
        title: t(`assets.transfer.step.${step}.title`),
        caption: asset.name,
        lead: t(`assets.transfer.step.${step}.lead`),
        rows: [
          {
            key: { text: t('assets.transfer.row.stage') },
            value: { text: t(`assets.transfer.stage.${transfer.stage}`) },
          },
          { key: { text: t('assets.transfer.row.opened') }, value: { text: dayText(transfer.openedOn, lang) } },
        ],
        action: `${href}/${step}`,
        backHref: href,
        backText: t('assets.transfer.back'),
        fields,
        submitText: t(`assets.transfer.step.${step}.submit`),
        submitClasses: step === 'withdraw' ? 'govuk-button--warning' : undefined,
        looseError: step === 'views' ? 'views' : undefined,
      },
      form,
    );
  }

  for (const [step, { schema, dates }] of Object.entries(steps) as Array<
    [TransferStep, (typeof steps)[TransferStep]]
  >) {
    const url = `/places/:place/assets/transfers/:id/${step}`;
    app.get(url, async (request, reply) => {
      const ctx = await placeFor(kith, request, 'assetMap.decide');
      const { transfer, asset } = await transferFor(request, ctx);
      return showStep(request, reply, ctx, step, transfer, asset, freshForm());
    });
    app.post(url, async (request, reply) => {
      const ctx = await placeFor(kith, request, 'assetMap.decide');
      const { transfer, asset } = await transferFor(request, ctx);
      const href = `${ctx.base}/transfers/${transfer.id}`;
      return submitForm(request, {
        schema,
        input: dates ? withDates(request.body, dates) : request.body,
        echo: request.body,
        show: (form) => showStep(request, reply, ctx, step, transfer, asset, form),
        run: (value, submission) =>
          moveTransfer(kith, {
            placeId: ctx.place.id,
            personId: me(request),
            transferId: transfer.id,
            input: stepInput(step, value),
            path: href,
            submission,
          }),
        done: () => reply.seeOther(href, `assets.transfer.step.${step}.done`),
      });
    });
  }
}

function stepInput(step: TransferStep, value: unknown): StepInput {
  const v = value as Record<string, unknown>;
  switch (step) {
    case 'shortlist':
      return { step, interests: v.interests as string[] };
    case 'views':
      return { step };
    case 'decision':
      return { step, decision: v as z.output<typeof TransferDecisionInput> };
    case 'terms':
      return { step, terms: v as z.output<typeof TermsInput> };
    case 'handover':
      return { step, handoverOn: v.handoverOn as string };
    case 'withdraw':
      return { step, reason: v.reason as string };
  }
}
