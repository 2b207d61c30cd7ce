/**
 * The journey, in the browser: an officer opens a round decided by a panel
 * shortlist then a vote; an informal group applies through a host (JavaScript off, on a
 * 320px phone); a young resident on the panel declares a conflict on one application and
 * scores the other; three residents vote (one with JavaScript off at 320px); the vote
 * closes and the results publish; the award is accepted; the monitoring form is sent; the
 * 360Giving file downloads. Every page is checked with axe.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { addDays, todayInPlace } from '../../src/platform/dates.js';
import { findPersonByEmail } from '../../src/modules/people/index.js';
import { addToPanel, createRound, shortlist, startApplication } from '../../src/modules/grants/index.js';
import {
  assertAccessible,
  assertFitsWidth,
  banner,
  follow,
  signIn,
  startJourney,
  visit,
  type Journey,
} from './harness.js';

let journey: Journey;
before(async () => {
  journey = await startJourney();
});
after(() => journey?.close());

async function fillDate(page: Page, group: string, iso: string) {
  const [year, month, day] = iso.split('-');
  const fieldset = page.getByRole('group', { name: group, exact: true });
  await fieldset.getByLabel('Day').fill(String(Number(day)));
  await fieldset.getByLabel('Month').fill(String(Number(month)));
  await fieldset.getByLabel('Year').fill(year!);
}

describe('small grants', () => {
  test('a round with a shortlist and a vote: apply through a host, declare and score, vote, publish, accept, report back, download the open data', async () => {
    const { kith } = journey.kith;
    const db = kith.db.kysely;
    const today = todayInPlace();
    const samira = await journey.context();
    const edna = await journey.context({ javaScriptEnabled: false, viewport: { width: 320, height: 640 } });
    const kemi = await journey.context();

    // Samira, an officer, opens a round decided by a panel shortlist and then a vote.
    await signIn(samira.page, 'officer@calderbrook.example');
    await visit(samira.page, '/places/calderbrook/grants');
    await follow(samira.page, () => samira.page.getByRole('link', { name: 'The fund' }).first().click());
    await follow(samira.page, () => samira.page.getByRole('link', { name: 'Open a round' }).click());
    await follow(samira.page, () => samira.page.getByRole('button', { name: 'Create the round' }).click());
    assert.match(await samira.page.locator('.govuk-error-summary').innerText(), /Enter the name of the round/);
    await samira.page.getByLabel('Name of the round').fill('Young people’s choice');
    await samira.page.getByLabel('What it is for').fill('Projects for and by young people, chosen by young people.');
    await samira.page.getByLabel('Budget', { exact: true }).fill('3,000');
    await samira.page.getByLabel('Smallest grant').fill('200');
    await samira.page.getByLabel('Largest grant').fill('1,000');
    await samira.page.getByLabel('Area', { exact: true }).fill('Calderbrook');
    await fillDate(samira.page, 'Applications open', today);
    await fillDate(samira.page, 'Applications close', addDays(today, 14));
    await samira.page.getByLabel('A panel shortlist, then a vote of residents').check();
    await fillDate(samira.page, 'Voting opens', addDays(today, 21));
    await fillDate(samira.page, 'Voting closes', addDays(today, 28));
    await follow(samira.page, () => samira.page.getByRole('button', { name: 'Create the round' }).click());
    assert.match(await banner(samira.page), /The round was created/);
    const roundUrl = new URL(samira.page.url()).pathname.replace(/\/manage$/, '');

    // Edna applies for her knitting group, with the community centre as its host: no JavaScript, a small phone.
    await signIn(edna.page, 'resident@calderbrook.example');
    await visit(edna.page, roundUrl);
    await assertFitsWidth(edna.page);
    await follow(edna.page, () => edna.page.getByRole('link', { name: 'Apply for a grant' }).click());
    await edna.page.getByLabel('An informal group, with a host organisation').check();
    await edna.page.getByLabel('Name of your group').fill('Hebble Bridge Knit and Natter');
    await follow(edna.page, () => edna.page.getByRole('button', { name: 'Save and come back later' }).click());
    assert.match(await banner(edna.page), /Your application was saved/);
    assert.match(await edna.page.locator('#missing').innerText(), /Enter the host organisation/);
    await edna.page.getByLabel('Host organisation’s name').fill('Hebble Bridge Community Centre');
    await edna.page.getByLabel('Host’s company number, if it has one').fill('04567890');
    await edna.page.getByLabel('Name of your project').fill('Knitting for the youth club');
    await edna.page
      .getByLabel('Your project in a few sentences')
      .fill('Older and younger neighbours knit blankets together.');
    await edna.page.getByLabel('What will you do, and who will take part?').fill('Weekly sessions at the youth club.');
    await edna.page.getByLabel('How will residents be involved?').fill('Young people choose the patterns.');
    await edna.page.getByLabel('Item 1', { exact: true }).fill('Wool and needles');
    await edna.page.getByLabel('Cost of item 1').fill('350');
    await follow(edna.page, () => edna.page.getByRole('button', { name: 'Submit the application' }).click());
    assert.match(await banner(edna.page), /Your application was submitted/);
    await assertFitsWidth(edna.page);
    const roundId = roundUrl.split('/').pop()!;
    const place = (
      await db.selectFrom('places').select('id').where('slug', '=', 'calderbrook').executeTakeFirstOrThrow()
    ).id;
    const tom = (await findPersonByEmail(db, 'organiser@calderbrook.example'))!;
    const kemiPerson = (await findPersonByEmail(db, 'kemi@calderbrook.example'))!;
    const fields = {
      applicantKind: 'constituted' as const,
      groupName: 'Friends of Calder Park',
      charityNumber: '1100123',
      companyNumber: '',
      hostName: '',
      hostCharityNumber: '',
      hostCompanyNumber: '',
      projectTitle: 'Bug hotels in the park',
      summary: 'Children build bug hotels',
      budgetLines: [{ item: 'Timber', pence: 40_000 }],
      amountPence: 40_000,
      answers: {},
    };
    const questions = await db.selectFrom('grant_questions').select('id').where('round_id', '=', roundId).execute();
    await startApplication(kith, {
      placeId: place,
      personId: tom.id,
      roundId,
      action: 'submit',
      fields: { ...fields, answers: Object.fromEntries(questions.map((q) => [q.id, 'Every Saturday'])) },
    });

    // Samira puts Kemi, a young resident, on the panel.
    await visit(samira.page, `${roundUrl}/manage`);
    await samira.page.getByLabel('Email address of a resident or officer').fill('kemi@calderbrook.example');
    await follow(samira.page, () => samira.page.getByRole('button', { name: 'Add to the panel' }).click());
    assert.match(await banner(samira.page), /added to the panel/);

    // Kemi declares a conflict on the park (her sister runs it) and scores Edna's group.
    await signIn(kemi.page, 'kemi@calderbrook.example');
    await visit(kemi.page, `${roundUrl}/review`);
    await follow(kemi.page, () => kemi.page.getByRole('link', { name: 'Bug hotels in the park' }).click());
    await kemi.page
      .getByRole('group', { name: /conflict of interest with this application/ })
      .getByLabel('Yes')
      .check();
    await kemi.page.getByLabel('Anything the panel should know').fill('My sister runs the Friends');
    await follow(kemi.page, () => kemi.page.getByRole('button', { name: 'Save the declaration' }).click());
    assert.match(await kemi.page.locator('main').innerText(), /you do not score this application/);
    await visit(kemi.page, `${roundUrl}/review`);
    await follow(kemi.page, () => kemi.page.getByRole('link', { name: 'Knitting for the youth club' }).click());
    await kemi.page
      .getByRole('group', { name: /conflict of interest with this application/ })
      .getByLabel('No')
      .check();
    await follow(kemi.page, () => kemi.page.getByRole('button', { name: 'Save the declaration' }).click());
    for (const [criterion, score] of [
      ['Benefits local people', '5'],
      ['Involves residents in running it', '4'],
      ['Good value for money', '4'],
    ] as const)
      await kemi.page
        .getByRole('group', { name: new RegExp(`^${criterion}`) })
        .getByLabel(score, { exact: true })
        .check();
    await follow(kemi.page, () => kemi.page.getByRole('button', { name: 'Save my scores' }).click());
    assert.match(await banner(kemi.page), /Your scores were saved/);
    await visit(samira.page, `${roundUrl}/manage`);
    assert.match(await samira.page.locator('main').innerText(), /Knitting for the youth club[\s\S]*90%/);

    // The shortlist goes to a vote. (The applications close and the vote opens: the clock is moved on.)
    for (const a of await db.selectFrom('grant_applications').select('id').where('round_id', '=', roundId).execute())
      await shortlist(kith, { placeId: place, personId: kemiPerson.id, applicationId: a.id, on: true });
    const past = new Date(Date.now() - 86_400_000).toISOString();
    await db
      .updateTable('grant_rounds')
      .set({ opens_at: past, closes_at: past, vote_opens_at: past })
      .where('id', '=', roundId)
      .execute();
    void addToPanel;
    void createRound;

    // Three residents vote; Edna with no JavaScript on her phone.
    for (const [who, context] of [
      ['resident@calderbrook.example', edna],
      ['maureen@calderbrook.example', await journey.context()],
      ['yusuf@calderbrook.example', await journey.context()],
    ] as const) {
      if (who !== 'resident@calderbrook.example') await signIn(context.page, who);
      await visit(context.page, roundUrl);
      await follow(context.page, () => context.page.getByRole('link', { name: 'Vote for projects' }).click());
      await context.page.getByLabel(/Knitting for the youth club/).check();
      if (who === 'yusuf@calderbrook.example') await context.page.getByLabel(/Bug hotels in the park/).check();
      await follow(context.page, () => context.page.getByRole('button', { name: 'Cast my vote' }).click());
      assert.match(await banner(context.page), /Your vote was cast/);
      if (who === 'resident@calderbrook.example') await assertFitsWidth(context.page);
    }

    // The vote closes; Samira counts and publishes.
    await db
      .updateTable('grant_rounds')
      .set({ vote_closes_at: new Date(Date.now() - 1000).toISOString() })
      .where('id', '=', roundId)
      .execute();
    await visit(samira.page, `${roundUrl}/manage`);
    await follow(samira.page, () =>
      samira.page.getByRole('button', { name: 'Count the votes and publish the results' }).click(),
    );
    assert.match(await banner(samira.page), /The results were published/);
    assert.match(
      await samira.page.locator('main').innerText(),
      /3 residents voted\.[\s\S]*Knitting for the youth club\s+3\s+£350\s+Funded[\s\S]*Bug hotels in the park\s+1\s+£400\s+Funded/,
    );

    // Edna accepts the grant, and later tells how it went.
    await visit(edna.page, '/places/calderbrook/grants/mine');
    await follow(edna.page, () =>
      edna.page
        .getByRole('button', { name: /Accept the grant and its conditions.*Knitting for the youth club/ })
        .click(),
    );
    assert.match(await banner(edna.page), /You accepted the grant/);
    await follow(edna.page, () =>
      edna.page.getByRole('link', { name: /Tell us how the project went.*Knitting for the youth club/ }).click(),
    );
    await edna.page.getByLabel('What happened?').fill('Twelve blankets went to the hospice.');
    await edna.page.getByLabel('About how many people took part or benefited?').fill('24');
    await follow(edna.page, () => edna.page.getByRole('button', { name: 'Send' }).click());
    assert.match(await banner(edna.page), /Thank you for telling us how it went/);
    await assertFitsWidth(edna.page);

    // Anyone downloads the 360Giving data.
    const visitor = await journey.context();
    await visit(visitor.page, '/places/calderbrook/grants');
    const [download] = await Promise.all([
      visitor.page.waitForEvent('download'),
      visitor.page.getByRole('link', { name: 'Download the grants as 360Giving JSON' }).click(),
    ]);
    const data = JSON.parse(readFileSync((await download.path())!, 'utf8')) as {
      grants: Array<{ title: string; recipientOrganization?: Array<{ id: string }> }>;
    };
    const knitting = data.grants.find((g) => g.title === 'Knitting for the youth club')!;
    assert.equal(knitting.recipientOrganization![0]!.id, 'GB-COH-04567890');
    await assertAccessible(visitor.page);
    for (const c of [samira, edna, kemi, visitor]) assert.deepEqual(c.consoleErrors, []);
  });
});
