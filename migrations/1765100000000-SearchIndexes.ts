import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The register's search (`modifications(filter: { search })`) matches any part of a reference or
 * title, case-insensitively (ILIKE '%…%'), which no b-tree serves: at 100,000 proposals it read the
 * whole table twice (the page and its total), 570 ms. Trigram indexes serve it (pg_trgm is a trusted
 * extension: any owner of the database may create it, and the embedded PostgreSQL ships it).
 */
export class SearchIndexes1765100000000 implements MigrationInterface {
  name = 'SearchIndexes1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`CREATE INDEX modification_reference_trgm ON modification USING gin (reference gin_trgm_ops)`);
    await q.query(`CREATE INDEX modification_title_trgm ON modification USING gin (title gin_trgm_ops)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX modification_title_trgm`);
    await q.query(`DROP INDEX modification_reference_trgm`);
  }
}
