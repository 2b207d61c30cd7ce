import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { listDevMail } from '../../platform/mail/store.js';
import {
  errorSummaryProblems,
  fieldErrors,
  libraryDraftsFrom,
  newMember,
  pageText,
  signedInAs,
  startTestKith,
  type TestKith,
} from '../../testing.js';
import { organisationSummaries } from '../directory/index.js';
import { erasePerson } from '../people/index.js';
import { introduce, joinScheme } from './befriending.js';
import type { ProfileInput } from './inputs.js';
import { findProfile, findScheme, profilesOfPerson, schemesOfPlace, type Scheme } from './store.js';

let t: TestKith;
let placeId: string;
let ageFriendly: string;
let scheme: Scheme;
const base = '/places/calderbrook/befriending';
let manage: string;

before(async () => {
  t = await startTestKith({ demo: true });
  placeId = t.demo.places.calderbrook!.id;
  ageFriendly = (await organisationSummaries(t.kith.db.kysely, placeId)).find(
    (o) => o.name === 'Age Friendly Calderbrook',
  )!.id;
  scheme = (await schemesOfPlace(t.kith.db.kysely, placeId, true)).find(
    (s) => s.name === 'Good Neighbours befriending',
  )!;
  manage = `${base}/manage/${ageFriendly}`;
});
after(() => t.close());

const as = (key: string) => signedInAs(t, key);
const newResident = (name: string) => newMember(t, placeId, name);

const profileOf = async (personId: string) =>
  (await profilesOfPerson(t.kith.db.kysely, placeId, personId)).find((p) => p.schemeId === scheme.id);
const quiet = (p: Partial<ProfileInput>): ProfileInput => ({
  interests: [],
  languages: ['en'],
  availability: [],
  ways: ['phone'],
  experiences: [],
  postcode: '',
  travelMiles: 0,
  gender: 'unsaid',
  prefers: 'any',
  about: '',
  ...p,
});

