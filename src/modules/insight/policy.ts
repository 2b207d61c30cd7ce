import { hasRole, type PolicyRules } from '../../policy/index.js';

export const insightPolicy: PolicyRules = {
  /**
   * The place in figures: officers and admins, who answer for the place. Every count of
   * people is suppressed below the threshold all the same, since figures travel.
   */
  'insight.view': (actor, place: { id: string }) => hasRole(actor, place.id, 'officer', 'admin'),
};
