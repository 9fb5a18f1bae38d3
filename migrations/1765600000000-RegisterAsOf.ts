import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The register as of any day, as one SQL function every reader shares (papers, digests, pages,
 * spreadsheets): `modifications_on(day)` gives each proposal that existed by the end of `day`
 * with the reference, kind and phase it had then.
 *
 * - A proposal exists from its raised date; without one, from its first recorded phase.
 * - Its phase is the last its history records on or before the day. Where the history begins
 *   after the day (a proposal imported from a later paper), the earliest phase it records is the
 *   register's first knowledge of it, and stands for the days before.
 * - A Draft Proposal converted after the day was still that Draft Proposal then: its former
 *   reference, and DRAFT_PROPOSAL.
 */
export class RegisterAsOf1765600000000 implements MigrationInterface {
  name = 'RegisterAsOf1765600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION modifications_on(day date)
      RETURNS TABLE (id uuid, reference text, kind text, phase text)
      LANGUAGE sql STABLE AS $$
        SELECT m.id,
               coalesce(f.reference, m.reference),
               CASE WHEN f.reference IS NOT NULL THEN 'DRAFT_PROPOSAL' ELSE m.kind END,
               coalesce(
                 (SELECT pc.to_phase FROM phase_change pc WHERE pc.modification_id = m.id AND pc.changed_on <= day
                   ORDER BY pc.changed_on DESC, pc.recorded_at DESC, pc.id DESC LIMIT 1),
                 (SELECT pc.to_phase FROM phase_change pc WHERE pc.modification_id = m.id
                   ORDER BY pc.changed_on, pc.recorded_at, pc.id LIMIT 1),
                 m.phase)
          FROM modification m
          LEFT JOIN LATERAL (
            SELECT fr.reference FROM modification_former_reference fr
             WHERE fr.modification_id = m.id AND fr.replaced_on > day ORDER BY fr.replaced_on LIMIT 1) f ON true
         WHERE coalesce(m.raised_on, (SELECT min(pc.changed_on) FROM phase_change pc WHERE pc.modification_id = m.id), day) <= day
      $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION modifications_on(date)`);
  }
}
