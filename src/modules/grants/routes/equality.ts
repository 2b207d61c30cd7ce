/**
 * Who applied to a round, from the equality questions applicants chose to answer: counts
 * only, for the place's officers, with small numbers held back. The answers belong to the
 * person (insight keeps them); nothing here lists them or puts them beside an application.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kith } from '../../../kith.js';
import { csvDocument } from '../../../platform/csv.js';
import { equalityFiguresOf } from '../../insight/index.js';
import { applicantsOf, type Round } from '../store.js';
import { grantsPlace, roundIn, view } from './context.js';

export function equalityRoutes(app: FastifyInstance, kith: Kith) {
  const db = () => kith.db.kysely;

  async function figures(request: FastifyRequest) {
    const ctx = await grantsPlace(kith, request, 'smallGrants.manage');
    const round: Round = await roundIn(kith, request, ctx);
    const { t } = request;
    const shown = (n: number | null) => (n === null ? t('grants.equality.heldBack') : String(n));
    const tables = (await equalityFiguresOf(db(), applicantsOf(db(), round.id))).map((table) => ({
      question: t(table.titleKey),
      rows: table.rows.map((r) => ({ label: t(r.labelKey), count: shown(r.count) })),
      total: shown(table.total),
    }));
    return { ctx, round, tables };
  }

  app.get('/places/:place/grants/rounds/:round/equality', async (request, reply) => {
    const { ctx, round, tables } = await figures(request);
    return view(reply, ctx, 'grants/equality.njk', {
      pageTitle: request.t('grants.equality.title'),
      round,
      tables,
    });
  });

  app.get('/places/:place/grants/rounds/:round/equality.csv', async (request, reply) => {
    const { ctx, round, tables } = await figures(request);
    const { t } = request;
    const csv = csvDocument(
      [t('grants.equality.csv.question'), t('grants.equality.csv.answer'), t('grants.equality.csv.applicants')],
      tables.flatMap((table) => [
        ...table.rows.map((r) => [table.question, r.label, r.count]),
        [table.question, t('grants.equality.total'), table.total],
      ]),
    );
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${ctx.place.slug}-round-equality-${round.id}.csv"`)
      .header('cache-control', 'private, no-store')
      .send(csv);
  });
}
