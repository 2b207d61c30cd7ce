/** `kith create-place`: a new place, from the command line (an admin's first step). */
import type { KithCommand } from '../module.js';
import { PlaceInput } from './places.js';
import { findPlaceBySlug, insertPlace } from './store.js';

export const placesCommands: KithCommand[] = [
  {
    name: 'create-place',
    summary: 'add a place',
    options: [
      ['--slug <slug>', 'its address, e.g. calderbrook (lower case letters, digits and hyphens)', { required: true }],
      ['--name <name>', 'its name in English', { required: true }],
      ['--name-cy <name>', 'its name in Welsh'],
    ],
    async run(kith, { options }, io) {
      const parsed = PlaceInput.safeParse({ slug: options.slug, name: options.name, nameCy: options.nameCy });
      if (!parsed.success) {
        const fields = [...new Set(parsed.error.issues.map((i) => `--${String(i.path[0])}`))];
        io.err(`Cannot create the place: ${fields.join(', ')} not valid.`);
        io.err('Example: kith create-place --slug calderbrook --name Calderbrook');
        return 2;
      }
      if (await findPlaceBySlug(kith.db.kysely, parsed.data.slug)) {
        io.err(`There is already a place with the slug "${parsed.data.slug}".`);
        return 1;
      }
      const place = await insertPlace(kith.db.kysely, parsed.data);
      io.out(
        `Created ${place.name} at /places/${place.slug}. Next: kith create-admin --place ${place.slug} --email … --name …`,
      );
      return 0;
    },
  },
];
