import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { listDevMail } from '../../platform/mail/store.js';
import { Agent, fieldErrors, pageText, startTestKith, type TestKith } from '../../testing.js';
import { findPersonByEmail, hashPassword, insertPerson, insertRole } from '../people/index.js';
import { followRequests, remindStalledReferrals } from './referrals.js';
import { chooseHolder } from './requests.js';
import { consentsOf, conversationsOf, recordsOfPerson, recordsReferredBy, referralsOfRecord } from './store.js';

let t: TestKith;
const P = '/places/calderbrook';
let placeId: string;
let linkWorkerId: string;

async function agentFor(email: string) {
  const agent = new Agent(t);
  await agent.signIn(email, t.demo.password);
  return agent;
}

async function schemeId(name: string) {
  return (
    await t.kith.db.kysely
      .selectFrom('befriending_schemes')
      .select('id')
      .where('place_id', '=', placeId)
      .where('name', '=', name)
      .executeTakeFirstOrThrow()
  ).id;
}

before(async () => {
  t = await startTestKith({ demo: true });
  placeId = t.demo.places.calderbrook!.id;
  linkWorkerId = (await findPersonByEmail(t.kith.db.kysely, 'linkworker@calderbrook.example'))!.id;
});
after(() => t.close());

describe('who takes a new request on', () => {
  test('the person holding fewest records, and of equals the first given', () => {
    assert.equal(
      chooseHolder(
        ['a', 'b', 'c'],
        new Map([
          ['a', 3],
          ['b', 1],
          ['c', 1],
        ]),
      ),
      'b',
    );
    assert.equal(chooseHolder(['a', 'b'], new Map()), 'a');
    assert.equal(chooseHolder(['a', 'b'], new Map([['a', 2]])), 'b');
    assert.equal(chooseHolder([], new Map()), undefined);
  });
});

