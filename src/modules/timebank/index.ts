import path from 'node:path';
import { daysOf, type KithModule, type ParticipantsQuery } from '../module.js';
import { creditedOnlyHereBetween, creditedPeopleBetween } from './figures-store.js';
import { hoursGivenBetween } from './statements.js';
import { demoTimebank } from './demo.js';
import { timebankCommands } from './cli.js';
import { messages } from './messages.js';
import { timebankPolicy } from './policy.js';
import { apiRoutes } from './routes/api.js';
import { counterRoutes } from './routes/counter.js';
import { manageRoutes } from './routes/manage.js';
import { memberRoutes } from './routes/member.js';
import { migrations } from './schema.js';
import { removePersonFromSetup } from './setup-store.js';
import { anonymiseAccount, forgetSettingsAuthor, personAccountsOf, statementLines } from './store.js';

export { verifyLedger, type LedgerReport } from './ledger.js';
export { joinTimeCredits } from './accounts.js';
export { fundGroup, saveGroup } from './groups.js';
export { findAccountOf } from './store.js';
export {
  creditHelp,
  creditFor,
  creditVolunteering,
  takesPart,
  timeCreditsEnabled,
  type HelpCredit,
  type VolunteeringCredit,
} from './service.js';
/** Read-only totals for the place (hours given, credits held), for reports elsewhere. */
export { hoursGivenBetween, placeTotals, type PlaceTotals } from './statements.js';

export const timebankModule: KithModule = {
  name: 'timebank',
  migrations,
  messages,
  policy: timebankPolicy,
  viewsDir: path.join(import.meta.dirname, 'views'),
  commands: timebankCommands,
  routes(app, kith) {
    memberRoutes(app, kith);
    counterRoutes(app, kith);
    manageRoutes(app, kith);
    apiRoutes(app, kith);
  },
  placeLinks(request, place) {
    const { policy } = request.server.kith;
    if (!policy.can(request.actor, 'timeCredits.use', place)) return [];
    const links = [
      {
        key: 'timebank.links.home',
        hintKey: 'timebank.links.home.hint',
        href: `/places/${place.slug}/time-credits`,
        order: 30,
      },
    ];
    if (policy.can(request.actor, 'timeCredits.totals', place)) {
      links.push({
        key: 'timebank.links.totals',
        hintKey: 'timebank.links.totals.hint',
        href: `/places/${place.slug}/time-credits/totals`,
        order: 800,
      });
    }
    return links;
  },
  personalData: {
    async export(db, personId) {
      const accounts = await personAccountsOf(db, personId);
      return {
        timeCreditAccounts: await Promise.all(
          accounts.map(async (a) => ({
            place: a.placeId,
            memberNumber: a.number,
            balanceMinutes: a.balance,
            joinedAt: a.createdAt,
            stoppedUsingAt: a.optedOutAt,
            entries: (await statementLines(db, a.id, 1, a.entryCount)).reverse().map((l) => ({
              at: l.createdAt,
              kind: l.transfer.kind,
              description: l.transfer.description,
              minutes: l.amount,
              balanceAfterMinutes: l.balanceAfter,
              ...(l.transfer.reason ? { reversalReason: l.transfer.reason } : {}),
            })),
          })),
        ),
      };
    },
    /**
     * The ledger is kept (it is the place's record of credits, and the database refuses
     * to change it), but nothing in it points at the person any more: their account's
     * owner becomes an id that points at nobody and takes no new transfers, and they
     * stop running any group or partner counter.
     */
    async erase(trx, personId) {
      for (const account of await personAccountsOf(trx, personId)) await anonymiseAccount(trx, account.id);
      await removePersonFromSetup(trx, personId);
      await forgetSettingsAuthor(trx, personId);
    },
  },
  figures: [
    {
      id: 'timebank.hoursCredited',
      labelKey: 'timebank.figures.hoursCredited',
      definitionKey: 'timebank.figures.hoursCredited.definition',
      unit: 'minutes',
      href: (slug) => `/places/${slug}/time-credits/totals`,
      value(db, placeId, period) {
        const days = daysOf(period);
        return hoursGivenBetween(db, placeId, days.from, days.to);
      },
      givenBy: (db, placeId, period) =>
        creditedPeopleBetween(db, placeId, period.from, period.to, false) as unknown as ParticipantsQuery,
    },
  ],
  timeGiven: {
    labelKey: 'timebank.figures.timeGiven',
    minutes: (db, placeId, period) => creditedOnlyHereBetween(db, placeId, period.from, period.to),
    givenBy: (db, placeId, period) =>
      creditedPeopleBetween(db, placeId, period.from, period.to, true) as unknown as ParticipantsQuery,
  },
  demo: demoTimebank,
};
