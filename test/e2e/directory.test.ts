import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { assertAccessible, assertFitsWidth, signIn, startJourney, visit, type Journey } from './harness.js';

let journey: Journey;
before(async () => {
  journey = await startJourney();
});
after(() => journey?.close());

/** The search a newcomer makes: free, Tuesday morning, older people, within 2 miles of a postcode. */
async function searchTuesdayMorning(page: Page) {
  await visit(page, '/places/calderbrook/activities');
  await page.getByLabel('Postcode').fill('kl1 1aa');
  await page.getByLabel('Within').selectOption('2');
  await page.getByRole('group', { name: 'Days' }).getByLabel('Tuesday').check();
  await page.getByLabel('Morning (before 12pm)').check();
  await page.getByLabel('Free only').check();
  // The vocabularies are in details elements: open the one about needs without JavaScript too.
  await page.locator('summary', { hasText: 'Needs and interests' }).click();
  await page.getByLabel('Older people').check();
  await page.getByRole('button', { name: 'Search' }).click();
  await page.waitForLoadState();
  await assertAccessible(page);
}

describe('finding activities', () => {
  test('search by postcode and see the list, then the map, with no tile requests for the list', async () => {
    const { page, context, consoleErrors } = await journey.context();
    const tiles: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(journey.url)) tiles.push(r.url());
    });
    await visit(page, '/');
    await page.getByRole('link', { name: 'Find activities' }).first().click();
    await page.waitForLoadState();
    await assertAccessible(page);
    await searchTuesdayMorning(page);
    assert.ok(await page.getByRole('link', { name: 'Tuesday tea and chat' }).isVisible());
    assert.deepEqual(tiles, []);

    await page.getByRole('link', { name: 'Show these results on a map' }).click();
    await page.waitForLoadState();
    await page.locator('#kith-map .leaflet-interactive').first().waitFor();
    await assertAccessible(page);
    assert.ok((await page.locator('#kith-map path').count()) >= 1, 'the postcode is marked');
    assert.ok((await page.locator('#kith-map .kith-map__marker').count()) >= 1, 'and the result');
    assert.ok(await page.locator('#kith-map-nojs').isHidden());
    // By keyboard: a marker is a named button in the tab order, and Enter opens it.
    const marker = page.getByRole('button', { name: /Tuesday tea and chat/ });
    await marker.focus();
    await page.keyboard.press('Enter');
    await page.locator('.leaflet-popup a[href^="/places/calderbrook/activities/"]').waitFor({ timeout: 5000 });
    // The popup fades in: check it as it is once shown, not half-transparent over the map.
    await page.waitForFunction(() => getComputedStyle(document.querySelector('.leaflet-popup')!).opacity === '1');
    await assertAccessible(page);
    await page.locator('.leaflet-popup-close-button').click();
    await page.locator('#kith-map .kith-map__marker').first().click();
    await page.locator('.leaflet-popup a[href^="/places/calderbrook/activities/"]').waitFor({ timeout: 5000 });

    await page.getByRole('link', { name: 'Tuesday tea and chat' }).last().click();
    await page.waitForLoadState();
    await assertAccessible(page);
    assert.match(await page.locator('main').innerText(), /Next dates/);
    assert.deepEqual(tiles, []);
    assert.deepEqual(consoleErrors, []);
    await context.close();
  });

  test('the same search with JavaScript off on a 320px-wide screen', async () => {
    const { page, context, consoleErrors } = await journey.context({
      javaScriptEnabled: false,
      viewport: { width: 320, height: 640 },
    });
    await searchTuesdayMorning(page);
    await assertFitsWidth(page);
    const link = page.getByRole('link', { name: 'Tuesday tea and chat' });
    assert.ok(await link.isVisible());
    assert.match(await page.locator('main').innerText(), /Calderbrook Library, KL1 1AA \(0\.\d miles away\)/);
    await link.click();
    await page.waitForLoadState();
    await assertAccessible(page);
    await assertFitsWidth(page);
    assert.match(await page.locator('main').innerText(), /Add to your calendar/);
    await page.getByRole('link', { name: 'Back to search' }).click();
    await page.waitForLoadState();
    await page.goto('/places/calderbrook/activities?postcode=KL1+1AA&view=map');
    await assertAccessible(page);
    await assertFitsWidth(page);
    assert.ok(await page.getByText('The map needs JavaScript').isVisible());
    assert.deepEqual(consoleErrors, []);
    await context.close();
  });
});

