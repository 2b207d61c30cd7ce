/**
 * The journey, in the browser: the officer sees that Calderbrook Walking Group
 * has not sent its Small Groups Fund return for last quarter and reminds it (once: a
 * second press sends nothing more); Tom, its organiser, with JavaScript off on a small
 * phone, finds the return, sees what Kith already knows from the group's check-ins,
 * adds the rest and sends it; the officer sees it returned and the programme's report
 * counts it. Every page is checked with axe.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { quarterDays, quarterLabel, quarterOf, shiftQuarter, todayInPlace } from '../../src/platform/dates.js';
import { assertFitsWidth, banner, follow, signIn, startJourney, visit, type Journey } from './harness.js';

let journey: Journey;
before(async () => {
  journey = await startJourney();
});
after(() => journey?.close());

describe('light monitoring returns', () => {
  test('a small group files its quarterly return prefilled from its records, and the officer sees it returned', async () => {
    const last = shiftQuarter(quarterOf(todayInPlace()), -1);
    const quarter = quarterLabel(last, 'en');
    const db = journey.kith.kith.db.kysely;
    const place = await db
      .selectFrom('places')
      .select('id')
      .where('slug', '=', 'calderbrook')
      .executeTakeFirstOrThrow();
    const fund = await db
      .selectFrom('outcomes_programmes')
      .select('id')
      .where('place_id', '=', place.id)
      .where('name', '=', 'Small Groups Fund')
      .executeTakeFirstOrThrow();
    // What the group's records say, counted straight from them: check-ins last quarter
    // at the walking group's activities in the programme.
    const { from, to } = quarterDays(last);
    const counted = await db
      .selectFrom('outcomes_checkins as c')
      .innerJoin('outcomes_programme_activities as pa', 'pa.activity_id', 'c.activity_id')
      .innerJoin('directory_activities as a', 'a.id', 'c.activity_id')
      .innerJoin('directory_organisations as o', 'o.id', 'a.organisation_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('pa.programme_id', '=', fund.id)
      .where('o.name', '=', 'Calderbrook Walking Group')
      .where('c.session_on', '>=', from)
      .where('c.session_on', '<=', to)
      .executeTakeFirstOrThrow();
    const recorded = Number(counted.n);
    assert.ok(recorded > 0, 'the demo group has check-ins last quarter');

    const samira = await journey.context();
    const tom = await journey.context({ javaScriptEnabled: false, viewport: { width: 320, height: 640 } });

    // Samira (officer) sees one return in and one not, and reminds the walking group once.
    await signIn(samira.page, 'officer@calderbrook.example');
    await visit(samira.page, '/places/calderbrook/outcomes/programmes');
    await follow(samira.page, () => samira.page.getByRole('link', { name: 'Small Groups Fund' }).click());
    await follow(samira.page, () =>
      samira.page.getByRole('link', { name: 'Quarterly returns from the organisations' }).click(),
    );
    const table = samira.page.getByRole('table', { name: 'Organisations and their returns' });
    assert.match(await table.getByRole('row', { name: /Age Friendly Calderbrook/ }).innerText(), /Returned on/);
    assert.match(await table.getByRole('row', { name: /Calderbrook Walking Group/ }).innerText(), /Not returned/);
    await follow(samira.page, () =>
      samira.page.getByRole('button', { name: 'Send a reminder to Calderbrook Walking Group' }).click(),
    );
    assert.match(await banner(samira.page), /A reminder is sent to the organisation’s organisers/);
    await follow(samira.page, () =>
      samira.page.getByRole('button', { name: 'Send a reminder to Calderbrook Walking Group' }).click(),
    );
    assert.match(
      await banner(samira.page),
      /A reminder was already sent on \d{1,2} \w+ \d{4}\. Nothing more was sent\./,
    );

    // Tom, on a small phone without JavaScript, finds the return due.
    await signIn(tom.page, 'organiser@calderbrook.example');
    await visit(tom.page, '/places/calderbrook');
    await follow(tom.page, () => tom.page.getByRole('link', { name: 'Quarterly returns due' }).click());
    await follow(tom.page, () =>
      tom.page
        .getByRole('link', { name: new RegExp(`^${quarter}.*Small Groups Fund, Calderbrook Walking Group$`) })
        .click(),
    );
    await assertFitsWidth(tom.page);
    const known = await tom.page.locator('.govuk-summary-list').first().innerText();
    assert.match(known, new RegExp(`Check-ins\\s+${recorded}\\s`));
    assert.match(known, /at Health walk, Saturday ramble from 1 \w+ \d{4} to 3\d \w+ \d{4}/);
    assert.equal(await tom.page.getByLabel('People reached').inputValue(), String(recorded));

    // Sending it without the story is refused beside the field; then it goes.
    await tom.page.getByLabel('People reached').fill('26');
    await tom.page.getByLabel('Hours given by volunteers').fill('14.5');
    await follow(tom.page, () => tom.page.getByRole('button', { name: 'Send the return' }).click());
    assert.match(await tom.page.locator('.govuk-error-summary').innerText(), /Write one story from this quarter/);
    await assertFitsWidth(tom.page);
    assert.equal(await tom.page.getByLabel('People reached').inputValue(), '26', 'what was typed stays');
    await tom.page
      .getByLabel('One story from this quarter')
      .fill('A retired postman who had stopped going out now leads the Thursday walk.');
    await tom.page.getByLabel('What you would do differently').fill('Start the winter walks earlier in the day.');
    await follow(tom.page, () => tom.page.getByRole('button', { name: 'Send the return' }).click());
    assert.match(await banner(tom.page), /Thank you: your return is sent/);
    await assertFitsWidth(tom.page);

    // Samira sees it returned, and the programme's report counts it.
    await samira.page.reload();
    await samira.page.waitForLoadState('load');
    assert.match(await table.getByRole('row', { name: /Calderbrook Walking Group/ }).innerText(), /Returned on/);
    await visit(samira.page, `/places/calderbrook/reports?scope=${fund.id}`);
    const report = await samira.page.locator('main').innerText();
    assert.match(report, /Returns received\s+2/);
    assert.match(report, /leads the Thursday walk\.\s+Calderbrook Walking Group, /);
  });
});
