import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { accessibilityViolations, signIn, consoleOnApril2021 } from '../support/browser';

// The register page: its filters are the API's, its export is the API's spreadsheet, and SECAS
// imports an edited spreadsheet from it: a dry run row by row first, then the import.

const dir = mkdtempSync(path.join(os.tmpdir(), 'console-register-'));
const c = consoleOnApril2021();

interface Refusal {
  error: { code: string; message: string };
}

async function references(filter: string): Promise<string[]> {
  const r = await c.app.gql(`{ modifications(first: 500, filter: ${filter}) { edges { node { reference } } } }`);
  return r.data!.modifications.edges.map((e: { node: { reference: string } }) => e.node.reference);
}

test('the filters show what the API says for each, the rows sort by a column, and the export is the API\'s spreadsheet', async () => {
  const page = await c.browser.newPage();
  await signIn(page, c.base, c.app.keys.READER, '/register?kind=DRAFT_PROPOSAL');
  const drafts = await references('{ kind: DRAFT_PROPOSAL }');
  await page.getByRole('status').filter({ hasText: `${drafts.length} proposals` }).waitFor();
  expect(await page.getByRole('rowheader').allTextContents()).toEqual(drafts);

  // The 'black hole' on 9 April 2021: the proposals in Refinement without a current work package.
  await page.goto(`${c.base}/register?stalled=yes&asOf=2021-04-09`);
  const stalled = await references('{ refinementStalled: true, asOf: "2021-04-09" }');
  expect(stalled.length).toBeGreaterThan(0);
  await page.getByRole('status').filter({ hasText: `${stalled.length} proposal` }).waitFor();
  expect(await page.getByRole('rowheader').allTextContents()).toEqual(stalled);
  expect(await page.getByText('(black hole)').count()).toBe(stalled.length);
  expect(await accessibilityViolations(page)).toEqual([]);

  // Sorted by phase, in the lifecycle's order; pressed again, the other way.
  await page.goto(`${c.base}/register`);
  await page.getByRole('status').filter({ hasText: 'proposals' }).waitFor();
  await page.getByRole('button', { name: 'Phase' }).click();
  expect(await page.getByRole('columnheader', { name: 'Phase' }).getAttribute('aria-sort')).toBe('ascending');
  const phases = async () => (await page.locator('tbody tr td:nth-of-type(3)').allTextContents()).map((t) => t.replace(' (black hole)', ''));
  const order = ['Define', 'Refine', 'Opine', 'Decide', 'Approved', 'Implemented', 'Rejected', 'Withdrawn'];
  const ascending = await phases();
  expect(ascending.map((p) => order.indexOf(p))).toEqual([...ascending.map((p) => order.indexOf(p))].sort((a, b) => a - b));
  await page.getByRole('button', { name: 'Phase' }).click();
  expect(await page.getByRole('columnheader', { name: 'Phase' }).getAttribute('aria-sort')).toBe('descending');
  expect(await phases()).toEqual([...ascending].reverse());
  expect(page.url()).toMatch(/sort=phase&order=desc$/);

  // The XLSX link downloads the API's own export with the session (no key typed).
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'XLSX (proposals and assessments)' }).click()]);
  const saved = path.join(dir, download.suggestedFilename());
  await download.saveAs(saved);
  expect(readFileSync(saved).subarray(0, 2).toString()).toBe('PK');
  expect(download.suggestedFilename()).toMatch(/^sec-register-\d{4}-\d{2}-\d{2}\.xlsx$/);
  await page.close();
});

