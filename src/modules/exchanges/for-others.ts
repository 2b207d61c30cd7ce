/**
 * What social prescribing may do with offers and requests: post a request for help in
 * a person's own name, when their link worker has their consent, and follow how it is
 * going without reading their conversations.
 */
import type { Trx, Queryable } from '../../db/index.js';
import { recordAudit } from '../../platform/audit/index.js';
import type { Translate } from '../../web/i18n.js';
import { exchangesForPosts } from './exchange-store.js';
import type { PostInput } from './inputs.js';
import { categoryItems, dayItems, durationItems } from './routes/context.js';
import { fieldsOf } from './posts.js';
import { insertPost, postsByIds } from './store.js';

/** The request form's choices, as the person's own form shows them. */
export function requestFormChoices(t: Translate, values: Record<string, unknown>) {
  return {
    categories: [{ value: '', text: t('exchanges.form.chooseCategory') }, ...categoryItems(t, values.category)],
    days: dayItems(t, values.days),
    durations: durationItems(t, values.duration),
  };
}

/**
 * A request for help, posted in the person's name (it is theirs: offers and messages go
 * to them) by someone acting with their consent, inside that someone's transaction.
 */
export async function postRequestFor(
  trx: Trx,
  input: { placeId: string; personId: string; postedBy: string; post: PostInput },
): Promise<string> {
  const id = await insertPost(trx, fieldsOf(input.post, input.placeId, input.personId, 'request'));
  await recordAudit(trx, {
    placeId: input.placeId,
    actorId: input.postedBy,
    action: 'offersRequests.requestPostedFor',
    subjectType: 'exchange_post',
    subjectId: id,
    detail: { for: input.personId },
  });
  return id;
}

/**
 * How each request stands: still looking, help agreed with a neighbour, or help given
 * (recorded or confirmed). Titles for naming them; nothing of who offered or what was said.
 */
export interface RequestProgress {
  id: string;
  placeId: string;
  title: string;
  open: boolean;
  stage: 'looking' | 'agreed' | 'helped';
}

export async function requestProgress(db: Queryable, ids: readonly string[]): Promise<Map<string, RequestProgress>> {
  if (!ids.length) return new Map();
  const [posts, exchanges] = await Promise.all([postsByIds(db, ids), exchangesForPosts(db, ids)]);
  const progress = new Map<string, RequestProgress>();
  for (const post of posts) {
    if (post.kind !== 'request') continue;
    const statuses = exchanges.filter((e) => e.postId === post.id).map((e) => e.status);
    const stage = statuses.some((s) => s === 'recorded' || s === 'confirmed')
      ? 'helped'
      : statuses.includes('accepted')
        ? 'agreed'
        : 'looking';
    progress.set(post.id, {
      id: post.id,
      placeId: post.placeId,
      title: post.title,
      open: post.status === 'open',
      stage,
    });
  }
  return progress;
}
