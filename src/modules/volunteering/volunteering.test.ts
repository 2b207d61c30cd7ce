import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { listDevMail } from '../../platform/mail/store.js';
import {
  Agent,
  errorSummaryProblems,
  fieldErrors,
  libraryDraftsFrom,
  newMember,
  pageText,
  pdfText,
  signedInAs,
  startTestKith,
  type TestKith,
} from '../../testing.js';
import { insertPerson, insertRole } from '../people/index.js';
import { organisationSummaries } from '../directory/index.js';
import { saveGroup, fundGroup, joinTimeCredits, findAccountOf, verifyLedger } from '../timebank/index.js';
import { sendReminders } from './reminders.js';
import { signUp } from './signups.js';
import { addDays, shortMonth, todayInPlace } from '../../platform/dates.js';
import { placeFigureDefinitions } from '../insight/index.js';
import { periodOfDays } from '../module.js';

let t: TestKith;
let placeId: string;
let parkId: string;
let repairId: string;
const base = '/places/calderbrook/volunteering';

before(async () => {
  t = await startTestKith({ demo: true });
  placeId = t.demo.places.calderbrook!.id;
  const organisations = new Map((await organisationSummaries(t.kith.db.kysely, placeId)).map((o) => [o.name, o.id]));
  parkId = organisations.get('Friends of Calder Park')!;
  repairId = organisations.get('Calderbrook Repair Café')!;
});
after(() => t.close());

const as = (key: string) => signedInAs(t, key);
const newResident = (name: string) => newMember(t, placeId, name);

const nextDate = (days: number) => {
  const [y, m, d] = addDays(todayInPlace(), days).split('-');
  return { day: String(Number(d)), month: String(Number(m)), year: y! };
};

/** Publishes a role as Tom (an organiser listed for the organisation) and adds shifts; returns its id and its shifts. */
async function publishRole(
  fields: Record<string, string | string[]>,
  shifts?: { places: string; repeat?: string; occurrences?: string; inDays?: number },
  organisation = parkId,
) {
  const tom = await as('organiser');
  const manage = `${base}/manage/${organisation}`;
  const response = await tom.post(`${manage}/opportunities/new`, {
    title: 'Litter pick',
    description: 'Picking litter along the canal',
    timeCommitment: 'Two hours',
    commitment: 'regular',
    interests: 'environment',
    remote: 'no',
    postcode: 'KL1 1AA',
    participation: 'shifts',
    status: 'open',
    ...fields,
  });
  assert.equal(response.statusCode, 303, pageText(response.body));
  const id = (response.headers.location as string).split('/').pop()!;
  if (shifts) {
    const date = nextDate(shifts.inDays ?? 3);
    const added = await tom.post(`${manage}/opportunities/${id}/shifts`, {
      'date-day': date.day,
      'date-month': date.month,
      'date-year': date.year,
      starts: '10:00',
      ends: '13:00',
      places: shifts.places,
      repeat: shifts.repeat ?? 'none',
      occurrences: shifts.occurrences ?? '',
    });
    assert.equal(added.statusCode, 303, pageText(added.body));
  }
  const shiftIds = (
    await t.kith.db.kysely
      .selectFrom('volunteering_shifts')
      .select('id')
      .where('opportunity_id', '=', id)
      .orderBy('starts_at')
      .execute()
  ).map((s) => s.id);
  return { id, shiftIds, tom, manage };
}

const statusOf = async (signupId: string) =>
  (
    await t.kith.db.kysely
      .selectFrom('volunteering_signups')
      .select('status')
      .where('id', '=', signupId)
      .executeTakeFirstOrThrow()
  ).status;

