/**
 * The library in the demo places: the toolkit's cases and glossary (every place gets
 * those), and one of Calderbrook's own, written by its organiser and waiting for an
 * admin, so the moderation queue and "what did not work" show something local.
 */
import type { Kith } from '../../kith.js';
import type { DemoState } from '../module.js';
import { ensureLibrary, submitCase } from './library.js';
import { CaseInput } from './inputs.js';

export async function demoLibrary(kith: Kith, demo: DemoState): Promise<void> {
  for (const place of Object.values(demo.places)) await ensureLibrary(kith, place.id);
  const calderbrook = demo.places.calderbrook;
  const organiser = demo.people.organiser;
  if (!calderbrook || !organiser) return;
  await submitCase(kith, {
    placeId: calderbrook.id,
    actorId: organiser.id,
    publish: false,
    fields: CaseInput.parse({
      title: 'Calderbrook repair café: fixing things, and meeting the neighbours',
      location: 'Calderbrook Library',
      area: 'north-west',
      typologies: ['formal-volunteering', 'befriending-helping'],
      summary: 'A monthly Saturday where volunteers mend what residents bring, over tea.',
      tried: 'Volunteers with fixing skills from the asset map ran a monthly repair café in the library.',
      whoTookPart:
        'Twelve volunteers, most found through the skills on the asset map, and about forty residents a month.',
      whatWorked: 'People stayed for tea after their repair, and several came back to volunteer.',
      whatDidNot:
        'Electrical repairs needed a qualified tester we did not have for the first three months, so we turned people away. Find the tester before the first session.',
      costBand: 'under-10k',
      cost: '£600 for tools and a PAT tester, from a small grant.',
      evidenceLevel: '1',
      outcomes: 'Repairs recorded each month; residents say they know more neighbours.',
      outcomeTags: ['loneliness'],
      started: '2026-03',
    }),
  });
}
