/** What an indicator measures, in words, and the place's instruments it can point at. */
import type { Queryable } from '../../db/index.js';
import type { Translate } from '../../web/i18n.js';
import { wellbeingInstruments } from '../prescribing/index.js';
import type { Indicator } from './store.js';
import { COUNT_MEASURES } from './inputs.js';
import type { FigureDefinition, KithModule } from '../module.js';

/**
 * The figures an indicator can count: every figure a module offers the place (hours
 * volunteered, befriending matches kept, small acts, events attended, grants awarded),
 * so an outcome can be shown from Kith's own records without anyone filling anything in.
 */
export function countableFigures(modules: readonly KithModule[]): FigureDefinition[] {
  return modules.flatMap((m) => m.figures ?? []);
}

/** The counts offered when an indicator is added: the module's own two, then every figure. */
export function countChoices(t: Translate, modules: readonly KithModule[]): Array<{ value: string; text: string }> {
  const own = COUNT_MEASURES.map((c) => t(`outcomes.measure.count.${c}`)).map((text, i) => ({
    value: COUNT_MEASURES[i]!,
    text: text.charAt(0).toLocaleUpperCase() + text.slice(1),
  }));
  return [...own, ...countableFigures(modules).map((f) => ({ value: f.id, text: t(f.labelKey) }))];
}

export function figureDefinition(modules: readonly KithModule[], id: string): FigureDefinition | undefined {
  return countableFigures(modules).find((f) => f.id === id);
}

export async function findInstrumentName(db: Queryable, placeId: string, id: string): Promise<string | undefined> {
  return (await wellbeingInstruments(db, placeId)).find((i) => i.id === id)?.name;
}

export function questionText(lang: string, indicator: Pick<Indicator, 'question' | 'questionCy'>): string {
  return (lang === 'cy' && indicator.questionCy) || indicator.question || '';
}

export function measureText(
  t: Translate,
  lang: string,
  indicator: Indicator,
  instrumentNames: ReadonlyMap<string, string>,
  figures: readonly FigureDefinition[] = [],
): string {
  switch (indicator.measureKind) {
    case 'checkin':
      return t('outcomes.measure.checkinText', {
        question: questionText(lang, indicator),
        min: indicator.scaleMin,
        max: indicator.scaleMax,
      });
    case 'ons4':
      return t('outcomes.measure.ons4Text', { item: t(`prescribing.ons4.short.${indicator.measureRef}`) });
    case 'instrument':
      return t('outcomes.measure.instrumentText', { name: instrumentNames.get(indicator.measureRef ?? '') ?? '' });
    default: {
      const figure = figures.find((f) => f.id === indicator.measureRef);
      return figure
        ? t('outcomes.measure.figureText', { name: t(figure.labelKey), definition: t(figure.definitionKey) })
        : t(`outcomes.measure.count.${indicator.measureRef}`);
    }
  }
}
