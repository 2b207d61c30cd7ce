import path from 'node:path';
import type { FastifyRequest } from 'fastify';
import type { Kith } from '../../kith.js';
import { ERASED_PERSON } from '../../platform/audit/index.js';
import type { Explainer } from '../../web/explain.js';
import type { KithModule } from '../module.js';
import { ensureLibrary } from './library.js';
import { demoLibrary } from './demo.js';
import { messages } from './messages.js';
import { libraryPolicy } from './policy.js';
import { explainerOf, libraryBase } from './present.js';
import { caseRoutes } from './routes/cases.js';
import { feedRoutes } from './routes/feed.js';
import { glossaryRoutes } from './routes/glossary.js';
import { guideRoutes } from './routes/guides.js';
import { libraryCommands } from './cli.js';
import { migrations } from './schema.js';
import { eraseCasesOf, eraseFollowUpsOf, followUpsBy, casesSubmittedBy, termsOf } from './store.js';

export { draftCaseFromAnswer } from './library.js';

/**
 * The place's glossary as explanations for a page: `explainer.first(key)` gives a term's
 * explanation (a details element) the first time the page asks, and nothing after, so a
 * word repeated down a list is explained once. Keys are the glossary's, which for the
 * typology of social action are the directory's codes ("co-production").
 */
export async function explainerFor(
  kith: Kith,
  request: FastifyRequest,
  place: { id: string; slug: string },
): Promise<Explainer> {
  await ensureLibrary(kith, place.id);
  return explainerOf(request, place.slug, await termsOf(kith.db.kysely, place.id));
}

export const libraryModule: KithModule = {
  name: 'library',
  migrations,
  messages,
  policy: libraryPolicy,
  viewsDir: path.join(import.meta.dirname, 'views'),
  routes(app, kith) {
    feedRoutes(app, kith);
    glossaryRoutes(app, kith);
    guideRoutes(app, kith);
    caseRoutes(app, kith);
  },
  placeLinks(_request, place) {
    return [
      {
        key: 'library.links.home',
        hintKey: 'library.links.home.hint',
        href: libraryBase(place.slug),
        order: 80,
      },
    ];
  },
  commands: libraryCommands,
  personalData: {
    async export(db, personId) {
      return {
        caseStudiesSubmitted: (await casesSubmittedBy(db, null, personId)).map((c) => ({
          title: c.title,
          status: c.status,
          createdAt: c.createdAt,
        })),
        weTriedThisToo: (await followUpsBy(db, personId)).map((f) => ({
          location: f.location,
          whatHappened: f.whatHappened,
          whatDifferently: f.whatDifferently,
          createdAt: f.createdAt,
        })),
      };
    },
    /** Case studies are about a project, not the person: they stay, without the link to who wrote them. */
    async erase(trx, personId) {
      await eraseCasesOf(trx, personId);
      await eraseFollowUpsOf(trx, personId, ERASED_PERSON);
    },
  },
  demo: demoLibrary,
};
