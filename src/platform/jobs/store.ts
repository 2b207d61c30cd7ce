import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { nowIso, type Db, type Queryable } from '../../db/index.js';
import type { JobTable } from './schema.js';

export interface NewJob {
  kind: string;
  payload: unknown;
  placeId?: string | null;
  personId?: string | null;
  runAt?: Date;
  dedupeKey?: string;
}

/**
 * Queue work to happen after the current transaction commits. Call it with the
 * transaction of the change that causes it, so the two commit or vanish together.
 * With a dedupe key, a second enqueue of the same key is a no-op.
 */
export async function enqueueJob(db: Queryable, job: NewJob): Promise<void> {
  await db
    .insertInto('jobs')
    .values({
      id: randomUUID(),
      place_id: job.placeId ?? null,
      person_id: job.personId ?? null,
      kind: job.kind,
      payload: JSON.stringify(job.payload ?? null),
      status: 'pending',
      run_at: (job.runAt ?? new Date()).toISOString(),
      attempts: 0,
      locked_until: null,
      last_error: null,
      dedupe_key: job.dedupeKey ?? null,
      created_at: nowIso(),
      finished_at: null,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .execute();
}

export type ClaimedJob = Pick<JobTable, 'id' | 'kind' | 'payload' | 'attempts' | 'place_id'>;

const LEASE_MS = 5 * 60_000;

/**
 * Take the next due job, leasing it so no other worker takes it too. A job whose
 * worker died is taken again once its lease runs out.
 */
export async function claimNextJob(db: Db, now = new Date()): Promise<ClaimedJob | undefined> {
  const nowText = now.toISOString();
  const leaseUntil = new Date(now.getTime() + LEASE_MS).toISOString();
  return db.transaction(async (trx) => {
    let query = trx
      .selectFrom('jobs')
      .select(['id', 'kind', 'payload', 'attempts', 'place_id'])
      .where((eb) =>
        eb.or([
          eb.and([eb('status', '=', 'pending'), eb('run_at', '<=', nowText)]),
          eb.and([eb('status', '=', 'running'), eb('locked_until', '<', nowText)]),
        ]),
      )
      .orderBy('run_at')
      .limit(1);
    if (db.dialect === 'postgres') query = query.forUpdate().skipLocked();
    const job = await query.executeTakeFirst();
    if (!job) return undefined;
    await trx
      .updateTable('jobs')
      .set({ status: 'running', locked_until: leaseUntil, attempts: job.attempts + 1 })
      .where('id', '=', job.id)
      .execute();
    return { ...job, attempts: job.attempts + 1 };
  });
}

export async function finishJob(db: Queryable, id: string): Promise<void> {
  await db
    .updateTable('jobs')
    .set({ status: 'done', locked_until: null, finished_at: nowIso() })
    .where('id', '=', id)
    .execute();
}

const MAX_ATTEMPTS = 8;

/** Try again later, waiting longer each time; give up after a few attempts. */
/** Puts the job back to be tried later, or gives up after the last attempt (returns true then). */
export async function failJob(db: Queryable, job: ClaimedJob, error: string): Promise<boolean> {
  const giveUp = job.attempts >= MAX_ATTEMPTS;
  const retryAt = new Date(Date.now() + 2 ** job.attempts * 15_000).toISOString();
  await db
    .updateTable('jobs')
    .set({
      status: giveUp ? 'failed' : 'pending',
      run_at: giveUp ? sql<string>`run_at` : retryAt,
      locked_until: null,
      last_error: error.slice(0, 2000),
      finished_at: giveUp ? nowIso() : null,
    })
    .where('id', '=', job.id)
    .execute();
  return giveUp;
}

/**
 * Finished jobs may carry personal data in their payload (an email), so they are kept
 * only as long as someone might need to look into a problem: done ones a week, failed
 * ones a month.
 */
export async function deleteOldJobs(db: Queryable, now: Date): Promise<number> {
  const week = new Date(now.getTime() - 7 * 24 * 3600_000).toISOString();
  const month = new Date(now.getTime() - 30 * 24 * 3600_000).toISOString();
  const result = await db
    .deleteFrom('jobs')
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'done'), eb('finished_at', '<', week)]),
        eb.and([eb('status', '=', 'failed'), eb('finished_at', '<', month)]),
      ]),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Erasure: drop every queued or finished job about the person (emails to them, say). */
export async function deleteJobsOf(db: Queryable, personId: string): Promise<void> {
  await db.deleteFrom('jobs').where('person_id', '=', personId).execute();
}

export async function countJobs(db: Queryable, status: JobTable['status']): Promise<number> {
  const row = await db
    .selectFrom('jobs')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', status)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
