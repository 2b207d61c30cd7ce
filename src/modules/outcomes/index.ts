import path from 'node:path';
import { hasRole } from '../../policy/index.js';
import { daysOf, type KithModule, type ParticipantsQuery } from '../module.js';
import { checkedInBetween } from './figures-store.js';
import { checkinOutputs } from './report-store.js';
import { demoOutcomes } from './demo.js';
import { messages } from './messages.js';
import { outcomesPolicy } from './policy.js';
import { checkinRoutes } from './routes/checkins.js';
import { frameworkRoutes } from './routes/frameworks.js';
import { programmeRoutes } from './routes/programmes.js';
import { reportRoutes } from './routes/reports.js';
import { returnRoutes } from './routes/returns.js';
import { storyRoutes } from './routes/stories.js';
import { migrations } from './schema.js';
import { eraseReturnPeople } from './returns-store.js';
import { contributionsOf, eraseContributionsOf, frameworksOf, outcomesOf } from './store.js';
import type { Queryable } from '../../db/index.js';

/** Other modules hand their tellers' shared stories to the stories of change. */
export { storyFromElsewhere } from './stories.js';

/** An outcome of a published framework, as another capability names and links to it. */
export interface PublishedOutcome {
  id: string;
  title: string;
  frameworkId: string;
  frameworkTitle: string;
}

/**
 * The outcomes of a place's published frameworks (drafts are still being agreed, so
 * nothing elsewhere points at them), framework by framework, each in its own order.
 */
export async function publishedOutcomes(db: Queryable, placeId: string): Promise<PublishedOutcome[]> {
  const frameworks = (await frameworksOf(db, placeId)).filter((f) => f.state === 'published');
  const titles = new Map(frameworks.map((f) => [f.id, f.title]));
  const outcomes = await outcomesOf(
    db,
    frameworks.map((f) => f.id),
  );
  const order = new Map(frameworks.map((f, i) => [f.id, i]));
  return outcomes
    .sort((a, b) => order.get(a.frameworkId)! - order.get(b.frameworkId)! || a.position - b.position)
    .map((o) => ({ id: o.id, title: o.title, frameworkId: o.frameworkId, frameworkTitle: titles.get(o.frameworkId)! }));
}

/**
 * Outcomes and impact (capability 7): co-produced outcomes frameworks, light-touch
 * check-ins, stories of change, and reports for commissioners that assemble themselves
 * from what Kith already records, numbers and stories together.
 */
export const outcomesModule: KithModule = {
  name: 'outcomes',
  migrations,
  messages,
  policy: outcomesPolicy,
  viewsDir: path.join(import.meta.dirname, 'views'),
  async routes(app, kith) {
    frameworkRoutes(app, kith);
    programmeRoutes(app, kith);
    checkinRoutes(app, kith);
    reportRoutes(app, kith);
    returnRoutes(app, kith);
    await storyRoutes(app, kith);
  },
  placeLinks(request, place) {
    const { actor } = request;
    const links = [
      {
        key: 'outcomes.links.frameworks',
        hintKey: 'outcomes.links.frameworks.hint',
        href: `/places/${place.slug}/outcomes`,
        order: 60,
      },
      {
        key: 'outcomes.links.stories',
        hintKey: 'outcomes.links.stories.hint',
        href: `/places/${place.slug}/stories`,
        order: 65,
      },
    ];
    if (request.server.kith.policy.can(actor, 'impact.returnsDue', place)) {
      links.push({
        key: 'outcomes.links.returns',
        hintKey: 'outcomes.links.returns.hint',
        href: `/places/${place.slug}/returns`,
        order: 66,
      });
    }
    if (hasRole(actor, place.id, 'officer', 'admin')) {
      links.push({
        key: 'outcomes.links.reports',
        hintKey: 'outcomes.links.reports.hint',
        href: `/places/${place.slug}/reports`,
        order: 70,
      });
    }
    return links;
  },
  personalData: {
    async export(db, personId) {
      const mine = await contributionsOf(db, personId);
      const any =
        mine.comments.length +
        mine.endorsements.length +
        mine.suggestions.length +
        mine.stories.length +
        mine.checkins.length;
      return any
        ? {
            // The person's download keeps the names it has always had.
            outcomeComments: mine.comments.map((c) => ({
              body: c.body,
              created_at: c.createdAt,
              outcome_id: c.outcomeId,
            })),
            outcomeEndorsements: mine.endorsements.map((e) => ({ outcome_id: e.outcomeId, created_at: e.createdAt })),
            outcomeSuggestions: mine.suggestions.map((x) => ({
              kind: x.kind,
              title: x.title,
              description: x.description,
              state: x.state,
              reason: x.reason,
              created_at: x.createdAt,
            })),
            storiesOfChange: mine.stories.map((s) => ({
              title: s.title,
              body: s.body,
              consent: s.consent,
              state: s.state,
              created_at: s.createdAt,
            })),
            checkIns: mine.checkins.map((c) => ({
              id: c.id,
              activity_id: c.activityId,
              session_on: c.sessionOn,
              created_at: c.createdAt,
              answers: c.answers.map((a) => ({
                checkin_id: a.checkinId,
                indicator_id: a.indicatorId,
                value: a.value,
              })),
            })),
          }
        : {};
    },
    async erase(trx, personId) {
      await eraseContributionsOf(trx, personId);
      await eraseReturnPeople(trx, personId);
    },
  },
  figures: [
    {
      id: 'outcomes.checkins',
      labelKey: 'outcomes.figures.checkins',
      definitionKey: 'outcomes.figures.checkins.definition',
      unit: 'count',
      href: (slug) => `/places/${slug}/reports`,
      value: async (db, placeId, period) => (await checkinOutputs(db, { placeId, ...daysOf(period) })).checkins,
    },
  ],
  participants(db, placeId, period) {
    const days = daysOf(period);
    return checkedInBetween(db, placeId, days.from, days.to) as unknown as ParticipantsQuery;
  },
  demo: demoOutcomes,
};
