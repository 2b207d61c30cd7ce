import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { csvDocument } from '../../platform/csv.js';
import { addDays, todayInPlace } from '../../platform/dates.js';
import {
  Agent,
  errorSummaryProblems,
  fieldErrors,
  libraryDraftsFrom,
  newMember,
  pageText,
  pdfText,
  signedInAs,
  startTestKith,
  type TestKith,
} from '../../testing.js';
import { grantsCommands } from './cli.js';
import { castBallot, createFund, createRound, decide, publishVote, startApplication } from './grants.js';
import type { RoundInput } from './inputs.js';
import { closingInstant, formatPence, parsePounds, tally } from './rules.js';
import { GIVING_CSV_HEADER, givingCsv, givingCsvRow, givingGrant, givingPackageJson } from './giving360.js';
import { awardsIn, type ApplicationFields, type Award } from './store.js';

let t: TestKith;
let placeId: string;
let fundId: string;
const base = '/places/calderbrook/grants';
const today = todayInPlace();

before(async () => {
  t = await startTestKith({ demo: true });
  placeId = t.demo.places.calderbrook!.id;
  fundId = await createFund(t.kith, {
    placeId,
    personId: t.demo.people.officer!.id,
    fund: {
      name: 'Test fund',
      purpose: 'Tests',
      funderName: 'Calder Valley Council',
      funderId: 'GB-LAE-CAL',
      prefix: '360G-calderbrook',
      allowsIndividuals: true,
    },
  });
});
after(() => t.close());

const officerId = () => t.demo.people.officer!.id;

function roundInput(over: Partial<RoundInput> = {}): RoundInput {
  return {
    title: 'A round',
    purpose: 'Tests',
    budget: 100_000,
    minAward: 1_000,
    maxAward: 60_000,
    whoMayApply: ['constituted', 'informal', 'individual'],
    area: 'Calderbrook',
    districts: [],
    opensOn: addDays(today, -5),
    closesOn: addDays(today, 5),
    decidedBy: 'panel',
    voteOpensOn: null,
    voteClosesOn: null,
    ballotKind: 'budget',
    voteMaxProjects: 0,
    criteria: [
      { name: 'Benefit', n: 3 },
      { name: 'Value', n: 1 },
    ],
    questions: [{ name: 'What will you do?', n: 10 }],
    ...over,
  };
}

const newRound = (over: Partial<RoundInput> = {}) =>
  createRound(t.kith, { placeId, personId: officerId(), fundId, round: roundInput(over) });

function fields(over: Partial<ApplicationFields> = {}): ApplicationFields {
  return {
    applicantKind: 'constituted',
    groupName: 'Riverside Friends',
    charityNumber: '',
    companyNumber: '',
    hostName: '',
    hostCharityNumber: '',
    hostCompanyNumber: '',
    projectTitle: 'Benches by the river',
    summary: 'Three benches',
    budgetLines: [{ item: 'Benches', pence: 30_000 }],
    amountPence: 30_000,
    answers: {},
    ...over,
  };
}

async function submitted(
  roundId: string,
  over: Partial<ApplicationFields> = {},
  who = t.demo.people.organiser!.id,
  now?: Date,
) {
  const questions = await t.kith.db.kysely
    .selectFrom('grant_questions')
    .select('id')
    .where('round_id', '=', roundId)
    .execute();
  const answers = Object.fromEntries(questions.map((q) => [q.id, 'We will build benches']));
  return startApplication(t.kith, {
    placeId,
    personId: who,
    roundId,
    fields: fields({ answers, ...over }),
    action: 'submit',
    now,
  });
}

describe('money and deadlines', () => {
  test('money is whole pence: every amount written in pounds reads back the same', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999_999_999 }), (pence) => {
        assert.equal(parsePounds(formatPence(pence)), pence);
      }),
    );
    assert.equal(parsePounds('£1,250.5'), 125_050);
    assert.equal(parsePounds('12.345'), undefined);
    assert.equal(parsePounds('1e3'), undefined);
  });

  test('a round takes applications until 23:59:59 on its closing day in London and refuses them at midnight, across the clock changes', async () => {
    // Spring forward: the clocks go forward at 01:00 GMT on Sunday 28 March 2027.
    for (const [closesOn, lastSecond, midnight] of [
      ['2027-03-27', '2027-03-27T23:59:59Z', '2027-03-28T00:00:00Z'],
      ['2027-03-28', '2027-03-28T22:59:59Z', '2027-03-28T23:00:00Z'],
      ['2027-10-30', '2027-10-30T22:59:59Z', '2027-10-30T23:00:00Z'],
      ['2027-10-31', '2027-10-31T23:59:59Z', '2027-11-01T00:00:00Z'],
    ] as const) {
      assert.equal(closingInstant(closesOn), new Date(midnight).toISOString());
      const round = await newRound({ opensOn: '2027-01-01', closesOn });
      await submitted(round, {}, t.demo.people.organiser!.id, new Date(lastSecond));
      await assert.rejects(submitted(round, {}, t.demo.people.organiser!.id, new Date(midnight)), {
        key: 'grants.apply.closed.rule',
      });
    }
  });
});

