import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Keeping the register: a meeting called off stays in the register, marked (when, and why); a
 * report version built in error is withdrawn, not deleted (it stays readable, and is never
 * circulated). Release names are unique whatever their case.
 */
export class Corrections1765500000000 implements MigrationInterface {
  name = 'Corrections1765500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE meeting ADD COLUMN cancelled_on date, ADD COLUMN cancellation_reason text`);
    await q.query(`ALTER TABLE meeting ADD CONSTRAINT meeting_cancelled_has_reason CHECK ((cancelled_on IS NULL) = (cancellation_reason IS NULL))`);
    await q.query(`ALTER TABLE report ADD COLUMN withdrawn_at timestamptz, ADD COLUMN withdrawn_reason text`);
    // Release names are unique whatever their case, in the database too.
    await q.query(`CREATE UNIQUE INDEX release_name_any_case ON release (lower(name))`);
    await q.query(`ALTER TABLE report ADD CONSTRAINT report_withdrawn_has_reason CHECK ((withdrawn_at IS NULL) = (withdrawn_reason IS NULL))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX release_name_any_case`);
    await q.query(`ALTER TABLE report DROP CONSTRAINT report_withdrawn_has_reason, DROP COLUMN withdrawn_at, DROP COLUMN withdrawn_reason`);
    await q.query(`ALTER TABLE meeting DROP CONSTRAINT meeting_cancelled_has_reason, DROP COLUMN cancelled_on, DROP COLUMN cancellation_reason`);
  }
}
