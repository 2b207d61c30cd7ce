import type { KithModule } from '../../modules/module.js';
import { migrations } from './schema.js';

export const settingsModule: KithModule = { name: 'settings', migrations };
