/** Outcomes' queries: the only file here (with report-store.ts) that knows SQL. */
import { randomUUID } from 'node:crypto';
import { nowIso, type Queryable } from '../../db/index.js';
import type {
  CheckinTable,
  CommentTable,
  FrameworkState,
  FrameworkTable,
  IndicatorTable,
  MeasureKind,
  OutcomeLinkTable,
  OutcomeTable,
  ProgrammeTable,
  StoryConsent,
  StoryPhotoTable,
  StoryState,
  StoryTable,
  SuggestionKind,
  SuggestionState,
  SuggestionTable,
} from './schema.js';

/** A named group of activities (a commissioned programme) that outcomes can be linked to as one. */
export interface Programme {
  id: string;
  placeId: string;
  name: string;
  description: string;
  createdBy: string | null;
  createdAt: string;
}

const toProgramme = (r: ProgrammeTable): Programme => ({
  id: r.id,
  placeId: r.place_id,
  name: r.name,
  description: r.description,
  createdBy: r.created_by,
  createdAt: r.created_at,
});

export interface Framework {
  id: string;
  placeId: string;
  programmeId: string | null;
  title: string;
  purpose: string;
  state: FrameworkState;
  createdBy: string | null;
  createdAt: string;
  publishedBy: string | null;
  publishedAt: string | null;
  updatedAt: string;
  residentsPerOutcome: number;
  residentShare: number;
}

const toFramework = (r: FrameworkTable): Framework => ({
  id: r.id,
  placeId: r.place_id,
  programmeId: r.programme_id,
  title: r.title,
  purpose: r.purpose,
  state: r.state,
  createdBy: r.created_by,
  createdAt: r.created_at,
  publishedBy: r.published_by,
  publishedAt: r.published_at,
  updatedAt: r.updated_at,
  residentsPerOutcome: Number(r.residents_per_outcome),
  residentShare: Number(r.resident_share),
});

export interface Outcome {
  id: string;
  placeId: string;
  frameworkId: string;
  title: string;
  description: string;
  position: number;
  createdAt: string;
  addedBy: string | null;
}

const toOutcome = (r: OutcomeTable): Outcome => ({
  id: r.id,
  placeId: r.place_id,
  frameworkId: r.framework_id,
  title: r.title,
  description: r.description,
  position: Number(r.position),
  createdAt: r.created_at,
  addedBy: r.added_by,
});

/** How an outcome is measured: a check-in question, an ONS4 item, a wellbeing instrument or a count. */
export interface Indicator {
  id: string;
  placeId: string;
  frameworkId: string;
  outcomeId: string;
  title: string;
  measureKind: MeasureKind;
  measureRef: string | null;
  question: string | null;
  questionCy: string | null;
  scaleMin: number;
  scaleMax: number;
  position: number;
  createdAt: string;
  addedBy: string | null;
}

const toIndicator = (r: IndicatorTable): Indicator => ({
  id: r.id,
  placeId: r.place_id,
  frameworkId: r.framework_id,
  outcomeId: r.outcome_id,
  title: r.title,
  measureKind: r.measure_kind,
  measureRef: r.measure_ref,
  question: r.question,
  questionCy: r.question_cy,
  scaleMin: Number(r.scale_min),
  scaleMax: Number(r.scale_max),
  position: Number(r.position),
  createdAt: r.created_at,
  addedBy: r.added_by,
});

export interface Comment {
  id: string;
  placeId: string;
  frameworkId: string;
  outcomeId: string;
  personId: string;
  body: string;
  createdAt: string;
}

const toComment = (r: CommentTable): Comment => ({
  id: r.id,
  placeId: r.place_id,
  frameworkId: r.framework_id,
  outcomeId: r.outcome_id,
  personId: r.person_id,
  body: r.body,
  createdAt: r.created_at,
});

export interface Endorsement {
  outcomeId: string;
  personId: string;
  createdAt: string;
}

export interface OutcomeLink {
  outcomeId: string;
  targetKind: 'activity' | 'programme';
  targetId: string;
  placeId: string;
  frameworkId: string;
  linkedBy: string | null;
  linkedAt: string;
}

const toLink = (r: OutcomeLinkTable): OutcomeLink => ({
  outcomeId: r.outcome_id,
  targetKind: r.target_kind,
  targetId: r.target_id,
  placeId: r.place_id,
  frameworkId: r.framework_id,
  linkedBy: r.linked_by,
  linkedAt: r.linked_at,
});

