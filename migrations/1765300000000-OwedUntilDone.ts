import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An owed job stays owed until a run of it has finished, not merely until it was queued: a queue
 * that restarts empty (Redis without persistence) loses nothing. A row remembers the job it was
 * queued as (`job_id`), the run that took it up (`taken_by`) and when that run ended
 * (`settled_at`); runs are matched to rows by the job's deduplication key, so any run of the same
 * work that started after the row was written serves it. The digest days recorded, and when each schedule was first registered, let a sweep
 * catch up a morning's digest whose scheduled firing was lost, and only one that was due.
 */
export class OwedUntilDone1765300000000 implements MigrationInterface {
  name = 'OwedUntilDone1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE owed_job ADD COLUMN dedup_key text, ADD COLUMN job_id text, ADD COLUMN dispatched_at timestamptz, ADD COLUMN taken_by text, ADD COLUMN settled_at timestamptz`);
    // Rows owed before this migration (not yet queued): their keys, as the job contract derives them.
    await q.query(`
      UPDATE owed_job SET dedup_key = CASE name
        WHEN 'sla-recompute' THEN 'sla-recompute:' || coalesce(payload->>'asOf', 'today') || ':' || CASE WHEN (payload->>'full')::boolean THEN 'full' ELSE 'incremental' END
        WHEN 'report-build' THEN 'report-build:' || (payload->>'reportId')
        WHEN 'sla-digest' THEN 'sla-digest:' || coalesce(payload->>'day', 'today')
        ELSE 'owed-' || id END`);
    await q.query(`ALTER TABLE owed_job ALTER COLUMN dedup_key SET NOT NULL`);
    // What is still owed is the hot part; settled rows stay a while, so jobRun answers by the id it gave.
    await q.query(`CREATE INDEX owed_job_owed_idx ON owed_job (dedup_key) WHERE settled_at IS NULL`);
    await q.query(`CREATE INDEX owed_job_taken_by_idx ON owed_job (taken_by) WHERE taken_by IS NOT NULL`);
    await q.query(`CREATE INDEX owed_job_settled_idx ON owed_job (settled_at) WHERE settled_at IS NOT NULL`);

    await q.query(`CREATE TABLE digest_day (day date PRIMARY KEY, recorded_at timestamptz NOT NULL DEFAULT now())`);
    // Days whose digests were recorded before this table existed.
    await q.query(`INSERT INTO digest_day (day, recorded_at) SELECT day, min(created_at) FROM outbox_message WHERE kind = 'sla-digest' GROUP BY day`);
    await q.query(`CREATE TABLE schedule_registration (schedule_id text PRIMARY KEY, first_registered_at timestamptz NOT NULL DEFAULT now())`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE schedule_registration`);
    await q.query(`DROP TABLE digest_day`);
    await q.query(`DROP INDEX owed_job_settled_idx`);
    await q.query(`DROP INDEX owed_job_taken_by_idx`);
    await q.query(`DROP INDEX owed_job_owed_idx`);
    await q.query(`ALTER TABLE owed_job DROP COLUMN dedup_key, DROP COLUMN job_id, DROP COLUMN dispatched_at, DROP COLUMN taken_by, DROP COLUMN settled_at`);
  }
}
