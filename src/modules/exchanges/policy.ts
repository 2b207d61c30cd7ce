import { hasRole, isMember, type PolicyRules } from '../../policy/index.js';

export const exchangesPolicy: PolicyRules = {
  /** See offers and requests, post them, talk, propose and take part in exchanges. */
  'offersRequests.use': (actor, place: { id: string }) => actor.personId !== null && isMember(actor, place.id),
  /** Confirm what has waited 14 days, confirm small acts, see who is waiting. */
  'offersRequests.coordinate': (actor, place: { id: string }) => hasRole(actor, place.id, 'coordinator', 'admin'),
  /** Set the place's safeguarding guidance. */
  'offersRequests.settings': (actor, place: { id: string }) => hasRole(actor, place.id, 'admin'),
  /** Change, pause or close a post, and see and act on its matches: the person who posted it. */
  'offersRequests.ownPost': (actor, post: { personId: string }) =>
    actor.personId !== null && actor.personId === post.personId,
  /** A small act is described by the person who did it. */
  'offersRequests.ownSmallAct': (actor, act: { personId: string }) =>
    actor.personId !== null && actor.personId === act.personId,
  /** A conversation is for the two people in it, and nobody else. */
  'offersRequests.conversation': (actor, c: { startedBy: string; otherPerson: string }) =>
    actor.personId !== null && (actor.personId === c.startedBy || actor.personId === c.otherPerson),
  /** An exchange is seen by its two sides, and by the place's coordinators and admins (who may confirm it). */
  'offersRequests.exchange': (actor, e: { placeId: string; giverId: string; receiverId: string }) =>
    actor.personId !== null &&
    (actor.personId === e.giverId ||
      actor.personId === e.receiverId ||
      hasRole(actor, e.placeId, 'coordinator', 'admin')),
};
