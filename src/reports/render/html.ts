import { escapeHtml as e } from '../../notifications/templates/escape';
import { type Block, type Cell, longColumns, numberFootnotes, type ReportDocument, type ReportSection } from '../document/report-document';
import { titleBlock } from './title-block';
import { pictureSvg } from './svg';

/** Print-first: A4, no external assets, headers repeated on every page a table spans. */
const CSS = `
  @page { size: A4; margin: 18mm 16mm; }
  body { font-family: "Segoe UI", Helvetica, Arial, sans-serif; color: #1d2730; font-size: 11pt; line-height: 1.4; max-width: 190mm; margin: 0 auto; }
  h1 { font-size: 20pt; color: #1d3b5a; margin-bottom: 4mm; }
  h2 { font-size: 14pt; color: #1d3b5a; border-bottom: 2px solid #1d3b5a; padding-bottom: 1mm; margin-top: 8mm; }
  h3 { font-size: 12pt; color: #1d3b5a; margin-top: 6mm; }
  table { border-collapse: collapse; width: 100%; margin: 2mm 0 4mm 0; font-size: 9.5pt; }
  thead { display: table-header-group; }
  th, td { text-align: left; vertical-align: top; padding: 1.5mm 2mm; border-bottom: 1px solid #c9d1d9; }
  th { background: #1d3b5a; color: #fff; }
  tr { break-inside: avoid; }
  table.title th { background: none; color: #1d3b5a; width: 30mm; border-bottom: 1px solid #c9d1d9; }
  td.short { white-space: nowrap; }
  .none { font-style: italic; color: #4a5560; }
  sup a { color: inherit; text-decoration: none; }
  figure { margin: 4mm 0; break-inside: avoid; }
  figure svg { max-width: 100%; height: auto; }
  figcaption { font-size: 9.5pt; color: #4a5560; }
  .recommendation { border-left: 3px solid #1d3b5a; padding-left: 3mm; font-weight: bold; }
  .footnotes { border-top: 1px solid #c9d1d9; margin-top: 8mm; font-size: 9pt; color: #4a5560; }
`;

export function renderHtml(doc: ReportDocument): string {
  const { notes, numbers } = numberFootnotes(doc);
  // A note cited twice links back to its first citation: ids stay unique.
  const cited = new Set<number>();
  const marks = (list: readonly string[] | undefined) => (list ?? []).map((note) => {
    const n = numbers.get(note)!;
    const id = cited.has(n) ? '' : ` id="ref${n}"`;
    cited.add(n);
    return `<sup><a href="#fn${n}"${id}>${n}</a></sup>`;
  }).join('');
  const cell = (c: Cell) => (typeof c === 'string' ? e(c) : `${e(c.text)}${marks(c.footnotes)}`);
  const block = (b: Block): string => {
    switch (b.kind) {
      case 'paragraph':
        return `<p>${e(b.text)}${marks(b.footnotes)}</p>`;
      case 'none':
        return `<p class="none">${e(b.text)}</p>`;
      case 'list': {
        const tag = b.ordered ? 'ol' : 'ul';
        return `<${tag}>${b.items.map((i) => `<li>${e(i)}</li>`).join('')}</${tag}>`;
      }
      case 'figure':
        return `<figure>${pictureSvg(b.picture, b.alt)}<figcaption>${e(b.caption)}</figcaption></figure>`;
      case 'table': {
        const long = longColumns(b);
        return `<table><thead><tr>${b.header.map((h) => `<th>${e(h)}</th>`).join('')}</tr></thead><tbody>` +
          b.rows.map((r) => `<tr>${r.map((c, i) => `<td${long[i] ? '' : ' class="short"'}>${cell(c)}</td>`).join('')}</tr>`).join('') + '</tbody></table>';
      }
    }
  };
  const section = (s: ReportSection, depth: number): string => {
    const h = `h${Math.min(depth, 6)}`;
    return `<section><${h}>${e(s.number)} ${e(s.title)}</${h}>${s.blocks.map(block).join('')}${s.subsections.map((sub) => section(sub, depth + 1)).join('')}</section>`;
  };
  const row = ([k, v]: readonly [string, string]) => `<tr><th scope="row">${e(k)}</th><td>${e(v)}</td></tr>`;
  const footnotes = notes.length
    ? `<footer class="footnotes"><ol>${notes.map((n, i) => `<li id="fn${i + 1}">${e(n)}</li>`).join('')}</ol></footer>`
    : '';
  return `<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><title>${e(doc.title)}</title><style>${CSS}</style></head>
<body><header><h1>${e(doc.title)}</h1><table class="title">${titleBlock(doc).map(row).join('')}</table>
<p><strong>Purpose:</strong> ${e(doc.frame.purpose)}</p><p class="recommendation">${e(doc.frame.recommendation)}</p></header>
${doc.sections.map((s) => section(s, 2)).join('\n')}
${footnotes}
</body></html>
`;
}