describe('a resident asks for support themselves', () => {
  let yusuf: Agent;
  let yusufId: string;
  before(async () => {
    yusuf = await agentFor('yusuf@calderbrook.example');
    yusufId = (await findPersonByEmail(t.kith.db.kysely, 'yusuf@calderbrook.example'))!.id;
  });

  test('their support page offers to ask, and the form lists a link worker and the open schemes', async () => {
    const mine = pageText((await yusuf.get(`${P}/my-support`)).body);
    assert.match(mine, /You do not need a referral from your GP/);
    const form = await yusuf.get(`${P}/my-support/ask`);
    assert.equal(form.statusCode, 200);
    const text = pageText(form.body);
    assert.match(text, /Talk it through with a link worker/);
    assert.match(text, /Good Neighbours befriending Befriending, Age Friendly Calderbrook/);
  });

  test('an empty request is refused beside each field and writes nothing', async () => {
    const refused = await yusuf.post(`${P}/my-support/ask`, {});
    assert.equal(refused.statusCode, 400);
    const errors = fieldErrors(refused.body);
    assert.match(errors.support!, /Select what you would like/);
    assert.match(errors.agree!, /Tick to agree/);
    const blank = await yusuf.post(`${P}/my-support/ask`, { support: 'link_worker', agree: 'yes' });
    assert.match(fieldErrors(blank.body).wouldLikeTo!, /Say what they would like to do/);
    const forged = await yusuf.post(`${P}/my-support/ask`, {
      wouldLikeTo: 'Meet people',
      support: 'scheme:00000000-0000-0000-0000-000000000000',
      agree: 'yes',
    });
    assert.equal(forged.statusCode, 422, 'a scheme that is not this place’s is refused');
    assert.equal((await recordsOfPerson(t.kith.db.kysely, yusufId, placeId)).length, 0);
  });

  test('a request for a befriender becomes a record on the link worker’s caseload and a request for a match', async () => {
    const scheme = await schemeId('Good Neighbours befriending');
    const sent = await yusuf.post(`${P}/my-support/ask`, {
      wouldLikeTo: 'Have someone to talk to in English',
      interests: 'football, cooking',
      getsInTheWay: 'I do not know anyone here yet',
      howToContact: 'Evenings are best',
      support: `scheme:${scheme}`,
      shares: ['first_name', 'contact', 'interests'],
      ownWords: 'Please do not call before noon',
      agree: 'yes',
    });
    assert.equal(sent.statusCode, 303);
    assert.equal(sent.headers.location, `${P}/my-support`);

    const db = t.kith.db.kysely;
    const [record] = await recordsOfPerson(db, yusufId, placeId);
    assert.ok(record);
    assert.equal(record.source, 'self');
    assert.equal(record.holderId, linkWorkerId, 'the place’s link worker holds it');
    const [conversation] = await conversationsOf(db, record.id);
    assert.equal(conversation!.interests, 'football, cooking');
    const [consent] = await consentsOf(db, record.id);
    assert.equal(consent!.decision, 'agreed');
    assert.equal(consent!.recordedBy, yusufId, 'the consent is given by their own hand');
    assert.match(consent!.wording, /^I am asking for support\./);
    assert.match(consent!.wording, /In my own words: Please do not call before noon$/);
    // Every line in their own voice, as the form put it to them.
    assert.match(
      consent!.wording,
      /\nI agree that the groups and schemes I am referred to may know: The name I like to be called; How to contact me; My interests/,
    );
    assert.doesNotMatch(consent!.wording, /The person/);
    const [referral] = await referralsOfRecord(db, record.id);
    assert.equal(referral!.targetKind, 'scheme');
    assert.equal(referral!.status, 'sent');

    const mine = pageText((await yusuf.get(`${P}/my-support`)).body);
    assert.match(mine, /You asked for support on .*Daniel Hughes is your link worker/);
    assert.match(mine, /Good Neighbours befriending \(Befriending or peer support, Age Friendly Calderbrook\): Sent/);

    const worker = await agentFor('linkworker@calderbrook.example');
    const caseload = pageText((await worker.get(`${P}/social-prescribing`)).body);
    assert.match(caseload, /Yusuf Rahimi Asked for support themselves/);
    const grace = await agentFor('coordinator@calderbrook.example');
    assert.match(pageText((await grace.get(`${P}/referrals-in`)).body), /Yusuf – Good Neighbours befriending/);

    await t.worker.runDue();
    const mail = (await listDevMail(db)).find(
      (m) => m.to_address === 'linkworker@calderbrook.example' && /new request for support/.test(m.subject),
    );
    assert.ok(mail, 'the link worker is told');
    assert.doesNotMatch(mail.text_body, /Yusuf|Rahimi/, 'the email names nobody');
  });

  test('asking again goes to the support they already have', async () => {
    const again = await yusuf.get(`${P}/my-support/ask`);
    assert.equal(again.statusCode, 303);
    const posted = await yusuf.post(`${P}/my-support/ask`, {
      wouldLikeTo: 'More',
      support: 'link_worker',
      agree: 'yes',
    });
    assert.equal(posted.statusCode, 422);
    assert.match(fieldErrors(posted.body).wouldLikeTo!, /already supports you/);
    assert.equal((await recordsOfPerson(t.kith.db.kysely, yusufId, placeId)).length, 1);
  });
});

