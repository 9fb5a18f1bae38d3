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
 * `npm run import -- FILE.xlsx|FILE.csv`: reads the sheets, checks every cell, and imports them as
 * a register file dated by the About sheet (or `asOf`), in one transaction. With `dryRun`, runs
 * it all and rolls it back. Every refusal names the file, and the sheet, row and column at fault.
 */
export async function importRegisterSpreadsheet(
  ctx: ServiceContext,
  filePath: string,
  options: { asOf?: LocalDate; dryRun?: boolean; onProgress?: (message: string) => void } = {},
): Promise<{ summary: ImportSummary; placeOf(line: string): string }> {
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(filePath);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InvalidInputError(`Cannot read ${filePath}: ${code === 'ENOENT' ? 'no such file' : (err as Error).message}`, { path: filePath });
  }
  let placeOf = (line: string) => line;
  try {
    const book = /\.xlsx$/i.test(filePath) ? await readXlsx(bytes).catch((err: Error) => {
      throw new InvalidInputError(`not a readable XLSX workbook (${err.message})`);
    }) : readCsv(bytes.toString('utf8'));
    const sheets = registerFileFromSheets(book, { source: `spreadsheet ${path.basename(filePath)}`, asOf: options.asOf });
    placeOf = sheets.placeOf;
    const summary = await new RegisterImportService().import(ctx, sheets.file, { dryRun: options.dryRun, onProgress: options.onProgress });
    return { summary, placeOf };
  } catch (err) {
    if (err instanceof ClientError) throw new InvalidInputError(`${filePath}: ${placeOf(err.message)}`, err.details);
    // csv-parse's errors carry a CSV_… code (an unclosed quote, say).
    if (String((err as { code?: unknown }).code ?? '').startsWith('CSV_')) {
      throw new InvalidInputError(`${filePath} is not a readable CSV: ${(err as Error).message}`, { path: filePath });
    }
    throw err;
  }
}
