import type { FastifyRequest } from 'fastify';
import { NotFoundError } from '../../../errors.js';
import type { Kith } from '../../../kith.js';
import { placeContext } from '../../../web/place.js';
import { placeName, type Place } from '../../places/index.js';
import { isModerator } from '../policy.js';
import { findActivity, type Activity } from '../listings-store.js';
import { isOrganisationMember } from '../organisations-store.js';

/**
 * The place in the address (404 when there is none), for someone allowed `action` there;
 * without one, the route checks something finer itself (an organisation's membership).
 */
export async function directoryPlace(kith: Kith, request: FastifyRequest, action?: string): Promise<Place> {
  return (await placeContext(kith, request, { section: 'directory', action })).place;
}

export function pageBasics(request: FastifyRequest, place: Place) {
  const name = placeName(place, request.lang);
  return { headerPlace: name, placeName: name, place: { ...place, name } };
}

/** Whether this person may change an organisation's listings (its organiser, or an admin). */
export async function canManage(
  kith: Kith,
  request: FastifyRequest,
  placeId: string,
  organisationId: string,
): Promise<boolean> {
  const isMember = await isOrganisationMember(kith.db.kysely, placeId, organisationId, request.actor.personId);
  return kith.policy.can(request.actor, 'directoryListings.manage', { placeId, isMember });
}

/** A listing this person may change, or the reason they may not (sign in first, forbidden, not found). */
export async function manageableListing(
  kith: Kith,
  request: FastifyRequest,
  place: Place,
  id: string,
): Promise<Activity> {
  const activity = await findActivity(kith.db.kysely, place.id, id);
  if (!activity) {
    // Nobody learns whether a listing exists before signing in.
    kith.policy.authorize(request.actor, 'directoryListings.own', place);
    throw new NotFoundError();
  }
  const isMember = await isOrganisationMember(
    kith.db.kysely,
    place.id,
    activity.organisationId,
    request.actor.personId,
  );
  kith.policy.authorize(request.actor, 'directoryListings.manage', { placeId: place.id, isMember });
  return activity;
}

export function moderator(request: FastifyRequest, placeId: string): boolean {
  return isModerator(request.actor, placeId);
}
