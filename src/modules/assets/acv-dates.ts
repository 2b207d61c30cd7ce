/**
 * The dates of the Community Right to Bid (Localism Act 2011, Part 5, Chapter 3; see
 * STANDARDS.md): a listing lasts 5 years; an owner's notice of intent to sell starts an
 * interim moratorium of 6 weeks, in which a community interest group may ask to be
 * treated as a bidder; if one does, the full moratorium runs 6 months from the notice;
 * a protected period of 18 months from the notice follows, in which no second notice
 * starts another moratorium.
 *
 * Each period "begins with" its first day, as the Act words it, so these functions give
 * the LAST day a period covers: 6 weeks from 1 March is 1 March to 11 April. A month
 * period ends the day before the same date N months on, or on the last day of that
 * month when it has no such date (6 months from 31 August ends on 28 February).
 *
 * Dates are YYYY-MM-DD in the place (Europe/London). Plain functions: no clock is read
 * unless a caller asks for today.
 */

import { addDays, addMonths, type IsoDate } from '../../platform/dates.js';

export const LISTING_MONTHS = 60;
export const INTERIM_WEEKS = 6;
export const FULL_MONTHS = 6;
export const PROTECTED_MONTHS = 18;
/** The council decides a nomination within 8 weeks of receiving it (2012 Regulations, reg. 7). */
export const DECISION_WEEKS = 8;

/** The last day of a period of `weeks` weeks beginning with `start`. */
export function lastDayOfWeeks(start: IsoDate, weeks: number): IsoDate {
  return addDays(start, weeks * 7 - 1);
}

/** The last day of a period of `months` months beginning with `start`. */
export function lastDayOfMonths(start: IsoDate, months: number): IsoDate {
  const sameDate = addMonths(start, months);
  // No corresponding date (the 31st in a 30-day month): addMonths gives the month's last
  // day, and the period runs to it; otherwise the period ends the day before.
  return sameDate.slice(8) < start.slice(8) ? sameDate : addDays(sameDate, -1);
}

/** The last day a listing made on `listedOn` is on the list, unless removed earlier. */
export function listingLastDay(listedOn: IsoDate): IsoDate {
  return lastDayOfMonths(listedOn, LISTING_MONTHS);
}

export function decisionDueBy(nominatedOn: IsoDate): IsoDate {
  return lastDayOfWeeks(nominatedOn, DECISION_WEEKS);
}

export interface MoratoriumDates {
  noticeOn: IsoDate;
  /** Last day a community interest group can ask to be treated as a bidder; the owner cannot sell until after it. */
  interimLastDay: IsoDate;
  /** Last day of the full moratorium, if a group asks to bid. */
  fullLastDay: IsoDate;
  /** Last day of the protected period: no new moratorium until after it. */
  protectedLastDay: IsoDate;
}

export function moratoriumDates(noticeOn: IsoDate): MoratoriumDates {
  return {
    noticeOn,
    interimLastDay: lastDayOfWeeks(noticeOn, INTERIM_WEEKS),
    fullLastDay: lastDayOfMonths(noticeOn, FULL_MONTHS),
    protectedLastDay: lastDayOfMonths(noticeOn, PROTECTED_MONTHS),
  };
}

/** Why a bidder request on `requestOn` cannot count for a notice given on `noticeOn`, or undefined if it can. */
export function bidderRequestRefusal(
  noticeOn: IsoDate,
  requestOn: IsoDate,
): 'assets.acv.bidder.beforeNotice' | 'assets.acv.bidder.afterInterim' | undefined {
  if (requestOn < noticeOn) return 'assets.acv.bidder.beforeNotice';
  if (requestOn > moratoriumDates(noticeOn).interimLastDay) return 'assets.acv.bidder.afterInterim';
  return undefined;
}

export interface NoticeFacts {
  id: string;
  notifiedOn: IsoDate;
  bidderRequestedOn: IsoDate | null;
}

export interface NoticeOutcome extends NoticeFacts {
  /** False for a notice given within an earlier notice's protected period. */
  startsMoratorium: boolean;
  /** The dates this notice set running (for a notice within the protected period, the earlier notice's). */
  dates: MoratoriumDates;
  /** Last day the owner may not sell: the interim end, or the full moratorium's when a group asked to bid. */
  moratoriumLastDay: IsoDate | null;
}

