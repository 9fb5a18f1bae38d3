import type { LocalDate } from '../../calendar/local-date';
import { ASSESSMENT_ABBREVIATION as TYPE, formatDate } from '../../notifications/templates/format';
import { codePerformanceMeasure, type PerformanceMeasure } from '../../sla/report-figures';
import { firstDayOfMonth, lastDayOfMonth } from '../../calendar/local-date';
import { type PrintedFigure, PrintedFigureKind } from '../paper/printed-figure';
import type { PrintedFigures } from './assessments.section';
import { slaOn, targetCompletionOn } from '../../sla/sla-calculator';
import type { ReportAssessment } from '../report-facts';
import type { ReportFrame } from '../report-frame';
import { openOn, targetCell } from './assessments.section';
import { paragraph, type ReportSection, section, table } from './report-document';

/** Requested and not yet accepted on asOf: the DCC lists it with no dates. */
const awaitingAcceptance = (a: ReportAssessment, asOf: LocalDate) =>
  a.returnedOn === null && (a.acceptedOn === null || a.acceptedOn > asOf) && (a.requestedOn === null || a.requestedOn <= asOf);

/**
 * Where the paper printed Code Performance Measure 9 otherwise ("None to report" where an
 * assessment fell due, or other figures), what it printed and which assessments the register
 * has falling due that month.
 */
function cpmFootnotes(frame: ReportFrame, all: readonly ReportAssessment[], cpm: PerformanceMeasure, printed: PrintedFigure | undefined): string[] {
  if (!printed) return [];
  const said = printed.text ?? `${printed.total ?? '?'} due`;
  const saysNone = printed.text !== null && /none/i.test(printed.text);
  if ((saysNone && cpm.due === 0) || (!printed.text && printed.total === cpm.due)) return [];
  const first = firstDayOfMonth(frame.previous);
  const last = lastDayOfMonth(frame.previous);
  const due = all.flatMap((a) => {
    const target = targetCompletionOn(a, frame.calendar);
    return target !== null && target >= first && target <= last
      ? [`${a.reference} ${TYPE[a.type]}, due ${formatDate(target)}, ${a.returnedOn !== null && a.returnedOn <= target ? 'returned in time' : 'not returned by then'}`]
      : [];
  });
  return [`Code Performance Measure 9: the paper printed "${said}" for ${frame.previousLabel}; by the Code's rule ${due.length} DCC Assessment${due.length === 1 ? '' : 's'} fell due that month${due.length ? `: ${due.join('; ')}` : ''}.`];
}

/**
 * Appendix A, the DCC's report: every open assessment with its delivery dates (and those not
 * yet accepted), the ones late or expected late with their revised dates and commentary, and
 * Code Performance Measure 9 for the previous month.
 */
export function appendixA(frame: ReportFrame, all: readonly ReportAssessment[], printed: PrintedFigures): ReportSection {
  const { asOf, calendar } = frame;
  const inProgress = all.filter((a) => openOn(a, asOf) || awaitingAcceptance(a, asOf));
  const delayed = all.filter((a) => {
    if (!openOn(a, asOf)) return false;
    const target = targetCompletionOn(a, calendar);
    return slaOn(a, asOf, calendar).status === 'OVERDUE' || (target !== null && a.expectedCompletionOn !== null && a.expectedCompletionOn > target);
  });
  const cpm = codePerformanceMeasure(all, frame.previous, calendar);
  const cpmText = cpm.percentage === null
    ? `${frame.previousLabel}: None to report (no DCC Assessment fell due).`
    : `${frame.previousLabel}: ${cpm.completedWithinTarget} of ${cpm.due} DCC Assessments due were completed within the required timescales (${cpm.percentage}%; target and minimum service level 100%).`;
  const cpmNotes = cpmFootnotes(frame, all, cpm, printed.get(PrintedFigureKind.CODE_PERFORMANCE_MEASURE_9));
  const waiting = inProgress.filter((a) => !openOn(a, asOf) && a.commentary);
  return section('Appendix A:', 'DCC Preliminary Assessments and Impact Assessments', [
    paragraph('The DCC\'s regulatory report on the Preliminary Assessments and Impact Assessments that Working Groups requested, with their delivery dates, in accordance with SEC Section D6.9. For SEC Panel Members, Parties, Ofgem and SECAS. Every target and duration is by the Code\'s Working Day rule.'),
  ], [
    section('A.1', 'Open assessments: in progress and delivery dates', [
      table(['Proposal', 'Assessment', 'Change request', 'Accepted', 'Target completion', 'Expected completion'],
        inProgress.map((a) => openOn(a, asOf)
          ? [a.reference, TYPE[a.type], a.changeRequest ?? '—', formatDate(a.acceptedOn), targetCell(a, calendar), formatDate(a.expectedCompletionOn)]
          : [a.reference, TYPE[a.type], a.changeRequest ?? '—', 'Not accepted yet', '—', '—']),
        'No assessment is in progress.'),
      ...waiting.map((a) => paragraph(`${a.reference} ${TYPE[a.type]}, not accepted${a.requestedOn ? ` (requested ${formatDate(a.requestedOn)})` : ''}: ${a.commentary}`)),
    ]),
    section('A.2', 'Assessments delayed: revised expected completion dates', [
      table(['Proposal', 'Assessment', 'Change request', 'Target completion', 'Expected completion', 'DCC commentary'],
        delayed.map((a) => [a.reference, TYPE[a.type], a.changeRequest ?? '—', formatDate(targetCompletionOn(a, calendar)), formatDate(a.expectedCompletionOn), a.commentary ?? '']),
        'No open assessment is late or expected late.'),
    ]),
    section('A.3', 'Code Performance Measure 9', [
      paragraph("SEC Section D11.3: of the DCC Assessments required to be completed during the month, how many were completed within the required timescales. Target and minimum service level: 100%."),
      paragraph(cpmText, cpmNotes),
    ]),
  ]);
}
