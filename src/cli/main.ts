/**
 * `kith <command>`: the command line. Kith's own commands are here; each module adds
 * its own (imports, tallies, checks) through the module contract's `commands`.
 *
 * Safe to explore: every command answers --help and -h, an unknown option or a missing
 * argument gets one clear line and exit code 2, and no stack trace reaches the person
 * at the terminal (set KITH_DEBUG=1 to see one).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Command, CommanderError } from 'commander';
import { ConfigError, loadConfig } from '../config.js';
import { dropEverything, loadDemo } from '../demo.js';
import { createLogger } from '../log.js';
import { createKith, type Kith } from '../kith.js';
import { allModules } from '../modules/index.js';
import type { CommandOutput, KithCommand } from '../modules/module.js';
import { startKith } from '../server.js';

const VERSION = (
  JSON.parse(fs.readFileSync(path.join(import.meta.dirname, '..', '..', 'package.json'), 'utf8')) as {
    version: string;
  }
).version;

export type Output = CommandOutput;

/** A mistake in how the command was used: said in one line, exit code 2. */
class UsageError extends Error {}

const terminal: Output = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
};

/**
 * Runs the command line. `existing` lets a test run commands against a Kith it already
 * has; otherwise each command makes its own from the environment and closes it.
 */
export async function main(argv: string[], io: Output = terminal, existing?: Kith): Promise<number> {
  let code = 0;
  const withKith = async <T>(work: (kith: Kith) => Promise<T>, options: { migrate?: boolean } = {}): Promise<T> => {
    if (existing) return work(existing);
    const kith = await createKith(loadConfig(), { log: createLogger('warn'), migrate: options.migrate });
    try {
      return await work(kith);
    } finally {
      await kith.close();
    }
  };
  const program = buildProgram(io, withKith, (c) => (code = c));
  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and the version were asked for; anything else is how the command was used.
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return 0;
      if (error.code === 'commander.help') return argv.length ? 2 : 0;
      io.err(`Run "kith ${commandWords(program, argv)}--help" to see how to use it.`);
      return 2;
    }
    if (error instanceof UsageError) {
      io.err(error.message);
      return 2;
    }
    if (error instanceof ConfigError) {
      io.err(error.message);
      return 1;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.err(`kith: ${message}`);
    if (process.env.KITH_DEBUG && error instanceof Error && error.stack) io.err(error.stack);
    return 1;
  }
}

/** The command words before the first option, for the "see --help" hint ("import oruk "). */
function commandWords(program: Command, argv: string[]): string {
  const words: string[] = [];
  let command = program;
  for (const word of argv) {
    const next = command.commands.find((c) => c.name() === word);
    if (!next) break;
    words.push(word);
    command = next;
  }
  return words.length ? `${words.join(' ')} ` : '';
}

type WithKith = <T>(work: (kith: Kith) => Promise<T>, options?: { migrate?: boolean }) => Promise<T>;

