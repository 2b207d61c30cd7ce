/**
 * The ledger's rules as plain functions over plain data: what a transfer must look
 * like, where each account's floor is, and whether a transfer may happen. The store
 * and the service apply them inside one transaction; tests call them directly.
 */
import type { AccountKind, TransferKind } from './schema.js';

/** One hour given is one time credit: 60 credit-minutes, whatever the activity. */
export const MINUTES_PER_CREDIT = 60;

/** No transfer moves more than this (a week of round-the-clock help): a typo, not a gift. */
export const MAX_TRANSFER_MINUTES = 7 * 24 * 60;

/** How far below zero a place may let people go, at most. */
export const MAX_OVERDRAFT_MINUTES = 50 * 60;

export interface Leg {
  accountId: string;
  amount: number;
}

export interface LedgerAccount {
  id: string;
  placeId: string;
  kind: AccountKind;
  balance: number;
  optedOut: boolean;
}

export interface Refusal {
  key: string;
  params: Record<string, string>;
  accountId?: string;
}

/**
 * An account's floor: the lowest its balance may go. People: the place's setting (0,
 * or an overdraft); groups and partners: 0; the community fund is where credits come
 * from, so it has none (its balance is minus the credits it has issued).
 */
export function floorOf(kind: AccountKind, personFloor: number): number {
  if (kind === 'fund') return Number.NEGATIVE_INFINITY;
  if (kind === 'person') return Math.min(0, personFloor);
  return 0;
}

/** Several legs on one account become one; legs that cancel out disappear. */
export function mergeLegs(legs: readonly Leg[]): Leg[] {
  const byAccount = new Map<string, number>();
  for (const leg of legs) byAccount.set(leg.accountId, (byAccount.get(leg.accountId) ?? 0) + leg.amount);
  return [...byAccount]
    .filter(([, amount]) => amount !== 0)
    .map(([accountId, amount]) => ({ accountId, amount }))
    .sort((a, b) => (a.accountId < b.accountId ? -1 : a.accountId > b.accountId ? 1 : 0));
}

/** The shape every transfer must have, whatever the accounts hold: a refusal, or none. */
export function checkLegs(legs: readonly Leg[]): Refusal | undefined {
  if (legs.some((l) => !Number.isSafeInteger(l.amount))) return { key: 'timebank.transfer.wholeMinutes', params: {} };
  const merged = mergeLegs(legs);
  if (merged.length < 2) return { key: 'timebank.transfer.sameAccount', params: {} };
  if (merged.reduce((sum, l) => sum + l.amount, 0) !== 0) return { key: 'timebank.transfer.unbalanced', params: {} };
  const moved = movedBy(merged);
  if (moved > MAX_TRANSFER_MINUTES)
    return { key: 'timebank.transfer.tooLarge', params: { hours: String(MAX_TRANSFER_MINUTES / 60) } };
  return undefined;
}

/** The minutes a transfer moves: the sum of its positive side. */
export function movedBy(legs: readonly Leg[]): number {
  return legs.reduce((sum, l) => sum + Math.max(0, l.amount), 0);
}

export interface PlannedEntry {
  accountId: string;
  amount: number;
  /** The account's entry number for this one, and its balance just after. */
  seq: number;
  balanceAfter: number;
}

/**
 * Decides a transfer against the accounts as they stand (read under lock): every leg's
 * account must be in the place, and no balance may end below its floor. A person who
 * stopped using credits takes part in no new transfers except a reversal of an old one.
 */
