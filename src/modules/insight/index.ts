import path from 'node:path';
import type { Queryable } from '../../db/index.js';
import type { KithModule } from '../module.js';
import { demoInsight } from './demo.js';
import { messages } from './messages.js';
import { insightPolicy } from './policy.js';
import { insightRoutes } from './routes.js';
import { equalityRoutes } from './equality-routes.js';
import { migrations } from './schema.js';
import { answersOf, deleteAnswers } from './store.js';

export { placeFigureDefinitions, HOURS_GIVEN, PEOPLE_TAKING_PART } from './place-figures.js';
export { equalityFiguresOf, type EqualityFigureTable } from './equality-figures.js';

/** Whether a person has answered the equality questions, so a page can invite them or not; never what they said. */
export async function hasAnsweredEquality(db: Queryable, personId: string): Promise<boolean> {
  return (await answersOf(db, personId)) !== undefined;
}

/**
 * Insight and equality (capability 13): the place in figures. Every figure comes from
 * the module that records it, through the module contract; insight keeps only the
 * equality answers people choose to give, counted and never listed.
 */
export const insightModule: KithModule = {
  name: 'insight',
  messages,
  policy: insightPolicy,
  viewsDir: path.join(import.meta.dirname, 'views'),
  migrations,
  routes(app, kith) {
    insightRoutes(app, kith);
    equalityRoutes(app, kith);
  },
  placeLinks(request, place) {
    const links = [];
    if (request.server.kith.policy.can(request.actor, 'insight.view', place))
      links.push({
        key: 'insight.links.home',
        hintKey: 'insight.links.home.hint',
        href: `/places/${place.slug}/insight`,
        order: 1,
      });
    // Anyone signed in may answer the equality questions; they belong to the person, not the place.
    if (request.actor.personId)
      links.push({
        key: 'insight.links.equality',
        hintKey: 'insight.links.equality.hint',
        href: '/account/equality',
        order: 99,
      });
    return links;
  },
  personalData: {
    async export(db, personId) {
      return { equalityAnswers: (await answersOf(db, personId)) ?? null };
    },
    erase: (trx, personId) => deleteAnswers(trx, personId),
  },
  demo: demoInsight,
};
