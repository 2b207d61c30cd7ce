/** `kith create-admin`: the first admin of a place, from the command line. */
import { z } from 'zod';
import type { KithCommand } from '../module.js';
import { findPlaceBySlug } from '../places/index.js';
import { createAdmin } from './accounts.js';

const AdminInput = z.object({ place: z.string().min(1), email: z.email(), name: z.string().trim().min(1).max(120) });

export const peopleCommands: KithCommand[] = [
  {
    name: 'create-admin',
    summary: 'make someone an admin of a place; prints a link to set their password if they are new',
    options: [
      ['--place <slug>', 'the place', { required: true }],
      ['--email <email>', 'their email address', { required: true }],
      ['--name <name>', 'their name', { required: true }],
    ],
    async run(kith, { options }, io) {
      const parsed = AdminInput.safeParse(options);
      if (!parsed.success) {
        const fields = [...new Set(parsed.error.issues.map((i) => `--${String(i.path[0])}`))];
        io.err(`Cannot create the admin: ${fields.join(', ')} not valid.`);
        io.err('Example: kith create-admin --place calderbrook --email priya@example.org --name "Priya Shah"');
        return 2;
      }
      const { email, name } = parsed.data;
      const place = await findPlaceBySlug(kith.db.kysely, parsed.data.place);
      if (!place) {
        io.err(`There is no place with the slug "${parsed.data.place}". Create it first with kith create-place.`);
        return 1;
      }
      const result = await createAdmin(kith, { email, name, placeId: place.id });
      if (result.created) {
        io.out(`Created an account for ${email}, admin of ${place.name}.`);
        io.out(`Give them this link to choose a password (it works for 24 hours):\n${result.setPasswordUrl}`);
      } else if (result.alreadyAdmin) {
        io.out(
          `${email} is already an admin of ${place.name}. If they never chose a password, they can use "I have forgotten my password" on the sign-in page.`,
        );
      } else io.out(`${email} already had an account and is now an admin of ${place.name}.`);
      return 0;
    },
  },
];
