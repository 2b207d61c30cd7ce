/**
 * An award's own pages: the officer's (payments planned and paid, variations, with who,
 * when and why), the grantee's view of the same, and a round's finance download.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { NotFoundError } from '../../../errors.js';
import type { Kith } from '../../../kith.js';
import { csvDocument } from '../../../platform/csv.js';
import { dateAndTime, longDate, todayInPlace } from '../../../platform/dates.js';
import { withDates } from '../../../web/fields.js';
import { freshForm, submitForm, type FormState } from '../../../web/forms.js';
import { actorId } from '../../../web/place.js';
import type { Translate } from '../../../web/i18n.js';
import { namesOf } from '../../people/index.js';
import { PaidInput, PaymentInput, VariationInput } from '../award-inputs.js';
import { planPayment, recordPaid, varyAward } from '../awards.js';
import { formatPence, penceAsPounds } from '../rules.js';
import {
  applicationsIn,
  decisionFor,
  decisionsIn,
  paymentsIn,
  paymentsOf,
  termOfAward,
  variationCountsIn,
  variationsOf,
  type Application,
  type Decision,
} from '../store.js';
import {
  applicationIn,
  grantsPlace,
  presentApplication,
  roundIn,
  view,
  type PlaceContext,
  type Reply,
} from './context.js';

/** An award's payments and variations, as both its pages show them. */
async function awardRecord(kith: Kith, t: Translate, lang: string, application: Application, decision: Decision) {
  const db = kith.db.kysely;
  const [payments, variations, term] = await Promise.all([
    paymentsOf(db, application.id),
    variationsOf(db, application.id),
    termOfAward(db, application.id),
  ]);
  const names = await namesOf(db, [
    ...payments.flatMap((p) => [p.createdBy, p.paidRecordedBy ?? '']).filter(Boolean),
    ...variations.map((v) => v.variedBy),
  ]);
  const who = (id: string | null) => (id && names.get(id)) || t('grants.someone');
  const planned = payments.reduce((s, p) => s + p.amountPence, 0);
  const paid = payments.reduce((s, p) => s + (p.paidOn ? p.amountPence : 0), 0);
  return {
    amount: formatPence(decision.amountPence),
    endsOn: term ? longDate(term.endsOn, lang) : '',
    planned: formatPence(planned),
    paid: formatPence(paid),
    outstanding: formatPence(decision.amountPence - paid),
    unplanned: formatPence(decision.amountPence - planned),
    payments: payments.map((p) => ({
      ...p,
      due: longDate(p.dueOn, lang),
      amount: formatPence(p.amountPence),
      paid: p.paidOn ? longDate(p.paidOn, lang) : '',
      plannedBy: t('grants.payment.plannedBy', { name: who(p.createdBy), when: dateAndTime(p.createdAt, lang) }),
      paidBy: p.paidOn ? t('grants.payment.paidBy', { name: who(p.paidRecordedBy) }) : '',
    })),
    variations: variations.map((v) => ({
      ...v,
      when: dateAndTime(v.variedAt, lang),
      who: who(v.variedBy),
      amountChange:
        v.fromAmountPence !== v.toAmountPence
          ? t('grants.variation.amountChange', {
              from: formatPence(v.fromAmountPence),
              to: formatPence(v.toAmountPence),
            })
          : '',
      endChange:
        v.fromEndsOn !== v.toEndsOn && v.toEndsOn
          ? v.fromEndsOn
            ? t('grants.variation.endChange', { from: longDate(v.fromEndsOn, lang), to: longDate(v.toEndsOn, lang) })
            : t('grants.variation.endSet', { to: longDate(v.toEndsOn, lang) })
          : '',
    })),
  };
}

