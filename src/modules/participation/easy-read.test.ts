/**
 * Easy-read summaries: every process has one, written with it and changed later; the
 * process page points to it; a process without one (from before it was asked) takes no
 * phase, so residents are never invited in without it; long lines are pointed out.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { addDays, todayInPlace } from '../../platform/dates.js';
import {
  Agent,
  errorSummaryProblems,
  fieldErrors,
  pageText,
  signedInAs,
  startTestKith,
  type TestKith,
} from '../../testing.js';
import { addPhase, createProcess } from './participation.js';
import { findProcess, phasesOf } from './store.js';

let t: TestKith;
let placeId: string;
const base = '/places/calderbrook/participation';
const today = todayInPlace();

before(async () => {
  t = await startTestKith({ demo: true });
  placeId = t.demo.places.calderbrook!.id;
});
after(() => t.close());

const dateFields = (name: string, iso: string) => ({
  [`${name}-day`]: iso.slice(8),
  [`${name}-month`]: iso.slice(5, 7),
  [`${name}-year`]: iso.slice(0, 4),
});

const phaseForm = () => ({
  title: 'Gather ideas',
  ...dateFields('opensOn', addDays(today, -1)),
  ...dateFields('closesOn', addDays(today, 10)),
  activities: ['propose'],
  rung: 'consultation',
});

/** A process as one from before easy read was asked for: its summary is empty. */
async function processWithoutEasyRead(): Promise<string> {
  const processId = await createProcess(t.kith, {
    placeId,
    personId: t.demo.people.officer!.id,
    process: { title: `Old process ${randomUUID().slice(0, 6)}`, description: 'From before', easyRead: 'x' },
  });
  await t.kith.db.kysely
    .updateTable('participation_processes')
    .set({ easy_read: '' })
    .where('id', '=', processId)
    .execute();
  return processId;
}

