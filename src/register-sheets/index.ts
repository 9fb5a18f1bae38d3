import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { LocalDate } from '../calendar/local-date';
import { ClientError, InvalidInputError } from '../common/errors';
import type { ServiceContext } from '../common/service-context';
import { RegisterImportService, type ImportSummary } from '../register-import';
import { registerRows } from './register-rows';
import { readCsv, readXlsx, writeCsv, writeXlsx } from './sheet-files';
import { registerFileFromSheets } from './sheet-import';
import type { SheetKey } from './sheet-columns';

export { SHEETS, type SheetKey } from './sheet-columns';

export type SheetFormat = 'xlsx' | 'csv';

/** The register as a spreadsheet file, as it stood at the end of `asOf` (default today): the XLSX with both sheets, or one sheet as CSV. */
export async function exportRegister(ctx: ServiceContext, format: SheetFormat, sheet: SheetKey = 'proposals', asOf: LocalDate = ctx.clock.today()): Promise<Buffer> {
  const rows = await registerRows(ctx.db, await ctx.calendar(), asOf);
  return format === 'xlsx' ? writeXlsx(rows) : Buffer.from(writeCsv(rows, sheet), 'utf8');
}

export const isSpreadsheet = (filePath: string): boolean => /\.(xlsx|csv)$/i.test(filePath);

/**
 * `npm run import -- FILE.xlsx|FILE.csv`: reads the file, then imports it as `importRegisterSheets` does.
 */
export async function importRegisterSpreadsheet(
  ctx: ServiceContext,
  filePath: string,
  options: SheetImportOptions = {},
): Promise<SheetImport> {
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(filePath);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InvalidInputError(`Cannot read ${filePath}: ${code === 'ENOENT' ? 'no such file' : (err as Error).message}`, { path: filePath });
  }
  return importRegisterSheets(ctx, { name: filePath, format: /\.xlsx$/i.test(filePath) ? 'xlsx' : 'csv', bytes }, options);
}

export interface SheetImportOptions {
  asOf?: LocalDate;
  dryRun?: boolean;
  onProgress?: (message: string) => void;
}

export interface SheetImport {
  summary: ImportSummary;
  /** The sheet, row and column an entry of the summary came from: `Proposals, row 12 (MP141)`. */
  placeOf(line: string): string;
}

/**
 * A spreadsheet's bytes (from a file, or uploaded in the console): reads the sheets, checks every
 * cell, and imports them as a register file dated by the About sheet (or `asOf`), in one
 * transaction. With `dryRun`, runs it all and rolls it back. Every refusal names the file, and the
 * sheet, row and column at fault.
 */
export async function importRegisterSheets(
  ctx: ServiceContext,
  file: { name: string; format: SheetFormat; bytes: Buffer },
  options: SheetImportOptions = {},
): Promise<SheetImport> {
  let placeOf = (line: string) => line;
  try {
    const book = file.format === 'xlsx' ? await readXlsx(file.bytes).catch((err: Error) => {
      throw new InvalidInputError(`not a readable XLSX workbook (${err.message})`);
    }) : readCsv(file.bytes.toString('utf8'));
    const sheets = registerFileFromSheets(book, { source: `spreadsheet ${path.basename(file.name)}`, asOf: options.asOf });
    placeOf = sheets.placeOf;
    const summary = await new RegisterImportService().import(ctx, sheets.file, { dryRun: options.dryRun, onProgress: options.onProgress });
    return { summary, placeOf };
  } catch (err) {
    if (err instanceof ClientError) throw new InvalidInputError(`${file.name}: ${placeOf(err.message)}`, err.details);
    // csv-parse's errors carry a CSV_… code (an unclosed quote, say).
    if (String((err as { code?: unknown }).code ?? '').startsWith('CSV_')) {
      throw new InvalidInputError(`${file.name} is not a readable CSV: ${(err as Error).message}`, { path: file.name });
    }
    throw err;
  }
}
