import type { Job, JobsOptions } from 'bullmq';
import { z } from 'zod';
import { isLocalDate, type LocalDate } from '../calendar/local-date';
import type { PaperKind } from '../reports/paper/paper-kind';
import type { RecomputeResult } from '../sla/sla-recompute.service';

/**
 * The one job contract (STYLE 7): the queue, every job's name, payload, result and options, and
 * the schedules, declared together. The API enqueues through `JobQueue`, the worker in `jobs/`
 * handles; both read this file and nothing else about the other.
 *
 * Payloads carry ids and dates, never data: a handler reloads what it needs, so a job queued
 * before a change sees the register as it is when it runs.
 */

/** Every job goes through one queue: there are few, and one worker pool serves them all. */
export const JOB_QUEUE_NAME = 'sec-jobs';

const localDate = z.string().refine(isLocalDate, { message: 'must be a real calendar date as YYYY-MM-DD' });

const slaRecomputePayload = z.strictObject({
  /** Absent: the day the worker runs it (the nightly schedule's payload is fixed, its day is not). */
  asOf: localDate.optional(),
  full: z.boolean().optional(),
  /** The days a holiday added or removed changed: only assessments whose clock spans one are judged. */
  spanning: z.array(localDate).min(1).max(31).optional(),
  /** correction: a fact an assessment's clock reads was corrected; holiday-*: the calendar changed. */
  reason: z.enum(['nightly', 'admin', 'holiday-added', 'holiday-removed', 'correction']),
});

/** What a recompute reports; stored as the job's return value (plain JSON already). */
export type SlaRecomputeResult = RecomputeResult;

const slaDigestPayload = z.strictObject({
  /** Absent: the day the worker runs it (the morning schedule's payload names no day). */
  day: localDate.optional(),
  /** catch-up: the sweep found a past Working Day whose scheduled firing never recorded its digests. */
  reason: z.enum(['scheduled', 'admin', 'catch-up']),
});

/** What a day's digest run did; the message ids themselves stay in the outbox. */
export interface SlaDigestResult {
  day: LocalDate;
  workingDay: boolean;
  /** A day still to come: nothing recorded. */
  future?: boolean;
  /** The day's recompute had not run (the night's failed), so this run did it first. */
  recomputed: boolean;
  recorded: number;
  nothingToSay: number;
  alreadyRecorded: number;
  /** Send jobs queued: every undelivered message, the day's and any an earlier crash left. */
  queued: number;
}

const reportBuildPayload = z.strictObject({ reportId: z.string().uuid() });

export interface ReportBuildResult {
  reportId: string;
  /** Which paper (absent in results recorded before there were two). */
  kind?: PaperKind;
  period: string;
  version: number;
  status: string;
}

const reportSchedulePayload = z.strictObject({
  /** Absent: the day the worker runs it. */
  day: localDate.optional(),
  reason: z.enum(['scheduled', 'admin']),
});

/** What the monthly schedule did on a day: nothing yet, nothing again, or a build queued. */
export interface ReportScheduleResult {
  period: string;
  dueOn: LocalDate;
  outcome: 'not-yet' | 'already-scheduled' | 'queued';
  reportId?: string;
  /** The Modification Timetables paper's run, beside the Change Status Report's. */
  timetables?: Omit<ReportScheduleResult, 'timetables'>;
}

const mailSweepPayload = z.strictObject({ reason: z.enum(['scheduled', 'admin']) });

export interface MailSweepResult {
  /** Undelivered messages (PENDING, or SENDING with a lapsed claim) given a send job. */
  queued: number;
  /** Working Days whose morning digest firing was lost, owed a digest run now. */
  caughtUp: LocalDate[];
}

const mailSendPayload = z.strictObject({ messageId: z.string().uuid() });

export interface MailSendResult {
  messageId: string;
  /** in-doubt: the end of the message went to the server and no answer came; not retried. */
  outcome: 'sent' | 'skipped' | 'in-doubt';
  /** The mail server's reply, or why nothing was sent (already sent, another worker has it). */
  detail: string;
}

const DAY_S = 24 * 60 * 60;

/**
 * Retries: a recompute is one transaction and idempotent per day, so running it again after a
 * failure is always safe; the backoff rides out a database restart. Retention: enough history for
 * `jobRun` to answer about last week's runs without the queue growing for ever.
 */
const recomputeOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 30_000 },
  removeOnComplete: { age: 14 * DAY_S, count: 1_000 },
  removeOnFail: { age: 60 * DAY_S, count: 1_000 },
} as const satisfies JobsOptions;

/** How `JobQueue.enqueue` deduplicates a job: BullMQ keeps one job per id while it waits or runs. */
export interface Deduplication {
  id: string;
  /** A request made while the job runs is kept and run after it (it may have seen newer facts). */
  keepLastIfActive?: boolean;
}

