import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { listDevMail } from '../../platform/mail/store.js';
import { Agent, fieldErrors, pageText, startTestKith, type TestKith } from '../../testing.js';
import { hashPassword, insertPerson, insertRole } from '../people/index.js';
import { remindStalledReferrals } from './referrals.js';
import { findReferral, referralsOfRecord, wellbeingOf } from './store.js';

let t: TestKith;
let worker: Agent;
let organiser: Agent;
const P = '/places/calderbrook';
const SP = `${P}/social-prescribing`;
let walkId: string;
let recordId: string;
let referralId: string;

async function agentFor(email: string) {
  const agent = new Agent(t);
  await agent.signIn(email, t.demo.password);
  return agent;
}

async function person(email: string, role?: 'link_worker' | 'organiser' | 'resident') {
  const p = await insertPerson(t.kith.db.kysely, {
    name: email.split('@')[0]!,
    email,
    passwordHash: await hashPassword(t.demo.password),
    language: 'en',
    emailConfirmed: true,
  });
  if (role)
    await insertRole(t.kith.db.kysely, {
      placeId: t.demo.places.calderbrook!.id,
      personId: p.id,
      role,
      grantedBy: null,
    });
  return p;
}

const auditCount = async (action: string, subjectId: string) =>
  (
    await t.kith.db.kysely
      .selectFrom('audit_events')
      .select('id')
      .where('action', '=', action)
      .where('subject_id', '=', subjectId)
      .execute()
  ).length;

before(async () => {
  t = await startTestKith({ demo: true });
  worker = await agentFor('linkworker@calderbrook.example');
  organiser = await agentFor('organiser@calderbrook.example');
  walkId = (t.demo.prescribing as { walkingActivityId: string }).walkingActivityId;
});
after(() => t.close());

