import { escapeHtml as e } from '../../notifications/templates/escape';
import { type Block, type Cell, longColumns, numberFootnotes, type ReportDocument, type ReportSection } from '../document/report-document';

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
  .footnotes { border-top: 1px solid #c9d1d9; margin-top: 8mm; font-size: 9pt; color: #4a5560; }
`;

export function renderHtml(doc: ReportDocument): string {
  const { notes, numbers } = numberFootnotes(doc);
  const cell = (c: Cell) => {
    if (typeof c === 'string') return e(c);
    const n = numbers.get(c.footnote);
    return `${e(c.text)}<sup><a href="#fn${n}" id="ref${n}">${n}</a></sup>`;
  };
  const block = (b: Block): string => {
    switch (b.kind) {
      case 'paragraph':
        return `<p>${e(b.text)}</p>`;
      case 'none':
        return `<p class="none">${e(b.text)}</p>`;
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
  const row = (k: string, v: string) => `<tr><th>${e(k)}</th><td>${e(v)}</td></tr>`;
  const footnotes = notes.length
    ? `<footer class="footnotes"><ol>${notes.map((n, i) => `<li id="fn${i + 1}">${e(n)}</li>`).join('')}</ol></footer>`
    : '';
  return `<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><title>${e(doc.title)}</title><style>${CSS}</style></head>
<body><header><h1>${e(doc.title)}</h1><table class="title">${row('Reference', doc.reference)}${row('Date', doc.date)}${row('Panel', doc.panel ?? '—')}${row('Purpose', doc.purpose)}</table></header>
${doc.sections.map((s) => section(s, 2)).join('\n')}
${footnotes}
</body></html>
`;
}
