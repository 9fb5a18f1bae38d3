/**
 * The figures of the Change Status Report (SPEC "Figures of the Change Status Report"): DCC
 * assessment timescales, Code Performance Measure 9 and proposal timescales, computed from facts by the SLA rules of sla-calculator.ts, so that the
 * report, the API and the jobs give one answer.
 *
 * Choices where the SPEC is silent, taken from the April 2021 report and its register
 * (../shared/data/source/change-status-report-2021-04.json, register-2021-04.json):
 *
 * - Completed assessments without an acceptance date are COUNTED but left out of the MEAN.
 *   The report's "completed in the last 12 months" rows are counted in its totals (19 PAs, 10
 *   IAs printed), yet the register has no acceptance date for any of them (the OCR lost that
 *   column), so a duration cannot be computed. Dropping them from the count would print 0
 *   completed where the Panel saw 19; inventing durations is worse. The mean is over those
 *   with a known acceptance date, and null when there are none.
 * - Open means accepted on or before asOf and not returned by asOf. A request the DCC has not
 *   accepted (MP125) has no clock, so it is neither open nor in any mean, as in the report.
 * - The 12-month window is (asOf minus 12 months, asOf]: returnedOn > addMonths(asOf, -12) and
 *   <= asOf. The report states "the 12-month period up to the end of March 2021": the caller
 *   passes the period's last day as asOf.
 * - Means are rounded half up to one decimal. The report prints whole numbers (47, 58, 94), but
 *   the contract's averageWorkingDays is a Float and a whole number would hide that two
 *   assessments took 32.5 days on average; the report's renderer rounds for print.
 * - Durations are by the Code's rule (Working Days, bank holidays excluded, pauses excluded);
 *   the printed DCC figures count plain weekdays and the acceptance day, so they run higher
 *   (MP107: 94 printed, 88 by the rule on 9 April 2021). The rule wins, per the data README.
 */
import { LocalDate, YearMonth, addMonths, firstDayOfMonth, lastDayOfMonth } from '../calendar/local-date';
import { WorkingCalendar } from '../calendar/working-calendar';
import { AssessmentFacts, elapsedWorkingDays, targetCompletionOn } from './sla-calculator';

export type AssessmentType = 'PRELIMINARY' | 'IMPACT';

export interface TypedAssessmentFacts extends AssessmentFacts {
  type: AssessmentType;
}

/** Count and mean duration, in Working Days, of a set of assessments. */
export interface TimescaleFigure {
  count: number;
  /** Null when no assessment in the set has a duration that can be computed. */
  averageWorkingDays: number | null;
  /** How many of the set the mean is taken over: those whose dates the register holds. */
  measured: number;
}

export interface AssessmentTimescales {
  /** Last day of the 12-month window. */
  asOf: LocalDate;
  preliminaryOpen: TimescaleFigure;
  preliminaryCompleted: TimescaleFigure;
  impactOpen: TimescaleFigure;
  impactCompleted: TimescaleFigure;
}

/** Code Performance Measure 9 (SEC Section D11.3) for one month. */
export interface PerformanceMeasure {
  month: YearMonth;
  due: number;
  completedWithinTarget: number;
  /** Null when nothing fell due: the report says "None to report". */
  percentage: number | null;
  /** Target and minimum service level are both 100%. */
  targetPercentage: 100;
}

function roundToOneDecimal(x: number): number {
  return Math.round(x * 10) / 10;
}

/** Count of the set, and the mean of the durations that are known (null: none known). */
function figure(count: number, durations: readonly number[]): TimescaleFigure {
  if (durations.length === 0) return { count, averageWorkingDays: null, measured: 0 };
  const sum = durations.reduce((total, d) => total + d, 0);
  return { count, averageWorkingDays: roundToOneDecimal(sum / durations.length), measured: durations.length };
}

function isOpenOn(a: AssessmentFacts, asOf: LocalDate): a is AssessmentFacts & { acceptedOn: LocalDate } {
  return a.acceptedOn !== null && a.acceptedOn <= asOf && (a.returnedOn === null || a.returnedOn > asOf);
}

function openFigure(
  assessments: readonly TypedAssessmentFacts[],
  asOf: LocalDate,
  calendar: WorkingCalendar,
): TimescaleFigure {
  const durations: number[] = [];
  for (const a of assessments) {
    if (!isOpenOn(a, asOf)) continue;
    const elapsed = elapsedWorkingDays(a, asOf, calendar);
    if (elapsed !== null) durations.push(elapsed);
  }
  return figure(durations.length, durations);
}

