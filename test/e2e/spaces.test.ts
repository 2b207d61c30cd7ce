/**
 * Community spaces in the browser: a council officer lists a step-free hall at community
 * rates; an organiser (JavaScript off, on a 320px phone) finds a step-free space for 30
 * on a Tuesday evening, sees its week, and asks to book it for their walking group at
 * the community rate; the booking is held; the officer approves it; the organiser sees
 * it confirmed. Every page is checked with axe.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { assertFitsWidth, banner, follow, signIn, startJourney, visit, type Journey } from './harness.js';

let journey: Journey;
before(async () => {
  journey = await startJourney();
});
after(() => journey?.close());

/** The first Tuesday at least two weeks ahead, on the place's calendar. */
function tuesdayAhead(): { iso: string; day: string; month: string; year: string } {
  const d = new Date(Date.now() + 14 * 86_400_000);
  while (d.getUTCDay() !== 2) d.setUTCDate(d.getUTCDate() + 1);
  const iso = d.toISOString().slice(0, 10);
  const [year, month, day] = iso.split('-');
  return { iso, day: String(Number(day)), month: String(Number(month)), year: year! };
}

describe('community spaces', () => {
  test('a hall listed by an officer is found, requested at the community rate, held, and approved', async () => {
    const samira = await journey.context();
    const marcus = await journey.context({ javaScriptEnabled: false, viewport: { width: 320, height: 640 } });
    const tuesday = tuesdayAhead();

    // Samira, a council officer, lists Victoria Hall.
    await signIn(samira.page, 'officer@calderbrook.example');
    await visit(samira.page, '/places/calderbrook');
    await follow(samira.page, () => samira.page.getByRole('link', { name: 'Community spaces' }).click());
    await follow(samira.page, () => samira.page.getByRole('link', { name: 'List a space' }).click());
    await follow(samira.page, () => samira.page.getByRole('button', { name: 'Save space' }).click());
    assert.match(await samira.page.locator('.govuk-error-summary').innerText(), /Enter the name of the space/);
    await samira.page.getByLabel('Name of the space').fill('Victoria Hall');
    await samira.page.getByLabel('Where it is').selectOption({ index: 1 });
    await samira.page.getByLabel('Capacity').fill('60');
    await samira.page.getByRole('group', { name: 'Accessibility' }).getByLabel('Step-free access').check();
    await samira.page.getByRole('group', { name: 'Accessibility' }).getByLabel('Hearing loop').check();
    await samira.page.getByRole('group', { name: 'Community group' }).getByLabel('Per hour').fill('10');
    await samira.page.getByRole('group', { name: 'Resident' }).getByLabel('Per hour').fill('15');
    await samira.page.getByRole('group', { name: 'Commercial' }).getByLabel('Per hour').fill('30');
    await samira.page.getByLabel('Deposit').fill('25');
    await follow(samira.page, () => samira.page.getByRole('button', { name: 'Save space' }).click());
    assert.match(await banner(samira.page), /Space listed/);

    // Marcus, on a phone with no JavaScript, looks for a step-free space for 30 on a Tuesday evening.
    await signIn(marcus.page, 'organiser@calderbrook.example');
    await visit(marcus.page, '/places/calderbrook/spaces');
    await assertFitsWidth(marcus.page);
    await marcus.page.getByLabel('Date').fill(tuesday.iso);
    await marcus.page.getByLabel('From').fill('19:00');
    await marcus.page.getByLabel('Until').fill('21:00');
    await marcus.page.getByLabel('Number of people').fill('30');
    await marcus.page.getByLabel('Price for').selectOption('community');
    await marcus.page.getByLabel('Step-free access').check();
    await follow(marcus.page, () => marcus.page.getByRole('button', { name: 'Find spaces' }).click());
    await assertFitsWidth(marcus.page);
    assert.match(
      await marcus.page.locator('main').innerText(),
      /Victoria Hall[\s\S]*£20 for that time \(Community group\)/,
    );
    await follow(marcus.page, () => marcus.page.getByRole('link', { name: 'Victoria Hall' }).click());
    await assertFitsWidth(marcus.page);
    const week = marcus.page.getByRole('table', { name: /Week of/ });
    assert.match(await week.innerText(), /19:00/);
    await follow(marcus.page, () => marcus.page.getByRole('button', { name: 'Book this space' }).click());
    await marcus.page.getByLabel('Day').fill(tuesday.day);
    await marcus.page.getByLabel('Month').fill(tuesday.month);
    await marcus.page.getByLabel('Year').fill(tuesday.year);
    await marcus.page.getByLabel('From').fill('19:00');
    await marcus.page.getByLabel('Until').fill('21:00');
    await marcus.page.getByLabel('Number of people').fill('30');
    await marcus.page.getByLabel('What it is for').fill('Walking group talk: the Calder Way');
    await marcus.page.getByLabel('Community group').check();
    await follow(marcus.page, () => marcus.page.getByRole('button', { name: 'Send booking' }).click());
    assert.match(await marcus.page.locator('.govuk-error-summary').innerText(), /choose your group/);
    await marcus.page.getByLabel('Your group').selectOption({ index: 1 });
    await follow(marcus.page, () => marcus.page.getByRole('button', { name: 'Send booking' }).click());
    assert.match(await banner(marcus.page), /the time is held while the owner decides/);
    const summary = await marcus.page.locator('.govuk-summary-list').innerText();
    assert.match(summary, /Held, waiting for approval/);
    assert.match(summary, /Community group/);
    assert.match(summary, /£20/);
    await assertFitsWidth(marcus.page);
    const bookingUrl = marcus.page.url();

    // Samira sees it waiting and approves it.
    await visit(samira.page, '/places/calderbrook/spaces/bookings');
    const waiting = samira.page.getByRole('table', { name: 'Waiting for your decision' });
    await follow(samira.page, () => waiting.getByRole('link').first().click());
    await follow(samira.page, () => samira.page.getByRole('button', { name: 'Approve booking' }).click());
    assert.match(await banner(samira.page), /Booking approved/);

    await visit(marcus.page, bookingUrl);
    assert.match(await marcus.page.locator('.govuk-summary-list').innerText(), /Confirmed/);
    await assertFitsWidth(marcus.page);
    assert.deepEqual([...samira.consoleErrors, ...marcus.consoleErrors], []);
  });
});
