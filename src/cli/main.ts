import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { ConfigError, loadConfig } from '../config.js';
import { dropEverything, loadDemo } from '../demo.js';
import { createLogger } from '../log.js';
import { createKith } from '../kith.js';
import { createAdmin } from '../modules/people/accounts.js';
import { IMPORT_HELP, importCommand } from '../modules/directory/index.js';
import { verifyLedger } from '../modules/timebank/index.js';
import { PlaceInput } from '../modules/places/places.js';
import { findPlaceBySlug, insertPlace } from '../modules/places/store.js';
import { startKith } from '../server.js';

const HELP = `Usage: kith <command> [options]

Commands:
  start                          Start the web server (migrates first; loads the demo on an empty development database)
  migrate                        Bring the database up to date
  demo [--force]                 Empty the database and load the demo places (--force is needed in production)
  create-place --slug S --name N [--name-cy N]
                                 Add a place
  create-admin --place S --email E --name N
                                 Make someone an admin of a place; prints a link to set their password if they are new
  backup <file>                  Copy the database to <file> while Kith runs (SQLite online backup;
                                 on PostgreSQL it runs pg_dump --format=custom)
  ledger verify                  Check every time credit balance against its entries and the ledger's zero sum;
                                 exits 1 on any difference
${IMPORT_HELP}
  help                           Show this help

Settings come from environment variables: see docs/deployment.md.
`;

type Command = (args: string[]) => Promise<number>;

/** Where commands write: the terminal, or a test's buffer. */
export interface Output {
  out(text: string): void;
  err(text: string): void;
}
let io: Output = { out: (text) => process.stdout.write(`${text}\n`), err: (text) => process.stderr.write(`${text}\n`) };
const out = (text: string) => io.out(text);
const err = (text: string) => io.err(text);

async function withKith<T>(
  work: (kith: Awaited<ReturnType<typeof createKith>>) => Promise<T>,
  options: { migrate?: boolean } = {},
): Promise<T> {
  const kith = await createKith(loadConfig(), { log: createLogger('warn'), migrate: options.migrate });
  try {
    return await work(kith);
  } finally {
    await kith.close();
  }
}

