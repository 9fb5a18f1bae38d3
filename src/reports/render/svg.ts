import { addMonthsToYearMonth, daysBetween, firstDayOfMonth, yearMonthOf } from '../../calendar/local-date';
import { escapeHtml as e } from '../../notifications/templates/escape';
import type { BarPicture, Picture, TimelinePicture } from '../document/picture';

/**
 * Pictures as SVG, drawn from their figures alone: inline in the HTML and, as vectors, in the PDF.
 * Every mark carries its figure as a data- attribute, so what is drawn can be read back and
 * checked against the register. Text uses Helvetica's metrics (the PDF's own font names it).
 */
const NAVY = '#1d3b5a';
const LIGHT = '#9fb7cf';
const GREY = '#c9d1d9';
const INK = '#1d2730';
const FONT = 'font-family="Helvetica, Arial, sans-serif"';
const WIDTH = 640;

export function pictureSvg(picture: Picture, title: string): string {
  return picture.kind === 'bars' ? barsSvg(picture, title) : timelineSvg(picture, title);
}

const open = (height: number, title: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-label="${e(title)}"><title>${e(title)}</title>`;

function barsSvg(p: BarPicture, title: string): string {
  const rowHeight = 26;
  const labelWidth = 230;
  const barSpace = WIDTH - labelWidth - 50;
  const max = Math.max(1, ...p.bars.map((b) => b.value));
  const height = p.bars.length * rowHeight + 10;
  const rows = p.bars.map((b, i) => {
    const y = 5 + i * rowHeight;
    const w = Math.max(b.value > 0 ? 2 : 0, Math.round((barSpace * b.value) / max));
    return `<g data-key="${e(b.key)}" data-value="${b.value}">` +
      `<text x="${labelWidth - 8}" y="${y + 16}" text-anchor="end" font-size="11" fill="${INK}" ${FONT}>${e(b.label)}</text>` +
      `<rect x="${labelWidth}" y="${y + 4}" width="${w}" height="${rowHeight - 10}" fill="${NAVY}"/>` +
      `<text x="${labelWidth + w + 6}" y="${y + 16}" font-size="11" fill="${INK}" ${FONT}>${b.value}</text></g>`;
  });
  return `${open(height, title)}${rows.join('')}</svg>`;
}

const MONTH = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', month: 'short', year: 'numeric' });

function timelineSvg(p: TimelinePicture, title: string): string {
  const labelWidth = 90;
  const top = 30;
  const rowHeight = 22;
  const chartWidth = WIDTH - labelWidth - 10;
  const days = Math.max(1, daysBetween(p.from, p.to) + 1);
  const x = (d: string) => labelWidth + Math.round((chartWidth * Math.min(days, Math.max(0, daysBetween(p.from, d)))) / days);
  const height = top + p.rows.length * rowHeight + 36;
  const bottom = top + p.rows.length * rowHeight;
  const months: string[] = [];
  for (let m = yearMonthOf(p.from); firstDayOfMonth(m) <= p.to; m = addMonthsToYearMonth(m, 1)) {
    const start = firstDayOfMonth(m) < p.from ? p.from : firstDayOfMonth(m);
    months.push(`<line x1="${x(start)}" y1="${top - 4}" x2="${x(start)}" y2="${bottom}" stroke="${GREY}" stroke-width="1"/>` +
      `<text x="${x(start) + 4}" y="${top - 10}" font-size="10" fill="${INK}" ${FONT}>${e(MONTH.format(new Date(`${start}T00:00:00Z`)))}</text>`);
  }
  const rows = p.rows.map((r, i) => {
    const y = top + i * rowHeight;
    const mid = y + rowHeight / 2;
    const bar = r.span
      ? `<rect data-from="${r.span.from}" data-to="${r.span.to}" x="${x(r.span.from)}" y="${y + 6}" width="${Math.max(2, x(r.span.to) - x(r.span.from))}" height="${rowHeight - 12}" fill="${LIGHT}"/>`
      : `<text x="${labelWidth + 6}" y="${mid + 4}" font-size="10" font-style="italic" fill="${INK}" ${FONT}>on hold: no package</text>`;
    const marks = r.marks.map((m) => m.kind === 'working-group'
      ? `<circle data-mark="working-group" data-on="${m.on}" cx="${x(m.on)}" cy="${mid}" r="5" fill="${NAVY}"/>`
      : `<path data-mark="panel" data-on="${m.on}" d="M ${x(m.on)} ${mid - 6} L ${x(m.on) + 6} ${mid} L ${x(m.on)} ${mid + 6} L ${x(m.on) - 6} ${mid} Z" fill="#b3541e"/>`);
    return `<g data-key="${e(r.key)}"><text x="4" y="${mid + 4}" font-size="10.5" fill="${INK}" ${FONT}>${e(r.label)}</text>` +
      `<line x1="${labelWidth}" y1="${y + rowHeight}" x2="${WIDTH - 10}" y2="${y + rowHeight}" stroke="${GREY}" stroke-width="0.5"/>${bar}${marks.join('')}</g>`;
  });
  const legendY = bottom + 22;
  const legend = `<rect x="${labelWidth}" y="${legendY - 9}" width="24" height="10" fill="${LIGHT}"/>` +
    `<text x="${labelWidth + 30}" y="${legendY}" font-size="10" fill="${INK}" ${FONT}>package of work</text>` +
    `<circle cx="${labelWidth + 140}" cy="${legendY - 4}" r="5" fill="${NAVY}"/>` +
    `<text x="${labelWidth + 150}" y="${legendY}" font-size="10" fill="${INK}" ${FONT}>Working Group meeting</text>` +
    `<path d="M ${labelWidth + 290} ${legendY - 10} L ${labelWidth + 296} ${legendY - 4} L ${labelWidth + 290} ${legendY + 2} L ${labelWidth + 284} ${legendY - 4} Z" fill="#b3541e"/>` +
    `<text x="${labelWidth + 302}" y="${legendY}" font-size="10" fill="${INK}" ${FONT}>returns to the Panel</text>`;
  return `${open(height, title)}${months.join('')}${rows.join('')}${legend}</svg>`;
}