function completedFigure(
  assessments: readonly TypedAssessmentFacts[],
  windowStartExclusive: LocalDate,
  asOf: LocalDate,
  calendar: WorkingCalendar,
): TimescaleFigure {
  let count = 0;
  const durations: number[] = [];
  for (const a of assessments) {
    const returnedOn = a.returnedOn;
    if (returnedOn === null || returnedOn <= windowStartExclusive || returnedOn > asOf) continue;
    count += 1;
    // Null without an acceptance date, or with one after the return (a slip in the data).
    const duration = elapsedWorkingDays(a, returnedOn, calendar);
    if (duration !== null) durations.push(duration);
  }
  return figure(count, durations);
}

/**
 * The "DCC Assessment timescales" table: open PAs and IAs with their mean elapsed Working Days
 * on asOf, and those returned in the 12 months ending asOf with their mean duration from
 * acceptance to return, pauses excluded.
 */
export function assessmentTimescales(
  assessments: readonly TypedAssessmentFacts[],
  asOf: LocalDate,
  calendar: WorkingCalendar,
): AssessmentTimescales {
  const windowStartExclusive = addMonths(asOf, -12);
  const preliminary = assessments.filter((a) => a.type === 'PRELIMINARY');
  const impact = assessments.filter((a) => a.type === 'IMPACT');
  return {
    asOf,
    preliminaryOpen: openFigure(preliminary, asOf, calendar),
    preliminaryCompleted: completedFigure(preliminary, windowStartExclusive, asOf, calendar),
    impactOpen: openFigure(impact, asOf, calendar),
    impactCompleted: completedFigure(impact, windowStartExclusive, asOf, calendar),
  };
}

/**
 * Code Performance Measure 9 for a month: of the assessments (PAs and IAs together) whose
 * target completion day falls in the month, how many were returned on or before it. Only
 * assessments with a known target count: one not accepted, without an acceptance date, or with
 * a pause still open has no target day and so never falls due. An assessment due that month
 * and not yet returned counts as due and not completed.
 */
export function codePerformanceMeasure(
  assessments: readonly AssessmentFacts[],
  month: YearMonth,
  calendar: WorkingCalendar,
): PerformanceMeasure {
  const first = firstDayOfMonth(month);
  const last = lastDayOfMonth(month);
  let due = 0;
  let completedWithinTarget = 0;
  for (const a of assessments) {
    const target = targetCompletionOn(a, calendar);
    if (target === null || target < first || target > last) continue;
    due += 1;
    if (a.returnedOn !== null && a.returnedOn <= target) completedWithinTarget += 1;
  }
  return {
    month,
    due,
    completedWithinTarget,
    percentage: due === 0 ? null : roundToOneDecimal((100 * completedWithinTarget) / due),
    targetPercentage: 100,
  };
}

/** A proposal as the proposal timescales read it. */
export interface ProposalFacts {
  raisedOn: LocalDate | null;
  /** The day of its concluding decision (approved or rejected) or withdrawal; null while open. */
  concludedOn: LocalDate | null;
  /** Ended without a dated conclusion (rejected or withdrawn with no date): neither open nor counted. */
  ended: boolean;
}

export interface ProposalTimescales {
  asOf: LocalDate;
  /** Raised by asOf and not concluded by it: mean age in Working Days on asOf. */
  open: TimescaleFigure;
  /** Concluded in the 12 months ending asOf: mean Working Days from raised to conclusion. */
  concluded: TimescaleFigure;
}

/**
 * Proposal timescales (SPEC): proposals open before a decision, with their mean age, and those
 * concluded in the 12 months ending asOf, with their mean duration from raised to decision. As
 * with assessments, a proposal whose raised date the register lacks is counted but left out of
 * the mean. One raised after asOf does not exist yet on asOf.
 */
export function proposalTimescales(proposals: readonly ProposalFacts[], asOf: LocalDate, calendar: WorkingCalendar): ProposalTimescales {
  const windowStartExclusive = addMonths(asOf, -12);
  let open = 0;
  let concluded = 0;
  const ages: number[] = [];
  const durations: number[] = [];
  for (const p of proposals) {
    if (p.raisedOn !== null && p.raisedOn > asOf) continue;
    if (p.concludedOn === null || p.concludedOn > asOf) {
      if (p.ended && p.concludedOn === null) continue;
      open += 1;
      if (p.raisedOn !== null) ages.push(calendar.workingDaysBetween(p.raisedOn, asOf));
    } else if (p.concludedOn > windowStartExclusive) {
      concluded += 1;
      if (p.raisedOn !== null && p.raisedOn <= p.concludedOn) durations.push(calendar.workingDaysBetween(p.raisedOn, p.concludedOn));
    }
  }
  return { asOf, open: figure(open, ages), concluded: figure(concluded, durations) };
}
