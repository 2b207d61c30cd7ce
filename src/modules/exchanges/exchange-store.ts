/** Queries for conversations, messages, exchanges and small acts. */
import { randomUUID } from 'node:crypto';
import { nowIso, type Queryable } from '../../db/index.js';
import type { ExchangeStatus, ExchangeTable, SmallActTable } from './schema.js';

// Conversations

export interface Conversation {
  id: string;
  placeId: string;
  postId: string | null;
  startedBy: string;
  otherPerson: string;
  lastMessageAt: string;
}

const toConversation = (r: {
  id: string;
  place_id: string;
  post_id: string | null;
  started_by: string;
  other_person: string;
  last_message_at: string;
}): Conversation => ({
  id: r.id,
  placeId: r.place_id,
  postId: r.post_id,
  startedBy: r.started_by,
  otherPerson: r.other_person,
  lastMessageAt: r.last_message_at,
});

export async function findConversation(db: Queryable, id: string): Promise<Conversation | undefined> {
  const r = await db.selectFrom('exchange_conversations').selectAll().where('id', '=', id).executeTakeFirst();
  return r && toConversation(r);
}

/** The conversation about a post between two people, whichever of them started it. */
export async function conversationBetween(
  db: Queryable,
  postId: string,
  a: string,
  b: string,
): Promise<Conversation | undefined> {
  const r = await db
    .selectFrom('exchange_conversations')
    .selectAll()
    .where('post_id', '=', postId)
    .where((eb) =>
      eb.or([
        eb.and([eb('started_by', '=', a), eb('other_person', '=', b)]),
        eb.and([eb('started_by', '=', b), eb('other_person', '=', a)]),
      ]),
    )
    .executeTakeFirst();
  return r && toConversation(r);
}

export async function insertConversation(
  db: Queryable,
  c: { placeId: string; postId: string | null; startedBy: string; otherPerson: string },
): Promise<string> {
  const id = randomUUID();
  const now = nowIso();
  await db
    .insertInto('exchange_conversations')
    .values({
      id,
      place_id: c.placeId,
      post_id: c.postId,
      started_by: c.startedBy,
      other_person: c.otherPerson,
      created_at: now,
      last_message_at: now,
    })
    .execute();
  return id;
}

export async function conversationsOf(db: Queryable, placeId: string, personId: string): Promise<Conversation[]> {
  const rows = await db
    .selectFrom('exchange_conversations')
    .selectAll()
    .where('place_id', '=', placeId)
    .where((eb) => eb.or([eb('started_by', '=', personId), eb('other_person', '=', personId)]))
    .orderBy('last_message_at', 'desc')
    .limit(100)
    .execute();
  return rows.map(toConversation);
}

export async function insertMessage(
  db: Queryable,
  m: { placeId: string; conversationId: string; authorId: string; body: string },
): Promise<void> {
  const now = nowIso();
  await db
    .insertInto('exchange_messages')
    .values({
      id: randomUUID(),
      place_id: m.placeId,
      conversation_id: m.conversationId,
      author_id: m.authorId,
      body: m.body,
      created_at: now,
    })
    .execute();
  await db
    .updateTable('exchange_conversations')
    .set({ last_message_at: now })
    .where('id', '=', m.conversationId)
    .execute();
}

export async function messagesOf(db: Queryable, conversationId: string) {
  const rows = await db
    .selectFrom('exchange_messages')
    .selectAll()
    .where('conversation_id', '=', conversationId)
    .orderBy('created_at')
    .orderBy('id')
    .limit(500)
    .execute();
  return rows.map((r) => ({ id: r.id, authorId: r.author_id, body: r.body, createdAt: r.created_at }));
}

export async function messagesBy(db: Queryable, personId: string) {
  return db
    .selectFrom('exchange_messages')
    .select(['conversation_id', 'body', 'created_at'])
    .where('author_id', '=', personId)
    .execute();
}

/**
 * An erased person's messages lose their words and their name; the other side keeps
 * the thread's shape, with "someone" in their place (`erased` points at nobody).
 */
