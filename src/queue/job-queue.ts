import { PAPER_TITLES } from '../reports/paper/paper-kind';
import type { Job } from 'bullmq';
import {
  deduplicationOf, JOB_QUEUE_NAME, JOBS, jobSchedules, parsePayload,
  type JobName, type JobPayload, type ScheduleConfig, type JobResult, type JobResults,
} from './job-contract';
import type { AnyQueue, QueueBackend } from './queue-backend';
import { type JobRun, JobState } from './job-run';

/** addBulk per this many jobs: one round trip each, bounded in size. */
const ENQUEUE_BATCH = 500;

type ServiceQueue = AnyQueue<JobPayload<JobName>, JobResult<JobName>, JobName>;

export interface RegisteredSchedule {
  id: string;
  /** The id of the job the next firing will run: equal across processes that register the same schedule. */
  nextJobId: string | undefined;
  nextRunAt: Date | null;
}

/**
 * The producer side of the queue, shared by the API (admin triggers, after-commit side effects)
 * and the worker (schedules, follow-up jobs). One per process.
 */
export class JobQueue {
  private readonly queue: ServiceQueue;

  constructor(private readonly backend: QueueBackend) {
    this.queue = backend.createQueue(JOB_QUEUE_NAME);
  }

  /**
   * Queues any job of the contract, with the options and deduplication the contract declares for
   * it. The payload is checked here, so a bad one fails the caller instead of the worker.
   */
  async enqueue<N extends JobName>(name: N, payload: JobPayload<N>, options: { jobId?: string } = {}): Promise<JobRun> {
    const checked = parsePayload(name, payload);
    const deduplication = deduplicationOf(name, checked);
    const job = await this.queue.add(name, checked, { ...JOBS[name].options, ...(deduplication ? { deduplication } : {}), ...(options.jobId ? { jobId: options.jobId } : {}) });
    // A deduplicated add answers with the id of the job already queued: report that job as it stands.
    return (await this.getJobRun(job.id!)) ?? toJobRun(job, JobState.WAITING);
  }

  /**
   * Many jobs of one kind in one round trip (BullMQ's addBulk), each with the contract's options
   * and deduplication: the outbox queues a send job per message this way.
   */
  async enqueueMany<N extends JobName>(name: N, payloads: readonly JobPayload<N>[]): Promise<void> {
    const jobs = payloads.map((payload) => {
      const checked = parsePayload(name, payload);
      const deduplication = deduplicationOf(name, checked);
      return { name, data: checked, opts: { ...JOBS[name].options, ...(deduplication ? { deduplication } : {}) } };
    });
    for (let i = 0; i < jobs.length; i += ENQUEUE_BATCH) await this.queue.addBulk(jobs.slice(i, i + ENQUEUE_BATCH));
  }

  /** The queue itself, for the dashboard (Bull Board) to read and act on. */
  queueForDashboard(): ServiceQueue {
    return this.queue;
  }

