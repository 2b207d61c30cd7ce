import { hasRole, isMember, type PolicyRules } from '../../policy/index.js';

export const grantsPolicy: PolicyRules = {
  /** Create funds and rounds, build panels, decide, publish: the place's officers and admins. */
  'smallGrants.manage': (actor, place: { id: string }) => hasRole(actor, place.id, 'officer', 'admin'),
  /** Apply for a grant, and vote where a round is put to residents: any member of the place. */
  'smallGrants.apply': (actor, place: { id: string }) => actor.personId !== null && isMember(actor, place.id),
  /** An application is its applicant's own: nobody else sees it through the applicant's pages. */
  'smallGrants.ownApplication': (actor, application: { applicantId: string }) =>
    actor.personId !== null && actor.personId === application.applicantId,
  /** A round's panel pages are for the members of that panel only. */
  'smallGrants.panel': (actor, panel: { members: readonly string[] }) =>
    actor.personId !== null && panel.members.includes(actor.personId),
  /**
   * An application's supporting files: its applicant's, and, once it is submitted (and
   * not withdrawn), the round's panel's and the place's officers' who run the round. A
   * panel member who declared a conflict still sees the application, so its files too.
   */
  'smallGrants.supportingFiles': (
    actor,
    application: { placeId: string; applicantId: string; status: string; panel: readonly string[] },
  ) =>
    actor.personId !== null &&
    (actor.personId === application.applicantId ||
      (application.status !== 'draft' &&
        application.status !== 'withdrawn' &&
        (hasRole(actor, application.placeId, 'officer', 'admin') || application.panel.includes(actor.personId)))),
};
