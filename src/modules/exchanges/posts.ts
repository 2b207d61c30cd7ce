/**
 * Commands for offers and requests, "what I can help with", the place's safeguarding
 * guidance, and conversations through Kith. Each is one transaction with its audit
 * record.
 */
import { NotFoundError, RuleError } from '../../errors.js';
import type { Kith } from '../../kith.js';
import { recordAudit } from '../../platform/audit/index.js';
import { once, type Submission } from '../../platform/idempotency/index.js';
import { hasBlocked } from '../people/index.js';
import { conversationBetween, findConversation, insertConversation, insertMessage } from './exchange-store.js';
import { notify } from './notify.js';
import type { PostInput } from './inputs.js';
import type { PostKind, PostStatus } from './schema.js';
import {
  findHelper,
  findPost,
  insertPost,
  saveHelper,
  saveSettings,
  setPostStatus,
  updatePost,
  type Post,
  type PostFields,
} from './store.js';
import { daysMask, outwardCodeOf, SENSITIVE_CATEGORIES, significantWords, type Category } from './text.js';

export function fieldsOf(input: PostInput, placeId: string, personId: string, kind: PostKind): PostFields {
  return {
    placeId,
    personId,
    kind,
    title: input.title,
    details: input.details,
    category: input.category,
    area: input.area,
    outwardCode: outwardCodeOf(input.area),
    when: input.when,
    days: daysMask(input.days),
    duration: input.duration,
    sensitive: input.sensitive || SENSITIVE_CATEGORIES.includes(input.category as Category),
    words: significantWords(input.title, input.details),
  };
}

export async function createPost(
  kith: Kith,
  input: { placeId: string; personId: string; kind: PostKind; post: PostInput; submission?: Submission },
): Promise<string> {
  const { result } = await once(kith.db, 'exchanges.post.create', input.submission, async (trx) => {
    const id = await insertPost(trx, fieldsOf(input.post, input.placeId, input.personId, input.kind));
    await recordAudit(trx, {
      placeId: input.placeId,
      actorId: input.personId,
      action: `offersRequests.${input.kind}Posted`,
      subjectType: 'exchange_post',
      subjectId: id,
    });
    return id;
  });
  return result;
}

/** Only the person who posted can change a post. */
async function ownPost(
  kith: Kith,
  trx: Parameters<Parameters<Kith['db']['transaction']>[0]>[0],
  postId: string,
  personId: string,
  placeId: string,
): Promise<Post> {
  const post = await findPost(trx, postId);
  if (!post || post.placeId !== placeId) throw new NotFoundError();
  if (post.personId !== personId) throw new RuleError('exchanges.post.notYours');
  return post;
}

export async function editPost(
  kith: Kith,
  input: { placeId: string; personId: string; postId: string; post: PostInput },
): Promise<void> {
  await kith.db.transaction(async (trx) => {
    const post = await ownPost(kith, trx, input.postId, input.personId, input.placeId);
    await updatePost(trx, post.id, fieldsOf(input.post, input.placeId, input.personId, post.kind));
    await recordAudit(trx, {
      placeId: input.placeId,
      actorId: input.personId,
      action: 'offersRequests.postChanged',
      subjectType: 'exchange_post',
      subjectId: post.id,
    });
  });
}

/** Pause (hidden from matching for now), open again, or close for good. */
export async function changePostStatus(
  kith: Kith,
  input: { placeId: string; personId: string; postId: string; status: PostStatus },
): Promise<void> {
  await kith.db.transaction(async (trx) => {
    const post = await ownPost(kith, trx, input.postId, input.personId, input.placeId);
    if (post.status === 'closed') throw new RuleError('exchanges.post.closed');
    await setPostStatus(trx, post.id, input.status);
    await recordAudit(trx, {
      placeId: input.placeId,
      actorId: input.personId,
      action: 'offersRequests.postStatus',
      subjectType: 'exchange_post',
      subjectId: post.id,
      detail: { status: input.status },
    });
  });
}

export async function saveHelperProfile(
  kith: Kith,
  input: {
    placeId: string;
    personId: string;
    canHelpWith: string;
    categories: string[];
    area: string;
    days: string[];
    visibility: 'members' | 'coordinators';
    active: boolean;
  },
): Promise<void> {
  await kith.db.transaction(async (trx) => {
    await saveHelper(trx, {
      place_id: input.placeId,
      person_id: input.personId,
      can_help_with: input.canHelpWith,
      categories: input.categories.join(' '),
      outward_code: outwardCodeOf(input.area),
      days: daysMask(input.days),
      visibility: input.visibility,
      active: input.active ? 1 : 0,
      words: significantWords(input.canHelpWith).join(' '),
    });
    await recordAudit(trx, {
      placeId: input.placeId,
      actorId: input.personId,
      action: 'offersRequests.helperSaved',
      subjectType: 'person',
      subjectId: input.personId,
      detail: { active: input.active ? 'yes' : 'no' },
    });
  });
}

