/**
 * Community asset transfer for community groups and residents: a group's expression of
 * interest (and withdrawing it), a shortlisted group's business case, the council asking
 * for changes to one, and a resident's view of a proposal.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError } from '../../../errors.js';
import type { Kith } from '../../../kith.js';
import { freshForm, ruleFieldErrors, submitForm, type FormState } from '../../../web/forms.js';
import { organisationIdsOrganisedBy, organisationSummaries } from '../../directory/index.js';
import { NON_NOMINATING_ORGANISATIONS } from '../inputs.js';
import { dayText } from '../present.js';
import { findAsset } from '../store.js';
import {
  askForCaseChanges,
  giveView,
  proposalsOf,
  sendInterest,
  submitBusinessCase,
  withdrawInterest,
} from '../transfer.js';
import { BusinessCaseInput, ChangesInput, InterestInput, ViewInput } from '../transfer-inputs.js';
import { STANCES } from '../transfer-rules.js';
import { findTransfer, interestsOf, viewOf, type Interest, type Transfer } from '../transfer-store.js';
import { me, placeFor, type PlaceContext } from './context.js';
import { showTransferForm, type Field } from './transfer-form.js';

export function transferGroupRoutes(app: FastifyInstance, kith: Kith) {
  const db = () => kith.db.kysely;

  async function transferFor(request: FastifyRequest, ctx: PlaceContext) {
    const transfer = await findTransfer(db(), ctx.place.id, (request.params as { id: string }).id);
    if (!transfer) throw new NotFoundError();
    const asset = await findAsset(db(), ctx.place.id, transfer.assetId);
    if (!asset) throw new NotFoundError();
    return { transfer, asset, href: `${ctx.base}/transfers/${transfer.id}` };
  }

  async function interestFor(request: FastifyRequest, ctx: PlaceContext, transfer: Transfer): Promise<Interest> {
    const id = (request.params as { interest: string }).interest;
    const interest = (await interestsOf(db(), ctx.place.id, transfer.id)).find((i) => i.id === id);
    if (!interest) throw new NotFoundError();
    return interest;
  }

  /** Whether this person speaks for a group: one of its organisers, or an admin. */
  async function speaksFor(request: FastifyRequest, ctx: PlaceContext) {
    const mine = new Set(await organisationIdsOrganisedBy(db(), ctx.place.id, me(request)));
    return (organisationId: string) =>
      kith.policy.can(request.actor, 'assetMap.interestFor', {
        placeId: ctx.place.id,
        organisesIt: mine.has(organisationId),
      });
  }

  // --- Expressions of interest ---

  async function showInterest(request: FastifyRequest, reply: FastifyReply, ctx: PlaceContext, form: FormState) {
    const { t, lang } = request;
    const { transfer, asset, href } = await transferFor(request, ctx);
    const mayActFor = await speaksFor(request, ctx);
    const groups = (await organisationSummaries(db(), ctx.place.id)).filter(
      (o) => !NON_NOMINATING_ORGANISATIONS.includes(o.kind) && mayActFor(o.id),
    );
    const fields: Field[] = [
      {
        type: 'select',
        name: 'organisation',
        label: t('assets.transfer.interest.group'),
        hint: t('assets.transfer.interest.group.hint'),
        items: [
          { value: '', text: t('assets.nominate.group.choose') },
          ...groups.map((g) => ({ value: g.id, text: g.name, selected: form.values.organisation === g.id })),
        ],
      },
      { type: 'textarea', name: 'whoWeAre', label: t('assets.transfer.field.whoWeAre'), rows: 4 },
      { type: 'textarea', name: 'whatWeWouldDo', label: t('assets.transfer.field.whatWeWouldDo'), rows: 6 },
      { type: 'textarea', name: 'communityBenefit', label: t('assets.transfer.field.communityBenefit'), rows: 6 },
    ];
    return showTransferForm(
      request,
      reply,
      ctx,
      {
        title: t('assets.transfer.interest.title'),
        caption: asset.name,
        lead: t('assets.transfer.interest.lead', { date: dayText(transfer.interestClosesOn, lang) }),
        inset: groups.length ? undefined : t('assets.nominate.noGroups'),
        action: `${href}/interest`,
        backHref: href,
        backText: t('assets.transfer.back'),
        fields,
        submitText: t('assets.transfer.interest.submit'),
      },
      form,
    );
  }

  app.get('/places/:place/assets/transfers/:id/interest', async (request, reply) => {
    const ctx = await placeFor(kith, request, 'assetMap.expressInterest');
    return showInterest(request, reply, ctx, freshForm());
  });

  app.post('/places/:place/assets/transfers/:id/interest', async (request, reply) => {
    const ctx = await placeFor(kith, request, 'assetMap.expressInterest');
    const { transfer, href } = await transferFor(request, ctx);
    const mayActFor = await speaksFor(request, ctx);
    return submitForm(request, {
      schema: InterestInput,
      show: (form) => showInterest(request, reply, ctx, form),
      run: (input, submission) =>
        sendInterest(kith, {
          placeId: ctx.place.id,
          personId: me(request),
          transferId: transfer.id,
          input,
          mayActFor,
          submission,
        }),
      done: () => reply.seeOther(href, 'assets.transfer.interest.done'),
    });
  });

  app.post('/places/:place/assets/transfers/:id/interests/:interest/withdraw', async (request, reply) => {
    const ctx = await placeFor(kith, request, 'assetMap.expressInterest');
    const { transfer, href } = await transferFor(request, ctx);
    const interest = await interestFor(request, ctx, transfer);
    const mayActFor = await speaksFor(request, ctx);
    if (!mayActFor(interest.organisationId)) throw new NotFoundError();
    try {
      await withdrawInterest(kith, {
        placeId: ctx.place.id,
        personId: me(request),
        transferId: transfer.id,
        interestId: interest.id,
        mayActFor,
      });
    } catch (error) {
      if (ruleFieldErrors(error)) return reply.seeOther(href, 'assets.transfer.interest.closed');
      throw error;
    }
    return reply.seeOther(href, 'assets.transfer.interest.withdrawn');
  });

  // --- Business cases ---

  async function showCase(request: FastifyRequest, reply: FastifyReply, ctx: PlaceContext, form: FormState) {
    const { t } = request;
    const { transfer, asset, href } = await transferFor(request, ctx);
    const interest = await interestFor(request, ctx, transfer);
    const fields: Field[] = (['casePlan', 'caseFinance', 'caseGovernance', 'caseBeneficiaries'] as const).map((k) => ({
      type: 'textarea',
      name: k.replace('case', '').replace(/^./, (c) => c.toLowerCase()),
      label: t(`assets.transfer.field.${k}`),
      hint: t(`assets.transfer.field.${k}.hint`),
      rows: 6,
    }));
    return showTransferForm(
      request,
      reply,
      ctx,
      {
        title: t('assets.transfer.case.title'),
        caption: `${asset.name}: ${interest.organisationName}`,
        lead: t('assets.transfer.case.lead'),
        inset: interest.changesAsked && interest.caseStatus === 'changes_requested' ? interest.changesAsked : undefined,
        action: `${href}/interests/${interest.id}/case`,
        backHref: href,
        backText: t('assets.transfer.back'),
        fields,
        submitText: t('assets.transfer.case.submit'),
      },
      form,
    );
  }

  app.get('/places/:place/assets/transfers/:id/interests/:interest/case', async (request, reply) => {
    const ctx = await placeFor(kith, request, 'assetMap.expressInterest');
    const { transfer } = await transferFor(request, ctx);
    const interest = await interestFor(request, ctx, transfer);
    if (!(await speaksFor(request, ctx))(interest.organisationId)) throw new NotFoundError();
    return showCase(
      request,
      reply,
      ctx,
      freshForm({
        plan: interest.casePlan ?? '',
        finance: interest.caseFinance ?? '',
        governance: interest.caseGovernance ?? '',
        beneficiaries: interest.caseBeneficiaries ?? '',
      }),
    );
  });

  app.post('/places/:place/assets/transfers/:id/interests/:interest/case', async (request, reply) => {
    const ctx = await placeFor(kith, request, 'assetMap.expressInterest');
    const { transfer, href } = await transferFor(request, ctx);
    const interest = await interestFor(request, ctx, transfer);
    const mayActFor = await speaksFor(request, ctx);
    if (!mayActFor(interest.organisationId)) throw new NotFoundError();
    return submitForm(request, {
      schema: BusinessCaseInput,
      show: (form) => showCase(request, reply, ctx, form),
      run: (input, submission) =>
        submitBusinessCase(kith, {
          placeId: ctx.place.id,
          personId: me(request),
          transferId: transfer.id,
          interestId: interest.id,
          input,
          mayActFor,
          submission,
        }),
      done: () => reply.seeOther(href, 'assets.transfer.case.done'),
    });
  });

  async function showChanges(request: FastifyRequest, reply: FastifyReply, ctx: PlaceContext, form: FormState) {
    const { t } = request;
    const { transfer, asset, href } = await transferFor(request, ctx);
    const interest = await interestFor(request, ctx, transfer);
    return showTransferForm(
      request,
      reply,
      ctx,
      {
        title: t('assets.transfer.changes.title', { group: interest.organisationName }),
        caption: asset.name,
        lead: t('assets.transfer.changes.lead'),
        action: `${href}/interests/${interest.id}/changes`,
        backHref: href,
        backText: t('assets.transfer.back'),
        fields: [{ type: 'textarea', name: 'note', label: t('assets.transfer.changes.note'), rows: 6 }],
        submitText: t('assets.transfer.changes.submit'),
      },
      form,
    );
  }

  app.get('/places/:place/assets/transfers/:id/interests/:interest/changes', async (request, reply) => {
    const ctx = await placeFor(kith, request, 'assetMap.decide');
    return showChanges(request, reply, ctx, freshForm());
  });

  app.post('/places/:place/assets/transfers/:id/interests/:interest/changes', async (request, reply) => {
    const ctx = await placeFor(kith, request, 'assetMap.decide');
    const { transfer, href } = await transferFor(request, ctx);
    const interest = await interestFor(request, ctx, transfer);
    return submitForm(request, {
      schema: ChangesInput,
      show: (form) => showChanges(request, reply, ctx, form),
      run: (input) =>
        askForCaseChanges(kith, {
          placeId: ctx.place.id,
          personId: me(request),
          transferId: transfer.id,
          interestId: interest.id,
          note: input.note,
          path: href,
        }),
      done: () => reply.seeOther(href, 'assets.transfer.changes.done'),
    });
  });

  // --- Residents' views ---

  async function showView(request: FastifyRequest, reply: FastifyReply, ctx: PlaceContext, form: FormState) {
    const { t } = request;
    const { transfer, asset, href } = await transferFor(request, ctx);
    const interest = await interestFor(request, ctx, transfer);
    if (!proposalsOf([interest]).length) throw new NotFoundError();
    return showTransferForm(
      request,
      reply,
      ctx,
      {
        title: t('assets.transfer.view.title', { group: interest.organisationName }),
        caption: asset.name,
        lead: t('assets.transfer.view.lead'),
        rows: [
          ['whatWeWouldDo', interest.whatWeWouldDo],
          ['communityBenefit', interest.communityBenefit],
          ['casePlan', interest.casePlan],
        ].map(([k, v]) => ({ key: { text: t(`assets.transfer.public.${k}`) }, value: { text: v ?? '' } })),
        action: `${href}/interests/${interest.id}/view`,
        backHref: href,
        backText: t('assets.transfer.back'),
        fields: [
          {
            type: 'radios',
            name: 'stance',
            label: t('assets.transfer.view.stance'),
            items: STANCES.map((s) => ({
              value: s,
              text: t(`assets.transfer.stance.${s}`),
              checked: form.values.stance === s,
            })),
          },
          {
            type: 'textarea',
            name: 'comment',
            label: t('assets.transfer.view.comment'),
            hint: t('assets.transfer.view.comment.hint'),
            rows: 5,
          },
        ],
        submitText: t('assets.transfer.view.submit'),
      },
      form,
    );
  }

  app.get('/places/:place/assets/transfers/:id/interests/:interest/view', async (request, reply) => {
    const ctx = await placeFor(kith, request, 'assetMap.contribute');
    const { transfer } = await transferFor(request, ctx);
    const interest = await interestFor(request, ctx, transfer);
    const given = await viewOf(db(), interest.id, me(request));
    return showView(request, reply, ctx, freshForm(given ?? {}));
  });

  app.post('/places/:place/assets/transfers/:id/interests/:interest/view', async (request, reply) => {
    const ctx = await placeFor(kith, request, 'assetMap.contribute');
    const { transfer, href } = await transferFor(request, ctx);
    const interest = await interestFor(request, ctx, transfer);
    return submitForm(request, {
      schema: ViewInput,
      show: (form) => showView(request, reply, ctx, form),
      run: (input) =>
        giveView(kith, {
          placeId: ctx.place.id,
          personId: me(request),
          transferId: transfer.id,
          interestId: interest.id,
          input,
        }),
      done: (outcome) =>
        reply.seeOther(href, outcome === 'changed' ? 'assets.transfer.view.changed' : 'assets.transfer.view.given'),
    });
  });
}
