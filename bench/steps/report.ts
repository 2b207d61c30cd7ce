/**
 * The commissioner's report on the county dataset, in process: every aggregate a report
 * needs (referrals by status, people referred, check-in outputs, hours given, wellbeing
 * distance travelled, each indicator's monthly trend, stories) gathered, suppressed and
 * worded, for the whole county and for a programme, over a year. Then the PDF once.
 */
import { performance } from 'node:perf_hooks';
import { checkinMonthly, checkinOutputs } from '../../src/modules/outcomes/report-store.js';
import { buildReport } from '../../src/modules/outcomes/report.js';
import {
  attendedByMonth,
  peopleReferred,
  referralsByStatus,
  wellbeingSums,
} from '../../src/modules/prescribing/index.js';
import { hoursGivenBetween } from '../../src/modules/timebank/index.js';
import { presentReport, reportPdf } from '../../src/modules/outcomes/report-output.js';
import type { OutcomesDataset } from '../outcomes.js';
import { figure, percentile } from '../report.js';
import type { BenchSection, BenchStep } from '../step.js';

export const reportStep: BenchStep = {
  name: 'report',
  description:
    'commissioner report: outputs, outcomes, wellbeing distance travelled and stories for a year, in process',
  async run(context) {
    const { kith, generation, options, log } = context;
    const county = generation.dataset.county!;
    const programmeId = (generation.dataset as unknown as { outcomes?: OutcomesDataset }).outcomes?.programmeId;
    const t = kith.catalogue.translator('en');
    const period = { from: '2025-11-01', to: '2026-10-31' };
    const counts = await Promise.all(
      (['prescribing_referrals', 'prescribing_wellbeing', 'time_transfers', 'outcomes_checkins'] as const).map(
        async (table) =>
          Number(
            (
              await kith.db.kysely
                .selectFrom(table)
                .select((eb) => eb.fn.countAll<number>().as('n'))
                .where('place_id', '=', county.id)
                .executeTakeFirstOrThrow()
            ).n,
          ),
      ),
    );
    const runs = options.quick ? 20 : 60;
    const rows: string[][] = [];
    const ms = (v: number) => figure(v, v < 10 ? 2 : 1);
    const scopes = [
      { label: 'whole county', id: 'place' },
      ...(programmeId ? [{ label: 'programme (200 activities)', id: programmeId }] : []),
    ];
    for (const scope of scopes) {
      const once = async () => {
        const report = await buildReport(kith.db, { placeId: county.id, scope: scope.id, ...period });
        return presentReport(t, 'en', report!, { placeName: county.name, authorNames: new Map() });
      };
      for (let i = 0; i < 3; i++) await once();
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        await once();
        times.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      log(
        `  ${scope.label}: p50 ${ms(percentile(times, 50))} ms, p95 ${ms(percentile(times, 95))} ms over ${runs} reports`,
      );
      rows.push([
        scope.label,
        figure(runs),
        ms(percentile(times, 50)),
        ms(percentile(times, 95)),
        ms(times[times.length - 1]!),
        'p95 < 200 ms',
      ]);
    }
    // Where a whole-county report's time goes: each aggregate alone, one after another
    // (the report runs them side by side, so its time is less than their sum).
    const k = kith.db.kysely;
    const s = { placeId: county.id, ...period };
    const indicator = await k
      .selectFrom('outcomes_indicators')
      .select('id')
      .where('place_id', '=', county.id)
      .where('measure_kind', '=', 'checkin')
      .executeTakeFirst();
    const parts: Array<[string, () => Promise<unknown>]> = [
      ['referrals by status', () => referralsByStatus(k, s)],
      ['people referred', () => peopleReferred(k, s)],
      ['check-in sessions', () => checkinOutputs(k, s)],
      ['hours given', () => hoursGivenBetween(k, county.id, period.from, period.to)],
      ['wellbeing (day sums)', () => wellbeingSums(k, s, 'ons4')],
      ['attended by month', () => attendedByMonth(k, s)],
      ...(indicator
        ? [
            ['one check-in indicator by month', () => checkinMonthly(k, s, indicator.id)] as [
              string,
              () => Promise<unknown>,
            ],
          ]
        : []),
    ];
    const partRows: string[][] = [];
    for (const [label, part] of parts) {
      const times: number[] = [];
      for (let i = 0; i < 23; i++) {
        const t0 = performance.now();
        await part();
        if (i >= 3) times.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      partRows.push([label, ms(percentile(times, 50)), ms(percentile(times, 95))]);
    }
    log(`  parts: ${partRows.map((r) => `${r[0]} ${r[1]} ms`).join(', ')}`);

    const report = await buildReport(kith.db, { placeId: county.id, scope: 'place', ...period });
    const t0 = performance.now();
    const pdf = await reportPdf(
      t,
      'en',
      presentReport(t, 'en', report!, { placeName: county.name, authorNames: new Map() }),
      county.name,
    );
    const pdfMs = performance.now() - t0;
    log(`  PDF: ${ms(pdfMs)} ms, ${figure(pdf.length / 1024)} KiB`);
    const breakdown: BenchSection = {
      title: 'Commissioner report: each aggregate alone',
      table: { columns: ['aggregate (whole county, one year)', 'p50 ms', 'p95 ms'], numeric: [1, 2], rows: partRows },
      notes: ['Each query 20 times after 3 warm-ups, one after another; a report runs them side by side.'],
    };
    const section: BenchSection = {
      title: 'Commissioner report in process',
      table: { columns: ['scope', 'reports', 'p50 ms', 'p95 ms', 'max ms', 'goal'], numeric: [1, 2, 3, 4], rows },
      notes: [
        `The county holds ${figure(counts[0]!)} referrals, ${figure(counts[1]!)} sets of wellbeing answers, ${figure(counts[2]!)} time-credit transfers and ${figure(counts[3]!)} check-ins; the period is ${period.from} to ${period.to}.`,
        'Measured: buildReport (every aggregate query, suppression, confidence intervals) and presentReport (wording and the SVG charts), after 3 warm-up reports; no HTTP.',
        'Hours given are the time-credit transfers of the period that earn credits for giving time, summed from an index on (place, kind, date, amount); nothing is cached between reports. A programme’s report leaves hours out (the ledger does not record programmes).',
        `Writing the same report as a PDF took ${ms(pdfMs)} ms once (${figure(pdf.length / 1024)} KiB).`,
      ],
    };
    return [section, breakdown];
  },
};
