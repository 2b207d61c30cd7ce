/**
 * Community spaces in the browser: a council officer lists a step-free hall at community
 * rates; an organiser (JavaScript off, on a 320px phone) finds a step-free space for 30
 * on a Tuesday evening, sees its week, asks for ten Tuesdays for their walking group at
 * the community rate and is shown the one that clashes; nine are held; the officer
 * approves them together; the invoice PDF shows the community rate and the hall's public
 * calendar lists the busy times without names. Every page is checked with axe.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { pdfText } from '../../src/testing.js';
import { assertFitsWidth, banner, follow, signIn, startJourney, visit, type Journey } from './harness.js';

let journey: Journey;
before(async () => {
  journey = await startJourney();
});
after(() => journey?.close());

/** The first Tuesday at least two weeks ahead, on the place's calendar. */
function tuesdayAhead(after = 0): { iso: string; day: string; month: string; year: string } {
  const d = new Date(Date.now() + 14 * 86_400_000);
  while (d.getUTCDay() !== 2) d.setUTCDate(d.getUTCDate() + 1);
  d.setUTCDate(d.getUTCDate() + after);
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

    // The council's own surgery already has the hall on the fourth Tuesday.
    const fourth = tuesdayAhead(21);
    await follow(samira.page, () => samira.page.getByRole('button', { name: 'Book this space' }).click());
    await samira.page.getByRole('textbox', { name: 'Day' }).fill(fourth.day);
    await samira.page.getByRole('textbox', { name: 'Month' }).fill(fourth.month);
    await samira.page.getByRole('textbox', { name: 'Year' }).fill(fourth.year);
    await samira.page.getByLabel('From').fill('18:00');
    await samira.page.getByLabel('Until').fill('19:30');
    await samira.page.getByLabel('Number of people').fill('10');
    await samira.page.getByLabel('What it is for').fill('Councillors’ surgery');
    await follow(samira.page, () => samira.page.getByRole('button', { name: 'Send booking' }).click());
    assert.match(await banner(samira.page), /the time is held/);

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
    assert.match(await marcus.page.getByRole('table', { name: /Week of/ }).innerText(), /19:00/);

    // Ten Tuesdays: he checks the dates first and is shown the one that clashes.
    await follow(marcus.page, () => marcus.page.getByRole('button', { name: 'Book this space' }).click());
    await marcus.page.getByRole('textbox', { name: 'Day' }).fill(tuesday.day);
    await marcus.page.getByRole('textbox', { name: 'Month' }).fill(tuesday.month);
    await marcus.page.getByRole('textbox', { name: 'Year' }).fill(tuesday.year);
    await marcus.page.getByLabel('Every week').check();
    await marcus.page.getByLabel('How many times in all').fill('10');
    await marcus.page.getByLabel('From').fill('19:00');
    await marcus.page.getByLabel('Until').fill('21:00');
    await marcus.page.getByLabel('Number of people').fill('30');
    await marcus.page.getByLabel('What it is for').fill('Walking group talks: the Calder Way');
    await marcus.page.getByLabel('Community group').check();
    await follow(marcus.page, () => marcus.page.getByRole('button', { name: 'Send booking' }).click());
    assert.match(await marcus.page.locator('.govuk-error-summary').innerText(), /choose your group/);
    await marcus.page.getByLabel('Your group').selectOption({ index: 1 });
    await follow(marcus.page, () => marcus.page.getByRole('button', { name: 'Check dates' }).click());
    await assertFitsWidth(marcus.page);
    assert.match(await marcus.page.locator('main').innerText(), /1 date cannot be booked/);
    await follow(marcus.page, () => marcus.page.getByRole('button', { name: 'Send booking' }).click());
    assert.match(await banner(marcus.page), /Bookings sent: 9\. Left out because they clash or do not fit: 1\./);
    const summary = await marcus.page.locator('.govuk-summary-list').innerText();
    assert.match(summary, /Held, waiting for approval/);
    assert.match(summary, /Community group/);
    assert.match(summary, /£20/);
    await assertFitsWidth(marcus.page);
    const bookingUrl = marcus.page.url();

    // Samira sees it waiting and approves it.
    await visit(samira.page, '/places/calderbrook/spaces/bookings');
    const waiting = samira.page.getByRole('table', { name: 'Waiting for your decision' });
    await follow(samira.page, () =>
      waiting.getByRole('row').filter({ hasText: 'Victoria Hall' }).first().getByRole('link').click(),
    );
    await follow(samira.page, () => samira.page.getByRole('button', { name: 'Approve all 9 held dates' }).click());
    assert.match(await banner(samira.page), /Bookings approved: 9/);

    await visit(marcus.page, bookingUrl);
    assert.match(await marcus.page.locator('.govuk-summary-list').innerText(), /Confirmed/);
    await assertFitsWidth(marcus.page);

    // The invoice shows the community rate; the hall's public calendar lists its busy times, without names.
    const invoice = await marcus.page.request.get(`${bookingUrl}/invoice.pdf`);
    assert.match(await pdfText(await invoice.body()), /Community group rate[\s\S]*£20/);
    const spaceUrl = await marcus.page.getByRole('link', { name: 'Victoria Hall' }).getAttribute('href');
    const ics = await (await marcus.page.request.get(`${spaceUrl}/calendar.ics`)).text();
    assert.equal((ics.match(/BEGIN:VEVENT/g) ?? []).length, 10, 'his nine and the surgery');
    assert.equal((ics.match(/STATUS:CONFIRMED/g) ?? []).length, 9);
    assert.doesNotMatch(ics, /Calder Way|surgery/i);

    // His private calendar feed lists his nine bookings, with what they are for.
    await visit(marcus.page, '/places/calderbrook/spaces/bookings');
    await follow(marcus.page, () =>
      marcus.page.getByRole('link', { name: 'Your bookings in your own calendar' }).click(),
    );
    await follow(marcus.page, () => marcus.page.getByRole('button', { name: 'Make my calendar address' }).click());
    await assertFitsWidth(marcus.page);
    const address = await marcus.page.locator('#feed-address').innerText();
    const mine = await (await marcus.page.request.get(new URL(address.trim()).pathname)).text();
    assert.equal((mine.match(/DESCRIPTION:Walking group talks: the Calder Way/g) ?? []).length, 9, 'the nine talks');

    // The first talk moves half an hour earlier: the new time goes back to Samira, who approves it.
    await visit(marcus.page, bookingUrl);
    await follow(marcus.page, () =>
      marcus.page.getByRole('link', { name: 'Change the date, time or size of this booking' }).click(),
    );
    await assertFitsWidth(marcus.page);
    await marcus.page.getByLabel('From').fill('18:30');
    await marcus.page.getByLabel('Until').fill('20:30');
    await follow(marcus.page, () => marcus.page.getByRole('button', { name: 'Save the change' }).click());
    assert.match(await banner(marcus.page), /Booking changed/);
    await visit(samira.page, bookingUrl);
    assert.match(await samira.page.locator('.govuk-summary-list').innerText(), /Held, waiting for approval/);
    await follow(samira.page, () => samira.page.getByRole('button', { name: 'Approve booking' }).click());
    assert.match(await banner(samira.page), /Booking approved/);

    // Samira records the payment for it, and sees how the hall is used.
    await samira.page.getByLabel('Amount received').fill('20');
    const today = new Date().toISOString().slice(0, 10).split('-');
    await samira.page
      .getByRole('group', { name: 'Date it was paid' })
      .getByLabel('Day')
      .fill(String(Number(today[2])));
    await samira.page
      .getByRole('group', { name: 'Date it was paid' })
      .getByLabel('Month')
      .fill(String(Number(today[1])));
    await samira.page.getByRole('group', { name: 'Date it was paid' }).getByLabel('Year').fill(today[0]!);
    await samira.page.getByLabel('cash').check();
    await follow(samira.page, () => samira.page.getByRole('button', { name: 'Record the payment' }).click());
    assert.match(await banner(samira.page), /Payment recorded/);
    assert.match(await samira.page.locator('.govuk-summary-list').innerText(), /Paid\s+£20\s+Still to pay\s+£25/);
    await follow(samira.page, () => samira.page.getByRole('link', { name: 'Victoria Hall' }).click());
    await follow(samira.page, () => samira.page.getByRole('link', { name: 'How the space is used' }).click());
    assert.match(await samira.page.locator('main').innerText(), /Use by month/);
    assert.deepEqual([...samira.consoleErrors, ...marcus.consoleErrors], []);
  });
});
