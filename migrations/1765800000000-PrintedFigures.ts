import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The figures a Panel paper printed (its DCC assessment and proposal timescales, Code Performance
 * Measure 9), by the month of the paper: a rebuilt paper footnotes where the register's own
 * figure differs from the printed one. Audited like the rest of the register.
 */
export class PrintedFigures1765800000000 implements MigrationInterface {
  name = 'PrintedFigures1765800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE printed_figure (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        period text NOT NULL CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
        figure text NOT NULL CHECK (figure IN ('PRELIMINARY_OPEN', 'PRELIMINARY_COMPLETED', 'IMPACT_OPEN', 'IMPACT_COMPLETED',
                                               'PROPOSALS_OPEN', 'PROPOSALS_CONCLUDED', 'CODE_PERFORMANCE_MEASURE_9')),
        total integer CHECK (total >= 0),
        average_working_days numeric(10, 2) CHECK (average_working_days >= 0),
        text text,
        note text,
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT printed_figure_unique UNIQUE (period, figure),
        CONSTRAINT printed_figure_says_something CHECK (total IS NOT NULL OR average_working_days IS NOT NULL OR text IS NOT NULL)
      )`);
    await q.query(`CREATE TRIGGER printed_figure_audit AFTER INSERT OR UPDATE OR DELETE ON printed_figure FOR EACH ROW EXECUTE FUNCTION audit_row()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE printed_figure`);
  }
}