describe('befriending', () => {
  test('a resident offers to befriend: bad answers are explained beside the fields and change nothing; a double click makes one profile', async () => {
    const { id, agent } = await newResident('Olu Bankole');
    const form = `${base}/schemes/${scheme.id}/join/volunteer`;
    assert.match(pageText((await agent.get(`${base}/schemes/${scheme.id}`)).body), /Offer to be a befriender/);
    const bad = await agent.post(form, { ways: ['home'], travelMiles: '7', availability: 'XX_teatime' });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(fieldErrors(bad.body), {
      languages: 'Select at least one language',
      availability: 'Select times from the table',
      postcode: 'Enter a postcode to meet in person, or choose phone or video calls only',
      travelMiles: 'Select how far you could travel',
    });
    assert.equal(await profileOf(id), undefined);
    const unknown = await agent.post(form, { languages: 'en', ways: 'home', postcode: 'ZZ9 9ZZ' });
    assert.equal(fieldErrors(unknown.body).postcode, 'We do not know that postcode. Check it and try again');

    const fields = {
      languages: ['en', 'cy'],
      interests: ['music', 'walking'],
      availability: ['TU_morning', 'SA_morning'],
      ways: ['home', 'phone'],
      postcode: 'KL1 1AA',
      travelMiles: '2',
      gender: 'man',
      prefers: 'any',
      about: 'Retired postman, loves a walk.',
    };
    const [first, second] = [
      await agent.post(form, fields, { idempotencyKey: 'olu-1' }),
      await agent.post(form, fields, { idempotencyKey: 'olu-1' }),
    ];
    assert.equal(first.statusCode, 303);
    assert.equal(second.statusCode, 303);
    assert.equal(
      (await t.kith.db.kysely.selectFrom('befriending_profiles').select('id').where('person_id', '=', id).execute())
        .length,
      1,
    );
    // A second, separate attempt is refused beside the form rather than making another.
    const third = await agent.post(form, fields);
    assert.equal(third.statusCode, 422);
    const mine = pageText((await agent.get(`${base}/mine`)).body);
    assert.match(mine, /Good Neighbours befriending: befriender/);
    assert.match(mine, /Waiting for a match/);
    assert.match(mine, /English, Welsh/);
  });

  test('the coordinator sees ranked suggestions with reasons, and a volunteer without the scheme’s check cannot be introduced', async () => {
    const grace = await as('coordinator');
    const edna = (await profileOf(t.demo.people.resident!.id))!;
    const page = await grace.get(`${manage}/profiles/${edna.id}`);
    assert.equal(page.statusCode, 200);
    const text = pageText(page.body);
    // Edna would rather have a woman: Kemi comes first, Harold and Ben are not offered.
    assert.match(
      text,
      /1\. Kemi Adeyemi \(befriender\) Both enjoy Gardening, Music .*Both free: Tuesday morning, Thursday afternoon/,
    );
    assert.doesNotMatch(text, /Harold Whitfield|Ben Nowak/);
    assert.match(text, /Introduce them/);

    // A new befriender who suits Edna but has no enhanced check recorded is shown, held.
    const { id: newcomer } = await newResident('Rose Tyler');
    await joinScheme(t.kith, {
      placeId,
      actorId: newcomer,
      scheme,
      side: 'volunteer',
      personId: newcomer,
      name: 'Rose Tyler',
      contact: '',
      notes: '',
      profile: quiet({ gender: 'woman', interests: ['gardening'], availability: ['TU_morning'] }),
    });
    const again = pageText((await grace.get(`${manage}/profiles/${edna.id}`)).body);
    assert.match(again, /Rose Tyler \(befriender\).*Cannot be introduced yet: Enhanced DBS check not recorded/);
    const rose = (await profileOf(newcomer))!;
    const refused = await grace.post(`${manage}/profiles/${edna.id}/introduce`, { candidate: rose.id });
    assert.equal(refused.statusCode, 422);
    assert.equal(
      fieldErrors(refused.body).candidate,
      'The volunteer needs their checks recorded before an introduction.',
    );
    assert.equal((await findProfile(t.kith.db.kysely, edna.id))!.status, 'waiting');
  });

  test('someone from another organisation cannot open a profile, its notes or its suggestions', async () => {
    const edna = (await profileOf(t.demo.people.resident!.id))!;
    assert.equal((await (await as('organiser')).get(`${manage}/profiles/${edna.id}`)).statusCode, 403);
    const arthurPage = pageText((await (await as('coordinator')).get(`${manage}/schemes/${scheme.id}`)).body);
    assert.match(arthurPage, /Ben Nowak and Arthur Bell Under way \d{1,2} \w+ \d{4} Check-in due/);
    // Arthur waited a day before Ben was introduced; their match is the one under way.
    assert.match(
      arthurPage,
      /The last 12 months Introductions made 1 Typical wait for an introduction \d+ days? Introduced, not yet met 0 Matches under way now 1 Matches ended 0/,
    );
  });

  test('an introduction tells both, shows the match on each person’s page, and records how it is going', async () => {
    const grace = await as('coordinator');
    const edna = (await profileOf(t.demo.people.resident!.id))!;
    const kemi = (await profileOf(t.demo.people.youngResident!.id))!;
    const response = await grace.post(`${manage}/profiles/${edna.id}/introduce`, {
      candidate: kemi.id,
      message: 'Kemi bakes a lovely lemon drizzle.',
    });
    assert.equal(response.statusCode, 303, pageText(response.body));
    const matchPage = response.headers.location as string;
    await t.worker.runDue();
    const mail = await listDevMail(t.kith.db.kysely);
    const toEdna = mail.find(
      (m) => m.person_id === t.demo.people.resident!.id && m.subject === 'An introduction: Kemi Adeyemi',
    );
    assert.ok(toEdna);
    assert.match(toEdna.text_body, /Grace Mensah will be in touch to arrange your first meeting/);
    assert.match(toEdna.text_body, /Kemi bakes a lovely lemon drizzle/);
    assert.ok(
      mail.some((m) => m.person_id === t.demo.people.youngResident!.id && m.subject === 'An introduction: Edna Price'),
    );

    const ednaAgent = await as('resident');
    const mine = pageText((await ednaAgent.get(`${base}/mine`)).body);
    assert.match(mine, /Matched with Kemi Adeyemi since .* \(Introduced\)/);
    assert.match(mine, /Kemi Adeyemi says: I am a nursing student/);

    const matchText = pageText((await grace.get(matchPage)).body);
    assert.match(matchText, /Why they were suggested Both enjoy Gardening, Music/);
    assert.equal((await grace.post(`${matchPage}/start`)).statusCode, 303);
    const worried = await grace.post(`${matchPage}/checkins`, { withWhom: 'neighbour', going: 'concerns' });
    assert.equal(fieldErrors(worried.body).note, 'Say what the concerns are');
    assert.equal(
      (
        await grace.post(`${matchPage}/checkins`, {
          withWhom: 'neighbour',
          going: 'concerns',
          note: 'Edna seemed tired; ask her GP surgery about a call.',
        })
      ).statusCode,
      303,
    );
    assert.match(pageText((await grace.get(matchPage)).body), /Some concerns \(The neighbour\) Edna seemed tired/);
    // Check-in notes are for the coordinators: Edna's own page does not show them.
    assert.doesNotMatch(pageText((await ednaAgent.get(`${base}/mine`)).body), /seemed tired/);

    // Kemi logs the time she gave; it waits for the organisation's coordinators and joins her volunteering record.
    const kemiAgent = await as('youngResident');
    const noTime = await kemiAgent.post(`${base}/profiles/${kemi.id}/hours`, {
      'workedOn-day': '1',
      'workedOn-month': '1',
      'workedOn-year': '2020',
    });
    assert.equal(noTime.statusCode, 400);
    assert.ok(fieldErrors(noTime.body).hours);
    const today = new Date();
    const logged = await kemiAgent.post(`${base}/profiles/${kemi.id}/hours`, {
      'workedOn-day': String(today.getUTCDate()),
      'workedOn-month': String(today.getUTCMonth() + 1),
      'workedOn-year': String(today.getUTCFullYear()),
      hours: '1',
      minutes: '30',
      note: 'Tea and the crossword',
    });
    assert.equal(logged.statusCode, 303, pageText(logged.body));
    assert.equal((await ednaAgent.post(`${base}/profiles/${edna.id}/hours`, { hours: '1' })).statusCode, 404);
    const hours = await t.kith.db.kysely
      .selectFrom('volunteering_hours')
      .selectAll()
      .where('person_id', '=', t.demo.people.youngResident!.id)
      .where('organisation_id', '=', ageFriendly)
      .execute();
    assert.deepEqual(
      hours.map((h) => [h.minutes, h.status, h.note]),
      [[90, 'logged', 'Good Neighbours befriending: Tea and the crossword']],
    );
    assert.match(
      pageText((await grace.get(`/places/calderbrook/volunteering/manage/${ageFriendly}`)).body),
      /Kemi Adeyemi: 1.5 hours \d{1,2} \w+ \d{4}: Good Neighbours befriending: Tea and the crossword Confirm/,
    );
  });

  test('a coordinator keeps up to date the profile they filled in for someone without an account, never someone else’s own', async () => {
    const grace = await as('coordinator');
    const nasreen = await t.kith.db.kysely
      .selectFrom('befriending_profiles')
      .select('id')
      .where('name', '=', 'Nasreen Akhtar')
      .executeTakeFirstOrThrow();
    const form = `${manage}/profiles/${nasreen.id}/edit`;
    const page = await grace.get(form);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /value="01632 960447"/);
    const bad = await grace.post(form, { name: '', languages: ['ur'], ways: ['home'], postcode: 'ZZ9 9ZZ' });
    assert.equal(bad.statusCode, 400);
    assert.equal(fieldErrors(bad.body).name, 'Enter their name');
    const unknown = await grace.post(form, {
      name: 'Nasreen Akhtar',
      languages: ['ur'],
      ways: ['home'],
      postcode: 'ZZ9 9ZZ',
    });
    assert.equal(fieldErrors(unknown.body).postcode, 'We do not know that postcode. Check it and try again');
    assert.equal(
      (
        await grace.post(form, {
          name: 'Nasreen Akhtar',
          contact: '01632 960447',
          languages: ['ur', 'pa'],
          ways: ['phone'],
          availability: ['FR_morning'],
        })
      ).statusCode,
      303,
    );
    const after = (await findProfile(t.kith.db.kysely, nasreen.id))!;
    assert.equal(after.postcode, '');
    assert.equal(after.notes, 'Prefers Urdu. Her son helped her fill this in.');
    const edna = (await profileOf(t.demo.people.resident!.id))!;
    assert.equal((await grace.get(`${manage}/profiles/${edna.id}/edit`)).statusCode, 404);
  });

  test('two coordinators introducing the same neighbour at once make one match', async () => {
    const grace = t.demo.people.coordinator!.id;
    const neighbour = await joinScheme(t.kith, {
      placeId,
      actorId: grace,
      scheme,
      side: 'neighbour',
      personId: null,
      name: 'Dot Cotton',
      contact: '',
      notes: '',
      profile: quiet({}),
    });
    const volunteers = [];
    for (const name of ['Vol One', 'Vol Two', 'Vol Three']) {
      volunteers.push(
        await joinScheme(t.kith, {
          placeId,
          actorId: grace,
          scheme: { ...scheme, requirements: '' },
          side: 'volunteer',
          personId: null,
          name,
          contact: '',
          notes: '',
          profile: quiet({}),
        }),
      );
    }
    const open = { ...scheme, requirements: '' };
    const outcomes = await Promise.allSettled(
      volunteers.map((v) =>
        introduce(t.kith, {
          placeId,
          actorId: grace,
          scheme: open,
          seekerId: neighbour,
          candidateId: v,
          message: '',
          placeSlug: 'calderbrook',
        }),
      ),
    );
    assert.equal(outcomes.filter((o) => o.status === 'fulfilled').length, 1);
    for (const o of outcomes)
      if (o.status === 'rejected') assert.equal((o.reason as { key: string }).key, 'befriending.introduce.taken');
    const matches = await t.kith.db.kysely
      .selectFrom('befriending_matches')
      .select('volunteer_profile_id')
      .where('neighbour_profile_id', '=', neighbour)
      .execute();
    assert.equal(matches.length, 1);
    const statuses = await Promise.all(volunteers.map(async (v) => (await findProfile(t.kith.db.kysely, v))!.status));
    assert.deepEqual(statuses.sort(), ['matched', 'waiting', 'waiting']);
  });

  test('ending a match kindly: the reason, a thank-you in the volunteer’s record, and each person back on the list or resting', async () => {
    const grace = await as('coordinator');
    const ben = (await profileOf(t.demo.people.student!.id))!;
    const match = await t.kith.db.kysely
      .selectFrom('befriending_matches')
      .select('id')
      .where('volunteer_profile_id', '=', ben.id)
      .where('status', '<>', 'ended')
      .executeTakeFirstOrThrow();
    const url = `${manage}/matches/${match.id}`;
    const missing = await grace.post(`${url}/end`, { thanks: 'x' });
    assert.equal(missing.statusCode, 400);
    assert.equal(fieldErrors(missing.body).reason, 'Select why the match is ending');
    assert.equal(fieldErrors(missing.body).volunteerAgain, 'Select whether they would like to be matched again');
    const ended = await grace.post(`${url}/end`, {
      reason: 'died',
      volunteerAgain: 'yes',
      neighbourAgain: 'no',
      thanks: 'Arthur looked forward to your visits every week. Thank you, Ben.',
    });
    assert.equal(ended.statusCode, 303);
    assert.equal((await findProfile(t.kith.db.kysely, ben.id))!.status, 'waiting');
    const arthur = await t.kith.db.kysely
      .selectFrom('befriending_profiles')
      .select('status')
      .where('name', '=', 'Arthur Bell')
      .executeTakeFirstOrThrow();
    assert.equal(arthur.status, 'withdrawn');
    await t.worker.runDue();
    const mail = await listDevMail(t.kith.db.kysely);
    assert.ok(
      mail.some(
        (m) =>
          m.person_id === t.demo.people.student!.id &&
          /very sorry to tell you that Arthur Bell has died/.test(m.text_body),
      ),
    );
    const benAgent = await as('student');
    assert.match(
      pageText((await benAgent.get('/places/calderbrook/volunteering/mine')).body),
      /Arthur looked forward to your visits every week/,
    );
    assert.match(pageText((await grace.get(url)).body), /Ended The person they supported has died/);
    // Ending it again changes nothing.
    assert.equal(
      (await grace.post(`${url}/end`, { reason: 'other', volunteerAgain: 'no', neighbourAgain: 'no' })).statusCode,
      303,
    );
    assert.equal((await findProfile(t.kith.db.kysely, ben.id))!.status, 'waiting');
  });

  test('a person pauses or leaves; deleting an account ends their match and puts the other person back on the list', async () => {
    const { id, agent } = await newResident('Mo Farah');
    await joinScheme(t.kith, {
      placeId,
      actorId: id,
      scheme,
      side: 'neighbour',
      personId: id,
      name: 'Mo Farah',
      contact: '',
      notes: '',
      profile: quiet({}),
    });
    const mo = (await profileOf(id))!;
    assert.equal((await agent.post(`${base}/profiles/${mo.id}/looking`, { looking: 'paused' })).statusCode, 303);
    assert.equal((await findProfile(t.kith.db.kysely, mo.id))!.status, 'paused');
    assert.equal((await agent.post(`${base}/profiles/${mo.id}/looking`, { looking: 'waiting' })).statusCode, 303);
    const volunteer = await joinScheme(t.kith, {
      placeId,
      actorId: id,
      scheme,
      side: 'volunteer',
      personId: null,
      name: 'Helper',
      contact: '',
      notes: '',
      profile: quiet({}),
    });
    await introduce(t.kith, {
      placeId,
      actorId: t.demo.people.coordinator!.id,
      scheme: { ...scheme, requirements: '' },
      seekerId: mo.id,
      candidateId: volunteer,
      message: '',
      placeSlug: 'calderbrook',
    });
    // Before deleting, Mo can download what befriending holds about them: their profile and the introduction.
    const exported = await agent.get('/account/data');
    assert.equal(exported.statusCode, 200);
    const befriending = (
      JSON.parse(exported.body) as {
        befriending?: {
          befriending: { profiles: { side: string; scheme: string }[]; matches: { status: string }[] };
        };
      }
    ).befriending?.befriending;
    assert.deepEqual(
      befriending?.profiles.map((p) => [p.side, p.scheme]),
      [['neighbour', scheme.id]],
    );
    assert.deepEqual(
      befriending?.matches.map((m) => m.status),
      ['introduced'],
    );
    await erasePerson(t.kith, id, t.demo.password);
    assert.equal(await findProfile(t.kith.db.kysely, mo.id), undefined);
    assert.equal((await findProfile(t.kith.db.kysely, volunteer))!.status, 'waiting');
    const match = await t.kith.db.kysely
      .selectFrom('befriending_matches')
      .select(['status'])
      .where('volunteer_profile_id', '=', volunteer)
      .executeTakeFirstOrThrow();
    assert.equal(match.status, 'ended');
    // Mo filled in the helper's profile too: it stays, no longer signed with Mo's id.
    assert.equal(
      (
        await t.kith.db.kysely
          .selectFrom('befriending_profiles')
          .select('created_by')
          .where('id', '=', volunteer)
          .executeTakeFirstOrThrow()
      ).created_by,
      null,
    );
    for (const table of [
      'befriending_schemes',
      'befriending_profiles',
      'befriending_matches',
      'befriending_checkins',
    ] as const) {
      const rows = await t.kith.db.kysely.selectFrom(table).selectAll().execute();
      assert.equal(
        rows.filter((r) => Object.values(r).includes(id)).length,
        0,
        `${table} still holds the erased person's id`,
      );
    }
  });

  test('a closed scheme is not listed and cannot be joined', async () => {
    const grace = await as('coordinator');
    const { agent } = await newResident('Late Comer');
    const id = (await findScheme(t.kith.db.kysely, scheme.id))!.id;
    assert.equal((await grace.post(`${manage}/schemes/${id}/status`, { status: 'closed' })).statusCode, 303);
    assert.doesNotMatch(pageText((await agent.get(base)).body), /Good Neighbours befriending/);
    assert.equal((await agent.get(`${base}/schemes/${id}/join/neighbour`)).statusCode, 404);
    assert.equal((await grace.post(`${manage}/schemes/${id}/status`, { status: 'open' })).statusCode, 303);
  });

  test('a scheme’s public page and its management page have different titles', async () => {
    const grace = await as('coordinator');
    const id = (await findScheme(t.kith.db.kysely, scheme.id))!.id;
    const titleOf = (html: string) => /<title>([^<]*)<\/title>/.exec(html)![1]!;
    const managed = titleOf((await grace.get(`${manage}/schemes/${id}`)).body);
    const shown = titleOf((await grace.get(`${base}/schemes/${id}`)).body);
    assert.notEqual(managed, shown);
    assert.match(managed, /^Managing /);
  });

  test('closing a scheme asks what they would do differently; a ticked box makes one draft case study its coordinator can open', async () => {
    const grace = await as('coordinator');
    const url = `${manage}/schemes/${scheme.id}/status`;
    const statusNow = async () => (await findScheme(t.kith.db.kysely, scheme.id))!;
    const drafts = () => libraryDraftsFrom(t, 'befriending');

    const long = await grace.post(url, { status: 'closed', differently: 'x'.repeat(2001), shareDraft: 'yes' });
    assert.equal(long.statusCode, 400);
    assert.deepEqual(errorSummaryProblems(long.body), []);
    assert.equal(fieldErrors(long.body).differently, 'What you would do differently must be 2,000 characters or fewer');
    const nothingToShare = await grace.post(url, { status: 'closed', shareDraft: 'yes' });
    assert.equal(nothingToShare.statusCode, 400);
    assert.equal(
      fieldErrors(nothingToShare.body).differently,
      'Enter what you would do differently to share it as a case study',
    );
    assert.equal((await statusNow()).status, 'open');
    assert.equal((await drafts()).length, 0);

    const answer = 'Recruit befrienders before opening the waiting list.';
    const kept = await grace.post(url, { status: 'closed', differently: answer });
    assert.equal(kept.statusCode, 303);
    assert.doesNotMatch(kept.headers.location as string, /draft=/);
    assert.equal((await statusNow()).status, 'closed');
    assert.equal((await statusNow()).closingDifferently, answer);
    assert.equal((await drafts()).length, 0);
    assert.equal((await grace.post(url, { status: 'open' })).statusCode, 303);

    const key = randomUUID();
    const shared = { status: 'closed', differently: answer, shareDraft: 'yes' };
    const first = await grace.post(url, shared, { idempotencyKey: key });
    const again = await grace.post(url, shared, { idempotencyKey: key });
    assert.equal(first.statusCode, 303, pageText(first.body));
    assert.equal(again.headers.location, first.headers.location);
    const made = await drafts();
    assert.equal(made.length, 1);
    assert.equal(made[0]!.title, 'Befriending scheme: Good Neighbours befriending');
    assert.equal(made[0]!.whatDidNot, answer);
    assert.equal(made[0]!.status, 'draft');
    assert.equal(made[0]!.submittedBy, t.demo.people.coordinator!.id);
    const confirmation = await grace.get(first.headers.location as string);
    const link = /<a class="govuk-link" href="([^"]+)">Finish your draft case study<\/a>/.exec(confirmation.body);
    assert.ok(link, 'the confirmation links to the draft');
    assert.equal(link[1], `/places/calderbrook/library/cases/${made[0]!.id}/edit`);
    assert.equal((await grace.get(link[1])).statusCode, 200);
    const { agent: someoneElse } = await newResident('Nosy Neighbour');
    assert.notEqual((await someoneElse.get(link[1])).statusCode, 200);
    assert.equal((await grace.post(url, { status: 'open' })).statusCode, 303);
  });

  test('saving a scheme’s status with nothing chosen changes nothing and says so beside the choice', async () => {
    const grace = await as('coordinator');
    const id = (await findScheme(t.kith.db.kysely, scheme.id))!.id;
    const before = (await findScheme(t.kith.db.kysely, scheme.id))!.status;
    const nothing = await grace.post(`${manage}/schemes/${id}/status`, {});
    assert.equal(nothing.statusCode, 400);
    assert.deepEqual(errorSummaryProblems(nothing.body), []);
    assert.ok(fieldErrors(nothing.body).status);
    assert.equal((await findScheme(t.kith.db.kysely, scheme.id))!.status, before);
  });
});

