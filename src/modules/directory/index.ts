import path from 'node:path';
import { directoryCommands } from './cli.js';
import type { KithModule } from '../module.js';
import { demoDirectory } from './demo.js';
import { sendReviewReminders } from './listings.js';
import { messages } from './messages.js';
import { directoryPolicy } from './policy.js';
import { adminRoutes } from './routes/admin.js';
import { manageRoutes } from './routes/manage.js';
import { orukRoutes } from './routes/oruk.js';
import { openActiveRoutes } from './routes/openactive.js';
import { publicRoutes } from './routes/public.js';
import { migrations } from './schema.js';
import { versionMigrations } from './version-schema.js';
import {
  deleteMembershipsOf,
  listOrganisations,
  membershipsOf,
  organisationIdsOf,
  organisationsByIds,
} from './organisations-store.js';
import { findPostcode } from './locations-store.js';
import { findTaxonomy, termsOf } from './taxonomy-store.js';
import { NEEDS } from './taxonomy.js';
import { activitiesByIds } from './listings-store.js';
import { normalisePostcode, type Point } from '../../platform/postcodes.js';
import type { Queryable } from '../../db/index.js';

// For other capabilities (the asset map): a postcode's point and organisations, without
// reading the directory's tables. Postcode rules and distances are in platform/postcodes.
export { DISTANCES_MILES } from './search.js';
// The demo place's postcode districts, so other modules' demos are set in the same streets.
export { DISTRICTS as DEMO_DISTRICTS } from './demo-data.js';

/** A postcode's point from the postcode table; undefined for one that is malformed or unknown. */
export async function pointForPostcode(db: Queryable, postcode: string): Promise<Point | undefined> {
  const normalised = normalisePostcode(postcode);
  return normalised ? findPostcode(db, normalised) : undefined;
}

export interface OrganisationSummary {
  id: string;
  name: string;
  kind: string;
}

/** A place's organisations by name (at most `limit`), to choose one from. */
export async function organisationSummaries(
  db: Queryable,
  placeId: string,
  limit = 2000,
): Promise<OrganisationSummary[]> {
  const { rows } = await listOrganisations(db, placeId, { limit, offset: 0 });
  return rows.map((r) => ({ id: r.id, name: r.name, kind: r.kind }));
}

/** These organisations of a place, by id; ids from another place or unknown are left out. */
export async function organisationSummariesByIds(
  db: Queryable,
  placeId: string,
  ids: readonly string[],
): Promise<Map<string, OrganisationSummary>> {
  const found = await organisationsByIds(db, placeId, ids);
  return new Map([...found].map(([id, r]) => [id, { id, name: r.name, kind: r.kind }]));
}

/** The organisations whose listings this person may edit as an organiser, in a place. */
export async function organisationIdsOrganisedBy(db: Queryable, placeId: string, personId: string): Promise<string[]> {
  return organisationIdsOf(db, placeId, personId);
}

// For social prescribing and outcomes: searching as everyone does, who organises what,
// and the names of activities a referral or an outcome points at.
export { findActivities, findActivitiesEach, matchShares } from './finder.js';
export { parseSearchQuery, PER_PAGE as SEARCH_PER_PAGE } from './search.js';
export { resultCard } from './present.js';
// For groups: a group that becomes an organisation, validated as the admins' form is.
export { registerOrganisation } from './organisations.js';
export { OrganisationInput } from './inputs.js';
export {
  addOrganisationMember,
  findOrganisationByName,
  isOrganisationMember,
  listOrganisations,
  organisersOf,
} from './organisations-store.js';
export { listingsOfOrganisations } from './listings-store.js';
export { addOrganiser } from './organisations.js';

export { locationSummaries, type LocationSummary } from './locations-store.js';

// For groups' events: "add to calendar" files written the same way as activities'.

/** One term of a place's "needs and interests" vocabulary, by its stable code. */
export interface NeedTerm {
  code: string;
  term: string;
  termCy: string | null;
}

