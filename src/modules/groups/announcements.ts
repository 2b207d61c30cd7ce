/**
 * Announcements: a group's organisers write to its members. Posting only stores the
 * announcement and queues one job; the worker emails the members who asked for each
 * announcement at once, in batches, each batch marked sent in the same transaction as
 * its emails, so a job that runs again emails nobody twice. Members who chose a weekly
 * digest get one email a week listing what their groups announced. Nothing hidden is
 * sent, and nobody is emailed what someone they blocked wrote.
 */
import { NotFoundError } from '../../errors.js';
import type { Kith } from '../../kith.js';
import { recordAudit } from '../../platform/audit/index.js';
import { once, type Submission } from '../../platform/idempotency/index.js';
import { enqueueJob } from '../../platform/jobs/index.js';
import { emailReader } from '../../platform/mail/index.js';
import { blockersOf, hasBlocked, readersOf } from '../people/index.js';
import { findPlaceById } from '../places/index.js';
import type { AnnouncementInput } from './inputs.js';
import type { AnnouncementDelivery } from './schema.js';
import {
  closeAnnouncementReports,
  digestAnnouncementsFor,
  findAnnouncement,
  findGroup,
  findMember,
  insertAnnouncement,
  instantRecipients,
  markDelivered,
  markDeliveredMany,
  markDigestSent,
  sendableAnnouncement,
  setAnnouncementHidden,
  updateMember,
  weeklyDue,
  type Group,
} from './store.js';

/** How many members one transaction of the worker emails. */
export const ANNOUNCE_BATCH = 200;
/** The weekly digest: at most one email a person a week. */
export const DIGEST_DAYS = 7;
/** The most announcements one summary lists; any more are on the group pages, and the summary says so. */
export const DIGEST_MOST = 50;

export async function postAnnouncement(
  kith: Kith,
  r: { group: Group; personId: string; input: AnnouncementInput; submission?: Submission },
): Promise<string> {
  const { result } = await once(kith.db, 'groups.announce', r.submission, async (trx) => {
    const id = await insertAnnouncement(trx, {
      placeId: r.group.placeId,
      groupId: r.group.id,
      title: r.input.title,
      text: r.input.text,
      createdBy: r.personId,
    });
    await enqueueJob(trx, {
      kind: 'groups/announce',
      payload: { announcementId: id },
      placeId: r.group.placeId,
      dedupeKey: `groups/announce:${id}`,
    });
    await recordAudit(trx, {
      placeId: r.group.placeId,
      actorId: r.personId,
      action: 'groups.announce',
      subjectType: 'announcement',
      subjectId: id,
    });
    return id;
  });
  kith.kickJobs();
  return result;
}

/** A member chooses how announcements reach them. */
export async function setAnnouncementDelivery(
  kith: Kith,
  r: { group: Group; personId: string; how: AnnouncementDelivery },
): Promise<void> {
  await kith.db.transaction(async (trx) => {
    if (!(await findMember(trx, r.group.id, r.personId))) throw new NotFoundError();
    await updateMember(trx, r.group.id, r.personId, { announcements: r.how });
  });
}

/** The worker's job: emails an announcement to every member who asked for it at once. Returns how many were sent. */
export async function deliverAnnouncement(kith: Kith, announcementId: string): Promise<number> {
  const db = kith.db.kysely;
  const first = await sendableAnnouncement(db, announcementId);
  if (!first) return 0;
  const place = await findPlaceById(db, first.placeId);
  if (!place) return 0;
  const blockers = first.createdBy ? await blockersOf(db, first.createdBy) : new Set<string>();
  const group = await findGroup(db, first.placeId, first.groupId);
  let sent = 0;
  for (;;) {
    // Read afresh each batch: an admin may hide it while it is going out.
    const announcement = await sendableAnnouncement(db, announcementId);
    if (!announcement) break;
    const batch = await instantRecipients(db, announcement, ANNOUNCE_BATCH);
    if (!batch.length) break;
    await kith.db.transaction(async (trx) => {
      await markDelivered(
        trx,
        announcement.id,
        batch.filter((p) => blockers.has(p)),
        'skipped',
      );
      const marked = await markDelivered(
        trx,
        announcement.id,
        batch.filter((p) => !blockers.has(p)),
        'instant',
      );
      for (const reader of await readersOf(trx, [...marked])) {
        await emailReader(kith, trx, reader, {
          placeId: announcement.placeId,
          subjectKey: 'groups.mail.announcement.subject',
          paragraphs: ['groups.mail.announcement.body', { text: announcement.text }, 'groups.mail.announcement.choose'],
          params: { group: group?.name ?? '', title: announcement.title },
          action: {
            key: 'groups.mail.announcement.action',
            path: `/places/${place.slug}/groups/announcements/${announcement.id}`,
          },
        });
        sent += 1;
      }
    });
  }
  kith.kickJobs();
  return sent;
}

