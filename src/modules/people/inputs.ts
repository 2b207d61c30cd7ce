import { z } from 'zod';
import { isRole, ROLES, type Role } from '../../policy/index.js';
import type { RoleGrant } from './store.js';

/** How long an emailed "confirm your address" link works. */
export const CONFIRM_LINK_DAYS = 7;
/** How many confirmation links a person can ask for in a day ("send it again"). */
export const CONFIRM_LINKS_PER_DAY = 5;

export const MembershipDecisionInput = z.object({
  decision: z.enum(['approve', 'refuse'], { error: 'people.requests.validation.decision' }),
});

export const ApprovalSettingInput = z.object({
  approves: z.enum(['yes', 'no'], { error: 'people.approval.validation.approves' }),
});

const email = z
  .string({ error: 'people.validation.email.required' })
  .trim()
  .min(1, 'people.validation.email.required')
  .max(254, 'people.validation.email.format')
  .pipe(z.email('people.validation.email.format'))
  .transform((v) => v.toLowerCase());

const newPassword = z
  .string({ error: 'people.validation.password.required' })
  .min(1, 'people.validation.password.required')
  .min(8, 'people.validation.password.short')
  .max(200, 'people.validation.password.long')
  .refine((p) => !COMMON_PASSWORDS.has(p.toLowerCase()), 'people.validation.password.common');

const name = z
  .string({ error: 'people.validation.name.required' })
  .trim()
  .min(1, 'people.validation.name.required')
  .max(120, 'people.validation.name.long')
  // Control characters have no place in a name and break emails and exports.
  .refine((v) => !/[\u0000-\u001f\u007f]/.test(v), 'people.validation.name.characters');

export const SignUpInput = z.object({
  name,
  email,
  password: newPassword,
  place: z.string({ error: 'people.validation.place.required' }).trim().min(1, 'people.validation.place.required'),
});
export type SignUpInput = z.output<typeof SignUpInput>;

export const SignInInput = z.object({
  email,
  password: z
    .string({ error: 'people.validation.password.required' })
    .min(1, 'people.validation.password.required')
    .max(200, 'people.validation.password.long'),
});

export const PasswordResetRequestInput = z.object({ email });

export const NewPasswordInput = z
  .object({
    password: newPassword,
    confirm: z.string({ error: 'people.validation.confirm.required' }).min(1, 'people.validation.confirm.required'),
  })
  .refine((v) => v.password === v.confirm, { message: 'people.validation.confirm.match', path: ['confirm'] });

export const ChangePasswordInput = z
  .object({
    currentPassword: z
      .string({ error: 'people.validation.currentPassword.required' })
      .min(1, 'people.validation.currentPassword.required')
      .max(200, 'people.validation.password.long'),
    password: newPassword,
    confirm: z.string({ error: 'people.validation.confirm.required' }).min(1, 'people.validation.confirm.required'),
  })
  .refine((v) => v.password === v.confirm, { message: 'people.validation.confirm.match', path: ['confirm'] });

export const ProfileInput = z.object({
  name,
  language: z.enum(['en', 'cy'], { error: 'people.validation.language' }),
});

export const EraseInput = z.object({
  password: z
    .string({ error: 'people.validation.password.required' })
    .min(1, 'people.validation.password.required')
    .max(200, 'people.validation.password.long'),
  confirm: z.literal('yes', { error: 'people.validation.erase.confirm' }),
});

export const AddMemberInput = z.object({ email });

/** The roles an admin ticks for a member: any subset, from the checkboxes. */
export const RolesInput = z.object({
  roles: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
    .pipe(z.array(z.string().refine(isRole, 'people.validation.role')).max(ROLES.length)),
});

/** Sessions last 30 days from the last visit, and are refreshed at most hourly. */
export const SESSION_DAYS = 30;
export const SESSION_REFRESH_MS = 3600_000;
export const RESET_LINK_MINUTES = 60;

/**
 * Sign-in is slowed per account (whatever the address it comes from): a few wrong
 * passwords are free, then each further one makes the account wait longer, doubling
 * from 30 seconds up to 15 minutes. Nobody is ever locked out for good, and a failure
 * more than a day old is forgotten.
 */
export const SIGN_IN_FREE_FAILURES = 5;
export const SIGN_IN_MAX_DELAY_SECONDS = 15 * 60;
export const SIGN_IN_FAILURES_FORGOTTEN_MS = 24 * 3600_000;

/** How long the account waits after its `failures`th failure in a row. */
export function signInDelaySeconds(failures: number): number {
  if (failures < SIGN_IN_FREE_FAILURES) return 0;
  const doublings = Math.min(failures - SIGN_IN_FREE_FAILURES, 10);
  return Math.min(30 * 2 ** doublings, SIGN_IN_MAX_DELAY_SECONDS);
}

/**
 * What changes when an admin sets a member's roles, and whether it may: a place must
 * always keep at least one admin, so nobody can lock the place out of its own settings.
 * No roles at all means the person leaves the place.
 */
export function planRoleChange(
  current: readonly Role[],
  wanted: readonly Role[],
  adminsInPlace: number,
): { grant: Role[]; revoke: Role[]; refusal?: 'people.roles.lastAdmin' } {
  const grant = wanted.filter((r) => !current.includes(r));
  const revoke = current.filter((r) => !wanted.includes(r));
  if (revoke.includes('admin') && adminsInPlace <= 1) return { grant, revoke, refusal: 'people.roles.lastAdmin' };
  return { grant, revoke };
}

/** The places where this person is the only admin: they must hand over before leaving. */
export function placesNeedingAnotherAdmin(
  grants: readonly RoleGrant[],
  adminCounts: ReadonlyMap<string, number>,
): string[] {
  return grants.filter((g) => g.role === 'admin' && (adminCounts.get(g.placeId) ?? 0) <= 1).map((g) => g.placeId);
}

// The passwords most often found in breaches that also pass the length rule.
const COMMON_PASSWORDS = new Set([
  'password',
  'password1',
  'password12',
  'password123',
  '12345678',
  '123456789',
  '1234567890',
  'qwertyuiop',
  'iloveyou',
  'sunshine',
  'football',
  'baseball',
  'welcome1',
  'abc12345',
  'qwerty123',
  '11111111',
  '00000000',
  'letmein1',
  'liverpool',
  'arsenal1',
  'chelsea1',
  'princess',
  'passw0rd',
  'trustno1',
  'superman',
  'starwars',
]);