describe('funds and rounds', () => {
  test('an officer opens a round through the form; every mistake shows beside its field and nothing is stored', async () => {
    const officer = await signedInAs(t, 'officer');
    const before = (await t.kith.db.kysely.selectFrom('grant_rounds').select('id').execute()).length;
    const bad = await officer.post(`${base}/funds/${fundId}/rounds/new`, {
      title: '',
      budget: '12.345',
      minAward: '500',
      maxAward: '100',
      decidedBy: 'vote',
      criteria: 'Benefit',
      'closesOn-day': '31',
      'closesOn-month': '2',
      'closesOn-year': '2027',
    });
    assert.equal(bad.statusCode, 400);
    const errors = fieldErrors(bad.body);
    assert.equal(errors.title, 'Enter the name of the round');
    assert.equal(errors.budget, 'Enter the budget in pounds, like 5000 or 5,000.00');
    assert.equal(errors.closesOn, 'Enter the last day for applications as a real date, like 31 3 2027');
    assert.match(errors.criteria!, /weight from 1 to 10/);
    assert.equal((await t.kith.db.kysely.selectFrom('grant_rounds').select('id').execute()).length, before);

    const [y, m, d] = addDays(today, 14).split('-');
    const ok = await officer.post(`${base}/funds/${fundId}/rounds/new`, {
      title: 'Summer round',
      purpose: 'Summer projects',
      budget: '2,000',
      minAward: '100',
      maxAward: '750.50',
      whoMayApply: ['constituted', 'informal'],
      area: 'Calderbrook',
      'opensOn-day': today.slice(8),
      'opensOn-month': today.slice(5, 7),
      'opensOn-year': today.slice(0, 4),
      'closesOn-day': d!,
      'closesOn-month': m!,
      'closesOn-year': y!,
      decidedBy: 'panel',
      criteria: 'Benefits local people | 3\nValue | 1',
      questions: 'What will you do? | 100',
    });
    assert.equal(ok.statusCode, 303, pageText(ok.body));
    const id = ok.headers.location!.split('/').at(-2)!;
    const row = await t.kith.db.kysely
      .selectFrom('grant_rounds')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.equal(Number(row.budget_pence), 200_000);
    assert.equal(Number(row.max_award_pence), 75_050);
    const page = pageText((await new Agent(t).get(`${base}/rounds/${id}`)).body);
    assert.match(page, /£2,000 .*£100 to £750\.50/);
  });
  test('a round may be limited to postcode districts: the form tidies them, refuses a malformed one in English and Welsh, and the page says who may vote', async () => {
    const officer = await signedInAs(t, 'officer');
    const before = (await t.kith.db.kysely.selectFrom('grant_rounds').select('id').execute()).length;
    const [oy, om, od] = addDays(today, 1).split('-');
    const [cy, cm, cd] = addDays(today, 3).split('-');
    const [vy, vm, vd] = addDays(today, 5).split('-');
    const [wy, wm, wd] = addDays(today, 9).split('-');
    const form = (districts: string) => ({
      title: 'Hebble vote',
      purpose: 'Projects chosen by residents',
      budget: '1,000',
      minAward: '100',
      maxAward: '500',
      whoMayApply: ['constituted'],
      area: 'Hebble Bridge',
      districts,
      'opensOn-day': od!,
      'opensOn-month': om!,
      'opensOn-year': oy!,
      'closesOn-day': cd!,
      'closesOn-month': cm!,
      'closesOn-year': cy!,
      decidedBy: 'vote',
      'voteOpensOn-day': vd!,
      'voteOpensOn-month': vm!,
      'voteOpensOn-year': vy!,
      'voteClosesOn-day': wd!,
      'voteClosesOn-month': wm!,
      'voteClosesOn-year': wy!,
      ballotKind: 'budget',
      criteria: 'Benefit | 1',
    });
    const blank = await officer.get(`${base}/funds/${fundId}/rounds/new`);
    assert.match(pageText(blank.body), /Postcode districts that may vote \(optional\)/, 'the form asks for districts');
    const bad = await officer.post(`${base}/funds/${fundId}/rounds/new`, form('HX1, HX1 5AB, Calderbrook'));
    assert.equal(bad.statusCode, 400, 'a malformed district is refused');
    assert.equal(
      fieldErrors(bad.body).districts,
      'Enter postcode districts like HX1 or SW1A, separated by commas',
      'the message sits beside the field',
    );
    await officer.get(`${base}?lang=cy`);
    const welsh = await officer.post(`${base}/funds/${fundId}/rounds/new`, form('HX1; 12'));
    await officer.get(`${base}?lang=en`);
    assert.equal(welsh.statusCode, 400, 'the Welsh form refuses it too');
    assert.match(pageText(welsh.body), /Ardaloedd cod post sy’n cael pleidleisio/, 'the field is labelled in Welsh');
    assert.equal(
      fieldErrors(welsh.body).districts,
      'Rhowch ardaloedd cod post fel HX1 neu SW1A, wedi’u gwahanu gan atalnodau',
      'the Welsh message sits beside the field',
    );
    assert.equal(
      (await t.kith.db.kysely.selectFrom('grant_rounds').select('id').execute()).length,
      before,
      'no round is stored from a refused form',
    );

    const ok = await officer.post(`${base}/funds/${fundId}/rounds/new`, form(' hx7, HX1 hx2,hx1 '));
    assert.equal(ok.statusCode, 303, pageText(ok.body));
    const id = ok.headers.location!.split('/').at(-2)!;
    const row = await t.kith.db.kysely
      .selectFrom('grant_rounds')
      .select('districts')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.equal(row.districts, 'HX7,HX1,HX2', 'districts are stored upper-case and once each');
    const page = pageText((await new Agent(t).get(`${base}/rounds/${id}`)).body);
    assert.match(
      page,
      /Who may vote People who live in the postcode districts HX7, HX1, HX2/,
      'the public page names the districts that may vote',
    );
    const cyPage = new Agent(t);
    await cyPage.get(`${base}?lang=cy`);
    assert.match(
      pageText((await cyPage.get(`${base}/rounds/${id}`)).body),
      /Pwy sy’n cael pleidleisio Pobl sy’n byw yn ardaloedd cod post HX7, HX1, HX2/,
      'and says so in Welsh',
    );
  });
});

