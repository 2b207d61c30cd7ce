import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  Agent,
  duplicateIds,
  errorSummaryProblems,
  fieldErrors,
  pageText,
  pdfText,
  startTestKith,
  type TestKith,
} from '../../testing.js';
import { placeTotals } from '../timebank/index.js';
import { countableFigures } from './measures.js';
import { buildReport } from './report.js';
import { jpegWithExif } from './test-support.js';

let t: TestKith;
let officer: Agent;
let resident: Agent;
let organiser: Agent;
const P = '/places/calderbrook';
let walkId: string;
let frameworkUrl: string;

async function agentFor(email: string) {
  const agent = new Agent(t);
  await agent.signIn(email, t.demo.password);
  return agent;
}

/** Posts a form with a file, as a browser does for enctype="multipart/form-data". */
async function postMultipart(
  agent: Agent,
  url: string,
  fields: Record<string, string | string[]>,
  file?: { name: string; filename: string; type: string; data: Buffer },
) {
  const boundary = '----kith-test-boundary';
  const parts: Buffer[] = [];
  const all = { _csrf: agent.csrfToken() ?? '', ...fields };
  for (const [name, value] of Object.entries(all)) {
    for (const v of [value].flat())
      parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${v}\r\n`));
  }
  if (file)
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.name}"; filename="${file.filename}"\r\nContent-Type: ${file.type}\r\n\r\n`,
      ),
      file.data,
      Buffer.from('\r\n'),
    );
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return t.app.inject({
    method: 'POST',
    url,
    headers: {
      cookie: [...agent.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      'content-type': `multipart/form-data; boundary=${boundary}`,
    },
    payload: Buffer.concat(parts),
  });
}

before(async () => {
  t = await startTestKith({ demo: true });
  officer = await agentFor('officer@calderbrook.example');
  resident = await agentFor('resident@calderbrook.example');
  organiser = await agentFor('organiser@calderbrook.example');
  walkId = (t.demo.prescribing as { walkingActivityId: string }).walkingActivityId;
});
after(() => t.close());

