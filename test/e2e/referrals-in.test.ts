/**
 * Support from every kind of referrer, in the browser. Yusuf (JavaScript off, a 320px
 * phone) asks for support himself, choosing a befriender; Grace, who coordinates Age
 * Friendly Calderbrook, accepts his request for a match, puts him on the scheme's
 * waiting list and introduces him to Kemi; Yusuf sees where his request stands. Dev,
 * a probation officer, refers Lee to the Moving On peer mentors and sees only its
 * name and status as Grace takes it up. Every page is checked with axe.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { assertFitsWidth, banner, follow, signIn, visit, startJourney, type Journey } from './harness.js';

let journey: Journey;
before(async () => {
  journey = await startJourney();
});
after(() => journey?.close());

describe('referrals from everyone', () => {
  test('a resident refers himself and is matched with a befriender', async () => {
    const yusuf = await journey.context({ javaScriptEnabled: false, viewport: { width: 320, height: 640 } });
    const grace = await journey.context();

    await signIn(yusuf.page, 'yusuf@calderbrook.example');
    await visit(yusuf.page, '/places/calderbrook');
    await follow(yusuf.page, () => yusuf.page.getByRole('link', { name: 'Your support' }).click());
    await follow(yusuf.page, () => yusuf.page.getByRole('button', { name: 'Ask for support' }).click());
    await assertFitsWidth(yusuf.page);
    // Sent without agreeing: told beside the box, and nothing is sent.
    await yusuf.page.getByLabel('What would you like to do, or to change?').fill('Have someone to talk to');
    await yusuf.page
      .getByRole('group', { name: 'What would you like?' })
      .getByLabel('Good Neighbours befriending')
      .check();
    await follow(yusuf.page, () => yusuf.page.getByRole('button', { name: 'Send my request' }).click());
    assert.match(await yusuf.page.locator('#agree-error').innerText(), /Tick to agree/);
    await assertFitsWidth(yusuf.page);
    await yusuf.page.getByLabel('What do you enjoy, or used to enjoy?').fill('football, cooking');
    await yusuf.page.getByLabel('When and how is best to contact you?').fill('Evenings, by email');
    await yusuf.page
      .getByLabel('Anything you want to say about this, in your own words')
      .fill('Not before noon, please');
    await yusuf.page.getByLabel('I agree to what is written above').check();
    await follow(yusuf.page, () => yusuf.page.getByRole('button', { name: 'Send my request' }).click());
    assert.match(await banner(yusuf.page), /Your request is sent/);
    const mine = await yusuf.page.locator('main').innerText();
    assert.match(mine, /Daniel Hughes is your link worker/);
    assert.match(mine, /In my own words: Not before noon, please/);
    assert.match(mine, /Good Neighbours befriending .*: Sent/);
    await assertFitsWidth(yusuf.page);

    // Grace receives it as a request for a match, with what Yusuf agreed to share.
    await signIn(grace.page, 'coordinator@calderbrook.example');
    await visit(grace.page, '/places/calderbrook');
    await follow(grace.page, () => grace.page.getByRole('link', { name: 'Referrals to your groups' }).click());
    await follow(grace.page, () =>
      grace.page.getByRole('link', { name: /Yusuf – Good Neighbours befriending/ }).click(),
    );
    assert.match(await grace.page.locator('main').innerText(), /football, cooking/);
    await grace.page
      .getByRole('group', { name: 'What has happened since?' })
      .getByLabel('We accept the referral')
      .check();
    await follow(grace.page, () => grace.page.getByRole('button', { name: 'Save' }).click());

    // She puts him on the waiting list and introduces him to Kemi, who is checked and free.
    await visit(grace.page, '/places/calderbrook');
    await follow(grace.page, () => grace.page.getByRole('link', { name: 'Run befriending' }).click());
    await follow(grace.page, () => grace.page.getByRole('link', { name: 'Good Neighbours befriending' }).click());
    await follow(grace.page, () => grace.page.getByRole('link', { name: /Add a neighbour/ }).click());
    await grace.page.getByLabel('Their name').fill('Yusuf Rahimi');
    await grace.page.getByLabel(/How to reach them/).fill('yusuf@calderbrook.example, evenings');
    await grace.page
      .getByRole('group', { name: /Languages/ })
      .getByLabel('English')
      .check();
    await grace.page.getByRole('group', { name: 'Things you enjoy' }).getByLabel('Cooking').check();
    await grace.page.getByRole('group', { name: 'How you would like to meet' }).getByLabel('Phone calls').check();
    await follow(grace.page, () => grace.page.getByRole('button', { name: 'Save' }).click());
    assert.match(await banner(grace.page), /Here are the people who might suit them/);
    const kemi = grace.page.getByTestId('suggestion').filter({ hasText: 'Kemi Adeyemi' });
    await follow(grace.page, () =>
      kemi.getByRole('button', { name: 'Introduce Yusuf Rahimi and Kemi Adeyemi' }).click(),
    );
    assert.match(await banner(grace.page), /Introduced/);

    await visit(yusuf.page, '/places/calderbrook/my-support');
    assert.match(await yusuf.page.locator('main').innerText(), /Good Neighbours befriending .*: Accepted/);
    await assertFitsWidth(yusuf.page);
  });

  test('a probation officer refers someone to a peer-support scheme and sees only its status', async () => {
    const dev = await journey.context();
    const grace = await journey.context();
    await signIn(dev.page, 'probation@calderbrook.example');
    await visit(dev.page, '/places/calderbrook');
    await follow(dev.page, () => dev.page.getByRole('link', { name: 'Referrals you have sent' }).click());
    await follow(dev.page, () => dev.page.getByRole('button', { name: 'Refer someone' }).click());
    await dev.page.getByLabel('Your service').fill('Calderbrook Probation Service');
    await dev.page.getByLabel('Full name').fill('Lee Marsh');
    await dev.page.getByLabel('What they like to be called').fill('Lee');
    await dev.page.getByLabel('Phone number (optional)').fill('07700 900123');
    await dev.page
      .getByLabel('What would they like to do, or to change?')
      .fill('Find work, and friends who keep him out of trouble');
    await dev.page.getByLabel('What do they enjoy?').fill('fishing, fixing bikes');
    await dev.page
      .getByRole('group', { name: 'What support are you referring them to?' })
      .getByLabel('Moving On peer mentors')
      .check();
    const given = dev.page.getByRole('group', { name: 'Date they decided' });
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date()).split('-');
    await given.getByLabel('Day').fill(String(Number(today[2])));
    await given.getByLabel('Month').fill(String(Number(today[1])));
    await given.getByLabel('Year').fill(today[0]!);
    await dev.page.getByLabel(/They agreed to this referral/).check();
    await follow(dev.page, () => dev.page.getByRole('button', { name: 'Send the referral' }).click());
    assert.match(await banner(dev.page), /The referral is sent to the scheme/);
    let sent = await dev.page.locator('main').innerText();
    assert.match(sent, /Lee Marsh/);
    assert.match(sent, /Moving On peer mentors.*\n?.*Sent/);
    assert.doesNotMatch(sent, /fishing/);

    await signIn(grace.page, 'coordinator@calderbrook.example');
    await visit(grace.page, '/places/calderbrook/referrals-in');
    await follow(grace.page, () => grace.page.getByRole('link', { name: /Lee – Moving On peer mentors/ }).click());
    await grace.page
      .getByRole('group', { name: 'What has happened since?' })
      .getByLabel('We accept the referral')
      .check();
    await follow(grace.page, () => grace.page.getByRole('button', { name: 'Save' }).click());

    await dev.page.reload();
    sent = await dev.page.locator('main').innerText();
    assert.match(sent, /Accepted/);
  });
});
