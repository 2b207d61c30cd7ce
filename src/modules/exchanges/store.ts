/**
 * Queries for offers, requests, "what I can help with", matching candidates, the
 * place's safeguarding guidance and district centres. Conversations and exchanges are
 * in exchange-store.ts.
 */
import { randomUUID } from 'node:crypto';
import { nowIso, type Queryable } from '../../db/index.js';
import type { Candidate } from './matching.js';
import type { ExchangeHelperTable, ExchangePostTable, PostKind, PostStatus } from './schema.js';
import type { Point } from './text.js';

export interface Post {
  id: string;
  placeId: string;
  personId: string;
  kind: PostKind;
  title: string;
  details: string;
  category: string;
  area: string;
  outwardCode: string | null;
  when: string;
  days: number;
  duration: number;
  sensitive: boolean;
  status: PostStatus;
  words: string[];
  createdAt: string;
  updatedAt: string;
}

const toPost = (r: ExchangePostTable): Post => ({
  id: r.id,
  placeId: r.place_id,
  personId: r.person_id,
  kind: r.kind,
  title: r.title,
  details: r.details,
  category: r.category,
  area: r.area,
  outwardCode: r.outward_code,
  when: r.when_text,
  days: Number(r.days),
  duration: Number(r.duration_minutes),
  sensitive: Number(r.sensitive) === 1,
  status: r.status,
  words: r.words ? r.words.split(' ') : [],
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export type PostFields = Omit<Post, 'id' | 'createdAt' | 'updatedAt' | 'status'>;

const postRow = (p: PostFields) => ({
  place_id: p.placeId,
  person_id: p.personId,
  kind: p.kind,
  title: p.title,
  details: p.details,
  category: p.category,
  area: p.area,
  outward_code: p.outwardCode,
  when_text: p.when,
  days: p.days,
  duration_minutes: p.duration,
  sensitive: p.sensitive ? 1 : 0,
  words: p.words.join(' '),
});

export async function insertPost(db: Queryable, p: PostFields, at = nowIso()): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('exchange_posts')
    .values({ id, ...postRow(p), status: 'open', created_at: at, updated_at: at })
    .execute();
  await writePostWords(db, id, p.placeId, p.words);
  return id;
}

export async function updatePost(db: Queryable, id: string, p: PostFields): Promise<void> {
  await db
    .updateTable('exchange_posts')
    .set({ ...postRow(p), updated_at: nowIso() })
    .where('id', '=', id)
    .execute();
  await db.deleteFrom('exchange_post_words').where('post_id', '=', id).execute();
  await writePostWords(db, id, p.placeId, p.words);
}

async function writePostWords(db: Queryable, postId: string, placeId: string, words: readonly string[]) {
  if (words.length)
    await db
      .insertInto('exchange_post_words')
      .values(words.map((word) => ({ place_id: placeId, word, post_id: postId })))
      .execute();
}

export async function setPostStatus(db: Queryable, id: string, status: PostStatus): Promise<void> {
  await db.updateTable('exchange_posts').set({ status, updated_at: nowIso() }).where('id', '=', id).execute();
}

export async function postsByIds(db: Queryable, ids: readonly string[]): Promise<Post[]> {
  if (!ids.length) return [];
  return (
    await db
      .selectFrom('exchange_posts')
      .selectAll()
      .where('id', 'in', [...ids])
      .execute()
  ).map(toPost);
}

export async function findPost(db: Queryable, id: string): Promise<Post | undefined> {
  const row = await db.selectFrom('exchange_posts').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toPost(row);
}

/** Open posts in a place, newest first, optionally of one kind and category. */
export async function openPosts(
  db: Queryable,
  placeId: string,
  options: { kind?: PostKind; category?: string; limit: number; offset: number },
) {
  let base = db.selectFrom('exchange_posts').where('place_id', '=', placeId).where('status', '=', 'open');
  if (options.kind) base = base.where('kind', '=', options.kind);
  if (options.category) base = base.where('category', '=', options.category);
  const [rows, count] = await Promise.all([
    base.selectAll().orderBy('updated_at', 'desc').orderBy('id').limit(options.limit).offset(options.offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { posts: rows.map(toPost), total: Number(count.n) };
}

export async function postsOf(db: Queryable, placeId: string, personId: string): Promise<Post[]> {
  const rows = await db
    .selectFrom('exchange_posts')
    .selectAll()
    .where('person_id', '=', personId)
    .where('place_id', '=', placeId)
    .orderBy('updated_at', 'desc')
    .limit(200)
    .execute();
  return rows.map(toPost);
}

export async function allPostsOf(db: Queryable, personId: string): Promise<Post[]> {
  return (await db.selectFrom('exchange_posts').selectAll().where('person_id', '=', personId).execute()).map(toPost);
}

/** A person's posts are emptied and closed when their account is erased, and no longer say whose they were. */
export async function erasePostsOf(db: Queryable, personId: string, erased: string): Promise<void> {
  const ids = (await db.selectFrom('exchange_posts').select('id').where('person_id', '=', personId).execute()).map(
    (r) => r.id,
  );
  if (!ids.length) return;
  await db.deleteFrom('exchange_post_words').where('post_id', 'in', ids).execute();
  await db
    .updateTable('exchange_posts')
    .set({
      person_id: erased,
      title: '',
      details: '',
      area: '',
      outward_code: null,
      when_text: '',
      words: '',
      status: 'closed',
      updated_at: nowIso(),
    })
    .where('id', 'in', ids)
    .execute();
}

// Matching candidates

/** How many of a text's words are looked up in the word index: the first ones say most. */
const WORDS_LOOKED_UP = 8;

/**
 * The ids that share the most of these words, reading at most `cap` index entries a
 * word: each lookup is a short range of the word index, however common the word.
 */
async function mostShared(
  db: Queryable,
  table: 'exchange_post_words' | 'exchange_helper_words',
  placeId: string,
  words: readonly string[],
  cap: number,
): Promise<string[]> {
  const looked = words.slice(0, WORDS_LOOKED_UP);
  if (!looked.length) return [];
  // One statement: a short range of the index per word, each in a subquery of its own
  // (the only way both databases take a LIMIT inside a UNION).
  const one = (word: string, i: number) => {
    const range =
      table === 'exchange_post_words'
        ? db
            .selectFrom('exchange_post_words')
            .select('post_id as id')
            .where('place_id', '=', placeId)
            .where('word', '=', word)
            .limit(cap)
        : db
            .selectFrom('exchange_helper_words')
            .select('person_id as id')
            .where('place_id', '=', placeId)
            .where('word', '=', word)
            .limit(cap);
    return db.selectFrom(range.as(`w${i}`)).select('id');
  };
  let query = one(looked[0]!, 0);
  for (let i = 1; i < looked.length; i++) query = query.unionAll(one(looked[i]!, i));
  const counts = new Map<string, number>();
  for (const { id } of await query.execute()) counts.set(id, (counts.get(id) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .slice(0, cap)
    .map(([id]) => id);
}

/**
 * Open offers of help in a place sharing any of these words (normalised as posts'
 * words are), those sharing most first: the word index is read a short range a word.
 */
export async function openOffersSharing(
  db: Queryable,
  placeId: string,
  words: readonly string[],
  limit: number,
): Promise<Array<Pick<Post, 'id' | 'title' | 'area'>>> {
  const ids = await mostShared(db, 'exchange_post_words', placeId, words, 200);
  if (!ids.length) return [];
  const rows = await db
    .selectFrom('exchange_posts')
    .select(['id', 'title', 'area'])
    .where('id', 'in', ids)
    .where('kind', '=', 'offer')
    .where('status', '=', 'open')
    .execute();
  const order = new Map(ids.map((id, i) => [id, i]));
  return rows.sort((a, b) => order.get(a.id)! - order.get(b.id)!).slice(0, limit);
}

/**
 * Open posts of `kind` that could match: the newest in the same category, and those
 * sharing the most words (counted in the word index, so only `cap` posts are read).
 * Bounded either way, so a county's worth of offers costs a bounded amount to rank.
 */
export async function postCandidates(
  db: Queryable,
  placeId: string,
  kind: PostKind,
  category: string,
  words: readonly string[],
  cap: number,
): Promise<Candidate[]> {
  const columns = [
    'id',
    'person_id',
    'kind',
    'title',
    'category',
    'outward_code',
    'days',
    'words',
    'updated_at',
  ] as const;
  const [byCategory, ids] = await Promise.all([
    db
      .selectFrom('exchange_posts')
      .select(columns)
      .where('place_id', '=', placeId)
      .where('kind', '=', kind)
      .where('status', '=', 'open')
      .where('category', '=', category)
      .orderBy('updated_at', 'desc')
      .limit(cap)
      .execute(),
    mostShared(db, 'exchange_post_words', placeId, words, cap),
  ]);
  const byWords = ids.length
    ? await db
        .selectFrom('exchange_posts')
        .select(columns)
        .where('id', 'in', ids)
        .where('kind', '=', kind)
        .where('status', '=', 'open')
        .execute()
    : [];
  const seen = new Map<string, Candidate>();
  for (const r of [...byCategory, ...byWords]) {
    if (seen.has(r.id)) continue;
    seen.set(r.id, {
      id: r.id,
      kind: r.kind,
      personId: r.person_id,
      title: r.title,
      category: r.category,
      outwardCode: r.outward_code,
      days: Number(r.days),
      words: r.words ? r.words.split(' ') : [],
      updatedAt: r.updated_at,
    });
  }
  return [...seen.values()];
}

/**
 * People who said what they can help with, that the asker's role may be shown: those
 * sharing the most of the request's category (kept in the word index as
 * "cat:gardening") and words, at most `cap` read.
 */
export async function helperCandidates(
  db: Queryable,
  placeId: string,
  category: string,
  words: readonly string[],
  options: { includeCoordinatorOnly: boolean; cap: number },
): Promise<Candidate[]> {
  const visibilities: Array<'members' | 'coordinators'> = options.includeCoordinatorOnly
    ? ['members', 'coordinators']
    : ['members'];
  const ids = await mostShared(db, 'exchange_helper_words', placeId, [`cat:${category}`, ...words], options.cap);
  if (!ids.length) return [];
  const rows = await db
    .selectFrom('exchange_helpers')
    .select(['person_id', 'can_help_with', 'categories', 'outward_code', 'days', 'words', 'updated_at'])
    .where('place_id', '=', placeId)
    .where('person_id', 'in', ids)
    .where('active', '=', 1)
    .where('visibility', 'in', visibilities)
    .execute();
  return rows.map((r) => {
    const categories = r.categories ? r.categories.split(' ') : [];
    return {
      id: r.person_id,
      kind: 'person' as const,
      personId: r.person_id,
      title: r.can_help_with,
      category: categories[0] ?? '',
      categories,
      outwardCode: r.outward_code,
      days: Number(r.days),
      words: r.words ? r.words.split(' ') : [],
      updatedAt: r.updated_at,
    };
  });
}

/** Every district centre (a few thousand for the whole UK): matching keeps them in memory. */
export async function allCentroids(db: Queryable): Promise<Map<string, Point>> {
  const rows = await db.selectFrom('outward_code_centroids').selectAll().execute();
  return new Map(rows.map((r) => [r.outward_code, { latitude: Number(r.latitude), longitude: Number(r.longitude) }]));
}

// "What I can help with"

export interface Helper {
  canHelpWith: string;
  categories: string[];
  area: string | null;
  days: number;
  visibility: 'members' | 'coordinators';
  active: boolean;
}

export async function findHelper(db: Queryable, placeId: string, personId: string): Promise<Helper | undefined> {
  const r = await db
    .selectFrom('exchange_helpers')
    .selectAll()
    .where('place_id', '=', placeId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
  return (
    r && {
      canHelpWith: r.can_help_with,
      categories: r.categories ? r.categories.split(' ') : [],
      area: r.outward_code,
      days: Number(r.days),
      visibility: r.visibility,
      active: Number(r.active) === 1,
    }
  );
}

export async function saveHelper(db: Queryable, h: Omit<ExchangeHelperTable, 'updated_at'>): Promise<void> {
  const values = { ...h, updated_at: nowIso() };
  await db
    .deleteFrom('exchange_helper_words')
    .where('place_id', '=', h.place_id)
    .where('person_id', '=', h.person_id)
    .execute();
  await db
    .insertInto('exchange_helpers')
    .values(values)
    .onConflict((oc) => oc.columns(['place_id', 'person_id']).doUpdateSet(values))
    .execute();
  const words = [
    ...(h.words ? h.words.split(' ') : []),
    ...(h.categories ? h.categories.split(' ').map((c) => `cat:${c}`) : []),
  ];
  if (words.length)
    await db
      .insertInto('exchange_helper_words')
      .values(words.map((word) => ({ place_id: h.place_id, word, person_id: h.person_id })))
      .execute();
}

export async function deleteHelperOf(db: Queryable, personId: string): Promise<void> {
  await db.deleteFrom('exchange_helper_words').where('person_id', '=', personId).execute();
  await db.deleteFrom('exchange_helpers').where('person_id', '=', personId).execute();
}

export async function helpersOf(db: Queryable, personId: string) {
  return db.selectFrom('exchange_helpers').selectAll().where('person_id', '=', personId).execute();
}

// Settings and districts

export async function settingsOf(db: Queryable, placeId: string): Promise<{ en: string; cy: string } | undefined> {
  const r = await db.selectFrom('exchange_settings').selectAll().where('place_id', '=', placeId).executeTakeFirst();
  return r && { en: r.safeguarding_en, cy: r.safeguarding_cy };
}

export async function forgetSettingsAuthor(db: Queryable, personId: string): Promise<void> {
  await db.updateTable('exchange_settings').set({ updated_by: null }).where('updated_by', '=', personId).execute();
}

export async function saveSettings(
  db: Queryable,
  s: { placeId: string; en: string; cy: string; updatedBy: string | null },
): Promise<void> {
  const values = { safeguarding_en: s.en, safeguarding_cy: s.cy, updated_at: nowIso(), updated_by: s.updatedBy };
  await db
    .insertInto('exchange_settings')
    .values({ place_id: s.placeId, ...values })
    .onConflict((oc) => oc.column('place_id').doUpdateSet(values))
    .execute();
}

export async function saveCentroids(
  db: Queryable,
  rows: ReadonlyArray<{ code: string; latitude: number; longitude: number }>,
): Promise<void> {
  for (const r of rows) {
    await db
      .insertInto('outward_code_centroids')
      .values({ outward_code: r.code, latitude: r.latitude, longitude: r.longitude })
      .onConflict((oc) => oc.column('outward_code').doUpdateSet({ latitude: r.latitude, longitude: r.longitude }))
      .execute();
  }
}