describe('applying', () => {
  test('an informal group saves a draft, sees what is missing, and submits through a host', async () => {
    const round = await newRound();
    const resident = await signedInAs(t, 'resident');
    const draft = await resident.post(`${base}/rounds/${round}/apply`, {
      applicantKind: 'informal',
      groupName: 'Knit and Natter',
      action: 'save',
    });
    assert.equal(draft.statusCode, 303);
    const url = draft.headers.location!;
    const page = pageText((await resident.get(url)).body);
    assert.match(page, /Still to do before you submit .*Enter the host organisation that will receive the money/);
    // Submitting with an answer over its word limit is refused beside the answer.
    const q = (
      await t.kith.db.kysely
        .selectFrom('grant_questions')
        .select('id')
        .where('round_id', '=', round)
        .executeTakeFirstOrThrow()
    ).id;
    const over = await resident.post(url, {
      applicantKind: 'informal',
      groupName: 'Knit and Natter',
      hostName: 'Community Centre',
      projectTitle: 'Wool',
      summary: 'Knitting',
      'item-1': 'Wool',
      'cost-1': '120',
      [`answer-${q}`]: 'one two three four five six seven eight nine ten eleven',
      action: 'submit',
    });
    assert.equal(over.statusCode, 422);
    assert.equal(fieldErrors(over.body)[`answer-${q}`], 'Use 10 words or fewer');
    const ok = await resident.post(url, {
      applicantKind: 'informal',
      groupName: 'Knit and Natter',
      hostName: 'Community Centre',
      projectTitle: 'Wool',
      summary: 'Knitting',
      'item-1': 'Wool',
      'cost-1': '120',
      [`answer-${q}`]: 'Ten of us knit together every week',
      action: 'submit',
    });
    assert.equal(ok.statusCode, 303);
    const stored = await t.kith.db.kysely
      .selectFrom('grant_applications')
      .selectAll()
      .where('id', '=', url.split('/').pop()!)
      .executeTakeFirstOrThrow();
    assert.equal(stored.status, 'submitted');
    assert.equal(Number(stored.amount_pence), 12_000);
    // Someone else cannot open it.
    assert.equal((await (await signedInAs(t, 'organiser')).get(url)).statusCode, 403);
  });
});

describe('the panel', () => {
  test('a member declares a conflict on one application and cannot score it; on another they see the spread only after scoring', async () => {
    const round = await newRound();
    const a = await submitted(round, { projectTitle: 'Her sister’s group' });
    const b = await submitted(round, { projectTitle: 'The allotment' });
    const officer = await signedInAs(t, 'officer');
    for (const email of [t.demo.people.youngResident!.email, t.demo.people.officer!.email])
      assert.equal((await officer.post(`${base}/rounds/${round}/panel`, { email })).statusCode, 303);
    const criteria = await t.kith.db.kysely
      .selectFrom('grant_criteria')
      .select('id')
      .where('round_id', '=', round)
      .orderBy('position')
      .execute();
    const scores = (n: string) => Object.fromEntries(criteria.map((c) => [`score-${c.id}`, n]));

    const young = await signedInAs(t, 'youngResident');
    // Scoring before declaring is refused.
    assert.equal((await young.post(`${base}/rounds/${round}/review/${a}/score`, scores('4'))).statusCode, 422);
    await young.post(`${base}/rounds/${round}/review/${a}/conflict`, { conflicted: 'yes', note: 'My sister runs it' });
    assert.equal((await young.post(`${base}/rounds/${round}/review/${a}/score`, scores('5'))).statusCode, 422);
    assert.match(
      pageText((await young.get(`${base}/rounds/${round}/review/${a}`)).body),
      /you do not score this application or see its scores/,
    );

    await officer.post(`${base}/rounds/${round}/review/${b}/conflict`, { conflicted: 'no' });
    await officer.post(`${base}/rounds/${round}/review/${b}/score`, scores('2'));
    await young.post(`${base}/rounds/${round}/review/${b}/conflict`, { conflicted: 'no' });
    assert.doesNotMatch(
      pageText((await young.get(`${base}/rounds/${round}/review/${b}`)).body),
      /Other members’ scores/,
    );
    assert.equal((await young.post(`${base}/rounds/${round}/review/${b}/score`, scores('4'))).statusCode, 303);
    assert.match(pageText((await young.get(`${base}/rounds/${round}/review/${b}`)).body), /Other members’ scores: 2/);
    // (3×4 + 1×4)/20 = 80%, (3×2 + 1×2)/20 = 40%: the mean is 60%.
    assert.match(
      pageText((await officer.get(`${base}/rounds/${round}/manage`)).body),
      /The allotment .*60% · scored by 2 members/,
    );
    // The applicant never reaches the panel's pages; nor does a resident not on the panel.
    assert.equal((await (await signedInAs(t, 'organiser')).get(`${base}/rounds/${round}/review/${b}`)).statusCode, 403);
    assert.equal((await (await signedInAs(t, 'resident')).get(`${base}/rounds/${round}/review`)).statusCode, 403);
  });
});

