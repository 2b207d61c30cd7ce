/**
 * Social prescribing's stores, called directly on the database the suite runs against
 * (SQLite or PostgreSQL): what a link worker's record, care team, consents, referrals and
 * wellbeing answers read back as, the figures a commissioner's report is made of, and
 * that one place never reads another's rows. The pages are tested in prescribing.test.ts.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import { startTestKith, type TestKith } from '../../testing.js';
import { insertPerson } from '../people/index.js';
import { insertPlace } from '../places/index.js';
import { attendeesBetween } from './figures-store.js';
import {
  attendedByMonth,
  peopleReferred,
  referralsByStatus,
  wellbeingDays,
  wellbeingDaysFromAnswers,
  wellbeingSums,
  type ReportScope,
} from './report-store.js';
import type { ReferralTable, Timepoint } from './schema.js';
import {
  addToCareTeam,
  careTeamOf,
  claimStallReminder,
  consentsOf,
  deleteRecordsOfPerson,
  eventsOf,
  findConsent,
  findInstrument,
  findRecord,
  findRecordByInvite,
  healthNotesOf,
  insertHealthNote,
  insertConversation,
  conversationsOf,
  findReferral,
  insertConsent,
  insertInstrument,
  insertRecord,
  insertReferral,
  insertReferralEvent,
  instrumentsOf,
  recordsOfPerson,
  recordsOfWorker,
  referralsOfRecord,
  referralsToOrganisations,
  removeFromCareTeam,
  saveWellbeing,
  stalledReferrals,
  touchRecord,
  updateReferral,
  wellbeingOf,
  withdrawConsents,
} from './store.js';

let t: TestKith;
let here: string;
let elsewhere: string;
let worker: string;
const db = () => t.kith.db.kysely;

const person = async (name: string) =>
  (
    await insertPerson(db(), {
      name,
      email: `${randomUUID()}@test.example`,
      passwordHash: null,
      language: 'en',
      emailConfirmed: true,
    })
  ).id;

before(async () => {
  t = await startTestKith();
  here = (await insertPlace(db(), { slug: 'llanfair', name: 'Llanfair' })).id;
  elsewhere = (await insertPlace(db(), { slug: 'brynmawr', name: 'Brynmawr' })).id;
  worker = await person('Lowri Link');
});
after(() => t.close());

/** A record held by the worker, in this place unless said otherwise. */
const record = (name: string, extra: { placeId?: string; personId?: string | null; holderId?: string } = {}) =>
  insertRecord(db(), {
    place_id: extra.placeId ?? here,
    person_id: extra.personId ?? null,
    name,
    preferred_name: name.split(' ')[0]!,
    email: null,
    phone: null,
    how_to_contact: '',
    access_needs: '',
    referred_from: '',
    holder_id: extra.holderId ?? worker,
  });

const consent = (recordId: string, decision: 'agreed' | 'declined' = 'agreed', placeId = here) =>
  insertConsent(db(), {
    place_id: placeId,
    record_id: recordId,
    given_on: '2025-04-01',
    recorded_by: worker,
    decision,
    shares: 'first_name,contact',
    message_back: 1,
    wording: 'I agree',
    lang: 'en',
  });

/** A referral sent at `sentAt`, with whatever else the test says. */
async function referral(
  recordId: string,
  consentId: string,
  sentAt: string,
  extra: Partial<ReferralTable> = {},
): Promise<string> {
  const id = randomUUID();
  await insertReferral(db(), {
    id,
    place_id: here,
    record_id: recordId,
    target_kind: 'activity',
    target_id: 'walking-group',
    organisation_id: 'ramblers',
    status: 'sent',
    reason: null,
    reason_detail: null,
    note: '',
    consent_id: consentId,
    referred_by: worker,
    sent_at: sentAt,
    accepted_at: null,
    first_contact_at: null,
    attended_at: null,
    still_going_at: null,
    ended_at: null,
    last_change_at: sentAt,
    stall_reminded_for: null,
    snomed_code: null,
    snomed_at: null,
    updated_at: sentAt,
    ...extra,
  });
  return id;
}

