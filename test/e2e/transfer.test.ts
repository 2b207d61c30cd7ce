import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { assertFitsWidth, banner, follow, signIn, startJourney, visit, type Journey } from './harness.js';

let journey: Journey;
before(async () => {
  journey = await startJourney();
});
after(() => journey?.close());

/** Today in the place, typed into a GOV.UK date input's boxes. */
async function fillToday(page: Page) {
  const [year, month, day] = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  })
    .format(new Date())
    .split('-');
  await page.getByLabel('Day').fill(String(Number(day)));
  await page.getByLabel('Month').fill(String(Number(month)));
  await page.getByLabel('Year').fill(year!);
}

const click = (page: Page, name: string) => follow(page, () => page.getByRole('link', { name }).first().click());
const send = (page: Page, name: string) => follow(page, () => page.getByRole('button', { name }).click());

describe('community asset transfer', () => {
  test('a council library goes from expression of interest to handover', async () => {
    const officer = await journey.context();
    const o = officer.page;
    await signIn(o, 'officer@calderbrook.example');
    await visit(o, '/places/calderbrook/assets?kind=physical');
    await click(o, 'Calderbrook Library');
    await click(o, 'Start a community asset transfer');
    await send(o, 'Continue');
    assert.ok(await o.locator('.govuk-error-summary').isVisible(), 'the error summary shows');
    assert.ok(await o.locator('#summary-error').isVisible(), 'the message is beside the summary');
    await o
      .getByLabel('Summary')
      .fill('The council is offering Calderbrook Library to a community group on a long lease.');
    await fillToday(o);
    await send(o, 'Continue');
    assert.match(await banner(o), /open for expressions of interest/);
    const transferUrl = o.url();

    const organiser = await journey.context();
    const g = organiser.page;
    await signIn(g, 'organiser@calderbrook.example');
    await visit(g, '/places/calderbrook/assets/transfers');
    await click(g, 'Calderbrook Library');
    await click(g, 'Express interest for your group');
    await g.getByLabel('Your group').selectOption({ label: 'Friends of Calder Park' });
    await g.getByLabel('Who you are').fill('A charity of 200 members who already run the park café.');
    await g.getByLabel('What you would do with it').fill('Keep it open six days a week with volunteers.');
    await g.getByLabel('How the community would benefit').fill('Books, computers and a warm room for everyone.');
    await send(g, 'Send expression of interest');
    assert.match(await banner(g), /Your expression of interest has been sent/);

    await visit(o, transferUrl);
    await click(o, 'Shortlist groups for business cases');
    await o.getByLabel('Friends of Calder Park').check();
    await send(o, 'Publish the shortlist');

    await visit(g, transferUrl);
    await click(g, 'Send your business case');
    await g.getByLabel('Your plan').fill('Open six days, with a reading group and homework club.');
    await g.getByLabel('Money').fill('Grants, a café and room hire.');
    await g.getByLabel('How your group is run').fill('A charity with eight trustees elected each year.');
    await g.getByLabel('Who benefits').fill('Families and older people in Calderbrook.');
    await send(g, 'Send business case');

    await visit(o, transferUrl);
    await click(o, 'Ask residents for their views');
    await send(o, 'Open residents’ views');

    // The resident's part, with JavaScript off on a 320px-wide screen.
    const resident = await journey.context({ javaScriptEnabled: false, viewport: { width: 320, height: 640 } });
    const r = resident.page;
    await signIn(r, 'resident@calderbrook.example');
    await visit(r, transferUrl);
    await assertFitsWidth(r);
    await click(r, 'Give your view on the proposal from Friends of Calder Park');
    await assertFitsWidth(r);
    await send(r, 'Send your view');
    assert.ok(
      await r.locator('#stance-error').isVisible(),
      'a view with nothing chosen is refused beside the question',
    );
    await r.getByLabel('I support it').check();
    await r.getByLabel('Why').fill('The library is the only warm place open in the evenings.');
    await send(r, 'Send your view');
    await assertFitsWidth(r);
    assert.match(await banner(r), /your view has been counted/);

    await visit(o, transferUrl);
    await click(o, 'Record the decision');
    await o.getByLabel('Friends of Calder Park').check();
    await o.getByLabel('Reasons for the decision').fill('The strongest business case, with residents’ support.');
    await send(o, 'Publish the decision');
    await click(o, 'Publish the terms');
    await o.getByLabel('Lease', { exact: true }).check();
    await o.getByLabel('Length of the lease, in years').fill('25');
    await o.getByLabel('Rent a year').fill('1');
    await o.getByLabel('Conditions').fill('Kept open as a library at least 30 hours a week.');
    await send(o, 'Publish the terms');
    await click(o, 'Record the handover');
    await fillToday(o);
    await send(o, 'Record the handover');
    assert.match(await banner(o), /handed over/);

    // The timeline is public; the group runs its spaces in Kith.
    const visitor = await journey.context({ viewport: { width: 320, height: 640 } });
    await visit(visitor.page, transferUrl);
    await assertFitsWidth(visitor.page);
    const timeline = await visitor.page.locator('main').innerText();
    for (const seen of [/The asset goes to Friends of Calder Park/, /Lease of 25 years/, /£1\.00 a year/])
      assert.match(timeline, seen, `anyone reads ${seen.source}`);
    assert.doesNotMatch(timeline, /Edna Price|warm place open in the evenings/, 'no resident is named or quoted');

    await visit(g, transferUrl);
    await click(g, 'About Calderbrook Library');
    assert.match(await g.locator('main').innerText(), /Looked after by Friends of Calder Park since/);
    await click(g, 'List a space here');
    assert.match(g.url(), /\/spaces\/new\?organisationId=/, 'the group goes on to list a space there');

    for (const c of [officer, organiser, resident, visitor]) {
      assert.deepEqual(c.consoleErrors, [], 'no script errors');
      await c.context.close();
    }
  });
});
