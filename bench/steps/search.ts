/**
 * The directory's search on the county dataset: words + distance + two filters (day
 * and free), first in process (the query and the loading of a page of results, no
 * HTTP), then the search page's requests per second at the configured connections
 * against the bare route, on one server in one run.
 */
import { performance } from 'node:perf_hooks';
import { searchDatabase } from '../../src/modules/directory/finder.js';
import { parseSearchQuery } from '../../src/modules/directory/search.js';
import { COUNTY_CENTRE } from '../directory.js';
import { figure, percentile } from '../report.js';
import { Rng } from '../random.js';
import type { BenchSection, BenchStep } from '../step.js';
import { checkRoute, load, startCpuWatch, startServer } from './http.js';

const WORDS = [
  'walking',
  'lunch',
  'choir',
  'knit',
  'repair',
  'yoga',
  'coffee',
  'garden',
  'book',
  'dance',
  'club',
  'football',
];
const DAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

function queries(seed: number, n: number) {
  const rng = Rng.forCapability(seed, 'bench.search');
  return Array.from({ length: n }, () => {
    const r = Math.sqrt(rng.next()) * 15_000;
    const a = rng.next() * 2 * Math.PI;
    return {
      q: rng.pick(WORDS),
      lat: (COUNTY_CENTRE.latitude + (Math.sin(a) * r) / 111_320).toFixed(5),
      lng: (COUNTY_CENTRE.longitude + (Math.cos(a) * r) / 68_000).toFixed(5),
      distance: '2',
      day: rng.pick(DAYS),
      free: '1',
    };
  });
}

export const searchStep: BenchStep = {
  name: 'search',
  description: 'directory search: words + distance + day + free, in process and as a page under load',
  async run(context) {
    const { kith, generation, options, log } = context;
    const county = generation.dataset.county!;
    const sections: BenchSection[] = [];

    // In process.
    const list = queries(options.seed, options.quick ? 200 : 1000);
    for (const q of list.slice(0, 50))
      await searchDatabase(
        kith.db,
        county.id,
        parseSearchQuery(q).value,
        { latitude: Number(q.lat), longitude: Number(q.lng) },
        20,
      );
    const times: number[] = [];
    let results = 0;
    for (const q of list) {
      const t0 = performance.now();
      const found = await searchDatabase(
        kith.db,
        county.id,
        parseSearchQuery(q).value,
        { latitude: Number(q.lat), longitude: Number(q.lng) },
        20,
      );
      times.push(performance.now() - t0);
      results += found.total;
    }
    times.sort((a, b) => a - b);
    const ms = (v: number) => figure(v, v < 10 ? 2 : 1);
    log(
      `  in process: p50 ${ms(percentile(times, 50))} ms, p95 ${ms(percentile(times, 95))} ms over ${times.length} searches`,
    );
    sections.push({
      title: 'Directory search in process',
      table: {
        columns: ['searches', 'mean results', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'goal'],
        numeric: [0, 1, 2, 3, 4, 5],
        rows: [
          [
            figure(times.length),
            figure(results / times.length, 1),
            ms(percentile(times, 50)),
            ms(percentile(times, 95)),
            ms(percentile(times, 99)),
            ms(times[times.length - 1]!),
            'p95 < 25 ms',
          ],
        ],
      },
      notes: [
        `Each search: one word, within 2 miles of a random point up to 15 km from the county's centre, on one weekday, free only; ${figure(generation.dataset.places.length)} places, the county holding the activities.`,
        'Measured: the search from the database, never from what the page keeps (parse, the bounding-box and full-text queries, exact distances, ordering, and loading the first page of 20 listings with all their parts), after 50 warm-up searches.',
      ],
    });

    // Over HTTP: the search page against the bare route.
    const server = await startServer(context);
    try {
      const q = list[0]!;
      const base = `/places/${county.slug}/activities`;
      // The same search every time is what a cache likes best; a stream of different
      // searches (each asked again once the stream goes round) is nearer real traffic.
      const varied = list.slice(0, 200).map((x) => `${base}?${new URLSearchParams(x)}`);
      const routes: Array<{ label: string; path: string; paths?: string[]; headers?: Record<string, string> }> = [
        { label: 'search page, no query', path: base },
        { label: 'search page, words', path: `${base}?q=${q.q}` },
        { label: 'search page, words near a point', path: `${base}?${new URLSearchParams(q)}` },
        { label: `search page, ${varied.length} different searches in turn`, path: varied[0]!, paths: varied },
        { label: 'search page, words, taking gzip', path: `${base}?q=${q.q}`, headers: { 'accept-encoding': 'gzip' } },
        { label: 'bare JSON route', path: '/api/ping' },
      ];
      for (const r of routes) await checkRoute(server.url, { label: r.label, path: r.path, work: '' });
      if (options.warmupSeconds > 0)
        for (const r of routes)
          await load(server.url + r.path, options.connections, options.warmupSeconds, r.paths, r.headers);
      const measured = [];
      for (const r of routes) {
        log(`  measuring ${r.label} for ${options.seconds} s at ${options.connections} connections`);
        const cpu = startCpuWatch(server.pid);
        const result = await load(
          server.url + (r.paths ? '' : r.path),
          options.connections,
          options.seconds,
          r.paths,
          r.headers,
        );
        const usage = cpu.stop();
        // A request that waits past autocannon's 10 s is slowness, a figure to report; a
        // refused connection or an error status is a broken route.
        const broken = result.errors - result.timeouts;
        if (result.non2xx > 0 || broken > result.requests.total * 0.01)
          throw new Error(`${r.path} answered badly under load: ${result.non2xx} non-2xx, ${broken} connection errors`);
        measured.push({
          ...r,
          rps: result.requests.average,
          p50: result.latency.p50,
          p99: result.latency.p99,
          requests: result.requests.total,
          timeouts: result.timeouts,
          serverCpu: usage.serverCpu,
        });
      }
      const bare = measured[measured.length - 1]!;
      sections.push({
        title: 'Directory search page vs bare route',
        table: {
          columns: ['route', 'requests/s', 'p50 ms', 'p99 ms', 'requests', 'over 10 s', 'server CPU'],
          numeric: [1, 2, 3, 4, 5, 6],
          rows: [
            ...measured.map((m) => [
              `${m.label} (GET ${m.path.length > 60 ? `${m.path.slice(0, 57)}…` : m.path})`,
              figure(m.rps),
              ms(m.p50),
              ms(m.p99),
              figure(m.requests),
              figure(m.timeouts),
              m.serverCpu === undefined ? '' : `${figure(m.serverCpu * 100)}%`,
            ]),
            ...measured
              .slice(0, -1)
              .map((m) => [`**ratio to bare: ${m.label}**`, `**${figure(m.rps / bare.rps, 2)}**`, '', '', '', '', '']),
          ],
        },
        notes: [
          `Goals: page throughput ≥ 0.25 of the bare route; p99 < 50 ms at ${options.connections} connections.`,
          'The page is a first visit without cookies (a new session cookie and CSRF token each time), rendered through Nunjucks with GOV.UK Frontend macros.',
          `Words near a point: ${new URLSearchParams(q).toString()}. The different searches: one word near a random point of the county, on one weekday, free only, as in process above, ${varied.length} of them asked in turn. "Taking gzip": with accept-encoding: gzip, as every browser sends.`,
        ],
      });
    } finally {
      await server.stop();
    }
    return sections;
  },
};
