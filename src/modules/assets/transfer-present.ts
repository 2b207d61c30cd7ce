/**
 * A community asset transfer's public timeline: every stage with its day and what
 * happened, as GOV.UK summary lists. Residents' views appear only as counts, with
 * small numbers held back; no resident is ever named.
 */
import type { Lang, Translate } from '../../web/i18n.js';
import { dayText } from './present.js';
import type { TransferStage } from './schema.js';
import { proposalsOf } from './transfer.js';
import { publishedViews, STAGES, STANCES, type ViewCount } from './transfer-rules.js';
import type { Interest, Transfer } from './transfer-store.js';

type Row = { key: { text: string }; value: { text?: string; html?: string } };

export function stageTag(t: Translate, stage: TransferStage) {
  const classes: Record<TransferStage, string> = {
    interest: 'govuk-tag--blue',
    business_case: 'govuk-tag--light-blue',
    views: 'govuk-tag--purple',
    decision: 'govuk-tag--yellow',
    terms: 'govuk-tag--orange',
    handover: 'govuk-tag--green',
    withdrawn: 'govuk-tag--grey',
  };
  return { text: t(`assets.transfer.stage.${stage}`), classes: classes[stage] };
}

export function poundsText(pence: number, lang: Lang): string {
  return new Intl.NumberFormat(lang === 'cy' ? 'cy-GB' : 'en-GB', { style: 'currency', currency: 'GBP' }).format(
    pence / 100,
  );
}

const escape = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Each stage, in order: whether it is done, under way or still to come, its day, and what it published. */
export function transferTimeline(
  t: Translate,
  lang: Lang,
  transfer: Transfer,
  interests: readonly Interest[],
  counts: readonly ViewCount[],
) {
  const day = (d: string | null) => (d ? dayText(d, lang) : '');
  const reached = transfer.stage === 'withdrawn' ? -1 : STAGES.indexOf(transfer.stage);
  const live = interests.filter((i) => i.status !== 'withdrawn');
  const shortlist = interests.filter((i) => i.status === 'shortlisted');
  const proposals = proposalsOf(interests);
  const chosen = interests.find((i) => i.id === transfer.decidedInterestId);
  const published = publishedViews(
    counts,
    proposals.map((p) => p.id),
  );
  const dates: Record<(typeof STAGES)[number], string | null> = {
    interest: transfer.openedOn,
    business_case: transfer.shortlistedOn,
    views: transfer.viewsOpenedOn,
    decision: transfer.decidedOn,
    terms: transfer.termsOn,
    handover: transfer.handoverOn,
  };
  const rows = (stage: (typeof STAGES)[number]): Row[] => {
    const text = (key: string, value: string): Row => ({ key: { text: t(key) }, value: { text: value } });
    switch (stage) {
      case 'interest':
        return [
          text('assets.transfer.row.opened', day(transfer.openedOn)),
          text('assets.transfer.row.closes', day(transfer.interestClosesOn)),
          text('assets.transfer.row.interestCount', t('assets.transfer.groups', { count: live.length })),
        ];
      case 'business_case':
        return [
          text(
            'assets.transfer.row.shortlist',
            shortlist.map((i) => i.organisationName).join(', ') || t('assets.transfer.nobody'),
          ),
          ...shortlist.map((i) =>
            text(
              'assets.transfer.row.caseOf',
              t(`assets.transfer.case.${i.caseStatus ?? 'awaited'}`, { group: i.organisationName }),
            ),
          ),
        ];
      case 'views':
        return published.map((p) => {
          const group = proposals.find((i) => i.id === p.interestId)!.organisationName;
          const parts = STANCES.map((s) =>
            p.counts[s] === null
              ? t(`assets.transfer.views.${s}.few`)
              : t(`assets.transfer.views.${s}`, { count: p.counts[s]! }),
          );
          return {
            key: { text: t('assets.transfer.row.viewsOn', { group }) },
            value: { text: p.total === null ? t('assets.transfer.views.tooFew') : parts.join(', ') },
          };
        });
      case 'decision':
        return [
          text(
            'assets.transfer.row.decision',
            chosen
              ? t('assets.transfer.decision.chosen', { group: chosen.organisationName })
              : t('assets.transfer.decision.none'),
          ),
          {
            key: { text: t('assets.transfer.row.reasons') },
            value: { html: `<span class="kith-pre-line">${escape(transfer.decisionReasons ?? '')}</span>` },
          },
        ];
      case 'terms':
        return [
          text(
            'assets.transfer.row.tenure',
            transfer.tenure === 'lease'
              ? t('assets.transfer.tenure.leaseYears', { count: transfer.termYears ?? 0 })
              : t('assets.transfer.tenure.freehold'),
          ),
          text(
            'assets.transfer.row.rent',
            t('assets.transfer.rentAYear', { rent: poundsText(transfer.rentPence ?? 0, lang) }),
          ),
          {
            key: { text: t('assets.transfer.row.conditions') },
            value: { html: `<span class="kith-pre-line">${escape(transfer.conditions ?? '')}</span>` },
          },
        ];
      case 'handover':
        return [
          text('assets.transfer.row.handover', day(transfer.handoverOn)),
          text('assets.transfer.row.steward', transfer.stewardOrganisationName ?? ''),
        ];
    }
  };
  return STAGES.map((stage, i) => {
    const done = i < reached || (i === reached && (stage === 'handover' || stage === 'decision' || stage === 'terms'));
    const current = i === reached && !done;
    const status = done ? 'done' : current ? 'current' : 'todo';
    return {
      stage,
      id: `stage-${stage}`,
      name: t(`assets.transfer.stage.${stage}`),
      status,
      statusText: t(`assets.transfer.status.${status}`),
      date: dates[stage] ? day(dates[stage]) : '',
      rows: i <= reached ? rows(stage) : [],
    };
  });
}