describe('a link worker supports someone', () => {
  test('a record is opened and a "what matters to you" conversation recorded, with clear messages for bad input', async () => {
    const bad = await worker.post(`${SP}/people/new`, { name: '', preferredName: 'Jo', email: 'not-an-email' });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(fieldErrors(bad.body), {
      name: 'Enter their full name',
      email: 'Enter an email address in the correct format, like name@example.com',
    });
    const opened = await worker.post(`${SP}/people/new`, {
      name: 'Josephine Lumb',
      preferredName: 'Jo',
      email: 'jo.lumb@example.org',
      phone: '01632 960 000',
      howToContact: 'Text first',
      accessNeeds: 'Step-free access',
      referredFrom: 'Calder Valley Surgery',
    });
    assert.equal(opened.statusCode, 303);
    recordId = /people\/([0-9a-f-]+)\/conversation/.exec(opened.headers.location as string)![1]!;
    const empty = await worker.post(`${SP}/people/${recordId}/conversation`, {
      'heldOn-day': '1',
      'heldOn-month': '13',
      'heldOn-year': '2026',
    });
    assert.equal(empty.statusCode, 400);
    assert.deepEqual(Object.keys(fieldErrors(empty.body)).sort(), ['heldOn', 'strengths']);
    const saved = await worker.post(`${SP}/people/${recordId}/conversation`, {
      'heldOn-day': '2',
      'heldOn-month': '3',
      'heldOn-year': '2026',
      strengths: 'Great with people',
      interests: 'walking, birds',
      skills: 'First aid',
      wouldLikeTo: 'Meet people outdoors',
      getsInTheWay: 'Nervous on buses',
    });
    assert.equal(saved.headers.location, `${SP}/people/${recordId}/consent`);
  });

  test('consent is required before any referral is sent: without it, or declined, nothing is written', async () => {
    const refused = await worker.post(`${SP}/people/${recordId}/referrals`, { activities: walkId });
    assert.equal(refused.statusCode, 422);
    assert.match(fieldErrors(refused.body).activities!, /not agreed to be referred/);
    assert.equal((await referralsOfRecord(t.kith.db.kysely, recordId)).length, 0);

    const declined = await worker.post(`${SP}/people/${recordId}/consent`, {
      decision: 'declined',
      'givenOn-day': '2',
      'givenOn-month': '3',
      'givenOn-year': '2026',
    });
    assert.equal(declined.statusCode, 303);
    assert.equal((await worker.post(`${SP}/people/${recordId}/referrals`, { activities: walkId })).statusCode, 422);
    const page = pageText((await worker.get(`${SP}/people/${recordId}`)).body);
    assert.match(page, /871711000000103 Social prescribing declined/);
    assert.equal((await referralsOfRecord(t.kith.db.kysely, recordId)).length, 0);
  });

  test('with consent, the search starts from their interests and the referral reaches the group, who sees only what was agreed', async () => {
    const noMessageBack = await worker.post(`${SP}/people/${recordId}/consent`, {
      decision: 'agreed',
      shares: ['first_name', 'access_needs'],
      'givenOn-day': '3',
      'givenOn-month': '3',
      'givenOn-year': '2026',
    });
    assert.equal(noMessageBack.statusCode, 400);
    assert.ok(fieldErrors(noMessageBack.body).messageBack);
    const agreed = await worker.post(`${SP}/people/${recordId}/consent`, {
      decision: 'agreed',
      shares: ['first_name', 'access_needs'],
      messageBack: 'yes',
      'givenOn-day': '3',
      'givenOn-month': '3',
      'givenOn-year': '2026',
    });
    assert.equal(agreed.headers.location, `${SP}/people/${recordId}/find`);

    // The search starts from everything Jo said: walking, birds, meeting people outdoors.
    const find = await worker.get(`${SP}/people/${recordId}/find`);
    assert.match(pageText(find.body), /Searched with everything they said: walking, birds, meet people outdoors\./);
    assert.ok(find.body.includes(`value="${walkId}"`));

    const sent = await worker.post(`${SP}/people/${recordId}/referrals`, {
      activities: walkId,
      note: 'Jo would like someone to meet her at the start.',
    });
    assert.equal(sent.statusCode, 303);
    const [referral] = await referralsOfRecord(t.kith.db.kysely, recordId);
    referralId = referral!.id;
    assert.equal(referral!.status, 'sent');
    const again = await worker.post(`${SP}/people/${recordId}/referrals`, { activities: walkId });
    assert.match(fieldErrors(again.body).activities!, /already have an open referral/);

    await t.worker.runDue();
    const mail = (await listDevMail(t.kith.db.kysely)).find(
      (m) => m.to_address === 'organiser@calderbrook.example' && m.subject.startsWith('A new referral'),
    );
    assert.ok(mail, 'the group’s organiser is told');
    assert.doesNotMatch(mail.text_body, /Jo|Lumb/);

    const seen = pageText((await organiser.get(`${P}/referrals-in/${referralId}`)).body);
    assert.match(seen, /What they like to be called Jo/);
    assert.match(seen, /Step-free access/);
    assert.match(seen, /meet her at the start/);
    for (const hidden of [
      'Lumb',
      'jo.lumb@example.org',
      '01632 960 000',
      'Text first',
      'walking, birds',
      'Nervous on buses',
      'Great with people',
    ])
      assert.ok(!seen.includes(hidden), hidden);
    const inbox = pageText((await organiser.get(`${P}/referrals-in`)).body);
    assert.match(inbox, /Jo – Health walk/);
  });

  test('only the receiving group and the care team see a referral; officers and admins do not', async () => {
    const other = await person('other-organiser@test.example', 'organiser');
    const otherAgent = await agentFor(other.email);
    assert.equal((await otherAgent.get(`${P}/referrals-in/${referralId}`)).statusCode, 403);
    assert.doesNotMatch(
      pageText((await otherAgent.get(`${P}/referrals-in`)).body),
      /Jo – Health walk/,
      "another group's organiser sees no referral to the health walk",
    );
    for (const email of ['officer@calderbrook.example', 'admin@calderbrook.example']) {
      const agent = await agentFor(email);
      assert.equal((await agent.get(`${P}/referrals-in/${referralId}`)).statusCode, 403, email);
      assert.equal((await agent.get(`${SP}/referrals/${referralId}`)).statusCode, 403, email);
      assert.equal((await agent.get(`${SP}/people/${recordId}`)).statusCode, 403, email);
    }
  });

  test('the group accepts, makes contact (the SNOMED CT code is recorded) and records attendance; steps out of order are refused', async () => {
    const url = `${P}/referrals-in/${referralId}`;
    assert.equal((await organiser.post(url, { to: 'first_contact' })).statusCode, 422);
    assert.equal((await organiser.post(url, { to: 'accepted' })).statusCode, 303);
    assert.equal((await organiser.post(url, { to: 'first_contact' })).statusCode, 303);
    const coded = await findReferral(t.kith.db.kysely, t.demo.places.calderbrook!.id, referralId);
    assert.equal(coded!.snomedCode, '871731000000106');
    const noReason = await organiser.post(url, { to: 'did_not_attend' });
    assert.equal(noReason.statusCode, 400);
    assert.equal(fieldErrors(noReason.body)['reason-notAttended'], 'Select why they did not go');
    const backwards = await organiser.post(url, { to: 'accepted' });
    assert.equal(backwards.statusCode, 422);
    assert.match(fieldErrors(backwards.body).to!, /not possible/);
    assert.equal((await organiser.post(url, { to: 'attended' })).statusCode, 303);
    const tooSoon = await organiser.post(url, { to: 'still_going' });
    assert.match(fieldErrors(tooSoon.body).to!, /3 months after/);
    const history = pageText((await worker.get(`${SP}/referrals/${referralId}`)).body);
    assert.match(history, /Accepted.*First contact made.*871731000000106.*Attended/);
  });

  test('ONS4 answers outside 0 to 10 are refused beside each question and nothing is saved; the chart shows the change', async () => {
    const url = `${SP}/people/${recordId}/wellbeing`;
    const bad = await worker.post(url, {
      instrument: 'ons4',
      timepoint: 'referral',
      'answeredOn-day': '3',
      'answeredOn-month': '3',
      'answeredOn-year': '2026',
      life: '11',
      worthwhile: '5',
      happy: 'six',
      anxious: '-1',
    });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(fieldErrors(bad.body), {
      life: 'How satisfied they are with their life must be a whole number from 0 to 10',
      happy: 'How happy they felt yesterday must be a whole number from 0 to 10',
      anxious: 'How anxious they felt yesterday must be a whole number from 0 to 10',
    });
    assert.equal((await wellbeingOf(t.kith.db.kysely, recordId)).length, 0);
    const form = await worker.get(url);
    assert.match(form.body, /Overall, how satisfied are you with your life nowadays\?/);
    assert.match(form.body, /Overall, how anxious did you feel yesterday\?/);
    for (const [timepoint, month, values] of [
      ['referral', '3', ['3', '4', '3', '7']],
      ['3m', '6', ['6', '6', '7', '4']],
    ] as const) {
      const saved = await worker.post(url, {
        instrument: 'ons4',
        timepoint,
        'answeredOn-day': '3',
        'answeredOn-month': month,
        'answeredOn-year': '2026',
        life: values[0],
        worthwhile: values[1],
        happy: values[2],
        anxious: values[3],
      });
      assert.equal(saved.statusCode, 303);
    }
    const page = (await worker.get(`${SP}/people/${recordId}`)).body;
    assert.match(page, /<svg[^>]+role="img"[^>]*><title id="[^"]+">Personal wellbeing over time/);
    assert.match(
      pageText(page),
      /Life satisfaction: 3 to 6\. Worthwhile: 4 to 6\. Happiness: 3 to 7\. Anxiety: 7 to 4\./,
    );
    assert.match(pageText(page), /Anxiety 7 \(high\) 4 \(medium\)/);
  });

  test('health notes: only the care team and the person; every view is audited; never in the care team’s export', async () => {
    const notes = `${SP}/people/${recordId}/health-notes`;
    assert.equal(
      (await worker.post(notes, { body: 'Diagnosed with COPD; gets breathless on hills.' })).statusCode,
      303,
    );
    const before = await auditCount('healthNotes.viewed', recordId);
    assert.match(pageText((await worker.get(notes)).body), /COPD/);
    assert.match(pageText((await worker.get(notes)).body), /COPD/);
    assert.equal(await auditCount('healthNotes.viewed', recordId), before + 2);

    const colleague = await person('colleague@test.example', 'link_worker');
    const colleagueAgent = await agentFor(colleague.email);
    assert.equal((await colleagueAgent.get(notes)).statusCode, 403);
    assert.equal((await colleagueAgent.get(`${SP}/people/${recordId}`)).statusCode, 403);
    const notReferrer = await person('not-a-referrer@test.example', 'resident');
    assert.match(
      fieldErrors((await worker.post(`${SP}/people/${recordId}/care-team`, { email: notReferrer.email })).body).email!,
      /cannot refer people/,
    );
    assert.equal((await worker.post(`${SP}/people/${recordId}/care-team`, { email: colleague.email })).statusCode, 303);
    assert.match(pageText((await colleagueAgent.get(notes)).body), /COPD/);
    assert.equal(await auditCount('healthNotes.viewed', recordId), before + 3);
    for (const agent of [
      organiser,
      await agentFor('officer@calderbrook.example'),
      await agentFor('admin@calderbrook.example'),
    ])
      assert.equal((await agent.get(notes)).statusCode, 403);
    assert.doesNotMatch(pageText((await worker.get(`${SP}/people/${recordId}`)).body), /COPD/);

    const exported = await worker.get(`${SP}/people/${recordId}/export.json`);
    assert.equal(exported.statusCode, 200);
    assert.doesNotMatch(exported.body, /COPD/);
    const document = JSON.parse(exported.body) as {
      supportOffered: Array<{ code?: { code: string }; history: unknown[] }>;
      episode: { code: { code: string } };
      needsAndConcerns: unknown;
      outcomes: { wellbeing: unknown[] };
    };
    assert.equal(document.episode.code.code, '871711000000103', 'the episode keeps the code of the first decision');
    assert.equal(document.supportOffered[0]!.code!.code, '871731000000106');
    assert.equal(document.outcomes.wellbeing.length, 2);
    const message = pageText((await worker.get(`${SP}/people/${recordId}/message-back`)).body);
    assert.match(
      message,
      /Support offered Health walk \(Calderbrook Walking Group\): Attended, SNOMED CT 871731000000106/,
    );
    assert.doesNotMatch(message, /COPD/);
  });

  test('every view of the record, its conversation, consent, wellbeing and message-back pages is audited', async () => {
    for (const page of ['', '/conversation', '/consent', '/wellbeing', '/message-back']) {
      const before = await auditCount('supportRecord.viewed', recordId);
      assert.equal((await worker.get(`${SP}/people/${recordId}${page}`)).statusCode, 200, page);
      assert.equal(await auditCount('supportRecord.viewed', recordId), before + 1, page || 'the record');
    }
    const rows = await t.kith.db.kysely
      .selectFrom('audit_events')
      .select('detail')
      .where('action', '=', 'supportRecord.viewed')
      .where('subject_id', '=', recordId)
      .execute();
    assert.ok(rows.some((r) => r.detail.includes('message-back')));
  });

  test('the person takes their record over from an email link, sees it, and downloads it with their health notes', async () => {
    const jo = await person('jo.lumb@example.org');
    assert.equal((await worker.post(`${SP}/people/${recordId}/invite`)).statusCode, 303);
    await t.worker.runDue();
    const mail = (await listDevMail(t.kith.db.kysely)).find((m) => m.to_address === 'jo.lumb@example.org');
    const link = /\/places\/calderbrook\/social-prescribing\/claim\/[\w-]+/.exec(mail!.text_body)![0];
    const joAgent = await agentFor(jo.email);
    assert.match(pageText((await joAgent.get(link)).body), /Take over my record/);
    assert.equal((await joAgent.post(link)).headers.location, `${P}/my-support`);
    assert.match(pageText((await joAgent.post(link)).body), /expired or has already been used/);
    const mine = pageText((await joAgent.get(`${P}/my-support`)).body);
    assert.match(mine, /With Daniel Hughes/);
    assert.match(mine, /Health walk \(Calderbrook Walking Group\): Attended/);
    assert.doesNotMatch(mine, /These are the words you agreed to/, 'no note when the page is in the words’ language');
    // In Welsh, the consent recorded in English is shown as it was, marked as English.
    assert.equal((await joAgent.get(`${P}/my-support?lang=cy`)).statusCode, 303);
    const welsh = (await joAgent.get(`${P}/my-support`)).body;
    assert.match(pageText(welsh), /Dyma’r geiriau y gwnaethoch gytuno iddynt, yn Saesneg/);
    assert.match(welsh, /<div class="govuk-inset-text" lang="en">/);
    assert.equal((await joAgent.get(`${P}/my-support?lang=en`)).statusCode, 303);
    assert.match(pageText((await joAgent.get(`${SP}/people/${recordId}/health-notes`)).body), /COPD/);
    assert.equal((await joAgent.get(`${SP}/people/${recordId}`)).statusCode, 403, 'the care team’s pages stay theirs');
    const download = await joAgent.get('/account/data');
    assert.match(download.body, /COPD/);
    assert.match(download.body, /871731000000106/);
  });

  test('a referral waiting 14 days reminds its link worker once, and again only after it moves and stalls again', async () => {
    // The daily job may already have run (the worker runs what is due): count from here.
    await t.worker.runDue();
    const isReminder = (m: { to_address: string; subject: string }) =>
      m.to_address === 'linkworker@calderbrook.example' && /has not moved for 14 days/.test(m.subject);
    const already = (await listDevMail(t.kith.db.kysely, 1000)).filter(isReminder).length;
    const later = new Date(Date.now() + 15 * 86_400_000);
    const first = await remindStalledReferrals(t.kith, later);
    assert.ok(first > 0);
    assert.equal(await remindStalledReferrals(t.kith, later), 0);
    const stalled = (
      await t.kith.db.kysely
        .selectFrom('prescribing_referrals')
        .select('id')
        .where('status', '=', 'sent')
        .executeTakeFirstOrThrow()
    ).id;
    assert.equal((await worker.post(`${SP}/referrals/${stalled}`, { to: 'accepted' })).statusCode, 303);
    assert.equal(await remindStalledReferrals(t.kith, new Date(Date.now() + 16 * 86_400_000)), 1);
    await t.worker.runDue();
    assert.equal((await listDevMail(t.kith.db.kysely, 1000)).filter(isReminder).length, already + first + 1);
  });
});