export function awardRoutes(app: FastifyInstance, kith: Kith) {
  const db = () => kith.db.kysely;
  const manage = (request: FastifyRequest) => grantsPlace(kith, request, 'smallGrants.manage');

  /** The round and the award named in the address; a declined or undecided application has no award page. */
  async function awardIn(request: FastifyRequest, ctx: PlaceContext) {
    const round = await roundIn(kith, request, ctx);
    const application = await applicationIn(kith, request, ctx);
    const decision = await decisionFor(db(), application.id);
    if (application.roundId !== round.id || !decision || decision.outcome === 'declined') throw new NotFoundError();
    return { round, application, decision };
  }

  async function showAward(request: FastifyRequest, reply: Reply, ctx: PlaceContext, form: FormState) {
    const { round, application, decision } = await awardIn(request, ctx);
    const record = await awardRecord(kith, request.t, request.lang, application, decision);
    const errorFor = form.values.paymentId as string | undefined;
    return view(
      reply,
      ctx,
      'grants/award.njk',
      {
        pageTitle: application.projectTitle,
        documentTitle: request.t('grants.award.pageTitle', { title: application.projectTitle }),
        round,
        application: presentApplication(request.t, application),
        decision,
        accepted: Boolean(decision.acceptedAt),
        record,
        values: form.values,
        errors: form.errors,
        errorFor,
        fieldIds: {
          dueOn: 'dueOn-day',
          paidOn: errorFor ? `paidOn-${errorFor}-day` : 'paidOn-day',
          endsOn: 'endsOn-day',
        },
      },
      form.status,
    );
  }

  const awardPath = (ctx: PlaceContext, roundId: string, applicationId: string) =>
    `${ctx.base}/rounds/${roundId}/awards/${applicationId}`;

  app.get('/places/:place/grants/rounds/:round/awards/:application', async (request, reply) => {
    const ctx = await manage(request);
    return showAward(request, reply, ctx, freshForm());
  });

  app.post('/places/:place/grants/rounds/:round/awards/:application/payments', async (request, reply) => {
    const ctx = await manage(request);
    const { round, application } = await awardIn(request, ctx);
    return submitForm(request, {
      schema: PaymentInput,
      input: withDates(request.body, 'dueOn'),
      echo: request.body,
      show: (form) => showAward(request, reply, ctx, form),
      run: (input, submission) =>
        planPayment(kith, {
          placeId: ctx.place.id,
          personId: actorId(request),
          applicationId: application.id,
          dueOn: input.dueOn!,
          amountPence: input.paymentAmount,
          submission,
        }),
      done: () => reply.seeOther(`${awardPath(ctx, round.id, application.id)}#payments`, 'grants.payment.planned'),
    });
  });

  app.post('/places/:place/grants/rounds/:round/awards/:application/payments/:payment/paid', async (request, reply) => {
    const ctx = await manage(request);
    const { round, application } = await awardIn(request, ctx);
    const paymentId = (request.params as { payment: string }).payment;
    if (!(await paymentsOf(db(), application.id)).some((p) => p.id === paymentId)) throw new NotFoundError();
    return submitForm(request, {
      schema: PaidInput,
      input: withDates(request.body, 'paidOn'),
      echo: { ...(request.body as object), paymentId },
      show: (form) => showAward(request, reply, ctx, form),
      run: (input) =>
        recordPaid(kith, {
          placeId: ctx.place.id,
          personId: actorId(request),
          applicationId: application.id,
          paymentId,
          paidOn: input.paidOn!,
        }),
      done: () => reply.seeOther(`${awardPath(ctx, round.id, application.id)}#payments`, 'grants.payment.recorded'),
    });
  });

  app.post('/places/:place/grants/rounds/:round/awards/:application/variations', async (request, reply) => {
    const ctx = await manage(request);
    const { round, application } = await awardIn(request, ctx);
    return submitForm(request, {
      schema: VariationInput,
      input: withDates(request.body, 'endsOn'),
      echo: request.body,
      show: (form) => showAward(request, reply, ctx, form),
      run: (input, submission) =>
        varyAward(kith, {
          placeId: ctx.place.id,
          personId: actorId(request),
          applicationId: application.id,
          amountPence: input.newAmount,
          endsOn: input.endsOn,
          reason: input.reason,
          submission,
        }),
      done: () => reply.seeOther(`${awardPath(ctx, round.id, application.id)}#variations`, 'grants.variation.recorded'),
    });
  });

  /** One row an award: what finance needs to reconcile the round. Money in pounds, as a spreadsheet reads it. */
  app.get('/places/:place/grants/rounds/:round/finance.csv', async (request, reply) => {
    const ctx = await manage(request);
    const round = await roundIn(kith, request, ctx);
    const t = request.t;
    const [applications, decisions, payments, variations] = await Promise.all([
      applicationsIn(db(), round.id, ['awarded']),
      decisionsIn(db(), round.id),
      paymentsIn(db(), round.id),
      variationCountsIn(db(), round.id),
    ]);
    const byApplication = new Map(applications.map((a) => [a.id, a]));
    const rows = decisions
      .filter((d) => d.outcome !== 'declined' && byApplication.has(d.applicationId))
      .map((d) => {
        const a = byApplication.get(d.applicationId)!;
        const mine = payments.filter((p) => p.applicationId === a.id);
        const planned = mine.reduce((s, p) => s + p.amountPence, 0);
        const paid = mine.reduce((s, p) => s + (p.paidOn ? p.amountPence : 0), 0);
        return [
          a.id,
          a.applicantKind === 'informal' ? `${a.groupName} (${a.hostName})` : a.groupName,
          a.projectTitle,
          penceAsPounds(d.amountPence),
          penceAsPounds(planned),
          penceAsPounds(paid),
          penceAsPounds(d.amountPence - paid),
          variations.get(a.id) ?? 0,
        ];
      });
    const header = [
      t('grants.finance.reference'),
      t('grants.finance.recipient'),
      t('grants.finance.project'),
      t('grants.finance.award'),
      t('grants.finance.planned'),
      t('grants.finance.paid'),
      t('grants.finance.outstanding'),
      t('grants.finance.variations'),
    ];
    return reply
      .type('text/csv; charset=utf-8')
      .header(
        'content-disposition',
        `attachment; filename="grants-finance-${todayInPlace()}-${round.id.slice(0, 8)}.csv"`,
      )
      .send(csvDocument(header, rows));
  });

  // The grantee's own view of their award: its payment dates and variations, nobody else's.
  app.get('/places/:place/grants/applications/:application/award', async (request, reply) => {
    const ctx = await grantsPlace(kith, request, 'smallGrants.apply');
    const application = await applicationIn(kith, request, ctx);
    kith.policy.authorize(request.actor, 'smallGrants.ownApplication', application);
    const decision = await decisionFor(db(), application.id);
    if (!decision || decision.outcome === 'declined') throw new NotFoundError();
    return view(reply, ctx, 'grants/my-award.njk', {
      pageTitle: request.t('grants.myAward.title'),
      application: presentApplication(request.t, application),
      accepted: Boolean(decision.acceptedAt),
      record: await awardRecord(kith, request.t, request.lang, application, decision),
    });
  });
}
