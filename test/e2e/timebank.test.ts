/**
 * The "done when", in the browser: a resident posts a request and is shown a
 * matching offer; they agree; the helper records 2 hours and the resident confirms;
 * balances move 2 hours each way; the helper spends a credit at the partner cinema,
 * which redeems it by member number; a coordinator reverses a mistaken transfer with a
 * reason and the statement shows both. The resident and the partner use Kith with
 * JavaScript off (the resident on a 320px phone); every page is checked with axe.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { assertFitsWidth, follow, signIn, startJourney, visit, type Journey } from './harness.js';

let journey: Journey;
before(async () => {
  journey = await startJourney();
});
after(() => journey?.close());

async function balance(page: Page): Promise<string> {
  await visit(page, '/places/calderbrook/time-credits');
  return (await page.getByTestId('balance').innerText()).replace(/\s+/g, ' ').trim();
}

describe('offers, requests and time credits', () => {
  test('a request is matched, agreed, done, confirmed and credited; the credit is spent at the cinema; a mistake is reversed', async () => {
    const edna = await journey.context({ javaScriptEnabled: false, viewport: { width: 320, height: 640 } });
    const maureen = await journey.context();
    const lisa = await journey.context({ javaScriptEnabled: false });
    const tom = await journey.context();
    const grace = await journey.context();

    // Edna (no JavaScript, a small phone) asks for help with her garden.
    await signIn(edna.page, 'resident@calderbrook.example');
    assert.equal(await balance(edna.page), 'You have 4 hours');
    await visit(edna.page, '/places/calderbrook');
    await follow(edna.page, () => edna.page.getByRole('link', { name: 'Offers and requests' }).click());
    await assertFitsWidth(edna.page);
    await follow(edna.page, () => edna.page.getByRole('button', { name: 'Ask for help' }).click());
    await follow(edna.page, () => edna.page.getByRole('button', { name: 'Post your request' }).click());
    assert.match(await edna.page.locator('.govuk-error-summary').innerText(), /Say what the help is/);
    await edna.page.getByLabel('What do you need help with?').fill('Help tidying my garden');
    await edna.page.getByLabel('Kind of help').selectOption('gardening');
    await edna.page.getByLabel('More detail (optional)').fill('The borders need weeding before the summer.');
    await edna.page.getByLabel('Area').fill('KL5 1AB');
    await edna.page.getByLabel('Saturdays').check();
    await edna.page.getByLabel('About 2 hours').check();
    await follow(edna.page, () => edna.page.getByRole('button', { name: 'Post your request' }).click());
    await assertFitsWidth(edna.page);
    const matches = edna.page.getByTestId('matches');
    assert.match(
      await matches.innerText(),
      /Gardening: weeding, pruning and planting – Maureen O’Connell\s+offers gardening, mentions (border, weeding|weeding, border), also in KL5, Saturdays/,
    );

    // She asks for Maureen's help; Maureen accepts.
    await follow(edna.page, () =>
      matches.getByRole('link', { name: 'Gardening: weeding, pruning and planting' }).click(),
    );
    await edna.page.getByLabel('A note (optional)').fill('Would this Saturday suit you?');
    await follow(edna.page, () => edna.page.getByRole('button', { name: 'Ask for this help' }).click());
    const exchangeUrl = new URL(edna.page.url()).pathname;
    assert.match(await edna.page.locator('.govuk-summary-list').innerText(), /Waiting for a reply/);

    await signIn(maureen.page, 'maureen@calderbrook.example');
    assert.equal(await balance(maureen.page), 'You have 2 hours');
    await visit(maureen.page, '/places/calderbrook/help/mine');
    await follow(maureen.page, () =>
      maureen.page.getByRole('link', { name: 'Gardening: weeding, pruning and planting' }).first().click(),
    );
    assert.equal(new URL(maureen.page.url()).pathname, exchangeUrl);
    await follow(maureen.page, () => maureen.page.getByRole('button', { name: 'Accept' }).click());

    // The work is done: Maureen records 2 hours; Edna confirms.
    await maureen.page.getByLabel('Hours').fill('2');
    await maureen.page.getByLabel('Minutes').fill('0');
    await follow(maureen.page, () => maureen.page.getByRole('button', { name: 'Record the time' }).click());
    assert.match(await maureen.page.locator('.govuk-notification-banner').innerText(), /Recorded/);

    await visit(edna.page, exchangeUrl);
    assert.match(await edna.page.locator('main').innerText(), /Maureen O’Connell says they gave 2 hours/);
    await follow(edna.page, () => edna.page.getByRole('button', { name: 'Confirm' }).click());
    assert.match(
      await edna.page.getByTestId('credit').innerText(),
      /2 hours moved from the person helped to the helper/,
    );
    assert.equal(await balance(edna.page), 'You have 2 hours');
    assert.equal(await balance(maureen.page), 'You have 4 hours');
    const maureenNumber = await maureen.page.getByTestId('member-number').innerText();

    // Maureen spends a credit at the Picturehouse; Lisa (no JavaScript) redeems it by number.
    await signIn(lisa.page, 'partner@calderbrook.example');
    await visit(lisa.page, '/places/calderbrook/time-credits');
    await follow(lisa.page, () => lisa.page.getByRole('link', { name: 'Calderbrook Picturehouse' }).click());
    await lisa.page.getByLabel('Member number').fill(maureenNumber);
    await lisa.page.getByLabel('Cinema ticket (1 hour)').check();
    await follow(lisa.page, () => lisa.page.getByRole('button', { name: 'Redeem' }).click());
    const panel = await lisa.page.locator('.govuk-panel').innerText();
    assert.match(panel, new RegExp(`Reward redeemed\\s+Member number ${maureenNumber}`));
    assert.doesNotMatch(await lisa.page.locator('body').innerText(), /Maureen|O’Connell/);
    assert.equal(await balance(maureen.page), 'You have 3 hours');

    // A mistake: Tom gives Edna an hour for the garden she did not do.
    await signIn(tom.page, 'organiser@calderbrook.example');
    await visit(tom.page, '/places/calderbrook/time-credits');
    await follow(tom.page, () => tom.page.getByRole('link', { name: 'Calderbrook Community Garden' }).click());
    await tom.page.getByLabel('Member number').fill('204810');
    await tom.page.getByLabel('Hours').fill('1');
    await tom.page.getByLabel('What did they do?').fill('Turning the compost');
    await follow(tom.page, () => tom.page.getByRole('button', { name: 'Give credits' }).click());
    assert.equal(await balance(edna.page), 'You have 3 hours');

    // Grace, a coordinator, finds Edna's account and reverses it, with a reason.
    await signIn(grace.page, 'coordinator@calderbrook.example');
    await visit(grace.page, '/places/calderbrook/time-credits/manage');
    await grace.page.getByLabel('Member number').fill('204810');
    await follow(grace.page, () => grace.page.getByRole('button', { name: 'Search' }).click());
    await follow(grace.page, () =>
      grace.page.getByTestId('found-account').getByRole('link', { name: 'Edna Price' }).click(),
    );
    await follow(grace.page, () =>
      grace.page
        .getByRole('link', { name: /^Reverse this – Volunteering/ })
        .first()
        .click(),
    );
    await follow(grace.page, () => grace.page.getByRole('button', { name: 'Reverse it' }).click());
    assert.match(await grace.page.locator('.govuk-error-summary').innerText(), /Enter why this is being reversed/);
    await grace.page.getByLabel('Reason').fill('Edna was not at the garden that day; given by mistake');
    await follow(grace.page, () => grace.page.getByRole('button', { name: 'Reverse it' }).click());
    assert.match(
      await grace.page.getByTestId('reversed').innerText(),
      /Reason: Edna was not at the garden that day; given by mistake/,
    );

    // Edna's statement shows the mistake and its correction; her balance is back.
    assert.equal(await balance(edna.page), 'You have 2 hours');
    await follow(edna.page, () => edna.page.getByRole('link', { name: 'See your statement' }).click());
    const statement = await edna.page.getByTestId('statement').innerText();
    assert.match(
      statement,
      /Correction to volunteering: Turning the compost\s+Reason: Edna was not at the garden that day; given by mistake/,
    );
    assert.match(statement, /Volunteering: Turning the compost\s+Reversed/);
    assert.match(statement, /Exchange: Help tidying my garden|Exchange: Gardening: weeding, pruning and planting/);

    for (const c of [edna, maureen, lisa, tom, grace]) {
      assert.deepEqual(c.consoleErrors, []);
      await c.context.close();
    }
  });

  test('time credits read in Welsh', async () => {
    const { page, context, consoleErrors } = await journey.context();
    await signIn(page, 'resident@calderbrook.example');
    await visit(page, '/places/calderbrook/time-credits?lang=cy');
    assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Credydau amser');
    assert.match(await page.getByTestId('balance').innerText(), /Mae gennych chi\s+\d+ awr/);
    await visit(page, '/places/calderbrook/help');
    assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Cynigion a cheisiadau');
    await visit(page, '/places/calderbrook/time-credits?lang=en');
    assert.deepEqual(consoleErrors, []);
    await context.close();
  });
});
