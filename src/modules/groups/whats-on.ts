/** What's on: a place's upcoming public events in a span of time, optionally near a point. */
import type { Queryable } from '../../db/index.js';
import { boundingBox, haversineMetres, METRES_PER_MILE, type Point } from '../../platform/postcodes.js';
import type { WhatsOnSpan } from './inputs.js';
import { nearOrdered, WHATS_ON_LIMIT, whatsOnSpan } from './rules.js';
import { publicEventsBetween } from './store.js';

export async function findWhatsOn(
  db: Queryable,
  placeId: string,
  r: { span: WhatsOnSpan; near?: { point: Point; miles: number }; order: 'time' | 'distance'; now: Date },
) {
  const near = r.near && { point: r.near.point, metres: r.near.miles * METRES_PER_MILE };
  const listed = await publicEventsBetween(db, placeId, {
    ...whatsOnSpan(r.span, r.now),
    box: near ? boundingBox(near.point, near.metres) : undefined,
    limit: WHATS_ON_LIMIT,
  });
  return {
    events: nearOrdered(listed, near, near ? r.order : 'time', haversineMetres),
    /** More were there than are listed. */
    full: listed.length >= WHATS_ON_LIMIT,
  };
}
