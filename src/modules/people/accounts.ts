import { randomBytes } from 'node:crypto';
import { isUniqueViolation, type Trx } from '../../db/index.js';
import { RuleError } from '../../errors.js';
import type { Kith } from '../../kith.js';
import { recordAudit } from '../../platform/audit/index.js';
import { once, type Submission } from '../../platform/idempotency/index.js';
import { queueEmail } from '../../platform/mail/mailer.js';
import type { Lang } from '../../web/i18n.js';
import { findPlaceBySlug } from '../places/index.js';
import { hashPassword, verifyPassword } from './passwords.js';
import {
  CONFIRM_LINK_DAYS,
  CONFIRM_LINKS_PER_DAY,
  RESET_LINK_MINUTES,
  SIGN_IN_FAILURES_FORGOTTEN_MS,
  signInDelaySeconds,
  type SignUpInput,
} from './inputs.js';
import { hashToken, startSession } from './sessions.js';
import {
  claimSignInAttempt,
  clearSignInThrottle,
  confirmEmail,
  countEmailConfirmationsSince,
  deleteSessionsOf,
  endPasswordResetsOf,
  findEmailConfirmation,
  findPasswordReset,
  findPersonByEmail,
  findPersonById,
  insertEmailConfirmation,
  insertMembershipRequest,
  insertPasswordReset,
  insertPerson,
  insertRole,
  updatePerson,
  useEmailConfirmation,
  usePasswordReset,
  type Person,
} from './store.js';

/**
 * A resident creates their account in a place and is a resident there. The answer is the
 * same whether or not the email already has an account, so sign-up cannot be used to
 * find out who uses Kith: an existing owner is emailed instead (with a link to reset
 * their password), and nothing else changes. A repeated submission (double click)
 * answers as the first one did.
 */
export async function signUp(
  kith: Kith,
  input: SignUpInput,
  lang: Lang,
  submission?: Submission,
): Promise<{ email: string }> {
  // Hash before the transaction: it is the slow part and needs no lock.
  const passwordHash = await hashPassword(input.password);
  try {
    const { result } = await once(kith.db, 'people.signUp', submission, async (trx) => {
      const place = await findPlaceBySlug(trx, input.place);
      if (!place) throw new RuleError('people.validation.place.required', {}, 'place');
      const existing = await findPersonByEmail(trx, input.email);
      if (existing) {
        await tellOwnerOfSignUpAttempt(kith, trx, existing, lang);
        return { email: input.email };
      }
      const person = await insertPerson(trx, {
        name: input.name,
        email: input.email,
        passwordHash,
        language: lang,
        emailConfirmed: false,
      });
      // A place whose admins approve new members holds the person at its door; either
      // way nothing a member sees opens until the address is confirmed (see resolveSession).
      if (place.approvesMembers) await insertMembershipRequest(trx, place.id, person.id);
      else await insertRole(trx, { placeId: place.id, personId: person.id, role: 'resident', grantedBy: person.id });
      await recordAudit(trx, {
        placeId: place.id,
        actorId: person.id,
        action: 'person.signedUp',
        subjectType: 'person',
        subjectId: person.id,
        detail: { awaitingApproval: place.approvesMembers },
      });
      await sendEmailConfirmation(kith, trx, person);
      return { email: person.email };
    });
    kith.kickJobs();
    return result;
  } catch (error) {
    // Two sign-ups for one address at the same moment: the database's unique index
    // decides, and the loser gets the same answer as any sign-up.
    if (isUniqueViolation(error)) return { email: input.email };
    throw error;
  }
}

/** Someone tried to sign up with an address that has an account: its owner hears of it, nobody else. */
async function tellOwnerOfSignUpAttempt(kith: Kith, trx: Trx, person: Person, lang: Lang): Promise<void> {
  const t = kith.catalogue.translator(person.language ?? lang);
  await queueEmail(trx, {
    to: person.email,
    personId: person.id,
    lang: person.language,
    subject: t('people.signUp.existing.email.subject'),
    paragraphs: [t('people.reset.email.greeting', { name: person.name }), t('people.signUp.existing.email.body')],
    action: { text: t('people.signUp.existing.email.action'), url: `${kith.config.publicUrl}/password-reset` },
    footer: t('people.signUp.existing.email.ignore'),
  });
  await recordAudit(trx, {
    action: 'person.signUpWithExistingEmail',
    subjectType: 'person',
    subjectId: person.id,
  });
}

