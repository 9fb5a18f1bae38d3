import path from 'node:path';
import type { RunningWorker } from '../../src/queue/worker-port';
import { importRegisterFile } from '../../src/register-import';
import { PHASE_NAMES } from '../../src/reports/document/words';
import { waitFor } from '../jobs/support/wait-for';
import { startAppWorker } from '../support/app-worker';
import { allElements, type PdfStructure, readPdfStructure, type StructureElement } from '../support/pdf-structure';
import { readPdf } from '../support/read-pdf';
import { testServiceContext } from '../support/service-context';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Both Panel papers as a reader with a screen reader gets them: tagged PDFs in en-GB whose
 * structure holds the headings, tables, lists and pictures (with alternative text), with every
 * font embedded, every character the register holds printed, and no page holding a lone row.
 */
const FIXTURES = path.join(__dirname, '..', 'fixtures');
const DEMO = path.join(__dirname, '..', '..', 'src', 'demo', 'register-2021-04.json');
/** A title no standard PDF font can print: Polish, Greek, Cyrillic, and an ideograph DejaVu Sans lacks. */
const WIDE_TITLE = 'Łódź metering — Ωmega Ж trial 中';

let app: TestApp;
let worker: RunningWorker;
interface Paper { id: string; markdown: string; html: string; pdf: Uint8Array; structure: PdfStructure }
const papers: Record<'report' | 'timetables', Paper> = {} as never;

async function build(mutation: 'regenerateReport' | 'regenerateTimetables', period: string): Promise<Paper> {
  const { id } = (await app.gql(`mutation { ${mutation}(period: "${period}") { id } }`)).data![mutation];
  const built = await waitFor(async () => {
    const r = (await app.gql(`query($id: ID!) { report(id: $id) { status markdown html } }`, { id })).data!.report;
    return r.status === 'READY' ? r : undefined;
  }, `${mutation} ${period}`);
  const res = await fetch(`${app.url.replace(/\/graphql$/, '')}/reports/${id}.pdf`, { headers: { authorization: `Bearer ${app.keys.READER}` } });
  const pdf = new Uint8Array(await res.arrayBuffer());
  return { id, markdown: built.markdown, html: built.html, pdf, structure: await readPdfStructure(pdf) };
}

beforeAll(async () => {
  app = await startTestApp();
  await importRegisterFile(testServiceContext(app.db), path.join(FIXTURES, 'register-2019-03.json'));
  const made = await app.gql(`mutation { createModification(input: { reference: "SECMP0090", title: "${WIDE_TITLE}", kind: MODIFICATION_PROPOSAL, raisedOn: "2019-01-07" }) { id } }`);
  expect(made.errors).toBeUndefined();
  expect((await app.gql(`mutation { changePhase(reference: "SECMP0090", phase: REFINE, on: "2019-02-01") { phase } }`)).errors).toBeUndefined();
  await importRegisterFile(testServiceContext(app.db), DEMO);
  worker = await startAppWorker(app);
  papers.timetables = await build('regenerateTimetables', '2019-03');
  papers.report = await build('regenerateReport', '2021-04');
});
afterAll(async () => {
  await worker?.close();
  await app?.stop();
});