describe('publishing and finding roles', () => {
  test('a role form with mistakes shows each beside its field and stores nothing', async () => {
    const tom = await as('organiser');
    const before = await t.kith.db.kysely
      .selectFrom('volunteering_opportunities')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const response = await tom.post(`${base}/manage/${parkId}/opportunities/new`, {
      title: '',
      description: '',
      timeCommitment: '',
      commitment: 'sometimes',
      interests: 'juggling',
      minimumAge: 'ten',
      remote: 'no',
      participation: 'shifts',
      status: 'open',
    });
    assert.equal(response.statusCode, 400);
    const errors = fieldErrors(response.body);
    assert.equal(errors.title, 'Enter the name of the role');
    assert.equal(errors.minimumAge, 'Enter a minimum age as a whole number from 0 to 99');
    assert.ok(errors.interests && errors.commitment && errors.description && errors.timeCommitment);
    const after = await t.kith.db.kysely
      .selectFrom('volunteering_opportunities')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(Number(after.n), Number(before.n));
  });

  test('a recurring shift role is found by its words, interest, day and distance, and lists its shifts', async () => {
    const { id } = await publishRole(
      { title: 'Canal towpath tidy', interests: ['environment', 'practical'] },
      { places: '4', repeat: 'weekly', occurrences: '3' },
    );
    const shifts = await t.kith.db.kysely
      .selectFrom('volunteering_shifts')
      .select('starts_at')
      .where('opportunity_id', '=', id)
      .orderBy('starts_at')
      .execute();
    assert.equal(shifts.length, 3);
    assert.equal(
      Date.parse(shifts[1]!.starts_at) - Date.parse(shifts[0]!.starts_at) >= 7 * 86_400_000 - 3_600_000,
      true,
    );
    const anyone = new Agent(t);
    assert.match(pageText((await anyone.get(`${base}?q=towpath`)).body), /Canal towpath tidy/);
    assert.match(
      pageText((await anyone.get(`${base}?interest=environment&postcode=KL1+1AA&miles=1`)).body),
      /Canal towpath tidy/,
    );
    assert.doesNotMatch(pageText((await anyone.get(`${base}?q=towpath&interest=animals`)).body), /Canal towpath tidy/);
    const page = pageText((await anyone.get(`${base}/opportunities/${id}`)).body);
    assert.match(page, /0 of 4 places taken/);
    assert.match(page, /Sign in to sign up/);

    // Closed, it is no longer found or shown; reopened, it is.
    const tom = await as('organiser');
    assert.equal(
      (await tom.post(`${base}/manage/${parkId}/opportunities/${id}/status`, { status: 'closed' })).statusCode,
      303,
    );
    assert.doesNotMatch(pageText((await anyone.get(`${base}?q=towpath`)).body), /Canal towpath tidy/);
    assert.equal((await anyone.get(`${base}/opportunities/${id}`)).statusCode, 404);
    await tom.post(`${base}/manage/${parkId}/opportunities/${id}/status`, { status: 'open' });
    assert.match(pageText((await anyone.get(`${base}?q=towpath`)).body), /Canal towpath tidy/);
  });

  test('closing a role asks what they would do differently; a ticked box makes one draft case study its coordinator can open', async () => {
    const { id, tom, manage } = await publishRole({
      title: 'Pond dipping helper',
      description: 'Helping children dip the pond',
    });
    const url = `${manage}/opportunities/${id}/status`;
    const role = () =>
      t.kith.db.kysely
        .selectFrom('volunteering_opportunities')
        .select(['status', 'closing_differently'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
    const drafts = () => libraryDraftsFrom(t, 'volunteering');
    const before = (await drafts()).length;

    const long = await tom.post(url, { status: 'closed', differently: 'x'.repeat(2001), shareDraft: 'yes' });
    assert.equal(long.statusCode, 400);
    assert.deepEqual(errorSummaryProblems(long.body), []);
    assert.equal(fieldErrors(long.body).differently, 'What you would do differently must be 2,000 characters or fewer');
    const nothingToShare = await tom.post(url, { status: 'closed', shareDraft: 'yes' });
    assert.equal(nothingToShare.statusCode, 400);
    assert.equal(
      fieldErrors(nothingToShare.body).differently,
      'Enter what you would do differently to share it as a case study',
    );
    assert.deepEqual(await role(), { status: 'open', closing_differently: '' });
    assert.equal((await drafts()).length, before);

    const answer = 'Ask the school to send a second adult with each class.';
    const kept = await tom.post(url, { status: 'closed', differently: answer });
    assert.equal(kept.statusCode, 303);
    assert.doesNotMatch(kept.headers.location as string, /draft=/);
    assert.deepEqual(await role(), { status: 'closed', closing_differently: answer });
    assert.equal((await drafts()).length, before);

    const key = randomUUID();
    const shared = { status: 'closed', differently: answer, shareDraft: 'yes' };
    const first = await tom.post(url, shared, { idempotencyKey: key });
    const again = await tom.post(url, shared, { idempotencyKey: key });
    assert.equal(first.statusCode, 303, pageText(first.body));
    assert.equal(again.headers.location, first.headers.location);
    const made = (await drafts()).slice(before);
    assert.equal(made.length, 1);
    assert.equal(made[0]!.title, 'Volunteering role: Pond dipping helper');
    assert.equal(made[0]!.tried, 'Helping children dip the pond');
    assert.equal(made[0]!.whatDidNot, answer);
    assert.equal(made[0]!.status, 'draft');
    assert.equal(made[0]!.submittedBy, t.demo.people.organiser!.id);
    const confirmation = await tom.get(first.headers.location as string);
    const link = /<a class="govuk-link" href="([^"]+)">Finish your draft case study<\/a>/.exec(confirmation.body);
    assert.ok(link, 'the confirmation links to the draft');
    assert.equal(link[1], `/places/calderbrook/library/cases/${made[0]!.id}/edit`);
    assert.equal((await tom.get(link[1])).statusCode, 200);
    const { agent: someoneElse } = await newResident('Nosy Neighbour');
    assert.notEqual((await someoneElse.get(link[1])).statusCode, 200);
  });

  test('the pages are in Welsh for a Welsh reader', async () => {
    const reader = new Agent(t);
    const chosen = await reader.get(`${base}?lang=cy`);
    const page = pageText(
      (chosen.statusCode === 303 ? await reader.get(chosen.headers.location as string) : chosen).body,
    );
    assert.match(page, /Dod o hyd i rôl wirfoddoli/);
    assert.match(page, /Park clean-up volunteer/);
  });

  test('someone who does not coordinate the organisation cannot publish for it', async () => {
    assert.equal((await (await as('coordinator')).get(`${base}/manage/${parkId}`)).statusCode, 403);
    assert.equal((await (await as('resident')).post(`${base}/manage/${parkId}/opportunities/new`, {})).statusCode, 403);
  });
});

describe('signing up to shifts', () => {
  test('30 people signing up at once for 10 places: exactly 10 confirmed and 20 waiting', async () => {
    const { id, shiftIds } = await publishRole({ title: 'Food bank packing' }, { places: '10' });
    const people = await Promise.all(
      Array.from(
        { length: 30 },
        async (_, i) =>
          (
            await insertPerson(t.kith.db.kysely, {
              name: `Racer ${i}`,
              email: `racer${i}@test.example`,
              passwordHash: null,
              language: 'en',
              emailConfirmed: true,
            })
          ).id,
      ),
    );
    for (const p of people)
      await insertRole(t.kith.db.kysely, { placeId, personId: p, role: 'resident', grantedBy: null });
    const outcomes = await Promise.all(
      people.map((p) =>
        signUp(t.kith, { placeId, actorId: p, opportunityId: id, shiftId: shiftIds[0]!, message: '', birthDate: null }),
      ),
    );
    assert.equal(outcomes.filter((o) => o.status === 'confirmed').length, 10);
    assert.equal(outcomes.filter((o) => o.status === 'waiting').length, 20);
    const stored = await t.kith.db.kysely
      .selectFrom('volunteering_signups')
      .select('status')
      .where('slot', '=', shiftIds[0]!)
      .execute();
    assert.equal(stored.filter((s) => s.status === 'confirmed').length, 10);
    assert.equal(stored.filter((s) => s.status === 'waiting').length, 20);
  });

  test('a full shift puts people on the waiting list; a cancellation gives the longest-waiting the place and emails them', async () => {
    const { id, shiftIds } = await publishRole({ title: 'Tea urn duty' }, { places: '1' });
    const first = await newResident('First Person');
    const second = await newResident('Second Person');
    const third = await newResident('Third Person');
    const join = (a: Agent) => a.post(`${base}/opportunities/${id}`, { shift: shiftIds[0]! });
    assert.equal((await join(first.agent)).statusCode, 303);
    assert.equal((await join(second.agent)).statusCode, 303);
    assert.equal((await join(third.agent)).statusCode, 303);
    const again = await join(first.agent);
    assert.equal(again.statusCode, 422);
    assert.equal(fieldErrors(again.body).shift, 'You have already signed up for this');
    const signupOf = async (personId: string) =>
      await t.kith.db.kysely
        .selectFrom('volunteering_signups')
        .select(['id', 'status'])
        .where('person_id', '=', personId)
        .where('slot', '=', shiftIds[0]!)
        .orderBy('created_at', 'desc')
        .executeTakeFirstOrThrow();
    assert.equal((await signupOf(first.id)).status, 'confirmed');
    assert.equal((await signupOf(second.id)).status, 'waiting');
    assert.match(pageText((await second.agent.get(`${base}/mine`)).body), /Tea urn duty .* On the waiting list/);
    // Nobody else may cancel someone's place.
    assert.equal((await second.agent.post(`${base}/signups/${(await signupOf(first.id)).id}/cancel`)).statusCode, 403);
    assert.equal((await first.agent.post(`${base}/signups/${(await signupOf(first.id)).id}/cancel`)).statusCode, 303);
    assert.equal((await signupOf(first.id)).status, 'cancelled');
    assert.equal((await signupOf(second.id)).status, 'confirmed');
    assert.equal((await signupOf(third.id)).status, 'waiting');
    await t.worker.runDue();
    assert.ok(
      (await listDevMail(t.kith.db.kysely)).some(
        (m) => m.subject === 'A place has come up: Tea urn duty' && m.person_id === second.id,
      ),
    );
  });

  test('a shift reminder is emailed once, the day before', async () => {
    const { id, shiftIds } = await publishRole({ title: 'Lantern parade marshal' }, { places: '3', inDays: 1 });
    const volunteer = await newResident('Reminded Person');
    await signUp(t.kith, {
      placeId,
      actorId: volunteer.id,
      opportunityId: id,
      shiftId: shiftIds[0]!,
      message: '',
      birthDate: null,
    });
    const startsAt = (
      await t.kith.db.kysely
        .selectFrom('volunteering_shifts')
        .select('starts_at')
        .where('id', '=', shiftIds[0]!)
        .executeTakeFirstOrThrow()
    ).starts_at;
    const dayBefore = new Date(Date.parse(startsAt) - 20 * 3_600_000);
    await sendReminders(t.kith, dayBefore);
    await sendReminders(t.kith, dayBefore);
    await t.worker.runDue();
    const reminders = (await listDevMail(t.kith.db.kysely, 1000)).filter(
      (m) => m.person_id === volunteer.id && m.subject === 'Reminder: Lantern parade marshal tomorrow',
    );
    assert.equal(reminders.length, 1);
  });
});

