/**
 * An award after the decision: the payments the officer plans and records as paid (Kith
 * moves no money, it keeps the record), variations to the amount or end date, and the
 * light monitoring that asks for the check-in when the award ends. Each change is one
 * transaction, audited; the round is locked first so no change takes it past its budget.
 */
import { RuleError } from '../../errors.js';
import type { Trx } from '../../db/index.js';
import type { Kith } from '../../kith.js';
import { recordAudit } from '../../platform/audit/index.js';
import { addDays, todayInPlace } from '../../platform/dates.js';
import { once, type Submission } from '../../platform/idempotency/index.js';
import { emailReader } from '../../platform/mail/index.js';
import { findPersonById } from '../people/index.js';
import { findPlaceById } from '../places/index.js';
import { formatPence } from './rules.js';
import {
  awardsAwaitingMonitoring,
  claimMonitoring,
  committedIn,
  decisionFor,
  findApplication,
  findRound,
  insertPayment,
  insertVariation,
  markPaymentPaid,
  paymentsOf,
  setAwardAmount,
  setEndDate,
  termOfAward,
  type Application,
  type Decision,
  type Round,
} from './store.js';

/** Days after the end date: the reminder, then the award is shown overdue to officers. */
export const MONITORING_REMINDER_DAYS = 14;
export const MONITORING_OVERDUE_DAYS = 28;

interface Acting {
  placeId: string;
  personId: string;
  submission?: Submission;
}

/** The award (an application awarded in full or in part) with its round read for update. */
async function lockedAward(
  kith: Kith,
  trx: Trx,
  placeId: string,
  applicationId: string,
  field: string,
): Promise<{ application: Application; decision: Decision; round: Round }> {
  const application = await findApplication(trx, placeId, applicationId);
  const round = application && (await findRound(trx, placeId, application.roundId, kith.db.dialect));
  const decision = application && (await decisionFor(trx, application.id));
  if (!application || !round || !decision || decision.outcome === 'declined')
    throw new RuleError('grants.award.missing', {}, field);
  return { application, decision, round };
}

/** Plans a payment on an accepted award; planned payments together never exceed the award. */
export async function planPayment(
  kith: Kith,
  input: Acting & { applicationId: string; dueOn: string; amountPence: number },
): Promise<string> {
  const { result } = await once(kith.db, 'smallGrants.payment.plan', input.submission, async (trx) => {
    const { application, decision, round } = await lockedAward(
      kith,
      trx,
      input.placeId,
      input.applicationId,
      'paymentAmount',
    );
    if (!decision.acceptedAt) throw new RuleError('grants.payment.notAccepted', {}, 'form');
    const planned = (await paymentsOf(trx, application.id)).reduce((s, p) => s + p.amountPence, 0);
    if (planned + input.amountPence > decision.amountPence)
      throw new RuleError(
        'grants.payment.overAward',
        { left: formatPence(decision.amountPence - planned) },
        'paymentAmount',
      );
    const id = await insertPayment(trx, {
      placeId: input.placeId,
      roundId: round.id,
      applicationId: application.id,
      dueOn: input.dueOn,
      amountPence: input.amountPence,
      createdBy: input.personId,
    });
    await recordAudit(trx, {
      placeId: input.placeId,
      actorId: input.personId,
      action: 'smallGrants.payment.plan',
      subjectType: 'grant_application',
      subjectId: application.id,
      detail: { paymentId: id, dueOn: input.dueOn, amountPence: input.amountPence },
    });
    return id;
  });
  return result;
}

/** Records that a planned payment was made on a day (not after today); marking it again changes nothing. */
export async function recordPaid(
  kith: Kith,
  input: Acting & { applicationId: string; paymentId: string; paidOn: string; now?: Date },
): Promise<void> {
  if (input.paidOn > todayInPlace(input.now ?? new Date()))
    throw new RuleError('grants.payment.paidFuture', {}, 'paidOn');
  await kith.db.transaction(async (trx) => {
    const { application } = await lockedAward(kith, trx, input.placeId, input.applicationId, 'paidOn');
    const payment = (await paymentsOf(trx, application.id)).find((p) => p.id === input.paymentId);
    if (!payment) throw new RuleError('grants.payment.missing', {}, 'paidOn');
    if (!(await markPaymentPaid(trx, payment.id, input.paidOn, input.personId))) return;
    await recordAudit(trx, {
      placeId: input.placeId,
      actorId: input.personId,
      action: 'smallGrants.payment.paid',
      subjectType: 'grant_application',
      subjectId: application.id,
      detail: { paymentId: payment.id, paidOn: input.paidOn, amountPence: payment.amountPence },
    });
  });
}

/**
 * Varies an award's amount or end date, with a reason. The round is read for update
 * (PostgreSQL) or under SQLite's write lock, so two officers varying at once take turns
 * and the second sees the first: the round's committed total never passes its budget.
 */
