import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { parseCsv } from '../../platform/csv.js';
import { lastTwelveMonths, todayInPlace } from '../../platform/dates.js';
import { SUPPRESSION_THRESHOLD } from '../../platform/suppression.js';
import {
  fieldErrors,
  newMember,
  pageText,
  signedInAs,
  startTestKith,
  type Agent,
  type TestKith,
} from '../../testing.js';
import { periodOfDays } from '../module.js';
import { PEOPLE_TAKING_PART, placeFigureDefinitions } from './index.js';
import { trendMonths } from './place-figures.js';
import { hoursOf } from './present.js';

let t: TestKith;
let officer: Agent;
const P = '/places/calderbrook';

interface OpenFigure {
  id: string;
  label: string;
  definition: string;
  unit: string;
  value: number | null;
  months: Array<{ month: string; value: number | null }>;
}

async function openData(): Promise<{ from: string; to: string; figures: OpenFigure[] }> {
  const res = await officer.get(`${P}/insight/figures.json`);
  assert.equal(res.statusCode, 200);
  return JSON.parse(res.body);
}

before(async () => {
  t = await startTestKith({ demo: true });
  officer = await signedInAs(t, 'officer');
});
after(() => t.close());

describe('the place in figures', () => {
  test('every figure has a definition, and the home page opens each one’s breakdown', async () => {
    const data = await openData();
    const home = await officer.get(`${P}/insight`);
    assert.equal(home.statusCode, 200);
    for (const f of data.figures) {
      assert.ok(f.definition.length > 20 && !f.definition.includes('.definition'), `${f.id} is defined in words`);
      assert.ok(home.body.includes(`href="${P}/insight/figures/${f.id}"`), `${f.id} opens from the home page`);
      const page = await officer.get(`${P}/insight/figures/${f.id}`);
      assert.equal(page.statusCode, 200, f.id);
      assert.ok(pageText(page.body).includes(f.definition), `${f.id}'s page says what it counts`);
      assert.equal(f.months.length, 12);
    }
    assert.equal((await officer.get(`${P}/insight/figures/no.such.figure`)).statusCode, 404);
  });

  test('the commissioner report shows the same numbers as the place’s figures for the same twelve months', async () => {
    const data = await openData();
    const report = pageText((await officer.get(`${P}/reports`)).body);
    const value = (id: string) => data.figures.find((f) => f.id === id)!.value;
    const shown = (label: string) => {
      const m = report.match(new RegExp(`${label} (\\d[\\d,]*)`));
      assert.ok(m, `the report shows ${label}`);
      return Number(m[1]!.replace(/,/g, ''));
    };
    assert.ok(value('prescribing.referrals')! > 0, 'the demo place has referrals');
    assert.equal(shown('Check-ins'), value('outcomes.checkins'));
    assert.equal(shown('People referred'), value('prescribing.peopleReferred'));
    assert.equal(shown('Hours given through time credits'), Math.round(value('timebank.hoursCredited')!));
    // The report's referrals table adds up to the same total.
    const total = report.match(/Referrals by status.*? Total (\d+)/);
    if (total) assert.equal(Number(total[1]), value('prescribing.referrals'));
  });

  test('people taking part counts each person once across every module', async () => {
    const { kith } = t;
    const placeId = t.demo.places.calderbrook!.id;
    const span = lastTwelveMonths(todayInPlace());
    const period = periodOfDays(span.from, span.to);
    // A recount, module by module, in the test's own hands.
    const everyone = new Set<string>();
    let rows = 0;
    for (const m of kith.modules) {
      if (!m.participants) continue;
      const found = await m.participants(kith.db.kysely, placeId, period).execute();
      rows += found.length;
      for (const r of found) everyone.add(r.person_id);
    }
    assert.ok(rows > everyone.size, 'some people take part more than once in the demo');
    const figure = placeFigureDefinitions(kith.modules).find((f) => f.id === PEOPLE_TAKING_PART)!;
    assert.equal(await figure.value(kith.db.kysely, placeId, period), everyone.size);
    const published = (await openData()).figures.find((f) => f.id === PEOPLE_TAKING_PART)!;
    assert.equal(published.value, everyone.size >= SUPPRESSION_THRESHOLD ? everyone.size : null);
  });

  test('no count of people under the threshold leaves Kith, in the page, the CSV or the JSON', async () => {
    const { kith } = t;
    const placeId = t.demo.places.calderbrook!.id;
    const span = lastTwelveMonths(todayInPlace());
    const period = periodOfDays(span.from, span.to);
    const data = await openData();
    const definitions = placeFigureDefinitions(kith.modules);
    let hidden = 0;
    for (const f of data.figures.filter((x) => x.unit === 'people')) {
      for (const v of [f.value, ...f.months.map((m) => m.value)]) {
        assert.ok(v === null || v >= SUPPRESSION_THRESHOLD, `${f.id}: ${v}`);
      }
      const raw = await definitions.find((d) => d.id === f.id)!.value(kith.db.kysely, placeId, period);
      if (raw > 0 && raw < SUPPRESSION_THRESHOLD) {
        hidden += 1;
        assert.equal(f.value, null, `${f.id} is hidden`);
        const page = pageText((await officer.get(`${P}/insight`)).body);
        assert.match(page, new RegExp(`${f.label} \\(people\\) fewer than 5`));
      }
    }
    assert.ok(hidden > 0, 'the demo has a small count to hide');
    const csv = (await officer.get(`${P}/insight/figures.csv`)).body;
    assert.match(csv, /fewer than 5/);
    const records = parseCsv(csv.replace(/^\ufeff/, '')).filter((r) => r.fields[3] === 'people');
    assert.ok(records.length >= 2);
    for (const { fields } of records) {
      for (const cell of fields.slice(4)) assert.ok(cell === 'fewer than 5' || Number(cell) >= 5, fields.join(','));
    }
  });

  test('hours that fewer than 5 people gave are withheld, month by month and in total, as a small count is', async () => {
    const { kith } = t;
    const placeId = t.demo.places.calderbrook!.id;
    const data = await openData();
    const definitions = placeFigureDefinitions(kith.modules);
    const months = trendMonths(todayInPlace());
    let withheld = 0;
    let shown = 0;
    for (const f of data.figures) {
      const definition = definitions.find((d) => d.id === f.id)!;
      if (!definition.givenBy) continue;
      const span = lastTwelveMonths(todayInPlace());
      const periods = [periodOfDays(span.from, span.to), ...months.map((m) => m.period)];
      const values = [f.value, ...f.months.map((m) => m.value)];
      for (const [i, period] of periods.entries()) {
        // Recounted here: who gave the time, each once, and how much.
        const rows: Array<{ person_id: string }> = await definition.givenBy(kith.db.kysely, placeId, period).execute();
        const givers = new Set(rows.map((r) => r.person_id));
        const minutes = await definition.value(kith.db.kysely, placeId, period);
        if (minutes !== 0 && givers.size < SUPPRESSION_THRESHOLD) {
          withheld += 1;
          assert.equal(values[i], null, `${f.id}, ${period.from}: ${givers.size} people gave ${minutes} minutes`);
        } else {
          shown += 1;
          assert.equal(values[i], minutes === 0 ? 0 : hoursOf(minutes), `${f.id}, ${period.from}`);
        }
      }
    }
    assert.ok(withheld > 0, 'the demo without its residents has one volunteer’s hours to withhold');
    assert.ok(shown > 0);
    const page = pageText((await officer.get(`${P}/insight/figures/volunteering.hoursGiven`)).body);
    assert.match(page, /not shown: fewer than 5 people gave them/);
    assert.doesNotMatch(page, /Hours volunteered \(hours\) fewer than 5/);
  });

  test('only officers and admins see it, and the place’s home offers it to them', async () => {
    const resident = await signedInAs(t, 'resident');
    assert.equal((await resident.get(`${P}/insight`)).statusCode, 403);
    assert.equal((await resident.get(`${P}/insight/figures.csv`)).statusCode, 403);
    assert.ok(!(await resident.get(P)).body.includes(`${P}/insight`));
    assert.ok((await officer.get(P)).body.includes(`href="${P}/insight"`));
  });

  test('in Welsh, the figures and their definitions are in Welsh', async () => {
    await officer.get(`${P}/insight?lang=cy`);
    const page = pageText((await officer.get(`${P}/insight`)).body);
    await officer.get(`${P}/insight?lang=en`);
    assert.match(page, /Pobl sy’n cymryd rhan/);
    assert.match(page, /Oriau a roddwyd/);
  });
});

