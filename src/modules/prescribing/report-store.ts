/**
 * Aggregates over referrals and wellbeing for commissioners' reports: counts, sums and
 * sums of squares, never a row about one person. Scoped by place, a period, and
 * optionally the activities of a programme.
 */
import { sql } from 'kysely';
import type { Queryable } from '../../db/index.js';
import type { ReferralStatus } from './referral-status.js';
import type { RecordSource, Timepoint } from './schema.js';
import type { Ons4Item } from './wellbeing-rules.js';

/** Dates are YYYY-MM-DD and inclusive. */
export interface ReportScope {
  placeId: string;
  from: string;
  to: string;
  /**
   * The programme's activities; undefined for the whole place. Referrals to volunteering
   * roles count in the whole place's figures; a programme is made of activities, so
   * its figures leave them out.
   */
  activityIds?: readonly string[];
}

const startOf = (date: string) => `${date}T00:00:00.000Z`;
const endOf = (date: string) => new Date(Date.parse(`${date}T00:00:00.000Z`) + 86_400_000).toISOString();
// A programme with no activities matches nothing: no id is empty. (Not a NUL byte:
// PostgreSQL refuses one in a text parameter, so an empty programme's report failed there.)
const none = [''];

export async function referralsByStatus(db: Queryable, s: ReportScope): Promise<Map<ReferralStatus, number>> {
  let query = db
    .selectFrom('prescribing_referrals')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('place_id', '=', s.placeId)
    .where('sent_at', '>=', startOf(s.from))
    .where('sent_at', '<', endOf(s.to));
  if (s.activityIds) query = query.where('target_id', 'in', s.activityIds.length ? [...s.activityIds] : none);
  const rows = await query.groupBy('status').execute();
  return new Map(rows.map((r) => [r.status, Number(r.n)]));
}

