import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Keeping the register: a meeting called off stays in the register, marked (when, and why); a
 * report version built in error is withdrawn, not deleted (it stays readable, and is never
 * circulated), and report versions are audited like the register's rows (their Markdown, HTML
 * and PDF left out). Release names are unique whatever their case.
 */
export class Corrections1765500000000 implements MigrationInterface {
  name = 'Corrections1765500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE meeting ADD COLUMN cancelled_on date, ADD COLUMN cancellation_reason text`);
    await q.query(`ALTER TABLE meeting ADD CONSTRAINT meeting_cancelled_has_reason CHECK ((cancelled_on IS NULL) = (cancellation_reason IS NULL))`);
    await q.query(`ALTER TABLE report ADD COLUMN withdrawn_at timestamptz, ADD COLUMN withdrawn_reason text`);
    // A withdrawal is a correction: report versions are audited too, without their files.
    await q.query(auditRow({ withReports: true }));
    await q.query(`CREATE TRIGGER report_audit AFTER INSERT OR UPDATE OR DELETE ON report FOR EACH ROW EXECUTE FUNCTION audit_row()`);
    // Release names are unique whatever their case, in the database too.
    await q.query(`CREATE UNIQUE INDEX release_name_any_case ON release (lower(name))`);
    await q.query(`ALTER TABLE report ADD CONSTRAINT report_withdrawn_has_reason CHECK ((withdrawn_at IS NULL) = (withdrawn_reason IS NULL))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER report_audit ON report`);
    await q.query(auditRow({ withReports: false }));
    await q.query(`DROP INDEX release_name_any_case`);
    await q.query(`ALTER TABLE report DROP CONSTRAINT report_withdrawn_has_reason, DROP COLUMN withdrawn_at, DROP COLUMN withdrawn_reason`);
    await q.query(`ALTER TABLE meeting DROP CONSTRAINT meeting_cancelled_has_reason, DROP COLUMN cancelled_on, DROP COLUMN cancellation_reason`);
  }
}

/** The audit trigger's function (AuditLog migration), with or without what it keeps of a report version. */
export function auditRow({ withReports, alsoLeftOut = [] }: { withReports: boolean; alsoLeftOut?: readonly string[] }): string {
  const leftOut = `- 'key_hash' - 'last_used_at'${withReports ? ` - 'markdown' - 'html' - 'pdf'` : ''}${alsoLeftOut.map((c) => ` - '${c}'`).join('')}`;
  return `
    CREATE OR REPLACE FUNCTION audit_row() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      old_row jsonb := CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) ${leftOut} END;
      new_row jsonb := CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) ${leftOut} END;
      row_data jsonb := coalesce(new_row, old_row);
      target_text text;
    BEGIN
      -- A key's use (last_used_at) is not a change.
      IF TG_OP = 'UPDATE' AND old_row = new_row THEN RETURN NULL; END IF;
      target_text := CASE TG_TABLE_NAME
        WHEN 'modification' THEN row_data->>'reference'
        WHEN 'release' THEN row_data->>'name'
        WHEN 'meeting' THEN (row_data->>'body') || ' ' || (row_data->>'meeting_on')
        WHEN 'holiday' THEN row_data->>'holiday_on'
        WHEN 'api_key' THEN row_data->>'name'
        WHEN 'recipient_group' THEN row_data->>'name'
        ${withReports ? `WHEN 'report' THEN (row_data->>'period') || ' v' || (row_data->>'version')` : ''}
        WHEN 'assessment_pause' THEN (SELECT m.reference FROM assessment a JOIN modification m ON m.id = a.modification_id WHERE a.id = (row_data->>'assessment_id')::uuid)
        ELSE (SELECT reference FROM modification WHERE id = (row_data->>'modification_id')::uuid)
      END;
      INSERT INTO audit_log (actor, operation, action, target_table, target_id, target, before, after)
      VALUES (coalesce(nullif(current_setting('sec.actor', true), ''), 'unrecorded (' || current_user || ')'),
              coalesce(nullif(current_setting('sec.operation', true), ''), 'unrecorded'),
              TG_OP, TG_TABLE_NAME, coalesce(row_data->>'id', row_data->>'reference', row_data->>'holiday_on'), target_text, old_row, new_row);
      RETURN NULL;
    END $$`;
}
