/**
 * Profiles, reasons and matches as people read them, in their language.
 */
import type { Translate } from '../../web/i18n.js';
import { formatDate } from '../../web/render.js';
import type { HoldReason } from '../volunteering/index.js';
import { EXPERIENCES, INTERESTS, LANGUAGES, listOf, SLOTS, WAYS, type Reason, type Slot } from './matching.js';
import type { Profile } from './store.js';

const joined = (t: Translate, prefix: string, values: readonly string[]) =>
  values.map((v) => t(`${prefix}${v}`)).join(', ');

export const slotText = (t: Translate, slot: Slot) => {
  const [day, part] = slot.split('_') as [string, string];
  return t('befriending.slot', { day: t(`befriending.day.${day}`), part: t(`befriending.slotPart.${part}`) });
};

/** A few shared times by name, then how many more: "Tuesday morning, Thursday afternoon and 3 more". */
function slotsText(t: Translate, slots: readonly Slot[]): string {
  if (slots.length === SLOTS.length) return t('befriending.anyTime');
  const named = slots
    .slice(0, 3)
    .map((s) => slotText(t, s))
    .join(', ');
  return slots.length > 3 ? t('befriending.andMore', { list: named, count: String(slots.length - 3) }) : named;
}

export function reasonText(t: Translate, r: Reason): string {
  switch (r.kind) {
    case 'language':
      return t('befriending.reason.language', { languages: joined(t, 'befriending.language.', r.languages) });
    case 'interests':
      return t('befriending.reason.interests', { interests: joined(t, 'befriending.interest.', r.interests) });
    case 'experiences':
      return t('befriending.reason.experiences', { experiences: joined(t, 'befriending.experience.', r.experiences) });
    case 'times':
      return t('befriending.reason.times', { times: slotsText(t, r.slots) });
    case 'distance':
      return t('befriending.reason.distance', { miles: r.miles.toFixed(1) });
    case 'remote':
      return t('befriending.reason.remote', { ways: joined(t, 'befriending.way.', r.ways) });
    case 'waited':
      return t('befriending.reason.waited', { weeks: String(r.weeks) });
  }
}

export function holdText(t: Translate, holds: readonly HoldReason[]): string {
  return holds.map((h) => t(`befriending.hold.${h.state}`, { check: t(`volunteering.check.${h.kind}`) })).join('; ');
}

/** A day (YYYY-MM-DD) or instant as people write it: "19 October 2026". */
export const dayText = (iso: string, lang: string) =>
  formatDate(iso.length === 10 ? `${iso}T12:00:00Z` : iso, lang, { dateStyle: 'long' });

/**
 * The summary rows of a profile, as a coordinator reads it about someone (`full`, with
 * what only coordinators see) or as the person they are introduced to does.
 */
export function profileRows(t: Translate, p: Profile, full: boolean) {
  const rows = [
    {
      key: t('befriending.summary.languages'),
      value: joined(t, 'befriending.language.', listOf(LANGUAGES, p.languages)),
    },
    {
      key: t('befriending.summary.interests'),
      value: joined(t, 'befriending.interest.', listOf(INTERESTS, p.interests)) || t('befriending.none'),
    },
    ...(p.experiences
      ? [
          {
            key: t('befriending.summary.experiences'),
            value: joined(t, 'befriending.experience.', listOf(EXPERIENCES, p.experiences)),
          },
        ]
      : []),
    {
      key: t('befriending.summary.availability'),
      value: p.availability ? slotsText(t, listOf(SLOTS, p.availability)) : t('befriending.anyTime'),
    },
    { key: t('befriending.summary.ways'), value: joined(t, 'befriending.way.', listOf(WAYS, p.ways)) },
    ...(full && p.postcode
      ? [
          {
            key: t('befriending.summary.postcode'),
            value: `${p.postcode} (${p.travelMiles ? t('befriending.summary.travels', { miles: String(p.travelMiles) }) : t('befriending.summary.staysPut')})`,
          },
        ]
      : []),
    ...(full
      ? [
          { key: t('befriending.summary.gender'), value: t(`befriending.gender.${p.gender}`) },
          { key: t('befriending.summary.prefers'), value: t(`befriending.prefers.${p.prefers}`) },
        ]
      : []),
    ...(p.about ? [{ key: t('befriending.summary.about'), value: p.about }] : []),
    ...(full && p.contact ? [{ key: t('befriending.field.contact'), value: p.contact }] : []),
  ];
  return rows.map((r) => ({ key: { text: r.key }, value: { text: r.value } }));
}

/** Days since a day or instant, whole. */
export const daysSince = (iso: string, now = Date.now()) =>
  Math.max(0, Math.floor((now - Date.parse(iso.length === 10 ? `${iso}T12:00:00Z` : iso)) / 86_400_000));

/** A profile's form values from what is stored, for editing. */
export function profileValues(p: Profile): Record<string, unknown> {
  return {
    interests: listOf(INTERESTS, p.interests),
    languages: listOf(LANGUAGES, p.languages),
    availability: listOf(SLOTS, p.availability),
    ways: listOf(WAYS, p.ways),
    experiences: listOf(EXPERIENCES, p.experiences),
    postcode: p.postcode,
    travelMiles: String(p.travelMiles),
    gender: p.gender,
    prefers: p.prefers,
    about: p.about,
    name: p.name,
    contact: p.contact,
  };
}