const ons4 = (
  recordId: string,
  timepoint: Timepoint,
  answeredOn: string,
  [life, worthwhile, happy, anxious]: [number, number, number, number],
  placeId = here,
) =>
  saveWellbeing(db(), {
    place_id: placeId,
    record_id: recordId,
    instrument: 'ons4',
    timepoint,
    answered_on: answeredOn,
    life,
    worthwhile,
    happy,
    anxious,
    answers: null,
    total: null,
    recorded_by: worker,
  });

describe('records and care teams', () => {
  test('a record reads back as the link worker entered it, and only in its own place', async () => {
    const member = await person('Gareth Hughes');
    const id = await insertRecord(db(), {
      place_id: here,
      person_id: member,
      name: 'Gareth Hughes',
      preferred_name: 'Gaz',
      email: 'gaz@example.org',
      phone: '01234 567890',
      how_to_contact: 'Text first',
      access_needs: 'Step-free access',
      referred_from: 'Llanfair Surgery',
      holder_id: worker,
    });
    const stored = (await findRecord(db(), here, id))!;
    assert.equal(stored.id, id);
    assert.equal(stored.placeId, here);
    assert.equal(stored.personId, member);
    assert.equal(stored.name, 'Gareth Hughes');
    assert.equal(stored.preferredName, 'Gaz');
    assert.equal(stored.email, 'gaz@example.org');
    assert.equal(stored.phone, '01234 567890');
    assert.equal(stored.howToContact, 'Text first');
    assert.equal(stored.accessNeeds, 'Step-free access');
    assert.equal(stored.referredFrom, 'Llanfair Surgery');
    assert.equal(stored.holderId, worker);
    assert.equal(stored.episodeCode, null);
    assert.equal(stored.inviteHash, null);
    assert.equal(stored.claimedAt, null);
    assert.equal(stored.createdAt, stored.updatedAt);
    assert.equal(await findRecord(db(), elsewhere, id), undefined);
    assert.deepEqual(
      (await recordsOfPerson(db(), member, here)).map((r) => r.id),
      [id],
    );
    assert.deepEqual(await recordsOfPerson(db(), member, elsewhere), []);

    await sleep(5);
    await touchRecord(db(), id, { invite_hash: 'hash-of-invite', invite_expires_at: '2030-01-01T00:00:00.000Z' });
    const invited = (await findRecordByInvite(db(), 'hash-of-invite'))!;
    assert.equal(invited.id, id);
    assert.equal(invited.inviteExpiresAt, '2030-01-01T00:00:00.000Z');
    assert.ok(invited.updatedAt > invited.createdAt, 'a change moves the record up the caseload');
    assert.equal(await findRecordByInvite(db(), 'another-hash'), undefined);
  });

  test('a care team lists its colleagues by name in the order they joined, and shares the caseload', async () => {
    const id = await record('Sian Evans');
    const first = await person('Bethan Colleague');
    const second = await person('Dylan Colleague');
    assert.equal(
      await addToCareTeam(db(), { record_id: id, person_id: first, place_id: here, added_by: worker }),
      true,
    );
    await sleep(5);
    assert.equal(
      await addToCareTeam(db(), { record_id: id, person_id: second, place_id: here, added_by: worker }),
      true,
    );
    assert.equal(
      await addToCareTeam(db(), { record_id: id, person_id: first, place_id: here, added_by: worker }),
      false,
      'adding someone twice adds them once',
    );
    const team = await careTeamOf(db(), id);
    assert.deepEqual(
      team.map((m) => [m.personId, m.name]),
      [
        [first, 'Bethan Colleague'],
        [second, 'Dylan Colleague'],
      ],
    );

    const caseload = await recordsOfWorker(db(), here, second, { limit: 50, offset: 0 });
    assert.deepEqual(
      caseload.rows.map((r) => [r.id, r.name, r.preferredName, r.holderId]),
      [[id, 'Sian Evans', 'Sian', worker]],
    );
    assert.equal(caseload.total, 1);
    assert.deepEqual(await recordsOfWorker(db(), elsewhere, second, { limit: 50, offset: 0 }), { rows: [], total: 0 });

    assert.equal(await removeFromCareTeam(db(), id, second), true);
    assert.equal(await removeFromCareTeam(db(), id, second), false);
    assert.equal((await recordsOfWorker(db(), here, second, { limit: 50, offset: 0 })).total, 0);
    assert.deepEqual(
      (await careTeamOf(db(), id)).map((m) => m.personId),
      [first],
    );
  });

  test("a worker's caseload is most recently changed first, a page at a time, with the full count", async () => {
    const holder = await person('Nia Holder');
    const older = await record('Older Record', { holderId: holder });
    await sleep(5);
    const newer = await record('Newer Record', { holderId: holder });
    await record('Not Theirs');
    const firstPage = await recordsOfWorker(db(), here, holder, { limit: 1, offset: 0 });
    assert.deepEqual(
      firstPage.rows.map((r) => r.id),
      [newer],
    );
    assert.equal(firstPage.total, 2);
    assert.deepEqual(
      (await recordsOfWorker(db(), here, holder, { limit: 1, offset: 1 })).rows.map((r) => r.id),
      [older],
    );
    await sleep(5);
    await touchRecord(db(), older);
    assert.deepEqual(
      (await recordsOfWorker(db(), here, holder, { limit: 10, offset: 0 })).rows.map((r) => r.id),
      [older, newer],
    );
  });

  test("a place's wellbeing instruments are its own, listed by name", async () => {
    const row = {
      items: JSON.stringify([{ key: 'calm', text: 'I feel calm', textCy: 'Rwy’n teimlo’n dawel' }]),
      scale_min: 1,
      scale_max: 5,
      higher_is_better: 1,
      licence_note: 'Licence 2025/17',
      active: 1,
      created_by: worker,
    };
    const zeta = await insertInstrument(db(), { ...row, place_id: here, name: 'Zeta scale' });
    const alpha = await insertInstrument(db(), { ...row, place_id: here, name: 'Alpha scale', higher_is_better: 0 });
    const theirs = await insertInstrument(db(), { ...row, place_id: elsewhere, name: 'Their scale' });
    const listed = await instrumentsOf(db(), here);
    assert.deepEqual(
      listed.map((i) => i.id),
      [alpha, zeta],
    );
    const a = (await findInstrument(db(), here, alpha))!;
    assert.equal(a.higherIsBetter, false);
    assert.equal(a.active, true);
    assert.equal(a.scaleMin, 1);
    assert.equal(a.scaleMax, 5);
    assert.equal(a.licenceNote, 'Licence 2025/17');
    assert.deepEqual(JSON.parse(a.items), [{ key: 'calm', text: 'I feel calm', textCy: 'Rwy’n teimlo’n dawel' }]);
    assert.equal((await findInstrument(db(), here, zeta))!.higherIsBetter, true);
    assert.equal(await findInstrument(db(), here, theirs), undefined);
  });
});

