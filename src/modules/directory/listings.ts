/**
 * Commands that change listings: each one a transaction, each decision that matters
 * audited, the search index refreshed in the same transaction.
 */
import { RuleError } from '../../errors.js';
import type { Trx } from '../../db/index.js';
import type { Kith } from '../../kith.js';
import { recordAudit } from '../../platform/audit/index.js';
import { once, type Submission } from '../../platform/idempotency/index.js';
import { emailReader } from '../../platform/mail/index.js';
import { findPlaceById } from '../places/index.js';
import { findPersonById } from '../people/index.js';
import { nextState, type ListingInput, type ModerationAction } from './inputs.js';
import { reindexActivity } from './search-store.js';
import {
  claimReviewReminder,
  confirmActivityChecked,
  listingsDueReview,
  setActivityState,
} from './moderation-store.js';
import { findActivity, writeListing } from './listings-store.js';
import { findOrganisation, organisersOf } from './organisations-store.js';
import { findPostcode } from './locations-store.js';
import { termsOf } from './taxonomy-store.js';

/** Fills in each location's point from its postcode; an unknown postcode is refused beside the field. */
export async function locateListing(trx: Trx, input: ListingInput): Promise<ListingInput> {
  const locations = [];
  for (const location of input.locations) {
    if (location.latitude !== null && location.longitude !== null) {
      locations.push(location);
      continue;
    }
    const point = await findPostcode(trx, location.postcode);
    if (!point)
      throw new RuleError('directory.validation.postcode.unknown', { postcode: location.postcode }, 'postcode');
    locations.push({ ...location, ...point });
  }
  return { ...input, locations };
}

async function checkTerms(trx: Trx, placeId: string, termIds: string[]): Promise<void> {
  if (!termIds.length) return;
  const known = new Set((await termsOf(trx, placeId)).map((t) => t.id));
  if (termIds.some((id) => !known.has(id))) throw new RuleError('directory.validation.terms', {}, 'terms');
}

/** An organiser (or admin) starts a listing for an organisation, as a draft. */
export async function createListing(
  kith: Kith,
  c: { placeId: string; organisationId: string; actorId: string; input: ListingInput; submission?: Submission },
): Promise<string> {
  const { result } = await once(kith.db, 'directory.listing.create', c.submission, async (trx) => {
    if (!(await findOrganisation(trx, c.placeId, c.organisationId)))
      throw new RuleError('directory.organisation.notFound');
    await checkTerms(trx, c.placeId, c.input.termIds);
    const input = await locateListing(trx, c.input);
    const { id } = await writeListing(trx, {
      placeId: c.placeId,
      organisationId: c.organisationId,
      input,
      state: 'draft',
      actorId: c.actorId,
    });
    await recordAudit(trx, {
      placeId: c.placeId,
      actorId: c.actorId,
      action: 'listing.created',
      subjectType: 'directory_activity',
      subjectId: id,
      detail: { name: input.name },
    });
    await reindexActivity(trx, kith.db.dialect, c.placeId, id);
    return id;
  });
  return result;
}

/**
 * Saves changes to a listing. An organiser's change to a published listing sends it
 * back to the moderators before it shows again; a moderator's does not.
 */
export async function updateListing(
  kith: Kith,
  c: { placeId: string; activityId: string; actorId: string; byModerator: boolean; input: ListingInput },
): Promise<void> {
  await kith.db.transaction(async (trx) => {
    const current = await findActivity(trx, c.placeId, c.activityId);
    if (!current) throw new RuleError('directory.listing.notFound');
    await checkTerms(trx, c.placeId, c.input.termIds);
    const input = await locateListing(trx, c.input);
    const next = nextState(current.state, 'edit', c.byModerator);
    const state = 'state' in next ? next.state : current.state;
    await writeListing(trx, {
      placeId: c.placeId,
      organisationId: current.organisationId,
      id: current.id,
      input,
      state,
      actorId: c.actorId,
    });
    if (state !== current.state) await setActivityState(trx, c.placeId, current.id, { state, reason: null });
    await recordAudit(trx, {
      placeId: c.placeId,
      actorId: c.actorId,
      action: 'listing.updated',
      subjectType: 'directory_activity',
      subjectId: current.id,
      detail: { name: input.name },
    });
    await reindexActivity(trx, kith.db.dialect, c.placeId, current.id);
  });
}

