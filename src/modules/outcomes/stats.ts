/**
 * Distance travelled with its uncertainty stated honestly: the mean change, a 95%
 * confidence interval from Student's t, and plain words for small numbers.
 */

// Two-sided 95% critical values of Student's t by degrees of freedom.
const T95: ReadonlyArray<readonly [number, number]> = [
  [1, 12.706],
  [2, 4.303],
  [3, 3.182],
  [4, 2.776],
  [5, 2.571],
  [6, 2.447],
  [7, 2.365],
  [8, 2.306],
  [9, 2.262],
  [10, 2.228],
  [11, 2.201],
  [12, 2.179],
  [13, 2.16],
  [14, 2.145],
  [15, 2.131],
  [16, 2.12],
  [17, 2.11],
  [18, 2.101],
  [19, 2.093],
  [20, 2.086],
  [21, 2.08],
  [22, 2.074],
  [23, 2.069],
  [24, 2.064],
  [25, 2.06],
  [26, 2.056],
  [27, 2.052],
  [28, 2.048],
  [29, 2.045],
  [30, 2.042],
  [40, 2.021],
  [60, 2.0],
  [120, 1.98],
];

export function tCritical95(df: number): number {
  if (df < 1) return Number.POSITIVE_INFINITY;
  for (let i = 0; i < T95.length; i++) {
    const [d, t] = T95[i]!;
    if (df === d) return t;
    if (df < d) {
      const [d0, t0] = T95[i - 1]!;
      return t0 + ((t - t0) * (df - d0)) / (d - d0);
    }
  }
  return 1.96 + (1.98 - 1.96) * (120 / df);
}

export type Confidence = 'suppressed' | 'small' | 'ok';

export interface MeanChange {
  n: number;
  mean: number;
  low: number;
  high: number;
  confidence: Confidence;
}

/** Below this many people the interval is wide enough that the page says so in words. */
export const SMALL_SAMPLE = 30;

/** From the count, sum and sum of squares of people's changes. */
export function meanChange(n: number, sum: number, sumSquares: number, threshold = 5): MeanChange {
  if (n < threshold || n < 2)
    return { n, mean: Number.NaN, low: Number.NaN, high: Number.NaN, confidence: 'suppressed' };
  const mean = sum / n;
  const variance = Math.max(0, (sumSquares - n * mean * mean) / (n - 1));
  const half = tCritical95(n - 1) * Math.sqrt(variance / n);
  return { n, mean, low: mean - half, high: mean + half, confidence: n < SMALL_SAMPLE ? 'small' : 'ok' };
}

/** One decimal place, with a sign: "+1.4", "−0.3". */
export function signed(value: number): string {
  const text = Math.abs(value).toFixed(1);
  return value > 0.05 ? `+${text}` : value < -0.05 ? `−${text}` : text;
}
