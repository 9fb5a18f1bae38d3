import { handlers } from '../../jobs/handlers';
import type { WorkerHandlers } from '../../jobs/handler-context';
import type { SlaRecomputePayload } from '../../src/queue/job-contract';
import { startQueueKeeper } from '../../src/queue/queue-keeper';
import type { RunningWorker } from '../../src/queue/worker-port';
import { createLogger } from '../../src/infra/logger';
import { loadConfig } from '../../src/config/config';
import { waitFor } from './support/wait-for';
import { startAppWorker } from '../support/app-worker';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Issue 8, "errors after commit, and lost schedules": a change that owes a job records it in its
 * own transaction; the queue being away delays the job, never the change, and never loses it.
 * The queue's store is made to fail for real: BullMQ's PostgreSQL tables moved out of its reach.
 */
let app: TestApp;
let worker: RunningWorker | undefined;
const recomputes: SlaRecomputePayload[] = [];

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.db.query(`ALTER SCHEMA IF EXISTS bullmq_away RENAME TO bullmq`).catch(() => undefined);
  await worker?.close();
  await app?.stop();
});

const owed = () => app.db.query(`SELECT name, payload, attempts, last_error AS "lastError" FROM owed_job WHERE settled_at IS NULL ORDER BY id`);

test('with the queue away, addHoliday and regenerateReport commit and answer; their jobs run once it is back', async () => {
  await app.db.query(`ALTER SCHEMA bullmq RENAME TO bullmq_away`);
  let reportId: string;
  try {
    const added = await app.gql(`mutation { addHoliday(date: "2021-06-01", name: "A day of mourning") }`);
    expect(added).toEqual({ status: 200, data: { addHoliday: true } });
    const requested = await app.gql(`mutation { regenerateReport(period: "2021-04") { id status } }`);
    expect(requested.errors).toBeUndefined();
    expect(requested.data!.regenerateReport.status).toBe('QUEUED');
    reportId = requested.data!.regenerateReport.id;
    // Both jobs are owed, each with why it could not be queued yet.
    const waiting = await waitFor(async () => {
      const rows = await owed();
      // Dispatch stops at the first job the queue refuses: the oldest has been tried.
      return rows.length === 2 && rows[0].attempts > 0 ? rows : undefined;
    }, 'both jobs to be owed, the oldest tried');
    expect(waiting.map((r: { name: string }) => r.name)).toEqual(['sla-recompute', 'report-build']);
    expect(waiting[0]).toMatchObject({ payload: { asOf: '2021-04-09', spanning: ['2021-06-01'], reason: 'holiday-added' }, lastError: expect.stringMatching(/does not exist/) });
    expect((await app.gql(`{ isWorkingDay(date: "2021-06-01") }`)).data).toEqual({ isWorkingDay: false });
  } finally {
    await app.db.query(`ALTER SCHEMA bullmq_away RENAME TO bullmq`);
  }

  // The queue answers again: the keeper queues what is owed, and a worker runs it.
  const recording: WorkerHandlers = {
    ...handlers,
    'sla-recompute': async (job, payload, ctx) => {
      recomputes.push(payload);
      return handlers['sla-recompute'](job, payload, ctx);
    },
  };
  worker = await startAppWorker(app, { handlers: recording });
  await waitFor(async () => ((await owed()).length === 0 ? true : undefined), 'the owed jobs to be queued');
  await waitFor(async () => (recomputes.some((p) => p.reason === 'holiday-added' && p.spanning?.includes('2021-06-01')) ? true : undefined), 'the holiday recompute to run');
  const built = await waitFor(async () => {
    const r = (await app.gql(`query($id: ID!) { report(id: $id) { status } }`, { id: reportId! })).data!.report;
    return r.status === 'READY' ? r : undefined;
  }, 'the report requested during the outage to be built');
  expect(built.status).toBe('READY');
});

test("schedules the queue's store lost are registered again without a restart", async () => {
  const config = loadConfig({ SLA_RECOMPUTE_CRON: '0 2 * * *' });
  await app.jobs.ensureSchedulers(config);
  const keeper = startQueueKeeper({
    db: app.db, jobs: app.jobs, owed: app.services.owedJobs, logger: createLogger('silent'),
    dispatchEveryMs: 50, schedules: { config, checkEveryMs: 50 },
  });
  try {
    // The store comes back without them (as a Redis restarted empty would).
    await app.jobs.removeScheduler('sla-recompute-nightly');
    await app.jobs.removeScheduler('report-monthly');
    await waitFor(async () => ((await app.jobs.missingSchedules(config)).length === 0 ? true : undefined), 'the schedules to be registered again');
  } finally {
    await keeper.stop();
  }
  expect(await app.jobs.missingSchedules(config)).toEqual([]);
});
