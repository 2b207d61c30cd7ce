import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { assertAccessible, signIn, startJourney, visit, type Journey } from './harness.js';

let journey: Journey;
before(async () => {
  journey = await startJourney();
});
after(() => journey?.close());

describe('an admin of a place', () => {
  test('gives a resident the organiser role, and the resident sees it', async () => {
    const { page, context, consoleErrors } = await journey.context();
    await signIn(page, 'admin@calderbrook.example');
    assert.equal(new URL(page.url()).pathname, '/places/calderbrook');
    await page.getByRole('link', { name: 'Members and roles' }).click();
    await page.waitForLoadState();
    await assertAccessible(page);

    await page.getByLabel('Name or email address').fill('Harold');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForLoadState();
    await assertAccessible(page);
    await page.getByRole('link', { name: 'Change roles – Harold Whitfield' }).click();
    await page.waitForLoadState();
    await assertAccessible(page);
    assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Harold Whitfield');
    assert.ok(await page.getByLabel('Resident').isChecked());

    await page.getByLabel('Organiser').check();
    await page.getByRole('button', { name: 'Save roles' }).click();
    await page.waitForLoadState();
    await assertAccessible(page);
    assert.match(await page.locator('.govuk-notification-banner').innerText(), /Roles saved/);
    assert.match(
      await page.locator('tr', { hasText: 'Harold Whitfield' }).innerText(),
      /Resident, Organiser|Organiser, Resident/,
    );

    await page.getByRole('link', { name: 'See the audit log' }).click();
    await page.waitForLoadState();
    await assertAccessible(page);
    assert.match(
      await page.locator('tbody tr').first().innerText(),
      /Priya Shah\s+Gave the role: Organiser\s+Harold Whitfield/,
    );

    // Taking away the last admin role is refused, with the reason beside the checkboxes.
    await visit(page, '/places/calderbrook/admin/members?q=Priya');
    await page.getByRole('link', { name: 'Change roles – Priya Shah' }).click();
    await page.waitForLoadState();
    await page.getByLabel('Admin', { exact: true }).uncheck();
    await page.getByRole('button', { name: 'Save roles' }).click();
    await page.waitForLoadState();
    await assertAccessible(page);
    assert.match(await page.locator('#roles-error').innerText(), /A place must always have an admin/);
    assert.deepEqual(consoleErrors, []);
    await context.close();

    const harold = await journey.context();
    await signIn(harold.page, 'harold@calderbrook.example');
    await visit(harold.page, '/account');
    assert.match(
      await harold.page.locator('main').innerText(),
      /Calderbrook: (Resident, Organiser|Organiser, Resident)/,
    );
    assert.deepEqual(harold.consoleErrors, []);
    await harold.context.close();
  });

  test('is the only one who can see the members page', async () => {
    const { page, context } = await journey.context();
    await signIn(page, 'resident@calderbrook.example');
    const response = await page.goto('/places/calderbrook/admin/members');
    assert.equal(response?.status(), 403);
    await assertAccessible(page);
    assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'You cannot see this page');
    await context.close();
  });
});
