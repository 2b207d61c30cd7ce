/**
 * Where an event is on the map, so "what's on near a postcode" can find it: the point of
 * its directory location, of the location of the space it booked, or of a postcode in
 * the address its organisers wrote. Online events, and addresses with no known
 * postcode, have none.
 */
import type { Queryable } from '../../db/index.js';
import type { Point } from '../../platform/postcodes.js';
import { locationSummaries, pointForPostcode } from '../directory/index.js';
import { confirmedBooking } from '../spaces/index.js';
import { postcodeIn } from './rules.js';
import type { EventMode } from './schema.js';
import { eventsWithoutPoint, setEventPoint } from './store.js';

export async function pointOfEvent(
  db: Queryable,
  placeId: string,
  e: { mode: EventMode; address: string; locationId: string | null; bookingId: string | null },
): Promise<Point | undefined> {
  if (e.mode !== 'in_person') return undefined;
  let locationId = e.locationId;
  if (!locationId && e.bookingId) locationId = (await confirmedBooking(db, placeId, e.bookingId))?.locationId ?? null;
  if (locationId) {
    const [location] = await locationSummaries(db, placeId, [locationId]);
    if (location?.latitude != null && location.longitude != null)
      return { latitude: location.latitude, longitude: location.longitude };
    if (location?.postcode) {
      const point = await pointForPostcode(db, location.postcode);
      if (point) return point;
    }
  }
  const postcode = postcodeIn(e.address);
  return postcode ? pointForPostcode(db, postcode) : undefined;
}

/** Gives a point to every in-person event listed before events kept one (run once, by a migration). */
export async function placeEventsAlreadyListed(db: Queryable): Promise<number> {
  let after = '';
  let placed = 0;
  for (;;) {
    const batch = await eventsWithoutPoint(db, after, 500);
    if (!batch.length) return placed;
    for (const e of batch) {
      const point = await pointOfEvent(db, e.placeId, e);
      if (point) {
        await setEventPoint(db, e.id, point);
        placed++;
      }
    }
    after = batch[batch.length - 1]!.id;
  }
}
