/**
 * Proposals say which needs (the directory's "needs and interests" vocabulary) and which
 * outcomes (the place's published outcomes frameworks) they answer: chosen on the form,
 * shown on the proposal, and the process's list filters by them.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { addDays, todayInPlace } from '../../platform/dates.js';
import { needTerms } from '../directory/index.js';
import { publishedOutcomes } from '../outcomes/index.js';
import {
  Agent,
  errorSummaryProblems,
  fieldErrors,
  pageText,
  signedInAs,
  startTestKith,
  type TestKith,
} from '../../testing.js';
import { addPhase, createProcess, propose } from './participation.js';
import { linksOfProposal, proposalsIn } from './store.js';

let t: TestKith;
let placeId: string;
const base = '/places/calderbrook/participation';
const today = todayInPlace();

before(async () => {
  t = await startTestKith({ demo: true });
  placeId = t.demo.places.calderbrook!.id;
});
after(() => t.close());

async function openProcess(): Promise<string> {
  const officer = t.demo.people.officer!.id;
  const processId = await createProcess(t.kith, {
    placeId,
    personId: officer,
    process: { title: `Park ideas ${randomUUID().slice(0, 6)}`, description: 'Tests', easyRead: 'Tell us.' },
  });
  await addPhase(t.kith, {
    placeId,
    personId: officer,
    processId,
    phase: {
      title: 'Ideas',
      description: '',
      opensOn: addDays(today, -1),
      closesOn: addDays(today, 10),
      activities: ['propose', 'support'],
      rung: 'consultation',
    },
  });
  return processId;
}

/** An outcome of a framework still in draft: not one a proposal may point at. */
async function draftOutcomeId(): Promise<string> {
  const row = await t.kith.db.kysely
    .selectFrom('outcomes_outcomes')
    .innerJoin('outcomes_frameworks', 'outcomes_frameworks.id', 'outcomes_outcomes.framework_id')
    .select('outcomes_outcomes.id')
    .where('outcomes_frameworks.place_id', '=', placeId)
    .where('outcomes_frameworks.state', '=', 'draft')
    .executeTakeFirstOrThrow();
  return row.id;
}

