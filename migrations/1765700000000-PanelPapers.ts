import type { MigrationInterface, QueryRunner } from 'typeorm';
import { auditRow } from './1765500000000-Corrections';

/**
 * Panel papers as the Panel receives them:
 * - report.kind: the Change Status Report, or the Modification Timetables paper; each kind
 *   numbers its versions of a month on its own, and the schedule builds each once a month.
 * - The paper's frame on each version (its reference SECP_<panel>_<ddmm>_<item>, author,
 *   purpose, recommendation, attachments), set from defaults when requested and editable by an
 *   admin until the version is circulated; the document itself (report.document) is kept so an
 *   edited frame re-renders the same facts without reading the register again.
 * - meeting.number: a Panel meeting's number (91 for 16 April 2021), which its papers cite.
 * - outbox_message.kind 'panel-paper': a version circulated on demand, once per version and group.
 */
export class PanelPapers1765700000000 implements MigrationInterface {
  name = 'PanelPapers1765700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE meeting ADD COLUMN number integer CHECK (number > 0),
                     ADD CONSTRAINT meeting_number_is_the_panels CHECK (number IS NULL OR body = 'PANEL')`);
    await q.query(`
      ALTER TABLE report
        ADD COLUMN kind text NOT NULL DEFAULT 'CHANGE_STATUS_REPORT' CHECK (kind IN ('CHANGE_STATUS_REPORT', 'MODIFICATION_TIMETABLES')),
        ADD COLUMN paper_reference text,
        ADD COLUMN author text,
        ADD COLUMN action text,
        ADD COLUMN purpose text,
        ADD COLUMN recommendation text,
        ADD COLUMN attachments text[] NOT NULL DEFAULT '{}',
        ADD COLUMN document jsonb`);
    // The kept document is a file like the others: audited by its frame, not its contents.
    await q.query(auditRow({ withReports: true, alsoLeftOut: ['document'] }));
    await q.query(`ALTER TABLE report DROP CONSTRAINT report_period_version, ADD CONSTRAINT report_kind_period_version UNIQUE (kind, period, version)`);
    await q.query(`DROP INDEX report_one_queued`);
    await q.query(`CREATE UNIQUE INDEX report_one_queued ON report (kind, period, as_of) WHERE status = 'QUEUED'`);
    await q.query(`DROP INDEX report_scheduled_once`);
    await q.query(`CREATE UNIQUE INDEX report_scheduled_once ON report (kind, period) WHERE scheduled AND status <> 'FAILED'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(auditRow({ withReports: true }));
    await q.query(`DELETE FROM report WHERE kind <> 'CHANGE_STATUS_REPORT'`);
    await q.query(`DROP INDEX report_scheduled_once`);
    await q.query(`CREATE UNIQUE INDEX report_scheduled_once ON report (period) WHERE scheduled AND status <> 'FAILED'`);
    await q.query(`DROP INDEX report_one_queued`);
    await q.query(`CREATE UNIQUE INDEX report_one_queued ON report (period, as_of) WHERE status = 'QUEUED'`);
    await q.query(`ALTER TABLE report DROP CONSTRAINT report_kind_period_version, ADD CONSTRAINT report_period_version UNIQUE (period, version)`);
    await q.query(`ALTER TABLE report DROP COLUMN kind, DROP COLUMN paper_reference, DROP COLUMN author, DROP COLUMN action, DROP COLUMN purpose,
                     DROP COLUMN recommendation, DROP COLUMN attachments, DROP COLUMN document`);
    await q.query(`ALTER TABLE meeting DROP CONSTRAINT meeting_number_is_the_panels, DROP COLUMN number`);
  }
}
