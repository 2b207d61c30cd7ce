/**
 * Small-number suppression: the one rule for every figure Kith publishes outside the
 * care team (reports, dashboards, downloads, open data). A count of fewer people than
 * the place's threshold (5 unless the place sets another) is never shown, and neither
 * is any figure from which one could be worked out (the one hidden cell in a row whose
 * total is shown).
 */

export const SUPPRESSION_THRESHOLD = 5;

/** A count of people as it may be shared: the number, or null for "fewer than the threshold". */
export function suppressCount(n: number, threshold = SUPPRESSION_THRESHOLD): number | null {
  return Number.isFinite(n) && n >= threshold ? n : null;
}

/**
 * A row of counts that add up to a total that is also shown. Each count under the
 * threshold is hidden; if that hides exactly one, the next smallest is hidden too, so
 * the hidden one cannot be had by subtracting the rest from the total. A total under
 * the threshold hides everything.
 */
export function suppressRow(
  cells: readonly number[],
  threshold = SUPPRESSION_THRESHOLD,
): { cells: Array<number | null>; total: number | null } {
  const total = cells.reduce((sum, n) => sum + n, 0);
  if (total < threshold) return { cells: cells.map(() => null), total: null };
  const shown: Array<number | null> = cells.map((n) => suppressCount(n, threshold));
  const hidden = shown.filter((v) => v === null).length;
  if (hidden === 1) {
    // Hide the smallest count still shown as well.
    let smallest = -1;
    shown.forEach((v, i) => {
      if (v !== null && (smallest < 0 || v < shown[smallest]!)) smallest = i;
    });
    if (smallest >= 0) shown[smallest] = null;
  }
  return { cells: shown, total };
}

/**
 * A figure a module offers (see the module contract) as it may be shown: a count of
 * people under the threshold is hidden; hours, money and counts of things are not.
 */
export function suppressFigure(unit: 'people' | 'minutes' | 'count' | 'pence', value: number): number | null {
  return unit === 'people' ? suppressCount(value) : value;
}

/** A mean (or any figure worked out from people's answers) is shown only if enough people gave them. */
export function suppressMean(n: number, mean: number, threshold = SUPPRESSION_THRESHOLD): number | null {
  return suppressCount(n, threshold) === null ? null : mean;
}

/**
 * Sums of what people gave (minutes, pence), each with how many people gave it, shown
 * beside their total: the total is hidden when fewer people than the threshold gave it
 * all, and then every part; a part fewer people gave is hidden, and if that hides exactly
 * one part with something in it, the smallest other part is hidden too (or, with none,
 * the total), so the hidden one cannot be had by subtracting the rest from the total.
 */
export function suppressSums(
  parts: ReadonlyArray<{ value: number; people: number }>,
  everyone: number,
  threshold = SUPPRESSION_THRESHOLD,
): { parts: Array<number | null>; total: number | null } {
  const total = parts.reduce((sum, p) => sum + p.value, 0);
  if (total !== 0 && suppressCount(everyone, threshold) === null) return { parts: parts.map(() => null), total: null };
  const shown: Array<number | null> = parts.map((p) =>
    p.value !== 0 && suppressCount(p.people, threshold) === null ? null : p.value,
  );
  if (shown.filter((v) => v === null).length === 1) {
    let smallest = -1;
    shown.forEach((v, i) => {
      if (v !== null && v !== 0 && (smallest < 0 || v < shown[smallest]!)) smallest = i;
    });
    // With no other part to hide, the total itself would give the hidden one away.
    if (smallest < 0) return { parts: parts.map((p) => (p.value === 0 ? 0 : null)), total: null };
    shown[smallest] = null;
  }
  return { parts: shown, total };
}