export function planTransfer(
  accounts: ReadonlyMap<string, LedgerAccount & { entryCount: number }>,
  legs: readonly Leg[],
  context: { placeId: string; personFloor: number; isReversal: boolean },
): { entries: PlannedEntry[] } | { refusal: Refusal } {
  const shape = checkLegs(legs);
  if (shape) return { refusal: shape };
  const entries: PlannedEntry[] = [];
  for (const leg of mergeLegs(legs)) {
    const account = accounts.get(leg.accountId);
    if (!account || account.placeId !== context.placeId)
      return { refusal: { key: 'timebank.transfer.noAccount', params: {}, accountId: leg.accountId } };
    if (account.optedOut && !context.isReversal)
      return { refusal: { key: 'timebank.transfer.optedOut', params: {}, accountId: account.id } };
    const balanceAfter = account.balance + leg.amount;
    const floor = floorOf(account.kind, context.personFloor);
    // Only a leg that takes credits out can break a floor: an account already below it
    // (the place lowered its overdraft) may still receive.
    if (leg.amount < 0 && balanceAfter < floor) {
      return {
        refusal: {
          key: `timebank.transfer.belowFloor.${account.kind}`,
          params: { balance: String(account.balance), floor: String(floor), needed: String(-leg.amount) },
          accountId: account.id,
        },
      };
    }
    entries.push({ accountId: account.id, amount: leg.amount, seq: account.entryCount + 1, balanceAfter });
  }
  return { entries };
}

/** A reversal moves exactly what the original moved, the other way. */
export function reversalLegs(original: ReadonlyArray<{ accountId: string; amount: number }>): Leg[] {
  return original.map((e) => ({ accountId: e.accountId, amount: -e.amount }));
}

/** Whether a transfer can be reversed: it must not be a reversal, nor reversed already. */
export function reversalRefusal(
  transfer: { reversesId: string | null },
  alreadyReversed: boolean,
): Refusal | undefined {
  if (transfer.reversesId) return { key: 'timebank.reverse.isReversal', params: {} };
  if (alreadyReversed) return { key: 'timebank.reverse.already', params: {} };
  return undefined;
}

/**
 * What a repeated key must match to count as the same transfer. A key sent again with
 * a different transfer is a client's mistake, refused rather than silently ignored.
 */
export function fingerprint(kind: TransferKind, legs: readonly Leg[]): string {
  return `${kind}|${mergeLegs(legs)
    .map((l) => `${l.accountId}:${l.amount}`)
    .join(',')}`;
}

/** Whole hours and minutes, for showing a balance or an amount to a person. */
export function creditParts(minutes: number): { negative: boolean; hours: number; minutes: number } {
  const abs = Math.abs(minutes);
  return { negative: minutes < 0, hours: Math.floor(abs / 60), minutes: abs % 60 };
}

/** Six digits, never starting with 0 (so a spreadsheet keeps it as typed). */
export function memberNumberFrom(random: number): string {
  return String(100000 + (Math.abs(Math.trunc(random)) % 900000));
}

export interface LedgerDifference {
  kind: 'balance' | 'entryCount' | 'runningBalance' | 'transfer' | 'zeroSum';
  id: string;
  expected: number;
  found: number;
}

/**
 * What `kith ledger verify` reports: every account whose stored balance or entry count
 * differs from its entries, every transfer whose entries do not sum to zero (or that has
 * fewer than two), and the whole ledger's sum.
 */
export function ledgerDifferences(input: {
  accounts: ReadonlyArray<{ id: string; balance: number; entryCount: number; lastBalanceAfter: number | null }>;
  sums: ReadonlyMap<string, { sum: number; count: number }>;
  unbalancedTransfers: ReadonlyArray<{ id: string; sum: number; count: number }>;
  total: number;
}): LedgerDifference[] {
  const differences: LedgerDifference[] = [];
  for (const account of input.accounts) {
    const derived = input.sums.get(account.id) ?? { sum: 0, count: 0 };
    if (derived.sum !== account.balance)
      differences.push({ kind: 'balance', id: account.id, expected: derived.sum, found: account.balance });
    if (derived.count !== account.entryCount)
      differences.push({ kind: 'entryCount', id: account.id, expected: derived.count, found: account.entryCount });
    if (account.lastBalanceAfter !== null && account.lastBalanceAfter !== account.balance) {
      differences.push({
        kind: 'runningBalance',
        id: account.id,
        expected: account.lastBalanceAfter,
        found: account.balance,
      });
    }
  }
  for (const t of input.unbalancedTransfers)
    differences.push({ kind: 'transfer', id: t.id, expected: 0, found: t.sum });
  if (input.total !== 0) differences.push({ kind: 'zeroSum', id: 'ledger', expected: 0, found: input.total });
  return differences;
}
