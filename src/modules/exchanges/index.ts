import path from 'node:path';
import type { KithModule, ParticipantsQuery } from '../module.js';
import {
  confirmedExchangesBetween,
  confirmedSmallActsBetween,
  exchangersBetween,
  giversBetween,
} from './figures-store.js';
import { demoExchanges } from './demo.js';
import { ERASED_PERSON } from '../../platform/audit/index.js';
import {
  allExchangesOf,
  eraseFromConversations,
  eraseFromExchanges,
  eraseSmallActsOf,
  messagesBy,
  smallActsOf,
} from './exchange-store.js';
import { messages } from './messages.js';
import { exchangesPolicy } from './policy.js';
import { exchangeRoutes } from './routes/exchanges.js';
import { manageRoutes } from './routes/manage.js';
import { postRoutes } from './routes/posts.js';
import { migrations } from './schema.js';
import { allPostsOf, deleteHelperOf, erasePostsOf, forgetSettingsAuthor, helpersOf } from './store.js';

// For social prescribing: offers of help that match what a person said, shown as suggestions.
export { findOffersByText, type OfferSummary } from './suggest.js';
// ...and a request for help posted in a person's name with their consent, followed by its progress.
export { postRequestFor, requestFormChoices, requestProgress, type RequestProgress } from './for-others.js';
export { PostInput } from './inputs.js';

export const exchangesModule: KithModule = {
  name: 'exchanges',
  migrations,
  messages,
  policy: exchangesPolicy,
  viewsDir: path.join(import.meta.dirname, 'views'),
  routes(app, kith) {
    postRoutes(app, kith);
    exchangeRoutes(app, kith);
    manageRoutes(app, kith);
  },
  placeLinks(request, place) {
    if (!request.server.kith.policy.can(request.actor, 'offersRequests.use', place)) return [];
    return [
      {
        key: 'exchanges.links.home',
        hintKey: 'exchanges.links.home.hint',
        href: `/places/${place.slug}/help`,
        order: 20,
      },
    ];
  },
  personalData: {
    async export(db, personId) {
      return {
        offersAndRequests: (await allPostsOf(db, personId)).map((p) => ({
          kind: p.kind,
          title: p.title,
          details: p.details,
          category: p.category,
          area: p.area,
          when: p.when,
          status: p.status,
          createdAt: p.createdAt,
        })),
        whatICanHelpWith: await helpersOf(db, personId),
        messagesSent: await messagesBy(db, personId),
        exchanges: (await allExchangesOf(db, personId)).map((e) => ({
          description: e.description,
          role: e.giverId === personId ? 'gave help' : 'received help',
          status: e.status,
          minutes: e.minutes,
          recordedAt: e.recordedAt,
          confirmedAt: e.confirmedAt,
        })),
        smallActs: (await smallActsOf(db, null, personId)).map((a) => ({
          what: a.what,
          minutes: a.minutes,
          status: a.status,
          createdAt: a.createdAt,
        })),
      };
    },
    /**
     * Posts, messages and small acts lose their words; "what I can help with" goes.
     * Exchanges and conversations keep their shape (the other person's record of help
     * given or received), with the erased person replaced by "someone".
     */
    async erase(trx, personId) {
      await erasePostsOf(trx, personId, ERASED_PERSON);
      await eraseFromConversations(trx, personId, ERASED_PERSON);
      await eraseFromExchanges(trx, personId, ERASED_PERSON);
      await eraseSmallActsOf(trx, personId, ERASED_PERSON);
      await deleteHelperOf(trx, personId);
      await forgetSettingsAuthor(trx, personId);
    },
  },
  figures: [
    {
      id: 'exchanges.exchanges',
      labelKey: 'exchanges.figures.exchanges',
      definitionKey: 'exchanges.figures.exchanges.definition',
      unit: 'count',
      value: async (db, placeId, period) =>
        (await confirmedExchangesBetween(db, placeId, period.from, period.to)).count,
    },
    {
      id: 'exchanges.smallActs',
      labelKey: 'exchanges.figures.smallActs',
      definitionKey: 'exchanges.figures.smallActs.definition',
      unit: 'count',
      value: async (db, placeId, period) =>
        (await confirmedSmallActsBetween(db, placeId, period.from, period.to)).count,
    },
  ],
  participants: (db, placeId, period) =>
    exchangersBetween(db, placeId, period.from, period.to) as unknown as ParticipantsQuery,
  timeGiven: {
    labelKey: 'exchanges.figures.timeGiven',
    async minutes(db, placeId, period) {
      const [exchanges, acts] = await Promise.all([
        confirmedExchangesBetween(db, placeId, period.from, period.to),
        confirmedSmallActsBetween(db, placeId, period.from, period.to),
      ]);
      return exchanges.minutes + acts.minutes;
    },
    givenBy: (db, placeId, period) =>
      giversBetween(db, placeId, period.from, period.to) as unknown as ParticipantsQuery,
  },
  demo: demoExchanges,
};
