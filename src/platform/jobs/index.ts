import type { KithModule } from '../../modules/module.js';
import { migrations } from './schema.js';
import { deleteJobsOf } from './store.js';
import { jobsHousekeeping } from './worker.js';

export { enqueueJob } from './store.js';
export { JobWorker } from './worker.js';

export const jobsModule: KithModule = {
  name: 'jobs',
  migrations,
  jobs: jobsHousekeeping,
  schedules: [{ kind: 'jobs/clean', everyMinutes: 24 * 60 }],
  personalData: { erase: (trx, personId) => deleteJobsOf(trx, personId) },
};
