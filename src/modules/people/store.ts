import { randomUUID } from 'node:crypto';
import { nowIso, type Queryable } from '../../db/index.js';
import type { Role } from '../../policy/index.js';
import type { PersonTable } from './schema.js';

export interface Person {
  id: string;
  name: string;
  email: string;
  language: 'en' | 'cy';
  passwordHash: string | null;
  createdAt: string;
  lastSignedInAt: string | null;
  emailConfirmedAt: string | null;
}

function toPerson(row: PersonTable): Person | undefined {
  if (row.erased_at || row.name === null || row.email === null) return undefined;
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    language: row.language,
    passwordHash: row.password_hash,
    createdAt: row.created_at,
    lastSignedInAt: row.last_signed_in_at,
    emailConfirmedAt: row.email_confirmed_at,
  };
}

export async function findPersonByEmail(db: Queryable, email: string): Promise<Person | undefined> {
  const row = await db.selectFrom('people').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();
  return row && toPerson(row);
}

export async function findPersonById(db: Queryable, id: string): Promise<Person | undefined> {
  const row = await db.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toPerson(row);
}

export async function insertPerson(
  db: Queryable,
  person: {
    name: string;
    email: string;
    passwordHash: string | null;
    language: 'en' | 'cy';
    /** False for a self-made account, until the person follows the emailed link. */
    emailConfirmed: boolean;
  },
): Promise<Person> {
  const now = nowIso();
  const row: PersonTable = {
    id: randomUUID(),
    name: person.name,
    email: person.email.toLowerCase(),
    password_hash: person.passwordHash,
    language: person.language,
    created_at: now,
    updated_at: now,
    last_signed_in_at: null,
    erased_at: null,
    email_confirmed_at: person.emailConfirmed ? now : null,
  };
  await db.insertInto('people').values(row).execute();
  return toPerson(row)!;
}

export async function updatePerson(
  db: Queryable,
  id: string,
  changes: Partial<{ name: string; language: 'en' | 'cy'; passwordHash: string; lastSignedInAt: string }>,
): Promise<void> {
  await db
    .updateTable('people')
    .set({
      ...(changes.name !== undefined && { name: changes.name }),
      ...(changes.language !== undefined && { language: changes.language }),
      ...(changes.passwordHash !== undefined && { password_hash: changes.passwordHash }),
      ...(changes.lastSignedInAt !== undefined && { last_signed_in_at: changes.lastSignedInAt }),
      updated_at: nowIso(),
    })
    .where('id', '=', id)
    .where('erased_at', 'is', null)
    .execute();
}

/** Removes every personal detail from the row; the id stays for history to point at. */
export async function erasePersonRow(db: Queryable, id: string): Promise<void> {
  const now = nowIso();
  await db
    .updateTable('people')
    .set({
      name: null,
      email: null,
      password_hash: null,
      language: 'en',
      last_signed_in_at: null,
      updated_at: now,
      erased_at: now,
    })
    .where('id', '=', id)
    .execute();
}

