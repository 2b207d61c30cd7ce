import { hasRole, type PolicyRules } from '../../policy/index.js';

export const libraryPolicy: PolicyRules = {
  /** The library, the glossary and the guides are public: anyone may read them. */
  'library.read': () => true,
  /** Submit a case study or say "we tried this too": the place's organisers, officers and admins. */
  'library.submit': (actor, place: { id: string }) => hasRole(actor, place.id, 'organiser', 'officer', 'admin'),
  /** Publish or reject cases (with reasons), hide a follow-up, edit and add glossary terms. */
  'library.moderate': (actor, place: { id: string }) => hasRole(actor, place.id, 'admin'),
  /** A case not yet published is seen and changed by the person who wrote it, and by admins. */
  'library.ownCase': (actor, c: { placeId: string; submittedBy: string | null }) =>
    actor.personId !== null && (c.submittedBy === actor.personId || hasRole(actor, c.placeId, 'admin')),
};
