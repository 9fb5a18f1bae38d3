import type { ReportDocument } from '../document/report-document';

/** The rows of a paper's title block, as every format prints them. */
export function titleBlock(doc: ReportDocument): ReadonlyArray<readonly [string, string]> {
  return [
    ['Reference', doc.reference],
    ['Date', doc.date],
    ['Panel', doc.panel ?? '—'],
    ['Action', doc.frame.action],
    ['Author', doc.frame.author],
    ['Attachments', doc.frame.attachments.join('; ') || 'None'],
  ];
}
