import { addMonthsToYearMonth, daysBetween, firstDayOfMonth, yearMonthOf } from '../../calendar/local-date';
import type { BarPicture, Picture, TimelinePicture } from '../document/picture';

/**
 * A picture laid out as shapes on a canvas of its own units: the one geometry that the SVG (for
 * the HTML) serialises and the PDF draws as vectors, so the two cannot drift apart. A group
 * carries the figure it draws as data (data- attributes in the SVG), so what is drawn can be
 * read back and checked against the register.
 */
export type Shape =
  | { kind: 'rect'; x: number; y: number; w: number; h: number; fill: string; data?: Record<string, string> }
  | { kind: 'circle'; cx: number; cy: number; r: number; fill: string; data?: Record<string, string> }
  | { kind: 'polygon'; points: ReadonlyArray<readonly [number, number]>; fill: string; data?: Record<string, string> }
  | { kind: 'line'; x1: number; y1: number; x2: number; y2: number; stroke: string; width: number }
  | { kind: 'text'; x: number; y: number; text: string; size: number; anchor: 'start' | 'end'; italic?: boolean; fill: string }
  | { kind: 'group'; data: Record<string, string>; shapes: Shape[] };

export interface Layout {
  width: number;
  height: number;
  shapes: Shape[];
}

export const PICTURE_COLOURS = { navy: '#1d3b5a', light: '#9fb7cf', grey: '#c9d1d9', ink: '#1d2730', panel: '#b3541e' } as const;
const C = PICTURE_COLOURS;
const WIDTH = 640;

export function layOut(picture: Picture): Layout {
  return picture.kind === 'bars' ? bars(picture) : timeline(picture);
}

function bars(p: BarPicture): Layout {
  const rowHeight = 26;
  const labelWidth = 230;
  const barSpace = WIDTH - labelWidth - 50;
  const max = Math.max(1, ...p.bars.map((b) => b.value));
  const shapes = p.bars.map((b, i): Shape => {
    const y = 5 + i * rowHeight;
    const w = Math.max(b.value > 0 ? 2 : 0, Math.round((barSpace * b.value) / max));
    return {
      kind: 'group',
      data: { key: b.key, value: String(b.value) },
      shapes: [
        { kind: 'text', x: labelWidth - 8, y: y + 16, text: b.label, size: 11, anchor: 'end', fill: C.ink },
        { kind: 'rect', x: labelWidth, y: y + 4, w, h: rowHeight - 10, fill: C.navy },
        { kind: 'text', x: labelWidth + w + 6, y: y + 16, text: String(b.value), size: 11, anchor: 'start', fill: C.ink },
      ],
    };
  });
  return { width: WIDTH, height: p.bars.length * rowHeight + 10, shapes };
}

const MONTH = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', month: 'short', year: 'numeric' });

function timeline(p: TimelinePicture): Layout {
  const labelWidth = 90;
  const top = 30;
  const rowHeight = 22;
  const chartWidth = WIDTH - labelWidth - 10;
  const days = Math.max(1, daysBetween(p.from, p.to) + 1);
  const x = (d: string) => labelWidth + Math.round((chartWidth * Math.min(days, Math.max(0, daysBetween(p.from, d)))) / days);
  const bottom = top + p.rows.length * rowHeight;
  const shapes: Shape[] = [];
  for (let m = yearMonthOf(p.from); firstDayOfMonth(m) <= p.to; m = addMonthsToYearMonth(m, 1)) {
    const start = firstDayOfMonth(m) < p.from ? p.from : firstDayOfMonth(m);
    shapes.push({ kind: 'line', x1: x(start), y1: top - 4, x2: x(start), y2: bottom, stroke: C.grey, width: 1 });
    shapes.push({ kind: 'text', x: x(start) + 4, y: top - 10, text: MONTH.format(new Date(`${start}T00:00:00Z`)), size: 10, anchor: 'start', fill: C.ink });
  }
  p.rows.forEach((r, i) => {
    const y = top + i * rowHeight;
    const mid = y + rowHeight / 2;
    const row: Shape[] = [
      { kind: 'text', x: 4, y: mid + 4, text: r.label, size: 10.5, anchor: 'start', fill: C.ink },
      { kind: 'line', x1: labelWidth, y1: y + rowHeight, x2: WIDTH - 10, y2: y + rowHeight, stroke: C.grey, width: 0.5 },
      r.span
        ? { kind: 'rect', x: x(r.span.from), y: y + 6, w: Math.max(2, x(r.span.to) - x(r.span.from)), h: rowHeight - 12, fill: C.light, data: { from: r.span.from, to: r.span.to } }
        : { kind: 'text', x: labelWidth + 6, y: mid + 4, text: 'on hold: no package', size: 10, anchor: 'start', italic: true, fill: C.ink },
      ...r.marks.map((m): Shape => m.kind === 'working-group'
        ? { kind: 'circle', cx: x(m.on), cy: mid, r: 5, fill: C.navy, data: { mark: 'working-group', on: m.on } }
        : { kind: 'polygon', points: diamond(x(m.on), mid), fill: C.panel, data: { mark: 'panel', on: m.on } }),
    ];
    shapes.push({ kind: 'group', data: { key: r.key }, shapes: row });
  });
  const ly = bottom + 22;
  shapes.push(
    { kind: 'rect', x: labelWidth, y: ly - 9, w: 24, h: 10, fill: C.light },
    { kind: 'text', x: labelWidth + 30, y: ly, text: 'package of work', size: 10, anchor: 'start', fill: C.ink },
    { kind: 'circle', cx: labelWidth + 140, cy: ly - 4, r: 5, fill: C.navy },
    { kind: 'text', x: labelWidth + 150, y: ly, text: 'Working Group meeting', size: 10, anchor: 'start', fill: C.ink },
    { kind: 'polygon', points: diamond(labelWidth + 290, ly - 4), fill: C.panel },
    { kind: 'text', x: labelWidth + 302, y: ly, text: 'returns to the Panel', size: 10, anchor: 'start', fill: C.ink },
  );
  return { width: WIDTH, height: bottom + 36, shapes };
}

const diamond = (cx: number, cy: number): Array<[number, number]> => [[cx, cy - 6], [cx + 6, cy], [cx, cy + 6], [cx - 6, cy]];
