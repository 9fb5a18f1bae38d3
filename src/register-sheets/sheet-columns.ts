/**
 * The register as a spreadsheet: the columns of SECAS's Modification Register, one sheet of
 * proposals and one of assessments. The same definitions write the export and read the import, so
 * a sheet exported and imported back says exactly what the register holds.
 */

/** How a cell is written and read. */
export type CellKind = 'text' | 'enum' | 'date' | 'yesNo' | 'count' | 'pounds' | 'references';

export interface Column<F extends string = string> {
  header: string;
  /** The register file's field (../shared/data/README.md); absent: shown on export, ignored on import. */
  field?: F;
  kind: CellKind;
  /** Width in characters, for the XLSX. */
  width: number;
}

export const PROPOSAL_COLUMNS: readonly Column[] = [
  { header: 'Reference', field: 'reference', kind: 'text', width: 12 },
  { header: 'Title', field: 'title', kind: 'text', width: 50 },
  { header: 'Kind', field: 'kind', kind: 'enum', width: 22 },
  { header: 'Phase', field: 'phase', kind: 'enum', width: 12 },
  { header: 'Path', field: 'path', kind: 'enum', width: 24 },
  { header: 'Proposer', field: 'proposer', kind: 'text', width: 20 },
  { header: 'Proposer organisation', field: 'proposerOrganisation', kind: 'text', width: 24 },
  { header: 'Raised', field: 'raisedOn', kind: 'date', width: 12 },
  { header: 'Target release', field: 'targetRelease', kind: 'text', width: 30 },
  { header: 'On hold', field: 'onHold', kind: 'yesNo', width: 9 },
  { header: 'On hold reason', field: 'onHoldReason', kind: 'text', width: 30 },
  { header: 'Depends on', field: 'dependsOn', kind: 'references', width: 16 },
  { header: 'Summary', field: 'summary', kind: 'text', width: 50 },
  { header: 'Note', field: 'note', kind: 'text', width: 40 },
  { header: 'Open assessments', kind: 'text', width: 40 },
];

export const ASSESSMENT_COLUMNS: readonly Column[] = [
  { header: 'Reference', field: 'modification', kind: 'text', width: 12 },
  { header: 'Type', field: 'type', kind: 'enum', width: 14 },
  { header: 'Change request', field: 'changeRequest', kind: 'text', width: 14 },
  { header: 'Requested', field: 'requestedOn', kind: 'date', width: 12 },
  { header: 'Accepted', field: 'acceptedOn', kind: 'date', width: 12 },
  { header: 'Target Working Days', field: 'targetWorkingDays', kind: 'count', width: 10 },
  { header: 'Target completion', kind: 'date', width: 12 },
  { header: 'Expected completion', field: 'expectedCompletionOn', kind: 'date', width: 12 },
  { header: 'Returned', field: 'returnedOn', kind: 'date', width: 12 },
  { header: 'Cost (GBP)', field: 'costGbp', kind: 'pounds', width: 12 },
  { header: 'Commentary', field: 'commentary', kind: 'text', width: 50 },
  { header: 'Note', field: 'note', kind: 'text', width: 40 },
  // Which assessment a row is: an edited row (its dates corrected) updates it; blank for a new one.
  { header: 'Id', field: 'id', kind: 'text', width: 38 },
];

export const SHEETS = {
  proposals: { name: 'Proposals', section: 'modifications', columns: PROPOSAL_COLUMNS },
  assessments: { name: 'Assessments', section: 'assessments', columns: ASSESSMENT_COLUMNS },
} as const;
export type SheetKey = keyof typeof SHEETS;

/** The sheet that says which day the facts are as of (XLSX only: a CSV holds one sheet and no date). */
export const ABOUT_SHEET = 'About';

/** A cell's value as the export writes it: text, a whole or decimal number, a day, yes/no. */
export type CellValue = string | number | boolean | { date: string } | null;

/** A, B, ... Z, AA: the letter a spreadsheet shows above column `index` (0-based). */
export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    letters = String.fromCharCode(65 + r) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}