export async function saveSafeguarding(
  kith: Kith,
  input: { placeId: string; actorId: string; en: string; cy: string },
): Promise<void> {
  await kith.db.transaction(async (trx) => {
    await saveSettings(trx, { placeId: input.placeId, en: input.en, cy: input.cy, updatedBy: input.actorId });
    await recordAudit(trx, {
      placeId: input.placeId,
      actorId: input.actorId,
      action: 'offersRequests.safeguardingChanged',
    });
  });
}

/**
 * Opens (or reopens) the conversation between someone and the person who posted. The
 * poster cannot start one with themselves.
 */
export async function contactPoster(
  kith: Kith,
  input: { placeId: string; personId: string; postId: string; submission?: Submission },
): Promise<string> {
  const { result } = await once(kith.db, 'exchanges.poster.contact', input.submission, async (trx) => {
    const post = await findPost(trx, input.postId);
    if (!post || post.placeId !== input.placeId || post.status === 'closed') throw new NotFoundError();
    if (post.personId === input.personId) throw new RuleError('exchanges.contact.self');
    const existing = await conversationBetween(trx, post.id, input.personId, post.personId);
    if (existing) return existing.id;
    return insertConversation(trx, {
      placeId: input.placeId,
      postId: post.id,
      startedBy: input.personId,
      otherPerson: post.personId,
    });
  });
  return result;
}

/** Sends a message in a conversation; the other person is told by email, without either address shown. */
export async function sendMessage(
  kith: Kith,
  input: {
    placeId: string;
    placeSlug: string;
    personId: string;
    senderName: string;
    conversationId: string;
    body: string;
    /** A message is sent once per submission: a double click sends one message and one email. */
    submission?: Submission;
  },
): Promise<void> {
  await once(kith.db, 'exchanges.message.send', input.submission, async (trx) => {
    const conversation = await findConversation(trx, input.conversationId);
    if (!conversation || conversation.placeId !== input.placeId) throw new NotFoundError();
    const to =
      conversation.startedBy === input.personId
        ? conversation.otherPerson
        : conversation.otherPerson === input.personId
          ? conversation.startedBy
          : null;
    if (!to) throw new NotFoundError();
    if (await hasBlocked(trx, to, input.personId)) throw new RuleError('exchanges.message.blocked', {}, 'body');
    await insertMessage(trx, {
      placeId: input.placeId,
      conversationId: conversation.id,
      authorId: input.personId,
      body: input.body,
    });
    await notify(kith, trx, {
      placeId: input.placeId,
      to,
      path: `/places/${input.placeSlug}/help/conversations/${conversation.id}`,
      subjectKey: 'exchanges.email.message.subject',
      bodyKey: 'exchanges.email.message.body',
      actionKey: 'exchanges.email.message.action',
      params: { name: input.senderName },
    });
    await recordAudit(trx, {
      placeId: input.placeId,
      actorId: input.personId,
      action: 'offersRequests.messageSent',
      subjectType: 'exchange_conversation',
      subjectId: conversation.id,
    });
  });
  kith.kickJobs();
}

/**
 * The person who asked for help writes to someone matching suggested: only someone
 * who chose to be suggested, and whom the asker's role may be shown.
 */
export async function contactHelper(
  kith: Kith,
  input: {
    placeId: string;
    personId: string;
    postId: string;
    helperId: string;
    asCoordinator: boolean;
    submission?: Submission;
  },
): Promise<string> {
  const { result } = await once(kith.db, 'exchanges.helper.contact', input.submission, async (trx) => {
    const post = await findPost(trx, input.postId);
    if (!post || post.placeId !== input.placeId || post.personId !== input.personId || post.kind !== 'request')
      throw new NotFoundError();
    const helper = await findHelper(trx, input.placeId, input.helperId);
    if (
      !helper ||
      !helper.active ||
      (helper.visibility === 'coordinators' && !input.asCoordinator) ||
      input.helperId === input.personId
    )
      throw new NotFoundError();
    const existing = await conversationBetween(trx, post.id, input.personId, input.helperId);
    if (existing) return existing.id;
    return insertConversation(trx, {
      placeId: input.placeId,
      postId: post.id,
      startedBy: input.personId,
      otherPerson: input.helperId,
    });
  });
  return result;
}