describe('conversations and health notes', () => {
  test('conversations read back latest first by the day they were held, and health notes newest first', async () => {
    const id = await record('Conversation Record');
    const talk = (heldOn: string, strengths: string) =>
      insertConversation(db(), {
        place_id: here,
        record_id: id,
        held_on: heldOn,
        held_by: worker,
        strengths,
        interests: 'Singing',
        skills: 'Baking',
        would_like_to: 'Meet people',
        gets_in_the_way: 'The bus',
      });
    await talk('2025-03-01', 'Kind');
    await talk('2025-05-01', 'Patient');
    await talk('2025-04-01', 'Funny');
    const conversations = await conversationsOf(db(), id);
    assert.deepEqual(
      conversations.map((c) => [c.heldOn, c.strengths]),
      [
        ['2025-05-01', 'Patient'],
        ['2025-04-01', 'Funny'],
        ['2025-03-01', 'Kind'],
      ],
    );
    assert.equal(conversations[0]!.wouldLikeTo, 'Meet people');
    assert.equal(conversations[0]!.getsInTheWay, 'The bus');
    assert.equal(conversations[0]!.heldBy, worker);

    await insertHealthNote(db(), { place_id: here, record_id: id, body: 'First note', written_by: worker });
    await sleep(5);
    await insertHealthNote(db(), { place_id: here, record_id: id, body: 'Second note', written_by: worker });
    assert.deepEqual(
      (await healthNotesOf(db(), id)).map((n) => n.body),
      ['Second note', 'First note'],
    );
    assert.deepEqual(await healthNotesOf(db(), await record('No Notes')), []);
  });
});

