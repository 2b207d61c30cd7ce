/**
 * A volunteer's record as plain functions over rows the store reads: milestones
 * reached and hours as people read them.
 */

/** Hours that mark a milestone, in the order they are reached. */
export const MILESTONE_HOURS = [1, 10, 25, 50, 100, 250, 500, 1000] as const;

export function milestonesReached(totalMinutes: number): number[] {
  return MILESTONE_HOURS.filter((h) => totalMinutes >= h * 60);
}

export function nextMilestone(totalMinutes: number): number | undefined {
  return MILESTONE_HOURS.find((h) => totalMinutes < h * 60);
}

/** Minutes as hours for people and CSV: whole when whole, else to one decimal place. */
export function hoursText(minutes: number): string {
  const hours = minutes / 60;
  return Number.isInteger(hours) ? String(hours) : hours.toFixed(1);
}
