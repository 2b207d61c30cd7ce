import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { KithMigration } from '../db/migrate.js';
import type { Trx, Queryable } from '../db/index.js';
import type { Kith } from '../kith.js';
import type { PolicyRules } from '../policy/index.js';

export type Messages = Record<string, string>;

export interface JobContext {
  kith: Kith;
  jobId: string;
  placeId: string | null;
}
export type JobHandler = (payload: unknown, ctx: JobContext) => Promise<void>;

/**
 * What a capability brings to Kith. A module is one folder under src/modules (or
 * src/platform for the parts every capability uses) and one line in
 * src/modules/index.ts; deleting both removes the capability.
 */
export interface KithModule {
  name: string;
  migrations?: Record<string, KithMigration>;
  /** English and Welsh strings; Welsh must have every English key (a test checks). */
  messages?: { en: Messages; cy: Messages };
  /** The module's rules for the one authorisation module (src/policy). */
  policy?: PolicyRules;
  /** Folder of Nunjucks templates, looked up by `<module>/<file>.njk`. */
  viewsDir?: string;
  routes?: (app: FastifyInstance, kith: Kith) => void | Promise<void>;
  /** What this module offers on a place's home page, for this person (message keys). */
  placeLinks?: (
    request: FastifyRequest,
    place: { id: string; slug: string },
  ) => Array<{ key: string; hintKey: string; href: string; order: number }>;
  /** Links this module adds to the header's navigation for this request (message keys). */
  navigation?: (request: FastifyRequest) => Array<{ key: string; href: string; order: number }>;
  jobs?: Record<string, JobHandler>;
  /** Work a running server repeats on a timer (reminders, clean-ups), as jobs. */
  schedules?: Array<{ kind: string; everyMinutes: number }>;
  personalData?: {
    /** Everything this module holds about the person, for their download. */
    export?: (db: Queryable, personId: string) => Promise<Record<string, unknown>>;
    /** Remove or anonymise it, inside the erasure's transaction (with Kith, for what that sets off, such as emails to others). */
    erase?: (trx: Trx, personId: string, kith: Kith) => Promise<void>;
    /** A reason the person cannot be erased yet (e.g. last admin of a place), shown to them. */
    blockers?: (db: Queryable, personId: string) => Promise<Array<{ key: string; params?: Record<string, string> }>>;
  };
  /** Adds this module's part of the demo place. Runs in module order. */
  demo?: (kith: Kith, demo: DemoState) => Promise<void>;
}

/** What earlier modules' demo steps made, for later ones to build on. */
export interface DemoState {
  places: Record<string, { id: string; slug: string; name: string }>;
  people: Record<string, { id: string; email: string; name: string }>;
  password: string;
  [more: string]: unknown;
}
