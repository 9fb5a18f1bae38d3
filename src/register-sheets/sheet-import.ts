import { isLocalDate, type LocalDate } from '../calendar/local-date';
import { ClientError, InvalidInputError } from '../common/errors';
import { parseRegisterFile, registerFileSchema, type RegisterFile } from '../register-import';
import { refuse, show, type RegisterProblem } from '../register-import/register-problems';
import { CellError, type ReadSheet, type ReadWorkbook } from './sheet-files';
import { ABOUT_SHEET, type Column, columnLetter, SHEETS, type SheetKey } from './sheet-columns';

/** Columns a sheet cannot do without; the others may be left out (a blank cell keeps what the register holds). */
const REQUIRED: Record<SheetKey, readonly string[]> = {
  proposals: ['Reference', 'Kind', 'Phase'],
  assessments: ['Reference', 'Type', 'Target Working Days'],
};

type Section = (typeof SHEETS)[SheetKey]['section'];
const KEY_OF_SECTION: Record<Section, SheetKey> = { modifications: 'proposals', assessments: 'assessments' };

/** A register file read from sheets, and how to say where in the sheets one of its entries came from. */
export interface SheetRegister {
  file: RegisterFile;
  /** Rewrites "modifications[3] (MP141): phase: ..." as "Proposals, row 5 (MP141), column D (Phase): ...". */
  placeOf(line: string): string;
}

/** Reads a cell as its column's kind; a value it cannot be is a problem at that cell. */
function readCell(column: Column, value: unknown): { value?: unknown; problem?: string } {
  if (value === null || value === undefined || (typeof value === 'string' && value.trim() === '')) {
    return column.kind === 'yesNo' ? { value: false } : {};
  }
  if (value instanceof CellError) return { problem: `holds the spreadsheet error ${value.code}` };
  if (value instanceof Date && Number.isNaN(value.getTime())) return { problem: 'is a number too large to be a date' };
  if (value instanceof Date && column.kind !== 'date') return { problem: `is a date (${value.toISOString().slice(0, 10)}); this column holds ${column.kind === 'text' ? 'text' : 'no date'}` };
  const text = typeof value === 'string' ? value.trim() : value;
  switch (column.kind) {
    case 'text':
      return { value: String(text) };
    case 'enum':
      return { value: String(text).toUpperCase().replace(/[\s-]+/g, '_') };
    case 'date': {
      if (text instanceof Date) return { value: text.toISOString().slice(0, 10) };
      if (typeof text === 'string' && isLocalDate(text)) return { value: text };
      const uk = typeof text === 'string' ? /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text) : null;
      if (uk) {
        const candidate = `${uk[3]}-${uk[2]!.padStart(2, '0')}-${uk[1]!.padStart(2, '0')}`;
        if (isLocalDate(candidate)) return { value: candidate };
      }
      return { problem: `${show(text)} is not a date (30/03/2021 or 2021-03-30)` };
    }
    case 'yesNo': {
      if (typeof text === 'boolean') return { value: text };
      const word = String(text).toLowerCase();
      if (['yes', 'y', 'true'].includes(word)) return { value: true };
      if (['no', 'n', 'false'].includes(word)) return { value: false };
      return { problem: `${show(text)} is not Yes or No` };
    }
    case 'count': {
      const n = typeof text === 'number' ? text : /^\d+$/.test(String(text)) ? Number(text) : NaN;
      return Number.isInteger(n) ? { value: n } : { problem: `${show(text)} is not a whole number of Working Days` };
    }
    case 'pounds': {
      const n = typeof text === 'number' ? text : /^£?\s*[\d,]+(\.\d{1,2})?$/.test(String(text)) ? Number(String(text).replace(/[£,\s]/g, '')) : NaN;
      return Number.isFinite(n) ? { value: n } : { problem: `${show(text)} is not an amount in pounds (e.g. 12,500.00)` };
    }
    case 'references':
      return { value: String(text).split(/[;,\s]+/).filter(Boolean) };
  }
}

function asOfOf(value: unknown): LocalDate | undefined {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'string' && isLocalDate(value.trim())) return value.trim();
  return undefined;
}

/**
 * The register file a workbook (or one CSV sheet) states: Proposals become `modifications`,
 * Assessments `assessments`, as of the day the About sheet (or `asOf`) names. Every problem names
 * its sheet, row and column, and nothing is imported while there is one.
 */