/** Emails the person a link that confirms their address, valid for CONFIRM_LINK_DAYS. */
async function sendEmailConfirmation(kith: Kith, trx: Trx, person: Person): Promise<void> {
  const token = randomBytes(32).toString('base64url');
  await insertEmailConfirmation(trx, {
    id: hashToken(token),
    personId: person.id,
    email: person.email,
    expiresAt: new Date(Date.now() + CONFIRM_LINK_DAYS * 24 * 3600_000).toISOString(),
  });
  const t = kith.catalogue.translator(person.language);
  await queueEmail(trx, {
    to: person.email,
    personId: person.id,
    lang: person.language,
    subject: t('people.confirm.email.subject'),
    paragraphs: [
      t('people.reset.email.greeting', { name: person.name }),
      t('people.confirm.email.body', { days: String(CONFIRM_LINK_DAYS) }),
    ],
    action: { text: t('people.confirm.email.action'), url: `${kith.config.publicUrl}/confirm-email/${token}` },
    footer: t('people.confirm.email.ignore'),
  });
}

/**
 * A signed-in person whose address is not yet confirmed asks for the link again. A few
 * a day at most: each one is an email to an address that may not be theirs.
 */
export async function resendEmailConfirmation(kith: Kith, personId: string): Promise<void> {
  await kith.db.transaction(async (trx) => {
    const person = await findPersonById(trx, personId);
    if (!person || person.emailConfirmedAt) return;
    const dayAgo = new Date(Date.now() - 24 * 3600_000).toISOString();
    if ((await countEmailConfirmationsSince(trx, person.id, dayAgo)) >= CONFIRM_LINKS_PER_DAY) {
      throw new RuleError('people.confirm.tooMany', { times: String(CONFIRM_LINKS_PER_DAY) }, 'confirmEmail');
    }
    await sendEmailConfirmation(kith, trx, person);
  });
  kith.kickJobs();
}

export type ConfirmLinkState = 'valid' | 'expired' | 'used' | 'unknown';

export async function confirmLinkState(kith: Kith, token: string): Promise<ConfirmLinkState> {
  const link = await findEmailConfirmation(kith.db.kysely, hashToken(token));
  if (!link) return 'unknown';
  if (link.usedAt) return 'used';
  if (Date.parse(link.expiresAt) <= Date.now()) return 'expired';
  return 'valid';
}

/**
 * The person follows the emailed link and presses the button: the address is theirs.
 * Confirming by the link's own POST (never by opening it) keeps mail scanners that
 * open every link from confirming on anyone's behalf.
 */
export async function confirmEmailAddress(kith: Kith, token: string): Promise<Person> {
  return kith.db.transaction(async (trx) => {
    const id = hashToken(token);
    const link = await findEmailConfirmation(trx, id);
    if (!link || link.usedAt || Date.parse(link.expiresAt) <= Date.now() || !(await useEmailConfirmation(trx, id))) {
      throw new RuleError('people.confirm.linkInvalid');
    }
    const person = await findPersonById(trx, link.personId);
    if (!person) throw new RuleError('people.confirm.linkInvalid');
    if (await confirmEmail(trx, person.id, link.email)) {
      await recordAudit(trx, {
        actorId: person.id,
        action: 'person.emailConfirmed',
        subjectType: 'person',
        subjectId: person.id,
      });
    }
    return person;
  });
}

export type SignInResult = { ok: true; person: Person; token: string } | { ok: false; waitSeconds: number };

/** The throttle's key for an email: its hash, so addresses without an account are not kept. */
function throttleKey(email: string): string {
  return hashToken(`sign-in:${email.trim().toLowerCase()}`);
}

