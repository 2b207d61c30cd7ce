import { hasRole, isMember, type PolicyRules } from '../../policy/index.js';

/** A group as the policy sees it: how it is joined, and where this person stands in it. */
export interface GroupSubject {
  placeId: string;
  joining: 'open' | 'approval';
  hidden: boolean;
  /** A member (approved) of the group. */
  isMember: boolean;
  /** One of its organisers. */
  isOrganiser: boolean;
}

const admin = (actor: Parameters<PolicyRules[string]>[0], placeId: string) => hasRole(actor, placeId, 'admin');
const inPlace = (actor: Parameters<PolicyRules[string]>[0], placeId: string) =>
  actor.personId !== null && isMember(actor, placeId);

export const groupsPolicy: PolicyRules = {
  /** See a place's groups: anyone, signed in or not. */
  'groups.find': () => true,
  /** Start a group: anyone who belongs to the place, at once (moderation comes after, through reports). */
  'groups.start': (actor, place: { id: string }) => inPlace(actor, place.id),
  /** See a group's page: anyone, unless an admin has hidden it. */
  'groups.view': (actor, g: GroupSubject) => !g.hidden || admin(actor, g.placeId),
  /** Join, ask to join, or report: anyone who belongs to the place. */
  'groups.join': (actor, g: GroupSubject) => inPlace(actor, g.placeId),
  /** See who belongs, and the events' details: anyone for an open group; members only for an approval group. */
  'groups.inside': (actor, g: GroupSubject) =>
    g.joining === 'open' || g.isMember || g.isOrganiser || admin(actor, g.placeId),
  /** Run the group: its organisers (and the place's admins). */
  'groups.organise': (actor, g: GroupSubject) => actor.personId !== null && (g.isOrganiser || admin(actor, g.placeId)),
  /** Answer an event: belongs to the place, and may see inside the group. */
  'groups.rsvp': (actor, g: GroupSubject) =>
    inPlace(actor, g.placeId) && (g.joining === 'open' || g.isMember || g.isOrganiser),
  /** Hide a group or event after a report, and see the reports: the place's admins. */
  'groups.moderate': (actor, place: { id: string }) => admin(actor, place.id),
};