describe('consent', () => {
  test("a record's consents come newest first, and withdrawing marks every one still in force", async () => {
    const id = await record('Consent Record');
    const agreed = await consent(id, 'agreed');
    await sleep(5);
    const declined = await consent(id, 'declined');
    const [latest, earlier] = await consentsOf(db(), id);
    assert.equal(latest!.id, declined);
    assert.equal(latest!.decision, 'declined');
    assert.equal(earlier!.id, agreed);
    assert.deepEqual(earlier!.shares, ['first_name', 'contact']);
    assert.equal(earlier!.messageBack, true);
    assert.equal(earlier!.wording, 'I agree');
    assert.equal(earlier!.recordedBy, worker);
    assert.equal(earlier!.withdrawnAt, null);

    await withdrawConsents(db(), id, '2025-05-01T09:00:00.000Z');
    assert.deepEqual(
      (await consentsOf(db(), id)).map((c) => c.withdrawnAt),
      ['2025-05-01T09:00:00.000Z', '2025-05-01T09:00:00.000Z'],
    );
    await withdrawConsents(db(), id, '2025-06-01T09:00:00.000Z');
    assert.equal(
      (await findConsent(db(), agreed))!.withdrawnAt,
      '2025-05-01T09:00:00.000Z',
      'a consent withdrawn keeps the day it was withdrawn',
    );
    assert.deepEqual(await consentsOf(db(), await record('No Consent Yet')), []);
  });
});

