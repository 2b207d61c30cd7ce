import type { FastifyRequest } from 'fastify';
import type { Kith } from '../../../kith.js';
import { hasRole } from '../../../policy/index.js';
import type { Translate } from '../../../web/i18n.js';
import { placeContext, viewInPlace, type PlaceContext } from '../../../web/place.js';
import { DURATIONS } from '../inputs.js';
import { settingsOf, type Post } from '../store.js';
import { CATEGORIES, DAYS, daysOf } from '../text.js';

export type { PlaceContext };

export function placeFor(kith: Kith, request: FastifyRequest, action = 'offersRequests.use'): Promise<PlaceContext> {
  return placeContext(kith, request, { section: 'help', action });
}

export const me = (request: FastifyRequest) => request.actor.personId!;
export const myName = (request: FastifyRequest) => request.person?.name ?? '';
export const isCoordinator = (request: FastifyRequest, ctx: PlaceContext) =>
  hasRole(request.actor, ctx.place.id, 'coordinator', 'admin');

export const viewWith = viewInPlace;

/** A post as a page shows it: names of its category, days and length in the reader's language. */
export function presentPost(t: Translate, post: Post, names: ReadonlyMap<string, string | null>) {
  return {
    ...post,
    author: names.get(post.personId) ?? t('exchanges.someone'),
    kindText: t(`exchanges.kind.${post.kind}`),
    categoryText: t(`exchanges.category.${post.category}`),
    daysText: post.days
      ? daysOf(post.days)
          .map((d) => t(`exchanges.days.${d}`))
          .join(', ')
      : t('exchanges.days.any'),
    durationText: t(`exchanges.duration.${post.duration}`),
    statusText: t(`exchanges.status.${post.status}`),
  };
}

export function categoryItems(t: Translate, selected?: unknown) {
  return CATEGORIES.map((c) => ({ value: c, text: t(`exchanges.category.${c}`), selected: c === selected }));
}

export function dayItems(t: Translate, selected: unknown) {
  const chosen = Array.isArray(selected) ? selected.map(String) : typeof selected === 'string' ? [selected] : [];
  return DAYS.map((d) => ({ value: d, text: t(`exchanges.days.${d}`), checked: chosen.includes(d) }));
}

export function durationItems(t: Translate, selected: unknown) {
  return DURATIONS.map((d) => ({
    value: String(d),
    text: t(`exchanges.duration.${d}`),
    checked: String(selected) === String(d),
  }));
}

/** The place's safeguarding guidance in the reader's language (its own words, or Kith's default). */
export async function safeguardingFor(kith: Kith, request: FastifyRequest, placeId: string): Promise<string> {
  const settings = await settingsOf(kith.db.kysely, placeId);
  if (!settings) return request.t('exchanges.safeguarding.default');
  return (request.lang === 'cy' && settings.cy) || settings.en;
}
