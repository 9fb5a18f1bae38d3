import { JOB_QUEUE_NAME } from '../../src/queue/job-contract';
import type { RegisteredSchedule } from '../../src/queue/job-queue';
import type { QueueBackendKind } from '../../src/queue/queue-backend';
import { startTestApp, type TestApp } from '../support/test-app';
import { seedAssessments } from './support/seed';
import { waitFor } from './support/wait-for';
import { isReady, killAllWorkers, spawnWorker, type WorkerChild } from './support/worker-children';
import { queueBackendsUnderTest } from '../support/queue-backends';

/** A cron (six fields, seconds first) that fires once, at `instant`, read in Europe/London. */
function oneShotCron(instant: Date): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/London', hourCycle: 'h23', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    }).formatToParts(instant).map((p) => [p.type, Number(p.value)]),
  );
  return `${parts.second} ${parts.minute} ${parts.hour} ${parts.day} ${parts.month} *`;
}

describe.each<QueueBackendKind>(queueBackendsUnderTest())('the nightly schedule with three workers, BullMQ on %s', (backend) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ queue: backend });
    await seedAssessments(app.db, 30);
  });
  afterAll(async () => {
    await killAllWorkers();
    await app.stop();
  });

  test('every worker registers the schedule at start, and one firing makes exactly one recompute', async () => {
    const workers: WorkerChild[] = [1, 2, 3].map(() => spawnWorker({ databaseUrl: app.databaseUrl, redis: app.redis, shutdownGraceMs: 10_000 }));
    await Promise.all(workers.map((w) => w.waitForLog(isReady, 'the worker to be ready', 30_000)));

    // Registered at start from SLA_RECOMPUTE_CRON (02:00 London): the three agree on the one next job.
    const atStart = workers.map((w) => (w.logs.find((l) => l.msg === 'job queue ready; schedules registered')!.schedules as RegisteredSchedule[])[0]);
    expect(new Set(atStart.map((s) => s.nextJobId)).size).toBe(1);
    expect(atStart[0]).toMatchObject({ id: 'sla-recompute-nightly', nextJobId: expect.stringMatching(/^repeat:sla-recompute-nightly:\d+$/) });

    // Now a schedule that fires once, three seconds ahead, registered by the three at the same moment
    // (as three workers restarting with a new SLA_RECOMPUTE_CRON would).
    const fireAt = new Date(Math.ceil((Date.now() + 3_000) / 1_000) * 1_000);
    const answers = await Promise.all(
      workers.map((w) => w.request<{ schedules?: RegisteredSchedule[]; error?: string }>({ registerSchedules: { cron: oneShotCron(fireAt) } })),
    );
    const firingJobId = `repeat:sla-recompute-nightly:${fireAt.getTime()}`;
    // The digest's, the outbox sweep's and the monthly report's schedules are registered alongside, unchanged.
    for (const answer of answers) {
      expect(answer).toEqual({
        schedules: [expect.objectContaining({ nextJobId: firingJobId }), expect.objectContaining({ id: 'sla-digest-morning' }), expect.objectContaining({ id: 'mail-sweep' }), expect.objectContaining({ id: 'report-monthly' })],
      });
    }

    const runs = async () => (await app.db.query(`SELECT job_id, mode FROM sla_recompute_run`)) as Array<{ job_id: string; mode: string }>;
    // The store holds every job that could run: once the firing's job has completed and nothing
    // waits or runs, no duplicate can follow (no sleep needed to see that none did).
    const queue = app.queue.createQueue(JOB_QUEUE_NAME);
    try {
      const counts = await waitFor(async () => {
        const c = await queue.getJobCounts('completed', 'failed', 'active', 'waiting', 'prioritized');
        return c.completed > 0 && c.active === 0 ? c : undefined;
      }, 'the scheduled recompute to complete', 20_000);
      expect(counts).toEqual({ completed: 1, failed: 0, active: 0, waiting: 0, prioritized: 0 });
    } finally {
      await queue.close();
    }
    expect(await runs()).toEqual([{ job_id: firingJobId, mode: 'full' }]);
    await waitFor(async () => (workers.some((w) => w.logs.some((l) => l.msg === 'job completed' && l.jobId === firingJobId)) ? true : undefined), "the worker's log of it");
    const ranIt = workers.filter((w) => w.logs.some((l) => l.msg === 'job completed' && l.jobId === firingJobId));
    expect(ranIt).toHaveLength(1);

    for (const w of workers) w.process.kill('SIGTERM');
    expect(await Promise.all(workers.map((w) => w.exited))).toEqual([1, 2, 3].map(() => ({ code: 0, signal: null })));
  });
});