describe('a link worker posts a request for help in the person’s name', () => {
  let worker: Agent;
  let yusuf: Agent;
  let recordId: string;
  let postId: string;
  before(async () => {
    worker = await agentFor('linkworker@calderbrook.example');
    yusuf = await agentFor('yusuf@calderbrook.example');
    const yusufId = (await findPersonByEmail(t.kith.db.kysely, 'yusuf@calderbrook.example'))!.id;
    recordId = (await recordsOfPerson(t.kith.db.kysely, yusufId, placeId))[0]!.id;
  });

  test('the find page offers it; an empty request is refused beside its fields and posts nothing', async () => {
    const find = pageText((await worker.get(`${P}/social-prescribing/people/${recordId}/find`)).body);
    assert.match(find, /Post a request for help for Yusuf/);
    const refused = await worker.post(`${P}/social-prescribing/people/${recordId}/request`, {});
    assert.equal(refused.statusCode, 400);
    const errors = fieldErrors(refused.body);
    for (const field of ['title', 'category', 'area', 'duration']) assert.ok(errors[field], field);
    assert.equal(
      (await referralsOfRecord(t.kith.db.kysely, recordId)).filter((r) => r.targetKind === 'request').length,
      0,
    );
  });

  test('posted in his name, it is his on the board and a referral on his record', async () => {
    const posted = await worker.post(`${P}/social-prescribing/people/${recordId}/request`, {
      title: 'Someone to practise English with over a cuppa',
      details: 'I am learning and would love a chat once a week.',
      category: 'company',
      area: 'KL1',
      duration: '60',
    });
    assert.equal(posted.statusCode, 303);
    const referral = (await referralsOfRecord(t.kith.db.kysely, recordId)).find((r) => r.targetKind === 'request')!;
    assert.equal(referral.status, 'sent');
    postId = referral.targetId;
    assert.match(pageText((await yusuf.get(`${P}/help/mine`)).body), /Someone to practise English with over a cuppa/);
    assert.match(
      pageText((await yusuf.get(`${P}/my-support`)).body),
      /Someone to practise English with over a cuppa \(Request for help from neighbours\): Sent/,
    );
    await t.worker.runDue();
    const mail = (await listDevMail(t.kith.db.kysely)).find(
      (m) => m.to_address === 'yusuf@calderbrook.example' && /Your request for help is posted/.test(m.subject),
    );
    assert.ok(mail, 'Yusuf is told');
  });

  test('a neighbour’s help, agreed and then given, moves the referral on by itself', async () => {
    const edna = await agentFor('resident@calderbrook.example');
    const offered = await edna.post(`${P}/help/posts/${postId}/propose`, { note: 'I taught for years; tea on me.' });
    assert.equal(offered.statusCode, 303);
    const exchangeId = /exchanges\/([0-9a-f-]+)/.exec(offered.headers.location as string)![1]!;
    assert.equal(await followRequests(t.kith), 0, 'an offer alone is not help agreed');
    assert.equal((await yusuf.post(`${P}/help/exchanges/${exchangeId}/accept`, {})).statusCode, 303);
    assert.equal(await followRequests(t.kith), 2, 'accepted, then first contact');
    let [referral] = (await referralsOfRecord(t.kith.db.kysely, recordId)).filter((r) => r.targetKind === 'request');
    assert.equal(referral!.status, 'first_contact');
    assert.equal((await edna.post(`${P}/help/exchanges/${exchangeId}/record`, { hours: '1' })).statusCode, 303);
    assert.equal(await followRequests(t.kith), 1);
    assert.equal(await followRequests(t.kith), 0, 'and only once');
    [referral] = (await referralsOfRecord(t.kith.db.kysely, recordId)).filter((r) => r.targetKind === 'request');
    assert.equal(referral!.status, 'attended');
    assert.match(
      pageText((await worker.get(`${P}/social-prescribing/people/${recordId}`)).body),
      /Someone to practise English with over a cuppa Request for help from neighbours Attended/,
    );
  });

  test('without a Kith account there is nobody for offers to reach, so nothing is posted', async () => {
    const records = await t.kith.db.kysely
      .selectFrom('prescribing_records')
      .select('id')
      .where('place_id', '=', placeId)
      .where('person_id', 'is', null)
      .where('holder_id', '=', linkWorkerId)
      .execute();
    const unclaimed = records[0]!.id;
    const page = pageText((await worker.get(`${P}/social-prescribing/people/${unclaimed}/request`)).body);
    assert.match(page, /invite them to take over their record first/);
    assert.doesNotMatch(page, /Post the request/);
    const refused = await worker.post(`${P}/social-prescribing/people/${unclaimed}/request`, {
      title: 'A lift to the shops',
      category: 'lifts',
      area: 'KL1',
      duration: '60',
    });
    assert.equal(refused.statusCode, 422);
    assert.equal(
      (await referralsOfRecord(t.kith.db.kysely, unclaimed)).filter((r) => r.targetKind === 'request').length,
      0,
    );
  });
});

