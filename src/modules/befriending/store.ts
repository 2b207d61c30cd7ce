import type { Selectable } from 'kysely';
/**
 * Befriending's SQL, and only here. Rows come out as the camel-cased shapes the rest of
 * the module uses.
 */
import { randomUUID } from 'node:crypto';
import { nowIso, type Queryable } from '../../db/index.js';
import { EXPERIENCES, INTERESTS, LANGUAGES, listOf, SLOTS, WAYS, type MatchProfile } from './matching.js';
import type {
  CheckinTable,
  Gender,
  GenderPreference,
  Going,
  MatchStatus,
  MatchTable,
  ProfileStatus,
  ProfileTable,
  SchemeKind,
  SchemeTable,
  Side,
} from './schema.js';

export interface Scheme {
  id: string;
  placeId: string;
  organisationId: string;
  name: string;
  kind: SchemeKind;
  description: string;
  requirements: string;
  checkinDays: number;
  status: 'open' | 'closed';
  /** What its coordinator would do differently, said on closing it ('' when not said). */
  closingDifferently: string;
  createdAt: string;
}

const toScheme = (r: Selectable<SchemeTable>): Scheme => ({
  id: r.id,
  placeId: r.place_id,
  organisationId: r.organisation_id,
  name: r.name,
  kind: r.kind,
  description: r.description,
  requirements: r.requirements,
  checkinDays: Number(r.checkin_days),
  status: r.status,
  closingDifferently: r.closing_differently,
  createdAt: r.created_at,
});

export async function insertScheme(
  db: Queryable,
  s: Omit<Scheme, 'id' | 'createdAt' | 'status' | 'closingDifferently'> & { createdBy: string },
): Promise<string> {
  const id = randomUUID();
  const at = nowIso();
  await db
    .insertInto('befriending_schemes')
    .values({
      id,
      place_id: s.placeId,
      organisation_id: s.organisationId,
      name: s.name,
      kind: s.kind,
      description: s.description,
      requirements: s.requirements,
      checkin_days: s.checkinDays,
      status: 'open',
      roster_version: 0,
      created_by: s.createdBy,
      created_at: at,
      updated_at: at,
    })
    .execute();
  return id;
}

export async function updateScheme(
  db: Queryable,
  id: string,
  s: Partial<
    Pick<Scheme, 'name' | 'kind' | 'description' | 'requirements' | 'checkinDays' | 'status' | 'closingDifferently'>
  >,
): Promise<void> {
  await db
    .updateTable('befriending_schemes')
    .set({
      ...(s.name !== undefined ? { name: s.name } : {}),
      ...(s.kind !== undefined ? { kind: s.kind } : {}),
      ...(s.description !== undefined ? { description: s.description } : {}),
      ...(s.requirements !== undefined ? { requirements: s.requirements } : {}),
      ...(s.checkinDays !== undefined ? { checkin_days: s.checkinDays } : {}),
      ...(s.status !== undefined ? { status: s.status } : {}),
      ...(s.closingDifferently !== undefined ? { closing_differently: s.closingDifferently } : {}),
      updated_at: nowIso(),
    })
    .where('id', '=', id)
    .execute();
}

export async function findScheme(db: Queryable, id: string): Promise<Scheme | undefined> {
  const row = await db.selectFrom('befriending_schemes').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toScheme(row);
}

export async function schemesOfPlace(db: Queryable, placeId: string, openOnly: boolean): Promise<Scheme[]> {
  let q = db.selectFrom('befriending_schemes').selectAll().where('place_id', '=', placeId);
  if (openOnly) q = q.where('status', '=', 'open');
  return (await q.orderBy('name').limit(500).execute()).map(toScheme);
}

/** Schemes by id, in any place (callers keep to their own). */
export async function schemesByIds(db: Queryable, ids: readonly string[]): Promise<Scheme[]> {
  if (!ids.length) return [];
  const rows = await db
    .selectFrom('befriending_schemes')
    .selectAll()
    .where('id', 'in', [...ids])
    .execute();
  return rows.map(toScheme);
}

