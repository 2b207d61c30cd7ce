import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestKith, type TestKith } from '../../testing.js';
import { once } from './index.js';

let t: TestKith;
before(async () => {
  t = await startTestKith();
});
after(() => t.close());

describe('submitting once', () => {
  test('a repeated key gets the first answer without doing the work again', async () => {
    let runs = 0;
    const work = async () => ({ made: ++runs });
    const first = await once(t.kith.db, 'test.command', { owner: 'person-1', key: 'k1' }, work);
    const second = await once(t.kith.db, 'test.command', { owner: 'person-1', key: 'k1' }, work);
    assert.deepEqual(first, { result: { made: 1 }, repeated: false });
    assert.deepEqual(second, { result: { made: 1 }, repeated: true });
    assert.equal(runs, 1);
  });

  test('keys belong to their owner: another person’s same key is a new submission', async () => {
    let runs = 0;
    await once(t.kith.db, 'test.command', { owner: 'person-1', key: 'shared' }, async () => ++runs);
    await once(t.kith.db, 'test.command', { owner: 'person-2', key: 'shared' }, async () => ++runs);
    assert.equal(runs, 2);
  });

  test('if the work fails nothing is kept, and a retry runs it', async () => {
    let runs = 0;
    await assert.rejects(
      once(t.kith.db, 'test.command', { owner: 'p', key: 'fails-first' }, async () => {
        runs++;
        throw new Error('refused');
      }),
    );
    const retry = await once(t.kith.db, 'test.command', { owner: 'p', key: 'fails-first' }, async () => ++runs);
    assert.deepEqual(retry, { result: 2, repeated: false });
  });

  test('the same key submitted many times at once does the work exactly once', async () => {
    let runs = 0;
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        once(t.kith.db, 'test.command', { owner: 'p', key: 'race' }, async () => {
          runs++;
          await new Promise((r) => setTimeout(r, 5));
          return 'done';
        }),
      ),
    );
    assert.equal(runs, 1);
    assert.ok(results.every((r) => r.result === 'done'));
    assert.equal(results.filter((r) => !r.repeated).length, 1);
  });
});
