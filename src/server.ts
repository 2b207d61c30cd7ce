import type { FastifyInstance } from 'fastify';
import { loadConfig, type Config } from './config.js';
import { isEmpty, loadDemo } from './demo.js';
import { createKith, type Kith } from './kith.js';
import { demoPasswordStillWorks } from './modules/people/index.js';
import { JobWorker } from './platform/jobs/index.js';
import { buildAssets } from './web/assets.js';
import { buildWebApp } from './web/app.js';

export interface RunningKith {
  kith: Kith;
  app: FastifyInstance;
  worker: JobWorker;
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts Kith: assets, database (migrated), the demo place on an empty development
 * database, the job worker and the web server.
 */
export async function startKith(
  config: Config = loadConfig(),
  options: { quiet?: boolean } = {},
): Promise<RunningKith> {
  const manifest = await buildAssets();
  const kith = await createKith(config);
  let demoLoaded = false;
  if (config.demo && (await isEmpty(kith))) {
    await loadDemo(kith, { residents: config.demoResidents });
    demoLoaded = true;
  }
  const app = await buildWebApp(kith, { manifest });
  const worker = new JobWorker(kith);
  (kith as { kickJobs: () => void }).kickJobs = () => worker.kick();
  worker.start();
  await app.listen({ host: config.host, port: config.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = config.port === port ? config.publicUrl : `http://localhost:${port}`;
  if (!options.quiet) {
    const where = config.database.kind === 'sqlite' ? `SQLite at ${config.database.file}` : 'PostgreSQL';
    process.stdout.write(`\nKith is running at ${url}\nDatabase: ${where}\n`);
    // Said on every development start while the demo accounts keep the demo password,
    // not only the first: the first start's output is long gone when someone comes back.
    if (config.env !== 'production' && (demoLoaded || (await demoPasswordStillWorks(kith)))) {
      process.stdout.write(
        `${demoLoaded ? 'The demo places Calderbrook and Aberllyn are loaded. ' : ''}Sign in as admin@calderbrook.example (or resident@, organiser@, coordinator@, linkworker@, partner@, officer@calderbrook.example) with the password: together-in-kith\n`,
      );
    }
    if (config.mail.transport === 'dev')
      process.stdout.write(`Emails are kept at ${url}/dev/mail instead of being sent.\n`);
    process.stdout.write('Press Ctrl+C to stop.\n\n');
  }
  return {
    kith,
    app,
    worker,
    url,
    async stop() {
      await worker.stop();
      await app.close();
      await kith.close();
    },
  };
}
