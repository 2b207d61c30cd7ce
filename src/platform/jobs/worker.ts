import type { Kith } from '../../kith.js';
// Job kinds are named "<module>/<what>" (never dotted like message keys).
import type { JobHandler } from '../../modules/module.js';
import { claimNextJob, deleteOldJobs, enqueueJob, failJob, finishJob } from './store.js';

/**
 * Runs queued jobs (emails, reminders) in the server process. Any number of
 * processes may run one: a job is leased to one worker at a time.
 */
export class JobWorker {
  readonly #handlers = new Map<string, JobHandler>();
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #stopped = true;
  /** A kick that came while a pass was running: that pass only claims what was due when it began. */
  #kicked = false;

  constructor(private readonly kith: Kith) {
    for (const module of kith.modules) {
      for (const [kind, handler] of Object.entries(module.jobs ?? {})) this.#handlers.set(kind, handler);
    }
  }

  start(): void {
    this.#stopped = false;
    this.#schedule(0);
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    await this.#running;
  }

  /** Look for work now rather than at the next poll (after a request queued some). */
  kick(): void {
    if (this.#stopped) return;
    if (this.#running) this.#kicked = true;
    else this.#schedule(0);
  }

  #schedule(delay: number) {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#kicked = false;
      this.#running = this.runDue()
        .then(() => undefined)
        .catch((error: unknown) => this.kith.log.error({ err: error }, 'job worker failed'))
        .finally(() => {
          this.#running = undefined;
          if (!this.#stopped) this.#schedule(this.#kicked ? 0 : this.kith.config.jobsPollMs);
        });
    }, delay);
    this.#timer.unref();
  }

  /** Runs every job that is due now; returns how many ran. Tests call this directly. */
  async runDue(now = new Date()): Promise<number> {
    await this.#enqueueScheduled(now);
    let ran = 0;
    for (;;) {
      const job = await claimNextJob(this.kith.db, now);
      if (!job) return ran;
      ran++;
      const handler = this.#handlers.get(job.kind);
      const started = performance.now();
      try {
        if (!handler) throw new Error(`No handler for job kind "${job.kind}"`);
        await handler(JSON.parse(job.payload), { kith: this.kith, jobId: job.id, placeId: job.place_id });
        await finishJob(this.kith.db.kysely, job.id);
        // Debug, not info: scheduled jobs run every few minutes and would bury what matters.
        this.kith.log.debug(
          { event: 'job.done', job: job.id, kind: job.kind, ms: Math.round(performance.now() - started) },
          'job done',
        );
      } catch (error) {
        const gaveUp = await failJob(this.kith.db.kysely, job, error instanceof Error ? error.message : String(error));
        const fields = { event: gaveUp ? 'job.failed' : 'job.retry', err: error, job: job.id, kind: job.kind };
        if (gaveUp) this.kith.log.error(fields, 'job failed for the last time; it will not be tried again');
        else this.kith.log.warn(fields, 'job failed; it will be tried again');
      }
    }
  }

  async #enqueueScheduled(now: Date) {
    for (const module of this.kith.modules) {
      for (const schedule of module.schedules ?? []) {
        const slot = Math.floor(now.getTime() / (schedule.everyMinutes * 60_000));
        await enqueueJob(this.kith.db.kysely, {
          kind: schedule.kind,
          payload: null,
          runAt: now,
          dedupeKey: `${schedule.kind}@${slot}`,
        });
      }
    }
  }
}

export const jobsHousekeeping: Record<string, JobHandler> = {
  'jobs/clean': async (_payload, { kith }) => {
    await deleteOldJobs(kith.db.kysely, new Date());
  },
};
