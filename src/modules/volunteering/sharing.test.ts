/**
 * Checks that travel, on the demo: the Repair Café has seen Yusuf's basic DBS check;
 * he is held for Age Friendly Calderbrook's shopping trips, which need one. He shares
 * his checks with Age Friendly; Grace, its coordinator, sees the check's kind, dates and
 * source (never its note), accepts it and confirms him without a new check. Withdrawn,
 * nothing shows and nothing can be accepted; a third organisation never sees it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  fieldErrors,
  newMember,
  pageText,
  signedInAs,
  startTestKith,
  type Agent,
  type TestKith,
} from '../../testing.js';
import { addOrganiser, organisationSummaries } from '../directory/index.js';
import { publishOpportunity } from './roles.js';
import { signUp } from './signups.js';
import { recordCheck } from './checks.js';
import { addDays, longDate, todayInPlace } from '../../platform/dates.js';

let t: TestKith;
let placeId: string;
let repairId: string;
let ageFriendlyId: string;
let walkingId: string;
let yusufId: string;
let sourceCheckId: string;
let trainingId: string;
let shoppingSignupId: string;
let yusuf: Agent;
let grace: Agent;
const base = '/places/calderbrook/volunteering';
const SECRET = 'Seen the certificate 001234567890 on the day';

const db = () => t.kith.db.kysely;
const checksAt = (organisationId: string) =>
  db()
    .selectFrom('volunteering_checks')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('person_id', '=', yusufId)
    .execute();
const audited = async (action: string) =>
  (await db().selectFrom('audit_events').select('subject_id').where('action', '=', action).execute()).map(
    (e) => e.subject_id,
  );
const personPage = (organisationId: string) => `${base}/manage/${organisationId}/people/${yusufId}`;
const sharedSection = (html: string) => {
  const text = pageText(html);
  const start = text.indexOf('Checks shared with you');
  return start < 0 ? '' : text.slice(start, text.indexOf('Record only the kind of check', start));
};

before(async () => {
  t = await startTestKith({ demo: true });
  placeId = t.demo.places.calderbrook!.id;
  const organisations = new Map((await organisationSummaries(db(), placeId)).map((o) => [o.name, o.id]));
  repairId = organisations.get('Calderbrook Repair Café')!;
  ageFriendlyId = organisations.get('Age Friendly Calderbrook')!;
  walkingId = organisations.get('Calderbrook Walking Group')!;
  yusufId = t.demo.people.newArrival!.id;
  // Training the Repair Café gave him too, which no Age Friendly role he chose needs.
  await recordCheck(t.kith, {
    placeId,
    actorId: t.demo.people.organiser!.id,
    organisationId: repairId,
    personId: yusufId,
    kind: 'training',
    checkedOn: addDays(todayInPlace(), -10),
    expiresOn: null,
    note: 'Bike workshop safety',
  });
  const atRepair = await checksAt(repairId);
  sourceCheckId = atRepair.find((c) => c.kind === 'dbs_basic')!.id;
  trainingId = atRepair.find((c) => c.kind === 'training')!.id;
  // A note the Repair Café wrote for itself: it must never travel.
  await db().updateTable('volunteering_checks').set({ note: SECRET }).where('id', '=', sourceCheckId).execute();
  shoppingSignupId = (
    await db()
      .selectFrom('volunteering_signups')
      .select('id')
      .where('person_id', '=', yusufId)
      .where('organisation_id', '=', ageFriendlyId)
      .executeTakeFirstOrThrow()
  ).id;
  yusuf = await signedInAs(t, 'newArrival');
  grace = await signedInAs(t, 'coordinator');
});
after(() => t.close());

describe('checks that travel', () => {
  test('before Yusuf shares, Age Friendly sees none of his checks and can accept none', async () => {
    const page = await grace.get(personPage(ageFriendlyId));
    assert.equal(page.statusCode, 200);
    assert.equal(sharedSection(page.body), '');
    assert.doesNotMatch(pageText(page.body), /Calderbrook Repair Café/);
    const accept = await grace.post(`${personPage(ageFriendlyId)}/shared/${sourceCheckId}`, { decision: 'accept' });
    assert.equal(accept.statusCode, 422);
    assert.equal(fieldErrors(accept.body).shared, 'The volunteer no longer shares this check with you');
    assert.deepEqual(await checksAt(ageFriendlyId), []);
  });

  test('Yusuf shares with Age Friendly: Grace sees the kind, dates and who recorded it, never the note; each view is audited', async () => {
    const mine = pageText((await yusuf.get(`${base}/mine`)).body);
    assert.match(mine, /Share your checks/);
    assert.match(
      mine,
      /Which organisation can see your checks\? Organisations you have signed up with\. Age Friendly Calderbrook/,
    );

    const nothing = await yusuf.post(`${base}/shares`, {});
    assert.equal(nothing.statusCode, 400);
    assert.equal(fieldErrors(nothing.body).organisation, 'Choose an organisation you have signed up with');
    // An organisation he has not signed up with cannot be given his checks.
    const stranger = await yusuf.post(`${base}/shares`, { organisation: walkingId });
    assert.equal(stranger.statusCode, 400);

    const shared = await yusuf.post(`${base}/shares`, { organisation: ageFriendlyId });
    assert.equal(shared.statusCode, 303);
    assert.match(pageText((await yusuf.get(`${base}/mine`)).body), /Age Friendly Calderbrook can see your checks\./);
    assert.deepEqual(await audited('volunteers.checksShared'), [ageFriendlyId]);

    const source = (await checksAt(repairId)).find((c) => c.id === sourceCheckId)!;
    const seen = sharedSection((await grace.get(personPage(ageFriendlyId))).body);
    assert.match(seen, /Basic DBS check/);
    assert.match(seen, new RegExp(`Date of the check ${longDate(source.checked_on, 'en')}`));
    assert.match(seen, new RegExp(`Date it expires ${longDate(source.expires_on!, 'en')}`));
    assert.match(seen, /Recorded by Calderbrook Repair Café/);
    assert.doesNotMatch(seen, /001234567890|Seen the certificate/);
    assert.doesNotMatch((await grace.get(personPage(ageFriendlyId))).body, /001234567890|Bike workshop/);
    assert.deepEqual(await audited('volunteers.sharedCheckViewed'), [sourceCheckId, sourceCheckId]);

    // The training no role here needs is neither shown nor accepted.
    assert.doesNotMatch(seen, /Training|Bike workshop/);
    const training = await grace.post(`${personPage(ageFriendlyId)}/shared/${trainingId}`, { decision: 'accept' });
    assert.equal(training.statusCode, 422);
    assert.equal(fieldErrors(training.body).shared, 'None of the roles they signed up for here needs this check');
    assert.deepEqual(await checksAt(ageFriendlyId), []);
  });

  test('a coordinator of a third organisation, where Yusuf has also signed up, sees nothing and can accept nothing', async () => {
    const wendy = await newMember(t, placeId, 'Wendy Walker', 'coordinator');
    await addOrganiser(t.kith, {
      placeId,
      actorId: t.demo.people.admin!.id,
      organisationId: walkingId,
      email: (await db().selectFrom('people').select('email').where('id', '=', wendy.id).executeTakeFirstOrThrow())
        .email!,
    });
    const roleId = await publishOpportunity(t.kith, {
      placeId,
      actorId: wendy.id,
      organisationName: 'Calderbrook Walking Group',
      opportunity: {
        organisation: walkingId,
        title: 'Walk buddy',
        description: 'Walk alongside someone who is nervous of walking alone',
        skills: '',
        timeCommitment: 'An hour a week',
        commitment: 'regular',
        accessibility: '',
        minimumAge: null,
        participation: 'flexible',
        remote: false,
        interests: ['sport'],
        requirements: ['dbs_basic'],
        days: [],
        times: [],
        postcode: 'KL1 1AA',
        status: 'open',
        suggestion: '',
      },
    });
    await signUp(t.kith, {
      placeId,
      actorId: yusufId,
      opportunityId: roleId,
      shiftId: null,
      message: '',
      birthDate: null,
    });
    const page = await wendy.agent.get(personPage(walkingId));
    assert.equal(page.statusCode, 200);
    assert.equal(sharedSection(page.body), '');
    assert.doesNotMatch(pageText(page.body), /Calderbrook Repair Café|Basic DBS check: checked/);
    const accept = await wendy.agent.post(`${personPage(walkingId)}/shared/${sourceCheckId}`, { decision: 'accept' });
    assert.equal(accept.statusCode, 422);
    assert.deepEqual(await checksAt(walkingId), []);
    // Nor can she look at Age Friendly's view of him.
    assert.equal((await wendy.agent.get(personPage(ageFriendlyId))).statusCode, 403);
  });

  test('Grace may decline: nothing changes but the audit', async () => {
    const declined = await grace.post(`${personPage(ageFriendlyId)}/shared/${sourceCheckId}`, { decision: 'decline' });
    assert.equal(declined.statusCode, 303);
    assert.deepEqual(await checksAt(ageFriendlyId), []);
    assert.deepEqual(await audited('volunteers.sharedCheckDeclined'), [sourceCheckId]);
    const unanswered = await grace.post(`${personPage(ageFriendlyId)}/shared/${sourceCheckId}`, {});
    assert.equal(unanswered.statusCode, 400);
    assert.equal(fieldErrors(unanswered.body).shared, 'Choose whether to accept the check');
  });

  test('withdrawn, Age Friendly sees nothing at once and accepting fails with nothing written', async () => {
    const withdrawn = await yusuf.post(`${base}/shares/${ageFriendlyId}/withdraw`);
    assert.equal(withdrawn.statusCode, 303);
    assert.doesNotMatch(pageText((await yusuf.get(`${base}/mine`)).body), /Calderbrook can see your checks/);
    assert.deepEqual(await audited('volunteers.checksShareWithdrawn'), [ageFriendlyId]);

    const viewsBefore = (await audited('volunteers.sharedCheckViewed')).length;
    const page = await grace.get(personPage(ageFriendlyId));
    assert.equal(sharedSection(page.body), '');
    assert.doesNotMatch(pageText(page.body), /Calderbrook Repair Café/);
    assert.equal((await audited('volunteers.sharedCheckViewed')).length, viewsBefore);

    const accept = await grace.post(`${personPage(ageFriendlyId)}/shared/${sourceCheckId}`, { decision: 'accept' });
    assert.equal(accept.statusCode, 422);
    assert.match(pageText(accept.body), /The volunteer no longer shares this check with you/);
    assert.deepEqual(await checksAt(ageFriendlyId), []);
    assert.deepEqual(await audited('volunteers.sharedCheckAccepted'), []);
  });

  test('shared again, Grace accepts the check once and confirms Yusuf without a new check', async () => {
    assert.equal((await yusuf.post(`${base}/shares`, { organisation: ageFriendlyId })).statusCode, 303);
    const refused = await grace.post(`${base}/manage/${ageFriendlyId}/signups/${shoppingSignupId}`, {
      action: 'confirm',
      message: '',
    });
    assert.equal(refused.statusCode, 422);
    assert.match(pageText(refused.body), /They cannot be confirmed yet: Basic DBS check not recorded/);

    // A double click: one record.
    const url = `${personPage(ageFriendlyId)}/shared/${sourceCheckId}`;
    const [first, second] = await Promise.all([
      grace.post(url, { decision: 'accept' }, { idempotencyKey: 'accept-once' }),
      grace.post(url, { decision: 'accept' }, { idempotencyKey: 'accept-once' }),
    ]);
    assert.deepEqual([first.statusCode, second.statusCode], [303, 303]);
    const source = (await checksAt(repairId)).find((c) => c.id === sourceCheckId)!;
    const accepted = await checksAt(ageFriendlyId);
    assert.equal(accepted.length, 1);
    assert.deepEqual(
      {
        kind: accepted[0]!.kind,
        checkedOn: accepted[0]!.checked_on,
        expiresOn: accepted[0]!.expires_on,
        source: accepted[0]!.source_check_id,
        recordedBy: accepted[0]!.recorded_by,
        note: accepted[0]!.note,
      },
      {
        kind: 'dbs_basic',
        checkedOn: source.checked_on,
        expiresOn: source.expires_on,
        source: sourceCheckId,
        recordedBy: t.demo.people.coordinator!.id,
        note: '',
      },
    );
    assert.deepEqual(await audited('volunteers.sharedCheckAccepted'), [accepted[0]!.id]);

    const page = pageText((await grace.get(personPage(ageFriendlyId))).body);
    assert.match(
      page,
      /Basic DBS check: checked \d{1,2} \w+ \d{4}, expires \d{1,2} \w+ \d{4} \(accepted from Calderbrook Repair Café\)/,
    );
    assert.equal(sharedSection((await grace.get(personPage(ageFriendlyId))).body), '');

    const confirmed = await grace.post(`${base}/manage/${ageFriendlyId}/signups/${shoppingSignupId}`, {
      action: 'confirm',
      message: '',
    });
    assert.equal(confirmed.statusCode, 303);
    const signup = await db()
      .selectFrom('volunteering_signups')
      .select('status')
      .where('id', '=', shoppingSignupId)
      .executeTakeFirstOrThrow();
    assert.equal(signup.status, 'confirmed');
  });
});
