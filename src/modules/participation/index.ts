import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { KithModule } from '../module.js';
import { ERASED_PERSON } from '../../platform/audit/index.js';
import { participationCommands } from './cli.js';
import { demoParticipation } from './demo.js';
import { messages } from './messages.js';
import { participationPolicy } from './policy.js';
import { ladderRoutes } from './routes/ladder.js';
import { manageRoutes } from './routes/manage.js';
import { publicRoutes } from './routes/public.js';
import { migrations } from './schema.js';
import { eraseParticipant, everythingOf } from './store.js';

/** Commands a browser journey uses to set a process up without clicking through every form first. */
export { addPhase, createDecision, createProcess, propose, suggestAmendment } from './participation.js';

/**
 * Participation and co-production (capability 11): processes with phases that say plainly
 * what residents can do and how much say they have; proposals, amendments, comments and
 * supports; decisions by support threshold or approval vote, recountable from what is
 * stored; "you said, we did"; and the ladder-of-participation self-assessment.
 */
export const participationModule: KithModule = {
  name: 'participation',
  migrations,
  messages,
  policy: participationPolicy,
  viewsDir: path.join(import.meta.dirname, 'views'),
  routes(app, kith) {
    manageRoutes(app, kith);
    ladderRoutes(app, kith);
    publicRoutes(app, kith);
  },
  placeLinks(_request, place) {
    return [
      {
        key: 'participation.links.home',
        hintKey: 'participation.links.home.hint',
        href: `/places/${place.slug}/participation`,
        order: 65,
      },
    ];
  },
  personalData: {
    export: (db, personId) => everythingOf(db, personId),
    /**
     * Comments and pending suggestions go; proposals, supports and ballots stay as the
     * record of what residents asked for and decided (a published count must still add
     * up), with the person replaced by a stand-in no one can trace back.
     */
    erase: (trx, personId) => eraseParticipant(trx, personId, `${ERASED_PERSON}:${randomUUID()}`),
  },
  figures: [
    {
      id: 'participation.proposals',
      labelKey: 'participation.figures.proposals',
      definitionKey: 'participation.figures.proposals.definition',
      unit: 'count',
      async value(db, placeId, period) {
        const row = await db
          .selectFrom('participation_proposals')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('place_id', '=', placeId)
          .where('hidden_at', 'is', null)
          .where('created_at', '>=', period.from)
          .where('created_at', '<', period.to)
          .executeTakeFirst();
        return Number(row?.n ?? 0);
      },
    },
    {
      id: 'participation.voters',
      labelKey: 'participation.figures.voters',
      definitionKey: 'participation.figures.voters.definition',
      unit: 'people',
      async value(db, placeId, period) {
        const rows = await db
          .selectFrom('participation_ballots')
          .select('person_id')
          .where('place_id', '=', placeId)
          .where('updated_at', '>=', period.from)
          .where('updated_at', '<', period.to)
          .union(
            db
              .selectFrom('participation_supports')
              .select('person_id')
              .where('place_id', '=', placeId)
              .where('created_at', '>=', period.from)
              .where('created_at', '<', period.to),
          )
          .execute();
        return rows.length;
      },
    },
  ],
  /** Who took part: residents who proposed, commented, supported or voted. */
  participants(db, placeId, period) {
    return db
      .selectFrom('participation_proposals')
      .select('author_id as person_id')
      .where('place_id', '=', placeId)
      .where('created_at', '>=', period.from)
      .where('created_at', '<', period.to)
      .unionAll(
        db
          .selectFrom('participation_comments')
          .select('author_id as person_id')
          .where('place_id', '=', placeId)
          .where('created_at', '>=', period.from)
          .where('created_at', '<', period.to),
      )
      .unionAll(
        db
          .selectFrom('participation_supports')
          .select('person_id')
          .where('place_id', '=', placeId)
          .where('created_at', '>=', period.from)
          .where('created_at', '<', period.to),
      )
      .unionAll(
        db
          .selectFrom('participation_ballots')
          .select('person_id')
          .where('place_id', '=', placeId)
          .where('updated_at', '>=', period.from)
          .where('updated_at', '<', period.to),
      );
  },
  commands: participationCommands,
  demo: demoParticipation,
};
