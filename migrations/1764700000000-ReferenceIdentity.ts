import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A proposal's reference is one name whatever its case (MP107 and mp107 are one proposal, kept
 * as first written), and a Draft Proposal converted to a Modification Proposal keeps its DP
 * reference as a former one: `DP153` still finds the MP it became, and the lineage is dated.
 * A register that already holds two references differing only in case is refused with their
 * names: one must be renamed first (no migration guesses which).
 */
export class ReferenceIdentity1764700000000 implements MigrationInterface {
  name = 'ReferenceIdentity1764700000000';

  async up(q: QueryRunner): Promise<void> {
    const clashes: Array<{ refs: string[] }> = await q.query(
      `SELECT array_agg(reference ORDER BY reference) AS refs FROM modification GROUP BY lower(reference) HAVING count(*) > 1`,
    );
    if (clashes.length) {
      throw new Error(`References that differ only in case name different proposals: ${clashes.map((c) => c.refs.join(' / ')).join('; ')}. Rename one of each, then migrate again.`);
    }
    await q.query(`CREATE UNIQUE INDEX modification_reference_ci ON modification (lower(reference))`);
    await q.query(`
      CREATE TABLE modification_former_reference (
        reference text PRIMARY KEY CHECK (reference ~ '^[A-Za-z]+[0-9]+[A-Za-z]*$'),
        modification_id uuid NOT NULL REFERENCES modification (id) ON DELETE CASCADE,
        replaced_on date NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX modification_former_reference_ci ON modification_former_reference (lower(reference))`);
    await q.query(`CREATE INDEX modification_former_reference_modification_idx ON modification_former_reference (modification_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE modification_former_reference`);
    await q.query(`DROP INDEX modification_reference_ci`);
  }
}
