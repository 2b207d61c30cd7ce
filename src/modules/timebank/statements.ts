/**
 * Statements and totals as people read them: each line with who was on the other
 * side, the amount and the running balance. A partner reading its own statement sees
 * only member numbers on the other side, never names.
 */
import type { Queryable } from '../../db/index.js';
import type { Translate } from '../../web/i18n.js';
import { creditParts } from './ledger-rules.js';
import { namesOf } from './people.js';
import { GIVING_KINDS, type AccountKind, type TransferKind } from './schema.js';
import { groupsInPlace, partnersInPlace } from './setup-store.js';
import {
  balancesByKind,
  entriesOfTransfers,
  netByKind,
  netOfKindsBetween,
  statementLines,
  type TimeAccount,
} from './store.js';

/** "2 hours 30 minutes", "1 hour", "45 minutes", "0 hours"; a minus sign when negative. */
export function formatCredits(t: Translate, minutes: number): string {
  const p = creditParts(minutes);
  const parts: string[] = [];
  if (p.hours || !p.minutes) parts.push(t('timebank.hours', { count: p.hours }));
  if (p.minutes) parts.push(t('timebank.minutes', { count: p.minutes }));
  return `${p.negative ? '−' : ''}${parts.join(' ')}`;
}

/** A ledger refusal's figures (in minutes) written out in the reader's language. */
export function withCreditParams(
  t: Translate,
  params: Record<string, string | number> | undefined,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(params ?? {})) {
    out[name] =
      ['balance', 'floor', 'needed'].includes(name) && /^-?\d+$/.test(String(value))
        ? formatCredits(t, Number(value))
        : String(value);
  }
  return out;
}

export interface StatementRow {
  seq: number;
  createdAt: string;
  kind: TransferKind;
  kindText: string;
  description: string;
  counterparty: string;
  amount: number;
  amountText: string;
  balanceText: string;
  transferId: string;
  isReversal: boolean;
  reversedBy: string | null;
  reason: string | null;
}

export const STATEMENT_PAGE_SIZE = 25;

/** Which entries make page `page` (newest first): a range of sequence numbers. */
export function pageRange(entryCount: number, page: number, perPage: number): { from: number; to: number } | undefined {
  const to = entryCount - (page - 1) * perPage;
  if (to < 1) return undefined;
  return { from: Math.max(1, to - perPage + 1), to };
}

export async function statementRows(
  db: Queryable,
  t: Translate,
  account: TimeAccount,
  range: { from: number; to: number },
  options: { viewerIsPartner: boolean; showBalance: boolean },
): Promise<StatementRow[]> {
  const lines = await statementLines(db, account.id, range.from, range.to);
  const transferIds = lines.map((l) => l.transfer.id);
  const others = await entriesOfTransfers(db, transferIds);
  const label = await counterpartyLabeller(
    db,
    t,
    account.placeId,
    others.filter((o) => o.accountId !== account.id),
    options.viewerIsPartner,
  );
  return lines.map((line) => {
    const other = others.filter((o) => o.transferId === line.transfer.id && o.accountId !== account.id);
    return {
      seq: line.seq,
      createdAt: line.createdAt,
      kind: line.transfer.kind,
      kindText: t(`timebank.kind.${line.transfer.kind}${line.transfer.reversesId ? '.reversal' : ''}`),
      description: line.transfer.description,
      counterparty: other.map(label).join(', '),
      amount: line.amount,
      amountText: `${line.amount > 0 ? '+' : ''}${formatCredits(t, line.amount)}`,
      balanceText: options.showBalance ? formatCredits(t, line.balanceAfter) : '',
      transferId: line.transfer.id,
      isReversal: !!line.transfer.reversesId,
      reversedBy: line.reversedBy,
      reason: line.transfer.reason,
    };
  });
}