test('SECAS imports an edited CSV: the dry run lists the row it would change and writes nothing; the import then changes it; a bad cell is refused by its place', async () => {
  const res = await fetch(`${c.base}/register.csv?asOf=2021-04-09`, { headers: { authorization: `Bearer ${c.app.keys.ADMIN}` } });
  const csv = await res.text();
  const lines = csv.split('\n');
  const row = lines.findIndex((l) => l.startsWith('MP125,'));
  expect(row).toBeGreaterThan(0);
  const title = (await c.app.gql(`{ modification(reference: "MP125") { title } }`)).data!.modification.title as string;
  lines[row] = lines[row]!.replace(title.includes(',') ? `"${title}"` : title, 'MP125 retitled in the spreadsheet');
  const edited = path.join(dir, 'proposals.csv');
  writeFileSync(edited, lines.join('\n'));

  const page = await c.browser.newPage();
  await signIn(page, c.base, c.app.keys.ADMIN, '/register');
  await page.getByLabel('XLSX or CSV file').setInputFiles(edited);
  await page.getByLabel('Exported on (a CSV only)').fill('2021-04-09');
  await page.getByRole('button', { name: 'Dry run: show what would change' }).click();
  const would = page.getByRole('table', { name: 'What the import would change' });
  await would.getByRole('row').filter({ hasText: `Proposals, row ${row + 1} (MP125)` }).waitFor();
  expect(await would.getByRole('rowheader').allTextContents()).toEqual([`Proposals, row ${row + 1} (MP125)`]);
  expect(await accessibilityViolations(page)).toEqual([]);
  expect((await c.app.gql(`{ modification(reference: "MP125") { title } }`)).data!.modification.title).toBe(title);

  await page.getByRole('button', { name: 'Import it: make these changes' }).click();
  await page.getByRole('status').filter({ hasText: 'Imported. 1 entry changed.' }).waitFor();
  await page.getByRole('cell', { name: 'MP125 retitled in the spreadsheet' }).waitFor();
  expect((await c.app.gql(`{ modification(reference: "MP125") { title } }`)).data!.modification.title).toBe('MP125 retitled in the spreadsheet');

  const bad = path.join(dir, 'bad.csv');
  writeFileSync(bad, 'Reference,Kind,Phase,On hold\nMP125,MODIFICATION_PROPOSAL,REFINE,perhaps\n');
  await page.getByLabel('XLSX or CSV file').setInputFiles(bad);
  await page.getByRole('button', { name: 'Dry run: show what would change' }).click();
  expect(await page.getByRole('alert').textContent()).toMatch(/Proposals, row 2, column D \(On hold\): "perhaps" is not Yes or No/);
  await page.close();
});

test('SECAS adds a proposal from the register page and lands on its page; a reference of the wrong form is refused in the API\'s words', async () => {
  const page = await c.browser.newPage();
  await signIn(page, c.base, c.app.keys.ADMIN, '/register');
  await page.getByRole('button', { name: 'Add a proposal' }).click();
  const form = page.getByRole('form', { name: 'Add a proposal' });
  await form.getByLabel('Reference').fill('XYZ1');
  await form.getByLabel('Kind').selectOption('DRAFT_PROPOSAL');
  await form.getByLabel('Title', { exact: true }).fill('Console-raised Draft Proposal');
  await form.getByRole('button', { name: 'Add it to the register' }).click();
  expect(await form.getByRole('alert').textContent()).toMatch(/reference/i);
  // The refusal keeps what was typed: only the reference needs mending.
  expect(await form.getByLabel('Title', { exact: true }).inputValue()).toBe('Console-raised Draft Proposal');
  await form.getByLabel('Reference').fill('DP901');
  await form.getByLabel('Raised on').fill('2021-04-08');
  await form.getByRole('button', { name: 'Add it to the register' }).click();
  await page.getByRole('heading', { level: 1, name: 'DP901: Console-raised Draft Proposal' }).waitFor();
  expect((await c.app.gql(`{ modification(reference: "DP901") { kind raisedOn } }`)).data!.modification).toEqual({ kind: 'DRAFT_PROPOSAL', raisedOn: '2021-04-08' });
  await page.close();
});

test('the import is SECAS\'s: a reader\'s key is refused, and a request with the session but without the console\'s header is refused', async () => {
  const asReader = await fetch(`${c.base}/register/import?format=csv&dryRun=true`, {
    method: 'POST', headers: { authorization: `Bearer ${c.app.keys.READER}` }, body: 'Reference\nMP1\n',
  });
  expect(asReader.status).toBe(403);
  expect(((await asReader.json()) as Refusal).error.message).toMatch(/needs the role ADMIN/);
  const page = await c.browser.newPage();
  await signIn(page, c.base, c.app.keys.ADMIN, '/register');
  const cookie = (await page.context().cookies()).map((k) => `${k.name}=${k.value}`).join('; ');
  const noHeader = await fetch(`${c.base}/register/import?format=csv&dryRun=true`, { method: 'POST', headers: { cookie }, body: 'Reference\nMP1\n' });
  expect(noHeader.status).toBe(403);
  const badFormat = await fetch(`${c.base}/register/import?format=ods`, { method: 'POST', headers: { authorization: `Bearer ${c.app.keys.ADMIN}` }, body: 'x' });
  expect(badFormat.status).toBe(400);
  expect(((await badFormat.json()) as Refusal).error.message).toBe('format must be xlsx or csv');
  await page.close();
});
