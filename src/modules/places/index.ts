import path from 'node:path';
import type { KithModule } from '../module.js';
import { messages } from './messages.js';
import { placesRoutes } from './routes.js';
import { migrations } from './schema.js';
import { demoPlaces } from './demo.js';
import { placesCommands } from './cli.js';

export { findPlaceBySlug, findPlaceById, insertPlace, listPlaces, setApprovesMembers, type Place } from './store.js';
export { placeName } from './places.js';

export const placesModule: KithModule = {
  name: 'places',
  migrations,
  messages,
  viewsDir: path.join(import.meta.dirname, 'views'),
  routes: placesRoutes,
  navigation: () => [{ key: 'nav.home', href: '/', order: 0 }],
  commands: placesCommands,
  demo: demoPlaces,
};
