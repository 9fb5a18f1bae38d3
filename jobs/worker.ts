import { UnrecoverableError, type Job } from 'bullmq';
import {
  assertHandlerMap, isOwed, JOB_NAMES, JOB_QUEUE_NAME, parsePayload, type JobHandler, type JobName,
} from '../src/queue/job-contract';
import { createServiceContext } from '../src/common/service-context';
import type { WorkerTuning } from '../src/queue/queue-backend';
import { ShutdownDeadlineError, type RunningWorker, type WorkerDependencies } from '../src/queue/worker-port';
import type { HandlerContext, WorkerHandlers } from './handler-context';
import { handlers as contractHandlers } from './handlers';

export interface StartWorkerOptions extends WorkerDependencies {
  /** Replaces the real handlers; the start-up check still applies (tests use both). */
  handlers?: WorkerHandlers;
  /** Lock and stalled-check timings; tests shorten them to see a killed worker's job recovered in seconds. */
  tuning?: Partial<WorkerTuning>;
}

/**
 * Production timings: a worker renews its job's lock every 15 s; a job whose lock has lapsed
 * (its worker died) goes back to the queue at the next stalled check (every 30 s, by any worker).
 * Twice: a deploy may cut the same long job off once more; a job that kills its worker every
 * time fails instead of looping.
 */
const DEFAULT_TUNING = { lockDuration: 30_000, stalledInterval: 30_000, maxStalledCount: 2 } satisfies WorkerTuning;

/** Takes jobs from the queue and runs each through its handler until `close()`. */
export async function startWorker(options: StartWorkerOptions): Promise<RunningWorker> {
  const { config, logger, tuning } = options;
  const handlers = options.handlers ?? contractHandlers;
  assertHandlerMap(handlers);

  const active = new Set<string>();
  const processor = async (job: Job) => {
    const name = job.name;
    if (!(JOB_NAMES as string[]).includes(name)) {
      throw new UnrecoverableError(`No handler for job "${name}": it is not in the job contract`);
    }
    let payload;
    try {
      payload = parsePayload(name as JobName, job.data);
    } catch (err) {
      // Retrying cannot mend a payload: fail now, with the reason.
      throw new UnrecoverableError((err as Error).message);
    }
    const ctx: HandlerContext = {
      ...createServiceContext({
        db: options.db,
        clock: options.clock,
        logger: logger.child({ jobId: job.id, job: name, attempt: job.attemptsMade + 1 }),
        dueSoonWorkingDays: config.dueSoonWorkingDays,
        audit: { actor: `job:${name} (${job.id})`, operation: () => name },
      }),
      config,
      services: options.services,
      jobs: options.jobs,
      mail: options.mail,
    };
    const handler = handlers[name as JobName] as JobHandler<JobName, HandlerContext>;
    // Work a change owes stays owed (owed_job) until a run of it ends: this run takes up what was
    // owed before it started, and settles it once it is done or has failed for good.
    const owed = isOwed(name as JobName) ? options.services.owedJobs : null;
    if (owed) await owed.take(options.db, name as JobName, payload, job.id!);
    const timer = options.metrics?.jobDuration.startTimer({ job: name });
    try {
      const result = await handler(job as Job<typeof payload, never, JobName>, payload, ctx);
      if (owed) await owed.settle(options.db, job.id!);
      timer?.({ outcome: 'completed' });
      return result;
    } catch (err) {
      timer?.({ outcome: 'failed' });
      const final = err instanceof UnrecoverableError || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      if (owed && final) await owed.settle(options.db, job.id!).catch((settleErr) => ctx.logger.warn({ err: settleErr }, 'could not settle the owed rows of a job that failed for good; the keeper queues them again'));
      throw err;
    }
  };

  const worker = options.queue.createWorker(JOB_QUEUE_NAME, processor, {
    ...DEFAULT_TUNING,
    concurrency: config.workerConcurrency,
    ...tuning,
    autorun: false,
  });
  worker.on('active', (job) => {
    active.add(job.id!);
    logger.debug({ jobId: job.id, job: job.name }, 'job started');
  });
  worker.on('completed', (job) => {
    active.delete(job.id!);
    logger.info({ jobId: job.id, job: job.name, attemptsMade: job.attemptsMade }, 'job completed');
  });
  worker.on('failed', (job, err) => {
    if (job?.id) active.delete(job.id);
    const attempts = job?.opts.attempts ?? 1;
    const willRetry = !!job && !(err instanceof UnrecoverableError) && job.attemptsMade < attempts;
    const fields = { err, jobId: job?.id, job: job?.name, attemptsMade: job?.attemptsMade, attempts, willRetry };
    if (willRetry) logger.warn(fields, 'job attempt failed; BullMQ retries it after a backoff');
    else logger.error(fields, 'job failed for good');
  });
  worker.on('stalled', (jobId) => logger.warn({ jobId }, 'a job lost its worker (lock expired); it goes back to the queue'));
  worker.on('error', (err) => logger.error({ err }, 'worker error'));

  const running = worker.run().catch((err) => logger.error({ err }, 'the worker stopped on an error'));
  await worker.waitUntilReady();
  logger.info(
    { queue: JOB_QUEUE_NAME, backend: options.queue.kind, concurrency: config.workerConcurrency, jobs: JOB_NAMES },
    'worker ready',
  );

  return {
    close: async () => {
      logger.info({ active: [...active], graceMs: config.shutdownGraceMs }, 'worker stopping: no new jobs; waiting for the active ones');
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<'deadline'>((resolve) => {
        timer = setTimeout(() => resolve('deadline'), config.shutdownGraceMs);
      });
      const outcome = await Promise.race([worker.close().then(() => 'drained' as const), deadline]);
      clearTimeout(timer);
      if (outcome === 'deadline') throw new ShutdownDeadlineError([...active], config.shutdownGraceMs);
      await running;
      logger.info('worker stopped');
    },
  };
}
