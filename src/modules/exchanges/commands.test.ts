/**
 * Offers, requests and exchanges through the module's commands and stores, on the
 * database the suite runs against (SQLite or PostgreSQL): what is stored, what matching
 * reads back, how an exchange's hours are recorded and credited, and that a refused
 * step leaves every row as it was. The pages are tested in exchanges.test.ts.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { NotFoundError, RuleError } from '../../errors.js';
import { newMember, startTestKith, type TestKith } from '../../testing.js';
import { findAccountOf, verifyLedger } from '../timebank/index.js';
import { actOnExchange, proposeExchange } from './exchanges.js';
import { exchangesForPost, exchangesOf, findExchange } from './exchange-store.js';
import type { PostInput } from './inputs.js';
import { matchesFor } from './matches.js';
import { changePostStatus, createPost, editPost, saveHelperProfile } from './posts.js';
import { findPost, openPosts, postsOf } from './store.js';

let t: TestKith;
let placeId: string;
let otherPlaceId: string;
const placeSlug = 'calderbrook';

before(async () => {
  t = await startTestKith({ demo: true });
  placeId = t.demo.places.calderbrook!.id;
  otherPlaceId = t.demo.places.aberllyn!.id;
});
after(() => t.close());

const db = () => t.kith.db.kysely;
const post = (fields: Partial<PostInput> & Pick<PostInput, 'title' | 'category'>): PostInput => ({
  details: '',
  area: 'KL5 1AB',
  when: '',
  days: [],
  duration: 60,
  sensitive: false,
  ...fields,
});
const person = async (name: string) => (await newMember(t, placeId, name)).id;
const demoPerson = (key: string) => t.demo.people[key]!.id;
const act = (
  personId: string,
  exchangeId: string,
  action: 'accept' | 'decline' | 'cancel' | 'record' | 'confirm',
  extra: { minutes?: number; isCoordinator?: boolean; placeId?: string } = {},
) =>
  actOnExchange(t.kith, {
    placeId: extra.placeId ?? placeId,
    placeSlug,
    personId,
    personName: 'Someone',
    isCoordinator: extra.isCoordinator ?? false,
    exchangeId,
    action,
    minutes: extra.minutes,
  });
/** A post by this person in Calderbrook. */
const postBy = (personId: string, kind: 'offer' | 'request', fields: Parameters<typeof post>[0]) =>
  createPost(t.kith, { placeId, personId, kind, post: post(fields) });
/** This person proposes an exchange on a post in Calderbrook. */
const propose = (personId: string, postId: string, note = '') =>
  proposeExchange(t.kith, { placeId, placeSlug, personId, personName: 'Someone', postId, note });
