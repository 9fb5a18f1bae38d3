import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The Change Status Report's builds: every regeneration of a month is a new version, kept, so an
 * older paper stays readable after a newer one is built.
 */
export class Reports1764300000000 implements MigrationInterface {
  name = 'Reports1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE report (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        period text NOT NULL CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
        version integer NOT NULL CHECK (version > 0),
        as_of date NOT NULL,
        status text NOT NULL DEFAULT 'QUEUED' CHECK (status IN ('QUEUED', 'RUNNING', 'READY', 'FAILED')),
        requested_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        completed_at timestamptz,
        markdown text,
        html text,
        error text,
        CONSTRAINT report_period_version UNIQUE (period, version),
        CONSTRAINT report_ready_has_content CHECK (status <> 'READY' OR (markdown IS NOT NULL AND html IS NOT NULL AND completed_at IS NOT NULL))
      )`);
    // "Two requests for the same period and date while one is queued make one job."
    await q.query(`CREATE UNIQUE INDEX report_one_queued ON report (period, as_of) WHERE status = 'QUEUED'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE report`);
  }
}
