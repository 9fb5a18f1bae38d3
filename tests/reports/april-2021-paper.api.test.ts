import { readFileSync } from 'node:fs';
import path from 'node:path';
import { formatDate, formatLongDate } from '../../src/notifications/templates/format';
import type { RunningWorker } from '../../src/queue/worker-port';
import { importRegisterFile } from '../../src/register-import';
import { waitFor } from '../jobs/support/wait-for';
import { startAppWorker } from '../support/app-worker';
import { readPdf, type PdfPage } from '../support/read-pdf';
import { testServiceContext } from '../support/service-context';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * The April 2021 Change Status Report rebuilt from the project's copy of its register, dated by
 * the default rule: every fact of the register in the section where the source report put it,
 * with the Code's figures, in Markdown, HTML and PDF.
 */
const DEMO = path.join(__dirname, '..', '..', 'src', 'demo', 'register-2021-04.json');
const register = JSON.parse(readFileSync(DEMO, 'utf8'));
/** The paper itself, as transcribed (a copy kept with the fixtures): what the rebuilt paper is checked against. */
const source = JSON.parse(readFileSync(path.join(__dirname, '..', 'fixtures', 'source', 'change-status-report-2021-04.json'), 'utf8'));

let app: TestApp;
let worker: RunningWorker;
let report: { id: string; markdown: string; html: string; asOf: string };
let pdfPages: PdfPage[];

const download = (id: string, format: string, key: string | null = app.keys.READER) =>
  fetch(`${app.url.replace(/\/graphql$/, '')}/reports/${id}.${format}`, { headers: key ? { authorization: `Bearer ${key}` } : {} });

/** The footnote numbers of MP107's target and current duration in 3.5: [target, duration]. */
function mp107Notes(): [string, string] {
  const row = /^\| MP107 \| IA \| CR1352 \| Tue 1 Dec 2020 \| Fri 29 Jan 2021\[\^(\d+)\] \| 40 \| 88\[\^(\d+)\] \| overdue \|$/m.exec(section('3.5'));
  if (!row) throw new Error(`MP107's row of 3.5 is not as expected:\n${section('3.5')}`);
  return [row[1]!, row[2]!];
}

/** The text of one numbered section of the Markdown, up to the next heading of any level. */
function section(number: string): string {
  const start = report.markdown.search(new RegExp(`^#+ ${number.replace('.', '\\.')} `, 'm'));
  if (start < 0) throw new Error(`no section ${number}`);
  const rest = report.markdown.slice(start);
  const end = rest.indexOf('\n#');
  return end < 0 ? rest : rest.slice(0, end);
}

beforeAll(async () => {
  app = await startTestApp();
  await importRegisterFile(testServiceContext(app.db), DEMO);
  worker = await startAppWorker(app);
  const queued = (await app.gql(`mutation { regenerateReport(period: "2021-04") { id } }`)).data!.regenerateReport;
  report = await waitFor(async () => {
    const r = (await app.gql(`query($id: ID!) { report(id: $id) { id status asOf markdown html } }`, { id: queued.id })).data!.report;
    return r.status === 'READY' ? r : undefined;
  }, 'the April 2021 report to be READY');
  const pdf = await download(report.id, 'pdf');
  pdfPages = await readPdf(new Uint8Array(await pdf.arrayBuffer()));
});
afterAll(async () => {
  await worker?.close();
  await app?.stop();
});