describe('needs and outcomes of proposals', () => {
  test('the form offers the place’s needs and published outcomes; unknown ones are refused beside their fields and nothing is stored', async () => {
    const processId = await openProcess();
    const resident = await signedInAs(t, 'resident');
    const form = pageText((await resident.get(`${base}/processes/${processId}/propose`)).body);
    assert.match(form, /Which needs does it help with\? \(optional\)/, 'needs are offered');
    assert.match(form, /Loneliness and isolation/, 'in the directory’s own words');
    assert.match(form, /People feel less lonely Calderbrook connected communities/, 'published outcomes are offered');
    assert.doesNotMatch(form, /People are more active, at their own pace/, 'a draft framework’s outcomes are not');

    const refused = await resident.post(`${base}/processes/${processId}/propose`, {
      title: 'Made-up links',
      body: 'This points at things the place does not have.',
      needs: ['loneliness', 'world-peace'],
      outcomes: [await draftOutcomeId()],
    });
    assert.equal(refused.statusCode, 400, 'the form is shown again');
    assert.deepEqual(
      fieldErrors(refused.body),
      { needs: 'Choose needs from the list', outcomes: 'Choose outcomes from the list' },
      'each refusal sits beside its field',
    );
    assert.deepEqual(errorSummaryProblems(refused.body), [], 'the summary links to the fields');
    assert.match(refused.body, /value="loneliness" checked/, 'what was ticked stays ticked');
    assert.equal((await proposalsIn(t.kith.db.kysely, processId)).length, 0, 'no proposal was stored');
    const strays = await t.kith.db.kysely
      .selectFrom('participation_proposal_needs')
      .select('need_code')
      .where('need_code', '=', 'world-peace')
      .execute();
    assert.equal(strays.length, 0, 'and no link');
  });

  test('a proposal with needs and outcomes shows them, and the list filters by each', async () => {
    const processId = await openProcess();
    const lonely = (await publishedOutcomes(t.kith.db.kysely, placeId)).find(
      (o) => o.title === 'People feel less lonely',
    )!;
    const resident = await signedInAs(t, 'resident');
    const made = await resident.post(`${base}/processes/${processId}/propose`, {
      title: 'A lunch club in the pavilion',
      body: 'Soup on Tuesdays.',
      needs: ['loneliness', 'food'],
      outcomes: lonely.id,
    });
    assert.equal(made.statusCode, 303);
    const proposalId = (made.headers.location as string).split('/').pop()!;
    assert.deepEqual(
      await linksOfProposal(t.kith.db.kysely, proposalId),
      { needs: ['food', 'loneliness'], outcomes: [lonely.id] },
      'what was ticked is stored',
    );
    const other = await propose(t.kith, {
      placeId,
      personId: t.demo.people.gardener!.id,
      processId,
      proposal: { title: 'Bat boxes', body: 'For the bats.', area: '', needs: ['environment'] },
    });
    await propose(t.kith, {
      placeId,
      personId: t.demo.people.gardener!.id,
      processId,
      proposal: { title: 'A bigger car park', body: 'More spaces.', area: '' },
    });

    const page = pageText((await new Agent(t).get(`${base}/proposals/${proposalId}`)).body);
    assert.match(page, /Needs it helps with Loneliness and isolation Food/, 'the needs are shown');
    assert.match(page, /Outcomes it works towards People feel less lonely \(Calderbrook connected communities\)/);
    const bats = pageText((await new Agent(t).get(`${base}/proposals/${other}`)).body);
    assert.match(bats, /Outcomes it works towards None given/, 'a proposal without outcomes says so');

    const list = async (query: string) => {
      const body = (await new Agent(t).get(`${base}/processes/${processId}${query}`)).body;
      return [...body.matchAll(/govuk-!-font-weight-bold" href="[^"]+">([^<]+)<\/a>/g)].map((m) => m[1]);
    };
    assert.deepEqual(
      (await list('')).sort(),
      ['A bigger car park', 'A lunch club in the pavilion', 'Bat boxes'],
      'unfiltered, all show',
    );
    assert.deepEqual(await list('?need=loneliness'), ['A lunch club in the pavilion'], 'by need');
    assert.deepEqual(await list('?need=environment'), ['Bat boxes'], 'by another need');
    assert.deepEqual(await list(`?outcome=${lonely.id}`), ['A lunch club in the pavilion'], 'by outcome');
    assert.deepEqual(await list(`?need=environment&outcome=${lonely.id}`), [], 'both must match');
    const none = pageText((await new Agent(t).get(`${base}/processes/${processId}?need=carers`)).body);
    assert.match(none, /No proposals match what you chose\. /, 'an empty filter says so');
    assert.match(none, /Show all proposals/, 'and offers the way back');
    assert.equal((await list('?need=world-peace')).length, 3, 'a filter the place does not have is no filter');
  });

  test('the needs come from the directory’s vocabulary, in Welsh for Welsh readers', async () => {
    const terms = await needTerms(t.kith.db.kysely, placeId);
    assert.ok(
      terms.some((n) => n.code === 'loneliness'),
      'the shipped needs vocabulary is the one used',
    );
    const processId = await openProcess();
    const resident = await signedInAs(t, 'resident');
    await resident.get(`${base}?lang=cy`);
    const form = pageText((await resident.get(`${base}/processes/${processId}/propose`)).body);
    assert.match(form, /Pa anghenion mae’n helpu â nhw\? \(dewisol\)/, 'the question is in Welsh');
    assert.match(form, /Unigrwydd ac arwahanrwydd/, 'and so are the needs');
  });
});
