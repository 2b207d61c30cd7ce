/**
 * The register of Assets of Community Value: the list, a community group's nomination,
 * and the council's steps (decision, notice of intent to sell, bidder request, removal),
 * each a short form that returns to the asset's page with its timeline.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { NotFoundError, RuleError } from '../../../errors.js';
import type { Kith } from '../../../kith.js';
import { parseInput, submissionKey, submitForm, type FieldErrors } from '../../../web/forms.js';
import { PageQuery, paginationFor } from '../../../web/pagination.js';
import { organisationIdsOrganisedBy, organisationSummaries } from '../../directory/index.js';
import {
  acvHistory,
  decide,
  factsOf,
  findAcvRecord,
  nominate,
  recordBidder,
  recordNoticeOfSale,
  removeListing,
} from '../acv.js';
import { acvTimeline } from '../acv-dates.js';
import { noticesOf, visibleRegister, type AcvRecord } from '../acv-store.js';
import { dayText, keyDateText, standingTag, timelineRows } from '../present.js';
import {
  BidderInput,
  DecisionInput,
  NOMINATABLE_KINDS,
  NominationInput,
  NON_NOMINATING_ORGANISATIONS,
  NoticeInput,
  RemovalInput,
} from '../inputs.js';
import { withDates } from '../../../web/fields.js';
import { findVisibleAsset, visibleAssetsOfKinds } from '../store.js';
import { me, placeFor, readableErrors, viewWith, type PlaceContext } from './context.js';
import { todayInPlace } from '../../../platform/dates.js';

const PER_PAGE = 25;
type Step = 'decision' | 'notice' | 'bidder' | 'removal';
const STEP_DATES: Record<Step, string> = {
  decision: 'decidedOn',
  notice: 'notifiedOn',
  bidder: 'requestedOn',
  removal: 'removedOn',
};

export function acvRoutes(app: FastifyInstance, kith: Kith) {
  const db = () => kith.db.kysely;

  app.get('/places/:place/assets/community-value', async (request, reply) => {
    const ctx = await placeFor(kith, request);
    const { t, lang } = request;
    const parsed = parseInput(PageQuery, request.query);
    const page = parsed.ok ? parsed.value.page : 1;
    const { entries, total } = await visibleRegister(db(), ctx.viewing, {
      limit: PER_PAGE,
      offset: (page - 1) * PER_PAGE,
    });
    const notices = await noticesOf(
      db(),
      ctx.place.id,
      entries.map((e) => e.id),
    );
    const today = todayInPlace();
    return viewWith(reply, ctx, 'assets/register.njk', {
      pageTitle: t('assets.register.title', { place: ctx.name }),
      total,
      entries: entries.map((e) => {
        const history = {
          record: e,
          notices: notices.filter((n) => n.acvId === e.id),
          timeline: acvTimeline(factsOf(e, notices), today),
        };
        return {
          href: `${ctx.base}/${e.assetId}#acv-${e.id}`,
          asset: e.assetName,
          postcode: e.assetPostcode,
          group: e.organisationName,
          tag: standingTag(t, history.timeline.standing),
          keyDate: keyDateText(t, lang, history),
        };
      }),
      canNominate: kith.policy.can(request.actor, 'assetMap.nominate', ctx.place),
      pagination: paginationFor(t, {
        page,
        perPage: PER_PAGE,
        total,
        href: (p) => `${ctx.base}/community-value?page=${p}`,
      }),
    });
  });

  /** The groups this person may nominate for: theirs as organiser or coordinator, or any community group for an admin. */
  async function groupsFor(request: FastifyRequest, ctx: PlaceContext) {
    const all = (await organisationSummaries(db(), ctx.place.id)).filter(
      (o) => !NON_NOMINATING_ORGANISATIONS.includes(o.kind),
    );
    const mine = new Set(
      request.actor.personId ? await organisationIdsOrganisedBy(db(), ctx.place.id, request.actor.personId) : [],
    );
    return all.filter((o) =>
      kith.policy.can(request.actor, 'assetMap.nominateFor', { placeId: ctx.place.id, organisesIt: mine.has(o.id) }),
    );
  }

  async function showNominate(
    request: FastifyRequest,
    reply: FastifyReply,
    ctx: PlaceContext,
    values: Record<string, unknown>,
    errors?: FieldErrors,
    status = 200,
  ) {
    const { t } = request;
    const [assets, groups] = await Promise.all([
      visibleAssetsOfKinds(db(), ctx.viewing, NOMINATABLE_KINDS),
      groupsFor(request, ctx),
    ]);
    return viewWith(
      reply,
      ctx,
      'assets/nominate.njk',
      {
        pageTitle: t('assets.nominate.title'),
        values,
        errors: readableErrors(request, errors),
        noGroups: groups.length === 0,
        assets: [
          { value: '', text: t('assets.nominate.asset.choose') },
          ...assets.map((a) => ({
            value: a.id,
            text: a.postcode ? `${a.name} (${a.postcode})` : a.name,
            selected: values.asset === a.id,
          })),
        ],
        groups: [
          { value: '', text: t('assets.nominate.group.choose') },
          ...groups.map((g) => ({ value: g.id, text: g.name, selected: values.organisation === g.id })),
        ],
      },
      status,
    );
  }

  app.get('/places/:place/assets/community-value/nominate', async (request, reply) => {
    const ctx = await placeFor(kith, request, 'assetMap.nominate');
    const asset = (request.query as { asset?: string }).asset;
    return showNominate(request, reply, ctx, { asset: typeof asset === 'string' ? asset : '' });
  });

  app.post('/places/:place/assets/community-value/nominate', async (request, reply) => {
    const ctx = await placeFor(kith, request, 'assetMap.nominate');
    return submitForm(request, {
      schema: NominationInput,
      show: (form) => showNominate(request, reply, ctx, form.values, form.errors, form.status),
      run: async (input, submission) => {
        const mine = new Set(await organisationIdsOrganisedBy(db(), ctx.place.id, me(request)));
        // The asset must be one this person can see: nominating is not a way to learn what is hidden.
        if (!(await findVisibleAsset(db(), ctx.viewing, input.asset)))
          throw new RuleError('assets.validation.nominatedAsset', {}, 'asset');
        const id = await nominate(kith, {
          placeId: ctx.place.id,
          personId: me(request),
          input,
          mayNominateFor: (organisationId) =>
            kith.policy.can(request.actor, 'assetMap.nominateFor', {
              placeId: ctx.place.id,
              organisesIt: mine.has(organisationId),
            }),
          submission,
        });
        return `${ctx.base}/${input.asset}#acv-${id}`;
      },
      done: (url) => reply.seeOther(url, 'assets.nominate.done'),
    });
  });

  /** A nomination the council is acting on, with its asset. */
  async function recordFor(request: FastifyRequest, ctx: PlaceContext): Promise<AcvRecord> {
    const record = await findAcvRecord(db(), ctx.place.id, (request.params as { id: string }).id);
    if (!record) throw new NotFoundError();
    return record;
  }

  async function showStep(
    request: FastifyRequest,
    reply: FastifyReply,
    ctx: PlaceContext,
    step: Step,
    record: AcvRecord,
    values: Record<string, unknown>,
    errors?: FieldErrors,
    status = 200,
  ) {
    const { t, lang } = request;
    const asset = await findVisibleAsset(db(), ctx.viewing, record.assetId);
    if (!asset) throw new NotFoundError();
    const history = (await acvHistory(db(), ctx.place.id, asset.id)).find((h) => h.record.id === record.id)!;
    const dateName = STEP_DATES[step];
    return viewWith(
      reply,
      ctx,
      'assets/acv-step.njk',
      {
        pageTitle: t(`assets.step.${step}.title`),
        step,
        item: asset,
        action: `${ctx.base}/community-value/${record.id}/${step}`,
        backHref: `${ctx.base}/${asset.id}#acv-${record.id}`,
        tag: standingTag(t, history.timeline.standing),
        rows: timelineRows(t, lang, history),
        dateName,
        dateItems: ['day', 'month', 'year'].map((part) => ({
          name: part,
          label: t(`assets.date.${part}`),
          classes: `govuk-input--width-${part === 'year' ? 4 : 2}${errors?.[dateName] ? ' govuk-input--error' : ''}`,
          value: values[`${dateName}-${part}`],
          inputmode: 'numeric',
        })),
        today: dayText(todayInPlace(), lang),
        values,
        errors: readableErrors(request, errors),
        fieldIds: { [dateName]: `${dateName}-day`, outcome: 'outcome' },
      },
      status,
    );
  }

  const steps: Array<{
    step: Step;
    schema: z.ZodType;
    run: (ctx: PlaceContext, request: FastifyRequest, record: AcvRecord, input: never) => Promise<string>;
  }> = [
    {
      step: 'decision',
      schema: DecisionInput,
      run: async (ctx, request, record, input: z.output<typeof DecisionInput>) => {
        await decide(kith, { placeId: ctx.place.id, personId: me(request), acvId: record.id, input });
        return input.outcome === 'listed' ? 'assets.step.decision.listed' : 'assets.step.decision.notListed';
      },
    },
    {
      step: 'notice',
      schema: NoticeInput,
      run: async (ctx, request, record, input: z.output<typeof NoticeInput>) => {
        const { startsMoratorium } = await recordNoticeOfSale(kith, {
          placeId: ctx.place.id,
          personId: me(request),
          acvId: record.id,
          notifiedOn: input.notifiedOn,
          submission: { owner: me(request), key: submissionKey(request) },
        });
        return startsMoratorium ? 'assets.step.notice.done' : 'assets.step.notice.protected';
      },
    },
    {
      step: 'bidder',
      schema: BidderInput,
      run: async (ctx, request, record, input: z.output<typeof BidderInput>) => {
        await recordBidder(kith, {
          placeId: ctx.place.id,
          personId: me(request),
          acvId: record.id,
          requestedOn: input.requestedOn,
          group: input.group,
        });
        return 'assets.step.bidder.done';
      },
    },
    {
      step: 'removal',
      schema: RemovalInput,
      run: async (ctx, request, record, input: z.output<typeof RemovalInput>) => {
        await removeListing(kith, {
          placeId: ctx.place.id,
          personId: me(request),
          acvId: record.id,
          removedOn: input.removedOn,
          reason: input.reason,
        });
        return 'assets.step.removal.done';
      },
    },
  ];

  for (const { step, schema, run } of steps) {
    const url = `/places/:place/assets/community-value/:id/${step}`;
    app.get(url, async (request, reply) => {
      const ctx = await placeFor(kith, request, 'assetMap.decide');
      return showStep(request, reply, ctx, step, await recordFor(request, ctx), {});
    });
    app.post(url, async (request, reply) => {
      const ctx = await placeFor(kith, request, 'assetMap.decide');
      const record = await recordFor(request, ctx);
      return submitForm(request, {
        schema,
        input: withDates(request.body, STEP_DATES[step]),
        echo: request.body,
        show: (form) => showStep(request, reply, ctx, step, record, form.values, form.errors, form.status),
        run: (value) => run(ctx, request, record, value as never),
        done: (flash) => reply.seeOther(`${ctx.base}/${record.assetId}#acv-${record.id}`, flash),
      });
    });
  }
}
