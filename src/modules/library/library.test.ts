import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { sql } from 'kysely';
import { erasePerson } from '../people/index.js';
import { Agent, fieldErrors, newMember, pageText, signedInAs, startTestKith, type TestKith } from '../../testing.js';
import { SHIPPED_TERMS } from './glossary-terms.js';
import { CaseInput } from './inputs.js';
import { editCase, moderateCase, submitCase } from './library.js';
import { renderMarkdown } from './markdown.js';
import { TYPOLOGIES, wordsOf } from './rules.js';
import { searchCases } from './store.js';

let t: TestKith;
const base = '/places/calderbrook/library';

before(async () => {
  t = await startTestKith({ demo: true });
});
after(() => t.close());

describe('the glossary', () => {
  test('every shipped term has a definition and an example in both languages, and its related terms exist', () => {
    const keys = new Set(SHIPPED_TERMS.map((x) => x.key));
    assert.equal(keys.size, SHIPPED_TERMS.length);
    for (const term of SHIPPED_TERMS) {
      for (const field of ['term', 'termCy', 'definition', 'definitionCy', 'example', 'exampleCy'] as const)
        assert.ok(term[field].length > 0, `${term.key} ${field}`);
      assert.notEqual(term.definition, term.definitionCy);
      for (const r of term.related) assert.ok(keys.has(r), `${term.key} → ${r}`);
    }
    // Every word of the seeds' glossary (A1) and typology (A2) is there.
    for (const k of [
      'asset-based-approaches',
      'commissioning',
      'community-organising',
      'co-production',
      'indicators',
      'outcomes',
      'outputs',
      'prevention',
      'procurement',
      'social-action',
      'wellbeing',
      ...TYPOLOGIES,
    ])
      assert.ok(keys.has(k), k);
  });

  test('anyone can read the glossary, in English and in Welsh', async () => {
    const visitor = new Agent(t);
    const page = await visitor.get(`${base}/glossary`);
    assert.equal(page.statusCode, 200);
    assert.match(pageText(page.body), /Co-production/);
    const welsh = await visitor.get(`${base}/glossary/co-production`, { 'accept-language': 'cy' });
    assert.equal(welsh.statusCode, 200);
  });

  test('an admin adds a term for the place, and a duplicate short name is refused beside the field', async () => {
    const admin = await signedInAs(t, 'admin');
    const fields = {
      key: 'community-chest',
      term: 'Community chest',
      termCy: 'Cist gymunedol',
      definition: 'A small pot of money residents decide how to spend.',
      definitionCy: 'Pot bach o arian y mae trigolion yn penderfynu sut i’w wario.',
      related: 'co-production',
    };
    const created = await admin.post(`${base}/glossary/new`, fields);
    assert.equal(created.statusCode, 303);
    const again = await admin.post(`${base}/glossary/new`, fields);
    assert.equal(again.statusCode, 422);
    assert.match(fieldErrors(again.body).key!, /already has a term/);
    const changed = await admin.post(`${base}/glossary/community-chest/edit`, {
      ...fields,
      definition: 'Money residents share out.',
    });
    assert.equal(changed.statusCode, 303);
    assert.match(pageText((await admin.get(`${base}/glossary/community-chest`)).body), /Money residents share out/);
    const organiser = await signedInAs(t, 'organiser');
    assert.equal((await organiser.get(`${base}/glossary/new`)).statusCode, 403);
  });

  test('the directory’s typology filter explains “co-production” in place, once', async () => {
    const page = await new Agent(t).get('/places/calderbrook/activities');
    assert.equal(page.statusCode, 200);
    const explanations = page.body.match(/data-term="co-production"/g) ?? [];
    assert.equal(explanations.length, 1);
    assert.match(page.body, /<details class="govuk-details kith-explain/);
    assert.match(pageText(page.body), /sharing power/);
  });
});

describe('rich text', () => {
  test('raw HTML is shown as text, scripts and handlers never reach the page, links are user content', () => {
    const html = renderMarkdown(
      '<script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)> [site](https://example.org)',
    );
    assert.doesNotMatch(html, /<script|<img|<[^>]*onerror|href="javascript/i);
    assert.match(html, /<a href="https:\/\/example.org" rel="nofollow ugc" class="govuk-link">site<\/a>/);
  });

  test('whatever is typed, the output has no tag outside the allowed list and every link is nofollow', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.webUrl(), (text, url) => {
        const html = renderMarkdown(`${text} [link](${url}) <a href="${url}" onclick="x">raw</a>`);
        for (const tag of html.matchAll(/<([a-z0-9]+)/gi))
          assert.ok(
            ['p', 'br', 'strong', 'em', 'ul', 'ol', 'li', 'a', 'blockquote', 'code', 'h3', 'h4'].includes(
              tag[1]!.toLowerCase(),
            ),
            tag[0],
          );
        for (const a of html.matchAll(/<a [^>]*>/g)) assert.match(a[0], /rel="nofollow ugc"/);
        assert.doesNotMatch(html, /<[^>]*onclick/);
      }),
    );
  });

  test('search words ignore case, punctuation and plurals', () => {
    assert.deepEqual(wordsOf('Time Credits, time-credit!'), ['time', 'credit']);
  });
});

