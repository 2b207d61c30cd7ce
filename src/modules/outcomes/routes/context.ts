import type { FastifyRequest } from 'fastify';
import type { Kith } from '../../../kith.js';
import { findActivities, parseSearchQuery, resultCard } from '../../directory/index.js';
import { placeContext, viewInPlace, type PlaceContext } from '../../../web/place.js';

export type { PlaceContext };

export function placeFor(kith: Kith, request: FastifyRequest, action?: string): Promise<PlaceContext> {
  return placeContext(kith, request, { section: 'outcomes', action });
}

export const me = (request: FastifyRequest) => request.actor.personId!;

export const viewWith = viewInPlace;

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