/**
 * A place's open schemes whose name or description holds every one of the words
 * (already lower case), by name. A place has tens of schemes, not thousands: its
 * open ones are read by the place index and the words compared in the statement.
 */
export async function schemesMatching(
  db: Queryable,
  placeId: string,
  words: readonly string[],
  limit: number,
): Promise<Scheme[]> {
  let query = db
    .selectFrom('befriending_schemes')
    .selectAll()
    .where('place_id', '=', placeId)
    .where('status', '=', 'open');
  // Only letters and digits reach the pattern, so nothing in it is a wildcard.
  for (const word of words.filter((w) => /^[a-z0-9']+$/.test(w))) {
    const pattern = `%${word}%`;
    query = query.where((eb) =>
      eb.or([eb(eb.fn('lower', ['name']), 'like', pattern), eb(eb.fn('lower', ['description']), 'like', pattern)]),
    );
  }
  return (await query.orderBy('name').limit(limit).execute()).map(toScheme);
}

export async function schemesOfOrganisations(
  db: Queryable,
  placeId: string,
  organisationIds: readonly string[],
): Promise<Scheme[]> {
  if (!organisationIds.length) return [];
  const rows = await db
    .selectFrom('befriending_schemes')
    .selectAll()
    .where('place_id', '=', placeId)
    .where('organisation_id', 'in', [...organisationIds])
    .orderBy('name')
    .execute();
  return rows.map(toScheme);
}

/** Marks a scheme's waiting lists as changed; every write to its profiles calls this in its transaction. */
export async function touchRoster(db: Queryable, schemeId: string): Promise<void> {
  await rosterChanged(db, schemeId);
}

async function rosterChanged(db: Queryable, schemeId: string): Promise<void> {
  await db
    .updateTable('befriending_schemes')
    .set((eb) => ({ roster_version: eb('roster_version', '+', 1) }))
    .where('id', '=', schemeId)
    .execute();
}

async function rosterOfProfileChanged(db: Queryable, profileId: string): Promise<void> {
  await db
    .updateTable('befriending_schemes')
    .set((eb) => ({ roster_version: eb('roster_version', '+', 1) }))
    .where('id', '=', (eb) => eb.selectFrom('befriending_profiles').select('scheme_id').where('id', '=', profileId))
    .execute();
}

export async function rosterVersion(db: Queryable, schemeId: string): Promise<number | undefined> {
  const row = await db
    .selectFrom('befriending_schemes')
    .select('roster_version')
    .where('id', '=', schemeId)
    .executeTakeFirst();
  return row && Number(row.roster_version);
}

export interface Profile extends MatchProfile {
  placeId: string;
  schemeId: string;
  organisationId: string;
  personId: string | null;
  name: string;
  contact: string;
  postcode: string;
  about: string;
  notes: string;
  status: ProfileStatus;
  createdAt: string;
  updatedAt: string;
}

const toProfile = (r: ProfileTable): Profile => ({
  id: r.id,
  placeId: r.place_id,
  schemeId: r.scheme_id,
  organisationId: r.organisation_id,
  side: r.side,
  personId: r.person_id,
  name: r.name,
  contact: r.contact,
  interests: Number(r.interests),
  languages: Number(r.languages),
  availability: Number(r.availability),
  ways: Number(r.ways),
  experiences: Number(r.experiences),
  postcode: r.postcode,
  latitude: r.latitude === null ? null : Number(r.latitude),
  longitude: r.longitude === null ? null : Number(r.longitude),
  travelMiles: Number(r.travel_miles),
  gender: r.gender,
  prefers: r.prefers,
  about: r.about,
  notes: r.notes,
  status: r.status,
  waitingSince: r.waiting_since,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export type ProfileFields = Pick<
  Profile,
  | 'interests'
  | 'languages'
  | 'availability'
  | 'ways'
  | 'experiences'
  | 'postcode'
  | 'latitude'
  | 'longitude'
  | 'travelMiles'
  | 'gender'
  | 'prefers'
  | 'about'
>;

const fieldColumns = (p: ProfileFields) => ({
  interests: p.interests,
  languages: p.languages,
  availability: p.availability,
  ways: p.ways,
  experiences: p.experiences,
  postcode: p.postcode,
  latitude: p.latitude,
  longitude: p.longitude,
  travel_miles: p.travelMiles,
  gender: p.gender,
  prefers: p.prefers,
  about: p.about,
});

export async function insertProfile(
  db: Queryable,
  p: ProfileFields & {
    placeId: string;
    schemeId: string;
    organisationId: string;
    side: Side;
    personId: string | null;
    name: string;
    contact: string;
    notes: string;
    createdBy: string;
  },
): Promise<string> {
  const id = randomUUID();
  const at = nowIso();
  await db
    .insertInto('befriending_profiles')
    .values({
      id,
      place_id: p.placeId,
      scheme_id: p.schemeId,
      organisation_id: p.organisationId,
      side: p.side,
      person_id: p.personId,
      name: p.name,
      contact: p.contact,
      ...fieldColumns(p),
      notes: p.notes,
      status: 'waiting',
      waiting_since: at,
      created_by: p.createdBy,
      created_at: at,
      updated_at: at,
    })
    .execute();
  await rosterChanged(db, p.schemeId);
  return id;
}

export async function updateProfileFields(
  db: Queryable,
  id: string,
  p: ProfileFields & { name?: string; contact?: string },
): Promise<void> {
  await db
    .updateTable('befriending_profiles')
    .set({
      ...fieldColumns(p),
      ...(p.name !== undefined ? { name: p.name } : {}),
      ...(p.contact !== undefined ? { contact: p.contact } : {}),
      updated_at: nowIso(),
    })
    .where('id', '=', id)
    .execute();
  await rosterOfProfileChanged(db, id);
}

export async function setProfileNotes(db: Queryable, id: string, notes: string): Promise<void> {
  await db.updateTable('befriending_profiles').set({ notes, updated_at: nowIso() }).where('id', '=', id).execute();
}

/** Moves a profile on only from the status the caller saw: false when someone else moved it first. */
export async function moveProfile(
  db: Queryable,
  id: string,
  from: readonly ProfileStatus[],
  to: ProfileStatus,
): Promise<boolean> {
  const at = nowIso();
  const result = await db
    .updateTable('befriending_profiles')
    .set({ status: to, updated_at: at, ...(to === 'waiting' ? { waiting_since: at } : {}) })
    .where('id', '=', id)
    .where('status', 'in', [...from])
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return false;
  await rosterOfProfileChanged(db, id);
  return true;
}

export async function findProfile(db: Queryable, id: string): Promise<Profile | undefined> {
  const row = await db.selectFrom('befriending_profiles').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toProfile(row);
}

export async function profilesByIds(db: Queryable, ids: readonly string[]): Promise<Map<string, Profile>> {
  if (!ids.length) return new Map();
  const rows = await db
    .selectFrom('befriending_profiles')
    .selectAll()
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, toProfile(r)]));
}

export async function profilesOfPerson(db: Queryable, placeId: string, personId: string): Promise<Profile[]> {
  const rows = await db
    .selectFrom('befriending_profiles')
    .selectAll()
    .where('person_id', '=', personId)
    .where('place_id', '=', placeId)
    .where('status', '<>', 'withdrawn')
    .orderBy('created_at')
    .execute();
  return rows.map(toProfile);
}

/** A scheme's people who are not in a live match, longest waiting first. */
export async function profilesOfScheme(
  db: Queryable,
  schemeId: string,
  statuses: readonly ProfileStatus[],
  limit = 500,
): Promise<Profile[]> {
  const rows = await db
    .selectFrom('befriending_profiles')
    .selectAll()
    .where('scheme_id', '=', schemeId)
    .where('status', 'in', [...statuses])
    .orderBy('waiting_since')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map(toProfile);
}

const CANDIDATE_COLUMNS = [
  'id',
  'interests',
  'languages',
  'availability',
  'ways',
  'experiences',
  'latitude',
  'longitude',
  'travel_miles',
  'gender',
  'prefers',
  'waiting_since',
] as const;

/**
 * Everyone waiting on one side of a scheme, with only what matching reads, from the
 * covering index (never the table).
 */
export async function waitingOn(db: Queryable, schemeId: string, side: Side): Promise<MatchProfile[]> {
  const rows = await db
    .selectFrom('befriending_profiles')
    .select(CANDIDATE_COLUMNS)
    .where('scheme_id', '=', schemeId)
    .where('side', '=', side)
    .where('status', '=', 'waiting')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    side,
    interests: Number(r.interests),
    languages: Number(r.languages),
    availability: Number(r.availability),
    ways: Number(r.ways),
    experiences: Number(r.experiences),
    latitude: r.latitude === null ? null : Number(r.latitude),
    longitude: r.longitude === null ? null : Number(r.longitude),
    travelMiles: Number(r.travel_miles),
    gender: r.gender as Gender,
    prefers: r.prefers as GenderPreference,
    waitingSince: r.waiting_since,
  }));
}

