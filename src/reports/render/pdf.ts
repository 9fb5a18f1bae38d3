import pdfmake from 'pdfmake';
import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import { type Block, type Cell, longColumns, numberFootnotes, type ReportDocument, type ReportSection } from '../document/report-document';
import { pictureSvg } from './svg';
import { titleBlock } from './title-block';
import { toWinAnsi as w } from './win-ansi';

/**
 * The PDF, made in Node alone with pdfmake (no browser to download or run): the standard
 * Helvetica (no font file), A4, table headers repeated on every page a table spans.
 */
const HELVETICA = { normal: 'Helvetica', bold: 'Helvetica-Bold', italics: 'Helvetica-Oblique', bolditalics: 'Helvetica-BoldOblique' };
pdfmake.setFonts({ Helvetica: HELVETICA });
// The report fetches nothing: no URL, and no local file but the standard fonts' metrics.
pdfmake.setUrlAccessPolicy(() => false);
const STANDARD_FONTS = new Set(Object.values(HELVETICA));
pdfmake.setLocalAccessPolicy((path) => STANDARD_FONTS.has(path));

const NAVY = '#1d3b5a';

export async function renderPdf(doc: ReportDocument): Promise<Buffer> {
  const { notes, numbers } = numberFootnotes(doc);
  // A short column's cells stay on one line ("Tue 1 Dec 2020"); the long columns wrap instead.
  const cell = (c: Cell, noWrap: boolean): TableCell =>
    typeof c === 'string' ? { text: w(c), noWrap } : { text: [w(c.text), { text: String(numbers.get(c.footnote)), sup: true }], noWrap };
  const block = (b: Block): Content => {
    switch (b.kind) {
      case 'paragraph':
        return { text: w(b.text), margin: [0, 0, 0, 6] };
      case 'none':
        return { text: w(b.text), italics: true, color: '#4a5560', margin: [0, 0, 0, 6] };
      case 'list':
        return b.ordered ? { ol: b.items.map(w), margin: [0, 0, 0, 6] } : { ul: b.items.map(w), margin: [0, 0, 0, 6] };
      case 'figure':
        // Vectors: the same SVG the HTML shows, kept whole on one page with its caption.
        return {
          stack: [{ svg: pictureSvg(b.picture, w(b.alt)), width: 505 }, { text: w(b.caption), fontSize: 8.5, color: '#4a5560', margin: [0, 2, 0, 8] }],
          unbreakable: true,
        };
      case 'table': {
        const columns = longColumns(b).map((long) => (long ? '*' : 'auto'));
        return {
          table: { headerRows: 1, keepWithHeaderRows: 1, dontBreakRows: true, widths: columns, body: [b.header.map((h) => ({ text: w(h), style: 'th' })), ...b.rows.map((r) => r.map((c, i) => cell(c, columns[i] === 'auto')))] },
          layout: { hLineWidth: () => 0.5, vLineWidth: () => 0, hLineColor: () => '#c9d1d9', fillColor: (row: number) => (row === 0 ? NAVY : null) },
          fontSize: 8.5, margin: [0, 2, 0, 10],
        };
      }
    }
  };
  const section = (s: ReportSection, depth: number): Content[] => [
    // The DCC's appendix is a paper of its own: it starts a page.
    {
      text: w(`${s.number} ${s.title}`), style: depth === 1 ? 'h2' : 'h3',
      // 1: a heading straight followed by another (it needs room for both), 2: any other.
      headlineLevel: s.blocks.length === 0 && s.subsections.length > 0 ? 1 : 2,
      ...(s.number.startsWith('Appendix') ? { pageBreak: 'before' as const } : {}),
    },
    ...s.blocks.map(block),
    ...s.subsections.flatMap((sub) => section(sub, depth + 1)),
  ];
  const titleRow = (k: string, v: string): TableCell[] => [{ text: k, bold: true, color: NAVY }, { text: w(v) }];
  const definition: TDocumentDefinitions = {
    pageSize: 'A4',
    pageMargins: [45, 50, 45, 50],
    info: { title: w(doc.title), subject: w(doc.reference), creator: 'SEC modification tracker' },
    defaultStyle: { font: 'Helvetica', fontSize: 10, lineHeight: 1.15, color: '#1d2730' },
    styles: {
      h1: { fontSize: 20, bold: true, color: NAVY, margin: [0, 0, 0, 10] },
      h2: { fontSize: 14, bold: true, color: NAVY, margin: [0, 14, 0, 6] },
      h3: { fontSize: 11.5, bold: true, color: NAVY, margin: [0, 8, 0, 4] },
      th: { bold: true, color: '#ffffff' },
    },
    // A heading never ends a page alone: one low on the page (lower still for one with a heading
    // straight after it), or with nothing after it there, starts the next page.
    pageBreakBefore: (node, queries) =>
      node.headlineLevel !== undefined &&
      (node.startPosition.verticalRatio > (node.headlineLevel === 1 ? 0.75 : 0.87) || queries.getFollowingNodesOnPage().length === 0),
    footer: (page, pages) => ({
      columns: [{ text: w(`${doc.reference} · ${doc.title}`) }, { text: `Page ${page} of ${pages}`, alignment: 'right' }],
      fontSize: 8, color: '#4a5560', margin: [45, 20, 45, 0],
    }),
    content: [
      { text: w(doc.title), style: 'h1' },
      {
        table: { widths: [70, '*'], body: titleBlock(doc).map(([k, v]) => titleRow(k, v)) },
        layout: 'noBorders', margin: [0, 0, 0, 8],
      },
      { text: [{ text: 'Purpose: ', bold: true }, w(doc.frame.purpose)], margin: [0, 0, 0, 6] },
      { text: w(doc.frame.recommendation), bold: true, color: NAVY, margin: [0, 0, 0, 10] },
      ...doc.sections.flatMap((s) => section(s, 1)),
      ...(notes.length
        ? [{ text: 'Notes', style: 'h3' } as Content, { ol: notes.map((n) => w(n)), fontSize: 8.5, color: '#4a5560' } as Content]
        : []),
    ],
  };
  return pdfmake.createPdf(definition).getBuffer();
}
