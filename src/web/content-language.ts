/**
 * Which of Kith's two languages a piece of people's own writing is in, so a page can
 * mark a Welsh listing on an English page (or an English one on a Welsh page) with
 * `lang`, and a screen reader reads it in its own voice (WCAG 3.1.2).
 *
 * Kith reads the writing rather than storing a language with each record: listings come
 * from imports and feeds that never say, people in bilingual places write in either
 * language whatever their interface's, and a guess from the author's interface would be
 * wrong exactly where it matters. The writing is a surer sign.
 *
 * How: the letter patterns of each language (groups of three letters, with the spaces
 * around words) are learnt from Kith's own English and Welsh catalogues, thousands of
 * parallel sentences. A text is scored against both; only a clear lead per letter group
 * gives an answer. Too little writing, or a close call, answers "don't know", and the
 * text takes the page's language, as before.
 */
export type ContentLanguage = 'en' | 'cy';

/** How much more likely, per letter group, one language must be (natural log): about 1.5 times. */
const MARGIN = 0.4;
/** Fewer letter groups than this (a four-letter word gives 4) say too little. */
const FEWEST_GROUPS = 8;

function wordsOf(text: string): string[] {
  return (
    text
      .toLowerCase()
      .replace(/\{[^}]*\}/g, ' ') // a catalogue's placeholders are not words
      .replace(/[’‘]/g, "'")
      .match(/[a-zà-öø-ÿŵŷ]+(?:'[a-zà-öø-ÿŵŷ]+)*/g) ?? []
  );
}

function groupsOf(text: string): string[] {
  const groups: string[] = [];
  for (const word of wordsOf(text)) {
    const padded = ` ${word} `;
    for (let i = 0; i + 3 <= padded.length; i += 1) groups.push(padded.slice(i, i + 3));
  }
  return groups;
}

class Profile {
  readonly #counts = new Map<string, number>();
  #total = 0;

  learn(text: string): void {
    for (const group of groupsOf(text)) {
      this.#counts.set(group, (this.#counts.get(group) ?? 0) + 1);
      this.#total += 1;
    }
  }

  /** log P(group), smoothed so a group never seen is unlikely but possible. */
  logChance(group: string, vocabulary: number): number {
    return Math.log(((this.#counts.get(group) ?? 0) + 0.5) / (this.#total + 0.5 * vocabulary));
  }

  groups(): Iterable<string> {
    return this.#counts.keys();
  }
}

export class ContentLanguages {
  readonly #en = new Profile();
  readonly #cy = new Profile();
  readonly #vocabulary: number;

  constructor(texts: { en: Iterable<string>; cy: Iterable<string> }) {
    for (const text of texts.en) this.#en.learn(text);
    for (const text of texts.cy) this.#cy.learn(text);
    this.#vocabulary = new Set([...this.#en.groups(), ...this.#cy.groups()]).size;
  }

  /** The language a text is written in, when its letters say so clearly; undefined when they don't. */
  languageOf(text: string | null | undefined): ContentLanguage | undefined {
    if (!text) return undefined;
    const groups = groupsOf(text);
    if (groups.length < FEWEST_GROUPS) return undefined;
    let lead = 0;
    for (const group of groups)
      lead += this.#cy.logChance(group, this.#vocabulary) - this.#en.logChance(group, this.#vocabulary);
    const perGroup = lead / groups.length;
    if (perGroup > MARGIN) return 'cy';
    if (perGroup < -MARGIN) return 'en';
    return undefined;
  }

  /** The `lang` writing needs on a page in `pageLanguage`: its own where it differs, nothing where it is the same or unclear. */
  langFor(text: string | null | undefined, pageLanguage: string): ContentLanguage | undefined {
    const language = this.languageOf(text);
    return language && language !== pageLanguage ? language : undefined;
  }
}
