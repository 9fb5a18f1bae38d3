import type { DataSource } from 'typeorm';
import type { Logger } from '../infra/logger';
import type { ScheduleConfig } from './job-contract';
import type { JobQueue } from './job-queue';
import type { OwedJobs } from './owed-jobs';

export interface QueueKeeperOptions {
  db: DataSource;
  jobs: JobQueue;
  owed: OwedJobs;
  logger: Logger;
  /** How often owed jobs are queued (OWED_JOB_DISPATCH_MS). */
  dispatchEveryMs: number;
  /** The schedules this process registered, and how often to look that the store still holds them; null: none. */
  schedules: { config: ScheduleConfig; checkEveryMs: number } | null;
}

/** Settled owed jobs are kept for jobRun a fortnight; looking for old ones hourly is plenty. */
const FORGET_SETTLED_EVERY_MS = 60 * 60_000;

export interface QueueKeeper {
  stop(): Promise<void>;
}

/**
 * Keeps the queue whole while it comes and goes, in every process: queues the jobs changes owe
 * (see OwedJobs) once the queue answers, queues again those the queue has lost since, and
 * registers the schedules again when the queue's store has lost them (a Redis restarted empty),
 * instead of waiting for a process to restart.
 * Outages are logged once when they start and once when they end, not at every tick.
 */
export function startQueueKeeper(options: QueueKeeperOptions): QueueKeeper {
  const { db, jobs, owed, logger } = options;
  let stopped = false;
  let failing = false;
  let lastScheduleCheck = Date.now();
  let lastForget = 0;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  const tick = async () => {
    try {
      const queued = await owed.dispatch(db);
      if (queued) logger.info({ queued }, 'owed jobs queued');
      const requeued = await owed.recover(db);
      if (requeued) logger.warn({ requeued }, 'owed jobs the job queue no longer held (did it restart empty?): queued again');
      if (Date.now() - lastForget >= FORGET_SETTLED_EVERY_MS) {
        lastForget = Date.now();
        await owed.forgetSettled(db);
      }
      if (options.schedules && Date.now() - lastScheduleCheck >= options.schedules.checkEveryMs) {
        lastScheduleCheck = Date.now();
        const missing = await jobs.missingSchedules(options.schedules.config);
        if (missing.length) {
          await jobs.ensureSchedulers(options.schedules.config);
          logger.warn({ missing }, "the queue's store had lost schedules (did it restart empty?): registered again");
        }
      }
      if (failing) logger.info('the job queue answers again');
      failing = false;
    } catch (err) {
      if (!failing) logger.warn({ err }, 'the job queue (or the database) does not answer: owed jobs wait, and are queued when it does');
      failing = true;
    }
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = tick().finally(schedule);
    }, options.dispatchEveryMs);
    timer.unref();
  };
  schedule();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
