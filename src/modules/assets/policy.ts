import { hasRole, isMember, type PolicyRules } from '../../policy/index.js';

/** The person who added an asset, and its place. */
export interface AssetSubject {
  placeId: string;
  addedBy: string | null;
}

/** A nominating group, and whether the person asking is one of its organisers. */
export interface NominatorSubject {
  placeId: string;
  organisesIt: boolean;
}

export const assetsPolicy: PolicyRules = {
  /** The asset map and the register: everyone, each seeing what their role lets them (visibleLevels in visibility.ts). */
  'assetMap.view': () => true,
  /** Share your own skills and passions, and add assets to the map: members of the place. */
  'assetMap.contribute': (actor, place: { id: string }) => actor.personId !== null && isMember(actor, place.id),
  /** Change or remove an asset: whoever added it, and the place's coordinators and admins. */
  'assetMap.change': (actor, a: AssetSubject) =>
    actor.personId !== null &&
    ((a.addedBy === actor.personId && isMember(actor, a.placeId)) || hasRole(actor, a.placeId, 'coordinator', 'admin')),
  /** A skill is changed by the person it belongs to, and nobody else. */
  'assetMap.ownSkill': (actor, skill: { personId: string }) =>
    actor.personId !== null && actor.personId === skill.personId,
  /** The nomination form: organisers and coordinators (for a group they organise), and admins on a group's behalf. */
  'assetMap.nominate': (actor, place: { id: string }) => hasRole(actor, place.id, 'organiser', 'coordinator', 'admin'),
  /** Nominate for this group: one of its organisers, or an admin. */
  'assetMap.nominateFor': (actor, s: NominatorSubject) =>
    hasRole(actor, s.placeId, 'admin') || (s.organisesIt && hasRole(actor, s.placeId, 'organiser', 'coordinator')),
  /** Express interest in a community asset transfer, and send a business case: organisers and coordinators for their groups, admins for any. */
  'assetMap.expressInterest': (actor, place: { id: string }) =>
    hasRole(actor, place.id, 'organiser', 'coordinator', 'admin'),
  /** Speak for this group in a transfer: one of its organisers, or an admin. */
  'assetMap.interestFor': (actor, s: NominatorSubject) =>
    hasRole(actor, s.placeId, 'admin') || (s.organisesIt && hasRole(actor, s.placeId, 'organiser', 'coordinator')),
  /** The council's part (also opening and moving community asset transfers): decide nominations, record notices of sale and bidder requests, remove listings. */
  'assetMap.decide': (actor, place: { id: string }) => hasRole(actor, place.id, 'admin', 'officer'),
};