export interface Match {
  id: string;
  placeId: string;
  schemeId: string;
  organisationId: string;
  volunteerProfileId: string;
  neighbourProfileId: string;
  status: MatchStatus;
  reasons: string;
  waitedDays: number;
  introducedAt: string;
  startedAt: string | null;
  endedAt: string | null;
  endReason: string | null;
  lastCheckinOn: string | null;
}

const toMatch = (r: MatchTable): Match => ({
  id: r.id,
  placeId: r.place_id,
  schemeId: r.scheme_id,
  organisationId: r.organisation_id,
  volunteerProfileId: r.volunteer_profile_id,
  neighbourProfileId: r.neighbour_profile_id,
  status: r.status,
  reasons: r.reasons,
  waitedDays: Number(r.waited_days),
  introducedAt: r.introduced_at,
  startedAt: r.started_at,
  endedAt: r.ended_at,
  endReason: r.end_reason,
  lastCheckinOn: r.last_checkin_on,
});

export async function insertMatch(
  db: Queryable,
  m: {
    placeId: string;
    schemeId: string;
    organisationId: string;
    volunteerProfileId: string;
    neighbourProfileId: string;
    reasons: string;
    waitedDays: number;
    introducedBy: string;
  },
): Promise<string> {
  const id = randomUUID();
  const at = nowIso();
  await db
    .insertInto('befriending_matches')
    .values({
      id,
      place_id: m.placeId,
      scheme_id: m.schemeId,
      organisation_id: m.organisationId,
      volunteer_profile_id: m.volunteerProfileId,
      neighbour_profile_id: m.neighbourProfileId,
      status: 'introduced',
      reasons: m.reasons,
      waited_days: m.waitedDays,
      introduced_by: m.introducedBy,
      introduced_at: at,
      started_at: null,
      ended_at: null,
      end_reason: null,
      ended_by: null,
      last_checkin_on: null,
      created_at: at,
    })
    .execute();
  return id;
}

