import { startWorker } from '../../jobs/worker';
import type { WorkerHandlers } from '../../jobs/handler-context';
import { loadConfig } from '../../src/config/config';
import { fixedClock } from '../../src/infra/clock';
import { createLogger, type Logger } from '../../src/infra/logger';
import type { JobRun } from '../../src/queue/job-run';
import type { MailTransport } from '../../src/infra/mail/mail-transport';
import type { WorkerTuning } from '../../src/queue/queue-backend';
import type { RunningWorker } from '../../src/queue/worker-port';
import { waitFor } from '../jobs/support/wait-for';
import type { TestApp } from './test-app';

/** The real worker, in the test's process, on the app's queue, database and SMTP sink. */
export function startAppWorker(
  app: TestApp,
  options: { handlers?: WorkerHandlers; logger?: Logger; tuning?: Partial<WorkerTuning>; now?: string; mail?: MailTransport } = {},
): Promise<RunningWorker> {
  const config = loadConfig({ DATABASE_URL: app.databaseUrl, SHUTDOWN_GRACE_MS: '10000', WORKER_CONCURRENCY: '2' });
  return startWorker({
    db: app.db,
    config,
    logger: options.logger ?? createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'),
    clock: fixedClock(new Date(options.now ?? '2021-04-09T06:00:00Z')),
    queue: app.queue,
    jobs: app.jobs,
    services: app.services,
    mail: options.mail ?? app.mail,
    metrics: app.metrics,
    handlers: options.handlers,
    tuning: options.tuning,
  });
}

/** Waits until a job has finished; a FAILED one fails the test with its reason. */
export async function finished(app: TestApp, id: string, timeoutMs = 30_000): Promise<JobRun> {
  return waitFor(async () => {
    const run = await app.jobs.getJobRun(id);
    if (run?.state === 'FAILED') throw new Error(`job ${id} (${run.name}) failed: ${run.failedReason}`);
    return run?.state === 'COMPLETED' ? run : undefined;
  }, `job ${id} to finish`, timeoutMs);
}

/** Waits until every message of the outbox is SENT or FAILED. */
export async function outboxSettled(app: TestApp, timeoutMs = 60_000): Promise<void> {
  await waitFor(async () => {
    const [{ n }] = await app.db.query(`SELECT count(*)::int AS n FROM outbox_message WHERE state IN ('PENDING', 'SENDING')`);
    return n === 0 ? true : undefined;
  }, 'every message to be delivered or failed', timeoutMs);
}
