/**
 * Groups and events in the browser: Edna, a resident on a 320px phone with JavaScript
 * off, starts a residents' group and a weekly meeting with one place, and says she is
 * going; Yusuf, a neighbour, joins the group and goes on the waiting list; Edna gives up
 * her place and Yusuf is promoted; he sends a question in advance. Edna moves the
 * meeting, then cancels it with a reason that Yusuf reads on its page. The event page's
 * schema.org JSON-LD parses as an Event. Every page is checked with axe.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { assertFitsWidth, banner, follow, signIn, startJourney, visit, type Journey } from './harness.js';

let journey: Journey;
before(async () => {
  journey = await startJourney();
});
after(() => journey?.close());

function daysAhead(days: number) {
  const iso = new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
  const [year, month, day] = iso.split('-');
  return { day: String(Number(day)), month: String(Number(month)), year: year! };
}

describe('groups and events', () => {
  test('a resident starts a group and a weekly event; a neighbour is promoted from the waiting list', async () => {
    const edna = await journey.context({ javaScriptEnabled: false, viewport: { width: 320, height: 640 } });
    const yusuf = await journey.context();

    await signIn(edna.page, 'resident@calderbrook.example');
    await visit(edna.page, '/places/calderbrook');
    await follow(edna.page, () => edna.page.getByRole('link', { name: 'Groups and events' }).click());
    await assertFitsWidth(edna.page);
    await follow(edna.page, () => edna.page.getByRole('button', { name: 'Start a group' }).click());
    await follow(edna.page, () => edna.page.getByRole('button', { name: 'Start the group' }).click());
    assert.match(await edna.page.locator('.govuk-error-summary').innerText(), /Enter the name of the group/);
    await edna.page.getByLabel('Name of the group').fill('Hope Street Neighbours');
    await edna.page.getByLabel('What the group is for').fill('Getting the street lights fixed, together');
    await edna.page.getByLabel('Anyone can join').check();
    await follow(edna.page, () => edna.page.getByRole('button', { name: 'Start the group' }).click());
    assert.match(await banner(edna.page), /Your group has started/);
    await assertFitsWidth(edna.page);

    const first = daysAhead(10);
    await follow(edna.page, () => edna.page.getByRole('button', { name: 'Add an event' }).click());
    await edna.page.getByLabel('Name of the event').fill('Street meeting');
    await edna.page.getByRole('textbox', { name: 'Day' }).fill(first.day);
    await edna.page.getByRole('textbox', { name: 'Month' }).fill(first.month);
    await edna.page.getByRole('textbox', { name: 'Year' }).fill(first.year);
    await edna.page.getByLabel('Starts at').fill('18:30');
    await edna.page.getByLabel('Ends at').fill('19:30');
    await edna.page.getByLabel('Weekly for how many weeks').fill('4');
    await edna.page.getByLabel('In person', { exact: true }).check();
    await edna.page.getByLabel('Address (in person)').fill('Outside 14 Hope Street');
    await edna.page.getByLabel('Places (optional)').fill('1');
    await follow(edna.page, () => edna.page.getByRole('button', { name: 'Add the event' }).click());
    assert.match(await banner(edna.page), /Event added/);
    await assertFitsWidth(edna.page);
    const eventUrl = edna.page.url();
    await follow(edna.page, () => edna.page.getByRole('button', { name: 'I’m going' }).click());
    assert.match(await banner(edna.page), /You are going/);
    assert.match(await edna.page.locator('main').innerText(), /0 places left/);

    // The page previews when shared: its JSON-LD is a schema.org Event.
    const ld = await edna.page.locator('script[type="application/ld+json"]').textContent();
    const data = JSON.parse(ld!) as { '@type': string; name: string };
    assert.equal(data['@type'], 'Event');
    assert.equal(data.name, 'Street meeting');
    assert.equal(await edna.page.locator('meta[property="og:title"]').getAttribute('content'), 'Street meeting');

    // Yusuf joins the group and goes on the waiting list.
    await signIn(yusuf.page, 'yusuf@calderbrook.example');
    await visit(yusuf.page, eventUrl);
    await follow(yusuf.page, () => yusuf.page.getByRole('link', { name: 'Hope Street Neighbours' }).last().click());
    await follow(yusuf.page, () => yusuf.page.getByRole('button', { name: 'Join the group' }).click());
    assert.match(await banner(yusuf.page), /You have joined the group/);
    await visit(yusuf.page, eventUrl);
    await yusuf.page.getByLabel('Anything the organisers should know').fill('Step-free route please');
    await follow(yusuf.page, () => yusuf.page.getByRole('button', { name: 'Join the waiting list' }).click());
    assert.match(await banner(yusuf.page), /You are on the waiting list/);

    // Edna can no longer go: Yusuf has her place.
    await follow(edna.page, () => edna.page.getByRole('button', { name: 'I can no longer go' }).click());
    assert.match(await banner(edna.page), /Your place has been given up/);
    await visit(yusuf.page, eventUrl);
    assert.match(await yusuf.page.locator('main').innerText(), /You are going\./);

    // He sends a question in advance.
    await yusuf.page
      .getByRole('textbox', { name: 'Your question' })
      .fill('When will the lights on Hope Street be mended?');
    await follow(yusuf.page, () => yusuf.page.getByRole('button', { name: 'Send the question' }).click());
    assert.match(await banner(yusuf.page), /Question sent/);
    await visit(edna.page, eventUrl);
    assert.match(await edna.page.locator('#questions ~ ol').innerText(), /When will the lights/);
    await assertFitsWidth(edna.page);

    // The meeting moves to later that evening, then the council closes the street: Edna
    // changes it, then cancels it with a reason, and Yusuf, going, sees why.
    await follow(edna.page, () => edna.page.getByRole('link', { name: 'Change this event' }).click());
    await assertFitsWidth(edna.page);
    assert.equal(await edna.page.getByLabel('Name of the event').inputValue(), 'Street meeting');
    await edna.page.getByLabel('Starts at').fill('19:00');
    await edna.page.getByLabel('Ends at').fill('20:00');
    await follow(edna.page, () => edna.page.getByRole('button', { name: 'Save the changes' }).click());
    assert.match(await banner(edna.page), /Event changed/);
    assert.match(await edna.page.locator('main').innerText(), /7:00pm|19:00/);
    await follow(edna.page, () => edna.page.getByRole('link', { name: 'Cancel this event' }).click());
    await assertFitsWidth(edna.page);
    assert.match(await edna.page.locator('main').innerText(), /1 person going or waiting will be emailed/);
    await follow(edna.page, () => edna.page.getByRole('button', { name: 'Cancel the event' }).click());
    assert.match(await edna.page.locator('.govuk-error-summary').innerText(), /Say why the event is cancelled/);
    await edna.page.getByLabel('Why is it cancelled?').fill('The council has closed Hope Street for resurfacing');
    await follow(edna.page, () => edna.page.getByRole('button', { name: 'Cancel the event' }).click());
    assert.match(await banner(edna.page), /Event cancelled/);
    await visit(yusuf.page, eventUrl);
    const cancelled = await yusuf.page.locator('main').innerText();
    assert.match(cancelled, /This event has been cancelled/);
    assert.match(cancelled, /closed Hope Street for resurfacing/);
    assert.deepEqual([...edna.consoleErrors, ...yusuf.consoleErrors], []);
  });

  test('neighbours support a question, pledge, say whether they did it, and the group joins the directory', async () => {
    const maureen = await journey.context({ javaScriptEnabled: false, viewport: { width: 320, height: 640 } });
    const yusuf = await journey.context();
    const tom = await journey.context();
    const admin = await journey.context();

    // Yusuf and Maureen are going to the councillors' question time; Maureen supports his question.
    await signIn(yusuf.page, 'yusuf@calderbrook.example');
    await visit(yusuf.page, '/places/calderbrook/groups');
    await follow(yusuf.page, () => yusuf.page.getByRole('link', { name: 'Calderbrook Chinatown Residents' }).click());
    const groupUrl = yusuf.page.url();
    await follow(yusuf.page, () =>
      yusuf.page.getByRole('link', { name: 'Question time with the ward councillors' }).click(),
    );
    const eventUrl = yusuf.page.url();
    // Yusuf said he was going when the meeting was announced.
    assert.match(await yusuf.page.locator('main').innerText(), /You are going\./);
    await yusuf.page.getByRole('textbox', { name: 'Your question' }).fill('Can the bus stop on Mill Street come back?');
    await follow(yusuf.page, () => yusuf.page.getByRole('button', { name: 'Send the question' }).click());

    await signIn(maureen.page, 'maureen@calderbrook.example');
    await visit(maureen.page, eventUrl);
    await follow(maureen.page, () => maureen.page.getByRole('button', { name: 'I’m going' }).click());
    await follow(maureen.page, () =>
      maureen.page.getByRole('button', { name: /Support this question.*Can the bus stop/ }).click(),
    );
    assert.match(await maureen.page.locator('main').innerText(), /You support this question\./);
    await assertFitsWidth(maureen.page);

    // On the group's page she pledges to its action, and then in her own words (a blank first).
    await visit(maureen.page, groupUrl);
    await follow(maureen.page, () =>
      maureen.page.getByRole('button', { name: /I pledge to do this.*Report one broken street light/ }).click(),
    );
    assert.match(await banner(maureen.page), /Thank you for pledging/);
    await follow(maureen.page, () => maureen.page.getByRole('button', { name: 'Make this pledge' }).click());
    assert.match(await maureen.page.locator('.govuk-error-summary').innerText(), /Write what you pledge to do/);
    await assertFitsWidth(maureen.page);
    await maureen.page.getByLabel('Or pledge in your own words').fill('Walk Mrs Chen to the meeting');
    await maureen.page.getByLabel('Ask me whether I did it').selectOption({ label: 'After two weeks' });
    await follow(maureen.page, () => maureen.page.getByRole('button', { name: 'Make this pledge' }).click());
    assert.match(await banner(maureen.page), /Thank you for pledging/);
    assert.match(await maureen.page.locator('main').innerText(), /Walk Mrs Chen to the meeting/);

    // The follow-up email's link: she says she did it.
    await follow(maureen.page, () =>
      maureen.page.getByRole('link', { name: /Tell us whether you did it.*Walk Mrs Chen/ }).click(),
    );
    await assertFitsWidth(maureen.page);
    await maureen.page.getByLabel('Yes, I did it').check();
    await follow(maureen.page, () => maureen.page.getByRole('button', { name: 'Save my answer' }).click());
    assert.match(await banner(maureen.page), /Thank you for telling us/);

    // Maureen, a member, takes the group's announcements in a weekly summary.
    await follow(maureen.page, () => maureen.page.getByRole('button', { name: 'Join the group' }).click());
    await maureen.page.getByLabel('By email, in one summary a week').check();
    await follow(maureen.page, () =>
      maureen.page.getByRole('button', { name: 'Save how you get announcements' }).click(),
    );
    await assertFitsWidth(maureen.page);

    // The group's page previews when shared, with an image Kith draws.
    const image = await maureen.page.locator('meta[property="og:image"]').getAttribute('content');
    assert.ok(image, 'the group page names a share image');
    const png = await maureen.page.request.get(new URL(image).pathname + new URL(image).search);
    assert.equal(png.headers()['content-type'], 'image/png', 'the share image is a PNG');
    assert.equal(
      await maureen.page.locator('meta[name="twitter:card"]').getAttribute('content'),
      'summary_large_image',
    );

    // Tom, who runs the group, sends an announcement, then asks for it to join the directory; an admin approves.
    await signIn(tom.page, 'organiser@calderbrook.example');
    await visit(tom.page, groupUrl);
    await follow(tom.page, () => tom.page.getByRole('button', { name: 'Send an announcement' }).click());
    await tom.page.getByLabel('Title').fill('Interpreters confirmed');
    await tom.page.getByLabel('Message').fill('Cantonese and Mandarin interpreters will be at question time.');
    await follow(tom.page, () => tom.page.getByRole('button', { name: 'Send the announcement' }).click());
    assert.match(await banner(tom.page), /Announcement sent/);
    await visit(maureen.page, groupUrl);
    assert.match(await maureen.page.locator('main').innerText(), /Interpreters confirmed/);
    await visit(tom.page, groupUrl);
    assert.doesNotMatch(await tom.page.locator('main').innerText(), /Walk Mrs Chen/);
    await tom.page.getByText('Ask to become an organisation').click();
    await tom.page.getByLabel('A constituted community group').check();
    await follow(tom.page, () => tom.page.getByRole('button', { name: 'Send to the admins' }).click());
    assert.match(await banner(tom.page), /Your request has gone to the place’s admins/);
    await signIn(admin.page, 'admin@calderbrook.example');
    await visit(admin.page, '/places/calderbrook/groups/reports');
    await admin.page.getByLabel('Yes, add it as an organisation').check();
    await follow(admin.page, () => admin.page.getByRole('button', { name: 'Save the decision' }).click());
    await visit(tom.page, groupUrl);
    assert.match(
      await tom.page.locator('main').innerText(),
      /This group is Calderbrook Chinatown Residents in the place’s directory/,
    );
    assert.deepEqual(
      [...maureen.consoleErrors, ...yusuf.consoleErrors, ...tom.consoleErrors, ...admin.consoleErrors],
      [],
    );
  });
});
