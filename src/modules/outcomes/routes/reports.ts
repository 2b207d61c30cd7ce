/**
 * Reports for commissioners: a programme or the whole place over a period, as a page,
 * a CSV and a PDF. Officers and admins only, and aggregates only: a report never holds
 * a row about one person, and counts under 5 are suppressed before they are drawn.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { NotFoundError } from '../../../errors.js';
import type { Kith } from '../../../kith.js';
import { recordAudit } from '../../../platform/audit/index.js';
import { lastTwelveMonths, todayInPlace } from '../../../platform/dates.js';
import { parseInput } from '../../../web/forms.js';
import { explainerFor } from '../../library/index.js';
import { withDate } from '../../prescribing/index.js';
import { namesOf } from '../people.js';
import { countableFigures } from '../measures.js';
import { buildReport } from '../report.js';
import { presentReport, reportCsv, reportPdf } from '../report-output.js';
import { ReportQuery } from '../inputs.js';
import { programmesOf } from '../store.js';
import { me, placeFor, viewWith, type PlaceContext } from './context.js';

/** The last twelve months up to today in the place, when no period is asked for: the place's figures use the same. */
const defaultPeriod = () => lastTwelveMonths(todayInPlace());

const parts = (date: string) => {
  const [year, month, day] = date.split('-');
  return { day: String(Number(day)), month: String(Number(month)), year: year! };
};

export function reportRoutes(app: FastifyInstance, kith: Kith) {
  const db = () => kith.db.kysely;

  async function prepare(request: FastifyRequest, ctx: PlaceContext) {
    const query = (request.query ?? {}) as Record<string, unknown>;
    const asked = 'from-year' in query || 'from' in query;
    const input = asked ? withDate(withDate(query, 'from'), 'to') : { ...defaultPeriod(), scope: query.scope };
    const parsed = parseInput(ReportQuery, input);
    if (!parsed.ok) return { errors: parsed.errors, input };
    const report = await buildReport(
      kith.db,
      { placeId: ctx.place.id, ...parsed.value },
      countableFigures(kith.modules),
    );
    if (!report) throw new NotFoundError();
    const names = await namesOf(db(), [...new Set(report.stories.map((s) => s.authorId))]);
    return {
      query: parsed.value,
      presented: presentReport(request.t, request.lang, report, { placeName: ctx.name, authorNames: names }),
    };
  }

  const queryString = (q: { scope: string; from: string; to: string }) =>
    new URLSearchParams({ scope: q.scope, from: q.from, to: q.to }).toString();

  app.get('/places/:place/reports', async (request, reply) => {
    const ctx = await placeFor(kith, request, 'impact.report');
    const prepared = await prepare(request, ctx);
    const programmes = await programmesOf(db(), ctx.place.id);
    const period = prepared.query ?? defaultPeriod();
    const input = prepared.input as Record<string, unknown> | undefined;
    const scope = String(prepared.query?.scope ?? input?.scope ?? 'place');
    // A commissioner's words (outputs, wellbeing, outcomes) explained under their headings, for a reader new to them.
    const explainer = await explainerFor(kith, request, ctx.place);
    return viewWith(
      reply,
      ctx,
      'outcomes/report.njk',
      {
        pageTitle: prepared.presented?.title ?? request.t('outcomes.report.heading'),
        report: prepared.presented,
        explained: {
          outputs: explainer.first('outputs'),
          wellbeing: explainer.first('wellbeing'),
          outcomes: explainer.first('outcomes'),
        },
        scopes: [
          { value: 'place', text: request.t('outcomes.report.scope.wholePlace', { place: ctx.name }) },
          ...programmes.map((p) => ({ value: p.id, text: p.name })),
        ].map((s) => ({ ...s, selected: s.value === scope })),
        from:
          input && 'from-day' in input
            ? { day: input['from-day'], month: input['from-month'], year: input['from-year'] }
            : parts(period.from),
        to:
          input && 'to-day' in input
            ? { day: input['to-day'], month: input['to-month'], year: input['to-year'] }
            : parts(period.to),
        downloads: prepared.query ? `?${queryString(prepared.query)}` : '',
        errors: prepared.errors,
        fieldIds: { from: 'from-day', to: 'to-day' },
      },
      prepared.errors ? 400 : 200,
    );
  });

  for (const format of ['csv', 'pdf'] as const) {
    app.get(`/places/:place/reports.${format}`, async (request, reply) => {
      const ctx = await placeFor(kith, request, 'impact.report');
      const prepared = await prepare(request, ctx);
      if (!prepared.presented || !prepared.query) return reply.seeOther(`/places/${ctx.place.slug}/reports`);
      const name = `kith-report-${ctx.place.slug}-${prepared.query.from}-${prepared.query.to}.${format}`;
      await recordAudit(db(), {
        placeId: ctx.place.id,
        actorId: me(request),
        action: 'report.downloaded',
        detail: { format, from: prepared.query.from, to: prepared.query.to },
      });
      reply.header('content-disposition', `attachment; filename="${name}"`).header('cache-control', 'no-store');
      if (format === 'csv')
        return reply.type('text/csv; charset=utf-8').send(`\ufeff${reportCsv(request.t, prepared.presented)}`);
      return reply.type('application/pdf').send(await reportPdf(request.t, request.lang, prepared.presented, ctx.name));
    });
  }
}
