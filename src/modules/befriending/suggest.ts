/**
 * What other capabilities may know of a place's schemes: found by the words of a
 * conversation (a link worker looking for someone to be matched), and named by id
 * (a referral to a scheme, shown on the pages and in the reports that follow it).
 */
import type { Queryable } from '../../db/index.js';
import { organisationSummariesByIds } from '../directory/index.js';
import type { SchemeKind } from './schema.js';
import { schemesByIds, schemesMatching, schemesOfPlace } from './store.js';

export interface SchemeSummary {
  id: string;
  name: string;
  kind: SchemeKind;
  /** Open to new people: a closed scheme takes no referrals. */
  open: boolean;
  organisationId: string;
  organisationName: string;
}

/** The words of a search, as schemes are searched: lower case, without punctuation, at most eight. */
export function schemeSearchWords(text: string): string[] {
  const words = text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^a-z0-9']+/)
    .filter((w) => w.length >= 2);
  return [...new Set(words)].slice(0, 8);
}

async function summarised(db: Queryable, placeId: string, schemes: Awaited<ReturnType<typeof schemesByIds>>) {
  const organisations = await organisationSummariesByIds(
    db,
    placeId,
    schemes.map((s) => s.organisationId),
  );
  return schemes.map((s): SchemeSummary => ({
    id: s.id,
    name: s.name,
    kind: s.kind,
    open: s.status === 'open',
    organisationId: s.organisationId,
    organisationName: organisations.get(s.organisationId)?.name ?? '',
  }));
}

/** A place's open schemes whose name or description holds every word of the text, by name. */
export async function findSchemesByText(
  db: Queryable,
  placeId: string,
  text: string,
  limit: number,
): Promise<SchemeSummary[]> {
  const words = schemeSearchWords(text);
  if (!words.length) return [];
  return summarised(db, placeId, await schemesMatching(db, placeId, words, limit));
}

/** Schemes of a place by id; ids from another place or unknown are left out. */
export async function schemeSummaries(
  db: Queryable,
  placeId: string,
  ids: readonly string[],
): Promise<Map<string, SchemeSummary>> {
  if (!ids.length) return new Map();
  const schemes = (await schemesByIds(db, [...new Set(ids)])).filter((s) => s.placeId === placeId);
  return new Map((await summarised(db, placeId, schemes)).map((s) => [s.id, s]));
}

/** A place's open schemes, for someone choosing one to ask for (a resident, or a referrer from another service). */
export async function openSchemeSummaries(db: Queryable, placeId: string): Promise<SchemeSummary[]> {
  return summarised(db, placeId, await schemesOfPlace(db, placeId, true));
}
