import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { parseCsv } from '../../platform/csv.js';
import { addDays, todayInPlace } from '../../platform/dates.js';
import {
  errorSummaryProblems,
  fieldErrors,
  newMember,
  pageText,
  queuedEmailsTo,
  signedInAs,
  startTestKith,
  type TestKith,
} from '../../testing.js';
import { remindMonitoring, varyAward } from './awards.js';
import { acceptAward, createFund, createRound, decide, startApplication } from './grants.js';
import type { RoundInput } from './inputs.js';
import type { ApplicationFields } from './store.js';

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
      name: 'Awards fund',
      purpose: 'Tests',
      funderName: 'Calder Valley Council',
      funderId: 'GB-LAE-CAL',
      prefix: '360G-calderbrook',
      allowsIndividuals: false,
    },
  });
});
after(() => t.close());

const officerId = () => t.demo.people.officer!.id;

function roundInput(budget: number): RoundInput {
  return {
    title: 'Awards round',
    purpose: 'Tests',
    budget,
    minAward: 1_000,
    maxAward: budget,
    whoMayApply: ['constituted'],
    area: 'Calderbrook',
    districts: [],
    opensOn: addDays(today, -5),
    closesOn: addDays(today, 5),
    decidedBy: 'panel',
    voteOpensOn: null,
    voteClosesOn: null,
    ballotKind: 'budget',
    voteMaxProjects: 0,
    criteria: [{ name: 'Benefit', n: 1 }],
    questions: [],
  };
}

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

/** A round, and an award in it of `amount` pence to `who`, accepted unless told not to be. */
async function award(
  opts: { budget?: number; amount?: number; who?: string; accept?: boolean; over?: Partial<ApplicationFields> } = {},
) {
  const amount = opts.amount ?? 30_000;
  const who = opts.who ?? t.demo.people.organiser!.id;
  const round = await createRound(t.kith, {
    placeId,
    personId: officerId(),
    fundId,
    round: roundInput(opts.budget ?? 100_000),
  });
  const id = await startApplication(t.kith, {
    placeId,
    personId: who,
    roundId: round,
    fields: fields({ budgetLines: [{ item: 'Things', pence: amount }], amountPence: amount, ...opts.over }),
    action: 'submit',
  });
  await decide(t.kith, {
    placeId,
    personId: officerId(),
    roundId: round,
    applicationId: id,
    outcome: 'full',
    amountPence: 0,
    reasons: 'A good plan',
  });
  if (opts.accept !== false) await acceptAward(t.kith, { placeId, personId: who, applicationId: id });
  return { round, id, page: `${base}/rounds/${round}/awards/${id}` };
}

const dateFields = (name: string, iso: string) => {
  const [y, m, d] = iso.split('-');
  return { [`${name}-day`]: String(Number(d)), [`${name}-month`]: String(Number(m)), [`${name}-year`]: y! };
};

const paymentsOf = (id: string) =>
  t.kith.db.kysely
    .selectFrom('grant_payments')
    .selectAll()
    .where('application_id', '=', id)
    .orderBy('due_on')
    .execute();
const amountOf = async (id: string) =>
  Number(
    (
      await t.kith.db.kysely
        .selectFrom('grant_decisions')
        .select('amount_pence')
        .where('application_id', '=', id)
        .executeTakeFirstOrThrow()
    ).amount_pence,
  );
const auditOf = (id: string, action: string) =>
  t.kith.db.kysely
    .selectFrom('audit_events')
    .selectAll()
    .where('subject_id', '=', id)
    .where('action', '=', action)
    .execute();