describe('checks that gate a role', () => {
  test('a role needing an enhanced check holds the place; an expired check still does not let the coordinator confirm; a valid one does', async () => {
    const { id, shiftIds, tom, manage } = await publishRole(
      { title: 'Hospital ward visitor', requirements: 'dbs_enhanced' },
      { places: '2', repeat: 'weekly', occurrences: '4' },
    );
    const volunteer = await newResident('Checked Person');
    const joined = await volunteer.agent.post(`${base}/opportunities/${id}`, { shift: shiftIds[0]! });
    assert.equal(joined.statusCode, 303);
    // The shift they hold can no longer be chosen, and its option says why.
    const again = (await volunteer.agent.get(`${base}/opportunities/${id}`)).body;
    const option = new RegExp(`<input[^>]*value="${shiftIds[0]}"[^>]*disabled[^>]*aria-describedby="([^"]+)"`).exec(
      again,
    );
    assert.ok(option, 'the shift held is disabled');
    assert.match(
      pageText(new RegExp(`id="${option[1]}"[^>]*>([\\s\\S]*?)</div>`).exec(again)![1]!),
      /You have already signed up to this shift/,
    );
    const signup = await t.kith.db.kysely
      .selectFrom('volunteering_signups')
      .select(['id', 'status'])
      .where('person_id', '=', volunteer.id)
      .executeTakeFirstOrThrow();
    assert.equal(signup.status, 'pending');
    const refused = await tom.post(`${manage}/signups/${signup.id}`, { action: 'confirm' });
    assert.equal(refused.statusCode, 422);
    assert.match(pageText(refused.body), /They cannot be confirmed yet: Enhanced DBS check not recorded/);

    const lastYear = nextDate(-400);
    const lastMonth = nextDate(-30);
    await tom.post(`${manage}/people/${volunteer.id}/checks`, {
      kind: 'dbs_enhanced',
      'checkedOn-day': lastYear.day,
      'checkedOn-month': lastYear.month,
      'checkedOn-year': lastYear.year,
      'expiresOn-day': lastMonth.day,
      'expiresOn-month': lastMonth.month,
      'expiresOn-year': lastMonth.year,
    });
    assert.match(
      pageText((await tom.post(`${manage}/signups/${signup.id}`, { action: 'confirm' })).body),
      /Enhanced DBS check has expired/,
    );

    const badNote = await tom.post(`${manage}/people/${volunteer.id}/checks`, {
      kind: 'dbs_enhanced',
      'checkedOn-day': '1',
      'checkedOn-month': '1',
      'checkedOn-year': '2026',
      note: 'Certificate 0012 3456 7890',
    });
    assert.equal(fieldErrors(badNote.body).note, 'Do not record a certificate number');

    // Warnings about other checks already expiring go first, so what follows counts this one.
    await sendReminders(t.kith);
    await t.worker.runDue();
    const warnings = async () =>
      (await listDevMail(t.kith.db.kysely, 1000)).filter(
        (m) => m.subject === 'A volunteer’s check expires soon' && m.to_address === t.demo.people.organiser!.email,
      ).length;
    const warnedBefore = await warnings();
    const today = nextDate(0);
    const soon = nextDate(20);
    const recorded = await tom.post(`${manage}/people/${volunteer.id}/checks`, {
      kind: 'dbs_enhanced',
      'checkedOn-day': today.day,
      'checkedOn-month': today.month,
      'checkedOn-year': today.year,
      'expiresOn-day': soon.day,
      'expiresOn-month': soon.month,
      'expiresOn-year': soon.year,
    });
    assert.equal(recorded.statusCode, 303);
    assert.equal((await tom.post(`${manage}/signups/${signup.id}`, { action: 'confirm' })).statusCode, 303);
    assert.equal(await statusOf(signup.id), 'confirmed');
    // Confirming again is refused, and the answer form opens again with the message typed.
    const confirmedTwice = await tom.post(`${manage}/signups/${signup.id}`, {
      action: 'confirm',
      message: 'See you at ten',
    });
    assert.equal(confirmedTwice.statusCode, 422);
    assert.match(confirmedTwice.body, new RegExp(`id="message-${signup.id}"[^>]*>See you at ten</textarea>`));
    // It expires within 30 days: the dashboard warns, and the coordinator gets one email.
    assert.match(pageText((await tom.get(manage)).body), /Checked Person: Enhanced DBS check expires on/);
    await sendReminders(t.kith);
    await sendReminders(t.kith);
    await t.worker.runDue();
    assert.equal(await warnings(), warnedBefore + 1);

    // Check records: the volunteer sees their own; another resident and another organisation's coordinator do not.
    assert.match(
      pageText((await volunteer.agent.get(`${base}/mine`)).body),
      /Enhanced DBS check \(Friends of Calder Park\)/,
    );
    assert.equal((await (await as('resident')).get(`${manage}/people/${volunteer.id}`)).statusCode, 403);
    assert.equal((await (await as('coordinator')).get(`${manage}/people/${volunteer.id}`)).statusCode, 403);
    assert.equal((await (await as('admin')).get(`${manage}/people/${volunteer.id}`)).statusCode, 200);
  });

  test('someone under 18 is held until a parent’s or guardian’s consent is recorded; someone under the minimum age cannot sign up', async () => {
    const { id, shiftIds, tom, manage } = await publishRole(
      { title: 'Junior park ranger', minimumAge: '14' },
      { places: '5' },
    );
    const young = await newResident('Young Person');
    const fifteen = nextDate(-(15 * 365 + 10));
    const twelve = nextDate(-(12 * 365 + 10));
    const tooYoung = await young.agent.post(`${base}/opportunities/${id}`, {
      shift: shiftIds[0]!,
      'birthDate-day': twelve.day,
      'birthDate-month': twelve.month,
      'birthDate-year': twelve.year,
    });
    assert.equal(fieldErrors(tooYoung.body).birthDate, 'This role is for people aged 14 or over');
    const noDate = await young.agent.post(`${base}/opportunities/${id}`, { shift: shiftIds[0]! });
    assert.equal(
      fieldErrors(noDate.body).birthDate,
      'Enter your date of birth: this role is for people aged 14 or over',
    );
    assert.equal(
      (
        await young.agent.post(`${base}/opportunities/${id}`, {
          shift: shiftIds[0]!,
          'birthDate-day': fifteen.day,
          'birthDate-month': fifteen.month,
          'birthDate-year': fifteen.year,
        })
      ).statusCode,
      303,
    );
    const signup = await t.kith.db.kysely
      .selectFrom('volunteering_signups')
      .select(['id', 'status'])
      .where('person_id', '=', young.id)
      .executeTakeFirstOrThrow();
    assert.equal(signup.status, 'pending');
    assert.match(
      pageText((await tom.post(`${manage}/signups/${signup.id}`, { action: 'confirm' })).body),
      /consent is not recorded/,
    );
    const today = nextDate(0);
    const missing = await tom.post(`${manage}/people/${young.id}/consent`, {
      guardianName: '',
      relationship: 'Mother',
    });
    assert.deepEqual(Object.keys(fieldErrors(missing.body)).sort(), ['givenOn', 'guardianName']);
    assert.equal(
      (
        await tom.post(`${manage}/people/${young.id}/consent`, {
          guardianName: 'Ada Person',
          relationship: 'Mother',
          'givenOn-day': today.day,
          'givenOn-month': today.month,
          'givenOn-year': today.year,
        })
      ).statusCode,
      303,
    );
    assert.equal((await tom.post(`${manage}/signups/${signup.id}`, { action: 'confirm' })).statusCode, 303);
    assert.equal(await statusOf(signup.id), 'confirmed');
  });
});

