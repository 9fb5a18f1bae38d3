import { printedFigures } from '../../../src/reports/document/printed-figures';
import { longColumns, numberFootnotes, paragraph, type ReportDocument, section, table } from '../../../src/reports/document/report-document';
import { renderMarkdown } from '../../../src/reports/render/markdown';
import { printable } from '../../../src/reports/render/pdf-fonts';

test("the figures the DCC printed, as the register's notes keep them", () => {
  expect(printedFigures('Merged from both tables. The source prints a target completion date of 2021-01-28. The source prints a current duration of 94 WD.'))
    .toEqual({ currentDurationWorkingDays: 94, targetCompletionOn: '2021-01-28' });
  expect(printedFigures('Actual duration column lost in OCR.')).toEqual({ currentDurationWorkingDays: null, targetCompletionOn: null });
  expect(printedFigures(null)).toEqual({ currentDurationWorkingDays: null, targetCompletionOn: null });
  // Not a real day: no figure rather than a wrong one.
  expect(printedFigures('The source prints a target completion date of 2021-02-30.').targetCompletionOn).toBeNull();
});

const doc = (sections: ReportDocument['sections']): ReportDocument => ({
  title: 'Change Status Report: April 2021', reference: 'CSR-2021-04-v1', date: 'Friday 9 April 2021', panel: null,
  frame: { author: 'SECAS Team', action: 'For Information', purpose: 'The status of every proposal.', recommendation: 'The Panel is requested to NOTE the contents of this report.', attachments: [] },
  sections,
});

test('footnotes are numbered in reading order; a note said twice is one footnote, and Markdown marks and lists them', () => {
  const note = { text: 'Fri 29 Jan 2021', footnotes: ['The DCC printed Thu 28 Jan 2021.'] };
  const d = doc([
    section('3', 'Refine', [], [section('3.5', 'Open', [table(['Proposal', 'Target', 'Days'], [['MP107', note, { text: '88', footnotes: ['The DCC printed 94.'] }]], 'None.')])]),
    section('A', 'Appendix', [table(['Proposal', 'Target'], [['MP107', { ...note }]], 'None.')]),
  ]);
  expect(numberFootnotes(d).notes).toEqual(['The DCC printed Thu 28 Jan 2021.', 'The DCC printed 94.']);
  const md = renderMarkdown(d);
  expect(md).toContain('| MP107 | Fri 29 Jan 2021[^1] | 88[^2] |');
  expect(md).toContain('| MP107 | Fri 29 Jan 2021[^1] |\n');
  expect(md.trimEnd().split('\n').slice(-2)).toEqual(['[^1]: The DCC printed Thu 28 Jan 2021.', '[^2]: The DCC printed 94.']);
});

test('Markdown keeps a pipe or a line break inside its cell, and says so when a table is empty', () => {
  const md = renderMarkdown(doc([section('1', 'Summary', [paragraph('Text.'), table(['A', 'B'], [['x | y', 'line\nbreak']], 'x'), table(['A'], [], 'No rows.')])]));
  expect(md).toContain('| x \\| y | line break |');
  expect(md).toContain('_No rows._');
});

test('long columns wrap and take the spare width; short ones keep to one line', () => {
  const t = (rows: string[][]) => table(['Proposal', 'Title', 'On'], rows, 'none') as Extract<ReturnType<typeof table>, { kind: 'table' }>;
  expect(longColumns(t([['MP107', 'SMETS1 Validation of SRV 6.15.1 for every device', 'Tue 1 Dec 2020']]))).toEqual([false, true, false]);
  expect(longColumns(t([['MP107', 'Short', 'Tue 1 Dec 2020']]))).toEqual([false, false, false]);
});

test("the PDF prints what its embedded font has, and marks what it has not, never an empty box", () => {
  expect(printable('SEC — Batch 4 ‘quoted’ “twice” €5 • café')).toBe('SEC — Batch 4 ‘quoted’ “twice” €5 • café');
  // Beyond Latin-1: Polish, Greek, Cyrillic and arrows are in DejaVu Sans.
  expect(printable('Łódź → Kraków, Ωmega, Жук ✓')).toBe('Łódź → Kraków, Ωmega, Жук ✓');
  // Ideographs are not: each becomes the replacement character, which says something was there.
  expect(printable('日本\nline')).toBe('\uFFFD\uFFFD\nline');
});
