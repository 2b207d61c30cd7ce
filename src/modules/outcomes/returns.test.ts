import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Agent, errorSummaryProblems, fieldErrors, pageText, startTestKith, type TestKith } from '../../testing.js';
import { quarterDays, quarterLabel, quarterOf, shiftQuarter, todayInPlace } from '../../platform/dates.js';
import { listDevMail } from '../../platform/mail/store.js';
import { parseInput } from '../../web/forms.js';
import { ReturnInput } from './inputs.js';
import { buildReport } from './report.js';
import { canChange, deadlineOf, quartersAsked, returningOrganisations } from './returns.js';
import { eraseReturnPeople, findReminder, findReturn, writeReturn } from './returns-store.js';
import { insertCheckin } from './store.js';

let t: TestKith;
let officer: Agent;
let organiser: Agent;
let resident: Agent;
const P = '/places/calderbrook';
let placeId: string;
let fundId: string;
let walkers: { id: string; activities: Array<{ id: string; name: string }> };
let ageFriendly: { id: string };
const last = shiftQuarter(quarterOf(todayInPlace()), -1);

async function agentFor(email: string) {
  const agent = new Agent(t);
  await agent.signIn(email, t.demo.password);
  return agent;
}

const returnUrl = (organisationId: string, quarter = last) => `${P}/returns/${fundId}/${organisationId}/${quarter}`;

before(async () => {
  t = await startTestKith({ demo: true });
  officer = await agentFor('officer@calderbrook.example');
  organiser = await agentFor('organiser@calderbrook.example');
  resident = await agentFor('resident@calderbrook.example');
  placeId = t.demo.places.calderbrook!.id;
  fundId = (t.demo.outcomes as { smallGroupsFundId: string }).smallGroupsFundId;
  const organisations = await returningOrganisations(t.kith.db.kysely, placeId, fundId);
  walkers = organisations.find((o) => o.activities.some((a) => a.name === 'Health walk'))!;
  ageFriendly = organisations.find((o) => o.activities.some((a) => a.name === 'Lunch club'))!;
});
after(() => t.close());

describe('quarters and the rules of a return', () => {
  test('a quarter is named in English and Welsh, and its return is due 30 days after it ends', () => {
    assert.equal(quarterLabel('2026-Q4', 'en'), 'October to December 2026');
    assert.equal(quarterLabel('2026-Q4', 'cy'), 'Hydref i Ragfyr 2026');
    assert.equal(quarterLabel('2027-Q1', 'cy'), 'Ionawr i Fawrth 2027');
    assert.deepEqual(quarterDays('2026-Q3'), { from: '2026-07-01', to: '2026-09-30' });
    assert.equal(deadlineOf('2026-Q3'), '2026-10-30');
    assert.deepEqual(quartersAsked('2026-12-07'), ['2026-Q3', '2026-Q2']);
    assert.equal(shiftQuarter('2026-Q1', -1), '2025-Q4');
  });

  test('a draft changes until it is sent; a sent return only until its deadline', () => {
    assert.equal(canChange(undefined, '2027-03-01'), true);
    assert.equal(canChange({ state: 'draft', quarter: '2026-Q3' }, '2027-03-01'), true);
    assert.equal(canChange({ state: 'submitted', quarter: '2026-Q3' }, '2026-10-30'), true);
    assert.equal(canChange({ state: 'submitted', quarter: '2026-Q3' }, '2026-10-31'), false);
  });

  test('people are a whole number, hours a whole number or one decimal; sending needs all four', () => {
    const bad = parseInput(ReturnInput, { action: 'draft', peopleReached: '12.5', hoursGiven: '3.25' });
    assert.equal(bad.ok, false);
    if (!bad.ok) assert.deepEqual(Object.keys(bad.errors).sort(), ['hoursGiven', 'peopleReached']);
    const draft = parseInput(ReturnInput, { action: 'draft', peopleReached: '', hoursGiven: '4.5' });
    assert.equal(draft.ok, true);
    const send = parseInput(ReturnInput, { action: 'submit', peopleReached: '9', hoursGiven: '', story: 'x' });
    assert.equal(send.ok, false);
    if (!send.ok) assert.deepEqual(Object.keys(send.errors).sort(), ['differently', 'hoursGiven']);
  });
});

