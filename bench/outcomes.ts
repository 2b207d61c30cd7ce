/**
 * Social prescribing and outcomes for the county, sized from the people asked for
 * (200,000 by default): a support record for two in five people (80,000), 100,000
 * referrals to the directory's activities at every status, 200,000 sets of wellbeing
 * answers (ONS4 at referral, 3 and 6 months), and enough time-credit history that the
 * place holds 500,000 transfers of hours given (the timebank generator's 50,000, and
 * 450,000 more written here as the ledger writes them). Also a published outcomes
 * framework with check-in questions, a programme of 200 activities, 50,000 check-ins
 * and 200 stories, so the commissioner's report has every part to assemble.
 */
import { sql, type Insertable } from 'kysely';
import type { Database } from '../src/db/schema.js';
import type { ReferralStatus } from '../src/modules/prescribing/index.js';
import { WELLBEING_DAY_SUMS, type Timepoint } from '../src/modules/prescribing/schema.js';
import { dayContribution, type DaySums } from '../src/modules/prescribing/wellbeing-rules.js';
import type { CapabilityResult, GenerationContext, TableLoad } from './generate.js';
import { bulkInsert } from './insert.js';
import { Rng } from './random.js';

const FROM = '2024-06-01T00:00:00.000Z';
const TO = '2026-10-31T00:00:00.000Z';
const DAY = 86_400_000;

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

/** How the dataset's size follows the people asked for. */
export function outcomesSizes(people: number) {
  return {
    records: Math.round(people * 0.4),
    referrals: Math.round(people / 2),
    /** Transfers of hours given the place should hold in all. */
    hours: Math.round(people * 2.5),
    checkins: Math.round(people / 4),
  };
}

export interface OutcomesDataset {
  programmeId: string;
}

