import type { Kith } from '../../kith.js';
import type { DemoState } from '../module.js';
import { insertPlace } from './store.js';

/** Two places: an English borough and a Welsh town, so both languages have a home. */
export async function demoPlaces(kith: Kith, demo: DemoState): Promise<void> {
  await kith.db.transaction(async (trx) => {
    const calderbrook = await insertPlace(trx, { slug: 'calderbrook', name: 'Calderbrook' });
    const aberllyn = await insertPlace(trx, { slug: 'aberllyn', name: 'Aberllyn' });
    demo.places.calderbrook = calderbrook;
    demo.places.aberllyn = aberllyn;
  });
}
