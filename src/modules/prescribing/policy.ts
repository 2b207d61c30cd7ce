import { hasRole, isMember, type Actor, type PolicyRules, type Role } from '../../policy/index.js';

/** A place and the roles it lets refer people (a place setting; link workers by default). */
export interface ReferrerSubject {
  id: string;
  referrerRoles: readonly Role[];
}

/** A support record: who holds it, who shares it, whose it is. */
export interface RecordSubject {
  placeId: string;
  holderId: string;
  careTeam: readonly string[];
  personId: string | null;
  referrerRoles: readonly Role[];
}

/** The care team: the link worker holding the record and named colleagues, while they may still refer here. */
export function inCareTeam(actor: Actor, r: RecordSubject): boolean {
  if (!actor.personId || !hasRole(actor, r.placeId, ...r.referrerRoles)) return false;
  return r.holderId === actor.personId || r.careTeam.includes(actor.personId);
}

export const prescribingPolicy: PolicyRules = {
  /** Support people, hold their records and refer them: the roles the place allows. */
  'socialPrescribing.refer': (actor, s: ReferrerSubject) => hasRole(actor, s.id, ...s.referrerRoles),
  /** A person's record, conversations, consent, referrals and wellbeing: their care team. */
  'socialPrescribing.careTeam': (actor, r: RecordSubject) => inCareTeam(actor, r),
  /** Health notes, special-category data: the care team and the person themselves. */
  'socialPrescribing.healthNotes': (actor, r: RecordSubject) =>
    inCareTeam(actor, r) || (r.personId !== null && actor.personId === r.personId),
  /** "My support": a member's own records, referrals and wellbeing. */
  'socialPrescribing.ownSupport': (actor, place: { id: string }) =>
    actor.personId !== null && isMember(actor, place.id),
  /** Send someone for support from another service, and follow only what you sent. */
  'socialPrescribing.referIn': (actor, place: { id: string }) => hasRole(actor, place.id, 'referrer'),
  /** Take over a record you were invited to. */
  'socialPrescribing.claim': (actor) => actor.personId !== null,
  /** The referrals-in page: organisers and coordinators (each sees their own organisations' referrals). */
  'socialPrescribing.inbox': (actor, place: { id: string }) => hasRole(actor, place.id, 'organiser', 'coordinator'),
  /** One referral to a group: its organisers and coordinators, and only what consent allows. */
  'socialPrescribing.receive': (actor, s: { placeId: string; isMember: boolean }) =>
    s.isMember && hasRole(actor, s.placeId, 'organiser', 'coordinator'),
  /** Who may refer, and the place's own wellbeing instruments. */
  'socialPrescribing.settings': (actor, place: { id: string }) => hasRole(actor, place.id, 'admin'),
};
