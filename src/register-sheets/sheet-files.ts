import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { RegisterRows } from './register-rows';
import { ABOUT_SHEET, type CellValue, type Column, SHEETS, type SheetKey } from './sheet-columns';

/** A sheet as read back: its header row and every non-empty row, numbered as the spreadsheet shows them. */
export interface ReadSheet {
  name: string;
  header: string[];
  rows: Array<{ number: number; cells: unknown[] }>;
}

export interface ReadWorkbook {
  sheets: ReadSheet[];
  /** The About sheet's "As of" cell, as read (XLSX only). */
  asOf?: unknown;
}

const SHEET_KEYS = Object.keys(SHEETS) as SheetKey[];

const utcDay = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d));
};

const NUMBER_FORMATS: Partial<Record<Column['kind'], string>> = { date: 'dd/mm/yyyy', pounds: '#,##0.00' };

/** The register as an XLSX workbook: Proposals, Assessments, and About (the day its facts are as of). */
export async function writeXlsx(register: RegisterRows): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'SEC modification tracker';
  for (const key of SHEET_KEYS) {
    const { name, columns } = SHEETS[key];
    const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = columns.map((c) => ({ header: c.header, width: Math.max(c.width, c.header.length + 2), style: NUMBER_FORMATS[c.kind] ? { numFmt: NUMBER_FORMATS[c.kind] } : {} }));
    sheet.getRow(1).font = { bold: true };
    for (const row of register[key]) sheet.addRow(row.map((v) => (v !== null && typeof v === 'object' ? utcDay(v.date) : v)));
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  }
  const about = workbook.addWorksheet(ABOUT_SHEET);
  about.columns = [{ width: 14 }, { width: 70 }];
  about.addRows([
    ['As of', utcDay(register.asOf)],
    ['Source', 'SEC modification tracker: the register as it stood on this day'],
    ['Import', 'npm run import -- FILE.xlsx [--dry-run]: blank cells keep what the register holds; "Open assessments" and "Target completion" are worked out, not read'],
  ]);
  about.getCell('B1').numFmt = 'dd/mm/yyyy';
  about.getColumn(1).font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * A spreadsheet program runs a CSV cell that starts with = + - @ as a formula (text users wrote can
 * start so: "- Adds X", "=HYPERLINK(...)"). Such text goes out behind an apostrophe, which
 * spreadsheets show as text, and the import takes off again.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
export const asCsvText = (text: string) => (FORMULA_START.test(text) ? `'${text}` : text);
export const fromCsvText = (text: string) => (text.startsWith("'") && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text);

/** One sheet as CSV (UTF-8 with a byte-order mark, so that Excel shows "—" and "£" as such); days as YYYY-MM-DD. */
export function writeCsv(register: RegisterRows, key: SheetKey): string {
  const { columns } = SHEETS[key];
  const rows = register[key].map((row) =>
    row.map((v: CellValue) => (v !== null && typeof v === 'object' ? v.date : typeof v === 'string' ? asCsvText(v) : v)),
  );
  return `\uFEFF${stringify([columns.map((c) => c.header), ...rows], { cast: { boolean: (b) => (b ? 'Yes' : 'No') } })}`;
}

/** A cell that holds a spreadsheet error (#N/A, #REF!): never a value to import. */
export class CellError {
  constructor(readonly code: string) {}
}

/** A cell as a plain value: rich text as its text, a formula as its result, a date as a Date. */
function plain(value: ExcelJS.CellValue): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof Date || typeof value !== 'object') return value;
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('result' in value) return plain(value.result as ExcelJS.CellValue);
  if ('text' in value) return value.text;
  if ('error' in value) return new CellError(String(value.error));
  return null;
}

const isBlank = (v: unknown) => v === null || v === undefined || (typeof v === 'string' && v.trim() === '');

export async function readXlsx(file: Buffer): Promise<ReadWorkbook> {
  const workbook = new ExcelJS.Workbook();
  // exceljs types its load() for an older Buffer type.
  await workbook.xlsx.load(file as unknown as ExcelJS.Buffer);
  const sheets: ReadSheet[] = [];
  let asOf: unknown;
  workbook.eachSheet((sheet) => {
    if (sheet.name === ABOUT_SHEET) {
      sheet.eachRow((row) => {
        if (String(plain(row.getCell(1).value)).trim().toLowerCase() === 'as of') asOf = plain(row.getCell(2).value);
      });
      return;
    }
    const width = sheet.columnCount;
    const cellsOf = (row: ExcelJS.Row) => Array.from({ length: width }, (_, i) => plain(row.getCell(i + 1).value));
    const header = cellsOf(sheet.getRow(1)).map((h) => (isBlank(h) ? '' : String(h).trim()));
    const rows: ReadSheet['rows'] = [];
    sheet.eachRow((row, number) => {
      if (number === 1) return;
      const cells = cellsOf(row);
      if (!cells.every(isBlank)) rows.push({ number, cells });
    });
    sheets.push({ name: sheet.name, header, rows });
  });
  return { sheets, asOf };
}

/** A CSV holds one sheet; its header says which (an assessments sheet has a Type column). */
export function readCsv(text: string): ReadWorkbook {
  // Blank lines are kept until numbered: a spreadsheet program shows them as rows, so row numbers match what a person sees.
  const records: string[][] = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: false });
  const [header = [], ...rest] = records;
  const trimmed = header.map((h) => h.trim());
  const name = trimmed.some((h) => h.toLowerCase() === 'type') ? SHEETS.assessments.name : SHEETS.proposals.name;
  return {
    sheets: [{
      name,
      header: trimmed,
      rows: rest.map((cells, i) => ({ number: i + 2, cells: cells.map(fromCsvText) })).filter((r) => !r.cells.every(isBlank)),
    }],
  };
}
