/**
 * Whether someone may be confirmed for a role: plain rules over the role's
 * requirements, the checks its organisation has recorded for them, their age and any
 * parent's or guardian's consent. Seed 003: "you can't safeguard everyone", so a role
 * asks only for what it names, and a check counts only for as long as it is valid.
 */
import type { CheckKind } from './schema.js';
import { CHECK_KINDS } from './inputs.js';
import { ageOn } from '../../platform/dates.js';

export interface RecordedCheck {
  kind: CheckKind;
  checkedOn: string;
  expiresOn: string | null;
}

export type HoldReason = { kind: CheckKind | 'consent'; state: 'missing' | 'expired' };

export const ADULT_AGE = 18;

export function parseRequirements(text: string): CheckKind[] {
  return text
    .split(',')
    .map((k) => k.trim())
    .filter((k): k is CheckKind => (CHECK_KINDS as readonly string[]).includes(k));
}

/** An enhanced DBS check covers what a basic one would. */
export function satisfies(have: CheckKind, need: CheckKind): boolean {
  return have === need || (need === 'dbs_basic' && have === 'dbs_enhanced');
}

/**
 * What stands between a person and being confirmed on `on` (the shift's date, or today
 * for a flexible role): each requirement with no valid check (missing, or only checks
 * that have expired by then), and a parent's or guardian's consent for an under-18.
 */
export function unmetRequirements(input: {
  requirements: readonly CheckKind[];
  checks: readonly RecordedCheck[];
  birthDate: string | null;
  hasConsent: boolean;
  on: string;
}): HoldReason[] {
  const reasons: HoldReason[] = [];
  for (const need of input.requirements) {
    const relevant = input.checks.filter((c) => satisfies(c.kind, need) && c.checkedOn <= input.on);
    if (relevant.some((c) => c.expiresOn === null || c.expiresOn >= input.on)) continue;
    reasons.push({ kind: need, state: relevant.length ? 'expired' : 'missing' });
  }
  if (input.birthDate && ageOn(input.birthDate, input.on) < ADULT_AGE && !input.hasConsent)
    reasons.push({ kind: 'consent', state: 'missing' });
  return reasons;
}

/** Whether the person is old enough for the role on the day; null when the role sets no age. */
export function tooYoung(minimumAge: number | null, birthDate: string, on: string): boolean {
  return minimumAge !== null && ageOn(birthDate, on) < minimumAge;
}

/** Checks whose expiry falls within `days` of today and have not been warned about. */
export function expiringSoon(checks: ReadonlyArray<RecordedCheck & { warned: boolean }>, today: string, until: string) {
  return checks.filter((c) => !c.warned && c.expiresOn !== null && c.expiresOn >= today && c.expiresOn <= until);
}
