import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { assertFitsWidth, follow, signIn, startJourney, visit, type Journey } from './harness.js';

let journey: Journey;
before(async () => {
  journey = await startJourney();
});
after(() => journey?.close());

describe('the place in figures', () => {
  test('with JavaScript off on a 320px screen, an officer opens a figure from the place’s home and finds the same number on the report it comes from', async () => {
    const { page, context, consoleErrors } = await journey.context({
      javaScriptEnabled: false,
      viewport: { width: 320, height: 640 },
    });
    await signIn(page, 'officer@calderbrook.example');
    await visit(page, '/places/calderbrook');
    await follow(page, () => page.getByRole('link', { name: 'The place in figures' }).click());
    await assertFitsWidth(page);
    assert.match(await page.locator('h1').innerText(), /Calderbrook in figures/);
    const headline = page.getByRole('row', { name: /Check-ins at sessions/ });
    const onHome = (await headline.getByRole('cell').first().innerText()).trim();
    await follow(page, () => headline.getByRole('link').click());
    await assertFitsWidth(page);
    assert.equal((await page.locator('[data-figure-total]').innerText()).trim(), onHome);
    assert.match(await page.locator('main').innerText(), /Times people checked in/);
    await follow(page, () => page.getByRole('link', { name: 'See where this figure comes from' }).click());
    const report = await page.locator('main').innerText();
    assert.match(report, new RegExp(`Check-ins\\s+${onHome.replace(/,/g, ',?')}\\b`));

    // People taking part: the breakdown by part of Kith, small counts held back.
    await visit(page, '/places/calderbrook/insight/figures/insight.peopleTakingPart');
    await assertFitsWidth(page);
    assert.match(await page.locator('main').innerText(), /fewer than 5/);
    assert.deepEqual(consoleErrors, []);
    await context.close();
  });

  test('with JavaScript off on a 320px screen, a resident answers two equality questions and leaves the rest', async () => {
    const { page, context, consoleErrors } = await journey.context({
      javaScriptEnabled: false,
      viewport: { width: 320, height: 640 },
    });
    await signIn(page, 'resident@calderbrook.example');
    await visit(page, '/places/calderbrook');
    await follow(page, () => page.getByRole('link', { name: 'Equality questions (optional)' }).click());
    await assertFitsWidth(page);
    await page.getByRole('group', { name: 'Can you speak Welsh?' }).getByLabel('Yes').check();
    await page.getByLabel('Prefer not to say').first().check();
    await follow(page, () => page.getByRole('button', { name: 'Save my answers' }).click());
    assert.match(await page.locator('.govuk-notification-banner').innerText(), /Your answers are saved/);
    assert.ok(await page.getByRole('group', { name: 'Can you speak Welsh?' }).getByLabel('Yes').isChecked());
    await follow(page, () => page.getByRole('button', { name: 'Remove my answers' }).click());
    assert.match(await page.locator('.govuk-notification-banner').innerText(), /Your answers are removed/);
    assert.deepEqual(consoleErrors, []);
    await context.close();
  });
});