export async function findMatch(db: Queryable, id: string): Promise<Match | undefined> {
  const row = await db.selectFrom('befriending_matches').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toMatch(row);
}

/** Moves a match on only from the status the caller saw. */
export async function moveMatch(
  db: Queryable,
  id: string,
  from: MatchStatus,
  change: { status: MatchStatus; startedAt?: string; endedAt?: string; endReason?: string; endedBy?: string },
): Promise<boolean> {
  const result = await db
    .updateTable('befriending_matches')
    .set({
      status: change.status,
      ...(change.startedAt ? { started_at: change.startedAt } : {}),
      ...(change.endedAt
        ? { ended_at: change.endedAt, end_reason: change.endReason ?? null, ended_by: change.endedBy ?? null }
        : {}),
    })
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** A scheme's matches introduced since a day, or still going: what its figures count. */
export async function matchesForFigures(db: Queryable, schemeId: string, since: string): Promise<Match[]> {
  const rows = await db
    .selectFrom('befriending_matches')
    .selectAll()
    .where('scheme_id', '=', schemeId)
    .where((eb) => eb.or([eb('introduced_at', '>=', since), eb('ended_at', '>=', since), eb('status', '<>', 'ended')]))
    .limit(20_000)
    .execute();
  return rows.map(toMatch);
}

/** A scheme's live matches, and those ended in the last `endedSince`. */
export async function matchesOfScheme(db: Queryable, schemeId: string, endedSince: string): Promise<Match[]> {
  const rows = await db
    .selectFrom('befriending_matches')
    .selectAll()
    .where('scheme_id', '=', schemeId)
    .where((eb) => eb.or([eb('status', '<>', 'ended'), eb('ended_at', '>=', endedSince)]))
    .orderBy('introduced_at', 'desc')
    .limit(1000)
    .execute();
  return rows.map(toMatch);
}

export async function matchesOfProfiles(db: Queryable, profileIds: readonly string[]): Promise<Match[]> {
  if (!profileIds.length) return [];
  const ids = [...profileIds];
  const rows = await db
    .selectFrom('befriending_matches')
    .selectAll()
    .where((eb) => eb.or([eb('volunteer_profile_id', 'in', ids), eb('neighbour_profile_id', 'in', ids)]))
    .orderBy('introduced_at', 'desc')
    .execute();
  return rows.map(toMatch);
}

export interface Checkin {
  id: string;
  checkedOn: string;
  withWhom: CheckinTable['with_whom'];
  going: Going;
  note: string;
  recordedBy: string | null;
}

export async function insertCheckin(
  db: Queryable,
  c: {
    placeId: string;
    matchId: string;
    checkedOn: string;
    withWhom: CheckinTable['with_whom'];
    going: Going;
    note: string;
    recordedBy: string;
  },
): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('befriending_checkins')
    .values({
      id,
      place_id: c.placeId,
      match_id: c.matchId,
      checked_on: c.checkedOn,
      with_whom: c.withWhom,
      going: c.going,
      note: c.note,
      recorded_by: c.recordedBy,
      recorded_at: nowIso(),
    })
    .execute();
  await db
    .updateTable('befriending_matches')
    .set({ last_checkin_on: c.checkedOn })
    .where('id', '=', c.matchId)
    .where((eb) => eb.or([eb('last_checkin_on', 'is', null), eb('last_checkin_on', '<', c.checkedOn)]))
    .execute();
  return id;
}

