/**
 * How a scheme is doing, for its coordinators: plain sums over its matches. The seeds'
 * warning about recruiters who never reply applies to neighbours too, so how long people
 * wait for an introduction is the first figure.
 */
import type { Match } from './store.js';

export interface SchemeFigures {
  introduced: number;
  /** Median days a neighbour waited before their introduction; null with none. */
  medianWaitDays: number | null;
  awaitingFirstMeeting: number;
  underWay: number;
  ended: number;
  endedBy: Array<{ reason: string; count: number }>;
  /** Median weeks that ended matches lasted from their first meeting; null with none. */
  medianWeeks: number | null;
}

const median = (values: number[]): number | null => {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** Figures over matches introduced or ended since `since` (ISO), and those going now. */
export function schemeFigures(matches: readonly Match[], since: string): SchemeFigures {
  const introduced = matches.filter((m) => m.introducedAt >= since);
  const ended = matches.filter((m) => m.status === 'ended' && m.endedAt !== null && m.endedAt >= since);
  const reasons = new Map<string, number>();
  for (const m of ended) reasons.set(m.endReason ?? 'other', (reasons.get(m.endReason ?? 'other') ?? 0) + 1);
  return {
    introduced: introduced.length,
    medianWaitDays: median(introduced.map((m) => m.waitedDays)),
    awaitingFirstMeeting: matches.filter((m) => m.status === 'introduced').length,
    underWay: matches.filter((m) => m.status === 'active').length,
    ended: ended.length,
    endedBy: [...reasons]
      .map(([reason, count]) => ({ reason, count }))
      .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason)),
    medianWeeks: median(
      ended
        .filter((m) => m.startedAt !== null)
        .map((m) => Math.floor((Date.parse(m.endedAt!) - Date.parse(m.startedAt!)) / (7 * 86_400_000))),
    ),
  };
}
