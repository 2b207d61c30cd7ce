/**
 * The plain rules of an exchange: who may take it to its next step, where each step
 * leads, and when a coordinator may confirm time the receiver has not.
 */
import type { ExchangeStatus } from './schema.js';

/** How long after the giver records the time a coordinator may confirm it instead. */
export const COORDINATOR_CONFIRM_DAYS = 14;

export type ExchangeAction = 'accept' | 'decline' | 'cancel' | 'record' | 'confirm';
export const EXCHANGE_ACTIONS: readonly ExchangeAction[] = ['accept', 'decline', 'cancel', 'record', 'confirm'];

export interface ExchangeState {
  status: ExchangeStatus;
  giverId: string;
  receiverId: string;
  proposedBy: string;
  recordedAt: string | null;
}

/**
 * Who may take an exchange to its next step: the side that did not propose accepts or
 * declines; either side cancels until time is recorded; the giver records; the
 * receiver confirms, or a coordinator once the record has waited 14 days.
 */
export function allowedActions(
  exchange: ExchangeState,
  personId: string,
  isCoordinator: boolean,
  now: Date,
): ExchangeAction[] {
  const isGiver = personId === exchange.giverId;
  const isReceiver = personId === exchange.receiverId;
  const party = isGiver || isReceiver;
  const actions: ExchangeAction[] = [];
  if (exchange.status === 'proposed') {
    if (party && personId !== exchange.proposedBy) actions.push('accept', 'decline');
    if (party) actions.push('cancel');
  }
  if (exchange.status === 'accepted') {
    if (isGiver) actions.push('record');
    if (party) actions.push('cancel');
  }
  if (exchange.status === 'recorded') {
    if (isReceiver) actions.push('confirm');
    else if (isCoordinator && !party && waitedLongEnough(exchange.recordedAt, now)) actions.push('confirm');
  }
  return actions;
}

export function waitedLongEnough(recordedAt: string | null, now: Date): boolean {
  return !!recordedAt && now.getTime() - Date.parse(recordedAt) >= COORDINATOR_CONFIRM_DAYS * 24 * 3600_000;
}

/** The status each action leads to. */
export const NEXT_STATUS: Record<ExchangeAction, ExchangeStatus> = {
  accept: 'accepted',
  decline: 'declined',
  cancel: 'cancelled',
  record: 'recorded',
  confirm: 'confirmed',
};
