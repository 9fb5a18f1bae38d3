import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Request budgets per key (issue 8), shared by every API process: the table rate-limiter-flexible's
 * PostgreSQL store reads and writes, in its own layout, made here rather than by the library at
 * run time (migrations are the only way the schema changes).
 */
export class RateLimits1764800000000 implements MigrationInterface {
  name = 'RateLimits1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE rate_limit (
        key varchar(255) PRIMARY KEY,
        points integer NOT NULL DEFAULT 0,
        expire bigint
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE rate_limit`);
  }
}
