/**
 * Participation in the browser: Samira, a council officer, opens "Ideas for the canal
 * path" with one phase open now for proposing, supporting, comments and voting (it
 * claims engagement), and an approval vote on it. Edna, a resident on a 320px phone with
 * JavaScript off, proposes, accepts a change a neighbour suggested, supports Marcus's
 * proposal and votes for two. Samira then answers the ladder self-assessment for her
 * team and sees its rung. Every page is checked with axe.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { findPersonByEmail } from '../../src/modules/people/index.js';
import { propose, suggestAmendment } from '../../src/modules/participation/index.js';
import { addDays, todayInPlace } from '../../src/platform/dates.js';
import { assertFitsWidth, banner, follow, signIn, startJourney, visit, type Journey } from './harness.js';

let journey: Journey;
before(async () => {
  journey = await startJourney();
});
after(() => journey?.close());

const parts = (iso: string) => ({
  day: String(Number(iso.slice(8))),
  month: String(Number(iso.slice(5, 7))),
  year: iso.slice(0, 4),
});

describe('participation', () => {
  test('a process is opened, a resident proposes, accepts a change, supports and votes, and a team places itself on the ladder', async () => {
    const { kith } = journey.kith;
    const samira = await journey.context();
    const edna = await journey.context({ javaScriptEnabled: false, viewport: { width: 320, height: 640 } });

    // Samira opens the process.
    await signIn(samira.page, 'officer@calderbrook.example');
    await visit(samira.page, '/places/calderbrook');
    await follow(samira.page, () => samira.page.getByRole('link', { name: 'Have your say' }).click());
    await follow(samira.page, () => samira.page.getByRole('link', { name: 'Open a process' }).click());
    await follow(samira.page, () => samira.page.getByRole('button', { name: 'Open the process' }).click());
    assert.match(await samira.page.locator('.govuk-error-summary').innerText(), /Enter a title/);
    await samira.page.getByLabel('Title').fill('Ideas for the canal path');
    await samira.page
      .getByLabel('What it is about')
      .fill('£15,000 to improve the canal path. Residents propose and vote; the two most chosen are done.');
    await samira.page
      .getByLabel('Easy-read summary')
      .fill('We have money to make the canal path better.\nTell us your ideas.\nThen vote for the ideas you like.');
    await follow(samira.page, () => samira.page.getByRole('button', { name: 'Open the process' }).click());
    assert.match(await banner(samira.page), /Now add its first phase/);
    const processUrl = samira.page.url().replace(/\/phases\/new$/, '');
    const processId = processUrl.split('/').pop()!;

    const from = parts(addDays(todayInPlace(), -1));
    const to = parts(addDays(todayInPlace(), 14));
    await samira.page.getByLabel('Name of the phase').fill('Ideas and vote');
    for (const [group, d] of [
      ['First day', from],
      ['Last day', to],
    ] as const) {
      const fieldset = samira.page.getByRole('group', { name: group });
      await fieldset.getByLabel('Day').fill(d.day);
      await fieldset.getByLabel('Month').fill(d.month);
      await fieldset.getByLabel('Year').fill(d.year);
    }
    for (const activity of ['propose ideas', 'support proposals', 'comment and suggest changes', 'vote'])
      await samira.page.getByLabel(activity).check();
    await samira.page.getByLabel('Engagement').check();
    await follow(samira.page, () => samira.page.getByRole('button', { name: 'Add the phase' }).click());
    assert.match(await banner(samira.page), /Phase added/);
    assert.match(await samira.page.locator('main').innerText(), /How much say you have: Engagement \(doing for\)/);

    await follow(samira.page, () => samira.page.getByRole('link', { name: 'Add a decision' }).click());
    await samira.page.getByLabel('Name of the decision').fill('Choose two for the path');
    await samira.page.getByLabel('Approval vote').check();
    await samira.page.getByLabel('Voting phase').selectOption({ label: 'Ideas and vote' });
    await samira.page.getByLabel('Most proposals each person may pick').fill('2');
    await samira.page.getByLabel('Number of proposals adopted').fill('2');
    await follow(samira.page, () => samira.page.getByRole('button', { name: 'Add the decision' }).click());
    assert.match(await banner(samira.page), /Decision added/);
    const decisionUrl = samira.page.url();

    // Marcus has already proposed.
    const place = await kith.db.kysely
      .selectFrom('places')
      .select('id')
      .where('slug', '=', 'calderbrook')
      .executeTakeFirstOrThrow();
    const marcus = (await findPersonByEmail(kith.db.kysely, 'organiser@calderbrook.example'))!;
    await propose(kith, {
      placeId: place.id,
      personId: marcus.id,
      processId,
      proposal: { title: 'Lights on the towpath', body: 'Low lights from the lock to the bridge.', area: 'Towpath' },
    });

    // Edna, on her phone with no JavaScript, proposes.
    await signIn(edna.page, 'resident@calderbrook.example');
    await visit(edna.page, new URL(processUrl).pathname);
    await assertFitsWidth(edna.page);
    assert.match(
      await edna.page.locator('main').innerText(),
      /What you can do: propose ideas, support proposals, comment and suggest changes, vote/,
    );
    await follow(edna.page, () => edna.page.getByRole('link', { name: 'Make a proposal' }).click());
    await follow(edna.page, () => edna.page.getByRole('button', { name: 'Send the proposal' }).click());
    assert.match(await edna.page.locator('.govuk-error-summary').innerText(), /Enter your proposal in a few words/);
    await assertFitsWidth(edna.page);
    await edna.page.getByLabel('Your proposal in a few words').fill('Benches by the lock');
    await edna.page
      .getByLabel('What you propose, and why')
      .fill('Two benches by the lock gates, for people who need a rest.');
    await edna.page.getByLabel('Area').fill('Lock 4');
    await follow(edna.page, () => edna.page.getByRole('button', { name: 'Send the proposal' }).click());
    assert.match(await banner(edna.page), /Your proposal is published/);
    await assertFitsWidth(edna.page);
    const ednaProposal = edna.page.url();

    // Marcus suggests a change; Edna accepts it.
    await suggestAmendment(kith, {
      placeId: place.id,
      personId: marcus.id,
      proposalId: ednaProposal.split('/').pop()!,
      body: 'Two benches by the lock gates, with arms, for people who need a rest.',
    });
    await visit(edna.page, new URL(ednaProposal).pathname);
    await follow(edna.page, () => edna.page.getByRole('button', { name: 'Accept this change' }).click());
    assert.match(await banner(edna.page), /The change is accepted/);
    assert.match(await edna.page.locator('main').innerText(), /with arms, for people who need a rest/);
    await assertFitsWidth(edna.page);

    // She supports Marcus's proposal and votes for both.
    await visit(edna.page, new URL(processUrl).pathname);
    await follow(edna.page, () => edna.page.getByRole('link', { name: 'Lights on the towpath' }).click());
    await follow(edna.page, () => edna.page.getByRole('button', { name: 'Support this proposal' }).click());
    assert.match(await banner(edna.page), /You support this proposal/);
    assert.match(await edna.page.locator('main').innerText(), /1 support/);
    await assertFitsWidth(edna.page);
    await visit(edna.page, new URL(decisionUrl).pathname);
    await edna.page.getByLabel('Benches by the lock').check();
    await edna.page.getByLabel('Lights on the towpath').check();
    await follow(edna.page, () => edna.page.getByRole('button', { name: 'Cast your vote' }).click());
    assert.match(await banner(edna.page), /Your vote is counted/);
    await assertFitsWidth(edna.page);

    // Samira's team places itself on the ladder.
    await visit(samira.page, '/places/calderbrook/participation/ladder');
    await samira.page.getByLabel('Service or team').fill('Canal and Rivers Team');
    const answers = [
      'Mostly',
      'A little',
      'A little',
      'Not at all',
      'A little',
      'A little',
      'Fully',
      'Mostly',
      'A little',
      'Not at all',
    ];
    const groups = samira.page.locator('fieldset');
    for (const [i, answer] of answers.entries()) await groups.nth(i).getByLabel(answer, { exact: true }).check();
    await follow(samira.page, () => samira.page.getByRole('button', { name: 'See where we are' }).click());
    const result = await samira.page.locator('main').innerText();
    assert.match(result, /Engagement/);
    assert.match(result, /What to try next/);
    assert.deepEqual([...samira.consoleErrors, ...edna.consoleErrors], []);
  });
});
