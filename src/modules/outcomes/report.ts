/**
 * A report for commissioners on a programme or the whole place over a period: outputs,
 * outcomes (indicator trends, wellbeing distance travelled with its uncertainty) and
 * stories. Made only from aggregates, with every count of fewer than 5 people
 * suppressed here, before any page, CSV or PDF sees it.
 */
import type { Db } from '../../db/index.js';
import {
  attendedByMonth,
  ONS4_ITEMS,
  peopleReferred,
  REFERRAL_STATUSES,
  referralsByStatus,
  wellbeingInstruments,
  wellbeingSums,
  type ReferralStatus,
  type WellbeingSums,
} from '../prescribing/index.js';
import { organisationSummariesByIds } from '../directory/index.js';
import { quarterDays, quarterOf, shiftQuarter } from '../../platform/dates.js';
import { submittedReturnsBetween } from './returns-store.js';
import { meanChange, type MeanChange } from './stats.js';
import { suppressCount, suppressFigure, suppressMean, suppressRow } from '../../platform/suppression.js';
import { figureShown } from '../figures.js';
import { periodOfDays, type FigureDefinition } from '../module.js';
import { checkinMonthly, checkinOutputs } from './report-store.js';
import type { StoryConsent } from './schema.js';
import {
  findProgramme,
  frameworksOf,
  indicatorsOf,
  outcomesOf,
  programmeActivityIds,
  storiesIn,
  storyOutcomeIds,
  type Framework,
  type Indicator,
} from './store.js';

export interface TrendPoint {
  month: string;
  /** Null when fewer than 5 people answered that month. */
  n: number | null;
  value: number | null;
}

export interface IndicatorReport {
  indicator: Indicator;
  points: TrendPoint[];
  /** For a count with no trend (hours given). */
  total?: number | null;
  /**
   * For a count of one of the place's figures (hours volunteered, matches kept): its
   * value over the period, suppressed where it counts people; null for a programme,
   * since those figures are kept for the whole place.
   */
  figure?: { unit: FigureDefinition['unit']; value: number | null } | null;
}

/**
 * What else people did in the place, shown beside referrals and check-ins: each a figure
 * its own module offers, so the number matches the module's own page and insight's.
 */
export const ALONGSIDE = [
  'prescribing.selfReferrals',
  'prescribing.serviceReferrals',
  'volunteering.hoursGiven',
  'befriending.matchesStarted',
  'befriending.matchesKept',
  'exchanges.exchanges',
  'exchanges.smallActs',
];

export interface Report {
  placeId: string;
  scope: { kind: 'place' } | { kind: 'programme'; id: string; name: string; activities: number };
  from: string;
  to: string;
  outputs: {
    sessions: number;
    checkins: number | null;
    peopleReferred: number | null;
    referrals: Array<{ status: ReferralStatus; n: number | null }>;
    referralsTotal: number | null;
    /**
     * Minutes given through time credits in the period, place-wide: null where fewer than 5
     * people gave them (they would be theirs), absent for a programme (the ledger does not
     * record programmes).
     */
    hoursGiven?: number | null;
    /** The place's other figures for the period (ALONGSIDE); none for a programme. */
    alongside: Array<{ labelKey: string; unit: FigureDefinition['unit']; value: number | null }>;
  };
  wellbeing: Array<{
    timepoint: '3m' | '6m';
    n: number | null;
    items: Array<{ item: (typeof ONS4_ITEMS)[number]; change: MeanChange }>;
  }>;
  frameworks: Array<{
    framework: Framework;
    outcomes: Array<{ id: string; title: string; indicators: IndicatorReport[] }>;
  }>;
  stories: Array<{
    id: string;
    title: string;
    body: string;
    consent: StoryConsent;
    authorId: string;
    createdAt: string;
    hasPhoto: boolean;
    outcomeIds: string[];
  }>;
  /**
   * What funded groups said in the returns they submitted for quarters wholly within the
   * period: how many, their totals (people suppressed as every count of people is), and
   * their stories under the organisation's name only.
   */
  returns: {
    count: number;
    peopleReached: number | null;
    /** Whole hours. */
    hoursGiven: number;
    stories: Array<{ organisation: string; quarter: string; story: string }>;
  };
  instrumentNames: Map<string, string>;
  /** The figures count indicators may use, to word them. */
  figures: readonly FigureDefinition[];
}

