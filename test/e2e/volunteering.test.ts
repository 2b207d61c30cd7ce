/**
 * The journey, in the browser: a coordinator creates a recurring shift role
 * needing an enhanced DBS check; a resident (JavaScript off) signs up and is held
 * pending the check; the coordinator records the check and confirms; the volunteer
 * attends and logs 3 hours; the coordinator confirms them; the certificate PDF shows
 * them. Every page is checked with axe.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { pdfText } from '../../src/testing.js';
import { assertFitsWidth, banner, follow, signIn, startJourney, visit, type Journey } from './harness.js';

let journey: Journey;
before(async () => {
  journey = await startJourney();
});
after(() => journey?.close());

function dateIn(days: number) {
  const d = new Date(Date.now() + days * 86_400_000);
  const [year, month, day] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(d).split('-');
  return { day: String(Number(day)), month: String(Number(month)), year: year! };
}

async function fillDate(page: Page, group: string, date: { day: string; month: string; year: string }) {
  const fieldset = page.getByRole('group', { name: group, exact: true });
  await fieldset.getByLabel('Day').fill(date.day);
  await fieldset.getByLabel('Month').fill(date.month);
  await fieldset.getByLabel('Year').fill(date.year);
}

describe('volunteering', () => {
  test('a role needing an enhanced check: signed up, held, checked, confirmed, attended, 3 hours confirmed, on the certificate', async () => {
    const tom = await journey.context();
    const harold = await journey.context({ javaScriptEnabled: false, viewport: { width: 320, height: 640 } });

    // Tom coordinates Friends of Calder Park's volunteers and publishes a role.
    await signIn(tom.page, 'organiser@calderbrook.example');
    await visit(tom.page, '/places/calderbrook');
    await follow(tom.page, () => tom.page.getByRole('link', { name: 'Run volunteering' }).click());
    await follow(tom.page, () => tom.page.getByRole('link', { name: 'Friends of Calder Park' }).click());
    await follow(tom.page, () => tom.page.getByRole('link', { name: 'Publish a role' }).click());
    await follow(tom.page, () => tom.page.getByRole('button', { name: 'Save' }).click());
    assert.match(await tom.page.locator('.govuk-error-summary').innerText(), /Enter the name of the role/);
    await tom.page.getByLabel('Name of the role').fill('Young rangers’ helper');
    await tom.page
      .getByLabel('What the volunteer does')
      .fill('Help run Saturday nature sessions for children aged 8 to 12 in Calder Park.');
    await tom.page.getByLabel('Time it takes').fill('Three hours on Saturday mornings');
    await tom.page.getByRole('group', { name: 'How often' }).getByLabel('Regular').check();
    await tom.page.getByRole('group', { name: 'What it is about' }).getByLabel('Children and young people').check();
    await tom.page.getByRole('group', { name: 'What it is about' }).getByLabel('Environment').check();
    await tom.page.getByRole('group', { name: 'Can it be done from home?' }).getByLabel('No').check();
    await tom.page.getByLabel('Postcode where it happens').fill('KL1 1AA');
    await tom.page.getByLabel('Shifts with a set number of places').check();
    await tom.page.getByLabel('Enhanced DBS check').check();
    await follow(tom.page, () => tom.page.getByRole('button', { name: 'Save' }).click());
    assert.match(await banner(tom.page), /The role has been saved/);

    // Weekly shifts, four of them, four places each.
    await fillDate(tom.page, 'Date of the first shift', dateIn(3));
    await tom.page.getByLabel('Starts').fill('10:00');
    await tom.page.getByLabel('Ends').fill('13:00');
    await tom.page.getByLabel('Places on each shift').fill('4');
    await tom.page.getByLabel('Every week').check();
    await tom.page.getByLabel('How many shifts in all').fill('4');
    await follow(tom.page, () => tom.page.getByRole('button', { name: 'Add shifts' }).click());
    assert.match(await banner(tom.page), /\d+ shifts have been added/);
    assert.equal(await tom.page.getByRole('link', { name: /10:00–13:00/ }).count(), 4);

    // Harold, with no JavaScript on a small phone, finds it and signs up: his place is held.
    await signIn(harold.page, 'harold@calderbrook.example');
    await visit(harold.page, '/places/calderbrook');
    await follow(harold.page, () => harold.page.getByRole('link', { name: 'Volunteer', exact: true }).click());
    await harold.page.getByLabel('Words').fill('rangers');
    await follow(harold.page, () => harold.page.getByRole('button', { name: 'Search' }).click());
    await assertFitsWidth(harold.page);
    await follow(harold.page, () => harold.page.getByRole('link', { name: 'Young rangers’ helper' }).click());
    assert.match(await harold.page.locator('.govuk-summary-list').innerText(), /Enhanced DBS check/);
    await harold.page.getByRole('group', { name: 'Which shift?' }).getByRole('radio').first().check();
    await follow(harold.page, () => harold.page.getByRole('button', { name: 'Sign up' }).click());
    assert.match(await banner(harold.page), /Your place is held/);
    assert.match(
      await harold.page.getByTestId('signup').first().innerText(),
      /Young rangers’ helper[\s\S]*Place held: waiting for checks/,
    );
    await assertFitsWidth(harold.page);

    // Tom sees him waiting, cannot confirm him without the check, records it, and confirms.
    await visit(tom.page, '/places/calderbrook/volunteering/manage');
    await follow(tom.page, () => tom.page.getByRole('link', { name: 'Friends of Calder Park' }).click());
    assert.match(
      await tom.page.getByTestId('awaiting').filter({ hasText: 'Harold Whitfield' }).innerText(),
      /Place held: waiting for checks\s+0 days/,
    );
    await follow(tom.page, () => tom.page.getByRole('link', { name: 'Harold Whitfield' }).click());
    const signupCard = tom.page.getByTestId('signup').filter({ hasText: 'Young rangers’ helper' });
    await follow(tom.page, () => signupCard.getByRole('button', { name: 'Confirm' }).click());
    assert.match(
      await tom.page.locator('.govuk-error-summary').innerText(),
      /They cannot be confirmed yet: Enhanced DBS check not recorded/,
    );
    await tom.page.getByRole('group', { name: 'Kind of check' }).getByLabel('Enhanced DBS check').check();
    await fillDate(tom.page, 'Date of the check', dateIn(-10));
    await fillDate(tom.page, 'Date it expires (optional)', dateIn(3 * 365));
    await follow(tom.page, () => tom.page.getByRole('button', { name: 'Record check' }).click());
    assert.match(await banner(tom.page), /The check has been recorded/);
    await follow(tom.page, () =>
      tom.page
        .getByTestId('signup')
        .filter({ hasText: 'Young rangers’ helper' })
        .getByRole('button', { name: 'Confirm' })
        .click(),
    );
    assert.match(await banner(tom.page), /They have been confirmed/);

    // The shift happens: Tom marks Harold as there.
    await visit(tom.page, '/places/calderbrook/volunteering/manage');
    await follow(tom.page, () => tom.page.getByRole('link', { name: 'Friends of Calder Park' }).click());
    await follow(tom.page, () => tom.page.getByRole('link', { name: 'Young rangers’ helper' }).click());
    await follow(tom.page, () =>
      tom.page
        .getByRole('link', { name: /10:00–13:00/ })
        .first()
        .click(),
    );
    await tom.page.getByLabel('Harold Whitfield').check();
    await follow(tom.page, () => tom.page.getByRole('button', { name: 'Save attendance' }).click());
    assert.match(await banner(tom.page), /Attendance has been saved/);

    // Harold logs 3 hours.
    await visit(harold.page, '/places/calderbrook/volunteering/mine');
    assert.match(await harold.page.getByTestId('signup').first().innerText(), /Confirmed/);
    await harold.page.getByLabel('Young rangers’ helper (Friends of Calder Park)').check();
    await fillDate(harold.page, 'Date', dateIn(0));
    await harold.page.getByLabel('Hours', { exact: true }).fill('3');
    await harold.page.getByLabel('Minutes', { exact: true }).fill('0');
    await follow(harold.page, () => harold.page.getByRole('button', { name: 'Log hours' }).click());
    assert.match(await banner(harold.page), /Your hours have been logged/);

    // Tom confirms them.
    await visit(tom.page, '/places/calderbrook/volunteering/manage');
    await follow(tom.page, () => tom.page.getByRole('link', { name: 'Friends of Calder Park' }).click());
    await follow(tom.page, () =>
      tom.page.getByRole('button', { name: 'Confirm 3 hours for Harold Whitfield', exact: true }).click(),
    );
    assert.match(await banner(tom.page), /The hours have been confirmed/);

    // Harold's record and certificate show them.
    await visit(harold.page, '/places/calderbrook/volunteering/mine');
    assert.match(await harold.page.getByTestId('total').innerText(), /You have given 3 hours/);
    const href = await harold.page
      .getByRole('link', { name: 'Download your certificate of hours (PDF)' })
      .getAttribute('href');
    const pdf = await harold.context.request.get(href!);
    assert.equal(pdf.headers()['content-type'], 'application/pdf');
    const text = await pdfText(await pdf.body());
    assert.match(text, /Certificate of volunteering/);
    assert.match(text, /Harold Whitfield has given 3 hours of their time as a volunteer in Calderbrook/);
    assert.match(text, /Friends of Calder Park 3/);

    // The organisation's report counts them, and Harold can suggest something else to do.
    await visit(tom.page, '/places/calderbrook/volunteering/manage');
    await follow(tom.page, () => tom.page.getByRole('link', { name: 'Friends of Calder Park' }).click());
    await follow(tom.page, () => tom.page.getByRole('link', { name: 'Report: hours and retention' }).click());
    assert.match(await tom.page.locator('.govuk-table').innerText(), /Friends of Calder Park[\s\S]*3/);
    await visit(harold.page, '/places/calderbrook/volunteering/suggest');
    await harold.page.getByLabel('Organisation').selectOption({ label: 'Friends of Calder Park' });
    await harold.page.getByLabel('What would you like done?').fill('A bird-box building morning');
    await follow(harold.page, () => harold.page.getByRole('button', { name: 'Send suggestion' }).click());
    assert.match(await harold.page.getByTestId('my-suggestion').innerText(), /A bird-box building morning/);
    await assertFitsWidth(harold.page);

    assert.deepEqual(tom.consoleErrors, []);
    await tom.context.close();
    await harold.context.close();
  });

  test('the coordinator edits the role to need training, holding Harold’s place, then cancels a shift with a reason', async () => {
    const tom = await journey.context();
    const harold = await journey.context({ javaScriptEnabled: false, viewport: { width: 320, height: 640 } });
    await signIn(tom.page, 'organiser@calderbrook.example');
    await signIn(harold.page, 'harold@calderbrook.example');

    await visit(tom.page, '/places/calderbrook/volunteering/manage');
    await follow(tom.page, () => tom.page.getByRole('link', { name: 'Friends of Calder Park' }).click());
    await follow(tom.page, () => tom.page.getByRole('link', { name: 'Young rangers’ helper' }).click());
    await follow(tom.page, () => tom.page.getByRole('link', { name: 'Edit the role' }).click());
    assert.equal(await tom.page.getByLabel('Name of the role').inputValue(), 'Young rangers’ helper');
    assert.equal(await tom.page.getByLabel('Enhanced DBS check').isChecked(), true);
    await tom.page.getByLabel('Time it takes').fill('');
    await follow(tom.page, () => tom.page.getByRole('button', { name: 'Save' }).click());
    assert.match(await tom.page.locator('.govuk-error-summary').innerText(), /Say how much time it takes/);
    await tom.page.getByLabel('Time it takes').fill('Three hours on Saturday mornings, with a break');
    await tom.page.getByLabel('Training').check();
    await follow(tom.page, () => tom.page.getByRole('button', { name: 'Save' }).click());
    assert.match(await banner(tom.page), /1 confirmed volunteer does not have the checks it now needs/);

    await visit(harold.page, '/places/calderbrook/volunteering/mine');
    assert.match(await harold.page.getByTestId('signup').first().innerText(), /Place held: waiting for checks/);

    // Tom cancels Harold's shift: the reason is needed, then everyone is told.
    await follow(tom.page, () =>
      tom.page
        .getByRole('link', { name: /10:00–13:00/ })
        .first()
        .click(),
    );
    await follow(tom.page, () => tom.page.getByRole('button', { name: 'Cancel the shift' }).click());
    assert.match(await tom.page.locator('.govuk-error-summary').innerText(), /Say why the shift is cancelled/);
    await tom.page.getByLabel('Why is the shift cancelled?').fill('The park is closed for tree surgery');
    await follow(tom.page, () => tom.page.getByRole('button', { name: 'Cancel the shift' }).click());
    assert.match(await banner(tom.page), /The shift has been cancelled/);
    assert.match(
      await tom.page.locator('.govuk-warning-text').innerText(),
      /This shift was cancelled: The park is closed for tree surgery/,
    );

    await visit(harold.page, '/places/calderbrook/volunteering');
    await harold.page.getByLabel('Words').fill('rangers');
    await follow(harold.page, () => harold.page.getByRole('button', { name: 'Search' }).click());
    await follow(harold.page, () => harold.page.getByRole('link', { name: 'Young rangers’ helper' }).click());
    assert.equal(await harold.page.getByRole('group', { name: 'Which shift?' }).getByRole('radio').count(), 3);
    await assertFitsWidth(harold.page);

    assert.deepEqual(tom.consoleErrors, []);
    await tom.context.close();
    await harold.context.close();
  });

  test('Yusuf shares the Repair Café’s check with Age Friendly Calderbrook, whose coordinator accepts it and confirms him without a new check', async () => {
    const yusuf = await journey.context({ javaScriptEnabled: false, viewport: { width: 320, height: 640 } });
    const grace = await journey.context();
    await signIn(yusuf.page, 'yusuf@calderbrook.example');
    await signIn(grace.page, 'coordinator@calderbrook.example');

    // Yusuf, on a small phone without JavaScript, lets Age Friendly see his checks.
    await visit(yusuf.page, '/places/calderbrook/volunteering/mine');
    await yusuf.page
      .getByRole('group', { name: 'Which organisation can see your checks?' })
      .getByLabel('Age Friendly Calderbrook')
      .check();
    await follow(yusuf.page, () => yusuf.page.getByRole('button', { name: 'Share my checks' }).click());
    assert.match(await banner(yusuf.page), /Your checks have been shared/);
    assert.match(await yusuf.page.getByTestId('share').innerText(), /Age Friendly Calderbrook can see your checks/);
    await assertFitsWidth(yusuf.page);

    // Grace sees the check, where it came from, accepts it and confirms him.
    await visit(grace.page, '/places/calderbrook/volunteering/manage');
    await follow(grace.page, () => grace.page.getByRole('link', { name: 'Age Friendly Calderbrook' }).click());
    await follow(grace.page, () => grace.page.getByRole('link', { name: 'Yusuf Rahimi' }).click());
    const shared = grace.page.getByTestId('shared-check');
    assert.match(await shared.innerText(), /Basic DBS check[\s\S]*Recorded by\s+Calderbrook Repair Café/);
    await follow(grace.page, () => shared.getByRole('button', { name: 'Accept this check' }).click());
    assert.match(await banner(grace.page), /The check has been accepted and recorded/);
    assert.match(
      await grace.page.getByTestId('check').innerText(),
      /Basic DBS check: .*\(accepted from Calderbrook Repair Café\)/,
    );
    await follow(grace.page, () =>
      grace.page
        .getByTestId('signup')
        .filter({ hasText: 'Shopping trip helper' })
        .getByRole('button', { name: 'Confirm' })
        .click(),
    );
    assert.match(await banner(grace.page), /They have been confirmed/);

    await visit(yusuf.page, '/places/calderbrook/volunteering/mine');
    assert.match(
      await yusuf.page.getByTestId('signup').filter({ hasText: 'Shopping trip helper' }).innerText(),
      /Confirmed/,
    );

    assert.deepEqual(grace.consoleErrors, []);
    await grace.context.close();
    await yusuf.context.close();
  });
});
