import type { FastifyRequest } from 'fastify';
import { NotFoundError } from '../../../errors.js';
import type { Kith } from '../../../kith.js';
import { ruleFieldErrors, type FieldErrors } from '../../../web/forms.js';
import { placeContext, viewInPlace, type PlaceContext } from '../../../web/place.js';
import type { AccountSubject } from '../policy.js';
import { organisersOf, staffOf } from '../setup-store.js';
import { withCreditParams } from '../statements.js';
import { findAccount, type TimeAccount } from '../store.js';

export type { PlaceContext };

/** The place in the address, checked against the policy action; 404 when there is none. */
export function placeFor(kith: Kith, request: FastifyRequest, action: string): Promise<PlaceContext> {
  return placeContext(kith, request, { section: 'time-credits', action });
}

/** The place without an authorisation check (the caller checks against something finer). */
export function placeOnly(kith: Kith, request: FastifyRequest): Promise<PlaceContext> {
  return placeContext(kith, request, { section: 'time-credits' });
}

export function personId(request: FastifyRequest): string {
  return request.actor.personId!;
}

export async function subjectOf(kith: Kith, account: TimeAccount): Promise<AccountSubject> {
  const holders =
    account.kind === 'group'
      ? await organisersOf(kith.db.kysely, account.ownerId)
      : account.kind === 'partner'
        ? await staffOf(kith.db.kysely, account.ownerId)
        : [];
  return { placeId: account.placeId, kind: account.kind, ownerId: account.ownerId, holders };
}

/** The account in the address, in this place, that the actor may see. */
export async function visibleAccount(kith: Kith, request: FastifyRequest, ctx: PlaceContext): Promise<TimeAccount> {
  const account = await findAccount(kith.db.kysely, (request.params as { account: string }).account);
  if (!account || account.placeId !== ctx.place.id) throw new NotFoundError();
  kith.policy.authorize(request.actor, 'timeCredits.viewAccount', await subjectOf(kith, account));
  return account;
}

/** A rule's refusal as the error beside its field, with any credit figures written out. */
export function refusalErrors(request: FastifyRequest, error: unknown): FieldErrors | undefined {
  const errors = ruleFieldErrors(error);
  if (!errors) return undefined;
  for (const e of Object.values(errors)) e.params = withCreditParams(request.t, e.params);
  return errors;
}

export const viewWith = viewInPlace;
