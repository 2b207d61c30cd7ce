/**
 * Community asset transfer end to end, as the people involved see it: an officer opens
 * a transfer of a council library, community groups express interest, the shortlisted
 * send business cases, residents give their views, the council decides with reasons,
 * publishes terms and hands the library over; the timeline is public throughout.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { auditEventsForPlace } from '../../platform/audit/index.js';
import {
  Agent,
  fieldErrors,
  newMember,
  pageText,
  queuedEmailsTo,
  startTestKith,
  type TestKith,
} from '../../testing.js';
import { organisationSummaries } from '../directory/index.js';
import { insertNomination, recordDecision } from './acv-store.js';
import { addAsset } from './inventory.js';
import { AssetInput } from './inputs.js';
import { sendInterest } from './transfer.js';
import { InterestInput } from './transfer-inputs.js';
import { addDays, todayInPlace } from '../../platform/dates.js';

let t: TestKith;
let placeId: string;
let groups: Map<string, string>;
const base = '/places/calderbrook/assets';
const agent = {} as Record<'organiser' | 'admin' | 'officer' | 'resident', Agent>;
const anonymous = () => new Agent(t);

before(async () => {
  t = await startTestKith({ demo: true });
  placeId = t.demo.places.calderbrook!.id;
  groups = new Map((await organisationSummaries(t.kith.db.kysely, placeId)).map((o) => [o.name, o.id]));
  for (const who of ['organiser', 'admin', 'officer', 'resident'] as const) {
    agent[who] = new Agent(t);
    await agent[who].signIn(`${who}@calderbrook.example`, t.demo.password);
  }
});
after(() => t.close());

async function councilLibrary(name: string): Promise<string> {
  return addAsset(t.kith, {
    placeId,
    personId: t.demo.people.officer!.id,
    input: AssetInput.parse({
      kind: 'physical',
      name,
      description: 'A branch library with a community room',
      organisation: groups.get('Calderbrook Council Libraries')!,
      postcode: 'KL6 2YZ',
      visibility: 'public',
    }),
  });
}

const dateFields = (name: string, date: string) => {
  const [year, month, day] = date.split('-');
  return { [`${name}-day`]: String(Number(day)), [`${name}-month`]: String(Number(month)), [`${name}-year`]: year! };
};

async function open(assetId: string, closesOn = todayInPlace()): Promise<string> {
  const opened = await agent.officer.post(`${base}/${assetId}/transfer`, {
    summary: 'The council is offering the library to a community group on a long lease.',
    ...dateFields('interestClosesOn', closesOn),
  });
  assert.equal(opened.statusCode, 303, 'the officer opens the transfer');
  return /transfers\/([^/#?]+)$/.exec(opened.headers.location as string)![1]!;
}

/** The emails queued for a person, subject and body alike. */
const mailsTo = (personId: string) => queuedEmailsTo(t, personId);

