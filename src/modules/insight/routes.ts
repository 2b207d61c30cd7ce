/**
 * The place in figures, for officers and admins: the headline figures for the last
 * twelve months beside the twelve before, each opening its breakdown month by month,
 * and every figure with its definition as CSV and JSON for a council's open-data portal.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { NotFoundError } from '../../errors.js';
import type { Kith } from '../../kith.js';
import { csvDocument } from '../../platform/csv.js';
import { addDays, formatDate, lastTwelveMonths, longDate, todayInPlace } from '../../platform/dates.js';
import { placeContext, viewInPlace, type PlaceContext } from '../../web/place.js';
import { periodOfDays, type FigureDefinition } from '../module.js';
import { barChart } from '../prescribing/index.js';
import {
  figuresFor,
  HOURS_GIVEN,
  hoursGivenBySource,
  PEOPLE_TAKING_PART,
  peopleByModule,
  placeFigureDefinitions,
  trendOf,
} from './place-figures.js';
import { hoursOf, unitText, valueText, withheldText } from './present.js';

export function insightRoutes(app: FastifyInstance, kith: Kith) {
  const db = () => kith.db.kysely;
  const definitions = () => placeFigureDefinitions(kith.modules);
  const context = (request: FastifyRequest) =>
    placeContext(kith, request, { section: 'insight', action: 'insight.view' });

  /** This year's figures and last year's, for the same twelve months a year earlier. */
  async function headline(ctx: PlaceContext) {
    const today = todayInPlace();
    const now = lastTwelveMonths(today);
    const before = lastTwelveMonths(addDays(now.from, -1));
    const [current, previous] = await Promise.all([
      figuresFor(db(), definitions(), ctx.place.id, periodOfDays(now.from, now.to)),
      figuresFor(db(), definitions(), ctx.place.id, periodOfDays(before.from, before.to)),
    ]);
    return { today, now, before, current, previous };
  }

  app.get('/places/:place/insight', async (request, reply) => {
    const ctx = await context(request);
    const h = await headline(ctx);
    const { t, lang } = request;
    return viewInPlace(reply, ctx, 'insight/home.njk', {
      pageTitle: t('insight.title', { place: ctx.name }),
      period: t('insight.period', { from: longDate(h.now.from, lang), to: longDate(h.now.to, lang) }),
      before: t('insight.periodBefore', { from: longDate(h.before.from, lang), to: longDate(h.before.to, lang) }),
      rows: h.current.map(({ figure, value }, i) => ({
        label: t(figure.labelKey),
        unit: unitText(t, figure.unit),
        href: `${ctx.base}/figures/${figure.id}`,
        value: valueText(t, lang, figure.unit, value),
        previous: valueText(t, lang, figure.unit, h.previous[i]!.value),
      })),
    });
  });

  app.get('/places/:place/insight/figures/:figure', async (request, reply) => {
    const ctx = await context(request);
    const figure = definitions().find((f) => f.id === (request.params as { figure: string }).figure);
    if (!figure) throw new NotFoundError();
    const { t, lang } = request;
    const today = todayInPlace();
    const span = lastTwelveMonths(today);
    const period = periodOfDays(span.from, span.to);
    const [[total], trend] = await Promise.all([
      figuresFor(db(), [figure], ctx.place.id, period),
      trendOf(db(), figure, ctx.place.id, today),
    ]);
    const text = (value: number | null) => valueText(t, lang, figure.unit, value);
    // "January 2026", as Kith writes dates; the downloads keep 2026-01 for machines.
    const monthName = (month: string) => formatDate(`${month}-01`, lang, { month: 'long', year: 'numeric' });
    const label = t(figure.labelKey);
    const chartValue = (v: number | null) => (v === null ? null : figure.unit === 'minutes' ? hoursOf(v) : v);
    const chart = barChart({
      title: t('insight.figure.chartTitle', { figure: label }),
      desc: t('insight.figure.chartDesc', { figure: label }),
      bars: trend.map((m) => ({
        label: monthName(m.month),
        value: chartValue(m.value),
        note: m.value === null ? withheldText(t, figure.unit) : undefined,
      })),
      format: (v) => text(figure.unit === 'minutes' ? v * 60 : v),
    });
    let parts: Array<{ label: string; value: string }> = [];
    if (figure.id === HOURS_GIVEN) {
      parts = (await hoursGivenBySource(db(), kith.modules, ctx.place.id, period)).map((p) => ({
        label: t(p.labelKey),
        value: text(p.minutes),
      }));
    } else if (figure.id === PEOPLE_TAKING_PART) {
      parts = (await peopleByModule(db(), kith.modules, ctx.place.id, period)).map((p) => ({
        label: t(`${p.module}.figures.participants`),
        value: text(p.people),
      }));
    }
    return viewInPlace(reply, ctx, 'insight/figure.njk', {
      pageTitle: label,
      definition: t(figure.definitionKey),
      unit: unitText(t, figure.unit),
      period: t('insight.period', { from: longDate(span.from, lang), to: longDate(span.to, lang) }),
      total: text(total!.value),
      chart,
      months: trend.map((m) => ({ month: monthName(m.month), value: text(m.value) })),
      parts,
      partsCaption: t(figure.id === HOURS_GIVEN ? 'insight.figure.bySource' : 'insight.figure.byModule'),
      moduleHref: figure.href?.(ctx.place.slug),
    });
  });

  /** Every figure, its definition, the period's value and the months', for an open-data portal. */
  async function openData(request: FastifyRequest, ctx: PlaceContext) {
    const today = todayInPlace();
    const span = lastTwelveMonths(today);
    const defs = definitions();
    const [values, trends] = await Promise.all([
      figuresFor(db(), defs, ctx.place.id, periodOfDays(span.from, span.to)),
      Promise.all(defs.map((f) => trendOf(db(), f, ctx.place.id, today))),
    ]);
    const { t } = request;
    const published = (f: FigureDefinition, v: number | null) =>
      v === null ? null : f.unit === 'minutes' ? hoursOf(v) : v;
    return {
      place: ctx.place.slug,
      from: span.from,
      to: span.to,
      suppression: t('insight.suppression'),
      figures: values.map(({ figure, value }, i) => ({
        id: figure.id,
        label: t(figure.labelKey),
        definition: t(figure.definitionKey),
        unit: figure.unit === 'minutes' ? 'hours' : figure.unit,
        value: published(figure, value),
        months: trends[i]!.map((m) => ({ month: m.month, value: published(figure, m.value) })),
      })),
    };
  }

  app.get('/places/:place/insight/figures.json', async (request, reply) => {
    const ctx = await context(request);
    return reply.header('cache-control', 'private, no-store').send(await openData(request, ctx));
  });

  app.get('/places/:place/insight/figures.csv', async (request, reply) => {
    const ctx = await context(request);
    const data = await openData(request, ctx);
    const { t } = request;
    const months = data.figures[0]?.months.map((m) => m.month) ?? [];
    const csv = csvDocument(
      [
        t('insight.csv.id'),
        t('insight.csv.figure'),
        t('insight.csv.definition'),
        t('insight.csv.unit'),
        t('insight.csv.period', { from: data.from, to: data.to }),
        ...months,
      ],
      data.figures.map((f) => [
        f.id,
        f.label,
        f.definition,
        f.unit,
        f.value ?? withheldText(t, f.unit as FigureDefinition['unit']),
        ...f.months.map((m) => m.value ?? withheldText(t, f.unit as FigureDefinition['unit'])),
      ]),
    );
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${ctx.place.slug}-figures-${data.to}.csv"`)
      .header('cache-control', 'private, no-store')
      .send(csv);
  });
}