export function registerFileFromSheets(book: ReadWorkbook, options: { source: string; asOf?: LocalDate }): SheetRegister {
  const problems: RegisterProblem[] = [];
  const entries: Record<Section, Record<string, unknown>[]> = { modifications: [], assessments: [] };
  /** For each section's entries: the sheet row each came from, and the sheet's column of each field. */
  const rowsOf: Record<Section, number[]> = { modifications: [], assessments: [] };
  const columnsOf: Record<Section, Map<string, string>> = { modifications: new Map(), assessments: new Map() };

  const asOf = options.asOf ?? asOfOf(book.asOf);
  if (!asOf) {
    problems.push({
      entry: book.asOf === undefined ? 'the file' : `${ABOUT_SHEET}, "As of"`,
      message: book.asOf === undefined
        ? 'says not which day its facts are as of: give --as-of YYYY-MM-DD (the day it was exported; a CSV never says)'
        : `${show(book.asOf)} is not a date: the About sheet's "As of" must be the day the facts are as of`,
    });
  }

  // Other sheets (notes a person added, say) are left alone.
  const known = book.sheets.flatMap((sheet) => {
    const key = (Object.keys(SHEETS) as SheetKey[]).find((k) => SHEETS[k].name.toLowerCase() === sheet.name.trim().toLowerCase());
    return key ? [{ key, sheet }] : [];
  });
  if (known.length === 0) problems.push({ entry: 'the file', message: `has no sheet named ${Object.values(SHEETS).map((d) => d.name).join(' or ')}` });
  for (const { key, sheet } of known) readSheet(key, sheet);

  function readSheet(key: SheetKey, sheet: ReadSheet) {
    const { name, section, columns } = SHEETS[key];
    const columnAt: Array<Column | undefined> = sheet.header.map((h, i) => {
      if (!h) return undefined;
      const column = columns.find((c) => c.header.toLowerCase() === h.toLowerCase());
      if (!column) problems.push({ entry: `${name}, row 1, column ${columnLetter(i)}`, message: `unknown column ${show(h)} (the columns are: ${columns.map((c) => c.header).join(', ')})` });
      else if (column.field) columnsOf[section].set(column.field, `column ${columnLetter(i)} (${column.header})`);
      return column;
    });
    for (const required of REQUIRED[key]) {
      if (!columnAt.some((c) => c?.header === required)) problems.push({ entry: `${name}, row 1`, message: `has no column "${required}"` });
    }
    for (const row of sheet.rows) {
      const entry: Record<string, unknown> = {};
      columnAt.forEach((column, i) => {
        if (!column?.field) return;
        const read = readCell(column, row.cells[i]);
        if (read.problem) problems.push({ entry: `${name}, row ${row.number}, column ${columnLetter(i)} (${column.header})`, message: read.problem });
        else if (read.value !== undefined) entry[column.field] = read.value;
      });
      entries[section].push(entry);
      rowsOf[section].push(row.number);
    }
  }

  const placeOf = (message: string): string => message.split('\n').map(placeLine).join('\n');
  function placeLine(line: string): string {
    const lead = /^(- )?(modifications|assessments)\[(\d+)\]((?: \([^)]*\))?): ([A-Za-z]+)(?:\[\d+\])?: /.exec(line);
    let out = line;
    if (lead) {
      const column = columnsOf[lead[2] as Section].get(lead[5]!);
      if (column) out = `${lead[1] ?? ''}${lead[2]}[${lead[3]}]${lead[4]}, ${column}: ${line.slice(lead[0].length)}`;
    }
    return out.replace(/(modifications|assessments)\[(\d+)\]/g, (whole, section: Section, index: string) => {
      const row = rowsOf[section][Number(index)];
      return row === undefined ? whole : `${SHEETS[KEY_OF_SECTION[section]].name}, row ${row}`;
    });
  }

  if (problems.length) refuse(problems);
  const candidate = { source: options.source, asOf, modifications: entries.modifications, assessments: entries.assessments };
  const checked = registerFileSchema.safeParse(candidate);
  if (!checked.success) {
    refuse(checked.error.issues.map((issue) => {
      const [section, index, field] = issue.path as [Section, number, string | undefined];
      const row = rowsOf[section]?.[index];
      const header = SHEETS[KEY_OF_SECTION[section]]?.columns.find((c) => c.field === field)?.header;
      const column = field ? (columnsOf[section]?.get(field) ?? (header ? `no column "${header}"` : undefined)) : undefined;
      const entry = row === undefined ? 'the file' : `${SHEETS[KEY_OF_SECTION[section]].name}, row ${row}${column ? `, ${column}` : ''}`;
      return { entry, message: issue.message };
    }));
  }
  try {
    return { file: parseRegisterFile(candidate), placeOf };
  } catch (err) {
    if (err instanceof ClientError) throw new InvalidInputError(placeOf(err.message), err.details);
    throw err;
  }
}
