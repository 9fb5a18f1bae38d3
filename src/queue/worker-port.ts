import type { DataSource } from 'typeorm';
import type { Config } from '../config/config';
import type { Clock } from '../infra/clock';
import type { Logger } from '../infra/logger';
import type { MailTransport } from '../infra/mail/mail-transport';
import type { JobQueue } from './job-queue';
import type { QueueBackend } from './queue-backend';
import type { ServiceMetrics } from '../metrics/service-metrics';
import type { Services } from '../services';

/**
 * How the composition root starts a worker without importing `jobs/` (src never imports it):
 * `jobs/main.ts` hands `startWorker` in through this shape.
 */
export interface WorkerDependencies {
  db: DataSource;
  config: Config;
  logger: Logger;
  clock: Clock;
  queue: QueueBackend;
  jobs: JobQueue;
  services: Services;
  mail: MailTransport;
  /** Where the worker records how long each job took (sec_job_duration_seconds). */
  metrics?: ServiceMetrics;
}

export interface RunningWorker {
  /**
   * Stops taking jobs and waits for the active ones, at most `config.shutdownGraceMs`; rejects with
   * `ShutdownDeadlineError` if some are still running then.
   */
  close(): Promise<void>;
}

export type StartWorker = (deps: WorkerDependencies) => Promise<RunningWorker>;

/**
 * The grace period ended with jobs still running. The process must exit at once without closing
 * anything gracefully: its database sessions die (rolling the job's transaction back) and the
 * job's lock expires, so another worker's stalled-job check takes the job over.
 */
export class ShutdownDeadlineError extends Error {
  override readonly name = 'ShutdownDeadlineError';
  constructor(readonly activeJobIds: string[], readonly graceMs: number) {
    super(`${activeJobIds.length} job(s) still running after the ${graceMs} ms grace period: ${activeJobIds.join(', ')}`);
  }
}
