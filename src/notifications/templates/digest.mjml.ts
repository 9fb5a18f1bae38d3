import type { Digest } from '../digest';
import { emailFrame } from './email-frame.mjml';
import { escapeHtml as e } from './escape';
import { ASSESSMENT_ABBREVIATION, ASSESSMENT_TYPE, formatDate, formatLongDate } from './format';
import { changeWords, consultationWords, deadlineWords, overOrLeft, refinementWords } from './digest-words';

const TH = 'style="text-align:left;padding:6px 8px;border-bottom:2px solid #1d3b5a;font-size:13px;color:#1d3b5a"';
const TD = 'style="padding:6px 8px;border-bottom:1px solid #d8dee4;font-size:13px;vertical-align:top"';
const NOTE = 'style="padding:0 8px 8px 8px;border-bottom:1px solid #d8dee4;font-size:12px;color:#4a5560"';

function heading(text: string): string {
  return `<mj-text font-size="17px" font-weight="bold" color="#1d3b5a" padding="18px 24px 6px 24px">${e(text)}</mj-text>`;
}

function table(header: string[], rows: string[]): string {
  const head = `<tr>${header.map((h) => `<th ${TH}>${e(h)}</th>`).join('')}</tr>`;
  return `<mj-table padding="0 24px" cellpadding="0" cellspacing="0">${head}${rows.join('')}</mj-table>`;
}

const cell = (text: string | number | null) => `<td ${TD}>${e(text)}</td>`;
const proposal = (reference: string, title: string | null) =>
  `<td ${TD}><strong>${e(reference)}</strong>${title ? `<br><span style="color:#4a5560">${e(title)}</span>` : ''}</td>`;

/**
 * The HTML part, as MJML: tables that Outlook and Gmail lay out alike. Every value is escaped
 * here (MJML passes text through as HTML).
 */
export function digestMjml(d: Digest, subject: string): string {
  const parts: string[] = [];
  if (d.changes.length) {
    parts.push(heading(`What changed since ${formatLongDate(d.since)}`));
    parts.push(table(['Proposal', 'Assessment', 'Change', 'On'], d.changes.map((c) =>
      `<tr>${proposal(c.reference, c.title)}${cell(`${ASSESSMENT_ABBREVIATION[c.type]}${c.changeRequest ? ` ${c.changeRequest}` : ''}`)}${cell(changeWords(c))}${cell(formatDate(c.on))}</tr>`)));
  }
  if (d.assessments.length) {
    parts.push(heading(`Overdue and due-soon assessments (${d.assessments.length})`));
    parts.push(table(['Proposal', 'Assessment', 'Accepted', 'Target', 'Position', 'DCC expects'], d.assessments.map((a) => {
      const colour = a.status === 'OVERDUE' ? '#b3261e' : '#8a5a00';
      const row = `<tr>${proposal(a.reference, a.title)}${cell(`${ASSESSMENT_TYPE[a.type]}${a.changeRequest ? ` (${a.changeRequest})` : ''}`)}` +
        `${cell(formatDate(a.acceptedOn))}${cell(formatDate(a.targetOn))}` +
        `<td ${TD}><strong style="color:${colour}">${e(overOrLeft(a))}</strong></td>${cell(formatDate(a.expectedCompletionOn))}</tr>`;
      const commentary = a.commentary ? `<tr><td colspan="6" ${NOTE}><em>DCC commentary:</em> ${e(a.commentary)}</td></tr>` : '';
      return row + commentary;
    })));
  }
  if (d.consultations.length) {
    parts.push(heading('Consultations opening or closing soon'));
    parts.push(table(['Proposal', 'Consultation'], d.consultations.map((c) => `<tr>${proposal(c.reference, c.title)}${cell(consultationWords(c, d.day))}</tr>`)));
  }
  if (d.deadlines.length) {
    parts.push(heading('Working Group deadlines'));
    parts.push(table(['Deadline', 'Agenda'], d.deadlines.map((dl) => `<tr>${cell(deadlineWords(dl))}${cell(dl.agenda.join(', ') || '—')}</tr>`)));
  }
  if (d.refinement.length) {
    parts.push(heading(`Refinement at risk of the 'black hole' (${d.refinement.length})`));
    parts.push(table(['Proposal', 'Why'], d.refinement.map((r) => `<tr>${proposal(r.reference, r.title)}${cell(refinementWords(r))}</tr>`)));
  }
  return emailFrame({
    subject,
    width: 760,
    kicker: `SEC modification digest for ${d.group}`,
    heading: formatLongDate(d.day),
    body: `<mj-text font-size="15px" padding="16px 24px 0 24px">${e(subject)}.</mj-text>
        ${parts.join('\n        ')}`,
    footer: `Working Days by the Smart Energy Code: weekends and England and Wales bank holidays excluded. Sent to the ${d.group} group by the SEC modification tracker.`,
  });
}
