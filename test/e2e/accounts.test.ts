import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { assertAccessible, assertFitsWidth, signIn, startJourney, visit, type Journey } from './harness.js';

let journey: Journey;
before(async () => {
  journey = await startJourney();
});
after(() => journey?.close());

/** English strings from the catalogue that are still on a page that should be all Welsh. */
function englishLeftOn(text: string): string[] {
  const { catalogue } = journey.kith.kith;
  return catalogue
    .keys('en')
    .map((key) => ({ en: catalogue.t('en', key), cy: catalogue.t('cy', key) }))
    .filter(({ en, cy }) => en !== cy && en.length >= 12 && !en.includes('{'))
    .map(({ en }) => en)
    .filter((en) => text.includes(en));
}

/**
 * The link in the latest email with this subject, read from the development mailbox as
 * an admin (only an admin may read it), in a browser profile of its own.
 */
async function linkInMail(subject: string, body: RegExp, linkPath: string): Promise<string> {
  const { page, context } = await journey.context();
  await signIn(page, 'admin@calderbrook.example');
  let found = false;
  for (let i = 0; i < 40 && !found; i++) {
    await visit(page, '/dev/mail');
    found = (await page.getByRole('link', { name: subject }).count()) > 0;
    if (!found) await page.waitForTimeout(100);
  }
  assert.ok(found, `"${subject}" reached the development mailbox`);
  await page.getByRole('link', { name: subject }).first().click();
  await page.waitForLoadState();
  await assertAccessible(page);
  assert.match(await page.getByTestId('mail-body').innerText(), body);
  const href = await page.locator(`a[href*="${linkPath}"]`).first().getAttribute('href');
  await context.close();
  assert.ok(href, `the email has a ${linkPath} link`);
  return href;
}

async function signUp(page: Page, details: { name: string; email: string; password: string; place: string }) {
  await page.getByLabel('Your name').fill(details.name);
  await page.getByLabel('Email address').fill(details.email);
  await page.getByLabel('Create a password').fill(details.password);
  await page.getByLabel(details.place).check();
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForLoadState();
}

