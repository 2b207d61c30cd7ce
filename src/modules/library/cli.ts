import { readFile } from 'node:fs/promises';
import type { KithCommand } from '../module.js';
import { findPlaceBySlug } from '../places/index.js';
import { importFeed } from './feed.js';
import { ensureLibrary } from './library.js';

/** `kith library import --place <slug> <feed>`: another Kith's public library, from its address or a saved file. */
export const libraryCommands: KithCommand[] = [
  {
    name: 'library import',
    summary: "Import another Kith's public library feed (cases.json) into a place",
    arguments: [['<feed>', 'the feed’s address (https://…/library/cases.json) or a saved file']],
    options: [['--place <slug>', 'the place to import into', { required: true }]],
    async run(kith, { args, options }, output) {
      const place = await findPlaceBySlug(kith.db.kysely, String(options.place));
      if (!place) {
        output.err(`There is no place "${String(options.place)}".`);
        return 1;
      }
      const from = args[0]!;
      let text: string;
      try {
        if (/^https?:\/\//i.test(from)) {
          const response = await fetch(from, {
            headers: { accept: 'application/json' },
            signal: AbortSignal.timeout(30_000),
          });
          if (!response.ok) throw new Error(`the feed answered ${response.status}`);
          text = await response.text();
        } else text = await readFile(from, 'utf8');
      } catch (error) {
        output.err(`Could not read the feed: ${(error as Error).message}`);
        return 1;
      }
      let feed: unknown;
      try {
        feed = JSON.parse(text);
      } catch {
        output.err('The feed is not JSON.');
        return 1;
      }
      await ensureLibrary(kith, place.id);
      try {
        const report = await importFeed(kith, place.id, from, feed);
        output.out(
          `Added ${report.added} case studies; ${report.alreadyHere} were already here; ${report.skippedSeeds} from the toolkit skipped; ${report.refused.length} refused.`,
        );
        for (const r of report.refused) output.out(`  refused ${r.id || '(no id)'}: ${r.problem}`);
        return 0;
      } catch (error) {
        output.err((error as Error).message);
        return 1;
      }
    },
  },
];
