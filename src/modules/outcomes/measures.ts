/** What an indicator measures, in words, and the place's instruments it can point at. */
import type { Queryable } from '../../db/index.js';
import type { Translate } from '../../web/i18n.js';
import { wellbeingInstruments } from '../prescribing/index.js';
import type { Indicator } from './store.js';

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
    default:
      return t(`outcomes.measure.count.${indicator.measureRef}`);
  }
}
