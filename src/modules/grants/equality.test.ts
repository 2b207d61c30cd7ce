import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { addDays, todayInPlace } from '../../platform/dates.js';
import { newMember, pageText, signedInAs, startTestKith, type TestKith } from '../../testing.js';
import { addToPanel, createFund, createRound, startApplication } from './grants.js';
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
      name: 'Equality fund',
      purpose: 'Tests',
      funderName: 'Calder Valley Council',
      funderId: 'GB-LAE-CAL',
      prefix: '360G-calderbrook',
      allowsIndividuals: true,
    },
  });
});
after(() => t.close());

const newRound = (title: string) =>
  createRound(t.kith, {
    placeId,
    personId: t.demo.people.officer!.id,
    fundId,
    round: {
      title,
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
      criteria: [{ name: 'Benefit', n: 1 }],
      questions: [],
    },
  });

const fields = (title: string): ApplicationFields => ({
  applicantKind: 'constituted',
  groupName: 'Riverside Friends',
  charityNumber: '',
  companyNumber: '',
  hostName: '',
  hostCharityNumber: '',
  hostCompanyNumber: '',
  projectTitle: title,
  summary: 'Benches by the river',
  budgetLines: [{ item: 'Benches', pence: 30_000 }],
  amountPence: 30_000,
  answers: {},
});

/** Someone new who applies to the round (submitting, or only saving a draft) and answers what they choose. */
async function applicant(round: string, answers: Record<string, string> | null, action: 'submit' | 'save' = 'submit') {
  const person = await newMember(t, placeId, 'Applicant');
  const application = await startApplication(t.kith, {
    placeId,
    personId: person.id,
    roundId: round,
    fields: fields(`Project of ${person.id.slice(0, 6)}`),
    action,
  });
  if (answers) {
    const saved = await person.agent.post('/account/equality', answers);
    assert.equal(saved.statusCode, 303, 'the applicant’s answers are saved on their account');
  }
  return { ...person, application };
}

