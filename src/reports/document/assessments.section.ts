import { addDays, addMonths, type LocalDate } from '../../calendar/local-date';
import type { WorkingCalendar } from '../../calendar/working-calendar';
import { ASSESSMENT_ABBREVIATION as TYPE, formatDate } from '../../notifications/templates/format';
import { assessmentTimescales, type TimescaleFigure } from '../../sla/report-figures';
import { elapsedWorkingDays, slaOn, targetCompletionOn } from '../../sla/sla-calculator';
import type { ReportAssessment } from '../report-facts';
import type { ReportFrame } from '../report-frame';
import { type Cell, noted, paragraph, type ReportSection, section, table } from './report-document';
import { printedFigures } from './printed-figures';
import { comparedTimescale } from './printed-comparison';
import { PrintedFigureKind, type PrintedFigure } from '../paper/printed-figure';

/** The figures the month's paper printed, by figure. */
export type PrintedFigures = ReadonlyMap<PrintedFigureKind, PrintedFigure>;

/**
 * 3.6's window in words, and the returns just before it (in its previous month) that it leaves
 * out: a reader of the paper that listed them sees why they are not here.
 */
function completedWindowWords(all: readonly ReportAssessment[], windowStart: LocalDate, windowEnd: LocalDate): string {
  const from = addDays(windowStart, 1);
  const before = all.filter((a) => a.returnedOn !== null && a.returnedOn <= windowStart && a.returnedOn > addMonths(windowStart, -1))
    .sort((a, b) => (a.returnedOn! < b.returnedOn! ? -1 : 1));
  const left = before.length
    ? ` Returned in the month before, and so not listed: ${before.map((a) => `${a.reference} ${TYPE[a.type]} (${formatDate(a.returnedOn)})`).join(', ')}.`
    : '';
  return `Returned from ${formatDate(from)} to ${formatDate(windowEnd)}.${left}`;
}

/** Accepted by asOf and not returned by it: a clock is running (or paused). */
export const openOn = (a: ReportAssessment, asOf: LocalDate): boolean =>
  a.acceptedOn !== null && a.acceptedOn <= asOf && (a.returnedOn === null || a.returnedOn > asOf);

/** The target day by the Code's rule, footnoted where the DCC printed another. */
export function targetCell(a: ReportAssessment, calendar: WorkingCalendar): Cell {
  const target = targetCompletionOn(a, calendar);
  const printed = printedFigures(a.note).targetCompletionOn;
  if (printed === null || target === null || printed === target) return formatDate(target);
  return noted(formatDate(target), [
    `${a.reference} ${TYPE[a.type]}: the DCC printed a target completion date of ${formatDate(printed)}; by the Code's rule ` +
      `the ${a.targetWorkingDays}th Working Day after acceptance (weekends, bank holidays and paused days excluded) is ${formatDate(target)}.`,
  ]);
}

/** Working Days run on asOf by the Code's rule, footnoted where the DCC printed another figure. */
function durationCell(a: ReportAssessment, asOf: LocalDate, calendar: WorkingCalendar): Cell {
  const elapsed = elapsedWorkingDays(a, asOf, calendar);
  const printed = printedFigures(a.note).currentDurationWorkingDays;
  if (elapsed === null || printed === null || printed === elapsed) return String(elapsed ?? '—');
  return noted(String(elapsed), [
    `${a.reference} ${TYPE[a.type]}: the DCC printed a current duration of ${printed} Working Days; by the Code's rule ` +
      `(weekends, bank holidays and paused days excluded) it is ${elapsed} on ${formatDate(asOf)}.`,
  ]);
}

const statusWords = (a: ReportAssessment, asOf: LocalDate, calendar: WorkingCalendar) => slaOn(a, asOf, calendar).status.replace(/_/g, ' ').toLowerCase();

/**
 * 3.4 DCC assessment timescales (12 months to the end of the previous month), 3.5 the open
 * assessments with their target and current durations on the report's date, 3.6 those returned
 * in the 12 months: every figure by the Code's rule.
 */
export function assessmentSections(frame: ReportFrame, all: readonly ReportAssessment[], windowEnd: LocalDate, printed: PrintedFigures): ReportSection[] {
  const { asOf, calendar } = frame;
  const t = assessmentTimescales(all, windowEnd, calendar);
  const figure = (row: string, f: TimescaleFigure, kind: PrintedFigureKind): Cell[] =>
    [row, ...comparedTimescale({ row, things: 'assessments', dateNeeded: 'an acceptance date' }, f, printed.get(kind))];
  const open = all.filter((a) => openOn(a, asOf)).sort((a, b) => (a.acceptedOn! < b.acceptedOn! ? -1 : 1));
  const windowStart = addMonths(windowEnd, -12);
  const completed = all.filter((a) => a.returnedOn !== null && a.returnedOn > windowStart && a.returnedOn <= windowEnd)
    .sort((a, b) => (a.returnedOn! < b.returnedOn! ? -1 : a.returnedOn! > b.returnedOn! ? 1 : a.reference.localeCompare(b.reference)));
  return [
    section('3.4', 'DCC assessment timescales', [
      paragraph(`The 12-month period up to the end of ${frame.previousLabel}. Durations in Working Days by the Code's rule (weekends, bank holidays and paused days excluded). Every assessment is counted; an average is given only where the register holds the acceptance date of each one (a dash otherwise, with a note), and every figure that differs from the one the paper printed is noted.`),
      table(['Assessments', 'Total', 'Average Working Days'], [
        figure('Preliminary Assessments open', t.preliminaryOpen, PrintedFigureKind.PRELIMINARY_OPEN),
        figure('Preliminary Assessments completed in the last 12 months', t.preliminaryCompleted, PrintedFigureKind.PRELIMINARY_COMPLETED),
        figure('Impact Assessments open', t.impactOpen, PrintedFigureKind.IMPACT_OPEN),
        figure('Impact Assessments completed in the last 12 months', t.impactCompleted, PrintedFigureKind.IMPACT_COMPLETED),
      ], 'No assessments.'),
    ]),
    section('3.5', 'Open DCC assessments', [
      table(['Proposal', 'Assessment', 'Change request', 'Accepted', 'Target completion', 'Target (Working Days)', `Current duration on ${formatDate(asOf)}`, 'Status'],
        open.map((a) => [a.reference, TYPE[a.type], a.changeRequest ?? '—', formatDate(a.acceptedOn), targetCell(a, calendar), String(a.targetWorkingDays),
          durationCell(a, asOf, calendar), statusWords(a, asOf, calendar)]),
        'No open assessments.'),
    ]),
    section('3.6', 'Assessments completed in the last 12 months', [
      paragraph(completedWindowWords(all, windowStart, windowEnd)),
      table(['Proposal', 'Assessment', 'Accepted', 'Returned', 'Target (Working Days)', 'Duration (Working Days)'],
        completed.map((a) => [a.reference, TYPE[a.type], formatDate(a.acceptedOn), formatDate(a.returnedOn), String(a.targetWorkingDays),
          String(elapsedWorkingDays(a, a.returnedOn!, calendar) ?? '—')]),
        `No assessment was returned in the 12 months to the end of ${frame.previousLabel}.`),
    ]),
  ];
}