export async function eraseFromConversations(db: Queryable, personId: string, erased: string): Promise<void> {
  await db
    .updateTable('exchange_messages')
    .set({ body: '', author_id: erased })
    .where('author_id', '=', personId)
    .execute();
  await db
    .updateTable('exchange_conversations')
    .set({ started_by: erased })
    .where('started_by', '=', personId)
    .execute();
  await db
    .updateTable('exchange_conversations')
    .set({ other_person: erased })
    .where('other_person', '=', personId)
    .execute();
}

/** The other side keeps its record of help given or received, with "someone" for the erased person. */
export async function eraseFromExchanges(db: Queryable, personId: string, erased: string): Promise<void> {
  for (const column of ['giver_id', 'receiver_id', 'proposed_by', 'confirmed_by'] as const) {
    await db
      .updateTable('exchanges')
      .set({ [column]: erased })
      .where(column, '=', personId)
      .execute();
  }
}

// Exchanges

export interface Exchange {
  id: string;
  placeId: string;
  postId: string | null;
  giverId: string;
  receiverId: string;
  proposedBy: string;
  description: string;
  note: string;
  status: ExchangeStatus;
  minutes: number | null;
  recordedAt: string | null;
  confirmedAt: string | null;
  confirmedBy: string | null;
  creditStatus: string | null;
  transferId: string | null;
  createdAt: string;
  updatedAt: string;
}

