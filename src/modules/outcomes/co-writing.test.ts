import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Agent, fieldErrors, pageText, startTestKith, type TestKith } from '../../testing.js';

let t: TestKith;
let officer: Agent;
let edna: Agent;
const P = '/places/calderbrook';

async function agentFor(email: string) {
  const agent = new Agent(t);
  await agent.signIn(email, t.demo.password);
  return agent;
}

const idsOn = async (url: string, kind: string): Promise<[string, ...string[]]> => {
  const ids = [...(await officer.get(url)).body.matchAll(new RegExp(`id="${kind}-([0-9a-f-]{36})"`, 'g'))].map(
    (m) => m[1]!,
  );
  return ids as [string, ...string[]];
};
const outcomeIds = (url: string) => idsOn(url, 'outcome');
const suggestionIds = (url: string) => idsOn(url, 'suggestion');

async function draft(fields: Record<string, string> = {}) {
  const created = await officer.post(`${P}/outcomes/new`, { title: 'Written together', purpose: '', ...fields });
  assert.equal(created.statusCode, 303, 'the officer starts a draft');
  return created.headers.location as string;
}

before(async () => {
  t = await startTestKith({ demo: true });
  officer = await agentFor('officer@calderbrook.example');
  edna = await agentFor('resident@calderbrook.example');
});
after(() => t.close());

