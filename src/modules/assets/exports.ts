/**
 * The asset map as open data: CSV and GeoJSON (RFC 7946: longitude first) of what the
 * person downloading may see. People's skills are in the CSV only when their owner
 * made them public, and then without a name or any way to reach them; they are never
 * in the GeoJSON, because a skill is not somewhere.
 */
import type { Queryable } from '../../db/index.js';
import { csvLine } from '../../platform/csv.js';
import { organisationSummariesByIds } from '../directory/index.js';
import { acvTimeline, type AcvTimeline } from './acv-dates.js';
import { factsOf } from './acv.js';
import { currentAcvsOf, noticesOf } from './acv-store.js';
import { visibleAssetsAfter, visibleSkillsAfter, type CommunityAsset, type Viewing } from './store.js';
import { todayInPlace } from '../../platform/dates.js';

const BATCH = 500;

export const CSV_COLUMNS = [
  'id',
  'kind',
  'name',
  'description',
  'category',
  'organisation',
  'postcode',
  'latitude',
  'longitude',
  'community_value',
  'listed_until',
  'moratorium_until',
  'protected_until',
  'url',
] as const;

interface Enriched {
  asset: CommunityAsset;
  organisation: string;
  acv?: AcvTimeline;
}

async function* visibleBatches(db: Queryable, viewing: Viewing): AsyncGenerator<Enriched[]> {
  const today = todayInPlace();
  for (let after = ''; ;) {
    const assets = await visibleAssetsAfter(db, viewing, after, BATCH);
    if (!assets.length) return;
    const [organisations, acvs] = await Promise.all([
      organisationSummariesByIds(
        db,
        viewing.placeId,
        assets.flatMap((a) => (a.organisationId ? [a.organisationId] : [])),
      ),
      currentAcvsOf(
        db,
        viewing.placeId,
        assets.map((a) => a.id),
      ),
    ]);
    const notices = await noticesOf(
      db,
      viewing.placeId,
      acvs.map((r) => r.id),
    );
    yield assets.map((asset) => {
      const record = acvs.find((r) => r.assetId === asset.id);
      return {
        asset,
        organisation: (asset.organisationId && organisations.get(asset.organisationId)?.name) || '',
        acv: record ? acvTimeline(factsOf(record, notices), today) : undefined,
      };
    });
    after = assets[assets.length - 1]!.id;
  }
}

function moratoriumUntil(acv: AcvTimeline | undefined): string {
  if (!acv?.current) return '';
  if (acv.standing !== 'interim_moratorium' && acv.standing !== 'full_moratorium') return '';
  return acv.current.moratoriumLastDay ?? '';
}

export async function assetsCsv(db: Queryable, viewing: Viewing, assetUrl: (id: string) => string): Promise<string> {
  let out = csvLine(CSV_COLUMNS);
  for await (const batch of visibleBatches(db, viewing)) {
    for (const { asset, organisation, acv } of batch) {
      out += csvLine([
        asset.id,
        asset.kind,
        asset.name,
        asset.description,
        '',
        organisation,
        asset.postcode,
        asset.latitude,
        asset.longitude,
        acv?.standing ?? '',
        acv?.listingLastDay ?? '',
        moratoriumUntil(acv),
        acv?.current && acv.standing !== 'listed' ? acv.current.dates.protectedLastDay : '',
        assetUrl(asset.id),
      ]);
    }
  }
  // Only public skills, whoever downloads: an export is easily passed on.
  const publicOnly: Viewing = { placeId: viewing.placeId, levels: ['public'], viewerId: null };
  for (let after = ''; ;) {
    const skills = await visibleSkillsAfter(db, publicOnly, after, BATCH);
    if (!skills.length) break;
    for (const s of skills)
      out += csvLine([s.id, s.kind, '', s.description, s.category, '', '', '', '', '', '', '', '', '']);
    after = skills[skills.length - 1]!.id;
  }
  return out;
}

export async function assetsGeoJson(db: Queryable, viewing: Viewing, assetUrl: (id: string) => string) {
  const features: unknown[] = [];
  for await (const batch of visibleBatches(db, viewing)) {
    for (const { asset, organisation, acv } of batch) {
      if (asset.latitude === null || asset.longitude === null) continue;
      features.push({
        type: 'Feature',
        id: asset.id,
        // RFC 7946: a position is [longitude, latitude].
        geometry: {
          type: 'Point',
          coordinates: [Number(asset.longitude.toFixed(6)), Number(asset.latitude.toFixed(6))],
        },
        properties: {
          name: asset.name,
          kind: asset.kind,
          description: asset.description,
          ...(organisation ? { organisation } : {}),
          postcode: asset.postcode,
          url: assetUrl(asset.id),
          ...(acv
            ? {
                communityValue: {
                  standing: acv.standing,
                  ...(acv.listingLastDay ? { listedUntil: acv.listingLastDay } : {}),
                  ...(moratoriumUntil(acv) ? { moratoriumUntil: moratoriumUntil(acv) } : {}),
                  ...(acv.current && acv.standing !== 'listed'
                    ? { protectedUntil: acv.current.dates.protectedLastDay }
                    : {}),
                },
              }
            : {}),
        },
      });
    }
  }
  return { type: 'FeatureCollection' as const, features };
}
