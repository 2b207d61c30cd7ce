/**
 * Requests per second of a rendered page against a route that does no work, on one
 * server in one run: the ratio says how much of the server's ceiling a page's own
 * work (session cookie, translation, template rendering) takes, and it moves much
 * less between machines than either figure on its own.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import autocannon from 'autocannon';
import { BENCH_DIR } from '../database.js';
import { figure } from '../report.js';
import type { BenchContext, BenchSection, BenchStep } from '../step.js';

interface Route {
  label: string;
  path: string;
  /** What the route does for each request, for the reader of the table. */
  work: string;
}

const PAGE: Route = {
  label: 'rendered page',
  path: '/sign-in',
  work: 'layout, messages, new session cookie, CSRF token, Nunjucks',
};
const BARE: Route = { label: 'bare JSON route', path: '/api/ping', work: 'none: Fastify and its hooks only' };

/** A measured route breaks the run only when it answers badly, not when it answers slowly. */
const MAX_ERROR_SHARE = 0.01;

interface Measurement {
  route: Route;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  bytes: number;
  requests: number;
  non2xx: number;
  errors: number;
  /** Share of one core each side used while measuring: the side near 100% is the limit. */
  serverCpu?: number;
  loadCpu: number;
}

export const httpStep: BenchStep = {
  name: 'http',
  description: 'requests per second: rendered page vs bare route, against a real server',
  async run(context) {
    const { options, log } = context;
    const server = await startServer(context);
    try {
      const measured: Measurement[] = [];
      const sizes = new Map<Route, number>();
      for (const route of [PAGE, BARE]) sizes.set(route, await checkRoute(server.url, route));
      if (options.warmupSeconds > 0) {
        // Lets V8 optimise the hot paths and fills the template cache, so the
        // measurement sees a server that has been up a while.
        log(`  warming up ${options.warmupSeconds} s a route`);
        for (const route of [PAGE, BARE])
          await load(server.url + route.path, options.connections, options.warmupSeconds);
      }
      for (const route of [PAGE, BARE]) {
        log(`  measuring ${route.path} for ${options.seconds} s at ${options.connections} connections`);
        const cpu = startCpuWatch(server.pid);
        const result = await load(server.url + route.path, options.connections, options.seconds);
        const { serverCpu, loadCpu } = cpu.stop();
        measured.push({
          route,
          requestsPerSecond: result.requests.average,
          p50: result.latency.p50,
          p99: result.latency.p99,
          bytes: sizes.get(route)!,
          requests: result.requests.total,
          non2xx: result.non2xx,
          errors: result.errors,
          serverCpu,
          loadCpu,
        });
      }
      for (const m of measured) {
        if (m.non2xx > 0 || m.errors > m.requests * MAX_ERROR_SHARE) {
          throw new Error(
            `${m.route.path} answered badly under load: ${m.non2xx} non-2xx responses and ${m.errors} connection errors in ${m.requests} requests`,
          );
        }
      }
      return [section(context, measured)];
    } finally {
      await server.stop();
    }
  },
};

function section(context: BenchContext, [page, bare]: Measurement[]): BenchSection {
  const ms = (value: number) => figure(value, value < 10 ? 2 : 1);
  const rows = [page!, bare!].map((m) => [
    `${m.route.label} (GET ${m.route.path})`,
    figure(m.requestsPerSecond),
    ms(m.p50),
    ms(m.p99),
    figure(m.bytes),
    figure(m.requests),
    m.serverCpu === undefined ? '' : `${figure(m.serverCpu * 100)}%`,
    `${figure(m.loadCpu * 100)}%`,
  ]);
  rows.push([
    '**ratio page / bare**',
    `**${figure(page!.requestsPerSecond / bare!.requestsPerSecond, 2)}**`,
    `${figure(page!.p50 / Math.max(bare!.p50, 0.001), 1)}×`,
    `${figure(page!.p99 / Math.max(bare!.p99, 0.001), 1)}×`,
    '',
    '',
    '',
    '',
  ]);
  return {
    title: 'HTTP: rendered page vs bare route',
    table: {
      columns: [
        'route',
        'requests/s',
        'p50 ms',
        'p99 ms',
        'response bytes',
        'requests',
        'server CPU',
        'autocannon CPU',
      ],
      numeric: [1, 2, 3, 4, 5, 6, 7],
      rows,
    },
    notes: [
      `autocannon in the runner's process, Kith (NODE_ENV=production, LOG_LEVEL=warn) in a child process, sharing ${os.availableParallelism()} cores.`,
      `${context.options.connections} connections, ${context.options.warmupSeconds} s warm-up then ${context.options.seconds} s per route, measured one after the other against the same server.`,
      `The page: ${PAGE.work}. Each request comes without cookies, as a first visit does. The bare route: ${BARE.work}.`,
      "CPU is the share of one core used by each side during the measurement. When autocannon is near 100% and the server is not, the load generator is the limit and the route's figure (most likely the bare one) is understated: compare ratios across runs on the same machine.",
    ],
  };
}

