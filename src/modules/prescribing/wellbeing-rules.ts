/**
 * Wellbeing measures as plain rules: the ONS4 personal wellbeing questions (free to use;
 * wording in the catalogue, exactly as the ONS publishes it), their reporting bands,
 * validation of answers, and the distance a person has travelled between timepoints.
 */
import { z } from 'zod';
import { WELLBEING_DAY_SUMS, type Timepoint, type WellbeingTable } from './schema.js';

export const ONS4_ITEMS = ['life', 'worthwhile', 'happy', 'anxious'] as const;
export type Ons4Item = (typeof ONS4_ITEMS)[number];
export const TIMEPOINTS: readonly Timepoint[] = ['referral', '3m', '6m'];
/** Months after referral each timepoint stands for, for charts. */
export const TIMEPOINT_MONTHS: Record<Timepoint, number> = { referral: 0, '3m': 3, '6m': 6 };

export type Ons4Band = 'low' | 'medium' | 'high' | 'veryHigh' | 'veryLow';

/**
 * The ONS reporting bands: for life satisfaction, worthwhile and happiness 0–4 low,
 * 5–6 medium, 7–8 high, 9–10 very high; for anxiety (lower is better) 0–1 very low,
 * 2–3 low, 4–5 medium, 6–10 high.
 */
export function ons4Band(item: Ons4Item, value: number): Ons4Band {
  if (item === 'anxious') {
    if (value <= 1) return 'veryLow';
    if (value <= 3) return 'low';
    if (value <= 5) return 'medium';
    return 'high';
  }
  if (value <= 4) return 'low';
  if (value <= 6) return 'medium';
  if (value <= 8) return 'high';
  return 'veryHigh';
}

/** Whether a change is for the better: anxiety going down is. */
export function isImprovement(item: Ons4Item, change: number): boolean {
  return item === 'anxious' ? change < 0 : change > 0;
}

/**
 * A whole number in a scale, typed into a form. Anything else (blank, 11, -1, 5.5,
 * "seven") is refused with the message for that question.
 */
export function scaleAnswer(min: number, max: number, keys: { required: string; range: string }) {
  return z
    .unknown()
    .default('')
    .transform((v) => (typeof v === 'number' ? String(v) : typeof v === 'string' ? v.trim() : ''))
    .pipe(
      z
        .string()
        .min(1, keys.required)
        .regex(/^-?\d{1,3}$/, keys.range)
        .transform(Number)
        .pipe(z.number().int(keys.range).min(min, keys.range).max(max, keys.range)),
    );
}

const ons4Answer = (item: Ons4Item) =>
  scaleAnswer(0, 10, {
    required: `prescribing.validation.ons4.${item}.required`,
    range: `prescribing.validation.ons4.${item}.range`,
  });

export const Ons4Answers = z.object({
  life: ons4Answer('life'),
  worthwhile: ons4Answer('worthwhile'),
  happy: ons4Answer('happy'),
  anxious: ons4Answer('anxious'),
});
export type Ons4Answers = z.output<typeof Ons4Answers>;

export const TimepointInput = z.enum(['referral', '3m', '6m'], { error: 'prescribing.validation.timepoint' });

export interface InstrumentItem {
  key: string;
  text: string;
  textCy: string | null;
}

/** The answers to a place's own instrument: one whole number in its scale per item. */
export function instrumentAnswers(items: readonly InstrumentItem[], min: number, max: number) {
  return z.object(
    Object.fromEntries(
      items.map((item) => [
        item.key,
        scaleAnswer(min, max, {
          required: 'prescribing.validation.instrument.required',
          range: 'prescribing.validation.instrument.range',
        }),
      ]),
    ),
  );
}

export interface WellbeingPoint {
  timepoint: Timepoint;
  answeredOn: string;
  values: Partial<Record<Ons4Item, number>>;
}

