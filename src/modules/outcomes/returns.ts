/**
 * Light monitoring returns: each quarter a small group funded by a programme says the few
 * things Kith cannot know (people reached, hours its volunteers gave, one story, what it
 * would do differently), beside what Kith already knows from its records. Officers see
 * who has returned and remind, once a quarter, those who have not.
 */
import { NotFoundError, RuleError } from '../../errors.js';
import type { Queryable } from '../../db/index.js';
import type { Kith } from '../../kith.js';
import { recordAudit } from '../../platform/audit/index.js';
import { addDays, quarterDays, quarterLabel, quarterOf, shiftQuarter, type IsoDate } from '../../platform/dates.js';
import { submitted, type Submitted } from '../../platform/idempotency/index.js';
import { emailReader } from '../../platform/mail/index.js';
import { activitySummaries, organisersOf } from '../directory/index.js';
import { attendedByMonth } from '../prescribing/index.js';
import { organisationMinutesBetween } from '../volunteering/index.js';
import { checkinOutputs } from './report-store.js';
import {
  claimReminder,
  findReminder,
  findReturn,
  writeReturn,
  type MonitoringReturn,
  type ReturnReminder,
} from './returns-store.js';
import { findProgramme, programmeActivityIds } from './store.js';

/** A return is due within this many days of its quarter's end; a late one is still welcome. */
export const RETURN_DEADLINE_DAYS = 30;
export const STORY_MAX = 1500;
export const DIFFERENTLY_MAX = 1000;

export function deadlineOf(quarter: string): IsoDate {
  return addDays(quarterDays(quarter).to, RETURN_DEADLINE_DAYS);
}

/** Whether a quarter has ended by a day: a return is asked for only then. */
export function hasEnded(quarter: string, today: IsoDate): boolean {
  return quarterDays(quarter).to < today;
}

/**
 * Whether a return can still be changed: a draft (or one not yet started) always, late
 * or not; a submitted one until its quarter's deadline, and then it is the record.
 */
export function canChange(ret: Pick<MonitoringReturn, 'state' | 'quarter'> | undefined, today: IsoDate): boolean {
  return !ret || ret.state === 'draft' || today <= deadlineOf(ret.quarter);
}

/** The quarters an organiser is asked about: the last two that have ended, newest first. */
export function quartersAsked(today: IsoDate): string[] {
  const last = shiftQuarter(quarterOf(today), -1);
  return [last, shiftQuarter(last, -1)];
}

export interface ReturningOrganisation {
  id: string;
  name: string;
  /** The programme's activities this organisation runs. */
  activities: Array<{ id: string; name: string }>;
}