describe('a referrer from another service', () => {
  let probation: Agent;
  let probationId: string;
  let recordId: string;
  before(async () => {
    probation = await agentFor('probation@calderbrook.example');
    probationId = (await findPersonByEmail(t.kith.db.kysely, 'probation@calderbrook.example'))!.id;
  });

  test('refers someone to a peer-support scheme, and sees only its name and status', async () => {
    const scheme = await schemeId('Moving On peer mentors');
    const refused = await probation.post(`${P}/referrals-sent/new`, { name: 'Lee Marsh', support: `scheme:${scheme}` });
    assert.equal(refused.statusCode, 400);
    const errors = fieldErrors(refused.body);
    for (const field of ['preferredName', 'service', 'givenOn', 'agree']) assert.ok(errors[field], field);
    const unreachable = await probation.post(`${P}/referrals-sent/new`, {
      service: 'Calderbrook Probation Service',
      name: 'Lee Marsh',
      preferredName: 'Lee',
      support: `scheme:${scheme}`,
      'givenOn-day': '1',
      'givenOn-month': '12',
      'givenOn-year': '2026',
      agree: 'yes',
    });
    assert.match(fieldErrors(unreachable.body).wouldLikeTo!, /Say what they would like to do/);
    assert.match(fieldErrors(unreachable.body).howToContact!, /phone number or another way to reach them/);
    assert.equal((await recordsReferredBy(t.kith.db.kysely, placeId, probationId)).length, 0);

    const sent = await probation.post(`${P}/referrals-sent/new`, {
      service: 'Calderbrook Probation Service',
      name: 'Lee Marsh',
      preferredName: 'Lee',
      phone: '07700 900123',
      wouldLikeTo: 'Find work and people who are not in trouble',
      interests: 'fishing, fixing bikes',
      support: `scheme:${scheme}`,
      shares: ['first_name', 'contact'],
      'givenOn-day': '1',
      'givenOn-month': '12',
      'givenOn-year': '2026',
      agree: 'yes',
    });
    assert.equal(sent.statusCode, 303);
    const [record] = await recordsReferredBy(t.kith.db.kysely, placeId, probationId);
    recordId = record!.id;
    assert.equal(record!.source, 'service');
    assert.equal(record!.referredFrom, 'Calderbrook Probation Service');

    const list = pageText((await probation.get(`${P}/referrals-sent`)).body);
    assert.match(list, /Lee Marsh/);
    assert.match(list, /Moving On peer mentors \(Befriending or peer support\) Sent/);
    assert.doesNotMatch(list, /fishing|Find work/, 'what matters to Lee is not shown back');
    assert.match(
      pageText((await probation.get(`${P}/referrals-sent/new`)).body),
      /Your service/,
      'the form remembers their service',
    );
  });

  test('follows the scheme accepting it, but cannot open the record or the referral', async () => {
    const [referral] = await referralsOfRecord(t.kith.db.kysely, recordId);
    const grace = await agentFor('coordinator@calderbrook.example');
    assert.equal((await grace.post(`${P}/referrals-in/${referral!.id}`, { to: 'accepted' })).statusCode, 303);
    assert.match(pageText((await probation.get(`${P}/referrals-sent`)).body), /Moving On peer mentors .* Accepted/);
    for (const url of [
      `${P}/social-prescribing/people/${recordId}`,
      `${P}/social-prescribing/referrals/${referral!.id}`,
      `${P}/referrals-in/${referral!.id}`,
      `${P}/social-prescribing`,
    ])
      assert.equal((await probation.get(url)).statusCode, 403, url);
    const worker = await agentFor('linkworker@calderbrook.example');
    assert.match(
      pageText((await worker.get(`${P}/social-prescribing/people/${recordId}`)).body),
      /How they came to us Referred by Calderbrook Probation Service/,
    );
  });

  test('when it stalls, the link worker holding the record is reminded, not the referrer', async () => {
    await remindStalledReferrals(t.kith, new Date(Date.now() + 20 * 86_400_000));
    await t.worker.runDue();
    const mail = await listDevMail(t.kith.db.kysely, 1000);
    assert.ok(
      mail.some(
        (m) =>
          m.to_address === 'linkworker@calderbrook.example' &&
          m.subject === 'A referral for Lee has not moved for 14 days',
      ),
      'Daniel is reminded about Lee',
    );
    assert.ok(
      !mail.some((m) => m.to_address === 'probation@calderbrook.example'),
      'Dev is not sent a record he cannot open',
    );
    assert.ok(!mail.some((m) => m.to_address === 'yusuf@calderbrook.example' && /has not moved/.test(m.subject)));
  });

  test('another referrer sees none of it', async () => {
    const db = t.kith.db.kysely;
    const other = await insertPerson(db, {
      name: 'Hana Housing',
      email: 'hana@housing.example',
      passwordHash: await hashPassword(t.demo.password),
      language: 'en',
      emailConfirmed: true,
    });
    await insertRole(db, { placeId, personId: other.id, role: 'referrer', grantedBy: null });
    const hana = await agentFor('hana@housing.example');
    const list = pageText((await hana.get(`${P}/referrals-sent`)).body);
    assert.match(list, /You have not referred anyone here yet/);
    assert.doesNotMatch(list, /Lee/);
  });

  test('a resident cannot send referrals from another service', async () => {
    const edna = await agentFor('resident@calderbrook.example');
    assert.equal((await edna.get(`${P}/referrals-sent`)).statusCode, 403);
    assert.equal((await edna.post(`${P}/referrals-sent/new`, {})).statusCode, 403);
  });
});

