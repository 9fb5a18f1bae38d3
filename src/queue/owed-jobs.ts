import type { DataSource, EntityManager } from 'typeorm';
import { outageKind } from '../common/outage';
import type { Logger } from '../infra/logger';
import { deduplicationOf, isOwed, type JobName, type JobPayload, parsePayload } from './job-contract';
import type { JobQueue } from './job-queue';
import { type JobRun, JobState } from './job-run';

type Queryable = Pick<EntityManager, 'query'>;

/** An owed job as its owner knows it: the row, and the id its job is queued under unless a twin is queued already. */
export interface OwedJobRef {
  id: string;
  jobId: string;
}

/**
 * The job id an owed row is first queued under. Queued again (its queue lost it, or its job ended
 * without taking it up), it gets a fresh one: a queue that kept a finished job under the first id
 * would take the second add for that job and run nothing.
 */
const jobIdOf = (rowId: string, again = false) => (again ? `owed-${rowId}-${Date.now()}` : `owed-${rowId}`);
const OWED_JOB_ID = /^owed-(\d{1,18})(?:-\d+)?$/;
/** As long as the queue keeps a finished job (the contract's retention): jobRun answers for as long. */
const SETTLED_KEPT_DAYS = 14;

/**
 * The jobs a change owes, kept like the mail outbox. `owe` records one in the change's own
 * transaction, so it commits with the change or not at all; `dispatch` queues what is owed; the
 * row stays until a run of that work has finished (`take` at its start, `settle` at its end), so a
 * queue that restarts empty loses nothing: `recover` queues again every row whose job the queue no
 * longer holds. Runs are matched to rows by the job's deduplication key: any run of the same work
 * that started after the row was written (and so sees the change) serves it. The caller of a
 * change is never told of an error for a change that committed; several processes dispatch and
 * recover at once safely (SKIP LOCKED, and the contract's deduplication).
 */
export class OwedJobs {
  constructor(private readonly jobs: JobQueue) {}

  async owe<N extends JobName>(tx: Queryable, name: N, payload: JobPayload<N>): Promise<OwedJobRef> {
    const checked = parsePayload(name, payload);
    // Runs are matched to what they serve by this key: only a job the contract marks owed has one for that.
    const key = isOwed(name) ? deduplicationOf(name, checked)?.id : undefined;
    if (!key) throw new Error(`Job "${name}" is not one a change may owe (the job contract's "owed", with a deduplication key)`);
    const [row] = await tx.query(`INSERT INTO owed_job (name, payload, dedup_key) VALUES ($1, $2, $3) RETURNING id::text`, [name, JSON.stringify(checked), key]);
    return { id: row.id, jobId: jobIdOf(row.id) };
  }

  /** Records and dispatches at once, outside any change: a follow-up a job owes (the digests after an admin's recompute). */
  async oweNow<N extends JobName>(db: DataSource, name: N, payload: JobPayload<N>, logger: Logger): Promise<OwedJobRef> {
    const ref = await db.transaction((tx) => this.owe(tx, name, payload));
    await this.dispatchSoon(db, logger);
    return ref;
  }

  /** Queues every row not queued yet, oldest first; returns how many. Throws when the queue does not answer. */
  async dispatch(db: DataSource): Promise<number> {
    return this.queueRows(db, `job_id IS NULL AND settled_at IS NULL`);
  }

  /**
   * Queues again every queued row whose job the queue no longer holds (a Redis that came back
   * empty), or whose job finished without taking it up (a twin already running when it was
   * queued); returns how many. Throws when the queue does not answer.
   */
  async recover(db: DataSource): Promise<number> {
    const rows: Array<{ id: string; job_id: string; taken_by: string | null }> = await db.query(
      `SELECT id::text, job_id, taken_by FROM owed_job WHERE job_id IS NOT NULL AND settled_at IS NULL ORDER BY id LIMIT 200`,
    );
    const lost: string[] = [];
    for (const row of rows) {
      const run = await this.jobs.getJobRun(row.taken_by ?? row.job_id);
      if (!run || run.state === JobState.COMPLETED || run.state === JobState.FAILED) lost.push(row.id);
    }
    if (lost.length === 0) return 0;
    return this.queueRows(db, `id = ANY($1::bigint[]) AND settled_at IS NULL`, [lost]);
  }

  /** Forgets settled rows past the queue's own retention of finished jobs; returns how many went. */
  async forgetSettled(db: Queryable): Promise<number> {
    const gone = await db.query(`DELETE FROM owed_job WHERE settled_at < now() - make_interval(days => $1) RETURNING id`, [SETTLED_KEPT_DAYS]);
    return Array.isArray(gone) ? gone.length : 0;
  }

