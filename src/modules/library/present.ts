/** The library's records as pages show them, in the reader's language. */
import type { FastifyRequest } from 'fastify';
import { Explainer, type Explanation } from '../../web/explain.js';
import type { Term } from './store.js';
import type { Translate } from '../../web/i18n.js';
import { renderMarkdown } from './markdown.js';
import { AREAS, COST_BANDS, EVIDENCE_LEVELS, OUTCOME_TAGS, TYPOLOGIES } from './rules.js';
import type { CaseStudy } from './store.js';

export const libraryBase = (slug: string) => `/places/${slug}/library`;

export function termIn(lang: string, term: Term) {
  const cy = lang === 'cy';
  return {
    key: term.key,
    term: (cy && term.termCy) || term.term,
    definition: (cy && term.definitionCy) || term.definition,
    example: (cy && term.exampleCy) || term.example,
    source: term.source,
    shipped: term.shipped,
  };
}

/** Terms in the reader's alphabetical order. */
export function sortedTerms(lang: string, terms: Term[]) {
  const collator = new Intl.Collator(lang === 'cy' ? 'cy' : 'en', { sensitivity: 'base' });
  return terms.map((t) => termIn(lang, t)).sort((a, b) => collator.compare(a.term, b.term));
}

export function explainerOf(request: FastifyRequest, slug: string, terms: Term[]): Explainer {
  const entries = new Map<string, Explanation>();
  for (const t of terms) {
    const shown = termIn(request.lang, t);
    entries.set(t.key, {
      key: t.key,
      term: shown.term,
      definition: shown.definition,
      example: shown.example,
      href: `${libraryBase(slug)}/glossary/${t.key}`,
      summary: request.t('library.explain.summary', { term: shown.term }),
      exampleLabel: request.t('library.glossary.example'),
      moreLabel: request.t('library.explain.more', { term: shown.term }),
      lang: request.lang,
    });
  }
  return new Explainer(entries);
}

/** A case as its page shows it: labels in the reader's language, rich text rendered safely. */
export function presentCase(t: Translate, c: CaseStudy) {
  return {
    ...c,
    typologyNames: c.typologies.map((k) => t(`library.typology.${k}`)),
    areaName: t(`library.area.${c.area}`),
    costName: t(`library.cost.${c.costBand}`),
    evidenceName: t(`library.evidence.${c.evidenceLevel}`),
    outcomeNames: c.outcomeTags.map((k) => t(`library.outcome.${k}`)),
    statusName: t(`library.status.${c.status}`),
    html: {
      tried: renderMarkdown(c.tried),
      whoTookPart: renderMarkdown(c.whoTookPart),
      whatWorked: renderMarkdown(c.whatWorked),
      whatDidNot: renderMarkdown(c.whatDidNot),
      outcomes: renderMarkdown(c.outcomes),
      contacts: renderMarkdown(c.contacts),
    },
    linkList: c.links
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean),
  };
}

export const selectItems = (
  t: Translate,
  prefix: string,
  values: readonly (string | number)[],
  selected: unknown,
  any?: string,
) => [
  ...(any ? [{ value: '', text: any, selected: !selected }] : []),
  ...values.map((v) => ({
    value: String(v),
    text: t(`${prefix}.${v}`),
    selected: String(selected ?? '') === String(v),
  })),
];

export const checkItems = (
  t: Translate,
  prefix: string,
  values: readonly string[],
  selected: unknown,
  hints?: (v: string) => string | undefined,
) => {
  const chosen = Array.isArray(selected) ? selected.map(String) : typeof selected === 'string' ? [selected] : [];
  return values.map((v) => {
    const html = hints?.(v);
    return { value: v, text: t(`${prefix}.${v}`), checked: chosen.includes(v), hint: html ? { html } : undefined };
  });
};

export const LISTS = { AREAS, COST_BANDS, EVIDENCE_LEVELS, OUTCOME_TAGS, TYPOLOGIES };
