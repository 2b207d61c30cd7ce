import type { FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError } from '../../../errors.js';
import type { Kith } from '../../../kith.js';
import { findActivities, parseSearchQuery, resultCard } from '../../directory/index.js';
import { findPlaceBySlug, placeName, type Place } from '../../places/index.js';

export interface PlaceContext {
  place: Place;
  name: string;
  /** /places/<slug>/outcomes */
  base: string;
}

export async function placeFor(kith: Kith, request: FastifyRequest, action?: string): Promise<PlaceContext> {
  const place = await findPlaceBySlug(kith.db.kysely, (request.params as { place: string }).place);
  if (!place) throw new NotFoundError();
  if (action) kith.policy.authorize(request.actor, action, place);
  return { place, name: placeName(place, request.lang), base: `/places/${place.slug}/outcomes` };
}

export const me = (request: FastifyRequest) => request.actor.personId!;

export function viewWith(
  reply: FastifyReply,
  ctx: PlaceContext,
  template: string,
  data: Record<string, unknown>,
  status = 200,
) {
  return reply.view(template, { headerPlace: ctx.name, place: ctx.place, base: ctx.base, ...data }, status);
}

/** Activities matching the words typed, as checkbox items, for linking or adding to a programme. */
export async function activityChoices(
  kith: Kith,
  request: FastifyRequest,
  ctx: PlaceContext,
  q: string,
  chosen: readonly string[],
) {
  if (!q) return [];
  const found = await findActivities(kith.db, ctx.place.id, parseSearchQuery({ q }).value, undefined, 20);
  return found.results.map((r) => {
    const card = resultCard(request.t, request.lang, r.listing);
    return {
      value: card.id,
      text: card.name,
      hint: { text: [card.organisation, card.where].filter(Boolean).join(' · ') },
      checked: chosen.includes(card.id),
    };
  });
}