describe('a new resident', () => {
  test('signs up, signs in, switches to Welsh and signs out', async () => {
    const { page, context, consoleErrors } = await journey.context();
    await visit(page, '/');
    await page.getByRole('link', { name: 'Create an account' }).first().click();
    await assertAccessible(page);

    // A mistake first: the error summary links to the field, the field says what is wrong.
    await page.getByRole('button', { name: 'Create account' }).click();
    await assertAccessible(page);
    await assert.doesNotReject(page.getByRole('heading', { name: 'There is a problem' }).waitFor());
    assert.equal(await page.title(), 'Error: Create an account – Kith');
    assert.ok(await page.locator('#name-error').isVisible());

    await signUp(page, {
      name: 'Bethan Morgan',
      email: 'bethan@example.org',
      password: 'a walk by the river',
      place: 'Calderbrook',
    });
    await assertAccessible(page);
    assert.match(
      await page.locator('.govuk-notification-banner').innerText(),
      /We have sent an email to the address you gave/,
    );
    assert.doesNotMatch(page.url(), /bethan|example\.org/, 'the email address is not put in the URL');
    await page.getByLabel('Email address').fill('bethan@example.org');

    await page.getByLabel('Password', { exact: true }).fill('a walk by the river');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForLoadState();
    await assertAccessible(page);
    assert.equal(new URL(page.url()).pathname, '/places/calderbrook');
    assert.ok(await page.getByRole('button', { name: 'Sign out' }).isVisible());

    // Until the address is confirmed the place is closed to her, and every page says why.
    assert.match(await page.getByRole('region', { name: 'Important' }).innerText(), /Confirm your email address/);
    assert.match(await page.locator('main').innerText(), /Confirm your email address to take part in Calderbrook/);
    const confirm = await linkInMail(
      'Confirm your email address for Kith',
      /confirm this is your email address/,
      '/confirm-email/',
    );
    await visit(page, new URL(confirm).pathname);
    await assertAccessible(page);
    await page.getByRole('button', { name: 'Confirm my email address' }).click();
    await page.waitForLoadState();
    await assertAccessible(page);
    assert.equal(new URL(page.url()).pathname, '/account');
    assert.match(await page.locator('.govuk-notification-banner').innerText(), /Your email address is confirmed/);
    assert.match(await page.locator('main').innerText(), /Calderbrook: Resident/);

    await page.getByRole('link', { name: 'Cymraeg' }).click();
    await page.waitForLoadState();
    await assertAccessible(page);
    assert.equal(await page.locator('html').getAttribute('lang'), 'cy');
    assert.deepEqual(englishLeftOn(await page.locator('body').innerText()), []);

    await page.getByRole('link', { name: 'Eich cyfrif', exact: true }).click();
    await page.waitForLoadState();
    await assertAccessible(page);
    assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Eich cyfrif');
    assert.deepEqual(englishLeftOn(await page.locator('body').innerText()), []);

    await page.getByRole('button', { name: 'Allgofnodi' }).click();
    await page.waitForLoadState();
    await assertAccessible(page);
    assert.match(await page.locator('.govuk-notification-banner').innerText(), /Rydych wedi allgofnodi/);
    assert.ok(await page.getByRole('link', { name: 'Mewngofnodi' }).first().isVisible());
    assert.deepEqual(consoleErrors, []);
    await context.close();
  });

  test('signs up with JavaScript off on a 320px-wide screen', async () => {
    const { page, context, consoleErrors } = await journey.context({
      javaScriptEnabled: false,
      viewport: { width: 320, height: 640 },
    });
    await visit(page, '/sign-up');
    await assertFitsWidth(page);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForLoadState();
    await assertAccessible(page);
    await assertFitsWidth(page);
    assert.match(await page.locator('.govuk-error-summary').innerText(), /Enter your name/);

    await signUp(page, {
      name: 'Owen Price',
      email: 'owen@example.org',
      password: 'no scripts needed here',
      place: 'Aberllyn',
    });
    await assertAccessible(page);
    await assertFitsWidth(page);
    await page.getByLabel('Email address').fill('owen@example.org');
    await page.getByLabel('Password', { exact: true }).fill('no scripts needed here');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForLoadState();
    await assertAccessible(page);
    await assertFitsWidth(page);
    assert.equal(new URL(page.url()).pathname, '/places/aberllyn');
    assert.deepEqual(consoleErrors, []);
    await context.close();
  });

  test('resets a forgotten password through the emailed link', async () => {
    const { page, context, consoleErrors } = await journey.context();
    await visit(page, '/sign-in');
    await page.getByRole('link', { name: 'I have forgotten my password' }).click();
    await assertAccessible(page);
    await page.getByLabel('Email address').fill('maureen@calderbrook.example');
    await page.getByRole('button', { name: 'Send the link' }).click();
    await page.waitForLoadState();
    await assertAccessible(page);
    assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Check your email');

    // The email arrives in the development mailbox once the job worker has sent it.
    await page.goto(await linkInMail('Reset your Kith password', /maureen|Maureen/, '/password-reset/'));
    await page.waitForLoadState();
    await assertAccessible(page);

    await page.getByLabel('Create a password').fill('roses in the spring');
    await page.getByLabel('Type the password again').fill('roses in the spring');
    await page.getByRole('button', { name: 'Save new password' }).click();
    await page.waitForLoadState();
    await assertAccessible(page);
    assert.match(await page.locator('.govuk-notification-banner').innerText(), /Your password has been changed/);
    assert.equal(new URL(page.url()).search, '', 'the email address stays out of the address bar');

    await page.getByLabel('Email address').fill('maureen@calderbrook.example');
    await page.getByLabel('Password', { exact: true }).fill('roses in the spring');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForLoadState();
    assert.equal(new URL(page.url()).pathname, '/places/calderbrook');
    assert.deepEqual(consoleErrors, []);
    await context.close();
  });

  test('downloads everything Kith holds about them, then deletes their account', async () => {
    const { page, context, consoleErrors } = await journey.context({ acceptDownloads: true });
    await signIn(page, 'yusuf@calderbrook.example');
    await visit(page, '/account');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download your data (JSON)' }).click(),
    ]);
    const data = JSON.parse(fs.readFileSync((await download.path())!, 'utf8'));
    assert.equal(data.people.account.email, 'yusuf@calderbrook.example');
    assert.equal(data.people.account.name, 'Yusuf Rahimi');
    assert.ok(data.people.roles.some((r: { role: string }) => r.role === 'resident'));

    await page.getByRole('link', { name: 'Delete your account' }).click();
    await page.waitForLoadState();
    await assertAccessible(page);
    await page.getByRole('button', { name: 'Delete my account' }).click();
    await page.waitForLoadState();
    await assertAccessible(page);
    assert.match(await page.locator('.govuk-error-summary').innerText(), /Enter your password/);

    await page.getByLabel('Enter your password to confirm it is you').fill('together-in-kith');
    await page.getByLabel('I understand my account will be deleted').check();
    await page.getByRole('button', { name: 'Delete my account' }).click();
    await page.waitForLoadState();
    await assertAccessible(page);
    assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Your account has been deleted');

    // The account is gone: signing in again fails.
    await visit(page, '/sign-in');
    await page.getByLabel('Email address').fill('yusuf@calderbrook.example');
    await page.getByLabel('Password', { exact: true }).fill('together-in-kith');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForLoadState();
    await assertAccessible(page);
    assert.match(await page.locator('.govuk-error-summary').innerText(), /Enter a correct email address and password/);
    assert.deepEqual(consoleErrors, []);
    await context.close();
  });
});
