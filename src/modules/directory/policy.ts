import { hasRole, type Actor, type PolicyRules } from '../../policy/index.js';

/** A listing's organisation, and whether the person asking is one of its organisers. */
export interface OrganisationSubject {
  placeId: string;
  isMember: boolean;
}

export const isModerator = (actor: Actor, placeId: string) => hasRole(actor, placeId, 'admin');

export const directoryPolicy: PolicyRules = {
  /** Write and change an organisation's listings: its own organisers, and the place's admins. */
  'directoryListings.manage': (actor, s: OrganisationSubject) =>
    isModerator(actor, s.placeId) || (s.isMember && hasRole(actor, s.placeId, 'organiser')),
  /** The "your listings" page: organisers and admins of the place. */
  'directoryListings.own': (actor, place: { id: string }) => hasRole(actor, place.id, 'organiser', 'admin'),
  /** Publish listings or ask for changes. */
  'directoryListings.moderate': (actor, place: { id: string }) => isModerator(actor, place.id),
  /** Add organisations and say which organisers may edit them. */
  'directoryOrganisations.manage': (actor, place: { id: string }) => isModerator(actor, place.id),
  /** Add, rename and remove taxonomy terms. */
  'directoryTaxonomy.manage': (actor, place: { id: string }) => isModerator(actor, place.id),
};