describe('suggestions read from the database', () => {
  test('narrowing candidates in the database never loses anyone the rules would suggest', async () => {
    const fc = (await import('fast-check')).default;
    const { insertProfile, findProfile: find } = await import('./store.js');
    const { suggest, SLOTS: S, WAYS: W, INTERESTS: I } = await import('./matching.js');
    const grace = t.demo.people.coordinator!.id;
    const schemeId = (
      await t.kith.db.kysely
        .insertInto('befriending_schemes')
        .values({
          id: crypto.randomUUID(),
          place_id: placeId,
          organisation_id: ageFriendly,
          name: 'Random',
          kind: 'peer_support',
          description: '',
          requirements: '',
          checkin_days: 28,
          status: 'open',
          roster_version: 0,
          created_by: grace,
          created_at: new Date().toISOString(),
          updated_at: new Date().toISOString(),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    const random = fc.record({
      side: fc.constantFrom('volunteer' as const, 'neighbour' as const),
      interests: fc.integer({ min: 0, max: (1 << I.length) - 1 }),
      languages: fc.integer({ min: 1, max: (1 << 4) - 1 }),
      availability: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: (1 << S.length) - 1 })),
      ways: fc.integer({ min: 1, max: (1 << W.length) - 1 }),
      experiences: fc.integer({ min: 0, max: 1023 }),
      point: fc.option(
        fc.record({
          latitude: fc.double({ min: 53.5, max: 53.9, noNaN: true }),
          longitude: fc.double({ min: -2.1, max: -1.7, noNaN: true }),
        }),
        { nil: null },
      ),
      travelMiles: fc.constantFrom(0, 1, 2, 5, 10),
      gender: fc.constantFrom('woman' as const, 'man' as const, 'other' as const, 'unsaid' as const),
      prefers: fc.constantFrom('any' as const, 'woman' as const, 'man' as const),
    });
    const ids: string[] = [];
    for (const p of fc.sample(random, { numRuns: 300, seed: 42 })) {
      ids.push(
        await insertProfile(t.kith.db.kysely, {
          placeId,
          schemeId,
          organisationId: ageFriendly,
          side: p.side,
          personId: null,
          name: 'Someone',
          contact: '',
          notes: '',
          createdBy: grace,
          interests: p.interests,
          languages: p.languages,
          availability: p.availability,
          ways: p.ways,
          experiences: p.experiences,
          postcode: p.point ? 'KL1 1AA' : '',
          latitude: p.point?.latitude ?? null,
          longitude: p.point?.longitude ?? null,
          travelMiles: p.travelMiles,
          gender: p.gender,
          prefers: p.prefers,
          about: '',
        }),
      );
    }
    const everyone = (await Promise.all(ids.map((id) => find(t.kith.db.kysely, id)))).map((p) => p!);
    const randomScheme = (await findScheme(t.kith.db.kysely, schemeId))!;
    const { suggestionsFor } = await import('./befriending.js');
    const now = new Date();
    let compared = 0;
    for (const seeker of everyone.slice(0, 60)) {
      const fromDatabase = (await suggestionsFor(t.kith, randomScheme, seeker, now, 300)).map((s) => s.profileId);
      const fromRules = suggest(seeker, everyone, 'peer_support', now, 300).map((s) => s.profileId);
      assert.deepEqual(fromDatabase, fromRules);
      compared += fromRules.length;
    }
    // The comparison means something only if there were suggestions to compare.
    assert.ok(compared > 100, `only ${compared} suggestions compared`);
  });
});