/** The organisations that run at least one of a programme's activities, by name. */
export async function returningOrganisations(
  db: Queryable,
  placeId: string,
  programmeId: string,
): Promise<ReturningOrganisation[]> {
  const activities = await activitySummaries(db, placeId, await programmeActivityIds(db, programmeId));
  const byOrganisation = new Map<string, ReturningOrganisation>();
  for (const a of activities.values()) {
    const org =
      byOrganisation.get(a.organisationId) ??
      byOrganisation
        .set(a.organisationId, { id: a.organisationId, name: a.organisationName, activities: [] })
        .get(a.organisationId)!;
    org.activities.push({ id: a.id, name: a.name });
  }
  for (const org of byOrganisation.values()) org.activities.sort((a, b) => a.name.localeCompare(b.name));
  return [...byOrganisation.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** What Kith already knows about an organisation's part in a programme in a quarter. */
export interface KnownFigures {
  /** Check-ins at its programme activities. */
  checkins: number;
  /** Referrals to its programme activities the person attended. */
  attended: number;
  /** Confirmed volunteering minutes given with the organisation (all its roles). */
  minutes: number;
}

export async function knownFigures(
  db: Queryable,
  placeId: string,
  organisation: Pick<ReturningOrganisation, 'id' | 'activities'>,
  quarter: string,
): Promise<KnownFigures> {
  const { from, to } = quarterDays(quarter);
  const activityIds = organisation.activities.map((a) => a.id);
  const scope = { placeId, from, to, activityIds };
  const [checkins, attended, minutes] = await Promise.all([
    checkinOutputs(db, scope),
    attendedByMonth(db, scope),
    organisationMinutesBetween(db, placeId, organisation.id, from, to),
  ]);
  return { checkins: checkins.checkins, attended: attended.reduce((n, m) => n + m.n, 0), minutes };
}

/** An organisation's place in a programme's quarter, or not found: the programme, the organisation, the quarter ended. */
export async function returnSubject(
  db: Queryable,
  q: { placeId: string; programmeId: string; organisationId: string; quarter: string; today: IsoDate },
) {
  const programme = await findProgramme(db, q.placeId, q.programmeId);
  if (!programme || !hasEnded(q.quarter, q.today)) throw new NotFoundError();
  const organisation = (await returningOrganisations(db, q.placeId, programme.id)).find(
    (o) => o.id === q.organisationId,
  );
  if (!organisation) throw new NotFoundError();
  return { programme, organisation };
}

export interface ReturnAnswers {
  peopleReached: number | null;
  hoursTenths: number | null;
  story: string;
  differently: string;
}

/**
 * Saves a return as a draft, or submits it. What Kith knew is recorded beside what the
 * group typed. A submitted return changes only until the quarter's deadline; submitting
 * twice (a double click) keeps one return.
 */
export async function saveReturn(
  kith: Kith,
  command: Submitted & {
    placeId: string;
    programmeId: string;
    organisationId: string;
    quarter: string;
    submit: boolean;
    answers: ReturnAnswers;
    today: IsoDate;
  },
): Promise<string> {
  return submitted(kith, command, 'outcomes/return', async (trx) => {
    const { organisation } = await returnSubject(trx, command);
    const key = {
      placeId: command.placeId,
      programmeId: command.programmeId,
      organisationId: organisation.id,
      quarter: command.quarter,
    };
    const existing = await findReturn(trx, key);
    if (!canChange(existing, command.today)) throw new RuleError('outcomes.returns.closed', {}, 'form');
    const known = await knownFigures(trx, command.placeId, organisation, command.quarter);
    const id = await writeReturn(
      trx,
      key,
      {
        people_reached: command.answers.peopleReached,
        hours_tenths: command.answers.hoursTenths,
        story: command.answers.story,
        differently: command.answers.differently,
        known_checkins: known.checkins,
        known_attended: known.attended,
        known_minutes: known.minutes,
      },
      // A submitted return stays submitted: saving it again is a change to it, not a step back to a draft.
      { personId: command.actorId, submit: command.submit || existing?.state === 'submitted' },
    );
    if (command.submit)
      await recordAudit(trx, {
        placeId: command.placeId,
        actorId: command.actorId,
        action: existing?.state === 'submitted' ? 'return.changed' : 'return.submitted',
        subjectType: 'programme',
        subjectId: command.programmeId,
        detail: { organisationId: organisation.id, organisation: organisation.name, quarter: command.quarter },
      });
    return id;
  });
}

/**
 * Reminds an organisation's organisers, by email, that a programme's return for a quarter
 * has not come in. Once per organisation and quarter: a second press sends nothing and
 * says when the first was sent.
 */
export async function remindToReturn(
  kith: Kith,
  command: {
    placeId: string;
    placeSlug: string;
    programmeId: string;
    organisationId: string;
    quarter: string;
    actorId: string;
    today: IsoDate;
  },
): Promise<{ sent: boolean; reminder: ReturnReminder }> {
  return kith.db.transaction(async (trx) => {
    const { programme, organisation } = await returnSubject(trx, command);
    const key = {
      placeId: command.placeId,
      programmeId: programme.id,
      organisationId: organisation.id,
      quarter: command.quarter,
    };
    if ((await findReturn(trx, key))?.state === 'submitted')
      throw new RuleError('outcomes.returns.alreadyReturned', {}, 'form');
    const sent = await claimReminder(trx, { ...key, sentBy: command.actorId });
    const reminder = (await findReminder(trx, key))!;
    if (!sent) return { sent, reminder };
    for (const organiser of await organisersOf(trx, command.placeId, organisation.id)) {
      if (!organiser.email || !organiser.name) continue;
      await emailReader(
        kith,
        trx,
        { ...organiser, email: organiser.email, name: organiser.name },
        {
          placeId: command.placeId,
          subjectKey: 'outcomes.returns.email.subject',
          paragraphs: ['outcomes.returns.email.body'],
          params: {
            programme: programme.name,
            organisation: organisation.name,
            quarter: quarterLabel(command.quarter, organiser.language),
          },
          action: {
            key: 'outcomes.returns.email.action',
            path: `/places/${command.placeSlug}/returns/${programme.id}/${organisation.id}/${command.quarter}`,
          },
        },
      );
    }
    await recordAudit(trx, {
      placeId: command.placeId,
      actorId: command.actorId,
      action: 'return.reminded',
      subjectType: 'programme',
      subjectId: programme.id,
      detail: { organisationId: organisation.id, organisation: organisation.name, quarter: command.quarter },
    });
    return { sent, reminder };
  });
}

/** Hours as typed ("12.5") from tenths, and back. */
export const hoursText = (tenths: number | null) => (tenths === null ? '' : String(tenths / 10));
export const minutesToTenths = (minutes: number) => Math.round(minutes / 6);