export async function generateOutcomes(context: GenerationContext): Promise<CapabilityResult> {
  const { kith, dataset } = context;
  const county = dataset.county!;
  const db = kith.db.kysely;
  const rng = Rng.forCapability(context.seed, 'outcomes');
  const sizes = outcomesSizes(context.sizes.people);
  const tables: TableLoad[] = [];
  const activities = await db
    .selectFrom('directory_activities')
    .select(['id', 'organisation_id'])
    .where('place_id', '=', county.id)
    .where('state', '=', 'published')
    .orderBy('id')
    .execute();
  const workers = (dataset.roleHolders.get('link_worker') ?? [])
    .filter((h) => h.placeId === county.id)
    .map((h) => h.personId);
  if (!activities.length || !workers.length)
    return { capability: 'outcomes', tables, notes: ['skipped: no published activities or link workers to work with'] };
  const iso = (ms: number) => new Date(ms).toISOString();

  // Records, each with a consent, and referrals from them.
  const records: Array<{ id: string; start: number }> = [];
  const consents: string[] = [];
  function* recordRows(): Generator<Insertable<Database['prescribing_records']>> {
    for (let i = 0; i < sizes.records; i++) {
      const id = rng.uuid();
      const start = Date.parse(rng.isoBetween(FROM, TO));
      records.push({ id, start });
      yield {
        id,
        place_id: county.id,
        person_id: null,
        name: `Person ${i + 1}`,
        preferred_name: `Person`,
        email: null,
        phone: null,
        how_to_contact: '',
        access_needs: '',
        referred_from: 'GP',
        source: 'link_worker',
        referred_by_id: null,
        holder_id: rng.pick(workers),
        episode_code: '871731000000106',
        episode_code_at: iso(start),
        invite_hash: null,
        invite_expires_at: null,
        claimed_at: null,
        created_at: iso(start),
        updated_at: iso(start),
      };
    }
  }
  await timedInsert(context, tables, 'prescribing_records', recordRows());
  await timedInsert(
    context,
    tables,
    'prescribing_consents',
    records.map((r) => {
      const id = rng.uuid();
      consents.push(id);
      return {
        id,
        place_id: county.id,
        record_id: r.id,
        given_on: iso(r.start).slice(0, 10),
        recorded_by: workers[0]!,
        decision: 'agreed' as const,
        shares: 'first_name,contact',
        message_back: 1,
        wording: 'Generated consent',
        lang: 'en' as const,
        created_at: iso(r.start),
        withdrawn_at: null,
      };
    }),
  );
  const outcomesOf: Array<readonly [ReferralStatus[], number]> = [
    [['sent'], 6],
    [['sent', 'accepted'], 8],
    [['sent', 'accepted', 'first_contact'], 8],
    [['sent', 'accepted', 'first_contact', 'attended'], 25],
    [['sent', 'accepted', 'first_contact', 'attended', 'still_going'], 30],
    [['sent', 'declined'], 10],
    [['sent', 'accepted', 'did_not_attend'], 13],
  ];
  function* referralRows(): Generator<Insertable<Database['prescribing_referrals']>> {
    for (let i = 0; i < sizes.referrals; i++) {
      const n = i < records.length ? i : rng.int(0, records.length - 1);
      const record = records[n]!;
      const activity = rng.pick(activities);
      const path = rng.weighted(outcomesOf);
      const sent = record.start + rng.int(0, 5) * DAY;
      const at = (k: number) => iso(sent + [0, 3, 7, 14, 14 + 90][k]! * DAY);
      const status = path[path.length - 1]!;
      const has = (s: ReferralStatus) => path.indexOf(s);
      yield {
        id: rng.uuid(),
        place_id: county.id,
        record_id: record.id,
        target_kind: 'activity',
        target_id: activity.id,
        organisation_id: activity.organisation_id,
        status,
        reason: status === 'declined' ? 'full' : status === 'did_not_attend' ? 'transport' : null,
        reason_detail: null,
        note: '',
        consent_id: consents[n]!,
        referred_by: workers[0]!,
        sent_at: at(0),
        accepted_at: has('accepted') > 0 ? at(1) : null,
        first_contact_at: has('first_contact') > 0 ? at(2) : null,
        attended_at: has('attended') > 0 ? at(3) : null,
        still_going_at: has('still_going') > 0 ? at(4) : null,
        ended_at: status === 'declined' || status === 'did_not_attend' ? at(2) : null,
        last_change_at: at(path.length - 1),
        stall_reminded_for: null,
        snomed_code: has('first_contact') > 0 ? '871731000000106' : null,
        snomed_at: has('first_contact') > 0 ? at(2) : null,
        updated_at: at(path.length - 1),
      };
    }
  }
  await timedInsert(context, tables, 'prescribing_referrals', referralRows());

  // Wellbeing: everyone at referral, most at 3 months, many at 6, moving a little on average.
  // The day sums are added up as the answers are made, as saving answers keeps them.
  const days = new Map<string, { answered_on: string; timepoint: Timepoint; sums: DaySums }>();
  const clamp = (v: number) => Math.max(0, Math.min(10, Math.round(v)));
  function* wellbeingRows(): Generator<Insertable<Database['prescribing_wellbeing']>> {
    for (const record of records) {
      const base = [rng.int(1, 7), rng.int(2, 7), rng.int(1, 7), rng.int(3, 9)];
      let baseline: [number, number, number, number] | undefined;
      for (const [timepoint, months, chance] of [
        ['referral', 0, 1],
        ['3m', 3, 0.8],
        ['6m', 6, 0.7],
      ] as const) {
        if (!rng.chance(chance)) continue;
        const answered = record.start + months * 30 * DAY;
        const lift = months / 3;
        const v: [number, number, number, number] = [
          clamp(base[0]! + lift * rng.next() * 1.5),
          clamp(base[1]! + lift * rng.next()),
          clamp(base[2]! + lift * rng.next() * 1.5),
          clamp(base[3]! - lift * rng.next() * 1.5),
        ];
        if (timepoint === 'referral') baseline = v;
        // The changes from referral, as saveWellbeing keeps them.
        const d = (i: number) => (timepoint !== 'referral' && baseline ? v[i]! - baseline[i]! : null);
        const row = {
          id: rng.uuid(),
          place_id: county.id,
          record_id: record.id,
          instrument: 'ons4',
          timepoint,
          answered_on: iso(Math.min(answered, Date.parse(TO))).slice(0, 10),
          life: v[0],
          worthwhile: v[1],
          happy: v[2],
          anxious: v[3],
          answers: null,
          total: null,
          d_life: d(0),
          d_worthwhile: d(1),
          d_happy: d(2),
          d_anxious: d(3),
          d_total: null,
          recorded_by: workers[0]!,
          created_at: iso(answered),
          updated_at: iso(answered),
        };
        const key = `${row.answered_on}|${timepoint}`;
        const day =
          days.get(key) ??
          days
            .set(key, {
              answered_on: row.answered_on,
              timepoint,
              sums: Object.fromEntries(WELLBEING_DAY_SUMS.map((k) => [k, 0])) as DaySums,
            })
            .get(key)!;
        const add = dayContribution(row);
        for (const k of WELLBEING_DAY_SUMS) day.sums[k] += add[k];
        yield row;
      }
    }
  }
  await timedInsert(context, tables, 'prescribing_wellbeing', wellbeingRows());
  await timedInsert(
    context,
    tables,
    'prescribing_wellbeing_days',
    [...days.values()].map((d) => ({
      place_id: county.id,
      instrument: 'ons4',
      answered_on: d.answered_on,
      timepoint: d.timepoint,
      ...d.sums,
    })),
  );

  // Hours given: issues from the community fund to people, as the ledger writes them.
  const extraHours = await generateHours(context, tables, rng, sizes.hours);

  // A published framework with check-in questions, a programme, check-ins and stories.
  const at = '2025-01-15T00:00:00.000Z';
  const frameworkId = rng.uuid();
  const programmeId = rng.uuid();
  await timedInsert(context, tables, 'outcomes_programmes', [
    {
      id: programmeId,
      place_id: county.id,
      name: 'Active together',
      description: '',
      created_by: null,
      created_at: at,
    },
  ]);
  await timedInsert(
    context,
    tables,
    'outcomes_programme_activities',
    activities.slice(0, 200).map((a) => ({ programme_id: programmeId, activity_id: a.id, place_id: county.id })),
  );
  await timedInsert(context, tables, 'outcomes_frameworks', [
    {
      id: frameworkId,
      place_id: county.id,
      programme_id: null,
      title: 'Connected communities',
      purpose: '',
      state: 'published',
      created_by: null,
      created_at: at,
      published_by: null,
      published_at: at,
      updated_at: at,
      residents_per_outcome: 3,
      resident_share: 33,
    },
  ]);
  const outcomeIds = [rng.uuid(), rng.uuid(), rng.uuid()];
  await timedInsert(
    context,
    tables,
    'outcomes_outcomes',
    outcomeIds.map((id, i) => ({
      id,
      place_id: county.id,
      framework_id: frameworkId,
      title: [
        'People feel less lonely',
        'People feel their lives are worthwhile',
        'People give time to help each other',
      ][i]!,
      description: '',
      position: i,
      created_at: at,
    })),
  );
  const indicators = [
    { kind: 'checkin', ref: null, outcome: 0, title: 'Meets someone new' },
    { kind: 'ons4', ref: 'happy', outcome: 0, title: 'Happiness' },
    { kind: 'ons4', ref: 'worthwhile', outcome: 1, title: 'Worthwhile' },
    { kind: 'count', ref: 'referrals_attended', outcome: 1, title: 'Referrals attended' },
    { kind: 'checkin', ref: null, outcome: 2, title: 'Helped someone' },
    { kind: 'count', ref: 'hours_given', outcome: 2, title: 'Hours given' },
  ] as const;
  const indicatorIds = indicators.map(() => rng.uuid());
  await timedInsert(
    context,
    tables,
    'outcomes_indicators',
    indicators.map((x, i) => ({
      id: indicatorIds[i]!,
      place_id: county.id,
      framework_id: frameworkId,
      outcome_id: outcomeIds[x.outcome]!,
      title: x.title,
      measure_kind: x.kind,
      measure_ref: x.ref,
      question: x.kind === 'checkin' ? `${x.title} today?` : null,
      question_cy: null,
      scale_min: x.kind === 'checkin' ? 1 : 0,
      scale_max: x.kind === 'checkin' ? 5 : 10,
      position: i,
      created_at: at,
    })),
  );
  await timedInsert(
    context,
    tables,
    'outcomes_links',
    activities.slice(0, 500).map((a) => ({
      outcome_id: outcomeIds[0]!,
      target_kind: 'activity' as const,
      target_id: a.id,
      place_id: county.id,
      framework_id: frameworkId,
      linked_by: null,
      linked_at: at,
    })),
  );
  const checkinIds: Array<{ id: string; activity: string; on: string }> = [];
  function* checkinRows(): Generator<Insertable<Database['outcomes_checkins']>> {
    for (let i = 0; i < sizes.checkins; i++) {
      const id = rng.uuid();
      const activity = activities[rng.int(0, Math.min(499, activities.length - 1))]!.id;
      const on = rng.isoBetween(FROM, TO).slice(0, 10);
      checkinIds.push({ id, activity, on });
      yield {
        id,
        place_id: county.id,
        activity_id: activity,
        session_on: on,
        person_id: null,
        entered_by: workers[0]!,
        from_paper: 1,
        created_at: `${on}T12:00:00.000Z`,
      };
    }
  }
  await timedInsert(context, tables, 'outcomes_checkins', checkinRows());
  function* answerRows(): Generator<Insertable<Database['outcomes_checkin_answers']>> {
    for (const c of checkinIds)
      for (const i of [0, 4])
        yield {
          checkin_id: c.id,
          indicator_id: indicatorIds[i]!,
          place_id: county.id,
          activity_id: c.activity,
          session_on: c.on,
          value: rng.int(1, 5),
        };
  }
  await timedInsert(context, tables, 'outcomes_checkin_answers', answerRows());
  await timedInsert(
    context,
    tables,
    'outcomes_stories',
    Array.from({ length: 200 }, (_, i) => ({
      id: rng.uuid(),
      place_id: county.id,
      author_id: rng.pick(dataset.personIds),
      title: `A story of change ${i + 1}`,
      body: 'What changed, in their own words.',
      consent: 'anonymous' as const,
      consent_wording: '',
      state: 'published' as const,
      moderation_note: null,
      moderated_by: null,
      moderated_at: null,
      photo_alt: null,
      created_at: rng.isoBetween(FROM, TO),
    })),
  );
  (dataset as unknown as { outcomes?: OutcomesDataset }).outcomes = { programmeId };
  if (kith.db.dialect === 'postgres') {
    // Reports read these tables through covering indexes; PostgreSQL answers from the
    // index alone only for pages VACUUM has marked all-visible (autovacuum would, later).
    const t0 = performance.now();
    for (const table of [
      'prescribing_referrals',
      'prescribing_wellbeing',
      'time_transfers',
      'outcomes_checkins',
      'outcomes_checkin_answers',
    ])
      await sql`vacuum ${sql.id(table)}`.execute(db);
    tables.push({ table: 'vacuum (PostgreSQL)', rows: 0, seconds: (performance.now() - t0) / 1000 });
  }
  return {
    capability: 'outcomes',
    tables,
    notes: [
      `${sizes.records.toLocaleString('en-GB')} support records, ${sizes.referrals.toLocaleString('en-GB')} referrals, ${extraHours.toLocaleString('en-GB')} more time-credit transfers of hours given (${sizes.hours.toLocaleString('en-GB')} in the place in all), ${sizes.checkins.toLocaleString('en-GB')} check-ins`,
    ],
  };
}

