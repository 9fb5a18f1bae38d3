import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The tables whose every change is the register's record, and the keys that act on it. */
const AUDITED = [
  'modification', 'modification_dependency', 'modification_former_reference', 'phase_change', 'assessment', 'assessment_pause',
  'meeting', 'agenda_item', 'consultation', 'decision', 'release', 'work_package', 'holiday', 'api_key', 'recipient_group',
];

/**
 * The audit log (issue 8): a trigger on every table of the register writes, in the same
 * transaction as the change, who made it (the key, the CLI or a job: the transaction's
 * `sec.actor`), the operation (`sec.operation`), the row before and after, and when. A trigger
 * cannot be forgotten by a new service method, and no path (the API, an import, a job) escapes it.
 * A key's hash and last use are left out of what it records: the log is read by admins, and a
 * key's use is not a change.
 */
export class AuditLog1764900000000 implements MigrationInterface {
  name = 'AuditLog1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_log (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor text NOT NULL,
        operation text NOT NULL,
        action text NOT NULL CHECK (action IN ('INSERT', 'UPDATE', 'DELETE')),
        target_table text NOT NULL,
        target_id text,
        target text,
        before jsonb,
        after jsonb
      )`);
    await q.query(`CREATE INDEX audit_log_target_idx ON audit_log (lower(target), id DESC)`);
    await q.query(`CREATE INDEX audit_log_at_idx ON audit_log (at, id)`);
    await q.query(`
      CREATE FUNCTION audit_row() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        old_row jsonb := CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) - 'key_hash' - 'last_used_at' END;
        new_row jsonb := CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) - 'key_hash' - 'last_used_at' END;
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
          WHEN 'assessment_pause' THEN (SELECT m.reference FROM assessment a JOIN modification m ON m.id = a.modification_id WHERE a.id = (row_data->>'assessment_id')::uuid)
          ELSE (SELECT reference FROM modification WHERE id = (row_data->>'modification_id')::uuid)
        END;
        INSERT INTO audit_log (actor, operation, action, target_table, target_id, target, before, after)
        VALUES (coalesce(nullif(current_setting('sec.actor', true), ''), 'unrecorded (' || current_user || ')'),
                coalesce(nullif(current_setting('sec.operation', true), ''), 'unrecorded'),
                TG_OP, TG_TABLE_NAME, coalesce(row_data->>'id', row_data->>'reference', row_data->>'holiday_on'), target_text, old_row, new_row);
        RETURN NULL;
      END $$`);
    for (const table of AUDITED) {
      await q.query(`CREATE TRIGGER ${table}_audit AFTER INSERT OR UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION audit_row()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of AUDITED) await q.query(`DROP TRIGGER IF EXISTS ${table}_audit ON ${table}`);
    await q.query(`DROP FUNCTION audit_row()`);
    await q.query(`DROP TABLE audit_log`);
  }
}
