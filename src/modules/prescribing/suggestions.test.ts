import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { listDevMail } from '../../platform/mail/store.js';
import { Agent, fieldErrors, newMember, pageText, startTestKith, type TestKith } from '../../testing.js';
import { findOrganisationByName, matchShares } from '../directory/index.js';
import { referralsByStatus } from './report-store.js';
import { referralsOfRecord, withdrawConsents } from './store.js';
import { COMMON_SHARE, rankByWords, suggestionsFor, textHolds } from './suggestions.js';

describe('merging one search a word', () => {
  const searches = fc.array(
    fc.record({
      word: fc.string({ minLength: 1, maxLength: 6 }),
      found: fc.uniqueArray(fc.integer({ min: 0, max: 30 }), { maxLength: 12 }),
    }),
    { maxLength: 6 },
  );

  test('each result comes once, with exactly the words that found it, more words first', () => {
    fc.assert(
      fc.property(searches, (s) => {
        const ranked = rankByWords(s, String);
        const every = new Set(s.flatMap((x) => x.found));
        assert.deepEqual(new Set(ranked.map((r) => r.item)), every);
        assert.equal(ranked.length, every.size);
        for (const r of ranked) {
          const words = s.filter((x) => x.found.includes(r.item)).map((x) => x.word);
          assert.deepEqual(r.matched, words);
        }
        for (let i = 1; i < ranked.length; i++)
          assert.ok(ranked[i - 1]!.matched.length >= ranked[i]!.matched.length, 'more words matched ranks higher');
      }),
    );
  });

  test('among results matching as many words, the one found nearer the top of a search comes first', () => {
    const ranked = rankByWords(
      [
        { word: 'baking', found: ['a', 'b', 'c'] },
        { word: 'walking', found: ['d', 'c', 'a'] },
      ],
      (x) => x,
    );
    assert.deepEqual(
      ranked.map((r) => [r.item, r.matched.join(', ')]),
      [
        ['a', 'baking, walking'],
        ['c', 'baking, walking'],
        ['d', 'walking'],
        ['b', 'baking'],
      ],
    );
  });
});

describe('a result found by one word that holds another', () => {
  test('counts both, so a page of results per word never hides a result matching more', () => {
    const ranked = rankByWords(
      [
        { word: 'baking', found: ['Bake and stroll: walking, then baking'] },
        { word: 'walking', found: ['Health walk: walking'] },
      ],
      (x) => x,
      (x, word) => textHolds(x, word),
    );
    assert.deepEqual(
      ranked.map((r) => r.matched.join(', ')),
      ['baking, walking', 'walking'],
    );
  });

  test('a phrase is held when each of its words is, whatever the case or accents', () => {
    assert.equal(textHolds('Tea and a CHAT, with a cup of tea', 'a cup of tea'), true);
    assert.equal(textHolds('Caffi Cymraeg', 'café'), false);
    assert.equal(textHolds('Café Cymraeg', 'cafe'), true);
    assert.equal(textHolds('Walking group', 'walking football'), false);
    // A word is held at the start of a word, never inside one.
    assert.equal(textHolds('Sleepwalking stories', 'walking'), false);
    assert.equal(textHolds('anything', ''), false);
  });
});

let t: TestKith;
let worker: Agent;
let organiser: Agent;
let coordinator: Agent;
const P = '/places/calderbrook';
const SP = `${P}/social-prescribing`;
let placeId: string;
let schemeId: string;
const activityIds: Record<string, string> = {};

async function agentFor(email: string) {
  const agent = new Agent(t);
  await agent.signIn(email, t.demo.password);
  return agent;
}

/** An activity the admin lists and publishes for the repair café, whose name holds none of the person's words. */
async function publish(admin: Agent, name: string, description: string) {
  const repair = await findOrganisationByName(t.kith.db.kysely, placeId, 'Calderbrook Repair Café');
  const created = await admin.post(`${P}/directory/organisations/${repair!.id}/activities/new`, {
    name,
    description,
    howToJoin: 'Just come along',
    whoFor: 'Everyone',
    cost: 'free',
    locationName: 'Calderbrook Library',
    address1: '2 Market Street',
    city: 'Calderbrook',
    postcode: 'kl11aa',
    accessibility: 'Level access',
    frequency: 'weekly',
    day: 'SA',
    opensAt: '10:00',
    closesAt: '12:00',
    languages: 'en',
  });
  assert.equal(created.statusCode, 303, name);
  const id = /activities\/([0-9a-f-]{36})\/edit/.exec(created.headers.location as string)![1]!;
  const state = async () =>
    (await t.kith.db.kysely.selectFrom('directory_activities').select('state').where('id', '=', id).executeTakeFirst())
      ?.state;
  if ((await state()) !== 'published') {
    assert.equal((await admin.post(`${P}/directory/activities/${id}/submit`)).statusCode, 303);
    assert.equal((await admin.post(`${P}/directory/moderation/${id}`, { decision: 'publish' })).statusCode, 303);
  }
  assert.equal(await state(), 'published');
  activityIds[name] = id;
}

