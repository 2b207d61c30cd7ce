/**
 * Befriending's state changes, one function each, each in one transaction with its
 * audit record. A profile is in at most one live match, which the database's unique
 * indexes hold even when two coordinators introduce the same person at once.
 */
import { NotFoundError, RuleError } from '../../errors.js';
import { isUniqueViolation, type Queryable, type Trx } from '../../db/index.js';
import type { Kith } from '../../kith.js';
import { recordAudit } from '../../platform/audit/index.js';
import { once } from '../../platform/idempotency/index.js';
import { emailReader } from '../../platform/mail/index.js';
import { pointForPostcode } from '../directory/index.js';
import { draftCaseFromAnswer } from '../library/index.js';
import { findPersonById } from '../people/index.js';
import {
  checksOf,
  checksOfPeople,
  logGivenTime,
  parseRequirements,
  sendThanks,
  unmetRequirements,
  type HoldReason,
} from '../volunteering/index.js';
import {
  assess,
  bitsOf,
  EXPERIENCES,
  INTERESTS,
  LANGUAGES,
  meetsOnlyInPerson,
  SLOTS,
  suggest,
  WAYS,
  type Suggestion,
} from './matching.js';
import type { EndReason, ProfileInput, SchemeInput } from './inputs.js';
import { waitingList } from './waiting-lists.js';
import type { Going, Side } from './schema.js';
import {
  findMatch,
  findProfile,
  findScheme,
  insertCheckin,
  insertMatch,
  insertProfile,
  insertScheme,
  moveMatch,
  moveProfile,
  profilesByIds,
  setProfileNotes,
  updateProfileFields,
  updateScheme,
  type Match,
  type Profile,
  type ProfileFields,
  type Scheme,
} from './store.js';
import { todayInPlace } from '../../platform/dates.js';

interface Actor {
  placeId: string;
  actorId: string;
  formKey?: string;
}

export async function createScheme(
  kith: Kith,
  input: Actor & { organisationId: string; scheme: SchemeInput },
): Promise<string> {
  const s = input.scheme;
  const { result } = await once(
    kith.db,
    'befriending.scheme',
    { owner: input.actorId, key: input.formKey },
    async (trx) => {
      const id = await insertScheme(trx, {
        placeId: input.placeId,
        organisationId: input.organisationId,
        name: s.name,
        kind: s.kind,
        description: s.description,
        requirements: s.requirements.join(','),
        checkinDays: s.checkinDays,
        createdBy: input.actorId,
      });
      await recordAudit(trx, {
        placeId: input.placeId,
        actorId: input.actorId,
        action: 'matching.schemeCreated',
        subjectType: 'befriending_scheme',
        subjectId: id,
      });
      return id;
    },
  );
  return result;
}

export async function editScheme(kith: Kith, input: Actor & { scheme: Scheme; changes: SchemeInput }): Promise<void> {
  await kith.db.transaction(async (trx) => {
    const c = input.changes;
    await updateScheme(trx, input.scheme.id, {
      name: c.name,
      kind: c.kind,
      description: c.description,
      requirements: c.requirements.join(','),
      checkinDays: c.checkinDays,
    });
    await recordAudit(trx, {
      placeId: input.placeId,
      actorId: input.actorId,
      action: 'matching.schemeEdited',
      subjectType: 'befriending_scheme',
      subjectId: input.scheme.id,
    });
  });
}

/**
 * Opens or closes a scheme. Closing may say what the coordinator would do differently,
 * kept with the scheme; with `shareDraft` the answer also becomes a draft case study in
 * the learning library, made once per submission like the close itself (a repeat of the
 * form gets the same draft back). Returns the draft's address when one was made.
 */
export async function setSchemeStatus(
  kith: Kith,
  input: Actor & {
    scheme: Scheme;
    status: 'open' | 'closed';
    differently?: string;
    shareDraft?: boolean;
    /** What the library needs: the place's address and the case's title and location, in the coordinator's words. */
    library?: { placeSlug: string; title: string; location: string };
  },
): Promise<{ draftHref?: string }> {
  const submission = { owner: input.actorId, key: input.formKey };
  const differently = input.status === 'closed' ? (input.differently ?? '') : '';
  await once(kith.db, 'befriending.scheme.status', submission, async (trx) => {
    await updateScheme(trx, input.scheme.id, {
      status: input.status,
      ...(differently ? { closingDifferently: differently } : {}),
    });
    await recordAudit(trx, {
      placeId: input.placeId,
      actorId: input.actorId,
      action: 'matching.schemeStatus',
      subjectType: 'befriending_scheme',
      subjectId: input.scheme.id,
      detail: { status: input.status, ...(differently ? { saidWhatDifferently: true } : {}) },
    });
  });
  if (!differently || !input.shareDraft || !input.library) return {};
  const { href } = await draftCaseFromAnswer(kith, {
    placeId: input.placeId,
    placeSlug: input.library.placeSlug,
    personId: input.actorId,
    title: input.library.title,
    location: input.library.location,
    whatDifferently: differently,
    tried: input.scheme.description,
    typologies: [input.scheme.kind === 'peer_support' ? 'peer-support' : 'befriending-helping'],
    from: 'befriending',
    submission,
  });
  return { draftHref: href };
}