export async function buildReport(
  db: Db,
  q: { placeId: string; scope: string; from: string; to: string },
  figures: readonly FigureDefinition[] = [],
): Promise<Report | undefined> {
  const k = db.kysely;
  let scope: Report['scope'] = { kind: 'place' };
  let activityIds: string[] | undefined;
  if (q.scope !== 'place') {
    const programme = await findProgramme(k, q.placeId, q.scope);
    if (!programme) return undefined;
    activityIds = await programmeActivityIds(k, programme.id);
    scope = { kind: 'programme', id: programme.id, name: programme.name, activities: activityIds.length };
  }
  const s = { placeId: q.placeId, from: q.from, to: q.to, activityIds };
  const period = periodOfDays(q.from, q.to);
  const figureValue = (figure: FigureDefinition) => figureShown(k, figure, q.placeId, period);
  const credited = figures.find((f) => f.id === 'timebank.hoursCredited');

  // One pass over an instrument's answers serves distance travelled and every indicator that measures it.
  const passes = new Map<string, Promise<WellbeingSums>>();
  const sums = (instrument: string) =>
    passes.get(instrument) ?? passes.set(instrument, wellbeingSums(k, s, instrument)).get(instrument)!;
  const [byStatus, people, checkins, hoursGiven, ons4, instruments, allFrameworks] = await Promise.all([
    referralsByStatus(k, s),
    peopleReferred(k, s),
    checkinOutputs(k, s),
    scope.kind === 'place' && credited ? figureValue(credited) : undefined,
    sums('ons4'),
    wellbeingInstruments(k, q.placeId),
    frameworksOf(k, q.placeId),
  ]);

  const counts = REFERRAL_STATUSES.map((status) => byStatus.get(status) ?? 0);
  const row = suppressRow(counts);
  const frameworks = allFrameworks.filter(
    (f) => f.state === 'published' && (scope.kind === 'place' ? f.programmeId === null : f.programmeId === scope.id),
  );
  const outcomes = await outcomesOf(
    k,
    frameworks.map((f) => f.id),
  );
  const indicators = await indicatorsOf(
    k,
    frameworks.map((f) => f.id),
  );
  const trends = new Map(
    await Promise.all(
      indicators.map(async (i) => {
        const figure = i.measureKind === 'count' ? figures.find((f) => f.id === i.measureRef) : undefined;
        if (!figure) return [i.id, await indicatorReport(db, s, i, hoursGiven, sums)] as const;
        const value = scope.kind === 'place' ? { unit: figure.unit, value: await figureValue(figure) } : null;
        return [i.id, { indicator: i, points: [], figure: value } satisfies IndicatorReport] as const;
      }),
    ),
  );
  const alongside =
    scope.kind === 'place'
      ? await Promise.all(
          ALONGSIDE.flatMap((id) => figures.filter((f) => f.id === id)).map(async (f) => ({
            labelKey: f.labelKey,
            unit: f.unit,
            value: await figureValue(f),
          })),
        )
      : [];

  const stories = await storiesIn(k, q.placeId, {
    state: 'published',
    limit: 20,
    from: q.from,
    to: q.to,
    consent: ['named', 'anonymous'],
    outcomeIds: scope.kind === 'programme' ? outcomes.map((o) => o.id) : undefined,
  });
  const storyLinks = await storyOutcomeIds(
    k,
    stories.map((st) => st.id),
  );

  // Quarters wholly within the period: a return speaks for its whole quarter.
  const firstQuarter =
    quarterDays(quarterOf(q.from)).from >= q.from ? quarterOf(q.from) : shiftQuarter(quarterOf(q.from), 1);
  const lastQuarter = quarterDays(quarterOf(q.to)).to <= q.to ? quarterOf(q.to) : shiftQuarter(quarterOf(q.to), -1);
  const returned =
    firstQuarter <= lastQuarter
      ? await submittedReturnsBetween(k, q.placeId, {
          programmeId: scope.kind === 'programme' ? scope.id : undefined,
          fromQuarter: firstQuarter,
          toQuarter: lastQuarter,
        })
      : [];
  const returnOrganisations = await organisationSummariesByIds(
    k,
    q.placeId,
    returned.map((r) => r.organisationId),
  );

  return {
    placeId: q.placeId,
    scope,
    from: q.from,
    to: q.to,
    outputs: {
      sessions: checkins.sessions,
      checkins: suppressCount(checkins.checkins),
      peopleReferred: suppressCount(people),
      referrals: REFERRAL_STATUSES.map((status, i) => ({ status, n: row.cells[i]! })),
      referralsTotal: row.total,
      hoursGiven,
      alongside,
    },
    wellbeing: (['3m', '6m'] as const).map((timepoint) => {
      const at = ons4.changes.find((c) => c.timepoint === timepoint)?.items;
      const n = at?.life.n ?? 0;
      return {
        timepoint,
        n: suppressCount(n),
        items: ONS4_ITEMS.map((item) => ({
          item,
          change: meanChange(at?.[item].n ?? 0, at?.[item].sum ?? 0, at?.[item].sumSquares ?? 0),
        })),
      };
    }),
    frameworks: frameworks.map((framework) => ({
      framework,
      outcomes: outcomes
        .filter((o) => o.frameworkId === framework.id)
        .map((o) => ({
          id: o.id,
          title: o.title,
          indicators: indicators.filter((i) => i.outcomeId === o.id).map((i) => trends.get(i.id)!),
        })),
    })),
    stories: stories.map((st) => ({
      id: st.id,
      title: st.title,
      body: st.body,
      consent: st.consent,
      authorId: st.authorId,
      createdAt: st.createdAt,
      hasPhoto: !!st.photo,
      outcomeIds: storyLinks.filter((l) => l.storyId === st.id).map((l) => l.outcomeId),
    })),
    returns: {
      count: returned.length,
      peopleReached: suppressFigure(
        'people',
        returned.reduce((n, r) => n + (r.peopleReached ?? 0), 0),
      ),
      hoursGiven: Math.round(returned.reduce((n, r) => n + (r.hoursTenths ?? 0), 0) / 10),
      stories: returned
        .filter((r) => r.story)
        .map((r) => ({
          organisation: returnOrganisations.get(r.organisationId)?.name ?? '',
          quarter: r.quarter,
          story: r.story,
        })),
    },
    instrumentNames: new Map(instruments.map((i) => [i.id, i.name])),
    figures,
  };
}