/** How many different people were referred in the period. */
export async function peopleReferred(db: Queryable, s: ReportScope): Promise<number> {
  let people = db
    .selectFrom('prescribing_referrals')
    .select('record_id')
    .where('place_id', '=', s.placeId)
    .where('sent_at', '>=', startOf(s.from))
    .where('sent_at', '<', endOf(s.to));
  if (s.activityIds) people = people.where('target_id', 'in', s.activityIds.length ? [...s.activityIds] : none);
  // Grouping, then counting the groups, rather than count(distinct ...): PostgreSQL
  // hashes the groups instead of sorting every row.
  const row = await db
    .selectFrom(people.groupBy('record_id').as('people'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Referrals that reached "attended" in each month of the period. */
export async function attendedByMonth(db: Queryable, s: ReportScope): Promise<Array<{ month: string; n: number }>> {
  let query = db
    .selectFrom('prescribing_referrals')
    .select([sql<string>`substr(attended_at, 1, 7)`.as('month'), (eb) => eb.fn.countAll<number>().as('n')])
    .where('place_id', '=', s.placeId)
    .where('attended_at', '>=', startOf(s.from))
    .where('attended_at', '<', endOf(s.to));
  if (s.activityIds) query = query.where('target_id', 'in', s.activityIds.length ? [...s.activityIds] : none);
  const rows = await query.groupBy(sql`substr(attended_at, 1, 7)`).execute();
  return rows.map((r) => ({ month: r.month, n: Number(r.n) })).sort((a, b) => a.month.localeCompare(b.month));
}

type Item = Ons4Item | 'total';
const ITEMS: readonly Item[] = ['life', 'worthwhile', 'happy', 'anxious', 'total'];

export interface ChangeSums {
  timepoint: '3m' | '6m';
  /** Per item: how many changes from referral, their sum and the sum of their squares. */
  items: Record<Item, { n: number; sum: number; sumSquares: number }>;
}

export interface MonthOfAnswers {
  month: string;
  /** Per item: how many answered it that month, and the mean. */
  items: Record<Item, { n: number; mean: number }>;
}

export interface WellbeingSums {
  /** Distance travelled at 3 and 6 months, from follow-ups answered in the period. */
  changes: ChangeSums[];
  /** Every answer in the period, month by month. */
  months: MonthOfAnswers[];
}

/**
 * An instrument's answers in the period, added up: month by month, each item's count and
 * mean; at 3 and 6 months, the count, sum and sum of squares of the changes from
 * referral. For the whole place from the day sums (a row a day); for a programme, from
 * the answers of the people referred to its activities (one range of a covering index).
 */
export async function wellbeingSums(db: Queryable, s: ReportScope, instrument: string): Promise<WellbeingSums> {
  const items: readonly Item[] = instrument === 'ons4' ? ['life', 'worthwhile', 'happy', 'anxious'] : ['total'];
  const rows = s.activityIds
    ? await wellbeingDaysFromAnswers(db, s, instrument, items)
    : await wellbeingDays(db, s, instrument);
  return foldDays(rows, items);
}

type DayRow = Record<string, string | number | null>;

/** The day sums kept as answers are saved. */
export async function wellbeingDays(
  db: Queryable,
  s: Pick<ReportScope, 'placeId' | 'from' | 'to'>,
  instrument: string,
): Promise<DayRow[]> {
  return (await db
    .selectFrom('prescribing_wellbeing_days')
    .selectAll()
    .where('place_id', '=', s.placeId)
    .where('instrument', '=', instrument)
    .where('answered_on', '>=', s.from)
    .where('answered_on', '<=', s.to)
    .execute()) as unknown as DayRow[];
}

/** The same sums worked out from the answers themselves (a programme's people, or a check on the day sums). */
export async function wellbeingDaysFromAnswers(
  db: Queryable,
  s: ReportScope,
  instrument: string,
  items: readonly Item[],
): Promise<DayRow[]> {
  const first = items[0]!;
  let query = db
    .selectFrom('prescribing_wellbeing')
    .select([
      'answered_on',
      'timepoint',
      sql<number>`count(${sql.ref(first)})`.as('n'),
      sql<number>`count(${sql.ref(`d_${first}`)})`.as('dn'),
      ...items.flatMap((item) => {
        const d = sql.ref(`d_${item}`);
        return [
          sql<number>`sum(${sql.ref(item)})`.as(`s_${item}`),
          sql<number>`sum(${d})`.as(`ds_${item}`),
          sql<number>`sum(${d} * ${d})`.as(`dq_${item}`),
        ];
      }),
    ])
    .where('place_id', '=', s.placeId)
    .where('instrument', '=', instrument)
    .where('answered_on', '>=', s.from)
    .where('answered_on', '<=', s.to);
  if (s.activityIds) query = query.where('record_id', 'in', recordsReferredTo(db, s.placeId, s.activityIds));
  // Grouped by day in the index's own order: no sort.
  return (await query.groupBy(['answered_on', 'timepoint']).execute()) as unknown as DayRow[];
}

function foldDays(rows: readonly DayRow[], items: readonly Item[]): WellbeingSums {
  const num = (v: string | number | null | undefined) => Number(v ?? 0);
  const zero = () => Object.fromEntries(ITEMS.map((i) => [i, { n: 0, sum: 0, sumSquares: 0 }])) as ChangeSums['items'];
  const months = new Map<string, ChangeSums['items']>();
  const changes = new Map<'3m' | '6m', ChangeSums['items']>();
  for (const r of rows) {
    const month = String(r.answered_on).slice(0, 7);
    const m = months.get(month) ?? months.set(month, zero()).get(month)!;
    const tp = r.timepoint as Timepoint;
    const change = tp === 'referral' ? undefined : (changes.get(tp) ?? changes.set(tp, zero()).get(tp)!);
    for (const item of items) {
      m[item].n += num(r.n);
      m[item].sum += num(r[`s_${item}`]);
      if (change) {
        change[item].n += num(r.dn);
        change[item].sum += num(r[`ds_${item}`]);
        change[item].sumSquares += num(r[`dq_${item}`]);
      }
    }
  }
  return {
    changes: [...changes]
      .map(([timepoint, c]) => ({ timepoint, items: c }))
      .sort((a, b) => a.timepoint.localeCompare(b.timepoint)),
    months: [...months]
      .map(([month, m]) => ({
        month,
        items: Object.fromEntries(
          ITEMS.map((i) => [i, { n: m[i].n, mean: m[i].n ? m[i].sum / m[i].n : 0 }]),
        ) as MonthOfAnswers['items'],
      }))
      .sort((a, b) => a.month.localeCompare(b.month)),
  };
}

function recordsReferredTo(db: Queryable, placeId: string, activityIds: readonly string[]) {
  return db
    .selectFrom('prescribing_referrals')
    .select('record_id')
    .where('place_id', '=', placeId)
    .where('target_id', 'in', activityIds.length ? [...activityIds] : none);
}

/**
 * Requests for support that arrived in the period, by how they came: opened by a link
 * worker, asked for by the person themselves, or sent by a referrer from another service.
 * Whole place only: a programme is made of activities, and arrivals come before any.
 */
export async function arrivalsBySource(
  db: Queryable,
  s: Pick<ReportScope, 'placeId' | 'from' | 'to'>,
): Promise<Map<RecordSource, number>> {
  const rows = await db
    .selectFrom('prescribing_records')
    .select(['source', (eb) => eb.fn.countAll<number>().as('n')])
    .where('place_id', '=', s.placeId)
    .where('created_at', '>=', startOf(s.from))
    .where('created_at', '<', endOf(s.to))
    .groupBy('source')
    .execute();
  return new Map(rows.map((r) => [r.source, Number(r.n)]));
}