describe('the coordinator’s dashboard', () => {
  test('new interest shows how long it has waited and is flagged after 7 days without an answer', async () => {
    const { id, tom, manage } = await publishRole({ title: 'Newsletter folder', participation: 'flexible' });
    const keen = await newResident('Keen Person');
    const patient = await newResident('Patient Person');
    await keen.agent.post(`${base}/opportunities/${id}`, { message: 'Happy to help' });
    await patient.agent.post(`${base}/opportunities/${id}`, {});
    await t.kith.db.kysely
      .updateTable('volunteering_signups')
      .set({ created_at: new Date(Date.now() - 8 * 86_400_000).toISOString() })
      .where('person_id', '=', patient.id)
      .execute();
    const page = pageText((await tom.get(manage)).body);
    assert.match(page, /Patient Person Newsletter folder Interested: waiting for the coordinator 8 days Not answered/);
    assert.match(page, /Keen Person Newsletter folder Interested: waiting for the coordinator 0 days(?! Not answered)/);
    const signup = await t.kith.db.kysely
      .selectFrom('volunteering_signups')
      .select('id')
      .where('person_id', '=', patient.id)
      .executeTakeFirstOrThrow();
    const noMessage = await tom.post(`${manage}/signups/${signup.id}`, { action: 'reply', message: '' });
    assert.equal(fieldErrors(noMessage.body)[`message-${signup.id}`], 'Write a message to reply or to say no');
    assert.equal(
      (
        await tom.post(`${manage}/signups/${signup.id}`, {
          action: 'reply',
          message: 'Thanks! Can you come in on Tuesday?',
        })
      ).statusCode,
      303,
    );
    assert.match(
      pageText((await tom.get(manage)).body),
      /Patient Person Newsletter folder Interested: waiting for the coordinator 8 days Answered/,
    );
  });
});

describe('hours a coordinator logs for a team', () => {
  test('everyone marked as having come gets the hours, confirmed; only once the shift has started, and never twice', async () => {
    const { id, shiftIds, tom, manage } = await publishRole({ title: 'Bandstand painting' }, { places: '5' });
    const came = await newResident('Came Person');
    const stayed = await newResident('Stayed Home');
    for (const p of [came, stayed])
      await signUp(t.kith, {
        placeId,
        actorId: p.id,
        opportunityId: id,
        shiftId: shiftIds[0]!,
        message: '',
        birthDate: null,
      });
    const signup = await t.kith.db.kysely
      .selectFrom('volunteering_signups')
      .select('id')
      .where('person_id', '=', came.id)
      .executeTakeFirstOrThrow();
    await tom.post(`${manage}/shifts/${shiftIds[0]}`, { attended: signup.id });
    const early = await tom.post(`${manage}/shifts/${shiftIds[0]}/hours`, { hours: '2' });
    assert.equal(fieldErrors(early.body).hours, 'The shift has not started yet');
    await t.kith.db.kysely
      .updateTable('volunteering_shifts')
      .set({ starts_at: new Date(Date.now() - 3 * 3_600_000).toISOString() })
      .where('id', '=', shiftIds[0]!)
      .execute();
    assert.equal(
      fieldErrors((await tom.post(`${manage}/shifts/${shiftIds[0]}/hours`, { hours: '0', minutes: '0' })).body).hours,
      'Enter how long you volunteered',
    );
    assert.equal(
      (await tom.post(`${manage}/shifts/${shiftIds[0]}/hours`, { hours: '2', minutes: '30' })).statusCode,
      303,
    );
    const hours = await t.kith.db.kysely
      .selectFrom('volunteering_hours')
      .select(['person_id', 'minutes', 'status'])
      .where('shift_id', '=', shiftIds[0]!)
      .execute();
    assert.deepEqual(
      hours.map((h) => [h.person_id, Number(h.minutes), h.status]),
      [[came.id, 150, 'confirmed']],
    );
    assert.equal(
      fieldErrors((await tom.post(`${manage}/shifts/${shiftIds[0]}/hours`, { hours: '2' })).body).hours,
      'Nobody is ticked as having come who does not already have hours for this shift',
    );
    const mine = pageText((await came.agent.get(`${base}/mine`)).body);
    assert.match(mine, /You have given 2\.5 hours/);
    assert.match(mine, /Milestone reached: 1 hour\. Thank you/, 'one hour, not "1 hours"');
    assert.match(mine, /Your next milestone is 10 hours/);
  });
});