describe('referrals', () => {
  test("a record's referrals are newest first, and their events in the order they happened", async () => {
    const id = await record('Referral Record');
    const c = await consent(id);
    const first = await referral(id, c, '2025-04-02T10:00:00.000Z');
    const second = await referral(id, c, '2025-04-09T10:00:00.000Z', { target_kind: 'role', target_id: 'shop-helper' });
    const referrals = await referralsOfRecord(db(), id);
    assert.deepEqual(
      referrals.map((r) => [r.id, r.targetKind, r.targetId]),
      [
        [second, 'role', 'shop-helper'],
        [first, 'activity', 'walking-group'],
      ],
    );
    assert.equal(referrals[1]!.consentId, c);
    assert.equal(referrals[1]!.organisationId, 'ramblers');
    assert.equal(await findReferral(db(), elsewhere, first), undefined);

    await updateReferral(db(), first, {
      status: 'accepted',
      accepted_at: '2025-04-03T10:00:00.000Z',
      last_change_at: '2025-04-03T10:00:00.000Z',
    });
    const accepted = (await findReferral(db(), here, first))!;
    assert.equal(accepted.status, 'accepted');
    assert.equal(accepted.acceptedAt, '2025-04-03T10:00:00.000Z');
    assert.equal(accepted.lastChangeAt, '2025-04-03T10:00:00.000Z');

    const event = (referralId: string, status: 'sent' | 'accepted' | 'declined', at: string) =>
      insertReferralEvent(db(), {
        place_id: here,
        referral_id: referralId,
        status,
        reason: status === 'declined' ? 'full' : null,
        detail: null,
        actor_id: worker,
        snomed_code: null,
        at,
      });
    // Stored out of order: the history is read in the order things happened.
    await event(first, 'accepted', '2025-04-03T10:00:00.000Z');
    await event(second, 'declined', '2025-04-10T10:00:00.000Z');
    await event(first, 'sent', '2025-04-02T10:00:00.000Z');
    await event(second, 'sent', '2025-04-09T10:00:00.000Z');
    assert.deepEqual(
      (await eventsOf(db(), [first, second])).map((e) => [e.referralId, e.status, e.reason]),
      [
        [first, 'sent', null],
        [first, 'accepted', null],
        [second, 'sent', null],
        [second, 'declined', 'full'],
      ],
    );
    assert.deepEqual(
      (await eventsOf(db(), [second])).map((e) => e.status),
      ['sent', 'declined'],
    );
    assert.deepEqual(await eventsOf(db(), []), []);
  });

  test("an organisation's inbox holds its referrals in this place, most recently changed first", async () => {
    const id = await record('Inbox Record');
    const c = await consent(id);
    const older = await referral(id, c, '2025-04-02T10:00:00.000Z', { organisation_id: 'choir' });
    const newer = await referral(id, c, '2025-04-05T10:00:00.000Z', { organisation_id: 'choir' });
    await referral(id, c, '2025-04-06T10:00:00.000Z', { organisation_id: 'allotments' });
    const inbox = await referralsToOrganisations(db(), here, ['choir'], { limit: 10, offset: 0 });
    assert.deepEqual(
      inbox.rows.map((r) => r.id),
      [newer, older],
    );
    assert.equal(inbox.total, 2);
    assert.equal(
      (await referralsToOrganisations(db(), here, ['choir', 'allotments'], { limit: 1, offset: 0 })).total,
      3,
    );
    assert.deepEqual(await referralsToOrganisations(db(), elsewhere, ['choir'], { limit: 10, offset: 0 }), {
      rows: [],
      total: 0,
    });
    assert.deepEqual(await referralsToOrganisations(db(), here, [], { limit: 10, offset: 0 }), { rows: [], total: 0 });
  });

  test('a referral left open gets one reminder a stall, and a new stall after a change gets another', async () => {
    const id = await record('Stalled Record');
    const c = await consent(id);
    const stalled = await referral(id, c, '2020-01-01T10:00:00.000Z');
    const attended = await referral(id, c, '2020-01-01T10:00:00.000Z', { status: 'attended' });
    const recent = await referral(id, c, '2099-01-01T10:00:00.000Z');
    const ids = async () =>
      (await stalledReferrals(db(), '2020-06-01T00:00:00.000Z', 500)).map((r) => r.id).filter((r) => r !== attended);
    const found = await stalledReferrals(db(), '2020-06-01T00:00:00.000Z', 500);
    assert.ok(found.some((r) => r.id === stalled && r.placeId === here && r.referredBy === worker));
    assert.ok(!found.some((r) => r.id === attended || r.id === recent));

    assert.equal(await claimStallReminder(db(), stalled, '2020-01-01T10:00:00.000Z'), true);
    assert.equal(await claimStallReminder(db(), stalled, '2020-01-01T10:00:00.000Z'), false);
    assert.ok(!(await ids()).includes(stalled));

    await updateReferral(db(), stalled, { status: 'accepted', last_change_at: '2020-02-01T10:00:00.000Z' });
    assert.ok((await ids()).includes(stalled));
    assert.equal(
      await claimStallReminder(db(), stalled, '2020-01-01T10:00:00.000Z'),
      false,
      'a reminder for the old stall is not sent',
    );
    assert.equal(await claimStallReminder(db(), stalled, '2020-02-01T10:00:00.000Z'), true);
  });
});

