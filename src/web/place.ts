/**
 * The place a page belongs to: every route under /places/:place/... starts here. It
 * finds the place in the address (404 when there is none), checks the policy action
 * against it, and gives the page what its layout needs (the place's name in the
 * reader's language for the header, and the section's base address).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError } from '../errors.js';
import type { Kith } from '../kith.js';
import { findPlaceBySlug, placeName, type Place } from '../modules/places/index.js';

export interface PlaceContext {
  place: Place;
  /** The place's name in the reader's language. */
  name: string;
  /** The section's address in this place, e.g. /places/calderbrook/volunteering. */
  base: string;
}

/**
 * The place in the address, for someone allowed `action` there. Without an action the
 * caller checks something finer itself (an organisation's membership, a record's owner).
 */
export async function placeContext(
  kith: Kith,
  request: FastifyRequest,
  options: { section: string; action?: string },
): Promise<PlaceContext> {
  const slug = (request.params as { place?: unknown }).place;
  const place = typeof slug === 'string' ? await findPlaceBySlug(kith.db.kysely, slug) : undefined;
  if (!place) throw new NotFoundError();
  if (options.action) kith.policy.authorize(request.actor, options.action, place);
  const base = options.section ? `/places/${place.slug}/${options.section}` : `/places/${place.slug}`;
  return { place, name: placeName(place, request.lang), base };
}

/** Renders a page in a place: the header names the place, templates get `place` and `base`. */
export function viewInPlace(
  reply: FastifyReply,
  ctx: PlaceContext,
  template: string,
  data: Record<string, unknown>,
  status = 200,
): FastifyReply {
  return reply.view(template, { headerPlace: ctx.name, place: ctx.place, base: ctx.base, ...data }, status);
}

/** The signed-in person's id, on a route whose policy check has already required one. */
export function actorId(request: FastifyRequest): string {
  const id = request.actor.personId;
  if (!id) throw new Error('actorId() on a route that lets nobody in: check the policy action');
  return id;
}