describe('suggestions from people with no time to do it themselves', () => {
  test('a suggestion becomes a role, or is turned down with a reason the person sees', async () => {
    const nurse = await newResident('Ward Sister');
    const empty = await nurse.agent.post(`${base}/suggest`, { organisation: 'not-one', title: '' });
    assert.equal(empty.statusCode, 400);
    assert.deepEqual(fieldErrors(empty.body), { title: 'Say what you would like done' });
    const elsewhere = await nurse.agent.post(`${base}/suggest`, { organisation: 'not-one', title: 'Read to patients' });
    assert.equal(fieldErrors(elsewhere.body).organisation, 'Select an organisation');
    assert.equal(
      (
        await nurse.agent.post(`${base}/suggest`, {
          organisation: parkId,
          title: 'Push wheelchairs round the park on Sundays',
          detail: 'Patients from the ward love the fresh air',
        })
      ).statusCode,
      303,
    );
    assert.equal(
      (await nurse.agent.post(`${base}/suggest`, { organisation: parkId, title: 'Run a Tuesday quiz' })).statusCode,
      303,
    );
    const [taken, declined] = await t.kith.db.kysely
      .selectFrom('volunteering_suggestions')
      .select('id')
      .where('organisation_id', '=', parkId)
      .where('status', '=', 'new')
      .orderBy('created_at')
      .execute();
    const tom = await as('organiser');
    const manage = `${base}/manage/${parkId}`;
    assert.match(
      pageText((await tom.get(manage)).body),
      /Suggestions for roles .*Push wheelchairs round the park on Sundays/,
    );
    const form = await tom.get(`${manage}/opportunities/new?suggestion=${taken!.id}`);
    assert.match(form.body, /value="Push wheelchairs round the park on Sundays"/);
    const made = await tom.post(`${manage}/opportunities/new`, {
      suggestion: taken!.id,
      title: 'Wheelchair walks',
      description: 'Take patients round the park',
      timeCommitment: 'Sunday afternoons',
      commitment: 'regular',
      interests: 'health_care',
      remote: 'no',
      postcode: 'KL1 1AA',
      participation: 'flexible',
      status: 'open',
    });
    assert.equal(made.statusCode, 303);
    assert.equal((await tom.post(`${manage}/suggestions/${declined!.id}`, { response: '' })).statusCode, 303);
    assert.equal(
      (
        await t.kith.db.kysely
          .selectFrom('volunteering_suggestions')
          .select('status')
          .where('id', '=', declined!.id)
          .executeTakeFirstOrThrow()
      ).status,
      'new',
    );
    await tom.post(`${manage}/suggestions/${declined!.id}`, { response: 'The café runs a quiz already' });
    const mine = pageText((await nurse.agent.get(`${base}/suggest`)).body);
    assert.match(mine, /Push wheelchairs round the park on Sundays \(Friends of Calder Park\) Made into a role/);
    assert.match(mine, /Run a Tuesday quiz \(Friends of Calder Park\) Not taken up The café runs a quiz already/);
    // An answered suggestion cannot make a second role.
    const again = await tom.post(`${manage}/opportunities/new`, {
      suggestion: taken!.id,
      title: 'Wheelchair walks again',
      description: 'x',
      timeCommitment: 'x',
      commitment: 'regular',
      interests: 'health_care',
      remote: 'yes',
      participation: 'flexible',
      status: 'open',
    });
    assert.equal(again.statusCode, 422);
    assert.equal(fieldErrors(again.body).title, 'That suggestion has already been answered');
  });
});

