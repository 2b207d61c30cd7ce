import path from 'node:path';
import type { KithModule } from '../module.js';
import { messages } from './messages.js';
import { insightPolicy } from './policy.js';
import { insightRoutes } from './routes.js';

export { placeFigureDefinitions, HOURS_GIVEN, PEOPLE_TAKING_PART } from './place-figures.js';

/**
 * Insight and equality (capability 13): the place in figures. It holds no data of its
 * own: every figure comes from the module that records it, through the module contract.
 */
export const insightModule: KithModule = {
  name: 'insight',
  messages,
  policy: insightPolicy,
  viewsDir: path.join(import.meta.dirname, 'views'),
  routes: insightRoutes,
  placeLinks(request, place) {
    if (!request.server.kith.policy.can(request.actor, 'insight.view', place)) return [];
    return [
      {
        key: 'insight.links.home',
        hintKey: 'insight.links.home.hint',
        href: `/places/${place.slug}/insight`,
        order: 1,
      },
    ];
  },
};
