/**
 * How the asset map's pages show things, in the reader's language: kinds, dates,
 * status tags and the timeline of a nomination. Plain functions over plain data.
 */
import type { Lang, Translate } from '../../web/i18n.js';
import type { AcvStanding } from './acv-dates.js';
import type { AcvWithTimeline } from './acv.js';
import { type IsoDate } from '../../platform/dates.js';

const dayFormats = new Map<Lang, Intl.DateTimeFormat>();

/** "2 March 2026", "2 Mawrth 2026": a calendar date as people write it. */
export function dayText(date: IsoDate, lang: Lang): string {
  let format = dayFormats.get(lang);
  if (!format)
    dayFormats.set(
      lang,
      (format = new Intl.DateTimeFormat(lang === 'cy' ? 'cy-GB' : 'en-GB', {
        day: 'numeric',
        month: 'long',
        year: 'numeric',
        timeZone: 'UTC',
      })),
    );
  const at = new Date(`${date}T12:00:00Z`);
  return Number.isNaN(at.getTime()) ? date : format.format(at);
}

/** A rule's refusal carries dates as YYYY-MM-DD: show them as people write them. */
export function humaniseParams(
  params: Record<string, string | number> | undefined,
  lang: Lang,
): Record<string, string | number> {
  return Object.fromEntries(
    Object.entries(params ?? {}).map(([k, v]) => [
      k,
      typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? dayText(v, lang) : v,
    ]),
  );
}

const TAG_CLASSES: Record<AcvStanding, string> = {
  nominated: 'govuk-tag--blue',
  listed: 'govuk-tag--green',
  not_listed: 'govuk-tag--grey',
  removed: 'govuk-tag--grey',
  expired: 'govuk-tag--grey',
  interim_moratorium: 'govuk-tag--orange',
  full_moratorium: 'govuk-tag--red',
  protected_period: 'govuk-tag--purple',
};

export function standingTag(t: Translate, standing: AcvStanding) {
  return { text: t(`assets.acv.standing.${standing}`), classes: TAG_CLASSES[standing] };
}

/** The one date that matters most now, for a list: until when the current standing lasts. */
export function keyDateText(t: Translate, lang: Lang, h: AcvWithTimeline): string {
  const { timeline, record } = h;
  const current = timeline.current;
  switch (timeline.standing) {
    case 'nominated':
      return t('assets.acv.key.decisionDue', { date: dayText(timeline.decisionDueBy, lang) });
    case 'interim_moratorium':
      return t('assets.acv.key.until', { date: dayText(current!.dates.interimLastDay, lang) });
    case 'full_moratorium':
      return t('assets.acv.key.until', { date: dayText(current!.dates.fullLastDay, lang) });
    case 'protected_period':
      return t('assets.acv.key.until', { date: dayText(current!.dates.protectedLastDay, lang) });
    case 'listed':
      return t('assets.acv.key.listedUntil', { date: dayText(timeline.listingLastDay!, lang) });
    case 'expired':
      return t('assets.acv.key.expired', { date: dayText(timeline.listingLastDay!, lang) });
    case 'removed':
      return t('assets.acv.key.removed', { date: dayText(record.removedOn!, lang) });
    case 'not_listed':
      return t('assets.acv.key.decided', { date: dayText(record.decidedOn!, lang) });
  }
}

type Row = { key: { text: string }; value: { text: string } };

/** A nomination's story as a GOV.UK summary list: nomination, decision, listing, each notice's periods, removal. */
export function timelineRows(t: Translate, lang: Lang, h: AcvWithTimeline): Row[] {
  const { record, timeline } = h;
  const day = (d: IsoDate) => dayText(d, lang);
  const rows: Row[] = [];
  const row = (key: string, text: string) => rows.push({ key: { text: t(key) }, value: { text } });
  row(
    'assets.acv.row.nominated',
    t('assets.acv.row.nominated.value', { date: day(record.nominatedOn), group: record.organisationName }),
  );
  row('assets.acv.row.reasons', record.reasons);
  if (record.status === 'nominated') {
    row('assets.acv.row.decisionDue', day(timeline.decisionDueBy));
    return rows;
  }
  row(
    'assets.acv.row.decision',
    t(record.status === 'not_listed' ? 'assets.acv.row.decision.notListed' : 'assets.acv.row.decision.listed', {
      date: day(record.decidedOn!),
      reason: record.decisionReason ?? '',
    }),
  );
  if (timeline.listingLastDay) row('assets.acv.row.listedUntil', day(timeline.listingLastDay));
  for (const notice of timeline.notices) {
    if (!notice.startsMoratorium) {
      row(
        'assets.acv.row.notice',
        t('assets.acv.row.notice.protected', {
          date: day(notice.notifiedOn),
          until: day(notice.dates.protectedLastDay),
        }),
      );
      continue;
    }
    row('assets.acv.row.notice', day(notice.notifiedOn));
    row(
      'assets.acv.row.interim',
      t('assets.acv.row.period', { from: day(notice.notifiedOn), to: day(notice.dates.interimLastDay) }),
    );
    const group = h.notices.find((n) => n.id === notice.id)?.bidderGroup ?? '';
    if (notice.bidderRequestedOn) {
      row('assets.acv.row.bidder', t('assets.acv.row.bidder.value', { group, date: day(notice.bidderRequestedOn) }));
      row(
        'assets.acv.row.full',
        t('assets.acv.row.period', { from: day(notice.notifiedOn), to: day(notice.dates.fullLastDay) }),
      );
    } else {
      row('assets.acv.row.bidder', t('assets.acv.row.bidder.none', { date: day(notice.dates.interimLastDay) }));
    }
    row(
      'assets.acv.row.protected',
      t('assets.acv.row.period', { from: day(notice.notifiedOn), to: day(notice.dates.protectedLastDay) }),
    );
  }
  if (record.status === 'removed')
    row(
      'assets.acv.row.removed',
      t('assets.acv.row.removed.value', { date: day(record.removedOn!), reason: record.removalReason ?? '' }),
    );
  return rows;
}

/** The first sentence or so of a long description, for a list. */
export function shortText(text: string, max = 220): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max - 30)).trimEnd()}…`;
}
