import PDFDocument from 'pdfkit';
import { type Block, type Cell, longColumns, numberFootnotes, type ReportDocument, type ReportSection } from '../document/report-document';
import type { Picture } from '../document/picture';
import { FONT_FILES, printable } from './pdf-fonts';
import { layOut, type Shape } from './picture-layout';
import { titleBlock } from './title-block';

/**
 * The PDF, made in Node alone with pdfkit, because a reader with a screen reader must be able to
 * use it: tagged (its structure tree holds the headings, paragraphs, lists, tables with their
 * header cells, and the pictures as figures with alternative text), in en-GB, its fonts embedded
 * (DejaVu Sans: Latin, Greek, Cyrillic and the symbols a register holds), page furniture marked
 * as artifacts. pdfmake could not tag; pdfkit, on which it is built, can. Tables are laid out
 * here so that a header repeats on every page a table spans and no page holds a lone row.
 */
type Doc = PDFKit.PDFDocument;
type Struct = PDFKit.PDFStructureElement;

const NAVY = '#1d3b5a';
const INK = '#1d2730';
const MUTED = '#4a5560';
const RULE = '#c9d1d9';
const M = { top: 50, bottom: 56, left: 45, right: 45 };
const BODY = 9.5;
const CELL = 8;
const PAD = 3;

export async function renderPdf(doc: ReportDocument): Promise<Buffer> {
  const pdf = new PDFDocument({
    size: 'A4', margins: M, bufferPages: true, tagged: true, lang: 'en-GB', pdfVersion: '1.7', displayTitle: true,
    font: FONT_FILES.regular,
    info: { Title: doc.title, Subject: doc.reference, Author: doc.frame.author, Creator: 'SEC modification tracker' },
  });
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    pdf.on('end', resolve);
    pdf.on('error', reject);
  });
  new Writer(pdf, doc).write();
  pdf.end();
  await ended;
  return Buffer.concat(chunks);
}

class Writer {
  private readonly root: Struct;
  private readonly notes: string[];
  private readonly numbers: Map<string, number>;
  private readonly width: number;

  constructor(private readonly pdf: Doc, private readonly doc: ReportDocument) {
    this.root = pdf.struct('Document');
    pdf.addStructure(this.root);
    ({ notes: this.notes, numbers: this.numbers } = numberFootnotes(doc));
    this.width = pdf.page.width - M.left - M.right;
  }

  write(): void {
    const { doc } = this;
    this.text(this.root, 'H1', doc.title, { font: 'bold', size: 19, color: NAVY, after: 8 });
    this.table(this.root, { header: null, rows: titleBlock(doc).map(([k, v]) => [k, v]), rowHeaders: true, plain: true });
    this.text(this.root, 'P', `Purpose: ${doc.frame.purpose}`, { size: BODY, after: 5 });
    this.text(this.root, 'P', doc.frame.recommendation, { font: 'bold', size: BODY, color: NAVY, after: 8 });
    for (const s of doc.sections) this.section(this.root, s, 2);
    if (this.notes.length) {
      const sect = this.child(this.root, 'Sect');
      this.heading(sect, 'Notes', 3);
      this.list(sect, this.notes, true, { size: 7.5, color: MUTED });
      sect.end();
    }
    this.footers();
    this.root.end();

  }

  private child(parent: Struct, type: string, options: { alt?: string; scope?: 'Row' | 'Column' } = {}): Struct {
    // pdfkit reads `scope` (a header cell's Table attribute); its typings do not list it.
    const el = this.pdf.struct(type as never, options as { alt?: string });
    parent.add(el);
    return el;
  }

  /** Room left on the page, in points. */
  private room(): number {
    return this.pdf.page.height - M.bottom - this.pdf.y;
  }

  private newPage(): void {
    this.pdf.addPage();
    this.pdf.x = M.left;
  }

  private section(parent: Struct, s: ReportSection, level: number): void {
    const sect = this.child(parent, 'Sect');
    // The DCC's appendix is a paper of its own: it starts a page.
    if (s.number.startsWith('Appendix') && this.pdf.y > M.top + 1) this.newPage();
    this.heading(sect, `${s.number} ${s.title}`, level);
    for (const b of s.blocks) this.block(sect, b);
    for (const sub of s.subsections) this.section(sect, sub, level + 1);
    sect.end();
  }

