/**
 * Listings as people read them: schedules in words, costs, and a search result card.
 * Plain functions over plain data, in the reader's language.
 */
import type { Translate } from '../../web/i18n.js';
import { ruleOf, type CostOption, type Listing, type Schedule } from './listings-read-store.js';
import { formatPence } from './inputs.js';
import { nextOccurrences, parseByday, type ScheduleRule } from './schedules.js';
import { milesText } from './search.js';
import { localised } from './taxonomy.js';
import { formatDate } from '../../web/render.js';
import { todayInPlace } from '../../platform/dates.js';

const ORDINALS: Record<string, string> = {
  '1': 'first',
  '2': 'second',
  '3': 'third',
  '4': 'fourth',
  '5': 'fifth',
  '-1': 'last',
};

export function dayName(t: Translate, code: string): string {
  return t(`directory.day.${code}`);
}

/** "Every Tuesday", "Every other Monday and Thursday", "Last Friday of the month", "On 14 March 2027". */
export function ruleText(t: Translate, lang: string, rule: ScheduleRule): string {
  const times = t('directory.schedule.times', { opens: rule.opensAt, closes: rule.closesAt });
  if (rule.freq === null) {
    return `${t('directory.schedule.once', { date: rule.dtstart ? formatDate(`${rule.dtstart}T12:00:00Z`, lang, { dateStyle: 'long' }) : '' })}, ${times}`;
  }
  let parts: Array<{ nth: number | null; day: string }>;
  try {
    parts = parseByday(rule.byday);
  } catch {
    parts = [];
  }
  if (rule.freq === 'MONTHLY') {
    if (rule.bymonthday) return `${t('directory.schedule.monthDay', { days: rule.bymonthday })}, ${times}`;
    const phrases = parts.map((p) =>
      t('directory.schedule.nthOfMonth', {
        nth: t(`directory.nth.${ORDINALS[String(p.nth ?? 1)] ?? 'first'}`),
        day: dayName(t, p.day),
      }),
    );
    return `${phrases.join(t('directory.schedule.and'))}, ${times}`;
  }
  const days = parts.map((p) => dayName(t, p.day));
  const list =
    days.length > 1
      ? `${days.slice(0, -1).join(', ')}${t('directory.schedule.and')}${days[days.length - 1]}`
      : (days[0] ?? '');
  const key =
    rule.interval === 2
      ? 'directory.schedule.fortnightly'
      : rule.interval > 2
        ? 'directory.schedule.everyN'
        : 'directory.schedule.weekly';
  return `${t(key, { days: list, n: rule.interval })}, ${times}`;
}

export function costText(t: Translate, costs: readonly CostOption[]): string {
  if (!costs.length) return t('directory.cost.unknown');
  return costs
    .map((c) => {
      const base =
        c.kind === 'free'
          ? t('directory.cost.free')
          : c.kind === 'pay_what_you_can'
            ? t('directory.cost.payWhatYouCan')
            : formatPence(c.amountPence ?? 0);
      const extra = [c.option, c.amountDescription].filter(Boolean).join(', ');
      return extra ? `${base} (${extra})` : base;
    })
    .join('; ');
}

export function agesText(t: Translate, min: number | null, max: number | null): string {
  if (min !== null && max !== null) return t('directory.ages.between', { min, max });
  if (min !== null) return t('directory.ages.from', { min });
  if (max !== null) return t('directory.ages.upTo', { max });
  return t('directory.ages.any');
}

export function languageName(t: Translate, code: string): string {
  const key = `directory.language.${code}`;
  const name = t(key);
  return name === key ? code : name;
}

export function schedulesText(t: Translate, lang: string, schedules: readonly Schedule[]): string[] {
  return schedules.map((s) => ruleText(t, lang, ruleOf(s)));
}

export interface ResultCard {
  id: string;
  name: string;
  organisation: string;
  when: string[];
  where: string;
  distance?: string;
  cost: string;
  free: boolean;
  terms: string[];
  latitude?: number;
  longitude?: number;
}

export function resultCard(
  t: Translate,
  lang: string,
  listing: Listing,
  distanceMetres?: number,
  locationId?: string,
): ResultCard {
  const location = listing.locations.find((l) => l.id === locationId) ?? listing.locations[0];
  return {
    id: listing.activity.id,
    name: listing.activity.name,
    organisation: listing.organisation.name,
    when: schedulesText(t, lang, listing.schedules),
    where: location ? `${location.name}, ${location.postcode}` : '',
    distance:
      distanceMetres === undefined ? undefined : t('directory.results.away', { miles: milesText(distanceMetres) }),
    cost: costText(t, listing.costs),
    free: listing.activity.isFree,
    terms: listing.attributes.map((a) => localised(lang, a.term.term, a.term.termCy)),
    latitude: location?.latitude ?? undefined,
    longitude: location?.longitude ?? undefined,
  };
}

/** The next few dates, as "Tuesday 1 December 2026, 10:00 to 12:00". */
export function nextDatesText(t: Translate, lang: string, listing: Listing, count = 5, now = new Date()): string[] {
  const occurrences = nextOccurrences(listing.schedules.map(ruleOf), todayInPlace(now), count);
  return occurrences.map(
    (o) =>
      `${formatDate(`${o.date}T12:00:00Z`, lang, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' })}, ${t('directory.schedule.times', { opens: o.opensAt, closes: o.closesAt })}`,
  );
}
