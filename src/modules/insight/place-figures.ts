/**
 * The place in figures (capability 13): one definition of each figure, gathered from the
 * modules through the module contract, so a capability built later appears here by
 * offering `figures`, `participants` or `timeGiven`, without a change to this file.
 *
 * Two figures are the place's own, made from every module's parts: the people taking
 * part (each person once, however many things they do) and the hours given (each hour
 * once: an hour that also earned a time credit is counted by the module that holds it).
 */
import type { Queryable } from '../../db/index.js';
import { addDays, addMonths, type IsoDate } from '../../platform/dates.js';
import { suppressCount, suppressSums } from '../../platform/suppression.js';
import { distinctPeople, figureShown, unionOf } from '../figures.js';
import { periodOfDays, type FigureDefinition, type KithModule, type Period } from '../module.js';

export const PEOPLE_TAKING_PART = 'insight.peopleTakingPart';
export const HOURS_GIVEN = 'insight.hoursGiven';

/** How many months the trends go back, the current month included. */
export const TREND_MONTHS = 12;

/** Every figure the place has: the place's own two first, then each module's in module order. */
export function placeFigureDefinitions(modules: readonly KithModule[]): FigureDefinition[] {
  const participants = modules.flatMap((m) => (m.participants ? [m.participants] : []));
  const timeGiven = modules.flatMap((m) => (m.timeGiven ? [m.timeGiven] : []));
  return [
    {
      id: PEOPLE_TAKING_PART,
      labelKey: PEOPLE_TAKING_PART,
      definitionKey: `${PEOPLE_TAKING_PART}.definition`,
      unit: 'people',
      value: (db, placeId, period) =>
        distinctPeople(
          db,
          participants.map((p) => p(db, placeId, period)),
        ),
    },
    {
      id: HOURS_GIVEN,
      labelKey: HOURS_GIVEN,
      definitionKey: `${HOURS_GIVEN}.definition`,
      unit: 'minutes',
      value: async (db, placeId, period) =>
        (await Promise.all(timeGiven.map((t) => t.minutes(db, placeId, period)))).reduce((sum, m) => sum + m, 0),
      // Everyone who gave any of it, each once.
      givenBy: timeGiven.length
        ? (db, placeId, period) => unionOf(timeGiven.map((t) => t.givenBy(db, placeId, period)))!
        : undefined,
    },
    ...modules.flatMap((m) => m.figures ?? []),
  ];
}

/** The months of the trend, oldest first: each from its first day to its last, the current one to today. */
export function trendMonths(today: IsoDate, months = TREND_MONTHS): Array<{ month: string; period: Period }> {
  const first = `${today.slice(0, 7)}-01`;
  return Array.from({ length: months }, (_, i) => {
    const start = addMonths(first, i - months + 1);
    const end = i === months - 1 ? today : addDays(addMonths(start, 1), -1);
    return { month: start.slice(0, 7), period: periodOfDays(start, end) };
  });
}

export interface FigureValue {
  figure: FigureDefinition;
  /** The figure over the period, null where it counts too few people or sums what too few gave. */
  value: number | null;
}

/** Every figure's value for a place over a period. */
export async function figuresFor(
  db: Queryable,
  definitions: readonly FigureDefinition[],
  placeId: string,
  period: Period,
): Promise<FigureValue[]> {
  return Promise.all(
    definitions.map(async (figure) => ({ figure, value: await figureShown(db, figure, placeId, period) })),
  );
}

/** One figure month by month, suppressed cell by cell (months are not added up, so no cell can be worked out). */
export async function trendOf(
  db: Queryable,
  figure: FigureDefinition,
  placeId: string,
  today: IsoDate,
): Promise<Array<{ month: string; value: number | null }>> {
  return Promise.all(
    trendMonths(today).map(async ({ month, period }) => ({
      month,
      value: await figureShown(db, figure, placeId, period),
    })),
  );
}

/**
 * The place's hours given, by where the time was given (each module's part), for the
 * figure's breakdown: a part fewer people than the threshold gave is hidden, and so is
 * one more wherever the hidden part could be worked out from the total shown beside them.
 */
export async function hoursGivenBySource(
  db: Queryable,
  modules: readonly KithModule[],
  placeId: string,
  period: Period,
): Promise<Array<{ labelKey: string; minutes: number | null }>> {
  const parts = modules.flatMap((m) => (m.timeGiven ? [m.timeGiven] : []));
  const [sums, everyone] = await Promise.all([
    Promise.all(
      parts.map(async (p) => ({
        value: await p.minutes(db, placeId, period),
        people: await distinctPeople(db, [p.givenBy(db, placeId, period)]),
      })),
    ),
    distinctPeople(
      db,
      parts.map((p) => p.givenBy(db, placeId, period)),
    ),
  ]);
  const shown = suppressSums(sums, everyone);
  return parts.map((p, i) => ({ labelKey: p.labelKey, minutes: shown.parts[i]! }));
}

/** Who took part, module by module (a person in two modules is in both rows), suppressed cell by cell. */
export async function peopleByModule(
  db: Queryable,
  modules: readonly KithModule[],
  placeId: string,
  period: Period,
): Promise<Array<{ module: string; people: number | null }>> {
  return Promise.all(
    modules.flatMap((m) =>
      m.participants
        ? [
            distinctPeople(db, [m.participants(db, placeId, period)]).then((n) => ({
              module: m.name,
              people: suppressCount(n),
            })),
          ]
        : [],
    ),
  );
}
