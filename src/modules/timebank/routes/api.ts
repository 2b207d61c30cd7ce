/**
 * Time credits over JSON: your account, paying another member (with an
 * Idempotency-Key header, so a retry is one payment), an account's entries, a
 * reversal, a redemption at a partner's counter, and the place's totals.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { NotFoundError, RuleError } from '../../../errors.js';
import type { Kith } from '../../../kith.js';
import { submissionKey } from '../../../web/forms.js';
import { sendProblem } from '../../../web/problem.js';
import { payMember } from '../accounts.js';
import { reverseTransfer } from '../ledger.js';
import { redeemReward } from '../partners.js';
import { PaymentApiInput, RedeemInput, ReverseInput } from '../inputs.js';
import { findPartner, staffOf } from '../setup-store.js';
import { placeTotals, withCreditParams } from '../statements.js';
import { findAccountOf, statementLines } from '../store.js';
import { personId, placeFor, placeOnly, visibleAccount } from './context.js';

const PlaceParams = z.object({ place: z.string().max(60) });
const TransferOut = z.object({
  id: z.string(),
  kind: z.string(),
  minutes: z.number().int(),
  createdAt: z.string(),
  repeated: z.boolean(),
});

function problemFor(request: FastifyRequest, reply: FastifyReply, error: unknown) {
  if (!(error instanceof RuleError)) throw error;
  return sendProblem(reply, {
    type: '/api/problems/refused',
    title: request.t('timebank.problem.refused'),
    status: 422,
    detail: request.t(error.key, withCreditParams(request.t, error.params)),
    errors: [{ field: error.field ?? 'form', detail: request.t(error.key, withCreditParams(request.t, error.params)) }],
  });
}

export function apiRoutes(app: FastifyInstance, kith: Kith) {
  app.api.define(app, {
    method: 'GET',
    url: '/api/v1/places/:place/time-credits/account',
    tag: 'Time credits',
    summary: 'Your time credit account in a place',
    auth: 'session',
    params: PlaceParams,
    errors: [403, 404],
    response: {
      status: 200,
      description: 'Your member number and balance in credit-minutes (null when you do not use credits)',
      schema: z.object({
        account: z
          .object({
            id: z.string(),
            number: z.string().nullable(),
            balance: z.number().int(),
            entries: z.number().int(),
          })
          .nullable(),
      }),
    },
    handler: async (_input, request) => {
      const ctx = await placeFor(kith, request, 'timeCredits.use');
      const account = await findAccountOf(kith.db.kysely, ctx.place.id, 'person', personId(request));
      return {
        account:
          account && !account.optedOut
            ? { id: account.id, number: account.number, balance: account.balance, entries: account.entryCount }
            : null,
      };
    },
  });

  app.api.define(app, {
    method: 'POST',
    url: '/api/v1/places/:place/time-credits/payments',
    tag: 'Time credits',
    summary: 'Pay another member for help they gave',
    description:
      'Moves credit-minutes from your account to the member with that number. Send an Idempotency-Key header: the same key again returns the same payment (`repeated: true`) and moves nothing more. A payment that would take you below your limit is refused with 422 and moves nothing.',
    auth: 'session',
    params: PlaceParams,
    body: PaymentApiInput,
    errors: [403, 404, 422],
    response: { status: 201, description: 'The payment', schema: TransferOut },
    handler: async ({ body }, request, reply) => {
      const ctx = await placeFor(kith, request, 'timeCredits.use');
      const key = submissionKey(request) ?? `${request.id}`;
      try {
        const posted = await payMember(kith, {
          placeId: ctx.place.id,
          payerId: personId(request),
          number: body.to,
          minutes: body.minutes,
          note: body.note,
          key,
          numberField: 'to',
          amountField: 'minutes',
        });
        const t = posted.transfer;
        return { id: t.id, kind: t.kind, minutes: t.amount, createdAt: t.createdAt, repeated: posted.repeated };
      } catch (error) {
        return problemFor(request, reply, error);
      }
    },
  });

  app.api.define(app, {
    method: 'GET',
    url: '/api/v1/places/:place/time-credits/accounts/:account/entries',
    tag: 'Time credits',
    summary: 'An account’s entries, newest first, with the running balance',
    description: 'Pages by sequence number: pass the last `seq` you received as `before` for the next page.',
    auth: 'session',
    params: PlaceParams.extend({ account: z.string().max(64) }),
    query: z.object({
      before: z.coerce.number().int().min(1).optional(),
      limit: z.coerce.number().int().min(1).max(500).default(100),
    }),
    errors: [403, 404],
    response: {
      status: 200,
      description: 'Entries',
      schema: z.object({
        balance: z.number().int(),
        entries: z.array(
          z.object({
            seq: z.number().int(),
            transferId: z.string(),
            kind: z.string(),
            description: z.string(),
            minutes: z.number().int(),
            balanceAfter: z.number().int(),
            createdAt: z.string(),
            reversesId: z.string().nullable(),
          }),
        ),
      }),
    },
    handler: async ({ query }, request) => {
      const ctx = await placeFor(kith, request, 'timeCredits.use');
      const account = await visibleAccount(kith, request, ctx);
      const to = Math.min(account.entryCount, (query.before ?? account.entryCount + 1) - 1);
      const lines =
        to >= 1 ? await statementLines(kith.db.kysely, account.id, Math.max(1, to - query.limit + 1), to) : [];
      return {
        balance: account.balance,
        entries: lines.map((l) => ({
          seq: l.seq,
          transferId: l.transfer.id,
          kind: l.transfer.kind,
          description: l.transfer.description,
          minutes: l.amount,
          balanceAfter: l.balanceAfter,
          createdAt: l.createdAt,
          reversesId: l.transfer.reversesId,
        })),
      };
    },
  });

  app.api.define(app, {
    method: 'POST',
    url: '/api/v1/places/:place/time-credits/transfers/:transfer/reversal',
    tag: 'Time credits',
    summary: 'Reverse a mistaken transfer, with a reason',
    description: 'Coordinators and admins. A transfer can be reversed once; the reversal points at the original.',
    auth: 'session',
    params: PlaceParams.extend({ transfer: z.string().max(64) }),
    body: ReverseInput,
    errors: [403, 404, 422],
    response: { status: 201, description: 'The reversal', schema: TransferOut },
    handler: async ({ body, params }, request, reply) => {
      const ctx = await placeFor(kith, request, 'timeCredits.reverse');
      try {
        const posted = await reverseTransfer(kith.db, {
          placeId: ctx.place.id,
          transferId: params.transfer,
          reason: body.reason,
          actorId: personId(request),
          field: 'reason',
        });
        const t = posted.transfer;
        return { id: t.id, kind: t.kind, minutes: t.amount, createdAt: t.createdAt, repeated: posted.repeated };
      } catch (error) {
        return problemFor(request, reply, error);
      }
    },
  });

  app.api.define(app, {
    method: 'POST',
    url: '/api/v1/places/:place/time-credits/partners/:partner/redemptions',
    tag: 'Time credits',
    summary: 'Redeem a reward for a member, by their member number',
    description: 'Partner staff. The answer says only whether it worked: never the member’s name or balance.',
    auth: 'session',
    params: PlaceParams.extend({ partner: z.string().max(64) }),
    body: RedeemInput,
    errors: [403, 404, 422],
    response: {
      status: 201,
      description: 'The redemption',
      schema: z.object({
        transferId: z.string(),
        number: z.string(),
        reward: z.string(),
        quantity: z.number().int(),
        minutes: z.number().int(),
      }),
    },
    handler: async ({ body, params }, request, reply) => {
      const ctx = await placeOnly(kith, request);
      const partner = await findPartner(kith.db.kysely, params.partner);
      if (!partner || partner.placeId !== ctx.place.id) throw new NotFoundError();
      kith.policy.authorize(request.actor, 'timeCredits.partnerCounter', {
        placeId: ctx.place.id,
        staff: await staffOf(kith.db.kysely, partner.id),
      });
      try {
        const done = await redeemReward(kith, {
          placeId: ctx.place.id,
          actorId: personId(request),
          partnerId: partner.id,
          number: body.number,
          rewardId: body.reward,
          quantity: body.quantity,
          formKey: submissionKey(request),
        });
        return {
          transferId: done.transferId,
          number: done.number,
          reward: done.rewardTitle,
          quantity: done.quantity,
          minutes: done.minutes,
        };
      } catch (error) {
        return problemFor(request, reply, error);
      }
    },
  });

  app.api.define(app, {
    method: 'GET',
    url: '/api/v1/places/:place/time-credits/totals',
    tag: 'Time credits',
    summary: 'The place’s totals: hours given, credits held, redemptions',
    auth: 'session',
    params: PlaceParams,
    errors: [403, 404],
    response: {
      status: 200,
      description: 'Totals in credit-minutes, net of reversals',
      schema: z.object({
        hoursGiven: z.number().int(),
        inCirculation: z.number().int(),
        heldByPeople: z.number().int(),
        heldByGroups: z.number().int(),
        redeemed: z.number().int(),
        issuedByFund: z.number().int(),
        members: z.number().int(),
        membersActive: z.number().int(),
        byKind: z.record(z.string(), z.number().int()),
      }),
    },
    handler: async (_input, request) => {
      const ctx = await placeFor(kith, request, 'timeCredits.totals');
      return placeTotals(kith.db.kysely, ctx.place.id);
    },
  });
}
