import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { listDevMail } from '../../platform/mail/store.js';
import { Agent, fieldErrors, pageText, startTestKith, type TestKith } from '../../testing.js';
import { findAccountOf, verifyLedger } from '../timebank/index.js';
import { findExchange, updateExchange } from './exchange-store.js';
import { rankMatches, type Candidate } from './matching.js';

let t: TestKith;
let placeId: string;
const base = '/places/calderbrook/help';

before(async () => {
  t = await startTestKith({ demo: true });
  placeId = t.demo.places.calderbrook!.id;
});
after(() => t.close());

async function as(key: string): Promise<Agent> {
  const agent = new Agent(t);
  await agent.signIn(t.demo.people[key]!.email, t.demo.password);
  return agent;
}
const balanceOf = async (key: string) =>
  (await findAccountOf(t.kith.db.kysely, placeId, 'person', t.demo.people[key]!.id))!.balance;
const transfersFor = async (exchangeId: string) =>
  (await t.kith.db.kysely.selectFrom('time_transfers').select('id').where('reference_id', '=', exchangeId).execute())
    .length;

async function postRequest(agent: Agent, fields: Record<string, string | string[]>): Promise<string> {
  const response = await agent.post(`${base}/new/request`, { duration: '120', ...fields });
  assert.equal(response.statusCode, 303, pageText(response.body));
  return (response.headers.location as string).split('/').pop()!;
}

describe('posting and matching', () => {
  test('every mistake on a post is shown beside its field, and nothing is stored', async () => {
    const edna = await as('resident');
    const response = await edna.post(`${base}/new/request`, {
      title: '',
      category: 'nonsense',
      area: '',
      duration: '7',
      days: 'someday',
    });
    assert.equal(response.statusCode, 400);
    assert.deepEqual(Object.keys(fieldErrors(response.body)).sort(), ['area', 'category', 'days', 'duration', 'title']);
    assert.equal(fieldErrors(response.body).title, 'Say what the help is');
  });

  test('a request is matched to offers, ranked by fit, with the reasons shown', async () => {
    const edna = await as('resident');
    const id = await postRequest(edna, {
      title: 'Help tidying my garden',
      details: 'Weeding the borders',
      category: 'gardening',
      area: 'KL5 1AB',
      days: 'sat',
    });
    const page = pageText((await edna.get(`${base}/posts/${id}`)).body);
    assert.match(
      page,
      /Offers that might fit 1?\s?Gardening: weeding, pruning and planting – Maureen O’Connell offers gardening, mentions weeding, border, also in KL5, Saturdays/,
    );
    assert.match(
      page,
      /People who said they can help Harold Whitfield: Gardening, reading with children, letters and forms can help with gardening, 2\.0 miles/,
    );
    const api = JSON.parse((await edna.get(`/api/v1/places/calderbrook/help/posts/${id}/matches`)).body) as {
      matches: Array<{ title: string; reasons: string[] }>;
    };
    assert.equal(api.matches[0]!.title, 'Gardening: weeding, pruning and planting');
    // Someone else's request: its matches are not theirs to see.
    assert.equal(
      (await (await as('youngResident')).get(`/api/v1/places/calderbrook/help/posts/${id}/matches`)).statusCode,
      403,
    );
  });

  test('people who chose to be shown only to coordinators are suggested only to coordinators', async () => {
    const company = { title: 'Company for an afternoon', category: 'company', area: 'KL4' };
    const kemi = await as('youngResident');
    const asResident = pageText((await kemi.get(`${base}/posts/${await postRequest(kemi, company)}`)).body);
    assert.doesNotMatch(asResident, /Joanne Fletcher/);
    const grace = await as('coordinator');
    const asCoordinator = pageText((await grace.get(`${base}/posts/${await postRequest(grace, company)}`)).body);
    assert.match(asCoordinator, /Joanne Fletcher: Company and a cup of tea/);
  });

  test('a paused post is not suggested; the poster alone can pause, reopen and close it', async () => {
    const ben = await as('student');
    const offers = await t.kith.db.kysely
      .selectFrom('exchange_posts')
      .select('id')
      .where('title', '=', 'Lifting and moving furniture')
      .executeTakeFirstOrThrow();
    assert.equal(
      (await (await as('resident')).post(`${base}/posts/${offers.id}/status`, { status: 'paused' })).statusCode,
      403,
    );
    await ben.post(`${base}/posts/${offers.id}/status`, { status: 'paused' });
    const edna = await as('resident');
    const id = await postRequest(edna, { title: 'Moving a wardrobe', category: 'repairs', area: 'KL3' });
    assert.doesNotMatch(pageText((await edna.get(`${base}/posts/${id}`)).body), /Lifting and moving furniture/);
    await ben.post(`${base}/posts/${offers.id}/status`, { status: 'open' });
    assert.match(pageText((await edna.get(`${base}/posts/${id}`)).body), /Lifting and moving furniture/);
  });

  test('ranking is by fit, then by how recent, and needs the right kind of help or words', () => {
    const candidate = (id: string, over: Partial<Candidate>): Candidate => ({
      id,
      kind: 'offer',
      personId: id,
      title: id,
      category: 'other',
      words: [],
      outwardCode: null,
      days: 0,
      updatedAt: '2026-01-01',
      ...over,
    });
    const subject = { category: 'gardening', words: ['weeding'], outwardCode: 'KL5', days: 32 };
    const ranked = rankMatches(
      subject,
      [
        candidate('near-only', { outwardCode: 'KL5', days: 32 }),
        candidate('category', { category: 'gardening' }),
        candidate('category-words-days', { category: 'gardening', words: ['weeding'], days: 32 }),
        candidate('category-newer', { category: 'gardening', updatedAt: '2026-02-01' }),
      ],
      new Map(),
    );
    assert.deepEqual(
      ranked.map((m) => m.candidate.id),
      ['category-words-days', 'category-newer', 'category'],
    );
  });
});