describe.each(['report', 'timetables'] as const)('the %s PDF', (which) => {
  test('is tagged, in en-GB, with every font embedded', () => {
    const { structure } = papers[which];
    expect(structure.marked).toBe(true);
    expect(structure.lang).toBe('en-GB');
    expect(structure.fonts.length).toBeGreaterThan(0);
    expect(structure.fonts.filter((f) => !f.embedded)).toEqual([]);
  });

  test("its structure is the paper's: the title, then its sections' headings in order, as the Markdown has them", () => {
    const elements = allElements(papers[which].structure.root);
    const [document] = papers[which].structure.root;
    expect(document!.role).toBe('Document');
    expect(document!.children[0]!.role).toBe('H1');
    const h2 = elements.filter((e) => e.role === 'H2').length;
    expect(h2).toBe(papers[which].markdown.split('\n').filter((l) => l.startsWith('## ')).length);
    // The PDF heads its footnotes "Notes"; the Markdown lists them bare.
    const notes = /^\[\^1\]: /m.test(papers[which].markdown) ? 1 : 0;
    expect(elements.filter((e) => e.role === 'H3').length).toBe(papers[which].markdown.split('\n').filter((l) => l.startsWith('### ')).length + notes);
  });

  test('its tables have header cells and rows; its lists have labelled items; its pictures are figures with alternative text', () => {
    const elements = allElements(papers[which].structure.root);
    const tables = elements.filter((e) => e.role === 'Table');
    expect(tables.length).toBeGreaterThan(1);
    for (const t of tables) {
      const rows = allElements(t.children).filter((e) => e.role === 'TR');
      expect(rows.length).toBeGreaterThan(0);
      for (const r of rows) expect(r.children.every((c) => c.role === 'TH' || c.role === 'TD')).toBe(true);
      expect(allElements(t.children).some((e) => e.role === 'TH')).toBe(true);
    }
    const lists = elements.filter((e) => e.role === 'L');
    if (which === 'timetables') expect(lists.length).toBeGreaterThan(10);
    for (const l of lists) expect(l.children.every((i) => i.role === 'LI' && i.children.map((c) => c.role).join() === 'Lbl,LBody')).toBe(true);
    const figures = elements.filter((e) => e.role === 'Figure');
    expect(figures).toHaveLength(1);
    expect(figures[0]!.alt).toMatch(which === 'report' ? /^Bar chart of the \d+ proposals by phase: / : /^Timeline of \d+ proposals in Refinement: /);
  });

  test('no page holds a lone row of a table that has more', () => {
    const lone: string[] = [];
    const tables = allElements(papers[which].structure.root).filter((e) => e.role === 'Table');
    tables.forEach((t, i) => {
      const body = t.children.find((c) => c.role === 'TBody') ?? t;
      const rows = body.children.filter((c: StructureElement) => c.role === 'TR');
      const perPage = new Map<number, number>();
      for (const r of rows) perPage.set(r.page!, (perPage.get(r.page!) ?? 0) + 1);
      if (rows.length > 1) for (const [page, n] of perPage) if (n === 1) lone.push(`table ${i + 1} on page ${page}`);
    });
    expect(lone).toEqual([]);
  });
});

test("the report's picture draws the register's counts of proposals per phase on its day", async () => {
  const svg = papers.report.html.slice(papers.report.html.indexOf('<svg'), papers.report.html.indexOf('</svg>'));
  const drawn = Object.fromEntries([...svg.matchAll(/<g data-key="([A-Z_]+)" data-value="(\d+)">/g)].map((m) => [m[1], Number(m[2])]));
  const counted: Record<string, number> = {};
  for (const phase of ['DEFINE', 'REFINE', 'OPINE', 'DECIDE', 'APPROVED', 'IMPLEMENTED', 'REJECTED', 'WITHDRAWN']) {
    const n = (await app.gql(`{ modifications(filter: { asOf: "2021-04-09", phases: [${phase}] }) { totalCount } }`)).data!.modifications.totalCount;
    if (n > 0) counted[phase] = n;
  }
  expect(drawn).toEqual(counted);
  // The PDF's figure says the same counts to one who cannot see it.
  const figure = allElements(papers.report.structure.root).find((e) => e.role === 'Figure')!;
  for (const [phase, n] of Object.entries(counted)) expect(figure.alt).toContain(`${PHASE_NAMES[phase]} ${n}`);
});

test('a title outside Latin-1 prints as written, and a character no embedded font has is marked, not dropped', async () => {
  const text = (await readPdf(papers.timetables.pdf)).map((p) => p.text).join('\n');
  expect(text).toContain('Łódź metering — Ωmega Ж trial \uFFFD');
  expect(papers.timetables.html).toContain(WIDE_TITLE);
});
