import type { LocalDate, YearMonth } from '../calendar/local-date';
import type { WorkingCalendar } from '../calendar/working-calendar';
import type { PaperFrame } from './paper/paper-frame';

/** What every section of one build knows: which paper it is, its date and its calendar. */
export interface ReportFrame {
  period: YearMonth;
  version: number;
  /** The report's date: every figure is as of this day. */
  asOf: LocalDate;
  /** The month before the period: its decisions, its CPM9, the end of the 12-month windows. */
  previous: YearMonth;
  /** "April 2021", "March 2021". */
  periodLabel: string;
  previousLabel: string;
  /** The period's Panel meeting, the one this paper goes to. */
  panel: { id: string; date: LocalDate; number: number | null } | null;
  calendar: WorkingCalendar;
  /** The version's title block: its reference, author, purpose, recommendation, attachments. */
  paper: PaperFrame;
}

const MONTH_NAME = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', month: 'long', year: 'numeric' });

/** 2021-04 -> April 2021 */
export const monthName = (period: YearMonth): string => MONTH_NAME.format(new Date(`${period}-01T00:00:00Z`));
