import { addMonths } from '../../platform/dates.js';
/**
 * Reports for coordinators and officers as plain functions over rows the store reads:
 * hours by month and organisation, and retention (still giving time three and six
 * months after they started). Only confirmed hours count.
 */

/** The last `count` months up to and including the one `today` is in, oldest first (YYYY-MM). */
export function monthsUpTo(today: string, count: number): string[] {
  const first = `${today.slice(0, 7)}-01`;
  return Array.from({ length: count }, (_, i) => addMonths(first, i - count + 1).slice(0, 7));
}

export interface MonthRow {
  organisationId: string;
  month: string;
  minutes: number;
}

/** A table of minutes: one row an organisation, one column a month, with totals. */
export function hoursTable(rows: readonly MonthRow[], months: readonly string[]) {
  const byOrganisation = new Map<string, Map<string, number>>();
  for (const r of rows) {
    if (!months.includes(r.month)) continue;
    const m = byOrganisation.get(r.organisationId) ?? new Map<string, number>();
    m.set(r.month, (m.get(r.month) ?? 0) + r.minutes);
    byOrganisation.set(r.organisationId, m);
  }
  const monthTotals = months.map((month) =>
    rows.filter((r) => r.month === month).reduce((sum, r) => sum + r.minutes, 0),
  );
  return {
    organisations: [...byOrganisation].map(([organisationId, m]) => ({
      organisationId,
      months: months.map((month) => m.get(month) ?? 0),
      total: [...m.values()].reduce((a, b) => a + b, 0),
    })),
    monthTotals,
    total: monthTotals.reduce((a, b) => a + b, 0),
  };
}

export interface VolunteerSpan {
  /** First and last day they gave confirmed hours (YYYY-MM-DD). */
  first: string;
  last: string;
}

/**
 * Of the volunteers who started at least `months` months before today, how many still
 * gave time on or after `months` months from their first day. Volunteers who started
 * more recently are not counted either way: it is too soon to say.
 */
export function retention(
  spans: readonly VolunteerSpan[],
  today: string,
  months: number,
): { cohort: number; retained: number; percent: number | null } {
  let cohort = 0;
  let retained = 0;
  for (const s of spans) {
    const mark = addMonths(s.first, months);
    if (mark > today) continue;
    cohort++;
    if (s.last >= mark) retained++;
  }
  return { cohort, retained, percent: cohort ? Math.round((retained / cohort) * 100) : null };
}
