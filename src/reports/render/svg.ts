import { escapeHtml as e } from '../../notifications/templates/escape';
import type { Picture } from '../document/picture';
import { layOut, type Shape } from './picture-layout';

/** A picture as inline SVG for the HTML: its layout's shapes, each group's figures as data- attributes. */
export function pictureSvg(picture: Picture, title: string): string {
  const { width, height, shapes } = layOut(picture);
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${e(title)}"><title>${e(title)}</title>${shapes.map(svgOf).join('')}</svg>`;
}

const FONT = 'font-family="DejaVu Sans, Helvetica, Arial, sans-serif"';
const attrs = (data: Record<string, string> | undefined) => Object.entries(data ?? {}).map(([k, v]) => ` data-${k}="${e(v)}"`).join('');

function svgOf(s: Shape): string {
  switch (s.kind) {
    case 'group':
      return `<g${attrs(s.data)}>${s.shapes.map(svgOf).join('')}</g>`;
    case 'rect':
      return `<rect${attrs(s.data)} x="${s.x}" y="${s.y}" width="${s.w}" height="${s.h}" fill="${s.fill}"/>`;
    case 'circle':
      return `<circle${attrs(s.data)} cx="${s.cx}" cy="${s.cy}" r="${s.r}" fill="${s.fill}"/>`;
    case 'polygon':
      return `<path${attrs(s.data)} d="M ${s.points.map(([x, y]) => `${x} ${y}`).join(' L ')} Z" fill="${s.fill}"/>`;
    case 'line':
      return `<line x1="${s.x1}" y1="${s.y1}" x2="${s.x2}" y2="${s.y2}" stroke="${s.stroke}" stroke-width="${s.width}"/>`;
    case 'text':
      return `<text x="${s.x}" y="${s.y}"${s.anchor === 'end' ? ' text-anchor="end"' : ''} font-size="${s.size}"${s.italic ? ' font-style="italic"' : ''} fill="${s.fill}" ${FONT}>${e(s.text)}</text>`;
  }
}
