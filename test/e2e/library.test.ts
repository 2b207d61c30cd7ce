import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
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

describe('the learning library', () => {
  test('with JavaScript off on a 320px screen: “time credits” finds Spice and what did not work, and the directory explains “co-production” in place', async () => {
    const { page, context, consoleErrors } = await journey.context({
      javaScriptEnabled: false,
      viewport: { width: 320, height: 640 },
    });
    await visit(page, '/places/calderbrook/library');
    await assertFitsWidth(page);
    await page.getByLabel('Search words').fill('time credits');
    await follow(page, () => page.getByRole('button', { name: 'Search the library' }).click());
    await assertFitsWidth(page);
    await follow(page, () => page.getByRole('link', { name: /Spice Time Credits/ }).click());
    await assertFitsWidth(page);
    const main = await page.locator('main').innerText();
    assert.match(main, /What did not work, and why[\s\S]*disastrous/);
    assert.match(main, /Findings from practitioners/);

    await visit(page, '/places/calderbrook/activities');
    await assertFitsWidth(page);
    // The typology's checkboxes are in a details element; the explanation is another, inside it.
    await page.locator('summary', { hasText: 'Ways of taking part' }).click();
    const explanation = page.locator('details[data-term="co-production"]');
    assert.equal(await explanation.count(), 1);
    assert.ok(!(await explanation.getByText(/sharing power/).isVisible()));
    await explanation.locator('summary').click();
    assert.ok(await explanation.getByText(/sharing power/).isVisible());
    await assertAccessible(page);
    await assertFitsWidth(page);
    await follow(page, () => explanation.getByRole('link', { name: /in the glossary/ }).click());
    assert.match(await page.locator('h1').innerText(), /Co-production/);
    assert.deepEqual(consoleErrors, []);
    await context.close();
  });

  test('an organiser submits a case study that an admin publishes', async () => {
    const organiser = await journey.context();
    const page = organiser.page;
    await signIn(page, 'organiser@calderbrook.example');
    await visit(page, '/places/calderbrook/library');
    await follow(page, () => page.getByRole('link', { name: 'Add a case study' }).click());
    await page.getByLabel('Title').fill('Street suppers on Hebble Row');
    await follow(page, () => page.getByRole('button', { name: 'Save case study' }).click());
    assert.ok(await page.locator('.govuk-error-summary').isVisible());
    assert.ok(await page.locator('#whatDidNot-error').isVisible());
    await page.getByLabel('Where it happened').fill('Hebden Bridge');
    await page.getByLabel('Area').selectOption({ label: 'Yorkshire and the Humber' });
    await page.getByLabel('Befriending and helping').check();
    await page.getByLabel('In a sentence or two').fill('Neighbours cook for each other once a month.');
    await page.getByLabel('What was tried').fill('A monthly supper in a different house.');
    await page.getByLabel('Who took part').fill('Twenty neighbours on one street.');
    await page.getByLabel('What worked', { exact: true }).fill('People met neighbours they had never spoken to.');
    await page.getByLabel('What did not work, and why').fill('Hosts burnt out by month four: share the cooking.');
    await page.getByLabel('Roughly what it cost').selectOption({ label: 'Under £10,000' });
    await page.getByLabel(/Level 1:/).check();
    await follow(page, () => page.getByRole('button', { name: 'Save case study' }).click());
    assert.match(await banner(page), /an admin will review/);
    const caseUrl = page.url();

    const admin = await journey.context();
    await signIn(admin.page, 'admin@calderbrook.example');
    await visit(admin.page, '/places/calderbrook/library/moderation');
    await follow(admin.page, () => admin.page.getByRole('link', { name: 'Street suppers on Hebble Row' }).click());
    await admin.page.getByLabel('Publish it').check();
    await follow(admin.page, () => admin.page.getByRole('button', { name: 'Save decision' }).click());
    assert.match(await banner(admin.page), /published/);

    const visitor = await journey.context();
    await visit(visitor.page, caseUrl);
    assert.match(await visitor.page.locator('main').innerText(), /Hosts burnt out by month four/);
    assert.deepEqual([...organiser.consoleErrors, ...admin.consoleErrors, ...visitor.consoleErrors], []);
    await Promise.all([organiser.context.close(), admin.context.close(), visitor.context.close()]);
  });
});
