/**
 * The 'black hole' rule (SPEC "Work package"), pure: the API's `refinementStalled`, the digest
 * and the report share it.
 */
import { lastDayOfMonth, type LocalDate } from '../calendar/local-date';

export interface WorkPackageFacts {
  returnToPanelMonth: string;
  completedOn: LocalDate | null;
}

/** Not completed, and its return month has ended by asOf: the Panel is owed a report. */
export function isWorkPackageOverdue(wp: WorkPackageFacts, asOf: LocalDate): boolean {
  return wp.completedOn === null && lastDayOfMonth(wp.returnToPanelMonth) < asOf;
}

/** A proposal in REFINE with no open work package, or one past its return month. */
export function isRefinementStalled(workPackages: readonly WorkPackageFacts[], asOf: LocalDate): boolean {
  const open = workPackages.filter((wp) => wp.completedOn === null);
  return open.length === 0 || open.some((wp) => isWorkPackageOverdue(wp, asOf));
}