describe('a link worker who deletes their account', () => {
  test('leaves nothing that names them, and the people they supported pass to their care-team colleague', async () => {
    const leaver = await person('leaver@test.example', 'link_worker');
    const stayer = await person('stayer@test.example', 'link_worker');
    const agent = await agentFor(leaver.email);
    const opened = await agent.post(`${SP}/people/new`, {
      name: 'Idris Pugh',
      preferredName: 'Idris',
      email: '',
      phone: '',
      howToContact: 'Phone',
      accessNeeds: '',
      referredFrom: 'Surgery',
    });
    const id = /people\/([0-9a-f-]+)\/conversation/.exec(opened.headers.location as string)![1]!;
    await agent.post(`${SP}/people/${id}/conversation`, {
      'heldOn-day': '2',
      'heldOn-month': '3',
      'heldOn-year': '2026',
      strengths: 'Patient',
      interests: 'walking',
    });
    await agent.post(`${SP}/people/${id}/consent`, {
      decision: 'agreed',
      shares: ['first_name'],
      messageBack: 'no',
      'givenOn-day': '2',
      'givenOn-month': '3',
      'givenOn-year': '2026',
    });
    assert.equal((await agent.post(`${SP}/people/${id}/referrals`, { activities: walkId })).statusCode, 303);
    await agent.post(`${SP}/people/${id}/wellbeing`, {
      instrument: 'ons4',
      timepoint: 'referral',
      'answeredOn-day': '2',
      'answeredOn-month': '3',
      'answeredOn-year': '2026',
      life: '5',
      worthwhile: '5',
      happy: '5',
      anxious: '5',
    });
    assert.equal((await agent.post(`${SP}/people/${id}/health-notes`, { body: 'Asthma.' })).statusCode, 303);
    // Nobody else shares Idris's record yet: the account stays until someone would hold it.
    assert.match(
      pageText((await agent.get('/account/delete')).body),
      /You hold support records that no colleague shares/,
    );
    const refused = await agent.post('/account/delete', { password: t.demo.password, confirm: 'yes' });
    assert.equal(refused.statusCode, 422);
    assert.match(pageText(refused.body), /There is a problem You hold support records that no colleague shares/);
    assert.equal((await agent.get(`${SP}/people/${id}`)).statusCode, 200);
    assert.equal((await agent.post(`${SP}/people/${id}/care-team`, { email: stayer.email })).statusCode, 303);
    assert.equal((await agent.post('/account/delete', { password: t.demo.password, confirm: 'yes' })).statusCode, 303);

    const found: string[] = [];
    for (const table of await t.kith.db.kysely.introspection.getTables()) {
      if (!table.name.startsWith('prescribing_')) continue;
      const rows = await t.kith.db.kysely
        .selectFrom(table.name as 'prescribing_records')
        .selectAll()
        .execute();
      for (const row of rows as Array<Record<string, unknown>>) {
        for (const [column, value] of Object.entries(row))
          if (typeof value === 'string' && [leaver.id, leaver.email].some((v) => value.includes(v)))
            found.push(`${table.name}.${column}`);
      }
    }
    assert.deepEqual([...new Set(found)], []);
    const stayerAgent = await agentFor(stayer.email);
    const page = pageText((await stayerAgent.get(`${SP}/people/${id}`)).body);
    assert.match(page, /Idris Pugh/);
    assert.match(pageText((await stayerAgent.get(`${SP}/people/${id}/health-notes`)).body), /Asthma/);
  });
});

