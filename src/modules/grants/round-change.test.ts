import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { addDays, todayInPlace } from '../../platform/dates.js';
import {
  Agent,
  errorSummaryProblems,
  fieldErrors,
  pageText,
  signedInAs,
  startTestKith,
  type TestKith,
} from '../../testing.js';
import { addToPanel, changeRound, createFund, createRound, decide, startApplication } from './grants.js';
import type { RoundInput } from './inputs.js';
import type { ApplicationFields } from './store.js';

let t: TestKith;
let placeId: string;
let fundId: string;
const base = '/places/calderbrook/grants';
const today = todayInPlace();
const officerId = () => t.demo.people.officer!.id;

before(async () => {
  t = await startTestKith({ demo: true });
  placeId = t.demo.places.calderbrook!.id;
  fundId = await createFund(t.kith, {
    placeId,
    personId: officerId(),
    fund: {
      name: 'Changing fund',
      purpose: 'Tests',
      funderName: 'Calder Valley Council',
      funderId: 'GB-LAE-CAL',
      prefix: '360G-calderbrook',
      allowsIndividuals: true,
    },
  });
});
after(() => t.close());

function roundInput(over: Partial<RoundInput> = {}): RoundInput {
  return {
    title: 'A round',
    purpose: 'Tests',
    budget: 100_000,
    minAward: 1_000,
    maxAward: 60_000,
    whoMayApply: ['constituted', 'informal'],
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
    ...over,
  };
}

const newRound = (over: Partial<RoundInput> = {}) =>
  createRound(t.kith, { placeId, personId: officerId(), fundId, round: roundInput(over) });
const change = (roundId: string, round: RoundInput, now?: Date) =>
  changeRound(t.kith, { placeId, personId: officerId(), roundId, round, now });
const refusedWith = (key: string, field: string) => (e: unknown) => {
  const error = e as { key?: string; field?: string };
  assert.equal(error.key, key, 'refused for the reason the officer is told');
  assert.equal(error.field, field, 'beside the field to change back');
  return true;
};

const fields = (amountPence = 30_000): ApplicationFields => ({
  applicantKind: 'constituted',
  groupName: 'Riverside Friends',
  charityNumber: '',
  companyNumber: '',
  hostName: '',
  hostCharityNumber: '',
  hostCompanyNumber: '',
  projectTitle: 'Benches by the river',
  summary: 'Three benches',
  budgetLines: [{ item: 'Benches', pence: amountPence }],
  amountPence,
  answers: {},
});
const apply = (roundId: string, action: 'submit' | 'save' = 'submit', amountPence?: number) =>
  startApplication(t.kith, {
    placeId,
    personId: t.demo.people.organiser!.id,
    roundId,
    fields: fields(amountPence),
    action,
  });
const changes = (roundId: string) =>
  t.kith.db.kysely
    .selectFrom('audit_events')
    .selectAll()
    .where('subject_id', '=', roundId)
    .where('action', '=', 'smallGrants.round.change')
    .execute();

/** The edit form as the officer would post it back, from the page's own values. */
function formFrom(html: string): Record<string, string | string[]> {
  const form: Record<string, string | string[]> = {};
  for (const m of html.matchAll(/<input[^>]*name="([\w-]+)"[^>]*>/g)) {
    const tag = m[0];
    const name = m[1]!;
    if (name === '_csrf' || name === '_idem') continue;
    const value = /value="([^"]*)"/.exec(tag)?.[1] ?? '';
    if (/type="(radio|checkbox)"/.test(tag)) {
      if (!/\schecked/.test(tag)) continue;
      if (/type="checkbox"/.test(tag)) form[name] = [...((form[name] as string[] | undefined) ?? []), value];
      else form[name] = value;
    } else form[name] = value;
  }
  for (const m of html.matchAll(/<textarea[^>]*name="([\w-]+)"[^>]*>([\s\S]*?)<\/textarea>/g))
    form[m[1]!] = m[2]!.trim();
  for (const [k, v] of Object.entries(form))
    if (typeof v === 'string')
      form[k] = v
        .replace(/&amp;/g, '&')
        .replace(/&#39;/g, "'")
        .replace(/&quot;/g, '"');
  return form;
}

