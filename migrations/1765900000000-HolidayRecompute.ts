import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A recompute for a holiday added or removed judges only the assessments whose clock spans that
 * day: a run of its own mode, recorded beside the nightly (incremental) and full runs.
 */
export class HolidayRecompute1765900000000 implements MigrationInterface {
  name = 'HolidayRecompute1765900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE sla_recompute_run DROP CONSTRAINT sla_recompute_run_mode_check`);
    await q.query(`ALTER TABLE sla_recompute_run ADD CONSTRAINT sla_recompute_run_mode_check CHECK (mode IN ('incremental', 'full', 'holiday'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE sla_recompute_run SET mode = 'full' WHERE mode = 'holiday'`);
    await q.query(`ALTER TABLE sla_recompute_run DROP CONSTRAINT sla_recompute_run_mode_check`);
    await q.query(`ALTER TABLE sla_recompute_run ADD CONSTRAINT sla_recompute_run_mode_check CHECK (mode IN ('incremental', 'full'))`);
  }
}