describe('wellbeing', () => {
  test("answers read back per instrument and timepoint, and a corrected baseline moves every follow-up's change", async () => {
    const id = await record('Wellbeing Record');
    const instrument = await insertInstrument(db(), {
      place_id: here,
      name: 'Calm scale',
      items: '[]',
      scale_min: 1,
      scale_max: 5,
      higher_is_better: 1,
      licence_note: '',
      active: 1,
      created_by: worker,
    });
    await ons4(id, 'referral', '1999-01-10', [4, 5, 3, 6]);
    await ons4(id, '3m', '1999-04-10', [6, 6, 5, 4]);
    await saveWellbeing(db(), {
      place_id: here,
      record_id: id,
      instrument,
      timepoint: 'referral',
      answered_on: '1999-01-11',
      life: null,
      worthwhile: null,
      happy: null,
      anxious: null,
      answers: JSON.stringify({ calm: 2 }),
      total: 2,
      recorded_by: worker,
    });
    const answers = await wellbeingOf(db(), id);
    assert.deepEqual(
      answers.map((a) => [a.instrument, a.timepoint, a.answeredOn, a.life, a.worthwhile, a.happy, a.anxious, a.total]),
      [
        ['ons4', 'referral', '1999-01-10', 4, 5, 3, 6, null],
        [instrument, 'referral', '1999-01-11', null, null, null, null, 2],
        ['ons4', '3m', '1999-04-10', 6, 6, 5, 4, null],
      ],
    );
    assert.deepEqual(JSON.parse(answers[1]!.answers!), { calm: 2 });

    const scope = { placeId: here, from: '1999-01-01', to: '1999-12-31' };
    const threeMonths = async () =>
      (await wellbeingSums(db(), scope, 'ons4')).changes.find((c) => c.timepoint === '3m')!;
    assert.deepEqual((await threeMonths()).items.life, { n: 1, sum: 2, sumSquares: 4 });
    assert.deepEqual((await threeMonths()).items.anxious, { n: 1, sum: -2, sumSquares: 4 });

    // The baseline corrected in place: one row still, and the change at 3 months follows it.
    await ons4(id, 'referral', '1999-01-10', [5, 5, 3, 6]);
    assert.equal((await wellbeingOf(db(), id)).filter((a) => a.instrument === 'ons4').length, 2);
    assert.deepEqual((await threeMonths()).items.life, { n: 1, sum: 1, sumSquares: 1 });

    const months = (await wellbeingSums(db(), scope, 'ons4')).months;
    assert.deepEqual(
      months.map((m) => [m.month, m.items.life.n, m.items.life.mean]),
      [
        ['1999-01', 1, 5],
        ['1999-04', 1, 6],
      ],
    );
    const other = await wellbeingSums(db(), scope, instrument);
    assert.deepEqual(
      other.months.map((m) => [m.month, m.items.total.n, m.items.total.mean]),
      [['1999-01', 1, 2]],
    );
    assert.deepEqual(other.changes, []);
    assert.deepEqual(await wellbeingSums(db(), { ...scope, placeId: elsewhere }, 'ons4'), { changes: [], months: [] });
  });

  test('the day sums kept as answers are saved agree with the answers themselves', async () => {
    const scope = { placeId: here, from: '1998-01-01', to: '1998-12-31' };
    for (const [name, before, after] of [
      ['Day Sum One', [3, 4, 5, 6], [7, 7, 7, 2]],
      ['Day Sum Two', [5, 5, 5, 5], [6, 4, 6, 4]],
    ] as const) {
      const id = await record(name);
      await ons4(id, 'referral', '1998-02-01', [...before]);
      await ons4(id, '6m', '1998-08-01', [...after]);
    }
    const key = (r: Record<string, unknown>) => `${String(r.answered_on)}|${String(r.timepoint)}`;
    const fields = ['n', 'dn', 's_life', 's_anxious', 'ds_life', 'dq_life', 'ds_anxious', 'dq_anxious'];
    const pick = (rows: Array<Record<string, unknown>>) =>
      Object.fromEntries(
        rows
          .map((r) => [key(r), fields.map((f) => Number(r[f] ?? 0))])
          .sort(([a], [b]) => String(a).localeCompare(String(b))),
      );
    const kept = pick(await wellbeingDays(db(), scope, 'ons4'));
    assert.deepEqual(kept, {
      '1998-02-01|referral': [2, 0, 8, 11, 0, 0, 0, 0],
      '1998-08-01|6m': [2, 2, 13, 6, 5, 17, -5, 17],
    });
    assert.deepEqual(pick(await wellbeingDaysFromAnswers(db(), scope, 'ons4', ['life', 'anxious'])), kept);
  });
});