describe('awards', () => {
  test('two officers awarding at once cannot take a round past its budget', async () => {
    const round = await newRound({ budget: 50_000 });
    const a = await submitted(round, { budgetLines: [{ item: 'x', pence: 30_000 }], amountPence: 30_000 });
    const b = await submitted(round, { budgetLines: [{ item: 'y', pence: 30_000 }], amountPence: 30_000 });
    const admin = t.demo.people.admin!.id;
    const results = await Promise.allSettled([
      decide(t.kith, {
        placeId,
        personId: officerId(),
        roundId: round,
        applicationId: a,
        outcome: 'full',
        amountPence: 0,
        reasons: 'Good',
      }),
      decide(t.kith, {
        placeId,
        personId: admin,
        roundId: round,
        applicationId: b,
        outcome: 'full',
        amountPence: 0,
        reasons: 'Good',
      }),
    ]);
    assert.deepEqual(results.map((r) => r.status).sort(), ['fulfilled', 'rejected']);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    assert.equal(refused.reason.key, 'grants.decision.overBudget');
    const total = await t.kith.db.kysely
      .selectFrom('grant_decisions')
      .select('amount_pence')
      .where('round_id', '=', round)
      .execute();
    assert.equal(
      total.reduce((s, r) => s + Number(r.amount_pence), 0),
      30_000,
    );
  });

  test('whatever officers decide, in any order, the awards never add up to more than the budget', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 10_000, max: 100_000 }),
        fc.array(
          fc.record({
            asked: fc.integer({ min: 1_000, max: 60_000 }),
            outcome: fc.constantFrom('full', 'part', 'declined') as fc.Arbitrary<'full' | 'part' | 'declined'>,
            part: fc.integer({ min: 1, max: 59_999 }),
          }),
          { minLength: 1, maxLength: 6 },
        ),
        async (budget, attempts) => {
          const round = await newRound({ budget, maxAward: budget, minAward: 1_000 });
          const ids: string[] = [];
          for (const at of attempts)
            ids.push(
              await submitted(round, {
                budgetLines: [{ item: 'x', pence: Math.min(at.asked, budget) }],
                amountPence: Math.min(at.asked, budget),
              }),
            );
          await Promise.allSettled(
            attempts.map((at, i) =>
              decide(t.kith, {
                placeId,
                personId: officerId(),
                roundId: round,
                applicationId: ids[i]!,
                outcome: at.outcome,
                amountPence: at.part,
                reasons: 'Because',
              }),
            ),
          );
          const rows = await t.kith.db.kysely
            .selectFrom('grant_decisions')
            .select('amount_pence')
            .where('round_id', '=', round)
            .execute();
          assert.ok(rows.reduce((s, r) => s + Number(r.amount_pence), 0) <= budget);
        },
      ),
      { numRuns: 8 },
    );
  });
});