describe('a small group files its quarterly return', () => {
  test('the organiser sees the returns due for their own group only', async () => {
    const due = pageText((await organiser.get(`${P}/returns`)).body);
    assert.match(
      due,
      new RegExp(`${quarterLabel(last, 'en')}.*Small Groups Fund.*Calderbrook Walking Group.*Not returned`),
    );
    assert.doesNotMatch(due, /Age Friendly Calderbrook/);
    assert.match(pageText((await organiser.get(P)).body), /Quarterly returns due/);
  });

  test('the form is prefilled from the records: three more paper check-ins show as three more', async () => {
    const before = pageText((await organiser.get(returnUrl(walkers.id))).body);
    const checkins = Number(/Check-ins (\d+)/.exec(before)![1]);
    const walk = walkers.activities.find((a) => a.name === 'Health walk')!;
    const sessionOn = quarterDays(last).from;
    for (let i = 0; i < 3; i++)
      await insertCheckin(
        t.kith.db.kysely,
        {
          place_id: placeId,
          activity_id: walk.id,
          session_on: sessionOn,
          person_id: null,
          entered_by: null,
          from_paper: 1,
        },
        [],
      );
    // A check-in the quarter after is not this quarter's.
    await insertCheckin(
      t.kith.db.kysely,
      {
        place_id: placeId,
        activity_id: walk.id,
        session_on: quarterDays(shiftQuarter(last, 1)).from,
        person_id: null,
        entered_by: null,
        from_paper: 1,
      },
      [],
    );
    const page = await organiser.get(returnUrl(walkers.id));
    const text = pageText(page.body);
    assert.match(text, new RegExp(`Check-ins ${checkins + 3} `));
    assert.match(text, /Check-ins people answered, or you typed in from paper, at Health walk, Saturday ramble from/);
    assert.match(page.body, new RegExp(`id="peopleReached"[^>]*value="${checkins + 3}"`));
  });

  test('an organiser of another organisation can neither read nor file its return; nor can a resident', async () => {
    assert.equal((await organiser.get(returnUrl(ageFriendly.id))).statusCode, 403);
    const filed = await organiser.post(returnUrl(ageFriendly.id), {
      action: 'submit',
      peopleReached: '1',
      hoursGiven: '1',
      story: 'Not ours',
      differently: 'Nothing',
    });
    assert.equal(filed.statusCode, 403);
    const theirs = await findReturn(t.kith.db.kysely, {
      placeId,
      programmeId: fundId,
      organisationId: ageFriendly.id,
      quarter: last,
    });
    assert.equal(theirs?.peopleReached, 31, 'their return is unchanged');
    assert.equal((await resident.get(returnUrl(walkers.id))).statusCode, 403);
    assert.equal((await resident.post(returnUrl(walkers.id), { action: 'draft' })).statusCode, 403);
    assert.equal((await officer.post(returnUrl(walkers.id), { action: 'draft' })).statusCode, 403);
    // A quarter not yet ended has no return.
    assert.equal((await organiser.get(returnUrl(walkers.id, quarterOf(todayInPlace())))).statusCode, 404);
  });

  test('bad input is shown beside its field and changes nothing; a draft saves; sending twice keeps one', async () => {
    const key = { placeId, programmeId: fundId, organisationId: walkers.id, quarter: last };
    const bad = await organiser.post(returnUrl(walkers.id), {
      action: 'submit',
      peopleReached: 'about twenty',
      hoursGiven: '3.25',
      story: '',
      differently: 'Meet earlier',
    });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(fieldErrors(bad.body), {
      peopleReached: 'Enter people reached as a whole number, like 24',
      hoursGiven: 'Enter hours as a whole number or with one decimal place, like 12.5',
      story: 'Write one story from this quarter',
    });
    assert.deepEqual(errorSummaryProblems(bad.body), []);
    assert.match(bad.body, /value="about twenty"/, 'what was typed is shown again');
    assert.equal(await findReturn(t.kith.db.kysely, key), undefined);

    const draft = await organiser.post(returnUrl(walkers.id), { action: 'draft', peopleReached: '20', story: 'Half' });
    assert.equal(draft.statusCode, 303);
    assert.equal((await findReturn(t.kith.db.kysely, key))?.state, 'draft');
    assert.match(pageText((await organiser.get(returnUrl(walkers.id))).body), /Your draft is saved/);
    // The officer sees that a draft exists, not what it says: it is the group's until sent.
    const seen = pageText((await officer.get(returnUrl(walkers.id))).body);
    assert.match(seen, /Draft saved on \d{1,2} \w+ \d{4}, not yet returned/);
    assert.doesNotMatch(seen, /Half/);

    const fields = {
      action: 'submit',
      peopleReached: '22',
      hoursGiven: '12.5',
      story: 'A woman who had stopped going out now walks with us every week and brings her neighbour.',
      differently: 'Start the winter walks earlier, before it gets dark.',
    };
    const [a, b] = await Promise.all([
      organiser.post(returnUrl(walkers.id), fields, { idempotencyKey: 'return-once' }),
      organiser.post(returnUrl(walkers.id), fields, { idempotencyKey: 'return-once' }),
    ]);
    assert.deepEqual([a.statusCode, b.statusCode], [303, 303]);
    const sent = (await findReturn(t.kith.db.kysely, key))!;
    assert.equal(sent.state, 'submitted');
    assert.equal(sent.peopleReached, 22);
    assert.equal(sent.hoursTenths, 125);
    const audits = await t.kith.db.kysely
      .selectFrom('audit_events')
      .select('action')
      .where('action', '=', 'return.submitted')
      .where('subject_id', '=', fundId)
      .execute();
    assert.equal(audits.length, 1, 'one submission is audited once');
    const page = pageText((await organiser.get(returnUrl(walkers.id))).body);
    assert.match(page, /Returned on/);
  });
});