  /** The queue's jobs by state (waiting, active, delayed, completed, failed, ...), for the metrics. */
  async countsByState(): Promise<Record<string, number>> {
    return this.queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'waiting-children', 'completed', 'failed');
  }

  /** Whether the queue's store answers (readiness): one cheap read, refused after `timeoutMs`. */
  async ping(timeoutMs = 2_000): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`the job queue did not answer within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      await Promise.race([this.queue.getJobCounts('waiting'), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async getJobRun(id: string): Promise<JobRun | null> {
    // Job ids are printable ASCII (ours: names, dates, uuids, numbers); anything else names no job,
    // and a NUL would make PostgreSQL refuse the lookup itself.
    if (!/^[\x20-\x7e]{1,200}$/.test(id)) return null;
    let job = await this.queue.getJob(id);
    if (!job) return null;
    const state = toJobState(await job.getState());
    // 'unknown': removed (retention) between the two reads.
    if (!state) return null;
    // The job finished between the two reads: its final data is written with its state, read it again.
    if ((state === JobState.COMPLETED || state === JobState.FAILED) && !job.finishedOn) {
      job = await this.queue.getJob(id);
      if (!job) return null;
    }
    return toJobRun(job, state);
  }

  /**
   * Registers every schedule of the contract. Idempotent: a schedule's next job id is derived from
   * its next firing time, so every process that starts computes the same one and the store keeps
   * one job, which one worker takes (one recompute a night however many workers run).
   */
  async ensureSchedulers(config: ScheduleConfig): Promise<RegisteredSchedule[]> {
    return this.backend.exclusive('job-schedulers', () => this.upsertSchedulers(config));
  }

  private async upsertSchedulers(config: ScheduleConfig): Promise<RegisteredSchedule[]> {
    const registered: RegisteredSchedule[] = [];
    for (const schedule of jobSchedules(config)) {
      const next = await this.queue.upsertJobScheduler(
        // BullMQ types a scheduler's id as a job name; here they differ, which it allows at run time.
        schedule.id as JobName,
        { pattern: schedule.pattern, tz: schedule.tz },
        { name: schedule.jobName, data: schedule.payload, opts: JOBS[schedule.jobName].options },
      );
      const nextMillis = (await this.queue.getJobScheduler(schedule.id))?.next;
      registered.push({ id: schedule.id, nextJobId: next?.id, nextRunAt: nextMillis ? new Date(nextMillis) : null });
    }
    return registered;
  }

  /** The schedules of the contract the queue's store does not hold (a Redis that came back empty). */
  async missingSchedules(config: ScheduleConfig): Promise<string[]> {
    const missing: string[] = [];
    for (const schedule of jobSchedules(config)) if (!(await this.queue.getJobScheduler(schedule.id))) missing.push(schedule.id);
    return missing;
  }

  /** Drops a schedule (tests stop a fast one with it). */
  async removeScheduler(id: string): Promise<boolean> {
    return this.queue.removeJobScheduler(id);
  }

  async close(): Promise<void> {
    await this.queue.close();
  }
}

function toJobState(state: string): JobState | null {
  switch (state) {
    case 'completed': return JobState.COMPLETED;
    case 'failed': return JobState.FAILED;
    case 'active': return JobState.ACTIVE;
    case 'delayed': return JobState.DELAYED;
    case 'waiting': case 'prioritized': case 'waiting-children': case 'paused': return JobState.WAITING;
    default: return null;
  }
}

const summaries: { [N in JobName]: (result: JobResults[N]) => string } = {
  'sla-recompute': (r) =>
    `${r.mode} recompute as of ${r.asOf}: ${r.examined} examined, ${r.changed} changed, ` +
    `${r.written} written, ${r.durationMs} ms`,
  'sla-digest': (r) =>
    r.future
      ? `${r.day} is still to come: no digest yet`
      : r.workingDay
      ? `digests for ${r.day}${r.recomputed ? ' (recomputed first)' : ''}: ${r.recorded} recorded, ${r.nothingToSay} with nothing to say, ` +
        `${r.alreadyRecorded} recorded before, ${r.queued} queued to send`
      : `${r.day} is not a Working Day: no digest`,
  'mail-send': (r) => `message ${r.messageId} ${r.outcome}: ${r.detail}`,
  'report-build': (r) => `${r.kind ? PAPER_TITLES[r.kind] : 'Change Status Report'} ${r.period} v${r.version}: ${r.status}`,
  'report-schedule': (r) => {
    const run = (x: Omit<JobResult<'report-schedule'>, 'timetables'>, what: string) =>
      x.outcome === 'queued' ? `${what} was due on ${x.dueOn}: build queued`
      : x.outcome === 'already-scheduled' ? `scheduled ${what} was made already`
      : `${what} is due on ${x.dueOn}: nothing yet`;
    // The Change Status Report's run first, as it always was; the timetables' after it (the same month).
    return `${r.period}'s ${run(r, 'report')}${r.timetables ? `; ${run(r.timetables, 'timetables paper')}` : ''}`;
  },
  'mail-sweep': (r) => `${r.queued} undelivered message(s) given a send job${r.caughtUp?.length ? `; digests caught up for ${r.caughtUp.join(', ')}` : ''}`,
};

function summaryOf(job: Job): string | null {
  const summarize = summaries[job.name as JobName] as ((result: JobResult<JobName>) => string) | undefined;
  if (!summarize || job.returnvalue === null || job.returnvalue === undefined) return null;
  return summarize(job.returnvalue as JobResult<JobName>);
}

function toJobRun(job: Job, state: JobState): JobRun {
  return {
    id: job.id!,
    name: job.name,
    state,
    enqueuedAt: new Date(job.timestamp),
    finishedAt: state === JobState.COMPLETED || state === JobState.FAILED ? new Date(job.finishedOn ?? job.timestamp) : null,
    failedReason: job.failedReason || null,
    progress: typeof job.progress === 'number' ? job.progress : 0,
    attemptsMade: job.attemptsMade ?? 0,
    summary: state === JobState.COMPLETED ? summaryOf(job) : null,
  };
}
