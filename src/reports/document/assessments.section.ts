import { addMonths, type LocalDate } from '../../calendar/local-date';
import type { WorkingCalendar } from '../../calendar/working-calendar';
import { ASSESSMENT_ABBREVIATION as TYPE, formatDate } from '../../notifications/templates/format';
import { assessmentTimescales, type TimescaleFigure } from '../../sla/report-figures';
import { elapsedWorkingDays, slaOn, targetCompletionOn } from '../../sla/sla-calculator';
import type { ReportAssessment } from '../report-facts';
import type { ReportFrame } from '../report-frame';
import { type Cell, paragraph, type ReportSection, section, table } from './report-document';
import { printedFigures } from './printed-figures';
import { wholeDays } from './words';

/** Accepted by asOf and not returned by it: a clock is running (or paused). */
export const openOn = (a: ReportAssessment, asOf: LocalDate): boolean =>
  a.acceptedOn !== null && a.acceptedOn <= asOf && (a.returnedOn === null || a.returnedOn > asOf);

/** The target day by the Code's rule, footnoted where the DCC printed another. */
export function targetCell(a: ReportAssessment, calendar: WorkingCalendar): Cell {
  const target = targetCompletionOn(a, calendar);
  const printed = printedFigures(a.note).targetCompletionOn;
  if (printed === null || target === null || printed === target) return formatDate(target);
  return {
    text: formatDate(target),
    footnote: `${a.reference} ${TYPE[a.type]}: the DCC printed a target completion date of ${formatDate(printed)}; by the Code's rule ` +
      `the ${a.targetWorkingDays}th Working Day after acceptance (weekends, bank holidays and paused days excluded) is ${formatDate(target)}.`,
  };
}

/** Working Days run on asOf by the Code's rule, footnoted where the DCC printed another figure. */
function durationCell(a: ReportAssessment, asOf: LocalDate, calendar: WorkingCalendar): Cell {
  const elapsed = elapsedWorkingDays(a, asOf, calendar);
  const printed = printedFigures(a.note).currentDurationWorkingDays;
  if (elapsed === null || printed === null || printed === elapsed) return String(elapsed ?? '—');
  return {
    text: String(elapsed),
    footnote: `${a.reference} ${TYPE[a.type]}: the DCC printed a current duration of ${printed} Working Days; by the Code's rule ` +
      `(weekends, bank holidays and paused days excluded) it is ${elapsed} on ${formatDate(asOf)}.`,
  };
}

const statusWords = (a: ReportAssessment, asOf: LocalDate, calendar: WorkingCalendar) => slaOn(a, asOf, calendar).status.replace(/_/g, ' ').toLowerCase();

/**
 * 3.4 DCC assessment timescales (12 months to the end of the previous month), 3.5 the open
 * assessments with their target and current durations on the report's date, 3.6 those returned
 * in the 12 months: every figure by the Code's rule.
 */
export function assessmentSections(frame: ReportFrame, all: readonly ReportAssessment[], windowEnd: LocalDate): ReportSection[] {
  const { asOf, calendar } = frame;
  const t = assessmentTimescales(all, windowEnd, calendar);
  const figure = (label: string, f: TimescaleFigure) => [label, String(f.count), wholeDays(f.averageWorkingDays)];
  const open = all.filter((a) => openOn(a, asOf)).sort((a, b) => (a.acceptedOn! < b.acceptedOn! ? -1 : 1));
  const windowStart = addMonths(windowEnd, -12);
  const completed = all.filter((a) => a.returnedOn !== null && a.returnedOn > windowStart && a.returnedOn <= windowEnd)
    .sort((a, b) => (a.returnedOn! < b.returnedOn! ? -1 : a.returnedOn! > b.returnedOn! ? 1 : a.reference.localeCompare(b.reference)));
  return [
    section('3.4', 'DCC assessment timescales', [
      paragraph(`The 12-month period up to the end of ${frame.previousLabel}. Durations in Working Days by the Code's rule (weekends, bank holidays and paused days excluded); an assessment whose acceptance date the register lacks is counted but not in the average.`),
      table(['Assessments', 'Total', 'Average Working Days'], [
        figure('Preliminary Assessments open', t.preliminaryOpen),
        figure('Preliminary Assessments completed in the last 12 months', t.preliminaryCompleted),
        figure('Impact Assessments open', t.impactOpen),
        figure('Impact Assessments completed in the last 12 months', t.impactCompleted),
      ], 'No assessments.'),
    ]),
    section('3.5', 'Open DCC assessments', [
      table(['Proposal', 'Assessment', 'Change request', 'Accepted', 'Target completion', 'Target (Working Days)', `Current duration on ${formatDate(asOf)}`, 'Status'],
        open.map((a) => [a.reference, TYPE[a.type], a.changeRequest ?? '—', formatDate(a.acceptedOn), targetCell(a, calendar), String(a.targetWorkingDays),
          durationCell(a, asOf, calendar), statusWords(a, asOf, calendar)]),
        'No open assessments.'),
    ]),
    section('3.6', 'Assessments completed in the last 12 months', [
      table(['Proposal', 'Assessment', 'Accepted', 'Returned', 'Target (Working Days)', 'Duration (Working Days)'],
        completed.map((a) => [a.reference, TYPE[a.type], formatDate(a.acceptedOn), formatDate(a.returnedOn), String(a.targetWorkingDays),
          String(elapsedWorkingDays(a, a.returnedOn!, calendar) ?? '—')]),
        `No assessment was returned in the 12 months to the end of ${frame.previousLabel}.`),
    ]),
  ];
}