interface JobDefinition<P extends z.ZodType> {
  payload: P;
  options: JobsOptions;
  /** Absent: every enqueue is a job of its own. */
  deduplication?: (payload: z.infer<P>) => Deduplication;
  /**
   * A change may owe this job (OwedJobs): each run takes up, and settles, the rows of its
   * deduplication key. Needs `deduplication`.
   */
  owed?: true;
}

/** Keeps each definition's payload type, and checks its shape. */
function job<P extends z.ZodType>(definition: JobDefinition<P>): JobDefinition<P> {
  return definition;
}

/**
 * A digest run decides and records in one transaction and is idempotent per day (the outbox's
 * unique key), so retrying after a failure is always safe.
 */
const digestOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 30_000 },
  removeOnComplete: { age: 14 * DAY_S, count: 1_000 },
  removeOnFail: { age: 60 * DAY_S, count: 1_000 },
} as const satisfies JobsOptions;

/**
 * Delivery retries until the mail server takes the message (SPEC): exponential from 2 s, 16
 * attempts, about 18 hours in all, enough to ride out a morning's outage; after that the message
 * is FAILED and an admin may resend it. A 5xx refusal fails it at once (UnrecoverableError).
 * A completed send job is removed at once: the outbox row is the record (state, attempts, the
 * server's reply), and a kept count made BullMQ's PostgreSQL backend sort every completed job at
 * each completion (npm run bench:mail fell from 110 to 50 messages/s as they piled up).
 */
const mailSendOptions = {
  attempts: 16,
  backoff: { type: 'exponential', delay: 2_000 },
  removeOnComplete: true,
  removeOnFail: { age: 30 * DAY_S },
} as const satisfies JobsOptions;

export const JOBS = {
  'sla-recompute': job({
    payload: slaRecomputePayload,
    options: recomputeOptions,
    // Two admin clicks (or two holidays added in a row) for the same day queue one job.
    deduplication: (p) => ({
      id: `sla-recompute:${p.asOf ?? 'today'}:${p.full ? 'full' : p.spanning ? `holiday:${[...p.spanning].sort().join(',')}` : 'incremental'}`,
      keepLastIfActive: true,
    }),
    owed: true,
  }),
  'sla-digest': job({
    payload: slaDigestPayload,
    options: digestOptions,
    deduplication: (p) => ({ id: `sla-digest:${p.day ?? 'today'}` }),
    owed: true,
  }),
  'mail-send': job({
    payload: mailSendPayload,
    options: mailSendOptions,
    // One job per message while it waits, runs or retries; the outbox row decides whether to send.
    // While one runs, a new request (an admin's resend racing the job's last failure) runs after it.
    deduplication: (p) => ({ id: `mail-send:${p.messageId}`, keepLastIfActive: true }),
  }),
  'report-build': job({
    payload: reportBuildPayload,
    // One attempt: a failed build is recorded FAILED with its reason; an admin regenerates.
    options: { attempts: 1, removeOnComplete: { age: 14 * DAY_S, count: 1_000 }, removeOnFail: { age: 60 * DAY_S, count: 1_000 } },
    deduplication: (p) => ({ id: `report-build:${p.reportId}` }),
    owed: true,
  }),
  'report-schedule': job({
    payload: reportSchedulePayload,
    // Idempotent (one scheduled build per month, by a unique index): retrying is always safe.
    options: { attempts: 5, backoff: { type: 'exponential', delay: 30_000 }, removeOnComplete: { age: 14 * DAY_S, count: 1_000 }, removeOnFail: { age: 60 * DAY_S, count: 1_000 } },
    deduplication: (p) => ({ id: `report-schedule:${p.day ?? 'today'}` }),
  }),
  'mail-sweep': job({
    payload: mailSweepPayload,
    options: { attempts: 3, backoff: { type: 'exponential', delay: 10_000 }, removeOnComplete: { count: 100 }, removeOnFail: { age: 30 * DAY_S } },
    deduplication: () => ({ id: 'mail-sweep' }),
  }),
} as const;

export type JobName = keyof typeof JOBS;
export const JOB_NAMES = Object.keys(JOBS) as JobName[];
export type JobPayload<N extends JobName> = z.infer<(typeof JOBS)[N]['payload']>;

/** Whether a change may owe this job: its runs then take up and settle what is owed (OwedJobs). */
export function isOwed(name: JobName): boolean {
  return (JOBS[name] as JobDefinition<z.ZodType>).owed === true;
}