describe('a council library from expression of interest to handover', () => {
  test('every stage over HTTP with the roles that take it; the timeline is public and names no resident', async () => {
    const assetId = await councilLibrary('Hollinby Branch Library');
    const assetPage = pageText((await agent.officer.get(`${base}/${assetId}`)).body);
    assert.match(
      assetPage,
      /Start a community asset transfer/,
      'officers are offered a transfer of a council building',
    );
    assert.doesNotMatch(
      pageText((await agent.resident.get(`${base}/${assetId}`)).body),
      /Start a community asset transfer/,
      'residents are not',
    );

    const empty = await agent.officer.post(`${base}/${assetId}/transfer`, {});
    assert.equal(empty.statusCode, 400, 'nothing filled in is refused');
    assert.deepEqual(fieldErrors(empty.body), {
      summary: 'Enter a summary of the transfer',
      interestClosesOn: 'Enter the closing date for expressions of interest',
    });
    const id = await open(assetId, addDays(todayInPlace(), 14));
    const href = `${base}/transfers/${id}`;

    // A resident cannot move a stage.
    assert.equal((await agent.resident.post(`${href}/shortlist`, {})).statusCode, 403, 'residents cannot shortlist');
    assert.equal((await agent.organiser.get(`${href}/decision`)).statusCode, 403, 'organisers cannot decide');

    // Two groups express interest; the organiser speaks only for their own.
    const notTheirs = await agent.organiser.post(`${href}/interest`, {
      organisation: groups.get('Calderbrook Together')!,
      whoWeAre: 'Neighbours',
      whatWeWouldDo: 'Run it',
      communityBenefit: 'Books',
    });
    assert.equal(fieldErrors(notTheirs.body).organisation, 'Choose a group you organise');
    const friends = await agent.organiser.post(`${href}/interest`, {
      organisation: groups.get('Friends of Calder Park')!,
      whoWeAre: 'A charity of 200 members who already run the park café.',
      whatWeWouldDo: 'Keep the library open six days with volunteers and a paid manager.',
      communityBenefit: 'Books, computers and a warm room for everyone in Hollinby.',
    });
    assert.equal(friends.statusCode, 303, 'the organiser sends an expression of interest');
    const together = await agent.admin.post(`${href}/interest`, {
      organisation: groups.get('Calderbrook Together')!,
      whoWeAre: 'A residents’ network',
      whatWeWouldDo: 'A community hub',
      communityBenefit: 'A place to meet',
    });
    assert.equal(together.statusCode, 303, 'an admin sends one for another group');
    let timeline = pageText((await anonymous().get(href)).body);
    assert.match(timeline, /Expressions of interest .*2 groups/, 'anyone sees how many groups expressed interest');

    // The officer shortlists Friends of Calder Park; the group is emailed and sends its case.
    const shortlistForm = await agent.officer.get(`${href}/shortlist`);
    const friendsInterest = new RegExp(`value="([^"]+)"[^>]*>\\s*<label[^>]*>\\s*Friends of Calder Park`).exec(
      shortlistForm.body,
    )?.[1];
    assert.ok(friendsInterest, 'the shortlist offers each group that expressed interest');
    assert.equal(
      (await agent.officer.post(`${href}/shortlist`, { interests: friendsInterest })).statusCode,
      303,
      'the officer publishes the shortlist',
    );
    const organiserId = t.demo.people.organiser!.id;
    assert.ok(
      (await mailsTo(organiserId)).some((m) => m.includes('has moved on')),
      'the group that expressed interest is emailed when the stage moves',
    );
    assert.equal(
      (await agent.organiser.post(`${href}/interests/${friendsInterest}/withdraw`)).statusCode,
      303,
      'a withdrawal after shortlisting only says interest has closed',
    );
    const caseHref = `${href}/interests/${friendsInterest}/case`;
    const firstCase = {
      plan: 'Open six days a week.',
      finance: 'Grants and a café.',
      governance: 'A charity with eight trustees.',
      beneficiaries: 'Families and older people in Hollinby.',
    };
    assert.equal(
      (await agent.organiser.post(caseHref, firstCase)).statusCode,
      303,
      'the group sends its business case',
    );
    const changes = await agent.officer.post(`${href}/interests/${friendsInterest}/changes`, {
      note: 'Please show three years of figures.',
    });
    assert.equal(changes.statusCode, 303, 'the officer asks for changes');
    assert.ok(
      (await mailsTo(organiserId)).some((m) => m.includes('Please show three years of figures.')),
      'the group is emailed what to change',
    );
    assert.match(
      pageText((await agent.organiser.get(href)).body),
      /The council asked for changes: Please show three years/,
    );
    assert.equal(
      (await agent.organiser.post(caseHref, { ...firstCase, finance: 'Three years: grants, café and room hire.' }))
        .statusCode,
      303,
      'the group sends its case again',
    );

    // Residents give their views, once each.
    assert.equal((await agent.officer.post(`${href}/views`, {})).statusCode, 303, 'the officer opens views');
    const viewHref = `${href}/interests/${friendsInterest}/view`;
    const noStance = await agent.resident.post(viewHref, {});
    assert.deepEqual(fieldErrors(noStance.body), { stance: 'Select what you think', comment: 'Enter why' });
    const first = await agent.resident.post(viewHref, { stance: 'support', comment: 'We need the library.' });
    assert.equal(first.statusCode, 303, 'a resident gives their view');
    timeline = pageText((await anonymous().get(href)).body);
    assert.match(timeline, /Fewer than 5 residents have given their views so far/, 'one view is not shown as a number');
    for (let i = 0; i < 4; i++) {
      const neighbour = await newMember(t, placeId, `Hollinby Neighbour ${i}`);
      await neighbour.agent.post(viewHref, { stance: 'support', comment: 'Keep it open.' });
    }
    const again = await agent.resident.post(viewHref, { stance: 'support', comment: 'Still yes.' });
    assert.equal(again.statusCode, 303, 'giving a view again changes it');
    timeline = pageText((await anonymous().get(href)).body);
    assert.match(timeline, /5 in support/, 'five residents support it: the second view of one counts once');
    assert.doesNotMatch(timeline, /6 in support/, 'no one is counted twice');
    assert.doesNotMatch(
      timeline,
      /Hollinby Neighbour|Edna Price|We need the library|Keep it open/,
      'no resident is named or quoted',
    );

    // The decision needs reasons, beside the field.
    const noReasons = await agent.officer.post(`${href}/decision`, { choice: friendsInterest });
    assert.equal(noReasons.statusCode, 400, 'a decision without reasons is refused');
    assert.deepEqual(fieldErrors(noReasons.body), { reasons: 'Enter the reasons for the decision' });
    assert.match(noReasons.body, /There is a problem/, 'with the error summary');
    const decided = await agent.officer.post(`${href}/decision`, {
      choice: friendsInterest,
      reasons: 'The strongest business case and wide support from residents.',
    });
    assert.equal(decided.statusCode, 303, 'the officer records the decision');
    assert.ok(
      (await mailsTo(organiserId)).some((m) => m.includes('will go to Friends of Calder Park')),
      'the groups are emailed the decision',
    );
    const repeat = await agent.officer.post(`${href}/decision`, { choice: 'none', reasons: 'Changed our minds.' });
    assert.equal(repeat.statusCode, 422, 'a decision cannot be taken again');
    assert.equal(fieldErrors(repeat.body).choice, 'The transfer is not at the stage before this one');

    const terms = await agent.officer.post(`${href}/terms`, {
      tenure: 'lease',
      termYears: '25',
      rent: '1',
      conditions: 'Kept open as a library at least 30 hours a week.',
    });
    assert.equal(terms.statusCode, 303, 'the officer publishes the terms');
    const handover = await agent.officer.post(`${href}/handover`, dateFields('handoverOn', todayInPlace()));
    assert.equal(handover.statusCode, 303, 'the officer records the handover');

    timeline = pageText((await anonymous().get(href)).body);
    for (const seen of [
      /Shortlisted Friends of Calder Park/,
      /The asset goes to Friends of Calder Park/,
      /The strongest business case and wide support from residents\./,
      /Lease of 25 years/,
      /£1\.00 a year/,
      /Looked after by Friends of Calder Park/,
    ])
      assert.match(timeline, seen, `the public timeline shows ${seen.source}`);

    // The asset page shows its new steward, and the group's organisers can list its spaces.
    const organiserAsset = pageText((await agent.organiser.get(`${base}/${assetId}`)).body);
    assert.match(organiserAsset, /Looked after by Friends of Calder Park since/);
    assert.match(
      (await agent.organiser.get(`${base}/${assetId}`)).body,
      /spaces\/new\?organisationId=/,
      'List a space here',
    );
    assert.doesNotMatch(pageText((await agent.resident.get(`${base}/${assetId}`)).body), /List a space here/);

    const audited = (await auditEventsForPlace(t.kith.db.kysely, placeId, { limit: 200, offset: 0 })).events.map(
      (e) => e.action,
    );
    for (const action of ['assetMap.transferShortlisted', 'assetMap.transferDecided', 'assetMap.transferHandedOver'])
      assert.ok(audited.includes(action), `${action} is audited`);

    assert.equal(
      (await agent.officer.post(`${href}/withdraw`, { reason: 'Too late' })).statusCode,
      422,
      'a handed-over transfer cannot be withdrawn',
    );
    assert.match(
      pageText((await anonymous().get(`${base}/transfers`)).body),
      /Hollinby Branch Library/,
      'the place lists its transfers',
    );
  });

  test('expressions of interest after the closing date are refused', async () => {
    const assetId = await councilLibrary('Wharfside Reading Room');
    const id = await open(assetId);
    const input = InterestInput.parse({
      organisation: groups.get('Friends of Calder Park')!,
      whoWeAre: 'Us',
      whatWeWouldDo: 'Run it',
      communityBenefit: 'Reading',
    });
    // Before the closing date a group may withdraw its expression of interest.
    const href = `${base}/transfers/${id}`;
    assert.equal((await agent.organiser.post(`${href}/interest`, input)).statusCode, 303, 'sent on the closing day');
    assert.match(pageText((await anonymous().get(href)).body), /Expressions of interest 1 group/);
    const mine = /interests\/([^/]+)\/withdraw/.exec((await agent.organiser.get(href)).body)?.[1];
    assert.ok(mine, 'the organiser is offered a withdrawal');
    assert.equal((await agent.organiser.post(`${href}/interests/${mine}/withdraw`)).statusCode, 303);
    assert.match(pageText((await anonymous().get(href)).body), /Expressions of interest 0 groups/, 'it is withdrawn');
    await assert.rejects(
      sendInterest(t.kith, {
        placeId,
        personId: t.demo.people.organiser!.id,
        transferId: id,
        input,
        mayActFor: () => true,
        today: addDays(todayInPlace(), 1),
      }),
      (e: { key?: string }) => e.key === 'assets.transfer.interest.closed',
      'the day after the closing date, interest is refused',
    );
    // A listed Asset of Community Value: its transfer links to the register entry.
    const acvId = await insertNomination(t.kith.db.kysely, {
      placeId,
      assetId,
      organisationId: groups.get('Friends of Calder Park')!,
      organisationName: 'Friends of Calder Park',
      nominatedBy: null,
      nominatedOn: addDays(todayInPlace(), -30),
      reasons: 'The reading room matters',
    });
    await recordDecision(t.kith.db.kysely, placeId, acvId, {
      status: 'listed',
      decidedOn: addDays(todayInPlace(), -20),
      reason: 'Furthers social wellbeing',
      decidedBy: null,
    });
    const listed = await anonymous().get(`${base}/transfers/${id}`);
    assert.match(pageText(listed.body), /This is a listed Asset of Community Value\. See its entry in the register/);
    assert.match(
      listed.body,
      new RegExp(`href="${base}/${assetId}#acv-${acvId}"`),
      'the link goes to the register entry',
    );

    const past = await agent.officer.post(`${base}/${await councilLibrary('Old Mill Library')}/transfer`, {
      summary: 'A library',
      ...dateFields('interestClosesOn', addDays(todayInPlace(), -1)),
    });
    assert.equal(fieldErrors(past.body).interestClosesOn, 'The closing date must be today or later');
  });
});