/**
 * Checks the password; returns the person and a new session token. Refused while the
 * email address is waiting after too many wrong passwords (known account or not, so the
 * answer says nothing about whether it has one); the password is not even checked then.
 */
export async function signIn(kith: Kith, email: string, password: string): Promise<SignInResult> {
  const key = throttleKey(email);
  const { waitSeconds } = await kith.db.transaction((trx) =>
    claimSignInAttempt(trx, kith.db.dialect, key, {
      delaySeconds: signInDelaySeconds,
      forgetMs: SIGN_IN_FAILURES_FORGOTTEN_MS,
    }),
  );
  if (waitSeconds > 0) {
    await recordAudit(kith.db.kysely, { action: 'person.signInThrottled', detail: { waitSeconds } });
    // The log names no account: the audit record does, for the people who may read it.
    kith.log.warn({ event: 'sign-in.throttled', waitSeconds }, 'sign-in refused: the account is waiting');
    return { ok: false, waitSeconds };
  }
  const person = await findPersonByEmail(kith.db.kysely, email);
  const ok = await verifyPassword(password, person?.passwordHash ?? null);
  if (!person || !ok) {
    await recordAudit(kith.db.kysely, {
      action: 'person.signInFailed',
      ...(person ? { subjectType: 'person', subjectId: person.id } : { detail: { knownAccount: false } }),
    });
    kith.log.info({ event: 'sign-in.refused' }, 'sign-in refused: wrong email or password');
    return { ok: false, waitSeconds: 0 };
  }
  const token = await startSession(kith.db, person.id);
  await kith.db.transaction(async (trx) => {
    await clearSignInThrottle(trx, key);
    await updatePerson(trx, person.id, { lastSignedInAt: new Date().toISOString() });
    await recordAudit(trx, {
      actorId: person.id,
      action: 'person.signedIn',
      subjectType: 'person',
      subjectId: person.id,
    });
  });
  return { ok: true, person, token };
}

/**
 * Emails a link to choose a new password. Says nothing about whether the address has
 * an account: the page a person sees is the same either way.
 */
export async function requestPasswordReset(kith: Kith, email: string, lang: Lang): Promise<void> {
  await kith.db.transaction(async (trx) => {
    const person = await findPersonByEmail(trx, email);
    if (!person) return;
    const token = randomBytes(32).toString('base64url');
    await insertPasswordReset(trx, {
      id: hashToken(token),
      personId: person.id,
      expiresAt: new Date(Date.now() + RESET_LINK_MINUTES * 60_000).toISOString(),
    });
    const t = kith.catalogue.translator(person.language ?? lang);
    await queueEmail(trx, {
      to: person.email,
      personId: person.id,
      lang: person.language,
      subject: t('people.reset.email.subject'),
      paragraphs: [
        t('people.reset.email.greeting', { name: person.name }),
        t('people.reset.email.body', { minutes: RESET_LINK_MINUTES }),
      ],
      action: { text: t('people.reset.email.action'), url: `${kith.config.publicUrl}/password-reset/${token}` },
      footer: t('people.reset.email.ignore'),
    });
    await recordAudit(trx, {
      actorId: null,
      action: 'person.passwordResetRequested',
      subjectType: 'person',
      subjectId: person.id,
    });
  });
  kith.kickJobs();
}

export type ResetLinkState = 'valid' | 'expired' | 'used' | 'unknown';

export async function resetLinkState(kith: Kith, token: string): Promise<ResetLinkState> {
  const reset = await findPasswordReset(kith.db.kysely, hashToken(token));
  if (!reset) return 'unknown';
  if (reset.used_at) return 'used';
  if (Date.parse(reset.expires_at) <= Date.now()) return 'expired';
  return 'valid';
}