  /** A heading never ends a page: with too little room for it and a few lines after it, it starts the next. */
  private heading(parent: Struct, text: string, level: number): void {
    const size = level <= 2 ? 14 : level === 3 ? 11.5 : 10.5;
    this.pdf.moveDown(level <= 2 ? 0.6 : 0.4);
    if (this.room() < size * 2 + 70) this.newPage();
    this.text(parent, `H${Math.min(level, 6)}`, text, { font: 'bold', size, color: NAVY, after: 4 });
  }

  private block(parent: Struct, b: Block): void {
    switch (b.kind) {
      case 'paragraph':
        return this.text(parent, 'P', b.text, { size: BODY, after: 5, footnotes: b.footnotes });
      case 'none':
        return this.text(parent, 'P', b.text, { font: 'italic', size: BODY, color: MUTED, after: 5 });
      case 'list':
        return this.list(parent, b.items, b.ordered, { size: BODY });
      case 'table':
        return this.table(parent, { header: b.header, rows: b.rows, long: longColumns(b) });
      case 'figure':
        return this.figure(parent, b.picture, b.alt, b.caption);
    }
  }

  /** The footnotes' numbers, as printed after what they qualify: "1,2". */
  private marks(notes: readonly string[] | undefined): string {
    return (notes ?? []).map((n) => this.numbers.get(n)).join(',');
  }

  private text(parent: Struct, type: string, text: string, o: { font?: keyof typeof FONT_FILES; size: number; color?: string; after?: number; footnotes?: readonly string[] }): void {
    const { pdf } = this;
    pdf.font(FONT_FILES[o.font ?? 'regular']).fontSize(o.size).fillColor(o.color ?? INK);
    const el = this.child(parent, type);
    el.add(pdf.markStructureContent(type));
    const options = { width: this.width, lineGap: 1.5 };
    const marks = this.marks(o.footnotes);
    if (marks) {
      pdf.text(printable(text), M.left, pdf.y, { ...options, continued: true });
      pdf.fontSize(o.size * 0.7).text(marks, { ...options, continued: false });
    } else {
      pdf.text(printable(text), M.left, pdf.y, options);
    }
    pdf.endMarkedContent();
    el.end();
    pdf.y += o.after ?? 0;
  }

  private list(parent: Struct, items: readonly string[], ordered: boolean, o: { size: number; color?: string }): void {
    const { pdf } = this;
    pdf.font(FONT_FILES.regular).fontSize(o.size).fillColor(o.color ?? INK);
    const list = this.child(parent, 'L');
    pdf.list(items.map(printable), M.left + 2, pdf.y, {
      listType: ordered ? 'numbered' : 'bullet', structParent: list, width: this.width - 4, lineGap: 1, bulletRadius: 1.6, textIndent: 14,
    } as PDFKit.Mixins.TextOptions);
    list.end();
    pdf.x = M.left;
    pdf.y += 5;
  }

  /**
   * A table, tagged Table > THead/TBody > TR > TH/TD. Short columns (a date, a figure) keep to
   * their widest cell; long ones share what is left. Rows never split; a row that does not fit
   * starts a page whose first row is the header again (an artifact there: it was read once),
   * and the break moves up a row rather than leave one row alone on a page.
   */
  private table(parent: Struct, t: { header: readonly string[] | null; rows: ReadonlyArray<readonly Cell[]>; long?: boolean[]; rowHeaders?: boolean; plain?: boolean }): void {
    const { pdf } = this;
    const columns = (t.header ?? t.rows[0] ?? []).length;
    const widths = this.columnWidths(t, columns);
    const cellFont = t.plain ? BODY : CELL;
    const heightOf = (row: readonly Cell[], bold: boolean) => Math.max(...row.map((c, i) => {
      pdf.font(FONT_FILES[bold || (t.rowHeaders && i === 0) ? 'bold' : 'regular']).fontSize(cellFont);
      return pdf.heightOfString(this.cellString(c), { width: widths[i]! - 2 * PAD, lineGap: 1 });
    })) + 2 * PAD;
    const headerHeight = t.header ? heightOf(t.header, true) : 0;
    const heights = t.rows.map((r) => heightOf(r, false));
    const table = this.child(parent, 'Table');
    const head = t.header ? this.child(table, 'THead') : null;
    // The header and at least two rows (or all there are) start together.
    const opening = headerHeight + heights.slice(0, 2).reduce((a, b) => a + b, 0);
    if (this.room() < opening && this.pdf.y > M.top + 1) this.newPage();
    if (t.header && head) {
      this.row(head, t.header, widths, headerHeight, { header: true, font: cellFont });
      head.end();
    }
    const body = this.child(table, 'TBody');
    let onPage = 0;
    for (let i = 0; i < t.rows.length; i++) {
      const fitsHere = (n: number) => heights.slice(i, i + n).reduce((a, b) => a + b, 0) <= this.room();
      // The last row alone on the next page: take the row before it along.
      const breakNow = !fitsHere(1) || (i === t.rows.length - 2 && fitsHere(1) && !fitsHere(2) && onPage >= 2);
      if (breakNow && onPage > 0) {
        this.newPage();
        onPage = 0;
        if (t.header) this.row(null, t.header, widths, headerHeight, { header: true, font: cellFont });
      }
      this.row(body, t.rows[i]!, widths, heights[i]!, { rowHeader: t.rowHeaders ?? false, font: cellFont, plain: t.plain ?? false });
      onPage++;
    }
    body.end();
    table.end();
    pdf.x = M.left;
    pdf.y += t.plain ? 6 : 8;
  }

