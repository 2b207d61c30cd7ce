/** Finding roles: the words search finds a role by, the public search, and role summaries for social prescribing. */
import type { Kith } from '../../kith.js';
import type { Queryable } from '../../db/index.js';
import { organisationSummariesByIds } from '../directory/index.js';
import { boundingBox, haversineMetres, METRES_PER_MILE } from '../../platform/postcodes.js';
import { opportunitiesByIds, searchOpportunities, type Opportunity, type SearchFilters } from './store.js';

/** The words of a text search finds it by: lower case, unaccented, three letters or more, at most 60. */
export function searchWords(...texts: string[]): string[] {
  const words = new Set<string>();
  for (const text of texts) {
    for (const raw of text
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .split(/[^a-z0-9]+/)) {
      if (raw.length < 3) continue;
      words.add(raw.length > 4 && raw.endsWith('s') && !raw.endsWith('ss') ? raw.slice(0, -1) : raw);
      if (words.size >= 60) return [...words];
    }
  }
  return [...words];
}

export async function findOpportunities(
  kith: Kith,
  placeId: string,
  filters: Omit<SearchFilters, 'box'> & { near: { latitude: number; longitude: number } | null; miles: number },
  limit = 50,
) {
  const metres = filters.miles * METRES_PER_MILE;
  const found = await searchOpportunities(
    kith.db.kysely,
    placeId,
    { ...filters, box: filters.near ? boundingBox(filters.near, metres) : null },
    filters.near ? limit * 4 : limit,
  );
  if (!filters.near) return found.map((o) => ({ ...o, miles: null as number | null }));
  const near = filters.near;
  return found
    .map((o) => ({
      ...o,
      miles:
        o.latitude === null || o.longitude === null
          ? null
          : haversineMetres(near, { latitude: o.latitude, longitude: o.longitude }) / METRES_PER_MILE,
    }))
    .filter((o) => o.remote || (o.miles !== null && o.miles <= filters.miles))
    .slice(0, limit);
}

export interface RoleSummary {
  id: string;
  name: string;
  /** Open for people to come to; a referral can only be sent to an open role. */
  open: boolean;
  organisationId: string;
  organisationName: string;
}

/** Names and organisations of some of a place's roles (for social prescribing); ids from elsewhere are left out. */
export async function roleSummaries(
  db: Queryable,
  placeId: string,
  ids: readonly string[],
): Promise<Map<string, RoleSummary>> {
  const roles = [...(await opportunitiesByIds(db, ids)).values()].filter((o) => o.placeId === placeId);
  return new Map((await summarised(db, placeId, roles)).map((r) => [r.id, r]));
}

/** Roles as other capabilities see them, with their organisations' names read in one query. */
async function summarised(
  db: Queryable,
  placeId: string,
  roles: ReadonlyArray<Pick<Opportunity, 'id' | 'title' | 'status' | 'organisationId'>>,
): Promise<RoleSummary[]> {
  const organisations = await organisationSummariesByIds(
    db,
    placeId,
    roles.map((o) => o.organisationId),
  );
  return roles.map((o) => ({
    id: o.id,
    name: o.title,
    open: o.status === 'open',
    organisationId: o.organisationId,
    organisationName: organisations.get(o.organisationId)?.name ?? '',
  }));
}

/**
 * Open roles found by words, as the public search finds them with only its text box
 * filled (for a link worker searching with the words of a conversation). The roles the
 * search read are summarised as they are, not read again.
 */
export async function findRolesByText(
  kith: Kith,
  placeId: string,
  text: string,
  limit: number,
): Promise<RoleSummary[]> {
  const found = await findOpportunities(
    kith,
    placeId,
    {
      words: searchWords(text),
      interests: 0,
      days: 0,
      times: 0,
      commitment: null,
      remoteOnly: false,
      near: null,
      miles: 0,
    },
    limit,
  );
  return summarised(
    kith.db.kysely,
    placeId,
    found.filter((o) => o.placeId === placeId),
  );
}
