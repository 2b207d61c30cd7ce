import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kith } from '../../../kith.js';
import type { FieldErrors } from '../../../web/forms.js';
import { placeContext, type PlaceContext as PlaceInAddress } from '../../../web/place.js';
import { viewingFor } from '../inventory.js';
import { humaniseParams } from '../present.js';
import type { Viewing } from '../store.js';

export interface PlaceContext extends PlaceInAddress {
  /** What this person may see of the place's assets. */
  viewing: Viewing;
}

/** The place in the URL, once the policy lets this person take `action` there. */
export async function placeFor(kith: Kith, request: FastifyRequest, action = 'assetMap.view'): Promise<PlaceContext> {
  const ctx = await placeContext(kith, request, { section: 'assets', action });
  return { ...ctx, viewing: viewingFor(request.actor, ctx.place.id) };
}

export const me = (request: FastifyRequest) => request.actor.personId!;

export function viewWith(
  reply: FastifyReply,
  ctx: PlaceContext,
  template: string,
  data: Record<string, unknown>,
  status = 200,
) {
  return reply.view(
    template,
    { headerPlace: ctx.name, place: { ...ctx.place, name: ctx.name }, base: ctx.base, ...data },
    status,
  );
}

/** Dates in rule errors, written as people write them. */
export function readableErrors(request: FastifyRequest, errors: FieldErrors | undefined): FieldErrors | undefined {
  if (!errors) return errors;
  return Object.fromEntries(
    Object.entries(errors).map(([field, e]) => [field, { key: e.key, params: humaniseParams(e.params, request.lang) }]),
  );
}
