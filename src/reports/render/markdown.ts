import { type Block, type Cell, numberFootnotes, type ReportDocument, type ReportSection } from '../document/report-document';
import { titleBlock } from './title-block';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/**
 * The register's words as the text they are, wherever a Markdown viewer renders them: HTML (a
 * `<script>` in a title) becomes entities; the punctuation that makes links, images, emphasis,
 * code and table cells is backslash-escaped; what would start a block at the head of a line (a
 * heading, a list, a quote) is escaped there; line breaks, which could end a paragraph or a
 * table row, become spaces.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\s*\r?\n\s*/g, ' ')
    .replace(/[&<>]/g, (c) => ENTITIES[c]!)
    .replace(/[\\`*_[\]!|~]/g, '\\$&')
    .replace(/^(\s*)([#+=-]|\d+(?=[.)]))/, (_, space: string, lead: string) => (/\d/.test(lead) ? `${space}${lead}\\` : `${space}\\${lead}`));
}

export function renderMarkdown(doc: ReportDocument): string {
  const { notes, numbers } = numberFootnotes(doc);
  const marks = (list: readonly string[] | undefined) => (list ?? []).map((n) => `[^${numbers.get(n)}]`).join('');
  const cell = (c: Cell) => (typeof c === 'string' ? escapeMarkdown(c) : `${escapeMarkdown(c.text)}${marks(c.footnotes)}`);
  const block = (b: Block): string => {
    switch (b.kind) {
      case 'paragraph':
        return `${escapeMarkdown(b.text)}${marks(b.footnotes)}`;
      case 'none':
        return `_${escapeMarkdown(b.text)}_`;
      case 'list':
        return b.items.map((item, i) => `${b.ordered ? `${i + 1}.` : '-'} ${escapeMarkdown(item)}`).join('\n');
      case 'figure':
        // A picture is for the HTML and the PDF; here, what it shows.
        return `_Figure: ${escapeMarkdown(b.caption)}. ${escapeMarkdown(b.alt)}_`;
      case 'table':
        return [`| ${b.header.map(escapeMarkdown).join(' | ')} |`, `|${b.header.map(() => '---').join('|')}|`, ...b.rows.map((r) => `| ${r.map(cell).join(' | ')} |`)].join('\n');
    }
  };
  const section = (s: ReportSection, depth: number): string =>
    [`${'#'.repeat(depth)} ${s.number} ${escapeMarkdown(s.title)}`, ...s.blocks.map(block), ...s.subsections.map((sub) => section(sub, depth + 1))].join('\n\n');
  const title = [
    `# ${escapeMarkdown(doc.title)}`,
    ['| | |', '|---|---|', ...titleBlock(doc).map(([k, v]) => `| ${k} | ${escapeMarkdown(v)} |`)].join('\n'),
    `Purpose: ${escapeMarkdown(doc.frame.purpose)}`,
    `Recommendation: ${escapeMarkdown(doc.frame.recommendation)}`,
  ];
  const footnotes = notes.map((n, i) => `[^${i + 1}]: ${escapeMarkdown(n)}`);
  return [...title, ...doc.sections.map((s) => section(s, 2)), ...(footnotes.length ? [footnotes.join('\n')] : [])].join('\n\n') + '\n';
}
