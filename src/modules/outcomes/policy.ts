import { hasRole, isMember, type PolicyRules } from '../../policy/index.js';

export const outcomesPolicy: PolicyRules = {
  /** Comment on and endorse draft outcomes, check in at an activity, share a story: anyone who belongs to the place. */
  'impact.takePart': (actor, place: { id: string }) => actor.personId !== null && isMember(actor, place.id),
  /** Build frameworks and programmes, link activities to outcomes, publish: officers (and the place's admins). */
  'impact.manage': (actor, place: { id: string }) => hasRole(actor, place.id, 'officer', 'admin'),
  /** Enter check-ins from paper for an activity: its organisation's organisers and coordinators. */
  'impact.checkInForGroup': (actor, s: { placeId: string; isMember: boolean }) =>
    s.isMember && hasRole(actor, s.placeId, 'organiser', 'coordinator'),
  /** Publish or turn down stories of change. */
  'impact.moderate': (actor, place: { id: string }) => hasRole(actor, place.id, 'officer', 'admin'),
  /** Reports for commissioners: aggregates only. */
  'impact.report': (actor, place: { id: string }) => hasRole(actor, place.id, 'officer', 'admin'),
};