  private columnWidths(t: { header: readonly string[] | null; rows: ReadonlyArray<readonly Cell[]>; long?: boolean[]; rowHeaders?: boolean; plain?: boolean }, columns: number): number[] {
    const { pdf } = this;
    if (t.rowHeaders) return [80, this.width - 80];
    const long = t.long ?? Array(columns).fill(false);
    pdf.fontSize(CELL);
    const natural = Array.from({ length: columns }, (_, i) => {
      pdf.font(FONT_FILES.regular);
      const cells = Math.max(0, ...t.rows.map((r) => pdf.widthOfString(this.cellString(r[i] ?? ''))));
      pdf.font(FONT_FILES.bold);
      // A header wraps by word above a column of short figures.
      const word = Math.max(0, ...(t.header?.[i] ?? '').split(/\s+/).map((w) => pdf.widthOfString(w)));
      // A little slack: a word measured to the point may still wrap at exactly its width.
      return Math.min(Math.max(cells, word) + 2 * PAD + 3, this.width / 3);
    });
    // Where the long columns keep room enough, a short column's header stays on one line.
    pdf.font(FONT_FILES.bold);
    const roomy = natural.map((w, i) => (long[i] ? w : Math.max(w, Math.min(pdf.widthOfString(t.header?.[i] ?? '') + 2 * PAD + 3, this.width / 4))));
    const longCount = long.filter(Boolean).length;
    const roomyFixed = roomy.reduce((a, w, i) => a + (long[i] ? 0 : w), 0);
    if (longCount > 0 && this.width - roomyFixed >= longCount * 150) natural.splice(0, natural.length, ...roomy);
    const fixed = natural.reduce((a, w, i) => a + (long[i] ? 0 : w), 0);
    if (longCount === 0) {
      // No long column: spread what is left over every column.
      const spare = Math.max(0, this.width - fixed) / columns;
      return natural.map((w) => w + spare);
    }
    const share = Math.max(60, (this.width - fixed) / longCount);
    return natural.map((w, i) => (long[i] ? share : w));
  }

  private cellString(c: Cell): string {
    return typeof c === 'string' ? printable(c) : `${printable(c.text)}${this.marks(c.footnotes)}`;
  }

