import type { Messages } from '../modules/module.js';

export const LANGUAGES = ['en', 'cy'] as const;
export type Lang = (typeof LANGUAGES)[number];

export function isLang(value: unknown): value is Lang {
  return value === 'en' || value === 'cy';
}

export type Params = Record<string, string | number>;
export type Translate = (key: string, params?: Params) => string;

const pluralRules: Record<Lang, Intl.PluralRules> = {
  en: new Intl.PluralRules('en-GB'),
  cy: new Intl.PluralRules('cy'),
};

/**
 * Every string a person reads, in English and Welsh. Keys are dotted and start with
 * the module that owns them. Counted strings have one key per plural category
 * (`.one`, `.two`, `.few`, `.many`, `.zero`, `.other`): Welsh uses all six.
 */
export class Catalogue {
  readonly #messages: Record<Lang, Map<string, string>> = { en: new Map(), cy: new Map() };

  constructor(sources: Iterable<{ en: Messages; cy: Messages }>) {
    for (const source of sources) {
      for (const lang of LANGUAGES) {
        for (const [key, text] of Object.entries(source[lang])) {
          if (this.#messages[lang].has(key)) throw new Error(`Message key "${key}" is defined twice (${lang})`);
          this.#messages[lang].set(key, text);
        }
      }
    }
  }

  has(lang: Lang, key: string): boolean {
    return this.#messages[lang].has(key);
  }

  keys(lang: Lang): string[] {
    return [...this.#messages[lang].keys()];
  }

  /** A missing key shows as itself, so it is seen and fixed rather than hidden. */
  t(lang: Lang, key: string, params?: Params): string {
    const text = this.#messages[lang].get(key) ?? this.#messages.en.get(key);
    if (text === undefined) {
      if (params && typeof params.count === 'number') return this.#plural(lang, key, params);
      return key;
    }
    return params ? interpolate(text, params) : text;
  }

  #plural(lang: Lang, key: string, params: Params): string {
    const category = pluralRules[lang].select(Number(params.count));
    const text =
      this.#messages[lang].get(`${key}.${category}`) ??
      this.#messages[lang].get(`${key}.other`) ??
      this.#messages.en.get(`${key}.${pluralRules.en.select(Number(params.count))}`) ??
      this.#messages.en.get(`${key}.other`);
    return text === undefined ? key : interpolate(text, params);
  }

  translator(lang: Lang): Translate {
    return (key, params) => this.t(lang, key, params);
  }
}

function interpolate(text: string, params: Params): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** Pick Welsh for a browser that asks for it first; English otherwise. */
export function langFromAcceptLanguage(header: string | undefined): Lang | undefined {
  if (!header) return undefined;
  const first = header.split(',')[0]?.trim().toLowerCase() ?? '';
  if (first.startsWith('cy')) return 'cy';
  if (first.startsWith('en')) return 'en';
  return undefined;
}