describe('a form sent twice', () => {
  test('opens one record, holds one conversation and writes one health note', async () => {
    const form = {
      name: 'Twice Sent',
      preferredName: 'Twice',
      email: '',
      phone: '',
      howToContact: '',
      accessNeeds: '',
      referredFrom: '',
    };
    const first = await worker.post(`${SP}/people/new`, form, { idempotencyKey: 'open-once' });
    const second = await worker.post(`${SP}/people/new`, form, { idempotencyKey: 'open-once' });
    assert.equal(second.headers.location, first.headers.location);
    const opened = await t.kith.db.kysely
      .selectFrom('prescribing_records')
      .select('id')
      .where('name', '=', 'Twice Sent')
      .execute();
    assert.equal(opened.length, 1);
    const id = opened[0]!.id;
    const conversation = { 'heldOn-day': '2', 'heldOn-month': '3', 'heldOn-year': '2026', strengths: 'Steady' };
    for (let i = 0; i < 2; i++)
      assert.equal(
        (await worker.post(`${SP}/people/${id}/conversation`, conversation, { idempotencyKey: 'talk-once' }))
          .statusCode,
        303,
      );
    assert.equal(
      (
        await t.kith.db.kysely
          .selectFrom('prescribing_conversations')
          .select('id')
          .where('record_id', '=', id)
          .execute()
      ).length,
      1,
    );
    for (let i = 0; i < 2; i++)
      assert.equal(
        (await worker.post(`${SP}/people/${id}/health-notes`, { body: 'Once only.' }, { idempotencyKey: 'note-once' }))
          .statusCode,
        303,
      );
    // The same key on another of the page's forms is another submission.
    assert.equal(
      (await worker.post(`${SP}/people/${id}/health-notes`, { body: 'Another note.' }, { idempotencyKey: 'talk-once' }))
        .statusCode,
      303,
    );
    assert.equal(
      (await t.kith.db.kysely.selectFrom('prescribing_health_notes').select('id').where('record_id', '=', id).execute())
        .length,
      2,
    );
  });
});
