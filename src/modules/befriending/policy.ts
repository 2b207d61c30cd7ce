import { hasRole, isMember, type PolicyRules } from '../../policy/index.js';

/**
 * Befriending follows volunteering's lines: an organisation's own coordinators and
 * organisers (its members in the directory holding one of those roles) and the place's
 * admins run its schemes and alone see its profiles, notes and check-ins. A person sees
 * their own profile and match, never anyone's notes.
 */
export const befriendingPolicy: PolicyRules = {
  /** Read about a place's schemes: everyone. */
  'matching.browse': () => true,
  /** Ask for a match or offer to be one, and see your own: anyone who belongs to the place. */
  'matching.takePart': (actor, place: { id: string }) => actor.personId !== null && isMember(actor, place.id),
  /** The list of schemes a person runs. */
  'matching.coordinateAny': (actor, place: { id: string }) =>
    hasRole(actor, place.id, 'coordinator', 'organiser', 'admin'),
  'matching.coordinate': (actor, s: { placeId: string; isMember: boolean }) =>
    hasRole(actor, s.placeId, 'admin') || (s.isMember && hasRole(actor, s.placeId, 'coordinator', 'organiser')),
  /** A profile is changed or withdrawn by the person it belongs to. */
  'matching.ownProfile': (actor, p: { personId: string | null }) =>
    actor.personId !== null && actor.personId === p.personId,
};
