import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { KithModule } from '../module.js';
import { ERASED_PERSON } from '../../platform/audit/index.js';
import { grantsCommands } from './cli.js';
import { demoGrants } from './demo.js';
import { messages } from './messages.js';
import { grantsPolicy } from './policy.js';
import { applyRoutes } from './routes/apply.js';
import { fileRoutes } from './routes/files.js';
import { awardRoutes } from './routes/awards.js';
import { equalityRoutes } from './routes/equality.js';
import { remindMonitoring } from './awards.js';
import { manageRoutes } from './routes/manage.js';
import { migrations } from './schema.js';
import { applicationsBy, ballotsBy, eraseApplicant, scoresBy } from './store.js';

/** Commands a browser journey uses to set a round up without clicking through every form first. */
export { addToPanel, createRound, shortlist, startApplication } from './grants.js';

export const grantsModule: KithModule = {
  name: 'grants',
  migrations,
  messages,
  policy: grantsPolicy,
  viewsDir: path.join(import.meta.dirname, 'views'),
  async routes(app, kith) {
    applyRoutes(app, kith);
    manageRoutes(app, kith);
    await fileRoutes(app, kith);
    awardRoutes(app, kith);
    equalityRoutes(app, kith);
  },
  placeLinks(_request, place) {
    // The rounds and the awards are public: anyone may see them.
    return [
      { key: 'grants.links.home', hintKey: 'grants.links.home.hint', href: `/places/${place.slug}/grants`, order: 60 },
    ];
  },
  personalData: {
    async export(db, personId) {
      return {
        grantApplications: (await applicationsBy(db, null, personId)).map((a) => ({
          projectTitle: a.projectTitle,
          summary: a.summary,
          groupName: a.groupName,
          hostName: a.hostName,
          amountPence: a.amountPence,
          budget: a.budgetLines,
          answers: a.answers,
          status: a.status,
          submittedAt: a.submittedAt,
          createdAt: a.createdAt,
        })),
        grantBallots: await ballotsBy(db, personId),
        grantPanelScores: await scoresBy(db, personId),
      };
    },
    /**
     * Drafts go; ballots go (a published result keeps its counts in the decisions); submitted
     * and decided applications, scores and declarations stay as the record of public money,
     * with the person replaced by a stand-in no one can trace back.
     */
    async erase(trx, personId) {
      await eraseApplicant(trx, personId, `${ERASED_PERSON}:${randomUUID()}`);
    },
  },
  figures: [
    {
      id: 'grants.awarded',
      labelKey: 'grants.awarded',
      definitionKey: 'grants.awarded.definition',
      unit: 'count',
      href: (slug) => `/places/${slug}/grants`,
      async value(db, placeId, period) {
        const row = await db
          .selectFrom('grant_decisions')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('place_id', '=', placeId)
          .where('outcome', 'in', ['full', 'part'])
          .where('decided_at', '>=', period.from)
          .where('decided_at', '<', period.to)
          .executeTakeFirst();
        return Number(row?.n ?? 0);
      },
    },
    {
      id: 'grants.amountAwarded',
      labelKey: 'grants.amountAwarded',
      definitionKey: 'grants.amountAwarded.definition',
      unit: 'pence',
      async value(db, placeId, period) {
        const row = await db
          .selectFrom('grant_decisions')
          .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount_pence'), eb.lit(0)).as('total'))
          .where('place_id', '=', placeId)
          .where('decided_at', '>=', period.from)
          .where('decided_at', '<', period.to)
          .executeTakeFirst();
        return Number(row?.total ?? 0);
      },
    },
    {
      id: 'grants.voters',
      labelKey: 'grants.voters',
      definitionKey: 'grants.voters.definition',
      unit: 'people',
      async value(db, placeId, period) {
        const row = await db
          .selectFrom('grant_ballots')
          .select((eb) => eb.fn.count<number>('person_id').distinct().as('n'))
          .where('place_id', '=', placeId)
          .where('updated_at', '>=', period.from)
          .where('updated_at', '<', period.to)
          .executeTakeFirst();
        return Number(row?.n ?? 0);
      },
    },
  ],
  /** Who took part: applicants who submitted, panel members who scored, residents who voted. */
  participants(db, placeId, period) {
    return db
      .selectFrom('grant_applications')
      .select('applicant_id as person_id')
      .where('place_id', '=', placeId)
      .where('submitted_at', '>=', period.from)
      .where('submitted_at', '<', period.to)
      .unionAll(
        db
          .selectFrom('grant_scores')
          .select('person_id')
          .where('place_id', '=', placeId)
          .where('scored_at', '>=', period.from)
          .where('scored_at', '<', period.to),
      )
      .unionAll(
        db
          .selectFrom('grant_ballots')
          .select('person_id')
          .where('place_id', '=', placeId)
          .where('updated_at', '>=', period.from)
          .where('updated_at', '<', period.to),
      );
  },
  jobs: {
    'grants/monitoring': async (_payload, { kith }) => {
      await remindMonitoring(kith);
    },
  },
  // An award's end date is a day: once a day is soon enough to ask for its monitoring form.
  schedules: [{ kind: 'grants/monitoring', everyMinutes: 24 * 60 }],
  commands: grantsCommands,
  demo: demoGrants,
};
