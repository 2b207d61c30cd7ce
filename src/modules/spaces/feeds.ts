/**
 * A booker's private calendar feed: their own bookings, with the space and what each is
 * for, at an address that holds a random secret. Kith keeps only the secret's hash, so the
 * address is shown once, when made; making a new one, or stopping the feed, ends the old
 * address at once (a lost phone, a shared link).
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Kith } from '../../kith.js';
import { recordAudit } from '../../platform/audit/index.js';
import { feedOwner, replaceFeed } from './store.js';
import type { Queryable } from '../../db/index.js';

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

/** A feed secret is 32 URL-safe characters; anything else is not one. */
export const FEED_TOKEN = /^[A-Za-z0-9_-]{32}$/;

/** Starts a new feed for this person (ending any earlier one); returns the secret for the address. */
export async function startFeed(kith: Kith, r: { placeId: string; personId: string }): Promise<string> {
  const token = randomBytes(24).toString('base64url');
  await kith.db.transaction(async (trx) => {
    await replaceFeed(trx, r.placeId, r.personId, hashOf(token));
    await recordAudit(trx, { placeId: r.placeId, actorId: r.personId, action: 'spaces.feed.started' });
  });
  return token;
}

export async function stopFeed(kith: Kith, r: { placeId: string; personId: string }): Promise<void> {
  await kith.db.transaction(async (trx) => {
    await replaceFeed(trx, r.placeId, r.personId, null);
    await recordAudit(trx, { placeId: r.placeId, actorId: r.personId, action: 'spaces.feed.stopped' });
  });
}

/** Whose bookings a feed address shows; undefined for a stopped, replaced or made-up one. */
export async function feedReader(db: Queryable, placeId: string, token: string): Promise<string | undefined> {
  return FEED_TOKEN.test(token) ? feedOwner(db, placeId, hashOf(token)) : undefined;
}
