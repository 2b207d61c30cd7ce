/**
 * Wellbeing answers at referral, 3 months and 6 months (ONS4, or a place's own
 * instrument), and the chart of a person's distance travelled.
 */
import type { Kith } from '../../kith.js';
import { recordAudit } from '../../platform/audit/index.js';
import type { Translate } from '../../web/i18n.js';
import { lineChart } from './charts.js';
import type { Timepoint } from './schema.js';
import { saveWellbeing, type Instrument, type Wellbeing } from './store.js';
import {
  distanceTravelled,
  ons4Band,
  ONS4_ITEMS,
  TIMEPOINTS,
  type InstrumentItem,
  type Ons4Answers,
  type Ons4Item,
} from './wellbeing-rules.js';

export async function recordOns4(
  kith: Kith,
  command: {
    placeId: string;
    actorId: string;
    recordId: string;
    timepoint: Timepoint;
    answeredOn: string;
    answers: Ons4Answers;
  },
): Promise<void> {
  await kith.db.transaction(async (trx) => {
    await saveWellbeing(trx, {
      place_id: command.placeId,
      record_id: command.recordId,
      instrument: 'ons4',
      timepoint: command.timepoint,
      answered_on: command.answeredOn,
      ...command.answers,
      answers: null,
      total: null,
      recorded_by: command.actorId,
    });
    await recordAudit(trx, {
      placeId: command.placeId,
      actorId: command.actorId,
      action: 'wellbeing.recorded',
      subjectType: 'support_record',
      subjectId: command.recordId,
      detail: { instrument: 'ONS4', timepoint: command.timepoint },
    });
  });
}

export async function recordInstrument(
  kith: Kith,
  command: {
    placeId: string;
    actorId: string;
    recordId: string;
    instrument: Instrument;
    timepoint: Timepoint;
    answeredOn: string;
    answers: Record<string, number>;
  },
): Promise<void> {
  const total = Object.values(command.answers).reduce((sum, v) => sum + v, 0);
  await kith.db.transaction(async (trx) => {
    await saveWellbeing(trx, {
      place_id: command.placeId,
      record_id: command.recordId,
      instrument: command.instrument.id,
      timepoint: command.timepoint,
      answered_on: command.answeredOn,
      life: null,
      worthwhile: null,
      happy: null,
      anxious: null,
      answers: JSON.stringify(command.answers),
      total,
      recorded_by: command.actorId,
    });
    await recordAudit(trx, {
      placeId: command.placeId,
      actorId: command.actorId,
      action: 'wellbeing.recorded',
      subjectType: 'support_record',
      subjectId: command.recordId,
      detail: { instrument: command.instrument.name, timepoint: command.timepoint },
    });
  });
}

export function instrumentItems(instrument: Pick<Instrument, 'items'>): InstrumentItem[] {
  return JSON.parse(instrument.items) as InstrumentItem[];
}

/**
 * A person's ONS4 answers as a chart (with its title and description) and the same
 * figures as table rows, and the change from referral to the latest follow-up.
 */
/**
 * A place's own questionnaires a person answered: each one's totals by timepoint, for a
 * table on the record (the ONS4 answers have their chart). An instrument no longer
 * offered still shows what was answered with it.
 */
export function otherInstrumentsView(
  t: Translate,
  rows: readonly Wellbeing[],
  instruments: readonly Pick<Instrument, 'id' | 'name' | 'scaleMin' | 'scaleMax' | 'higherIsBetter'>[],
) {
  return instruments
    .map((instrument) => {
      const answered = rows
        .filter((r) => r.instrument === instrument.id)
        .sort((a, b) => TIMEPOINTS.indexOf(a.timepoint) - TIMEPOINTS.indexOf(b.timepoint));
      return {
        name: instrument.name,
        note: t(
          instrument.higherIsBetter
            ? 'prescribing.wellbeing.other.higherBetter'
            : 'prescribing.wellbeing.other.lowerBetter',
        ),
        // Rows as GOV.UK's table takes them; the total is a number, aligned right.
        rows: answered.map((r) => [
          { text: t(`prescribing.timepoint.${r.timepoint}`) },
          { text: r.answeredOn },
          { text: r.total === null ? '' : String(r.total), format: 'numeric' },
        ]),
      };
    })
    .filter((view) => view.rows.length > 0);
}

export function wellbeingView(t: Translate, rows: readonly Wellbeing[]) {
  const ons4 = rows.filter((r) => r.instrument === 'ons4');
  const at = (tp: Timepoint) => ons4.find((r) => r.timepoint === tp);
  const timepoints = TIMEPOINTS.filter((tp) => at(tp));
  if (!timepoints.length) return undefined;
  const itemName = (item: Ons4Item) => t(`prescribing.ons4.short.${item}`);
  const series = ONS4_ITEMS.map((item) => ({
    name: itemName(item),
    values: TIMEPOINTS.map((tp) => at(tp)?.[item] ?? null),
  }));
  const changes = distanceTravelled(
    ons4.map((r) => ({
      timepoint: r.timepoint,
      answeredOn: r.answeredOn,
      values: {
        life: r.life ?? undefined,
        worthwhile: r.worthwhile ?? undefined,
        happy: r.happy ?? undefined,
        anxious: r.anxious ?? undefined,
      },
    })),
  );
  const summary = changes.length
    ? changes
        .map((c) => t('prescribing.wellbeing.changeLine', { item: itemName(c.item), from: c.from, to: c.to }))
        .join(' ')
    : t('prescribing.wellbeing.noChangeYet');
  const chart = lineChart({
    title: t('prescribing.wellbeing.chartTitle'),
    desc: `${t('prescribing.wellbeing.chartDesc')} ${summary}`,
    xLabels: TIMEPOINTS.map((tp) => t(`prescribing.timepoint.${tp}`)),
    series,
    yMin: 0,
    yMax: 10,
  });
  return {
    chart,
    summary,
    header: [
      t('prescribing.wellbeing.question'),
      ...timepoints.map((tp) => `${t(`prescribing.timepoint.${tp}`)} (${at(tp)!.answeredOn})`),
    ],
    rows: ONS4_ITEMS.map((item) => [
      itemName(item),
      ...timepoints.map((tp) => {
        const v = at(tp)![item];
        return v === null ? '' : `${v} (${t(`prescribing.band.${ons4Band(item, v)}`)})`;
      }),
    ]),
    changes: changes.map((c) => ({
      item: itemName(c.item),
      change: c.change > 0 ? `+${c.change}` : String(c.change),
      improved: c.improved,
    })),
  };
}