describe('the resident vote', () => {
  test('fifty ballots at once from one person store one; over-budget and late ballots are refused; the tally recomputes the published result', async () => {
    const round = await newRound({
      budget: 50_000,
      decidedBy: 'vote',
      opensOn: addDays(today, -20),
      closesOn: addDays(today, -10),
      voteOpensOn: addDays(today, -5),
      voteClosesOn: addDays(today, 5),
    });
    const open = new Date(Date.now() - 15 * 86_400_000);
    const a = await submitted(
      round,
      { projectTitle: 'Benches', budgetLines: [{ item: 'x', pence: 30_000 }], amountPence: 30_000 },
      undefined,
      open,
    );
    const b = await submitted(
      round,
      { projectTitle: 'Planters', budgetLines: [{ item: 'x', pence: 25_000 }], amountPence: 25_000 },
      undefined,
      new Date(open.getTime() + 1000),
    );
    const c = await submitted(
      round,
      { projectTitle: 'Bulbs', budgetLines: [{ item: 'x', pence: 15_000 }], amountPence: 15_000 },
      undefined,
      new Date(open.getTime() + 2000),
    );

    const voter = await newMember(t, placeId, 'Ballot Caster');
    await Promise.all(
      Array.from({ length: 50 }, () => voter.agent.post(`${base}/rounds/${round}/ballot`, { choices: [a, c] })),
    );
    const stored = await t.kith.db.kysely
      .selectFrom('grant_ballots')
      .selectAll()
      .where('round_id', '=', round)
      .execute();
    assert.equal(stored.length, 1);

    const over = await voter.agent.post(`${base}/rounds/${round}/ballot`, { choices: [a, b] });
    assert.equal(over.statusCode, 422);
    assert.equal(fieldErrors(over.body).choices, 'Your choices cost £550, more than the £500 budget. Choose fewer.');
    const late = new Date(Date.now() + 6 * 86_400_000);
    await assert.rejects(castBallot(t.kith, { placeId, personId: voter.id, roundId: round, choices: [a], now: late }), {
      key: 'grants.ballot.closed',
    });

    for (const [name, choices] of [
      ['Voter Two', [b]],
      ['Voter Three', [b, c]],
    ] as const) {
      const m = await newMember(t, placeId, name);
      assert.equal((await m.agent.post(`${base}/rounds/${round}/ballot`, { choices: [...choices] })).statusCode, 303);
    }
    // Publishing before the close is refused; after it, the budget fills in order of votes.
    await assert.rejects(publishVote(t.kith, { placeId, personId: officerId(), roundId: round }), {
      key: 'grants.results.notClosed',
    });
    await publishVote(t.kith, { placeId, personId: officerId(), roundId: round, now: late });
    const page = pageText((await new Agent(t).get(`${base}/rounds/${round}`)).body);
    assert.match(page, /3 residents voted\./);
    // Planters 2 votes (£250) funded; Bulbs 2 votes (£150) funded; Benches 1 vote (£300) does not fit.
    assert.match(page, /Planters 2 £250 Funded \(tied\) Bulbs 2 £150 Funded \(tied\) Benches 1 £300 Not funded/);

    const out: string[] = [];
    const code = await grantsCommands[0]!.run(
      t.kith,
      { args: [round], options: {} },
      { out: (s) => out.push(s), err: (s) => out.push(s) },
    );
    assert.equal(code, 0, out.join('\n'));
    assert.match(out.join('\n'), /The published result matches the ballots\./);
  });

  test('in a round limited to districts, a ballot from inside is stored as its district only; one from outside or with a malformed postcode is refused and nothing is stored', async () => {
    const round = await newRound({
      decidedBy: 'vote',
      districts: ['HX1', 'HX7'],
      opensOn: addDays(today, -20),
      closesOn: addDays(today, -10),
      voteOpensOn: addDays(today, -5),
      voteClosesOn: addDays(today, 5),
    });
    const open = new Date(Date.now() - 15 * 86_400_000);
    const a = await submitted(round, { projectTitle: 'Bird boxes' }, undefined, open);
    const b = await submitted(round, { projectTitle: 'Seed swap' }, undefined, new Date(open.getTime() + 1000));
    const ballotsIn = () =>
      t.kith.db.kysely.selectFrom('grant_ballots').selectAll().where('round_id', '=', round).execute();

    const voter = await newMember(t, placeId, 'District Voter');
    const form = pageText((await voter.agent.get(`${base}/rounds/${round}/ballot`)).body);
    assert.match(form, /Your postcode/, 'the ballot asks for a postcode');
    assert.match(form, /Only people who live in the postcode districts HX1, HX7 can vote/, 'and says why');

    for (const [postcode, message] of [
      ['HX2 1AB', 'Your postcode is not in the districts that may vote in this round: HX1, HX7'],
      ['HX1', 'Enter a real UK postcode, like HX1 2AB'],
      ['not a postcode', 'Enter a real UK postcode, like HX1 2AB'],
      ['', 'Enter your postcode'],
    ] as const) {
      const refused = await voter.agent.post(`${base}/rounds/${round}/ballot`, { choices: [a], postcode });
      assert.equal(refused.statusCode, 422, `${postcode || 'no postcode'} is refused`);
      assert.equal(
        fieldErrors(refused.body).postcode,
        message,
        `the reason for ${postcode || 'no postcode'} sits beside the field`,
      );
      assert.equal((await ballotsIn()).length, 0, `nothing is stored for ${postcode || 'no postcode'}`);
    }

    await voter.agent.get(`${base}?lang=cy`);
    const welsh = await voter.agent.post(`${base}/rounds/${round}/ballot`, { choices: [a], postcode: 'LS1 4AP' });
    await voter.agent.get(`${base}?lang=en`);
    assert.equal(welsh.statusCode, 422, 'a Welsh ballot from outside is refused');
    assert.match(pageText(welsh.body), /Eich cod post/, 'the field is labelled in Welsh');
    assert.equal(
      fieldErrors(welsh.body).postcode,
      'Nid yw eich cod post yn yr ardaloedd sy’n cael pleidleisio yn y cylch hwn: HX1, HX7',
      'with the Welsh reason beside it',
    );

    const inside = await voter.agent.post(`${base}/rounds/${round}/ballot`, { choices: [a], postcode: ' hx7 5ab ' });
    assert.equal(inside.statusCode, 303, pageText(inside.body));
    const changed = await voter.agent.post(`${base}/rounds/${round}/ballot`, { choices: [b], postcode: 'HX1 2AB' });
    assert.equal(changed.statusCode, 303, 'the voter can change their ballot');
    const stored = await ballotsIn();
    assert.equal(stored.length, 1, 'one ballot a person');
    assert.equal(stored[0]!.choices, b, 'the changed ballot is kept');
    assert.equal(stored[0]!.district, 'HX1', 'only the district is kept');
    assert.ok(!JSON.stringify(stored).includes('2AB'), 'the full postcode is not stored');

    const late = new Date(Date.now() + 6 * 86_400_000);
    await publishVote(t.kith, { placeId, personId: officerId(), roundId: round, now: late });
    const out: string[] = [];
    const code = await grantsCommands[0]!.run(
      t.kith,
      { args: [round], options: {} },
      { out: (line) => out.push(line), err: (line) => out.push(line) },
    );
    assert.equal(code, 0, out.join('\n'));
    assert.match(out.join('\n'), /The published result matches the ballots\./, 'the tally agrees');
    assert.match(
      out.join('\n'),
      /Voting limited to HX1, HX7\. Ballots by district: HX1 1\./,
      'the tally counts ballots by district',
    );
  });

  test('a round without districts takes a ballot from any member, with no postcode asked', async () => {
    const round = await newRound({
      decidedBy: 'vote',
      opensOn: addDays(today, -20),
      closesOn: addDays(today, -10),
      voteOpensOn: addDays(today, -5),
      voteClosesOn: addDays(today, 5),
    });
    const a = await submitted(round, {}, undefined, new Date(Date.now() - 15 * 86_400_000));
    const voter = await newMember(t, placeId, 'Anywhere Voter');
    const form = pageText((await voter.agent.get(`${base}/rounds/${round}/ballot`)).body);
    assert.doesNotMatch(form, /Your postcode/, 'no postcode is asked');
    const cast = await voter.agent.post(`${base}/rounds/${round}/ballot`, { choices: [a] });
    assert.equal(cast.statusCode, 303, pageText(cast.body));
    const stored = await t.kith.db.kysely
      .selectFrom('grant_ballots')
      .selectAll()
      .where('round_id', '=', round)
      .execute();
    assert.equal(stored.length, 1, 'the ballot is stored');
    assert.equal(stored[0]!.district, '', 'with no district');
    assert.match(
      pageText((await new Agent(t).get(`${base}/rounds/${round}`)).body),
      /Who may vote Any member of this place/,
      'the page says anyone may vote',
    );
  });

  test('a tally never commits more than the budget and counts every ballot once', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 50_000 }), { minLength: 1, maxLength: 8 }),
        fc.array(fc.array(fc.nat({ max: 7 }), { maxLength: 4 }), { maxLength: 40 }),
        fc.integer({ min: 0, max: 200_000 }),
        (amounts, ballots, budget) => {
          const projects = amounts.map((amountPence, i) => ({
            id: `p${i}`,
            amountPence,
            submittedAt: `2026-01-0${i + 1}`,
          }));
          const result = tally(
            projects,
            ballots.map((b) => b.map((i) => `p${i}`)),
            budget,
          );
          assert.ok(result.committedPence <= budget);
          assert.equal(result.ballots, ballots.length);
          for (let i = 1; i < result.rows.length; i++) assert.ok(result.rows[i - 1]!.votes >= result.rows[i]!.votes);
        },
      ),
    );
  });
});

