import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import {
  allows,
  approvalResult,
  closingInstant,
  differences,
  easyReadLines,
  longEasyReadLines,
  openingInstant,
  overclaims,
  placeOnLadder,
  QUESTIONS,
  thresholdResult,
  tooManyComments,
  type Answers,
} from './rules.js';

const all = (n: number) => Object.fromEntries(QUESTIONS.map((q) => [q.id, n])) as Answers;

describe('phases', () => {
  test('a phase runs from the first day’s midnight to the last day’s end in London, across the clock change', () => {
    // The clocks go forward on 29 March 2026: the phase closes at 23:00 UTC on the 31st, not midnight UTC.
    const phase = {
      opensAt: openingInstant('2026-03-28'),
      closesAt: closingInstant('2026-03-31'),
      activities: ['support' as const],
    };
    assert.equal(phase.opensAt, '2026-03-28T00:00:00.000Z');
    assert.equal(phase.closesAt, '2026-03-31T23:00:00.000Z');
    assert.ok(allows([phase], 'support', new Date('2026-03-31T22:59:59Z')));
    assert.ok(!allows([phase], 'support', new Date('2026-03-31T23:00:00Z')));
    assert.ok(!allows([phase], 'vote', new Date('2026-03-30T12:00:00Z')));
  });

  test('a phase that claims co-design while residents can only support is flagged; one where they propose is not', () => {
    assert.ok(overclaims({ rung: 'codesign', activities: ['support'] }));
    assert.ok(overclaims({ rung: 'coproduction', activities: [] }));
    assert.ok(!overclaims({ rung: 'codesign', activities: ['propose', 'support'] }));
    assert.ok(!overclaims({ rung: 'consultation', activities: ['support'] }));
  });

  test('a fourth comment within a minute, or a twenty-first within an hour, is too many', () => {
    const now = new Date('2026-05-01T12:00:00Z');
    const ago = (s: number) => new Date(now.getTime() - s * 1000).toISOString();
    assert.ok(!tooManyComments([ago(10), ago(20)], now));
    assert.ok(tooManyComments([ago(10), ago(20), ago(30)], now));
    assert.ok(!tooManyComments([ago(61), ago(62), ago(63)], now));
    assert.ok(
      tooManyComments(
        Array.from({ length: 20 }, (_, i) => ago(100 + i * 60)),
        now,
      ),
    );
  });
});

describe('results', () => {
  const candidates = ['a', 'b', 'c', 'd'].map((id, i) => ({ id, createdAt: `2026-01-0${i + 1}` }));

  test('an approval vote adopts the most chosen; a tie across the line goes to the earlier proposal and says so', () => {
    const r = approvalResult(candidates, [['a', 'b'], ['b', 'c'], ['c', 'a', 'a'], ['d']], 2);
    assert.deepEqual(
      r.rows.map((row) => [row.id, row.count, row.chosen, row.tie]),
      [
        ['a', 2, true, true],
        ['b', 2, true, true],
        ['c', 2, false, true],
        ['d', 1, false, false],
      ],
    );
    assert.equal(r.ballots, 4);
  });

  test('a proposal nobody chose is never adopted, even with places to spare', () => {
    const r = approvalResult(candidates, [['a']], 3);
    assert.deepEqual(
      r.rows.filter((x) => x.chosen).map((x) => x.id),
      ['a'],
    );
  });

  test('a threshold sends forward every proposal that reaches it, counting each person once', () => {
    const s = (proposalId: string, personId: string) => ({ proposalId, personId });
    const r = thresholdResult(candidates, [s('a', '1'), s('a', '2'), s('a', '2'), s('b', '1'), s('x', '3')], 2);
    assert.deepEqual(
      r.rows.map((x) => [x.id, x.count, x.chosen]),
      [
        ['a', 2, true],
        ['b', 1, false],
        ['c', 0, false],
        ['d', 0, false],
      ],
    );
    assert.equal(r.ballots, 2);
  });

  test('every ballot is counted once and no more are adopted than there are places', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.constantFrom('a', 'b', 'c', 'd'), { maxLength: 4 })),
        fc.integer({ min: 1, max: 4 }),
        (ballots, winners) => {
          const r = approvalResult(candidates, ballots, winners);
          assert.equal(r.ballots, ballots.length);
          assert.ok(r.rows.filter((x) => x.chosen).length <= winners);
          for (let i = 1; i < r.rows.length; i++) assert.ok(r.rows[i - 1]!.count >= r.rows[i]!.count);
          assert.deepEqual(differences(r.rows, approvalResult(candidates, ballots, winners).rows), []);
        },
      ),
    );
  });

  test('a recount that differs in one count is found', () => {
    const published = approvalResult(candidates, [['a'], ['b']], 1).rows;
    const recount = approvalResult(candidates, [['a'], ['b'], ['b']], 1).rows;
    assert.deepEqual(
      differences(published, recount)
        .map((d) => d.id)
        .sort(),
      ['a', 'b'],
    );
  });
});