/**
 * Tops the place's time-credit history up to `total` transfers: the community fund
 * issues hours to people, each transfer with its two entries (next sequence numbers,
 * running balances), and the accounts' stored balances moved to match, so
 * `kith ledger verify` still finds nothing wrong.
 */
async function generateHours(
  context: GenerationContext,
  tables: TableLoad[],
  rng: Rng,
  total: number,
): Promise<number> {
  const db = context.kith.db.kysely;
  const county = context.dataset.county!;
  const existing = Number(
    (
      await db
        .selectFrom('time_transfers')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('place_id', '=', county.id)
        .executeTakeFirstOrThrow()
    ).n,
  );
  const extra = Math.max(0, total - existing);
  if (!extra) return 0;
  const accounts = await db
    .selectFrom('time_accounts')
    .select(['id', 'kind', 'balance', 'entry_count'])
    .where('place_id', '=', county.id)
    .where('opted_out_at', 'is', null)
    .orderBy('id')
    .execute();
  const fund = accounts.find((a) => a.kind === 'fund');
  // A few thousand volunteers receive the hours, so only they need their stored balances moved.
  const people = accounts.filter((a) => a.kind === 'person').slice(0, 5000);
  if (!fund || !people.length) return 0;
  const fundId = fund.id;
  const state = new Map(
    [fund, ...people].map((a) => [a.id, { balance: Number(a.balance), seq: Number(a.entry_count) }]),
  );
  const entries: Array<Insertable<Database['time_entries']>> = [];
  function* transfers(): Generator<Insertable<Database['time_transfers']>> {
    for (let i = 0; i < extra; i++) {
      const id = rng.uuid();
      const to = rng.pick(people);
      const minutes = rng.pick([30, 60, 60, 90, 120, 180]);
      const at = new Date(Date.parse('2024-06-01T00:00:00.000Z') + i * 150_000).toISOString();
      for (const [account, amount] of [
        [fundId, -minutes],
        [to.id, minutes],
      ] as const) {
        const s = state.get(account)!;
        s.balance += amount;
        s.seq += 1;
        entries.push({
          account_id: account,
          seq: s.seq,
          place_id: county.id,
          transfer_id: id,
          amount,
          balance_after: s.balance,
          created_at: at,
        });
      }
      yield {
        id,
        place_id: county.id,
        kind: 'issue',
        idempotency_key: `bench-hours-${i}`,
        amount: minutes,
        description: 'Volunteering',
        reference_type: null,
        reference_id: null,
        reverses_id: null,
        reason: null,
        created_at: at,
      };
    }
  }
  await timedInsert(context, tables, 'time_transfers', transfers());
  const t0 = performance.now();
  const written = await bulkInsert(context.kith.db, 'time_entries', entries);
  tables.push({ table: 'time_entries', rows: written, seconds: (performance.now() - t0) / 1000 });
  const t1 = performance.now();
  await context.kith.db.transaction(async (trx) => {
    for (const [id, s] of state)
      await trx
        .updateTable('time_accounts')
        .set({ balance: s.balance, entry_count: s.seq })
        .where('id', '=', id)
        .execute();
  });
  tables.push({ table: 'time_accounts (balances)', rows: state.size, seconds: (performance.now() - t1) / 1000 });
  return extra;
}
