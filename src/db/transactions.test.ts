import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestKith, type TestKith } from '../testing.js';

/** Transactions as every module relies on them, on both databases. */
let t: TestKith;
before(async () => {
  t = await startTestKith();
});
after(() => t.close());

const settingOf = async (key: string) =>
  (await t.kith.db.kysely.selectFrom('instance_settings').select('value').where('key', '=', key).executeTakeFirst())
    ?.value;

describe('transactions', () => {
  test('a savepoint rolls back only what came after it, and the rest commits', async () => {
    // Kysely's controlled transactions offer savepoints; Kith's SQLite driver once lost them.
    const trx = await t.kith.db.kysely.startTransaction().execute();
    await trx.insertInto('instance_settings').values({ key: 'kept', value: 'yes' }).execute();
    const inner = await trx.savepoint('inner').execute();
    await inner.insertInto('instance_settings').values({ key: 'undone', value: 'yes' }).execute();
    await inner.rollbackToSavepoint('inner').execute();
    const again = await trx.savepoint('again').execute();
    await again.insertInto('instance_settings').values({ key: 'released', value: 'yes' }).execute();
    await again.releaseSavepoint('again').execute();
    await trx.commit().execute();
    assert.equal(await settingOf('kept'), 'yes');
    assert.equal(await settingOf('undone'), undefined);
    assert.equal(await settingOf('released'), 'yes');
  });

  test('a failed transaction leaves nothing behind, and the next one runs', async () => {
    await assert.rejects(
      t.kith.db.transaction(async (trx) => {
        await trx.insertInto('instance_settings').values({ key: 'half', value: 'written' }).execute();
        throw new Error('refused');
      }),
      /refused/,
    );
    assert.equal(await settingOf('half'), undefined);
    await t.kith.db.transaction((trx) =>
      trx.insertInto('instance_settings').values({ key: 'next', value: 'ok' }).execute(),
    );
    assert.equal(await settingOf('next'), 'ok');
  });

  test('read-check-write transactions started at once never both see the room that only one can take', async () => {
    // Each reads the count, and writes only while fewer than 1 are taken: one must win.
    const claims = Array.from({ length: 20 }, (_, i) =>
      t.kith.db.transaction(
        async (trx) => {
          const taken = await trx
            .selectFrom('instance_settings')
            .select('key')
            .where('key', 'like', 'seat:%')
            .execute();
          if (taken.length >= 1) return false;
          await new Promise((r) => setTimeout(r, 2));
          await trx
            .insertInto('instance_settings')
            .values({ key: `seat:${i}`, value: 'taken' })
            .execute();
          return true;
        },
        { serializable: true },
      ),
    );
    const won = (await Promise.all(claims)).filter(Boolean).length;
    assert.equal(won, 1);
  });
});