describe('a sent return is the record once its deadline has passed', () => {
  test('the organiser sees it but cannot change it; a change sent anyway is refused and changes nothing', async () => {
    // Two quarters before last: its deadline passed at least two months ago.
    const old = shiftQuarter(last, -2);
    const key = { placeId, programmeId: fundId, organisationId: walkers.id, quarter: old };
    await writeReturn(
      t.kith.db.kysely,
      key,
      {
        people_reached: 14,
        hours_tenths: 60,
        story: 'The spring walks brought three new members.',
        differently: 'Print the timetable bigger.',
        known_checkins: 0,
        known_attended: 0,
        known_minutes: 0,
      },
      { personId: t.demo.people.organiser!.id, submit: true },
    );
    const page = await organiser.get(returnUrl(walkers.id, old));
    const text = pageText(page.body);
    assert.match(text, /People reached 14 Hours given by volunteers 6 One story from this quarter The spring walks/);
    assert.match(text, /its deadline has passed, so it can no longer be changed/);
    assert.doesNotMatch(page.body, /<form method="post" action="[^"]*\/returns\//);
    const refused = await organiser.post(returnUrl(walkers.id, old), {
      action: 'submit',
      peopleReached: '99',
      hoursGiven: '1',
      story: 'Changed',
      differently: 'Changed',
    });
    assert.equal(refused.statusCode, 422);
    assert.equal((await findReturn(t.kith.db.kysely, key))?.peopleReached, 14);
    // The officer reads it too.
    assert.match(pageText((await officer.get(returnUrl(walkers.id, old))).body), /The spring walks/);
  });
});

