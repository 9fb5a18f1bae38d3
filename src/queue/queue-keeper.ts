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

export interface QueueKeeper {
  stop(): Promise<void>;
}

/**
 * Keeps the queue whole while it comes and goes, in every process: queues the jobs changes owe
 * (see OwedJobs) once the queue answers, and registers the schedules again when the queue's store
 * has lost them (a Redis restarted empty), instead of waiting for a process to restart.
 * Outages are logged once when they start and once when they end, not at every tick.
 */
export function startQueueKeeper(options: QueueKeeperOptions): QueueKeeper {
  const { db, jobs, owed, logger } = options;
  let stopped = false;
  let failing = false;
  let lastScheduleCheck = Date.now();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  const tick = async () => {
    try {
      const queued = await owed.dispatch(db);
      if (queued) logger.info({ queued }, 'owed jobs queued');
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