  /** After a commit: queue now if the queue answers; if not, the keeper will (logged, not thrown). */
  async dispatchSoon(db: DataSource, logger: Logger): Promise<void> {
    await this.dispatch(db).catch((err) => logger.warn({ err }, 'the job queue did not answer: the owed job is kept and queued when it does'));
  }

  /**
   * A run of a job starts: it takes up every row of the same work written before now (it will
   * see their changes). Rows written after it started wait for the next run.
   */
  async take(db: Queryable, name: JobName, payload: unknown, jobId: string): Promise<void> {
    const key = isOwed(name) ? deduplicationOf(name, parsePayload(name, payload))?.id : undefined;
    if (!key) return;
    await db.query(`UPDATE owed_job SET taken_by = $2 WHERE dedup_key = $1 AND settled_at IS NULL`, [key, jobId]);
  }

  /** A run has finished, done or failed for good: what it took up is owed no more (a failure stays on the job, for admins to see). */
  async settle(db: Queryable, jobId: string): Promise<void> {
    await db.query(`UPDATE owed_job SET settled_at = now() WHERE taken_by = $1 AND settled_at IS NULL`, [jobId]);
  }

  /**
   * How an owed job stands, for `recomputeSla` to answer and `jobRun` to find by the id it gave:
   * the queue's own account of the run that took it up (or of the job it was queued as), or
   * WAITING while it is still owed and the queue does not hold it (away, or not yet told). Null
   * when neither knows the id.
   */
  async runOf(db: Queryable, jobId: string): Promise<JobRun | null> {
    const [row] = await db.query(
      `SELECT id::text, name, created_at AS "createdAt", coalesce(taken_by, job_id) AS "queuedAs", settled_at IS NOT NULL AS settled
         FROM owed_job WHERE job_id = $1 OR taken_by = $1 OR id::text = $2 ORDER BY id LIMIT 1`,
      [jobId, OWED_JOB_ID.exec(jobId)?.[1] ?? null],
    );
    try {
      const run = await this.jobs.getJobRun(row?.queuedAs ?? jobId);
      if (run) return run;
    } catch (err) {
      if (!row || !outageKind(err)) throw err;
    }
    return row && !row.settled ? runWithoutJob(jobId, row.name, new Date(row.createdAt)) : null;
  }

  /** What `runOf` says of a job just owed: its row was written a moment ago, so there is always an answer. */
  async runOfJustOwed(db: Queryable, owed: OwedJobRef): Promise<JobRun> {
    return (await this.runOf(db, owed.jobId))!;
  }

  private async queueRows(db: DataSource, which: string, params: unknown[] = []): Promise<number> {
    let queued = 0;
    for (;;) {
      let failure: unknown;
      const batch = await db.transaction(async (tx) => {
        const rows: Array<{ id: string; name: JobName; payload: JobPayload<JobName>; queued: boolean }> = await tx.query(
          `SELECT id::text, name, payload, job_id IS NOT NULL AS queued FROM owed_job WHERE ${which} ORDER BY id LIMIT 50 FOR UPDATE SKIP LOCKED`,
          params,
        );
        let done = 0;
        for (const row of rows) {
          try {
            // A twin already waiting or running answers with its own id: the row follows that job.
            const run = await this.jobs.enqueue(row.name, row.payload, { jobId: jobIdOf(row.id, row.queued) });
            await tx.query(`UPDATE owed_job SET job_id = $2, dispatched_at = now(), taken_by = NULL WHERE id = $1`, [row.id, run.id]);
          } catch (err) {
            // Kept owed, with why; those queued before it are recorded (committed below).
            await tx.query(`UPDATE owed_job SET attempts = attempts + 1, last_error = $2 WHERE id = $1`, [row.id, String((err as Error).message).slice(0, 500)]);
            failure = err;
            break;
          }
          done += 1;
        }
        return { done, full: rows.length === 50 };
      });
      queued += batch.done;
      if (failure) throw failure;
      if (!batch.full) return queued;
    }
  }
}

/** A run the queue holds no job for: owed, and not yet told to a queue that answers. */
function runWithoutJob(id: string, name: string, enqueuedAt: Date): JobRun {
  return {
    id, name, state: JobState.WAITING, enqueuedAt, finishedAt: null, failedReason: null, progress: 0, attemptsMade: 0,
    summary: 'owed: queued as soon as the job queue answers',
  };
}
