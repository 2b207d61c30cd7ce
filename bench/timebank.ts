/**
 * Time credits and offers and requests for the county: credits turned on with a
 * community fund; two in five people using them, with a history of transfers written
 * exactly as the ledger writes them (sequence numbers and running balances, so the
 * ledger verifies); a quarter as many open offers as people (50,000 for 200,000),
 * "what I can help with" from half the people (100,000), and some open requests.
 */
import type { Insertable } from 'kysely';
import type { Database } from '../src/db/schema.js';
import type { TimeAccountTable, TimeEntryTable, TimeTransferTable } from '../src/modules/timebank/schema.js';
import { CATEGORIES, DAYS, significantWords } from '../src/modules/exchanges/text.js';
import type { CapabilityResult, GenerationContext, TableLoad } from './generate.js';
import { bulkInsert } from './insert.js';
import { Rng } from './random.js';

const AT = '2026-06-01T00:00:00.000Z';

/** What the benchmarks need from the generated credits and posts. */
export interface TimebankDataset {
  fundId: string;
  accountIds: string[];
  requestIds: string[];
  offers: number;
  helpers: number;
}

async function timedInsert<T extends keyof Database & string>(
  context: GenerationContext,
  tables: TableLoad[],
  table: T,
  rows: Iterable<Insertable<Database[T]>>,
) {
  const t0 = performance.now();
  const n = await bulkInsert(context.kith.db, table, rows);
  tables.push({ table, rows: n, seconds: (performance.now() - t0) / 1000 });
}

export async function generateTimebank(context: GenerationContext): Promise<CapabilityResult> {
  const { dataset } = context;
  const county = dataset.county!;
  const rng = Rng.forCapability(context.seed, 'timebank');
  const tables: TableLoad[] = [];
  await timedInsert(context, tables, 'timebank_settings', [
    { place_id: county.id, enabled: 1, person_floor: 0, updated_at: AT, updated_by: null },
  ]);

  const fund: Insertable<TimeAccountTable> = {
    id: rng.uuid(),
    place_id: county.id,
    kind: 'fund',
    owner_id: county.id,
    number: null,
    balance: 0,
    entry_count: 0,
    opted_out_at: null,
    created_at: AT,
    updated_at: AT,
  };
  const accounts: Array<Insertable<TimeAccountTable>> = [fund];
  const numbers = new Set<string>();
  for (const personId of dataset.personIds) {
    if (!rng.chance(0.4)) continue;
    let number: string;
    do number = String(rng.int(100000, 999999));
    while (numbers.has(number));
    numbers.add(number);
    accounts.push({
      id: rng.uuid(),
      place_id: county.id,
      kind: 'person',
      owner_id: personId,
      number,
      balance: 0,
      entry_count: 0,
      opted_out_at: rng.chance(0.03) ? AT : null,
      created_at: AT,
      updated_at: AT,
    });
  }

  // History: the fund gives people credits for volunteering, and people thank each other.
  const people = accounts.slice(1).filter((a) => !a.opted_out_at);
  const transfers: Array<Insertable<TimeTransferTable>> = [];
  const entries: Array<Insertable<TimeEntryTable>> = [];
  const state = new Map(accounts.map((a) => [a.id, { balance: 0, seq: 0 }]));
  const post = (
    from: Insertable<TimeAccountTable>,
    to: Insertable<TimeAccountTable>,
    minutes: number,
    kind: 'issue' | 'payment',
    i: number,
  ) => {
    const id = rng.uuid();
    const at = new Date(Date.parse('2024-01-01T00:00:00.000Z') + i * 60_000).toISOString();
    transfers.push({
      id,
      place_id: county.id,
      kind,
      idempotency_key: `bench-${i}`,
      amount: minutes,
      description: kind === 'issue' ? 'Volunteering' : 'Thanks for help',
      reference_type: null,
      reference_id: null,
      reverses_id: null,
      reason: null,
      created_at: at,
    });
    for (const [account, amount] of [
      [from, -minutes],
      [to, minutes],
    ] as const) {
      const s = state.get(account.id)!;
      s.balance += amount;
      s.seq += 1;
      entries.push({
        account_id: account.id,
        seq: s.seq,
        place_id: county.id,
        transfer_id: id,
        amount,
        balance_after: s.balance,
        created_at: at,
      });
    }
  };
  const history = Math.round(dataset.personIds.length / 4);
  for (let i = 0; i < history && people.length > 1; i++) {
    const to = rng.pick(people);
    const from = rng.chance(0.5) ? fund : rng.pick(people);
    const minutes = rng.pick([30, 60, 60, 90, 120]);
    if (from.id === to.id || (from !== fund && state.get(from.id)!.balance < minutes)) {
      post(fund, to, minutes, 'issue', i);
    } else post(from, to, minutes, from === fund ? 'issue' : 'payment', i);
  }
  for (const a of accounts) Object.assign(a, { balance: state.get(a.id)!.balance, entry_count: state.get(a.id)!.seq });
  await timedInsert(context, tables, 'time_accounts', accounts);
  await timedInsert(context, tables, 'time_transfers', transfers);
  await timedInsert(context, tables, 'time_entries', entries);
  const extra = dataset as unknown as { timebank?: Partial<TimebankDataset> };
  extra.timebank = { fundId: fund.id, accountIds: people.map((a) => a.id) };
  return {
    capability: 'timebank',
    tables,
    notes: [
      `${people.length.toLocaleString('en-GB')} people using credits, ${transfers.length.toLocaleString('en-GB')} transfers of history`,
    ],
  };
}

