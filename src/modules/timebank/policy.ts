import { hasRole, isMember, type Actor, type PolicyRules } from '../../policy/index.js';
import type { AccountKind } from './schema.js';

/** An account, with the people who hold it besides coordinators and admins. */
export interface AccountSubject {
  placeId: string;
  kind: AccountKind;
  ownerId: string;
  /** A group's organisers, or a partner's counter staff. */
  holders: readonly string[];
}

const staff = (actor: Actor, placeId: string) => hasRole(actor, placeId, 'coordinator', 'admin');

export const timebankPolicy: PolicyRules = {
  /** Use time credits in a place: see your own, join, leave, pay, see the rewards. */
  'timeCredits.use': (actor, place: { id: string }) => actor.personId !== null && isMember(actor, place.id),
  /**
   * See an account's balance and statement: its holder (the person; a group's
   * organisers; a partner's staff), and the place's coordinators and admins. Nobody
   * else: not officers (they see totals), not other residents.
   */
  'timeCredits.viewAccount': (actor, account: AccountSubject) => {
    if (!actor.personId || !isMember(actor, account.placeId)) return false;
    if (staff(actor, account.placeId)) return true;
    if (account.kind === 'person') return account.ownerId === actor.personId;
    if (account.kind === 'group' || account.kind === 'partner') return account.holders.includes(actor.personId);
    return false;
  },
  /** Set up groups and partners, fund groups, look up accounts. */
  'timeCredits.manage': (actor, place: { id: string }) => staff(actor, place.id),
  /** Turn credits on or off for the place and set its overdraft. */
  'timeCredits.settings': (actor, place: { id: string }) => hasRole(actor, place.id, 'admin'),
  /** Put a mistaken transfer right with a reversal and a reason. */
  'timeCredits.reverse': (actor, place: { id: string }) => staff(actor, place.id),
  /** The place's totals: hours given, credits held, redemptions. */
  'timeCredits.totals': (actor, place: { id: string }) => hasRole(actor, place.id, 'officer', 'coordinator', 'admin'),
  /** Issue a group's credits to its volunteers. */
  'timeCredits.issue': (actor, group: { placeId: string; organisers: readonly string[] }) =>
    !!actor.personId &&
    isMember(actor, group.placeId) &&
    (group.organisers.includes(actor.personId) || staff(actor, group.placeId)),
  /** Redeem rewards at a partner's counter, and keep its list of rewards. */
  'timeCredits.partnerCounter': (actor, partner: { placeId: string; staff: readonly string[] }) =>
    !!actor.personId &&
    isMember(actor, partner.placeId) &&
    (partner.staff.includes(actor.personId) || staff(actor, partner.placeId)),
};
