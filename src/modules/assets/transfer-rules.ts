/**
 * Community asset transfer's rules as plain functions: the order of the stages, when a
 * group may still send or withdraw an expression of interest, and what the public
 * timeline may say of residents' views (counts only, small numbers held back).
 */
import { suppressRow } from '../../platform/suppression.js';
import type { TransferStage, ViewStance } from './schema.js';

/** The published stages, in the only order a transfer moves through them. */
export const STAGES = ['interest', 'business_case', 'views', 'decision', 'terms', 'handover'] as const;
export const STANCES: readonly ViewStance[] = ['support', 'object', 'comment'];

/** The officer's steps: each moves the transfer to the stage it names. */
export type TransferStep = 'shortlist' | 'views' | 'decision' | 'terms' | 'handover' | 'withdraw';
export const STEP_STAGE: Record<TransferStep, TransferStage> = {
  shortlist: 'business_case',
  views: 'views',
  decision: 'decision',
  terms: 'terms',
  handover: 'handover',
  withdraw: 'withdrawn',
};

/** A transfer moves one stage forward at a time, or is withdrawn before handover; never back. */
export function moveRefusal(from: TransferStage, to: TransferStage): string | undefined {
  if (from === 'withdrawn' || from === 'handover') return 'assets.transfer.move.ended';
  if (to === 'withdrawn') return undefined;
  const i = STAGES.indexOf(from);
  if (STAGES[i + 1] !== to) return 'assets.transfer.move.notNext';
  return undefined;
}

/** The step an officer can take next from a stage, if any. */
export function nextStep(stage: TransferStage): TransferStep | undefined {
  const next = STAGES[STAGES.indexOf(stage as (typeof STAGES)[number]) + 1];
  return (Object.entries(STEP_STAGE) as Array<[TransferStep, TransferStage]>).find(([, s]) => s === next)?.[0];
}

/** Expressions of interest are open while the transfer is at its first stage, until the end of the closing day. */
export function interestRefusal(t: { stage: TransferStage; interestClosesOn: string }, today: string) {
  if (t.stage !== 'interest' || today > t.interestClosesOn) return 'assets.transfer.interest.closed';
  return undefined;
}

export function isOpen(stage: TransferStage): boolean {
  return stage !== 'handover' && stage !== 'withdrawn';
}

export interface ViewCount {
  interestId: string;
  stance: ViewStance;
  count: number;
}

/**
 * Each proposal's counts as the timeline shows them: a count under the threshold is
 * null, and so is any from which it could be worked out.
 */
export function publishedViews(counts: readonly ViewCount[], interestIds: readonly string[]) {
  return interestIds.map((id) => {
    const cells = STANCES.map((s) => counts.find((c) => c.interestId === id && c.stance === s)?.count ?? 0);
    const row = suppressRow(cells);
    return {
      interestId: id,
      total: row.total,
      counts: Object.fromEntries(STANCES.map((s, i) => [s, row.cells[i] ?? null])) as Record<ViewStance, number | null>,
    };
  });
}

/** "£1,250.00" style text in whole pence, read from what an officer types ("1250", "£1,250.50"). */
export function penceFromPounds(text: string): number | undefined {
  const cleaned = text.replace(/[£,\s]/g, '');
  if (!/^\d{1,9}(\.\d{1,2})?$/.test(cleaned)) return undefined;
  const [whole, part = ''] = cleaned.split('.');
  return Number(whole) * 100 + Number(part.padEnd(2, '0'));
}
