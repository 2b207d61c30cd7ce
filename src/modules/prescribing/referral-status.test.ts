import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import {
  checkTransition,
  DECLINE_REASONS,
  isFinal,
  isStalled,
  NOT_ATTENDED_REASONS,
  REFERRAL_STATUSES,
  SNOMED,
  snomedFor,
  STILL_GOING_DAYS,
  TRANSITIONS,
  type ReferralStatus,
} from './referral-status.js';

const DAY = 86_400_000;
const reasonFor = (to: ReferralStatus) => (to === 'declined' ? 'full' : to === 'did_not_attend' ? 'transport' : null);

describe('a referral’s statuses', () => {
  test('the happy path runs from sent to still going at 3 months', () => {
    const start = Date.parse('2026-01-01T10:00:00Z');
    let current = { status: 'sent' as ReferralStatus, attendedAt: null as string | null };
    const steps: Array<[ReferralStatus, number]> = [
      ['accepted', 1],
      ['first_contact', 3],
      ['attended', 7],
      ['still_going', 7 + STILL_GOING_DAYS],
    ];
    for (const [to, day] of steps) {
      const at = new Date(start + day * DAY).toISOString();
      assert.deepEqual(checkTransition(current, { to, at }), { ok: true });
      current = { status: to, attendedAt: to === 'attended' ? at : current.attendedAt };
    }
    assert.ok(isFinal(current.status));
  });

  test('any sequence of changes is accepted exactly when the transition table allows it, with a reason where one is needed', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            to: fc.constantFrom(...REFERRAL_STATUSES),
            reason: fc.option(fc.constantFrom(...DECLINE_REASONS, ...NOT_ATTENDED_REASONS, 'nonsense', ''), {
              nil: null,
            }),
            days: fc.integer({ min: 0, max: 200 }),
          }),
          { maxLength: 12 },
        ),
        (changes) => {
          let status: ReferralStatus = 'sent';
          let attendedAt: string | null = null;
          let now = Date.parse('2026-01-01T00:00:00Z');
          for (const change of changes) {
            now += change.days * DAY;
            const at = new Date(now).toISOString();
            const result = checkTransition({ status, attendedAt }, { to: change.to, reason: change.reason, at });
            const allowed = TRANSITIONS[status].includes(change.to);
            const reasons: readonly string[] | undefined =
              change.to === 'declined'
                ? DECLINE_REASONS
                : change.to === 'did_not_attend'
                  ? NOT_ATTENDED_REASONS
                  : undefined;
            const reasonOk = !reasons || reasons.includes(change.reason ?? '');
            const timeOk: boolean =
              change.to !== 'still_going' ||
              (attendedAt !== null && now - Date.parse(attendedAt) >= STILL_GOING_DAYS * DAY);
            assert.equal(result.ok, allowed && reasonOk && timeOk, `${status} → ${change.to} (${change.reason})`);
            if (!allowed) assert.deepEqual(result, { ok: false, refusal: 'prescribing.status.notAllowed' });
            if (result.ok) {
              status = change.to;
              if (change.to === 'attended') attendedAt = at;
            }
          }
        },
      ),
    );
  });

  test('an ended referral can go nowhere, and nothing returns to sent', () => {
    for (const status of REFERRAL_STATUSES) {
      for (const to of REFERRAL_STATUSES) {
        const result = checkTransition(
          { status, attendedAt: '2020-01-01T00:00:00Z' },
          { to, reason: reasonFor(to), at: '2026-01-01T00:00:00Z' },
        );
        if (isFinal(status) || to === 'sent') assert.equal(result.ok, false, `${status} → ${to}`);
      }
    }
  });

  test('a decline or a "did not attend" needs one of its own reasons', () => {
    const at = '2026-01-02T00:00:00Z';
    assert.deepEqual(checkTransition({ status: 'sent', attendedAt: null }, { to: 'declined', at }), {
      ok: false,
      refusal: 'prescribing.status.reasonRequired',
    });
    assert.deepEqual(
      checkTransition({ status: 'sent', attendedAt: null }, { to: 'declined', reason: 'transport', at }),
      { ok: false, refusal: 'prescribing.status.reasonUnknown' },
    );
    assert.deepEqual(
      checkTransition({ status: 'accepted', attendedAt: null }, { to: 'did_not_attend', reason: 'transport', at }),
      { ok: true },
    );
  });

  test('"still going" waits three months from the first attendance', () => {
    const attendedAt = '2026-01-01T00:00:00Z';
    const early = new Date(Date.parse(attendedAt) + (STILL_GOING_DAYS - 1) * DAY).toISOString();
    const due = new Date(Date.parse(attendedAt) + STILL_GOING_DAYS * DAY).toISOString();
    assert.deepEqual(checkTransition({ status: 'attended', attendedAt }, { to: 'still_going', at: early }), {
      ok: false,
      refusal: 'prescribing.status.tooSoon',
    });
    assert.deepEqual(checkTransition({ status: 'attended', attendedAt }, { to: 'still_going', at: due }), { ok: true });
  });

  test('SNOMED CT: referred at first contact, declined only when the person declined', () => {
    assert.equal(snomedFor({ to: 'first_contact' }), SNOMED.referred.code);
    assert.equal(SNOMED.referred.code, '871731000000106');
    assert.equal(snomedFor({ to: 'declined', reason: 'person_declined' }), '871711000000103');
    assert.equal(snomedFor({ to: 'declined', reason: 'full' }), null);
    assert.equal(snomedFor({ to: 'accepted' }), null);
  });

  test('a referral stalls after 14 days waiting at sent, accepted or first contact, never once ended or attended', () => {
    const now = new Date('2026-02-01T00:00:00Z');
    const old = '2026-01-17T00:00:00Z';
    const recent = '2026-01-20T00:00:00Z';
    for (const status of REFERRAL_STATUSES) {
      assert.equal(
        isStalled({ status, lastChangeAt: old }, now),
        ['sent', 'accepted', 'first_contact'].includes(status),
        status,
      );
      assert.equal(isStalled({ status, lastChangeAt: recent }, now), false);
    }
  });
});
