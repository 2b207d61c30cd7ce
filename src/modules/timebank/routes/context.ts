import type { FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError } from '../../../errors.js';
import type { Kith } from '../../../kith.js';
import { ruleFieldErrors, type FieldErrors } from '../../../web/forms.js';
import { placeName, findPlaceBySlug, type Place } from '../../places/index.js';
import type { AccountSubject } from '../policy.js';
import { organisersOf, staffOf } from '../setup-store.js';
import { withCreditParams } from '../statements.js';
import { findAccount, type TimeAccount } from '../store.js';

export interface PlaceContext {
  place: Place;
  name: string;
  base: string;
}

/** The place in the address, checked against the policy action; 404 when there is none. */
export async function placeFor(kith: Kith, request: FastifyRequest, action: string): Promise<PlaceContext> {
  const place = await findPlaceBySlug(kith.db.kysely, (request.params as { place: string }).place);
  if (!place) throw new NotFoundError();
  kith.policy.authorize(request.actor, action, place);
  return { place, name: placeName(place, request.lang), base: `/places/${place.slug}/time-credits` };
}

/** The place without an authorisation check (the caller checks against something finer). */
export async function placeOnly(kith: Kith, request: FastifyRequest): Promise<PlaceContext> {
  const place = await findPlaceBySlug(kith.db.kysely, (request.params as { place: string }).place);
  if (!place) throw new NotFoundError();
  return { place, name: placeName(place, request.lang), base: `/places/${place.slug}/time-credits` };
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

export function viewWith(
  reply: FastifyReply,
  ctx: PlaceContext,
  template: string,
  data: Record<string, unknown>,
  status = 200,
) {
  return reply.view(template, { headerPlace: ctx.name, place: ctx.place, base: ctx.base, ...data }, status);
}