describe('payments', () => {
  test('the officer plans payments up to the award and records one paid; every mistake shows beside its field and nothing changes', async () => {
    const { id, page } = await award({ amount: 30_000 });
    const officer = await signedInAs(t, 'officer');
    const plan = (over: Record<string, string>) =>
      officer.post(`${page}/payments`, { paymentAmount: '200', ...dateFields('dueOn', addDays(today, 10)), ...over });

    for (const [amount, why] of [
      ['-5', 'negative'],
      ['12.345', 'fractions of a penny'],
      ['0', 'nothing'],
      ['lots', 'not a number'],
    ] as const) {
      const refused = await plan({ paymentAmount: amount });
      assert.equal(refused.statusCode, 400, `an amount that is ${why} is refused`);
      assert.match(
        fieldErrors(refused.body).paymentAmount ?? '',
        /Enter an amount more than £0/,
        `${why}: said beside the amount`,
      );
    }
    const badDate = await plan({ 'dueOn-day': '31', 'dueOn-month': '2', 'dueOn-year': '2027' });
    assert.equal(badDate.statusCode, 400, 'the 31st of February is refused');
    assert.equal(fieldErrors(badDate.body).dueOn, 'Enter the payment date as a real date, like 1 3 2027');
    const tooMuch = await plan({ paymentAmount: '300.01' });
    assert.equal(tooMuch.statusCode, 422, 'a payment over the award is refused');
    assert.equal(
      fieldErrors(tooMuch.body).paymentAmount,
      'Planned payments cannot add up to more than the award: £300 is left to plan',
    );
    assert.equal((await paymentsOf(id)).length, 0, 'nothing was planned by the refused forms');

    assert.equal((await plan({ paymentAmount: '200' })).statusCode, 303, 'a first payment is planned');
    const second = await plan({ paymentAmount: '100.01', ...dateFields('dueOn', addDays(today, 40)) });
    assert.equal(second.statusCode, 422, 'the second may not take the total past the award');
    assert.equal(
      fieldErrors(second.body).paymentAmount,
      'Planned payments cannot add up to more than the award: £100 is left to plan',
    );
    assert.equal((await plan({ paymentAmount: '100', ...dateFields('dueOn', addDays(today, 40)) })).statusCode, 303);
    const payments = await paymentsOf(id);
    assert.deepEqual(
      payments.map((p) => Number(p.amount_pence)),
      [20_000, 10_000],
      'two payments planned, in whole pence',
    );

    const first = payments[0]!.id;
    const future = await officer.post(`${page}/payments/${first}/paid`, dateFields('paidOn', addDays(today, 1)));
    assert.equal(future.statusCode, 422, 'a payment cannot be paid tomorrow');
    assert.equal(fieldErrors(future.body)[`paidOn-${first}`], 'The day it was paid cannot be in the future');
    const nonsense = await officer.post(`${page}/payments/${first}/paid`, { 'paidOn-day': 'x' });
    assert.equal(nonsense.statusCode, 400);
    assert.equal(
      fieldErrors(nonsense.body)[`paidOn-${first}`],
      'Enter the day it was paid as a real date, like 1 3 2027',
    );
    assert.equal((await paymentsOf(id))[0]!.paid_on, null, 'still unpaid after the refusals');
    assert.equal((await officer.post(`${page}/payments/${first}/paid`, dateFields('paidOn', today))).statusCode, 303);
    assert.equal(
      (await officer.post(`${page}/payments/${first}/paid`, dateFields('paidOn', addDays(today, -3)))).statusCode,
      303,
    );
    assert.equal((await paymentsOf(id))[0]!.paid_on, today, 'recording it again keeps the first day');
    assert.equal((await auditOf(id, 'smallGrants.payment.plan')).length, 2, 'each planned payment is audited');
    assert.equal((await auditOf(id, 'smallGrants.payment.paid')).length, 1, 'the payment is audited once as paid');

    const text = pageText((await officer.get(page)).body);
    assert.match(text, /£200 due on/, 'the page lists the payment');
    assert.match(text, new RegExp(`Planned by ${t.demo.people.officer!.name}`), 'with who planned it');
    assert.match(text, new RegExp(`Paid on .* Recorded by ${t.demo.people.officer!.name}`), 'and who recorded it paid');
    assert.match(text, /Still to pay £100/, 'and what is still to pay');
  });

  test('payments wait until the grantee accepts the award', async () => {
    const { id, page } = await award({ accept: false });
    const officer = await signedInAs(t, 'officer');
    const refused = await officer.post(`${page}/payments`, { paymentAmount: '10', ...dateFields('dueOn', today) });
    assert.equal(refused.statusCode, 422);
    assert.deepEqual(errorSummaryProblems(refused.body), [], 'the error summary links to the message on the page');
    assert.match(pageText(refused.body), /The grantee has not accepted the award yet/, 'the refusal is said');
    assert.match(pageText(refused.body), /Payments can be planned once the grantee has accepted the award/);
    assert.equal((await paymentsOf(id)).length, 0);
  });
});