export async function countPeople(db: Queryable): Promise<number> {
  const row = await db
    .selectFrom('people')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('erased_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

// Roles

export interface RoleGrant {
  placeId: string;
  role: Role;
}

export async function rolesOf(db: Queryable, personId: string): Promise<RoleGrant[]> {
  const rows = await db
    .selectFrom('place_roles')
    .select(['place_id', 'role'])
    .where('person_id', '=', personId)
    .execute();
  return rows.map((r) => ({ placeId: r.place_id, role: r.role }));
}

/** The roles each of these people holds in one place (people with none are left out). */
export async function placeRolesOf(
  db: Queryable,
  placeId: string,
  personIds: readonly string[],
): Promise<Map<string, Role[]>> {
  const roles = new Map<string, Role[]>();
  if (!personIds.length) return roles;
  const rows = await db
    .selectFrom('place_roles')
    .select(['person_id', 'role'])
    .where('place_id', '=', placeId)
    .where('person_id', 'in', [...new Set(personIds)])
    .execute();
  for (const r of rows) roles.set(r.person_id, [...(roles.get(r.person_id) ?? []), r.role]);
  return roles;
}

/** Everyone who holds any of these roles in the place and has not erased their account, oldest grant first. */
export async function holdersOfRoles(db: Queryable, placeId: string, roles: readonly Role[]): Promise<string[]> {
  if (!roles.length) return [];
  const rows = await db
    .selectFrom('place_roles as r')
    .innerJoin('people as p', 'p.id', 'r.person_id')
    .select('r.person_id')
    .where('r.place_id', '=', placeId)
    .where('r.role', 'in', [...roles])
    .where('p.erased_at', 'is', null)
    .groupBy('r.person_id')
    .orderBy((eb) => eb.fn.min('r.granted_at'))
    .orderBy('r.person_id')
    .execute();
  return rows.map((r) => r.person_id);
}

export async function roleGrantsOf(db: Queryable, personId: string) {
  return db.selectFrom('place_roles').selectAll().where('person_id', '=', personId).orderBy('granted_at').execute();
}

export async function insertRole(
  db: Queryable,
  grant: { placeId: string; personId: string; role: Role; grantedBy: string | null },
): Promise<boolean> {
  const result = await db
    .insertInto('place_roles')
    .values({
      place_id: grant.placeId,
      person_id: grant.personId,
      role: grant.role,
      granted_by: grant.grantedBy,
      granted_at: nowIso(),
    })
    .onConflict((oc) => oc.columns(['place_id', 'person_id', 'role']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function deleteRole(
  db: Queryable,
  grant: { placeId: string; personId: string; role: Role },
): Promise<boolean> {
  const result = await db
    .deleteFrom('place_roles')
    .where('place_id', '=', grant.placeId)
    .where('person_id', '=', grant.personId)
    .where('role', '=', grant.role)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function deleteRolesOf(db: Queryable, personId: string): Promise<void> {
  await db.deleteFrom('place_roles').where('person_id', '=', personId).execute();
}

export async function countHolders(db: Queryable, placeId: string, role: Role): Promise<number> {
  const row = await db
    .selectFrom('place_roles')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('place_id', '=', placeId)
    .where('role', '=', role)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface Member {
  id: string;
  name: string;
  email: string;
  roles: Role[];
}

/** Members of a place with their roles, a page at a time, optionally filtered by name or email. */
export async function membersOf(
  db: Queryable,
  placeId: string,
  options: { search?: string; role?: Role; limit: number; offset: number },
): Promise<{ members: Member[]; total: number }> {
  let base = db
    .selectFrom('people')
    .where('people.erased_at', 'is', null)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('place_roles as pr')
          .select('pr.person_id')
          .whereRef('pr.person_id', '=', 'people.id')
          .where('pr.place_id', '=', placeId),
      ),
    );
  if (options.role) {
    const role = options.role;
    base = base.where((eb) =>
      eb.exists(
        eb
          .selectFrom('place_roles as r')
          .select('r.person_id')
          .whereRef('r.person_id', '=', 'people.id')
          .where('r.place_id', '=', placeId)
          .where('r.role', '=', role),
      ),
    );
  }
  if (options.search) {
    const like = `%${options.search.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    base = base.where((eb) =>
      eb.or([eb(eb.fn('lower', ['people.name']), 'like', like), eb('people.email', 'like', like)]),
    );
  }
  const [rows, count] = await Promise.all([
    base
      .select(['people.id', 'people.name', 'people.email'])
      .orderBy('people.name')
      .orderBy('people.id')
      .limit(options.limit)
      .offset(options.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const ids = rows.map((r) => r.id);
  const grants = ids.length
    ? await db
        .selectFrom('place_roles')
        .select(['person_id', 'role'])
        .where('place_id', '=', placeId)
        .where('person_id', 'in', ids)
        .execute()
    : [];
  return {
    members: rows.map((r) => ({
      id: r.id,
      name: r.name ?? '',
      email: r.email ?? '',
      roles: grants.filter((g) => g.person_id === r.id).map((g) => g.role),
    })),
    total: Number(count.n),
  };
}

// Sessions

export async function insertSession(
  db: Queryable,
  session: { id: string; personId: string; expiresAt: string },
): Promise<void> {
  const now = nowIso();
  await db
    .insertInto('sessions')
    .values({
      id: session.id,
      person_id: session.personId,
      created_at: now,
      last_seen_at: now,
      expires_at: session.expiresAt,
    })
    .execute();
}

export async function findSession(db: Queryable, id: string) {
  return db
    .selectFrom('sessions')
    .innerJoin('people', 'people.id', 'sessions.person_id')
    .select([
      'sessions.id',
      'sessions.person_id',
      'sessions.expires_at',
      'sessions.last_seen_at',
      'people.name',
      'people.email',
      'people.language',
      'people.erased_at',
      'people.email_confirmed_at',
    ])
    .where('sessions.id', '=', id)
    .executeTakeFirst();
}

export async function touchSession(db: Queryable, id: string, expiresAt: string): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ last_seen_at: nowIso(), expires_at: expiresAt })
    .where('id', '=', id)
    .execute();
}

export async function deleteSession(db: Queryable, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

/** Signs the person out everywhere, or everywhere but the session `keep` (a token's hash). */
export async function deleteSessionsOf(db: Queryable, personId: string, keep?: string): Promise<void> {
  let query = db.deleteFrom('sessions').where('person_id', '=', personId);
  if (keep) query = query.where('id', '!=', keep);
  await query.execute();
}

/** Ends every reset link the person has not used yet: after a reset or a change, none still works. */
export async function endPasswordResetsOf(db: Queryable, personId: string): Promise<void> {
  await db
    .updateTable('password_resets')
    .set({ used_at: nowIso() })
    .where('person_id', '=', personId)
    .where('used_at', 'is', null)
    .execute();
}

export async function sessionsOf(db: Queryable, personId: string) {
  return db
    .selectFrom('sessions')
    .select(['created_at', 'last_seen_at', 'expires_at'])
    .where('person_id', '=', personId)
    .execute();
}

export async function deleteExpiredSessions(db: Queryable): Promise<void> {
  const now = nowIso();
  await db.deleteFrom('sessions').where('expires_at', '<', now).execute();
  await db.deleteFrom('password_resets').where('expires_at', '<', now).execute();
  const dayAgo = new Date(Date.now() - 24 * 3600_000).toISOString();
  await db
    .deleteFrom('sign_in_throttle')
    .where('blocked_until', '<', now)
    .where('last_failed_at', '<', dayAgo)
    .execute();
}

// Password resets

export async function insertPasswordReset(
  db: Queryable,
  reset: { id: string; personId: string; expiresAt: string },
): Promise<void> {
  await db
    .insertInto('password_resets')
    .values({
      id: reset.id,
      person_id: reset.personId,
      created_at: nowIso(),
      expires_at: reset.expiresAt,
      used_at: null,
    })
    .execute();
}

export async function findPasswordReset(db: Queryable, id: string) {
  return db.selectFrom('password_resets').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Marks the link used; false if it was already used (two tabs, a double click). */
export async function usePasswordReset(db: Queryable, id: string): Promise<boolean> {
  const result = await db
    .updateTable('password_resets')
    .set({ used_at: nowIso() })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function passwordResetsOf(db: Queryable, personId: string) {
  return db
    .selectFrom('password_resets')
    .select(['created_at', 'expires_at', 'used_at'])
    .where('person_id', '=', personId)
    .execute();
}

export async function deletePasswordResetsOf(db: Queryable, personId: string): Promise<void> {
  await db.deleteFrom('password_resets').where('person_id', '=', personId).execute();
}

/** Names for a set of people, for lists that show who did what (erased people have none). */
export async function namesOf(db: Queryable, ids: readonly string[]): Promise<Map<string, string | null>> {
  if (!ids.length) return new Map();
  const rows = await db
    .selectFrom('people')
    .select(['id', 'name'])
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

// Sign-in throttle

/**
 * Counts a sign-in attempt against the address before its password is checked, so that
 * many guesses at once cannot all pass the check: the caller clears the count when the
 * password was right. Answers how long to wait instead, without counting, while the
 * account is waiting.
 */
export async function claimSignInAttempt(
  db: Queryable,
  dialect: 'sqlite' | 'postgres',
  id: string,
  rules: { delaySeconds: (failures: number) => number; forgetMs: number },
): Promise<{ waitSeconds: number }> {
  const now = Date.now();
  await db
    .insertInto('sign_in_throttle')
    .values({ id, failures: 0, last_failed_at: new Date(0).toISOString(), blocked_until: new Date(0).toISOString() })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  let query = db.selectFrom('sign_in_throttle').selectAll().where('id', '=', id);
  // SQLite transactions hold the write lock from their start (decision 0002).
  if (dialect === 'postgres') query = query.forUpdate();
  const row = await query.executeTakeFirstOrThrow();
  const blockedUntil = Date.parse(row.blocked_until);
  if (blockedUntil > now) return { waitSeconds: Math.ceil((blockedUntil - now) / 1000) };
  const previous = now - Date.parse(row.last_failed_at) > rules.forgetMs ? 0 : Number(row.failures);
  const failures = previous + 1;
  await db
    .updateTable('sign_in_throttle')
    .set({
      failures,
      last_failed_at: new Date(now).toISOString(),
      blocked_until: new Date(now + rules.delaySeconds(failures) * 1000).toISOString(),
    })
    .where('id', '=', id)
    .execute();
  return { waitSeconds: 0 };
}

/** The right password (or a reset): the address starts again with no failures. */
export async function clearSignInThrottle(db: Queryable, id: string): Promise<void> {
  await db.deleteFrom('sign_in_throttle').where('id', '=', id).execute();
}

// Email confirmation

export async function insertEmailConfirmation(
  db: Queryable,
  link: { id: string; personId: string; email: string; expiresAt: string },
): Promise<void> {
  await db
    .insertInto('email_confirmations')
    .values({
      id: link.id,
      person_id: link.personId,
      email: link.email,
      created_at: nowIso(),
      expires_at: link.expiresAt,
      used_at: null,
    })
    .execute();
}

export async function findEmailConfirmation(db: Queryable, id: string) {
  const row = await db.selectFrom('email_confirmations').selectAll().where('id', '=', id).executeTakeFirst();
  return (
    row && {
      id: row.id,
      personId: row.person_id,
      email: row.email,
      createdAt: row.created_at,
      expiresAt: row.expires_at,
      usedAt: row.used_at,
    }
  );
}

/** Marks the link used; false if it already was (two tabs, a double click). */
export async function useEmailConfirmation(db: Queryable, id: string): Promise<boolean> {
  const result = await db
    .updateTable('email_confirmations')
    .set({ used_at: nowIso() })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** How many links were sent to the person since a time, to keep "send it again" in bounds. */
export async function countEmailConfirmationsSince(db: Queryable, personId: string, since: string): Promise<number> {
  const row = await db
    .selectFrom('email_confirmations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('person_id', '=', personId)
    .where('created_at', '>=', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Records the confirmation; false if the address was already confirmed. */
export async function confirmEmail(db: Queryable, personId: string, email: string): Promise<boolean> {
  const result = await db
    .updateTable('people')
    .set({ email_confirmed_at: nowIso() })
    .where('id', '=', personId)
    .where('email', '=', email)
    .where('email_confirmed_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function emailConfirmationsOf(db: Queryable, personId: string) {
  return db
    .selectFrom('email_confirmations')
    .select(['email', 'created_at', 'expires_at', 'used_at'])
    .where('person_id', '=', personId)
    .execute();
}

export async function deleteEmailConfirmationsOf(db: Queryable, personId: string): Promise<void> {
  await db.deleteFrom('email_confirmations').where('person_id', '=', personId).execute();
}

// Membership requests (places whose admins approve new members)

/** Asks to join; false if the person had already asked. */
export async function insertMembershipRequest(db: Queryable, placeId: string, personId: string): Promise<boolean> {
  const result = await db
    .insertInto('membership_requests')
    .values({ place_id: placeId, person_id: personId, requested_at: nowIso() })
    .onConflict((oc) => oc.columns(['place_id', 'person_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Ends a request as it is decided; false if another admin decided it first. */
export async function deleteMembershipRequest(db: Queryable, placeId: string, personId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('membership_requests')
    .where('place_id', '=', placeId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** The places a person has asked to join and not yet heard from. */
export async function requestedPlacesOf(db: Queryable, personId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('membership_requests')
    .select('place_id')
    .where('person_id', '=', personId)
    .execute();
  return rows.map((r) => r.place_id);
}

export interface MembershipRequest {
  personId: string;
  name: string;
  email: string;
  emailConfirmed: boolean;
  requestedAt: string;
}

/** Who is waiting to join the place, oldest first. */
export async function membershipRequestsOf(db: Queryable, placeId: string): Promise<MembershipRequest[]> {
  const rows = await db
    .selectFrom('membership_requests as r')
    .innerJoin('people as p', 'p.id', 'r.person_id')
    .select(['r.person_id', 'r.requested_at', 'p.name', 'p.email', 'p.email_confirmed_at'])
    .where('r.place_id', '=', placeId)
    .where('p.erased_at', 'is', null)
    .orderBy('r.requested_at')
    .orderBy('r.person_id')
    .execute();
  return rows.map((r) => ({
    personId: r.person_id,
    name: r.name ?? '',
    email: r.email ?? '',
    emailConfirmed: r.email_confirmed_at !== null,
    requestedAt: r.requested_at,
  }));
}

export async function deleteMembershipRequestsOf(db: Queryable, personId: string): Promise<void> {
  await db.deleteFrom('membership_requests').where('person_id', '=', personId).execute();
}

// Blocks

export interface Block {
  blockedId: string;
  name: string | null;
  createdAt: string;
}

/** Records a block; false when this person had already blocked the other. */
export async function insertBlock(db: Queryable, personId: string, blockedId: string): Promise<boolean> {
  const result = await db
    .insertInto('people_blocks')
    .values({ person_id: personId, blocked_id: blockedId, created_at: nowIso() })
    .onConflict((oc) => oc.columns(['person_id', 'blocked_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Removes a block; false when there was none. */
export async function deleteBlock(db: Queryable, personId: string, blockedId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('people_blocks')
    .where('person_id', '=', personId)
    .where('blocked_id', '=', blockedId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Whom this person has blocked, with their names, most recent first. */
export async function blocksOf(db: Queryable, personId: string): Promise<Block[]> {
  const rows = await db
    .selectFrom('people_blocks as b')
    .innerJoin('people as p', 'p.id', 'b.blocked_id')
    .select(['b.blocked_id', 'p.name', 'b.created_at'])
    .where('b.person_id', '=', personId)
    .orderBy('b.created_at', 'desc')
    .orderBy('b.blocked_id')
    .execute();
  return rows.map((r) => ({ blockedId: r.blocked_id, name: r.name, createdAt: r.created_at }));
}

export async function hasBlocked(db: Queryable, personId: string, blockedId: string): Promise<boolean> {
  const row = await db
    .selectFrom('people_blocks')
    .select('person_id')
    .where('person_id', '=', personId)
    .where('blocked_id', '=', blockedId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Everyone who has blocked this person. */
export async function blockersOf(db: Queryable, blockedId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('people_blocks').select('person_id').where('blocked_id', '=', blockedId).execute();
  return new Set(rows.map((r) => r.person_id));
}

/** Erasure: the blocks a person made, and the blocks on them, go. */
export async function deleteBlocksOf(db: Queryable, personId: string): Promise<void> {
  await db
    .deleteFrom('people_blocks')
    .where((eb) => eb.or([eb('person_id', '=', personId), eb('blocked_id', '=', personId)]))
    .execute();
}

/** Reader details (email, name, language) of many people at once; erased people are left out. */
export async function readersOf(db: Queryable, ids: readonly string[]): Promise<Person[]> {
  if (!ids.length) return [];
  const rows = await db
    .selectFrom('people')
    .selectAll()
    .where('id', 'in', [...ids])
    .execute();
  return rows.map((r) => toPerson(r)).filter((p): p is Person => p !== undefined);
}
