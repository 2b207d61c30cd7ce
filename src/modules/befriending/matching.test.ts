import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import {
  assess,
  bitsOf,
  couldMeet,
  LANGUAGES,
  SLOTS,
  suggest,
  WAYS,
  INTERESTS,
  type MatchProfile,
} from './matching.js';
import type { Match } from './store.js';

const NOW = new Date('2026-11-23T12:00:00Z');
const CENTRE = { latitude: 53.7106, longitude: -1.9032 };

const someone = (p: Partial<MatchProfile>): MatchProfile => ({
  id: p.id ?? Math.random().toString(36).slice(2),
  side: 'volunteer',
  interests: 0,
  languages: bitsOf(LANGUAGES, ['en']),
  availability: 0,
  ways: bitsOf(WAYS, ['home']),
  experiences: 0,
  latitude: CENTRE.latitude,
  longitude: CENTRE.longitude,
  travelMiles: 2,
  gender: 'unsaid',
  prefers: 'any',
  waitingSince: '2026-11-20T00:00:00Z',
  ...p,
});

const arbitraryProfile = fc.record({
  id: fc.uuid(),
  side: fc.constantFrom('volunteer' as const, 'neighbour' as const),
  interests: fc.integer({ min: 0, max: (1 << INTERESTS.length) - 1 }),
  languages: fc.integer({ min: 1, max: 7 }),
  availability: fc.integer({ min: 0, max: (1 << SLOTS.length) - 1 }),
  ways: fc.integer({ min: 1, max: 15 }),
  experiences: fc.integer({ min: 0, max: 1023 }),
  latitude: fc.option(fc.double({ min: CENTRE.latitude - 0.1, max: CENTRE.latitude + 0.1, noNaN: true }), {
    nil: null,
  }),
  longitude: fc.double({ min: CENTRE.longitude - 0.1, max: CENTRE.longitude + 0.1, noNaN: true }),
  travelMiles: fc.constantFrom(0, 1, 2, 5, 10),
  gender: fc.constantFrom('woman' as const, 'man' as const, 'other' as const, 'unsaid' as const),
  prefers: fc.constantFrom('any' as const, 'woman' as const, 'man' as const),
  waitingSince: fc.integer({ min: 0, max: 400 }).map((d) => new Date(NOW.getTime() - d * 86_400_000).toISOString()),
});