describe('talking through Kith', () => {
  test('messages reach the other person by email without either address being shown', async () => {
    const kemi = await as('youngResident');
    const offer = await t.kith.db.kysely
      .selectFrom('exchange_posts')
      .select('id')
      .where('title', '=', 'Reading and filling in forms and letters')
      .executeTakeFirstOrThrow();
    const opened = await kemi.post(`${base}/posts/${offer.id}/contact`);
    assert.equal(opened.statusCode, 303);
    const sent = await kemi.post(opened.headers.location as string, {
      body: 'Could you look at a letter from the council?',
    });
    assert.equal(sent.statusCode, 303);
    const page = (await kemi.get(opened.headers.location as string)).body;
    assert.match(pageText(page), /Could you look at a letter from the council\?/);
    assert.doesNotMatch(page, /@calderbrook\.example/);
    await t.worker.runDue();
    const mail = (await listDevMail(t.kith.db.kysely)).find(
      (m) => m.to_address === 'harold@calderbrook.example' && m.subject.includes('Kemi'),
    );
    assert.ok(mail, 'Harold is told by email');
    assert.doesNotMatch(mail.text_body, /kemi@calderbrook\.example/);
    // Nobody else can read the conversation.
    assert.equal((await (await as('resident')).get(opened.headers.location as string)).statusCode, 403);
  });
});