describe('hours, time credits and the certificate', () => {
  test('confirmed hours count in the record, earn time credits exactly once, and appear on the certificate', async () => {
    const { id, shiftIds, tom, manage } = await publishRole({ title: 'Bulb planting' }, { places: '5' }, repairId);
    const volunteer = await newResident('Hours Person');
    await joinTimeCredits(t.kith, { placeId, personId: volunteer.id });
    const admin = t.demo.people.admin!.id;
    const groupId = await saveGroup(t.kith, {
      placeId,
      actorId: admin,
      name: 'Repair café credits',
      issues: true,
      organisers: [],
      organisation: repairId,
    });
    await fundGroup(t.kith, { placeId, actorId: admin, groupId, minutes: 600, note: 'Start', formKey: 'vol-fund' });
    assert.equal((await volunteer.agent.post(`${base}/opportunities/${id}`, { shift: shiftIds[0]! })).statusCode, 303);

    const roster = await tom.get(`${manage}/shifts/${shiftIds[0]}`);
    assert.match(pageText(roster.body), /Hours Person/);
    const signup = await t.kith.db.kysely
      .selectFrom('volunteering_signups')
      .select('id')
      .where('person_id', '=', volunteer.id)
      .executeTakeFirstOrThrow();
    assert.equal((await tom.post(`${manage}/shifts/${shiftIds[0]}`, { attended: signup.id })).statusCode, 303);
    assert.equal(
      (
        await t.kith.db.kysely
          .selectFrom('volunteering_signups')
          .select('attended')
          .where('id', '=', signup.id)
          .executeTakeFirstOrThrow()
      ).attended,
      'yes',
    );

    const today = nextDate(0);
    const bad = await volunteer.agent.post(`${base}/hours`, {
      opportunity: id,
      hours: '30',
      'workedOn-day': '31',
      'workedOn-month': '2',
      'workedOn-year': '2026',
    });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(fieldErrors(bad.body), {
      workedOn: 'Enter a real date',
      hours: 'Enter hours as a whole number from 0 to 24',
    });
    assert.equal(
      (
        await volunteer.agent.post(`${base}/hours`, {
          opportunity: id,
          hours: '3',
          minutes: '0',
          'workedOn-day': today.day,
          'workedOn-month': today.month,
          'workedOn-year': today.year,
        })
      ).statusCode,
      303,
    );
    const hours = await t.kith.db.kysely
      .selectFrom('volunteering_hours')
      .select('id')
      .where('person_id', '=', volunteer.id)
      .executeTakeFirstOrThrow();
    // Someone who is not confirmed for the role cannot log hours against it.
    const stranger = await newResident('Stranger Person');
    const refused = await stranger.agent.post(`${base}/hours`, {
      opportunity: id,
      hours: '3',
      'workedOn-day': today.day,
      'workedOn-month': today.month,
      'workedOn-year': today.year,
    });
    assert.equal(refused.statusCode, 422);

    // The place's figures this month, before: hours given counts an hour that earns a credit once.
    // Read as the modules offer them: published, one volunteer's month is withheld (below).
    const definitions = placeFigureDefinitions(t.kith.modules);
    const monthSoFar = periodOfDays(`${todayInPlace().slice(0, 7)}-01`, todayInPlace());
    const thisMonth = async (id: string) =>
      (await definitions.find((f) => f.id === id)!.value(t.kith.db.kysely, placeId, monthSoFar)) / 60;
    const givenBefore = await thisMonth('insight.hoursGiven');
    const creditedBefore = await thisMonth('timebank.hoursCredited');
    const confirmations = await Promise.all([
      tom.post(`${manage}/hours/${hours.id}`, { action: 'confirm' }),
      tom.post(`${manage}/hours/${hours.id}`, { action: 'confirm' }),
    ]);
    assert.deepEqual(
      confirmations.map((c) => c.statusCode),
      [303, 303],
    );
    assert.equal((await findAccountOf(t.kith.db.kysely, placeId, 'person', volunteer.id))!.balance, 180);
    assert.equal(
      (await t.kith.db.kysely.selectFrom('time_transfers').select('id').where('reference_id', '=', hours.id).execute())
        .length,
      1,
    );
    assert.equal((await verifyLedger(t.kith.db)).ok, true);
    assert.equal((await thisMonth('insight.hoursGiven')) - givenBefore, 3, 'three hours given, counted once');
    assert.equal((await thisMonth('timebank.hoursCredited')) - creditedBefore, 3, 'and three credited');

    await tom.post(`${manage}/people/${volunteer.id}/thanks`, { thanks: 'Those bulbs will look wonderful in spring.' });
    const mine = pageText((await volunteer.agent.get(`${base}/mine`)).body);
    assert.match(mine, /You have given 3 hours/);
    assert.match(mine, /Calderbrook Repair Café: 3 hours/);
    assert.match(mine, /Those bulbs will look wonderful in spring\./);
    // The organisation's report and the place's count the hours, by month, naming nobody.
    const month = todayInPlace().slice(0, 7);
    const report = pageText((await tom.get(`${manage}/report`)).body);
    assert.match(
      report,
      new RegExp(`Organisation .*${shortMonth(month, 'en')} Total Calderbrook Repair Café( 0)* 3 3 Total( 0)* 3 3`),
    );
    assert.doesNotMatch(report, /Hours Person/);
    const csv = (await tom.get(`${manage}/report.csv`)).body;
    assert.match(csv, /^organisation,.*,total_hours\r\nCalderbrook Repair Café,.*,3,3\r\ntotal,/);
    assert.equal((await tom.get(`${base}/reports`)).statusCode, 403);
    const officer = await as('officer');
    const placeReport = pageText((await officer.get(`${base}/reports`)).body);
    // One volunteer's hours are not shown beyond their organisation, nor a total that would give them.
    assert.match(placeReport, /Calderbrook Repair Café( 0)* fewer than 5 volunteers fewer than 5 volunteers/);
    assert.doesNotMatch(placeReport, /Calderbrook Repair Café( 0)* 3 3/);
    assert.match((await officer.get(`${base}/reports.csv`)).body, /\r\nCalderbrook Repair Café,(0,)*,\r\n/);
    // One volunteer is not a number the report gives: Kith's one rule for small numbers.
    assert.match(placeReport, /Volunteers who have given confirmed hours fewer than 5/);
    assert.doesNotMatch(placeReport, /Volunteers who have given confirmed hours 1\b/);
    // The place's published figures count the same hours this month, unless so few people gave
    // them that they would be those people's own: then they are withheld, as on this report.
    const figures = JSON.parse((await officer.get(`${base.replace('/volunteering', '')}/insight/figures.json`)).body);
    const months = figures.figures.find((f: { id: string }) => f.id === 'volunteering.hoursGiven').months;
    assert.equal(months.at(-1).month, month);
    const hoursGiven = definitions.find((f) => f.id === 'volunteering.hoursGiven')!;
    const givers = new Set(
      (await hoursGiven.givenBy!(t.kith.db.kysely, placeId, monthSoFar).execute()).map((r) => String(r.person_id)),
    );
    assert.ok(givers.has(volunteer.id), 'Hours Person is among this month’s volunteers');
    if (givers.size < 5) assert.equal(months.at(-1).value, null, `${givers.size} volunteers this month`);
    else assert.ok(months.at(-1).value >= 3, `this month: ${months.at(-1).value}`);
    const pdf = await volunteer.agent.get(`${base}/certificate.pdf`);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    const text = await pdfText(pdf.rawPayload);
    assert.match(text, /Certificate of volunteering/);
    assert.match(text, /Hours Person has given 3 hours/);
    assert.match(text, /Calderbrook Repair Café 3/);
  });
});

describe('cancelling a shift', () => {
  test('everyone signed up is cancelled and emailed the reason in their language; the shift is no longer offered or reminded; twice changes nothing', async () => {
    const { id, shiftIds, tom, manage } = await publishRole(
      { title: 'Riverside planting', requirements: 'training' },
      { places: '1', inDays: 1 },
    );
    const shift = shiftIds[0]!;
    const confirmed = await newResident('Held Person');
    const waiting = await newResident('Waiting Person');
    await t.kith.db.kysely.updateTable('people').set({ language: 'cy' }).where('id', '=', waiting.id).execute();
    const first = await signUp(t.kith, {
      placeId,
      actorId: confirmed.id,
      opportunityId: id,
      shiftId: shift,
      message: '',
      birthDate: null,
    });
    const second = await signUp(t.kith, {
      placeId,
      actorId: waiting.id,
      opportunityId: id,
      shiftId: shift,
      message: '',
      birthDate: null,
    });
    assert.deepEqual([first.status, second.status], ['pending', 'waiting']);

    const roster = pageText((await tom.get(`${manage}/shifts/${shift}`)).body);
    assert.match(roster, /Cancel this shift/);
    const noReason = await tom.post(`${manage}/shifts/${shift}/cancel`, { reason: '  ' });
    assert.equal(noReason.statusCode, 400);
    assert.deepEqual(fieldErrors(noReason.body), { reason: 'Say why the shift is cancelled' });
    assert.equal(await statusOf(first.signupId), 'pending');

    const done = await tom.post(`${manage}/shifts/${shift}/cancel`, { reason: 'The river has flooded the path' });
    assert.equal(done.statusCode, 303);
    assert.equal(await statusOf(first.signupId), 'cancelled');
    assert.equal(await statusOf(second.signupId), 'cancelled');
    const after = pageText((await tom.get(done.headers.location as string)).body);
    assert.match(after, /The shift has been cancelled and everyone signed up to it has been told/);
    assert.match(after, /This shift was cancelled: The river has flooded the path/);
    assert.doesNotMatch(after, /Cancel the shift/);
    assert.match(pageText((await tom.get(`${manage}/opportunities/${id}`)).body), /Shifts .*: Cancelled/);

    await t.worker.runDue();
    const mail = await listDevMail(t.kith.db.kysely, 1000);
    const english = mail.filter((m) => m.person_id === confirmed.id && m.subject === 'Cancelled: Riverside planting');
    assert.equal(english.length, 1);
    assert.match(english[0]!.text_body, /The coordinator says: The river has flooded the path/);
    const welsh = mail.filter((m) => m.person_id === waiting.id && m.subject === 'Wedi’i chanslo: Riverside planting');
    assert.equal(welsh.length, 1);
    assert.match(welsh[0]!.text_body, /Mae’r cydlynydd yn dweud: The river has flooded the path/);

    // Not offered, refuses sign-ups, sends no reminder; a second cancellation emails nobody.
    const page = pageText((await confirmed.agent.get(`${base}/opportunities/${id}`)).body);
    assert.match(page, /There are no shifts to sign up to/);
    // The volunteer's own list says so, with the reason, until the day has passed.
    assert.match(
      pageText((await confirmed.agent.get(`${base}/mine`)).body),
      /Riverside planting .* Shift cancelled by the organisation .*The river has flooded the path/,
    );
    const refused = await confirmed.agent.post(`${base}/opportunities/${id}`, { shift });
    assert.equal(refused.statusCode, 422);
    const startsAt = (
      await t.kith.db.kysely
        .selectFrom('volunteering_shifts')
        .select('starts_at')
        .where('id', '=', shift)
        .executeTakeFirstOrThrow()
    ).starts_at;
    await sendReminders(t.kith, new Date(Date.parse(startsAt) - 20 * 3_600_000));
    assert.equal((await tom.post(`${manage}/shifts/${shift}/cancel`, { reason: 'Again' })).statusCode, 303);
    await t.worker.runDue();
    const later = await listDevMail(t.kith.db.kysely, 1000);
    assert.equal(later.filter((m) => m.person_id === confirmed.id || m.person_id === waiting.id).length, 2);
    const audits = await t.kith.db.kysely
      .selectFrom('audit_events')
      .select('action')
      .where('subject_id', '=', shift)
      .where('action', '=', 'volunteers.shiftCancelled')
      .execute();
    assert.equal(audits.length, 1);

    // A shift that has started is not cancelled.
    const started = await publishRole({ title: 'Morning litter pick' }, { places: '2' });
    await t.kith.db.kysely
      .updateTable('volunteering_shifts')
      .set({ starts_at: new Date(Date.now() - 3_600_000).toISOString() })
      .where('id', '=', started.shiftIds[0]!)
      .execute();
    assert.doesNotMatch(pageText((await tom.get(`${manage}/shifts/${started.shiftIds[0]}`)).body), /Cancel the shift/);
    const late = await tom.post(`${manage}/shifts/${started.shiftIds[0]}/cancel`, { reason: 'Too late' });
    assert.equal(late.statusCode, 422);
    assert.equal(fieldErrors(late.body).reason, 'A shift that has started cannot be cancelled');
  });
});

