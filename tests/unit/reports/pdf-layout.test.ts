import { paragraph, type ReportDocument, section, table } from '../../../src/reports/document/report-document';
import { renderPdf } from '../../../src/reports/render/pdf';
import { allElements, readPdfStructure } from '../../support/pdf-structure';

/**
 * The PDF's tables across pages: whatever a table's length, no page holds one row of it alone
 * (a table that breaks takes the row before its last along), and each part under its header.
 */
const doc = (rows: number, lead: number): ReportDocument => ({
  title: 'Layout', reference: 'SECP_91_1604_14', date: 'Friday 9 April 2021', panel: null,
  frame: { author: 'SECAS Team', action: 'For Information', purpose: 'Tables across pages.', recommendation: 'NOTE.', attachments: [] },
  sections: [section('1', 'Rows', [
    ...Array.from({ length: lead }, (_, i) => paragraph(`Paragraph ${i + 1} before the table, long enough to wrap onto a second line of the page so that the table starts lower down.`)),
    table(['Proposal', 'Title', 'On'], Array.from({ length: rows }, (_, i) => [`MP${100 + i}`, `Proposal number ${i + 1}`, 'Fri 9 Apr 2021']), 'None.'),
  ])],
});

test.each([0, 3, 7])('after %i paragraphs, tables of 30 to 75 rows never leave a row alone on a page', async (lead) => {
  const lone: string[] = [];
  for (let rows = 30; rows <= 75; rows++) {
    const structure = await readPdfStructure(new Uint8Array(await renderPdf(doc(rows, lead))));
    const t = allElements(structure.root).filter((e) => e.role === 'Table').at(-1)!;
    const body = t.children.find((c) => c.role === 'TBody')!;
    const perPage = new Map<number, number>();
    for (const r of body.children) perPage.set(r.page!, (perPage.get(r.page!) ?? 0) + 1);
    expect([...perPage.values()].reduce((a, b) => a + b, 0)).toBe(rows);
    for (const [page, n] of perPage) if (n === 1) lone.push(`${rows} rows: page ${page}`);
  }
  expect(lone).toEqual([]);
}, 60_000);
