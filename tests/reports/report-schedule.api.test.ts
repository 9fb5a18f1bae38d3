import path from 'node:path';
import type { RunningWorker } from '../../src/queue/worker-port';
import { importRegisterFile } from '../../src/register-import';
import { waitFor } from '../jobs/support/wait-for';
import { finished, outboxSettled, startAppWorker } from '../support/app-worker';
import { testServiceContext } from '../support/service-context';
import { startTestApp, TEST_RECIPIENTS, type TestApp } from '../support/test-app';

/**
 * The monthly schedule: each month's paper is built once, on its date (the Panel's papers
 * deadline), and SECAS gets it by email with the PDF attached, through the outbox.
 */
const DEMO = path.join(__dirname, '..', '..', 'src', 'demo', 'register-2021-04.json');

let app: TestApp;
let worker: RunningWorker;
const ctx = () => testServiceContext(app.db);
const reportRows = (period = '2021-04') =>
  app.db.query(`SELECT id, version, as_of::text AS "asOf", status, scheduled, error FROM report WHERE period = $1 AND kind = 'CHANGE_STATUS_REPORT' ORDER BY version`, [period]);
const reportMessages = (period = '2021-04') =>
  app.db.query(
    `SELECT m.report_id AS "reportId", g.name AS "group", m.state FROM outbox_message m JOIN recipient_group g ON g.id = m.group_id JOIN report r ON r.id = m.report_id
      WHERE m.kind = 'change-status-report' AND r.period = $1`,
    [period],
  );

beforeAll(async () => {
  app = await startTestApp();
  await importRegisterFile(ctx(), DEMO);
  worker = await startAppWorker(app);
});
afterAll(async () => {
  await worker?.close();
  await app?.stop();
});

test('before the papers deadline the schedule builds nothing; a month with no Panel waits for its last Working Day', async () => {
  expect(await app.services.reports.runSchedule(ctx(), '2021-04-08')).toEqual({ period: '2021-04', dueOn: '2021-04-09', outcome: 'not-yet' });
  expect(await app.services.reports.runSchedule(ctx(), '2021-03-30')).toEqual({ period: '2021-03', dueOn: '2021-03-31', outcome: 'not-yet' });
  expect(await reportRows('2021-04')).toEqual([]);
  expect(await reportRows('2021-03')).toEqual([]);
});

test('on 9 April the job builds April once and SECAS (not the DCC) gets the paper, its PDF attached; later days and rebuilds send nothing more', async () => {
  const job = await app.jobs.enqueue('report-schedule', { day: '2021-04-09', reason: 'admin' });
  const run = await finished(app, job.id);
  // The Modification Timetables paper is scheduled beside it, on the same date.
  expect(run.summary).toBe("2021-04's report was due on 2021-04-09: build queued; timetables paper was due on 2021-04-09: build queued");
  const [report] = await waitFor(async () => {
    const rows = await reportRows();
    return rows[0]?.status === 'READY' ? rows : undefined;
  }, 'the scheduled April report');
  expect(report).toMatchObject({ version: 1, asOf: '2021-04-09', scheduled: true });
  await outboxSettled(app);
  expect(await reportMessages()).toEqual([{ reportId: report.id, group: 'SECAS', state: 'SENT' }]);

  const mail = app.smtp.received.filter((m) => m.parsed.subject?.startsWith('Change Status Report: April 2021'));
  expect(mail).toHaveLength(1);
  expect(mail[0]!.to).toEqual(TEST_RECIPIENTS.secas);
  expect(mail[0]!.parsed.subject).toBe('Change Status Report: April 2021 (for the SEC Panel 91, Friday 16 April 2021)');
  expect(mail[0]!.parsed.text).toContain('The paper is attached as change-status-report-2021-04-v1.pdf. It holds:');
  expect(mail[0]!.parsed.html).toContain('<strong>change-status-report-2021-04-v1.pdf</strong>');
  const [attachment, ...others] = mail[0]!.parsed.attachments;
  expect(others).toEqual([]);
  expect(attachment).toMatchObject({ filename: 'change-status-report-2021-04-v1.pdf', contentType: 'application/pdf' });
  const download = await fetch(`${app.url.replace(/\/graphql$/, '')}/reports/${report.id}.pdf`, { headers: { authorization: `Bearer ${app.keys.READER}` } });
  expect(Buffer.compare(attachment!.content, Buffer.from(await download.arrayBuffer()))).toBe(0);

  // The month's Modification Timetables paper went to SECAS too (its group takes MODIFICATION_TIMETABLES), on its own.
  const timetables = app.smtp.received.filter((m) => m.parsed.subject?.startsWith('SEC Modification Timetables: April 2021'));
  expect(timetables.map((m) => [m.to, m.parsed.attachments.map((a) => a.filename)])).toEqual([[TEST_RECIPIENTS.secas, ['modification-timetables-2021-04-v1.pdf']]]);

  // Later days build nothing more, and an admin's rebuild of the month is not circulated again.
  const scheduled = report;
  expect(await app.services.reports.runSchedule(ctx(), '2021-04-12')).toEqual({ period: '2021-04', dueOn: '2021-04-09', outcome: 'already-scheduled', reportId: scheduled.id });
  const again = await app.jobs.enqueue('report-schedule', { day: '2021-04-30', reason: 'admin' });
  expect((await finished(app, again.id)).summary).toBe("2021-04's scheduled report was made already; scheduled timetables paper was made already");

  const rebuilt = (await app.gql(`mutation { regenerateReport(period: "2021-04") { id version } }`)).data!.regenerateReport;
  expect(rebuilt.version).toBe(2);
  await waitFor(async () => ((await reportRows())[1]?.status === 'READY' ? true : undefined), 'the admin rebuild');
  // Circulation is recorded in the transaction that makes a build READY: none for the rebuild.
  expect(await reportMessages()).toEqual([{ reportId: scheduled.id, group: 'SECAS', state: 'SENT' }]);
  expect((await reportRows()).map((r: { version: number; scheduled: boolean }) => [r.version, r.scheduled])).toEqual([[1, true], [2, false]]);
});