describe('variations', () => {
  test('the officer changes the amount and end date with a reason; refusals leave the award as it was', async () => {
    const { id, page } = await award({ budget: 50_000, amount: 30_000 });
    const officer = await signedInAs(t, 'officer');
    const noReason = await officer.post(`${page}/variations`, { newAmount: '250' });
    assert.equal(noReason.statusCode, 400);
    assert.equal(fieldErrors(noReason.body).reason, 'Give the reason for the variation');
    const nothing = await officer.post(`${page}/variations`, { reason: 'Because' });
    assert.equal(fieldErrors(nothing.body).newAmount, 'Enter a new amount or a new end date');
    const negative = await officer.post(`${page}/variations`, { newAmount: '-1', reason: 'Because' });
    assert.equal(
      fieldErrors(negative.body).newAmount,
      'Enter the new amount in pounds and pence, more than £0, like 750',
    );
    const badDate = await officer.post(`${page}/variations`, {
      reason: 'Because',
      'endsOn-day': '32',
      'endsOn-month': '1',
      'endsOn-year': '2027',
    });
    assert.equal(fieldErrors(badDate.body).endsOn, 'Enter the end date as a real date, like 31 3 2027');
    const overBudget = await officer.post(`${page}/variations`, { newAmount: '500.01', reason: 'More benches' });
    assert.equal(overBudget.statusCode, 422);
    assert.equal(
      fieldErrors(overBudget.body).newAmount,
      'That takes the round over its budget: this award can be at most £500',
    );
    assert.equal(await amountOf(id), 30_000, 'the refusals changed nothing');

    await officer.post(`${page}/payments`, { paymentAmount: '200', ...dateFields('dueOn', today) });
    const belowPaid = await officer.post(`${page}/variations`, { newAmount: '150', reason: 'Fewer benches' });
    assert.equal(
      fieldErrors(belowPaid.body).newAmount,
      'The award cannot be less than the payments already planned (£200)',
    );

    const ends = addDays(today, 90);
    const varied = await officer.post(`${page}/variations`, {
      newAmount: '450',
      reason: 'The timber cost more than quoted',
      ...dateFields('endsOn', ends),
    });
    assert.equal(varied.statusCode, 303, pageText(varied.body));
    assert.equal(await amountOf(id), 45_000, 'the award is now £450');
    const audit = await auditOf(id, 'smallGrants.award.vary');
    assert.equal(audit.length, 1, 'the variation is audited');
    assert.match(String(audit[0]!.detail), /The timber cost more than quoted/, 'with its reason');
    const text = pageText((await officer.get(page)).body);
    assert.match(text, /Amount changed from £300 to £450/, 'the page lists the variation');
    assert.match(text, new RegExp(`by ${t.demo.people.officer!.name}`), 'who made it');
    assert.match(text, /Why: The timber cost more than quoted/, 'and why');
  });

  test('two officers varying awards at once cannot take a round past its budget', async () => {
    const { round, id: a } = await award({ budget: 60_000, amount: 20_000 });
    const b = await startApplication(t.kith, {
      placeId,
      personId: t.demo.people.organiser!.id,
      roundId: round,
      fields: fields({ budgetLines: [{ item: 'x', pence: 20_000 }], amountPence: 20_000 }),
      action: 'submit',
    });
    await decide(t.kith, {
      placeId,
      personId: officerId(),
      roundId: round,
      applicationId: b,
      outcome: 'full',
      amountPence: 0,
      reasons: 'Good',
    });
    // 40,000 committed of 60,000: each variation alone fits (+15,000), both together do not.
    const results = await Promise.allSettled([
      varyAward(t.kith, {
        placeId,
        personId: officerId(),
        applicationId: a,
        amountPence: 35_000,
        endsOn: null,
        reason: 'More',
      }),
      varyAward(t.kith, {
        placeId,
        personId: t.demo.people.admin!.id,
        applicationId: b,
        amountPence: 35_000,
        endsOn: null,
        reason: 'More',
      }),
    ]);
    assert.deepEqual(
      results.map((r) => r.status).sort(),
      ['fulfilled', 'rejected'],
      'one variation went through, one was refused',
    );
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    assert.equal(refused.reason.key, 'grants.variation.overBudget', 'refused for the budget');
    const rows = await t.kith.db.kysely
      .selectFrom('grant_decisions')
      .select('amount_pence')
      .where('round_id', '=', round)
      .execute();
    assert.equal(
      rows.reduce((s, r) => s + Number(r.amount_pence), 0),
      55_000,
      'the round holds one variation, within budget',
    );
    const variations = await t.kith.db.kysely
      .selectFrom('grant_variations')
      .select('id')
      .where('round_id', '=', round)
      .execute();
    assert.equal(variations.length, 1, 'only the variation that went through is recorded');
  });
});

