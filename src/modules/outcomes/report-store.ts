/** Aggregates of check-ins for reports: counts and means, never one person's answers. */
import type { Queryable } from '../../db/index.js';

export interface CheckinScope {
  placeId: string;
  from: string;
  to: string;
  /** The programme's activities, or undefined for the whole place. */
  activityIds?: readonly string[];
}

// A programme with no activities matches nothing: no id is empty. (Not a NUL byte:
// PostgreSQL refuses one in a text parameter, so an empty programme's report failed there.)
const none = [''];

/** Sessions with at least one check-in (an activity on a day), and the check-ins themselves. */
export async function checkinOutputs(db: Queryable, s: CheckinScope): Promise<{ sessions: number; checkins: number }> {
  let sessions = db
    .selectFrom('outcomes_checkins')
    .select(['activity_id', 'session_on', (eb) => eb.fn.countAll<number>().as('n')])
    .where('place_id', '=', s.placeId)
    .where('session_on', '>=', s.from)
    .where('session_on', '<=', s.to);
  if (s.activityIds) sessions = sessions.where('activity_id', 'in', s.activityIds.length ? [...s.activityIds] : none);
  // Grouping, then counting the groups, rather than count(distinct ...): PostgreSQL
  // hashes the groups instead of sorting every row.
  const row = await db
    .selectFrom(sessions.groupBy(['activity_id', 'session_on']).as('sessions'))
    .select([(eb) => eb.fn.countAll<number>().as('sessions'), (eb) => eb.fn.sum<number>('n').as('checkins')])
    .executeTakeFirstOrThrow();
  return { sessions: Number(row.sessions), checkins: Number(row.checkins ?? 0) };
}

/** An indicator's check-in answers month by month: how many, and their mean. */
export async function checkinMonthly(
  db: Queryable,
  s: CheckinScope,
  indicatorId: string,
): Promise<Array<{ month: string; n: number; mean: number }>> {
  let query = db
    .selectFrom('outcomes_checkin_answers')
    .select(['session_on', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.sum<number>('value').as('total')])
    .where('place_id', '=', s.placeId)
    .where('indicator_id', '=', indicatorId)
    .where('session_on', '>=', s.from)
    .where('session_on', '<=', s.to);
  if (s.activityIds) query = query.where('activity_id', 'in', s.activityIds.length ? [...s.activityIds] : none);
  // Grouped by day in the index's order (no sort), then added up by month here.
  const months = new Map<string, { n: number; total: number }>();
  for (const r of await query.groupBy('session_on').execute()) {
    const month = r.session_on.slice(0, 7);
    const m = months.get(month) ?? months.set(month, { n: 0, total: 0 }).get(month)!;
    m.n += Number(r.n);
    m.total += Number(r.total);
  }
  return [...months]
    .map(([month, m]) => ({ month, n: m.n, mean: m.total / m.n }))
    .sort((a, b) => a.month.localeCompare(b.month));
}