describe('360Giving', () => {
  test('the published grants validate against the official 360Giving 1.4.3 package schema, as JSON and as the spreadsheet layout', async () => {
    const round = await newRound({ budget: 200_000 });
    const charity = await submitted(round, { projectTitle: 'Charity project', charityNumber: '1100123' });
    const informal = await submitted(round, {
      applicantKind: 'informal',
      groupName: 'Knitters',
      hostName: 'Hebble Centre',
      hostCompanyNumber: '04567890',
      projectTitle: 'Wool',
    });
    const person = await submitted(round, { applicantKind: 'individual', groupName: '', projectTitle: 'My course' });
    for (const id of [charity, informal, person])
      await decide(t.kith, {
        placeId,
        personId: officerId(),
        roundId: round,
        applicationId: id,
        outcome: 'part',
        amountPence: 20_050,
        reasons: 'Part',
      });

    const response = await new Agent(t).get(`${base}/360giving.json`);
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers['content-disposition']), /attachment/);
    const data = JSON.parse(response.body) as { grants: Array<Record<string, unknown>> };

    const dir = path.join(import.meta.dirname, 'standards/360giving-1.4.3');
    const grantSchema = JSON.parse(readFileSync(path.join(dir, '360-giving-schema.json'), 'utf8')) as { $id: string };
    const packageSchema = JSON.parse(readFileSync(path.join(dir, '360-giving-package-schema.json'), 'utf8'));
    // The official files name their dialect as http://json-schema.org/draft/2020-12/schema, which is
    // the 2020-12 that Ajv2020 speaks under its https address: the schemas are compiled, not re-checked.
    const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
    addFormats.default(ajv);
    ajv.addSchema(grantSchema);
    // The 1.4.3 package refers to its grant schema at the 1.4.2 address; the grant schema is the same document.
    ajv.addSchema({ ...grantSchema, $id: grantSchema.$id.replace('1.4.3', '1.4.2') });
    const validate = ajv.compile(packageSchema);
    assert.ok(validate(data), JSON.stringify(validate.errors, null, 2));
    // And the schema does bite: a grant without its currency is refused.
    assert.equal(
      validate({ grants: [{ ...data.grants[0], currency: undefined }].map((x) => JSON.parse(JSON.stringify(x))) }),
      false,
    );

    const byTitle = new Map(data.grants.map((g) => [g.title, g]));
    const g = byTitle.get('Charity project')!;
    assert.match(String(g.id), /^360G-calderbrook-/);
    assert.equal(g.amountAwarded, 200.5);
    assert.deepEqual((g.recipientOrganization as Array<{ id: string }>)[0]!.id, 'GB-CHC-1100123');
    assert.equal(
      (byTitle.get('Wool')!.recipientOrganization as Array<{ id: string; name: string }>)[0]!.id,
      'GB-COH-04567890',
    );
    const individual = data.grants.find((x) => x.recipientIndividual)!;
    assert.deepEqual((individual.recipientIndividual as { name: string }).name, 'Individual Recipient');
    assert.doesNotMatch(JSON.stringify(individual), /My course/);

    const csv = (await new Agent(t).get(`${base}/360giving.csv`)).body;
    assert.match(
      csv,
      /^\ufeffIdentifier,Title,Description,Currency,Amount Applied For,Amount Awarded,Award Date,Recipient Org:Identifier/,
    );
    assert.match(csv, /GB-CHC-1100123/);
  });
  test('the download is written a page at a time, and reads exactly as the whole package written at once', async () => {
    // Three grants decided at the same instant: the pages must follow the decisions' ids past a tie.
    const round = await newRound({ budget: 200_000 });
    for (const title of ['Tied one', 'Tied two', 'Tied three']) {
      const id = await submitted(round, { projectTitle: title, charityNumber: '1100123' });
      await decide(t.kith, {
        placeId,
        personId: officerId(),
        roundId: round,
        applicationId: id,
        outcome: 'full',
        amountPence: 10_000,
        reasons: 'Yes',
      });
    }
    await t.kith.db.kysely
      .updateTable('grant_decisions')
      .set({ decided_at: '2026-06-01T10:00:00.000Z' })
      .where('round_id', '=', round)
      .execute();
    const db = t.kith.db.kysely;
    const all: Award[] = [];
    for await (const page of awardsIn(db, placeId)) all.push(...page);
    assert.ok(all.filter((a) => a.round.id === round).length === 3, 'the tied grants are all there');
    const text = async (parts: AsyncIterable<string>) => {
      let out = '';
      for await (const part of parts) out += part;
      return out;
    };
    const whole = JSON.stringify({ grants: all.map(givingGrant), version: '1.4' }, null, 2);
    for (const size of [1, 2, 1000])
      assert.equal(await text(givingPackageJson(awardsIn(db, placeId, size))), whole, `pages of ${size}`);
    assert.equal(
      await text(givingCsv(awardsIn(db, placeId, 2))),
      csvDocument(
        GIVING_CSV_HEADER,
        all.map((a) => givingCsvRow(givingGrant(a))),
      ),
      'the spreadsheet layout in pages is the same file',
    );
    assert.equal(
      await text(givingPackageJson(awardsIn(db, randomUUID()))),
      JSON.stringify({ grants: [], version: '1.4' }, null, 2),
      'a place with no grants publishes an empty package',
    );
    assert.equal((await new Agent(t).get(`${base}/360giving.json`)).body, whole, 'the download is the same text');
  });
});