describe('report figures for a period', () => {
  test('referrals count by status from the first moment of the first day to the last moment of the last', async () => {
    const scope: ReportScope = { placeId: here, from: '2001-04-01', to: '2001-06-30' };
    const a = await record('Report One');
    const b = await record('Report Two');
    const ca = await consent(a);
    const cb = await consent(b);
    await referral(a, ca, '2001-03-31T23:59:59.999Z');
    await referral(a, ca, '2001-04-01T00:00:00.000Z', { target_id: 'choir' });
    await referral(a, ca, '2001-05-15T12:00:00.000Z', {
      status: 'attended',
      attended_at: '2001-05-20T12:00:00.000Z',
    });
    await referral(b, cb, '2001-06-30T23:59:59.999Z', {
      status: 'attended',
      target_id: 'choir',
      attended_at: '2001-06-30T23:00:00.000Z',
    });
    await referral(b, cb, '2001-07-01T00:00:00.000Z', { status: 'declined' });
    // Attended in the period, though sent before it.
    await referral(b, cb, '2001-03-01T12:00:00.000Z', {
      status: 'attended',
      attended_at: '2001-04-02T09:00:00.000Z',
    });

    assert.deepEqual(Object.fromEntries(await referralsByStatus(db(), scope)), { sent: 1, attended: 2 });
    assert.equal(await peopleReferred(db(), scope), 2);
    assert.deepEqual(await attendedByMonth(db(), scope), [
      { month: '2001-04', n: 1 },
      { month: '2001-05', n: 1 },
      { month: '2001-06', n: 1 },
    ]);

    const choir = { ...scope, activityIds: ['choir'] };
    assert.deepEqual(Object.fromEntries(await referralsByStatus(db(), choir)), { sent: 1, attended: 1 });
    assert.equal(await peopleReferred(db(), choir), 2);
    assert.deepEqual(await attendedByMonth(db(), choir), [{ month: '2001-06', n: 1 }]);

    const emptyProgramme = { ...scope, activityIds: [] };
    assert.equal((await referralsByStatus(db(), emptyProgramme)).size, 0);
    assert.equal(await peopleReferred(db(), emptyProgramme), 0);
    assert.deepEqual(await attendedByMonth(db(), emptyProgramme), []);

    const there = { ...scope, placeId: elsewhere };
    assert.equal((await referralsByStatus(db(), there)).size, 0);
    assert.equal(await peopleReferred(db(), there), 0);
    assert.deepEqual(await attendedByMonth(db(), there), []);
  });

  test("a programme's wellbeing figures come from the people referred to its activities", async () => {
    const scope = { placeId: here, from: '1997-01-01', to: '1997-12-31' };
    const inProgramme = await record('Programme Person');
    const outside = await record('Other Person');
    await referral(inProgramme, await consent(inProgramme), '1997-01-05T10:00:00.000Z', { target_id: 'bowls' });
    await referral(outside, await consent(outside), '1997-01-05T10:00:00.000Z', { target_id: 'knitting' });
    await ons4(inProgramme, 'referral', '1997-01-05', [2, 2, 2, 8]);
    await ons4(outside, 'referral', '1997-01-06', [9, 9, 9, 1]);
    const months = async (activityIds?: string[]) =>
      (await wellbeingSums(db(), { ...scope, activityIds }, 'ons4')).months.map((m) => [
        m.month,
        m.items.life.n,
        m.items.life.mean,
      ]);
    assert.deepEqual(await months(), [['1997-01', 2, 5.5]]);
    assert.deepEqual(await months(['bowls']), [['1997-01', 1, 2]]);
    assert.deepEqual(await months([]), []);
  });

  test('who took part counts a person once however many referrals of theirs were attended', async () => {
    const member = await person('Account Holder');
    const withAccount = await record('Account Holder', { personId: member });
    const withoutAccount = await record('No Account');
    const ca = await consent(withAccount);
    const cb = await consent(withoutAccount);
    await referral(withAccount, ca, '1996-01-01T10:00:00.000Z', { attended_at: '1996-02-01T10:00:00.000Z' });
    await referral(withAccount, ca, '1996-01-01T10:00:00.000Z', { attended_at: '1996-03-01T10:00:00.000Z' });
    await referral(withoutAccount, cb, '1996-01-01T10:00:00.000Z', { attended_at: '1996-02-15T10:00:00.000Z' });
    await referral(withoutAccount, cb, '1996-01-01T10:00:00.000Z', { attended_at: '1996-05-01T10:00:00.000Z' });
    const people = async (placeId: string, from: string, to: string) =>
      [...new Set((await attendeesBetween(db(), placeId, from, to).execute()).map((r) => r.person_id))].sort();
    assert.deepEqual(
      await people(here, '1996-02-01T00:00:00.000Z', '1996-04-01T00:00:00.000Z'),
      [member, `record:${withoutAccount}`].sort(),
    );
    assert.deepEqual(await people(here, '1996-04-01T00:00:00.000Z', '1996-06-01T00:00:00.000Z'), [
      `record:${withoutAccount}`,
    ]);
    assert.deepEqual(await people(elsewhere, '1996-01-01T00:00:00.000Z', '1997-01-01T00:00:00.000Z'), []);
  });
});

