import { promises as fs } from 'node:fs';
import type { ServiceContext } from '../common/service-context';
import { ClientError, InvalidInputError } from '../common/errors';
import type { ImportSummary } from './import-run';
import { parseRegisterFile } from './register-file.schema';
import { RegisterImportService } from './register-import.service';

export { parseRegisterFile, registerFileSchema } from './register-file.schema';
export type {
  RegisterFile, RegisterModification, RegisterAssessment, RegisterMeeting, RegisterConsultation,
  RegisterDecision, RegisterRelease, RegisterWorkPackage,
} from './register-file.schema';
export { RegisterImportService, type ImportOptions } from './register-import.service';
export type { ImportCounts, ImportKind, ImportSummary, Outcome } from './import-run';

/**
 * Reads, validates and imports one register file (`npm run import -- FILE`, the demo). Every
 * refusal is an InvalidInputError that names the file, and the entry when the fault is in one.
 */
export async function importRegisterFile(
  ctx: ServiceContext,
  filePath: string,
  onProgress?: (message: string) => void,
  options: { dryRun?: boolean } = {},
): Promise<ImportSummary> {
  const json = await readJson(filePath);
  try {
    const file = parseRegisterFile(json);
    return await new RegisterImportService().import(ctx, file, { onProgress, dryRun: options.dryRun });
  } catch (err) {
    if (err instanceof ClientError) throw new InvalidInputError(`${filePath}: ${err.message}`, err.details);
    throw err;
  }
}

async function readJson(filePath: string): Promise<unknown> {
  let text: string;
  try {
    text = await fs.readFile(filePath, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : (err as Error).message;
    throw new InvalidInputError(`Cannot read the register file ${filePath}: ${why}`, { path: filePath });
  }
  try {
    // A byte-order mark is invisible in an editor and fatal to JSON.parse.
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new InvalidInputError(`${filePath} is not valid JSON: ${withLineAndColumn(text, (err as Error).message)}`, { path: filePath });
  }
}

/**
 * JSON.parse names a position ("at position 1234"); a person editing the file wants a line and a
 * column. Node 22+ appends its own "(line 3 column 24)": one form, ours, whatever the runtime.
 */
function withLineAndColumn(text: string, message: string): string {
  const m = /at position (\d+)/.exec(message);
  if (!m) return message;
  const lines = text.replace(/^\uFEFF/, '').slice(0, Number(m[1])).split('\n');
  return `${message.replace(/\s*\(line \d+ column \d+\)$/, '')} (line ${lines.length}, column ${lines[lines.length - 1]!.length + 1})`;
}
