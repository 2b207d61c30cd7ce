/**
 * Outcomes in the browser: Edna, a resident on a 320px phone with JavaScript off,
 * checks in at the health walk (sending it unanswered first is explained beside each
 * question, and a second check-in the same day is refused); Samira, an officer, on the
 * same small screen, opens the report for commissioners, asks for a period that ends
 * before it starts, and then reads the report. Every page is checked with axe.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { assertFitsWidth, banner, follow, signIn, startJourney, visit, type Journey } from './harness.js';

let journey: Journey;
before(async () => {
  journey = await startJourney();
});
after(() => journey?.close());

const phone = { javaScriptEnabled: false, viewport: { width: 320, height: 640 } } as const;

describe('outcomes', () => {
  test('a resident checks in at an activity once a day, and an officer reads the report for commissioners', async () => {
    const db = journey.kith.kith.db.kysely;
    const place = await db
      .selectFrom('places')
      .select('id')
      .where('slug', '=', 'calderbrook')
      .executeTakeFirstOrThrow();
    // The health walk the place's published framework is linked to (other groups run walks too).
    const walk = await db
      .selectFrom('directory_activities')
      .innerJoin('outcomes_links', 'outcomes_links.target_id', 'directory_activities.id')
      .select('directory_activities.id')
      .where('directory_activities.place_id', '=', place.id)
      .where('directory_activities.name', '=', 'Health walk')
      .where('outcomes_links.target_kind', '=', 'activity')
      .executeTakeFirstOrThrow();
    const edna = await journey.context(phone);
    const samira = await journey.context(phone);

    await signIn(edna.page, 'resident@calderbrook.example');
    await visit(edna.page, `/places/calderbrook/check-in/${walk.id}`);
    assert.match(await edna.page.locator('h1').innerText(), /Check in: Health walk/);
    assert.match(await edna.page.locator('main').innerText(), /Today I talked with someone I had not met before/);
    await assertFitsWidth(edna.page);
    const questions = await edna.page.locator('form fieldset').count();
    assert.ok(questions >= 1);
    await follow(edna.page, () => edna.page.getByRole('button', { name: 'Send' }).click());
    const summary = await edna.page.locator('.govuk-error-summary').innerText();
    assert.equal(summary.match(/Choose an answer/g)?.length, questions, 'each question unanswered is named once');
    await assertFitsWidth(edna.page);
    for (let i = 0; i < questions; i++)
      await edna.page.locator('form fieldset').nth(i).getByLabel('4', { exact: true }).check();
    await follow(edna.page, () => edna.page.getByRole('button', { name: 'Send' }).click());
    assert.match(await banner(edna.page), /Thank you\. Your check-in is counted\./);
    for (let i = 0; i < questions; i++)
      await edna.page.locator('form fieldset').nth(i).getByLabel('3', { exact: true }).check();
    await follow(edna.page, () => edna.page.getByRole('button', { name: 'Send' }).click());
    assert.match(await edna.page.locator('main').innerText(), /You have already checked in for today’s session/);

    // Samira reads the report, after one period that ends before it starts.
    await signIn(samira.page, 'officer@calderbrook.example');
    await visit(samira.page, '/places/calderbrook');
    await follow(samira.page, () => samira.page.getByRole('link', { name: 'Reports for commissioners' }).click());
    await assertFitsWidth(samira.page);
    const to = samira.page.getByRole('group', { name: 'To', exact: true });
    const from = samira.page.getByRole('group', { name: 'From', exact: true });
    await from.getByLabel('Day').fill('1');
    await from.getByLabel('Month').fill('6');
    await from.getByLabel('Year').fill('2026');
    await to.getByLabel('Day').fill('1');
    await to.getByLabel('Month').fill('1');
    await to.getByLabel('Year').fill('2026');
    await follow(samira.page, () => samira.page.getByRole('button', { name: 'Show the report' }).click());
    assert.match(
      await samira.page.locator('.govuk-error-summary').innerText(),
      /The end date must be on or after the start date/,
    );
    await to.getByLabel('Month').fill('12');
    await follow(samira.page, () => samira.page.getByRole('button', { name: 'Show the report' }).click());
    assert.match(await samira.page.locator('h1').innerText(), /Impact report: Calderbrook/);
    const report = await samira.page.locator('main').innerText();
    assert.match(report, /Meets someone new each week/);
    assert.ok(!/Edna Price/.test(report), 'nobody is named in a report');
    assert.ok((await samira.page.locator('svg[role="img"]').count()) >= 1, 'the charts are described images');
    await assertFitsWidth(samira.page);

    assert.deepEqual([...edna.consoleErrors, ...samira.consoleErrors], []);
  });
});