describe('matches kept for three months', () => {
  test('a match counts in the period its three months are up, unless it ended before then', async () => {
    const db = t.kith.db.kysely;
    const kept = t.kith.modules.flatMap((m) => m.figures ?? []).find((f) => f.id === 'befriending.matchesKept')!;
    const month = (from: string, to: string) =>
      kept.value(db, placeId, { from: `${from}T00:00:00.000Z`, to: `${to}T00:00:00.000Z` });
    const match = await db
      .selectFrom('befriending_matches')
      .select(['id', 'started_at', 'ended_at'])
      .where('place_id', '=', placeId)
      .where('started_at', 'is not', null)
      .executeTakeFirstOrThrow();
    try {
      // First met on 10 March 2025: three months were up on 10 June.
      await db
        .updateTable('befriending_matches')
        .set({ started_at: '2025-03-10T14:00:00.000Z', ended_at: null })
        .where('id', '=', match.id)
        .execute();
      assert.equal(await month('2025-06-01', '2025-07-01'), 1);
      assert.equal(await month('2025-03-01', '2025-06-01'), 0, 'not before the three months are up');
      assert.equal(await month('2025-07-01', '2025-08-01'), 0, 'counted once, in the month it happened');
      await db
        .updateTable('befriending_matches')
        .set({ ended_at: '2025-05-20T10:00:00.000Z' })
        .where('id', '=', match.id)
        .execute();
      assert.equal(await month('2025-06-01', '2025-07-01'), 0, 'a match that ended in May did not last three months');
    } finally {
      await db
        .updateTable('befriending_matches')
        .set({ started_at: match.started_at, ended_at: match.ended_at })
        .where('id', '=', match.id)
        .execute();
    }
  });
});
