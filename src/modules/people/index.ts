import path from 'node:path';
import type { KithModule } from '../module.js';
import { messages } from './messages.js';
import { peoplePolicy } from './policy.js';
import { accountRoutes } from './routes/account.js';
import { adminRoutes } from './routes/admin.js';
import { apiRoutes } from './routes/api.js';
import { authRoutes } from './routes/auth.js';
import { blockRoutes } from './routes/blocks.js';
import { migrations } from './schema.js';
import { placesNeedingAnotherAdmin } from './inputs.js';
import { demoPeople } from './demo.js';
import { peopleCommands } from './cli.js';
import {
  blocksOf,
  countHolders,
  deleteBlocksOf,
  deleteEmailConfirmationsOf,
  deleteMembershipRequestsOf,
  deletePasswordResetsOf,
  deleteRolesOf,
  deleteSessionsOf,
  deleteExpiredSessions,
  emailConfirmationsOf,
  erasePersonRow,
  findPersonById,
  passwordResetsOf,
  requestedPlacesOf,
  roleGrantsOf,
  rolesOf,
  sessionsOf,
} from './store.js';
import { findPlaceById } from '../places/index.js';

/** What other capabilities may ask about people: read-only, by id or email. */
export {
  findPersonByEmail,
  findPersonById,
  holdersOfRoles,
  namesOf,
  placeRolesOf,
  rolesOf,
  type Person,
  type RoleGrant,
} from './store.js';
export { demoPasswordStillWorks } from './demo.js';
/** Blocking: whether one person blocked another, and who blocked someone, for messages and announcements. */
export { blockersOf, hasBlocked, readersOf } from './store.js';
/** Accounts and sessions, for the web layer and for tests that need people of their own. */
export { insertPerson, insertRole, updatePerson } from './store.js';
export { hashPassword } from './passwords.js';
export { newToken, resolveSession, type SignedInPerson } from './sessions.js';
export { exportPersonalData, erasePerson } from './personal-data.js';
export { joinPlaceWithin } from './roles.js';

export const peopleModule: KithModule = {
  name: 'people',
  migrations,
  messages,
  policy: peoplePolicy,
  viewsDir: path.join(import.meta.dirname, 'views'),
  commands: peopleCommands,
  routes(app, kith) {
    authRoutes(app, kith);
    accountRoutes(app, kith);
    blockRoutes(app, kith);
    adminRoutes(app, kith);
    apiRoutes(app, kith);
  },
  navigation(request) {
    return request.person
      ? [{ key: 'nav.account', href: '/account', order: 90 }]
      : [
          { key: 'nav.signIn', href: '/sign-in', order: 90 },
          { key: 'nav.signUp', href: '/sign-up', order: 91 },
        ];
  },
  placeLinks(request, place) {
    if (!request.server.kith.policy.can(request.actor, 'place.manageMembers', place)) return [];
    return [
      {
        key: 'places.links.members',
        hintKey: 'places.links.members.hint',
        href: `/places/${place.slug}/admin/members`,
        order: 900,
      },
      {
        key: 'places.links.audit',
        hintKey: 'places.links.audit.hint',
        href: `/places/${place.slug}/admin/audit`,
        order: 910,
      },
    ];
  },
  jobs: {
    'people/clean-sessions': async (_payload, { kith }) => deleteExpiredSessions(kith.db.kysely),
  },
  schedules: [{ kind: 'people/clean-sessions', everyMinutes: 60 }],
  personalData: {
    async export(db, personId) {
      const person = await findPersonById(db, personId);
      if (!person) return {};
      const grants = await roleGrantsOf(db, personId);
      const places = new Map<string, string>();
      for (const g of grants)
        if (!places.has(g.place_id)) places.set(g.place_id, (await findPlaceById(db, g.place_id))?.name ?? g.place_id);
      return {
        account: {
          id: person.id,
          name: person.name,
          email: person.email,
          language: person.language,
          createdAt: person.createdAt,
          lastSignedInAt: person.lastSignedInAt,
          emailConfirmedAt: person.emailConfirmedAt,
        },
        roles: grants.map((g) => ({ place: places.get(g.place_id), role: g.role, grantedAt: g.granted_at })),
        sessions: await sessionsOf(db, personId),
        passwordResets: await passwordResetsOf(db, personId),
        emailConfirmations: await emailConfirmationsOf(db, personId),
        blocked: (await blocksOf(db, personId)).map((b) => ({ name: b.name, blockedAt: b.createdAt })),
        placesAskedToJoin: await Promise.all(
          (await requestedPlacesOf(db, personId)).map(async (id) => (await findPlaceById(db, id))?.name ?? id),
        ),
      };
    },
    async erase(trx, personId) {
      await deleteSessionsOf(trx, personId);
      await deleteBlocksOf(trx, personId);
      await deletePasswordResetsOf(trx, personId);
      await deleteEmailConfirmationsOf(trx, personId);
      await deleteMembershipRequestsOf(trx, personId);
      await deleteRolesOf(trx, personId);
      await erasePersonRow(trx, personId);
    },
    async blockers(db, personId) {
      const grants = await rolesOf(db, personId);
      const counts = new Map<string, number>();
      for (const g of grants) if (g.role === 'admin') counts.set(g.placeId, await countHolders(db, g.placeId, 'admin'));
      const blocked = placesNeedingAnotherAdmin(grants, counts);
      const blockers = [];
      for (const placeId of blocked) {
        const place = await findPlaceById(db, placeId);
        blockers.push({ key: 'people.erase.lastAdmin', params: { place: place?.name ?? placeId } });
      }
      return blockers;
    },
  },
  demo: demoPeople,
};