/** A profile's form as stored: the postcode looked up to its point (never kept finer than the postcode). */
async function fieldsOf(db: Queryable, p: ProfileInput): Promise<ProfileFields> {
  let point: { latitude: number; longitude: number } | undefined;
  if (p.postcode) {
    point = await pointForPostcode(db, p.postcode);
    if (!point) throw new RuleError('befriending.validation.postcode.unknown', {}, 'postcode');
  }
  return {
    interests: bitsOf(INTERESTS, p.interests),
    languages: bitsOf(LANGUAGES, p.languages),
    availability: bitsOf(SLOTS, p.availability),
    ways: bitsOf(WAYS, p.ways),
    experiences: bitsOf(EXPERIENCES, p.experiences),
    postcode: p.postcode.toUpperCase(),
    latitude: point?.latitude ?? null,
    longitude: point?.longitude ?? null,
    travelMiles: p.travelMiles,
    gender: p.gender,
    prefers: p.prefers,
    about: p.about,
  };
}

/**
 * Adds someone to a scheme's waiting list: a person for themselves (`personId` is the
 * actor), or a coordinator for someone with no account (`personId` null, with their
 * name and how to reach them).
 */
export async function joinScheme(
  kith: Kith,
  input: Actor & {
    scheme: Scheme;
    side: Side;
    personId: string | null;
    name: string;
    contact: string;
    notes: string;
    profile: ProfileInput;
  },
): Promise<string> {
  if (input.scheme.status !== 'open' && input.personId === input.actorId) throw new NotFoundError();
  const fields = await fieldsOf(kith.db.kysely, input.profile);
  try {
    const { result } = await once(
      kith.db,
      'befriending.join',
      { owner: input.actorId, key: input.formKey },
      async (trx) => {
        const id = await insertProfile(trx, {
          ...fields,
          placeId: input.placeId,
          schemeId: input.scheme.id,
          organisationId: input.scheme.organisationId,
          side: input.side,
          personId: input.personId,
          name: input.name,
          contact: input.contact,
          notes: input.notes,
          createdBy: input.actorId,
        });
        await recordAudit(trx, {
          placeId: input.placeId,
          actorId: input.actorId,
          action: 'matching.joined',
          subjectType: 'befriending_profile',
          subjectId: id,
          detail: { side: input.side },
        });
        return id;
      },
    );
    return result;
  } catch (error) {
    if (isUniqueViolation(error)) throw new RuleError('befriending.join.already', {}, 'languages');
    throw error;
  }
}

export async function editProfile(
  kith: Kith,
  input: Actor & { profile: Profile; changes: ProfileInput; name?: string; contact?: string },
): Promise<void> {
  const fields = await fieldsOf(kith.db.kysely, input.changes);
  await kith.db.transaction(async (trx) => {
    await updateProfileFields(trx, input.profile.id, { ...fields, name: input.name, contact: input.contact });
    await recordAudit(trx, {
      placeId: input.placeId,
      actorId: input.actorId,
      action: 'matching.profileEdited',
      subjectType: 'befriending_profile',
      subjectId: input.profile.id,
    });
  });
}

export async function saveNotes(kith: Kith, input: Actor & { profile: Profile; notes: string }): Promise<void> {
  await kith.db.transaction(async (trx) => {
    await setProfileNotes(trx, input.profile.id, input.notes);
    await recordAudit(trx, {
      placeId: input.placeId,
      actorId: input.actorId,
      action: 'matching.notesSaved',
      subjectType: 'befriending_profile',
      subjectId: input.profile.id,
    });
  });
}

