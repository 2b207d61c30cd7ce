/**
 * The register of Assets of Community Value end to end: a community group nominates,
 * the council decides, the owner gives notice of sale, a group asks to bid, and every
 * date follows (STANDARDS.md). Refusals come back beside the field that caused them.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { auditEventsForPlace } from '../../platform/audit/index.js';
import { Agent, fieldErrors, pageText, startTestKith, type TestKith } from '../../testing.js';
import { organisationSummaries } from '../directory/index.js';
import { lastDayOfMonths, listingLastDay } from './acv-dates.js';
import { acvHistory, decide, nominate, recordBidder, recordNoticeOfSale } from './acv.js';
import { addAsset } from './inventory.js';
import { dayText } from './present.js';
import { AssetInput } from './inputs.js';
import { addDays, todayInPlace } from '../../platform/dates.js';

let t: TestKith;
let placeId: string;
let groups: Map<string, string>;
const base = '/places/calderbrook/assets';
const agent = {} as Record<'organiser' | 'admin' | 'officer' | 'resident', Agent>;

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

async function newHall(name: string): Promise<string> {
  return addAsset(t.kith, {
    placeId,
    personId: t.demo.people.admin!.id,
    input: AssetInput.parse({
      kind: 'physical',
      name,
      description: 'A hall people use',
      postcode: 'KL6 2YZ',
      visibility: 'public',
    }),
  });
}

const dateFields = (name: string, date: string) => {
  const [year, month, day] = date.split('-');
  return { [`${name}-day`]: String(Number(day)), [`${name}-month`]: String(Number(month)), [`${name}-year`]: year! };
};

describe('nominating, listing and selling, in the browser', () => {
  test('an organiser nominates for their group; an admin lists it; a notice and a bidder set the moratorium dates', async () => {
    const assetId = await newHall('Wharfside Chapel');
    const today = todayInPlace();
    const day = (d: string) => dayText(d, 'en');

    // Nothing chosen: the error summary and a message beside each field.
    const empty = await agent.organiser.post(`${base}/community-value/nominate`, {});
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /There is a problem/);
    assert.deepEqual(fieldErrors(empty.body), {
      asset: 'Select the asset to nominate',
      organisation: 'Select the group that is nominating it',
      reasons: 'Enter why the asset matters to the community',
    });

    // A group the organiser does not organise is refused beside the group.
    const notTheirs = await agent.organiser.post(`${base}/community-value/nominate`, {
      asset: assetId,
      organisation: groups.get('Calderbrook Together')!,
      reasons: 'It matters.',
    });
    assert.equal(notTheirs.statusCode, 422);
    assert.equal(fieldErrors(notTheirs.body).organisation, 'Choose a group you organise');

    const form = await agent.organiser.get(`${base}/community-value/nominate?asset=${assetId}`);
    assert.match(form.body, /Friends of Calder Park/);
    assert.doesNotMatch(form.body, /Calderbrook Together/, 'only their own groups are offered');

    const sent = await agent.organiser.post(`${base}/community-value/nominate`, {
      asset: assetId,
      organisation: groups.get('Friends of Calder Park')!,
      reasons: 'The only hall in Wharfside.',
    });
    assert.equal(sent.statusCode, 303);
    assert.match(sent.headers.location as string, new RegExp(`${base}/${assetId}#acv-`));
    const acvId = /#acv-(.+)$/.exec(sent.headers.location as string)![1]!;
    const nominated = pageText((await agent.organiser.get(`${base}/${assetId}`)).body);
    assert.match(nominated, /Nominated Decision due by/);
    assert.match(nominated, new RegExp(`Nominated ${day(today)} by Friends of Calder Park`));
    assert.doesNotMatch(nominated, /Record the council’s decision/, 'organisers do not decide');

    const again = await agent.admin.post(`${base}/community-value/nominate`, {
      asset: assetId,
      organisation: groups.get('Calderbrook Together')!,
      reasons: 'Again.',
    });
    assert.equal(fieldErrors(again.body).asset, 'Wharfside Chapel is already nominated or listed');

    // Only the council decides.
    assert.equal((await agent.resident.post(`${base}/community-value/${acvId}/decision`, {})).statusCode, 403);
    assert.equal((await agent.organiser.get(`${base}/community-value/${acvId}/decision`)).statusCode, 403);

    const noDecision = await agent.admin.post(`${base}/community-value/${acvId}/decision`, {});
    assert.deepEqual(fieldErrors(noDecision.body), {
      outcome: 'Select what the council decided',
      decidedOn: 'Enter the date of the decision',
      reason: 'Enter the reason for the decision',
    });
    assert.match(noDecision.body, /href="#decidedOn-day"/, 'the summary links to the first box of the date');
    const unreal = await agent.admin.post(`${base}/community-value/${acvId}/decision`, {
      outcome: 'listed',
      reason: 'It matters.',
      'decidedOn-day': '31',
      'decidedOn-month': '2',
      'decidedOn-year': '2026',
    });
    assert.equal(fieldErrors(unreal.body).decidedOn, 'The date must be a real date, like 27 3 2026');
    const future = await agent.admin.post(`${base}/community-value/${acvId}/decision`, {
      outcome: 'listed',
      reason: 'It matters.',
      ...dateFields('decidedOn', addDays(today, 3)),
    });
    assert.equal(fieldErrors(future.body).decidedOn, 'The date must be today or in the past');
    const early = await agent.admin.post(`${base}/community-value/${acvId}/decision`, {
      outcome: 'listed',
      reason: 'It matters.',
      ...dateFields('decidedOn', addDays(today, -1)),
    });
    assert.equal(early.statusCode, 422);
    assert.equal(fieldErrors(early.body).decidedOn, `The decision cannot be before the nomination, on ${day(today)}`);

    const listed = await agent.admin.post(`${base}/community-value/${acvId}/decision`, {
      outcome: 'listed',
      reason: 'It is the heart of Wharfside.',
      ...dateFields('decidedOn', today),
    });
    assert.equal(listed.statusCode, 303);
    let page = pageText((await agent.admin.get(`${base}/${assetId}`)).body);
    assert.match(page, /The asset is listed for 5 years\./);
    assert.match(page, new RegExp(`Listed Listed until ${day(listingLastDay(today))}`));
    assert.match(page, new RegExp(`Listed on ${day(today)}: It is the heart of Wharfside\\.`));

    // The owner's notice, recorded by an officer, starts the interim moratorium.
    assert.equal(
      (await agent.officer.post(`${base}/community-value/${acvId}/notice`, dateFields('notifiedOn', today))).statusCode,
      303,
    );
    page = pageText((await agent.officer.get(`${base}/${assetId}`)).body);
    assert.match(page, new RegExp(`Interim moratorium Until ${day(addDays(today, 41))}`));
    assert.match(page, new RegExp(`Interim moratorium ${day(today)} to ${day(addDays(today, 41))}`));
    assert.match(
      page,
      new RegExp(`No community group has asked to bid\\. A group can ask until ${day(addDays(today, 41))}\\.`),
    );
    assert.match(page, new RegExp(`Protected period ${day(today)} to ${day(lastDayOfMonths(today, 18))}`));

    const noGroup = await agent.officer.post(
      `${base}/community-value/${acvId}/bidder`,
      dateFields('requestedOn', today),
    );
    assert.equal(fieldErrors(noGroup.body).group, 'Enter the name of the group');
    assert.equal(
      (
        await agent.officer.post(`${base}/community-value/${acvId}/bidder`, {
          ...dateFields('requestedOn', today),
          group: 'Wharfside Chapel Trust',
        })
      ).statusCode,
      303,
    );
    page = pageText((await agent.resident.get(`${base}/${assetId}`)).body);
    assert.match(page, new RegExp(`Full moratorium Until ${day(lastDayOfMonths(today, 6))}`));
    assert.match(page, new RegExp(`Wharfside Chapel Trust asked to bid on ${day(today)}`));
    assert.match(page, new RegExp(`Full moratorium ${day(today)} to ${day(lastDayOfMonths(today, 6))}`));
    assert.doesNotMatch(page, /Record a notice/, 'residents see the dates, not the council’s forms');

    const again2 = await agent.officer.post(`${base}/community-value/${acvId}/bidder`, {
      ...dateFields('requestedOn', today),
      group: 'Another group',
    });
    assert.equal(fieldErrors(again2.body).requestedOn, 'A community group has already asked to bid after this notice');

    // The map and the register show it with its dates.
    const map = pageText((await agent.resident.get(`${base}?kind=physical&postcode=KL6+2YZ&distance=1`)).body);
    assert.match(map, new RegExp(`Wharfside Chapel Space, building or land Full moratorium`));
    assert.match(map, new RegExp(`Full moratorium: Until ${day(lastDayOfMonths(today, 6))}`));
    const register = pageText((await agent.resident.get(`${base}/community-value`)).body);
    assert.match(
      register,
      new RegExp(
        `Wharfside Chapel Full moratorium Until ${day(lastDayOfMonths(today, 6))} Nominated by Friends of Calder Park Postcode KL6 2YZ`,
      ),
    );

    const actions = (await auditEventsForPlace(t.kith.db.kysely, placeId, { limit: 50, offset: 0 })).events
      .filter((e) => e.subjectId === acvId)
      .map((e) => e.action);
    assert.deepEqual(actions.sort(), [
      'assetMap.acvBidderRecorded',
      'assetMap.acvListed',
      'assetMap.acvNominated',
      'assetMap.acvNoticeRecorded',
    ]);
  });

  test('a business cannot nominate, even through an admin', async () => {
    const assetId = await newHall('Old Co-op Hall');
    const response = await agent.admin.post(`${base}/community-value/nominate`, {
      asset: assetId,
      organisation: groups.get('Calderbrook Leisure Trust')!,
      reasons: 'It matters.',
    });
    assert.equal(
      fieldErrors(response.body).organisation,
      'Calderbrook Leisure Trust cannot nominate: a nomination must come from a community group or charity',
    );
  });

  test('a listing is removed with a date and a reason, and can be nominated again', async () => {
    const assetId = await newHall('Hollinby Reading Room');
    const acvId = await nominate(t.kith, {
      placeId,
      personId: t.demo.people.admin!.id,
      input: { asset: assetId, organisation: groups.get('Calderbrook Together')!, reasons: 'Used every day.' },
      mayNominateFor: () => true,
      nominatedOn: '2025-01-06',
    });
    await decide(t.kith, {
      placeId,
      personId: t.demo.people.officer!.id,
      acvId,
      input: { outcome: 'listed', decidedOn: '2025-02-10', reason: 'It matters.' },
    });
    const early = await agent.admin.post(`${base}/community-value/${acvId}/removal`, {
      ...dateFields('removedOn', '2025-02-01'),
      reason: 'Appeal allowed.',
    });
    assert.equal(
      fieldErrors(early.body).removedOn,
      'The removal cannot be before the asset was listed, on 10 February 2025',
    );
    assert.equal(
      (
        await agent.admin.post(`${base}/community-value/${acvId}/removal`, {
          ...dateFields('removedOn', '2025-05-01'),
          reason: 'Appeal allowed.',
        })
      ).statusCode,
      303,
    );
    const page = pageText((await agent.admin.get(`${base}/${assetId}`)).body);
    assert.match(page, /Removed Removed 1 May 2025/);
    assert.match(page, /Removed from the list 1 May 2025: Appeal allowed\./);
    assert.match(page, /Nominate it as an Asset of Community Value/);
  });
});

describe('the moratorium rules, through the commands', () => {
  test('a bidder request after the interim moratorium is refused; a second notice in the protected period starts nothing', async () => {
    const assetId = await newHall('Canal Street Chapel');
    const admin = t.demo.people.admin!.id;
    const acvId = await nominate(t.kith, {
      placeId,
      personId: admin,
      input: { asset: assetId, organisation: groups.get('Calderbrook Together')!, reasons: 'Used every day.' },
      mayNominateFor: () => true,
      nominatedOn: '2025-01-06',
    });
    await decide(t.kith, {
      placeId,
      personId: admin,
      acvId,
      input: { outcome: 'listed', decidedOn: '2025-02-10', reason: 'It matters.' },
    });

    // No notice yet: nothing to bid against.
    await assert.rejects(
      recordBidder(t.kith, { placeId, personId: admin, acvId, requestedOn: '2025-06-03', group: 'Friends' }),
      { key: 'assets.acv.bidder.noNotice' },
    );
    await assert.rejects(recordNoticeOfSale(t.kith, { placeId, personId: admin, acvId, notifiedOn: '2025-02-01' }), {
      key: 'assets.acv.notice.beforeListing',
    });
    assert.deepEqual(await recordNoticeOfSale(t.kith, { placeId, personId: admin, acvId, notifiedOn: '2025-06-02' }), {
      startsMoratorium: true,
    });
    // Six weeks beginning with 2 June end on 13 July.
    await assert.rejects(
      recordBidder(t.kith, { placeId, personId: admin, acvId, requestedOn: '2025-07-14', group: 'Friends' }),
      { key: 'assets.acv.bidder.afterInterim', params: { notice: '2025-06-02', last: '2025-07-13' } },
    );
    await assert.rejects(
      recordBidder(t.kith, { placeId, personId: admin, acvId, requestedOn: '2025-06-01', group: 'Friends' }),
      { key: 'assets.acv.bidder.beforeNotice' },
    );
    await recordBidder(t.kith, { placeId, personId: admin, acvId, requestedOn: '2025-07-13', group: 'Friends' });

    // Within the protected period (to 1 December 2026): recorded, no new moratorium, no bidding.
    await assert.rejects(recordNoticeOfSale(t.kith, { placeId, personId: admin, acvId, notifiedOn: '2025-06-01' }), {
      key: 'assets.acv.notice.beforeLatest',
    });
    assert.deepEqual(await recordNoticeOfSale(t.kith, { placeId, personId: admin, acvId, notifiedOn: '2026-03-02' }), {
      startsMoratorium: false,
    });
    await assert.rejects(
      recordBidder(t.kith, { placeId, personId: admin, acvId, requestedOn: '2026-03-03', group: 'Friends' }),
      { key: 'assets.acv.bidder.noMoratorium' },
    );

    const [history] = await acvHistory(t.kith.db.kysely, placeId, assetId, '2026-03-03');
    assert.equal(history!.timeline.standing, 'protected_period');
    assert.deepEqual(
      history!.timeline.notices.map((n) => [n.notifiedOn, n.startsMoratorium, n.moratoriumLastDay]),
      [
        ['2025-06-02', true, '2025-12-01'],
        ['2026-03-02', false, null],
      ],
    );
    const page = pageText((await agent.resident.get(`${base}/${assetId}`)).body);
    assert.match(
      page,
      /Notice of intent to sell 2 March 2026: within the protected period that runs until 1 December 2026, so no new moratorium/,
    );
    assert.match(page, /Friends asked to bid on 13 July 2025/);
    const actions = (await auditEventsForPlace(t.kith.db.kysely, placeId, { limit: 100, offset: 0 })).events
      .filter((e) => e.subjectId === acvId)
      .map((e) => e.action);
    assert.ok(actions.includes('assetMap.acvNoticeInProtectedPeriod'));
  });

  test('the demo’s Angler’s Rest is listed, under a full moratorium after a notice and a community bid', async () => {
    const register = pageText((await new Agent(t).get(`${base}/community-value`)).body);
    assert.match(
      register,
      /The Angler’s Rest Full moratorium Until \d+ \w+ \d{4} Nominated by Calderbrook Together Postcode KL2 3ST/,
    );
    assert.match(
      register,
      /The Old Baths, Mill Street Nominated Decision due by \d+ \w+ \d{4} Nominated by Calderbrook Local History Society/,
    );
    assert.match(
      register,
      /Calderbrook Golf Club clubhouse Not listed Decided \d+ \w+ \d{4} Nominated by Calderbrook Walking Group/,
    );
  });
});