/** A record with a conversation, and (unless told otherwise) the person's agreement to be referred. */
async function personWho(interests: string, wouldLikeTo: string, agreed = true) {
  const opened = await worker.post(`${SP}/people/new`, {
    name: 'Bethan Morgan',
    preferredName: 'Beth',
    email: 'beth.morgan@example.org',
    howToContact: 'Email',
  });
  const recordId = /people\/([0-9a-f-]+)\/conversation/.exec(opened.headers.location as string)![1]!;
  await worker.post(`${SP}/people/${recordId}/conversation`, {
    'heldOn-day': '2',
    'heldOn-month': '3',
    'heldOn-year': '2026',
    strengths: 'Cheerful, a good cook',
    interests,
    wouldLikeTo,
  });
  if (agreed)
    await worker.post(`${SP}/people/${recordId}/consent`, {
      decision: 'agreed',
      shares: ['first_name', 'interests'],
      messageBack: 'no',
      'givenOn-day': '3',
      'givenOn-month': '3',
      'givenOn-year': '2026',
    });
  return recordId;
}

before(async () => {
  t = await startTestKith({ demo: true });
  placeId = t.demo.places.calderbrook!.id;
  worker = await agentFor('linkworker@calderbrook.example');
  organiser = await agentFor('organiser@calderbrook.example');
  coordinator = await agentFor('coordinator@calderbrook.example');
  const admin = await agentFor('admin@calderbrook.example');
  await publish(admin, 'Saturday bakers', 'Baking bread and cakes together, then sharing them.');
  await publish(admin, 'Bake and stroll', 'A short walking route along the canal that ends with baking at the hall.');
  schemeId = (
    await t.kith.db.kysely
      .selectFrom('befriending_schemes')
      .select('id')
      .where('place_id', '=', placeId)
      .where('name', '=', 'Good Neighbours befriending')
      .executeTakeFirstOrThrow()
  ).id;
});
after(() => t.close());