const toExchange = (r: ExchangeTable): Exchange => ({
  id: r.id,
  placeId: r.place_id,
  postId: r.post_id,
  giverId: r.giver_id,
  receiverId: r.receiver_id,
  proposedBy: r.proposed_by,
  description: r.description,
  note: r.note,
  status: r.status,
  minutes: r.minutes === null ? null : Number(r.minutes),
  recordedAt: r.recorded_at,
  confirmedAt: r.confirmed_at,
  confirmedBy: r.confirmed_by,
  creditStatus: r.credit_status,
  transferId: r.transfer_id,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export async function insertExchange(
  db: Queryable,
  e: {
    placeId: string;
    postId: string | null;
    giverId: string;
    receiverId: string;
    proposedBy: string;
    description: string;
    note: string;
  },
): Promise<string> {
  const id = randomUUID();
  const now = nowIso();
  await db
    .insertInto('exchanges')
    .values({
      id,
      place_id: e.placeId,
      post_id: e.postId,
      giver_id: e.giverId,
      receiver_id: e.receiverId,
      proposed_by: e.proposedBy,
      description: e.description,
      note: e.note,
      status: 'proposed',
      minutes: null,
      recorded_at: null,
      confirmed_at: null,
      confirmed_by: null,
      credit_status: null,
      transfer_id: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

/** The exchange, locked for the change about to be made to it (on PostgreSQL). */
export async function findExchange(
  db: Queryable,
  id: string,
  options: { lock?: boolean } = {},
): Promise<Exchange | undefined> {
  let query = db.selectFrom('exchanges').selectAll().where('id', '=', id);
  if (options.lock) query = query.forUpdate();
  const r = await query.executeTakeFirst();
  return r && toExchange(r);
}

export async function updateExchange(
  db: Queryable,
  id: string,
  changes: Partial<
    Pick<
      ExchangeTable,
      'status' | 'minutes' | 'recorded_at' | 'confirmed_at' | 'confirmed_by' | 'credit_status' | 'transfer_id'
    >
  >,
): Promise<void> {
  await db
    .updateTable('exchanges')
    .set({ ...changes, updated_at: nowIso() })
    .where('id', '=', id)
    .execute();
}

export async function exchangesOf(db: Queryable, placeId: string, personId: string): Promise<Exchange[]> {
  const rows = await db
    .selectFrom('exchanges')
    .selectAll()
    .where('place_id', '=', placeId)
    .where((eb) => eb.or([eb('giver_id', '=', personId), eb('receiver_id', '=', personId)]))
    .orderBy('updated_at', 'desc')
    .limit(100)
    .execute();
  return rows.map(toExchange);
}

export async function allExchangesOf(db: Queryable, personId: string): Promise<Exchange[]> {
  const rows = await db
    .selectFrom('exchanges')
    .selectAll()
    .where((eb) => eb.or([eb('giver_id', '=', personId), eb('receiver_id', '=', personId)]))
    .execute();
  return rows.map(toExchange);
}

export async function exchangesForPosts(db: Queryable, postIds: readonly string[]): Promise<Exchange[]> {
  if (!postIds.length) return [];
  return (
    await db
      .selectFrom('exchanges')
      .selectAll()
      .where('post_id', 'in', [...postIds])
      .execute()
  ).map(toExchange);
}

export async function exchangesForPost(db: Queryable, postId: string): Promise<Exchange[]> {
  return (
    await db.selectFrom('exchanges').selectAll().where('post_id', '=', postId).orderBy('created_at', 'desc').execute()
  ).map(toExchange);
}

/** Recorded exchanges whose receiver has not confirmed since before `before`. */
export async function waitingForConfirmation(db: Queryable, placeId: string, before: string): Promise<Exchange[]> {
  const rows = await db
    .selectFrom('exchanges')
    .selectAll()
    .where('place_id', '=', placeId)
    .where('status', '=', 'recorded')
    .where('recorded_at', '<=', before)
    .orderBy('recorded_at')
    .limit(200)
    .execute();
  return rows.map(toExchange);
}

// Small acts

export interface SmallAct {
  id: string;
  placeId: string;
  personId: string;
  what: string;
  minutes: number | null;
  status: 'logged' | 'confirmed';
  confirmedAt: string | null;
  creditStatus: string | null;
  createdAt: string;
}

const toSmallAct = (r: SmallActTable): SmallAct => ({
  id: r.id,
  placeId: r.place_id,
  personId: r.person_id,
  what: r.what,
  minutes: r.minutes === null ? null : Number(r.minutes),
  status: r.status,
  confirmedAt: r.confirmed_at,
  creditStatus: r.credit_status,
  createdAt: r.created_at,
});

export async function insertSmallAct(db: Queryable, a: { placeId: string; personId: string }): Promise<string> {
  const id = randomUUID();
  const now = nowIso();
  await db
    .insertInto('small_acts')
    .values({
      id,
      place_id: a.placeId,
      person_id: a.personId,
      what: '',
      minutes: null,
      status: 'logged',
      confirmed_by: null,
      confirmed_at: null,
      credit_status: null,
      transfer_id: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

export async function findSmallAct(
  db: Queryable,
  id: string,
  options: { lock?: boolean } = {},
): Promise<SmallAct | undefined> {
  let query = db.selectFrom('small_acts').selectAll().where('id', '=', id);
  if (options.lock) query = query.forUpdate();
  const r = await query.executeTakeFirst();
  return r && toSmallAct(r);
}

export async function updateSmallAct(
  db: Queryable,
  id: string,
  changes: Partial<
    Pick<
      SmallActTable,
      'what' | 'minutes' | 'status' | 'confirmed_by' | 'confirmed_at' | 'credit_status' | 'transfer_id'
    >
  >,
): Promise<void> {
  await db
    .updateTable('small_acts')
    .set({ ...changes, updated_at: nowIso() })
    .where('id', '=', id)
    .execute();
}

export async function smallActsOf(db: Queryable, placeId: string | null, personId: string): Promise<SmallAct[]> {
  let query = db.selectFrom('small_acts').selectAll().where('person_id', '=', personId);
  if (placeId) query = query.where('place_id', '=', placeId);
  return (await query.orderBy('created_at', 'desc').limit(100).execute()).map(toSmallAct);
}

export async function smallActsToConfirm(db: Queryable, placeId: string): Promise<SmallAct[]> {
  const rows = await db
    .selectFrom('small_acts')
    .selectAll()
    .where('place_id', '=', placeId)
    .where('status', '=', 'logged')
    .where('what', '<>', '')
    .orderBy('created_at')
    .limit(200)
    .execute();
  return rows.map(toSmallAct);
}

export async function eraseSmallActsOf(db: Queryable, personId: string, erased: string): Promise<void> {
  await db
    .updateTable('small_acts')
    .set({ what: '', person_id: erased, updated_at: nowIso() })
    .where('person_id', '=', personId)
    .execute();
  await db.updateTable('small_acts').set({ confirmed_by: erased }).where('confirmed_by', '=', personId).execute();
}