describe('officers see who has returned and remind the rest', () => {
  test('the officer sees each organisation returned or not, and a reminder is sent once a quarter', async () => {
    // A fresh quarter: the one before last, where nobody has returned.
    const earlier = shiftQuarter(last, -1);
    const url = `${P}/outcomes/programmes/${fundId}/returns`;
    const page = pageText((await officer.get(`${url}?quarter=${earlier}`)).body);
    assert.match(page, /Returned: 0 of 2 organisations/);
    assert.match(page, /Age Friendly Calderbrook Not returned/);

    const lastPage = pageText((await officer.get(url)).body);
    assert.match(lastPage, /Returned: 2 of 2 organisations/);
    assert.match(lastPage, /Calderbrook Walking Group Returned on/);

    const isReminder = (m: { subject: string }) => m.subject === 'Your return for Small Groups Fund is due';
    await t.worker.runDue();
    const before = (await listDevMail(t.kith.db.kysely, 1000)).filter(isReminder).length;
    const first = await officer.post(`${url}/remind`, { organisation: ageFriendly.id, quarter: earlier });
    assert.equal(first.statusCode, 303);
    assert.match(pageText((await officer.get(first.headers.location as string)).body), /A reminder is sent/);
    await t.worker.runDue();
    const afterFirst = (await listDevMail(t.kith.db.kysely, 1000)).filter(isReminder).length;
    assert.ok(afterFirst > before, 'the organisation’s organisers are emailed');

    const second = await officer.post(`${url}/remind`, { organisation: ageFriendly.id, quarter: earlier });
    const again = pageText((await officer.get(second.headers.location as string)).body);
    assert.match(again, /A reminder was already sent on \d{1,2} \w+ \d{4}\. Nothing more was sent\./);
    await t.worker.runDue();
    assert.equal((await listDevMail(t.kith.db.kysely, 1000)).filter(isReminder).length, afterFirst);
    assert.match(again, /Reminder sent on/);

    // A group that has returned is not reminded.
    const returned = await officer.post(`${url}/remind`, { organisation: walkers.id, quarter: last });
    assert.equal(returned.statusCode, 422);
    assert.match(pageText(returned.body), /has already sent its return for the quarter/);
    assert.deepEqual(errorSummaryProblems(returned.body), []);
    const bad = await officer.post(`${url}/remind`, { organisation: '', quarter: 'soon' });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(errorSummaryProblems(bad.body), []);
  });

  test('the commissioner report adds up the returns and shows their stories under the organisation’s name', async () => {
    const { from, to } = quarterDays(last);
    const report = (await buildReport(t.kith.db, { placeId, scope: fundId, from, to }))!;
    assert.equal(report.returns.count, 2);
    assert.equal(report.returns.peopleReached, 31 + 22);
    assert.equal(report.returns.hoursGiven, Math.round(14.2 + 12.5));
    assert.deepEqual(report.returns.stories.map((s) => s.organisation).sort(), [
      'Age Friendly Calderbrook',
      'Calderbrook Walking Group',
    ]);
    const [fy, fm, fd] = from.split('-');
    const [ty, tm, td] = to.split('-');
    const period = `from-day=${fd}&from-month=${fm}&from-year=${fy}&to-day=${td}&to-month=${tm}&to-year=${ty}`;
    const page = pageText((await officer.get(`${P}/reports?scope=${fundId}&${period}`)).body);
    assert.match(page, /Returns received 2/);
    assert.match(page, /brings her neighbour\. Calderbrook Walking Group/);
    // A period that holds no whole quarter has no returns in it.
    const part = (await buildReport(t.kith.db, { placeId, scope: fundId, from: quarterDays(last).from, to: from }))!;
    assert.equal(part.returns.count, 0);
  });

  test('in Welsh, the quarter and the count of organisations are written in Welsh', async () => {
    const cymraeg = await agentFor('officer@calderbrook.example');
    const earlier = shiftQuarter(last, -1);
    const url = `${P}/outcomes/programmes/${fundId}/returns?quarter=${earlier}`;
    await cymraeg.get(`${url}&lang=cy`); // chooses Welsh, then comes back to the page
    const page = pageText((await cymraeg.get(url)).body);
    assert.match(page, new RegExp(`Ffurflenni ar gyfer ${quarterLabel(earlier, 'cy')}`));
    assert.match(page, /Wedi’u hanfon: 0 o 2 sefydliad\./);
  });

  test('when someone deletes their account, the returns and reminders stay without their name', async () => {
    const tom = t.demo.people.organiser!.id;
    const samira = t.demo.people.officer!.id;
    const key = { placeId, programmeId: fundId, organisationId: walkers.id, quarter: last };
    assert.equal((await findReturn(t.kith.db.kysely, key))?.submittedBy, tom);
    await eraseReturnPeople(t.kith.db.kysely, tom);
    await eraseReturnPeople(t.kith.db.kysely, samira);
    const kept = (await findReturn(t.kith.db.kysely, key))!;
    assert.deepEqual([kept.savedBy, kept.submittedBy, kept.peopleReached], [null, null, 22]);
    const reminder = await findReminder(t.kith.db.kysely, {
      ...key,
      organisationId: ageFriendly.id,
      quarter: shiftQuarter(last, -1),
    });
    assert.equal(reminder?.sentBy, null);
  });
});