describe('the find page searches with everything the person said', () => {
  test('interests ["baking", "walking"] find activities matching either, those matching both first, each saying why', async () => {
    const found = await suggestionsFor(t.kith, { id: placeId, slug: 'calderbrook' }, ['baking', 'walking']);
    const names = found.activities.map((a) => [a.item.activity.name, a.matched.join(', ')]);
    assert.deepEqual(names[0], ['Bake and stroll', 'baking, walking']);
    assert.ok(
      names.some(([n, m]) => n === 'Saturday bakers' && m === 'baking'),
      JSON.stringify(names),
    );
    assert.ok(
      names.some(([n, m]) => n === 'Health walk' && m === 'walking'),
      JSON.stringify(names),
    );
    const matched = found.activities.map((a) => a.matched.length);
    assert.deepEqual(
      matched,
      [...matched].sort((a, b) => b - a),
    );
    // The walk leader's role is found by walking alone, as volunteering's own search finds it.
    assert.ok(found.roles.some((r) => r.item.name === 'Walk leader' && r.matched.join() === 'walking'));
  });

  test('a word nearly every listing holds suggests nothing by itself, but still counts where another word finds a listing', async () => {
    // Every listing in the demo meets in Calderbrook, so the town's name tells none of them apart.
    const [share] = await matchShares(t.kith.db, placeId, [['calderbrook']]);
    assert.ok(share! > COMMON_SHARE, `calderbrook matches ${share} of the listings`);
    const found = await suggestionsFor(t.kith, { id: placeId, slug: 'calderbrook' }, ['baking', 'calderbrook']);
    assert.ok(found.activities.length > 0);
    for (const a of found.activities)
      assert.deepEqual(a.matched, ['baking', 'calderbrook'], `${a.item.activity.name} was suggested for ${a.matched}`);
    // Said alone, it is all there is to go on, and it is searched.
    const alone = await suggestionsFor(t.kith, { id: placeId, slug: 'calderbrook' }, ['calderbrook']);
    assert.ok(alone.activities.length > 0);
  });

  test('the page shows every word searched and, beside each result, which of them it matched, in English and Welsh', async () => {
    const recordId = await personWho('baking, walking', 'a cup of tea and a chat');
    const page = await worker.get(`${SP}/people/${recordId}/find`);
    assert.equal(page.statusCode, 200);
    const text = pageText(page.body);
    assert.match(text, /Searched with everything they said: baking, walking, a cup of tea, a chat\./);
    // Both of their interests first, then one; each saying which.
    assert.match(
      text,
      /Choose the activities to refer them to Bake and stroll Calderbrook Repair Café · [^·]+· [^·]+· Free Matches: baking, walking /,
    );
    const activities = text.slice(text.indexOf('Choose the activities'), text.indexOf('volunteering role'));
    const counts = [...activities.matchAll(/Matches: (.+?)(?= [A-Z]|$)/g)].map((m) => m[1]!.split(', ').length);
    assert.ok(counts.length > 5, activities);
    assert.deepEqual(
      counts,
      [...counts].sort((a, b) => b - a),
    );
    assert.match(text, /Saturday bakers Calderbrook Repair Café · [^·]+· [^·]+· Free Matches: baking /);
    assert.match(text, /Tuesday tea and chat Age Friendly Calderbrook · [^·]+· [^·]+· Free Matches: a chat /);
    assert.match(
      text,
      /Good Neighbours befriending Befriending · Age Friendly Calderbrook Matches: a cup of tea, a chat/,
    );
    assert.ok(page.body.includes(`name="schemes" type="checkbox" value="${schemeId}"`), 'the scheme can be chosen');
    assert.doesNotMatch(page.body, /name="q" type="hidden"/);

    assert.equal((await worker.get(`${SP}/people/${recordId}/find?lang=cy`)).statusCode, 303);
    const welsh = pageText((await worker.get(`${SP}/people/${recordId}/find`)).body);
    await worker.get(`${SP}/people/${recordId}/find?lang=en`);
    assert.match(welsh, /Wedi chwilio gyda phopeth a ddywedon nhw: baking, walking/);
    assert.match(welsh, /Bake and stroll .*?Yn cyfateb i: baking, walking/);
    assert.match(welsh, /Good Neighbours befriending Cyfeillio · Age Friendly Calderbrook/);
  });

  test('neighbours’ offers of help that match are shown as links, never their requests', async () => {
    const recordId = await personWho('gardening, video calls', 'English conversation');
    const page = await worker.get(`${SP}/people/${recordId}/find`);
    const text = pageText(page.body);
    assert.match(text, /Offers of help from neighbours Not a referral: share the link with them if it would help\./);
    assert.match(text, /Gardening: weeding, pruning and planting [^:]*Matches: gardening/);
    assert.match(text, /Help with phones, tablets and video calls [^:]*Matches: video calls/);
    assert.doesNotMatch(text, /Practising English conversation/);
    assert.match(page.body, /<a class="govuk-link" href="\/places\/calderbrook\/help\/posts\/[0-9a-f-]+">Gardening/);
  });

  test('words the link worker types are searched on their own, as before, without reasons', async () => {
    const recordId = await personWho('baking, walking', 'Meet people');
    const page = await worker.get(`${SP}/people/${recordId}/find?q=baking`);
    const text = pageText(page.body);
    assert.match(page.body, /name="q" type="search" value="baking"/);
    assert.match(text, /Saturday bakers/);
    assert.match(text, /Bake and stroll/);
    assert.doesNotMatch(text, /Calderbrook Walking Group Walking/);
    assert.doesNotMatch(text, /Matches:|Searched with everything/);
  });
});

