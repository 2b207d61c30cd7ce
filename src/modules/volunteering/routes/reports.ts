import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kith } from '../../../kith.js';
import { csvLine } from '../../../platform/csv.js';
import { suppressCount, suppressRow } from '../../../platform/suppression.js';
import { organisationSummariesByIds } from '../../directory/index.js';
import { hoursText } from '../record.js';
import { cellKey, hoursTable, monthsUpTo, retention, withheldHours, type Withheld } from '../report.js';
import { confirmedByMonth, volunteerSpans } from '../hours-store.js';
import { organisationFor, placeFor, viewWith, type PlaceContext } from './context.js';
import { shortMonth, todayInPlace } from '../../../platform/dates.js';

const MONTHS = 12;

/**
 * Hours by month and organisation, volunteers and retention: the place's for officers
 * and admins, an organisation's for its coordinators. Numbers only, never names.
 */
export function reportRoutes(app: FastifyInstance, kith: Kith) {
  const db = () => kith.db.kysely;

  async function build(ctx: PlaceContext, organisationId: string | null) {
    const today = todayInPlace();
    const months = monthsUpTo(today, MONTHS);
    const [rows, spans] = await Promise.all([
      confirmedByMonth(db(), ctx.place.id, organisationId, months[0]!),
      volunteerSpans(db(), ctx.place.id, organisationId),
    ]);
    const table = hoursTable(rows, months);
    const names = await organisationSummariesByIds(
      db(),
      ctx.place.id,
      table.organisations.map((o) => o.organisationId),
    );
    const active = spans.filter((s) => s.last >= `${months[0]}-01`).length;
    // An organisation's coordinators confirmed each hour themselves; beyond it, no number stands for fewer than 5 volunteers.
    const withheld: Withheld = organisationId
      ? { cells: new Set(), organisations: new Set(), months: new Set(), total: false }
      : withheldHours(rows, months);
    return {
      months,
      withheld,
      table: {
        ...table,
        organisations: table.organisations
          .map((o) => ({ ...o, name: names.get(o.organisationId)?.name ?? '' }))
          .sort((a, b) => a.name.localeCompare(b.name)),
      },
      volunteers: spans.length,
      active,
      three: retention(spans, today, 3),
      six: retention(spans, today, 6),
    };
  }

  async function show(
    request: FastifyRequest,
    reply: FastifyReply,
    ctx: PlaceContext,
    organisationId: string | null,
    title: string,
    csvHref: string,
  ) {
    const r = await build(ctx, organisationId);
    const { withheld } = r;
    const fewer = request.t('volunteering.report.fewerVolunteers');
    const cell = (minutes: number, hidden: boolean) => ({
      text: hidden ? fewer : hoursText(minutes),
      format: 'numeric',
    });
    const head = [
      { text: request.t('volunteering.report.organisation') },
      ...r.months.map((m) => ({ text: shortMonth(m, request.lang), format: 'numeric' })),
      { text: request.t('volunteering.report.total'), format: 'numeric' },
    ];
    const rows = [
      ...r.table.organisations.map((o) => [
        { text: o.name },
        ...o.months.map((m, i) => cell(m, withheld.cells.has(cellKey(o.organisationId, r.months[i]!)))),
        cell(o.total, withheld.organisations.has(o.organisationId)),
      ]),
      [
        { text: request.t('volunteering.report.total') },
        ...r.table.monthTotals.map((m, i) => cell(m, withheld.months.has(r.months[i]!))),
        cell(r.table.total, withheld.total),
      ],
    ];
    // Kith's one rule for small numbers: no count of fewer than 5 volunteers, and no
    // share from which one could be worked out (those who stayed, or those who left).
    const people = (n: number) => String(suppressCount(n) ?? request.t('volunteering.report.fewer'));
    const percent = (x: { percent: number | null; retained: number; cohort: number }) => {
      if (x.percent === null) return request.t('volunteering.report.tooSoon');
      if (suppressRow([x.retained, x.cohort - x.retained]).cells.includes(null))
        return request.t('volunteering.report.tooFew');
      return request.t('volunteering.report.retained', {
        percent: String(x.percent),
        retained: String(x.retained),
        cohort: String(x.cohort),
      });
    };
    return viewWith(reply, ctx, 'volunteering/report.njk', {
      pageTitle: title,
      head,
      rows,
      summary: [
        [request.t('volunteering.report.volunteers'), people(r.volunteers)],
        [request.t('volunteering.report.active'), people(r.active)],
        [request.t('volunteering.report.hours'), withheld.total ? fewer : hoursText(r.table.total)],
        [request.t('volunteering.report.three'), percent(r.three)],
        [request.t('volunteering.report.six'), percent(r.six)],
      ],
      withheldAny: withheld.cells.size > 0 || withheld.total,
      csvHref,
    });
  }

  async function csv(reply: FastifyReply, ctx: PlaceContext, organisationId: string | null, file: string) {
    const r = await build(ctx, organisationId);
    const { withheld } = r;
    // A withheld number is an empty cell, as the open data's small numbers are.
    const value = (minutes: number, hidden: boolean) => (hidden ? '' : hoursText(minutes));
    let body = csvLine(['organisation', ...r.months, 'total_hours']);
    for (const o of r.table.organisations)
      body += csvLine([
        o.name,
        ...o.months.map((m, i) => value(m, withheld.cells.has(cellKey(o.organisationId, r.months[i]!)))),
        value(o.total, withheld.organisations.has(o.organisationId)),
      ]);
    body += csvLine([
      'total',
      ...r.table.monthTotals.map((m, i) => value(m, withheld.months.has(r.months[i]!))),
      value(r.table.total, withheld.total),
    ]);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${file}"`)
      .header('cache-control', 'no-store')
      .send(body);
  }

  app.get('/places/:place/volunteering/reports', async (request, reply) => {
    const ctx = await placeFor(kith, request, 'volunteers.report');
    return show(
      request,
      reply,
      ctx,
      null,
      request.t('volunteering.report.title', { name: ctx.name }),
      `${ctx.base}/reports.csv`,
    );
  });
  app.get('/places/:place/volunteering/reports.csv', async (request, reply) => {
    const ctx = await placeFor(kith, request, 'volunteers.report');
    return csv(reply, ctx, null, `volunteering-hours-${ctx.place.slug}.csv`);
  });
  app.get('/places/:place/volunteering/manage/:organisation/report', async (request, reply) => {
    const ctx = await organisationFor(kith, request);
    return show(
      request,
      reply,
      ctx,
      ctx.organisation.id,
      request.t('volunteering.report.title', { name: ctx.organisation.name }),
      `${ctx.manage}/report.csv`,
    );
  });
  app.get('/places/:place/volunteering/manage/:organisation/report.csv', async (request, reply) => {
    const ctx = await organisationFor(kith, request);
    return csv(reply, ctx, ctx.organisation.id, 'volunteering-hours.csv');
  });
}
