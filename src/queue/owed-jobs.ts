import type { DataSource, EntityManager } from 'typeorm';
import type { Logger } from '../infra/logger';
import { type JobName, type JobPayload, parsePayload } from './job-contract';
import type { JobQueue } from './job-queue';

/**
 * The jobs a change owes, kept like the mail outbox: `owe` records one in the change's own
 * transaction, so it commits with the change or not at all; `dispatch` queues what is owed and
 * forgets it. A queue that is down only delays the job: the change's caller is never told of an
 * error for a change that committed, and the dispatcher loop tries again every few seconds.
 * Several processes dispatch at once safely (SKIP LOCKED, and the contract's deduplication).
 */
export class OwedJobs {
  constructor(private readonly jobs: JobQueue) {}

  async owe<N extends JobName>(tx: EntityManager, name: N, payload: JobPayload<N>): Promise<void> {
    const checked = parsePayload(name, payload);
    await tx.query(`INSERT INTO owed_job (name, payload) VALUES ($1, $2)`, [name, JSON.stringify(checked)]);
  }

  /** Queues every owed job, oldest first; returns how many were queued. Throws when the queue does not answer. */
  async dispatch(db: DataSource): Promise<number> {
    let queued = 0;
    for (;;) {
      let failure: unknown;
      const batch = await db.transaction(async (tx) => {
        const rows: Array<{ id: string; name: JobName; payload: JobPayload<JobName> }> = await tx.query(
          `SELECT id, name, payload FROM owed_job ORDER BY id LIMIT 50 FOR UPDATE SKIP LOCKED`,
        );
        let done = 0;
        for (const row of rows) {
          try {
            await this.jobs.enqueue(row.name, row.payload);
          } catch (err) {
            // Kept owed, with why; those queued before it are forgotten (committed below).
            await tx.query(`UPDATE owed_job SET attempts = attempts + 1, last_error = $2 WHERE id = $1`, [row.id, String((err as Error).message).slice(0, 500)]);
            failure = err;
            break;
          }
          await tx.query(`DELETE FROM owed_job WHERE id = $1`, [row.id]);
          done += 1;
        }
        return { done, full: rows.length === 50 };
      });
      queued += batch.done;
      if (failure) throw failure;
      if (!batch.full) return queued;
    }
  }

  /** After a commit: queue now if the queue answers; if not, the loop will (logged, not thrown). */
  async dispatchSoon(db: DataSource, logger: Logger): Promise<void> {
    await this.dispatch(db).catch((err) => logger.warn({ err }, 'the job queue did not answer: the owed job is kept and queued when it does'));
  }
}
