/**
 * Outcomes' stores, called directly on the database the suite runs against (SQLite or
 * PostgreSQL): programmes, frameworks with their outcomes and indicators, links from
 * activities and programmes, check-ins and the report figures made of them, stories, a
 * person's contributions and their erasure, and that one place never reads another's
 * rows. The pages are tested in outcomes.test.ts.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import { startTestKith, type TestKith } from '../../testing.js';
import { insertPlace } from '../places/index.js';
import { checkedInBetween } from './figures-store.js';
import { checkinMonthly, checkinOutputs, type CheckinScope } from './report-store.js';
import type { MeasureKind } from './schema.js';
import {
  findSuggestion,
  insertSuggestion,
  addProgrammeActivity,
  checkinQuestionsFor,
  commentsOf,
  contributionsOf,
  endorsementsOf,
  eraseContributionsOf,
  findFramework,
  findOutcome,
  findProgramme,
  findStory,
  frameworksOf,
  hasCheckedIn,
  indicatorsOf,
  insertCheckin,
  insertComment,
  insertEndorsement,
  insertFramework,
  insertIndicator,
  insertLink,
  insertOutcome,
  insertProgramme,
  insertStory,
  insertStoryPhoto,
  linksOf,
  moderateStory,
  outcomesOf,
  programmeActivityIds,
  programmesContaining,
  programmesOf,
  publishFramework,
  storiesIn,
  storyOutcomeIds,
  storyPhoto,
} from './store.js';

let t: TestKith;
let here: string;
let elsewhere: string;
const officer = randomUUID();
const db = () => t.kith.db.kysely;

before(async () => {
  t = await startTestKith();
  here = (await insertPlace(db(), { slug: 'pentre', name: 'Pentre' })).id;
  elsewhere = (await insertPlace(db(), { slug: 'rhydd', name: 'Rhydd' })).id;
});
after(() => t.close());

const framework = (title: string, placeId = here, programmeId: string | null = null) =>
  insertFramework(db(), {
    place_id: placeId,
    programme_id: programmeId,
    title,
    purpose: `Why ${title}`,
    created_by: officer,
  });
const outcome = (frameworkId: string, title: string, placeId = here) =>
  insertOutcome(db(), { place_id: placeId, framework_id: frameworkId, title, description: `About ${title}` });
const indicator = (
  frameworkId: string,
  outcomeId: string,
  title: string,
  measureKind: MeasureKind = 'checkin',
  placeId = here,
) =>
  insertIndicator(db(), {
    place_id: placeId,
    framework_id: frameworkId,
    outcome_id: outcomeId,
    title,
    measure_kind: measureKind,
    measure_ref: measureKind === 'ons4' ? 'life' : null,
    question: measureKind === 'checkin' ? `${title}?` : null,
    question_cy: measureKind === 'checkin' ? `${title} (cy)?` : null,
    scale_min: 1,
    scale_max: 5,
  });
const link = (
  outcomeId: string,
  frameworkId: string,
  targetKind: 'activity' | 'programme',
  targetId: string,
  placeId = here,
) =>
  insertLink(db(), {
    outcome_id: outcomeId,
    target_kind: targetKind,
    target_id: targetId,
    place_id: placeId,
    framework_id: frameworkId,
    linked_by: officer,
  });
const checkin = (
  activityId: string,
  sessionOn: string,
  answers: Array<{ indicatorId: string; value: number }> = [],
  personId: string | null = randomUUID(),
  placeId = here,
) =>
  insertCheckin(
    db(),
    {
      place_id: placeId,
      activity_id: activityId,
      session_on: sessionOn,
      person_id: personId,
      entered_by: personId ? null : officer,
      from_paper: personId ? 0 : 1,
    },
    answers,
  );
const story = (
  title: string,
  outcomeIds: string[] = [],
  extra: { placeId?: string; consent?: 'named' | 'anonymous' | 'private'; authorId?: string } = {},
) =>
  insertStory(
    db(),
    {
      place_id: extra.placeId ?? here,
      author_id: extra.authorId ?? randomUUID(),
      title,
      body: `The story of ${title}`,
      consent: extra.consent ?? 'named',
      consent_wording: 'You may use my name',
      photo_alt: null,
    },
    outcomeIds,
  );

describe('programmes', () => {
  test('a place lists its own programmes by name, each with its activities once', async () => {
    const walking = await insertProgramme(db(), {
      place_id: here,
      name: 'Walking for health',
      description: 'Weekly walks',
      created_by: officer,
    });
    const arts = await insertProgramme(db(), {
      place_id: here,
      name: 'Arts on prescription',
      description: '',
      created_by: null,
    });
    const theirs = await insertProgramme(db(), {
      place_id: elsewhere,
      name: 'Their programme',
      description: '',
      created_by: null,
    });
    assert.deepEqual(
      (await programmesOf(db(), here)).map((p) => [p.id, p.name]),
      [
        [arts, 'Arts on prescription'],
        [walking, 'Walking for health'],
      ],
    );
    const found = (await findProgramme(db(), here, walking))!;
    assert.equal(found.description, 'Weekly walks');
    assert.equal(found.createdBy, officer);
    assert.equal(found.placeId, here);
    assert.equal(await findProgramme(db(), here, theirs), undefined);
    assert.equal(await findProgramme(db(), elsewhere, walking), undefined);

    assert.equal(
      await addProgrammeActivity(db(), { programme_id: walking, activity_id: 'park-walk', place_id: here }),
      true,
    );
    assert.equal(
      await addProgrammeActivity(db(), { programme_id: walking, activity_id: 'park-walk', place_id: here }),
      false,
    );
    assert.equal(
      await addProgrammeActivity(db(), { programme_id: walking, activity_id: 'hill-walk', place_id: here }),
      true,
    );
    assert.equal(
      await addProgrammeActivity(db(), { programme_id: arts, activity_id: 'park-walk', place_id: here }),
      true,
    );
    assert.deepEqual((await programmeActivityIds(db(), walking)).sort(), ['hill-walk', 'park-walk']);
    assert.deepEqual((await programmesContaining(db(), here, 'park-walk')).sort(), [arts, walking].sort());
    assert.deepEqual(await programmesContaining(db(), elsewhere, 'park-walk'), []);
  });
});

describe('frameworks, outcomes and indicators', () => {
  test('a framework starts as a draft, is published once, and reads back in its own place only', async () => {
    const id = await framework('Less lonely');
    const draft = (await findFramework(db(), here, id))!;
    assert.equal(draft.title, 'Less lonely');
    assert.equal(draft.purpose, 'Why Less lonely');
    assert.equal(draft.state, 'draft');
    assert.equal(draft.programmeId, null);
    assert.equal(draft.createdBy, officer);
    assert.equal(draft.publishedAt, null);
    assert.equal(await findFramework(db(), elsewhere, id), undefined);

    const publisher = randomUUID();
    assert.equal(await publishFramework(db(), id, publisher), true);
    assert.equal(await publishFramework(db(), id, randomUUID()), false, 'published once, by the first to publish');
    const published = (await findFramework(db(), here, id))!;
    assert.equal(published.state, 'published');
    assert.equal(published.publishedBy, publisher);
    assert.ok(published.publishedAt && published.publishedAt >= draft.createdAt);
    assert.equal(published.updatedAt, published.publishedAt);
  });

  test("a place's frameworks are newest first, and another place's are not among them", async () => {
    const programme = await insertProgramme(db(), {
      place_id: here,
      name: 'Framework programme',
      description: '',
      created_by: null,
    });
    const older = await framework('Older framework');
    await sleep(5);
    const newer = await framework('Newer framework', here, programme);
    const theirs = await framework('Their framework', elsewhere);
    const ids = (await frameworksOf(db(), here)).map((f) => f.id);
    assert.ok(ids.indexOf(newer) < ids.indexOf(older) && ids.indexOf(older) >= 0, ids.join(' '));
    assert.ok(!ids.includes(theirs));
    assert.equal((await findFramework(db(), here, newer))!.programmeId, programme);
    assert.deepEqual(
      (await frameworksOf(db(), elsewhere)).map((f) => f.id),
      [theirs],
    );
  });

  test('outcomes keep the order they were added in each framework, and indicators in each outcome', async () => {
    const first = await framework('Ordered framework');
    const second = await framework('Second framework');
    const connected = await outcome(first, 'Feel connected');
    const active = await outcome(first, 'Be active');
    const confident = await outcome(second, 'Feel confident');
    assert.deepEqual(
      (await outcomesOf(db(), [first])).map((o) => [o.title, o.position]),
      [
        ['Feel connected', 0],
        ['Be active', 1],
      ],
    );
    assert.equal((await findOutcome(db(), here, confident))!.position, 0, 'a new framework starts again at the top');
    assert.equal((await findOutcome(db(), here, active))!.description, 'About Be active');
    assert.equal(await findOutcome(db(), elsewhere, active), undefined);
    assert.deepEqual(await outcomesOf(db(), []), []);

    await indicator(first, connected, 'Met someone new');
    await indicator(first, connected, 'Satisfied with life', 'ons4');
    await indicator(first, active, 'Walked further');
    await indicator(second, confident, 'Spoke up');
    const indicators = await indicatorsOf(db(), [first]);
    assert.deepEqual(
      indicators
        .filter((i) => i.outcomeId === connected)
        .map((i) => [
          i.title,
          i.position,
          i.measureKind,
          i.measureRef,
          i.question,
          i.questionCy,
          i.scaleMin,
          i.scaleMax,
        ]),
      [
        ['Met someone new', 0, 'checkin', null, 'Met someone new?', 'Met someone new (cy)?', 1, 5],
        ['Satisfied with life', 1, 'ons4', 'life', null, null, 1, 5],
      ],
    );
    assert.deepEqual(
      indicators.filter((i) => i.outcomeId === active).map((i) => [i.title, i.position]),
      [['Walked further', 0]],
    );
    assert.equal(indicators.length, 3, "the other framework's indicators are not among them");
    assert.deepEqual((await indicatorsOf(db(), [first, second])).map((i) => i.title).sort(), [
      'Met someone new',
      'Satisfied with life',
      'Spoke up',
      'Walked further',
    ]);
  });

  test('comments read in the order written, and a person endorses an outcome once', async () => {
    const f = await framework('Co-produced');
    const o = await outcome(f, 'Feel heard');
    const resident = randomUUID();
    await insertComment(db(), {
      place_id: here,
      framework_id: f,
      outcome_id: o,
      person_id: resident,
      body: 'First thought',
    });
    await sleep(5);
    await insertComment(db(), { place_id: here, framework_id: f, outcome_id: o, person_id: officer, body: 'A reply' });
    assert.deepEqual(
      (await commentsOf(db(), f)).map((c) => [c.personId, c.body, c.outcomeId]),
      [
        [resident, 'First thought', o],
        [officer, 'A reply', o],
      ],
    );
    const endorsement = { outcome_id: o, person_id: resident, place_id: here, framework_id: f };
    assert.equal(await insertEndorsement(db(), endorsement), true);
    assert.equal(await insertEndorsement(db(), endorsement), false);
    assert.deepEqual(
      (await endorsementsOf(db(), f)).map((e) => [e.outcomeId, e.personId]),
      [[o, resident]],
    );
  });
});

describe('links and check-in questions', () => {
  test('an activity asks the check-in questions of published outcomes linked to it or its programme', async () => {
    const programme = await insertProgramme(db(), {
      place_id: here,
      name: 'Linked programme',
      description: '',
      created_by: null,
    });
    const f = await framework('Linked framework');
    const direct = await outcome(f, 'Direct outcome');
    const viaProgramme = await outcome(f, 'Programme outcome');
    const unlinked = await outcome(f, 'Unlinked outcome');
    await indicator(f, direct, 'Enjoyed it');
    await indicator(f, direct, 'Life satisfaction', 'ons4');
    await indicator(f, viaProgramme, 'Made a friend');
    await indicator(f, unlinked, 'Not asked');
    assert.equal(await link(direct, f, 'activity', 'choir'), true);
    assert.equal(await link(direct, f, 'activity', 'choir'), false, 'linked once');
    assert.equal(await link(viaProgramme, f, 'programme', programme), true);
    assert.deepEqual(
      (await linksOf(db(), [f])).map((l) => [l.outcomeId, l.targetKind, l.targetId, l.linkedBy]).sort(),
      [
        [direct, 'activity', 'choir', officer],
        [viaProgramme, 'programme', programme, officer],
      ].sort(),
    );

    assert.deepEqual(await checkinQuestionsFor(db(), here, 'choir', [programme]), [], 'a draft asks nothing');
    await publishFramework(db(), f, officer);
    assert.deepEqual((await checkinQuestionsFor(db(), here, 'choir', [programme])).map((i) => i.question).sort(), [
      'Enjoyed it?',
      'Made a friend?',
    ]);
    assert.deepEqual(
      (await checkinQuestionsFor(db(), here, 'choir', [])).map((i) => i.question),
      ['Enjoyed it?'],
    );
    assert.deepEqual(
      (await checkinQuestionsFor(db(), here, 'bowls', [programme])).map((i) => i.question),
      ['Made a friend?'],
    );
    assert.deepEqual(await checkinQuestionsFor(db(), elsewhere, 'choir', [programme]), []);
  });
});

describe('check-ins and report figures', () => {
  test('a check-in is stored with its answers, and is counted once by session and month within the period', async () => {
    const f = await framework('Report framework');
    const o = await outcome(f, 'Report outcome');
    const q = await indicator(f, o, 'How was it');
    const someone = randomUUID();
    await checkin('knit', '2002-03-31', [{ indicatorId: q, value: 5 }]);
    await checkin('knit', '2002-04-01', [{ indicatorId: q, value: 4 }], someone);
    await checkin('knit', '2002-04-01', [{ indicatorId: q, value: 2 }]);
    await checkin('knit', '2002-05-10', [{ indicatorId: q, value: 3 }], null);
    await checkin('bake', '2002-06-30', [{ indicatorId: q, value: 5 }]);
    await checkin('bake', '2002-06-30', []);
    await checkin('bake', '2002-07-01', [{ indicatorId: q, value: 1 }]);
    await checkin('knit', '2002-04-01', [{ indicatorId: q, value: 1 }], randomUUID(), elsewhere);

    assert.equal(await hasCheckedIn(db(), someone, 'knit', '2002-04-01'), true);
    assert.equal(await hasCheckedIn(db(), someone, 'knit', '2002-04-08'), false);
    assert.equal(await hasCheckedIn(db(), someone, 'bake', '2002-04-01'), false);

    const scope: CheckinScope = { placeId: here, from: '2002-04-01', to: '2002-06-30' };
    assert.deepEqual(await checkinOutputs(db(), scope), { sessions: 3, checkins: 5 });
    assert.deepEqual(await checkinMonthly(db(), scope, q), [
      { month: '2002-04', n: 2, mean: 3 },
      { month: '2002-05', n: 1, mean: 3 },
      { month: '2002-06', n: 1, mean: 5 },
    ]);
    const knitting = { ...scope, activityIds: ['knit'] };
    assert.deepEqual(await checkinOutputs(db(), knitting), { sessions: 2, checkins: 3 });
    assert.deepEqual(
      (await checkinMonthly(db(), knitting, q)).map((m) => m.month),
      ['2002-04', '2002-05'],
    );
    const emptyProgramme = { ...scope, activityIds: [] };
    assert.deepEqual(await checkinOutputs(db(), emptyProgramme), { sessions: 0, checkins: 0 });
    assert.deepEqual(await checkinMonthly(db(), emptyProgramme, q), []);
    const there = { ...scope, placeId: elsewhere };
    assert.deepEqual(await checkinMonthly(db(), there, q), [{ month: '2002-04', n: 1, mean: 1 }]);
    assert.deepEqual(await checkinOutputs(db(), { ...there, from: '2002-05-01' }), { sessions: 0, checkins: 0 });

    const people = (await checkedInBetween(db(), here, '2002-04-01', '2002-05-31').execute()).map((r) => r.person_id);
    assert.equal(people.length, 2, 'a check-in from paper names nobody');
    assert.ok(people.includes(someone));
  });
});

describe('stories', () => {
  test('a story waits for moderation oldest first, then is listed newest first once published', async () => {
    const f = await framework('Story framework');
    const o = await outcome(f, 'Story outcome');
    const other = await outcome(f, 'Other story outcome');
    const first = await story('First story', [o, o]);
    await sleep(5);
    const second = await story('Second story', [other], { consent: 'anonymous' });
    await story('Their story', [], { placeId: elsewhere });

    const stored = (await findStory(db(), here, first))!;
    assert.equal(stored.title, 'First story');
    assert.equal(stored.body, 'The story of First story');
    assert.equal(stored.consent, 'named');
    assert.equal(stored.consentWording, 'You may use my name');
    assert.equal(stored.state, 'submitted');
    assert.equal(stored.moderatedBy, null);
    assert.equal(await findStory(db(), elsewhere, first), undefined);
    assert.deepEqual(await storyOutcomeIds(db(), [first]), [{ storyId: first, outcomeId: o }]);

    const waiting = await storiesIn(db(), here, { state: 'submitted', limit: 50 });
    assert.deepEqual(
      waiting.filter((s) => s.id === first || s.id === second).map((s) => s.id),
      [first, second],
    );

    assert.equal(await moderateStory(db(), first, { state: 'published', note: null, by: officer }), true);
    assert.equal(await moderateStory(db(), first, { state: 'rejected', note: 'Too late', by: officer }), false);
    await sleep(5);
    assert.equal(await moderateStory(db(), second, { state: 'published', note: 'Lovely', by: officer }), true);
    const published = (await findStory(db(), here, second))!;
    assert.equal(published.state, 'published');
    assert.equal(published.moderationNote, 'Lovely');
    assert.equal(published.moderatedBy, officer);

    const listed = await storiesIn(db(), here, { state: 'published', limit: 50, outcomeIds: [o, other] });
    assert.deepEqual(
      listed.map((s) => s.id),
      [second, first],
    );
    assert.deepEqual(
      (await storiesIn(db(), here, { state: 'published', limit: 50, outcomeIds: [o] })).map((s) => s.id),
      [first],
    );
    assert.deepEqual(await storiesIn(db(), here, { state: 'published', limit: 50, outcomeIds: [] }), []);
    assert.deepEqual(
      (
        await storiesIn(db(), here, { state: 'published', limit: 50, outcomeIds: [o, other], consent: ['anonymous'] })
      ).map((s) => s.id),
      [second],
    );
    const today = new Date().toISOString().slice(0, 10);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const between = async (from?: string, to?: string) =>
      (await storiesIn(db(), here, { state: 'published', limit: 50, outcomeIds: [o], from, to })).length;
    assert.equal(await between(today, today), 1);
    assert.equal(await between(undefined, yesterday), 0);
    assert.equal(await between(tomorrow), 0);
    assert.deepEqual(
      (await storiesIn(db(), here, { state: 'published', limit: 1, offset: 1, outcomeIds: [o, other] })).map(
        (s) => s.id,
      ),
      [first],
    );
    assert.ok(!(await storiesIn(db(), elsewhere, { state: 'submitted', limit: 50 })).some((s) => s.id === first));
  });

  test("a story's photo comes back byte for byte, and lists say which stories have one", async () => {
    const id = await story('Photo story');
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff]);
    await insertStoryPhoto(db(), {
      story_id: id,
      place_id: here,
      content_type: 'image/png',
      bytes,
      size: bytes.length,
    });
    const photo = (await storyPhoto(db(), id))!;
    assert.equal(photo.contentType, 'image/png');
    assert.deepEqual(Buffer.from(photo.bytes), bytes);
    assert.equal(await storyPhoto(db(), await story('No photo')), undefined);
    const listed = await storiesIn(db(), here, { state: 'submitted', limit: 500 });
    assert.equal(listed.find((s) => s.id === id)!.photo, id);
  });
});

describe('personal data', () => {
  test("a person's contributions are theirs to see, and erasure removes their words but keeps the counts", async () => {
    const resident = randomUUID();
    const f = await framework('Contributions framework');
    const o = await outcome(f, 'Contributions outcome');
    const q = await indicator(f, o, 'Contributions question');
    await insertComment(db(), { place_id: here, framework_id: f, outcome_id: o, person_id: resident, body: 'My view' });
    const suggestion = await insertSuggestion(db(), {
      place_id: here,
      framework_id: f,
      outcome_id: null,
      kind: 'outcome',
      title: 'My own outcome',
      description: '',
      proposed_by: resident,
    });
    await insertEndorsement(db(), { outcome_id: o, person_id: resident, place_id: here, framework_id: f });
    await story('My story', [o], { authorId: resident });
    const moderated = await story('Moderated by them', [o]);
    await moderateStory(db(), moderated, { state: 'published', note: null, by: resident });
    await checkin('singing', '2003-02-02', [{ indicatorId: q, value: 4 }], resident);

    const mine = await contributionsOf(db(), resident);
    assert.deepEqual(
      mine.comments.map((c) => [c.body, c.outcomeId]),
      [['My view', o]],
    );
    assert.deepEqual(
      mine.endorsements.map((e) => e.outcomeId),
      [o],
    );
    assert.deepEqual(
      mine.stories.map((s) => [s.title, s.state]),
      [['My story', 'submitted']],
    );
    assert.deepEqual(
      mine.checkins.map((c) => [c.activityId, c.sessionOn, c.answers.map((a) => [a.indicatorId, Number(a.value)])]),
      [['singing', '2003-02-02', [[q, 4]]]],
    );

    assert.deepEqual(
      mine.suggestions.map((x) => [x.kind, x.title, x.state]),
      [['outcome', 'My own outcome', 'open']],
    );

    await eraseContributionsOf(db(), resident);
    assert.deepEqual(await contributionsOf(db(), resident), {
      comments: [],
      endorsements: [],
      suggestions: [],
      stories: [],
      checkins: [],
    });
    // The suggestion stays on the framework, no longer in their name.
    assert.equal((await findSuggestion(db(), here, suggestion))!.proposedBy, null);
    assert.deepEqual(await commentsOf(db(), f), []);
    assert.deepEqual(await endorsementsOf(db(), f), []);
    assert.equal((await findStory(db(), here, moderated))!.moderatedBy, null);
    const scope = { placeId: here, from: '2003-01-01', to: '2003-12-31' };
    assert.deepEqual(await checkinOutputs(db(), scope), { sessions: 1, checkins: 1 });
    assert.deepEqual(await checkinMonthly(db(), scope, q), [{ month: '2003-02', n: 1, mean: 4 }]);
  });
});
