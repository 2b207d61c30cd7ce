import { parseArgs } from 'node:util';

/** Everything a benchmark run can be told, from flags first, then BENCH_* variables, then defaults. */
export interface BenchOptions {
  quick: boolean;
  dialect: 'sqlite' | 'postgres';
  /** The PostgreSQL server to use with --db postgres; the run makes its own schema there. */
  databaseUrl: string;
  seed: number;
  sizes: DatasetSizes;
  /** How long each HTTP route is measured, and warmed up before that. */
  seconds: number;
  warmupSeconds: number;
  connections: number;
  /** Run only these named steps (all when empty). */
  only: string[];
}

export interface DatasetSizes {
  people: number;
  activities: number;
  groups: number;
}

/**
 * A county: a few hundred thousand residents, and the activities and groups a
 * well-used directory would hold for them. --quick is a tenth of that, for checking
 * the benchmarks still run rather than for figures worth comparing.
 */
const FULL = { people: 200_000, activities: 20_000, groups: 5_000, seconds: 10, warmupSeconds: 3 };
const QUICK = { people: 20_000, activities: 2_000, groups: 500, seconds: 3, warmupSeconds: 1 };

export const USAGE = `Usage: npm run bench -- [options]

  --quick              A fast check: ${QUICK.people.toLocaleString('en-GB')} people, ${QUICK.seconds} s per route
  --people N           People to generate (default ${FULL.people.toLocaleString('en-GB')})
  --activities N       Activities to generate (default ${FULL.activities.toLocaleString('en-GB')})
  --groups N           Groups to generate (default ${FULL.groups.toLocaleString('en-GB')})
  --seconds N          Seconds to measure each HTTP route (default ${FULL.seconds})
  --warmup N           Seconds to warm each route up first (default ${FULL.warmupSeconds})
  --connections N      Concurrent HTTP connections (default 50)
  --db sqlite|postgres Database to benchmark (default sqlite)
  --database-url URL   PostgreSQL server for --db postgres (default postgres://postgres@127.0.0.1:5432/test)
  --seed N             Seed for the generated dataset (default 1)
  --only a,b           Run only the named steps
  --help               Show this help

Each option can also be set as BENCH_<NAME> (BENCH_PEOPLE=50000, BENCH_DB=postgres, ...).
`;

export class UsageError extends Error {}

function count(name: string, value: string | undefined, fallback: number, min = 0): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value.replace(/[_,]/g, ''));
  if (!Number.isInteger(n) || n < min)
    throw new UsageError(`--${name} must be a whole number of at least ${min} (got "${value}")`);
  return n;
}

export function parseOptions(argv: string[], env: NodeJS.ProcessEnv = process.env): BenchOptions | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        quick: { type: 'boolean' },
        people: { type: 'string' },
        activities: { type: 'string' },
        groups: { type: 'string' },
        seconds: { type: 'string' },
        warmup: { type: 'string' },
        connections: { type: 'string' },
        db: { type: 'string' },
        'database-url': { type: 'string' },
        seed: { type: 'string' },
        only: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) return 'help';

  const quick = values.quick ?? ['1', 'true', 'yes'].includes(env.BENCH_QUICK ?? '');
  const base = quick ? QUICK : FULL;
  const dialect = values.db ?? env.BENCH_DB ?? 'sqlite';
  if (dialect !== 'sqlite' && dialect !== 'postgres')
    throw new UsageError(`--db must be sqlite or postgres (got "${dialect}")`);
  const databaseUrl = values['database-url'] ?? env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  if (!/^postgres(ql)?:\/\//.test(databaseUrl)) throw new UsageError('--database-url must be a postgres:// URL');

  return {
    quick,
    dialect,
    databaseUrl,
    seed: count('seed', values.seed ?? env.BENCH_SEED, 1),
    sizes: {
      people: count('people', values.people ?? env.BENCH_PEOPLE, base.people, 1),
      activities: count('activities', values.activities ?? env.BENCH_ACTIVITIES, base.activities),
      groups: count('groups', values.groups ?? env.BENCH_GROUPS, base.groups),
    },
    seconds: count('seconds', values.seconds ?? env.BENCH_SECONDS, base.seconds, 1),
    warmupSeconds: count('warmup', values.warmup ?? env.BENCH_WARMUP, base.warmupSeconds),
    connections: count('connections', values.connections ?? env.BENCH_CONNECTIONS, 50, 1),
    only: (values.only ?? env.BENCH_ONLY ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  };
}
