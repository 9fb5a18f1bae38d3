import path from 'node:path';
import type { RunningWorker } from '../../src/queue/worker-port';
import { importRegisterFile } from '../../src/register-import';
import { captureLogger } from '../jobs/support/capture-logger';
import { waitFor } from '../jobs/support/wait-for';
import { startAppWorker } from '../support/app-worker';
import { snapshot } from '../support/db-snapshot';
import { testServiceContext } from '../support/service-context';
import { startTestApp, type TestApp } from '../support/test-app';

const DEMO = path.join(__dirname, '..', '..', 'src', 'demo', 'register-2021-04.json');
const FIELDS = 'id period version asOf status markdown html error completedAt';

let app: TestApp;
let worker: RunningWorker | undefined;
beforeAll(async () => {
  app = await startTestApp();
  await importRegisterFile(testServiceContext(app.db), DEMO);
});
afterAll(async () => {
  await worker?.close();
  await app.stop();
});

const regenerate = async (period: string, asOf?: string) =>
  app.gql(`mutation($period: String!, $asOf: LocalDate) { regenerateReport(period: $period, asOf: $asOf) { ${FIELDS} } }`, { period, asOf });
const reports = async (period: string) => (await app.gql(`query($p: String) { reports(period: $p) { ${FIELDS} } }`, { p: period }, app.keys.READER)).data!.reports;
const ready = (id: string) =>
  waitFor(async () => {
    const r = (await app.gql(`query($id: ID!) { report(id: $id) { ${FIELDS} } }`, { id }, app.keys.READER)).data!.report;
    return r.status === 'READY' || r.status === 'FAILED' ? r : undefined;
  }, `report ${id} to be built`);

describe('before any worker runs', () => {
  test('a request records a QUEUED version; a second one for the same month and date while it waits is the same build', async () => {
    const first = await regenerate('2021-02', '2021-02-26');
    expect(first.errors).toBeUndefined();
    expect(first.data!.regenerateReport).toMatchObject({ period: '2021-02', version: 1, asOf: '2021-02-26', status: 'QUEUED', markdown: null });
    const second = await regenerate('2021-02', '2021-02-26');
    expect(second.data!.regenerateReport.id).toBe(first.data!.regenerateReport.id);
    expect((await reports('2021-02')).map((r: { version: number }) => r.version)).toEqual([1]);
  });
});