describe('co-producing an outcomes framework', () => {
  test('an officer drafts outcomes and indicators; residents comment and endorse, and who took part is recorded', async () => {
    const created = await officer.post(`${P}/outcomes/new`, {
      title: 'Walking for wellbeing',
      purpose: 'Agreed with the walking groups',
    });
    frameworkUrl = created.headers.location as string;
    assert.match(frameworkUrl, /\/outcomes\/frameworks\//);
    assert.equal((await officer.post(`${frameworkUrl}/outcomes`, { title: '' })).statusCode, 400);
    assert.equal(
      (await officer.post(`${frameworkUrl}/outcomes`, { title: 'People feel part of their community' })).statusCode,
      303,
    );
    const outcomeId = /outcome-([0-9a-f-]{36})/.exec((await officer.get(frameworkUrl)).body)![1]!;
    const noQuestion = await officer.post(`${frameworkUrl}/outcomes/${outcomeId}/indicators`, {
      title: 'Talks to someone new',
      measureKind: 'checkin',
      scaleMin: '1',
      scaleMax: '5',
    });
    assert.equal(fieldErrors(noQuestion.body).question, 'Enter the check-in question');
    const added = await officer.post(`${frameworkUrl}/outcomes/${outcomeId}/indicators`, {
      title: 'Talks to someone new',
      measureKind: 'checkin',
      question: 'Today I talked with someone new',
      questionCy: 'Heddiw siaradais â rhywun newydd',
      scaleMin: '1',
      scaleMax: '5',
    });
    assert.equal(added.statusCode, 303);

    const empty = await resident.post(`${frameworkUrl}/outcomes/${outcomeId}/comments`, {
      outcome: outcomeId,
      body: '  ',
    });
    assert.equal(empty.statusCode, 400);
    assert.equal(fieldErrors(empty.body)[`comment-${outcomeId}`], 'Write your comment');
    assert.equal(
      (
        await resident.post(`${frameworkUrl}/outcomes/${outcomeId}/comments`, {
          outcome: outcomeId,
          body: 'The café after the walk matters most.',
        })
      ).statusCode,
      303,
    );
    assert.equal((await resident.post(`${frameworkUrl}/outcomes/${outcomeId}/endorse`)).statusCode, 303);
    const kemi = await agentFor('kemi@calderbrook.example');
    assert.equal((await kemi.post(`${frameworkUrl}/outcomes/${outcomeId}/endorse`)).statusCode, 303);
    assert.equal(
      (await kemi.post(`${frameworkUrl}/outcomes/${outcomeId}/endorse`)).statusCode,
      303,
      'endorsing twice counts once',
    );
    const page = pageText((await officer.get(frameworkUrl)).body);
    assert.match(page, /3 people have taken part/);
    assert.match(page, /Officer \(1\): Samira Patel/, 'the officer who drafted it took part as an officer');
    assert.match(page, /Resident \(2\): Edna Price, Kemi Adeyemi/, 'the two residents took part as residents');
    assert.match(page, /Endorsed by 2 residents/);
    assert.match(page, /The café after the walk matters most\./);
  });

  test('it is published only when every outcome has an indicator and three residents endorse each; then it no longer changes', async () => {
    assert.equal((await officer.post(`${frameworkUrl}/outcomes`, { title: 'People are more active' })).statusCode, 303);
    const refused = await officer.post(`${frameworkUrl}/publish`);
    assert.equal(refused.statusCode, 422);
    assert.match(pageText(refused.body), /Give every outcome at least one indicator before publishing/);
    const [first, second] = [...(await officer.get(frameworkUrl)).body.matchAll(/id="outcome-([0-9a-f-]{36})"/g)].map(
      (m) => m[1]!,
    ) as [string, string];
    assert.equal(
      (
        await officer.post(`${frameworkUrl}/outcomes/${second}/indicators`, {
          title: 'Happiness',
          measureKind: 'ons4',
          ons4Item: 'happy',
        })
      ).statusCode,
      303,
    );
    assert.equal((await resident.post(`${frameworkUrl}/publish`)).statusCode, 403);
    const unendorsed = await officer.post(`${frameworkUrl}/publish`);
    assert.equal(unendorsed.statusCode, 422);
    assert.match(
      pageText(unendorsed.body),
      /“People feel part of their community” needs more residents endorsing it before publishing \(at least 3\)/,
    );
    // Three residents endorse both outcomes; an officer's endorsement would not count.
    const ben = await agentFor('ben@calderbrook.example');
    const kemi = await agentFor('kemi@calderbrook.example');
    for (const agent of [resident, kemi, ben, officer])
      for (const id of [first, second]) await agent.post(`${frameworkUrl}/outcomes/${id}/endorse`);
    assert.equal((await officer.post(`${frameworkUrl}/publish`)).statusCode, 303);
    const afterwards = await resident.post(`${frameworkUrl}/outcomes/${second}/comments`, {
      outcome: second,
      body: 'Too late?',
    });
    assert.equal(afterwards.statusCode, 422);
    assert.match(pageText(afterwards.body), /can no longer change/);
  });

  test('the walking group is linked to an outcome; its check-in asks the question, on a phone or from paper, and refuses answers off the scale', async () => {
    const outcomeId = /outcome-([0-9a-f-]{36})/.exec((await officer.get(frameworkUrl)).body)![1]!;
    assert.equal(
      (await officer.post(`${frameworkUrl}/links`, { outcome: outcomeId, activities: walkId })).statusCode,
      303,
    );
    assert.match(pageText((await officer.get(frameworkUrl)).body), /Linked: Health walk/);

    const checkin = `${P}/check-in/${walkId}`;
    const form = (await resident.get(checkin)).body;
    assert.match(form, /Today I talked with someone new/);
    const questionId = /name="(q-[0-9a-f-]{36})"/.exec(form)![1]!;
    const answers = Object.fromEntries([...form.matchAll(/name="(q-[0-9a-f-]{36})"/g)].map((m) => [m[1]!, '4']));
    const offScale = await resident.post(checkin, { ...answers, [questionId]: '9' });
    assert.equal(offScale.statusCode, 400);
    assert.equal(fieldErrors(offScale.body)[questionId], 'Choose one of the answers shown');
    assert.equal((await resident.post(checkin, answers)).statusCode, 303);
    const twice = await resident.post(checkin, answers);
    assert.equal(twice.statusCode, 422);
    assert.match(pageText(twice.body), /already checked in/);
    // The organiser types in paper forms for the session, as many as there were.
    const paper = {
      ...answers,
      fromPaper: 'yes',
      'sessionOn-day': '2',
      'sessionOn-month': '11',
      'sessionOn-year': '2026',
    };
    const paperCount = async () =>
      (
        await t.kith.db.kysely
          .selectFrom('outcomes_checkins')
          .select('id')
          .where('activity_id', '=', walkId)
          .where('session_on', '=', '2026-11-02')
          .execute()
      ).length;
    const before = await paperCount();
    assert.equal((await organiser.post(checkin, paper)).statusCode, 303);
    assert.equal((await organiser.post(checkin, paper)).statusCode, 303);
    assert.equal(await paperCount(), before + 2);
    // A double-click sends the same form twice: it counts once.
    assert.equal((await organiser.post(checkin, paper, { idempotencyKey: 'paper-form-1' })).statusCode, 303);
    assert.equal((await organiser.post(checkin, paper, { idempotencyKey: 'paper-form-1' })).statusCode, 303);
    assert.equal(await paperCount(), before + 3);
    const future = await organiser.post(checkin, { ...paper, 'sessionOn-year': '2099' });
    assert.equal(fieldErrors(future.body).sessionOn, 'The date must be today or in the past');
  });
});

describe('stories of change', () => {
  test('a story with a photo loses the photo’s metadata, waits for moderation, then is published', async () => {
    const noAlt = await postMultipart(
      resident,
      `${P}/stories/new`,
      { title: 'Out on the moor', body: 'I walked further than I have in years.', consent: 'named' },
      { name: 'photo', filename: 'walk.jpg', type: 'image/jpeg', data: jpegWithExif() },
    );
    assert.equal(noAlt.statusCode, 400);
    assert.equal(fieldErrors(noAlt.body).photoAlt, 'Describe the photo for people who cannot see it');
    const wrongType = await postMultipart(
      resident,
      `${P}/stories/new`,
      { title: 'Out on the moor', body: 'Text', consent: 'named', photoAlt: 'A moor' },
      { name: 'photo', filename: 'walk.jpg', type: 'image/jpeg', data: Buffer.from('GIF89a not really a jpeg') },
    );
    assert.equal(fieldErrors(wrongType.body).photo, 'The photo must be a JPEG or a PNG');

    const sent = await postMultipart(
      resident,
      `${P}/stories/new`,
      {
        title: 'Out on the moor',
        body: 'I walked further than I have in years.',
        consent: 'named',
        photoAlt: 'Six walkers on the moor in the rain',
      },
      { name: 'photo', filename: 'walk.jpg', type: 'image/jpeg', data: jpegWithExif() },
    );
    assert.equal(sent.statusCode, 303);
    const queue = (await officer.get(`${P}/stories/moderation`)).body;
    const storyId = /stories\/([0-9a-f-]{36})\/moderate"[\s\S]*?$/.exec(
      queue.slice(queue.indexOf('Out on the moor')),
    )![1]!;
    const photoUrl = `${P}/stories/${storyId}/photo`;
    assert.equal((await new Agent(t).get(photoUrl)).statusCode, 404, 'not public before moderation');
    const photo = await officer.get(photoUrl);
    assert.equal(photo.headers['content-type'], 'image/jpeg');
    assert.doesNotMatch(photo.rawPayload.toString('latin1'), /GPSLatitude|Exif/);

    assert.equal((await officer.post(`${P}/stories/${storyId}/moderate`, { decision: 'reject' })).statusCode, 400);
    assert.equal((await officer.post(`${P}/stories/${storyId}/moderate`, { decision: 'publish' })).statusCode, 303);
    assert.equal((await new Agent(t).get(photoUrl)).statusCode, 200);
    const list = pageText((await new Agent(t).get(`${P}/stories`)).body);
    assert.match(list, /Out on the moor Edna Price/);
  });

  test('a story its teller kept private is never published', async () => {
    assert.equal(
      (await resident.post(`${P}/stories/new`, { title: 'Just for you', body: 'Thank you all.', consent: 'private' }))
        .statusCode,
      303,
    );
    const queue = (await officer.get(`${P}/stories/moderation`)).body;
    const storyId = /stories\/([0-9a-f-]{36})\/moderate/.exec(queue.slice(queue.indexOf('Just for you')))![1]!;
    const refused = await officer.post(`${P}/stories/${storyId}/moderate`, { decision: 'publish' });
    assert.equal(refused.statusCode, 422);
    assert.doesNotMatch(pageText((await new Agent(t).get(`${P}/stories`)).body), /Just for you/);
  });
});