/** Not looking for a match for now (paused), looking again (waiting), or leaving the scheme (withdrawn). */
export async function setLooking(
  kith: Kith,
  input: Actor & { profile: Profile; to: 'waiting' | 'paused' | 'withdrawn' },
): Promise<void> {
  await kith.db.transaction(async (trx) => {
    const from = input.to === 'waiting' ? (['paused'] as const) : (['waiting', 'paused'] as const);
    if (!(await moveProfile(trx, input.profile.id, from, input.to)))
      throw new RuleError(
        input.profile.status === 'matched' ? 'befriending.profile.inMatch' : 'befriending.profile.moved',
        {},
        'status',
      );
    await recordAudit(trx, {
      placeId: input.placeId,
      actorId: input.actorId,
      action: 'matching.profileStatus',
      subjectType: 'befriending_profile',
      subjectId: input.profile.id,
      detail: { status: input.to },
    });
  });
}

/** What stands between a volunteer and an introduction: the scheme's checks, as the organisation has recorded them. */
export async function holdsOf(
  db: Queryable,
  scheme: Scheme,
  volunteer: Pick<Profile, 'personId'>,
  on = todayInPlace(),
): Promise<HoldReason[]> {
  const requirements = parseRequirements(scheme.requirements);
  if (!requirements.length) return [];
  // Someone with no account has no checks on record, so nothing can vouch for them.
  const checks = volunteer.personId ? await checksOf(db, scheme.organisationId, volunteer.personId) : [];
  return unmetRequirements({ requirements, checks, birthDate: null, hasConsent: true, on });
}

export interface RankedSuggestion extends Suggestion {
  profile: Profile;
  holds: HoldReason[];
}

/** The best candidates for a waiting profile, with why each is there and what, if anything, must happen before an introduction. */
export async function suggestionsFor(
  kith: Kith,
  scheme: Scheme,
  seeker: Profile,
  now = new Date(),
  limit = 10,
): Promise<RankedSuggestion[]> {
  const db = kith.db.kysely;
  // Someone who will only meet in person and has given no postcode cannot be matched with anyone yet.
  if (meetsOnlyInPerson(seeker) && (seeker.latitude === null || seeker.longitude === null)) return [];
  const others = await waitingList(kith, scheme.id, seeker.side === 'volunteer' ? 'neighbour' : 'volunteer');
  const ranked = suggest(seeker, others, scheme.kind, now, limit);
  const profiles = await profilesByIds(
    db,
    ranked.map((s) => s.profileId),
  );
  // One look-up for the checks of every volunteer on the list, not one each.
  const requirements = parseRequirements(scheme.requirements);
  const volunteers = [...profiles.values()]
    .filter((p) => p.side === 'volunteer' && p.personId !== null)
    .map((p) => p.personId!);
  const checks = requirements.length ? await checksOfPeople(db, scheme.organisationId, volunteers) : new Map();
  const today = todayInPlace();
  const out: RankedSuggestion[] = [];
  for (const s of ranked) {
    const profile = profiles.get(s.profileId);
    if (!profile) continue;
    const holds =
      profile.side === 'volunteer' && requirements.length
        ? unmetRequirements({
            requirements,
            checks: profile.personId ? (checks.get(profile.personId) ?? []) : [],
            birthDate: null,
            hasConsent: true,
            on: today,
          })
        : [];
    out.push({ ...s, profile, holds });
  }
  return out;
}

const sides = (a: Profile, b: Profile) =>
  a.side === 'volunteer' ? { volunteer: a, neighbour: b } : { volunteer: b, neighbour: a };

/**
 * Introduces two waiting people. The pair must still be able to meet (the same rules
 * as suggestions, read afresh), and the volunteer must hold the scheme's checks. Both
 * move to matched in the same transaction as the match; each person with an account
 * hears who they are being introduced to and that the coordinator will arrange the
 * first meeting. Nobody's address or phone number is in the email.
 */
