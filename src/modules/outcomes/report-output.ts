/**
 * A report in the reader's words, then as a web page's data, a CSV and a PDF. The
 * figures arrive suppressed (report.ts); this file only words and draws them.
 */
import { quarterLabel, shortMonth } from '../../platform/dates.js';
import type { Translate } from '../../web/i18n.js';
import { formatDate } from '../../web/render.js';
import { renderPdf, type PdfWriter } from '../../web/pdf.js';
import { barChart, lineChart } from '../prescribing/index.js';
import { measureText } from './measures.js';
import type { Report } from './report.js';
import type { FigureDefinition } from '../module.js';
import { signed } from './stats.js';

export const monthText = shortMonth;

export function presentReport(
  t: Translate,
  lang: string,
  report: Report,
  context: { placeName: string; authorNames: ReadonlyMap<string, string | null> },
) {
  const count = (n: number | null) =>
    n === null ? t('outcomes.report.suppressed') : n.toLocaleString(lang === 'cy' ? 'cy-GB' : 'en-GB');
  /** A figure in its unit: hours from minutes, pounds from pence, people and things as counts. */
  const figureText = (unit: FigureDefinition['unit'], value: number | null) =>
    value === null
      ? t(unit === 'minutes' || unit === 'pence' ? 'outcomes.report.suppressedGiven' : 'outcomes.report.suppressed')
      : unit === 'minutes'
        ? t('outcomes.report.hoursValue', { hours: count(Math.round(value / 60)) })
        : unit === 'pence'
          ? new Intl.NumberFormat(lang === 'cy' ? 'cy-GB' : 'en-GB', { style: 'currency', currency: 'GBP' }).format(
              value / 100,
            )
          : count(value);
  const dateText = (d: string) => formatDate(`${d}T12:00:00Z`, lang, { dateStyle: 'long' });
  const scopeText =
    report.scope.kind === 'place'
      ? t('outcomes.report.scope.place', { place: context.placeName })
      : t('outcomes.report.scope.programme', { name: report.scope.name, activities: report.scope.activities });
  const o = report.outputs;
  const outputs: Array<[string, string]> = [
    [t('outcomes.report.sessions'), count(o.sessions)],
    [t('outcomes.report.checkins'), count(o.checkins)],
    [t('outcomes.report.peopleReferred'), count(o.peopleReferred)],
    [t('outcomes.report.referralsTotal'), count(o.referralsTotal)],
    [
      t('outcomes.report.hoursGiven'),
      o.hoursGiven === undefined ? t('outcomes.report.hoursNotForProgramme') : figureText('minutes', o.hoursGiven),
    ],
    ...o.alongside.map((f): [string, string] => [t(f.labelKey), figureText(f.unit, f.value)]),
  ];
  const referrals = o.referrals.map((r) => ({
    label: t(`prescribing.status.${r.status}`),
    value: r.n,
    text: count(r.n),
  }));
  const referralChart = barChart({
    title: t('outcomes.report.referralsChart'),
    desc: referrals.map((r) => `${r.label}: ${r.text}`).join('; '),
    bars: referrals.map((r) => ({
      label: r.label,
      value: r.value,
      note: r.value === null ? t('outcomes.report.suppressed') : undefined,
    })),
  });

  const wellbeing = report.wellbeing.map((w) => {
    const rows = w.items.map((i) => {
      const c = i.change;
      const label = t(`prescribing.ons4.short.${i.item}`);
      if (c.confidence === 'suppressed')
        return {
          label,
          change: t('outcomes.report.suppressed'),
          interval: '',
          value: null as number | null,
          low: undefined,
          high: undefined,
        };
      return {
        label,
        change: signed(c.mean),
        interval: t('outcomes.report.interval', { low: signed(c.low), high: signed(c.high) }),
        value: c.mean,
        low: c.low,
        high: c.high,
      };
    });
    const small = w.items[0]!.change.confidence === 'small';
    return {
      timepoint: w.timepoint,
      heading: t(`outcomes.report.change.${w.timepoint}`),
      n: count(w.n),
      suppressed: w.n === null,
      caveat:
        w.n === null
          ? t('outcomes.report.wellbeingSuppressed')
          : small
            ? t('outcomes.report.smallNumbers', { n: w.n })
            : t('outcomes.report.notCause'),
      rows,
      chart:
        w.n === null
          ? ''
          : barChart({
              title: t('outcomes.report.wellbeingChart', { when: t(`outcomes.report.change.${w.timepoint}`) }),
              desc: rows.map((r) => `${r.label}: ${r.change} (${r.interval})`).join('; '),
              bars: rows.map((r) => ({ label: r.label, value: r.value, low: r.low, high: r.high })),
              format: signed,
            }),
    };
  });

  const frameworks = report.frameworks.map((f) => ({
    title: f.framework.title,
    outcomes: f.outcomes.map((outcome) => ({
      title: outcome.title,
      indicators: outcome.indicators.map((ir) => {
        const isCount = ir.indicator.measureKind === 'count';
        const points = ir.points.map((p) => ({
          month: monthText(p.month, lang),
          value: p.value === null ? t('outcomes.report.suppressed') : isCount ? String(p.value) : p.value.toFixed(1),
          n: count(p.n),
        }));
        const shown = ir.points.filter((p) => p.value !== null);
        return {
          title: ir.indicator.title,
          measure: measureText(t, lang, ir.indicator, report.instrumentNames, report.figures),
          isCount,
          total:
            ir.figure !== undefined
              ? ir.figure === null
                ? t('outcomes.report.figureNotForProgramme')
                : figureText(ir.figure.unit, ir.figure.value)
              : ir.total === undefined
                ? undefined
                : ir.total === null
                  ? t('outcomes.report.hoursNotForProgramme')
                  : t('outcomes.report.hoursValue', { hours: count(ir.total) }),
          points,
          chart:
            shown.length >= 2
              ? lineChart({
                  title: ir.indicator.title,
                  desc: points.map((p) => `${p.month}: ${p.value}`).join('; '),
                  xLabels: ir.points.map((p) => monthText(p.month, lang)),
                  series: [{ name: ir.indicator.title.slice(0, 24), values: ir.points.map((p) => p.value) }],
                  yMin: isCount ? 0 : ir.indicator.scaleMin,
                  yMax: isCount ? Math.max(5, ...shown.map((p) => p.value!)) : ir.indicator.scaleMax,
                })
              : '',
        };
      }),
    })),
  }));

  const stories = report.stories.map((s) => ({
    id: s.id,
    title: s.title,
    excerpt: s.body.length > 400 ? `${s.body.slice(0, 400)}…` : s.body,
    body: s.body,
    author:
      s.consent === 'named'
        ? (context.authorNames.get(s.authorId) ?? t('outcomes.story.anonymous'))
        : t('outcomes.story.anonymous'),
    date: formatDate(s.createdAt, lang, { dateStyle: 'long' }),
    hasPhoto: s.hasPhoto,
  }));

  const returns = {
    summary: [
      [t('outcomes.report.returnsIn'), count(report.returns.count)],
      [t('outcomes.report.returnsPeople'), count(report.returns.peopleReached)],
      [t('outcomes.report.returnsHours'), count(report.returns.hoursGiven)],
    ] as Array<[string, string]>,
    stories: report.returns.stories.map((r) => ({
      organisation: r.organisation,
      quarter: quarterLabel(r.quarter, lang),
      story: r.story,
    })),
  };

  return {
    title: t('outcomes.report.title', { scope: scopeText }),
    scopeText,
    periodText: t('outcomes.report.period', { from: dateText(report.from), to: dateText(report.to) }),
    outputs,
    referrals,
    referralChart,
    wellbeing,
    frameworks,
    stories,
    returns,
  };
}