describe('reports for commissioners', () => {
  test('a report holds aggregates only: outputs, distance travelled with its interval, indicator trends and stories', async () => {
    const page = await officer.get(`${P}/reports`);
    assert.equal(page.statusCode, 200);
    const text = pageText(page.body);
    assert.match(text, /People referred \d+/);
    assert.match(text, /Change at 3 months \(\d+ people\)/);
    assert.match(text, /95% confidence interval/);
    assert.match(text, /Meets someone new each week/);
    assert.match(text, /Singing again/);
    assert.match(page.body, /<svg[^>]+role="img"/);
    // A long report opens with a contents list whose every link lands on a section.
    const contents = [...page.body.matchAll(/<nav class="kith-contents"[\s\S]*?<\/nav>/g)][0]![0];
    const targets = [...contents.matchAll(/href="#([\w-]+)"/g)].map((m) => m[1]);
    assert.equal(targets.length, 5);
    for (const id of targets) assert.match(page.body, new RegExp(`<h2[^>]+id="${id}"`), id);
    // Nobody referred is named, anywhere in the report.
    for (const name of ['Margaret Ellis', 'Maggie', 'Arthur Bell', 'Priti', 'COPD', 'Bereaved'])
      assert.ok(!text.includes(name), name);
  });

  test('the report explains outputs, wellbeing and outcomes under their headings, from the place’s glossary', async () => {
    const page = await officer.get(`${P}/reports`);
    for (const term of ['outputs', 'wellbeing', 'outcomes'])
      assert.equal((page.body.match(new RegExp(`data-term="${term}"`, 'g')) ?? []).length, 1, `${term} explained once`);
    const outputs = page.body.indexOf('id="report-outputs"');
    const explained = page.body.indexOf('data-term="outputs"');
    assert.ok(outputs > 0 && explained > outputs, 'the explanation of outputs sits under its heading');
    assert.match(
      pageText(page.body),
      /Counts of what was done\. They show that something happened/,
      'the glossary’s definition of outputs',
    );
  });

  test('small numbers are suppressed, and so is any cell a total would give away', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const from = new Date(Date.now() - 12 * 86_400_000).toISOString().slice(0, 10);
    const text = pageText((await officer.get(`${P}/reports?scope=place&from=${from}&to=${today}`)).body);
    assert.match(text, /People referred fewer than 5/);
    assert.match(text, /Fewer than 5 people answered at both times/);
  });

  test('the period is checked, and the report downloads as CSV and as a PDF a reader can read', async () => {
    const bad = await officer.get(
      `${P}/reports?scope=place&from-day=1&from-month=6&from-year=2026&to-day=1&to-month=1&to-year=2026`,
    );
    assert.equal(bad.statusCode, 400);
    assert.equal(fieldErrors(bad.body).to, 'The end date must be on or after the start date');
    const csv = await officer.get(`${P}/reports.csv`);
    assert.match(csv.headers['content-type'] as string, /text\/csv/);
    assert.match(csv.body, /Section,Measure,When,Value,People,Note/);
    assert.match(csv.body, /Wellbeing: distance travelled,Life satisfaction,Change at 3 months,-?\d/);
    const pdf = await officer.get(`${P}/reports.pdf`);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    const words = await pdfText(pdf.rawPayload);
    assert.match(words, /Impact report: Calderbrook/);
    assert.match(words, /Referrals by status/);
    assert.match(words, /Calderbrook connected communities/);
    assert.match(words, /Singing again/);
  });

  test('hours given are those of the period: all of the ledger’s over all time, none before it began', async () => {
    const placeId = t.demo.places.calderbrook!.id;
    const today = new Date().toISOString().slice(0, 10);
    const figures = countableFigures(t.kith.modules);
    const allTime = await buildReport(t.kith.db, { placeId, scope: 'place', from: '2000-01-01', to: today }, figures);
    const { hoursGiven } = await placeTotals(t.kith.db.kysely, placeId);
    assert.ok(hoursGiven > 0, 'the demo place has given time');
    // In minutes, as the ledger keeps them; the page writes them in hours.
    assert.equal(allTime!.outputs.hoursGiven, hoursGiven);
    const before = await buildReport(
      t.kith.db,
      { placeId, scope: 'place', from: '2000-01-01', to: '2000-12-31' },
      figures,
    );
    assert.equal(before!.outputs.hoursGiven, 0);
  });

  test('an indicator can count any figure the place keeps; the report shows it beside referrals and check-ins, as its module counts it', async () => {
    const created = await officer.post(`${P}/outcomes/new`, {
      title: 'Giving time',
      purpose: 'Counted, not asked',
      residentsPerOutcome: '1',
    });
    const url = created.headers.location as string;
    await officer.post(`${url}/outcomes`, { title: 'People give their time' });
    const outcomeId = /outcome-([0-9a-f-]{36})/.exec((await officer.get(url)).body)![1]!;
    const form = pageText((await officer.get(`${url}/outcomes/${outcomeId}/indicators`)).body);
    for (const choice of ['Hours volunteered', 'Befriending matches kept for three months', 'Small acts of kindness'])
      assert.ok(form.includes(choice), choice);
    const unknown = await officer.post(`${url}/outcomes/${outcomeId}/indicators`, {
      title: 'Something made up',
      measureKind: 'count',
      count: 'volunteering.madeUp',
    });
    assert.equal(unknown.statusCode, 422);
    assert.equal(fieldErrors(unknown.body).count, 'Select a count');
    const added = await officer.post(`${url}/outcomes/${outcomeId}/indicators`, {
      title: 'Hours volunteered this year',
      measureKind: 'count',
      count: 'volunteering.hoursGiven',
    });
    assert.equal(added.statusCode, 303);
    assert.match(pageText((await officer.get(url)).body), /Hours volunteered, across the place:/);
    await resident.post(`${url}/outcomes/${outcomeId}/endorse`);
    assert.equal((await officer.post(`${url}/publish`)).statusCode, 303);

    const placeId = t.demo.places.calderbrook!.id;
    const today = new Date().toISOString().slice(0, 10);
    const figure = t.kith.modules.flatMap((m) => m.figures ?? []).find((f) => f.id === 'volunteering.hoursGiven')!;
    const minutes = await figure.value(t.kith.db.kysely, placeId, {
      from: '2000-01-01T00:00:00.000Z',
      to: '2100-01-01T00:00:00.000Z',
    });
    assert.ok(minutes > 0, 'the demo place has volunteered');
    const text = pageText(
      (
        await officer.get(
          `${P}/reports?scope=place&from-day=1&from-month=1&from-year=2000&to-day=${today.slice(8)}&to-month=${today.slice(5, 7)}&to-year=${today.slice(0, 4)}`,
        )
      ).body,
    );
    // Shown in hours when enough people gave them; withheld when they are one or two people's own.
    const givers = new Set(
      (
        await figure.givenBy!(t.kith.db.kysely, placeId, {
          from: '2000-01-01T00:00:00.000Z',
          to: '2100-01-01T00:00:00.000Z',
        }).execute()
      ).map((r) => r.person_id),
    );
    const hours =
      givers.size >= 5
        ? `${Math.round(minutes / 60).toLocaleString('en-GB')} hours`
        : 'not shown: fewer than 5 people gave them';
    assert.match(text, new RegExp(`Hours volunteered this year: .*?${hours}`));
    assert.match(text, new RegExp(`Hours volunteered ${hours}`));
    assert.match(text, /Befriending matches started (\d+|fewer than 5)/);
    assert.match(text, /Small acts of kindness \d+/);
  });

  test('a programme’s report counts only its activities', async () => {
    const programmeId = (t.demo.outcomes as { programmeId: string }).programmeId;
    const text = pageText((await officer.get(`${P}/reports?scope=${programmeId}`)).body);
    assert.match(text, /Impact report: Active together \(3 activities\)/);
    assert.match(text, /Not counted for a programme/);
  });

  test('a person’s own download holds their comments, endorsements and stories', async () => {
    const download = await resident.get('/account/data');
    const document = JSON.parse(download.body) as {
      outcomes: { outcomeComments: unknown[]; storiesOfChange: Array<{ title: string }> };
    };
    assert.ok(document.outcomes.outcomeComments.length >= 1);
    assert.ok(document.outcomes.storiesOfChange.some((s) => s.title === 'Out on the moor'));
  });
});