describe('the grantee’s view', () => {
  test('the grantee sees their payment dates and variations; other people cannot open the page', async () => {
    const { id, page } = await award({ amount: 40_000 });
    const officer = await signedInAs(t, 'officer');
    await officer.post(`${page}/payments`, { paymentAmount: '150', ...dateFields('dueOn', addDays(today, 20)) });
    await officer.post(`${page}/variations`, {
      reason: 'Runs into the summer',
      ...dateFields('endsOn', addDays(today, 120)),
    });
    const tom = await signedInAs(t, 'organiser');
    const mine = await tom.get(`${base}/mine`);
    assert.ok(mine.body.includes(`${base}/applications/${id}/award`), 'their applications link to the award');
    const own = await tom.get(`${base}/applications/${id}/award`);
    assert.equal(own.statusCode, 200);
    const text = pageText(own.body);
    assert.match(text, /£150/, 'they see the planned payment');
    assert.match(text, /End date set to/, 'and the variation');
    assert.match(text, /Why: Runs into the summer/, 'with its reason');
    assert.equal((await (await signedInAs(t, 'resident')).get(`${base}/applications/${id}/award`)).statusCode, 403);
    assert.equal((await tom.get(page)).statusCode, 403, 'the grantee does not see the officer’s page');
  });
});

describe('the finance download', () => {
  test('one row an award with its payments, outstanding and variations; a formula in a name is not run', async () => {
    const { round, page } = await award({ amount: 50_000, over: { groupName: '=HYPERLINK("http://evil.example")' } });
    const officer = await signedInAs(t, 'officer');
    await officer.post(`${page}/payments`, { paymentAmount: '300', ...dateFields('dueOn', addDays(today, -2)) });
    await officer.post(`${page}/payments`, { paymentAmount: '100', ...dateFields('dueOn', addDays(today, 30)) });
    const [first] = await t.kith.db.kysely
      .selectFrom('grant_payments')
      .select('id')
      .where('round_id', '=', round)
      .orderBy('due_on')
      .execute();
    await officer.post(`${page}/payments/${first!.id}/paid`, dateFields('paidOn', today));
    await officer.post(`${page}/variations`, { reason: 'Later', ...dateFields('endsOn', addDays(today, 60)) });
    const csv = await officer.get(`${base}/rounds/${round}/finance.csv`);
    assert.equal(csv.statusCode, 200);
    assert.match(String(csv.headers['content-type']), /text\/csv/);
    const records = parseCsv(csv.body).map((r) => r.fields);
    assert.deepEqual(records[0], [
      'Application reference',
      'Recipient',
      'Project',
      'Award (£)',
      'Planned payments (£)',
      'Paid (£)',
      'Outstanding (£)',
      'Variations',
    ]);
    assert.equal(records.length, 2, 'one row for the one award');
    const row = records[1]!;
    assert.ok(!row[1]!.startsWith('='), 'the name cannot run as a formula');
    assert.deepEqual(row.slice(3), ['500.00', '400.00', '300.00', '200.00', '1']);
    assert.equal((await (await signedInAs(t, 'organiser')).get(`${base}/rounds/${round}/finance.csv`)).statusCode, 403);
  });
});