describe('equality monitoring', () => {
  test('a person answers only what they choose, a wrong answer changes nothing, and they can remove their answers', async () => {
    const resident = await newMember(t, t.demo.places.calderbrook!.id, 'Equal Person');
    const stored = () =>
      t.kith.db.kysely
        .selectFrom('equality_answers')
        .selectAll()
        .where('person_id', '=', resident.id)
        .executeTakeFirst();
    const form = await resident.agent.get('/account/equality');
    assert.equal(form.statusCode, 200);
    assert.match(pageText(form.body), /What is your ethnic group\?.*White: Roma/);
    assert.ok(!form.body.includes('Remove my answers'), 'nothing to remove yet');

    const bad = await resident.agent.post('/account/equality', { sex: 'female', ageBand: '200' });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(fieldErrors(bad.body), { ageBand: 'Choose one of the answers, or leave the question unanswered' });
    assert.equal(await stored(), undefined, 'nothing saved');

    const saved = await resident.agent.post('/account/equality', { sex: 'female', ethnicGroup: 'whiteRoma' });
    assert.equal(saved.statusCode, 303);
    const row = await stored();
    assert.equal(row?.sex, 'female');
    assert.equal(row?.ethnic_group, 'whiteRoma');
    assert.equal(row?.age_band, null, 'a question left alone stays unanswered');
    assert.ok(!('name' in row!) && !('email' in row!), 'kept apart from who they are');
    const again = await resident.agent.get('/account/equality');
    assert.match(again.body, /value="whiteRoma" checked/);

    assert.equal((await resident.agent.post('/account/equality/remove', {})).statusCode, 303);
    assert.equal(await stored(), undefined);
    assert.equal((await (await signedInAs(t, 'resident')).get(`${P}/insight/equality`)).statusCode, 403);
  });

  test('officers see counts only, and no count under 5 or one that could be worked out from the total', async () => {
    const placeId = t.demo.places.calderbrook!.id;
    const answers = ['female', 'female', 'female', 'female', 'female', 'female', 'male', 'preferNot'];
    for (const [i, sex] of answers.entries()) {
      const member = await newMember(t, placeId, `Answering Person ${i}`);
      assert.equal((await member.agent.post('/account/equality', { sex })).statusCode, 303);
    }
    const page = await officer.get(`${P}/insight/equality`);
    assert.equal(page.statusCode, 200);
    const text = pageText(page.body);
    const sex = text.match(/Sex Answer .*? People who answered any question (?:fewer than 5|\d+) (\d+)/);
    assert.ok(sex, text);
    // Female 6 is shown; male 1 and "prefer not" 1 are hidden; the total is shown.
    assert.match(
      text,
      /Sex Answer Taking part \(last 12 months\) Members of the place Female fewer than 5 6 Male fewer than 5 fewer than 5 Prefer not to say fewer than 5 fewer than 5/,
    );
    assert.equal(sex[1], String(answers.length));
    for (const cell of text.matchAll(/ (\d+) /g))
      assert.ok(Number(cell[1]) === 0 || Number(cell[1]) >= 5 || /\d{4}/.test(cell[1]!));
    assert.ok(!text.includes('Answering Person'), 'nobody is named');
  });
});