describe('erasure', () => {
  test("a person's own records go with their answers, and a leaving worker's records pass to a colleague", async () => {
    const leaver = await person('Leaving Worker');
    const colleague = await person('Staying Colleague');
    const member = await person('Erased Member');
    const shared = await record('Shared Record', { holderId: leaver });
    await addToCareTeam(db(), { record_id: shared, person_id: colleague, place_id: here, added_by: leaver });
    const c = await consent(shared);
    const sent = await referral(shared, c, '1995-01-01T10:00:00.000Z', { referred_by: leaver });
    const own = await record('Erased Member', { personId: member });
    await ons4(own, 'referral', '1995-01-02', [3, 3, 3, 3]);
    const scope = { placeId: here, from: '1995-01-01', to: '1995-12-31' };
    const answered = async () =>
      (await wellbeingSums(db(), scope, 'ons4')).months.reduce((n, m) => n + m.items.life.n, 0);
    assert.equal(await answered(), 1);

    await deleteRecordsOfPerson(db(), member);
    assert.equal(await findRecord(db(), here, own), undefined);
    assert.equal(await answered(), 0, 'their answers leave the figures with them');

    await deleteRecordsOfPerson(db(), leaver);
    const handedOn = (await findRecord(db(), here, shared))!;
    assert.equal(handedOn.holderId, colleague, 'the colleague in the care team takes it on');
    assert.deepEqual(await careTeamOf(db(), shared), []);
    assert.match((await findReferral(db(), here, sent))!.referredBy, /^erased:/);
    assert.equal((await recordsOfWorker(db(), here, leaver, { limit: 10, offset: 0 })).total, 0);
  });
});
