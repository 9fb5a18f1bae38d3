import { type Block, type Cell, numberFootnotes, type ReportDocument, type ReportSection } from '../document/report-document';

/** Pipes and line breaks would end a cell early. */
const escapeCell = (text: string) => text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

export function renderMarkdown(doc: ReportDocument): string {
  const { notes, numbers } = numberFootnotes(doc);
  const cell = (c: Cell) => (typeof c === 'string' ? escapeCell(c) : `${escapeCell(c.text)}[^${numbers.get(c.footnote)}]`);
  const block = (b: Block): string => {
    switch (b.kind) {
      case 'paragraph':
        return b.text;
      case 'none':
        return `_${b.text}_`;
      case 'table':
        return [`| ${b.header.map(escapeCell).join(' | ')} |`, `|${b.header.map(() => '---').join('|')}|`, ...b.rows.map((r) => `| ${r.map(cell).join(' | ')} |`)].join('\n');
    }
  };
  const section = (s: ReportSection, depth: number): string =>
    [`${'#'.repeat(depth)} ${s.number} ${s.title}`, ...s.blocks.map(block), ...s.subsections.map((sub) => section(sub, depth + 1))].join('\n\n');
  const title = [
    `# ${doc.title}`,
    `| | |\n|---|---|\n| Reference | ${escapeCell(doc.reference)} |\n| Date | ${escapeCell(doc.date)} |\n| Panel | ${escapeCell(doc.panel ?? '—')} |\n| Purpose | ${doc.purpose} |`,
  ];
  const footnotes = notes.map((n, i) => `[^${i + 1}]: ${n.replace(/\r?\n/g, ' ')}`);
  return [...title, ...doc.sections.map((s) => section(s, 2)), ...(footnotes.length ? [footnotes.join('\n')] : [])].join('\n\n') + '\n';
}