describe('who might suit whom', () => {
  test('a neighbour who prefers a woman is never offered a man, nor anyone who has not said', () => {
    const edna = someone({ side: 'neighbour', gender: 'woman', prefers: 'woman' });
    const found = suggest(
      edna,
      [
        someone({ id: 'kemi', gender: 'woman' }),
        someone({ id: 'harold', gender: 'man' }),
        someone({ id: 'sam', gender: 'unsaid' }),
      ],
      'befriending',
      NOW,
    );
    assert.deepEqual(
      found.map((s) => s.profileId),
      ['kemi'],
    );
  });

  test('people with no language in common are not suggested; a shared first language other than English is a reason', () => {
    const nasreen = someone({ side: 'neighbour', languages: bitsOf(LANGUAGES, ['ur', 'pa']) });
    const found = suggest(
      nasreen,
      [someone({ id: 'english-only' }), someone({ id: 'aisha', languages: bitsOf(LANGUAGES, ['en', 'ur']) })],
      'befriending',
      NOW,
    );
    assert.deepEqual(
      found.map((s) => s.profileId),
      ['aisha'],
    );
    assert.deepEqual(
      found[0]!.reasons.find((r) => r.kind === 'language'),
      { kind: 'language', languages: ['ur'] },
    );
  });

  test('someone who only wants visits at home is not offered a volunteer beyond reach, but a phone befriender is fine at any distance', () => {
    const far = { latitude: CENTRE.latitude + 0.2, longitude: CENTRE.longitude };
    const arthur = someone({ side: 'neighbour', ways: bitsOf(WAYS, ['home', 'phone']), travelMiles: 0 });
    const found = suggest(
      arthur,
      [
        someone({ id: 'far-visitor', ...far, travelMiles: 5 }),
        someone({ id: 'far-caller', ...far, ways: bitsOf(WAYS, ['phone']) }),
      ],
      'befriending',
      NOW,
    );
    assert.deepEqual(
      found.map((s) => s.profileId),
      ['far-caller'],
    );
    assert.equal(
      found[0]!.reasons.some((r) => r.kind === 'remote'),
      true,
    );
  });

  test('no time in common means no suggestion; "any time" fits everyone', () => {
    const monday = someone({ side: 'neighbour', availability: bitsOf(SLOTS, ['MO_morning']) });
    assert.equal(couldMeet(monday, someone({ availability: bitsOf(SLOTS, ['TU_morning']) })), null);
    assert.notEqual(couldMeet(monday, someone({ availability: 0 })), null);
  });

  test('shared interests, nearness and a long wait raise a candidate; the better match comes first', () => {
    const edna = someone({
      side: 'neighbour',
      interests: bitsOf(INTERESTS, ['gardening', 'music']),
      availability: bitsOf(SLOTS, ['TU_morning']),
    });
    const kemi = someone({
      id: 'kemi',
      interests: bitsOf(INTERESTS, ['gardening', 'music']),
      availability: bitsOf(SLOTS, ['TU_morning']),
    });
    const harold = someone({
      id: 'harold',
      interests: bitsOf(INTERESTS, ['history']),
      availability: bitsOf(SLOTS, ['TU_morning']),
    });
    const found = suggest(edna, [harold, kemi], 'befriending', NOW);
    assert.deepEqual(
      found.map((s) => s.profileId),
      ['kemi', 'harold'],
    );
    assert.deepEqual(
      found[0]!.reasons.find((r) => r.kind === 'interests'),
      { kind: 'interests', interests: ['gardening', 'music'] },
    );
  });

  test('lived experience counts for peer support, not for befriending', () => {
    const seeker = someone({ side: 'neighbour', experiences: 1 });
    const peer = someone({ experiences: 1 });
    assert.equal(
      assess(seeker, peer, 'peer_support', NOW)!.reasons.some((r) => r.kind === 'experiences'),
      true,
    );
    assert.equal(
      assess(seeker, peer, 'befriending', NOW)!.reasons.some((r) => r.kind === 'experiences'),
      false,
    );
  });

  test('every suggestion could really meet, on the other side, best first, never more than asked', () => {
    fc.assert(
      fc.property(
        arbitraryProfile,
        fc.array(arbitraryProfile, { maxLength: 40 }),
        fc.integer({ min: 1, max: 10 }),
        (seeker, candidates, limit) => {
          const found = suggest(seeker, candidates, 'peer_support', NOW, limit);
          assert.ok(found.length <= limit);
          const byId = new Map(candidates.map((c) => [c.id, c]));
          for (const s of found) {
            const c = byId.get(s.profileId)!;
            assert.notEqual(c.side, seeker.side);
            assert.ok((c.languages & seeker.languages) !== 0);
            assert.ok(seeker.prefers === 'any' || seeker.prefers === c.gender);
            assert.ok(c.prefers === 'any' || c.prefers === seeker.gender);
          }
          for (let i = 1; i < found.length; i++) assert.ok(found[i - 1]!.score >= found[i]!.score);
          // Nobody who could meet the seeker is left out while someone worse is in.
          const all = candidates.map((c) => assess(seeker, c, 'peer_support', NOW)).filter((s) => s !== null);
          if (found.length === limit && found.length)
            assert.ok(
              all.every((s) => found.some((f) => f.profileId === s.profileId) || s.score <= found.at(-1)!.score),
            );
          else assert.equal(found.length, new Set(all.map((s) => s.profileId)).size);
        },
      ),
    );
  });

  test('whether two people could meet does not depend on who is asking', () => {
    fc.assert(
      fc.property(arbitraryProfile, arbitraryProfile, (a, b) => {
        assert.equal(couldMeet(a, b) === null, couldMeet(b, a) === null);
      }),
    );
  });
});

describe('how a scheme is doing', () => {
  test('introductions and waits in the year, matches going now, and how ended ones ended and lasted', async () => {
    const { schemeFigures } = await import('./figures.js');
    const since = '2025-11-23T00:00:00.000Z';
    const match = (m: Partial<Match>) => ({
      id: Math.random().toString(36),
      placeId: 'p',
      schemeId: 's',
      organisationId: 'o',
      volunteerProfileId: 'v',
      neighbourProfileId: 'n',
      status: 'active' as const,
      reasons: '[]',
      waitedDays: 0,
      introducedAt: '2026-06-01T00:00:00.000Z',
      startedAt: '2026-06-08T00:00:00.000Z',
      endedAt: null,
      endReason: null,
      lastCheckinOn: null,
      ...m,
    });
    const figures = schemeFigures(
      [
        match({ waitedDays: 10 }),
        match({ waitedDays: 30, status: 'introduced', startedAt: null }),
        match({ waitedDays: 20, status: 'ended', endedAt: '2026-08-03T00:00:00.000Z', endReason: 'moved' }),
        // Introduced before the year, ended in it: counts as ended, not as introduced.
        match({
          waitedDays: 99,
          introducedAt: '2025-01-01T00:00:00.000Z',
          startedAt: '2025-01-08T00:00:00.000Z',
          status: 'ended',
          endedAt: '2026-01-08T00:00:00.000Z',
          endReason: 'run_its_course',
        }),
      ],
      since,
    );
    assert.deepEqual(figures, {
      introduced: 3,
      medianWaitDays: 20,
      awaitingFirstMeeting: 1,
      underWay: 1,
      ended: 2,
      endedBy: [
        { reason: 'moved', count: 1 },
        { reason: 'run_its_course', count: 1 },
      ],
      medianWeeks: (8 + 52) / 2,
    });
    assert.deepEqual(schemeFigures([], since), {
      introduced: 0,
      medianWaitDays: null,
      awaitingFirstMeeting: 0,
      underWay: 0,
      ended: 0,
      endedBy: [],
      medianWeeks: null,
    });
  });
});
