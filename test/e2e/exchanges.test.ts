/**
 * Offers and requests in the browser: Edna, a resident on a 320px phone with JavaScript
 * off, asks for help mending her gate (a first try without a title is explained beside
 * the field); Maureen, a neighbour, offers to help; Edna accepts; Maureen records the
 * time (a mistake first); Edna confirms it and the time credits move. Every page is
 * checked with axe.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { assertFitsWidth, banner, follow, signIn, startJourney, visit, type Journey } from './harness.js';

let journey: Journey;
before(async () => {
  journey = await startJourney();
});
after(() => journey?.close());

describe('offers and requests', () => {
  test('a resident asks for help, a neighbour offers it, and the hours they agree are confirmed once', async () => {
    const edna = await journey.context({ javaScriptEnabled: false, viewport: { width: 320, height: 640 } });
    const maureen = await journey.context();

    await signIn(edna.page, 'resident@calderbrook.example');
    await visit(edna.page, '/places/calderbrook');
    await follow(edna.page, () => edna.page.getByRole('link', { name: 'Offers and requests' }).first().click());
    await assertFitsWidth(edna.page);
    await follow(edna.page, () => edna.page.getByRole('button', { name: 'Ask for help' }).click());
    await follow(edna.page, () => edna.page.getByRole('button', { name: 'Post your request' }).click());
    assert.match(await edna.page.locator('.govuk-error-summary').innerText(), /Say what the help is/);
    assert.match(await edna.page.locator('#title-error').innerText(), /Say what the help is/);
    await assertFitsWidth(edna.page);
    await edna.page.getByLabel('What do you need help with?').fill('Mending my wobbly garden gate');
    await edna.page.getByLabel('Kind of help').selectOption({ label: 'DIY and repairs' });
    await edna.page.getByLabel('Area').fill('KL5');
    await edna.page.getByLabel('Saturdays').check();
    await edna.page.getByLabel('About 2 hours').check();
    await follow(edna.page, () => edna.page.getByRole('button', { name: 'Post your request' }).click());
    assert.match(await banner(edna.page), /Your request is posted/);
    assert.match(await edna.page.locator('h1').innerText(), /Mending my wobbly garden gate/);
    await assertFitsWidth(edna.page);
    const requestUrl = edna.page.url();

    // Maureen reads the request and offers to help.
    await signIn(maureen.page, 'maureen@calderbrook.example');
    await visit(maureen.page, requestUrl);
    await maureen.page.getByLabel('A note (optional)').fill('I have a spare hinge. Saturday morning?');
    await follow(maureen.page, () => maureen.page.getByRole('button', { name: 'Offer to help' }).click());
    assert.match(await banner(maureen.page), /Sent\. You will hear when they reply\./);
    const exchangeUrl = maureen.page.url();
    assert.match(await maureen.page.locator('main').innerText(), /Waiting for a reply/);

    // Edna accepts.
    await visit(edna.page, exchangeUrl);
    await assertFitsWidth(edna.page);
    assert.match(await edna.page.locator('main').innerText(), /I have a spare hinge/);
    await follow(edna.page, () => edna.page.getByRole('button', { name: 'Accept' }).click());
    assert.match(await banner(edna.page), /You have accepted/);

    // Maureen records the time: a word where a number belongs is explained first.
    await visit(maureen.page, exchangeUrl);
    await maureen.page.getByLabel('Hours').fill('two');
    await follow(maureen.page, () => maureen.page.getByRole('button', { name: 'Record the time' }).click());
    assert.match(await maureen.page.locator('.govuk-error-summary').innerText(), /whole number/);
    await maureen.page.getByLabel('Hours').fill('1');
    await maureen.page.getByLabel('Minutes').fill('30');
    await follow(maureen.page, () => maureen.page.getByRole('button', { name: 'Record the time' }).click());
    assert.match(await banner(maureen.page), /Recorded\. The person you helped will be asked to confirm\./);

    // Edna confirms; the credits move, and the page no longer offers to confirm again.
    await visit(edna.page, exchangeUrl);
    assert.match(await edna.page.locator('main').innerText(), /Maureen O’Connell says they gave 1 hour 30 minutes/);
    await follow(edna.page, () => edna.page.getByRole('button', { name: 'Confirm' }).click());
    assert.match(await banner(edna.page), /Confirmed\. Thank you both\./);
    assert.match(await edna.page.getByTestId('credit').innerText(), /1 hour 30 minutes moved from the person helped/);
    assert.equal(await edna.page.getByRole('button', { name: 'Confirm' }).count(), 0);
    await assertFitsWidth(edna.page);

    assert.deepEqual([...edna.consoleErrors, ...maureen.consoleErrors], []);
  });
});
