/**
 * Offers of help other capabilities may suggest: a link worker sees, beside activities,
 * what neighbours have offered that matches what a person said. Read only: a link to
 * the offer, where anyone who belongs to the place can get in touch as usual.
 */
import type { Queryable } from '../../db/index.js';
import { openOffersSharing } from './store.js';
import { significantWords } from './text.js';

export interface OfferSummary {
  id: string;
  title: string;
  area: string;
  /** The offer's page, under the place. */
  path: string;
}

/** Open offers of help in a place that share words with the text, those sharing most first. */
export async function findOffersByText(
  db: Queryable,
  place: { id: string; slug: string },
  text: string,
  limit: number,
): Promise<OfferSummary[]> {
  const words = significantWords(text);
  if (!words.length) return [];
  return (await openOffersSharing(db, place.id, words, limit)).map((o) => ({
    ...o,
    path: `/places/${place.slug}/help/posts/${o.id}`,
  }));
}