export async function varyAward(
  kith: Kith,
  input: Acting & { applicationId: string; amountPence: number | null; endsOn: string | null; reason: string },
): Promise<string> {
  const { result } = await once(kith.db, 'smallGrants.award.vary', input.submission, async (trx) => {
    const { application, decision, round } = await lockedAward(
      kith,
      trx,
      input.placeId,
      input.applicationId,
      'newAmount',
    );
    const term = await termOfAward(trx, application.id);
    const toAmount = input.amountPence ?? decision.amountPence;
    const toEndsOn = input.endsOn ?? term?.endsOn ?? null;
    if (toAmount === decision.amountPence && toEndsOn === (term?.endsOn ?? null))
      throw new RuleError('grants.variation.nothing', {}, input.amountPence === null ? 'endsOn' : 'newAmount');
    if (toAmount !== decision.amountPence) {
      const planned = (await paymentsOf(trx, application.id)).reduce((s, p) => s + p.amountPence, 0);
      if (toAmount < planned)
        throw new RuleError('grants.variation.belowPayments', { planned: formatPence(planned) }, 'newAmount');
      const committed = await committedIn(trx, round.id);
      if (committed - decision.amountPence + toAmount > round.budgetPence)
        throw new RuleError(
          'grants.variation.overBudget',
          { most: formatPence(round.budgetPence - committed + decision.amountPence) },
          'newAmount',
        );
      await setAwardAmount(trx, application.id, toAmount);
    }
    if (toEndsOn && toEndsOn !== term?.endsOn)
      await setEndDate(trx, {
        placeId: input.placeId,
        roundId: round.id,
        applicationId: application.id,
        endsOn: toEndsOn,
      });
    const id = await insertVariation(trx, {
      placeId: input.placeId,
      roundId: round.id,
      applicationId: application.id,
      fromAmountPence: decision.amountPence,
      toAmountPence: toAmount,
      fromEndsOn: term?.endsOn ?? null,
      toEndsOn,
      reason: input.reason,
      variedBy: input.personId,
    });
    await recordAudit(trx, {
      placeId: input.placeId,
      actorId: input.personId,
      action: 'smallGrants.award.vary',
      subjectType: 'grant_application',
      subjectId: application.id,
      detail: {
        fromAmountPence: decision.amountPence,
        toAmountPence: toAmount,
        fromEndsOn: term?.endsOn ?? null,
        toEndsOn,
        reason: input.reason,
      },
    });
    return id;
  });
  return result;
}

/** Whether an award's monitoring is overdue: 28 days past its end date and no check-in. */
export function monitoringOverdue(endsOn: string | undefined, checkedIn: boolean, now = new Date()): boolean {
  return !!endsOn && !checkedIn && addDays(endsOn, MONITORING_OVERDUE_DAYS) <= todayInPlace(now);
}

/**
 * The daily job: when an accepted award reaches its end date the grantee is emailed the
 * link to the check-in form, and reminded once 14 days later if it has not come back.
 * Each email is claimed in the same transaction that queues it, so however often the job
 * runs (or however many run at once) each goes once.
 */
export async function remindMonitoring(kith: Kith, now = new Date()): Promise<number> {
  const today = todayInPlace(now);
  let sent = 0;
  for (const award of await awardsAwaitingMonitoring(
    kith.db.kysely,
    today,
    addDays(today, -MONITORING_REMINDER_DAYS),
    500,
  )) {
    const which = !award.askedAt
      ? 'asked'
      : addDays(award.endsOn, MONITORING_REMINDER_DAYS) <= today && !award.remindedAt
        ? 'reminded'
        : null;
    if (!which) continue;
    await kith.db.transaction(async (trx) => {
      if (!(await claimMonitoring(trx, award.applicationId, which, now.toISOString()))) return;
      const [place, grantee] = await Promise.all([
        findPlaceById(trx, award.placeId),
        findPersonById(trx, award.applicantId),
      ]);
      if (!place || !grantee) return;
      await emailReader(kith, trx, grantee, {
        placeId: award.placeId,
        subjectKey: which === 'asked' ? 'grants.email.monitoring.subject' : 'grants.email.monitoringReminder.subject',
        paragraphs: [which === 'asked' ? 'grants.email.monitoring.body' : 'grants.email.monitoringReminder.body'],
        params: { project: award.projectTitle },
        action: {
          key: 'grants.email.monitoring.action',
          path: `/places/${place.slug}/grants/applications/${award.applicationId}/check-in`,
        },
      });
      await recordAudit(trx, {
        placeId: award.placeId,
        action: which === 'asked' ? 'smallGrants.monitoring.ask' : 'smallGrants.monitoring.remind',
        subjectType: 'grant_application',
        subjectId: award.applicationId,
      });
      sent++;
    });
  }
  return sent;
}
