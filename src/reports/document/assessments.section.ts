import type { LocalDate, YearMonth } from '../../calendar/local-date';
import type { WorkingCalendar } from '../../calendar/working-calendar';
import { formatDate } from '../../notifications/templates/format';
import { assessmentTimescales, codePerformanceMeasure, type TimescaleFigure, type TypedAssessmentFacts } from '../../sla/report-figures';
import { elapsedWorkingDays, slaOn, targetCompletionOn } from '../../sla/sla-calculator';
import { paragraph, type ReportSection, table } from './report-document';

export interface ReportAssessment extends TypedAssessmentFacts {
  reference: string;
  changeRequest: string | null;
  expectedCompletionOn: LocalDate | null;
  commentary: string | null;
}

const TYPE = { PRELIMINARY: 'PA', IMPACT: 'IA' } as const;
const whole = (f: TimescaleFigure) => (f.averageWorkingDays === null ? '—' : String(Math.round(f.averageWorkingDays)));

/** Accepted by asOf and not returned by it: a clock is running (or paused). */
const openOn = (a: ReportAssessment, asOf: LocalDate) => a.acceptedOn !== null && a.acceptedOn <= asOf && (a.returnedOn === null || a.returnedOn > asOf);

/**
 * 3.x DCC assessment timescales (12 months to the end of the previous month) and the open
 * assessments with their target and current durations on the report's date, by the Code's rule.
 */
export function assessmentSections(all: readonly ReportAssessment[], asOf: LocalDate, windowEnd: LocalDate, windowLabel: string, calendar: WorkingCalendar): ReportSection[] {
  const t = assessmentTimescales(all, windowEnd, calendar);
  const open = all.filter((a) => openOn(a, asOf)).sort((a, b) => (a.acceptedOn! < b.acceptedOn! ? -1 : 1));
  return [
    {
      number: '3.1', title: 'DCC assessment timescales', subsections: [],
      blocks: [
        paragraph(`${windowLabel}. Durations in Working Days by the Code's rule (weekends, bank holidays and paused days excluded).`),
        table(['Assessments', 'Total', 'Average Working Days'], [
          ['Preliminary Assessments open', String(t.preliminaryOpen.count), whole(t.preliminaryOpen)],
          ['Preliminary Assessments completed in the last 12 months', String(t.preliminaryCompleted.count), whole(t.preliminaryCompleted)],
          ['Impact Assessments open', String(t.impactOpen.count), whole(t.impactOpen)],
          ['Impact Assessments completed in the last 12 months', String(t.impactCompleted.count), whole(t.impactCompleted)],
        ], 'No assessments.'),
      ],
    },
    {
      number: '3.2', title: 'Open DCC assessments', subsections: [],
      blocks: [table(['Proposal', 'Assessment', 'Change request', 'Accepted', 'Target completion', 'Target (Working Days)', `Current duration on ${formatDate(asOf)}`, 'Status'],
        open.map((a) => [
          a.reference, TYPE[a.type], a.changeRequest ?? '—', formatDate(a.acceptedOn), formatDate(targetCompletionOn(a, calendar)),
          String(a.targetWorkingDays), String(elapsedWorkingDays(a, asOf, calendar) ?? '—'), slaOn(a, asOf, calendar).status.replace(/_/g, ' ').toLowerCase(),
        ]), 'No open assessments.')],
    },
  ];
}

/**
 * Appendix A, the DCC's report: open assessments that are late or expected late, with revised
 * dates and commentary; Code Performance Measure 9 for the previous month.
 */
export function appendixA(all: readonly ReportAssessment[], asOf: LocalDate, previous: YearMonth, previousLabel: string, calendar: WorkingCalendar): ReportSection {
  const delayed = all.filter((a) => {
    if (!openOn(a, asOf)) return false;
    const target = targetCompletionOn(a, calendar);
    return slaOn(a, asOf, calendar).status === 'OVERDUE' || (target !== null && a.expectedCompletionOn !== null && a.expectedCompletionOn > target);
  });
  const cpm = codePerformanceMeasure(all, previous, calendar);
  const cpmText = cpm.percentage === null
    ? `${previousLabel}: None to report (no DCC Assessment fell due).`
    : `${previousLabel}: ${cpm.completedWithinTarget} of ${cpm.due} DCC Assessments due were completed within the required timescales (${cpm.percentage}%; target and minimum service level 100%).`;
  return {
    number: 'Appendix A:', title: 'DCC Preliminary Assessments and Impact Assessments', blocks: [],
    subsections: [
      {
        number: 'A.1', title: 'Open and delayed assessments', subsections: [],
        blocks: [table(['Proposal', 'Assessment', 'Change request', 'Target completion', 'Expected completion', 'DCC commentary'],
          delayed.map((a) => [a.reference, TYPE[a.type], a.changeRequest ?? '—', formatDate(targetCompletionOn(a, calendar)), formatDate(a.expectedCompletionOn), a.commentary ?? '']),
          'No open assessment is late or expected late.')],
      },
      { number: 'A.2', title: 'Code Performance Measure 9', subsections: [], blocks: [paragraph(cpmText)] },
    ],
  };
}
