/**
 * Befriending in the browser: Joanne (JavaScript off, a 320px phone) offers to be a
 * befriender, and is told beside the field what she missed; Grace, who coordinates
 * Age Friendly Calderbrook, opens Edna's suggestions, sees Joanne held for want of an
 * enhanced DBS check, records it on Joanne's profile, introduces them with a note,
 * marks the match under way, records a check-in, and later ends it kindly with a
 * thank-you; Joanne sees each step on her own pages. Every page is checked with axe.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { assertFitsWidth, banner, follow, signIn, startJourney, visit, type Journey } from './harness.js';

let journey: Journey;
before(async () => {
  journey = await startJourney();
});
after(() => journey?.close());

describe('befriending', () => {
  test('offered, held for a check, checked, introduced, under way, checked in on, ended kindly', async () => {
    const joanne = await journey.context({ javaScriptEnabled: false, viewport: { width: 320, height: 640 } });
    const grace = await journey.context();

    // Joanne finds the scheme from her place's home page and offers to befriend.
    await signIn(joanne.page, 'joanne@calderbrook.example');
    await visit(joanne.page, '/places/calderbrook');
    await follow(joanne.page, () => joanne.page.getByRole('link', { name: 'Befriending and peer support' }).click());
    await follow(joanne.page, () => joanne.page.getByRole('link', { name: 'Good Neighbours befriending' }).click());
    await assertFitsWidth(joanne.page);
    await follow(joanne.page, () => joanne.page.getByRole('button', { name: 'Offer to be a befriender' }).click());
    await assertFitsWidth(joanne.page);
    const ways = joanne.page.getByRole('group', { name: 'How you would like to meet' });
    await ways.getByLabel('Visits at home').check();
    await follow(joanne.page, () => joanne.page.getByRole('button', { name: 'Save' }).click());
    assert.match(await joanne.page.locator('#postcode-error').innerText(), /Enter a postcode to meet in person/);
    await assertFitsWidth(joanne.page);
    await joanne.page.getByRole('group', { name: 'Things you enjoy' }).getByLabel('Gardening').check();
    await joanne.page.getByRole('group', { name: 'Things you enjoy' }).getByLabel('Music').check();
    await joanne.page.getByLabel('Tuesday morning').check();
    await joanne.page.getByLabel('Thursday afternoon').check();
    await ways.getByLabel('Phone calls').check();
    await joanne.page.getByLabel('Postcode').fill('KL1 1AA');
    await joanne.page.getByRole('group', { name: 'Your gender' }).getByLabel('Woman').check();
    await joanne.page
      .getByLabel('About you, in your own words')
      .fill('I cared for my mum for years and love a sing-song.');
    await follow(joanne.page, () => joanne.page.getByRole('button', { name: 'Save' }).click());
    assert.match(await banner(joanne.page), /A coordinator will be in touch/);
    assert.match(await joanne.page.locator('main').innerText(), /Waiting for a match/);
    await assertFitsWidth(joanne.page);

    // Grace opens Edna's suggestions: Joanne suits her, but has no enhanced check yet.
    await signIn(grace.page, 'coordinator@calderbrook.example');
    await visit(grace.page, '/places/calderbrook');
    await follow(grace.page, () => grace.page.getByRole('link', { name: 'Run befriending' }).click());
    await follow(grace.page, () => grace.page.getByRole('link', { name: 'Good Neighbours befriending' }).click());
    assert.match(await grace.page.locator('main').innerText(), /Check-in due/);
    await follow(grace.page, () => grace.page.getByRole('link', { name: 'Edna Price' }).click());
    const joanneCard = grace.page.getByTestId('suggestion').filter({ hasText: 'Joanne Fletcher' });
    assert.match(await joanneCard.innerText(), /Both enjoy Gardening, Music/);
    assert.match(await joanneCard.innerText(), /Cannot be introduced yet: Enhanced DBS check not recorded/);
    await follow(grace.page, () => joanneCard.getByRole('link', { name: 'Joanne Fletcher' }).click());
    await grace.page.getByRole('group', { name: 'Kind of check' }).getByLabel('Enhanced DBS check').check();
    const checked = grace.page.getByRole('group', { name: 'Date of the check' });
    await checked.getByLabel('Day').fill('2');
    await checked.getByLabel('Month').fill('11');
    await checked.getByLabel('Year').fill('2026');
    await follow(grace.page, () => grace.page.getByRole('button', { name: 'Record check' }).click());
    assert.match(await grace.page.locator('main').innerText(), /Enhanced DBS check: /);

    // Back to Edna: Joanne can be introduced now.
    await follow(grace.page, () => grace.page.getByRole('link', { name: 'Good Neighbours befriending' }).click());
    await follow(grace.page, () => grace.page.getByRole('link', { name: 'Edna Price' }).click());
    const ready = grace.page.getByTestId('suggestion').filter({ hasText: 'Joanne Fletcher' });
    await ready.getByLabel(/A few words for Edna Price and Joanne Fletcher/).fill('You both love a sing-song.');
    await follow(grace.page, () =>
      ready.getByRole('button', { name: 'Introduce Edna Price and Joanne Fletcher' }).click(),
    );
    assert.match(await banner(grace.page), /Introduced/);
    assert.match(await grace.page.locator('h1').innerText(), /Joanne Fletcher and Edna Price/);

    await follow(joanne.page, () => joanne.page.reload().then(() => undefined));
    assert.match(await joanne.page.locator('main').innerText(), /Matched with Edna Price since/);
    assert.match(await joanne.page.locator('main').innerText(), /Edna Price says: I was a nurse/);
    await assertFitsWidth(joanne.page);

    // They meet; Grace marks it under way and hears how it is going.
    await follow(grace.page, () =>
      grace.page.getByRole('button', { name: 'They have met and want to carry on' }).click(),
    );
    await grace.page.getByRole('group', { name: 'Who you spoke to' }).getByLabel('Both').check();
    await grace.page.getByRole('group', { name: 'How it is going' }).getByLabel('Going well').check();
    await grace.page.getByLabel('Notes').fill('Edna has taught Joanne three old music-hall songs.');
    await follow(grace.page, () => grace.page.getByRole('button', { name: 'Record check-in' }).click());
    assert.match(await grace.page.getByTestId('checkin').first().innerText(), /Going well \(Both\)/);

    // Joanne logs the hour she spent with Edna; it joins her volunteering record once confirmed.
    await visit(joanne.page, '/places/calderbrook/befriending/mine');
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date()).split('-');
    const met = joanne.page.getByRole('group', { name: 'When you met or spoke' });
    await met.getByLabel('Day').fill(String(Number(today[2])));
    await met.getByLabel('Month').fill(String(Number(today[1])));
    await met.getByLabel('Year').fill(today[0]!);
    await joanne.page.getByLabel('Hours', { exact: true }).fill('1');
    await follow(joanne.page, () => joanne.page.getByRole('button', { name: 'Log the time' }).click());
    assert.match(await banner(joanne.page), /The coordinator will confirm your time/);
    await assertFitsWidth(joanne.page);

    // Months later it has run its course: ended kindly, Joanne thanked and back on the list.
    await grace.page.getByRole('group', { name: 'Why it is ending' }).getByLabel('It has run its course').check();
    await grace.page
      .getByRole('group', { name: 'Would Joanne Fletcher like to be matched again?' })
      .getByLabel('Yes')
      .check();
    await grace.page
      .getByRole('group', { name: 'Would Edna Price like to be matched again?' })
      .getByLabel('Not for now')
      .check();
    await grace.page
      .getByLabel('Thank Joanne Fletcher (optional)')
      .fill('Edna says your visits were the highlight of her week. Thank you.');
    await follow(grace.page, () => grace.page.getByRole('button', { name: 'End the match' }).click());
    assert.match(await banner(grace.page), /both have been told kindly/);

    await visit(joanne.page, '/places/calderbrook/befriending/mine');
    assert.match(await joanne.page.locator('main').innerText(), /Waiting for a match/);
    await visit(joanne.page, '/places/calderbrook/volunteering/mine');
    assert.match(await joanne.page.locator('main').innerText(), /the highlight of her week/);
    await assertFitsWidth(joanne.page);
  });
});