describe('a link worker refers someone to a befriending scheme', () => {
  let recordId: string;
  let referralId: string;

  test('sent with an activity, the scheme’s coordinators receive a request for a match with what was shared', async () => {
    recordId = await personWho('baking', 'a chat', true);
    const sent = await worker.post(`${SP}/people/${recordId}/referrals`, {
      activities: activityIds['Saturday bakers']!,
      schemes: schemeId,
      note: 'Beth would like a weekly visit.',
    });
    assert.equal(sent.statusCode, 303);
    const referrals = await referralsOfRecord(t.kith.db.kysely, recordId);
    assert.deepEqual(referrals.map((r) => r.targetKind).sort(), ['activity', 'scheme']);
    referralId = referrals.find((r) => r.targetKind === 'scheme')!.id;
    assert.equal(referrals.find((r) => r.targetKind === 'scheme')!.status, 'sent');

    const again = await worker.post(`${SP}/people/${recordId}/referrals`, { schemes: schemeId });
    assert.match(fieldErrors(again.body).activities!, /already have an open referral to Good Neighbours befriending/);
    const unknown = await worker.post(`${SP}/people/${recordId}/referrals`, {
      schemes: '00000000-0000-0000-0000-000000000000',
    });
    assert.match(fieldErrors(unknown.body).activities!, /Choose schemes from the list/);

    const record = pageText((await worker.get(`${SP}/people/${recordId}`)).body);
    assert.match(record, /Good Neighbours befriending Befriending or peer support · Age Friendly Calderbrook/);

    await t.worker.runDue();
    const mail = (await listDevMail(t.kith.db.kysely)).find(
      (m) =>
        m.to_address === 'coordinator@calderbrook.example' &&
        m.subject === 'A request for a match: Good Neighbours befriending',
    );
    assert.ok(mail, 'the scheme’s coordinator is told');
    assert.doesNotMatch(mail.text_body, /Beth|Morgan/);

    const inbox = pageText((await coordinator.get(`${P}/referrals-in`)).body);
    assert.match(inbox, /Beth – Good Neighbours befriending/);
    const seen = await coordinator.get(`${P}/referrals-in/${referralId}`);
    const shown = pageText(seen.body);
    assert.match(shown, /Befriending or peer support · Age Friendly Calderbrook/);
    assert.match(shown, /This is a request for a match/);
    assert.match(shown, /baking · a chat/);
    assert.match(shown, /Beth would like a weekly visit\./);
    assert.doesNotMatch(shown, /beth\.morgan@example\.org|Morgan|Cheerful/);
    assert.match(seen.body, new RegExp(`/befriending/manage/[0-9a-f-]+/schemes/${schemeId}/people/new/neighbour`));
  });

  test('it moves through the same statuses as any referral, and reports count it', async () => {
    const url = `${P}/referrals-in/${referralId}`;
    assert.equal((await coordinator.post(url, { to: 'accepted' })).statusCode, 303);
    assert.equal((await coordinator.post(url, { to: 'first_contact' })).statusCode, 303);
    const refused = await coordinator.post(url, { to: 'sent' });
    assert.equal(refused.statusCode, 422);
    const scheme = (await referralsOfRecord(t.kith.db.kysely, recordId)).find((r) => r.id === referralId)!;
    assert.equal(scheme.status, 'first_contact');
    assert.match(pageText((await worker.get(`${SP}/referrals/${referralId}`)).body), /First contact made/i);
    const today = new Date().toISOString().slice(0, 10);
    const all = await referralsByStatus(t.kith.db.kysely, { placeId, from: today, to: today });
    assert.ok((all.get('first_contact') ?? 0) >= 1);
    const exported = JSON.parse((await worker.get(`${SP}/people/${recordId}/export.json`)).body) as {
      supportOffered: Array<{ kind: string; activity: string }>;
    };
    assert.ok(exported.supportOffered.some((s) => s.kind === 'scheme' && s.activity === 'Good Neighbours befriending'));
  });

  test('the person sees it in their own support, said to be a befriending scheme', async () => {
    const beth = await newMember(t, placeId, 'Bethan Morgan');
    await t.kith.db.kysely
      .updateTable('people')
      .set({ email: 'beth.morgan@example.org' })
      .where('id', '=', beth.id)
      .execute();
    assert.equal((await worker.post(`${SP}/people/${recordId}/invite`)).statusCode, 303);
    await t.worker.runDue();
    const mail = (await listDevMail(t.kith.db.kysely)).find(
      (m) => m.to_address === 'beth.morgan@example.org' && /claim/.test(m.text_body),
    );
    const link = /\/places\/calderbrook\/social-prescribing\/claim\/[\w-]+/.exec(mail!.text_body)![0];
    assert.equal((await beth.agent.post(link)).headers.location, `${P}/my-support`);
    const mine = pageText((await beth.agent.get(`${P}/my-support`)).body);
    assert.match(
      mine,
      /Good Neighbours befriending \(Befriending or peer support, Age Friendly Calderbrook\): First contact made/i,
    );
  });

  test('a coordinator of another organisation cannot open it', async () => {
    // The organiser runs the walking group, not the scheme's organisation.
    assert.equal((await organiser.get(`${P}/referrals-in/${referralId}`)).statusCode, 403);
    assert.equal((await organiser.post(`${P}/referrals-in/${referralId}`, { to: 'attended' })).statusCode, 403);
  });

  test('once consent is withdrawn, a referral to a scheme is refused and nothing is written', async () => {
    const other = await personWho('walking', 'a chat', true);
    await withdrawConsents(t.kith.db.kysely, other, new Date().toISOString());
    const refused = await worker.post(`${SP}/people/${other}/referrals`, { schemes: schemeId });
    assert.equal(refused.statusCode, 422);
    assert.match(fieldErrors(refused.body).activities!, /not agreed to be referred/);
    assert.equal((await referralsOfRecord(t.kith.db.kysely, other)).length, 0);
  });

  test('a resident cannot send one', async () => {
    const resident = await agentFor('resident@calderbrook.example');
    const tried = await resident.post(`${SP}/people/${recordId}/referrals`, { schemes: schemeId });
    assert.equal(tried.statusCode, 403);
  });
});