/**
 * The place's "needs and interests" vocabulary (the one listings are described with), in
 * its admins' order, so other capabilities (participatory proposals) speak of needs in
 * the same words; empty where the place has none.
 */
export async function needTerms(db: Queryable, placeId: string): Promise<NeedTerm[]> {
  const taxonomy = await findTaxonomy(db, placeId, NEEDS.key);
  if (!taxonomy) return [];
  return (await termsOf(db, placeId))
    .filter((t) => t.taxonomyId === taxonomy.id)
    .map((t) => ({ code: t.code, term: t.term, termCy: t.termCy }));
}

export interface ActivitySummary {
  id: string;
  name: string;
  published: boolean;
  organisationId: string;
  organisationName: string;
}

/** Names and organisations of some of a place's activities; ids from elsewhere are left out. */
export async function activitySummaries(
  db: Queryable,
  placeId: string,
  ids: readonly string[],
): Promise<Map<string, ActivitySummary>> {
  const activities = await activitiesByIds(db, placeId, [...new Set(ids)]);
  const organisations = await organisationsByIds(
    db,
    placeId,
    activities.map((a) => a.organisationId),
  );
  return new Map(
    activities.map((a) => [
      a.id,
      {
        id: a.id,
        name: a.name,
        published: a.state === 'published',
        organisationId: a.organisationId,
        organisationName: organisations.get(a.organisationId)?.name ?? '',
      },
    ]),
  );
}

/**
 * The directory of activities and services (capability 1): organisations and what they
 * run, where and when; search for everyone; moderation; Open Referral UK in and out.
 */
export const directoryModule: KithModule = {
  name: 'directory',
  migrations: { ...migrations, ...versionMigrations },
  messages,
  policy: directoryPolicy,
  viewsDir: path.join(import.meta.dirname, 'views'),
  commands: directoryCommands,
  routes(app, kith) {
    publicRoutes(app, kith);
    manageRoutes(app, kith);
    adminRoutes(app, kith);
    orukRoutes(app, kith);
    openActiveRoutes(app, kith);
  },
  // Inside a place, "Find activities" searches that place; elsewhere it asks which place.
  navigation: (request) => {
    const place = /^\/places\/([a-z0-9-]+)(?:[/?]|$)/.exec(request.url)?.[1];
    return [{ key: 'nav.activities', href: place ? `/places/${place}/activities` : '/activities', order: 10 }];
  },
  placeLinks(request, place) {
    const links = [
      {
        key: 'directory.links.find',
        hintKey: 'directory.links.find.hint',
        href: `/places/${place.slug}/activities`,
        order: 100,
      },
    ];
    if (request.server.kith.policy.can(request.actor, 'directoryListings.own', place)) {
      links.push({
        key: 'directory.links.manage',
        hintKey: 'directory.links.manage.hint',
        href: `/places/${place.slug}/directory`,
        order: 110,
      });
    }
    if (request.server.kith.policy.can(request.actor, 'directoryListings.moderate', place)) {
      links.push({
        key: 'directory.links.moderation',
        hintKey: 'directory.links.moderation.hint',
        href: `/places/${place.slug}/directory/moderation`,
        order: 120,
      });
    }
    return links;
  },
  jobs: {
    'directory/review-reminders': async (_payload, { kith }) => {
      await sendReviewReminders(kith);
    },
  },
  schedules: [{ kind: 'directory/review-reminders', everyMinutes: 24 * 60 }],
  personalData: {
    export: async (db, personId) => {
      const memberships = await membershipsOf(db, personId);
      return memberships.length
        ? { directoryOrganisations: memberships.map((m) => ({ organisation: m.name, since: m.addedAt })) }
        : {};
    },
    erase: (trx, personId) => deleteMembershipsOf(trx, personId),
  },
  demo: demoDirectory,
};
