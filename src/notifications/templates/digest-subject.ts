import type { ConsultationLine, Digest } from '../digest';
import { count, formatWhen } from './format';

/**
 * What needs doing, most urgent first: "3 overdue assessments, 1 consultation opens Monday".
 * Only the parts the digest holds; a day with news but nothing late says what changed.
 */
export function digestSubject(d: Digest): string {
  const parts: string[] = [];
  const overdue = d.assessments.filter((a) => a.status === 'OVERDUE').length;
  const dueSoon = d.assessments.length - overdue;
  if (overdue) parts.push(`${count(overdue, 'overdue assessment')}`);
  if (dueSoon) parts.push(`${count(dueSoon, 'assessment')} due soon`);
  const returned = d.changes.filter((c) => c.change.startsWith('RETURNED')).length;
  if (returned) parts.push(`${count(returned, 'assessment')} returned`);
  if (parts.length === 0 && d.changes.length) parts.push(`${count(d.changes.length, 'SLA change')}`);
  for (const event of ['OPENS', 'CLOSES'] as const) {
    const lines = d.consultations.filter((c) => c.event === event);
    if (lines.length) parts.push(consultationPart(lines, event, d.day));
  }
  if (d.deadlines.length) {
    const first = d.deadlines[0]!;
    parts.push(`Working Group ${first.deadline === 'AGENDA' ? 'agenda' : 'papers'} due ${formatWhen(first.on, d.day)}`);
  }
  if (d.refinement.length) parts.push(`${count(d.refinement.length, 'proposal')} at risk in Refinement`);
  return parts.join(', ');
}

/**
 * "1 consultation opens today"; on several days, each day's own count ("3 consultations open (1
 * today, 2 on 19 April)"), never one day's word for them all.
 */
function consultationPart(lines: ConsultationLine[], event: 'OPENS' | 'CLOSES', today: string): string {
  const verb = event === 'OPENS' ? (lines.length === 1 ? 'opens' : 'open') : lines.length === 1 ? 'closes' : 'close';
  const days = [...new Set(lines.map((l) => l.on))];
  if (days.length === 1) return `${count(lines.length, 'consultation')} ${verb} ${formatWhen(days[0]!, today)}`;
  const onDay = (d: string) => {
    const when = formatWhen(d, today);
    return when === 'today' || when === 'tomorrow' ? when : `on ${when}`;
  };
  return `${count(lines.length, 'consultation')} ${verb} (${days.map((d) => `${lines.filter((l) => l.on === d).length} ${onDay(d)}`).join(', ')})`;
}
