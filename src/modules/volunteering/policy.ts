import { hasRole, isMember, type PolicyRules } from '../../policy/index.js';

/** An organisation in the directory, and whether the person asking is one of its listed members. */
export interface OrganisationSubject {
  placeId: string;
  isMember: boolean;
}

export const volunteeringPolicy: PolicyRules = {
  /** Find roles and read about them: everyone, as the directory is. */
  'volunteers.browse': () => true,
  /** Sign up, cancel, log hours, see your own record: anyone who belongs to the place. */
  'volunteers.takePart': (actor, place: { id: string }) => actor.personId !== null && isMember(actor, place.id),
  /** The list of organisations a person coordinates volunteering for. */
  'volunteers.coordinateAny': (actor, place: { id: string }) =>
    hasRole(actor, place.id, 'coordinator', 'organiser', 'admin'),
  /**
   * Run an organisation's volunteering (roles, rosters, sign-ups, check records, hours,
   * thanks): its own coordinators and organisers (members of the organisation in the
   * directory holding one of those roles), and the place's admins. Check records are
   * seen here and by the volunteer themselves, by nobody else.
   */
  'volunteers.coordinate': (actor, s: OrganisationSubject) =>
    hasRole(actor, s.placeId, 'admin') || (s.isMember && hasRole(actor, s.placeId, 'coordinator', 'organiser')),
  /** The place's volunteering report (numbers only): officers and admins. */
  'volunteers.report': (actor, place: { id: string }) => hasRole(actor, place.id, 'officer', 'admin'),
  /** A sign-up is cancelled by the person who made it. */
  'volunteers.ownSignup': (actor, s: { personId: string }) => actor.personId !== null && actor.personId === s.personId,
};
