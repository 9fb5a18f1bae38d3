/**
 * The Change Status Report as a typed document: built once from the register, then rendered as
 * Markdown, HTML (and PDF) by renderers that know nothing of the register.
 */
export type Block =
  | { kind: 'paragraph'; text: string }
  | { kind: 'table'; header: readonly string[]; rows: ReadonlyArray<readonly string[]> }
  /** Said instead of an empty table: "None this month." */
  | { kind: 'none'; text: string };

export interface ReportSection {
  /** "1", "3.2", "A". */
  number: string;
  title: string;
  blocks: Block[];
  subsections: ReportSection[];
}

export interface ReportDocument {
  title: string;
  /** The paper's reference, e.g. CSR-2021-04-v2. */
  reference: string;
  /** The report's date, as written on the paper: Friday 9 April 2021. */
  date: string;
  /** The Panel meeting the paper is for, if the register has one that month. */
  panel: string | null;
  purpose: 'For Information';
  sections: ReportSection[];
}

export const paragraph = (text: string): Block => ({ kind: 'paragraph', text });
export const table = (header: readonly string[], rows: ReadonlyArray<readonly string[]>, none: string): Block =>
  rows.length ? { kind: 'table', header, rows } : { kind: 'none', text: none };