function buildProgram(io: Output, withKith: WithKith, exit: (code: number) => void): Command {
  const program = new Command('kith')
    .description('Kith: the open platform a place runs to enable social action.')
    .version(VERSION, '-V, --version', 'print the version of Kith')
    .helpOption('-h, --help', 'show help for a command')
    .helpCommand('help [command]', 'show help for a command')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.out(text.trimEnd()),
      writeErr: (text) => io.err(text.trimEnd()),
      outputError: (text, write) => write(text.replace(/^error: /, 'kith: ')),
    })
    .addHelpText('after', '\nSettings come from environment variables: see docs/deployment.md.');

  program
    .command('start')
    .description('start the web server (migrates first; loads the demo on an empty development database)')
    .action(async () => {
      const running = await startKith();
      const stop = async (signal: string) => {
        io.out(`\n${signal}: stopping Kith…`);
        await running.stop();
        process.exit(0);
      };
      process.once('SIGINT', () => void stop('SIGINT'));
      process.once('SIGTERM', () => void stop('SIGTERM'));
      await new Promise(() => {});
    });

  program
    .command('migrate')
    .description('bring the database up to date')
    .action(async () => {
      await withKith(async () => io.out('The database is up to date.'));
    });

  program
    .command('demo')
    .description('empty the database and load the demo places (--force is needed in production)')
    .option('--force', 'replace a production database')
    .action(async (options: { force?: boolean }) => {
      const config = loadConfig();
      if (config.env === 'production' && !options.force) {
        io.err('Refusing to replace a production database with the demo. Add --force if you really mean it.');
        return exit(1);
      }
      // Migrated first so even a brand-new database has every table there is to drop, then
      // made again so the migrations rebuild them.
      const fresh = async (work: (kith: Kith) => Promise<void>) => {
        const kith = await createKith(config, { log: createLogger('warn') });
        try {
          await work(kith);
        } finally {
          await kith.close();
        }
      };
      await fresh((kith) => dropEverything(kith));
      await fresh(async (kith) => {
        const demo = await loadDemo(kith, { residents: kith.config.demoResidents });
        const places = Object.values(demo.places).map((p) => p.name);
        const people = Object.values(demo.people).slice(0, 7);
        io.out(`Loaded the demo places ${places.join(' and ')}.`);
        io.out(`Sign in as ${people.map((p) => p.email).join(', ')} with the password: ${demo.password}`);
      });
    });

  program
    .command('backup')
    .description('copy the database to a file while Kith runs (SQLite online backup; pg_dump on PostgreSQL)')
    .argument('<file>', 'where to write the copy; its folder must exist')
    .action(async (file: string) => {
      const folder = path.dirname(path.resolve(file));
      if (!fs.existsSync(folder) || !fs.statSync(folder).isDirectory()) {
        throw new UsageError(`The folder ${folder} does not exist. Create it first (mkdir -p ${folder}).`);
      }
      if (fs.existsSync(file) && fs.statSync(file).isDirectory()) {
        throw new UsageError(
          `${file} is a folder. Give the name of the file to write, e.g. ${path.join(file, 'kith.backup')}.`,
        );
      }
      exit(await backup(file, io, withKith));
    });

  for (const command of allModules.flatMap((m) => m.commands ?? []))
    addModuleCommand(program, command, io, withKith, exit);
  // A group (`import`, `ledger`) is described by what it holds.
  for (const group of program.commands.filter((c) => c.commands.length)) {
    group.description(`${group.commands.map((c) => `${group.name()} ${c.name()}`).join(', ')}`);
  }
  return program;
}

/** A module's command, under its group (`import`, `ledger`...) when its name has two words. */
function addModuleCommand(
  program: Command,
  command: KithCommand,
  io: Output,
  withKith: WithKith,
  exit: (code: number) => void,
) {
  const words = command.name.split(' ');
  let parent = program;
  for (const word of words.slice(0, -1)) {
    parent = parent.commands.find((c) => c.name() === word) ?? parent.command(word);
  }
  const cli = parent.command(words.at(-1)!).description(command.summary);
  for (const [name, description] of command.arguments ?? []) cli.argument(name, description);
  for (const [flags, description, settings] of command.options ?? []) {
    if (settings?.required) cli.requiredOption(flags, description, settings.default as string | undefined);
    else cli.option(flags, description, settings?.default);
  }
  cli.action(async (...received: unknown[]) => {
    // commander passes the arguments, then the options, then the command itself.
    const options = received.at(-2) as Record<string, string | boolean | undefined>;
    const args = received
      .slice(0, -2)
      .flatMap((a) => (Array.isArray(a) ? a.map(String) : a === undefined ? [] : [String(a)]));
    exit(await withKith((kith) => command.run(kith, { args, options }, io), { migrate: command.migrate !== false }));
  });
}

async function backup(file: string, io: Output, withKith: WithKith): Promise<number> {
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
      io.err(
        'pg_dump was not found. Install the PostgreSQL client tools, or run: pg_dump --format=custom --file=<file> "$DATABASE_URL"',
      );
      return 1;
    }
    if (result.status === 0) io.out(`Backed up the PostgreSQL database to ${file} (restore with pg_restore).`);
    return result.status ?? 1;
  }
  // A backup is taken as the database stands: before an upgrade, not after its migrations.
  return withKith(
    async (kith) => {
      // SQLite's online backup copies a consistent snapshot while Kith keeps running.
      await kith.db.sqlite!.backup(file);
      io.out(`Backed up the SQLite database to ${file}.`);
      return 0;
    },
    { migrate: false },
  );
}