/** Names for the other side of each line, fetched once for the page. */
async function counterpartyLabeller(
  db: Queryable,
  t: Translate,
  placeId: string,
  others: ReadonlyArray<{ kind: AccountKind; ownerId: string; number: string | null }>,
  viewerIsPartner: boolean,
): Promise<(o: { kind: AccountKind; ownerId: string; number: string | null }) => string> {
  const personIds = viewerIsPartner
    ? []
    : [...new Set(others.filter((o) => o.kind === 'person').map((o) => o.ownerId))];
  const [names, groups, partners] = await Promise.all([
    namesOf(db, personIds),
    others.some((o) => o.kind === 'group') ? groupsInPlace(db, placeId) : [],
    others.some((o) => o.kind === 'partner') ? partnersInPlace(db, placeId) : [],
  ]);
  return (o) => {
    if (o.kind === 'fund') return t('timebank.fund.name');
    if (o.kind === 'group') return groups.find((g) => g.id === o.ownerId)?.name ?? '';
    if (o.kind === 'partner') return partners.find((p) => p.id === o.ownerId)?.name ?? '';
    if (viewerIsPartner) return t('timebank.memberNumber', { number: o.number ?? '' });
    return names.get(o.ownerId) ?? t('timebank.someone');
  };
}

/** A spreadsheet-safe CSV cell: quoted, and a leading =, +, - or @ neutralised. */
export function csvCell(value: string | number): string {
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== String(value) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The whole statement as CSV lines, oldest first, read a thousand entries at a time. */
export async function* statementCsv(
  db: Queryable,
  t: Translate,
  account: TimeAccount,
  options: { viewerIsPartner: boolean; showBalance: boolean },
): AsyncGenerator<string> {
  yield `${[t('timebank.csv.date'), t('timebank.csv.kind'), t('timebank.csv.description'), t('timebank.csv.otherSide'), t('timebank.csv.minutes'), ...(options.showBalance ? [t('timebank.csv.balance')] : []), t('timebank.csv.reason')].map(csvCell).join(',')}\r\n`;
  for (let from = 1; from <= account.entryCount; from += 1000) {
    const rows = await statementRows(db, t, account, { from, to: Math.min(account.entryCount, from + 999) }, options);
    for (const row of rows.reverse()) {
      const balance = options.showBalance ? [row.balanceText.replace('−', '-')] : [];
      yield `${[row.createdAt, row.kindText, row.description, row.counterparty, row.amount, ...balance, row.reason ?? ''].map(csvCell).join(',')}\r\n`;
    }
  }
}

export interface PlaceTotals {
  /** Credits earned by giving time: exchanges, small acts and volunteering with groups, net of reversals. */
  hoursGiven: number;
  byKind: Record<TransferKind, number>;
  /** Credits people and groups hold now. */
  inCirculation: number;
  heldByPeople: number;
  heldByGroups: number;
  /** Credits spent at partners, net of reversals. */
  redeemed: number;
  /** What the community fund has issued (minus its balance). */
  issuedByFund: number;
  members: number;
  membersActive: number;
}

/** The kinds of transfer that are credits earned by giving time. */
const GIVING = GIVING_KINDS;

/**
 * Minutes of time given in the place in a period (dates YYYY-MM-DD, inclusive): the
 * same sum as placeTotals' hoursGiven, net of reversals made in the period.
 */
export async function hoursGivenBetween(db: Queryable, placeId: string, from: string, to: string): Promise<number> {
  const end = new Date(Date.parse(`${to}T00:00:00.000Z`) + 86_400_000).toISOString();
  return netOfKindsBetween(db, placeId, GIVING, `${from}T00:00:00.000Z`, end);
}

export async function placeTotals(db: Queryable, placeId: string): Promise<PlaceTotals> {
  const [net, balances] = await Promise.all([netByKind(db, placeId), balancesByKind(db, placeId)]);
  const kinds: TransferKind[] = ['exchange', 'payment', 'issue', 'funding', 'redemption', 'small_act'];
  const byKind = Object.fromEntries(kinds.map((k) => [k, net.get(k) ?? 0])) as Record<TransferKind, number>;
  const held = (k: AccountKind) => balances.get(k)?.total ?? 0;
  return {
    hoursGiven: GIVING.reduce((sum, k) => sum + byKind[k], 0),
    byKind,
    inCirculation: held('person') + held('group'),
    heldByPeople: held('person'),
    heldByGroups: held('group'),
    redeemed: byKind.redemption,
    issuedByFund: -held('fund'),
    members: balances.get('person')?.accounts ?? 0,
    membersActive: balances.get('person')?.active ?? 0,
  };
}
