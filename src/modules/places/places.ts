import { z } from 'zod';
import type { Lang } from '../../web/i18n.js';
import type { Place } from './store.js';

const RESERVED_SLUGS = new Set([
  'services',
  'organizations',
  'taxonomies',
  'taxonomy_terms',
  'service_at_locations',
  'new',
  'admin',
]);

export const PlaceInput = z.object({
  slug: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'places.validation.slug')
    .max(60, 'places.validation.slug')
    // These name parts of the Open Referral UK feed at /api/oruk/<slug>/…
    .refine((slug) => !RESERVED_SLUGS.has(slug), 'places.validation.slugReserved'),
  name: z.string().trim().min(1, 'places.validation.name').max(120, 'places.validation.name'),
  nameCy: z.string().trim().max(120).optional(),
});

/** A place's name as a reader of the page's language knows it. */
export function placeName(place: Pick<Place, 'name' | 'nameCy'>, lang: Lang): string {
  return lang === 'cy' && place.nameCy ? place.nameCy : place.name;
}