export async function checkinsOf(db: Queryable, matchId: string): Promise<Checkin[]> {
  const rows = await db
    .selectFrom('befriending_checkins')
    .selectAll()
    .where('match_id', '=', matchId)
    .orderBy('checked_on', 'desc')
    .orderBy('recorded_at', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    checkedOn: r.checked_on,
    withWhom: r.with_whom,
    going: r.going,
    note: r.note,
    recordedBy: r.recorded_by,
  }));
}

/** Everything befriending holds about a person, for their download: their own profiles and matches (never the other person's details). */
export async function everythingAbout(db: Queryable, personId: string) {
  const profiles = await db.selectFrom('befriending_profiles').selectAll().where('person_id', '=', personId).execute();
  const ids = profiles.map((p) => p.id);
  const matches = await matchesOfProfiles(db, ids);
  return {
    profiles: profiles.map((p) => ({
      scheme: p.scheme_id,
      side: p.side,
      status: p.status,
      interests: listOf(INTERESTS, Number(p.interests)),
      languages: listOf(LANGUAGES, Number(p.languages)),
      availability: p.availability ? listOf(SLOTS, Number(p.availability)) : 'any time',
      ways: listOf(WAYS, Number(p.ways)),
      experiences: listOf(EXPERIENCES, Number(p.experiences)),
      postcode: p.postcode,
      travelMiles: p.travel_miles,
      gender: p.gender,
      prefers: p.prefers,
      about: p.about,
      createdAt: p.created_at,
    })),
    matches: matches.map((m) => ({
      status: m.status,
      introducedAt: m.introducedAt,
      startedAt: m.startedAt,
      endedAt: m.endedAt,
    })),
  };
}