describe('editing a role after publishing', () => {
  test('the form comes filled in; a change of words is found by search; a new check holds the places of those confirmed without it and emails them', async () => {
    const { id, shiftIds, tom, manage } = await publishRole(
      { title: 'Orchard pruning', description: 'Pruning the apple trees', interests: 'environment' },
      { places: '3', inDays: 5 },
    );
    const trained = await newResident('Trained Person');
    const untrained = await newResident('Untrained Person');
    const kept = await signUp(t.kith, {
      placeId,
      actorId: trained.id,
      opportunityId: id,
      shiftId: shiftIds[0]!,
      message: '',
      birthDate: null,
    });
    const held = await signUp(t.kith, {
      placeId,
      actorId: untrained.id,
      opportunityId: id,
      shiftId: shiftIds[0]!,
      message: '',
      birthDate: null,
    });
    assert.deepEqual([kept.status, held.status], ['confirmed', 'confirmed']);
    const lastMonth = nextDate(-30);
    await tom.post(`${manage}/people/${trained.id}/checks`, {
      kind: 'training',
      'checkedOn-day': lastMonth.day,
      'checkedOn-month': lastMonth.month,
      'checkedOn-year': lastMonth.year,
    });

    assert.match(pageText((await tom.get(`${manage}/opportunities/${id}`)).body), /Edit the role/);
    const form = await tom.get(`${manage}/opportunities/${id}/edit`);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /value="Orchard pruning"/);
    assert.match(form.body, /Pruning the apple trees<\/textarea>/);
    assert.match(form.body, /value="environment" checked/);
    assert.match(form.body, /value="KL1 1AA"/);

    const fields = {
      title: 'Orchard grafting',
      description: 'Grafting new pear trees',
      timeCommitment: 'Three hours',
      commitment: 'occasional',
      interests: ['environment', 'food'],
      remote: 'no',
      postcode: 'KL1 1AA',
      status: 'open',
      minimumAge: '16',
    };
    const wrong = await tom.post(`${manage}/opportunities/${id}/edit`, { ...fields, title: '' });
    assert.equal(wrong.statusCode, 400);
    assert.deepEqual(fieldErrors(wrong.body), { title: 'Enter the name of the role' });

    const saved = await tom.post(`${manage}/opportunities/${id}/edit`, { ...fields, requirements: 'training' });
    assert.equal(saved.statusCode, 303);
    assert.match(
      pageText((await tom.get(saved.headers.location as string)).body),
      /The role has been saved\. 1 confirmed volunteer does not have the checks it now needs/,
    );
    assert.equal(await statusOf(kept.signupId), 'confirmed');
    assert.equal(await statusOf(held.signupId), 'pending');
    await t.worker.runDue();
    const mail = (await listDevMail(t.kith.db.kysely, 1000)).filter(
      (m) => m.subject === 'Your place is held: Orchard grafting',
    );
    assert.deepEqual(
      mail.map((m) => m.person_id),
      [untrained.id],
    );
    assert.match(mail[0]!.text_body, /Orchard grafting now needs: Training/);

    const anyone = new Agent(t);
    assert.match(pageText((await anyone.get(`${base}?q=grafting`)).body), /Orchard grafting/);
    assert.doesNotMatch(pageText((await anyone.get(`${base}?q=pruning`)).body), /Orchard/);
    assert.match(pageText((await anyone.get(`${base}?interest=food`)).body), /Orchard grafting/);
    const page = pageText((await anyone.get(`${base}/opportunities/${id}`)).body);
    assert.match(page, /Grafting new pear trees/);
    assert.match(page, /Training, aged 16 or over/);

    // Saving again with the same check changes nobody's place.
    const again = await tom.post(`${manage}/opportunities/${id}/edit`, { ...fields, requirements: 'training' });
    assert.match(pageText((await tom.get(again.headers.location as string)).body), /The role has been saved(?!\. )/);
    const audits = await t.kith.db.kysely
      .selectFrom('audit_events')
      .select('action')
      .where('subject_id', '=', id)
      .where('action', '=', 'volunteers.opportunityEdited')
      .execute();
    assert.equal(audits.length, 2);
  });
});