describe('the demo a new place explores (npm start)', () => {
  let full: TestKith;
  before(async () => {
    full = await startTestKith({ demo: true, demoResidents: true });
  });
  after(() => full.close());

  test('has residents enough for the figures and the equality page to show numbers, not only "fewer than 5"', async () => {
    const reader = await signedInAs(full, 'officer');
    const open = JSON.parse((await reader.get(`${P}/insight/figures.json`)).body) as { figures: OpenFigure[] };
    const takingPart = open.figures.find((f) => f.id === PEOPLE_TAKING_PART)!;
    assert.ok(takingPart.value !== null && takingPart.value >= 20, `people taking part: ${takingPart.value}`);
    const text = pageText((await reader.get(`${P}/insight/equality`)).body);
    // Most of the residents are White British; that row shows a number in both columns.
    const white = text.match(/White (\d+) (\d+)/);
    assert.ok(white, text);
    assert.ok(Number(white[1]) >= 5 && Number(white[2]) >= Number(white[1]));
    // Small groups are still held back.
    assert.match(text, /Caribbean or African fewer than 5 fewer than 5/);
    // Enough residents volunteered for the place's hours to be shown.
    const volunteered = open.figures.find((f) => f.id === 'volunteering.hoursGiven')!;
    assert.ok(volunteered.value !== null && volunteered.value > 0, `hours volunteered: ${volunteered.value}`);
    // Not every member has taken part: the page shows the gap.
    const answered = text.match(/People who answered any question (\d+) (\d+)/)!;
    assert.ok(Number(answered[1]) < Number(answered[2]), answered[0]);
  });
});
