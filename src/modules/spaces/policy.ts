import { hasRole, isMember, type PolicyRules } from '../../policy/index.js';

/** A space as the policy sees it: whether this person runs it has been worked out (organisation membership). */
export interface SpaceSubject {
  placeId: string;
  listedBy: string | null;
  /** The person belongs to the organisation that runs the space. */
  inOrganisation: boolean;
}

const runs = (actor: { personId: string | null }, space: SpaceSubject) =>
  actor.personId !== null && (space.listedBy === actor.personId || space.inOrganisation);

export const spacesPolicy: PolicyRules = {
  /** Find spaces, see their rates and a week's busy times: anyone, signed in or not. */
  'spaces.find': () => true,
  /** List a space: organisers of a group, partners and council officers (and admins). */
  'spaces.list': (actor, place: { id: string }) => hasRole(actor, place.id, 'organiser', 'partner', 'officer', 'admin'),
  /** Change a space and decide on its bookings: whoever listed it, its organisation's organisers, the place's admins. */
  'spaces.manage': (actor, space: SpaceSubject) => runs(actor, space) || hasRole(actor, space.placeId, 'admin'),
  /** Ask to book a space: anyone who belongs to the place. */
  'spaces.book': (actor, place: { id: string }) => actor.personId !== null && isMember(actor, place.id),
  /** See and cancel a booking: the person who made it, and those who run the space. */
  'spaces.booking': (actor, b: { bookerId: string | null; space: SpaceSubject }) =>
    actor.personId !== null &&
    (b.bookerId === actor.personId || runs(actor, b.space) || hasRole(actor, b.space.placeId, 'admin')),
};
