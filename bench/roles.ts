/**
 * Volunteering roles for the steps that need them (the dataset generator has none):
 * the opportunity search's and social prescribing's suggestions. One generator, so the
 * rows are always shaped as volunteering's store writes them, with their words indexed
 * while open as the service indexes them.
 */
import type { Insertable } from 'kysely';
import type { Kith } from '../src/kith.js';
import { bitsOf, COMMITMENTS, INTERESTS } from '../src/modules/volunteering/inputs.js';
import type { OpportunityTable, OpportunityWordTable } from '../src/modules/volunteering/schema.js';
import { searchWords } from '../src/modules/volunteering/search.js';
import { daysMask } from '../src/modules/volunteering/times.js';
import { WEEKDAYS } from '../src/platform/dates.js';
import { pointNear } from './directory.js';
import { bulkInsert } from './insert.js';
import type { Rng } from './random.js';

export interface RolesToAdd {
  rng: Rng;
  placeId: string;
  organisations: readonly string[];
  count: number;
  /** Titles are one of these and a number ("Walk leader 12"). */
  kinds: readonly string[];
  /** The rest of a role's searchable text, after its title. */
  describe(rng: Rng): string;
  /**
   * Spread over the county (10% remote, the rest up to 20 km from its centre) on some
   * days and times, with two interests and some in shifts, for searches that filter by
   * them; otherwise roles with no point, day or time, and one interest.
   */
  spread: boolean;
}

/** Adds the roles (90% open) and the words of the open ones; how many of each were written. */
export async function addRoles(kith: Kith, add: RolesToAdd): Promise<{ roles: number; words: number }> {
  const { rng } = add;
  const at = '2026-01-01T00:00:00.000Z';
  const roles: Array<Insertable<OpportunityTable>> = [];
  const words: Array<Insertable<OpportunityWordTable>> = [];
  for (let i = 0; i < add.count; i++) {
    const id = rng.uuid();
    const title = `${rng.pick(add.kinds)} ${i + 1}`;
    const text = searchWords(title, add.describe(rng));
    const remote = add.spread && rng.chance(0.1);
    const point = add.spread && !remote ? pointNear(rng, 20) : undefined;
    const open = rng.chance(0.9);
    roles.push({
      id,
      place_id: add.placeId,
      organisation_id: rng.pick(add.organisations),
      title,
      description: 'A generated role',
      skills: '',
      time_commitment: 'A few hours',
      commitment: rng.pick(COMMITMENTS),
      accessibility: '',
      minimum_age: null,
      participation: add.spread && rng.chance(0.6) ? 'shifts' : 'flexible',
      remote: remote ? 1 : 0,
      postcode: '',
      latitude: point?.latitude ?? null,
      longitude: point?.longitude ?? null,
      interests: bitsOf(INTERESTS, add.spread ? [rng.pick(INTERESTS), rng.pick(INTERESTS)] : [rng.pick(INTERESTS)]),
      requirements: '',
      days: add.spread ? daysMask([rng.pick(WEEKDAYS), rng.pick(WEEKDAYS)]) : 0,
      times: add.spread ? 1 + Math.floor(rng.next() * 7) : 0,
      status: open ? 'open' : 'closed',
      search_text: text.join(' '),
      created_by: null,
      created_at: at,
      updated_at: at,
    });
    if (open) for (const word of text) words.push({ place_id: add.placeId, word, opportunity_id: id });
  }
  await bulkInsert(kith.db, 'volunteering_opportunities', roles);
  await bulkInsert(kith.db, 'volunteering_opportunity_words', words);
  return { roles: roles.length, words: words.length };
}
