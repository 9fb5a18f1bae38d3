import type { AssessmentLine, ChangeLine, ConsultationLine, DeadlineLine, Digest, RefinementLine } from '../digest';
import {
  ASSESSMENT_ABBREVIATION, ASSESSMENT_TYPE, CONSULTATION_KIND, count, formatDate, formatLongDate, formatWhen,
} from './format';

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

const titled = (reference: string, title: string | null) => (title ? `${reference} ${title}` : reference);

/** The plain-text part: the same content as the HTML, readable in any client and in a terminal. */
export function digestText(d: Digest, subject: string): string {
  const out: string[] = [`SEC modification digest for ${d.group}: ${formatLongDate(d.day)}`, subject, ''];
  if (d.changes.length) {
    out.push(`WHAT CHANGED SINCE ${formatLongDate(d.since).toUpperCase()}`);
    for (const c of d.changes) {
      out.push(`- ${c.reference} ${ASSESSMENT_ABBREVIATION[c.type]}${c.changeRequest ? ` (${c.changeRequest})` : ''}: ${changeWords(c)} on ${formatDate(c.on)}`);
    }
    out.push('');
  }
  if (d.assessments.length) {
    out.push(`OVERDUE AND DUE-SOON ASSESSMENTS (${d.assessments.length})`);
    for (const a of d.assessments) {
      out.push(`- ${titled(a.reference, a.title)}`);
      out.push(`  ${ASSESSMENT_TYPE[a.type]}${a.changeRequest ? `, ${a.changeRequest}` : ''}: ${a.status === 'OVERDUE' ? 'OVERDUE' : 'DUE SOON'}, ${overOrLeft(a)}`);
      out.push(`  Accepted ${formatDate(a.acceptedOn)}; target ${formatDate(a.targetOn)}; DCC expects ${formatDate(a.expectedCompletionOn)}`);
      if (a.commentary) out.push(`  DCC commentary: ${a.commentary}`);
    }
    out.push('');
  }
  if (d.consultations.length) {
    out.push('CONSULTATIONS');
    for (const c of d.consultations) out.push(`- ${titled(c.reference, c.title)}: ${consultationWords(c, d.day)}`);
    out.push('');
  }
  if (d.deadlines.length) {
    out.push('WORKING GROUP DEADLINES');
    for (const dl of d.deadlines) out.push(`- ${deadlineWords(dl)}${dl.agenda.length ? ` (agenda: ${dl.agenda.join(', ')})` : ''}`);
    out.push('');
  }
  if (d.refinement.length) {
    out.push(`REFINEMENT AT RISK OF THE 'BLACK HOLE' (${d.refinement.length})`);
    for (const r of d.refinement) out.push(`- ${titled(r.reference, r.title)}: ${refinementWords(r)}`);
    out.push('');
  }
  out.push('Working Days by the Smart Energy Code: weekends and England and Wales bank holidays excluded.');
  out.push(`Sent to the ${d.group} group by the SEC modification tracker.`);
  return out.join('\n') + '\n';
}
