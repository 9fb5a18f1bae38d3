import type { PaperFrame } from '../paper/paper-frame';
import type { Picture } from './picture';

/**
 * A Panel paper as a typed document: built once from the register, then rendered as Markdown,
 * HTML and PDF by renderers that know nothing of the register. It is kept with its version, so an
 * edited title block re-renders the same facts.
 */

/** A table cell: text, or text with footnotes (a figure the DCC printed differently, the SEC Objectives a vote cited). */
export type Cell = string | { text: string; footnotes: readonly string[] };

export type Block =
  | { kind: 'paragraph'; text: string; footnotes?: readonly string[] }
  | { kind: 'table'; header: readonly string[]; rows: ReadonlyArray<readonly Cell[]> }
  /** Said instead of an empty table: "None this month." */
  | { kind: 'none'; text: string }
  /** Tasks in order (numbered), or points. */
  | { kind: 'list'; ordered: boolean; items: readonly string[] }
  /** A picture drawn from the register's figures; `alt` says what it shows to one who cannot see it. */
  | { kind: 'figure'; caption: string; alt: string; picture: Picture };

export interface ReportSection {
  /** "1", "3.2", "Appendix A:". */
  number: string;
  title: string;
  blocks: Block[];
  subsections: ReportSection[];
}

export interface ReportDocument {
  title: string;
  /** The paper's reference (SECP_91_1604_14), or its version's (CSR-2021-04-v2) where the month has no Panel. */
  reference: string;
  /** The report's date, as written on the paper: Friday 9 April 2021. */
  date: string;
  /** The Panel meeting the paper is for, if the register has one that month. */
  panel: string | null;
  /** Who wrote it, why, what the Panel is asked to do, what is attached: the version's frame. */
  frame: Omit<PaperFrame, 'paperReference'>;
  sections: ReportSection[];
}

export const paragraph = (text: string, footnotes: readonly string[] = []): Block => (footnotes.length ? { kind: 'paragraph', text, footnotes } : { kind: 'paragraph', text });
/** Text with its footnotes; plain text when there are none. */
export const noted = (text: string, footnotes: readonly string[]): Cell => (footnotes.length ? { text, footnotes } : text);
export const table = (header: readonly string[], rows: ReadonlyArray<readonly Cell[]>, none: string): Block =>
  rows.length ? { kind: 'table', header, rows } : { kind: 'none', text: none };
export const list = (items: readonly string[], ordered = false): Block => ({ kind: 'list', ordered, items });
export const figure = (caption: string, alt: string, picture: Picture): Block => ({ kind: 'figure', caption, alt, picture });
export const section = (number: string, title: string, blocks: Block[], subsections: ReportSection[] = []): ReportSection =>
  ({ number, title, blocks, subsections });

export const cellText = (c: Cell): string => (typeof c === 'string' ? c : c.text);

/**
 * Which columns of a table hold long text (a title, commentary): those wrap and take the spare
 * width; the short ones (a date, a reference, a figure) keep to one line, and their headers wrap
 * above them. Both the HTML and the PDF lay tables out by it.
 */
export function longColumns(b: Extract<Block, { kind: 'table' }>): boolean[] {
  // By the cells alone: a long header wraps above a column of short figures.
  const longest = b.header.map((_, i) => Math.max(0, ...b.rows.map((r) => cellText(r[i] ?? '').length)));
  return longest.map((n) => n > 30);
}

/**
 * The document's footnotes in reading order, numbered from 1, so every renderer numbers them
 * alike: a note's number is `numbers.get(note)`. A note said twice (a target in 3.5 and in
 * Appendix A, an objective two votes cited) is one footnote.
 */
export function numberFootnotes(doc: ReportDocument): { notes: string[]; numbers: Map<string, number> } {
  const notes: string[] = [];
  const numbers = new Map<string, number>();
  const add = (list: readonly string[] | undefined) => {
    for (const n of list ?? []) if (!numbers.has(n)) numbers.set(n, notes.push(n));
  };
  const visit = (s: ReportSection) => {
    for (const b of s.blocks) {
      if (b.kind === 'paragraph') add(b.footnotes);
      if (b.kind !== 'table') continue;
      for (const row of b.rows) for (const c of row) if (typeof c !== 'string') add(c.footnotes);
    }
    s.subsections.forEach(visit);
  };
  doc.sections.forEach(visit);
  return { notes, numbers };
}