test('it is dated 9 April 2021, the papers deadline of the 16 April Panel, and keeps the source report\'s order', () => {
  expect(report.asOf).toBe('2021-04-09');
  expect(report.markdown.split('\n').filter((l) => /^## /.test(l))).toEqual([
    '## 1 Summary', '## 2 Define', '## 3 Refine', '## 4 Opine', '## 5 Releases', '## Appendix A: DCC Preliminary Assessments and Impact Assessments',
  ]);
  expect(report.markdown.split('\n').filter((l) => /^### 3\./.test(l)).map((l) => l.slice(4, 7))).toEqual(['3.1', '3.2', '3.3', '3.4', '3.5', '3.6', '3.7']);
});

test('every decision of the register is in the Summary, and in Refine or Opine as the source report had it', () => {
  for (const d of register.decisions) {
    expect(section('1.3')).toMatch(new RegExp(`^\\| ${d.modification} \\|.*\\| ${formatDate(d.on)} \\|`, 'm'));
    const where = d.outcome === 'IMPACT_ASSESSMENT_REQUEST_APPROVED' ? '3.3' : d.body === 'CHANGE_BOARD' ? '4.2' : d.body === 'AUTHORITY' ? '4.3' : '1.3';
    expect(section(where)).toMatch(new RegExp(`^\\| ${d.modification} \\|`, 'm'));
  }
  // The Change Board's recommendation to the Authority is a vote, not a decision of the Authority.
  expect(section('4.2')).toMatch(/^\| SECMP0056 \|.*\| Sent to the Authority with a recommendation that it be approved \|/m);
  expect(section('4.3')).not.toMatch(/^\| SECMP0056 \|/m);
  // It waits on the Authority, as the paper says.
  expect(section('4.3')).toMatch(/^SECMP0056 \(.*\) is currently with the Authority for decision\.$/m);
});

test('every meeting: the Panel in the title block, the Working Group held and next with its deadlines, the Change Board and the Sub-Committee', () => {
  expect(report.markdown).toContain('| Panel | SEC Panel 91, Friday 16 April 2021 |');
  for (const ref of ['MP099', 'MP144', 'DP153']) expect(section('1.2')).toContain(`| ${ref} |`);
  // 7 April held; 5 May next: agenda 10 Working Days before (20 April: 3 May is a bank holiday), papers 5 before.
  expect(section('3.1')).toContain('| Last held | Wed 7 Apr 2021 | Mon 22 Mar 2021 | Mon 29 Mar 2021 | SECMP0028, MP096, MP117 |');
  expect(section('3.1')).toContain('| Next | Wed 5 May 2021 | Tue 20 Apr 2021 | Tue 27 Apr 2021 | Agenda not yet announced |');
  expect(section('4.2')).toContain('The Change Board met on Wed 24 Mar 2021 and considered SECMP0056, MP105, MP148, MP150.');
  expect(section('2.3')).toMatch(/^\| Tue 30 Mar 2021 \| DP153 /m);
});

test('every consultation: Refinement Consultations in Refine, Modification Report Consultations in Opine', () => {
  for (const c of register.consultations) {
    const where = c.kind === 'REFINEMENT' ? '3.2' : '4.1';
    expect(section(where)).toMatch(new RegExp(`^\\| ${c.modification} \\|.*\\| ${formatDate(c.opensOn)} \\| — \\| Expected to open \\|`, 'm'));
  }
});

test('every release with its proposals', () => {
  for (const r of register.releases) {
    const proposals = [...r.modifications].sort().join(', ');
    expect(section('5')).toMatch(new RegExp(`^\\| ${r.name.replace(/[()]/g, '\\$&')} \\|.*\\| ${proposals} \\|$`, 'm'));
  }
});

test("every assessment where the source put it, with the Code's figures and the DCC's printed ones footnoted", () => {
  for (const a of register.assessments) {
    const type = a.type === 'IMPACT' ? 'IA' : 'PA';
    if (a.returnedOn) {
      // Completed in the 12 months to 31 March 2021; three returns of March 2020 fall before that window.
      const inWindow = a.returnedOn > '2020-03-31' && a.returnedOn <= '2021-03-31';
      const row = new RegExp(`^\\| ${a.modification} \\| ${type} \\| — \\| ${formatDate(a.returnedOn)} \\|`, 'm');
      if (inWindow) expect(section('3.6')).toMatch(row);
      else expect(section('3.6')).not.toMatch(row);
    } else if (a.acceptedOn) {
      expect(section('3.5')).toMatch(new RegExp(`^\\| ${a.modification} \\| ${type} \\|`, 'm'));
      expect(section('A.1')).toMatch(new RegExp(`^\\| ${a.modification} \\| ${type} \\|`, 'm'));
    } else {
      expect(section('A.1')).toMatch(new RegExp(`^\\| ${a.modification} \\| ${type} \\| — \\| Not accepted yet \\|`, 'm'));
    }
  }
  // MP107: 88 Working Days on 9 April 2021 by the rule; the DCC printed 94, and a target of 28 January.
  const [target, duration] = mp107Notes();
  expect(report.markdown).toMatch(new RegExp(`^\\[\\^${target}\\]: MP107 IA: the DCC printed a target completion date of Thu 28 Jan 2021; .* is Fri 29 Jan 2021\\.$`, 'm'));
  expect(report.markdown).toMatch(new RegExp(`^\\[\\^${duration}\\]: MP107 IA: the DCC printed a current duration of 94 Working Days; .* it is 88 on Fri 9 Apr 2021\\.$`, 'm'));
  // MP141's printed target (30 March) is the rule's: no footnote.
  expect(section('3.5')).toContain('| MP141 | PA | CR4242 | Tue 9 Mar 2021 | Tue 30 Mar 2021 | 15 | 21 | overdue |');
  // Appendix A: MP141 fell due in March and was not returned by then (the report printed "None to report").
  expect(section('A.3')).toContain('March 2021: 0 of 1 DCC Assessments due were completed within the required timescales (0%');
  expect(section('A.2')).toMatch(/^\| MP107 \| IA \| CR1352 \| Fri 29 Jan 2021 \| Fri 30 Apr 2021 \| DCC accepted the IA request/m);
});

test("proposals in Refinement with no work package are listed where the Panel sees them", async () => {
  const refining: Array<{ reference: string }> = await app.db.query(`SELECT reference FROM modification WHERE phase = 'REFINE' ORDER BY reference`);
  expect(refining.length).toBeGreaterThan(0);
  for (const { reference } of refining) expect(section('3.7')).toMatch(new RegExp(`^\\| ${reference} \\|.*\\| No open work package \\|$`, 'm'));
});

test('the HTML: a title block, numbered sections in order, tables with headers, footnotes, print CSS, nothing fetched', () => {
  const headings = [...report.html.matchAll(/<h2>([^<]+)<\/h2>/g)].map((m) => m[1]);
  expect(headings).toEqual(['1 Summary', '2 Define', '3 Refine', '4 Opine', '5 Releases', 'Appendix A: DCC Preliminary Assessments and Impact Assessments']);
  expect(report.html).toContain('<table class="title"><tr><th scope="row">Reference</th><td>SECP_91_1604_14</td></tr><tr><th scope="row">Date</th><td>Friday 9 April 2021</td></tr>');
  const [, n] = mp107Notes();
  expect(report.html).toContain(`<td class="short">88<sup><a href="#fn${n}" id="ref${n}">${n}</a></sup></td>`);
  expect(report.html).toMatch(new RegExp(`<li id="fn${n}">MP107 IA: the DCC printed a current duration of 94 Working Days;`));
  expect(report.html).toContain('@page { size: A4;');
  expect(report.html).not.toMatch(/\b(src|href)="(https?:)?\/\//);
});

test('the PDF: A4 pages whose text holds the same sections and figures', () => {
  expect(pdfPages.length).toBeGreaterThan(2);
  for (const page of pdfPages) {
    expect(page.width).toBeCloseTo(595.28, 1);
    expect(page.height).toBeCloseTo(841.89, 1);
    expect(page.text).toMatch(new RegExp(`Page ${page.number} of ${pdfPages.length}`));
  }
  // Cells wrap inside their columns: compare with the line breaks as spaces.
  const text = pdfPages.map((p) => p.text).join('\n').replace(/\s+/g, ' ');
  // From the first section on: the title block names Appendix A among the attachments.
  const from = text.indexOf('1 Summary');
  const order = ['1 Summary', '2 Define', '3 Refine', '3.5 Open DCC assessments', '4 Opine', '5 Releases', 'Appendix A: DCC Preliminary Assessments'].map((h) => text.indexOf(h, from));
  expect(order.every((i) => i >= 0)).toBe(true);
  expect([...order].sort((a, b) => a - b)).toEqual(order);
  expect(text).toContain('Friday 9 April 2021');
  // MP107's row of 3.5, footnote numbers after the figures they qualify.
  const [target, duration] = mp107Notes();
  expect(text).toContain(`MP107 IA CR1352 Tue 1 Dec 2020 Fri 29 Jan 2021${target} 40 88${duration} overdue`);
  expect(text).toContain('the DCC printed a current duration of 94 Working Days');
  expect(text).toContain('March 2021: 0 of 1 DCC Assessments due were completed within the required timescales');
  for (const d of register.decisions) expect(text).toContain(d.modification);
  for (const r of register.releases) expect(text).toContain(r.name);
  // The em dash of a title survives the PDF's standard font.
  expect(text).toContain('Incorporation of multiple Issue Resolution Proposals into the SEC — Batch 4');
});

describe('against the source paper: every fact the register holds, where the paper has it', () => {
  /** The Markdown as text: its escapes taken out. */
  const plain = (md: string) => md.replace(/\\([\\`*_[\]!|~#+=-])/g, '$1');
  /** The text of a footnote by its number. */
  const footnote = (n: string) => new RegExp(`^\\[\\^${n}\\]: (.*)$`, 'm').exec(report.markdown)?.[1] ?? '';
  /** The footnotes a Markdown line cites. */
  const notesOf = (line: string) => [...line.matchAll(/\[\^(\d+)\]/g)].map((m) => footnote(m[1]!));
  const registerHas = (reference: string) => register.modifications.find((m: { reference: string }) => m.reference === reference);

  test('the title block: its reference, date, author, action, recommendation and attachment', () => {
    const md = plain(report.markdown);
    expect(md).toContain(`| Reference | ${source.source.paperReference} |`);
    expect(md).toContain(`| Date | ${formatLongDate(source.source.date)} |`);
    expect(md).toContain(`| Action | ${source.source.action} |`);
    expect(md).toContain(`| Author | ${source.source.authorOrganisation} |`);
    expect(md).toContain('Recommendation: The Panel is requested to NOTE the contents of this report.');
    expect(md).toMatch(/^\| Attachments \| Appendix A: DCC Preliminary Assessments and Impact Assessments \|$/m);
  });

  test("2 Define: each proposer by name, each new Draft Proposal's background, the Change Sub-Committee's determination", () => {
    for (const m of source.modifications.filter((x: { raisedBy: string | null }) => x.raisedBy)) {
      if (registerHas(m.reference)?.proposer !== m.raisedBy) continue;
      expect(section('2.1') + section('2.2')).toContain(`${m.raisedBy} (${m.raisedByOrganisation})`);
      if (m.summary && registerHas(m.reference)?.summary === m.summary) expect(plain(report.markdown)).toContain(`- ${m.reference}: ${m.summary}`);
    }
    for (const d of source.decisions.filter((x: { body: string }) => x.body === 'CHANGE_SUB_COMMITTEE')) {
      expect(section('2.3')).toContain(`considered ${d.modification}: determined ready to be presented to the Panel for conversion to a Modification Proposal, and recommended that it be progressed as a Fast-Track Modification.`);
    }
  });

  test("4 Opine: each Change Board vote in the paper's words, with the SEC Objectives it cited footnoted in the paper's words", () => {
    for (const d of source.decisions.filter((x: { body: string; outcome: string }) => x.body === 'CHANGE_BOARD' && x.outcome !== 'IMPACT_ASSESSMENT_REQUEST_APPROVED')) {
      const line = section('4.2').split('\n').find((l) => l.startsWith(`| ${d.modification} |`))!;
      expect(line).toBeDefined();
      if (/^Approved under Self-Governance/.test(d.note)) expect(line).toContain('| Approved under Self-Governance |');
      if (/^Sent to the Authority with a recommendation that it be approved/.test(d.note)) expect(line).toContain('| Sent to the Authority with a recommendation that it be approved |');
      expect(line).toContain(`| ${d.secObjectives.map((o: string) => `(${o})`).join(', ')}`);
      // "SEC Objectives as footnoted in the report: (a) Facilitate …; (c) …"
      const printed = d.note.split('SEC Objectives as footnoted in the report: ')[1].split(/; (?=\([a-i]\) )/);
      const cited = notesOf(line);
      for (const objective of printed) {
        const [, letter, words] = /^\(([a-i])\) (.*?)\.?$/.exec(objective)!;
        expect(cited).toContain(`SEC Objective (${letter}): ${words}.`);
      }
    }
  });

  test('4.3: what the Authority approved and the release it goes in; what is still with the Authority', () => {
    for (const d of source.decisions.filter((x: { body: string; outcome: string }) => x.body === 'AUTHORITY' && x.outcome === 'APPROVED')) {
      const release = /implemented in the (.+? SEC Release)/.exec(d.note)![1];
      expect(section('4.3')).toContain(`${d.modification} will now be implemented in the ${release}.`);
    }
    const recommended = source.decisions.filter((x: { outcome: string }) => x.outcome === 'RECOMMENDED_APPROVAL').map((x: { modification: string }) => x.modification);
    for (const ref of recommended) expect(section('4.3')).toMatch(new RegExp(`^${ref} \\(.*\\) is currently with the Authority for decision\\.$`, 'm'));
  });

  test("every printed timescale the register's figures differ from, or cannot compute, carries a footnote saying what was printed", () => {
    const rows = [...section('3.4').split('\n'), ...section('4.4').split('\n')];
    for (const printed of [...source.summaryFigures.assessmentTimescales, ...source.summaryFigures.proposalTimescales]) {
      const line = rows.find((l) => l.startsWith(`| ${printed.row} |`));
      expect([printed.row, line]).toEqual([printed.row, expect.any(String)]);
      const [, total, average] = line!.split(' | ');
      const ours = { total: Number(total!.replace(/\[.*$/, '')), average: average!.replace(/\[.*$/, '').replace(/ \|$/, '') };
      const notes = notesOf(line!);
      if (ours.total !== printed.total || ours.average !== String(printed.averageWorkingDays)) {
        expect(notes.join(' ')).toContain(`${printed.row}: the paper printed a total of ${printed.total} and an average of ${printed.averageWorkingDays} Working Days;`);
      } else {
        expect(notes).toEqual([]);
      }
      // A dash is never left unexplained.
      if (ours.average === '—' && ours.total > 0) expect(notes.join(' ')).toContain(`${printed.row}: no average can be computed.`);
    }
  });

  test('Code Performance Measure 9: what the paper printed, and why the register counts otherwise', () => {
    expect(source.summaryFigures.codePerformanceMeasure9).toContain("'None to report.'");
    const line = section('A.3').split('\n').find((l) => l.startsWith('March 2021: '))!;
    expect(notesOf(line).join(' ')).toMatch(/^Code Performance Measure 9: the paper printed "None to report" for March 2021; by the Code's rule 1 DCC Assessment fell due that month: MP141 PA, due Tue 30 Mar 2021, not returned by then\.$/);
  });

  test("Appendix A: its introduction, and each assessment not accepted with the DCC's commentary", () => {
    expect(section('Appendix A:')).toContain('in accordance with SEC Section D6.9');
    for (const a of source.assessments.filter((x: { status: string; commentary: string | null }) => x.status === 'NOT_ACCEPTED' && x.commentary)) {
      expect(plain(section('A.1'))).toContain(`${a.modification} PA, not accepted`);
      expect(plain(section('A.1'))).toContain(a.commentary);
    }
  });
});