describe('moderation', () => {
  test('organiser submits a listing, admin asks for changes, organiser fixes, admin publishes, resident finds it', async () => {
    const organiser = await journey.context();
    await signIn(organiser.page, 'organiser@calderbrook.example');
    await visit(organiser.page, '/places/calderbrook/directory');
    await organiser.page
      .getByRole('link', { name: /Add a listing/ })
      .first()
      .click();
    await organiser.page.waitForLoadState();
    await assertAccessible(organiser.page);
    // A mistake first: the summary and the messages beside the fields.
    await organiser.page.getByRole('button', { name: 'Save' }).click();
    await organiser.page.waitForLoadState();
    await assertAccessible(organiser.page);
    assert.ok(await organiser.page.locator('#name-error').isVisible());

    const p = organiser.page;
    await p.getByLabel('Name', { exact: true }).fill('Riverside poetry circle');
    await p.getByLabel('Description').fill('Reading and writing poems together over tea.');
    await p.getByLabel('How to join').fill('Just come along.');
    await p.getByLabel('Free', { exact: true }).check();
    await p.getByLabel('Name of the place').fill('Calderbrook Library');
    await p.getByLabel('Address').fill('2 Market Street');
    await p.getByLabel('Town or city').fill('Calderbrook');
    await p.getByLabel('Postcode').fill('KL1 1AA');
    await p.getByLabel('Every week').check();
    await p.getByLabel('Day of the week').selectOption({ label: 'Thursday' });
    await p.getByLabel('Starts at').fill('14:00');
    await p.getByLabel('Ends at').fill('15:30');
    await p.getByRole('button', { name: 'Save' }).click();
    await p.waitForLoadState();
    await assertAccessible(p);
    await p.getByRole('button', { name: 'Send to be checked' }).click();
    await p.waitForLoadState();
    await assertAccessible(p);
    const editUrl = p.url();

    const admin = await journey.context();
    await signIn(admin.page, 'admin@calderbrook.example');
    await visit(admin.page, '/places/calderbrook/directory/moderation');
    await admin.page.getByRole('link', { name: 'Riverside poetry circle' }).click();
    await admin.page.waitForLoadState();
    await assertAccessible(admin.page);
    await admin.page.getByLabel('Ask for changes').check();
    await admin.page.getByLabel('What needs to change').fill('Please add whether the room is upstairs.');
    await admin.page.getByRole('button', { name: 'Save decision' }).click();
    await admin.page.waitForLoadState();
    await assertAccessible(admin.page);

    await visit(p, editUrl);
    assert.match(await p.locator('main').innerText(), /Please add whether the room is upstairs\./);
    await p.getByLabel('Access (optional)').fill('Ground floor room, step-free from the street.');
    await p.getByRole('button', { name: 'Save' }).click();
    await p.waitForLoadState();
    await p.getByRole('button', { name: 'Send to be checked' }).click();
    await p.waitForLoadState();

    await visit(admin.page, '/places/calderbrook/directory/moderation');
    await admin.page.getByRole('link', { name: 'Riverside poetry circle' }).click();
    await admin.page.waitForLoadState();
    await admin.page.getByLabel('Publish it').check();
    await admin.page.getByRole('button', { name: 'Save decision' }).click();
    await admin.page.waitForLoadState();
    await assertAccessible(admin.page);

    const resident = await journey.context();
    await visit(resident.page, '/places/calderbrook/activities?q=poems');
    await resident.page.getByRole('link', { name: 'Riverside poetry circle' }).click();
    await resident.page.waitForLoadState();
    await assertAccessible(resident.page);
    assert.match(await resident.page.locator('main').innerText(), /Ground floor room, step-free from the street\./);
    for (const c of [organiser, admin, resident]) {
      assert.deepEqual(c.consoleErrors, []);
      await c.context.close();
    }
  });
});
