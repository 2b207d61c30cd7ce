import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { startTestKith, type TestKith } from '../../testing.js';
import { insertPerson } from '../people/index.js';
import { insertPlace } from '../places/index.js';
import { wellbeingDays, wellbeingDaysFromAnswers, wellbeingSums } from './report-store.js';
import { deleteRecordsOfPerson, insertRecord, saveWellbeing, touchRecord } from './store.js';
import { ONS4_ITEMS } from './wellbeing-rules.js';

let t: TestKith;
let placeId: string;
let workerId: string;
before(async () => {
  t = await startTestKith();
  placeId = (await insertPlace(t.kith.db.kysely, { slug: 'sums', name: 'Sums' })).id;
  workerId = (
    await insertPerson(t.kith.db.kysely, {
      name: 'Worker',
      email: 'worker@sums.example',
      passwordHash: null,
      language: 'en',
      emailConfirmed: true,
    })
  ).id;
});
after(() => t.close());

const answer = fc.integer({ min: 0, max: 10 });
const save = fc.record({
  record: fc.integer({ min: 0, max: 3 }),
  timepoint: fc.constantFrom('referral' as const, '3m' as const, '6m' as const),
  day: fc.integer({ min: 1, max: 60 }),
  values: fc.tuple(answer, answer, answer, answer),
});

describe('the day sums reports read', () => {
  test('after any sequence of answers saved, corrected, given out of order or erased, they equal the sums of the answers themselves', async () => {
    const scope = { placeId, from: '2026-01-01', to: '2026-12-31' };
    await fc.assert(
      fc.asyncProperty(fc.array(save, { minLength: 1, maxLength: 12 }), fc.boolean(), async (saves, erase) => {
        const person = await insertPerson(t.kith.db.kysely, {
          name: 'P',
          email: `p${Math.random()}@sums.example`,
          passwordHash: null,
          language: 'en',
          emailConfirmed: true,
        });
        const records = await Promise.all(
          [0, 1, 2, 3].map(() =>
            insertRecord(t.kith.db.kysely, {
              place_id: placeId,
              person_id: null,
              name: 'N',
              preferred_name: 'N',
              email: null,
              phone: null,
              how_to_contact: '',
              access_needs: '',
              referred_from: '',
              holder_id: workerId,
            }),
          ),
        );
        await touchRecord(t.kith.db.kysely, records[0]!, { person_id: person.id });
        await t.kith.db.transaction(async (trx) => {
          for (const s of saves) {
            const answeredOn = new Date(Date.UTC(2026, 0, s.day)).toISOString().slice(0, 10);
            const [life, worthwhile, happy, anxious] = s.values;
            await saveWellbeing(trx, {
              place_id: placeId,
              record_id: records[s.record]!,
              instrument: 'ons4',
              timepoint: s.timepoint,
              answered_on: answeredOn,
              life,
              worthwhile,
              happy,
              anxious,
              answers: null,
              total: null,
              recorded_by: workerId,
            });
          }
          if (erase) await deleteRecordsOfPerson(trx, person.id);
        });
        const kept = await wellbeingDays(t.kith.db.kysely, scope, 'ons4');
        const fresh = await wellbeingDaysFromAnswers(t.kith.db.kysely, scope, 'ons4', ONS4_ITEMS);
        const byDay = (rows: Array<Record<string, unknown>>) =>
          Object.fromEntries(
            rows
              .map((r) => [
                `${r.answered_on}|${r.timepoint}`,
                ['n', 'dn', ...ONS4_ITEMS.flatMap((i) => [`s_${i}`, `ds_${i}`, `dq_${i}`])].map((k) =>
                  Number(r[k] ?? 0),
                ),
              ])
              .filter(([, v]) => (v as number[]).some((x) => x !== 0)),
          );
        assert.deepEqual(byDay(kept), byDay(fresh));
      }),
      { numRuns: 25 },
    );
    const summed = await wellbeingSums(t.kith.db.kysely, scope, 'ons4');
    assert.ok(summed.months.length > 0);
  });
});