describe('error summaries lead to the fields that say the same', () => {
  test('moderating a story with nothing chosen, or rejecting it without a note, links to that story’s fields', async () => {
    for (const title of ['A morning at the allotment', 'A morning at the allotment again']) {
      assert.equal(
        (await resident.post(`${P}/stories/new`, { title, body: 'We dug, we talked.', consent: 'named' })).statusCode,
        303,
      );
    }
    const queue = (await officer.get(`${P}/stories/moderation`)).body;
    assert.deepEqual(duplicateIds(queue), []);
    const storyId = /stories\/([0-9a-f-]{36})\/moderate/.exec(
      queue.slice(queue.indexOf('A morning at the allotment')),
    )![1]!;
    const nothing = await officer.post(`${P}/stories/${storyId}/moderate`, {});
    assert.equal(nothing.statusCode, 400);
    assert.match(nothing.body, new RegExp(`href="#decision-${storyId}"`));
    assert.deepEqual(errorSummaryProblems(nothing.body), []);
    const noNote = await officer.post(`${P}/stories/${storyId}/moderate`, { decision: 'reject' });
    assert.equal(noNote.statusCode, 400);
    assert.match(noNote.body, new RegExp(`href="#note-${storyId}"`));
    assert.deepEqual(errorSummaryProblems(noNote.body), []);
    // Each story is a part of the page, not a landmark of its own: two stories never make two regions of one name.
    assert.doesNotMatch(queue, /<section[^>]*aria-labelledby="story-/);
  });

  test('linking an outcome to activities with nothing chosen shows each message at its field', async () => {
    const created = await officer.post(`${P}/outcomes/new`, {
      title: 'Links checked',
      purpose: 'Errors lead somewhere',
    });
    const framework = created.headers.location as string;
    await officer.post(`${framework}/outcomes`, { title: 'People walk more' });
    // From the activity form, after a search: the outcome and the activities are both missing.
    const searched = await officer.post(`${framework}/links`, { q: 'walk' });
    assert.equal(searched.statusCode, 400);
    assert.deepEqual(errorSummaryProblems(searched.body), []);
    assert.equal(fieldErrors(searched.body).outcome, 'Select the outcome to link to');
    assert.equal(fieldErrors(searched.body).activities, 'Select at least one activity');
    // Sent with no search at all: there is nothing to tick, so the way on is the search box.
    const bare = await officer.post(`${framework}/links`, {});
    assert.equal(bare.statusCode, 400);
    assert.deepEqual(errorSummaryProblems(bare.body), []);
    // The programme form, with no outcome chosen: its own outcome box says so.
    const page = (await officer.get(`${framework}/links`)).body;
    const programme = /<select class="govuk-select" id="programme" name="programme">\s*<option value="([^"]+)"/.exec(
      page,
    );
    if (programme) {
      const noOutcome = await officer.post(`${framework}/links`, { programme: programme[1]! });
      assert.equal(noOutcome.statusCode, 400);
      assert.match(noOutcome.body, /href="#programme-outcome"/);
      assert.deepEqual(errorSummaryProblems(noOutcome.body), []);
    }
  });
});
