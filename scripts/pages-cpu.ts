// CPU per request for a few pages and a bare route, in process, rendered with Kith's
// ports of GOV.UK's components and with GOV.UK's own templates: how far rendering is
// from the cost of the framework alone. Run: node --import tsx scripts/pages-cpu.ts
import type { FastifyInstance } from 'fastify';
import { startTestKith } from '../src/testing.js';
import { buildAssets } from '../src/web/assets.js';
import { buildWebApp } from '../src/web/app.js';

const URLS = [
  '/api/ping',
  '/sign-in',
  '/sign-up',
  '/places/calderbrook/activities',
  '/places/calderbrook/activities?q=walk&postcode=KL1+1AA&distance=2&day=tuesday',
];
const WARM_UP = 200;
const RUNS = 300;
const ROUNDS = Number(process.env.ROUNDS ?? 5);

const t = await startTestKith({ demo: true, config: { env: 'production' } });
const apps: Record<string, FastifyInstance> = {
  ports: t.app,
  'GOV.UK templates': await buildWebApp(t.kith, { manifest: await buildAssets(), govukPorts: false }),
};
await apps['GOV.UK templates']!.ready();

async function get(app: FastifyInstance, url: string) {
  const response = await app.inject({ method: 'GET', url });
  if (response.statusCode !== 200) throw new Error(`${url}: ${response.statusCode}`);
}

// Other work shares the machine: the quietest of a few interleaved rounds is the fairest figure.
const best = new Map<string, number>();
for (const app of Object.values(apps)) for (const url of URLS) for (let i = 0; i < WARM_UP; i++) await get(app, url);
for (let round = 0; round < ROUNDS; round++) {
  for (const [name, app] of Object.entries(apps)) {
    for (const url of URLS) {
      const start = process.cpuUsage();
      for (let i = 0; i < RUNS; i++) await get(app, url);
      const used = process.cpuUsage(start);
      const key = `${name}\t${url}`;
      best.set(key, Math.min(best.get(key) ?? Infinity, (used.user + used.system) / 1000 / RUNS));
    }
  }
}
for (const name of Object.keys(apps)) {
  console.log(name);
  const ping = best.get(`${name}\t/api/ping`)!;
  for (const url of URLS) {
    const ms = best.get(`${name}\t${url}`)!;
    console.log(`${ms.toFixed(3).padStart(8)} ms  ${(ping / ms).toFixed(2)} of ping  ${url}`);
  }
}
await apps['GOV.UK templates']!.close();
await t.close();
