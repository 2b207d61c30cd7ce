import { hasRole, isMember, type PolicyRules } from '../../policy/index.js';

export const participationPolicy: PolicyRules = {
  /** See processes, their phases, proposals, debates and results: anyone, signed in or not. */
  'participation.view': () => true,
  /**
   * Open and run a process (phases, decisions, publishing results, "you said, we did",
   * hiding what breaks the rules): the place's officers, coordinators and admins.
   */
  'participation.manage': (actor, place: { id: string }) => hasRole(actor, place.id, 'officer', 'coordinator', 'admin'),
  /** Propose, comment, suggest amendments, support and vote: any member of the place. */
  'participation.takePart': (actor, place: { id: string }) => actor.personId !== null && isMember(actor, place.id),
  /** Accept or decline amendments to a proposal: its author only. */
  'participation.ownProposal': (actor, proposal: { authorId: string }) =>
    actor.personId !== null && actor.personId === proposal.authorId,
  /** Withdraw one's own objection to a consent decision, or agree it was addressed: the objector only. */
  'participation.ownObjection': (actor, objection: { personId: string }) =>
    actor.personId !== null && actor.personId === objection.personId,
  /**
   * Answer the ladder self-assessment for a service or team: those who run services and
   * groups (organisers, coordinators, link workers, partners, officers, admins).
   */
  'participation.assess': (actor, place: { id: string }) =>
    hasRole(actor, place.id, 'organiser', 'coordinator', 'link_worker', 'partner', 'officer', 'admin'),
  /** See every service's rung over time: the place's admins and officers. */
  'participation.assessments': (actor, place: { id: string }) => hasRole(actor, place.id, 'officer', 'admin'),
};
