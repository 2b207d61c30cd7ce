import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Agent, fieldErrors, pageText, startTestKith, type TestKith } from '../../testing.js';
import type { TimebankDemo } from './demo.js';
import { verifyLedger } from './ledger.js';
import { findAccountByNumber, findAccountOf } from './store.js';

let t: TestKith;
let tb: TimebankDemo;
let placeId: string;
const base = '/places/calderbrook/time-credits';

before(async () => {
  t = await startTestKith({ demo: true });
  tb = t.demo.timebank as TimebankDemo;
  placeId = t.demo.places.calderbrook!.id;
});
after(() => t.close());

async function as(key: string): Promise<Agent> {
  const agent = new Agent(t);
  await agent.signIn(t.demo.people[key]!.email, t.demo.password);
  return agent;
}
const balanceOf = async (key: string) =>
  (await findAccountOf(t.kith.db.kysely, placeId, 'person', t.demo.people[key]!.id))!.balance;
const count = async () =>
  Number(
    (
      await t.kith.db.kysely
        .selectFrom('time_transfers')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('a member’s time credits', () => {
  test('shows the balance and member number, and the statement with a running balance', async () => {
    const edna = await as('resident');
    const home = pageText((await edna.get(base)).body);
    assert.match(home, /You have 4 hours/);
    assert.match(home, new RegExp(`Your member number: ${tb.numbers.resident}`));
    const account = (await findAccountOf(t.kith.db.kysely, placeId, 'person', t.demo.people.resident!.id))!;
    const statement = pageText((await edna.get(`${base}/accounts/${account.id}`)).body);
    assert.match(statement, /Balance: 4 hours/);
    assert.match(
      statement,
      /Volunteering: Watering through the heatwave Calderbrook Community Garden \+4 hours 4 hours/,
    );
  });

  test('paying another member: mistakes beside the fields, a floor refused in plain words, and a double click counted once', async () => {
    const harold = await as('retiredTeacher');
    const empty = await harold.post(`${base}/pay`, {});
    assert.equal(empty.statusCode, 400);
    assert.deepEqual(fieldErrors(empty.body), {
      number: 'Enter the member number',
      duration: 'Enter how long, in hours and minutes',
    });
    assert.match(empty.body, /govuk-error-summary/);

    const before = await count();
    const tooMuch = await harold.post(`${base}/pay`, { number: tb.numbers.youngResident!, hours: '9' });
    assert.equal(tooMuch.statusCode, 422);
    assert.match(
      pageText(tooMuch.body),
      /There are not enough credits: the account has 2 hours 30 minutes, this needs 9 hours, and it cannot go below 0 hours\. Nothing was moved\./,
    );
    assert.equal(await count(), before);

    const self = await harold.post(`${base}/pay`, { number: tb.numbers.retiredTeacher!, hours: '1' });
    assert.match(fieldErrors(self.body).number!, /not your own/);
    const unknown = await harold.post(`${base}/pay`, { number: '999999', hours: '1' });
    assert.match(fieldErrors(unknown.body).number!, /no member using time credits/);

    const kemi = await balanceOf('youngResident');
    const first = await harold.post(
      `${base}/pay`,
      { number: tb.numbers.youngResident!, minutes: '30', note: 'Thanks for the help' },
      { idempotencyKey: 'same-click' },
    );
    const second = await harold.post(
      `${base}/pay`,
      { number: tb.numbers.youngResident!, minutes: '30', note: 'Thanks for the help' },
      { idempotencyKey: 'same-click' },
    );
    assert.equal(first.statusCode, 303);
    assert.equal(second.statusCode, 303);
    assert.equal(await count(), before + 1);
    assert.equal(await balanceOf('youngResident'), kemi + 30);
  });

  test('stopping hides the balance but keeps the history; starting again brings it back', async () => {
    const yusuf = await as('newArrival');
    const account = (await findAccountOf(t.kith.db.kysely, placeId, 'person', t.demo.people.newArrival!.id))!;
    await yusuf.post(`${base}/leave`);
    const home = pageText((await yusuf.get(base)).body);
    assert.doesNotMatch(home, /You have \d/);
    assert.match(home, /You stopped using time credits/);
    const statement = pageText((await yusuf.get(`${base}/accounts/${account.id}`)).body);
    assert.match(statement, /balance is hidden/);
    assert.match(statement, /Fixing bicycles/);
    assert.doesNotMatch(statement, /Balance:/);
    // A coordinator still sees it, to keep the ledger right.
    assert.match(pageText((await (await as('coordinator')).get(`${base}/accounts/${account.id}`)).body), /Balance:/);
    // Nobody can pay someone who stopped.
    const paid = await (await as('retiredTeacher')).post(`${base}/pay`, { number: account.number!, minutes: '5' });
    assert.match(fieldErrors(paid.body).number!, /no member using time credits/);
    await yusuf.post(`${base}/join`);
    assert.match(pageText((await yusuf.get(base)).body), /You have 30 minutes/);
  });
});

describe('partners', () => {
  test('the partner redeems with the member number and learns nothing else about the member', async () => {
    const lisa = await as('partner');
    const counter = `${base}/partners/${tb.partners.picturehouse}`;
    const maureen = await balanceOf('gardener');
    const done = await lisa.post(`${counter}/redeem`, {
      number: tb.numbers.gardener!,
      reward: tb.rewards.ticket!,
      quantity: '1',
    });
    assert.equal(done.statusCode, 303);
    const page = await lisa.get(done.headers.location as string);
    const text = pageText(page.body);
    assert.match(text, new RegExp(`Reward redeemed Member number ${tb.numbers.gardener}`));
    assert.doesNotMatch(text, /Maureen|O’Connell|maureen@/);
    assert.equal(await balanceOf('gardener'), maureen - 60);

    const broke = await lisa.post(`${counter}/redeem`, {
      number: tb.numbers.gardener!,
      reward: tb.rewards.ticket!,
      quantity: '20',
    });
    assert.equal(fieldErrors(broke.body).number, 'This member does not have enough credits for that reward');
    assert.doesNotMatch(pageText(broke.body), /account has|needs/i);

    const report = (await findAccountOf(t.kith.db.kysely, placeId, 'partner', tb.partners.picturehouse!))!;
    const statement = pageText((await lisa.get(`${base}/accounts/${report.id}`)).body);
    assert.match(statement, /Redemptions report/);
    assert.match(statement, new RegExp(`Member number ${tb.numbers.gardener}`));
    assert.doesNotMatch(statement, /Maureen/);
    const csv = await lisa.get(`${base}/accounts/${report.id}/statement.csv`);
    assert.match(csv.headers['content-type'] as string, /text\/csv/);
    assert.doesNotMatch(csv.body, /Maureen/);

    const member = (await findAccountByNumber(t.kith.db.kysely, placeId, tb.numbers.gardener!))!;
    assert.equal((await lisa.get(`${base}/accounts/${member.id}`)).statusCode, 403);
  });
});

describe('groups, coordinators and officers', () => {
  test('an organiser gives credits from the group; a group that chose not to cannot', async () => {
    const tom = await as('organiser');
    const done = await tom.post(`${base}/groups/${tb.groups.garden}/issue`, {
      number: tb.numbers.carer!,
      hours: '1',
      note: 'Seed sowing',
    });
    assert.equal(done.statusCode, 303);
    assert.equal(await balanceOf('carer'), 60);
    assert.equal((await (await as('resident')).get(`${base}/groups/${tb.groups.garden}`)).statusCode, 403);
    const maureen = await as('gardener');
    const refused = await maureen.post(`${base}/groups/${tb.groups.knitting}/issue`, {
      number: tb.numbers.carer!,
      hours: '1',
      note: 'Knitting',
    });
    assert.equal(refused.statusCode, 422);
    // The group's own choice, made by its organiser: it can start, and stop again.
    await maureen.post(`${base}/groups/${tb.groups.knitting}/choice`, { issues: 'yes' });
    assert.match(
      pageText((await maureen.get(`${base}/groups/${tb.groups.knitting}`)).body),
      /Give credits to a volunteer/,
    );
    await maureen.post(`${base}/groups/${tb.groups.knitting}/choice`, { issues: 'no' });
    assert.equal((await tom.post(`${base}/groups/${tb.groups.knitting}/choice`, { issues: 'yes' })).statusCode, 403);
  });

  test('a coordinator reverses a mistaken transfer with a reason; the statement shows both, once', async () => {
    const grace = await as('coordinator');
    const transfer = await t.kith.db.kysely
      .selectFrom('time_transfers')
      .select('id')
      .where('description', '=', 'Seed sowing')
      .executeTakeFirstOrThrow();
    const noReason = await grace.post(`${base}/transfers/${transfer.id}/reverse`, {});
    assert.deepEqual(fieldErrors(noReason.body), { reason: 'Enter why this is being reversed' });
    const done = await grace.post(`${base}/transfers/${transfer.id}/reverse`, {
      reason: 'Joanne was at the knitting circle, not the garden',
    });
    assert.equal(done.statusCode, 303);
    assert.equal(await balanceOf('carer'), 0);
    const again = await grace.post(`${base}/transfers/${transfer.id}/reverse`, { reason: 'twice' });
    assert.equal(again.statusCode, 422);
    const joanne = (await findAccountOf(t.kith.db.kysely, placeId, 'person', t.demo.people.carer!.id))!;
    const statement = pageText((await (await as('carer')).get(`${base}/accounts/${joanne.id}`)).body);
    assert.match(
      statement,
      /Correction to volunteering: Seed sowing .*Reason: Joanne was at the knitting circle, not the garden .*−1 hour 0 hours/,
    );
    assert.match(statement, /Volunteering: Seed sowing Reversed .*\+1 hour 1 hour/);
    assert.equal(
      (await (await as('resident')).post(`${base}/transfers/${transfer.id}/reverse`, { reason: 'x' })).statusCode,
      403,
    );
  });

  test('officers see the place’s totals, and nobody’s account', async () => {
    const samira = await as('officer');
    const totals = pageText((await samira.get(`${base}/totals`)).body);
    assert.match(totals, /Hours given that earned credits/);
    assert.match(totals, /Spent with partners/);
    const edna = (await findAccountOf(t.kith.db.kysely, placeId, 'person', t.demo.people.resident!.id))!;
    assert.equal((await samira.get(`${base}/accounts/${edna.id}`)).statusCode, 403);
    const api = await samira.get('/api/v1/places/calderbrook/time-credits/totals');
    assert.equal(api.statusCode, 200);
    const body = JSON.parse(api.body) as {
      heldByPeople: number;
      issuedByFund: number;
      heldByGroups: number;
      redeemed: number;
    };
    assert.equal(
      body.issuedByFund,
      body.heldByPeople + body.heldByGroups + body.redeemed,
      'every credit the fund issued is held or spent',
    );
  });

  test('an admin can turn credits off: pages say so, nothing moves, history stays', async () => {
    const priya = await as('admin');
    assert.deepEqual(
      fieldErrors((await priya.post(`${base}/manage/settings`, { enabled: 'yes', overdraftHours: '99' })).body),
      { overdraftHours: 'Enter a whole number of hours from 0 to 50' },
    );
    await priya.post(`${base}/manage/settings`, { enabled: 'no', overdraftHours: '0' });
    const edna = await as('resident');
    assert.match(pageText((await edna.get(base)).body), /Calderbrook does not use time credits at the moment/);
    assert.equal((await edna.post(`${base}/pay`, { number: tb.numbers.gardener!, hours: '1' })).statusCode, 422);
    await priya.post(`${base}/manage/settings`, { enabled: 'yes', overdraftHours: '0' });
    assert.match(pageText((await edna.get(base)).body), /You have/);
  });

  test('a statement in CSV neutralises spreadsheet formulas, and erasing someone keeps the ledger whole', async () => {
    const harold = await as('retiredTeacher');
    await harold.post(`${base}/pay`, {
      number: tb.numbers.youngResident!,
      minutes: '1',
      note: '=HYPERLINK("http://evil")',
    });
    const account = (await findAccountOf(t.kith.db.kysely, placeId, 'person', t.demo.people.retiredTeacher!.id))!;
    const csv = (await harold.get(`${base}/accounts/${account.id}/statement.csv`)).body;
    assert.match(csv.split('\r\n')[0]!, /^Date \(UTC\),Kind,Description,With,Credit-minutes,Balance after/);
    assert.match(csv, /"'=HYPERLINK\(""http:\/\/evil""\)"/);
    const data = JSON.parse((await harold.get('/account/data')).body) as {
      timebank: { timeCreditAccounts: Array<{ memberNumber: string; entries: unknown[] }> };
    };
    assert.equal(data.timebank.timeCreditAccounts[0]!.memberNumber, tb.numbers.retiredTeacher);
    const deleted = await harold.post('/account/delete', { password: t.demo.password, confirm: 'yes' });
    assert.equal(deleted.statusCode, 303);
    assert.equal((await verifyLedger(t.kith.db)).ok, true);
    assert.equal(
      await findAccountOf(t.kith.db.kysely, placeId, 'person', t.demo.people.retiredTeacher!.id),
      undefined,
      'the account no longer points at him',
    );
    const kept = (await findAccountByNumber(t.kith.db.kysely, placeId, tb.numbers.retiredTeacher!))!;
    assert.equal(kept.optedOut, true);
    assert.equal(kept.entryCount, account.entryCount, 'its history is all there');
  });
});