describe('personal data', () => {
  test('an applicant’s download holds their applications and ballots; erasing them keeps the public record of money but not them', async () => {
    const { grantsModule } = await import('./index.js');
    const person = await newMember(t, placeId, 'Erin Eraseme');
    const round = await newRound();
    const kept = await submitted(round, { projectTitle: 'Kept for the record' }, person.id);
    await decide(t.kith, {
      placeId,
      personId: officerId(),
      roundId: round,
      applicationId: kept,
      outcome: 'full',
      amountPence: 0,
      reasons: 'Good',
    });
    const draft = await startApplication(t.kith, {
      placeId,
      personId: person.id,
      roundId: round,
      fields: fields({ projectTitle: 'My draft' }),
      action: 'save',
    });
    const exported = await grantsModule.personalData!.export!(t.kith.db.kysely, person.id);
    assert.deepEqual(
      (exported.grantApplications as Array<{ projectTitle: string }>).map((a) => a.projectTitle).sort(),
      ['Kept for the record', 'My draft'],
    );
    await t.kith.db.transaction((trx) => grantsModule.personalData!.erase!(trx, person.id, t.kith));
    const rows = await t.kith.db.kysely
      .selectFrom('grant_applications')
      .select(['id', 'applicant_id'])
      .where('id', 'in', [kept, draft])
      .execute();
    assert.deepEqual(
      rows.map((r) => r.id),
      [kept],
    );
    assert.notEqual(rows[0]!.applicant_id, person.id);
    assert.equal(
      (
        await t.kith.db.kysely
          .selectFrom('grant_ballots')
          .select('round_id')
          .where('person_id', '=', person.id)
          .execute()
      ).length,
      0,
    );
  });
});

