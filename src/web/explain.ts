/**
 * An explanation of a word where it appears (a filter label, a form, a report heading):
 * a GOV.UK details element that opens in place without JavaScript, is reached and read
 * like any other control, and is offered once a page, not at every repetition of the
 * word. The words come from the place's glossary (src/modules/library, `explainerFor`);
 * templates show one with `{{ explanation | explain }}` or the `kithExplain` macro
 * (components/explain.njk), routes put `explainer.first(key)` into a hint's html.
 */
import { escapeHtml } from './govuk/nunjucks.js';

export interface Explanation {
  key: string;
  term: string;
  definition: string;
  example: string;
  /** The term's page in the place's glossary. */
  href: string;
  /** The page's words around it, in the reader's language. */
  summary: string;
  exampleLabel: string;
  moreLabel: string;
  lang: string;
}

const escape = escapeHtml;

export function explanationHtml(e: Explanation): string {
  return (
    `<details class="govuk-details kith-explain govuk-!-margin-bottom-1" data-term="${escape(e.key)}">` +
    `<summary class="govuk-details__summary"><span class="govuk-details__summary-text">${escape(e.summary)}</span></summary>` +
    `<div class="govuk-details__text"><p class="govuk-body-s">${escape(e.definition)}</p>` +
    (e.example ? `<p class="govuk-body-s"><strong>${escape(e.exampleLabel)}</strong> ${escape(e.example)}</p>` : '') +
    `<p class="govuk-body-s"><a class="govuk-link" href="${escape(e.href)}">${escape(e.moreLabel)}</a></p></div></details>`
  );
}

/** The explanations a page may offer, each once: a second `first(key)` on the same page gives nothing. */
export class Explainer {
  readonly #entries: ReadonlyMap<string, Explanation>;
  readonly #shown = new Set<string>();

  constructor(entries: ReadonlyMap<string, Explanation>) {
    this.#entries = entries;
  }

  has(key: string): boolean {
    return this.#entries.has(key);
  }

  /** The explanation's HTML the first time a page asks for it; undefined afterwards, or for a word with none. */
  first(key: string): string | undefined {
    const entry = this.#entries.get(key);
    if (!entry || this.#shown.has(key)) return undefined;
    this.#shown.add(key);
    return explanationHtml(entry);
  }
}

/** An explainer with nothing to explain (a place without a glossary). */
export const NO_EXPLANATIONS = new Explainer(new Map());
