import { randomUUID } from 'node:crypto';
import { nowIso, type Queryable } from '../../db/index.js';
import type { DevMailTable } from './schema.js';

export type DevMail = DevMailTable;

export async function keepDevMail(db: Queryable, mail: Omit<DevMailTable, 'id' | 'created_at'>): Promise<void> {
  await db
    .insertInto('dev_mail')
    .values({ ...mail, id: randomUUID(), created_at: nowIso() })
    .execute();
}

export async function listDevMail(db: Queryable, limit = 100): Promise<DevMail[]> {
  return db.selectFrom('dev_mail').selectAll().orderBy('created_at', 'desc').orderBy('id').limit(limit).execute();
}

export async function findDevMail(db: Queryable, id: string): Promise<DevMail | undefined> {
  return db.selectFrom('dev_mail').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function devMailFor(db: Queryable, personId: string): Promise<DevMail[]> {
  return db.selectFrom('dev_mail').selectAll().where('person_id', '=', personId).orderBy('created_at').execute();
}

export async function deleteDevMailFor(db: Queryable, personId: string): Promise<void> {
  await db.deleteFrom('dev_mail').where('person_id', '=', personId).execute();
}
