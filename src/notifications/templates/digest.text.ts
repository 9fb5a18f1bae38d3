import type { Digest } from '../digest';
import { changeWords, consultationWords, deadlineWords, overOrLeft, refinementWords } from './digest-words';
import { ASSESSMENT_ABBREVIATION, ASSESSMENT_TYPE, formatDate, formatLongDate } from './format';

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
