import type { Block, ReportDocument, ReportSection } from '../document/report-document';

/** Pipes and line breaks would end a cell early. */
const cell = (text: string) => text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

function block(b: Block): string {
  switch (b.kind) {
    case 'paragraph':
      return b.text;
    case 'none':
      return `_${b.text}_`;
    case 'table':
      return [`| ${b.header.map(cell).join(' | ')} |`, `|${b.header.map(() => '---').join('|')}|`, ...b.rows.map((r) => `| ${r.map(cell).join(' | ')} |`)].join('\n');
  }
}

function section(s: ReportSection, depth: number): string {
  const parts = [`${'#'.repeat(depth)} ${s.number} ${s.title}`, ...s.blocks.map(block), ...s.subsections.map((sub) => section(sub, depth + 1))];
  return parts.join('\n\n');
}

export function renderMarkdown(doc: ReportDocument): string {
  const title = [
    `# ${doc.title}`,
    `| | |\n|---|---|\n| Reference | ${cell(doc.reference)} |\n| Date | ${cell(doc.date)} |\n| Panel | ${cell(doc.panel ?? '—')} |\n| Purpose | ${doc.purpose} |`,
  ];
  return [...title, ...doc.sections.map((s) => section(s, 2))].join('\n\n') + '\n';
}
