/**
 * UK postcodes: normalising what people type, and distances between points. Plain
 * functions; the table of postcode → point is in the store.
 */

// Outward code (area, district) then inward code (sector, unit): "SW1A 1AA", "M1 1AE", "B33 8TH".
const OUTWARD = '[A-Z]{1,2}[0-9][0-9A-Z]?';
const POSTCODE = new RegExp(`^(${OUTWARD})([0-9][A-Z]{2})$`);
const DISTRICT = new RegExp(`^${OUTWARD}$`);

const compacted = (input: string) => input.toUpperCase().replace(/[\s\u00a0-]+/g, '');

/** "sw1a1aa", " Sw1A  1aa " → "SW1A 1AA"; undefined when it cannot be a UK postcode. */
export function normalisePostcode(input: string): string | undefined {
  const match = POSTCODE.exec(compacted(input));
  return match ? `${match[1]} ${match[2]}` : undefined;
}

/** " hx1 " → "HX1": a postcode district (outward code) on its own; undefined when it cannot be one. */
export function normaliseDistrict(input: string): string | undefined {
  const compact = compacted(input);
  return DISTRICT.test(compact) ? compact : undefined;
}

/** "hx7 5ab" → "HX7": the district of a full UK postcode; undefined when it is not one. */
export function districtOfPostcode(input: string): string | undefined {
  return POSTCODE.exec(compacted(input))?.[1];
}

export interface Point {
  latitude: number;
  longitude: number;
}

const EARTH_RADIUS_M = 6_371_008.8;
export const METRES_PER_MILE = 1609.344;

/** Great-circle distance in metres. */
export function haversineMetres(a: Point, b: Point): number {
  const rad = Math.PI / 180;
  const dLat = (b.latitude - a.latitude) * rad;
  const dLng = (b.longitude - a.longitude) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * A latitude/longitude box that holds every point within `metres` of the centre: the
 * cheap, indexable first cut before the exact distance is worked out.
 */
export function boundingBox(
  centre: Point,
  metres: number,
): { minLat: number; maxLat: number; minLng: number; maxLng: number } {
  const dLat = (metres / EARTH_RADIUS_M) * (180 / Math.PI);
  const cos = Math.max(Math.cos((centre.latitude * Math.PI) / 180), 0.01);
  const dLng = dLat / cos;
  return {
    minLat: centre.latitude - dLat,
    maxLat: centre.latitude + dLat,
    minLng: centre.longitude - dLng,
    maxLng: centre.longitude + dLng,
  };
}

export function isValidPoint(p: { latitude: number; longitude: number }): boolean {
  return (
    Number.isFinite(p.latitude) &&
    Number.isFinite(p.longitude) &&
    Math.abs(p.latitude) <= 90 &&
    Math.abs(p.longitude) <= 180
  );
}