describe('the ladder self-assessment', () => {
  test('no answers at all is educating (doing to); every answer full is co-production (doing with)', () => {
    assert.equal(placeOnLadder(all(0)).rung, 'educating');
    assert.equal(placeOnLadder(all(0)).group, 'doingTo');
    const top = placeOnLadder(all(3));
    assert.equal(top.rung, 'coproduction');
    assert.equal(top.group, 'doingWith');
    assert.deepEqual(top.next, ['participation.ladder.next.keep']);
  });

  test('telling and asking people, but sharing no decisions, is consultation, and the next step says to share some', () => {
    const p = placeOnLadder({ ...all(1), informing: 3, listening: 2, sharing: 0 });
    assert.equal(p.rung, 'consultation');
    assert.equal(p.group, 'doingFor');
    assert.deepEqual(p.why, ['participation.ladder.why.informing', 'participation.ladder.why.listening']);
    assert.equal(p.next[0], 'participation.ladder.next.sharing');
  });

  test('residents helping deliver is not co-production while the principles are not lived', () => {
    const p = placeOnLadder({ ...all(0), informing: 3, listening: 3, sharing: 3, roles: 3, delivering: 3 });
    assert.equal(p.rung, 'codesign');
    assert.equal(p.next[0], 'participation.ladder.next.coproduction');
    assert.equal(p.next[1], 'participation.ladder.principle.assets.next');
  });

  test('answering any question higher never puts a service lower on the ladder', () => {
    const order = ['coercion', 'educating', 'informing', 'consultation', 'engagement', 'codesign', 'coproduction'];
    fc.assert(
      fc.property(
        fc.record(Object.fromEntries(QUESTIONS.map((q) => [q.id, fc.integer({ min: 0, max: 3 })]))),
        fc.constantFrom(...QUESTIONS.map((q) => q.id)),
        (answers, raise) => {
          const before = placeOnLadder(answers as Answers).rung;
          const after = placeOnLadder({ ...(answers as Answers), [raise]: Math.min(3, answers[raise]! + 1) }).rung;
          assert.ok(order.indexOf(after) >= order.indexOf(before));
        },
      ),
    );
  });
});

describe('easy read', () => {
  test('a line over fifteen words is pointed out by its number among the written lines; short lines, blank lines and lone marks are not', () => {
    const long = 'We want to hear from everyone who uses the park about what would make it better for them';
    const text = `We have money for Hebble Park.\n\n  You can tell us your idea.  \n${long}\n– \nWe will vote in March.`;
    const found = longEasyReadLines(text);
    assert.equal(found.length, 1, 'only the long line is pointed out');
    assert.equal(found[0]!.line, 3, 'the blank line is not counted, as the easy-read page does not show it');
    assert.equal(found[0]!.words, 18, 'every word is counted');
    assert.equal(found[0]!.start, 'We want to hear from everyone', 'the line is named by its first words');
    assert.deepEqual(
      easyReadLines(text),
      ['We have money for Hebble Park.', 'You can tell us your idea.', long, '–', 'We will vote in March.'],
      'lines are tidied and blank ones dropped',
    );
  });

  test('exactly fifteen words is fine, sixteen is not, and Welsh is counted the same way', () => {
    const words = (n: number) => Array.from({ length: n }, (_, i) => `gair${i}`).join(' ');
    assert.deepEqual(longEasyReadLines(words(15)), [], 'fifteen words is within the guidance');
    assert.equal(longEasyReadLines(words(16)).length, 1, 'sixteen words is one too many');
    assert.deepEqual(
      longEasyReadLines('Mae gennym ni arian ar gyfer Parc Hebble.\nGallwch chi ddweud eich syniad wrthym ni.'),
      [],
      'short Welsh sentences pass',
    );
  });
});
