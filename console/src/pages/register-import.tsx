import { useState } from 'preact/hooks';
import { importSpreadsheet, problemOf, type SpreadsheetImport } from '../api';

/**
 * SECAS imports a spreadsheet (the register's own XLSX or CSV, edited): first a dry run that
 * lists row by row what would be created or updated and what the register keeps, nothing
 * written; then, on a second click, the same file for real. A refusal names the sheet, row and
 * column at fault, in the API's words.
 */
export function RegisterImport({ onImported }: { onImported: () => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [asOf, setAsOf] = useState('');
  const [result, setResult] = useState<SpreadsheetImport | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(true);
    setProblem(null);
    try {
      const answer = await importSpreadsheet(file, { dryRun, asOf: asOf || undefined });
      setResult(answer);
      if (!dryRun) onImported();
    } catch (err) {
      setResult(null);
      setProblem(problemOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="import">
      <h2 id="import">Import a spreadsheet</h2>
      <form class="filters" aria-label="Import a spreadsheet" onSubmit={(e) => (e.preventDefault(), void run(true))}>
        <div>
          <label for="sheet-file">XLSX or CSV file</label>
          <input id="sheet-file" type="file" accept=".xlsx,.csv" required onChange={(e) => (setFile(e.currentTarget.files?.[0] ?? null), setResult(null), setProblem(null))} />
        </div>
        <div>
          <label for="sheet-as-of">Exported on (a CSV only)</label>
          <input id="sheet-as-of" type="date" value={asOf} onChange={(e) => setAsOf(e.currentTarget.value)} />
        </div>
        <button type="submit" disabled={busy || !file}>Dry run: show what would change</button>
      </form>
      {problem && <p class="problem" role="alert">{problem}</p>}
      {result && (
        <>
          <p role="status">
            {result.dryRun ? 'Dry run: nothing was written. ' : 'Imported. '}
            {result.changes.length === 0 ? 'The register already holds everything in the file.' : `${result.changes.length} ${result.changes.length === 1 ? 'entry' : 'entries'} ${result.dryRun ? 'would change' : 'changed'}.`}
          </p>
          {result.changes.length > 0 && (
            <table>
              <caption>{result.dryRun ? 'What the import would change' : 'What the import changed'}</caption>
              <thead><tr><th scope="col">Place in the file</th><th scope="col">{result.dryRun ? 'Would be' : 'Was'}</th></tr></thead>
              <tbody>{result.changes.map((c) => <tr><th scope="row">{c.place}</th><td>{c.outcome}</td></tr>)}</tbody>
            </table>
          )}
          {result.kept.length > 0 && (
            <table>
              <caption>Kept as the register has it (the register knows a later state)</caption>
              <thead><tr><th scope="col">Place in the file</th><th scope="col">Why</th></tr></thead>
              <tbody>{result.kept.map((k) => <tr><th scope="row">{k.place}</th><td>{k.reason}</td></tr>)}</tbody>
            </table>
          )}
          {result.dryRun && result.changes.length > 0 && (
            <button type="button" disabled={busy} onClick={() => void run(false)}>Import it: make these changes</button>
          )}
        </>
      )}
    </section>
  );
}
