import path from 'node:path';
import type { Queryable } from '../../db/index.js';
import { daysOf, type KithModule, type ParticipantsQuery, type Period } from '../module.js';
import { confirmedMinutesBetween, volunteersBetween } from './figures-store.js';
import { demoVolunteering } from './demo.js';
import { messages } from './messages.js';
import { volunteeringPolicy } from './policy.js';
import { apiRoutes } from './routes/api.js';
import { manageRoutes } from './routes/manage.js';
import { publicRoutes } from './routes/public.js';
import { reportRoutes } from './routes/reports.js';
import { migrations } from './schema.js';
import { everythingAbout } from './personal-data-store.js';
import { eraseVolunteerFreeingPlaces } from './signups.js';
import { sendReminders } from './reminders.js';

// For social prescribing: a link worker finds roles as everyone does and refers people to them.
export { findRolesByText, roleSummaries, type RoleSummary } from './search.js';
// For befriending: a scheme asks its volunteers for the same checks, recorded once by the organisation, and thanks them in the same record.
export { CHECK_KINDS, CheckInput, GivenTimeInput } from './inputs.js';
export { checksOf, checksOfPeople } from './checks-store.js';
export { parseRequirements, unmetRequirements, type HoldReason } from './requirements.js';
export { logGivenTime, sendThanks } from './hours.js';
export { recordCheck } from './checks.js';
// For outcomes: a small group's confirmed volunteering hours in a quarter, prefilled in its monitoring return.
export { organisationMinutesBetween } from './figures-store.js';

/** Everyone with confirmed hours in the period: who took part, and who gave the hours counted. */
function givenBy(db: Queryable, placeId: string, period: Period): ParticipantsQuery {
  const days = daysOf(period);
  return volunteersBetween(db, placeId, days.from, days.to) as unknown as ParticipantsQuery;
}

/**
 * Volunteering (capability 5): roles with shifts and places, sign-up with a waiting
 * list, checks that gate roles, rosters, hours confirmed into time credits, thanks and
 * certificates.
 */
export const volunteeringModule: KithModule = {
  name: 'volunteering',
  migrations,
  messages,
  policy: volunteeringPolicy,
  viewsDir: path.join(import.meta.dirname, 'views'),
  routes(app, kith) {
    publicRoutes(app, kith);
    manageRoutes(app, kith);
    reportRoutes(app, kith);
    apiRoutes(app, kith);
  },
  placeLinks(request, place) {
    const links = [
      {
        key: 'volunteering.links.home',
        hintKey: 'volunteering.links.home.hint',
        href: `/places/${place.slug}/volunteering`,
        order: 30,
      },
    ];
    if (request.server.kith.policy.can(request.actor, 'volunteers.coordinateAny', place)) {
      links.push({
        key: 'volunteering.links.manage',
        hintKey: 'volunteering.links.manage.hint',
        href: `/places/${place.slug}/volunteering/manage`,
        order: 31,
      });
    }
    if (request.server.kith.policy.can(request.actor, 'volunteers.report', place)) {
      links.push({
        key: 'volunteering.links.report',
        hintKey: 'volunteering.links.report.hint',
        href: `/places/${place.slug}/volunteering/reports`,
        order: 32,
      });
    }
    return links;
  },
  jobs: {
    'volunteering/reminders': async (_payload, { kith }) => {
      await sendReminders(kith);
    },
  },
  schedules: [{ kind: 'volunteering/reminders', everyMinutes: 60 }],
  personalData: {
    export: async (db, personId) => ({ volunteering: await everythingAbout(db, personId) }),
    erase: (trx, personId, kith) => eraseVolunteerFreeingPlaces(kith, trx, personId),
  },
  figures: [
    {
      id: 'volunteering.hoursGiven',
      labelKey: 'volunteering.figures.hoursGiven',
      definitionKey: 'volunteering.figures.hoursGiven.definition',
      unit: 'minutes',
      href: (slug) => `/places/${slug}/volunteering/reports`,
      value(db, placeId, period) {
        const days = daysOf(period);
        return confirmedMinutesBetween(db, placeId, days.from, days.to);
      },
      givenBy,
    },
  ],
  participants: givenBy,
  timeGiven: {
    labelKey: 'volunteering.figures.timeGiven',
    minutes(db, placeId, period) {
      const days = daysOf(period);
      return confirmedMinutesBetween(db, placeId, days.from, days.to);
    },
    givenBy,
  },
  demo: demoVolunteering,
};