/**
 * Erasure: the person's profiles go, with the coordinators' notes about them and the
 * check-ins of their matches; a live match ends and the other person goes back to
 * waiting. The match rows stay, pointing at nobody, so a scheme's counts still add up.
 * Schemes, profiles, matches and check-ins they made as a coordinator stay, unsigned.
 */
export async function eraseProfiles(db: Queryable, personId: string): Promise<void> {
  // What they did as a coordinator stays, no longer theirs.
  await db.updateTable('befriending_schemes').set({ created_by: null }).where('created_by', '=', personId).execute();
  await db.updateTable('befriending_profiles').set({ created_by: null }).where('created_by', '=', personId).execute();
  await db
    .updateTable('befriending_matches')
    .set({ introduced_by: null })
    .where('introduced_by', '=', personId)
    .execute();
  await db.updateTable('befriending_matches').set({ ended_by: null }).where('ended_by', '=', personId).execute();
  await db.updateTable('befriending_checkins').set({ recorded_by: null }).where('recorded_by', '=', personId).execute();
  const profiles = await db
    .selectFrom('befriending_profiles')
    .select(['id', 'scheme_id'])
    .where('person_id', '=', personId)
    .execute();
  if (!profiles.length) return;
  for (const schemeId of new Set(profiles.map((p) => p.scheme_id))) await rosterChanged(db, schemeId);
  const ids = profiles.map((p) => p.id);
  const matches = await matchesOfProfiles(db, ids);
  const at = nowIso();
  for (const m of matches) {
    if (m.status !== 'ended') {
      await db
        .updateTable('befriending_matches')
        .set({ status: 'ended', ended_at: at, end_reason: 'circumstances' })
        .where('id', '=', m.id)
        .execute();
      const other = ids.includes(m.volunteerProfileId) ? m.neighbourProfileId : m.volunteerProfileId;
      await moveProfile(db, other, ['matched'], 'waiting');
    }
    await db.deleteFrom('befriending_checkins').where('match_id', '=', m.id).execute();
    await db.updateTable('befriending_matches').set({ reasons: '[]' }).where('id', '=', m.id).execute();
  }
  await db.deleteFrom('befriending_profiles').where('id', 'in', ids).execute();
}

/**
 * For the demo place only: moves a profile's wait and a match's history back in time,
 * so its dashboard shows people who have waited and a check-in that is due.
 */
export async function backdateForDemo(
  db: Queryable,
  change: {
    profileId?: string;
    waitingSince?: string;
    matchId?: string;
    introducedAt?: string;
    startedAt?: string;
    checkedOn?: string;
  },
): Promise<void> {
  if (change.profileId && change.waitingSince) {
    await db
      .updateTable('befriending_profiles')
      .set({ waiting_since: change.waitingSince })
      .where('id', '=', change.profileId)
      .execute();
    await rosterOfProfileChanged(db, change.profileId);
  }
  if (change.matchId && change.introducedAt && change.startedAt && change.checkedOn) {
    await db
      .updateTable('befriending_checkins')
      .set({ checked_on: change.checkedOn })
      .where('match_id', '=', change.matchId)
      .execute();
    await db
      .updateTable('befriending_matches')
      .set({ last_checkin_on: change.checkedOn, introduced_at: change.introducedAt, started_at: change.startedAt })
      .where('id', '=', change.matchId)
      .execute();
  }
}