const caseFields = {
  title: 'Street suppers',
  location: 'Hebden Bridge',
  area: 'yorkshire',
  typologies: ['befriending-helping', 'co-production'],
  summary: 'Neighbours cook for each other once a month.',
  tried: 'A monthly supper in a different house. <script>alert(1)</script> [more](https://example.org/suppers)',
  whoTookPart: 'Twenty neighbours.',
  whatWorked: 'People met neighbours they had never spoken to.',
  whatDidNot: 'Hosts burnt out by month four: share the cooking.',
  costBand: 'under-10k',
  evidenceLevel: '1',
  outcomeTags: 'loneliness',
};

describe('case studies', () => {
  test('every new place starts with the seeds’ cases; “time credits” finds Spice with what did not work', async () => {
    const visitor = new Agent(t);
    const page = await visitor.get(`${base}?q=time+credits`);
    assert.equal(page.statusCode, 200);
    const link = /href="(\/places\/calderbrook\/library\/cases\/[^"]+)">Spice Time Credits/.exec(page.body);
    assert.ok(link, 'the Spice case is found');
    const spice = await visitor.get(link[1]!);
    assert.match(pageText(spice.body), /What did not work, and why.*disastrous/s);
    assert.match(pageText(spice.body), /Findings from practitioners/);
    const seeds = await t.kith.db.kysely
      .selectFrom('library_cases')
      .select('origin_key')
      .where('place_id', '=', t.demo.places.aberllyn!.id)
      .where('origin', '=', 'seed')
      .execute();
    for (const key of [
      'kings-college-hospital',
      'spice-time-credits',
      'st-giles-peer-to-the-future',
      'london-cares',
      'dementia-friends',
      'marsh-farm-outreach',
      'manchester-chinatown',
      'anglers-rest',
      'kirklees-community-partnerships',
      'shared-lives',
      'islington-age-uk-outcomes',
      'cornwall-libraries',
      'staffordshire-strategy',
    ])
      assert.ok(
        seeds.some((s) => s.origin_key === `seed:${key}`),
        key,
      );
  });

  test('filters narrow the search: evidence level, area, cost and typology', async () => {
    const visitor = new Agent(t);
    const kirklees = await visitor.get(`${base}?area=yorkshire&cost=over-1m`);
    assert.match(pageText(kirklees.body), /Kirklees/);
    assert.doesNotMatch(pageText(kirklees.body), /Spice Time Credits/);
    const strong = await visitor.get(`${base}?evidence=5`);
    assert.match(pageText(strong.body), /No case study matches/);
    const bad = await visitor.get(`${base}?area=atlantis`);
    assert.equal(bad.statusCode, 400);
  });

  test('an organiser submits a case, nobody else sees it, an admin publishes it, and changes keep earlier versions', async () => {
    const organiser = await signedInAs(t, 'organiser');
    const missing = await organiser.post(`${base}/new`, { ...caseFields, whatDidNot: '' });
    assert.equal(missing.statusCode, 400);
    assert.match(fieldErrors(missing.body).whatDidNot!, /what did not work/i);
    const created = await organiser.post(`${base}/new`, caseFields);
    assert.equal(created.statusCode, 303);
    const href = created.headers.location as string;
    assert.equal((await new Agent(t).get(href)).statusCode, 404);
    const own = await organiser.get(href);
    assert.equal(own.statusCode, 200);
    assert.doesNotMatch(own.body, /<script>alert/);
    assert.match(own.body, /href="https:\/\/example.org\/suppers" rel="nofollow ugc"/);

    const admin = await signedInAs(t, 'admin');
    const noReason = await admin.post(`${href}/moderate`, { decision: 'reject', reason: '' });
    assert.equal(noReason.statusCode, 400);
    assert.equal(
      (await admin.post(`${href}/moderate`, { decision: 'reject', reason: 'Say what it cost' })).statusCode,
      303,
    );
    assert.match(pageText((await organiser.get(href)).body), /Say what it cost/);
    const edited = await organiser.post(`${href}/edit`, {
      ...caseFields,
      cost: 'About £50 a month for food',
      note: 'Added the cost',
    });
    assert.equal(edited.statusCode, 303);
    assert.equal((await admin.post(`${href}/moderate`, { decision: 'publish', reason: '' })).statusCode, 303);
    const published = await new Agent(t).get(href);
    assert.equal(published.statusCode, 200);
    assert.match(pageText(published.body), /About £50 a month/);
    const versions = await new Agent(t).get(`${href}/versions`);
    assert.match(pageText(versions.body), /Version 1/);
  });

  test('another place says “we tried this too”, and an admin can hide it with a reason', async () => {
    const officer = await signedInAs(t, 'officer');
    const page = await new Agent(t).get(`${base}?q=angler`);
    const href = /href="(\/places\/calderbrook\/library\/cases\/[^"]+)"/.exec(page.body)![1]!;
    const empty = await officer.post(`${href}/follow-ups`, {});
    assert.equal(empty.statusCode, 400);
    const added = await officer.post(`${href}/follow-ups`, {
      location: 'Llanaber',
      whatHappened: 'We bought the chapel the same way.',
      whatDifferently: 'Start the share offer before the sale.',
    });
    assert.equal(added.statusCode, 303);
    assert.match(pageText((await new Agent(t).get(href)).body), /We bought the chapel/);
    const resident = await signedInAs(t, 'resident');
    assert.equal(
      (await resident.post(`${href}/follow-ups`, { location: 'x', whatHappened: 'y', whatDifferently: 'z' }))
        .statusCode,
      403,
    );
  });

  test('the public library is JSON and CSV, and another Kith’s feed imports once', async () => {
    const visitor = new Agent(t);
    const json = await visitor.get(`${base}/cases.json`);
    assert.equal(json.statusCode, 200);
    const feed = JSON.parse(json.body);
    assert.equal(feed.kithLibraryFeed, 1);
    assert.ok(feed.cases.length >= 16);
    assert.ok(feed.cases.every((c: { whatDidNot: string }) => c.whatDidNot.length > 0));
    const csv = await visitor.get(`${base}/cases.csv`);
    assert.match(csv.body, /^\uFEFF?id,title,location,area/);
    assert.equal((await visitor.get(`${base}/schema`)).statusCode, 200);

    const { importFeed } = await import('./feed.js');
    const aberllyn = t.demo.places.aberllyn!.id;
    const own = {
      ...feed,
      cases: [
        ...feed.cases,
        { ...feed.cases[0], id: 'x-1', origin: 'submitted', title: 'From Calderbrook' },
        { id: 'bad', origin: 'submitted', title: '' },
      ],
    };
    const first = await importFeed(t.kith, aberllyn, 'https://calderbrook.example/cases.json', own);
    const again = await importFeed(t.kith, aberllyn, 'https://calderbrook.example/cases.json', own);
    assert.ok(first.added >= 1);
    assert.equal(first.refused.length, 1);
    assert.equal(again.added, 0);
    assert.ok(first.skippedSeeds >= 16);
    await assert.rejects(importFeed(t.kith, aberllyn, 'x', { nonsense: true }));
  });

  test('another module turns “what would you do differently?” into a draft only its author sees', async () => {
    const { draftCaseFromAnswer } = await import('./index.js');
    const placeId = t.demo.places.calderbrook!.id;
    const draft = await draftCaseFromAnswer(t.kith, {
      placeId,
      placeSlug: 'calderbrook',
      personId: t.demo.people.organiser!.id,
      title: 'Grant: lunch club',
      whatDifferently: 'Book the hall for a year, not a term.',
      from: 'grants',
      submission: { owner: t.demo.people.organiser!.id, key: 'k1' },
    });
    const again = await draftCaseFromAnswer(t.kith, {
      placeId,
      placeSlug: 'calderbrook',
      personId: t.demo.people.organiser!.id,
      title: 'Grant: lunch club',
      whatDifferently: 'Book the hall for a year, not a term.',
      from: 'grants',
      submission: { owner: t.demo.people.organiser!.id, key: 'k1' },
    });
    assert.equal(draft.caseId, again.caseId);
    const organiser = await signedInAs(t, 'organiser');
    assert.equal((await organiser.get(draft.href)).statusCode, 200);
    assert.equal((await new Agent(t).get(draft.href.replace('/edit', ''))).statusCode, 404);
  });

  test('the guides open the parts of Kith that do each step', async () => {
    const page = await new Agent(t).get(`${base}/guides/asset-mapping`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /href="\/places\/calderbrook\/assets"/);
    assert.equal((await new Agent(t).get(`${base}/guides/nonsense`)).statusCode, 404);
  });
});