const commands: Record<string, Command> = {
  async start() {
    const running = await startKith();
    const stop = async (signal: string) => {
      out(`\n${signal}: stopping Kith…`);
      await running.stop();
      process.exit(0);
    };
    process.once('SIGINT', () => void stop('SIGINT'));
    process.once('SIGTERM', () => void stop('SIGTERM'));
    await new Promise(() => {});
    return 0;
  },

  async migrate() {
    await withKith(async () => out('The database is up to date.'));
    return 0;
  },

  async demo(args) {
    const { values } = parseArgs({ args, options: { force: { type: 'boolean', default: false } } });
    const config = loadConfig();
    if (config.env === 'production' && !values.force) {
      err('Refusing to replace a production database with the demo. Add --force if you really mean it.');
      return 1;
    }
    // Migrated first so even a brand-new database has every table there is to drop.
    const kith = await createKith(config, { log: createLogger('warn') });
    try {
      await dropEverything(kith);
    } finally {
      await kith.close();
    }
    await withKith(async (fresh) => {
      const demo = await loadDemo(fresh);
      out(
        `Loaded the demo places ${Object.values(demo.places)
          .map((p) => p.name)
          .join(' and ')}.`,
      );
      out(
        `Sign in as ${Object.values(demo.people)
          .slice(0, 7)
          .map((p) => p.email)
          .join(', ')} with the password: ${demo.password}`,
      );
    });
    return 0;
  },

  async 'create-place'(args) {
    const { values } = parseArgs({
      args,
      options: { slug: { type: 'string' }, name: { type: 'string' }, 'name-cy': { type: 'string' } },
    });
    const parsed = PlaceInput.safeParse({
      slug: values.slug ?? '',
      name: values.name ?? '',
      nameCy: values['name-cy'],
    });
    if (!parsed.success) {
      err(
        `Cannot create the place: ${parsed.error.issues.map((i) => `--${String(i.path[0])}`).join(', ')} ${parsed.error.issues.length > 1 ? 'are' : 'is'} missing or not valid.`,
      );
      err('Example: kith create-place --slug calderbrook --name Calderbrook');
      return 2;
    }
    return withKith(async (kith) => {
      if (await findPlaceBySlug(kith.db.kysely, parsed.data.slug)) {
        err(`There is already a place with the slug "${parsed.data.slug}".`);
        return 1;
      }
      const place = await insertPlace(kith.db.kysely, parsed.data);
      out(
        `Created ${place.name} at /places/${place.slug}. Next: kith create-admin --place ${place.slug} --email … --name …`,
      );
      return 0;
    });
  },

  async 'create-admin'(args) {
    const { values } = parseArgs({
      args,
      options: { place: { type: 'string' }, email: { type: 'string' }, name: { type: 'string' } },
    });
    const parsed = z
      .object({ place: z.string().min(1), email: z.email(), name: z.string().trim().min(1).max(120) })
      .safeParse(values);
    if (!parsed.success) {
      err(
        `Cannot create the admin: ${parsed.error.issues.map((i) => `--${String(i.path[0])}`).join(', ')} missing or not valid.`,
      );
      err('Example: kith create-admin --place calderbrook --email priya@example.org --name "Priya Shah"');
      return 2;
    }
    return withKith(async (kith) => {
      const place = await findPlaceBySlug(kith.db.kysely, parsed.data.place);
      if (!place) {
        err(`There is no place with the slug "${parsed.data.place}". Create it first with kith create-place.`);
        return 1;
      }
      const result = await createAdmin(kith, { email: parsed.data.email, name: parsed.data.name, placeId: place.id });
      if (result.created) {
        out(`Created an account for ${parsed.data.email}, admin of ${place.name}.`);
        out(`Give them this link to choose a password (it works for 24 hours):\n${result.setPasswordUrl}`);
      } else if (result.alreadyAdmin) {
        out(
          `${parsed.data.email} is already an admin of ${place.name}. If they never chose a password, they can use "I have forgotten my password" on the sign-in page.`,
        );
      } else {
        out(`${parsed.data.email} already had an account and is now an admin of ${place.name}.`);
      }
      return 0;
    });
  },

  async backup(args) {
    const file = args[0];
    if (!file) {
      err('Say where to write the backup: kith backup <file>');
      return 2;
    }
    const config = loadConfig();
    if (config.database.kind === 'postgres') {
      // pg_dump takes a consistent snapshot without stopping Kith. The connection goes in
      // its environment, not its arguments, so the password is not in the process list.
      const url = new URL(config.database.url);
      const env = {
        ...process.env,
        PGHOST: url.hostname,
        PGPORT: url.port || '5432',
        PGDATABASE: decodeURIComponent(url.pathname.slice(1)),
        ...(url.username ? { PGUSER: decodeURIComponent(url.username) } : {}),
        ...(url.password ? { PGPASSWORD: decodeURIComponent(url.password) } : {}),
      };
      const result = spawnSync('pg_dump', ['--format=custom', `--file=${file}`], { stdio: 'inherit', env });
      if (result.error) {
        err(
          'pg_dump was not found. Install the PostgreSQL client tools, or run: pg_dump --format=custom --file=<file> "$DATABASE_URL"',
        );
        return 1;
      }
      if (result.status === 0) out(`Backed up the PostgreSQL database to ${file} (restore with pg_restore).`);
      return result.status ?? 1;
    }
    return withKith(
      async (kith) => {
        // SQLite's online backup copies a consistent snapshot while Kith keeps running.
        await kith.db.sqlite!.backup(file);
        out(`Backed up the SQLite database to ${file}.`);
        return 0;
        // A backup is taken as the database stands: before an upgrade, not after its migrations.
      },
      { migrate: false },
    );
  },

  async ledger(args) {
    if (args[0] !== 'verify') {
      err('Usage: kith ledger verify');
      return 2;
    }
    return withKith(async (kith) => {
      const report = await verifyLedger(kith.db);
      out(`Checked ${report.accounts} time credit accounts and ${report.transfers} transfers.`);
      for (const d of report.differences) err(`  ${d.kind} ${d.id}: entries say ${d.expected}, stored ${d.found}`);
      out(
        report.ok
          ? 'The ledger verifies: every balance equals its entries and the ledger sums to zero.'
          : `The ledger does NOT verify: ${report.differences.length} difference(s).`,
      );
      return report.ok ? 0 : 1;
    });
  },

  import: (args) => importCommand(args),

  async help() {
    out(HELP);
    return 0;
  },
};

export async function main(argv: string[], output?: Output): Promise<number> {
  if (output) io = output;
  const [name = 'help', ...args] = argv;
  const command = commands[name];
  if (!command) {
    err(`Unknown command "${name}".\n`);
    err(HELP);
    return 2;
  }
  try {
    return await command(args);
  } catch (error) {
    if (error instanceof ConfigError) {
      err(error.message);
      return 1;
    }
    err(error instanceof Error ? (error.stack ?? error.message) : String(error));
    return 1;
  }
}