/** One request before any load, so a broken route fails clearly rather than as a fast stream of errors. */
export async function checkRoute(baseUrl: string, route: Route): Promise<number> {
  const response = await fetch(baseUrl + route.path, { redirect: 'manual' });
  const body = await response.arrayBuffer();
  if (response.status !== 200)
    throw new Error(`GET ${route.path} answered ${response.status}, not 200: nothing to benchmark`);
  return body.byteLength;
}

/** Load on one URL, or (with paths) on the server at `url`, each request taking the next path in turn. */
export function load(
  url: string,
  connections: number,
  seconds: number,
  paths?: string[],
  headers?: Record<string, string>,
): Promise<autocannon.Result> {
  if (!paths?.length) return autocannon({ url, connections, duration: seconds, pipelining: 1, headers });
  let next = 0;
  return autocannon({
    url,
    connections,
    duration: seconds,
    pipelining: 1,
    headers,
    requests: [
      {
        setupRequest: (request) => {
          request.path = paths[next++ % paths.length]!;
          return request;
        },
      },
    ],
  });
}

interface RunningServer {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 10_000;

/** Starts bench/server.ts under tsx, and waits for it to say where it listens. */
export async function startServer(context: BenchContext): Promise<RunningServer> {
  // BENCH_PROFILE=dir writes the server's CPU profile there when it stops (open it in Chrome's DevTools).
  const profile = process.env.BENCH_PROFILE
    ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(process.env.BENCH_PROFILE)}`]
    : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', path.join(BENCH_DIR, 'server.ts')], {
    cwd: path.dirname(BENCH_DIR),
    env: { ...process.env, KITH_BENCH_DATABASE: JSON.stringify(context.database.target) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error('The Kith server did not start within 2 minutes')),
      START_TIMEOUT_MS,
    );
    const lines = readline.createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      if (line.startsWith('ready ')) {
        clearTimeout(timer);
        resolve(line.slice('ready '.length).trim());
      } else {
        context.log(`  server: ${line}`);
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`The Kith server stopped before it was ready (exit code ${code})`));
    });
  });
  context.log(`  Kith is listening at ${url} (process ${child.pid})`);
  return { url, pid: child.pid!, stop: () => stopServer(child, exited) };
}

async function stopServer(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), STOP_TIMEOUT_MS).unref());
  if ((await Promise.race([exited, timeout])) === 'timeout') {
    child.kill('SIGKILL');
    await exited;
  }
}

/** Linux counts a process's CPU time in clock ticks of 1/100 s (USER_HZ, fixed at 100 on every architecture Node runs on). */
const TICKS_PER_SECOND = 100;

/** CPU seconds a process has used so far, from /proc; undefined where there is no /proc (macOS). */
function processCpuSeconds(pid: number): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces), from field 3 (state): utime is 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

/** Watches how busy the server and this process (autocannon runs here) are over one measurement. */
export function startCpuWatch(serverPid: number) {
  const started = performance.now();
  const serverBefore = processCpuSeconds(serverPid);
  const selfBefore = process.cpuUsage();
  return {
    stop() {
      const wall = (performance.now() - started) / 1000;
      const serverAfter = processCpuSeconds(serverPid);
      const self = process.cpuUsage(selfBefore);
      return {
        serverCpu:
          serverBefore === undefined || serverAfter === undefined ? undefined : (serverAfter - serverBefore) / wall,
        loadCpu: (self.user + self.system) / 1e6 / wall,
      };
    },
  };
}