describe('searching the library', () => {
  const placeId = () => t.demo.places.calderbrook!.id;
  const admin = () => t.demo.people.admin!.id;
  const fields = (changes: Partial<typeof caseFields> & { title: string }) =>
    CaseInput.parse({ ...caseFields, ...changes });
  const search = (words: string, page = { limit: 20, offset: 0 }) =>
    searchCases(t.kith.db.kysely, t.kith.db.dialect, placeId(), { words: wordsOf(words) }, page);
  /** How many entries the full-text index itself holds for a word, whatever the cases say. */
  const indexed = async (word: string) => {
    const db = t.kith.db;
    const { rows } =
      db.dialect === 'sqlite'
        ? await sql<{
            n: number;
          }>`select count(*) as n from library_case_fts where library_case_fts match ${`"${word}"`}`.execute(db.kysely)
        : await sql<{
            n: number;
          }>`select count(*) as n from library_case_search where document @@ plainto_tsquery('english', ${word})`.execute(
            db.kysely,
          );
    return Number(rows[0]!.n);
  };

  test('a case whose title holds the words comes before stronger evidence that only mentions them', async () => {
    const mentions = await submitCase(t.kith, {
      placeId: placeId(),
      actorId: admin(),
      publish: true,
      fields: fields({
        title: 'Tool library',
        evidenceLevel: '5',
        tried: 'Lending drills and ladders; a repair café corner on Saturdays.',
      }),
    });
    const titled = await submitCase(t.kith, {
      placeId: placeId(),
      actorId: admin(),
      publish: true,
      fields: fields({ title: 'Repair Café in the chapel', evidenceLevel: '1', tried: 'Volunteers mend kettles.' }),
    });
    const found = await search('repair cafe');
    assert.deepEqual(
      found.cases.map((c) => c.id),
      [titled, mentions],
    );
    assert.equal(found.total, 2);
    // Past the last page: nothing shown, the count still right.
    const beyond = await search('repair cafe', { limit: 20, offset: 20 });
    assert.equal(beyond.cases.length, 0);
    assert.equal(beyond.total, 2);
    // Words are stemmed alike on both sides: "repairs" and "cafés" are the same words.
    assert.equal((await search('repairs cafés')).total, 2);
    // With a filter, on every page.
    const strong = { words: wordsOf('repair cafe'), evidenceAtLeast: 5 };
    const page = (offset: number) =>
      searchCases(t.kith.db.kysely, t.kith.db.dialect, placeId(), strong, { limit: 20, offset });
    assert.deepEqual(
      (await page(0)).cases.map((c) => c.id),
      [mentions],
    );
    assert.equal((await page(20)).total, 1);
  });

  test('the index follows a case as it is submitted, published, edited, rejected, its author erased, and deleted', async () => {
    const author = await newMember(t, placeId(), 'Leaving Organiser', 'organiser');
    const caseId = await submitCase(t.kith, {
      placeId: placeId(),
      actorId: author.id,
      publish: false,
      fields: fields({ title: 'Hedgerow walks', tried: 'Walks to count quillwort by the canal.' }),
    });
    assert.equal((await search('quillwort')).total, 0, 'a case waiting for review is not found');
    await moderateCase(t.kith, { placeId: placeId(), actorId: admin(), caseId, decision: 'publish', reason: '' });
    assert.equal((await search('quillwort')).total, 1, 'published, it is found');

    const edit = (by: string, byAdmin: boolean, title: string, tried: string) =>
      editCase(t.kith, {
        placeId: placeId(),
        actorId: by,
        caseId,
        byAdmin,
        note: 'Changed',
        fields: fields({ title, tried }),
      });
    await edit(author.id, false, 'Hedgerow walks', 'Walks to count bryony by the canal.');
    assert.equal((await search('bryony')).total, 0, 'an author’s change waits for review again');
    await moderateCase(t.kith, { placeId: placeId(), actorId: admin(), caseId, decision: 'publish', reason: '' });
    assert.equal((await search('bryony')).total, 1, 'the new version is found');
    assert.equal((await search('quillwort')).total, 0, 'the earlier version’s words are not');
    assert.equal(await indexed('quillwort'), 0, 'nor left in the index');

    await edit(admin(), true, 'Meadow walks', 'Walks to count bryony by the canal.');
    assert.equal((await search('meadow')).cases[0]?.id, caseId, 'an admin’s change stands and is found at once');
    assert.equal((await search('hedgerow')).total, 0, 'the old title is not');

    await moderateCase(t.kith, {
      placeId: placeId(),
      actorId: admin(),
      caseId,
      decision: 'reject',
      reason: 'Sources?',
    });
    assert.equal((await search('meadow')).total, 0, 'a rejected case is not found');
    assert.equal(await indexed('meadow'), 0, 'nor kept in the index');
    await moderateCase(t.kith, { placeId: placeId(), actorId: admin(), caseId, decision: 'publish', reason: '' });

    await erasePerson(t.kith, author.id, t.demo.password);
    const kept = await search('meadow bryony');
    assert.equal(kept.cases[0]?.submittedBy, null, 'the case stays without its author');
    assert.equal(kept.total, 1, 'and is found as before');

    await t.kith.db.kysely.deleteFrom('library_cases').where('id', '=', caseId).execute();
    assert.equal((await search('meadow')).total, 0, 'a deleted case is not found');
    assert.equal(await indexed('meadow'), 0, 'and leaves the index with it');
  });
});
