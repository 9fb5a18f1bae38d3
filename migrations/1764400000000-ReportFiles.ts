import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The Change Status Report as a paper that travels:
 * - report.pdf: the PDF, stored with its version beside the Markdown and HTML.
 * - report.scheduled: the build the monthly schedule made; one per month that has not FAILED, so
 *   that a restarted worker, or two workers, never build (and circulate) a month's paper twice,
 *   while a failed one is tried again by the next morning's run.
 * - outbox_message.report_id: a message that carries a report's PDF. The file stays in the
 *   report row; the send job attaches it, so a retry sends the same bytes.
 * - SECAS, the group that runs the process, receives the report; an admin can change that.
 * - signing_secret: the key of the signed download links, made on first use and shared by every
 *   API process through the database (a link signed by one is honoured by all). Deleting the row
 *   revokes every link given out.
 */
export class ReportFiles1764400000000 implements MigrationInterface {
  name = 'ReportFiles1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE report ADD COLUMN pdf bytea, ADD COLUMN scheduled boolean NOT NULL DEFAULT false`);
    await q.query(`CREATE UNIQUE INDEX report_scheduled_once ON report (period) WHERE scheduled AND status <> 'FAILED'`);
    await q.query(`ALTER TABLE outbox_message ADD COLUMN report_id uuid REFERENCES report (id)`);
    await q.query(`CREATE INDEX outbox_message_report_idx ON outbox_message (report_id) WHERE report_id IS NOT NULL`);
    await q.query(`
      CREATE TABLE signing_secret (
        name text PRIMARY KEY,
        secret bytea NOT NULL CHECK (length(secret) >= 32),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      UPDATE recipient_group SET sections = sections || ARRAY['CHANGE_STATUS_REPORT']
       WHERE lower(name) = 'secas' AND NOT ('CHANGE_STATUS_REPORT' = ANY (sections))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE signing_secret`);
    await q.query(`UPDATE recipient_group SET sections = array_remove(sections, 'CHANGE_STATUS_REPORT')`);
    await q.query(`ALTER TABLE outbox_message DROP COLUMN report_id`);
    await q.query(`ALTER TABLE report DROP COLUMN pdf, DROP COLUMN scheduled`);
  }
}
