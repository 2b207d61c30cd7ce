/**
 * Social prescribing and outcomes, in the browser: Daniel, a link worker, records a
 * "what matters to you" conversation and the person's consent, and refers them to the
 * walking group; Tom, its organiser (JavaScript off, a 320px phone), accepts and records
 * attendance; three months on Daniel records the person's ONS4 answers and the chart
 * shows the change; Samira, an officer, drafts a framework, Edna (a resident, on a phone
 * without JavaScript) writes its outcome and endorses it, Samira adopts it, publishes,
 * links the walking group and downloads the PDF report. Every page is checked with axe.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { pdfText } from '../../src/testing.js';
import { assertFitsWidth, follow, signIn, startJourney, visit, type Journey } from './harness.js';

let journey: Journey;
before(async () => {
  journey = await startJourney();
});
after(() => journey?.close());

async function fillDate(page: Page, legend: string, date: Date) {
  const group = page.getByRole('group', { name: legend });
  await group.getByLabel('Day').fill(String(date.getUTCDate()));
  await group.getByLabel('Month').fill(String(date.getUTCMonth() + 1));
  await group.getByLabel('Year').fill(String(date.getUTCFullYear()));
}

describe('social prescribing and outcomes', () => {
  test('a conversation with consent becomes a referral the walking group takes up, wellbeing improves, and the officer reports on it', async () => {
    const daniel = await journey.context();
    const tom = await journey.context({ javaScriptEnabled: false, viewport: { width: 320, height: 640 } });
    const samira = await journey.context();
    const p = daniel.page;

    // Daniel starts from what matters to the person.
    await signIn(p, 'linkworker@calderbrook.example');
    await visit(p, '/places/calderbrook');
    await follow(p, () => p.getByRole('link', { name: 'Social prescribing' }).click());
    await follow(p, () => p.getByRole('button', { name: 'Support someone new' }).click());
    await p.getByLabel('Full name').fill('Rosemary Haigh');
    await p.getByLabel('What they like to be called').fill('Rosie');
    await p.getByLabel('Access needs (optional)').fill('Walks with a stick; needs a bench every mile');
    await follow(p, () => p.getByRole('button', { name: 'Continue to the conversation' }).click());
    await p.getByLabel('Their strengths').fill('Knows every footpath in the valley');
    await p.getByLabel('Their interests').fill('walking, birdsong');
    await p.getByLabel('What they would like to do').fill('Get out with other people again');
    await follow(p, () => p.getByRole('button', { name: 'Save and continue to consent' }).click());

    // Consent, in the words shown to her.
    await p.getByLabel('Yes, they agree').check();
    await p.getByLabel('The name they like to be called').check();
    await p.getByLabel('Their access needs').check();
    await p
      .getByRole('group', { name: /message back/ })
      .getByLabel('Yes')
      .check();
    await follow(p, () => p.getByRole('button', { name: 'Record their decision' }).click());

    // The search starts from everything she said; Daniel refers her to the health walk, which says why it is there.
    assert.match(
      await p.locator('#everything').innerText(),
      /Searched with everything they said: walking, birdsong, get out with other people again\./,
    );
    assert.equal(await p.getByLabel('Search activities').inputValue(), '');
    assert.match(await p.locator('#activities-hint, .govuk-checkboxes__hint').first().innerText(), /Matches: walking/);
    await p.getByLabel('Health walk').first().check();
    await p.getByLabel('A note for the group (optional)').fill('Rosie would like to be met at the start.');
    await follow(p, () => p.getByRole('button', { name: 'Send the referrals' }).click());
    assert.match(await p.locator('.govuk-notification-banner').innerText(), /referrals are sent/);
    const recordUrl = new URL(p.url()).pathname;
    assert.match(
      await p.locator('#referrals + .kith-table-scroll table').innerText(),
      /Health walk\s+Calderbrook Walking Group\s+Sent/,
    );

    // Tom, on his phone without JavaScript, sees only what Rosie agreed to share.
    await signIn(tom.page, 'organiser@calderbrook.example');
    await visit(tom.page, '/places/calderbrook/referrals-in');
    await assertFitsWidth(tom.page);
    await follow(tom.page, () =>
      tom.page
        .getByRole('link', { name: /^Rosie/ })
        .first()
        .click(),
    );
    await assertFitsWidth(tom.page);
    const shared = await tom.page.locator('main').innerText();
    assert.match(shared, /Rosie/);
    assert.match(shared, /needs a bench every mile/);
    assert.doesNotMatch(shared, /Haigh|footpath/);
    for (const step of ['We accept the referral', 'We have been in touch with them', 'They came along']) {
      await tom.page.getByLabel(step).check();
      await follow(tom.page, () => tom.page.getByRole('button', { name: 'Save' }).click());
    }
    assert.match(await tom.page.locator('main').innerText(), /Attended/);

    // Three months on, Daniel records Rosie's answers and sees the change.
    const start = new Date(Date.now() - 92 * 86_400_000);
    for (const [timepoint, date, answers] of [
      ['At referral', start, ['3', '4', '3', '8']],
      ['3 months', new Date(), ['6', '7', '6', '4']],
    ] as const) {
      await visit(p, `${recordUrl}/wellbeing`);
      await p.getByLabel(timepoint).check();
      await fillDate(p, 'Date answered', date);
      const questions = [
        'Overall, how satisfied are you with your life nowadays?',
        'Overall, to what extent do you feel that the things you do in your life are worthwhile?',
        'Overall, how happy did you feel yesterday?',
        'Overall, how anxious did you feel yesterday?',
      ];
      for (const [i, question] of questions.entries()) await p.getByLabel(question).fill(answers[i]!);
      await follow(p, () => p.getByRole('button', { name: 'Save the answers' }).click());
    }
    const chart = p.locator('#wellbeing ~ figure svg');
    assert.match((await chart.locator('title').textContent()) ?? '', /Personal wellbeing over time/);
    assert.match(
      await p.locator('#wellbeing ~ figure figcaption').innerText(),
      /Life satisfaction: 3 to 6\. Worthwhile: 4 to 7\. Happiness: 3 to 6\. Anxiety: 8 to 4\./,
    );

    // Samira builds a framework with residents' outcomes, links the walking group and downloads the report.
    const s = samira.page;
    await signIn(s, 'officer@calderbrook.example');
    await visit(s, '/places/calderbrook/outcomes');
    await follow(s, () => s.getByRole('button', { name: 'Start an outcomes framework' }).click());
    await s.getByLabel('Title').fill('Valley walking for wellbeing');
    await s.getByLabel('Residents endorsing each outcome').fill('1');
    await follow(s, () => s.getByRole('button', { name: 'Start the draft' }).click());
    const draftUrl = s.url();

    // Edna, a resident, writes the outcome herself on her phone without JavaScript.
    const edna = await journey.context({ javaScriptEnabled: false, viewport: { width: 320, height: 640 } });
    const e = edna.page;
    await signIn(e, 'resident@calderbrook.example');
    await visit(e, draftUrl);
    await e.getByText('Suggest an outcome').click();
    await e.getByLabel('The outcome you suggest').fill('People feel less alone');
    await follow(e, () => e.getByRole('button', { name: 'Send your suggestion' }).click());
    assert.match(await e.locator('main').innerText(), /Suggested by Edna Price/);
    await assertFitsWidth(e);

    // Samira adopts it: it joins the framework in Edna's name.
    await visit(s, draftUrl);
    await follow(s, () => s.getByRole('button', { name: 'Adopt the suggestion “People feel less alone”' }).click());
    assert.match(await s.locator('main').innerText(), /Suggested by Edna Price, a resident/);
    await follow(s, () => s.getByRole('link', { name: /Add an indicator/ }).click());
    await s.getByLabel('Indicator', { exact: true }).fill('Talks with someone new at the walk');
    await s.getByLabel('A check-in question').check();
    await s.getByLabel('The question groups ask').fill('Today I talked with someone new');
    await follow(s, () => s.getByRole('button', { name: 'Add the indicator' }).click());
    // Not before a resident endorses it.
    await follow(s, () => s.getByRole('button', { name: 'Publish the framework' }).click());
    assert.match(
      await s.locator('.govuk-error-summary').innerText(),
      /“People feel less alone” needs more residents endorsing it before publishing \(at least 1\)/,
    );
    await visit(e, draftUrl);
    await follow(e, () => e.getByRole('button', { name: 'I endorse this outcome' }).first().click());
    await follow(s, () => s.getByRole('button', { name: 'Publish the framework' }).click());
    assert.match(await s.locator('.govuk-notification-banner').innerText(), /framework is published/);
    await follow(s, () => s.getByRole('link', { name: 'Link activities and programmes to outcomes' }).click());
    await s.getByLabel('Find activities').fill('health walk');
    await follow(s, () => s.getByRole('button', { name: 'Search' }).click());
    await s.getByLabel('Outcome').first().selectOption({ label: 'People feel less alone' });
    await s.getByLabel('Health walk').first().check();
    await follow(s, () => s.getByRole('button', { name: 'Link the activities' }).click());
    assert.match(await s.locator('main').innerText(), /Linked: Health walk/);

    await visit(s, '/places/calderbrook/reports');
    assert.match(await s.locator('main').innerText(), /Valley walking for wellbeing/);
    const href = await s.getByRole('link', { name: 'Download as PDF' }).getAttribute('href');
    const pdf = await s.request.get(href!);
    assert.equal(pdf.headers()['content-type'], 'application/pdf');
    const text = await pdfText(await pdf.body());
    assert.match(text, /Impact report: Calderbrook/);
    assert.match(text, /Referrals by status/);
    assert.match(text, /Valley walking for wellbeing/);
    assert.match(text, /People feel less alone/);
    assert.doesNotMatch(text, /Rosemary|Haigh|Rosie/);

    assert.deepEqual([...daniel.consoleErrors, ...tom.consoleErrors, ...samira.consoleErrors], []);
    await Promise.all([daniel.context.close(), tom.context.close(), samira.context.close()]);
  });
});