describe('monitoring', () => {
  test('at the end date the grantee is asked once, reminded once 14 days later, and at 28 days the officer sees it overdue', async () => {
    const grantee = await newMember(t, placeId, 'Gwen Grantee', 'organiser');
    const ends = addDays(today, 30);
    const { id, round, page } = await award({ who: grantee.id, over: { projectTitle: 'Bulbs on the green' } });
    const officer = await signedInAs(t, 'officer');
    await officer.post(`${page}/variations`, { reason: 'Planting in the autumn', ...dateFields('endsOn', ends) });
    const at = (date: string) => new Date(`${date}T12:00:00Z`);
    const emails = () => queuedEmailsTo(t, grantee.id);

    await remindMonitoring(t.kith, at(addDays(ends, -1)));
    assert.equal((await emails()).length, 0, 'nothing before the end date');
    await remindMonitoring(t.kith, at(ends));
    await remindMonitoring(t.kith, at(ends));
    const asked = await emails();
    assert.equal(asked.length, 1, 'asked once at the end date, however often the job runs');
    assert.match(asked[0]!, /How did Bulbs on the green go\?/);
    assert.ok(asked[0]!.includes(`/grants/applications/${id}/check-in`), 'the email links to the monitoring form');
    await remindMonitoring(t.kith, at(addDays(ends, 13)));
    assert.equal((await emails()).length, 1, 'no reminder before 14 days');
    await Promise.all([
      remindMonitoring(t.kith, at(addDays(ends, 14))),
      remindMonitoring(t.kith, at(addDays(ends, 20))),
    ]);
    const reminded = await emails();
    assert.equal(reminded.length, 2, 'one reminder, even when two jobs run at once');
    assert.ok(
      reminded.some((e) => /A reminder: how did Bulbs on the green go\?/.test(e)),
      'the reminder says so',
    );
    await remindMonitoring(t.kith, at(addDays(ends, 40)));
    assert.equal((await emails()).length, 2, 'no more after the reminder');

    // The officer's round page flags it once 28 days have passed; the manage page reads today's clock, so the end date moves back.
    const manage = `${base}/rounds/${round}/manage`;
    assert.doesNotMatch(
      pageText((await officer.get(manage)).body),
      /Monitoring overdue/,
      'not overdue before the end date',
    );
    await t.kith.db.kysely
      .updateTable('grant_award_terms')
      .set({ ends_on: addDays(today, -27) })
      .where('application_id', '=', id)
      .execute();
    assert.doesNotMatch(pageText((await officer.get(manage)).body), /Monitoring overdue/, 'not overdue at 27 days');
    await t.kith.db.kysely
      .updateTable('grant_award_terms')
      .set({ ends_on: addDays(today, -28) })
      .where('application_id', '=', id)
      .execute();
    assert.match(pageText((await officer.get(manage)).body), /Monitoring overdue/, 'overdue at 28 days');

    const sent = await grantee.agent.post(`${base}/applications/${id}/check-in`, {
      whatHappened: 'Crocuses came up',
      peopleReached: '30',
    });
    assert.equal(sent.statusCode, 303);
    assert.doesNotMatch(
      pageText((await officer.get(manage)).body),
      /Monitoring overdue/,
      'no longer overdue once returned',
    );
  });

  test('a returned form stops the asking', async () => {
    const grantee = await newMember(t, placeId, 'Hal Grantee', 'organiser');
    const { id, page } = await award({ who: grantee.id });
    const officer = await signedInAs(t, 'officer');
    const ends = addDays(today, 10);
    await officer.post(`${page}/variations`, { reason: 'Short project', ...dateFields('endsOn', ends) });
    await grantee.agent.post(`${base}/applications/${id}/check-in`, { whatHappened: 'Done early', peopleReached: '5' });
    await remindMonitoring(t.kith, new Date(`${addDays(ends, 15)}T12:00:00Z`));
    assert.equal((await queuedEmailsTo(t, grantee.id)).length, 0, 'no email to someone who already told us');
  });
});