/** Sets the new password, ends every other reset link and signs the person out everywhere. */
export async function resetPassword(kith: Kith, token: string, password: string): Promise<Person> {
  const passwordHash = await hashPassword(password);
  return kith.db.transaction(async (trx) => {
    const id = hashToken(token);
    const reset = await findPasswordReset(trx, id);
    if (!reset || reset.used_at || Date.parse(reset.expires_at) <= Date.now() || !(await usePasswordReset(trx, id))) {
      throw new RuleError('people.reset.linkInvalid', {}, 'password');
    }
    const person = await findPersonById(trx, reset.person_id);
    if (!person) throw new RuleError('people.reset.linkInvalid', {}, 'password');
    await updatePerson(trx, person.id, { passwordHash });
    await endPasswordResetsOf(trx, person.id);
    await deleteSessionsOf(trx, person.id);
    // The link came to this address, so the address is the person's.
    await confirmEmail(trx, person.id, person.email);
    // Whoever holds the emailed link is the owner: any wait from others' guesses ends.
    await clearSignInThrottle(trx, throttleKey(person.email));
    await recordAudit(trx, {
      actorId: person.id,
      action: 'person.passwordReset',
      subjectType: 'person',
      subjectId: person.id,
    });
    return person;
  });
}

/**
 * A signed-in person changes their password, giving the current one. Every reset link
 * they hold stops working and every other session is signed out; this one stays.
 */
export async function changePassword(
  kith: Kith,
  input: { personId: string; sessionToken: string; currentPassword: string; password: string },
): Promise<void> {
  const person = await findPersonById(kith.db.kysely, input.personId);
  if (!person || !(await verifyPassword(input.currentPassword, person.passwordHash))) {
    throw new RuleError('people.password.currentWrong', {}, 'currentPassword');
  }
  const passwordHash = await hashPassword(input.password);
  await kith.db.transaction(async (trx) => {
    await updatePerson(trx, person.id, { passwordHash });
    await endPasswordResetsOf(trx, person.id);
    await deleteSessionsOf(trx, person.id, hashToken(input.sessionToken));
    await recordAudit(trx, {
      actorId: person.id,
      action: 'person.passwordChanged',
      subjectType: 'person',
      subjectId: person.id,
    });
  });
}

export async function updateProfile(
  kith: Kith,
  personId: string,
  changes: { name: string; language: Lang },
): Promise<void> {
  await kith.db.transaction(async (trx) => {
    await updatePerson(trx, personId, changes);
    await recordAudit(trx, {
      actorId: personId,
      action: 'person.profileUpdated',
      subjectType: 'person',
      subjectId: personId,
    });
  });
}

/**
 * Makes an admin for a place from the command line: an existing account gets the role;
 * a new one is created without a password and gets a link (valid a day) to choose one.
 */
export async function createAdmin(
  kith: Kith,
  input: { email: string; name: string; placeId: string },
): Promise<{ personId: string; created: boolean; alreadyAdmin: boolean; setPasswordUrl?: string }> {
  return kith.db.transaction(async (trx) => {
    const email = input.email.trim().toLowerCase();
    let person = await findPersonByEmail(trx, email);
    const created = !person;
    // The address is confirmed when they set a password through the emailed link.
    person ??= await insertPerson(trx, {
      name: input.name,
      email,
      passwordHash: null,
      language: 'en',
      emailConfirmed: false,
    });
    let alreadyAdmin = true;
    for (const role of ['admin', 'resident'] as const) {
      if (await insertRole(trx, { placeId: input.placeId, personId: person.id, role, grantedBy: null })) {
        if (role === 'admin') alreadyAdmin = false;
        await recordAudit(trx, {
          placeId: input.placeId,
          action: 'role.granted',
          subjectType: 'person',
          subjectId: person.id,
          detail: { role },
        });
      }
    }
    if (!created) return { personId: person.id, created, alreadyAdmin };
    const token = randomBytes(32).toString('base64url');
    await insertPasswordReset(trx, {
      id: hashToken(token),
      personId: person.id,
      expiresAt: new Date(Date.now() + 24 * 3600_000).toISOString(),
    });
    return {
      personId: person.id,
      created,
      alreadyAdmin: false,
      setPasswordUrl: `${kith.config.publicUrl}/password-reset/${token}`,
    };
  });
}