const count = async (table: 'exchange_posts' | 'exchanges') =>
  Number(
    (
      await db()
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('posting offers and requests', () => {
  test('a request is stored as posted, with its district, days and word stems for matching, and listed as open', async () => {
    const asker = await person('Dot Asker');
    const id = await postBy(asker, 'request', {
      title: 'Weeding my borders',
      category: 'gardening',
      area: 'kl5 2ab',
      days: ['sat', 'sun'],
    });
    const stored = (await findPost(db(), id))!;
    assert.equal(stored.kind, 'request');
    assert.equal(stored.status, 'open');
    assert.equal(stored.outwardCode, 'KL5');
    assert.equal(stored.days, (1 << 5) | (1 << 6));
    assert.equal(stored.duration, 60);
    assert.equal(stored.sensitive, false);
    assert.ok(stored.words.includes('weeding') && stored.words.includes('border'), stored.words.join(' '));
    assert.deepEqual(
      (await postsOf(db(), placeId, asker)).map((p) => p.id),
      [id],
    );
    const listed = await openPosts(db(), placeId, { kind: 'request', category: 'gardening', limit: 500, offset: 0 });
    assert.ok(listed.posts.some((p) => p.id === id));
    assert.equal(listed.total, listed.posts.length);
    assert.equal(
      (await openPosts(db(), otherPlaceId, { limit: 500, offset: 0 })).posts.filter((p) => p.id === id).length,
      0,
    );
  });

  test('personal care is always marked sensitive, whatever the form said', async () => {
    const id = await postBy(await person('Vi Care'), 'request', {
      title: 'Help getting dressed',
      category: 'personal_care',
    });
    assert.equal((await findPost(db(), id))!.sensitive, true);
  });

  test('one submission posted twice at once stores one post', async () => {
    const asker = await person('Quick Clicker');
    const submission = { owner: asker, key: randomUUID() };
    const input = {
      placeId,
      personId: asker,
      kind: 'offer' as const,
      post: post({ title: 'Lifts to town', category: 'lifts' }),
      submission,
    };
    const [a, b] = await Promise.all([createPost(t.kith, input), createPost(t.kith, input)]);
    assert.equal(a, b);
    assert.equal((await postsOf(db(), placeId, asker)).length, 1);
  });

  test('only the poster may edit a post; anyone else changes nothing', async () => {
    const poster = await person('Pat Poster');
    const stranger = await person('Sam Stranger');
    const id = await postBy(poster, 'offer', { title: 'Fixing bikes', category: 'repairs' });
    const before = await findPost(db(), id);
    await assert.rejects(
      editPost(t.kith, {
        placeId,
        personId: stranger,
        postId: id,
        post: post({ title: 'Mine now', category: 'other' }),
      }),
      (e: unknown) => e instanceof RuleError && e.key === 'exchanges.post.notYours',
    );
    await assert.rejects(
      editPost(t.kith, {
        placeId: otherPlaceId,
        personId: poster,
        postId: id,
        post: post({ title: 'Elsewhere', category: 'other' }),
      }),
      NotFoundError,
    );
    assert.deepEqual(await findPost(db(), id), before);
    await editPost(t.kith, {
      placeId,
      personId: poster,
      postId: id,
      post: post({ title: 'Fixing bikes and prams', category: 'repairs' }),
    });
    assert.equal((await findPost(db(), id))!.title, 'Fixing bikes and prams');
  });
});

describe('matching', () => {
  test('a request finds open offers of its kind of help from other people, best fit first; a paused offer drops out', async () => {
    const asker = await person('Ann Matching');
    const close = await person('Bea Close');
    const far = await person('Cy Far');
    const near = await postBy(close, 'offer', {
      title: 'Mending fences and gates',
      category: 'repairs',
      area: 'KL5 3CD',
      days: ['sat'],
    });
    const loose = await postBy(far, 'offer', { title: 'Odd jobs', category: 'repairs', area: 'OL14 5AA' });
    const other = await postBy(far, 'offer', { title: 'Company for a cuppa', category: 'company', area: 'OL14 5AA' });
    const own = await postBy(asker, 'offer', { title: 'Mending fences myself', category: 'repairs', area: 'KL5 1AB' });
    const requestId = await postBy(asker, 'request', {
      title: 'Mending a garden gate',
      category: 'repairs',
      area: 'KL5 1AB',
      days: ['sat'],
    });
    const request = (await findPost(db(), requestId))!;
    const ids = async () =>
      (await matchesFor(db(), request, { isCoordinator: false }, 50)).posts.map((m) => m.candidate.id);
    const first = await ids();
    assert.ok(first.includes(near) && first.includes(loose), first.join(' '));
    assert.ok(first.indexOf(near) < first.indexOf(loose), 'the same district, day and words rank first');
    assert.ok(!first.includes(other), 'a different kind of help sharing nothing is not suggested');
    assert.ok(!first.includes(own), 'never one’s own offer');

    await changePostStatus(t.kith, { placeId, personId: close, postId: near, status: 'paused' });
    assert.ok(!(await ids()).includes(near));
    await changePostStatus(t.kith, { placeId, personId: close, postId: near, status: 'open' });
    assert.ok((await ids()).includes(near));
  });

  test('someone who can help but asked to be shown only to coordinators is suggested only to coordinators', async () => {
    const asker = await person('Di Asker');
    const helper = await person('Ed Quiet');
    await saveHelperProfile(t.kith, {
      placeId,
      personId: helper,
      canHelpWith: 'Walking dogs',
      categories: ['pets'],
      area: 'KL5',
      days: [],
      visibility: 'coordinators',
      active: true,
    });
    const request = (await findPost(
      db(),
      await postBy(asker, 'request', { title: 'Walking my dog', category: 'pets' }),
    ))!;
    const people = async (isCoordinator: boolean) =>
      (await matchesFor(db(), request, { isCoordinator }, 50)).people.map((m) => m.candidate.personId);
    assert.ok(!(await people(false)).includes(helper));
    assert.ok((await people(true)).includes(helper));
  });
});

describe('an exchange and its hours', () => {
  test('proposed, accepted, recorded and confirmed: the minutes are kept and moved once from the person helped to the helper', async () => {
    // Maureen (a gardener) and Edna both use time credits in the demo place.
    const giver = demoPerson('gardener');
    const receiver = demoPerson('resident');
    const offer = await postBy(giver, 'offer', { title: 'Pruning fruit trees', category: 'gardening' });
    const id = await propose(receiver, offer, 'Next week?');
    let exchange = (await findExchange(db(), id))!;
    assert.deepEqual(
      [
        exchange.status,
        exchange.giverId,
        exchange.receiverId,
        exchange.proposedBy,
        exchange.description,
        exchange.note,
      ],
      ['proposed', giver, receiver, receiver, 'Pruning fruit trees', 'Next week?'],
    );
    assert.ok((await exchangesOf(db(), placeId, giver)).some((e) => e.id === id));
    assert.deepEqual(
      (await exchangesForPost(db(), offer)).map((e) => e.id),
      [id],
    );

    await act(giver, id, 'accept');
    await act(giver, id, 'record', { minutes: 90 });
    exchange = (await findExchange(db(), id))!;
    assert.equal(exchange.status, 'recorded');
    assert.equal(exchange.minutes, 90);
    assert.ok(exchange.recordedAt);

    const balance = async (personId: string) => (await findAccountOf(db(), placeId, 'person', personId))!.balance;
    const [giverBefore, receiverBefore] = [await balance(giver), await balance(receiver)];
    const { exchange: confirmed, credit } = await act(receiver, id, 'confirm');
    assert.equal(confirmed.status, 'confirmed');
    assert.equal(confirmed.confirmedBy, receiver);
    assert.equal(credit, 'credited.receiver');
    assert.equal(confirmed.creditStatus, 'credited.receiver');
    assert.ok(confirmed.transferId);
    assert.equal(await balance(giver), giverBefore + 90);
    assert.equal(await balance(receiver), receiverBefore - 90);

    // Confirming again is refused, and nothing moves twice.
    await assert.rejects(act(receiver, id, 'confirm'), RuleError);
    assert.equal(await balance(giver), giverBefore + 90);
    assert.deepEqual(await findExchange(db(), id), confirmed);
    assert.equal((await verifyLedger(t.kith.db)).ok, true);
  });

  test('hours are recorded for a helper who does not use time credits, and nothing moves', async () => {
    const asker = await person('Flo NoCredits');
    const helper = await person('Gus NoCredits');
    const request = await postBy(asker, 'request', { title: 'A lift to the surgery', category: 'lifts' });
    const id = await propose(helper, request, '');
    assert.equal(
      (await findExchange(db(), id))!.giverId,
      helper,
      'offering help on a request makes the proposer the giver',
    );
    await act(asker, id, 'accept');
    await act(helper, id, 'record', { minutes: 30 });
    const { exchange } = await act(asker, id, 'confirm');
    assert.equal(exchange.status, 'confirmed');
    assert.equal(exchange.minutes, 30);
    assert.equal(exchange.transferId, null);
    assert.equal(exchange.creditStatus, 'helperNotTakingPart');
  });

  test('a step the person may not take is refused and changes nothing', async () => {
    const asker = await person('Hal Refused');
    const helper = await person('Ivy Refused');
    const stranger = await person('Jo Refused');
    const request = await postBy(asker, 'request', { title: 'Hanging curtains', category: 'repairs' });
    const before = await count('exchanges');
    await assert.rejects(
      propose(asker, request),
      (e: unknown) => e instanceof RuleError && e.key === 'exchanges.contact.self',
    );
    await assert.rejects(
      proposeExchange(t.kith, {
        placeId: otherPlaceId,
        placeSlug: 'aberllyn',
        personId: helper,
        personName: 'Ivy',
        postId: request,
        note: '',
      }),
      NotFoundError,
    );
    assert.equal(await count('exchanges'), before);

    const id = await propose(helper, request, '');
    const proposed = await findExchange(db(), id);
    await assert.rejects(act(helper, id, 'accept'), RuleError, 'the proposer cannot accept their own proposal');
    await assert.rejects(act(stranger, id, 'accept'), RuleError, 'someone else cannot accept it');
    await assert.rejects(
      act(helper, id, 'record', { minutes: 60 }),
      RuleError,
      'nothing is recorded before it is accepted',
    );
    await assert.rejects(act(asker, id, 'accept', { placeId: otherPlaceId }), NotFoundError);
    assert.deepEqual(await findExchange(db(), id), proposed);

    await act(asker, id, 'accept');
    const accepted = await findExchange(db(), id);
    await assert.rejects(act(asker, id, 'record', { minutes: 60 }), RuleError, 'only the giver records the time');
    await assert.rejects(act(stranger, id, 'confirm', { isCoordinator: true }), RuleError, 'nothing to confirm yet');
    assert.deepEqual(await findExchange(db(), id), accepted);

    await act(helper, id, 'record', { minutes: 60 });
    const recorded = await findExchange(db(), id);
    await assert.rejects(act(helper, id, 'confirm'), RuleError, 'the giver cannot confirm their own hours');
    await assert.rejects(
      act(stranger, id, 'confirm', { isCoordinator: true }),
      RuleError,
      'a coordinator waits 14 days',
    );
    await assert.rejects(act(asker, id, 'cancel'), RuleError, 'recorded time is not cancelled');
    assert.deepEqual(await findExchange(db(), id), recorded);
  });

  test('a declined or cancelled exchange goes no further', async () => {
    const asker = await person('Kit Declined');
    const helper = await person('Lou Declined');
    const request = await postBy(asker, 'request', { title: 'Reading my post', category: 'paperwork' });
    const declined = await propose(helper, request, '');
    assert.equal((await act(asker, declined, 'decline')).exchange.status, 'declined');
    await assert.rejects(act(helper, declined, 'record', { minutes: 30 }), RuleError);
    const cancelled = await propose(helper, request, 'again');
    await act(asker, cancelled, 'accept');
    assert.equal((await act(helper, cancelled, 'cancel')).exchange.status, 'cancelled');
    await assert.rejects(act(helper, cancelled, 'record', { minutes: 30 }), RuleError);
    assert.equal((await findExchange(db(), cancelled))!.minutes, null);
  });
});

describe('closing a post', () => {
  test('a closed post leaves the list and matching, takes no proposals, and cannot be reopened', async () => {
    const poster = await person('Mo Closer');
    const asker = await person('Ned Closer');
    const offer = await postBy(poster, 'offer', { title: 'Baking bread together', category: 'cooking' });
    const requestId = await postBy(asker, 'request', { title: 'Learning to bake bread', category: 'cooking' });
    const request = (await findPost(db(), requestId))!;
    const suggested = async () =>
      (await matchesFor(db(), request, { isCoordinator: false }, 50)).posts.map((m) => m.candidate.id);
    assert.ok((await suggested()).includes(offer));

    await assert.rejects(
      changePostStatus(t.kith, { placeId, personId: asker, postId: offer, status: 'closed' }),
      RuleError,
    );
    assert.equal((await findPost(db(), offer))!.status, 'open', 'only the poster closes it');
    await changePostStatus(t.kith, { placeId, personId: poster, postId: offer, status: 'closed' });
    assert.equal((await findPost(db(), offer))!.status, 'closed');
    assert.ok(!(await openPosts(db(), placeId, { limit: 1000, offset: 0 })).posts.some((p) => p.id === offer));
    assert.ok(!(await suggested()).includes(offer));

    const exchanges = await count('exchanges');
    await assert.rejects(
      propose(asker, offer),
      (e: unknown) => e instanceof RuleError && e.key === 'exchanges.propose.notOpen',
    );
    assert.equal(await count('exchanges'), exchanges);
    await assert.rejects(
      changePostStatus(t.kith, { placeId, personId: poster, postId: offer, status: 'open' }),
      (e: unknown) => e instanceof RuleError && e.key === 'exchanges.post.closed',
    );
    assert.equal((await findPost(db(), offer))!.status, 'closed');
    assert.ok(await count('exchange_posts'));
  });
});
