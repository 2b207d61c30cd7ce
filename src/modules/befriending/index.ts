import path from 'node:path';
import type { KithModule, ParticipantsQuery } from '../module.js';
import { befriendersBetween, matchesKeptBetween, matchesStartedBetween } from './figures-store.js';
import { demoBefriending } from './demo.js';
import { messages } from './messages.js';
import { befriendingPolicy } from './policy.js';
import { manageRoutes } from './routes/manage.js';
import { publicRoutes } from './routes/public.js';
import { migrations } from './schema.js';
import { eraseProfiles, everythingAbout } from './store.js';

// For social prescribing: a link worker finds schemes by a conversation's words and refers someone to one.
export { findSchemesByText, openSchemeSummaries, schemeSummaries, type SchemeSummary } from './suggest.js';

/**
 * Befriending and peer support (part of capability 5, volunteering): schemes an
 * organisation runs, waiting lists on both sides, ranked suggestions with reasons,
 * introductions, check-ins and kind endings. Volunteers' checks and thanks are
 * volunteering's, so a befriender has one record of what they give.
 */
export const befriendingModule: KithModule = {
  name: 'befriending',
  migrations,
  messages,
  policy: befriendingPolicy,
  viewsDir: path.join(import.meta.dirname, 'views'),
  routes(app, kith) {
    publicRoutes(app, kith);
    manageRoutes(app, kith);
  },
  placeLinks(request, place) {
    const links = [
      {
        key: 'befriending.links.home',
        hintKey: 'befriending.links.home.hint',
        href: `/places/${place.slug}/befriending`,
        order: 33,
      },
    ];
    if (request.server.kith.policy.can(request.actor, 'matching.coordinateAny', place)) {
      links.push({
        key: 'befriending.links.manage',
        hintKey: 'befriending.links.manage.hint',
        href: `/places/${place.slug}/befriending/manage`,
        order: 34,
      });
    }
    return links;
  },
  personalData: {
    export: async (db, personId) => ({ befriending: await everythingAbout(db, personId) }),
    erase: (trx, personId) => eraseProfiles(trx, personId),
  },
  figures: [
    {
      id: 'befriending.matchesStarted',
      labelKey: 'befriending.figures.matchesStarted',
      definitionKey: 'befriending.figures.matchesStarted.definition',
      unit: 'count',
      value: (db, placeId, period) => matchesStartedBetween(db, placeId, period.from, period.to),
    },
    {
      id: 'befriending.matchesKept',
      labelKey: 'befriending.figures.matchesKept',
      definitionKey: 'befriending.figures.matchesKept.definition',
      unit: 'count',
      value: (db, placeId, period) => matchesKeptBetween(db, placeId, period.from, period.to),
    },
  ],
  participants: (db, placeId, period) =>
    befriendersBetween(db, placeId, period.from, period.to) as unknown as ParticipantsQuery,
  demo: demoBefriending,
};