async function indicatorReport(
  db: Db,
  s: { placeId: string; from: string; to: string; activityIds?: string[] },
  indicator: Indicator,
  hoursMinutes: number | null | undefined,
  sums: (instrument: string) => Promise<WellbeingSums>,
): Promise<IndicatorReport> {
  const k = db.kysely;
  const shown = (rows: Array<{ month: string; n: number; mean: number }>): TrendPoint[] =>
    rows.map((r) => ({ month: r.month, n: suppressCount(r.n), value: suppressMean(r.n, r.mean) }));
  switch (indicator.measureKind) {
    case 'checkin':
      return { indicator, points: shown(await checkinMonthly(k, s, indicator.id)) };
    case 'ons4':
      return {
        indicator,
        points: shown(
          (await sums('ons4')).months
            .map((m) => ({ month: m.month, ...m.items[indicator.measureRef as (typeof ONS4_ITEMS)[number]] }))
            .filter((p) => p.n > 0),
        ),
      };
    case 'instrument':
      return {
        indicator,
        points: shown(
          (await sums(indicator.measureRef ?? '')).months
            .map((m) => ({ month: m.month, ...m.items.total }))
            .filter((p) => p.n > 0),
        ),
      };
    default:
      if (indicator.measureRef === 'referrals_attended') {
        const rows = await attendedByMonth(k, s);
        return {
          indicator,
          points: rows.map((r) => ({ month: r.month, n: suppressCount(r.n), value: suppressCount(r.n) })),
        };
      }
      return { indicator, points: [], total: hoursMinutes == null ? null : Math.round(hoursMinutes / 60) };
  }
}