export type PresentedReport = ReturnType<typeof presentReport>;

/** A spreadsheet-safe CSV cell: quoted, and a leading =, +, - or @ neutralised. */
export function csvCell(value: string | number): string {
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== String(value) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function reportCsv(t: Translate, p: PresentedReport): string {
  const rows: Array<Array<string | number>> = [
    [
      t('outcomes.csv.section'),
      t('outcomes.csv.measure'),
      t('outcomes.csv.when'),
      t('outcomes.csv.value'),
      t('outcomes.csv.people'),
      t('outcomes.csv.note'),
    ],
  ];
  rows.push([
    t('outcomes.report.title', { scope: p.scopeText }),
    '',
    p.periodText,
    '',
    '',
    t('outcomes.report.suppressionNote'),
  ]);
  for (const [label, value] of p.outputs) rows.push([t('outcomes.report.outputs'), label, '', value, '', '']);
  for (const r of p.referrals) rows.push([t('outcomes.report.referrals'), r.label, '', r.text, r.text, '']);
  // Numbers as numbers (not "+0.7") so a spreadsheet can use them; the interval in the note.
  for (const w of p.wellbeing)
    for (const r of w.rows)
      rows.push([
        t('outcomes.report.wellbeing'),
        r.label,
        w.heading,
        r.value === null ? r.change : Number(r.value.toFixed(2)),
        w.n,
        [
          r.value === null
            ? ''
            : `${t('outcomes.report.intervalHeading')}: ${t('outcomes.report.interval', { low: r.low!.toFixed(2), high: r.high!.toFixed(2) })}`,
          w.caveat,
        ]
          .filter(Boolean)
          .join('. '),
      ]);
  for (const f of p.frameworks)
    for (const o of f.outcomes)
      for (const i of o.indicators) {
        if (i.total !== undefined) rows.push([o.title, i.title, '', i.total, '', i.measure]);
        for (const point of i.points) rows.push([o.title, i.title, point.month, point.value, point.n, i.measure]);
      }
  for (const [label, value] of p.returns.summary) rows.push([t('outcomes.report.returns'), label, '', value, '', '']);
  for (const r of p.returns.stories)
    rows.push([t('outcomes.report.returnsStories'), r.organisation, r.quarter, r.story, '', '']);
  for (const s of p.stories) rows.push([t('outcomes.report.stories'), s.title, s.date, s.body, '', s.author]);
  return rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** Bars drawn straight into the PDF, as the web page's SVG draws them. */
function pdfBars(w: PdfWriter, bars: ReadonlyArray<{ label: string; value: number | null; text: string }>) {
  const { doc } = w;
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const max = Math.max(1, ...bars.map((b) => Math.abs(b.value ?? 0)));
  const min = Math.min(0, ...bars.map((b) => b.value ?? 0));
  const plot = width * 0.45;
  const zero = left + width * 0.38 + (-min / (max - min || 1)) * plot;
  for (const bar of bars) {
    if (doc.y > doc.page.height - doc.page.margins.bottom - 30) doc.addPage();
    const y = doc.y;
    // 'regular' is the Welsh-capable font renderPdf registers.
    doc
      .font('regular')
      .fontSize(10)
      .fillColor('#0b0c0c')
      .text(bar.label, left, y, { width: width * 0.36 });
    if (bar.value !== null) {
      const length = (Math.abs(bar.value) / (max - min || 1)) * plot;
      doc.rect(bar.value >= 0 ? zero : zero - length, y + 1, Math.max(length, 1), 10).fill('#0b5c52');
    }
    doc
      .fillColor('#0b0c0c')
      .fontSize(10)
      .text(bar.text, left + width * 0.85, y, { width: width * 0.15 });
    doc.y = Math.max(doc.y, y + 16);
  }
  doc.x = left;
  doc.moveDown(0.5);
}

export async function reportPdf(
  t: Translate,
  lang: 'en' | 'cy',
  p: PresentedReport,
  placeName: string,
): Promise<Buffer> {
  return renderPdf({ title: p.title, lang, author: placeName, subject: p.periodText }, (w) => {
    w.heading(p.title);
    w.paragraph(p.periodText);
    w.paragraph(t('outcomes.report.suppressionNote'), { secondary: true, size: 10 });
    w.heading(t('outcomes.report.outputs'), 2);
    w.summary(p.outputs);
    w.heading(t('outcomes.report.referrals'), 3);
    pdfBars(w, p.referrals);
    w.heading(t('outcomes.report.wellbeing'), 2);
    for (const wb of p.wellbeing) {
      w.heading(`${wb.heading} (${t('outcomes.report.people', { n: wb.n })})`, 3);
      w.paragraph(wb.caveat, { secondary: true, size: 10 });
      if (!wb.suppressed) {
        w.table(
          [t('outcomes.report.question'), t('outcomes.report.meanChange'), t('outcomes.report.intervalHeading')],
          wb.rows.map((r) => [r.label, r.change, r.interval]),
          [0.4, 0.25, 0.35],
        );
        pdfBars(
          w,
          wb.rows.map((r) => ({ label: r.label, value: r.value, text: r.change })),
        );
      }
    }
    w.heading(t('outcomes.report.outcomes'), 2);
    if (!p.frameworks.length) w.paragraph(t('outcomes.report.noFramework'));
    for (const f of p.frameworks) {
      w.heading(f.title, 3);
      for (const o of f.outcomes) {
        w.paragraph(o.title);
        for (const i of o.indicators) {
          w.paragraph(`${i.title}: ${i.measure}`, { secondary: true, size: 10 });
          if (i.total !== undefined) w.paragraph(i.total, { size: 10 });
          else if (i.points.length)
            w.table(
              [t('outcomes.report.month'), t('outcomes.report.value'), t('outcomes.report.peopleHeading')],
              i.points.map((pt) => [pt.month, pt.value, pt.n]),
              [0.4, 0.3, 0.3],
            );
          else w.paragraph(t('outcomes.report.noData'), { secondary: true, size: 10 });
        }
      }
    }
    w.heading(t('outcomes.report.returns'), 2);
    w.paragraph(t('outcomes.report.returnsLead'), { secondary: true, size: 10 });
    w.summary(p.returns.summary);
    for (const r of p.returns.stories) {
      w.paragraph(`${r.organisation}, ${r.quarter}`, { secondary: true, size: 10 });
      w.paragraph(r.story);
    }
    w.heading(t('outcomes.report.stories'), 2);
    if (!p.stories.length) w.paragraph(t('outcomes.report.noStories'));
    for (const s of p.stories) {
      w.heading(s.title, 3);
      w.paragraph(`${s.author}, ${s.date}`, { secondary: true, size: 10 });
      w.paragraph(s.body);
    }
  });
}