describe('equality monitoring of a round’s applicants', () => {
  test('an officer sees how the applicants answered, in counts only, with the ones under 5 held back', async () => {
    const round = await newRound('Counted round');
    for (let i = 0; i < 6; i++) await applicant(round, { sex: 'female', ageBand: '25to34' });
    await applicant(round, { sex: 'male', ageBand: '75plus' });
    await applicant(round, null);
    // A draft is not an application yet: its author is not counted.
    await applicant(round, { sex: 'female' }, 'save');

    const officer = await signedInAs(t, 'officer');
    const manage = pageText((await officer.get(`${base}/rounds/${round}/manage`)).body);
    assert.match(manage, /Who applied: equality monitoring/, 'the round’s officer page links to the counts');
    const res = await officer.get(`${base}/rounds/${round}/equality`);
    assert.equal(res.statusCode, 200, 'the officer may see the counts');
    const page = pageText(res.body);
    assert.match(page, /Sex Answer Applicants Female 6 Male Fewer than 5/, 'six women shown, one man held back');
    assert.match(
      page,
      /Did not answer this question Fewer than 5 People who applied 8/,
      'everyone who applied adds up',
    );
    assert.match(page, /Age .*25 to 34 6 /, 'the age band six gave is shown');
    assert.doesNotMatch(page, /75 or over 1 /, 'the one person aged 75 or over is not shown');
    assert.match(page, /Ethnic group .*Did not answer this question 8 /, 'nobody answered the ethnic group question');

    const csv = await officer.get(`${base}/rounds/${round}/equality.csv`);
    assert.equal(csv.statusCode, 200, 'the same counts download');
    assert.match(csv.headers['content-type'] as string, /text\/csv/, 'as CSV');
    assert.match(csv.body, /^\uFEFF?Question,Answer,Applicants/, 'with a header row');
    assert.match(csv.body, /\nSex,Female,6\r?\nSex,Male,Fewer than 5\r?\n/, 'held back in the download too');
    assert.match(csv.body, /\nSex,People who applied,8\r?\n/, 'with the total');

    await officer.get(`${base}?lang=cy`);
    const welsh = pageText((await officer.get(`${base}/rounds/${round}/equality`)).body);
    await officer.get(`${base}?lang=en`);
    assert.match(welsh, /Pwy wnaeth gais: monitro cydraddoldeb/, 'the page is in Welsh for a Welsh reader');
    assert.match(welsh, /Llai na 5/, 'and says in Welsh what is held back');
  });

  test('with fewer than 5 applicants, no count is shown at all', async () => {
    const round = await newRound('Small round');
    for (let i = 0; i < 3; i++) await applicant(round, { sex: 'female', welshSpeaker: 'yes' });
    const officer = await signedInAs(t, 'officer');
    const page = pageText((await officer.get(`${base}/rounds/${round}/equality`)).body);
    assert.doesNotMatch(page, /Female 3/, 'three women are not shown');
    assert.doesNotMatch(page, /People who applied 3/, 'nor is the total, from which they could be worked out');
    assert.match(page, /Female Fewer than 5/, 'the count is said to be held back');
  });

  test('the panel and the applicants cannot see the counts, and the panel never sees an applicant’s answers', async () => {
    const round = await newRound('Private round');
    const person = await applicant(round, { sex: 'female', ageBand: '75plus', ethnicGroup: 'whiteRoma' });
    await addToPanel(t.kith, {
      placeId,
      personId: t.demo.people.officer!.id,
      roundId: round,
      email: t.demo.people.resident!.email,
    });
    const panel = await signedInAs(t, 'resident');
    assert.equal(
      (await panel.get(`${base}/rounds/${round}/equality`)).statusCode,
      403,
      'a panel member may not see the counts',
    );
    assert.equal((await panel.get(`${base}/rounds/${round}/equality.csv`)).statusCode, 403, 'nor download them');
    assert.equal(
      (await person.agent.get(`${base}/rounds/${round}/equality`)).statusCode,
      403,
      'an applicant may not see them',
    );

    const review = await panel.get(`${base}/rounds/${round}/review/${person.application}`);
    assert.equal(review.statusCode, 200, 'the panel member reads the application');
    const text = pageText(review.body);
    assert.match(text, /Benches by the river/, 'the application is there');
    for (const answer of ['Roma', '75 or over', 'Female', 'ethnic group', 'Equality', 'equality'])
      assert.ok(!text.includes(answer), `the panel's view holds no equality answer or question (${answer})`);
    const list = pageText((await panel.get(`${base}/rounds/${round}/review`)).body);
    assert.ok(!list.includes('Roma') && !list.includes('75 or over'), 'nor does the panel’s list');
  });

  test('an applicant is invited, once they have applied, to answer the questions if they wish', async () => {
    const round = await newRound('Inviting round');
    const person = await applicant(round, null);
    const url = `${base}/applications/${person.application}`;
    const page = pageText((await person.agent.get(url)).body);
    assert.match(page, /Equality questions \(optional\)/, 'the invitation is on their application');
    assert.match(page, /makes no difference to your application: the panel never sees your answers/, 'said plainly');
    assert.match(page, /Answer the equality questions/, 'with a link to answer');
    assert.ok((await person.agent.get(url)).body.includes('href="/account/equality"'), 'to their own answers');

    await person.agent.post('/account/equality', { sex: 'male' });
    const after = pageText((await person.agent.get(url)).body);
    assert.match(after, /Change or remove your equality answers/, 'once answered, they may change or remove them');
    const stored = await t.kith.db.kysely
      .selectFrom('grant_applications')
      .select('status')
      .where('id', '=', person.application)
      .executeTakeFirstOrThrow();
    assert.equal(stored.status, 'submitted', 'answering changes nothing about the application');

    const draft = await applicant(round, null, 'save');
    assert.doesNotMatch(
      pageText((await draft.agent.get(`${base}/applications/${draft.application}`)).body),
      /Equality questions/,
      'a draft is not yet an application, so no invitation',
    );
  });
});