describe('the offer letter', () => {
  test('an awarded applicant downloads their offer as a PDF; nobody else can', async () => {
    const round = await newRound();
    const id = await submitted(round, { projectTitle: 'Benches by the weir' });
    await decide(t.kith, {
      placeId,
      personId: officerId(),
      roundId: round,
      applicationId: id,
      outcome: 'part',
      amountPence: 25_000,
      reasons: 'Two benches, not three',
    });
    const tom = await signedInAs(t, 'organiser');
    const response = await tom.get(`${base}/applications/${id}/offer.pdf`);
    assert.equal(response.statusCode, 200);
    assert.equal(response.headers['content-type'], 'application/pdf');
    const text = await pdfText(response.rawPayload);
    assert.match(text, /Grant offer: Test fund/);
    assert.match(text, /Benches by the weir/);
    assert.match(text, /£250/);
    assert.match(text, /Two benches, not three/);
    assert.equal((await (await signedInAs(t, 'resident')).get(`${base}/applications/${id}/offer.pdf`)).statusCode, 403);
  });
});

describe('the check-in after the project', () => {
  async function awarded(projectTitle: string) {
    const round = await newRound();
    const id = await submitted(round, { projectTitle, summary: `${projectTitle}, built by volunteers` });
    await decide(t.kith, {
      placeId,
      personId: officerId(),
      roundId: round,
      applicationId: id,
      outcome: 'full',
      amountPence: 30_000,
      reasons: 'A good plan',
    });
    return id;
  }
  const checkInOf = (id: string) =>
    t.kith.db.kysely.selectFrom('grant_check_ins').selectAll().where('application_id', '=', id).executeTakeFirst();
  const told = { whatHappened: 'We built the benches', peopleReached: '40' };

  test('the holder says what they would do differently; a ticked box makes one draft case study they can open', async () => {
    const id = await awarded('Benches by the lock');
    const drafts = () => libraryDraftsFrom(t, 'grants');
    const before = (await drafts()).length;
    const tom = await signedInAs(t, 'organiser');
    const url = `${base}/applications/${id}/check-in`;
    assert.match(pageText((await tom.get(url)).body), /Share this as a draft case study in the learning library/);

    const long = await tom.post(url, { ...told, differently: 'x'.repeat(2001), shareDraft: 'yes' });
    assert.equal(long.statusCode, 400);
    assert.deepEqual(errorSummaryProblems(long.body), []);
    assert.equal(fieldErrors(long.body).differently, 'Use 2,000 characters or fewer');
    const nothingToShare = await tom.post(url, { ...told, shareDraft: 'yes' });
    assert.equal(nothingToShare.statusCode, 400);
    assert.equal(
      fieldErrors(nothingToShare.body).differently,
      'Enter what you would do differently to share it as a case study',
    );
    assert.equal(await checkInOf(id), undefined);
    assert.equal((await drafts()).length, before);

    const answer = 'Order the benches before the summer, when the joiner is busy.';
    const key = randomUUID();
    const shared = { ...told, differently: answer, shareDraft: 'yes' };
    const first = await tom.post(url, shared, { idempotencyKey: key });
    const again = await tom.post(url, shared, { idempotencyKey: key });
    assert.equal(first.statusCode, 303, pageText(first.body));
    assert.equal(again.headers.location, first.headers.location);
    assert.equal((await checkInOf(id))!.differently, answer);
    const made = (await drafts()).slice(before);
    assert.equal(made.length, 1);
    assert.equal(made[0]!.title, 'Grant: Benches by the lock');
    assert.equal(made[0]!.tried, 'Benches by the lock, built by volunteers');
    assert.equal(made[0]!.whatDidNot, answer);
    assert.equal(made[0]!.status, 'draft');
    assert.equal(made[0]!.submittedBy, t.demo.people.organiser!.id);
    const confirmation = await tom.get(first.headers.location as string);
    assert.match(pageText(confirmation.body), /Thank you for telling us how it went/);
    const link = /<a class="govuk-link" href="([^"]+)">Finish your draft case study<\/a>/.exec(confirmation.body);
    assert.ok(link, 'the confirmation links to the draft');
    assert.equal(link[1], `/places/calderbrook/library/cases/${made[0]!.id}/edit`);
    assert.equal((await tom.get(link[1])).statusCode, 200);
    assert.notEqual((await (await signedInAs(t, 'resident')).get(link[1])).statusCode, 200);

    // A grant has one check-in: sending the form again (a new submission) makes no second draft.
    assert.equal((await tom.post(url, shared)).statusCode, 303);
    assert.equal((await drafts()).length, before + 1);
  });

  test('without the box ticked the answer stays with the check-in and nothing goes to the library', async () => {
    const id = await awarded('Planters on the high street');
    const before = (await libraryDraftsFrom(t, 'grants')).length;
    const tom = await signedInAs(t, 'organiser');
    const sent = await tom.post(`${base}/applications/${id}/check-in`, {
      ...told,
      differently: 'Ask the council first.',
    });
    assert.equal(sent.statusCode, 303);
    assert.doesNotMatch(sent.headers.location as string, /draft=/);
    assert.equal((await checkInOf(id))!.differently, 'Ask the council first.');
    assert.equal((await libraryDraftsFrom(t, 'grants')).length, before);
  });
});
