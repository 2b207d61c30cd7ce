/**
 * Kith's web server on the benchmark's database, run as a child process by
 * bench/steps/http.ts so the load generator does not share its event loop (it would
 * steal the very CPU time being measured).
 *
 * Told which database through KITH_BENCH_DATABASE (JSON of Config['database'],
 * because a PostgreSQL schema cannot be given through Kith's own environment
 * variables); says `ready <url>` on stdout once it listens, and stops on SIGTERM.
 */
import type { Config } from '../src/config.js';
import { startKith } from '../src/server.js';
import { benchConfig } from './database.js';

const raw = process.env.KITH_BENCH_DATABASE;
if (!raw) {
  process.stderr.write('bench/server.ts is started by npm run bench (KITH_BENCH_DATABASE is not set)\n');
  process.exit(2);
}
const database = JSON.parse(raw) as Config['database'];
const running = await startKith(benchConfig(database, Number(process.env.KITH_BENCH_PORT ?? 0)), { quiet: true });
const address = running.app.server.address();
if (!address || typeof address !== 'object') throw new Error('Kith is not listening on a TCP port');
// 127.0.0.1, not localhost: Kith listens on IPv4 only, and localhost may resolve to ::1 first.
process.stdout.write(`ready http://127.0.0.1:${address.port}\n`);

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    if (stopping) return;
    stopping = true;
    running.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`Stopping Kith failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  });
}
