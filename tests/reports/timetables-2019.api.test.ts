import { readFileSync } from 'node:fs';
import path from 'node:path';
import { formatLongDate } from '../../src/notifications/templates/format';
import type { RunningWorker } from '../../src/queue/worker-port';
import { importRegisterFile } from '../../src/register-import';
import { monthName } from '../../src/reports/report-frame';
import { waitFor } from '../jobs/support/wait-for';
import { startAppWorker } from '../support/app-worker';
import { readPdf, type PdfPage } from '../support/read-pdf';
import { testServiceContext } from '../support/service-context';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * The March 2019 Modification Timetables paper rebuilt from the March 2019 register file, checked
 * fact by fact against the source paper (a copy of its JSON kept with the fixtures): every
 * proposal in Refinement, its package of work task by task, the Working Group meetings it goes
 * to and the month it returns to the Panel.
 */
const FIXTURES = path.join(__dirname, '..', 'fixtures');
const source = JSON.parse(readFileSync(path.join(FIXTURES, 'source', 'modification-timetables-2019-03.json'), 'utf8'));

let app: TestApp;
let worker: RunningWorker;
let paper: { id: string; kind: string; paperReference: string; asOf: string; markdown: string; html: string };
let pdfPages: PdfPage[];

/** The Markdown as text: its escapes taken out. */
const plain = (md: string) => md.replace(/\\([\\`*_[\]!|~#+=-])/g, '$1').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>');

/** The text of a proposal's own subsection of section 2, up to the next heading. */
function proposalSection(reference: string): string {
  const md = plain(paper.markdown);
  const start = md.search(new RegExp(`^### 2\\.\\d+ ${reference}: `, 'm'));
  if (start < 0) throw new Error(`no subsection for ${reference}`);
  const rest = md.slice(start);
  const end = rest.indexOf('\n#');
  return end < 0 ? rest : rest.slice(0, end);
}

beforeAll(async () => {
  app = await startTestApp();
  await importRegisterFile(testServiceContext(app.db), path.join(FIXTURES, 'register-2019-03.json'));
  worker = await startAppWorker(app);
  const queued = (await app.gql(`mutation { regenerateTimetables(period: "2019-03") { id kind status } }`)).data!.regenerateTimetables;
  expect(queued).toMatchObject({ kind: 'MODIFICATION_TIMETABLES', status: 'QUEUED' });
  paper = await waitFor(async () => {
    const r = (await app.gql(`query($id: ID!) { report(id: $id) { id kind status paperReference asOf markdown html } }`, { id: queued.id })).data!.report;
    return r.status === 'READY' ? r : undefined;
  }, 'the March 2019 timetables to be READY');
  const pdf = await fetch(`${app.url.replace(/\/graphql$/, '')}/reports/${paper.id}.pdf`, { headers: { authorization: `Bearer ${app.keys.READER}` } });
  expect(pdf.headers.get('content-disposition')).toContain('modification-timetables-2019-03-v1.pdf');
  pdfPages = await readPdf(new Uint8Array(await pdf.arrayBuffer()));
});
afterAll(async () => {
  await worker?.close();
  await app?.stop();
});

test("its title block is the source paper's: SECP_66_1503_12, dated 8 March 2019 (the papers deadline of the 15 March Panel), For Decision, with Appendix A", () => {
  expect(paper.asOf).toBe(source.source.date);
  expect(paper.paperReference).toBe(source.source.paperReference);
  const md = plain(paper.markdown);
  expect(md).toContain(`| Reference | ${source.source.paperReference} |`);
  expect(md).toContain(`| Action | ${source.source.action} |`);
  expect(md).toContain(`| Author | ${source.source.authorOrganisation} |`);
  expect(md).toContain(`| Attachments | ${source.source.attachments.join('; ')} |`);
  expect(md).toContain('| Panel | SEC Panel 66, Friday 15 March 2019 |');
  expect(md).toMatch(/^Recommendation: The Panel is requested to AGREE the packages of work and progression timetables/m);
});

test('every proposal the source has in Refinement has its section, in reference order, and no other', () => {
  const refining = source.modifications.filter((m: { stage: string }) => m.stage === 'REFINE').map((m: { reference: string }) => m.reference).sort();
  const headings = [...plain(paper.markdown).matchAll(/^### 2\.\d+ (\S+): /gm)].map((m) => m[1]);
  expect(headings).toEqual(refining);
  for (const m of source.modifications.filter((x: { stage: string }) => x.stage === 'REFINE')) {
    expect(proposalSection(m.reference)).toContain(m.summary);
    if (m.onHold) expect(proposalSection(m.reference)).toContain(`On hold: ${m.onHoldReason}`);
  }
});

test('every package of work: each task in order, the month it returns to the Panel and the Working Group meetings it goes to', () => {
  const after = (d: string | null) => d !== null && d > source.asOf;
  for (const w of source.workPackages) {
    const text = proposalSection(w.modification);
    if (w.returnToPanelBy === null) {
      // SECMP0028's "package" is to stay on hold: the register holds that as its on-hold reason.
      expect(text).toContain('No package of work');
      continue;
    }
    const numbered = w.tasks.map((t: string, i: number) => `${i + 1}. ${t}`).join('\n');
    expect(text).toContain(numbered);
    expect(text).toContain(`Returns to the Panel: ${monthName(w.returnToPanelBy)}.`);
    const workingGroups = source.meetings.filter((m: { body: string; date: string | null; agenda: string[] | null }) =>
      m.body === 'WORKING_GROUP' && after(m.date) && (m.agenda ?? []).includes(w.modification));
    for (const m of workingGroups) expect(text).toContain(formatLongDate(m.date));
  }
});

test('the recommendations ask the Panel to AGREE each package', () => {
  const md = plain(paper.markdown);
  const recommendations = md.slice(md.indexOf('## 3 Recommendations'), md.indexOf('## Appendix A'));
  for (const w of source.workPackages.filter((x: { returnToPanelBy: string | null }) => x.returnToPanelBy)) {
    expect(recommendations).toContain(`- AGREE the package of work for ${w.modification}, returning to the Panel in ${monthName(w.returnToPanelBy)}`);
  }
});

test("Appendix A's timeline draws every package to its return month, and every Working Group meeting, from the register's figures", () => {
  const svg = paper.html.slice(paper.html.indexOf('<svg', paper.html.indexOf('Appendix A')));
  const rows = [...svg.matchAll(/<g data-key="([^"]+)">(.*?)<\/g>/g)].map((m) => ({ key: m[1]!, body: m[2]! }));
  expect(rows.map((r) => r.key)).toEqual(source.modifications.filter((m: { stage: string }) => m.stage === 'REFINE').map((m: { reference: string }) => m.reference).sort());
  for (const w of source.workPackages) {
    const row = rows.find((r) => r.key === w.modification)!;
    if (w.returnToPanelBy === null) {
      expect(row.body).not.toContain('data-from');
      continue;
    }
    expect(row.body).toMatch(new RegExp(`data-from="${source.asOf}" data-to="${w.returnToPanelBy}-\\d\\d"`));
    const drawn = [...row.body.matchAll(/data-mark="working-group" data-on="([\d-]+)"/g)].map((m) => m[1]);
    const expected = source.meetings
      .filter((m: { body: string; date: string | null; agenda: string[] | null }) => m.body === 'WORKING_GROUP' && m.date && m.date > source.asOf && (m.agenda ?? []).includes(w.modification))
      .map((m: { date: string }) => m.date);
    expect(drawn).toEqual(expected);
  }
});

test('the PDF holds the same paper: its reference on the first page, every proposal, and the appendix on a page of its own', () => {
  const all = pdfPages.map((p) => p.text).join('\n');
  expect(pdfPages[0]!.text).toContain('SECP_66_1503_12');
  for (const m of source.modifications.filter((x: { stage: string }) => x.stage === 'REFINE')) expect(all).toContain(m.reference);
  const appendix = pdfPages.find((p) => p.text.includes('Appendix A: SEC Modification Timetables') && p.text.includes('Working Group meetings'));
  expect(appendix).toBeDefined();
});