const OFFER_WORDS: Record<string, string[]> = {
  gardening: ['weeding', 'pruning', 'lawn', 'hedge', 'planting', 'allotment', 'borders', 'vegetables'],
  lifts: ['hospital', 'appointment', 'station', 'shopping', 'lift', 'driving', 'car', 'school'],
  shopping: ['groceries', 'prescription', 'pharmacy', 'errands', 'supermarket', 'parcel', 'post'],
  company: ['chat', 'tea', 'walk', 'visit', 'lonely', 'friendship', 'cards', 'company'],
  repairs: ['shelves', 'bike', 'furniture', 'painting', 'plumbing', 'flatpack', 'fence', 'curtains'],
  cooking: ['meals', 'baking', 'soup', 'cooking', 'recipes', 'freezer', 'lunch'],
  technology: ['phone', 'tablet', 'email', 'video', 'computer', 'internet', 'whatsapp', 'printer'],
  paperwork: ['forms', 'letters', 'benefits', 'council', 'reading', 'writing', 'bills'],
  pets: ['dog', 'walking', 'cat', 'feeding', 'pets', 'rabbit'],
  learning: ['english', 'maths', 'homework', 'reading', 'language', 'guitar', 'welsh'],
  childcare: ['school', 'children', 'babysitting', 'homework', 'toddler'],
  personal_care: ['washing', 'dressing', 'hair', 'care'],
  other: ['help', 'odd', 'jobs', 'moving', 'boxes', 'sorting'],
};

export async function generateExchanges(context: GenerationContext): Promise<CapabilityResult> {
  const { dataset } = context;
  const county = dataset.county!;
  const rng = Rng.forCapability(context.seed, 'exchanges');
  const tables: TableLoad[] = [];
  const districts = Array.from({ length: 40 }, (_, i) => ({
    code: `HR${i + 1}`,
    latitude: 52.45 + rng.next() * 0.35,
    longitude: -1.45 + rng.next() * 0.5,
  }));
  await timedInsert(
    context,
    tables,
    'outward_code_centroids',
    districts.map((d) => ({ outward_code: d.code, latitude: d.latitude, longitude: d.longitude })),
  );

  const offers = Math.round(dataset.personIds.length / 4);
  const requests = Math.round(offers / 5);
  const helpers = Math.round(dataset.personIds.length / 2);
  const describe = () => {
    const category = rng.pick(CATEGORIES);
    const vocabulary = OFFER_WORDS[category]!;
    const title = `${rng.pick(vocabulary)} and ${rng.pick(vocabulary)} ${rng.pick(['help', 'support', 'a hand', 'company'])}`;
    return { category, title, words: significantWords(title, `${rng.pick(vocabulary)} ${rng.pick(vocabulary)}`) };
  };
  const posts: Array<Insertable<Database['exchange_posts']>> = [];
  const words: Array<Insertable<Database['exchange_post_words']>> = [];
  const requestIds: string[] = [];
  for (let i = 0; i < offers + requests; i++) {
    const id = rng.uuid();
    const kind = i < offers ? 'offer' : 'request';
    const d = describe();
    const district = rng.pick(districts).code;
    const at = new Date(Date.parse('2025-01-01T00:00:00.000Z') + i * 37_000).toISOString();
    posts.push({
      id,
      place_id: county.id,
      person_id: rng.pick(dataset.personIds),
      kind,
      title: d.title,
      details: '',
      category: d.category,
      area: district,
      outward_code: district,
      when_text: '',
      days: rng.chance(0.4) ? 0 : rng.int(1, 127),
      duration_minutes: 60,
      sensitive: d.category === 'personal_care' ? 1 : 0,
      status: rng.chance(0.9) ? 'open' : 'closed',
      words: d.words.join(' '),
      created_at: at,
      updated_at: at,
    });
    for (const word of d.words) words.push({ place_id: county.id, word, post_id: id });
    if (kind === 'request') requestIds.push(id);
  }
  await timedInsert(context, tables, 'exchange_posts', posts);
  await timedInsert(context, tables, 'exchange_post_words', words);

  const helperRows: Array<Insertable<Database['exchange_helpers']>> = [];
  const helperWords: Array<Insertable<Database['exchange_helper_words']>> = [];
  for (const personId of dataset.personIds.slice(0, helpers)) {
    const d = describe();
    const second = rng.pick(CATEGORIES);
    const categories = [...new Set([d.category, second])];
    helperRows.push({
      place_id: county.id,
      person_id: personId,
      can_help_with: d.title,
      categories: categories.join(' '),
      outward_code: rng.pick(districts).code,
      days: rng.int(0, 127),
      visibility: rng.chance(0.8) ? 'members' : 'coordinators',
      active: rng.chance(0.95) ? 1 : 0,
      words: d.words.join(' '),
      updated_at: AT,
    });
    for (const word of [...d.words, ...categories.map((c) => `cat:${c}`)])
      helperWords.push({ place_id: county.id, word, person_id: personId });
  }
  await timedInsert(context, tables, 'exchange_helpers', helperRows);
  await timedInsert(context, tables, 'exchange_helper_words', helperWords);
  const extra = dataset as unknown as { timebank?: Partial<TimebankDataset> };
  extra.timebank = { ...extra.timebank, requestIds, offers, helpers };
  return {
    capability: 'exchanges',
    tables,
    notes: [
      `${offers.toLocaleString('en-GB')} offers, ${requests.toLocaleString('en-GB')} requests, ${helpers.toLocaleString('en-GB')} people saying what they can help with, in ${districts.length} districts (${DAYS.length}-day availability)`,
    ],
  };
}
