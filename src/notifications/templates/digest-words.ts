import type { AssessmentLine, ChangeLine, ConsultationLine, DeadlineLine, RefinementLine } from '../digest';
import { CONSULTATION_KIND, count, formatDate, formatWhen } from './format';

/** The words of each line of a digest, shared by its text and HTML parts so that the two say the same. */
const CHANGE_WORDS: Record<ChangeLine['change'], string> = {
  NEWLY_OVERDUE: 'now overdue',
  NEWLY_DUE_SOON: 'now due soon',
  RETURNED_ON_TIME: 'returned on time',
  RETURNED_LATE: 'returned late',
  RETURNED: 'returned',
};

export const changeWords = (c: ChangeLine) => CHANGE_WORDS[c.change];

/** "48 Working Days over" / "2 Working Days left". */
export function overOrLeft(a: AssessmentLine): string {
  return a.status === 'OVERDUE' ? `${count(a.workingDaysOver, 'Working Day')} over` : `${count(a.workingDaysLeft, 'Working Day')} left`;
}

export const consultationWords = (c: ConsultationLine, today: string) =>
  `${CONSULTATION_KIND[c.kind] ?? c.kind} ${c.event === 'OPENS' ? 'opens' : 'closes'} ${formatWhen(c.on, today)} (${formatDate(c.on)})`;

export const deadlineWords = (d: DeadlineLine) =>
  `${d.deadline === 'AGENDA' ? 'Agenda to be confirmed' : 'Papers to be published'} by ${formatDate(d.on)} for the Working Group of ${formatDate(d.meetingOn)}`;

export const refinementWords = (r: RefinementLine) =>
  r.problem === 'PAST_RETURN_MONTH' ? `work package was due back at the Panel in ${r.returnToPanelMonth}` : 'no open work package';
