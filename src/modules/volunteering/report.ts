import { addMonths } from '../../platform/dates.js';
import { SUPPRESSION_THRESHOLD } from '../../platform/suppression.js';
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

/** Hours one volunteer gave one organisation in one month. */
export interface VolunteerMonthRow extends MonthRow {
  personId: string;
}

/** What a place-wide table must not show: cells, organisations' totals, months' totals and the grand total. */
export interface Withheld {
  cells: Set<string>;
  organisations: Set<string>;
  months: Set<string>;
  total: boolean;
}

export const cellKey = (organisationId: string, month: string) => `${organisationId}|${month}`;

/**
 * Kith's small-number rule for a table of hours seen beyond the organisation: no number
 * stands for fewer than 5 volunteers, neither shown nor left to be worked out. A cell
 * with fewer is withheld; a total is withheld too when the cells withheld from it stand
 * for fewer than 5 different volunteers together (or it stands for fewer itself), so
 * subtracting the cells shown from it cannot give one person's hours. (It guards each
 * total against the cells and totals beside it, not against every combination of
 * equations: a place with many tiny groups may still want a statistician's eye.)
 */
export function withheldHours(
  rows: readonly VolunteerMonthRow[],
  months: readonly string[],
  threshold = SUPPRESSION_THRESHOLD,
): Withheld {
  const people = new Map<string, Set<string>>();
  const add = (key: string, personId: string) => {
    const set = people.get(key) ?? new Set<string>();
    set.add(personId);
    people.set(key, set);
  };
  const organisations = new Set<string>();
  for (const r of rows) {
    if (!months.includes(r.month)) continue;
    organisations.add(r.organisationId);
    add(cellKey(r.organisationId, r.month), r.personId);
    add(`organisation|${r.organisationId}`, r.personId);
    add(`month|${r.month}`, r.personId);
    add('all', r.personId);
  }
  const count = (key: string) => people.get(key)?.size ?? 0;
  const together = (keys: string[]) => new Set(keys.flatMap((k) => [...(people.get(k) ?? [])])).size;
  const few = (n: number) => n < threshold;
  // A total needs protecting when what is withheld from it is non-empty yet small.
  const exposes = (hidden: string[]) => hidden.length > 0 && few(together(hidden));

  const cells = new Set<string>();
  for (const o of organisations)
    for (const m of months) if (count(cellKey(o, m)) > 0 && few(count(cellKey(o, m)))) cells.add(cellKey(o, m));
  const hiddenOrganisations = new Set(
    [...organisations].filter((o) => {
      const hidden = months.map((m) => cellKey(o, m)).filter((k) => cells.has(k));
      return few(count(`organisation|${o}`)) || exposes(hidden);
    }),
  );
  const hiddenMonths = new Set(
    months.filter((m) => {
      const hidden = [...organisations].map((o) => cellKey(o, m)).filter((k) => cells.has(k));
      return count(`month|${m}`) > 0 && (few(count(`month|${m}`)) || exposes(hidden));
    }),
  );
  // The grand total less what is shown gives the withheld cells together, all of them or
  // those of the months or organisations whose totals are withheld.
  const hiddenCells = [...cells];
  const total =
    few(count('all')) ||
    exposes(hiddenCells) ||
    exposes(hiddenCells.filter((k) => hiddenMonths.has(k.split('|')[1]!))) ||
    exposes(hiddenCells.filter((k) => hiddenOrganisations.has(k.split('|')[0]!)));
  return { cells, organisations: hiddenOrganisations, months: hiddenMonths, total };
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