test('a scheduled build that fails is tried again by the next morning\'s run, and that one is circulated', async () => {
  // May 2021 has no Panel in the register: due on its last Working Day, Friday 28 May (31 May is a bank holiday).
  await app.db.query(`ALTER TABLE report ADD CONSTRAINT test_refuses_may CHECK (status <> 'READY' OR period <> '2021-05') NOT VALID`);
  try {
    const first = await app.jobs.enqueue('report-schedule', { day: '2021-05-28', reason: 'admin' });
    expect((await finished(app, first.id)).summary).toBe("2021-05's report was due on 2021-05-28: build queued; timetables paper was due on 2021-05-28: build queued");
    const [failed] = await waitFor(async () => {
      const rows = await reportRows('2021-05');
      return rows[0]?.status === 'FAILED' ? rows : undefined;
    }, 'the scheduled May build to fail');
    expect(failed).toMatchObject({ version: 1, scheduled: true, error: expect.stringContaining('test_refuses_may') });
    // The timetables paper is built by a job of its own: it too must have failed before the
    // constraint goes, or it may be built READY after it (then the next run finds it made already).
    await waitFor(async () => {
      const [timetables] = await app.db.query(`SELECT status FROM report WHERE period = '2021-05' AND kind <> 'CHANGE_STATUS_REPORT' ORDER BY version`);
      return timetables?.status === 'FAILED' ? true : undefined;
    }, 'the scheduled May timetables build to fail');
  } finally {
    await app.db.query(`ALTER TABLE report DROP CONSTRAINT test_refuses_may`);
  }
  const next = await app.jobs.enqueue('report-schedule', { day: '2021-05-29', reason: 'admin' });
  expect((await finished(app, next.id)).summary).toBe("2021-05's report was due on 2021-05-28: build queued; timetables paper was due on 2021-05-28: build queued");
  const rows = await waitFor(async () => {
    const r = await reportRows('2021-05');
    return r[1]?.status === 'READY' ? r : undefined;
  }, 'the second scheduled May build');
  expect(rows.map((r: { version: number; status: string; scheduled: boolean; asOf: string }) => [r.version, r.status, r.scheduled, r.asOf]))
    .toEqual([[1, 'FAILED', true, '2021-05-28'], [2, 'READY', true, '2021-05-28']]);
  await outboxSettled(app);
  expect(await reportMessages('2021-05')).toEqual([{ reportId: rows[1].id, group: 'SECAS', state: 'SENT' }]);
});
