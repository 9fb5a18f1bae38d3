import type { TimescaleFigure } from '../../sla/report-figures';
import type { PrintedFigure } from '../paper/printed-figure';
import { type Cell, noted } from './report-document';
import { wholeDays } from './words';

/** What a timescale row counts, in the paper's words, for its footnotes. */
export interface FigureSubject {
  /** "Preliminary Assessments open" */
  row: string;
  /** "assessments", "proposals" */
  things: string;
  /** The date a duration needs: "an acceptance date", "a raised date". */
  dateNeeded: string;
}

/**
 * A timescale row's Total and Average cells, by the register, with footnotes where they are not
 * the whole answer: an average the register cannot compute because it lacks the dates of some of
 * the set (shown as a dash, never as a mean of the few it has), and any figure that differs from
 * the one the paper printed, saying what was printed and why the register's differs.
 */
export function comparedTimescale(subject: FigureSubject, ours: TimescaleFigure, printed: PrintedFigure | undefined, printedNote: string | null = null): [Cell, Cell] {
  const complete = ours.averageWorkingDays !== null && ours.measured === ours.count;
  const average = complete ? wholeDays(ours.averageWorkingDays) : '—';
  const averageNotes: string[] = [];
  if (!complete && ours.count > 0) {
    averageNotes.push(`${subject.row}: no average can be computed. An average needs ${subject.dateNeeded} for each of the ${ours.count} ${subject.things}, and the register holds ` +
      `${ours.measured === 0 ? 'none' : `only ${ours.measured}`}${ours.measured > 0 && ours.averageWorkingDays !== null ? ` (whose mean is ${wholeDays(ours.averageWorkingDays)} Working Days)` : ''}.`);
  }
  const totalNotes: string[] = [];
  if (printed) {
    const printedAverage = printed.averageWorkingDays === null ? null : Math.round(printed.averageWorkingDays);
    const ourAverage = complete ? Math.round(ours.averageWorkingDays!) : null;
    if (printed.total !== ours.count || printedAverage !== ourAverage) {
      const said = [printed.total !== null ? `a total of ${printed.total}` : null, printedAverage !== null ? `an average of ${printedAverage} Working Days` : null].filter(Boolean).join(' and ');
      const why = [
        printed.total !== ours.count ? `the register holds ${ours.count} such ${subject.things}` : null,
        ourAverage !== null && printedAverage !== ourAverage
          ? `by the Code's rule (weekends, bank holidays and paused days excluded) the register's dates give an average of ${ourAverage}`
          : null,
      ].filter(Boolean).join('; ') || 'the register cannot compute the average (see the next note)';
      totalNotes.push(`${subject.row}: the paper printed ${said}; ${why}.${printedNote ? ` ${printedNote}` : ''}`);
    }
  }
  return [noted(String(ours.count), totalNotes), noted(average, averageNotes)];
}
