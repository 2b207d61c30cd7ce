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
  /** The "quarterly returns due" page: organisers (for their organisations) and the place's admins. */
  'impact.returnsDue': (actor, place: { id: string }) => hasRole(actor, place.id, 'organiser', 'admin'),
  /** Any return's page at all: organisers, officers and admins (finer checks follow). */
  'impact.returnsAny': (actor, place: { id: string }) => hasRole(actor, place.id, 'organiser', 'officer', 'admin'),
  /** Fill in and submit an organisation's return: whoever may manage its activities (its organisers, the place's admins). */
  'impact.fileReturn': (actor, s: { placeId: string; isMember: boolean }) =>
    hasRole(actor, s.placeId, 'admin') || (s.isMember && hasRole(actor, s.placeId, 'organiser')),
  /** Read an organisation's return: those who file it, and the officers who commission the programme. */
  'impact.readReturn': (actor, s: { placeId: string; isMember: boolean }) =>
    hasRole(actor, s.placeId, 'officer', 'admin') || (s.isMember && hasRole(actor, s.placeId, 'organiser')),
  /** Reports for commissioners: aggregates only. */
  'impact.report': (actor, place: { id: string }) => hasRole(actor, place.id, 'officer', 'admin'),
};