export interface Story {
  id: string;
  placeId: string;
  authorId: string;
  title: string;
  body: string;
  consent: StoryConsent;
  consentWording: string;
  state: StoryState;
  moderationNote: string | null;
  moderatedBy: string | null;
  moderatedAt: string | null;
  photoAlt: string | null;
  createdAt: string;
}

const toStory = (r: StoryTable): Story => ({
  id: r.id,
  placeId: r.place_id,
  authorId: r.author_id,
  title: r.title,
  body: r.body,
  consent: r.consent,
  consentWording: r.consent_wording,
  state: r.state,
  moderationNote: r.moderation_note,
  moderatedBy: r.moderated_by,
  moderatedAt: r.moderated_at,
  photoAlt: r.photo_alt,
  createdAt: r.created_at,
});

/** A story as lists show it; `photo` is its id when it has one. */
export type StoryListing = Pick<
  Story,
  'id' | 'authorId' | 'title' | 'body' | 'consent' | 'state' | 'photoAlt' | 'createdAt' | 'moderatedAt'
> & { photo: string | null };

// Programmes

export async function insertProgramme(db: Queryable, row: Omit<ProgrammeTable, 'id' | 'created_at'>): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('outcomes_programmes')
    .values({ ...row, id, created_at: nowIso() })
    .execute();
  return id;
}

export async function programmesOf(db: Queryable, placeId: string): Promise<Programme[]> {
  const rows = await db
    .selectFrom('outcomes_programmes')
    .selectAll()
    .where('place_id', '=', placeId)
    .orderBy('name')
    .execute();
  return rows.map(toProgramme);
}