/** One person's change on each ONS4 question from referral to their latest follow-up. */
export function distanceTravelled(
  points: readonly WellbeingPoint[],
): Array<{ item: Ons4Item; from: number; to: number; change: number; improved: boolean }> {
  const baseline = points.find((p) => p.timepoint === 'referral');
  const latest = [...points]
    .filter((p) => p.timepoint !== 'referral')
    .sort((a, b) => TIMEPOINT_MONTHS[b.timepoint] - TIMEPOINT_MONTHS[a.timepoint])[0];
  if (!baseline || !latest) return [];
  return ONS4_ITEMS.flatMap((item) => {
    const from = baseline.values[item];
    const to = latest.values[item];
    if (from === undefined || to === undefined) return [];
    return [{ item, from, to, change: to - from, improved: isImprovement(item, to - from) }];
  });
}

const ITEMS = ['life', 'worthwhile', 'happy', 'anxious', 'total'] as const;

/** The change at a follow-up from the answers at referral, item by item (null where either is missing). */
export function changesFrom(
  baseline: Pick<WellbeingTable, (typeof ITEMS)[number]> | undefined,
  followUp: Pick<WellbeingTable, (typeof ITEMS)[number]>,
) {
  const d = (item: (typeof ITEMS)[number]) =>
    baseline && baseline[item] !== null && followUp[item] !== null ? followUp[item]! - baseline[item]! : null;
  return {
    d_life: d('life'),
    d_worthwhile: d('worthwhile'),
    d_happy: d('happy'),
    d_anxious: d('anxious'),
    d_total: d('total'),
  };
}

export type DaySums = Record<(typeof WELLBEING_DAY_SUMS)[number], number>;
type AnswerRow = Pick<
  WellbeingTable,
  | 'instrument'
  | 'answered_on'
  | 'timepoint'
  | (typeof ITEMS)[number]
  | 'd_life'
  | 'd_worthwhile'
  | 'd_happy'
  | 'd_anxious'
  | 'd_total'
>;

/**
 * What one set of answers adds to its day's sums. ONS4 is answered all four or none and
 * another instrument as one total, so the first item stands for whether it was answered.
 */
export function dayContribution(row: AnswerRow): DaySums {
  const first = row.instrument === 'ons4' ? 'life' : 'total';
  const sums = Object.fromEntries(WELLBEING_DAY_SUMS.map((k) => [k, 0])) as DaySums;
  sums.n = row[first] !== null ? 1 : 0;
  sums.dn = row[`d_${first}`] !== null ? 1 : 0;
  for (const item of ITEMS) {
    const d = row[`d_${item}`];
    sums[`s_${item}`] = row[item] ?? 0;
    sums[`ds_${item}`] = d ?? 0;
    sums[`dq_${item}`] = d === null ? 0 : d * d;
  }
  return sums;
}

/** How a record's answers changing moves each day's sums: after minus before, by day and timepoint. */
export function daySumsChange(
  before: readonly AnswerRow[],
  after: readonly AnswerRow[],
): Map<string, { answeredOn: string; timepoint: Timepoint; sums: DaySums }> {
  const changes = new Map<string, { answeredOn: string; timepoint: Timepoint; sums: DaySums }>();
  const add = (row: AnswerRow, sign: 1 | -1) => {
    const key = `${row.answered_on}|${row.timepoint}`;
    const entry =
      changes.get(key) ??
      changes
        .set(key, {
          answeredOn: row.answered_on,
          timepoint: row.timepoint,
          sums: Object.fromEntries(WELLBEING_DAY_SUMS.map((k) => [k, 0])) as DaySums,
        })
        .get(key)!;
    const c = dayContribution(row);
    for (const k of WELLBEING_DAY_SUMS) entry.sums[k] += sign * c[k];
  };
  for (const row of before) add(row, -1);
  for (const row of after) add(row, 1);
  for (const [key, entry] of changes) if (WELLBEING_DAY_SUMS.every((k) => entry.sums[k] === 0)) changes.delete(key);
  return changes;
}
