/** How insight writes its figures: whole numbers in the reader's language, hours from minutes, pounds from pence. */
import type { Translate } from '../../web/i18n.js';
import type { FigureDefinition } from '../module.js';

const numbers = new Map<string, Intl.NumberFormat>();
const pounds = new Map<string, Intl.NumberFormat>();
const locale = (lang: string) => (lang === 'cy' ? 'cy-GB' : 'en-GB');

function formatter(cache: Map<string, Intl.NumberFormat>, lang: string, options: Intl.NumberFormatOptions) {
  let f = cache.get(lang);
  if (!f) cache.set(lang, (f = new Intl.NumberFormat(locale(lang), options)));
  return f;
}

/** Hours from minutes, to one decimal place where it is not whole (as the volunteering report writes them). */
export function hoursOf(minutes: number): number {
  return Math.round(minutes / 6) / 10;
}

/** What stands for a figure withheld: "fewer than 5" people, or hours too few people gave. */
export function withheldText(t: Translate, unit: FigureDefinition['unit']): string {
  return t(unit === 'minutes' || unit === 'pence' ? 'insight.suppressedGiven' : 'insight.suppressed');
}

/** A figure's value as text, or what stands for it when it is withheld. */
export function valueText(t: Translate, lang: string, unit: FigureDefinition['unit'], value: number | null): string {
  if (value === null) return withheldText(t, unit);
  const number = formatter(numbers, lang, { maximumFractionDigits: 1 });
  switch (unit) {
    case 'minutes':
      return number.format(hoursOf(value));
    case 'pence':
      return formatter(pounds, lang, { style: 'currency', currency: 'GBP', maximumFractionDigits: 0 }).format(
        value / 100,
      );
    default:
      return number.format(value);
  }
}

/** What a figure's numbers are ("people", "hours", "pounds"), or nothing for a plain count. */
export function unitText(t: Translate, unit: FigureDefinition['unit']): string {
  return unit === 'count' ? '' : t(`insight.unit.${unit}`);
}
