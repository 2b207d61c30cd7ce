/**
 * A referral's life, as plain functions: sent → accepted → first contact → attended →
 * still going at 3 months, or declined / did not attend, each with a reason. No SQL,
 * no HTTP: the commands ask these rules and the tests try every path.
 */

export const REFERRAL_STATUSES = [
  'sent',
  'accepted',
  'first_contact',
  'attended',
  'still_going',
  'declined',
  'did_not_attend',
] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

/** Where a referral can go from each status. The last three are ends. */
export const TRANSITIONS: Readonly<Record<ReferralStatus, readonly ReferralStatus[]>> = {
  sent: ['accepted', 'declined'],
  accepted: ['first_contact', 'declined', 'did_not_attend'],
  first_contact: ['attended', 'did_not_attend'],
  attended: ['still_going'],
  still_going: [],
  declined: [],
  did_not_attend: [],
};

/** Why a referral was declined, or why the person did not attend. */
export const DECLINE_REASONS = ['full', 'not_suitable', 'person_declined', 'other'] as const;
export const NOT_ATTENDED_REASONS = ['could_not_contact', 'changed_mind', 'health', 'transport', 'other'] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number];
export type NotAttendedReason = (typeof NOT_ATTENDED_REASONS)[number];

/** Still going means three months after the person first attended. */
export const STILL_GOING_DAYS = 84;
/** A referral with no change for this long is stalled: the link worker is reminded. */
export const STALL_DAYS = 14;

/** SNOMED CT codes Kith records (STANDARDS.md). */
export const SNOMED = {
  referred: { code: '871731000000106', display: 'Referral to social prescribing service' },
  declined: { code: '871711000000103', display: 'Social prescribing declined' },
} as const;

export function isReferralStatus(value: unknown): value is ReferralStatus {
  return typeof value === 'string' && (REFERRAL_STATUSES as readonly string[]).includes(value);
}

export function isFinal(status: ReferralStatus): boolean {
  return TRANSITIONS[status].length === 0;
}

/** The statuses a referral waits in for someone to act: the ones that can stall. */
export function canStall(status: ReferralStatus): boolean {
  return status === 'sent' || status === 'accepted' || status === 'first_contact';
}

export interface StatusChange {
  to: ReferralStatus;
  reason?: string | null;
  at: string;
}

export type TransitionRefusal =
  | 'prescribing.status.notAllowed'
  | 'prescribing.status.reasonRequired'
  | 'prescribing.status.reasonUnknown'
  | 'prescribing.status.tooSoon';

/**
 * Whether a referral may move from one status to another, and why not. A decline or a
 * "did not attend" needs one of its reasons; "still going" needs three months since
 * the person first attended.
 */
export function checkTransition(
  current: { status: ReferralStatus; attendedAt: string | null },
  change: StatusChange,
): { ok: true } | { ok: false; refusal: TransitionRefusal } {
  if (!TRANSITIONS[current.status].includes(change.to)) return { ok: false, refusal: 'prescribing.status.notAllowed' };
  if (change.to === 'declined' || change.to === 'did_not_attend') {
    if (!change.reason) return { ok: false, refusal: 'prescribing.status.reasonRequired' };
    const allowed: readonly string[] = change.to === 'declined' ? DECLINE_REASONS : NOT_ATTENDED_REASONS;
    if (!allowed.includes(change.reason)) return { ok: false, refusal: 'prescribing.status.reasonUnknown' };
  }
  if (change.to === 'still_going') {
    const since = current.attendedAt ? Date.parse(change.at) - Date.parse(current.attendedAt) : -1;
    if (since < STILL_GOING_DAYS * 86_400_000) return { ok: false, refusal: 'prescribing.status.tooSoon' };
  }
  return { ok: true };
}

/**
 * The SNOMED CT code a change records, if any: the referral code at the person's first
 * contact (they have taken it up), the declined code when the person declined.
 */
export function snomedFor(change: { to: ReferralStatus; reason?: string | null }): string | null {
  if (change.to === 'first_contact') return SNOMED.referred.code;
  if (change.to === 'declined' && change.reason === 'person_declined') return SNOMED.declined.code;
  return null;
}

/** Which timestamp column a status sets. */
export function timestampFor(
  status: ReferralStatus,
): 'accepted_at' | 'first_contact_at' | 'attended_at' | 'still_going_at' | 'ended_at' | null {
  switch (status) {
    case 'accepted':
      return 'accepted_at';
    case 'first_contact':
      return 'first_contact_at';
    case 'attended':
      return 'attended_at';
    case 'still_going':
      return 'still_going_at';
    case 'declined':
    case 'did_not_attend':
      return 'ended_at';
    default:
      return null;
  }
}

/** Whether a referral has waited too long for its next step. */
export function isStalled(referral: { status: ReferralStatus; lastChangeAt: string }, now: Date): boolean {
  return canStall(referral.status) && now.getTime() - Date.parse(referral.lastChangeAt) >= STALL_DAYS * 86_400_000;
}

/** The next steps offered on a referral's page, in order. */
export function nextSteps(status: ReferralStatus): readonly ReferralStatus[] {
  return TRANSITIONS[status];
}