describe('an exchange', () => {
  test('proposed, accepted, recorded and confirmed: the hours are credited once, however often confirm is pressed', async () => {
    const edna = await as('resident');
    const maureen = await as('gardener');
    const offer = await t.kith.db.kysely
      .selectFrom('exchange_posts')
      .select('id')
      .where('title', '=', 'Gardening: weeding, pruning and planting')
      .executeTakeFirstOrThrow();
    const proposed = await edna.post(`${base}/posts/${offer.id}/propose`, { note: 'Saturday morning?' });
    const path = proposed.headers.location as string;
    const id = path.split('/').pop()!;
    assert.equal((await edna.post(`${path}/accept`)).statusCode, 422, 'the proposer cannot accept their own proposal');
    assert.equal((await maureen.post(`${path}/accept`)).statusCode, 303);
    assert.equal(
      (await edna.post(`${path}/record`, { hours: '2' })).statusCode,
      422,
      'only the giver records the time',
    );
    assert.deepEqual(fieldErrors((await maureen.post(`${path}/record`, { hours: 'two' })).body), {
      record: 'Enter hours as a whole number, like 2',
    });
    assert.equal((await maureen.post(`${path}/record`, { hours: '2', minutes: '0' })).statusCode, 303);
    assert.equal((await maureen.post(`${path}/confirm`)).statusCode, 422, 'the giver cannot confirm their own hours');
    assert.equal(
      (await (await as('coordinator')).post(`${path}/confirm`)).statusCode,
      422,
      'a coordinator waits 14 days',
    );

    const [ednaBefore, maureenBefore] = [await balanceOf('resident'), await balanceOf('gardener')];
    const results = await Promise.all([
      edna.post(`${path}/confirm`),
      edna.post(`${path}/confirm`),
      edna.post(`${path}/confirm`),
    ]);
    assert.equal(results.filter((r) => r.statusCode === 303).length, 1);
    assert.equal(await transfersFor(id), 1);
    assert.equal(await balanceOf('resident'), ednaBefore - 120);
    assert.equal(await balanceOf('gardener'), maureenBefore + 120);
    assert.match(
      pageText((await edna.get(path)).body),
      /Time credits: 2 hours moved from the person helped to the helper\./,
    );
    assert.equal((await verifyLedger(t.kith.db)).ok, true);
  });

  test('a coordinator can confirm what has waited 14 days; the person helped who lacks credits is told plainly', async () => {
    const grace = await as('coordinator');
    const waiting = await t.kith.db.kysely
      .selectFrom('exchanges')
      .select('id')
      .where('note', '=', 'A letter from the council')
      .executeTakeFirstOrThrow();
    const manage = pageText((await grace.get(`${base}/manage`)).body);
    assert.match(manage, /Harold Whitfield helped Yusuf Rahimi/);
    const done = await grace.post(`${base}/exchanges/${waiting.id}/confirm`);
    assert.equal(done.statusCode, 303);
    assert.equal((await findExchange(t.kith.db.kysely, waiting.id))!.status, 'confirmed');
    assert.equal(await transfersFor(waiting.id), 1);

    // Ben never joined time credits: his hours are recorded and nothing moves.
    const ben = await as('student');
    const harold = await as('retiredTeacher');
    const request = await postRequest(harold, { title: 'Moving my piano stool', category: 'repairs', area: 'KL3' });
    const proposed = await ben.post(`${base}/posts/${request}/propose`, {});
    const path = proposed.headers.location as string;
    await harold.post(`${path}/accept`);
    await ben.post(`${path}/record`, { minutes: '30' });
    await harold.post(`${path}/confirm`);
    assert.equal(await transfersFor(path.split('/').pop()!), 0);
    assert.match(
      pageText((await harold.get(path)).body),
      /The helper does not use time credits; the hours are recorded\./,
    );

    // Kemi asks Edna, who has no credits left after her garden, to confirm 9 hours.
    const kemi = await as('youngResident');
    const edna = await as('resident');
    const ednaRequest = await postRequest(edna, { title: 'Setting up a tablet', category: 'technology', area: 'KL1' });
    const second = (await kemi.post(`${base}/posts/${ednaRequest}/propose`, {})).headers.location as string;
    await edna.post(`${second}/accept`);
    await kemi.post(`${second}/record`, { hours: '9' });
    const refused = await edna.post(`${second}/confirm`);
    assert.equal(refused.statusCode, 422);
    assert.match(
      pageText(refused.body),
      /There are not enough time credits to confirm this: the account has .* and this needs 9 hours/,
    );
    assert.equal((await findExchange(t.kith.db.kysely, second.split('/').pop()!))!.status, 'recorded');
    await updateExchange(t.kith.db.kysely, second.split('/').pop()!, { recorded_at: '2026-01-01T00:00:00.000Z' });
  });

  test('requests involving personal care show the place’s safeguarding guidance, in the reader’s language', async () => {
    const ben = await as('student');
    const sensitive = await t.kith.db.kysely
      .selectFrom('exchange_posts')
      .select('id')
      .where('sensitive', '=', 1)
      .executeTakeFirstOrThrow();
    assert.match(
      pageText((await ben.get(`${base}/posts/${sensitive.id}`)).body),
      /Keeping everyone safe This involves personal care/,
    );
    const priya = await as('admin');
    assert.deepEqual(fieldErrors((await priya.post(`${base}/settings`, { safeguardingEn: '' })).body), {
      safeguardingEn: 'Enter the guidance in English',
    });
    await priya.post(`${base}/settings`, {
      safeguardingEn: 'Call Calderbrook safeguarding on 01422 000000 first.',
      safeguardingCy: 'Ffoniwch dîm diogelu Calderbrook ar 01422 000000 yn gyntaf.',
    });
    assert.match(
      pageText((await ben.get(`${base}/posts/${sensitive.id}`)).body),
      /Call Calderbrook safeguarding on 01422 000000 first\./,
    );
    await ben.get(`${base}/posts/${sensitive.id}?lang=cy`);
    assert.match(
      pageText((await ben.get(`${base}/posts/${sensitive.id}`)).body),
      /Cadw pawb yn ddiogel Ffoniwch dîm diogelu Calderbrook/,
    );
    await ben.get(`${base}?lang=en`);
    // A new post in the personal care category is always treated as sensitive.
    const joanne = await as('carer');
    const id = await postRequest(joanne, {
      title: 'Help with washing my hair',
      category: 'personal_care',
      area: 'KL4',
    });
    assert.match(pageText((await ben.get(`${base}/posts/${id}`)).body), /Keeping everyone safe/);
  });

  test('“I helped a neighbour” in one tap, detail later, confirmed by a coordinator and credited once from the fund', async () => {
    const kemi = await as('youngResident');
    const tapped = await kemi.post(`${base}/small-acts`);
    assert.equal(tapped.statusCode, 303);
    const act = tapped.headers.location as string;
    assert.deepEqual(fieldErrors((await kemi.post(act, { what: '', minutes: 'lots' })).body), {
      what: 'Say what you did',
      minutes: 'Enter minutes as a whole number from 1 to 600, or leave it empty',
    });
    await kemi.post(act, { what: 'Walked next door’s dog', minutes: '40' });
    const before = await balanceOf('youngResident');
    const grace = await as('coordinator');
    const id = act.split('/').pop()!;
    assert.equal((await kemi.post(`${base}/manage/small-acts/${id}/confirm`)).statusCode, 403);
    assert.equal((await grace.post(`${base}/manage/small-acts/${id}/confirm`)).statusCode, 303);
    assert.equal((await grace.post(`${base}/manage/small-acts/${id}/confirm`)).statusCode, 422);
    assert.equal(await balanceOf('youngResident'), before + 40);
    assert.equal((await verifyLedger(t.kith.db)).ok, true);
  });
});