describe('stories from check-ins', () => {
  test('a story the teller agreed to share joins the stories of change, named for the group; one without consent does not', async () => {
    const { id } = await award({ over: { projectTitle: 'Benches by the canal', groupName: 'Canal Friends' } });
    const tom = await signedInAs(t, 'organiser');
    const story = 'Mrs Ahmed sits on the bench every morning now and talks to whoever passes.';
    const sent = await tom.post(`${base}/applications/${id}/check-in`, {
      whatHappened: 'We built the benches',
      peopleReached: '40',
      story,
      storyConsent: 'yes',
    });
    assert.equal(sent.statusCode, 303);
    const officer = await signedInAs(t, 'officer');
    const moderation = pageText((await officer.get('/places/calderbrook/stories/moderation')).body);
    assert.ok(
      moderation.includes('Benches by the canal, by Canal Friends (a small grant)'),
      'the story waits for moderation, named for the group',
    );
    assert.ok(moderation.includes(story), 'with the teller’s words');

    const row = await t.kith.db.kysely
      .selectFrom('outcomes_stories')
      .select(['id', 'consent'])
      .where('title', '=', 'Benches by the canal, by Canal Friends (a small grant)')
      .executeTakeFirstOrThrow();
    assert.equal(row.consent, 'anonymous', 'shared without the teller’s name');
    const published = await officer.post(`/places/calderbrook/stories/${row.id}/moderate`, {
      decision: 'publish',
      note: '',
    });
    assert.equal(published.statusCode, 303);
    assert.ok(
      pageText((await t.app.inject({ url: '/places/calderbrook/stories' })).body).includes(story),
      'once published it shows where stories are shown',
    );

    const kept = await award({ over: { projectTitle: 'Private planters' } });
    await tom.post(`${base}/applications/${kept.id}/check-in`, {
      whatHappened: 'Done',
      peopleReached: '3',
      story: 'A private moment',
    });
    const none = await t.kith.db.kysely
      .selectFrom('outcomes_stories')
      .select('id')
      .where('body', '=', 'A private moment')
      .execute();
    assert.equal(none.length, 0, 'a story without consent stays with the check-in');
  });
});

describe('the demo', () => {
  test('the demo’s accepted award has a planned payment its officer and grantee can see', async () => {
    const officer = await signedInAs(t, 'officer');
    const home = await officer.get(base);
    assert.equal(home.statusCode, 200);
    const garden = await t.kith.db.kysely
      .selectFrom('grant_applications')
      .select(['id', 'round_id'])
      .where('project_title', '=', 'Raised beds for the community garden')
      .executeTakeFirstOrThrow();
    const manage = await officer.get(`${base}/rounds/${garden.round_id}/manage`);
    assert.ok(manage.body.includes(`/rounds/${garden.round_id}/awards/${garden.id}`), 'the round links to the award');
    const text = pageText((await officer.get(`${base}/rounds/${garden.round_id}/awards/${garden.id}`)).body);
    assert.match(text, /£800 due on/, 'the demo award has a planned payment');
    const mine = await (await signedInAs(t, 'organiser')).get(`${base}/mine`);
    assert.ok(mine.body.includes(`/applications/${garden.id}/award`), 'the grantee reaches their award page');
  });
});