describe('erasing a volunteer', () => {
  test('the place they held on a full shift goes to the next person waiting, confirmed or held for their checks, who is emailed', async () => {
    for (const [title, requirements, expected] of [
      ['Mural painting', '', 'confirmed'],
      ['Youth club helper', 'training', 'pending'],
    ] as const) {
      const { id, shiftIds, manage, tom } = await publishRole({ title, requirements }, { places: '1' });
      const leaving = await newResident(`Leaving ${expected}`);
      const next = await newResident(`Next ${expected}`);
      const gone = await signUp(t.kith, {
        placeId,
        actorId: leaving.id,
        opportunityId: id,
        shiftId: shiftIds[0]!,
        message: '',
        birthDate: null,
      });
      const waiting = await signUp(t.kith, {
        placeId,
        actorId: next.id,
        opportunityId: id,
        shiftId: shiftIds[0]!,
        message: '',
        birthDate: null,
      });
      assert.equal(waiting.status, 'waiting');
      assert.equal(gone.status, requirements ? 'pending' : 'confirmed');

      const erased = await leaving.agent.post('/account/delete', { password: t.demo.password, confirm: 'yes' });
      assert.equal(erased.statusCode, 303);
      assert.equal(await statusOf(waiting.signupId), expected);
      assert.match(pageText((await tom.get(`${manage}/shifts/${shiftIds[0]}`)).body), /1 of 1 places taken/);
      await t.worker.runDue();
      assert.ok(
        (await listDevMail(t.kith.db.kysely, 1000)).some(
          (m) => m.person_id === next.id && m.subject === `A place has come up: ${title}`,
        ),
      );
    }
  });
});

describe('the volunteering API', () => {
  const API = '/api/places/calderbrook/volunteering/opportunities';
  const getJson = async (url: string) => {
    const response = await new Agent(t).get(url);
    assert.equal(response.headers['access-control-allow-origin'], '*', `${url} has no CORS header`);
    return {
      status: response.statusCode,
      type: String(response.headers['content-type']),
      body: JSON.parse(response.body),
      raw: response.body,
    };
  };

  test('lists open roles by words, interest, place and day; one role has its organisation, needs and free places on shifts still to come, and nobody’s personal data', async () => {
    const { id, shiftIds, tom, manage } = await publishRole(
      {
        title: 'Allotment watering rota',
        interests: ['environment', 'food'],
        requirements: 'references',
        minimumAge: '14',
        skills: 'Carrying cans',
      },
      { places: '3', repeat: 'weekly', occurrences: '3' },
    );
    const draft = await publishRole({ title: 'Allotment draft role', status: 'draft' });
    const closed = await publishRole({ title: 'Allotment closed role', status: 'closed' });
    const volunteer = await newResident('Private Volunteer');
    await signUp(t.kith, {
      placeId,
      actorId: volunteer.id,
      opportunityId: id,
      shiftId: shiftIds[0]!,
      message: 'My phone is 07700 900123',
      birthDate: '1990-01-01',
    });
    await tom.post(`${manage}/shifts/${shiftIds[2]}/cancel`, { reason: 'Bank holiday' });

    const found = await getJson(`${API}?q=allotment`);
    assert.equal(found.status, 200);
    assert.match(found.type, /application\/json/);
    assert.deepEqual(
      found.body.items.map((o: { title: string }) => o.title),
      ['Allotment watering rota'],
    );
    assert.equal(found.body.page, 1);
    assert.equal(found.body.has_more, false);
    const item = found.body.items[0];
    assert.equal(item.organisation.name, 'Friends of Calder Park');
    assert.deepEqual(item.interests, ['environment', 'food']);
    assert.deepEqual(item.requirements, ['references']);
    assert.equal(item.minimum_age, 14);
    assert.match(item.url, new RegExp(`/places/calderbrook/volunteering/opportunities/${id}$`));
    assert.deepEqual((await getJson(`${API}?q=allotment&interest=animals`)).body.items, []);
    assert.equal((await getJson(`${API}?q=allotment&interest=food&postcode=KL1+1AA&miles=2`)).body.items[0].miles, 0);
    const weekday = new Date(`${addDays(todayInPlace(), 3)}T12:00:00Z`).toLocaleDateString('en-GB', {
      weekday: 'long',
      timeZone: 'Europe/London',
    });
    assert.equal((await getJson(`${API}?q=allotment&day=${weekday}`)).body.items.length, 1);

    const one = await getJson(`${API}/${id}`);
    assert.equal(one.status, 200);
    assert.equal(one.body.organisation.name, 'Friends of Calder Park');
    assert.equal(one.body.skills, 'Carrying cans');
    assert.deepEqual(one.body.requirements, ['references']);
    assert.deepEqual(
      one.body.shifts.map((s: { id: string; places: number; free: number }) => [s.id, s.places, s.free]),
      [
        [shiftIds[0], 3, 2],
        [shiftIds[1], 3, 3],
      ],
    );
    for (const secret of [
      volunteer.id,
      'Private Volunteer',
      '07700',
      '1990-01-01',
      t.demo.people.organiser!.id,
      'Bank holiday',
    ]) {
      assert.ok(!found.raw.includes(secret) && !one.raw.includes(secret), `the API gives away ${secret}`);
    }

    for (const hidden of [draft.id, closed.id, 'no-such-role']) {
      const missing = await getJson(`${API}/${hidden}`);
      assert.equal(missing.status, 404);
      assert.match(missing.type, /application\/problem\+json/);
    }
    assert.equal((await getJson('/api/places/atlantis/volunteering/opportunities')).status, 404);
  });

  test('bad parameters get a 400 saying what is wrong with each', async () => {
    const bad = await getJson(`${API}?page=0&miles=far&interest=juggling&day=someday&postcode=KL1+1AA`);
    assert.equal(bad.status, 400);
    assert.match(bad.type, /application\/problem\+json/);
    assert.deepEqual(
      Object.fromEntries(bad.body.errors.map((e: { field: string; detail: string }) => [e.field, e.detail])),
      {
        page: 'page must be a whole number from 1 to 50',
        miles: 'miles must be a number more than 0 and up to 50',
        interest:
          'interest must be one of: befriending, older_people, children_young_people, health_care, mental_health, environment, food, arts_culture, sport, digital, advice, practical, driving, events, admin, animals',
        day: 'day must be MO, TU, WE, TH, FR, SA or SU (or the day’s name in English)',
      },
    );
    assert.deepEqual((await getJson(`${API}?page=51`)).body.errors, [
      { field: 'page', detail: 'page must be a whole number from 1 to 50' },
    ]);
    assert.deepEqual((await getJson(`${API}?miles=3`)).body.errors, [
      { field: 'miles', detail: 'miles needs a postcode to measure from' },
    ]);
    const unknown = await getJson(`${API}?postcode=ZZ9+9ZZ`);
    assert.equal(unknown.status, 400);
    assert.equal(unknown.body.errors[0].field, 'postcode');
    // A page past the last is empty, not an error; the pages hold at most 20.
    const all = await getJson(API);
    assert.ok(all.body.items.length <= 20);
    assert.deepEqual((await getJson(`${API}?page=50`)).body.items, []);
    const doc = JSON.parse((await new Agent(t).get('/api/openapi.json')).body) as { paths: Record<string, unknown> };
    assert.ok(
      doc.paths['/api/places/{place}/volunteering/opportunities'] &&
        doc.paths['/api/places/{place}/volunteering/opportunities/{id}'],
    );
  });
});
