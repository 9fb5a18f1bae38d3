import { emailFrame } from '../notifications/templates/email-frame.mjml';
import { escapeHtml as e } from '../notifications/templates/escape';
import { type RenderedMessage, renderMjml } from '../notifications/templates/render-digest';
import type { ReportDocument } from './document/report-document';
import { titleBlock } from './render/title-block';

/**
 * The email that circulates a Panel paper (scheduled, or on an admin's word): the paper's title block, what it holds, and the
 * PDF attached (by the send job, from the report's row). The paper itself is the attachment; the
 * email only says what it is.
 */
export async function renderReportEmail(doc: ReportDocument, fileName: string): Promise<RenderedMessage> {
  const subject = `${doc.title}${doc.panel ? ` (for the ${doc.panel})` : ''}`;
  const facts: Array<[string, string]> = [...titleBlock(doc).map(([k, v]) => [k, v] as [string, string]), ['Purpose', doc.frame.purpose], ['Recommendation', doc.frame.recommendation]];
  const contents = doc.sections.map((s) => `${s.number} ${s.title}`);
  const text = [
    subject,
    '',
    ...facts.map(([k, v]) => `${k}: ${v}`),
    '',
    `The paper is attached as ${fileName}. It holds:`,
    ...contents.map((c) => `  ${c}`),
    '',
    'Every figure is by the Smart Energy Code: Working Days exclude weekends and England and Wales bank holidays.',
    'Sent to you by the SEC modification tracker.',
  ].join('\n');
  const row = ([k, v]: [string, string]) =>
    `<tr><td style="padding:4px 8px;color:#1d3b5a;font-weight:bold;font-size:13px;width:90px">${e(k)}</td><td style="padding:4px 8px;font-size:13px">${e(v)}</td></tr>`;
  const html = await renderMjml(emailFrame({
    subject,
    width: 640,
    kicker: 'Paper for the SEC Panel',
    heading: doc.title,
    body: `<mj-table padding="12px 16px" cellpadding="0" cellspacing="0">${facts.map(row).join('')}</mj-table>
        <mj-text font-size="14px" padding="8px 24px">The paper is attached as <strong>${e(fileName)}</strong>. It holds:</mj-text>
        <mj-text font-size="13px" padding="0 24px" line-height="1.6">${contents.map((c) => e(c)).join('<br>')}</mj-text>`,
    footer: 'Every figure is by the Smart Energy Code: Working Days exclude weekends and England and Wales bank holidays. Sent by the SEC modification tracker.',
  }));
  return { subject, text, html };
}
