import path from 'node:path';
import * as shared from '../../web/messages.js';
import type { KithModule } from '../module.js';
import { messages } from './messages.js';
import { siteRoutes } from './routes.js';

/** The pages every deployment has: accessibility, privacy, health, API description. */
export const siteModule: KithModule = {
  name: 'site',
  messages: { en: { ...shared.en, ...messages.en }, cy: { ...shared.cy, ...messages.cy } },
  viewsDir: path.join(import.meta.dirname, 'views'),
  routes: siteRoutes,
};