/**
 * Which notices start a moratorium: the first does, and after it only a notice given
 * after the protected period of the last one that did.
 */
export function noticeOutcomes(notices: readonly NoticeFacts[]): NoticeOutcome[] {
  const ordered = [...notices].sort((a, b) => a.notifiedOn.localeCompare(b.notifiedOn) || a.id.localeCompare(b.id));
  let running: MoratoriumDates | undefined;
  return ordered.map((notice) => {
    if (running && notice.notifiedOn <= running.protectedLastDay) {
      return { ...notice, startsMoratorium: false, dates: running, moratoriumLastDay: null };
    }
    running = moratoriumDates(notice.notifiedOn);
    const bid =
      notice.bidderRequestedOn !== null &&
      bidderRequestRefusal(notice.notifiedOn, notice.bidderRequestedOn) === undefined;
    return {
      ...notice,
      startsMoratorium: true,
      dates: running,
      moratoriumLastDay: bid ? running.fullLastDay : running.interimLastDay,
    };
  });
}

export type AcvDecision = 'nominated' | 'listed' | 'not_listed' | 'removed';

/** Where a nomination stands on a given day, as people read it. */
export type AcvStanding =
  | 'nominated'
  | 'not_listed'
  | 'removed'
  | 'expired'
  | 'listed'
  | 'interim_moratorium'
  | 'full_moratorium'
  | 'protected_period';

export interface AcvFacts {
  status: AcvDecision;
  nominatedOn: IsoDate;
  decidedOn: IsoDate | null;
  removedOn: IsoDate | null;
  notices: readonly NoticeFacts[];
}

export interface AcvTimeline {
  standing: AcvStanding;
  decisionDueBy: IsoDate;
  listingLastDay: IsoDate | null;
  notices: NoticeOutcome[];
  /** The notice whose moratorium or protected period is the latest, if any. */
  current: NoticeOutcome | undefined;
}

/** Everything the register shows about one nomination, worked out for `today`. */
export function acvTimeline(facts: AcvFacts, today: IsoDate): AcvTimeline {
  const notices = noticeOutcomes(facts.notices);
  const current = [...notices].reverse().find((n) => n.startsMoratorium);
  const listedUntil =
    facts.decidedOn && (facts.status === 'listed' || facts.status === 'removed')
      ? listingLastDay(facts.decidedOn)
      : null;
  const base = { decisionDueBy: decisionDueBy(facts.nominatedOn), listingLastDay: listedUntil, notices, current };
  if (facts.status === 'nominated' || facts.status === 'not_listed' || facts.status === 'removed')
    return { ...base, standing: facts.status };
  if (listedUntil && today > listedUntil) return { ...base, standing: 'expired' };
  return { ...base, standing: standingOfNotice(current, today) };
}

function standingOfNotice(notice: NoticeOutcome | undefined, today: IsoDate): AcvStanding {
  if (!notice || today < notice.notifiedOn) return 'listed';
  // Once a group has asked to bid, the owner cannot sell until the full moratorium ends.
  const bid =
    notice.moratoriumLastDay === notice.dates.fullLastDay &&
    notice.bidderRequestedOn !== null &&
    notice.bidderRequestedOn <= today;
  if (bid && today <= notice.dates.fullLastDay) return 'full_moratorium';
  if (today <= notice.dates.interimLastDay) return 'interim_moratorium';
  if (today <= notice.dates.protectedLastDay) return 'protected_period';
  return 'listed';
}

/**
 * Whether a notice of intent to sell given on `noticeOn` can be recorded, or why not.
 * The asset must be listed on that day, and notices are recorded in the order given.
 */
export function noticeRefusal(facts: AcvFacts, noticeOn: IsoDate): string | undefined {
  if (facts.status !== 'listed' || !facts.decidedOn) return 'assets.acv.notice.notListed';
  if (noticeOn < facts.decidedOn) return 'assets.acv.notice.beforeListing';
  if (noticeOn > listingLastDay(facts.decidedOn)) return 'assets.acv.notice.afterListing';
  const latest = facts.notices.reduce<IsoDate | undefined>(
    (max, n) => (!max || n.notifiedOn > max ? n.notifiedOn : max),
    undefined,
  );
  if (latest && noticeOn < latest) return 'assets.acv.notice.beforeLatest';
  return undefined;
}
