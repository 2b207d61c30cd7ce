/**
 * A place's own wellbeing questionnaire: the admin adds it, a link worker records a
 * person's answers with it, and the answers reach the person's PRSB export with their
 * total. Answers off the scale are explained beside each question and store nothing.
 * Through the pages, on both databases.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { fieldErrors, pageText, signedInAs, startTestKith, type Agent, type TestKith } from '../../testing.js';

let t: TestKith;
let admin: Agent;
let worker: Agent;
const SP = '/places/calderbrook/social-prescribing';

before(async () => {
  t = await startTestKith({ demo: true });
  admin = await signedInAs(t, 'admin');
  worker = await signedInAs(t, 'linkWorker');
});
after(() => t.close());

interface Exported {
  outcomes: {
    wellbeing: Array<{ instrument: string; timepoint: string; answeredOn: string; scores: Record<string, number> }>;
  };
}

describe('a place’s own wellbeing questionnaire', () => {
  test('added by the admin, answered for a person, and exported with its total', async () => {
    const bad = await admin.post(`${SP}/settings/instruments`, {
      name: 'Connections',
      items: 'Only one question',
      scaleMin: '1',
      scaleMax: '20',
      higherIsBetter: 'yes',
      licenceNote: 'Written by Calderbrook’s link workers',
    });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(Object.keys(fieldErrors(bad.body)).sort(), ['items', 'scaleMax']);
    const added = await admin.post(`${SP}/settings/instruments`, {
      name: 'Calderbrook connections',
      items: 'I have someone to talk to\nI get out of the house most days\nI feel part of my street',
      itemsCy: '',
      scaleMin: '1',
      scaleMax: '5',
      higherIsBetter: 'yes',
      licenceNote: 'Written by Calderbrook’s link workers; free to use',
    });
    assert.equal(added.statusCode, 303, pageText(added.body));
    assert.match(pageText((await admin.get(added.headers.location as string)).body), /The questionnaire is added\./);

    const opened = await worker.post(`${SP}/people/new`, { name: 'Walter Greenwood', preferredName: 'Walt' });
    assert.equal(opened.statusCode, 303);
    const recordId = /people\/([0-9a-f-]+)\//.exec(opened.headers.location as string)![1]!;
    const record = (await worker.get(`${SP}/people/${recordId}`)).body;
    const formUrl = /href="([^"]*\/wellbeing\?instrument=[^"]+)"/.exec(record)?.[1];
    assert.ok(formUrl, 'the record offers the place’s questionnaire');
    assert.match(pageText(record), /Calderbrook connections/);
    const form = (await worker.get(formUrl.replace(/&amp;/g, '&'))).body;
    assert.match(
      pageText(form),
      /I have someone to talk to.*I get out of the house most days.*I feel part of my street/,
    );
    const instrument = /name="instrument" value="([^"]+)"/.exec(form)![1]!;
    const keys = [...form.matchAll(/<input class="govuk-input[^"]*"[^>]*name="([^"]+)"[^>]*inputmode="numeric"/g)]
      .map((m) => m[1]!)
      .filter((k) => !k.startsWith('answeredOn'));
    assert.equal(keys.length, 3, form);

    const when = { timepoint: 'referral', 'answeredOn-day': '2', 'answeredOn-month': '11', 'answeredOn-year': '2026' };
    const exported = async () =>
      (JSON.parse((await worker.get(`${SP}/people/${recordId}/export.json`)).body) as Exported).outcomes.wellbeing;
    const offScale = await worker.post(`${SP}/people/${recordId}/wellbeing`, {
      instrument,
      ...when,
      [keys[0]!]: '6',
      [keys[1]!]: '',
      [keys[2]!]: '3',
    });
    assert.equal(offScale.statusCode, 400);
    assert.deepEqual(fieldErrors(offScale.body), {
      [keys[0]!]: 'The answer must be a whole number on the scale shown',
      [keys[1]!]: 'Enter an answer to this question',
    });
    assert.deepEqual(await exported(), []);

    const saved = await worker.post(`${SP}/people/${recordId}/wellbeing`, {
      instrument,
      ...when,
      [keys[0]!]: '2',
      [keys[1]!]: '4',
      [keys[2]!]: '3',
    });
    assert.equal(saved.statusCode, 303, pageText(saved.body));
    assert.deepEqual(await exported(), [
      { instrument: 'Calderbrook connections', timepoint: 'referral', answeredOn: '2026-11-02', scores: { total: 9 } },
    ]);

    // Three months on, the answers are kept beside the first ones.
    const later = { timepoint: '3m', 'answeredOn-day': '1', 'answeredOn-month': '12', 'answeredOn-year': '2026' };
    const again = await worker.post(`${SP}/people/${recordId}/wellbeing`, {
      instrument,
      ...later,
      [keys[0]!]: '4',
      [keys[1]!]: '5',
      [keys[2]!]: '4',
    });
    assert.equal(again.statusCode, 303);
    assert.deepEqual(
      (await exported()).map((w) => [w.timepoint, w.scores.total]),
      [
        ['referral', 9],
        ['3m', 13],
      ],
    );
    // The link worker sees the totals on the person's record, not "no answers yet".
    const recordPage = pageText((await worker.get(`${SP}/people/${recordId}`)).body);
    assert.doesNotMatch(recordPage, /No wellbeing answers yet/);
    assert.match(
      recordPage,
      /Calderbrook connections When Answered on Total score At referral 2026-11-02 9 .*2026-12-01 13/,
    );
  });
});
