import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { SelectQueryBuilder } from 'kysely';
import type { KithMigration } from '../db/migrate.js';
import type { Trx, Queryable } from '../db/index.js';
import type { Kith } from '../kith.js';
import type { PolicyRules } from '../policy/index.js';
import { addDays, type IsoDate } from '../platform/dates.js';

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
  /**
   * The figures this module offers the place's insight pages (capability 13). Each is
   * defined once, here, and every page that shows it (the module's own included) uses
   * the same definition, so a number is the same wherever it appears.
   */
  figures?: FigureDefinition[];
  /**
   * Who took part in this module in a period: a query of person ids (a column named
   * `person_id`, any number of rows per person), which insight unions across modules to
   * count each person once.
   */
  participants?: (db: Queryable, placeId: string, period: Period) => ParticipantsQuery;
  /**
   * Minutes of time people gave through this module in a period (volunteering, exchanges,
   * small acts, credits issued for time), counting only what no other module's
   * `timeGiven` counts: insight adds them up into the place's one "hours given", so an
   * hour that also earned a time credit is counted once, by the module that holds it.
   */
  timeGiven?: {
    /** What the time was given as ("volunteering", "exchanges and small acts"), for the breakdown. */
    labelKey: string;
    minutes: (db: Queryable, placeId: string, period: Period) => Promise<number>;
    /** Who gave that time: fewer people than the threshold, and the minutes are theirs, so they are hidden. */
    givenBy: (db: Queryable, placeId: string, period: Period) => ParticipantsQuery;
  };
  /** Commands this module adds to the `kith` command line (imports, tallies, checks). */
  commands?: KithCommand[];
  /** Adds this module's part of the demo place. Runs in module order. */
  demo?: (kith: Kith, demo: DemoState) => Promise<void>;
}

/** What earlier modules' demo steps made, for later ones to build on. */
export interface DemoState {
  places: Record<string, { id: string; slug: string; name: string }>;
  people: Record<string, { id: string; email: string; name: string }>;
  password: string;
  /**
   * Calderbrook's demo residents (person ids), when the demo is asked for them: the
   * people module makes them, and other modules' demos have them take part.
   */
  residents?: string[];
  [more: string]: unknown;
}

/** A span of time for figures: from (inclusive) to (exclusive), as UTC ISO instants. */
export interface Period {
  from: string;
  to: string;
}

/**
 * The period of whole days from one date to another (both included), as the reports
 * count them: each day from midnight UTC, so a figure for a date column (a session's
 * day, hours worked on a day) and one for an instant agree on which days they cover.
 */
export function periodOfDays(from: IsoDate, to: IsoDate): Period {
  return { from: `${from}T00:00:00.000Z`, to: `${addDays(to, 1)}T00:00:00.000Z` };
}

/** The first and last day (both included) of a period of whole days, for date columns and the reports' scopes. */
export function daysOf(period: Period): { from: IsoDate; to: IsoDate } {
  return { from: period.from.slice(0, 10), to: addDays(period.to.slice(0, 10), -1) };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each module's query starts from its own tables
export type ParticipantsQuery = SelectQueryBuilder<any, any, { person_id: string }>;

/** One figure a module offers for the place (hours given, grants awarded, spaces booked...). */
export interface FigureDefinition {
  /** The module's name, a dot and the figure's name, e.g. volunteering.hoursGiven. */
  id: string;
  /** Catalogue keys: the figure's name, and one sentence saying exactly what it counts. */
  labelKey: string;
  definitionKey: string;
  /** People are counted once each; time is in minutes; money in pence. */
  unit: 'people' | 'minutes' | 'count' | 'pence';
  /** The module's own page that shows the same figure, for a place (a test checks they agree). */
  href?: (placeSlug: string) => string;
  /** The figure for a place over a period. Small counts of people are suppressed where shown, not here. */
  value: (db: Queryable, placeId: string, period: Period) => Promise<number>;
  /**
   * Where the figure adds up what people gave themselves (their hours): who gave it. From
   * fewer people than the threshold it is theirs (one volunteer's month), so it is hidden
   * wherever it is shown, as a small count of people is.
   */
  givenBy?: (db: Queryable, placeId: string, period: Period) => ParticipantsQuery;
}

/** Where a command writes: the terminal, or a test's buffer. */
export interface CommandOutput {
  out(text: string): void;
  err(text: string): void;
}

/**
 * A command of the `kith` command line that a module brings. The command line parses
 * it (commander), answers --help, refuses unknown options and missing arguments with
 * one line and exit code 2, and gives `run` a migrated Kith.
 */
export interface KithCommand {
  /** The words that name it: `import oruk`, `ledger verify`, `grants tally`. */
  name: string;
  /** One line for the help. */
  summary: string;
  /** Positional arguments in commander's syntax, each with a description: [['<file>', 'the CSV to read']]. */
  arguments?: Array<[name: string, description: string]>;
  /** Options in commander's syntax: [['--place <slug>', 'the place to import into', { required: true }]]. */
  options?: Array<[flags: string, description: string, settings?: { required?: boolean; default?: string | boolean }]>;
  /** Read the database as it stands, without migrating it first (a backup). */
  migrate?: false;
  /** The exit code: 0 done, 1 it failed (said why), 2 the command was used wrongly (said how). */
  run(
    kith: Kith,
    input: { args: string[]; options: Record<string, string | boolean | undefined> },
    output: CommandOutput,
  ): Promise<number>;
}
