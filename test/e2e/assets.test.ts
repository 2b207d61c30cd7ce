import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { assertAccessible, assertFitsWidth, signIn, startJourney, visit, type Journey } from './harness.js';

let journey: Journey;
before(async () => {
  journey = await startJourney();
});
after(() => journey?.close());

/** Today in the place, as the boxes of a GOV.UK date input take it. */
function todayParts(): { day: string; month: string; year: string } {
  const [year, month, day] = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  })
    .format(new Date())
    .split('-');
  return { day: String(Number(day)), month: String(Number(month)), year: year! };
}

async function fillToday(page: Page) {
  const { day, month, year } = todayParts();
  await page.getByLabel('Day').fill(day);
  await page.getByLabel('Month').fill(month);
  await page.getByLabel('Year').fill(year);
}

async function submit(page: Page, name: string) {
  await page.getByRole('button', { name }).click();
  await page.waitForLoadState();
  await assertAccessible(page);
}

describe('the asset map', () => {
  test('a resident shares a skill with members of the place', async () => {
    const { page, context, consoleErrors } = await journey.context();
    await signIn(page, 'resident@calderbrook.example');
    await visit(page, '/places/calderbrook');
    await page.getByRole('link', { name: 'Your skills and passions' }).click();
    await page.waitForLoadState();
    await assertAccessible(page);
    // A mistake first: the summary and the message beside the field.
    await submit(page, 'Add it');
    assert.ok(await page.locator('.govuk-error-summary').isVisible());
    assert.ok(await page.locator('#description-error').isVisible());
    await page.getByLabel('Skill', { exact: true }).check();
    await page.getByLabel('Describe it').fill('Sewing and mending clothes');
    await page.getByLabel('Category (optional)').selectOption({ label: 'Practical and repairs' });
    await page.getByLabel('Members of the place').check();
    await submit(page, 'Add it');
    assert.match(
      await page.locator('main').innerText(),
      /Sewing and mending clothes[\s\S]*Who can see it: Members of the place/,
    );

    const neighbour = await journey.context();
    await signIn(neighbour.page, 'kemi@calderbrook.example');
    await visit(neighbour.page, '/places/calderbrook/assets?kind=skills');
    assert.match(
      await neighbour.page.locator('main').innerText(),
      /Sewing and mending clothes[\s\S]*Shared by Edna Price/,
    );
    const stranger = await journey.context();
    await visit(stranger.page, '/places/calderbrook/assets?kind=skills');
    assert.doesNotMatch(await stranger.page.locator('main').innerText(), /Sewing and mending clothes/);
    for (const c of [{ context, consoleErrors }, neighbour, stranger]) {
      assert.deepEqual(c.consoleErrors, []);
      await c.context.close();
    }
  });

  test('an organiser nominates a hall, an admin lists it, and after a notice of sale the map shows its moratorium', async () => {
    const organiser = await journey.context();
    const p = organiser.page;
    await signIn(p, 'organiser@calderbrook.example');
    await visit(p, '/places/calderbrook/assets?kind=physical');
    await p.getByRole('link', { name: 'Hollinby Village Hall' }).click();
    await p.waitForLoadState();
    await assertAccessible(p);
    await p.getByRole('link', { name: 'Nominate it as an Asset of Community Value' }).click();
    await p.waitForLoadState();
    await assertAccessible(p);
    await submit(p, 'Send the nomination');
    assert.ok(await p.locator('#organisation-error').isVisible());
    await p.getByLabel('Which group is nominating it?').selectOption({ label: 'Friends of Calder Park' });
    await p
      .getByLabel('Why does it matter to the community?')
      .fill('The only hall in Hollinby: the playgroup, the WI and the parish meetings all use it.');
    await submit(p, 'Send the nomination');
    assert.match(
      await p.locator('main').innerText(),
      /The nomination has been sent to the council\.[\s\S]*Nominated[\s\S]*Decision due by/,
    );

    const admin = await journey.context();
    const a = admin.page;
    await signIn(a, 'admin@calderbrook.example');
    await visit(a, '/places/calderbrook/assets/community-value');
    await a.getByRole('link', { name: 'Hollinby Village Hall' }).click();
    await a.waitForLoadState();
    await assertAccessible(a);
    await a.getByRole('link', { name: 'Record the council’s decision' }).click();
    await a.waitForLoadState();
    await assertAccessible(a);
    await submit(a, 'Save');
    assert.ok(await a.locator('#decidedOn-error').isVisible());
    await a.getByLabel('List it as an Asset of Community Value').check();
    await fillToday(a);
    await a.getByLabel('Reason for the decision').fill('Its main use furthers the social wellbeing of Hollinby.');
    await submit(a, 'Save');
    assert.match(await a.locator('main').innerText(), /The asset is listed for 5 years\.[\s\S]*Listed until/);

    await a.getByRole('link', { name: 'Record a notice of intent to sell' }).click();
    await a.waitForLoadState();
    await assertAccessible(a);
    await fillToday(a);
    await submit(a, 'Save');
    assert.match(await a.locator('main').innerText(), /Interim moratorium/);

    const resident = await journey.context();
    const r = resident.page;
    await visit(r, '/places/calderbrook/assets?kind=physical&postcode=KL6+2YZ&distance=1');
    const text = await r.locator('main').innerText();
    assert.match(
      text,
      /Hollinby Village Hall[\s\S]*Interim moratorium[\s\S]*Asset of Community Value\s+Interim moratorium: Until \d+ \w+ \d{4}/,
    );
    await r.getByRole('link', { name: 'Hollinby Village Hall' }).click();
    await r.waitForLoadState();
    await assertAccessible(r);
    assert.match(await r.locator('main').innerText(), /Protected period/);
    for (const c of [organiser, admin, resident]) {
      assert.deepEqual(c.consoleErrors, []);
      await c.context.close();
    }
  });

  test('the map draws the assets without asking for tiles', async () => {
    const { page, context, consoleErrors } = await journey.context();
    const outside: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(journey.url)) outside.push(request.url());
    });
    await visit(page, '/places/calderbrook/assets?kind=physical');
    await page.getByRole('link', { name: 'Show these assets on a map' }).click();
    await page.waitForLoadState();
    await page.locator('#kith-map .leaflet-interactive').first().waitFor();
    await assertAccessible(page);
    // One marker a spot, each a named button; a spot's popup lists everything there.
    const markers = page.locator('#kith-map .kith-map__marker');
    assert.ok((await markers.count()) >= 3);
    assert.ok((await markers.first().getAttribute('role')) === 'button');
    assert.ok((await markers.first().innerText()).length > 0 || (await markers.first().textContent())!.length > 0);
    assert.ok(await page.locator('#kith-map-nojs').isHidden());
    assert.deepEqual(outside, []);
    assert.deepEqual(consoleErrors, []);
    await context.close();
  });

  test('the list with JavaScript off on a 320px-wide screen', async () => {
    const { page, context, consoleErrors } = await journey.context({
      javaScriptEnabled: false,
      viewport: { width: 320, height: 640 },
    });
    await visit(page, '/places/calderbrook/assets');
    await assertFitsWidth(page);
    await page.getByLabel('Economic assets').check();
    await page.getByLabel('Postcode').fill('kl1 1aa');
    await page.getByLabel('Within').selectOption('1');
    await submit(page, 'Show assets');
    await assertFitsWidth(page);
    assert.match(
      await page.locator('main').innerText(),
      /Calder Valley Credit Union[\s\S]*KL1 1AA \(0\.0 miles away\)/,
    );
    await page.getByRole('link', { name: 'Calder Valley Credit Union' }).click();
    await page.waitForLoadState();
    await assertAccessible(page);
    await assertFitsWidth(page);
    await visit(page, '/places/calderbrook/assets/community-value');
    await assertFitsWidth(page);
    assert.match(await page.locator('main').innerText(), /The Angler’s Rest[\s\S]*Full moratorium/);
    await page.getByRole('link', { name: 'The Angler’s Rest' }).click();
    await page.waitForLoadState();
    await assertAccessible(page);
    await assertFitsWidth(page);
    assert.match(await page.locator('main').innerText(), /Wharfside Community Pub Society asked to bid/);
    await visit(page, '/places/calderbrook/assets?view=map');
    await assertFitsWidth(page);
    assert.ok(await page.getByText('The map needs JavaScript').isVisible());
    assert.deepEqual(consoleErrors, []);
    await context.close();
  });
});