/**
 * The hourly job: each member who chose the weekly digest, and has had none for a week,
 * gets one email listing their groups' announcements of the week in that place that
 * they have not had, each marked sent with it. Nobody with nothing new is emailed.
 */
export async function sendWeeklyDigests(kith: Kith, now = new Date()): Promise<number> {
  const db = kith.db.kysely;
  const cutoff = new Date(now.getTime() - DIGEST_DAYS * 24 * 3600_000).toISOString();
  const slugs = new Map<string, string>();
  let after: { placeId: string; personId: string } | null = null;
  let sent = 0;
  for (;;) {
    const due = await weeklyDue(db, cutoff, after, 500);
    if (!due.length) break;
    after = due[due.length - 1]!;
    for (const { placeId, personId, lastSentAt } of due) {
      // What came since their last summary (or in the past week, for a first one), not yet sent to them.
      const found = await digestAnnouncementsFor(db, placeId, personId, lastSentAt ?? cutoff, DIGEST_MOST + 1);
      const more = found.length > DIGEST_MOST;
      const blockedAuthors = new Set<string>();
      for (const author of new Set(found.map((a) => a.createdBy)))
        if (author && (await hasBlocked(db, personId, author))) blockedAuthors.add(author);
      const items = found.slice(0, DIGEST_MOST).filter((a) => !a.createdBy || !blockedAuthors.has(a.createdBy));
      if (!items.length) continue;
      if (!slugs.has(placeId)) slugs.set(placeId, (await findPlaceById(db, placeId))?.slug ?? '');
      await kith.db.transaction(async (trx) => {
        if (!(await markDigestSent(trx, placeId, personId, cutoff, now.toISOString()))) return;
        const marked = await markDeliveredMany(
          trx,
          items.map((a) => a.id),
          personId,
        );
        const listed = items.filter((a) => marked.has(a.id));
        const [reader] = await readersOf(trx, [personId]);
        if (!reader || !listed.length) return;
        await emailReader(kith, trx, reader, {
          placeId,
          subjectKey: 'groups.mail.digest.subject',
          paragraphs: [
            'groups.mail.digest.body',
            ...listed.flatMap((a) => [{ text: `${a.groupName}: ${a.title}` }, { text: a.text }]),
            ...(more ? ['groups.mail.digest.more'] : []),
            'groups.mail.announcement.choose',
          ],
          action: { key: 'groups.mail.digest.action', path: `/places/${slugs.get(placeId)}/groups` },
        });
        sent += 1;
      });
    }
  }
  kith.kickJobs();
  return sent;
}

/** An admin hides an announcement with a reason (kept, and audited): it is shown and sent no more; its reports close. */
export async function hideAnnouncement(
  kith: Kith,
  r: { placeId: string; adminId: string; announcementId: string; reason: string },
): Promise<void> {
  await kith.db.transaction(async (trx) => {
    if (!(await findAnnouncement(trx, r.placeId, r.announcementId))) throw new NotFoundError();
    await setAnnouncementHidden(trx, r.announcementId, r.reason);
    await closeAnnouncementReports(trx, r.announcementId);
    await recordAudit(trx, {
      placeId: r.placeId,
      actorId: r.adminId,
      action: 'groups.announcement.hide',
      subjectType: 'announcement',
      subjectId: r.announcementId,
      detail: { reason: r.reason },
    });
  });
}