describe('the commissioner report', () => {
  test('counts people who asked for support themselves and those other services referred, small numbers withheld', async () => {
    const figures = t.kith.modules.flatMap((m) => m.figures ?? []);
    const today = new Date().toISOString().slice(0, 10);
    const period = {
      from: `${today.slice(0, 4)}-01-01T00:00:00.000Z`,
      to: `${Number(today.slice(0, 4)) + 1}-01-01T00:00:00.000Z`,
    };
    const value = (id: string) => figures.find((f) => f.id === id)!.value(t.kith.db.kysely, placeId, period);
    assert.equal(await value('prescribing.selfReferrals'), 1, 'Yusuf asked himself');
    assert.equal(await value('prescribing.serviceReferrals'), 1, 'Dev referred Lee');
    const officer = await agentFor('officer@calderbrook.example');
    const report = pageText((await officer.get(`${P}/reports`)).body);
    // One of each so far: shown as fewer than 5, so nobody can be picked out.
    assert.match(report, /People who asked for support themselves fewer than 5/);
    assert.match(report, /People referred by other services fewer than 5/);
  });
});

describe('a place with nobody to take requests', () => {
  test('a resident is told so, and nothing is written', async () => {
    const aled = await agentFor('aled@aberllyn.example');
    const aberllyn = t.demo.places.aberllyn!.id;
    const refused = await aled.post('/places/aberllyn/my-support/ask', {
      wouldLikeTo: 'Cwrdd â phobl',
      support: 'link_worker',
      agree: 'yes',
    });
    assert.equal(refused.statusCode, 422);
    const aledId = (await findPersonByEmail(t.kith.db.kysely, 'aled@aberllyn.example'))!.id;
    assert.equal((await recordsOfPerson(t.kith.db.kysely, aledId, aberllyn)).length, 0);
  });
});
