import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Jobs a change owes (issue 8): recorded in the change's own transaction, then queued by a
 * dispatcher once the queue answers. A holiday added while Redis is down still gets its
 * recompute; a report requested then still gets built. A row leaves once its job is queued.
 */
export class OwedJobs1764600000000 implements MigrationInterface {
  name = 'OwedJobs1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE owed_job (
        id bigserial PRIMARY KEY,
        name text NOT NULL,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        attempts integer NOT NULL DEFAULT 0,
        last_error text
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE owed_job`);
  }
}