describe('residents write outcomes frameworks, not only comment on them', () => {
  test('the thresholds publishing needs are set with the draft, never to none', async () => {
    const zero = await officer.post(`${P}/outcomes/new`, { title: 'No residents', residentsPerOutcome: '0' });
    assert.equal(zero.statusCode, 400);
    assert.equal(fieldErrors(zero.body).residentsPerOutcome, 'Enter a whole number of residents from 1 to 50');
    const share = await officer.post(`${P}/outcomes/new`, { title: 'No residents', residentShare: '5' });
    assert.equal(fieldErrors(share.body).residentShare, 'Choose the residents’ share');
    const url = await draft();
    const page = pageText((await edna.get(url)).body);
    assert.match(page, /endorsed by at least 3 residents, and residents to be at least 33% of everyone taking part/);
  });

  test('a resident suggests an outcome; the officer adopts it and it joins the framework in her name', async () => {
    const url = await draft();
    const blank = await edna.post(`${url}/suggestions`, { form: 'suggest', outcome: '', title: ' ' });
    assert.equal(blank.statusCode, 400);
    assert.equal(fieldErrors(blank.body)['suggest-framework-title'], 'Write what you suggest');
    assert.equal((await outcomeIds(url)).length, 0, 'nothing was added');

    const sent = await edna.post(`${url}/suggestions`, {
      form: 'suggest',
      outcome: '',
      title: 'Young people feel safe in the park',
      description: 'After dark especially.',
    });
    assert.equal(sent.statusCode, 303);
    assert.match(
      pageText((await officer.get(url)).body),
      /Young people feel safe in the park.*Suggested by Edna Price/,
    );

    // The officer can only answer; the resident cannot adopt her own suggestion.
    const [id] = await suggestionIds(url);
    assert.equal((await edna.post(`${url}/suggestions/${id}/adopt`)).statusCode, 403);
    // Two officers adopting at once make one outcome.
    const admin = await agentFor('admin@calderbrook.example');
    const answers = await Promise.all([
      officer.post(`${url}/suggestions/${id}/adopt`),
      admin.post(`${url}/suggestions/${id}/adopt`),
    ]);
    assert.deepEqual(
      answers.map((a) => a.statusCode).sort(),
      [303, 422],
      'one adopts it; the other is told it has been answered',
    );
    assert.equal((await outcomeIds(url)).length, 1, 'one outcome, not two');
    const page = pageText((await officer.get(url)).body);
    assert.match(
      page,
      /Young people feel safe in the park After dark especially\. Suggested by Edna Price, a resident/,
    );
    assert.match(page, /Adopted/);
  });

  test('a suggested indicator is finished by the officer on the indicator form and credited to the resident; a declined one shows why', async () => {
    const url = await draft();
    await officer.post(`${url}/outcomes`, { title: 'People know their neighbours' });
    const [outcomeId] = await outcomeIds(url);
    for (const title of ['People say hello in the street', 'Counting doorbells'])
      await edna.post(`${url}/suggestions`, { form: 'suggest', outcome: outcomeId, title });
    const [hello, doorbells] = (await suggestionIds(url)) as [string, string];

    const adopt = await officer.post(`${url}/suggestions/${hello}/adopt`);
    assert.equal(adopt.statusCode, 303);
    const form = adopt.headers.location as string;
    assert.match(form, /\/indicators\?suggestion=/);
    const formPage = (await officer.get(form)).body;
    assert.match(pageText(formPage), /You are adopting Edna Price’s suggestion/);
    assert.match(formPage, /name="title"[^>]*value="People say hello in the street"/);
    const added = await officer.post(form.split('?')[0]!, {
      suggestion: hello,
      title: 'People say hello in the street',
      measureKind: 'checkin',
      question: 'This week someone I did not know said hello',
      scaleMin: '1',
      scaleMax: '5',
    });
    assert.equal(added.statusCode, 303);
    const indicator = await t.kith.db.kysely
      .selectFrom('outcomes_indicators')
      .select('added_by')
      .where('outcome_id', '=', outcomeId!)
      .executeTakeFirstOrThrow();
    assert.equal(indicator.added_by, t.demo.people.resident!.id, 'the indicator is in Edna’s name');

    const noReason = await officer.post(`${url}/suggestions/${doorbells}/decline`, { suggestion: doorbells });
    assert.equal(noReason.statusCode, 400);
    assert.equal(fieldErrors(noReason.body)[`decline-${doorbells}`], 'Say why it is not being adopted');
    assert.equal(
      (
        await officer.post(`${url}/suggestions/${doorbells}/decline`, {
          suggestion: doorbells,
          reason: 'Nobody wants their door counted.',
        })
      ).statusCode,
      303,
    );
    const page = pageText((await edna.get(url)).body);
    assert.match(page, /Counting doorbells.*Declined Why not: Nobody wants their door counted\./);
    const again = await officer.post(`${url}/suggestions/${doorbells}/decline`, {
      suggestion: doorbells,
      reason: 'Twice',
    });
    assert.equal(again.statusCode, 422, 'a suggestion is answered once');
  });

  test('publishing waits for every suggestion to be answered, enough residents on each outcome, and a fair share of residents', async () => {
    const url = await draft({ residentsPerOutcome: '1', residentShare: '50' });
    await officer.post(`${url}/outcomes`, { title: 'People feel at home here' });
    const [outcomeId] = await outcomeIds(url);
    await officer.post(`${url}/outcomes/${outcomeId}/indicators`, {
      title: 'Happiness',
      measureKind: 'ons4',
      ons4Item: 'happy',
    });
    await edna.post(`${url}/suggestions`, { form: 'suggest', outcome: '', title: 'People have somewhere warm to go' });
    const open = await officer.post(`${url}/publish`);
    assert.equal(open.statusCode, 422);
    assert.match(pageText(open.body), /Answer every suggestion first/);
    const [suggestion] = await suggestionIds(url);
    await officer.post(`${url}/suggestions/${suggestion}/decline`, {
      suggestion,
      reason: 'The council runs warm spaces.',
    });

    // Staff endorsing do not count as residents; and three staff to one resident is not half.
    for (const email of ['organiser@calderbrook.example', 'coordinator@calderbrook.example'])
      await (await agentFor(email)).post(`${url}/outcomes/${outcomeId}/endorse`);
    const unendorsed = await officer.post(`${url}/publish`);
    assert.match(
      pageText(unendorsed.body),
      /“People feel at home here” needs more residents endorsing it before publishing \(at least 1\)/,
    );
    await edna.post(`${url}/outcomes/${outcomeId}/endorse`);
    const tooFew = await officer.post(`${url}/publish`);
    assert.equal(tooFew.statusCode, 422);
    assert.match(pageText(tooFew.body), /Residents must be at least 50% of everyone taking part before publishing/);
    assert.match(pageText(tooFew.body), /Residents are 1 of the 4 people taking part so far \(25%\)/);
    for (const email of ['kemi@calderbrook.example', 'ben@calderbrook.example', 'maureen@calderbrook.example'])
      await (await agentFor(email)).post(`${url}/outcomes/${outcomeId}/comments`, { outcome: outcomeId, body: 'Yes' });
    assert.equal((await officer.post(`${url}/publish`)).statusCode, 303, 'four residents of seven: published');
    const page = pageText((await edna.get(url)).body);
    assert.match(page, /7 people have taken part/);
    assert.match(page, /Resident \(4\): /);
    assert.match(page, /Organiser \(1\): Tom/);
  });

  test('a resident has at most ten suggestions waiting on one framework', async () => {
    const url = await draft();
    for (let i = 0; i < 10; i++)
      assert.equal(
        (await edna.post(`${url}/suggestions`, { form: 'suggest', outcome: '', title: `Idea ${i}` })).statusCode,
        303,
        `suggestion ${i} is taken`,
      );
    const eleventh = await edna.post(`${url}/suggestions`, { form: 'suggest', outcome: '', title: 'One more' });
    assert.equal(eleventh.statusCode, 422);
    assert.match(pageText(eleventh.body), /You have 10 suggestions waiting for an answer/);
    assert.equal((await suggestionIds(url)).length, 10, 'the eleventh was not stored');
  });
});