export async function introduce(
  kith: Kith,
  input: Actor & { scheme: Scheme; seekerId: string; candidateId: string; message: string; placeSlug: string },
): Promise<string> {
  try {
    const { result } = await once(
      kith.db,
      'befriending.introduce',
      { owner: input.actorId, key: input.formKey },
      async (trx) => {
        const [seeker, candidate] = [await findProfile(trx, input.seekerId), await findProfile(trx, input.candidateId)];
        if (!seeker || !candidate || seeker.schemeId !== input.scheme.id || candidate.schemeId !== input.scheme.id)
          throw new NotFoundError();
        const { volunteer, neighbour } = sides(seeker, candidate);
        const assessment = assess(seeker, candidate, input.scheme.kind, new Date());
        if (!assessment) throw new RuleError('befriending.introduce.cannotMeet', {}, 'candidate');
        const holds = await holdsOf(trx, input.scheme, volunteer);
        if (holds.length) throw new RuleError('befriending.introduce.held', {}, 'candidate');
        if (
          !(await moveProfile(trx, seeker.id, ['waiting'], 'matched')) ||
          !(await moveProfile(trx, candidate.id, ['waiting'], 'matched'))
        ) {
          throw new RuleError('befriending.introduce.taken', {}, 'candidate');
        }
        const id = await insertMatch(trx, {
          placeId: input.placeId,
          schemeId: input.scheme.id,
          organisationId: input.scheme.organisationId,
          volunteerProfileId: volunteer.id,
          neighbourProfileId: neighbour.id,
          reasons: JSON.stringify(assessment.reasons),
          waitedDays: Math.max(0, Math.floor((Date.now() - Date.parse(neighbour.waitingSince)) / 86_400_000)),
          introducedBy: input.actorId,
        });
        await recordAudit(trx, {
          placeId: input.placeId,
          actorId: input.actorId,
          action: 'matching.introduced',
          subjectType: 'befriending_match',
          subjectId: id,
        });
        const path = `/places/${input.placeSlug}/befriending/mine`;
        const coordinator = (await findPersonById(trx, input.actorId))?.name ?? '';
        for (const [me, them] of [
          [volunteer, neighbour],
          [neighbour, volunteer],
        ] as const) {
          await tell(kith, trx, me, {
            subjectKey: 'befriending.email.introduced.subject',
            paragraphs: ['befriending.email.introduced.body', ...(input.message ? [{ text: input.message }] : [])],
            params: { name: them.name, scheme: input.scheme.name, coordinator },
            path,
          });
        }
        return id;
      },
    );
    kith.kickJobs();
    return result;
  } catch (error) {
    // The other coordinator's introduction won: the unique index on live matches said so.
    if (isUniqueViolation(error)) throw new RuleError('befriending.introduce.taken', {}, 'candidate');
    throw error;
  }
}

async function tell(
  kith: Kith,
  trx: Trx,
  profile: Profile,
  letter: {
    subjectKey: string;
    paragraphs: Array<string | { text: string }>;
    params: Record<string, string>;
    path: string;
  },
) {
  if (!profile.personId) return;
  const person = await findPersonById(trx, profile.personId);
  if (!person) return;
  await emailReader(kith, trx, person, {
    placeId: profile.placeId,
    subjectKey: letter.subjectKey,
    paragraphs: letter.paragraphs,
    params: letter.params,
    action: { key: 'befriending.email.action', path: letter.path },
  });
}

/** They have met and want to carry on: the match is under way. */
export async function startMatch(kith: Kith, input: Actor & { match: Match }): Promise<void> {
  await kith.db.transaction(async (trx) => {
    if (
      !(await moveMatch(trx, input.match.id, 'introduced', { status: 'active', startedAt: new Date().toISOString() }))
    )
      throw new RuleError('befriending.match.moved');
    await recordAudit(trx, {
      placeId: input.placeId,
      actorId: input.actorId,
      action: 'matching.started',
      subjectType: 'befriending_match',
      subjectId: input.match.id,
    });
  });
}

export async function recordCheckin(
  kith: Kith,
  input: Actor & { match: Match; withWhom: 'both' | Side; going: Going; note: string },
): Promise<string> {
  if (input.match.status === 'ended') throw new RuleError('befriending.match.ended', {}, 'going');
  const { result } = await once(
    kith.db,
    'befriending.checkin',
    { owner: input.actorId, key: input.formKey },
    async (trx) => {
      const id = await insertCheckin(trx, {
        placeId: input.placeId,
        matchId: input.match.id,
        checkedOn: todayInPlace(),
        withWhom: input.withWhom,
        going: input.going,
        note: input.note,
        recordedBy: input.actorId,
      });
      await recordAudit(trx, {
        placeId: input.placeId,
        actorId: input.actorId,
        action: 'matching.checkin',
        subjectType: 'befriending_match',
        subjectId: input.match.id,
        detail: { going: input.going },
      });
      return id;
    },
  );
  return result;
}

/**
 * Ends a match kindly: the reason is recorded in the scheme's own words, each person is
 * told gently (the neighbour is not written to when the reason is that they have died),
 * the volunteer can be thanked in their volunteering record, and each person goes back
 * on the waiting list or rests, as they have said.
 */
