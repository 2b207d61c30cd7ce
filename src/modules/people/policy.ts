import { hasRole, type PolicyRules } from '../../policy/index.js';

export const peoplePolicy: PolicyRules = {
  /** Your own account: see it, change it, download it, delete it. */
  'account.view': (actor) => actor.personId !== null,
  'place.join': (actor) => actor.personId !== null,
  /** Add people to a place and give or take away their roles. */
  'place.manageMembers': (actor, place: { id: string }) => hasRole(actor, place.id, 'admin'),
  'place.viewAudit': (actor, place: { id: string }) => hasRole(actor, place.id, 'admin'),
};
