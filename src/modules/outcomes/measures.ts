/** What an indicator measures, in words, and the place's instruments it can point at. */
import type { Queryable } from '../../db/index.js';
import type { Translate } from '../../web/i18n.js';
import { wellbeingInstruments } from '../prescribing/index.js';
import type { IndicatorTable } from './schema.js';

export async function findInstrumentName(db: Queryable, placeId: string, id: string): Promise<string | undefined> {
  return (await wellbeingInstruments(db, placeId)).find((i) => i.id === id)?.name;
}

export function questionText(lang: string, indicator: Pick<IndicatorTable, 'question' | 'question_cy'>): string {
  return (lang === 'cy' && indicator.question_cy) || indicator.question || '';
}

export function measureText(
  t: Translate,
  lang: string,
  indicator: IndicatorTable,
  instrumentNames: ReadonlyMap<string, string>,
): string {
  switch (indicator.measure_kind) {
    case 'checkin':
      return t('outcomes.measure.checkinText', {
        question: questionText(lang, indicator),
        min: indicator.scale_min,
        max: indicator.scale_max,
      });
    case 'ons4':
      return t('outcomes.measure.ons4Text', { item: t(`prescribing.ons4.short.${indicator.measure_ref}`) });
    case 'instrument':
      return t('outcomes.measure.instrumentText', { name: instrumentNames.get(indicator.measure_ref ?? '') ?? '' });
    default:
      return t(`outcomes.measure.count.${indicator.measure_ref}`);
  }
}