describe('with a worker', () => {
const { logger, lines } = captureLogger();
beforeAll(async () => {
  worker = await startAppWorker(app, { logger });
});

test('April 2021 is dated on the Panel papers deadline, and built: READY, with the Summary in Markdown and HTML', async () => {
  const queued = (await regenerate('2021-04')).data!.regenerateReport;
  // The 16 April 2021 Panel: papers 5 Working Days before, on Friday 9 April.
  expect(queued).toMatchObject({ period: '2021-04', version: 1, asOf: '2021-04-09' });
  const built = await ready(queued.id);
  expect(built).toMatchObject({ status: 'READY', error: null, version: 1 });
  const markdown: string = built.markdown;
  expect(markdown.split('\n')[0]).toBe('# Change Status Report: April 2021');
  expect(markdown).toContain('| Date | Friday 9 April 2021 |');
  expect(markdown).toContain('| Panel | SEC Panel 91, Friday 16 April 2021 |');
  expect(markdown).toContain('## 1 Summary');
  const phases = await app.db.query(`SELECT phase, count(*)::int AS n FROM modification GROUP BY phase`);
  const refine = phases.find((p: { phase: string }) => p.phase === 'REFINE').n;
  expect(markdown).toContain(`| Refine (Refinement Process) | ${refine} |`);
  expect(markdown).toContain('### 1.3 Decisions in March 2021');
  const march = await app.db.query(`SELECT count(*)::int AS n FROM decision WHERE decided_on BETWEEN '2021-03-01' AND '2021-03-31'`);
  const decisionRows = markdown.split('### 1.3')[1].split('## 2 ')[0].split('\n').filter((l) => /^\| [A-Z]+\d/.test(l));
  expect(decisionRows).toHaveLength(march[0].n);
  // DP156, DP157 and DP158 were raised in March 2021: new since the last paper.
  expect(markdown.split('### 2.1 New Draft Proposals since Monday 1 March 2021')[1].split('### 2.2')[0].match(/^\| DP\d+/gm)).toEqual(['| DP156', '| DP157', '| DP158']);
  // Progress by section, then the renderings, as the job reported it.
  const steps = lines.filter((l) => l.reportId === queued.id && typeof l.percent === 'number').map((l) => `${l.percent} ${l.msg}`);
  expect(steps).toEqual([
    '12 1 Summary written', '23 2 Define written', '35 3 Refine written', '47 4 Opine written', '58 5 Releases written', '70 Appendix A written',
    '75 rendering Markdown and HTML', '85 rendering the PDF', '100 ready',
  ]);
  expect(built.html).toMatch(/^<!doctype html>/);
  expect(built.html).toContain('<h2>1 Summary</h2>');
  expect(built.html).toContain('@page { size: A4;');
});

test('each regeneration is a new version; the older ones stay readable, newest first', async () => {
  const first = (await regenerate('2021-01', '2021-01-15')).data!.regenerateReport;
  await ready(first.id);
  const again = (await regenerate('2021-01', '2021-01-29')).data!.regenerateReport;
  expect(again).toMatchObject({ version: 2, asOf: '2021-01-29' });
  await ready(again.id);
  const versions = await reports('2021-01');
  expect(versions.map((r: { version: number; status: string }) => [r.version, r.status])).toEqual([[2, 'READY'], [1, 'READY']]);
  expect(versions[1].markdown).toContain('| Date | Friday 15 January 2021 |');
  expect(versions[0].markdown).toContain('| Date | Friday 29 January 2021 |');
});

test('a build that fails ends FAILED with its reason, and the earlier version stays as it was', async () => {
  const good = (await regenerate('2020-12', '2020-12-18')).data!.regenerateReport;
  const before = await ready(good.id);
  expect(before.status).toBe('READY');
  // A real fault: this database now refuses to store a finished report (NOT VALID: rows stored already stand).
  await app.db.query(`ALTER TABLE report ADD CONSTRAINT test_refuses_new_reports CHECK (status <> 'READY' OR version < 2) NOT VALID`);
  try {
    const failing = (await regenerate('2020-12', '2020-12-31')).data!.regenerateReport;
    const failed = await ready(failing.id);
    expect(failed).toMatchObject({ status: 'FAILED', version: 2, markdown: null, html: null });
    expect(failed.error).toContain('test_refuses_new_reports');
    expect((await reports('2020-12'))[1]).toEqual(before);
  } finally {
    await app.db.query(`ALTER TABLE report DROP CONSTRAINT test_refuses_new_reports`);
  }
});

test('a month with no Panel meeting is dated on its last Working Day', async () => {
  // March 2021 has no Panel in the register; its last Working Day is Wednesday 31 March.
  const march = (await regenerate('2021-03')).data!.regenerateReport;
  expect(march).toMatchObject({ asOf: '2021-03-31', version: 1 });
  expect((await ready(march.id)).markdown).toContain('| Panel | — |');
});
});

test.each(['2021-13', 'April', '2021-4', ''])('period %j is refused with BAD_USER_INPUT, and nothing changes', async (period) => {
  const before = await snapshot(app.db);
  const res = await regenerate(period);
  expect(res.errors?.[0]).toMatchObject({ message: expect.stringContaining('period must be a month as YYYY-MM'), extensions: { code: 'BAD_USER_INPUT' } });
  expect(await snapshot(app.db)).toEqual(before);
  expect((await app.gql(`query($p: String) { reports(period: $p) { id } }`, { p: period || 'x' })).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
});

test('only ADMIN regenerates; READER and DCC read', async () => {
  for (const role of ['DCC', 'READER'] as const) {
    expect((await app.gql(`mutation { regenerateReport(period: "2021-04") { id } }`, undefined, app.keys[role])).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  }
  expect((await app.gql(`{ report(id: "not-an-id") { id } }`, undefined, app.keys.DCC)).data).toEqual({ report: null });
});
