import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import { openDatabase, type Db } from './db/index.js';
import { createLogger } from './log.js';
import { migrateToLatest } from './db/migrate.js';
import { allModules } from './modules/index.js';
import type { KithModule } from './modules/module.js';
import { createMailer, type Mailer } from './platform/mail/mailer.js';
import { readOrCreateSecret } from './platform/settings/store.js';
import { Policy } from './policy/index.js';
import { Catalogue } from './web/i18n.js';

/** Everything a request, a job or a command needs, made once at start-up. */
export interface Kith {
  readonly config: Config;
  readonly db: Db;
  readonly modules: readonly KithModule[];
  readonly catalogue: Catalogue;
  readonly policy: Policy;
  readonly mailer: Mailer;
  readonly log: Logger;
  /** Signs CSRF tokens; from SESSION_SECRET, or made once and kept in the database. */
  readonly secret: Buffer;
  /** Asks the job worker to look for work now (set when a worker runs in this process). */
  kickJobs(): void;
  close(): Promise<void>;
}

export async function createKith(
  config: Config,
  options: { modules?: readonly KithModule[]; log?: Logger; migrate?: boolean } = {},
): Promise<Kith> {
  const modules = options.modules ?? allModules;
  const log = options.log ?? createLogger(config.logLevel);
  const db = openDatabase(config.database, { poolSize: config.databasePoolSize });
  try {
    if (config.database.kind === 'postgres' && config.database.schema) {
      await sql`create schema if not exists ${sql.id(config.database.schema)}`.execute(db.kysely);
    }
    if (options.migrate !== false) {
      const applied = await migrateToLatest(db, Object.assign({}, ...modules.map((m) => m.migrations ?? {})));
      if (applied.length) log.info({ applied }, `applied ${applied.length} migration(s)`);
    }
    const secret = config.sessionSecret
      ? Buffer.from(config.sessionSecret)
      : Buffer.from(await readOrCreateSecret(db.kysely, 'session_secret', () => randomBytes(32).toString('base64url')));
    const mailer = createMailer(config.mail);
    const kith: Kith = {
      config,
      db,
      modules,
      catalogue: new Catalogue(modules.flatMap((m) => (m.messages ? [m.messages] : []))),
      policy: new Policy(modules.flatMap((m) => (m.policy ? [m.policy] : []))),
      mailer,
      log,
      secret,
      kickJobs: () => {},
      async close() {
        mailer.close();
        await db.close();
      },
    };
    return kith;
  } catch (error) {
    await db.close();
    throw error;
  }
}
