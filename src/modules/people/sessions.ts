import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../db/index.js';
import type { Actor } from '../../policy/index.js';
import { deleteSession, findSession, insertSession, requestedPlacesOf, rolesOf, touchSession } from './store.js';
import { SESSION_DAYS, SESSION_REFRESH_MS } from './inputs.js';

export interface SignedInPerson {
  id: string;
  name: string;
  email: string;
  language: 'en' | 'cy';
  /** False until the person follows the link emailed to them; until then they hold no role. */
  emailConfirmed: boolean;
  /** Places they have asked to join, whose admins have not yet answered. */
  askedToJoin: string[];
}

export interface ResolvedSession {
  person: SignedInPerson;
  actor: Actor;
}

/** A new random cookie value. Only its hash is ever stored. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function expiry(from = Date.now()): string {
  return new Date(from + SESSION_DAYS * 24 * 3600_000).toISOString();
}

/** Starts a signed-in session under a new token (never the one used before sign-in). */
export async function startSession(db: Db, personId: string): Promise<string> {
  const token = newToken();
  await insertSession(db.kysely, { id: hashToken(token), personId, expiresAt: expiry() });
  return token;
}

/** The person and roles behind a cookie's token, or null if it signs nobody in. */
export async function resolveSession(db: Db, token: string): Promise<ResolvedSession | null> {
  const id = hashToken(token);
  const row = await findSession(db.kysely, id);
  if (!row || row.erased_at || !row.name || !row.email) return null;
  const now = Date.now();
  if (Date.parse(row.expires_at) <= now) {
    await deleteSession(db.kysely, id);
    return null;
  }
  if (now - Date.parse(row.last_seen_at) > SESSION_REFRESH_MS) await touchSession(db.kysely, id, expiry(now));
  const emailConfirmed = row.email_confirmed_at !== null;
  // Roles count only once the address is shown to be the person's: anyone can type
  // somebody else's address into the sign-up form.
  const [roles, askedToJoin] = await Promise.all([
    emailConfirmed ? rolesOf(db.kysely, row.person_id) : [],
    requestedPlacesOf(db.kysely, row.person_id),
  ]);
  return {
    person: {
      id: row.person_id,
      name: row.name,
      email: row.email,
      language: row.language,
      emailConfirmed,
      askedToJoin,
    },
    actor: { personId: row.person_id, roles },
  };
}

export async function endSession(db: Db, token: string): Promise<void> {
  await deleteSession(db.kysely, hashToken(token));
}