export async function findProgramme(db: Queryable, placeId: string, id: string): Promise<Programme | undefined> {
  const row = await db
    .selectFrom('outcomes_programmes')
    .selectAll()
    .where('place_id', '=', placeId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toProgramme(row);
}

export async function programmeActivityIds(db: Queryable, programmeId: string): Promise<string[]> {
  return (
    await db
      .selectFrom('outcomes_programme_activities')
      .select('activity_id')
      .where('programme_id', '=', programmeId)
      .execute()
  ).map((r) => r.activity_id);
}

export async function addProgrammeActivity(
  db: Queryable,
  row: { programme_id: string; activity_id: string; place_id: string },
): Promise<boolean> {
  const result = await db
    .insertInto('outcomes_programme_activities')
    .values(row)
    .onConflict((oc) => oc.columns(['programme_id', 'activity_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function programmesContaining(db: Queryable, placeId: string, activityId: string): Promise<string[]> {
  return (
    await db
      .selectFrom('outcomes_programme_activities')
      .select('programme_id')
      .where('place_id', '=', placeId)
      .where('activity_id', '=', activityId)
      .execute()
  ).map((r) => r.programme_id);
}

// Frameworks, outcomes and indicators

export async function insertFramework(
  db: Queryable,
  row: Pick<FrameworkTable, 'place_id' | 'programme_id' | 'title' | 'purpose' | 'created_by'> &
    Partial<Pick<FrameworkTable, 'residents_per_outcome' | 'resident_share'>>,
): Promise<string> {
  const id = randomUUID();
  const now = nowIso();
  await db
    .insertInto('outcomes_frameworks')
    .values({
      residents_per_outcome: 3,
      resident_share: 33,
      ...row,
      id,
      state: 'draft',
      created_at: now,
      published_by: null,
      published_at: null,
      updated_at: now,
    })
    .execute();
  return id;
}

export async function findFramework(db: Queryable, placeId: string, id: string): Promise<Framework | undefined> {
  const row = await db
    .selectFrom('outcomes_frameworks')
    .selectAll()
    .where('place_id', '=', placeId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toFramework(row);
}

export async function frameworksOf(db: Queryable, placeId: string): Promise<Framework[]> {
  const rows = await db
    .selectFrom('outcomes_frameworks')
    .selectAll()
    .where('place_id', '=', placeId)
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map(toFramework);
}

export async function publishFramework(db: Queryable, id: string, by: string): Promise<boolean> {
  const now = nowIso();
  const result = await db
    .updateTable('outcomes_frameworks')
    .set({ state: 'published', published_by: by, published_at: now, updated_at: now })
    .where('id', '=', id)
    .where('state', '=', 'draft')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function insertOutcome(
  db: Queryable,
  row: Pick<OutcomeTable, 'place_id' | 'framework_id' | 'title' | 'description'> & { added_by?: string | null },
): Promise<string> {
  const id = randomUUID();
  const last = await db
    .selectFrom('outcomes_outcomes')
    .select((eb) => eb.fn.max('position').as('p'))
    .where('framework_id', '=', row.framework_id)
    .executeTakeFirst();
  await db
    .insertInto('outcomes_outcomes')
    .values({ ...row, id, position: Number(last?.p ?? -1) + 1, created_at: nowIso() })
    .execute();
  return id;
}

export async function outcomesOf(db: Queryable, frameworkIds: readonly string[]): Promise<Outcome[]> {
  if (!frameworkIds.length) return [];
  const rows = await db
    .selectFrom('outcomes_outcomes')
    .selectAll()
    .where('framework_id', 'in', [...frameworkIds])
    .orderBy('position')
    .execute();
  return rows.map(toOutcome);
}

export async function findOutcome(db: Queryable, placeId: string, id: string): Promise<Outcome | undefined> {
  const row = await db
    .selectFrom('outcomes_outcomes')
    .selectAll()
    .where('place_id', '=', placeId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toOutcome(row);
}

export async function insertIndicator(
  db: Queryable,
  row: Omit<IndicatorTable, 'id' | 'created_at' | 'position' | 'added_by'> & { added_by?: string | null },
): Promise<string> {
  const id = randomUUID();
  const last = await db
    .selectFrom('outcomes_indicators')
    .select((eb) => eb.fn.max('position').as('p'))
    .where('outcome_id', '=', row.outcome_id)
    .executeTakeFirst();
  await db
    .insertInto('outcomes_indicators')
    .values({ ...row, id, position: Number(last?.p ?? -1) + 1, created_at: nowIso() })
    .execute();
  return id;
}

export async function indicatorsOf(db: Queryable, frameworkIds: readonly string[]): Promise<Indicator[]> {
  if (!frameworkIds.length) return [];
  const rows = await db
    .selectFrom('outcomes_indicators')
    .selectAll()
    .where('framework_id', 'in', [...frameworkIds])
    .orderBy('outcome_id')
    .orderBy('position')
    .execute();
  return rows.map(toIndicator);
}

// Co-production: comments and endorsements

// Residents' own outcomes and indicators, suggested for a draft framework

export interface Suggestion {
  id: string;
  frameworkId: string;
  outcomeId: string | null;
  kind: SuggestionKind;
  title: string;
  description: string;
  proposedBy: string | null;
  state: SuggestionState;
  reason: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  createdAt: string;
}

const toSuggestion = (r: SuggestionTable): Suggestion => ({
  id: r.id,
  frameworkId: r.framework_id,
  outcomeId: r.outcome_id,
  kind: r.kind,
  title: r.title,
  description: r.description,
  proposedBy: r.proposed_by,
  state: r.state,
  reason: r.reason,
  decidedBy: r.decided_by,
  decidedAt: r.decided_at,
  createdAt: r.created_at,
});

export async function insertSuggestion(
  db: Queryable,
  row: Pick<
    SuggestionTable,
    'place_id' | 'framework_id' | 'outcome_id' | 'kind' | 'title' | 'description' | 'proposed_by'
  >,
): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('outcomes_suggestions')
    .values({ ...row, id, state: 'open', reason: null, decided_by: null, decided_at: null, created_at: nowIso() })
    .execute();
  return id;
}

export async function suggestionsOf(db: Queryable, frameworkId: string): Promise<Suggestion[]> {
  const rows = await db
    .selectFrom('outcomes_suggestions')
    .selectAll()
    .where('framework_id', '=', frameworkId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(toSuggestion);
}

export async function findSuggestion(db: Queryable, placeId: string, id: string): Promise<Suggestion | undefined> {
  const row = await db
    .selectFrom('outcomes_suggestions')
    .selectAll()
    .where('place_id', '=', placeId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toSuggestion(row);
}

/** Answers an open suggestion; false when someone else answered it first. */
export async function decideSuggestion(
  db: Queryable,
  id: string,
  decision: { state: 'adopted' | 'declined'; reason: string | null; by: string },
): Promise<boolean> {
  const result = await db
    .updateTable('outcomes_suggestions')
    .set({ state: decision.state, reason: decision.reason, decided_by: decision.by, decided_at: nowIso() })
    .where('id', '=', id)
    .where('state', '=', 'open')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function insertComment(db: Queryable, row: Omit<CommentTable, 'id' | 'created_at'>): Promise<void> {
  await db
    .insertInto('outcomes_comments')
    .values({ ...row, id: randomUUID(), created_at: nowIso() })
    .execute();
}

export async function commentsOf(db: Queryable, frameworkId: string): Promise<Comment[]> {
  const rows = await db
    .selectFrom('outcomes_comments')
    .selectAll()
    .where('framework_id', '=', frameworkId)
    .orderBy('created_at')
    .execute();
  return rows.map(toComment);
}

export async function insertEndorsement(
  db: Queryable,
  row: { outcome_id: string; person_id: string; place_id: string; framework_id: string },
): Promise<boolean> {
  const result = await db
    .insertInto('outcomes_endorsements')
    .values({ ...row, created_at: nowIso() })
    .onConflict((oc) => oc.columns(['outcome_id', 'person_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function endorsementsOf(db: Queryable, frameworkId: string): Promise<Endorsement[]> {
  const rows = await db
    .selectFrom('outcomes_endorsements')
    .select(['outcome_id', 'person_id', 'created_at'])
    .where('framework_id', '=', frameworkId)
    .execute();
  return rows.map((r) => ({ outcomeId: r.outcome_id, personId: r.person_id, createdAt: r.created_at }));
}

// Links from activities and programmes to outcomes

export async function insertLink(
  db: Queryable,
  row: {
    outcome_id: string;
    target_kind: 'activity' | 'programme';
    target_id: string;
    place_id: string;
    framework_id: string;
    linked_by: string;
  },
): Promise<boolean> {
  const result = await db
    .insertInto('outcomes_links')
    .values({ ...row, linked_at: nowIso() })
    .onConflict((oc) => oc.columns(['outcome_id', 'target_kind', 'target_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function linksOf(db: Queryable, frameworkIds: readonly string[]): Promise<OutcomeLink[]> {
  if (!frameworkIds.length) return [];
  const rows = await db
    .selectFrom('outcomes_links')
    .selectAll()
    .where('framework_id', 'in', [...frameworkIds])
    .execute();
  return rows.map(toLink);
}

/** Check-in questions of published frameworks whose outcomes this activity (or a programme it is in) is linked to. */
export async function checkinQuestionsFor(
  db: Queryable,
  placeId: string,
  activityId: string,
  programmeIds: readonly string[],
): Promise<Indicator[]> {
  const rows = await db
    .selectFrom('outcomes_indicators as i')
    .innerJoin('outcomes_frameworks as f', 'f.id', 'i.framework_id')
    .selectAll('i')
    .where('i.place_id', '=', placeId)
    .where('i.measure_kind', '=', 'checkin')
    .where('f.state', '=', 'published')
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('outcomes_links as l')
          .select('l.outcome_id')
          .whereRef('l.outcome_id', '=', 'i.outcome_id')
          .where((w) =>
            w.or([
              w.and([w('l.target_kind', '=', 'activity'), w('l.target_id', '=', activityId)]),
              ...(programmeIds.length
                ? [w.and([w('l.target_kind', '=', 'programme'), w('l.target_id', 'in', [...programmeIds])])]
                : []),
            ]),
          ),
      ),
    )
    .orderBy('f.published_at')
    .orderBy('i.position')
    .limit(5)
    .execute();
  return rows.map(toIndicator);
}

// Check-ins

export async function insertCheckin(
  db: Queryable,
  row: Omit<CheckinTable, 'id' | 'created_at'>,
  answers: ReadonlyArray<{ indicatorId: string; value: number }>,
): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('outcomes_checkins')
    .values({ ...row, id, created_at: nowIso() })
    .execute();
  if (answers.length) {
    await db
      .insertInto('outcomes_checkin_answers')
      .values(
        answers.map((a) => ({
          checkin_id: id,
          indicator_id: a.indicatorId,
          place_id: row.place_id,
          activity_id: row.activity_id,
          session_on: row.session_on,
          value: a.value,
        })),
      )
      .execute();
  }
  return id;
}

export async function hasCheckedIn(
  db: Queryable,
  personId: string,
  activityId: string,
  sessionOn: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('outcomes_checkins')
    .select('id')
    .where('person_id', '=', personId)
    .where('activity_id', '=', activityId)
    .where('session_on', '=', sessionOn)
    .executeTakeFirst();
  return !!row;
}

// Stories

export async function insertStory(
  db: Queryable,
  row: Pick<StoryTable, 'place_id' | 'author_id' | 'title' | 'body' | 'consent' | 'consent_wording' | 'photo_alt'>,
  outcomeIds: readonly string[],
): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('outcomes_stories')
    .values({
      ...row,
      id,
      state: 'submitted',
      moderation_note: null,
      moderated_by: null,
      moderated_at: null,
      created_at: nowIso(),
    })
    .execute();
  for (const outcomeId of new Set(outcomeIds))
    await db
      .insertInto('outcomes_story_outcomes')
      .values({ story_id: id, outcome_id: outcomeId, place_id: row.place_id })
      .execute();
  return id;
}

export async function insertStoryPhoto(db: Queryable, row: Omit<StoryPhotoTable, 'created_at'>): Promise<void> {
  await db
    .insertInto('outcomes_story_photos')
    .values({ ...row, created_at: nowIso() })
    .execute();
}

export async function findStory(db: Queryable, placeId: string, id: string): Promise<Story | undefined> {
  const row = await db
    .selectFrom('outcomes_stories')
    .selectAll()
    .where('place_id', '=', placeId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toStory(row);
}

export async function storyPhoto(
  db: Queryable,
  storyId: string,
): Promise<{ contentType: StoryPhotoTable['content_type']; bytes: Buffer } | undefined> {
  const row = await db
    .selectFrom('outcomes_story_photos')
    .select(['content_type', 'bytes'])
    .where('story_id', '=', storyId)
    .executeTakeFirst();
  return row && { contentType: row.content_type, bytes: row.bytes };
}

export async function storiesIn(
  db: Queryable,
  placeId: string,
  q: {
    state: StoryState;
    limit: number;
    offset?: number;
    from?: string;
    to?: string;
    outcomeIds?: readonly string[];
    consent?: readonly StoryConsent[];
  },
): Promise<StoryListing[]> {
  let query = db
    .selectFrom('outcomes_stories as s')
    .leftJoin('outcomes_story_photos as p', 'p.story_id', 's.id')
    .select([
      's.id',
      's.author_id',
      's.title',
      's.body',
      's.consent',
      's.state',
      's.photo_alt',
      's.created_at',
      's.moderated_at',
      'p.story_id as photo',
    ])
    .where('s.place_id', '=', placeId)
    .where('s.state', '=', q.state);
  if (q.from) query = query.where('s.created_at', '>=', `${q.from}T00:00:00.000Z`);
  if (q.to) query = query.where('s.created_at', '<=', `${q.to}T23:59:59.999Z`);
  if (q.consent) query = query.where('s.consent', 'in', [...q.consent]);
  if (q.outcomeIds) {
    const ids = q.outcomeIds.length ? [...q.outcomeIds] : [''];
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('outcomes_story_outcomes as so')
          .select('so.story_id')
          .whereRef('so.story_id', '=', 's.id')
          .where('so.outcome_id', 'in', ids),
      ),
    );
  }
  const rows = await query
    .orderBy('s.created_at', q.state === 'submitted' ? 'asc' : 'desc')
    .limit(q.limit)
    .offset(q.offset ?? 0)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    authorId: r.author_id,
    title: r.title,
    body: r.body,
    consent: r.consent,
    state: r.state,
    photoAlt: r.photo_alt,
    createdAt: r.created_at,
    moderatedAt: r.moderated_at,
    photo: r.photo,
  }));
}

export async function storyOutcomeIds(
  db: Queryable,
  storyIds: readonly string[],
): Promise<Array<{ storyId: string; outcomeId: string }>> {
  if (!storyIds.length) return [];
  const rows = await db
    .selectFrom('outcomes_story_outcomes')
    .select(['story_id', 'outcome_id'])
    .where('story_id', 'in', [...storyIds])
    .execute();
  return rows.map((r) => ({ storyId: r.story_id, outcomeId: r.outcome_id }));
}

export async function moderateStory(
  db: Queryable,
  id: string,
  change: { state: StoryState; note: string | null; by: string },
): Promise<boolean> {
  const result = await db
    .updateTable('outcomes_stories')
    .set({ state: change.state, moderation_note: change.note, moderated_by: change.by, moderated_at: nowIso() })
    .where('id', '=', id)
    .where('state', '=', 'submitted')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

// Personal data

export async function contributionsOf(db: Queryable, personId: string) {
  const [comments, endorsements, stories, checkins, suggestions] = await Promise.all([
    db
      .selectFrom('outcomes_comments')
      .select(['body', 'created_at', 'outcome_id'])
      .where('person_id', '=', personId)
      .execute(),
    db
      .selectFrom('outcomes_endorsements')
      .select(['outcome_id', 'created_at'])
      .where('person_id', '=', personId)
      .execute(),
    db
      .selectFrom('outcomes_stories')
      .select(['title', 'body', 'consent', 'state', 'created_at'])
      .where('author_id', '=', personId)
      .execute(),
    db
      .selectFrom('outcomes_checkins')
      .select(['id', 'activity_id', 'session_on', 'created_at'])
      .where('person_id', '=', personId)
      .execute(),
    db
      .selectFrom('outcomes_suggestions')
      .select(['kind', 'title', 'description', 'state', 'reason', 'created_at'])
      .where('proposed_by', '=', personId)
      .execute(),
  ]);
  const answers = checkins.length
    ? await db
        .selectFrom('outcomes_checkin_answers')
        .select(['checkin_id', 'indicator_id', 'value'])
        .where(
          'checkin_id',
          'in',
          checkins.map((c) => c.id),
        )
        .execute()
    : [];
  return {
    comments: comments.map((c) => ({ body: c.body, createdAt: c.created_at, outcomeId: c.outcome_id })),
    endorsements: endorsements.map((e) => ({ outcomeId: e.outcome_id, createdAt: e.created_at })),
    suggestions: suggestions.map((x) => ({
      kind: x.kind,
      title: x.title,
      description: x.description,
      state: x.state,
      reason: x.reason,
      createdAt: x.created_at,
    })),
    stories: stories.map((s) => ({
      title: s.title,
      body: s.body,
      consent: s.consent,
      state: s.state,
      createdAt: s.created_at,
    })),
    checkins: checkins.map((c) => ({
      id: c.id,
      activityId: c.activity_id,
      sessionOn: c.session_on,
      createdAt: c.created_at,
      answers: answers
        .filter((a) => a.checkin_id === c.id)
        .map((a) => ({ checkinId: a.checkin_id, indicatorId: a.indicator_id, value: a.value })),
    })),
  };
}

/**
 * Erasure: their words and stories go; their check-in answers stay in the counts, no
 * longer theirs; and what they did as an officer or organiser (a framework drafted or
 * published, a link made, answers typed in from paper, a story moderated) stays, no
 * longer saying who did it.
 */
export async function eraseContributionsOf(db: Queryable, personId: string): Promise<void> {
  await db.deleteFrom('outcomes_comments').where('person_id', '=', personId).execute();
  await db.deleteFrom('outcomes_endorsements').where('person_id', '=', personId).execute();
  await db.deleteFrom('outcomes_stories').where('author_id', '=', personId).execute();
  await db.updateTable('outcomes_checkins').set({ person_id: null }).where('person_id', '=', personId).execute();
  await db.updateTable('outcomes_checkins').set({ entered_by: null }).where('entered_by', '=', personId).execute();
  await db.updateTable('outcomes_programmes').set({ created_by: null }).where('created_by', '=', personId).execute();
  await db.updateTable('outcomes_frameworks').set({ created_by: null }).where('created_by', '=', personId).execute();
  await db
    .updateTable('outcomes_frameworks')
    .set({ published_by: null })
    .where('published_by', '=', personId)
    .execute();
  await db.updateTable('outcomes_links').set({ linked_by: null }).where('linked_by', '=', personId).execute();
  // What a person wrote into a framework stays (it is the place's now); their name goes.
  await db.updateTable('outcomes_outcomes').set({ added_by: null }).where('added_by', '=', personId).execute();
  await db.updateTable('outcomes_indicators').set({ added_by: null }).where('added_by', '=', personId).execute();
  await db.updateTable('outcomes_suggestions').set({ proposed_by: null }).where('proposed_by', '=', personId).execute();
  await db.updateTable('outcomes_suggestions').set({ decided_by: null }).where('decided_by', '=', personId).execute();
  await db.updateTable('outcomes_stories').set({ moderated_by: null }).where('moderated_by', '=', personId).execute();
}