export async function endMatch(
  kith: Kith,
  input: Actor & {
    scheme: Scheme;
    organisationName: string;
    match: Match;
    reason: EndReason;
    thanks: string;
    volunteerAgain: boolean;
    neighbourAgain: boolean;
    placeSlug: string;
  },
): Promise<void> {
  let volunteerPersonId: string | null = null;
  await kith.db.transaction(async (trx) => {
    const at = new Date().toISOString();
    if (
      !(await moveMatch(trx, input.match.id, input.match.status, {
        status: 'ended',
        endedAt: at,
        endReason: input.reason,
        endedBy: input.actorId,
      }))
    )
      throw new RuleError('befriending.match.moved');
    const profiles = await profilesByIds(trx, [input.match.volunteerProfileId, input.match.neighbourProfileId]);
    const volunteer = profiles.get(input.match.volunteerProfileId);
    const neighbour = profiles.get(input.match.neighbourProfileId);
    if (volunteer) await moveProfile(trx, volunteer.id, ['matched'], input.volunteerAgain ? 'waiting' : 'paused');
    if (neighbour)
      await moveProfile(
        trx,
        neighbour.id,
        ['matched'],
        input.neighbourAgain && input.reason !== 'died' ? 'waiting' : input.reason === 'died' ? 'withdrawn' : 'paused',
      );
    await recordAudit(trx, {
      placeId: input.placeId,
      actorId: input.actorId,
      action: 'matching.ended',
      subjectType: 'befriending_match',
      subjectId: input.match.id,
      detail: { reason: input.reason },
    });
    const path = `/places/${input.placeSlug}/befriending/mine`;
    if (volunteer && neighbour) {
      await tell(kith, trx, volunteer, {
        subjectKey: 'befriending.email.ended.subject',
        paragraphs: [
          `befriending.email.ended.volunteer.${input.reason === 'died' ? 'died' : 'body'}`,
          input.volunteerAgain ? 'befriending.email.ended.again' : 'befriending.email.ended.rest',
        ],
        params: { name: neighbour.name, scheme: input.scheme.name },
        path,
      });
      if (input.reason !== 'died') {
        await tell(kith, trx, neighbour, {
          subjectKey: 'befriending.email.ended.subject',
          paragraphs: [
            'befriending.email.ended.neighbour.body',
            input.neighbourAgain ? 'befriending.email.ended.again' : 'befriending.email.ended.rest',
          ],
          params: { name: volunteer.name, scheme: input.scheme.name },
          path,
        });
      }
    }
    volunteerPersonId = volunteer?.personId ?? null;
  });
  // Thanks live in the volunteer's volunteering record, beside their hours and certificate.
  if (input.thanks && volunteerPersonId) {
    await sendThanks(kith, {
      placeId: input.placeId,
      actorId: input.actorId,
      formKey: input.formKey && `befriending.end:${input.formKey}`,
      organisationId: input.scheme.organisationId,
      personId: volunteerPersonId,
      message: input.thanks,
      base: `/places/${input.placeSlug}/volunteering`,
      organisationName: input.organisationName,
    });
  }
  kith.kickJobs();
}

/** Time is logged by the volunteer in a match that is still going, never by the person they support. */
export const logsTimeFor = (profile: Pick<Profile, 'side'>, match: Pick<Match, 'status'> | undefined): boolean =>
  profile.side === 'volunteer' && !!match && match.status !== 'ended';

/** A befriender's time with their match: volunteering hours for the scheme's organisation, named after the scheme. */
export async function logTimeWithMatch(
  kith: Kith,
  input: Actor & { scheme: Scheme; workedOn: string; minutes: number; note: string },
): Promise<void> {
  const note = input.note ? `${input.scheme.name}: ${input.note}` : input.scheme.name;
  await logGivenTime(kith, {
    placeId: input.placeId,
    actorId: input.actorId,
    formKey: input.formKey,
    organisationId: input.scheme.organisationId,
    workedOn: input.workedOn,
    minutes: input.minutes,
    note,
  });
}

/** The scheme a profile or match belongs to, refusing one from another place or organisation. */
export async function schemeOf(
  db: Queryable,
  schemeId: string,
  placeId: string,
  organisationId?: string,
): Promise<Scheme> {
  const scheme = await findScheme(db, schemeId);
  if (!scheme || scheme.placeId !== placeId || (organisationId && scheme.organisationId !== organisationId))
    throw new NotFoundError();
  return scheme;
}

export { findMatch, findProfile };