describe('easy-read summaries', () => {
  test('a process cannot be opened without an easy-read summary: the form says so beside the field and nothing is stored', async () => {
    const officer = await signedInAs(t, 'officer');
    const title = `Library ideas ${randomUUID().slice(0, 6)}`;
    const refused = await officer.post(`${base}/new`, { title, description: 'What should change?', easyRead: '  ' });
    assert.equal(refused.statusCode, 400, 'the form is shown again');
    assert.deepEqual(fieldErrors(refused.body), { easyRead: 'Write the easy-read summary' }, 'said beside the field');
    assert.deepEqual(errorSummaryProblems(refused.body), [], 'the error summary links to the field');
    assert.match(pageText(refused.body), /Keep each sentence under 15 words\./, 'the guidance sits beside the field');
    const stored = await t.kith.db.kysely
      .selectFrom('participation_processes')
      .select('id')
      .where('title', '=', title)
      .execute();
    assert.equal(stored.length, 0, 'no process was stored');

    const long =
      'We would like to hear from every single person who uses the library about what they would change there';
    const again = await officer.post(`${base}/new`, {
      title,
      description: 'What should change?',
      easyRead: `We want to make the library better.\n\n${long}\nTell us by May.`,
    });
    assert.equal(again.statusCode, 303, 'with a summary the process is opened');
    const processId = (again.headers.location as string).split('/')[5]!;
    const process = await findProcess(t.kith.db.kysely, placeId, processId);
    assert.match(process!.easyRead, /^We want to make the library better\./, 'the summary is kept as written');

    // Everyone finds it from the process page and reads it one line at a time, in large text.
    const page = await new Agent(t).get(`${base}/processes/${processId}`);
    assert.match(pageText(page.body), /Easy read Read about this in easy read/, 'the process page points to it');
    const easy = await new Agent(t).get(`${base}/processes/${processId}/easy-read`);
    assert.equal(easy.statusCode, 200);
    const lines = [...easy.body.matchAll(/<p class="govuk-body-l govuk-!-margin-bottom-6">([^<]*)<\/p>/g)].map(
      (m) => m[1],
    );
    assert.deepEqual(lines, ['We want to make the library better.', long, 'Tell us by May.'], 'one line each');

    // The officer changing it is warned of the long line, by its number among the lines shown.
    const edit = pageText((await officer.get(`${base}/processes/${processId}/easy-read/edit`)).body);
    assert.match(edit, /Some lines are long\. .* Line 2 has 19 words: “We would like to hear from …”/, 'warned');
  });

  test('a process from before easy read takes no phase until it has a summary; writing one lets the phase in', async () => {
    const processId = await processWithoutEasyRead();
    const officer = await signedInAs(t, 'officer');
    const form = pageText((await officer.get(`${base}/processes/${processId}/phases/new`)).body);
    assert.match(form, /needs an easy-read summary before it can have a phase/, 'the phase form says why first');
    const process = pageText((await officer.get(`${base}/processes/${processId}`)).body);
    assert.match(process, /This process has no easy-read summary\./, 'the officer sees it is missing');
    const resident = pageText((await (await signedInAs(t, 'resident')).get(`${base}/processes/${processId}`)).body);
    assert.match(resident, /There is no easy-read summary yet\./, 'residents are told there is none yet');

    const refused = await officer.post(`${base}/processes/${processId}/phases/new`, phaseForm());
    assert.equal(refused.statusCode, 422, 'the rule refuses the phase');
    assert.match(fieldErrors(refused.body).title!, /needs an easy-read summary/, 'said beside the form');
    assert.equal((await phasesOf(t.kith.db.kysely, processId)).length, 0, 'no phase was stored');
    await assert.rejects(
      addPhase(t.kith, {
        placeId,
        personId: t.demo.people.officer!.id,
        processId,
        phase: {
          title: 'Sneak in',
          description: '',
          opensOn: today,
          closesOn: addDays(today, 3),
          activities: ['propose'],
          rung: 'consultation',
        },
      }),
      /participation\.easyRead\.needed/,
      'the command refuses it too, whoever calls it',
    );

    const blank = await officer.post(`${base}/processes/${processId}/easy-read/edit`, { easyRead: '' });
    assert.equal(blank.statusCode, 400, 'an empty summary is refused');
    assert.deepEqual(fieldErrors(blank.body), { easyRead: 'Write the easy-read summary' });
    const written = await officer.post(`${base}/processes/${processId}/easy-read/edit`, {
      easyRead: 'Mae gennym ni arian ar gyfer y llyfrgell.\nDywedwch wrthym ni beth hoffech chi.',
    });
    assert.equal(written.statusCode, 303);
    assert.equal(
      written.headers.location,
      `${base}/processes/${processId}/easy-read`,
      'the officer sees it as residents will',
    );
    const easy = await new Agent(t).get(`${base}/processes/${processId}/easy-read`);
    assert.match(
      easy.body,
      /<div data-testid="easy-read" lang="cy">/,
      'a Welsh summary on an English page is marked as Welsh',
    );
    assert.match(pageText(easy.body), /Mae gennym ni arian ar gyfer y llyfrgell\./);
    const audit = await t.kith.db.kysely
      .selectFrom('audit_events')
      .select('action')
      .where('subject_id', '=', processId)
      .where('action', '=', 'participation.easyRead.write')
      .execute();
    assert.equal(audit.length, 1, 'writing it is audited');

    const added = await officer.post(`${base}/processes/${processId}/phases/new`, phaseForm());
    assert.equal(added.statusCode, 303, 'now the phase is added');
  });

  test('residents cannot change the summary, and the pages read in Welsh', async () => {
    const processId = await processWithoutEasyRead();
    const resident = await signedInAs(t, 'resident');
    const refused = await resident.post(`${base}/processes/${processId}/easy-read/edit`, { easyRead: 'Mine now.' });
    assert.equal(refused.statusCode, 403, 'only those who run processes write it');
    const process = await findProcess(t.kith.db.kysely, placeId, processId);
    assert.equal(process!.easyRead, '', 'nothing was stored');

    const officer = await signedInAs(t, 'officer');
    await officer.get(`${base}?lang=cy`);
    const form = pageText((await officer.get(`${base}/processes/${processId}/easy-read/edit`)).body);
    assert.match(form, /Newid y crynodeb hawdd ei ddeall/, 'the form is in Welsh');
    assert.match(form, /Cadwch bob brawddeg o dan 15 gair\./, 'and so is the guidance');
  });
});