  /** One row at the current height; `parent` null draws it as an artifact (a header repeated on a new page). */
  private row(parent: Struct | null, cells: readonly Cell[], widths: number[], height: number, o: { header?: boolean; rowHeader?: boolean; font: number; plain?: boolean }): void {
    const { pdf } = this;
    const y = pdf.y;
    const tr = parent ? this.child(parent, 'TR') : null;
    let x = M.left;
    if (o.header) {
      pdf.markContent('Artifact', { type: 'Layout' });
      pdf.rect(M.left, y, widths.reduce((a, b) => a + b, 0), height).fill(NAVY);
      pdf.endMarkedContent();
    }
    cells.forEach((c, i) => {
      const isHeader = o.header || (o.rowHeader && i === 0);
      const type = isHeader ? 'TH' : 'TD';
      const cell = tr ? this.child(tr, type, isHeader ? { scope: o.header ? 'Column' : 'Row' } : {}) : null;
      if (cell) cell.add(pdf.markStructureContent(type));
      else pdf.markContent('Artifact', { type: 'Pagination' });
      const colour = o.header ? '#ffffff' : o.rowHeader && i === 0 ? NAVY : INK;
      pdf.font(FONT_FILES[isHeader ? 'bold' : 'regular']).fontSize(o.font).fillColor(colour);
      const options = { width: widths[i]! - 2 * PAD, lineGap: 1 };
      if (typeof c === 'string') {
        pdf.text(printable(c), x + PAD, y + PAD, options);
      } else {
        // The footnote's number follows its figure, smaller and top-aligned: a superscript.
        pdf.text(printable(c.text), x + PAD, y + PAD, { ...options, continued: true });
        pdf.fontSize(o.font * 0.72).text(this.marks(c.footnotes), { ...options, continued: false });
      }
      pdf.endMarkedContent();
      cell?.end();
      x += widths[i]!;
    });
    tr?.end();
    if (!o.plain) {
      pdf.markContent('Artifact', { type: 'Layout' });
      pdf.moveTo(M.left, y + height).lineTo(x, y + height).lineWidth(0.5).strokeColor(RULE).stroke();
      pdf.endMarkedContent();
    }
    pdf.x = M.left;
    pdf.y = y + height;
  }

  /** A picture as vectors, whole on one page with its caption, tagged as a Figure with its alternative text. */
  private figure(parent: Struct, picture: Picture, alt: string, caption: string): void {
    const { pdf } = this;
    const layout = layOut(picture);
    const scale = Math.min(1, this.width / layout.width);
    const height = layout.height * scale;
    if (this.room() < height + 30) this.newPage();
    const figure = this.child(parent, 'Figure', { alt: printable(alt) });
    figure.add(pdf.markStructureContent('Figure'));
    const [x0, y0] = [M.left, pdf.y];
    pdf.save();
    pdf.translate(x0, y0).scale(scale);
    for (const s of layout.shapes) this.shape(s);
    pdf.restore();
    pdf.endMarkedContent();
    figure.end();
    pdf.x = M.left;
    pdf.y = y0 + height + 4;
    this.text(parent, 'Caption', caption, { size: 7.5, color: MUTED, after: 8 });
  }

  private shape(s: Shape): void {
    const { pdf } = this;
    switch (s.kind) {
      case 'group':
        return s.shapes.forEach((c) => this.shape(c));
      case 'rect':
        pdf.rect(s.x, s.y, s.w, s.h).fill(s.fill);
        return;
      case 'circle':
        pdf.circle(s.cx, s.cy, s.r).fill(s.fill);
        return;
      case 'polygon':
        pdf.polygon(...s.points.map(([x, y]) => [x, y] as [number, number])).fill(s.fill);
        return;
      case 'line':
        pdf.moveTo(s.x1, s.y1).lineTo(s.x2, s.y2).lineWidth(s.width).strokeColor(s.stroke).stroke();
        return;
      case 'text': {
        pdf.font(FONT_FILES[s.italic ? 'italic' : 'regular']).fontSize(s.size).fillColor(s.fill);
        const text = printable(s.text);
        const width = pdf.widthOfString(text);
        // SVG places text by its baseline; pdfkit by the top of the line.
        pdf.text(text, s.anchor === 'end' ? s.x - width : s.x, s.y - s.size * 0.78, { lineBreak: false });
        return;
      }
    }
  }

  /** "<reference> · <title>" and "Page n of N" on every page, marked as pagination artifacts. */
  private footers(): void {
    const { pdf, doc } = this;
    const { start, count } = pdf.bufferedPageRange();
    for (let i = start; i < start + count; i++) {
      pdf.switchToPage(i);
      // Writing in the bottom margin must not start a page.
      const bottom = pdf.page.margins.bottom;
      pdf.page.margins.bottom = 0;
      pdf.markContent('Artifact', { type: 'Pagination', attached: ['Bottom'] } as never);
      pdf.font(FONT_FILES.regular).fontSize(7).fillColor(MUTED);
      const y = pdf.page.height - 34;
      pdf.text(printable(`${doc.reference} · ${doc.title}`), M.left, y, { width: this.width * 0.75, lineBreak: false });
      pdf.text(`Page ${i + 1} of ${count}`, M.left, y, { width: this.width, align: 'right', lineBreak: false });
      pdf.endMarkedContent();
      pdf.page.margins.bottom = bottom;
    }
  }
}