/** The deduplication a job of this payload gets, or undefined when each enqueue is a job of its own. */
export function deduplicationOf<N extends JobName>(name: N, payload: JobPayload<N>): Deduplication | undefined {
  // Indexing JOBS with a generic name loses the pairing of definition and payload; it holds by construction.
  const deduplicate = JOBS[name].deduplication as ((p: JobPayload<N>) => Deduplication) | undefined;
  return deduplicate?.(payload);
}

/** Each job's result type; keyed by job name, and the check below keeps the two lists equal. */
export interface JobResults {
  'sla-recompute': SlaRecomputeResult;
  'sla-digest': SlaDigestResult;
  'mail-send': MailSendResult;
  'mail-sweep': MailSweepResult;
  'report-build': ReportBuildResult;
  'report-schedule': ReportScheduleResult;
}
type SameKeys<A, B> = [Exclude<keyof A, keyof B>, Exclude<keyof B, keyof A>] extends [never, never] ? true : never;
const resultsCoverEveryJob: SameKeys<JobResults, typeof JOBS> = true;
void resultsCoverEveryJob;

export type JobResult<N extends JobName> = JobResults[N];
export type SlaRecomputePayload = JobPayload<'sla-recompute'>;
export type SlaRecomputeReason = SlaRecomputePayload['reason'];

/** A handler gets the job (for progress and its id) and its payload, already validated. */
export type JobHandler<N extends JobName, Ctx> = (
  job: Job<JobPayload<N>, JobResult<N>, N>,
  payload: JobPayload<N>,
  ctx: Ctx,
) => Promise<JobResult<N>>;

/** One handler per job name: a missing one is a compile error (and `assertHandlerMap` at run time). */
export type JobHandlers<Ctx> = { readonly [N in JobName]: JobHandler<N, Ctx> };

/**
 * The worker's start-up check: types vanish at run time, and a handler map assembled by hand (or
 * a job renamed on one side only) must stop the worker before it takes a job it cannot run.
 */
export function assertHandlerMap(handlers: object): void {
  const given = Object.keys(handlers);
  const missing = JOB_NAMES.filter((name) => typeof (handlers as Record<string, unknown>)[name] !== 'function');
  const unknown = given.filter((name) => !(JOB_NAMES as string[]).includes(name));
  const problems = [
    ...missing.map((name) => `no handler for job "${name}"`),
    ...unknown.map((name) => `a handler for "${name}", which is no job of the contract`),
  ];
  if (problems.length > 0) throw new Error(`The worker refuses to start: ${problems.join('; ')}`);
}

/** Parses a payload as the worker receives it; the error says which field is wrong. */
export function parsePayload<N extends JobName>(name: N, data: unknown): JobPayload<N> {
  const parsed = JOBS[name].payload.safeParse(data);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(payload)'}: ${i.message}`).join('; ');
    throw new InvalidPayloadError(`Job "${name}" has an invalid payload: ${issues}`);
  }
  return parsed.data as JobPayload<N>;
}

export class InvalidPayloadError extends Error {
  override readonly name = 'InvalidPayloadError';
}

export interface JobSchedule<N extends JobName = JobName> {
  id: string;
  jobName: N;
  /** Cron, five fields (six with seconds, which only tests use), read in `tz`. */
  pattern: string;
  tz: string;
  payload: JobPayload<N>;
}

export interface ScheduleConfig {
  slaRecomputeCron: string;
  digestCron: string;
  mailSweepCron: string;
  reportCron: string;
}

/** The morning digests' schedule: a sweep catches up the days whose firing it lost. */
export const DIGEST_SCHEDULE_ID = 'sla-digest-morning';

/** Every schedule, from configuration; registered idempotently at start by every process. */
export function jobSchedules(config: ScheduleConfig): JobSchedule[] {
  return [
    {
      id: 'sla-recompute-nightly',
      jobName: 'sla-recompute',
      pattern: config.slaRecomputeCron,
      tz: 'Europe/London',
      payload: { reason: 'nightly' },
    },
    {
      // Fires every day; on a day that is not a Working Day the handler sends nothing.
      id: DIGEST_SCHEDULE_ID,
      jobName: 'sla-digest',
      pattern: config.digestCron,
      tz: 'Europe/London',
      payload: { reason: 'scheduled' },
    },
    {
      // A send job can be lost (a failed enqueue after a commit, a job that failed for good for a
      // reason other than the mail server): every few minutes, undelivered messages get one again.
      id: 'mail-sweep',
      jobName: 'mail-sweep',
      pattern: config.mailSweepCron,
      tz: 'Europe/London',
      payload: { reason: 'scheduled' },
    },
    {
      // Fires every morning; the handler builds the month's Change Status Report once, on or after its date.
      id: 'report-monthly',
      jobName: 'report-schedule',
      pattern: config.reportCron,
      tz: 'Europe/London',
      payload: { reason: 'scheduled' },
    },
  ];
}
