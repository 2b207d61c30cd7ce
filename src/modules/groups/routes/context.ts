/** What the groups pages share: a group or event found in the place with where the reader stands, and share tags. */
import type { FastifyRequest } from 'fastify';
import { NotFoundError } from '../../../errors.js';
import type { Kith } from '../../../kith.js';
import type { PlaceContext } from '../../../web/place.js';
import { SHARE_IMAGE_HEIGHT, SHARE_IMAGE_WIDTH } from '../../../web/share-image.js';
import { subjectOf } from '../groups.js';
import type { GroupSubject } from '../policy.js';
import { summary } from '../rules.js';
import { findAnnouncement, findEvent, findGroup, type Announcement, type Group, type GroupEvent } from '../store.js';

export interface GroupInPlace {
  group: Group;
  subject: GroupSubject;
}

/** The group in the address, if this reader may see it (404 otherwise: a hidden group is not there for them). */
export async function groupIn(
  kith: Kith,
  request: FastifyRequest,
  ctx: PlaceContext,
  id: string,
): Promise<GroupInPlace> {
  const group = await findGroup(kith.db.kysely, ctx.place.id, id);
  if (!group) throw new NotFoundError();
  const subject = await subjectOf(kith.db.kysely, group, request.actor.personId);
  if (!kith.policy.can(request.actor, 'groups.view', subject)) throw new NotFoundError();
  return { group, subject };
}

/** The event in the address with its group, if this reader may see inside the group. */
export async function eventIn(
  kith: Kith,
  request: FastifyRequest,
  ctx: PlaceContext,
  id: string,
): Promise<GroupInPlace & { event: GroupEvent }> {
  const event = await findEvent(kith.db.kysely, ctx.place.id, id);
  if (!event) throw new NotFoundError();
  const inPlace = await groupIn(kith, request, ctx, event.groupId);
  if (event.status === 'hidden' && !kith.policy.can(request.actor, 'groups.moderate', ctx.place))
    throw new NotFoundError();
  kith.policy.authorize(request.actor, 'groups.inside', inPlace.subject);
  return { ...inPlace, event };
}

/** The announcement in the address with its group, if this reader may see inside the group (same rule as events). */
export async function announcementIn(
  kith: Kith,
  request: FastifyRequest,
  ctx: PlaceContext,
  id: string,
): Promise<GroupInPlace & { announcement: Announcement }> {
  const announcement = await findAnnouncement(kith.db.kysely, ctx.place.id, id);
  if (!announcement) throw new NotFoundError();
  const inPlace = await groupIn(kith, request, ctx, announcement.groupId);
  if (announcement.status === 'hidden' && !kith.policy.can(request.actor, 'groups.moderate', ctx.place))
    throw new NotFoundError();
  kith.policy.authorize(request.actor, 'groups.inside', inPlace.subject);
  return { ...inPlace, announcement };
}

/** Open Graph and Twitter card tags for a public page; the template escapes each value for its attribute. */
export function shareTags(
  kith: Kith,
  p: {
    title: string;
    description: string;
    path: string;
    type: string;
    lang: string;
    /** The share image drawn for the page, and what it shows in words. */
    image: { path: string; alt: string };
  },
) {
  return {
    image: {
      url: `${kith.config.publicUrl}${p.image.path}?in=${p.lang}`,
      width: SHARE_IMAGE_WIDTH,
      height: SHARE_IMAGE_HEIGHT,
      alt: p.image.alt,
    },
    title: p.title,
    description: summary(p.description),
    url: `${kith.config.publicUrl}${p.path}`,
    type: p.type,
    locale: p.lang === 'cy' ? 'cy_GB' : 'en_GB',
  };
}
