import { auditModule } from '../platform/audit/index.js';
import { idempotencyModule } from '../platform/idempotency/index.js';
import { jobsModule } from '../platform/jobs/index.js';
import { mailModule } from '../platform/mail/index.js';
import { settingsModule } from '../platform/settings/index.js';
import type { KithModule } from './module.js';
import { directoryModule } from './directory/index.js';
import { peopleModule } from './people/index.js';
import { placesModule } from './places/index.js';
import { siteModule } from './site/index.js';
import { timebankModule } from './timebank/index.js';
import { exchangesModule } from './exchanges/index.js';
import { assetsModule } from './assets/index.js';
import { volunteeringModule } from './volunteering/index.js';
import { befriendingModule } from './befriending/index.js';
import { prescribingModule } from './prescribing/index.js';
import { outcomesModule } from './outcomes/index.js';
import { libraryModule } from './library/index.js';
import { grantsModule } from './grants/index.js';
import { spacesModule } from './spaces/index.js';
import { groupsModule } from './groups/index.js';
import { participationModule } from './participation/index.js';
import { insightModule } from './insight/index.js';

/**
 * Every part of Kith, in the order their demo steps run. A capability is added or
 * removed here, with its folder.
 */
export const allModules: readonly KithModule[] = [
  settingsModule,
  auditModule,
  jobsModule,
  idempotencyModule,
  mailModule,
  siteModule,
  placesModule,
  peopleModule,
  directoryModule,
  timebankModule,
  exchangesModule,
  assetsModule,
  volunteeringModule,
  befriendingModule,
  prescribingModule,
  outcomesModule,
  libraryModule,
  grantsModule,
  spacesModule,
  groupsModule,
  participationModule,
  insightModule,
];
