import path from 'node:path';
import { fixedClock } from '../../src/infra/clock';
import { importRegisterFile } from '../../src/register-import';
import type { RunningWorker } from '../../src/queue/worker-port';
import { waitFor } from '../jobs/support/wait-for';
import { startAppWorker } from '../support/app-worker';
import { testServiceContext } from '../support/service-context';
import { startTestApp, type TestApp } from '../support/test-app';

const DEMO = path.join(__dirname, '..', '..', 'src', 'demo', 'register-2021-04.json');

/**
 * The register as of a day: a paper rebuilt later says what it said then, and pages, digests,
 * spreadsheets and `sla(asOf:)` for a past day read the register as it stood that day. "Today"
 * here is Tuesday 20 April 2021, eleven days after the April 2021 paper's date.
 */
let app: TestApp;
let worker: RunningWorker;
beforeAll(async () => {
  app = await startTestApp({ clock: fixedClock(new Date('2021-04-20T09:00:00Z')) });
  await importRegisterFile(testServiceContext(app.db), DEMO);
  worker = await startAppWorker(app, { now: '2021-04-20T06:00:00Z' });
});
afterAll(async () => {
  await worker?.close();
  await app?.stop();
});

const build = async (period: string, asOf: string) => {
  const { id } = (await app.gql(`mutation($p: String!, $a: LocalDate) { regenerateReport(period: $p, asOf: $a) { id } }`, { p: period, a: asOf })).data!.regenerateReport;
  return waitFor(async () => {
    const r = (await app.gql(`query($id: ID!) { report(id: $id) { status markdown error } }`, { id })).data!.report;
    if (r.status === 'FAILED') throw new Error(r.error);
    return r.status === 'READY' ? (r.markdown as string) : undefined;
  }, `the ${period} report`);
};
/** The paper's sections, without its title block (whose reference names the version). */
const sections = (markdown: string) => markdown.slice(markdown.indexOf('\n## 1 Summary'));
const gql = async (query: string, variables?: Record<string, unknown>) => {
  const res = await app.gql(query, variables);
  expect(res.errors).toBeUndefined();
  return res.data!;
};

test('the April 2021 report rebuilt after DP157 is withdrawn, a proposal raised and a 2026 holiday added says what it said on 9 April', async () => {
  const first = await build('2021-04', '2021-04-09');
  const digestBefore = (await gql(`{ digestPreview(group: "SECAS", day: "2021-04-12") { subject text } }`)).digestPreview;

  await gql(`mutation { changePhase(reference: "DP157", phase: WITHDRAWN, on: "2021-04-20", note: "Withdrawn by its proposer") { phase } }`);
  await gql(`mutation { changePhase(reference: "MP141", phase: OPINE, on: "2021-04-20") { phase } }`);
  await gql(`mutation { createModification(input: { reference: "DP170", kind: DRAFT_PROPOSAL, title: "Raised today", raisedOn: "2021-04-20" }) { id } }`);
  await gql(`mutation { addHoliday(date: "2026-06-15", name: "A holiday in 2026") }`);

  const again = await build('2021-04', '2021-04-09');
  expect(sections(again)).toEqual(sections(first));
  expect(sections(first)).toContain('DP157');
  expect(sections(first)).not.toContain('DP170');

  // The digest of Monday 12 April, replayed: MP141 was still in Refinement then.
  expect((await gql(`{ digestPreview(group: "SECAS", day: "2021-04-12") { subject text } }`)).digestPreview).toEqual(digestBefore);
});

test('pages, a proposal\'s phase on a day, and the spreadsheet read the register as it stood then', async () => {
  await gql(`mutation { changePhase(reference: "DP156", phase: WITHDRAWN, on: "2021-04-20") { phase } }`);
  const then = (await gql(`{ modifications(first: 500, filter: { asOf: "2021-04-09" }) { totalCount edges { node { reference phase phaseOn(date: "2021-04-20") } } } }`)).modifications;
  const now = (await gql(`{ modifications(first: 500) { totalCount } }`)).modifications;
  const byRef = new Map(then.edges.map((e: { node: { reference: string } }) => [e.node.reference, e.node]));
  expect(byRef.get('DP156')).toEqual({ reference: 'DP156', phase: 'DEFINE', phaseOn: 'WITHDRAWN' });
  await gql(`mutation { createModification(input: { reference: "DP171", kind: DRAFT_PROPOSAL, title: "Raised today too", raisedOn: "2021-04-20" }) { id } }`);
  const later = (await gql(`{ modifications(first: 0, filter: { asOf: "2021-04-09" }) { totalCount } }`)).modifications;
  expect(later.totalCount).toBe(then.totalCount);
  expect((await gql(`{ modifications(first: 0) { totalCount } }`)).modifications.totalCount).toBe(now.totalCount + 1);
  // Filters apply to the phase of that day.
  const defining = (await gql(`{ modifications(first: 500, filter: { asOf: "2021-04-09", phases: [DEFINE] }) { edges { node { reference } } } }`)).modifications;
  expect(defining.edges.map((e: { node: { reference: string } }) => e.node.reference)).toContain('DP156');
  expect((await gql(`{ modification(reference: "DP171") { phaseOn(date: "2021-04-09") } }`)).modification).toEqual({ phaseOn: null });

  const csv = await (await fetch(app.url.replace(/graphql$/, 'register.csv?asOf=2021-04-09'), { headers: { authorization: `Bearer ${app.keys.READER}` } })).text();
  expect(csv.split('\n').find((l) => l.startsWith('DP156,'))).toMatch(/,DEFINE,/);
  expect(csv).not.toContain('DP171');
  const refused = await fetch(app.url.replace(/graphql$/, 'register.csv?asOf=2150-01-01'), { headers: { authorization: `Bearer ${app.keys.READER}` } });
  expect(refused.status).toBe(400);
  expect(((await refused.json() as any)).error.message).toMatch(/^asOf 2150-01-01 is more than a year after today/);
});

test('an assessment returned after a day was open on it', async () => {
  const [a] = await app.db.query(`SELECT a.id FROM assessment a JOIN modification m ON m.id = a.modification_id WHERE m.reference = 'MP107' AND a.type = 'IMPACT'`);
  await gql(`mutation($id: ID!) { returnAssessment(id: $id, returnedOn: "2021-04-19") { id } }`, { id: a.id });
  const read = (await gql(`query($id: ID!) { assessment(id: $id) { then: sla(asOf: "2021-04-09") { status } now: sla(asOf: "2021-04-20") { status } } }`, { id: a.id })).assessment;
  expect(read).toEqual({ then: { status: 'OVERDUE' }, now: { status: 'COMPLETED_LATE' } });
});
