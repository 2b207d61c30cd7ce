/**
 * Participation in the browser: Samira, a council officer, opens "Ideas for the canal
 * path" with one phase open now for proposing, supporting, comments and voting (it
 * claims engagement), and an approval vote on it. Edna, a resident on a 320px phone with
 * JavaScript off, proposes, accepts a change a neighbour suggested, supports Marcus's
 * proposal and votes for two. The vote closes; Samira publishes the result and posts
 * progress on Edna's adopted proposal, which reaches Edna by email. Edna suggests an
 * outcome for a draft outcomes framework and Samira adopts it. Samira then answers the
 * ladder self-assessment for her team and sees its rung. Every page is checked with axe.
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
  test('a process is opened, three residents propose, a change is accepted, supports and votes close into a result with progress emailed, a resident’s outcome reaches the framework, and a team places itself on the ladder', async () => {
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
    // So has Yusuf, a newcomer to the town.
    const yusuf = (await findPersonByEmail(kith.db.kysely, 'yusuf@calderbrook.example'))!;
    await propose(kith, {
      placeId: place.id,
      personId: yusuf.id,
      processId,
      proposal: { title: 'Bins along the path', body: 'More bins between the two bridges.', area: 'Towpath' },
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

    // The vote closes (the clock is moved on: the phase ended a minute ago); Samira counts
    // and publishes, and the two proposals with votes are adopted.
    await kith.db.kysely
      .updateTable('participation_phases')
      .set({ closes_at: new Date(Date.now() - 60_000).toISOString() })
      .where('process_id', '=', processId)
      .execute();
    await visit(samira.page, new URL(decisionUrl).pathname);
    await follow(samira.page, () => samira.page.getByRole('button', { name: 'Count and publish the result' }).click());
    assert.match(await banner(samira.page), /The result is published/);
    const result = await samira.page.locator('main').innerText();
    assert.match(result, /Benches by the lock[\s\S]*Adopted/, 'Edna’s proposal is adopted');
    assert.match(result, /Bins along the path[\s\S]*Not taken forward/, 'Yusuf’s, with no votes, is not');

    // Samira says what has happened on Edna's; Edna, its author, hears by email.
    await visit(samira.page, new URL(ednaProposal).pathname);
    await samira.page.getByLabel('Under way').check();
    await samira.page.getByLabel('What has happened').fill('The benches are ordered and go in next month.');
    await follow(samira.page, () => samira.page.getByRole('button', { name: 'Post the update' }).click());
    assert.match(await banner(samira.page), /The update is posted and emailed/);
    const ednaPerson = (await findPersonByEmail(kith.db.kysely, 'resident@calderbrook.example'))!;
    let news: string | undefined;
    for (let i = 0; i < 100 && !news; i++) {
      const mail = await kith.db.kysely
        .selectFrom('dev_mail')
        .select('text_body')
        .where('person_id', '=', ednaPerson.id)
        .where('subject', '=', 'News of “Benches by the lock”')
        .executeTakeFirst();
      news = mail?.text_body;
      if (!news) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.match(news ?? '', /The benches are ordered and go in next month/, 'the update reached Edna’s inbox');
    await visit(edna.page, new URL(ednaProposal).pathname);
    assert.match(await edna.page.locator('main').innerText(), /Under way[\s\S]*The benches are ordered/);
    await assertFitsWidth(edna.page);

    // Edna suggests an outcome for the draft "Active together" framework; Samira adopts it, in Edna's name.
    const draft = await kith.db.kysely
      .selectFrom('outcomes_frameworks')
      .select('id')
      .where('place_id', '=', place.id)
      .where('title', '=', 'Active together: what should change')
      .executeTakeFirstOrThrow();
    const frameworkPath = `/places/calderbrook/outcomes/frameworks/${draft.id}`;
    await visit(edna.page, frameworkPath);
    await edna.page.locator('summary', { hasText: 'Suggest an outcome' }).click();
    await edna.page.getByLabel('The outcome you suggest').fill('People who walk together keep in touch between walks');
    await follow(edna.page, () => edna.page.getByRole('button', { name: 'Send your suggestion' }).click());
    assert.match(await banner(edna.page), /your suggestion is on the framework/);
    await assertFitsWidth(edna.page);
    await visit(samira.page, frameworkPath);
    await follow(samira.page, () =>
      samira.page
        .getByRole('button', { name: 'Adopt the suggestion “People who walk together keep in touch between walks”' })
        .click(),
    );
    assert.match(await banner(samira.page), /now part of the framework, in its author’s name/);
    await visit(edna.page, frameworkPath);
    assert.match(
      await edna.page.locator('main').innerText(),
      /People who walk together keep in touch between walks/,
      'the outcome Edna proposed is in the framework',
    );

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
    const rung = await samira.page.locator('main').innerText();
    assert.match(rung, /Engagement/);
    assert.match(rung, /What to try next/);
    assert.deepEqual([...samira.consoleErrors, ...edna.consoleErrors], []);
  });
});