/**
 * Moves a listing through moderation: an organiser submits; a moderator publishes or
 * asks for changes (with the reason the organiser will see, by email too).
 */
export async function moderateListing(
  kith: Kith,
  c: {
    placeId: string;
    activityId: string;
    actorId: string;
    byModerator: boolean;
    action: Exclude<ModerationAction, 'edit'>;
    reason?: string;
  },
): Promise<void> {
  await kith.db.transaction(async (trx) => {
    const current = await findActivity(trx, c.placeId, c.activityId);
    if (!current) throw new RuleError('directory.listing.notFound');
    const next = nextState(current.state, c.action, c.byModerator);
    if ('refusal' in next) throw new RuleError(next.refusal, {}, 'decision');
    const now = new Date().toISOString();
    if (c.action === 'confirm') {
      await confirmActivityChecked(trx, c.placeId, current.id, now);
    } else {
      await setActivityState(trx, c.placeId, current.id, {
        state: next.state,
        reason: c.action === 'requestChanges' ? (c.reason ?? null) : null,
        ...(next.state === 'published' ? { publishedAt: current.publishedAt ?? now, lastCheckedAt: now } : {}),
      });
    }
    const action = {
      submit: 'listing.submitted',
      publish: 'listing.published',
      requestChanges: 'listing.changesRequested',
      confirm: 'listing.confirmed',
    }[c.action];
    await recordAudit(trx, {
      placeId: c.placeId,
      actorId: c.actorId,
      action,
      subjectType: 'directory_activity',
      subjectId: current.id,
      detail: { name: current.name, ...(c.reason ? { reason: c.reason } : {}) },
    });
    if (c.action === 'publish' || c.action === 'requestChanges')
      await tellOrganisers(kith, trx, current, c.action, c.reason);
    await reindexActivity(trx, kith.db.dialect, c.placeId, current.id);
  });
}

async function tellOrganisers(
  kith: Kith,
  trx: Trx,
  activity: { id: string; placeId: string; organisationId: string; name: string },
  action: 'publish' | 'requestChanges',
  reason?: string,
) {
  const place = await findPlaceById(trx, activity.placeId);
  if (!place) return;
  for (const organiser of await organisersOf(trx, activity.placeId, activity.organisationId)) {
    if (!organiser.email || !organiser.name) continue;
    const published = action === 'publish';
    await emailReader(
      kith,
      trx,
      { ...organiser, email: organiser.email, name: organiser.name },
      {
        placeId: activity.placeId,
        subjectKey: published ? 'directory.email.published.subject' : 'directory.email.changes.subject',
        paragraphs: [
          published ? 'directory.email.published.body' : 'directory.email.changes.body',
          ...(reason ? [{ text: reason }] : []),
        ],
        params: { name: activity.name },
        action: { key: 'directory.email.open', path: `/places/${place.slug}/directory/activities/${activity.id}/edit` },
      },
    );
  }
}

/**
 * The reminder job: every published listing nobody has confirmed for six months gets
 * one email to its organisers per "last checked" date, however often the job runs.
 */
export async function sendReviewReminders(kith: Kith, now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - 183 * 86_400_000).toISOString();
  let sent = 0;
  for (const listing of await listingsDueReview(kith.db.kysely, before, 500)) {
    await kith.db.transaction(async (trx) => {
      const checkedAt = listing.lastCheckedAt ?? listing.publishedAt ?? 'never';
      if (!(await claimReviewReminder(trx, { placeId: listing.placeId, activityId: listing.id, checkedAt }))) return;
      const place = await findPlaceById(trx, listing.placeId);
      if (!place) return;
      for (const organiser of await organisersOf(trx, listing.placeId, listing.organisationId)) {
        if (!organiser.email || !organiser.name) continue;
        await emailReader(
          kith,
          trx,
          { ...organiser, email: organiser.email, name: organiser.name },
          {
            placeId: listing.placeId,
            subjectKey: 'directory.email.review.subject',
            paragraphs: ['directory.email.review.body'],
            params: { name: listing.name },
            action: {
              key: 'directory.email.review.action',
              path: `/places/${place.slug}/directory/activities/${listing.id}/edit`,
            },
          },
        );
        sent++;
      }
    });
  }
  return sent;
}

export async function personName(kith: Kith, id: string | null): Promise<string | undefined> {
  return id ? (await findPersonById(kith.db.kysely, id))?.name : undefined;
}