describe('changing a round', () => {
  test('the officer changes a round from a form filled with what it is now; the change shows and is audited once', async () => {
    const round = await newRound({ title: 'Spring round', districts: [] });
    const officer = await signedInAs(t, 'officer');
    const manage = pageText((await officer.get(`${base}/rounds/${round}/manage`)).body);
    assert.match(manage, /Change the round’s details/, 'the round’s officer page links to the change');
    const page = await officer.get(`${base}/rounds/${round}/edit`);
    assert.equal(page.statusCode, 200, 'the officer may change the round');
    const form = formFrom(page.body);
    assert.equal(form.title, 'Spring round', 'the form starts from the round’s title');
    assert.equal(form.budget, '1000.00', 'and its budget');
    assert.equal(form.criteria, 'Benefit | 1', 'and its criteria');
    assert.equal(form['closesOn-year'], addDays(today, 5).slice(0, 4), 'and its closing date');

    const same = await officer.post(`${base}/rounds/${round}/edit`, form);
    assert.equal(same.statusCode, 303, 'saving it unchanged is fine');
    assert.equal((await changes(round)).length, 0, 'and records no change');

    const bad = await officer.post(`${base}/rounds/${round}/edit`, { ...form, budget: 'lots' });
    assert.equal(bad.statusCode, 400, 'a mistake is refused');
    assert.ok(fieldErrors(bad.body).budget, 'beside the budget');
    assert.deepEqual(errorSummaryProblems(bad.body), [], 'and the error summary links to fields on the page');

    const ok = await officer.post(`${base}/rounds/${round}/edit`, {
      ...form,
      title: 'Spring round (extended)',
      budget: '1500',
      purpose: 'Benches and bulbs',
    });
    assert.equal(ok.statusCode, 303, pageText(ok.body));
    const publicPage = pageText((await new Agent(t).get(`${base}/rounds/${round}`)).body);
    assert.match(publicPage, /Spring round \(extended\)/, 'everyone sees the new title');
    assert.match(publicPage, /£1,500/, 'and the new budget');
    const audited = await changes(round);
    assert.equal(audited.length, 1, 'the change is audited');
    assert.match(String(audited[0]!.detail), /budgetPence/, 'saying what changed');
    assert.equal(
      (await (await signedInAs(t, 'resident')).get(`${base}/rounds/${round}/edit`)).statusCode,
      403,
      'a resident may not change a round',
    );
  });

  test('the budget cannot drop below what is already awarded', async () => {
    const round = await newRound();
    const application = await apply(round, 'submit', 30_000);
    await decide(t.kith, {
      placeId,
      personId: officerId(),
      roundId: round,
      applicationId: application,
      outcome: 'full',
      amountPence: 0,
      reasons: 'Good',
    });
    await assert.rejects(
      change(round, roundInput({ budget: 25_000, maxAward: 25_000, minAward: 1_000 })),
      refusedWith('grants.round.change.belowAwarded', 'budget'),
    );
    await change(round, roundInput({ budget: 30_000, maxAward: 30_000 }));
    const officer = await signedInAs(t, 'officer');
    const form = formFrom((await officer.get(`${base}/rounds/${round}/edit`)).body);
    const refused = await officer.post(`${base}/rounds/${round}/edit`, { ...form, budget: '200', maxAward: '200' });
    assert.equal(refused.statusCode, 422, 'the officer is told why');
    assert.equal(
      fieldErrors(refused.body).budget,
      'The budget cannot be less than the £300 already awarded in this round',
      'beside the budget',
    );
  });

  test('once people have applied, the closing date cannot move into the past, nor the limits shut out an application', async () => {
    const empty = await newRound();
    await change(empty, roundInput({ closesOn: addDays(today, -1) }));
    const round = await newRound();
    await apply(round, 'save');
    await assert.rejects(
      change(round, roundInput({ closesOn: addDays(today, -1) })),
      refusedWith('grants.round.change.closesInPast', 'closesOn'),
    );
    await change(round, roundInput({ closesOn: addDays(today, 12) }));
    await assert.rejects(
      change(round, roundInput({ opensOn: addDays(today, -2), closesOn: addDays(today, 12) })),
      refusedWith('grants.round.change.opened', 'opensOn'),
    );
    await assert.rejects(
      change(round, roundInput({ closesOn: addDays(today, 12), questions: [{ name: 'Why?', n: 100 }] })),
      refusedWith('grants.round.change.questions', 'questions'),
    );
    await assert.rejects(
      change(round, roundInput({ closesOn: addDays(today, 12), whoMayApply: ['informal'] })),
      refusedWith('grants.round.change.kindApplied', 'whoMayApply'),
    );
    await apply(round, 'submit', 40_000);
    await assert.rejects(
      change(round, roundInput({ closesOn: addDays(today, 12), maxAward: 35_000 })),
      refusedWith('grants.round.change.outsideLimits', 'maxAward'),
    );
  });

  test('a closed round keeps its closing date, and once voting starts who may vote cannot change', async () => {
    const input = roundInput({
      decidedBy: 'vote',
      opensOn: addDays(today, -20),
      closesOn: addDays(today, -10),
      voteOpensOn: addDays(today, -5),
      voteClosesOn: addDays(today, 5),
      districts: ['HX1'],
    });
    const round = await newRound(input);
    await assert.rejects(
      change(round, { ...input, closesOn: addDays(today, 3), voteOpensOn: addDays(today, 4) }),
      refusedWith('grants.round.change.closed', 'closesOn'),
    );
    await assert.rejects(
      change(round, { ...input, districts: ['HX1', 'HX2'] }),
      refusedWith('grants.round.change.voting', 'districts'),
    );
    await assert.rejects(
      change(round, { ...input, voteClosesOn: addDays(today, -1) }),
      refusedWith('grants.round.change.voteClosesInPast', 'voteClosesOn'),
    );
    await change(round, { ...input, voteClosesOn: addDays(today, 9), budget: 120_000 });
    const kept = await t.kith.db.kysely
      .selectFrom('grant_rounds')
      .select(['districts', 'budget_pence'])
      .where('id', '=', round)
      .executeTakeFirstOrThrow();
    assert.equal(kept.districts, 'HX1', 'the voters stay who they were');
    assert.equal(Number(kept.budget_pence), 120_000, 'while the budget and the vote’s end may still change');

    // Before voting starts, the districts may still change.
    const later = roundInput({
      decidedBy: 'vote',
      opensOn: addDays(today, -20),
      closesOn: addDays(today, -10),
      voteOpensOn: addDays(today, 3),
      voteClosesOn: addDays(today, 10),
      districts: ['HX1'],
    });
    const upcoming = await newRound(later);
    await change(upcoming, { ...later, districts: ['HX1', 'HX7'] });
  });

  test('criteria stand once the panel has scored', async () => {
    const round = await newRound();
    await change(round, roundInput({ criteria: [{ name: 'Benefit', n: 2 }] }));
    const application = await apply(round);
    await addToPanel(t.kith, { placeId, personId: officerId(), roundId: round, email: t.demo.people.officer!.email });
    const officer = await signedInAs(t, 'officer');
    const [criterion] = await t.kith.db.kysely
      .selectFrom('grant_criteria')
      .select('id')
      .where('round_id', '=', round)
      .execute();
    await officer.post(`${base}/rounds/${round}/review/${application}/conflict`, { conflicted: 'no' });
    const scored = await officer.post(`${base}/rounds/${round}/review/${application}/score`, {
      [`score-${criterion!.id}`]: '4',
    });
    assert.equal(scored.statusCode, 303, 'the panel member scores');
    await assert.rejects(
      change(round, roundInput({ criteria: [{ name: 'Benefit', n: 3 }] })),
      refusedWith('grants.round.change.criteria', 'criteria'),
    );
    await change(round, roundInput({ criteria: [{ name: 'Benefit', n: 2 }], title: 'Renamed' }));
    const [still] = await t.kith.db.kysely
      .selectFrom('grant_criteria')
      .select('id')
      .where('round_id', '=', round)
      .execute();
    assert.equal(still!.id, criterion!.id, 'a change that leaves the criteria alone keeps the scores pointing at them');
  });
});
